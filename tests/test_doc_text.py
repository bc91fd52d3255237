"""The paper's text and its tokens' words read from a Doc once."""

from __future__ import annotations

import spacy

from kg.nlp.extensions import doc_text, token_lowers, token_spaces, token_texts, tokenized


def test_doc_text_is_the_docs_text_joined_once() -> None:
    doc = spacy.blank("en")("IL-6  drives\tSTAT3 (p < 0.05).\n")
    text = doc_text(doc)
    assert text == doc.text == "IL-6  drives\tSTAT3 (p < 0.05).\n"
    assert doc_text(doc) is text  # kept, not joined again
    assert doc_text(spacy.blank("en")("")) == ""


def test_token_words_are_the_tokens_read_once() -> None:
    doc = spacy.blank("en")("Blockade of IL-6  DECREASED SOCS3.")
    texts, lowers = token_texts(doc), token_lowers(doc)
    assert texts == [token.text for token in doc]
    assert lowers == [token.lower_ for token in doc]
    assert "DECREASED" in texts and "decreased" in lowers and " " in texts  # the double space is a token
    assert token_texts(doc) is texts and token_lowers(doc) is lowers  # kept, not read again
    assert token_texts(spacy.blank("en")("")) == [] == token_lowers(spacy.blank("en")(""))


def test_token_spaces_are_the_tokens_whitespace_read_once() -> None:
    doc = spacy.blank("en")("ERK1/2 and  IL-6\nin mice")
    spaces = token_spaces(doc)
    assert spaces == [bool(token.whitespace_) for token in doc]
    assert True in spaces and False in spaces
    assert token_spaces(doc) is spaces
    assert token_spaces(spacy.blank("en")("")) == []


def test_tokenized_keeps_the_callers_text() -> None:
    nlp = spacy.blank("en")
    text = "IL-6  drives\tSTAT3 (p < 0.05).\n"
    doc = tokenized(nlp, text)
    assert doc_text(doc) is text  # the caller's string, not joined again
    assert doc.text == text and [t.text for t in doc] == [t.text for t in nlp(text)]
    assert [d.text for d in nlp.pipe([tokenized(nlp, "IL-6 ."), tokenized(nlp, "")])] == ["IL-6 .", ""]
