"""Incremental builds (per-document cache), kill safety, worker processes and Dask."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import run_build
from kg.codec import ExtractionParts, decode_parts, encode_parts
from kg.parallel import PipelineSpec, extract_with
from tests.conftest import REPO_ROOT, SEEDS

OUTPUTS = ("graph.ttl", "nodes.tsv", "edges.tsv", "graph.html")
_SUBJECTS = ("IL-6", "Interleukin-6", "Tocilizumab", "Siltuximab", "STAT3", "SOCS3", "VEGF")
_VERBS = ("activates", "induces", "inhibits", "increases", "blocks", "reduces")
_OBJECTS = ("STAT3 phosphorylation", "VEGF expression", "angiogenesis", "SOCS3", "IL-6R", "gp130")
_PLACES = ("macrophages", "CD8+ T cells", "hepatocytes", "breast cancer cells", "mice", "patients")


def _abstract(i: int) -> dict[str, str]:
    """A small synthetic IL-6 abstract; ``i`` varies the wording (no corpus text is copied)."""
    s, v, o, p = (_SUBJECTS[i % 7], _VERBS[i % 6], _OBJECTS[(i // 7) % 6], _PLACES[(i // 3) % 6])
    text = f"{s} {v} {o} in {p}. In study {i}, {_SUBJECTS[(i + 3) % 7]} did not affect {_OBJECTS[i % 6]}."
    return {"id": str(91_000_000 + i), "id_type": "pmid", "title": f"{s} and {o} ({i})", "text": text}


def _write_corpus(folder: Path, ranges: dict[str, range]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, numbers in ranges.items():
        lines = (json.dumps(_abstract(i)) for i in numbers)
        (folder / name).write_text("\n".join(lines) + "\n", "utf-8")


def test_codec_round_trips_the_seed_extractions(nlp) -> None:
    from kg.sources import read_inputs

    for payload in extract_with(nlp, read_inputs([SEEDS]).documents):
        parts = decode_parts(payload)
        assert isinstance(parts, ExtractionParts)
        assert parts.mentions and encode_parts(parts) == payload
        assert decode_parts(encode_parts(parts)) == parts


def test_rebuild_reuses_the_cache_and_gives_the_same_graph(nlp, seed_graph, tmp_path: Path) -> None:
    first = run_build([SEEDS], nlp=nlp, cache_dir=tmp_path / "cache")
    assert (first.extracted, first.reused) == (3, 0)
    again = run_build([SEEDS], nlp=nlp, cache_dir=tmp_path / "cache")
    assert (again.extracted, again.reused) == (0, 3)
    assert first.graph == seed_graph
    assert again.graph == seed_graph


def test_added_changed_and_deleted_documents(nlp, tmp_path: Path) -> None:
    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    _write_corpus(corpus, {"a.jsonl": range(0, 12), "b.jsonl": range(12, 20)})
    assert run_build([corpus], nlp=nlp, cache_dir=cache).extracted == 20

    _write_corpus(corpus, {"c.jsonl": range(20, 21)})  # one new paper
    added = run_build([corpus], nlp=nlp, cache_dir=cache)
    assert (added.extracted, added.reused) == (1, 20)

    (corpus / "b.jsonl").unlink()  # papers 12-19 deleted
    changed = [_abstract(i) for i in range(12)]
    changed[0]["text"] = "IL-6 activates STAT3 in hepatocytes."
    (corpus / "a.jsonl").write_text("\n".join(map(json.dumps, changed)) + "\n", "utf-8")
    after = run_build([corpus], nlp=nlp, cache_dir=cache)
    assert (after.extracted, after.reused) == (1, 12)
    fresh = run_build([corpus], nlp=nlp)
    assert after.graph == fresh.graph
    gone = {f"PMID:{91_000_000 + i}" for i in range(12, 20)}
    assert not gone & {d.id for d in after.graph.documents}
    evidence_docs = {e.document_id for a in after.graph.assertions for e in a.evidence}
    assert not gone & (evidence_docs | {m.document_id for m in after.graph.mentions})
    # Entries of deleted papers are pruned: one entry per current paper.
    assert len(list(cache.rglob("*.json"))) == 13


def test_two_workers_give_the_same_graph_as_one(nlp, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, {"a.jsonl": range(0, 40)})
    one = run_build([corpus], nlp=nlp, batch_size=8)
    two = run_build([corpus], workers=2, batch_size=8)
    assert two.extracted == 40
    assert two.graph == one.graph


def test_dask_local_cluster_gives_the_same_graph(nlp, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed", reason="the optional 'dask' extra is not installed")
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, {"a.jsonl": range(0, 24)})
    expected = run_build([corpus], nlp=nlp).graph
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        run = run_build([corpus], dask=client, batch_size=5, pipeline=PipelineSpec())
        by_address = run_build([corpus], dask=cluster.scheduler_address, batch_size=7)
    assert run.extracted == 24
    assert run.graph == expected
    assert by_address.graph == expected


def _kg(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *args],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_build_killed_by_sigkill_then_rerun_matches_uninterrupted(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, {"a.jsonl": range(0, 60), "b.jsonl": range(60, 120)})
    killed_out, clean_out = tmp_path / "killed", tmp_path / "clean"

    victim = _kg("build", str(corpus), "--out", str(killed_out))
    deadline = time.monotonic() + 120
    while not list((killed_out / "cache").rglob("*.json")):
        assert victim.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline, "no cache entry appeared"
        time.sleep(0.02)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    assert victim.returncode == -signal.SIGKILL
    partial = len(list((killed_out / "cache").rglob("*.json")))
    assert 0 < partial < 120
    assert not (killed_out / "graph.ttl").exists()

    resumed = _kg("build", str(corpus), "--out", str(killed_out))
    clean = _kg("build", str(corpus), "--out", str(clean_out))
    for process in (resumed, clean):
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr.decode()
    for name in OUTPUTS:
        assert (killed_out / name).read_bytes() == (clean_out / name).read_bytes(), name
    assert not [p for p in (killed_out / "cache").rglob("*") if p.name.startswith(".")]


def test_damaged_concept_record_is_looked_up_again(nlp, seed_graph, tmp_path: Path) -> None:
    run_build([SEEDS], nlp=nlp, cache_dir=tmp_path / "cache")
    records = list((tmp_path / "cache").glob("*/extra/concepts.json"))
    assert len(records) == 1 and json.loads(records[0].read_bytes())
    records[0].write_bytes(b"[not json")
    again = run_build([SEEDS], nlp=nlp, cache_dir=tmp_path / "cache")
    assert (again.extracted, again.reused) == (0, 3)
    assert again.graph == seed_graph
    assert json.loads(records[0].read_bytes())


def test_length_batches_keep_order_and_bound_padding() -> None:
    from kg.model import Document
    from kg.parallel import BATCH_CHARACTERS, length_batches

    lengths = [1_500] * 40 + [50_000] + [1_500] * 5 + [50_000, 50_000, 50_000] + [200_000]
    documents = [Document(str(i), "", "x" * n, "pool.jsonl") for i, n in enumerate(lengths)]
    batches = list(length_batches(documents, 32))
    assert [d for batch in batches for d in batch] == documents
    assert all(len(batch) <= 32 for batch in batches)
    for batch in batches:
        longest = max(len(d.text) for d in batch)
        # Only a single document may exceed the budget on its own.
        assert longest * len(batch) <= BATCH_CHARACTERS or len(batch) == 1
    assert [len(batch) for batch in batches][:2] == [32, 8]
    assert [len(batch) for batch in batches][-1] == 1
