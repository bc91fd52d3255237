"""Contradicting and context-dependent claims, read back from a built graph with their evidence.

The pairs themselves are found at assembly time (:mod:`kg.conflicts`) and
written into the RDF view; this module reads them with the named queries
``contradictions``, ``claim`` and ``evidence_for_assertion``, so it works on
any store holding a built graph (in memory, Turtle, or the Oxigraph store).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from rdflib import Graph

from kg.conflicts import CONTEXT_FIELDS, Conflict, ConflictKind
from kg.query import QueryError, run_named_query

__all__ = ["ClaimReport", "ConflictReport", "EvidenceReport", "conflict_report", "conflicts_to_json"]


@dataclass(frozen=True, slots=True)
class EvidenceReport:
    """One supporting sentence and where it comes from."""

    publication: str
    sentence: str
    subject_text: str
    object_text: str
    extractor: str
    confidence: float
    novel: bool | None


@dataclass(frozen=True, slots=True)
class ClaimReport:
    """One side of a disagreement: the claim, its context and its evidence."""

    id: str
    subject: str
    subject_name: str
    predicate: str
    object: str
    object_name: str
    direction: str | None
    aspect: str | None
    negated: bool
    context: tuple[tuple[str, str], ...]
    belief: float
    evidence: tuple[EvidenceReport, ...]

    def statement(self) -> str:
        """A one-line reading of the claim: ``IL6 affects (increased) angiogenesis``."""
        verb = self.predicate.removeprefix("biolink:").replace("_", " ")
        if self.negated:
            verb = f"NOT {verb}"
        qualifiers = " ".join(part for part in (self.direction, self.aspect) if part)
        qualifier_text = f" ({qualifiers})" if qualifiers else ""
        return f"{self.subject_name or self.subject} {verb}{qualifier_text} {self.object_name or self.object}"


@dataclass(frozen=True, slots=True)
class ConflictReport:
    """A pair of disagreeing claims."""

    id: str
    kind: ConflictKind
    differing_context: tuple[str, ...]
    first: ClaimReport
    second: ClaimReport


def _flag(value: str) -> bool | None:
    return {"true": True, "false": False}.get(value)


def _claim(rdf: Graph, assertion_id: str) -> ClaimReport:
    rows = run_named_query(rdf, "claim", {"assertion": assertion_id})
    if not rows.rows:
        raise QueryError(f"the graph has no assertion {assertion_id}")
    values = dict(zip(rows.variables, rows.rows[0], strict=True))
    evidence = run_named_query(rdf, "evidence_for_assertion", {"assertion": assertion_id})
    items = []
    for row in evidence.rows:
        item = dict(zip(evidence.variables, row, strict=True))
        offset = int(item["sentence_start"])
        sentence = item["sentence"]

        def _span(start: str, end: str, sentence: str = sentence, offset: int = offset) -> str:
            return sentence[int(start) - offset : int(end) - offset]

        items.append(
            EvidenceReport(
                publication=item["publication"],
                sentence=sentence,
                subject_text=_span(item["subject_start"], item["subject_end"]),
                object_text=_span(item["object_start"], item["object_end"]),
                extractor=f"{item['extractor']}@{item['version']}",
                confidence=float(item["confidence"]),
                novel=_flag(item["novel"]),
            )
        )
    return ClaimReport(
        id=assertion_id,
        subject=values["subject"],
        subject_name=values["subject_name"],
        predicate=values["predicate"],
        object=values["object"],
        object_name=values["object_name"],
        direction=values["direction"] or None,
        aspect=values["aspect"] or None,
        negated=values["negated"] == "true",
        context=tuple((name, values[name]) for name in CONTEXT_FIELDS if values[name]),
        belief=float(values["belief"]),
        evidence=tuple(items),
    )


def conflict_report(
    rdf: Graph, *, concept: str | None = None, kind: ConflictKind | None = None
) -> tuple[ConflictReport, ...]:
    """Return every disagreeing pair in a built graph, with both claims and their evidence.

    Parameters
    ----------
    rdf
        A built graph (``KnowledgeGraph.to_rdf()`` or a loaded ``graph.ttl``).
    concept
        Only pairs where this CURIE is a subject or object.
    kind
        Only contradictions or only context-dependent pairs.

    Raises
    ------
    QueryError
        If the graph refers to an assertion it does not describe.
    """
    result = run_named_query(rdf, "contradictions", {"kind": kind.value if kind else "any"})
    pairs: dict[tuple[str, str], ConflictKind] = {}
    for row in result.rows:
        values = dict(zip(result.variables, row, strict=True))
        if concept and concept not in (
            values["subject"],
            values["object"],
            values["other_subject"],
            values["other_object"],
        ):
            continue
        first, second = sorted((values["claim"], values["other"]))  # the links go both ways
        pairs[(first, second)] = ConflictKind(values["link_kind"])
    reports = []
    for (first, second), pair_kind in sorted(pairs.items(), key=lambda item: (item[1].value, item[0])):
        first_claim, second_claim = _claim(rdf, first), _claim(rdf, second)
        differing = tuple(
            name
            for name in CONTEXT_FIELDS
            if dict(first_claim.context).get(name) != dict(second_claim.context).get(name)
        )
        conflict = Conflict(
            pair_kind, first.removeprefix("kgedge:"), second.removeprefix("kgedge:"), differing
        )
        reports.append(
            ConflictReport(
                id=f"kgconflict:{conflict.id}",
                kind=pair_kind,
                differing_context=differing,
                first=first_claim,
                second=second_claim,
            )
        )
    return tuple(reports)


def conflicts_to_json(reports: tuple[ConflictReport, ...]) -> str:
    """Serialise reports as indented JSON (stable key order)."""
    return json.dumps([asdict(report) for report in reports], indent=2, ensure_ascii=False) + "\n"
