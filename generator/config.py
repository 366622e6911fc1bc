"""site.yaml: its schema, its validation (each bad key named, with its line) and the frozen Config."""
from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from . import schema as s
from .model import CleanOverrides, RawArticle
from .problems import Problem, ProblemsError
from .yamlload import MAX_YAML_CHARS, YamlError, key_lines, load_yaml


def _language(value) -> str:
    tag = s.text(value)
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", tag):
        raise s.Invalid(f"expected a language tag such as en or en-GB, got {s.describe(value)}")
    return tag


def _timezone(value) -> str:
    name = s.text(value)
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise s.Invalid(f"expected a time zone name such as UTC or Europe/Moscow, got {s.describe(value)}") from None
    return name


def _base_path(value) -> str:
    path = s.text(value)
    if not re.fullmatch(r"/([A-Za-z0-9._~-]+/)*", path):
        raise s.Invalid(f"expected a path that starts and ends with '/', such as / or /my-repo/, got {s.describe(value)}")
    return path


def _domain(value) -> str:
    name = s.text(value)
    if name and not re.fullmatch(r"(?=.{1,253}$)([A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}", name):
        raise s.Invalid(f"expected a domain name such as news.example.org, got {s.describe(value)}")
    return name


OVERRIDES = s.Section(
    {
        "keep": s.ListOf(s.Field(s.regex), doc="regular expressions: a matching line is always kept"),
        "drop": s.ListOf(s.Field(s.regex), doc="regular expressions: a matching line is always removed"),
    }
)

TOPIC = s.Section(
    {
        "name": s.Field(s.text, required=True, doc="the topic's display name"),
        "kind": s.Field(s.one_of("person", "organisation", "place", "theme"), default="theme"),
        "aliases": s.ListOf(s.Field(s.text), doc="other ways the text names it"),
        "description": s.Field(s.text, default=""),
    }
)

SITE_SCHEMA = s.Section(
    {
        "title": s.Field(s.text, default="Dossier", doc="the site's name, shown on every page"),
        "description": s.Field(s.text, default="", doc="one sentence for the home page and search engines"),
        "language": s.Field(_language, default="en", doc="language tag of the site (html lang)"),
        "timezone": s.Field(_timezone, default="UTC", doc="zone that article dates and times are read in"),
        "url": s.Field(s.http_url, default="", doc="the address the site is published at, for feeds and canonical links"),
        "base_path": s.Field(_base_path, default="", doc="path the site is served under; defaults to url's path or /"),
        "domain": s.Field(_domain, default="", doc="custom domain for GitHub Pages (written to CNAME)"),
        "sources": s.MapOf(
            s.Section(
                {
                    "name": s.Field(s.text, default="", doc="the outlet's display name"),
                    "url": s.Field(s.http_url, default=""),
                    "clean": OVERRIDES,
                }
            ),
            doc="per-outlet settings, keyed by the `source:` front matter value",
        ),
        "clean": s.Section(
            {**OVERRIDES.fields, "files": s.MapOf(OVERRIDES, doc="per-file overrides, keyed by file name")},
            doc="cleaning overrides for every article",
        ),
        "topics": s.ListOf(TOPIC, doc="the curated taxonomy: topics an editor names, with their aliases"),
    }
)


@dataclass(frozen=True)
class SourceSettings:
    key: str
    name: str
    url: str
    clean: CleanOverrides


@dataclass(frozen=True)
class TopicSpec:
    name: str
    kind: str
    aliases: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Config:
    root: Path
    file: str  # site.yaml as shown to people
    title: str
    description: str
    language: str
    timezone: str
    url: str
    base_path: str
    domain: str
    sources: Mapping[str, SourceSettings]
    clean: CleanOverrides
    clean_files: Mapping[str, CleanOverrides]
    topics: tuple[TopicSpec, ...]
    warnings: tuple[Problem, ...] = field(default=(), compare=False)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def static_dir(self) -> Path:
        return self.root / "static"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def source_name(self, key: str | None) -> str | None:
        if key is None:
            return None
        settings = self.sources.get(key)
        return settings.name if settings and settings.name else key

    def overrides_for(self, raw: RawArticle) -> CleanOverrides:
        """Site-wide, then the article's outlet, then its own file: all patterns apply."""
        parts = [self.clean]
        if raw.meta.source in self.sources:
            parts.append(self.sources[raw.meta.source].clean)
        name = Path(raw.file).name
        for key in (raw.file, name):
            if key in self.clean_files:
                parts.append(self.clean_files[key])
        return CleanOverrides(
            keep=tuple(p for o in parts for p in o.keep), drop=tuple(p for o in parts for p in o.drop)
        )


