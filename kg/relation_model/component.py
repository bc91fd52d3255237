"""spaCy component that adds the trained model's relations to ``doc._.kg_relations``.

For grounded entities of BioRED-like categories (genes/proteins, chemicals
and drugs, diseases and phenotypes, variants) that share a sentence, the
model (:class:`kg.relation_model.model.RelationModel`) reads the whole
abstract and predicts a BioRED relation type and whether it is the paper's
own finding. Each predicted relation becomes one
:class:`~kg.nlp.relations.RelationCandidate`, anchored at the sentence where
the two entities are closest.

BioRED types map onto Biolink predicates as follows:

* Positive_Correlation -> ``positively_correlated_with`` (direction increased)
* Negative_Correlation -> ``negatively_correlated_with`` (direction decreased)
* Association -> ``associated_with``
* Bind -> ``physically_interacts_with``
* Drug_Interaction -> ``interacts_with``
* Cotreatment, Comparison, Conversion -> dropped: "given together",
  "compared with" and "converted into" are statements about a study design
  or chemistry, not biological relations between the two concepts.

Where the rule engine (:mod:`kg.nlp.relations`) already holds a relation
for the same two concepts in the same sentence, the rule's (signed, with an
aspect) is kept and the model's is not added. Concepts that name a broad class
("Cytokines", "Transcription Factors"; :func:`kg.lexicon.classes.is_broad_class`)
are not relation ends for the model: BioRED, which it learnt from, never makes
them one.
"""

from __future__ import annotations

import logging
from pathlib import Path

from spacy.tokens import Doc, Span

from kg.lexicon.classes import is_broad_class
from kg.lexicon.store import Lexicon, load_lexicon
from kg.nlp import cues
from kg.nlp.extensions import doc_text, ensure_extensions, token_lowers, token_texts
from kg.nlp.relations import RelationCandidate, is_abbreviation_list, names_a_residue
from kg.relation_model.examples import BIOLINK_TO_BIORED
from kg.relation_model.features import Mention
from kg.relation_model.model import NO_RELATION, PairPrediction, RelationModel, load_default_model

__all__ = ["BIORED_TO_KIND", "RelationModelComponent"]

_LOG = logging.getLogger(__name__)

# BioRED type -> (RelationCandidate.kind, direction); absent types are dropped.
BIORED_TO_KIND: dict[str, tuple[str, str | None]] = {
    "Positive_Correlation": ("positively_correlated_with", "increased"),
    "Negative_Correlation": ("negatively_correlated_with", "decreased"),
    "Association": ("associated_with", None),
    "Bind": ("physically_interacts_with", None),
    "Drug_Interaction": ("interacts_with", None),
}
_APPOSITION = frozenset({",", "(", ")", "/", "[", "]"})
_SKIPPABLE = frozenset({"the", "a", "an", "these", "those", "this", "its", "their", "all"})


