"""Composite gene mentions: ``ERK1/2``, ``Smad1/5/8``, ``CDKN2A/B``, ``caspase-3 and -9``.

A slash between numbers or letters that continue one stem names several
members of a family at once, and so do a Greek or Roman numeral series
(``IKKalpha/beta``, ``ROCK-I/II``), a number series after a spaced stem
(``MEK 1/2``) and a range of numbers (``Mcm2-7``, ``CXCL9-11``). :func:`composite_members` reads the members'
names (``ERK1``, ``ERK2``); the dictionary component grounds each and
records them in ``doc._.kg_entity_members`` under the mention's character
extent, so a user (or ``kg eval grounding``) sees every gene the mention
stands for, not only the family or the first member.
"""

from __future__ import annotations

import re

__all__ = ["composite_members", "coordinated_members"]

# stem + first member + "/member" ...: ERK1/2, MMP-2/9, caspase-3/7, Smad1/5/8.
_NUMBERED = re.compile(
    r"(?P<stem>[A-Za-z][A-Za-z0-9]*?[A-Za-z]-?)(?P<first>\d+[a-z]?)(?P<rest>(?:/\d+[a-z]?)+)"
)
# stem ending in a digit + letter members: CDKN2A/B, BRCA1/2 is numbered.
_LETTERED = re.compile(r"(?P<stem>[A-Za-z][A-Za-z0-9-]*\d)(?P<first>[A-Z])(?P<rest>(?:/[A-Z])+)")
# stem + letter-digit members: S100A8/A9.
_SUFFIXED = re.compile(r"(?P<stem>[A-Za-z][A-Za-z0-9]*?\d)(?P<first>[A-Z]\d+)(?P<rest>(?:/[A-Z]\d+)+)")
# stem, one space, numbered members: MEK 1/2, Erk 1/2 (the stem ends in a letter).
_SPACED = re.compile(r"(?P<stem>[A-Za-z][A-Za-z0-9-]*[A-Za-z] )(?P<first>\d+)(?P<rest>(?:/\d+)+)")
# stem + Greek-letter or Roman-numeral members: IKKalpha/beta, IL-1alpha/beta, ROCK-I/II.
_GREEK = "alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa"
_GREEK_SERIES = re.compile(
    rf"(?P<stem>[A-Za-z][A-Za-z0-9-]*?[A-Za-z0-9]-?)(?P<first>{_GREEK})(?P<rest>(?:/(?:{_GREEK}))+)"
)
_ROMAN_SERIES = re.compile(
    r"(?P<stem>[A-Za-z][A-Za-z0-9]*?[A-Za-z]-)(?P<first>I{1,3}|IV|V)(?P<rest>(?:/(?:I{1,3}|IV|V))+)"
)
# stem + a range of numbers: Mcm2-7, CXCL9-11 (at most ten members, the stem at least two letters).
_RANGE = re.compile(r"(?P<stem>[A-Za-z]{2}[A-Za-z0-9]*?[A-Za-z])(?P<first>\d+)-(?P<last>\d+)")
_MAX_RANGE = 10


def composite_members(text: str) -> list[str]:
    """The member names a composite mention stands for, or ``[]`` if it is not one.

    >>> composite_members("ERK1/2")
    ['ERK1', 'ERK2']
    >>> composite_members("Smad1/5/8")
    ['Smad1', 'Smad5', 'Smad8']
    >>> composite_members("F4/80")
    []
    >>> composite_members("Mcm2-7")
    ['Mcm2', 'Mcm3', 'Mcm4', 'Mcm5', 'Mcm6', 'Mcm7']
    """
    match = _RANGE.fullmatch(text)
    if match:
        first, last = int(match.group("first")), int(match.group("last"))
        if first < last <= first + _MAX_RANGE - 1 and not match.group("last").startswith("0"):
            return [f"{match.group('stem')}{n}" for n in range(first, last + 1)]
        return []
    for pattern in (_NUMBERED, _LETTERED, _SUFFIXED, _SPACED, _GREEK_SERIES, _ROMAN_SERIES):
        match = pattern.fullmatch(text)
        if match:
            stem = match.group("stem")
            members = [match.group("first"), *match.group("rest").strip("/").split("/")]
            return [stem + member for member in members]
    return []


_HYPHENATED = re.compile(r"(?P<stem>[A-Za-z][A-Za-z0-9]*-)(?P<first>[A-Z]?\d+[a-z]?|[A-Z])")
_SUFFIX = re.compile(r"-(?:[A-Z]?\d+[a-z]?|[A-Z])")
_JOINERS = frozenset({",", "and", "or"})


def coordinated_members(texts: list[str]) -> list[tuple[int, int, list[str]]]:
    """Coordinated suffixes of a hyphenated name, over tokens: ``caspase-3 and -9``, ``Notch-1, -3, -4``.

    Returns ``(start, end, member names)`` for each such run of tokens
    (``caspase-3``, ``caspase-9``).

    >>> coordinated_members(["caspase-3", "and", "-9", "were"])
    [(0, 3, ['caspase-3', 'caspase-9'])]
    """
    found = []
    for i, text in enumerate(texts):
        match = _HYPHENATED.fullmatch(text)
        if not match or i + 1 >= len(texts) or texts[i + 1] not in _JOINERS:
            continue
        names, end, j = [text], i + 1, i + 1
        while j < len(texts):
            if texts[j] in _JOINERS:
                j += 1
            elif _SUFFIX.fullmatch(texts[j]):
                names.append(match.group("stem") + texts[j][1:])
                end = j = j + 1
            else:
                break
        if len(names) > 1:
            found.append((i, end, names))
    return found
