"""The pipeline, end to end: load -> clean -> enrich -> assemble -> render -> write.

A Builder remembers what it made, so a rebuild re-reads only files whose size or time changed,
re-cleans only articles whose text (or outlet template, or overrides) changed, re-renders only
pages whose inputs or templates changed, and writes only files whose bytes changed. Every build
still produces a complete site in a fresh folder swapped in at the end.
"""
from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import jinja2

from .clean import clean_article, outlet_templates
from .config import Config, load_config
from .datafiles import JsonParts, data_parts
from .content import ARTICLE_SUFFIXES, find_files, load_pages, read_article
from .diskcache import DiskCache, stable_key, stable_key_or_none
from .enrichment import enrich
from .feeds import feed_files, topic_feed, topic_feed_key, topic_feed_path
from .model import CleanArticle, RawArticle
from .output import FreshSite, check_output_dir, read_manifest, remove_leftovers
from .enrich.events import TimelineEntry
from .pages import data_files, page_specs, topic_path
from .pictures import Axis
from .parallel import Memo, map_and_store, parallel_map, parallel_results, use_memo
from .problems import Problem, ProblemError, Problems
from .progress import Progress
from .search import RECORDS as SEARCH_RECORDS, SearchIndex, records as search_records
from .render import PageSpec, json_bytes, make_environment, markdown_to_html, render_page, template_closure
from .site import Article, Dossier, assemble

CODE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class BuildResult:
    out: Path
    articles: int
    pages: int  # files in the site
    written: int  # files whose bytes changed
    problems: Problems
    seconds: float
    base_path: str = "/"
    dossier: Dossier | None = None  # None when nothing had changed and no work was done

    def summary(self) -> str:
        p = self.problems
        if self.dossier is None:
            return (
                f"dossier: nothing changed since the last build: {self.articles} articles, {self.pages} pages, "
                f"{len(p.warnings)} warnings, {len(p.errors)} errors in {self.seconds:.2f} s"
            )
        return (
            f"dossier: built {self.articles} articles, {self.written} pages written ({self.pages} in the site), "
            f"{len(p.warnings)} warnings, {len(p.errors)} errors in {self.seconds:.2f} s"
        )


@dataclass
class BuildCache:
    """What one build leaves for the next: file reads, cleaning results, rendered pages, written bytes."""

    reads: dict[Path, tuple] = field(default_factory=dict)  # path -> (stat key, RawArticle | ProblemError, warnings)
    cleaned: dict[tuple, CleanArticle] = field(default_factory=dict)
    line_sets: dict[str, frozenset[str]] = field(default_factory=dict)  # an article's digest -> its distinct lines
    config: Config | None = None  # the settings the articles below were made with
    articles: dict[int, tuple] = field(default_factory=dict)  # see site.assemble
    made_from: dict[str, Any] = field(default_factory=dict)  # path -> what its file was made from (see render)
    made_keys: dict[str, bytes] = field(default_factory=dict)  # path -> stable_key of that, also in the site's marker
    site: dict[str, bytes] = field(default_factory=dict)  # the last site written: path -> digest of its bytes


