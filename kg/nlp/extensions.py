"""Custom attributes il6-kg adds to spaCy objects (``doc._.kg_relations`` ...)."""

from __future__ import annotations

from spacy.attrs import IDX, LENGTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["doc_text", "ensure_extensions", "token_lowers", "token_spaces", "token_texts", "tokenized"]


def ensure_extensions() -> None:
    """Register il6-kg's ``Doc`` extensions once (idempotent).

    * ``doc._.kg_entity_sources``: ``{(start_char, end_char): (source, score)}``
      for each entity our matcher set (which rule found it, how sure it is).
    * ``doc._.kg_relations``: the :class:`kg.nlp.relations.RelationCandidate`
      records the relation component found.
    * ``doc._.kg_entity_members``: ``{(start_char, end_char): (CURIE, ...)}``
      for composite mentions ("ERK1/2"): the genes the mention stands for.
    """
    if not Doc.has_extension("kg_entity_sources"):
        Doc.set_extension("kg_entity_sources", default=None)
    if not Doc.has_extension("kg_entity_members"):
        Doc.set_extension("kg_entity_members", default=None)
    if not Doc.has_extension("kg_relations"):
        Doc.set_extension("kg_relations", default=None)


_TEXT_KEY = "kg_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined from the tokens once per Doc and kept in ``doc.user_data``.

    spaCy joins every token again at each ``doc.text``; several components
    read the paper's text, and a Doc's text never changes.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def tokenized(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, with ``text`` kept as the Doc's text for :func:`doc_text`.

    spaCy's tokenization loses nothing (the tokens join back to ``text``
    exactly), so the string the caller holds is the Doc's text; joining it
    again from the tokens costs about a millisecond per abstract.
    """
    doc = nlp.make_doc(text)
    doc.user_data[_TEXT_KEY] = text
    return doc


_TOKENS_KEY = "kg_token_texts"
_LOWERS_KEY = "kg_token_lowers"
_SPACES_KEY = "kg_token_spaces"


def token_texts(doc: Doc) -> list[str]:
    """Each token's text, read from the Doc once and kept in ``doc.user_data``.

    The rules look at neighbouring words thousands of times per paper, and
    ``doc[i].text`` builds a new Token object at each look.
    """
    texts = doc.user_data.get(_TOKENS_KEY)
    if texts is None:
        # Cut from the text at the tokens' offsets: no Token objects (a token's text is
        # exactly its slice of the Doc's text).
        text = doc_text(doc)
        texts = [text[start : start + size] for start, size in doc.to_array([IDX, LENGTH]).tolist()]
        doc.user_data[_TOKENS_KEY] = texts
    return texts


def token_lowers(doc: Doc) -> list[str]:
    """Each token's lower-cased text (``token.lower_``), kept like :func:`token_texts`."""
    lowers = doc.user_data.get(_LOWERS_KEY)
    if lowers is None:
        # spaCy's LOWER attribute is ``str.lower`` of the token's text.
        lowers = doc.user_data[_LOWERS_KEY] = [text.lower() for text in token_texts(doc)]
    return lowers


def token_spaces(doc: Doc) -> list[bool]:
    """Whether each token is followed by a space (``bool(token.whitespace_)``), kept like :func:`token_texts`.

    Read from the Doc's array in one call, without building Token objects.
    """
    spaces = doc.user_data.get(_SPACES_KEY)
    if spaces is None:
        spaces = doc.user_data[_SPACES_KEY] = [bool(flag) for flag in doc.to_array(SPACY).tolist()]
    return spaces
