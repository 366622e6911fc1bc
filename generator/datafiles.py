"""The data files of build/data/ as JSON bytes. A preview rebuild writes every one of them again
after any edit (about 200 MB of JSON at 10,000 articles, 3 s to encode); with a JsonParts kept
between builds, each record's JSON is kept beside the object it was made from, so a rebuild encodes
only the records of what changed and joins the others' JSON as it was.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Sequence

from .render import json_bytes


@dataclass(frozen=True)
class Records:
    """A data file that is a JSON list with one record per item. `record(item)` may read only the
    item and `context` (say, the outlets' names), so that the same item in the same context always
    has the same record."""

    record: Callable[[Any], Any]
    items: Sequence
    context: Any = None

    def __iter__(self):
        """The records, made one by one."""
        return map(self.record, self.items)

    def __len__(self) -> int:
        return len(self.items)


def encode(value: Any) -> str:
    """Compact JSON, as json_bytes writes it (the C encoder: default separators ', ' and ': ')."""
    return json.dumps(value, ensure_ascii=False, default=str)


class JsonParts:
    """The JSON of each record of the last build, by data file and by the identity of the object it
    was made from (records are made from frozen objects, which an unchanged article keeps)."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[Any, dict[int, tuple[object, str]]]] = {}  # path -> (context, id -> (item, JSON))

    def file_bytes(self, path: str, data: Any) -> bytes:
        """The file's bytes, equal to json_bytes of the whole value with its Records made lists: a
        Records, a dict of them and lists (data/coverage.json), or anything else."""
        if isinstance(data, Records):
            return self.joined(path, data.items, data.record, data.context).encode("utf-8") + b"\n"
        if isinstance(data, dict) and any(isinstance(v, (list, Records)) for v in data.values()):
            fields = [f"{encode(key)}: {self.value_json(f'{path}:{key}', value)}" for key, value in data.items()]
            return ("{" + ", ".join(fields) + "}\n").encode("utf-8")
        return json_bytes(data)

    def value_json(self, name: str, value: Any) -> str:
        if isinstance(value, Records):
            return self.joined(name, value.items, value.record, value.context)
        return self.joined(name, value, None, None) if isinstance(value, list) else encode(value)

    def joined(self, name: str, items: Sequence, record: Callable | None, context: Any) -> str:
        """'[' + each item's JSON + ']', reusing the JSON of items that are the same objects as last time."""
        last_context, last = self.kept.get(name, (None, {}))
        if last_context != context:
            last = {}
        now: dict[int, tuple[object, str]] = {}
        parts = []
        for item in items:
            known = last.get(id(item))
            if known is None or known[0] is not item:
                known = (item, encode(record(item) if record is not None else item))
            now[id(item)] = known
            parts.append(known[1])
        self.kept[name] = (context, now)
        return "[" + ", ".join(parts) + "]"


CHUNK = 1000  # records encoded at a time: one call of the C encoder each


def data_parts(data: Any) -> Iterator[bytes]:
    """A data file's bytes (those of json_bytes) in parts, for a build that keeps nothing for the
    next: the records of a list are made and encoded a chunk at a time, so that neither all of
    them nor the whole file are ever held (coverage.json alone is 95 MB at 10,000 articles)."""
    if isinstance(data, Records):
        parts = _list_parts(data)
    elif isinstance(data, dict) and all(isinstance(key, str) for key in data):
        parts = _dict_parts(data)
    else:
        parts = iter([encode(data)])
    for part in parts:
        yield part.encode("utf-8")
    yield b"\n"


def _list_parts(items: Iterable) -> Iterator[str]:
    yield "["
    items = iter(items)
    separator = ""
    while chunk := list(islice(items, CHUNK)):
        yield separator + encode(chunk)[1:-1]
        separator = ", "
    yield "]"


def _dict_parts(data: dict) -> Iterator[str]:
    yield "{"
    separator = ""
    for key, value in data.items():
        yield f"{separator}{encode(key)}: "
        yield from _list_parts(value) if isinstance(value, (list, Records)) else (encode(value),)
        separator = ", "
    yield "}"
