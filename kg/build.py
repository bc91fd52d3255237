"""The main job: read papers, extract, assemble, write every view."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from spacy.language import Language

from kg.assemble import merge_assertions, merge_concepts
from kg.curated import curated_assertions
from kg.export.html import write_html
from kg.export.kgx import edges_tsv, nodes_tsv
from kg.extract import extract_documents
from kg.graph import KnowledgeGraph
from kg.io import atomic_write_text
from kg.nlp.pipeline import load_pipeline
from kg.sources import read_inputs

__all__ = ["BuildOutputs", "build_graph", "default_inputs", "write_outputs"]

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
    # Curated drug-target facts for the drugs the papers mention (manual_agent).
    curated = curated_assertions({c.curie for c in concepts})
    matcher = nlp.get_pipe("kg_vocabulary_ner")
    known = {c.curie for c in concepts}
    for assertion in curated:
        if assertion.object not in known and (target := matcher.concept(assertion.object)) is not None:
            concepts.append(target)
            known.add(target.curie)
    assertions.extend(a for a in curated if a.object in known)
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


def write_outputs(graph: KnowledgeGraph, out_dir: Path) -> BuildOutputs:
    """Write ``graph.ttl``, ``nodes.tsv``, ``edges.tsv`` and ``graph.html``, each atomically.

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
    atomic_write_text(outputs.turtle, graph.to_rdf().serialize(format="turtle"))
    atomic_write_text(outputs.nodes, nodes_tsv(graph))
    atomic_write_text(outputs.edges, edges_tsv(graph))
    write_html(graph.to_networkx(), outputs.html, title="il6-kg: knowledge graph of IL-6 biology")
    logger.info("wrote graph files to %s", out_dir)
    return outputs
