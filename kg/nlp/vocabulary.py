"""The curated vocabulary in ``ontology/vocabulary.tsv`` and its surface variants.

Each row is one concept: a CURIE, a Biolink category, a preferred name,
case-sensitive ``symbols`` (``IL-6``, ``CD126``) and case-insensitive
``synonyms`` (``interleukin-6``). :func:`surface_variants` expands each form
into the spellings papers use (hyphen/space, Greek letters, British and
American spelling, plurals, ``CD8+`` / ``CD8-positive``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.model import Concept

__all__ = [
    "VocabularyEntry",
    "default_ontology_dir",
    "load_vocabulary",
    "surface_variants",
]

VOCABULARY_COLUMNS = ("curie", "category", "name", "symbols", "synonyms", "xrefs", "taxon")


@dataclass(frozen=True, slots=True)
class VocabularyEntry:
    """One row of ``vocabulary.tsv``."""

    concept: Concept
    symbols: tuple[str, ...]
    synonyms: tuple[str, ...]
    taxon: str | None


def default_ontology_dir() -> Path:
    """Return the ``ontology/`` folder: packaged copy first, else the source tree's."""
    packaged = resources.files("kg") / "ontology"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "ontology"


def _split(cell: str | None) -> tuple[str, ...]:
    if not cell:
        return ()
    return tuple(part.strip() for part in cell.split("|") if part.strip())


@lru_cache(maxsize=4)
def load_vocabulary(path: Path | None = None) -> tuple[VocabularyEntry, ...]:
    """Read the curated vocabulary.

    Parameters
    ----------
    path
        A ``vocabulary.tsv``; defaults to the one in :func:`default_ontology_dir`.

    Returns
    -------
    tuple of VocabularyEntry
        In file order.

    Raises
    ------
    ValueError
        If the header is not the expected one or a row has no CURIE/category.
    """
    path = Path(path) if path else default_ontology_dir() / "vocabulary.tsv"
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)
        if tuple(reader.fieldnames or ()) != VOCABULARY_COLUMNS:
            raise ValueError(
                f"{path}: expected columns {', '.join(VOCABULARY_COLUMNS)}, "
                f"found {', '.join(reader.fieldnames or ())}"
            )
        entries = []
        for line_number, row in enumerate(reader, start=2):
            if not row["curie"] or not row["category"]:
                raise ValueError(f"{path}:{line_number}: a row needs a curie and a category")
            concept = Concept(
                curie=row["curie"].strip(),
                category=row["category"].strip(),
                name=row["name"].strip(),
                synonyms=tuple(dict.fromkeys(_split(row["symbols"]) + _split(row["synonyms"]))),
                xrefs=_split(row["xrefs"]),
            )
            entries.append(
                VocabularyEntry(
                    concept=concept,
                    symbols=_split(row["symbols"]),
                    synonyms=_split(row["synonyms"]) + ((concept.name,) if concept.name else ()),
                    taxon=(row["taxon"] or "").strip() or None,
                )
            )
    return tuple(entries)


_GREEK = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "ε": "epsilon",
    "κ": "kappa",
    "λ": "lambda",
    "μ": "mu",
    "τ": "tau",
    "ω": "omega",
}
_SPELLING_PAIRS = (
    ("tumour", "tumor"),
    ("signalling", "signaling"),
    ("oedema", "edema"),
    ("leukaemia", "leukemia"),
    ("anaemia", "anemia"),
    ("oestrogen", "estrogen"),
)
_CD_POSITIVE = re.compile(r"\b(CD\d+[a-z]?)(?:\+|-positive| positive)", re.IGNORECASE)


def _greek_variants(form: str) -> set[str]:
    variants = {form}
    for letter, word in _GREEK.items():
        for variant in list(variants):
            if letter in variant:
                variants.add(variant.replace(letter, word))
                variants.add(variant.replace(letter, "-" + word).replace("--", "-"))
            spelled = rf"(?<=[\dA-Z\-\s])(?:{word}|{word.capitalize()})\b"
            if re.search(spelled, variant):
                variants.add(re.sub(spelled, letter, variant))
    return variants


def _hyphen_variants(form: str) -> set[str]:
    variants = {form}
    if "-" in form:
        variants.add(form.replace("-", " "))
        # "IL-6" -> "IL6" only where a hyphen joins letters to digits
        variants.add(re.sub(r"(?<=[A-Za-z])-(?=\d)", "", form))
    if " " in form:
        variants.add(form.replace(" ", "-"))
    return variants


def _spelling_variants(form: str) -> set[str]:
    variants = {form}
    for british, american in _SPELLING_PAIRS:
        for variant in list(variants):
            lower = variant.lower()
            if british in lower:
                variants.add(re.sub(british, american, variant, flags=re.IGNORECASE))
            if american in lower:
                variants.add(re.sub(american, british, variant, flags=re.IGNORECASE))
    return variants


def _cd_positive_variants(form: str) -> set[str]:
    if not _CD_POSITIVE.search(form):
        return {form}
    return {_CD_POSITIVE.sub(rf"\g<1>{suffix}", form) for suffix in ("+", "-positive", " positive")}


_IRREGULAR_PLURALS = {"mouse": "mice", "child": "children", "person": "people"}
_NO_PLURAL_ENDINGS = ("s", "x", "ing", "ia", "ism", "ity", "sis", "ness", "ion", "ed", "al")


def _plural(form: str) -> str | None:
    head, _, last = form.rpartition(" ")
    lower = last.lower()
    if lower in _IRREGULAR_PLURALS:
        plural = _IRREGULAR_PLURALS[lower]
    elif not lower.isalpha() or len(lower) < 3 or lower.endswith(_NO_PLURAL_ENDINGS):
        return None
    elif lower.endswith("y") and lower[-2] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return f"{head} {plural}" if head else plural


def surface_variants(form: str, *, case_sensitive: bool) -> Iterator[str]:
    """Yield the spellings of ``form`` that papers use, ``form`` itself first.

    Parameters
    ----------
    form
        A symbol (``IL-6``) or a synonym (``CD8-positive T cell``).
    case_sensitive
        Symbols are not pluralised (``TAMs`` is listed explicitly where used).

    Yields
    ------
    str
        Distinct variants, in a deterministic order.
    """
    variants: set[str] = {form}
    for expand in (_cd_positive_variants, _greek_variants, _hyphen_variants, _spelling_variants):
        variants = {new for old in variants for new in expand(old)}
    if not case_sensitive:
        variants |= {plural for variant in variants if (plural := _plural(variant))}
    yield form
    yield from sorted(variants - {form})


def concepts_by_curie(entries: Iterable[VocabularyEntry]) -> dict[str, Concept]:
    """Index vocabulary concepts by CURIE."""
    return {entry.concept.curie: entry.concept for entry in entries}
