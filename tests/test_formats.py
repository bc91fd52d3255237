"""Tests for format detection and the PubMed XML, BioC, PubTator, JSON Lines and Markdown readers."""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path

import pytest

from kg.model import Document, DocumentProblem
from kg.sources import InputFormat, iter_documents, iter_file, read_file, read_inputs, sniff_format
from kg.sources.errors import UnparsableInput

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
CORPORA = Path(
    os.environ.get("IL6KG_CORPORA", Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora")
)


def _documents(path: Path) -> list[Document]:
    items = list(iter_file(path))
    assert all(isinstance(item, Document) for item in items), items
    return items


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pubmed_efetch.xml", InputFormat.PUBMED_XML),
        ("bioc.xml", InputFormat.BIOC_XML),
        ("bioc.json", InputFormat.BIOC_JSON),
        ("pubtator.txt", InputFormat.PUBTATOR),
        ("abstracts.jsonl", InputFormat.JSONL),
        ("paper.md", InputFormat.MARKDOWN),
        ("plain.txt", InputFormat.TEXT),
        ("pure_portal.txt", InputFormat.TEXT),
    ],
)
def test_format_is_recognised_by_content_not_suffix(tmp_path: Path, name: str, expected: InputFormat) -> None:
    assert sniff_format(FIXTURES / name) is expected
    if expected is not InputFormat.MARKDOWN:  # Markdown without a heading is just text
        renamed = tmp_path / "download.dat"
        shutil.copy(FIXTURES / name, renamed)
        assert sniff_format(renamed) is expected


def test_pubmed_xml_fields() -> None:
    first, second = _documents(FIXTURES / "pubmed_efetch.xml")
    assert first.id == "doi:10.9999/example.2014.001"
    assert (first.pmid, first.doi) == ("90000001", "10.9999/example.2014.001")
    assert first.title == "IL-6 trans-signalling drives STAT3 activation in tumour-associated macrophages."
    assert first.sections == (
        ("BACKGROUND", "Interleukin-6 (IL-6) is abundant in the tumour microenvironment."),
        ("METHODS", "We treated murine macrophages with IL-6 and measured STAT3 phosphorylation."),
        ("RESULTS", "IL-6 increased STAT3 phosphorylation and VEGF secretion."),
    )
    assert first.abstract == "\n\n".join(text for _, text in first.sections)
    assert "Copyright" not in first.abstract
    assert first.authors == ("Middleton K", "Jones AB", "IL-6 Study Group")
    assert (first.journal, first.year, first.date) == ("Crit Rev Oncol Hematol", 2014, "2014-02")
    assert first.mesh_terms == (
        "Animals",
        "Interleukin-6 / metabolism",
        "Interleukin-6 / physiology",
        "STAT3 Transcription Factor",
    )
    assert first.keywords == ("IL-6", "STAT3")
    assert first.publication_types == ("Journal Article", "Research Support, Non-U.S. Gov't")
    assert second.id == "PMID:90000002"
    assert (second.date, second.year, second.journal) == ("2012-11", 2012, "Cytokine")
    assert second.sections == ()  # unlabelled abstract


def test_pubmed_baseline_gzip_is_streamed(tmp_path: Path) -> None:
    baseline = tmp_path / "pubmed24n0001.xml.gz"
    baseline.write_bytes(gzip.compress((FIXTURES / "pubmed_efetch.xml").read_bytes()))
    assert sniff_format(baseline) is InputFormat.PUBMED_XML
    assert [d.pmid for d in _documents(baseline)] == ["90000001", "90000002"]


