"""Write: the rendered site goes into a fresh folder that replaces build/ in one step.

Safety first: the output folder may not be, or contain, the project, its content or templates, and
an existing output folder is only replaced when a marker file says dossier made it. Nothing outside
the output folder and its own temporary siblings is ever written or deleted.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import posixpath
import secrets
import shutil
import threading
from pathlib import Path
from typing import Callable, Iterable

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


class FreshSite:
    """The next site, written file by file into a fresh folder beside `out`, then swapped in whole.

    Pages go straight to disk as they are rendered (the forked render workers write them too), so
    a build never holds the whole site's bytes. A file whose digest is the one its copy in the
    current site had (`previous`: path -> digest, from this process's last build) is hard-linked
    from there instead of written again. Nothing is visible at `out` until `publish`."""

    def __init__(self, out: Path, previous: dict[str, bytes] | None = None):
        remove_leftovers(out)
        self.out = out
        self.previous = previous if previous and is_ours(out) else {}
        self.folder = out.with_name(f"{out.name}.new-{secrets.token_hex(4)}")
        self.folder.mkdir(parents=True)
        self._made_dirs: set[Path] = set()

    def put(self, path: str, data: bytes) -> tuple[bytes, bool]:
        """Add one file: (its digest, True when written, False when linked from the current site)."""
        digest = file_digest(data)
        target = self._target(path)
        if self.previous.get(path) == digest and link_from(self.out / path, target):
            return digest, False
        target.write_bytes(data)
        return digest, True

    def put_parts(self, path: str, parts: Iterable[bytes]) -> tuple[bytes, bool]:
        """put for a file made in parts (a data file of a hundred MB at 10,000 articles), written as
        the parts come so that it is never held whole: (its digest, whether its bytes changed)."""
        digest = file_hash()
        with open(self._target(path), "wb") as file:
            for part in parts:
                digest.update(part)
                file.write(part)
        found = digest.digest()
        return found, self.previous.get(path) != found

    def keep(self, path: str) -> bool:
        """Carry the current site's copy of `path` over unchanged; False if it cannot (then write it)."""
        return path in self.previous and link_from(self.out / path, self._target(path))

    def publish(self, static_dir: Path | None, paths: list[str], finish: Callable[[Path, Path], None] | None = None,
                record: dict | None = None, remove: Callable[[Path], None] = shutil.rmtree) -> None:
        """Copy static/, run `finish(fresh, current)` on the complete folder (the search index is made
        there, with the current site beside it to reuse from), write the marker listing `paths`
        and `record` (see read_manifest), swap the folder in for `out` and `remove` the old site."""
        if static_dir and static_dir.is_dir():
            shutil.copytree(static_dir, self.folder / "static", ignore=shutil.ignore_patterns(".*", "*~"))
        if finish is not None:
            finish(self.folder, self.out)
        manifest = {"generator": "dossier", **(record or {}), "files": sorted(paths)}
        (self.folder / MARKER).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        swap_in(self.folder, self.out, remove)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _target(self, path: str) -> Path:
        target = inside(self.folder, path)
        if target.parent not in self._made_dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made_dirs.add(target.parent)
        return target


def file_digest(data: bytes) -> bytes:
    return file_hash(data).digest()


def file_hash(data: bytes = b""):
    """The hash the site's files are told apart by, to be fed more bytes (FreshSite.put_parts)."""
    return hashlib.blake2b(data, digest_size=16)


def link_from(old: Path, new: Path) -> bool:
    try:
        os.link(old, new)
        return True
    except OSError:
        return False


def inside(folder: Path, relative: str) -> Path:
    """folder/relative for a path the build chose, refusing one that would leave folder. Checked
    by its text alone (a resolve per page cost 5 s at 10,000 articles): nothing but this build
    writes into the fresh folder, and it makes no symbolic links there."""
    normal = posixpath.normpath(relative)
    if normal in (".", "..") or normal.startswith(("/", "../")):
        raise ValueError(f"output path {relative!r} escapes the output folder")
    return folder / normal


def safe_join(folder: Path, relative: str) -> Path:
    """folder/relative, refusing any path that would land outside folder, symbolic links followed."""
    target = (folder / relative).resolve()
    if not target.is_relative_to(folder.resolve()) or target == folder.resolve():
        raise ValueError(f"output path {relative!r} escapes the output folder")
    return target


def swap_in(fresh: Path, out: Path, remove: Callable[[Path], None] = shutil.rmtree) -> None:
    """Make `fresh` the new `out`; the old site is removed only after the swap succeeded."""
    if not out.exists():
        os.rename(fresh, out)
        return
    if exchange(fresh, out):
        remove(fresh)  # now holds the previous site
        return
    old = out.with_name(f"{out.name}.old-{secrets.token_hex(4)}")
    os.rename(out, old)
    os.rename(fresh, out)
    remove(old)


def remove_in_background(folder: Path) -> None:
    """Remove an old site in a thread of its own, so that the preview tells browsers to reload
    without waiting for 18,000 files to be unlinked (10,000 articles). Left half-removed by an exit,
    it is a leftover of ours, which the next build removes."""
    threading.Thread(target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True},
                     name="remove-old-site", daemon=True).start()


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
