"""The main job: read papers, extract, assemble, write every view."""

from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.cache import ExtractionCache, document_key, pipeline_fingerprint
from kg.codec import ExtractionParts, decode_concepts, decode_parts, encode_concepts
from kg.gcpause import paused_gc
from kg.graph import KnowledgeGraph
from kg.incremental import AssemblyState, GraphChanges, assemble, assembly_fingerprint, update
from kg.model import Concept, Document, DocumentProblem
from kg.parallel import DaskBackend, LocalBackend, PipelineSpec, ProcessBackend
from kg.snapshot import SnapshotError, decode_graph, encode_graph
from kg.sources import iter_documents

if TYPE_CHECKING:  # spaCy is imported only where a pipeline runs (not for a rebuild that extracts aside)
    from spacy.language import Language

__all__ = [
    "BuildOutputs",
    "BuildRun",
    "build_graph",
    "default_inputs",
    "run_build",
    "viewer_graph",
    "wait_for_snapshot",
    "write_outputs",
]

logger = logging.getLogger(__name__)


def default_inputs() -> list[Path]:
    """Return the embedded default corpus: the seed papers in ``data/papers``."""
    packaged = resources.files("kg") / "data" / "papers"
    if packaged.is_dir():
        return [Path(str(packaged))]
    return [Path(__file__).resolve().parents[1] / "data" / "papers"]


@dataclass(frozen=True, slots=True)
class BuildRun:
    """A built graph and how much work it took."""

    graph: KnowledgeGraph
    extracted: int
    reused: int
    changes: GraphChanges | None = None


def build_graph(
    inputs: Iterable[str | Path] | None = None,
    *,
    nlp: Language | None = None,
    on_progress: Callable[[int, int | None], None] | None = None,
    cache_dir: Path | None = None,
    workers: int = 1,
    dask: Any = None,
    pipeline: PipelineSpec | None = None,
) -> KnowledgeGraph:
    """Read papers and build the knowledge graph.

    Parameters
    ----------
    inputs
        Files and folders of papers; ``None`` for the seed papers.
    nlp
        A pipeline from :func:`kg.load_pipeline` for in-process extraction;
        built from ``pipeline`` when ``None`` (and only if something needs
        extracting).
    on_progress
        Called with ``(documents_done, None)`` as papers are done (the total
        is unknown: inputs are streamed).
    cache_dir
        Per-document extraction cache (see :mod:`kg.cache`); ``None`` for none.
        With a cache, only new or changed documents are extracted.
    workers
        Extraction processes on this machine (each loads the pipeline once).
    dask
        A Dask scheduler address (or ``distributed.Client``): extract on that
        cluster instead.
    pipeline
        Pipeline settings for workers (default: the built-in pipeline).

    Returns
    -------
    KnowledgeGraph
        Identical whatever the cache state, worker count or backend. Files
        that could not be read are listed in ``graph.problems``.
    """
    return run_build(
        inputs,
        nlp=nlp,
        on_progress=on_progress,
        cache_dir=cache_dir,
        workers=workers,
        dask=dask,
        pipeline=pipeline,
    ).graph


