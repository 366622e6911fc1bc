"""Write: the rendered site goes into a fresh folder that replaces build/ in one step.

Safety first: the output folder may not be, or contain, the project, its content or templates, and
an existing output folder is only replaced when a marker file says dossier made it. Nothing outside
the output folder and its own temporary siblings is ever written or deleted.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import secrets
import shutil
from pathlib import Path
from typing import Callable

from .problems import Problem, ProblemError

MARKER = ".dossier-build.json"


def check_output_dir(out: Path, root: Path, protected: list[Path]) -> Path:
    """The resolved output folder, or ProblemError if writing there could destroy something."""
    target = out.expanduser().resolve()
    home = Path.home().resolve()
    danger = [Path("/"), home, root.resolve(), *(p.resolve() for p in protected)]
    for place in danger:
        if target == place or place.is_relative_to(target):
            raise ProblemError(
                Problem(str(out), None, f"refusing to build into {target}: it is or contains {place}",
                        "choose an output folder of its own, such as build/")
            )
    for place in protected:
        if target.is_relative_to(place.resolve()):
            raise ProblemError(
                Problem(str(out), None, f"refusing to build inside {place}", "choose an output folder outside it")
            )
    if target.exists() and not is_ours(target):
        if not target.is_dir() or any(target.iterdir()):
            raise ProblemError(
                Problem(str(out), None, "this folder exists and was not made by dossier, so it will not be replaced",
                        "move it away or choose another --out")
            )
    return target


def is_ours(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def read_manifest(folder: Path) -> dict:
    """What the build that made `folder` recorded about itself; {} when unknown or unreadable."""
    try:
        return json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_site(
    files: dict[str, bytes],
    static_dir: Path | None,
    out: Path,
    previous: dict[str, bytes] | None = None,
    finish: Callable[[Path, Path], None] | None = None,
    record: dict | None = None,
) -> int:
    """Write `files` (output path -> bytes) and a copy of static/ into a fresh folder, then swap it in.

    A file whose bytes are those of the `previous` build is hard-linked from the current site
    instead of written again. `finish(fresh, current)` runs on the complete fresh folder before the
    swap (the search index is made there), with the current site beside it to reuse from.
    `record` is kept in the marker file for the next build (see read_manifest).
    Returns how many files were written."""
    remove_leftovers(out)
    previous = previous if previous and is_ours(out) else {}
    fresh = out.with_name(f"{out.name}.new-{secrets.token_hex(4)}")
    written = 0
    try:
        fresh.mkdir(parents=True)
        if static_dir and static_dir.is_dir():
            shutil.copytree(static_dir, fresh / "static", ignore=shutil.ignore_patterns(".*", "*~"))
        made_dirs = set()
        for path, data in files.items():
            target = safe_join(fresh, path)
            if target.parent not in made_dirs:
                target.parent.mkdir(parents=True, exist_ok=True)
                made_dirs.add(target.parent)
            if previous.get(path) == data and link_from(out / path, target):
                continue
            target.write_bytes(data)
            written += 1
        if finish is not None:
            finish(fresh, out)
        manifest = {"generator": "dossier", **(record or {}), "files": sorted(files)}
        (fresh / MARKER).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        swap_in(fresh, out)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return written


def link_from(old: Path, new: Path) -> bool:
    try:
        os.link(old, new)
        return True
    except OSError:
        return False


def safe_join(folder: Path, relative: str) -> Path:
    """folder/relative, refusing any path that would land outside folder."""
    target = (folder / relative).resolve()
    if not target.is_relative_to(folder.resolve()) or target == folder.resolve():
        raise ValueError(f"output path {relative!r} escapes the output folder")
    return target


def swap_in(fresh: Path, out: Path) -> None:
    """Make `fresh` the new `out`; the old site is removed only after the swap succeeded."""
    if not out.exists():
        os.rename(fresh, out)
        return
    if exchange(fresh, out):
        shutil.rmtree(fresh)  # now holds the previous site
        return
    old = out.with_name(f"{out.name}.old-{secrets.token_hex(4)}")
    os.rename(out, old)
    os.rename(fresh, out)
    shutil.rmtree(old)


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def remove_leftovers(out: Path) -> None:
    """Remove half-written or old sites that an interrupted build of ours left beside `out`."""
    parent = out.parent
    if not parent.is_dir():
        return
    for pattern in (f"{out.name}.new-*", f"{out.name}.old-*"):
        for leftover in parent.glob(pattern):
            if leftover.is_dir() and (is_ours(leftover) or leftover.name.startswith(f"{out.name}.new-")):
                shutil.rmtree(leftover, ignore_errors=True)
    if out.is_dir() and not is_ours(out) and not any(out.iterdir()):
        out.rmdir()
