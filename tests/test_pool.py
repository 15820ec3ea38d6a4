"""The fork pool (pool.chunked_map) gives the answers the single-process path gives,
in the same order: validation and the site's sources, with the threshold lowered so
that a handful of files goes through forked workers."""

from __future__ import annotations

import os
import threading
from datetime import date
from pathlib import Path

import pytest

from complaints.base import pool
from complaints.site.context import SiteError
from complaints.site.generate import GEN_DIR, generate
from testing.cli import REPO, make_root, run

TODAY = date(2026, 11, 30)


def _double(items: list[int]) -> list[tuple[int, int]]:
    return [(2 * i, os.getpid()) for i in items]


def test_results_keep_the_order_of_the_items(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "PARALLEL_FROM", 1)
    items = list(range(103))
    done = pool.chunked_map(_double, items)
    assert [d for d, _ in done] == [2 * i for i in items]
    assert os.getpid() not in {pid for _, pid in done}  # computed in forked workers


def test_parallel_false_keeps_the_work_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "PARALLEL_FROM", 1)  # what `site build --jobs 1` asks for
    assert {pid for _, pid in pool.chunked_map(_double, list(range(50)), parallel=False)} == {os.getpid()}


def test_stays_in_this_process_while_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "PARALLEL_FROM", 1)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        seen: list[int] = []
        assert pool.chunked_map(lambda xs: seen.extend(xs) or xs, [1, 2, 3]) == [1, 2, 3]
        assert seen == [1, 2, 3]  # a lambda cannot reach a worker: it ran here
    finally:
        stop.set()
        thread.join()


def test_validate_reports_the_same_in_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    negative = REPO / "tests" / "negative"
    for fault in ("duplicate_id", "phone_in_summary", "illegal_step"):
        (tmp_path / fault).mkdir()
        root = make_root(tmp_path / fault, negative / fault / "cases")
        alone = run(root, "validate", "--no-cache")
        monkeypatch.setattr(pool, "PARALLEL_FROM", 1)
        forked = run(root, "validate", "--no-cache")
        monkeypatch.setattr(pool, "PARALLEL_FROM", 400)
        assert (forked.exit_code, forked.output) == (alone.exit_code, alone.output)
        assert alone.exit_code == 1


def test_site_sources_written_in_workers_match(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("alone", "forked"):
        (tmp_path / name).mkdir()
    roots = [make_root(tmp_path / name, REPO / "cases") for name in ("alone", "forked")]
    alone = generate(roots[0], TODAY, commits=False)
    monkeypatch.setattr(pool, "PARALLEL_FROM", 1)
    forked = generate(roots[1], TODAY, commits=False)
    assert (forked.pages, forked.written) == (alone.pages, alone.written) and alone.written > 100
    files = [{p.relative_to(r / GEN_DIR): p.read_bytes() for p in (r / GEN_DIR).rglob("*") if p.is_file()}
             for r in roots]
    assert files[0] == files[1]
    bad = roots[1] / "cases" / "2026" / "C-2026-0001.yaml"
    bad.write_text(bad.read_text("utf-8").replace("status:", "status: [", 1), "utf-8")
    with pytest.raises(SiteError, match=r"cases/2026/C-2026-0001.yaml:\d+:\d+: Y"):
        generate(roots[1], TODAY, commits=False)
