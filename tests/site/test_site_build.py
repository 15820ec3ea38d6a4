"""Real builds: one mkdocs --strict build per language (in worker processes) and the
plain commands, the CLI, idempotent generation, navigation without case pages, each
language's interface and search, links between the languages, and bad input."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from complaints.cli.main import main
from complaints.site.build import build_site
from complaints.site.context import SiteError
from complaints.site.generate import GEN_DIR, Memory, generate
from testing.site import TODAY


def test_strict_build_has_every_page(built_site: Path) -> None:
    for lang in ("zh", "en"):
        for page in ("index.html", "cases/index.html", "cases/C-2025-0001/index.html",
                     "statistics/index.html", "published-data/index.html",
                     "reports/2025/index.html", "reports/2026/index.html",
                     "actions/index.html", "verify/index.html", "workflow/index.html",
                     "procedure/index.html", "how-to-complain/index.html", "about/index.html",
                     "open-data/index.html"):
            assert (built_site / lang / page).is_file(), f"{lang}/{page}"
        assert (built_site / lang / "search" / "search_index.json").is_file()
        assert (built_site / lang / "assets" / "vendor" / "mermaid" / "mermaid.min.js").is_file()
    landing = (built_site / "index.html").read_text("utf-8")
    assert 'href="zh/"' in landing and 'href="en/"' in landing
    assert (built_site / "data" / "cases.json").is_file()


def test_each_language_has_its_own_interface(built_site: Path) -> None:
    for lang, search, toc in (("en", 'placeholder="Search"', "Table of contents"),
                              ("zh", 'placeholder="搜索"', "目录")):
        html = (built_site / lang / "statistics" / "index.html").read_text("utf-8")
        assert f'<html lang="{lang}"' in html
        assert search in html and toc in html
        # case pages use overrides/case.html: no sidebars, the header and tabs stay
        case = (built_site / lang / "cases" / "C-2025-0001" / "index.html").read_text("utf-8")
        assert f'<html lang="{lang}"' in case and search in case and "md-tabs" in case
        assert "md-sidebar" not in case and "md-sidebar--primary" in html
    en = (built_site / "en" / "statistics" / "index.html").read_text("utf-8")
    assert "案件与统计" not in en and "Cases and figures" in en  # the nav is in English


def test_links_between_languages_lead_to_the_same_page(built_site: Path) -> None:
    for lang, other in (("en", "zh"), ("zh", "en")):
        for page in ("cases/C-2025-0001/", "cases/", "", "statistics/", "reports/2025/"):
            html = (built_site / lang / page / "index.html").read_text("utf-8")
            href = re.search(r'<a class="lang-switch" href="([^"]+)"', html)
            assert href, f"{lang}/{page}"
            target = (built_site / lang / page / href.group(1)).resolve()
            assert target == (built_site / other / page).resolve(), f"{lang}/{page}"
            assert (target / "index.html").is_file()
        data = (built_site / lang / "open-data" / "index.html").read_text("utf-8")
        for href in re.findall(r'href="([^"]*data/[^"]+)"', data):
            assert (built_site / lang / "open-data" / href).resolve().is_file(), href


def test_case_pages_are_not_in_the_navigation(built_site: Path) -> None:
    html = (built_site / "en" / "index.html").read_text("utf-8")
    nav = html[html.index("md-sidebar--primary"):html.index("md-sidebar--secondary")]
    assert "statistics/" in nav and "cases/" in nav
    assert "C-2026-0003" in html  # the home page lists it among the latest changes
    assert "C-20" not in nav
    index = (built_site / "en" / "cases" / "index.html").read_text("utf-8")
    assert 'href="C-2025-0001/"' in index  # reached through the index instead


def test_each_language_has_its_own_search(built_site: Path) -> None:
    zh = json.loads((built_site / "zh" / "search" / "search_index.json").read_text("utf-8"))
    assert zh["config"]["lang"] == ["zh"]
    texts = [d["text"] for d in zh["docs"] if d["location"].startswith("procedure/")]
    assert texts and any("\u200b" in text for text in texts)  # jieba's word boundaries
    en = json.loads((built_site / "en" / "search" / "search_index.json").read_text("utf-8"))
    assert en["config"]["lang"] == ["en"]
    for index in (zh, en):
        locations = {d["location"] for d in index["docs"]}
        assert "procedure/" in locations and "statistics/" in locations
        # case pages and the case index stay out: found with the index's filter instead
        assert not [loc for loc in locations if loc.startswith("cases/")]
    texts = " ".join(d["text"] for d in en["docs"])
    assert "Figures as of" in texts and "数据截至" not in texts  # English pages only


def test_plain_mkdocs_build_works_after_generation(fresh_root: Path) -> None:
    generate(fresh_root, TODAY, commits=False)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for args, lang in (([], "zh"), (["-f", "mkdocs.en.yml"], "en")):
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", *args],
                              cwd=fresh_root, env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        page = fresh_root / "site" / lang / "cases" / "C-2026-0002" / "index.html"
        assert f'<html lang="{lang}"' in page.read_text("utf-8")


def test_a_config_pointing_elsewhere_is_refused(fresh_root: Path) -> None:
    config = fresh_root / "mkdocs.en.yml"
    config.write_text(config.read_text("utf-8").replace("docs_dir: site_src/en", "docs_dir: docs"))
    with pytest.raises(SiteError, match=re.escape("mkdocs.en.yml: docs_dir must be site_src/en")):
        build_site(fresh_root, TODAY, commits=False, jobs=1)
    assert not (fresh_root / "site").exists()


def test_generation_writes_only_changes_and_removes_stale(fresh_root: Path) -> None:
    first = generate(fresh_root, TODAY, commits=False)
    docs = fresh_root / "docs"
    assets = sum(1 for p in (docs / "assets").rglob("*") if p.is_file())
    # plus 5 data files, 3 schemas, the root page and its 404, and the assets in each language
    assert first.written == first.pages + 10 + 2 * assets
    again = generate(fresh_root, TODAY, commits=False)
    assert (again.written, again.removed) == (0, 0)
    (fresh_root / "cases" / "2026" / "C-2026-0003.yaml").unlink()
    after = generate(fresh_root, TODAY, commits=False)
    assert not (fresh_root / GEN_DIR / "en" / "cases" / "C-2026-0003.md").exists()
    assert after.removed == 2


def test_cli_build(fresh_root: Path, monkeypatch: object) -> None:
    runner = CliRunner()
    env = {"COMPLAINTS_ROOT": str(fresh_root)}
    result = runner.invoke(main, ["site", "build", "--today", "2026-03-20", "--no-commits",
                                  "--generate-only"], env=env)
    assert result.exit_code == 0, result.output
    assert re.search(r"\d+ pages", result.output)
    assert (fresh_root / GEN_DIR / "zh" / "index.md").is_file()


def test_cli_reports_a_bad_case_without_traceback(fresh_root: Path) -> None:
    bad = fresh_root / "cases" / "2026" / "C-2026-0003.yaml"
    bad.write_text(bad.read_text("utf-8").replace("channel: letter", "channel: [letter]"))
    result = CliRunner().invoke(main, ["site", "build", "--today", "2026-03-20",
                                       "--no-commits"], env={"COMPLAINTS_ROOT": str(fresh_root)})
    assert result.exit_code == 1
    assert "cases/2026/C-2026-0003.yaml:5:" in result.output and "S103" in result.output
    assert "Traceback" not in result.output
    assert not (fresh_root / "site").exists()


def test_serve_generation_renders_again_only_what_changed(fresh_root: Path) -> None:
    memory = Memory()
    first = generate(fresh_root, TODAY, commits=False, memory=memory)
    case = fresh_root / "cases" / "2026" / "C-2026-0003.yaml"
    case.write_text(case.read_text("utf-8").replace("The report arrived later",
                                                    "The second report arrived later"))
    (fresh_root / "cases" / "2025" / "C-2025-0002.yaml").unlink()
    again = generate(fresh_root, TODAY, commits=False, memory=memory)
    page = fresh_root / GEN_DIR / "en" / "cases" / "C-2026-0003.md"
    assert "The second report arrived later" in page.read_text("utf-8")
    assert not (fresh_root / GEN_DIR / "zh" / "cases" / "C-2025-0002.md").exists()
    assert again.removed == 2 and again.pages == first.pages - 2
    # what the remembering generation left is exactly what a full one writes
    full = generate(fresh_root, TODAY, commits=False)
    assert (full.written, full.removed) == (0, 0)
