"""Build the site: generate, run one MkDocs build per language in parallel, scan.

mkdocs.yml builds the Chinese half into site/zh/, mkdocs.en.yml (which inherits
it) the English half into site/en/; the site root (language chooser, data/)
comes from site_src/root/. Each language builds and then runs the privacy gate
over its own output in its own process, so the two cores share the work; the
root files are scanned here meanwhile. Nothing is left in the site folder if any
part fails: an unscanned or leaking site must never be deployed by accident.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import threading
import time
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from complaints.base.pool import worth_pooling
from complaints.load.paths import case_files
from complaints.site.context import SiteError
from complaints.site.generate import GEN_DIR, ROOT_FILES, BuildResult, Memory, generate
from complaints.site.i18n import LANGS
from complaints.site.roster import staff_ids
from complaints.site.scan import scan_site

SITE_DIR = "site"
CONFIGS = {"zh": "mkdocs.yml", "en": "mkdocs.en.yml"}
# Below this many cases, starting two worker processes (each loading MkDocs and jieba)
# costs more than it saves: the languages are built one after the other in this process.
# MkDocs says this on every dirty build; serve prints its own notice once instead.
_DIRTY_NOTE = "A 'dirty' build is being performed"


@dataclass
class LangResult:
    lang: str
    seconds: float = 0.0
    scan_seconds: float = 0.0
    error: str = ""
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if _DIRTY_NOTE not in message:
            self.messages.append(f"{record.levelname}: {message}")


def run_mkdocs(root: Path, lang: str, site_dir: Path, dirty: bool = False) -> list[str]:
    """One language's `mkdocs build --strict`, in this process; returns the warnings of a
    dirty (serve) build, which is never strict: MkDocs always warns that it is dirty."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:  # jieba announces its dictionary on every build; keep the output to findings
        import jieba

        jieba.setLogLevel(logging.WARNING)
    except ImportError:
        pass
    config_file = root / CONFIGS[lang]
    log = logging.getLogger("mkdocs")
    collect = _Collect()
    log.addHandler(collect)
    try:
        config = load_config(str(config_file), strict=not dirty, site_dir=str(site_dir))
        expected = (root / GEN_DIR / lang).resolve()
        if Path(config.docs_dir).resolve() != expected:
            raise SiteError(f"{CONFIGS[lang]}: docs_dir must be {GEN_DIR}/{lang}, where the "
                            f"pages are generated (it is {config.docs_dir})")
        build(config, dirty=dirty)
    except SiteError:
        raise
    except Exception as exc:  # MkDocs, a theme template, a plugin: a message, not a traceback
        shown = "\n".join(collect.messages)
        what = str(exc) if isinstance(exc, MkDocsException) else f"{type(exc).__name__}: {exc}"
        raise SiteError(f"mkdocs build --strict -f {CONFIGS[lang]} failed: {what}"
                        + (f"\n{shown}" if shown else "")) from None
    finally:
        log.removeHandler(collect)
    return collect.messages


def build_language(root: Path, lang: str, site_dir: Path, names: list[str],
                   dirty: bool = False, staff: tuple[str, ...] = ()) -> LangResult:
    """Build and scan one language; runs in a worker process, so errors come back as data."""
    result = LangResult(lang)
    try:
        started = time.perf_counter()
        result.warnings = run_mkdocs(root, lang, site_dir, dirty)
        result.seconds = time.perf_counter() - started
    except SiteError as exc:
        result.error = str(exc)
        return result
    if not dirty:
        started = time.perf_counter()
        result.problems = [f"{lang}/{p}" for p in scan_site(site_dir, names, staff=staff)]
        result.scan_seconds = time.perf_counter() - started
    return result


def prepare(out: Path, root_files: Path) -> None:
    """The site folder holds the language builds (MkDocs cleans its own) and a copy of
    site_src/root; anything else is a leftover of an earlier build and goes."""
    out.mkdir(parents=True, exist_ok=True)
    for entry in out.iterdir():
        if entry.name not in LANGS and not entry.name.startswith("."):
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    if root_files.is_dir():
        shutil.copytree(root_files, out, dirs_exist_ok=True)


