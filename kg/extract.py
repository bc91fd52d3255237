"""Turn parsed documents into mentions, paper-to-concept links and assertions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.model import (
    Aspect,
    Assertion,
    Concept,
    Context,
    Direction,
    Document,
    Evidence,
    Mention,
    MentionLink,
)
from kg.nlp.cues import CONTEXT_PREPOSITIONS, CRE_DRIVER_CELL_TYPES, HUMAN_WORDS
from kg.nlp.extensions import token_lowers, tokenized
from kg.nlp.novelty import classify_novelty, section_labels
from kg.nlp.relations import RelationCandidate

__all__ = ["Extraction", "extract_documents", "ground_phrase", "ungrounded_concept"]

_PREDICATES = {
    "affects": "biolink:affects",
    "regulates": "biolink:regulates",
    "associated_with": "biolink:associated_with",
    "expressed_in": "biolink:expressed_in",
    "physically_interacts_with": "biolink:physically_interacts_with",
    "has_target": "biolink:has_target",
    "treats": "biolink:treats",
    "causes": "biolink:causes",
    "contributes_to": "biolink:contributes_to",
    "positively_correlated_with": "biolink:positively_correlated_with",
    "negatively_correlated_with": "biolink:negatively_correlated_with",
    # A kind only the trained relation model produces (kg.relation_model.component).
    "interacts_with": "biolink:interacts_with",
}
_STUDY_TYPE_CUES = (
    ("in vitro", re.compile(r"\bin vitro\b|\bcell lines?\b|\bcultured\b", re.IGNORECASE)),
    ("human/clinical", re.compile(r"\bpatients?\b|\bclinical trials?\b|\bcohort\b", re.IGNORECASE)),
)
_CRE_DRIVER = re.compile(r"\b(" + "|".join(CRE_DRIVER_CELL_TYPES) + r")[\s-]?cre\b", re.IGNORECASE)
_MODEL_ORGANISMS = frozenset({"NCBITaxon:10090", "NCBITaxon:10116", "NCBITaxon:7955"})
_HUMAN = "NCBITaxon:9606"


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything one document contributes to the graph."""

    document: Document
    concepts: tuple[Concept, ...]
    mentions: tuple[Mention, ...]
    links: tuple[MentionLink, ...]
    assertions: tuple[Assertion, ...]


