"""The five demo articles against the hand labels in tests/fixtures/clean/ (written before the rules).

Zero noise kept, zero article lines lost, line by line; roles, rule names and metadata as labelled.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.clean import clean_corpus, explain
from generator.model import FrontMatter, RawArticle

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "fixtures" / "clean"
ARTICLES = ROOT / "content" / "articles"


@dataclass
class Labels:
    meta: dict[str, str | None]
    lines: dict[int, tuple[str, str, str]]  # line -> (keep|drop, role|rule, text)


def read_labels(path: Path) -> Labels:
    meta: dict[str, str | None] = {}
    lines = {}
    for row in path.read_text(encoding="utf-8").splitlines():
        if not row or row.startswith("#"):
            continue
        if row.startswith("@"):
            key, _, val = row[1:].partition("\t")
            meta[key] = val or None
            continue
        num, decision, what, text = row.split("\t", 3)
        lines[int(num)] = (decision, what, text)
    return Labels(meta, lines)


def read_demo(path: Path) -> RawArticle:
    """The demo's front matter is a fixed `---/date: .../---` block; the loader is tested elsewhere."""
    text = path.read_text(encoding="utf-8")
    head, body = text.split("---\n", 2)[1:]
    date = datetime.date.fromisoformat(head.split("date:")[1].strip())
    return RawArticle(
        file=f"content/articles/{path.name}", body=body, body_offset=len(text) - len(body),
        body_first_line=head.count("\n") + 3, meta=FrontMatter(date=date), digest="",
    )


STEMS = sorted(p.stem for p in LABELS.glob("*.tsv"))


@pytest.fixture(scope="module")
def cleaned():
    raws = [read_demo(ARTICLES / f"{stem}.txt") for stem in STEMS]
    return dict(zip(STEMS, clean_corpus(raws)))


def test_labels_cover_every_non_blank_line_of_each_demo_article():
    assert len(STEMS) == 5
    for stem in STEMS:
        labels = read_labels(LABELS / f"{stem}.tsv")
        file_lines = (ARTICLES / f"{stem}.txt").read_text(encoding="utf-8").split("\n")
        body = {n: t.strip() for n, t in enumerate(file_lines, 1) if n > 3 and t.strip()}
        assert {n: t for n, (_, _, t) in labels.lines.items()} == body


@pytest.mark.parametrize("stem", STEMS)
def test_no_noise_kept_and_no_article_line_lost(cleaned, stem):
    labels = read_labels(LABELS / f"{stem}.tsv")
    art = cleaned[stem]
    kept = {ln.number for ln in art.kept}
    dropped = {r.line for r in art.removed}
    noise_kept = sorted(n for n, (d, _, _) in labels.lines.items() if d == "drop" and n in kept)
    lost = sorted(n for n, (d, _, _) in labels.lines.items() if d == "keep" and n not in kept)
    assert noise_kept == [], "noise kept: " + "; ".join(labels.lines[n][2] for n in noise_kept)
    assert lost == [], "article lines lost:\n" + "\n".join(explain(art))
    assert kept | dropped == set(labels.lines), "every non-blank line is kept or removed, blank lines neither"
    assert not kept & dropped


@pytest.mark.parametrize("stem", STEMS)
def test_kept_lines_have_the_labelled_role_and_removals_the_labelled_rule(cleaned, stem):
    labels = read_labels(LABELS / f"{stem}.tsv")
    art = cleaned[stem]
    roles = {ln.number: ln.role for ln in art.kept}
    rules = {r.line: r.rule for r in art.removed}
    want_roles = {n: w for n, (d, w, _) in labels.lines.items() if d == "keep"}
    want_rules = {n: w for n, (d, w, _) in labels.lines.items() if d == "drop"}
    assert roles == want_roles
    assert rules == want_rules


@pytest.mark.parametrize("stem", STEMS)
def test_metadata_is_recovered_from_the_noise(cleaned, stem):
    labels = read_labels(LABELS / f"{stem}.tsv")
    m = cleaned[stem].metadata
    assert {"title": m.title, "author": m.author, "dek": m.dek, "credit": m.credit} == labels.meta


def test_kept_lines_keep_the_file_text_and_numbers(cleaned):
    for stem, art in cleaned.items():
        file_lines = (ARTICLES / f"{stem}.txt").read_text(encoding="utf-8").split("\n")
        for ln in art.kept:
            assert file_lines[ln.number - 1].strip() == ln.text
        for r in art.removed:
            assert file_lines[r.line - 1].strip() == r.text
            assert r.reason and r.reason[0].isupper() and r.reason.endswith((".", ")"))
