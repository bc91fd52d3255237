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

The rules are split by what they read, each module's class building on the one before:
:mod:`kg.nlp.relation_clauses` (brackets, clauses, word spans),
:mod:`kg.nlp.relation_entity_roles` (an entity's part: setting, modifier, lost or blocked),
:mod:`kg.nlp.relation_triggers` (the trigger), :mod:`kg.nlp.relation_agents` (the agent) and
:mod:`kg.nlp.relation_objects` (the objects, with their signs and aspects). This module's
``_SentenceRules`` combines them, reads each claim's negation and hedging and turns it into a
:class:`RelationCandidate`; the spaCy component (:mod:`kg.nlp.factories`) calls
:func:`find_relations`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from kg.nlp import cues
from kg.nlp import rule_words as words
from kg.nlp.extensions import token_lowers, token_texts
from kg.nlp.relation_agents import _AgentRules
from kg.nlp.relation_entity_roles import names_a_residue
from kg.nlp.relation_objects import _ObjectList, _ObjectRules
from kg.nlp.relation_triggers import _Trigger

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
EXTRACTOR_VERSION = "0.4.3"


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


class _SentenceRules(_AgentRules, _ObjectRules):
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

    def relations(self) -> list[RelationCandidate]:
        found: list[RelationCandidate] = []
        previous_agent: Span | None = None
        for start, end in self._clauses():
            agent, clause_relations = self._clause_relations(start, end, previous_agent)
            found.extend(clause_relations)
            previous_agent = agent or self._perturbed_entity(start, end) or previous_agent
        return found

    def _clause_relations(
        self, start: int, end: int, previous_agent: Span | None
    ) -> tuple[Span | None, list[RelationCandidate]]:
        trigger = self._clause_trigger(start, end)
        alternatives: list[Span] = []
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
            agent = trigger.agent or self._agent_before(agent_floor, trigger.start, nearest=appositive)
            if trigger.agent is None and self._pronoun_subject(trigger.start, start):
                # "while in NK cells, it induced X": the pronoun takes up the previous clause's
                # subject; the cells are the setting
                if previous_agent is not None:
                    agent = previous_agent
                elif agent is not None and self._in_context(agent):
                    agent = None
            alternatives = [] if trigger.agent is not None else self._denied_alternatives(start, trigger)
            if alternatives:
                # "X or Y, but not IL-1, IL-2 or IL-6, suppressed Z": the earlier subject acts, and
                # the alternatives' claims are denied
                agent = previous_agent
            if agent is not None:
                agent = self._responded_to(agent, trigger)
            if agent is None:
                return None, []
            if not alternatives and trigger.agent is None:
                # "IL-6 but not IL-11 induced X" in one clause: the same denied alternatives
                after = self._past_short_bracket(agent.end, trigger.start)
                if after < trigger.start and self.lowers[after] == "but":
                    alternatives = self._denied_alternatives(after + 1, trigger)
            while self._antecedent_after(agent, trigger):
                # "NSAIDs used at concentrations that activate HSF1 also inhibited X": the relative
                # clause is said of another noun; the subject's own verb comes after it
                trigger = self._first_finite_trigger(trigger.end, end)
                if trigger is None:
                    return agent, []
            if trigger.inverse and not self._requirer(agent, trigger):
                return agent, []
        relations: list[RelationCandidate] = []
        negation_start = trigger.start if alternatives else start  # the alternatives' denial is theirs
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
                relations.extend(
                    self._relation(
                        alternative, obj, polarity, aspect, trigger.rule, negated=True, hedged=hedged
                    )
                    for alternative in alternatives
                    for obj, polarity, aspect in read.objects
                    if obj.kb_id_ != alternative.kb_id_
                )
                alternatives = []
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
                    # its own subject, its own denial: "while X did not inhibit Y, Z increased W"
                    agent, negation_start = next_subject, next_subject.start
                trigger = next_trigger
                continue
            # "SOCS3 was induced by IL-6": IL-6 -> SOCS3. Without a "by" agent the subject is
            # what changed, not what changed it ("IL-1b was reduced in mice receiving X").
            by_agent = self._passive_agent(trigger, end)
            # A reduced relative describes the entity just before it ("STAT3 in neutrophils
            # stimulated by X" says nothing about STAT3); a passive clause, its subject.
            patient = agent if form == "passive" else self._entity_just_before(trigger.start, start)
            # "IL-6 and TNF-a were both increased by LPS": every listed patient
            patients = [] if patient is None or form != "passive" else self._co_agents(patient, trigger)
            for changed in [patient, *patients] if patient is not None else []:
                if (
                    by_agent is None
                    or by_agent.kb_id_ == changed.kb_id_
                    or changed.label_ in words.NEVER_OBJECT
                ):
                    continue
                following = self.lowers[changed.end] if changed.end < end else ""
                aspect = (
                    cues.ASPECT_WORDS.get(following) or self._measured_aspect(changed)
                    if changed.label_ in words.ASPECT_CATEGORIES
                    else None
                )
                relations.append(
                    self._relation(
                        by_agent,
                        changed,
                        trigger.polarity,
                        aspect,
                        trigger.rule,
                        negated=negated,
                        hedged=hedged,
                    )
                )
            # A reduced relative leaves the clause's own verb to come: "IL-6 induced by LPS
            # activates STAT3" also says IL-6 -> STAT3.
            resume = by_agent.end if by_agent is not None else trigger.end
            next_trigger = self._first_finite_trigger(resume, end)
            if next_trigger is None:
                return agent, relations
            # "SOCS3 increased after IL-6 inhibited STAT3": the subordinate clause's own subject
            subordinate_subject = self._subject_of_subordinate_clause(next_trigger, resume)
            if form == "passive" and subordinate_subject is None:
                return agent, relations
            agent = subordinate_subject or agent
            trigger = next_trigger

    def _denied_alternatives(self, start: int, trigger: _Trigger) -> list[Span]:
        """The entities of "but not IL-1, IL-2 or IL-6" from ``start`` (its "not") to the verb: not acting."""
        if not (
            start > self.sentence.start
            and self.lowers[start] == "not"
            and self.lowers[start - 1] == "but"
            and start + 1 in self.entity_at
            and all(
                k in self.entity_at or self.lowers[k] in words.AGENT_JOINERS or self.texts[k] in {"(", ")"}
                for k in range(start + 1, trigger.start)
            )
        ):
            return []
        listed = {self.entity_at[k] for k in range(start + 1, trigger.start) if k in self.entity_at}
        return sorted(
            (ent for ent in listed if ent.label_ in words.AGENT_CATEGORIES), key=lambda ent: ent.start
        )

    def _active_relations(
        self, trigger: _Trigger, end: int, agent: Span, *, negated: bool, hedged: bool
    ) -> tuple[list[RelationCandidate], _ObjectList]:
        """The claims of an active trigger, and where the clause goes on after its objects.

        Subjects listed with ``agent`` ("IL-6 and TNF-a induced X") make the same claims; a
        loss said of the first ("blockade of IL-6 and TNF-a") holds for them all.
        """
        read = self._objects(trigger, end, agent)
        lost = self._perturbed(agent)
        relations = [
            self._relation(
                *((obj, subject) if trigger.inverse else (subject, obj)),
                polarity,
                aspect,
                trigger.rule,
                # "induced STAT6 but not STAT1": a denial inside the list negates the objects after it
                negated=negated or cues.denied_object(self.lowers, trigger.end, obj.start, self.entity_at),
                hedged=hedged,
                lost=lost,
            )
            for subject in (agent, *self._co_agents(agent, trigger))
            for obj, polarity, aspect in read.objects
            if obj.kb_id_ != subject.kb_id_
        ]
        return relations, read

    def _pronoun_subject(self, position: int, floor: int) -> bool:
        """True when "it" or "they" (past adverbs) stands right before the verb at ``position``."""
        i = position - 1
        while i > floor and self._is_adverb(i):
            i -= 1
        return i >= floor and self.lowers[i] in {"it", "they"} and i not in self.entity_at

    def _entities_and_asides(self, trigger: _Trigger, start: int, end: int) -> set[int]:
        """Entity tokens and the tokens of brackets around neither end of the trigger.

        A denial in "IL-6 (but not IL-11) induced SOCS3" is the aside's, not the verb's.
        """
        skipped = set(self.entity_at)
        # "IL-6 but not IL-11 reduced X": the denial of an alternative before the verb
        skipped.update(
            k
            for k in range(max(start, self.sentence.start + 1), trigger.start)
            if self.lowers[k] == "not" and self.lowers[k - 1] == "but" and k + 1 in self.entity_at
        )
        opened: list[int] = []
        for i in range(start, end):
            if self.texts[i] in {"(", "["}:
                opened.append(i)
            elif self.texts[i] in {")", "]"} and opened:
                opening = opened.pop()
                if not opening < trigger.start <= i:
                    skipped.update(range(opening, i + 1))
        return skipped

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
        lost: bool | None = None,
    ) -> RelationCandidate:
        """One claim; ``lost`` says whether the text describes a loss of ``agent`` (read if None)."""
        if polarity and (self._perturbed(agent) if lost is None else lost):
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
