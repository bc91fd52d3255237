"""Faster inference for the trained models, with the same weights and the same numbers.

Three changes, applied by the ``after_pipeline_creation`` callbacks that
:mod:`kg.nlp.factories` registers (``il6kg.fast_inference.v1`` in the shipped
model's config; ``il6kg.numpy_blas_ops.v1``, the first alone, for models
trained before it):

- :func:`use_numpy_blas`: thinc's CPU backend multiplies matrices with BLIS;
  on the EPYC cores of our machines numpy's OpenBLAS does the same products
  about three times faster, and matrix products are most of the tok2vec's
  time. Every component's model gets thinc's own ``NumpyOps`` with BLIS
  turned off (``use_blis=False``: thinc then calls ``numpy.dot``); every other
  operation is unchanged.
- :func:`embed_token_types_once`: the first layer of spaCy's ``Tok2Vec``
  (``MultiHashEmbed``) gives each token a vector computed from its own
  attributes only (norm, prefix, suffix, shape, tag and word vector), and a
  batch of 32 abstracts has about four tokens per distinct set of attributes
  ("the", "of", "IL-6" ...). Outside training it is computed once per
  distinct set and copied to the tokens: the same numbers (tested), about two
  thirds less of the embedding's work.
- :func:`maxout_without_argmax`: thinc's ``Maxout`` layer takes the largest of
  its pieces with a loop that also records which piece won (for training's
  gradients). Outside training only the largest is needed, and numpy's
  elementwise ``maximum`` of the pieces is the same number (a maximum is
  exact; only a tie of +0.0 and -0.0 may keep the other zero): about 40%
  less time in that step, the tok2vec's second costliest after the matrix
  products (session 18).
- :func:`layernorm_in_one_pass`: thinc's ``LayerNorm`` computes each row's
  mean twice (once for the mean, again inside numpy's ``var``) and subtracts
  it twice. Outside training it is computed once, with the same numpy
  reductions and divisions, and the deviations are reused: the same numbers
  (tested), about 30% less time in the five normalisations (session 19).

The callbacks run when a pipeline is trained and whenever it is loaded; the
weights are those of an ordinary spaCy pipeline and training is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vectors import Mode, Vectors
from thinc.api import Model, NumpyOps
from thinc.layers.layernorm import forward as layernorm_forward
from thinc.layers.maxout import forward as maxout_forward

__all__ = [
    "embed_token_types_once",
    "layernorm_in_one_pass",
    "maxout_without_argmax",
    "use_fast_inference",
    "use_numpy_blas",
]


def use_numpy_blas(nlp: Language) -> Language:
    """Give every thinc model of ``nlp``'s components CPU ops that multiply with numpy; return ``nlp``.

    Models on another backend (a GPU) are left alone.
    """
    ops = NumpyOps(use_blis=False)
    for node in _model_nodes(nlp):
        if type(node.ops) is NumpyOps:
            node.ops = ops
    return nlp


def embed_token_types_once(nlp: Language) -> int:
    """Make each ``MultiHashEmbed`` layer (with word vectors) of ``nlp`` embed a token type once a batch.

    The layer's node keeps its parameters, its children and its place in the
    model (so saving and loading are unchanged); only how it runs outside
    training changes. Layers of another shape are left alone.

    Returns
    -------
    int
        How many layers were changed.
    """
    changed = 0
    for node in _model_nodes(nlp):
        parts = _hash_embed_parts(node)
        if parts is not None and not node.attrs.get("il6kg_types_once"):
            node.attrs["il6kg_types_once"] = True
            node._func = _types_once_forward(node._func, *parts)
            changed += 1
    return changed


def maxout_without_argmax(nlp: Language) -> int:
    """Make each thinc ``Maxout`` layer of ``nlp`` skip the winning pieces' indices outside training.

    The layer's node keeps its parameters and its place in the model; in
    training it runs thinc's own forward pass (which the gradients need).

    Returns
    -------
    int
        How many layers were changed.
    """
    changed = 0
    for node in _model_nodes(nlp):
        if node._func is maxout_forward:  # (not attrs: a saved model keeps its attrs)
            node._func = _max_only_forward
            changed += 1
    return changed


def _max_only_forward(model: Model, inputs: Any, is_train: bool) -> tuple[Any, Callable]:
    """thinc's ``Maxout`` forward pass without the argmax (the same output; inference only)."""
    if is_train:
        return maxout_forward(model, inputs, is_train)
    n_out, n_pieces, n_in = model.get_dim("nO"), model.get_dim("nP"), model.get_dim("nI")
    ops = model.ops
    weights = ops.reshape2f(model.get_param("W"), n_out * n_pieces, n_in)
    scores = ops.gemm(inputs, weights, trans2=True)
    scores += ops.reshape1f(model.get_param("b"), n_out * n_pieces)
    pieces = ops.reshape3f(scores, scores.shape[0], n_out, n_pieces)
    if n_pieces == 1:
        return numpy.ascontiguousarray(pieces[:, :, 0]), _no_backprop
    best = numpy.maximum(pieces[:, :, 0], pieces[:, :, 1])
    for piece in range(2, n_pieces):
        numpy.maximum(best, pieces[:, :, piece], out=best)
    return best, _no_backprop


