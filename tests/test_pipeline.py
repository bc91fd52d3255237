"""The spaCy pipeline as any spaCy user would call it."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc


def ground(nlp, text: str) -> list[tuple[str, str, str]]:
    return [(ent.text, ent.label_, ent.kb_id_) for ent in nlp(text).ents]


@pytest.mark.parametrize(
    ("text", "mention", "curie"),
    [
        ("IL-6 was measured.", "IL-6", "HGNC:6018"),
        ("IL6 was measured.", "IL6", "HGNC:6018"),
        ("Interleukin-6 was measured.", "Interleukin-6", "HGNC:6018"),
        ("High serum interleukin (IL)-6 was measured.", "interleukin (IL)-6", "HGNC:6018"),
        ("IL-6R was blocked.", "IL-6R", "HGNC:6019"),
        ("CD126 was blocked.", "CD126", "HGNC:6019"),
        ("Il6ra fl/fl mice were used.", "Il6ra", "MGI:105304"),
        ("gp130 transduces the signal.", "gp130", "HGNC:6021"),
        ("HIF-1α is stabilised.", "HIF-1α", "HGNC:4910"),
        ("HIF-1alpha is stabilised.", "HIF-1alpha", "HGNC:4910"),
        ("SIRPα is a checkpoint.", "SIRPα", "HGNC:9662"),
        ("CD8+ T cells infiltrate.", "CD8+ T cells", "CL:0000625"),
        ("CD8-positive T-lymphocytes infiltrate.", "CD8-positive T-lymphocytes", "CL:0000625"),
        ("Macrophages infiltrate.", "Macrophages", "CL:0000235"),
        ("STAT3 is phosphorylated.", "STAT3", "HGNC:11364"),
        ("Siltuximab neutralises it.", "Siltuximab", "DRUGBANK:DB09036"),
        ("Tumour angiogenesis was reduced.", "Tumour angiogenesis", "MESH:D009389"),
    ],
)
def test_variants_papers_use_are_grounded(nlp, text: str, mention: str, curie: str) -> None:
    assert mention in [ent.text for ent in nlp(text).ents if ent.kb_id_ == curie], ground(nlp, text)


def test_entities_carry_biolink_category_and_curie(nlp) -> None:
    doc = nlp("Tocilizumab blocks IL-6R on macrophages.")
    assert [(ent.text, ent.label_, ent.kb_id_) for ent in doc.ents] == [
        ("Tocilizumab", "biolink:Drug", "DRUGBANK:DB06273"),
        ("IL-6R", "biolink:Gene", "HGNC:6019"),
        ("macrophages", "biolink:Cell", "CL:0000235"),
    ]


def test_abbreviation_defined_in_text_is_grounded(nlp) -> None:
    doc = nlp("Vascular endothelial growth factor (VEGF) drives angiogenesis. VEGF was high.")
    assert [ent.kb_id_ for ent in doc.ents if ent.text == "VEGF"] == ["HGNC:12680", "HGNC:12680"]


def test_accepts_a_pre_tokenised_doc(nlp) -> None:
    words = ["IL-6", "promotes", "angiogenesis", "in", "macrophages", "."]
    doc = nlp(Doc(nlp.vocab, words=words, spaces=[True, True, True, True, False, False]))
    assert [ent.text for ent in doc.ents] == ["IL-6", "angiogenesis", "macrophages"]
    assert [t.text for t in doc] == words  # our tokenizer did not run again
    assert doc._.kg_relations and doc._.kg_relations[0].direction == "increased"


def test_components_are_usable_from_a_blank_pipeline() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_vocabulary_ner")
    nlp.add_pipe("kg_relation_extractor")
    doc = nlp("IL-6 promotes angiogenesis.")
    assert [(ent.text, ent.kb_id_) for ent in doc.ents] == [
        ("IL-6", "HGNC:6018"),
        ("angiogenesis", "GO:0001525"),
    ]


def test_unknown_model_name_is_a_clear_error() -> None:
    from kg import load_pipeline

    with pytest.raises(OSError, match="no_such_model"):
        load_pipeline("no_such_model")


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "IL-6 in tumours\n\nIL-6 promotes angiogenesis. STAT3 is activated.",
            ["IL-6 in tumours", "IL-6 promotes angiogenesis.", "STAT3 is activated."],
        ),
        (
            "As shown by Smith et al. IL-6 rises. Tumours grew (Fig. 2). Mice were dosed i.p. twice.",
            ["As shown by Smith et al. IL-6 rises.", "Tumours grew (Fig. 2).", "Mice were dosed i.p. twice."],
        ),
        (
            "Drugs (e.g. tocilizumab) block IL-6R. Is it safe? Yes.",
            ["Drugs (e.g. tocilizumab) block IL-6R.", "Is it safe?", "Yes."],
        ),
        ("IL-6 was 2.5 pg/ml. 3. Results follow.", ["IL-6 was 2.5 pg/ml.", "3.", "Results follow."]),
        # A symbol in mixed case opens a sentence; after an abbreviation it does not.
        (
            "STAT3 was detected by Western blot. bFGF enhances IL-6 (e.g. mTOR, cf. p38). miR-155 rose.",
            [
                "STAT3 was detected by Western blot.",
                "bFGF enhances IL-6 (e.g. mTOR, cf. p38).",
                "miR-155 rose.",
            ],
        ),
        # A line break ends a heading when lines are paragraphs ...
        (
            "IL-6 Activates STAT3 in Lymphomas \nLatent IL-6 is a cytokine. It activates STAT3.",
            ["IL-6 Activates STAT3 in Lymphomas", "Latent IL-6 is a cytokine.", "It activates STAT3."],
        ),
        # ... but not in text wrapped at a fixed width, where a line may go on in lower case.
        (
            "IL-6 was induced by\nmacrophages in the tumour and\nSTAT3 was activated. Then SOCS3\nrose.",
            ["IL-6 was induced by\nmacrophages in the tumour and\nSTAT3 was activated.", "Then SOCS3\nrose."],
        ),
    ],
)
def test_sentence_splitter(nlp, text: str, sentences: list[str]) -> None:
    doc = nlp(text)
    assert [sentence.text.strip() for sentence in doc.sents] == sentences
