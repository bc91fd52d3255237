"""Sequences, residues and ions a text names: what is no gene, chemical or disease mention.

Helpers of :class:`kg.nlp.entities.VocabularyEntityMatcher`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.nlp.candidates import Candidate
from kg.nlp.entity_kinds import CHEMICALS, DISEASES, GENE_LIKE

# Bases written as letters: a codon or a dinucleotide ("GT", "CAA"), and a change of bases
# ("G----T", "GT-->AT", "AAA-->ATA", as old abstracts print the arrow).
BASES = re.compile(r"[ACGTU]{2,}")
BASE_CHANGE = re.compile(r"[ACGTU]+(?:-{2,}>?|->|>)[ACGTU]*")
BASE_WINDOW = 5


def sequence_notation(doc: Doc, texts: list[str], candidate: Candidate, others: set[int]) -> bool:
    """A disease acronym that is bases of a sequence ("the conserved AG and GT", "G----T transversion").

    A run of base letters is a disease's short form for the dictionary (GT,
    Glanzmann thrombasthenia; CAA, cerebral amyloid angiopathy), and the
    NER may tag it too. It is sequence where it is written as a change of
    bases, or where another run of base letters stands within five tokens
    in its sentence ("AAA to CAA", "GTG to GCG"; the same short form again
    is not one: a paper defining "ataxia telangiectasia (AT)" keeps AT
    wherever no sequence is written beside it; nor is a run grounded as
    something else, in ``others``: "AGA in AGU patients", the gene and its
    disease). A short form the paper defines is its disease unless written as a change.
    """
    if candidate.best.category not in DISEASES or candidate.end - candidate.start != 1:
        return False
    text = texts[candidate.start]
    if BASE_CHANGE.fullmatch(text):
        return True
    if candidate.source == "abbreviation" or not BASES.fullmatch(text):
        return False  # a short form the paper defines: "cases of GC, atrophic gastritis (AG)"
    first, last = 0, len(texts)
    if doc.has_annotation("SENT_START"):
        sentence = doc[candidate.start].sent
        first, last = sentence.start, sentence.end
    window = range(max(first, candidate.start - BASE_WINDOW), min(last, candidate.end + BASE_WINDOW))
    return any(
        texts[i] != text
        and i not in others
        and (BASES.fullmatch(texts[i]) or BASE_CHANGE.fullmatch(texts[i]))
        for i in window
    )


# Metal ions written with their charge: element symbol -> the element's name in the lexicon.
ION_ELEMENTS = {
    "Ca": "calcium", "Na": "sodium", "K": "potassium", "Mg": "magnesium", "Zn": "zinc", "Fe": "iron",
    "Cu": "copper", "Mn": "manganese", "Li": "lithium", "Cd": "cadmium", "Hg": "mercury", "Pb": "lead",
    "Co": "cobalt", "Ni": "nickel", "Sr": "strontium", "Ba": "barium",
}  # fmt: skip
ION = re.compile(
    r"(?<![A-Za-z0-9])(?P<element>" + "|".join(ION_ELEMENTS) + r")"
    r"(?:\((?:[1-3]?\+{1,2}|\+[1-3])\)|[1-3]? ?\+{1,2}|\+[1-3])(?![A-Za-z0-9+])"
)
# The amino acids of proteins and the bases of nucleic acids, by the names a residue of a
# sequence is written with ("aspartate" and "glutamate" as often as the acids).
AMINO_ACIDS = frozenset(
    {"alanine", "arginine", "asparagine", "aspartate", "cysteine", "glutamate", "glutamine", "glycine",
     "histidine", "isoleucine", "leucine", "lysine", "methionine", "phenylalanine", "proline", "serine",
     "threonine", "tryptophan", "tyrosine", "valine"}
)  # fmt: skip
NUCLEOBASES = frozenset({"adenine", "cytosine", "guanine", "thymine", "uracil"})
RESIDUE_NAMES = AMINO_ACIDS | NUCLEOBASES | {"aspartic", "glutamic"}
# "substitution of (a) X", "deletion of valine 624", "insertion of a cytosine"
CHANGE_NOUNS = frozenset(
    {"substitution", "substitutions", "replacement", "replacements", "deletion", "deletions", "insertion",
     "insertions", "change", "changes", "changed", "replaced", "replacing", "substituted", "substituting"}
)  # fmt: skip
# Words after a residue that make it one: "a cytosine insertion", "a short glutamine repeat".
RESIDUE_AFTER = frozenset(
    {"insertion", "insertions", "deletion", "deletions", "substitution", "substitutions", "repeat",
     "repeats", "codon", "codons"}
)  # fmt: skip
# "X to / by / with / for Y", both residues, in a sentence that speaks of a change in a sequence.
RESIDUE_LINKS = frozenset({"to", "by", "with", "for", "into"})
MUTATION_CUES = frozenset(
    {"substitution", "substitutions", "substituted", "replacement", "replaced", "replaces", "change",
     "changes", "changed", "mutation", "mutations", "mutant", "missense", "codon", "codons", "residue",
     "residues", "position", "polymorphism", "polymorphisms", "variant", "variants", "allele", "alleles",
     "encoding", "transition", "transversion", "exchange"}
)  # fmt: skip
ARTICLES = frozenset({"a", "an", "the"})
PLACE_NOUNS = frozenset({"codon", "position", "residue", "amino", "nucleotide"})
RESIDUE_WINDOW = 6


def residue_at(lowers: list[str], i: int) -> int:
    """The end of a residue name starting at token ``i`` ("glutamic acid" is two tokens), or -1."""
    if i >= len(lowers):
        return -1
    word = lowers[i]
    if word in AMINO_ACIDS or word in NUCLEOBASES:
        return i + 1
    if word in ("aspartic", "glutamic") and i + 1 < len(lowers) and lowers[i + 1] == "acid":
        return i + 2
    return -1


def residue(doc: Doc, lowers: list[str], candidate: Candidate) -> bool:
    """Whether an amino acid or a base is a residue of a sequence, not the substance.

    BioRED (and the graph) take "serine 727", "substitution of arginine by
    tryptophan", "a cytosine insertion" or "serine/threonine kinases" for a
    place in a protein or a gene, which a variant or the protein names, not
    for the chemical. A residue is the name followed by its position (a
    number, or "at codon ...") or by a word for a change or a repeat of it; preceded by a change
    ("substitution of a", "deletion of"); one of two residues written "X/Y";
    or one of two residues joined by "to", "by", "with" or "for" within six
    tokens, in a sentence that speaks of a change in a sequence ("glycine to
    glutamine substitution", "guanine (CGA) by adenine (CAA)"). The substance
    keeps its reading elsewhere ("plasma glycine levels", "glutamine and
    glutamate levels", "leucine (Leu) resistance").
    """
    if candidate.best.category not in CHEMICALS or residue_at(lowers, candidate.start) != candidate.end:
        return False
    start, end, n = candidate.start, candidate.end, len(lowers)
    following = lowers[end] if end < n else ""
    if following.isdigit():
        # "serine 473"; "metabotropic glutamate 7 receptor" is a receptor's number
        return not (end + 1 < n and lowers[end + 1] in ("receptor", "receptors"))
    if following in RESIDUE_AFTER:
        return True
    if following == "at" and end + 1 < n and lowers[end + 1] in PLACE_NOUNS:
        return True  # "a stop codon for glutamine at codon 298"
    before = [w for w in lowers[max(0, start - 3) : start] if w not in ARTICLES]
    if before and before[-1] == "of" and len(before) > 1 and before[-2] in CHANGE_NOUNS:
        return True
    if following == "/" and residue_at(lowers, end + 1) > 0:
        return True
    if start >= 2 and lowers[start - 1] == "/" and residue_at(lowers, start - 2) == start - 1:
        return True
    first, last = 0, n
    if doc.has_annotation("SENT_START"):
        sentence = doc[start].sent
        first, last = sentence.start, sentence.end
    if MUTATION_CUES.isdisjoint(lowers[first:last]):
        return False
    # this residue, then a link, then (past an article or a bracketed code) another residue
    for i in range(end, min(last, end + RESIDUE_WINDOW)):
        if lowers[i] in RESIDUE_LINKS:
            j = i + 1
            while j < last and lowers[j] in ARTICLES:
                j += 1
            if residue_at(lowers, j) > 0:
                return True
    # or another residue and a link before this one
    for i in range(max(first, start - RESIDUE_WINDOW), start):
        if lowers[i] in RESIDUE_LINKS and all(w in ARTICLES for w in lowers[i + 1 : start]):
            for k in range(max(first, i - RESIDUE_WINDOW), i):
                if residue_at(lowers, k) > 0:
                    return True
    return False


# Words after a run of base letters that make it a sequence: "the ATC sequence", "a GCT repeat",
# "GCG expansion", "GC box".
SEQUENCE_WORDS = frozenset(
    {"sequence", "sequences", "repeat", "repeats", "expansion", "expansions", "codon", "codons", "triplet",
     "triplets", "motif", "motifs", "box", "boxes", "element", "elements", "tract", "tracts"}
)  # fmt: skip


def gene_sequence(
    doc: Doc, texts: list[str], lowers: list[str], candidate: Candidate, genes: set[int]
) -> bool:
    """A gene symbol that is bases of a sequence ("the ATC sequence", "genotypes AA, AC and CC").

    Like :func:`sequence_notation` for diseases: a run of base letters that
    spells a gene's alias (AC, ADCY1; GCG, glucagon; TG, thyroglobulin) is
    sequence where it is written as a change of bases ("TG>AT", the arrow
    beside it), where a word for a stretch of sequence follows it ("repeat",
    "codon", "box"), or where another run of base letters that is no gene
    stands within five tokens in its sentence ("AA, AC, CC" genotypes,
    "(GCG)4GCA"). A short form the paper defines stays its gene.
    """
    if candidate.best.category not in GENE_LIKE or candidate.end - candidate.start != 1:
        return False
    text = texts[candidate.start]
    if not BASES.fullmatch(text) or candidate.source == "abbreviation":
        return False
    if candidate.end < len(lowers) and lowers[candidate.end] in SEQUENCE_WORDS:
        return True
    first, last = 0, len(texts)
    if doc.has_annotation("SENT_START"):
        sentence = doc[candidate.start].sent
        first, last = sentence.start, sentence.end
    if any(0 <= i < len(texts) and texts[i] in (">", "->") for i in (candidate.start - 1, candidate.end)):
        return True  # "TG>AT", the arrow a token of its own
    window = range(max(first, candidate.start - BASE_WINDOW), min(last, candidate.end + BASE_WINDOW))
    return any(
        texts[i] != text
        and i not in genes
        and (BASES.fullmatch(texts[i]) is not None or BASE_CHANGE.fullmatch(texts[i]) is not None)
        for i in window
    )
