"""The read-only SPARQL 1.1 Protocol endpoint behind ``kg serve``.

Why not ``oxigraph serve-read-only`` from the ``oxigraph`` package? It was
the first choice and was measured (0.5.13) against what ``kg serve`` must do:
its ``--timeout-s`` is checked only while results stream, so a query with a
large join ran for minutes past a 1 s timeout and then broke an
already-started ``200`` response; it has no result cap; and an update sent
as ``update=`` to the query URL gets a 400, not a 403. pyoxigraph (the same
engine) has no cancellation API either. So this module is a small
standard-library HTTP server (``http.server``, one thread per request) in
front of pyoxigraph: queries run in worker processes that hold the store
open read-only (:mod:`kg.endpoint.worker`), and a query past the timeout is
cancelled by killing its worker.
"""

from __future__ import annotations

import logging
import queue
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.endpoint.worker import READ_ONLY_MESSAGE, Answer, Job, QueryTimeout, Worker
from kg.store import resolve_store_path

__all__ = ["Endpoint", "EndpointConfig", "start_endpoint"]

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 1_000_000
QUERY_PATHS = ("/sparql", "/query")


@dataclass(frozen=True, slots=True)
class EndpointConfig:
    """Settings of ``kg serve``."""

    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 30.0
    max_results: int = 10_000
    workers: int = 2
    memory: bool = False


class _WorkerPool:
    """Idle workers in a queue; a killed worker is replaced in the background."""

    def __init__(
        self, store_path: str, size: int, start_timeout: float = 60.0, *, memory: bool = False
    ) -> None:
        from kg.query import query_namespaces

        self._prefixes = query_namespaces()
        self._store_path = store_path
        self._memory = memory
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._closed = False
        self._start_timeout = start_timeout
        workers = [Worker(store_path, self._prefixes, memory=memory) for _ in range(size)]
        for worker in workers:
            worker.wait_ready(start_timeout)
            self._idle.put(worker)

    def _replace(self) -> None:
        try:
            worker = Worker(self._store_path, self._prefixes, memory=self._memory)
            worker.wait_ready(self._start_timeout)
        except RuntimeError:
            logger.exception("could not start a replacement SPARQL worker")
            return
        if self._closed:
            worker.close()
        else:
            self._idle.put(worker)

    def run(self, job: Job, timeout: float) -> Answer:
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryTimeout from None
        try:
            answer = worker.run(job, timeout)
        except QueryTimeout:
            threading.Thread(target=self._replace, daemon=True).start()
            raise
        if worker.alive:
            self._idle.put(worker)
        else:
            threading.Thread(target=self._replace, daemon=True).start()
        return answer

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


