"""Scanning a document for lexicon matches: the candidates of the dictionary matcher.

From every token the scan extends a run of up to ``MAX_TOKENS`` tokens (never
across sentence punctuation), builds the normalised key of the run
(:mod:`kg.lexicon.normalize`) and looks it up in the lexicon, keeping the
longest match that starts there. A run edged by a function word or leaving a
bracket open is no name. Candidates the scan cannot see are added here too:
ions ("Ca2+"), a chemical glued to a participle ("alcohol-exposed"), model spans
the lexicon grounds whole, and names with a bracketed short form inside them.

See Also
--------
kg.nlp.entities : the spaCy component these candidates feed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from spacy.attrs import IS_PUNCT, IS_SPACE, IS_STOP
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicon.normalize import cased_key
from kg.lexicon.store import HUMAN, Grounding, Lexicon, chemical_roles, load_lexicon
from kg.lexicon.variants import american_spelling, may_be_british
from kg.model import Concept
from kg.nlp.candidates import Candidate
from kg.nlp.chemical_tokens import glued_chemical_name
from kg.nlp.combine import COMPATIBLE_CATEGORIES, MODEL_KEY
from kg.nlp.composite import composite_members
from kg.nlp.disease_names import COMPOSED_SCORE
from kg.nlp.entity_kinds import CHEMICALS
from kg.nlp.extensions import doc_text, ensure_extensions, token_spaces, token_texts
from kg.nlp.model_spans import COMPATIBLE, model_span_variants
from kg.nlp.residues import ION, ION_ELEMENTS, RESIDUE_NAMES

MAX_TOKENS = 12
# A bracketed short form inside a name, with the space before it: " (NK)" of "natural killer (NK) cells".
_INNER_BRACKETS = re.compile(r"\s*\([^()\s]+\)(?=\s)")
_BREAKS = frozenset({",", ";", ".", ":", "[", "]", "{", "}", "/", "=", "<", ">", "%", "'", '"'})
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
#: Runs whose groundings :meth:`VocabularyEntityMatcher._grounded` keeps (emptied when full).
_GROUNDED_RUNS = 200_000


class _CandidateScan:
    """The lexicon, the token scan and the candidates added beside it.

    First of the bases of :class:`kg.nlp.entities.VocabularyEntityMatcher`,
    which documents the parameters.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "kg_vocabulary_ner",
        *,
        vocabulary_path: str | None = None,
        lexicon_path: str | None = None,
        overwrite_ents: bool = True,
    ) -> None:
        ensure_extensions()
        self.name = name
        self.overwrite_ents = overwrite_ents
        self._vocabulary_path = Path(vocabulary_path) if vocabulary_path else None
        self._lexicon_path = lexicon_path
        self._lexicon: Lexicon | None = None
        self._headings: dict[str, Grounding | None] = {}
        self._elements: dict[str, Grounding | None] = {}
        self._orthologs: dict[tuple[str, str], Grounding | None] = {}
        self._grounded_runs: dict[str, tuple[Grounding, ...]] = {}

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon, loaded on first use and shared by every pipeline in the process."""
        if self._lexicon is None:
            if self._lexicon_path == "":
                self._lexicon = _curated_only(self._vocabulary_path)
            else:
                path = Path(self._lexicon_path) if self._lexicon_path else None
                self._lexicon = load_lexicon(path, self._vocabulary_path)
        return self._lexicon

    def concept(self, curie: str) -> Concept | None:
        """Return the concept for ``curie``, or ``None`` if unknown."""
        return self.lexicon.concept(curie)

    # --- matching ------------------------------------------------------------
    def _candidates(self, doc: Doc) -> tuple[list[Candidate], list[str]]:
        """Every lexicon match starting at each token (its longest), and the token texts."""
        lexicon = self.lexicon
        n = len(doc)
        # The Doc's arrays and cached token lists, then plain lists (Token objects are costly).
        texts = token_texts(doc)
        flags = doc.to_array([IS_SPACE, IS_STOP, IS_PUNCT]).tolist() if n else []
        rows = [
            (text, bool(space), bool(stop or punct), not spaced)
            for text, (space, stop, punct), spaced in zip(texts, flags, token_spaces(doc), strict=True)
        ]
        keys, breaks, opens, closes, brackets, american, finals = _token_rows(
            rows, may_be_british(doc_text(doc))
        )
        british = any(american)
        # A run of function words ("is a", "as well as") is never a name, whatever key it makes.
        function_words = [function_word for _, _, function_word, _ in rows]
        found = []
        for start in range(n):
            if not keys[start] or breaks[start] or start in finals:
                continue  # (a letter with a full stop ends a name, it is none alone)
            best: tuple[int, list[Grounding]] | None = None
            run = us_run = ""
            for end in range(start, min(n, start + MAX_TOKENS)):
                if breaks[end] or (end > start and end - 1 in finals):
                    break  # "hepatitis C." ended the run: the next word starts a sentence
                run += keys[end]
                if british:
                    us_run += american[end] or keys[end]
                if not keys[end]:
                    continue  # a run never ends on punctuation ("IL-")
                # Most runs: one dict probe, no parsing. A run edged by a function word
                # or with an unclosed bracket ("T (OR") is no name, nor is any longer one
                # that no key starts with.
                respelled = british and us_run != run
                if not lexicon.may_match(run) and not (respelled and lexicon.may_match(us_run)):
                    if not lexicon.may_extend(run) and not (respelled and lexicon.may_extend(us_run)):
                        break  # no key starts so: a longer run cannot match either
                    continue
                eponym = False
                if end > start and (opens[start] or closes[end] or sum(brackets[start : end + 1])):
                    if closes[end] or sum(brackets[start : end + 1]) or not texts[start][:1].isupper():
                        continue
                    eponym = True  # "Down syndrome": a capitalised function word may be a name's first
                groundings = self._grounded(run)
                if not groundings and respelled:
                    groundings = self._grounded(us_run)
                if eponym:
                    # ... where it starts the concept's own name as written ("The G" is no THEG)
                    first = texts[start] + " "
                    groundings = tuple(g for g in groundings if g.name.startswith(first))
                if (
                    groundings
                    and end > start
                    and (texts[end].lower() in _AGENT_NOUNS or _in_response_to(texts, start))
                ):
                    # "tumor suppressor": what acts (a gene), not the process GO lists it under;
                    # its first words ("tumor") are left to a shorter run. "in response to
                    # dexamethasone" names what the cells meet, not GO's "response to
                    # dexamethasone": the agent is matched on its own.
                    groundings = [g for g in groundings if g.category != "biolink:BiologicalProcess"]
                if groundings and not all(function_words[start : end + 1]):
                    best = (end + 1, groundings)
            if best is not None:
                found.append(Candidate(start, best[0], tuple(best[1]), best[1][0].source))
        return found, texts

    def _grounded(self, run: str) -> tuple[Grounding, ...]:
        """``chemical_roles(lexicon.lookup(run))``, remembered: the answer depends on the run alone.

        The matcher asks for the same runs in every paper ("IL-6", "patients");
        the lexicon remembers its look-ups but returned a fresh list for
        :func:`chemical_roles` to read again each time. Groundings are frozen.
        """
        known = self._grounded_runs.get(run)
        if known is None:
            if len(self._grounded_runs) >= _GROUNDED_RUNS:
                self._grounded_runs.clear()
            known = self._grounded_runs[run] = tuple(chemical_roles(self.lexicon.lookup(run)))
        return known

    def _ions(self, doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
        """Candidates for ions written by their element's symbol and charge ("Ca2+", "Ca(2+)", "K+").

        The lexicon has no key for charge notation (its keys drop the "+",
        leaving "Ca2"); an ion of a metal the body uses is grounded as its
        element (MeSH indexes calcium ions under Calcium), over the tokens the
        notation spans. An ion before "ATPase" names the pump, not the ion
        ("Ca2+ ATPase"); a run the lexicon matched at the same tokens keeps its own.
        """
        taken = {i for c in candidates for i in range(c.start, c.end)}
        added = []
        for match in ION.finditer(doc_text(doc)):
            # the notation's own tokens, or one token it fills but for brackets ("[Ca2+]i");
            # not a longer word it starts ("Na+-extrusion", "Mg(2+)-free")
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None or len(span.text.strip("[]()i")) > match.end() - match.start():
                continue
            if any(i in taken for i in range(span.start, span.end)):
                continue
            after = doc[span.end].lower_ if span.end < len(doc) else ""
            if "atpase" in after or "atpase" in span.text.lower():
                continue
            name = ION_ELEMENTS[match.group("element")]
            if name not in self._elements:
                found = [g for g in self.lexicon.ground(name) if g.category in CHEMICALS]
                self._elements[name] = found[0] if found else None
            grounding = self._elements[name]
            if grounding is not None:
                added.append(Candidate(span.start, span.end, (grounding,), "ion"))
                taken.update(range(span.start, span.end))
        return added

    def _glued_chemicals(self, texts: list[str], candidates: list[Candidate]) -> list[Candidate]:
        """Candidates for a chemical glued to a participle in one token ("alcohol-exposed").

        The token is grounded as the name before the hyphen
        (:func:`kg.nlp.chemical_tokens.glued_chemical_name`) where that name's
        best reading is a chemical and none is an organism ("yeast-based" is no
        yeast extract); a token a run already matched keeps its own. An amino
        acid or a base so glued names a motif of a sequence ("tyrosine-based
        sorting motif", "cysteine-containing"), not the substance.
        """
        taken = {i for c in candidates for i in range(c.start, c.end)}
        added = []
        for i, text in enumerate(texts):
            name = None if i in taken else glued_chemical_name(text)
            if name is None or name.lower() in RESIDUE_NAMES:
                continue
            found = self.lexicon.ground(name)
            if (
                found
                and found[0].category in CHEMICALS
                and all(g.category != "biolink:OrganismTaxon" for g in found)
            ):
                chemicals = tuple(g for g in found if g.category in CHEMICALS)
                added.append(Candidate(i, i + 1, chemicals, chemicals[0].source))
        return added

    def _heading(self, heading: str) -> Grounding | None:
        """The MeSH descriptor named ``heading``, scored as a composed name."""
        if heading not in self._headings:
            # compared without case: a composed heading may carry the text's lower-case word ("hiv")
            found = [
                g
                for g in self.lexicon.ground(heading)
                if g.source == "MESH" and g.name.lower() == heading.lower()
            ]
            self._headings[heading] = replace(found[0], score=COMPOSED_SCORE) if found else None
        return self._headings[heading]

    def _add_model_spans(
        self, doc: Doc, candidates: list[Candidate], model: dict[tuple[int, int], str]
    ) -> list[Candidate]:
        """Add a candidate for each model entity the lexicon grounds as a whole but no run matched.

        The statistical NER found a name (``Erk2``, ``rac1``, ``hXPC``,
        ``Cyclin-dependent protein kinase 5``); the lexicon is asked for the
        whole span, of the model's kind (a ``h`` prefix for human dropped).
        Only groundings compatible with the model's category count; a span
        holding sentence punctuation ("ERK1/2") is left to the runs inside it,
        except a gene's name written with a slash and no space, which no run
        can match ("C/EBPalpha", "Ink4a/Arf", "PTH/PTHrP receptor"): it is
        looked up whole where it is no composite and a human gene lists it.
        """
        lexicon = self.lexicon
        extents = {(c.start, c.end) for c in candidates}
        breaks = [text in _BREAKS for text in token_texts(doc)]
        added = []
        for (start, end), category in model.items():
            if (start, end) in extents:
                continue
            slashed = any(breaks[i] for i in range(start, end))
            if slashed and not _slashed_gene_name(doc, start, end, category):
                continue
            text = doc[start:end].text
            if _STATISTIC.search(text):
                continue  # "P=.01", "P<0.05": a test's statistic, whatever symbol its letters spell
            # "type I TGFb receptors" cut before its head noun names a receptor, not TGFB1
            typed = end >= len(doc) or not doc[end].lower_.startswith("receptor")
            variants = [text] if slashed else model_span_variants(text, category, typed=typed)
            untyped = set(model_span_variants(text, category, typed=False)) if typed else set(variants)
            for variant in variants:
                found = chemical_roles(lexicon.lookup(cased_key(variant)))
                found = [g for g in found if g.category in COMPATIBLE[category]]
                if slashed and not any(g.category == "biolink:Gene" and g.taxon == HUMAN for g in found):
                    continue  # "HER2/neu": only transgenes and rat Erbb2 list it whole
                numbered = variant not in untyped
                if found and numbered and self._same_without_number(variant, found[0], category):
                    continue  # "CALR type 1 frameshift mutants": a type of mutation, CALR with or without it
                if found:
                    added.append(Candidate(start, end, tuple(found), found[0].source))
                    break
        return candidates + added

    def _same_without_number(self, variant: str, grounding: Grounding, category: str) -> bool:
        """Whether a numbered member's name ("CALR 1") reads as the same concept without its number.

        A type numeral names a member ("type I TNF-R" is TNF-RI, not the family
        "TNF-R"); where the name alone is already that concept the type is
        something else's (a mutation's, a disease's), and the name stays a
        match of its own.
        """
        bare = variant.rsplit(" ", 1)[0]
        plain = [g for g in self.lexicon.lookup(cased_key(bare)) if g.category in COMPATIBLE[category]]
        return bool(plain) and plain[0].curie == grounding.curie

    def _bracketed_model_spans(self, doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
        """Candidates for model spans of any kind with a short form inside: "natural killer (NK) cells".

        No run of the dictionary crosses the bracket, so the NER's span would stay
        ungrounded beside the dictionary's pieces of it; the name without the
        bracketed short form is looked up instead, of the model's kind.
        """
        if MODEL_KEY not in doc.spans:
            return []
        extents = {(c.start, c.end) for c in candidates}
        added = []
        for span in doc.spans[MODEL_KEY]:
            allowed = COMPATIBLE_CATEGORIES.get(span.label_)
            if allowed is None or (span.start, span.end) in extents or "(" not in span.text:
                continue
            unbracketed = _INNER_BRACKETS.sub("", span.text)
            if unbracketed == span.text:
                continue
            found = [g for g in self.lexicon.lookup(cased_key(unbracketed)) if g.category in allowed]
            if found:
                added.append(Candidate(span.start, span.end, tuple(found), found[0].source))
        return added


# Nouns of an agent: a run of several words ending in one names what acts (a gene or protein),
# not a process, whatever synonym GO lists ("tumor suppressor" of regulation of cell cycle).
_AGENT_NOUNS = frozenset(
    {"suppressor", "suppressors", "regulator", "regulators", "activator", "activators", "inhibitor",
     "inhibitors"}
)  # fmt: skip


def _in_response_to(texts: list[str], start: int) -> bool:
    """Whether a run starts with "response to" after "in": a preposition, not the process it names."""
    return (
        0 < start < len(texts) - 1
        and texts[start - 1].lower() == "in"
        and texts[start].lower() == "response"
        and texts[start + 1].lower() == "to"
    )


def _slashed_gene_name(doc: Doc, start: int, end: int, category: str) -> bool:
    """Whether a model gene span's only breaks are slashes inside a word ("C/EBPalpha"), no composite."""
    if category != "biolink:Gene":
        return False
    for token in doc[start:end]:
        if token.text in _BREAKS:
            glued = token.i > start and not doc[token.i - 1].whitespace_ and not token.whitespace_
            if token.text != "/" or not glued or token.i == end - 1:
                return False
    return not composite_members(doc[start:end].text)


# A comparison sign in a span: a statistic ("P=.01", "P<0.05", "r = 0.4"), never a gene's name.
_STATISTIC = re.compile(r"[=<>≤≥]")


def _possessive(rows: list[tuple[str, bool, bool, bool]], i: int) -> bool:
    """Whether the token at ``i`` is a possessive apostrophe inside a name ("Graves' disease").

    An apostrophe written straight after a word ending in "s" and followed by
    another word is no quotation mark; ``rows`` holds (text, is_space,
    function word, glued to the next token) per token.
    """
    return (
        rows[i][0] == "'"
        and 0 < i < len(rows) - 1
        and rows[i - 1][3]
        and rows[i - 1][0][-1:] in ("s", "S")
        and not rows[i][3]
        and rows[i + 1][0][:1].isalpha()
    )


def _ends_name(rows: list[tuple[str, bool, bool, bool]], i: int) -> bool:
    """Whether the letter with a full stop at ``i`` ends a name after a lower-case word ("hepatitis C.").

    A person's initial follows a capitalised name or a function word ("by J. Smith"), not
    a content word written in lower case; the letter is not glued to that word.
    """
    if i == 0 or not rows[i][0][0].isupper():
        return False
    before = rows[i - 1][0]
    return before.isalpha() and before.islower() and not rows[i - 1][2] and not rows[i - 1][3]


def _token_rows(
    rows: list[tuple[str, bool, bool, bool]], british: bool
) -> tuple[list[str], list[bool], list[bool], list[bool], list[int], list[str | None], set[int]]:
    """What :meth:`VocabularyEntityMatcher._candidates` reads of each token of ``rows`` (see _possessive).

    Its key; whether no name runs across it (a break); whether a name of
    several tokens may not start or end with it ("The G" is no THEG, "cluster
    in" no clusterin; "vitamin A" and "IL-2" still match); its brackets'
    balance; and, when ``british`` (the text may hold British spellings), its
    American key ("Tumour" -> "Tumor", ``None`` for a word spelt the same: a
    run the British spelling does not match is tried the American way); and the
    positions of a name's last letter kept with the sentence's full stop
    ("hepatitis C."), after which no run goes on.
    """
    facts = [_TOKEN_FACTS.get(row[0]) or _token_facts(row[0]) for row in rows]
    breaks = []
    last = len(rows) - 1
    # A name's letter with the sentence's full stop ends a run; none runs on past it ("I. P").
    # ("C. elegans": a genus initial, which a lower-case word follows, is neither.)
    finals = {
        i
        for i, fact in enumerate(facts)
        if fact[2]
        and len(rows[i][0]) == 2
        and not (rows[i + 1][0] if i < last else "").islower()
        and _ends_name(rows, i)
    }
    for i, (text, is_space, _, _) in enumerate(rows):
        _, in_breaks, initials, statistic, _, _, _, _ = facts[i]
        breaks.append(
            (in_breaks and not _possessive(rows, i))
            or is_space
            # A person's initials ("H.P.", "A. C."), never part of a name; "E. coli" is a genus initial,
            # and a sentence ending in a name's letter ("for chronic hepatitis C. A 63-year-old") has
            # the tokenizer keep the full stop on the letter after a word of the name.
            or (
                initials
                and (len(text) > 2 or not (rows[i + 1][0] if i < last else "").islower())
                and i not in finals
            )
            or statistic  # "P=.01": a statistic, not a name
        )
    return (
        [fact[0] for fact in facts],
        breaks,
        [fact[4] for fact in facts],
        [fact[5] for fact in facts],
        [fact[6] for fact in facts],
        [fact[7] for fact in facts] if british else [],
        finals,
    )


_TOKEN_FACTS: dict[str, tuple[str, bool, bool, bool, bool, bool, int, str | None]] = {}
_TOKEN_FACTS_SIZE = 200_000  # distinct token texts whose facts are kept


def _token_facts(text: str) -> tuple[str, bool, bool, bool, bool, bool, int, str | None]:
    """What :func:`_token_rows` reads from a token's text alone, remembered.

    Its key, whether it is a break (before the possessive check), shaped like
    initials (before the next word's check), a statistic, whether a name may
    not start with it, nor end with it, its brackets' balance and its American
    key. Papers repeat their words: these were computed for every token of
    every paper.
    """
    edge = text.lower() in STOP_WORDS
    facts = (
        cased_key(text),
        text in _BREAKS,
        "." in text and _INITIALS.fullmatch(text) is not None,
        "=" in text or "<" in text or ">" in text,
        edge and not text.isupper(),
        edge and text.islower(),
        text.count("(") - text.count(")") if "(" in text or ")" in text else 0,
        None if (us := american_spelling(text)) is text else cased_key(us),
    )
    if len(_TOKEN_FACTS) >= _TOKEN_FACTS_SIZE:
        _TOKEN_FACTS.clear()
    _TOKEN_FACTS[text] = facts
    return facts


_CURATED_ONLY: dict[Path | None, Lexicon] = {}


def _curated_only(vocabulary_path: Path | None) -> Lexicon:
    if vocabulary_path not in _CURATED_ONLY:
        _CURATED_ONLY[vocabulary_path] = Lexicon(None, vocabulary_path)
    return _CURATED_ONLY[vocabulary_path]
