"""Sequence variants: notations, precision, the spaCy component and the BioRED identifier space.

Blank spaCy pipelines with hand-set entities; no model is loaded.
"""

from __future__ import annotations

from importlib.metadata import entry_points

import pytest
import spacy
from spacy.tokens import Doc, Span

import kg.nlp.factories  # noqa: F401 - registers the components
from kg.evaluation.grounding import GROUPS, evaluate_documents, variant_target_ids
from kg.evaluation.pubtator import PubTatorAnnotation, PubTatorDocument, read_pubtator
from kg.namespaces import curie_to_iri
from kg.nlp.pipeline import DEFAULT_PIPE_NAMES, load_tokenizer_only
from kg.nlp.variants import CATEGORY, find_variants, tmvar_of_curie, variant_curie
from kg.relation_model.examples import BIOLINK_TO_BIORED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("p.V600E", "p|SUB|V|600|E"),
        ("V600E", "p|SUB|V|600|E"),
        ("Val600Glu", "p|SUB|V|600|E"),
        ("p.Arg72Pro", "p|SUB|R|72|P"),
        ("p.(Arg72Pro)", "p|SUB|R|72|P"),
        ("Arg 1306 Trp", "p|SUB|R|1306|W"),
        ("Y67X", "p|SUB|Y|67|X"),
        ("E873stop", "p|SUB|E|873|X"),
        ("p.Gln193Gln", "p|SUB|Q|193|Q"),
        ("p.A27fsX132", "p|FS|A|27||132"),
        ("p.N102DfsX4", "p|FS|N|102|D|4"),
        ("R58fs", "p|FS|R|58||"),
        ("F508del", "p|DEL|508|F"),
        ("ΔF508", "p|DEL|508|F"),
        ("arginine 84 to glutamine", "p|SUB|R|84|Q"),
        ("methionine to valine substitution at codon 404", "p|SUB|M|404|V"),
        ("Glu 272 to stop", "p|SUB|E|272|X"),
        ("c.123A>G", "c|SUB|A|123|G"),
        ("c. 310 G>T", "c|SUB|G|310|T"),
        ("c.2406C-->A", "c|SUB|C|2406|A"),
        ("c.*557G>A", "c|SUB|G|*557|A"),
        ("c.1483-1G>C", "c|SUB|G|1483-1|C"),
        ("g.3318-6T>A", "g|SUB|T|3318-6|A"),
        ("IVS16+1G>A", "c|SUB|G|IVS16+1|A"),
        ("c.35delG", "c|DEL|35|G"),
        ("c.1811_1812delAT", "c|DEL|1811_1812|AT"),
        ("c.899-1142del", "c|DEL|899_1142|"),
        ("c.429_452dup", "c|DUP|429_452||"),
        ("35delG", "c|DEL|35|G"),
        ("5382insC", "c|INS|5382|C"),
        ("657del5", "c|DEL|657|5"),
        ("2238-9del AG", "c|DEL|2238_2239|AG"),
        ("157delMTTTVP", "p|DEL|157|MTTTVP"),
        ("-174G/C", "c|SUB|G|-174|C"),
        ("-308 G/A", "c|SUB|G|-308|A"),
        ("-1082(G/A)", "c|SUB|G|-1082|A"),
        ("677C>T", "c|SUB|C|677|T"),
        ("+1858C>T", "c|SUB|C|+1858|T"),
        ("G-174C", "c|SUB|G|-174|C"),
        ("-924, A/G", "c|SUB|A|-924|G"),
        ("IVS9+459, A/G", "c|SUB|A|IVS9+459|G"),
        ("C to T at 33468", "c|SUB|C|33468|T"),
        ("Delta32", "c|DEL||32"),
        ("rs1800795", "rs1800795"),
        ("Rs702553", "rs702553"),
    ],
)
def test_notations_are_normalised_as_tmvar_writes_them(text: str, expected: str) -> None:
    found = find_variants(f"We found {text} in two patients.")
    assert [(m.text, m.normalized) for m in found] == [(text, expected)]


@pytest.mark.parametrize(
    "text",
    [
        "CD8 T cells and CD4+ T cells",
        "IL-6 and IL-6R, sIL-6R, gp130",
        "p53 and p21 and p38 MAPK",
        "COVID-19 and SARS-CoV-2",
        "H2O2 and NO2 and CO2",
        "Figure 2A and Fig. 3B, Table S1A",
        "E2F, S6K, T2D, H2A, P2X7, S1P, C3H mice, G2M arrest",
        "A549 and K562 cells",
        "delta116(g18) of haemoglobin",
        "in 2019 a 1.5-fold rise, n = 12, P < 0.05",
        "in 2005, A/G ratios were",
        "Pro-IL-1beta and Gly-Pro dipeptides",
    ],
)
def test_no_variants_in_names_that_only_look_like_them(text: str) -> None:
    assert find_variants(text) == []


