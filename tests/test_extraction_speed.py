"""Session 18's extraction speed-ups give exactly what the code they replace gave.

Each test keeps the replaced algorithm as a reference and compares it with the
new one on small fixtures: the relation model's features and scores, the
lexicon's remembered look-ups, thinc's maxout layer without the argmax and the
floret vectors built from remembered n-grams.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import chain, count
from zlib import crc32

import numpy
import pytest
import spacy
from spacy.strings import StringStore
from spacy.vectors import Vectors
from thinc.api import Maxout, NumpyOps

from kg.lexicon.store import Lexicon
from kg.relation_model import features
from kg.relation_model.features import Mention, document_pairs
from kg.relation_model.model import LinearWeights, load_default_model

# --- the relation model's features ---------------------------------------------------------

TEXT = (
    "Cisplatin-induced nephrotoxicity in mice lacking IL-6. "
    "Treatment with cisplatin increased IL-6 and TNF-alpha 2-fold in the kidney, and IL-6 "
    "deficiency protected mice from acute kidney injury. "
    "Tocilizumab, an antibody against the IL-6 receptor, reduced renal damage (P<0.05)."
)


def _mentions(text: str) -> list[Mention]:
    names = {
        "Cisplatin": ("ChemicalEntity", "MESH:D002945"),
        "cisplatin": ("ChemicalEntity", "MESH:D002945"),
        "nephrotoxicity": ("DiseaseOrPhenotypicFeature", "MESH:D007674"),
        "IL-6": ("GeneOrGeneProduct", "NCBIGene:3569"),
        "TNF-alpha": ("GeneOrGeneProduct", "NCBIGene:7124"),
        "acute kidney injury": ("DiseaseOrPhenotypicFeature", "MESH:D058186"),
        "Tocilizumab": ("ChemicalEntity", "MESH:C502936"),
        "IL-6 receptor": ("GeneOrGeneProduct", "NCBIGene:3570"),
        "renal damage": ("DiseaseOrPhenotypicFeature", "MESH:D007674"),
    }
    found = []
    for name, (kind, curie) in names.items():
        for match in re.finditer(re.escape(name), text):
            found.append(Mention(match.start(), match.end(), kind, (curie,)))
    return sorted(found, key=lambda m: (m.start, -m.end))


def _old_word(token: str) -> str:
    return re.sub(r"\d", "0", token.lower())


def _old_concept_profiles(text, sentences, mentions):  # the code before session 18
    profiles = defaultdict(set)
    for sentence in sentences:
        items = sentence.items
        for position, item in enumerate(items):
            if not isinstance(item, int):
                continue
            mention = mentions[item]
            profile = set()
            for match in features._TOKEN.finditer(text, mention.start, mention.end):
                word = match.group().lower()
                if word.isalpha() and len(word) > 2:
                    profile.add(f"mw={word}")
                    profile.update(f"mt={label}" for label in features._TRIGGERS.get(word, ()))
            for offset in (-3, -2, -1, 1, 2, 3):
                if 0 <= position + offset < len(items):
                    near = items[position + offset]
                    if isinstance(near, str):
                        side = "l" if offset < 0 else "r"
                        if abs(offset) == 1:
                            profile.add(f"{side}1={near}")
                        profile.update(f"{side}t={label}" for label in features._TRIGGERS.get(near, ()))
            for concept in mention.ids:
                profiles[concept].update(profile)
    return profiles


@pytest.mark.parametrize("token", ["IL", "6", "2019", "x", "-", "Tocilizumab", "²", "İ", "α"])
def test_remembered_words_are_the_words(token: str) -> None:
    features._WORDS.clear()
    assert features._word(token) == _old_word(token)
    assert features._word(token) == _old_word(token)  # read back


def test_concept_profiles_are_the_old_ones() -> None:
    mentions = _mentions(TEXT)
    sentences = features._sentences(TEXT, mentions, [55])
    expected = _old_concept_profiles(TEXT, sentences, mentions)
    for _ in range(2):  # computed, then remembered
        assert dict(features._concept_profiles(TEXT, sentences, mentions)) == dict(expected)
    # The sentences' words too: each token of the text outside mentions, as the old code cut them.
    words = [item for sentence in sentences for item in sentence.items if isinstance(item, str)]
    assert "0" in words and "fold" in words and "p" in words


def test_document_pairs_are_those_of_the_old_feature_code(monkeypatch) -> None:
    model = load_default_model()
    mentions = _mentions(TEXT)

    def pairs() -> list:
        return document_pairs(TEXT, mentions, allowed_type_pairs=model.allowed_type_pairs, boundaries=[55])

    new = pairs()
    assert len(new) >= 6 and all(len(p.features) == len(set(p.features)) for p in new)
    assert pairs() == new  # again, from what was remembered
    # The old code: words and profiles worked out at each use, feature blocks built for each pair.
    monkeypatch.setattr(features, "_word", _old_word)
    monkeypatch.setattr(features, "_concept_profiles", _old_concept_profiles)
    monkeypatch.setattr(
        features._DocumentContext,
        "_profile_features",
        lambda self, tp, role, concept: [f"{tp}|{role}_{item}" for item in sorted(self.profiles[concept])],
    )
    monkeypatch.setattr(
        features._DocumentContext,
        "_title_features",
        lambda self, tp: [f"{tp}|tw={w}" for w in self.title_words],
    )
    assert pairs() == new


def _old_scores(weights: LinearWeights, feature_sets, buckets: int) -> numpy.ndarray:
    """LinearWeights.scores before session 18 (binary search of the index)."""
    n_rows = len(feature_sets)
    out = numpy.tile(weights.bias.astype(numpy.float64), (n_rows, 1))
    all_features = list(chain.from_iterable(feature_sets))
    positions = dict(zip(dict.fromkeys(all_features), count()))
    codes = numpy.fromiter(map(positions.__getitem__, all_features), dtype=numpy.int64)
    hashed = numpy.fromiter((crc32(f.encode("utf-8")) for f in positions), dtype=numpy.int64) % buckets
    rows = numpy.repeat(numpy.arange(n_rows, dtype=numpy.int64), [len(f) for f in feature_sets])
    keys = numpy.unique(rows * buckets + hashed[codes])
    rows, ids = numpy.divmod(keys, buckets)
    where = numpy.searchsorted(weights.index, ids)
    inside = where < len(weights.index)
    present = numpy.zeros(len(ids), dtype=bool)
    present[inside] = weights.index[where[inside]] == ids[inside]
    if present.any():
        found = weights.weights[where[present]].astype(numpy.float64)
        for column in range(out.shape[1]):
            out[:, column] += numpy.bincount(rows[present], weights=found[:, column], minlength=n_rows)
    return out


def test_scores_by_bucket_table_equal_the_binary_search() -> None:
    rng = numpy.random.default_rng(18)
    buckets = 64
    index = numpy.sort(rng.choice(buckets, size=20, replace=False)).astype(numpy.int64)
    weights = LinearWeights(index, rng.normal(size=(20, 3)).astype(numpy.float16), rng.normal(size=3))
    vocabulary = [f"w={i}" for i in range(200)]
    feature_sets = [list(rng.choice(vocabulary, size=size)) for size in (0, 1, 7, 40, 120)]
    for _ in range(2):  # the tables are built, then reused
        assert numpy.array_equal(
            weights.scores(feature_sets, buckets), _old_scores(weights, feature_sets, buckets)
        )
    # The shipped model, on the fixture's pairs: the same logits to the bit.
    model = load_default_model()
    pairs = model.pairs(TEXT, _mentions(TEXT), boundaries=[55])
    sets = [p.features for p in pairs]
    assert numpy.array_equal(
        model.relation.scores(sets, model.buckets), _old_scores(model.relation, sets, model.buckets)
    )


def test_a_bucket_listed_twice_reads_its_first_row() -> None:
    weights = LinearWeights(
        numpy.array([3, 5, 5, 9]), numpy.arange(8, dtype=numpy.float16).reshape(4, 2), numpy.zeros(2)
    )
    hashed = {f: crc32(f.encode("utf-8")) % 16 for f in (f"f{i}" for i in range(200))}
    on_five = next(f for f, bucket in hashed.items() if bucket == 5)
    assert numpy.array_equal(weights.scores([[on_five]], 16), _old_scores(weights, [[on_five]], 16))


# --- the lexicon's remembered look-ups -------------------------------------------------------


def test_lookup_is_remembered_as_a_fresh_list() -> None:
    from kg.lexicon.normalize import cased_key

    lexicon = Lexicon(None)  # the curated vocabulary alone
    name = cased_key("IL-6")
    first = lexicon.lookup(name)
    assert first and first == lexicon._lookup(name, features_stoplists())
    first.clear()  # a caller changing its list changes nothing kept
    assert lexicon.lookup(name) == lexicon._lookup(name, features_stoplists())
    assert name in lexicon._lookup_memo
    # Other stop lists are not remembered (nor answered from what was).
    empty: frozenset[str] = frozenset()
    assert lexicon.lookup(name, stoplist=empty, symbol_stoplist=empty)
    assert len(lexicon._lookup_memo) == 1
    assert lexicon.lookup(cased_key("no such name at all")) == []


def features_stoplists() -> tuple[frozenset[str], frozenset[str]]:
    from kg.lexicon.stoplist import STOPLIST, SYMBOL_STOPLIST

    return STOPLIST, SYMBOL_STOPLIST


# --- maxout without the argmax -----------------------------------------------------------------


@pytest.mark.parametrize("pieces", [1, 2, 3])
def test_maxout_without_argmax_gives_thincs_numbers(pieces: int) -> None:
    from thinc.layers.maxout import forward as thinc_forward

    from kg.nlp.fast_ops import _max_only_forward

    layer = Maxout(nO=16, nI=24, nP=pieces)
    layer.ops = NumpyOps(use_blis=False)
    layer.initialize()
    rng = numpy.random.default_rng(pieces)
    layer.set_param("b", rng.normal(size=layer.get_param("b").shape).astype("f"))
    inputs = rng.normal(size=(50, 24)).astype("f")
    expected, _ = thinc_forward(layer, inputs, False)
    got, _ = _max_only_forward(layer, inputs, False)
    assert got.dtype == expected.dtype and got.flags.c_contiguous
    assert numpy.array_equal(got, expected)
    _, backprop = _max_only_forward(layer, inputs, True)  # training: thinc's own, with gradients
    backprop(numpy.ones_like(expected))
    assert layer.has_grad("W")


def test_pipeline_maxouts_are_changed_once() -> None:
    from kg.nlp.fast_ops import _max_only_forward, maxout_without_argmax

    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    nlp.initialize()
    docs = [nlp.make_doc("IL-6 trans-signalling via sIL-6R in the tumour .")]
    expected = nlp.get_pipe("tok2vec").model.predict(docs)
    assert maxout_without_argmax(nlp) == 5  # the embedding's mixing layer and four encoder layers
    assert maxout_without_argmax(nlp) == 0
    nodes = [n for n in nlp.get_pipe("tok2vec").model.walk() if n.name == "maxout"]
    assert all(node._func is _max_only_forward for node in nodes)
    got = nlp.get_pipe("tok2vec").model.predict(docs)
    assert all(numpy.array_equal(a, b) for a, b in zip(got, expected, strict=True))


# --- floret vectors from remembered n-grams --------------------------------------------------


def test_floret_vectors_from_remembered_ngrams_are_spacys() -> None:
    from kg.nlp.static_vectors import CachedFloretVectors

    strings = StringStore()
    words = ["IL-6", "STAT3", "cells", "the", "zorbafenib", "interleukin", "IL-6R", "α-synuclein"]
    keys = numpy.asarray([strings.add(word) for word in words], dtype="uint64")
    settings = {"mode": "floret", "minn": 3, "maxn": 6, "hash_count": 2, "hash_seed": 11}
    data = numpy.random.default_rng(4).normal(size=(97, 8)).astype("float32")
    plain = Vectors(strings=strings, data=data, **settings)
    cached = CachedFloretVectors(strings=strings, data=data.copy(), max_cached=2, **settings)
    expected = plain.get_batch(keys)
    for _ in range(3):  # n-grams hashed, then remembered (only two words' vectors are kept)
        assert numpy.array_equal(cached.get_batch(keys), expected)
    assert numpy.array_equal(cached._build(keys), plain.get_batch(keys))
    assert "<th" in cached._ngram_rows


# --- the relation rules' sentences and patterns ------------------------------------------------


def _old_claim_sentences(doc, max_entities):  # the code before session 18
    all_entities = doc.ents
    for sentence in doc.sents:
        entities = [
            ent
            for ent in all_entities
            if ent.kb_id_ and ent.start >= sentence.start and ent.end <= sentence.end
        ]
        if 2 <= len(entities) <= max_entities:
            yield sentence, entities


def test_claim_sentences_are_the_old_ones() -> None:
    from spacy.tokens import Span

    from kg.nlp.relations import claim_sentences

    nlp = spacy.blank("en")
    doc = nlp.make_doc(
        "IL-6 activates STAT3 in cells . TNF and IL-1 and IL-6 act . Only IL-6 here . A B C D ."
    )
    for token in doc:
        token.is_sent_start = token.i == 0 or doc[token.i - 1].text == "."
    words = {
        "IL-6": "HGNC:6018",
        "STAT3": "HGNC:11364",
        "TNF": "HGNC:11892",
        "IL-1": "",
        "A": "X:1",
        "B": "X:2",
    }
    doc.ents = [
        Span(doc, t.i, t.i + 1, label="biolink:Gene", kb_id=words[t.text]) for t in doc if t.text in words
    ]
    for limit in (2, 3, 60):
        got = [(s.start, [e.start for e in ents]) for s, ents in claim_sentences(doc, limit)]
        expected = [(s.start, [e.start for e in ents]) for s, ents in _old_claim_sentences(doc, limit)]
        assert got == expected
    assert [len(ents) for _, ents in claim_sentences(doc, 60)] == [2, 2, 2]  # IL-1 has no identifier


def test_patterns_for_a_label_pair_keep_their_order() -> None:
    from kg.nlp import patterns

    labels = [*sorted({label for p in patterns._PATTERNS for label in p.first | p.second}), "biolink:Other"]
    for first in labels:
        for second in labels:
            fitting = patterns._patterns_for(first, second)
            assert list(fitting) == [p for p in patterns._PATTERNS if first in p.first and second in p.second]
