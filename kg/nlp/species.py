"""Whose genes a paper names: the species of each token's gene names, read from the text.

:func:`species_by_token` gives :class:`kg.nlp.entities.VocabularyEntityMatcher`
the species (NCBI Taxonomy CURIE) that a gene name at each token belongs to:
from species words, organism and cell-line names, laboratory strains, mouse
genetics (Cre drivers, floxed alleles), xenograft hosts and gene nomenclature,
paper by paper and, in a paper naming several species, sentence by sentence.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from kg.lexicon.store import HUMAN, MOUSE, RAT
from kg.nlp.candidates import Candidate
from kg.nlp.cues import HUMAN_WORDS
from kg.nlp.extensions import doc_text, token_texts

__all__ = ["GENE_SPECIES", "OTHER_ORGANISMS", "mouse_style", "organism_before", "species_by_token"]

_MOUSE_CUES = frozenset({"mouse", "mice", "murine"})
_RAT_CUES = frozenset({"rat", "rats"})
# Model organisms whose genes the lexicon does not hold: a text about them names their genes,
# not human, mouse or rat ones (cue word -> NCBI Taxonomy).
_FLY, _WORM, _ZEBRAFISH, _FROG, _YEAST, _CHICKEN, _ARABIDOPSIS = (
    "NCBITaxon:7227", "NCBITaxon:6239", "NCBITaxon:7955", "NCBITaxon:8355", "NCBITaxon:4932",
    "NCBITaxon:9031", "NCBITaxon:3702",
)  # fmt: skip
_OTHER_ORGANISM_CUES = {
    **dict.fromkeys(("drosophila", "flies"), _FLY),
    **dict.fromkeys(("elegans", "nematode", "nematodes"), _WORM),
    "zebrafish": _ZEBRAFISH,
    **dict.fromkeys(("xenopus", "frog", "frogs", "tadpole", "tadpoles"), _FROG),
    **dict.fromkeys(("yeast", "yeasts", "cerevisiae", "pombe"), _YEAST),
    **dict.fromkeys(("chick", "chicken"), _CHICKEN),
    **dict.fromkeys(("arabidopsis", "thaliana"), _ARABIDOPSIS),
}
OTHER_ORGANISMS = frozenset(
    {*_OTHER_ORGANISM_CUES.values(), "NCBITaxon:8364", "NCBITaxon:559292", "NCBITaxon:4896"}
)
"""Model organisms whose genes the lexicon does not hold."""
GENE_SPECIES = frozenset({HUMAN, MOUSE, RAT})
"""Species whose genes the lexicon holds (human HGNC, mouse MGI, rat RGD)."""
# Words after an organism's name that make it a tool or a reagent, not what the genes belong to:
# "yeast two-hybrid", "Xenopus oocytes" (expressing human channels), "chicken ovalbumin".
_TOOL_WORDS = frozenset(
    {"two", "two-hybrid", "one-hybrid", "hybrid", "oocyte", "oocytes", "egg", "eggs", "extract", "extracts",
     "ovalbumin", "serum", "anti", "expression", "expressed", "expressing", "artificial"}
)  # fmt: skip
# Words before "in <organism>" that make the organism a host for other genes ("expressed in yeast").
_HOST_WORDS = frozenset(
    {"expressed", "expression", "expressing", "overexpressed", "overexpression", "produced", "reconstituted"}
)
_HOMOLOGY_WORDS = ("homolog", "homology", "homologous", "ortholog", "paralog")
_SPECIES_CUES = {
    **dict.fromkeys(_MOUSE_CUES, MOUSE), **dict.fromkeys(_RAT_CUES, RAT), **dict.fromkeys(HUMAN_WORDS, HUMAN),
    **_OTHER_ORGANISM_CUES,
}  # fmt: skip


_XENOGRAFT_HOSTS = frozenset(
    {"nude", "athymic", "scid", "nsg", "nod", "immunodeficient", "immunocompromised", "xenograft"}
)
# Words that make a mouse word up to three tokens on a xenograft host when they start with these
# stems ("HCC xenografts in mice", "xenotransplanted into mice").
_XENOGRAFT_STEMS = ("xenograft", "xenotransplant")


def _tool_organism(lowers: list[str], i: int) -> bool:
    """Whether the organism word at ``i`` is a tool or a host for other genes.

    A tool word within the next three words ("yeast two-hybrid", "yeast
    artificial chromosome"), or an expression host ("heterologously expressed
    in yeast", "expression in Xenopus").
    """
    if any(lowers[j] in _TOOL_WORDS for j in range(i + 1, min(len(lowers), i + 4))):
        return True
    return i >= 2 and lowers[i - 1] == "in" and lowers[i - 2] in _HOST_WORDS


def _xenograft_host(lowers: list[str], i: int) -> bool:
    """Whether the mouse word at ``i`` names a xenograft host ("nude mice", "NOD/SCID mice")."""
    return any(
        lowers[j] in _XENOGRAFT_HOSTS or lowers[j].startswith(_XENOGRAFT_STEMS)
        for j in range(max(0, i - 3), i)
    )


# Words before a mouse word that make the mice hosts of cells grown in them, in a paper on human
# cell lines ("reduced tumorigenesis in mice", "tumour growth in mice", "cells injected into mice").
_TUMOUR_HOST_STEMS = ("tumorigen", "tumourigen", "implanted", "inoculated", "injected")
_TUMOUR_WORDS = frozenset({"tumor", "tumour", "tumors", "tumours"})
_GROWTH_WORDS = frozenset({"growth", "formation", "formed", "grew", "burden"})


def _tumour_host(lowers: list[str], i: int) -> bool:
    """Whether the mouse word at ``i`` follows words on tumours grown in it ("tumorigenesis in mice")."""
    window = lowers[max(0, i - 4) : i]
    return any(w.startswith(_TUMOUR_HOST_STEMS) for w in window) or (
        not _TUMOUR_WORDS.isdisjoint(window) and not _GROWTH_WORDS.isdisjoint(window)
    )


# Cell lines whose Cellosaurus species is mouse or rat, by name in lower-case letters and digits
# (the lexicon's Cellosaurus and MeSH names carry no species); every other cell line a paper
# names is read as human, except the lines of other species below.
_RODENT_CELL_LINES = {
    **dict.fromkeys(
        (
            "raw2647", "raw264", "j774", "j774a1", "3t3", "nih3t3", "3t3l1", "3t3f442a",
            "swiss3t3", "balb3t3", "baf3", "st2", "mc3t3e1", "mc3t3", "c2c12", "b16", "b16f10",
            "b16f1", "b16bl6", "ct26", "ct26wt", "4t1", "ll2", "el4", "p19", "neuro2a", "n2a",
            "l929", "hepa16", "hepa1c1c7", "aml12", "mle12", "bend3", "bv2", "ht22", "nsc34",
            "sp20", "p815", "a20", "wehi3", "wehi3b", "wehi164", "wehi231", "32d", "32dcl3",
            "fdcp1", "ctll2", "c3h10t12", "10t12", "atdc5", "min6", "betatc6", "mc38", "renca",
            "gl261", "id8", "yac1", "dc24", "mhs", "ic21", "mimcd3", "tm4", "tm3", "ma10", "mltc1",
            "e0771", "cmt93", "modek", "p388", "l1210", "svec410", "nb41a3", "gt17", "nmumg",
            "eph4", "hc11", "trampc1", "myccap", "lbetat2", "lβt2", "alphat31", "αt31", "rgc5", "661w",
        ),
        MOUSE,
    ),
    **dict.fromkeys(
        (
            "pc12", "h9c2", "ins1", "ins1e", "ins1832", "rinm5f", "iec6", "iec18", "l6", "nrk52e",
            "nrk49f", "c6", "rbl2h3", "h4iie", "h4iiec3", "frtl5", "gh3", "gh4c1", "a7r5",
            "umr106", "ros1728", "hsct6", "brl3a", "rle6tn", "ar42j", "9l", "nr8383", "mcarh7777",
            "r2c",
        ),
        RAT,
    ),
}  # fmt: skip
# Cell lines of other species (hamster, monkey, dog, pig, insect, chicken): hosts for transfected
# genes, no cue for the genes' species.
_OTHER_CELL_LINES = frozenset(
    {
        "cho", "chok1", "cos", "cos1", "cos7", "vero", "madindarbycaninekidney", "mdck", "bhk21",
        "llcpk1", "sf9", "sf21", "dt40", "df1", "cv1", "pk15", "crfk", "marc145",
    }
)  # fmt: skip
_CELL_WORDS = frozenset(
    {"cell", "cells", "line", "lines", "macrophages", "fibroblasts", "myoblasts", "adipocytes"}
)
_CELL_LINE_TREE = "A11.251.210."


def _cell_line_key(name: str) -> str:
    """A cell line's name in lower-case letters and digits, without "cells" ("RAW 264.7 Cells" -> raw2647)."""
    name = name.lower()
    for suffix in (" cells", " cell"):
        name = name.removesuffix(suffix)
    return "".join(ch for ch in name if ch.isalnum())


def _cell_line_taxon(key: str) -> str | None:
    """The species of a cell line's key: mouse or rat from the list, none for other animals', else human."""
    if key in _OTHER_CELL_LINES:
        return None
    return _RODENT_CELL_LINES.get(key, HUMAN)


def _cell_line_species(candidates: list[Candidate], lowers: list[str]) -> dict[int, str]:
    """Species cues from the cell lines a text names, by start token ("HeLa cells" human, "RAW 264.7" mouse).

    A candidate counts when it has a cell-line grounding (Cellosaurus, or a MeSH
    heading under Cell Line) and ends with or is followed by a word for cells
    ("HeLa cells", "ST-2 cells", where ST2 is also a gene; not "A20" or "PD-L1",
    which are Cellosaurus names too). Rodent lines the
    lexicon does not hold are found by their name before a word for cells
    ("Ba/F3 cells", "H9c2 cells").
    """
    found: dict[int, str] = {}
    n = len(lowers)
    for c in candidates:
        if lowers[c.end - 1] not in _CELL_WORDS and (c.end >= n or lowers[c.end] not in _CELL_WORDS):
            continue  # "A20", "PD-L1", "MT2" name genes as often as cell lines
        for g in c.groundings:
            if g.category == "biolink:CellLine" or (
                g.curie.startswith("MESH:")
                and any(t.startswith(_CELL_LINE_TREE) for t in g.mesh_trees)
                and not g.name.lower().startswith("cell line")
            ):
                taxon = _cell_line_taxon(_cell_line_key(g.name))
                if taxon is not None:
                    found[c.start] = taxon
                break
    for i in range(n):
        if lowers[i] not in _CELL_WORDS:
            continue
        # "C2C12 muscle cells", "P19 neural progenitor cells": the line's name before up to two
        # words saying what kind of cells they are
        for end in range(i, max(-1, i - 3), -1):
            if end < i and not _cell_kind_word(lowers[end]):
                break
            taxon, start = _rodent_line_before(lowers, end, found)
            if taxon is not None:
                found[start] = taxon
                break
    return found


def _cell_kind_word(word: str) -> bool:
    """A word between a cell line's name and "cells" saying what kind ("muscle", "osteoblast-like").

    Not a verb's participle ("ST2-expressing", "treated") nor a marker's sign
    ("positive"): "ST2 expressing cells" names the gene.
    """
    return (
        word.replace("-", "").isalpha()
        and word.islower()
        and not word.endswith(("ing", "ed"))
        and word not in ("positive", "negative", "and", "or", "the", "of", "in", "with")
    )


def _rodent_line_before(lowers: list[str], i: int, found: dict[int, str]) -> tuple[str | None, int]:
    """The species and start of a listed rodent cell line whose name ends right before ``i``, if any."""
    for k in (1, 2, 3):  # "H9c2 cells", "RAW 264.7 cells", "Ba / F3 cells"
        if i - k < 0 or i - k in found:
            break  # a cell line already found there, or the start of the text
        key = "".join(ch for t in lowers[i - k : i] for ch in t if ch.isalnum())
        # "Ba/F3-gp130 cells": the line's name before a hyphen in the last token
        head = "".join(
            ch for t in (*lowers[i - k : i - 1], lowers[i - 1].split("-")[0]) for ch in t if ch.isalnum()
        )
        taxon = _RODENT_CELL_LINES.get(key) or _RODENT_CELL_LINES.get(head)
        if taxon is not None:
            return taxon, i - k
    return None, -1


# Cre drivers and floxed alleles, written with a capital C ("CRE" is the cAMP response element).
_MOUSE_GENETICS = re.compile(r"(?<![A-Za-z])Cre(?![a-z])|[Ff]lox|fl/fl")
# Laboratory strains: a strain names its species where the text says no "mice" or "rats" next to
# it ("C57BL/6 bone marrow"); followed by the species word it is counted once, as that word.
_STRAINS = {"c57bl": MOUSE, "balb": MOUSE, "sprague": RAT, "wistar": RAT}
_STRAIN_STEMS = tuple(_STRAINS)  # asked of every word of every paper: one C-level test first


def _strain(lowers: list[str], i: int) -> str | None:
    """The species of a laboratory strain named at ``i`` ("C57BL/6", "BALB/c", "Wistar"), if any."""
    word = lowers[i]
    if not word.startswith(_STRAIN_STEMS):
        return None
    taxon = next((t for stem, t in _STRAINS.items() if word.startswith(stem)), None)
    if taxon is None:
        return None
    following = lowers[i + 1 : i + 4]
    if any(_SPECIES_CUES.get(w) == taxon for w in following):
        return None  # "C57BL/6 mice": the species word counts
    return taxon


_MOUSE_STYLE = re.compile(r"\d[a-z]")


def mouse_style(name: str) -> bool:
    """Whether a gene name follows mouse nomenclature: a lower-case letter after a digit ("Cdc25a", "Il6ra").

    Protein names written in title case and ending in their number ("Smad4",
    "Cdk5", "Mdm2") are how papers on any species write them; a lower-case
    letter after a digit is MGI's spelling of what human nomenclature writes
    in capitals (CDC25A, IL6RA).
    """
    return _MOUSE_STYLE.search(name) is not None


def _nomenclature_species(candidates: list[Candidate], doc: Doc) -> str | None:
    """Mouse, where a text's gene names follow mouse nomenclature more than human.

    Counts the distinct gene names written exactly as an MGI symbol with a
    digit and a lower-case letter ("Socs3", "Cdc25a") against those written
    exactly as an HGNC symbol with a digit ("SOCS3", "BMP2"); at least three
    mouse-style names, and more than twice the human-style ones, make the
    paper a mouse paper. Title-case names without a digit ("Bax", "Akt") are
    how papers on human cells write them too and do not count, and the
    mouse-style names must be of three stems (the letters before the first
    digit): members of one family ("Smad2", "Smad4", "Smad7") are how any
    paper writes that family.
    """
    mouse, human = set(), set()
    for c in candidates:
        text = doc[c.start : c.end].text
        if not any(ch.isdigit() for ch in text):
            continue
        for g in c.groundings:
            if g.category != "biolink:Gene" or g.name != text:
                continue
            if g.taxon == MOUSE and any(ch.islower() for ch in text):
                mouse.add(text)
            elif g.taxon == HUMAN and not any(ch.islower() for ch in text):
                human.add(text)
    stems = {_STEM.match(name).group() for name in mouse}
    return MOUSE if len(stems) >= 3 and len(mouse) > 2 * len(human) else None


_STEM = re.compile(r"\D*")


def species_by_token(
    doc: Doc, candidates: list[Candidate], lowers: list[str]
) -> tuple[list[str | None], bool]:
    """The species each token's gene names belong to, when the text says, and whether it names any.

    The cue words (mice, rats, patients ...) and organism names of a paper
    that points to one species give that species to every mention. A
    paper that names several is read sentence by sentence, as a curator
    would: a sentence about one species has its genes; a sentence about
    none follows the last one that named a species, and before any, the
    species the paper names most. ``None`` (a paper silent on species)
    leaves the case convention to decide (``Il6ra`` mouse, ``IL6RA`` human).
    Model organisms whose genes the lexicon lacks (fly, worm, zebrafish,
    Xenopus, yeast, chicken) count as species too, except as a tool
    ("yeast two-hybrid", "Xenopus oocytes") or in a sentence comparing
    homologs. The flag is False for a paper that names no species at all
    (not one whose every sentence names several).
    """
    organisms = {c.start: c.best.curie for c in candidates if c.best.category == "biolink:OrganismTaxon"}
    lines = _cell_line_species(candidates, lowers)
    organisms.update(lines)
    human_lines = HUMAN in lines.values()
    if _MOUSE_GENETICS.search(doc_text(doc)):
        # Cre drivers and floxed alleles ("Shh(CreERT2)", "Pten(fl/fl)") are mouse genetics.
        organisms.update(
            (i, MOUSE)
            for i, text in enumerate(token_texts(doc))
            if _MOUSE_GENETICS.search(text) and i not in organisms
        )
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    # A sentence comparing genes across species ("a human homologue of the Drosophila
    # gene", "homology to two yeast proteins") is not about the model organism's genes.
    compared = set()
    if not _OTHER_ORGANISM_CUES.keys().isdisjoint(lowers) or not OTHER_ORGANISMS.isdisjoint(
        organisms.values()
    ):
        for sentence in sentences:
            if any(lowers[i].startswith(_HOMOLOGY_WORDS) for i in range(sentence.start, sentence.end)):
                compared.update(range(sentence.start, sentence.end))

    # A paper about human cells grown in nude or SCID mice (or in mice its cell lines form tumours
    # in): its other mice ("treated mice", "tumour-bearing mice") are the same hosts. The human
    # cue must be human material: "autoimmune diseases in humans" is the species in general.
    def host(i: int) -> bool:
        return _xenograft_host(lowers, i) or (human_lines and _tumour_host(lowers, i))

    xenografted = any(lowers[i] in _MOUSE_CUES and host(i) for i in range(len(lowers))) and any(
        (organisms.get(i) == HUMAN or _SPECIES_CUES.get(w) == HUMAN) and w != "humans"
        for i, w in enumerate(lowers)
    )

    def cues(start: int, end: int) -> Counter:
        found: Counter = Counter()
        for i in range(start, end):
            taxon = _SPECIES_CUES.get(lowers[i]) or organisms.get(i) or _strain(lowers, i)
            if taxon == MOUSE and (xenografted or host(i)):
                continue  # nude or SCID mice carry the human tumour the genes belong to
            if taxon in OTHER_ORGANISMS and (i in compared or _tool_organism(lowers, i)):
                continue  # "yeast two-hybrid", "Xenopus oocytes": a tool for other genes
            if taxon in GENE_SPECIES or taxon in OTHER_ORGANISMS:
                found[taxon] += 1
        return found

    document = cues(0, len(doc))
    if not document:
        # A paper naming no species that writes its genes by mouse nomenclature ("Socs3",
        # "Pim1", "Cdc25a") is about mice: its other gene names are the mouse genes too.
        return [_nomenclature_species(candidates, doc)] * len(doc), False
    if len(document) < 2:
        species = next(iter(document), None)
        return [species] * len(doc), True
    ranked = document.most_common(2)
    current = ranked[0][0] if ranked[0][1] > ranked[1][1] else None
    sentence_of: dict[int, str | None] = {}
    for sentence in sentences:
        named = cues(sentence.start, sentence.end)
        if len(named) == 1:
            current = next(iter(named))
        elif named:
            current = None  # "mouse and human IL-6": the case convention decides
        for i in range(sentence.start, sentence.end):
            sentence_of[i] = current
    return [sentence_of.get(i) for i in range(len(doc))], True


# Words that join gene names in a list the organism word before the first one heads ("yeast Cdc20
# and Cdc4", "Drosophila Mad, Medea and Dpp").
_LIST_JOINS = frozenset({"and", "or", ","})


def organism_before(texts: list[str], lowers: list[str], start: int) -> str | None:
    """The model organism a word right before a gene name at ``start`` names, if any ("yeast YPT1").

    A name after "and", "or" or a comma continues a list of names (words with
    a capital or a digit) the organism word heads: "the Saccharomyces
    cerevisiae Cdc20 and Cdc4 proteins" names two yeast proteins. Only the
    organisms whose genes the lexicon does not hold (yeast, fly, worm,
    zebrafish, Xenopus, chicken, Arabidopsis) are read here, and not as a tool
    ("yeast two-hybrid"); human, mouse and rat words have their own rule.
    """
    k = start - 1
    while k >= 0:
        taxon = _OTHER_ORGANISM_CUES.get(lowers[k])
        if taxon is not None:
            return None if _tool_organism(lowers, k) else taxon
        if lowers[k] not in _LIST_JOINS or k < 1:
            return None
        k -= 1  # past the join, to the name before it
        if not _NAME_LIKE.search(texts[k]) or k < 1:
            return None
        k -= 1
    return None


_NAME_LIKE = re.compile(r"[A-Z0-9]")
