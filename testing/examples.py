"""Negative example folders (tests/negative/<fault>/): read one, build its repository, run it.

A folder holds the input (`cases/`, optionally its own `complaints.yml` and
`inputs/`), an optional `_config.yaml` saying how to run it, and `expected.txt`,
the full output. The format is documented in tests/negative/README.md; this
module is its only interpreter. Signed repositories are built with the trail
builder (testing/trail.py): real ssh-keygen keys, real `git commit -S`, dates
from the builder's clock, so only commit ids and keys differ between runs, and
`normalise` replaces them (and the temporary paths) with placeholders.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from complaints.base.git import Git
from complaints.cli.main import main
from complaints.load.policy import load_policy
from complaints.signing.signers import SIGNERS_FILE, render
from complaints.workflow.org import OrgRepo, act_as, create_org_repo, make_key
from testing.cli import REPO, make_root
from testing.trail import BASE, HAPPY, Trail, complainant_ref, merge

NEGATIVE = REPO / "tests" / "negative"
CONFIG = "_config.yaml"
EXPECTED = "expected.txt"
DEFAULT_COMMAND = ("validate", "--no-cache")
CONFIG_KEYS = frozenset({"command", "exit", "code", "repo", "actor", "env", "setup"})
_FINDING_CODE = re.compile(r"(?::\d+: |^Error: |^  )([A-Z]\d{3}) ", re.M)
_SHA = re.compile(r"\b[0-9a-f]{40}\b|\b[0-9a-f]{12}\b")
_KEY = re.compile(r"AAAA[0-9A-Za-z+/]{16,}={0,2}")
_KEY_OF = re.compile(r"\{key:([\w-]+)\}")


class ExampleError(Exception):
    """A folder that does not follow the format (a mistake in the test data)."""


@dataclass(frozen=True)
class Example:
    name: str
    folder: Path
    command: tuple[str, ...] = DEFAULT_COMMAND
    exit: int = 1
    code: str | None = None  # declared; else derived from the expected output
    signed: bool = False  # repo: signed (an organisation repository) or plain
    actor: str | None = None  # whose key signs when the command runs
    env: dict[str, str] = field(default_factory=dict)
    setup: tuple[dict[str, Any], ...] = ()

    @property
    def expected(self) -> Path:
        return self.folder / EXPECTED

    @property
    def plain_validate(self) -> bool:
        """Cases only, checked by the default command: the oldest kind of folder."""
        return not self.signed and not self.setup and self.command == DEFAULT_COMMAND \
            and not (self.folder / "complaints.yml").exists() and not (self.folder / "inputs").exists()

    def target(self) -> str:
        """The code this folder exists for."""
        if self.code:
            return self.code
        found = codes_in(self.expected.read_text("utf-8"))
        if len(found) != 1:
            raise ExampleError(f"{self.name}: expected.txt names {sorted(found) or 'no code'}; "
                               f"say which one this folder is for with `code:` in {CONFIG}")
        return found.pop()


def codes_in(output: str) -> set[str]:
    """Rule codes the output reports (as findings or as a refusal), not codes merely mentioned."""
    return set(_FINDING_CODE.findall(output))


def load(folder: Path) -> Example:
    path = folder / CONFIG
    raw: Any = (yaml.safe_load(path.read_text("utf-8")) if path.exists() else None) or {}
    if not isinstance(raw, dict) or set(raw) - CONFIG_KEYS:
        raise ExampleError(f"{path}: a mapping with keys {sorted(CONFIG_KEYS)}, "
                           f"found {sorted(raw) if isinstance(raw, dict) else raw!r}")
    repo = raw.get("repo", "plain")
    if repo not in ("plain", "signed"):
        raise ExampleError(f"{path}: repo is plain or signed, not {repo!r}")
    setup = raw.get("setup") or []
    for op in setup:
        if not (isinstance(op, dict) and len(op) == 1 and next(iter(op)) in OPS):
            raise ExampleError(f"{path}: each setup entry is one of {sorted(OPS)}, found {op!r}")
        if repo == "plain" and next(iter(op)) not in FILE_OPS:
            raise ExampleError(f"{path}: {next(iter(op))} needs repo: signed")
    if repo == "signed" and any((folder / n).exists() for n in ("cases", "complaints.yml")):
        raise ExampleError(f"{path}: a signed repository gets its cases and policy changes "
                           "from setup steps")
    return Example(folder.name, folder, tuple(str(a) for a in raw.get("command", DEFAULT_COMMAND)),
                   int(raw.get("exit", 1)), raw.get("code"), repo == "signed", raw.get("actor"),
                   {str(k): str(v) for k, v in (raw.get("env") or {}).items()}, tuple(setup))


def examples() -> list[Example]:
    return [load(p) for p in sorted(NEGATIVE.iterdir()) if p.is_dir()]


# --- building the repository -------------------------------------------------


class ExampleTrail(Trail):
    """The trail builder with git dates from its clock: each commit half an hour after
    the history time of the step it records, so every run makes the same dates."""

    @property
    def git(self) -> Git:
        day, hour = divmod(self.clock, 8)
        when = f"2026-{1 + day // 28:02d}-{1 + day % 28:02d}T{9 + hour:02d}:30:00+08:00"
        return Git(self.root, {"GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when})


@dataclass
class Workspace:
    tmp: Path
    root: Path
    inputs: Path
    keys: Path | None = None
    trail: ExampleTrail | None = None

    def args(self, args: tuple[str, ...] | list[str]) -> list[str]:
        """Command arguments with {root} and {inputs} filled in."""
        return [str(a).replace("{root}", str(self.root)).replace("{inputs}", str(self.inputs))
                for a in args]


_TEMPLATES: dict[Path, OrgRepo] = {}


def template(base: Path) -> OrgRepo:
    """One organisation repository (the project's policy, a key per roster member, made
    once) per process, copied for each signed folder; its keys stay where they are."""
    if base not in _TEMPLATES:
        _TEMPLATES[base] = create_org_repo(base / "org", base / "keys",
                                           committer_date="2025-12-01T09:00:00+08:00")
    return _TEMPLATES[base]


def build(ex: Example, tmp: Path, template_base: Path) -> Workspace:
    """The temp root for one folder: plain (policy + cases) or a signed organisation repo."""
    tmp = tmp.resolve()
    ws = Workspace(tmp, tmp / "org", tmp / "inputs")
    if (ex.folder / "inputs").exists():
        shutil.copytree(ex.folder / "inputs", ws.inputs)
    policy = ex.folder / "complaints.yml"
    if not ex.signed:
        ws.root.mkdir(parents=True)
        make_root(ws.root, ex.folder / "cases" if (ex.folder / "cases").exists() else None)
        if policy.exists():
            shutil.copy(policy, ws.root / "complaints.yml")
    else:
        base = template(template_base)
        shutil.copytree(base.root, ws.root, symlinks=True)
        Git(ws.root).run("config", "gpg.ssh.allowedSignersFile", str(ws.root / SIGNERS_FILE))
        ws.keys, ws.trail = base.keys_dir, ExampleTrail(OrgRepo(ws.root, tmp / "keys", dict(base.keys)))
    for op in ex.setup:
        name, arg = next(iter(op.items()))
        OPS[name](ws, arg)
    if ex.actor:
        _act(ws, ex.actor)
    return ws


def _trail(ws: Workspace) -> ExampleTrail:
    assert ws.trail is not None, "needs repo: signed"
    return ws.trail


def _keys(ws: Workspace, text: str) -> str:
    """`{key:NAME}` replaced by NAME's public key (signed repositories only)."""
    if ws.trail is None:
        return text
    org = ws.trail.org
    return _KEY_OF.sub(lambda m: org.public_key(m.group(1)), text)