def run_build(
    inputs: Iterable[str | Path] | None = None,
    *,
    nlp: Language | None = None,
    on_progress: Callable[[int, int | None], None] | None = None,
    cache_dir: Path | None = None,
    workers: int = 1,
    dask: Any = None,
    pipeline: PipelineSpec | None = None,
    batch_size: int = 32,
    extract_aside: bool = False,
) -> BuildRun:
    """Like :func:`build_graph`, and also report how many documents were extracted or reused.

    With a cache, the assembled graph is kept there too (:mod:`kg.snapshot`)
    and the next build applies only the papers that changed to it
    (:mod:`kg.incremental`); ``BuildRun.changes`` then says what changed, for
    :func:`write_outputs`. With ``extract_aside`` (``kg build`` sets it), such
    a build starts a worker process at once, which loads the pipeline while
    this one reads the papers and decodes the previous assembly, and extracts
    the new papers there (stopped unused if none changed; a script calling this needs the
    ``if __name__ == "__main__":`` guard that ``multiprocessing`` asks for).
    With ``extract_aside`` the snapshot is also encoded and written by a
    forked copy of this process while this one goes on (to
    :func:`write_outputs`, which waits for it at its end, as does the next
    build and the exit of this process; see :func:`wait_for_snapshot`).
    """
    wait_for_snapshot()  # a build of this process may still be writing its snapshot aside
    paths = [Path(item) for item in inputs] if inputs is not None else default_inputs()
    spec = pipeline or PipelineSpec()
    cache, memo = None, None
    if cache_dir is not None:
        settings = repr(spec) if nlp is None or workers > 1 or dask is not None else _config_hash(nlp)
        extra = [Path(spec.vocabulary_path)] if spec.vocabulary_path else []
        memo = Path(cache_dir) / _FINGERPRINT_MEMO
        fingerprint = pipeline_fingerprint(settings, extra, memo=memo)
        cache = ExtractionCache(Path(cache_dir), fingerprint)
        if dask is None and spec.lexicon_cache is None:  # workers of this machine keep the lexicon here
            spec = replace(spec, lexicon_cache=str(cache.extra_path(_LEXICON_TABLES)))
    # With a snapshot of the previous assembly, cached papers are decoded only if they changed.
    lazy = cache is not None and cache.has_extra(_SNAPSHOT)
    documents: dict[str, Document] = {}
    parts: dict[str, ExtractionParts] = {}
    keys: dict[str, str] = {}
    problems: list[DocumentProblem] = []
    done = 0

    def progress() -> None:
        if on_progress is not None:
            on_progress(done, None)

    def to_extract() -> Iterator[list[Document]]:
        nonlocal done
        batch: list[Document] = []
        for item in iter_documents(paths):
            if isinstance(item, DocumentProblem):
                problems.append(item)
                continue
            documents[item.id] = item
            keys[item.id] = key = document_key(item)
            if lazy and cache is not None and cache.has(key):
                done += 1
                progress()
                continue
            payload = cache.get(key) if cache is not None else None
            if payload is not None:
                try:
                    parts[item.id] = decode_parts(payload)
                    done += 1
                    progress()
                    continue
                except ValueError:
                    logger.warning("damaged cache entry for %s: extracting again", item.id)
            batch.append(item)
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch
        if lazy and cache is not None:
            # Every paper is read and the last batch submitted: while a worker process
            # extracts, this one decodes the previous assembly.
            previous.append(_load_snapshot(cache))
            if extract_aside:
                _use_the_wait()

    previous: list[tuple[AssemblyState, str] | None] = []
    extracted = 0
    lexicons_loaded = _loaded_lexicons()
    # An incremental build extracts in a worker process (started only if something
    # needs extracting), so that this process decodes the snapshot meanwhile.
    local_worker = extract_aside and lazy and nlp is None and workers == 1 and dask is None
    with _backend(spec, nlp, workers, dask, process=local_worker) as backend:
        if local_worker:
            # Most rebuilds add or change papers: the worker loads the pipeline (seconds)
            # while this process reads the papers and decodes the snapshot.
            backend.start()
        # Where the extraction runs elsewhere, this process only gathers acyclic records
        # while the workers use the cores: its collector's walks of them would be wasted.
        gathering = nullcontext() if isinstance(backend, LocalBackend) else paused_gc()
        with gathering:
            for batch, payloads in backend.map(to_extract()):
                for document, payload in zip(batch, payloads, strict=True):
                    if cache is not None:
                        cache.put(keys[document.id], payload)
                    parts[document.id] = decode_parts(payload)
                    extracted += 1
                    done += 1
                    progress()
        logger.info("%d documents extracted, %d reused from the cache", extracted, len(documents) - extracted)
        lookup = _concept_lookup(nlp if nlp is not None else getattr(backend, "nlp", None), spec, backend)
        remembered = _RememberedConcepts(cache, lookup) if cache is not None else None
        concept_lookup = remembered or lookup
        state, changes = None, None
        with paused_gc():  # hundreds of thousands of acyclic records: see kg.gcpause
            if previous and previous[0] is not None and cache is not None:
                update = _update_snapshot(
                    cache, *previous[0], documents, keys, parts, problems, concept_lookup
                )
                if update is not None:
                    state, changes = update
            if state is None:
                for document_id in documents.keys() - parts.keys():
                    parts[document_id] = _cached_parts(cache, keys[document_id])
                state = assemble(documents, parts, keys, problems, concept_lookup)
        if remembered is not None:
            remembered.save()
    if nlp is None and lexicons_loaded == 0 and _loaded_lexicons() > 0:
        # This build loaded the pipeline's lexicon (about 450 MB) for itself: writing the
        # outputs has no use for it (a one-worker build of 10k papers peaked at 3.8 GB).
        # Lexicons a caller had loaded are left alone (and with them any loaded here).
        sys.modules["kg.lexicon.store"].load_lexicon.cache_clear()
    if cache is not None:
        # The token names this graph for the writers' indexes and the next build.
        token = _graph_token(cache, documents, keys, problems)
        changes = replace(changes, token=token) if changes is not None else GraphChanges.full(token)
        keep = set(keys.values())
        if documents:  # a build that read nothing writes nothing
            _save_snapshot(cache, state, token, keep, aside=extract_aside)
            if memo is not None and not memo.is_file():  # the first build here: now the folder exists
                pipeline_fingerprint(settings, extra, memo=memo)
        else:
            cache.prune(keep)
    reused = len(documents) - extracted
    return BuildRun(graph=state.graph, extracted=extracted, reused=reused, changes=changes)


