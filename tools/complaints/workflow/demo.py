"""`complaints demo DIR`: a signed example organization to try log and verify on.

Built by driving the workflow library exactly as staff would (each step as
the roster member holding the role, signed with their throwaway key), so the
demo is also an end-to-end exercise of intake, every branch of the default
workflow and a signed import of past records.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from complaints.base.errors import CannotRun
from complaints.workflow.org import OrgRepo, create_org_repo

TZ = timezone(timedelta(hours=8))
Script = list[tuple[str, str, dict[str, Any]]]  # (step, staff id, fields incl. note)

DECIDE = {"decision.finding": "partly_upheld", "decision.remedies": "retest,explanation",
          "decision.rationale": "The retest agreed within the stated uncertainty."}
RESPOND = {"response.summary": "We explained the retest and corrected the report.",
           "response.channel": "email"}
OPEN = [("acknowledge", "s-zhao", {}), ("accept", "s-sun", {}),
        ("assign", "s-sun", {"investigator": "s-wu"})]
# One script per branch of the default workflow; cases cycle through them.
SCRIPTS: list[tuple[str, Script]] = [
    ("handled and closed", [*OPEN, ("propose", "s-wu", DECIDE), ("approve", "s-li", {}),
                            ("respond", "s-zhao", RESPOND),
                            ("close", "s-zhao", {"satisfaction.accepted": "yes",
                                                 "satisfaction.score": "4"})]),
    ("not accepted", [("acknowledge", "s-qian", {}),
                      ("decline", "s-sun", {"decline.ground": "out_of_scope"})]),
    ("referred", [("refer", "s-sun", {"referral.body": "Market regulator"})]),
    ("sent back, then decided", [*OPEN, ("propose", "s-wu", DECIDE),
                                 ("send_back", "s-li", {"note": "Check the second sample."}),
                                 ("propose", "s-wu", DECIDE), ("approve", "s-sun", {}),
                                 ("respond", "s-qian", RESPOND)]),
    ("appealed and reviewed", [*OPEN, ("propose", "s-wu", DECIDE), ("approve", "s-li", {}),
                               ("respond", "s-zhao", RESPOND),
                               ("appeal", "s-zhao", {"appeal.grounds": "Disputes the retest."}),
                               ("review", "s-wang", {"appeal.outcome": "original_upheld"}),
                               ("respond", "s-zhao", RESPOND),
                               ("close", "s-zhao", {"satisfaction.accepted": "no"})]),
    ("withdrawn", [("acknowledge", "s-zhao", {}), ("accept", "s-sun", {}),
                   ("withdraw", "s-zhao", {"note": "The complainant withdrew by phone."})]),
    ("closed and reopened", [*OPEN, ("propose", "s-wu", DECIDE), ("approve", "s-li", {}),
                             ("respond", "s-zhao", RESPOND),
                             ("close", "s-zhao", {"satisfaction.accepted": "yes"}),
                             ("reopen", "s-sun", {"note": "A new retest contradicts the first."})]),
    ("major, approved by the director", [*OPEN, ("propose", "s-wu", DECIDE),
                                         ("approve", "s-zheng", {}),
                                         ("respond", "s-zhao", RESPOND)]),
    ("in progress", [("acknowledge", "s-zhao", {}), ("accept", "s-sun", {})]),
]
IMPORT_CSV = """case,step,at,actor,title,channel,category,severity,summary,note,decision.finding,\
decision.remedies,decision.rationale,response.summary,response.channel,satisfaction.accepted,investigator
old-1,intake,{d0},s-zhao,Late report (paper records),letter,procedure,minor,Report sent late.,,,,,,,,
old-1,acknowledge,{d1},s-zhao,,,,,,,,,,,,,
old-1,accept,{d2},s-sun,,,,,,,,,,,,,
old-1,assign,{d3},s-sun,,,,,,,,,,,,,s-li
old-1,propose,{d4},s-li,,,,,,,upheld,apology,The report left late.,,,,
old-1,approve,{d5},s-zheng,,,,,,,,,,,,,
old-1,respond,{d6},s-zhao,,,,,,,,,,We apologized.,letter,,
old-1,close,{d7},s-zhao,,,,,,,,,,,,yes,
"""


class DemoError(CannotRun):
    """The demo cannot be created there (the folder is not empty, ...)."""


def _clock(start: datetime) -> Callable[[float], str]:
    now = [start]

    def tick(hours: float) -> str:
        now[0] += timedelta(hours=hours)
        return now[0].isoformat(timespec="seconds")
    return tick


def build_demo(directory: Path, count: int = 24, keys: Path | None = None) -> str:
    """Create the demo repository; returns a short summary for the terminal."""
    from complaints.workflow.importer import import_file
    from complaints.workflow.intake import create_case
    from complaints.workflow.take import take_step
    from complaints.workflow.transaction import StepError

    directory = directory.resolve()
    if directory.exists() and any(directory.iterdir()):
        raise DemoError(f"{directory} exists and is not empty")
    keys_dir = (keys or directory.parent / f"{directory.name}-keys").resolve()
    try:
        org = create_org_repo(directory, keys_dir)
    except ValueError as exc:
        raise DemoError(str(exc)) from None
    start = datetime.now(TZ).replace(microsecond=0) - timedelta(days=30 + 2 * count)
    tick = _clock(start)
    steps = 0
    try:
        steps += _import_past(org, directory, tick, import_file)
        for i in range(count):
            title, script = SCRIPTS[i % len(SCRIPTS)]
            org.act_as("s-zhao")
            values = {"title": f"Demo complaint: {title}", "channel": "web",
                      "category": ("report", "procedure", "billing")[i % 3],
                      "severity": "major" if "major" in title else "minor",
                      "summary": "An invented, anonymized complaint for the demo.",
                      "subject.unit": "Chemistry lab", "subject.staff": "s-zhou",
                      "received": tick(20)}
            case = create_case(directory, values, None)
            steps += 1
            for step, actor, fields in script:
                org.act_as(actor)
                note = fields.get("note")
                take_step(directory, case.case_id, step,
                          {k: v for k, v in fields.items() if k != "note"}, note, tick(5))
                steps += 1
    except StepError as exc:
        raise DemoError(f"the demo could not take a step: {exc}") from None
    return (f"demo organization in {directory}: {count} cases, {steps} signed steps\n"
            f"throwaway keys in {keys_dir} (act as a member: see git config user.signingkey)\n"
            f"try: cd {directory} && complaints verify && complaints log {case.case_id}")


def _import_past(org: OrgRepo, directory: Path, tick: Callable[[float], str],
                 import_file: Callable[..., Any]) -> int:
    """One signed import commit of past paper records, by the admin."""
    dates = {f"d{i}": tick(6) for i in range(8)}
    csv_path = org.keys_dir / "past-records.csv"
    csv_path.write_text(IMPORT_CSV.format(**dates), "utf-8")
    org.act_as("s-qian")
    import_file(directory, csv_path, None)
    return 1
