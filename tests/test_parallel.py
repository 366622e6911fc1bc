"""The map over forked workers: results in order, and, for the disk cache, each result pickled by
the worker that made it."""
import os
import pickle
import signal
import time
from dataclasses import dataclass

import pytest

from generator import parallel
from generator.problems import ProblemError


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


def die_on_word_300(text: str) -> Word:
    if text == WORDS[300]:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel kills a process for want of memory
    return measure(text)


def test_a_worker_that_dies_stops_the_map_with_a_problem_instead_of_a_hang(monkeypatch):
    two_workers(monkeypatch)
    started = time.monotonic()
    with pytest.raises(ProblemError, match="worker process died"):
        parallel.parallel_map(die_on_word_300, WORDS)
    assert time.monotonic() - started < 60  # without the watch, the pool waits for ever


def child_pid_and(value):
    return os.getpid(), value * 2


def fail_in_child(message):
    raise ValueError(message)


def die_in_child(_):
    if os.getpid() != PARENT:
        os.kill(os.getpid(), signal.SIGKILL)
    return "made here"


PARENT = os.getpid()


def test_in_child_computes_in_another_process_and_raises_its_errors_here(monkeypatch):
    monkeypatch.setattr(parallel, "can_fork", lambda: True)  # as in a process without other threads
    pid, doubled = parallel.in_child(child_pid_and, 21)
    assert doubled == 42 and pid != os.getpid()
    with pytest.raises(ValueError, match="bad input"):
        parallel.in_child(fail_in_child, "bad input")


def test_in_child_computes_here_when_the_child_dies(monkeypatch):
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    assert parallel.in_child(die_in_child, None) == "made here"


def test_workers_are_fewer_when_memory_is_short(monkeypatch):
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(parallel, "memory_used", lambda: 8 << 30)
    monkeypatch.setattr(parallel, "memory_available", lambda: 9 << 30)  # room for two copies of half of it
    assert parallel.workers_for(1000) == 2
    monkeypatch.setattr(parallel, "memory_available", lambda: 5 << 30)  # for one
    assert parallel.workers_for(1000) == 1
    monkeypatch.setattr(parallel, "memory_available", lambda: 1 << 30)  # for none: the map works alone
    assert parallel.workers_for(1000) == 1
    assert parallel.parallel_map(measure, WORDS) == [Word(w, len(w)) for w in WORDS]


def test_this_machine_reports_its_memory():
    if not os.path.exists("/proc/meminfo"):
        pytest.skip("no /proc")
    assert parallel.memory_available() > 0 and parallel.memory_used() > 0