class _Handler(BaseHTTPRequestHandler):
    server_version = "il6-kg-sparql"
    protocol_version = "HTTP/1.1"
    endpoint: Endpoint  # set on the subclass made for each endpoint

    def log_message(self, format: str, *args: object) -> None:
        logger.info("%s %s", self.address_string(), format % args)

    def _send(
        self, status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        charset = "; charset=utf-8" if content_type.startswith(("text/", "application/sparql")) else ""
        self.send_header("Content-Type", content_type + charset)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _text(self, status: int, message: str) -> None:
        self._send(status, "text/plain", message.encode("utf-8"))

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/update" or "update" in params:
            self._text(HTTPStatus.FORBIDDEN, READ_ONLY_MESSAGE)
        elif url.path in QUERY_PATHS:
            if "query" not in params:
                self._text(HTTPStatus.BAD_REQUEST, "Missing the `query` parameter (SPARQL 1.1 Protocol).\n")
            elif len(params["query"]) != 1:
                self._text(HTTPStatus.BAD_REQUEST, "Give exactly one `query` parameter.\n")
            else:
                self._query(params["query"][0])
        elif url.path == "/":
            self._text(HTTPStatus.OK, self.endpoint.help_text())
        else:
            self._text(HTTPStatus.NOT_FOUND, f"No such resource; send queries to {QUERY_PATHS[0]}.\n")

    do_HEAD = do_GET  # noqa: N815 (stdlib name)

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY_BYTES:
            self._text(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"Request bodies are limited to {MAX_BODY_BYTES} bytes.\n",
            )
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if url.path == "/update" or content_type == "application/sparql-update":
            self._text(HTTPStatus.FORBIDDEN, READ_ONLY_MESSAGE)
            return
        if url.path not in QUERY_PATHS:
            self._text(HTTPStatus.NOT_FOUND, f"No such resource; send queries to {QUERY_PATHS[0]}.\n")
            return
        if content_type == "application/sparql-query":
            self._query(body)
        elif content_type == "application/x-www-form-urlencoded":
            params = parse_qs(body, keep_blank_values=True)
            if "update" in params:
                self._text(HTTPStatus.FORBIDDEN, READ_ONLY_MESSAGE)
            elif len(params.get("query", [])) != 1:
                self._text(HTTPStatus.BAD_REQUEST, "Give exactly one `query` parameter.\n")
            else:
                self._query(params["query"][0])
        else:
            self._text(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "POST a query as application/sparql-query or application/x-www-form-urlencoded.\n",
            )

    def _query(self, text: str) -> None:
        endpoint = self.endpoint
        job = Job(text, self.headers.get("Accept"), endpoint.config.max_results)
        try:
            answer = endpoint.pool.run(job, endpoint.config.timeout)
        except QueryTimeout:
            self._text(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"Query cancelled: it did not finish within the {endpoint.config.timeout:g} s timeout "
                "(or every worker stayed busy that long). Narrow it down, or add a LIMIT.\n",
            )
            return
        headers = {"Vary": "Accept"}
        if answer.truncated:
            headers["X-SPARQL-Truncated"] = f"true; only the first {endpoint.config.max_results} results"
        self._send(answer.status, answer.content_type, answer.body, headers)


def _store_bytes(directory: Path) -> int:
    return sum(entry.stat().st_size for entry in Path(directory).iterdir() if entry.is_file())


class Endpoint:
    """A running endpoint: its URL, its server and its workers."""

    def __init__(self, config: EndpointConfig) -> None:
        store_path = resolve_store_path(config.store)
        self.config = config
        # A worker copying the store into memory needs ~10 s per million triples.
        start_timeout = 60.0 if not config.memory else 60.0 + _store_bytes(store_path) / 2e6
        self.pool = _WorkerPool(str(store_path), max(1, config.workers), start_timeout, memory=config.memory)
        handler = type("Handler", (_Handler,), {"endpoint": self})
        try:
            self.server = ThreadingHTTPServer((config.host, config.port), handler)
        except OSError:
            self.pool.close()
            raise
        self.server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The query URL, e.g. ``http://127.0.0.1:7878/sparql``."""
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{QUERY_PATHS[0]}"

    def help_text(self) -> str:
        """What ``GET /`` answers."""
        return (
            "il6-kg SPARQL endpoint (read-only, SPARQL 1.1 Protocol).\n"
            f"Send queries to {self.url} by GET ?query=... or POST.\n"
            "Results: application/sparql-results+json (default), application/sparql-results+xml, "
            "text/csv, text/tab-separated-values.\n"
            f"Timeout {self.config.timeout:g} s; at most {self.config.max_results} results per query.\n"
        )

    def serve_forever(self) -> None:
        """Serve until :meth:`close` (or Ctrl-C in the caller)."""
        self.server.serve_forever()

    def start(self) -> Endpoint:
        """Serve in a background thread; returns ``self``."""
        self._thread = threading.Thread(target=self.serve_forever, daemon=True, name="kg-sparql-server")
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving and stop the workers."""
        self.server.shutdown()
        self.server.server_close()
        self.pool.close()
        if self._thread is not None:
            self._thread.join(timeout=5)


def start_endpoint(config: EndpointConfig) -> Endpoint:
    """Start an endpoint in a background thread (for notebooks and tests)."""
    return Endpoint(config).start()
