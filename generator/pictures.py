"""Pictures made at build time, as inline SVG with a text equivalent beside each: the timeline on a
time axis, and an article's place in the story (its dated events among the dossier's, and which of
its paragraphs other outlets carry too). No JavaScript; colours come from the stylesheet, so
light and dark both work.

`add_pictures(dossier, specs)` gives the timeline and article pages their pictures; an article's
picture depends only on the axis and on that article, so editing one article re-renders one page.
"""
from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, replace
from html import escape

from markupsafe import Markup

from .render import PageSpec

TRACK = 14  # px between lanes of marks
TOP = 10
LABEL_BAND = 34  # px under the marks for the band labels
MAX_LANES = 6


@dataclass(frozen=True)
class Band:
    """One stretch of the axis: a year, or a longer period ('the 1990s') drawn as one block."""

    key: str  # the id of its section on the timeline page
    label: str
    first: datetime.date
    last: datetime.date
    is_year: bool
    events: int
    x: float = 0.0
    width: float = 0.0

    def position(self, day: datetime.date) -> float:
        """x of a day inside the band (a period band is one block: its middle)."""
        if not self.is_year:
            return self.x + self.width / 2
        start = datetime.date(self.first.year, 1, 1).toordinal()
        length = datetime.date(self.first.year, 12, 31).toordinal() - start + 1
        inner = self.width - 8
        return self.x + 4 + inner * (day.toordinal() - start) / length


@dataclass(frozen=True)
class Axis:
    bands: tuple[Band, ...]
    width: float

    def band_of(self, entry) -> Band | None:
        return self._index().get(band_key(entry))

    def _index(self) -> dict:
        cache = self.__dict__.get("_by_key")
        if cache is None:
            cache = {b.key: b for b in self.bands}
            object.__setattr__(self, "_by_key", cache)
        return cache


def band_key(entry) -> str:
    """The same keys the timeline page gives its sections (generator/pages.py, timeline_groups)."""
    first, last = entry.first_day, entry.last_day
    return f"y{first.year}" if first.year == last.year else f"p{first.year}-{last.year}"


def make_axis(entries) -> Axis:
    """Bands in time order, each as wide as its label needs and wider the more events it holds:
    an ordinal axis (years far apart sit side by side), which the caption says."""
    found: dict[str, list] = {}
    for entry in entries:
        found.setdefault(band_key(entry), []).append(entry)
    bands = []
    for key, members in found.items():
        first = min(e.first_day for e in members)
        is_year = key.startswith("y")
        if is_year:
            first = datetime.date(first.year, 1, 1)
            last = datetime.date(first.year, 12, 31)
            label = str(first.year)
        else:
            last = max(e.last_day for e in members)
            label = members[0].label
        bands.append(Band(key, label, first, last, is_year, len(members)))
    bands.sort(key=lambda b: (b.first, -b.last.toordinal()))
    x, placed = 8.0, []
    for band in bands:
        label_room = 7.5 * len(band.label) + 14
        width = max(label_room, (90 + 30 * math.log2(1 + band.events)) if band.is_year else 64)
        placed.append(replace(band, x=x, width=min(width, 320)))
        x += min(width, 320) + 6
    return Axis(tuple(placed), x + 2)


def entry_span(axis: Axis, entry) -> tuple[Band, float, float] | None:
    band = axis.band_of(entry)
    if band is None:
        return None
    if not band.is_year:
        return band, band.x + 3, band.x + band.width - 3
    left = band.position(entry.first_day)
    right = band.position(entry.last_day + datetime.timedelta(days=1))
    return band, left, right


def lanes(spans: list[tuple[float, float]], gap: float = 3.0) -> list[int]:
    """Greedy lane for each (left, right) so that marks in one lane do not overlap."""
    ends: list[float] = []
    result = []
    for left, right in spans:
        for lane, end in enumerate(ends):
            if left >= end + gap:
                ends[lane] = right
                result.append(lane)
                break
        else:
            if len(ends) < MAX_LANES:
                ends.append(right)
                result.append(len(ends) - 1)
            else:  # full: share the lane that frees up first
                lane = min(range(len(ends)), key=ends.__getitem__)
                ends[lane] = max(ends[lane], right)
                result.append(lane)
    return result


