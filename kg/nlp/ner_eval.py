"""Exact-span evaluation of a NER pipeline on IOB2 gold files.

The pipeline runs on the corpus's own tokens (a pre-tokenised ``Doc`` per
sentence), so token boundaries never cost a match. A predicted entity is
correct when its first token, last token and type equal a gold entity's.

Label mappings
--------------
Our pipelines emit their own labels (the shipped model: BioNLP13CG types;
the combined pipeline: Biolink categories), corpora have theirs. A mapping
file (TSV, ``#`` comments) relates them, one corpus label per row::

    corpus_label<TAB>our_label[|other_label...]

* Gold entities of ``corpus_label`` are scored as the row's first
  ``our_label`` (several corpus labels may share one: they are then scored
  together).
* A predicted entity whose label appears anywhere in the second column is
  scored as the first label of the first row listing it; predictions with
  unlisted labels are ignored (the corpus does not annotate that type).
* Predictions are written back in the corpus's label set: the first corpus
  label whose row lists the prediction's label.
* Corpus labels missing from the file are not scored (gold entities dropped).

Without a mapping, labels are compared as they are. Shipped mappings live in
``kg/nlp/labels/`` and can be named without the path (``--labels jnlpba``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.io import atomic_write_text
from kg.nlp.iob import DOCSTART, IOBSentence, read_iob, spans_to_iob

__all__ = [
    "LabelMap",
    "LabelMapError",
    "NEREvaluation",
    "TypeScore",
    "evaluate_ner",
    "load_label_map",
    "shipped_label_maps",
    "write_predictions",
]


class LabelMapError(ValueError):
    """A malformed or missing label mapping file."""


@dataclass(frozen=True, slots=True)
class LabelMap:
    """Mapping between a corpus's labels and the labels a pipeline emits.

    Attributes
    ----------
    gold
        Corpus label -> label it is scored as.
    predicted
        Pipeline label -> label it is scored as.
    to_corpus
        Scored label -> corpus label used when writing predictions.
    """

    gold: dict[str, str]
    predicted: dict[str, str]
    to_corpus: dict[str, str]

    @classmethod
    def identity(cls) -> LabelMap:
        """Compare labels as they are (an empty map means identity)."""
        return cls({}, {}, {})

    @property
    def is_identity(self) -> bool:
        """True if labels are compared unchanged."""
        return not self.gold

    def gold_label(self, label: str) -> str | None:
        """The scored label of a gold entity, ``None`` if not scored."""
        return label if self.is_identity else self.gold.get(label)

    def predicted_label(self, label: str) -> str | None:
        """The scored label of a predicted entity, ``None`` if ignored."""
        return label if self.is_identity else self.predicted.get(label)

    def corpus_label(self, scored: str) -> str:
        """The corpus label a scored label is written as."""
        return scored if self.is_identity else self.to_corpus.get(scored, scored)


def shipped_label_maps() -> dict[str, Path]:
    """Return the label mappings shipped in ``kg/nlp/labels/`` by name (``jnlpba`` ...)."""
    folder = Path(str(resources.files("kg.nlp") / "labels"))
    return {path.stem: path for path in sorted(folder.glob("*.tsv"))}


def load_label_map(source: str | Path) -> LabelMap:
    """Read a label mapping file (format in this module's docstring).

    Parameters
    ----------
    source
        A path, or the name of a shipped mapping (see :func:`shipped_label_maps`).

    Raises
    ------
    LabelMapError
        If the file is missing or a row is malformed.
    """
    shipped = shipped_label_maps()
    path = shipped[str(source)] if str(source) in shipped else Path(source)
    if not path.is_file():
        names = ", ".join(shipped)
        raise LabelMapError(f"no label mapping {str(source)!r}: not a file nor a shipped mapping ({names})")
    gold: dict[str, str] = {}
    predicted: dict[str, str] = {}
    to_corpus: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        ours = [label.strip() for label in cells[1].split("|")] if len(cells) == 2 else []
        if len(cells) != 2 or not cells[0].strip() or not all(ours):
            raise LabelMapError(f"{path}:{number}: expected 'corpus_label<TAB>our_label[|...]', got {raw!r}")
        corpus_label = cells[0].strip()
        if corpus_label in gold:
            raise LabelMapError(f"{path}:{number}: corpus label {corpus_label!r} is mapped twice")
        scored = predicted.get(ours[0], ours[0])
        gold[corpus_label] = scored
        to_corpus.setdefault(scored, corpus_label)
        for label in ours:
            predicted.setdefault(label, scored)
    if not gold:
        raise LabelMapError(f"{path}: no mapping rows")
    return LabelMap(gold, predicted, to_corpus)


@dataclass(frozen=True, slots=True)
class TypeScore:
    """Exact-span counts and scores of one type (or of all types)."""

    label: str
    true_positives: int
    gold: int
    predicted: int

    @property
    def precision(self) -> float:
        """Correct predictions / predictions (0 when nothing was predicted)."""
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Correct predictions / gold entities (0 when there are none)."""
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class NEREvaluation:
    """The result of :func:`evaluate_ner`.

    Attributes
    ----------
    overall
        Micro-averaged counts over all scored types.
    per_type
        One score per scored label, sorted by label.
    sentences
        Number of sentences evaluated.
    predictions
        Predicted spans per sentence as ``(start, end, scored_label)``.
    """

    overall: TypeScore
    per_type: tuple[TypeScore, ...]
    sentences: int
    predictions: tuple[tuple[tuple[int, int, str], ...], ...] = field(repr=False)


def _doc(nlp: Language, sentence: IOBSentence) -> Doc:
    words = list(sentence.words)
    return Doc(nlp.vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))


