"""A stand-in for the GitHub REST API on 127.0.0.1: the issue calls our code makes, answered
in GitHub's shape (issue objects copied from a recorded payload), with the state they change.

Real HTTP over a real socket, so the client's requests, headers and errors are exercised;
only GitHub itself is replaced.
"""

from __future__ import annotations

import copy
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "github"
TOKEN = "test-token"
REPO = "example-lab/complaints"


class Double:
    def __init__(self) -> None:
        recorded = json.loads((FIXTURES / "issues-opened-clean.json").read_text("utf-8"))
        self.template: dict[str, Any] = recorded["issue"]
        self.issues: dict[int, dict[str, Any]] = {}
        self.comments: dict[int, list[str]] = {}
        self.calls: list[tuple[str, str, Any]] = []
        self.next_number = 1

    def add(self, number: int, title: str, body: str, labels: list[str], state: str = "open") -> dict[str, Any]:
        issue = copy.deepcopy(self.template)
        issue.update(number=number, title=title, body=body, state=state,
                     labels=[{**self.template["labels"][0], "name": n} for n in labels],
                     html_url=f"https://github.com/{REPO}/issues/{number}")
        self.issues[number] = issue
        self.next_number = max(self.next_number, number + 1)
        return issue

    def writes(self) -> list[tuple[str, str, Any]]:
        return [c for c in self.calls if c[0] != "GET"]

    def answer(self, method: str, path: str, query: dict[str, list[str]], body: Any) -> tuple[int, Any]:
        self.calls.append((method, path, body))
        prefix = f"/repos/{REPO}"
        if not path.startswith(prefix):
            return 404, {"message": "Not Found"}
        rest = path[len(prefix):]
        if method == "GET" and rest == "/issues":
            label, state = query.get("labels", [""])[0], query.get("state", ["open"])[0]
            found = [i for n, i in sorted(self.issues.items())
                     if (not label or label in [x["name"] for x in i["labels"]]) and state in ("all", i["state"])]
            return 200, found
        if method == "POST" and rest == "/issues":
            return 201, self.add(self.next_number, body["title"], body.get("body", ""), body.get("labels", []))
        m = re.fullmatch(r"/issues/(\d+)(/comments|/labels)?", rest)
        if not m or int(m.group(1)) not in self.issues:
            return 404, {"message": "Not Found"}
        issue = self.issues[int(m.group(1))]
        if method == "PATCH" and m.group(2) is None:
            issue.update({k: v for k, v in body.items() if k in ("title", "body", "state", "state_reason")})
            return 200, issue
        if method == "POST" and m.group(2) == "/comments":
            self.comments.setdefault(issue["number"], []).append(body["body"])
            return 201, {"id": len(self.calls), "body": body["body"], "html_url": issue["html_url"]}
        if method == "POST" and m.group(2) == "/labels":
            names = [x["name"] for x in issue["labels"]]
            issue["labels"] += [{**self.template["labels"][0], "name": n} for n in body["labels"] if n not in names]
            return 200, issue["labels"]
        return 404, {"message": "Not Found"}


@contextmanager
def serve() -> Iterator[tuple[Double, str]]:
    """(the double, its API root URL) while it runs."""
    double = Double()

    class Handler(BaseHTTPRequestHandler):
        def _reply(self) -> None:
            url = urlparse(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length)) if length else None
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                status, out = 401, {"message": "Bad credentials"}
            elif self.headers.get("X-GitHub-Api-Version") != "2022-11-28":
                status, out = 400, {"message": "API version header missing"}
            else:
                status, out = double.answer(self.command, url.path, parse_qs(url.query), body)
            raw = json.dumps(out).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        do_GET = do_POST = do_PATCH = _reply

        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield double, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
