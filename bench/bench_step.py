"""Benchmark one workflow step against a bare `git commit -S` of the same change.

Builds an organization repository with N cases and M commits (fast-import, so
building is quick), then times `complaints acknowledge` on one case next to a
bare signed commit of the identical edit, and `complaints --help` startup.

    python bench/bench_step.py --cases 10000 --commits 100000

Defaults are small so a smoke run takes seconds. Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from complaints.orgrepo import create_org_repo
from complaints.policy import INTAKE

CASE = """id: {id}
title: Synthetic case {n}
received: "2025-01-02T09:00:00+08:00"
channel: email
category: report
severity: minor
kind: complaint
summary: Synthetic complaint for the benchmark.
complainant: R-{ref}
status: received
history:
  - at: "2025-01-02T09:00:00+08:00"
    step: {intake}
    to: received
    actor: s-zhao
"""


def fast_import(root: Path, cases: int, commits: int) -> list[str]:
    """Append `commits` commits adding `cases` case files (plus filler edits) to main."""
    ids = [f"C-2025-{i:05d}" for i in range(1, cases + 1)]
    parent = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True,
                            text=True, check=True).stdout.strip()
    proc = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=root, stdin=subprocess.PIPE)
    assert proc.stdin is not None
    out = proc.stdin
    per_commit = max(1, -(-cases // max(commits, 1)))
    stamp = 1735779600
    for c in range(max(commits, 1)):
        batch = ids[c * per_commit:(c + 1) * per_commit]
        msg = f"bench: commit {c}".encode()
        out.write(b"commit refs/heads/main\n")
        out.write(f"committer Bench <b@example.invalid> {stamp + c} +0800\n".encode())
        out.write(f"data {len(msg)}\n".encode() + msg + b"\n")
        if c == 0:
            out.write(f"from {parent}\n".encode())
        for i, case_id in enumerate(batch):
            n = c * per_commit + i
            data = CASE.format(id=case_id, n=n, ref=f"{n:06d}", intake=INTAKE).encode()
            out.write(f"M 100644 inline cases/2025/{case_id}.yaml\ndata {len(data)}\n".encode())
            out.write(data + b"\n")
        if not batch:
            data = f"{c}\n".encode()
            out.write(f"M 100644 inline bench-filler.txt\ndata {len(data)}\n".encode() + data + b"\n")
    out.close()
    if proc.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=root, check=True)
    subprocess.run(["git", "commit-graph", "write", "--reachable", "--changed-paths"], cwd=root,
                   check=True, capture_output=True)
    return ids


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="Keep the generated repository.")
    args = parser.parse_args()
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("note: PYTHONDONTWRITEBYTECODE is set, so every run recompiles the modules; "
              "unset it (or set PYTHONPYCACHEPREFIX) for figures a user would see")
    tmp = Path(tempfile.mkdtemp(prefix="bench-step-"))
    os.environ.setdefault("GIT_CONFIG_GLOBAL", str(tmp / "gitconfig"))
    os.environ["GIT_CONFIG_NOSYSTEM"] = "1"
    (tmp / "gitconfig").touch()
    try:
        t0 = time.perf_counter()
        org = create_org_repo(tmp / "org", tmp / "keys")
        ids = fast_import(org.root, args.cases, args.commits)
        print(f"repository: {args.cases} cases, {args.commits} commits, "
              f"built in {time.perf_counter() - t0:.1f} s")
        org.act_as("s-zhao")
        exe = str(Path(sys.executable).parent / "complaints")
        step_times, bare_times = [], []
        for i in range(args.repeat):
            case_id = ids[i]
            step_times.append(timed([exe, "acknowledge", case_id], org.root))
            # The bare baseline: the same edit, committed by hand with git's own signing.
            changed = subprocess.run(["git", "show", "HEAD:" + f"cases/2025/{case_id}.yaml"],
                                     cwd=org.root, capture_output=True, check=True).stdout
            subprocess.run(["git", "reset", "-q", "--hard", "HEAD~1"], cwd=org.root, check=True)
            path = org.root / "cases" / "2025" / f"{case_id}.yaml"
            path.write_bytes(changed)
            bare_times.append(timed(["git", "commit", "-q", "-S", "-m", "bare", "--", str(path)],
                                    org.root))
        help_times = [timed([exe, "--help"], org.root) for _ in range(args.repeat)]
        step, bare = statistics.median(step_times), statistics.median(bare_times)
        print(f"complaints step:      {step * 1000:7.1f} ms (median of {args.repeat})")
        print(f"bare git commit -S:   {bare * 1000:7.1f} ms")
        print(f"ratio step / bare:    {step / bare:7.2f}x  (difference {(step - bare) * 1000:.1f} ms)")
        print(f"complaints --help:    {statistics.median(help_times) * 1000:7.1f} ms")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
