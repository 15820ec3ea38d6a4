"""Benchmark: the published figures on N generated cases, against the code before
figures/ (one pass as of the build day, no periods recomputed as they stood), run side by
side in one process. Not a test.

    python bench/bench_figures.py 10000
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from casegen import write_cases
from complaints.figures.compute import compute
from complaints.load.policy import load_policy
from complaints.load.records import LISTS
from complaints.load.safeyaml import load_file

REPO = Path(__file__).resolve().parents[1]
BEFORE = "fdb71c3"  # the last commit with site/stats.py


def old_compute() -> object:
    source = subprocess.run(["git", "-C", str(REPO), "show", f"{BEFORE}:tools/complaints/site/stats.py"],
                            capture_output=True, text=True, check=True).stdout
    path = Path(tempfile.mkdtemp()) / "old_stats.py"
    path.write_text(source, "utf-8")
    spec = importlib.util.spec_from_file_location("old_stats", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.compute


def best(fn: object, *args: object, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn(*args)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main(count: int) -> None:
    root = Path(tempfile.mkdtemp())
    shutil.copy(REPO / "complaints.yml", root / "complaints.yml")
    write_cases(root, count)
    cases = [load_file(p).data for p in sorted((root / "cases").rglob("*.yaml"))]
    policy, today = load_policy(root), date(2026, 12, 3)
    old = old_compute()
    # the same cases as the code before read them: one mapping per record, the latest entry
    legacy = [{**c, **{one: c[many][-1] for one, many in LISTS.items() if c.get(many)}}
              for c in cases]
    before, after = best(old, legacy, policy, today), best(compute, cases, policy, today)
    print(f"{count} cases: figures {after:.2f} s, before figures/ {before:.2f} s, "
          f"ratio {after / before:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10000)
