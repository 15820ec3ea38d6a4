"""A long clean trail passes; the CLI reports, caches and logs as documented."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaints.audit.verify import verify
from complaints.cli.main import main
from testing.trailgen import generate


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("big") / "org"
    gen = generate(root, 48, 10)
    assert gen.commits > 300
    return root


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COMPLAINTS_ROOT": str(root)}
    exe = Path(sys.executable).parent / "complaints"  # the venv's console script
    return subprocess.run([str(exe), *args], cwd=root, env=env, capture_output=True,
                          text=True, check=False)


def test_several_hundred_steps_no_false_alarm(big: Path) -> None:
    out = verify(big, use_cache=False, parallel=True)
    assert out.findings == []
    assert out.checked > 300


def test_cli_verify_json_and_cache(big: Path) -> None:
    first = run(big, "verify", "--format", "json")
    assert first.returncode == 0, first.stderr
    body = json.loads(first.stdout)
    assert body["problems"] == 0 and body["checked"] > 300
    assert (big / ".git" / "complaints-verify-cache.sqlite").is_file()
    again = verify(big)
    assert again.fresh == 0 and again.findings == []  # everything came from the cache


def test_cache_not_trusted_when_signers_change(big: Path, tmp_path: Path) -> None:
    verify(big)
    key = (big / "allowed_signers").read_text().splitlines()[0].split(" ", 2)[2]
    revoked = verify(big, revoked=[key])
    assert revoked.fresh > 0
    assert {f.code for f in revoked.findings} == {"T105"}


def test_cli_log_text_and_json(big: Path) -> None:
    res = run(big, "log", "C-2017-0001")
    assert res.returncode == 0, res.stderr
    assert "intake" in res.stdout and "good" in res.stdout
    body = json.loads(run(big, "log", "C-2017-0001", "--format", "json").stdout)
    assert body["steps"][0]["step"] == "intake"
    assert {s["signature"] for s in body["steps"]} == {"good"}
    assert body["shallow"] is False


def test_log_says_so_on_shallow_clone(big: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "5", f"file://{big}", str(clone)], check=True)
    last_case = subprocess.run(["git", "log", "-1", "--format=%(trailers:key=Complaint-Case,"
                                "valueonly)"], cwd=clone, capture_output=True, text=True,
                               check=True).stdout.strip()
    res = run(clone, "log", last_case)
    assert "shallow clone" in res.stdout
    assert run(clone, "verify").returncode == 2


def test_cli_verify_github_format_and_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["verify", "--range", "nope..HEAD"],
                        env={"COMPLAINTS_ROOT": str(tmp_path)})
    assert res.exit_code == 2


def test_signers_check_and_write(big: Path, tmp_path: Path) -> None:
    assert run(big, "signers").returncode == 0
    path = big / "allowed_signers"
    saved = path.read_text()
    path.write_text(saved.splitlines()[0] + "\n")
    try:
        res = run(big, "signers")
        assert res.returncode == 1 and "T162" in res.stdout
        assert run(big, "signers", "--write").returncode == 0
        assert run(big, "signers").returncode == 0
    finally:
        path.write_text(saved)