class RelationModelComponent:
    """Add the trained model's relations to ``doc._.kg_relations``.

    Parameters
    ----------
    model_path
        A model folder; ``None`` for the one shipped in the package.
    max_pairs_per_sentence
        At most this many model relations per sentence (the most probable);
        sentences listing dozens of entities would otherwise yield hundreds.
    max_pairs_per_document
        At most this many candidate pairs are classified per document (those
        sharing most sentences first), which bounds time and memory.
    min_confidence
        Relations the model is less sure of are not added. At 0.5, 71% of
        the same-sentence pairs it relates on BioRED dev are gold pairs (67%
        with no threshold): the graph prefers fewer co-occurrence claims.
    lexicon_path, vocabulary_path
        The lexicon that tells which concepts are broad classes: the entity
        matcher's (``None`` for the packaged files, ``""`` as lexicon path for
        none: every concept is then a possible end).
    """

    def __init__(
        self,
        model_path: str | None = None,
        max_pairs_per_sentence: int = 10,
        max_pairs_per_document: int = 300,
        min_confidence: float = 0.5,
        lexicon_path: str | None = None,
        vocabulary_path: str | None = None,
    ) -> None:
        ensure_extensions()
        self.model: RelationModel = (
            RelationModel.load(Path(model_path)) if model_path else load_default_model()
        )
        self.max_pairs_per_sentence = max_pairs_per_sentence
        self.max_pairs_per_document = max_pairs_per_document
        self.min_confidence = min_confidence
        self._lexicon_path = lexicon_path
        self._vocabulary_path = Path(vocabulary_path) if vocabulary_path else None
        self._lexicon: Lexicon | None = None
        self._broad: dict[str, bool] = {}

    def _is_broad_class(self, curie: str) -> bool:
        """Whether ``curie`` names a broad class (answers kept: papers repeat their concepts)."""
        if self._lexicon_path == "":
            return False
        known = self._broad.get(curie)
        if known is None:
            if self._lexicon is None:  # loaded on first use, shared with the entity matcher
                path = Path(self._lexicon_path) if self._lexicon_path else None
                self._lexicon = load_lexicon(path, self._vocabulary_path)
            known = self._broad[curie] = is_broad_class(self._lexicon, curie)
        return known

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc`` and return it."""
        existing = list(doc._.kg_relations or [])
        all_entities = doc.ents  # rebuilt by spaCy on every access: read once
        entities = [ent for ent in all_entities if ent.kb_id_ and ent.label_ in BIOLINK_TO_BIORED]
        # "tyrosine" of "tyrosine phosphorylation" names a site, not a chemical that takes part.
        texts, lowers = token_texts(doc), token_lowers(doc)
        entity_at = {i: ent for ent in entities for i in range(ent.start, ent.end)}
        entities = [
            ent
            for ent in entities
            if not names_a_residue(ent, texts, lowers, entity_at) and not self._is_broad_class(ent.kb_id_)
        ]
        if len(entities) < 2:
            doc._.kg_relations = existing
            return doc
        mentions = [
            Mention(e.start_char, e.end_char, BIOLINK_TO_BIORED[e.label_], (e.kb_id_,)) for e in entities
        ]
        text = doc_text(doc)
        cap = self.max_pairs_per_document
        pairs = self.model.pairs(text, mentions, max_pairs=cap, require_cooccurrence=True)
        if cap is not None and len(pairs) >= cap:
            _LOG.info("relation model: %d-character document capped at %d pairs", len(text), len(pairs))
        cells = [ent for ent in all_entities if ent.label_ == "biolink:Cell"]
        by_rules = {(frozenset((r.subject_curie, r.object_curie)), r.sentence_start) for r in existing}
        per_sentence: dict[int, list[RelationCandidate]] = {}
        for prediction in self.model.predict_pairs(pairs):
            candidate = self._candidate(doc, entities, cells, prediction)
            if candidate is None:
                continue
            key = (frozenset((candidate.subject_curie, candidate.object_curie)), candidate.sentence_start)
            if key in by_rules:
                continue  # the rule's relation is more specific (sign, aspect)
            per_sentence.setdefault(candidate.sentence_start, []).append(candidate)
        added = []
        for sentence_start in sorted(per_sentence):
            ranked = sorted(per_sentence[sentence_start], key=lambda c: (-c.confidence, c.subject_start))
            added.extend(sorted(ranked[: self.max_pairs_per_sentence], key=lambda c: c.subject_start))
        doc._.kg_relations = existing + added
        return doc

    def _candidate(
        self, doc: Doc, entities: list[Span], cells: list[Span], prediction: PairPrediction
    ) -> RelationCandidate | None:
        mapped = BIORED_TO_KIND.get(prediction.label)
        if prediction.label == NO_RELATION or mapped is None or prediction.pair.anchor is None:
            return None
        if prediction.probability < self.min_confidence:
            return None
        first, second = (entities[i] for i in prediction.pair.anchor)
        if first.sent.start != second.sent.start:
            return None  # our splitter and the pipeline's disagree: no sentence to cite
        sentence = first.sent
        if is_abbreviation_list(doc, sentence):
            return None  # a glossary names concepts side by side and states nothing about them
        left, right = sorted((first, second), key=lambda span: span.start)
        if all(text in _APPOSITION for text in token_texts(doc)[left.end : right.start]):
            # "the cytokine, interleukin-6", "IL-6, TNF", "IL-6 tumor-bearing": no stated relation.
            return None
        # Same-type pairs (gene-gene) read in text order; otherwise chemical/gene before disease.
        same_type = prediction.pair.type1 == prediction.pair.type2
        subject, obj = (first, second)
        if same_type and second.start < first.start:
            subject, obj = second, first
        kind, direction = mapped
        lowers, bounds = token_lowers(doc), (sentence.start, sentence.end)
        # Every entity of the sentence, grounded or not: "but not in parenchymal cells" names one.
        named = {k for ent in sentence.ents for k in range(ent.start, ent.end)}
        return RelationCandidate.between(
            subject,
            obj,
            sentence,
            kind=kind,
            direction=direction,
            aspect=None,
            # Read as the rules read theirs, around the pair (kg.nlp.cues; measured by `kg eval cues`).
            negated=cues.pair_negated(
                lowers, bounds, (subject.start, subject.end), (obj.start, obj.end), named
            ),
            hedged=cues.pair_hedged(lowers, bounds, (subject.start, subject.end), (obj.start, obj.end)),
            cell_type=_cell_context(doc, sentence, (subject.kb_id_, obj.kb_id_), cells),
            rule=prediction.label,
            confidence=prediction.probability,
            extractor=self.model.name,
            extractor_version=self.model.version,
            novel=prediction.novel,
        )


def _cell_context(doc: Doc, sentence: Span, pair: tuple[str, str], cells: list[Span]) -> str | None:
    """The one cell type (of ``cells``) the sentence frames as context ("in macrophages"), if exactly one."""
    found = set()
    lowers = token_lowers(doc)
    for ent in cells:
        if not sentence.start <= ent.start < sentence.end or ent.kb_id_ in pair:
            continue
        i = ent.start - 1
        while i >= sentence.start and lowers[i] in _SKIPPABLE:
            i -= 1
        if i >= sentence.start and lowers[i] in cues.CONTEXT_PREPOSITIONS:
            found.add(ent.kb_id_)
    return found.pop() if len(found) == 1 else None