def test_a_nucleotide_letter_change_is_read_from_its_sentence() -> None:
    dna = find_variants("The MTHFR C677T polymorphism and its alleles.")
    protein = find_variants("The A53T amino acid substitution in the protein.")
    assert dna[0].normalized == "c|SUB|C|677|T"
    assert protein[0].normalized == "p|SUB|A|53|T"


def _doc(text: str, entities: list[tuple[str, str, str]]) -> tuple[spacy.language.Language, Doc]:
    """A blank pipeline with the variant component and a doc whose entities are set by text."""
    nlp = load_tokenizer_only()
    nlp.add_pipe("kg_sentencizer")
    nlp.add_pipe("kg_sequence_variants")
    doc = nlp.make_doc(text)
    doc = nlp.get_pipe("kg_sentencizer")(doc)
    spans = []
    for surface, label, curie in entities:
        start = text.index(surface)
        spans.append(doc.char_span(start, start + len(surface), label=label, kb_id=curie))
    doc.ents = spans
    return nlp, doc


def _variants(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.kb_id_) for e in doc.ents if e.label_ == CATEGORY]


def test_component_names_the_gene_a_change_is_in() -> None:
    text = "The BRAF V600E mutation was frequent, and p.Arg72Pro of TP53 was not. V600E was clonal."
    nlp, doc = _doc(text, [("BRAF", "biolink:Gene", "HGNC:1097"), ("TP53", "biolink:Gene", "HGNC:11998")])
    doc = nlp.get_pipe("kg_sequence_variants")(doc)
    assert _variants(doc) == [
        ("V600E", "kgvariant:HGNC:1097;p;SUB;V;600;E"),
        ("p.Arg72Pro", "kgvariant:HGNC:11998;p;SUB;R;72;P"),
        # the sentence names no gene: the document's reading of the same change holds
        ("V600E", "kgvariant:HGNC:1097;p;SUB;V;600;E"),
    ]
    assert doc._.kg_entity_sources[(text.index("p.Arg72Pro"), text.index("p.Arg72Pro") + 10)][0] == "variant"


def test_component_ties_a_change_to_the_reference_snp_the_text_gives() -> None:
    text = "The IL-6 -174G/C (rs1800795) polymorphism was studied. Carriers of -174G/C had sepsis."
    nlp, doc = _doc(text, [("IL-6", "biolink:Gene", "HGNC:6018")])
    doc = nlp.get_pipe("kg_sequence_variants")(doc)
    assert _variants(doc) == [
        ("-174G/C", "DBSNP:rs1800795"),
        ("rs1800795", "DBSNP:rs1800795"),
        ("-174G/C", "DBSNP:rs1800795"),
    ]


def test_component_makes_room_but_keeps_grounded_names() -> None:
    text = "BRAF V600E and the D542A mutant were found in T47D cells."
    nlp, doc = _doc(
        text,
        [
            ("BRAF V600E", "biolink:Gene", "HGNC:1097"),  # one gene span over gene and change
            ("D542A mutant", "biolink:Gene", ""),  # an ungrounded NER span
            ("T47D", "biolink:CellLine", "cellosaurus:0553"),  # a cell line named like a change
        ],
    )
    doc._.kg_entity_sources = {(0, 10): ("model+lexicon", 0.9)}
    doc = nlp.get_pipe("kg_sequence_variants")(doc)
    assert doc._.kg_entity_sources[(0, 4)] == ("model+lexicon", 0.9)  # the cut entity keeps its source
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("BRAF", "biolink:Gene"),
        ("V600E", CATEGORY),
        ("D542A", CATEGORY),
        ("T47D", "biolink:CellLine"),
    ]


def test_component_leaves_a_document_without_variants_untouched() -> None:
    text = "IL-6 and CD8 T cells in COVID-19 (Figure 2A)."
    nlp, doc = _doc(text, [("IL-6", "biolink:Gene", "HGNC:6018")])
    before = [(e.text, e.label_, e.kb_id_) for e in doc.ents]
    doc = nlp.get_pipe("kg_sequence_variants")(doc)
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == before


def test_component_is_registered_and_in_the_default_pipeline() -> None:
    assert "kg_sequence_variants" in {e.name for e in entry_points(group="spacy_factories")}
    names = list(DEFAULT_PIPE_NAMES)
    assert names.index("kg_entity_combiner") < names.index("kg_sequence_variants")
    assert names.index("kg_sequence_variants") < names.index("kg_relation_model")
    assert BIOLINK_TO_BIORED[CATEGORY] == "SequenceVariant"  # the relation model relates them


