"""`complaints site serve` as a real process: stopped by SIGTERM or SIGINT it ends its
worker processes (the two language builders and multiprocessing's resource tracker)
and exits 130; killed outright, its workers notice and end themselves. Processes are
found through /proc (no ps, no psutil): a pid counts as the same process only while
its start time is unchanged, and a zombie counts as gone."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from testing.site import TODAY

COMPLAINTS = Path(sys.executable).with_name("complaints")


def _stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2:].split()  # fields from the state on: comm may hold spaces


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(int(entry))
            if fields and int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _descendants(pid: int) -> dict[int, str]:
    """pid -> start time of every process below pid."""
    out: dict[int, str] = {}
    todo = _children(pid)
    while todo:
        child = todo.pop()
        fields = _stat(child)
        if fields:
            out[child] = fields[19]  # starttime
            todo += _children(child)
    return out


def _alive(pid: int, start: str) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[19] == start and fields[0] != "Z"


def _wait(condition: object, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _default_sigint() -> None:  # a test runner may ignore SIGINT; serve must not inherit that
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL],
                         ids=["SIGTERM", "SIGINT", "SIGKILL"])
def test_serve_leaves_no_process_behind(fresh_root: Path, tmp_path: Path,
                                        sig: signal.Signals) -> None:
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [str(COMPLAINTS), "site", "serve", "--no-commits", "--today", TODAY.isoformat(),
             "--port", str(_free_port())],
            cwd=fresh_root, stdout=out, stderr=subprocess.STDOUT, preexec_fn=_default_sigint)
    try:
        assert _wait(lambda: "Serving on" in log.read_text() or proc.poll() is not None), \
            log.read_text()
        assert proc.poll() is None, log.read_text()
        workers = _descendants(proc.pid)
        assert len(workers) >= 2, workers  # a builder per language (and the tracker)
        proc.send_signal(sig)
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert code == (-signal.SIGKILL if sig == signal.SIGKILL else 130), log.read_text()
    assert _wait(lambda: not any(_alive(p, s) for p, s in workers.items())), \
        f"still running: {[p for p, s in workers.items() if _alive(p, s)]}"
