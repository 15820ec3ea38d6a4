"""`complaints list` and `show` carry each case's next deadline."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from testing.cli import make_root, run
from tests.procedure.helpers import nth_working_day, package, write_case


def test_list_and_show_the_next_deadline(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    write_case(root, "C-2026-0001", "2026-11-20T10:00:00+08:00")  # never acknowledged: overdue from now on
    write_case(root, "C-2026-0002", "2026-11-02T10:00:00+08:00",
               ("2026-11-02T11:00:00+08:00", "acknowledge", "acknowledged"),
               ("2026-11-03T10:00:00+08:00", "decline", "not_accepted"))
    rows = {r["id"]: r for r in json.loads(run(root, "list", "--format", "json").output)}
    due = nth_working_day(package("CN"), date(2026, 11, 20), 3)
    nxt = rows["C-2026-0001"]["next_deadline"]
    assert nxt["clock"] == "acknowledge" and nxt["due"] == due.isoformat()
    assert nxt["state"] == "overdue" and nxt["days_left"] < 0 and nxt["estimated"] is False
    assert rows["C-2026-0002"]["next_deadline"] is None  # closed: nothing runs
    table = run(root, "list", "--lang", "en").output
    assert table.splitlines()[0].split()[5:7] == ["Next", "due"]
    assert f"{due.isoformat()} !" in table
    shown = run(root, "show", "C-2026-0001", "--lang", "en").output
    assert "\ndeadlines:\n" in shown
    flat = " ".join(shown.split())
    assert f"Acknowledgement due {due.isoformat()}, overdue," in flat and "(Intake officer)" in flat
