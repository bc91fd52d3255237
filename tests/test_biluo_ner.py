"""The BILUO tagger NER: constrained Viterbi decoding, training with missing labels, saving."""

from __future__ import annotations

import itertools
import logging
from pathlib import Path

import numpy
import spacy
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import fix_random_seed
from thinc.api import Model

import kg.nlp.factories  # noqa: F401 - registers kg_biluo_ner
from kg.nlp.biluo_ner import (
    ALIASES_KEY,
    ANNOTATED_KEY,
    allowed_tags,
    biluo_tag_names,
    is_valid_biluo,
    spans_from_tags,
    viterbi_biluo,
)

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


def test_validity_check_agrees_with_the_definition() -> None:
    for length in (1, 2, 3):
        for sequence in itertools.product(range(len(NAMES)), repeat=length):
            assert is_valid_biluo(numpy.array(sequence)) == _valid(sequence), sequence


def test_viterbi_on_sharp_scores_matches_brute_force() -> None:
    # Confident scores (as a trained model gives) mostly make every token's best tag a valid
    # sequence, which decoding returns without the Viterbi pass; the others take it.
    rng = numpy.random.default_rng(11)
    valid = {n: [s for s in itertools.product(range(len(NAMES)), repeat=n) if _valid(s)] for n in range(1, 5)}
    shortcut = 0
    for _ in range(200):
        length = int(rng.integers(1, 5))
        scores = rng.normal(scale=0.3, size=(length, len(NAMES))).astype("float32")
        truth = numpy.array(valid[length][int(rng.integers(len(valid[length])))])
        scores[numpy.arange(length), truth] += 3.0 * (rng.random() < 0.8)
        shortcut += _valid(tuple(scores.argmax(axis=1)))
        assert tuple(viterbi_biluo([scores])[0]) == _brute_force(scores)
    assert 50 < shortcut < 200  # both paths taken


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
    fix_random_seed(0)  # initial weights from the global generator: independent of the run order
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


def test_whitespace_tokens_are_never_inside_a_name() -> None:
    nlp = _pipeline()
    nlp.initialize(lambda: [_example(nlp, ["IL-6", "rises"], [(0, 1, "Gene")])])
    ner = nlp.get_pipe("ner")
    u_gene = 4 * ner.labels.index("Gene") + 4

    def every_token_a_gene(model, docs, is_train):
        # Scores that make every token, the "\n\n" one too, a one-token gene name.
        scores = []
        for doc in docs:
            array = numpy.zeros((len(doc), len(ner.tag_names)), dtype="float32")
            array[:, u_gene] = 5.0
            scores.append(array)
        return scores, lambda gradient: gradient

    ner.model = Model("every_token_a_gene", every_token_a_gene)
    doc = ner(Doc(nlp.vocab, words=["IL-6", "\n\n", "STAT3"], spaces=[False] * 3))
    assert [e.text for e in doc.ents] == ["IL-6", "STAT3"]


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


def test_allowed_tags_of_a_corpus_that_annotates_some_types() -> None:
    names = biluo_tag_names(["Cancer", "Disease", "Gene"])

    def allowed(gold, **kwargs):
        return [
            [tag for tag, ok in zip(names, row, strict=True) if ok]
            for row in allowed_tags(gold, names, **kwargs)
        ]

    # No annotated set: one tag per token, as the plain cross-entropy.
    assert allowed(["O", "U-Cancer", None]) == [["O"], ["U-Cancer"], []]
    # NCBI-disease: "O" may be a gene (not annotated there) but not a cancer (its diseases cover them).
    ncbi = {"annotated": ["Disease", "Cancer"], "aliases": {"Disease": ["Cancer"]}}
    assert allowed(["O", "B-Disease", "L-Disease", "-"], **ncbi) == [
        ["O", "B-Gene", "I-Gene", "L-Gene", "U-Gene"],
        ["B-Cancer", "B-Disease"],
        ["L-Cancer", "L-Disease"],
        [],
    ]
    # BioNLP13CG: its "O" may be a disease other than cancer; its cancers are Cancer only.
    cg = {"annotated": ["Cancer", "Gene"]}
    assert allowed(["O", "U-Cancer"], **cg) == [
        ["O", "B-Disease", "I-Disease", "L-Disease", "U-Disease"],
        ["U-Cancer"],
    ]


