"""Throughput of the il6-kg pipeline with the statistical NER, on one core.

Runs, in one process pinned to one CPU core, over the same abstracts from
``abstracts/abstract_pool.jsonl``:

* tokenisation alone (il6-kg's tokenizer),
* the dictionary-only pipeline (``load_pipeline(entities="dictionary")``),
* the whole default pipeline (trained NER + dictionary grounding + relation rules),

and prints abstracts per second for each and the ratio of the whole
pipeline's time to tokenisation's. Run by hand::

    python benchmarks/ner_throughput.py [--limit 1000] [--corpora ../shared/corpora]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

# One core: set before numpy/blis are imported.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(variable, "1")


def _texts(path: Path, limit: int) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            texts.append("\n\n".join(part for part in (record.get("title"), record.get("text")) if part))
            if len(texts) >= limit:
                break
    return texts


def _rate(run, texts: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    run(texts)
    seconds = time.perf_counter() - start
    return len(texts) / seconds, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1000, help="Abstracts to process (default 1000).")
    parser.add_argument("--corpora", type=Path, default=None, help="Corpora folder.")
    parser.add_argument("--model", default=None, help="spaCy model name or path (default: shipped).")
    parser.add_argument("--core", type=int, default=0, help="CPU core to pin to (default 0).")
    args = parser.parse_args()

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.core})

    from kg.nlp.pipeline import load_pipeline, load_tokenizer_only
    from kg.nlp.training import corpora_root

    pool = (args.corpora or corpora_root()) / "abstracts" / "abstract_pool.jsonl"
    if not pool.is_file():
        print(f"no abstract pool at {pool}", file=sys.stderr)
        return 2
    texts = _texts(pool, args.limit)
    tokens_nlp = load_tokenizer_only()
    dictionary = load_pipeline(entities="dictionary")
    combined = load_pipeline(args.model)
    # Warm up caches (lexemes, matcher tables) outside the timed runs.
    for nlp in (tokens_nlp, dictionary, combined):
        list(nlp.pipe(texts[:20]))

    n_tokens = sum(len(doc) for doc in tokens_nlp.tokenizer.pipe(texts))
    tok_rate, tok_seconds = _rate(lambda batch: list(tokens_nlp.tokenizer.pipe(batch)), texts)
    dict_rate, dict_seconds = _rate(lambda batch: list(dictionary.pipe(batch, batch_size=64)), texts)
    full_rate, full_seconds = _rate(lambda batch: list(combined.pipe(batch, batch_size=64)), texts)
    print(f"abstracts: {len(texts)} ({n_tokens} tokens, {n_tokens / len(texts):.0f} per abstract), one core")
    print(f"tokenisation alone:          {tok_rate:9.1f} abstracts/s ({tok_seconds:.2f} s)")
    print(f"dictionary-only pipeline:    {dict_rate:9.1f} abstracts/s ({dict_seconds:.2f} s)")
    print(f"whole pipeline with the NER: {full_rate:9.1f} abstracts/s ({full_seconds:.2f} s)")
    print(f"whole pipeline / tokenisation time ratio: {full_seconds / tok_seconds:.1f}x")
    print(f"components: {', '.join(combined.pipe_names)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
