"""Spelling variants the lexicon builder adds to source forms.

The lookup key (:mod:`kg.lexicon.normalize`) already makes hyphens, spaces,
case and Greek letters meet. These rules add the spellings a key cannot:

* **Greek initials** for gene names: papers write ``TNF-a``, ``IL-1b``,
  ``IFN-g``, ``NF-kB`` and ``b-catenin`` for ``TNF-alpha``, ``IL-1beta``,
  ``IFN-gamma``, ``NF-kappaB`` and ``beta-catenin``. The variant is a
  symbol (matched with its letter case), so ``tnfa`` in lower case does not
  match.
* **Singulars** of plural MeSH chemical headings ("Gentamicins" -> "gentamicin").
* **Anions** of acids, as papers name them: "glutamate", "lactate",
  "valproate" for glutamic, lactic and valproic acid.
* **Adjectives** of one-word disease names: "hypertensive" patients have
  hypertension, "psychotic" symptoms are psychosis, "diabetic" ones diabetes,
  "obese" ones obesity; "hypoxic", "neutropenic", "hemiplegic", "akinetic",
  "thromboembolic", "proteinuric" (endings whose adjective names only the
  disease: not "-ia" -> "-ic" at large, which would make "ophthalmic"
  ophthalmia and "hydrophobic" rabies; not "parkinsonian", which the corpora
  give three different headings). A syndrome named by such an adjective
  by its own name takes the adjective as a synonym, before the noun's
  concept: "nephrotic" is nephrotic syndrome, not nephrosis.
* **British spellings** of disease and chemical names, which the sources
  write the American way: "haemorrhage", "anaemia", "oedema", "dyspnoea",
  "diarrhoea", "tumour", "oestrogen", "paediatric".

The matcher also reads British words the American way where the British
spelling finds nothing (:func:`american_spelling`), so that names of every
category meet: "tumour necrosis factor alpha", "oestrogen receptor",
"haematopoietic stem cells", "haem oxygenase 1".
"""

from __future__ import annotations

import re

from kg.lexicon.normalize import GREEK

__all__ = [
    "acid_anion_variants",
    "american_spelling",
    "british_spellings",
    "disease_adjectives",
    "greek_initial_variants",
    "may_be_british",
    "singular_heading",
    "syndrome_adjectives",
]

_INITIALS = {"alpha": "a", "beta": "b", "gamma": "g", "kappa": "k"}
# A spelled Greek letter after a digit, hyphen or space, or starting the form before a hyphen.
_SPELLED = re.compile(r"(?:(?<=[\d\-\s])|^)([Aa]lpha|[Bb]eta|[Gg]amma|[Kk]appa)(?=$|[\s\-\dA-Z])")
_LETTERS = {letter: word for letter, word in GREEK.items() if word in _INITIALS}


def greek_initial_variants(form: str) -> list[str]:
    """``TNF-alpha`` -> ``["TNF-a"]``; ``NF-κB`` -> ``["NF-kB"]``; forms without Greek -> ``[]``."""
    spelled = "".join(_LETTERS.get(ch, ch) for ch in form)
    if spelled == form and not _SPELLED.search(form):
        return []
    variant = _SPELLED.sub(lambda m: _INITIALS[m.group(1).lower()], spelled)
    return [variant] if variant != form and variant != spelled else []


