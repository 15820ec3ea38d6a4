"""Generate the public site's sources: Markdown pages per language, data, root page.

Generation writes into a gitignored folder, site_src/:
  zh/, en/   one MkDocs docs_dir per language (mkdocs.yml builds zh, mkdocs.en.yml
             builds en): generated pages, docs/<lang>/ and docs/assets/ copied in;
  root/      copied as it is to the site root: the language chooser and data/.
Each language is its own MkDocs build so its interface, search (jieba for
Chinese) and navigation are in that language; build.py runs them in parallel.
Files are written only when their content changed, which keeps mtimes stable
for `serve`'s dirty rebuilds.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from complaints.load.policy import load_policy
from complaints.load.schemas import schema_dir
from complaints.site.bulk import case_rel, write_all, write_file
from complaints.site.commits import Trail, read_trail
from complaints.site.context import CaseCache, Ctx, SiteError, load_cases
from complaints.site.i18n import LANGS, OTHER, t
from complaints.site.md import page_url, to_site_root
from complaints.site.opendata import atom_feed, cases_csv, cases_json, stats_json
from complaints.site.pages.actions import actions
from complaints.site.pages.annual import COMMENTARY_DIR, annual, reports_index
from complaints.site.pages.case import case_page
from complaints.site.pages.datapage import data_page
from complaints.site.pages.home import home
from complaints.site.pages.index import index
from complaints.site.pages.landing import landing, not_found
from complaints.site.pages.notfound import not_found_page
from complaints.site.pages.published import published
from complaints.site.pages.stats import statistics
from complaints.site.pages.verify import verify
from complaints.site.pages.workflow import workflow

GEN_DIR = "site_src"
ROOT_FILES = "root"
DOCS_DIR = "docs"
ASSETS = "assets"
OPEN_SCHEMAS = ("opendata-cases", "opendata-cases-csv", "opendata-stats")


def with_switch(page: str, rel: str, lang: str) -> str:
    """Add a link to the same page in the other language, just under the title. It leaves
    this language's build, so it is raw HTML that MkDocs does not check (tests do). Search
    skips it: its text is in the other language (and would wake jieba on English pages)."""
    other = OTHER[lang]
    href = f"{to_site_root(rel)}{other}/{page_url(rel)}"
    link = (f'<a class="lang-switch" href="{href}" hreflang="{other}" lang="{other}" '
            f'data-search-exclude>{t("language", lang)}</a>')
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
    mkdocs_seconds: dict[str, float] = field(default_factory=dict)  # per language
    build_seconds: float = 0.0  # the parallel language builds, wall clock
    scan_seconds: float = 0.0  # privacy gate over the language builds, summed
    warnings: list[str] = field(default_factory=list)  # of a dirty (serve) build
    problems: list[str] = field(default_factory=list)


def language_pages(ctx: Ctx, lang: str, only: set[str] | None = None) -> dict[str, str]:
    """The pages of one language; with only, case pages just for those case ids."""
    pages = {"index.md": home(ctx, lang), "cases/index.md": index(ctx, lang),
             "statistics.md": statistics(ctx, lang), "published-data.md": published(ctx, lang),
             "reports/index.md": reports_index(ctx, lang), "actions.md": actions(ctx, lang),
             "verify.md": verify(ctx, lang), "workflow.md": workflow(ctx, lang),
             "open-data.md": data_page(ctx, lang), "not-found.md": not_found_page(lang)}
    pages.update({f"reports/{y}.md": annual(ctx, y, lang) for y in ctx.years()})
    pages = {f"{lang}/{k}": with_switch(v, k, lang) for k, v in pages.items()}
    # case pages get their language link from overrides/case.html
    pages.update({case_rel(lang, c["id"]): case_page(ctx, c, lang) for c in ctx.cases
                  if only is None or c["id"] in only})
    return pages


def root_files(ctx: Ctx) -> dict[str, str | bytes]:
    """The site root: language chooser, open data, their schemas and the feeds."""
    records = [ctx.public(c) for c in ctx.cases]
    files: dict[str, str | bytes] = {
        "index.html": landing(ctx),
        "404.html": not_found(ctx),
        "data/cases.json": cases_json([r.json for r in records], ctx.stats["as_of"], ctx.policy),
        "data/cases.csv": cases_csv([r.csv for r in records]),
        "data/stats.json": stats_json(ctx.stats),
    }
    for lang in LANGS:
        files[f"data/changes-{lang}.atom"] = atom_feed(ctx.cases, ctx.policy, lang, ctx.latest())
    for name in OPEN_SCHEMAS:
        files[f"data/schema/{name}.schema.json"] = (schema_dir() / f"{name}.schema.json").read_bytes()
    return {f"{ROOT_FILES}/{k}": v for k, v in files.items()}


PARTS = (*LANGS, ROOT_FILES)  # the folders of site_src/


def render_part(ctx: Ctx, part: str, only: set[str] | None = None) -> dict[str, str | bytes]:
    """The generated files of one part of site_src/ (a language, or the root), by path
    relative to site_src/ (with only: see language_pages)."""
    return dict(root_files(ctx)) if part == ROOT_FILES else dict(language_pages(ctx, part, only))


def render_all(ctx: Ctx, only: set[str] | None = None) -> dict[str, str | bytes]:
    """Every generated file, by path relative to site_src/."""
    return {rel: content for part in PARTS for rel, content in render_part(ctx, part, only).items()}


def hand_written(root: Path, part: str | None = None) -> dict[str, str | bytes]:
    """The tracked docs/ tree, placed: docs/<lang>/ into that language, docs/assets/ into
    every language, anything else at the site root (CNAME, robots.txt...); only the files
    of one part of site_src/ when part is given. Commentary is merged into the reports."""
    docs = root / DOCS_DIR
    if not docs.is_dir():
        return {}
    files: dict[str, str | bytes] = {}
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs).as_posix()
        if not path.is_file() or path.relative_to(root).is_relative_to(COMMENTARY_DIR):
            continue
        top = rel.split("/", 1)[0]
        if top in LANGS:
            places = [rel]
        elif top == ASSETS:
            places = [f"{lang}/{rel}" for lang in LANGS]
        elif rel.endswith(".md"):
            raise SiteError(f"{DOCS_DIR}/{rel}: pages go under {DOCS_DIR}/zh/ or {DOCS_DIR}/en/")
        else:
            places = [f"{ROOT_FILES}/{rel}"]
        for place in places:
            if part is None or place.startswith(part + "/"):
                files[place] = path.read_bytes()
    return files


def write_tree(out: Path, files: dict[str, str | bytes], keep: AbstractSet[str] = frozenset(),
               known: AbstractSet[str] | None = None) -> tuple[int, int]:
    """Make out hold exactly files, plus the files in keep left as they are; returns
    (written, removed). known: what out held after the last call, if the caller tracks
    it (serve); then stale files are found without walking out."""
    written = sum(write_file(out / rel, content) for rel, content in files.items())
    removed = 0
    if known is not None:
        for rel in sorted(known - files.keys() - keep):
            (out / rel).unlink(missing_ok=True)
            removed += 1
        return written, removed
    # plain os.walk, deepest folders first: pathlib's rglob and sorting took a second
    # at 10,000 cases. Folders of kept files stay, even empty: their files may be
    # being written right now (bulk.py).
    folders = {rel.rpartition("/")[0] for rel in keep}
    for folder, _, names in os.walk(out, topdown=False):
        base = os.path.relpath(folder, out).replace(os.sep, "/")
        for name in names:
            rel = name if base == "." else f"{base}/{name}"
            if rel not in files and rel not in keep:
                os.unlink(os.path.join(folder, name))
                removed += 1
        if base != "." and base not in folders and not os.listdir(folder):
            os.rmdir(folder)
    return written, removed


@dataclass
class Memory:
    """What `serve` keeps between rebuilds, so that one changed case costs one case:
    parsed case files, the last context, and each case's commit links."""
    cases: CaseCache = field(default_factory=dict)
    ctx: Ctx | None = None
    links: dict[str, list[str | None]] = field(default_factory=dict)
    files: dict[str, set[str]] = field(default_factory=dict)  # per part of site_src/


