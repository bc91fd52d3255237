"""Session 20's extraction speed-ups give exactly what the code they replace gave.

As in ``tests/test_extraction_speed19.py``: each test keeps the replaced
algorithm as a reference and compares it with the new one, on small fixtures
and on real inputs (the packaged lexicon, scispaCy's detector, spaCy's
``Matcher`` and tokenizer).
"""

from __future__ import annotations

import random

import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc

from kg.lexicon.normalize import cased_key
from kg.lexicon.variants import american_spelling
from kg.nlp import cues, entity_candidates
from kg.nlp.parentheses import PARENTHESIS_PATTERN, ParenthesisMatcher, use_fast_parentheses
from kg.nlp.pipeline import load_tokenizer_only

TEXTS = [
    "Interleukin-6 (IL-6) and tumour necrosis factor (TNF-alpha (TNF)) rose in Graves' disease "
    "(GD) patients (n = 12; P<0.05) [ref. (3)] as H.P. Smith and A. C. Jones found in E. coli.",
    "Oestrogen receptor ( ) and haemoglobin (HB) in the colour-coded (see (Fig. 2)) tumours ; "
    "The G protein-coupled receptor and cluster in anaemia, (a) ((b)) ) ( ( c.",
    "P=.01 and p < 0.001: Th17+ IgG1+ B cells' fate; patients' sera; 'quoted' words; x ' y.",
]

# --- scispaCy's bracket matches without spaCy's Matcher ------------------------------------------


def _parenthesis_matcher(nlp) -> Matcher:
    matcher = Matcher(nlp.vocab)
    matcher.add("parenthesis", [PARENTHESIS_PATTERN])
    return matcher


def test_parenthesis_matches_are_the_matchers_in_its_order() -> None:
    nlp = load_tokenizer_only()
    matcher = _parenthesis_matcher(nlp)
    fast = ParenthesisMatcher(matcher)
    rng = random.Random(20)
    docs = [nlp.make_doc(text) for text in TEXTS]
    for _ in range(3000):  # nested, unbalanced, empty and adjacent brackets
        words = [rng.choice(["(", ")", "x", "((", "()", "IL-6"]) for _ in range(rng.randint(0, 30))]
        docs.append(Doc(nlp.vocab, words=words))
    for doc in docs:
        assert fast(doc) == matcher(doc)
    assert fast(docs[0]) and len(fast) == 1
    span = docs[0][2:12]  # anything but a Doc goes to the Matcher itself
    assert fast(span) == matcher(span) and fast(docs[0], as_spans=True) == matcher(docs[0], as_spans=True)


def test_detector_finds_the_same_abbreviations_with_the_fast_matcher() -> None:
    def abbreviations(nlp) -> list[list[tuple[int, int, int, int]]]:
        # Sorted: the detector keeps each long form's short forms in a set of Spans, whose order
        # follows the Doc's address (it differs between two runs of scispaCy's own code).
        found = []
        for doc in nlp.pipe([*TEXTS, "The interleukin 6 (IL-6) receptor (IL-6R) binds IL-6; IL-6R too."]):
            pairs = [(short, short._.long_form) for short in doc._.abbreviations]
            found.append(sorted((short.start, short.end, long.start, long.end) for short, long in pairs))
        return found

    nlp = spacy.blank("en")
    nlp.add_pipe("abbreviation_detector")
    expected = abbreviations(nlp)
    assert use_fast_parentheses(nlp) == 1
    assert use_fast_parentheses(nlp) == 0  # already changed
    assert isinstance(nlp.get_pipe("abbreviation_detector").matcher, ParenthesisMatcher)
    assert abbreviations(nlp) == expected
    assert any(expected)


# --- CueList reads its kept answer first ----------------------------------------------------------


def _old_contains(cue_list: cues.CueList, word: object) -> bool:
    """Session 19's ``CueList.__contains__``, unchanged (its memo apart)."""
    try:
        answer = cue_list._answers.get(word)  # type: ignore[call-overload]
    except TypeError:
        return False
    if answer is not None:
        return answer
    if not isinstance(word, str):
        return False
    lower = word.lower()
    return lower in cue_list._words or lower.startswith(cue_list._stems)


