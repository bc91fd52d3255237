"""Write the devel-split documents of a PubTator TrainDev file (for honest grounding figures).

``../shared/corpora/ner/pubtator/NCBIdisease_TrainDev.PubTator`` and
``BC5CDR_TrainDev.PubTator`` hold the train *and* devel documents of NCBI-disease and
BC5CDR. A model trained on those corpora' ``train.tsv`` has seen the train documents, so
a grounding figure on the whole file is contaminated. This script finds which documents
are in the devel split by matching the sentences of ``devel.tsv`` (and ``train.tsv``) to
the documents' title and abstract: a sentence's tokens joined without spaces must occur
in the document's text with its whitespace removed. A document is *devel* when at least
one devel sentence and no train sentence matches; it writes those documents, unchanged,
to ``OUT`` (keep it outside the project, e.g. under ``/tmp``).

Usage::

    python benchmarks/devel_pubtator.py PUBTATOR DEVEL_TSV TRAIN_TSV OUT
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from kg.nlp.iob import read_iob

_SPACE = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def split_blocks(text: str) -> list[tuple[str, str, str]]:
    """Return ``(pmid, squeezed title+abstract, raw block)`` per PubTator document."""
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.splitlines()
        body = []
        pmid = ""
        for line in lines:
            match = re.match(r"^(\d+)\|[ta]\|(.*)$", line)
            if match:
                pmid = match.group(1)
                body.append(match.group(2))
        if pmid:
            blocks.append((pmid, _squeeze(" ".join(body)), block))
    return blocks


def matching_documents(blocks: list[tuple[str, str, str]], iob: Path, min_chars: int = 25) -> set[str]:
    """PMIDs of the documents containing a sentence of ``iob`` (sentences of ``min_chars`` or more)."""
    found: set[str] = set()
    for sentence in read_iob(iob):
        key = "".join(sentence.words)
        if len(key) < min_chars:
            continue
        for pmid, text, _ in blocks:
            if key in text:
                found.add(pmid)
                break
    return found


def main(argv: list[str] | None = None) -> int:
    """Write the devel documents and report the counts on stderr."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pubtator", type=Path)
    parser.add_argument("devel", type=Path)
    parser.add_argument("train", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    blocks = split_blocks(args.pubtator.read_text(encoding="utf-8"))
    devel = matching_documents(blocks, args.devel)
    train = matching_documents(blocks, args.train)
    both = devel & train
    keep = [block for pmid, _, block in blocks if pmid in devel and pmid not in train]
    args.out.write_text("\n\n".join(keep) + "\n\n", encoding="utf-8")
    sys.stderr.write(
        f"{len(blocks)} documents: {len(devel)} match devel, {len(train)} match train, {len(both)} both, "
        f"{len(blocks) - len(devel | train)} neither; wrote {len(keep)} to {args.out}\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
