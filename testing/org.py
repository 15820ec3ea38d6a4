"""Helpers for workflow tests: a CLI runner bound to a real organization repository."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from complaints.cli.main import main
from complaints.workflow.org import OrgRepo
from complaints.workflow.org import act_as as _act_as


def git(root: Path, *args: str, check: bool = True, **kw: object) -> str:
    res = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False,
                         **kw)  # type: ignore[call-overload]
    if check and res.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {res.stderr}")
    return str(res.stdout)


@dataclass
class Org:
    repo: OrgRepo
    register: Path

    @property
    def root(self) -> Path:
        return self.repo.root

    def act(self, staff_id: str) -> None:
        _act_as(self.root, staff_id, self.repo.keys[staff_id])

    def cli(self, *args: str, input: str | None = None, ok: bool = True) -> Result:
        """Run `complaints args...`; never a traceback; ok=True expects exit 0."""
        result = CliRunner().invoke(main, list(args), input=input)
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            f"traceback from {args}: {result.exception!r}\n{result.output}"
        if ok:
            assert result.exit_code == 0, f"{args} failed:\n{result.output}"
        else:
            assert result.exit_code != 0, f"{args} should have failed:\n{result.output}"
        return result

    def git(self, *args: str, check: bool = True) -> str:
        return git(self.root, *args, check=check)

    def case(self, case_id: str) -> Path:
        return self.root / "cases" / case_id.split("-")[1] / f"{case_id}.yaml"

    def state(self) -> tuple[object, ...]:
        """Everything a failed step must leave as it was: files, HEAD, index entries, status.

        The index is compared by its entries (`ls-files -s`), since any git status
        may rewrite its stat cache without changing what is staged.
        """
        assert not (self.root / ".git" / "index.lock").exists()
        assert not (self.root / ".git" / "complaints.lock").exists()
        files = {p.relative_to(self.root).as_posix(): p.read_bytes()
                 for p in sorted((self.root / "cases").rglob("*")) if p.is_file()}
        head = self.git("rev-parse", "HEAD")
        staged = self.git("ls-files", "-s")
        status = self.git("status", "--porcelain", "--untracked-files=all")
        tracked = {p: (self.root / p).read_bytes() for p in self.git("ls-files").split()}
        return files, tracked, head, staged, status

    def new_case(self, *extra: str, actor: str = "s-zhao") -> str:
        self.act(actor)
        out = self.cli("new", "--no-input", "--title", "Report issued late",
                       "--channel", "email", "--category", "report", "--severity", "minor",
                       "--summary", "The test report arrived two weeks after the agreed date.",
                       *extra).output
        return out.split(":")[0].strip()

    def investigating(self, investigator: str = "s-zhou") -> str:
        """A new case taken to investigating by the usual staff."""
        c = self.new_case()
        self.act("s-zhao")
        self.cli("acknowledge", c)
        self.act("s-sun")
        self.cli("accept", c)
        self.cli("assign", c, "--investigator", investigator)
        return c


def hermetic(mp: pytest.MonkeyPatch, home: Path) -> None:
    """No user or system git config leaks into a test."""
    gitconfig = home / "gitconfig"
    gitconfig.touch()
    mp.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    mp.setenv("GIT_CONFIG_NOSYSTEM", "1")
    mp.delenv("COMPLAINTS_ROOT", raising=False)
    mp.delenv("COMPLAINTS_REGISTER", raising=False)
    mp.setenv("COMPLAINTS_LOCK_WAIT", "2")


def trailers(org: Org, rev: str = "HEAD") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    text = org.git("log", "-1", "--format=%(trailers:only,unfold)", rev)
    for line in text.splitlines():
        if ": " in line:
            key, value = line.split(": ", 1)
            out.setdefault(key, []).append(value)
    return out


def verify(org: Org, rev: str = "HEAD") -> str:
    """`git verify-commit`; returns the principal git reports."""
    res = subprocess.run(["git", "verify-commit", "--raw", rev], cwd=org.root,
                         capture_output=True, text=True, check=False)
    assert res.returncode == 0, res.stderr
    signer = subprocess.run(["git", "log", "-1", "--format=%GS", rev], cwd=org.root,
                            capture_output=True, text=True, check=True).stdout.strip()
    return signer


def make_template(base: Path, committer_date: str | None = None) -> OrgRepo:
    """A signed organization repository with throwaway keys, made once per session and
    copied for each test (org_copy): ssh-keygen for every member is the slow part."""
    from complaints.workflow.org import create_org_repo

    with pytest.MonkeyPatch.context() as mp:
        hermetic(mp, base)
        return create_org_repo(base / "org", base / "keys", committer_date=committer_date)


def org_copy(template: OrgRepo, tmp_path: Path, mp: pytest.MonkeyPatch) -> Org:
    """A private copy of the template for one test, working directory and register set."""
    hermetic(mp, tmp_path)
    root = tmp_path / "org"
    shutil.copytree(template.root, root, symlinks=True)
    git(root, "config", "gpg.ssh.allowedSignersFile", str(root / "allowed_signers"))
    register = tmp_path / "private" / "register.yaml"
    mp.setenv("COMPLAINTS_REGISTER", str(register))
    mp.chdir(root)
    return Org(OrgRepo(root, template.keys_dir, dict(template.keys)), register)
