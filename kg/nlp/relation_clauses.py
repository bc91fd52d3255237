"""Reading a sentence's clauses, brackets and word spans for the relation rules.

The helpers here look only at the words of one sentence (``texts``, ``lowers``) and where its
entities stand (``entity_at``): brackets and asides, the comma that closes an opening purpose
or subordinate clause, adverbs between a subject and its verb. The rules that read what an
entity or a trigger means build on them (:mod:`kg.nlp.relation_entity_roles` onwards), and
:class:`kg.nlp.relations._SentenceRules` combines them all.

See Also
--------
kg.nlp.relations : the extractor these helpers serve.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kg.nlp import cues
from kg.nlp import rule_words as words

_OPENING = frozenset({"(", "["})
_CLOSING = frozenset({")", "]"})


def _is_verb_word(lower: str) -> bool:
    """Whether ``lower`` is a trigger verb or "cause"; no perturbation noun, nor "was" ("X was blocked")."""
    if lower in words.CAUSE_VERBS or lower in cues.NEUTRAL_VERBS:
        return True
    signed = lower in cues.POSITIVE_VERBS or lower in cues.NEGATIVE_VERBS
    return signed and lower not in cues.PERTURBATION_WORDS and not lower.endswith(words.NOMINAL_ENDINGS)


class _ClauseReading:
    """Bracket, clause and span helpers over one sentence; the base of the relation rules.

    The attributes are set by :class:`kg.nlp.relations._SentenceRules`.
    """

    doc: Doc
    texts: list[str]
    lowers: list[str]
    sentence: Span
    entities: list[Span]
    entity_at: dict[int, Span]
    cell_type: str | None

    def _clauses(self) -> list[tuple[int, int]]:
        return cues.clauses(self.texts, self.lowers, self.sentence.start, self.sentence.end, self.entity_at)

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

    def _word_at(self, i: int) -> str:
        """The lower-cased word at ``i``; "down regulation" is read as one word, "downregulation"."""
        lower = self.lowers[i]
        if lower in ("down", "up") and i + 1 < self.sentence.end and self.lowers[i + 1].startswith("regulat"):
            return lower + self.lowers[i + 1]
        return lower

    def _condition_end(self, i: int) -> int | None:
        """Where a condition opened by the "in" at ``i`` ("in the presence or absence of") ends."""
        if self.lowers[i] != "in":
            return None
        for phrase in words.CONDITION_PHRASES:
            if self.lowers[i + 1 : i + 1 + len(phrase)] == phrase:
                return i + 1 + len(phrase)
        return None

    def _is_adverb(self, i: int) -> bool:
        """True for a word between a subject, "be" or "that" and its verb ("not", "-ly", "at least")."""
        lower = self.lowers[i]
        if lower in words.PASSIVE_ADVERBS or lower.endswith("ly"):
            return True
        following = self.lowers[i + 1] if i + 1 < self.sentence.end else ""
        previous = self.lowers[i - 1] if i > self.sentence.start else ""
        return (lower, following) == ("at", "least") or (previous, lower) == ("at", "least")

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

    def _past_short_form(self, i: int) -> int:
        """The token after a bracketed short form starting at ``i`` ("(LPS)", "( LPS )"), else ``i``."""
        texts = self.texts
        if i >= self.sentence.end or not texts[i].startswith("("):
            return i
        for close in range(i, min(i + 4, self.sentence.end)):
            if texts[close].endswith(")"):
                return close + 1
        return i

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

    def _main_clause_subject(self, comma: int, end: int) -> Span | None:
        """The subject of a main clause after ``comma``, which ends an opening subordinate clause.

        The sentence opens with "Since", "Although", "When" ... or does so after an opening
        phrase and its comma ("For example, while X ..., Y ..."); after ``comma`` come, before
        any other comma, an entity and a verb.
        """
        opening = next(
            (
                k
                for k in range(comma - 1, self.sentence.start - 1, -1)
                if self.lowers[k] in words.SUBORDINATORS
                and (k == self.sentence.start or self.texts[k - 1] == ",")
            ),
            None,
        )
        if opening is None:
            return None
        named = None
        i = comma + 1
        while i < min(comma + 9, end) and self.texts[i] not in {",", ";"}:
            if i in self.entity_at:
                named = named or self.entity_at[i]
                i = self.entity_at[i].end
                continue
            if named is not None and (
                self.lowers[i] in words.OTHER_FINITE_VERBS or _is_verb_word(self.lowers[i])
            ):
                return named
            i += 1
        return None

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

    def _after_determiner(self, i: int) -> bool:
        """True when a determiner comes before token ``i``, past adverbs ("a constitutively")."""
        i -= 1
        while i > self.sentence.start and self.lowers[i].endswith("ly") and i not in self.entity_at:
            i -= 1
        return i >= self.sentence.start and self.lowers[i] in words.DETERMINERS

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

    def _in_purpose_clause(self, i: int) -> bool:
        """True inside a sentence-opening purpose clause: "To determine whether X suppresses Y, ...".

        The clause states what was asked, not what was found: its claims are hedged.
        """
        if self.lowers[self.sentence.start] != "to":
            return False
        end = self._purpose_clause_end(self.sentence.end)
        return end is not None and i < end

    def _joined_to_objects(self, i: int, floor: int) -> bool:
        """True when "and", "or" or "but" (and adverbs) stand right before token ``i``."""
        joined_at = i - 1
        while joined_at > floor and self._is_adverb(joined_at):
            joined_at -= 1
        return self.lowers[joined_at] in {"and", "or", "but"}

    def _entity_just_before(self, position: int, floor: int) -> Span | None:
        """The entity that ends at ``position``, past measure words and a comma ("TNF mRNA expression")."""
        i = position - 1
        while i >= floor and i not in self.entity_at and self.lowers[i] in words.FILLERS_BEFORE_PARTICIPLE:
            i -= 1
        return self.entity_at.get(i) if i >= floor else None

    def _skip_to_comma(self, i: int, end: int) -> int:
        while i < end and self.texts[i] != ",":
            i += 1
        return i + 1

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
