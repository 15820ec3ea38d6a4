"""The README's "Start your own organization", run as written: from `complaints init` to a
first signed case and a built site, with real keys, in a temporary home."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def _block() -> str:
    text = README.read_text("utf-8").split("## Start your own organization", 1)[1]
    return re.findall(r"```sh\n(.*?)```", text.split("\n## ", 1)[0], re.S)[0]


def test_start_your_own_organization_as_written(tmp_path: Path) -> None:
    (tmp_path / "gitconfig").touch()
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(tmp_path),
           "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"), "GIT_CONFIG_NOSYSTEM": "1",
           "NO_MKDOCS_2_WARNING": "1", "LANG": "C.UTF-8"}
    res = subprocess.run(["bash", "-euo", "pipefail", "-c", _block()], cwd=tmp_path, env=env,
                         capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stdout + res.stderr
    root = tmp_path / "harbour-lab"
    [case] = [p.stem for p in (root / "cases").rglob("*.yaml")]
    assert f"{case}: investigating → decision_proposed (propose by s-mo)" in res.stdout
    assert "s-he (Intake officer, Quality lead), by your signing key: 1 case" in res.stdout
    assert res.stdout.count("no problems") >= 3  # validate, verify, and verify again
    log = subprocess.run(["git", "log", "--format=%G? %GS %s"], cwd=root, env=env,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert len(log) == 8 and all(line.startswith("G ") for line in log)  # every commit signed, good
    assert (root / "site" / "en" / "cases" / case / "index.html").is_file()
    assert not (root / "keys").exists() and (tmp_path / "private" / "register.yaml").exists() is False
