"""Load: read article and page files into RawArticle / Page, with front matter validated.

Files are decoded as UTF-8 (a BOM is dropped), CRLF and lone CR become \\n, and a `---` YAML block
at the top is front matter. Every problem names the file and line and says how to fix it.
"""
from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from . import schema as s
from .model import FrontMatter, RawArticle
from .problems import Problem, ProblemError, Problems
from .yamlload import YamlError, key_lines, load_yaml

ARTICLE_SUFFIXES = (".txt", ".md")
MAX_FILE_BYTES = 64 * 1024 * 1024
FENCE = re.compile(r"^---[ \t]*$")
FENCE_END = re.compile(r"^(---|\.\.\.)[ \t]*$")

FRONT_MATTER = s.Section(
    {
        "title": s.Field(s.text, doc="the headline; otherwise taken from the text"),
        "date": s.Field(s.iso_date, doc="publication date, YYYY-MM-DD (or ISO date and time)"),
        "source": s.Field(s.text, doc="the outlet: a key of site.yaml `sources`, or its name"),
        "author": s.Field(s.text, doc="the byline; otherwise taken from the text"),
        "url": s.Field(s.http_url, doc="where the article was published"),
        "slug": s.Field(lambda v: _slug_value(v), doc="the page's file name; otherwise made from the title"),
        "draft": s.Field(s.boolean, default=False, doc="true leaves the article out of the site"),
    }
)


@dataclass(frozen=True)
class Page:
    """A hand-written page from content/pages/*.md (about, methods...)."""

    file: str
    slug: str
    title: str
    markdown: str


def _slug_value(value) -> str:
    slug = s.text(value)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) or len(slug) > 100:
        raise s.Invalid(f"expected lowercase letters, digits and single hyphens (like my-article), got {s.describe(value)}")
    return slug


def shown_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def decode(data: bytes, shown: str) -> str:
    """Bytes to text with \\n line ends; ProblemError for binary or non-UTF-8 data."""
    if b"\x00" in data[:8192]:
        raise ProblemError(Problem(shown, None, "binary data, not text", "remove the file or save it as UTF-8 text"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ProblemError(
            Problem(shown, line, f"not valid UTF-8 (byte 0x{data[error.start]:02x})", "re-save the file as UTF-8")
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class Split:
    front: dict  # the front matter mapping ({} when there is none)
    key_lines: dict  # key path -> line in the file
    body_offset: int
    body_first_line: int


def split_front_matter(text: str, shown: str) -> Split:
    """Separate the `---` YAML block at the top of a decoded file from its body."""
    if not FENCE.match(text.split("\n", 1)[0]):
        return Split({}, {}, 0, 1)
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if FENCE_END.match(lines[index]):
            break
    else:
        raise ProblemError(
            Problem(shown, 1, "front matter opened with '---' is never closed", "add a '---' line after its last key")
        )
    block = "\n".join(lines[1:index])
    try:
        data = load_yaml(block)
    except YamlError as error:
        line = error.line + 1 if error.line else 2
        raise ProblemError(
            Problem(shown, line, f"front matter is {error.message}", "fix the line or remove the --- block")
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ProblemError(
            Problem(shown, 2, f"front matter must be 'key: value' lines, got {s.describe(data)}", "write e.g. 'date: 2021-12-23'")
        )
    offset = sum(len(line) + 1 for line in lines[: index + 1])
    lines_in_file = {path: line + 1 for path, line in key_lines(block).items()}
    return Split(data, lines_in_file, min(offset, len(text)), index + 2)


def parse_front_matter(split: Split, shown: str, zone, problems: Problems) -> FrontMatter:
    """Validate front matter keys; errors raise ProblemError, unknown keys are warnings."""
    values, found = s.validate(FRONT_MATTER, split.front)

    def line_of(path) -> int:
        return split.key_lines.get(path[:1], 2)

    for path, message in found.warnings:
        problems.warn(shown, line_of(path), f"front matter {message}")
    if found.errors:
        path, message = found.errors[0]
        raise ProblemError(
            Problem(shown, line_of(path), f"front matter '{s.path_text(path)}': {message}", "correct or remove the key")
        )
    date = values["date"]
    if isinstance(date, datetime.datetime):
        date = (date.astimezone(zone) if date.tzinfo else date).date()
    return FrontMatter(
        title=values["title"] or None,
        date=date,
        source=values["source"] or None,
        author=values["author"] or None,
        url=values["url"] or None,
        slug=values["slug"],
        draft=values["draft"],
    )


def read_article(path: Path, root: Path, zone, problems: Problems) -> RawArticle:
    """One article file; ProblemError when it cannot be used."""
    shown = shown_path(path, root)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ProblemError(
                Problem(shown, None, f"file is {size // 2**20} MiB, over the {MAX_FILE_BYTES // 2**20} MiB limit", "split it")
            )
        data = path.read_bytes()
    except OSError as error:
        raise ProblemError(Problem(shown, None, f"cannot read it ({error.strerror})", "check its permissions")) from None
    text = decode(data, shown)
    split = split_front_matter(text, shown)
    meta = parse_front_matter(split, shown, zone, problems)
    return RawArticle(
        file=shown,
        body=text[split.body_offset :],
        body_offset=split.body_offset,
        body_first_line=split.body_first_line,
        meta=meta,
        digest=hashlib.blake2b(data, digest_size=16).hexdigest(),
    )


def is_content_file(path: Path, suffixes: tuple[str, ...]) -> bool:
    """Skip hidden files and editors' temporaries (.x.swp, x~, #x#)."""
    name = path.name
    return (
        path.suffix.lower() in suffixes
        and not name.startswith((".", "#", "~"))
        and not name.endswith("~")
        and path.is_file()
    )


def find_files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.rglob("*") if is_content_file(p, suffixes)), key=lambda p: p.as_posix())


def load_articles(content_dir: Path, root: Path, zone, problems: Problems) -> list[RawArticle]:
    """Every readable article under content/articles; each bad one reported and skipped."""
    articles = []
    for path in find_files(content_dir / "articles", ARTICLE_SUFFIXES):
        try:
            raw = read_article(path, root, zone, problems)
        except ProblemError as error:
            problems.add(error.problem)
            continue
        if not raw.meta.draft:
            articles.append(raw)
    return articles


def load_pages(content_dir: Path, root: Path, problems: Problems) -> list[Page]:
    """Markdown pages under content/pages; title from front matter or the first '# ' heading."""
    pages = []
    for path in find_files(content_dir / "pages", (".md",)):
        shown = shown_path(path, root)
        try:
            text = decode(path.read_bytes(), shown)
            split = split_front_matter(text, shown)
        except ProblemError as error:
            problems.add(error.problem)
            continue
        except OSError as error:
            problems.error(shown, None, f"cannot read it ({error.strerror})", "check its permissions")
            continue
        body, front = text[split.body_offset :], split.front
        heading = re.search(r"^#\s+(.+)$", body, re.M)
        title = str(front.get("title") or (heading.group(1).strip() if heading else path.stem.replace("-", " ").title()))
        slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "page"
        pages.append(Page(shown, slug, title, body))
    return pages