def _use_the_wait() -> None:
    """Work of the rest of ``kg build`` done while a worker extracts the new papers (seconds).

    The collector examines the decoded assembly's million records once here
    (paused while decoding, it would otherwise do so as soon as the build
    goes on: 0.3 s on the 10k-paper graph), and the writers that
    :func:`write_outputs` needs are imported (half a second).
    """
    gc.collect()
    import kg.export.html
    import kg.export.rebuild
    import kg.store  # noqa: F401


def _loaded_lexicons() -> int:
    store = sys.modules.get("kg.lexicon.store")  # not imported (nor spaCy with it): none loaded
    return 0 if store is None else store.load_lexicon.cache_info().currsize


_SNAPSHOT = "assembly.snapshot"
_LEXICON_TABLES = "lexicon.tables"
_FINGERPRINT_MEMO = "pipeline.fingerprint"  # beside the fingerprints' folders: kept by ExtractionCache.prune


def _cached_parts(cache: ExtractionCache | None, key: str) -> ExtractionParts:
    """A cached extraction the build relies on (written or checked earlier in this build)."""
    payload = cache.get(key) if cache is not None else None
    if payload is None:
        raise RuntimeError(f"the cache entry {key} disappeared during the build")
    return decode_parts(payload)


_WRITERS: list[multiprocessing.process.BaseProcess] = []
"""Snapshot writers of this process still running (see :func:`_save_snapshot`)."""


def _graph_token(
    cache: ExtractionCache,
    documents: dict[str, Document],
    keys: dict[str, str],
    problems: list[DocumentProblem],
) -> str:
    """Name the assembled graph by what decides it, so the same input gets the same name.

    The graph is a function of the papers in input order (each cached under
    a key that hashes its content), the unreadable inputs, the extraction
    pipeline (the cache's fingerprint) and the assembly code; hashing those
    is cheap, where hashing the graph's own serialisation would cost seconds
    (and ``marshal``'s bytes differ from run to run for equal values).
    """
    digest = hashlib.sha256(f"{cache.fingerprint}\n{assembly_fingerprint()}\n".encode())
    for document_id in documents:
        digest.update(f"{document_id}\t{keys[document_id]}\n".encode())
    for problem in problems:
        digest.update(f"!{problem.source_name}\t{problem.message}\n".encode())
    return digest.hexdigest()[:32]


def _save_snapshot(
    cache: ExtractionCache, state: AssemblyState, token: str, keep: set[str], *, aside: bool
) -> None:
    """Keep ``state`` in the cache and prune entries not in ``keep``; with ``aside``, in a forked process.

    Encoding the 10k-paper graph takes seconds, and listing its cache a third
    of one, that the forked copy spends while this process writes the outputs
    (see :func:`wait_for_snapshot`).
    """
    wait_for_snapshot()
    if not aside or sys.platform != "linux":
        _write_snapshot(cache, state, token, keep, niceness=0)
        return
    process = multiprocessing.get_context("fork").Process(
        target=_write_snapshot,
        args=(cache, state, token, keep),
        kwargs={"niceness": _SNAPSHOT_NICENESS},
        name="kg-write-snapshot",
    )
    gc.freeze()  # as in _start_views: the child only reads these objects
    try:
        process.start()
    finally:
        gc.unfreeze()
    _WRITERS.append(process)


