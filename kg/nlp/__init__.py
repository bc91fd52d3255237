"""The spaCy + scispaCy pipeline: tokenisation, grounding, relation rules.

``load_pipeline`` is imported on first use, so importing a submodule (the
vocabulary reader, say) does not build the whole pipeline's import graph.
"""

from __future__ import annotations

from typing import Any

__all__ = ["load_pipeline"]


def __getattr__(name: str) -> Any:
    if name == "load_pipeline":
        from kg.nlp.pipeline import load_pipeline

        return load_pipeline
    raise AttributeError(f"module 'kg.nlp' has no attribute {name!r}")
