"""Tests for the input readers in :mod:`kg.sources`."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kg.model import Document, stable_hash
from kg.sources import ReadResult, read_file, read_inputs
from kg.sources.decoding import decode_file
from kg.sources.errors import UnparsableInput, UnreadableInput
from kg.sources.scraped import parse_scraped_page

PAPERS = Path(__file__).parents[1] / "data" / "papers"
FIXTURES = Path(__file__).parent / "fixtures" / "sources"
SEED_000 = PAPERS / "000_7a7d2a59b0f60e80.txt"
SEED_001 = PAPERS / "001_7908ddd5bbe2a1b3.txt"
SEED_004 = PAPERS / "004_2d8770262e51c7fe.txt"
BOILERPLATE = (
    "Send to", "Choose Destination", "Loading", "Cite this", "Dive into", "Support Center",
    "Free PMC", "Supplemental Content", "Full text links", "Icon for", "Indexed for MEDLINE",
    "Author information", "Research output", "Scopus", "fingerprint", "Original language",
    "Article number", "Issue number", "Publication types", "MeSH terms", "Keywords",
)  # fmt: skip


def _read(path: Path) -> Document:
    return read_file(path)


def _assert_clean(document: Document) -> None:
    for phrase in BOILERPLATE:
        assert phrase not in document.title, phrase
        assert phrase not in document.abstract, phrase


# --------------------------------------------------------------------------- seeds


def test_seed_000_pubmed_with_labelled_keywords() -> None:
    doc = _read(SEED_000)
    assert doc.id == "doi:10.1016/j.critrevonc.2013.08.004"
    assert doc.title == "Interleukin-6: an angiogenic target in solid tumours"
    assert doc.doi == "10.1016/j.critrevonc.2013.08.004"
    assert doc.pmid is None
    assert doc.journal == "Crit Rev Oncol Hematol"
    assert doc.year == 2014
    assert doc.source_name == SEED_000.name
    assert doc.keywords == (
        "Angiogenesis", "Bevacizumab", "HIF-1α", "IL-6", "STAT3", "Siltuximab", "Sunitinib",
        "VEGF",
    )  # fmt: skip
    assert doc.publication_types == ("Research Support, Non-U.S. Gov't", "Review")
    assert doc.mesh_terms == (
        "Angiogenesis Inducing Agents / metabolism",
        "Angiogenesis Inhibitors / therapeutic use",
        "Animals",
        "Antineoplastic Agents / therapeutic use",
        "Humans",
        "Interleukin-6 / antagonists & inhibitors",
        "Interleukin-6 / genetics",
        "Interleukin-6 / metabolism",
        "Neoplasms / drug therapy",
        "Neoplasms / metabolism",
        "Neoplasms / mortality",
        "Neoplasms / pathology",
        "Neovascularization, Pathologic / drug therapy",
        "Neovascularization, Pathologic / genetics",
        "Neovascularization, Pathologic / metabolism",
        "Prognosis",
        "Treatment Outcome",
    )
    assert doc.abstract.startswith("During the past decade, incorporating anti-angiogenic")
    assert doc.abstract.endswith("that become refractory to these approaches.")
    assert doc.abstract == SEED_000.read_text(encoding="utf-8").splitlines()[5]
    _assert_clean(doc)


def test_seed_001_pubmed_with_unlabelled_keywords() -> None:
    doc = _read(SEED_001)
    assert doc.id == "doi:10.1016/j.smim.2014.01.008"
    assert doc.title == "The two faces of IL-6 in the tumor microenvironment."
    assert doc.journal == "Semin Immunol"
    assert doc.year == 2014
    assert doc.keywords == (
        "Adaptive tumor immunity",
        "IL-6 trans-signaling",
        "T cell trafficking",
        "Tumorigenesis",
    )
    assert doc.mesh_terms == ()
    assert doc.authors == ()  # the page prints affiliations only
    assert doc.abstract.startswith("Within the tumor microenvironment, IL-6 signaling")
    assert doc.abstract.endswith("the fairer aspect that promotes anti-tumor adaptive immunity.")
    assert "Roswell Park" not in doc.abstract
    assert doc.abstract == SEED_001.read_text(encoding="utf-8").splitlines()[13]
    _assert_clean(doc)


def test_seed_004_pure_portal() -> None:
    doc = _read(SEED_004)
    assert doc.title == (
        "IL-6 signaling in macrophages is required for immunotherapy-driven regression of tumors"
    )
    assert doc.doi is None
    assert doc.pmid is None
    assert doc.id == f"kgdoc:{stable_hash(doc.title.casefold(), doc.abstract.casefold())}"
    assert doc.journal == "Journal for ImmunoTherapy of Cancer"
    assert doc.year == 2021
    assert doc.authors[0] == "Elham Beyranvand Nejad"
    assert doc.authors[-1] == "Sjoerd H. Van Der Burg"
    assert "Hans Willi Mittrücker" in doc.authors
    assert len(doc.authors) == 11
    assert doc.keywords == (
        "CD8-Positive T-Lymphocytes", "active", "adaptive immunity", "immune evation",
        "immunotherapy", "macrophages",
    )  # fmt: skip
    assert doc.mesh_terms == ()
    assert doc.publication_types == ("Article",)
    assert doc.abstract.startswith("Background High serum interleukin (IL-6) levels")
    assert doc.abstract.endswith("of IL-6 signaling described in infections.")
    assert doc.abstract == SEED_004.read_text(encoding="utf-8").splitlines()[9]
    _assert_clean(doc)


def test_read_inputs_on_seed_directory_is_sorted_and_deterministic() -> None:
    first = read_inputs([PAPERS])
    second = read_inputs([SEED_004, SEED_001, PAPERS, SEED_000])
    assert isinstance(first, ReadResult)
    assert first == second
    assert first.problems == ()
    ids = [doc.id for doc in first.documents]
    assert ids == sorted(ids)
    assert len(ids) == 3


def test_text_joins_title_and_abstract() -> None:
    doc = _read(SEED_000)
    assert doc.text == f"{doc.title}\n\n{doc.abstract}"


# ------------------------------------------------------------- other layouts


def test_glued_boilerplate_is_split_off() -> None:
    doc = _read(FIXTURES / "fused_pubmed.txt")
    assert doc.title == "Interleukin-6 trans-signalling in colitis"
    assert doc.abstract == (
        "IL-6 trans-signalling via soluble IL-6R drives colitis in mice. "
        "Blocking it with sgp130Fc reduced STAT3 activation."
    )
    assert (doc.journal, doc.year, doc.pmid) == ("Gut", 2019, "29900001")
    assert doc.id == "doi:10.1136/gutjnl-2018-000001"
    assert doc.keywords == ("colitis", "IL-6", "sgp130Fc")
    # Substances already present as a MeSH descriptor are not repeated.
    assert doc.mesh_terms == ("Colitis / immunology", "Interleukin-6 / metabolism", "sgp130Fc")
    _assert_clean(doc)


def test_pure_page_with_doi_and_citation_formats() -> None:
    doc = _read(FIXTURES / "pure_portal.txt")
    assert doc.id == "doi:10.1186/s13075-019-0001-x"
    assert doc.doi == "10.1186/S13075-019-0001-X"
    assert (doc.journal, doc.year) == ("Arthritis Research and Therapy", 2019)
    assert doc.authors == ("Ann Smith", "Bo van der Li")
    assert doc.publication_types == ("Review article",)
    assert doc.keywords == ("tocilizumab", "soluble IL-6 receptor")
    assert doc.abstract == (
        "Tocilizumab blocks the IL-6 receptor. Patients with high soluble IL-6R responded better."
    )
    _assert_clean(doc)


def test_plain_text_title_and_paragraph() -> None:
    doc = _read(FIXTURES / "plain.txt")
    assert doc.title == "IL-6 and fever"
    assert doc.abstract == "IL-6 acts on the hypothalamus and raises body temperature."
    assert doc.id.startswith("kgdoc:")


def test_pubmed_copy_with_journal_on_its_own_line() -> None:
    text = (
        "Review\n\nSemin Immunol\n. 2014 Feb;26(1):38-47.\n"
        "doi: 10.1016/j.smim.2014.01.008. Epub 2014 Mar 3.\n\n"
        "The two faces of IL-6\nDaniel T Fisher 1, Michelle M Appenheimer 2\n"
        "Affiliations\n\n    1 Department of Immunology, Roswell Park.\n\n"
        "PMID: 24602448 PMCID: PMC4023433\nAbstract\n\nIL-6 signaling is a player.\n\n"
        "Similar articles\n\n    Other paper title.\n"
    )
    doc = parse_scraped_page(text, source_name="x.txt")
    assert (doc.title, doc.journal, doc.year) == ("The two faces of IL-6", "Semin Immunol", 2014)
    assert doc.authors == ("Daniel T Fisher", "Michelle M Appenheimer")
    assert (doc.pmid, doc.abstract) == ("24602448", "IL-6 signaling is a player.")


def test_pmid_is_the_id_without_doi() -> None:
    doc = parse_scraped_page("A title\n\nPMID: 123\n\nSome abstract.", source_name="x.txt")
    assert doc.id == "PMID:123"


def test_html_is_kept_as_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "html.txt"
    path.write_text("IL-6 <b>title</b>\n\nText <script>alert(1)</script> & more.\n", "utf-8")
    doc = read_file(path)
    assert doc.title == "IL-6 <b>title</b>"
    assert doc.abstract == "Text <script>alert(1)</script> & more."


def test_page_without_content_is_unparsable() -> None:
    with pytest.raises(UnparsableInput, match=r"junk\.txt"):
        parse_scraped_page("Send to\n\nLoading ...\nSupport Center\n", source_name="junk.txt")


# --------------------------------------------------------------------- decoding


def test_decode_normalises_bom_newlines_and_nfc(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfTitle\r\nLine two\rCafe\xcc\x81\n")
    assert decode_file(path) == "Title\nLine two\nCaf\u00e9\n"


@pytest.mark.parametrize(
    ("name", "payload", "expected"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\r\n ", "whitespace"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "binary"),
        ("controls.txt", b"abc" + bytes(range(1, 9)) * 4, "binary"),
        ("latin1.txt", "Interleukin-6 caf\u00e9\n\nSome text.".encode("latin-1"), "offset 17"),
        ("utf16.txt", "IL-6".encode("utf-16"), "UTF-16"),
    ],
)
def test_decode_rejects_unusable_bytes(tmp_path: Path, name: str, payload: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(payload)
    with pytest.raises(UnreadableInput, match=expected) as caught:
        decode_file(path)
    assert name in str(caught.value)


def test_decode_non_utf8_message_suggests_conversion(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"caf\xe9")
    with pytest.raises(UnreadableInput) as caught:
        decode_file(path)
    assert "not valid UTF-8" in str(caught.value)
    assert "0xe9 at offset 3" in str(caught.value)
    assert "convert the file to UTF-8" in str(caught.value)


def test_decode_missing_and_oversized(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match=r"missing\.txt: file not found"):
        decode_file(tmp_path / "missing.txt")
    big = tmp_path / "big.txt"
    big.write_text("Title\n\n" + "x" * 100, "utf-8")
    with pytest.raises(UnreadableInput, match=r"big\.txt: file is too large"):
        decode_file(big, max_bytes=50)


# ------------------------------------------------------------------ read_inputs


def test_bad_files_become_problems_while_good_files_are_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    bad = {
        "a_empty.txt": b"",
        "b_blank.txt": b" \n\n\t ",
        "c_binary.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32,
        "d_latin1.txt": "Titre\n\nIl \u00e9tait une fois.".encode("latin-1"),
        "e_big.txt": b"Big title\n\n" + b"word " * 100,
    }
    for name, payload in bad.items():
        (tmp_path / name).write_bytes(payload)
    good = tmp_path / "good.txt"
    good.write_text("IL-6 title\n\nIL-6 activates STAT3.\n", "utf-8")
    (tmp_path / ".hidden.txt").write_bytes(b"\x00")
    missing = tmp_path / "missing.txt"

    with caplog.at_level(logging.WARNING, logger="kg.sources"):
        result = read_inputs([tmp_path, missing], max_bytes=200)

    assert [doc.source_name for doc in result.documents] == ["good.txt"]
    assert result.documents[0].abstract == "IL-6 activates STAT3."
    names = [problem.source_name for problem in result.problems]
    assert names == [*bad, "missing.txt"]
    for problem in result.problems:
        assert problem.source_name in problem.message
        assert problem.source_name in caplog.text
    messages = dict(zip(names, (p.message for p in result.problems), strict=True))
    assert "not valid UTF-8" in messages["d_latin1.txt"]
    assert "too large" in messages["e_big.txt"]
    assert "not found" in messages["missing.txt"]


def test_duplicate_ids_keep_the_first_file(tmp_path: Path) -> None:
    text = SEED_001.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, "utf-8")
    (tmp_path / "b.txt").write_text(text, "utf-8")
    result = read_inputs([tmp_path])
    assert [doc.source_name for doc in result.documents] == ["a.txt"]
    assert len(result.problems) == 1
    assert result.problems[0].source_name == "b.txt"
    assert "duplicate of a.txt" in result.problems[0].message


def test_list_items_with_commas_stay_whole() -> None:
    text = (
        "A title\n\nAn abstract.\n\nPublication types: Research Support, Non-U.S. Gov't\n\n"
        "  • Neovascularization, Pathologic\n  • IL-6\n\nKeywords\nIL-6, STAT3\n"
    )
    doc = parse_scraped_page(text, source_name="x.txt")
    assert doc.publication_types == ("Research Support, Non-U.S. Gov't",)
    assert doc.keywords == ("Neovascularization, Pathologic", "IL-6", "STAT3")
    assert doc.abstract == "An abstract."