def _write_snapshot(
    cache: ExtractionCache, state: AssemblyState, token: str, keep: set[str], *, niceness: int
) -> None:
    # Aside, behind the outputs: write_outputs waits for this only at its end, and its own
    # processes (the RDF files here, the viewer page) are what the build waits for; this
    # one takes what processor time they leave.
    if niceness:
        os.nice(niceness)
    cache.put_extra(_SNAPSHOT, _encode_state(state, token))
    cache.prune(keep)


_SNAPSHOT_NICENESS = 10


def wait_for_snapshot() -> None:
    """Wait until the snapshots being written aside are written (logged if one failed).

    A failed write leaves the previous snapshot, whose token the output
    indexes do not name: the next build then writes every file in full.
    """
    while _WRITERS:
        process = _WRITERS.pop()
        process.join()
        if process.exitcode != 0:
            logger.warning("writing the assembly snapshot failed (exit code %s)", process.exitcode)


def _encode_state(state: AssemblyState, token: str) -> bytes:
    extra = {
        "token": token,
        "assembly": assembly_fingerprint(),
        "keys": state.keys,
        "concepts": state.concepts,
        "curated_concepts": state.curated_concepts,
    }
    return encode_graph(state.graph, extra)


def _load_snapshot(cache: ExtractionCache) -> tuple[AssemblyState, str] | None:
    """The previous build's assembly and its token, if usable."""
    payload = cache.get_extra(_SNAPSHOT)
    if payload is None:
        return None
    try:
        graph, extra = decode_graph(payload)
        if not isinstance(extra, dict) or extra.get("assembly") != assembly_fingerprint():
            return None
        state = AssemblyState(graph, extra["keys"], extra["concepts"], tuple(extra["curated_concepts"]))
        token = str(extra["token"])
    except (SnapshotError, KeyError, TypeError) as error:
        logger.warning("unusable assembly snapshot (%s): assembling from scratch", error)
        return None
    return state, token


def _update_snapshot(
    cache: ExtractionCache,
    previous: AssemblyState,
    token: str,
    documents: dict[str, Document],
    keys: dict[str, str],
    parts: dict[str, ExtractionParts],
    problems: list[DocumentProblem],
    concept_lookup: Callable[[str], Concept | None],
) -> tuple[AssemblyState, GraphChanges] | None:
    """Apply this build's changes to the previous assembly; None when that cannot be done."""
    try:
        updated = update(
            previous,
            documents,
            keys,
            parts,
            problems,
            concept_lookup,
            lambda document_id: _cached_parts(cache, keys[document_id]),
        )
    except ValueError as error:  # a damaged cache entry: decode_parts
        logger.warning("incremental assembly failed (%s): assembling from scratch", error)
        return None
    if updated is None:
        return None
    state, changes = updated
    return state, replace(changes, previous_token=token)


def _concept_lookup(
    nlp: Language | None, spec: PipelineSpec, backend: Any = None
) -> Callable[[str], Concept | None]:
    """Concept by CURIE from the pipeline's lexicon: this process's pipeline, a worker's, or
    the lexicon loaded here (only when asked)."""
    if nlp is not None and "kg_vocabulary_ner" in nlp.pipe_names:
        return nlp.get_pipe("kg_vocabulary_ner").concept
    in_worker = getattr(backend, "concept_lookup", lambda: None)()
    if in_worker is not None:
        return in_worker

    def lookup(curie: str) -> Concept | None:
        from kg.nlp.lexicon import load_lexicon

        vocabulary = Path(spec.vocabulary_path) if spec.vocabulary_path else None
        return load_lexicon(None, vocabulary).concept(curie)

    return lookup


class _RememberedConcepts:
    """Concept look-ups kept in the cache: a rebuild need not load the 770k-concept lexicon (4 s)."""

    _NAME = "concepts.json"

    def __init__(self, cache: ExtractionCache, lookup: Callable[[str], Concept | None]) -> None:
        self._cache, self._lookup, self._changed = cache, lookup, False
        self._known: dict[str, Concept | None] = {}
        payload = cache.get_extra(self._NAME)
        if payload is not None:
            try:
                self._known = decode_concepts(payload)
            except ValueError:
                logger.warning("damaged concept record in the cache: looking concepts up again")

    def __call__(self, curie: str) -> Concept | None:
        if curie not in self._known:
            self._known[curie] = self._lookup(curie)
            self._changed = True
        return self._known[curie]

    def save(self) -> None:
        if self._changed:
            self._cache.put_extra(self._NAME, encode_concepts(self._known))


