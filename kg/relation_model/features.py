"""Lexical and positional features for document-level concept pairs.

The same code serves training (gold mentions from a PubTator file) and
prediction (mentions from the spaCy pipeline), so a model sees the same kind
of input in both. Each entity mention is collapsed into one placeholder token
("@A", "@B" for the pair's own concepts, "@Chemical" ... for the others),
which is what "entity markers" mean for a linear model: the words between and
around the two placeholders carry the relation.

Features are strings; :func:`hash_feature` maps them into a fixed index
space with CRC-32, which is stable across Python runs and platforms (unlike
``hash()``), so a shipped model needs no vocabulary file.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "SHORT_TYPE_NAMES",
    "TYPE_ORDER",
    "Mention",
    "PairCandidate",
    "document_pairs",
    "hash_feature",
    "sentence_spans",
    "type_pair_name",
]

# Canonical order of a pair: the first type listed comes first (chemicals and
# genes act on diseases), so "tp=Chemical|Disease" is one feature, not two.
TYPE_ORDER = (
    "ChemicalEntity",
    "GeneOrGeneProduct",
    "SequenceVariant",
    "DiseaseOrPhenotypicFeature",
    "OrganismTaxon",
    "CellLine",
)
# Short names of BioRED's entity types, as the features spell them ("Chem|Gene").
SHORT_TYPE_NAMES = {
    "ChemicalEntity": "Chem",
    "GeneOrGeneProduct": "Gene",
    "SequenceVariant": "Var",
    "DiseaseOrPhenotypicFeature": "Dis",
    "OrganismTaxon": "Species",
    "CellLine": "CellLine",
}


def type_pair_name(first: str, second: str) -> str:
    """The feature name of two BioRED entity types ("Chem|Gene"; unknown types are "Other")."""
    return f"{SHORT_TYPE_NAMES.get(first, 'Other')}|{SHORT_TYPE_NAMES.get(second, 'Other')}"


_TOKEN = re.compile(r"[A-Za-z]+|\d+|[^\sA-Za-z\d]")
# A sentence ends at . ! ? followed by space and a capital, digit or bracket.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[])")
_DIGITS = re.compile(r"\d")
# Hedge/background cues that tell a paper's own finding from cited knowledge.
_NOVELTY_CUES = frozenset(
    {
        "we",
        "our",
        "here",
        "present",
        "study",
        "results",
        "found",
        "demonstrate",
        "show",
        "showed",
        "suggest",
        "known",
        "previously",
        "reported",
        "has",
        "have",
        "been",
        "is",
        "are",
        "was",
        "were",
        "well",
        "established",
    }
)

# Word classes of relation triggers: rare inflections share the weight of their class.
_TRIGGER_CLASSES = {
    "INC": "increase increased increases increasing induce induced induces inducing induction elevated "
    "elevation enhance enhanced enhances promote promoted promotes activate activated activates activation "
    "stimulate stimulated stimulates upregulated upregulate upregulation augmented higher potentiated "
    "exacerbated aggravated caused causes cause causing triggered produced developed accelerated",
    "DEC": "decrease decreased decreases decreasing reduce reduced reduces reducing reduction inhibit "
    "inhibited inhibits inhibiting inhibition inhibitor suppress suppressed suppresses suppression "
    "attenuated attenuates attenuate downregulated downregulation lower lowered diminished blocked blocks "
    "block blockade abolished prevented prevents prevent prevention protected protects protective "
    "protection ameliorated alleviated reversed antagonist antagonized loss deficiency deficient",
    "TREAT": "treatment treated treat treating therapy therapeutic efficacy effective improved improvement "
    "remission response responders administered administration",
    "ASSOC": "associated association associations correlated correlation correlations linked link risk "
    "susceptibility relationship",
    "BIND": "bind binds binding bound interact interacts interaction interactions complex complexes affinity "
    "ligand receptor",
    "VAR": "mutation mutations mutant variant variants polymorphism polymorphisms allele alleles carriers "
    "substitution heterozygous homozygous",
    "TOX": "toxicity toxic adverse induced overdose poisoning injury damage",
    "NEG": "not no neither nor without",
    "COMB": "combination combined plus together cotreatment coadministration",
    "CMP": "compared versus than superior inferior",
}
_TRIGGERS: dict[str, tuple[str, ...]] = {}
for _label, _words in _TRIGGER_CLASSES.items():
    for _word_ in _words.split():
        _TRIGGERS[_word_] = (*_TRIGGERS.get(_word_, ()), _label)


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention: character offsets, a BioRED entity type and its concept ids."""

    start: int
    end: int
    type: str
    ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PairCandidate:
    """Two concepts of one document and the features that describe them.

    ``id1``/``id2`` are in canonical order (:data:`TYPE_ORDER`, then id).
    ``sentences`` lists the indices of the sentences where both occur;
    ``anchor`` is the (first, second) mention index pair of the closest
    co-occurrence, ``None`` when they never share a sentence.
    """

    id1: str
    id2: str
    type1: str
    type2: str
    features: tuple[str, ...]
    novelty_features: tuple[str, ...]
    sentences: tuple[int, ...]
    anchor: tuple[int, int] | None


