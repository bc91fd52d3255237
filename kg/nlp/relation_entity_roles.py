"""What part an entity plays in a sentence, for the relation rules.

An entity may be a setting ("in macrophages"), a modifier ("vaccine-induced", "tyrosine
phosphorylation"), lost or blocked ("blockade of IL-6", "Stat3-/- mice": the claim's sign
inverts), whose process an object is ("the proliferation of glioma cells") or a claim's
object. The subject, trigger and object rules (:mod:`kg.nlp.relation_triggers`,
:mod:`kg.nlp.relation_agents`, :mod:`kg.nlp.relation_objects`) ask these questions.

See Also
--------
kg.nlp.relations : the extractor these rules serve.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Span

from kg.nlp import cues
from kg.nlp import rule_words as words
from kg.nlp.relation_clauses import _ClauseReading, _is_verb_word


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


# Loss words that, after a drug's name, say what the drug is.
_DRUG_ROLE_NOUNS = frozenset({"inhibitor", "inhibitors", "antagonist", "antagonists"})
# What of an entity a noun may name: "the STAT3 pathway of Jurkat cells" (the cells' pathway),
# "the loss of activity of STAT3" (STAT3's activity is lost).
_MEASURES_OF = words.SIGNALLING_NOUNS | {
    "activity",
    "activation",
    "expression",
    "levels",
    "level",
    "function",
}


class _EntityRoles(_ClauseReading):
    """Rules that tell an entity's part in the sentence: setting, modifier, lost, owner, object."""

    def _in_context(self, ent: Span, floor: int | None = None) -> bool:
        """True when ``ent`` follows a context preposition ("in macrophages").

        Tokens before ``floor`` (the end of a trigger such as "led to") are not
        looked at: the preposition there belongs to the trigger.
        """
        floor = self.sentence.start if floor is None else floor
        i = ent.start - 1
        if i > floor and self.texts[i] in {"(", "["}:
            named = self.entity_at.get(i - 1)
            if named is not None and named.kb_id_ == ent.kb_id_:
                return self._in_context(named, floor)  # "from macrophages (MPs)": a short form shares it
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

    def _in_condition(self, ent: Span) -> bool:
        """True for an entity of a condition ("In the presence of LPS (or IFN-g), IL-6 induced X")."""
        i = ent.start - 1
        while i >= self.sentence.start and self.lowers[i] in words.SKIPPABLE_BEFORE_ENTITY:
            i -= 1
        for phrase in words.CONDITION_PHRASES:
            opening = i - len(phrase)  # the "in" before the phrase
            if opening >= self.sentence.start and self._condition_end(opening) == i + 1:
                return True
        # "of LPS or IFN-g": listed in the condition; after its comma the main clause may begin
        before = self.entity_at.get(i - 1) if self.lowers[i] in {"and", "or"} else None
        return before is not None and self._in_condition(before)

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

    def _is_modifier(self, ent: Span) -> bool:
        """True for "vaccine-induced" or "anti-tumor": the entity only modifies a noun."""
        texts, lowers, end, start = self.texts, self.lowers, ent.end, ent.start
        at = self._past_short_form(end)  # "lipopolysaccharide (LPS)-stimulated"
        if at + 2 <= len(texts) and texts[at] == "-" and lowers[at + 1] in words.MODIFIER_SUFFIXES:
            return True
        if end < len(texts) and texts[end - 1].endswith("-") and lowers[end] in words.MODIFIER_SUFFIXES:
            return True  # "TNF- induced": the hyphen stayed on the name
        if texts[end - 1].endswith("-") and self._suspended_modifier(end):
            return True  # "IL-2-, IL-3-, and GM-CSF-induced": a suspended hyphen, the suffix comes later
        if self._modifier_partner(ent):
            return True
        if (
            start > self.sentence.start
            and end + 1 < self.sentence.end
            and (lowers[start - 1] in words.PREPOSITIONS_BEFORE_A_MODIFIER or self._signed_verb(start - 1))
            and lowers[end] in words.CAUSAL_PARTICIPLES
            and lowers[end + 1] not in words.FUNCTION_WORDS
            and not self._opens_nominal_subject(start - 1)
        ):
            # "protection against Fe-NTA induced oxidative stress", "suppressed Fe-NTA induced
            # hyperproliferation": no hyphen, still a modifier
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
        # "blockade of the IL-6 receptor": the article does not count.
        wide = [
            word
            for word in self.lowers[max(ent.start - 6, self.sentence.start) : ent.start]
            if word not in words.SKIPPABLE_BEFORE_ENTITY
        ]
        if len(wide) >= 4 and wide[-1] == "of" and wide[-2] in _MEASURES_OF:
            before = wide[:-2][-3:]  # "the loss of activity of STAT3": STAT3's activity is lost
        else:
            before = [
                word
                for word in self.lowers[max(ent.start - 4, self.sentence.start) : ent.start]
                if word not in words.SKIPPABLE_BEFORE_ENTITY
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
        while following < self.sentence.end and self.lowers[following] in words.INHIBITOR_QUALIFIERS:
            following += 1  # "the ERK pathway-specific inhibitor PD98059"
        after = self.lowers[following : min(following + 2, self.sentence.end)]
        if after and _is_verb_word(after[0]):
            return False  # "IL-6 caused inhibition of X": the noun is the verb's object
        if after and after[0] in words.PREPOSITIONS_AFTER_AGENT:
            return False  # "Fab fragment of anti-E. chaffeensis IgG": the loss is another noun's
        if after[1:] == ["of"] and self.sentence.end > following + 2 and following + 2 in self.entity_at:
            return False  # "the minocycline blockade of IDO": minocycline blocks IDO, it is not lost
        if ent.label_ in words.CHEMICAL_CATEGORIES:
            # "the U0126 inhibitor", "LY294002 inhibitors": the drug is the inhibitor, not what it blocks
            after = [word for word in after if word not in _DRUG_ROLE_NOUNS]
        return any(word in cues.PERTURBATION_WORDS for word in after)

    def _opens_nominal_subject(self, of: int) -> bool:
        """True when the "of" at ``of`` follows a gain or loss noun that opens the sentence.

        In "Activation of STAT3 induced SOCS3" the participle is the sentence's verb.
        """
        noun = of - 1
        while noun > self.sentence.start and self.lowers[noun - 1] in words.DETERMINERS:
            noun -= 1
        lower = self.lowers[of - 1] if of > self.sentence.start else ""
        return (
            self.lowers[of] == "of"
            and noun == self.sentence.start
            and (lower in words.GAIN_NOUNS or lower in cues.PERTURBATION_WORDS)
        )

    def _signed_verb(self, i: int) -> bool:
        """True for a verb of change at ``i`` ("suppressed", "increases"), not an entity's word."""
        lower = self.lowers[i]
        return i not in self.entity_at and (lower in cues.POSITIVE_VERBS or lower in cues.NEGATIVE_VERBS)

    def _suspended_modifier(self, i: int) -> bool:
        """True when the list from ``i`` ends in a name joined to a modifier suffix ("GM-CSF-induced").

        "IL-2-, IL-3-, and GM-CSF-induced X" lists modifiers; in "TNF-, and IFN-gamma" the hyphen
        is what is left of a lost letter, and "IL-2R alpha-, beta-, and gamma-chain" names chains.
        """
        while i < self.sentence.end and (self.lowers[i] in {",", "and", "or"} or self.texts[i].endswith("-")):
            i += 1
        ent = self.entity_at.get(i)
        if ent is None:
            return False
        after = self._past_short_form(ent.end)
        return (
            after + 1 < self.sentence.end
            and self.texts[after] == "-"
            and self.lowers[after + 1] in words.MODIFIER_SUFFIXES
        )

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
        cell = ent.label_ in {"biolink:Cell", "biolink:CellLine"}
        while i > self.sentence.start and (
            self.lowers[i] in words.SKIPPABLE_BEFORE_ENTITY
            # "targeting tumor-infiltrating macrophages": the cells' premodifiers
            or (cell and (self._cell_premodifier(i) or "-" in (self.texts[i - 1], self.texts[i + 1])))
        ):
            i -= 1
        if i > self.sentence.start and self.lowers[i] == "down" and self.lowers[i - 1] == "knocking":
            i -= 1
        if i < self.sentence.start or self.lowers[i] not in words.PERTURBING_GERUNDS:
            return False
        return i == self.sentence.start or self.lowers[i - 1] in words.BEFORE_A_GERUND_PHRASE

    def _coordinated(self, ent: Span) -> bool:
        """True when ``ent`` follows "and", "," or "but": a subject of its own, not an object."""
        i = self._word_before(ent)
        return i >= self.sentence.start and self.lowers[i] in {"and", ",", "but", "while", "whereas", "or"}

    def _owner_of(self, ent: Span, last_object_end: int) -> bool:
        """True when ``ent`` is a cell, tissue or disease after the last object and "of (the)".

        "the proliferation of the glioblastoma cells" names whose proliferation, and "the STAT3
        pathway of Jurkat cells" whose pathway; "the dephosphorylation of Tyk2" still has Tyk2 as
        an object.
        """
        if last_object_end < 0 or ent.label_ not in words.OWNER_CATEGORIES:
            return False
        between = [
            word
            for word in self.lowers[last_object_end : ent.start]
            if word not in words.SKIPPABLE_BEFORE_ENTITY
        ]
        return between[-1:] == ["of"] and all(word in _MEASURES_OF for word in between[:-1])

    def _can_be_object(self, ent: Span, agent: Span, floor: int) -> bool:
        return (
            ent.label_ not in words.NEVER_OBJECT
            and ent.kb_id_ != agent.kb_id_
            and not self._in_context(ent, floor)
            and not self._is_modifier(ent)
        )
