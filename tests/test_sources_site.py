"""The cross-source view in the site: quotes compared, coverage matrix, unique content, data files."""
from .conftest import read_json
from .sitecheck import parse


def test_quotes_json_and_coverage_json_follow_the_contract(demo_site):
    groups = read_json(demo_site / "data" / "quotes.json")
    slugs = {a["slug"] for a in read_json(demo_site / "data" / "articles.json")}
    assert groups
    for group in groups:
        assert set(group) >= {"speaker", "variants"}
        for variant in group["variants"]:
            assert set(variant) >= {"article", "source", "line", "text"} and variant["article"] in slugs
    coverage = read_json(demo_site / "data" / "coverage.json")
    assert len(coverage["sources"]) == 5
    kinds = {item["kind"] for item in coverage["items"]}
    assert {"topic", "quote"} <= kinds
    for item in coverage["items"]:
        assert set(item) >= {"label", "kind", "sources", "articles"}


def test_the_chinese_army_statement_is_one_group_across_three_outlets(demo_site):
    groups = read_json(demo_site / "data" / "quotes.json")
    army = [g for g in groups if any("most advanced weapons systems" in v["text"] for v in g["variants"])]
    assert len(army) == 1
    files = {v["article"] for v in army[0]["variants"]}
    assert len(files) >= 3


def test_sources_page_shows_groups_side_by_side_with_links_to_paragraphs(demo_site):
    page = parse(demo_site / "sources" / "index.html")
    groups = read_json(demo_site / "data" / "quotes.json")
    shared = [g for g in groups if len({v["source"] for v in g["variants"]}) > 1]
    ids = page.ids
    assert all(g["key"] in ids for g in shared)
    assert sum(1 for tag, attrs in page.elements if tag == "figure") == sum(len(g["variants"]) for g in shared)
    assert ("table", {"class": "coverage"}) in page.elements
    assert "Only in one source" in page.text and "Navalny" in page.text.split("Only in one source")[-1]


def test_article_pages_link_to_their_quote_groups_and_mark_unique_paragraphs(demo_site):
    records = read_json(demo_site / "data" / "articles.json")
    tass_like = next(r for r in records if r["file"].endswith("002_13f6215aedc64298.txt"))
    page = parse(demo_site / "articles" / f"{tass_like['slug']}.html")
    assert any(url.startswith("../sources/index.html#q-") for _, url in page.links)
    unique = [attrs for tag, attrs in page.elements if tag == "p" and attrs.get("class") == "only-here"]
    assert unique  # Navalny, carbon neutrality: only this outlet reports them
