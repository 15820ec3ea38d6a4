"""CLI for looking at cases: validate, rules, list, show.

Callbacks parse options and call the library; exit codes: 0 clean, 1 problems,
2 usage errors (click's own).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from complaints.base.findings import RULES
from complaints.cli.report import FORMATS, render
from complaints.load.paths import NoRepository, case_files, find_root, yaml_files


def _root() -> Path:
    try:
        return find_root()
    except NoRepository as exc:
        raise click.UsageError(str(exc)) from None


def _expand(root: Path, paths: tuple[Path, ...]) -> list[Path]:
    if not paths:
        return case_files(root)
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += yaml_files(p.resolve())
        else:
            out.append(p)
    return out


def _register_names(path: str | None) -> list[str]:
    if not path:
        return []
    from complaints.load.register import register_names

    try:
        return register_names(Path(path))
    except (OSError, ValueError) as exc:
        raise click.UsageError(f"private register {path}: {exc}") from None


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--register", envvar="COMPLAINTS_REGISTER", metavar="PATH",
              help="Private register of complainants; its names must not appear in public text.")
@click.option("--no-cache", is_flag=True, help="Check every file afresh.")
def validate(paths: tuple[Path, ...], fmt: str, register: str | None, no_cache: bool) -> None:
    """Check case files (default: all of cases/) and the policy.

    Prints `path:line:col: CODE message` for every problem; exit 1 if any.
    """
    from complaints.check.validate import validate as run

    root = _root()
    report = run(root, _expand(root, paths), names=_register_names(register), use_cache=not no_cache)
    click.echo(render(report.findings, report.checked, fmt), nl=False)
    sys.exit(1 if report.findings else 0)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def rules(fmt: str) -> None:
    """List every rule code with a one-line explanation."""
    if fmt == "json":
        click.echo(json.dumps(RULES, indent=2))
        return
    for code, text in RULES.items():
        click.echo(f"{code}  {text}")


@click.command("list")
@click.option("--status", multiple=True, help="Only these states (repeatable).")
@click.option("--category", multiple=True, help="Only these categories (repeatable).")
@click.option("--year", type=int, help="Only cases received in this year.")
@click.option("--open", "only_open", is_flag=True, help="Only cases not in a terminal state.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Label language.")
def list_cases(status: tuple[str, ...], category: tuple[str, ...], year: int | None,
               only_open: bool, fmt: str, lang: str | None) -> None:
    """List cases, newest first."""
    from complaints.desk.cases import Filter, list_rows, load_all, table
    from complaints.load.policy import PolicyError, load_policy

    root = _root()
    try:
        policy = load_policy(root)
    except PolicyError as exc:
        raise click.ClickException(str(exc)) from None
    cases, problems = load_all(root)
    rows = list_rows(cases, policy, Filter(set(status), set(category), year, only_open))
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(table(rows, policy, lang or _lang()), nl=False)
    for problem in problems:
        click.echo(f"skipped {problem} (run `complaints validate`)", err=True)


@click.command()
@click.argument("case_id")
@click.option("--format", "fmt", type=click.Choice(["text", "yaml", "json"]), default="text")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Label language.")
def show(case_id: str, fmt: str, lang: str | None) -> None:
    """Show one case: its fields and its history, readable."""
    from complaints.desk.cases import CaseNotFound, describe, find_case
    from complaints.load.policy import PolicyError, load_policy

    root = _root()
    try:
        policy = load_policy(root)
        path, doc = find_case(root, case_id)
    except (PolicyError, CaseNotFound) as exc:
        raise click.ClickException(str(exc)) from None
    if fmt == "yaml":
        click.echo(path.read_text("utf-8"), nl=False)
    elif fmt == "json":
        click.echo(json.dumps(doc.data, ensure_ascii=False, indent=2))
    else:
        click.echo(describe(doc.data, policy, lang or _lang()), nl=False)


def _lang() -> str:
    return "zh" if os.environ.get("LANG", "").startswith("zh") else "en"
