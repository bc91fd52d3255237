"""The relation rules' claims as features of the relation model, scored on BioRED dev (run by hand).

Usage: nice -n 10 python benchmarks/relation_rule_features.py [--cache FILE]
(the corpora folder is $IL6KG_CORPORA or ../shared/corpora; about 15 minutes on a busy 2-core machine).

The pipeline (with ``kg_relation_model`` off) runs on BioRED Train and Dev; its rule claims
(``kg_relation_extractor``: the typed patterns and the signed rules) are mapped onto concept
pairs three ways:

ours
    the claims the pipeline makes on its own entities; an end of a claim names every gold
    mention its characters overlap (relation-only: the pairs are the gold entities' pairs).
gold
    the rules run again with BioRED's gold mentions as ``doc.ents`` (our entities of other
    categories, such as cells and processes, kept where no gold mention lies), so an end of a
    claim is a gold concept.
end to end
    the claims on our entities, the ends carried into BioRED's identifiers exactly as
    ``kg eval re --end-to-end`` carries them (:func:`kg.evaluation.grounding.predict`).

For a pair, each claim joining its two concepts gives: that a claim links them, its sign
(increased, decreased, unsigned or association) with its state (affirmative, negated,
hedged), its predicate (kind and rule, e.g. ``affects:verb``, ``has_target:...``), and which
concept is the agent; conjoined with the entity-type pair. Variants, each with the
no-relation bias tuned on dev as ``kg train re`` tunes it:

joint
    the claim features added to the shipped model's (retrained as ``kg train re``; ``joint4``:
    each claim feature 4 times, which weakens the regularisation on them 4-fold).
linked
    a second logistic regression (C 0.1) over the shipped model's out-of-fold log-probabilities
    (5 document folds of Train) and the claim features, trained and applied only on the pairs a
    claim links; the other pairs keep the shipped model's answer. ``linked-null`` is its
    control: the same pairs and model with the claim features replaced by one indicator.
roles
    ``linked`` widened to every pair one of whose concepts is the agent or the object of some
    claim in the abstract (role and sign per concept when no claim joins the two).
all
    the second model on every pair: ``all-null`` (the log-probabilities and the type pair only,
    no rule information) and ``all+claims``.

Printed for each: relation-only pair + type P/R/F1, pair F1, F1 per type, the type confusions
on the gold pairs found (Association vs a correlation, Positive vs Negative), how the pairs a
claim links fare, and the same scores end to end.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

from kg.relation_model.evaluate import as_grounding_documents, score_relations
from kg.relation_model.examples import BIOLINK_TO_BIORED, document_examples
from kg.relation_model.features import Mention, PairCandidate, document_pairs, hash_feature, type_pair_name
from kg.relation_model.model import NO_RELATION, LinearWeights, load_default_model
from kg.relation_model.pubtator import (
    PubTatorDocument,
    PubTatorRelation,
    default_corpora_dir,
    read_pubtator,
)
from kg.relation_model.train import TrainingSettings, _allowed_type_pairs, _fit, _typed_f1

BUCKETS = 1 << 20
BIAS_GRID = np.arange(-3.0, 3.01, 0.25)
# BioRED types as the Biolink categories the rules read (agents: genes and chemicals).
BIORED_TO_BIOLINK = {
    "GeneOrGeneProduct": "biolink:Gene",
    "ChemicalEntity": "biolink:ChemicalEntity",
    "DiseaseOrPhenotypicFeature": "biolink:Disease",
    "SequenceVariant": "biolink:SequenceVariant",
    "OrganismTaxon": "biolink:OrganismTaxon",
    "CellLine": "biolink:CellLine",
}
_CORRELATIONS = {"Positive_Correlation", "Negative_Correlation"}

Claims = dict[tuple[str, str], list[tuple[str, dict]]]
"""Sorted concept pair -> (the agent's concept id, the claim) of every claim joining the two."""


def claim_record(claim) -> dict:
    """A rule claim (:class:`~kg.nlp.relations.RelationCandidate`) as a JSON-able record."""
    return {
        "s": [claim.subject_start, claim.subject_end],
        "o": [claim.object_start, claim.object_end],
        "sc": claim.subject_curie,
        "oc": claim.object_curie,
        "kind": claim.kind,
        "dir": claim.direction,
        "neg": claim.negated,
        "hedged": claim.hedged,
        "rule": claim.rule,
    }


def _sorted_pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _link(claims: Claims, subjects: Sequence[str], objects: Sequence[str], record: dict) -> None:
    for a in subjects:
        for b in objects:
            if a != b:
                claims[_sorted_pair(a, b)].append((a, record))


def claims_by_overlap(records: Sequence[dict], mentions: Sequence[Mention]) -> Claims:
    """Claims on our entities carried to the gold concepts whose mentions overlap their ends."""

    def ids(span: Sequence[int]) -> list[str]:
        start, end = span
        return sorted({i for m in mentions if m.start < end and start < m.end for i in m.ids})

    claims: Claims = defaultdict(list)
    for record in records:
        _link(claims, ids(record["s"]), ids(record["o"]), record)
    return claims


def claims_by_offsets(records: Sequence[dict], mentions: Sequence[Mention]) -> Claims:
    """Claims whose ends are exactly ``mentions`` (end to end: our entities in BioRED's ids)."""
    ids_at = {(m.start, m.end): m.ids for m in mentions}
    claims: Claims = defaultdict(list)
    for record in records:
        _link(claims, ids_at.get(tuple(record["s"]), ()), ids_at.get(tuple(record["o"]), ()), record)
    return claims


def claims_by_curie(records: Sequence[dict]) -> Claims:
    """Claims made with gold entities in ``doc.ents``: each end's kb_id is its gold ids joined by ``|``."""
    claims: Claims = defaultdict(list)
    for record in records:
        _link(claims, record["sc"].split("|"), record["oc"].split("|"), record)
    return claims


def _type_pair(pair: PairCandidate) -> str:
    return type_pair_name(pair.type1, pair.type2)


def claim_features(pair: PairCandidate, claims: Claims) -> list[str]:
    """The features of the claims that join the pair's two concepts (none when no claim does)."""
    tp = _type_pair(pair)
    features = []
    for agent, claim in claims.get(_sorted_pair(pair.id1, pair.id2), ()):
        order = "ab" if agent == pair.id1 else "ba"
        sign = claim["dir"] or ("assoc" if claim["kind"] == "associated_with" else "none")
        state = "neg" if claim["neg"] else ("hedged" if claim["hedged"] else "aff")
        predicate = f"{claim['kind']}:{claim['rule']}"
        features += [
            "rc",
            f"{tp}|rc",
            f"rc_sign={sign}:{state}",
            f"{tp}|rc_sign={sign}:{state}",
            f"rc_kind={predicate}",
            f"{tp}|rc_kind={predicate}",
            f"{tp}|rc_ord={order}:{sign}",
            f"rc_state={state}",
        ]
    return sorted(set(features))


def role_features(pair: PairCandidate, claims: Claims) -> list[str]:
    """The pair's claim features, or else the roles its concepts play in the abstract's other claims."""
    joined = claim_features(pair, claims)
    if joined:
        return joined
    tp = _type_pair(pair)
    features = set()
    for key, found in claims.items():
        for agent, claim in found:
            if claim["neg"]:
                continue
            sign = claim["dir"] or claim["kind"]
            for role, concept in (("a", pair.id1), ("b", pair.id2)):
                if concept in key:
                    part = "agent" if agent == concept else "object"
                    features.add(f"{tp}|{role}_role={part}:{sign}")
    return sorted(features)


class Split:
    """Candidate pairs of one corpus file: features, gold labels, document keys and each pair's claims."""

    def __init__(
        self,
        documents: Sequence[PubTatorDocument],
        allowed: frozenset[tuple[str, str]],
        mentions_of: Callable[[PubTatorDocument], list[Mention]] | None,
        claims_of: Callable[[PubTatorDocument, list[Mention]], Claims],
    ) -> None:
        self.features: list[tuple[str, ...]] = []
        self.labels: list[str] = []
        self.keys: list[tuple[str, str, str]] = []
        self.claims: list[Claims] = []
        self.pairs: list[PairCandidate] = []
        self.missed = 0
        for document in documents:
            if mentions_of is None:  # relation-only: the gold mentions
                pairs, labels, _ = document_examples(document, allowed)
                mentions = [Mention(m.start, m.end, m.type, m.ids) for m in document.mentions if m.ids]
            else:
                mentions = mentions_of(document)
                pairs = document_pairs(
                    document.text, mentions, allowed_type_pairs=allowed, boundaries=[len(document.title)]
                )
                gold = {r.pair: r.type for r in document.relations}
                labels = [gold.get(_sorted_pair(p.id1, p.id2), NO_RELATION) for p in pairs]
            claims = claims_of(document, mentions)
            for pair, label in zip(pairs, labels, strict=True):
                self.pairs.append(pair)
                self.features.append(pair.features)
                self.labels.append(label)
                self.keys.append((document.pmid, pair.id1, pair.id2))
                self.claims.append(claims)
            candidates = {_sorted_pair(p.id1, p.id2) for p in pairs}
            self.missed += len({r.pair for r in document.relations} - candidates)

    def extra(self, features_of: Callable[[PairCandidate, Claims], list[str]]) -> list[list[str]]:
        """``features_of`` for every pair."""
        return [features_of(pair, claims) for pair, claims in zip(self.pairs, self.claims, strict=True)]


def run_pipeline(documents: Sequence[PubTatorDocument], nlp, lexicon) -> list[dict]:
    """Per document: the rule claims on our entities and on the gold ones, and our entities in BioRED ids."""
    from spacy.util import filter_spans

    from kg.evaluation.grounding import predict

    extractor = nlp.get_pipe("kg_relation_extractor")
    with nlp.select_pipes(disable=["kg_relation_extractor", "kg_relation_model"]):
        docs = list(nlp.pipe(d.text for d in documents))
    typed_like_gold = as_grounding_documents(documents)
    found = predict(nlp, lexicon, typed_like_gold)
    records = []
    for document, doc, ours in zip(documents, docs, found, strict=True):
        doc._.kg_relations = []
        extractor(doc)
        on_ours = [claim_record(c) for c in doc._.kg_relations]
        gold_spans = []
        for m in document.mentions:
            if m.ids and m.type in BIORED_TO_BIOLINK:
                span = doc.char_span(
                    m.start,
                    m.end,
                    label=BIORED_TO_BIOLINK[m.type],
                    kb_id="|".join(m.ids),
                    alignment_mode="expand",
                )
                if span is not None:
                    gold_spans.append(span)
        gold_spans = filter_spans(gold_spans)
        taken = {i for span in gold_spans for i in range(span.start, span.end)}
        others = [
            e
            for e in doc.ents
            if e.label_ not in BIOLINK_TO_BIORED and not any(i in taken for i in range(e.start, e.end))
        ]
        doc.ents = sorted(gold_spans + others, key=lambda span: span.start)
        doc._.kg_relations = []
        extractor(doc)
        records.append(
            {
                "ours": on_ours,
                "gold": [claim_record(c) for c in doc._.kg_relations],
                "entities": [[a.start, a.end, a.type, list(a.ids)] for a in ours.annotations],
            }
        )
    return records


def _design(rows: Sequence[Sequence[str]], columns: dict[int, int]) -> sp.csr_matrix:
    indices, indptr = [], [0]
    for row in rows:
        indices.extend(sorted({columns[h] for h in (hash_feature(f, BUCKETS) for f in row) if h in columns}))
        indptr.append(len(indices))
    return sp.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(columns)))


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise log-probabilities of ``logits``."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def scores_of(weights: LinearWeights, feature_sets: Sequence[Sequence[str]]) -> np.ndarray:
    """Class logits of a linear model over hashed features."""
    return weights.scores(feature_sets, BUCKETS)


