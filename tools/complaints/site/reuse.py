"""MkDocs plugin `complaints-reuse` (mkdocs.yml): case pages reuse the page chrome.

Every case page of a language has the same header, tabs and script configuration;
only its title and content differ. Rendering Material's header and tabs again for
each of 20,000 case pages was a third of the build. overrides/case.html wraps those
blocks so that the first case page renders each block and keeps it (reuse.keep),
and the others take that markup with their own title put in (reuse.get). Keyed by
base_url, the pages' depth, so relative links stay right. Without this plugin
(Zensical, or a config that drops it) the template renders every block as usual.
"""

from __future__ import annotations

import html
from typing import Any

from markupsafe import Markup
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin


class Reuse:
    """Markup of a block by (name, base_url), and the title it was rendered with."""

    def __init__(self) -> None:
        self.kept: dict[tuple[str, str], tuple[str, str]] = {}

    def get(self, name: str, title: str, base_url: str) -> Markup | None:
        hit = self.kept.get((name, base_url))
        if hit is None:
            return None
        markup, first = hit
        return Markup(markup.replace(first, title) if first else markup)

    def keep(self, name: str, title: str, base_url: str, markup: str) -> Markup:
        text = str(markup)
        count = text.count(title) if title else 0
        if count == 1:
            self.kept[(name, base_url)] = (text, title)
        elif count == 0 and html.escape(title) == title:  # the block does not show the title
            self.kept[(name, base_url)] = (text, "")
        # else: seen twice (it could be other text too) or escaped: rendered for every page
        return Markup(text)


class _NoOptions(Config):  # type: ignore[no-untyped-call]  # MkDocs builds its schema here
    pass


class ReusePlugin(BasePlugin[_NoOptions]):  # type: ignore[no-untyped-call]
    def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:
        env.globals["reuse"] = Reuse()  # a new one per build: a changed config renders afresh
        return env
