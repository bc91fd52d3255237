"""Where extraction runs: in this process, in worker processes, or on a Dask cluster.

Every backend takes batches of documents and returns, for each batch and in
submission order, the encoded extraction results
(:func:`kg.codec.encode_parts`). Each worker process loads the pipeline once
and keeps it. At most ``window`` batches are in flight, so memory stays
bounded however large the corpus is.
"""

from __future__ import annotations

import gc
import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from kg.codec import ExtractionParts, encode_parts
from kg.model import Concept, Document

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "Backend",
    "DaskBackend",
    "LocalBackend",
    "PipelineSpec",
    "ProcessBackend",
    "extract_batch",
    "one_blas_thread",
]


@dataclass(frozen=True, slots=True)
class PipelineSpec:
    """How to build the pipeline in a worker: arguments of :func:`kg.load_pipeline`."""

    model: str | None = None
    vocabulary_path: str | None = None
    lexicon_cache: str | None = field(default=None, repr=False, compare=False)
    """Where to keep the parsed lexicon tables (:func:`kg.lexicon.store.use_tables_cache`);
    not a setting of the pipeline: the results are the same with or without it."""

    def load(self) -> Language:
        """Build the pipeline (leaving the garbage collector as enabled or disabled as it was)."""
        from kg.nlp.pipeline import load_pipeline

        if self.lexicon_cache is not None:
            from kg.lexicon.store import use_tables_cache

            use_tables_cache(Path(self.lexicon_cache))
        vocabulary = Path(self.vocabulary_path) if self.vocabulary_path else None
        collecting = gc.isenabled()
        try:
            return load_pipeline(self.model, vocabulary_path=vocabulary)
        finally:
            # srsly's msgpack loader, which spaCy reads models with, ends with gc.enable():
            # a build that paused the collector would find it running again.
            if not collecting:
                gc.disable()


# One pipeline per process and spec, with a lock: Dask may run tasks in threads.
_PIPELINES: dict[PipelineSpec, tuple[Language, threading.Lock]] = {}
_PIPELINES_LOCK = threading.Lock()


def _pipeline(spec: PipelineSpec) -> tuple[Language, threading.Lock]:
    with _PIPELINES_LOCK:
        if spec not in _PIPELINES:
            _PIPELINES[spec] = (spec.load(), threading.Lock())
        return _PIPELINES[spec]


def extract_with(nlp: Language, documents: Sequence[Document]) -> list[bytes]:
    """Extract ``documents`` with ``nlp``; return one encoded result per document, in order."""
    from kg.extract import extract_documents

    return [
        encode_parts(ExtractionParts(e.concepts, e.mentions, e.links, e.assertions))
        for batch in length_batches(documents, PIPE_BATCH)
        for e in extract_documents(nlp, batch, batch_size=PIPE_BATCH)
    ]


PIPE_BATCH = 32
"""Documents per ``nlp.pipe`` batch, at most."""
BATCH_CHARACTERS = 128_000
"""At most this many characters (longest document times documents) go to one ``nlp.pipe`` batch.

The models pad every document of a batch to the longest one: a batch of 32
with one 50,000-character paper made a worker's peak RSS 3 GB larger.
"""


def length_batches(documents: Iterable[Document], batch_size: int) -> Iterator[list[Document]]:
    """Group documents in order: at most ``batch_size`` each, longest x count <= :data:`BATCH_CHARACTERS`."""
    batch: list[Document] = []
    longest = 0
    for document in documents:
        length = len(document.text)
        if batch and (len(batch) >= batch_size or max(longest, length) * (len(batch) + 1) > BATCH_CHARACTERS):
            yield batch
            batch, longest = [], 0
        batch.append(document)
        longest = max(longest, length)
    if batch:
        yield batch


def extract_batch(spec: PipelineSpec, documents: Sequence[Document]) -> list[bytes]:
    """Worker entry point: extract with this process's pipeline for ``spec`` (loaded once)."""
    nlp, lock = _pipeline(spec)
    with lock:
        return extract_with(nlp, documents)


class Backend(Protocol):
    """Runs batches; ``map`` yields results in submission order."""

    def map(self, batches: Iterable[list[Document]]) -> Iterator[Done]:  # pragma: no cover
        """Yield each batch with its encoded results, in submission order."""
        ...


Done = tuple[list[Document], list[bytes]]


def _ordered(
    submit: Callable[[list[Document]], Any],
    batches: Iterable[list[Document]],
    window: int,
    result: Callable[[Any], list[bytes]],
) -> Iterator[Done]:
    """Submit batches keeping at most ``window`` in flight; yield ``(batch, results)`` in order."""
    pending: deque[tuple[list[Document], Any]] = deque()
    for batch in batches:
        pending.append((batch, submit(batch)))
        if len(pending) >= window:
            done, handle = pending.popleft()
            yield done, result(handle)
    while pending:
        done, handle = pending.popleft()
        yield done, result(handle)


class LocalBackend(AbstractContextManager):
    """Extraction in this process with a given (or lazily loaded) pipeline.

    This process is then the one worker, and like every worker it extracts
    with one BLAS thread (:func:`one_blas_thread`): ``--workers N`` means N
    cores' worth of extraction whatever N is.
    """

    def __init__(self, spec: PipelineSpec, nlp: Language | None = None) -> None:
        self.spec = spec
        self.nlp = nlp

    def map(self, batches: Iterable[list[Document]]) -> Iterator[Done]:
        for batch in batches:
            if self.nlp is None:
                self.nlp = self.spec.load()  # only when something needs extracting
            with one_blas_thread():
                results = extract_with(self.nlp, batch)
            yield batch, results

    def __exit__(self, *exc: object) -> None:
        return None


