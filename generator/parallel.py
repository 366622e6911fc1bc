"""Per-article work on both cores: a map over forked worker processes, used where it pays.

Forked workers share everything built before the fork (compiled patterns, gazetteers). Forking a
process that runs other threads (the preview server's watcher and web server) can copy a held
lock into the child, so such a process works alone; so does one with few items, where starting
workers costs more than it saves.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 200  # fewer items than this are not worth a second process


def workers_for(count: int) -> int:
    if count < PARALLEL_FROM or threading.active_count() > 1:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(2, os.cpu_count() or 1)


def _run_chunk(func: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    return [func(item) for item in chunk]


def parallel_map(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """[func(item) for item in items], in order, over forked workers when there are many items.

    `func` must be a module-level function; items and results travel between processes pickled."""
    items = list(items)
    workers = workers_for(len(items))
    if workers <= 1:
        return [func(item) for item in items]
    size = max(25, len(items) // (workers * 8))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        parts = pool.starmap(_run_chunk, [(func, chunk) for chunk in chunks])
    return [result for part in parts for result in part]
