"""Find claims that disagree: contradicting, or explained by a difference in context.

Two assertions *disagree* when they are about the same subject and object
(or members of the same comparison group, see below), the same object
aspect, and one says the effect goes up while the other says it goes down,
or one states an effect that the other denies (a negated claim).

* When their contexts are identical (cell type, species, disease,
  experimental condition and study type, with "not stated" as a value of its
  own), they **contradict**: the papers say opposite things about the same
  situation.
* When their contexts differ, they are **context-dependent**: the
  disagreement may be the biology (IL-6 drives tumour growth in one setting
  and is required for therapy-induced regression in another). The fields
  that differ are recorded.

Comparison groups (``ontology/comparison_groups.tsv``) let claims about
closely related concepts meet: the IL-6 ligand, its receptor and the IL-6
signalling pathway (a claim about blocking any of them is a claim about the
axis), human and mouse orthologs, and the several ways abstracts name tumour
burden. The groups only decide which claims are compared; every assertion
keeps its own subject and object.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path

from kg.model import Assertion, Direction, stable_hash

__all__ = [
    "CONTEXT_FIELDS",
    "Conflict",
    "ConflictKind",
    "conflict_partners",
    "find_conflicts",
    "load_comparison_groups",
]

CONTEXT_FIELDS = ("cell_type", "species", "disease", "condition", "study_type")

# Predicates whose claims carry a sign, with the sign the predicate itself implies.
_SIGNED_PREDICATES = {
    "biolink:affects": 0,  # the sign is in object_direction
    "biolink:positively_correlated_with": 1,
    "biolink:negatively_correlated_with": -1,
}
_FAMILY = {
    "biolink:affects": "affects",
    "biolink:positively_correlated_with": "correlation",
    "biolink:negatively_correlated_with": "correlation",
}


class ConflictKind(StrEnum):
    """How two disagreeing claims relate."""

    CONTRADICTS = "contradicts"
    CONTEXT_DEPENDENT = "context_dependent"


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two assertions (by ID, ``first < second``) that disagree.

    ``differing_context`` names the context fields whose values differ
    (empty for a contradiction).
    """

    kind: ConflictKind
    first: str
    second: str
    differing_context: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """Stable identifier derived from the pair and the kind."""
        return stable_hash(self.kind.value, self.first, self.second)


def load_comparison_groups(path: Path | None = None) -> dict[str, str]:
    """Read ``comparison_groups.tsv``: concept CURIE -> group name.

    Parameters
    ----------
    path
        A TSV with columns ``curie``, ``group`` and ``rationale``; ``None``
        for the packaged one.
    """
    if path is None:
        packaged = resources.files("kg") / "ontology" / "comparison_groups.tsv"
        path = (
            Path(str(packaged))
            if packaged.is_file()
            else Path(__file__).resolve().parents[1] / "ontology" / "comparison_groups.tsv"
        )
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row["curie"]: row["group"] for row in rows}


def _sign(assertion: Assertion) -> int | None:
    """+1 (goes up), -1 (goes down), 0 (an effect, direction not stated) or None (unsigned claim)."""
    implied = _SIGNED_PREDICATES.get(assertion.predicate)
    if implied is None:
        return None
    if implied:
        return implied
    if assertion.object_direction is Direction.INCREASED:
        return 1
    if assertion.object_direction is Direction.DECREASED:
        return -1
    return 0


def _disagree(first: Assertion, second: Assertion) -> bool:
    sign_a, sign_b = _sign(first), _sign(second)
    if first.negated and second.negated:
        return False
    if first.negated or second.negated:
        # "X does not affect Y" denies every effect; "X does not increase Y"
        # denies only an increase.
        denied, stated = (sign_a, sign_b) if first.negated else (sign_b, sign_a)
        return denied == 0 or denied == stated
    return sign_a != 0 and sign_b != 0 and sign_a != sign_b


def _differing_context(first: Assertion, second: Assertion) -> tuple[str, ...]:
    return tuple(
        name for name in CONTEXT_FIELDS if getattr(first.context, name) != getattr(second.context, name)
    )


def find_conflicts(
    assertions: Iterable[Assertion], groups: Mapping[str, str] | None = None
) -> tuple[Conflict, ...]:
    """Link every pair of disagreeing assertions.

    Parameters
    ----------
    assertions
        Assembled assertions (one per content key).
    groups
        Concept CURIE -> comparison group; ``None`` for the packaged groups,
        ``{}`` to compare identical concepts only.

    Returns
    -------
    tuple of Conflict
        Sorted by kind, then assertion IDs; independent of input order.
    """
    groups = load_comparison_groups() if groups is None else groups
    buckets: dict[tuple, list[Assertion]] = {}
    for assertion in assertions:
        if _sign(assertion) is None:
            continue
        key = (
            groups.get(assertion.subject, assertion.subject),
            groups.get(assertion.object, assertion.object),
            assertion.object_aspect,
            _FAMILY[assertion.predicate],
        )
        buckets.setdefault(key, []).append(assertion)
    conflicts = set()
    for members in buckets.values():
        for first, second in itertools.combinations(members, 2):
            if not _disagree(first, second):
                continue
            if first.id > second.id:
                first, second = second, first
            differing = _differing_context(first, second)
            kind = ConflictKind.CONTEXT_DEPENDENT if differing else ConflictKind.CONTRADICTS
            conflicts.add(Conflict(kind, first.id, second.id, differing))
    return tuple(sorted(conflicts, key=lambda c: (c.kind.value, c.first, c.second)))


def conflict_partners(conflicts: Iterable[Conflict], kind: ConflictKind) -> dict[str, tuple[str, ...]]:
    """Return assertion ID -> sorted IDs of the assertions it conflicts with, for one ``kind``."""
    partners: dict[str, set[str]] = {}
    for conflict in conflicts:
        if conflict.kind is kind:
            partners.setdefault(conflict.first, set()).add(conflict.second)
            partners.setdefault(conflict.second, set()).add(conflict.first)
    return {assertion_id: tuple(sorted(ids)) for assertion_id, ids in partners.items()}
