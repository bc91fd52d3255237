"""Finding the agent of a claim: the entity that acts.

The agent is the first entity in subject position before the trigger, unless the subject is
a phrase no entity names ("the role of IL-6"), a reported finding's subject comes after
"that", a frame names what acts ("cells respond to X with ..."), or a passive names it
after "by" ("SOCS3 was induced by IL-6").

See Also
--------
kg.nlp.relations : the extractor these rules serve.
"""

from __future__ import annotations

from spacy.tokens import Span

from kg.nlp import cues
from kg.nlp import rule_words as words
from kg.nlp.relation_triggers import _Trigger, _TriggerRules


class _AgentRules(_TriggerRules):
    """Rules that find the subject entity acting through a trigger."""

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
            and (not self._in_context(ent) or self._exposed_to(ent))
            and not self._in_condition(ent)
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
        if complement is None:
            # "cells were studied to examine whether IL-6 induces X": the question has its own subject
            complement = self._question_complement(start, position)
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
        if self._after_of(first, position):
            return None
        if (
            len(candidates) > 1
            and not self._continues_a_list(candidates[1])  # "IL-6, STAT3 and SIRPA induced": a list
            and self._outside_brackets(first.end, candidates[1].start) == [","]
        ):
            # "Via targeting C/EBPb (an activator of mir-143), miR-155 represses": the fronted
            # phrase ends at the comma
            return candidates[1]
        if len(candidates) > 1 and self._subject_of_joined_clause(first, candidates[-1], position):
            return candidates[-1]  # "STAT3 was studied, and IL-6 induced X": IL-6's own clause
        if len(candidates) > 1:
            between = self.lowers[first.end : candidates[1].start]
            if (not between and first.text.islower()) or (
                len(between) == 1 and between[0] in words.ROLE_NOUNS
            ):
                # "the transcription factor NF-kappa B", "the TSPO ligand etifoxine": the name acts
                return candidates[1]
        return first

    def _question_complement(self, start: int, position: int) -> int | None:
        """Where the last "whether" or "how" clause before ``position`` begins, if any."""
        for i in range(position - 1, start - 1, -1):
            if self.lowers[i] in words.QUESTION_WORDS and i not in self.entity_at:
                return i + 1
        return None

    def _subject_of_joined_clause(self, first: Span, ent: Span, position: int) -> bool:
        """True for ``ent`` in "<first> was studied, and <ent> induced X" (``position``: the verb).

        ``ent`` stands right before the verb after "and", and a finite verb of its own
        ("was", "has", "may") follows ``first`` before that "and": two clauses, not a list of
        subjects ("IL-6 and TNF induced X"). After a subordinating word ("SOCS3 rose after
        IL-6 inhibited STAT3") ``ent`` is a subject whatever comes before.
        """
        joined_at = ent.start - 1
        if joined_at <= first.end or not self._right_before(ent, position):
            return False
        if self.lowers[joined_at] in words.CLAUSE_SUBORDINATORS:
            return True
        return self.lowers[joined_at] == "and" and any(
            self.lowers[k] in words.OTHER_FINITE_VERBS
            for k in range(first.end, joined_at)
            if k not in self.entity_at
        )

    def _right_before(self, ent: Span, position: int) -> bool:
        """True when only adverbs stand between ``ent`` and ``position``."""
        i = ent.end
        while i < position and self._is_adverb(i):
            i += 1
        return i == position

    def _subject_of_subordinate_clause(self, trigger: _Trigger, floor: int) -> Span | None:
        """The entity opening a subordinate clause right before ``trigger`` ("after IL-6 inhibited")."""
        ent = self.entity_at.get(trigger.start - 1)
        i = trigger.start - 1
        while ent is None and i > floor and self._is_adverb(i):
            i -= 1
            ent = self.entity_at.get(i)
        if ent is None or ent.start <= floor or ent.label_ not in words.AGENT_CATEGORIES:
            return None
        return ent if self.lowers[ent.start - 1] in words.CLAUSE_SUBORDINATORS else None

    def _raised_subject(self, candidates: list[Span], position: int) -> Span | None:
        """The entity of "<reporting verb> <entity> to <trigger>" ("revealed eugenol to ameliorate")."""
        if position < 3 or self.lowers[position - 1] != "to":
            return None
        last = candidates[-1]
        if last.end != position - 1 or last.start < 1:
            return None
        return last if self.lowers[last.start - 1] in cues.REPORTING_WORDS else None

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

    def _co_agents(self, agent: Span, trigger: _Trigger) -> list[Span]:
        """Further subjects listed with ``agent`` right before its verb: "IL-6 and TNF-a induced X".

        The list must run from ``agent`` to the verb with nothing but joiners, short brackets
        ("tumor necrosis factor (TNF)") and adverbs or auxiliaries between; "IL-6 and TNF levels
        rose" or "IL-6 in T cells and TNF induced" give no second subject.
        """
        listed: list[Span] = []
        i = self._past_short_bracket(agent.end, trigger.start)
        while i < trigger.start:
            joined = i
            while joined < trigger.start and self.lowers[joined] in words.AGENT_JOINERS:
                joined += 1
            ent = self.entity_at.get(joined)
            if joined == i or ent is None or ent.end > trigger.start:
                break
            if ent.label_ not in words.AGENT_CATEGORIES or self._is_modifier(ent) or self._in_context(ent):
                return []
            listed.append(ent)
            i = self._past_short_bracket(ent.end, trigger.start)
        if any(
            not (
                self._is_adverb(k)
                or self.lowers[k] in words.MODAL_VERBS
                or self.lowers[k] in words.AUXILIARIES
                or self.lowers[k] in words.BE_FORMS
                or self.lowers[k] in words.SIGNALLING_NOUNS  # "TLR1/2, TLR7, and TLR9 signals activate"
            )
            for k in range(i, trigger.start)
        ):
            return []
        distinct: dict[str, Span] = {}
        for ent in listed:  # "tumor necrosis factor (TNF)": one subject per concept
            if ent.kb_id_ != agent.kb_id_:
                distinct.setdefault(ent.kb_id_, ent)
        return list(distinct.values())

    def _continues_a_list(self, ent: Span) -> bool:
        """True when "and", "or" or a comma and another entity follow ``ent`` ("STAT3 and SIRPA")."""
        i = self._past_short_bracket(ent.end, self.sentence.end)
        return (
            i + 1 < self.sentence.end
            and self.lowers[i] in {",", "and", "or"}
            and (i + 1 in self.entity_at or (self.lowers[i + 1] in {"and", "or"} and i + 2 in self.entity_at))
        )

    def _past_short_bracket(self, i: int, limit: int) -> int:
        """The index after a short bracket opening at ``i`` ("(TNF)", "(10 ng/ml)"), else ``i``."""
        if i >= limit or self.texts[i] not in {"(", "["}:
            return i
        closing = next((k for k in range(i + 1, min(i + 6, limit)) if self.texts[k] in {")", "]"}), None)
        return i if closing is None else closing + 1

    def _exposed_to(self, ent: Span) -> bool:
        """True for what cells meet: "exposure to LPS", "treatment of cells with PDTC" (an agent)."""
        i = self._word_before(ent)
        if i <= self.sentence.start or self.lowers[i] not in {"to", "with"}:
            return False
        if self.lowers[i - 1] in words.EXPOSURE_NOUNS or (
            i - 3 >= self.sentence.start
            and self.lowers[i - 2] == "of"
            and self.lowers[i - 3] in words.EXPOSURE_NOUNS
            and self.lowers[i - 1].isalpha()
        ):
            return True  # "exposure to", "treatment of cells with"
        exposed = self.entity_at.get(i - 1)
        return exposed is not None and self._exposed(exposed, ent.end)

    def _after_of(self, ent: Span, position: int) -> bool:
        """True for "the role of IL-6": the entity is not the clause's subject.

        A measure of the entity is, before a passive or "be associated" verb at ``position``
        ("the levels of SOCS3 were increased by IL-6"; see :meth:`_measured_aspect`).
        """
        i = self._word_before(ent)
        if i < self.sentence.start or self.lowers[i] != "of" or self._perturbed(ent):
            return False
        if (
            i > self.sentence.start
            and self.lowers[i - 1] in words.GAIN_NOUNS
            and not self._be_before(position)
        ):
            return False  # "Overexpression of SOCS3 reduced X": SOCS3 acts
        return self._measured_aspect(ent) is None or not self._be_before(position)

    def _be_before(self, position: int) -> bool:
        """True when a form of "be" (past adverbs) stands right before ``position``."""
        i = position - 1
        while i > self.sentence.start and self._is_adverb(i):
            i -= 1
        return i >= self.sentence.start and self.lowers[i] in words.BE_FORMS

    def _measured_aspect(self, ent: Span) -> str | None:
        """The aspect of "the levels / expression / secretion of <ent>" (``abundance`` ...), if so."""
        i = self._word_before(ent)
        if i - 1 < self.sentence.start or self.lowers[i] != "of":
            return None
        return cues.ASPECT_WORDS.get(self.lowers[i - 1])

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
