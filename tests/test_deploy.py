"""`dossier deploy` against real git: a local bare repository stands in for GitHub."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.deploy import GITHUB_REMOTE, Target, choose_base_path, site_url
from generator.config import load_config

from .conftest import ROOT, make_project, read_json


def git(*args: str, cwd: Path, env: dict) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def git_ok(*args: str, cwd: Path, env: dict) -> bool:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True).returncode == 0


@pytest.fixture
def env(tmp_path):
    """git that ignores the machine's own configuration, with an identity for the test commits."""
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Test Editor\n\temail = editor@example.org\n[init]\n\tdefaultBranch = main\n")
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1", "PYTHONPATH": path}


def make_repo(tmp_path: Path, env: dict, remote_path: Path | None = None) -> tuple[Path, Path]:
    """A git repository holding a copy of the tiny fixture, with a bare repository as `origin`."""
    project = make_project(tmp_path)
    (project / ".gitignore").write_text("/build/\n")
    git("init", "-q", cwd=project, env=env)
    git("add", ".", cwd=project, env=env)
    git("commit", "-q", "-m", "The dossier", cwd=project, env=env)
    bare = remote_path or tmp_path / "remote.git"
    bare.mkdir(parents=True)
    git("init", "-q", "--bare", cwd=bare, env=env)
    git("remote", "add", "origin", str(bare), cwd=project, env=env)
    return project, bare