def _config_hash(nlp: Language) -> str:
    return "nlp:" + hashlib.sha256(nlp.config.to_str().encode("utf-8")).hexdigest()


def _backend(spec: PipelineSpec, nlp: Language | None, workers: int, dask: Any, *, process: bool = False):
    if dask is not None:
        return DaskBackend(spec, dask)
    if workers > 1 or process:
        # A rebuild's early worker loads the pipeline while this process decodes the
        # snapshot (spawned); several workers share one loaded pipeline (forked).
        return ProcessBackend(spec, workers, share_pipeline=workers > 1 and sys.platform == "linux")
    return LocalBackend(spec, nlp)


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


VIEWER_CONCEPTS = 1000
"""``graph.html`` of a larger graph shows this many concepts, those with most evidence."""
VIEWER_CLAIMS = 5000
"""``graph.html`` shows at most this many claims among its concepts (see :func:`viewer_graph`)."""


def write_outputs(
    graph: KnowledgeGraph, out_dir: Path, *, changes: GraphChanges | None = None
) -> BuildOutputs:
    """Write every view, each atomically.

    ``graph.ttl``, ``graph.nt``, ``graph.jsonld`` (RDF), ``nodes.tsv`` and
    ``edges.tsv`` (KGX), ``graph.graphml`` (NetworkX view), ``graph.html``
    (at most :data:`VIEWER_CONCEPTS` concepts, see :func:`viewer_graph`) and
    the Oxigraph store ``store``, bulk-loaded from ``graph.nt`` in a thread
    while the other files are written.

    Parameters
    ----------
    graph
        The graph to write.
    out_dir
        Destination folder (created if missing).
    changes
        From :func:`run_build` (``BuildRun.changes``): what changed since the
        graph the folder's files show. The files are then spliced (only the
        changed parts rendered, the rest copied; see :mod:`kg.export.rebuild`)
        when the folder still holds exactly those files; the bytes are the
        same as a full write's.
    """
    # The writers (rdflib, NetworkX: half a second) are imported only now: a rebuild
    # starts its worker process sooner without them.
    from kg.export.rebuild import write_rdf_files, write_table_files
    from kg.store import STORE_NAME

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = BuildOutputs(
        turtle=out_dir / "graph.ttl",
        nodes=out_dir / "nodes.tsv",
        edges=out_dir / "edges.tsv",
        html=out_dir / "graph.html",
        ntriples=out_dir / "graph.nt",
        jsonld=out_dir / "graph.jsonld",
        graphml=out_dir / "graph.graphml",
        store=out_dir / STORE_NAME,
    )
    # The views that need no RDF are written by a forked copy of this process
    # (the graph is shared, not copied) while this one writes the RDF files.
    # A spliced write of the tables is quick: then this process does it and the
    # other one only the viewer page (rendered whole every time).
    tables_here = changes is not None and changes.previous is not None
    views = _start_views(graph, outputs, changes, tables=not tables_here)
    try:
        with paused_gc():  # millions of acyclic statements and units: see kg.gcpause
            write_rdf_files(graph, out_dir, changes)
            if tables_here or views is None:
                write_table_files(graph, out_dir, changes)
        if views is None:
            _write_views(graph, outputs, changes, tables=False)
    except BaseException:
        if views is not None:
            views.terminate()
            views.join()
        raise
    if views is not None:
        views.join()
        if views.exitcode != 0:
            raise RuntimeError(f"writing the KGX, GraphML and HTML views failed (exit code {views.exitcode})")
    wait_for_snapshot()
    logger.info("wrote graph files to %s", out_dir)
    return outputs


def _start_views(
    graph: KnowledgeGraph, outputs: BuildOutputs, changes: GraphChanges | None, *, tables: bool
) -> multiprocessing.process.BaseProcess | None:
    """Start writing the views in a forked process; None where fork is not the safe default (not Linux)."""
    if sys.platform != "linux":
        return None
    from kg.export.html import warm_up

    warm_up()  # imported and its template compiled once here, not in the child that renders the page

    process = multiprocessing.get_context("fork").Process(
        target=_write_views_aside,
        args=(graph, outputs, changes),
        kwargs={"tables": tables},
        name="kg-write-views",
        daemon=True,
    )
    # Objects the child only reads stay shared: without this its garbage collector
    # would touch (and so copy) every page of this process's heap.
    gc.freeze()
    try:
        process.start()
    finally:
        gc.unfreeze()
    return process


