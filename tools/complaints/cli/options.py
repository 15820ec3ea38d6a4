"""What several commands share, defined once: the case-id argument, output formats,
the private-register option.

Shared options follow mkdocs' `add_options` idea: a decorator per option group, so
every command spells an option the same way and with the same help.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from complaints.load.paths import parse_case_id

F = TypeVar("F", bound=Callable[..., Any])


class CaseIdType(click.ParamType):  # type: ignore[type-arg]  # generic only in newer click stubs
    """A case id as typed: checked and normalised (lower case is accepted) before use."""

    name = "CASE_ID"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        return parse_case_id(str(value))  # BadCaseId (X127, exit 2) explains itself


CASE_ID = CaseIdType()


def case_id_argument(func: F) -> F:
    return click.argument("case_id", type=CASE_ID)(func)


def format_option(choices: Sequence[str], default: str | None = None) -> Callable[[F], F]:
    return click.option("--format", "fmt", type=click.Choice(list(choices)),
                        default=default or choices[0], show_default=True, help="Output format.")


_REGISTER: dict[str, Any] = {"envvar": "COMPLAINTS_REGISTER", "metavar": "PATH"}


def register_param(help: str) -> click.Option:
    """--register PATH (also $COMPLAINTS_REGISTER): the private register, outside the repo."""
    return click.Option(["--register"], help=help, **_REGISTER)


def register_option(help: str) -> Callable[[F], F]:
    return click.option("--register", help=help, **_REGISTER)
