"""il6-kg: turn biomedical papers into a knowledge graph of IL-6 biology.

The Python API for notebooks and scripts::

    import kg

    graph = kg.build_graph()          # the seed papers in data/papers
    rdf = graph.to_rdf()              # rdflib.Graph, Biolink vocabulary
    network = graph.to_networkx()     # networkx.MultiDiGraph
    nlp = kg.load_pipeline()          # spaCy Language: ents with label_/kb_id_
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["KnowledgeGraph", "__version__", "build_graph", "load_pipeline", "run_query", "write_outputs"]

__version__ = "0.1.0"

# Imported on first use, so `kg query`, `kg serve` and its workers do not load spaCy.
_LAZY = {
    "build_graph": "kg.build",
    "write_outputs": "kg.build",
    "KnowledgeGraph": "kg.graph",
    "load_pipeline": "kg.nlp.pipeline",
    "run_query": "kg.query",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
