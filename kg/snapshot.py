"""A fast, lossless binary form of an assembled :class:`kg.graph.KnowledgeGraph`.

An incremental build (:mod:`kg.incremental`) starts from the graph the
previous build assembled. Decoding 10,000 per-document JSON entries and
assembling them again took longer than the whole target for adding one
paper, and ``pickle`` of the frozen dataclasses is slow too (about a
microsecond per field through ``copyreg``). Here each kind of record becomes
a table of columns of plain values (read with ``operator.attrgetter``, in C)
and the whole is :mod:`marshal`-ed. Decoding fills each column into empty
records through the slots' own setters, C calls mapped over the column,
instead of calling the frozen dataclasses' constructors, whose
``object.__setattr__`` per field made building the 400,000 mentions of a
10,000-paper graph take over a second.

The format is private to one version of il6-kg: :data:`FORMAT` is part of
every snapshot and a snapshot of another format is refused.
"""

from __future__ import annotations

import marshal
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import fields
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

FORMAT = "il6kg-graph-snapshot 2"


class SnapshotError(ValueError):
    """The bytes are not a snapshot of this format."""


def _getter(kind: type) -> Any:
    return attrgetter(*(item.name for item in fields(kind)))


_PLAIN = {
    kind: _getter(kind) for kind in (Document, DocumentProblem, Concept, Mention, MentionLink, Evidence)
}
_CONTEXT = _getter(Context)


def _columns(kind: type, records: Sequence[Any]) -> tuple[int, tuple[tuple, ...]]:
    """``records`` of ``kind`` as (count, one tuple of values per field)."""
    if not records:
        return 0, ()
    return len(records), tuple(tuple(map(attrgetter(item.name), records)) for item in fields(kind))


def _records(kind: type, table: tuple[int, tuple[tuple, ...]]) -> tuple:
    """Inverse of :func:`_columns`: records with each field set through its slot (see the module doc).

    Only for the frozen, slotted dataclasses of :mod:`kg.model`, none of which
    computes or checks anything in ``__init__``: the records equal those the
    constructor would make (a test checks every field of a round trip).
    """
    count, columns = table
    if not count and not columns:
        return ()
    if len(columns) != len(fields(kind)):
        raise SnapshotError(f"a table of {kind.__name__} records has {len(columns)} columns")
    records = [_NEW(kind) for _ in range(count)]
    for name, column in zip((item.name for item in fields(kind)), columns, strict=True):
        if len(column) != count:
            raise SnapshotError(f"the {name} column of {kind.__name__} records is short")
        deque(map(getattr(kind, name).__set__, records, column), maxlen=0)
    return tuple(records)


_NEW = object.__new__
# Enum(value) takes a slow path for these enums: look members up in plain dicts.
_ASPECTS = {member.value: member for member in Aspect}
_DIRECTIONS = {member.value: member for member in Direction}
_KINDS = {member.value: member for member in ConflictKind}


def _assertion_row(assertion: Assertion) -> tuple:
    return (
        assertion.subject,
        assertion.predicate,
        assertion.object,
        None if assertion.object_aspect is None else assertion.object_aspect.value,
        None if assertion.object_direction is None else assertion.object_direction.value,
        assertion.negated,
        _CONTEXT(assertion.context),
        len(assertion.evidence),
    )


def _assertions(rows: tuple[tuple, ...], evidence: tuple[Evidence, ...]) -> Iterator[Assertion]:
    """Assertions from their rows, each taking its count of records from ``evidence`` in order."""
    end = 0
    for subject, predicate, obj, aspect, direction, negated, context, count in rows:
        start, end = end, end + count
        yield Assertion(
            subject,
            predicate,
            obj,
            None if aspect is None else _ASPECTS[aspect],
            None if direction is None else _DIRECTIONS[direction],
            negated,
            Context(*context),
            evidence[start:end],
        )
    if end != len(evidence):
        raise SnapshotError("the evidence table does not match the assertions")


def encode_graph(graph: KnowledgeGraph, extra: Any = None) -> bytes:
    """Return ``graph`` (and ``extra``, plain values only) as bytes for :func:`decode_graph`."""
    with paused_gc():
        return _encode(graph, extra)


def _encode(graph: KnowledgeGraph, extra: Any) -> bytes:
    rows = {
        "format": FORMAT,
        "documents": _columns(Document, graph.documents),
        "concepts": _columns(Concept, graph.concepts),
        "mentions": _columns(Mention, graph.mentions),
        "links": _columns(MentionLink, graph.links),
        "assertions": tuple(map(_assertion_row, graph.assertions)),
        "evidence": _columns(Evidence, [e for a in graph.assertions for e in a.evidence]),
        "problems": _columns(DocumentProblem, graph.problems),
        "conflicts": tuple((c.kind.value, c.first, c.second, c.differing_context) for c in graph.conflicts),
        "extra": extra,
    }
    # Version 2 (no back-references): a third faster to write than the default (version 4,
    # whose reference table costs more than it saves here), for 12% more bytes.
    return marshal.dumps(rows, 2)


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
            documents=_records(Document, rows["documents"]),
            concepts=_records(Concept, rows["concepts"]),
            mentions=_records(Mention, rows["mentions"]),
            links=_records(MentionLink, rows["links"]),
            assertions=tuple(_assertions(rows["assertions"], _records(Evidence, rows["evidence"]))),
            problems=_records(DocumentProblem, rows["problems"]),
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
