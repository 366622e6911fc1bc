"""Progress for people: a bar on a terminal, plain lines in logs, one summary line at the end."""
from __future__ import annotations

import sys
import time
from typing import Iterable, Iterator, TextIO, TypeVar

T = TypeVar("T")


class Progress:
    def __init__(self, stream: TextIO | None = None, quiet: bool = False):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.monotonic()

    def stage(self, label: str, items: Iterable[T], total: int | None = None) -> Iterator[T]:
        """Yield `items`, drawing a bar on a terminal; in logs one line per stage."""
        total = total if total is not None else (len(items) if hasattr(items, "__len__") else None)
        if self.quiet:
            yield from items
            return
        if not self.tty:
            self.stream.write(f"dossier: {label}" + (f" ({total})" if total is not None else "") + "\n")
            self.stream.flush()
            yield from items
            return
        done = 0
        for item in items:
            yield item
            done += 1
            if total and (done == total or done % max(1, total // 50) == 0):
                filled = int(30 * done / total)
                self.stream.write(f"\r{label:<12} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
                self.stream.flush()
        self.stream.write("\r\033[K" if total else "")
        self.stream.flush()

    def say(self, line: str) -> None:
        if not self.quiet:
            self.stream.write(line + "\n")
            self.stream.flush()

    def restart(self) -> None:
        self.started = time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self.started
