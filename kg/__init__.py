"""il6-kg: turn biomedical papers into a knowledge graph of IL-6 biology.

The Python API for notebooks and scripts::

    import kg

    graph = kg.build_graph()          # the seed papers in data/papers
    rdf = graph.to_rdf()              # rdflib.Graph, Biolink vocabulary
    network = graph.to_networkx()     # networkx.MultiDiGraph
    nlp = kg.load_pipeline()          # spaCy Language: ents with label_/kb_id_
"""

from kg.build import build_graph, write_outputs
from kg.graph import KnowledgeGraph
from kg.nlp.pipeline import load_pipeline
from kg.query import run_query

__all__ = ["KnowledgeGraph", "__version__", "build_graph", "load_pipeline", "run_query", "write_outputs"]

__version__ = "0.1.0"
