"""Commit links: each step finds its commit through the trailers, in one git log."""

from __future__ import annotations

import subprocess
from pathlib import Path

from complaints.site.commits import Trail, read_trail
from complaints.site.generate import GEN_DIR, generate
from testing.site import TODAY

IDENTITY = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
            "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}


def _git(root: Path, *args: str) -> str:
    import os

    env = {**os.environ, **IDENTITY}
    done = subprocess.run(["git", "-C", str(root), "-c", "commit.gpgsign=false", *args],
                          env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _step(root: Path, case: str, step: str, subject: str) -> str:
    message = f"{subject}\n\nComplaint-Case: {case}\nComplaint-Step: {step}\nComplaint-Actor: s-zhao\n"
    _git(root, "commit", "--allow-empty", "-q", "-m", message)
    return _git(root, "rev-parse", "HEAD")


def test_steps_link_to_their_commits(fresh_root: Path) -> None:
    _git(fresh_root, "init", "-q", "-b", "main")
    _git(fresh_root, "add", "-A")
    _git(fresh_root, "commit", "-q", "-m", "setup")
    intake = _step(fresh_root, "C-2026-0002", "intake", "C-2026-0002: intake → received")
    other = _step(fresh_root, "C-2026-0003", "intake", "C-2026-0003: intake → received")
    ack = _step(fresh_root, "C-2026-0002", "acknowledge",
                "C-2026-0002: received → acknowledged")
    trail = read_trail(fresh_root)
    assert trail.head == ack
    generate(fresh_root, TODAY)
    page = (fresh_root / GEN_DIR / "en" / "cases" / "C-2026-0002.md").read_text("utf-8")
    url = "https://example.org/complaints-demo/commit/"
    assert f"[`{intake[:10]}`]({url}{intake})" in page
    assert f"[`{ack[:10]}`]({url}{ack})" in page and other not in page
    verify = (fresh_root / GEN_DIR / "zh" / "verify.md").read_text("utf-8")
    assert f"`{ack}`" in verify and f"git checkout {ack}" in verify


def test_no_git_means_no_links(tmp_path: Path) -> None:
    assert read_trail(tmp_path) == Trail()


def test_imported_entries_share_the_import_commit() -> None:
    trail = Trail("h", {"C-2025-0001": [("import", "i" * 40), ("close", "c" * 40)]})
    case = {"id": "C-2025-0001", "history": [
        {"step": "intake", "imported": True}, {"step": "acknowledge", "imported": True},
        {"step": "close"}, {"step": "reopen"}]}
    assert trail.commits_for(case) == ["i" * 40, "i" * 40, "c" * 40, None]