def test_set_valued_loss_and_gradient() -> None:
    nlp = _pipeline()
    words = ["IL-6", "in", "sepsis"]
    full = _example(nlp, words, [(0, 1, "Gene")])
    nlp.initialize(lambda: [full, _example(nlp, ["T", "cells"], [(0, 2, "Cell")])])
    ner = nlp.get_pipe("ner")
    assert ner.labels == ("Cell", "Gene")
    rng = numpy.random.default_rng(0)
    logits = rng.normal(size=(3, len(ner.tag_names)))
    probs = (numpy.exp(logits) / numpy.exp(logits).sum(axis=1, keepdims=True)).astype("float32")
    # Without an annotated set: exactly the one-hot cross-entropy of before.
    loss, (gradient,) = ner.get_loss([full], [probs])
    onehot = numpy.zeros_like(probs)
    onehot[0, ner.tag_names.index("U-Gene")] = 1.0
    onehot[1:, 0] = 1.0
    assert numpy.array_equal(gradient, probs - onehot)
    assert loss == -float(numpy.log(probs[onehot.astype(bool)]).sum())
    # A corpus annotating genes only: "in" and "sepsis" may be O or a cell.
    opened = _example(nlp, words, [(0, 1, "Gene")])
    opened.reference.user_data[ANNOTATED_KEY] = ["Gene"]
    opened.reference.user_data[ALIASES_KEY] = {}
    loss, (gradient,) = ner.get_loss([opened], [probs])
    allowed = numpy.zeros_like(probs, dtype=bool)
    allowed[0, ner.tag_names.index("U-Gene")] = True
    allowed[1:, 0] = True
    allowed[1:, 1:5] = True  # B/I/L/U-Cell
    mass = (probs * allowed).sum(axis=1)
    assert numpy.isclose(loss, -numpy.log(mass).sum())
    assert numpy.allclose(gradient, probs - probs * allowed / mass[:, None])
    assert numpy.array_equal(gradient[0], probs[0] - onehot[0])

    # The gradient is d(-log sum_allowed softmax)/d(logits), checked by finite differences.
    def objective(z: numpy.ndarray) -> float:
        p = numpy.exp(z) / numpy.exp(z).sum()
        return -float(numpy.log((p * allowed[2]).sum()))

    step = 1e-5
    numeric = [
        (
            objective(logits[2] + step * numpy.eye(len(logits[2]))[k])
            - objective(logits[2] - step * numpy.eye(len(logits[2]))[k])
        )
        / (2 * step)
        for k in range(len(logits[2]))
    ]
    assert numpy.allclose(gradient[2], numeric, atol=1e-4)


def test_set_valued_training_learns_a_type_one_corpus_leaves_out() -> None:
    """A corpus without cells must not teach "T cells = O" when its annotated set says so."""
    # The initial weights come from the global generator: the run order of tests must not matter.
    fix_random_seed(0)
    nlp = _pipeline()
    cells = [
        _example(nlp, ["T", "cells", "grow", "."], [(0, 2, "Cell")]),
        _example(nlp, ["B", "cells", "die", "."], [(0, 2, "Cell")]),
    ]
    genes = []
    for words in (["IL-6", "on", "T", "cells", "."], ["STAT3", "in", "B", "cells", "."]):
        example = _example(nlp, words, [(0, 1, "Gene")])
        example.reference.user_data[ANNOTATED_KEY] = ["Gene"]
        genes.append(example)
    examples = cells + genes
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(60):
        nlp.update(examples, sgd=optimizer)
    doc = nlp("STAT3 in T cells .")
    assert [(e.text, e.label_) for e in doc.ents] == [("STAT3", "Gene"), ("T cells", "Cell")]


def test_numpy_blas_ops_give_the_same_scores() -> None:
    from thinc.api import NumpyOps

    from kg.nlp.fast_ops import use_numpy_blas

    nlp = _pipeline()
    examples = [_example(nlp, ["IL-6", "acts", "on", "T", "cells", "."], [(0, 1, "Gene"), (3, 5, "Cell")])]
    nlp.initialize(lambda: examples)
    doc = nlp.make_doc("IL-6 acts on T cells in mice .")
    model = nlp.get_pipe("ner").model
    before = model.predict([doc])[0]
    use_numpy_blas(nlp)
    assert all(not node.ops.use_blis for node in model.walk() if isinstance(node.ops, NumpyOps))
    numpy.testing.assert_allclose(model.predict([doc])[0], before, rtol=1e-4, atol=1e-5)