def load_config(path: Path, *, strict: bool = False, base_path: str | None = None) -> Config:
    """Read and validate site.yaml; raise ConfigErrors listing every error (and warnings if strict)."""
    path = Path(path)
    shown = _shown(path)
    try:
        with open(path, "rb") as file:  # no more than the cap allows, whatever the file's size
            data = file.read(4 * MAX_YAML_CHARS + 4)
            if len(data) > 4 * MAX_YAML_CHARS:  # more bytes than the most characters could take
                raise ConfigErrors([Problem(shown, None, f"too large: more than the {MAX_YAML_CHARS:,} characters allowed",
                                            f"keep it under {MAX_YAML_CHARS:,} characters")])
        text = data.decode("utf-8-sig")
    except FileNotFoundError:
        raise ConfigErrors([Problem(shown, None, "no such file", "create it or pass --config PATH")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigErrors([Problem(shown, None, f"cannot read it ({error})", "save it as UTF-8 text")]) from None
    try:
        data = load_yaml(text)
        lines = key_lines(text)
    except YamlError as error:
        raise ConfigErrors([Problem(shown, error.line, error.message, error.fix or "fix the YAML syntax")]) from None
    values, found = s.validate(SITE_SCHEMA, data)
    if data is not None and not isinstance(data, dict):
        found.errors[:] = [((), f"expected a mapping of settings (title: ..., sources: ...), got {s.describe(data)}")]
    errors = [_problem(shown, lines, p, m, "error") for p, m in found.errors]
    warnings = [_problem(shown, lines, p, m, "warning") for p, m in found.warnings]
    if base_path is not None:
        try:
            values["base_path"] = _base_path(base_path)
        except s.Invalid as error:
            errors.append(Problem("--base-path", None, str(error)))
    if strict:
        errors += [Problem(w.file, w.line, w.message + " (an error under --strict)", w.fix) for w in warnings]
    if errors:
        raise ConfigErrors(errors)
    return _config(path, shown, values, tuple(warnings))


class ConfigErrors(ProblemsError):
    """What is wrong with site.yaml."""


def _config(path: Path, shown: str, v: dict, warnings: tuple[Problem, ...]) -> Config:
    def overrides(section: dict) -> CleanOverrides:
        return CleanOverrides(keep=tuple(section["keep"]), drop=tuple(section["drop"]))

    sources = {
        key: SourceSettings(key, src["name"], src["url"], overrides(src["clean"])) for key, src in v["sources"].items()
    }
    base_path = v["base_path"] or _url_path(v["url"])
    return Config(
        root=path.resolve().parent,
        file=shown,
        title=v["title"],
        description=v["description"],
        language=v["language"],
        timezone=v["timezone"],
        url=v["url"].rstrip("/") + "/" if v["url"] else "",
        base_path=base_path,
        domain=v["domain"],
        sources=MappingProxyType(sources),
        clean=overrides(v["clean"]),
        clean_files=MappingProxyType({k: overrides(o) for k, o in v["clean"]["files"].items()}),
        topics=tuple(TopicSpec(t["name"], t["kind"], tuple(t["aliases"]), t["description"]) for t in v["topics"]),
        warnings=warnings,
    )


def _url_path(url: str) -> str:
    match = re.match(r"^https?://[^/]+(/.*)?$", url)
    path = (match.group(1) if match else None) or "/"
    return path if path.endswith("/") else path + "/"


def _problem(shown: str, lines: dict, path: s.Path, message: str, severity: str) -> Problem:
    line = None
    for cut in range(len(path), -1, -1):  # the nearest enclosing key that has a line
        if path[:cut] in lines:
            line = lines[path[:cut]]
            break
    where = s.path_text(path)
    text = f"{where}: {message}" if where else message
    return Problem(shown, line, text, "", severity)


def _shown(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
