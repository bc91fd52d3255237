"""Static word vectors trained on the unlabelled abstracts, for the NER model.

:func:`vector_training_text` writes one tokenised abstract per line from
``abstracts/abstract_pool.jsonl`` plus the tokens of the training splits of
the gold corpora, leaving out every abstract that contains a sentence of an
evaluation (devel) split, so that the devel figures stay honest.
:func:`train_floret_vectors` trains compact floret vectors (subword hashing:
a fixed-size table that still gives a vector to unseen words) and converts
them into a spaCy vectors model that a training config names as
``paths.vectors``.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.nlp.iob import read_iob

__all__ = [
    "DEFAULT_DEVEL_CORPORA",
    "DEFAULT_TEXT_CORPORA",
    "FloretSettings",
    "abstracts_without_devel",
    "build_vectors",
    "train_floret_vectors",
    "vector_training_text",
]

#: NER corpora whose training tokens are added to the abstracts.
DEFAULT_TEXT_CORPORA = ("BioNLP13CG", "BioNLP13PC", "BC5CDR", "AnatEM", "BC2GM", "NCBI-disease")
#: NER corpora whose devel sentences keep an abstract out of the vector text.
DEFAULT_DEVEL_CORPORA = ("BioNLP13CG", "BC5CDR", "JNLPBA", "BioNLP13PC", "BC2GM", "AnatEM", "NCBI-disease")

log = logging.getLogger(__name__)

# Length of the whitespace-free prefix of a devel sentence used to spot it in
# an abstract; shorter sentences ("Results.") are too common to mean overlap.
_KEY_CHARS = 40
_INDEX_CHARS = 12


def _squash(text: str) -> str:
    return "".join(text.split())


def _devel_keys(devel_files: Iterable[Path]) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {}
    for path in devel_files:
        for sentence in read_iob(path):
            squashed = _squash("".join(sentence.words))
            if len(squashed) >= _KEY_CHARS:
                key = squashed[:_KEY_CHARS]
                keys.setdefault(key[:_INDEX_CHARS], set()).add(key)
    return keys


def _overlaps(text: str, keys: dict[str, set[str]]) -> bool:
    squashed = _squash(text)
    for i in range(len(squashed) - _KEY_CHARS + 1):
        bucket = keys.get(squashed[i : i + _INDEX_CHARS])
        if bucket and squashed[i : i + _KEY_CHARS] in bucket:
            return True
    return False


def abstracts_without_devel(abstracts: Path, exclude_files: Iterable[Path]) -> tuple[list[str], int]:
    """Read the unlabelled abstracts, leaving out those that contain a devel sentence.

    Parameters
    ----------
    abstracts
        ``abstract_pool.jsonl`` (fields ``title`` and ``text``).
    exclude_files
        IOB2 devel files whose sentences must not be trained on.

    Returns
    -------
    tuple
        The kept texts (title and text joined by a space) and how many abstracts were left out.
    """
    keys = _devel_keys(exclude_files)
    texts: list[str] = []
    dropped = 0
    with abstracts.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = " ".join(part for part in (record.get("title"), record.get("text")) if part)
            if _overlaps(text, keys):
                dropped += 1
            else:
                texts.append(text)
    return texts, dropped


def vector_training_text(
    out: Path,
    *,
    abstracts: Path,
    corpus_files: Sequence[Path],
    exclude_files: Sequence[Path],
) -> tuple[int, int]:
    """Write the text the vectors are trained on, one tokenised text per line.

    Parameters
    ----------
    out
        Output text file.
    abstracts
        ``abstract_pool.jsonl`` (fields ``title`` and ``text``).
    corpus_files
        IOB2 training files whose tokens are added (labels are not used).
    exclude_files
        IOB2 devel files: abstracts containing one of their sentences are left out.

    Returns
    -------
    tuple of int
        Abstracts written and abstracts left out.
    """
    from kg.nlp.pipeline import load_tokenizer_only

    nlp = load_tokenizer_only()
    texts, dropped = abstracts_without_devel(abstracts, exclude_files)
    kept = len(texts)
    with out.open("w", encoding="utf-8") as sink:
        for doc in nlp.pipe(texts, batch_size=256):
            sink.write(" ".join(token.text for token in doc if not token.is_space) + "\n")
        for path in corpus_files:
            for sentence in read_iob(path):
                sink.write(" ".join(sentence.words) + "\n")
    log.info("vector text: %d abstracts kept, %d left out for overlapping devel sentences", kept, dropped)
    return kept, dropped


@dataclass(frozen=True, slots=True)
class FloretSettings:
    """floret hyper-parameters (see the floret README).

    Training runs on one thread with floret's fixed seed, which is reproducible.
    """

    dim: int = 100
    bucket: int = 50000
    minn: int = 3
    maxn: int = 6
    hash_count: int = 2
    epoch: int = 10
    min_count: int = 2
    model: str = "cbow"


def train_floret_vectors(text: Path, out_dir: Path, settings: FloretSettings = FloretSettings()) -> Path:
    """Train floret vectors on ``text`` and save them as a spaCy vectors model.

    Parameters
    ----------
    text
        One tokenised text per line (see :func:`vector_training_text`).
    out_dir
        Folder for the spaCy vectors model (``spacy init vectors`` output).
    settings
        floret hyper-parameters.

    Returns
    -------
    pathlib.Path
        ``out_dir``, ready for a config's ``paths.vectors``.
    """
    import floret
    import spacy
    from spacy.training.initialize import convert_vectors

    # One thread: floret's Hogwild updates are not reproducible with several.
    model = floret.train_unsupervised(
        str(text),
        model=settings.model,
        mode="floret",
        dim=settings.dim,
        bucket=settings.bucket,
        minn=settings.minn,
        maxn=settings.maxn,
        hashCount=settings.hash_count,
        epoch=settings.epoch,
        minCount=settings.min_count,
        thread=1,
        verbose=0,
    )
    with tempfile.TemporaryDirectory(prefix="kg-floret-") as tmp:
        vec_path = Path(tmp) / "vectors.floret"
        model.save_floret_vectors(str(vec_path))
        nlp = spacy.blank("en")
        convert_vectors(nlp, vec_path, truncate=0, prune=-1, mode="floret")
        staging = Path(tmp) / "model"
        nlp.to_disk(staging)
        if out_dir.exists():
            shutil.rmtree(out_dir)
        shutil.copytree(staging, out_dir)
    return out_dir


def build_vectors(
    corpora: Path,
    out_dir: Path,
    *,
    text_corpora: Sequence[str] = DEFAULT_TEXT_CORPORA,
    devel_corpora: Sequence[str] = DEFAULT_DEVEL_CORPORA,
    settings: FloretSettings = FloretSettings(),
) -> Path:
    """Write the vector text from ``corpora`` to a temporary file and train vectors on it.

    Parameters
    ----------
    corpora
        The gold corpora folder (``abstracts/`` and ``ner/`` inside).
    out_dir
        Folder for the spaCy vectors model.
    text_corpora, devel_corpora
        Folder names under ``ner/`` (see :data:`DEFAULT_TEXT_CORPORA`).
    settings
        floret hyper-parameters.
    """
    ner = corpora / "ner"
    with tempfile.TemporaryDirectory(prefix="kg-vectors-") as tmp:
        text = Path(tmp) / "vectors.txt"
        vector_training_text(
            text,
            abstracts=corpora / "abstracts" / "abstract_pool.jsonl",
            corpus_files=[
                ner / name / "train.tsv" for name in text_corpora if (ner / name / "train.tsv").is_file()
            ],
            exclude_files=[
                ner / name / "devel.tsv" for name in devel_corpora if (ner / name / "devel.tsv").is_file()
            ],
        )
        return train_floret_vectors(text, out_dir, settings)
