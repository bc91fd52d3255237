"""Collecting a trigger's objects, each with its sign and aspect.

From the trigger to the end of the clause, entities become objects unless they are a
setting ("in macrophages"), an agent ("in response to LPS"), an owner ("of glioma cells")
or the subject of a clause of their own ("and IFN-alpha induced STAT5"). Direction words
met on the way ("decreased expression of X and increased expression of Y") set the sign of
the next object, aspect words ("expression", "levels") its aspect.

See Also
--------
kg.nlp.relations : the extractor these rules serve.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from kg.nlp import cues
from kg.nlp import rule_words as words
from kg.nlp.relation_triggers import _Trigger, _TriggerRules


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


# Words before "as" that make what follows a comparison ("the same X as Y").
_LIKENESS_WORDS = frozenset({"same", "similar", "comparable", "identical"})


class _ObjectRules(_TriggerRules):
    """Rules that read a trigger's objects and where the clause goes on after them."""

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
        # Prepositions from here on may name a setting; before it they belong to the trigger.
        object_floor = trigger.end
        in_place = False  # after "in", "among" ...: cells, tissues and diseases are the setting
        by_agent = False  # after "in response to": what acted, not what changed
        agent_named = False  # ... and the first of those agents has been passed
        agents_listed = False  # ... in a list of examples ("other stimuli, including X, Y and Z")
        by_list = False  # ... after "by" ("the induction of X by IL-2, IL-3 and GM-CSF")
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
                setting = (
                    ent.label_ in words.OWNER_CATEGORIES
                    or organism
                    or self._is_modifier(ent)
                    # "in estrogen receptor positive breast cancer cells": a marker of the cells
                    or (in_place and ent.end < end and lowers[ent.end] in words.MARKER_WORDS)
                )
                if by_agent or (in_place and setting) or self._cells_after_by(ent, object_floor):
                    agent_named = agent_named or (by_agent and not organism)
                    i = ent.end
                    if in_place and setting and i < end and lowers[i] in words.SETTING_PARTICIPLES:
                        i = self._skip_to_comma(i + 1, end)  # "in tumors expressing mutant N-Ras"
                    continue
                in_place = False
                if self._starts_a_clause(ent, end):
                    # "IL-2 induced STAT1 and IFN-alpha induced STAT5"; the object of "inhibit NF-kB
                    # activation block X" is still this verb's
                    if not self._coordinated(ent) and self._can_be_object(ent, agent, object_floor):
                        objects.append((ent, polarity, None))
                    return _ObjectList(objects, next_subject=ent)
                if self._subject_of_auxiliary(ent, end):
                    break  # "sulindac activated X, sodium salicylate did not": another subject
                if (objects or self.texts[ent.start - 1] == ",") and self._subject_after_comma_and(ent, end):
                    if self.texts[ent.start - 1] == ",":
                        # "X were related to invasion, VEGF and SAA were correlated with Y": its own claim
                        return _ObjectList(objects, next_subject=ent)
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
                if self._can_be_object(ent, agent, object_floor) and all(
                    ent.kb_id_ != o.kb_id_ for o, _, _ in objects
                ):
                    last_object_end = ent.end
                    # "decreased expression of X" or "X expression"
                    following = lowers[ent.end] if ent.end < end else ""
                    aspect = aspect or cues.ASPECT_WORDS.get(following)
                    measure = self._measure_process_after(ent, end)
                    if measure is not None:
                        # "SOCS3 gene expression": the process says what of SOCS3 changed
                        aspect = aspect or cues.ASPECT_WORDS[lowers[measure.end - 1]]
                        last_object_end = measure.end
                    usable_aspect = aspect if ent.label_ in words.ASPECT_CATEGORIES else None
                    # "induced cell cycle arrest", "caused STAT3 depletion": what the verb brings
                    # about is the object's loss
                    lost = self._loss_named_after(ent, end)
                    objects.append((ent, -polarity if lost else polarity, usable_aspect))
                    if measure is not None:
                        aspect = None
                        i = measure.end
                        continue
                aspect = None
                i = ent.end
                continue
            lower = self._word_at(i)
            if lower in cues.OBJECT_STOPS:
                break
            if lower == "as" and (
                any(word in _LIKENESS_WORDS for word in lowers[max(trigger.end, i - 4) : i])
                or (i - 2 >= trigger.end and lowers[i - 2] == "as" and lowers[i - 1] != "well")
            ):
                # "induced the same complexes as IL-2", "as potent as IL-2": IL-2 is compared, not
                # changed ("X as well as Y" lists objects)
                break
            if objects and lower in words.BE_FORMS and self._effect_sign(trigger.start, end) is not None:
                break  # "the stimulatory effect of PDTC on MMP was not mimicked by ...": a predicate
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
            if lower == "by" and objects and self._names_agents_after_by(i, end):
                # "the induction of SOCS3 by IL-2, IL-3 and GM-CSF": the nominal's agents, not objects,
                # through the list's commas
                by_agent = by_list = True
                i += 1
                continue
            if lowers[i : i + 3] == ["in", "response", "to"]:
                # "induction in response to LPS (and LAM)": agents, not objects
                by_agent, i = True, i + 3
                continue
            condition_end = self._condition_end(i)
            if condition_end is not None:
                by_agent, i = True, condition_end  # "maintained in the presence of IL-10": a condition
                continue
            if lower in words.LOCATIVE_PREPOSITIONS and lowers[i - 1] not in words.NOT_PLACE_BEFORE_IN:
                in_place = True  # "in both NK and T cells", "in fresh PBL": where, not what
            elif by_agent and texts[i] == "," and lowers[i + 1 : i + 2] in (["including"], ["such"]):
                # "in response to other stimuli, including PHA-induced supernatant and IL-6": agents
                agent_named, agents_listed = False, True
            elif agents_listed and lower not in words.CLAUSE_JOINERS and not (signed and texts[i - 1] != "-"):
                pass
            elif (
                by_list
                and (lower in words.AGENT_LIST_WORDS or texts[i] == ",")
                and self._lists_an_entity(i, end)
            ):
                pass  # "by IL-2, IL-3, and GM-CSF": the list of agents goes on
            elif by_list:
                by_agent = agent_named = by_list = False  # "by DCs and subsequent T-cell priming"
            elif texts[i] == "," or lower in words.CLAUSE_JOINERS or (signed and texts[i - 1] != "-"):
                in_place = by_agent = agent_named = agents_listed = False
            elif agent_named and lower not in words.AGENT_LIST_WORDS:
                by_agent = agent_named = False  # "in response to TLR agonists via the production of IL-10"
            if texts[i] == ",":
                main_subject = self._main_clause_subject(i, end)
                if main_subject is not None:
                    # "Since X enhances Y [54], CD16+ monocytes may also contribute": the main clause
                    return _ObjectList(objects, next_subject=main_subject)
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
            # "vaccine-induced", "TNF- induced", "against Fe-NTA induced stress": no verb
            compound = i > 0 and (
                texts[i - 1].endswith("-")
                or (
                    lower in words.MODIFIER_SUFFIXES
                    and i - 1 in self.entity_at
                    and self._is_modifier(self.entity_at[i - 1])
                )
            )
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
            # "by degradation of Mcl-1" is a means too: a noun after "by" has its own sign
            changed_means = means and (lowers[i - 1] != "by" or lower.endswith(words.NOMINAL_ENDINGS))
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
            elif signed and lowers[i - 1] == "from" and lower.endswith("ing"):
                # "prevented SOCS3 from inhibiting STAT3": the gerund's sign composes with the verb's
                verb_polarity = polarity = (verb_polarity or +1) * (1 if lower in cues.POSITIVE_VERBS else -1)
            elif signed_noun and self._postmodifier(i, trigger.end, end):
                # "reduced STAT1 inhibition and SOCS3 expression", "induced growth inhibition and
                # apoptosis": the noun signs the word before it, not the objects after it.
                sign = 1 if lower in cues.POSITIVE_VERBS else -1
                if objects and objects[-1][0].end == i:
                    last, last_polarity, last_aspect = objects[-1]
                    objects[-1] = (last, last_polarity * sign, last_aspect)
            elif second_verb and lowers[joined_at] == "but" and signed:
                # "did not affect X but enhanced Y": a second predicate with its own denial
                return _ObjectList(objects, next_predicate=self._predicate_trigger(i, end), predicate_start=i)
            elif second_verb and lower in cues.POSITIVE_VERBS:
                verb_polarity = polarity = +1
            elif second_verb and lower in cues.NEGATIVE_VERBS:
                verb_polarity = polarity = -1
            elif changed_means and (lower in cues.POSITIVE_MODIFIERS or lower in cues.POSITIVE_VERBS):
                verb_polarity = polarity = +1  # "reduced X via enhanced SOCS3 expression"
            elif changed_means and (lower in cues.NEGATIVE_MODIFIERS or lower in cues.NEGATIVE_VERBS):
                verb_polarity = polarity = -1
            elif (effect_sign := self._effect_sign(i, end)) is not None:
                # "blocked the protective effect of IL-6 against apoptosis": composed with the verb,
                # and "against" names what the effect is on
                polarity = (verb_polarity or +1) * effect_sign
                target = next(
                    (
                        k
                        for k in range(i + 2, end)
                        if lowers[k] in words.EFFECT_TARGET_PREPOSITIONS | {"from"}
                    ),
                    None,
                )
                object_floor = object_floor if target is None else target + 1
            elif lower in words.RECOVERY_NOUNS and i + 1 < end and lowers[i + 1] == "from":
                # "facilitated the recovery from sickness behavior": recovering from X lowers X, and
                # X, after "from", is what the recovery is from, not a setting
                polarity = -(verb_polarity or +1)
                object_floor = i + 2
            elif lower in cues.POSITIVE_MODIFIERS or (nominal and lower in cues.POSITIVE_VERBS):
                polarity = verb_polarity or +1
            elif lower in cues.NEGATIVE_MODIFIERS or (nominal and lower in cues.NEGATIVE_VERBS):
                polarity = -(verb_polarity or +1)
                # "the phosphorylation and degradation of X": what is lost is X itself
                aspect = cues.ASPECT_WORDS.get(lower, aspect)
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
            i += 1 if lower == lowers[i] else 2  # "down regulation": two words read as one
        return _ObjectList(objects)

    def _cells_after_by(self, ent: Span, floor: int) -> bool:
        """True for cells after "by" ("production of BMP-2 by the parental LNCaP cells"): who acts."""
        if ent.label_ not in {"biolink:Cell", "biolink:CellLine"}:
            return False
        # "by" and at most two determiners or adjectives before the cells
        for i in range(ent.start - 1, max(floor, ent.start - 4) - 1, -1):
            if self.lowers[i] == "by":
                return True
            if i in self.entity_at or not self.lowers[i].isalpha() or self.lowers[i] in {"and", "or", "of"}:
                return False
        return False

    def _measure_process_after(self, ent: Span, end: int) -> Span | None:
        """The process right after ``ent`` that only measures it ("SOCS3 gene expression"), if any."""
        after = self.entity_at.get(ent.end)
        if (
            after is None
            or after.end > end
            or after.label_ != "biolink:BiologicalProcess"
            or self.lowers[after.end - 1] not in cues.ASPECT_WORDS
        ):
            return None
        return after

    def _loss_named_after(self, ent: Span, end: int) -> bool:
        """True when a loss word follows the object ``ent`` ("cell cycle arrest", "STAT3 knockdown").

        Only the word right after the name (past "pathway", "signaling" ...) counts; a loss word
        before it ("depletion of STAT3") is read with the verb's sign as the list is read, and a
        trigger noun after it ("STAT3 inhibition") signs it where trigger nouns are read.
        """
        i = ent.end
        while i < end and self.lowers[i] in words.INHIBITOR_QUALIFIERS:
            i += 1
        if i >= end or i in self.entity_at:
            return False
        lower = self.lowers[i]
        # A trigger noun ("STAT3 inhibition") is read elsewhere; a loss noun is not ("IkBa degradation").
        signed = lower in cues.NEGATIVE_VERBS or lower in cues.POSITIVE_VERBS
        return lower in cues.PERTURBATION_WORDS and not signed

    def _lists_an_entity(self, i: int, end: int) -> bool:
        """True when list words from ``i`` (", and", "or") lead to an entity."""
        j = i
        while j < end and (self.lowers[j] in words.AGENT_LIST_WORDS or self.texts[j] == ","):
            j += 1
        return j < end and j in self.entity_at

    def _names_agents_after_by(self, i: int, end: int) -> bool:
        """True when an entity follows the "by" at ``i`` (past articles): "by IL-2", "by the LPS"."""
        j = i + 1
        while j < end and self.lowers[j] in words.DETERMINERS:
            j += 1
        return j < end and j in self.entity_at

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

    def _subject_of_auxiliary(self, ent: Span, end: int) -> bool:
        """True when "did", "does" or "do" follows ``ent``: it is the subject of a clause of its own."""
        return ent.end < end and self.lowers[ent.end] in {"did", "does", "do"}

    def _subject_after_comma_and(self, ent: Span, end: int) -> bool:
        """True for entities after ", and" or a comma that a finite verb ("are", "has", "may") follows.

        "blocked X, and CCR2 chemokines are ..."; "IL-6 and CRP were related to invasion, VEGF
        and SAA were correlated with metastasis": a new clause.
        """
        after_comma = ent.start >= 1 and self.texts[ent.start - 1] == ","
        after_comma_and = (
            ent.start >= 2 and self.lowers[ent.start - 1] == "and" and self.texts[ent.start - 2] == ","
        )
        if not (after_comma or after_comma_and):
            return False
        i = ent.end
        while i in self.entity_at or (
            after_comma and self.lowers[i] in {"and", "or"} and i + 1 in self.entity_at
        ):  # "CCR2 chemokines are", ", VEGF and SAA were"
            i = self.entity_at[i].end if i in self.entity_at else i + 1
        while i < end and self._is_adverb(i):
            i += 1
        return i < end and self.lowers[i] in words.OTHER_FINITE_VERBS

    def _agent_of_nominal(self, ent: Span, end: int) -> bool:
        """True when a trigger noun and "of" follow ``ent``: "CD40 induction of X" is CD40's act."""
        return self._signed_noun_of(ent.end, end)

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
