#!/usr/bin/env python3
"""Live-reload latency: from saving a file to the preview serving the changed page.

    python bench/serve_latency.py DIR [--runs 5] [--hugo HUGO_SITE]

Starts `python -m generator serve --config DIR/site.yaml --port P` (P a free loopback port),
waits for the first build, then, `runs` times each: rewrites one article with a changed sentence
(a different article each time) and polls that article's page over HTTP every 10 ms until the
change is served; the same for a change to templates/article.html. Each change is undone and
the undo waited for before the next one. With --hugo, the same for `hugo server` on the Hugo
copy of the dossier (scale.py makes it). scale.py calls measure() and measure_hugo() directly.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLL = 0.010
TIMEOUT = 1800.0  # seconds to wait for one change (a template change re-renders every page)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cache-Control": "no-cache"})
        response = conn.getresponse()
        return response.status, response.read()
    except OSError:
        return 0, b""
    finally:
        conn.close()


def wait_for(port: int, path: str, test, timeout: float = TIMEOUT, proc: subprocess.Popen | None = None) -> float:
    """Poll `path` every 10 ms until test(status, body); seconds it took (ProcessLookupError if the server died)."""
    start = time.perf_counter()
    while True:
        status, body = get(port, path)
        if test(status, body):
            return time.perf_counter() - start
        if proc is not None and proc.poll() is not None:
            raise ProcessLookupError(f"server exited with {proc.returncode}")
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"{path} did not change within {timeout:.0f} s")
        time.sleep(POLL)


def edited_article(text: str, token: str) -> str:
    """The article with the last sentence of its longest paragraph replaced by one carrying `token`."""
    lines = text.split("\n")
    end_of_front = lines.index("---", 1) if lines and lines[0] == "---" else -1
    body = range(end_of_front + 1, len(lines))
    longest = max(body, key=lambda i: len(lines[i]))
    line = lines[longest].rstrip()
    cut = line.rstrip(".”\"").rfind(". ")
    head = line[: cut + 1] if cut > 0 else line
    lines[longest] = f"{head} Officials revised the account again in note {token}."
    return "\n".join(lines)


def edited_template(text: str, token: str) -> str:
    """The template with a visible line carrying `token` before its last block ends."""
    at = text.rfind("{% endblock %}")
    if at < 0:
        return text + f"\n<p class=\"bench-edit\">{token}</p>\n"
    return text[:at] + f'<p class="bench-edit">{token}</p>\n' + text[at:]


def save(path: Path, text: str) -> None:
    """Save the way an editor does: in place, one write."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def summary(times: list[float]) -> dict:
    return {"median": statistics.median(times), "min": min(times), "max": max(times), "runs": times} if times else {}


