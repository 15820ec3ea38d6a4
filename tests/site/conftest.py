"""Fixtures for the site tests: a throwaway root made of the hand-made cases in
fixtures/repo (own policy copy, so the goldens do not move with the demo policy)
plus the project's real docs/ and mkdocs.yml, built once per session."""

from __future__ import annotations

import functools
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from complaints.site.build import build_site
from testing.browser import Browser
from testing.site import TODAY, make_root


@pytest.fixture(scope="session")
def site_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_root(tmp_path_factory.mktemp("site-root"))


@pytest.fixture(scope="session")
def built_site(site_root: Path) -> Path:
    """The fixture site, built for real (both languages with mkdocs --strict, in parallel
    processes) and scanned."""
    build_site(site_root, TODAY, commits=False, jobs=2)
    return site_root / "site"


@pytest.fixture
def fresh_root(tmp_path: Path) -> Path:
    return make_root(tmp_path / "root")


# The built site as a static host serves it: under a path of its own (PREFIX), and a
# missing address answered with the language's 404.html under PREFIX/zh/ or PREFIX/en/,
# else the root 404.html.
PREFIX = "/pub"
WIDTHS = (1280, 390)


class _Host(http.server.SimpleHTTPRequestHandler):
    """The site under PREFIX, with its 404 pages wired up."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(PREFIX + "/"):
            self.send_error(404)
            return None
        self.path = self.path[len(PREFIX):]
        target = Path(self.translate_path(self.path))
        if target.exists():
            return super().send_head()
        rest = self.path.lstrip("/")
        lang = rest.split("/", 1)[0]
        page = Path(self.directory) / (f"{lang}/404.html" if lang in ("zh", "en") else "404.html")
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="module")
def host(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_Host, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module", params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def screen(request: pytest.FixtureRequest) -> Iterator[Browser]:
    width: int = request.param
    b = Browser(width=max(width, 800))  # Chromium's window has a minimum; the viewport not
    b.call("Emulation.setDeviceMetricsOverride", width=width, height=844, deviceScaleFactor=1,
           mobile=width < 600)
    yield b
    b.close()