def layernorm_in_one_pass(nlp: Language) -> int:
    """Make each thinc ``LayerNorm`` layer of ``nlp`` compute its row means once outside training.

    The layer's node keeps its parameters and its place in the model; in
    training it runs thinc's own forward pass.

    Returns
    -------
    int
        How many layers were changed.
    """
    changed = 0
    for node in _model_nodes(nlp):
        if node._func is layernorm_forward:
            node._func = _layernorm_once_forward
            changed += 1
    return changed


def _layernorm_once_forward(model: Model, inputs: Any, is_train: bool) -> tuple[Any, Callable]:
    """thinc's ``LayerNorm`` forward pass with each row's mean and deviations computed once.

    thinc computes ``X.mean(axis=1)`` and ``X.var(axis=1)``; numpy's ``var``
    sums the row, divides by the width and subtracts that mean again. Here
    the same sum and division (an ``intp`` count, as numpy's ``_mean`` and
    ``_var`` divide) give the mean once, and its deviations ``X - mean`` serve
    both the variance and the normalisation: every operation, and its order,
    is thinc's, so the output is the same array (inference only).
    """
    if is_train or getattr(inputs, "ndim", 0) != 2 or inputs.dtype.kind != "f":
        return layernorm_forward(model, inputs, is_train)
    count = numpy.intp(inputs.shape[1])
    mean = numpy.add.reduce(inputs, axis=1, keepdims=True)
    numpy.true_divide(mean, count, out=mean, casting="unsafe")
    outputs = inputs - mean
    variance = numpy.add.reduce(outputs * outputs, axis=1, keepdims=True)
    numpy.true_divide(variance, count, out=variance, casting="unsafe")
    variance += 1e-08
    outputs *= variance ** (-1.0 / 2.0)
    outputs *= model.get_param("G")
    outputs += model.get_param("b")
    return outputs, _no_backprop


def use_fast_inference(nlp: Language) -> Language:
    """Apply :func:`use_numpy_blas`, :func:`embed_token_types_once`, :func:`maxout_without_argmax`
    and :func:`layernorm_in_one_pass`."""
    use_numpy_blas(nlp)
    embed_token_types_once(nlp)
    maxout_without_argmax(nlp)
    layernorm_in_one_pass(nlp)
    return nlp


def _model_nodes(nlp: Language) -> list[Model]:
    nodes: list[Model] = []
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            nodes.extend(model.walk())
    return nodes


