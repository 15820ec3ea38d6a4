"""Every bad input in tests/negative/<fault>/ gives exactly its expected report.

Regenerate the expected files after an intended change with
UPDATE_GOLDEN=1 pytest tests/test_validate_negative.py, then review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from testing.cli import REPO, make_root, run

NEGATIVE = REPO / "tests" / "negative"
FAULTS = sorted(p.name for p in NEGATIVE.iterdir() if p.is_dir())


@pytest.mark.parametrize("fault", FAULTS)
def test_fault_gives_its_report(fault: str, tmp_path: Path) -> None:
    root = make_root(tmp_path, NEGATIVE / fault / "cases")
    result = run(root, "validate", "--no-cache")
    expected = NEGATIVE / fault / "expected.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(result.output, "utf-8")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.output == expected.read_text("utf-8")


def test_all_faults_reported_in_one_run(tmp_path: Path) -> None:
    """One bad file never hides another's findings."""
    cases = tmp_path / "cases"
    for fault in FAULTS:
        for src in (NEGATIVE / fault / "cases").rglob("*.yaml"):
            rel = src.relative_to(NEGATIVE / fault / "cases")
            dest = cases / rel.parent / f"{fault}-{rel.name}"
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, dest)
    root = make_root(tmp_path)
    result = run(root, "validate", "--no-cache", "--format", "json")
    assert result.exit_code == 1
    import json

    codes = {(Path(f["path"]).name.split("-C-")[0], f["code"]) for f in json.loads(result.output)["findings"]}
    for fault in FAULTS:
        expected_codes = {
            line.split(": ", 1)[1].split()[0]
            for line in (NEGATIVE / fault / "expected.txt").read_text("utf-8").splitlines()
            if line.startswith("cases/")
        }
        for code in expected_codes - {"C101", "C103"}:  # renamed copies change id checks
            assert (fault, code) in codes, (fault, code)


def test_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    big = root / "cases" / "2026" / "C-2026-0001.yaml"
    big.parent.mkdir(parents=True)
    big.write_bytes(b"id: C-2026-0001\nsummary: " + b"x" * (5 * 1024 * 1024) + b"\n")
    result = run(root, "validate", "--no-cache")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "cases/2026/C-2026-0001.yaml:1:1: Y102 file is larger than the size limit: "
        "1048577 bytes, limit 1048576"
    )


def test_positive_cases_are_clean(tmp_path: Path) -> None:
    root = make_root(tmp_path, REPO / "tests" / "positive" / "cases")
    result = run(root, "validate", "--no-cache")
    assert result.exit_code == 0, result.output
    assert result.output == "2 files checked, no problems\n"


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    root = make_root(tmp_path)
    result = run(root, "validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "does not exist" in result.output