def ungrounded_concept(text: str) -> Concept:
    """Return the placeholder concept for a phrase no vocabulary grounds.

    Parameters
    ----------
    text
        The phrase as written; its normalised slug becomes the identifier
        (``kgtext:immune-checkpoint``), so equal phrases meet in one node.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "empty"
    return Concept(curie=f"kgtext:{slug}", category="biolink:NamedThing", name=text.strip(), grounded=False)


def ground_phrase(nlp: Language, phrase: str) -> Span | None:
    """Return the entity that covers all of ``phrase``, or ``None``.

    Used for keywords and MeSH headings, where a partial match ("IL-6" in
    "IL-6 trans-signaling") would ground the wrong concept.
    """
    # Only tokenizer and vocabulary matcher: sentence splitting, abbreviation
    # detection and relation rules have nothing to do on a keyword.
    doc = nlp.get_pipe("kg_vocabulary_ner")(nlp.make_doc(phrase.strip()))
    if len(doc.ents) != 1:
        return None
    entity = doc.ents[0]
    text = doc.text  # rebuilt from the tokens on every access
    rest = (text[: entity.start_char] + text[entity.end_char :]).strip(" .,;*")
    return entity if not rest else None


def extract_documents(
    nlp: Language, documents: Iterable[Document], *, batch_size: int = 32
) -> Iterator[Extraction]:
    """Run the pipeline over ``documents`` and yield one :class:`Extraction` each.

    Parameters
    ----------
    nlp
        A pipeline from :func:`kg.load_pipeline`.
    documents
        Parsed papers.
    batch_size
        Documents per ``nlp.pipe`` batch.
    """
    documents = list(documents)
    docs = nlp.pipe((tokenized(nlp, document.text) for document in documents), batch_size=batch_size)
    for document, doc in zip(documents, docs, strict=True):
        yield _extract(nlp, document, doc)


def _extract(nlp: Language, document: Document, doc: Doc) -> Extraction:
    concepts: dict[str, Concept] = {}
    sources = doc._.kg_entity_sources or {}
    mentions = []
    entities = tuple(doc.ents)  # doc.ents builds new spans at every access
    for ent in entities:
        if ent.kb_id_:
            curie = ent.kb_id_
            concepts.setdefault(curie, _concept_for(nlp, ent))
        else:
            # A model entity nothing grounds stays in the graph as an ungrounded concept with its
            # text and the model's category; it never ends a claim (see kg.nlp.relations).
            placeholder = ungrounded_concept(ent.text)
            curie = placeholder.curie
            concepts.setdefault(curie, replace(placeholder, category=ent.label_ or placeholder.category))
        source, score = sources.get((ent.start_char, ent.end_char), ("model", 0.8))
        mentions.append(
            Mention(
                document_id=document.id,
                start=ent.start_char,
                end=ent.end_char,
                text=ent.text,
                curie=curie,
                category=ent.label_,
                score=score,
                source=source,
            )
        )
    links = {MentionLink(document.id, mention.curie, "text") for mention in mentions}
    for via, terms in (("keyword", document.keywords), ("mesh", document.mesh_terms)):
        for term in terms:
            heading = term.split("/")[0].strip().rstrip("*").strip()
            if not heading:
                continue
            entity = ground_phrase(nlp, heading)
            concept = _concept_for(nlp, entity) if entity is not None else ungrounded_concept(heading)
            concepts.setdefault(concept.curie, concept)
            links.add(MentionLink(document.id, concept.curie, via))
    document_context = _document_context(doc, entities)
    sentences = list(doc.sents)
    sections = dict(
        zip(
            (sentence.start_char for sentence in sentences),
            section_labels([sentence.text for sentence in sentences]),
            strict=True,
        )
    )
    assertions = tuple(
        _assertion(document, doc, entities, relation, document_context, sections.get(relation.sentence_start))
        for relation in doc._.kg_relations or []
        # A claim needs two identified ends; a custom component could still propose an ungrounded one.
        if relation.subject_curie and relation.object_curie
    )
    # Context can name a concept the text does not (a Cre driver's cell type): every CURIE an
    # assertion references must be a node of the graph.
    matcher = nlp.get_pipe("kg_vocabulary_ner")
    for assertion in assertions:
        context = assertion.context
        for curie in (assertion.subject, assertion.object, context.cell_type, context.species,
                      context.disease, context.condition):  # fmt: skip
            if curie and curie not in concepts:
                concepts[curie] = matcher.concept(curie) or Concept(curie, "biolink:NamedThing", curie)
    return Extraction(
        document=document,
        concepts=tuple(sorted(concepts.values(), key=lambda c: c.curie)),
        mentions=tuple(mentions),
        links=tuple(sorted(links, key=lambda link: (link.curie, link.via))),
        assertions=assertions,
    )


def _concept_for(nlp: Language, ent: Span) -> Concept:
    matcher = nlp.get_pipe("kg_vocabulary_ner")
    concept = matcher.concept(ent.kb_id_)
    if concept is not None:
        return concept
    return Concept(curie=ent.kb_id_, category=ent.label_, name=ent.text)


def _organisms(entities: Iterable[Span]) -> set[str]:
    return {ent.kb_id_ for ent in entities if ent.label_ == "biolink:OrganismTaxon" and ent.kb_id_}


def _document_context(doc: Doc, entities: Sequence[Span]) -> Context:
    """Context that holds for every claim of a document.

    Only one case qualifies: a document whose only organism is a model
    organism (an all-mouse study). Anything else a claim's own sentence must
    state, so that general claims from different papers still merge.
    """
    organisms = _organisms(entities)
    # "mouse models as well as human disease": "human" inside another name still counts.
    mentions_humans = not HUMAN_WORDS.isdisjoint(token_lowers(doc))
    if len(organisms) == 1 and (species := organisms.pop()) in _MODEL_ORGANISMS and not mentions_humans:
        return Context(species=species, study_type="animal model")
    return Context()


def _study_type(text: str, species: str | None) -> str | None:
    """The study type a sentence states ("in vitro", "patients", a mouse model)."""
    for label, pattern in _STUDY_TYPE_CUES:
        if pattern.search(text):
            return label
    return "animal model" if species in _MODEL_ORGANISMS else None


def _framed_context(doc: Doc, entities: list[Span], category: str, relation: RelationCandidate) -> str | None:
    """The one entity of ``category`` that the sentence frames as context, if exactly one.

    Diseases and conditions count as context only where a preposition frames
    them ("in breast cancer", "after vaccination"); a passing mention of
    "tumour" would otherwise split every claim of a cancer paper.
    """
    found = {
        ent.kb_id_
        for ent in entities
        if ent.label_ == category
        and ent.kb_id_
        and ent.kb_id_ not in (relation.subject_curie, relation.object_curie)
        and ent.start > 0
        and doc[ent.start - 1].lower_ in CONTEXT_PREPOSITIONS
    }
    return found.pop() if len(found) == 1 else None


def _conditional_knockout_cell_type(text: str, relation: RelationCandidate) -> str | None:
    """The cells a Cre driver deletes in ("LysM cre" -> myeloid cells), if the sentence names one driver."""
    drivers = {CRE_DRIVER_CELL_TYPES[match.lower()] for match in _CRE_DRIVER.findall(text)}
    if len(drivers) != 1:
        return None
    cell_type = drivers.pop()
    return None if cell_type in (relation.subject_curie, relation.object_curie) else cell_type


def _sentence_context(
    doc: Doc, document_entities: Sequence[Span], relation: RelationCandidate, document_context: Context
) -> Context:
    sentence = doc.char_span(relation.sentence_start, relation.sentence_end, alignment_mode="expand")
    entities = [ent for ent in document_entities if ent.start >= sentence.start and ent.end <= sentence.end]
    organisms = _organisms(entities)
    if not HUMAN_WORDS.isdisjoint(token_lowers(doc)[sentence.start : sentence.end]):
        organisms.add(_HUMAN)  # "in mouse models as well as in human disease"
    # A sentence naming one organism sets it; naming several leaves it open.
    species = (organisms.pop() if len(organisms) == 1 else None) if organisms else document_context.species
    disease = _framed_context(doc, entities, "biolink:Disease", relation)
    condition = _framed_context(doc, entities, "biolink:Procedure", relation)
    sentence_study = _study_type(sentence.text, species)
    return Context(
        cell_type=relation.cell_type or _conditional_knockout_cell_type(sentence.text, relation),
        species=species,
        disease=disease,
        condition=condition,
        study_type=sentence_study or document_context.study_type,
    )


def _assertion(
    document: Document,
    doc: Doc,
    entities: Sequence[Span],
    relation: RelationCandidate,
    document_context: Context,
    section: str | None,
) -> Assertion:
    # spaCy sentences keep the whitespace that follows them ("\n\n" after the title).
    # The paper's text is the Doc's (doc.text would join every token again for each claim).
    sentence = document.text[relation.sentence_start : relation.sentence_end].rstrip()
    evidence = Evidence(
        document_id=document.id,
        sentence=sentence,
        sentence_start=relation.sentence_start,
        sentence_end=relation.sentence_start + len(sentence),
        subject_start=relation.subject_start,
        subject_end=relation.subject_end,
        object_start=relation.object_start,
        object_end=relation.object_end,
        extractor=f"{relation.extractor}:{relation.rule}",
        extractor_version=relation.extractor_version,
        confidence=relation.confidence,
        negated=relation.negated,
        hedged=relation.hedged,
        # The relation model reads novelty from the whole abstract; otherwise the sentence's cues decide.
        novel=relation.novel
        if relation.novel is not None
        else classify_novelty(
            sentence,
            section=section,
            is_title=relation.sentence_start < len(document.title),
            publication_types=document.publication_types,
        ),
    )
    return Assertion(
        subject=relation.subject_curie,
        predicate=_PREDICATES[relation.kind],
        object=relation.object_curie,
        object_aspect=Aspect(relation.aspect) if relation.aspect else None,
        object_direction=Direction(relation.direction) if relation.direction else None,
        negated=relation.negated,
        context=_sentence_context(doc, entities, relation, document_context),
        evidence=(evidence,),
    )
