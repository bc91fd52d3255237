"""Write a build's files again after a small change, rendering only what changed.

A build folder keeps, beside its files, an index of each file's units (see
:mod:`kg.export.splice`) and the token of the graph the files show. When the
next build's graph comes with :class:`kg.incremental.GraphChanges` against
that same graph, each file is spliced: the units that may have changed are
rendered from a small sub-graph and every other unit is copied from the
previous file. Units and their sort keys:

* ``graph.nt``, ``graph.ttl``, ``graph.jsonld``: one unit per RDF subject;
* ``nodes.tsv``: one per concept, then one per paper;
* ``edges.tsv``: one per assertion, then the mention rows of each paper;
* ``graph.graphml``: one per node, then the out-edges of each node.

The Oxigraph store is updated by difference (:func:`kg.store.update_store`).
Anything unexpected (no index, another graph, a file that is not the one
indexed, export code that changed) means a full write; so does a graph whose
NetworkX view would have nodes that are neither concepts nor papers.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kg.cache import files_fingerprint
from kg.export.formats import GraphmlUnits
from kg.export.kgx import assertion_key, edge_units, edges_header, node_units, nodes_header
from kg.export.rdf import namespaces
from kg.export.rdf_text import JsonLdUnits, TurtleUnits, _iri, ntriples_unit, rdf_text
from kg.export.splice import UnitIndex, splice, write_units
from kg.graph import KnowledgeGraph
from kg.incremental import GraphChanges, assertions_with_keys
from kg.io import atomic_write_bytes

__all__ = ["INDEX_FORMAT", "OutputIndex", "export_fingerprint", "write_rdf_files", "write_table_files"]

logger = logging.getLogger(__name__)

INDEX_FORMAT = "il6kg-output-index 1"
_EXPORT_ROOT = Path(__file__).resolve().parent


def export_fingerprint() -> str:
    """Hash of the code that renders the files (a change means a full write)."""
    kg_root = _EXPORT_ROOT.parent
    paths = sorted(_EXPORT_ROOT.glob("*.py")) + [
        kg_root / name for name in ("namespaces.py", "model.py", "belief.py", "conflicts.py", "store.py")
    ]
    return files_fingerprint(INDEX_FORMAT.encode(), paths)


@dataclass(frozen=True, slots=True)
class OutputIndex:
    """The units of some files of a build folder, for the graph ``token``."""

    token: str
    fingerprint: str
    files: dict[str, UnitIndex]
    store: str | None = None

    def save(self, path: Path) -> None:
        """Write atomically (after the files it describes)."""
        plain = {
            "format": INDEX_FORMAT,
            "token": self.token,
            "fingerprint": self.fingerprint,
            "files": {name: index.to_plain() for name, index in self.files.items()},
            "store": self.store,
        }
        atomic_write_bytes(path, marshal.dumps(plain), durable=False)

    @classmethod
    def load(cls, path: Path, changes: GraphChanges | None) -> OutputIndex | None:
        """The index at ``path`` if it describes ``changes.previous`` and the current code, else None."""
        if changes is None or changes.previous is None or not changes.previous_token:
            return None
        try:
            plain = marshal.loads(path.read_bytes())
            if plain.get("format") != INDEX_FORMAT or plain.get("token") != changes.previous_token:
                return None
            if plain.get("fingerprint") != export_fingerprint():
                return None
            files = {name: UnitIndex.from_plain(value) for name, value in plain["files"].items()}
        except (OSError, EOFError, ValueError, TypeError, KeyError, AttributeError):
            return None
        if not all(index.matches(path.parent / name) for name, index in files.items()):
            return None
        return cls(plain["token"], plain["fingerprint"], files, plain.get("store"))


def _document_slice(records: tuple, documents: set[str]) -> list:
    return [record for record in records if record.document_id in documents]


# --- RDF ---------------------------------------------------------------------------------------


def _rdf_delta(graph: KnowledgeGraph, changes: GraphChanges) -> tuple[set[str], dict[str, list[str]]]:
    """Subjects that may have changed, and the new statements of those that still exist."""
    previous = changes.previous
    assert previous is not None
    keys = changes.assertions
    old_changed = assertions_with_keys(previous.assertions, keys)
    new_changed = assertions_with_keys(graph.assertions, keys)
    evidence = {e for a in old_changed for e in a.evidence} ^ {e for a in new_changed for e in a.evidence}
    evidence_documents = {e.document_id for e in evidence}
    dirty = {_iri(d) for d in changes.documents}
    dirty |= {_iri(c) for c in changes.concepts}
    dirty |= {_iri(f"kgedge:{a.id}") for a in (*old_changed, *new_changed)}
    dirty |= {_iri(f"kgev:{e.id}") for e in evidence}
    dirty |= {_iri(f"kgconflict:{c.id}") for c in changes.conflicts}
    # Every assertion with evidence from those papers, so each evidence node is complete.
    changed = {id(a) for a in new_changed}  # records of graph.assertions: compared by identity
    assertions = [
        a
        for a in graph.assertions
        if id(a) in changed or any(e.document_id in evidence_documents for e in a.evidence)
    ]
    ids = {a.id for a in new_changed}
    sub = KnowledgeGraph(
        documents=tuple(d for d in graph.documents if d.id in changes.documents),
        concepts=tuple(c for c in graph.concepts if c.curie in changes.concepts),
        mentions=(),
        links=tuple(_document_slice(graph.links, set(changes.documents))),
        assertions=tuple(assertions),
        conflicts=tuple(
            c for c in graph.conflicts if c.first in ids or c.second in ids or c in changes.conflicts
        ),
    )
    text = rdf_text(sub)
    return dirty, {s: items for s, items in text.statements.items() if s in dirty}


def _store_digest(changes: GraphChanges) -> str:
    """What names the store directory when the graph has a token: the token and the export code.

    The token names one assembled graph (a hash of what decides it, kept
    with its snapshot and in the indexes) and the export code decides the triples, so
    together they identify ``graph.nt`` without reading its hundreds of
    megabytes again to hash them.
    """
    return hashlib.sha256(f"{changes.token}\n{export_fingerprint()}".encode()).hexdigest()


def write_rdf_files(graph: KnowledgeGraph, out_dir: Path, changes: GraphChanges | None) -> None:
    """Write ``graph.nt``, ``graph.ttl``, ``graph.jsonld`` and the store, spliced when possible.

    The store is loaded (or updated) in a thread as soon as ``graph.nt`` is
    written: Oxigraph works in Rust without the GIL while Python writes the
    Turtle and JSON-LD files. The index is saved last.
    """
    from kg.store import store_name, update_store, write_store_file

    index_path = out_dir / ".kg-index-rdf"
    previous = OutputIndex.load(index_path, changes)
    index_path.unlink(missing_ok=True)
    names = namespaces()  # the same for every graph: see kg.export.rdf.namespaces
    turtle, jsonld = TurtleUnits(names), JsonLdUnits(names)
    paths = {name: out_dir / name for name in ("graph.nt", "graph.ttl", "graph.jsonld")}
    files: dict[str, UnitIndex] = {}
    with ThreadPoolExecutor(max_workers=1) as pool:
        if previous is not None and changes is not None:
            dirty, statements = _rdf_delta(graph, changes)
            fresh = sorted(statements)
            nt_units = {s: (ntriples_unit(s, statements[s]), None) for s in fresh}
            files["graph.nt"] = splice(
                paths["graph.nt"], previous.files["graph.nt"], b"", b"", b"", dirty, nt_units
            )
            sha256 = _store_digest(changes)
            inserted = b"".join(unit for unit, _ in nt_units.values())
            subjects = sorted(subject[1:-1] for subject in dirty)

            def store() -> None:
                done = previous.store and update_store(
                    out_dir, sha256, subjects, inserted, previous=previous.store
                )
                if not done:
                    write_store_file(paths["graph.nt"], sha256, out_dir)

            loading = pool.submit(store)
            ttl_units = {s: turtle.unit(s, statements[s]) for s in fresh}
            old_ttl = previous.files["graph.ttl"]
            used = {extra for key, extra in zip(old_ttl.keys, old_ttl.extra, strict=True) if key not in dirty}
            used |= {extra for _, extra in ttl_units.values()}
            files["graph.ttl"] = splice(
                paths["graph.ttl"], old_ttl, turtle.header(used), b"", b"", dirty, ttl_units
            )
            json_units = {s: (jsonld.unit(s, statements[s]), None) for s in fresh}
            files["graph.jsonld"] = splice(
                paths["graph.jsonld"],
                previous.files["graph.jsonld"],
                jsonld.header(not files["graph.nt"].keys),
                jsonld.separator,
                jsonld.footer,
                dirty,
                json_units,
            )
        else:
            text = rdf_text(graph)
            # Without a graph token the store is named by the file's SHA-256, hashed while writing.
            digest = None if changes is not None and changes.token else hashlib.sha256()
            units = ((s, ntriples_unit(s, text.statements[s]), None) for s in text.subjects)
            files["graph.nt"] = write_units(paths["graph.nt"], b"", b"", b"", units, digest)
            name = digest.hexdigest() if digest is not None else _store_digest(changes)
            loading = pool.submit(write_store_file, paths["graph.nt"], name, out_dir)
            ttl = [(s, *turtle.unit(s, text.statements[s])) for s in text.subjects]
            header = turtle.header(u[2] for u in ttl)
            files["graph.ttl"] = write_units(paths["graph.ttl"], header, b"", b"", ttl)
            del ttl
            json_all = ((s, jsonld.unit(s, text.statements[s]), None) for s in text.subjects)
            files["graph.jsonld"] = write_units(
                paths["graph.jsonld"],
                jsonld.header(not text.subjects),
                jsonld.separator,
                jsonld.footer,
                json_all,
            )
            del text
        loading.result()
    if changes is not None:
        OutputIndex(changes.token, export_fingerprint(), files, store_name(out_dir)).save(index_path)


# --- KGX and GraphML -----------------------------------------------------------------------------


def _regular(graph: KnowledgeGraph) -> bool:
    """Whether the NetworkX view's nodes are exactly the concepts, then the papers (no others)."""
    concepts = {c.curie for c in graph.concepts}
    documents = {d.id for d in graph.documents}
    if concepts & documents:
        return False
    return all(link.curie in concepts and link.document_id in documents for link in graph.links) and all(
        a.subject in concepts and a.object in concepts for a in graph.assertions
    )


