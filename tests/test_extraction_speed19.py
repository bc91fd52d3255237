"""Session 19's extraction speed-ups give exactly what the code they replace gave.

As in ``tests/test_extraction_speed.py``: each test keeps the replaced
algorithm as a reference and compares it with the new one on small fixtures.
"""

from __future__ import annotations

import numpy
import pytest

from kg.nlp.biluo_ner import _viterbi, is_valid_biluo, viterbi_biluo

# --- the NER's constrained Viterbi ---------------------------------------------------------------


def _old_viterbi(scores: list[numpy.ndarray]) -> list[list[int]]:
    """Session 18's ``kg.nlp.biluo_ner._viterbi``, unchanged."""
    lengths = [len(s) for s in scores]
    results: list[list[int]] = [[] for _ in scores]
    live = list(range(len(scores)))
    n_tags = scores[live[0]].shape[1]
    n_labels = (n_tags - 1) // 4
    longest = max(lengths) + 1
    batch = numpy.full((len(live), longest, n_tags), -1e4, dtype="float32")
    for row, i in enumerate(live):
        batch[row, : lengths[i]] = scores[i]
        batch[row, lengths[i] :, 0] = 0.0
    typed = batch[:, :, 1:].reshape(len(live), longest, n_labels, 4)
    rows = numpy.arange(len(live))
    outside = batch[:, 0, 0].copy()
    begin, inside = typed[:, 0, :, 0].copy(), numpy.full((len(live), n_labels), -1e9, dtype="float32")
    last, unit = numpy.full_like(inside, -1e9), typed[:, 0, :, 3].copy()
    from_end = numpy.zeros((longest, len(live)), dtype=numpy.int64)
    from_inside = numpy.zeros((longest, len(live), n_labels), dtype=bool)
    for t in range(1, longest):
        ends = numpy.concatenate([outside[:, None], last, unit], axis=1)
        best = ends.argmax(axis=1)
        end_score = ends[rows, best]
        closing = numpy.where(best <= n_labels, 4 * best - 1, 4 * (best - n_labels))
        from_end[t] = numpy.where(best == 0, 0, closing)
        stay = inside > begin
        from_inside[t] = stay
        opened = numpy.where(stay, inside, begin)
        step = typed[:, t]
        outside = end_score + batch[:, t, 0]
        begin = end_score[:, None] + step[:, :, 0]
        unit = end_score[:, None] + step[:, :, 3]
        inside = opened + step[:, :, 1]
        last = opened + step[:, :, 2]
    for row, i in enumerate(live):
        tag = 0
        tags = [0] * longest
        for t in range(longest - 1, -1, -1):
            tags[t] = tag
            if t == 0:
                break
            if tag == 0 or (tag - 1) % 4 in (0, 3):
                tag = int(from_end[t, row])
            else:
                label = (tag - 1) // 4
                tag = 4 * label + (2 if from_inside[t, row, label] else 1)
        results[i] = tags[: lengths[i]]
    return results


@pytest.mark.parametrize("labels", [1, 3, 16])
@pytest.mark.parametrize("kind", ["normal", "ties"])
def test_viterbi_gives_the_old_paths(labels: int, kind: str) -> None:
    rng = numpy.random.default_rng(labels)
    n_tags = 1 + 4 * labels
    for _ in range(20):
        lengths = rng.integers(1, 40, size=int(rng.integers(1, 12)))
        if kind == "ties":  # few distinct values: many equal path scores, where argmax order decides
            scores = [rng.integers(-2, 3, size=(n, n_tags)).astype("float32") for n in lengths]
        else:
            scores = [rng.normal(scale=3.0, size=(n, n_tags)).astype("float32") for n in lengths]
        got = _viterbi(scores)
        assert got == _old_viterbi(scores)
        for tags, n in zip(got, lengths, strict=True):
            assert len(tags) == n and is_valid_biluo(numpy.asarray(tags))


def test_viterbi_keeps_a_valid_best_path_and_skips_empty_documents() -> None:
    scores = [numpy.zeros((0, 5), dtype="float32"), numpy.eye(5, dtype="float32")[[1, 2, 3, 0, 4]]]
    assert viterbi_biluo(scores) == [[], [1, 2, 3, 0, 4]]
    forced = numpy.eye(5, dtype="float32")[[2, 0]]  # "I-X" first: not valid, so decoded
    assert viterbi_biluo([forced]) == _old_viterbi([forced])


# --- LayerNorm with the row means computed once ------------------------------------------------


