"""A renumber (after an id collision) continues the case's trail under its new id."""

from __future__ import annotations

from typing import Any

from conftest import check, codes

from testing.trail import Trail

OLD, NEW = "C-2026-0001", "C-2026-0002"


def renumber(t: Trail, actor: str = "s-zhao", change: dict[str, Any] | None = None,
             origin: str = OLD, new: str = NEW) -> str:
    """A renumber commit as `complaints renumber` makes it, optionally with an extra edit."""
    data = t.read(OLD)
    data["id"] = new
    data.update(change or {})
    t.path(OLD).unlink()
    t.write(new, data)
    return t.commit(f"{new}: renumbered from {OLD}", [
        ("Complaint-Case", new), ("Complaint-Step", "renumber"), ("Complaint-Actor", actor),
        ("Complaint-Renumbered-From", origin)], actor)


def test_clean_renumber_continues_the_trail(trail: Trail) -> None:
    trail.step(OLD, "acknowledge", "s-zhao")
    renumber(trail)
    trail.step(NEW, "accept", "s-sun")
    trail.step(NEW, "assign", "s-sun")
    assert check(trail).findings == []


def test_renumber_that_also_edits_status_is_caught(trail: Trail) -> None:
    trail.step(OLD, "acknowledge", "s-zhao")
    renumber(trail, change={"status": "accepted"})
    found = [f for f in check(trail).findings if f.code == "T155"]
    assert len(found) == 1 and "status changed" in found[0].message
    assert found[0].path == f"cases/2026/{NEW}.yaml"


def test_renumber_that_rewrites_history_is_caught(trail: Trail) -> None:
    trail.step(OLD, "acknowledge", "s-zhao")
    history = trail.read(OLD)["history"]
    history[1]["actor"] = "s-qian"  # who acknowledged it, rewritten on the way
    renumber(trail, change={"history": history})
    assert "T155" in codes(trail)


def test_renumber_trailer_must_name_the_removed_case(trail: Trail) -> None:
    renumber(trail, origin="C-2026-0009")
    assert "T155" in codes(trail)


def test_renumber_by_someone_without_intake_role(trail: Trail) -> None:
    renumber(trail, actor="s-wu")
    assert codes(trail) == {"T114"}


def test_renumber_that_keeps_the_old_file_is_caught(trail: Trail) -> None:
    data = trail.read(OLD)
    data["id"] = NEW
    trail.write(NEW, data)  # a copy under a new id, the old file left in place
    trail.commit(f"{NEW}: renumbered from {OLD}", [
        ("Complaint-Case", NEW), ("Complaint-Step", "renumber"), ("Complaint-Actor", "s-zhao"),
        ("Complaint-Renumbered-From", OLD)], "s-zhao")
    assert "T155" in codes(trail)


def test_commits_off_the_trail_and_side_changes(trail: Trail) -> None:
    """A docs-only commit is examined and passes; a step that also edits docs is T152."""
    (trail.root / "notes.md").write_text("meeting notes\n", "utf-8")
    trail.commit("docs: notes", [], None, ["notes.md"])  # unsigned, but off the trail
    first = check(trail)
    assert first.findings == [] and first.checked >= 3
    data = trail.read(OLD)
    data["history"].append({"at": trail.at(), "step": "acknowledge", "from": "received",
                            "to": "acknowledged", "actor": "s-zhao"})
    data["status"] = "acknowledged"
    trail.write(OLD, data)
    (trail.root / "notes.md").write_text("edited with the step\n", "utf-8")
    trail.commit(f"{OLD}: received → acknowledged", trail.trailers(OLD, "acknowledge", "s-zhao"),
                 "s-zhao")
    assert codes(trail) == {"T152"}