def test_cue_lists_answer_as_before() -> None:
    words = ["induces", "Induced", "INHIBIT", "drive", "drives", "driver", "", "the", "up-regulated"]
    odd: list[object] = [None, 3, ("induces",), ["unhashable"], {"x": 1}]
    for cue_list in (cues.POSITIVE_VERBS, cues.NEGATIVE_VERBS, cues.HEDGE_CUES, cues.CueList(["a*", "b"])):
        for _ in range(2):  # the second time from the kept answers
            for word in [*words, *odd]:
                assert (word in cue_list) is _old_contains(cue_list, word)


# --- the matcher's per-token facts, remembered by token text -----------------------------------------


def _old_token_rows(
    rows: list[tuple[str, bool, bool, bool]], british: bool
) -> tuple[list[str], list[bool], list[bool], list[bool], list[int], list[str | None]]:
    """The loop session 19's ``VocabularyEntityMatcher._candidates`` ran over the tokens."""
    texts = [row[0] for row in rows]
    n = len(rows)
    american = [None if (us := american_spelling(t)) is t else cased_key(us) for t in texts]
    american = american if british else []
    keys, breaks, opens, closes, brackets = [], [], [], [], []
    for i, (text, is_space, _, _) in enumerate(rows):
        keys.append(cased_key(text))
        following = texts[i + 1] if i + 1 < n else ""
        initials = "." in text and entity_candidates._INITIALS.fullmatch(text)
        initials = initials and (len(text) > 2 or not following.islower())
        breaks.append(
            (text in entity_candidates._BREAKS and not entity_candidates._possessive(rows, i))
            or is_space
            or bool(initials)
            or ("=" in text or "<" in text or ">" in text)
        )
        edge = text.lower() in entity_candidates.STOP_WORDS
        opens.append(edge and not text.isupper())
        closes.append(edge and text.islower())
        brackets.append(text.count("(") - text.count(")") if "(" in text or ")" in text else 0)
    return keys, breaks, opens, closes, brackets, american


def test_token_rows_are_the_old_loops() -> None:
    from kg.nlp.extensions import token_spaces, token_texts

    nlp = load_tokenizer_only()
    for text in [*TEXTS, "", "A.", "E. coli", "H.P."]:
        doc = nlp.make_doc(text)
        flags = [(t.is_space, t.is_stop or t.is_punct) for t in doc]
        spaces = token_spaces(doc)
        rows = [
            (word, space, function, not spaced)
            for word, (space, function), spaced in zip(token_texts(doc), flags, spaces, strict=True)
        ]
        for british in (True, False):
            for _ in range(2):  # the second time from the remembered facts
                # the seventh item (session 22: a name's letter with the sentence's full stop) is new
                assert entity_candidates._token_rows(rows, british)[:6] == _old_token_rows(rows, british)
    assert entity_candidates._TOKEN_FACTS["Oestrogen"][7] == cased_key("Estrogen")


def test_token_facts_are_forgotten_when_full(monkeypatch) -> None:
    monkeypatch.setattr(entity_candidates, "_TOKEN_FACTS", {})
    monkeypatch.setattr(entity_candidates, "_TOKEN_FACTS_SIZE", 2)
    for word in ("a", "b", "c"):
        entity_candidates._token_facts(word)
    assert list(entity_candidates._TOKEN_FACTS) == ["c"]


# --- MeSH's tree-number index from the descriptors' lines only -------------------------------------


def test_mesh_tree_index_is_the_one_read_from_every_line(lexicon) -> None:
    from kg.lexicon.store import _parse_record

    expected: dict[str, str] = {}
    for line in lexicon._concept_lines:
        if line.startswith("MESH:D"):
            record = _parse_record(line)
            for number in record.mesh_trees:
                expected.setdefault(number, record.curie)
    lexicon._mesh_tree_index = None
    lexicon.mesh_descriptor_at("C04")
    assert len(expected) > 10_000
    assert list(lexicon._mesh_tree_index.items()) == list(expected.items())


# --- the tokenizer keeps more chunks --------------------------------------------------------------


def test_kept_chunks_tokenize_as_split_ones() -> None:
    from kg.nlp.tokenizer import CHUNK_CACHE_SIZE

    kept = load_tokenizer_only().tokenizer
    assert kept.max_cache_size == CHUNK_CACHE_SIZE
    split = load_tokenizer_only().tokenizer
    split.max_cache_size = 0  # every chunk split by the rules each time
    for _ in range(2):  # the second time from the kept chunks
        for text in TEXTS:
            assert kept(text).to_bytes() == split(text).to_bytes()