def test_pretraining_then_training_from_the_pretrained_encoder(tmp_path: Path, caplog) -> None:
    """`kg train tok2vec` on a few abstracts, then `kg train ner --init-tok2vec` a few steps."""
    import json

    from typer.testing import CliRunner

    from kg.cli import app
    from kg.nlp.pipeline import default_ner_model_path, load_ner_model
    from kg.nlp.pretraining import pretraining_texts

    corpora = tmp_path / "corpora"
    (corpora / "abstracts").mkdir(parents=True)
    sentence = ["gp130", "signalling", "strongly", "drives", "tumour", "growth", "in", "mice", "."]
    lines = [
        {"title": "IL-6 in T cells", "text": "IL-6 activates STAT3 in T cells of mice with lymphoma."},
        {"title": "Tocilizumab", "text": "Tocilizumab blocks the IL-6 receptor on hepatocytes."},
        {
            "title": "Overlap",
            "text": "This abstract holds a devel sentence: " + " ".join(sentence[:-1]) + ".",
        },
    ]
    pool = corpora / "abstracts" / "abstract_pool.jsonl"
    pool.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    devel = corpora / "ner" / "BioNLP13CG" / "devel.tsv"
    devel.parent.mkdir(parents=True)
    devel.write_text(
        "\n".join(f"{w}\t{'B-Gene_or_gene_product' if w == 'gp130' else 'O'}" for w in sentence) + "\n"
    )
    # The abstract that contains a devel sentence is left out of the pretraining text.
    assert pretraining_texts(tmp_path / "text.jsonl", abstracts=pool, exclude_files=[devel]) == (2, 1)
    runner = CliRunner()
    weights = tmp_path / "tok2vec.bin"
    # The shipped model's floret vectors serve as the vectors to predict.
    vectors = ["--vectors", str(default_ner_model_path())]
    command = ["train", "tok2vec", "--out", str(weights), "--corpora", str(corpora), *vectors]
    result = runner.invoke(app, [*command, "--set", "pretraining.max_epochs=1"])
    assert result.exit_code == 0, result.output
    assert weights.stat().st_size > 1_000_000
    # --resume starts from earlier weights: with no epoch to run they come back unchanged,
    # while a run from scratch writes other (random) weights.
    for start, same in (([], False), (["--resume", str(weights)], True)):
        again = tmp_path / "again.bin"
        result = runner.invoke(
            app, [*command[:3], str(again), *command[4:], "--set", "pretraining.max_epochs=0", *start]
        )
        assert result.exit_code == 0, result.output
        assert (again.read_bytes() == weights.read_bytes()) is same
    # The seed is the config's [system] pretraining_seed (7): the same seed gives the same
    # weights byte for byte, another seed other weights.
    for seed, same in (("7", True), ("8", False)):
        again = tmp_path / f"seed{seed}.bin"
        seeded = [*command[:3], str(again), *command[4:], "--set", f"system.pretraining_seed={seed}"]
        result = runner.invoke(app, [*seeded, "--set", "pretraining.max_epochs=1"])
        assert result.exit_code == 0, result.output
        assert (again.read_bytes() == weights.read_bytes()) is same
    result = runner.invoke(app, [*command, "--resume", str(tmp_path / "missing.bin")])
    assert result.exit_code == 2 and "no such file" in " ".join(result.output.split())
    out = tmp_path / "model"
    command = ["train", "ner", "--out", str(out), "--train", str(devel), "--dev", str(devel), *vectors]
    steps = ["--set", "training.max_steps=2", "--set", "training.eval_frequency=1"]
    with caplog.at_level(logging.INFO, logger="spacy"):
        result = runner.invoke(app, [*command, "--init-tok2vec", str(weights), *steps])
    assert result.exit_code == 0, result.output
    assert f"Loaded pretrained weights from {weights}" in caplog.text
    assert load_ner_model(out).pipe_names == ["kg_lexicon_features", "tok2vec", "ner"]
    result = runner.invoke(app, [*command, "--init-tok2vec", str(tmp_path / "missing.bin"), *steps])
    assert result.exit_code == 2 and "no such file" in " ".join(result.output.split())
