"""A local HTTP server that behaves like a static host (GitHub Pages) and records what each
request costs on the wire.

Like GitHub Pages it sends text gzip-compressed to clients that accept it, and lets
browsers cache for 10 minutes; Lighthouse judges the site as served, not as files.
Playwright reports worker scripts as 0 bytes, so bytes are counted on the server side:
files Pagefind already compresses (index, meta, fragments, wasm) count as stored,
everything else as its gzip -6 response.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
import urllib.parse
from pathlib import Path
from typing import Any

_GZIP_MAGIC = b"\x1f\x8b"
BLANK_PAGE = "/__bench_blank__.html"


@functools.lru_cache(maxsize=4096)
def _wire_body(path: Path, mtime_ns: int) -> tuple[bytes, bool]:
    """(body, gzipped) a gzip-enabled static host sends for this file (mtime_ns keys the cache)."""
    raw = path.read_bytes()
    if raw[:2] == _GZIP_MAGIC:
        return raw, False
    packed = gzip.compress(raw, 6, mtime=0)
    return (packed, True) if len(packed) < len(raw) else (raw, False)


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm", ".js": "text/javascript"}
    log: list[tuple[str, int]]

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def send_head(self) -> Any:
        if self.path == BLANK_PAGE:  # a same-origin page that loads nothing itself
            body = b"<!doctype html><html lang=en><title>bench</title></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        path = Path(self.translate_path(self.path))
        path = path / "index.html" if path.is_dir() and urllib.parse.urlsplit(self.path).path.endswith("/") else path
        if not path.is_file():
            return super().send_head()  # directory redirects and 404s, as usual
        body, gzipped = _wire_body(path, path.stat().st_mtime_ns)
        self.server.requests.append((self.path, len(body)))  # type: ignore[attr-defined]
        if not gzipped or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        super().end_headers()


class CountingServer:
    """Serve a folder on 127.0.0.1; `requests` lists (path, wire bytes) since the last reset()."""

    def __init__(self, directory: Path):
        handler = functools.partial(_CountingHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.requests = []  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def requests(self) -> list[tuple[str, int]]:
        return self.httpd.requests  # type: ignore[attr-defined]

    def reset(self) -> None:
        self.requests.clear()

    def total(self) -> int:
        return sum(size for _, size in self.requests)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> CountingServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
