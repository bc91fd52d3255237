"""Labels that gene aliases happen to spell: numbered series ("P1 to P11", "T1-T4"), quantities.

A paper that numbers its polymorphisms, patients, tumour stages or grades
writes one capital letter with consecutive numbers ("P12 to P14", "T1, T2
and T3", "G1-3"); HGNC lists some such strings as aliases ("P14", "P19"),
but in that paper they are labels, not genes. One pass over the token texts.
A quantity written with its subscript in brackets ("F(ST)", "I(Ks)") is no gene
either (:func:`subscript_notation`), nor is a word that spells a hyphenated symbol
without its hyphen ("SNARE" is no "SNAR-E", :func:`unhyphenated_symbol`).
"""

from __future__ import annotations

import re

__all__ = ["series_labels", "subscript_notation", "unhyphenated_symbol"]

_LABEL = re.compile(r"([A-Z])(\d{1,3})")
# One letter, an opening bracket and letters: a quantity's subscript, "F(ST", "I[Ks" (the tokenizer
# leaves the closing bracket apart).
_SUBSCRIPT = re.compile(r"[A-Za-z][(\[][A-Za-z]+")
# Consecutive numbers under one letter that make it a label series.
_RUN = 3


def series_labels(texts: list[str]) -> frozenset[int]:
    """Indices of tokens that are one capital letter and a number the text uses as a series.

    A letter counts when the text writes it with at least three consecutive
    numbers ("P12", "P13", "P14"; "T1", "T2", "T3"); every token of that
    letter and a number is then a label. Numbers that do not run ("C42, C48
    and C53", three genes) and lower-case protein names ("p16, p21, p27") are
    not labels.

    >>> sorted(series_labels(["P1", "to", "P3", "and", "P2", "with", "P14", "C3", "C5"]))
    [0, 2, 4, 6]
    >>> sorted(series_labels(["C42", ",", "C48", "and", "C53"]))
    []
    """
    numbers: dict[str, set[int]] = {}
    at: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        if len(text) > 4 or not text[:1].isupper():
            continue
        match = _LABEL.fullmatch(text)
        if match:
            numbers.setdefault(match.group(1), set()).add(int(match.group(2)))
            at.setdefault(match.group(1), []).append(i)
    labels: set[int] = set()
    for letter, found in numbers.items():
        if len(found) >= _RUN and any(all(n + k in found for k in range(_RUN)) for n in found):
            labels.update(at[letter])
    return frozenset(labels)


def subscript_notation(text: str) -> bool:
    """Whether a token is one letter with a bracketed subscript: "F(ST" (F_ST), "I(Ks" (I_Ks).

    The lookup key drops the bracket and spells a symbol ("FST" follistatin, "IKs"
    IK); a population-genetics index or an ionic current is no gene.

    >>> subscript_notation("F(ST"), subscript_notation("I[Ks"), subscript_notation("CD4(+")
    (True, True, False)
    """
    return _SUBSCRIPT.fullmatch(text) is not None


def unhyphenated_symbol(text: str, name: str) -> bool:
    """Whether ``text`` spells the hyphenated gene symbol ``name`` without its hyphen.

    The lookup key drops punctuation, so "SNARE" (the proteins) meets "SNAR-E", a
    small RNA gene's approved symbol; papers write such symbols with the hyphen
    ("HLA-A", "NKX2-1", "MT-CO1"), and a text without it that also names a concept of
    no species (a MeSH heading, a family) names that. The caller checks the latter:
    "HLAA", with no other reading, is still HLA-A.

    >>> unhyphenated_symbol("SNARE", "SNAR-E"), unhyphenated_symbol("HLA-A", "HLA-A")
    (True, False)
    """
    return "-" in name and "-" not in text and text.replace(" ", "") == name.replace("-", "")
