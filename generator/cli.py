"""Command line: `python -m generator build | clean | dates ...` (also installed as `dossier`)."""
from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import zoneinfo
from pathlib import Path

from .problems import Problem, ProblemError, Problems, ProblemsError
from .deploy import add_command as add_deploy_command
from .progress import Progress


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except ProblemError as error:
        print(str(error), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("dossier: interrupted", file=sys.stderr)
        return 130


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dossier", description="Build a dossier site from scraped news articles.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser("build", help="build the site into build/", description="Build the whole site.")
    add_site_options(build)
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--quiet", action="store_true", help="print only problems and the summary")
    build.set_defaults(run=run_build)

    serve = commands.add_parser(
        "serve", help="preview the site with live reload",
        description="Build, serve build/ on a local port, rebuild and reload the browser when sources change.",
    )
    add_site_options(serve)
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.set_defaults(run=run_serve)

    add_deploy_command(commands)

    clean = commands.add_parser(
        "clean", help="clean article files and show what was removed",
        description="Clean scraped text files: print (or write) the kept lines, optionally explain each removal.",
    )
    clean.add_argument("files", nargs="+", type=Path, metavar="FILE")
    clean.add_argument("--out", type=Path, metavar="DIR", help="write DIR/<file name> for each file instead of printing")
    clean.add_argument("--explain", action="store_true", help="print each removed line: FILE:LINE  RULE  reason  | text")
    clean.add_argument("--config", type=Path, help="site.yaml whose cleaning overrides apply (default: ./site.yaml if present)")
    clean.set_defaults(run=run_clean)

    dates = commands.add_parser(
        "dates", help="find and resolve date expressions in files",
        description="Print one JSON object per file: its temporal expressions with TIMEX3 values.",
    )
    dates.add_argument("files", nargs="+", type=Path, metavar="FILE")
    dates.add_argument("--dct", type=parse_day, metavar="YYYY-MM-DD",
                       help="publication date to resolve against (default: each file's front-matter date)")
    dates.set_defaults(run=run_dates)
    return parser


def add_site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=Path("site.yaml"), help="site settings (default: site.yaml)")
    parser.add_argument("--out", type=Path, help="output folder (default: build/ beside site.yaml)")
    parser.add_argument("--base-path", metavar="/REPO/", help="path the site is served under, e.g. /my-repo/")


def parse_day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from None


def run_build(args) -> int:
    from .build import build_site

    progress = Progress(quiet=args.quiet)
    result = build_site(args.config, args.out, base_path=args.base_path, strict=args.strict, progress=progress)
    report_problems(result.problems)
    print(result.summary(), file=sys.stderr)
    failed = result.problems.errors or (args.strict and result.problems.warnings)
    return 1 if failed else 0


def run_serve(args) -> int:
    from .serve import Preview

    Preview(args.config, args.out, args.base_path).serve(args.host, args.port)
    # Stopped: nothing is left to write (a build cut short leaves only a folder the next build
    # removes). Exit at once instead of tearing down a dossier's objects one by one, which kept a
    # stopped preview of 10,000 articles running for more than 25 s after Ctrl-C.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def report_problems(problems: Problems) -> None:
    for problem in problems.items:
        label = "warning: " if problem.severity == "warning" else "error: "
        print(label + str(problem), file=sys.stderr)


def read_files(paths: list[Path], zone, problems: Problems):
    """Read each file like an article (front matter allowed); unreadable ones go to `problems`."""
    from .content import read_article

    raws = []
    for path in paths:
        try:
            raws.append(read_article(path, Path.cwd(), zone, problems))
        except ProblemError as error:
            problems.add(error.problem)
    return raws


