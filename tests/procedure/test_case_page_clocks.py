"""The case page shows each clock's pause and an estimated due date (a real mkdocs build,
read in headless Chromium)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from datetime import date
from pathlib import Path

import yaml

from complaints.site.build import build_site
from testing.browser import Browser
from testing.cli import REPO
from tests.procedure.helpers import write_case


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _root(tmp: Path) -> Path:
    root = tmp / "root"
    root.mkdir()
    text = (REPO / "complaints.yml").read_text("utf-8").replace("estimate: false", "estimate: true")
    (root / "complaints.yml").write_text(text, "utf-8")
    shutil.copytree(REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("commentary"))
    shutil.copytree(REPO / "overrides", root / "overrides")
    for config in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy2(REPO / config, root / config)
    write_case(root, "C-2026-0001", "2026-11-02T09:00:00+08:00",
               ("2026-11-02T10:00:00+08:00", "acknowledge", "acknowledged"),
               ("2026-11-03T10:00:00+08:00", "accept", "accepted"),
               ("2026-11-03T11:00:00+08:00", "assign", "investigating"),
               ("2026-11-04T10:00:00+08:00", "start_testing", "testing"))
    path = root / "cases" / "2026" / "C-2026-0001.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    data["investigator"] = "s-zhou"
    data["history"][-1]["note"] = "Sent for testing."
    for entry, actor in zip(data["history"][1:], ("s-zhao", "s-sun", "s-sun", "s-zhou"), strict=True):
        entry["actor"] = actor
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    write_case(root, "C-2026-0002", "2026-11-27T10:00:00+08:00")  # 30 working days end in 2027
    return root


def test_paused_and_estimated_on_the_case_page(tmp_path: Path) -> None:
    root = _root(tmp_path)
    policy = root / "complaints.yml"  # a long working-day limit so one due date lands in 2027
    policy.write_text(policy.read_text("utf-8").replace("limit: {working_days: 7}", "limit: {working_days: 30}"),
                      "utf-8")
    build_site(root, date(2026, 11, 30), commits=False, jobs=1)
    site = root / "site"
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    browser = Browser()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        browser.goto(f"{base}/en/cases/C-2026-0001/")
        text = browser.eval("document.querySelector('article').innerText")
        # testing since 4 November: paused through 30 November, 27 days held back
        assert "Resolution (60 days): Due 2027-01-28 · Done — · Paused · paused 27 days" in text
        browser.goto(f"{base}/en/cases/C-2026-0002/")
        text = browser.eval("document.querySelector('article').innerText")
        assert "Acceptance decision (30 working days): Due 2027-01-" in text and "(estimated)" in text
        browser.goto(f"{base}/zh/cases/C-2026-0002/")
        assert "（估算）" in browser.eval("document.querySelector('article').innerText")
    finally:
        browser.close()
        httpd.shutdown()
        httpd.server_close()
