"""How the trained NER's spans and labels steer the dictionary's groundings.

Helpers of :class:`kg.nlp.entities.VocabularyEntityMatcher`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.lexicon.sources import is_protein_tree
from kg.lexicon.store import HUMAN, MOUSE, RAT, Grounding
from kg.nlp.candidates import Candidate
from kg.nlp.combine import COMPATIBLE_CATEGORIES, MODEL_KEY
from kg.nlp.entity_kinds import DISEASES

# Model categories whose entities guide the dictionary's choice, and what each accepts.
COMPATIBLE = {
    c: COMPATIBLE_CATEGORIES[c] for c in ("biolink:Gene", "biolink:ChemicalEntity", "biolink:Disease")
}


def model_categories(doc: Doc) -> dict[tuple[int, int], str]:
    """Token extents of the statistical NER's genes, chemicals and diseases -> their category."""
    if MODEL_KEY not in doc.spans:
        return {}
    return {(s.start, s.end): s.label_ for s in doc.spans[MODEL_KEY] if s.label_ in COMPATIBLE}


def model_confirmed(candidate: Candidate, model: dict[tuple[int, int], str]) -> bool:
    """Whether the NER found exactly this span, as the kind of thing the dictionary grounded it to."""
    category = model.get((candidate.start, candidate.end))
    return category is not None and candidate.best.category in COMPATIBLE[category]


def prefer_category(
    groundings: list[Grounding], category: str | None, species: str | None
) -> tuple[Grounding, ...]:
    """Put the groundings of the NER's kind first (stable), genes before MeSH protein classes.

    The NER read "GM-CSF" or "CD3 gamma" as a gene: the HGNC gene beats the
    MeSH chemical or protein-class heading of the same name; "cytochrome c"
    read as a gene is CYCS, read as a chemical the MeSH substance. A gene of
    another species than the text's is not promoted ("insulin" in a paper
    about mice is not human INS). Of names of no gene, a MeSH heading filed
    under proteins goes before a drug: "IL-12p70" read as a gene is the
    cytokine (MeSH Interleukin-12), not DrugBank's recombinant product.
    """
    if category is None:
        return tuple(groundings)
    allowed = COMPATIBLE[category]

    def rank(g: Grounding) -> float:
        if g.category not in allowed:
            protein = category == "biolink:Gene" and any(is_protein_tree(t) for t in g.mesh_trees)
            return 1.5 if protein else 2
        if species is not None and g.taxon is not None and g.taxon != species:
            return 3
        return 1 if category == "biolink:Gene" and g.source == "MESH" else 0

    return tuple(sorted(groundings, key=rank))


def gene_before_disease(
    ranked: tuple[Grounding, ...], category: str | None, species: str | None, defined: bool
) -> tuple[Grounding, ...]:
    """A short form the NER reads as a gene, in a mouse or rat text: its human gene before a disease.

    In a human paper the NER's gene reading beats a disease that shares the
    short form (:func:`prefer_category`); in a paper about mice the human
    gene is demoted for its species and the disease came first ("phosphorylation
    of Rb" read as retinoblastoma). The human gene goes first again, for
    the species rule to read it as its mouse or rat ortholog (Rb1). A short
    form the paper defines in brackets ("myotonic dystrophy I (DM1)") is left
    to the abbreviation rules, and a gene only mice or rats have is not
    moved.
    """
    if category != "biolink:Gene" or species not in (MOUSE, RAT) or defined or not ranked:
        return ranked
    if ranked[0].category not in DISEASES:
        return ranked
    human = next((g for g in ranked if g.taxon == HUMAN and g.category == "biolink:Gene"), None)
    if human is None:
        return ranked
    return (human, *(g for g in ranked if g is not human))


