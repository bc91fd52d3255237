"""Dictionary entity recognition and grounding against the lexicon.

The component scans each document once: from every token it extends a run
of up to ``MAX_TOKENS`` tokens (never across sentence punctuation), builds
the normalised key of the run (:mod:`kg.lexicon.normalize`) and looks it up
in the :class:`kg.lexicon.store.Lexicon` (curated vocabulary over the
generated lexicon). Then:

* longest match wins, then the better score, then the earlier start;
* abbreviations scispaCy's detector found are grounded through their long
  form, and a short form the document defines as something the lexicon does
  not know is *not* grounded by the dictionary ("CAT scan" is no catalase);
* genes follow the document's species: a paper about mice reads ``IL-6`` as
  mouse Il6 (MGI) unless it also studies human material, and ``Il6ra``
  written mouse-style is mouse Il6ra in any paper.

Entities go to ``doc.ents`` (``label_`` = Biolink category, ``kb_id_`` =
CURIE) and to ``doc.spans["kg_dictionary"]``; ``doc._.kg_entity_sources``
maps character extents to ``(source, score)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.lexicon.normalize import cased_key
from kg.lexicon.store import HUMAN, MOUSE, Grounding, Lexicon, load_lexicon, prefer_species
from kg.model import Concept
from kg.nlp.cues import HUMAN_WORDS
from kg.nlp.extensions import ensure_extensions

__all__ = ["MATCH_SCORES", "MAX_TOKENS", "SPAN_KEY", "VocabularyEntityMatcher"]

MAX_TOKENS = 12
SPAN_KEY = "kg_dictionary"
# Score of a grounding carried from a long form to its abbreviation, relative to the long form's.
MATCH_SCORES = {"abbreviation": 0.95}
_BREAKS = frozenset({",", ";", ".", ":", "[", "]", "{", "}", "/", "=", "<", ">", "%", "'", '"'})
_MOUSE_CUES = frozenset({"mouse", "mice", "murine"})


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    groundings: tuple[Grounding, ...]
    source: str

    @property
    def best(self) -> Grounding:
        return self.groundings[0]


class VocabularyEntityMatcher:
    """spaCy component: ground lexicon concepts in a ``Doc``.

    Parameters
    ----------
    nlp
        The pipeline.
    name
        Component name.
    vocabulary_path
        A curated ``vocabulary.tsv``; ``None`` for the packaged one.
    lexicon_path
        A generated ``lexicon.tsv.gz``; ``None`` for the packaged one, ``""``
        for the curated vocabulary alone.
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
        lexicon_path: str | None = None,
        overwrite_ents: bool = True,
    ) -> None:
        ensure_extensions()
        self.name = name
        self.overwrite_ents = overwrite_ents
        self._vocabulary_path = Path(vocabulary_path) if vocabulary_path else None
        self._lexicon_path = lexicon_path
        self._lexicon: Lexicon | None = None

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon, loaded on first use and shared by every pipeline in the process."""
        if self._lexicon is None:
            if self._lexicon_path == "":
                self._lexicon = _curated_only(self._vocabulary_path)
            else:
                path = Path(self._lexicon_path) if self._lexicon_path else None
                self._lexicon = load_lexicon(path, self._vocabulary_path)
        return self._lexicon

    def concept(self, curie: str) -> Concept | None:
        """Return the concept for ``curie``, or ``None`` if unknown."""
        return self.lexicon.concept(curie)

    # --- matching ------------------------------------------------------------
    def _candidates(self, doc: Doc) -> list[_Candidate]:
        lexicon = self.lexicon
        keys = [cased_key(token.text) for token in doc]
        breaks = [token.text in _BREAKS or token.is_space for token in doc]
        # A run of function words ("is a", "as well as") is never a name, whatever key it makes.
        function_words = [token.is_stop or token.is_punct for token in doc]
        found = []
        n = len(doc)
        for start in range(n):
            if not keys[start] or breaks[start]:
                continue
            best: tuple[int, list[Grounding]] | None = None
            run = ""
            for end in range(start, min(n, start + MAX_TOKENS)):
                if breaks[end]:
                    break
                run += keys[end]
                if not keys[end]:
                    continue  # a run never ends on punctuation ("IL-")
                if not lexicon.may_match(run):
                    continue  # most runs: one dict probe, no parsing
                groundings = lexicon.lookup(run)
                if groundings and not all(function_words[start : end + 1]):
                    best = (end + 1, groundings)
            if best is not None:
                found.append(_Candidate(start, best[0], tuple(best[1]), best[1][0].source))
        return found

    @staticmethod
    def _species(doc: Doc, candidates: list[_Candidate]) -> str | None:
        """The document's species when its text points to one of mouse or human only.

        Mixed or silent papers get ``None``: then the case convention decides
        (``Il6ra`` mouse, ``IL6RA`` human).
        """
        words = {token.lower_ for token in doc}
        organisms = {c.best.curie for c in candidates if c.best.category == "biolink:OrganismTaxon"}
        mouse = bool(words & _MOUSE_CUES) or MOUSE in organisms
        human = bool(words & HUMAN_WORDS) or HUMAN in organisms
        if mouse != human:
            return MOUSE if mouse else HUMAN
        return None

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc.ents``, ``doc.spans["kg_dictionary"]`` and ``doc._.kg_entity_sources``."""
        candidates = self._candidates(doc)
        species = self._species(doc, candidates)
        candidates = [
            _Candidate(c.start, c.end, tuple(ranked), ranked[0].source)
            for c in candidates
            if (ranked := prefer_species(list(c.groundings), species))
        ]
        # Longest first; at equal length the better score, then the earlier start.
        candidates.sort(key=lambda c: (-(c.end - c.start), -c.best.score, c.start))
        chosen: list[_Candidate] = []
        taken: set[int] = set()
        for candidate in candidates:
            tokens = set(range(candidate.start, candidate.end))
            if tokens & taken:
                continue
            chosen.append(candidate)
            taken |= tokens
        chosen = self._apply_abbreviations(doc, chosen)
        chosen.sort(key=lambda c: c.start)
        spans = [Span(doc, c.start, c.end, label=c.best.category, kb_id=c.best.curie) for c in chosen]
        doc.spans[SPAN_KEY] = spans
        doc._.kg_entity_sources = {
            (span.start_char, span.end_char): (c.source, c.best.score)
            for span, c in zip(spans, chosen, strict=True)
        }
        # Every resolved match, for kg.nlp.combine (the statistical NER's partner).
        doc.spans["kg_dictionary"] = spans
        if self.overwrite_ents:
            doc.ents = spans
        else:
            doc.ents = filter_spans(list(doc.ents) + spans)
        return doc

    def _apply_abbreviations(self, doc: Doc, chosen: list[_Candidate]) -> list[_Candidate]:
        """Ground short forms through their long form; drop dictionary hits on ones defined otherwise."""
        if not Doc.has_extension("abbreviations") or not doc._.abbreviations:
            return chosen
        by_extent = {(c.start, c.end): c for c in chosen}
        result = list(chosen)
        for short in doc._.abbreviations:
            long_form = short._.long_form
            if long_form is None:
                continue
            grounded = by_extent.get((long_form.start, long_form.end)) or _head_match(long_form, chosen)
            overlapping = [c for c in result if c.start < short.end and short.start < c.end]
            if grounded is None:
                # The paper defines this short form as something we cannot ground:
                # a generated symbol on it would be a mislink. Curated forms stay.
                result = [c for c in result if c not in overlapping or c.source == "curated"]
                continue
            if any(c.source == "curated" and c.best.curie != grounded.best.curie for c in overlapping):
                continue
            result = [c for c in result if c not in overlapping]
            best = grounded.best
            carried = Grounding(
                best.curie, best.category, best.name, round(best.score * MATCH_SCORES["abbreviation"], 4),
                best.source, best.taxon,
            )  # fmt: skip
            result.append(
                _Candidate(short.start, short.end, (carried, *grounded.groundings[1:]), "abbreviation")
            )
        return result


def _head_match(long_form: Span, chosen: list[_Candidate]) -> _Candidate | None:
    """The grounded entity that ends the long form and covers most of it."""
    for candidate in chosen:
        length = candidate.end - candidate.start
        ends_long_form = candidate.end == long_form.end and candidate.start >= long_form.start
        if ends_long_form and 2 * length >= len(long_form):
            return candidate
    return None


_CURATED_ONLY: dict[Path | None, Lexicon] = {}


def _curated_only(vocabulary_path: Path | None) -> Lexicon:
    if vocabulary_path not in _CURATED_ONLY:
        _CURATED_ONLY[vocabulary_path] = Lexicon(None, vocabulary_path)
    return _CURATED_ONLY[vocabulary_path]
