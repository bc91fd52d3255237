"""Incremental builds (per-document cache), kill safety, worker processes and Dask."""

from __future__ import annotations

import json
import marshal
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from kg.build import run_build
from kg.codec import ExtractionParts, decode_parts, encode_parts
from kg.parallel import PipelineSpec, extract_with
from tests.conftest import REPO_ROOT, SEEDS

OUTPUTS = ("graph.ttl", "nodes.tsv", "edges.tsv", "graph.html")
ALL_OUTPUTS = (
    "graph.nt",
    "graph.ttl",
    "graph.jsonld",
    "nodes.tsv",
    "edges.tsv",
    "graph.graphml",
    "graph.html",
)
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


def test_codec_writes_what_a_generic_walk_of_the_records_gives(nlp) -> None:
    """The per-type encoders against walking every value (the encoder they replaced)."""
    from kg.codec import _KINDS, _generic, decode_concepts, encode_concepts
    from kg.model import Aspect, Assertion, Context, Direction, Evidence
    from kg.sources import read_inputs

    def generic(parts: ExtractionParts) -> bytes:
        payload = {name: [_generic(item) for item in getattr(parts, name)] for name in _KINDS}
        return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()

    evidence = Evidence("PMID:1", 'IL-6 "up" \u2028', 0, 9, 0, 4, 5, 7, "rules", "1", 0.1, True, False, None)
    odd = Assertion(
        "A:1", "biolink:affects", "B:2", Aspect.EXPRESSION, Direction.INCREASED, True, Context(), (evidence,)
    )
    checked = 0
    for payload in extract_with(nlp, read_inputs([SEEDS]).documents):
        parts = decode_parts(payload)
        for variant in (parts, ExtractionParts((), (), (), (odd, *parts.assertions))):
            assert encode_parts(variant) == generic(variant)
            checked += len(variant.assertions)
    assert checked > 10
    concepts = {concept.curie: concept for concept in parts.concepts} | {"X:1": None}
    assert decode_concepts(encode_concepts(concepts)) == concepts


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
    assert (cache / "pipeline.fingerprint").is_file()  # the next build need not hash the models again

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


def _store_triples(out: Path) -> list[str]:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(out / "store"))
    return sorted(str(quad) for quad in store)


def _same_outputs(built: Path, fresh: Path) -> None:
    for name in ALL_OUTPUTS:
        assert (built / name).read_bytes() == (fresh / name).read_bytes(), name
    assert _store_triples(built) == _store_triples(fresh)


