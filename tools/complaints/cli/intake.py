"""CLI for creating cases: `new` (intake), `intake from-issue` (prepare one from a GitHub issue
form), `import` (CSV) and `renumber`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from complaints.base.errors import Problems
from complaints.cli.options import case_id_argument, register_option
from complaints.load.paths import find_root

# option name -> case field (dotted) or contact field for the private register
FIELDS = {
    "title": "title", "channel": "channel", "category": "category", "severity": "severity",
    "kind": "kind", "language": "language", "summary": "summary",
    "remedy_sought": "remedy_sought", "received": "received", "subject_unit": "subject.unit",
    "subject_staff": "subject.staff", "subject_report": "subject.report", "note": "note",
    "name": "name", "phone": "phone", "email": "email", "address": "address",
}
PROMPTS = ("title", "channel", "category", "severity", "summary", "remedy_sought",
           "name", "phone", "email", "address")
CHOICE_KINDS = {"channel": "channels", "category": "categories", "severity": "severities"}


def _from_file(path: Path) -> dict[str, Any]:
    """Intake fields from a YAML or JSON file; nested subject/contact flattened."""
    from complaints.load.safeyaml import LoadError, load_file

    try:
        data = load_file(path).data
    except LoadError as exc:  # the file's own error, as validate would print it
        raise Problems(str(exc.finding(str(path))), listed=True) from None
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("subject", "contact") and isinstance(value, dict):
            prefix = "subject." if key == "subject" else ""
            out.update({prefix + k: v for k, v in value.items()})
        else:
            out[key] = value
    unknown = sorted(set(out) - set(FIELDS.values()))
    if unknown:
        raise Problems(f"{path}: unknown intake fields {', '.join(unknown)}", "S102")
    return out


def _ask(root: Path, values: dict[str, Any]) -> None:
    from complaints.load.policy import load_policy

    policy = load_policy(root)
    for key in PROMPTS:
        if values.get(key):
            continue
        optional = key in ("remedy_sought", "name", "phone", "email", "address")
        label = key.replace("_", " ") + (" (optional)" if optional else "")
        if key in CHOICE_KINDS:
            allowed = list(policy.codes[CHOICE_KINDS[key]])
            values[key] = click.prompt(label, type=click.Choice(allowed))
        else:
            answer = click.prompt(label, default="" if optional else None, show_default=False)
            if answer:
                values[key] = answer


def _intake_options(func: Any) -> Any:
    for name in reversed(list(FIELDS)):
        flag = "--" + name.replace("_", "-")
        func = click.option(flag, name, help=f"{FIELDS[name]}")(func)
    return func


@click.command()
@_intake_options
@click.option("--from", "source", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the fields from a YAML or JSON file (flags override it).")
@register_option("Private register for contact details (outside the repository).")
@click.option("--interactive/--no-input", "interactive", default=None,
              help="Prompt for missing fields (default: when run in a terminal).")
def new(source: Path | None, register: str | None, interactive: bool | None, **opts: Any) -> None:
    """Register a new complaint (intake): one case file, one signed commit.

    Contact details (--name, --phone, --email, --address) go only to the private
    register; the case carries an opaque reference.
    """
    from complaints.load.register import register_path
    from complaints.workflow.intake import create_case

    root = find_root()
    values: dict[str, Any] = _from_file(source) if source else {}
    values.update({FIELDS[k]: v for k, v in opts.items() if v is not None})
    if sys.stdin.isatty() if interactive is None else interactive:
        _ask(root, values)
    result = create_case(root, values, register_path(register, root))
    click.echo(f"{result.case_id}: registered (intake by {result.actor}), "
               f"commit {result.commit[:12]}")


@click.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@register_option("Private register for contact columns (outside the repository).")
@click.option("--dry-run", is_flag=True, help="Check the file and report; write nothing.")
def import_csv(csv_file: Path, register: str | None, dry_run: bool) -> None:
    """Import past complaints from CSV: all cases in one signed commit, or none.

    One row per step; see `docs` or importer.py for the columns.
    """
    from complaints.load.register import register_path
    from complaints.workflow.importer import import_file

    root = find_root()
    result = import_file(root, csv_file, register_path(register, root), dry_run=dry_run)
    verb = "would import" if dry_run else "imported"
    click.echo(f"{verb} {len(result.case_ids)} cases: {', '.join(result.case_ids)}"
               + (f", commit {result.commit[:12]}" if result.commit else ""))


@click.command()
@case_id_argument
def renumber(case_id: str) -> None:
    """Give a case the next free id of its year (after an id collision), signed.

    One commit removes the old file and adds the new one, identical but for the
    id; `complaints verify` and `complaints log` follow the case across it.
    """
    from complaints.workflow.intake import renumber as run

    result = run(find_root(), case_id)
    click.echo(f"{result.source} is now {result.target}, commit {result.commit[:12]}")


@click.group()
def intake() -> None:
    """Prepare an intake from a complaint filed elsewhere; `new --from` then registers it."""


@intake.command("from-issue")
@click.argument("event", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the prepared intake file here (default: print it).")
@click.option("--reply", is_flag=True,
              help="Act on GitHub: redact the issue or reply with the prepared file (GH_TOKEN).")
@click.option("--repo", metavar="OWNER/NAME", help="The repository (default: from the event).")
def from_issue(event: Path, out: Path | None, reply: bool, repo: str | None) -> None:
    """Read a complaint issue form (an `issues` event, or an issue saved from the API).

    The privacy gate runs first: with personal data found nothing is prepared, and with
    --reply the issue's title and body are replaced by redacted ones and the reply says
    what to remove (exit 1). A clean form becomes an intake file for `complaints new --from`.
    """
    from complaints.base.errors import PROBLEMS
    from complaints.github.intake import from_issue as run
    from complaints.load.policy import load_policy

    result, prepared = run(event, load_policy(find_root()), reply, out, repo)
    for f in result.findings:
        click.echo(str(f))
    if prepared is None:
        click.echo(f"issue #{result.number}: not taken in" + (" (redacted and replied)" if reply else ""))
        sys.exit(PROBLEMS)
    if out is None:
        click.echo(prepared, nl=False)
    else:
        click.echo(f"issue #{result.number}: prepared {out}; register it with `complaints new --from {out}`")
