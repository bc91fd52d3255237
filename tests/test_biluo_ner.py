"""The BILUO tagger NER: constrained Viterbi decoding, training with missing labels, saving."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy
import spacy
from spacy.tokens import Doc, Span
from spacy.training import Example

import kg.nlp.factories  # noqa: F401 - registers kg_biluo_ner
from kg.nlp.biluo_ner import biluo_tag_names, spans_from_tags, viterbi_biluo

LABELS = ["Cell", "Gene"]
NAMES = biluo_tag_names(LABELS)


def _valid(sequence: tuple[int, ...]) -> bool:
    open_label = None
    for tag in sequence:
        name = NAMES[tag]
        prefix, label = name[0], name[2:]
        if prefix in "IL":
            if open_label != label:
                return False
        elif open_label is not None:
            return False
        open_label = label if prefix in "BI" else None
    return open_label is None


def _brute_force(scores: numpy.ndarray) -> tuple[int, ...]:
    candidates = (seq for seq in itertools.product(range(len(NAMES)), repeat=len(scores)) if _valid(seq))
    return max(candidates, key=lambda seq: sum(scores[i, tag] for i, tag in enumerate(seq)))


def test_tag_names() -> None:
    assert NAMES == ["O", "B-Cell", "I-Cell", "L-Cell", "U-Cell", "B-Gene", "I-Gene", "L-Gene", "U-Gene"]


def test_viterbi_finds_the_best_valid_sequence() -> None:
    rng = numpy.random.default_rng(7)
    for _ in range(150):
        length = int(rng.integers(1, 5))
        scores = rng.normal(size=(length, len(NAMES))).astype("float32")
        # Decoded in a batch with a longer and an empty document, as in the pipeline.
        longer = rng.normal(size=(7, len(NAMES))).astype("float32")
        empty = numpy.zeros((0, len(NAMES)), dtype="float32")
        decoded = viterbi_biluo([scores, longer, empty])
        assert tuple(decoded[0]) == _brute_force(scores)
        assert _valid(tuple(decoded[1])) and len(decoded[1]) == 7
        assert decoded[2] == []


def test_viterbi_never_leaves_an_entity_open() -> None:
    # The best tag of every token alone would be B-Gene B-Gene I-Cell: invalid.
    scores = numpy.full((3, len(NAMES)), -5.0, dtype="float32")
    scores[0, NAMES.index("B-Gene")] = 0.0
    scores[1, NAMES.index("B-Gene")] = 0.0
    scores[1, NAMES.index("L-Gene")] = -0.5
    scores[2, NAMES.index("I-Cell")] = 0.0
    scores[2, NAMES.index("O")] = -1.0
    (tags,) = viterbi_biluo([scores])
    assert [NAMES[t] for t in tags] == ["B-Gene", "L-Gene", "O"]


def test_spans_from_tags() -> None:
    doc = Doc(spacy.blank("en").vocab, words=["IL-6", "in", "T", "cells"])
    tags = [NAMES.index(n) for n in ("U-Gene", "O", "B-Cell", "L-Cell")]
    assert [(s.text, s.label_) for s in spans_from_tags(doc, tags, LABELS)] == [
        ("IL-6", "Gene"),
        ("T cells", "Cell"),
    ]


def _pipeline() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("kg_biluo_ner", name="ner")
    return nlp


def _example(nlp, words: list[str], ents: list[tuple[int, int, str]], missing: bool = False) -> Example:
    reference = Doc(nlp.vocab, words=words)
    spans = [Span(reference, s, e, label=label) for s, e, label in ents]
    reference.set_ents(spans, default="missing" if missing else "outside")
    return Example(Doc(nlp.vocab, words=words), reference)


def test_training_learns_and_the_model_round_trips(tmp_path: Path) -> None:
    nlp = _pipeline()
    examples = [
        _example(nlp, ["IL-6", "acts", "on", "T", "cells", "."], [(0, 1, "Gene"), (3, 5, "Cell")]),
        _example(nlp, ["STAT3", "in", "B", "cells", "."], [(0, 1, "Gene"), (2, 4, "Cell")]),
        _example(nlp, ["Mice", "lack", "IL-6", "."], [(2, 3, "Gene")]),
    ]
    optimizer = nlp.initialize(lambda: examples)
    assert nlp.get_pipe("ner").labels == ("Cell", "Gene")
    for _ in range(60):
        nlp.update(examples, sgd=optimizer)
    doc = nlp("STAT3 acts on T cells .")
    assert [(e.text, e.label_) for e in doc.ents] == [("STAT3", "Gene"), ("T cells", "Cell")]
    nlp.to_disk(tmp_path / "model")
    again = spacy.load(tmp_path / "model")
    assert again.get_pipe("ner").labels == ("Cell", "Gene")
    assert [(e.text, e.label_) for e in again("STAT3 acts on T cells .").ents] == [
        ("STAT3", "Gene"),
        ("T cells", "Cell"),
    ]


def test_missing_annotation_adds_no_gradient() -> None:
    nlp = _pipeline()
    partial = _example(nlp, ["IL-6", "in", "T", "cells"], [(0, 1, "Gene")], missing=True)
    full = _example(nlp, ["IL-6", "in", "T", "cells"], [(0, 1, "Gene"), (2, 4, "Cell")])
    nlp.initialize(lambda: [full])
    ner = nlp.get_pipe("ner")
    scores = ner.model.predict([partial.predicted])
    _, (gradient,) = ner.get_loss([partial], scores)
    assert numpy.abs(gradient[0]).sum() > 0  # "IL-6" is annotated
    assert not numpy.abs(gradient[1:]).any()  # the rest is missing, not "O"
    _, (gradient,) = ner.get_loss([full], scores)
    assert numpy.abs(gradient[1:]).sum() > 0