def test_incremental_rebuilds_write_the_bytes_of_a_full_build(nlp, tmp_path: Path, monkeypatch) -> None:
    import kg.export.rebuild as rebuild
    from kg.build import write_outputs

    spliced: list[Path] = []
    real_splice = rebuild.splice

    def counting_splice(path, *args, **kwargs):
        spliced.append(Path(path).name)
        return real_splice(path, *args, **kwargs)

    monkeypatch.setattr(rebuild, "splice", counting_splice)
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    _write_corpus(corpus, {"a.jsonl": range(0, 30), "b.jsonl": range(30, 40)})

    def rebuild_and_compare(step: str, *, incremental: bool) -> None:
        spliced.clear()
        run = run_build([corpus], nlp=nlp, cache_dir=out / "cache")
        assert run.changes is not None
        assert (run.changes.previous is not None) == incremental, step
        write_outputs(run.graph, out, changes=run.changes)
        fresh = tmp_path / f"fresh-{step}"
        write_outputs(run_build([corpus], nlp=nlp).graph, fresh)
        _same_outputs(out, fresh)
        # In this process the view writer is forked: only the RDF and table files count here.
        expected = {"graph.nt", "graph.ttl", "graph.jsonld", "nodes.tsv", "edges.tsv", "graph.graphml"}
        assert set(spliced) == (expected if incremental else set()), step

    rebuild_and_compare("first", incremental=False)
    _write_corpus(corpus, {"c.jsonl": range(40, 41)})  # one new paper
    rebuild_and_compare("added", incremental=True)
    changed = [_abstract(i) for i in range(30)]
    changed[3]["text"] = "Tocilizumab inhibits IL-6R in patients. IL-6 does not affect gp130."
    changed[7]["title"] = "A new title"
    (corpus / "a.jsonl").write_text("\n".join(map(json.dumps, changed[:25])) + "\n", "utf-8")
    rebuild_and_compare("changed-and-deleted", incremental=True)
    (corpus / "b.jsonl").rename(corpus / "renamed.jsonl")  # same papers, another source file
    rebuild_and_compare("renamed", incremental=True)
    rebuild_and_compare("unchanged", incremental=True)
    # A paper naming the first concept of a namespace (here the domain ontology's, IL6KG): the
    # prefixes bound do not depend on the concepts, so unchanged claims citing that namespace
    # (the curated facts) keep their Turtle and JSON-LD, and the files are still spliced.
    prefixed = {"id": "91000099", "id_type": "pmid", "title": "IL-6 trans-signalling in colitis",
                "text": "IL-6 trans-signalling activates STAT3 in intestinal epithelial cells."}  # fmt: skip
    (corpus / "d.jsonl").write_text(json.dumps(prefixed) + "\n", "utf-8")
    rebuild_and_compare("new-namespace", incremental=True)
    assert "@prefix IL6KG:" in (out / "graph.ttl").read_text("utf-8").split("\n\n", 1)[0]
    (corpus / "d.jsonl").unlink()
    rebuild_and_compare("namespace-gone", incremental=True)


def test_files_changed_behind_the_index_are_written_in_full(nlp, tmp_path: Path) -> None:
    from kg.build import write_outputs

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    _write_corpus(corpus, {"a.jsonl": range(0, 12)})
    run = run_build([corpus], nlp=nlp, cache_dir=out / "cache")
    write_outputs(run.graph, out, changes=run.changes)
    (out / "graph.ttl").write_text("edited by hand\n", "utf-8")
    (out / "edges.tsv").unlink()
    _write_corpus(corpus, {"b.jsonl": range(12, 13)})
    run = run_build([corpus], nlp=nlp, cache_dir=out / "cache")
    assert run.changes is not None and run.changes.previous is not None
    write_outputs(run.graph, out, changes=run.changes)
    fresh = tmp_path / "fresh"
    write_outputs(run_build([corpus], nlp=nlp).graph, fresh)
    _same_outputs(out, fresh)


def test_a_build_that_dies_between_files_is_repaired_by_the_next(nlp, tmp_path: Path, monkeypatch) -> None:
    import kg.build as build_module
    import kg.export.rebuild as rebuild_module
    from kg.build import write_outputs

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    _write_corpus(corpus, {"a.jsonl": range(0, 15)})
    run = run_build([corpus], nlp=nlp, cache_dir=out / "cache")
    write_outputs(run.graph, out, changes=run.changes)
    _write_corpus(corpus, {"b.jsonl": range(15, 17)})

    def die(*args, **kwargs):
        raise KeyboardInterrupt  # as if killed once the RDF files are written

    with monkeypatch.context() as patch:
        patch.setattr(rebuild_module, "write_table_files", die)
        patch.setattr(build_module, "_start_views", lambda *args, **kwargs: None)
        run = run_build([corpus], nlp=nlp, cache_dir=out / "cache")
        with pytest.raises(KeyboardInterrupt):
            write_outputs(run.graph, out, changes=run.changes)
    _write_corpus(corpus, {"c.jsonl": range(17, 18)})
    run = run_build([corpus], nlp=nlp, cache_dir=out / "cache")
    write_outputs(run.graph, out, changes=run.changes)
    fresh = tmp_path / "fresh"
    write_outputs(run_build([corpus], nlp=nlp).graph, fresh)
    _same_outputs(out, fresh)


