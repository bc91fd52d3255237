"""Typed, immutable records that flow through il6-kg.

The pipeline is ``source -> extract -> assemble -> export``:

* readers in :mod:`kg.sources` turn files into :class:`Document` records;
* the spaCy pipeline and :mod:`kg.extract` turn a document into
  :class:`Mention` and :class:`Assertion` records (one :class:`Evidence` each);
* :mod:`kg.assemble` merges assertions that say the same thing (same
  :meth:`Assertion.matches_key`) and pools their evidence;
* :class:`kg.graph.KnowledgeGraph` holds the result and renders the RDF,
  NetworkX, KGX and HTML views.

Every record is a frozen dataclass, so the same input always yields equal
records and records can be used as dictionary keys.

Character offsets always refer to :attr:`Document.text`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

__all__ = [
    "Aspect",
    "Assertion",
    "Concept",
    "Context",
    "Direction",
    "Document",
    "DocumentProblem",
    "Evidence",
    "KnowledgeLevel",
    "Mention",
    "MentionLink",
    "stable_hash",
]


def stable_hash(*parts: object, length: int = 16) -> str:
    """Return a short, platform-independent SHA-256 hex digest of ``parts``.

    Parameters
    ----------
    *parts
        Values joined by their ``repr`` (tuples of strings, numbers, ``None``).
    length
        Number of hex characters to keep.

    Returns
    -------
    str
        Lower-case hex digest prefix.
    """
    payload = "\x1f".join(map(repr, parts)).encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:length]


@lru_cache(maxsize=1 << 17)
def _content_id(key: tuple) -> str:
    # Writers ask for the same record's ID several times (RDF, KGX, GraphML, viewer): a
    # SHA-256 of its repr costs ~8 us, a look-up here well under one.
    return stable_hash(*key)


class Direction(StrEnum):
    """Direction of an effect (Biolink ``DirectionQualifierEnum``)."""

    INCREASED = "increased"
    DECREASED = "decreased"


class Aspect(StrEnum):
    """What about the object changes (Biolink ``GeneOrGeneProductOrChemicalEntityAspectEnum``)."""

    ACTIVITY = "activity"
    ABUNDANCE = "abundance"
    EXPRESSION = "expression"
    SECRETION = "secretion"
    LOCALIZATION = "localization"
    SYNTHESIS = "synthesis"
    PHOSPHORYLATION = "phosphorylation"


class KnowledgeLevel(StrEnum):
    """Biolink ``KnowledgeLevelEnum`` values used by il6-kg."""

    KNOWLEDGE_ASSERTION = "knowledge_assertion"
    PREDICTION = "prediction"
    NOT_PROVIDED = "not_provided"


@dataclass(frozen=True, slots=True)
class Document:
    """One paper as read from disk or a remote service.

    Parameters
    ----------
    id
        CURIE of the paper: ``doi:...`` or ``PMID:...`` when the source names
        one, else ``kgdoc:<content hash>``.
    title, abstract
        The two text sections; :attr:`text` joins them and all offsets refer
        to that joined text.
    source_name
        File name (not the full path, so builds are machine independent).
    keywords, mesh_terms
        Indexing terms as printed by the source (``"Interleukin-6 / genetics"``
        keeps the qualifier; readers strip the ``*`` major-topic mark).
    sections
        Labelled parts of a structured abstract as ``(label, text)`` pairs
        (``("BACKGROUND", "...")``); each text is also in :attr:`abstract`.
    date
        Publication date as printed by the source, ISO style and as precise
        as known (``"2014"``, ``"2014-02"``, ``"2014-02-15"``).
    """

    id: str
    title: str
    abstract: str
    source_name: str
    journal: str | None = None
    year: int | None = None
    doi: str | None = None
    pmid: str | None = None
    authors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    mesh_terms: tuple[str, ...] = ()
    publication_types: tuple[str, ...] = ()
    sections: tuple[tuple[str, str], ...] = ()
    date: str | None = None

    @property
    def text(self) -> str:
        """Title and abstract separated by a blank line (the text that is parsed)."""
        if self.title and self.abstract:
            return f"{self.title}\n\n{self.abstract}"
        return self.title or self.abstract


@dataclass(frozen=True, slots=True)
class DocumentProblem:
    """A file that could not be read (or was read only in part), with the reason."""

    source_name: str
    message: str


@dataclass(frozen=True, slots=True)
class Concept:
    """A node of the graph: one identifier, one Biolink category.

    Parameters
    ----------
    curie
        Standard identifier (``HGNC:6018``); ungrounded text mentions use
        ``kgtext:<slug>`` and keep ``grounded=False``.
    category
        Biolink category CURIE (``biolink:Gene``).
    """

    curie: str
    category: str
    name: str
    synonyms: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    grounded: bool = True


@dataclass(frozen=True, slots=True)
class Mention:
    """A grounded stretch of a document's text.

    ``start``/``end`` are character offsets into :attr:`Document.text`.
    ``source`` says which matcher produced it (``"vocabulary"``,
    ``"abbreviation"``, ...).
    """

    document_id: str
    start: int
    end: int
    text: str
    curie: str
    category: str
    score: float
    source: str


@dataclass(frozen=True, slots=True)
class MentionLink:
    """A paper-to-concept link (Biolink ``mentions``), not a biological claim.

    ``via`` is ``"text"``, ``"keyword"`` or ``"mesh"``.
    """

    document_id: str
    curie: str
    via: str


@dataclass(frozen=True, slots=True)
class Context:
    """Biological context that is part of a claim's identity.

    All fields are CURIEs except ``condition`` and ``study_type``, which are
    short controlled strings (``"therapeutic vaccination"``, ``"animal model"``).
    """

    cell_type: str | None = None
    species: str | None = None
    disease: str | None = None
    condition: str | None = None
    study_type: str | None = None

    def is_empty(self) -> bool:
        """Return True when no context field is set."""
        return not any((self.cell_type, self.species, self.disease, self.condition, self.study_type))


@dataclass(frozen=True, slots=True)
class Evidence:
    """One sentence that supports (or, when negated, denies) an assertion.

    Offsets are character offsets into :attr:`Document.text`: the sentence
    span and the subject and object spans inside it. ``novel`` says whether
    the sentence reports the paper's own finding (``True``), background the
    paper cites (``False``) or cannot tell (``None``).
    """

    document_id: str
    sentence: str
    sentence_start: int
    sentence_end: int
    subject_start: int
    subject_end: int
    object_start: int
    object_end: int
    extractor: str
    extractor_version: str
    confidence: float
    negated: bool = False
    hedged: bool = False
    novel: bool | None = None

    @property
    def id(self) -> str:
        """Stable identifier derived from the content."""
        return _content_id(
            (
                self.document_id,
                self.sentence_start,
                self.subject_start,
                self.subject_end,
                self.object_start,
                self.object_end,
                self.extractor,
            )
        )


@dataclass(frozen=True, slots=True)
class Assertion:
    """A typed, signed claim ``subject --predicate--> object`` with its evidence.

    The claim's identity (:meth:`matches_key`) includes the qualifiers, the
    negation and the context, so that "IL-6 increases X in macrophages" and
    "IL-6 decreases X in tumour cells" stay two claims and "IL-6 does not
    affect X" is kept rather than dropped.
    """

    subject: str
    predicate: str
    object: str
    object_aspect: Aspect | None = None
    object_direction: Direction | None = None
    negated: bool = False
    context: Context = field(default_factory=Context)
    evidence: tuple[Evidence, ...] = ()

    def matches_key(self) -> tuple:
        """Return the content key; assertions with equal keys are merged."""
        return (
            self.subject,
            self.predicate,
            self.object,
            self.object_aspect.value if self.object_aspect else None,
            self.object_direction.value if self.object_direction else None,
            self.negated,
            self.context.cell_type,
            self.context.species,
            self.context.disease,
            self.context.condition,
            self.context.study_type,
        )

    @property
    def id(self) -> str:
        """Stable identifier derived from :meth:`matches_key`."""
        return _content_id(self.matches_key())

    @property
    def hedged(self) -> bool:
        """True when every supporting sentence is speculative."""
        return bool(self.evidence) and all(item.hedged for item in self.evidence)

    @property
    def belief(self) -> float:
        """Belief from independent evidence with per-extractor priors (see :mod:`kg.belief`)."""
        from kg.belief import belief_score

        return belief_score(self.evidence)

    @property
    def novel(self) -> bool | None:
        """True when some evidence is the paper's own finding, False when all is cited background."""
        labels = {item.novel for item in self.evidence}
        if True in labels:
            return True
        return False if labels == {False} else None

    @property
    def knowledge_level(self) -> KnowledgeLevel:
        """Biolink knowledge level: speculative claims are predictions."""
        return KnowledgeLevel.PREDICTION if self.hedged else KnowledgeLevel.KNOWLEDGE_ASSERTION

    @property
    def agent_type(self) -> str:
        """Biolink agent type: ``manual_agent`` for curated facts, else ``text_mining_agent``."""
        curated = bool(self.evidence) and all(e.extractor.startswith("il6kg.curated") for e in self.evidence)
        return "manual_agent" if curated else "text_mining_agent"

    @property
    def publications(self) -> tuple[str, ...]:
        """Sorted, distinct document IDs of the evidence."""
        return tuple(sorted({item.document_id for item in self.evidence}))
