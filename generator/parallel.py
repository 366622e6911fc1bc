"""Per-article work on both cores, done once: a map over forked worker processes, and a memo that
keeps each per-article result for the next build of the same process (the preview server).

Forked workers share everything built before the fork (compiled patterns, gazetteers). Forking a
process that runs other threads (the preview server's watcher and web server) can copy a held
lock into the child, so such a process works alone; so does one with few items, where starting
workers costs more than it saves.
"""
from __future__ import annotations

import functools
import gc
import multiprocessing
import os
import pickle
import signal
import threading
from typing import Callable, Iterator, Sequence, TypeVar

from .diskcache import PICKLE_PROTOCOL, stable_key
from .problems import Problem, ProblemError

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_FROM = 200  # fewer items than this are not worth a second process
_MISSING = object()


def can_fork() -> bool:
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def workers_for(count: int) -> int:
    if count < PARALLEL_FROM or not can_fork():
        return 1
    return max(1, min(2, os.cpu_count() or 1, affordable_workers()))


def affordable_workers() -> int:
    """How many forked workers the free memory allows. A worker shares this process's memory, but
    every object it touches has its reference count written, which copies the page it is on: a
    worker can come to hold a good part of this process's memory (about a third, each of two,
    when 100,000 articles ran out of 24 GiB). Counted as half of it per worker; no limit where
    /proc does not say."""
    available, own = memory_available(), memory_used()
    if available is None or not own:
        return 2
    return int(available // (own // 2))


def memory_available() -> int | None:
    """Bytes the system can still give (MemAvailable in /proc/meminfo), or None."""
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            for line in info:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def memory_used() -> int:
    """This process's resident bytes (/proc/self/statm), or 0."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _worker_signals() -> None:
    """A worker dies of SIGTERM, as the pool's terminate() expects: a handler inherited from the
    preview (which turns SIGTERM into a clean stop) could leave a worker waiting on the pool's
    queue for ever, and the build with it."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


# The items of the maps under way, by a number each: forked workers inherit them, so a worker is
# sent a range of positions instead of its items pickled (at 10,000 articles the main process
# spent 5 s pickling article texts to send, one stage after another).
_ITEMS: dict[int, Sequence] = {}


def _run_chunk(work: tuple[Callable[[list], R], int, int, int]) -> R:
    chunk_func, items, start, end = work
    gc.disable()  # per-article work makes no reference cycles; collecting would only cost time
    return chunk_func(_ITEMS[items][start:end])


def parallel_map(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """[func(item) for item in items], in order, over forked workers when there are many items.

    `func` must be a module-level function; items and results travel between processes pickled."""
    return list(parallel_results(func, items))


def parallel_results(func: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
    """parallel_map's results one by one, in order, as the workers finish them (for a progress bar)."""
    items = list(items)
    workers = workers_for(len(items))
    if workers <= 1:
        yield from (func(item) for item in items)
        return
    for part in _chunk_results(functools.partial(_each, func), items, workers):
        yield from part


def _each(func: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [func(item) for item in chunk]


def _chunk_results(chunk_func: Callable[[list[T]], R], items: list[T], workers: int) -> Iterator[R]:
    """chunk_func(part) of consecutive parts of `items`, in order, from `workers` forked workers.
    Each part's result travels back as one pickle, which writes an object the part's results
    share once (equal strings that a worker made one object stay one in this process)."""
    size = max(25, len(items) // (workers * 8))
    number = max(_ITEMS, default=0) + 1
    _ITEMS[number] = items
    chunks = [(chunk_func, number, i, min(i + size, len(items))) for i in range(0, len(items), size)]
    gc.freeze()  # what exists now is shared with the workers; keep collections off those pages
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_worker_signals) as pool:
            yield from _watched(pool.imap(_run_chunk, chunks), {p.pid for p in multiprocessing.active_children()})
    finally:
        gc.unfreeze()
        del _ITEMS[number]


def _watched(results, workers: set[int]) -> Iterator:
    """The pool's results, while every one of its `workers` (process ids) lives. A pool replaces a
    worker that died (killed for want of memory, say) but never gives its part of the work to
    another, and would wait for that part for ever: say so instead."""
    while True:
        try:
            yield results.next(timeout=1.0)
        except StopIteration:
            return
        except multiprocessing.TimeoutError:
            if not workers <= {p.pid for p in multiprocessing.active_children()}:
                raise ProblemError(Problem(
                    "(build)", None, "a worker process died before finishing its articles (out of memory?)",
                    "free some memory and build again")) from None


def stored_map(func: Callable[[T], R], items: Sequence[T]) -> tuple[list[R], list[bytes]]:
    """parallel_map, with each result also pickled alone for the disk cache. Workers send each part
    of the results both ways: pickled together, as the map sends them (objects they share are sent
    once: the topic scans of 1,000 articles took 43 MB in this process when each came alone, 27 together),
    and one by one for the disk, so that this process need not pickle them again."""
    items = list(items)
    workers = workers_for(len(items))
    if workers <= 1:
        made = [func(item) for item in items]
        return made, [pickle.dumps(result, protocol=PICKLE_PROTOCOL) for result in made]
    made, pickled = [], []
    for results, blobs in _chunk_results(functools.partial(_made_and_pickled, func), items, workers):
        made.extend(results)
        pickled.extend(blobs)
    return made, pickled


def _made_and_pickled(func: Callable[[T], R], chunk: list[T]) -> tuple[list[R], list[bytes]]:
    results = [func(item) for item in chunk]
    return results, [pickle.dumps(result, protocol=PICKLE_PROTOCOL) for result in results]


def map_and_store(func: Callable[[T], R], items: Sequence[T], disk, digests: Sequence[bytes]) -> list[R]:
    """parallel_map; with a disk cache (a diskcache.DiskCache), each result is also stored there
    under its digest, pickled by the worker that made it."""
    if disk is None:
        return parallel_map(func, items)
    made, pickled = stored_map(func, items)
    disk.put_pickled(dict(zip(digests, pickled)))
    return made


def in_child(func: Callable[..., R], *args) -> R:
    """func(*args), computed in a forked child process that sends back the result pickled: the
    child's working memory (the topic engine's, 25 MB at 1,000 articles) never becomes
    this process's, which would keep it fragmented to the end of the build. Computed here where
    forking is not safe (other threads) or possible, and again here if the child died."""
    if not can_fork():
        return func(*args)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write the outcome, then leave without running any cleanup of the parent's
        os.close(read_end)
        code = 1
        try:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            try:
                outcome = (True, func(*args))
            except BaseException as error:  # noqa: BLE001 - raised again by the parent
                outcome = (False, error)
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(outcome, pipe, protocol=PICKLE_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:  # killed (out of memory, say), or its outcome could not be pickled
        return func(*args)
    succeeded, value = pickle.loads(data)
    if not succeeded:
        raise value
    return value


def keeps_results() -> bool:
    """Whether this build keeps its results for a next one (the preview server's memo)."""
    return _memo is not None and _memo.keep


class Memo:
    """Results of per-article functions, keyed by the function and its (hashable, by-value) input.

    Between `start()` and `finish()` every result used is kept aside; `finish()` keeps only those,
    so the memo holds one build's worth and an edited article's old results do not pile up."""

    def __init__(self, keep: bool = True):
        self.keep = keep  # False: hold no result after handing it out (a build that keeps none for the next)
        self.results: dict[tuple, object] = {}
        self.used: dict[tuple, object] = {}  # the results this build used, by key
        self.last: dict[str, tuple[object, object]] = {}  # stage name -> (its input, its result)
        self.disk = None  # a diskcache.DiskCache asked for what is not in `results`, and given what is made

    def start(self) -> None:
        self.used = {}

    def finish(self) -> None:
        # The used results are gathered as they are handed out, so that forgetting the others is no
        # second pass hashing every key (an article's text, hashed anew each time: 1.5 s at 10,000).
        if self.used:  # else the whole enrichment was reused (say, only a template changed): all still current
            self.results, self.used = self.used, {}

    def map(self, func: Callable[[T], R], items: Sequence[T]) -> list[R]:
        name = f"{func.__module__}.{func.__qualname__}"
        keys = [(name, item) for item in items]
        results = self.results if self.keep else {}
        found = [results.get(key, _MISSING) for key in keys]
        missing = [i for i, result in enumerate(found) if result is _MISSING]
        new = missing  # made now or read from the disk
        on_disk = {i: stable_key(keys[i]) for i in missing} if self.disk is not None else {}
        if on_disk:
            for i, result in self.disk.recall(on_disk).items():
                found[i] = result
            missing = [i for i in missing if found[i] is _MISSING]
        made = map_and_store(func, [items[i] for i in missing], self.disk if on_disk else None,
                             [on_disk[i] for i in missing] if on_disk else [])
        for i, result in zip(missing, made):
            found[i] = result
        for i in new:
            results[keys[i]] = found[i]
        if self.keep:
            self.used.update(zip(keys, found))
        return found

    def stage(self, name: str, key: object, compute: Callable[[], R]) -> R:
        """A whole-dossier step: computed again only when its input differs from the last build's."""
        if not self.keep:
            return compute()
        previous = self.last.get(name)
        if previous is not None and previous[0] == key:
            return previous[1]
        result = compute()
        self.last[name] = (key, result)
        return result


_memo: Memo | None = None  # set by the preview server's Builder; the command line keeps none


def use_memo(memo: Memo | None) -> None:
    global _memo
    _memo = memo


def memo_map(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """parallel_map, remembering results for the next build when a memo is in use."""
    items = list(items)
    return _memo.map(func, items) if _memo is not None else parallel_map(func, items)


def memo_stage(name: str, key: object, compute: Callable[[], R]) -> R:
    """compute(), or the last build's result when `key` (the step's whole input) is unchanged."""
    return _memo.stage(name, key, compute) if _memo is not None else compute()


class SameObjects:
    """Values made from objects (an article's paragraphs, a topic's pages), kept for the next build
    of a preview while the objects are the same ones: unchanged articles, and the results made
    from them alone, are handed from build to build as the same objects. Keeps nothing for a build
    without the preview's memo. Call `finish()` once every value of this build has been asked for."""

    def __init__(self, name: str):
        self.last: dict[int, tuple] = memo_stage(name, 1, dict)  # the same dict every build of a preview
        self.kept: dict[int, tuple] = {}

    def get(self, obj, make: Callable, still_valid: Callable[[object], bool] = lambda value: True):
        """make(obj), or the value made from this very object last build while still_valid(value)."""
        known = self.last.get(id(obj))
        if known is None or known[0] is not obj or not still_valid(known[1]):
            known = (obj, make(obj))
        self.kept[id(obj)] = known  # holding obj keeps its id from being reused
        return known[1]

    def finish(self) -> None:
        self.last.clear()
        self.last.update(self.kept)