def pick_articles(records: list[dict], runs: int) -> list[dict]:
    """`runs` different articles from the middle of the list (their page paths are known)."""
    step = max(1, len(records) // (runs + 1))
    return [records[min(len(records) - 1, step * (k + 1))] for k in range(runs)]


def measure(dossier: Path, out: Path, runs: int = 5, log: Path | None = None, template_runs: int | None = None) -> dict:
    """Start our preview server on `dossier`, time `runs` article and `template_runs` (default: runs)
    template changes, stop it. The undo of the last change is not waited for."""
    template_runs = runs if template_runs is None else template_runs
    port = free_port()
    log = log or out.with_suffix(".log")
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "generator", "serve", "--config", str(dossier / "site.yaml"), "--out", str(out), "--port", str(port)]
    started = time.perf_counter()
    with open(log, "w") as log_file:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
                                preexec_fn=ctrl_c_as_in_a_terminal)
    result = {"article": [], "template": [], "first_build": None}
    try:
        wait_for(port, "/", lambda status, body: status == 200 or b"build failed" in log.read_bytes()[-20000:], proc=proc)
        if get(port, "/")[0] != 200:
            raise ProcessLookupError("the first build failed: " + first_error(log))
        result["first_build"] = time.perf_counter() - started
        records = json.loads((out / "data" / "articles.json").read_text(encoding="utf-8"))
        for k, record in enumerate(pick_articles(records, runs)):
            file = dossier / record["file"]
            page = "/" + record["path"]
            original = file.read_text(encoding="utf-8")
            token = "zx" + secrets.token_hex(5)
            try:
                t0 = time.perf_counter()
                save(file, edited_article(original, token))
                wait_for(port, page, lambda s, b, t=token.encode(): s == 200 and t in b, proc=proc)
                result["article"].append(time.perf_counter() - t0)
            finally:
                save(file, original)
            if k + 1 < runs or template_runs:
                wait_for(port, page, lambda s, b, t=token.encode(): s == 200 and t not in b, proc=proc)
        template = dossier / "templates" / "article.html"
        page = "/" + records[len(records) // 2]["path"]
        original = template.read_text(encoding="utf-8")
        for k in range(template_runs):
            token = "zx" + secrets.token_hex(5)
            try:
                t0 = time.perf_counter()
                save(template, edited_template(original, token))
                wait_for(port, page, lambda s, b, t=token.encode(): s == 200 and t in b, proc=proc)
                result["template"].append(time.perf_counter() - t0)
            finally:
                save(template, original)
            if k + 1 < template_runs:
                wait_for(port, page, lambda s, b, t=token.encode(): s == 200 and t not in b, proc=proc)
    except (TimeoutError, ProcessLookupError) as error:
        result["error"] = str(error)
    finally:
        stop(proc)
    return {"first_build": result["first_build"], "article": summary(result["article"]),
            "template": summary(result["template"]), "error": result.get("error")}


def measure_hugo(hugo: str, site: Path, records: list[dict], runs: int = 5, log: Path | None = None) -> dict:
    """The same article changes under `hugo server` (renders to memory, fast render mode: its defaults)."""
    port = free_port()
    cmd = [hugo, "server", "--source", str(site), "--port", str(port), "--bind", "127.0.0.1", "--disableLiveReload"]
    started = time.perf_counter()
    with open(log or os.devnull, "w") as log_file:
        proc = subprocess.Popen(cmd, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
                                preexec_fn=ctrl_c_as_in_a_terminal)
    times, error, first = [], None, None
    try:
        wait_for(port, "/", lambda status, body: status == 200, proc=proc)
        first = time.perf_counter() - started
        for record in pick_articles(records, runs):
            stem = Path(record["file"]).stem
            file = site / "content" / "posts" / f"{stem}.md"
            page = f"/posts/{stem}/"
            original = file.read_text(encoding="utf-8")
            wait_for(port, page, lambda s, b: s == 200, proc=proc)  # fast render: a page is built when first visited
            token = "zx" + secrets.token_hex(5)
            try:
                t0 = time.perf_counter()
                save(file, edited_article(original, token))
                wait_for(port, page, lambda s, b, t=token.encode(): s == 200 and t in b, proc=proc)
                times.append(time.perf_counter() - t0)
            finally:
                save(file, original)
            wait_for(port, page, lambda s, b, t=token.encode(): s == 200 and t not in b, proc=proc)
    except (TimeoutError, ProcessLookupError) as err:
        error = str(err)
    finally:
        stop(proc)
    return {"first_build": first, "article": summary(times), "error": error}


def first_error(log: Path) -> str:
    """The line after 'build failed' in the server's log."""
    lines = [ln for ln in log.read_text(errors="replace").splitlines() if not ln.startswith(("404 GET", "200 GET"))]
    for k, line in enumerate(lines):
        if "build failed" in line and k + 1 < len(lines):
            return lines[k + 1][:300]
    return "see " + str(log)


def ctrl_c_as_in_a_terminal() -> None:
    """In the server's process before it starts: SIGINT does what it does by default. A bench started
    in the background by a script ignores SIGINT, its children inherit that, and Python leaves an
    ignored SIGINT ignored: stop() would then measure nothing but its wait for SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def stop(proc: subprocess.Popen) -> None:
    """Ctrl-C, as a person stops it; then SIGTERM, then SIGKILL, if it does not go."""
    for sig, wait in ((signal.SIGINT, 15), (signal.SIGTERM, 10), (signal.SIGKILL, None)):
        if proc.poll() is not None:
            return
        os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            print(f"serve_latency: the server did not stop on {sig.name} within {wait} s", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dossier", type=Path, help="a dossier folder (bench/generate.py makes one)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, help="output folder (default: DIR/../<name>-serve-out)")
    args = parser.parse_args()
    out = args.out or args.dossier.parent / f"{args.dossier.name}-serve-out"
    print(json.dumps(measure(args.dossier.resolve(), out.resolve(), args.runs), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
