"""The shortcuts a rebuild takes for speed give what the long way gives (issue 8)."""

from __future__ import annotations

import gc
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.build import run_build, write_outputs
from kg.model import Document
from kg.parallel import PipelineSpec, ProcessBackend
from tests.conftest import REPO_ROOT
from tests.test_incremental import ALL_OUTPUTS


def _write_corpus(path: Path, numbers: range) -> None:
    rows = [
        {
            "id": str(92_000_000 + i),
            "id_type": "pmid",
            "title": f"IL-6 and STAT3 ({i})",
            "text": f"IL-6 activates STAT3 in macrophages. In study {i}, tocilizumab reduced VEGF.",
        }
        for i in numbers
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")


def test_viewer_page_is_the_same_without_mention_edges(seed_graph) -> None:
    from kg.export.html import render_html
    from kg.export.networkx import to_networkx

    full = to_networkx(seed_graph)
    lean = to_networkx(seed_graph, mention_edges=False)
    kinds = {attrs["kind"] for *_, attrs in full.edges(data=True)}
    assert kinds == {"assertion", "mentions"}
    assert {attrs["kind"] for *_, attrs in lean.edges(data=True)} == {"assertion"}
    assert dict(lean.nodes(data=True)) == dict(full.nodes(data=True))
    assert render_html(lean, title="t") == render_html(full, title="t")
    # The cut graph of a large build's page, without mentions: the same page too.
    from kg.build import viewer_graph

    shown = viewer_graph(seed_graph, limit=5)
    cut = viewer_graph(seed_graph, limit=5, mentions=False)
    assert shown.mentions and not cut.mentions and cut.links == shown.links
    assert render_html(to_networkx(cut, mention_edges=False), title="t") == render_html(shown, title="t")


def test_paused_gc_restores_the_collector_state() -> None:
    from kg.gcpause import paused_gc
    from kg.snapshot import decode_graph

    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("boom")
    assert gc.isenabled()
    with pytest.raises(ValueError):
        decode_graph(b"not a snapshot")
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # not switched on by the block
    finally:
        gc.enable()


def test_store_is_named_by_the_graph_and_the_export_code(nlp, tmp_path: Path, monkeypatch) -> None:
    import pyoxigraph as ox

    import kg.export.rebuild as rebuild

    corpus, out = tmp_path / "corpus.jsonl", tmp_path / "out"
    _write_corpus(corpus, range(6))

    def triples(folder: Path) -> list[str]:
        return sorted(str(quad) for quad in ox.Store.read_only(str(folder / "store")))

    run = run_build([corpus], nlp=nlp, cache_dir=out / "cache")
    write_outputs(run.graph, out, changes=run.changes)
    first = os.readlink(out / "store")
    loaded = (out / first).stat().st_ino
    write_outputs(run.graph, out, changes=run.changes)  # the same graph (token): the store is kept
    assert os.readlink(out / "store") == first and (out / first).stat().st_ino == loaded
    monkeypatch.setattr(rebuild, "export_fingerprint", lambda: "other export code")
    write_outputs(run.graph, out, changes=run.changes)  # other triples may come: loaded again
    other_code = os.readlink(out / "store")
    assert other_code != first
    monkeypatch.undo()
    _write_corpus(corpus, range(7))
    run = run_build([corpus], nlp=nlp, cache_dir=out / "cache")
    assert run.changes is not None and run.changes.previous is not None
    write_outputs(run.graph, out, changes=run.changes)
    changed = os.readlink(out / "store")
    assert changed not in {first, other_code}
    fresh = tmp_path / "fresh"
    write_outputs(run_build([corpus], nlp=nlp).graph, fresh)  # no cache: named by graph.nt's SHA-256
    assert triples(out) == triples(fresh)
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".store-")) == [changed]


def test_an_early_worker_that_gets_no_work_is_stopped() -> None:
    backend = ProcessBackend(PipelineSpec(), 1)
    with backend:
        backend.start()
        processes = list(backend._pool._pool)
        assert processes and all(process.is_alive() for process in processes)
    assert not any(process.is_alive() for process in processes)
    # Stopped (SIGTERM), not left to finish loading the pipeline and exit by themselves.
    assert [process.exitcode for process in processes] == [-signal.SIGTERM]


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked from a loaded pipeline on Linux only")
def test_forked_workers_share_a_pipeline_this_process_then_drops(nlp) -> None:
    from kg.lexicon.store import load_lexicon
    from kg.parallel import _PIPELINES, LocalBackend

    documents = [
        Document(
            id="PMID:1",
            title="IL-6 in macrophages",
            abstract="IL-6 activates STAT3 in macrophages.",
            source_name="a.txt",
        )
    ]
    spec = PipelineSpec()
    with ProcessBackend(spec, 2, share_pipeline=True) as backend:
        ((_, shared),) = list(backend.map([documents]))
        assert spec not in _PIPELINES  # loaded here only to fork the workers from
        assert load_lexicon.cache_info().currsize == 0
        assert len(backend._pool._pool) == 2
        assert backend._pool._ctx.get_start_method() == "fork"
    ((_, local),) = list(LocalBackend(spec, nlp).map([documents]))
    assert shared == local


