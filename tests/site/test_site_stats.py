"""The same figure is the same number everywhere: home, statistics, published data,
annual report and stats.json all show what figures.compute says."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from complaints.figures.compute import compute
from complaints.load.policy import load_policy
from complaints.load.safeyaml import load_file
from complaints.site.numbers import percent as pct
from testing.site import FIXTURE_REPO, TODAY


def _stats() -> dict[str, Any]:
    cases = [load_file(p).data for p in sorted((FIXTURE_REPO / "cases").rglob("*.yaml"))]
    return compute(cases, load_policy(FIXTURE_REPO), TODAY)


def _text(path: Path) -> str:
    return re.sub(r"<[^>]+>", " ", path.read_text("utf-8"))


def test_site_and_open_data_use_the_same_figures(built_site: Path) -> None:
    published = json.loads((built_site / "data" / "stats.json").read_text("utf-8"))
    assert published == _stats()
    year = published["years"][str(published["year"])]
    home = (built_site / "en" / "index.html").read_text("utf-8")
    assert f"<strong>{pct(year['upheld_final_share'])}</strong>" in home
    assert f"of {year['closed']} complaints closed after handling" in home


def test_a_past_year_reads_the_same_in_its_report_and_the_published_data(built_site: Path) -> None:
    s = json.loads((built_site / "data" / "stats.json").read_text("utf-8"))
    past = [y for y, g in s["years"].items() if g["period"]["final"]]
    assert past
    for year in past:
        g = s["years"][year]
        report = _text(built_site / "en" / "reports" / year / "index.html")
        assert "final, as at" in report
        assert f"{g['upheld_final']} ({pct(g['upheld_final_share'])})" in report
    halves = {p["period"]["name"]: p for p in s["periods"]}
    page = _text(built_site / "en" / "published-data" / "index.html")
    for name, p in halves.items():
        assert f"{p['upheld_final']} ({pct(p['upheld_final_share'])})" in page, name
    assert "Definitions" in page and "partly upheld counts as upheld" in page
