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

A drug's salt is named by the parent compound and its counter-ion ("alendronate
sodium", "sodium valproate"); MeSH indexes it under the parent's heading.
:data:`COUNTER_IONS` lists the ion words, :func:`salt_parent` finds the parent's name.
"""

from __future__ import annotations

import re

__all__ = ["COUNTER_IONS", "glued_chemical_name", "glued_name", "salt_parent"]

#: Words naming only the counter-ion of a drug's salt, written after the parent compound
#: ("alendronate sodium", "gentamicin sulfate", "pancuronium bromide", "dosulepine
#: hydrochloride"; a metal also before it, "sodium valproate"). Anions whose name after a
#: compound is more often an ester of it ("acetate", "phosphate", "nitrate": "cortisone
#: acetate", "pentose phosphate") are not among them; sulfate is, as drugs are sold as
#: sulfates (morphine, atropine, gentamicin) and the common sulfate esters have names of
#: their own in the lexicon ("heparan sulfate").
COUNTER_IONS = frozenset(
    {
        "sodium", "disodium", "potassium", "dipotassium", "calcium", "magnesium", "lithium",
        "hydrochloride", "dihydrochloride", "hcl", "hydrobromide", "dihydrobromide",
        "chloride", "bromide", "iodide", "mesylate", "mesilate", "maleate", "fumarate",
        "tartrate", "bitartrate", "citrate", "besylate", "besilate", "tosylate", "succinate",
        "sulfate", "sulphate", "bisulfate", "monohydrate", "dihydrate", "trihydrate",
    }
)  # fmt: skip

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


def salt_parent(text: str) -> str | None:
    """The parent compound's name in a salt's name, else None.

    "alendronate sodium" -> "alendronate", "gentamicin sulfate" -> "gentamicin",
    "sodium valproate" -> "valproate": a metal also comes first, before the name of
    an anion ("-ate", "-ite", "-ide"; "calcium ions" is no salt). A text that is the
    ion alone, or a name of more than four words, gives None.
    """
    words = text.split()
    if not 2 <= len(words) <= 4:
        return None
    if words[-1].lower() in COUNTER_IONS:
        return " ".join(words[:-1])
    if words[0].lower() in _METALS and words[-1].lower().endswith(_ANION_ENDINGS):
        return " ".join(words[1:])
    return None


# The counter-ions written before the parent ("sodium valproate", "potassium aspartate").
_METALS = frozenset({"sodium", "disodium", "potassium", "dipotassium", "calcium", "magnesium", "lithium"})
_ANION_ENDINGS = ("ate", "ite", "ide")
