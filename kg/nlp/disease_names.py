"""Composed disease names grounded to MeSH headings: organ damage, drug toxicity, inherited disorders.

Papers name harm to an organ by composing words the vocabularies list only
as headings: "nephrotoxicity", "renal injury", "cardiac dysfunction",
"hepatotoxic". MeSH files each under its organ's disease heading ("Kidney
Diseases", "Heart Diseases", "Chemical and Drug Induced Liver Injury"), and
"toxicity" of a drug on its own under "Drug-Related Side Effects and
Adverse Reactions" (whose entry term was "Drug Toxicity"), an "overdose"
under "Drug Overdose" (entry term "Overdose, Drug"). This module
recognises those compositions, the inherited-disorder classes ("an
autosomal recessive disorder", "X-linked disorders", "genetic defect": MeSH
"Genetic Diseases, Inborn" and "Genetic Diseases, X-Linked"), and the
signs that name a system's disease by its part or its old heading
(:func:`_system_signs`: "myelosuppression" and "bone marrow suppression",
disease of the bone marrow, are "Bone Marrow Diseases"; "extrapyramidal
symptoms" are "Basal Ganglia Diseases", whose entry term is "Extrapyramidal
Disorders"; a "neuropathy" with no other word is a disease of the nervous
system, "Nervous System Diseases"; "convulsions" are "Seizures"; a part's
disorder or toxicity is its "<Part> Diseases", "gastrointestinal toxicity"
"Gastrointestinal Diseases"; an infection named by its agent is MeSH's
heading for the genus or family, "neisserial infections" "Neisseriaceae
Infections"), for the dictionary component to ground where
no vocabulary entry names the text itself (a heading the lexicon has, such
as "Cardiotoxicity", wins as a longer or better match).

The target is named by its MeSH heading and looked up in the lexicon, so no
identifier is hard-coded here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.nlp.chemical_tokens import glued_name

if TYPE_CHECKING:
    from kg.lexicon.store import Lexicon

__all__ = [
    "COMPOSED_SCORE",
    "HBOC_HEADING",
    "HEREDITY_WORDS",
    "TOXICITY_HEADING",
    "composed_disease_names",
    "glued_disease_name",
    "heredity_modifiers",
    "inherited_heading",
]

#: Score of a grounding composed here: below a synonym (0.9), at the alias level.
COMPOSED_SCORE = 0.8
TOXICITY_HEADING = "Drug-Related Side Effects and Adverse Reactions"

# Organ word -> (MeSH heading for toxicity, for injury or damage, for failing function). Toxicity
# is harm done by a substance; an injured or damaged heart is a diseased one, whatever the cause
# ("cardiac damage" is Heart Diseases), and the heart muscle's diseases are Cardiomyopathies
# (entry term "Myocardial Diseases"). MeSH's liver heading for injury names drugs and chemicals.
_LIVER_INJURY = "Chemical and Drug Induced Liver Injury"
_ORGANS = {
    "renal": ("Kidney Diseases", "Kidney Diseases", "Kidney Diseases"),
    "kidney": ("Kidney Diseases", "Kidney Diseases", "Kidney Diseases"),
    "nephro": ("Kidney Diseases", "Kidney Diseases", "Kidney Diseases"),
    "hepatic": (_LIVER_INJURY, _LIVER_INJURY, "Liver Diseases"),
    "liver": (_LIVER_INJURY, _LIVER_INJURY, "Liver Diseases"),
    "hepato": (_LIVER_INJURY, _LIVER_INJURY, "Liver Diseases"),
    "cardiac": ("Cardiotoxicity", "Heart Diseases", "Heart Diseases"),
    "heart": ("Cardiotoxicity", "Heart Diseases", "Heart Diseases"),
    "myocardial": ("Cardiotoxicity", "Cardiomyopathies", "Cardiomyopathies"),
    "cardio": ("Cardiotoxicity", "Heart Diseases", "Heart Diseases"),
    "cardiovascular": ("Cardiovascular Diseases", "Cardiovascular Diseases", "Cardiovascular Diseases"),
    "neuro": ("Neurotoxicity Syndromes", "Neurotoxicity Syndromes", "Nervous System Diseases"),
    "neural": ("Neurotoxicity Syndromes", "Neurotoxicity Syndromes", "Nervous System Diseases"),
    "neurologic": ("Neurotoxicity Syndromes", "Nervous System Diseases", "Nervous System Diseases"),
    "neurological": ("Neurotoxicity Syndromes", "Nervous System Diseases", "Nervous System Diseases"),
    "pulmonary": ("Lung Diseases", "Lung Diseases", "Lung Diseases"),
    "lung": ("Lung Diseases", "Lung Diseases", "Lung Diseases"),
    "pneumo": ("Lung Diseases", "Lung Diseases", "Lung Diseases"),
    "mitochondrial": ("Mitochondrial Diseases", "Mitochondrial Diseases", "Mitochondrial Diseases"),
}  # fmt: skip
_TOXICITY_WORDS = frozenset({"toxicity", "toxicities"})
_TOXIC_WORDS = frozenset({"toxicity", "toxicities", "injury", "injuries", "damage"})
# A failing organ, or an organ a disease is found in ("renal involvement", "cardiovascular
# complications", "renal lesions"): the organ's disease heading. So is an organ's necrosis
# ("myocardial necrosis" is Cardiomyopathies): MeSH's Necrosis is the process in no organ.
_FAILING_WORDS = frozenset(
    {"dysfunction", "dysfunctions", "impairment", "impairments", "involvement", "complication",
     "complications", "lesion", "lesions", "abnormality", "abnormalities", "necrosis"}
)  # fmt: skip
# "nephrotoxicity", "hepatotoxic", "cardiotoxicities"; "toxicity" alone.
_ONE_WORD = re.compile(r"(nephro|hepato|cardio|neuro|pneumo)?toxic(?:ity|ities)?")


_INHERITED = frozenset({"recessive", "dominant", "genetic", "inherited", "hereditary", "xlinked"})
_INHERITED_MODIFIERS = _INHERITED | {"autosomal", "human", "rare"}
_DISORDER_WORDS = frozenset(
    {"disorder", "disorders", "disease", "diseases", "defect", "defects", "abnormality", "abnormalities",
     "condition", "conditions", "syndrome", "syndromes"}
)  # fmt: skip


def composed_disease_names(
    lowers: list[str], breaks: list[bool], texts: list[str] | None = None
) -> list[tuple[int, int, str]]:
    """Return ``(start, end, MeSH heading)`` for each composed disease name in the tokens.

    Parameters
    ----------
    lowers
        The lower-cased token texts of a document.
    breaks
        Tokens no name crosses (sentence punctuation).
    texts
        The token texts as written (``None``: ``lowers``), for rules that tell a
        proper name by its capitals (:func:`_psychiatric`).
    """
    found = []
    for i, word in enumerate(lowers):
        if "toxic" not in word and "overdose" not in word and word not in _ORGANS:
            continue
        if word in ("overdose", "overdoses"):
            found.append((i, i + 1, "Drug Overdose"))
            continue
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
            if word.startswith("neurolog") and following in ("deficit", "deficits"):
                found.append((i, i + 2, "Neurologic Manifestations"))  # MeSH's heading for neurological signs
            elif following in _TOXIC_WORDS:
                found.append((i, i + 2, _ORGANS[word][0 if following in _TOXICITY_WORDS else 1]))
            elif following in _FAILING_WORDS:
                found.append((i, i + 2, _ORGANS[word][2]))
    return (
        found + _inherited_disorders(lowers, breaks) + _system_signs(lowers, breaks)
        + _breast_ovarian_syndrome(lowers, breaks) + _psychiatric(lowers, texts or lowers)
        + _enzyme_deficiency(lowers, breaks, texts or lowers) + _depressed(lowers, breaks)
    )  # fmt: skip


# People a mood is said of ("depressed patients", "a depressed elderly woman").
_PERSONS = frozenset(
    {"patient", "patients", "outpatient", "outpatients", "inpatient", "inpatients", "subject", "subjects",
     "individual", "individuals", "person", "persons", "people", "man", "men", "woman", "women",
     "adolescent", "adolescents", "child", "children", "adult", "adults", "mother", "mothers"}
)  # fmt: skip
_DEPRESSION = "Depressive Disorder"


def _depressed(lowers: list[str], breaks: list[bool]) -> list[tuple[int, int, str]]:
    """A depressed person or mood, and depressive symptoms: MeSH's "Depressive Disorder".

    "Depressed" says a disorder of mood only of people ("33 depressed
    outpatients", "a depressed elderly woman") or of mood itself ("depressed
    mood"); of anything else it means lowered ("depressed cardiac function",
    "depressed NOS expression", "levels were depressed") and is no disease.
    """
    found = []
    for i, word in enumerate(lowers):
        if word not in ("depressed", "depressive") or i + 1 >= len(lowers) or breaks[i + 1]:
            continue
        following = lowers[i + 1]
        if word == "depressive":
            if following in ("symptom", "symptoms"):
                found.append((i, i + 2, _DEPRESSION))
        elif following == "mood":
            found.append((i, i + 2, _DEPRESSION))
        elif following in _PERSONS or (
            following == "elderly" and i + 2 < len(lowers) and lowers[i + 2] in _PERSONS
        ):
            found.append((i, i + 1, _DEPRESSION))
    return found


def _enzyme_deficiency(lowers: list[str], breaks: list[bool], texts: list[str]) -> list[tuple[int, int, str]]:
    """An "enzyme deficiency" no enzyme is named for: MeSH's "Metabolism, Inborn Errors".

    MeSH files the diseases of a missing or faulty enzyme under its inborn
    errors of metabolism; "enzymopathy" is the same class in one word
    (:data:`_SIGN_WORDS`). After the enzyme's name ("HPRT enzyme deficiency",
    "5-alpha-reductase enzyme deficiency": an acronym in capitals or a word in
    "-ase") the deficiency is that enzyme's own disease, not the class.
    """
    found = []
    for i, word in enumerate(lowers):
        if word != "enzyme" or i + 1 >= len(lowers) or breaks[i + 1]:
            continue
        if lowers[i + 1] not in ("deficiency", "deficiencies"):
            continue
        before = texts[i - 1] if i else ""
        if before.lower().endswith("ase") or sum(ch.isupper() for ch in before) >= 2:
            continue
        found.append((i, i + 2, _INBORN_ERRORS))
    return found


# Nouns that name a disorder whatever qualifies them ("psychiatric syndromes").
_DISORDER_NOUNS = frozenset(
    {"disorder", "disorders", "disease", "diseases", "illness", "illnesses", "syndrome", "syndromes",
     "complication", "complications"}
)  # fmt: skip


def _psychiatric(lowers: list[str], texts: list[str]) -> list[tuple[int, int, str]]:
    """The adjective "psychiatric" on its own: MeSH's "Mental Disorders".

    "Psychiatric" means "of mental disorder" (psychiatry is their medicine), so
    "patients with psychiatric histories", "psychiatric symptoms", "a
    psychiatric hospital" name the disorders; BC5CDR and BioRED annotate the
    adjective alone so. Before a word that names a disorder itself
    ("psychiatric syndromes", "psychiatric complications") the two words are
    the name; one the lexicon holds ("psychiatric disorders", an entry term of
    Mental Disorders) keeps its own grounding.
    "neuropsychiatric" is another word, and a proper name in capitals ("Brief
    Psychiatric Rating Scale", "American Psychiatric Association") is left alone:
    the adjective written with a capital before another capitalised word.
    """
    found = []
    for i, word in enumerate(lowers):
        if word != "psychiatric":
            continue
        following = texts[i + 1] if i + 1 < len(texts) else ""
        if texts[i][0].isupper() and following[:1].isupper():
            continue
        if i and texts[i - 1][:1].isupper() and texts[i][0].isupper():
            continue  # "American Psychiatric"
        end = i + 2 if lowers[i + 1 : i + 2] and lowers[i + 1] in _DISORDER_NOUNS else i + 1
        found.append((i, end, "Mental Disorders"))
    return found


_BONE_MARROW = "Bone Marrow Diseases"
# "myelosuppression", "myelotoxicity": "myelo-" (bone marrow) and what a drug does to it.
_MYELO = re.compile(r"myelo(?:suppression|toxicity|toxicities|depression)")
_MARROW_HARM = frozenset({"suppression", "depression", "toxicity", "toxicities", "aplasia", "hypoplasia"})
_EXTRAPYRAMIDAL_WORDS = frozenset(
    {"symptom", "symptoms", "sign", "signs", "disorder", "disorders", "reaction", "reactions", "syndrome",
     "syndromes"}
)  # fmt: skip
# What is lost or held back ("memory deficits", "growth retardation", "developmental delay").
_MEMORY_LOSS = frozenset(
    {"deficit", "deficits", "deficiency", "deficiencies", "loss", "disturbance", "disturbances",
     "dysfunction", "disorder", "disorders", "impairment", "impairments"}
)  # fmt: skip
# "growth delay" is left out: a tumour's growth delay is an experiment's measure, not a disorder.
_GROWTH_LOSS = frozenset({"retardation", "impairment", "failure", "deficiency", "disorder", "disorders"})
_DEVELOPMENT_LOSS = frozenset({"delay", "delays", "disability", "disabilities"})
_LOSS_WORDS = {
    "memory": ("Memory Disorders", _MEMORY_LOSS),
    "learning": ("Learning Disabilities", _MEMORY_LOSS),  # MeSH entry term "Learning Disorders"
    "growth": ("Growth Disorders", _GROWTH_LOSS),
    "developmental": ("Developmental Disabilities", _DEVELOPMENT_LOSS),
}
# A faculty named after what is lost ("impairment of memory", "deficits in learning and memory").
_FACULTY_LOSS = frozenset(
    {"impairment", "impairments", "deficit", "deficits", "deterioration", "loss", "disturbance",
     "disturbances"}
)  # fmt: skip
_FACULTIES = ("memory", "learning")
_INBORN_ERRORS = "Metabolism, Inborn Errors"
# One word naming a sign or a system's disease, and the MeSH heading for it.
_SIGN_WORDS = {
    "neuropathy": "Nervous System Diseases",
    "neuropathies": "Nervous System Diseases",
    "convulsion": "Seizures",
    "convulsions": "Seizures",
    "angina": "Angina Pectoris",  # its short clinical name; "unstable angina" is a longer lexicon name
    "bradykinesia": "Hypokinesia",  # MeSH entry term "Bradykinesia"
    "agitation": "Psychomotor Agitation",  # MeSH entry term "Agitation, Psychomotor"
    "akathisia": "Akathisia, Drug-Induced",  # MeSH's only heading for it (entry term "Akathisia")
    # a disease of a missing or faulty enzyme: MeSH files these under its inborn errors of metabolism
    "enzymopathy": _INBORN_ERRORS,
    "enzymopathies": _INBORN_ERRORS,
}
# A neuron lost or dying ("neuronal loss", "neuronal death"): MeSH's Nerve Degeneration (entry
# term "Neuron Degeneration"); sight lost or impaired ("visual loss", "blurred vision"): Vision
# Disorders. "visual disturbances" is left out (more often read as a perceptual disorder).
_NEURON_LOSS = frozenset({"loss", "degeneration", "death", "damage", "injury"})
_VISION_LOSS = frozenset({"loss", "impairment", "deficit", "deficits", "dysfunction"})
# "HIV-infected", "HIV-1-infected": the infection by the named agent, where MeSH heads it so.
_INFECTED = re.compile(r"(\w+?)(?:-\d+)?-infected")


def _system_signs(lowers: list[str], breaks: list[bool]) -> list[tuple[int, int, str]]:
    """``myelosuppression``, ``bone marrow suppression``, ``extrapyramidal symptoms``, ``neuropathy``.

    Also what a patient lost or was held back in: "memory deficits" and
    "impaired memory" (Memory Disorders, as the lexicon's "memory loss" and
    "memory impairment" are), "growth retardation" and "short stature" (Growth
    Disorders), "developmental delay" (Developmental Disabilities), "neuronal
    loss" (Nerve Degeneration), "visual loss" and "blurred vision" (Vision
    Disorders).

    A longer name the lexicon holds ("peripheral neuropathy", "febrile
    convulsions") wins over these as a longer match.
    """
    found = []
    for i, word in enumerate(lowers):
        following = lowers[i + 1] if i + 1 < len(lowers) and not breaks[i + 1] else ""
        if word in _SIGN_WORDS:
            found.append((i, i + 1, _SIGN_WORDS[word]))
        elif word in _LOSS_WORDS and following in _LOSS_WORDS[word][1]:
            found.append((i, i + 2, _LOSS_WORDS[word][0]))
        elif word == "neuronal" and following in _NEURON_LOSS:
            found.append((i, i + 2, "Nerve Degeneration"))
        elif word == "visual" and following in _VISION_LOSS:
            found.append((i, i + 2, "Vision Disorders"))
        elif word in ("blurred", "blurring") and following in ("vision", "of"):
            end = i + 2 if following == "vision" else i + 3
            if lowers[end - 1 : end] == ["vision"] and not breaks[end - 1]:
                found.append((i, end, "Vision Disorders"))
        elif (
            word == "loss" and following == "of" and lowers[i + 2 : i + 3] == ["vision"] and not breaks[i + 2]
        ):
            found.append((i, i + 3, "Vision Disorders"))
        elif word == "impaired" and following in _FACULTIES:
            found.append((i, i + 2, _LOSS_WORDS[following][0]))
        elif word in _FACULTY_LOSS and following in ("of", "in"):
            found += _faculty_loss(lowers, breaks, i)
        elif word == "psychomotor" and following == "retardation":
            found.append((i, i + 2, "Psychomotor Disorders"))
        elif word.endswith("-infected") and (infected := _INFECTED.fullmatch(word)):
            found.append((i, i + 1, f"{infected.group(1)} Infections"))  # a heading MeSH may not have
        elif following in _INFECTION_WORDS and word.isalpha() and (agent := _agent_infections(word)):
            found.append((i, i + 2, agent))
        elif word in ("drug", "substance") and following == "abuse":
            found.append((i, i + 2, "Substance-Related Disorders"))  # MeSH entry term "Drug Abuse"
        elif word in ("qt", "qtc"):
            found += _qt_prolongation(lowers, breaks, i)
        elif word == "short" and following == "stature":
            found.append((i, i + 2, "Growth Disorders"))  # height below the range for age
        elif _MYELO.fullmatch(word):
            found.append((i, i + 1, _BONE_MARROW))
        elif word == "marrow" and following in _MARROW_HARM:
            start = i - 1 if i and lowers[i - 1] == "bone" and not breaks[i] else i
            found.append((start, i + 2, _BONE_MARROW))
        elif word == "extrapyramidal" and following in _EXTRAPYRAMIDAL_WORDS:
            found.append((i, i + 2, "Basal Ganglia Diseases"))
        elif following in _ABNORMALITY_WORDS and word.isalpha() and word not in _ORGANS:
            found.append((i, i + 2, _system_abnormality(word)))
        elif following in _PART_HARM_WORDS and word.isalpha() and word not in _NOT_PARTS:
            found.append((i, i + 2, _part_diseases(word)))
    return found


def _faculty_loss(lowers: list[str], breaks: list[bool], i: int) -> list[tuple[int, int, str]]:
    """Each faculty's disorder where it follows its loss ("impairment of learning", "deficits in memory").

    ``i`` is the loss word, followed by "of" or "in". The first faculty takes
    the words before it into its name; one coordinated after it ("and
    memory") is named by itself, as the conjunct of a coordination is.
    """
    end = i + 3
    if end > len(lowers) or breaks[i + 2] or lowers[i + 2] not in _FACULTIES:
        return []
    found = [(i, end, _LOSS_WORDS[lowers[i + 2]][0])]
    if (
        end + 1 < len(lowers) and lowers[end] in ("and", "or") and not breaks[end + 1]
        and lowers[end + 1] in _FACULTIES and lowers[end + 1] != lowers[i + 2]
    ):  # fmt: skip
        found.append((end + 1, end + 2, _LOSS_WORDS[lowers[end + 1]][0]))
    return found


def _agent_infections(word: str) -> str:
    """MeSH's "<agent> Infections" headings for an infectious agent's adjective or name, ``|``-separated.

    MeSH heads infections by the genus or family of the agent in Latin
    ("Neisseriaceae Infections", "Chlamydia Infections", "Mycobacterium
    Infections"); papers write the agent's adjective or genus ("neisserial
    infections", "neisseria infections", "chlamydial infection"). The Latin
    endings of a genus and a family are tried on the adjective's stem; the
    matcher takes the first heading MeSH has, and none if it has none
    ("urinary infections", "severe infections"). A virus's adjective is
    left alone: "lentiviral infection" of cells is how a vector is put in.
    """
    if word.endswith("al") and len(word) > 6:
        stem = word[:-2]  # "neisserial" -> "neisseri", "gonococcal" -> "gonococc"
    elif word.endswith("a") and len(word) > 5:
        stem = word[:-1]  # "neisseria" -> "neisseri"
    else:
        return ""
    if stem.endswith("vir"):
        return ""  # "lentiviral infection", "adenoviral infection" of cells: a vector's transduction
    return "|".join(f"{stem.capitalize()}{ending} Infections" for ending in _LATIN_ENDINGS)


# Endings of a genus ("Chlamydia", "Staphylococcus", "Mycobacterium") and of a family
# ("Neisseriaceae", "Enterobacteriaceae") after an adjective's stem.
_LATIN_ENDINGS = ("a", "us", "um", "aceae")
_INFECTION_WORDS = frozenset({"infection", "infections"})


# "eye anomalies", "metabolic abnormalities", "brain malformations": a part or system of the
# body and what is abnormal in it (organ words of _ORGANS have their own headings).
_ABNORMALITY_WORDS = frozenset(
    {"abnormality", "abnormalities", "anomaly", "anomalies", "malformation", "malformations"}
)


def _system_abnormality(word: str) -> str:
    """MeSH's "<X> Abnormalities", else "<X> Diseases", as alternatives separated by ``|``.

    MeSH heads the congenital abnormalities of many parts of the body
    "<part> Abnormalities" ("Eye Abnormalities", "Urogenital
    Abnormalities", "Congenital Abnormalities") and their diseases
    "<part> Diseases" ("Brain Diseases", "Metabolic Diseases",
    "Hypothalamic Diseases", "Hematologic Diseases" for "hematological");
    the matcher takes the first heading MeSH has, and none if it has neither.
    """
    forms = [word.capitalize()]
    if word.endswith("ical"):
        forms.append(word[:-2].capitalize())  # "hematological" -> "Hematologic"
    return "|".join([f"{form} Abnormalities" for form in forms] + [f"{form} Diseases" for form in forms])


# "thyroid disorders", "gallbladder dysfunction", "thalamic lesions": a part or system of the
# body and a disorder, failing function or lesion of it (organ words of _ORGANS have their own
# headings), which MeSH indexes under "<part> Diseases".
_DISEASED_WORDS = frozenset({"disorder", "disorders", "dysfunction", "dysfunctions", "lesion", "lesions"})
# A drug's harm to a part ("gastrointestinal toxicity", "hematologic toxicities", "retinal
# toxicity") is a disease of that part, as the organ words of _ORGANS compose theirs.
_PART_HARM_WORDS = _DISEASED_WORDS | _TOXICITY_WORDS
# Adjectives of parts whose MeSH "<part> Diseases" heading is named by the noun ("ocular
# lesions" are "Eye Diseases", "cutaneous lesions" "Skin Diseases").
_PART_NOUNS = {
    "ocular": "Eye", "cutaneous": "Skin", "dermal": "Skin", "gastric": "Stomach", "cerebral": "Brain"
}  # fmt: skip


# Words before "disorders" that name a kind of disorder, not a part of the body ("deficiency
# disorders" are no "Deficiency Diseases", MeSH's nutritional heading; "recessive disorder" is
# an inherited one), besides the organ words.
_NOT_PARTS = frozenset(_ORGANS) | _INHERITED_MODIFIERS | {"linked", "deficiency", "deficiencies"}


def _part_diseases(word: str) -> str:
    """MeSH's "<X> Diseases" heading for a part of the body, as alternatives separated by ``|``.

    "thyroid disorders" are "Thyroid Diseases", "hypothalamic dysfunction"
    "Hypothalamic Diseases", "neuromuscular disorders" "Neuromuscular
    Diseases", "skin lesions" "Skin Diseases"; "hematological" is also tried
    as "Hematologic", and an adjective MeSH names by its noun as the noun
    ("ocular" as "Eye"). The matcher takes the first heading MeSH has, and none
    if it has neither ("endothelial dysfunction", "psychiatric disorders"),
    and a name the lexicon holds at the same extent ("bipolar disorder",
    "sexual dysfunction") wins.
    """
    word = word.replace("haem", "hem")  # British "haematological": MeSH's "Hematologic Diseases"
    forms = [word.capitalize()]
    if word.endswith("ical"):
        forms.append(word[:-2].capitalize())
    if word in _PART_NOUNS:
        forms.append(_PART_NOUNS[word])
    return "|".join(f"{form} Diseases" for form in forms)


def _qt_prolongation(lowers: list[str], breaks: list[bool], i: int) -> list[tuple[int, int, str]]:
    """``QT prolongation``, ``QTc interval prolongation``, ``prolonged QT interval``: Long QT Syndrome.

    A prolonged QT interval is the sign that defines the syndrome; MeSH
    indexes the acquired (drug-induced) form under it.
    """
    end = i + 1
    if end < len(lowers) and lowers[end] == "interval" and not breaks[end]:
        end += 1
    if end < len(lowers) and lowers[end] == "prolongation" and not breaks[end]:
        return [(i, end + 1, "Long QT Syndrome")]
    if i and lowers[i - 1] == "prolonged" and not breaks[i]:
        return [(i - 1, end, "Long QT Syndrome")]
    return []


def _inherited_disorders(lowers: list[str], breaks: list[bool]) -> list[tuple[int, int, str]]:
    """``autosomal recessive disorder``, ``X-linked disease``, ``genetic defects`` (up to 4 modifiers)."""
    if not any(word in _INHERITED or word == "linked" or word == "x-linked" for word in lowers):
        return []
    # "X-linked" is one token or three ("X", "-", "linked"); read it as one word.
    words: list[tuple[int, int, str]] = []
    i = 0
    while i < len(lowers):
        if lowers[i] == "x" and lowers[i + 1 : i + 3] == ["-", "linked"]:
            words.append((i, i + 3, "xlinked"))
            i += 3
            continue
        words.append((i, i + 1, lowers[i].replace("-", "")))
        i += 1
    found = []
    for k, (start, _, word) in enumerate(words):
        if word not in _INHERITED_MODIFIERS or (k and words[k - 1][2] in _INHERITED_MODIFIERS):
            continue  # a name starts at its first modifier
        j = k
        while (
            j < len(words) and j - k < 4 and words[j][2] in _INHERITED_MODIFIERS and not breaks[words[j][0]]
        ):
            j += 1
        modifiers = {w for _, _, w in words[k:j]}
        if j < len(words) and words[j][2] in _DISORDER_WORDS and modifiers & _INHERITED:
            heading = "Genetic Diseases, X-Linked" if "xlinked" in modifiers else "Genetic Diseases, Inborn"
            found.append((start, words[j][1], heading))
    return found


HBOC_HEADING = "Hereditary Breast and Ovarian Cancer Syndrome"
_BREAST_OVARIAN = frozenset({"breast-ovarian", "breast-ovary"})
_HEREDITARY = frozenset({"hereditary", "inherited", "familial"})
_BREAST_OVARIAN_JOINS = frozenset({"and", "or", "/", "and/or"})
_CANCER_WORDS = frozenset({"cancer", "cancers", "carcinoma", "carcinomas"})


def _breast_ovarian_syndrome(lowers: list[str], breaks: list[bool]) -> list[tuple[int, int, str]]:
    """``breast-ovarian cancer``, ``hereditary breast and ovarian cancer``: the inherited syndrome.

    MeSH names the syndrome "Hereditary Breast and Ovarian Cancer Syndrome"
    (entry terms "Breast-Ovarian Cancer, Familial", "Hereditary Breast and
    Ovarian Cancer"): the two organs written as one compound word
    ("breast-ovarian cancer (syndrome)", "breast-ovary cancer") name that one
    disease, and so does the pair of cancers said to be hereditary,
    inherited or familial ("inherited breast/ovarian cancer"). A pair with
    no such word ("breast and ovarian cancer") is two cancers, left to the
    coordination of the two names (the corpora annotate it both ways).
    """
    if "breast" not in lowers and _BREAST_OVARIAN.isdisjoint(lowers):
        return []
    found = []
    for i, word in enumerate(lowers):
        if word in _BREAST_OVARIAN:
            end = i + 1
        elif (
            word == "breast"
            and i + 2 < len(lowers)
            and lowers[i + 1] in _BREAST_OVARIAN_JOINS
            and lowers[i + 2] in ("ovarian", "ovary")
            and not breaks[i + 2]
        ):
            end = i + 3
        else:
            continue
        if end >= len(lowers) or lowers[end] not in _CANCER_WORDS or breaks[end]:
            continue
        end += 1
        if end < len(lowers) and lowers[end] in ("syndrome", "syndromes") and not breaks[end]:
            end += 1
        start = i
        while start and lowers[start - 1] in (*_HEREDITARY, "human") and not breaks[start]:
            start -= 1
        if word in _BREAST_OVARIAN or not _HEREDITARY.isdisjoint(lowers[start:i]):
            found.append((start, end, HBOC_HEADING))
    return found


# Words saying a disease is inherited ("hereditary cancer", "autosomal recessive neurodegenerative
# disease", "X-linked mental retardation"); "X-linked" is read from its three tokens too.
HEREDITY_WORDS = frozenset(
    {"hereditary", "inherited", "familial", "genetic", "autosomal", "dominant", "recessive", "x-linked"}
)
_GENETIC_DISEASES_TREE = "C16.320"  # Genetic Diseases, Inborn
_X_LINKED_TREE = "C16.320.322"  # Genetic Diseases, X-Linked
# A heading that says it is the inherited form ("Neoplastic Syndromes, Hereditary",
# "Heredodegenerative Disorders"); "Familial" names single diseases ("Paralyses, Familial Periodic").
_NAMES_HEREDITY = re.compile(r"\b(?:Hereditary|Inherited|X-Linked)\b|\bHeredo")


def heredity_modifiers(lowers: list[str], breaks: list[bool], start: int) -> tuple[int, bool]:
    """Where the heredity words right before token ``start`` begin, and whether one says X-linked.

    Returns ``(start, False)`` when no such word precedes the name.
    """
    i, x_linked = start, False
    while i:
        if lowers[i - 1] in HEREDITY_WORDS and not breaks[i - 1]:
            x_linked |= lowers[i - 1] == "x-linked"
            i -= 1
        elif i >= 3 and lowers[i - 3 : i] == ["x", "-", "linked"]:
            x_linked = True
            i -= 3
        else:
            break
    return i, x_linked


def inherited_heading(lexicon: Lexicon, curies: Iterable[str], *, x_linked: bool) -> str | None:
    """MeSH's inherited form of a disease heading: its one child heading filed under the genetic diseases.

    MeSH files the inherited form of many diseases as a child of their
    heading that is also a genetic disease (tree C16.320) and says so in its
    name (hereditary, inherited, X-linked): Neoplasms ->
    "Neoplastic Syndromes, Hereditary", Neurodegenerative Diseases ->
    "Heredodegenerative Disorders, Nervous System", Mental Retardation ->
    "Mental Retardation, X-Linked" (for an X-linked one, the child must be
    under Genetic Diseases, X-Linked). Only a single such child is taken;
    a heading that is itself a genetic disease, or has none or several such
    children, gives None.
    """
    wanted = _X_LINKED_TREE if x_linked else _GENETIC_DISEASES_TREE
    for curie in curies:
        trees = lexicon.mesh_trees(curie)
        if not trees or any(t.startswith(_GENETIC_DISEASES_TREE) for t in trees):
            continue
        children = {
            child
            for tree in trees
            for number in lexicon.mesh_children(tree)
            if (child := lexicon.mesh_descriptor_at(number)) is not None
            and any(t == wanted or t.startswith(wanted + ".") for t in lexicon.mesh_trees(child))
            and (match := _NAMES_HEREDITY.search(_name(lexicon, child))) is not None
            and (x_linked or match.group() != "X-Linked")  # only an X-linked disease is
        }
        if len(children) == 1:
            return children.pop()
    return None


def _name(lexicon: Lexicon, curie: str) -> str:
    concept = lexicon.concept(curie)
    return concept.name if concept is not None else ""


# Words glued by a hyphen after a disease that say what has, causes or is prone to it: the tokenizer
# keeps them on the name ("diarrhoea-predominant IBS", "seizure-inducing drugs", "stroke-prone rats",
# "HD-affected families"; its own list, which the NER was trained on, splits "-induced", "-related",
# "-like"). Not "-free" ("tumor-free survival" says none), nor "-susceptibility": in "breast
# cancer-susceptibility gene" the token holds only the name's head.
_GLUED_DISEASE = re.compile(
    r"(?P<name>[A-Za-z][A-Za-z0-9'-]*?[A-Za-z0-9])-(?:affected|causing|endemic|inducer|inducing|"
    r"predominant|prone)",
    re.IGNORECASE,
)


def glued_disease_name(text: str) -> str | None:
    """The disease name glued to a word in one token ("diarrhoea-predominant" -> "diarrhoea"), else None."""
    return glued_name(_GLUED_DISEASE, text)
