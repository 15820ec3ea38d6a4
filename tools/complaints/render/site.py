"""Build the public site: generate pages and data, run MkDocs, scan the result.

Generation writes into a gitignored folder (site_src/) that mkdocs.yml uses as
docs_dir: the hand-written docs/ are copied in beside the generated pages, so
plain `mkdocs build` works after a generation. Files are written only when
their content changed, which keeps mtimes stable for `serve`'s dirty rebuilds.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..opendata import atom_feed, cases_csv, cases_json, public_case, stats_json
from ..policy import PolicyError, load_policy
from ..schemas import schema_dir
from .actions import actions
from .annual import COMMENTARY_DIR, annual, reports_index
from .case import case_page
from .commits import Trail, read_trail
from .context import Ctx, SiteError, load_cases
from .datapage import data_page
from .home import home, landing
from .i18n import LANGS, OTHER, t
from .index import index
from .published import published
from .scan import scan_site
from .stats_pages import statistics
from .verify import verify
from .workflow import workflow

GEN_DIR = "site_src"
SITE_DIR = "site"
DOCS_DIR = "docs"
OPEN_SCHEMAS = ("opendata-cases", "opendata-cases-csv", "opendata-stats")


SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n')


def with_switch(page: str, rel: str, lang: str) -> str:
    """Add a link to the same page in the other language, just under the title."""
    other = OTHER[lang]
    up = "../" * (rel.count("/") + 1)
    link = f'[{t("language", lang)}]({up}{other}/{rel}){{ .lang-switch hreflang="{other}" }}'
    head, sep, rest = page.partition("\n\n")
    if head.startswith("---"):  # front matter first, then the title
        title, _, rest = rest.partition("\n\n")
        return f"{head}{sep}{title}\n\n{link}\n\n{rest}"
    return f"{head}\n\n{link}\n\n{rest}"


@dataclass
class BuildResult:
    pages: int = 0
    written: int = 0
    removed: int = 0
    generate_seconds: float = 0.0
    mkdocs_seconds: float = 0.0
    scan_seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def render_all(ctx: Ctx) -> dict[str, str | bytes]:
    """Every generated file, by path relative to the generated docs folder."""
    files: dict[str, str | bytes] = {"index.md": landing(ctx)}
    for lang in LANGS:
        pages = {"index.md": home(ctx, lang), "cases/index.md": index(ctx, lang),
                 "statistics.md": statistics(ctx, lang), "published-data.md": published(ctx, lang),
                 "reports/index.md": reports_index(ctx, lang), "actions.md": actions(ctx, lang),
                 "verify.md": verify(ctx, lang), "workflow.md": workflow(ctx, lang),
                 "open-data.md": data_page(ctx, lang)}
        pages.update({f"reports/{y}.md": annual(ctx, y, lang) for y in ctx.years()})
        pages.update({f"cases/{c['id']}.md": case_page(ctx, c, lang) for c in ctx.cases})
        files.update({f"{lang}/{k}": with_switch(v, k, lang) for k, v in pages.items()})
        # Material's language selector fetches <language>/sitemap.xml; an empty one keeps
        # the browser console clean, and the selector then opens the language's home page.
        files[f"{lang}/sitemap.xml"] = SITEMAP
    records = [public_case(c, ctx.facts[c["id"]], ctx.policy, ctx.trail.commits_for(c))
               for c in ctx.cases]
    files["data/cases.json"] = cases_json(records, ctx.stats["as_of"], ctx.policy)
    files["data/cases.csv"] = cases_csv(records)
    files["data/stats.json"] = stats_json(ctx.stats)
    for lang in LANGS:
        files[f"data/changes-{lang}.atom"] = atom_feed(ctx.cases, ctx.policy, lang)
    for name in OPEN_SCHEMAS:
        files[f"data/schema/{name}.schema.json"] = (schema_dir() / f"{name}.schema.json").read_bytes()
    return files


def hand_written(root: Path) -> dict[str, str | bytes]:
    """The tracked docs/ tree (commentary is merged into reports, not copied)."""
    docs = root / DOCS_DIR
    if not docs.is_dir():
        return {}
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*"))
            if p.is_file() and not p.relative_to(root).is_relative_to(COMMENTARY_DIR)}


def write_tree(out: Path, files: dict[str, str | bytes]) -> tuple[int, int]:
    """Make out hold exactly files; returns (written, removed)."""
    written = removed = 0
    for rel, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        path = out / rel
        try:
            if path.read_bytes() == data:
                continue
        except OSError:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += 1
    for path in sorted(out.rglob("*"), reverse=True):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and rel not in files:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written, removed


def make_context(root: Path, today: date, commits: bool = True) -> Ctx:
    try:
        policy = load_policy(root)
    except PolicyError as exc:
        raise SiteError(str(exc)) from None
    trail = read_trail(root) if commits else Trail()
    return Ctx(root, policy, load_cases(root), today, trail)


def generate(root: Path, today: date, commits: bool = True) -> BuildResult:
    started = time.perf_counter()
    ctx = make_context(root, today, commits)
    files = render_all(ctx)
    for rel, content in hand_written(root).items():
        if rel in files:
            raise SiteError(f"{DOCS_DIR}/{rel} collides with a generated file; rename it")
        files[rel] = content
    written, removed = write_tree(root / GEN_DIR, files)
    pages = sum(1 for rel in files if rel.endswith(".md"))
    return BuildResult(pages, written, removed, time.perf_counter() - started)


def run_mkdocs(root: Path, site_dir: Path, dirty: bool = False) -> None:
    """mkdocs build --strict, in process; a warning aborts with SiteError. A dirty
    rebuild (serve) is not strict: MkDocs always warns that it is dirty."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:  # jieba announces its dictionary on every build; keep the output to findings
        import jieba

        jieba.setLogLevel(logging.WARNING)
    except ImportError:
        pass
    log = logging.getLogger("mkdocs")
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.WARNING)
    try:
        config = load_config(str(root / "mkdocs.yml"), strict=not dirty, site_dir=str(site_dir))
        build(config, dirty=dirty)
    except MkDocsException as exc:
        raise SiteError(f"mkdocs build --strict failed: {exc}") from None


def build_site(root: Path, today: date, site_dir: Path | None = None, commits: bool = True,
               names: Iterable[str] = (), dirty: bool = False) -> BuildResult:
    """Generate, build with MkDocs and scan; SiteError if any part fails."""
    result = generate(root, today, commits)
    site = site_dir or root / SITE_DIR
    started = time.perf_counter()
    run_mkdocs(root, site, dirty)
    result.mkdocs_seconds = time.perf_counter() - started
    started = time.perf_counter()
    result.problems = scan_site(site, names)
    result.scan_seconds = time.perf_counter() - started
    if result.problems:
        shutil.rmtree(site, ignore_errors=True)  # never leave a leaking site to deploy
        shown = "\n".join(result.problems[:50])
        more = len(result.problems) - 50
        raise SiteError(f"privacy gate: the built site holds personal data or markup from case "
                        f"data ({len(result.problems)} findings):\n{shown}"
                        + (f"\n... and {more} more" if more > 0 else ""))
    return result


def clean(root: Path) -> None:
    shutil.rmtree(root / GEN_DIR, ignore_errors=True)
