"""Search: a static full-text index (Pagefind) of the finished site, made before it is swapped in.

Articles and hand-written pages are indexed from their HTML (what is inside `data-pagefind-body`,
with the filters their templates mark); topics and timeline sections are records the build
makes from the dossier (RECORDS), each a result of its own that links to its place on the timeline
page. Big dossiers are split into shards of ARTICLES_PER_SHARD pages, indexed on both cores, and a
shard whose pages did not change is reused from the site being replaced; the search page merges
the shards. `SearchIndex(background=True)` (the preview server) keeps the previous
index in the new site and brings it up to date in a background thread after the swap.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from .problems import Problem, ProblemError
from .render import PageSpec

SEARCH_PAGE = "search.html"
MAIN_DIR = "pagefind"  # shard 0; further shards are pagefind-1, pagefind-2, ...
SHARDS_FILE = "dossier-shards.json"  # in pagefind/: the other shards, for the search page to merge
MANIFEST = ".dossier-search.json"  # at the site root: what each shard was made from
RECORDS = ".dossier-search-records.json"  # at the site root: the records beside the pages (see records)
ARTICLES_PER_SHARD = 1000
BODY_MARK = b"data-pagefind-body"
ENTRY_SENTENCES = 3  # of a timeline entry's mentions, in its section's search record
SECTION_CHARS = 40_000  # text of one timeline section's record; the rest is found through the articles
INDEX_VERSION = "1"  # bump when the records or shard layout change


def search_page_spec() -> PageSpec:
    """The search page (templates/search.html); it needs nothing from the dossier."""
    return PageSpec(SEARCH_PAGE, "search.html")


@dataclass
class Shard:
    number: int
    pages: list[str] = field(default_factory=list)  # site-relative HTML paths
    digest: str = ""

    @property
    def dir(self) -> str:
        return MAIN_DIR if self.number == 0 else f"{MAIN_DIR}-{self.number}"


class SearchIndex:
    """The Builder's finish hook: `builder.finish = SearchIndex()` (or `background=True` to preview)."""

    def __init__(self, *, background: bool = False, workers: int | None = None):
        self.background = background
        self.workers = workers or min(2, os.cpu_count() or 1)
        self.lock = threading.Lock()  # between linking a current index and swapping a new one in
        self.last: dict = {}  # what the last call did, for tests and the report: reused, indexed, seconds
        self._wanted = threading.Condition()
        self._pending: tuple | None = None
        self._busy = False
        self._thread: threading.Thread | None = None
        self.stopping = threading.Event()

    def __call__(self, fresh: Path, current: Path) -> None:
        fresh, current = Path(fresh), Path(current)
        old = read_manifest(current)
        old_shards = old.get("shards", {})
        shards, hashes = plan(fresh, current, old)
        digests: dict[int, str] = {}  # what each shard folder in `fresh` was made from
        stale = []
        with self.lock:
            for shard in shards:
                previous = old_shards.get(str(shard.number))
                if previous and previous["digest"] == shard.digest and self.adopt(current / shard.dir, fresh / shard.dir):
                    digests[shard.number] = shard.digest
                else:
                    stale.append(shard)
            if stale and self.background:
                for shard in stale:  # the old index answers until the new one is ready
                    previous = old_shards.get(str(shard.number))
                    if previous and self.adopt(current / shard.dir, fresh / shard.dir):
                        digests[shard.number] = previous["digest"]
        if stale and not self.background:
            run_shards(fresh, stale, self.workers)
            digests.update((shard.number, shard.digest) for shard in stale)
        write_manifest(fresh, shards, digests, hashes)
        write_shard_list(fresh / MAIN_DIR, shards)
        if stale and self.background:
            self._schedule(fresh, current, stale, shards)
        self.last = {"shards": len(shards), "reused": len(shards) - len(stale),
                     "indexed": 0 if self.background else len(stale), "deferred": len(stale) if self.background else 0}

    def adopt(self, source: Path, target: Path) -> bool:
        """Carry a shard of the current site into the fresh one. A build hard-links it, so a build
        that fails later leaves the current site whole; the preview moves it (one rename instead of
        a link per file: 0.4 s at 10,000 pages), since its site is replaced a moment later."""
        if not self.background:
            return link_tree(source, target)
        try:
            os.rename(source, target)
            return True
        except OSError:
            return link_tree(source, target)

    # --- background mode (preview server) ----------------------------------------------------

    def _schedule(self, fresh: Path, out: Path, stale: list[Shard], shards: list[Shard]) -> None:
        with self._wanted:
            self._pending = (fresh.stat().st_ino, out, stale, shards)
            self._wanted.notify()
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="search-index", daemon=True)
                self._thread.start()

    def stop(self) -> None:
        """Give up background indexing (the preview is stopping): shards not yet started are skipped
        and the Pagefind processes at work are ended (a shard of 1,000 pages takes seconds, and
        the process waits for its indexing threads before it exits); the old index stays."""
        self.stopping.set()
        PagefindService.end_all()

    def wait(self, timeout: float = 120.0) -> bool:
        """Block until no background indexing is pending or running (for tests); False on timeout."""
        with self._wanted:
            return self._wanted.wait_for(lambda: self._pending is None and not self._busy, timeout)

    def _work(self) -> None:
        while True:
            with self._wanted:
                self._wanted.wait_for(lambda: self._pending is not None)
                inode, out, stale, shards = self._pending
                self._pending = None
                self._busy = True
            try:
                self._refresh(inode, out, stale, shards)
            except Exception as error:  # the next build schedules another try; the site keeps its old index
                if not self.stopping.is_set():  # else it is the indexer stop() ended
                    print(f"dossier: search index not updated: {error}", file=sys.stderr)
            finally:
                with self._wanted:
                    self._busy = False
                    self._wanted.notify_all()

    def _refresh(self, inode: int, out: Path, stale: list[Shard], shards: list[Shard]) -> None:
        """Wait for the site made with `inode` to be swapped in at `out`, index its stale shards
        beside it, then swap each new shard in, unless a newer site has replaced it meanwhile."""
        if not wait_for_inode(out, inode):
            return
        token = secrets.token_hex(4)
        outputs = {shard.number: f".{shard.dir}.next-{token}" for shard in stale}
        try:
            run_shards(out, stale, self.workers, outputs, cancelled=self.stopping.is_set, yielding=True)
            if self.stopping.is_set():
                return
            if 0 in outputs:
                write_shard_list(out / outputs[0], shards)
            with self.lock:
                try:
                    if out.stat().st_ino != inode:
                        return
                except OSError:
                    return
                manifest = read_manifest(out) or {"version": INDEX_VERSION, "shards": {}, "files": {}}
                for shard in stale:
                    replace_dir(out / outputs[shard.number], out / shard.dir)
                    manifest.setdefault("shards", {})[str(shard.number)] = {"dir": shard.dir, "digest": shard.digest}
                write_json_atomic(out / MANIFEST, manifest)
        finally:
            for name in outputs.values():
                shutil.rmtree(out / name, ignore_errors=True)


