"""The build's memory on disk: what reading, cleaning and per-article enrichment made of each
article, kept in the project's cache folder so that a fresh `make build` after editing one article
reuses every other article's results instead of redoing them all (the preview server keeps the
same results in memory between its builds; this carries them from one process to the next).

An entry is keyed by a digest of its whole input (stable_key) and holds a pickle of its result.
There is one SQLite file per version of the generator's code, so a changed cleaner never reuses
stale results, and opening it removes other versions' files. Each build marks what it used and,
once it has succeeded, deletes the rest: the file holds about one build's worth. A missing,
damaged, locked or read-only cache only means doing the work again.

The results are pickles, which can run code when read: the cache is trusted like the project's own
generator/ folder, since it lives in the project (or where $DOSSIER_CACHE_DIR says) and only dossier
writes there.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import pickle
import sqlite3
import types
from pathlib import Path
from typing import TypeVar

FORMAT = 2  # bump when the layout of the file or of its keys changes
BATCH = 500  # keys per SELECT (SQLite allows at most 32,766 parameters)
PICKLE_PROTOCOL = pickle.HIGHEST_PROTOCOL
K = TypeVar("K")


def cache_dir(project: Path | None = None) -> Path | None:
    """$DOSSIER_CACHE_DIR, else `.cache/dossier` in the project (the folder of site.yaml), else None:
    no project, no cache on disk (a build never writes outside the project unless told to)."""
    configured = os.environ.get("DOSSIER_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(project) / ".cache" / "dossier" if project is not None else None


def prepare(folder: Path) -> None:
    """Make the cache folder, with a .gitignore so git leaves it out of `git status`. Raises OSError."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():  # like .pytest_cache
        ignore.write_text("# made by dossier: a cache, never to be committed\n*\n", encoding="utf-8")


class _StablePickler(pickle.Pickler):
    """Pickles that are equal for equal values in every process: no memo (whether two equal strings
    are one object or two must not matter), a dataclass as its compared fields only (as == sees it)
    with any set among them in a fixed order (a set's order follows string hashing, which differs
    from process to process), and objects of the `shared` types digested once per `digests`
    (object id -> (object, digest)), standing in by their digest. stable_key orders the sets in a
    tuple it is given too; a set elsewhere may still come out in another order in another process: that only makes two equal values look
    different, never two different values look equal."""

    def __init__(self, file, shared: tuple[type, ...], digests: dict | None):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.fast = True
        self.shared, self.digests = shared, digests

    def reducer_override(self, obj):
        # called for objects of classes, not for str, tuple, int, set... (those the pickler does alone)
        kind = type(obj)
        if self.digests is not None and kind in self.shared:
            known = self.digests.get(id(obj))
            if known is None or known[0] is not obj:
                known = self.digests[id(obj)] = (obj, stable_key(obj))  # pickled whole, just once
            return _stand_in, (kind.__qualname__, known[1])
        names = _compared(kind)
        if names is None:
            return NotImplemented
        return _stand_in, (kind.__qualname__, tuple(_ordered(getattr(obj, name)) for name in names))


def _stand_in(*value):
    """What the pickles above name as the maker of a dataclass; they are digested, never loaded."""
    raise TypeError("a stable_key pickle is not for loading")


_COMPARED: dict[type, tuple[str, ...] | None] = {}  # dataclass -> the names of the fields == compares


def _compared(kind: type) -> tuple[str, ...] | None:
    if kind not in _COMPARED:
        is_dataclass = dataclasses.is_dataclass(kind)
        _COMPARED[kind] = tuple(f.name for f in dataclasses.fields(kind) if f.compare) if is_dataclass else None
    return _COMPARED[kind]


def _ordered(value):
    if type(value) in (set, frozenset):
        return type(value).__name__, tuple(sorted(value, key=repr))
    if type(value) is types.MappingProxyType:
        return dict(value)
    return value


def stable_key(value, shared: tuple[type, ...] = (), digests: dict | None = None) -> bytes:
    """A digest of `value` (tuples, strings, numbers, dates, dataclasses, sets...) that every process
    computes alike, unlike hash(). Pass `digests` (a dict kept while it is in use) to digest each
    object of the `shared` types once however many values hold it."""
    if type(value) is tuple:
        value = tuple(_ordered(item) for item in value)
    buffer = io.BytesIO()
    _StablePickler(buffer, shared, digests).dump(value)
    return hashlib.blake2b(buffer.getvalue(), digest_size=20).digest()