def _graphml_key(kind: str, node: str, documents: set[str] | frozenset[str]) -> tuple:
    """Sort key of a GraphML unit: nodes before edges, concepts before papers (by ID)."""
    return (0 if kind == "node" else 1, 1 if node in documents else 0, node)


def write_table_files(graph: KnowledgeGraph, out_dir: Path, changes: GraphChanges | None) -> None:
    """Write ``nodes.tsv``, ``edges.tsv`` and ``graph.graphml`` (spliced when possible), then their index."""
    from kg.export.formats import graphml_text
    from kg.io import atomic_write_text

    index_path = out_dir / ".kg-index-tables"
    previous = OutputIndex.load(index_path, changes)
    index_path.unlink(missing_ok=True)
    regular = _regular(graph)
    paths = {name: out_dir / name for name in ("nodes.tsv", "edges.tsv", "graph.graphml")}
    files: dict[str, UnitIndex] = {}
    if previous is not None and changes is not None and regular and "graph.graphml" in previous.files:
        documents = set(changes.documents)
        node_dirty = {(0, c) for c in changes.concepts} | {(1, d) for d in documents}
        new_nodes = {
            key: (data, extra)
            for key, data, extra in node_units(graph, concepts=changes.concepts, documents=documents)
        }
        files["nodes.tsv"] = splice(
            paths["nodes.tsv"], previous.files["nodes.tsv"], nodes_header(), b"", b"", node_dirty, new_nodes
        )
        edge_dirty = {assertion_key(k) for k in changes.assertions} | {(1, d) for d in documents}
        new_edges = {
            key: (data, extra)
            for key, data, extra in edge_units(graph, assertions=changes.assertions, documents=documents)
        }
        files["edges.tsv"] = splice(
            paths["edges.tsv"], previous.files["edges.tsv"], edges_header(), b"", b"", edge_dirty, new_edges
        )
        files["graph.graphml"] = _splice_graphml(graph, changes, paths["graph.graphml"], previous)
    else:
        files["nodes.tsv"] = write_units(paths["nodes.tsv"], nodes_header(), b"", b"", node_units(graph))
        files["edges.tsv"] = write_units(paths["edges.tsv"], edges_header(), b"", b"", edge_units(graph))
        view = graph.to_networkx()
        if regular:
            papers = {d.id for d in graph.documents}
            graphml = GraphmlUnits(view)
            units = [(_graphml_key("node", node, papers), *graphml.node(node)) for node in view.nodes] + [
                (_graphml_key("edges", node, papers), *unit)
                for node in view.nodes
                if (unit := graphml.out_edges(node)) is not None
            ]
            header = graphml.header(keys for _, _, keys in units)
            files["graph.graphml"] = write_units(
                paths["graph.graphml"], header, b"\n", graphml.footer(bool(units)), units
            )
        else:
            atomic_write_text(paths["graph.graphml"], graphml_text(view))
    if not regular:
        files.pop("graph.graphml", None)
    if changes is not None and regular:
        OutputIndex(changes.token, export_fingerprint(), files).save(index_path)


