"""Throughput of ``kg build`` on the shared pool of 10,128 real abstracts.

Run by hand (takes long; prints figures, asserts nothing)::

    nice -n 10 python benchmarks/throughput.py            # 1k and 10k docs, 1 and 2 workers
    python benchmarks/throughput.py --sizes 1000 --workers 1 --no-reference

Every configuration builds like ``kg build`` (fresh output folder with its
per-document cache) in a fresh Python process, so its peak RSS (``ru_maxrss``
of the main process and of its largest child) is its own. Each line splits
the time into extraction with assembly (``run_build``) and writing every
output (``write_outputs``: RDF files, KGX, GraphML, HTML, Oxigraph store);
"end to end" is their sum. Also measured in the same run: scispaCy
tokenisation alone and the time per pipeline component (the reference), and
a rebuild after adding one paper to the largest built corpus (the `kg build` command,
same output folder and cache, one worker as ``kg build`` defaults to).
The load average is printed at the start and the end.

The corpus is read from ``$IL6KG_CORPORA/abstracts/abstract_pool.jsonl``
(default ``../shared/corpora`` beside the project); nothing is written into
the project or the working directory (temporary folders only).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _pool() -> Path:
    corpora = Path(os.environ.get("IL6KG_CORPORA", ROOT.parent / "shared" / "corpora"))
    return corpora / "abstracts" / "abstract_pool.jsonl"


def _subset(size: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"pool_{size}.jsonl"
    with _pool().open("rb") as source, path.open("wb") as target:
        target.writelines(islice(source, size))
    return path


def _peak_rss_mb() -> tuple[float, float]:
    """Peak RSS of this process and of its largest child (workers, the forked writer), in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, children / 1024  # Linux reports KiB


def run_one(corpus: Path, workers: int, cache: Path | None, out: Path | None) -> dict:
    """One build in this process: timings split into extraction and writing."""
    from kg.build import run_build, write_outputs

    start = time.perf_counter()
    run = run_build([corpus], workers=workers, cache_dir=cache, extract_aside=True)
    built = time.perf_counter()
    if out is not None:
        write_outputs(run.graph, out, changes=run.changes)
    written = time.perf_counter()
    own, child = _peak_rss_mb()
    return {
        "documents": len(run.graph.documents),
        "extracted": run.extracted,
        "reused": run.reused,
        "assertions": len(run.graph.assertions),
        "build_s": built - start,
        "write_s": written - built,
        "peak_rss_mb": own,
        "child_rss_mb": child,
    }


def run_reference(corpus: Path) -> dict:
    """Tokenisation-only and full-pipeline (no post-processing) throughput on ``corpus``."""
    from kg.nlp.pipeline import load_pipeline
    from kg.sources import read_inputs

    texts = [document.text for document in read_inputs([corpus]).documents]
    nlp = load_pipeline()
    start = time.perf_counter()
    for _ in nlp.tokenizer.pipe(texts, batch_size=64):
        pass
    tokenised = time.perf_counter()
    timings = {name: 0.0 for name in nlp.pipe_names}
    docs = (nlp.make_doc(text) for text in texts)
    for doc in docs:  # per-component time, as nlp.pipe would run them
        for name, component in nlp.pipeline:
            began = time.perf_counter()
            doc = component(doc)
            timings[name] += time.perf_counter() - began
    return {
        "documents": len(texts),
        "tokenizer_docs_per_s": len(texts) / (tokenised - start),
        "component_s": timings,
    }


def _child(*args: str) -> dict:
    command = [sys.executable, __file__, "--child", *args]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"benchmark step failed: {' '.join(args)}\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_128])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-reference", action="store_true", help="Skip the tokeniser/pipeline reference.")
    parser.add_argument(
        "--no-incremental", dest="incremental", action="store_false", help="Skip the +1 paper rebuild."
    )
    parser.add_argument("--keep", type=Path, help="Work in this folder, keep the builds.")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, corpus, *rest = args.child
        if kind == "reference":
            print(json.dumps(run_reference(Path(corpus))))
        else:
            workers, cache, out = int(rest[0]), rest[1], rest[2]
            print(
                json.dumps(run_one(Path(corpus), workers, Path(cache) if cache != "-" else None, Path(out)))
            )
        return
    if not _pool().is_file():
        raise SystemExit(f"abstract pool not found at {_pool()} (set IL6KG_CORPORA)")
    print(f"load average at start: {_load()}")
    with tempfile.TemporaryDirectory(prefix="il6kg-bench-") as temp:
        temp_dir = Path(args.keep or temp)
        if not args.no_reference:
            _reference(temp_dir)
        rates: dict[tuple[int, int], float] = {}
        for size in args.sizes:
            corpus = _subset(size, temp_dir)
            for workers in args.workers:
                # Like `kg build`: a fresh output folder with its per-document cache.
                out = temp_dir / f"out_{size}_{workers}"
                figures = _child("build", str(corpus), str(workers), str(out / "cache"), str(out))
                total = figures["build_s"] + figures["write_s"]
                rates[(size, workers)] = figures["documents"] / total
                print(
                    f"{figures['documents']:6d} docs, {workers} worker(s): "
                    f"{figures['documents'] / total:6.1f} abstracts/s end to end ({total:.1f} s: "
                    f"extraction and assembly {figures['build_s']:.1f} s = "
                    f"{figures['documents'] / figures['build_s']:.1f}/s, writing every output "
                    f"{figures['write_s']:.1f} s); peak RSS {figures['peak_rss_mb']:.0f} MB main process, "
                    f"{figures['child_rss_mb']:.0f} MB largest child; {figures['assertions']} assertions"
                )
            if (size, 1) in rates and (size, 2) in rates:
                print(f"  speed-up with 2 workers (end to end): {rates[(size, 2)] / rates[(size, 1)]:.2f}x")
        size = max(args.sizes)
        built = temp_dir / f"out_{size}_{max(args.workers)}"
        if args.incremental and (built / "cache").is_dir():
            _incremental(temp_dir / f"pool_{size}.jsonl", built, size)
    print(f"load average at end: {_load()}")


def _load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def _reference(temp_dir: Path) -> None:
    reference = _child("reference", str(_subset(1000, temp_dir)))
    total = sum(reference["component_s"].values())
    print(f"scispaCy tokenisation only: {reference['tokenizer_docs_per_s']:.0f} abstracts/s (1000 docs)")
    print(f"spaCy pipeline, per component on 1000 docs (total {total:.1f} s):")
    for name, seconds in reference["component_s"].items():
        print(f"  {name:24s} {seconds:7.2f} s  {seconds / total:5.1%}")


def _incremental(corpus: Path, built: Path, size: int) -> None:
    """Add one paper to the built corpus and rebuild into the same folder with its cache (1 worker)."""
    new_paper = {"id": "99999999", "title": "IL-6 trans-signalling in colitis",
                 "text": "IL-6 activates STAT3 in intestinal epithelial cells."}  # fmt: skip
    with corpus.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(new_paper) + "\n")
    # Timed as a user runs it: the `kg build` command, start-up and exit included.
    command = [sys.executable, "-m", "kg.cli", "build", str(corpus), "--out", str(built)]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"kg build (+1 paper) failed:\n{result.stderr[-3000:]}")
    # The command's summary (on stderr) says how many papers it extracted: 1 for a working cache.
    found = re.search(r"(\d+) papers\s+extracted", " ".join((result.stdout + result.stderr).split()))
    extracted = found.group(1) if found else "?"
    print(f"incremental: +1 paper on {size} built: `kg build` took {wall:.1f} s wall ({extracted} extracted)")


if __name__ == "__main__":
    main()
