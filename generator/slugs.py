"""Slugs: safe, stable, unique file names for pages, made from titles."""
from __future__ import annotations

import re
import unicodedata

MAX_SLUG = 80
# Names Windows reserves whatever the extension: a page called con.html cannot be checked out there.
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def slugify(text: str) -> str:
    """'Putin: Russia & China!' -> 'putin-russia-china'; '' when nothing usable is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        cut = slug[:MAX_SLUG]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[MAX_SLUG // 2 :] else cut
    if slug in RESERVED:
        slug += "-page"
    return slug


def unique_slugs(wanted: list[str], fallback: str = "article") -> list[str]:
    """Make each slug unique, in the order given: the second 'x' becomes 'x-2', and so on."""
    taken: set[str] = set()
    result = []
    for slug in wanted:
        base = slug or fallback
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        result.append(candidate)
    return result