def model_span_variants(text: str, category: str, *, typed: bool = True) -> list[str]:
    """Readings of a model span to look up: as written, and for genes the symbol conventions.

    ``hXPC`` (``h`` for human before a symbol) as ``XPC``; a marker sign
    glued on ("CD34(+", "Il6(-/-") dropped; a modified form's prefix dropped
    ("p-Akt", "phospho-STAT3", "phosphorylated-Smad1", "proMMP-2",
    "procaspase-9" name Akt, STAT3, Smad1, MMP-2 and caspase-9; "pERK", "pSTAT3" and "pAkt",
    a "p" glued to a symbol that opens with a capital, name ERK, STAT3 and Akt where the
    whole is no name); a generic word around a gene
    name ("PDZ protein", "E1 beta subunit", "human XRCC1 gene") dropped. A
    lower-case symbol with a digit (``rac1``, ``cdc25c``, ``freac-1``) or a viral or
    cellular oncogene's prefix (``c-rel``, ``c-JUN``) is last read in
    capitals, as the NER says it is a gene: the zebrafish convention writes
    symbols so too, but a text about zebrafish, flies or yeast grounds no
    human, mouse or rat gene anyway (:meth:`VocabularyEntityMatcher._species`).
    A type numeral before or after a name is the numbered member ("type I TNF-R"
    is "TNF-R I"; :func:`typed_name_variants`) unless ``typed`` is False.
    """
    variants = [text]
    if category != "biolink:Gene":
        return variants
    words = text.split()
    while len(words) > 1 and words[-1].lower() in GENERIC_GENE_WORDS:
        words.pop()
    while len(words) > 1 and words[0].lower() in GENE_SPECIES_WORDS:
        words.pop(0)
    if len(words) < len(text.split()):
        variants.append(" ".join(words))
    if MODIFIED_FORM.match(words[0]):
        words = [MODIFIED_FORM.sub("", words[0]), *words[1:]]  # "cleaved-caspase 9"
        variants.append(" ".join(words))
    if typed:
        variants += typed_name_variants(words)
    if len(words) == 1:
        symbol = MARKER_SIGN.sub("", words[0])
        if symbol != words[0] and len(symbol) >= 2:
            variants.append(symbol)
        if len(symbol) >= 4 and symbol[0] == "h" and symbol[1].isupper():
            variants.append(symbol[1:])
        if PHOSPHO_PREFIX.fullmatch(symbol):
            variants.append(symbol[1:])  # "pERK", "pSTAT3", "pAkt": the phosphorylated protein
        if LOOSE_SYMBOL.fullmatch(symbol):
            variants.append(symbol.upper())
    return variants


# Type numerals: "type I TNF-R" is the receptor HGNC writes "TNF-RI", "type 2 ..." its "... 2".
_TYPE_NUMERALS = {"i": "I", "ii": "II", "iii": "III", "iv": "IV", "1": "1", "2": "2", "3": "3", "4": "4"}
_ARABIC_OF_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}


def typed_name_variants(words: list[str]) -> list[str]:
    """A name with its type written before it ("type I TNF-R") as the member's name: "TNF-R I", "TNF-R 1".

    Curators write a numbered member of a receptor or enzyme pair either way
    ("type II TNF-R", "TNF-RII"); the lexicon holds the second. Also the type
    after the name ("TNF-R type I"). A full stop the tokenizer kept on the last
    word ("TNF-R.") is no part of the name.
    """
    lowered = [w.lower() for w in words]
    if len(words) >= 3 and lowered[0] == "type" and lowered[1] in _TYPE_NUMERALS:
        numeral, name = _TYPE_NUMERALS[lowered[1]], words[2:]
    elif len(words) >= 3 and lowered[-2] == "type" and lowered[-1] in _TYPE_NUMERALS:
        numeral, name = _TYPE_NUMERALS[lowered[-1]], words[:-2]
    else:
        return []
    written = " ".join(name).removesuffix(".")
    if written.count("(") != written.count(")"):
        return []  # "(MKS) type 3": the span starts inside a bracket, no name
    numerals = dict.fromkeys((numeral, _ARABIC_OF_ROMAN.get(numeral, numeral)))
    return [f"{written} {n}" for n in numerals]


GENERIC_GENE_WORDS = frozenset(
    {"protein", "proteins", "gene", "genes", "mrna", "subunit", "polypeptide", "molecule", "antigen",
     "isoform", "transcript", "product"}
)  # fmt: skip
# A symbol written in lower case with a digit ("rac1", "cdc25c", "freac-1"), or with an oncogene's
# "c-"/"v-" prefix ("c-rel", "c-JUN"): the NER's gene, looked up in capitals when nothing matched as
# written.
LOOSE_SYMBOL = re.compile(r"[a-z][a-z]*-?\d[a-z0-9]*|[cv]-[A-Za-z]{2,}\d?")
GENE_SPECIES_WORDS = frozenset({"human", "mouse", "murine", "rat", "recombinant"})
# A phosphorylated, cleaved or precursor form written before the gene's name: "p-Akt", "phospho-p53",
# "phosphorylated-ERK", "cleaved-caspase 9", "proMMP-2", "pro-IL-1beta", "procaspase-9" (not
# "prohibitin", "pUC119").
MODIFIED_FORM = re.compile(r"(?:phospho(?:rylated)?-|p-|cleaved-|pro-?(?=[A-Z]|caspase))(?=\w{2})")
# "p" for phosphorylated glued to a symbol: "pERK", "pSTAT3", "pAkt", "pSmad2" (read only where the
# whole span is no name, so "pRb" and "pVHL", aliases of RB1 and VHL, stay as they are). A "p" with
# one or two capitals and a number is a plasmid's name ("pUC119", "pBR322", "pGL3", "pET28").
PHOSPHO_PREFIX = re.compile(r"p(?![A-Z]{1,2}\d)[A-Z][A-Za-z0-9]{2,}")
MARKER_SIGN = re.compile(r"\((?:[+-]|[+-]/[+-]|hi|lo|high|low)\)?$")