_WARM_UP = "Interleukin-6 (IL-6) activates STAT3 in tumour-associated macrophages."


def one_blas_thread() -> AbstractContextManager:
    """Hold numpy's BLAS to one thread until the block ends (the limit in force before is restored).

    Each worker is one core's worth of work. BLAS threads of its own (the
    NER's matrix products go through numpy's BLAS) would compete with the
    other workers, and with one worker they bought little: on 300 abstracts,
    the second thread made extraction 1.13x faster for 1.36x the CPU time.
    """
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def _init_worker(spec: PipelineSpec) -> None:
    one_blas_thread()  # for the worker's lifetime
    _pipeline(spec)
    # The pipeline's millions of objects live as long as the worker: the collector
    # need not walk them again at every full collection.
    gc.freeze()


def _worker_batch(spec: PipelineSpec, documents: list[Document]) -> list[bytes]:
    return extract_batch(spec, documents)


def concept_in_worker(spec: PipelineSpec, curie: str) -> Concept | None:
    """Worker entry point: the concept for ``curie`` from this process's pipeline (its lexicon)."""
    nlp, lock = _pipeline(spec)
    with lock:
        if "kg_vocabulary_ner" in nlp.pipe_names:
            return nlp.get_pipe("kg_vocabulary_ner").concept(curie)
    from kg.nlp.lexicon import load_lexicon

    vocabulary = Path(spec.vocabulary_path) if spec.vocabulary_path else None
    return load_lexicon(None, vocabulary).concept(curie)


class ProcessBackend(AbstractContextManager):
    """``workers`` processes, started lazily.

    By default each worker is started with ``spawn`` (safe with threads, the
    same on every OS) and loads the pipeline itself. With ``share_pipeline``
    (Linux) this process loads the pipeline once and forks the workers from
    it, then drops its own reference: the workers share the loaded pages
    (copy on write), so two of them compete less for the processor's caches.
    Measured by ``benchmarks/core_scaling.py`` on a quiet 2-core machine:
    two forked copies of the pipeline ran 1.76x one, two spawned ones 1.60x.
    """

    def __init__(self, spec: PipelineSpec, workers: int, *, share_pipeline: bool = False) -> None:
        self.spec = spec
        self.workers = workers
        self.share_pipeline = share_pipeline
        self._pool: Any = None

    def start(self) -> None:
        """Start the workers now, so that they load the pipeline while this process works.

        Workers are stopped on exit, also those never given a batch (without
        waiting for them to finish loading).
        """
        if self._pool is None and self.share_pipeline:
            self._pool = self._fork_from_loaded_pipeline()
        elif self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = context.Pool(self.workers, initializer=_init_worker, initargs=(self.spec,))

    def _fork_from_loaded_pipeline(self) -> Any:
        nlp, _lock = _pipeline(self.spec)
        # Components load some data at their first document (the 770k-concept lexicon):
        # loaded here, it is shared too.
        nlp(_WARM_UP)
        gc.freeze()  # the workers' collectors would otherwise touch (and so copy) every page
        try:
            context = multiprocessing.get_context("fork")
            return context.Pool(self.workers, initializer=_init_worker, initargs=(self.spec,))
        finally:
            gc.unfreeze()
            # This process needs no pipeline: the workers keep theirs (their pages stay shared).
            with _PIPELINES_LOCK:
                _PIPELINES.pop(self.spec, None)
            from kg.lexicon.store import load_lexicon

            load_lexicon.cache_clear()  # the lexicon too (300 MB): concepts are looked up in a worker
            gc.collect()

    def map(self, batches: Iterable[list[Document]]) -> Iterator[Done]:
        def submit(batch: list[Document]) -> Any:
            self.start()
            return self._pool.apply_async(_worker_batch, (self.spec, batch))

        return _ordered(submit, batches, self.workers * 3, lambda handle: handle.get())

    def concept_lookup(self) -> Callable[[str], Concept | None] | None:
        """Concept look-ups in a worker (which has the lexicon loaded); None if no worker was started.

        Loading the 770k-concept lexicon in this process too took seconds
        while the workers sat idle.
        """
        pool = self._pool
        if pool is None:
            return None
        return lambda curie: pool.apply(concept_in_worker, (self.spec, curie))

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            # Every result has been received (or an error ends the build): stopping the
            # workers spares waiting for each interpreter's exit (about a second with spaCy).
            self._pool.terminate()
            self._pool.join()


class DaskBackend(AbstractContextManager):
    """Extraction on a ``dask.distributed`` cluster.

    Parameters
    ----------
    address
        Scheduler address (``tcp://host:8786``) or an existing ``Client``.
        Workers need il6-kg installed (the same version).
    """

    def __init__(self, spec: PipelineSpec, address: Any) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise RuntimeError("--dask needs the optional Dask extra: pip install 'il6-kg[dask]'") from None
        self.spec = spec
        self._own = not isinstance(address, Client)
        self.client = Client(address) if self._own else address

    def map(self, batches: Iterable[list[Document]]) -> Iterator[Done]:
        workers = self.client.scheduler_info()["workers"].values()
        slots = max(1, sum(info.get("nthreads", 1) for info in workers))

        def submit(batch: list[Document]) -> Any:
            return self.client.submit(extract_batch, self.spec, batch, pure=False)

        return _ordered(submit, batches, slots * 3, lambda future: future.result())

    def __exit__(self, *exc: object) -> None:
        if self._own:
            self.client.close()
