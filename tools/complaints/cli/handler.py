"""The one place where whatever ends a command becomes an exit code (the contract in
`complaints.base.errors`), in the manner of pre-commit's error_handler.

Our own errors say their exit; click's usage errors exit 2; Ctrl-C and SIGTERM
exit 130; anything else is a bug, reported in one line (the traceback only with
COMPLAINTS_DEBUG=1) and exit 2, so no command ever ends in a raw traceback.
"""

from __future__ import annotations

import os
import signal
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

import click

from complaints.base.errors import CANNOT_RUN, INTERRUPTED, OK

DEBUG_ENV = "COMPLAINTS_DEBUG"


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # SIGTERM unwinds like Ctrl-C: transactions roll back


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    try:
        old = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread (a test runner): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def run(invoke: Callable[[], object]) -> int:
    """Run a click command in non-standalone mode and return the exit code."""
    try:
        with _sigterm_as_interrupt():
            result = invoke()
        return result if isinstance(result, int) else OK
    except click.ClickException as exc:  # ours (ComplaintsError) and click's usage errors
        exc.show()
        return exc.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt, EOFError):
        click.echo("\ninterrupted", err=True)  # a step under way rolls itself back first
        return INTERRUPTED
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (OK if exc.code is None else CANNOT_RUN)
    except Exception as exc:  # a bug: say so in one line, keep the traceback for who asks
        if os.environ.get(DEBUG_ENV):
            traceback.print_exc()
        click.echo(f"Error: internal error ({type(exc).__name__}: {exc}); this is a bug. "
                   f"Run again with {DEBUG_ENV}=1 for the traceback.", err=True)
        return CANNOT_RUN


__all__ = ["DEBUG_ENV", "run"]
