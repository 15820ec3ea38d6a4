"""Benchmark the deadline clocks and `complaints due`, side by side with the code before them.

    python bench/bench_clocks.py [N] [--base REV]     # default 10000 cases, base fdb71c3

Generates N valid synthetic cases (bench/casegen.py) and runs, each as its own process,
alternating between this tree and the code at REV (extracted with `git archive`, run
with the same Python, its own complaints.yml and schema): (a) a cold `complaints
validate --no-cache`, which now also checks every case's due dates against the
calendar (D101); (b) computing every clock of every case, the cases already loaded;
(c) `complaints due` cold and warm (this tree only: the command is new). Each runs
--repeat times and the fastest run counts (load from elsewhere only adds time).
Targets (issue 11): clocks add < 10% to a cold validate; `due` warm < 1 s. The share is
taken of validate's CPU time: validate runs on every core, the clock loop in one process,
and on a shared 2-core machine wall times of the same validate differ by a third.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_validate import Run, best
from casegen import write_cases

REPO = Path(__file__).resolve().parents[1]
BASE = "fdb71c3"  # the last commit before the deadlines work
CLOCKS = """
import sys, time, yaml
from datetime import date
from pathlib import Path
from complaints.load.policy import load_policy
from complaints.procedure.clock import clocks
root = Path(sys.argv[1])
policy = load_policy(root)
cases = [yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader) for p in sorted((root / "cases").rglob("*.yaml"))]
start = time.perf_counter()
n = sum(len(clocks(c, policy, date(2026, 12, 3))) for c in cases)
print(f"{time.perf_counter() - start:.4f} {n}")
"""


def extract(rev: str, into: Path) -> Path:
    """The tree at rev, as files (no git state is touched)."""
    data = subprocess.run(["git", "archive", rev], cwd=REPO, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def make_root(base: Path, name: str, tree: Path, count: int) -> Path:
    root = base / name
    root.mkdir()
    shutil.copy(tree / "complaints.yml", root)
    shutil.copytree(tree / "schema", root / "schema")
    write_cases(root, count)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)  # the caches live in .git/
    return root


def command(tree: Path | None, *args: str) -> list[str]:
    """`complaints args` from this tree (the installed one) or from an extracted old tree."""
    if tree is None:
        return [str(Path(sys.executable).parent / "complaints"), *args]
    return [sys.executable, "-c", "import sys; from complaints.cli.main import main; sys.exit(main())", *args]


def env_for(tree: Path | None) -> None:
    if tree is None:
        os.environ.pop("PYTHONPATH", None)
    else:
        os.environ["PYTHONPATH"] = str(tree / "tools")


def clock_time(tree: Path | None, root: Path, repeat: int) -> float:
    env_for(tree)
    times = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", CLOCKS, str(root)], capture_output=True, text=True,
                             check=True).stdout.split()
        times.append(float(out[0]))
    return min(times)


def bench(count: int, base_rev: str, repeat: int) -> None:
    base = Path(tempfile.mkdtemp(prefix="bench-clocks-"))
    try:
        old_tree = extract(base_rev, base / "old-tree")
        new_root = make_root(base, "new", REPO, count)
        old_root = make_root(base, "old", old_tree, count)
        print(f"{count} cases in {new_root} and {old_root} (code at {base_rev})")
        cold: dict[str, list[Run]] = {"new": [], "old": []}
        for _ in range(repeat):  # alternate, so both meet the same load
            for name, tree, root in (("new", None, new_root), ("old", old_tree, old_root)):
                env_for(tree)
                cold[name].append(best(1, f"cold validate ({name})", command(tree, "validate", "--no-cache"), root))
        new, old = (min(cold[k], key=lambda r: r.wall) for k in ("new", "old"))
        for r in (new, old):
            if r.code != 0:
                sys.exit(f"{r.label} exited {r.code}: {r.output[-2000:]}")
        clocks_new, clocks_old = clock_time(None, new_root, repeat), clock_time(old_tree, old_root, repeat)
        env_for(None)
        best(1, "fill due cache", command(None, "due", "--format", "json", "--today", "2026-12-03"), new_root)
        due_warm = best(repeat, "warm due", command(None, "due", "--format", "json", "--today", "2026-12-03"),
                        new_root)
        due_cold = best(repeat, "cold due", command(None, "due", "--format", "json", "--today", "2026-12-03",
                                                    "--no-cache"), new_root)
        print(f"\n{'':<34} {'wall s':>8} {'cpu s':>8}")
        for r in (new, old, due_cold, due_warm):
            print(f"{r.label:<34} {r.wall:8.2f} {r.cpu:8.2f}")
        print(f"{'every clock, cases loaded (new)':<34} {clocks_new:8.2f}")
        print(f"{'every clock, cases loaded (old)':<34} {clocks_old:8.2f}")
        share = clocks_new / new.cpu  # the clock loop runs in one process: its time is CPU time
        checks = [
            ("clocks / cold validate CPU < 10%", share * 100, share < 0.10),
            ("clocks / cold validate wall % (info)", clocks_new / new.wall * 100, True),
            ("cold validate new / old CPU", new.cpu / old.cpu, True),
            ("cold validate new / old wall (info)", new.wall / old.wall, True),
            ("clocks new / old (info)", clocks_new / clocks_old, True),
            ("due warm < 1 s", due_warm.wall, due_warm.wall < 1),
        ]
        print()
        for name, value, ok in checks:
            print(f"{'ok ' if ok else 'MISS'} {name:<34} {value:8.2f}")
        print(f"\nreproduce: {Path(sys.executable).name} bench/bench_clocks.py {count} --base {base_rev}")
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("--base", default=BASE, help="the revision to compare with")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command; the best counts")
    args = parser.parse_args()
    start = time.perf_counter()
    bench(args.count, args.base, args.repeat)
    print(f"(benchmark took {time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
