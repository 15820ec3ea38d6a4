"""Benchmark `complaints validate` against check-jsonschema and the one-process floor.

    python bench/bench_validate.py [N]            # default 10000 cases
    python bench/bench_validate.py N --profile    # plus a cProfile of one cold run

Generates N valid synthetic cases (bench/casegen.py) in a temporary copy of the
repository (complaints.yml, schema/, cases/) and runs, each as its own process:
(a) a cold `complaints validate --no-cache`, (b) `check-jsonschema --schemafile
schema/case.schema.json` over the same files, (c) the floor: libyaml CSafeLoader
plus a compiled jsonschema-rs validator in one loop, (d) a warm validate from
the cache, and (e) the cold run again on N/4 cases, to see memory stay flat.
Each fast command runs --repeat times and the fastest run counts (load from
elsewhere only adds time); check-jsonschema runs once. Times are wall clock
and CPU (user + system, workers included); memory is the peak RSS of the
largest process and the peak summed over the process tree.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from casegen import write_cases

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FLOOR = """
import sys, yaml, json, jsonschema_rs
schema = json.load(open("schema/case.schema.json"))
valid = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
bad = 0
for path in open(sys.argv[1]).read().split():
    with open(path, "rb") as f:
        bad += not valid.is_valid(yaml.load(f.read(), Loader=yaml.CSafeLoader))
sys.exit(1 if bad else 0)
"""


@dataclass
class Run:
    label: str
    wall: float
    cpu: float
    maxrss_mb: float
    tree_mb: float
    code: int
    output: str


def _tree_rss_kb(pid: int) -> int:
    """RSS of a process and all its descendants, from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def run(label: str, cmd: list[str], cwd: Path) -> Run:
    peak = [0]
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "COMPLAINTS_ROOT": str(cwd)})
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.02):
                peak[0] = max(peak[0], _tree_rss_kb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own usage, workers included
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(label, wall, cpu, usage.ru_maxrss / 1024, peak[0] / 1024, proc.returncode, text)


def best(repeat: int, label: str, cmd: list[str], cwd: Path) -> Run:
    """The fastest of a few runs: other load on the machine only ever adds time."""
    return min((run(label, cmd, cwd) for _ in range(repeat)), key=lambda r: r.wall)


def make_repo(base: Path, count: int) -> tuple[Path, list[Path]]:
    root = base / f"repo-{count}"
    root.mkdir()
    shutil.copy(REPO / "complaints.yml", root)
    shutil.copytree(REPO / "schema", root / "schema")
    return root, write_cases(root, count)


def bench(count: int, keep: bool, repeat: int) -> list[Run]:
    base = Path(tempfile.mkdtemp(prefix="bench-validate-"))
    try:
        t0 = time.perf_counter()
        root, paths = make_repo(base, count)
        quarter, _ = make_repo(base, max(count // 4, 1))
        print(f"generated {count} + {count // 4} cases in {time.perf_counter() - t0:.1f} s under {base}")
        rel = [str(p.relative_to(root)) for p in paths]
        (root / "files.txt").write_text("\n".join(rel))
        validate = [str(BIN / "complaints"), "validate"]
        floor = best(repeat, "floor (CSafeLoader+rs)", [sys.executable, "-c", FLOOR, "files.txt"], root)
        cold = best(repeat, "cold validate", [*validate, "--no-cache"], root)
        if cold.code != 0:
            sys.exit(f"generated cases do not validate:\n{cold.output[-3000:]}")
        cjs = run("check-jsonschema", [str(BIN / "check-jsonschema"), "--schemafile",
                                       "schema/case.schema.json", *rel], root)
        run("fill cache", validate, root)
        warm = best(repeat, "warm validate", validate, root)
        small = best(repeat, f"cold validate N/4={count // 4}", [*validate, "--no-cache"], quarter)
        runs = [cold, cjs, floor, warm, small]
        for r in runs:
            if r.code != 0:
                print(f"!! {r.label} exited {r.code}: {r.output[-500:]}")
        return runs
    finally:
        if not keep:
            shutil.rmtree(base, ignore_errors=True)


def report(count: int, runs: list[Run]) -> None:
    cold, cjs, floor, warm, small = runs
    print(f"\n{count} cases   {'wall s':>8} {'cpu s':>8} {'maxrss MB':>10} {'tree MB':>8}  vs cold")
    for r in runs:
        print(f"{r.label:<24} {r.wall:8.2f} {r.cpu:8.2f} {r.maxrss_mb:10.0f} {r.tree_mb:8.0f}"
              f"  {r.wall / cold.wall:6.2f}x")
    checks = [
        ("check-jsonschema / cold >= 5", cjs.wall / cold.wall, cjs.wall / cold.wall >= 5),
        ("cold / floor <= 1.5 (wall)", cold.wall / floor.wall, cold.wall / floor.wall <= 1.5),
        ("cold / floor (cpu, for info)", cold.cpu / floor.cpu, True),
        ("warm < 1 s", warm.wall, warm.wall < 1),
        ("peak tree RSS < 300 MB", cold.tree_mb, cold.tree_mb < 300),
        ("RSS N / RSS N/4 (flat ~1)", cold.maxrss_mb / small.maxrss_mb,
         cold.maxrss_mb / small.maxrss_mb < 1.5),
    ]
    print()
    for name, value, ok in checks:
        print(f"{'ok ' if ok else 'MISS'} {name:<32} {value:8.2f}")
    print(f"\nreproduce: {Path(sys.executable).name} bench/bench_validate.py {count}")


def profile(count: int) -> None:
    """cProfile of one cold validate in this process, workers disabled to see all of it."""
    import cProfile
    import pstats

    from complaints.base import pool
    from complaints.check import validate as v

    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        root, paths = make_repo(Path(tmp), count)
        pool.PARALLEL_FROM = 10**9
        prof = cProfile.Profile()
        prof.runcall(v.validate, root, paths, use_cache=False)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        pstats.Stats(prof).sort_stats("tottime").print_stats(20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("--profile", action="store_true", help="also profile one cold run")
    parser.add_argument("--keep", action="store_true", help="keep the generated repositories")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each fast command; the best counts (check-jsonschema runs once)")
    args = parser.parse_args()
    report(args.count, bench(args.count, args.keep, args.repeat))
    if args.profile:
        profile(args.count)


if __name__ == "__main__":
    main()
