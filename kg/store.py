"""The persisted RDF store: an Oxigraph database behind rdflib (``oxrdflib``).

The canonical graph is :class:`kg.graph.KnowledgeGraph`; the store is a view
of its RDF rendering that the build writes into ``build/store`` so that
``kg query`` and ``kg serve`` reopen it in milliseconds instead of parsing
Turtle again.

Layout: ``build/store`` is a symbolic link to ``build/.store-<digest>``, a
complete Oxigraph directory named after the digest of its N-Triples. A new
build loads a fresh directory and then swaps the link with one atomic
``rename``, so a reader sees the old store or the whole new one, never a
half-written database; the previous directory is removed afterwards.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox
from oxrdflib.store import OxigraphStore
from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.export.formats import ntriples_text

__all__ = [
    "STORE_NAME",
    "StoreError",
    "is_store",
    "memory_copy",
    "memory_store",
    "open_store",
    "oxigraph_store",
    "resolve_store_path",
    "store_name",
    "update_store",
    "write_store",
    "write_store_file",
    "write_store_ntriples",
]

STORE_NAME = "store"
_DATA_PREFIX = ".store-"
_STAGING_PREFIX = ".store-tmp-"


class StoreError(OSError):
    """A store that is missing or cannot be opened; the message says which and why."""


def is_store(path: Path) -> bool:
    """Return whether ``path`` is an Oxigraph store directory (or a link to one)."""
    path = Path(path)
    return path.is_dir() and (path / "CURRENT").is_file()


def resolve_store_path(path: Path) -> Path:
    """Return the store directory for a store path or a build folder holding ``store``."""
    path = Path(path)
    if is_store(path):
        return path
    if is_store(path / STORE_NAME):
        return path / STORE_NAME
    raise StoreError(f"no RDF store at {path}; run `kg build` first")


def _bind_prefixes(target: Graph, source: Graph) -> None:
    for prefix, namespace in source.namespaces():
        target.bind(prefix, namespace, override=True, replace=True)


def open_store(path: Path, *, bind_from: Graph | None = None) -> Graph:
    """Open a persisted store read-only as an rdflib ``Graph``.

    Read-only because several processes (``kg query``, the ``kg serve``
    workers) may hold the same store at once; a read-write Oxigraph open
    takes an exclusive lock.

    Parameters
    ----------
    path
        A store directory, or a build folder that contains ``store``.
    bind_from
        Optional graph whose prefix bindings are copied (for nicer output).

    Raises
    ------
    StoreError
        If there is no store there or it cannot be opened.
    """
    directory = resolve_store_path(path)
    try:
        inner = ox.Store.read_only(str(directory))
    except OSError as error:
        raise StoreError(f"cannot open the RDF store at {directory}: {error}") from error
    return _as_graph(inner, bind_from)


def _as_graph(inner: ox.Store, bind_from: Graph | None) -> Graph:
    """Wrap a pyoxigraph store as an rdflib ``Graph`` over its default graph."""
    # The data live in Oxigraph's default graph: give the rdflib Graph that identity.
    graph = Graph(store=OxigraphStore(store=inner), identifier=DATASET_DEFAULT_GRAPH_ID)
    if bind_from is not None:
        _bind_prefixes(graph, bind_from)
    return graph


def memory_store(rdf: Graph) -> Graph:
    """Return a new in-memory Oxigraph-backed ``Graph`` holding a copy of ``rdf``.

    For small graphs and tests: same engine as the persisted store, nothing
    written to disk. ``rdf`` is not modified.
    """
    inner = ox.Store()
    inner.bulk_load(ntriples_text(rdf).encode("utf-8"), ox.RdfFormat.N_TRIPLES)
    return _as_graph(inner, rdf)


def memory_copy(path: Path, *, bind_from: Graph | None = None) -> Graph:
    """Copy a persisted store into memory and return it as an rdflib ``Graph``.

    For long-running readers (``kg serve --memory``, a notebook asking many
    questions): Oxigraph answers 2-4x faster from memory than from RocksDB,
    at the price of loading the graph first (~8 s of CPU and ~0.4 GB per
    million triples) instead of opening it in milliseconds.

    Parameters
    ----------
    path
        A store directory, or a build folder that contains ``store``.
    bind_from
        Optional graph whose prefix bindings are copied (for nicer output).

    Raises
    ------
    StoreError
        If there is no store there or it cannot be read.
    """
    directory = resolve_store_path(path)
    inner = ox.Store()
    try:
        # N-Quads out of RocksDB and bulk-loaded back, both in Rust.
        quads = ox.Store.read_only(str(directory)).dump(format=ox.RdfFormat.N_QUADS)
        inner.bulk_load(quads, ox.RdfFormat.N_QUADS)
    except OSError as error:
        raise StoreError(f"cannot read the RDF store at {directory}: {error}") from error
    return _as_graph(inner, bind_from)


def oxigraph_store(graph: Graph) -> ox.Store | None:
    """Return the pyoxigraph store behind a graph from :func:`open_store` or :func:`memory_store`.

    :mod:`kg.query` runs SPARQL on it directly (no rdflib parsing, no
    per-term conversion through rdflib). ``None`` for any other graph.
    """
    store = graph.store
    if isinstance(store, OxigraphStore) and graph.identifier == DATASET_DEFAULT_GRAPH_ID:
        # oxrdflib keeps the wrapped pyoxigraph store here; tests/test_store.py pins it.
        return store._inner
    return None


def write_store(rdf: Graph, out_dir: Path) -> Path:
    """Write ``rdf`` as an Oxigraph store at ``out_dir/store``, atomically.

    Parameters
    ----------
    rdf
        The RDF view (``KnowledgeGraph.to_rdf()``); not modified.
    out_dir
        The build folder (created if missing).

    Returns
    -------
    Path
        ``out_dir/store`` (a link to the data directory).
    """
    return write_store_ntriples(ntriples_text(rdf).encode("utf-8"), out_dir)


def write_store_ntriples(ntriples: bytes, out_dir: Path) -> Path:
    """Write N-Triples bytes as the store of ``out_dir`` (see :func:`write_store`)."""
    digest = hashlib.sha256(ntriples).hexdigest()
    return _install(out_dir, digest, lambda store: store.bulk_load(ntriples, ox.RdfFormat.N_TRIPLES))


def write_store_file(ntriples_path: Path, sha256: str, out_dir: Path) -> Path:
    """Bulk-load an N-Triples file as the store of ``out_dir`` (see :func:`write_store`).

    Parameters
    ----------
    ntriples_path
        The N-Triples file (streamed by Oxigraph, never held in memory).
    sha256
        Hex SHA-256 of the file's bytes (names the store directory: an
        unchanged graph is not loaded again).
    out_dir
        The build folder.
    """
    path = str(ntriples_path)
    # Lenient: our own writer made the file and refuses IRIs that cannot be written
    # (kg.export.rdf_text); Oxigraph's second validation of 3M triples cost a fifth of the load.
    return _install(
        out_dir, sha256, lambda store: store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    )


def update_store(
    out_dir: Path, sha256: str, subjects: Iterable[str], ntriples: bytes, *, previous: str
) -> Path | None:
    """Make the store of ``out_dir`` the previous one with some subjects' triples replaced.

    The previous store is copied with hard links (``Store.backup``; its files
    are immutable), the triples of ``subjects`` are removed from the copy and
    ``ntriples`` inserted, and the copy replaces the store as
    :func:`write_store_file` does. For a small change this takes a fraction of
    a second where loading every triple again takes most of a minute.

    Parameters
    ----------
    out_dir
        The build folder.
    sha256
        Hex SHA-256 of the new ``graph.nt`` (names the store directory).
    subjects
        IRIs (without ``<>``) whose triples are replaced.
    ntriples
        The new triples of those subjects.
    previous
        Name of the store directory the caller's previous files describe.

    Returns
    -------
    Path or None
        ``out_dir/store``; ``None`` if the current store is not ``previous``
        (nothing was done: load the whole store instead).
    """
    out_dir = Path(out_dir)
    link = out_dir / STORE_NAME
    if not link.is_symlink() or os.readlink(link) != previous or not is_store(out_dir / previous):
        return None
    source = ox.Store.read_only(str(out_dir / previous))
    staging = out_dir / f"{_STAGING_PREFIX}{os.getpid()}-{sha256[:16]}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        source.backup(str(staging))
        del source

        def change(store: ox.Store) -> None:
            for subject in subjects:
                node = ox.NamedNode(subject)
                for quad in list(store.quads_for_pattern(node, None, None, None)):
                    store.remove(quad)
            if ntriples:
                store.load(ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=True)  # ours, as above

        return _install(out_dir, sha256, change, staging=staging, optimize=False)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def store_name(out_dir: Path) -> str | None:
    """Name of the store directory ``out_dir/store`` links to, if any."""
    link = Path(out_dir) / STORE_NAME
    return os.readlink(link) if link.is_symlink() else None


def _install(
    out_dir: Path,
    sha256: str,
    load: Callable[[ox.Store], None],
    *,
    staging: Path | None = None,
    optimize: bool = True,
) -> Path:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    link = out_dir / STORE_NAME
    digest = sha256[:16]
    target = out_dir / f"{_DATA_PREFIX}{digest}"
    current = os.readlink(link) if link.is_symlink() else None
    if current != target.name or not is_store(target):
        if staging is None:
            staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=out_dir))
        try:
            _load_directory(staging, load, optimize=optimize)
            # mkdtemp makes a private directory; give the store the usual permissions.
            staging.chmod(0o777 & ~_current_umask())
            if target.exists():
                shutil.rmtree(target)
            os.replace(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _swap_link(link, target.name)
    _remove_stale(out_dir, keep=target.name)
    return link


def _load_directory(directory: Path, load: Callable[[ox.Store], None], *, optimize: bool = True) -> None:
    store = ox.Store(str(directory))
    try:
        load(store)
        store.flush()
        if optimize:
            store.optimize()
    finally:
        # Dropping the last reference closes RocksDB and releases its lock.
        del store


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _swap_link(link: Path, target_name: str) -> None:
    if link.exists() and not link.is_symlink():
        # A store directory from an older layout: move it aside, then link.
        os.replace(link, link.with_name(f"{_DATA_PREFIX}legacy"))
    temp_link = link.with_name(f".{STORE_NAME}.link.tmp")
    temp_link.unlink(missing_ok=True)
    os.symlink(target_name, temp_link)
    os.replace(temp_link, link)


def _remove_stale(out_dir: Path, keep: str) -> None:
    for entry in out_dir.iterdir():
        stale = entry.name.startswith(_DATA_PREFIX) and not entry.name.startswith(_STAGING_PREFIX)
        if stale and entry.name != keep and entry.is_dir():
            # Readers that still hold the old files keep them until they close (POSIX).
            shutil.rmtree(entry, ignore_errors=True)