def _hash_embed_parts(node: Model) -> tuple[Model, Model, Model, list[Any]] | None:
    """The hash embeddings, word-vector projection and mixing layer of a ``MultiHashEmbed.v2`` node.

    The shape spaCy builds with ``include_static_vectors = true``:
    ``chain(concatenate(chain(extract_features, list2ragged,
    with_array(concatenate(hashembed...))), static_vectors),
    with_array(maxout>>layernorm>>dropout), ragged2list)``. None for any other node.
    """
    names = [layer.name for layer in node.layers]
    if len(names) != 3 or names[2] != "ragged2list" or not names[1].startswith("with_array(maxout"):
        return None
    features_and_vectors, mixing, _ = node.layers
    if len(features_and_vectors.layers) != 2:
        return None
    features, vectors = features_and_vectors.layers
    if vectors.name != "static_vectors" or [layer.name for layer in features.layers][:2] != [
        "extract_features",
        "list2ragged",
    ]:
        return None
    if len(features.layers) != 3 or not features.layers[2].name.startswith("with_array("):
        return None
    hashed = features.layers[2].layers[0]
    columns = list(features.layers[0].attrs["columns"])
    return hashed, vectors, mixing.layers[0], columns


def _types_once_forward(
    original: Callable, hashed: Model, vectors: Model, mixing: Model, columns: list[Any]
) -> Callable:
    def forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[list, Callable]:
        table = docs[0].vocab.vectors if docs else None
        plain = isinstance(table, Vectors) and table.mode in (Mode.floret, Mode.default)
        if is_train or not plain or not sum(len(doc) for doc in docs):
            return original(model, docs, is_train)
        key_attr = getattr(table, "attr", ORTH)
        # One row per token: its hash-embedding attributes, then its word-vector key.
        rows = numpy.concatenate([doc.to_array([*columns, key_attr]) for doc in docs]).astype(numpy.uint64)
        types, token_type = _distinct_rows(rows)
        embedded = _embed(types, hashed, vectors, mixing, table)
        tokens = embedded[token_type.reshape(-1)]
        ends = numpy.cumsum([len(doc) for doc in docs])[:-1]
        return numpy.split(tokens, ends), _no_backprop

    return forward


def _distinct_rows(rows: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """``numpy.unique(rows, axis=0, return_inverse=True)``, faster where the last column decides the rest.

    Tokens of one word (the last column, the word-vector key) nearly always
    share every other attribute: then the distinct words are the distinct
    rows, and sorting one column is much cheaper than sorting rows. A batch
    where a word's token-level attributes (norm, tag) differ takes the row sort.
    """
    _, first, word_of_token = numpy.unique(rows[:, -1], return_index=True, return_inverse=True)
    word_of_token = word_of_token.reshape(-1)
    types = rows[first]
    if numpy.array_equal(types[word_of_token], rows):
        return types, word_of_token
    types, type_of_token = numpy.unique(rows, axis=0, return_inverse=True)
    return types, type_of_token.reshape(-1)


def _embed(
    types: numpy.ndarray, hashed: Model, vectors: Model, mixing: Model, table: Vectors
) -> numpy.ndarray:
    """The embedding of each row of ``types`` as ``MultiHashEmbed`` computes it for a token."""
    ops = vectors.ops
    keys = types[:, -1]
    # As spaCy's StaticVectors: the table's vectors times the learned projection.
    if table.mode == Mode.floret:
        words = ops.as_contig(table.get_batch(keys))
    else:
        found = table.find(keys=keys)
        words = ops.as_contig(ops.asarray(table.data)[found])
    projected = ops.gemm(words, ops.as_contig(vectors.get_param("W")), trans2=True)
    if table.mode == Mode.default:
        projected[found < 0] = 0
    features = numpy.ascontiguousarray(types[:, :-1])
    return mixing.predict(ops.xp.hstack([hashed.predict(features), projected]))


def _no_backprop(_: Any) -> None:
    raise RuntimeError("the token-type embedding runs outside training only")