def hash_feature(feature: str, buckets: int) -> int:
    """Stable index of ``feature`` in ``range(buckets)`` (CRC-32)."""
    return zlib.crc32(feature.encode("utf-8")) % buckets


def sentence_spans(text: str, boundaries: Iterable[int] = ()) -> list[tuple[int, int]]:
    """Split ``text`` into sentences; ``boundaries`` are forced breaks (end of the title)."""
    cuts = {0, len(text)}
    cuts.update(match.end() for match in _SENTENCE_END.finditer(text))
    cuts.update(b for b in boundaries if 0 < b < len(text))
    ordered = sorted(cuts)
    spans = []
    for start, end in itertools.pairwise(ordered):
        # Trim the whitespace the split left at either side.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def _bucket(value: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


_MEMO_SIZE = 200_000
"""Distinct tokens (and mention texts) whose word (profile) is kept across documents."""
_WORDS: dict[str, str] = {}


def _word(token: str) -> str:
    """A token as a feature word: lower case, each digit a ``0`` (remembered across documents)."""
    word = _WORDS.get(token)
    if word is None:
        if len(_WORDS) >= _MEMO_SIZE:
            _WORDS.clear()
        word = _WORDS[token] = _DIGITS.sub("0", token.lower())
    return word


@dataclass(slots=True)
class _Sentence:
    """A sentence as a sequence of words and mention placeholders (mention indices)."""

    start: int
    end: int
    items: list[str | int]


def _sentences(text: str, mentions: Sequence[Mention], boundaries: Iterable[int]) -> list[_Sentence]:
    spans = sentence_spans(text, boundaries)
    # A sentence break inside a mention is a splitting error: merge the two.
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and any(m.start < start < m.end for m in mentions):
            merged[-1][1] = end
        else:
            merged.append([start, end])
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, -mentions[i].end))
    sentences = []
    cursor = 0
    for start, end in merged:
        items: list[str | int] = []
        position = start
        while cursor < len(order) and mentions[order[cursor]].start < start:
            cursor += 1
        while position < end:
            while cursor < len(order) and mentions[order[cursor]].start < position:
                cursor += 1  # nested or overlapping mention: the outer one won
            if cursor < len(order) and mentions[order[cursor]].start < end:
                mention_start = mentions[order[cursor]].start
            else:
                mention_start = end
            items.extend(map(_word, _TOKEN.findall(text, position, mention_start)))
            if mention_start >= end:
                break
            index = order[cursor]
            items.append(index)
            position = max(mentions[index].end, mention_start + 1)
            cursor += 1
        sentences.append(_Sentence(start, end, items))
    return sentences


def _canonical(a: str, b: str, types: dict[str, str]) -> tuple[str, str]:
    key_a = (TYPE_ORDER.index(types[a]) if types[a] in TYPE_ORDER else len(TYPE_ORDER), a)
    key_b = (TYPE_ORDER.index(types[b]) if types[b] in TYPE_ORDER else len(TYPE_ORDER), b)
    return (a, b) if key_a <= key_b else (b, a)