class Builder:
    def __init__(
        self,
        config_path: Path,
        out: Path | None = None,
        *,
        base_path: str | None = None,
        strict: bool = False,
        progress: Progress | None = None,
    ):
        self.config_path = Path(config_path)
        self.out = Path(out) if out else None
        self.base_path = base_path
        self.strict = strict
        self.progress = progress or Progress(quiet=True)
        self.cache = BuildCache()
        # Runs on the complete fresh site folder before it is swapped in (e.g. to index it for search).
        self.finish: Callable[[Path, Path], None] | None = SearchIndex()
        self._env: tuple[Path, jinja2.Environment] | None = None
        self.template_keys: dict[str, tuple] = {}  # template name -> its last template_key
        self.render_keys: dict[tuple, tuple] = {}  # (template, absolute links) -> what its pages were made with
        self.json_parts: JsonParts | None = None  # the data files' records as JSON, kept by a preview
        self.remove_old_site: Callable[[Path], None] = shutil.rmtree  # the preview removes it in the background
        self.code_version = code_fingerprint()
        # Per-article enrichment results kept between builds; the preview server sets one.
        self.memo: Memo | None = None
        self.disk: DiskCache | None = None  # the results kept on disk, while a build uses them

    def build(self) -> BuildResult:
        """Build the whole site. Fatal problems (config, templates, output folder) raise ProblemError
        and leave the previous site untouched; problems with single articles are collected instead."""
        # A build makes millions of objects that live until it ends, and the cyclic garbage
        # collector's full passes would walk them over and over: 12 s of an 88 s build at 10,000
        # articles, 4-7 s of a preview rebuild. Young objects are still collected.
        thresholds = gc.get_threshold()
        gc.set_threshold(thresholds[0], thresholds[1], 1 << 30)  # the young generations only
        try:
            return self.build_uncollected()
        finally:
            gc.set_threshold(*thresholds)

    def build_uncollected(self) -> BuildResult:
        progress = self.progress
        progress.restart()
        config = load_config(self.config_path, strict=self.strict, base_path=self.base_path)
        target = check_output_dir(self.out or config.root / "build", config.root, protected_dirs(config))
        inputs = self.input_fingerprint(config, target)
        if not self.cache.site:
            unchanged = self.unchanged_since_last_build(target, inputs, config)
            if unchanged:
                return unchanged
        # A build that starts with nothing in memory (every `make build`, the preview's first) reads
        # and adds to the results kept on disk; the preview's later builds keep theirs in memory.
        self.disk = DiskCache.open(config.root, self.code_version) if not self.cache.cleaned else None
        # without the preview's memo, one that only passes results between the disk and this build
        memo = self.memo if self.memo is not None else Memo(keep=False)
        memo.disk = self.disk
        use_memo(memo)
        memo.start()
        try:
            result = self.build_from(config, target, inputs)
        except BaseException:
            self.stop_using_disk(memo, succeeded=False)
            raise
        self.stop_using_disk(memo, succeeded=True)
        memo.finish()
        return result

    def stop_using_disk(self, memo: Memo, succeeded: bool) -> None:
        memo.disk = None
        if self.memo is None:
            use_memo(None)
        if self.disk is not None:
            self.disk.finish(succeeded)
            self.disk = None

    def build_from(self, config: Config, target: Path, inputs: str) -> BuildResult:
        progress = self.progress
        problems = Problems(list(config.warnings))
        raws = self.load_articles(config, problems)
        pages = load_pages(config.content_dir, config.root, problems)
        cleaned = self.clean(config, list(progress.stage("cleaning", raws)))
        if config != self.cache.config:
            self.cache.config, self.cache.articles = config, {}
        dossier = assemble(config, cleaned, pages, problems, self.cache.articles)
        del raws, cleaned
        if self.memo is None:
            self.forget_articles()
        dossier = enrich(dossier)

        if not self.cache.site:  # a new process: what made each file of the current site, as its marker says
            self.cache.site, self.cache.made_keys = read_digests(target)
        site = FreshSite(target, self.cache.site)
        try:
            files, written, made_keys = self.render(config, dossier, site)
            record = {"inputs": inputs, "articles": len(dossier.articles), "problems": [vars(p) for p in problems.items],
                      "digests": {path: [digest.hex(), made_keys.get(path, b"").hex()] for path, digest in files.items()}}
            site.publish(config.static_dir, list(files), self.finish, record, self.remove_old_site)
        except BaseException:
            site.discard()
            # the render cache may describe pages that never reached the site: start afresh next time
            self.cache.made_from, self.cache.made_keys, self.cache.site = {}, {}, {}
            raise
        self.cache.site = files
        self.cache.made_keys = made_keys
        return BuildResult(
            target, len(dossier.articles), len(files), written, problems, progress.elapsed(), config.base_path, dossier
        )

    def forget_articles(self) -> None:
        """Drop the files read and their cleaning once the dossier is assembled, in a build that keeps
        nothing for a next one (`make build`): the dossier holds each article's kept and removed
        lines, and nothing reads the text they were cut from again (12 MB at 1,000 articles).
        A next build of this Builder reads and cleans every article again, from the disk cache."""
        self.cache.reads, self.cache.cleaned, self.cache.articles = {}, {}, {}

    def input_fingerprint(self, config: Config, target: Path) -> str:
        """A digest of everything a build reads: settings, the generator's code, and the name,
        size and time of every file under content/, templates/ and static/."""
        digest = hashlib.blake2b(digest_size=16)
        digest.update(repr((self.code_version, str(target), config.base_path, self.strict)).encode())
        digest.update(self.config_path.read_bytes())
        for folder in (config.content_dir, config.templates_dir, config.static_dir):
            for path, stat in walk_files(folder):
                digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def unchanged_since_last_build(self, target: Path, inputs: str, config: Config) -> BuildResult | None:
        """The last build's result when nothing it read has changed since (`make build` twice)."""
        manifest = read_manifest(target)
        if manifest.get("inputs") != inputs:
            return None
        remove_leftovers(target)  # a build killed after its swap leaves the previous site beside this one
        problems = Problems([Problem(**p) for p in manifest.get("problems", [])])
        files = manifest.get("files", [])
        return BuildResult(target, manifest.get("articles", 0), len(files), 0, problems, self.progress.elapsed(), config.base_path)

    def load_articles(self, config: Config, problems: Problems) -> list[RawArticle]:
        """Every article file; one whose size and modification time are unchanged is not re-read
        (its warnings are repeated). A file that could not be read is tried again every build."""
        found = []
        for path in find_files(config.content_dir / "articles", ARTICLE_SUFFIXES):
            try:
                stat = path.stat()
            except OSError:
                continue  # deleted while we looked
            found.append((path, (str(config.root), stat.st_mtime_ns, stat.st_size, stat.st_ino, config.timezone)))
        known = {path: cached for path, key in found
                 if (cached := self.cache.reads.get(path)) and cached[0] == key and not isinstance(cached[1], ProblemError)}
        on_disk = {path: stable_key(("read", str(path), key)) for path, key in found if path not in known} if self.disk else {}
        stored = self.disk.recall(on_disk) if self.disk else {}
        reads, made, raws = {}, {}, []
        for path, key in found:
            if path in known:
                result, warnings = known[path][1:]
            elif path in stored:
                result, warnings = stored[path]
            else:
                result, warnings = read_one(path, config)
                if path in on_disk and not isinstance(result, ProblemError):
                    made[on_disk[path]] = (result, warnings)
            reads[path] = (key, result, warnings)
            problems.items.extend(warnings)
            if isinstance(result, ProblemError):
                problems.add(result.problem)
            elif not result.meta.draft:
                raws.append(result)
        if self.disk is not None:
            self.disk.put_many(made)
        self.cache.reads = reads
        return raws

    def clean(self, config: Config, raws: list[RawArticle]) -> list[CleanArticle]:
        """Clean each article, reusing the result for unchanged text, template and overrides."""
        # A preview keeps each article's lines for its next build; `make build` has no next build
        # to keep them for (9 MB at 1,000 articles).
        line_sets = None
        if self.memo is not None:
            line_sets = {digest: lines for raw in raws if (lines := self.cache.line_sets.get(digest := raw.digest))}
            self.cache.line_sets = line_sets  # this build's articles only, filled by outlet_templates
        templates = outlet_templates(raws, line_sets=line_sets)
        OUTLET_TEMPLATES.clear()
        OUTLET_TEMPLATES.update(templates)  # read by the forked workers, not sent to each of them
        keys, work = [], []
        for raw in raws:
            overrides = config.overrides_for(raw)
            keys.append((raw.file, raw.digest, raw.meta, overrides_key(overrides), template_of(raw), self.code_version))
            work.append((raw, overrides))
        missing = [i for i, key in enumerate(keys) if key not in self.cache.cleaned]
        on_disk = {i: stable_key(("clean", keys[i])) for i in missing} if self.disk else {}
        stored = self.disk.recall(on_disk) if self.disk else {}
        done = {keys[i]: dataclasses.replace(result, raw=work[i][0]) for i, result in stored.items()}
        missing = [i for i in missing if keys[i] not in done]
        # Workers send back the cleaning without the raw article, which the parent already holds.
        results = map_and_store(clean_one, [work[i] for i in missing], self.disk, [on_disk[i] for i in missing if i in on_disk])
        done.update((keys[i], dataclasses.replace(result, raw=work[i][0])) for i, result in zip(missing, results))
        fresh = {key: self.cache.cleaned[key] if key in self.cache.cleaned else done[key] for key in keys}
        self.cache.cleaned = fresh
        return [fresh[key] for key in keys]

    def render(self, config: Config, dossier: Dossier, site: FreshSite) -> tuple[dict[str, bytes], int, dict[str, bytes]]:
        """Put every page, data file and feed into `site`: pages whose template files and context are
        those of the last build are carried over, the others rendered (over both cores when there are
        many). Returns the digest of every file by output path, how many files were written, and the
        stable_key of what each page and topic feed was made from (for the next process)."""
        env = self.environment(config)
        specs = page_specs(dossier)
        template_keys = {name: template_key(env, name, config.templates_dir, self.template_keys) for name in {s.template for s in specs}}
        keys = {(s.template, s.absolute_links): (s.template, template_keys[s.template], config, dossier.pages, s.absolute_links)
                for s in specs}
        # The last build's key object where it is equal, so that comparing each page's inputs with
        # the last build's stops at its identity instead of comparing the settings once per page.
        keys = {name: last if (last := self.render_keys.get(name)) == key else key for name, key in keys.items()}
        self.render_keys = keys
        # What a new process compares, the pages' inputs digested: the generator's code is part of it.
        key_digests = {name: stable_key((self.code_version, key)) for name, key in keys.items()}
        shared: dict = {}  # each article (timeline entry, axis) digested once, however many pages show it
        RENDERING.update(key_digests=key_digests, digests=shared)  # read by made_key, here and in workers
        try:
            page_keys = self.new_process_page_keys(specs) if not self.cache.made_from else {}
            made_from, made_keys, files, todo, written = {}, {}, {}, [], 0
            for spec in specs:
                key = keys[spec.template, spec.absolute_links]
                made_from[spec.path] = (key, spec.context)
                digest = lambda: page_keys[spec.path] if spec.path in page_keys else made_key(spec)
                if spec.always or not self.carry_over(spec.path, (key, spec.context), digest, site, files, made_keys):
                    todo.append(spec)
            for name in template_keys:
                env.get_template(name)  # compiled once here, before any worker is forked
            RENDERING.update(env=env, shared={"site": config, "nav_pages": dossier.pages}, specs=todo, site=site)
            results = parallel_results(render_into_site, range(len(todo)))
            for spec, (digest, changed, made) in zip(todo, self.progress.stage("rendering", results, total=len(todo))):
                files[spec.path] = digest
                written += changed
                if made is not None:
                    made_keys[spec.path] = made
        finally:
            RENDERING.clear()
        pages = [path for path in files if path.endswith(".html")]
        entries: dict = {}  # feed entries, shared by the feeds of this build
        for path, data in data_files(dossier).items():  # each written as it is made, like the pages
            files[path], changed = self.put_data(site, path, data)
            written += changed
        records = search_records(dossier.topics, dossier.timeline, topic_path)
        files[SEARCH_RECORDS], changed = site.put(SEARCH_RECORDS, json_bytes(records))
        written += changed
        for path, data in feed_files(dossier, pages, entries).items():
            files[path], changed = site.put(path, data)
            written += changed
        for topic in dossier.topics:  # a thousand feeds at 10,000 articles: remade only when their articles change
            path, key = topic_feed_path(topic.slug), topic_feed_key(dossier, topic)
            made_from[path] = key
            digest = lambda: stable_key_or_none((self.code_version, key), SHARED, shared)
            if not self.carry_over(path, key, digest, site, files, made_keys):
                files[path], changed = site.put(path, topic_feed(dossier, topic.name, topic.slug, topic.articles, entries=entries))
                if (made := digest()) is not None:
                    made_keys[path] = made
                written += changed
        self.cache.made_from = made_from
        return files, written, made_keys

    def put_data(self, site: FreshSite, path: str, data: Any) -> tuple[bytes, bool]:
        """Write a data file; a preview keeps each record's JSON for its next build."""
        if self.memo is None:
            return site.put_parts(path, data_parts(data))
        if self.json_parts is None:
            self.json_parts = JsonParts()
        return site.put(path, self.json_parts.file_bytes(path, data))

    def new_process_page_keys(self, specs: list[PageSpec]) -> dict[str, bytes | None]:
        """made_key of every page the current site's marker has one for, worked out on both cores:
        in a new process every page is compared by digest (11 s of work at 10,000 articles)."""
        wanted = [spec for spec in specs if not spec.always and spec.path in self.cache.made_keys]
        RENDERING["specs"] = wanted
        return {spec.path: key for spec, key in zip(wanted, parallel_map(made_key_of, range(len(wanted))))}

    def carry_over(self, path: str, made_from: Any, digest: Callable[[], bytes], site: FreshSite,
                   files: dict[str, bytes], made_keys: dict[str, bytes]) -> bool:
        """Keep the current site's file at `path` when the last build made it from what this one
        would (`made_from`): compared as objects when this process made it, else as digests
        (`digest()`, stable_key) with the one the site's marker records. Records the kept file's
        digest in `files` and what it was made from in `made_keys`; False: make it again."""
        old_key = self.cache.made_keys.get(path)
        if path in self.cache.made_from:
            same = self.cache.made_from[path] == made_from
        elif old_key:
            same = digest() == old_key  # None (no digest) never equals one
        else:
            return False
        if not same or not site.keep(path):
            return False
        files[path] = self.cache.site[path]
        if old_key:
            made_keys[path] = old_key
        return True

    def environment(self, config: Config) -> jinja2.Environment:
        """One Jinja environment per templates folder: compiled templates are kept between builds
        (Jinja recompiles a template when its file changes)."""
        if self._env is None or self._env[0] != config.templates_dir:
            env = make_environment(config.templates_dir)
            env.filters["markdown"] = markdown_to_html
            self._env = (config.templates_dir, env)
        return self._env[1]


