"""The direct RDF writers (N-Triples, Turtle, JSON-LD) and GraphML agree with rdflib and NetworkX."""

from __future__ import annotations

import hashlib
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.build import viewer_graph
from kg.conflicts import Conflict, ConflictKind
from kg.export.formats import graphml_text, ntriples_text
from kg.export.rdf_text import rdf_text, write_jsonld, write_ntriples, write_turtle
from kg.graph import KnowledgeGraph
from kg.io import atomic_stream
from kg.model import Aspect, Assertion, Concept, Context, Direction, Document, Evidence, MentionLink

# Text that needs escaping in N-Triples, Turtle, JSON and XML.
AWKWARD = 'a "quoted" \\ back\\slash\nnew line\r\ttab & <tag> \u2028 sep \u00e9\u03a6 \U0001f600 "'


def _evidence(document: str, sentence: str, *, novel: bool | None, hedged: bool = False) -> Evidence:
    return Evidence(
        document,
        sentence,
        0,
        len(sentence),
        0,
        4,
        10,
        14,
        "il6kg.rules",
        "1",
        0.87654321,
        hedged=hedged,
        novel=novel,
    )


def awkward_graph() -> KnowledgeGraph:
    """Every optional field set somewhere, and literals that need escaping."""
    documents = (
        Document(
            "PMID:1",
            f"Title {AWKWARD}",
            f"Abstract {AWKWARD}",
            "one.jsonl",
            journal="J & <J>",
            year=2020,
            doi="10.1/x",
            pmid="1",
            authors=("Müller A", 'O"Brien'),
            keywords=("IL-6", AWKWARD),
            mesh_terms=("Interleukin-6",),
            publication_types=("Journal Article",),
        ),
        Document("PMID:2", "", "", "two.txt"),
    )
    concepts = (
        Concept(
            "GO:0001525", "biolink:BiologicalProcess", "angiogenesis", synonyms=(AWKWARD, ""), xrefs=("x:1",)
        ),
        Concept("HGNC:6018", "biolink:Gene", "IL6"),
        Concept("kgtext:some_thing", "biolink:NamedThing", "some thing", grounded=False),
    )
    context = Context(
        cell_type="CL:0000235",
        species="NCBITaxon:9606",
        disease="MONDO:0007254",
        condition="CHEBI:15365",
        study_type="in vitro",
    )
    up = Assertion(
        "HGNC:6018",
        "biolink:affects",
        "GO:0001525",
        Aspect.ACTIVITY,
        Direction.INCREASED,
        context=context,
        evidence=(
            _evidence("PMID:1", AWKWARD, novel=True),
            _evidence("PMID:2", "IL-6 drives it.", novel=False),
        ),
    )
    down = Assertion(
        "HGNC:6018",
        "biolink:affects",
        "GO:0001525",
        None,
        Direction.DECREASED,
        negated=True,
        evidence=(_evidence("PMID:2", "may not", novel=None, hedged=True),),
    )
    conflicts = (
        Conflict(ConflictKind.CONTEXT_DEPENDENT, *sorted((up.id, down.id)), ("cell_type", "species")),
        Conflict(ConflictKind.CONTRADICTS, *sorted((up.id, down.id))),
    )
    links = (
        MentionLink("PMID:1", "GO:0001525", "text"),
        MentionLink("PMID:1", "GO:0001525", "keyword"),
        MentionLink("PMID:2", "kgtext:some_thing", "mesh"),
    )
    return KnowledgeGraph(documents, concepts, (), links, (up, down), conflicts=conflicts)


def _write_all(graph: KnowledgeGraph, folder: Path) -> dict[str, bytes]:
    text = rdf_text(graph)
    digest = write_ntriples(text, folder / "graph.nt")
    assert digest == hashlib.sha256((folder / "graph.nt").read_bytes()).hexdigest()
    write_turtle(text, folder / "graph.ttl")
    write_jsonld(text, folder / "graph.jsonld")
    return {name: (folder / name).read_bytes() for name in ("graph.nt", "graph.ttl", "graph.jsonld")}


@pytest.mark.parametrize("which", ["seed", "awkward"])
def test_writers_match_rdflib(which: str, seed_graph, tmp_path: Path) -> None:
    graph = seed_graph if which == "seed" else awkward_graph()
    reference = graph.to_rdf()
    files = _write_all(graph, tmp_path)
    # N-Triples: byte for byte what rdflib gives; Turtle and JSON-LD: the same graph.
    assert files["graph.nt"] == ntriples_text(reference).encode("utf-8")
    for name, fmt in (("graph.ttl", "turtle"), ("graph.jsonld", "json-ld")):
        parsed = Graph().parse(tmp_path / name, format=fmt)
        assert len(parsed) == len(reference), name
        assert isomorphic(parsed, reference), name