# (noun ending, adjective ending); the noun must be one word of at least 6 letters.
_ADJECTIVE_RULES = (
    ("ension", "ensive"),  # hypertension -> hypertensive
    ("osis", "otic"),  # psychosis -> psychotic, cirrhosis -> cirrhotic
    ("emia", "emic"),  # anemia -> anemic, ischemia -> ischemic
    ("aemia", "aemic"),
    ("phrenia", "phrenic"),  # schizophrenia -> schizophrenic
    ("thmia", "thmic"),  # arrhythmia -> arrhythmic
    ("lepsy", "leptic"),  # epilepsy -> epileptic
    ("betes", "betic"),  # diabetes -> diabetic
    ("asthma", "asthmatic"),
    ("opathy", "opathic"),  # neuropathy -> neuropathic
    ("esity", "ese"),  # obesity -> obese
    ("etany", "etanic"),  # tetany -> tetanic
    ("oxia", "oxic"),  # hypoxia -> hypoxic, anoxia -> anoxic
    ("penia", "penic"),  # neutropenia -> neutropenic, leukopenia -> leukopenic
    ("plegia", "plegic"),  # quadriplegia -> quadriplegic, hemiplegia -> hemiplegic
    ("thermia", "thermic"),  # hypothermia -> hypothermic
    ("kinesia", "kinetic"),  # akinesia -> akinetic, dyskinesia -> dyskinetic
    ("kinesis", "kinetic"),  # hyperkinesis -> hyperkinetic
    ("embolism", "embolic"),  # thromboembolism -> thromboembolic
    ("uria", "uric"),  # proteinuria -> proteinuric, oliguria -> oliguric
    ("ysm", "ysmal"),  # aneurysm -> aneurysmal
    ("ncope", "ncopal"),  # syncope -> syncopal
    ("ystonia", "ystonic"),  # dystonia -> dystonic (not "-tonia" at large: "hypotonic" solutions)
)


def disease_adjectives(form: str) -> list[str]:
    """Adjectives of a one-word disease name (``Hypertension`` -> ``["Hypertensive"]``)."""
    if " " in form or "-" in form or len(form) < 6 or not form.isalpha():
        return []
    lower = form.lower()
    for noun, adjective in _ADJECTIVE_RULES:
        if lower.endswith(noun):
            return [form[: len(form) - len(noun)] + adjective]
    return []


_SYNDROME = re.compile(r"^([A-Za-z]{6,}) [Ss]yndrome$")


def syndrome_adjectives(form: str) -> list[str]:
    """The adjective a syndrome is named by, where it is one the adjective rules make.

    ``Nephrotic Syndrome`` -> ``["Nephrotic"]``: "nephrotic" patients, rats
    and proteinuria are those of nephrotic syndrome, not of nephrosis, the
    noun the adjective rules read it from (MONDO files "nephrosis" as a
    synonym of both). One singular syndrome of one adjective word only:
    "Epileptic Syndromes" (a class) and "hemolytic uremic syndrome" give none.
    """
    match = _SYNDROME.match(form)
    if match is None:
        return []
    word = match.group(1)
    if any(word.lower().endswith(adjective) for _, adjective in _ADJECTIVE_RULES):
        return [word]
    return []


_ACID = re.compile(r"^(.*\w{3})ic [Aa]cid$")


def acid_anion_variants(form: str) -> list[str]:
    """``Glutamic Acid`` -> ``["Glutamate"]``; ``gamma-Aminobutyric Acid`` -> ``["gamma-Aminobutyrate"]``."""
    match = _ACID.match(form)
    return [match.group(1) + "ate"] if match else []


def singular_heading(form: str) -> list[str]:
    """The singular of a one-word plural MeSH chemical heading (``Gentamicins`` -> ``["Gentamicin"]``)."""
    if " " in form or len(form) < 6 or not form.isalpha() or not form.endswith("s"):
        return []
    if form.endswith(("ss", "us", "is", "ics")):
        return []
    return [form[:-1]]


# American -> British spelling rules, on lower-case words (a rule applies where its pattern matches).
_BRITISH = (
    # anemia, leukemia, ischemic (not systemic, academic, endemic: "t" or "d" before it)
    (re.compile(r"(?<=[a-z][a-ce-su-z])emi(a|as|c)\b"), r"aemi\1"),
    (re.compile(r"\bhem(?=[aoi])"), "haem"),  # hemorrhage, hematuria, hemolytic; "hemi-" kept below
    (re.compile(r"\b(?=(?:edema|esophag|estrogen|estradiol|estrus)\w*)"), "o"),
    (re.compile(r"\bfet(?=al\b|us\b|uses\b)"), "foet"),
    (re.compile(r"(?<=[a-z])pnea\b"), "pnoea"),  # apnea, dyspnea, tachypnea
    (re.compile(r"(?<=[a-z])rrhea\b"), "rrhoea"),  # diarrhea, amenorrhea
    (re.compile(r"\bpedia"), "paedia"),  # pediatric
    (re.compile(r"\btumor"), "tumour"),
    (re.compile(r"\banesthe"), "anaesthe"),
)
# Words starting with "hem" that keep it in British English ("hemisphere", "hemiplegia").
_HEMI = re.compile(r"\bhaemi(?!a)")


