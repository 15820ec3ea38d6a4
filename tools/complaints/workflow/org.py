"""A fresh organization repository: policy, schema, roster keys, signers.

Used by tests, benchmarks and `complaints demo`. Every staff member gets a
throwaway ed25519 key made by ssh-keygen, kept in a folder OUTSIDE the
repository (private keys never enter it); their public halves go into the
policy roster and the derived allowed_signers file, so plain `git
verify-commit` works. The first commit is the policy, signed by an admin.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

from complaints.base.git import Git
from complaints.base.trailers import commit_message, step_trailers
from complaints.load.policy import POLICY_FILE
from complaints.load.schemas import schema_dir
from complaints.signing.keyline import signers_line

SIGNERS_FILE = "allowed_signers"
IDENTITY = {"user.name": "Complaints Test", "user.email": "test@example.invalid"}


def default_policy() -> Path:
    """The project's own complaints.yml, else the copy shipped with the package."""
    here = schema_dir().parent / POLICY_FILE
    return here if here.is_file() else Path(__file__).parent / "data" / POLICY_FILE


def allowed_signers_text(roster: list[dict[str, object]]) -> str:
    """allowed_signers lines: principal = staff id, namespace git, one per SSH key."""
    lines = []
    for member in roster:
        keys = member.get("keys") or []
        assert isinstance(keys, list)
        lines += [signers_line(str(member["id"]), str(k)) for k in keys]
    return "\n".join(line for line in lines if line) + "\n"


@dataclass
class OrgRepo:
    root: Path
    keys_dir: Path
    keys: dict[str, Path] = field(default_factory=dict)  # staff id -> private key file

    @property
    def git(self) -> Git:
        return Git(self.root)

    def public_key(self, staff_id: str) -> str:
        return self.keys[staff_id].with_suffix(".pub").read_text().strip()

    def act_as(self, staff_id: str) -> None:
        """Point git's signing (and author) at this staff member's key."""
        act_as(self.root, staff_id, self.keys[staff_id])


def act_as(root: Path, staff_id: str, private_key: Path) -> None:
    git = Git(root)
    git.run("config", "gpg.format", "ssh")
    git.run("config", "user.signingkey", str(private_key))
    git.run("config", "user.name", staff_id)
    git.run("config", "user.email", f"{staff_id}@staff.invalid")


def make_key(keys_dir: Path, name: str) -> Path:
    """A passphrase-less ed25519 key pair at keys_dir/name(.pub)."""
    keys_dir.mkdir(parents=True, exist_ok=True)
    path = keys_dir / name
    for p in (path, path.with_suffix(".pub")):
        p.unlink(missing_ok=True)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(path)],
                   check=True, capture_output=True)
    return path


def _write_policy(src: Path, dest: Path, keys: dict[str, str]) -> list[dict[str, object]]:
    """Copy the policy with each staff member's public key, keeping its comments."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 4096
    data = yaml.load(src.read_text("utf-8"))
    for member in data["staff"]:
        if member["id"] in keys:
            member["keys"] = [keys[member["id"]]]
    out = StringIO()
    yaml.dump(data, out)
    dest.write_text(out.getvalue(), "utf-8")
    return [dict(m) for m in data["staff"]]


def create_org_repo(
    root: Path, keys_dir: Path | None = None, *, policy: Path | None = None,
    signer: str | None = None, committer_date: str | None = None,
) -> OrgRepo:
    """Initialize an organization repository at root with a signed first commit."""
    root = root.resolve()
    keys_dir = (keys_dir or root.parent / f"{root.name}-keys").resolve()
    if keys_dir.is_relative_to(root):
        raise ValueError("keys must live outside the repository")
    root.mkdir(parents=True, exist_ok=True)
    git = Git(root)
    git.run("init", "-q", "-b", "main")
    for key, value in IDENTITY.items():
        git.run("config", key, value)
    git.run("config", "gpg.ssh.allowedSignersFile", str(root / SIGNERS_FILE))
    shutil.copytree(schema_dir(), root / "schema", dirs_exist_ok=True)
    from ruamel.yaml import YAML

    names = [m["id"] for m in YAML(typ="safe").load((policy or default_policy()).read_text("utf-8"))["staff"]]
    repo = OrgRepo(root, keys_dir, {n: make_key(keys_dir, n) for n in names})
    roster = _write_policy(policy or default_policy(), root / POLICY_FILE,
                           {n: repo.public_key(n) for n in names})
    (root / SIGNERS_FILE).write_text(allowed_signers_text(roster), "utf-8")
    (root / "cases").mkdir(exist_ok=True)
    admin = signer or next(str(m["id"]) for m in roster if "admin" in list(m.get("roles") or []))  # type: ignore[call-overload]
    repo.act_as(admin)
    git.run("add", "--", POLICY_FILE, SIGNERS_FILE, "schema")
    msg = commit_message("policy: organization repository created", None,
                         step_trailers(None, "policy", admin))
    env = {"GIT_COMMITTER_DATE": committer_date, "GIT_AUTHOR_DATE": committer_date} \
        if committer_date else None
    git.run("commit", "-q", "-S", "--cleanup=whitespace", "-F", "-", input=msg, env=env)
    return repo