# --- planning: which pages go in which shard, and what each shard is made from ------------------

def plan(site: Path, current: Path, old: dict) -> tuple[list[Shard], dict[str, list]]:
    """The shards of `site` with their digests, and {path: [hash, indexed]} of every HTML file.
    A page that is a hard link of the current site's (the builder links unchanged pages) keeps the
    hash recorded last time, so an unchanged site of 10,000 pages is planned without reading them."""
    known = old.get("files", {})
    before = html_inodes(current) if known else {}
    hashes: dict[str, list] = {}
    for relative, inode in sorted(html_inodes(site).items()):
        entry = known.get(relative)
        if entry is None or before.get(relative) != inode:
            data = (site / relative).read_bytes()
            entry = [hashlib.blake2b(data, digest_size=12).hexdigest(), BODY_MARK in data]
        hashes[relative] = entry
    pages = [p for p, (_, indexed) in hashes.items() if indexed]
    count = max(1, -(-len(pages) // ARTICLES_PER_SHARD))
    shards = [Shard(n) for n in range(count)]
    for page in pages:
        shards[shard_of(page, count)].pages.append(page)
    for shard in shards:
        digest = hashlib.blake2b(digest_size=16)
        digest.update(f"{INDEX_VERSION} {pagefind_version()} {count}\n".encode())
        for page in shard.pages:
            digest.update(f"{page} {hashes[page][0]}\n".encode())
        if shard.number == 0:
            digest.update(read_or_empty(site / RECORDS))
        shard.digest = digest.hexdigest()
    return shards, hashes


def shard_of(page: str, count: int) -> int:
    """A page's shard: stable while the number of shards stays the same."""
    if count == 1:
        return 0
    return int.from_bytes(hashlib.blake2b(page.encode(), digest_size=4).digest(), "big") % count


def html_inodes(root: Path) -> dict[str, int]:
    """{site-relative path: inode} of every HTML page outside the search bundles: os.scandir gives
    inodes without a stat call, which keeps this at tens of milliseconds for 10,000 pages."""
    found: dict[str, int] = {}
    pending = [("", str(root))]
    while pending:
        prefix, folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if not prefix and (entry.name == MAIN_DIR or entry.name.startswith(f"{MAIN_DIR}-") or entry.name.startswith(".")):
                    continue
                pending.append((prefix + entry.name + "/", entry.path))
            elif entry.name.endswith(".html"):
                found[prefix + entry.name] = entry.inode()
    return found


def read_or_empty(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


# --- records: topics and timeline sections, made by the build from the dossier -----------------

def records(topics: Sequence, timeline: Sequence, topic_path: Callable[[str], str]) -> list[dict]:
    """Pagefind records, but for their language, of every topic (generator.enrich.topics.Topic) and
    every section of the timeline (of enrich.events.TimelineEntry). The build writes them to RECORDS
    in the site, where the index reads them: made from the data files instead, they took reading
    66 MB of JSON at 10,000 articles, several hundred MB as Python objects, for a few thousand."""
    found = []
    for topic in topics:
        aliases = [a for a in topic.aliases if a != topic.name]
        count = len(topic.articles)
        content = " ".join(filter(None, [
            topic.name + ".",
            f"Also written as {', '.join(aliases)}." if aliases else "",
            topic.description or "",
            f"A {topic.kind} mentioned in {count} article{'s' if count != 1 else ''}.",
        ]))
        found.append({
            "url": "/" + topic_path(topic.slug), "content": content,
            "meta": {"title": topic.name, "kind": topic.kind.capitalize()},
            "filters": {"type": ["Topic"], "topic": [topic.name]},
        })
    found.extend(timeline_records(timeline))
    return found


def timeline_records(entries: Sequence) -> list[dict]:
    """One record per section of the timeline page (a month, a year, a longer period), linking to
    its heading: Pagefind spends about a millisecond per record, and a 10,000-article dossier has
    tens of thousands of entries. Each entry gives its label and a few of its sentences; every
    sentence is in its article too, which is indexed in full."""
    sections: dict[str, dict] = {}
    for entry in entries:
        first, last = entry.first_day, entry.last_day
        if first.year != last.year:
            anchor, title = f"p{first.year}-{last.year}", entry.label
        elif first.month == last.month:
            anchor, title = f"y{first.year}-m{first.month}", f"{MONTHS[first.month - 1]} {first.year}"
        else:
            anchor, title = f"y{first.year}", str(first.year)
        section = sections.setdefault(anchor, {"title": title, "parts": [], "size": 0, "sources": set(),
                                               "year": first.year, "one_year": first.year == last.year})
        section["sources"].update(m.source_name for m in entry.mentions)
        if section["size"] > SECTION_CHARS:
            continue
        sentences = list(dict.fromkeys(m.sentence for m in entry.mentions))[:ENTRY_SENTENCES]
        text = f"{entry.label}: {' '.join(sentences)}"
        section["parts"].append(text)
        section["size"] += len(text)
    records = []
    for anchor, section in sections.items():
        filters = {"type": ["Timeline"], "source": sorted(section["sources"])}
        if section["one_year"]:
            filters["year"] = [str(section["year"])]
        records.append({
            "url": f"/timeline/index.html#{anchor}", "content": " ".join(section["parts"]),
            "meta": {"title": f"Timeline: {section['title']}", "kind": "Timeline"}, "filters": filters,
        })
    return records


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def load_json(path: Path) -> list:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []


def site_language(site: Path) -> str:
    """The two-letter language of the site's pages (Pagefind's records want ISO 639-1)."""
    head = read_or_empty(site / "index.html")[:400].decode("utf-8", "replace")
    found = re.search(r'<html[^>]*\blang="([A-Za-z]{2,3})', head)
    return found.group(1).lower() if found else "en"


# --- running Pagefind ---------------------------------------------------------------------------

def run_shards(site: Path, shards: list[Shard], workers: int, outputs: dict[int, str] | None = None,
               cancelled: Callable[[], bool] = lambda: False, yielding: bool = False) -> None:
    """Index each shard of `site` into site/<its dir> (or site/outputs[n]), two at a time; shards
    not started when `cancelled()` turns true are skipped (the pool's threads are waited for at exit)."""
    language = site_language(site)
    extra = [{**record, "language": language} for record in load_json(site / RECORDS)]
    outputs = outputs or {}

    def one(shard: Shard) -> None:
        if cancelled():
            return
        output = site / outputs.get(shard.number, shard.dir)
        index_shard(site, shard.pages, extra if shard.number == 0 else [], output, yielding)

    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(shards)))) as pool:
        for future in [pool.submit(one, shard) for shard in shards]:
            future.result()