def test_incremental_build_killed_by_sigkill_then_rerun_matches_uninterrupted(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, {"a.jsonl": range(0, 40)})
    killed_out, clean_out = tmp_path / "killed", tmp_path / "clean"
    first = _kg("build", str(corpus), "--out", str(killed_out))
    _, stderr = first.communicate(timeout=600)
    assert first.returncode == 0, stderr.decode()
    (snapshot,) = (killed_out / "cache").glob("*/extra/assembly.snapshot")
    before = snapshot.stat().st_mtime_ns

    _write_corpus(corpus, {"b.jsonl": range(40, 43)})
    victim = _kg("build", str(corpus), "--out", str(killed_out))
    deadline = time.monotonic() + 300
    # Kill once the new assembly is saved: the files and their index still show the old one.
    while not snapshot.exists() or snapshot.stat().st_mtime_ns == before:
        assert victim.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline, "no new snapshot appeared"
        time.sleep(0.005)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    assert victim.returncode == -signal.SIGKILL

    resumed = _kg("build", str(corpus), "--out", str(killed_out))
    clean = _kg("build", str(corpus), "--out", str(clean_out))
    for process in (resumed, clean):
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr.decode()
    _same_outputs(killed_out, clean_out)


def test_splice_writes_what_a_full_write_would() -> None:
    import random

    from kg.export.splice import splice, write_units

    folder = Path(tempfile.mkdtemp(prefix="il6kg-splice-"))
    try:
        path = folder / "units.txt"
        for trial in range(200):
            rng = random.Random(trial)
            separator = rng.choice([b"", b",\n", b"\n"])
            keys = sorted(rng.sample(range(1000), rng.randint(0, 30)))
            units = {k: (f"u{k}-{rng.random()}".encode(), k % 3) for k in keys}
            index = write_units(path, b"H", separator, b"F", ((k, *units[k]) for k in keys))
            assert path.read_bytes() == b"H" + separator.join(units[k][0] for k in keys) + b"F"
            dirty = set(rng.sample(range(1000), rng.randint(0, 20)))
            dirty |= set(rng.sample(keys, min(len(keys), rng.randint(0, 5))))
            expected, fresh = dict(units), {}
            for key in dirty:
                expected.pop(key, None)
                if rng.random() < 0.6:
                    fresh[key] = expected[key] = (f"n{key}-{rng.random()}".encode(), "x")
            assert index.matches(path)
            new_index = splice(path, index, b"HH", separator, b"FF", dirty, fresh)
            text = b"HH" + separator.join(expected[k][0] for k in sorted(expected)) + b"FF"
            assert path.read_bytes() == text
            assert new_index.keys == sorted(expected)
            assert new_index.extra == [expected[k][1] for k in sorted(expected)]
            for key, offset, length in zip(new_index.keys, new_index.offsets, new_index.lengths, strict=True):
                assert text[offset : offset + length] == expected[key][0]
            assert new_index.matches(path) and not index.matches(path)
    finally:
        shutil.rmtree(folder)


def test_snapshot_round_trips_the_seed_graph(seed_graph) -> None:
    from kg.graph import KnowledgeGraph
    from kg.snapshot import SnapshotError, decode_graph, encode_graph

    graph, extra = decode_graph(encode_graph(seed_graph, {"a": (1, "b")}))
    assert graph == seed_graph and extra == {"a": (1, "b")}

    # Records are filled through their slots, not their constructors: the same values, types and hashes.
    def records(g):
        return (*g.mentions, *g.documents, *(e for a in g.assertions for e in a.evidence))

    for decoded, original in zip(records(graph), records(seed_graph), strict=True):
        assert type(decoded) is type(original) and hash(decoded) == hash(original)
        assert all(getattr(decoded, f) == getattr(original, f) for f in type(original).__slots__)
    empty = KnowledgeGraph((), (), (), (), ())
    assert decode_graph(encode_graph(empty))[0] == empty
    with pytest.raises(SnapshotError):
        decode_graph(b"not a snapshot")
    rows = marshal.loads(encode_graph(seed_graph))
    count, columns = rows["mentions"]
    rows["mentions"] = (count, (columns[0][:-1], *columns[1:]))  # one value missing
    with pytest.raises(SnapshotError):
        decode_graph(marshal.dumps(rows))
    rows = marshal.loads(encode_graph(seed_graph))
    rows["assertions"] = rows["assertions"][:-1]  # evidence left over
    with pytest.raises(SnapshotError):
        decode_graph(marshal.dumps(rows))