def predict_spans(
    nlp: Language, sentences: Sequence[IOBSentence], *, batch_size: int = 64
) -> Iterable[list[tuple[int, int, str]]]:
    """Run ``nlp`` on each sentence's tokens and yield its entities as ``(start, end, label)``."""
    # The sentences are given: a sentence splitter would only undo them.
    disabled = [name for name in ("pysbd_sentencizer", "kg_relation_extractor") if name in nlp.pipe_names]
    with nlp.select_pipes(disable=disabled):
        for doc in nlp.pipe((_doc(nlp, s) for s in sentences), batch_size=batch_size):
            yield [(ent.start, ent.end, ent.label_) for ent in doc.ents]


def evaluate_ner(
    path: Path,
    nlp: Language,
    *,
    label_map: LabelMap | None = None,
    batch_size: int = 64,
) -> NEREvaluation:
    """Score ``nlp`` against an IOB2 gold file by exact spans.

    Parameters
    ----------
    path
        IOB2 file (``token<TAB>label``).
    nlp
        Any spaCy pipeline that sets ``doc.ents`` and accepts a ``Doc``.
    label_map
        How corpus and pipeline labels relate; identity when ``None``.
    batch_size
        Sentences per ``nlp.pipe`` batch.

    Raises
    ------
    kg.nlp.iob.IOBError
        If the file is malformed (before any prediction is made).
    """
    label_map = label_map or LabelMap.identity()
    sentences = list(read_iob(path))
    true_positives: Counter[str] = Counter()
    gold_counts: Counter[str] = Counter()
    predicted_counts: Counter[str] = Counter()
    predictions = []
    for sentence, predicted in zip(
        sentences, predict_spans(nlp, sentences, batch_size=batch_size), strict=True
    ):
        gold = {
            (start, end, scored)
            for start, end, label in sentence.spans
            if (scored := label_map.gold_label(label)) is not None
        }
        guessed = {
            (start, end, scored)
            for start, end, label in predicted
            if (scored := label_map.predicted_label(label)) is not None
        }
        predictions.append(tuple(sorted(guessed)))
        gold_counts.update(label for _, _, label in gold)
        predicted_counts.update(label for _, _, label in guessed)
        true_positives.update(label for _, _, label in gold & guessed)
    labels = sorted(set(gold_counts) | set(predicted_counts))
    per_type = tuple(
        TypeScore(label, true_positives[label], gold_counts[label], predicted_counts[label])
        for label in labels
    )
    overall = TypeScore(
        "overall", sum(true_positives.values()), sum(gold_counts.values()), sum(predicted_counts.values())
    )
    return NEREvaluation(overall, per_type, len(sentences), tuple(predictions))


def write_predictions(
    path: Path, out: Path, evaluation: NEREvaluation, label_map: LabelMap | None = None
) -> None:
    """Write ``path`` again with the predicted IOB2 label as a third column.

    Every input line is kept, in order: token lines get the prediction (in
    the corpus's label set), ``-DOCSTART-`` lines get ``O``, blank lines stay
    blank. The file is written atomically.
    """
    label_map = label_map or LabelMap.identity()
    by_line: dict[int, str] = {}
    for sentence, spans in zip(read_iob(path), evaluation.predictions, strict=True):
        corpus_spans = [(start, end, label_map.corpus_label(label)) for start, end, label in spans]
        for line, label in zip(sentence.lines, spans_to_iob(len(sentence.words), corpus_spans), strict=True):
            by_line[line] = label
    rows = []
    with path.open(encoding="utf-8") as handle:
        lines = [line.rstrip("\r\n") for line in handle]
    for number, raw in enumerate(lines, start=1):
        if number in by_line:
            rows.append(f"{raw}\t{by_line[number]}")
        elif raw.split("\t", 1)[0] == DOCSTART and "\t" in raw:
            rows.append(f"{raw}\tO")
        else:
            rows.append(raw)
    atomic_write_text(out, "\n".join(rows) + "\n")
