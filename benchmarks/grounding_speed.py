"""Grounding speed: pipeline load time, RSS, and abstracts/s (run by hand; prints figures).

Usage: python benchmarks/grounding_speed.py [ABSTRACTS.jsonl] [--limit N]
Default abstracts: $IL6KG_CORPORA/abstracts/abstract_pool.jsonl (../shared/corpora).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path


def main() -> None:
    root = Path(__file__).resolve().parents[1]
    corpora = Path(os.environ.get("IL6KG_CORPORA", root.parent / "shared" / "corpora"))
    parser = argparse.ArgumentParser()
    default = corpora / "abstracts" / "abstract_pool.jsonl"
    parser.add_argument("abstracts", nargs="?", type=Path, default=default)
    parser.add_argument("--limit", type=int, default=2000)
    args = parser.parse_args()
    texts = []
    with args.abstracts.open(encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            texts.append(f"{record.get('title') or ''}\n\n{record.get('text') or ''}")
            if len(texts) >= args.limit:
                break

    start = time.perf_counter()
    from kg import load_pipeline

    nlp = load_pipeline()
    matcher = nlp.get_pipe("kg_vocabulary_ner")
    matcher.lexicon  # noqa: B018 - force the lazy load into the timed section
    loaded = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pipeline + lexicon load: {loaded:.2f} s, max RSS {rss:.0f} MB")

    docs = [nlp.make_doc(text) for text in texts]
    start, cpu_start = time.perf_counter(), time.process_time()
    n_ents = sum(len(matcher(doc).ents) for doc in docs)
    matched, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    rate = len(docs) / matched
    # CPU time of this process: what a busy machine disturbs less than the wall clock.
    print(
        f"entity matching only: {rate:.0f} abstracts/s (by CPU time {len(docs) / cpu:.0f}/s; "
        f"{n_ents} entities, {len(docs)} abstracts)"
    )

    start = time.perf_counter()
    with nlp.select_pipes(disable=["kg_relation_extractor"]):
        for _ in nlp.pipe(texts[:500]):
            pass
    full = time.perf_counter() - start
    print(f"tokenizer+sentences+abbreviations+matching: {min(500, len(texts)) / full:.0f} abstracts/s")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"max RSS after matching: {rss:.0f} MB")


if __name__ == "__main__":
    main()