@pytest.mark.parametrize("width", [1, 7, 100, 128])
def test_layernorm_once_gives_thincs_numbers(width: int) -> None:
    from thinc.api import LayerNorm
    from thinc.layers.layernorm import forward as thinc_forward

    from kg.nlp.fast_ops import _layernorm_once_forward

    layer = LayerNorm(nI=width)
    layer.initialize()
    rng = numpy.random.default_rng(width)
    layer.set_param("G", rng.normal(size=width).astype("f"))
    layer.set_param("b", rng.normal(size=width).astype("f"))
    for scale, shift in ((1.0, 0.0), (40.0, 7.5), (1e-3, -2.0)):
        inputs = (rng.normal(size=(300, width)) * scale + shift).astype("f")
        inputs[0] = 1.25  # a constant row: variance 0, only the epsilon
        expected, _ = thinc_forward(layer, inputs, False)
        got, _ = _layernorm_once_forward(layer, inputs, False)
        assert got.dtype == expected.dtype and got.shape == expected.shape
        assert numpy.array_equal(got, expected)
    _, backprop = _layernorm_once_forward(layer, inputs, True)  # training: thinc's own
    backprop(numpy.ones_like(expected))
    assert layer.has_grad("G")


def test_pipeline_layernorms_are_changed_once() -> None:
    import spacy

    from kg.nlp.fast_ops import _layernorm_once_forward, layernorm_in_one_pass

    nlp = spacy.blank("en")
    nlp.add_pipe("tok2vec")
    nlp.initialize()
    docs = [nlp.make_doc("IL-6 trans-signalling via sIL-6R in the tumour ."), nlp.make_doc("STAT3")]
    expected = nlp.get_pipe("tok2vec").model.predict(docs)
    assert layernorm_in_one_pass(nlp) == 5  # the embedding's mixing layer and four encoder layers
    assert layernorm_in_one_pass(nlp) == 0
    nodes = [n for n in nlp.get_pipe("tok2vec").model.walk() if n.name == "layernorm"]
    assert nodes and all(node._func is _layernorm_once_forward for node in nodes)
    got = nlp.get_pipe("tok2vec").model.predict(docs)
    assert all(numpy.array_equal(a, b) for a, b in zip(got, expected, strict=True))


# --- floret vectors: each word's rows gathered and averaged a chunk of words at a time -------------


@pytest.mark.parametrize("chunk", [1, 5, 64, 4096])
def test_chunked_row_means_are_one_reduce_mean(monkeypatch, chunk: int) -> None:
    from thinc.api import NumpyOps

    from kg.nlp import static_vectors

    monkeypatch.setattr(static_vectors, "_ROWS_PER_CHUNK", chunk)
    rng = numpy.random.default_rng(chunk)
    data = rng.normal(size=(97, 8)).astype("float32")
    lengths = [int(n) for n in rng.integers(1, 12, size=40)] + [30]  # the last longer than a chunk
    indices = [int(i) for i in rng.integers(0, 97, size=sum(lengths))]
    gathered = data[numpy.asarray(indices, dtype="int32")]
    expected = NumpyOps().reduce_mean(gathered, numpy.asarray(lengths, dtype="int32"))
    got = static_vectors._mean_rows(data, indices, lengths)
    assert got.dtype == expected.dtype and got.flags.c_contiguous
    assert numpy.array_equal(got, expected)


# --- the dictionary matcher's remembered groundings of a run ---------------------------------------


def test_remembered_run_groundings_give_the_old_candidates(monkeypatch) -> None:
    from matcher_stubs import sentence_matcher

    from kg.lexicon.store import chemical_roles

    nlp = sentence_matcher()
    matcher = nlp.get_pipe("kg_vocabulary_ner")
    texts = [
        "Analgesics and antioxidants were given as tablets to IL-6 deficient mice with tumour necrosis.",
        "Calcium channel blockers reduced IL-6 and TNF-alpha in dendritic cells of colitis patients.",
        "Placebos and cDNA: tumour suppressor p53 and oestrogen receptor in breast cancer cells.",
    ]
    docs = [nlp.make_doc(text) for text in texts]
    for doc in docs:
        for _name, component in nlp.pipeline[:-1]:
            doc = component(doc)
    new = [matcher._candidates(doc) for doc in docs + docs]  # the second round from the memo
    assert matcher._grounded_runs
    lexicon = matcher.lexicon
    monkeypatch.setattr(matcher, "_grounded", lambda run: chemical_roles(lexicon.lookup(run)))
    old = [matcher._candidates(doc) for doc in docs + docs]
    assert new == old
    assert any(c.groundings[0].category == "biolink:ChemicalRole" for found, _ in new for c in found)