def run_clean(args) -> int:
    from .clean import clean_corpus
    from .config import load_config

    config_path = args.config or (Path("site.yaml") if Path("site.yaml").is_file() else None)
    config = load_config(config_path) if config_path else None
    problems = Problems()
    raws = read_files(args.files, config.zone if config else zoneinfo.ZoneInfo("UTC"), problems)
    out = check_clean_out(args.out, args.files, config.root if config else Path.cwd()) if args.out else None
    cleaned = clean_corpus(raws, config.overrides_for if config else None)
    if out:
        out.mkdir(parents=True, exist_ok=True)
    for path, clean in zip((Path(r.file) for r in raws), cleaned):
        text = "\n\n".join(line.text for line in clean.kept) + ("\n" if clean.kept else "")
        if out:
            (out / path.name).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        if args.explain:
            for removal in clean.removed:
                print(f"{clean.raw.file}:{removal.line}  {removal.rule}  {removal.reason}  | {removal.text}")
    report_problems(problems)
    return 1 if problems.errors else 0


def check_clean_out(out: Path, files: list[Path], root: Path) -> Path:
    """The resolved `clean --out` folder, or ProblemsError when writing DIR/<file name> there could replace
    a source: --out is, contains or is inside a folder of the project's sources (the ones a build
    refuses, see build.protected_dirs), a cleaned file would land on its own input, or two inputs
    share a file name (or differ only in case, one file on macOS and Windows) and would overwrite
    each other. Checked before anything is read or written."""
    target = out.expanduser().resolve()
    shown_out = _shown(out)
    fix = "pass --out a folder of its own, such as cleaned/"
    problems: list[Problem] = []
    protected = [root / "content", root / "templates", root / "static", root / "generator", root / ".git"]
    for place in (p.resolve() for p in protected):
        if target == place:
            problems.append(Problem(shown_out, None, f"refusing to write cleaned files into {_shown(place)}, a source folder", fix))
        elif target.is_relative_to(place):
            problems.append(Problem(shown_out, None, f"refusing to write cleaned files inside {_shown(place)}", fix))
        elif place.is_relative_to(target) and place.exists():
            problems.append(Problem(shown_out, None, f"refusing to write cleaned files into a folder that contains {_shown(place)}", fix))
        if problems:
            break
    if target.exists() and not target.is_dir():
        problems.append(Problem(shown_out, None, "is a file, not a folder", "pass --out a folder (it is made if missing)"))
    by_name: dict[str, dict[Path, Path]] = {}
    for file in files:
        source = file.expanduser().resolve()
        by_name.setdefault(file.name.casefold(), {}).setdefault(source, file)
        dest = target / file.name
        if dest.resolve() == source or (dest.exists() and source.exists() and os.path.samefile(dest, source)):
            problems.append(Problem(_shown(file), None, f"--out {shown_out} would write the cleaned text over this file itself",
                                    "choose another --out folder, so that the original is kept"))
    for sources in by_name.values():
        if len(sources) > 1:
            first, *others = sources.values()
            for other in others:
                case = " (names that differ only in case are one file on macOS and Windows)" if other.name != first.name else ""
                problems.append(Problem(
                    _shown(other), None,
                    f"has the same file name as {_shown(first)}, so both would be written to {_shown(out / first.name)}{case}",
                    "clean them in separate runs with different --out folders, or rename one",
                ))
    if problems:
        raise ProblemsError(problems)
    return target


def _shown(path: Path) -> str:
    """A path as people typed it: relative to the current folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(path)


def run_dates(args) -> int:
    from .enrich.dates import find_timexes

    problems = Problems()
    for raw in read_files(args.files, zoneinfo.ZoneInfo("UTC"), problems):
        dct = args.dct or raw.meta.date
        if dct is None:
            problems.add(Problem(raw.file, None, "no publication date to resolve against", "pass --dct or add 'date:' to its front matter"))
            continue
        timexes = [
            {"start": t.start + raw.body_offset, "end": t.end + raw.body_offset, "text": t.text, "type": t.type, "value": t.value}
            for t in find_timexes(raw.body, dct)
        ]
        print(json.dumps({"file": raw.file, "dct": dct.isoformat(), "timexes": timexes}, ensure_ascii=False))
    report_problems(problems)
    return 1 if problems.errors else 0
