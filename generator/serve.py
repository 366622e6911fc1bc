"""Preview: build, serve build/ with live reload, rebuild when content, templates, static or site.yaml change.

python-livereload serves and talks to the browser; what it lacks we do ourselves: we watch the
sources with watchdog (never build/), wait for a short quiet spell so a burst of saves is one
build, rebuild in a worker thread with the incremental Builder, and tell browsers to reload right
away (livereload's own watcher ignores changes within 3 s of the last reload). A failed build
keeps the last good site and shows an overlay naming the file and line, until a build succeeds.
"""
from __future__ import annotations

import html
import signal
import mimetypes
import threading
import time
import traceback
from pathlib import Path

from livereload import Server
from livereload.handlers import LiveReloadHandler
from tornado.ioloop import IOLoop
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from .build import Builder
from .parallel import Memo
from .search import SearchIndex
from .config import ConfigErrors
from .output import remove_in_background, safe_join
from .problems import ProblemError
from .progress import Progress

QUIET_SECONDS = 0.1  # wait for this long without a change before building


class QuietWatcher:
    """Stands in for livereload's watcher: it never reloads by itself (we decide when)."""

    def __init__(self):
        self._tasks = {"dossier": None}  # non-empty, so livereload does not watch the working directory
        self._changes = []
        self.filepath = None

    def watch(self, *args, **kwargs):
        pass

    def start(self, callback) -> bool:
        return True  # "started": livereload then sets up no polling of its own

    def examine(self):
        return None, None


