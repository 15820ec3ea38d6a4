"""`complaints init DIR --preset NAME`: a new organization's own repository.

Everything is checked before the first byte is written (the folder is new or
empty, the preset exists, the key is a public key, the resulting policy is
valid); then the policy (the preset with the organization's name, time zone,
addresses and its first administrator), the schemas, the site configuration
and pages, the GitHub files, the pre-commit configuration and allowed_signers
are written and committed as the first signed admin `policy` step, with git set
up to sign and to verify. A failure removes all of it again.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from complaints.base.errors import CannotRun
from complaints.base.git import Git, GitError
from complaints.base.trailers import commit_message, step_trailers
from complaints.load.policy import ADMIN, POLICY_FILE
from complaints.load.presets import preset_names, preset_path
from complaints.load.schemas import schema_dir
from complaints.signing.keyline import parse_key_line
from complaints.signing.signers import SIGNERS_FILE, render
from complaints.workflow.admin import checked_policy, dump, flow, round_trip
from complaints.workflow.transaction import StepError

# The site's own files, shipped in the package (links to the project's own; docs without
# the demo's yearly commentary).
DATA = Path(__file__).resolve().parent / "data"
SITE_FILES = ("docs/en", "docs/zh", "docs/assets", "overrides", "mkdocs.yml", "mkdocs.en.yml")
GITIGNORE = "site/\nsite_src/\n.cache/\n"
PRE_COMMIT = """\
# `complaints validate` (schema, rules and the privacy gate) before every commit.
# Uses the complaints tool installed here; `pre-commit install` turns it on.
repos:
  - repo: local
    hooks:
      - id: complaints-validate
        name: complaints validate
        entry: complaints validate
        language: system
        files: ^(cases/.*\\.ya?ml|complaints\\.yml|schema/.*\\.json)$
        pass_filenames: false
