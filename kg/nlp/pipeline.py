"""Building the il6-kg spaCy pipeline."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

import kg.nlp.factories  # noqa: F401 - makes the factories known when running from source
from kg.nlp.parentheses import use_fast_parentheses

__all__ = [
    "DEFAULT_NER_MODEL_NAME",
    "DEFAULT_PIPE_NAMES",
    "ENTITY_MODES",
    "ModelLoadError",
    "default_ner_model_path",
    "load_ner_model",
    "load_pipeline",
    "load_tokenizer_only",
]

#: Folder name of the trained NER shipped inside the package (``kg/models/``).
DEFAULT_NER_MODEL_NAME = "ner_bionlp13cg"

DEFAULT_PIPE_NAMES = (
    "kg_sentencizer",
    "abbreviation_detector",
    "tok2vec",
    "ner",
    "kg_model_spans",
    "kg_vocabulary_ner",
    "kg_entity_combiner",
    "kg_sequence_variants",
    "kg_relation_extractor",
    "kg_relation_model",
)

#: ``combined``: trained NER + dictionary grounding (default); ``dictionary``:
#: the vocabulary matcher alone, no statistical model.
ENTITY_MODES = ("combined", "dictionary")

_TOKENIZER_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "il6kg.biomedical_tokenizer.v1"}}}


class ModelLoadError(OSError):
    """A model name or path that is not a loadable spaCy pipeline."""


def default_ner_model_path() -> Path:
    """Return the folder of the NER model shipped with the package."""
    return Path(str(resources.files("kg") / "models" / DEFAULT_NER_MODEL_NAME))


def load_tokenizer_only() -> Language:
    """Return a blank English pipeline with il6-kg's tokenizer and no components."""
    return spacy.blank("en", config=_TOKENIZER_CONFIG)


def load_ner_model(model: str | Path | None = None) -> Language:
    """Load a spaCy pipeline by package name or path, with a clear error if it is not one.

    Parameters
    ----------
    model
        A spaCy/scispaCy package name (``en_ner_bionlp13cg_md``) or a
        pipeline folder; ``None`` for the NER model shipped with il6-kg.

    Raises
    ------
    ModelLoadError
        If ``model`` is neither an installed pipeline package nor a folder
        holding a spaCy pipeline (``config.cfg`` + component data).
    """
    exclude: list[str] = []
    if model is None:
        model = default_ner_model_path()
        if not (model / "config.cfg").is_file():
            raise ModelLoadError(
                f"the packaged NER model is missing at {model}; reinstall il6-kg or pass a model"
            )
        # Its config builds our tokenizer, the same as the copy saved beside it (a test checks
        # this): reading that copy would compile the special cases a second time.
        exclude = ["tokenizer"]
    path = Path(model)
    looks_like_path = isinstance(model, Path) or path.exists() or "/" in str(model) or "\\" in str(model)
    if looks_like_path:
        if not path.is_dir():
            raise ModelLoadError(f"{path}: no such folder; expected a spaCy pipeline folder")
        if not (path / "config.cfg").is_file():
            raise ModelLoadError(f"{path} is not a spaCy pipeline: it has no config.cfg")
    try:
        return spacy.load(path if looks_like_path else str(model), exclude=exclude)
    except OSError as error:
        raise ModelLoadError(f"cannot load spaCy model {str(model)!r}: {error}") from error
    except (ValueError, KeyError) as error:
        # A damaged pipeline folder: config or weights that do not fit together.
        raise ModelLoadError(f"{model} is not a usable spaCy pipeline: {error}") from error


def load_pipeline(
    model: str | Path | None = None,
    *,
    vocabulary_path: Path | None = None,
    entities: str = "combined",
) -> Language:
    """Return the il6-kg spaCy pipeline.

    Parameters
    ----------
    model
        ``None`` for il6-kg's own NER (trained on BioNLP13CG, shipped in the
        package). A spaCy/scispaCy package name or pipeline path (e.g.
        ``"en_ner_bionlp13cg_md"``) uses that pipeline instead: its ``ner``
        proposes entities, il6-kg grounds them and adds its relation rules
        and the trained relation model.
    vocabulary_path
        A ``vocabulary.tsv`` to use instead of the packaged one.
    entities
        ``"combined"`` (statistical NER + dictionary grounding, see
        :mod:`kg.nlp.combine`) or ``"dictionary"`` (the vocabulary matcher
        alone; ``model`` must then be ``None``).

    Returns
    -------
    spacy.language.Language
        ``nlp(text).ents`` carry the Biolink category as ``label_`` and the
        CURIE as ``kb_id_`` (empty for a model entity nothing grounds);
        ``nlp`` also accepts a pre-tokenised ``Doc``.

    Raises
    ------
    ModelLoadError
        If ``model`` is not a loadable spaCy pipeline (an ``OSError``).
    ValueError
        If ``entities`` is not one of :data:`ENTITY_MODES`.
    """
    if entities not in ENTITY_MODES:
        raise ValueError(f"entities must be one of {ENTITY_MODES}, got {entities!r}")
    ner_config = {"vocabulary_path": str(vocabulary_path) if vocabulary_path else None}
    if entities == "dictionary":
        if model is not None:
            raise ValueError("entities='dictionary' uses no model; leave model=None")
        nlp = load_tokenizer_only()
        nlp.add_pipe("kg_sentencizer")
        nlp.add_pipe("abbreviation_detector")
        nlp.add_pipe("kg_vocabulary_ner", config=ner_config)
        nlp.add_pipe("kg_sequence_variants")
        nlp.add_pipe("kg_relation_extractor")
        nlp.add_pipe("kg_relation_model", config=ner_config)
        use_fast_parentheses(nlp)
        return nlp
    nlp = load_ner_model(model)
    if not nlp.has_pipe("parser") and not nlp.has_pipe("senter") and not nlp.has_pipe("sentencizer"):
        nlp.add_pipe("kg_sentencizer", first=True)
    if "abbreviation_detector" not in nlp.pipe_names:
        nlp.add_pipe("abbreviation_detector")
    # The statistical entities go to doc.spans["kg_model"] before the dictionary
    # component rewrites doc.ents; the combiner then sets the final doc.ents.
    nlp.add_pipe("kg_model_spans")
    nlp.add_pipe("kg_vocabulary_ner", config=ner_config)
    nlp.add_pipe("kg_entity_combiner")
    nlp.add_pipe("kg_sequence_variants")
    nlp.add_pipe("kg_relation_extractor")
    nlp.add_pipe("kg_relation_model", config=ner_config)
    # scispaCy's abbreviation detector finds its bracket matches without a spaCy Matcher
    # (the same matches; see kg.nlp.parentheses).
    use_fast_parentheses(nlp)
    return nlp
