"""How the relation rules' claims agree with curated regulation events (run by hand).

Usage: python benchmarks/rule_relations_events.py [FOLDER ...]
(default: the BioNLP-ST 2013 GE, CG and PC train folders under ../shared/corpora/relations).

The BioNLP-ST curators mark events such as Positive_regulation(Theme: Phosphorylation(STAT3),
Cause: IL-6). Each top-level event with a Cause entity gives a gold pair (the cause, the entity its
theme comes down to) and a sign composed along the theme chain: Positive_regulation +1,
Negative_regulation -1, Regulation unsigned, a loss (catabolism, degradation, inactivation,
dephosphorylation) -1, any other event type +1. Events the curators mark negated or speculated
are left out. The pipeline (entities as il-6kg finds them, the rules alone) reads each text; a
rule claim matches a gold pair when its subject overlaps the cause and its object the theme
entity. Printed per folder:

- recall: gold pairs with a matching affirmative claim;
- sign agreement: of those with a signed gold pair and a signed claim, how many agree;
- claims between two curated entities, and how many of them join a gold pair in either order
  (any event type, negated ones included): a lower bound on precision, since the curators
  annotate only some event types and only their own entity types.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from kg.nlp.extensions import tokenized
from kg.nlp.pipeline import load_pipeline
from kg.relation_model.pubtator import default_corpora_dir

_FOLDERS = ("bionlp-st-2013-ge", "bionlp-st-2013-cg", "bionlp-st-2013-pc")
_SIGNS = {"Positive_regulation": 1, "Negative_regulation": -1, "Regulation": 0}
_LOSSES = {"Protein_catabolism", "Degradation", "Catabolism", "Inactivation", "Dephosphorylation"}
_DIRECTION = {"increased": 1, "decreased": -1}

Span = tuple[int, int]


def _read(txt: Path) -> tuple[str, dict[str, Span], list[tuple[Span, Span, int | None]], set[frozenset]]:
    """The text, its entities, the clean gold (cause, theme, sign) triples and every cause-theme pair."""
    text = txt.read_text(encoding="utf-8")
    entities: dict[str, Span] = {}
    for line in txt.with_suffix(".a1").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, start, end = parts[1].split(";")[0].split()[:3]
            entities[parts[0]] = (int(start), int(end))
    events: dict[str, tuple[str, dict[str, str]]] = {}
    modified: set[str] = set()
    nested: set[str] = set()
    for line in txt.with_suffix(".a2").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, start, end = parts[1].split(";")[0].split()[:3]
            entities.setdefault(parts[0], (int(start), int(end)))
        elif line.startswith("E") and len(parts) >= 2:
            head, *arguments = parts[1].split()
            roles = {}
            for argument in arguments:
                role, _, target = argument.partition(":")
                roles.setdefault(role.rstrip("0123456789"), target)
                nested.add(target)
            events[parts[0]] = (head.partition(":")[0], roles)
        elif line.startswith("M") and len(parts) >= 2:
            modified.add(parts[1].split()[1])
    gold: list[tuple[Span, Span, int | None]] = []
    every: set[frozenset] = set()
    for event_id, (event_type, roles) in events.items():
        cause, theme = roles.get("Cause"), roles.get("Theme")
        if cause not in entities or theme is None:
            continue
        sign: int | None = _SIGNS.get(event_type, 1)
        seen: set[str] = set()
        while theme in events and theme not in seen:
            seen.add(theme)
            inner_type, inner_roles = events[theme]
            inner = -1 if inner_type in _LOSSES else _SIGNS.get(inner_type, 1)
            sign = None if sign is None or inner == 0 else sign * inner
            theme = inner_roles.get("Theme")
        if sign == 0:
            sign = None
        if theme not in entities:
            continue
        every.add(frozenset((entities[cause], entities[theme])))
        if event_id not in nested and event_id not in modified:
            gold.append((entities[cause], entities[theme], sign))
    return text, entities, gold, every


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main() -> None:
    root = default_corpora_dir() / "relations"
    folders = [Path(p) for p in sys.argv[1:]] or [root / name / "train" for name in _FOLDERS]
    nlp = load_pipeline()
    for folder in folders:
        counts: Counter[str] = Counter()
        for txt in sorted(folder.glob("*.txt")):
            text, entities, gold, every = _read(txt)
            with nlp.select_pipes(disable=["kg_relation_model"]):
                doc = nlp(tokenized(nlp, text))
            claims = [
                (
                    (r.subject_start, r.subject_end),
                    (r.object_start, r.object_end),
                    _DIRECTION.get(r.direction or ""),
                )
                for r in doc._.kg_relations
                if r.extractor == "il6kg.rules" and not r.negated
            ]
            for cause, theme, sign in gold:
                counts["gold pairs"] += 1
                found = [c for c in claims if _overlaps(c[0], cause) and _overlaps(c[1], theme)]
                if not found:
                    continue
                counts["found"] += 1
                signed = [c[2] for c in found if c[2] is not None]
                if sign is not None and signed:
                    counts["signed"] += 1
                    counts["sign agrees"] += sign in signed
            spans = list(entities.values())
            for subject, obj, _ in claims:
                ends = [next((s for s in spans if _overlaps(s, end)), None) for end in (subject, obj)]
                if None in ends or ends[0] == ends[1]:
                    continue
                counts["claims between curated entities"] += 1
                counts["... joining a gold pair"] += frozenset(ends) in every
        total, found = counts["gold pairs"], counts["found"]
        between, joined = counts["claims between curated entities"], counts["... joining a gold pair"]
        print(f"{folder.parent.name}/{folder.name}: {total} clean gold cause-theme pairs")
        print(f"  found by a rule claim: {found} ({100 * found / max(total, 1):.1f}%)")
        print(f"  sign agrees: {counts['sign agrees']} / {counts['signed']}")
        share = 100 * joined / max(between, 1)
        print(f"  claims between curated entities: {between}, joining a gold pair: {joined} ({share:.1f}%)")


if __name__ == "__main__":
    main()