class Stacked:
    """A second logistic regression over first-stage log-probabilities and extra features.

    Trained and applied only on the rows whose extra features are not empty; the other rows
    keep the first stage's log-probabilities.
    """

    def __init__(self, classes: Sequence[str], c: float = 0.1) -> None:
        self.classes = list(classes)
        self.c = c
        self.columns: dict[int, int] = {}
        self.model: LogisticRegression | None = None

    def _matrix(self, log_probs: np.ndarray, rows: Sequence[Sequence[str]]) -> sp.csr_matrix:
        return sp.hstack([sp.csr_matrix(log_probs), _design(rows, self.columns)]).tocsr()

    def fit(self, logits: np.ndarray, rows: Sequence[Sequence[str]], labels: Sequence[str]) -> Stacked:
        """Fit on the rows with extra features (``logits`` out of fold)."""
        used = [i for i, row in enumerate(rows) if row]
        counts = Counter(h for i in used for h in {hash_feature(f, BUCKETS) for f in rows[i]})
        self.columns = {h: j for j, h in enumerate(sorted(h for h, n in counts.items() if n >= 2))}
        matrix = self._matrix(log_softmax(logits[used]), [rows[i] for i in used])
        self.model = LogisticRegression(C=self.c, max_iter=2000)
        self.model.fit(matrix, [labels[i] for i in used])
        return self

    def log_probabilities(self, logits: np.ndarray, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """The first stage's log-probabilities, replaced by the second's where ``rows`` has features."""
        out = log_softmax(logits)
        used = [i for i, row in enumerate(rows) if row]
        if used and self.model is not None:
            second = self.model.predict_log_proba(self._matrix(out[used], [rows[i] for i in used]))
            replaced = np.full((len(used), len(self.classes)), -30.0)
            for j, label in enumerate(self.model.classes_):
                replaced[:, self.classes.index(str(label))] = second[:, j]
            out[used] = replaced
        return out


def labels_at(scores: np.ndarray, classes: Sequence[str], bias: float) -> list[str]:
    """The label of each row with ``bias`` added to the no-relation score."""
    shifted = scores.copy()
    shifted[:, classes.index(NO_RELATION)] += bias
    return [classes[i] for i in shifted.argmax(axis=1)]


def tune_bias(scores: np.ndarray, classes: Sequence[str], split: Split) -> float:
    """The no-relation bias with the best pair + type F1 on ``split`` (the grid of ``kg train re``)."""
    best_bias, best_f1 = 0.0, -1.0
    for bias in BIAS_GRID:
        f1 = _typed_f1(labels_at(scores, classes, bias), split.labels, split.missed)
        if f1 > best_f1 + 1e-9:
            best_bias, best_f1 = float(bias), f1
    return best_bias


def summary(predicted: Sequence[str], split: Split, documents: Sequence[PubTatorDocument]) -> str:
    """Pair + type and pair scores, F1 per type, type confusions and how rule-linked pairs fare."""
    by_document: dict[str, list[PubTatorRelation]] = defaultdict(list)
    for label, (pmid, a, b) in zip(predicted, split.keys, strict=True):
        if label != NO_RELATION:
            by_document[pmid].append(PubTatorRelation(label, a, b))
    typed, pairs, per_type, _, _ = score_relations(by_document, {d.pmid: d.relations for d in documents})
    gold_type = {(d.pmid, *r.pair): r.type for d in documents for r in d.relations}
    counts: Counter[str] = Counter()
    for label, (pmid, a, b), pair, claims in zip(
        predicted, split.keys, split.pairs, split.claims, strict=True
    ):
        gold = gold_type.get((pmid, *_sorted_pair(a, b)))
        linked = bool(claims.get(_sorted_pair(pair.id1, pair.id2)))
        if linked:
            counts["linked"] += 1
            counts["linked gold"] += gold is not None
            counts["linked right"] += gold is not None and label == gold
            counts["linked false"] += gold is None and label != NO_RELATION
        if gold is None or label == NO_RELATION:
            continue
        counts["found"] += 1
        if label == gold:
            counts["right"] += 1
        elif {label, gold} == _CORRELATIONS:
            counts["pos/neg"] += 1
        elif "Association" in {label, gold} and {label, gold} - {"Association"} <= _CORRELATIONS:
            counts["assoc/corr"] += 1
        else:
            counts["other"] += 1
    types = " ".join(f"{name[:5]} {100 * score.f1:.1f}" for name, score in per_type.items())
    return (
        f"pair+type P {100 * typed.precision:.1f} R {100 * typed.recall:.1f} F1 {100 * typed.f1:.1f}, "
        f"pairs F1 {100 * pairs.f1:.1f} | {types} | "
        f"gold pairs found {counts['found']}, typed right {counts['right']}, "
        f"assoc/corr {counts['assoc/corr']}, pos/neg {counts['pos/neg']}, other {counts['other']} | "
        f"claim-linked pairs {counts['linked']} ({counts['linked gold']} gold, "
        f"{counts['linked right']} typed right, {counts['linked false']} false)"
    )


def out_of_fold_logits(split: Split, classes: Sequence[str], folds: int = 5) -> np.ndarray:
    """The shipped model's logits for each training pair from a model trained on the other document folds."""
    pmids = sorted({key[0] for key in split.keys})
    fold_of = {pmid: i % folds for i, pmid in enumerate(pmids)}
    logits = np.zeros((len(split.features), len(classes)))
    for fold in range(folds):
        inside = [i for i, key in enumerate(split.keys) if fold_of[key[0]] != fold]
        outside = [i for i, key in enumerate(split.keys) if fold_of[key[0]] == fold]
        weights, fold_classes = _fit(
            [split.features[i] for i in inside], [split.labels[i] for i in inside], TrainingSettings(), 0.02
        )
        if fold_classes != list(classes):
            raise AssertionError(fold_classes)
        logits[outside] = scores_of(weights, [split.features[i] for i in outside])
    return logits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, help="JSON file of the pipeline's output (written if absent)")
    args = parser.parse_args()
    root = default_corpora_dir() / "relations" / "BioRED"
    train_docs = read_pubtator(root / "Train.PubTator")
    dev_docs = read_pubtator(root / "Dev.PubTator")
    if {d.pmid for d in train_docs} & {d.pmid for d in dev_docs}:
        raise SystemExit("Train and Dev share documents: the cache is keyed by PMID")
    if args.cache and args.cache.is_file():
        cache = json.loads(args.cache.read_text(encoding="utf-8"))
    else:
        from kg.nlp.pipeline import load_pipeline

        nlp = load_pipeline()
        lexicon = nlp.get_pipe("kg_vocabulary_ner").lexicon
        started = time.perf_counter()
        cache = {}
        for split_docs in (train_docs, dev_docs):
            for document, record in zip(split_docs, run_pipeline(split_docs, nlp, lexicon), strict=True):
                cache[document.pmid] = record
        print(
            f"pipeline and rules on {len(cache)} documents: {time.perf_counter() - started:.0f} s", flush=True
        )
        if args.cache:
            args.cache.write_text(json.dumps(cache), encoding="utf-8")

    def entities(document: PubTatorDocument) -> list[Mention]:
        return [Mention(a, b, t, tuple(ids)) for a, b, t, ids in cache[document.pmid]["entities"]]

    allowed = _allowed_type_pairs(train_docs)
    shipped = load_default_model()
    classes = shipped.labels
    claims_of: dict[str, Callable[[PubTatorDocument, list[Mention]], Claims]] = {
        "ours": lambda d, m: claims_by_overlap(cache[d.pmid]["ours"], m),
        "gold": lambda d, m: claims_by_curie(cache[d.pmid]["gold"]),
    }
    splits = {
        source: (Split(train_docs, allowed, None, of), Split(dev_docs, allowed, None, of))
        for source, of in claims_of.items()
    }
    end_to_end = Split(dev_docs, allowed, entities, lambda d, m: claims_by_offsets(cache[d.pmid]["ours"], m))

    def show(name: str, dev_scores: np.ndarray, e2e_scores: np.ndarray, dev: Split) -> None:
        bias = tune_bias(dev_scores, classes, dev)
        print(f"== {name} (no-relation bias {bias:+.2f})", flush=True)
        print(f"  relation-only: {summary(labels_at(dev_scores, classes, bias), dev, dev_docs)}", flush=True)
        print(
            f"  end to end:    {summary(labels_at(e2e_scores, classes, bias), end_to_end, dev_docs)}",
            flush=True,
        )

    train, dev = splits["ours"]
    show(
        "shipped model",
        scores_of(shipped.relation, dev.features),
        scores_of(shipped.relation, end_to_end.features),
        dev,
    )
    for copies in (1, 4):
        for source in ("ours", "gold"):
            train, dev = splits[source]
            rows = [
                [f"{f}#{k}" if copies > 1 else f for f in row for k in range(copies)]
                for row in train.extra(claim_features)
            ]
            weights, fitted = _fit(
                [(*a, *b) for a, b in zip(train.features, rows, strict=True)],
                train.labels,
                TrainingSettings(),
                0.02,
            )
            if fitted != classes:
                raise AssertionError(fitted)

            def with_claims(split: Split, copies: int = copies) -> list[tuple[str, ...]]:
                extra = split.extra(claim_features)
                return [
                    (*a, *([f"{f}#{k}" if copies > 1 else f for f in b for k in range(copies)]))
                    for a, b in zip(split.features, extra, strict=True)
                ]

            show(
                f"joint{copies if copies > 1 else ''}, {source} claims",
                scores_of(weights, with_claims(dev)),
                scores_of(weights, with_claims(end_to_end)),
                dev,
            )
    train, _ = splits["ours"]
    started = time.perf_counter()
    oof = out_of_fold_logits(train, classes)
    print(f"out-of-fold logits: {time.perf_counter() - started:.0f} s", flush=True)

    def null(
        features_of: Callable[[PairCandidate, Claims], list[str]],
    ) -> Callable[[PairCandidate, Claims], list[str]]:
        return lambda pair, claims: [f"{_type_pair(pair)}|x"] if features_of(pair, claims) else []

    def everywhere(
        features_of: Callable[[PairCandidate, Claims], list[str]],
    ) -> Callable[[PairCandidate, Claims], list[str]]:
        return lambda pair, claims: [f"{_type_pair(pair)}|x", *features_of(pair, claims)]

    variants = [
        ("linked", "ours", claim_features),
        ("linked", "gold", claim_features),
        ("linked-null", "ours", null(claim_features)),
        ("roles", "ours", role_features),
        ("roles-null", "ours", null(role_features)),
        ("all-null", "ours", lambda pair, claims: [f"{_type_pair(pair)}|x"]),
        ("all+claims", "ours", everywhere(claim_features)),
    ]
    for name, source, features_of in variants:
        train, dev = splits[source]
        stacked = Stacked(classes).fit(oof, train.extra(features_of), train.labels)
        dev_scores = stacked.log_probabilities(
            scores_of(shipped.relation, dev.features), dev.extra(features_of)
        )
        e2e_scores = stacked.log_probabilities(
            scores_of(shipped.relation, end_to_end.features), end_to_end.extra(features_of)
        )
        show(f"{name}, {source} claims", dev_scores, e2e_scores, dev)


if __name__ == "__main__":
    main()
