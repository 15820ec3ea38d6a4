"""A real headless Chromium opens the built site from a local server: charts and the
workflow diagram are drawn, the case filter and sort work, the language switch keeps
the page, nothing logs an error and nothing is fetched from anywhere but the local
server. Screenshots are kept in the test's tmp folder (and in $SITE_SCREENSHOTS when
set) for people to look at."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from testing.browser import Browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    b = Browser()
    yield b
    b.close()


def _shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("SITE_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_pages_charts_and_filter(server: str, browser: Browser, tmp_path: Path) -> None:
    shots = _shots(tmp_path)
    browser.goto(f"{server}/en/")
    assert browser.eval("document.querySelectorAll('.grid.cards li').length") == 6
    browser.screenshot(shots / "home.png")

    browser.goto(f"{server}/en/cases/")
    rows = "document.querySelectorAll('.filterable tbody tr:not([hidden])').length"
    assert browser.eval(rows) == 8
    browser.eval("""(() => { const i = document.querySelector('input.table-filter');
        i.value = 'billing'; i.dispatchEvent(new Event('input')); })()""")
    assert browser.eval(rows) == 1
    assert "C-2026-0002" in browser.eval(
        "document.querySelector('.filterable tbody tr:not([hidden])').textContent")
    browser.eval("""(() => { const i = document.querySelector('input.table-filter');
        i.value = ''; i.dispatchEvent(new Event('input')); })()""")
    assert browser.eval(rows) == 8
    browser.eval("document.querySelectorAll('.filterable th')[5].click()")  # Days, ascending
    days = browser.eval("[...document.querySelectorAll('.filterable tbody tr')]"
                        ".map(r => Number(r.cells[5].textContent))")
    assert days == sorted(days) and days != sorted(days, reverse=True)
    browser.screenshot(shots / "index.png")
    browser.goto(f"{server}/en/cases/?filter=billing")  # how a case number is looked up
    assert browser.eval(rows) == 1
    assert browser.eval("document.querySelector('input.table-filter').value") == "billing"

    browser.goto(f"{server}/en/cases/C-2026-0002/")
    text = browser.eval("document.querySelector('article').innerText")
    assert '<script>alert("x")</script>' in text
    assert browser.eval("document.querySelectorAll('article script, article img').length") == 0
    weight = "getComputedStyle(document.querySelector('.case-page h1 + p')).fontWeight"
    assert browser.eval(weight) == "700"  # the complaint's title, styled by site.css
    browser.screenshot(shots / "case.png")

    browser.goto(f"{server}/zh/statistics/")
    charts = browser.eval("document.querySelectorAll('figure.chart svg[role=img]').length")
    assert charts >= 8
    bars = browser.eval("[...document.querySelectorAll('#c-month rect.chart-bar')]"
                        ".filter(r => r.getBBox().height > 0).length")
    assert bars == 7  # months with at least one complaint
    width = browser.eval("document.querySelector('#c-by_category svg').getBoundingClientRect()"
                         ".width")
    assert width > 300  # drawn at a readable size, not collapsed
    browser.screenshot(shots / "statistics.png")
    assert browser.errors == []


def test_diagram_language_switch_and_offline(server: str, browser: Browser, tmp_path: Path) -> None:
    shots = _shots(tmp_path)
    browser.goto(f"{server}/")  # the root sends the browser on to one of the languages
    browser.wait_for("/\\/(zh|en)\\/$/.test(location.pathname)")

    browser.goto(f"{server}/zh/workflow/")
    # our own inline SVG, drawn from the policy (test_site_browser_layout measures it)
    labels = browser.eval("[...document.querySelectorAll('.workflow-svg .wf-state-label')]"
                          ".map(t => t.textContent)")
    assert "已收到" in labels and "已结案" in labels  # state labels drawn from the policy
    height = browser.eval("document.querySelector('.workflow-svg').getBoundingClientRect().height")
    assert height > 200
    browser.screenshot(shots / "workflow.png")

    # the header's language selector leads to the same page in the other language
    browser.goto(f"{server}/en/cases/C-2025-0001/")
    browser.eval("document.querySelector('a.md-select__link[hreflang=zh]').click()")
    browser.wait_for("location.pathname === '/zh/cases/C-2025-0001/'")
    assert browser.eval("document.documentElement.lang") == "zh"
    # the new page's header is built by Material's script after navigation: wait for it
    browser.wait_for("document.querySelector('input.md-search__input') !== null")
    assert browser.eval("document.querySelector('input.md-search__input').placeholder") == "搜索"
    # Chinese search, typed: Material's worker queries the jieba-segmented index
    browser.eval("document.querySelector('input.md-search__input').focus()")
    browser.call("Input.insertText", text="申诉")
    browser.eval("document.querySelector('input.md-search__input')"
                 ".dispatchEvent(new KeyboardEvent('keyup', {key: 'Enter'}))")
    browser.wait_for("document.querySelectorAll('.md-search-result__item').length > 0")
    found = browser.eval("[...document.querySelectorAll('.md-search-result__item a')]"
                         ".map(a => new URL(a.href).pathname)")
    assert "/zh/procedure/" in {p.split("#")[0] for p in found}
    assert not [p for p in found if "/cases/C-" in p]  # case pages are left out of search

    local = [u for u in browser.requests if not u.startswith((server, "data:", "blob:"))]
    assert local == [], "fetched from outside the local server"
    assert not any(u.endswith("/mermaid.min.js") for u in browser.requests)  # no page needs it
    assert browser.errors == []