def document_pairs(
    text: str,
    mentions: Sequence[Mention],
    *,
    allowed_type_pairs: frozenset[tuple[str, str]],
    boundaries: Iterable[int] = (),
    max_pairs: int | None = None,
    require_cooccurrence: bool = False,
) -> list[PairCandidate]:
    """Every candidate concept pair of one document, with its features.

    Parameters
    ----------
    text
        The document text the mention offsets refer to.
    mentions
        Entity mentions (several ids on one mention name several concepts).
    allowed_type_pairs
        Canonically ordered type pairs a relation can join; other pairs are
        not candidates.
    boundaries
        Forced sentence breaks (the end of the title).
    max_pairs
        Keep at most this many pairs (the ones sharing most sentences first),
        which bounds the work on documents with hundreds of entities.
    require_cooccurrence
        Only pairs that share at least one sentence.

    Returns
    -------
    list of PairCandidate
        Sorted by (id1, id2).
    """
    sentences = _sentences(text, mentions, boundaries)
    types: dict[str, str] = {}
    mention_count: Counter[str] = Counter()
    concept_sentences: dict[str, set[int]] = defaultdict(set)
    mention_sentence: dict[int, tuple[int, int]] = {}  # mention -> (sentence, position)
    for s_index, sentence in enumerate(sentences):
        for position, item in enumerate(sentence.items):
            if isinstance(item, int):
                mention_sentence[item] = (s_index, position)
                for concept in mentions[item].ids:
                    types.setdefault(concept, mentions[item].type)
                    mention_count[concept] += 1
                    concept_sentences[concept].add(s_index)
    # Rank of each concept among those of its type: the paper's focus is rank 0.
    rank: dict[str, int] = {}
    by_type: dict[str, list[str]] = defaultdict(list)
    for concept in sorted(types):
        by_type[types[concept]].append(concept)
    for concepts in by_type.values():
        for position, concept in enumerate(sorted(concepts, key=lambda c: (-mention_count[c], c))):
            rank[concept] = position
    concepts = sorted(types)
    raw_pairs = []
    for i, a in enumerate(concepts):
        for b in concepts[i + 1 :]:
            first, second = _canonical(a, b, types)
            if (types[first], types[second]) not in allowed_type_pairs:
                continue
            shared = sorted(concept_sentences[first] & concept_sentences[second])
            if require_cooccurrence and not shared:
                continue
            raw_pairs.append((first, second, shared))
    if max_pairs is not None and len(raw_pairs) > max_pairs:
        raw_pairs.sort(key=lambda p: (-len(p[2]), p[0], p[1]))
        raw_pairs = raw_pairs[:max_pairs]
    profiles = _concept_profiles(text, sentences, mentions)
    context = _DocumentContext(sentences, mentions, mention_sentence, types, mention_count, rank, profiles)
    pairs = [context.pair(first, second, shared, concept_sentences) for first, second, shared in raw_pairs]
    pairs.sort(key=lambda p: (p.id1, p.id2))
    return pairs


def _concept_profiles(
    text: str, sentences: list[_Sentence], mentions: Sequence[Mention]
) -> dict[str, set[str]]:
    """What a document says around each concept, whatever the pair.

    The words of its mentions ("toxicity", "deficiency") and the trigger
    classes and words right next to each mention ("X-induced", "treated
    with X"): a chemical a paper treats with and one it studies as a toxin
    relate differently to the same disease.
    """
    profiles: dict[str, set[str]] = defaultdict(set)
    for sentence in sentences:
        items = sentence.items
        for position, item in enumerate(items):
            if not isinstance(item, int):
                continue
            mention = mentions[item]
            profile = set(_mention_profile(text[mention.start : mention.end]))
            for offset in (-3, -2, -1, 1, 2, 3):
                if 0 <= position + offset < len(items):
                    near = items[position + offset]
                    if isinstance(near, str):
                        profile.update(_neighbour_profile(offset, near))
            for concept in mention.ids:
                profiles[concept].update(profile)
    return profiles


