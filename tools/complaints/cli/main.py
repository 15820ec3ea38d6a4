"""The `complaints` command: a thin, lazily imported front over the library.

Subcommands live in per-concern modules and are imported only when named, so
`complaints --help` stays fast. Workflow verbs (approve, respond, ...) come
from the policy's transitions, so a step added to the policy is a verb at once.
Every run ends through `handler.run`, the one place that decides the exit code.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from complaints.base.errors import CANNOT_RUN, EXIT_CODES, INTERRUPTED, OK, PROBLEMS
from complaints.cli.handler import run

# name -> (module, attribute, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "validate": ("complaints.cli.cases", "validate", "Check case files and the policy."),
    "rules": ("complaints.cli.cases", "rules", "List every rule code."),
    "list": ("complaints.cli.cases", "list_cases", "List cases."),
    "show": ("complaints.cli.cases", "show", "Show one case."),
    "due": ("complaints.cli.due", "due", "What is overdue and what falls due soon."),
    "desk": ("complaints.cli.cases", "desk", "The cases waiting on my roles, oldest deadline first."),
    "mine": ("complaints.cli.cases", "desk", "The same as desk."),
    "new": ("complaints.cli.intake", "new", "Register a new complaint (intake)."),
    "intake": ("complaints.cli.intake", "intake", "Prepare an intake from elsewhere (a GitHub issue)."),
    "next": ("complaints.cli.workflow", "next_steps", "Steps open to you for a case."),
    "step": ("complaints.cli.workflow", "step", "Take any policy step on a case."),
    "import": ("complaints.cli.intake", "import_csv", "Import past complaints from CSV."),
    "renumber": ("complaints.cli.intake", "renumber", "Give a colliding case a fresh id."),
    "log": ("complaints.cli.audit", "log", "A case's trail read from Git."),
    "verify": ("complaints.cli.audit", "verify", "Verify the signed trail."),
    "signers": ("complaints.cli.audit", "signers", "Write or check allowed_signers."),
    "demo": ("complaints.cli.audit", "demo", "Create a signed demo organization repo."),
    "init": ("complaints.cli.org", "init", "Create a new organization's repository."),
    "staff": ("complaints.cli.org", "staff", "Add, change or remove staff and their keys."),
    "remind": ("complaints.cli.audit", "remind", "Open, update or close the reminder issue."),
    "site": ("complaints.cli.site", "site", "Build or serve the public site."),
}


def _verbs() -> list[str]:
    """Workflow verbs from the policy; none when no policy is reachable."""
    try:
        from complaints.cli.workflow import verb_names
    except ImportError:
        return []
    try:
        return [v for v in verb_names() if v not in COMMANDS]
    except Exception:  # no repo here: plain --help must still work
        return []


class LazyGroup(click.Group):
    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        code = run(lambda: super(LazyGroup, self).main(
            args, prog_name, complete_var, standalone_mode=False, **extra))
        if standalone_mode:
            sys.exit(code)
        return code

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS) + _verbs()

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS:
            module, attr, _ = COMMANDS[name]
            try:
                command = getattr(importlib.import_module(module), attr)
            except (ImportError, AttributeError):
                return None
            return command if isinstance(command, click.Command) else None
        verbs = _verbs()
        if name in verbs or name.replace("-", "_") in verbs:  # send-back is send_back
            from complaints.cli.workflow import verb_command

            return verb_command(name if name in verbs else name.replace("-", "_"))
        from complaints.load.paths import find_root

        find_root()  # outside a repository there are no verbs: say why (exit 2), not "no such command"
        return None

    def format_commands(self, ctx: click.Context, formatter: Any) -> None:
        # Short help from the table, so listing commands imports nothing.
        rows = [(name, COMMANDS[name][2]) for name in sorted(COMMANDS)]
        rows += [(verb, "Workflow step (from the policy).") for verb in _verbs()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="complaints-as-code")
def main() -> None:
    """Handle complaints in Git: validate, advance, verify and publish cases."""


main.help = (main.help or "") + "\n\nExit codes: " + "; ".join(
    f"{code} {EXIT_CODES[code]}" for code in (OK, PROBLEMS, CANNOT_RUN, INTERRUPTED)) + "."
