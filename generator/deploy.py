"""`dossier deploy`: build the site for its GitHub Pages address and push build/ to the gh-pages branch.

It sits beside the pipeline: it calls build_site, then ghp-import, which writes the branch with
`git fast-import` (objects and a ref only), so the working tree, the index and the current branch
are never touched. It refuses, with one line saying what to do, rather than publish something wrong.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .problems import ProblemError
from .progress import Progress

PROG = "dossier deploy"
# github.com:OWNER/REPO(.git) or github.com/OWNER/REPO(.git), over https, ssh or git.
GITHUB_REMOTE = re.compile(r"github\.com[:/]+(?P<owner>[^/\s]+)/(?P<repo>[^/\s]+?)(?:\.git)?/?$", re.IGNORECASE)


class Refusal(Exception):
    """Why the deploy stopped, worded as `what is wrong; what to do`."""


def add_command(commands: argparse._SubParsersAction) -> None:
    """Register `deploy` (called from cli.make_parser)."""
    deploy = commands.add_parser(
        "deploy",
        help="build the site and push it to the gh-pages branch",
        description=(
            "Build the site for the address GitHub Pages serves it at and push build/ to a branch of a "
            "git remote with ghp-import, adding .nojekyll and, when site.yaml sets `domain:`, CNAME. "
            "Your working tree and current branch are left as they are."
        ),
    )
    deploy.add_argument("--remote", default="origin", metavar="NAME", help="git remote to push to (default: origin)")
    deploy.add_argument("--branch", default="gh-pages", help="branch that GitHub Pages publishes (default: gh-pages)")
    deploy.add_argument("--config", type=Path, default=Path("site.yaml"), help="site settings (default: site.yaml)")
    deploy.add_argument(
        "--base-path", metavar="/REPO/",
        help="path the site is served under (default: site.yaml's base_path or url, else /REPO/ for a GitHub project remote)",
    )
    deploy.add_argument("--message", help="commit message on the branch (default: names the commit deployed)")
    deploy.add_argument("--dry-run", action="store_true", help="build and check everything, push nothing")
    deploy.set_defaults(run=run_deploy)


def main(argv: list[str] | None = None) -> int:
    """`python -m generator.deploy ...`: the same command without the rest of the CLI."""
    parser = argparse.ArgumentParser(prog="dossier")
    add_command(parser.add_subparsers(dest="command", metavar="COMMAND"))
    args = parser.parse_args(["deploy", *(sys.argv[1:] if argv is None else argv)])
    return args.run(args)


def run_deploy(args) -> int:
    try:
        return deploy(args)
    except Refusal as refusal:
        print(f"{PROG}: {refusal}", file=sys.stderr)
        return 1


@dataclass(frozen=True)
class Target:
    remote: str
    remote_url: str
    branch: str
    github: tuple[str, str] | None  # (owner, repo) when the remote is on GitHub

    @property
    def github_base_path(self) -> str | None:
        """Where GitHub Pages serves this repository: / for OWNER.github.io, else /REPO/."""
        if not self.github:
            return None
        owner, repo = self.github
        return "/" if repo.lower() == f"{owner.lower()}.github.io" else f"/{repo}/"


def deploy(args) -> int:
    from .build import build_site
    from .config import load_config

    try:
        config = load_config(args.config, base_path=args.base_path)
    except ProblemError as error:
        raise Refusal(f"{error}\nnothing was built or pushed") from None
    git = Git(config.root)
    target = find_target(git, args.remote, args.branch)
    base_path = choose_base_path(args.base_path, args.config, config, target)
    existing_cname = fetch_branch(git, target)
    check_cname(existing_cname, config.domain, target)

    try:
        result = build_site(args.config, None, base_path=base_path, progress=Progress(quiet=True))
    except ProblemError as error:
        raise Refusal(f"the build failed: {error}; nothing was pushed") from None
    for problem in result.problems.items:
        label = "warning: " if problem.severity == "warning" else "error: "
        print(label + str(problem), file=sys.stderr)
    print(result.summary(), file=sys.stderr)
    if result.problems.errors:
        count = len(result.problems.errors)
        raise Refusal(f"the build had {count} error{'s' if count > 1 else ''} (listed above); fix them and deploy again, nothing was pushed")

    url = site_url(config, target, base_path)
    extras = ".nojekyll" + (f" and CNAME ({config.domain})" if config.domain else "")
    if args.dry_run:
        print(f"{PROG}: dry run: would push {shown(result.out)} with {extras} to {target.remote} {target.branch}; nothing was pushed")
        print(f"{PROG}: the site would be at {url}")
        return 0
    commit = import_site(git, result.out, target, config.domain, args.message or default_message(git, base_path))
    push(git, target)
    print(f"{PROG}: pushed {shown(result.out)} with {extras} to {target.remote} {target.branch} ({commit[:12]})")
    print(f"{PROG}: the site will be at {url}")
    if target.github:
        print(f"{PROG}: on GitHub, Settings > Pages must publish from the '{target.branch}' branch, folder / (root)")
    return 0


class Git:
    """git in the project's repository, output captured, errors as Refusal when asked."""

    def __init__(self, root: Path):
        self.root = root

    def run(self, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["git", *args], cwd=self.root, capture_output=True, text=True, env={**os.environ, **(env or {})}
        )

    def out(self, *args: str, fail: str) -> str:
        done = self.run(*args)
        if done.returncode != 0:
            raise Refusal(f"{fail} ({last_line(done.stderr)})")
        return done.stdout.strip()