def _act(ws: Workspace, actor: str) -> None:
    t = _trail(ws)
    act_as(t.root, actor, t.org.keys[actor])


# --- setup operations ----------------------------------------------------------
# File operations work in any root; the others need repo: signed.


def op_write(ws: Workspace, arg: dict[str, Any]) -> None:
    """Write a text file (root-relative path; `{key:NAME}` is NAME's public key);
    `executable: true` for a hook."""
    path = ws.root / arg["path"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_keys(ws, arg.get("text", "")), "utf-8")
    if arg.get("executable"):
        path.chmod(0o755)


def op_delete(ws: Workspace, arg: str) -> None:
    (ws.root / arg).unlink()


def op_pad(ws: Workspace, arg: dict[str, Any]) -> None:
    """Grow a file to `bytes` bytes with a trailing YAML comment (too big to keep in Git)."""
    path = ws.root / arg["path"]
    size = int(arg["bytes"])
    raw = path.read_bytes()
    path.write_bytes(raw + b"#" + b"x" * (size - len(raw) - 2) + b"\n")


def op_intake(ws: Workspace, arg: dict[str, Any]) -> None:
    a = dict(arg)
    signer = a.pop("signer") if "signer" in a else ""
    _trail(ws).intake(a.pop("case"), a.pop("actor", "s-zhao"), signer, **a.pop("fields", {}))


