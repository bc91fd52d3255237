"""A fast NER: a softmax tagger of BILUO labels with a constrained decode.

spaCy's transition-based NER checks which of its moves are valid at every
token of every document; on abstracts that took as long as the whole
tok2vec. :class:`BiluoEntityTagger` instead scores every token's BILUO tags
(``O``, and ``B-``, ``I-``, ``L-``, ``U-`` of each entity type) in one matrix
product over the tok2vec's output and picks the best *valid* tag sequence by
Viterbi decoding (:func:`viterbi_biluo`): an ``I-X`` or ``L-X`` only after a
``B-X`` or ``I-X``, and a ``B-X``/``I-X`` always closed by ``L-X``. The
entities go to ``doc.ents`` as the spaCy NER's do, so the rest of il6-kg
(:mod:`kg.nlp.combine`, ``kg eval ner``) reads them unchanged.

Training uses the gold entities of each example, aligned to the predicted
tokens; tokens whose annotation is *missing* (a partial corpus, see
:func:`kg.nlp.training.iob_docs`) add nothing to the loss. A corpus that
annotates only some of the model's types can instead say which
(:data:`ANNOTATED_KEY` in the gold doc's ``user_data``, and
:data:`ALIASES_KEY` for labels it merges): each token then has a *set* of
allowed tags (an ``O`` token may also be any tag of a type the corpus does not
annotate) and the loss is ``-log`` of their summed probability
(:func:`allowed_tags`, :meth:`BiluoEntityTagger.get_loss`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import islice
from typing import Any

import numpy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc, Span
from spacy.training import Example, validate_examples, validate_get_examples
from spacy.util import registry
from spacy.vocab import Vocab
from thinc.api import Maxout, Model, Softmax_v2, chain, expand_window, set_dropout_rate, with_array, zero_init
from thinc.types import Floats2d

__all__ = [
    "ALIASES_KEY",
    "ANNOTATED_KEY",
    "BiluoEntityTagger",
    "allowed_tags",
    "biluo_tag_names",
    "build_biluo_tagger",
    "is_valid_biluo",
    "spans_from_tags",
    "viterbi_biluo",
]

#: Order of the four entity tags of one type in the score matrix (after ``O`` at 0).
_PREFIXES = ("B", "I", "L", "U")
# Score of a tag a token cannot take (far below any logit; the Viterbi pads with -1e4 too).
_FORBIDDEN = -1e4

#: ``Doc.user_data`` key of a gold doc: the model labels its corpus annotates. An ``O``
#: token of such a doc may also carry any tag of a model label not listed (the corpus
#: says nothing about those types). Absent: ``O`` means outside every entity.
ANNOTATED_KEY = "kg_ner_annotated"
#: ``Doc.user_data`` key of a gold doc: ``{label: [other labels]}``, the model labels a
#: gold entity of ``label`` may also take (NCBI-disease's "Disease" covers cancers).
ALIASES_KEY = "kg_ner_aliases"


def biluo_tag_names(labels: Sequence[str]) -> list[str]:
    """Return the tag set: ``O``, then ``B-``, ``I-``, ``L-``, ``U-`` of each label in order."""
    return ["O"] + [f"{prefix}-{label}" for label in labels for prefix in _PREFIXES]


@registry.architectures("il6kg.BiluoTagger.v1")
def build_biluo_tagger(
    tok2vec: Model[list[Doc], list[Floats2d]],
    hidden_width: int = 0,
    maxout_pieces: int = 2,
    window_size: int = 0,
    nO: int | None = None,  # noqa: N803 - thinc's name for the output width
) -> Model[list[Doc], list[Floats2d]]:
    """Return tok2vec -> [window + maxout hidden layer] -> linear scores of the BILUO tags.

    Parameters
    ----------
    tok2vec
        The token encoder (usually a ``spacy.Tok2VecListener.v1``).
    hidden_width
        Width of a maxout layer between the encoder and the output; ``0`` for none.
    maxout_pieces
        Pieces of that maxout layer.
    window_size
        Tokens on each side concatenated into the hidden layer's input (with a hidden layer only).
    nO
        Number of tags; inferred at initialisation when ``None``.

    Returns
    -------
    thinc.api.Model
        Maps docs to one ``(n_tokens, n_tags)`` array each: probabilities while
        training, unnormalised scores (the same ranking, cheaper) at prediction.
    """
    width = tok2vec.get_dim("nO") if tok2vec.has_dim("nO") else None
    output = Softmax_v2(nO, init_W=zero_init, normalize_outputs=False)
    if hidden_width:
        layers = []
        if window_size:
            layers.append(expand_window(window_size=window_size))
        n_in = width * (2 * window_size + 1) if width else None
        layers.append(Maxout(hidden_width, n_in, nP=maxout_pieces, dropout=0.0, normalize=True))
        head = chain(*layers, output)
    else:
        head = output
    model = chain(tok2vec, with_array(head))
    model.set_ref("tok2vec", tok2vec)
    model.set_ref("output_layer", output)
    return model


def viterbi_biluo(scores: Sequence[numpy.ndarray]) -> list[list[int]]:
    """Return the best valid BILUO tag sequence of each score matrix.

    Parameters
    ----------
    scores
        One ``(n_tokens, 1 + 4 * n_labels)`` array per document, columns as
        :func:`biluo_tag_names`; log-probabilities or any per-token shift of
        them (the best path is the same).

    Returns
    -------
    list of list of int
        Tag indices; a sequence never opens an entity it does not close and
        never continues one it did not open.
    """
    results: list[list[int]] = [[] for _ in scores]
    # Scores are per token (no transition scores): where every token's best tag already
    # makes a valid sequence, that sequence is the best valid one. Most documents are so.
    hard: list[int] = []
    for i, matrix in enumerate(scores):
        if len(matrix):
            best = matrix.argmax(axis=1)
            if is_valid_biluo(best):
                results[i] = best.tolist()
            else:
                hard.append(i)
    if hard:
        for i, tags in zip(hard, _viterbi([scores[i] for i in hard]), strict=True):
            results[i] = tags
    return results


def is_valid_biluo(tags: numpy.ndarray) -> bool:
    """Whether a tag-index sequence opens only entities it closes and continues only those it opened."""
    prefix = (tags - 1) % 4  # 0 B, 1 I, 2 L, 3 U (meaningless where the tag is O)
    label = (tags - 1) // 4
    inside = tags > 0
    opened = inside & (prefix <= 1)  # B or I: the next tag must continue the same entity
    continues = inside & ((prefix == 1) | (prefix == 2))  # I or L
    if continues[0] or opened[-1]:
        return False
    after_open = opened[:-1]
    # After B/I: I or L of the same label; elsewhere: anything but I or L.
    follows = numpy.where(after_open, continues[1:] & (label[1:] == label[:-1]), ~continues[1:])
    return bool(follows.all())


def _viterbi(scores: Sequence[numpy.ndarray]) -> list[list[int]]:
    """Batched constrained Viterbi over non-empty score matrices.

    The same float32 sums and comparisons, in the same order, as the
    session-18 code (kept in ``tests/test_extraction_speed.py``), with fewer
    numpy calls a step (the states are written in place and the best closing
    tag's index becomes a tag after the loop) and the path traced back over
    plain lists.
    """
    lengths = [len(s) for s in scores]
    n_docs = len(scores)
    n_tags = scores[0].shape[1]
    n_labels = (n_tags - 1) // 4
    # One padded position more than the longest doc, so every path ends on "O".
    longest = max(lengths) + 1
    batch = numpy.full((n_docs, longest, n_tags), -1e4, dtype="float32")
    for row, matrix in enumerate(scores):
        batch[row, : lengths[row]] = matrix
        # Past the end: only "O" is free, so a padded tail never changes the best path.
        batch[row, lengths[row] :, 0] = 0.0
    typed = batch[:, :, 1:].reshape(n_docs, longest, n_labels, 4)
    rows = numpy.arange(n_docs)
    # The states that close an entity or stand outside one in one array, in the order
    # the old code concatenated them (O, L-*, U-*: argmax keeps the first of equal
    # scores), and those inside one (B-*, I-*).
    ends = numpy.empty((n_docs, 1 + 2 * n_labels), dtype="float32")
    outside, last, unit = ends[:, 0], ends[:, 1 : 1 + n_labels], ends[:, 1 + n_labels :]
    outside[:] = batch[:, 0, 0]
    last[:] = -1e9
    unit[:] = typed[:, 0, :, 3]
    begin = typed[:, 0, :, 0].copy()
    inside = numpy.full((n_docs, n_labels), -1e9, dtype="float32")
    best_end = numpy.zeros((longest, n_docs), dtype=numpy.intp)
    from_inside = numpy.zeros((longest, n_docs, n_labels), dtype=bool)
    add, where, greater = numpy.add, numpy.where, numpy.greater
    for t in range(1, longest):
        # Best tag that can precede O, B-* or U-*: O, L-k or U-k (as an index of ``ends``).
        best = ends.argmax(axis=1, out=best_end[t])
        end_score = ends[rows, best]
        column = end_score[:, None]
        # Best tag that can precede I-k or L-k: B-k or I-k.
        stay = greater(inside, begin, out=from_inside[t])
        opened = where(stay, inside, begin)
        step = typed[:, t]
        add(end_score, batch[:, t, 0], out=outside)
        add(column, step[:, :, 0], out=begin)
        add(column, step[:, :, 3], out=unit)
        add(opened, step[:, :, 1], out=inside)
        add(opened, step[:, :, 2], out=last)
    # The index of the best closing state as a tag: O 0, L-k 4k+3, U-k 4k+4.
    from_end = numpy.where(
        best_end == 0, 0, numpy.where(best_end <= n_labels, 4 * best_end - 1, 4 * (best_end - n_labels))
    )
    # The padded tails are "O", so every sequence ends outside an entity.
    results = []
    for row in range(n_docs):
        previous_end = from_end[:, row].tolist()
        stays = from_inside[:, row]
        tag = 0
        tags = [0] * longest
        for t in range(longest - 1, 0, -1):
            tags[t] = tag
            if tag == 0 or (tag - 1) % 4 in (0, 3):
                tag = previous_end[t]
            else:
                label = (tag - 1) // 4
                tag = 4 * label + (2 if stays[t, label] else 1)
        tags[0] = tag
        results.append(tags[: lengths[row]])
    return results


def spans_from_tags(doc: Doc, tags: Sequence[int], labels: Sequence[str]) -> list[Span]:
    """Return the entities of a valid BILUO tag-index sequence (see :func:`viterbi_biluo`)."""
    spans = []
    start = None
    for position, tag in enumerate(tags):
        if tag == 0:
            continue
        label, prefix = divmod(tag - 1, 4)
        if prefix == 0:
            start = position
        elif prefix == 3:
            spans.append(Span(doc, position, position + 1, label=labels[label]))
        elif prefix == 2 and start is not None:
            spans.append(Span(doc, start, position + 1, label=labels[label]))
            start = None
    return spans


class BiluoEntityTagger(TrainablePipe):
    """spaCy component: entities from a BILUO tagger with Viterbi decoding.

    Parameters
    ----------
    vocab
        The pipeline's vocabulary.
    model
        A model mapping docs to per-token tag scores (:func:`build_biluo_tagger`).
    name
        The component's name in the pipeline (``ner`` in il6-kg's models).
    scorer
        Scores ``doc.ents`` during training (``spacy.ner_scorer.v1``).
    """

    def __init__(
        self,
        vocab: Vocab,
        model: Model,
        name: str = "ner",
        *,
        scorer: Callable[..., dict[str, Any]] | None = None,
    ) -> None:
        self.vocab = vocab
        self.model = model
        self.name = name
        self.cfg: dict[str, Any] = {"labels": []}
        self.scorer = scorer

    @property
    def labels(self) -> tuple[str, ...]:
        """The entity types (``Cell``, ``Cancer`` ...)."""
        return tuple(self.cfg["labels"])

    @property
    def label_data(self) -> list[str]:
        """The entity types, for ``spacy init labels``."""
        return list(self.labels)

    @property
    def tag_names(self) -> list[str]:
        """The BILUO tags the model scores, in column order."""
        return biluo_tag_names(self.labels)

    def add_label(self, label: str) -> int:
        """Add an entity type; return 1 if it was new, else 0."""
        if label in self.cfg["labels"]:
            return 0
        self._allow_extra_label()
        self.cfg["labels"].append(label)
        return 1

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]],
        *,
        nlp: Language | None = None,
        labels: list[str] | None = None,
    ) -> None:
        """Collect the entity types of the gold examples and initialise the model."""
        validate_get_examples(get_examples, "BiluoEntityTagger.initialize")
        if labels is None:
            labels = sorted({ent.label_ for example in get_examples() for ent in example.reference.ents})
        for label in labels:
            self.add_label(label)
        self._require_labels()
        doc_sample, label_sample = [], []
        n_tags = len(self.tag_names)
        for example in islice(get_examples(), 10):
            doc_sample.append(example.x)
            label_sample.append(numpy.zeros((len(example.x), n_tags), dtype="float32"))
        self.model.initialize(X=doc_sample, Y=label_sample)

    def predict(self, docs: Iterable[Doc]) -> list[list[int]]:
        """Return the best valid tag-index sequence of each doc."""
        docs = list(docs)
        if not any(len(doc) for doc in docs):
            return [[] for _ in docs]
        scores = [self.model.ops.to_numpy(s) for s in self.model.predict(docs)]
        for doc, doc_scores in zip(docs, scores, strict=True):
            # A whitespace token ("\n\n" between title and abstract) is never part of a name.
            spaces = doc.to_array(IS_SPACE).astype(bool)
            if spaces.any():
                doc_scores[spaces, 1:] = _FORBIDDEN
        return viterbi_biluo(scores)

    def set_annotations(self, docs: Iterable[Doc], tag_ids: list[list[int]]) -> None:
        """Write the decoded entities to ``doc.ents`` (every other token is outside)."""
        labels = self.labels
        for doc, tags in zip(docs, tag_ids, strict=True):
            doc.set_ents(spans_from_tags(doc, tags, labels), default="outside")

    def update(
        self,
        examples: Iterable[Example],
        *,
        drop: float = 0.0,
        sgd: Any = None,
        losses: dict[str, float] | None = None,
    ) -> dict[str, float]:
        """Learn from a batch of examples and return the updated ``losses``."""
        if losses is None:
            losses = {}
        losses.setdefault(self.name, 0.0)
        examples = list(examples)
        validate_examples(examples, "BiluoEntityTagger.update")
        if not any(len(eg.predicted) for eg in examples):
            return losses
        set_dropout_rate(self.model, drop)
        scores, backprop = self.model.begin_update([eg.predicted for eg in examples])
        loss, d_scores = self.get_loss(examples, scores)
        backprop(d_scores)
        if sgd not in (None, False):
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def get_loss(self, examples: Iterable[Example], scores: list[Floats2d]) -> tuple[float, list[Floats2d]]:
        """Cross-entropy of the gold BILUO tags, summed over each token's allowed tags.

        A token may allow several tags (:func:`allowed_tags`): the loss is
        ``-log sum(p[allowed])`` and its gradient on the scores
        ``p - p * allowed / sum(p[allowed])``; with one allowed tag that is the
        usual ``p - onehot``. Tokens with missing annotation add nothing.
        """
        tag_names = self.tag_names
        ops = self.model.ops
        loss = 0.0
        gradients = []
        for example, probs in zip(examples, scores, strict=True):
            probs = ops.to_numpy(probs)
            user_data = example.reference.user_data
            allowed = allowed_tags(
                example.get_aligned_ner(),
                tag_names,
                annotated=user_data.get(ANNOTATED_KEY),
                aliases=user_data.get(ALIASES_KEY),
            )
            known = allowed.any(axis=1)
            single = allowed.sum(axis=1) == 1
            mass = (probs * allowed).sum(axis=1)
            # One allowed tag: the exact one-hot target (bit for bit the earlier loss).
            shared = allowed * probs / numpy.maximum(mass, 1e-30)[:, None]
            target = numpy.where(single[:, None], allowed, shared).astype(probs.dtype)
            gradient = (probs - target) * known[:, None]
            if known.any():
                loss -= float(numpy.log(numpy.maximum(mass[known], 1e-8)).sum())
            gradients.append(ops.asarray2f(gradient))
        return loss, gradients


def allowed_tags(
    gold: Sequence[str | None],
    tag_names: Sequence[str],
    *,
    annotated: Iterable[str] | None = None,
    aliases: Mapping[str, Iterable[str]] | None = None,
) -> numpy.ndarray:
    """Return the tags each token may take, as a boolean ``(n_tokens, n_tags)`` matrix.

    Parameters
    ----------
    gold
        The aligned gold BILUO tag of each token (``Example.get_aligned_ner``);
        ``None``, ``""`` or ``"-"`` for missing annotation (a row of ``False``).
    tag_names
        The model's tags in column order (:func:`biluo_tag_names`).
    annotated
        The model labels the gold corpus annotates; an ``O`` token may also take
        every tag of the model's other labels. ``None``: ``O`` allows only ``O``.
    aliases
        ``{label: labels}``: a gold ``B-label`` also allows ``B-`` of those labels
        (and so on for ``I``, ``L``, ``U``), where the model has them.
    """
    index = {tag: i for i, tag in enumerate(tag_names)}
    allowed = numpy.zeros((len(gold), len(tag_names)), dtype=bool)
    open_columns: list[int] = []
    if annotated is not None:
        annotated = set(annotated)
        open_columns = [i for i, tag in enumerate(tag_names) if tag != "O" and tag[2:] not in annotated]
    for position, tag in enumerate(gold):
        column = index.get(tag) if tag else None
        if column is None:
            continue
        allowed[position, column] = True
        if tag == "O":
            allowed[position, open_columns] = True
        elif aliases:
            prefix, label = tag[:2], tag[2:]
            for other in aliases.get(label, ()):
                other_column = index.get(prefix + other)
                if other_column is not None:
                    allowed[position, other_column] = True
    return allowed