class Workers:
    """One worker process per language, spawned rather than forked (serve runs threads),
    so a script that builds must guard its entry point with `if __name__ == "__main__":`.
    They start as soon as made and warm up (import MkDocs; read jieba's dictionary for
    Chinese); serve keeps them between rebuilds, which then find them warm."""

    def __init__(self) -> None:
        self.pools = {lang: ProcessPoolExecutor(1, multiprocessing.get_context("spawn"),
                                                _warm_up, (lang,)) for lang in LANGS}
        for pool in self.pools.values():
            pool.submit(int)  # processes start on the first task

    def submit(self, lang: str, *args: Any) -> Future[LangResult]:
        return self.pools[lang].submit(build_language, *args)

    def shutdown(self, now: bool = False) -> None:
        """Stop the workers: after the build under way, or with now (serve stopping on a
        signal) at once, terminating a build under way."""
        for pool in self.pools.values():
            if now:
                for process in list(pool._processes.values()):  # no public way to stop them
                    process.terminate()
            pool.shutdown(cancel_futures=True)


def _exit_with_parent(parent: int) -> None:
    """End this worker when the process that started it is gone (killed, or its terminal
    closed, with no chance to stop its workers): else it would wait for work forever."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _warm_up(lang: str) -> None:
    _exit_with_parent(os.getppid())
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    import material.plugins.search.plugin  # noqa: F401
    import mkdocs.commands.build  # noqa: F401

    if lang == "zh":  # Material's search segments Chinese with jieba
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()


def build_languages(root: Path, out: Path, names: list[str], dirty: bool,
                    pool: Workers | None) -> tuple[list[LangResult], list[str]]:
    """Both languages (in the pool's workers, or here one after the other), and meanwhile
    the site root copied into the site and scanned. Returns the language results and the
    root's privacy findings."""
    staff = () if dirty else staff_ids(root)  # no staff id may reach any file of the site
    futures = [pool.submit(lang, root, lang, out / lang, names, dirty, staff)
               for lang in LANGS] if pool else []
    prepare(out, root / GEN_DIR / ROOT_FILES)
    found = [] if dirty else scan_site(out, names, skip=LANGS, staff=staff)
    if pool is None:
        return [build_language(root, lang, out / lang, names, dirty, staff) for lang in LANGS], found
    return [f.result() for f in futures], found


def build_site(root: Path, today: date, site_dir: Path | None = None, commits: bool = True,
               names: Iterable[str] = (), dirty: bool = False, jobs: int | None = None,
               memory: Memory | None = None, pool: Workers | None = None) -> BuildResult:
    """Generate, build both languages with MkDocs and scan; SiteError if any part fails.
    With jobs > 1 (or a pool) generation uses every core for many cases (bulk.py) and the
    languages are built in parallel worker processes; jobs is 2 by default from
    PARALLEL_FROM cases up. With jobs 1 all of it runs in this process. A dirty build
    (serve) keeps what it can on failure and skips the gate; serve also passes its
    memory, so only changed cases are generated again."""
    out = site_dir or root / SITE_DIR
    started = time.perf_counter()
    if jobs is None:
        jobs = 2 if worth_pooling(len(case_files(root))) else 1
    own: Workers | None = None
    try:
        result = generate(root, today, commits, memory, parallel=None if jobs > 1 else False)
        # started only now: generation forks, which a process running threads must not
        own = Workers() if pool is None and jobs > 1 else None
        langs, root_problems = build_languages(root, out, list(names), dirty, pool or own)
        errors = [r.error for r in langs if r.error]
        if errors:
            raise SiteError("\n".join(errors))
    except BaseException:
        if not dirty:
            shutil.rmtree(out, ignore_errors=True)
        raise
    finally:
        if own is not None:
            own.shutdown()
    result.build_seconds = time.perf_counter() - started - result.generate_seconds
    result.mkdocs_seconds = {r.lang: r.seconds for r in langs}
    result.scan_seconds = sum(r.scan_seconds for r in langs)
    result.warnings = [f"{r.lang}: {w}" for r in langs for w in r.warnings]
    result.problems = [p for r in langs for p in r.problems] + root_problems
    if result.problems:
        shutil.rmtree(out, ignore_errors=True)  # never leave a leaking site to deploy
        shown = "\n".join(result.problems[:50])
        more = len(result.problems) - 50
        raise SiteError(f"privacy gate: the built site holds personal data, a staff id or markup "
                        f"from case data ({len(result.problems)} findings):\n{shown}"
                        + (f"\n... and {more} more" if more > 0 else ""))
    return result


def clean(root: Path) -> None:
    shutil.rmtree(root / GEN_DIR, ignore_errors=True)
