"""Custom attributes il6-kg adds to spaCy objects (``doc._.kg_relations`` ...)."""

from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["ensure_extensions"]


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
