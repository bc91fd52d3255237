"""Chemicals written inside one token: a name glued by a hyphen to the word after it.

The tokenizer splits a name from "-induced", "-treated", "-mediated" and a few
other words (:data:`kg.nlp.tokenizer.COMPOUND_SUFFIX_WORDS`), and the shipped
NER model was trained on exactly those tokens, so the list cannot grow without
retraining it. Other participles a substance takes stay glued to it:
"alcohol-exposed rats", "STZ-injected mice", "fluorouracil-based chemotherapy",
"lamivudine-containing regimens", "formalin-fixed, paraffin-embedded tissue",
"tamoxifen-inducible Cre". :func:`glued_chemical_name` finds the name in such a
token; the matcher grounds the token as that chemical where the name's best
reading is one.
"""

from __future__ import annotations

import re

__all__ = ["glued_chemical_name", "glued_name"]

# Words that follow a substance after a hyphen: what was given, what something is made of or
# kept in. Gene-only participles ("-null", "-overexpressing") are read in kg.nlp.entity_genes.
_GLUED = re.compile(
    r"(?P<name>[A-Za-z0-9][A-Za-z0-9-]*?[A-Za-z0-9])-(?:based|containing|devoid|embedded|exposed|fixed|"
    r"inducible|injected|loaded|pretreated|supplemented)",
    re.IGNORECASE,
)


def glued_chemical_name(text: str) -> str | None:
    """The name glued to a participle in one token ("alcohol-exposed" -> "alcohol"), else None."""
    return glued_name(_GLUED, text)


def glued_name(pattern: re.Pattern[str], text: str) -> str | None:
    """The ``name`` group of ``pattern`` matching the whole hyphenated ``text``, else None."""
    if "-" not in text:
        return None
    match = pattern.fullmatch(text)
    return match.group("name") if match else None
