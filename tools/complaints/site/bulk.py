"""Write the pages of a full build on every core.

The context (every case, its facts, the statistics) is made first. Forked workers
(pool.chunked_map) inherit it instead of receiving a pickled copy, which for
10,000 cases took longer than writing all the summary pages; they write the case
pages in chunks and, among them, the summary pages of each part of site_src/ (a
language, or the site root).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from complaints.base.pool import chunked_map, worth_pooling
from complaints.site.context import Ctx
from complaints.site.i18n import LANGS
from complaints.site.pages.case import case_page

R = TypeVar("R")
_JOB: tuple[Ctx, Path, Callable[[Ctx, str], Any]] | None = None


def case_rel(lang: str, case_id: str) -> str:
    return f"{lang}/cases/{case_id}.md"


def write_file(path: Path, content: str | bytes) -> bool:
    """Write content unless the file holds it already (MkDocs' dirty builds and serve
    look at what changed); True when written."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _init(ctx: Ctx, out: Path, write_part: Callable[[Ctx, str], Any]) -> None:
    global _JOB
    _JOB = (ctx, out, write_part)


def _write(items: list[tuple[str, int]]) -> list[Any]:
    """("case", i): the pages of the i-th case, True when one was written; (part, -1):
    write_part's result for that part."""
    assert _JOB is not None
    ctx, out, write_part = _JOB
    done: list[Any] = []
    for part, i in items:
        if part == "case":
            case = ctx.cases[i]
            done.append(sum(write_file(out / case_rel(lang, case["id"]), case_page(ctx, case, lang))
                            for lang in LANGS))
        else:
            done.append(write_part(ctx, part))
    return done


def write_all(ctx: Ctx, out: Path, parts: Sequence[str], write_part: Callable[[Ctx, str], R],
              parallel: bool | None = None) -> tuple[int, list[R]]:
    """Every case page of every language under out (how many were written), and
    write_part(ctx, part) for each part, whose results come back in order. A part
    sweeps stale files from its folder but keeps the case pages and their folder."""
    items = [(part, -1) for part in parts] + [("case", i) for i in range(len(ctx.cases))]
    many = worth_pooling(len(ctx.cases))  # not len(items): a part weighs thousands of cases
    done = chunked_map(_write, items, _init, (ctx, out, write_part),
                       parallel=many if parallel is None else parallel and many)
    return sum(done[len(parts):]), done[:len(parts)]
