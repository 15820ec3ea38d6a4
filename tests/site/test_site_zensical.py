"""The same generated pages and configs build with Zensical, Material's successor,
offline: each language has its pages, in its language, with the case text escaped,
and the privacy gate passes over the result."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from complaints.site.generate import generate
from complaints.site.scan import scan_site
from testing.site import TODAY

ZENSICAL = str(Path(sys.executable).with_name("zensical"))


def test_zensical_builds_the_generated_site(fresh_root: Path) -> None:
    generate(fresh_root, TODAY, commits=False)
    for args in ([], ["-f", "mkdocs.en.yml"]):
        done = subprocess.run([ZENSICAL, "build", "--strict", *args], cwd=fresh_root,
                              env={**os.environ, "NO_COLOR": "1"}, capture_output=True,
                              text=True, check=False, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
    site = fresh_root / "site"
    for lang, status in (("en", "Closed"), ("zh", "已结案")):
        for page in ("index.html", "cases/index.html", "statistics/index.html",
                     "workflow/index.html", "procedure/index.html"):
            assert (site / lang / page).is_file(), f"{lang}/{page}"
        html = (site / lang / "cases" / "C-2025-0001" / "index.html").read_text("utf-8")
        assert f'<html lang="{lang}"' in html
        assert "Test report lists the wrong sampling date" in html and status in html
        injected = (site / lang / "cases" / "C-2026-0002" / "index.html").read_text("utf-8")
        assert "&#60;script&#62;alert" in injected and "<script>alert" not in injected
    assert scan_site(site) == []
