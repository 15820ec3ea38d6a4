"""Write the pages of a full build on every core.

The context (every case, its facts, the statistics) is made first. Forked workers
(pool.chunked_map) inherit it instead of receiving a pickled copy, which for
10,000 cases took longer than writing all the summary pages; they write the case
pages in chunks, then the summary pages of each part of site_src/ (a language, or
the site root).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ..pool import PARALLEL_FROM, chunked_map
from .case import case_page
from .context import Ctx
from .i18n import LANGS

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


def _case_pages(items: list[tuple[str, int]]) -> list[bool]:
    assert _JOB is not None
    ctx, out, _ = _JOB
    return [write_file(out / case_rel(lang, ctx.cases[i]["id"]), case_page(ctx, ctx.cases[i], lang))
            for lang, i in items]


def _parts(parts: list[str]) -> list[Any]:
    assert _JOB is not None
    ctx, _, write_part = _JOB
    return [write_part(ctx, part) for part in parts]


def write_all(ctx: Ctx, out: Path, parts: Sequence[str],
              write_part: Callable[[Ctx, str], R]) -> tuple[int, list[R]]:
    """Every case page of every language under out (how many were written), then
    write_part(ctx, part) for each part, whose results come back in order."""
    many = len(ctx.cases) >= PARALLEL_FROM
    args = (ctx, out, write_part)
    items = [(lang, i) for lang in LANGS for i in range(len(ctx.cases))]
    written = sum(chunked_map(_case_pages, items, _init, args, parallel=many))
    # only then the parts: each sweeps stale files from its folder, case pages included
    return written, chunked_map(_parts, list(parts), _init, args, parallel=many)