def deploy(*args: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    """Run the deploy command the way a user does (python -m generator.deploy = `dossier deploy`)."""
    return subprocess.run(
        [sys.executable, "-m", "generator.deploy", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def branch_files(bare: Path, env: dict, branch: str = "gh-pages") -> set[str]:
    return set(git("ls-tree", "-r", "--name-only", branch, cwd=bare, env=env).split())


def set_domain(project: Path, domain: str | None) -> None:
    site = project / "site.yaml"
    lines = [line for line in site.read_text().splitlines() if not line.startswith("domain:")]
    if domain:
        lines.append(f"domain: {domain}")
    site.write_text("\n".join(lines) + "\n")


@pytest.fixture
def repo(tmp_path, env):
    return make_repo(tmp_path, env)


def test_deploy_pushes_the_site_and_nojekyll_to_gh_pages(repo, env):
    project, bare = repo
    result = deploy(cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    files = branch_files(bare, env)
    articles = read_json(project / "build" / "data" / "articles.json")
    assert len(articles) == 3
    assert {"index.html", "404.html", "data/articles.json", ".nojekyll", "static/site.css"} <= files
    assert {a["path"] for a in articles} <= files
    assert "CNAME" not in files
    pushed = git("show", "gh-pages:index.html", cwd=bare, env=env)
    assert pushed == (project / "build" / "index.html").read_text(encoding="utf-8")
    assert "the site will be at" in result.stdout


def test_custom_domain_is_written_to_cname_and_announced(repo, env):
    project, bare = repo
    set_domain(project, "news.example.org")
    result = deploy(cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    assert git("show", "gh-pages:CNAME", cwd=bare, env=env).strip() == "news.example.org"
    assert "https://news.example.org/" in result.stdout


def test_second_deploy_replaces_the_first(repo, env):
    project, bare = repo
    assert deploy(cwd=project, env=env).returncode == 0
    first = git("rev-parse", "gh-pages", cwd=bare, env=env).strip()
    gone = next(a for a in read_json(project / "build" / "data" / "articles.json") if a["file"].endswith("market.md"))
    assert gone["path"] in branch_files(bare, env)

    (project / "content" / "articles" / "market.md").unlink()
    result = deploy(cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    files = branch_files(bare, env)
    assert gone["path"] not in files
    assert {"index.html", ".nojekyll"} <= files
    assert len(read_json_from_branch(bare, env, "data/articles.json")) == 2
    # The branch keeps its history: the new site is a child of the old one, so the push was a fast-forward.
    assert git("rev-parse", "gh-pages^", cwd=bare, env=env).strip() == first


def read_json_from_branch(bare: Path, env: dict, path: str):
    import json

    return json.loads(git("show", f"gh-pages:{path}", cwd=bare, env=env))


def test_deploy_works_from_a_fresh_clone_whose_remote_already_has_the_branch(repo, tmp_path, env):
    project, bare = repo
    git("push", "-q", "origin", "main", cwd=project, env=env)
    assert deploy(cwd=project, env=env).returncode == 0
    first = git("rev-parse", "gh-pages", cwd=bare, env=env).strip()
    clone = tmp_path / "clone"
    git("clone", "-q", str(bare), str(clone), cwd=tmp_path, env=env)
    assert (clone / "site.yaml").is_file()
    result = deploy(cwd=clone, env=env)
    assert result.returncode == 0, result.stderr
    assert git("rev-parse", "gh-pages^", cwd=bare, env=env).strip() == first


def test_working_tree_index_and_current_branch_are_untouched(repo, env):
    project, bare = repo
    (project / "content" / "pages" / "about.md").write_text("# About\n\nEdited, not committed.\n")
    (project / "notes.txt").write_text("untracked\n")
    git("add", "notes.txt", cwd=project, env=env)
    before = (
        git("status", "--porcelain", cwd=project, env=env),
        git("rev-parse", "HEAD", cwd=project, env=env),
        git("symbolic-ref", "HEAD", cwd=project, env=env),
        git("diff", "--cached", cwd=project, env=env),
    )
    assert deploy(cwd=project, env=env).returncode == 0
    after = (
        git("status", "--porcelain", cwd=project, env=env),
        git("rev-parse", "HEAD", cwd=project, env=env),
        git("symbolic-ref", "HEAD", cwd=project, env=env),
        git("diff", "--cached", cwd=project, env=env),
    )
    assert after == before
    assert "Edited, not committed." in (project / "content" / "pages" / "about.md").read_text()


def test_refuses_without_the_remote_and_builds_nothing(tmp_path, env):
    project, bare = make_repo(tmp_path, env)
    git("remote", "remove", "origin", cwd=project, env=env)
    result = deploy(cwd=project, env=env)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no remote 'origin'" in lines[0] and "git remote add origin" in lines[0]
    assert not (project / "build").exists()


def test_refuses_to_drop_a_cname_the_branch_has(repo, env):
    project, bare = repo
    set_domain(project, "news.example.org")
    assert deploy(cwd=project, env=env).returncode == 0
    published = git("rev-parse", "gh-pages", cwd=bare, env=env)

    set_domain(project, None)
    result = deploy(cwd=project, env=env)
    assert result.returncode != 0
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "news.example.org" in message and "domain: news.example.org" in message and "site.yaml" in message

    set_domain(project, "other.example.org")
    result = deploy(cwd=project, env=env)
    assert result.returncode != 0 and "domain: news.example.org" in result.stderr
    assert git("rev-parse", "gh-pages", cwd=bare, env=env) == published


def test_refuses_when_the_build_has_errors(repo, env):
    project, bare = repo
    (project / "content" / "articles" / "broken.txt").write_text("---\ndate: [not, a, date]\n---\nText.\n")
    result = deploy(cwd=project, env=env)
    assert result.returncode != 0
    assert "broken.txt" in result.stderr
    assert "nothing was pushed" in result.stderr.strip().splitlines()[-1]
    assert not git_ok("rev-parse", "--verify", "gh-pages", cwd=bare, env=env)


def test_refuses_while_the_branch_is_checked_out(repo, env):
    project, bare = repo
    git("switch", "-q", "-c", "gh-pages", cwd=project, env=env)
    result = deploy(cwd=project, env=env)
    assert result.returncode != 0 and "checked out" in result.stderr
    assert not git_ok("rev-parse", "--verify", "gh-pages", cwd=bare, env=env)


def test_refuses_to_overwrite_the_remotes_default_branch(repo, env):
    project, bare = repo
    git("push", "-q", "origin", "main", cwd=project, env=env)
    git("switch", "-q", "-c", "work", cwd=project, env=env)
    source = git("rev-parse", "main", cwd=bare, env=env)
    result = deploy("--branch", "main", cwd=project, env=env)
    assert result.returncode != 0 and "default branch" in result.stderr
    assert git("rev-parse", "main", cwd=bare, env=env) == source


def test_dry_run_pushes_nothing(repo, env):
    project, bare = repo
    result = deploy("--dry-run", cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    assert "dry run" in result.stdout
    assert git("for-each-ref", cwd=bare, env=env).strip() == ""
    assert not git_ok("rev-parse", "--verify", "refs/heads/gh-pages", cwd=project, env=env)
    assert (project / "build" / "index.html").is_file()


def test_other_remote_and_branch_and_message(repo, env):
    project, bare = repo
    git("remote", "rename", "origin", "pages", cwd=project, env=env)
    result = deploy("--remote", "pages", "--branch", "site", "--message", "Publish the dossier", cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    assert "index.html" in branch_files(bare, env, "site")
    assert git("log", "-1", "--format=%s", "site", cwd=bare, env=env).strip() == "Publish the dossier"


def test_a_github_project_remote_gets_its_base_path_and_address(tmp_path, env):
    # A local bare repository at a path that reads like a GitHub remote: what a clone of
    # github.com/someone/news-dossier looks like to the command, without the network.
    project, bare = make_repo(tmp_path, env, tmp_path / "github.com" / "someone" / "news-dossier.git")
    result = deploy(cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    assert "https://someone.github.io/news-dossier/" in result.stdout
    not_found = git("show", "gh-pages:404.html", cwd=bare, env=env)
    assert 'href="/news-dossier/index.html"' in not_found


@pytest.mark.parametrize(
    "url, owner_repo",
    [
        ("https://github.com/someone/news-dossier.git", ("someone", "news-dossier")),
        ("https://github.com/someone/news-dossier", ("someone", "news-dossier")),
        ("git@github.com:someone/news-dossier.git", ("someone", "news-dossier")),
        ("ssh://git@github.com/someone/news.dossier.git", ("someone", "news.dossier")),
        ("https://gitlab.com/someone/news-dossier.git", None),
    ],
)
def test_github_remotes_are_recognised(url, owner_repo):
    match = GITHUB_REMOTE.search(url)
    assert (match and (match["owner"], match["repo"])) == (owner_repo or None)


def test_base_path_precedence(tmp_path):
    project = make_project(tmp_path)
    site = project / "site.yaml"
    config = load_config(site)
    project_remote = Target("origin", "git@github.com:someone/news.git", "gh-pages", ("someone", "news"))
    user_remote = Target("origin", "git@github.com:someone/someone.github.io.git", "gh-pages", ("someone", "Someone.github.io"))
    other = Target("origin", "/srv/git/site.git", "gh-pages", None)

    assert choose_base_path(None, site, config, project_remote) == "/news/"
    assert choose_base_path(None, site, config, user_remote) == "/"
    assert choose_base_path(None, site, config, other) == "/"
    assert choose_base_path("/elsewhere/", site, config, project_remote) == "/elsewhere/"
    assert site_url(config, project_remote, "/news/") == "https://someone.github.io/news/"
    assert site_url(config, user_remote, "/") == "https://someone.github.io/"
    assert "/srv/git/site.git" in site_url(config, other, "/")

    site.write_text(site.read_text() + "domain: news.example.org\n")
    config = load_config(site)
    assert choose_base_path(None, site, config, project_remote) == "/"
    assert site_url(config, project_remote, "/") == "https://news.example.org/"

    site.write_text(site.read_text() + "url: https://example.org/dossier/\n")
    config = load_config(site)
    assert choose_base_path(None, site, config, project_remote) == "/dossier/"


def test_deploy_has_help():
    result = subprocess.run(
        [sys.executable, "-m", "generator.deploy", "--help"], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0
    for option in ("--remote", "--branch", "--config", "--base-path", "--message", "--dry-run"):
        assert option in result.stdout
