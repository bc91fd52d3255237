"""Names of drug toxicity and organ damage, grounded to MeSH's organ-disease headings.

Papers name harm to an organ by composing words the vocabularies list only
as headings: "nephrotoxicity", "renal injury", "cardiac dysfunction",
"hepatotoxic". MeSH files each under its organ's disease heading ("Kidney
Diseases", "Heart Diseases", "Chemical and Drug Induced Liver Injury"), and
"toxicity" of a drug on its own under "Drug-Related Side Effects and
Adverse Reactions" (whose entry term was "Drug Toxicity"). This module
recognises those compositions, for the dictionary component to ground where
no vocabulary entry names the text itself (a heading the lexicon has, such
as "Cardiotoxicity", wins as a longer or better match).

The target is named by its MeSH heading and looked up in the lexicon, so no
identifier is hard-coded here.
"""

from __future__ import annotations

import re

__all__ = ["ORGAN_DAMAGE_SCORE", "TOXICITY_HEADING", "organ_damage_names"]

#: Score of a grounding composed here: below a synonym (0.9), at the alias level.
ORGAN_DAMAGE_SCORE = 0.8
TOXICITY_HEADING = "Drug-Related Side Effects and Adverse Reactions"

# Organ word -> (MeSH heading for toxic harm, MeSH heading for failing function).
_ORGANS = {
    "renal": ("Kidney Diseases", "Kidney Diseases"),
    "kidney": ("Kidney Diseases", "Kidney Diseases"),
    "nephro": ("Kidney Diseases", "Kidney Diseases"),
    "hepatic": ("Chemical and Drug Induced Liver Injury", "Liver Diseases"),
    "liver": ("Chemical and Drug Induced Liver Injury", "Liver Diseases"),
    "hepato": ("Chemical and Drug Induced Liver Injury", "Liver Diseases"),
    "cardiac": ("Cardiotoxicity", "Heart Diseases"),
    "heart": ("Cardiotoxicity", "Heart Diseases"),
    "myocardial": ("Cardiotoxicity", "Heart Diseases"),
    "cardio": ("Cardiotoxicity", "Heart Diseases"),
    "neuro": ("Neurotoxicity Syndromes", "Nervous System Diseases"),
    "neural": ("Neurotoxicity Syndromes", "Nervous System Diseases"),
    "pulmonary": ("Lung Diseases", "Lung Diseases"),
    "lung": ("Lung Diseases", "Lung Diseases"),
    "pneumo": ("Lung Diseases", "Lung Diseases"),
}
_TOXIC_WORDS = frozenset({"toxicity", "toxicities", "injury", "injuries", "damage"})
_FAILING_WORDS = frozenset({"dysfunction", "dysfunctions", "impairment", "impairments"})
# "nephrotoxicity", "hepatotoxic", "cardiotoxicities"; "toxicity" alone.
_ONE_WORD = re.compile(r"(nephro|hepato|cardio|neuro|pneumo)?toxic(?:ity|ities)?")


def organ_damage_names(lowers: list[str], breaks: list[bool]) -> list[tuple[int, int, str]]:
    """Return ``(start, end, MeSH heading)`` for each organ-damage name in the tokens.

    Parameters
    ----------
    lowers
        The lower-cased token texts of a document.
    breaks
        Tokens no name crosses (sentence punctuation).
    """
    found = []
    for i, word in enumerate(lowers):
        match = _ONE_WORD.fullmatch(word)
        if match:
            organ = match.group(1)
            if organ:
                found.append((i, i + 1, _ORGANS[organ][0]))
            elif word != "toxic":  # "toxic" alone qualifies a noun ("toxic effects")
                found.append((i, i + 1, TOXICITY_HEADING))
            continue
        if word in _ORGANS and i + 1 < len(lowers) and not breaks[i + 1]:
            following = lowers[i + 1]
            if following in _TOXIC_WORDS:
                found.append((i, i + 2, _ORGANS[word][0]))
            elif following in _FAILING_WORDS:
                found.append((i, i + 2, _ORGANS[word][1]))
    return found