_MENTION_PROFILES: dict[str, tuple[str, ...]] = {}
_NEIGHBOUR_PROFILES: dict[tuple[int, str], tuple[str, ...]] = {}


def _mention_profile(mention_text: str) -> tuple[str, ...]:
    """The profile features of a mention's own words ("mw=toxicity", "mt=TOX"), remembered."""
    found = _MENTION_PROFILES.get(mention_text)
    if found is None:
        profile = []
        for token in _TOKEN.findall(mention_text):
            word = token.lower()
            if word.isalpha() and len(word) > 2:
                profile.append(f"mw={word}")
                profile.extend(f"mt={label}" for label in _TRIGGERS.get(word, ()))
        if len(_MENTION_PROFILES) >= _MEMO_SIZE:
            _MENTION_PROFILES.clear()
        found = _MENTION_PROFILES[mention_text] = tuple(profile)
    return found


def _neighbour_profile(offset: int, near: str) -> tuple[str, ...]:
    """The profile features of a word ``offset`` places from a mention ("l1=with", "lt=TREAT"), remembered."""
    found = _NEIGHBOUR_PROFILES.get((offset, near))
    if found is None:
        side = "l" if offset < 0 else "r"
        profile = [f"{side}1={near}"] if abs(offset) == 1 else []
        profile.extend(f"{side}t={label}" for label in _TRIGGERS.get(near, ()))
        if len(_NEIGHBOUR_PROFILES) >= _MEMO_SIZE:
            _NEIGHBOUR_PROFILES.clear()
        found = _NEIGHBOUR_PROFILES[offset, near] = tuple(profile)
    return found


