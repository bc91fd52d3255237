"""Assembly: merge what many documents say into one set of claims.

Assertions with the same :meth:`kg.model.Assertion.matches_key` (subject,
predicate, object, qualifiers, negation and context) become one assertion
whose evidence is the union of theirs. Negated claims are kept as claims of
their own; claims made in different contexts stay apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from kg.model import Assertion, Concept, Evidence

__all__ = ["merge_assertions", "merge_concepts"]


def _evidence_order(item: Evidence) -> tuple:
    return (item.document_id, item.sentence_start, item.subject_start, item.object_start, item.extractor)


def merge_assertions(assertions: Iterable[Assertion]) -> tuple[Assertion, ...]:
    """Merge assertions that make the same claim and pool their evidence.

    Parameters
    ----------
    assertions
        Assertions from any number of documents, in any order.

    Returns
    -------
    tuple of Assertion
        One assertion per content key, sorted by subject, predicate, object
        and key; evidence deduplicated and sorted. The result does not
        depend on the input order.
    """
    grouped: dict[tuple, list[Evidence]] = {}
    first: dict[tuple, Assertion] = {}
    for assertion in assertions:
        key = assertion.matches_key()
        first.setdefault(key, assertion)
        grouped.setdefault(key, []).extend(assertion.evidence)
    merged = [
        replace(first[key], evidence=tuple(sorted(set(evidence), key=_evidence_order)))
        for key, evidence in grouped.items()
    ]
    return tuple(sorted(merged, key=lambda a: tuple("" if v is None else str(v) for v in a.matches_key())))


def merge_concepts(concepts: Iterable[Concept]) -> tuple[Concept, ...]:
    """Return one concept per CURIE (the first seen wins), sorted by CURIE."""
    by_curie: dict[str, Concept] = {}
    for concept in concepts:
        by_curie.setdefault(concept.curie, concept)
    return tuple(by_curie[curie] for curie in sorted(by_curie))
