"""Benchmark `complaints verify` / `complaints log` against plain git's %G?.

    python bench/bench_verify.py [--cases N] [--steps K] [--baseline-sample M] [--dir PATH]

Generates N cases with about K signed steps each (default 1000 x 10, about
10,000 commits; the issue's size is --cases 10000), then times, in one run:
the baseline `git log --format=%G?` (ssh-keygen per commit; measured on the
last M commits and scaled per commit unless --full-baseline), a cold and a
warm `complaints verify`, a 50-commit `--range`, and `complaints log ID`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from trailgen import generate

EXE = str(Path(sys.executable).parent / "complaints")


def timed(cmd: list[str], root: Path, expect: int = 0) -> float:
    env = {**os.environ, "COMPLAINTS_ROOT": str(root)}
    start = time.perf_counter()
    res = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    if res.returncode != expect:
        raise SystemExit(f"{' '.join(cmd)} exited {res.returncode}:\n{res.stdout[-2000:]}"
                         f"{res.stderr[-2000:]}")
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--baseline-sample", type=int, default=2000)
    ap.add_argument("--full-baseline", action="store_true")
    ap.add_argument("--dir", type=Path)
    args = ap.parse_args()
    work = args.dir or Path(tempfile.mkdtemp(prefix="bench-verify-"))
    root = work / "org"
    if root.exists():
        shutil.rmtree(root)
    t0 = time.perf_counter()
    gen = generate(root, args.cases, args.steps)
    print(f"generated {len(gen.cases)} cases, {gen.commits} signed commits "
          f"in {time.perf_counter() - t0:.1f} s ({root})")
    subprocess.run(["git", "config", "gpg.ssh.allowedSignersFile", str(root / "allowed_signers")],
                   cwd=root, check=True)

    sample = gen.commits if args.full_baseline else min(args.baseline_sample, gen.commits - 1)
    span = ["HEAD"] if args.full_baseline else [f"HEAD~{sample}..HEAD"]
    base = timed(["git", "log", "--format=%G?", *span], root)
    baseline = base / sample * gen.commits
    note = "measured" if args.full_baseline else f"scaled from {sample} commits"
    print(f"baseline git log --format=%G?: {baseline:8.2f} s ({note}; "
          f"{base / sample * 1000:.1f} ms/commit)")

    cache = root / ".git" / "complaints-verify-cache.sqlite"
    cache.unlink(missing_ok=True)
    cold = timed([EXE, "verify"], root)
    warm = timed([EXE, "verify"], root)
    rng = timed([EXE, "verify", "--no-cache", "--range", "HEAD~50..HEAD"], root)
    log = timed([EXE, "log", gen.cases[len(gen.cases) // 2]], root)
    print(f"complaints verify, cold:         {cold:8.2f} s   baseline/cold = {baseline / cold:6.1f}x"
          "  (target >= 10x)")
    print(f"complaints verify, warm cache:   {warm:8.2f} s   cold/warm = {cold / warm:6.1f}x")
    print(f"complaints verify --range 50:    {rng:8.2f} s   (target < 3 s)")
    print(f"complaints log ID:               {log:8.2f} s   (target < 1 s)")


if __name__ == "__main__":
    main()
