"""The main job: read papers, extract, assemble, write every view."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.language import Language

from kg.assemble import merge_assertions, merge_concepts
from kg.export.formats import graphml_text, jsonld_text, ntriples_text, turtle_text
from kg.export.html import write_html
from kg.export.kgx import edges_tsv, nodes_tsv
from kg.extract import extract_documents
from kg.graph import KnowledgeGraph
from kg.io import atomic_write_text
from kg.nlp.pipeline import load_pipeline
from kg.sources import read_inputs
from kg.store import write_store_ntriples

__all__ = ["BuildOutputs", "build_graph", "default_inputs", "write_outputs", "write_store"]

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

logger = logging.getLogger(__name__)


def default_inputs() -> list[Path]:
    """Return the embedded default corpus: the seed papers in ``data/papers``."""
    packaged = resources.files("kg") / "data" / "papers"
    if packaged.is_dir():
        return [Path(str(packaged))]
    return [Path(__file__).resolve().parents[1] / "data" / "papers"]


def build_graph(
    inputs: Iterable[str | Path] | None = None,
    *,
    nlp: Language | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> KnowledgeGraph:
    """Read papers and build the knowledge graph.

    Parameters
    ----------
    inputs
        Files and folders of papers; ``None`` for the seed papers.
    nlp
        A pipeline from :func:`kg.load_pipeline`; built when ``None``.
    on_progress
        Called with ``(documents_done, documents_total)`` after each paper.

    Returns
    -------
    KnowledgeGraph
        Files that could not be read are listed in ``graph.problems``.
    """
    paths = [Path(item) for item in inputs] if inputs is not None else default_inputs()
    read = read_inputs(paths)
    nlp = nlp or load_pipeline()
    concepts, mentions, links, assertions = [], [], [], []
    total = len(read.documents)
    for done, extraction in enumerate(extract_documents(nlp, read.documents), start=1):
        concepts.extend(extraction.concepts)
        mentions.extend(extraction.mentions)
        links.extend(extraction.links)
        assertions.extend(extraction.assertions)
        if on_progress is not None:
            on_progress(done, total)
    return KnowledgeGraph(
        documents=read.documents,
        concepts=merge_concepts(concepts),
        mentions=tuple(sorted(mentions, key=lambda m: (m.document_id, m.start, m.end, m.curie))),
        links=tuple(sorted(set(links), key=lambda link: (link.document_id, link.curie, link.via))),
        assertions=merge_assertions(assertions),
        problems=read.problems,
    )


@dataclass(frozen=True, slots=True)
class BuildOutputs:
    """Paths of the files :func:`write_outputs` wrote."""

    turtle: Path
    nodes: Path
    edges: Path
    html: Path
    ntriples: Path | None = None
    jsonld: Path | None = None
    graphml: Path | None = None
    store: Path | None = None


def write_outputs(graph: KnowledgeGraph, out_dir: Path) -> BuildOutputs:
    """Write every view, each atomically.

    ``graph.ttl``, ``graph.nt``, ``graph.jsonld`` (RDF), ``nodes.tsv`` and
    ``edges.tsv`` (KGX), ``graph.graphml`` (NetworkX view), ``graph.html``
    and the Oxigraph store ``store`` (see :func:`write_store`).

    Parameters
    ----------
    graph
        The graph to write.
    out_dir
        Destination folder (created if missing).
    """
    out_dir = Path(out_dir)
    outputs = BuildOutputs(
        turtle=out_dir / "graph.ttl",
        nodes=out_dir / "nodes.tsv",
        edges=out_dir / "edges.tsv",
        html=out_dir / "graph.html",
    )
    rdf = graph.to_rdf()
    atomic_write_text(outputs.turtle, turtle_text(rdf))
    atomic_write_text(outputs.nodes, nodes_tsv(graph))
    atomic_write_text(outputs.edges, edges_tsv(graph))
    view = graph.to_networkx()
    write_html(view, outputs.html, title="il6-kg: knowledge graph of IL-6 biology")
    return write_store(graph, out_dir, outputs, rdf=rdf, view=view)


def write_store(
    graph: KnowledgeGraph,
    out_dir: Path,
    outputs: BuildOutputs | None = None,
    *,
    rdf: rdflib.Graph | None = None,
    view: nx.MultiDiGraph | None = None,
) -> BuildOutputs:
    """Write the N-Triples, JSON-LD and GraphML exports and the Oxigraph store.

    ``rdf`` and ``view`` are ``graph``'s RDF and NetworkX views when the
    caller already has them (they are not modified).
    """
    out_dir = Path(out_dir)
    rdf = rdf if rdf is not None else graph.to_rdf()
    view = view if view is not None else graph.to_networkx()
    outputs = outputs or BuildOutputs(
        turtle=out_dir / "graph.ttl",
        nodes=out_dir / "nodes.tsv",
        edges=out_dir / "edges.tsv",
        html=out_dir / "graph.html",
    )
    ntriples = ntriples_text(rdf)
    outputs = replace(
        outputs,
        ntriples=out_dir / "graph.nt",
        jsonld=out_dir / "graph.jsonld",
        graphml=out_dir / "graph.graphml",
    )
    atomic_write_text(outputs.ntriples, ntriples)
    atomic_write_text(outputs.jsonld, jsonld_text(rdf))
    atomic_write_text(outputs.graphml, graphml_text(view))
    outputs = replace(outputs, store=write_store_ntriples(ntriples.encode("utf-8"), out_dir))
    logger.info("wrote graph files to %s", out_dir)
    return outputs