def timeline_svg(axis: Axis, entries) -> Markup:
    """The whole timeline on one axis: a dot per dated day (bigger for more sources), a bar for
    weeks, months, years and periods. Marks at one spot merge; each has a tooltip."""
    marks: dict[tuple, list] = {}
    for entry in entries:
        found = entry_span(axis, entry)
        if found is None:
            continue
        band, left, right = found
        point = band.is_year and right - left < 6
        key = ("dot", round((left + right) / 8)) if point else ("bar", round(left), round(right))
        marks.setdefault(key, []).append((entry, band, left, right, point))
    ordered = sorted(marks.values(), key=lambda group: (group[0][2], group[0][3]))
    spans = []
    for group in ordered:
        _, _, left, right, point = group[0]
        if point:
            middle = (left + right) / 2
            spans.append((middle - 6, middle + 6))
        else:
            spans.append((left, max(right, left + 4)))
    placed = lanes(spans)
    lane_count = max(placed, default=0) + 1
    height = TOP + lane_count * TRACK + LABEL_BAND
    axis_y = TOP + lane_count * TRACK + 2
    parts = []
    for band in axis.bands:
        parts.append(f'<rect class="tl-band" x="{band.x:.1f}" y="{TOP - 6}" width="{band.width:.1f}" height="{axis_y - TOP + 6}" rx="3"/>')
        if band.is_year:
            for month in range(1, 13):
                tick = band.position(datetime.date(band.first.year, month, 1))
                parts.append(f'<line class="tl-tick" x1="{tick:.1f}" x2="{tick:.1f}" y1="{axis_y}" y2="{axis_y + (5 if month in (1, 7) else 3)}"/>')
        parts.append(f'<text class="tl-label" x="{band.x + band.width / 2:.1f}" y="{axis_y + 20}" text-anchor="middle">{escape(band.label)}</text>')
    parts.append(f'<line class="tl-axis" x1="8" x2="{axis.width - 2:.1f}" y1="{axis_y}" y2="{axis_y}"/>')
    for group, lane in zip(ordered, placed):
        y = TOP + lane * TRACK + TRACK / 2 - 2
        sources = len({name for entry, *_ in group for name in entry.sources})
        tip = "; ".join(entry.label for entry, *_ in group[:4]) + ("; …" if len(group) > 4 else "")
        tip += f" ({len(group)} event{'s' if len(group) != 1 else ''}, {sources} source{'s' if sources != 1 else ''})"
        _, _, left, right, point = group[0]
        if point:
            radius = min(3 + sources, 7)
            parts.append(f'<circle class="tl-mark" cx="{(left + right) / 2:.1f}" cy="{y:.1f}" r="{radius}"><title>{escape(tip)}</title></circle>')
        else:
            width = max(right - left, 4)
            parts.append(f'<rect class="tl-bar" x="{left:.1f}" y="{y - 3:.1f}" width="{width:.1f}" height="6" rx="3"><title>{escape(tip)}</title></rect>')
    years = [b for b in axis.bands]
    summary = (f"{len(entries)} events on a time axis from {years[0].label} to {years[-1].label}; "
               f"the most in {max(years, key=lambda b: b.events).label} ({max(b.events for b in years)}). "
               "Each year is a block with its months marked; longer periods are one block each. "
               "Blocks are not to scale: years far apart stand side by side.") if years else "No dated events."
    svg = (
        f'<svg class="timeline-axis" xmlns="http://www.w3.org/2000/svg" width="{axis.width:.0f}" height="{height}" '
        f'viewBox="0 0 {axis.width:.0f} {height}" role="img" aria-labelledby="tl-svg-title tl-svg-desc">'
        f'<title id="tl-svg-title">The timeline at a glance</title><desc id="tl-svg-desc">{escape(summary)}</desc>'
        + "".join(parts) + "</svg>"
    )
    return Markup(svg)


STRIP_WIDTH = 600


