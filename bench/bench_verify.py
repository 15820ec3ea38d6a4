"""Benchmark `complaints verify` / `complaints log` against plain git's %G?.

    python bench/bench_verify.py [--cases N] [--steps K] [--baseline-sample M] [--dir PATH]

Generates N cases walking up to K signed steps each (the issue's size, 10,000
cases and 100,000 commits, is --cases 10000 --steps 17), then times, in one
run: the baseline `git log --format=%G?` (ssh-keygen per commit; measured on
the last M commits and scaled per commit unless --full-baseline), a cold and
a warm `complaints verify`, a 50-commit `--range`, and `complaints log ID`.
With --dir the generated repository is kept and reused by the next run.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the fixture builders in testing/

from testing.trailgen import generate

EXE = str(Path(sys.executable).parent / "complaints")


CPU: list[float] = []  # user+sys of the last timed command's process tree


def timed(cmd: list[str], root: Path, expect: int = 0) -> float:
    env = {**os.environ, "COMPLAINTS_ROOT": str(root)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    res = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[:] = [after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime]
    if res.returncode != expect:
        raise SystemExit(f"{' '.join(cmd)} exited {res.returncode}:\n{res.stdout[-2000:]}"
                         f"{res.stderr[-2000:]}")
    return took


def prepare(work: Path, cases: int, steps: int) -> tuple[Path, list[str], int]:
    """The generated repository (reused when one of this size is already there)."""
    root, stamp = work / "org", work / f"generated-{cases}x{steps}.txt"
    if stamp.exists():
        commits, *ids = stamp.read_text().split()
        print(f"reusing {root}: {len(ids)} cases, {commits} signed commits")
        return root, ids, int(commits)
    if root.exists():
        shutil.rmtree(root)
    t0 = time.perf_counter()
    gen = generate(root, cases, steps)
    print(f"generated {len(gen.cases)} cases, {gen.commits} signed commits "
          f"in {time.perf_counter() - t0:.1f} s ({root})")
    stamp.write_text(" ".join([str(gen.commits), *gen.cases]))
    return root, gen.cases, gen.commits


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--baseline-sample", type=int, default=2000)
    ap.add_argument("--full-baseline", action="store_true")
    ap.add_argument("--dir", type=Path)
    args = ap.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="bench-verify-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '(unset)')}; "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    root, cases, commits = prepare(work, args.cases, args.steps)
    subprocess.run(["git", "config", "gpg.ssh.allowedSignersFile", str(root / "allowed_signers")],
                   cwd=root, check=True)

    sample = commits if args.full_baseline else min(args.baseline_sample, commits - 1)
    span = ["HEAD"] if args.full_baseline else [f"HEAD~{sample}..HEAD"]
    base = timed(["git", "log", "--format=%G?", *span], root)
    baseline = base / sample * commits
    base_cpu = CPU[0] / sample * commits
    note = "measured" if args.full_baseline else f"scaled from {sample} commits"
    print(f"baseline git log --format=%G?: {baseline:8.2f} s ({note}; "
          f"{base / sample * 1000:.1f} ms/commit)")

    cache = root / ".git" / "complaints-verify-cache.sqlite"
    cache.unlink(missing_ok=True)
    rows = [("complaints verify, cold", timed([EXE, "verify"], root), CPU[0]),
            ("complaints verify, warm cache", timed([EXE, "verify"], root), CPU[0]),
            ("complaints verify --range (50)", timed([EXE, "verify", "--no-cache", "--range",
                                                      "HEAD~50..HEAD"], root), CPU[0])]
    longest = cases[len(cases) // 2 // 4 * 4]  # a case on the longest walk
    rows.append((f"complaints log {longest}", timed([EXE, "log", longest], root), CPU[0]))
    print(f"load average {os.getloadavg()[0]:.2f} after the runs\n")
    print(f"| {'command':<34} | {'wall s':>8} | {'cpu s':>8} | {'vs baseline':>11} |")
    print(f"|{'-' * 36}|{'-' * 10}|{'-' * 10}|{'-' * 13}|")
    print(f"| {'git log --format=%G? (baseline)':<34} | {baseline:8.2f} | {base_cpu:8.2f} "
          f"| {'1.0x':>11} |")
    for name, wall, cpu in rows:
        print(f"| {name:<34} | {wall:8.2f} | {cpu:8.2f} | {baseline / wall:10.1f}x |")
    print("\ntargets: cold >= 10x the baseline; warm reuses the cache; range < 3 s; log < 1 s")


if __name__ == "__main__":
    main()
