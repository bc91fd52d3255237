"""Pretraining the NER's tok2vec on the unlabelled abstracts.

:func:`pretrain_tok2vec` trains the token encoder of an NER config to predict
the floret vector of each masked word from its context (spaCy's
``PretrainVectors`` objective, cosine loss) on the abstracts of
``abstracts/abstract_pool.jsonl``, leaving out every abstract that contains a
sentence of a devel split (as :func:`kg.nlp.vectors.vector_training_text`
does). The weights it writes are read by ``kg train ner --init-tok2vec``
(``paths.init_tok2vec``): the NER then starts from an encoder that has seen
about two million tokens of biomedical text rather than from random weights.
The dictionary features are set on the abstracts as at training time. Seeded by the
config's ``[system] pretraining_seed`` (the training seed when absent).
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from thinc.api import Config

from kg.io import atomic_write_bytes
from kg.nlp.vectors import abstracts_without_devel

__all__ = [
    "PRETRAINING_CORPUS",
    "PRETRAINING_SECTION",
    "pretrain_tok2vec",
    "pretraining_seed",
    "pretraining_texts",
    "with_pretraining_section",
]

log = logging.getLogger(__name__)

#: The ``[pretraining]`` section used when a config leaves it empty; ``kg train
#: ner --init-tok2vec`` adds it too (spaCy reads ``component`` and ``layer`` there).
PRETRAINING_SECTION = """
[pretraining]
max_epochs = 1
dropout = 0.2
n_save_every = null
n_save_epoch = null
component = "tok2vec"
layer = ""
corpus = "corpora.pretrain"

[pretraining.batcher]
@batchers = "spacy.batch_by_words.v1"
size = 3000
discard_oversize = false
tolerance = 0.2
get_length = null

[pretraining.objective]
@architectures = "spacy.PretrainVectors.v1"
maxout_pieces = 3
hidden_size = 300
loss = "cosine"

[pretraining.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
eps = 0.00000001
learn_rate = 0.001
"""

#: The pretraining corpus: the JSONL :func:`pretraining_texts` writes.
PRETRAINING_CORPUS = """
[paths]
raw_text = null

[corpora]

[corpora.pretrain]
@readers = "spacy.JsonlCorpus.v1"
path = ${paths.raw_text}
min_length = 5
max_length = 0
limit = 0
"""


def with_pretraining_section(config: Config) -> Config:
    """Return ``config`` with :data:`PRETRAINING_SECTION` if its ``[pretraining]`` is empty."""
    if config.get("pretraining"):
        return config
    return Config(config).merge(Config().from_str(PRETRAINING_SECTION, interpolate=False))


def pretraining_seed(config: Config) -> int:
    """Return the seed of pretraining: ``[system] pretraining_seed``, else the training seed.

    Parameters
    ----------
    config
        An interpolated NER training config.
    """
    seed = config.get("system", {}).get("pretraining_seed")
    return int(config["training"]["seed"] if seed is None else seed)


def pretraining_texts(out: Path, *, abstracts: Path, exclude_files: Sequence[Path]) -> tuple[int, int]:
    """Write the abstracts as spaCy JSONL (``{"text": ...}`` per line), devel overlaps left out.

    Returns
    -------
    tuple of int
        Abstracts written and abstracts left out.
    """
    texts, dropped = abstracts_without_devel(abstracts, exclude_files)
    kept = len(texts)
    with out.open("w", encoding="utf-8") as sink:
        sink.writelines(json.dumps({"text": text}) + "\n" for text in texts)
    log.info(
        "pretraining text: %d abstracts kept, %d left out for overlapping devel sentences", kept, dropped
    )
    return kept, dropped


def pretrain_tok2vec(
    config_path: Path,
    out: Path,
    *,
    abstracts: Path,
    exclude_files: Sequence[Path],
    vectors: Path,
    overrides: Mapping[str, object] | None = None,
    resume: Path | None = None,
) -> Path:
    """Pretrain the tok2vec of an NER training config; write its weights to ``out``.

    Parameters
    ----------
    config_path
        The NER training config (``configs/ner_bionlp13cg.cfg``); its
        ``[pretraining]`` section is filled from :data:`PRETRAINING_SECTION`
        when empty.
    out
        The weights file (``.bin``), written atomically.
    abstracts
        ``abstract_pool.jsonl``.
    exclude_files
        Devel IOB2 files whose sentences keep an abstract out.
    vectors
        The static vectors the NER will be trained with: the encoder reads them,
        and the objective is to predict the vector of a masked word.
    overrides
        Config overrides, e.g. ``{"pretraining.max_epochs": 2}``.
    resume
        Weights a previous run wrote (same config): pretraining starts from them
        (with a fresh optimizer) instead of random weights.

    Returns
    -------
    pathlib.Path
        ``out``.
    """
    import spacy
    from spacy.schemas import ConfigSchemaPretrain
    from spacy.training.initialize import load_vectors_into_model
    from spacy.training.pretrain import create_pretraining_model, ensure_docs, make_update
    from spacy.util import dot_to_object, load_model_from_config, registry
    from thinc.api import fix_random_seed

    import kg.nlp.factories  # noqa: F401 - the config names il6-kg's components

    with tempfile.TemporaryDirectory(prefix="kg-pretrain-") as tmp:
        text = Path(tmp) / "abstracts.jsonl"
        pretraining_texts(text, abstracts=abstracts, exclude_files=exclude_files)
        config = with_pretraining_section(spacy.util.load_config(config_path, interpolate=False))
        config = config.merge(Config().from_str(PRETRAINING_CORPUS, interpolate=False))
        config["paths"]["raw_text"] = str(text)
        config["paths"]["init_tok2vec"] = None
        config["components"]["tok2vec"]["model"]["embed"]["include_static_vectors"] = True
        config = config.interpolate()
        for key, value in (overrides or {}).items():
            section, _, name = key.rpartition(".")
            dot_to_object(config, section)[name] = value
        fix_random_seed(pretraining_seed(config))
        nlp = load_model_from_config(config)
        load_vectors_into_model(nlp, str(vectors))
        settings = registry.resolve(config["pretraining"], schema=ConfigSchemaPretrain)
        corpus = registry.resolve({"corpus": dot_to_object(config, settings["corpus"])})["corpus"]
        model = create_pretraining_model(nlp, settings)
        if resume is not None:
            model.get_ref("tok2vec").from_bytes(resume.read_bytes())
        optimizer = settings["optimizer"]
        objective = model.attrs["loss"]
        annotators = [component for name, component in nlp.pipeline if name != settings["component"]]
        annotators = [c for c in annotators if not hasattr(c, "model")]
        for epoch in range(settings["max_epochs"]):
            words = 0
            loss = 0.0
            for number, batch in enumerate(settings["batcher"](corpus(nlp)), start=1):
                docs = ensure_docs(batch)
                for annotate in annotators:
                    docs = [annotate(doc) for doc in docs]
                loss += make_update(model, docs, optimizer, objective)
                words += sum(len(doc) for doc in docs)
                if number % 100 == 0:
                    log.info("pretraining epoch %d: %d words, loss %.1f", epoch, words, loss)
            log.info("pretraining epoch %d done: %d words, loss %.1f", epoch, words, loss)
        with model.use_params(optimizer.averages):
            weights = model.get_ref("tok2vec").to_bytes()
    atomic_write_bytes(out, weights)
    return out
