"""Query workers: processes that hold the store open read-only and answer one query at a time.

A query runs in a worker process so that a query past the timeout can really
be cancelled: pyoxigraph has no cancellation API, so the server kills the
worker and starts a fresh one.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection

__all__ = ["Answer", "Job", "QueryTimeout", "Worker"]


@dataclass(frozen=True, slots=True)
class Job:
    """One query for a worker."""

    query: str
    accept: str | None
    max_results: int


@dataclass(frozen=True, slots=True)
class Answer:
    """A worker's reply: an HTTP status, a media type and the body."""

    status: int
    content_type: str
    body: bytes
    truncated: bool = False


class QueryTimeout(Exception):
    """The query ran past the timeout; its worker was killed."""


_POSITION = re.compile(r"error at (\d+):(\d+)")


def syntax_message(query: str, error: str) -> str:
    """A short syntax-error message: position, what was expected (trimmed), the line and a caret."""
    first = error.splitlines()[0] if error else "syntax error"
    if len(first) > 160:
        first = first[:157] + "..."
    lines = [f"Malformed SPARQL query: {first}"]
    match = _POSITION.search(error)
    if match:
        line_number, column = int(match.group(1)), int(match.group(2))
        query_lines = query.splitlines() or [""]
        if 1 <= line_number <= len(query_lines):
            lines += [f"  {query_lines[line_number - 1]}", f"  {' ' * max(column - 1, 0)}^"]
    return "\n".join(lines) + "\n"


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:  # not an update either: the query error stands
        return False
    return True


def answer(store, job: Job, prefixes: dict[str, str]) -> Answer:
    """Run ``job`` on a pyoxigraph ``store`` and serialise the (capped) result."""
    import pyoxigraph as ox

    from kg.endpoint.results import FORMATS, RDF_FORMATS, negotiate, write_boolean, write_solutions

    # Only the prefixes the text may use: Oxigraph copies each one it is given into the
    # parser (~80 us per query for the full map of ~220).
    used = {prefix: iri for prefix, iri in prefixes.items() if f"{prefix}:" in job.query}
    try:
        result = store.query(job.query, prefixes=used)
    except SyntaxError as error:
        if _is_update(job.query):
            return Answer(403, "text/plain", READ_ONLY_MESSAGE.encode())
        return Answer(400, "text/plain", syntax_message(job.query, str(error)).encode())
    except (OSError, RuntimeError, ValueError) as error:
        return Answer(400, "text/plain", f"The query could not be run: {error}\n".encode())
    if isinstance(result, ox.QueryTriples):
        media = negotiate(job.accept, "graph")
        if media is None:
            return _not_acceptable(", ".join(RDF_FORMATS))
        triples = []
        for triple in result:
            if len(triples) >= job.max_results:
                return Answer(200, media, ox.serialize(triples, format=RDF_FORMATS[media]), True)
            triples.append(triple)
        return Answer(200, media, ox.serialize(triples, format=RDF_FORMATS[media]) or b"")
    fmt = negotiate(job.accept, "solutions")
    if fmt is None:
        return _not_acceptable(", ".join(FORMATS.values()))
    if isinstance(result, ox.QueryBoolean):
        return Answer(200, FORMATS[fmt], write_boolean(fmt, bool(result)))
    variables = [variable.value for variable in result.variables]
    rows, truncated = [], False
    for solution in result:
        if len(rows) >= job.max_results:
            truncated = True
            break
        rows.append(tuple(solution[index] for index in range(len(variables))))
    return Answer(200, FORMATS[fmt], write_solutions(fmt, variables, rows), truncated)


READ_ONLY_MESSAGE = (
    "This SPARQL endpoint is read-only: updates (INSERT, DELETE, LOAD, CLEAR, ...) are refused.\n"
    "Rebuild the graph with `kg build` to change it.\n"
)


def _not_acceptable(offered: str) -> Answer:
    return Answer(
        406, "text/plain", f"None of the requested media types is available. Offered: {offered}\n".encode()
    )