class Preview:
    def __init__(self, config_path: Path, out: Path | None = None, base_path: str | None = None):
        self.builder = Builder(config_path, out, base_path=base_path, progress=Progress())
        self.builder.finish = SearchIndex(background=True)
        self.builder.memo = Memo()
        self.builder.remove_old_site = remove_in_background
        self.config_path = Path(config_path)
        self.error: str | None = None
        self.out: Path | None = None
        self.base_path = "/"
        self.builds = 0
        self._changed = threading.Event()
        self._last_change = 0.0
        self._stop = threading.Event()
        self._loop: IOLoop | None = None

    # -- building ---------------------------------------------------------------------------

    def build(self) -> bool:
        """One build; on failure the last good site stays and the error is kept for the overlay."""
        try:
            result = self.builder.build()
        except (ProblemError, ConfigErrors) as error:
            self.error = str(error)
        except Exception:  # noqa: BLE001 - a bug must not stop the preview either
            self.error = "dossier crashed while building:\n" + traceback.format_exc(limit=8)
        else:
            self.out, self.base_path = result.out, result.base_path
            problems = result.problems.errors
            self.error = "\n".join(str(p) for p in problems) if problems else None
            print(result.summary(), flush=True)
        self.builds += 1
        if self.error:
            print("dossier: build failed, still serving the last good site:\n" + self.error, flush=True)
        return self.error is None

    def source_changed(self) -> None:
        self._last_change = time.monotonic()
        self._changed.set()

    def rebuild_loop(self) -> None:
        """Rebuild after each burst of changes, once the sources have been quiet for a moment."""
        while not self._stop.is_set():
            if not self._changed.wait(timeout=0.5):
                continue
            while time.monotonic() - self._last_change < QUIET_SECONDS:
                time.sleep(QUIET_SECONDS / 2)
            self._changed.clear()
            self.build()
            self.reload_browsers()

    def reload_browsers(self) -> None:
        if self._loop is not None:
            self._loop.add_callback(LiveReloadHandler.reload_waiters, "*")

    # -- serving ----------------------------------------------------------------------------

    def wsgi(self, environ, start_response):
        """Serve the current build/ under the base path, with 404.html and the error overlay."""
        path = environ.get("PATH_INFO", "/")
        if not path.startswith(self.base_path):
            if path in ("/", ""):
                start_response("302 Found", [("Location", self.base_path)])
                return [b""]
            return self.not_found(start_response)
        relative = path[len(self.base_path):]
        file = self.find(relative)
        if file is None:
            return self.not_found(start_response)
        return self.respond(start_response, "200 OK", file)

    def find(self, relative: str) -> Path | None:
        if self.out is None:
            return None
        try:
            target = safe_join(self.out, relative or "index.html")
        except ValueError:
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def not_found(self, start_response):
        page = self.find("404.html")
        if page is None:  # no good site yet: a bare page that shows the overlay and reloads when fixed
            start_response("404 Not Found", [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")])
            body = b"<!doctype html><html><head><title>dossier preview</title></head><body><p>No site built yet.</p></body></html>"
            return [self.with_overlay(body)]
        return self.respond(start_response, "404 Not Found", page)

    def respond(self, start_response, status: str, file: Path):
        try:
            body = file.read_bytes()
        except OSError:  # swapped away between finding and reading: try once more
            found = self.find(str(file.relative_to(self.out))) if self.out else None
            body = found.read_bytes() if found else b""
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind == "text/html":
            body = self.with_overlay(body)
            kind += "; charset=utf-8"
        start_response(status, [("Content-Type", kind), ("Cache-Control", "no-store")])
        return [body]

    def with_overlay(self, body: bytes) -> bytes:
        if not self.error:
            return body
        overlay = (
            '<div id="dossier-build-error" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:50vh;'
            "overflow:auto;z-index:99999;margin:0;padding:1rem 1.25rem;background:#7a0b0b;color:#fff;"
            'font:14px/1.45 ui-monospace,monospace;box-shadow:0 -4px 16px rgba(0,0,0,.4)">'
            "<strong>Build failed: showing the last good site.</strong>"
            f'<pre style="white-space:pre-wrap;margin:.5rem 0 0">{html.escape(self.error)}</pre></div>'
        ).encode("utf-8")
        if b"</body>" in body:
            return body.replace(b"</body>", overlay + b"</body>", 1)
        return body + overlay

    # -- running ----------------------------------------------------------------------------

    def watch(self) -> Observer:
        root = self.config_path.resolve().parent
        handler = SourceEvents(self, root, self.config_path.resolve())
        observer = Observer()
        for folder in ("content", "templates", "static"):
            if (root / folder).is_dir():
                observer.schedule(handler, str(root / folder), recursive=True)
        observer.schedule(handler, str(root), recursive=False)  # site.yaml only; filtered below
        observer.daemon = True
        observer.start()
        return observer

    def serve(self, host: str = "127.0.0.1", port: int = 8000) -> None:
        signal.signal(signal.SIGTERM, stop_on_signal)  # `kill` stops it as cleanly as Ctrl-C
        self.build()
        observer = self.watch()
        worker = threading.Thread(target=self.rebuild_loop, name="dossier-rebuild", daemon=True)
        worker.start()
        self._loop = IOLoop.current()
        server = Server(app=self.wsgi, watcher=QuietWatcher())
        server._setup_logging = lambda: None  # livereload would log every request at INFO
        print(f"dossier: serving on http://{host}:{port}{self.base_path} (Ctrl-C to stop)", flush=True)
        try:
            server.serve(host=host, port=port, debug=False, restart_delay=0)
        except KeyboardInterrupt:
            pass  # Ctrl-C before livereload's own handler is in place: the same clean stop
        finally:
            self._stop.set()
            self.builder.finish.stop()
            observer.stop()
            print("dossier: stopped", flush=True)


def stop_on_signal(signum, frame):
    raise KeyboardInterrupt


class SourceEvents(FileSystemEventHandler):
    """Any change under content/, templates/, static/, or to site.yaml itself."""

    IGNORED_SUFFIXES = (".swp", ".swx", "~", ".tmp", ".pyc")

    def __init__(self, preview: Preview, root: Path, config_file: Path):
        self.preview = preview
        self.root = root
        self.config_file = config_file

    def on_any_event(self, event) -> None:
        if event.event_type in ("opened", "closed_no_write") or (event.is_directory and event.event_type == "modified"):
            return  # reads, and a folder's own time changing with its entries: not changes
        paths = [Path(p) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        if any(self.relevant(p) for p in paths):
            self.preview.source_changed()

    def relevant(self, path: Path) -> bool:
        if path.name.endswith(self.IGNORED_SUFFIXES) or path == self.root:
            return False
        if path.parent == self.root:
            return path == self.config_file or path.name in ("content", "templates", "static")
        return True
