"""Dictionary entity recognition and grounding from the curated vocabulary.

The component finds every surface variant of every vocabulary concept with
two ``PhraseMatcher`` instances (case-sensitive symbols, case-insensitive
names), resolves overlaps (longest span wins, then names over symbols, then
vocabulary order), and propagates groundings through the abbreviations that
scispaCy's ``AbbreviationDetector`` found in the same document. Entities are
written to ``doc.ents`` with the Biolink category as ``label_`` and the CURIE
as ``kb_id_``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.model import Concept
from kg.nlp.extensions import ensure_extensions
from kg.nlp.vocabulary import VocabularyEntry, load_vocabulary, surface_variants

__all__ = ["MATCH_SCORES", "VocabularyEntityMatcher"]

# How sure a grounding is, by the rule that produced it.
MATCH_SCORES = {"name": 0.95, "symbol": 0.9, "abbreviation": 0.85}


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    curie: str
    category: str
    source: str
    rank: int


class VocabularyEntityMatcher:
    """spaCy component: ground vocabulary concepts in a ``Doc``.

    Parameters
    ----------
    nlp
        The pipeline (its tokenizer builds the match patterns).
    name
        Component name.
    vocabulary_path
        A ``vocabulary.tsv``; ``None`` for the packaged one.
    overwrite_ents
        Replace entities set by earlier components; when False, our spans
        only fill the gaps between existing entities.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "kg_vocabulary_ner",
        *,
        vocabulary_path: str | None = None,
        overwrite_ents: bool = True,
    ) -> None:
        ensure_extensions()
        self.name = name
        self.overwrite_ents = overwrite_ents
        entries = load_vocabulary(Path(vocabulary_path) if vocabulary_path else None)
        self._entries: dict[str, tuple[int, VocabularyEntry]] = {
            entry.concept.curie: (rank, entry) for rank, entry in enumerate(entries)
        }
        self._symbol_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._name_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for entry in entries:
            self._add_patterns(nlp, self._symbol_matcher, entry.concept.curie, entry.symbols, True)
            self._add_patterns(nlp, self._name_matcher, entry.concept.curie, entry.synonyms, False)

    def concept(self, curie: str) -> Concept | None:
        """Return the vocabulary concept for ``curie``, or ``None`` if unknown."""
        found = self._entries.get(curie)
        return found[1].concept if found else None

    @staticmethod
    def _add_patterns(
        nlp: Language,
        matcher: PhraseMatcher,
        key: str,
        forms: tuple[str, ...],
        case_sensitive: bool,
    ) -> None:
        variants = dict.fromkeys(
            variant for form in forms for variant in surface_variants(form, case_sensitive=case_sensitive)
        )
        if variants:
            matcher.add(key, list(nlp.tokenizer.pipe(variants)))

    def _candidates(self, doc: Doc) -> list[_Candidate]:
        candidates = []
        for matcher, source in ((self._name_matcher, "name"), (self._symbol_matcher, "symbol")):
            for match_id, start, end in matcher(doc):
                curie = doc.vocab.strings[match_id]
                rank, entry = self._entries[curie]
                candidates.append(_Candidate(start, end, curie, entry.concept.category, source, rank))
        return candidates

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc.ents`` and ``doc._.kg_entity_sources``; return ``doc``."""
        candidates = self._candidates(doc)
        # Longest first; at equal length prefer names over symbols, then vocabulary order.
        candidates.sort(key=lambda c: (-(c.end - c.start), c.source != "name", c.rank, c.start))
        chosen: list[_Candidate] = []
        taken: set[int] = set()
        for candidate in candidates:
            tokens = set(range(candidate.start, candidate.end))
            if tokens & taken:
                continue
            chosen.append(candidate)
            taken |= tokens
        chosen.extend(self._abbreviation_candidates(doc, chosen, taken))
        spans = [
            Span(doc, c.start, c.end, label=c.category, kb_id=c.curie)
            for c in sorted(chosen, key=lambda c: c.start)
        ]
        sources = {
            (doc[c.start : c.end].start_char, doc[c.start : c.end].end_char): (
                c.source,
                MATCH_SCORES[c.source],
            )
            for c in chosen
        }
        # Every resolved match, for kg.nlp.combine (the statistical NER's partner).
        doc.spans["kg_dictionary"] = spans
        if self.overwrite_ents:
            doc.ents = spans
        else:
            doc.ents = filter_spans(list(doc.ents) + spans)
        doc._.kg_entity_sources = sources
        return doc

    def _abbreviation_candidates(
        self, doc: Doc, chosen: list[_Candidate], taken: set[int]
    ) -> list[_Candidate]:
        """Ground short forms whose long form (as defined in this document) is grounded."""
        if not Doc.has_extension("abbreviations"):
            return []
        by_extent = {(c.start, c.end): c for c in chosen}
        extra = []
        for short in doc._.abbreviations or []:
            long_form = short._.long_form
            if long_form is None:
                continue
            grounded = by_extent.get((long_form.start, long_form.end)) or self._head_match(long_form, chosen)
            if grounded is None:
                continue
            tokens = set(range(short.start, short.end))
            if tokens & taken:
                continue
            extra.append(
                _Candidate(
                    short.start, short.end, grounded.curie, grounded.category, "abbreviation", grounded.rank
                )
            )
            taken |= tokens
        return extra

    @staticmethod
    def _head_match(long_form: Span, chosen: list[_Candidate]) -> _Candidate | None:
        """The grounded entity that ends the long form and covers most of it."""
        for candidate in chosen:
            length = candidate.end - candidate.start
            ends_long_form = candidate.end == long_form.end and candidate.start >= long_form.start
            if ends_long_form and 2 * length >= len(long_form):
                return candidate
        return None
