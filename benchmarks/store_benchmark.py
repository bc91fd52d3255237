"""Oxigraph vs rdflib's in-memory store on a graph of >= 1M triples (run by hand).

The graph is a real build (``--build DIR``: its ``graph.nt`` and ``store``,
e.g. ``kg build`` over abstracts of ``../shared/corpora/abstracts``), or
without ``--build`` the seed build *replicated* with renamed IRIs until it
has ``--triples`` triples (papers, assertions and evidence get new IRIs in
every copy; concepts are shared by groups of ten copies, copy 0's group
keeping the real IRIs so that the defaults, e.g. IL-6 = HGNC:6018, hit data).

Three engines answer every named query through ``kg.query.run_named_query``
(what ``kg query`` runs; rows as CURIEs and plain strings):

- ``store``: the persisted Oxigraph store (RocksDB), as ``kg query`` opens it;
- ``memory``: an in-memory Oxigraph copy of it (``kg serve --memory``,
  ``load_graph(path, memory=True)``);
- ``rdflib``: rdflib's default in-memory store holding the same N-Triples,
  with the query text already parsed (rdflib's parse is cached), so only
  evaluation and the conversion of the rows are timed.

Each engine is timed while the process holds only it: first the persisted
store (what ``kg query`` and the ``kg serve`` workers hold), then the
in-memory copy, which is dropped before rdflib parses the graph. Holding a
1M-triple in-memory Oxigraph copy in the same process made the store's
lookups ~1.5x slower (``neighbours`` 18 -> 27 ms of CPU, ``edges_of`` 23 ->
35 ms), and rdflib's parsed graph ~1.15x: timing all three side by side in
one process measured that interference, not the store.

All three must return identical rows. Where a named query is written for
Oxigraph's planner in a way that slows rdflib down (sub-SELECTs that Oxigraph
hash-joins), rdflib also runs the previous formulation kept in
``benchmarks/rdflib_queries`` (same rows, checked) and keeps the faster one,
marked (†) in the table. Named queries run with their defaults;
when the defaults find nothing in the graph (``evidence_for_edge``: no
IL-6 -> angiogenesis claim), parameters are taken from the data (the first
claim ``edges_of`` lists for IL-6), and ``claim`` and
``evidence_for_assertion`` also run for one claim. rdflib runs in a forked
child (sharing the parsed graph) with a time limit per run; like the Oxigraph
engines it is timed after a warm-up run (see :func:`_timed_child`).

Prints a Markdown table: rows, wall p50 / CPU p50 per engine and the
speed-ups over rdflib (wall / CPU), then one-hop p50/p95 over 50 runs, the
open time of the store and the load average at start and end.

Usage::

    nice -n 10 python benchmarks/store_benchmark.py --build /tmp/sparql-3k [--rdflib-limit 120]
"""

from __future__ import annotations

import argparse
import gc
import math
import multiprocessing
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph, URIRef

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.export.formats import ntriples_text
from kg.namespaces import IL6KG
from kg.query import QueryResult, named_queries, named_query, prepare, run_named_query, run_query
from kg.store import memory_copy, open_store, write_store_ntriples

ONE_HOP = ("neighbours", "papers_mentioning", "positive_effects", "edges_of", "evidence_for_edge")


def seed_rdf() -> Graph:
    from kg import build_graph

    return build_graph().to_rdf()


