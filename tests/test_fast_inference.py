"""The trained models' inference shortcuts give exactly the numbers of spaCy's own layers."""

from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.language import Language
from spacy.vectors import Vectors
from thinc.layers.chain import forward as chain_forward

import kg.nlp.factories  # noqa: F401 - registers the callbacks
from kg.nlp.fast_ops import _distinct_rows, embed_token_types_once

TEXT = "IL-6 and IL-6R: IL-6 trans-signalling via sIL-6R in the tumour, and the IL-6 of the tumour ."


def _tok2vec_pipeline(mode: str, *, static_vectors: bool = True) -> Language:
    nlp = spacy.blank("en")
    rng = numpy.random.default_rng(5)
    if mode == "floret":
        settings = {"mode": "floret", "minn": 2, "maxn": 4, "hash_count": 2, "hash_seed": 7}
        nlp.vocab.vectors = Vectors(
            strings=nlp.vocab.strings, data=rng.normal(size=(40, 8)).astype("f"), **settings
        )
    else:  # a table: words it lacks get a zero vector
        nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, shape=(4, 8))
        for word in ("IL-6", "tumour", "the"):
            nlp.vocab.set_vector(word, rng.normal(size=8).astype("f"))
    embed = {
        "@architectures": "spacy.MultiHashEmbed.v2",
        "width": 16,
        "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
        "rows": [100, 50, 50, 50],
        "include_static_vectors": static_vectors,
    }
    encode = {
        "@architectures": "spacy.MaxoutWindowEncoder.v2",
        "width": 16,
        "depth": 1,
        "window_size": 1,
        "maxout_pieces": 2,
    }
    nlp.add_pipe(
        "tok2vec", config={"model": {"@architectures": "spacy.Tok2Vec.v2", "embed": embed, "encode": encode}}
    )
    nlp.initialize()
    return nlp


@pytest.mark.parametrize("mode", ["floret", "default"])
def test_each_token_type_embedded_once_gives_the_same_numbers(mode: str) -> None:
    nlp = _tok2vec_pipeline(mode)
    docs = [nlp.make_doc(TEXT), nlp.make_doc("the tumour"), nlp.make_doc(TEXT)]
    docs[2][0].norm_ = "interleukin-6"  # a token-level norm: one "IL-6" differs from the others
    embed = nlp.get_pipe("tok2vec").model.layers[0]
    expected = embed.predict(docs)
    assert embed_token_types_once(nlp) == 1
    assert embed_token_types_once(nlp) == 0  # already done
    got = embed.predict(docs)
    assert [a.shape for a in got] == [a.shape for a in expected]
    assert all(numpy.array_equal(a, b) for a, b in zip(got, expected, strict=True))
    assert not numpy.array_equal(got[2][0], got[0][0])  # the norm counted


def test_training_runs_spacys_own_layers() -> None:
    nlp = _tok2vec_pipeline("floret")
    embed_token_types_once(nlp)
    model = nlp.get_pipe("tok2vec").model
    docs = [nlp.make_doc(TEXT)]
    vectors, backprop = model.begin_update(docs)  # training: gradients flow as without the change
    backprop([numpy.ones_like(v) for v in vectors])
    mixing = [node for node in model.layers[0].walk() if node.name == "maxout"]
    assert len(mixing) == 1 and mixing[0].has_grad("W")


def test_other_embeddings_are_left_alone() -> None:
    nlp = _tok2vec_pipeline("floret", static_vectors=False)
    assert embed_token_types_once(nlp) == 0


def test_distinct_rows_match_numpys_unique() -> None:
    rows = numpy.asarray([[1, 7, 3], [2, 8, 4], [1, 7, 3], [5, 8, 4], [1, 9, 3]], dtype="uint64")
    types, inverse = _distinct_rows(rows)
    assert numpy.array_equal(types[inverse], rows)
    expected, _ = numpy.unique(rows, axis=0, return_inverse=True)
    assert numpy.array_equal(types, expected)  # key 4 comes with two different rows: the row sort
    consistent = rows[[0, 2, 1, 1]]
    types, inverse = _distinct_rows(consistent)
    assert len(types) == 2 and numpy.array_equal(types[inverse], consistent)


def test_the_shipped_model_embeds_each_token_type_once(nlp) -> None:
    tok2vec = nlp.get_pipe("tok2vec")
    embed = tok2vec.model.layers[0]
    assert embed.attrs.get("il6kg_types_once")
    docs = [nlp.make_doc(TEXT), nlp.make_doc("Tocilizumab blocks IL-6R on CD8+ T cells .")]
    for doc in docs:
        for _, component in nlp.pipeline[:2]:  # sentences and lexicon features, as the pipeline runs them
            component(doc)
    expected, _ = chain_forward(embed, docs, False)
    got = embed.predict(docs)
    # The mixing layer multiplies fewer rows than spaCy's own pass does; BLIS's kernels for some
    # CPUs (an AMD EPYC in session 20) round a row's sums differently at another row count, by
    # at most a few units in the sixth decimal. Elsewhere the two are bit for bit equal.
    assert all(numpy.allclose(a, b, rtol=1e-5, atol=1e-5) for a, b in zip(got, expected, strict=True))
    assert max(float(numpy.abs(a - b).max()) for a, b in zip(got, expected, strict=True)) < 1e-5
