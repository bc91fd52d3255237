"""Typed relation patterns: expression, binding, drug targets, treatment, causation, signed correlation.

The sign rules of :mod:`kg.nlp.relations` read *effects* ("X increases Y").
Papers also state facts of other kinds, in a few fixed shapes that a
pattern over the words between two entities reads precisely:

- ``expressed_in`` (gene -> cell or anatomy): "IL-6R is expressed on
  macrophages", "macrophages express IL-6R";
- ``physically_interacts_with`` (gene or chemical -> gene): "IL-6 binds (to)
  IL-6R", "binding of IL-6 to IL-6R";
- ``has_target`` (drug -> gene): "anti-IL-6 antibody siltuximab",
  "tocilizumab, an anti-IL-6R antibody", "the JAK1/2 inhibitor ruxolitinib",
  "siltuximab targets IL-6";
- ``treats`` (drug -> disease or phenotype): "X for the treatment of D",
  "treatment of D with X";
- ``causes`` / ``contributes_to`` (gene or chemical -> disease): "X causes D",
  "X contributes to (the pathogenesis of) D";
- ``positively_correlated_with`` / ``negatively_correlated_with``: "X was
  positively correlated with Y", "an inverse correlation between X and Y".

Each pattern fixes the entity categories on both sides, so "expressed in"
never links two genes. Negation cues between the entities ("is not
expressed on") negate the claim; speculation cues in the sentence hedge it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span

from kg.nlp import cues
from kg.nlp.extensions import doc_text, token_lowers
from kg.nlp.relations import RelationCandidate, claim_sentences

__all__ = ["PATTERN_KINDS", "find_pattern_relations"]

_GENES = frozenset(
    {
        "biolink:Gene",
        "biolink:Protein",
        "biolink:GeneFamily",
        "biolink:ProteinFamily",
        "biolink:MacromolecularComplex",
    }
)
_DRUGS = frozenset(
    {
        "biolink:Drug",
        "biolink:ChemicalEntity",
        "biolink:SmallMolecule",
        "biolink:MolecularMixture",
        "biolink:ChemicalRole",
    }
)
_PLACES = frozenset(
    {"biolink:Cell", "biolink:AnatomicalEntity", "biolink:CellLine", "biolink:GrossAnatomicalStructure"}
)
_CONDITIONS = frozenset(
    {"biolink:Disease", "biolink:PhenotypicFeature", "biolink:DiseaseOrPhenotypicFeature"}
)
_ANY_AGENT = _GENES | _DRUGS

PATTERN_KINDS = (
    "affects",
    "expressed_in",
    "physically_interacts_with",
    "has_target",
    "treats",
    "causes",
    "contributes_to",
    "positively_correlated_with",
    "negatively_correlated_with",
)

_FILLER = r"(?:[\w+/-]+\s+){0,3}?"  # up to three modifier words ("RA synovial", "tumour-associated")
_ADVERBS = (
    r"(?:(?:is|are|was|were|be|being|been|also|only|mainly|highly|constitutively|selectively|predominantly|"
    r"preferentially|abundantly|strongly|primarily|exclusively|frequently|not|never|weakly|specifically|"
    r"aberrantly|differentially|both)\s+)*"
)
_ANTIBODY = (
    r"(?:humani[sz]ed\s+|chimeric\s+|fully\s+human\s+|recombinant\s+|monoclonal\s+|neutrali[sz]ing\s+)*"
)
_ANTIBODY += r"(?:antibody|antibodies|mab|mabs|ab|abs)"
# Words after a gene or chemical that name what was measured ("IL-6 mRNA levels").
_MEASURE = (
    r"(?:(?:mrna|protein|gene|expression|levels?|concentrations?|activity|production|secretion)\s+){0,3}"
)
_BE = r"(?:is|are|was|were|has\s+been|have\s+been)\s+"
# Words before the disease: "patients with", "(62/71) primary", "human", "the sera of".
_DISEASE_GROUP = r"(?:[\w/%()+.-]+\s+){0,4}?"
_RAISED = r"elevated|increased|upregulated|up-regulated|overexpressed|over-expressed|enhanced|raised|higher"
_LOWERED = r"reduced|decreased|downregulated|down-regulated|diminished|lower|lost|silenced"
# A dose or article between "given" and the treatment: "given 8 mg (of)", "receiving a single".
_DOSE = r"(?:(?:[\d.,/]+|mg|g|kg|ug|µg|ml|mg/kg|of|a|an|the|single|daily|oral|low|high|dose|doses)\s+){0,4}?"
# Other subjects listed before the last one: "IFN-gamma(, TNF) and IL-6 increased ...".
_COORDINATED = r"(?:\s*(?:,\s*and|,|and|or)\s+(?!but\b|whereas\b|while\b)[\w+-]+(?:\s+[\w+-]+)?)*\s*"
_CHANGEABLE = _GENES | _DRUGS | frozenset({"biolink:BiologicalProcess", "biolink:Cell"})
_TARGET_NOUN = (
    r"(?:receptor\s+)?(?:kinase\s+)?(?:inhibitor|inhibitors|antagonist|antagonists|blocker|blockers)"
)


@dataclass(frozen=True, slots=True)
class _Pattern:
    """Words between two entities (``gap``), optionally words just before the first (``before``)
    or just after the second (``after``), the categories of both, and who is the subject."""

    kind: str
    first: frozenset[str]
    second: frozenset[str]
    gap: re.Pattern[str]
    subject_is_first: bool
    confidence: float
    before: re.Pattern[str] | None = None
    after: re.Pattern[str] | None = None
    direction: str | None = None


def _compile(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


def _changed_in_treated(direction: str, change_words: str) -> tuple[_Pattern, _Pattern]:
    """ "X (was) <changed> (on day 8) in mice given / treated with Y": Y changes X.

    The change verb takes no object here (the words before "in" are lower-case: "on week 8",
    no entity), so the sign rules leave the sentence alone; the treatment named after the
    group is what changed X.
    """
    changed = (
        rf"{_COORDINATED}{_MEASURE}(?:{_BE})?(?:\w+ly\s+)?(?:{change_words})\s+"
        rf"(?-i:[a-z0-9/%().,-]+\s+){{0,5}}?in\s+"
    )
    given = (
        rf"^{changed}(?:[\w/%()+.-]+\s+){{0,4}}?(?:given|receiving|received|treated\s+with|exposed\s+to|fed|"
        rf"administered|supplemented\s+with|injected\s+with)\s+{_DOSE}$"
    )
    treated = rf"^{changed}(?:the\s+)?$"
    return (
        _Pattern("affects", _CHANGEABLE, _ANY_AGENT, _compile(given), False, 0.65, direction=direction),
        _Pattern(
            "affects", _CHANGEABLE, _ANY_AGENT, _compile(treated), False, 0.65,
            after=_compile(r"^\s*-\s*(?:treated|exposed|fed|injected|supplemented)\b"), direction=direction,
        ),
    )  # fmt: skip


def _changed_in_disease(kind: str, change_words: str) -> _Pattern:
    """ "X (levels) were <changed> in (patients with) D": a signed correlation of X with D."""
    gap = rf"^\s*{_MEASURE}{_BE}(?:\w+ly\s+)?(?:{change_words})\s+in\s+{_DISEASE_GROUP}$"
    return _Pattern(kind, _ANY_AGENT, _CONDITIONS, _compile(gap), True, 0.65)


_PATTERNS = (
    # "IL-6R is expressed on (RA synovial) macrophages"
    _Pattern("expressed_in", _GENES, _PLACES,
             _compile(rf"^\s*(?:,\s*(?:which|that)\s+)?{_ADVERBS}(?:expressed|present|detected|found)\s+"
                      rf"(?:by|in|on|within|at\s+the\s+surface\s+of)\s+(?:the\s+)?{_FILLER}$"),
             True, 0.75),
    # "macrophages (constitutively) express IL-6R"
    _Pattern("expressed_in", _PLACES, _GENES,
             _compile(rf"^\s*{_ADVERBS}(?:express|expresses|expressed|expressing)\s+(?:high\s+levels\s+of\s+|the\s+)?$"),
             False, 0.75),
    # "IL-6 binds (directly) to IL-6R", "gp130 interacts with JAK1"
    _Pattern("physically_interacts_with", _ANY_AGENT, _GENES,
             _compile(r"^\s*(?:(?:directly|specifically|also|can|could|to|first|then|not|does|did)\s+)*"
                      r"(?:binds?|bound|interacts?|interacted|associates?|associated)\s+(?:directly\s+)?"
                      r"(?:to|with)?\s*(?:the\s+)?$"),
             True, 0.75),
    # "binding of IL-6 to IL-6R", "interaction between gp130 and JAK1"
    _Pattern("physically_interacts_with", _ANY_AGENT, _GENES,
             _compile(r"^\s*(?:to|with|and)\s+(?:the\s+)?$"), True, 0.7,
             before=_compile(r"\b(?:binding|interaction|association)\s+(?:of|between)\s+(?:the\s+)?$")),
    # "anti-IL-6 (monoclonal) antibody siltuximab"
    _Pattern("has_target", _GENES, _DRUGS,
             _compile(rf"^\s*(?:receptor\s+)?{_ANTIBODY}\s*,?\s*\(?\s*$"), False, 0.85,
             before=_compile(r"\banti\s*-\s*$")),
    # "the JAK1/2 inhibitor ruxolitinib", "VEGFR kinase inhibitor sunitinib"
    _Pattern("has_target", _GENES, _DRUGS,
             _compile(rf"^\s*(?:-\s*)?(?:targeting\s+|specific\s+)?(?:{_TARGET_NOUN}|{_ANTIBODY})\s*,?\s*\(?\s*$"),
             False, 0.8),
    # "tocilizumab, a humanized anti-IL-6R antibody", "siltuximab (an anti-IL-6 antibody)"
    _Pattern("has_target", _DRUGS, _GENES,
             _compile(r"^\s*(?:,|\()\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?(?:anti\s*-\s*|"
                      r"(?:antibody|mab|inhibitor|antagonist|blocker)\s+(?:against|targeting|to|of)\s+(?:the\s+)?)$"),
             True, 0.85),
    # "sunitinib, a VEGFR inhibitor"
    _Pattern("has_target", _DRUGS, _GENES,
             _compile(r"^\s*(?:,|\()\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?$"), True, 0.8,
             after=_compile(rf"^\s*(?:-\s*)?(?:targeting\s+)?(?:{_TARGET_NOUN}|{_ANTIBODY})\b")),
    # "siltuximab targets / neutralizes IL-6"
    _Pattern("has_target", _DRUGS, _GENES,
             _compile(r"^\s*(?:,\s*which\s+|that\s+)?(?:specifically\s+|selectively\s+|directly\s+)?"
                      r"(?:targets|targeting|targeted|neutrali[sz]es|neutrali[sz]ing|neutrali[sz]ed)\s+(?:the\s+)?$"),
             True, 0.8),
    # "siltuximab (is approved) for the treatment of (patients with) multicentric Castleman disease"
    _Pattern("treats", _DRUGS, _CONDITIONS,
             _compile(r"^\s*(?:,[^,]{0,60},\s*)?(?:(?:is|was|are|were|has\s+been|have\s+been|been)\s+)?"
                      r"(?:(?:approved|used|effective|indicated|licensed|efficacious|beneficial|safe)\s+)?"
                      r"(?:and\s+\w+\s+)?(?:for|in)\s+(?:the\s+)?(?:treatment|therapy|management)\s+of\s+"
                      r"(?:patients\s+with\s+)?(?:\w+\s+){0,2}?$"),
             True, 0.7),
    _Pattern("treats", _DRUGS, _CONDITIONS,
             _compile(r"^\s*(?:(?:successfully|effectively)\s+)?(?:treats|treated|ameliorates|ameliorated|"
                      r"alleviates|alleviated|cures|cured)\s+(?:patients\s+with\s+)?(?:the\s+)?$"),
             True, 0.7),
    # "treatment of rheumatoid arthritis with tocilizumab"
    _Pattern("treats", _CONDITIONS, _DRUGS,
             _compile(r"^\s*(?:patients\s+)?with\s+$"), False, 0.7,
             before=_compile(r"\btreat(?:ment|ing|ed)?\s+(?:of\s+)?(?:patients\s+with\s+)?(?:the\s+)?$")),
    # "X causes D"
    _Pattern("causes", _ANY_AGENT, _CONDITIONS,
             _compile(r"^\s*(?:directly\s+|can\s+|may\s+|might\s+|could\s+)?(?:causes|caused|cause)\s+$"),
             True, 0.7),
    # "X contributes to (the pathogenesis of) D"
    _Pattern("contributes_to", _ANY_AGENT, _CONDITIONS,
             _compile(r"^\s*(?:(?:may|might|could|can|also|significantly)\s+)*(?:contributes?|contributed|contributing)"
                      r"\s+to\s+(?:the\s+)?(?:(?:development|pathogenesis|progression|onset|severity)\s+of\s+)?$"),
             True, 0.7),
    # "serum IL-6 (levels) were positively correlated with CRP"
    _Pattern("positively_correlated_with", _ANY_AGENT | _CONDITIONS, _ANY_AGENT | _CONDITIONS,
             _compile(r"^\s*(?:[\w-]+\s+){0,3}?(?:(?:was|were|is|are)\s+)?(?:significantly\s+)?(?:positively|directly)"
                      r"\s+(?:correlated|associated)\s+with\s+(?:[\w-]+\s+){0,2}?$"),
             True, 0.7),
    _Pattern("negatively_correlated_with", _ANY_AGENT | _CONDITIONS, _ANY_AGENT | _CONDITIONS,
             _compile(r"^\s*(?:[\w-]+\s+){0,3}?(?:(?:was|were|is|are)\s+)?(?:significantly\s+)?(?:negatively|inversely)"
                      r"\s+(?:correlated|associated)\s+with\s+(?:[\w-]+\s+){0,2}?$"),
             True, 0.7),
    # "serum IL-6 levels were (significantly) elevated in (62/71 primary) lung cancers": a change
    # found in a disease, with no agent named, is a correlation with it
    # "plasma IL-6 increased on week 8 in subjects given astaxanthin", "IL-1b was reduced in
    # minocycline-treated mice": the treatment changed it
    *_changed_in_treated("increased", _RAISED),
    *_changed_in_treated("decreased", _LOWERED),
    _changed_in_disease("positively_correlated_with", _RAISED),
    _changed_in_disease("negatively_correlated_with", _LOWERED),
    # "a positive / an inverse correlation between X and Y"
    _Pattern("positively_correlated_with", _ANY_AGENT | _CONDITIONS, _ANY_AGENT | _CONDITIONS,
             _compile(r"^\s*(?:levels\s+)?and\s+(?:the\s+)?$"), True, 0.65,
             before=_compile(r"\bpositive\s+(?:correlation|association)\s+(?:between|of)\s+(?:the\s+)?(?:[\w-]+\s+)?$")),
    _Pattern("negatively_correlated_with", _ANY_AGENT | _CONDITIONS, _ANY_AGENT | _CONDITIONS,
             _compile(r"^\s*(?:levels\s+)?and\s+(?:the\s+)?$"), True, 0.65,
             before=_compile(r"\b(?:negative|inverse)\s+(?:correlation|association)\s+(?:between|of)\s+(?:the\s+)?"
                             r"(?:[\w-]+\s+)?$")),
)  # fmt: skip

_MAX_GAP_CHARACTERS = 120
# A quantifier that denies the first entity: "None of the cytokines were detected in X",
# "No IL-6 was found in Y", "Neither IL-6 nor TNF was expressed by Z".
_DENIED_FIRST = re.compile(r"\b(?:none|neither)\b[^;:]*$|\bno\s+$", re.IGNORECASE)


def find_pattern_relations(doc: Doc, *, max_entities_per_sentence: int = 60) -> list[RelationCandidate]:
    """Return the typed relations the patterns find in ``doc``, in text order.

    Parameters
    ----------
    doc
        A parsed document with sentence boundaries and ``doc.ents``.
    max_entities_per_sentence
        Sentences with more entities are skipped (tables and lists).
    """
    found: dict[tuple, RelationCandidate] = {}
    text, lowers = doc_text(doc), token_lowers(doc)
    for sentence, entities in claim_sentences(doc, max_entities_per_sentence):
        hedged = any(word in cues.HEDGE_CUES for word in lowers[sentence.start : sentence.end])
        for index, first in enumerate(entities):
            for second in entities[index + 1 :]:
                if second.start_char - first.end_char > _MAX_GAP_CHARACTERS:
                    break
                for candidate in _match_pair(text, sentence, first, second, hedged):
                    key = (candidate.subject_start, candidate.object_start, candidate.kind)
                    found.setdefault(key, candidate)
    return sorted(found.values(), key=lambda c: (c.sentence_start, c.subject_start, c.object_start, c.kind))


@cache
def _patterns_for(first: str, second: str) -> tuple[_Pattern, ...]:
    """The patterns (in their order) whose categories fit a first and a second entity's labels."""
    return tuple(p for p in _PATTERNS if first in p.first and second in p.second)


