"""The few GitHub REST calls the workflows make, over urllib (no client library needed).

The token comes from the environment (GH_TOKEN or GITHUB_TOKEN, as Actions provides it),
the repository from GITHUB_REPOSITORY or the event, the API root from GITHUB_API_URL (so a
GitHub Enterprise server, or the tests' recorded double, answers instead).
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from complaints.base.errors import CannotRun

API = "https://api.github.com"
VERSION = "2022-11-28"
TIMEOUT = 30


class GitHub:
    def __init__(self, repo: str, token: str, api: str = API) -> None:
        self.repo, self.token, self.api = repo, token, api.rstrip("/")

    @classmethod
    def from_env(cls, repo: str | None = None) -> GitHub:
        token = os.environ.get("GH_TOKEN") or os.environ.get("GITHUB_TOKEN")
        repo = repo or os.environ.get("GITHUB_REPOSITORY")
        if not token:
            raise CannotRun("no GitHub token: set GH_TOKEN (in Actions: ${{ github.token }})")
        if not repo or repo.count("/") != 1:
            raise CannotRun("no repository: set GITHUB_REPOSITORY=OWNER/NAME or give --repo")
        return cls(repo, token, os.environ.get("GITHUB_API_URL") or API)

    def call(self, method: str, path: str, body: dict[str, Any] | None = None,
             query: dict[str, str] | None = None) -> Any:
        url = f"{self.api}/repos/{self.repo}{path}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data, method=method, headers={
            "Accept": "application/vnd.github+json", "Authorization": f"Bearer {self.token}",
            "X-GitHub-Api-Version": VERSION, "User-Agent": "complaints-as-code",
            **({"Content-Type": "application/json"} if data is not None else {})})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:300]
            raise CannotRun(f"GitHub API {method} {path}: HTTP {exc.code} {detail}") from None
        except (urllib.error.URLError, TimeoutError) as exc:
            raise CannotRun(f"GitHub API {method} {path}: {exc}") from None
        return json.loads(raw) if raw else None

    # --- issues -------------------------------------------------------------------

    def issues(self, label: str) -> list[dict[str, Any]]:
        """Issues (not pull requests) with this label, open or closed, oldest first."""
        found = self.call("GET", "/issues", query={"labels": label, "state": "all", "per_page": "100",
                                                   "sort": "created", "direction": "asc"})
        return [i for i in found or [] if "pull_request" not in i]

    def create_issue(self, title: str, body: str, labels: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = self.call("POST", "/issues", {"title": title, "body": body, "labels": labels})
        return out

    def update_issue(self, number: int, **fields: Any) -> dict[str, Any]:
        out: dict[str, Any] = self.call("PATCH", f"/issues/{number}", fields)
        return out

    def comment(self, number: int, body: str) -> None:
        self.call("POST", f"/issues/{number}/comments", {"body": body})

    def add_labels(self, number: int, labels: list[str]) -> None:
        self.call("POST", f"/issues/{number}/labels", {"labels": labels})
