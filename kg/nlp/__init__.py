"""The spaCy + scispaCy pipeline: tokenisation, grounding, relation rules."""

from kg.nlp.pipeline import load_pipeline

__all__ = ["load_pipeline"]
