"""Long lists are split over pages, and every item is on exactly one of them."""
import re

from .conftest import read_json, run_dossier
from .sitecheck import broken_links, parse


def test_home_and_topic_pages_are_split_and_cover_every_article(project):
    (project / "site.yaml").write_text(
        (project / "site.yaml").read_text() + "topics:\n  - name: Harbour Bridge\n    kind: place\n"
    )
    for n in range(230):
        (project / f"content/articles/story-{n:03}.txt").write_text(
            f"---\ntitle: Story number {n}\ndate: 2021-{1 + n % 12:02}-{1 + n % 28:02}\n---\n"
            f"The Harbour Bridge was mentioned again in story {n}, which says so in a full sentence.\n"
        )
    result = run_dossier("build", cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "build"
    homes = ["index.html", "index--2.html", "index--3.html"]
    assert all((site / p).is_file() for p in homes) and not (site / "index--4.html").exists()
    linked = []
    for home in homes:
        linked += [u for _, u in parse(site / home).links if u.startswith("articles/")]
    assert sorted(linked) == sorted(r["path"] for r in read_json(site / "data/articles.json"))
    pager = [u for tag, attrs in parse(site / "index--2.html").elements if tag == "a" and attrs.get("rel") in ("prev", "next") for u in [attrs["href"]]]
    assert pager == ["index.html", "index--3.html"]
    topic = next(t for t in read_json(site / "data/topics.json") if t["name"] == "Harbour Bridge")
    assert len(topic["articles"]) >= 230
    pages = sorted(site.glob(f"topics/{topic['slug']}*.html"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 1))
    assert len(pages) == -(-len(topic["articles"]) // 50)
    on_pages = [u for p in pages for u in {u.split("#")[0] for _, u in parse(p).links if u.startswith("../articles/")}]
    assert sorted(on_pages) == sorted(f"../articles/{s}.html" for s in topic["articles"])
    assert broken_links(site) == []
