"""Scoring relation predictions against BioRED-style gold files.

BioRED relations are document level and unordered: a prediction is the
tuple (document, {id1, id2}, type). "Pair" scores ignore the type; "pair +
type" scores require it. Novelty accuracy is measured on the predicted
relations whose pair is a gold pair, and (``novelty_gold_accuracy``) with the
gold pair and type given, which isolates the novelty classifier.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kg.relation_model.examples import document_examples, pubtator_mentions
from kg.relation_model.features import Mention
from kg.relation_model.model import NO_RELATION, RelationModel
from kg.relation_model.pubtator import PubTatorDocument, PubTatorRelation

__all__ = [
    "EvaluationResult",
    "Score",
    "evaluate_end_to_end",
    "evaluate_relation_only",
    "score_relations",
]


@dataclass(frozen=True, slots=True)
class Score:
    """Counts and precision/recall/F1 of one comparison."""

    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.predicted + self.gold
        return 2 * self.tp / total if total else 0.0


@dataclass(frozen=True, slots=True)
class EvaluationResult:
    """Scores of one evaluation run, plus the predicted relations per document."""

    typed: Score
    pairs: Score
    per_type: dict[str, Score]
    novelty_accuracy: float | None
    novelty_scored: int
    novelty_gold_accuracy: float | None = None
    predictions: dict[str, tuple[PubTatorRelation, ...]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def score_relations(
    predicted: dict[str, Iterable[PubTatorRelation]], gold: dict[str, Iterable[PubTatorRelation]]
) -> tuple[Score, Score, dict[str, Score], float | None, int]:
    """Compare predicted with gold relations (document -> relations).

    Returns
    -------
    tuple
        (pair + type score, pair score, score per type, novelty accuracy on
        predicted relations whose pair is gold, how many such relations had
        both novelty labels).
    """
    typed_p, typed_g, pair_p, pair_g = set(), set(), set(), set()
    novel_p: dict[tuple, bool | None] = {}
    novel_g: dict[tuple, bool | None] = {}
    for pmid, relations in predicted.items():
        for r in relations:
            typed_p.add((pmid, r.pair, r.type))
            pair_p.add((pmid, r.pair))
            novel_p.setdefault((pmid, r.pair), r.novel)
    for pmid, relations in gold.items():
        for r in relations:
            typed_g.add((pmid, r.pair, r.type))
            pair_g.add((pmid, r.pair))
            novel_g.setdefault((pmid, r.pair), r.novel)
    per_type: dict[str, Score] = {}
    for label in sorted({t for *_, t in typed_p | typed_g}):
        p = {x for x in typed_p if x[2] == label}
        g = {x for x in typed_g if x[2] == label}
        per_type[label] = Score(len(p & g), len(p), len(g))
    judged = [
        (novel_p[key], novel_g[key])
        for key in pair_p & pair_g
        if novel_p[key] is not None and novel_g[key] is not None
    ]
    accuracy = sum(p == g for p, g in judged) / len(judged) if judged else None
    return (
        Score(len(typed_p & typed_g), len(typed_p), len(typed_g)),
        Score(len(pair_p & pair_g), len(pair_p), len(pair_g)),
        per_type,
        accuracy,
        len(judged),
    )


def _predicted_relations(model: RelationModel, pairs) -> tuple[PubTatorRelation, ...]:
    return tuple(
        PubTatorRelation(p.label, p.pair.id1, p.pair.id2, p.novel)
        for p in model.predict_pairs(pairs)
        if p.label != NO_RELATION
    )


def evaluate_relation_only(model: RelationModel, documents: Sequence[PubTatorDocument]) -> EvaluationResult:
    """Score ``model`` with the gold entities of ``documents`` given."""
    predicted, gold = {}, {}
    novelty_hits, novelty_total = 0, 0
    for document in documents:
        pairs, labels, novelty = document_examples(document, model.allowed_type_pairs)
        predicted[document.pmid] = _predicted_relations(model, pairs)
        gold[document.pmid] = document.relations
        for pair, label, novel in zip(pairs, labels, novelty, strict=True):
            if label != NO_RELATION and novel is not None:
                probability = model.novelty_probability(pair, label)
                if probability is not None:
                    novelty_total += 1
                    novelty_hits += (probability >= 0.5) == novel
    typed, pairs_score, per_type, accuracy, judged = score_relations(predicted, gold)
    return EvaluationResult(
        typed=typed,
        pairs=pairs_score,
        per_type=per_type,
        novelty_accuracy=accuracy,
        novelty_scored=judged,
        novelty_gold_accuracy=novelty_hits / novelty_total if novelty_total else None,
        predictions=predicted,
    )


def as_grounding_documents(documents: Sequence[PubTatorDocument]) -> list:
    """BioRED documents as :mod:`kg.evaluation.pubtator` documents, for ``kg eval grounding``'s predict.

    The gold mentions only tell :func:`kg.evaluation.grounding.predict` the corpus's type names;
    it never reads their offsets.
    """
    from kg.evaluation.pubtator import PubTatorAnnotation
    from kg.evaluation.pubtator import PubTatorDocument as GroundingDocument

    return [
        GroundingDocument(
            document.pmid,
            document.title,
            document.abstract,
            [PubTatorAnnotation(m.start, m.end, m.text, m.type, m.ids) for m in document.mentions],
        )
        for document in documents
    ]


def evaluate_end_to_end(model: RelationModel, documents: Sequence[PubTatorDocument], nlp) -> EvaluationResult:
    """Score ``model`` with entities found and grounded by the spaCy pipeline ``nlp``.

    Our identifiers are mapped to BioRED's exactly as ``kg eval grounding``
    maps them (:func:`kg.evaluation.grounding.predict`: NCBI Gene for genes,
    every member of a composite gene mention, MeSH for chemicals and
    diseases, NCBI Taxonomy, Cellosaurus); entities without such an id
    cannot match gold relations and are left out.
    """
    from kg.evaluation.grounding import predict

    lexicon = nlp.get_pipe("kg_vocabulary_ner").lexicon
    typed_like_gold = as_grounding_documents(documents)
    disabled = [name for name in ("kg_relation_extractor", "kg_relation_model") if name in nlp.pipe_names]
    with nlp.select_pipes(disable=disabled):
        found = predict(nlp, lexicon, typed_like_gold)
    predicted, gold = {}, {}
    kept = 0
    for document, ours in zip(documents, found, strict=True):
        mentions = [Mention(a.start, a.end, a.type, a.ids) for a in ours.annotations]
        kept += len(mentions)
        pairs = model.pairs(document.text, mentions, boundaries=[len(document.title)])
        predicted[document.pmid] = _predicted_relations(model, pairs)
        gold[document.pmid] = document.relations
    typed, pairs_score, per_type, accuracy, judged = score_relations(predicted, gold)
    gold_mentions = sum(len(pubtator_mentions(d)) for d in documents)
    notes = (f"pipeline entities with a BioRED type and identifier: {kept} (gold mentions: {gold_mentions})",)
    return EvaluationResult(
        typed=typed,
        pairs=pairs_score,
        per_type=per_type,
        novelty_accuracy=accuracy,
        novelty_scored=judged,
        predictions=predicted,
        notes=notes,
    )
