"""What a named query costs before and after Oxigraph reads any data (run by hand).

For each named query (defaults bound as in ``kg query``), CPU p50 of:

- ``parse``: pyoxigraph's parser alone, measured as the query text with a stray
  ``}`` appended, which the parser rejects only after reading the whole query;
- ``parse + plan``: ``Store.query`` on an empty in-memory store (parse, optimise,
  evaluate against nothing);
- ``run_named_query``: the same through :func:`kg.query.run_named_query`, so the
  difference is this project's Python per call (reading the cached query, binding
  the parameters, reading the rows);

and with ``--build DIR``, on that build's persisted store:

- ``store``: ``run_named_query`` on the store;
- ``rows``: the Python conversion of the store's TSV result into rows alone.

These are the floors behind docs/sparql.md's *Against the targets*: a query cannot
be answered faster than its parse and plan, and no change to the Python side can
save more than the ``rows`` column plus the per-call overhead.

Usage::

    nice -n 10 python benchmarks/query_floor.py [--build /tmp/sparql-3k] [--runs 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.query import (
    _bind_value,
    _oxigraph_rows,
    _to_ox,
    load_graph,
    named_queries,
    named_query,
    run_named_query,
    used_namespaces,
)
from kg.store import memory_store, oxigraph_store


def cpu_p50(call: Callable[[], object], runs: int, budget: float = 10.0) -> float:
    """CPU p50 in seconds of ``runs`` calls after a warm-up (fewer, at least 3, past ``budget`` s)."""
    started = time.process_time()
    call()
    runs = max(3, min(runs, int(budget / max(time.process_time() - started, 1e-6))))
    times = []
    for _ in range(runs):
        started = time.process_time()
        call()
        times.append(time.process_time() - started)
    return statistics.median(times)


def _parse_only(store: ox.Store, text: str, prefixes: dict[str, str]) -> Callable[[], None]:
    broken = text + "\n}"

    def call() -> None:
        try:
            store.query(broken, prefixes=prefixes)
        except SyntaxError:
            return
        raise AssertionError("the stray brace was accepted")

    return call


class _Serialized:
    """Stands in for a ``QuerySolutions`` whose TSV is already known (times the Python side alone)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def serialize(self, format: ox.QueryResultsFormat) -> bytes:
        return self.data


def _row(name: str, empty: Graph, built: Graph | None, runs: int) -> list[float]:
    """CPU p50s of one named query: parse, parse + plan, run_named_query [, store, rows]."""
    query = named_query(name)
    prefixes = used_namespaces(query.text)
    substitutions = {ox.Variable(k): _to_ox(_bind_value(v)) for k, v in query.defaults().items()}
    empty_store = oxigraph_store(empty)
    cells = [
        cpu_p50(_parse_only(empty_store, query.text, prefixes), runs),
        cpu_p50(lambda: empty_store.query(query.text, prefixes=prefixes, substitutions=substitutions), runs),
        cpu_p50(lambda: run_named_query(empty, name), runs),
    ]
    if built is not None:
        cells.append(cpu_p50(lambda: run_named_query(built, name), runs))
        result = oxigraph_store(built).query(query.text, prefixes=prefixes, substitutions=substitutions)
        width = len(result.variables)
        serialized = _Serialized(result.serialize(format=ox.QueryResultsFormat.TSV))
        cells.append(cpu_p50(lambda: _oxigraph_rows(serialized, width), runs))
    return cells


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:,.0f} µs" if seconds < 0.01 else f"{seconds * 1e3:,.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", help="a build folder (or store) to time the queries on as well")
    parser.add_argument("--runs", type=int, default=200, help="runs per measurement (fewer if slow)")
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    empty = memory_store(Graph())
    built = load_graph(Path(args.build)) if args.build else None
    header = "| query | parse | parse + plan | run_named_query (empty store) |"
    if built is not None:
        header += " store | rows (Python) |"
    print(header)
    print("|---" + "|---:" * (header.count("|") - 2) + "|")
    for name in named_queries():
        print(f"| `{name}` | " + " | ".join(_us(cell) for cell in _row(name, empty, built, args.runs)) + " |")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
