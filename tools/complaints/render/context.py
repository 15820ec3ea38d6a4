"""Everything a page needs, loaded and computed once per build."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..clock import Clock
from ..findings import Finding, finding
from ..load import LoadError, load_file
from ..policy import Policy
from ..repo import case_files
from ..schemas import schema_findings
from ..stats import Case, Facts, compute
from .commits import Trail
from .escape import inline
from .i18n import t


class SiteError(Exception):
    """The site cannot be built; the message names every problem."""


def load_cases(root: Path) -> list[Case]:
    """Every case file, schema-checked; raises SiteError listing all bad files."""
    cases, problems = [], []
    for path in case_files(root):
        name = str(path.relative_to(root))
        try:
            doc = load_file(path)
        except LoadError as exc:
            problems.append(finding(name, exc.line, exc.col, exc.code, exc.detail))
            continue
        found = schema_findings("case", doc, name)
        if found:
            problems.extend(found)
        else:
            cases.append(doc.data)
    if problems:
        raise SiteError(_explain(problems))
    return sorted(cases, key=lambda c: c["id"])


def _explain(problems: list[Finding]) -> str:
    lines = [f"{p.path}:{p.line}:{p.col}: {p.code} {p.message}" for p in problems]
    return "\n".join([*lines, "the site is built only from valid cases (run `complaints validate`)"])


@dataclass
class Ctx:
    root: Path
    policy: Policy
    cases: list[Case]
    today: date
    trail: Trail
    stats: dict[str, Any] = field(default_factory=dict)
    facts: dict[str, Facts] = field(default_factory=dict)

    def __post_init__(self) -> None:
        facts = [Facts(c, self.policy, self.today) for c in self.cases]
        self.facts = {f.case["id"]: f for f in facts}
        self.stats = compute(self.cases, self.policy, self.today, facts)

    # Labels come from the policy; they are escaped like case text, ready for Markdown.
    def label(self, kind: str, code: str, lang: str) -> str:
        return inline(self.policy.label(kind, code, lang))

    def step_label(self, step: str, lang: str) -> str:
        transition = self.policy.transitions.get(step)
        return inline(transition.label.get(lang, step)) if transition else t("intake", lang)

    def clock_label(self, clock: Clock | str, lang: str) -> str:
        name = clock if isinstance(clock, str) else clock.name
        return inline(self.policy.deadlines[name].label.get(lang, name))

    def years(self) -> list[str]:
        return sorted(self.stats["years"])
