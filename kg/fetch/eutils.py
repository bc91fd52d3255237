"""A polite NCBI E-utilities client: rate limit, ``tool``/``email``, retries with backoff.

NCBI allows 3 requests per second without an API key and 10 with one
(``NCBI_API_KEY``). Every request names the tool and a contact e-mail, as
NCBI asks. Answers 429 and 5xx and broken connections are retried with
exponential backoff (honouring ``Retry-After``); other errors are reported
at once.
"""

from __future__ import annotations

import http.client
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

__all__ = ["DEFAULT_BASE_URL", "EUtilsClient", "FetchError", "RateLimiter"]

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
TOOL = "il6-kg"
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_MAX_RETRY_AFTER = 60.0


class FetchError(Exception):
    """A remote request failed for good; the message says what to do."""


@dataclass
class RateLimiter:
    """Space request starts at least ``1 / rate`` seconds apart.

    ``clock`` and ``sleep`` are injectable so the spacing can be checked
    exactly (no timing assertions); :attr:`history` records every start.
    """

    rate: float
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    history: list[float] = field(default_factory=list)

    def wait(self) -> None:
        """Block until the next request may start, and record its start time."""
        now = self.clock()
        if self.history:
            due = self.history[-1] + 1.0 / self.rate
            if now < due:
                self.sleep(due - now)
                now = max(self.clock(), due)
        self.history.append(now)


class EUtilsClient:
    """Send E-utilities requests (``esearch.fcgi``, ``efetch.fcgi``) politely.

    Parameters
    ----------
    email
        Contact address sent with every request (NCBI requires one).
    api_key
        NCBI API key; raises the rate limit from 3 to 10 requests/s.
    base_url
        E-utilities root; tests point it at a local replay server.
    max_retries
        Retries after the first attempt for 429/5xx and connection errors.
    backoff
        First retry delay in seconds; doubles with each retry.
    limiter
        Rate limiter; by default 3/s, or 10/s with an API key.
    """

    def __init__(
        self,
        *,
        email: str,
        api_key: str | None = None,
        base_url: str = DEFAULT_BASE_URL,
        max_retries: int = 5,
        backoff: float = 1.0,
        timeout: float = 60.0,
        limiter: RateLimiter | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.email = email
        self.api_key = api_key or None
        self.base_url = base_url.rstrip("/") + "/"
        self.max_retries = max_retries
        self.backoff = backoff
        self.timeout = timeout
        self.limiter = limiter or RateLimiter(rate=10.0 if self.api_key else 3.0)
        self._sleep = sleep
        self.requests = 0

    def get(self, endpoint: str, params: Mapping[str, str | int]) -> bytes:
        """Return the body of ``endpoint`` called with ``params`` (plus tool, email, api_key).

        Raises
        ------
        FetchError
            After the retries are used up, or at once for a client error (4xx
            other than 429).
        """
        query = {**params, "tool": TOOL, "email": self.email}
        if self.api_key:
            query["api_key"] = self.api_key
        data = urllib.parse.urlencode(query).encode("ascii")
        url = urllib.parse.urljoin(self.base_url, endpoint)
        for attempt in range(self.max_retries + 1):
            self.limiter.wait()
            self.requests += 1
            try:
                # POST keeps long id lists out of the URL (NCBI recommends it above 200 ids).
                request = urllib.request.Request(url, data=data, headers={"User-Agent": TOOL})
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return response.read()
            except urllib.error.HTTPError as error:
                if error.code not in _RETRY_STATUS:
                    raise FetchError(f"{endpoint}: HTTP {error.code} {error.reason}") from None
                delay = _retry_after(error.headers.get("Retry-After")) if error.headers else None
                reason = f"HTTP {error.code}"
            except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
                delay, reason = None, f"connection error ({getattr(error, 'reason', error)})"
            if attempt == self.max_retries:
                raise FetchError(f"{endpoint}: {reason}; gave up after {attempt + 1} attempts")
            wait = delay if delay is not None else self.backoff * 2**attempt
            logger.warning("%s: %s; retrying in %.1f s", endpoint, reason, wait)
            self._sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover


def _retry_after(value: str | None) -> float | None:
    try:
        return min(float(value), _MAX_RETRY_AFTER) if value else None
    except ValueError:
        return None  # an HTTP date: use our own backoff
