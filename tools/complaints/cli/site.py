"""`complaints site build` and `complaints site serve`: thin over site.generate."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from types import FrameType
from typing import Any

import click

from complaints.base.errors import CannotRun
from complaints.base.pool import PARALLEL_FROM
from complaints.load.paths import CASES_DIR, find_root
from complaints.load.policy import PolicyError, load_policy
from complaints.procedure.clock import offset
from complaints.site.build import CONFIGS, SITE_DIR, Workers, build_site
from complaints.site.context import SiteError
from complaints.site.generate import GEN_DIR, BuildResult, Memory, generate


def _today(root: Path, given: datetime | None) -> date:
    """--today, else SOURCE_DATE_EPOCH (reproducible builds), else today at the
    organization's offset, so clocks turn overdue on the organization's calendar."""
    if given is not None:
        return given.date()
    tz = offset(load_policy(root))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz).date()
        except ValueError:
            raise CannotRun(f"SOURCE_DATE_EPOCH is not a number: {epoch!r}") from None
    return datetime.now(tz).date()


def _names(register: str | None, root: Path) -> list[str]:
    from complaints.load.register import register_names, register_path

    path = register_path(register, root)
    return register_names(path) if path else []


TODAY = click.option("--today", type=click.DateTime(["%Y-%m-%d"]),
                     help="Date the clocks and figures are computed for (default: today, "
                          "or SOURCE_DATE_EPOCH).")
NO_COMMITS = click.option("--no-commits", is_flag=True,
                          help="Do not read git history for commit links.")


@click.group()
def site() -> None:
    """Build or serve the public site."""


@site.command()
@TODAY
@NO_COMMITS
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where to write the site (default: site/).")
@click.option("--register", "register", metavar="PATH",
              help="Private register whose names must not appear (or $COMPLAINTS_REGISTER).")
@click.option("--generate-only", is_flag=True,
              help=f"Only write {GEN_DIR}/ (then plain `mkdocs build` works); skip MkDocs.")
@click.option("--jobs", type=click.IntRange(1, 2),
              help=f"Processes at once: 2 generates on every core and builds the two "
                   f"languages in parallel; 1 does all in this process (default: 2 from "
                   f"{PARALLEL_FROM} cases up, else 1).")
def build(today: datetime | None, no_commits: bool, site_dir: Path | None,
          register: str | None, generate_only: bool, jobs: int | None) -> None:
    """Generate pages and data, build each language with `mkdocs build --strict`, and scan
    the result with the privacy gate."""
    root = find_root()
    day = _today(root, today)
    if generate_only:
        result = generate(root, day, not no_commits)
    else:
        result = build_site(root, day, site_dir, not no_commits, _names(register, root), jobs=jobs)
    click.echo(_summary(result, None if generate_only else site_dir or root / SITE_DIR))


def _summary(result: BuildResult, site: Path | None) -> str:
    line = (f"{result.pages} pages ({result.written} written, {result.removed} removed) "
            f"in {result.generate_seconds:.2f}s")
    if site is None:
        configs = " and ".join(f"`mkdocs build{'' if c == 'mkdocs.yml' else ' -f ' + c}` ({lang})"
                               for lang, c in CONFIGS.items())
        return f"{line}; build them with {configs}"
    each = ", ".join(f"{lang} {s:.2f}s" for lang, s in result.mkdocs_seconds.items())
    return (f"{line}; mkdocs {result.build_seconds:.2f}s ({each}); privacy gate "
            f"{result.scan_seconds:.2f}s, clean; site in {site}")


SERVE_NOTICE = (
    "Note: this preview is for writing and checking pages, not for publishing. After the\n"
    "first build, rebuilds are partial (MkDocs --dirty: only changed pages are rendered again,\n"
    "so navigation and search can lag) and the privacy gate does not run on them.\n"
    "Publish only what `complaints site build` produced."
)


@site.command()
@TODAY
@NO_COMMITS
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve(today: datetime | None, no_commits: bool, host: str, port: int) -> None:
    """Serve the site locally, rebuilding when a case, the policy or docs/ change."""
    from mkdocs.livereload import LiveReloadServer

    root = find_root()
    day = _today(root, today)
    out = Path(tempfile.mkdtemp(prefix="complaints-site-"))
    names = _names(None, root)
    memory = Memory()
    pool = Workers()  # kept: rebuilds find MkDocs loaded and jieba's dictionary read
    state = {"first": True}

    def rebuild() -> None:
        try:
            # The first build is a full one, with the privacy gate; later ones render again
            # only the pages whose generated source changed (generation rewrites only files
            # whose content changed, which is what MkDocs --dirty looks at).
            result = build_site(root, day, out, not no_commits, names, dirty=not state["first"],
                                memory=memory, pool=pool)
            for warning in result.warnings:
                click.echo(warning, err=True)
            state["first"] = False
        except (SiteError, PolicyError) as exc:
            click.echo(f"Error: {exc}", err=True)
            out.mkdir(parents=True, exist_ok=True)  # a failed full build leaves nothing
            memory.ctx = None  # start over: generate everything next time

    click.echo(SERVE_NOTICE, err=True)
    server: LiveReloadServer | None = None
    try:
        with _stop_on(signal.SIGHUP):  # SIGTERM and SIGINT already unwind (cli/handler.py)
            rebuild()
            server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(out))
            for path in (root / CASES_DIR, root / "docs", root / "complaints.yml",
                         *(root / config for config in CONFIGS.values())):
                if path.exists():
                    server.watch(str(path))
            click.echo(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)")
            server.serve()  # type: ignore[no-untyped-call]  # rebuilds run in this thread
    finally:  # also on the signal (exit 130): stop the workers, a build under way too
        with _ignoring(signal.SIGTERM, signal.SIGINT, signal.SIGHUP):  # a second one must
            if server is not None:                                     # not cut this short
                server.shutdown()
            pool.shutdown(now=True)
            shutil.rmtree(out, ignore_errors=True)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def _stop_on(*signals: signal.Signals) -> Iterator[None]:
    """These signals unwind like Ctrl-C while the block runs (in the main thread)."""
    with _handling(signals, _interrupt):
        yield


@contextmanager
def _ignoring(*signals: signal.Signals) -> Iterator[None]:
    with _handling(signals, signal.SIG_IGN):
        yield


@contextmanager
def _handling(signals: tuple[signal.Signals, ...], handler: Any) -> Iterator[None]:
    saved = {}
    try:
        for sig in signals:
            saved[sig] = signal.signal(sig, handler)
    except ValueError:  # not the main thread (a test calling serve): leave signals alone
        pass
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)
