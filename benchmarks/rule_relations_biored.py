"""How often the relation rules' claims join a pair BioRED's curators relate (run by hand).

Usage: python benchmarks/rule_relations_biored.py [BioRED.PubTator ...]
(default: BioRED Train and Dev from ../shared/corpora). The rules (``kg_relation_extractor``)
are not trained on BioRED, so both splits measure them. For each document the pipeline finds
and grounds entities; each rule claim whose two ends carry BioRED identifiers (mapped as
``kg eval grounding`` maps them) is a predicted pair, unordered and counted once per document.
Printed: how many such pairs there are and how many BioRED relates (any type), the pairs of
affirmative and of negated claims apart, and for claims with a direction whose gold type is
Positive_ or Negative_Correlation, how often the sign agrees (increased, or positively
correlated, with Positive).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from kg.evaluation.grounding import predict
from kg.nlp.pipeline import load_pipeline
from kg.relation_model.evaluate import as_grounding_documents
from kg.relation_model.pubtator import default_corpora_dir, read_pubtator

_SIGN = {"increased": "Positive_Correlation", "decreased": "Negative_Correlation"}
_SIGNED_KINDS = {"positively_correlated_with": "increased", "negatively_correlated_with": "decreased"}


def main() -> None:
    root = default_corpora_dir() / "relations" / "BioRED"
    paths = [Path(p) for p in sys.argv[1:]] or [root / "Train.PubTator", root / "Dev.PubTator"]
    nlp = load_pipeline()
    lexicon = nlp.get_pipe("kg_vocabulary_ner").lexicon
    for path in paths:
        documents = read_pubtator(path)
        typed_like_gold = as_grounding_documents(documents)
        with nlp.select_pipes(disable=["kg_relation_model"]):
            grounded = predict(nlp, lexicon, typed_like_gold)
            docs = list(nlp.pipe(d.text for d in documents))
        counts: Counter[str] = Counter()
        for document, ours, doc in zip(documents, grounded, docs, strict=True):
            ids_at = {(a.start, a.end): a.ids for a in ours.annotations}
            gold = {r.pair: r.type for r in document.relations}
            seen: set[tuple[str, tuple[str, str]]] = set()
            for claim in doc._.kg_relations or []:
                if not claim.extractor.startswith("il6kg.rules"):
                    continue
                subject_ids = ids_at.get((claim.subject_start, claim.subject_end), ())
                object_ids = ids_at.get((claim.object_start, claim.object_end), ())
                counts["rule claims"] += 1
                if not subject_ids or not object_ids:
                    continue
                kind = "negated" if claim.negated else "affirmative"
                direction = claim.direction or _SIGNED_KINDS.get(claim.kind)
                for a in subject_ids:
                    for b in object_ids:
                        pair = (a, b) if a <= b else (b, a)
                        if a == b or (kind, pair) in seen:
                            continue
                        seen.add((kind, pair))
                        counts[f"{kind} pairs"] += 1
                        counts[f"{kind} pairs BioRED relates"] += pair in gold
                        signed = kind == "affirmative" and direction in _SIGN
                        if signed and gold.get(pair) in _SIGN.values():
                            counts["signed, gold signed"] += 1
                            counts["sign agrees"] += gold[pair] == _SIGN[direction]
        print(f"{path.name}: {len(documents)} documents")
        for key in (
            "rule claims",
            "affirmative pairs",
            "affirmative pairs BioRED relates",
            "negated pairs",
            "negated pairs BioRED relates",
            "signed, gold signed",
            "sign agrees",
        ):
            print(f"  {key}: {counts[key]}")
        if counts["affirmative pairs"]:
            print(
                f"  precision of affirmative pairs: "
                f"{100 * counts['affirmative pairs BioRED relates'] / counts['affirmative pairs']:.1f}%"
            )
        if counts["signed, gold signed"]:
            print(f"  sign agreement: {100 * counts['sign agrees'] / counts['signed, gold signed']:.1f}%")


if __name__ == "__main__":
    main()
