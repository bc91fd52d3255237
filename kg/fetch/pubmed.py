"""Fetch PubMed records into PubMed XML files that ``kg build`` reads.

``--query``: one ``esearch`` with the history server (``usehistory=y``) finds
the PMIDs, then ``efetch`` downloads them 200 at a time by ``WebEnv`` and
``query_key``. ``--pmid``: ``efetch`` by id list, 200 at a time. Every article
is kept in an on-disk cache (one file per PMID), so running the same query
again downloads only articles not fetched before.
"""

from __future__ import annotations

import json
import logging
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import defusedxml
import defusedxml.ElementTree as SafeET

from kg.fetch.eutils import EUtilsClient, FetchError
from kg.io import atomic_write_text

__all__ = ["BATCH_SIZE", "MAX_QUERY_RESULTS", "FetchResult", "default_cache_dir", "fetch_pubmed"]

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
# esearch returns at most 10,000 PMIDs per query; split larger sets by date.
MAX_QUERY_RESULTS = 10_000
_RECORD_TAGS = ("PubmedArticle", "PubmedBookArticle")


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What a fetch did: PMIDs written, files written, how many came from the cache."""

    pmids: tuple[str, ...]
    files: tuple[Path, ...]
    from_cache: int
    downloaded: int
    missing: tuple[str, ...]
    total_found: int


def default_cache_dir() -> Path:
    """The download cache: ``$IL6KG_CACHE_DIR``, else the user cache dir (never the working directory)."""
    configured = os.environ.get("IL6KG_CACHE_DIR")
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("il6-kg", appauthor=False))


def fetch_pubmed(
    client: EUtilsClient,
    out_dir: Path,
    *,
    query: str | None = None,
    pmids: Sequence[str] = (),
    max_results: int = 1000,
    cache_dir: Path | None = None,
    refresh: bool = False,
    batch_size: int = BATCH_SIZE,
) -> FetchResult:
    """Download PubMed records for ``query`` or ``pmids`` and write them into ``out_dir``.

    Parameters
    ----------
    client
        The E-utilities client (rate limit, retries, tool/email).
    out_dir
        Folder for the PubMed XML files (``pubmed_<first>-<last>.xml``, 200
        articles each, PMIDs ascending); written atomically.
    query
        A PubMed query (``"IL-6 AND tumor microenvironment"``).
    pmids
        PMIDs to fetch (used when ``query`` is None).
    max_results
        At most this many of the query's hits (the most recent first, as
        PubMed sorts them); at most 10,000.
    cache_dir
        Article cache; :func:`default_cache_dir` when None.
    refresh
        Download again even if cached.
    batch_size
        Articles per ``efetch`` request (NCBI's recommended 200).

    Returns
    -------
    FetchResult

    Raises
    ------
    FetchError
        The service failed after retries, or answered with an error.
    ValueError
        Neither a query nor PMIDs, or a bad PMID or limit.
    """
    cache = _ArticleCache(Path(cache_dir) if cache_dir else default_cache_dir())
    if query is not None:
        if not 0 < max_results <= MAX_QUERY_RESULTS:
            raise ValueError(f"--max must be between 1 and {MAX_QUERY_RESULTS} (split larger sets by date)")
        wanted, total, downloaded = _fetch_query(client, cache, query, max_results, refresh, batch_size)
    else:
        wanted = list(dict.fromkeys(str(p).strip() for p in pmids if str(p).strip()))
        if not wanted:
            raise ValueError("give a --query or at least one --pmid")
        bad = [p for p in wanted if not p.isdigit()]
        if bad:
            raise ValueError(f"not a PMID: {', '.join(bad)}")
        total = len(wanted)
        downloaded = _fetch_ids(client, cache, wanted, refresh, batch_size)
    present = sorted((p for p in wanted if cache.has(p)), key=int)
    missing = tuple(p for p in wanted if not cache.has(p))
    for pmid in missing:
        logger.warning("PMID %s was not returned by PubMed (withdrawn or not yet indexed?)", pmid)
    files = tuple(_write_files(cache, present, Path(out_dir), batch_size))
    return FetchResult(
        pmids=tuple(present),
        files=files,
        from_cache=len(present) - downloaded,
        downloaded=downloaded,
        missing=missing,
        total_found=total,
    )


def _fetch_query(
    client: EUtilsClient, cache: _ArticleCache, query: str, max_results: int, refresh: bool, batch_size: int
) -> tuple[list[str], int, int]:
    body = client.get(
        "esearch.fcgi",
        {"db": "pubmed", "term": query, "usehistory": "y", "retmax": max_results, "retmode": "json"},
    )
    try:
        result = json.loads(body)["esearchresult"]
    except (ValueError, KeyError, TypeError):
        raise FetchError("esearch: unexpected answer (not E-utilities JSON)") from None
    if "ERROR" in result:
        raise FetchError(f"esearch: PubMed says: {result['ERROR']}")
    ids = [str(item) for item in result.get("idlist", [])][:max_results]
    total = int(result.get("count", len(ids)))
    webenv, query_key = result.get("webenv"), result.get("querykey")
    downloaded = 0
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        if not refresh and all(cache.has(pmid) for pmid in batch):
            continue
        params = {"db": "pubmed", "retmode": "xml", "retstart": start, "retmax": len(batch)}
        if webenv and query_key:
            params |= {"WebEnv": webenv, "query_key": query_key}
        else:  # no history server answer: fall back to the id list
            params["id"] = ",".join(batch)
        downloaded += _store(cache, client.get("efetch.fcgi", params))
    return ids, total, downloaded


def _fetch_ids(
    client: EUtilsClient, cache: _ArticleCache, pmids: list[str], refresh: bool, batch_size: int
) -> int:
    todo = [p for p in pmids if refresh or not cache.has(p)]
    downloaded = 0
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        downloaded += _store(
            cache, client.get("efetch.fcgi", {"db": "pubmed", "retmode": "xml", "id": ",".join(batch)})
        )
    return downloaded


def _store(cache: _ArticleCache, body: bytes) -> int:
    """Put every article of an efetch answer into the cache; return how many."""
    try:
        root = SafeET.fromstring(body)
    except defusedxml.DefusedXmlException:
        raise FetchError("efetch: refused an answer that declares XML entities") from None
    except ET.ParseError as error:
        raise FetchError(f"efetch: malformed XML answer ({error})") from None
    if root.tag == "eFetchResult" or root.find("ERROR") is not None:
        raise FetchError(f"efetch: PubMed says: {root.findtext('.//ERROR') or 'error'}")
    count = 0
    for article in (element for tag in _RECORD_TAGS for element in root.iter(tag)):
        pmid = (article.findtext(".//PMID") or "").strip()
        if pmid.isdigit():
            cache.put(pmid, ET.tostring(article, encoding="unicode"))
            count += 1
    return count


def _write_files(cache: _ArticleCache, pmids: list[str], out_dir: Path, batch_size: int) -> Iterable[Path]:
    for start in range(0, len(pmids), batch_size):
        batch = pmids[start : start + batch_size]
        path = out_dir / f"pubmed_{batch[0]}-{batch[-1]}.xml"
        articles = "\n".join(cache.get(pmid).strip() for pmid in batch)
        text = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<PubmedArticleSet>\n{articles}\n</PubmedArticleSet>\n'
        )
        atomic_write_text(path, text)
        yield path


class _ArticleCache:
    """One file per PMID under ``<cache_dir>/pubmed/``, written atomically."""

    def __init__(self, root: Path) -> None:
        self.root = root / "pubmed"

    def _path(self, pmid: str) -> Path:
        return self.root / pmid[-2:].rjust(2, "0") / f"{pmid}.xml"

    def has(self, pmid: str) -> bool:
        return self._path(pmid).is_file()

    def get(self, pmid: str) -> str:
        return self._path(pmid).read_text("utf-8")

    def put(self, pmid: str, article: str) -> None:
        atomic_write_text(self._path(pmid), article)
