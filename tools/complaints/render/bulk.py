"""Read every case and write its pages, on every core.

A case page needs its own case only (with the policy, the trail and the date), so
each worker (pool.chunked_map) reads its share of the case files, works out their
facts, renders their pages in both languages and writes those that changed. Back
come the data and facts for the pages that summarize all cases. The case data is
thus parsed once, on every core, and the whole context is never sent to another
process: at 10,000 cases, pickling it for the language builds took longer than
generating all the summary pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..findings import Finding
from ..policy import Policy
from ..pool import chunked_map
from ..repo import case_files
from ..stats import Case, Facts
from .case import case_page
from .commits import Trail
from .context import Ctx, SiteError, explain, load_one
from .i18n import LANGS


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


@dataclass
class _Setup:
    root: Path
    policy: Policy
    today: date
    trail: Trail
    out: Path  # site_src/


_SETUP: _Setup | None = None
Loaded = tuple[Case | None, Facts | None, list[Finding], int]  # case, facts, problems, written


def _init(setup: _Setup) -> None:
    global _SETUP
    _SETUP = setup


def _chunk(paths: list[Path]) -> list[Loaded]:
    setup = _SETUP
    assert setup is not None
    loaded = [load_one(setup.root, path) for path in paths]
    ctx = Ctx(setup.root, setup.policy, [c for c, _ in loaded if c is not None], setup.today, setup.trail)
    out: list[Loaded] = []
    for case, found in loaded:
        if case is None:
            out.append((None, None, found, 0))
            continue
        written = sum(write_file(setup.out / case_rel(lang, case["id"]), case_page(ctx, case, lang))
                      for lang in LANGS)
        out.append((case, ctx.facts[case["id"]], [], written))
    return out


def read_and_write_cases(root: Path, policy: Policy, today: date, trail: Trail,
                         out: Path) -> tuple[list[Case], dict[str, Facts], int]:
    """Every case (sorted by id) with its facts, and how many case pages were written;
    SiteError listing every bad file."""
    loaded = chunked_map(_chunk, case_files(root), _init, (_Setup(root, policy, today, trail, out),))
    problems = [p for _, _, found, _ in loaded for p in found]
    if problems:
        raise SiteError(explain(problems))
    facts = {case["id"]: f for case, f, _, _ in loaded if case is not None and f is not None}
    cases = sorted((case for case, _, _, _ in loaded if case is not None), key=lambda c: c["id"])
    return cases, facts, sum(written for *_, written in loaded)
