"""A local HTTP server that records what each request costs on the wire, gzip-compressed.

Playwright reports worker scripts as 0 bytes, so bytes are counted on the server side.
Files Pagefind already compresses (index, meta, fragments, wasm) are counted as stored;
everything else as a gzip -6 response, which is what any static host would send.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from pathlib import Path
from typing import Any

_GZIP_MAGIC = b"\x1f\x8b"
BLANK_PAGE = "/__bench_blank__.html"


@functools.lru_cache(maxsize=4096)
def wire_bytes(path: Path, mtime_ns: int) -> int:
    """Bytes a gzip-enabled static host sends for this file (mtime_ns keys the cache)."""
    raw = path.read_bytes()
    if raw[:2] == _GZIP_MAGIC:
        return len(raw)
    return min(len(raw), len(gzip.compress(raw, 6, mtime=0)))


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
        result = super().send_head()
        path = getattr(self, "_served", None)
        if result is not None and path is not None and path.is_file():
            self.server.requests.append((self.path, wire_bytes(path, path.stat().st_mtime_ns)))  # type: ignore[attr-defined]
        return result

    def translate_path(self, path: str) -> str:
        translated = super().translate_path(path)
        p = Path(translated)
        self._served = p / "index.html" if p.is_dir() else p
        return translated


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
