"""All or nothing: write case files and make one signed commit, or undo it all.

The repository lock (.git/complaints.lock, created with O_EXCL) serializes
complaints commands, so check-then-write is never raced by a second run. Before
writing we snapshot the files, the index and HEAD; after any failure (git
error, failing hook, refused signature, Ctrl-C, SIGTERM) the snapshot comes
back byte for byte and a commit that slipped through is unwound.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from complaints.base.errors import Problems
from complaints.base.git import Git, GitError, operation_in_progress, path_changes

LOCK_NAME = "complaints.lock"
LOCK_WAIT_ENV = "COMPLAINTS_LOCK_WAIT"


class StepError(Problems):
    """A step that cannot go ahead; carries a rule code for the message."""

    def __init__(self, code: str, message: str, listed: bool = False) -> None:
        super().__init__(message, code, listed)  # listed: the message names codes itself


def _holder(path: Path) -> str:
    """Who holds the lock, as its file says: pid, host, command and age; stale if dead."""
    try:
        fields = dict(line.split(" ", 1) for line in path.read_text().splitlines() if " " in line)
    except OSError:
        return "holder unknown"
    pid, host = fields.get("pid", "?"), fields.get("host", "?")
    try:
        age = f"{max(int(time.time() - float(fields['started'])), 0)} s ago"
    except (KeyError, ValueError):
        age = "at an unknown time"
    said = f"pid {pid} on {host}, `{fields.get('command', '?')}`, started {age}"
    if host == socket.gethostname() and pid.isdigit() and not _alive(int(pid)):
        said += "; that process no longer runs, so the lock is stale"
    return said


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def repo_lock(git_dir: Path, wait: float | None = None) -> Iterator[None]:
    """Hold .git/complaints.lock; wait briefly for another run, then fail cleanly."""
    path = git_dir / LOCK_NAME
    wait = float(os.environ.get(LOCK_WAIT_ENV, "10")) if wait is None else wait
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            if time.monotonic() >= deadline:
                raise StepError("X123", f"another complaints command holds the lock here "
                                f"({_holder(path)}); try again, or remove {path} if no such "
                                "process runs") from None
            time.sleep(0.05)
    try:
        command = " ".join(["complaints", *sys.argv[1:]])[:200].replace("\n", " ")
        os.write(fd, f"pid {os.getpid()}\nhost {socket.gethostname()}\ncommand {command}\n"
                     f"started {time.time():.0f}\n".encode())
        os.close(fd)
        yield
    finally:
        path.unlink(missing_ok=True)


class _Terminated(BaseException):
    pass


@contextlib.contextmanager
def _signals_as_exceptions() -> Iterator[None]:
    """SIGTERM/SIGHUP unwind like Ctrl-C, so the rollback runs."""
    def handler(signum: int, frame: FrameType | None) -> None:
        raise _Terminated(signum)

    saved: dict[signal.Signals, object] = {}
    try:
        for sig in (signal.SIGTERM, signal.SIGHUP):
            saved[sig] = signal.signal(sig, handler)
    except ValueError:  # not the main thread: leave signals alone
        pass
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)  # type: ignore[arg-type]


def _write_atomic(path: Path, data: bytes, mode: int | None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode if mode is not None else 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass
class Snapshot:
    head: str | None
    index: bytes | None
    files: dict[str, tuple[bytes, int] | None] = field(default_factory=dict)


@dataclass
class Transaction:
    git: Git
    git_dir: Path
    undo: list[Callable[[], None]] = field(default_factory=list)
    base: tuple[str | None] | None = None  # (HEAD,) once preflight has read it

    def preflight(self, relpaths: list[str]) -> None:
        """Refuse to start when git is mid-operation or the files are not clean."""
        busy = operation_in_progress(self.git_dir)
        if busy:
            raise StepError("X121", f"{busy} is in progress; finish or abort it first")
        if (self.git_dir / "index.lock").exists():
            raise StepError("X122", f"{self.git_dir / 'index.lock'} exists: another git "
                            "process is running (or crashed; then remove the file)")
        dirty = path_changes(self.git, relpaths)
        if dirty:
            first = dirty.splitlines()[0]
            rel = next((r for r in relpaths if first.endswith(r)), relpaths[0])
            raise StepError("X120", f"{rel} has uncommitted changes ({first}); "
                            "commit or restore them first")
        # We hold the repository lock from here on, so HEAD stays what it is now.
        self.base = (self.git.head(),)

    def _snapshot(self, relpaths: list[str]) -> Snapshot:
        index = self.git_dir / "index"
        head = self.base[0] if self.base is not None else self.git.head()
        snap = Snapshot(head, index.read_bytes() if index.exists() else None)
        for rel in relpaths:
            path = self.git.root / rel
            snap.files[rel] = (path.read_bytes(), path.stat().st_mode & 0o7777) \
                if path.exists() else None
        return snap

    def _restore(self, snap: Snapshot) -> None:
        head = self.git.head()
        if head != snap.head and snap.head is not None and head is not None:
            self.git.run("update-ref", "-m", "complaints: undo an interrupted step",
                         "HEAD", snap.head, head)
        for rel, saved in snap.files.items():
            path = self.git.root / rel
            if saved is None:
                path.unlink(missing_ok=True)
            else:
                _write_atomic(path, saved[0], saved[1])
        (self.git_dir / "index.lock").unlink(missing_ok=True)  # only a killed git leaves one
        index = self.git_dir / "index"
        if snap.index is None:
            index.unlink(missing_ok=True)
        else:
            _write_atomic(index, snap.index, None)
        for step in reversed(self.undo):
            step()

    def commit(self, writes: dict[str, bytes | None], message: str) -> str:
        """Write (or delete, for None) the files and commit exactly them, signed."""
        relpaths = list(writes)
        snap = self._snapshot(relpaths)
        try:
            with _signals_as_exceptions():
                for rel, data in writes.items():
                    path = self.git.root / rel
                    if data is None:
                        path.unlink(missing_ok=True)
                    else:
                        saved = snap.files.get(rel)
                        _write_atomic(path, data, saved[1] if saved else None)
                if any(snap.files[r] is None or writes[r] is None for r in relpaths):
                    self.git.run("add", "-A", "--", *relpaths)
                self.git.run("commit", "-q", "-S", "--cleanup=whitespace", "-F", "-",
                             "--", *relpaths, input=message)
                new = self.git.head()
                if new is None or new == snap.head:
                    raise GitError(["commit"], 1, "", "git commit made no commit")
                return new
        except BaseException as exc:
            self._restore(snap)
            if isinstance(exc, GitError):
                raise StepError("X124", f"nothing was changed, because git refused the "
                                f"commit: {exc}") from None
            if isinstance(exc, _Terminated):
                raise KeyboardInterrupt from None
            raise