def test_rebuild_extracting_aside_gives_the_in_process_graph(nlp, tmp_path: Path) -> None:
    """``kg build``'s way (a worker started at once) against extraction in this process."""
    corpus = tmp_path / "corpus.jsonl"
    _write_corpus(corpus, range(5))
    script = (
        "import json, sys\n"
        "from kg.build import run_build\n"
        "if __name__ == '__main__':\n"
        "    run = run_build([sys.argv[1]], cache_dir=sys.argv[2], extract_aside=True)\n"
        "    rebuilt = run.changes.previous is not None\n"
        "    print(json.dumps([run.extracted, run.reused, rebuilt, 'spacy' in sys.modules]))\n"
    )

    def aside(cache: Path) -> list:
        result = subprocess.run(
            [sys.executable, "-c", script, str(corpus), str(cache)],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO_ROOT,
        )
        return json.loads(result.stdout.strip().splitlines()[-1])

    cache = tmp_path / "cache"
    assert aside(cache) == [5, 0, False, True]  # a first build extracts in this process
    assert [p.name for p in cache.glob("*/extra/lexicon.tables")] == ["lexicon.tables"]
    # A rebuild extracts in a worker: spaCy is not even imported in this process.
    assert aside(cache) == [0, 5, True, False]  # nothing to extract: the early worker is stopped
    _write_corpus(corpus, range(6))
    assert aside(cache) == [1, 5, True, False]
    # The graph the worker's extraction gave, read back from the cache's snapshot,
    # is the one a build extracting everything in this process gives.
    from kg.build import _load_snapshot
    from kg.cache import ExtractionCache, pipeline_fingerprint

    spec = PipelineSpec()
    snapshot = _load_snapshot(ExtractionCache(cache, pipeline_fingerprint(repr(spec), [])))
    assert snapshot is not None
    assert snapshot[0].graph == run_build([corpus], nlp=nlp).graph


def _tiny_lexicon(path: Path, name: str) -> None:
    import gzip

    text = (
        "#il6kg-lexicon 1\n"
        '#manifest {"sources": []}\n'
        "#concepts 1\n"
        f"TEST:1\tbiolink:Gene\t{name}\n"
        "#keys 1\n"
        f"{name.lower()}\n"
        "#entries 1\n"
        "0\n"
    )
    path.write_bytes(gzip.compress(text.encode("utf-8")))


def test_lexicon_tables_are_kept_and_used_only_for_the_same_file(tmp_path: Path, monkeypatch) -> None:
    import kg.lexicon.store as store

    lexicon = tmp_path / "lexicon.tsv.gz"
    tables = tmp_path / "cache" / "lexicon.tables"
    _tiny_lexicon(lexicon, "Alpha")
    monkeypatch.setattr(store, "default_lexicon_path", lambda: lexicon)
    store.use_tables_cache(tables)
    try:
        parsed = store.Lexicon(lexicon)
        assert tables.is_file() and (parsed._keys, parsed._entries) == (["alpha"], ["0"])

        def no_parsing(self, path):
            raise AssertionError("parsed although the tables were kept")

        with monkeypatch.context() as patch:
            patch.setattr(store.Lexicon, "_parse", no_parsing)
            kept = store.Lexicon(lexicon)
        assert (kept.manifest, kept._concept_lines, kept._keys, kept._entries) == (
            parsed.manifest,
            parsed._concept_lines,
            parsed._keys,
            parsed._entries,
        )
        _tiny_lexicon(lexicon, "Betamax")  # another lexicon file: the tables are not used
        assert store.Lexicon(lexicon)._keys == ["betamax"]
        tables.write_bytes(b"damaged")
        assert store.Lexicon(lexicon)._keys == ["betamax"]
        other = tmp_path / "other.tsv.gz"  # not the packaged lexicon: no tables kept
        _tiny_lexicon(other, "Gamma")
        tables.unlink()
        assert store.Lexicon(other)._keys == ["gamma"] and not tables.exists()
    finally:
        store.use_tables_cache(None)