def _match_pair(
    text: str, sentence: Span, first: Span, second: Span, hedged: bool
) -> list[RelationCandidate]:
    if first.kb_id_ == second.kb_id_:
        return []
    gap = text[first.end_char : second.start_char]
    before = text[max(sentence.start_char, first.start_char - 60) : first.start_char]
    after = text[second.end_char : min(sentence.end_char, second.end_char + 40)]
    results = []
    for pattern in _patterns_for(first.label_, second.label_):
        if not pattern.gap.search(gap):
            continue
        if pattern.before is not None and not pattern.before.search(before):
            continue
        if pattern.after is not None and not pattern.after.search(after):
            continue
        subject, obj = (first, second) if pattern.subject_is_first else (second, first)
        negated = bool(_DENIED_FIRST.search(before)) or any(
            word in cues.NEGATION_CUES for word in re.findall(r"[\w']+", gap.lower())
        )
        results.append(
            RelationCandidate.between(
                subject,
                obj,
                sentence,
                kind=pattern.kind,
                direction=pattern.direction,
                aspect=None,
                negated=negated,
                hedged=hedged,
                cell_type=None,
                rule=f"pattern_{pattern.kind}",
                confidence=pattern.confidence,
            )
        )
        break  # the first pattern that fits a pair decides its kind
    return results
