"""Work over many files on every core: chunks in forked worker processes.

Forked, not spawned: workers start in milliseconds with everything this process
has loaded (policy, schemas, settings). Forking a process that runs threads can
leave a lock held forever in the child, so with threads running (serve's server)
the work stays in this process, as it does for few items or one core.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Work items (case files, cases, commits) from which forked workers pay for
# themselves; measured with bench/ on 2 cores, where each kind breaks even near 300.
PARALLEL_FROM = 300


def worth_pooling(count: int, parallel: bool | None = None) -> bool:
    """Whether to fork workers for count items; an explicit parallel wins."""
    return count >= PARALLEL_FROM if parallel is None else parallel


def chunked_map(work: Callable[[list[T]], list[R]], items: Sequence[T],
                init: Callable[..., None] | None = None, initargs: tuple[Any, ...] = (),
                parallel: bool | None = None) -> list[R]:
    """work over chunks of items, results in the order of items; init(*initargs) runs
    first in each worker (and here, when the work stays here). The workers are forked,
    so initargs reach them as they are, not pickled. parallel: None decides by the
    number of items."""
    workers = min(os.cpu_count() or 1, 8)
    wanted = worth_pooling(len(items), parallel)
    if not wanted or workers < 2 or len(items) < 2 or threading.active_count() > 1:
        if init is not None:
            init(*initargs)
        return work(list(items))
    from concurrent.futures import ProcessPoolExecutor  # only here: a single step never needs it
    from multiprocessing import get_context

    # many small chunks, strided: slow items spread over the workers
    count = min(workers * 4, len(items))
    chunks = [list(items[i::count]) for i in range(count)]
    with ProcessPoolExecutor(min(workers, count), get_context("fork"), init, initargs) as pool:
        done = list(pool.map(work, chunks))
    ordered: list[R] = [None] * len(items)  # type: ignore[list-item]
    for i, results in enumerate(done):
        ordered[i::count] = results
    return ordered