def op_step(ws: Workspace, arg: dict[str, Any]) -> None:
    _trail(ws).step(arg["case"], arg["step"], arg["actor"], signer=arg.get("signer", ""),
                    fields=arg.get("fields"), to=arg.get("to"), trailer_actor=arg.get("trailer_actor"))


def op_happy(ws: Workspace, arg: dict[str, Any]) -> None:
    """The first `steps` steps of the happy path (testing.trail.HAPPY), each signed."""
    _trail(ws).run(arg["case"], HAPPY[:int(arg["steps"])])


def _walk(data: Any, dotted: str) -> tuple[Any, Any]:
    parts: list[Any] = [int(p) if p.isdigit() else p for p in dotted.split(".")]
    for p in parts[:-1]:
        data = data[p]
    return data, parts[-1]


def op_edit(ws: Workspace, arg: dict[str, Any]) -> None:
    """Change a case file by hand, uncommitted: `set` dotted paths (history.1.actor),
    `unset` them, `append` history entries (an entry without `at` gets the builder's
    next time)."""
    t = _trail(ws)
    data = t.read(arg["case"])
    for dotted, value in (arg.get("set") or {}).items():
        parent, key = _walk(data, dotted)
        parent[key] = value
    for dotted in arg.get("unset") or []:
        parent, key = _walk(data, dotted)
        del parent[key]
    for entry in arg.get("append") or []:
        data["history"].append({"at": t.at(), **entry} if "at" not in entry else entry)
    t.write(arg["case"], data)


def op_draft(ws: Workspace, arg: dict[str, Any]) -> None:
    """A new case file as an intake writes it, uncommitted."""
    t = _trail(ws)
    at = t.at()
    data: dict[str, Any] = {"id": arg["case"], **BASE, "complainant": complainant_ref(arg["case"]),
                            "received": at, "status": "received",
                            "history": [{"at": at, "step": "intake", "to": "received",
                                         "actor": arg.get("actor", "s-zhao")}]}
    merge(data, arg.get("fields") or {})
    t.write(arg["case"], data)


def op_move(ws: Workspace, arg: dict[str, Any]) -> None:
    """Give a case file a new id by hand (the old file removed), uncommitted."""
    t = _trail(ws)
    data = t.read(arg["case"])
    data["id"] = arg["to"]
    t.path(arg["case"]).unlink()
    t.write(arg["to"], data)


def op_commit(ws: Workspace, arg: dict[str, Any]) -> None:
    """Commit everything as it is: trailers from case/step/actor (plus `trailers`),
    signed by `signer` (default the actor; null: unsigned)."""
    t = _trail(ws)
    cases = arg.get("case") or []
    cases = [cases] if isinstance(cases, str) else list(cases)
    trailers = [("Complaint-Case", c) for c in cases]
    trailers += [(k, str(arg[k.lower()])) for k in ("Step", "Actor") if k.lower() in arg]
    trailers = [(k if k.startswith("Complaint-") else f"Complaint-{k}", v) for k, v in trailers]
    trailers += [(str(k), str(v)) for k, v in arg.get("trailers") or []]
    signer = arg["signer"] if "signer" in arg else arg.get("actor")
    t.commit(arg.get("subject", "hand-made commit"), trailers, signer, arg.get("paths"))