def build_site(
    config_path: Path,
    out: Path | None = None,
    *,
    base_path: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
) -> BuildResult:
    """One build, nothing remembered: what `python -m generator build` runs."""
    return Builder(config_path, out, base_path=base_path, strict=strict, progress=progress).build()


OUTLET_TEMPLATES: dict[str, frozenset[str]] = {}  # set before cleaning workers are forked
# What many pages show, digested once per build (or per render worker) when telling pages apart.
SHARED = (Article, Axis, TimelineEntry)
RENDERING: dict[str, Any] = {}  # what render workers share: env, shared context, specs, site; set before forking


def template_of(raw: RawArticle) -> frozenset[str]:
    """The lines the article's outlet repeats across its articles (none for an unnamed outlet)."""
    return OUTLET_TEMPLATES.get(raw.meta.source, frozenset()) if raw.meta.source is not None else frozenset()


def read_one(path: Path, config: Config) -> tuple[RawArticle | ProblemError, list[Problem]]:
    """An article file read, or the problem that stopped it; and the warnings reading it gave."""
    warnings = Problems()
    try:
        return read_article(path, config.root, config.zone, warnings), warnings.items
    except ProblemError as error:
        return error, warnings.items


def clean_one(work: tuple) -> CleanArticle:
    raw, overrides = work
    return dataclasses.replace(clean_article(raw, overrides, template_of(raw)), raw=None)


