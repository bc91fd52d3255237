"""Load test of ``kg serve`` on loopback: N concurrent clients for T seconds (run by hand).

Starts the endpoint on a built store (127.0.0.1, a free port), runs 20
client threads for 60 s (each sends one-hop and aggregate queries in turn,
GET and POST, JSON and CSV), then prints requests, errors, throughput and
latency percentiles. Traffic goes to 127.0.0.1 only and stops by itself.

Usage::

    kg build                      # writes build/store
    nice -n 10 python benchmarks/endpoint_load.py [--store build] [--clients 20] [--seconds 60] [--memory]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.endpoint.server import EndpointConfig, start_endpoint

IL6 = "http://identifiers.org/hgnc/6018"
QUERIES = (
    f"SELECT ?object ?predicate WHERE {{ ?a biolink:subject <{IL6}> ; biolink:predicate ?predicate ;"
    " biolink:object ?object }",
    f"SELECT ?paper ?title WHERE {{ ?paper biolink:mentions <{IL6}> ; biolink:name ?title }}",
    "SELECT ?category (COUNT(?c) AS ?n) WHERE { ?c a ?category } GROUP BY ?category",
    "ASK { ?s a biolink:Gene }",
)


def client_loop(url: str, deadline: float, index: int, latencies: list, outcomes: Counter, lock) -> None:
    with httpx.Client(timeout=30) as http:
        turn = index
        while time.monotonic() < deadline:
            query = QUERIES[turn % len(QUERIES)]
            started = time.perf_counter()
            try:
                if turn % 2:
                    response = http.post(url, data={"query": query}, headers={"Accept": "text/csv"})
                else:
                    response = http.get(url, params={"query": query})
                outcome = str(response.status_code)
            except httpx.HTTPError as error:
                outcome = type(error).__name__
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                outcomes[outcome] += 1
            turn += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, default=Path("build"))
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--memory", action="store_true", help="workers answer from in-memory copies")
    args = parser.parse_args()

    endpoint = start_endpoint(EndpointConfig(args.store, port=0, workers=args.workers, memory=args.memory))
    print(f"endpoint {endpoint.url}, {args.workers} workers; {args.clients} clients for {args.seconds:g} s")
    latencies: list[float] = []
    outcomes: Counter = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + args.seconds
    threads = [
        threading.Thread(target=client_loop, args=(endpoint.url, deadline, i, latencies, outcomes, lock))
        for i in range(args.clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    endpoint.close()

    total = sum(outcomes.values())
    errors = total - outcomes["200"]
    cuts = statistics.quantiles(latencies, n=100)
    print(f"requests {total}, errors {errors} ({dict(outcomes)})")
    print(f"throughput {total / wall:.0f} requests/s")
    worst = max(latencies) * 1000
    print(f"latency p50 {cuts[49] * 1000:.1f} ms, p95 {cuts[94] * 1000:.1f} ms, max {worst:.1f} ms")


if __name__ == "__main__":
    main()
