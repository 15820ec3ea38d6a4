"""CLI for looking at cases: validate, rules, list, show, desk.

Callbacks parse options and call the library; errors end in cli.handler.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from complaints.base.errors import CANNOT_RUN, OK, PROBLEMS
from complaints.base.findings import RULES
from complaints.cli.options import case_id_argument, format_option, register_option
from complaints.cli.report import FORMATS, render
from complaints.load.paths import case_files, find_root, yaml_files


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

    return register_names(Path(path))


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@format_option(FORMATS)
@register_option("Private register of complainants; its names must not appear in public text.")
@click.option("--no-cache", is_flag=True, help="Check every file afresh.")
def validate(paths: tuple[Path, ...], fmt: str, register: str | None, no_cache: bool) -> None:
    """Check case files (default: all of cases/) and the policy.

    Prints `path:line:col: CODE message` for every problem; exit 1 if any, 2 if the
    policy is unusable (the cases are still checked as far as they can be).
    """
    from complaints.check.validate import validate as run

    root = find_root()
    report = run(root, _expand(root, paths), names=_register_names(register), use_cache=not no_cache)
    click.echo(render(report.findings, report.checked, fmt), nl=False)
    sys.exit(CANNOT_RUN if not report.policy_ok else PROBLEMS if report.findings else OK)


@click.command()
@format_option(["text", "json"])
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
@format_option(["table", "json"])
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Label language.")
def list_cases(status: tuple[str, ...], category: tuple[str, ...], year: int | None,
               only_open: bool, fmt: str, lang: str | None) -> None:
    """List cases, newest first."""
    from complaints.desk.cases import Filter, list_rows, load_all, table
    from complaints.load.policy import load_policy

    root = find_root()
    policy = load_policy(root)
    cases, problems = load_all(root)
    rows = list_rows(cases, policy, Filter(set(status), set(category), year, only_open))
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(table(rows, policy, lang or _lang()), nl=False)
    for problem in problems:
        click.echo(f"skipped {problem} (run `complaints validate`)", err=True)


@click.command()
@case_id_argument
@format_option(["text", "yaml", "json"])
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Label language.")
def show(case_id: str, fmt: str, lang: str | None) -> None:
    """Show one case in the policy's words: fields, records, deadlines, what it waits for.

    --format json gives the same view as data (the case, its deadlines, the steps it
    waits for, with labels); --format yaml the file as it is.
    """
    from complaints.desk.cases import find_case
    from complaints.desk.show import as_json, describe
    from complaints.load.policy import load_policy

    root = find_root()
    policy = load_policy(root)
    path, doc = find_case(root, case_id)
    if fmt == "yaml":
        click.echo(path.read_text("utf-8"), nl=False)
    elif fmt == "json":
        click.echo(json.dumps(as_json(doc.data, policy, lang or _lang()), ensure_ascii=False, indent=2))
    else:
        click.echo(describe(doc.data, policy, lang or _lang()), nl=False)


@click.command()
@click.option("--as", "as_id", metavar="STAFF_ID",
              help="Whose desk (default: the signing key's owner, else git's user.name).")
@format_option(["text", "json"])
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Label language.")
def desk(as_id: str | None, fmt: str, lang: str | None) -> None:
    """The cases waiting on my roles, the oldest deadline first, with what each needs next."""
    from complaints.desk.cases import load_all
    from complaints.desk.identity import assumed
    from complaints.desk.mine import render, rows
    from complaints.desk.waiting import on_desk
    from complaints.load.policy import load_policy

    root = find_root()
    policy = load_policy(root)
    member, how = assumed(root, policy, as_id)
    cases, problems = load_all(root)
    lang = lang or _lang()
    table = rows(on_desk(cases, policy, member), policy, lang)
    if fmt == "json":
        click.echo(json.dumps({"staff": member.id, "by": how, "cases": table}, ensure_ascii=False,
                              indent=2))
    else:
        click.echo(render(member, how, table, policy, lang), nl=False)
    for problem in problems:
        click.echo(f"skipped {problem} (run `complaints validate`)", err=True)


def _lang() -> str:
    return "zh" if os.environ.get("LANG", "").startswith("zh") else "en"