def test_curies_are_valid_iris_and_map_back_to_biored_ids() -> None:
    gene_qualified = variant_curie("p|SUB|V|600|E", "HGNC:1097")
    assert gene_qualified == "kgvariant:HGNC:1097;p;SUB;V;600;E"
    assert "|" not in str(curie_to_iri(gene_qualified))
    assert str(curie_to_iri("DBSNP:rs1800795")).endswith("/rs1800795")
    assert tmvar_of_curie(gene_qualified) == "p|SUB|V|600|E"
    assert tmvar_of_curie(variant_curie("c|DEL|35|G")) == "c|DEL|35|G"
    assert variant_target_ids(variant_curie("rs1800795")) == ("rs1800795",)
    assert variant_target_ids("HGNC:1097") == ()


def test_grounding_evaluation_scores_variants_with_whole_tmvar_ids(tmp_path) -> None:
    gold_file = tmp_path / "gold.PubTator"
    gold_file.write_text(
        "1|t|BRAF V600E and rs1800795.\n1|a|\n"
        "1\t5\t10\tV600E\tSequenceVariant\tp|SUB|V|600|E\n"
        "1\t15\t24\trs1800795\tSequenceVariant\trs1800795\n",
        encoding="utf-8",
    )
    gold = read_pubtator(gold_file)
    assert [a.ids for a in gold[0].annotations] == [("p|SUB|V|600|E",), ("rs1800795",)]
    assert GROUPS["SequenceVariant"] == "variant"
    predicted = [
        PubTatorDocument(
            "1",
            annotations=[
                PubTatorAnnotation(5, 10, "V600E", "SequenceVariant", ("p|SUB|V|600|E",)),
                PubTatorAnnotation(15, 24, "rs1800795", "SequenceVariant", ("rs1800796",)),
            ],
        )
    ]
    scores = evaluate_documents(gold, predicted)
    assert (scores.by_group[("variant", "document")].tp, scores.by_group[("variant", "mention")].tp) == (1, 1)


def test_default_pipeline_relates_variants_and_puts_them_in_the_graph(nlp, tmp_path) -> None:
    from kg import build_graph

    title = "The IL-6 -174G/C polymorphism (rs1800795) and BRAF V600E in melanoma"
    text = (
        "The IL-6 -174G/C (rs1800795) polymorphism was associated with increased risk of sepsis. "
        "The BRAF V600E mutation was associated with melanoma and with resistance to vemurafenib."
    )
    doc = nlp(text)
    assert [(e.text, e.kb_id_) for e in doc.ents if e.label_ == CATEGORY] == [
        ("-174G/C", "DBSNP:rs1800795"),
        ("rs1800795", "DBSNP:rs1800795"),
        ("V600E", "kgvariant:HGNC:1097;p;SUB;V;600;E"),
    ]
    related = {c for r in doc._.kg_relations for c in (r.subject_curie, r.object_curie)}
    assert "DBSNP:rs1800795" in related, doc._.kg_relations  # the model relates variants
    paper = tmp_path / "paper.txt"
    paper.write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    graph = build_graph([paper], nlp=nlp)
    categories = {c.curie: c.category for c in graph.concepts}
    assert categories["DBSNP:rs1800795"] == CATEGORY
    assert categories["kgvariant:HGNC:1097;p;SUB;V;600;E"] == CATEGORY
    assert any("DBSNP:rs1800795" in (a.subject, a.object) for a in graph.assertions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the -930A>G CYBA polymorphism (rs9932581) was", {"c|SUB|A|-930|G": "rs9932581"}),
        (
            "c.471 C>T (p.Ser157Ser, rs35435463) and",
            {"c|SUB|C|471|T": "rs35435463", "p|SUB|S|157|S": "rs35435463"},
        ),
        ("G-174C, G-572C (rs1800796) and", {"c|SUB|G|-572|C": "rs1800796"}),  # a comma lists changes
        ("rs1800795, rs1800796 and -174G/C", {}),
    ],
)
def test_changes_written_with_one_snp_take_its_id(text: str, expected: dict[str, str]) -> None:
    from kg.nlp.variants import _linked_snps

    assert _linked_snps(text, find_variants(text)) == expected


def test_a_document_listing_thousands_of_variants_stays_fast() -> None:
    import time

    text = " ".join(f"BRAF V{600 + i}E and rs{1000 + i}," for i in range(4000)) + "."
    nlp, doc = _doc(text, [])
    doc.ents = [
        Span(doc, t.i, t.i + 1, label="biolink:Gene", kb_id="HGNC:1097") for t in doc if t.text == "BRAF"
    ]
    started = time.process_time()
    doc = nlp.get_pipe("kg_sequence_variants")(doc)
    assert time.process_time() - started < 5.0  # linear: ~0.3 s; the first version took 14 s
    assert sum(e.label_ == CATEGORY for e in doc.ents) == 8000
    assert doc.ents[1].kb_id_ == "kgvariant:HGNC:1097;p;SUB;V;600;E"
