"""Case pages reuse the theme's header, tabs and footer (render/reuse.py): each page
still shows its own title, and a block is kept only where its title can be swapped
safely."""

from __future__ import annotations

import re
from pathlib import Path

from complaints.site.reuse import Reuse


def test_kept_block_gets_each_pages_title() -> None:
    reuse = Reuse()
    assert reuse.get("header", "C-1", "../..") is None
    reuse.keep("header", "C-1", "../..", '<a href="../..">Home</a><span>C-1</span>')
    assert reuse.get("header", "C-2", "../..") == '<a href="../..">Home</a><span>C-2</span>'
    assert reuse.get("header", "C-2", "..") is None  # another depth: links would differ


def test_block_without_the_title_is_kept_as_is() -> None:
    reuse = Reuse()
    reuse.keep("tabs", "C-1", "..", "<nav>tabs</nav>")
    assert reuse.get("tabs", "C-2", "..") == "<nav>tabs</nav>"


def test_ambiguous_or_escaped_titles_are_not_kept() -> None:
    reuse = Reuse()
    reuse.keep("header", "Home", "..", "<a>Home</a><span>Home</span>")  # twice: which one?
    reuse.keep("footer", "A&B", "..", "<span>A&amp;B</span>")  # shown escaped: not found
    assert reuse.get("header", "C-2", "..") is None and reuse.get("footer", "C-2", "..") is None


def test_every_case_page_shows_its_own_id(built_site: Path) -> None:
    pages = sorted((built_site / "en" / "cases").glob("C-*/index.html"))
    assert len(pages) > 3
    for page in pages:
        html = page.read_text("utf-8")
        topic = re.search(r'md-header__topic" data-md-component="header-topic">\s*'
                          r'<span class="md-ellipsis">\s*(\S+)\s*</span>', html)
        assert topic and topic.group(1) == page.parent.name, page
        assert f"<title>{page.parent.name} - " in html and "md-tabs" in html