def test_writers_are_deterministic(seed_graph, tmp_path: Path) -> None:
    first = _write_all(seed_graph, tmp_path / "a")
    shuffled = KnowledgeGraph(
        documents=seed_graph.documents[::-1],
        concepts=seed_graph.concepts[::-1],
        mentions=seed_graph.mentions,
        links=seed_graph.links[::-1],
        assertions=seed_graph.assertions[::-1],
        conflicts=seed_graph.conflicts[::-1],
    )
    assert _write_all(shuffled, tmp_path / "b") == first
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["graph.jsonld", "graph.nt", "graph.ttl"]


def test_atomic_stream_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "graph.nt"
    target.write_bytes(b"old\n")
    with pytest.raises(RuntimeError), atomic_stream(target) as stream:
        stream.write(b"half of the new")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old\n"
    assert [path.name for path in tmp_path.iterdir()] == ["graph.nt"]
    with atomic_stream(target) as stream:
        stream.write(b"new\n")
    assert target.read_bytes() == b"new\n"
    assert [path.name for path in tmp_path.iterdir()] == ["graph.nt"]


def _networkx_graphml(view: nx.MultiDiGraph) -> str:
    """The previous implementation: NetworkX's own writer on a stringified copy."""
    from kg.export.formats import _graphml_attributes

    copy = nx.MultiDiGraph()
    copy.graph.update(_graphml_attributes(dict(view.graph)))
    for node, attributes in view.nodes(data=True):
        copy.add_node(node, **_graphml_attributes(attributes))
    for source, target, key, attributes in view.edges(keys=True, data=True):
        copy.add_edge(source, target, key=key, **_graphml_attributes(attributes))
    return "\n".join(nx.generate_graphml(copy, prettyprint=True, named_key_ids=True)) + "\n"


@pytest.mark.parametrize("which", ["seed", "awkward"])
def test_graphml_is_networkx_output_byte_for_byte(which: str, seed_graph) -> None:
    view = (seed_graph if which == "seed" else awkward_graph()).to_networkx()
    view.add_node('odd "id" & <x>\n', name="", weight=1.5, flag=False)
    assert graphml_text(view) == _networkx_graphml(view)


def test_viewer_graph_keeps_the_concepts_with_most_evidence(seed_graph) -> None:
    assert viewer_graph(seed_graph) is seed_graph
    shown = viewer_graph(seed_graph, limit=5)
    kept = {concept.curie for concept in shown.concepts}
    assert len(kept) == 5
    assert shown.documents == seed_graph.documents
    assert all(a.subject in kept and a.object in kept for a in shown.assertions)
    assert {a.id for a in shown.assertions} == {
        a.id for a in seed_graph.assertions if a.subject in kept and a.object in kept
    }
    # The most discussed concept of the seeds (IL-6) is always kept.
    assert "HGNC:6018" in kept


def test_viewer_graph_keeps_disputed_claims_then_the_best_supported(seed_graph) -> None:
    disputed = {end for c in seed_graph.conflicts for end in (c.first, c.second)}
    assert disputed and len(seed_graph.assertions) > len(disputed) + 3
    limit = len(disputed) + 3
    shown = viewer_graph(seed_graph, claim_limit=limit)
    assert len(shown.concepts) == len(seed_graph.concepts)  # few concepts: only claims are cut
    ids = [a.id for a in shown.assertions]
    assert len(ids) == limit and disputed <= set(ids)
    # The rest are the claims with most evidence sentences, in the graph's order.
    others = [a for a in seed_graph.assertions if a.id not in disputed]
    best = sorted(others, key=lambda a: (-len(a.evidence), a.id))[:3]
    assert set(ids) - disputed == {a.id for a in best}
    assert ids == [a.id for a in seed_graph.assertions if a.id in set(ids)]
    assert shown.conflicts == seed_graph.conflicts
    # Below the number of disputed claims, a conflict is kept only with both of its claims.
    few = viewer_graph(seed_graph, claim_limit=1)
    assert len(few.assertions) == 1 and not few.conflicts


def test_graphml_values_are_the_generic_json_of_every_attribute(seed_graph) -> None:
    """The fast paths for CURIE tuples and evidence records write what the generic encoder writes."""
    import json

    from kg.export.formats import _graphml_value, _jsonable
    from kg.model import Context, Evidence

    def generic(value):
        if isinstance(value, (bool, int, float, str)):
            return value
        return json.dumps(_jsonable(value), sort_keys=True, ensure_ascii=False)

    values = [
        ("HGNC:6018", 'odd "quoted" é \u2028 <x> & \\ \n'),
        (Evidence("PMID:1", 'IL-6 "up" é\n', 0, 9, 0, 4, 5, 7, "rules", "1", 0.25, True, False, None),),
        (Context(cell_type="CL:0000235"), Context()),  # records with None fields
        ("a", 1),  # mixed: the generic path
        (),
    ]
    for graph in (seed_graph, awkward_graph()):
        view = graph.to_networkx()
        values += [value for _, attributes in view.nodes(data=True) for value in attributes.values()]
        values += [
            value for *_, attributes in view.edges(keys=True, data=True) for value in attributes.values()
        ]
    checked = 0
    for value in values:
        if value is None or hasattr(value, "value"):  # left out / enum members: written as their value
            continue
        assert _graphml_value(value) == generic(value), value
        checked += 1
    assert checked > 100
