"""History times on a real signed trail: a step back-dated before the step above
(T124) or dated after the commit that records it (T125) is caught by verify, in a
whole-history run (cached or not) and in a --range run alike."""

from __future__ import annotations

import json
from typing import Any

import pytest

from testing.cli import run
from testing.trail import TARGET, Trail

CASE = "C-2026-0001"


def record(t: Trail, step: str, actor: str, at: str) -> str:
    """A signed step like Trail.step, but with its history time chosen by the test."""
    data = t.read(CASE)
    entry = {"at": at, "step": step, "from": data["status"], "to": TARGET[step], "actor": actor}
    data["history"].append(entry)
    data["status"] = entry["to"]
    t.write(CASE, data)
    return t.commit(f"{CASE}: {entry['from']} → {entry['to']}", t.trailers(CASE, step, actor), actor)


def verify(t: Trail, *args: str) -> list[dict[str, Any]]:
    """`complaints verify --format json` on the trail; its findings (exit 1 when any)."""
    res = run(t.root, "verify", "--format", "json", *args)
    body = json.loads(res.output)
    assert res.exit_code == (1 if body["findings"] else 0), res.output
    return list(body["findings"])


def runs(t: Trail, base: str) -> dict[str, list[dict[str, Any]]]:
    """The same trail verified four ways; the second whole run is served from the cache."""
    return {"whole": verify(t), "cached": verify(t), "no-cache": verify(t, "--no-cache"),
            "range": verify(t, "--range", f"{base}..HEAD")}


@pytest.mark.parametrize(("at", "codes", "why"), [
    # before acknowledge; the honest step after it is fine again
    ("2025-12-31T09:00:00+08:00", ["T124"], "is before the step above"),
    # after its own commit; the honest step after it then lies before it
    ("2099-01-01T09:00:00Z", ["T125", "T124"], "2099-01-01T09:00:00Z"),
])
def test_bad_history_time_is_flagged_in_every_run(trail: Trail, at: str, codes: list[str], why: str) -> None:
    trail.step(CASE, "acknowledge", "s-zhao")
    base = trail.git.out("rev-parse", "HEAD")
    sha = record(trail, "accept", "s-sun", at)
    later = trail.step(CASE, "assign", "s-sun")
    line = trail.path(CASE).read_text("utf-8").splitlines().index(f"- at: '{at}'") + 1
    for name, found in runs(trail, base).items():
        assert [f["code"] for f in found] == codes, (name, found)
        assert sha[:12] in found[0]["message"] and why in found[0]["message"], name
        assert (found[0]["path"], found[0]["line"]) == (f"cases/2026/{CASE}.yaml", line), name
        assert all(later[:12] in f["message"] for f in found[1:]), name


def test_times_in_order_and_before_their_commits_pass(trail: Trail) -> None:
    trail.step(CASE, "acknowledge", "s-zhao")
    base = trail.git.out("rev-parse", "HEAD")
    record(trail, "accept", "s-sun", "2026-01-01T11:00:00+08:00")  # the same time as the step above
    for name, found in runs(trail, base).items():
        assert found == [], name


def test_validate_and_verify_agree_on_a_back_dated_step(trail: Trail) -> None:
    trail.step(CASE, "acknowledge", "s-zhao")
    record(trail, "accept", "s-sun", "2025-12-31T09:00:00+08:00")
    res = run(trail.root, "validate", "--no-cache", "--format", "json")
    assert [f["code"] for f in json.loads(res.output)["findings"]] == ["W105"]
    assert [f["code"] for f in verify(trail)] == ["T124"]
