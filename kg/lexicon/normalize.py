"""Normalised lookup keys shared by the lexicon builder and the matcher.

A surface form and a run of document tokens meet on one key: Unicode
compatibility form, Greek letters spelled out, ``+`` read as ``positive``,
and everything but letters and digits dropped. So ``IL-6``, ``IL 6`` and
``IL6`` share ``il6``; ``TNF-α`` and ``TNF alpha`` share ``tnfalpha``;
``CD4+`` and ``CD4-positive`` share ``cd4positive``. The *cased* key keeps
letter case, which the matcher needs for short symbols (``CAT`` is not
``cat``, ``Il6`` is a mouse gene, ``IL6`` a human one).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["GREEK", "cased_key", "is_case_sensitive", "key", "plural_stems"]

GREEK = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "ε": "epsilon",
    "ζ": "zeta",
    "η": "eta",
    "θ": "theta",
    "ι": "iota",
    "κ": "kappa",
    "λ": "lambda",
    "μ": "mu",
    "ν": "nu",
    "ξ": "xi",
    "π": "pi",
    "ρ": "rho",
    "σ": "sigma",
    "τ": "tau",
    "φ": "phi",
    "χ": "chi",
    "ψ": "psi",
    "ω": "omega",
}
# Cyrillic Ef is written for phi ("MФ", macrophage); the ASCII-only key would drop it and leave "M",
# which would then match every molar concentration ("1 M NaCl").
_LOOKALIKES = {"Ф": "phi", "ф": "phi"}
_GREEK_TABLE = str.maketrans(
    {**GREEK, **{k.upper(): v for k, v in GREEK.items()}, **_LOOKALIKES, "+": "positive"}
)
_DROP = re.compile(r"[^0-9A-Za-z]+")


@lru_cache(maxsize=262144)
def cased_key(text: str) -> str:
    """Return the case-preserving key of ``text`` (``IL-6`` -> ``IL6``)."""
    text = unicodedata.normalize("NFKC", text).replace("µ", "μ").translate(_GREEK_TABLE)
    return _DROP.sub("", text)


def key(text: str) -> str:
    """Return the lookup key of ``text`` (``Interleukin-6`` -> ``interleukin6``)."""
    return cased_key(text).lower()


def is_case_sensitive(form: str, *, symbol: bool) -> bool:
    """Whether ``form`` must match with its letter case.

    Symbols always do; other forms do when written without lower case
    letters (``AIDS`` the disease is not ``aids`` the verb) or when short,
    unless they are one capitalised word (MeSH's ``Pain``, ``Edema``).
    """
    if symbol:
        return True
    compact = cased_key(form)
    if not any(ch.islower() for ch in compact):
        return True
    # A capitalised word is a heading, not an acronym: MeSH's "Pain" is "pain".
    heading = form.isalpha() and len(form) >= 4 and form[0].isupper() and form[1:].islower()
    return len(compact) <= 5 and not heading


def plural_stems(cased: str) -> tuple[str, ...]:
    """Singular candidates for a cased key that may be a plural (``Tregs``, ``cytokines``)."""
    stems = []
    if len(cased) >= 4 and cased.endswith("ies"):
        stems.append(cased[:-3] + "y")
    if len(cased) >= 3 and cased.endswith("s") and not cased.endswith("ss"):
        stems.append(cased[:-1])
    if cased.lower().endswith("mice"):
        stems.append(cased[:-4] + ("Mouse" if cased[-4] == "M" else "mouse"))
    return tuple(stems)
