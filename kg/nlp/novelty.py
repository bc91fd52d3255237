"""Is a sentence the paper's own finding or background it cites?

A small, transparent cue model (no training data of its own): the abstract
section a sentence sits in, the publication type, and phrases authors use
for their own results ("we show", "our data") or for prior work ("has been
shown", "previously", "accumulating evidence"). It returns ``None`` when no
cue applies, rather than guessing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

__all__ = ["classify_novelty", "section_labels"]

_BACKGROUND_SECTIONS = frozenset({"background", "introduction", "context", "rationale"})
_FINDING_SECTIONS = frozenset({"results", "findings", "conclusion", "conclusions", "interpretation"})
# Structured-abstract headings, as printed at the start of a sentence ("Results Our ...").
_HEADING = re.compile(
    r"^(Background|Introduction|Context|Rationale|Aims?|Objectives?|Purpose|Methods?|Materials and methods|"
    r"Design|Results|Findings|Conclusions?|Interpretation)\b[:.]?\s",
)
_REVIEW_TYPES = frozenset({"review", "systematic review", "meta-analysis", "editorial", "comment"})
_FINDING_CUES = re.compile(
    r"\b(we|our (?:data|results|findings|study|work)|this (?:study|work)|here,? we|the present study)\b"
    r"|\bin this (?:study|report|paper)\b",
    re.IGNORECASE,
)
_BACKGROUND_CUES = re.compile(
    r"\b(previously|has been (?:shown|reported|described|demonstrated|implicated|linked)"
    r"|have been (?:shown|reported|described|demonstrated|implicated|linked)"
    r"|is (?:well[- ])?known|(?:is|are) generally (?:considered|thought|believed)|accumulating evidence"
    r"|emerging evidence|growing evidence|increasing evidence|studies have|it is (?:well )?established"
    r"|recent(?:ly)? (?:studies|reports|work))\b",
    re.IGNORECASE,
)


def section_labels(sentence_texts: Sequence[str]) -> tuple[str | None, ...]:
    """Return the structured-abstract section of each sentence, in order.

    A heading at the start of a sentence ("Results Our vaccine ...") opens a
    section that lasts until the next heading; sentences before the first
    heading get ``None``.
    """
    labels: list[str | None] = []
    current: str | None = None
    for text in sentence_texts:
        match = _HEADING.match(text.lstrip())
        if match:
            current = match.group(1).lower()
        labels.append(current)
    return tuple(labels)


def classify_novelty(
    sentence: str,
    *,
    section: str | None = None,
    is_title: bool = False,
    publication_types: Iterable[str] = (),
) -> bool | None:
    """Classify one sentence as the paper's finding (True), cited background (False) or unknown (None).

    Parameters
    ----------
    sentence
        The sentence text.
    section
        Its structured-abstract section from :func:`section_labels`.
    is_title
        True for the paper's title, which states the main finding of a
        research paper.
    publication_types
        The paper's publication types; everything in a review is background.

    Returns
    -------
    bool or None
    """
    if any(kind.strip().lower() in _REVIEW_TYPES for kind in publication_types):
        return False
    if _BACKGROUND_CUES.search(sentence):
        return False
    if section in _BACKGROUND_SECTIONS:
        return False
    if section in _FINDING_SECTIONS or is_title:
        return True
    if _FINDING_CUES.search(sentence):
        return True
    return None
