"""No cyclic garbage collection during a dossier-wide step of the cross-source engine.

The steps make no reference cycles, but allocate enough (tuples, small arrays) to set the collector
off again and again, and each full pass walks every live object of the build: at 10,000 articles
that is a tenth to half a second a pass. The cleaner and the topic engine do the same.
"""
from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def paused():
    """With this (or on a function: @paused()), the collector waits; then it runs as it did before."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