class _DocumentContext:
    """Per-document state shared by the feature functions of its pairs."""

    def __init__(
        self,
        sentences: list[_Sentence],
        mentions: Sequence[Mention],
        mention_sentence: dict[int, tuple[int, int]],
        types: dict[str, str],
        mention_count: Counter[str],
        rank: dict[str, int],
        profiles: dict[str, set[str]],
    ) -> None:
        self.profiles = profiles
        self.sentences = sentences
        self.mentions = mentions
        self.mention_sentence = mention_sentence
        self.types = types
        self.mention_count = mention_count
        self.rank = rank
        title = sentences[0].items if sentences else []
        self.title_words = sorted({w for w in title if isinstance(w, str) and w.isalpha() and len(w) > 2})
        self._sentence_words: dict[int, _SentenceWords] = {}
        self._sentence_word_features: dict[tuple[int, str], list[str]] = {}
        self._profile_feature_lists: dict[tuple[str, str, str], list[str]] = {}
        self._title_feature_lists: dict[str, list[str]] = {}

    def _words_of(self, s_index: int) -> _SentenceWords:
        words = self._sentence_words.get(s_index)
        if words is None:
            words = _SentenceWords.of(self.sentences[s_index].items, self.mentions)
            self._sentence_words[s_index] = words
        return words

    def _word_features(self, s_index: int, tp: str, words: _SentenceWords) -> list[str]:
        """The ``sw=`` features of a sentence's words for one type pair (its pairs share them)."""
        found = self._sentence_word_features.get((s_index, tp))
        if found is None:
            found = [f for word in words.words for f in (f"sw={word}", f"{tp}|sw={word}")]
            self._sentence_word_features[s_index, tp] = found
        return found

    def _profile_features(self, tp: str, role: str, concept: str) -> list[str]:
        """A concept's profile features in a pair of type pair ``tp`` (its pairs of that type share them)."""
        found = self._profile_feature_lists.get((tp, role, concept))
        if found is None:
            found = [f"{tp}|{role}_{item}" for item in sorted(self.profiles[concept])]
            self._profile_feature_lists[tp, role, concept] = found
        return found

    def _title_features(self, tp: str) -> list[str]:
        """The title-word features of a pair of type pair ``tp`` (the same for every such pair)."""
        found = self._title_feature_lists.get(tp)
        if found is None:
            found = self._title_feature_lists[tp] = [f"{tp}|tw={word}" for word in self.title_words]
        return found

    def _render(self, item: str | int, first: str, second: str) -> str:
        if isinstance(item, str):
            return item
        ids = self.mentions[item].ids
        if first in ids:
            return "@A"
        if second in ids:
            return "@B"
        return "@" + SHORT_TYPE_NAMES.get(self.mentions[item].type, "Other")

    def pair(
        self, first: str, second: str, shared: list[int], concept_sentences: dict[str, set[int]]
    ) -> PairCandidate:
        tp = type_pair_name(self.types[first], self.types[second])
        features = [f"tp={tp}", "bias"]
        for role, concept in (("a", first), ("b", second)):
            features.append(f"{role}_n={_bucket(self.mention_count[concept], (1, 2, 5))}")
            features.append(f"{role}_rank={min(self.rank[concept], 3)}")
            features.append(f"{tp}|{role}_rank={min(self.rank[concept], 3)}")
            features.append(f"{role}_title={0 in concept_sentences[concept]}")
        features.append(f"{tp}|ranks={min(self.rank[first], 2)},{min(self.rank[second], 2)}")
        for role, concept in (("a", first), ("b", second)):
            features.extend(self._profile_features(tp, role, concept))
        # The title states the paper's topic ("X-induced Y"), which types most of its pairs.
        features.extend(self._title_features(tp))
        spread = (len(concept_sentences[first]), len(concept_sentences[second]))
        features.append(f"spread={_bucket(spread[0], (1, 2, 4))},{_bucket(spread[1], (1, 2, 4))}")
        features.append(f"cooc={_bucket(len(shared), (0, 1, 2, 4))}")
        features.append(f"{tp}|cooc={_bucket(len(shared), (0, 1, 2, 4))}")
        novelty = [f"tp={tp}", "bias", f"cooc={_bucket(len(shared), (0, 1, 2, 4))}"]
        # Background knowledge sits in the opening sentences; findings recur to the conclusion.
        novelty.extend(
            f"{role}_{where}"
            for role, concept in (("a", first), ("b", second))
            for where in (
                f"n={_bucket(self.mention_count[concept], (1, 2, 5))}",
                f"rank={min(self.rank[concept], 2)}",
                f"firsts={_bucket(min(concept_sentences[concept]), (0, 1, 2, 4))}",
                f"lasts={len(self.sentences) - 1 - max(concept_sentences[concept]) <= 1}",
            )
        )
        anchor = None
        if not shared:
            gap = min(abs(x - y) for x in concept_sentences[first] for y in concept_sentences[second])
            features.append(f"sgap={_bucket(gap, (1, 2, 4))}")
        else:
            last = len(self.sentences) - 1
            for s_index in shared:
                where = "title" if s_index == 0 else ("last" if s_index == last else "body")
                novelty.append(f"where={where}")
                novelty.append(f"rel={_bucket(int(10 * s_index / max(last, 1)), (2, 5, 8))}")
            best = None
            for s_index in shared:
                sentence_features, sentence_novelty, mention_pair, distance = self._sentence_features(
                    s_index, first, second, tp
                )
                features.extend(sentence_features)
                novelty.extend(sentence_novelty)
                if best is None or distance < best[0]:
                    best = (distance, mention_pair)
            anchor = best[1] if best else None
        return PairCandidate(
            id1=first,
            id2=second,
            type1=self.types[first],
            type2=self.types[second],
            features=tuple(dict.fromkeys(features)),
            novelty_features=tuple(dict.fromkeys(novelty)),
            sentences=tuple(shared),
            anchor=anchor,
        )

    def _sentence_features(
        self, s_index: int, first: str, second: str, tp: str
    ) -> tuple[list[str], list[str], tuple[int, int], int]:
        items = self.sentences[s_index].items
        words = self._words_of(s_index)
        # The sentence as the pair sees it: its own mentions as @A and @B.
        rendered = words.rendered.copy()
        positions_a, positions_b = [], []
        for p, ids in words.mentions:
            if first in ids:
                positions_a.append(p)
                rendered[p] = "@A"
            elif second in ids:
                rendered[p] = "@B"
            if second in ids:
                positions_b.append(p)
        # The closest pair of mentions carries the sentence's relation.
        distance, pa, pb = min(
            ((abs(pa - pb), pa, pb) for pa in positions_a for pb in positions_b if pa != pb),
            default=(0, positions_a[0], positions_b[0]),
        )
        left, right = min(pa, pb), max(pa, pb)
        between = rendered[left + 1 : right]
        order = "ab" if pa < pb else "ba"
        features = [f"order={order}", f"{tp}|order={order}", f"dist={_bucket(distance, (1, 2, 4, 8, 15))}"]
        for word in between:
            features.append(f"bw={word}")
            features.append(f"{tp}|bw={word}")
        between_classes = {label for word in between for label in _TRIGGERS.get(word, ())}
        features.extend(f"{tp}|bt={label}" for label in sorted(between_classes))
        # Placeholders have no trigger class: the sentence's classes are its words'.
        features.extend(f"{tp}|st={label}" for label in sorted(words.classes - between_classes))
        own = len(set(positions_a) | set(positions_b))
        features.append(f"others={_bucket(words.placeholders - own, (0, 1, 3, 6))}")
        for x, y in itertools.pairwise(between):
            features.append(f"bb={x}_{y}")
        if len(between) <= 5:
            features.append(f"bs={order}:{' '.join(between)}")
            features.append(f"{tp}|bs={order}:{' '.join(between)}")
        for offset in (1, 2):
            if left - offset >= 0:
                features.append(f"l{offset}={rendered[left - offset]}")
            if right + offset < len(rendered):
                features.append(f"r{offset}={rendered[right + offset]}")
        # "X-induced", "induced by X": the word next to each entity.
        for role, p in (("A", pa), ("B", pb)):
            if p + 2 < len(rendered) and rendered[p + 1] == "-":
                features.append(f"{tp}|{role}-={rendered[p + 2]}")
            if p - 1 >= 0:
                features.append(f"{role}_prev={rendered[p - 1]}")
        features.extend(self._word_features(s_index, tp, words))
        marks = words.marks | {rendered[p] for p, _ in words.mentions}
        for word in marks:
            features.append(f"sw={word}")
            features.append(f"{tp}|sw={word}")
        novelty = [*words.novelty, *(f"nw={word}" for word in marks)]
        mention_pair = (items[pa], items[pb])
        return features, novelty, mention_pair, distance


