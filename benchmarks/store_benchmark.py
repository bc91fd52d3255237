"""Oxigraph store vs rdflib's in-memory store on a graph of >= 1M triples (run by hand).

The graph is the seed build *replicated*: the abstracts in ../shared/corpora
are JSON lines, which the readers do not take yet, so the seed graph's
structure is copied with renamed IRIs until it has enough triples. Papers,
assertions and evidence get new IRIs in every copy; concepts are shared by
groups of ten copies (copy 0's group keeps the real IRIs, so the named
queries' defaults, e.g. IL-6 = HGNC:6018, hit real data).

Prints: triples, load times, store open time (median of 5), each named
query's latency on both engines (Oxigraph p50 of 20 runs, rdflib one run in a
forked child with a time limit), the speed-up, and one-hop p50 latency.

Usage::

    nice -n 10 python benchmarks/store_benchmark.py [--triples 1000000] [--rdflib-limit 120]
"""

from __future__ import annotations

import argparse
import multiprocessing
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
from kg.query import named_queries, named_query, run_named_query
from kg.store import open_store, write_store_ntriples

ONE_HOP = ("neighbours", "papers_mentioning", "positive_effects")


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


def _timed_child(graph: Graph, name: str, pipe) -> None:
    started = time.perf_counter()
    rows = len(run_named_query(graph, name).rows)
    pipe.send((time.perf_counter() - started, rows))


def rdflib_latency(graph: Graph, name: str, limit: float) -> tuple[float | None, int | None]:
    """One run in a forked child (shares the loaded graph); ``None`` past ``limit`` seconds."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    process = context.Process(target=_timed_child, args=(graph, name, child))
    process.start()
    if parent.poll(limit):
        elapsed, rows = parent.recv()
        process.join()
        return elapsed, rows
    process.kill()
    process.join()
    return None, None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--rdflib-limit", type=float, default=120.0, help="seconds per rdflib query")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

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
        print(f"open persisted store: median {statistics.median(opens) * 1000:.1f} ms (5 opens)")
        started = time.perf_counter()
        memory = Graph()
        memory.parse(data=data.decode("utf-8"), format="nt")
        print(f"rdflib in-memory parse: {time.perf_counter() - started:.1f} s, {len(memory)} triples")

        print(f"\n{'query':26} {'rows':>6} {'oxigraph p50':>13} {'rdflib':>10} {'speed-up':>9}")
        for name in named_queries():
            query = named_query(name)
            run_named_query(store, name)  # warm-up (parse cache, pages)
            times = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                result = run_named_query(store, name, query.defaults())
                times.append(time.perf_counter() - t0)
            fast = statistics.median(times)
            slow, rows = rdflib_latency(memory, name, args.rdflib_limit)
            if slow is None:
                slow_text, ratio = f">{args.rdflib_limit:.0f} s", f">{args.rdflib_limit / fast:.0f}x"
            else:
                slow_text, ratio = f"{slow:.3f} s", f"{slow / fast:.0f}x"
                assert rows == len(result.rows), (name, rows, len(result.rows))
            print(f"{name:26} {len(result.rows):6d} {fast * 1000:10.1f} ms {slow_text:>10} {ratio:>9}")

        print("\none-hop p50 (Oxigraph):")
        for name in ONE_HOP:
            times = []
            for _ in range(50):
                t0 = time.perf_counter()
                run_named_query(store, name)
                times.append(time.perf_counter() - t0)
            print(f"  {name:24} p50 {statistics.median(times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
