"""The preview server: a real server on a loopback port, real files edited, real HTTP requests."""
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from .conftest import ROOT

BUILT = re.compile(r"^dossier: built (\d+) articles")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServeProcess:
    """`python -m generator serve` in a project, with its output collected line by line."""

    def __init__(self, project, *args):
        self.port = free_port()
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--port", str(self.port), *args],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for(lambda: any("serving on" in line for line in self.lines), "the server to start")

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def builds(self) -> int:
        return sum(1 for line in self.lines if BUILT.match(line) or "build failed" in line)

    def wait_for(self, condition, what: str, timeout: float = 20.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            if self.process.poll() is not None:
                raise AssertionError(f"server exited while waiting for {what}:\n" + "\n".join(self.lines))
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}:\n" + "\n".join(self.lines[-20:]))

    def wait_for_builds(self, count: int):
        self.wait_for(lambda: self.builds >= count, f"build number {count}")

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def server(project):
    running = ServeProcess(project)
    yield running
    running.stop()


ARTICLE = "/articles/harbour-bridge-reopens-after-repairs.html"


def test_serves_the_site_with_the_livereload_script(server):
    status, page = server.get("/index.html")
    assert status == 200
    assert "Harbour bridge reopens after repairs" in page
    assert "livereload.js" in page and page.index("livereload.js") < page.index("</head>")
    assert server.get("/")[0] == 200
    assert server.get("/no/such/page")[0] == 404


def test_editing_an_article_rebuilds_and_serves_the_change(server, project):
    builds = server.builds
    path = project / "content/articles/harbour-bridge.txt"
    path.write_text(path.read_text().replace("three months of repairs", "ninety days of welding"))
    server.wait_for_builds(builds + 1)
    assert "ninety days of welding" in server.get(ARTICLE)[1]


def test_deleted_article_disappears_from_every_page(server, project):
    builds = server.builds
    (project / "content/articles/market.md").unlink()
    server.wait_for_builds(builds + 1)
    assert server.get("/articles/christmas-market-draws-record-crowds.html")[0] == 404
    assert "Christmas market" not in server.get("/index.html")[1]


def test_renamed_article_leaves_no_stale_page(server, project):
    builds = server.builds
    old = project / "content/articles/market.md"
    text = old.read_text().replace("Christmas market draws record crowds", "Winter fair breaks attendance record")
    old.unlink()
    (project / "content/articles/fair.md").write_text(text)
    server.wait_for_builds(builds + 1)
    time.sleep(0.3)  # a second build may follow a split burst; wait for the final state
    assert server.get("/articles/christmas-market-draws-record-crowds.html")[0] == 404
    assert server.get("/articles/winter-fair-breaks-attendance-record.html")[0] == 200
    assert "Winter fair" in server.get("/index.html")[1]


def test_a_burst_of_saves_gives_one_build_with_the_final_state(server, project):
    builds = server.builds
    for n in range(20):
        (project / f"content/articles/burst-{n}.txt").write_text(
            f"---\ntitle: Burst article {n}\ndate: 2021-12-01\n---\nArticle number {n} of a burst of saves.\n"
        )
    server.wait_for_builds(builds + 1)
    time.sleep(1.0)
    assert server.builds == builds + 1
    home = server.get("/index.html")[1]
    assert all(f"Burst article {n}<" in home for n in range(20))


def test_build_error_shows_an_overlay_keeps_the_last_site_and_recovers(server, project):
    builds = server.builds
    config = project / "site.yaml"
    good = config.read_text()
    config.write_text("title: [unclosed\n")
    server.wait_for_builds(builds + 1)
    status, page = server.get(ARTICLE)
    assert status == 200 and "three months of repairs" in page  # the last good site
    assert 'id="dossier-build-error"' in page and "site.yaml:" in page
    config.write_text(good)
    server.wait_for_builds(builds + 2)
    assert 'id="dossier-build-error"' not in server.get(ARTICLE)[1]


def test_template_error_names_the_template_and_line(server, project):
    builds = server.builds
    template = project / "templates/article.html"
    template.write_text(template.read_text().replace("{% block main %}", "{% block main %}\n{% if %}", 1))
    server.wait_for_builds(builds + 1)
    page = server.get(ARTICLE)[1]
    assert re.search(r"templates/article\.html:\d+: template error", page)


def test_serves_under_a_project_base_path(project):
    running = ServeProcess(project, "--base-path", "/REPO/")
    try:
        assert running.get("/REPO/index.html")[0] == 200
        assert running.get("/REPO/static/site.css")[0] == 200
        assert "Harbour bridge" in running.get("/")[1]  # redirected to /REPO/
        assert running.get("/index.html")[0] == 404
    finally:
        running.stop()


@pytest.mark.parametrize("signal_number", [2, 15])  # SIGINT, as Ctrl-C sends, and SIGTERM, as kill sends
def test_ctrl_c_and_kill_stop_the_server_cleanly(project, signal_number):
    running = ServeProcess(project)
    running.process.send_signal(signal_number)
    assert running.process.wait(timeout=10) == 0
    time.sleep(0.2)
    assert any("stopped" in line for line in running.lines)


def test_the_open_page_in_a_browser_shows_the_edit_without_a_manual_reload(server, project, browser):
    page = browser.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.port}{ARTICLE}")
        page.wait_for_function("() => window.LiveReload !== undefined", timeout=10000)
        page.wait_for_timeout(300)  # the websocket handshake
        builds = server.builds
        path = project / "content/articles/harbour-bridge.txt"
        path.write_text(path.read_text().replace("three months of repairs", "a long winter of repairs"))
        server.wait_for_builds(builds + 1)
        page.wait_for_function(
            "() => document.body !== null && document.body.innerText.includes('a long winter of repairs')", timeout=10000
        )
        # then an error appears as an overlay on the open page, and goes when fixed
        config = project / "site.yaml"
        good = config.read_text()
        config.write_text("title: [unclosed\n")
        page.wait_for_selector("#dossier-build-error", timeout=10000)
        assert "site.yaml:" in page.inner_text("#dossier-build-error")
        config.write_text(good)
        page.wait_for_selector("#dossier-build-error", state="detached", timeout=10000)
        assert "a long winter of repairs" in page.inner_text("main")
    finally:
        page.close()
