"""A rebuild redoes only what changed, and still produces the whole site."""
import subprocess
import sys

from generator import build as build_module
from generator.build import Builder
from generator.parallel import Memo
from generator.feeds import topic_feed as feed

from .conftest import ROOT

BRIDGE = "articles/harbour-bridge-reopens-after-repairs.html"
FERRY = "articles/ferry-timetable-changes-for-the-winter.html"
ABOUT = "about.html"


def inode(project, path):
    return (project / "build" / path).stat().st_ino


def test_rebuild_without_changes_writes_nothing(project):
    builder = Builder(project / "site.yaml")
    first = builder.build()
    second = builder.build()
    assert first.written == first.pages
    assert second.written == 0 and second.pages == first.pages


def test_editing_one_article_rewrites_its_page_and_the_indexes_only(project):
    builder = Builder(project / "site.yaml")
    builder.build()
    before = {p: inode(project, p) for p in (BRIDGE, FERRY, ABOUT)}
    article = project / "content/articles/harbour-bridge.txt"
    article.write_text(article.read_text().replace("three months", "four months"))
    result = builder.build()
    assert "four months" in (project / "build" / BRIDGE).read_text()
    assert inode(project, FERRY) == before[FERRY]  # hard-linked from the last build, not rewritten
    assert inode(project, ABOUT) == before[ABOUT]
    assert result.written <= 8  # the page, home, topics, timeline and the data files


def test_a_template_change_re_renders_only_the_pages_that_use_it(project):
    builder = Builder(project / "site.yaml")
    builder.build()
    before = inode(project, BRIDGE)
    template = project / "templates/page.html"
    template.write_text(template.read_text().replace('<article class="page">', '<article class="page edited">'))
    builder.build()
    assert 'class="page edited"' in (project / "build" / ABOUT).read_text()
    assert inode(project, BRIDGE) == before
    base = project / "templates/base.html"
    base.write_text(base.read_text().replace("built with dossier", "made with dossier"))
    builder.build()
    assert "made with dossier" in (project / "build" / BRIDGE).read_text()



def test_a_template_that_starts_including_a_partial_follows_the_partial(project):
    builder = Builder(project / "site.yaml")
    builder.build()
    template = project / "templates/page.html"
    partial = project / "templates/aside.html"
    partial.write_text("<aside>first aside</aside>")
    template.write_text(template.read_text().replace('<article class="page">', '{% include "aside.html" %}<article class="page">'))
    builder.build()
    assert "first aside" in (project / "build" / ABOUT).read_text()
    partial.write_text("<aside>second aside</aside>")
    builder.build()
    assert "second aside" in (project / "build" / ABOUT).read_text()

def test_a_changed_cleaning_override_re_cleans(project):
    builder = Builder(project / "site.yaml")
    builder.build()
    config = project / "site.yaml"
    config.write_text(config.read_text() + "clean:\n  drop: ['mayor']\n")
    builder.build()
    page = (project / "build" / BRIDGE).read_text()
    assert "said the mayor" not in page.split("What the cleaner removed")[0]


def test_build_twice_does_no_work_the_second_time_and_repeats_the_problems(project):
    from .conftest import run_dossier

    (project / "content/articles/bad.txt").write_text("---\ndate: soon\n---\nText.\n")
    first = run_dossier("build", cwd=project)
    assert first.returncode == 1
    page = project / "build" / BRIDGE
    before = page.stat().st_ino
    second = run_dossier("build", cwd=project)
    assert second.returncode == 1
    assert "nothing changed since the last build" in second.stderr
    assert "content/articles/bad.txt:2: front matter 'date'" in second.stderr
    assert page.stat().st_ino == before
    for changed in ("content/articles/ferry.txt", "templates/base.html", "static/site.css", "site.yaml"):
        path = project / changed
        path.write_text(path.read_text() + "\n")
        result = run_dossier("build", cwd=project)
        assert "nothing changed" not in result.stderr, changed


