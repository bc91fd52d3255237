"""Building the il6-kg spaCy pipeline."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

import kg.nlp.factories  # noqa: F401 - makes the factories known when running from source

__all__ = ["DEFAULT_PIPE_NAMES", "load_pipeline"]

DEFAULT_PIPE_NAMES = (
    "kg_sentencizer",
    "abbreviation_detector",
    "kg_vocabulary_ner",
    "kg_relation_extractor",
    "kg_relation_model",
)


def load_pipeline(model: str | Path | None = None, *, vocabulary_path: Path | None = None) -> Language:
    """Return the il6-kg spaCy pipeline.

    Parameters
    ----------
    model
        ``None`` for the built-in pipeline (scispaCy tokenizer, sentence
        splitter and abbreviation detector, vocabulary grounding, relation
        rules, then the trained relation model). A spaCy/scispaCy package name or path (e.g.
        ``"en_ner_bionlp13cg_md"``) loads that pipeline and adds il6-kg's
        grounding and relation components after its own.
    vocabulary_path
        A ``vocabulary.tsv`` to use instead of the packaged one.

    Returns
    -------
    spacy.language.Language
        ``nlp(text).ents`` carry the Biolink category as ``label_`` and the
        CURIE as ``kb_id_``; ``nlp`` also accepts a pre-tokenised ``Doc``.

    Raises
    ------
    OSError
        If ``model`` names no installed spaCy pipeline.
    """
    ner_config = {"vocabulary_path": str(vocabulary_path) if vocabulary_path else None}
    if model is None:
        nlp = spacy.blank(
            "en", config={"nlp": {"tokenizer": {"@tokenizers": "il6kg.biomedical_tokenizer.v1"}}}
        )
        nlp.add_pipe("kg_sentencizer")
        nlp.add_pipe("abbreviation_detector")
        nlp.add_pipe("kg_vocabulary_ner", config=ner_config)
    else:
        nlp = spacy.load(model)
        if "abbreviation_detector" not in nlp.pipe_names:
            nlp.add_pipe("abbreviation_detector")
        # Keep the model's entities; our grounding fills the gaps.
        nlp.add_pipe("kg_vocabulary_ner", config={**ner_config, "overwrite_ents": False})
    nlp.add_pipe("kg_relation_extractor")
    nlp.add_pipe("kg_relation_model")
    return nlp