def render_into_site(index: int) -> tuple[bytes, bool, bytes | None]:
    """Render RENDERING's spec number `index` and write it into the fresh site: (digest of its
    bytes, whether they were written, stable_key of what it was made from unless it is always made)."""
    spec = RENDERING["specs"][index]
    data = render_page(RENDERING["env"], spec, RENDERING["shared"]).encode("utf-8")
    return *RENDERING["site"].put(spec.path, data), None if spec.always else made_key(spec)


def made_key(spec: PageSpec) -> bytes | None:
    """The digest of what a page is made from (template, settings, code, context), as the site's
    marker records it; RENDERING holds the templates' part."""
    return stable_key_or_none((RENDERING["key_digests"][spec.template, spec.absolute_links], spec.context),
                              SHARED, RENDERING["digests"])


def made_key_of(index: int) -> bytes | None:
    return made_key(RENDERING["specs"][index])


def read_digests(site: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """From the marker of the site at `site`: the digest of each file's bytes, and of what it was made from."""
    recorded = read_manifest(site).get("digests")
    if not isinstance(recorded, dict):
        return {}, {}
    try:
        made = {path: bytes.fromhex(pair[1]) for path, pair in recorded.items() if pair[1]}
        return {path: bytes.fromhex(pair[0]) for path, pair in recorded.items()}, made
    except (TypeError, ValueError, IndexError):
        return {}, {}


def walk_files(folder: Path):
    """(path, stat) of every file below `folder`, in a stable order; nothing if it is missing."""
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            elif entry.is_file():
                yield entry.path, entry.stat()


def template_key(env: jinja2.Environment, name: str, templates_dir: Path, known: dict[str, tuple]) -> tuple:
    """The contents of a template and of every template it extends or includes. `known` holds the
    last key made for each name: while those files read the same, so does the list of what they
    include, and the templates are not parsed again (parsing them all took 0.3 s of every rebuild)."""
    last = known.get(name)
    if last is not None and all(read_or_none(templates_dir / n) == data for n, data in last):
        return last
    key = known[name] = tuple((n, (templates_dir / n).read_bytes()) for n in sorted(template_closure(env, name)))
    return key


def read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def overrides_key(overrides) -> tuple:
    return (tuple(p.pattern for p in overrides.keep), tuple(p.pattern for p in overrides.drop))


def code_fingerprint() -> str:
    """A hash of the generator's own source, so a changed cleaner never reuses stale results."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(CODE_DIR.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def protected_dirs(config: Config) -> list[Path]:
    return [config.content_dir, config.templates_dir, config.static_dir, config.root / "generator", config.root / ".git"]
