"""Benchmark one workflow step against a bare `git commit -S` of the same change.

Builds an organization repository with N cases and M commits (fast-import, so
building is quick), then times `complaints acknowledge` on one case next to a
bare signed commit of the identical edit, and `complaints --help` startup.

    python bench/bench_step.py --cases 10000 --commits 100000 --dir /tmp/bench-step

Signing goes through a wrapper around ssh-keygen (gpg.ssh.program) that logs
its own duration, so the table shows each command's time with and without the
signing program, as issue 3 asks. `--dir` keeps the built repository for the
next run. Defaults are small so a smoke run takes seconds. Not a test.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from complaints.load.policy import INTAKE
from complaints.workflow.org import create_org_repo

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


SIGNER = """#!/bin/bash
# gpg.ssh.program for the benchmark: ssh-keygen, logging how long it took (bash's own
# clock, so no extra process is timed), so signing can be taken out of the step's time.
start=$EPOCHREALTIME
ssh-keygen "$@"
rc=$?
echo "$start $EPOCHREALTIME" >> {log}
exit $rc
"""


class Timer:
    """Runs a command; reports wall time and the signing program's share of it."""

    def __init__(self, work: Path) -> None:
        self.log = work / "signing.log"
        self.wrapper = work / "ssh-keygen-timed"
        self.wrapper.write_text(SIGNER.format(log=self.log))
        self.wrapper.chmod(0o755)

    def __call__(self, cmd: list[str], cwd: Path) -> tuple[float, float, float]:
        """(wall, signing program's wall, CPU of the whole process tree) in seconds."""
        self.log.write_text("")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        spans = [line.split() for line in self.log.read_text().splitlines() if line.strip()]
        signing = sum(float(end) - float(begin) for begin, end in spans)
        return wall, signing, cpu


def build(work: Path, cases: int, commits: int) -> tuple[Path, list[str]]:
    """The benchmark repository, reused from an earlier run with the same size."""
    root, stamp = work / "org", work / f"built-{cases}-{commits}"
    ids = [f"C-2025-{i:05d}" for i in range(1, cases + 1)]
    if stamp.exists():  # back to the state it was built in: every case still received
        subprocess.run(["git", "reset", "-q", "--hard", stamp.read_text().strip()], cwd=root,
                       check=True)
        return root, ids
    for old in (root, work / "keys"):
        shutil.rmtree(old, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    org = create_org_repo(root, work / "keys")
    fast_import(org.root, cases, commits)
    org.act_as("s-zhao")
    stamp.write_text(subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True,
                                    text=True, check=True).stdout)
    print(f"built the repository in {time.perf_counter() - t0:.1f} s")
    return root, ids


def row(name: str, runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    wall = statistics.median(w for w, _, _ in runs)
    sign = statistics.median(s for _, s, _ in runs)
    net = statistics.median(w - s for w, s, _ in runs)
    cpu = statistics.median(c for _, _, c in runs)
    print(f"| {name:<28} | {wall * 1000:8.1f} | {sign * 1000:8.1f} | {net * 1000:8.1f} "
          f"| {cpu * 1000:8.1f} |")
    return wall, sign, net


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--dir", type=Path, help="Build (or reuse) the repository here.")
    args = parser.parse_args()
    print(f"PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '(unset)')}"
          " (when set, Python recompiles every module on each start: slower than a user sees)")
    work = args.dir or Path(tempfile.mkdtemp(prefix="bench-step-"))
    os.environ["GIT_CONFIG_GLOBAL"] = str(work.parent / f"{work.name}.gitconfig")
    os.environ["GIT_CONFIG_NOSYSTEM"] = "1"
    Path(os.environ["GIT_CONFIG_GLOBAL"]).touch()
    try:
        root, ids = build(work, args.cases, args.commits)
        timer = Timer(work)
        subprocess.run(["git", "config", "gpg.ssh.program", str(timer.wrapper)], cwd=root, check=True)
        exe = str(Path(sys.executable).parent / "complaints")
        steps, bares = [], []
        for i in range(args.repeat):
            case_id = ids[i * 7 % len(ids)]
            steps.append(timer([exe, "acknowledge", case_id], root))
            # The bare baseline: the same edit, committed by hand with git's own signing.
            rel = f"cases/2025/{case_id}.yaml"
            changed = subprocess.run(["git", "show", f"HEAD:{rel}"], cwd=root,
                                     capture_output=True, check=True).stdout
            subprocess.run(["git", "reset", "-q", "--hard", "HEAD~1"], cwd=root, check=True)
            (root / rel).write_bytes(changed)
            bares.append(timer(["git", "commit", "-q", "-S", "-m", "bare", "--", rel], root))
        helps = [timer([exe, "--help"], root) for _ in range(args.repeat)]
        python = [timer([sys.executable, "-c", "pass"], root) for _ in range(args.repeat)]
        build(work, args.cases, args.commits)  # resets the repository for the next run
        print(f"\n{args.cases} cases, {args.commits} commits; median of {args.repeat}; ms\n")
        print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; net = wall - "
              "signing program; cpu = user+sys of every process (signing included)\n")
        print(f"| {'command':<28} | {'wall':>8} | {'signing':>8} | {'net':>8} | {'cpu':>8} |")
        print(f"|{'-' * 30}|{'-' * 10}|{'-' * 10}|{'-' * 10}|{'-' * 10}|")
        step = row("complaints acknowledge", steps)
        bare = row("bare git commit -S", bares)
        row("complaints --help", helps)
        row("python -c pass (floor)", python)
        print(f"\nratio step / bare, signing excluded: {step[2] / bare[2]:.2f}x; "
              f"with signing: {step[0] / bare[0]:.2f}x (step signs twice: probe and commit)")
    finally:
        if not args.dir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