def find_target(git: Git, remote: str, branch: str) -> Target:
    if git.run("rev-parse", "--git-dir").returncode != 0:
        raise Refusal(f"{git.root} is not in a git repository; run `git init` and add a remote, or deploy from a clone")
    done = git.run("remote", "get-url", remote)
    if done.returncode != 0:
        raise Refusal(
            f"this repository has no remote '{remote}'; add one with `git remote add {remote} URL`, "
            f"or name another with --remote (`git remote -v` lists them)"
        )
    remote_url = done.stdout.strip()
    if branch in checked_out_branches(git):
        raise Refusal(
            f"the branch '{branch}' is checked out here, and deploying rewrites it; "
            f"switch to your source branch first (`git switch main`)"
        )
    match = GITHUB_REMOTE.search(remote_url)
    github = (match["owner"], match["repo"]) if match else None
    return Target(remote, remote_url, branch, github)


def checked_out_branches(git: Git) -> set[str]:
    listing = git.run("worktree", "list", "--porcelain").stdout
    return {line.split(" ", 1)[1].removeprefix("refs/heads/") for line in listing.splitlines() if line.startswith("branch ")}


def choose_base_path(option: str | None, config_path: Path, config, target: Target) -> str:
    """--base-path, else site.yaml's base_path or url, else / for a custom domain, else GitHub's path."""
    if option:
        return option
    github_path = target.github_base_path
    if set_in_site_yaml(config_path, "base_path", "url"):
        if github_path and not config.domain and config.base_path != github_path:
            print(
                f"warning: GitHub Pages serves {target.remote} at {github_path}, but site.yaml builds the site "
                f"for {config.base_path}; links will break unless a custom domain serves it there",
                file=sys.stderr,
            )
        return config.base_path
    if config.domain:
        return "/"
    return github_path or "/"


def set_in_site_yaml(config_path: Path, *keys: str) -> bool:
    from .yamlload import load_yaml

    data = load_yaml(Path(config_path).read_bytes().decode("utf-8-sig"))
    return isinstance(data, dict) and any(data.get(key) for key in keys)


