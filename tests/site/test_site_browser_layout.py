"""Layout the public sees, measured in a real headless Chromium at 1280 px and at a
phone's 390 px (conftest.screen): tables scroll in their own box instead of clipping,
the workflow diagram's labels are legible and never overlap, the home page leads to
"How to complain" and names its latest changes, a case says which language it was
written in, and a chart prints a share exactly as its table does."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaints.load.policy import load_policy
from complaints.load.safeyaml import load_file
from testing.browser import Browser

TABLE_PAGES = ["/en/actions/", "/zh/actions/", "/en/cases/", "/en/published-data/", "/zh/",
               "/en/statistics/"]

# For each table: its width, the width of the box that scrolls it, what that box holds,
# and where the last header cell ends once the box is scrolled to its end.
MEASURE_TABLES = """[...document.querySelectorAll('article table')].map(t => {
  const box = t.closest('.md-typeset__scrollwrap');
  box.scrollLeft = box.scrollWidth;
  const cells = t.tHead.rows[0].cells;
  return {box: box.clientWidth, holds: box.scrollWidth,
          scrolls: getComputedStyle(box).overflowX,
          lastRight: cells[cells.length - 1].getBoundingClientRect().right,
          boxRight: box.getBoundingClientRect().right};
})"""


@pytest.mark.parametrize("page", TABLE_PAGES)
def test_tables_scroll_instead_of_clipping(host: str, screen: Browser, page: str) -> None:
    screen.goto(f"{host}{page}")
    width = screen.eval("innerWidth")
    assert screen.eval("document.documentElement.scrollWidth") <= width  # the page never
    tables = screen.eval(MEASURE_TABLES)                                  # runs off the screen
    assert tables
    for t in tables:
        assert t["scrolls"] == "auto"
        assert t["lastRight"] <= t["boxRight"] + 1  # scrolled to its end, every column shows
        if width >= 1280:
            assert t["holds"] <= t["box"], t  # on a desktop nothing needs scrolling at all
    if width < 600 and page.endswith("actions/"):  # the seven columns do not fit a phone
        assert any(t["holds"] > t["box"] for t in tables)
    assert screen.errors == []


WORKFLOW_TEXT = """[...document.querySelectorAll('.workflow-svg text')].map(t => {
  const r = t.getBoundingClientRect();
  return {text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize)
          * t.ownerSVGElement.getBoundingClientRect().width
          / t.ownerSVGElement.viewBox.baseVal.width,
          box: [r.left, r.top, r.right, r.bottom]};
})"""


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_workflow_diagram_is_legible(host: str, screen: Browser, site_root: Path,
                                     lang: str) -> None:
    screen.goto(f"{host}/{lang}/workflow/")
    texts = screen.eval(WORKFLOW_TEXT)
    policy = load_policy(site_root)
    expected = [policy.label("states", s, lang) for s in policy.states]
    expected += [tr.label[lang] for tr in policy.transitions.values()]
    assert sorted(t["text"] for t in texts) == sorted(expected)  # every label, from the policy
    assert min(t["size"] for t in texts) >= 12
    assert min(t["box"][3] - t["box"][1] for t in texts) >= 12  # drawn that tall, too
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            assert not _overlap(a["box"], b["box"]), (a["text"], b["text"])
    # arrows end on their target's box: one marker-ended line per step arriving
    arrows = screen.eval("document.querySelectorAll('.workflow-svg [marker-end]').length")
    assert arrows == len(policy.transitions) + 1  # and the start arrow
    width = screen.eval("innerWidth")
    assert screen.eval("document.documentElement.scrollWidth") <= width
    box = screen.eval("(() => { const d = document.querySelector('.workflow-diagram');"
                      " return [d.clientWidth, d.scrollWidth]; })()")
    if width < 600:  # wider than a phone: it scrolls in its own box, at full size
        assert box[1] > box[0]
    screen.screenshot(Path(site_root) / f"workflow-{lang}-{width}.png")
    assert screen.errors == []


def test_home_leads_to_how_to_complain_and_names_changes(host: str, screen: Browser,
                                                         site_root: Path) -> None:
    screen.goto(f"{host}/en/")
    link = screen.eval("(() => { const a = document.querySelector('.call-to-action a');"
                       " const r = a.getBoundingClientRect();"
                       " return [a.textContent, a.href, r.top, r.height]; })()")
    assert link[0] == "How to complain"
    assert link[1] == f"{host}/en/how-to-complain/"
    assert screen.eval(f"fetch({link[1]!r}).then(r => r.status)") == 200
    assert 0 < link[2] < screen.eval("innerHeight") and link[3] > 0  # seen without scrolling
    rows = screen.eval("[...document.querySelectorAll('article table')].pop().tBodies[0].rows.length"
                       " && [...[...document.querySelectorAll('article table')].pop().tBodies[0]"
                       ".rows].map(r => [r.cells[1].textContent, r.cells[2].textContent])")
    titles = {p.stem: load_file(p).data["title"] for p in (site_root / "cases").rglob("*.yaml")}
    assert rows and all(title == titles[case] for case, title in rows)
    assert screen.errors == []


def test_case_says_its_original_language(host: str, screen: Browser) -> None:
    # C-2025-0001 was written in English, C-2025-0002 in Chinese
    texts = {}
    for lang, case in (("zh", "C-2025-0001"), ("en", "C-2025-0001"), ("en", "C-2025-0002"),
                       ("zh", "C-2025-0002")):
        screen.goto(f"{host}/{lang}/cases/{case}/")
        texts[lang, case] = screen.eval("document.querySelector('.case-page').innerText")
    assert "原文为英文" in texts["zh", "C-2025-0001"]
    assert "Written in Chinese" in texts["en", "C-2025-0002"]
    assert "Written in" not in texts["en", "C-2025-0001"]
    assert "原文为" not in texts["zh", "C-2025-0002"]
    assert screen.errors == []


def test_chart_and_table_round_a_share_alike(host: str, screen: Browser) -> None:
    screen.goto(f"{host}/en/statistics/")
    chart = screen.eval("[...document.querySelectorAll('#c-ontime .chart-value')]"
                        ".map(t => t.textContent)")
    table = screen.eval("[...document.querySelector('#c-ontime').parentElement"
                        ".querySelectorAll('table')].find(t => t.tHead.rows[0].cells.length === 6)"
                        " && [...[...document.querySelectorAll('table')].find(t =>"
                        " t.tHead.rows[0].cells.length === 6).tBodies[0].rows]"
                        ".map(r => r.cells[4].textContent)")
    assert chart and chart == table
    assert all(v == "—" or (v.endswith("%") and "." in v) for v in chart)  # one decimal
    assert screen.errors == []
