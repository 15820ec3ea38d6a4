"""Reading the trail from Git: one `git log` pass plus raw objects.

`git log --format=%G?` would spawn ssh-keygen once per commit; instead one
path-limited `git log --raw` lists every commit touching the trail with the
blob ids it changed, `git cat-file --batch` streams raw commit objects and
blobs, and signatures are checked in process (sshsig_verify.py).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .gitops import Git
from .policy import POLICY_FILE
from .signers import REVOKED_FILE, SIGNERS_FILE, Trusted
from .sshsig_verify import SigFormatError, check, parse_armored, split_commit

CASES = "cases/"
TRUST_FILES = (POLICY_FILE, SIGNERS_FILE, REVOKED_FILE)
PATHS = ("cases", *TRUST_FILES)
NULL = "0" * 40
STATUSES = ("good", "bad", "unsigned", "unknown-key", "expired", "revoked")
_TRAILER = re.compile(r"^([A-Za-z0-9][A-Za-z0-9-]*):\s*(.*)$")
_PERSON_TIME = re.compile(rb" (\d+) [+-]\d{4}$")


@dataclass(frozen=True)
class Change:
    path: str
    old: str | None  # blob id before, None when added
    new: str | None  # blob id after, None when deleted


@dataclass
class LogCommit:
    sha: str
    parents: tuple[str, ...]
    changes: list[Change] = field(default_factory=list)
    per_parent: list[list[Change]] = field(default_factory=list)  # merges only


def raw_changes(tokens: list[str]) -> list[Change]:
    out = []
    for meta, path in zip(tokens[0::2], tokens[1::2], strict=False):
        parts = meta.strip().lstrip(":").split()
        if len(parts) < 5:
            continue
        old, new = parts[2], parts[3]
        out.append(Change(path, None if old == NULL else old, None if new == NULL else new))
    return out


def log_commits(git: Git, revs: Sequence[str]) -> list[LogCommit]:
    """Commits touching the trail, parents before children, with every path each changed."""
    out = git.out("log", "-z", "--reverse", "--topo-order", "--full-history", "--full-diff",
                  "--raw", "--no-renames", "--no-abbrev", "--no-merges",
                  "--format=%x1e%H %P", *revs, "--", *PATHS)
    commits = []
    for record in out.split("\x1e")[1:]:
        head, _, rest = record.partition("\0")
        sha, *parents = head.split()
        tokens = [t for t in rest.split("\0") if t.strip()]
        commits.append(LogCommit(sha, tuple(parents), raw_changes(tokens)))
    return commits


def merge_commits(git: Git, revs: Sequence[str]) -> list[LogCommit]:
    """Merges in range, each with its changes against every parent (in parent order)."""
    listed = git.out("rev-list", "--merges", "--parents", "--topo-order", "--reverse", *revs)
    merges = [LogCommit(line.split()[0], tuple(line.split()[1:]))
              for line in listed.splitlines() if line]
    if not merges:
        return []
    out = git.out("diff-tree", "--stdin", "-m", "-r", "--always", "--raw", "--no-renames",
                  "--no-abbrev", "-z", "--", *PATHS,
                  input="".join(m.sha + "\n" for m in merges))
    tokens = [t for t in out.split("\0") if t.strip()]
    by_sha = {m.sha: m for m in merges}
    per_parent: dict[str, list[list[Change]]] = {m.sha: [] for m in merges}
    current: list[str] = []
    sha = ""
    for tok in [*tokens, "\n"]:
        word = tok.strip()
        if word in by_sha or tok == "\n":
            if sha:
                per_parent[sha].append(raw_changes(current))
            sha, current = word, []
        else:
            current.append(tok)
    for m in merges:
        m.per_parent = per_parent[m.sha]
    return merges


class Objects:
    """A `git cat-file --batch` process: raw objects by name, in bytes."""

    def __init__(self, root: Path) -> None:
        self.proc = subprocess.Popen(["git", "cat-file", "--batch"], cwd=root,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def read_many(self, names: Iterable[str]) -> list[bytes | None]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        names = list(names)
        out: list[bytes | None] = []
        for i in range(0, len(names), 256):  # a chunk of requests always fits the pipe
            chunk = names[i:i + 256]
            self.proc.stdin.write("".join(n + "\n" for n in chunk).encode())
            self.proc.stdin.flush()
            for _ in chunk:
                header = self.proc.stdout.readline().split()
                if len(header) != 3:  # "<name> missing"
                    out.append(None)
                    continue
                data = self.proc.stdout.read(int(header[2]) + 1)
                out.append(data[:-1])
        return out

    def read(self, name: str) -> bytes | None:
        return self.read_many([name])[0]

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait()


@dataclass(frozen=True)
class Head:
    """What a commit says about itself, and what its signature proves."""

    sha: str
    subject: str
    committed: int  # committer time, unix seconds
    trailers: dict[str, tuple[str, ...]]
    status: str  # one of STATUSES
    signer: str | None  # principal (staff id) from the trusted signers
    key: str | None  # "type base64" of the signing key, when known
    detail: str = ""

    def trailer(self, name: str) -> str | None:
        values = self.trailers.get(name.lower())
        return values[-1] if values else None


def parse_trailers(message: str) -> dict[str, tuple[str, ...]]:
    """Trailers of the last paragraph, keys lower-cased (git compares them so)."""
    paragraphs = [p for p in message.strip().split("\n\n") if p.strip()]
    if len(paragraphs) < 2:
        return {}
    found: dict[str, list[str]] = {}
    for line in paragraphs[-1].splitlines():
        m = _TRAILER.match(line.strip())
        if m:
            found.setdefault(m.group(1).lower(), []).append(m.group(2).strip())
    return {k: tuple(v) for k, v in found.items()}


def _gpg_status(root: Path, sha: str, trusted: Trusted) -> tuple[str, str | None, str | None, str]:
    """GPG is rare here: let git and gpg judge it, then map the key to the roster."""
    res = subprocess.run(["git", "verify-commit", "--raw", sha], cwd=root,
                         capture_output=True, text=True, check=False)
    words = {line.split()[1]: line.split()[2:] for line in res.stderr.splitlines()
             if line.startswith("[GNUPG:] ") and len(line.split()) > 1}
    fpr = (words.get("VALIDSIG") or [""])[0].upper()
    signer = trusted.gpg_principal(fpr) if fpr else None
    for word, status in (("REVKEYSIG", "revoked"), ("EXPKEYSIG", "expired"),
                         ("BADSIG", "bad"), ("NO_PUBKEY", "unknown-key")):
        if word in words:
            return status, signer, fpr or None, f"gpg {word}"
    if "GOODSIG" in words and signer:
        return "good", signer, fpr, ""
    return "unknown-key", None, fpr or None, "gpg key not on the trusted roster"


def read_head(root: Path, sha: str, raw: bytes, trusted: Trusted) -> Head:
    """Parse a raw commit object and judge its signature against the trusted signers."""
    signed = split_commit(raw)
    body = signed.payload if signed else raw
    headers, _, message_b = body.partition(b"\n\n")
    committed = 0
    for line in headers.split(b"\n"):
        if line.startswith(b"committer "):
            m = _PERSON_TIME.search(line)
            committed = int(m.group(1)) if m else 0
    message = message_b.decode("utf-8", "replace")
    subject = message.split("\n", 1)[0]
    trailers = parse_trailers(message)
    if signed is None:
        return Head(sha, subject, committed, trailers, "unsigned", None, None)
    if signed.kind != "ssh":
        status, signer, key, detail = _gpg_status(root, sha, trusted)
        return Head(sha, subject, committed, trailers, status, signer, key, detail)
    try:
        sig = parse_armored(signed.signature)
        good = check(sig, signed.payload)
        key_text = sig.key_text
    except (SigFormatError, ValueError) as exc:
        return Head(sha, subject, committed, trailers, "bad", None, None, str(exc))
    if not good:
        principal = trusted.principal_of(key_text.split()[1])
        return Head(sha, subject, committed, trailers, "bad", principal, key_text,
                    "signature does not match the commit (altered after signing?)")
    status, principal = trusted.judge(key_text.split()[1], committed)
    return Head(sha, subject, committed, trailers, status, principal, key_text)


def is_shallow(git: Git) -> bool:
    return git.out("rev-parse", "--is-shallow-repository") == "true"
