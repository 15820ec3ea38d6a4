"""Fixtures for a new organization: `complaints init` with real keys in a temp folder.

Each test owns a fresh repository made by the command itself, with no user or
system git config, and its staff's keys made by ssh-keygen outside it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaints.cli.main import main
from complaints.workflow.org import act_as, make_key
from testing.org import git, hermetic


@dataclass
class NewOrg:
    """A directory for an organization, keys beside it, and the CLI run inside it."""

    tmp: Path
    root: Path
    keys: dict[str, Path] = field(default_factory=dict)

    def key(self, name: str) -> Path:
        """A fresh ed25519 key pair (private key path; the .pub beside it)."""
        self.keys[name] = make_key(self.tmp / "keys", name)
        return self.keys[name]

    def pub(self, name: str) -> str:
        return self.keys[name].with_suffix(".pub").read_text().strip()

    def act(self, staff_id: str, key: str | None = None) -> None:
        act_as(self.root, staff_id, self.keys[key or staff_id])

    def cli(self, *args: str, input: str | None = None, code: int = 0) -> Result:
        """`complaints args...` from inside the repository; never a traceback."""
        with pytest.MonkeyPatch.context() as mp:
            if self.root.is_dir():
                mp.chdir(self.root)
            result = CliRunner().invoke(main, list(args), input=input)
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            f"traceback from {args}: {result.exception!r}\n{result.output}"
        assert result.exit_code == code, f"{args} gave {result.exit_code}, not {code}:\n{result.output}"
        return result

    def init(self, preset: str, admin: str = "s-admin") -> Result:
        self.key(admin)
        with pytest.MonkeyPatch.context() as mp:
            mp.chdir(self.tmp)
            result = CliRunner().invoke(main, [
                "init", str(self.root), "--preset", preset, "--name", "Harbour Test Lab",
                "--name-zh", "港湾检测实验室", "--timezone", "+08:00", "--admin", admin,
                "--key", str(self.keys[admin]),
                "--repository", "https://example.org/harbour/complaints.git"])
        assert result.exit_code == 0, result.output
        return result

    def git(self, *args: str, check: bool = True) -> str:
        return git(self.root, *args, check=check)

    def verify(self) -> list[str]:
        """`complaints verify` of the whole trail: the codes it reports (exit 1 when any)."""
        with pytest.MonkeyPatch.context() as mp:
            mp.chdir(self.root)
            result = CliRunner().invoke(main, ["verify", "--no-cache", "--format", "json"])
        assert result.exit_code in (0, 1), result.output
        data = json.loads(result.stdout[result.stdout.index("{"):])
        codes = [f["code"] for f in data["findings"]]
        assert result.exit_code == (1 if codes else 0)
        return codes


@pytest.fixture
def new_org(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[NewOrg]:
    hermetic(monkeypatch, tmp_path)
    monkeypatch.setenv("COMPLAINTS_REGISTER", str(tmp_path / "private" / "register.yaml"))
    yield NewOrg(tmp_path, tmp_path / "org")
