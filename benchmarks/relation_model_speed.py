"""Throughput of the pipeline with and without the trained relation model (run by hand).

Usage: python benchmarks/relation_model_speed.py [ABSTRACTS.jsonl]
(default: the IL-6 subset of ../shared/corpora/abstracts). Prints abstracts
per second on the current process (one core) for both pipelines, and the
number of relations each adds, then the relation model component alone.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from kg.nlp.pipeline import load_pipeline
from kg.relation_model.pubtator import default_corpora_dir


def main() -> None:
    path = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else default_corpora_dir() / "abstracts" / "il6_related_subset.jsonl"
    )
    texts = []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            texts.append(f"{record.get('title') or ''} {record.get('text') or ''}".strip())
    nlp = load_pipeline()
    for label, disabled in (
        ("without kg_relation_model", ["kg_relation_model"]),
        ("with kg_relation_model", []),
    ):
        with nlp.select_pipes(disable=disabled):
            list(nlp.pipe(texts[:20]))  # warm up (model load, caches)
            started = time.perf_counter()
            relations = sum(len(doc._.kg_relations or []) for doc in nlp.pipe(texts, batch_size=32))
            elapsed = time.perf_counter() - started
        print(
            f"{label}: {len(texts)} abstracts in {elapsed:.1f} s = "
            f"{len(texts) / elapsed:.1f} abstracts/s, {relations} relations"
        )
    # The component alone, on documents the rest of the pipeline already parsed.
    with nlp.select_pipes(disable=["kg_relation_model"]):
        docs = list(nlp.pipe(texts, batch_size=32))
    component = nlp.get_pipe("kg_relation_model")
    started, cpu_started = time.perf_counter(), time.process_time()
    for doc in docs:
        component(doc)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    # CPU time is less sensitive than wall time to other jobs on a shared machine.
    print(
        f"kg_relation_model alone: {len(docs) / elapsed:.1f} abstracts/s wall, "
        f"{len(docs) / cpu:.1f} abstracts/s CPU ({1000 * cpu / len(docs):.1f} ms CPU per abstract)"
    )


if __name__ == "__main__":
    main()
