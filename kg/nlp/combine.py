"""Combining the statistical NER with dictionary grounding.

Two span groups meet here:

* ``doc.spans["kg_model"]``: what the trained NER found, its labels mapped
  to Biolink categories (:class:`ModelSpans` copies them out of
  ``doc.ents`` right after the ``ner`` component).
* ``doc.spans["kg_dictionary"]``: every match the vocabulary component
  resolved, labelled with the concept's Biolink category and carrying its
  CURIE as ``kb_id``.

:func:`combine_entities` merges them into ``doc.ents`` (``label_`` =
Biolink category, ``kb_id_`` = CURIE or ``""`` when nothing grounds the
span). The rules, in order:

1. **Exact**: a model span with the same tokens as a dictionary match takes
   the dictionary's CURIE and category (the curated category is more
   specific: ``biolink:Drug`` rather than ``biolink:ChemicalEntity``).
2. **Head**: otherwise a model span is grounded by the dictionary match
   that ends it and covers at least half of its tokens, if the categories
   are compatible (:data:`COMPATIBLE_CATEGORIES`): "recombinant IL-6" is
   grounded as IL-6 with the model's boundaries; a Cell span is not
   grounded by a Gene match. A model span that starts with an anatomical
   dictionary match is first cut after it when the rest is grounded this way
   ("serum interleukin (IL)-6": the anatomical entity "serum", then the gene).
3. **Dictionary wins over ungrounded model spans**: a high-confidence
   dictionary match (score in ``doc._.kg_entity_sources`` at least
   ``min_fill_score``) that overlaps no grounded model span is kept, and the
   ungrounded model spans it overlaps are dropped: "IL-6 signaling" (a
   process in the vocabulary) beats the model's "IL-6" inside it. High-
   confidence matches where the model found nothing fill the gaps the same
   way (processes and pathways, which the model has no type for; names it
   missed). A dictionary match that stands for several genes or for the
   markers of a cell population (its extent is in ``doc._.kg_entity_members``:
   "ALK1/2/3/6", "TMPRSS2-ERG", "CD25(+)FOXP3(+") counts as high-confidence
   whatever its score: the model's pieces of it ("ALK1/2" and "6") or its
   ungrounded cell span ("CD203c+ blast cells") name nothing better.
3b. **Vouched genes**: a lower-confidence gene match no model span overlaps
   is kept where the text vouches for it: coordinated with a gene already
   kept ("homology with MUC 18, NCAM, and CD20"), or a long form whose
   bracketed short form is a match of the same gene ("estrogen-responsive
   finger protein (efp)"; the pair also beats an ungrounded model span).
4. **Ungrounded**: the remaining model spans stay in ``doc.ents`` with an
   empty ``kb_id_``; the knowledge graph leaves them out until they can be
   grounded. Lower-confidence dictionary matches only ground (rules 1-2).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from spacy.tokens import Doc, Span

from kg.nlp.chemical_tokens import COUNTER_IONS
from kg.nlp.extensions import ensure_extensions

__all__ = [
    "COMPATIBLE_CATEGORIES",
    "DICTIONARY_KEY",
    "MODEL_KEY",
    "MODEL_LABEL_CATEGORIES",
    "UNGROUNDED_SCORE",
    "EntityCombiner",
    "ModelSpans",
    "combine_entities",
    "model_label_category",
]

MODEL_KEY = "kg_model"
DICTIONARY_KEY = "kg_dictionary"

#: Score recorded for a model entity no dictionary entry grounds: recognised, not identified.
UNGROUNDED_SCORE = 0.5

#: Model labels -> Biolink categories: the shipped BioNLP13CG model and the
#: labels of scispaCy's NER models (compared case-insensitively), so that
#: ``load_pipeline("en_ner_bionlp13cg_md")`` combines the same way.
MODEL_LABEL_CATEGORIES: dict[str, str] = {
    # BioNLP13CG (ours and en_ner_bionlp13cg_md)
    "gene_or_gene_product": "biolink:Gene",
    "cell": "biolink:Cell",
    "cancer": "biolink:Disease",
    "simple_chemical": "biolink:ChemicalEntity",
    "amino_acid": "biolink:ChemicalEntity",
    "organism": "biolink:OrganismTaxon",
    "cellular_component": "biolink:CellularComponent",
    "tissue": "biolink:AnatomicalEntity",
    "organ": "biolink:AnatomicalEntity",
    "multi-tissue_structure": "biolink:AnatomicalEntity",
    "anatomical_system": "biolink:AnatomicalEntity",
    "organism_subdivision": "biolink:AnatomicalEntity",
    "developing_anatomical_structure": "biolink:AnatomicalEntity",
    "immaterial_anatomical_entity": "biolink:AnatomicalEntity",
    "organism_substance": "biolink:AnatomicalEntity",
    "pathological_formation": "biolink:AnatomicalEntity",
    # en_ner_bc5cdr_md
    "chemical": "biolink:ChemicalEntity",
    "disease": "biolink:Disease",
    # en_ner_jnlpba_md
    "protein": "biolink:Gene",
    "dna": "biolink:Gene",
    "rna": "biolink:Gene",
    "cell_type": "biolink:Cell",
    "cell_line": "biolink:CellLine",
    # en_ner_craft_md
    "ggp": "biolink:Gene",
    "chebi": "biolink:ChemicalEntity",
    "cl": "biolink:Cell",
    "go": "biolink:BiologicalProcess",
    "so": "biolink:SequenceVariant",
    "taxon": "biolink:OrganismTaxon",
}

#: Categories a dictionary concept may have to ground a model span by its head.
COMPATIBLE_CATEGORIES: dict[str, frozenset[str]] = {
    "biolink:Gene": frozenset(
        {"biolink:Gene", "biolink:Protein", "biolink:GeneFamily", "biolink:MacromolecularComplex"}
    ),
    "biolink:ChemicalEntity": frozenset(
        {"biolink:ChemicalEntity", "biolink:Drug", "biolink:SmallMolecule", "biolink:MolecularMixture"}
    ),
    "biolink:Disease": frozenset({"biolink:Disease", "biolink:PhenotypicFeature"}),
    "biolink:Cell": frozenset({"biolink:Cell", "biolink:CellLine"}),
    "biolink:CellLine": frozenset({"biolink:Cell", "biolink:CellLine"}),
    "biolink:OrganismTaxon": frozenset({"biolink:OrganismTaxon"}),
    "biolink:AnatomicalEntity": frozenset(
        {"biolink:AnatomicalEntity", "biolink:GrossAnatomicalStructure", "biolink:CellularComponent"}
    ),
    "biolink:CellularComponent": frozenset({"biolink:CellularComponent", "biolink:AnatomicalEntity"}),
}


# First words of a reference to a figure or table of the paper.
_FIGURE_WORDS = frozenset({"fig", "fig.", "figs", "figs.", "figure", "figures", "table", "tables"})


def model_label_category(label: str) -> str | None:
    """Return the Biolink category of a model label, or ``None`` if unknown.

    A label that already is a Biolink CURIE (``biolink:Gene``) is returned as is.
    """
    if label.startswith("biolink:"):
        return label
    return MODEL_LABEL_CATEGORIES.get(label.lower())


class ModelSpans:
    """spaCy component: copy the statistical NER's ``doc.ents`` to ``doc.spans["kg_model"]``.

    Labels become Biolink categories; entities of unknown labels are dropped.
    The model's own label is kept in the span group's ``attrs["model_labels"]``
    (one per span), which evaluation against the model's corpus uses.
    """

    def __call__(self, doc: Doc) -> Doc:
        """Fill ``doc.spans["kg_model"]`` and return ``doc``."""
        spans, labels = [], []
        for ent in doc.ents:
            category = model_label_category(ent.label_)
            if category is None:
                continue
            spans.append(Span(doc, ent.start, ent.end, label=category))
            labels.append(ent.label_)
        doc.spans[MODEL_KEY] = spans
        doc.spans[MODEL_KEY].attrs["model_labels"] = labels
        return doc


def _compatible(model_category: str, dictionary_category: str) -> bool:
    allowed = COMPATIBLE_CATEGORIES.get(model_category, frozenset({model_category}))
    return dictionary_category in allowed


def combine_entities(
    doc: Doc,
    model_spans: list[Span],
    dictionary_spans: list[Span],
    scores: Mapping[tuple[int, int], tuple[str, float]],
    *,
    min_fill_score: float = 0.85,
    disease_fill_score: float | None = None,
    members: Mapping[tuple[int, int], tuple[str, ...]] | None = None,
) -> tuple[list[Span], dict[tuple[int, int], tuple[str, float]]]:
    """Merge model and dictionary spans by the rules in this module's docstring.

    Parameters
    ----------
    doc
        The document both span lists belong to.
    model_spans
        Non-overlapping model spans labelled with Biolink categories.
    dictionary_spans
        Non-overlapping dictionary matches (label = category, kb_id = CURIE).
    scores
        ``(start_char, end_char) -> (source, score)`` of the dictionary matches.
    min_fill_score
        Lowest score for a dictionary match to count as high-confidence (it
        then fills gaps and wins over ungrounded model spans it overlaps).
    disease_fill_score
        The same for diseases and phenotypes (``None``: ``min_fill_score``).
        The shipped NER's only disease type is cancer, so the dictionary
        finds most diseases alone, down to the alias level ("hypertensive").
    members
        ``doc._.kg_entity_members``: character extents of dictionary matches
        that stand for several genes or for a cell population's markers;
        these are high-confidence whatever their score.

    Returns
    -------
    tuple
        The entities (sorted, non-overlapping) and their
        ``(start_char, end_char) -> (source, score)`` records.
    """

    def score_of(span: Span) -> tuple[str, float]:
        return scores.get((span.start_char, span.end_char), ("dictionary", 0.0))

    by_extent = {(span.start, span.end): span for span in dictionary_spans}
    entities: list[Span] = []
    sources: dict[tuple[int, int], tuple[str, float]] = {}
    taken: set[int] = set()
    ungrounded: list[Span] = []
    # Rules 1 and 2: model spans the dictionary grounds (exact extent, or by their head).
    for span in model_spans:
        span = _without_leading_other(doc, span, dictionary_spans, by_extent)
        exact = by_extent.get((span.start, span.end))
        head = None if exact is not None else _head(span, dictionary_spans)
        if exact is not None:
            source, score = score_of(exact)
            entities.append(Span(doc, span.start, span.end, label=exact.label_, kb_id=exact.kb_id_))
            sources[(span.start_char, span.end_char)] = (f"model+{source}", score)
        elif head is not None:
            source, score = score_of(head)
            entities.append(Span(doc, span.start, span.end, label=span.label_, kb_id=head.kb_id_))
            sources[(span.start_char, span.end_char)] = (f"model+{source}-head", score)
        else:
            ungrounded.append(span)
            continue
        taken.update(range(span.start, span.end))
    # Rule 4: high-confidence dictionary matches the grounded model spans leave free.
    for span in dictionary_spans:
        source, score = score_of(span)
        threshold = min_fill_score
        if disease_fill_score is not None and span.label_ in COMPATIBLE_CATEGORIES["biolink:Disease"]:
            threshold = disease_fill_score
        if members and (span.start_char, span.end_char) in members:
            threshold = 0.0  # "ALK1/2/3/6", "CD25(+)FOXP3(+": every member is grounded
        if score < threshold or taken.intersection(range(span.start, span.end)):
            continue
        entities.append(span)
        sources[(span.start_char, span.end_char)] = (source, score)
        taken.update(range(span.start, span.end))
    # Rule 3b: a lower-confidence gene match the model did not tag, which the text vouches for.
    for span in _vouched_genes(doc, dictionary_spans, entities, taken, ungrounded, score_of, min_fill_score):
        entities.append(span)
        sources[(span.start_char, span.end_char)] = score_of(span)
        taken.update(range(span.start, span.end))
    # Rule 3: the rest of the model's spans, where no grounded entity is.
    for span in ungrounded:
        if taken.intersection(range(span.start, span.end)) or _figure_reference(span):
            continue
        entities.append(Span(doc, span.start, span.end, label=span.label_))
        sources[(span.start_char, span.end_char)] = ("model", UNGROUNDED_SCORE)
    entities.sort(key=lambda span: span.start)
    return entities, sources


_JOINERS = frozenset({",", "and", "or"})


def _vouched_genes(
    doc: Doc,
    dictionary_spans: list[Span],
    entities: list[Span],
    taken: set[int],
    ungrounded: list[Span],
    score_of: Callable[[Span], tuple[str, float]],
    min_fill_score: float,
) -> list[Span]:
    """Gene matches below ``min_fill_score`` that no model span overlaps but the text vouches for.

    Two readings a curator would accept: the match is coordinated with a
    gene already kept ("homology with MUC 18, NCAM, and CD20": a list of
    genes), or it is a long form whose bracketed short form is a match of
    the same gene ("estrogen-responsive finger protein (efp)": two names
    agreeing); then both are kept.
    """
    model_tokens = {i for span in ungrounded for i in range(span.start, span.end)}
    genes = [span for span in entities if span.label_ == "biolink:Gene" and span.kb_id_]
    gene_starts = {span.start for span in genes}
    gene_ends = {span.end for span in genes}

    def free(span: Span, *, paired: bool = False) -> bool:
        # A pair of names may overrule an ungrounded model span ("estrogen" in the long form).
        tokens = set(range(span.start, span.end))
        return (
            span.label_ == "biolink:Gene"
            and bool(span.kb_id_)
            and score_of(span)[1] < min_fill_score
            and not tokens & taken
            and (paired or not tokens & model_tokens)
        )

    def coordinated(span: Span) -> bool:
        after, before = span.end, span.start - 1
        if after < len(doc) and doc[after].text in _JOINERS:
            # ", and CD20": the next member starts after both joiners
            two = after + 1 < len(doc) and doc[after + 1].text in ("and", "or")
            if (after + 2 if two else after + 1) in gene_starts:
                return True
        if before <= 0 or doc[before].text not in _JOINERS:
            return False
        if before in gene_ends:
            return True
        return doc[before].text in ("and", "or") and doc[before - 1].text == "," and before - 1 in gene_ends

    by_start = {span.start: span for span in dictionary_spans}
    vouched: list[Span] = []
    for span in dictionary_spans:
        if free(span) and coordinated(span):
            vouched.append(span)
            continue
        if not free(span, paired=True):
            continue
        short = by_start.get(span.end + 1)
        if (
            short is not None
            and doc[span.end].text == "("
            and short.end < len(doc)
            and doc[short.end].text == ")"
            and short.kb_id_ == span.kb_id_
            and free(short, paired=True)
        ):
            vouched.extend((span, short))
    return sorted(dict.fromkeys(vouched), key=lambda span: span.start)


def _figure_reference(span: Span) -> bool:
    """True for "Fig. 3B", "Figure 2", "Table 1": a pointer into the paper, not an entity."""
    return len(span) > 1 and span[0].lower_ in _FIGURE_WORDS and span[1].text[:1].isdigit()


def _without_leading_other(
    doc: Doc, span: Span, dictionary_spans: list[Span], by_extent: Mapping[tuple[int, int], Span]
) -> Span:
    """A model span less a leading anatomical dictionary match ("serum", "liver").

    "serum interleukin (IL)-6" tagged as one gene is the anatomical entity
    "serum" and the gene "interleukin (IL)-6" when the dictionary reads the
    rest as a match of the model's kind (rule 1 or 2 grounds it); the leading
    match is then free for rule 4. Otherwise the span is returned unchanged.
    """
    if (span.start, span.end) in by_extent:
        return span
    for candidate in dictionary_spans:
        if candidate.start != span.start or candidate.end >= span.end:
            continue
        if candidate.label_ != "biolink:AnatomicalEntity" or _compatible(span.label_, candidate.label_):
            return span
        if doc[candidate.end].text == "-":
            return span  # "bone marrow-derived dendritic cells": the organ is part of the name
        rest = Span(doc, candidate.end, span.end, label=span.label_)
        exact = by_extent.get((rest.start, rest.end))
        if (exact is not None and _compatible(span.label_, exact.label_)) or _head(rest, dictionary_spans):
            return rest
    return span


def _head(span: Span, dictionary_spans: list[Span]) -> Span | None:
    """The dictionary match that ends ``span``, covers half of it and has a compatible category.

    A salt named by its parent compound and its counter-ion ("alendronate
    sodium", "nicotine sulfate", "pancuronium bromide") is grounded as the
    parent, as MeSH indexes a salt under its parent's heading, where the words
    before the counter-ion are a compatible match of their own: the ion is not
    what the paper gave.
    """
    for candidate in dictionary_spans:
        inside = candidate.start >= span.start and candidate.end == span.end
        if inside and 2 * len(candidate) >= len(span) and _compatible(span.label_, candidate.label_):
            if len(candidate) == 1 and candidate.text.lower() in COUNTER_IONS:
                parent = _match_at(dictionary_spans, span.start, candidate.start)
                if parent is not None and _compatible(span.label_, parent.label_):
                    return parent
            return candidate
    return None


def _match_at(dictionary_spans: list[Span], start: int, end: int) -> Span | None:
    """The dictionary match with exactly these token boundaries, if any."""
    return next((s for s in dictionary_spans if s.start == start and s.end == end), None)


class EntityCombiner:
    """spaCy component: set ``doc.ents`` from the model and dictionary span groups.

    Parameters
    ----------
    min_fill_score
        Lowest dictionary score for a match the model did not find to be kept.
    disease_fill_score
        The same for diseases and phenotypes (``None``: ``min_fill_score``).
    """

    def __init__(self, min_fill_score: float = 0.85, *, disease_fill_score: float | None = 0.8) -> None:
        ensure_extensions()
        self.min_fill_score = min_fill_score
        self.disease_fill_score = disease_fill_score

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc.ents`` and ``doc._.kg_entity_sources``; return ``doc``."""
        model = list(doc.spans[MODEL_KEY]) if MODEL_KEY in doc.spans else []
        dictionary = list(doc.spans[DICTIONARY_KEY]) if DICTIONARY_KEY in doc.spans else []
        entities, sources = combine_entities(
            doc,
            model,
            dictionary,
            doc._.kg_entity_sources or {},
            min_fill_score=self.min_fill_score,
            disease_fill_score=self.disease_fill_score,
            members=doc._.kg_entity_members,
        )
        doc.ents = entities
        doc._.kg_entity_sources = sources
        return doc
