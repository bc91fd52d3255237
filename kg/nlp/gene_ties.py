"""Genes tied for a name: the one the paper also names otherwise goes first.

HGNC gives many short names to several genes ("p14" is an alias of both
CDKN2A, for p14ARF, and S100A9; "MT1" of MT1M and MT1G; "SP-A1" of SIPA1
and SFTPA1). The lexicon ties them and a fixed order decides.
A paper that names one of the tied genes elsewhere by another of its names
("p16INK4a" or "CDKN2A" beside "p14") tells which one it means. The same holds
for a gene whose reading of the name is close behind, such as one read with
other letter case: HGNC gives "IL-1Ra" to IL6R as written and to IL1RN as
"IL1RA", and a paper about "IL-1 receptor antagonist" means IL1RN.

A paper that names the first gene only by a shorter form of the name, the name
without a letter or two at its end, tells the two apart: "IL-1R" beside
"IL-1RA" (HGNC gives "IL1RA" to both IL1R1 and IL1RN) is the receptor, and
"IL-1RA" is the other gene, the one with the best reading after it.
"""

from __future__ import annotations

import re

from kg.nlp.candidates import Candidate

__all__ = ["named_elsewhere_first"]

_GENE = "biolink:Gene"
# How far behind the first a gene's score may be and still count as tied: a case variant
# (0.8 -> 0.68) is; a synonym against a preferred name (0.95 -> 0.9) too.
_CLOSE = 0.15
_FINAL_NUMBER = re.compile(r"\d+$")
_PUNCTUATION = re.compile(r"[^A-Za-z0-9]")


def _siblings(text: str, other: str) -> bool:
    """Whether two names differ only in their final number ("NK-1", "NK-2"): members of a series."""
    return bool(_FINAL_NUMBER.search(text) and _FINAL_NUMBER.search(other)) and (
        _FINAL_NUMBER.sub("", text) == _FINAL_NUMBER.sub("", other)
    )


def _shortened(text: str, other: str) -> bool:
    """Whether ``other`` is ``text`` without one or two final capitals ("IL-1R", "IL-1RA").

    Lower-case letters name a fragment or form of the same gene's product ("C5" and "C5a", the
    anaphylatoxin cut from C5), or a plural.
    """
    text, other = _PUNCTUATION.sub("", text), _PUNCTUATION.sub("", other)  # "IL-1-RA", "IL-1R"
    rest = text[len(other) :]
    return text.startswith(other) and 0 < len(rest) <= 2 and rest.isalpha() and rest.isupper()


def _named_otherwise(texts: set[str], text: str) -> bool:
    """Whether ``texts`` hold a name other than ``text`` and its numbered siblings."""
    return any(other != text and not _siblings(text, other) for other in texts)


def named_elsewhere_first(chosen: list[Candidate], texts: list[str]) -> list[Candidate]:
    """Reorder each gene candidate's tied groundings by what else the paper names.

    A candidate whose first grounding is a gene tied (a score at most
    ``_CLOSE`` lower, same category and species) with other genes keeps its order when the paper names its
    first gene under another text too, or when not exactly one of the others
    is named so; otherwise that one other gene goes first. A sibling in a
    numbered series is no other name ("NK-2" beside "NK-1" says nothing about
    which gene "NK-1" is).

    Parameters
    ----------
    chosen
        The matcher's chosen candidates (any categories).
    texts
        The Doc's token texts.

    Returns
    -------
    list[Candidate]
        ``chosen``, with reordered candidates replaced (same order, same spans).
    """
    spelled: dict[str, set[str]] = {}
    tied_at: list[tuple[int, str, list[str]]] = []
    for i, c in enumerate(chosen):
        best = c.best
        if best.category != _GENE:
            continue
        text = "".join(texts[c.start : c.end])
        spelled.setdefault(best.curie, set()).add(text)
        tied = [
            g.curie
            for g in c.groundings[1:]
            if g.category == _GENE and g.taxon == best.taxon and g.score >= best.score - _CLOSE
        ]
        if tied:
            tied_at.append((i, text, tied))
    if not tied_at:
        return chosen
    result = list(chosen)
    for i, text, tied in tied_at:
        c = chosen[i]
        others = {o for o in spelled[c.best.curie] if o != text and not _siblings(text, o)}
        shortened = bool(others) and all(_shortened(text, o) for o in others)
        if others and not shortened:
            continue  # the paper names the first gene otherwise too
        named = [curie for curie in tied if _named_otherwise(spelled.get(curie, set()), text)]
        if shortened and not named:
            # "IL-1R" beside "IL-1RA": the first gene has the shorter name; the next best reading
            top = max(g.score for g in c.groundings if g.curie in tied)
            named = [g.curie for g in c.groundings if g.curie in tied and g.score == top]
        if len(named) != 1:
            continue
        first = next(g for g in c.groundings if g.curie == named[0])
        result[i] = Candidate(c.start, c.end, (first, *(g for g in c.groundings if g is not first)), c.source)
    return result
