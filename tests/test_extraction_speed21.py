"""Session 21's matcher speed-ups give exactly what the code they replace gave.

As in ``tests/test_extraction_speed20.py``: each test keeps the replaced code
as a reference and compares it with the new one, on small Docs made by
scispaCy's tokenizer (as the pipeline makes them) and by a blank English one.
"""

from __future__ import annotations

import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, IS_STOP, LENGTH, SPACY

from kg.nlp.entities import _row_table
from kg.nlp.extensions import doc_text, token_spaces, token_texts
from kg.nlp.pipeline import load_tokenizer_only

TEXTS = [
    "Interleukin-6 (IL-6) and the  tumour necrosis factor  \n\n rose in Graves' disease (GD; P<0.05).",
    "Oestrogen receptor α and β-catenin, TNF-α\t and \u00a0 IL-1β in the colour-coded tumours ;",
    "",
    " ",
    "a",
    "Ünïcödé 😀 text — with dashes… and 'quotes'.\n",
]


def _docs() -> list:
    nlp, blank = load_tokenizer_only(), spacy.blank("en")
    return [nlp.make_doc(text) for text in TEXTS] + [blank.make_doc(text) for text in TEXTS]


def test_token_lists_are_the_old_loops() -> None:
    for doc in _docs():
        text = doc_text(doc)
        old_texts = [text[start : start + size] for start, size in doc.to_array([IDX, LENGTH]).tolist()]
        old_spaces = [bool(flag) for flag in doc.to_array(SPACY).tolist()]
        assert token_texts(doc) == old_texts == [token.text for token in doc]
        assert token_spaces(doc) == old_spaces == [bool(token.whitespace_) for token in doc]
        assert all(type(flag) is bool for flag in token_spaces(doc))


def test_row_table_is_the_old_loop() -> None:
    for doc in _docs():
        texts = token_texts(doc)
        flags = doc.to_array([IS_SPACE, IS_STOP, IS_PUNCT]).tolist() if len(doc) else []
        old = [
            (text, bool(space), bool(stop or punct), not spaced)
            for text, (space, stop, punct), spaced in zip(texts, flags, token_spaces(doc), strict=True)
        ]
        new = _row_table(doc, texts)
        assert new == old
        assert all(type(value) is bool for row in new for value in row[1:])
    assert any(row[1] for doc in _docs() for row in _row_table(doc, token_texts(doc)))  # whitespace seen
