"""Benchmark of the site build (not a test): python bench/bench_site.py [N] [--keep]

Generates N synthetic cases that pass the schema, then measures side by side:
- `complaints site build` (generation, then one mkdocs --strict build per language in
  two processes, each followed by the privacy gate over its output), as a command;
- a bare `mkdocs build` of the same number of plain pages (both languages counted),
  kept out of the navigation like our case pages, with the same theme and search;
- a rebuild after one case changed, the way `complaints site serve` does it.
Reports the generation share, the ratio to the bare build, and site bytes per case.
Targets (issue 5, at N = 10,000): generation < 10% of the build, the whole build
<= 1.3x the bare build, one-case rebuild < 5 s.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TZ = timezone(timedelta(hours=8))
PATH = [("acknowledge", "received", "acknowledged", "s-zhao"),
        ("accept", "acknowledged", "accepted", "s-sun"),
        ("assign", "accepted", "investigating", "s-sun"),
        ("propose", "investigating", "decision_proposed", "s-zhou"),
        ("approve", "decision_proposed", "decided", "s-li"),
        ("respond", "decided", "responded", "s-zhao"),
        ("close", "responded", "closed", "s-zhao")]


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+08:00")


def synthetic_case(n: int, rng: random.Random) -> tuple[str, str]:
    year = 2025 if n % 2 else 2026
    case_id = f"C-{year}-{n:06d}"
    at = datetime(year, 1, 5, 9, 0, tzinfo=TZ) + timedelta(days=rng.randrange(300),
                                                            minutes=rng.randrange(480))
    received = _ts(at)
    steps = [f'  - {{at: "{received}", step: intake, to: received, actor: s-zhao}}']
    done = rng.randrange(len(PATH) + 1)
    extra = []
    for step, src, dst, actor in PATH[:done]:
        at += timedelta(days=rng.choice([1, 1, 2, 3, 5, 8]), hours=1)
        steps.append(f'  - {{at: "{_ts(at)}", step: {step}, from: {src}, to: {dst}, '
                     f"actor: {actor}}}")
        if step == "assign":
            extra.append("investigator: s-zhou")
        if step == "approve":
            finding = rng.choice(["upheld", "partly_upheld", "not_upheld"])
            extra.append(f"decision: {{finding: {finding}, remedies: [explanation], "
                         f"rationale: Checked against the records., proposed_by: s-zhou, "
                         f'approved_by: s-li, decided: "{_ts(at)}"}}')
        if step == "respond":
            extra.append(f'response: {{sent: "{_ts(at)}", channel: email, '
                         f"summary: Explained the result.}}")
        if step == "close":
            extra.append(f"satisfaction: {{accepted: true, score: {rng.randint(1, 5)}}}")
    status = PATH[done - 1][2] if done else "received"
    category = rng.choice(["report", "procedure", "conduct", "billing", "sample", "facility"])
    channel = rng.choice(["phone", "email", "web", "letter", "in_person"])
    text = "\n".join([
        f"id: {case_id}", f"title: Synthetic complaint number {n} about a {category} matter",
        f'received: "{received}"', f"channel: {channel}", f"category: {category}",
        "severity: minor", "kind: complaint",
        "summary: A synthetic complaint used to measure the site build; it names nobody.",
        f"complainant: R-{n:06d}", f"status: {status}", *extra, "history:", *steps, "",
    ])
    return f"cases/{year}/{case_id}.yaml", text


def make_root(folder: Path, count: int) -> Path:
    root = folder / "org"
    root.mkdir()
    for name in ("complaints.yml", "mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy2(ROOT / name, root / name)
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    rng = random.Random(7)
    for n in range(1, count + 1):
        rel, text = synthetic_case(n, rng)
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    return root


def bare_root(folder: Path, pages: int) -> Path:
    """Plain pages, all but one out of the navigation, same theme and search."""
    root = folder / "bare"
    docs = root / "docs"
    (docs / "p").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nPlain pages.\n", "utf-8")
    for n in range(pages):
        (docs / "p" / f"{n}.md").write_text(
            f"# Page {n}\n\nA plain page with one paragraph of text, number {n}.\n", "utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: bare\ntheme: {name: material, font: false}\nnav: [index.md]\n"
        "not_in_nav: |\n  /p/*.md\n", "utf-8")
    return root


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds of the command and all its processes, and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(f"failed: {' '.join(cmd)}\n{done.stdout}\n{done.stderr}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return elapsed, cpu, done.stdout + done.stderr


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def figure(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    if not found:
        sys.exit(f"cannot find {pattern!r} in:\n{text}")
    return found.group(1)


def serve_rebuild(root: Path) -> float:
    """What serve does after one case file changed: remembered cases, only that case's
    pages generated again, dirty MkDocs builds of both languages in serve's warm pool."""
    sys.path.insert(0, str(ROOT / "tools"))
    from datetime import date

    from complaints.site.build import Workers, build_site
    from complaints.site.generate import Memory

    memory, pool = Memory(), Workers()
    try:
        # serve's first build filled the memory and warmed the pool; nothing changed since
        build_site(root, date(2026, 11, 30), dirty=True, memory=memory, pool=pool)
        changed = next((root / "cases").rglob("*.yaml"))
        changed.write_text(changed.read_text("utf-8").replace("names nobody", "names no one"))
        started = time.perf_counter()
        build_site(root, date(2026, 11, 30), dirty=True, memory=memory, pool=pool)
        return time.perf_counter() - started
    finally:
        pool.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="?", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each build (best kept)")
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    complaints = [str(Path(sys.executable).with_name("complaints"))]
    folder = Path(tempfile.mkdtemp(prefix="bench-site-"))
    load = os.getloadavg()[0]
    try:
        root = make_root(folder, args.cases)
        env["COMPLAINTS_ROOT"] = str(root)
        ours = [timed([*complaints, "site", "build", "--today", "2026-11-30"], root, env)]
        pages = int(figure(r"(\d+) pages", ours[0][2]))
        bare = bare_root(folder, pages)
        bares = [timed([sys.executable, "-m", "mkdocs", "build", "-q"], bare, env)]
        for _ in range(args.repeat - 1):  # interleaved, so both see the same machine
            ours.append(timed([*complaints, "site", "build", "--today", "2026-11-30"], root, env))
            bares.append(timed([sys.executable, "-m", "mkdocs", "build", "-q"], bare, env))
        # The best run each, side by side: other work on the machine only adds time.
        total, total_cpu, out = min(ours)
        bare_s, bare_cpu = min(b[0] for b in bares), min(b[1] for b in bares)
        gen = float(figure(r"in ([0-9.]+)s;", out))
        mk = float(figure(r"mkdocs ([0-9.]+)s", out))
        each = figure(r"mkdocs [0-9.]+s \(([^)]*)\)", out)
        gate = float(figure(r"gate ([0-9.]+)s", out))
        rebuild = serve_rebuild(root)
        site_bytes = size(root / "site")
        print(f"cases: {args.cases}   pages (both languages + docs): {pages}   "
              f"load average at start {load:.1f}, at end {os.getloadavg()[0]:.1f}")
        print(f"complaints site build: {total:.1f}s, {total_cpu:.1f} CPU s  (generation {gen:.2f}s, "
              f"then in parallel mkdocs + privacy gate {mk:.1f}s [mkdocs {each}; gate {gate:.1f}s "
              f"over both], start-up and the rest {total - gen - mk:.1f}s)")
        print(f"bare mkdocs build of {pages} plain pages out of nav: {bare_s:.1f}s, {bare_cpu:.1f} CPU s")
        # The first build writes every source file (a fresh clone, as in CI): creating
        # 20,000 small files is slow on some disks. Later builds rewrite what changed.
        first, first_out = ours[0][0], ours[0][2]
        cold = float(figure(r"in ([0-9.]+)s;", first_out))
        print(f"generation share of the whole build: {gen / total:.1%} in the best run; "
              f"first build {cold:.2f}s of {first:.1f}s = {cold / first:.1%}   (target < 10%)")
        print(f"whole build / bare build: {total / bare_s:.2f}x wall, {total_cpu / bare_cpu:.2f}x CPU"
              f"   (target <= 1.3x)")
        print(f"rebuild after one case changed (serve): {rebuild:.1f}s   (target < 5 s)")
        print(f"site size: {site_bytes / 1e6:.1f} MB, {site_bytes / args.cases:,.0f} bytes per case"
              f"   (bare: {size(bare / 'site') / 1e6:.1f} MB)")
    finally:
        if args.keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
