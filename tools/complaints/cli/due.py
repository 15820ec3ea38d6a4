"""CLI for deadlines: `complaints due`, what is overdue and what falls due soon."""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime

import click

from complaints.base.errors import CANNOT_RUN, OK, PROBLEMS
from complaints.cli.options import format_option
from complaints.load.paths import find_root


@click.command()
@click.option("--within", type=click.IntRange(min=0), default=7, show_default=True, metavar="N",
              help="Also list what falls due within N days.")
@format_option(["text", "json"])
@click.option("--today", metavar="YYYY-MM-DD", help="The day to compute for (default: today in the "
              "organization's time zone).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Label language.")
@click.option("--no-cache", is_flag=True, help="Read every case afresh.")
def due(within: int, fmt: str, today: str | None, lang: str | None, no_cache: bool) -> None:
    """What is overdue and what falls due within N days, by clock and by the role that must act.

    Exit 0 when nothing is overdue, 1 when something is, 2 when the command cannot run
    (no repository, an unusable policy, or a due date the calendar cannot give yet:
    D101, a working-day deadline in a year without an official schedule).
    """
    from complaints.desk.due import due as compute
    from complaints.desk.due import text
    from complaints.load.policy import load_policy
    from complaints.procedure.clock import offset

    root = find_root()
    policy = load_policy(root)
    try:
        day = date.fromisoformat(today) if today else datetime.now(offset(policy)).date()
    except ValueError:
        raise click.BadParameter(f"{today!r} is not a date (YYYY-MM-DD)", param_hint="--today") from None
    report = compute(root, policy, day, within, use_cache=not no_cache)
    if fmt == "json":
        click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(text(report, policy, lang or ("zh" if os.environ.get("LANG", "").startswith("zh") else "en")),
                   nl=False)
    for problem in report.refused:
        click.echo(str(problem), err=True)
    for rel in report.skipped:
        click.echo(f"skipped {rel} (run `complaints validate`)", err=True)
    sys.exit(CANNOT_RUN if report.refused else PROBLEMS if report.overdue else OK)
