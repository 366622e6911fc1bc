"""Render: Jinja templates -> page text in memory. Autoescaping is always on; links come from urls.

Each page gets a `url(target)` function bound to its own location, so every link it prints is
relative to it; only 404.html, which is served at any depth, gets base-path-absolute links.
"""
from __future__ import annotations

import datetime
import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
import markdown
import nh3
from markupsafe import Markup

from .problems import Problem, ProblemError
from .urls import absolute_path, full_url, links_from


@dataclass(frozen=True)
class PageSpec:
    """One page to render: where it goes, with which template, seeing what."""

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    absolute_links: bool = False  # only for 404.html
    always: bool = False  # re-render on every build (pages that show the whole dossier)


def make_environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["long_date"] = long_date
    env.filters["iso"] = lambda d: d.isoformat() if d else ""
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


@functools.lru_cache(maxsize=4096)  # strftime's %B is slow, and a dossier prints each date many times
def long_date(day: datetime.date | None) -> str:
    """23 December 2021 (no locale, no time zone: a date is a date)."""
    return f"{day.day} {day:%B %Y}" if day else "undated"


def template_closure(env: jinja2.Environment, name: str) -> set[str]:
    """`name` and every template it extends, includes or imports, however deep."""
    seen: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            source = env.loader.get_source(env, current)[0]
            parsed = env.parse(source)
        except jinja2.TemplateNotFound:
            raise ProblemError(Problem(f"templates/{current}", None, "template not found", "create it")) from None
        except jinja2.TemplateSyntaxError as error:
            raise ProblemError(template_problem(current, error.lineno, error.message)) from None
        pending.extend(n for n in jinja2.meta.find_referenced_templates(parsed) if n)
    return seen


def render_page(env: jinja2.Environment, spec: PageSpec, shared: dict[str, Any]) -> str:
    """One page; a template error becomes a ProblemError naming the template file and line."""
    base_path = shared["site"].base_path
    site_url = shared["site"].url

    if spec.absolute_links:
        def url(target: str) -> str:
            return absolute_path(target, base_path)
    else:
        url = links_from(spec.path)

    context = {
        **shared,
        **spec.context,
        "url": url,
        "page_path": spec.path,
        "canonical": full_url(spec.path, site_url),
    }
    try:
        return env.get_template(spec.template).render(context)
    except jinja2.TemplateSyntaxError as error:
        raise ProblemError(template_problem(error.filename or error.name, error.lineno, error.message)) from None
    except jinja2.TemplateNotFound as error:
        raise ProblemError(Problem(f"templates/{error.name}", None, "template not found", "create it")) from None
    except jinja2.UndefinedError as error:
        raise ProblemError(template_problem(*_template_frame(error, spec.template), str(error.message))) from None


def template_problem(filename: str | None, line: int | None, message: str) -> Problem:
    shown = "templates/" + Path(filename).name if filename else "templates"
    return Problem(shown, line, f"template error: {message}", "fix the template")


def _template_frame(error: BaseException, default: str) -> tuple[str, int | None]:
    """The innermost template file and line in a rendering traceback."""
    found = (default, None)
    tb = error.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.endswith(".html") or "templates" in code.co_filename:
            found = (code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def markdown_to_html(text: str) -> Markup:
    """Markdown from content/pages, converted and then sanitised: pages are not trusted either."""
    html = markdown.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    return Markup(nh3.clean(html, url_schemes=ALLOWED_URL_SCHEMES, link_rel="noopener noreferrer"))


def json_bytes(data: Any) -> bytes:
    """Compact JSON: without indent json.dumps uses its C encoder, several times faster on big data."""
    return (json.dumps(data, ensure_ascii=False, default=str) + "\n").encode("utf-8")
