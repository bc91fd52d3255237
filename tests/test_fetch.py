"""``kg fetch pubmed`` against a local HTTP server replaying recorded E-utilities answers.

No test here reaches the network: every connection to a host other than the
local replay server is refused by the ``no_network`` fixture.
"""

from __future__ import annotations

import itertools
import json
import socket
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.fetch import EUtilsClient, FetchError, RateLimiter, fetch_pubmed
from kg.model import Document
from kg.sources import read_inputs

FIXTURES = Path(__file__).parent / "fixtures" / "eutils"


@dataclass
class Recorded:
    time: float
    path: str
    params: dict[str, str]


@dataclass
class Replay:
    """What the server answers; ``failures`` are status codes sent before the real answers."""

    url: str
    requests: list[Recorded] = field(default_factory=list)
    failures: list[int] = field(default_factory=list)


def _articles() -> dict[str, bytes]:
    found = {}
    for name in ("efetch_page1.xml", "efetch_page2.xml"):
        root = ET.fromstring((FIXTURES / name).read_bytes())
        for article in root.iter("PubmedArticle"):
            found[article.findtext(".//PMID")] = ET.tostring(article)
    return found


ARTICLES = _articles()


def _answer(replay: Replay, path: str, params: dict[str, str]) -> tuple[int, str, bytes]:
    if replay.failures:
        return replay.failures.pop(0), "text/plain", b"Too Many Requests / Service Unavailable"
    if path.endswith("esearch.fcgi"):
        return 200, "application/json", (FIXTURES / "esearch.json").read_bytes()
    if path.endswith("efetch.fcgi"):
        if "WebEnv" in params:  # the history server holds the esearch hits, in order
            start, count = int(params["retstart"]), int(params["retmax"])
            ids = json.loads((FIXTURES / "esearch.json").read_bytes())["esearchresult"]["idlist"]
            ids = ids[start : start + count]
        else:
            ids = params["id"].split(",")
        body = b"".join(ARTICLES[i] for i in ids if i in ARTICLES)
        return 200, "text/xml", b'<?xml version="1.0" ?>\n<PubmedArticleSet>' + body + b"</PubmedArticleSet>"
    return 404, "text/plain", b"not found"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.create_connection

    def local_only(address, *args, **kwargs):
        if address[0] not in ("127.0.0.1", "localhost"):
            raise AssertionError(f"test tried to reach the network: {address}")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", local_only)


@pytest.fixture
def replay(no_network) -> Iterator[Replay]:
    state = Replay(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            params = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("ascii")))
            state.requests.append(Recorded(time.monotonic(), self.path, params))
            status, content_type, body = _answer(state, self.path, params)
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/entrez/eutils/"
    yield state
    server.shutdown()
    server.server_close()


def _client(replay: Replay, **kwargs) -> EUtilsClient:
    return EUtilsClient(email="curator@example.org", base_url=replay.url, backoff=0.01, **kwargs)


def test_query_uses_history_server_batches_and_rate_limit(replay: Replay, tmp_path: Path) -> None:
    client = _client(replay)
    result = fetch_pubmed(
        client, tmp_path / "papers", query="IL-6 AND tumor microenvironment", max_results=3,
        cache_dir=tmp_path / "cache", batch_size=2,
    )  # fmt: skip
    assert result.pmids == ("90000001", "90000002", "90000010")
    assert (result.total_found, result.downloaded, result.from_cache, result.missing) == (3, 3, 0, ())
    paths = [r.path.rsplit("/", 1)[-1] for r in replay.requests]
    assert paths == ["esearch.fcgi", "efetch.fcgi", "efetch.fcgi"]
    search, *fetches = (r.params for r in replay.requests)
    assert search["usehistory"] == "y" and search["term"] == "IL-6 AND tumor microenvironment"
    assert [(f["WebEnv"], f["query_key"], f["retstart"], f["retmax"]) for f in fetches] == [
        ("MCID_65a0f1c2d3e4f5a6b7c8d9e0", "1", "0", "2"),
        ("MCID_65a0f1c2d3e4f5a6b7c8d9e0", "1", "2", "1"),
    ]
    for request in replay.requests:
        assert request.params["tool"] == "il6-kg"
        assert request.params["email"] == "curator@example.org"
        assert "api_key" not in request.params
    # 3 requests/s: the recorded start of every request is at least 1/3 s after the previous one.
    starts = client.limiter.history
    assert len(starts) == len(replay.requests)
    assert all(b - a >= 1 / 3 - 1e-9 for a, b in itertools.pairwise(starts))
    # The files are PubMed XML that the readers (and so `kg build`) take.
    read = read_inputs([tmp_path / "papers"])
    assert not read.problems
    assert sorted(d.pmid for d in read.documents) == ["90000001", "90000002", "90000010"]
    assert [p.name for p in result.files] == ["pubmed_90000001-90000002.xml", "pubmed_90000010-90000010.xml"]


