"""The one error hierarchy and the exit codes it maps to.

Every error the library raises on purpose derives from `ComplaintsError`, a
`click.ClickException`, and says by its class which exit it means, so the CLI
never decides an exit code itself (mkdocs' exceptions follow the same idea).
`cli.handler` turns everything else (interrupts, bugs) into the same contract.
"""

from __future__ import annotations

import click

# The exit-code contract, documented in the README and in `complaints --help`.
OK = 0  # clean: nothing to report
PROBLEMS = 1  # the input has problems: findings, a refused step, an unknown case
CANNOT_RUN = 2  # usage error, no repository, unusable policy or register, missing tool
INTERRUPTED = 130  # Ctrl-C or SIGTERM (128 + SIGINT, as shells report it)

EXIT_CODES = {OK: "clean", PROBLEMS: "the input has problems (findings, a refused step)",
              CANNOT_RUN: "the command cannot run (usage, repository, policy, tools)",
              INTERRUPTED: "interrupted"}


class ComplaintsError(click.ClickException):
    """An error with a message for people and, where one applies, a stable rule code.

    Printed as `Error: CODE message`; `listed` messages already name their codes
    (a list of findings) and are printed as they are.
    """

    exit_code = PROBLEMS

    def __init__(self, message: str, code: str | None = None, listed: bool = False) -> None:
        super().__init__(message)
        self.code, self.listed = code, listed

    def __str__(self) -> str:
        return self.message if self.listed or not self.code else f"{self.code} {self.message}"

    def format_message(self) -> str:
        return str(self)

    def __reduce__(self) -> tuple[object, ...]:
        # Subclasses take other arguments; rebuild from the state, so an error
        # raised in a forked worker reaches the parent intact.
        return _restore, (type(self), self.__dict__)


def _restore(cls: type[ComplaintsError], state: dict[str, object]) -> ComplaintsError:
    error = cls.__new__(cls)
    Exception.__init__(error, state.get("message"))
    error.__dict__.update(state)
    return error


class Problems(ComplaintsError):
    """The input was read and is wrong: a refused step, a bad file, an unknown case."""

    exit_code = PROBLEMS


class CannotRun(ComplaintsError):
    """The command cannot do its work here: no repository, an unusable policy, ..."""

    exit_code = CANNOT_RUN