def test_cache_fingerprint_covers_every_module_and_model_extraction_uses() -> None:
    # A change to anything extraction runs must start a fresh cache, or a rebuild would keep
    # results a fresh build no longer gives.
    from kg.cache import _KG_ROOT, FINGERPRINT_SOURCES

    script = (
        "import sys\n"
        "from kg.parallel import PipelineSpec, extract_batch\n"
        "from kg.model import Document\n"
        "doc = Document(id='PMID:1', title='IL-6 activates STAT3',"
        " abstract='Tocilizumab blocks IL-6R in macrophages of mice.', source_name='x')\n"
        "extract_batch(PipelineSpec(), [doc])\n"
        "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('kg')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    used = {Path(line).resolve().relative_to(_KG_ROOT) for line in done.stdout.split()}
    assert Path("relation_model/component.py") in used and Path("lexicon/store.py") in used
    # Not results: the version (hashed as text), writing files, the cache and the workers.
    uncovered = {p for p in used if p.parts[0] not in FINGERPRINT_SOURCES}
    assert uncovered <= {Path("__init__.py"), Path("io.py"), Path("cache.py"), Path("parallel.py")}
    assert "models" in FINGERPRINT_SOURCES and (_KG_ROOT / "models" / "re_biored").is_dir()


def test_cache_fingerprint_memo_sees_every_rewrite(tmp_path: Path) -> None:
    from kg.cache import pipeline_fingerprint

    data, memo = tmp_path / "vocabulary.tsv", tmp_path / "cache" / "pipeline.fingerprint"
    data.write_text("curie\tname\nX:1\tone\n")
    plain = pipeline_fingerprint("spec", [data])
    assert pipeline_fingerprint("spec", [data], memo=memo) == plain and not memo.parent.exists()
    memo.parent.mkdir()
    assert pipeline_fingerprint("spec", [data], memo=memo) == plain and memo.is_file()
    assert pipeline_fingerprint("spec", [data], memo=memo) == plain  # from the memo
    assert pipeline_fingerprint("other spec", [data], memo=memo) != plain
    before = data.stat()
    data.write_text("curie\tname\nX:2\tone\n")  # same size, and the modification time set back
    os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))
    changed = pipeline_fingerprint("spec", [data], memo=memo)
    assert changed != plain and changed == pipeline_fingerprint("spec", [data])
    memo.write_text("{not json")
    assert pipeline_fingerprint("spec", [data], memo=memo) == changed


def test_new_claims_are_placed_where_a_full_sort_puts_them() -> None:
    import random

    from kg.incremental import _assertion_order, _in_order
    from kg.model import Assertion, Context

    rng = random.Random(5)
    # Ties included: None and "" read the same in the sort key (a stable sort keeps the input order).
    pool = [
        Assertion(
            f"S:{rng.randint(0, 30)}",
            "biolink:affects",
            f"O:{rng.randint(0, 5)}",
            context=Context(condition=c),
        )
        for c in [None, ""] * 400
    ]
    for added in (0, 1, 7, 600):  # 600: more than are placed one by one
        old = sorted(pool[added:], key=_assertion_order)
        records = old + pool[:added]
        assert _in_order(list(records), added) == tuple(sorted(records, key=_assertion_order))