def make_context(root: Path, today: date, commits: bool = True,
                 memory: Memory | None = None, parallel: bool | None = None) -> Ctx:
    policy = load_policy(root)  # PolicyError: the site cannot be built, exit 2
    trail = read_trail(root) if commits else Trail()
    before = memory.ctx if memory and memory.ctx and memory.ctx.policy == policy else None
    cases = load_cases(root, memory.cases if memory else None, parallel)
    return Ctx(root, policy, cases, today, trail, facts=before.facts if before else {},
               records=before.records if before else {})


def _changed(ctx: Ctx, memory: Memory) -> set[str] | None:
    """Ids of the cases whose pages must be rendered again; None for all of them."""
    before = memory.ctx
    links = {c["id"]: ctx.trail.commits_for(c) for c in ctx.cases}
    old_links, memory.links, memory.ctx = memory.links, links, ctx
    if before is None or before.policy != ctx.policy:
        return None
    return {c["id"] for c in ctx.cases
            if before.facts.get(c["id"]) is not ctx.facts[c["id"]] or old_links.get(c["id"]) != links[c["id"]]}


def generate_part(ctx: Ctx, part: str, only: set[str] | None = None,
                  memory: Memory | None = None) -> BuildResult:
    """Write one part of site_src/ (a language or the root): generated and hand-written
    files. With only, case pages of other cases are left as they are."""
    started = time.perf_counter()
    files = render_part(ctx, part, only)
    keep = set() if only is None or part == ROOT_FILES else {case_rel(part, c["id"]) for c in ctx.cases}
    for rel, content in hand_written(ctx.root, part).items():
        if rel in files or rel in keep:
            raise SiteError(f"{DOCS_DIR}/{rel} collides with a generated file; rename it")
        files[rel] = content
    prefix = part + "/"
    inside = {rel.removeprefix(prefix): content for rel, content in files.items()}
    kept = {rel.removeprefix(prefix) for rel in keep - set(files)}
    known = memory.files.get(part) if memory and only is not None else None
    written, removed = write_tree(ctx.root / GEN_DIR / part, inside, kept, known)
    if memory is not None:
        memory.files[part] = set(inside) | kept
    pages = len(keep | {rel for rel in files if rel.endswith(".md")})
    return BuildResult(pages, written, removed, time.perf_counter() - started)


def prune(root: Path) -> None:
    """Drop what is not a part of site_src/ (left by an earlier layout)."""
    gen = root / GEN_DIR
    for entry in gen.iterdir() if gen.is_dir() else ():
        if entry.name in PARTS:
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _summary(ctx: Ctx, part: str) -> BuildResult:
    return generate_part(ctx, part, only=set())  # the case pages are written already


def generate(root: Path, today: date, commits: bool = True, memory: Memory | None = None,
             parallel: bool | None = None) -> BuildResult:
    """Write site_src/. With a memory (serve), only the pages of changed cases and the
    pages that summarize all cases are rendered; the other case pages stay as they are.
    Without, everything is written, on every core for many cases (bulk.py) unless
    parallel is False."""
    started = time.perf_counter()
    ctx = make_context(root, today, commits, memory, parallel)
    prune(root)
    result = BuildResult()
    if memory is None:
        result.written, parts = write_all(ctx, root / GEN_DIR, PARTS, _summary, parallel)
    else:
        only = _changed(ctx, memory)
        parts = [generate_part(ctx, part, only, memory) for part in PARTS]
    for done in parts:
        result.pages += done.pages
        result.written += done.written
        result.removed += done.removed
    result.generate_seconds = time.perf_counter() - started
    return result