@dataclass(slots=True)
class _SentenceWords:
    """What a sentence gives every pair in it, worked out once per document.

    ``rendered`` is the sentence with every mention as ``@<type>`` (a pair
    turns its own into ``@A`` and ``@B``); ``mentions`` the position and
    concepts of each mention; ``words`` its distinct alphabetic words and
    ``marks`` its other words that start with ``@`` (a bare "@"), both for the
    sentence-word features; ``classes`` the trigger classes of its words;
    ``placeholders`` how many of its words start with ``@``; ``novelty`` its
    novelty features that do not depend on the pair.
    """

    rendered: list[str]
    mentions: list[tuple[int, tuple[str, ...]]]
    words: list[str]
    marks: set[str]
    classes: set[str]
    placeholders: int
    novelty: list[str]

    @classmethod
    def of(cls, items: list[str | int], mentions: Sequence[Mention]) -> _SentenceWords:
        rendered: list[str] = []
        placed: list[tuple[int, tuple[str, ...]]] = []
        for position, item in enumerate(items):
            if isinstance(item, str):
                rendered.append(item)
            else:
                rendered.append("@" + SHORT_TYPE_NAMES.get(mentions[item].type, "Other"))
                placed.append((position, mentions[item].ids))
        distinct = set(rendered)
        words = sorted(word for word in distinct if word.isalpha())
        marks = {word for word in distinct if word.startswith("@")} - {rendered[p] for p, _ in placed}
        novelty = [f"nw={word}" for word in words]
        novelty.extend(f"cue={word}" for word in sorted(distinct) if word in _NOVELTY_CUES)
        return cls(
            rendered=rendered,
            mentions=placed,
            words=words,
            marks=marks,
            classes={label for word in distinct for label in _TRIGGERS.get(word, ())},
            placeholders=sum(1 for word in rendered if word.startswith("@")),
            novelty=novelty,
        )