def article_strip(axis: Axis, levels: dict[str, int], article, events, quoted_lines: frozenset, unique_lines) -> Markup:
    """An article's place in the story: top, the dossier's periods (shaded by how many events each
    holds) with this article's events on them; below, its paragraphs, marked where other outlets
    carry the same quote and where only this outlet reports."""
    body = [line for line in article.body if line.role != "heading"]
    if not events and not body:
        return Markup("")
    parts = []
    total = sum(b.width for b in axis.bands) or 1
    scale = (STRIP_WIDTH - 4) / total
    x_of = {}
    x = 2.0
    for band in axis.bands:
        width = band.width * scale
        x_of[band.key] = (x, width)
        parts.append(f'<rect class="st-band st-l{levels.get(band.key, 0)}" x="{x:.1f}" y="2" width="{max(width - 1, 1):.1f}" height="14"/>')
        x += width
    for entry, _ in events:
        band = axis.band_of(entry)
        if band is None:
            continue
        left, width = x_of[band.key]
        if band.is_year:
            inside = (band.position(entry.first_day) - band.x) / band.width
            where = left + width * inside
        else:
            where = left + width / 2
        parts.append(f'<circle class="st-mark" cx="{where:.1f}" cy="9" r="4"/>')
    words = [max(len(line.text), 20) for line in body]
    scale_p = (STRIP_WIDTH - 4) / (sum(words) or 1)
    x = 2.0
    quoted = only = 0
    for line, size in zip(body, words):
        kind = "st-quote" if line.number in quoted_lines else "st-only" if line.number in unique_lines else "st-para"
        quoted += kind == "st-quote"
        only += kind == "st-only"
        width = size * scale_p
        parts.append(f'<rect class="{kind}" x="{x:.1f}" y="22" width="{max(width - 1.5, 1):.1f}" height="10"/>')
        x += width
    bands = (axis.band_of(e) for e, _ in events)
    bands_hit = sorted({band.label: band for band in bands if band}.values(), key=lambda b: b.x)
    where_text = ", ".join(b.label for b in bands_hit)
    events_text = (f"{len(events)} dated event{'s' if len(events) != 1 else ''} ({where_text}) among the dossier's, "
                   f"on a time axis from {axis.bands[0].label} to {axis.bands[-1].label}." if events and axis.bands
                   else "No dated events.")
    others = len(body) - quoted - only
    paragraph_text = f"Its {len(body)} paragraph{'s' if len(body) != 1 else ''}:"
    svg = (f'<svg class="story-strip-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {STRIP_WIDTH} 34" '
           f'preserveAspectRatio="none" aria-hidden="true" focusable="false">' + "".join(parts) + "</svg>")
    first, last = (axis.bands[0].label, axis.bands[-1].label) if axis.bands else ("", "")
    html = (
        '<figure class="story-strip">'
        f'{svg}'
        f'<p class="strip-scale" aria-hidden="true"><span>{escape(first)}</span><span>{escape(last)}</span></p>'
        '<figcaption><span class="label">In the story</span> '
        f'<span class="key key-event"></span>{escape(events_text)} {escape(paragraph_text)}'
        f'<span class="key key-quote"></span>{quoted} with a quote other outlets carry too,'
        f'<span class="key key-only"></span>{only} only in this source,'
        f'<span class="key key-para"></span>{others} other{"s" if others != 1 else ""}.</figcaption>'
        '</figure>'
    )
    return Markup(html)


def band_levels(axis: Axis) -> dict[str, int]:
    """How busy each band is, in four steps: coarse, so one edit rarely changes every article's strip."""
    most = max((b.events for b in axis.bands), default=1)
    return {b.key: min(4, 1 + int(3 * math.log1p(b.events) / math.log1p(most))) for b in axis.bands}


def quoted_lines_of(dossier, slug: str) -> frozenset:
    return frozenset(variant.line for group, variant in dossier.quotes_by_article.get(slug, ()) if len(group.sources) > 1)


@dataclass(frozen=True)
class StoryStrip:
    """An article's strip (article_strip), drawn when its page is rendered: in a render worker, and
    only for pages rendered. Equal inputs, equal strips, so a rebuild can tell the page is unchanged."""

    axis: Axis
    levels: tuple[tuple[str, int], ...]  # band_levels as (band key, level) pairs
    article: object
    events: tuple
    quoted_lines: frozenset
    unique_lines: frozenset

    def __bool__(self) -> bool:
        return bool(self.events) or any(line.role != "heading" for line in self.article.body)

    def __html__(self) -> str:
        return article_strip(self.axis, dict(self.levels), self.article, self.events, self.quoted_lines, self.unique_lines)


def add_pictures(dossier, specs: list[PageSpec]) -> list[PageSpec]:
    """The same pages, the timeline and every article given their picture."""
    axis = make_axis(dossier.timeline)
    levels = tuple(band_levels(axis).items())
    result = []
    for spec in specs:
        if spec.template == "timeline.html":
            spec = replace(spec, context={**spec.context, "timeline_picture": timeline_svg(axis, dossier.timeline)})
        elif spec.template == "article.html":
            article = spec.context["article"]
            strip = StoryStrip(axis, levels, article, tuple(spec.context.get("events", ())),
                               quoted_lines_of(dossier, article.slug), spec.context.get("unique_lines", frozenset()))
            spec = replace(spec, context={**spec.context, "strip": strip})
        result.append(spec)
    return result
