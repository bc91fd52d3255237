"""Oxigraph store vs rdflib's in-memory store on a graph of >= 1M triples (run by hand).

The graph is the seed build *replicated*: the abstracts in ../shared/corpora
are JSON lines, which the readers do not take yet, so the seed graph's
structure is copied with renamed IRIs until it has enough triples. Papers,
assertions and evidence get new IRIs in every copy; concepts are shared by
groups of ten copies (copy 0's group keeps the real IRIs, so the named
queries' defaults, e.g. IL-6 = HGNC:6018, hit real data).

Both engines run through ``kg.query.run_named_query`` (the Oxigraph store
through pyoxigraph directly, rdflib's in-memory graph through rdflib's
engine), with the query text already parsed for rdflib, so the figures
compare evaluation plus the conversion of the rows.

Prints: load average, triples, load times, store open time (median and max
of 5), then per named query: rows, Oxigraph wall p50/p95 (and CPU p50) over
``--runs`` runs, rdflib wall p50/p95 over ``--rdflib-runs`` runs (each in a
forked child with a time limit), and the speed-up (rdflib p50 / Oxigraph
p50); the rows of both engines must be identical. Then one-hop p50/p95 over
50 runs, and the load average again.

Usage::

    nice -n 10 python benchmarks/store_benchmark.py [--triples 1000000] [--rdflib-limit 120]
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph, URIRef

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.export.formats import ntriples_text
from kg.namespaces import IL6KG
from kg.query import QueryResult, named_queries, named_query, prepare, run_named_query
from kg.store import open_store, write_store_ntriples

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


def _timed_child(graph: Graph, name: str, parameters: dict[str, str], pipe) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    result = run_named_query(graph, name, parameters)
    pipe.send((time.perf_counter() - started, time.process_time() - cpu, result))


def rdflib_run(
    graph: Graph, name: str, parameters: dict[str, str], limit: float
) -> tuple[float, float, QueryResult] | None:
    """One run in a forked child (shares the loaded graph); ``None`` past ``limit`` seconds."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    process = context.Process(target=_timed_child, args=(graph, name, parameters, child))
    process.start()
    if parent.poll(limit):
        answer = parent.recv()
        process.join()
        return answer
    process.kill()
    process.join()
    return None


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def oxigraph_runs(
    store: Graph, name: str, runs: int, parameters: dict[str, str] | None = None
) -> tuple[list[float], list[float], QueryResult]:
    walls, cpus = [], []
    result = run_named_query(store, name, parameters)  # warm-up (pages, CURIE cache)
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        result = run_named_query(store, name, parameters)
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return walls, cpus, result


def _first_row(store: Graph, name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    result = run_named_query(store, name)
    return result.variables, result.rows[0]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}" if seconds < 10 else f"{seconds * 1000:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--rdflib-limit", type=float, default=120.0, help="seconds per rdflib run")
    parser.add_argument("--runs", type=int, default=20, help="Oxigraph runs per query")
    parser.add_argument("--rdflib-runs", type=int, default=3, help="rdflib runs per query")
    parser.add_argument("--only", nargs="*", help="named queries to run (default: all)")
    args = parser.parse_args()

    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    started = time.perf_counter()
    rdf = seed_rdf()
    print(f"seed graph: {len(rdf)} triples (built in {time.perf_counter() - started:.1f} s)")
    data, count = replicate(rdf, args.triples)
    print(f"replicated graph: {count} distinct triples")

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as folder:
        started = time.perf_counter()
        write_store_ntriples(data, Path(folder))
        print(f"Oxigraph store written in {time.perf_counter() - started:.1f} s")
        opens = []
        for _ in range(5):
            started = time.perf_counter()
            store = open_store(Path(folder))
            opens.append(time.perf_counter() - started)
        print(
            f"open persisted store: median {_ms(statistics.median(opens))} ms,"
            f" max {_ms(max(opens))} ms (5 opens)"
        )
        started = time.perf_counter()
        memory = Graph()
        memory.parse(data=data.decode("utf-8"), format="nt")
        print(f"rdflib in-memory parse: {time.perf_counter() - started:.1f} s, {len(memory)} triples")

        # The named queries with their defaults; claim and evidence_for_assertion without
        # a parameter dump every claim, so they also run for one claim, as titled.
        one = dict(zip(*_first_row(store, "evidence_for_edge"), strict=True))["assertion"]
        cases = [(name, name, {}) for name in args.only or named_queries()]
        if not args.only:
            cases += [
                (f"{name} (one)", name, {"assertion": one}) for name in ("claim", "evidence_for_assertion")
            ]
        print(
            f"\n{'query':30} {'rows':>6} {'oxigraph p50/p95 ms':>20} {'CPU p50':>8}"
            f" {'rdflib p50/p95 ms':>18} {'CPU p50':>8} {'speed-up wall / CPU':>20}"
        )
        for label, name, parameters in cases:
            prepare(named_query(name).text)  # rdflib's parse is cached: time evaluation only
            walls, cpus, result = oxigraph_runs(store, name, args.runs, parameters)
            fast, fast_cpu = statistics.median(walls), statistics.median(cpus)
            slow_runs, slow_cpus = [], []
            for _ in range(args.rdflib_runs):
                run = rdflib_run(memory, name, parameters, args.rdflib_limit)
                if run is None:
                    break
                slow_runs.append(run[0])
                slow_cpus.append(run[1])
                if run[2] != result:
                    raise SystemExit(f"{label}: the engines gave different rows")
            if len(slow_runs) < args.rdflib_runs:
                slow_text, slow_cpu_text = f"> {args.rdflib_limit:.0f} s", "-"
                ratio = f">{args.rdflib_limit / fast:.0f}x / -"
            else:
                slow, slow_cpu = statistics.median(slow_runs), statistics.median(slow_cpus)
                slow_text, slow_cpu_text = f"{_ms(slow)}/{_ms(percentile(slow_runs, 0.95))}", _ms(slow_cpu)
                ratio = f"{slow / fast:.0f}x / {slow_cpu / max(fast_cpu, 1e-6):.0f}x"
            fast_text = f"{_ms(fast)}/{_ms(percentile(walls, 0.95))}"
            print(
                f"{label:30} {len(result.rows):6d} {fast_text:>20} {_ms(fast_cpu):>8}"
                f" {slow_text:>18} {slow_cpu_text:>8} {ratio:>20}",
                flush=True,
            )

        print("\none-hop on the Oxigraph store (50 runs): p50 / p95 wall, p50 CPU")
        for name in ONE_HOP:
            walls, cpus, _result = oxigraph_runs(store, name, 50)
            print(
                f"  {name:24} p50 {_ms(statistics.median(walls))} ms, p95 {_ms(percentile(walls, 0.95))} ms,"
                f" CPU p50 {_ms(statistics.median(cpus))} ms"
            )
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
