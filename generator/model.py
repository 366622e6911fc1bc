"""The objects that travel between pipeline stages.

Plain frozen dataclasses: each stage takes some of these and returns new ones, so a stage can be
tested alone and cached by the content hash of its input.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class FrontMatter:
    """What the `---` YAML block above an article says (all optional)."""

    title: str | None = None
    date: datetime.date | None = None
    source: str | None = None
    author: str | None = None
    url: str | None = None
    slug: str | None = None
    draft: bool = False


@dataclass(frozen=True)
class RawArticle:
    """One article file as read: decoded text, front matter split off, nothing cleaned yet."""

    file: str  # path as shown to people, relative to the project (content/articles/x.txt)
    # The decoded file below the front matter: BOM removed, line ends normalised to \n. The whole
    # text is not kept: nothing reads the front matter again, and a dossier holds every article.
    body: str
    body_offset: int  # character offset of `body` in the decoded file
    body_first_line: int  # 1-based line number in the file of the body's first line
    meta: FrontMatter
    digest: str  # content hash of the file's bytes, for caches

    def body_lines(self) -> list[tuple[int, str]]:
        """(file line number, line text) for every line of the body."""
        return [(self.body_first_line + i, line) for i, line in enumerate(self.body.split("\n"))]


@dataclass(frozen=True)
class Line:
    """A kept line of an article; `number` is its line in the source file, `role` what it is."""

    number: int
    text: str
    role: str = "paragraph"  # title | dek | heading | paragraph


@dataclass(frozen=True)
class Removal:
    """A line the cleaner took out, with the rule that fired and why, for the audit view."""

    line: int
    text: str
    rule: str
    reason: str


@dataclass(frozen=True)
class CleanOverrides:
    """An editor's word over the cleaner: lines matching `keep` always stay, matching `drop` always go.

    Patterns are compiled regular expressions, searched in the stripped line text. Keep wins over drop.
    """

    keep: tuple[re.Pattern[str], ...] = ()
    drop: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class CleanMetadata:
    """Facts recovered from the noise before it was dropped."""

    title: str | None = None
    author: str | None = None
    dek: str | None = None
    credit: str | None = None


@dataclass(frozen=True)
class CleanArticle:
    raw: RawArticle
    kept: tuple[Line, ...]
    removed: tuple[Removal, ...]
    metadata: CleanMetadata = field(default_factory=CleanMetadata)
    # Lines the cleaner would have removed but an editor's keep pattern kept, with the overruled rule.
    kept_by_override: tuple[Removal, ...] = ()
