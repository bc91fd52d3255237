"""Fetching papers from remote services (NCBI E-utilities) into files ``kg build`` reads."""

from kg.fetch.eutils import EUtilsClient, FetchError, RateLimiter
from kg.fetch.pubmed import FetchResult, default_cache_dir, fetch_pubmed

__all__ = ["EUtilsClient", "FetchError", "FetchResult", "RateLimiter", "default_cache_dir", "fetch_pubmed"]