def index_shard(site: Path, pages: list[str], extra: list[dict], output: Path, yielding: bool = False) -> None:
    """One Pagefind service: the shard's pages (hard-linked into a folder of their own, so Pagefind
    reads them itself), the extra records, written to `output`."""
    # Named like the builder's own temporary folders, so an interrupted build's leftovers are removed.
    staging = site.with_name(f"{site.name}.new-search-{secrets.token_hex(4)}")
    try:
        for page in pages:
            target = staging / page
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site / page, target)
            except OSError:
                shutil.copyfile(site / page, target)
        staging.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(output, ignore_errors=True)
        with PagefindService(yielding) as service:
            index = service.call({"type": "NewIndex", "config": {"keep_index_url": True}})["index_id"]
            requests = [{"type": "AddDir", "index_id": index, "path": str(staging)}]
            requests += [{"type": "AddRecord", "index_id": index, "sort": None, **record} for record in extra]
            service.call_all(requests)
            service.call({"type": "WriteFiles", "index_id": index, "output_path": str(output)})
    finally:
        shutil.rmtree(staging, ignore_errors=True)


class PagefindService:
    """Pagefind's `--service` protocol (base64 JSON messages ending in ','), spoken directly: the
    Python wrapper of pagefind 1.5 reads one answer per 0.1 s, which made 1,000 records take 100 s."""

    running: set[subprocess.Popen] = set()  # the services at work in this process
    running_lock = threading.Lock()

    def __init__(self, yielding: bool = False):
        # The preview indexes in the background while the editor goes on saving: at the lowest
        # CPU priority, its Pagefind leaves both cores to the next rebuild (a shard of 1,000 pages
        # is seconds of work on both cores, and took them from the rebuild the editor waits for).
        self.yielding = yielding

    @classmethod
    def end_all(cls) -> None:
        """End every service at work: each caller then sees the indexer stop and gives up."""
        with cls.running_lock:
            for process in cls.running:
                process.kill()

    def __enter__(self) -> "PagefindService":
        try:
            from pagefind.service import get_executable
        except ImportError:
            get_executable = None
        binary = get_executable() if get_executable else shutil.which("pagefind")
        if binary is None:
            raise ProblemError(Problem("requirements.txt", None, "Pagefind is not installed, so the site has no search index",
                                       "install the pinned requirements (make build does)"))
        command = [str(binary), "--service"]
        nice = shutil.which("nice") if self.yielding else None
        self.process = subprocess.Popen([nice, "-n", "19", *command] if nice else command, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        with self.running_lock:
            self.running.add(self.process)
        self.reader = CommaReader(self.process.stdout)
        self.next_id = 0
        return self

    def __exit__(self, *exc) -> None:
        with self.running_lock:
            self.running.discard(self.process)
        try:
            self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def call(self, payload: dict) -> dict:
        return self.call_all([payload])[0]

    def call_all(self, payloads: list[dict]) -> list[dict]:
        """Send every request, read every answer (a writer thread keeps both pipes moving)."""
        first = self.next_id
        self.next_id += len(payloads)
        errors: list[BaseException] = []

        def write() -> None:
            try:
                for offset, payload in enumerate(payloads):
                    message = json.dumps({"message_id": first + offset, "payload": payload}).encode()
                    self.process.stdin.write(base64.b64encode(message) + b",")
                self.process.stdin.flush()
            except BaseException as error:  # the reader reports the service's own error first
                errors.append(error)

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        answers: dict[int, dict] = {}
        while len(answers) < len(payloads):
            raw = self.reader.next()
            if raw is None:
                writer.join(timeout=1)
                detail = f" ({errors[0]})" if errors else ""
                raise ProblemError(Problem("pagefind", None, f"the search indexer stopped unexpectedly{detail}",
                                           "run the build again; if it persists, reinstall requirements"))
            answer = json.loads(base64.b64decode(raw))
            payload = answer.get("payload", {})
            if payload.get("type") == "Error":
                raise ProblemError(Problem("pagefind", None, f"search indexing failed: {payload.get('message')}",
                                           "check the page named in the message"))
            answers[answer.get("message_id")] = payload
        writer.join()
        return [answers[first + offset] for offset in range(len(payloads))]


class CommaReader:
    """Messages from a pipe, each ending in ',' (base64 never contains one)."""

    def __init__(self, stream):
        self.stream = stream
        self.buffer = b""

    def next(self) -> bytes | None:
        while True:
            end = self.buffer.find(b",")
            if end >= 0:
                message, self.buffer = self.buffer[:end], self.buffer[end + 1:]
                return message
            block = self.stream.read1(1 << 16)
            if not block:
                return None
            self.buffer += block


def pagefind_version() -> str:
    try:
        from importlib.metadata import version
        return version("pagefind_bin")
    except Exception:
        return "unknown"


# --- files ----------------------------------------------------------------------------------

def link_tree(source: Path, target: Path) -> bool:
    """Hard-link every file of `source` into `target` (copy where linking fails); False if no source."""
    if not source.is_dir():
        return False
    for folder, _, files in os.walk(source):
        relative = Path(folder).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in files:
            try:
                os.link(Path(folder) / name, target / relative / name)
            except OSError:
                shutil.copy2(Path(folder) / name, target / relative / name)
    return True


def replace_dir(new: Path, old: Path) -> None:
    """Put `new` where `old` is, in one rename where the system can exchange folders."""
    from .output import exchange

    if old.exists() and exchange(new, old):
        shutil.rmtree(new, ignore_errors=True)
        return
    if old.exists():
        shutil.rmtree(old)
    os.rename(new, old)


def wait_for_inode(path: Path, inode: int, timeout: float = 60.0) -> bool:
    """True once the folder at `path` is the one with `inode` (the fresh site was swapped in)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if path.stat().st_ino == inode:
                return True
        except OSError:
            pass
        time.sleep(0.02)
    return False


def read_manifest(site: Path) -> dict:
    try:
        found = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if found.get("version") == INDEX_VERSION else {}


def write_manifest(site: Path, shards: list[Shard], digests: dict[int, str], hashes: dict) -> None:
    info = {str(s.number): {"dir": s.dir, "digest": digests[s.number]} for s in shards if s.number in digests}
    write_json_atomic(site / MANIFEST, {"version": INDEX_VERSION, "shards": info, "files": hashes})


def write_shard_list(folder: Path, shards: list[Shard]) -> None:
    """pagefind/dossier-shards.json: the shard folders the search page merges with the main one."""
    folder.mkdir(parents=True, exist_ok=True)
    write_json_atomic(folder / SHARDS_FILE, {"shards": [s.dir for s in shards if s.number]})


def write_json_atomic(path: Path, data) -> None:
    """Write through a new file, never into one that may be a hard link of the previous site's."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    os.replace(temporary, path)
