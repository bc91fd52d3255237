"""The readers of ``benchmarks/relation_extra_corpora.py``: ChemProt, PPI, BioNLP-ST as BioRED documents."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from kg.relation_model.pubtator import PubTatorDocument

_SCRIPT = Path(__file__).parents[1] / "benchmarks" / "relation_extra_corpora.py"
_SPEC = importlib.util.spec_from_file_location("relation_extra_corpora", _SCRIPT)
bench = importlib.util.module_from_spec(_SPEC)
sys.modules[_SPEC.name] = bench  # dataclasses look their module up there
_SPEC.loader.exec_module(bench)

GENE, CHEM, DIS = "GeneOrGeneProduct", "ChemicalEntity", "DiseaseOrPhenotypicFeature"


def _spans(document: PubTatorDocument) -> list[tuple[str, str]]:
    return [(document.text[m.start : m.end], m.type) for m in document.mentions]


def test_chemprot_lines_of_one_sentence_become_one_document_with_mapped_groups(tmp_path):
    sentence = "{g} is blocked by {c1} and activated by {c2}."
    lines = [
        (sentence.format(g="<< EGFR >>", c1="[[ gefitinib ]]", c2="forskolin"), "INHIBITOR"),
        (sentence.format(g="<< EGFR >>", c1="gefitinib", c2="[[ forskolin ]]"), "ACTIVATOR"),
        ("<< MAOB >> oxidises [[ dopamine ]].", "SUBSTRATE"),
    ]
    (tmp_path / "train.txt").write_text(
        "".join(json.dumps({"text": t, "label": label, "metadata": []}) + "\n" for t, label in lines)
    )
    (tmp_path / "dev.txt").write_text("")
    documents = bench.read_chemprot(tmp_path, "34")
    assert len(documents) == 2
    first = documents[0]
    assert first.text == "EGFR is blocked by gefitinib and activated by forskolin."
    assert _spans(first) == [("EGFR", GENE), ("gefitinib", CHEM), ("forskolin", CHEM)]
    assert {(r.type, r.id1, r.id2) for r in first.relations} == {
        ("Negative_Correlation", "cpC:gefitinib", "cpG:egfr"),
        ("Positive_Correlation", "cpC:forskolin", "cpG:egfr"),
    }
    # CPR:9 (substrate) is left out unless asked for.
    assert not documents[1].relations
    assert [r.type for r in bench.read_chemprot(tmp_path, "9")[1].relations] == ["Association"]


def test_ppi_abstract_joins_its_sentences_and_keeps_offsets(tmp_path):
    xml = """<corpus source="LLL"><document id="LLL.d0" origId="123456" set="train">
      <sentence id="LLL.d0.s0" text="KinC binds Spo0A.">
        <entity charOffset="0-3" id="LLL.d0.s0.e0" text="KinC" type="agent" />
        <entity charOffset="11-15" id="LLL.d0.s0.e1" text="Spo0A" type="target" />
        <interaction e1="LLL.d0.s0.e0" e2="LLL.d0.s0.e1" id="LLL.d0.s0.i0" type="PPI" />
      </sentence>
      <sentence id="LLL.d0.s1" text="Then sigF rose.">
        <entity charOffset="5-8" id="LLL.d0.s1.e0" text="sigF" type="target" />
      </sentence></document></corpus>"""
    for corpus in bench.PPI_CORPORA:
        (tmp_path / f"{corpus}-train.xml").write_text(xml if corpus == "LLL" else "<corpus/>")
    (document,) = bench.read_ppi(tmp_path, "Association")
    assert document.pmid == "LLL:123456"
    assert document.text == "KinC binds Spo0A. Then sigF rose."
    assert _spans(document) == [("KinC", GENE), ("Spo0A", GENE), ("sigF", GENE)]
    assert [(r.type, r.id1, r.id2) for r in document.relations] == [("Association", "ppi:kinc", "ppi:spo0a")]


def test_bionlp_regulation_reaches_the_theme_through_expression_and_binding_joins_themes(tmp_path):
    train = tmp_path / "train"
    train.mkdir()
    text = "IL-6 induces SOCS3 expression.\nSTAT3 binds JAK1 and Jak-1."
    (train / "PMID-1.txt").write_text(text)
    (train / "PMID-1.a1").write_text(
        "T1\tProtein 0 4\tIL-6\nT2\tProtein 13 18\tSOCS3\nT3\tProtein 31 36\tSTAT3\n"
        "T4\tProtein 43 47\tJAK1\nT5\tProtein 52 57\tJak-1\n"
    )
    (train / "PMID-1.a2").write_text(
        "*\tEquiv T4 T5\n"
        "T6\tPositive_regulation 5 12\tinduces\nT7\tGene_expression 19 29\texpression\n"
        "T8\tBinding 37 42\tbinds\n"
        "E1\tGene_expression:T7 Theme:T2\nE2\tPositive_regulation:T6 Theme:E1 Cause:T1\n"
        "E3\tBinding:T8 Theme:T3 Theme2:T4\n"
    )
    (document,) = bench.read_bionlp(tmp_path, "ge", frozenset({"regulation", "binding"}))
    assert document.text == text.replace("\n", " ")
    assert {(r.type, r.id1, r.id2) for r in document.relations} == {
        ("Positive_Correlation", "geG:il-6", "geG:socs3"),
        ("Bind", "geG:jak1", "geG:stat3"),
    }
    # The equivalent name is the same concept as its head.
    assert document.mentions[-1].ids == ("geG:jak1",)
    (regulation_only,) = bench.read_bionlp(tmp_path, "ge", frozenset({"regulation"}))
    assert [r.type for r in regulation_only.relations] == ["Positive_Correlation"]


def test_documents_in_biored_dev_are_dropped_by_pmid_or_sentence():
    dev = [PubTatorDocument("123456", "A title.", "IL-6 raises CRP in patients with sepsis today.", (), ())]
    documents = [
        PubTatorDocument("LLL:123456", "other text", "", (), ()),
        PubTatorDocument("chemprot0", "IL-6 raises CRP in patients with  sepsis today.", "", (), ()),
        PubTatorDocument("cg:PMID-777777", "IL-6 raises CRP in patients with sepsis today.", "", (), ()),
        PubTatorDocument(
            "chemprot1", "An unrelated sentence about nothing in particular at all.", "", (), ()
        ),
    ]
    kept, dropped = bench.drop_dev(documents, dev)
    assert dropped == 3
    assert [d.pmid for d in kept] == ["chemprot1"]
