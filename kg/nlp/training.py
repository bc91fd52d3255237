"""Training il6-kg's statistical NER from IOB2 gold corpora.

:func:`train_ner` converts the corpora to spaCy ``DocBin`` files in a
temporary folder (never inside the repository), runs ``spacy train`` with a
config from ``configs/`` and copies the best pipeline (by devel F1) to the
output folder. The config pins the seed, so the same corpora, config and
library versions give the same model.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span
from spacy.vocab import Vocab

from kg.nlp.iob import read_iob
from kg.nlp.ner_eval import LabelMap

__all__ = [
    "OpenCorpus",
    "TrainingError",
    "TrainingResult",
    "corpora_root",
    "default_config_path",
    "iob_docs",
    "train_ner",
    "write_docbin",
]

log = logging.getLogger(__name__)

#: How many sentences go into one training ``Doc``; whole documents are not
#: marked in most corpora, and short docs batch well.
SENTENCES_PER_DOC = 1


class TrainingError(RuntimeError):
    """Training could not run (missing corpus, bad config)."""


@dataclass(frozen=True, slots=True)
class OpenCorpus:
    """An extra training corpus that annotates only some of the model's types.

    Unlike a partial corpus (its ``O`` tokens are missing annotation), each
    ``O`` token here says "none of the types this corpus annotates": the
    tagger may put it outside any entity or in a type the corpus does not
    annotate (:func:`kg.nlp.biluo_ner.allowed_tags`).

    Attributes
    ----------
    path
        The IOB2 file.
    label_map
        Corpus label -> model label (the label its entities are trained as).
    aliases
        Model label -> other model labels its entities may also take
        (NCBI-disease's "Disease" entities may be the model's "Cancer").
    """

    path: Path
    label_map: Mapping[str, str | None]
    aliases: Mapping[str, Sequence[str]]

    @property
    def annotated(self) -> set[str]:
        """The model labels the corpus annotates: its mapped labels and their aliases."""
        labels = {label for label in self.label_map.values() if label}
        for label in list(labels):
            labels.update(self.aliases.get(label, ()))
        return labels

    @classmethod
    def from_label_map(cls, path: Path, label_map: LabelMap) -> OpenCorpus:
        """Read a ``corpus_label<TAB>model_label[|alias...]`` mapping (:mod:`kg.nlp.ner_eval`).

        Each row's first model label is what the corpus's entities are trained
        as; the others are aliases they may also take.
        """
        aliases: dict[str, list[str]] = {}
        for label, scored in label_map.predicted.items():
            if label != scored:
                aliases.setdefault(scored, []).append(label)
        return cls(Path(path), dict(label_map.gold), aliases)


@dataclass(frozen=True, slots=True)
class TrainingResult:
    """What :func:`train_ner` produced.

    Attributes
    ----------
    model_path
        The trained pipeline (the best checkpoint by devel score).
    scores
        The devel scores spaCy recorded for that checkpoint (``ents_f`` ...).
    """

    model_path: Path
    scores: dict[str, float]


def corpora_root(project_root: Path | None = None) -> Path:
    """Return the gold corpora folder: ``$IL6KG_CORPORA`` or ``../shared/corpora``.

    Parameters
    ----------
    project_root
        The project checkout; defaults to the folder above the ``kg`` package.
    """
    import os

    env = os.environ.get("IL6KG_CORPORA")
    if env:
        return Path(env)
    root = project_root or Path(__file__).resolve().parents[2]
    return (root / ".." / "shared" / "corpora").resolve()


def default_config_path(name: str = "ner_bionlp13cg.cfg") -> Path:
    """Return a training config shipped with il6-kg (``configs/`` in the source tree)."""
    from importlib import resources

    packaged = Path(str(resources.files("kg") / "configs" / name))
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "configs" / name


def iob_docs(
    path: Path,
    vocab: Vocab,
    *,
    label_map: Mapping[str, str | None] | None = None,
    partial: bool = False,
    annotated: Iterable[str] | None = None,
    aliases: Mapping[str, Sequence[str]] | None = None,
) -> Iterable[Doc]:
    """Yield one gold ``Doc`` per sentence of an IOB2 file.

    Parameters
    ----------
    path
        IOB2 file.
    vocab
        The vocabulary of the pipeline being trained.
    label_map
        Corpus type -> training label; types mapped to ``None`` (or missing
        when a map is given) are dropped.
    partial
        The corpus annotates only some of the model's types (BioNLP13PC has
        genes and chemicals but no cells): tokens outside its entities are
        marked *missing* rather than ``O``, so they teach the model nothing
        about the types the corpus does not annotate. Dropped entities are
        missing too.
    annotated
        The model labels the corpus annotates, recorded in each doc's
        ``user_data`` (:data:`kg.nlp.biluo_ner.ANNOTATED_KEY`): the tagger's
        loss then lets an ``O`` token be ``O`` or any type not listed (a
        set-valued target, see :func:`kg.nlp.biluo_ner.allowed_tags`).
        ``None``: nothing recorded, ``O`` means outside.
    aliases
        ``{label: [labels]}`` the corpus merges (its "Disease" also covers the
        model's "Cancer"), recorded with ``annotated``.
    """
    from kg.nlp.biluo_ner import ALIASES_KEY, ANNOTATED_KEY

    for sentence in read_iob(path):
        doc = Doc(vocab, words=list(sentence.words), sent_starts=[True] + [False] * (len(sentence.words) - 1))
        ents = []
        for start, end, kind in sentence.spans:
            label = kind if label_map is None else label_map.get(kind)
            if label:
                ents.append(Span(doc, start, end, label=label))
        doc.set_ents(ents, default="missing" if partial else "outside")
        if annotated is not None:
            doc.user_data[ANNOTATED_KEY] = sorted(set(annotated))
            doc.user_data[ALIASES_KEY] = {label: list(others) for label, others in (aliases or {}).items()}
        yield doc


def write_docbin(
    paths: Sequence[Path],
    out: Path,
    *,
    label_map: Mapping[str, str | None] | None = None,
    partial_corpora: Sequence[tuple[Path, Mapping[str, str | None] | None]] = (),
    open_corpora: Sequence[OpenCorpus] = (),
) -> int:
    """Convert IOB2 files to one ``DocBin`` at ``out``; return the number of docs.

    Parameters
    ----------
    paths
        Fully annotated IOB2 files, their labels through ``label_map``.
    out
        The ``.spacy`` file written.
    label_map
        Corpus label -> model label for ``paths`` (``None``: labels kept).
    partial_corpora
        ``(IOB2 file, label map)`` pairs converted with ``partial=True`` (see
        :func:`iob_docs`); each file's labels go through its own map.
    open_corpora
        Corpora that annotate fewer types, read with set-valued targets
        (:class:`OpenCorpus`). With any, the docs of ``paths`` record the labels
        found in ``paths`` as annotated, so an ``O`` there may be a type only
        the open corpora annotate (BioNLP13CG's ``O`` includes diseases other
        than cancer).
    """
    vocab = Vocab()
    docbin = DocBin(store_user_data=bool(open_corpora))
    count = 0
    main_annotated: set[str] | None = None
    if open_corpora:
        main_annotated = set()
        for path in paths:
            for doc in iob_docs(path, vocab, label_map=label_map):
                main_annotated.update(ent.label_ for ent in doc.ents)
    sources = [(path, label_map, False, main_annotated, None) for path in paths]
    sources += [(path, mapping, True, None, None) for path, mapping in partial_corpora]
    sources += [(c.path, c.label_map, False, c.annotated, c.aliases) for c in open_corpora]
    for path, mapping, partial, annotated, aliases in sources:
        for doc in iob_docs(
            path, vocab, label_map=mapping, partial=partial, annotated=annotated, aliases=aliases
        ):
            docbin.add(doc)
            count += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(out)
    return count


def train_ner(
    config_path: Path,
    output_dir: Path,
    *,
    train_files: Sequence[Path],
    dev_files: Sequence[Path],
    overrides: Mapping[str, object] | None = None,
    work_dir: Path | None = None,
    partial_corpora: Sequence[tuple[Path, Mapping[str, str | None] | None]] = (),
    open_corpora: Sequence[OpenCorpus] = (),
) -> TrainingResult:
    """Train a spaCy NER pipeline on IOB2 corpora.

    Parameters
    ----------
    config_path
        A spaCy training config (see ``configs/ner_bionlp13cg.cfg``).
    output_dir
        Where the best pipeline is written (replaced if it exists).
    train_files, dev_files
        IOB2 files; the dev files pick the best checkpoint and stop training
        early (use devel splits, never test splits).
    overrides
        spaCy config overrides, e.g. ``{"training.max_steps": 20}``.
    work_dir
        Folder for the converted corpora and checkpoints; a temporary folder
        (deleted afterwards) when ``None``.
    partial_corpora
        More training files that annotate only some types (see
        :func:`iob_docs`), each with its own map of corpus label -> model
        label; labels a map leaves out become missing annotation.
    open_corpora
        More training files read with set-valued targets (:class:`OpenCorpus`).

    Returns
    -------
    TrainingResult
        The pipeline's path and its devel scores.

    Raises
    ------
    TrainingError
        If a corpus file or the config is missing.
    kg.nlp.iob.IOBError
        If a corpus file is malformed.
    """
    from spacy.cli.train import train as spacy_train

    extra = [*(path for path, _ in partial_corpora), *(corpus.path for corpus in open_corpora)]
    for path in [config_path, *train_files, *dev_files, *extra]:
        if not Path(path).is_file():
            raise TrainingError(f"not found: {path}")
    # The config names il6-kg's tokenizer and components; make sure they are registered.
    import kg.nlp.factories  # noqa: F401

    with tempfile.TemporaryDirectory(prefix="kg-train-ner-") as tmp:
        work = Path(work_dir) if work_dir else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        n_train = write_docbin(
            train_files,
            work / "train.spacy",
            partial_corpora=partial_corpora,
            open_corpora=open_corpora,
        )
        n_dev = write_docbin(dev_files, work / "dev.spacy")
        log.info("converted %d training and %d devel sentences", n_train, n_dev)
        if (overrides or {}).get("paths.init_tok2vec"):
            # spaCy loads pretrained weights only for a config with a [pretraining] section.
            from kg.nlp.pretraining import with_pretraining_section

            config = with_pretraining_section(spacy.util.load_config(config_path, interpolate=False))
            config_path = work / "config.cfg"
            config.to_disk(config_path)
        all_overrides = {
            "paths.train": str(work / "train.spacy"),
            "paths.dev": str(work / "dev.spacy"),
            **(overrides or {}),
        }
        spacy_train(config_path, work / "output", overrides=all_overrides, use_gpu=-1)
        best = work / "output" / "model-best"
        if not best.is_dir():
            raise TrainingError(f"spaCy wrote no model-best under {work / 'output'}")
        scores = _best_scores(best)
        output_dir = Path(output_dir)
        staging = output_dir.with_name(output_dir.name + ".tmp")
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(best, staging)
        _forget_training_paths(staging / "config.cfg")
        # Replace the output in one rename, so a failed copy leaves the old model intact.
        if output_dir.exists():
            shutil.rmtree(output_dir)
        staging.rename(output_dir)
    return TrainingResult(output_dir, scores)


def _forget_training_paths(config_path: Path) -> None:
    """Blank the corpus and vector paths in a trained pipeline's config.

    They point into a deleted temporary folder; the trained pipeline needs
    none of them (its vectors are in ``vocab/``).
    """
    config = spacy.util.load_config(config_path, interpolate=False)
    for key in ("train", "dev", "vectors", "init_tok2vec"):
        if key in config["paths"]:
            config["paths"][key] = None
    config.to_disk(config_path)


def _best_scores(model_dir: Path) -> dict[str, float]:
    meta = spacy.util.load_meta(model_dir / "meta.json")
    performance = meta.get("performance") or {}
    return {key: value for key, value in performance.items() if isinstance(value, int | float)}
