"""The map over forked workers: results in order, and, for the disk cache, each result pickled by
the worker that made it."""
import pickle
from dataclasses import dataclass

from generator import parallel


@dataclass(frozen=True)
class Word:
    text: str
    length: int


def measure(text: str) -> Word:
    return Word(text, len(text))


WORDS = [f"word{'x' * (i % 7)}{i}" for i in range(450)]  # enough for two workers


def two_workers(monkeypatch):
    """Fork even when other tests left threads running in this process (the map then works alone)."""
    monkeypatch.setattr(parallel, "workers_for", lambda count: 2)


def test_forked_workers_return_every_result_in_order(monkeypatch):
    two_workers(monkeypatch)
    assert parallel.parallel_map(measure, WORDS) == [Word(w, len(w)) for w in WORDS]


def test_stored_map_gives_results_and_their_pickles_in_order_on_both_paths(monkeypatch):
    expected = [Word(w, len(w)) for w in WORDS]
    two_workers(monkeypatch)
    made, pickled = parallel.stored_map(measure, WORDS)  # over two workers
    assert made == expected and [pickle.loads(blob) for blob in pickled] == expected
    monkeypatch.setattr(parallel, "workers_for", lambda count: 1)
    made, pickled = parallel.stored_map(measure, WORDS)  # in this process
    assert made == expected and [pickle.loads(blob) for blob in pickled] == expected


def test_a_map_leaves_no_items_behind(monkeypatch):
    two_workers(monkeypatch)
    parallel.parallel_map(measure, WORDS)
    assert parallel._ITEMS == {}
