"""spaCy word vectors that remember the floret vectors they have built.

A floret table gives every word a vector, seen or not, by summing the rows of
its hashed character n-grams; spaCy rebuilds that sum for every token of
every batch, which took about a twentieth of the whole pipeline's time on
abstracts. :class:`CachedFloretVectors` keeps the vectors of the words it has
built (up to a fixed number) and returns exactly the same numbers. A trained
pipeline uses it when its config names ``il6kg.cached_vectors.v1`` under
``[nlp.vectors]``; the weights are those of an ordinary spaCy pipeline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy
from spacy.vectors import Mode, Vectors
from spacy.vocab import Vocab
from thinc.backends import get_array_ops

__all__ = ["DEFAULT_MAX_CACHED", "CachedFloretVectors", "cached_vectors_factory"]

#: Words whose vectors are kept (100 floats each: 20 MB at most); abstracts
#: repeat a small vocabulary, and rarer words are simply built again.
DEFAULT_MAX_CACHED = 50_000
_MAX_NGRAMS = 500_000
"""Character n-grams whose rows of a floret table are kept (tens of MB at most)."""
_ROWS_PER_CHUNK = 4096
"""Table rows gathered at once by :func:`_mean_rows` (1.6 MB of 100-float rows)."""


class CachedFloretVectors(Vectors):
    """spaCy ``Vectors`` whose ``get_batch`` caches floret vectors by key.

    Default-mode (table) vectors are looked up as spaCy does; only floret
    vectors, which are computed, are cached. Loading new data clears the cache.
    """

    def __init__(self, *, max_cached: int = DEFAULT_MAX_CACHED, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._max_cached = max_cached
        self._clear_cache()

    def _clear_cache(self) -> None:
        self._cached_rows: dict[int, int] = {}
        self._cache_table: numpy.ndarray | None = None
        self._cache_source: Any = None
        self._ngram_rows: dict[str, tuple[int, ...]] = {}

    def _build(self, keys: numpy.ndarray) -> Any:
        """The floret vectors of ``keys`` as spaCy's ``get_batch`` builds them, its n-grams' rows remembered.

        spaCy hashes every character n-gram of every word it builds ("<th",
        "ing>" ...), and most n-grams recur across words: each n-gram's rows of
        the table are kept (up to :data:`_MAX_NGRAMS`). A word's vector is the
        mean of the same rows, in the same order, reduced by the same
        operation: the same numbers.
        """
        words = [self.strings.as_string(key) for key in keys.tolist()]
        if not all(words):  # spaCy treats empty words apart
            return super().get_batch(keys)
        known = self._ngram_rows
        if len(known) >= _MAX_NGRAMS:
            known.clear()
        n_rows = self.data.shape[0]
        indices: list[int] = []
        lengths = []
        for word in words:
            start = len(indices)
            for ngram in self._get_ngrams(word):
                rows = known.get(ngram)
                if rows is None:
                    rows = known[ngram] = tuple(h % n_rows for h in self._get_ngram_hashes(ngram))
                indices.extend(rows)
            lengths.append(len(indices) - start)
        return _mean_rows(self.data, indices, lengths)

    def get_batch(self, keys: Any) -> Any:
        """Return the vectors of ``keys`` (as :meth:`spacy.vectors.Vectors.get_batch`)."""
        if self.mode != Mode.floret:
            return super().get_batch(keys)
        keys = numpy.asarray(keys)
        if keys.dtype.kind not in "ui" or keys.ndim != 1 or not len(keys):
            return super().get_batch(keys)
        data = self.data
        if self._cache_source is not data:
            # New vectors (from_disk, from_bytes, resize): forget the old ones.
            self._clear_cache()
            self._cache_source = data
            self._cache_table = numpy.zeros((self._max_cached, data.shape[1]), dtype=data.dtype)
        unique, inverse = numpy.unique(keys, return_inverse=True)
        cached = self._cached_rows
        rows = numpy.fromiter((cached.get(key, -1) for key in unique.tolist()), numpy.int64, len(unique))
        vectors = numpy.empty((len(unique), data.shape[1]), dtype=data.dtype)
        hit = rows >= 0
        vectors[hit] = self._cache_table[rows[hit]]
        missing = numpy.flatnonzero(~hit)
        if len(missing):
            built = numpy.asarray(self._build(unique[missing]), dtype=data.dtype)
            vectors[missing] = built
            room = min(len(missing), self._max_cached - len(cached))
            if room > 0:
                start = len(cached)
                self._cache_table[start : start + room] = built[:room]
                for offset, key in enumerate(unique[missing[:room]].tolist()):
                    cached[key] = start + offset
        return vectors[inverse.reshape(-1)]


def _mean_rows(data: Any, indices: list[int], lengths: list[int]) -> Any:
    """Each word's mean of its rows of ``data``, as spaCy's floret ``get_batch`` computes it.

    spaCy gathers every row of every word into one array (60 rows a word:
    about 40 MB for a batch's new words, allocated and written anew each
    time), then thinc's ``reduce_mean`` averages each word's rows. Here the
    words are taken in groups of about :data:`_ROWS_PER_CHUNK` rows, so the
    gathered rows stay in the processor's cache: each word's mean is the same
    ``reduce_mean`` over the same rows in the same order, so the same numbers
    (session 19: about half the time of the gather and mean).
    """
    ops = get_array_ops(data)
    rows = numpy.asarray(indices, dtype="int32")
    counts = numpy.asarray(lengths, dtype="int32")
    ends = numpy.cumsum(counts)
    means = numpy.empty((len(counts), data.shape[1]), dtype=data.dtype)
    first_word = first_row = 0
    while first_word < len(counts):
        end_word = max(
            first_word + 1, int(numpy.searchsorted(ends, first_row + _ROWS_PER_CHUNK, side="right"))
        )
        end_row = int(ends[end_word - 1])
        chunk = data[rows[first_row:end_row]]
        means[first_word:end_word] = ops.reduce_mean(chunk, counts[first_word:end_word])
        first_word, first_row = end_word, end_row
    return means


def cached_vectors_factory(max_cached: int = DEFAULT_MAX_CACHED) -> Callable[[Vocab], Vectors]:
    """Return the ``[nlp.vectors]`` factory: a :class:`CachedFloretVectors` for a vocab."""

    def make(vocab: Vocab) -> Vectors:
        return CachedFloretVectors(strings=vocab.strings, max_cached=max_cached)

    return make
