"""Word lists that the rule-based relation extractor reads.

Kept apart from the rules so that a curator can extend them without reading
code. Matching is on lower-cased token text; entries ending in ``*`` match
as prefixes (``promot*`` matches promote, promotes, promoted, promoting).
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence

__all__ = [
    "CueList",
    "clauses",
    "denied_object",
    "hedged_before",
    "negated",
    "negated_near",
    "pair_hedged",
    "pair_negated",
]


class CueList:
    """A set of words and ``prefix*`` stems matched against lower-cased tokens."""

    def __init__(self, entries: Iterable[str]) -> None:
        entries = list(entries)
        self._words = frozenset(entry for entry in entries if not entry.endswith("*"))
        self._stems = tuple(sorted(entry[:-1] for entry in entries if entry.endswith("*")))
        # The rules ask about every token of every sentence, and a paper's words recur:
        # each distinct word's answer is kept (up to _MEMO_LIMIT words).
        self._answers: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        # The rules ask about a million words per 1,000 papers, nearly all already answered:
        # the kept answer is read first (a ``try`` costs nothing when nothing is raised).
        try:
            return self._answers[word]  # type: ignore[index]
        except KeyError:
            pass
        except TypeError:  # unhashable: not a word
            return False
        if not isinstance(word, str):
            return False
        lower = word.lower()
        answer = lower in self._words or lower.startswith(self._stems)
        if len(self._answers) < _MEMO_LIMIT:
            self._answers[word] = answer
        return answer


_MEMO_LIMIT = 200_000
"""Distinct words whose answer a :class:`CueList` keeps (about 20 MB at most)."""


# Verbs (and verbal nouns) whose subject increases their object.
POSITIVE_VERBS = CueList(
    [
        "promot*",
        "induc*",
        "increas*",
        "enhanc*",
        "stimulat*",
        "activat*",
        "upregulat*",
        "up-regulat*",
        "augment*",
        "potentiat*",
        "support*",
        "sustain*",
        "drive",
        "drives",
        "driving",
        "drove",
        "driven",
        "boost*",
        "exacerbat*",
        "elevat*",
        "accelerat*",
        "amplif*",
        "facilitat*",
        "mobiliz*",
        "mobilis*",
        "trigger*",
        "elicit*",
        "favor*",
        "favour*",
        "fuel*",
        "aggravat*",
        "worsen*",
        "contribut*",
        "restor*",
        "maintain*",
        "upregulation",
    ]
)
# Verbs whose subject decreases their object.
NEGATIVE_VERBS = CueList(
    [
        "inhibit*",
        "decreas*",
        "reduc*",
        "suppress*",
        "attenuat*",
        "downregulat*",
        "down-regulat*",
        "impair*",
        "diminish*",
        "abrogat*",
        "abolish*",
        "prevent*",
        "oppos*",
        "repress*",
        "antagoniz*",
        "antagonis*",
        "counteract*",
        "dampen*",
        "impede*",
        "imped*",
        "hinder*",
        "ameliorat*",
        "alleviat*",
        "mitigat*",
        "restrain*",
        # "delayed tumor growth", "delayed the recovery from X" (composed: an increase)
        "delay",
        "delays",
        "delayed",
        "delaying",
        "block",
        "blocks",
        "blocked",
        # "r-hTBP-1 reversed inhibition of proliferation": composed with the noun, an increase
        "reversed",
        "reverses",
        "reversing",
    ]
)
# Verbs that link subject and object without a sign.
NEUTRAL_VERBS = CueList(
    [
        "regulat*",
        "modulat*",
        "mediat*",
        "affect",
        "affects",
        "affected",
        "affecting",
        "influenc*",
        "control",
        "controls",
        "controlled",
        "alter",
        "alters",
        "altered",
    ]
)
# Words before an object that set its direction ("decreased expression of X").
POSITIVE_MODIFIERS = CueList(
    [
        "increased",
        "enhanced",
        "elevated",
        "higher",
        "more",
        "greater",
        "augmented",
        "upregulated",
        "up-regulated",
        "stronger",
        "improved",
    ]
)
NEGATIVE_MODIFIERS = CueList(
    [
        "decreased",
        "reduced",
        "lower",
        "fewer",
        "less",
        "diminished",
        "impaired",
        "downregulated",
        "down-regulated",
        "weaker",
        "suppressed",
        "resistance",
        "regression",
        "loss",
        "degradation",  # "induced the degradation of IkappaBalpha": less of it
    ]
)
# Nouns and adjectives between a direction word and the object that name the aspect.
ASPECT_WORDS = {
    "expression": "expression",
    "expressed": "expression",
    "transcription": "expression",
    "levels": "abundance",
    "level": "abundance",
    "abundance": "abundance",
    "production": "abundance",
    "concentration": "abundance",
    "concentrations": "abundance",
    "secretion": "secretion",
    "release": "secretion",
    "activity": "activity",
    "activation": "activity",
    "function": "activity",
    "phosphorylation": "phosphorylation",
    "synthesis": "synthesis",
    "localization": "localization",
    "translocation": "localization",
    "degradation": "abundance",
}
# "X is required for Y": X increases Y. The agent is the nearest entity before.
REQUIREMENT_ADJECTIVES = CueList(
    ["required", "essential", "critical", "necessary", "indispensable", "crucial"]
)
# Nouns that mark loss of function of an adjacent entity ("IL-6 blockade", "blockade of IL-6").
PERTURBATION_WORDS = CueList(
    [
        "blockade",
        "inhibition",
        "blocking",
        "knockdown",
        "knockout",
        "ko",
        "deletion",
        "depletion",
        "neutralization",
        "neutralizing",  # "IL-6 neutralizing antibodies"
        "neutralising",
        "neutralisation",
        "silencing",
        "deficiency",
        "deficient",
        "loss",
        "absence",
        "lack",
        "arrest",  # "cell cycle arrest", "growth arrest": the process stops
        "degradation",  # "TNF induced IkappaBalpha degradation": the protein is lost
        "suppression",  # "Suppression of SOCS3 enhanced X"
        "downregulation",
        "down-regulation",
        "inactivation",
        "ablation",
        "disruption",
        "interruption",
        "arrests",
        "antagonism",
        "antagonist",
        "antagonists",
        "inhibitor",
        "inhibitors",
        "null",
        "fl",
        "-/-",
        "anti",
    ]
)
# Negation cues (scope: the clause).
NEGATION_CUES = CueList(
    ["no", "not", "n't", "neither", "nor", "without", "failed", "fail", "fails", "unable", "unaffected"]
)
# Cues that deny the objects after them in a trigger's list, though not the objects before:
# "induced STAT6 but not STAT1", "activates neither JNK nor AP-1", "without affecting Y",
# "increased X and resulted in no induction of Y".
OBJECT_NEGATION_CUES = CueList(["not", "no", "nor", "neither", "without", "except"])
# "X is independent of Y" denies that X depends on Y (read between a pair, before "of").
INDEPENDENCE_WORDS = CueList(["independent", "independently", "irrespective", "regardless"])
# Words after "not" that make it additive rather than a denial ("not only X but also Y").
ADDITIVE_WORDS = CueList(["only", "just", "merely", "simply"])
# Speculation cues (scope: the sentence).
HEDGE_CUES = CueList(
    [
        "may",
        "might",
        "could",
        "possibly",
        "potentially",
        "potential",
        "suggest*",
        "likely",
        "unlikely",
        "appear",
        "appears",
        "seem",
        "seems",
        "perhaps",
        "putative",
        "hypothes*",
        "speculat*",
        "considered",
        "presumably",
        "whether",  # "to examine whether X modulates Y": a question, not a finding
        # The aim of a study, not its finding: "to evaluate their ability to activate HUVEC".
        "investigate",
        "evaluate",
        "examine",
        "assess",
        "explore",
        "determine",
        "test",
        "understand",
        "analyze",
        "analyse",
        "characterize",
        "characterise",
    ]
)
# Verbs and nouns that report a finding in a "that" clause ("studies in monocytes have shown
# that IL-10 inhibits ..."): the claim's subject comes after "that".
REPORTING_WORDS = CueList(
    [
        "demonstrat*",
        "show",
        "shows",
        "showed",
        "shown",
        "found",
        "find",
        "finds",
        "indicat*",
        "suggest*",
        "reveal*",
        "report*",
        "conclud*",
        "observ*",
        "confirm*",
        "establish*",
        "hypothesi*",
        "propos*",
        "postulat*",
        "known",
        "evidence",
        "notion",
        "believed",
        "determined",
        "discovered",
        "noted",
    ]
)
# Words that end a clause for the purpose of finding a subject.
CLAUSE_BREAKS = CueList([";", "whereas", "while", "but", "however", "although"])
# Prepositions that make the following entity context, not an object.
CONTEXT_PREPOSITIONS = CueList(
    [
        "in",
        "by",
        "within",
        "on",
        "from",
        "between",
        "after",
        "during",
        "under",
        "among",
        "into",
        "to",
        "with",
        "for",
        "against",
        "at",
        "across",
        "than",
        "toward",
        "towards",
        "post",  # "levels at 4 h post LPS injection": a time, not an object
    ]
)
# Words that end the objects of a trigger: adjuncts and relative clauses follow.
OBJECT_STOPS = CueList(
    ["which", "that", "whereas", "while", "under", "during", "after", "before", "upon", "despite",
     "given", "receiving", "independent", "independently", "we",
     "irrespective", "regardless", "than"]
)  # fmt: skip
# Words that open an aside inside a trigger's objects, up to the next comma: "increased TNF
# (compared to wild type mice), IFN-gamma", "akathisia (33% versus 6%), tremor", "following X".
OBJECT_ASIDES = CueList(["compared", "versus", "vs", "following", "relative"])
# Sign-neutral association phrases (matched on the token after the cue word).
ASSOCIATION_WORDS = CueList(["linked", "associated", "correlated", "correlates", "correlate", "related"])
# Nouns that turn a negated clause into a claim of no effect ("no differences in X").
EFFECT_NOUNS = CueList(["difference", "differences", "change", "changes", "effect", "effects", "impact"])
# Cre driver lines of conditional knockouts and the cells they delete in ("Il6ra fl/fl x LysM cre+"):
# a claim from such a mouse holds in those cells. Keys are lower-case, without "-cre".
CRE_DRIVER_CELL_TYPES = {
    "lysm": "CL:0000763",  # myeloid cell (macrophages, neutrophils)
    "lyz2": "CL:0000763",
    "cd11c": "CL:0000451",  # dendritic cell
    "itgax": "CL:0000451",
    "cd4": "CL:0000084",  # T cell (CD4-cre deletes in all T cells via the double-positive stage)
    "lck": "CL:0000084",
    "cd19": "CL:0000236",  # B cell
    "mb1": "CL:0000236",
    "foxp3": "CL:0000815",  # regulatory T cell
    "alb": "CL:0000182",  # hepatocyte
    "cdh5": "CL:0000115",  # endothelial cell
    "tie2": "CL:0000115",
    "villin": "CL:0002563",  # intestinal epithelial cell
    "vil1": "CL:0002563",
}

# Words that put humans in a paper even where no organism is named as such ("human disease",
# "patients"): a paper with them is not an all-mouse study.
HUMAN_WORDS = frozenset({"human", "humans", "patient", "patients", "women", "men", "volunteers", "subjects"})


def clauses(
    texts: Sequence[str], lowers: Sequence[str], start: int, end: int, entity_tokens: Container[int]
) -> list[tuple[int, int]]:
    """Token ranges of the clauses of the sentence ``[start, end)``.

    A clause ends at ";" or at a break word after a comma or "and" (", whereas", ", but",
    "and while"): "X increased Y, whereas Z did not" is two clauses. Tokens of entities
    never break a clause (a gene named "BUT" is a name).
    """
    found, clause_start = [], start
    for i in range(start, end):
        if i in entity_tokens:
            continue
        joined = i > clause_start and (texts[i - 1] == "," or lowers[i - 1] == "and")
        if texts[i] == ";" or (lowers[i] in CLAUSE_BREAKS and joined):
            found.append((clause_start, i))
            clause_start = i + 1
    found.append((clause_start, end))
    return [(s, e) for s, e in found if e > s]


def negated(lowers: Sequence[str], start: int, end: int, entity_tokens: Container[int]) -> bool:
    """Whether the clause ``[start, end)`` holds a negation cue outside the entities' own words.

    "not only" adds rather than denies.
    """
    return any(
        lowers[i] in NEGATION_CUES and not _additive(lowers, i)
        for i in range(start, end)
        if i not in entity_tokens
    )


def _additive(lowers: Sequence[str], i: int) -> bool:
    """Whether the cue at ``i`` denies nothing: "not only" / "not just", or "whether or not"."""
    if i >= 2 and lowers[i - 1] == "or" and lowers[i - 2] == "whether":
        return True  # "we asked whether or not IL-10 affected X": a question, no denial
    return i + 1 < len(lowers) and lowers[i + 1] in ADDITIVE_WORDS


# How far a cue reaches from a claim's trigger word, in tokens. Tuned with `kg eval cues` on
# the BioNLP-ST 2013 train sets (F1 on a plateau from 5 to 7 tokens before the trigger and 2 to 4
# after): "did not induce", "failed to increase", "was not affected", "induced neither X nor
# Y"; "X increased Y but not W" leaves X -> Y affirmative.
NEGATION_BEFORE_TRIGGER = 6
NEGATION_AFTER_TRIGGER = 2
HEDGE_BEFORE_TRIGGER = 10


def negated_near(
    lowers: Sequence[str],
    trigger_start: int,
    trigger_end: int,
    clause: tuple[int, int],
    entity_tokens: Container[int],
) -> bool:
    """Whether a negation cue of the clause sits close to the trigger ``[trigger_start, trigger_end)``.

    A trigger joined by "and" or "but" to an earlier phrase that names an entity has its own
    denial: in "had no effect on STAT3 and increased SOCS3" the "no" is not the increase's.
    """
    start = max(clause[0], trigger_start - NEGATION_BEFORE_TRIGGER)
    joiner = trigger_start - 1
    if (
        joiner > start
        and lowers[joiner] in {"and", "but"}
        and any(k in entity_tokens for k in range(start, joiner))
    ):
        start = joiner
    end = min(clause[1], trigger_end + NEGATION_AFTER_TRIGGER)
    return negated(lowers, start, end, entity_tokens)


def denied_object(
    lowers: Sequence[str], trigger_end: int, object_start: int, entity_tokens: Container[int]
) -> bool:
    """Whether a denial cue stands between a trigger and one of its objects after it.

    "IL-13 induced STAT6 but not STAT1 or STAT5" denies STAT1 and STAT5, not STAT6;
    the caller keeps ``[trigger_end, object_start)`` inside the claim's clause.
    "not only X but also Y" denies nothing, and a denial followed by two verbs before the
    object is the first verb's ("reduced X but did not abolish it and abolished Y"). "no"
    denies a noun, so any verb after it is a new predicate ("had no effect and increased Y").
    """
    return any(
        lowers[i] in OBJECT_NEGATION_CUES
        and not _additive(lowers, i)
        and sum(_verb_form(lowers[k]) for k in range(i + 1, object_start) if k not in entity_tokens)
        < (1 if lowers[i] == "no" else 2)
        for i in range(trigger_end, object_start)
        if i not in entity_tokens
    )


def _verb_form(word: str) -> bool:
    """Whether ``word`` is a trigger verb in a verb form (not "inhibition", "regulator")."""
    signed = word in POSITIVE_VERBS or word in NEGATIVE_VERBS or word in NEUTRAL_VERBS
    return signed and not word.endswith(("ion", "ions", "ment", "ments", "or", "ors", "ory"))


def hedged_before(lowers: Sequence[str], sentence_start: int, trigger_start: int, trigger_end: int) -> bool:
    """Whether a speculation cue ("may", "suggests that") leads up to the trigger in its sentence.

    A cue after the claim ("X increased Y, suggesting a role for Z") hedges what follows it,
    not the finding before it; nor does a sentence-opening aim hedge what follows its comma
    ("To examine whether ..., we used X, and IL-6 induced Y").
    """
    floor = sentence_start
    if lowers[sentence_start] == "to":
        comma = next((i for i in range(sentence_start + 1, trigger_start) if lowers[i] == ","), None)
        floor = floor if comma is None else comma + 1
    # "By using several methods to evaluate cell death, we demonstrated that X led to Y": a
    # report of a finding starts the claim's own clause; a hedging report ("suggest that") hedges it
    report = next(
        (
            k
            for k in range(trigger_start - 1, floor, -1)
            if lowers[k] == "that" and lowers[k - 1] in REPORTING_WORDS
        ),
        None,
    )
    if report is not None and lowers[report - 1] not in HEDGE_CUES:
        floor = report + 1
    start = max(floor, trigger_start - HEDGE_BEFORE_TRIGGER)
    return any(word in HEDGE_CUES for word in lowers[start:trigger_end])


# --- a pair of entities without a trigger (the trained relation model's claims) ---------------


def pair_negated(
    lowers: Sequence[str],
    sentence: tuple[int, int],
    a: tuple[int, int],
    b: tuple[int, int],
    entity_tokens: Container[int] = frozenset(),
) -> bool:
    """Whether a negation cue sits near the pair ``a``, ``b`` (token ranges) in their clause.

    The clause runs between the break words (";", "whereas", "but" ...) around the
    two entities, so "X increased Y, whereas Z did not" keeps X-Y affirmative;
    within it, a cue counts from 6 tokens before the first entity to 2 after the
    second, as :func:`negated_near` reads around a trigger. The entities' own words
    are not cues ("NO synthase").

    Two cues deny something else than the pair. A "but not" / "and not" whose phrase names
    other entities (``entity_tokens``: every entity token of the sentence) and neither of the
    pair's denies that phrase only: in "deficiency in hepatocytes, but not in Kupffer cells,
    reduced STAT3" the deficiency still reduces STAT3. A cue before "X-induced Y" denies the
    verb that governs it, not the relation the compound takes as given: "did not inhibit
    IL-1-induced production of IL-6" still says that IL-1 induces IL-6.
    """
    left, right = min(a[0], b[0]), max(a[1], b[1])
    start = left
    while start > sentence[0] and lowers[start - 1] not in CLAUSE_BREAKS:
        start -= 1
    end = right
    while end < sentence[1] and lowers[end] not in CLAUSE_BREAKS:
        end += 1
    pair_tokens = {*range(*a), *range(*b)}
    if any(
        lowers[i] in INDEPENDENCE_WORDS and lowers[i + 1] == "of"
        for i in range(left, right - 1)
        if i not in pair_tokens
    ):
        return True  # "CXCL8 regulation is independent of NF-kappaB"
    # The rules' windows, with the pair's span as the trigger (measured by `kg eval cues`).
    start = max(start, left - NEGATION_BEFORE_TRIGGER)
    end = min(end, right + NEGATION_AFTER_TRIGGER)
    first_end = a[1] if a[0] < b[0] else b[1]
    given = _names_its_cause(lowers, first_end, right)
    return any(
        lowers[i] in NEGATION_CUES
        and not _additive(lowers, i)
        and not _denies_another(lowers, i, sentence[1], pair_tokens, entity_tokens)
        and not (given and i < left and any(lowers[k] in PERTURBING_VERBS for k in range(i + 1, left)))
        for i in range(start, end)
        if i not in pair_tokens
    )


def _names_its_cause(lowers: Sequence[str], first_end: int, right: int) -> bool:
    """Whether the pair's first entity, ending at ``first_end``, is the cause in "X-induced Y"."""
    return (
        first_end + 1 < right
        and lowers[first_end] == "-"
        and lowers[first_end + 1] in CAUSAL_COMPOUND_PARTICIPLES
    )