def test_snapshot_written_aside_serves_the_next_build(nlp, tmp_path: Path, monkeypatch) -> None:
    import kg.build as build
    import kg.export.rebuild as rebuild

    spliced: list[str] = []
    real_splice = rebuild.splice
    monkeypatch.setattr(
        rebuild, "splice", lambda path, *a, **k: spliced.append(Path(path).name) or real_splice(path, *a, **k)
    )
    corpus, out = tmp_path / "corpus.jsonl", tmp_path / "out"
    _write_corpus(corpus, range(8))
    first = run_build([corpus], nlp=nlp, cache_dir=out / "cache", extract_aside=True)
    assert [process.name for process in build._WRITERS] == ["kg-write-snapshot"]  # written by a fork
    write_outputs(first.graph, out, changes=first.changes)
    assert not build._WRITERS  # waited for
    _write_corpus(corpus, range(9))
    second = run_build([corpus], nlp=nlp, cache_dir=out / "cache", extract_aside=True)
    assert second.changes is not None and second.changes.previous == first.graph
    assert second.changes.previous_token == first.changes.token
    write_outputs(second.graph, out, changes=second.changes)
    assert "graph.nt" in spliced  # the output index names the snapshot's graph
    fresh = tmp_path / "fresh"
    write_outputs(run_build([corpus], nlp=nlp).graph, fresh)
    for name in ALL_OUTPUTS:
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    build.wait_for_snapshot()

    # The forked writer also prunes the cache: a deleted paper's entry goes.
    def entries() -> int:
        return sum(path.parent.name != "extra" for path in (out / "cache").rglob("*.json"))

    assert entries() == 9
    _write_corpus(corpus, range(7))
    third = run_build([corpus], nlp=nlp, cache_dir=out / "cache", extract_aside=True)
    assert [process.name for process in build._WRITERS] == ["kg-write-snapshot"]
    build.wait_for_snapshot()
    assert (third.extracted, third.reused) == (0, 7)
    assert entries() == 7


def test_the_same_input_gets_the_same_graph_token_and_store_name(nlp, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _write_corpus(corpus, range(4))
    runs = [run_build([corpus], nlp=nlp, cache_dir=tmp_path / name / "cache") for name in ("a", "b")]
    for name, run in zip(("a", "b"), runs, strict=True):
        write_outputs(run.graph, tmp_path / name, changes=run.changes)
    assert runs[0].changes is not None and runs[1].changes is not None
    assert runs[0].changes.token == runs[1].changes.token
    assert os.readlink(tmp_path / "a" / "store") == os.readlink(tmp_path / "b" / "store")
    _write_corpus(corpus, range(5))
    changed = run_build([corpus], nlp=nlp, cache_dir=tmp_path / "a" / "cache")
    assert changed.changes is not None and changed.changes.token != runs[0].changes.token


def _blas_threads() -> int:
    from threadpoolctl import threadpool_info

    return max(pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas")


def test_the_in_process_worker_extracts_with_one_blas_thread(nlp, monkeypatch) -> None:
    """``--workers 1`` extracts on one core like every worker; the process's own limit comes back."""
    from threadpoolctl import threadpool_limits

    import kg.parallel

    seen: list[int] = []
    extract = kg.parallel.extract_with

    def recording_extract(*args):
        seen.append(_blas_threads())
        return extract(*args)

    monkeypatch.setattr(kg.parallel, "extract_with", recording_extract)
    documents = [Document(id="PMID:1", title="IL-6", abstract="IL-6 activates STAT3.", source_name="a.txt")]
    with threadpool_limits(limits=2, user_api="blas"):
        assert _blas_threads() == 2
        ((_, results),) = list(kg.parallel.LocalBackend(PipelineSpec(), nlp).map([documents]))
        assert _blas_threads() == 2
    assert seen == [1] and len(results) == 1


def test_a_build_lets_go_of_the_lexicon_only_if_it_loaded_it(tmp_path: Path) -> None:
    """The writing after a one-worker build does not need the 450 MB lexicon the build loaded."""
    from kg.lexicon.store import load_lexicon

    corpus = tmp_path / "corpus.jsonl"
    _write_corpus(corpus, range(2))
    load_lexicon.cache_clear()
    run = run_build([corpus], cache_dir=tmp_path / "cache")
    assert run.extracted == 2 and run.graph.assertions
    assert load_lexicon.cache_info().currsize == 0
    load_lexicon()  # a caller's own lexicon is left alone
    run_build([corpus], cache_dir=tmp_path / "other-cache")
    assert load_lexicon.cache_info().currsize >= 1


def test_loading_the_pipeline_leaves_a_paused_collector_paused() -> None:
    """spaCy reads models through srsly, whose msgpack loader ends with ``gc.enable()``."""
    from kg.gcpause import paused_gc

    with paused_gc():
        PipelineSpec().load()
        assert not gc.isenabled()
    assert gc.isenabled()
