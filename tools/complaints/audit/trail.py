"""Reading the trail from Git: commits, their changes, raw objects.

`git log --format=%G?` would spawn ssh-keygen once per commit; instead
`git rev-list` lists the commits, `git diff-tree --stdin` names the trail
files each changed (in parallel chunks, and only for commits not verified
before), `git cat-file --batch` streams raw commit objects and blobs, and
signatures are checked in process (signing.sshsig).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from complaints.base.git import Git, GitError
from complaints.load.policy import POLICY_FILE
from complaints.signing.signers import REVOKED_FILE, SIGNERS_FILE, Trusted
from complaints.signing.sshsig import SigFormatError, check, parse_armored, split_commit

CASES = "cases/"
TRUST_FILES = (POLICY_FILE, SIGNERS_FILE, REVOKED_FILE)
PATHS = ("cases", *TRUST_FILES)
NULL = "0" * 40
STATUSES = ("good", "bad", "unsigned", "unknown-key", "expired", "revoked")
_TRAILER = re.compile(r"^([A-Za-z0-9][A-Za-z0-9-]*):\s*(.*)$")
_PERSON_TIME = re.compile(rb"^(?:author|committer) (.*) (\d+) [+-]\d{4}$")


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


def list_commits(git: Git, revs: Sequence[str]) -> tuple[list[LogCommit], list[LogCommit]]:
    """(commits, merges) of the range, parents before children, without their changes.

    No path limit here: limiting by path makes git diff every commit's trees,
    and `diff_tree` must do that anyway, but only for commits not yet cached.
    """
    listed = git.out("rev-list", "--topo-order", "--reverse", "--parents", *revs)
    commits: list[LogCommit] = []
    merges: list[LogCommit] = []
    for line in listed.splitlines():
        sha, *parents = line.split()
        (merges if len(parents) > 1 else commits).append(LogCommit(sha, tuple(parents)))
    return commits, merges


def diff_tree(root: Path, shas: Sequence[str], merges: bool = False,
              paths: Sequence[str] = ()) -> dict[str, list[list[Change]]]:
    """Paths each commit changed (all, or under paths), per parent (one list unless a merge).

    Commits changing none of them are left out.
    """
    cmd = ["git", "diff-tree", "--stdin", "--root", "-r", "--raw", "--no-renames", "--no-abbrev",
           "-z", *(["-m", "--always"] if merges else []), "--", *paths]
    proc = subprocess.run(cmd, cwd=root, input="".join(s + "\n" for s in shas).encode(),
                          capture_output=True, check=False)
    if proc.returncode != 0:
        raise GitError(cmd, proc.returncode, "", proc.stderr.decode("utf-8", "replace"))
    out: dict[str, list[list[Change]]] = {}
    current: list[Change] | None = None
    tokens = iter(proc.stdout.decode("utf-8", "surrogateescape").split("\0"))
    for tok in tokens:
        if tok.startswith(":"):
            parts = tok[1:].split()
            path = next(tokens, "")
            if current is not None and len(parts) >= 5:
                current.append(Change(path, None if parts[2] == NULL else parts[2],
                                      None if parts[3] == NULL else parts[3]))
        elif tok.strip():
            current = []
            out.setdefault(tok.strip(), []).append(current)
    return out


def merge_changes(root: Path, merges: list[LogCommit]) -> None:
    """Fill in each merge's changes against every parent (in parent order)."""
    found = diff_tree(root, [m.sha for m in merges], merges=True, paths=PATHS) if merges else {}
    for m in merges:
        m.per_parent = found.get(m.sha, [])
        m.per_parent += [[] for _ in range(len(m.parents) - len(m.per_parent))]


class Objects:
    """A `git cat-file --batch` process: raw objects by name, in bytes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.proc = subprocess.Popen(["git", "cat-file", "--batch"], cwd=root,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.check: subprocess.Popen[bytes] | None = None

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

    def ids(self, names: Iterable[str]) -> list[str | None]:
        """Object ids for names such as `<commit>:complaints.yml` (None: no such object)."""
        if self.check is None:
            self.check = subprocess.Popen(["git", "cat-file", "--batch-check=%(objectname)"],
                                          cwd=self.root, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.check.stdin is not None and self.check.stdout is not None
        names = list(names)
        out: list[str | None] = []
        for i in range(0, len(names), 256):
            chunk = names[i:i + 256]
            self.check.stdin.write("".join(n + "\n" for n in chunk).encode())
            self.check.stdin.flush()
            for _ in chunk:
                word = self.check.stdout.readline().split()[0].decode()
                out.append(word if len(word) == 40 else None)
        return out

    def close(self) -> None:
        for proc in (self.proc, self.check):
            if proc is not None and proc.stdin:
                proc.stdin.close()
                proc.wait()


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
    author: str = ""  # "Name <email>"; a rebase keeps it and rewrites the committer
    authored: int = 0
    committer: str = ""

    def trailer(self, name: str) -> str | None:
        values = self.values(name)
        return values[-1] if values else None

    def values(self, name: str) -> tuple[str, ...]:
        return self.trailers.get(name.lower(), ())


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


def commit_fields(body: bytes) -> tuple[tuple[str, int], tuple[str, int], str]:
    """(author, time), (committer, time) and the message of a commit object without its signature."""
    headers, _, message = body.partition(b"\n\n")
    people = {b"author": ("", 0), b"committer": ("", 0)}
    for line in headers.split(b"\n"):
        m = _PERSON_TIME.match(line)
        if m:
            people[line.split(b" ", 1)[0]] = (m.group(1).decode("utf-8", "replace"), int(m.group(2)))
    return people[b"author"], people[b"committer"], message.decode("utf-8", "replace")


def read_head(root: Path, sha: str, raw: bytes, trusted: Trusted) -> Head:
    """Parse a raw commit object and judge its signature against the trusted signers."""
    signed = split_commit(raw)
    (author, authored), (committer, committed), message = commit_fields(signed.payload if signed else raw)
    trailers = parse_trailers(message)

    def head(status: str, signer: str | None, key: str | None, detail: str = "") -> Head:
        return Head(sha, message.split("\n", 1)[0], committed, trailers, status, signer, key, detail,
                    author, authored, committer)

    if signed is None:
        return head("unsigned", None, None)
    if signed.kind != "ssh":
        return head(*_gpg_status(root, sha, trusted))
    try:
        sig = parse_armored(signed.signature)
        good = check(sig, signed.payload)
        key_text = sig.key_text
    except (SigFormatError, ValueError) as exc:
        return head("bad", None, None, str(exc))
    if not good:
        return head("bad", trusted.principal_of(key_text.split()[1]), key_text,
                    "signature does not match the commit (altered after signing?)")
    status, principal = trusted.judge(key_text.split()[1], committed, sha)
    return head(status, principal, key_text)


def touches_trail(changes: Iterable[Change]) -> bool:
    return any(ch.path.startswith(CASES) or ch.path in TRUST_FILES for ch in changes)


def is_shallow(git: Git) -> bool:
    return git.out("rev-parse", "--is-shallow-repository") == "true"