def test_the_preview_memo_reuses_enrichment_and_forgets_edited_articles(project):
    builder = Builder(project / "site.yaml")
    builder.memo = Memo()
    first = builder.build()
    kept = dict(builder.memo.results)
    assert kept  # per-article results of dates, topics and quotes were remembered
    template = project / "templates/page.html"
    template.write_text(template.read_text() + "\n")
    second = builder.build()
    assert second.dossier.timeline is first.dossier.timeline  # nothing enrichment reads had changed
    assert set(builder.memo.results) == set(kept)  # and the per-article results stay for the next edit
    article = project / "content/articles/ferry.txt"
    article.write_text(article.read_text().replace("every two hours", "every three hours"))
    third = builder.build()
    assert third.dossier.timeline is not first.dossier.timeline
    stale = [key for key in builder.memo.results if "every two hours" in repr(key)]
    assert stale == []  # the edited article's old results were dropped
    assert any("every three hours" in repr(key) for key in builder.memo.results)


def test_an_unchanged_article_is_the_same_object_next_build_and_a_changed_one_is_made_again(project):
    builder = Builder(project / "site.yaml")
    builder.memo = Memo()  # the preview's Builder; `make build`'s keeps nothing for a next build
    first = {a.file: a for a in builder.build().dossier.articles}
    article = project / "content/articles/harbour-bridge.txt"
    article.write_text(article.read_text().replace("three months", "four months"))
    second = {a.file: a for a in builder.build().dossier.articles}
    edited = "content/articles/harbour-bridge.txt"
    assert second.keys() == first.keys()
    assert all(second[f] is first[f] for f in first if f != edited)
    assert second[edited] is not first[edited]
    assert any("four months" in line.text for line in second[edited].body)
    config = project / "site.yaml"
    config.write_text(config.read_text().replace("title:", "title: Renamed ·", 1))
    third = {a.file: a for a in builder.build().dossier.articles}
    assert all(third[f] is not second[f] for f in first)  # other settings: every article made again


def test_a_topic_feed_is_remade_only_when_its_articles_change(project, monkeypatch):
    config = project / "site.yaml"
    config.write_text(config.read_text() + "topics:\n  - name: The ferry\n    aliases: [ferry]\n"
                      "  - name: The harbour bridge\n    aliases: [harbour bridge]\n")
    builder = Builder(project / "site.yaml")
    builder.build()
    ferry, bridge = "topics/the-ferry.xml", "topics/the-harbour-bridge.xml"
    before = {path: inode(project, path) for path in (ferry, bridge)}
    article = project / "content/articles/harbour-bridge.txt"
    article.write_text(article.read_text().replace("title: Harbour bridge reopens after repairs",
                                                   "title: Harbour bridge reopens at last"))
    made = []
    monkeypatch.setattr(build_module, "topic_feed", lambda dossier, name, *a, **k: made.append(name) or feed(dossier, name, *a, **k))
    builder.build()
    assert made == ["The harbour bridge"]
    assert "Harbour bridge reopens at last" in (project / "build" / bridge).read_text()
    assert inode(project, bridge) != before[bridge]
    assert inode(project, ferry) == before[ferry]  # carried over, not made again
    assert "Ferry timetable changes" in (project / "build" / ferry).read_text()


def test_workers_die_of_sigterm_even_under_the_previews_handler():
    """The preview turns SIGTERM into a clean stop; a forked worker inheriting that handler could
    ignore the pool's terminate() while waiting on its queue, hanging the build (seen at 10,000).
    Run in a process of its own: this one may have threads, and then nothing is forked."""
    program = (
        "import signal, sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from generator.parallel import parallel_map\n"
        "from generator.serve import stop_on_signal\n"
        "signal.signal(signal.SIGTERM, stop_on_signal)\n"
        "def default(_): return signal.getsignal(signal.SIGTERM) is signal.SIG_DFL\n"
        "import __main__; __main__.default = default\n"
        "print(sorted(set(parallel_map(default, range(400)))))\n"
    )
    done = subprocess.run([sys.executable, "-c", program, str(ROOT)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[True]"
