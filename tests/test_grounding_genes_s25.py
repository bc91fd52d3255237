"""Human gene grounding rules of session 25 (genes14).

Lower-confidence gene matches (an alias or previous symbol) the trained NER
did not tag were dropped by the combiner even where the text vouches for
them: "homology with MUC 18, NCAM, and CD20" (a list of genes), and
"estrogen-responsive finger protein (efp)" (a long form and its short form
naming the same gene).
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from kg.nlp.combine import combine_entities

GENE = "biolink:Gene"


def _doc(words: list[str]) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words)


def _combine(doc: Doc, model: list[Span], dictionary: list[Span], low: set[str]) -> dict[str, str]:
    scores = {(s.start_char, s.end_char): ("HGNC", 0.8 if s.text in low else 0.95) for s in dictionary}
    entities, _ = combine_entities(doc, model, dictionary, scores, min_fill_score=0.85)
    return {span.text: span.kb_id_ for span in entities}


def test_a_low_confidence_gene_in_a_list_of_kept_genes_is_kept() -> None:
    words = ["homology", "with", "MUC", "18", ",", "NCAM", ",", "and", "CD20", "."]
    doc = _doc(words)
    model = [Span(doc, 5, 6, label=GENE), Span(doc, 8, 9, label=GENE)]
    dictionary = [
        Span(doc, 2, 4, label=GENE, kb_id="HGNC:6934"),
        Span(doc, 5, 6, label=GENE, kb_id="HGNC:7656"),
        Span(doc, 8, 9, label=GENE, kb_id="HGNC:7315"),
    ]
    found = _combine(doc, model, dictionary, {"MUC 18"})
    assert found == {"MUC 18": "HGNC:6934", "NCAM": "HGNC:7656", "CD20": "HGNC:7315"}
    # after the last member too ("CD20 and MUC 18"), but not alone in the sentence
    doc = _doc(["CD20", "and", "MUC", "18", "bind", "."])
    model = [Span(doc, 0, 1, label=GENE)]
    dictionary = [
        Span(doc, 0, 1, label=GENE, kb_id="HGNC:7315"),
        Span(doc, 2, 4, label=GENE, kb_id="HGNC:6934"),
    ]
    assert _combine(doc, model, dictionary, {"MUC 18"})["MUC 18"] == "HGNC:6934"
    doc = _doc(["fused", "to", "MLL", "in", "leukemia", "."])
    dictionary = [Span(doc, 2, 3, label=GENE, kb_id="HGNC:7132")]
    assert "MLL" not in _combine(doc, [], dictionary, {"MLL"})


def test_a_long_form_and_its_short_form_of_one_gene_are_kept() -> None:
    words = ["the", "estrogen-responsive", "finger", "protein", "(", "efp", ")", "gene", "."]
    doc = _doc(words)
    # the model saw only an ungrounded chemical inside the long form
    model = [Span(doc, 1, 2, label="biolink:ChemicalEntity")]
    dictionary = [
        Span(doc, 1, 4, label=GENE, kb_id="HGNC:12932"),
        Span(doc, 5, 6, label=GENE, kb_id="HGNC:12932"),
    ]
    found = _combine(doc, model, dictionary, {"estrogen-responsive finger protein", "efp"})
    assert found == {"estrogen-responsive finger protein": "HGNC:12932", "efp": "HGNC:12932"}
    # names of two different genes vouch for neither
    dictionary = [
        Span(doc, 1, 4, label=GENE, kb_id="HGNC:12932"),
        Span(doc, 5, 6, label=GENE, kb_id="HGNC:1"),
    ]
    found = _combine(doc, model, dictionary, {"estrogen-responsive finger protein", "efp"})
    assert "efp" not in found
    assert found.get("estrogen-responsive", "") == ""