def _write_views_aside(
    graph: KnowledgeGraph, outputs: BuildOutputs, changes: GraphChanges | None, *, tables: bool
) -> None:
    # A full write: behind the RDF files, since the store's bulk load, started once graph.nt
    # is written, is its longest task and where cores are short it should not wait for this
    # one. A spliced write (tables written in the other process): the viewer page, rendered
    # whole, is the longest task (3-4 s of 10k papers against 2-3 s).
    if tables:
        os.nice(_VIEWS_NICENESS)
    _write_views(graph, outputs, changes, tables=tables)


_VIEWS_NICENESS = 5


def _write_views(
    graph: KnowledgeGraph, outputs: BuildOutputs, changes: GraphChanges | None, *, tables: bool = True
) -> None:
    """KGX and GraphML (if ``tables``) and the viewer page."""
    from kg.export.html import write_html
    from kg.export.networkx import to_networkx
    from kg.export.rebuild import write_table_files

    with paused_gc():
        if tables:
            write_table_files(graph, outputs.nodes.parent, changes)
        shown = viewer_graph(graph, mentions=False)
        title = "il6-kg: knowledge graph of IL-6 biology"
        if shown is not graph:
            title += (
                f" ({len(shown.concepts)} of {len(graph.concepts)} concepts and {len(shown.assertions)}"
                f" of {len(graph.assertions)} claims, those with most evidence)"
            )
        view = to_networkx(shown, mention_edges=False)
        write_html(view, outputs.html, title=title, layout_cache=outputs.html.parent / _LAYOUT_CACHE)


_LAYOUT_CACHE = ".kg-viewer-layout"  # beside the page: see kg.export.html.render_html


def viewer_graph(
    graph: KnowledgeGraph,
    limit: int = VIEWER_CONCEPTS,
    claim_limit: int = VIEWER_CLAIMS,
    *,
    mentions: bool = True,
) -> KnowledgeGraph:
    """The part of ``graph`` that ``graph.html`` shows: ``graph`` itself up to ``limit`` concepts
    and ``claim_limit`` claims.

    A larger graph is cut to the ``limit`` concepts with most evidence (the
    viewer's own measure: evidence sentences of their claims plus papers
    naming them) and, of the claims among them, the ``claim_limit`` with most
    evidence sentences; claims that contradict or depend on context with
    another such claim come first, so that both sides of a disagreement are
    shown. Conflicts among the kept claims and every paper are kept. A page of
    the whole graph of thousands of papers would be too large for a browser
    (the 1,000 concepts of the 10k-paper pool have 17,000 claims among them);
    ``kg viz --focus`` draws any other part. With ``mentions=False`` a cut
    graph has no mentions (the page does not show them, and a 10k-paper graph
    has 400,000).
    """
    if len(graph.concepts) <= limit and len(graph.assertions) <= claim_limit:
        return graph
    naming = {(link.document_id, link.curie) for link in graph.links}
    evidence: Counter[str] = Counter(curie for _document, curie in naming)
    for assertion in graph.assertions:
        for end in {assertion.subject, assertion.object}:
            evidence[end] += len(assertion.evidence)
    ranked = sorted((concept.curie for concept in graph.concepts), key=lambda c: (-evidence[c], c))
    kept = set(ranked[:limit])  # every concept when there are no more than ``limit``
    among = [a for a in graph.assertions if a.subject in kept and a.object in kept]
    if len(among) > claim_limit:
        ids = {a.id for a in among}
        disputed = {
            end for c in graph.conflicts if c.first in ids and c.second in ids for end in (c.first, c.second)
        }
        by_support = sorted(among, key=lambda a: (a.id not in disputed, -len(a.evidence), a.id))
        chosen = {a.id for a in by_support[:claim_limit]}
        among = [a for a in among if a.id in chosen]  # in the graph's order
    assertions = tuple(among)
    ids = {a.id for a in assertions}
    return replace(
        graph,
        concepts=tuple(c for c in graph.concepts if c.curie in kept),
        mentions=tuple(m for m in graph.mentions if m.curie in kept) if mentions else (),
        links=tuple(link for link in graph.links if link.curie in kept),
        assertions=assertions,
        conflicts=tuple(c for c in graph.conflicts if c.first in ids and c.second in ids),
    )