def test_bioc_xml_json_pubtator_jsonl_markdown() -> None:
    bioc = _documents(FIXTURES / "bioc.xml")
    assert [d.id for d in bioc] == ["doi:10.9999/example.2019.003", "PMID:90000004"]
    assert bioc[0].title == "Tocilizumab inhibits IL-6 receptor signalling in breast cancer."
    assert bioc[0].abstract == "Tocilizumab reduced STAT3 activation in breast cancer cells."
    assert (bioc[0].journal, bioc[0].year) == ("Cancer Res", 2019)
    (bioc_json,) = _documents(FIXTURES / "bioc.json")
    assert (bioc_json.id, bioc_json.title) == ("PMID:90000005", "IL-6 promotes angiogenesis via VEGF.")
    pubtator = _documents(FIXTURES / "pubtator.txt")
    assert [(d.id, d.title) for d in pubtator] == [
        ("PMID:90000006", "Interleukin-6 activates STAT3 in hepatocytes."),
        ("PMID:90000007", "IL-6 in sepsis."),
    ]
    assert pubtator[1].abstract == "Serum IL-6 predicts mortality in sepsis."
    jsonl = _documents(FIXTURES / "abstracts.jsonl")
    assert [(d.id, d.abstract) for d in jsonl] == [
        ("PMID:90000008", "IL-6 induces fever through prostaglandin E2."),
        ("PMID:90000009", "IL-6 binds IL-6R and gp130."),
    ]
    markdown = read_file(FIXTURES / "paper.md")
    assert markdown.title == "IL-6 trans-signalling in colitis"
    assert "[" not in markdown.abstract and "**" not in markdown.abstract
    assert markdown.abstract.startswith("Soluble IL-6R enables trans-signalling in epithelial cells.")


def test_read_file_refuses_a_collection() -> None:
    with pytest.raises(UnparsableInput, match=r"pubtator\.txt: holds 2 papers"):
        read_file(FIXTURES / "pubtator.txt")


def test_jsonl_bad_lines_are_problems_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"id": "1", "title": "A", "text": "IL-6."}\n{"id": 2,\n{"id": "3"}\n'
        '{"id": "4", "title": "B", "text": "x"}\n',
        "utf-8",
    )
    items = list(iter_file(path))
    assert [item.id for item in items if isinstance(item, Document)] == ["PMID:1", "PMID:4"]
    messages = [item.message for item in items if isinstance(item, DocumentProblem)]
    assert messages[0].startswith("mixed.jsonl: line 2: not valid JSON")
    assert messages[1] == "mixed.jsonl: line 3: no title or text in this record"


# ------------------------------------------------------------------- bad input

