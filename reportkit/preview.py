"""``reportkit preview PACK``: the pack's web edition served on this machine, rebuilt on every edit.

A watcher polls the pack, the packs it takes papers from and the theme (a few hundred files at most,
so a stat of each every 0.2 s costs nothing and needs no extra library or OS-specific notifier). On a
change it re-reads the pack and rewrites only the HTML files that differ; no PDF or Word file is made.
Pages are served from build/PACK/html/ only, each with a small script added as it is sent (never
written to disk) that asks the server for the build's version and reloads the page when it changes,
or shows the build's one-line error while the last good page stays on screen.
"""

from __future__ import annotations

import json
import mimetypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Mapping
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote, urlsplit

from .build import pack_resources
from .check.engine import ChecksFailed, check_documents
from .errors import ContentError
from .papers import read_contents
from .web_edition import HTML, html_files

STATE_PATH = "/__preview/state"
SCRIPT_PATH = "/__preview/reload.js"
POLL_SECONDS = 0.2

RELOAD_SCRIPT = """(function () {
  var me = document.currentScript, shown = me.dataset.version;
  function banner(text) {
    var box = document.getElementById("preview-error");
    if (!text) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "preview-error"; box.setAttribute("role", "alert");
      box.style.cssText = "position:sticky;top:0;z-index:100;margin:0;padding:0.75rem 1rem;" +
        "background:#D4351C;color:#FFFFFF;font:bold 1rem/1.4 sans-serif;white-space:pre-wrap;";
      document.body.insertBefore(box, document.body.firstChild);
    }
    box.textContent = text;
  }
  function poll() {
    fetch("STATE_PATH", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (String(s.version) !== shown && !s.error) { location.reload(); return; }
      banner(s.error);
      setTimeout(poll, 250);
    }, function () { setTimeout(poll, 1000); });
  }
  poll();
})();
""".replace("STATE_PATH", STATE_PATH)


class BuildState:
    """The version of the last good build and the error of the last failed one, shared with the server."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.version = 0
        self.error = ""

    def succeeded(self) -> None:
        with self._lock:
            self.version += 1
            self.error = ""

    def failed(self, message: str) -> None:
        with self._lock:
            self.error = message

    def snapshot(self) -> dict[str, object]:
        with self._lock:
            return {"version": self.version, "error": self.error}


class PackWatcher:
    """The files the preview depends on, by size and modification time."""

    def __init__(self, folders: Callable[[], list[Path]]) -> None:
        self.folders = folders
        self.seen = self._scan()

    def changed(self) -> bool:
        now = self._scan()
        if now == self.seen:
            return False
        self.seen = now
        return True

    def _scan(self) -> dict[str, tuple[int, int]]:
        found = {}
        for folder in self.folders():
            for path in sorted(folder.rglob("*")):
                try:
                    stat = path.stat()
                except OSError:  # removed while we looked
                    continue
                found[str(path)] = (stat.st_mtime_ns, stat.st_size)
        return found


class Preview:
    """Rebuilds the web edition of one pack into build/PACK/, keeping the last good files on failure."""

    def __init__(self, root: Path, name: str, state: BuildState) -> None:
        self.root, self.name, self.state = root, name, state
        self.output = root / "build" / name
        self.watched = [root / "content" / name, root / "templates"]

    def rebuild(self) -> str:
        """Rebuild; return the line to print: what changed, or the build's own error message."""
        started = time.perf_counter()
        try:
            contents = read_contents(self.root, self.name)
            findings = check_documents(contents.pack, contents.documents, information=False)
            errors = [f for f in findings if f.severity == "error"]
            if errors:
                raise ChecksFailed(errors)
            files = html_files(contents, pack_resources(self.root, contents))  # the public edition only
        except ContentError as error:
            return self._fail(f"error: {error.located(self.root)}")
        except ChecksFailed as failed:
            return self._fail("\n".join(finding.located(self.root) for finding in failed.findings))
        theme = contents.pack.context.theme.folder
        self.watched = [contents.pack.folder, *contents.included.values(), theme, theme.parent / "_base"]
        written = sync(files, self.output, {HTML})
        self.state.succeeded()
        return f"rebuilt {self.name} in {time.perf_counter() - started:.2f} s ({written} files changed)"

    def _fail(self, message: str) -> str:
        self.state.failed(message)
        return message


def sync(files: Mapping[str, bytes], output: Path, folders: set[str]) -> int:
    """Make ``folders`` under ``output`` hold exactly ``files``: write those that differ (each replaced
    in one rename), remove the rest; return how many files changed."""
    changed = 0
    for name, content in files.items():
        target = output / name
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        partial.write_bytes(content)
        partial.replace(target)
        changed += 1
    for folder in sorted(folders):
        for path in sorted((output / folder).rglob("*")):
            name = path.relative_to(output).as_posix()
            if path.is_file() and name not in files:
                path.unlink()
                changed += 1
    return changed


def handler(site: Path, state: BuildState) -> type[BaseHTTPRequestHandler]:
    """Serves the files under ``site`` and the preview's state; every other path is 404."""
    base = site.resolve()

    class PreviewHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the name http.server calls
            path = unquote(urlsplit(self.path).path)
            if path == STATE_PATH:
                return self._send(json.dumps(state.snapshot()).encode(), "application/json")
            if path == SCRIPT_PATH:
                return self._send(RELOAD_SCRIPT.encode(), "text/javascript")
            target = (base / (path.lstrip("/") or "index.html")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_relative_to(base) or not target.is_file():
                if path in ("/", "/index.html") and state.snapshot()["error"]:
                    return self._send(_error_page(), "text/html; charset=utf-8")
                return self.send_error(HTTPStatus.NOT_FOUND)
            body = target.read_bytes()
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            if target.suffix == ".html":
                kind = "text/html; charset=utf-8"
                body = _with_script(body, int(str(state.snapshot()["version"])))
            return self._send(body, kind)

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the terminal shows rebuilds, not every request

    return PreviewHandler


def _with_script(page: bytes, version: int) -> bytes:
    tag = f'<script src="{SCRIPT_PATH}" data-version="{version}"></script>\n</body>'.encode()
    return page.replace(b"</body>", tag, 1)


def _error_page() -> bytes:
    """What "/" shows before the pack has ever built: the error, from the script, until it is fixed."""
    page = b'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Preview</title></head>' \
           b"<body><main><h1>The pack has not built yet</h1></main></body></html>"
    return _with_script(page, -1)


def preview(root: Path, name: str, host: str = "127.0.0.1", port: int = 0, out: TextIO = sys.stdout) -> int:
    """Serve and rebuild until Ctrl-C (exit code 0); 2 when the address cannot be listened on."""
    state = BuildState()
    build = Preview(root, name, state)
    server: ThreadingHTTPServer | None = None
    # Ctrl-C (and a polite kill) stop the preview even where the shell started it with interrupts ignored
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        print(build.rebuild(), file=out, flush=True)
        try:
            server = ThreadingHTTPServer((host, port), handler(build.output / HTML, state))
        except OSError as error:
            print(f"error: cannot listen on {host}:{port}: {error.strerror} (hint: choose another --port, or "
                  "leave it out for a free one)", file=sys.stderr)
            return 2
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, name="preview-server", daemon=True).start()
        print(f"previewing {name} at http://{host}:{server.server_address[1]}/ (Ctrl-C stops)", file=out, flush=True)
        watcher = PackWatcher(lambda: build.watched)
        while True:
            time.sleep(POLL_SECONDS)
            if watcher.changed():
                print(build.rebuild(), file=out, flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
    print("preview stopped", file=out, flush=True)
    return 0