def test_second_run_is_served_from_the_cache(replay: Replay, tmp_path: Path) -> None:
    kwargs = {"query": "IL-6", "max_results": 3, "cache_dir": tmp_path / "cache", "batch_size": 2}
    fetch_pubmed(_client(replay), tmp_path / "a", **kwargs)
    first = (tmp_path / "a" / "pubmed_90000001-90000002.xml").read_bytes()
    replay.requests.clear()
    again = fetch_pubmed(_client(replay), tmp_path / "b", **kwargs)
    assert [r.path.rsplit("/", 1)[-1] for r in replay.requests] == ["esearch.fcgi"]
    assert (again.downloaded, again.from_cache) == (0, 3)
    assert (tmp_path / "b" / "pubmed_90000001-90000002.xml").read_bytes() == first


def test_pmids_are_fetched_by_id_list_and_cached(replay: Replay, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    result = fetch_pubmed(_client(replay), tmp_path / "out", pmids=["90000010", "90000001"], cache_dir=cache)
    assert [r.params["id"] for r in replay.requests] == ["90000010,90000001"]
    assert result.pmids == ("90000001", "90000010")
    replay.requests.clear()
    result = fetch_pubmed(
        _client(replay), tmp_path / "out", pmids=["90000001", "90000002", "12345"], cache_dir=cache
    )
    assert [r.params["id"] for r in replay.requests] == ["90000002,12345"]
    assert result.missing == ("12345",)
    assert result.pmids == ("90000001", "90000002")


def test_429_and_503_are_retried_with_backoff(replay: Replay, tmp_path: Path) -> None:
    sleeps: list[float] = []
    replay.failures = [429, 503]
    client = _client(replay, sleep=sleeps.append)
    result = fetch_pubmed(client, tmp_path / "out", pmids=["90000002"], cache_dir=tmp_path / "cache")
    assert result.pmids == ("90000002",)
    assert len(replay.requests) == 3
    assert sleeps == [0.01, 0.02]  # exponential backoff


def test_client_gives_up_with_a_clear_error(replay: Replay, tmp_path: Path) -> None:
    replay.failures = [503] * 3
    client = _client(replay, max_retries=2, sleep=lambda _: None)
    with pytest.raises(FetchError, match="HTTP 503; gave up after 3 attempts"):
        fetch_pubmed(client, tmp_path / "out", pmids=["90000002"], cache_dir=tmp_path / "cache")
    with pytest.raises(FetchError, match="HTTP 404"):
        client.get("nothing.fcgi", {})
    assert not (tmp_path / "out").exists()


def test_rate_limiter_spaces_requests_exactly() -> None:
    now = [100.0]
    limiter = RateLimiter(rate=3.0, clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    for _ in range(6):
        limiter.wait()
    assert limiter.history == pytest.approx([100 + i / 3 for i in range(6)])
    now[0] += 5  # after a pause no waiting is needed
    limiter.wait()
    assert limiter.history[-1] == pytest.approx(now[0])
    assert EUtilsClient(email="a@b.org").limiter.rate == 3.0
    keyed = EUtilsClient(email="a@b.org", api_key="k")
    assert keyed.limiter.rate == 10.0


def test_api_key_is_sent(replay: Replay, tmp_path: Path) -> None:
    client = _client(replay, api_key="secret-key")
    fetch_pubmed(client, tmp_path / "out", pmids=["90000001"], cache_dir=tmp_path / "cache")
    assert replay.requests[0].params["api_key"] == "secret-key"


def test_cli_fetch_then_read(replay: Replay, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NCBI_API_KEY", raising=False)
    monkeypatch.setenv("IL6KG_CACHE_DIR", str(tmp_path / "cache"))
    runner = CliRunner()
    out = tmp_path / "papers"
    args = ["fetch", "pubmed", "--query", "IL-6", "--max", "3", "--out", str(out), "--base-url", replay.url]
    missing_email = runner.invoke(app, args, env={"NCBI_EMAIL": ""})
    assert missing_email.exit_code == 2
    assert "e-mail" in missing_email.output
    result = runner.invoke(app, [*args, "--email", "me@example.org"])
    assert result.exit_code == 0, result.output
    assert "Fetched 3 articles" in result.output
    documents = read_inputs([out]).documents
    assert all(isinstance(d, Document) for d in documents) and len(documents) == 3
    assert (tmp_path / "cache" / "pubmed").is_dir()
    both = runner.invoke(app, ["fetch", "pubmed", "--query", "x", "--pmid", "1", "--email", "a@b.org"])
    assert both.exit_code == 2
