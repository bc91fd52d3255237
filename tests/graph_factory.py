"""Hand-built NetworkX graphs in the schema of ``KnowledgeGraph.to_networkx()``.

Used by the viewer tests and ``benchmarks/viewer_scale.py``; the generator is
seeded, so the same arguments always give the same graph.
"""

from __future__ import annotations

import random

import networkx as nx

from kg.model import Evidence

CATEGORIES = (
    "biolink:Gene",
    "biolink:Cell",
    "biolink:BiologicalProcess",
    "biolink:Drug",
    "biolink:Disease",
    "biolink:ChemicalEntity",
)
PREDICATES = ("biolink:affects", "biolink:regulates", "biolink:associated_with")


def synthetic_graph(concepts: int, claims: int, papers: int = 200, seed: int = 7) -> nx.MultiDiGraph:
    """A random graph with ``concepts`` concepts, ``claims`` assertions and ``papers`` papers.

    Degrees are skewed (preferential attachment) like a real literature graph;
    every assertion has one to three evidence sentences with subject/object offsets.
    """
    rng = random.Random(seed)
    graph = nx.MultiDiGraph(name="synthetic")
    curies = [f"SYN:{index:05d}" for index in range(concepts)]
    docs = [f"PMID:{30000000 + index}" for index in range(papers)]
    for doc in docs:
        graph.add_node(doc, category="biolink:Article", name=f"Paper {doc}", journal="J Syn", year=2020)
    for index, curie in enumerate(curies):
        named_in = tuple(sorted(rng.sample(docs, rng.randint(1, 3))))
        graph.add_node(
            curie,
            category=CATEGORIES[index % len(CATEGORIES)],
            name=f"concept {index}",
            iri=f"https://example.org/{curie}",
            grounded=index % 11 != 0,
            synonyms=(f"c{index}",),
            xrefs=(),
            mention_count=len(named_in),
            documents=named_in,
        )
        for doc in named_in:
            graph.add_edge(doc, curie, key=f"mentions:text:{doc}:{curie}", kind="mentions", via="text")
    weights = [1.0 / (1 + index) ** 0.8 for index in range(concepts)]
    for index in range(claims):
        source, target = rng.choices(curies, weights=weights, k=2)
        if source == target:
            target = curies[(curies.index(source) + 1) % concepts]
        evidence = []
        for _ in range(rng.randint(1, 3)):
            doc = rng.choice(docs)
            sentence = f"concept {source} may change concept {target} in cells."
            evidence.append(
                Evidence(
                    document_id=doc,
                    sentence=sentence,
                    sentence_start=0,
                    sentence_end=len(sentence),
                    subject_start=0,
                    subject_end=8 + len(source),
                    object_start=sentence.index("concept", 1),
                    object_end=sentence.index("concept", 1) + 8 + len(target),
                    extractor="synthetic",
                    extractor_version="1",
                    confidence=round(rng.uniform(0.3, 0.95), 2),
                )
            )
        graph.add_edge(
            source,
            target,
            key=f"kgedge:syn{index:06d}",
            kind="assertion",
            predicate=rng.choice(PREDICATES),
            object_aspect=None,
            object_direction=rng.choice(("increased", "decreased", None)),
            negated=rng.random() < 0.1,
            hedged=rng.random() < 0.1,
            belief=round(rng.uniform(0.3, 0.99), 3),
            cell_type=None,
            species=None,
            disease=None,
            condition=None,
            study_type=None,
            publications=tuple(sorted({e.document_id for e in evidence})),
            evidence=tuple(evidence),
            contradicts=(),
            context_dependent_with=(),
        )
    return graph
