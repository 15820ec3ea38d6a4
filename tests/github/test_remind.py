"""The scheduled reminder, fed with `complaints due --format json` reports, against the API
double: one issue, opened once, updated in place, closed when nothing is due, reopened."""

from __future__ import annotations

from pathlib import Path

import pytest
from apidouble import Double
from click.testing import CliRunner, Result

from complaints.cli.main import main
from complaints.github.remind import LABEL, MARK

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "github"


def remind(name: str, code: int = 0) -> Result:
    result = CliRunner().invoke(main, ["remind", str(FIXTURES / f"due-{name}.json")])
    assert result.exit_code == code, result.output
    return result


def reminders(github: Double) -> list[dict[str, object]]:
    return [i for i in github.issues.values() if LABEL in [x["name"] for x in i["labels"]]]  # type: ignore[index]


def test_one_issue_opened_updated_and_closed(github: Double) -> None:
    assert "opened #1" in remind("overdue").output
    (issue,) = reminders(github)
    assert issue["title"] == "Complaint deadlines: 1 overdue, 1 due within 7 days"
    body = str(issue["body"])
    assert body.startswith(MARK)
    assert "| C-2026-0012 | Report issued late | Resolution / 处理时限 | 2026-12-01 | -2 |" in body
    assert "2026-12-07 \\(estimated\\)" in body
    assert "Sample \\| returned \\*torn\\* @\u2060someone" in body  # inert: no table break, markup or mention

    assert "unchanged #1" in remind("overdue").output  # the same list: no write, no notification
    assert len(github.writes()) == 1

    assert "updated #1" in remind("soon").output
    (issue,) = reminders(github)
    assert issue["title"] == "Complaint deadlines: 0 overdue, 1 due within 7 days"
    assert "C-2026-0012" not in str(issue["body"]) and "Overdue" not in str(issue["body"])

    assert "closed #1" in remind("nothing").output
    (issue,) = reminders(github)
    assert issue["state"] == "closed" and "Nothing is overdue" in github.comments[1][0]
    assert "no reminder open" in remind("nothing").output  # closed stays closed, no new comment
    assert len(github.comments[1]) == 1


def test_a_closed_reminder_is_reopened_not_duplicated(github: Double) -> None:
    github.add(7, "Complaint deadlines: old", f"{MARK}\nold", [LABEL], state="closed")
    github.add(8, "Unrelated bug", "x", ["bug"])
    assert "reopened #7" in remind("overdue").output
    assert [i["number"] for i in reminders(github)] == [7]
    assert github.issues[7]["state"] == "open" and "C-2026-0012" in github.issues[7]["body"]
    assert github.issues[8]["title"] == "Unrelated bug"


def test_nothing_due_and_no_issue_writes_nothing(github: Double) -> None:
    assert "no reminder open" in remind("nothing").output
    assert github.writes() == []


def test_a_bad_report_or_a_refused_token_cannot_run(github: Double, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "due-bad.json"
    bad.write_text('{"as_of": "2026-12-03", "items": [{"case": 1}]}', "utf-8")
    result = CliRunner().invoke(main, ["remind", str(bad)])
    assert result.exit_code == 2 and "not a `complaints due --format json` report" in result.output
    monkeypatch.setenv("GH_TOKEN", "wrong")
    result = CliRunner().invoke(main, ["remind", str(FIXTURES / "due-overdue.json")])
    assert result.exit_code == 2 and "HTTP 401" in result.output and "Traceback" not in result.output
    assert github.writes() == []
