"""A fast, lossless binary form of an assembled :class:`kg.graph.KnowledgeGraph`.

An incremental build (:mod:`kg.incremental`) starts from the graph the
previous build assembled. Decoding 10,000 per-document JSON entries and
assembling them again took longer than the whole target for adding one
paper, and ``pickle`` of the frozen dataclasses is slow too (about a
microsecond per field through ``copyreg``). Here every record becomes a tuple
of plain values (``operator.attrgetter``, in C) and the whole is
:mod:`marshal`-ed; decoding calls the dataclass constructors.

The format is private to one version of il6-kg: :data:`FORMAT` is part of
every snapshot and a snapshot of another format is refused.
"""

from __future__ import annotations

import marshal
from dataclasses import fields
from itertools import starmap
from operator import attrgetter
from typing import Any

from kg.conflicts import Conflict, ConflictKind
from kg.gcpause import paused_gc
from kg.graph import KnowledgeGraph
from kg.model import (
    Aspect,
    Assertion,
    Concept,
    Context,
    Direction,
    Document,
    DocumentProblem,
    Evidence,
    Mention,
    MentionLink,
)

__all__ = ["FORMAT", "SnapshotError", "decode_graph", "encode_graph"]

FORMAT = "il6kg-graph-snapshot 1"


class SnapshotError(ValueError):
    """The bytes are not a snapshot of this format."""


def _getter(kind: type) -> Any:
    return attrgetter(*(item.name for item in fields(kind)))


_PLAIN = {
    kind: _getter(kind) for kind in (Document, DocumentProblem, Concept, Mention, MentionLink, Evidence)
}
_CONTEXT = _getter(Context)
# Enum(value) takes a slow path for these enums: look members up in plain dicts.
_ASPECTS = {member.value: member for member in Aspect}
_DIRECTIONS = {member.value: member for member in Direction}
_KINDS = {member.value: member for member in ConflictKind}


def _assertion_row(assertion: Assertion) -> tuple:
    evidence = _PLAIN[Evidence]
    return (
        assertion.subject,
        assertion.predicate,
        assertion.object,
        None if assertion.object_aspect is None else assertion.object_aspect.value,
        None if assertion.object_direction is None else assertion.object_direction.value,
        assertion.negated,
        _CONTEXT(assertion.context),
        tuple(map(evidence, assertion.evidence)),
    )


def _assertion(row: tuple) -> Assertion:
    subject, predicate, obj, aspect, direction, negated, context, evidence = row
    return Assertion(
        subject,
        predicate,
        obj,
        None if aspect is None else _ASPECTS[aspect],
        None if direction is None else _DIRECTIONS[direction],
        negated,
        Context(*context),
        tuple(starmap(Evidence, evidence)),
    )


def encode_graph(graph: KnowledgeGraph, extra: Any = None) -> bytes:
    """Return ``graph`` (and ``extra``, plain values only) as bytes for :func:`decode_graph`."""
    with paused_gc():
        return _encode(graph, extra)


def _encode(graph: KnowledgeGraph, extra: Any) -> bytes:
    rows = {
        "format": FORMAT,
        "documents": tuple(map(_PLAIN[Document], graph.documents)),
        "concepts": tuple(map(_PLAIN[Concept], graph.concepts)),
        "mentions": tuple(map(_PLAIN[Mention], graph.mentions)),
        "links": tuple(map(_PLAIN[MentionLink], graph.links)),
        "assertions": tuple(map(_assertion_row, graph.assertions)),
        "problems": tuple(map(_PLAIN[DocumentProblem], graph.problems)),
        "conflicts": tuple((c.kind.value, c.first, c.second, c.differing_context) for c in graph.conflicts),
        "extra": extra,
    }
    return marshal.dumps(rows)


def decode_graph(payload: bytes) -> tuple[KnowledgeGraph, Any]:
    """Inverse of :func:`encode_graph`: the graph and the ``extra`` value.

    Raises
    ------
    SnapshotError
        The payload is damaged or of another format.
    """
    with paused_gc():
        return _decode(payload)


def _decode(payload: bytes) -> tuple[KnowledgeGraph, Any]:
    try:
        rows = marshal.loads(payload)
        if not isinstance(rows, dict) or rows.get("format") != FORMAT:
            raise SnapshotError("not a graph snapshot of this version")
        graph = KnowledgeGraph(
            documents=tuple(starmap(Document, rows["documents"])),
            concepts=tuple(starmap(Concept, rows["concepts"])),
            mentions=tuple(starmap(Mention, rows["mentions"])),
            links=tuple(starmap(MentionLink, rows["links"])),
            assertions=tuple(map(_assertion, rows["assertions"])),
            problems=tuple(starmap(DocumentProblem, rows["problems"])),
            conflicts=tuple(
                Conflict(_KINDS[kind], first, second, differing)
                for kind, first, second, differing in rows["conflicts"]
            ),
        )
    except (EOFError, ValueError, TypeError, KeyError) as error:
        if isinstance(error, SnapshotError):
            raise
        raise SnapshotError(f"damaged graph snapshot ({error})") from None
    return graph, rows["extra"]
