"""What a bracketed short form, or the long form it abbreviates, names.

Helpers of :class:`kg.nlp.entities.VocabularyEntityMatcher`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.lexicon.normalize import cased_key
from kg.lexicon.store import Grounding
from kg.nlp.candidates import Candidate
from kg.nlp.entity_kinds import ACRONYM_SIGN, CHEMICALS, DISEASES, GENE_LIKE, GENE_STYLE, PROTEIN_NAME_SIGN
from kg.nlp.extensions import token_texts


def number_variants(doc: Doc, pairs: list[tuple[Span, Span]]) -> list[tuple[Span, Span]]:
    """Occurrences of a defined short form in the other number ("PBLs" defined, "PBL" used).

    The detector finds only the defined spelling; "peripheral blood lymphocytes (PBLs)"
    followed by "in fresh PBL" would leave "PBL" to the lexicon (plasmablastic lymphoma).
    A variant with a definition of its own keeps that one.
    """
    defined = {short.text for short, _ in pairs}
    long_forms: dict[str, Span] = {}
    for short, long_form in pairs:
        text = short.text
        if len(short) != 1 or not acronym(text.removesuffix("s")):
            continue
        variant = text[:-1] if text.endswith("s") else f"{text}s"
        if variant not in defined:
            long_forms.setdefault(variant, long_form)
    if not long_forms:
        return []
    texts = token_texts(doc)
    return [(doc[i : i + 1], long_forms[text]) for i, text in enumerate(texts) if text in long_forms]


def parenthesised_short_forms(
    doc: Doc, chosen: list[Candidate], detected: set[str]
) -> list[tuple[Span, Span]]:
    """Short forms defined as ``<grounded name> (ACRONYM)`` whose letters do not spell the name.

    scispaCy's detector (Schwartz-Hearst) needs the short form's letters in the
    long form, so "myotonic dystrophy (DM)" and "cisplatin (CDDP)" escape it;
    a grounded name directly followed by a bracketed acronym is the same
    definition. Every occurrence of the acronym in the document is returned
    with the name as its long form. The tokenizer keeps the brackets on a
    short form glued to a participle ("methamphetamine (MA)-induced" gives
    the token "(MA)"), which the detector then never sees: that token is the
    definition too, and is itself an occurrence.
    """
    pairs = []
    at = {c.start: c for c in chosen if c.end == c.start + 1}
    texts = token_texts(doc)
    for candidate in chosen:
        end = candidate.end
        if end >= len(texts) or not texts[end].startswith("("):
            continue
        glued = GLUED_SHORT_FORM.fullmatch(texts[end])
        if glued is not None:
            short, at_short = glued.group(1), end
        elif end + 2 < len(texts) and texts[end] == "(" and texts[end + 2] == ")":
            short, at_short = texts[end + 1], end + 1
        else:
            continue
        if not acronym(short) or candidate.best.category == "biolink:OrganismTaxon":
            continue  # "mice (C57BL/6)", "patients (HCC)": a strain or a subgroup, not a name
        if short in detected and glued is None:
            continue
        own = at.get(at_short)
        if own is not None and gene_symbol(own.best) and not gene_symbol(candidate.best):
            continue  # "a DNA-binding protein (SATB1)": the gene that is one, not a short form
        if own is None and RESEARCH_CODE.fullmatch(short):
            continue  # "inhibitors of NF-kB (BAY11) or STAT3 (AG490)": the compounds, not the genes
        long_form = doc[candidate.start : candidate.end]
        # the detector's definition holds for the bare short form; the glued token it never saw
        forms = (f"({short})",) if short in detected else (short, f"({short})")
        pairs += [(doc[i : i + 1], long_form) for i, text in enumerate(texts) if text in forms]
    return pairs


def square_bracketed_short_forms(doc: Doc, detected: set[str]) -> list[tuple[Span, Span]]:
    """Short forms defined in square brackets, ``<long form> [ACRONYM]``, read as scispaCy reads round ones.

    scispaCy's detector looks only inside round brackets, so "(multiple myeloma
    cells [MMCs])" defines nothing for it and a later "MMCs" is left to the
    lexicon (mitomycin C). The long form is found as the detector finds it
    (Schwartz-Hearst: the short form's letters in order in the words before
    it, the first at the start of a word), looking no further back than an
    open bracket or the sentence's start. Every occurrence of the short form
    in the document is returned with that long form; a short form the
    detector defined elsewhere keeps its definition.
    """
    from scispacy.abbreviation import find_abbreviation

    texts = token_texts(doc)
    pairs: list[tuple[Span, Span]] = []
    seen: set[str] = set()
    for i, text in enumerate(texts):
        if text != "[" or i + 2 >= len(texts) or texts[i + 2] != "]":
            continue
        short = texts[i + 1]
        if short in detected or short in seen or not acronym(short):
            continue
        sentence_start = doc[i].sent.start if doc.has_annotation("SENT_START") else 0
        # Up to as many words back as scispaCy's detector looks for a short form of this length.
        first = max(i - min(len(short) + 5, 2 * len(short)), sentence_start)
        for j in range(i - 1, first - 1, -1):
            if texts[j] in ("(", "[", ")", "]"):
                first = j + 1
                break
        if first >= i:
            continue
        _, long_form = find_abbreviation(doc[first:i], doc[i + 1 : i + 2])
        if long_form is None:
            continue
        seen.add(short)
        pairs += [(doc[k : k + 1], long_form) for k, t in enumerate(texts) if t == short]
    return pairs


# A compound's research code: a few capitals and two or more digits ("BAY11", "AG490", "U0126",
# "LY294002"), which a paper writes in brackets after the gene the compound acts on.
RESEARCH_CODE = re.compile(r"[A-Z]{1,4}-?\d{2,}[A-Za-z]?")
# A bracketed short form the tokenizer keeps as one token, glued to what follows it: "(MA)" in
# "methamphetamine (MA)-induced neurotoxicity".
GLUED_SHORT_FORM = re.compile(r"\(([A-Za-z0-9][A-Za-z0-9-]*)\)")


def gene_symbol(grounding: Grounding) -> bool:
    """An approved gene symbol matched as written (HGNC, MGI or RGD, preferred-name score)."""
    return grounding.category == "biolink:Gene" and grounding.taxon is not None and grounding.score >= 0.95


def acronym(text: str) -> bool:
    """2-8 characters, at least two capitals, no lower-case run of three ("DM", "CDDP", "5-FU", "IL-6R")."""
    if not 2 <= len(text) <= 8 or sum(ch.isupper() for ch in text) < 2:
        return False
    return not any(text[i : i + 3].isalpha() and text[i : i + 3].islower() for i in range(len(text) - 2))


def long_form_names_gene(
    grounded: Candidate,
    own: list[Candidate],
    start: int,
    end: int,
    model: dict[tuple[int, int], str] | None = None,
    text: str = "",
) -> bool:
    """Whether a short form's gene is also a reading of its long form, which grounds to something else.

    "rapsyn (RAPSN)": the long form's best reading is MeSH's chemical heading
    or supplementary concept for the protein, and the gene the short form
    grounds to is among the long form's own readings. Both name the gene, and
    the short form keeps it (the long form keeps its reading). The same holds
    where the short form itself names the long form's heading and a gene, and
    the statistical NER reads the short form as a gene ("granulocyte-macrophage
    colony-stimulating factor (GM-CSF)": "GM-CSF" is an entry term of MeSH's
    heading and an alias of CSF2; the long form is the heading alone). A long
    form that does not name the short form's gene ("triglycerides (TG)", where
    TG is thyroglobulin's symbol) is still followed, and so is one whose best
    reading is a disease ("Duchenne muscular dystrophy (DMD)": the short form
    names the disease there, whatever gene shares its letters).

    A short form written as a gene's approved symbol with a digit (``text``) keeps
    the gene against a long form read only as a MeSH supplementary concept: "G
    protein beta3 subunit (GNB3)" (MeSH's "G-protein beta3 subunit" is filed as a
    chemical and names no gene), where the symbol alone is unambiguous.
    """
    if grounded.best.category not in CHEMICALS:
        return False
    genes = {g.curie for g in grounded.groundings if g.category == "biolink:Gene"}
    heading = grounded.best.curie
    if (
        heading.startswith("MESH:C")
        and any(ch.isdigit() for ch in text)
        and any((c.start, c.end) == (start, end) and gene_symbol(c.best) and c.best.name == text for c in own)
    ):
        return True
    for c in own:
        if (c.start, c.end) != (start, end) or c.best.category != "biolink:Gene":
            continue
        if c.best.curie in genes:
            return True
        if (
            model is not None
            and model.get((start, end)) == "biolink:Gene"
            and any(g.curie == heading for g in c.groundings)
        ):
            return True
    return False


def spells(letters: str, name: str) -> bool:
    """Whether an alias's letters (upper case, no punctuation) are a name's initials or one of its words.

    "PSA" and Prostate-Specific Antigen, "MLCK" and Myosin-Light-Chain Kinase,
    "P15" and Cyclin-Dependent Kinase Inhibitor p15.
    """
    words = [w for w in re.split(r"[\s,/-]+", name) if w]
    if any(cased_key(w).upper() == letters for w in words):
        return True
    return len(words) >= 2 and "".join(w if w.isdigit() else w[0] for w in words).upper() == letters


def gene_defined_otherwise(
    long_form: Span,
    grounded: Candidate | None,
    own: list[Candidate],
    model: dict[tuple[int, int], str],
) -> bool:
    """Whether a short form read as a gene is defined by a long form that names no gene.

    "assisted reproductive technologies (ART)", "cleft palate only (CPO)",
    "polymorphic Alu insertion (PAI)": the statistical NER tags the short form
    as a gene (its letters are a gene's alias), but nothing grounds the long
    form, the NER reads no part of it as a gene, and it bears none of the
    signs of a protein's name: no number, Greek letter or acronym ("x-ray
    repair cross-complementing group 1 (XRCC1)", "IFN-inducible T-cell
    alpha-chemoattractant (I-TAC)") and no word for what a gene product is
    ("migration inhibitory factor (MIF)"), and the short form is not written
    the way gene products are ("iNOS", "pRb"). The definition wins. A long form
    the dictionary grounds at all ("deleted in colorectal cancer (DCC)", by
    its head) is left to the other rules.
    """
    if grounded is not None or not own or any(c.best.category not in GENE_LIKE for c in own):
        return False
    if any(token.text in (".", ";") for token in long_form):
        return False  # the abbreviation detector reached across a sentence: no definition
    if any(GENE_STYLE.match(token.text) for c in own for token in long_form.doc[c.start : c.end]):
        return False  # "inducible type of nitric oxide (iNOS)": a gene's own spelling
    if any(
        category == "biolink:Gene" and start < long_form.end and long_form.start < end
        for (start, end), category in model.items()
    ):
        return False
    if any(token.lower_ in PREPARATION_HEADS for token in long_form[-2:]):
        return True  # "CDA-2 (cell differentiation agent 2)": a drug, whatever its number
    return not any(
        PROTEIN_NAME_SIGN.search(token.text) or ACRONYM_SIGN.search(token.text) for token in long_form
    )


# Heads of a long form that name a drug or preparation, not a gene product.
PREPARATION_HEADS = frozenset(
    {"agent", "agents", "drug", "drugs", "compound", "compounds", "preparation", "extract", "formula",
     "formulation", "decoction"}
)  # fmt: skip
# What an apposition says a name is when it names a compound ("CDF, a novel synthetic compound").
# ("drug" and "antagonist" are not: "a drug-metabolizing enzyme", "IL-1Ra, a natural antagonist of IL-1".)
COMPOUND_HEADS = frozenset({"compound", "analog", "analogue", "derivative"})
_APPOSITION_WORDS = 4
_MODIFIER_WORD = re.compile(r"[a-z][a-z-]*")


def compounds_by_apposition(lowers: list[str], chosen: list[Candidate]) -> set[str]:
    """Texts of gene readings the paper defines as compounds by an apposition after them.

    "CDF, a novel synthetic compound" (a curcumin analogue, not LIF, whose
    alias CDF also is), "X, a curcumin analogue": the name, then a comma, "a"
    or "an", at most three lower-case words and a word for a compound. The
    apposition must follow the name directly.

    >>> lowers = ["cdf", ",", "a", "novel", "synthetic", "compound", "inhibited"]
    >>> sorted(compounds_by_apposition(lowers, [Candidate(0, 1, (), "x")]))
    ['cdf']
    """
    found = set()
    for c in chosen:
        i = c.end
        if i + 2 >= len(lowers) or lowers[i] != "," or lowers[i + 1] not in ("a", "an"):
            continue
        for j in range(i + 2, min(i + 2 + _APPOSITION_WORDS, len(lowers))):
            if lowers[j] in COMPOUND_HEADS:
                found.add(" ".join(lowers[c.start : c.end]))
                break
            if not _MODIFIER_WORD.fullmatch(lowers[j]):
                break
    return found


# Words a disease's name shares with many diseases: the other words of such a name tell which one.
GENERIC_DISEASE_HEADS = frozenset(
    {"disease", "diseases", "syndrome", "syndromes", "disorder", "disorders", "type"}
)
# Where a disease's name goes on past its head: "epilepsy with auditory features", "cancer of the breast".
NAME_QUALIFIER = re.compile(r"\s(?:with|without|of|in|due to|associated with|type)\s", re.IGNORECASE)


def stems(text: str) -> set[str]:
    """The first five letters of each word of three letters or more, lower case."""
    return {w[:5] for w in re.findall(r"[a-z]{3,}", text.lower())}


def disease_head(name: str) -> set[str]:
    """Stems of what a disease's name says it is: its head, or its other words where that is generic.

    MeSH inverts its headings ("Leukemia, Myeloid, Acute": a leukemia); other
    names end in their head ("adrenal cortex carcinoma") or before what
    qualifies it ("epilepsy with auditory features", "myotonic dystrophy
    type 1"). A generic head ("Hashimoto Disease") gives the name's other
    words.
    """
    name = NAME_QUALIFIER.split(name.split(",")[0])[0]  # "epilepsy with auditory features"
    words = re.findall(r"[A-Za-z]{3,}", name)
    if not words:
        return set()
    if words[-1].lower() in GENERIC_DISEASE_HEADS:
        return stems(" ".join(words[:-1]))
    return {words[-1].lower()[:5]}


def disease_defined_otherwise(
    long_form: Span, own: list[Candidate], model: dict[tuple[int, int], str]
) -> bool:
    """Whether a short form read as a disease is defined by a long form that names another thing.

    "hormone therapy (HT)", "patient-controlled analgesia (PCA)", "anterior
    cingulate cortex (ACC)": the NER tags the short form as a disease and
    the dictionary grounds its letters to one (Hashimoto disease, pain
    agnosia, adrenal cortex carcinoma), but the paper's definition names no
    disease: the NER reads no part of the long form as a disease, and the
    long form does not hold what the disease's name says it is (its head,
    "carcinoma", "thyroiditis"; or, for a generic head, its other words).
    Curated short forms keep their reading.
    """
    if not own or any(c.best.category not in DISEASES or c.source == "curated" for c in own):
        return False
    if any(token.text in (".", ";") or ACRONYM_SIGN.search(token.text) for token in long_form):
        # across a sentence: no definition; "recessive DEB (RDEB)": a definition by another short form
        return False
    if any(
        category == "biolink:Disease" and start < long_form.end and long_form.start < end
        for (start, end), category in model.items()
    ):
        return False
    words = stems(long_form.text)
    return all(not (disease_head(c.best.name) & words) for c in own)


def head_match(long_form: Span, chosen: list[Candidate]) -> Candidate | None:
    """The grounded entity that ends the long form and covers most of it."""
    for candidate in chosen:
        length = candidate.end - candidate.start
        ends_long_form = candidate.end == long_form.end and candidate.start >= long_form.start
        if ends_long_form and 2 * length >= len(long_form):
            return candidate
    return None
