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
           "subject_unit", "subject_staff", "name", "phone", "email", "address")
OPTIONAL = ("remedy_sought", "subject_unit", "subject_staff", "name", "phone", "email", "address")
LABELS = {"subject_unit": "unit concerned (optional)",
          "subject_staff": "staff concerned, ids comma-separated, who then stand aside (optional)"}
DRAFT = "intake-draft.yaml"  # under .git/complaints/: never committed, never pushed
CHOICE_KINDS = {"channel": "channels", "category": "categories", "severity": "severities"}


def _from_file(path: Path) -> dict[str, Any]:
    """Intake fields from a YAML or JSON file; nested subject/contact flattened.

    Whatever is wrong with the file is reported as the file's own finding
    (`path:line:col: CODE message`), a missing file too.
    """
    from complaints.base.findings import finding
    from complaints.load.safeyaml import LoadError, load_file

    try:
        doc = load_file(path)
    except LoadError as exc:  # the file's own error, as validate would print it
        raise Problems(str(exc.finding(str(path))), listed=True) from None
    out: dict[str, Any] = {}
    where: dict[str, tuple[str, ...]] = {}
    for key, value in doc.data.items():
        if key in ("subject", "contact") and isinstance(value, dict):
            prefix = "subject." if key == "subject" else ""
            out.update({prefix + k: v for k, v in value.items()})
            where.update({prefix + k: (key, k) for k in value})
        else:
            out[key] = value
            where[key] = (key,)
    unknown = sorted(set(out) - set(FIELDS.values()))
    if unknown:
        lines = [str(finding(str(path), *doc.pos(where[k]), "S102", f"unknown intake field {k} "
                             f"(fields: {', '.join(sorted(FIELDS.values()))})")) for k in unknown]
        raise Problems("\n".join(lines), listed=True)
    return out


def _ask(root: Path, values: dict[str, Any]) -> None:
    """Prompt for what is missing; each answer is checked as it is typed, and asked again."""
    from complaints.load.policy import load_policy
    from complaints.workflow.intake import CASE_FIELDS, check_answer

    policy = load_policy(root)
    for key in PROMPTS:
        dotted = FIELDS[key]
        if values.get(dotted):
            continue
        optional = key in OPTIONAL
        label = LABELS.get(key, key.replace("_", " ") + (" (optional)" if optional else ""))
        if key in CHOICE_KINDS:
            values[dotted] = click.prompt(label, type=click.Choice(list(policy.codes[CHOICE_KINDS[key]])))
            continue

        def check(text: str, dotted: str = dotted, optional: bool = optional) -> str:
            if not text and optional:
                return text
            problem = check_answer(policy, dotted, text) if dotted in CASE_FIELDS else None
            if problem:
                raise click.BadParameter(problem)  # click says it and asks again
            return text

        answer = click.prompt(label, default="" if optional else None, show_default=False,
                              value_proc=check)
        if answer:
            values[dotted] = answer


def _save_draft(root: Path, values: dict[str, Any]) -> Path:
    """Keep what was typed (contact details too) where only this clone has it."""
    import yaml

    from complaints.base.git import Git

    path = Git(root).git_dir() / "complaints" / DRAFT
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump({k: v for k, v in values.items() if v not in (None, "")},
                                   allow_unicode=True, sort_keys=False), "utf-8")
    path.chmod(0o600)
    return path


def _intake_options(func: Any) -> Any:
    for name in reversed(list(FIELDS)):
        flag = "--" + name.replace("_", "-")
        func = click.option(flag, name, help=f"{FIELDS[name]}")(func)
    return func


@click.command()
@_intake_options
@click.option("--from", "source", type=click.Path(dir_okay=False, path_type=Path),
              help="Read the fields from a YAML or JSON file (flags override it).")
@register_option("Private register for contact details (outside the repository).")
@click.option("--interactive/--no-input", "interactive", default=None,
              help="Prompt for missing fields (default: when run in a terminal).")
def new(source: Path | None, register: str | None, interactive: bool | None, **opts: Any) -> None:
    """Register a new complaint (intake): one case file, one signed commit.

    Contact details (--name, --phone, --email, --address) go only to the private
    register; the case carries an opaque reference.
    """
    from complaints.base.errors import ComplaintsError
    from complaints.load.register import register_path
    from complaints.workflow.intake import create_case

    root = find_root()
    values: dict[str, Any] = _from_file(source) if source else {}
    values.update({FIELDS[k]: v for k, v in opts.items() if v is not None})
    asked = sys.stdin.isatty() if interactive is None else interactive
    if asked:
        _ask(root, values)
    try:
        result = create_case(root, values, register_path(register, root))
    except ComplaintsError as exc:
        if asked:  # nothing typed is lost: it waits in a draft for `new --from`
            draft = _save_draft(root, values)
            click.echo(f"your answers are kept in {draft}: correct them and run "
                       f"`complaints new --from {draft}`", err=True)
        raise exc from None
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