def _splice_graphml(
    graph: KnowledgeGraph, changes: GraphChanges, path: Path, previous: OutputIndex
) -> UnitIndex:
    """GraphML spliced: changed concept and paper nodes, and the out-edges of changed sources."""
    assert changes.previous is not None
    usage = set(changes.concept_usage) | set(changes.concepts)
    documents = set(changes.documents)
    # A changed claim is one of the previous graph or of this one: its key starts with its subject.
    sources = {key[0] for key in changes.assertions}
    assertions = tuple(a for a in graph.assertions if a.subject in sources)
    ids = {a.id for a in assertions}
    sub = replace(
        graph,
        documents=tuple(d for d in graph.documents if d.id in documents),
        concepts=tuple(c for c in graph.concepts if c.curie in usage),
        mentions=tuple(m for m in graph.mentions if m.curie in usage),
        links=tuple(link for link in graph.links if link.curie in usage or link.document_id in documents),
        assertions=assertions,
        conflicts=tuple(c for c in graph.conflicts if c.first in ids or c.second in ids),
    )
    view = sub.to_networkx()
    graphml = GraphmlUnits(view)
    present = {c.curie for c in sub.concepts} | {d.id for d in sub.documents}
    fresh: dict[tuple, tuple[bytes, Any]] = {}
    for node in usage | documents:
        if node in present:
            fresh[_graphml_key("node", node, documents)] = graphml.node(node)
    for node in documents | sources:
        if node in present and (unit := graphml.out_edges(node)) is not None:
            fresh[_graphml_key("edges", node, documents)] = unit
    dirty = {_graphml_key("node", n, documents) for n in usage | documents}
    dirty |= {_graphml_key("edges", n, documents) for n in documents | sources}
    old = previous.files["graph.graphml"]
    # The header needs the keys in file order: kept and new units merged by key.
    order = sorted(
        [(key, extra) for key, extra in zip(old.keys, old.extra, strict=True) if key not in dirty]
        + [(key, value[1]) for key, value in fresh.items()],
        key=lambda item: item[0],
    )
    header = graphml.header(extra for _, extra in order)
    has_units = bool(order)
    return splice(path, old, header, b"\n", graphml.footer(has_units), dirty, fresh)