def _denies_another(
    lowers: Sequence[str],
    cue: int,
    sentence_end: int,
    pair_tokens: Container[int],
    entity_tokens: Container[int],
) -> bool:
    """Whether the "not" at ``cue`` opens a contrast ("but not in X") naming other entities only.

    The contrast runs to the next bracket, clause break or the sentence's end, and past a comma
    or an "and"/"or" only when the list of entities goes on ("but not STAT1, STAT4 or STAT5 and
    blocked ...").
    """
    if lowers[cue] != "not" or cue == 0 or lowers[cue - 1] not in {"but", "and"}:
        return False
    names_another = False
    i = cue + 1
    while i < sentence_end and lowers[i] not in _CONTRAST_ENDS and lowers[i] not in CLAUSE_BREAKS:
        if lowers[i] in _LIST_WORDS:
            following = i + 1
            if lowers[i] == "," and following < sentence_end and lowers[following] in {"and", "or"}:
                following += 1
            if following >= sentence_end or following not in entity_tokens:
                break
        if i in pair_tokens:
            return False
        names_another = names_another or i in entity_tokens
        i += 1
    return names_another


_CONTRAST_ENDS = frozenset({".", ")", "]"})
_LIST_WORDS = frozenset({",", "and", "or"})
# Participles that, joined to a name by a hyphen, make it the cause of what follows ("IL-1-induced").
CAUSAL_COMPOUND_PARTICIPLES = CueList(
    ["induced", "stimulated", "activated", "mediated", "triggered", "driven", "elicited", "dependent"]
)
# Verbs that act on an event the sentence takes as given: "did not block X-induced Y".
PERTURBING_VERBS = CueList(
    ["inhibit*", "block*", "affect*", "reduc*", "alter*", "suppress*", "prevent*", "abolish*", "abrogat*",
     "attenuat*", "chang*", "requir*", "modif*", "impair*", "diminish*", "decreas*", "influenc*",
     "antagoni*", "interfer*", "revers*", "enhanc*", "increas*", "potentiat*", "augment*"]
)  # fmt: skip


def pair_hedged(
    lowers: Sequence[str], sentence: tuple[int, int], a: tuple[int, int], b: tuple[int, int]
) -> bool:
    """Whether a speculation cue leads up to the pair ``a``, ``b`` or sits between them.

    As :func:`hedged_before` with the pair's span as the trigger: "these data suggest
    that X induces Y" is hedged, "X induced Y, suggesting a role for Z" is not.
    """
    left, right = min(a[0], b[0]), max(a[1], b[1])
    return hedged_before(lowers, sentence[0], left, right)
