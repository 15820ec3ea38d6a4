"""What the public sees, measured in a real headless Chromium at a desktop width (1280 px)
and a phone's (390 px, emulated as a mobile device): code blocks on the verify page,
404 pages at any depth and under a path prefix, the case filter link without the search
overlay, tables that scroll instead of clipping, a legible workflow diagram, the home
page's way to complain, the original language of a case, one rounding of shares.

The site is served under a prefix (conftest.host), so no link may assume that the site
sits at the server's root."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from complaints.load.policy import load_policy
from testing.browser import Browser


def _status(screen: Browser, url: str) -> int:
    status: int = screen.eval(f"fetch({url!r}).then(r => r.status)")
    return status


def _links_work(screen: Browser, selector: str) -> list[str]:
    """Every link under selector, resolved by the browser, each answering 200."""
    hrefs: list[str] = screen.eval(f"[...document.querySelectorAll({selector!r})].map(a => a.href)")
    assert hrefs
    for href in hrefs:
        assert _status(screen, href) == 200, href
    return hrefs


def test_verify_page_code_blocks_url_and_trusted_signers(host: str, screen: Browser,
                                                         site_root: Path) -> None:
    screen.goto(f"{host}/en/verify/")
    blocks = screen.eval("[...document.querySelectorAll('article pre > code')]"
                          ".map(c => [c.innerText, getComputedStyle(c.parentElement).display])")
    assert len(blocks) == 4 and all(display in ("block", "flow-root") for _, display in blocks)
    assert [len(text.strip().splitlines()) for text, _ in blocks] == [3, 3, 3, 1]
    assert all(not text.lstrip().startswith("sh") for text, _ in blocks)  # no stray info string
    text = "\n".join(t for t, _ in blocks)
    url = load_policy(site_root).repository
    assert url and f"git clone {url} complaints" in text
    assert 'git show "$TRUSTED:allowed_signers" > "$AUDIT/trusted_signers"' in text
    assert "allowedSignersFile allowed_signers" not in text  # the signer list of the commit checked
    # each line of a block is its own line on screen, not one run-on line
    heights = screen.eval("[...document.querySelectorAll('article pre > code')]"
                           ".map(c => [c.getBoundingClientRect().height, c.innerText.split('\\n')"
                           ".filter(Boolean).length, parseFloat(getComputedStyle(c).lineHeight)])")
    for height, lines, line_height in heights:
        assert height >= lines * line_height * 0.9
    assert screen.errors == []


def test_verify_page_says_when_no_repository(fresh_root: Path) -> None:
    from complaints.site.generate import generate
    from testing.site import TODAY

    policy = fresh_root / "complaints.yml"
    policy.write_text(re.sub(r"(?m)^  repository: .*\n", "", policy.read_text("utf-8")), "utf-8")
    generate(fresh_root, TODAY, commits=False)
    page = (fresh_root / "site_src" / "en" / "verify.md").read_text("utf-8")
    assert "has not published its repository's address" in page
    assert "git clone REPOSITORY-URL complaints" in page


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_language_404_leads_to_a_styled_page_from_any_depth(host: str, screen: Browser,
                                                            lang: str) -> None:
    missing = f"{host}/{lang}/no/such/page/"
    screen.goto(missing)
    screen.wait_for(f"location.href === '{host}/{lang}/not-found/'")
    screen.wait_for("document.querySelector('article h1') !== null")
    assert screen.eval("document.querySelector('article h1').textContent") in (
        "Page not found", "找不到这个页面")
    # Material's stylesheet applied: the header is coloured, the layout laid out
    assert screen.eval("getComputedStyle(document.querySelector('.md-header'))"
                       ".backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    hrefs = _links_work(screen, "article a, link[rel=stylesheet]")
    assert all(h.startswith(f"{host}/") for h in hrefs)  # host ends in the site's prefix
    # the only failure is the missing address itself, answered with the 404 page
    assert [e for e in screen.errors if missing not in e] == []
    screen.errors.clear()


def test_root_404_is_styled_and_finds_the_site(host: str, screen: Browser) -> None:
    screen.goto(f"{host}/nothing/here")
    prefix = urlsplit(host).path
    screen.wait_for("[...document.querySelectorAll('a[data-to]')]"
                    f".every(a => new URL(a.href).pathname.startsWith('{prefix}/'))")
    assert screen.eval("document.querySelectorAll('section h1').length") == 2
    assert screen.eval("getComputedStyle(document.body).maxWidth") != "none"  # its own style
    hrefs = _links_work(screen, "a[data-to]")
    assert {h.removeprefix(f"{host}") for h in hrefs} == {"/zh/", "/zh/cases/", "/en/",
                                                                  "/en/cases/"}
    # probing for the site root asked for the server root's data/stats.json first: a 404
    assert all("Failed to load resource" in e for e in screen.errors)
    screen.errors.clear()


def test_filter_link_does_not_open_search(host: str, screen: Browser) -> None:
    rows = "document.querySelectorAll('.filterable tbody tr:not([hidden])').length"
    screen.goto(f"{host}/en/cases/?filter=billing")
    assert screen.eval(rows) == 1
    assert screen.eval("document.querySelector('input.table-filter').value") == "billing"
    assert screen.eval("document.getElementById('__search').checked") is False
    screen.goto(f"{host}/en/cases/?q=billing")  # what the old link did: overlay open
    screen.wait_for("document.getElementById('__search').checked")
    assert screen.eval(rows) == 8
    assert screen.errors == []


def test_case_page_keeps_the_original_decision_and_the_revision(host: str, screen: Browser) -> None:
    """History is not overwritten: the first decision, the appeal and the revision all show."""
    screen.goto(f"{host}/en/cases/C-2025-0005/")
    text: str = screen.eval("document.querySelector('article').innerText")
    decisions = text[text.index("Decisions"):]
    assert "Not upheld" in decisions and "Replaced on appeal" in decisions
    assert "Revised on appeal" in decisions and decisions.index("Not upheld") < decisions.index(
        "Revised on appeal")
    assert "The first review found the method followed" in text
    assert "Appeal" in text and "Revised" in text
    assert screen.errors == []