def replicate(rdf: Graph, target: int) -> tuple[bytes, int]:
    """Return N-Triples of enough renamed copies of ``rdf`` to reach ``target`` triples."""
    concepts = {str(s) for s in rdf.subjects(IL6KG.grounded, None) if isinstance(s, URIRef)}
    instances = {str(s) for s in rdf.subjects() if isinstance(s, URIRef)} - concepts
    lines = ntriples_text(rdf).splitlines()
    # Concept triples repeat within a group of copies: aim for distinct triples.
    per_copy = len([line for line in lines if not line.startswith(tuple(f"<{c}>" for c in concepts))])
    copies = -(-target // per_copy) + 1
    groups = max(1, copies // 10)
    out: list[str] = []
    for copy in range(copies):
        group = copy % groups

        def rename(match: re.Match, copy: int = copy, group: int = group) -> str:
            iri = match.group(1)
            if iri in instances and copy:
                return f"<{iri}-r{copy}>"
            if iri in concepts and group:
                return f"<{iri}-g{group}>"
            return match.group(0)

        # Only IRIs in term position (<...>) are renamed; literals are left as they are.
        out.extend(_IRI.sub(rename, line) for line in lines)
    distinct = sorted(set(out))
    return ("\n".join(distinct) + "\n").encode("utf-8"), len(distinct)


_IRI = re.compile(r"<([^>\s]*)>")


def _timed_child(graph: Graph, text: str, parameters: dict[str, str], runs: int, pipe) -> None:
    """Run the query ``runs + 1`` times, sending (wall, CPU, rows) after each run.

    The first run warms the child up: it is forked from the process holding the
    parsed graph, and its first pass over the graph takes a copy-on-write page
    fault for every page it touches (Python writes reference counts even when it
    only reads). Timing that pass made rdflib look 1.5-4x slower on queries of a
    few milliseconds than it is in a process that has already run a query, which
    is how the Oxigraph engines are timed (after a warm-up run).
    """
    for _ in range(runs + 1):
        started, cpu = time.perf_counter(), time.process_time()
        result = run_query(graph, text, parameters)
        pipe.send((time.perf_counter() - started, time.process_time() - cpu, result))


def rdflib_runs(
    graph: Graph, text: str, parameters: dict[str, str], runs: int, limit: float
) -> list[tuple[float, float, QueryResult]]:
    """Timed runs in a forked child (shares the loaded graph), after a warm-up run.

    Returns the timed runs that finished, each within ``limit`` seconds (fewer than
    ``runs`` if one ran past it). A warm-up run that takes longer than
    ``WARM_UP_LIMIT`` seconds counts as the first timed run instead: the
    copy-on-write faults are a negligible share of it, and running such a query
    once more only lengthens the benchmark.
    """
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    process = context.Process(target=_timed_child, args=(graph, text, parameters, runs, child))
    process.start()
    timed: list[tuple[float, float, QueryResult]] = []
    try:
        if not parent.poll(limit):
            return timed
        warm_up = parent.recv()
        if warm_up[0] > WARM_UP_LIMIT:
            timed.append(warm_up)
        while len(timed) < runs and parent.poll(limit):
            timed.append(parent.recv())
        return timed
    finally:
        process.kill()
        process.join()


WARM_UP_LIMIT = 2.0


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def oxigraph_runs(
    graph: Graph, name: str, runs: int, parameters: dict[str, str] | None = None, budget: float = 20.0
) -> tuple[list[float], list[float], QueryResult]:
    """Wall and CPU times of ``runs`` runs after a warm-up (fewer, at least 3, past ``budget`` s)."""
    started = time.perf_counter()
    result = run_named_query(graph, name, parameters)  # warm-up (pages, caches)
    first = time.perf_counter() - started
    runs = max(3, min(runs, int(budget / max(first, 1e-9))))
    walls, cpus = [], []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        result = run_named_query(graph, name, parameters)
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return walls, cpus, result


def _ms(seconds: float) -> str:
    if seconds >= 10:
        return f"{seconds:.0f} s"
    if seconds >= 1:
        return f"{seconds:.1f} s"
    return f"{seconds * 1000:.2g} ms" if seconds < 0.01 else f"{seconds * 1000:.0f} ms"


def _load(args: argparse.Namespace, folder: Path) -> tuple[Path, Callable[[Graph], None], int]:
    """The store directory, a function parsing the same N-Triples into rdflib, the triple count."""
    if args.build:
        build = Path(args.build)
        nt = build / "graph.nt"
        return build, lambda graph: graph.parse(nt, format="nt"), sum(1 for _line in nt.open("rb"))
    started = time.perf_counter()
    rdf = seed_rdf()
    print(f"seed graph: {len(rdf)} triples (built in {time.perf_counter() - started:.1f} s)")
    data, count = replicate(rdf, args.triples)
    started = time.perf_counter()
    write_store_ntriples(data, folder)
    print(f"Oxigraph store of the replicated graph written in {time.perf_counter() - started:.1f} s")
    return folder, lambda graph: graph.parse(data=data.decode("utf-8"), format="nt"), count


def _cases(store: Graph, only: list[str] | None) -> list[tuple[str, str, dict[str, str]]]:
    """(label, query, parameters): the defaults, or data-picked parameters where they find nothing."""
    cases = []
    first_edge = run_named_query(store, "edges_of").rows[0]
    edge = {"subject": first_edge[1], "object": first_edge[3]}
    for name in only or named_queries():
        if name == "evidence_for_edge" and not run_named_query(store, name).rows:
            cases.append((f"{name} ({edge['subject']} → {edge['object']})", name, edge))
        else:
            cases.append((name, name, {}))
    if not only:
        evidence = run_named_query(store, "evidence_for_edge", edge)
        one = dict(zip(evidence.variables, evidence.rows[0], strict=True))["assertion"]
        for name in ("claim", "evidence_for_assertion"):
            cases.append((f"{name} (one claim)", name, {"assertion": one}))
    return cases


def rdflib_texts(name: str) -> list[tuple[str, str]]:
    """(label, text) of each formulation rdflib runs: the named query, and the one in
    ``benchmarks/rdflib_queries`` where the named query is written for Oxigraph's planner
    in a way that slows rdflib down (same semantics, same rows; rdflib keeps its faster).
    """
    texts = [("named", named_query(name).text)]
    alternative = RDFLIB_QUERIES / f"{name}.rq"
    if alternative.is_file():
        texts.append(("rdflib_queries", alternative.read_text(encoding="utf-8")))
    return texts


RDFLIB_QUERIES = Path(__file__).resolve().parent / "rdflib_queries"


def _rdflib_best(
    graph: Graph, name: str, parameters: dict[str, str], args: argparse.Namespace, expected: QueryResult
) -> tuple[list[float], list[float], str] | None:
    """Wall and CPU times of rdflib's fastest formulation; ``None`` if every one ran past the limit."""
    best = None
    arguments = {**named_query(name).defaults(), **parameters}
    for label, text in rdflib_texts(name):
        prepare(text)  # rdflib's parse is cached (the forked children inherit it): time evaluation only
        runs = rdflib_runs(graph, text, arguments, args.rdflib_runs, args.rdflib_limit)
        for _wall, _cpu, rows in runs:
            if rows != expected:
                raise SystemExit(f"{name}: rdflib ({label}) and Oxigraph gave different rows")
        walls, cpus = [run[0] for run in runs], [run[1] for run in runs]
        complete = len(walls) == args.rdflib_runs
        if complete and (best is None or statistics.median(cpus) < statistics.median(best[1])):
            best = (walls, cpus, label)
    return best


def _speedup(slow: float, fast: float) -> str:
    ratio = slow / max(fast, 1e-9)
    return f"{ratio:.0f}×" if ratio >= 10 else f"{ratio:.1f}×"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", help="a build folder (graph.nt + store); default: replicate the seed")
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the replicated graph")
    parser.add_argument("--rdflib-limit", type=float, default=120.0, help="seconds per rdflib run")
    parser.add_argument("--runs", type=int, default=20, help="Oxigraph runs per query (fewer if slow)")
    parser.add_argument("--rdflib-runs", type=int, default=3, help="rdflib runs per query")
    parser.add_argument("--only", nargs="*", help="named queries to run (default: all)")
    args = parser.parse_args()

    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as scratch:
        directory, parse_into, count = _load(args, Path(scratch))
        print(f"graph: {count} triples")
        opens = []
        for _ in range(5):
            started = time.perf_counter()
            store = open_store(directory)
            opens.append(time.perf_counter() - started)
        median, longest = _ms(statistics.median(opens)), _ms(max(opens))
        print(f"open the persisted store: median {median}, max {longest} (5 opens)")
        cases = _cases(store, args.only)

        # Each engine is timed while the process holds only it (see the module docstring):
        # the persisted store first, then the in-memory copy, then rdflib's graph.
        disk = {label: oxigraph_runs(store, name, args.runs, parameters) for label, name, parameters in cases}
        disk_hops = {name: oxigraph_runs(store, name, 50) for name in ONE_HOP}

        started, cpu = time.perf_counter(), time.process_time()
        memory = memory_copy(directory)
        print(
            f"copy the store into memory: {time.perf_counter() - started:.1f} s"
            f" ({time.process_time() - cpu:.1f} s CPU), {len(memory)} triples"
        )
        mem = {label: oxigraph_runs(memory, name, args.runs, parameters) for label, name, parameters in cases}
        mem_hops = {name: oxigraph_runs(memory, name, 50) for name in ONE_HOP}
        del memory
        gc.collect()
        for label, _name, _parameters in cases:
            if mem[label][2] != disk[label][2]:
                raise SystemExit(f"{label}: the store and its in-memory copy gave different rows")

        started, cpu = time.perf_counter(), time.process_time()
        rdflib_graph = Graph()
        parse_into(rdflib_graph)
        print(
            f"rdflib parse of the N-Triples: {time.perf_counter() - started:.1f} s"
            f" ({time.process_time() - cpu:.1f} s CPU), {len(rdflib_graph)} triples\n"
        )

        print(
            "| query | rows | Oxigraph store (RocksDB) | Oxigraph in memory | rdflib in memory"
            " | speed-up store | speed-up memory |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|")
        for label, name, parameters in cases:
            disk_walls, disk_cpus, result = disk[label]
            mem_walls, mem_cpus, _result = mem[label]
            best = _rdflib_best(rdflib_graph, name, parameters, args, result)
            on_disk = (statistics.median(disk_walls), statistics.median(disk_cpus))
            in_memory = (statistics.median(mem_walls), statistics.median(mem_cpus))
            cells = [f"{_ms(on_disk[0])} / {_ms(on_disk[1])}", f"{_ms(in_memory[0])} / {_ms(in_memory[1])}"]
            if best is None:
                limit = args.rdflib_limit
                cells.append(f"> {limit:.0f} s (stopped)")
                cells += [f"> {limit / on_disk[0]:.0f}×", f"> {limit / in_memory[0]:.0f}×"]
            else:
                slow = (statistics.median(best[0]), statistics.median(best[1]))
                marker = " (†)" if best[2] != "named" else ""
                cells += [
                    f"{_ms(slow[0])} / {_ms(slow[1])}{marker}",
                    f"{_speedup(slow[0], on_disk[0])} / {_speedup(slow[1], on_disk[1])}",
                    f"{_speedup(slow[0], in_memory[0])} / {_speedup(slow[1], in_memory[1])}",
                ]
            print(f"| `{label}` | {len(result.rows)} | " + " | ".join(cells) + " |", flush=True)

        print("\none-hop queries (defaults), 50 runs: wall p50 / p95, CPU p50")
        for name in ONE_HOP:
            for engine, (walls, cpus, _result) in (("store", disk_hops[name]), ("memory", mem_hops[name])):
                p50, p95, cpu_p50 = statistics.median(walls), percentile(walls, 0.95), statistics.median(cpus)
                print(f"  {name:24} {engine:7} p50 {_ms(p50)}, p95 {_ms(p95)}, CPU p50 {_ms(cpu_p50)}")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