def op_roster_change(ws: Workspace, arg: dict[str, Any]) -> None:
    """Replace text in complaints.yml (`{key:NAME}` is NAME's public key),
    regenerate allowed_signers (unless `signers: false`), commit as a policy step signed
    by `signer` (default s-qian, an admin)."""
    t = _trail(ws)
    path = t.root / "complaints.yml"
    text = path.read_text("utf-8")
    old, new = _keys(ws, str(arg["old"])), _keys(ws, str(arg["new"]))
    if old not in text:
        raise ExampleError(f"roster_change: {old!r} is not in complaints.yml")
    path.write_text(text.replace(old, new, 1), "utf-8")
    if arg.get("signers", True):
        (t.root / SIGNERS_FILE).write_text(render(load_policy(t.root)), "utf-8")
    signer = arg.get("signer", "s-qian")
    t.commit(arg.get("subject", "policy: roster change"),
             [("Complaint-Step", "policy"), ("Complaint-Actor", signer)], signer)


def op_new_key(ws: Workspace, arg: str) -> None:
    """A key pair for someone not on the roster (in this folder's own temp keys folder);
    usable as a signer or actor."""
    t = _trail(ws)
    t.org.keys[arg] = make_key(t.org.keys_dir, arg)


def op_git(ws: Workspace, arg: list[str]) -> None:
    _trail(ws).git.run(*[str(a) for a in arg])


def op_act(ws: Workspace, arg: str) -> None:
    _act(ws, arg)


def op_cli(ws: Workspace, arg: dict[str, Any]) -> None:
    """Run complaints as `actor`; it must succeed."""
    _act(ws, arg["actor"])
    result = invoke(ws, ws.args(arg["args"]))
    if result[0] != 0:
        raise ExampleError(f"setup cli {arg['args']} failed:\n{result[1]}")


def op_alter_after_signing(ws: Workspace, arg: dict[str, Any]) -> None:
    """Edit the case file and graft the new tree into HEAD's signed commit object: the
    signature then no longer matches (as if the commit had been altered after signing)."""
    t = _trail(ws)
    path = t.path(arg["case"])
    text = path.read_text("utf-8")
    path.write_text(text.replace(arg["old"], arg["new"], 1), "utf-8")
    git = t.git
    git.run("add", "-A")
    tree = git.out("write-tree")
    raw = subprocess.run(["git", "cat-file", "commit", "HEAD"], cwd=t.root, check=True,
                         capture_output=True).stdout
    first = raw.split(b"\n", 1)[0]
    forged = raw.replace(first, b"tree " + tree.encode(), 1)
    new = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], input=forged,
                         cwd=t.root, check=True, capture_output=True).stdout.decode().strip()
    git.run("update-ref", "HEAD", new)


FILE_OPS: dict[str, Callable[[Workspace, Any], None]] = {
    "write": op_write, "delete": op_delete, "pad": op_pad,
}
OPS: dict[str, Callable[[Workspace, Any], None]] = {
    **FILE_OPS, "intake": op_intake, "step": op_step, "happy": op_happy, "edit": op_edit,
    "draft": op_draft, "move": op_move, "commit": op_commit, "roster_change": op_roster_change,
    "new_key": op_new_key, "git": op_git, "act": op_act, "cli": op_cli,
    "alter_after_signing": op_alter_after_signing,
}


# --- running -----------------------------------------------------------------------


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def invoke(ws: Workspace, args: list[str], env: dict[str, str] | None = None) -> tuple[int, str, bool]:
    """(exit code, output with stderr, whether it ended in an exception) of one CLI run,
    in process, from inside the root."""
    with _inside(ws.root):
        result = CliRunner().invoke(main, args, env={"COMPLAINTS_ROOT": str(ws.root), **(env or {})})
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    return result.exit_code, result.output, crashed


def normalise(text: str, ws: Workspace) -> str:
    """Temp paths, commit ids and key material as placeholders; nothing else changes."""
    pairs = [(ws.root, "<root>"), (ws.inputs, "<inputs>"), (ws.keys, "<keys>"), (ws.tmp, "<tmp>")]
    for path, mark in pairs:
        if path is not None:
            text = text.replace(str(path), mark)
    if ws.trail is not None:
        text = _KEY.sub("<key>", _SHA.sub("<sha>", text))
    return text


def run(ex: Example, tmp: Path, template_base: Path) -> tuple[int, str, bool]:
    ws = build(ex, tmp, template_base)
    code, output, crashed = invoke(ws, ws.args(ex.command), ex.env)
    return code, normalise(output, ws), crashed
