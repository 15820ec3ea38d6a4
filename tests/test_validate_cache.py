"""The validation cache never serves a stale answer."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from complaints.check.cache import cache_path
from testing.cli import REPO, make_root, run

CASE = Path("cases/2026/C-2026-0001.yaml")


def _root(tmp_path: Path) -> Path:
    root = make_root(tmp_path, REPO / "tests" / "positive" / "cases")
    (root / ".git").mkdir()  # the cache lives under .git when there is one
    assert run(root, "validate").exit_code == 0
    assert cache_path(root).is_file()
    return root


def test_edit_with_same_size_and_mtime_is_seen(tmp_path: Path) -> None:
    root = _root(tmp_path)
    path = root / CASE
    st = path.stat()
    text = path.read_text("utf-8").replace("status: closed", "status: closex")
    path.write_text(text, "utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # hide the edit from stat
    result = run(root, "validate")
    assert result.exit_code == 1
    assert "W101" in result.output or "C104" in result.output or "S105" in result.output


def test_policy_change_invalidates(tmp_path: Path) -> None:
    root = _root(tmp_path)
    policy = root / "complaints.yml"
    policy.write_text(policy.read_text("utf-8").replace("  report: {zh: 检测报告质量", "  reports: {zh: 检测报告质量"),
                      "utf-8")
    result = run(root, "validate")
    assert result.exit_code == 1
    assert "C104" in result.output and "category 'report'" in result.output


def test_register_names_invalidate(tmp_path: Path) -> None:
    root = _root(tmp_path)
    register = tmp_path.parent / f"{tmp_path.name}-register.yml"
    register.write_text("R-7F3A9C: {name: 理化检测室}\n", "utf-8")  # a name that appears in the case
    result = run(root, "validate", "--register", str(register))
    assert result.exit_code == 1
    assert "P107" in result.output


def test_broken_cache_is_ignored(tmp_path: Path) -> None:
    root = _root(tmp_path)
    cache_path(root).write_text("{not json", "utf-8")
    assert run(root, "validate").exit_code == 0
    shutil.rmtree(cache_path(root).parent)
    assert run(root, "validate").exit_code == 0
