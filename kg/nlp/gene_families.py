"""Protein complexes and families that gene normalisation reads as one gene.

Helpers of :class:`kg.nlp.entities.VocabularyEntityMatcher` for names FamPlex
files as a complex or a family but that HGNC gives to one gene ("NF-kB" is an
alias of NFKB1 only). They work on one mention's ranked groundings, so they
cost nothing per token.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from kg.lexicon.store import HUMAN, Grounding

__all__ = ["complex_named_subunit", "names_member"]


def complex_named_subunit(ranked: tuple[Grounding, ...]) -> tuple[Grounding, ...]:
    """A complex's name HGNC gives to exactly one human gene, its subunit named after it, is that gene.

    FamPlex files "NF-kB", "IL-23" and "CD3" as complexes (with no member
    genes listed); HGNC lists each name as an alias of one subunit, whose
    symbol is the complex's name and one subunit letter or number (NFKB1,
    IL23A, CD3E): the gene NLM-Gene, BioRED and GNormPlus ground such a
    mention to. When the complex is the best grounding and exactly one human
    gene is among the text's own groundings, and its symbol is built so, that
    gene takes the complex's place and score (the complex stays behind it).
    A name HGNC gives to several genes stays the complex ("PI3K": PIK3CA and
    PIK3R1; "AP-1"), and so does one whose gene is not named after the
    complex: "AMPK" is an alias of PRKAA2 though the corpora read it as
    PRKAA1, "PDH" one of PDP1 (a phosphatase of the complex, no subunit),
    "COX" one of COX8A. Species follow as for any human gene.
    """
    if not ranked:
        return ranked
    head = ranked[0]
    if head.category != "biolink:MacromolecularComplex" or head.source != "FPLX":
        return ranked
    genes = [g for g in ranked if g.category == "biolink:Gene" and g.taxon == HUMAN]
    if len(genes) != 1 or not _named_after(genes[0].name, head.name):
        return ranked
    gene = genes[0]
    return (replace(gene, score=head.score), *(g for g in ranked if g is not gene))


# Greek letters FamPlex spells out in names ("NFkappaB") and HGNC writes as one letter (NFKB1).
_GREEK = (("ALPHA", "A"), ("BETA", "B"), ("GAMMA", "G"), ("DELTA", "D"), ("KAPPA", "K"))


def _named_after(symbol: str, name: str) -> bool:
    """Whether a gene symbol is a complex's name and one subunit letter or number (NFKB1, IL23A)."""
    stem = name.upper()
    for word, letter in _GREEK:
        stem = stem.replace(word, letter)
    stem = "".join(ch for ch in stem if ch.isalnum())
    return len(symbol) == len(stem) + 1 and symbol.upper().startswith(stem)


_FAMILY_CATEGORIES = frozenset({"biolink:GeneFamily", "biolink:MacromolecularComplex"})
# What a long form names when it names a class of proteins rather than one gene.
_CLASS_CATEGORIES = _FAMILY_CATEGORIES | {"biolink:Protein", "biolink:ChemicalEntity"}


def names_member(long_form: Grounding, own: Iterable, start: int, end: int, text: str) -> bool:
    """Whether a short form names one gene of the class its long form names.

    "c-Jun N-terminal kinase (JNK)", "protein kinase B (Akt)", "nuclear
    factor kappa B (NF-kB)": the long form grounds to a class (FamPlex's JNK
    family, MeSH's "Proto-Oncogene Proteins c-akt"), the short form alone to
    the one gene gene normalisation reads it as (MAPK8, AKT1, NFKB1; see
    :func:`complex_named_subunit` and ``VocabularyEntityMatcher._family_member``,
    which keep the FamPlex family or complex behind the gene). Likewise
    "CXC chemokine receptor 3 (CXCR3)": the long form is MeSH's protein
    heading, the short form the gene's approved symbol. The short form's
    own, more specific reading is then kept rather than replaced by the
    class. ``own`` holds the candidates (with ``start``, ``end``, ``best``
    and ``groundings``) that overlap the short form, which spans tokens
    ``start`` to ``end`` and reads ``text``.
    """
    if long_form.taxon is not None or long_form.category not in _CLASS_CATEGORIES:
        return False
    if long_form.source not in ("FPLX", "MESH"):
        return False
    for c in own:
        if (c.start, c.end) != (start, end) or c.best.category != "biolink:Gene":
            continue
        if any(g.source == "FPLX" and g.category in _FAMILY_CATEGORIES for g in c.groundings[1:]):
            return True  # the family rules' member
        if long_form.category == "biolink:Protein" and c.best.name == text:
            return True  # a gene's own symbol ("CXCR3"), not a chemical's short form ("TG")
    return False
