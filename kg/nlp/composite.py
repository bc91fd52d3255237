"""Composite gene mentions: ``ERK1/2``, ``Smad1/5/8``, ``CDKN2A/B``, ``caspase-3 and -9``.

A slash between numbers or letters that continue one stem names several
members of a family at once. :func:`composite_members` reads the members'
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


def composite_members(text: str) -> list[str]:
    """The member names a composite mention stands for, or ``[]`` if it is not one.

    >>> composite_members("ERK1/2")
    ['ERK1', 'ERK2']
    >>> composite_members("Smad1/5/8")
    ['Smad1', 'Smad5', 'Smad8']
    >>> composite_members("F4/80")
    []
    """
    for pattern in (_NUMBERED, _LETTERED, _SUFFIXED):
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
