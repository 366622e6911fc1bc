"""A small declarative schema for YAML data people write: every bad key reported by its path.

A schema is a tree of `Field`s. `validate` walks the data beside it and returns the cleaned value
plus every problem as (key path, message); unknown keys are warnings, with a "did you mean" hint.
"""
from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Callable

Path = tuple  # a key path such as ("sources", "tass", "clean", "keep", 2)


class Invalid(ValueError):
    """A value is not what the field expects; the message says what was expected."""


@dataclass
class Findings:
    errors: list[tuple[Path, str]] = field(default_factory=list)
    warnings: list[tuple[Path, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Field:
    """A leaf: `check` turns the raw YAML value into the cleaned one or raises Invalid."""

    check: Callable[[Any], Any]
    default: Any = None
    required: bool = False
    doc: str = ""

    def validate(self, value, path: Path, found: Findings):
        try:
            return self.check(value)
        except Invalid as error:
            found.errors.append((path, str(error)))
            return self.default


@dataclass(frozen=True)
class Section:
    """A mapping with known keys."""

    fields: dict[str, Any]
    doc: str = ""
    default: Any = None
    required: bool = False

    def validate(self, value, path: Path, found: Findings) -> dict:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            found.errors.append((path, f"expected a mapping of keys ({', '.join(self.fields)}), got {describe(value)}"))
            value = {}
        result = {}
        for key, raw in value.items():
            if key not in self.fields:
                hint = difflib.get_close_matches(str(key), list(self.fields), n=1)
                known = f"did you mean '{hint[0]}'?" if hint else f"known keys: {', '.join(self.fields)}"
                found.warnings.append((path + (key,), f"unknown key '{key}' is ignored; {known}"))
        for key, spec in self.fields.items():
            if key in value and value[key] is not None:
                result[key] = spec.validate(value[key], path + (key,), found)
            elif spec.required:
                found.errors.append((path + (key,), f"'{key}' is required"))
                result[key] = spec.default
            else:
                result[key] = default_of(spec, path + (key,), found)
        return result


@dataclass(frozen=True)
class ListOf:
    item: Any
    doc: str = ""
    required: bool = False

    @property
    def default(self):
        return ()

    def validate(self, value, path: Path, found: Findings) -> tuple:
        if isinstance(value, (str, int, float, bool, dict)):
            found.errors.append((path, f"expected a list, got {describe(value)}; write it as [a, b] or one '- item' per line"))
            return ()
        return tuple(self.item.validate(v, path + (i,), found) for i, v in enumerate(value))


@dataclass(frozen=True)
class MapOf:
    """A mapping from names people choose (source keys, file names) to one kind of value."""

    item: Any
    doc: str = ""
    required: bool = False

    @property
    def default(self):
        return {}

    def validate(self, value, path: Path, found: Findings) -> dict:
        if not isinstance(value, dict):
            found.errors.append((path, f"expected a mapping of names to settings, got {describe(value)}"))
            return {}
        return {str(k): self.item.validate(v, path + (str(k),), found) for k, v in value.items()}


def default_of(spec, path: Path, found: Findings):
    if isinstance(spec, Section):
        return spec.validate({}, path, found)
    return spec.default


def validate(schema: Section, data) -> tuple[dict, Findings]:
    found = Findings()
    return schema.validate(data, (), found), found


def describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    kind = {int: "a number", float: "a number", str: "text"}.get(type(value), type(value).__name__)
    shown = repr(value) if len(repr(value)) < 40 else repr(value)[:37] + "..."
    return f"{shown} ({kind})"


def path_text(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# Checks: each returns the cleaned value or raises Invalid saying what was expected.

def text(value) -> str:
    if isinstance(value, (dict, list)) or isinstance(value, bool):
        raise Invalid(f"expected text, got {describe(value)}")
    return str(value).strip()


def boolean(value) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"expected true or false, got {describe(value)}")
    return value


def one_of(*choices: str) -> Callable[[Any], str]:
    def check(value) -> str:
        if value not in choices:
            raise Invalid(f"expected one of {', '.join(choices)}, got {describe(value)}")
        return value

    return check


def regex(value) -> re.Pattern:
    pattern = text(value)
    try:
        return re.compile(pattern)
    except re.error as error:
        raise Invalid(f"not a valid regular expression ({error}): {pattern!r}") from None


def http_url(value) -> str:
    url = text(value)
    if url and not re.match(r"^https?://[^\s/?#]+", url):
        raise Invalid(f"expected an http:// or https:// address, got {describe(value)}")
    return url


DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def iso_date(value) -> datetime.date:
    raw = text(value)
    match = DATE_RE.match(raw)
    try:
        if match:
            return datetime.date(*map(int, match.groups()))
        return datetime.datetime.fromisoformat(raw)  # the caller brings it into the site's zone
    except ValueError:
        pass
    raise Invalid(f"expected a date as YYYY-MM-DD (or an ISO date and time), got {describe(value)}")
