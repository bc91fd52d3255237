"""Gene names with their leading words abbreviated, as papers write them.

HGNC's approved names spell out what papers abbreviate: IL1RN is
"interleukin 1 receptor antagonist" (papers: "IL-1 receptor antagonist"),
CNTFR "ciliary neurotrophic factor receptor" ("CNTF receptor"), PRKCZ
"protein kinase C zeta" ("PKC zeta"), IL2RB "interleukin 2 receptor subunit
beta" ("IL-2 receptor beta"). :func:`abbreviated_gene_names` writes such a
name with its longest leading words replaced by their short form, where the
sources give one:

* another gene's approved name and symbol ("ciliary neurotrophic factor" is CNTF);
* a FamPlex family's name and its all-capital identifier ("protein kinase C" is PKC);
* the naming convention of a numbered gene series, read from HGNC itself: where at
  least three approved names "<words> <number>" have the symbol "<LETTERS><number>"
  with the same words and letters ("interleukin 2" IL2, "interleukin 3" IL3 ...),
  the words abbreviate to the letters ("interleukin 1 ..." -> "IL 1 ...").

"subunit" is also left out of the result ("IL-2 receptor subunit beta" ->
"IL-2 receptor beta"). The builder adds a variant only where its key is no key of
any concept and no other gene's variant has it (:func:`kg.lexicon.build.serialise`),
so it fills gaps and never changes what an existing name grounds to.

:func:`roman_numeral_names` writes an approved name that ends in a number with
that number as a Roman numeral, as papers name many enzymes and receptors: LIG3
"DNA ligase 3" ("DNA ligase III"), HDAC2 "histone deacetylase 2" ("histone
deacetylase II"), CA7 "carbonic anhydrase 7" ("carbonic anhydrase VII"). The
builder adds them on the same terms.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from kg.lexicon.normalize import key
from kg.lexicon.sources import SourceConcept

__all__ = ["abbreviated_gene_names", "roman_numeral_names", "series_abbreviations"]

_SERIES_NAME = re.compile(r"^([a-z][a-z ]*[a-z]) (\d+)$")
_SERIES_SYMBOL = re.compile(r"^([A-Z]+)(\d+)$")
_FAMILY_ID = re.compile(r"^[A-Z][A-Z0-9]+$")
# Names of genes that make no protein, whose abbreviated forms papers do not write.
_NOT_A_PROTEIN = re.compile(r"\b(?:pseudogene|RNA|readthrough|non-protein coding)\b")
# The abbreviated name keeps a word ("PKC zeta"), not only a number ("transferrin receptor 2").
_WORD = re.compile(r"^[A-Za-z]{3,}")
# Agreeing genes a series convention needs before its words are read as abbreviated.
_SERIES_MIN = 3
# An approved name ending in a number after a word ("DNA ligase 3"), and the numerals papers write.
_FINAL_NUMBER = re.compile(r"^(?P<words>.*[A-Za-z]) (?P<number>\d+)$")
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 10: "X"}


def series_abbreviations(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Words -> letters of numbered series in (approved name, approved symbol) pairs.

    ``("interleukin 2", "IL2")``, ``("interleukin 3", "IL3")`` and a third such
    pair give ``{"interleukin": "IL"}``; words abbreviated two ways are left out.
    """
    seen: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for name, symbol in pairs:
        named, symbolised = _SERIES_NAME.match(name), _SERIES_SYMBOL.match(symbol)
        if named and symbolised and named.group(2) == symbolised.group(2):
            seen[named.group(1)][symbolised.group(1)] += 1
    return {
        words: next(iter(letters))
        for words, letters in sorted(seen.items())
        if len(letters) == 1 and next(iter(letters.values())) >= _SERIES_MIN
    }


def _short_forms(concepts: list[SourceConcept]) -> dict[str, str]:
    """Key of a long name -> its short form (gene symbols, FamPlex identifiers, series letters)."""
    short: dict[str, str] = {}
    pairs = []
    for concept in concepts:
        if concept.source == "HGNC" and concept.category == "biolink:Gene":
            for form, tier, symbol in concept.forms:
                if tier == 0 and not symbol:
                    pairs.append((form, concept.name))
                    short.setdefault(key(form), concept.name)
        elif concept.source == "FPLX" and _FAMILY_ID.match(concept.name):
            for form, _, symbol in concept.forms:
                if not symbol and " " in form:
                    short.setdefault(key(form), concept.name)
    for words, letters in series_abbreviations(pairs).items():
        short.setdefault(key(words), letters)
    return short


def abbreviated_gene_names(concepts: list[SourceConcept]) -> dict[str, list[str]]:
    """HGNC CURIE -> its approved name with the longest abbreviable leading words abbreviated.

    Only a proper prefix of whole words is abbreviated (the rest must name
    something: "ciliary neurotrophic factor receptor" -> "CNTF receptor").
    """
    short = _short_forms(concepts)
    found: dict[str, list[str]] = {}
    for concept in concepts:
        if concept.source != "HGNC" or concept.category != "biolink:Gene":
            continue
        for form, tier, symbol in concept.forms:
            if tier != 0 or symbol:
                continue
            if _NOT_A_PROTEIN.search(form) or "," in form or "(" in form:
                continue  # pseudogenes, RNA genes; inverted or qualified names
            words = form.split(" ")
            for cut in range(len(words) - 1, 0, -1):
                letters = short.get(key(" ".join(words[:cut])))
                rest = words[cut:]
                if letters and letters != concept.name and any(_WORD.match(w) for w in rest):
                    variants = [" ".join([letters, *rest])]
                    if "subunit" in rest:
                        variants.append(" ".join([letters, *(w for w in rest if w != "subunit")]))
                    found[concept.curie] = variants
                    break
    return found


def roman_numeral_names(concepts: list[SourceConcept]) -> dict[str, list[str]]:
    """HGNC CURIE -> its approved name with the final number (1 to 10) as a Roman numeral.

    ``"DNA ligase 3"`` -> ``["DNA ligase III"]``; names of genes that make no
    protein, and inverted or qualified names (a comma or bracket), give none.
    """
    found: dict[str, list[str]] = {}
    for concept in concepts:
        if concept.source != "HGNC" or concept.category != "biolink:Gene":
            continue
        for form, tier, symbol in concept.forms:
            if tier != 0 or symbol or _NOT_A_PROTEIN.search(form) or "," in form or "(" in form:
                continue
            numbered = _FINAL_NUMBER.match(form)
            if numbered and int(numbered.group("number")) in _ROMAN:
                roman = _ROMAN[int(numbered.group("number"))]
                found.setdefault(concept.curie, []).append(f"{numbered.group('words')} {roman}")
    return found