def stable_key_or_none(value, shared: tuple[type, ...] = (), digests: dict | None = None) -> bytes | None:
    """stable_key, or None for a value that cannot be pickled (then it is never taken for unchanged)."""
    try:
        return stable_key(value, shared, digests)
    except (TypeError, AttributeError, pickle.PicklingError, RecursionError):
        return None


class DiskCache:
    """Results by key in one SQLite file. Every method swallows SQLite's errors: the cache then
    stops answering and storing for the rest of the build, which only costs time."""

    def __init__(self, path: Path):
        self.path = path
        self.used: set[bytes] = set()
        self.db: sqlite3.Connection | None = None
        self.had_entries = False
        try:
            self.db = self._connect()
        except sqlite3.DatabaseError:  # not a database (a damaged file): start it again
            self.close()
            for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                leftover.unlink(missing_ok=True)
            try:
                self.db = self._connect()
            except sqlite3.Error:
                self.close()
        except sqlite3.Error:  # locked by another build, say
            self.close()

    def _connect(self) -> sqlite3.Connection:
        self.db = db = sqlite3.connect(self.path, timeout=0.5, isolation_level=None)
        # Values are pickles of several kilobytes (450 MB at 10,000 articles): in 64 KiB pages of a
        # rowid table they are written eight times faster than in the 4 KiB pages of a WITHOUT
        # ROWID table, which chains every large row through overflow pages (8.5 s -> about 1 s).
        db.execute("PRAGMA page_size=65536")  # takes effect only while the file is new
        db.execute("PRAGMA journal_mode=WAL")  # a reader never waits for a writer
        db.execute("PRAGMA synchronous=NORMAL")  # a cache: losing the last commit on power loss is fine
        db.execute("CREATE TABLE IF NOT EXISTS entries (key BLOB PRIMARY KEY, value BLOB)")
        db.execute("BEGIN")
        self.had_entries = db.execute("SELECT 1 FROM entries LIMIT 1").fetchone() is not None
        return db

    @classmethod
    def open(cls, project: Path, version: str) -> DiskCache | None:
        """The cache of this version of the code for `project`, or None where there can be none."""
        folder = cache_dir(project)
        if folder is None:
            return None
        name = f"build-{FORMAT}-{version}.sqlite"
        try:
            prepare(folder)
            for other in folder.glob("build-*.sqlite*"):
                if not other.name.startswith(name):
                    other.unlink()
        except OSError:
            return None
        cache = cls(folder / name)
        return cache if cache.db is not None else None

    def recall(self, digests: dict[K, bytes]) -> dict[K, object]:
        """The stored results of those of `digests` (the caller's key -> its stable_key) that have
        one, by the caller's key."""
        keys = list(digests.values())
        self.used.update(keys)
        stored: dict[bytes, object] = {}
        if self.db is None:
            return {}
        try:
            for i in range(0, len(keys), BATCH):
                batch = keys[i:i + BATCH]
                marks = ",".join("?" * len(batch))
                for key, value in self.db.execute(f"SELECT key, value FROM entries WHERE key IN ({marks})", batch):
                    try:
                        stored[key] = pickle.loads(value)
                    except Exception:  # noqa: BLE001 - a damaged entry is a missing one
                        continue
        except sqlite3.Error:
            self.close()
        return {mine: stored[digest] for mine, digest in digests.items() if digest in stored}

    def put_many(self, items: dict[bytes, object]) -> None:
        try:
            pickled = {key: pickle.dumps(value, protocol=PICKLE_PROTOCOL) for key, value in items.items()}
        except (pickle.PicklingError, TypeError, AttributeError):
            self.used.update(items)
            self.close()
            return
        self.put_pickled(pickled)

    def put_pickled(self, items: dict[bytes, bytes]) -> None:
        """put_many for results already pickled (by the worker that made them)."""
        self.used.update(items)
        if self.db is None or not items:
            return
        try:
            self.db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", items.items())
        except (sqlite3.Error, TypeError):
            self.close()

    def finish(self, succeeded: bool) -> None:
        """Store this build's new results; after a build that succeeded, forget what it did not use."""
        if self.db is None:
            return
        try:
            if succeeded and self.had_entries:
                self.db.execute("CREATE TEMP TABLE used (key BLOB PRIMARY KEY) WITHOUT ROWID")
                self.db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((key,) for key in self.used))
                self.db.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM used)")
            self.db.execute("COMMIT")
        except sqlite3.Error:
            pass
        self.close()

    def close(self) -> None:
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
        self.db = None
