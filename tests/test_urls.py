"""All links are page-relative, made by one helper; absolute ones only where a page is served at any depth."""
import pytest

from generator.slugs import slugify, unique_slugs
from generator.urls import absolute_path, full_url, relative_url


@pytest.mark.parametrize(
    "page, target, expected",
    [
        ("index.html", "articles/a.html", "articles/a.html"),
        ("articles/a.html", "index.html", "../index.html"),
        ("articles/a.html", "articles/b.html#p-4", "b.html#p-4"),
        ("topics/index.html", "static/site.css", "../static/site.css"),
        ("topics/index.html", "topics/index.html", "index.html"),
        ("a/b/c.html", "#removed", "#removed"),
    ],
)
def test_relative_url(page, target, expected):
    assert relative_url(page, target) == expected


def test_absolute_and_full_urls():
    assert absolute_path("static/site.css", "/REPO/") == "/REPO/static/site.css"
    assert absolute_path("index.html", "/") == "/index.html"
    assert full_url("articles/a.html", "https://x.github.io/REPO/") == "https://x.github.io/REPO/articles/a.html"
    assert full_url("articles/a.html", "") == ""


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Putin: Russia & China developing high-tech weapons", "putin-russia-china-developing-high-tech-weapons"),
        ("../../etc/passwd", "etc-passwd"),
        ("CON", "con-page"),
        ("Zürich café", "zurich-cafe"),
        ("🎉🎉", ""),
        ("", ""),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_long_titles_are_cut_at_a_word():
    slug = slugify("word " * 40)
    assert len(slug) <= 80 and not slug.endswith("-") and slug.endswith("word")


def test_unique_slugs_are_deterministic():
    assert unique_slugs(["a", "a", "", "a-2", ""]) == ["a", "a-2", "article", "a-2-2", "article-2"]