"""


class InitError(CannotRun):
    """The organization repository cannot be created as asked; nothing was written."""


@dataclass
class Settings:
    preset: str
    name: dict[str, str]  # zh, en
    timezone: str
    admin: str
    key: Path  # the admin's signing key: the private key file (its .pub beside it) or the .pub
    repository: str | None = None
    commit_url: str | None = None
    admin_display: dict[str, str] = field(default_factory=lambda: {"zh": "系统管理员",
                                                                    "en": "Administrator"})
    roles: list[str] = field(default_factory=lambda: [ADMIN])
    # Files from other stages (the GitHub files from complaints.github): path -> (bytes, executable)
    extra: dict[str, tuple[bytes, bool]] = field(default_factory=dict)


def commit_url_for(repository: str | None) -> str | None:
    """Where a commit is shown on the usual hosts (https://host/owner/name[.git])."""
    m = re.fullmatch(r"(https://[^/\s]+/[^/\s]+/[^/\s]+?)(\.git)?/?", repository or "")
    return f"{m.group(1)}/commit/{{commit}}" if m else None


def public_key(key: Path) -> str:
    """The public half of the signing key, as the roster keeps it."""
    key = key.expanduser()
    pub = key if key.suffix == ".pub" else key.with_name(key.name + ".pub")
    if not key.is_file():
        raise InitError(f"no key at {key}: make one with `ssh-keygen -t ed25519 -f {key}` "
                        "and give the private key file (its .pub beside it)")
    if pub.is_file():
        text = pub.read_text("ascii", "replace").strip()
    else:
        res = subprocess.run(["ssh-keygen", "-y", "-P", "", "-f", str(key)],
                             capture_output=True, text=True, check=False)
        text = res.stdout.strip() if res.returncode == 0 else ""
    parsed = parse_key_line(text)
    if parsed is None:
        raise InitError(f"{pub} holds no SSH public key (expected ssh-ed25519 AAAA...)")
    return parsed.text


def policy_text(settings: Settings, key: str) -> str:
    """The preset with this organization's name, time zone, addresses and first admin."""
    path = preset_path(settings.preset)
    if path is None:
        raise InitError(f"no preset {settings.preset!r}; presets: {', '.join(preset_names())}")
    data = round_trip().load(path.read_text("utf-8"))
    org = data["organization"]
    org["name"] = flow(dict(settings.name))
    org["timezone"] = settings.timezone
    for name, value in (("repository", settings.repository),
                        ("commit_url", settings.commit_url or commit_url_for(settings.repository))):
        if value:
            org[name] = value
        elif name in org:
            del org[name]
    del data["staff"][:]  # the preset's example roster; its comment stays
    data["staff"].append(flow({"id": settings.admin, "display": flow(dict(settings.admin_display)),
                                "roles": flow(list(dict.fromkeys(settings.roles))),
                                "keys": flow([key])}))
    return dump(data)


def _files(policy: str, signers: str, extra: dict[str, tuple[bytes, bool]]) -> dict[str, bytes]:
    """Every file of the new repository, by path."""
    out = {POLICY_FILE: policy.encode(), SIGNERS_FILE: signers.encode(),
           ".gitignore": GITIGNORE.encode(), ".pre-commit-config.yaml": PRE_COMMIT.encode()}
    out.update({rel: data for rel, (data, _) in extra.items()})
    schemas = schema_dir()
    out.update({f"schema/{p.relative_to(schemas).as_posix()}": p.read_bytes()
                for p in sorted(schemas.rglob("*.json"))})
    for name in SITE_FILES:
        src = (DATA / name).resolve()
        items = sorted(p for p in src.rglob("*") if p.is_file()) if src.is_dir() else [src]
        out.update({f"{name}/{p.relative_to(src).as_posix()}" if src.is_dir() else name: p.read_bytes()
                    for p in items})
    return out


def init_org(directory: Path, settings: Settings) -> str:
    """Create the repository; returns what to do next, for the terminal."""
    directory = directory.expanduser().absolute()
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise InitError(f"{directory} exists and is not an empty folder; nothing was written")
    key = public_key(settings.key)
    text = policy_text(settings, key)
    try:
        policy = checked_policy(text)
    except StepError as exc:
        raise InitError(str(exc), listed=True) from None
    if not policy.holds(settings.admin, ADMIN):
        raise InitError(f"the first member must hold role {ADMIN}")
    files = _files(text, render(policy), settings.extra)
    existed = directory.exists()
    try:
        _write(directory, files, settings)
    except BaseException:
        if existed:
            for child in directory.iterdir():
                shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        else:
            shutil.rmtree(directory, ignore_errors=True)
        raise
    return (f"organization repository in {directory} ({settings.preset}), first commit signed by "
            f"{settings.admin}\nnext: cd {directory} && complaints validate && complaints verify "
            "&& complaints site build")


def _write(directory: Path, files: dict[str, bytes], settings: Settings) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for rel, data in files.items():
        path = directory / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if settings.extra.get(rel, (b"", False))[1]:
            os.chmod(path, 0o755)
    (directory / "cases").mkdir()
    git = Git(directory)
    try:
        git.run("init", "-q", "-b", "main")
        signing_key = settings.key.expanduser().absolute()
        # The staff id, not a person's name, goes into the public commits.
        for name, value in (("gpg.format", "ssh"), ("user.signingkey", str(signing_key)),
                            ("gpg.ssh.allowedSignersFile", str(directory / SIGNERS_FILE)),
                            ("user.name", settings.admin),
                            ("user.email", f"{settings.admin}@staff.invalid")):
            git.run("config", name, value)
        git.run("add", "-A")
        message = commit_message("policy: organization repository created", None,
                                 step_trailers(None, "policy", settings.admin))
        git.run("commit", "-q", "-S", "--cleanup=whitespace", "-F", "-", input=message)
    except GitError as exc:
        raise InitError(f"git could not make the first signed commit, nothing was kept: {exc}") \
            from None
