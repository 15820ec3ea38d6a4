"""`complaints validate` over bad inputs, beyond one folder at a time.

Each folder of tests/negative/ is run on its own, and compared with its
expected.txt, by tests/test_negative_examples.py; here the case-only folders
are checked together, and a few inputs too big or too odd for a folder.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from testing.cli import REPO, make_root, run
from testing.examples import NEGATIVE, examples

# Folders that are only case files checked by plain `validate --no-cache`.
FAULTS = sorted(ex.name for ex in examples() if ex.plain_validate)


def test_all_faults_reported_in_one_run(tmp_path: Path) -> None:
    """One bad file never hides another's findings."""
    assert len(FAULTS) > 40
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
