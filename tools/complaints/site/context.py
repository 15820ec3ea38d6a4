"""Everything a page needs, loaded and computed once per build."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from complaints.base.errors import Problems
from complaints.base.findings import Finding
from complaints.base.pool import chunked_map
from complaints.figures.compute import compute
from complaints.figures.view import Case, Facts
from complaints.load.cases import load_case
from complaints.load.paths import case_files
from complaints.load.policy import Policy
from complaints.procedure.clock import Clock
from complaints.site.commits import Trail
from complaints.site.escape import inline
from complaints.site.i18n import t
from complaints.site.opendata import FEED_ENTRIES, csv_row, json_line, latest_changes, public_case


class Public(NamedTuple):
    record: dict[str, Any]
    json: str
    csv: list[str]


class SiteError(Problems):
    """The site cannot be built; the message names every problem."""


# serve's memory of parsed case files: path -> ((mtime_ns, size), data). A preview
# may trust the file's stat; `complaints site build` never uses it.
CaseCache = dict[str, tuple[tuple[int, int], Case]]


def _load_one(root: Path, path: Path) -> tuple[Case | None, list[Finding]]:
    """One case file, schema-checked: its data, or the problems found in it."""
    loaded = load_case(root, path, positions=False)  # positions only matter for reporting
    return (loaded.doc.data if loaded.ok and loaded.doc else None), loaded.findings


def _load_many(items: list[tuple[Path, Path]]) -> list[tuple[Case | None, list[Finding]]]:
    return [_load_one(root, path) for root, path in items]


def load_cases(root: Path, cache: CaseCache | None = None, parallel: bool | None = None) -> list[Case]:
    """Every case file, schema-checked; raises SiteError listing all bad files. With a
    cache (serve), files whose stat did not change are not read again (the same dict
    comes back); without one, many files are read on every core (parallel: see
    pool.chunked_map)."""
    paths = case_files(root)
    if cache is None:
        loaded = chunked_map(_load_many, [(root, path) for path in paths], parallel=parallel)
    else:
        loaded, names = [], set()
        for path in paths:
            name, stat = str(path.relative_to(root)), path.stat()
            key = (stat.st_mtime_ns, stat.st_size)
            names.add(name)
            hit = cache.get(name)
            if hit is not None and hit[0] == key:
                loaded.append((hit[1], []))
                continue
            case, found = _load_one(root, path)
            if case is not None:
                cache[name] = (key, case)
            loaded.append((case, found))
        for gone in set(cache) - names:
            del cache[gone]
    problems = [p for _, found in loaded for p in found]
    if problems:
        raise SiteError(_explain(problems))
    return sorted((case for case, _ in loaded if case is not None), key=lambda c: c["id"])


def _explain(problems: list[Finding]) -> str:
    lines = [str(p) for p in problems]
    return "\n".join([*lines, "the site is built only from valid cases (run `complaints validate`)"])


@dataclass
class Ctx:
    root: Path
    policy: Policy
    cases: list[Case]
    today: date
    trail: Trail
    stats: dict[str, Any] = field(default_factory=dict)
    facts: dict[str, Facts] = field(default_factory=dict)  # given: reused for the same case dicts
    _labels: dict[tuple[str, str, str], str] = field(default_factory=dict, init=False, repr=False)
    _latest: list[tuple[datetime, str, int, dict[str, Any]]] | None = field(
        default=None, init=False, repr=False)
    # published records by case id (open data: the record, its JSON line and CSV row), with
    # what they were made from, so serve can reuse them
    records: dict[str, tuple[Facts, list[str | None], Public]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        known = self.facts
        facts = [f if (f := known.get(c["id"])) is not None and f.case is c
                 else Facts(c, self.policy, self.today) for c in self.cases]
        self.facts = {f.case["id"]: f for f in facts}
        self.stats = compute(self.cases, self.policy, self.today, facts)

    # Labels come from the policy; they are escaped like case text, ready for Markdown.
    # Memoized: 10,000 case pages ask for the same few dozen labels 300,000 times.
    def label(self, kind: str, code: str, lang: str) -> str:
        key = (kind, code, lang)
        if key not in self._labels:
            self._labels[key] = inline(self.policy.label(kind, code, lang))
        return self._labels[key]

    def step_label(self, step: str, lang: str) -> str:
        key = ("\0step", step, lang)
        if key not in self._labels:
            transition = self.policy.transitions.get(step)
            self._labels[key] = (inline(transition.label.get(lang, step)) if transition
                                 else t("intake", lang))
        return self._labels[key]

    def clock_label(self, clock: Clock | str, lang: str) -> str:
        name = clock if isinstance(clock, str) else clock.name
        key = ("\0clock", name, lang)
        if key not in self._labels:
            self._labels[key] = inline(self.policy.deadlines[name].label.get(lang, name))
        return self._labels[key]

    def public(self, case: Case) -> Public:
        """The case as published in the open data (opendata.public_case), memoized."""
        facts, commits = self.facts[case["id"]], self.trail.commits_for(case)
        known = self.records.get(case["id"])
        if known is None or known[0] is not facts or known[1] != commits:
            record = public_case(case, facts, self.policy, commits)
            known = (facts, commits, Public(record, json_line(record), csv_row(record)))
            self.records[case["id"]] = known
        return known[2]

    def latest(self) -> list[tuple[datetime, str, int, dict[str, Any]]]:
        """The newest history entries of all cases, for the feeds and the home pages."""
        if self._latest is None:
            self._latest = latest_changes(self.cases, FEED_ENTRIES)
        return self._latest

    def years(self) -> list[str]:
        return sorted(self.stats["years"])
