"""Write a subset of the abstract pool for a ~1M-triple benchmark build (run by hand).

The subset is the first ``--first`` lines of ``abstract_pool.jsonl`` plus
every later line whose record is in ``il6_related_subset.jsonl`` (so that the
IL-6 named-query defaults hit data), in pool order. 3,300 gives 3,598
abstracts, and ``kg build`` makes a graph of 1,011,438 triples of them.

Usage::

    python benchmarks/pool_subset.py --first 3300 --out /tmp/pool-subset.jsonl
    nice -n 10 kg build /tmp/pool-subset.jsonl --out /tmp/bench-build --workers 2
    nice -n 10 python benchmarks/store_benchmark.py --build /tmp/bench-build
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import tempfile
from pathlib import Path

ABSTRACTS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "abstracts"


def _lines(path: Path) -> list[str]:
    # Records hold U+2028 and other characters str.splitlines() would break on: split on "\n" only.
    return [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--first", type=int, default=3300, help="lines taken from the start of the pool")
    parser.add_argument("--abstracts", type=Path, default=ABSTRACTS, help="folder of the two JSONL files")
    parser.add_argument("--out", type=Path, required=True, help="the subset (JSON lines) to write")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    related = {json.loads(line)["id"] for line in _lines(args.abstracts / "il6_related_subset.jsonl")}
    pool = _lines(args.abstracts / "abstract_pool.jsonl")
    kept = [line for at, line in enumerate(pool) if at < args.first or json.loads(line)["id"] in related]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=args.out.parent, prefix=f".{args.out.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write("\n".join(kept) + "\n")
    os.replace(temporary, args.out)
    logging.info("%d of %d pool abstracts written to %s", len(kept), len(pool), args.out)


if __name__ == "__main__":
    main()
