"""A YAML reader for people's files: YAML 1.2 scalars, no aliases, errors with line numbers.

PyYAML follows YAML 1.1, where an unquoted `NO` (Norway) becomes False and `2021-12-23` a date
object; we only resolve `true`/`false` as booleans and leave dates as strings for our own parser.
Anchors and aliases are refused: they enable "billion laughs" expansion and nobody needs them here.
So are texts over a size cap and nesting deeper than a depth cap (`[[[[...`), which would otherwise
end in Python's recursion limit with no line to point at.
"""
from __future__ import annotations

import re

import yaml


MAX_YAML_CHARS = 1_000_000
MAX_YAML_DEPTH = 100  # levels of lists and mappings; settings and front matter need a handful


class YamlError(ValueError):
    """A YAML problem at `line` (1-based, relative to the YAML text given); `fix` says what to do
    when the caller's general advice would not fit."""

    def __init__(self, message: str, line: int | None = None, fix: str = ""):
        super().__init__(message)
        self.message = message
        self.line = line
        self.fix = fix


class YamlLoader(yaml.SafeLoader):
    _depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlError(
                "YAML aliases (*name) are not allowed; write the value out in full",
                event.start_mark.line + 1,
            )
        # The composer recurses once per level; stopping here keeps a `[[[[...` bomb to a few
        # hundred parser events, and gives the line where the nesting went too deep.
        depth = self._depth
        if depth >= MAX_YAML_DEPTH:
            raise YamlError(
                f"too deeply nested: more than {MAX_YAML_DEPTH} levels of lists and mappings",
                self.peek_event().start_mark.line + 1,
                "remove the extra brackets or indentation",
            )
        self._depth = depth + 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth = depth


# Rebuild the implicit resolvers without YAML 1.1's yes/no/on/off booleans and timestamps.
YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

def load_yaml(text: str):
    """Parse one YAML document; raise YamlError with a line number on any problem."""
    if len(text) > MAX_YAML_CHARS:
        raise YamlError(f"too large: {len(text):,} characters of YAML, more than the {MAX_YAML_CHARS:,} allowed",
                        None, f"keep it under {MAX_YAML_CHARS:,} characters")
    try:
        return yaml.load(text, Loader=YamlLoader)  # noqa: S506 - YamlLoader is a SafeLoader
    except YamlError:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or str(error)
        if error.context:
            problem = f"{problem} ({error.context})"
        raise YamlError(f"not valid YAML: {problem}", mark.line + 1 if mark else None) from None
    except (yaml.YAMLError, RecursionError) as error:
        raise YamlError(f"not valid YAML: {error}") from None


def key_lines(text: str) -> dict[tuple, int]:
    """Map each key path in a YAML document to the 1-based line where its value starts."""
    try:
        root = yaml.compose(text, Loader=YamlLoader)  # noqa: S506 - YamlLoader is a SafeLoader
    except yaml.YAMLError:
        return {}
    lines: dict[tuple, int] = {}

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                lines[path + (key.value,)] = key.start_mark.line + 1
                walk(value, path + (key.value,))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                lines[path + (i,)] = item.start_mark.line + 1
                walk(item, path + (i,))

    if root is not None:
        walk(root, ())
    return lines