def british_spellings(form: str) -> list[str]:
    """The British spelling of an American disease or chemical name, if it differs.

    ``Hemorrhagic Anemia`` -> ``["haemorrhagic anaemia"]``, ``Dyspnea`` ->
    ``["dyspnoea"]``, ``Edema`` -> ``["oedema"]``; symbols and names without
    such a word -> ``[]``. The variant is lower case (keys ignore case).
    """
    lower = form.lower()
    variant = lower
    for pattern, replacement in _BRITISH:
        variant = pattern.sub(replacement, variant)
    variant = _HEMI.sub("hemi", variant)
    return [variant] if variant != lower else []


# British -> American, on one lower-case word: the rules above read backwards, plus the
# spellings no source needs respelled for diseases and chemicals ("sulphate", "-isation").
_AMERICAN = (
    # anaemia, leukaemic, hyperlipidaemia (a "d" or "t" before it is no American word's: "aemi" is British)
    (re.compile(r"(?<=[a-z]{2})aemi(a|as|c|cs)\b"), r"emi\1"),
    (re.compile(r"\bhaem\b"), "heme"),
    (re.compile(r"\bhaem(?=[aoi])"), "hem"),  # haemorrhage, haematopoietic, haemoglobin
    (re.compile(r"\bo(?=e(?:dema|sophag|strogen|stradiol|strus))"), ""),  # oedema, oestrogen
    (re.compile(r"\bfoet(?=al\b|us\b|uses\b)"), "fet"),
    (re.compile(r"(?<=[a-z])pnoea\b"), "pnea"),
    (re.compile(r"(?<=[a-z])rrhoea\b"), "rrhea"),
    (re.compile(r"paed(?=i)"), "ped"),  # paediatric, orthopaedic
    (re.compile(r"\btumour"), "tumor"),
    (re.compile(r"\banaesthe"), "anesthe"),
    (re.compile(r"sulph(?=[aiou])"), "sulf"),  # sulphate, sulphasalazine, disulphide
    (re.compile(r"(?<=[a-z]{3})isation(s?)\b"), r"ization\1"),  # neovascularisation, polarisation
    (re.compile(r"\baetiolog"), "etiolog"),
    (re.compile(r"\bcoeliac"), "celiac"),
    (re.compile(r"gynaecolog"), "gynecolog"),
    (re.compile(r"\bbehaviour"), "behavior"),
    (re.compile(r"\balumini(?=um)"), "alumin"),  # aluminium
    (re.compile(r"\bcaesium"), "cesium"),
)
# Any text that one of the rules could change holds one of these (most abstracts hold none).
# Plain substrings: one C-level scan each is twenty times faster on an abstract than a regular
# expression's alternation tried at every character.
_HINT_STRINGS = (
    "aemi", "haem", "oedem", "oesophag", "oestr", "foet", "pnoea", "rrhoea", "paedi", "tumour",
    "anaesthe", "sulph", "isation", "aetiolog", "coeliac", "gynaecolog", "behaviour", "aluminium",
    "caesium",
)  # fmt: skip


def may_be_british(text: str) -> bool:
    """Whether ``text`` may hold a word :func:`american_spelling` could change (a cheap test).

    False means no word of ``text`` changes; True may also come from a hint
    inside another word ("shoestring"), which :func:`american_spelling` then leaves alone.
    """
    lower = text.lower()
    return any(hint in lower for hint in _HINT_STRINGS)


def american_spelling(word: str) -> str:
    """The American spelling of a British word, or ``word`` itself.

    ``Tumour`` -> ``Tumor``, ``oestrogen`` -> ``estrogen``, ``haem`` ->
    ``heme``, ``HAEMOGLOBIN`` -> ``HEMOGLOBIN``: the case of the word is kept
    (all capitals, a capital initial or lower case).
    """
    if not may_be_british(word):
        return word
    lower = word.lower()
    variant = lower
    for pattern, replacement in _AMERICAN:
        variant = pattern.sub(replacement, variant)
    if variant == lower:
        return word
    if word.isupper():
        return variant.upper()
    if word[:1].isupper():
        return variant[:1].upper() + variant[1:]
    return variant
