"""Rules that drop a match or reorder its readings, from the words around it.

Functions of the text alone, no lexicon: water and chemical names used as
everyday phrases ("gold standard", "pain free") are no chemicals; a compound's
research code ("PD 98059"), a label before a group noun ("Th cells") or a
short form the paper leaves undefined is no gene or disease; a domain named
after a protein ("Src homology 2 domain") or another protein named after it
("Src-like adapter protein") is not that protein; readings of anatomy,
organisms and aliases shared between genes are ordered.

See Also
--------
kg.nlp.entities : the spaCy component these rules serve.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from kg.lexicon.store import HUMAN, MOUSE, RAT, Grounding
from kg.nlp.candidates import Candidate
from kg.nlp.entity_kinds import CHEMICALS, DISEASES, GENE_LIKE
from kg.nlp.model_spans import model_confirmed
from kg.nlp.species import mouse_style

# Water (MeSH, ChEBI, DrugBank) and MeSH's Drinking Water: the medium of a study, not its
# subject; neither BC5CDR's nor BioRED's curators annotate it as a chemical.
_MEDIA = frozenset({"MESH:D014867", "CHEBI:15377", "DRUGBANK:DB09145", "MESH:D060766"})
# Chemical names that prose uses as ordinary words: a metal in an idiom ("gold standard"),
# an element naming a kind of bond or a protein domain ("hydrogen bonding", "zinc finger"),
# the adjective of an organ ("retinal toxicity" is no retinaldehyde), a state ("pain free",
# MeSH's supplementary "Pain-Free"), and Greek-letter subtypes ("beta 2 receptors", EEG
# "beta-2" bands), which a brand name of isoetharine ("Beta-2") happens to spell.
_IDIOMS = {
    "gold": frozenset({"standard", "standards"}),
    "hydrogen": frozenset({"bond", "bonds", "bonding"}),
    "zinc": frozenset({"finger", "fingers"}),
}
# Names whose word before makes an idiom of any category: "heat shock genes" are the cell's
# stress response, not circulatory shock.
_IDIOMS_AFTER = {"shock": frozenset({"heat", "cold", "osmotic"})}
_ORGAN_ADJECTIVES = frozenset({"retinal"})
_FIGURE_WORDS = frozenset({"fig", "figs", "fig.", "figs."})
_STATES = frozenset({"pain free", "pain-free"})
_GREEK_SUBTYPE = re.compile(r"(?:alpha|beta|gamma|delta|kappa|epsilon|theta)[\s-]?\d+", re.IGNORECASE)


def _everyday_phrase(doc: Doc, candidate: Candidate, best: Grounding) -> bool:
    """Whether a match is an ordinary phrase of prose, not the substance or disease (see above)."""
    text = doc[candidate.start : candidate.end].text
    lower = text.lower()
    # "non-heat shock genes" is one token before "shock"
    before = doc[candidate.start - 1].lower_.rsplit("-", 1)[-1] if candidate.start > 0 else ""
    if before in _IDIOMS_AFTER.get(lower, ()):
        return True
    if best.category not in CHEMICALS:
        return False
    after = doc[candidate.end] if candidate.end < len(doc) else None
    if after is not None and after.lower_ in _IDIOMS.get(lower, ()):
        return True
    if lower in _FIGURE_WORDS and (text.endswith(".") or (after is not None and after.text[:1].isdigit())):
        return True  # "(Fig. 3B)", "Figs. 4 and 5": a figure, not DrugBank's fig extract
    sentence_start = candidate.start == 0 or bool(doc[candidate.start].is_sent_start)
    if lower in _ORGAN_ADJECTIVES and (text.islower() or sentence_start) and after is not None:
        # "retinal toxicity", "Retinal signal transmission" opening a sentence, not "retinal
        # was measured" (a function word or a tagged verb)
        return (
            after.is_alpha and after.is_lower and after.lower_ not in STOP_WORDS
            and after.pos_ in ("", "NOUN", "ADJ", "PROPN")
        )  # fmt: skip
    return lower in _STATES or _GREEK_SUBTYPE.fullmatch(text) is not None


# Words after a short label that make it the name of a cell type or an animal group.
_GROUP_NOUNS = frozenset(
    {"cell", "cells", "lymphocyte", "lymphocytes", "mice", "mouse", "rats", "animals", "littermates"}
)


def _two_letters(texts: list[str], candidate: Candidate) -> bool:
    """Whether a match is one token of two capitals ("PD"; not "DCs", nor "PD cells")."""
    if candidate.end - candidate.start != 1:
        return False
    text = texts[candidate.start]
    following = texts[candidate.end].lower() if candidate.end < len(texts) else ""
    return len(text) == 2 and text.isalpha() and text.isupper() and following not in _GROUP_NOUNS


def _code_prefix(texts: list[str], candidate: Candidate) -> bool:
    """Whether a match of 2-4 capitals is the letters of a research code: "PD 98059", "AG-490".

    Companies name compounds by letters and a number of three or more digits; the
    letters alone spell some unrelated name (PD, Parkinson disease; SB, AG ...).
    Numbers of one or two digits stay names ("IL 2", "COX 2"); the caller keeps a
    gene's symbol before a position ("FAS-1377 G/A").
    """
    if candidate.end - candidate.start != 1 or candidate.end >= len(texts):
        return False
    text = texts[candidate.start]
    if not (2 <= len(text) <= 4 and text.isalpha() and text.isupper()):
        return False
    following = candidate.end + (texts[candidate.end] == "-")
    return following < len(texts) and texts[following].isdigit() and len(texts[following]) >= 3


def _label_before_group(lowers: list[str], texts: list[str], candidate: Candidate) -> bool:
    """Whether a one-token match of at most three letters names a group: "Th cells", "Tg mice", "NTg mice".

    A gene symbol of letters only that directly precedes a word for cells or
    animals labels them (T helper cells, transgenic mice); symbols with a
    digit ("CD4 cells", "Il6 mice") name the gene that marks or was altered in them.
    """
    if candidate.end - candidate.start != 1 or candidate.end >= len(lowers):
        return False
    text = texts[candidate.start]
    if lowers[candidate.end] == "cell" and lowers[candidate.end + 1 : candidate.end + 2] == ["cycle"]:
        return False  # "the Rb cell cycle pathway": the cycle every cell goes through, no labelled cells
    return len(text) <= 3 and text.isalpha() and not text.islower() and lowers[candidate.end] in _GROUP_NOUNS


def _anatomy_first(groundings: tuple[Grounding, ...]) -> tuple[Grounding, ...]:
    """An organ's name is the organ: "skin" is no skin neoplasm, whatever synonym MONDO lists.

    A disease grounding is moved behind an anatomical one of at least its score.
    """
    if not groundings or groundings[0].category not in DISEASES:
        return groundings
    anatomy = [g for g in groundings if g.category == "biolink:AnatomicalEntity"]
    if not anatomy or anatomy[0].score < groundings[0].score:
        return groundings
    return (anatomy[0], *(g for g in groundings if g is not anatomy[0]))


def _organism_over_extract(groundings: tuple[Grounding, ...]) -> tuple[Grounding, ...]:
    """An animal's name is the animal: "Chicken" is no DrugBank allergenic extract of chicken.

    DrugBank names its allergenic extracts after their sources ("Chicken", "Rabbit") by
    their main names, which outscore the organisms' common names; the organism goes first.
    """
    if not groundings or groundings[0].category != "biolink:Drug":
        return groundings
    organism = next((g for g in groundings if g.category == "biolink:OrganismTaxon"), None)
    if organism is None:
        return groundings
    return (organism, *(g for g in groundings if g is not organism))


def _shared_alias_first(groundings: tuple[Grounding, ...]) -> tuple[Grounding, ...]:
    """Of human genes tied for an alias, the one whose rodent ortholog shares it ("MCP-1" is CCL2).

    HGNC lists "MCP-1" for CCL2 and CCL13; mouse and rat list it for Ccl2
    only. A name the orthologs share is the gene's established one; when
    not exactly one of the tied genes has such a rodent namesake, the order
    is kept.
    """
    if len(groundings) < 3 or groundings[0].category != "biolink:Gene" or groundings[0].taxon != HUMAN:
        return groundings
    best = groundings[0]
    tied = [
        g for g in groundings if g.taxon == HUMAN and g.score == best.score and g.category == best.category
    ]
    if len(tied) < 2:
        return groundings
    rodent = {g.name.upper() for g in groundings if g.taxon in (MOUSE, RAT)}
    shared = [g for g in tied if g.name.upper() in rodent]
    if len(shared) != 1 or shared[0] is best:
        return groundings
    return (shared[0], *(g for g in groundings if g is not shared[0]))


def _human_protein_name(texts: list[str], candidate: Candidate, silent: bool = False) -> bool:
    """Whether a name grounded first to a mouse or rat gene is a protein name, read as human.

    Where the text names several species in one sentence, a spelling that
    is exactly a mouse or rat symbol with a digit ("Il6ra", "Tlr4", "Spry1")
    follows the MGI/RGD nomenclature and means the rodent gene; title-case
    protein names without one ("Bax", "Bcl-2", "Akt") are how papers on
    human cells write them too. In a paper that names no species at all
    (``silent``), a title-case name ending in its number ("Smad4", "Cdk5",
    "Mdm2") is such a protein name too; only a lower-case letter after a
    digit ("Cdc25a", "Il6ra", :func:`kg.nlp.species.mouse_style`) is mouse
    nomenclature there.
    """
    best = candidate.best
    if best.category != "biolink:Gene" or best.taxon not in (MOUSE, RAT):
        return False
    text = "".join(texts[candidate.start : candidate.end])
    if text != best.name:
        return True
    return not mouse_style(text) if silent else not any(ch.isdigit() for ch in text)


def _undefined_disease_acronym(
    texts: list[str],
    candidate: Candidate,
    model: dict[tuple[int, int], str],
    named: set[str],
) -> bool:
    """A disease acronym of three letters or fewer that the paper never defines ("SD", "AS", "GT").

    Such short forms are statistics ("SD"), words or other things far more
    often than the disease a vocabulary lists them for; a paper that means
    the disease defines it (the abbreviation rules then ground it), and the
    curated vocabulary or the NER may still vouch for one. The NER vouches
    where it reads the acronym as a disease, or as something else in a paper
    that also names the disease in full (``named``: concepts of longer
    mentions; "HD" in a paper on Huntington disease, which the NER reads as
    the gene); an acronym it reads as a chemical or a gene in a paper that
    names no such disease is not it ("CPA", "PAN" and "Pb" as drugs, "MAP"
    as a protein, not the diseases a vocabulary lists under those letters).
    """
    if candidate.best.category not in DISEASES or candidate.source in ("curated", "abbreviation"):
        return False
    if candidate.end - candidate.start != 1:
        return False
    text = texts[candidate.start]
    if model_confirmed(candidate, model):
        return False
    if not (len(text) <= 3 and text.isupper()):
        return False
    curie = candidate.best.curie
    return (candidate.start, candidate.end) not in model or curie not in named


def _without_residue_codes(
    texts: list[str], chosen: list[Candidate], residues: list[Candidate]
) -> list[Candidate]:
    """``chosen`` without the codes a residue is written with: "valine (Val) to alanine (Ala)".

    A code in brackets right after a residue (its three-letter name "Val", or its codon
    "asparagine (AAC) for serine (AGC)") takes the residue's reading as a defined short form;
    it is the residue too, wherever the paper writes it as the same chemical.
    """
    n = len(texts)
    codes = {
        (texts[r.end + 1], r.best.curie)
        for r in residues
        if r.end + 2 < n and texts[r.end] == "(" and texts[r.end + 2] == ")"
    }
    if not codes:
        return chosen
    return [c for c in chosen if c.end - c.start != 1 or (texts[c.start], c.best.curie) not in codes]


def _bracketed(texts: list[str]) -> set[str]:
    """Tokens the paper writes alone in brackets ("(DM1)", "[GPC]", "(GCs)"): short forms it defines."""
    return {
        texts[i]
        for i in range(1, len(texts) - 1)
        if texts[i - 1] in ("(", "[") and texts[i + 1] in (")", "]")
    }


# Words after a protein's name that make the phrase a domain or motif named after it: "Src homology
# 2 domain", "pleckstrin homology domain", "EGF-like repeats", "fibronectin type III-like domains".
_DOMAIN_WORDS = frozenset(
    {"domain", "domains", "repeat", "repeats", "motif", "motifs", "module", "modules", "fold", "folds"}
)
# Words of likeness or association between a protein's name and the head noun of another
# protein named after it ("Src-like adapter protein", "TNF receptor-associated protein").
_LIKENESS_WORDS = frozenset(
    {"like", "associated", "related", "inducible", "interacting", "binding"}
)  # not "containing": "RelA containing NF-kappaB" names RelA
_PROTEIN_HEAD = re.compile(
    r"(?:protein|factor|kinase|adapter|adaptor|peptide|molecule|receptor|phosphatase|ligand|lipase|"
    r"glycoprotein|subunit)s?(?:-\d+[a-z]?)?"
)


def _names_domain(lowers: list[str], end: int) -> bool:
    """Whether the name ending before ``end`` is followed by words making it a domain's name.

    "Src homology (SH) 3 domain" and "pleckstrin homology domain" name a
    domain by homology to a protein; "EGF-like repeat" and "fibronectin type
    III-like domains" name a domain or motif by likeness to one (``-like``
    within three words, then a word for a domain or motif within two).
    Neither mentions the protein itself.
    """
    following = lowers[end : end + 6]
    if following[:1] == ["homology"]:
        return True
    for k, word in enumerate(following[:4]):
        if word == "like" or word.endswith("-like"):
            return not _DOMAIN_WORDS.isdisjoint(following[k + 1 : k + 3])
    return False


def _modifies_protein(lowers: list[str], end: int) -> bool:
    """Whether the name ending before ``end`` only modifies the name of another protein.

    "Src-like adapter protein", "dystrophin-associated glycoprotein",
    "interferon gamma (IFN-gamma)-inducible protein 10", "Ena/VASP-like
    protein", "urokinase plasminogen activator receptor related protein-1":
    a word of likeness or association (``-like``, ``-associated``,
    ``-related``, ``-inducible``, ``-interacting``, ``-binding``), after
    the name or its bracketed short form, then a protein's head noun
    within two words. The phrase names another gene,
    not the one whose name it holds. Participles of an experiment
    ("EGF-stimulated kinase activity", "TNF-induced protein") are not
    concerned.
    """
    k = end
    if k < len(lowers) and lowers[k] == "(":
        close = next((j for j in range(k + 1, min(k + 6, len(lowers))) if lowers[j] == ")"), None)
        if close is None:
            return False
        k = close + 1
    elif k < len(lowers) and lowers[k].startswith("(") and lowers[k].endswith(")"):
        k += 1  # the tokenizer keeps a short form with its brackets whole: "factor (TNF)-related ligand"
    if k < len(lowers) and lowers[k] == "-":
        k += 1
    if k >= len(lowers):
        return False
    word = lowers[k].rsplit(")", 1)[-1].lstrip("-")  # "(ifn-gamma)-inducible", "-associated"
    if word not in _LIKENESS_WORDS:
        return False
    return any(_PROTEIN_HEAD.fullmatch(head) for head in lowers[k + 1 : k + 3])


# A species word directly before a name says whose gene it is ("human STAT3" in a mouse paper).
_SPECIES_ADJECTIVES = {"human": HUMAN, "mouse": MOUSE, "murine": MOUSE, "rat": RAT}


# Session 24 (il6ground): words read in the IL-6 graph as what they only resemble.
# A disease word that continues into a protein's name the tokenizer split off ("(IFN-gamma)/tumor
# necrosis factor-alpha" keeps "tumor" on the bracket): the protein, not the disease.
_CONTINUES_INTO_PROTEIN = {"necrosis": "factor"}
# One-word synonyms of a cell type that prose uses as adjectives ("basal apoptotic rate", "basal
# levels"): the Cell Ontology's basal-myoepithelial cell only before a cell noun.
_CELL_ADJECTIVES = frozenset({"basal"})
# Nouns after an adjective that MeSH lists as a pharmacological action ("antiviral", "immunosorbent"):
# an endogenous molecule or a method, not the agents ("antiviral proteins", "immuno-sorbent assay").
_NOT_AGENTS = frozenset(
    {"protein", "proteins", "assay", "assays", "immunity", "response", "responses", "gene", "genes",
     "defense", "defence", "state", "cytokine", "cytokines", "factor", "factors", "signaling", "signalling"}
)  # fmt: skip
# GO's "behavior" (GO:0007610), the whole of behaviour, read on the head of a named kind of it
# that GO lacks ("sickness behavior", "depressive-like behavior").
_BEHAVIOR = "GO:0007610"
# Session 24 (il6ground2). "type I" alone is a kind of anything ("type I IFN", "type I and III
# collagens"); the Cell Ontology's retinal ganglion cell A1 lists it as a synonym, so a cell type
# read on "type <numeral>" needs a cell noun after it.
_TYPE_LABEL = re.compile(r"type (?:i{1,3}|iv|v|\d)")
# Names of body fluids and other mass nouns: a plural acronym ("various CSFs") is countable, so it
# names no fluid (cerebrospinal fluid) but things of the same letters (colony-stimulating factors).
_MASS_HEADS = frozenset({"fluid", "blood", "plasma", "serum", "lymph", "urine", "bile", "saliva", "milk"})
_PLURAL_ACRONYM = re.compile(r"[A-Z][A-Z0-9-]*[A-Z0-9]s")


def _resembled_word(texts: list[str], lowers: list[str], candidate: Candidate, best: Grounding) -> bool:
    """Whether a one-word match is a word that only resembles the concept (see above).

    "necrosis" before "factor" (tumour necrosis factor), "basal" before a noun
    other than a cell noun, a pharmacological action's adjective before a
    protein or a method ("antiviral proteins"), and "behavior" after a word
    naming its kind ("sickness behavior"); "type I" read as a cell type with no
    cell noun after it ("type I IFN"), and a plural acronym read as a body fluid
    ("various CSFs").
    """
    after = lowers[candidate.end] if candidate.end < len(lowers) else ""
    label = " ".join(lowers[candidate.start : candidate.end])
    if best.category == "biolink:Cell" and _TYPE_LABEL.fullmatch(label):
        return after not in _GROUP_NOUNS  # "type I IFN": no retinal ganglion cell A1
    if candidate.end - candidate.start != 1:
        return False
    word = lowers[candidate.start]
    if best.category == "biolink:AnatomicalEntity" and _PLURAL_ACRONYM.fullmatch(texts[candidate.start]):
        return best.name.lower().rsplit(" ", 1)[-1] in _MASS_HEADS  # "various CSFs" are no fluid
    before = lowers[candidate.start - 1] if candidate.start else ""
    if word in _CONTINUES_INTO_PROTEIN and after.startswith(_CONTINUES_INTO_PROTEIN[word]):
        return True
    if best.category == "biolink:Cell" and word in _CELL_ADJECTIVES:
        return after not in _GROUP_NOUNS
    if best.category == "biolink:ChemicalRole" and not word.endswith("s"):
        return after in _NOT_AGENTS
    if best.curie == _BEHAVIOR and before:
        # a content word, not a determiner or preposition ("the behavior", "on behavior")
        return before.replace("-", "").isalpha() and before not in STOP_WORDS
    return False


def _effect_of_agent(lowers: list[str], chosen: list[Candidate]) -> list[Candidate]:
    """Drop "depression" read as a disease where it is an agent's lowering of something.

    "the depression of TGF-b1 on T cell function": a noun of lowering, with the
    agent after "of" and what it lowers after "on", not depressive disorder. The
    curators of BC5CDR read "depression of cardiac contractility" as the
    disease, so only the "of <entity> on" frame is taken.
    """
    starts = {c.start: c for c in chosen}
    dropped = []
    for c in chosen:
        if c.end - c.start != 1 or lowers[c.start] != "depression" or c.best.category not in DISEASES:
            continue
        if c.end + 1 >= len(lowers) or lowers[c.end] != "of":
            continue
        agent = starts.get(c.end + 1)
        if agent is None or agent.best.category in DISEASES:
            continue
        if lowers[agent.end : agent.end + 1] == ["on"]:
            dropped.append(c)
    return [c for c in chosen if c not in dropped]


def _cell_line_labels(texts: list[str], lowers: list[str], chosen: list[Candidate]) -> list[Candidate]:
    """Drop gene readings of a label the paper names as a cell line ("the promonocytic cell line U1").

    "U1", "U937" or "K562" after "cell line", before it, or before "cells" in an
    apposition ending in it ("U1 cells, a promonocytic cell line") is the line's
    name, and every other occurrence of it in the paper ("unstimulated U1
    cells") is the line too, not the rat U1 RNA gene that shares the symbol.
    """
    labels = set()
    for i in range(len(lowers) - 1):
        if lowers[i] == "cell" and lowers[i + 1] in ("line", "lines"):
            if i + 2 < len(texts):
                labels.add(texts[i + 2])
            if i:
                labels.add(texts[i - 1])
            # "U1 cells, a promonocytic cell line": the label before "cells" in the apposition
            for j in range(max(0, i - 6), i - 2):
                if lowers[j + 1 : j + 4] in (["cells", ",", "a"], ["cells", ",", "an"]):
                    labels.add(texts[j])
    # a code of capitals and digits ("U1", "THP-1"), not a word ("the cell line used")
    labels = {t for t in labels if any(ch.isdigit() for ch in t) and any(ch.isupper() for ch in t)}
    return _without_gene_readings_of(labels, texts, chosen)


def _without_gene_readings_of(names: set[str], texts: list[str], chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` without the one-token gene readings (not curated) of a text in ``names``."""
    if not names:
        return chosen
    return [
        c for c in chosen
        if not (c.end - c.start == 1 and texts[c.start] in names and c.best.category in GENE_LIKE
                and c.source != "curated")
    ]  # fmt: skip


# A virus named right before a protein's name: the virus's protein ("HIV-1 Tat", "HTLV-I Tax").
_VIRUS = re.compile(r"(?:HIV|HTLV|SIV|EBV|HBV|HCV|KSHV|HCMV|CMV|HPV)(?:-?(?:[12]|I{1,2}|\d+))?")


def _viral_proteins(texts: list[str], chosen: list[Candidate]) -> list[Candidate]:
    """Drop gene readings of a name the paper gives a virus's protein ("HIV-1 Tat").

    "Tat" after "HIV-1" is the virus's transactivator, not the mouse or rat
    tyrosine aminotransferase whose symbol it spells, and so is every other
    "Tat" of the paper ("Tat also induced IDO"). Curated forms stay.
    """
    viral = {
        texts[c.start] for c in chosen
        if c.end - c.start == 1 and c.start and _VIRUS.fullmatch(texts[c.start - 1])
        and c.best.category in GENE_LIKE and c.source != "curated"
    }  # fmt: skip
    return _without_gene_readings_of(viral, texts, chosen)


# A test statistic's name and degrees of freedom, as the tokenizer leaves them: "F(5", "t(12",
# "F(1,36" (then "23 )", ") = 101").
_STATISTIC = re.compile(r"[A-Za-z]{1,2}\(\d+(?:,\d*)?")


def _test_statistics(texts: list[str], chosen: list[Candidate]) -> list[Candidate]:
    """Drop readings of a test statistic ("F(5, 23) = 101, P < 0.001"): no gene F5.

    The statistic's token is followed, within four tokens, by "=".
    """
    return [
        c for c in chosen
        if not (c.end - c.start == 1 and _STATISTIC.fullmatch(texts[c.start])
                and "=" in texts[c.end : c.end + 4])
    ]  # fmt: skip
