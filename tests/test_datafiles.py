"""The data files of build/data/: a preview keeps each record's JSON between builds and encodes only
what changed, and its files are byte for byte those of a build that keeps nothing."""
import json
from dataclasses import dataclass

from generator.build import Builder
from generator import datafiles
from generator.datafiles import JsonParts, Records, data_parts
from generator.parallel import Memo

from .conftest import run_dossier
from .test_cache_location import files_under


@dataclass(frozen=True)
class Item:
    name: str
    count: int


def counted(calls):
    def record(item):
        calls.append(item.name)
        return {"name": item.name, "count": item.count, "note": "é ≠ e"}
    return record


def test_records_are_encoded_once_while_their_objects_stay_the_same():
    calls = []
    record = counted(calls)
    first, second = Item("a", 1), Item("b", 2)
    parts = JsonParts()
    expected = (json.dumps([record(first), record(second)], ensure_ascii=False) + "\n").encode()
    calls.clear()
    assert parts.file_bytes("data/x.json", Records(record, [first, second])) == expected
    assert calls == ["a", "b"]
    changed = Item("b", 3)
    again = parts.file_bytes("data/x.json", Records(record, [first, changed]))
    assert calls == ["a", "b", "b"]  # only the new object is encoded
    assert json.loads(again) == [record(first), record(changed)]
    assert again == b"".join(data_parts(Records(record, [first, changed])))


def test_a_changed_context_encodes_every_record_again():
    calls = []
    record = counted(calls)
    items = [Item("a", 1), Item("b", 2)]
    parts = JsonParts()
    parts.file_bytes("data/x.json", Records(record, items, {"k": "Name"}))
    parts.file_bytes("data/x.json", Records(record, items, {"k": "Other name"}))
    assert calls == ["a", "b", "a", "b"]


def test_a_dict_of_lists_is_encoded_like_json_dumps():
    kept = {"label": "kept", "refs": [{"line": 3}]}
    data = {"sources": [{"key": "a"}], "items": [kept, {"label": "new"}], "empty": [], "n": 2}
    parts = JsonParts()
    assert parts.file_bytes("data/c.json", data) == (json.dumps(data, ensure_ascii=False) + "\n").encode()
    assert parts.file_bytes("data/c.json", data) == b"".join(data_parts(data))


def test_data_written_in_chunks_is_json_dumps_of_the_whole(monkeypatch):
    monkeypatch.setattr(datafiles, "CHUNK", 2)  # so that five records make three chunks
    items = [Item(name, n) for n, name in enumerate("abcde")]
    record = counted([])
    whole = (json.dumps([record(item) for item in items], ensure_ascii=False) + "\n").encode()
    parts = list(data_parts(Records(record, items)))
    assert b"".join(parts) == whole
    assert len(parts) > 3  # it came in pieces, not as one string
    nested = {"sources": [{"key": "a"}], "items": [record(item) for item in items], "empty": [], "n": 2}
    assert b"".join(data_parts(nested)) == (json.dumps(nested, ensure_ascii=False) + "\n").encode()
    assert b"".join(data_parts(Records(record, []))) == b"[]\n"


def test_a_preview_rebuild_writes_the_data_files_a_fresh_build_writes(project, tmp_path):
    builder = Builder(project / "site.yaml")
    builder.memo = Memo()  # as the preview server keeps one
    builder.build()
    article = project / "content/articles/harbour-bridge.txt"
    article.write_text(article.read_text().replace("three months", "four months"))
    builder.build()
    fresh = run_dossier("build", "--out", str(tmp_path / "fresh"), cwd=project)
    assert fresh.returncode == 0, fresh.stderr
    data = [p for p in files_under(tmp_path / "fresh") if p.startswith("data/")]
    assert len(data) == 6
    for path in data:
        assert (project / "build" / path).read_bytes() == (tmp_path / "fresh" / path).read_bytes(), path
