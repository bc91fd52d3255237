"""How much faster two processes are than one on this machine, for the pipeline and for controls.

Run by hand on a quiet machine (prints figures, asserts nothing)::

    python benchmarks/core_scaling.py --limit 1000

``kg build --workers 2`` cannot scale better than the hardware lets two
copies of the pipeline run side by side. This measures that ceiling: each
workload runs in one process over ``limit`` abstracts, then in two processes
at the same time over the same abstracts each (both start together, after
loading; the same work, so neither waits for a slower share). The speed-up is
twice the one process's wall time over the pair's (the slower one).
Each process's CPU time per abstract is printed too: if it grows when two
run together, the cores share something (caches, memory bandwidth, a
physical core) and the workload slows down although neither waits.

Workloads: a pure-Python loop over small integers (a control that touches
almost no memory), scispaCy-style tokenisation alone, and the whole pipeline
(``kg.load_pipeline()``; the extraction's post-processing is not included),
loaded in each process (as ``kg build --workers`` does: ``spawn``) or loaded
once and forked (``pipeline-shared``: the processes share the loaded pages
until they write to them).
The corpus is read from ``$IL6KG_CORPORA/abstracts/abstract_pool.jsonl``.
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import os
import sys
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORKLOADS = ("python-loop", "tokeniser", "pipeline", "pipeline-shared")


def _texts(limit: int) -> list[str]:
    corpora = Path(os.environ.get("IL6KG_CORPORA", ROOT.parent / "shared" / "corpora"))
    pool = corpora / "abstracts" / "abstract_pool.jsonl"
    with pool.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in islice(lines, limit)]
    return [f"{record.get('title', '')}\n{record.get('text', '')}" for record in records]


def _prepare(workload: str):
    """A function that processes a list of texts (everything slow loaded before timing)."""
    if workload == "python-loop":

        def loop(texts: list[str]) -> None:
            for text in texts:
                total = 0
                for _ in range(len(text) * 20):
                    total = (total * 31 + 7) & 0xFFFF

        return loop
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")  # one core per process, as a build worker
    from kg.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    if workload == "tokeniser":
        return lambda texts: [None for _ in nlp.tokenizer.pipe(texts, batch_size=64)]
    return lambda texts: [None for _ in nlp.pipe(texts, batch_size=32)]


_LOADED: dict[str, object] = {}
"""Workloads prepared in this process before forking (``pipeline-shared``)."""


def _run(workload: str, texts: list[str], barrier, results) -> None:
    process = _LOADED.get(workload) or _prepare(workload)
    process(texts[:20])  # warm caches and lazy initialisation
    barrier.wait()
    wall, cpu = time.perf_counter(), time.process_time()
    process(texts)
    results.put((time.perf_counter() - wall, time.process_time() - cpu, len(texts)))


def measure(workload: str, texts: list[str], processes: int) -> list[tuple[float, float, int]]:
    """Run ``workload`` in ``processes`` processes at once, each over all of ``texts``."""
    if workload.endswith("-shared"):
        # Loaded once here, then forked: the children share the loaded pages (copy on write).
        if workload not in _LOADED:
            _LOADED[workload] = _prepare(workload.removesuffix("-shared"))
            _LOADED[workload](texts[:20])  # what loads at the first document is shared too
        gc.freeze()  # the children's collector would otherwise touch (and so copy) every page
        context = multiprocessing.get_context("fork")
    else:
        context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(processes), context.Queue()
    arguments = (workload, texts, barrier, results)
    children = [context.Process(target=_run, args=arguments) for _ in range(processes)]
    for child in children:
        child.start()
    figures = [results.get() for _ in children]
    for child in children:
        child.join()
    return figures


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=1000, help="Abstracts (default 1000).")
    parser.add_argument("--workloads", nargs="+", choices=WORKLOADS, default=list(WORKLOADS))
    args = parser.parse_args()
    texts = _texts(args.limit)
    print(f"load average at start: {_load()}")
    for workload in args.workloads:
        ((one_wall, one_cpu, count),) = measure(workload, texts, 1)
        pair = measure(workload, texts, 2)
        pair_wall = max(wall for wall, _cpu, _n in pair)
        pair_count = sum(n for _wall, _cpu, n in pair)
        pair_cpu = sum(cpu for _wall, cpu, _n in pair)
        one_rate, pair_rate = count / one_wall, pair_count / pair_wall
        print(
            f"{workload:12s} one process {one_rate:8.1f}/s ({one_cpu / count * 1000:.2f} ms CPU each); "
            f"two at once {pair_rate:8.1f}/s ({pair_cpu / pair_count * 1000:.2f} ms CPU each): "
            f"speed-up {pair_rate / one_rate:.2f}x"
        )
    print(f"load average at end: {_load()}")


if __name__ == "__main__":
    main()
