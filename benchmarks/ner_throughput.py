"""Throughput of the il6-kg pipeline with the statistical NER, on one core.

Runs, in one process pinned to one CPU core, over the same abstracts from
``abstracts/abstract_pool.jsonl``:

* tokenisation alone (il6-kg's tokenizer),
* the dictionary-only pipeline (``load_pipeline(entities="dictionary")``),
* the whole default pipeline (trained NER + dictionary grounding + relation rules),

and prints abstracts per second for each (wall clock, and CPU time of this
process, which a busy machine disturbs less), the ratio of the whole
pipeline's time to tokenisation's, and the CPU share of each component of
the whole pipeline. Run by hand::

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


def _rate(run, texts: list[str]) -> tuple[float, float, float]:
    """Return abstracts/s by wall clock, the wall seconds and the CPU seconds of ``run(texts)``."""
    start, cpu_start = time.perf_counter(), time.process_time()
    run(texts)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return len(texts) / seconds, seconds, cpu


def _component_cpu(nlp, texts: list[str]) -> dict[str, float]:
    """CPU seconds of each component of ``nlp`` over ``texts`` (tokenizer included)."""
    shares = {}
    cpu = time.process_time()
    docs = [nlp.make_doc(text) for text in texts]
    shares["tokenizer"] = time.process_time() - cpu
    for name, component in nlp.pipeline:
        cpu = time.process_time()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=64))
        else:
            docs = [component(doc) for doc in docs]
        shares[name] = time.process_time() - cpu
    return shares


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
    tok_rate, tok_seconds, tok_cpu = _rate(lambda batch: list(tokens_nlp.tokenizer.pipe(batch)), texts)
    dict_rate, dict_seconds, dict_cpu = _rate(
        lambda batch: list(dictionary.pipe(batch, batch_size=64)), texts
    )
    full_rate, full_seconds, full_cpu = _rate(lambda batch: list(combined.pipe(batch, batch_size=64)), texts)
    n = len(texts)
    print(f"abstracts: {n} ({n_tokens} tokens, {n_tokens / n:.0f} per abstract), one core")
    rows = [
        ("tokenisation alone:", tok_rate, tok_seconds, tok_cpu),
        ("dictionary-only pipeline:", dict_rate, dict_seconds, dict_cpu),
        ("whole pipeline with the NER:", full_rate, full_seconds, full_cpu),
    ]
    for label, rate, seconds, cpu in rows:
        print(f"{label:29s}{rate:9.1f} abstracts/s ({seconds:.2f} s; by CPU time {n / cpu:.1f}/s)")
    ratio, cpu_ratio = full_seconds / tok_seconds, full_cpu / tok_cpu
    print(f"whole pipeline / tokenisation time ratio: {ratio:.1f}x (CPU time {cpu_ratio:.1f}x)")
    shares = _component_cpu(combined, texts)
    total = sum(shares.values())
    print("CPU share per component of the whole pipeline:")
    for name, seconds in shares.items():
        print(f"  {name:24s} {seconds:6.2f} s {100 * seconds / total:5.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
