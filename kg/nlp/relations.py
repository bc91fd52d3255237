"""Rule-based, sentence-level relation extraction (the first extractor).

For each clause of a sentence the rules find an *agent* (the first entity
in subject position), a *trigger* (a verb such as "promotes", "inhibited",
"resulted in", an adjective such as "required for", or the prefix "pro-" as
in "pro-angiogenic"), then walk to the end of the clause collecting the
*objects*. Direction words met on the way ("decreased expression of X and
increased expression of Y") set the sign of the next object, aspect words
("expression", "levels") set its aspect. Entities after "in"/"by"/... are
context, not objects; a cell type there becomes the claim's cell context.

Loss-of-function wording around the agent ("blockade of IL-6 signalling",
"Il6ra fl/fl") inverts the sign: "IL-6 signalling blockade decreased SOCS3
expression" yields "IL-6 signalling increases SOCS3 expression". Negation
cues make the claim negated (kept, not dropped); speculation cues mark it
hedged.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from kg.nlp import cues
from kg.nlp import rule_words as words
from kg.nlp.extensions import token_lowers, token_texts

__all__ = [
    "EXTRACTOR_NAME",
    "EXTRACTOR_VERSION",
    "RelationCandidate",
    "claim_sentences",
    "find_relations",
    "is_abbreviation_list",
    "names_a_residue",
]

EXTRACTOR_NAME = "il6kg.rules"
# Raised whenever a change alters what the rules read from a sentence, so that claims of graphs
# built by different rules can be told apart in their provenance (0.1.0: sessions 1-20, 0.2.0:
# session 21; the build cache keys on the code itself, not on this number).
EXTRACTOR_VERSION = "0.3.0"


_OPENING = frozenset({"(", "["})
_CLOSING = frozenset({")", "]"})


def _is_verb_word(lower: str) -> bool:
    """Whether ``lower`` is a trigger verb or "cause"; no perturbation noun, nor "was" ("X was blocked")."""
    if lower in words.CAUSE_VERBS or lower in cues.NEUTRAL_VERBS:
        return True
    signed = lower in cues.POSITIVE_VERBS or lower in cues.NEGATIVE_VERBS
    return signed and lower not in cues.PERTURBATION_WORDS and not lower.endswith(words.NOMINAL_ENDINGS)


@dataclass(frozen=True, slots=True)
class RelationCandidate:
    """A relation found in one sentence; offsets are characters in ``doc.text``.

    ``direction`` is ``"increased"``, ``"decreased"`` or ``None`` (unsigned);
    ``kind`` is ``"affects"``, ``"regulates"`` or ``"associated_with"`` for the
    rules, and also ``"positively_correlated_with"``,
    ``"negatively_correlated_with"``, ``"physically_interacts_with"`` or
    ``"interacts_with"`` for the trained model (:mod:`kg.relation_model`).
    ``extractor``/``extractor_version`` name what found it; ``novel`` is the
    model's reading of the paper's own finding (``True``) versus cited
    background (``False``); the rules leave it ``None``.
    """

    subject_curie: str
    subject_start: int
    subject_end: int
    object_curie: str
    object_start: int
    object_end: int
    sentence_start: int
    sentence_end: int
    kind: str
    direction: str | None
    aspect: str | None
    negated: bool
    hedged: bool
    cell_type: str | None
    rule: str
    confidence: float
    extractor: str = EXTRACTOR_NAME
    extractor_version: str = EXTRACTOR_VERSION
    novel: bool | None = None

    @classmethod
    def between(cls, subject: Span, obj: Span, sentence: Span, **fields: object) -> RelationCandidate:
        """A candidate whose identifiers and offsets come from the two entity spans and the sentence.

        ``fields`` are the remaining attributes (``kind``, ``direction``, ``negated`` ...).
        """
        return cls(
            subject_curie=subject.kb_id_,
            subject_start=subject.start_char,
            subject_end=subject.end_char,
            object_curie=obj.kb_id_,
            object_start=obj.start_char,
            object_end=obj.end_char,
            sentence_start=sentence.start_char,
            sentence_end=sentence.end_char,
            **fields,
        )


@dataclass(frozen=True, slots=True)
class _Trigger:
    start: int
    end: int
    polarity: int  # +1, -1, 0
    rule: str
    pro_object: Span | None = None
    # "X requires Y": the objects act on the subject, not the reverse.
    inverse: bool = False


@dataclass(frozen=True, slots=True)
class _ObjectList:
    """A trigger's objects, each with its sign and aspect, and where the clause goes on.

    ``next_subject`` opens a clause of its own ("and IFN-alpha induced STAT5");
    ``next_predicate`` is a second verb of the same subject ("and is required for Y").
    """

    objects: list[tuple[Span, int, str | None]]
    next_subject: Span | None = None
    next_predicate: _Trigger | None = None
    # The second predicate's first word: negation before it is the first verb's.
    predicate_start: int = 0


def find_relations(doc: Doc, *, max_entities_per_sentence: int = 60) -> list[RelationCandidate]:
    """Return the relation candidates the rules find in ``doc``.

    Parameters
    ----------
    doc
        A parsed document with sentence boundaries and ``doc.ents``.
    max_entities_per_sentence
        Sentences with more entities are skipped (they are tables or lists,
        and rules over them cost time without yielding claims).

    Returns
    -------
    list of RelationCandidate
        In sentence order.
    """
    results: list[RelationCandidate] = []
    for sentence, entities in claim_sentences(doc, max_entities_per_sentence):
        results.extend(_SentenceRules(doc, sentence, entities).relations())
    return results


def claim_sentences(doc: Doc, max_entities: int) -> Iterator[tuple[Span, list[Span]]]:
    """Yield each sentence that can hold a claim, with its grounded entities.

    Only grounded entities can be the ends of a claim (a model entity nothing
    grounds has an empty ``kb_id_``). Sentences with fewer than two, or more
    than ``max_entities`` (tables and lists pasted as prose), and glossaries
    (:func:`is_abbreviation_list`) are skipped.
    """
    # doc.ents is a new tuple of Spans on every access, and each Span attribute a call:
    # the grounded entities' bounds are read once, not once per sentence.
    grounded = [(ent.start, ent.end, ent) for ent in doc.ents if ent.kb_id_]
    for sentence in doc.sents:
        first, last = sentence.start, sentence.end
        entities = [ent for start, end, ent in grounded if start >= first and end <= last]
        if 2 <= len(entities) <= max_entities and not is_abbreviation_list(doc, sentence):
            yield sentence, entities


def is_abbreviation_list(doc: Doc, sentence: Span) -> bool:
    """Whether ``sentence`` is a glossary ("Abbreviations: DAP = DNAX-activation protein; ..."), not prose.

    Such a list names concepts side by side and states nothing about them.
    """
    lowers = token_lowers(doc)
    first = sentence.start
    while first < sentence.end and not lowers[first][:1].isalpha():
        first += 1
    if first < sentence.end and lowers[first].startswith("abbreviation"):
        return True
    # "DAP = DNAX-activation protein" defines; "p = 0.007" reports a statistic.
    texts = token_texts(doc)
    definitions = sum(
        1
        for i in range(sentence.start + 1, sentence.end - 1)
        if lowers[i] == "=" and texts[i + 1][:1].isalpha() and len(texts[i + 1]) > 1
    )
    return definitions >= 3


def names_a_residue(
    ent: Span,
    texts: Sequence[str],
    lowers: Sequence[str],
    entity_at: Mapping[int, Span],
    last: int | None = None,
) -> bool:
    """True for "tyrosine" in "tyrosine phosphorylation", "serine/threonine kinase", "tyrosine 705".

    A chemical entity (an amino acid, a nucleotide) there names a site or a class
    of enzymes, not a substance that acts or is acted on; so does each of
    "tyrosine and serine phosphorylation". ``entity_at`` maps token indices to
    the entities covering them; ``last`` is the end of the sentence (found from
    ``ent`` when not given, and only for chemical entities).
    """
    if ent.label_ not in words.CHEMICAL_CATEGORIES:
        return False
    if last is None:
        last = ent.sent.end
    i = ent.end
    # Hop over joined or coordinated names: "/threonine", "and serine", ", threonine".
    while i + 1 < last and lowers[i] in {"/", "and", "or", ","}:
        following = entity_at.get(i + 1)
        if following is not None:
            if any(word in words.RESIDUE_NOUNS for word in lowers[following.start : following.end]):
                return True  # "serine/threonine kinase" read as one protein name
            i = following.end
        elif texts[i] == "/":
            i += 2
        else:
            break
    return i < last and (lowers[i] in words.RESIDUE_NOUNS or texts[i].isdigit())


class _SentenceRules:
    """The rules applied to one sentence (state shared by its clauses)."""

    def __init__(self, doc: Doc, sentence: Span, entities: list[Span]) -> None:
        self.doc = doc
        # The rules read neighbouring words thousands of times per paper: plain lists,
        # not a new Token object at each look.
        self.texts = token_texts(doc)
        self.lowers = token_lowers(doc)
        self.sentence = sentence
        self.entities = entities
        self.entity_at = {i: ent for ent in entities for i in range(ent.start, ent.end)}
        cell_types = {
            ent.kb_id_ for ent in entities if ent.label_ == "biolink:Cell" and self._in_context(ent)
        }
        self.cell_type = cell_types.pop() if len(cell_types) == 1 else None

    # --- sentence structure -------------------------------------------------
    def _clauses(self) -> list[tuple[int, int]]:
        return cues.clauses(self.texts, self.lowers, self.sentence.start, self.sentence.end, self.entity_at)

    def _in_context(self, ent: Span, floor: int | None = None) -> bool:
        """True when ``ent`` follows a context preposition ("in macrophages").

        Tokens before ``floor`` (the end of a trigger such as "led to") are not
        looked at: the preposition there belongs to the trigger.
        """
        floor = self.sentence.start if floor is None else floor
        i = ent.start - 1
        cell = ent.label_ in {"biolink:Cell", "biolink:CellLine"}
        while i >= floor and (
            self.lowers[i] in words.SKIPPABLE_BEFORE_ENTITY or (cell and self._cell_premodifier(i))
        ):
            i -= 1
        if i > self.sentence.start and self.lowers[i] == "in" and self.lowers[i - 1] in words.CHANGE_NOUNS:
            return False  # "an increase in IL-6": what increased, not where
        if i > floor and cell and self.lowers[i] in words.SETTING_JOINERS:
            # "in monocytes and T cells IL-10 stimulates": the second cell type is a setting too
            before = self.entity_at.get(i - 1)
            return (
                before is not None
                and before.label_ in {"biolink:Cell", "biolink:CellLine"}
                and self._in_context(before, floor)
            )
        return i >= floor and self.lowers[i] in cues.CONTEXT_PREPOSITIONS

    def _joined_to_context(self, ent: Span, joiners: frozenset[str]) -> bool:
        """True when ``ent`` is listed by one of ``joiners`` after an entity in context ("with AHR/ARNT").

        Read for subjects only: after a trigger, "in macrophages and SOCS3" may end a setting.
        """
        joiner = ent.start - 1
        if joiner <= self.sentence.start or self.lowers[joiner] not in joiners:
            return False
        before = self.entity_at.get(joiner - 1)
        return before is not None and (self._in_context(before) or self._joined_to_context(before, joiners))

    def _cell_premodifier(self, i: int) -> bool:
        """True for a word describing cells before their name: "human", "activated", "LPS-stimulated"."""
        ent = self.entity_at.get(i)
        if ent is None:
            return self.texts[i] == "-" or (self.lowers[i].endswith("ed") and self.lowers[i].isalpha())
        # an organism ("human monocytes"), an entity joined by a hyphen ("LPS-stimulated") or a
        # name before another premodifier or the cells ("the BV-2 microglia-derived cell line")
        following = ent.end if ent.end < len(self.texts) else None
        return (
            ent.label_ == "biolink:OrganismTaxon"
            or (following is not None and self.texts[following] == "-")
            or (following is not None and following in self.entity_at)
        )

    def _reported_complement(self, start: int, position: int) -> int | None:
        """Where the last "<reporting verb> that" clause before ``position`` begins, if any."""
        lowers = self.lowers
        joined = (
            None  # "suggest that A ... and that B increases C": B's clause begins after the second "that"
        )
        for i in range(position - 1, start, -1):
            if lowers[i] != "that" or i in self.entity_at:
                continue
            if lowers[i - 1] in cues.REPORTING_WORDS:
                return joined if joined is not None else i + 1
            if lowers[i - 1] == "and" and joined is None:
                joined = i + 1
        return None

    def _in_hedged_report(self, start: int, position: int) -> bool:
        """True inside "These results suggest that ...": the whole complement is a speculation.

        The cue may stand further from the trigger than the hedging window reaches when the
        complement opens with a long subject.
        """
        return any(
            self.lowers[i] == "that"
            and self.lowers[i - 1] in cues.REPORTING_WORDS
            and self.lowers[i - 1] in cues.HEDGE_CUES
            for i in range(start + 1, position)
        )

    def _acted_on(self, trigger: _Trigger) -> str | None:
        """How the subject before ``trigger`` is what changed, if it is; ``None`` for an active verb.

        ``"passive"`` for "was reduced", "were not significantly induced" (a participle after a
        form of be); ``"bare"`` for a participle followed by a preposition, or any form followed
        by "by" and its agent: a reduced relative ("SOCS3 induced in macrophages by IL-6", "junB,
        stimulated in response to IL-6", "IL-6 induction by LPS") or an intransitive use
        ("IFN-gamma increased on week 8 in subjects given X").
        """
        if trigger.rule != "verb" or trigger.end - trigger.start != 1:
            return None
        word = self.lowers[trigger.start]
        if word.endswith(("ed", "driven")):
            i = trigger.start - 1
            while i > self.sentence.start and self._is_adverb(i):
                i -= 1
            if i >= self.sentence.start and self.lowers[i] in words.BE_FORMS and i not in self.entity_at:
                return "passive"
        following = trigger.end
        if following >= self.sentence.end or following in self.entity_at:
            return None
        after = self.lowers[following]
        # A participle ("induced in", "increased on") or any form before its agent ("induction
        # by LPS"); not the noun of "an increase in X", whose X is still the object.
        if following + 1 < self.sentence.end and after == "by" and self.lowers[following + 1].endswith("ing"):
            return None  # "exerts its influence by binding to X": the means, not an agent
        if (
            after in words.PREPOSITIONS_AFTER_INTRANSITIVE and word.endswith(("ed", "driven"))
        ) or after == "by":
            return "bare"
        return None

    def _is_adverb(self, i: int) -> bool:
        """True for a word between a subject, "be" or "that" and its verb ("not", "-ly", "at least")."""
        lower = self.lowers[i]
        if lower in words.PASSIVE_ADVERBS or lower.endswith("ly"):
            return True
        following = self.lowers[i + 1] if i + 1 < self.sentence.end else ""
        previous = self.lowers[i - 1] if i > self.sentence.start else ""
        return (lower, following) == ("at", "least") or (previous, lower) == ("at", "least")

    def _passive_agent(self, trigger: _Trigger, end: int) -> Span | None:
        """The agent of a passive trigger: the entity after "by" ("was induced in macrophages by IL-6")."""
        i = trigger.end
        while i < end and self.lowers[i] not in cues.OBJECT_STOPS:
            context = self.entity_at.get(i)
            if context is not None:
                if not self._in_context(context):
                    return None  # an object before any "by": no passive agent to read
                i = context.end
                continue
            by = self.lowers[i] == "by"
            if (
                not by
                and self.lowers[i] in words.MEDIATOR_PREPOSITIONS
                and self.lowers[trigger.start] == "mediated"
            ):
                by = True  # "IL-6 expression is mediated through NF-kB": NF-kB mediates it
            if not by and self.lowers[i : i + 3] == ["in", "response", "to"]:
                by, i = True, i + 2  # "stimulated in response to IL-6" names its agent as "by" does
            if by:
                j = i + 1
                while (
                    j < end
                    and j not in self.entity_at
                    and (
                        self.lowers[j] in words.SKIPPABLE_BEFORE_ENTITY
                        or self.lowers[j] in cues.PERTURBATION_WORDS
                        or self.lowers[j] == "of"
                    )
                ):
                    j += 1
                ent = self.entity_at.get(j)
                if ent is None or ent.label_ not in words.AGENT_CATEGORIES or self._is_modifier(ent):
                    return None  # "activated by tyrosine phosphorylation": a site, not an agent
                return ent
            i += 1
        return None

    def _raised_subject(self, candidates: list[Span], position: int) -> Span | None:
        """The entity of "<reporting verb> <entity> to <trigger>" ("revealed eugenol to ameliorate")."""
        if position < 3 or self.lowers[position - 1] != "to":
            return None
        last = candidates[-1]
        if last.end != position - 1 or last.start < 1:
            return None
        return last if self.lowers[last.start - 1] in cues.REPORTING_WORDS else None

    def _word_before(self, ent: Span, *, past_organisms: bool = False) -> int:
        """The index of the word before ``ent`` past articles and the like (below the sentence if none).

        ``past_organisms`` also steps over an organism's name ("of human monocytes").
        """
        i = ent.start - 1
        while i >= self.sentence.start and (
            self.lowers[i] in words.SKIPPABLE_BEFORE_ENTITY
            or (
                past_organisms and i in self.entity_at and self.entity_at[i].label_ == "biolink:OrganismTaxon"
            )
        ):
            i -= 1
        return i

    def _exposed(self, ent: Span, position: int) -> bool:
        """True for <ent> in "the exposure (treatment ...) of <ent> to/with ..." before ``position``."""
        i = self._word_before(ent, past_organisms=True)  # "of human monocytes"
        return (
            i > self.sentence.start
            and self.lowers[i] == "of"
            and self.lowers[i - 1] in words.EXPOSURE_NOUNS
            and ent.end + 1 < position
            and self.lowers[ent.end] in {"to", "with"}
        )

    def _after_of(self, ent: Span) -> bool:
        """True for "the role of IL-6": the entity is not the clause's subject."""
        i = self._word_before(ent)
        return i >= self.sentence.start and self.lowers[i] == "of" and not self._perturbed(ent)

    def _is_modifier(self, ent: Span) -> bool:
        """True for "vaccine-induced" or "anti-tumor": the entity only modifies a noun."""
        texts, lowers, end, start = self.texts, self.lowers, ent.end, ent.start
        at = self._past_short_form(end)  # "lipopolysaccharide (LPS)-stimulated"
        if at + 2 <= len(texts) and texts[at] == "-" and lowers[at + 1] in words.MODIFIER_SUFFIXES:
            return True
        if end < len(texts) and texts[end - 1].endswith("-") and lowers[end] in words.MODIFIER_SUFFIXES:
            return True  # "TNF- induced": the hyphen stayed on the name
        if self._modifier_partner(ent):
            return True
        if names_a_residue(ent, texts, lowers, self.entity_at, self.sentence.end):
            return True
        if end < self.sentence.end and lowers[end] in words.REPORT_NOUNS:
            return True  # "the cytokine profile revealed X": what was measured, not what acts
        if end < self.sentence.end and lowers[end] in words.STAND_IN_NOUNS and end + 1 not in self.entity_at:
            return True  # "a curcumin analogue reduced X" (but "the curcumin analogue EF24" names it)
        following = self.entity_at.get(end)
        if (
            following is not None
            and ent.label_ in words.OWNER_CATEGORIES
            and following.label_ == "biolink:BiologicalProcess"
        ):
            return True  # "tumor cell apoptosis", "B-CLL cell death": whose process, not a claim end
        if start < 2:
            return False
        if texts[start - 1] == "-" and lowers[start - 2] in {"anti", "pro"}:
            return True
        # "TC-1.IL-6": the entity is part of a cell line or strain name.
        return (
            texts[start - 1] == "."
            and not self.doc[start - 2].whitespace_
            and not self.doc[start - 1].whitespace_
        )

    def _past_short_form(self, i: int) -> int:
        """The token after a bracketed short form starting at ``i`` ("(LPS)", "( LPS )"), else ``i``."""
        texts = self.texts
        if i >= self.sentence.end or not texts[i].startswith("("):
            return i
        for close in range(i, min(i + 4, self.sentence.end)):
            if texts[close].endswith(")"):
                return close + 1
        return i

    def _modifier_partner(self, ent: Span) -> bool:
        """True when ``ent`` is joined to an entity that modifies a noun, and so modifies it too.

        "SIRPA/STAT3-dependent" joins by a slash; "a p16- and p53-independent arrest" by a
        hyphen (which may end the entity's own text) and "and" or "or".
        """
        texts, end = self.texts, ent.end
        if end < len(texts) and texts[end] == "/":
            partner_at = end + 1
        else:
            after_hyphen = end + 1 if end < len(texts) and texts[end] == "-" else end
            if not (after_hyphen > end or texts[end - 1].endswith("-")):
                return False
            if after_hyphen >= len(texts) or self.lowers[after_hyphen] not in {"and", "or"}:
                return False
            partner_at = after_hyphen + 1
        partner = self.entity_at.get(partner_at)
        return partner is not None and partner.start == partner_at and self._is_modifier(partner)

    def _perturbed(self, ent: Span) -> bool:
        """True when the text describes loss of ``ent`` (blockade, knockout, ...)."""
        if self._rescued(ent):
            return False
        if "-/-" in ent.text or (ent.end < self.sentence.end and self.texts[ent.end].strip("()") == "-/-"):
            return True  # "Rictor(-/-) DC", "Stat3-/- mice", "IL-10 (-/-)": the genotype in or after the name
        first = max(ent.start - 4, self.sentence.start)
        # "blockade of the IL-6 receptor": the article does not count.
        before = [
            word for word in self.lowers[first : ent.start] if word not in words.SKIPPABLE_BEFORE_ENTITY
        ][-3:]
        if before and before[-1] == "of" and any(word in cues.PERTURBATION_WORDS for word in before[:-1]):
            return True
        if len(before) >= 2 and self.texts[ent.start - 1] == "-" and before[-2] == "anti":
            return True
        if before and before[-1] == "negative" and "dominant" in before[-3:-1]:
            return True  # "a dominant negative Stat3 construct"
        if self._after_perturbing_gerund(ent):
            return True
        following = ent.end
        if following < self.sentence.end and self.texts[following] == "(":
            # "VPAC2 (vasoactive intestinal peptide receptor type 2) receptor deficient mice"
            closing = next(
                (k for k in range(following, min(following + 12, self.sentence.end)) if self.texts[k] == ")"),
                None,
            )
            following = closing + 1 if closing is not None else following
        after = self.lowers[following : min(following + 2, self.sentence.end)]
        if after and _is_verb_word(after[0]):
            return False  # "IL-6 caused inhibition of X": the noun is the verb's object
        if after and after[0] in words.PREPOSITIONS_AFTER_AGENT:
            return False  # "Fab fragment of anti-E. chaffeensis IgG": the loss is another noun's
        return any(word in cues.PERTURBATION_WORDS for word in after)

    def _rescued(self, ent: Span) -> bool:
        """True for "MRP-14(-/-) DCs infected with MRP-14 vectors": the lost gene is put back."""
        stop = min(ent.end + 8, self.sentence.end)
        rescue = next((i for i in range(ent.end, stop) if self.lowers[i] in words.RESCUE_WORDS), None)
        if rescue is None:
            return False
        return any(
            other.kb_id_ == ent.kb_id_ and other.kb_id_ and rescue < other.start <= rescue + 6
            for other in self.entities
        )

    def _after_perturbing_gerund(self, ent: Span) -> bool:
        """True for "Blocking IL-6 reduced X", "by targeting CXCR7", "knocking down STAT3".

        The gerund must open its phrase (the sentence, or after a comma, "by", "that" ...):
        in "X, inhibiting IL-6, ..." or "IL-1 inhibiting IL-6" the entity is an object.
        """
        i = ent.start - 1
        while i > self.sentence.start and self.lowers[i] in words.SKIPPABLE_BEFORE_ENTITY:
            i -= 1
        if i > self.sentence.start and self.lowers[i] == "down" and self.lowers[i - 1] == "knocking":
            i -= 1
        if i < self.sentence.start or self.lowers[i] not in words.PERTURBING_GERUNDS:
            return False
        return i == self.sentence.start or self.lowers[i - 1] in words.BEFORE_A_GERUND_PHRASE

    # --- triggers -----------------------------------------------------------
    def _trigger_at(self, i: int, clause_end: int) -> _Trigger | None:
        lower = self.lowers[i]
        # The next word, lower-cased, or None at the clause's end.
        following = self.lowers[i + 1] if i + 1 < clause_end else None
        if i > 0 and self.texts[i - 1] == "-" and lower != "angiogenic":
            return None  # "vaccine-induced": a modifier, not a verb
        if lower in words.DNA_ELEMENT_NOUNS and following != "of":
            # "the IRF-1 gene promoters", "an enhancer": DNA, not "promote"/"enhance"; "a potent
            # promoter of tumor growth" is the agent noun
            return None
        if self._parallel_modifier(i):
            return None  # "increased bone resorption and reduced bone formation": both adjectives
        if lower == "pro" and following == "-":
            target = self.entity_at.get(i + 2)
            if target is not None:
                return _Trigger(i, i + 2, +1, "pro_adjective", pro_object=target)
        if lower in cues.REQUIREMENT_ADJECTIVES and following == "for":
            return _Trigger(i, i + 2, +1, "requirement")
        if (
            lower in words.REQUIRE_VERBS
            and following not in {"for", "to", "by"}
            and self.lowers[i - 1] not in words.BE_FORMS
        ):
            return _Trigger(i, i + 1, +1, "requirement", inverse=True)
        if lower in cues.ASSOCIATION_WORDS and following in {"to", "with"}:
            return _Trigger(i, i + 2, 0, "association")
        if lower in words.INVOLVEMENT_WORDS and following == "in":
            # "OSM has been implicated in metastasis"; in "is involved in repressing X" or "in
            # transcriptional activation of X" the verb or noun after it says how
            if self._first_trigger(i + 2, min(i + 5, clause_end)) is not None:
                return None
            return _Trigger(i, i + 2, 0, "association")
        if lower in words.RESULT_VERBS and following in {"in", "to"}:
            return _Trigger(i, i + 2, 0, "verb")
        if lower in words.PROTECT_VERBS and following == "against":
            return _Trigger(i, i + 2, -1, "verb")  # "silymarin protects against renal cancer"
        if lower.endswith(("ed", "ory", "ive")) and self._adjectival_participle(i, self.sentence.start):
            # "coincided with enhanced binding", "as regulatory elements", "against chemically
            # induced cancer": adjectives
            return None
        if lower.endswith(("ed", "ory", "ive")) and self._after_determiner(i):
            # "an increased production of X", "a constitutively activated STAT3", "the inhibitory
            # effects of X": an adjective in a noun phrase, no verb ("a key player in the
            # activation of Y" still reads the noun)
            return None
        if lower in cues.POSITIVE_VERBS:
            return _Trigger(i, i + 1, +1, "verb")
        if lower in cues.NEGATIVE_VERBS:
            return _Trigger(i, i + 1, -1, "verb")
        if lower.startswith("mediat") and self._mediates_an_effect_of(i, clause_end):
            return None  # "SHP2 mediates the anti-apoptotic effect of IL-6": IL-6 acts, through SHP2
        if (
            lower == "control"
            and following is not None
            and (following in words.CONTROL_GROUP_NOUNS or following.startswith(("sirna-", "shrna-")))
        ):
            return None  # "control siRNA-transfected monocytes": the comparison group
        if lower in cues.NEUTRAL_VERBS or lower in words.CAUSE_VERBS:
            return _Trigger(i, i + 1, 0, "verb")
        return None

    def _mediates_an_effect_of(self, i: int, clause_end: int) -> bool:
        """True for "mediates the (anti-apoptotic) effect of Y": the verb's subject is Y's means."""
        after = self.lowers[i + 1 : min(i + 9, clause_end)]
        effect = next((k for k, word in enumerate(after) if word in words.EFFECT_OF_NOUNS), None)
        return effect is not None and after[effect + 1 : effect + 2] == ["of"]

    def _parallel_modifier(self, i: int) -> bool:
        """True for "increased X and reduced Y": a participle after "X and" mirroring a word before X."""
        if not self.lowers[i].endswith("ed") or i < 2 or self.lowers[i - 1] != "and":
            return False
        # "increased SIRPA activity and reduced Y": an aspect noun may follow the entity
        before = self.entity_at.get(i - 2) or (self.entity_at.get(i - 3) if i >= 3 else None)
        if before is None:
            return False
        # "increased osteoclastic bone resorption": an adjective may stand between
        window = self.lowers[max(self.sentence.start, before.start - 2) : before.start]
        return any(word in cues.POSITIVE_MODIFIERS or word in cues.NEGATIVE_MODIFIERS for word in window)

    def _clause_trigger(self, start: int, end: int) -> _Trigger | None:
        """The clause's trigger: its first, unless that is a noun that a verb follows.

        "IL-6 induction of SOCS3" and "IL-6 activation by LPS" read the noun; in "STAT3
        activation in macrophages requires IL-6" the verb is "requires".
        """
        trigger = self._first_trigger(start, end)
        while trigger is not None and (
            self._names_a_target(trigger)
            or self._agent_noun_used(trigger)
            or self._modified_nominal(trigger)
            or self._nominal_after_event(trigger)
            or self._coordinated_nominal(trigger, start)
            or self._listed_nominal(trigger)
            or self._experimenters_purpose(trigger, start)
            or self._bracketed_without_agent(trigger, start)
        ):
            trigger = self._first_trigger(trigger.end, end)
        if (
            trigger is not None
            and self.lowers[trigger.start].endswith(words.NOMINAL_ENDINGS)
            and trigger.end < end
            and trigger.end not in self.entity_at
            and self.lowers[trigger.end] not in {"of", "by"}
        ):
            following = self._first_trigger(trigger.end, end)
            if following is not None and following.inverse:
                return following
        return trigger

    def _listed_nominal(self, trigger: _Trigger) -> bool:
        """True for a noun of a trigger's stem that ends a list item: "STAT3 activation and IL-6".

        What follows the "and" is the next thing listed, not what the noun acts on. Only after
        the entity it is said of: in "a key player in the activation, proliferation and survival
        of lymphocytes" the nouns share their "of".
        """
        return (
            trigger.start - 1 in self.entity_at
            and self.lowers[trigger.start].endswith(words.NOMINAL_ENDINGS)
            and trigger.end < self.sentence.end
            and self.lowers[trigger.end] in words.LIST_ITEM_ENDS
        )

    def _experimenters_purpose(self, trigger: _Trigger, start: int) -> bool:
        """True for "PBMC were cultured ..., washed to remove IL-10": a protocol's purpose."""
        return self.lowers[trigger.start - 1] == "to" and any(
            lower in words.HANDLING_PARTICIPLES for lower in self.lowers[start : trigger.start - 1]
        )

    def _unmatched(self, indices: range, wanted: frozenset[str], matching: frozenset[str]) -> int | None:
        """The first index in ``indices`` holding a bracket of ``wanted`` that no ``matching`` one pairs."""
        depth = 0
        for i in indices:
            if self.texts[i] in matching:
                depth += 1
            elif self.texts[i] in wanted:
                if depth == 0:
                    return i
                depth -= 1
        return None

    def _bracket_opening(self, position: int, start: int) -> int | None:
        """The index of the bracket still open at ``position``, if one opened after ``start``."""
        return self._unmatched(range(position - 1, start - 1, -1), _OPENING, _CLOSING)

    def _in_closed_bracket(self, ent: Span, start: int, position: int) -> bool:
        """True when ``ent`` sits in an aside that opens after ``start`` and closes before ``position``.

        An aside is a bracket that describes: "(an activator of mir-143)", "(i.e., microglia ...)".
        """
        opening = self._bracket_opening(ent.start, start)
        if opening is None or self.lowers[opening + 1] not in words.ASIDE_OPENERS:
            return False  # "(OSM)", "(8 mg doxorubicin/kg)": a short form or a dose names the subject
        return self._unmatched(range(ent.end, position), _CLOSING, _OPENING) is not None

    def _entities_and_asides(self, trigger: _Trigger, start: int, end: int) -> set[int]:
        """Entity tokens and the tokens of brackets around neither end of the trigger.

        A denial in "IL-6 (but not IL-11) induced SOCS3" is the aside's, not the verb's.
        """
        skipped = set(self.entity_at)
        opened: list[int] = []
        for i in range(start, end):
            if self.texts[i] in {"(", "["}:
                opened.append(i)
            elif self.texts[i] in {")", "]"} and opened:
                opening = opened.pop()
                if not opening < trigger.start <= i:
                    skipped.update(range(opening, i + 1))
        return skipped

    def _main_clause_after(self, comma: int, end: int) -> bool:
        """True when ``comma`` ends a sentence-opening subordinate clause before its main clause.

        The sentence opens with "Since", "Although", "When" ...; after the comma come, before any
        other comma, an entity and a verb.
        """
        if self.lowers[self.sentence.start] not in words.SUBORDINATORS:
            return False
        named = False
        i = comma + 1
        while i < min(comma + 9, end) and self.texts[i] not in {",", ";"}:
            if i in self.entity_at:
                named, i = True, self.entity_at[i].end
                continue
            if named and (self.lowers[i] in words.OTHER_FINITE_VERBS or _is_verb_word(self.lowers[i])):
                return True
            i += 1
        return False

    def _statistics_bracket_end(self, opening: int, end: int) -> int | None:
        """Past the bracket opened at ``opening`` if it reports statistics ("P < 0.02"), else None."""
        depth, statistics = 0, False
        for i in range(opening, end):
            text = self.texts[i]
            # brackets inside a token count too: "F(1,59" is one token
            depth += text.count("(") + text.count("[") - text.count(")") - text.count("]")
            statistics = statistics or text in words.STATISTICS_SIGNS
            if depth <= 0:
                return i + 1 if statistics else None
        return None

    def _outside_brackets(self, start: int, end: int) -> list[str]:
        """The tokens from ``start`` to ``end`` that no bracket encloses (brackets dropped too)."""
        kept: list[str] = []
        depth = 0
        for text in self.texts[start:end]:
            if text in {"(", "["}:
                depth += 1
            elif text in {")", "]"}:
                depth = max(depth - 1, 0)
            elif depth == 0:
                kept.append(text)
        return kept

    def _bracketed_without_agent(self, trigger: _Trigger, start: int) -> bool:
        """True when a bracketed trigger has no agent of its own in the bracket.

        "markers (glucose-regulated protein 78, growth arrest and DNA damage induced gene-153)":
        the verb belongs to a name in a list, not to the sentence's subject.
        """
        opening = self._bracket_opening(trigger.start, start)
        if opening is None or self._acted_on(trigger) is not None:
            return False  # "IL-6 (which is induced by LPS)": a passive describes the noun before
        return not any(
            opening < ent.start
            and ent.end <= trigger.start
            and ent.label_ in words.AGENT_CATEGORIES
            and not any(text in {",", ";"} for text in self.texts[ent.end : trigger.start])
            for ent in self.entities
        )

    def _names_a_target(self, trigger: _Trigger) -> bool:
        """True for an agent noun after an entity: the entity is its target ("the MEK inhibitor").

        Typed patterns read such drugs and their targets; as a verb the noun would make its
        target the agent ("the MEK inhibitor, PD98059, ablated the OSM-induced inhibition").
        """
        previous = trigger.start - 1
        if previous >= self.sentence.start and self.texts[previous] == "-":
            previous -= 1
        return self.lowers[trigger.start].endswith(("or", "ors")) and previous in self.entity_at

    def _agent_noun_used(self, trigger: _Trigger) -> bool:
        """True for an agent noun the text uses, not the subject's act: "cultured with inhibitors of X".

        After "with", "without", "using", "plus" or "of" (and determiners or adjectives) an
        "inhibitor" or "activator" is an unnamed substance added to the experiment.
        """
        if not self.lowers[trigger.start].endswith(("or", "ors")):
            return False
        i = trigger.start - 1
        while i > self.sentence.start and (
            self.lowers[i] in words.SKIPPABLE_BEFORE_ENTITY
            or self.lowers[i] in words.SUBSTANCE_ADJECTIVES
            or self.texts[i] == "-"
        ):
            i -= 1
        return self.lowers[i] in words.USING_WORDS

    def _nominal_after_event(self, trigger: _Trigger) -> bool:
        """True for a noun of a trigger's stem after "following", "after", "upon" ...: an event.

        "gene expression in response to PMA following inhibition of JNK": whose inhibition
        the clause does not say.
        """
        previous = trigger.start - 1
        return (
            self.lowers[trigger.start].endswith(words.NOMINAL_ENDINGS)
            and previous >= self.sentence.start
            and self.lowers[previous] in words.EVENT_PREPOSITIONS
        )

    def _coordinated_nominal(self, trigger: _Trigger, start: int) -> bool:
        """True for a noun of a trigger's stem joined by "and"/"or" to a subject before any verb.

        In "cell cycle progression and inhibition of apoptosis do not require NF-kB" the two
        nouns are the subject together: the inhibition is nobody's act in the sentence. After
        a verb ("acts as a biomarker and a modulator of X") the noun is the subject's.
        """
        if not self.lowers[trigger.start].endswith(words.NOMINAL_ENDINGS):
            return False
        previous = trigger.start - 1
        if previous > start and self.lowers[previous] in words.DETERMINERS:
            previous -= 1
        if previous < start or self.lowers[previous] not in {"and", "or"}:
            return False
        return not any(
            (_is_verb_word(self.lowers[i]) or self.lowers[i] in words.OTHER_FINITE_VERBS)
            and self.texts[i - 1] != "-"
            for i in range(start, previous)
            if i not in self.entity_at
        )

    def _modified_nominal(self, trigger: _Trigger) -> bool:
        """True for a noun of a trigger's stem whose own noun phrase names its agent.

        In "the MEK inhibitor ablated the OSM-induced inhibition" the inhibition is OSM's, so
        it is no act of the clause's subject.
        """
        if not self.lowers[trigger.start].endswith(words.NOMINAL_ENDINGS):
            return False
        i, named = trigger.start - 1, False
        while i > self.sentence.start and (
            i in self.entity_at or self.texts[i] == "-" or self.lowers[i].endswith(("ed", "ly"))
        ):
            named = named or i in self.entity_at
            i -= 1
        return named and self.lowers[i] in words.DETERMINERS

    def _responded_to(self, agent: Span, trigger: _Trigger) -> Span | None:
        """The agent of "cells respond to X with increases in Y": X, not the cells.

        Without such a frame between ``agent`` and the trigger, ``agent`` itself; with
        one that names no agent, None.
        """
        lowers = self.lowers
        frame = next(
            (
                i
                for i in range(agent.end, trigger.start - 1)
                if lowers[i] in words.RESPOND_VERBS and lowers[i + 1] == "to"
            ),
            None,
        )
        if frame is None:
            return agent
        return next(
            (
                ent
                for ent in self.entities
                if frame + 2 <= ent.start
                and ent.end <= trigger.start
                and ent.label_ in words.AGENT_CATEGORIES
                and not self._is_modifier(ent)
            ),
            None,
        )

    def _requirer(self, agent: Span, trigger: _Trigger) -> bool:
        """True when ``agent`` is what "requires" the objects: nothing but its noun phrase between.

        "AP-1 activation requires Fos", "STAT3 activation in macrophages does not require IL-6";
        not "NRG-1-induced migration was erbB-dependent and required MEK", whose requirer is
        the migration.
        """
        if self._joined_to_context(agent, words.LIST_JOINERS):
            return False  # "transformation by c-MYC and OSM required PI3K": the transformation requires it
        between = self.lowers[agent.end : trigger.start]
        return not any(
            word in words.NOT_IN_A_REQUIRER or word == "-" or word.endswith("ed") for word in between
        )

    def _after_determiner(self, i: int) -> bool:
        """True when a determiner comes before token ``i``, past adverbs ("a constitutively")."""
        i -= 1
        while i > self.sentence.start and self.lowers[i].endswith("ly") and i not in self.entity_at:
            i -= 1
        return i >= self.sentence.start and self.lowers[i] in words.DETERMINERS

    def _first_trigger(self, start: int, end: int) -> _Trigger | None:
        i = start
        while i < end:
            if i in self.entity_at:
                i = self.entity_at[i].end
                continue
            trigger = self._trigger_at(i, end)
            if trigger is not None:
                return trigger
            i += 1
        return None

    # --- relations ----------------------------------------------------------
    def relations(self) -> list[RelationCandidate]:
        found: list[RelationCandidate] = []
        previous_agent: Span | None = None
        for start, end in self._clauses():
            agent, clause_relations = self._clause_relations(start, end, previous_agent)
            found.extend(clause_relations)
            previous_agent = agent or self._perturbed_entity(start, end) or previous_agent
        return found

    def _perturbed_entity(self, start: int, end: int) -> Span | None:
        """The first entity of the clause that the text knocks out or blocks."""
        return next(
            (
                ent
                for ent in self.entities
                if start <= ent.start
                and ent.end <= end
                and ent.label_ in words.AGENT_CATEGORIES
                and self._perturbed(ent)
            ),
            None,
        )

    def _agent_before(self, start: int, position: int, *, nearest: bool) -> Span | None:
        """The clause's agent: its subject entity, or (``nearest``) the closest entity.

        When the first entity sits after "of" ("the role of IL-6 in ..."), the
        subject is a phrase no entity names, and there is no agent. In an
        apposition ("the cytokine, interleukin-6, exerts") the named entity wins.
        """
        candidates = [
            ent
            for ent in self.entities
            if start <= ent.start
            and ent.end <= position
            and ent.label_ in words.AGENT_CATEGORIES
            and not self._in_context(ent)
            and not self._joined_to_context(ent, words.SLASH)
            and not self._is_modifier(ent)
            and not self._in_closed_bracket(ent, start, position)
        ]
        if not candidates:
            return None
        if nearest:
            return candidates[-1]
        # "studies in monocytes have shown that IL-10 inhibits ...": the subject of the
        # reported finding comes after "that".
        complement = self._reported_complement(start, position)
        if complement is not None:
            # ... and when no entity opens it ("that glioma cells may increase X"), none acts,
            # unless a pronoun takes up the entity before ("Bcl10 ... showed that it is a regulator")
            reported = [ent for ent in candidates if ent.start >= complement]
            if not reported and self.lowers[complement] not in words.PRONOUNS:
                return None
            candidates = reported or candidates
        raised = self._raised_subject(candidates, position)
        if raised is not None:
            return raised  # "immunohistochemistry revealed eugenol to ameliorate X"
        first = candidates[0]
        if self._exposed(first, position):
            # "the exposure of human monocytes to E. chaffeensis induces X": what they meet acts
            agent = self.entity_at.get(first.end + 1)
            return agent if agent is not None and agent.label_ in words.AGENT_CATEGORIES else None
        if self._after_of(first):
            return None
        if len(candidates) > 1 and self._outside_brackets(first.end, candidates[1].start) == [","]:
            # "Via targeting C/EBPb (an activator of mir-143), miR-155 represses": the fronted
            # phrase ends at the comma
            return candidates[1]
        if len(candidates) > 1:
            between = self.lowers[first.end : candidates[1].start]
            if (not between and first.text.islower()) or (
                len(between) == 1 and between[0] in words.ROLE_NOUNS
            ):
                # "the transcription factor NF-kappa B", "the TSPO ligand etifoxine": the name acts
                return candidates[1]
        return first

    def _clause_relations(
        self, start: int, end: int, previous_agent: Span | None
    ) -> tuple[Span | None, list[RelationCandidate]]:
        trigger = self._clause_trigger(start, end)
        if trigger is None:
            effect_noun = next((i for i in range(start, end) if self.lowers[i] in cues.EFFECT_NOUNS), None)
            no_effect = effect_noun is not None and cues.negated(self.lowers, start, end, self.entity_at)
            # "Tocilizumab had no effect on X" names its subject, when the noun is one with its own
            # denial (not "SOX2 expression did not change following ETO"); "..., but had no effect
            # on X" the previous clause's
            noun_use = (
                effect_noun is not None
                and self.lowers[effect_noun - 1] not in words.BEFORE_A_VERB
                # "had no (significant) effect on": the denial is the noun's own
                and cues.negated(self.lowers, max(start, effect_noun - 3), effect_noun, self.entity_at)
            )
            subject = (
                self._agent_before(start, effect_noun, nearest=False) if no_effect and noun_use else None
            )
            if no_effect and (subject or previous_agent) is not None:
                trigger = _Trigger(effect_noun, effect_noun + 1, 0, "no_effect")
                agent = subject or previous_agent
            else:
                return self._agent_before(start, end, nearest=False), []
        else:
            appositive = trigger.rule == "requirement" and self.texts[trigger.start - 1] == ","
            # A bracketed trigger's agent is inside its bracket ("IL-6 (and IL-11 activating STAT3)").
            opening = self._bracket_opening(trigger.start, start)
            active = self._acted_on(trigger) is None
            agent_floor = opening + 1 if opening is not None and active else start
            agent = self._agent_before(agent_floor, trigger.start, nearest=appositive)
            if agent is not None:
                agent = self._responded_to(agent, trigger)
            if agent is None:
                return None, []
            if trigger.inverse and not self._requirer(agent, trigger):
                return agent, []
        relations: list[RelationCandidate] = []
        negation_start = start
        while True:
            # Negation and speculation are read around the trigger (kg.nlp.cues; measured by
            # `kg eval cues`), not over the whole clause or sentence.
            negated = cues.negated_near(
                self.lowers,
                trigger.start,
                trigger.end,
                (negation_start, end),
                self._entities_and_asides(trigger, negation_start, end),
            )
            hedged = (
                cues.hedged_before(self.lowers, self.sentence.start, trigger.start, trigger.end)
                or self._in_purpose_clause(trigger.start)
                or self._in_hedged_report(start, trigger.start)
            )
            form = self._acted_on(trigger)
            if form is None:
                found, read = self._active_relations(trigger, end, agent, negated=negated, hedged=hedged)
                relations.extend(found)
                if read.next_predicate is not None:
                    # "did not induce X and is required for Y": the same agent, its own negation
                    trigger, negation_start = read.next_predicate, read.predicate_start
                    continue
                next_subject = read.next_subject
                if next_subject is None:
                    return agent, relations
                # "IL-2 induced STAT1 and IFN-alpha induced STAT5": the second subject's own claim;
                # but in "NSAIDs that activate HSF1 inhibit TNF" or "compounds that inhibit NF-kB
                # activation block X" the verb is the first subject's.
                next_trigger = self._first_finite_trigger(next_subject.end, end)
                if next_trigger is None:
                    return agent, relations
                if self._coordinated(next_subject) and not self._in_relative_clause(trigger):
                    agent = next_subject
                trigger = next_trigger
                continue
            # "SOCS3 was induced by IL-6": IL-6 -> SOCS3. Without a "by" agent the subject is
            # what changed, not what changed it ("IL-1b was reduced in mice receiving X").
            by_agent = self._passive_agent(trigger, end)
            # A reduced relative describes the entity just before it ("STAT3 in neutrophils
            # stimulated by X" says nothing about STAT3); a passive clause, its subject.
            patient = agent if form == "passive" else self._entity_just_before(trigger.start, start)
            if (
                by_agent is not None
                and patient is not None
                and by_agent.kb_id_ != patient.kb_id_
                and patient.label_ not in words.NEVER_OBJECT
            ):
                following = self.lowers[patient.end] if patient.end < end else ""
                aspect = (
                    cues.ASPECT_WORDS.get(following) if patient.label_ in words.ASPECT_CATEGORIES else None
                )
                relations.append(
                    self._relation(
                        by_agent,
                        patient,
                        trigger.polarity,
                        aspect,
                        trigger.rule,
                        negated=negated,
                        hedged=hedged,
                    )
                )
            if form == "passive":
                return agent, relations
            # A reduced relative leaves the clause's own verb to come: "IL-6 induced by LPS
            # activates STAT3" also says IL-6 -> STAT3.
            resume = by_agent.end if by_agent is not None else trigger.end
            next_trigger = self._first_finite_trigger(resume, end)
            if next_trigger is None:
                return agent, relations
            trigger = next_trigger

    def _active_relations(
        self, trigger: _Trigger, end: int, agent: Span, *, negated: bool, hedged: bool
    ) -> tuple[list[RelationCandidate], _ObjectList]:
        """The claims of an active trigger, and where the clause goes on after its objects."""
        read = self._objects(trigger, end, agent)
        relations = [
            self._relation(
                *((obj, agent) if trigger.inverse else (agent, obj)),
                polarity,
                aspect,
                trigger.rule,
                # "induced STAT6 but not STAT1": a denial inside the list negates the objects after it
                negated=negated or cues.denied_object(self.lowers, trigger.end, obj.start, self.entity_at),
                hedged=hedged,
            )
            for obj, polarity, aspect in read.objects
        ]
        return relations, read

    def _objects(self, trigger: _Trigger, end: int, agent: Span) -> _ObjectList:
        if trigger.pro_object is not None:
            return _ObjectList([(trigger.pro_object, trigger.polarity, None)])
        if trigger.rule == "no_effect":
            # "no differences in X": X follows a preposition but is the object.
            target = next(
                (
                    ent
                    for ent in self.entities
                    if trigger.end <= ent.start
                    and ent.end <= end
                    and ent.label_ not in words.NEVER_OBJECT
                    and ent.kb_id_ != agent.kb_id_
                    and not self._is_modifier(ent)
                ),
                None,
            )
            return _ObjectList([(target, 0, None)] if target is not None else [])
        objects: list[tuple[Span, int, str | None]] = []
        # A verb sets the sign; a direction word composes with the verb that
        # governs it ("required for regression of X": + and - give -).
        verb_polarity, aspect = trigger.polarity, None
        polarity = verb_polarity
        i = trigger.end
        texts, lowers = self.texts, self.lowers
        last_object_end = -1
        in_place = False  # after "in", "among" ...: cells, tissues and diseases are the setting
        by_agent = False  # after "in response to": what acted, not what changed
        agent_named = False  # ... and the first of those agents has been passed
        # "To identify cytokines that contribute to X, the levels of Y were screened": the
        # purpose clause ends at its comma.
        purpose_end = self._purpose_clause_end(end)
        while i < end:
            if i == purpose_end:
                break
            ent = self.entity_at.get(i)
            if ent is not None:
                organism = ent.label_ == "biolink:OrganismTaxon"
                # "in IL-1beta-stimulated OA cartilage": a modifier keeps the setting going
                setting = ent.label_ in words.OWNER_CATEGORIES or organism or self._is_modifier(ent)
                if by_agent or (in_place and setting):
                    agent_named = agent_named or (by_agent and not organism)
                    i = ent.end
                    continue
                in_place = False
                if self._starts_a_clause(ent, end):
                    # "IL-2 induced STAT1 and IFN-alpha induced STAT5"; the object of "inhibit NF-kB
                    # activation block X" is still this verb's
                    if not self._coordinated(ent) and self._can_be_object(ent, agent, trigger.end):
                        objects.append((ent, polarity, None))
                    return _ObjectList(objects, next_subject=ent)
                if self._subject_of_auxiliary(ent, end):
                    break  # "sulindac activated X, sodium salicylate did not": another subject
                if objects and self._subject_after_comma_and(ent, end):
                    break  # "blocked X, and CCR2 chemokines are also growth factors": a new clause
                if lowers[ent.start - 1] == "of" and lowers[ent.start - 2] in words.EFFECT_OF_NOUNS:
                    # "attenuated the effects of metformin": metformin acts, it is not changed
                    i = ent.end
                    continue
                if self._owner_of(ent, last_object_end) or self._agent_of_nominal(ent, end):
                    # "the proliferation of the glioblastoma cells": whose proliferation, not a second
                    # object; "critical for CD40 induction of gene expression": CD40 acts on the next one
                    i = ent.end
                    continue
                if self._can_be_object(ent, agent, trigger.end) and all(
                    ent.kb_id_ != o.kb_id_ for o, _, _ in objects
                ):
                    last_object_end = ent.end
                    # "decreased expression of X" or "X expression"
                    following = lowers[ent.end] if ent.end < end else ""
                    aspect = aspect or cues.ASPECT_WORDS.get(following)
                    usable_aspect = aspect if ent.label_ in words.ASPECT_CATEGORIES else None
                    objects.append((ent, polarity, usable_aspect))
                aspect = None
                i = ent.end
                continue
            lower = lowers[i]
            if lower in cues.OBJECT_STOPS:
                break
            if objects and lower in cues.ASSOCIATION_WORDS and lowers[i + 1 : i + 2] in (["with"], ["to"]):
                break  # "reduced the sickness response associated with LPS injection": not reduced
            if texts[i] in {"(", "["}:
                closing = self._statistics_bracket_end(i, end)
                if closing is not None:
                    i = closing  # "(Mino x LPS, F(1,59) = 5.4, P < 0.02)": a test's report, no objects
                    continue
            if lower in cues.OBJECT_ASIDES:
                i = self._skip_to_comma(i + 1, end)  # "compared to wild type mice, ...": not an object
                continue
            signed = lower in cues.POSITIVE_VERBS or lower in cues.NEGATIVE_VERBS
            neutral = lower in cues.NEUTRAL_VERBS or lower in words.CAUSE_VERBS
            if (
                (signed or neutral)
                and lower.endswith("ed")
                and i + 1 < end
                and lowers[i + 1] in words.PREPOSITIONS_AFTER_INTRANSITIVE
                and i + 1 not in self.entity_at
            ):
                break  # "in monocytes stimulated with IL-2", "mediated by X": a reduced relative
            if lower in words.REQUIRE_VERBS:
                break  # "inhibition of X does not require Y": Y is the verb's, not the noun's
            if objects and lower in words.OTHER_FINITE_VERBS and self._joined_to_objects(i, trigger.end):
                # A second predicate: "inhibits X and acts by virtue of its antioxidant activity"
                # ends the objects; "induced X and is required for Y" goes on with its own sign.
                return _ObjectList(
                    objects, next_predicate=self._predicate_trigger(i + 1, end), predicate_start=i
                )
            if lowers[i : i + 3] == ["in", "response", "to"]:
                # "induction in response to LPS (and LAM)": agents, not objects
                by_agent, i = True, i + 3
                continue
            if lower == "in" and lowers[i + 1 : i + 4] in words.CONDITION_PHRASES:
                by_agent, i = True, i + 4  # "maintained in the presence of IL-10": a condition
                continue
            if lower in words.LOCATIVE_PREPOSITIONS and lowers[i - 1] not in words.NOT_PLACE_BEFORE_IN:
                in_place = True  # "in both NK and T cells", "in fresh PBL": where, not what
            elif texts[i] == "," or lower in words.CLAUSE_JOINERS or (signed and texts[i - 1] != "-"):
                in_place = by_agent = agent_named = False
            elif agent_named and lower not in words.AGENT_LIST_WORDS:
                by_agent = agent_named = False  # "in response to TLR agonists via the production of IL-10"
            if texts[i] == "," and self._main_clause_after(i, end):
                break  # "Since X enhances Y [54], CD16+ monocytes may also contribute": the main clause
            if texts[i] == "," and i + 1 < end and lowers[i + 1] in cues.REQUIREMENT_ADJECTIVES:
                i = self._skip_to_comma(i + 1, end)  # an appositive: its own claim, not ours
                continue
            if (
                texts[i] == ","
                and objects
                and objects[-1][0].end == i
                and lowers[i + 1 : i + 2] in (["a"], ["an"])
            ):
                # "represses mir-143, a negative regulator of hk2,": the apposition describes the object
                i = self._skip_to_comma(i + 1, end)
                continue
            compound = i > 0 and texts[i - 1].endswith("-")  # "vaccine-induced", "TNF- induced": no verb
            # A noun of a trigger's stem inside the list ("inhibited NF-kB activation and IL-6",
            # "caused a decrease in X") qualifies the verb's sign; only a verb replaces it.
            # ... but after "through", "via" or "by" a noun is a means with a sign of its own
            # ("ameliorated X through inhibition of Y"), and "-ing" forms are verbs ("by inhibiting Y").
            means = self._after_means_word(i, trigger.end)
            # "suppressed VEGF induced phosphorylation of X": a participle between an entity and
            # a noun of a trigger's stem is a compound adjective, not a new verb.
            compound_participle = (
                lower.endswith("ed")
                and i - 1 in self.entity_at
                and i + 1 < end
                and lowers[i + 1].endswith(words.NOMINAL_ENDINGS)
            )
            # "via enhanced X" is a means; "reflected by fewer regressions" names evidence, and
            # its "fewer" and "more" still compose with the verb.
            changed_means = means and lowers[i - 1] != "by"
            # "the LPS-induced increase in X": a word after a hyphenated participle is a noun
            after_compound = i >= 2 and texts[i - 2] == "-" and lowers[i - 1].endswith("ed")
            nominal = not means and (
                lower.endswith(words.NOMINAL_ENDINGS)
                or lowers[i - 1] in words.DETERMINERS
                or compound_participle
                or after_compound
            )
            # "reduced X and decreased Y": after an object and "and", a participle is a second verb
            # ("and especially decreased Y": adverbs may stand between)
            joined_at = i - 1
            while joined_at > trigger.end and self._is_adverb(joined_at):
                joined_at -= 1
            second_verb = bool(objects) and lowers[joined_at] in {"and", ",", "or", "but"} and not nominal
            signed_noun = nominal and (lower in cues.POSITIVE_VERBS or lower in cues.NEGATIVE_VERBS)
            if compound:
                pass
            elif signed_noun and self._postmodifier(i, trigger.end, end):
                # "reduced STAT1 inhibition and SOCS3 expression", "induced growth inhibition and
                # apoptosis": the noun signs the word before it, not the objects after it.
                sign = 1 if lower in cues.POSITIVE_VERBS else -1
                if objects and objects[-1][0].end == i:
                    last, last_polarity, last_aspect = objects[-1]
                    objects[-1] = (last, last_polarity * sign, last_aspect)
            elif second_verb and lower in cues.POSITIVE_VERBS:
                verb_polarity = polarity = +1
            elif second_verb and lower in cues.NEGATIVE_VERBS:
                verb_polarity = polarity = -1
            elif changed_means and (lower in cues.POSITIVE_MODIFIERS or lower in cues.POSITIVE_VERBS):
                verb_polarity = polarity = +1  # "reduced X via enhanced SOCS3 expression"
            elif changed_means and (lower in cues.NEGATIVE_MODIFIERS or lower in cues.NEGATIVE_VERBS):
                verb_polarity = polarity = -1
            elif lower in cues.POSITIVE_MODIFIERS or (nominal and lower in cues.POSITIVE_VERBS):
                polarity = verb_polarity or +1
            elif lower in cues.NEGATIVE_MODIFIERS or (nominal and lower in cues.NEGATIVE_VERBS):
                polarity = -(verb_polarity or +1)
            elif (signed or neutral) and self._adjectival_participle(i, trigger.start):
                pass  # "protects against chemically induced renal cancer": no new verb
            elif lower in cues.POSITIVE_VERBS:
                verb_polarity = polarity = +1
            elif lower in cues.NEGATIVE_VERBS:
                verb_polarity = polarity = -1
            elif (neutral or lower in words.RESULT_VERBS) and not nominal:
                # "blocks differentiation and causes proliferation"; "represses X, thus resulting in
                # upregulation of Y": the consequence's own noun gives the sign
                verb_polarity = polarity = 0
            elif lower in cues.ASPECT_WORDS:
                aspect = cues.ASPECT_WORDS[lower]
            i += 1
        return _ObjectList(objects)

    def _predicate_trigger(self, start: int, end: int) -> _Trigger | None:
        """A trigger at most three words after ``start``, no entity before it ("is required for")."""
        for i in range(start, min(start + 3, end)):
            if i in self.entity_at:
                return None
            trigger = self._trigger_at(i, end)
            if trigger is not None:
                return trigger if not trigger.inverse and trigger.pro_object is None else None
        return None

    def _subject_after_comma_and(self, ent: Span, end: int) -> bool:
        """True for an entity after ", and" that a finite verb ("are", "has", "may") follows."""
        if ent.start < 2 or self.lowers[ent.start - 1] != "and" or self.texts[ent.start - 2] != ",":
            return False
        i = ent.end
        while i in self.entity_at:  # "CCR2 chemokines are"
            i = self.entity_at[i].end
        while i < end and self._is_adverb(i):
            i += 1
        return i < end and self.lowers[i] in words.OTHER_FINITE_VERBS

    def _subject_of_auxiliary(self, ent: Span, end: int) -> bool:
        """True when "did", "does" or "do" follows ``ent``: it is the subject of a clause of its own."""
        return ent.end < end and self.lowers[ent.end] in {"did", "does", "do"}

    def _agent_of_nominal(self, ent: Span, end: int) -> bool:
        """True when a trigger noun and "of" follow ``ent``: "CD40 induction of X" is CD40's act."""
        noun = ent.end
        if noun + 1 >= end or self.lowers[noun + 1] != "of":
            return False
        lower = self.lowers[noun]
        signed = lower in cues.POSITIVE_VERBS or lower in cues.NEGATIVE_VERBS
        return signed and lower.endswith(words.NOMINAL_ENDINGS)

    def _joined_to_objects(self, i: int, floor: int) -> bool:
        """True when "and", "or" or "but" (and adverbs) stand right before token ``i``."""
        joined_at = i - 1
        while joined_at > floor and self._is_adverb(joined_at):
            joined_at -= 1
        return self.lowers[joined_at] in {"and", "or", "but"}

    def _after_means_word(self, i: int, floor: int) -> bool:
        """True when the word at ``i`` follows "through", "via" or "by" in its noun phrase.

        Determiners and compound modifiers may stand between: "by the inhibition of X",
        "via Akt/GSK3beta-dependent inhibition of apoptosis".
        """
        j = i - 1
        while j > floor and (
            self.lowers[j] in words.DETERMINERS
            or self.texts[j] in {"-", "/"}
            or (j in self.entity_at and self.texts[j + 1] in {"-", "/"})
            or (self.lowers[j] in words.NEUTRAL_COMPOUND_WORDS and self.texts[j - 1] == "-")
        ):
            j -= 1
        return j >= floor and self.lowers[j] in words.MEANS_WORDS

    def _adjectival_participle(self, i: int, floor: int) -> bool:
        """True for a participle or adjective after a preposition and adverbs ("against induced X").

        In object lists, change words ("decreased", "enhanced") are read by the modifier rules first.
        """
        if not self.lowers[i].endswith(("ed", "ory", "ive")):
            return False
        j = i - 1
        while j > floor and self._is_adverb(j):
            j -= 1
        return j >= floor and self.lowers[j] in words.PREPOSITIONS_BEFORE_PARTICIPLE

    def _postmodifier(self, i: int, floor: int, end: int) -> bool:
        """True when the trigger noun at ``i`` follows the noun it signs ("STAT1 inhibition").

        Not after a determiner or preposition, nor when "of" (or the "in" of a change
        noun) follows: "a decrease in X" and "inhibition of X" sign what comes after.
        """
        before = self.lowers[i - 1]
        if i - 1 < floor or not (
            i - 1 in self.entity_at or (before.isalpha() and before not in words.FUNCTION_WORDS)
        ):
            return False
        following = self.lowers[i + 1] if i + 1 < end else ""
        return following != "of" and not (following == "in" and self.lowers[i] in words.CHANGE_NOUNS)

    def _in_purpose_clause(self, i: int) -> bool:
        """True inside a sentence-opening purpose clause: "To determine whether X suppresses Y, ...".

        The clause states what was asked, not what was found: its claims are hedged.
        """
        if self.lowers[self.sentence.start] != "to":
            return False
        end = self._purpose_clause_end(self.sentence.end)
        return end is not None and i < end

    def _purpose_clause_end(self, end: int) -> int | None:
        """The comma closing a sentence-opening purpose or subordinate clause, if there is one.

        "To <verb> ..., " ends at its first comma. "Although X promotes A, B and C, the
        response of Y ..." ends at the first comma a main clause's opening word follows:
        its commas before that may join a list.
        """
        start = self.sentence.start
        if self.lowers[start] == "to" and start + 1 not in self.entity_at:
            return next((i for i in range(start + 1, end) if self.texts[i] == ","), None)
        if self.lowers[start] in words.SUBORDINATORS:
            return next(
                (
                    i
                    for i in range(start + 1, end - 1)
                    if self.texts[i] == "," and self.lowers[i + 1] in words.MAIN_CLAUSE_OPENERS
                ),
                None,
            )
        return None

    def _starts_a_clause(self, ent: Span, end: int) -> bool:
        """True when ``ent`` is the subject of a verb of its own ("and IFN-alpha induced STAT5")."""
        if ent.label_ not in words.AGENT_CATEGORIES or self._in_context(ent) or self._is_modifier(ent):
            return False
        i = ent.end
        while i < end and self._is_adverb(i):
            i += 1
        if i >= end or i in self.entity_at or self.texts[i - 1] == "-":
            return False
        if self.lowers[i].endswith(words.NOT_A_FINITE_VERB):
            return False  # "AP-1 activation", "the HSP70B promoter", "tumor suppressor", "X inducing Y"
        if (
            self.lowers[i].endswith("ed")
            and i + 1 < end
            and self.lowers[i + 1].endswith(words.NOMINAL_ENDINGS)
        ):
            return False  # "suppressed VEGF induced phosphorylation of X": a compound adjective
        trigger = self._trigger_at(i, end)
        return trigger is not None and trigger.rule == "verb" and self._acted_on(trigger) is None

    def _first_finite_trigger(self, start: int, end: int) -> _Trigger | None:
        """The next trigger that is a verb, not a noun of its stem ("mediators", "stimulation")."""
        trigger = self._first_trigger(start, end)
        while trigger is not None and self.lowers[trigger.start].endswith(words.NOT_A_FINITE_VERB):
            trigger = self._first_trigger(trigger.end, end)
        return trigger

    def _coordinated(self, ent: Span) -> bool:
        """True when ``ent`` follows "and", "," or "but": a subject of its own, not an object."""
        i = self._word_before(ent)
        return i >= self.sentence.start and self.lowers[i] in {"and", ",", "but", "while", "whereas", "or"}

    def _in_relative_clause(self, trigger: _Trigger) -> bool:
        """True for the verb of "that / which (also) activate(s) X"."""
        i = trigger.start - 1
        while i > self.sentence.start and self._is_adverb(i):
            i -= 1
        return (
            i >= self.sentence.start
            and self.lowers[i] in {"that", "which", "who"}
            and i not in self.entity_at
        )

    def _entity_just_before(self, position: int, floor: int) -> Span | None:
        """The entity that ends at ``position``, past measure words and a comma ("TNF mRNA expression")."""
        i = position - 1
        while i >= floor and i not in self.entity_at and self.lowers[i] in words.FILLERS_BEFORE_PARTICIPLE:
            i -= 1
        return self.entity_at.get(i) if i >= floor else None

    def _owner_of(self, ent: Span, last_object_end: int) -> bool:
        """True when ``ent`` is a cell, tissue or disease after the last object and "of (the)".

        "the proliferation of the glioblastoma cells" names whose proliferation; "the
        dephosphorylation of Tyk2" still has Tyk2 as an object.
        """
        if last_object_end < 0 or ent.label_ not in words.OWNER_CATEGORIES:
            return False
        between = [
            word
            for word in self.lowers[last_object_end : ent.start]
            if word not in words.SKIPPABLE_BEFORE_ENTITY
        ]
        return between == ["of"]

    def _skip_to_comma(self, i: int, end: int) -> int:
        while i < end and self.texts[i] != ",":
            i += 1
        return i + 1

    def _can_be_object(self, ent: Span, agent: Span, floor: int) -> bool:
        return (
            ent.label_ not in words.NEVER_OBJECT
            and ent.kb_id_ != agent.kb_id_
            and not self._in_context(ent, floor)
            and not self._is_modifier(ent)
        )

    def _relation(
        self,
        agent: Span,
        obj: Span,
        polarity: int,
        aspect: str | None,
        rule: str,
        *,
        negated: bool,
        hedged: bool,
    ) -> RelationCandidate:
        if polarity and self._perturbed(agent):
            polarity = -polarity
        if rule == "association":
            kind = "associated_with"
        elif polarity or rule == "no_effect":
            kind = "affects"
        else:
            kind = "regulates"
        direction = {+1: "increased", -1: "decreased"}.get(polarity)
        confidence = words.CONFIDENCE[rule] * (0.8 if abs(obj.start - agent.end) > 20 else 1.0)
        return RelationCandidate.between(
            agent,
            obj,
            self.sentence,
            kind=kind,
            direction=direction,
            aspect=aspect,
            negated=negated,
            hedged=hedged,
            cell_type=self.cell_type if obj.kb_id_ != self.cell_type else None,
            rule=rule,
            confidence=round(confidence, 4),
        )