_XXE = b"""<?xml version="1.0"?>
<!DOCTYPE PubmedArticleSet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>
<ArticleTitle>&xxe;</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
"""
_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE collection [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<collection><document><id>1</id><passage><text>&b;</text></passage></document></collection>
"""


def test_hostile_xml_is_refused_without_expansion(tmp_path: Path) -> None:
    for name, payload in (("xxe.xml", _XXE), ("laughs.xml", _LAUGHS)):
        path = tmp_path / name
        path.write_bytes(payload)
        with pytest.raises(UnparsableInput, match=rf"{name}: refused: the XML declares entities") as error:
            list(iter_file(path))
        assert "root:" not in str(error.value)  # nothing of /etc/passwd


def test_truncated_xml_keeps_the_records_before_the_break(tmp_path: Path) -> None:
    payload = (FIXTURES / "pubmed_efetch.xml").read_bytes()
    cut = payload.index(b'<PMID Version="1">90000002')
    path = tmp_path / "truncated.xml"
    path.write_bytes(payload[:cut])
    items = []
    with pytest.raises(
        UnparsableInput, match=r"truncated\.xml: malformed or truncated XML at line \d+"
    ) as error:
        items.extend(iter_file(path))
    assert "1 articles before that point were read" in str(error.value)
    assert [item.pmid for item in items] == ["90000001"]


def test_bad_files_each_get_an_error_while_the_corpus_is_read(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(FIXTURES / "pubmed_efetch.xml", corpus / "a_good.xml")
    shutil.copy(FIXTURES / "abstracts.jsonl", corpus / "b_good.jsonl")
    (corpus / "c_malformed.xml").write_bytes(b"<PubmedArticleSet><PubmedArticle><MedlineCitation></Pub")
    (corpus / "d_hostile.xml").write_bytes(_XXE)
    (corpus / "e_random.bin").write_bytes(bytes(range(256)) * 64 + os.urandom(4096))
    (corpus / "f_unknown.xml").write_bytes(b"<?xml version='1.0'?><svg><rect/></svg>")
    (corpus / "g_unknown.json").write_bytes(b'{"foo": 1}\n')
    huge = corpus / "h_huge.txt"
    with huge.open("wb") as stream:  # a real 200 MB file
        stream.write(b"A title\n\n")
        block = b"IL-6 activates STAT3. " * 46_000 + b"\n"
        for _ in range(200):
            stream.write(block)
    assert huge.stat().st_size > 200_000_000

    result = read_inputs([corpus])

    assert {d.pmid for d in result.documents} == {"90000001", "90000002", "90000008", "90000009"}
    messages = {problem.source_name: problem.message for problem in result.problems}
    assert sorted(messages) == [
        "c_malformed.xml",
        "d_hostile.xml",
        "e_random.bin",
        "f_unknown.xml",
        "g_unknown.json",
        "h_huge.txt",
    ]
    assert "malformed or truncated XML" in messages["c_malformed.xml"]
    assert "refused" in messages["d_hostile.xml"]
    assert "binary content" in messages["e_random.bin"]
    assert "unknown XML format (root element <svg>)" in messages["f_unknown.xml"]
    assert "unknown JSON format" in messages["g_unknown.json"]
    assert "too large" in messages["h_huge.txt"]
    assert all(name in message for name, message in messages.items())


def test_iter_documents_streams_and_reports_duplicates(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "abstracts.jsonl", tmp_path / "a.jsonl")
    shutil.copy(FIXTURES / "abstracts.jsonl", tmp_path / "b.jsonl")
    items = list(iter_documents(tmp_path))
    assert [type(item).__name__ for item in items] == ["Document"] * 2 + ["DocumentProblem"] * 2
    assert items[2].message == "b.jsonl: duplicate of a.jsonl (PMID:90000008)"


def test_jsonl_record_ids_other_than_pmid(tmp_path: Path) -> None:
    """A MEDLINE UI is not a PMID, and records with their own ids but the same text stay apart."""
    caption = {"title": "", "text": "Click here for additional data file."}
    records = [
        {"id": "88123456", "id_type": "medline_ui", "title": "IL-6 in 1988.", "text": "IL-6 rises."},
        {"id": "PMC-1-caption-1", "id_type": "pmc_section", **caption},
        {"id": "PMC-1-caption-2", "id_type": "pmc_section", **caption},
        {"id": "90000010", "title": "A bare number.", "text": "Read as a PMID."},
    ]
    path = tmp_path / "pool.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in records) + "\n", "utf-8")
    items = list(iter_documents(path))
    assert all(isinstance(item, Document) for item in items)
    medline, first, second, bare = items
    assert medline.pmid is None and medline.id.startswith("kgdoc:")
    assert first.id != second.id and first.abstract == second.abstract
    assert (bare.id, bare.pmid) == ("PMID:90000010", "90000010")
    # The same records read again get the same ids.
    assert [item.id for item in iter_documents(path)] == [item.id for item in items]


def test_shared_abstract_pool_reads_completely() -> None:
    pool = CORPORA / "abstracts" / "abstract_pool.jsonl"
    if not pool.is_file():
        pytest.skip(f"shared corpora not found at {CORPORA} (set IL6KG_CORPORA)")
    lines = sum(1 for line in pool.open("rb") if line.strip())
    items = list(iter_documents(pool))
    documents = [item for item in items if isinstance(item, Document)]
    assert len(documents) + len(items) - len(documents) == lines
    # Every record is its own paper: no id collides (a MEDLINE UI is not a PMID).
    assert len(documents) == lines
