"""The paper's text read from a Doc once."""

from __future__ import annotations

import spacy

from kg.nlp.extensions import doc_text


def test_doc_text_is_the_docs_text_joined_once() -> None:
    doc = spacy.blank("en")("IL-6  drives\tSTAT3 (p < 0.05).\n")
    text = doc_text(doc)
    assert text == doc.text == "IL-6  drives\tSTAT3 (p < 0.05).\n"
    assert doc_text(doc) is text  # kept, not joined again
    assert doc_text(spacy.blank("en")("")) == ""
