"""Finding a clause's trigger: the verb, noun or adjective that states a relation.

A trigger is a verb ("promotes", "inhibited", "resulted in"), an adjective ("required
for"), the prefix "pro-" ("pro-angiogenic") or a noun of a trigger's stem ("induction of
X"); each carries a sign (+1, -1 or 0). The rules here pick the one that states the
clause's claim, passing over nouns that name a drug's target, an event or an item in a list,
and tell an active trigger from a passive or reduced relative one.

See Also
--------
kg.nlp.relations : the extractor these rules serve.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from kg.nlp import cues
from kg.nlp import rule_words as words
from kg.nlp.relation_clauses import _is_verb_word
from kg.nlp.relation_entity_roles import _EntityRoles


@dataclass(frozen=True, slots=True)
class _Trigger:
    start: int
    end: int
    polarity: int  # +1, -1, 0
    rule: str
    pro_object: Span | None = None
    # "X requires Y": the objects act on the subject, not the reverse.
    inverse: bool = False
    # "the inhibitory effect of X on Y": the agent named inside the trigger's phrase.
    agent: Span | None = None


_MODALS = frozenset({"can", "could", "may", "might", "did", "does", "do", "also", "will", "would"})
# "as confirmed by", "as shown by": what follows is the evidence for a claim, not its act.
_EVIDENCE_PARTICIPLES = frozenset(
    {
        "confirmed",
        "shown",
        "demonstrated",
        "evidenced",
        "revealed",
        "indicated",
        "assessed",
        "measured",
        "determined",
        "judged",
    }
)


class _TriggerRules(_EntityRoles):
    """Rules that find and qualify a clause's trigger."""

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
        if lower in words.EFFECT_ADJECTIVES and following in words.SIGNED_EFFECT_NOUNS:
            # "the inhibitory effect of X on Y"; without an agent ("antagonistic action against
            # X may be the mechanism") the adjective is no verb either
            return self._signed_effect(i, clause_end)
        if self._word_at(i) != lower:
            return _Trigger(i, i + 2, -1 if lower == "down" else +1, "verb")  # "down regulation of X"
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
            if (
                lower in words.INVOLVE_VERBS
                and self._signalling_before(i)
                and self._signed_event_after(i + 1, clause_end)
            ):
                # "IL-6 signalling involves activation of STAT3": the signal acts, as the noun says;
                # "IL-6 production involves the activation of STAT3" still reads as a requirement
                return None
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
        if lower in words.CELL_STATE_PARTICIPLES and i > self.sentence.start and self.lowers[i - 1] == "by":
            return None  # "IL-4 is secreted by activated Th2 but not Th1 cells": the cells' state
        if lower.endswith(("ed", "ory", "ive")) and self._adjectival_participle(i, self.sentence.start):
            # "coincided with enhanced binding", "as regulatory elements", "against chemically
            # induced cancer": adjectives
            return None
        if lower.endswith(("ed", "ory", "ive")) and self._after_determiner(i):
            # "an increased production of X", "a constitutively activated STAT3", "the inhibitory
            # effects of X": an adjective in a noun phrase, no verb ("a key player in the
            # activation of Y" still reads the noun)
            return None
        if (lower in cues.PERTURBATION_WORDS or lower in words.GAIN_NOUNS) and self._names_its_subject(
            i, clause_end
        ):
            # "STAT3 inhibition decreased IL-6", "Overexpression of SOCS3 reduced X": the noun says
            # what happened to the subject, the verb acts
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

    def _names_its_subject(self, i: int, clause_end: int) -> bool:
        """True for the gain or loss noun at ``i`` in a subject that a verb of the clause follows.

        "STAT3 inhibition reduced X" (an entity just before the noun) and "Inhibitors of Akt,
        NF-kB and STAT3 block X" or "Overexpression of SOCS3 reduced X" (a list of entities after
        "of" or "with"), then only adverbs, modals or "be" before the verb: the noun says what
        happened to the subject's entities, and the verb acts.
        """
        after = i + 1
        if self._entity_just_before(i, self.sentence.start) is None:
            if after >= clause_end or self.lowers[after] not in {"of", "with"}:
                return False
            after += 1
            while after < clause_end and self.lowers[after] in words.SKIPPABLE_BEFORE_ENTITY:
                after += 1
            if after not in self.entity_at:
                return False
            while after < clause_end and (
                after in self.entity_at
                or self.lowers[after] in words.AGENT_LIST_WORDS
                or self.texts[after] == ","
            ):
                after = (
                    self._past_short_form(self.entity_at[after].end) if after in self.entity_at else after + 1
                )
        verb = self._first_finite_trigger(after, clause_end)
        # Only adverbs and modals before the verb: in "an inhibitor of NF-kB that reduced IL-6" the
        # drug inhibits NF-kB, and "reduced" is the relative clause's.
        if verb is None or not all(
            self._is_adverb(k) or self.lowers[k] in _MODALS or self.lowers[k] in words.BE_FORMS
            for k in range(after, verb.start)
        ):
            return False
        # "STAT3 inhibition was increased by IL-6": a passive whose subject is the noun itself
        passive = any(self.lowers[k] in words.BE_FORMS for k in range(after, verb.start))
        return not (passive and verb.end < clause_end and self.lowers[verb.end] == "by")

    def _effect_sign(self, i: int, end: int) -> int | None:
        """The sign of "<adjective> effect" at ``i`` ("inhibitory effect" -1), or None."""
        sign = words.EFFECT_ADJECTIVES.get(self.lowers[i])
        if sign is None or i + 1 >= end or self.lowers[i + 1] not in words.SIGNED_EFFECT_NOUNS:
            return None
        if self.lowers[i] in words.PROTECTIVE_ADJECTIVES and not {"against", "from"} & set(
            self.lowers[i + 2 : min(i + 8, end)]
        ):
            return None  # "a protective effect on neurons": what is protected is not decreased
        return sign

    def _signed_effect(self, i: int, clause_end: int) -> _Trigger | None:
        """The trigger of "the inhibitory effect of X on Y" (agent X) or "an inhibitory effect on Y"."""
        sign = self._effect_sign(i, clause_end)
        if sign is None or self.lowers[i - 1] in words.SLIGHT_WORDS:
            return None  # "shows little inhibitory effect on X": no claim either way
        after = i + 2
        if after < clause_end and self.lowers[after] in words.EFFECT_TARGET_PREPOSITIONS:
            # "IL-6 exerts a protective effect against X": the subject of a verb of having acts;
            # "antagonistic action against X may be the mechanism" names no agent
            # "X showed a synergistic inhibitory effect on Y": a verb of having within three words;
            # "X's suppressive effects on Y": the owner acts
            before = range(i - 1, max(self.sentence.start, i - 4) - 1, -1)
            owner = next((k for k in before if self.lowers[k] in {"'s", "’s"}), None)
            if owner is not None and owner - 1 in self.entity_at:
                return _Trigger(i, after + 1, sign, "verb", agent=self.entity_at[owner - 1])
            if not any(self.lowers[k] in words.HAVING_VERBS for k in before):
                return None
            return _Trigger(i, after + 1, sign, "verb")
        if after >= clause_end or self.lowers[after] != "of":
            return None
        named = after + 1
        while named < clause_end and self.lowers[named] in words.SKIPPABLE_BEFORE_ENTITY:
            named += 1
        agent = self.entity_at.get(named)
        if (
            agent is None
            or agent.label_ not in words.AGENT_CATEGORIES
            or agent.end >= clause_end
            or self.lowers[agent.end] not in words.EFFECT_TARGET_PREPOSITIONS
        ):
            return None
        return _Trigger(i, agent.end + 1, sign, "verb", agent=agent)

    def _means_of_a_loss(self, trigger: _Trigger, start: int) -> bool:
        """True for "by inhibiting Y" saying how an entity before it was lost.

        In "targeting macrophages by inhibiting CSF1R decreases X" the gerund is how the
        macrophages were targeted; the clause's verb is "decreases".
        """
        lower = self.lowers[trigger.start]
        if trigger.start - 1 < start or self.lowers[trigger.start - 1] != "by" or not lower.endswith("ing"):
            return False
        return any(
            start <= ent.start and ent.end <= trigger.start and self._perturbed(ent) for ent in self.entities
        )

    def _signalling_before(self, i: int) -> bool:
        """True when a signal names the subject just before ``i`` ("IL-6 signaling", a pathway)."""
        before = self.entity_at.get(i - 1)
        return self.lowers[i - 1] in words.SIGNALLING_NOUNS or (
            before is not None and before.label_ == "biolink:Pathway"
        )

    def _signed_event_after(self, i: int, clause_end: int) -> bool:
        """True for a signed trigger noun and "of" at ``i``, past articles ("the activation of")."""
        while i < clause_end and self.lowers[i] in words.SKIPPABLE_BEFORE_ENTITY:
            i += 1
        return self._signed_noun_of(i, clause_end)

    def _signed_noun_of(self, i: int, end: int) -> bool:
        """True for a noun of a signed trigger's stem at ``i`` with "of" after it ("induction of")."""
        if i + 1 >= end or self.lowers[i + 1] != "of":
            return False
        lower = self.lowers[i]
        signed = lower in cues.POSITIVE_VERBS or lower in cues.NEGATIVE_VERBS
        return signed and lower.endswith(words.NOMINAL_ENDINGS)

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
            or self._gerund_after_event(trigger, start)
            or self._coordinated_nominal(trigger, start)
            or self._listed_nominal(trigger)
            or self._listed_agent_noun(trigger)
            or self._experimenters_purpose(trigger, start)
            or self._bracketed_without_agent(trigger, start)
            or self._means_of_a_loss(trigger, start)
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

    def _names_a_target(self, trigger: _Trigger) -> bool:
        """True for an agent noun after an entity: the entity is its target ("the MEK inhibitor").

        Typed patterns read such drugs and their targets; as a verb the noun would make its
        target the agent ("the MEK inhibitor, PD98059, ablated the OSM-induced inhibition").
        """
        previous = trigger.start - 1
        # "the STAT3-specific inhibitor", "the ERK pathway-specific inhibitor"
        while previous > self.sentence.start and self.lowers[previous] in words.INHIBITOR_QUALIFIERS:
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

    def _nominal_after_event(self, trigger: _Trigger) -> bool:
        """True for a noun of a trigger's stem after "following", "after", "upon" ...: an event.

        "gene expression in response to PMA following inhibition of JNK": whose inhibition
        the clause does not say.
        """
        previous = trigger.start - 1
        if not self.lowers[trigger.start].endswith(words.NOMINAL_ENDINGS) or previous < self.sentence.start:
            return False
        if self.lowers[previous] in words.EVENT_PREPOSITIONS:
            return True
        # "was MyD88 dependent as confirmed by inhibition of IL-6 release": the evidence's act
        return (
            previous - 2 >= self.sentence.start
            and self.lowers[previous] == "by"
            and self.lowers[previous - 1] in _EVIDENCE_PARTICIPLES
            and self.lowers[previous - 2] == "as"
        )

    def _gerund_after_event(self, trigger: _Trigger, start: int) -> bool:
        """True for "after inhibiting X" in a passive clause: the experimenters' act, not the subject's.

        "MDSCs were recruited to the kidney after inhibiting mTOR signal with rapamycin": the
        MDSCs inhibit nothing. In an active clause the subject does it ("IL-6 activates
        STAT3 after binding gp130").
        """
        previous = trigger.start - 1
        return (
            self.lowers[trigger.start].endswith("ing")
            and previous > start
            and self.lowers[previous] in words.EVENT_PREPOSITIONS
            and any(
                self.lowers[i] in words.BE_FORMS for i in range(start, previous) if i not in self.entity_at
            )
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

    def _listed_agent_noun(self, trigger: _Trigger) -> bool:
        """True for a plural agent noun that is one item of a list: "T-cell markers, inflammatory
        mediators and markers of fibrosis were examined".

        The mediators, regulators or inhibitors of nothing named act on no one, and in "other
        mediators, such as TNF" TNF is one of them; "mediators of X" keeps its reading.
        """
        return (
            self.lowers[trigger.start].endswith("ors")
            and trigger.end < self.sentence.end
            and self.lowers[trigger.end] in words.LIST_ITEM_ENDS
        )

    def _experimenters_purpose(self, trigger: _Trigger, start: int) -> bool:
        """True for "PBMC were cultured ..., washed to remove IL-10": a protocol's purpose."""
        return self.lowers[trigger.start - 1] == "to" and any(
            lower in words.HANDLING_PARTICIPLES for lower in self.lowers[start : trigger.start - 1]
        )

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

    def _predicate_trigger(self, start: int, end: int) -> _Trigger | None:
        """A trigger at most three words after ``start``, no entity before it ("is required for")."""
        for i in range(start, min(start + 3, end)):
            if i in self.entity_at:
                return None
            trigger = self._trigger_at(i, end)
            if trigger is not None:
                return trigger if not trigger.inverse and trigger.pro_object is None else None
        return None

    def _first_finite_trigger(self, start: int, end: int) -> _Trigger | None:
        """The next trigger that is a verb, not a noun of its stem ("mediators", "stimulation")."""
        trigger = self._first_trigger(start, end)
        while trigger is not None and self.lowers[trigger.start].endswith(words.NOT_A_FINITE_VERB):
            trigger = self._first_trigger(trigger.end, end)
        return trigger

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

    def _antecedent_after(self, agent: Span, trigger: _Trigger) -> bool:
        """True when a relative clause's verb is said of a noun after ``agent``.

        In "macrophages produce cytokines that may regulate X" the cytokines regulate, not the
        macrophages; in "IL-6 is a cytokine that activates X" and "IL-6, which activates X" the
        relative clause is still said of IL-6.
        """
        i = trigger.start - 1
        while i > agent.end and (self._is_adverb(i) or self.lowers[i] in words.MODAL_VERBS):
            i -= 1
        if self.lowers[i] not in {"that", "which", "who"} or i in self.entity_at or i - 1 < agent.end:
            return False
        antecedent = i - 1
        if antecedent in self.entity_at or self.texts[antecedent] in {",", ")", "]"}:
            return False
        if self.texts[agent.end] == ",":
            return False  # "IL-4, another cytokine that inhibits X": an apposition of the subject
        return not any(word in words.LINKING_VERBS for word in self.lowers[agent.end : antecedent])