def fetch_branch(git: Git, target: Target) -> str | None:
    """Bring the remote's branch into refs/remotes/REMOTE/BRANCH (what ghp-import builds on); its CNAME."""
    tracking = f"refs/remotes/{target.remote}/{target.branch}"
    listing = git.out(
        "ls-remote", "--symref", target.remote, "HEAD", f"refs/heads/{target.branch}",
        fail=f"cannot read the remote '{target.remote}' ({target.remote_url}); check the URL and your access",
    )
    if f"ref: refs/heads/{target.branch}\tHEAD" in listing.splitlines():
        raise Refusal(
            f"'{target.branch}' is the default branch of '{target.remote}', and deploying replaces a branch's "
            f"files with the site; publish to a branch of its own (the default is gh-pages)"
        )
    if not any(line.endswith(f"\trefs/heads/{target.branch}") for line in listing.splitlines()):
        # A stale tracking ref of a branch deleted upstream would otherwise become the new commit's parent.
        git.run("update-ref", "-d", tracking)
        return None
    git.out(
        "fetch", "--quiet", "--no-tags", target.remote, f"+refs/heads/{target.branch}:{tracking}",
        fail=f"cannot fetch {target.branch} from '{target.remote}'",
    )
    done = git.run("cat-file", "blob", f"{tracking}:CNAME")
    return done.stdout.strip() if done.returncode == 0 else None


def check_cname(existing: str | None, domain: str, target: Target) -> None:
    if not existing or existing.lower() == domain.lower():
        return
    instead = f"instead of `domain: {domain}`" if domain else ""
    raise Refusal(
        f"{target.remote}'s {target.branch} branch has a CNAME for {existing}, which this deploy would "
        f"{'replace' if domain else 'remove'}; to keep it, set `domain: {existing}` in site.yaml {instead}".rstrip()
        + "; nothing was built or pushed"
    )


def import_site(git: Git, out: Path, target: Target, domain: str, message: str) -> str:
    """Commit `out` as the whole content of the branch with ghp-import; return the new commit."""
    before = git.run("rev-parse", "--verify", "--quiet", f"refs/heads/{target.branch}").stdout.strip()
    command = [sys.executable, "-m", "ghp_import", str(out), "--no-jekyll", "--message", message,
               "--remote", target.remote, "--branch", target.branch]
    if domain:
        command += ["--cname", domain]
    done = subprocess.run(command, cwd=git.root, capture_output=True, text=True, env={**os.environ, **identity(git)})
    after = git.run("rev-parse", "--verify", "--quiet", f"refs/heads/{target.branch}").stdout.strip()
    if done.returncode != 0 or not after or after == before:
        reason = last_line(done.stderr or done.stdout) or "no commit was made"
        raise Refusal(f"ghp-import could not write the {target.branch} branch ({reason}); nothing was pushed")
    return after


def identity(git: Git) -> dict:
    """ghp-import takes the committer from git config; a machine without one (CI) gets a neutral name."""
    env = {}
    if not git.run("config", "user.name").stdout.strip() and "GIT_COMMITTER_NAME" not in os.environ:
        env["GIT_COMMITTER_NAME"] = "dossier deploy"
    if not git.run("config", "user.email").stdout.strip() and "GIT_COMMITTER_EMAIL" not in os.environ:
        env["GIT_COMMITTER_EMAIL"] = "dossier@localhost"
    return env


def push(git: Git, target: Target) -> None:
    ref = f"refs/heads/{target.branch}"
    done = git.run("push", "--quiet", target.remote, f"{ref}:{ref}")
    if done.returncode != 0:
        raise Refusal(
            f"the push to {target.remote} {target.branch} failed ({last_line(done.stderr)}); "
            f"the new site is committed on the local '{target.branch}' branch, deploy again to retry"
        )


def default_message(git: Git, base_path: str) -> str:
    head = git.run("rev-parse", "--short=12", "HEAD").stdout.strip()
    return f"Deploy {head or 'the working tree'} with dossier (base path {base_path})"


def site_url(config, target: Target, base_path: str) -> str:
    """The custom domain, else site.yaml's url, else the GitHub Pages address, else the remote itself."""
    if config.domain:
        return f"https://{config.domain}{base_path}"
    if config.url:
        return config.url
    if target.github:
        owner, _ = target.github
        return f"https://{owner.lower()}.github.io{target.github_base_path}"
    return f"{target.remote_url} (branch {target.branch})"


def shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd())) + "/"
    except ValueError:
        return str(path) + "/"


def last_line(text: str) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[-1].removeprefix("fatal: ").removeprefix("error: ") if lines else ""


if __name__ == "__main__":
    sys.exit(main())