def _worker_main(store_path: str, connection: Connection, memory: bool = False) -> None:
    """Worker process: open the store read-only, then answer jobs until the socket closes.

    With ``memory`` the worker copies the store into an in-memory Oxigraph
    store first (slower to start, faster to answer). Messages are plain
    tuples (no pickled classes): the first one received is the prefix map;
    then ``(query, accept, max_results)`` jobs, each answered with
    ``(status, content_type, body, truncated)``.
    """
    import pyoxigraph as ox

    try:
        store = ox.Store.read_only(store_path)
        if memory:
            copy = ox.Store()
            copy.bulk_load(store.dump(format=ox.RdfFormat.N_QUADS), ox.RdfFormat.N_QUADS)
            store = copy
    except OSError as error:
        connection.send(("error", str(error)))
        return
    prefixes = connection.recv()
    connection.send(("ready", ""))
    while True:
        try:
            query, accept, max_results = connection.recv()
        except (EOFError, OSError):
            return
        try:
            reply = answer(store, Job(query, accept, max_results), prefixes)
        except Exception as error:  # report, never die silently
            reply = Answer(500, "text/plain", f"Internal error while answering the query: {error}\n".encode())
        connection.send((reply.status, reply.content_type, reply.body, reply.truncated))


class Worker:
    """A worker process and the socket to it.

    Started as ``python -m kg.endpoint.worker`` (not ``multiprocessing``),
    so the caller's ``__main__`` is never re-imported: ``kg serve`` works
    the same from the CLI, a script or a notebook.
    """

    def __init__(self, store_path: str, prefixes: dict[str, str], *, memory: bool = False) -> None:
        parent, child = socket.socketpair()
        self._process = subprocess.Popen(
            [sys.executable, "-m", "kg.endpoint.worker", store_path, str(child.fileno())]
            + (["--memory"] if memory else []),
            pass_fds=(child.fileno(),),
            stdin=subprocess.DEVNULL,
        )
        child.close()
        self._parent = Connection(os.dup(parent.fileno()))
        parent.close()
        self._parent.send(dict(prefixes))
        self._lock = threading.Lock()

    def wait_ready(self, timeout: float) -> None:
        """Block until the worker has opened the store.

        Raises
        ------
        RuntimeError
            If it did not start in ``timeout`` seconds or exited.
        """
        if not self._parent.poll(timeout):
            self.kill()
            raise RuntimeError("a SPARQL worker did not start in time")
        try:
            status, message = self._parent.recv()
        except (EOFError, OSError) as error:
            raise RuntimeError("a SPARQL worker stopped before it was ready") from error
        if status != "ready":
            self.kill()
            raise RuntimeError(f"a SPARQL worker could not open the store: {message}")

    def run(self, job: Job, timeout: float) -> Answer:
        """Send ``job`` and wait at most ``timeout`` seconds for the answer.

        Raises
        ------
        QueryTimeout
            If no answer came in time; the worker is killed (the query is cancelled).
        """
        with self._lock:
            self._parent.send((job.query, job.accept, job.max_results))
            if self._parent.poll(timeout):
                try:
                    return Answer(*self._parent.recv())
                except (EOFError, OSError):
                    self.kill()
                    return Answer(500, "text/plain", b"The query worker stopped unexpectedly.\n")
            self.kill()
            raise QueryTimeout

    @property
    def alive(self) -> bool:
        """Whether the process still runs."""
        return self._process.poll() is None

    def kill(self) -> None:
        """Stop the process now and wait for it."""
        if self.alive:
            self._process.kill()
        self._process.wait(timeout=10)
        self._parent.close()

    def close(self) -> None:
        """Ask the process to finish (closing its socket), then stop it."""
        try:
            self._parent.close()
        finally:
            try:
                self._process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)


if __name__ == "__main__":
    _worker_main(sys.argv[1], Connection(int(sys.argv[2])), memory="--memory" in sys.argv[3:])
