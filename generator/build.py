"""The pipeline, end to end: load -> clean -> enrich -> assemble -> render -> write."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .clean import clean_corpus
from .config import Config, load_config
from .content import load_articles, load_pages
from .enrichment import enrich
from .output import check_output_dir, write_site
from .pages import data_files, page_specs
from .problems import Problems
from .progress import Progress
from .render import json_bytes, make_environment, markdown_to_html, render_pages
from .site import assemble


@dataclass(frozen=True)
class BuildResult:
    out: Path
    articles: int
    pages: int
    problems: Problems
    seconds: float

    def summary(self) -> str:
        p = self.problems
        return (
            f"dossier: built {self.articles} articles, {self.pages} pages written, "
            f"{len(p.warnings)} warnings, {len(p.errors)} errors in {self.seconds:.2f} s"
        )


def build_site(
    config_path: Path,
    out: Path | None = None,
    *,
    base_path: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
) -> BuildResult:
    """Build the whole site. Fatal problems (config, templates, output folder) raise ProblemError
    and leave the previous site untouched; problems with single articles are collected instead."""
    progress = progress or Progress(quiet=True)
    config = load_config(config_path, strict=strict, base_path=base_path)
    target = check_output_dir(Path(out) if out else config.root / "build", config.root, protected_dirs(config))
    problems = Problems(list(config.warnings))

    raws = load_articles(config.content_dir, config.root, config.zone, problems)
    pages = load_pages(config.content_dir, config.root, problems)
    cleaned = clean_corpus(list(progress.stage("cleaning", raws)), config.overrides_for)
    dossier = enrich(assemble(config, cleaned, pages, problems))

    files = render_site(config, dossier, progress)
    written = write_site(files, config.static_dir, target)
    return BuildResult(target, len(dossier.articles), written, problems, progress.elapsed())


def render_site(config: Config, dossier, progress: Progress) -> dict[str, bytes]:
    env = make_environment(config.templates_dir)
    env.filters["markdown"] = markdown_to_html
    shared = {"site": config, "dossier": dossier}
    specs = page_specs(dossier)
    files = render_pages(env, list(progress.stage("rendering", specs)), shared)
    files.update({path: json_bytes(data) for path, data in data_files(dossier).items()})
    return files


def protected_dirs(config: Config) -> list[Path]:
    return [config.content_dir, config.templates_dir, config.static_dir, config.root / "generator", config.root / ".git"]
