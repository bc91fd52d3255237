"""Loading the generated lexicon and grounding text against it.

:class:`Lexicon` joins two layers: the generated lexicon
(``ontology/lexicon/lexicon.tsv.zst``, about a million surface keys) and the
hand-curated ``ontology/vocabulary.tsv``, which wins: where a curated form
matches, generated entries for the same key are ignored, and a curated
concept's name and category override a generated record of the same CURIE.

Loading keeps each line as a string and parses a key's entries only when
it is looked up, so start-up is one decompression and three splits: the
keys are stored sorted and searched by bisection (a dict of the 1.5 million
keys took longer to build than the file took to read).
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import re
import zlib
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from pathlib import Path

import zstandard

from kg.lexicon.mapped import MappedLines, MappedTables, write_mapped_tables
from kg.lexicon.normalize import cased_key, is_case_sensitive, key, plural_stems
from kg.lexicon.stoplist import STOPLIST, SYMBOL_STOPLIST
from kg.model import Concept
from kg.nlp.vocabulary import VocabularyEntry, default_ontology_dir, load_vocabulary, surface_variants

__all__ = [
    "COMPATIBLE_CATEGORIES",
    "ROLE",
    "Grounding",
    "Lexicon",
    "LexiconFormatError",
    "chemical_roles",
    "load_lexicon",
    "use_tables_cache",
]

logger = logging.getLogger(__name__)

HUMAN = "NCBITaxon:9606"
#: Category of a drug class ("analgesic", "calcium channel blockers"): what a substance does.
ROLE = "biolink:ChemicalRole"
MOUSE = "NCBITaxon:10090"
RAT = "NCBITaxon:10116"

# How sure a grounding is, by what matched: curated form, preferred
# name/approved symbol, synonym, alias or previous symbol.
_TIER_SCORES = {-1: 0.98, 0: 0.95, 1: 0.9, 2: 0.8}
_CASE_VARIANT = 0.85  # "Il6" read as human IL6 (or "IL6" as mouse Il6)
_PLURAL = 0.97
# Which source to prefer when one text names several concepts of a kind.
_SOURCE_RANK = {
    "curated": 0, "HGNC": 1, "MGI": 2, "RGD": 3, "FPLX": 4, "CL": 5, "GO": 6, "MONDO": 7, "DRUGBANK": 8,
    "MESH": 9, "NCBITaxon": 10, "CHEBI": 11, "DOID": 12, "UBERON": 13, "Cellosaurus": 14,
}  # fmt: skip
_SYMBOL_CATEGORIES = frozenset(
    {"biolink:Gene", "biolink:Protein", "biolink:GeneFamily", "biolink:MacromolecularComplex",
     "biolink:CellLine", "biolink:Cell", "biolink:AnatomicalEntity", "biolink:BiologicalProcess"}
)  # fmt: skip
# A category asked for by a caller (a trained NER label) accepts these.
COMPATIBLE_CATEGORIES = {
    "biolink:Gene": {
        "biolink:Gene",
        "biolink:Protein",
        "biolink:GeneFamily",
        "biolink:MacromolecularComplex",
    },
    "biolink:Protein": {
        "biolink:Gene",
        "biolink:Protein",
        "biolink:GeneFamily",
        "biolink:MacromolecularComplex",
    },
    "biolink:ChemicalEntity": {"biolink:ChemicalEntity", "biolink:Drug", "biolink:SmallMolecule"},
    "biolink:Drug": {"biolink:ChemicalEntity", "biolink:Drug", "biolink:SmallMolecule"},
    "biolink:Disease": {"biolink:Disease", "biolink:PhenotypicFeature", "biolink:DiseaseOrPhenotypicFeature"},
    "biolink:Cell": {"biolink:Cell"},
}


class LexiconFormatError(ValueError):
    """The lexicon file is not one ``kg lexicon build`` wrote."""


@dataclass(frozen=True, slots=True)
class Grounding:
    """One identifier a text may stand for, with how sure we are."""

    curie: str
    category: str
    name: str
    score: float
    source: str
    taxon: str | None = None
    #: MeSH tree numbers of a MeSH descriptor (what kind of heading it is), else empty.
    mesh_trees: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Record:
    curie: str
    category: str
    name: str
    xrefs: tuple[str, ...]
    taxon: str | None
    source: str
    mesh_trees: tuple[str, ...]
    members: tuple[str, ...] = ()


def _parse_record(line: str) -> _Record:
    # The last column places a concept in its hierarchy: MeSH tree numbers ("C10.597")
    # for a MeSH descriptor, member gene CURIEs ("HGNC:391") for a FamPlex family.
    curie, category, name, xrefs, taxon, source, hierarchy = line.split("\t")
    parts = hierarchy.split("|") if hierarchy else []
    return _Record(
        curie, category, name, tuple(xrefs.split("|")) if xrefs else (), taxon or None, source,
        tuple(p for p in parts if ":" not in p), tuple(p for p in parts if ":" in p),
    )  # fmt: skip


_FORMAT_LINE = b"#il6kg-lexicon 1"  # kg.lexicon.build.FORMAT_LINE, the file's first line
_PLURAL_HEADS = ("i", "ie", "m", "mi", "mic")
"""Endings of a run that one more short piece can turn into a plural whose singular differs
in those letters ("-ies" -> "-y", "mice" -> "mouse"); see :meth:`Lexicon.may_extend`."""
_PROBE_MEMO_SIZE = 400_000  # words and runs whose may_match / may_extend answers are kept (tens of MB)


def _remember(memo: dict[str, bool], cased: str, answer: Callable[[str], bool]) -> bool:
    """``answer(cased)``, kept in ``memo`` (emptied when it holds :data:`_PROBE_MEMO_SIZE` answers)."""
    if len(memo) >= _PROBE_MEMO_SIZE:
        memo.clear()
    known = memo[cased] = answer(cased)
    return known


def _line_curie(line: str) -> str:
    """The CURIE a concept line starts with."""
    return line[: line.find("\t")]


class Lexicon:
    """Generated lexicon plus curated vocabulary, queried by normalised key.

    Parameters
    ----------
    lexicon_path
        ``lexicon.tsv.zst`` (or a gzip one); ``None`` for no generated layer (curated only).
    vocabulary_path
        A ``vocabulary.tsv``; ``None`` for the packaged one.
    """

    def __init__(self, lexicon_path: Path | None, vocabulary_path: Path | None = None) -> None:
        self.manifest: dict = {}
        self._concept_lines: list[str] = []
        # The generated keys, sorted, and their entries in the same order.
        self._keys: list[str] = []
        self._entries: list[str] = []
        # The last key may_match searched for and where: may_extend asks about the same run next.
        self._last_position: tuple[str, int] = ("", 0)
        if lexicon_path is not None:
            self._read(Path(lexicon_path))
        self._records: dict[int, _Record] = {}
        self._mesh_tree_index: dict[str, str] | None = None
        self._mesh_children: dict[str, tuple[str, ...]] | None = None
        self._referring: dict[str, tuple[str, ...]] | None = None
        self._sorted_curated: list[str] | None = None
        # The matcher probes the same words ("the", "IL-6") in every paper: answers kept.
        self._may_match_memo: dict[str, bool] = {}
        self._may_extend_memo: dict[str, bool] = {}
        # And its groundings of a key with grounding's own stop lists (see lookup).
        self._lookup_memo: dict[str, tuple[Grounding, ...]] = {}
        self._curated: dict[str, VocabularyEntry] = {}
        self._curated_terms: dict[str, list[tuple[str, str]]] = {}
        for entry in load_vocabulary(Path(vocabulary_path) if vocabulary_path else None):
            self._add_curated(entry)

    # --- loading -------------------------------------------------------------
    def _read(self, path: Path) -> None:
        cache = _tables_cache_for(path)
        identity = _file_identity(path)
        if cache is not None and identity is not None and self._map_tables(cache, identity):
            return
        self._parse(path)
        if cache is not None and identity is not None:
            try:
                write_mapped_tables(
                    cache, identity, self.manifest, self._concept_lines, self._keys, self._entries
                )
            except (OSError, ValueError) as error:
                logger.warning("could not keep the lexicon tables in %s (%s)", cache, error)

    def _map_tables(self, cache: Path, identity: tuple[str, int, int]) -> bool:
        """Use the tables :meth:`_read` kept for this very lexicon file; False if there are none.

        They are read from the mapped file as asked and loaded whole only after
        many questions (:mod:`kg.lexicon.mapped`): a rebuild that extracts one
        paper never loads them.
        """
        try:
            tables = MappedTables(cache, identity)
        except (OSError, ValueError, KeyError, TypeError):
            return False
        self.manifest = tables.manifest
        self._keys = MappedLines(tables.keys, partial(setattr, self, "_keys"))  # type: ignore[assignment]
        self._entries = MappedLines(tables.entries, partial(setattr, self, "_entries"))  # type: ignore[assignment]
        self._concept_lines = MappedLines(tables.lines, partial(setattr, self, "_concept_lines"))  # type: ignore[assignment]
        return True

    def _parse(self, path: Path) -> None:
        try:
            data = _decompress(path.read_bytes())
        except (OSError, EOFError, zlib.error, zstandard.ZstdError) as error:
            raise LexiconFormatError(f"{path}: not a readable lexicon ({error})") from error
        try:
            # Each block decoded and split on its own, from a view of the bytes: no copies of the
            # whole text, and the key and entry blocks (ASCII) stay compact strings.
            header_end = data.index(b"\n")
            manifest_end = data.index(b"\n", header_end + 1)
            manifest = data[header_end + 1 : manifest_end].decode("utf-8")
            if data[:header_end] != _FORMAT_LINE or not manifest.startswith("#manifest "):
                raise ValueError("bad header")
            self.manifest = json.loads(manifest[len("#manifest ") :])
            keys_at = data.index(b"\n#keys ", manifest_end)
            entries_at = data.index(b"\n#entries ", keys_at)
            end = len(data)
            while end > entries_at and data[end - 1] == 10:  # the file's closing line breaks
                end -= 1
            view = memoryview(data)
            concept_lines = str(view[manifest_end + 1 : keys_at], "utf-8").split("\n")
            key_lines = str(view[keys_at + len(b"\n#keys ") : entries_at], "utf-8").split("\n")
            entry_lines = str(view[entries_at + len(b"\n#entries ") : end], "utf-8").split("\n")
            n_keys = int(key_lines[0])
            if len(key_lines) != n_keys + 1 or len(entry_lines) != n_keys + 1:
                raise ValueError("truncated term table")
            if concept_lines[0] != f"#concepts {len(concept_lines) - 1}":
                raise ValueError("truncated concept table")
        except ValueError as error:
            raise LexiconFormatError(f"{path}: not an il6-kg lexicon ({error})") from error
        del concept_lines[0], key_lines[0], entry_lines[0]
        self._concept_lines, self._keys, self._entries = concept_lines, key_lines, entry_lines

    def _add_curated(self, entry: VocabularyEntry) -> None:
        curie = entry.concept.curie
        self._curated[curie] = entry
        forms = [(f, True) for f in entry.symbols] + [(f, False) for f in entry.synonyms]
        for form, symbol in forms:
            for variant in surface_variants(form, case_sensitive=symbol):
                cased = cased_key(variant) if is_case_sensitive(variant, symbol=symbol) else ""
                slot = self._curated_terms.setdefault(key(variant), [])
                if (curie, cased) not in slot:
                    slot.append((curie, cased))

    def __len__(self) -> int:
        return len(self._keys) + len(self._curated_terms)

    # --- concepts ------------------------------------------------------------
    def _record(self, index: int) -> _Record:
        record = self._records.get(index)
        if record is None:
            record = self._records[index] = _parse_record(self._concept_lines[index])
        return record

    def _find(self, curie: str) -> _Record | None:
        # The concept lines are sorted by CURIE (kg.lexicon.build writes them so): a binary
        # search needs no index, whose building took a second at a worker's first paper.
        lines = self._concept_lines
        index = bisect_left(lines, curie, key=_line_curie)
        if index == len(lines) or _line_curie(lines[index]) != curie:
            return None
        return self._record(index)

    def concept(self, curie: str) -> Concept | None:
        """The concept for ``curie`` (curated first), or ``None`` if unknown."""
        curated = self._curated.get(curie)
        if curated is not None:
            return curated.concept
        record = self._find(curie)
        if record is None:
            return None
        return Concept(curie=record.curie, category=record.category, name=record.name, xrefs=record.xrefs)

    def xrefs(self, curie: str) -> tuple[str, ...]:
        """Cross-references of ``curie`` from both layers (``NCBIGene:3569``, ``MESH:D015850``)."""
        found: list[str] = []
        if curie in self._curated:
            found += self._curated[curie].concept.xrefs
        record = self._find(curie)
        if record is not None:
            found += record.xrefs
        return tuple(dict.fromkeys(found))

    def referring(self, curie: str) -> tuple[str, ...]:
        """Concepts of the generated layer that cross-reference ``curie`` (the other direction of xrefs).

        ChEBI's "L-dopa" lists no MeSH term, but DrugBank's Levodopa names both
        it and MeSH Levodopa. The index is built on first use (reverse links
        are only needed to carry identifiers into another space).
        """
        if self._referring is None:
            index: dict[str, list[str]] = {}
            for line in self._concept_lines:
                parts = line.split("\t", 4)
                if len(parts) > 3 and parts[3]:
                    for xref in parts[3].split("|"):
                        index.setdefault(xref, []).append(parts[0])
            self._referring = {k: tuple(v) for k, v in index.items()}
        return self._referring.get(curie, ())

    def taxon(self, curie: str) -> str | None:
        """The species of a gene concept, if known."""
        if curie in self._curated:
            return self._curated[curie].taxon
        record = self._find(curie)
        return record.taxon if record else None

    def human_ncbi_gene_ids(self) -> frozenset[str]:
        """NCBI Gene IDs of every human gene (from HGNC cross-references)."""
        found = set()
        for line in self._concept_lines:
            if line.startswith("HGNC:"):
                xrefs = line.split("\t")[3]
                found.update(x[9:] for x in xrefs.split("|") if x.startswith("NCBIGene:"))
        return frozenset(found)

    def members(self, curie: str) -> tuple[str, ...]:
        """Member genes of a FamPlex family (``FPLX:ERK`` -> HGNC MAPK1, MAPK3), empty for others."""
        record = self._find(curie)
        return record.members if record else ()

    def mesh_trees(self, curie: str) -> tuple[str, ...]:
        """MeSH tree numbers of a MeSH descriptor (``C10.597.742``), empty for other concepts."""
        record = self._find(curie)
        return record.mesh_trees if record else ()

    def mesh_descriptor_at(self, tree: str) -> str | None:
        """The MeSH descriptor CURIE at a tree number, if the lexicon holds it."""
        if self._mesh_tree_index is None:
            index: dict[str, str] = {}
            # The lines are sorted by CURIE (see _find): the descriptors' lines are the ones
            # from "MESH:D" up to "MESH:E", found by bisection instead of reading all 900k.
            lines = self._concept_lines
            first = bisect_left(lines, "MESH:D", key=_line_curie)
            for position in range(first, bisect_left(lines, "MESH:E", lo=first, key=_line_curie)):
                record = _parse_record(lines[position])
                for number in record.mesh_trees:
                    index.setdefault(number, record.curie)
            self._mesh_tree_index = index
        return self._mesh_tree_index.get(tree)

    def mesh_children(self, tree: str) -> tuple[str, ...]:
        """Tree numbers one level below ``tree`` that hold a descriptor (``C04`` -> ``C04.557`` ...)."""
        if self._mesh_children is None:
            self.mesh_descriptor_at("")  # builds the tree-number index
            children: dict[str, list[str]] = {}
            for number in self._mesh_tree_index or {}:
                parent, dot, _ = number.rpartition(".")
                if dot:
                    children.setdefault(parent, []).append(number)
            self._mesh_children = {parent: tuple(sorted(numbers)) for parent, numbers in children.items()}
        return self._mesh_children.get(tree, ())

    # --- look-up -------------------------------------------------------------
    def has_key(self, lookup_key: str) -> bool:
        """Whether any entry (curated or generated) is stored under ``lookup_key``."""
        return lookup_key in self._curated_terms or self._entry(lookup_key) is not None

    def _position(self, lookup_key: str) -> int:
        """Where ``lookup_key`` is, or would be, in the sorted generated keys."""
        keys = self._keys
        if type(keys) is list:
            return bisect_left(keys, lookup_key)
        return keys.position(lookup_key)  # type: ignore[attr-defined] # mapped, not loaded yet

    def _entry(self, lookup_key: str) -> str | None:
        """The generated entries stored under ``lookup_key``, if any."""
        index = self._position(lookup_key)
        keys = self._keys
        if index < len(keys) and keys[index] == lookup_key:
            return self._entries[index]
        return None

    def may_match(self, cased: str) -> bool:
        """Cheap pre-check: could :meth:`lookup` find anything for ``cased`` (as is or singular)?"""
        known = self._may_match_memo.get(cased)
        return _remember(self._may_match_memo, cased, self._may_match) if known is None else known

    def _may_match(self, cased: str) -> bool:
        lower = cased.lower()
        if lower in self._curated_terms:
            return True
        index = self._position(lower)
        self._last_position = (lower, index)
        keys = self._keys
        if index < len(keys) and keys[index] == lower:
            return True
        if lower.endswith(("s", "mice")):
            return any(self.has_key(stem.lower()) for stem in plural_stems(cased))
        return False

    def may_extend(self, cased: str) -> bool:
        """Cheap pre-check: could :meth:`may_match` hold for ``cased`` followed by more characters?

        True when some key starts with it (its lower case), or when it could
        end in the middle of a plural that :meth:`lookup` reads as singular
        ("antibodi" + "es", "mi" + "ce"). A matcher that grows a run of tokens
        stops when this is false: no longer run can match.
        """
        known = self._may_extend_memo.get(cased)
        return _remember(self._may_extend_memo, cased, self._may_extend) if known is None else known

    def _may_extend(self, cased: str) -> bool:
        lower = cased.lower()
        searched, index = self._last_position
        if searched != lower:
            index = self._position(lower)
        keys = self._keys
        if index < len(keys) and keys[index].startswith(lower):
            return True
        if self._sorted_curated is None:
            self._sorted_curated = sorted(self._curated_terms)
        curated = self._sorted_curated
        index = bisect_left(curated, lower)
        if index < len(curated) and curated[index].startswith(lower):
            return True
        return lower.endswith(_PLURAL_HEADS)

    def lookup(
        self,
        cased: str,
        *,
        stoplist: frozenset[str] = STOPLIST,
        symbol_stoplist: frozenset[str] = SYMBOL_STOPLIST,
    ) -> list[Grounding]:
        """All groundings of a cased key, best first (no species preference).

        Curated forms win outright; generated entries must pass case rules
        and the stop lists. A key that only matches as a plural is tried
        singular (``Tregs``, ``cytokines``, ``mice``).

        Parameters
        ----------
        cased
            The cased key (:func:`kg.lexicon.normalize.cased_key`).
        stoplist, symbol_stoplist
            Keys no generated entry may match, and keys no generated gene,
            protein, family, cell-line or cell entry may match; grounding's
            own lists by default (:mod:`kg.lexicon.stoplist`).
        """
        if stoplist is STOPLIST and symbol_stoplist is SYMBOL_STOPLIST:
            # The matcher asks about the same runs in every paper ("IL-6", "patients"): the
            # answer depends on the key alone, so it is kept (a copy is returned: callers may
            # change their list). Groundings are frozen.
            known = self._lookup_memo.get(cased)
            if known is None:
                if len(self._lookup_memo) >= _PROBE_MEMO_SIZE:
                    self._lookup_memo.clear()
                known = self._lookup_memo[cased] = tuple(self._lookup(cased, (stoplist, symbol_stoplist)))
            return list(known)
        return self._lookup(cased, (stoplist, symbol_stoplist))

    def _lookup(self, cased: str, stops: tuple[frozenset[str], frozenset[str]]) -> list[Grounding]:
        found = self._lookup_exact(cased, plural=False, stops=stops)
        if found and cased[-1:] == "s" and _PLURAL_ACRONYM.fullmatch(cased):
            # "DCs": the plural of DC (dendritic cells) before the acronym DCS (Dorfman-Chanarin disease)
            plural = {
                g.curie
                for stem in plural_stems(cased)
                for g in self._lookup_exact(stem, plural=True, stops=stops)
            }
            found = [g for g in found if g.curie in plural] + [g for g in found if g.curie not in plural]
        if not found:
            for stem in plural_stems(cased):
                found = self._lookup_exact(stem, plural=True, stops=stops)
                if found:
                    break
            return found
        found = _cells_before_cell_products(found)
        if found[0].source == "MESH" and found[0].category == "biolink:Cell":
            found = self._cell_type_first(cased, found, stops)
        return found

    def _cell_type_first(
        self, cased: str, found: list[Grounding], stops: tuple[frozenset[str], frozenset[str]]
    ) -> list[Grounding]:
        """The Cell Ontology's cell type before MeSH's plural heading of it.

        MeSH names cell types in the plural ("Dendritic Cells", "Astrocytes"),
        the Cell Ontology in the singular, and the lexicon holds no link between
        the two: "dendritic cells" would be MESH:D003713 and "dendritic cell"
        CL:0000451, two nodes for one cell type. The singular's CL concept leads
        (with the plural's score); the MeSH heading stays as an alternative.
        """
        for stem in plural_stems(cased):
            cell_types = [
                g
                for g in self._lookup_exact(stem, plural=True, stops=stops)
                if g.source == "CL" and g.category == "biolink:Cell"
            ]
            if cell_types:
                lead = replace(cell_types[0], score=max(cell_types[0].score, found[0].score))
                return [lead, *(g for g in found if g.curie != lead.curie)]
        return found

    def _lookup_exact(
        self, cased: str, *, plural: bool, stops: tuple[frozenset[str], frozenset[str]]
    ) -> list[Grounding]:
        lower = cased.lower()
        curated = [
            self._curated_grounding(curie, plural)
            for curie, form in self._curated_terms.get(lower, ())
            if not form or form == cased
        ]
        if curated:
            # Curated forms win outright, also in a paper about mice: the curated IL-6 axis
            # names the human genes (a curated mouse entry, such as Il6ra, names the mouse one).
            return _best_first(list(dict.fromkeys(curated)))
        return _best_first(self._generated(cased, plural, stops))

    def _generated(
        self, cased: str, plural: bool, stops: tuple[frozenset[str], frozenset[str]]
    ) -> list[Grounding]:
        stoplist, symbol_stoplist = stops
        lower = cased.lower()
        raw = self._entry(lower)
        if raw is None or lower in stoplist:
            return []
        best: dict[str, Grounding] = {}
        for item in raw.split(" "):
            parts = item.split(",")
            tier = int(parts[1])
            score = _TIER_SCORES[tier]
            record = self._record(int(parts[0]))
            if len(parts) == 3 and parts[2] != cased:
                if record.category != "biolink:Gene" or not _case_variant(cased, parts[2]):
                    continue
                score *= _CASE_VARIANT
            if plural and tier == 2 and record.category == "biolink:Gene":
                continue  # "ARMs" is not a plural of an alias
            if record.category in _SYMBOL_CATEGORIES and lower in symbol_stoplist:
                continue
            curated = self._curated.get(record.curie)
            category = curated.concept.category if curated else record.category
            name = curated.concept.name if curated else record.name
            grounding = Grounding(
                record.curie, category, name, round(score * (_PLURAL if plural else 1.0), 4),
                record.source, record.taxon, record.mesh_trees,
            )  # fmt: skip
            if record.curie not in best or best[record.curie].score < grounding.score:
                best[record.curie] = grounding
        return list(best.values())

    def _curated_grounding(self, curie: str, plural: bool) -> Grounding:
        concept = self._curated[curie].concept
        score = _TIER_SCORES[-1] * (_PLURAL if plural else 1.0)
        return Grounding(
            curie, concept.category, concept.name, round(score, 4), "curated", self._curated[curie].taxon
        )

    def ortholog(self, symbol: str, taxon: str) -> Grounding | None:
        """The gene of ``taxon`` that bears gene symbol ``symbol`` (human ``IL6`` -> mouse Il6).

        Human, mouse and rat orthologs mostly share their symbol up to case
        (HGNC ``IL6``, MGI ``Il6``, RGD ``Il6``); a gene of ``taxon`` whose
        approved symbol is the same letters is taken as the ortholog, failing
        that the only gene of ``taxon`` that lists the symbol as an alias
        (mouse ``Il6ra``, alias ``Il6r``). ``None`` when ``taxon`` has no such
        gene. Scores are the symbol's own (preferred name); the caller decides.
        """
        raw = self._entry(key(symbol))
        if raw is None:
            return None
        genes = {}
        for item in raw.split(" "):
            record = self._record(int(item.split(",", 1)[0]))
            if record.category == "biolink:Gene" and record.taxon == taxon:
                genes[record.curie] = record
        # Its own symbol first; else the one gene of that species listing it as an alias
        # (mouse Il6ra has the alias Il6r, the symbol of its rat and human orthologs).
        same = [r for r in genes.values() if r.name.upper() == symbol.upper()]
        found = same or (list(genes.values()) if len(genes) == 1 else [])
        if not found:
            return None
        r = found[0]
        return Grounding(r.curie, r.category, r.name, _TIER_SCORES[0], r.source, r.taxon)

    def ground(
        self, text: str, *, category: str | None = None, species: str | None = None
    ) -> list[Grounding]:
        """Ground a whole span of text, best first.

        Parameters
        ----------
        text
            The mention as written (``IL-6``, ``soluble IL-6 receptor``, ``Il6ra``).
        category
            A Biolink category; only compatible groundings are returned
            (``biolink:Gene`` also accepts protein families and complexes).
        species
            An NCBITaxon CURIE; genes of that species are preferred.

        Returns
        -------
        list of Grounding
            Empty when nothing in the lexicon names ``text``.
        """
        found = chemical_roles(self.lookup(cased_key(text)))
        if category is not None:
            allowed = COMPATIBLE_CATEGORIES.get(category, {category})
            found = [g for g in found if g.category in allowed]
        return prefer_species(found, species)


def chemical_roles(groundings: list[Grounding]) -> list[Grounding]:
    """Read drug classes as chemical roles and drop dosage forms.

    A MeSH chemical heading filed only under "Chemical Actions and Uses"
    (D27: "Analgesics", "Antioxidants", "Calcium Channel Blockers") names
    what substances do, not a substance: it becomes ``biolink:ChemicalRole``
    (not hormone classes filed there: "Estrogens", "Progestins" stay substances),
    and so do the ChEBI entries of the same name (ChEBI's role branch:
    "analgesic", "antioxidant"). Headings filed only under "Pharmaceutical
    Preparations" (D26: "Tablets", "Solutions"), or there and under
    therapeutic techniques (E: "Placebos"), are no chemical at all and are dropped; so are
    nucleic acids as such filed also as laboratory reagents ("cDNA", DNA, Complementary:
    D13 and D27's DNA probes), as the lexicon leaves out those filed only under D13
    ("DNA", "mRNA").
    """
    for g in groundings:
        if g.mesh_trees:
            break
    else:
        return groundings
    forms = {
        g.curie
        for g in groundings
        if g.mesh_trees
        and (all(t.startswith(("D26", "E")) for t in g.mesh_trees) or _nucleic_acid_as_such(g.mesh_trees))
    }
    roles = {
        g.curie
        for g in groundings
        if g.mesh_trees
        and g.curie not in forms
        and all(t.startswith(("D26", "D27")) for t in g.mesh_trees)
        and not _hormone_class(g)
    }
    if not forms and not roles:
        return groundings
    chemical = COMPATIBLE_CATEGORIES["biolink:ChemicalEntity"]
    result = []
    for g in groundings:
        if g.curie in forms:
            continue
        if g.curie in roles or (roles and g.source == "CHEBI" and g.category in chemical):
            g = replace(g, category=ROLE)
        result.append(g)
    return result


def _nucleic_acid_as_such(trees: tuple[str, ...]) -> bool:
    """Whether MeSH files a heading as a nucleic acid (D13) and otherwise only as a role or use (D27)."""
    return any(t.startswith("D13") for t in trees) and all(t.startswith(("D13", "D27")) for t in trees)


# MeSH files hormone classes ("Estrogens", "Androgens", "Progestins") only under
# Pharmacologic Actions > Hormones, Hormone Substitutes, and Hormone Antagonists > Hormones.
_HORMONES_TREE = "D27.505.696.399.472"
_AGENT_WORDS = ("Agents", "Modulators", "Agonists", "Antagonists")


def _hormone_class(grounding: Grounding) -> bool:
    """A MeSH heading that names a class of hormones, which are substances the body makes.

    Only the Hormones branch of Pharmacologic Actions files them, so the role
    rule would read "estrogen" as a role; a heading of that branch alone is a
    substance unless its name says it is an agent ("Anabolic Agents").
    """
    return all(t.startswith(_HORMONES_TREE) for t in grounding.mesh_trees) and not grounding.name.endswith(
        _AGENT_WORDS
    )


def _case_variant(cased: str, form: str) -> bool:
    """Accept a case-only difference for gene-like symbols written in a gene-naming style.

    ``Il6`` (mouse style) may name human IL6 and ``IL6`` mouse Il6; an
    all-lowercase word never stands for a symbol, and short symbols must match exactly.
    A "p" written before a capital marks the phosphorylated protein ("pERK" is
    phospho-ERK, not PERK, an alias of EIF2AK3): such a text is no case variant.
    """
    if len(form) < 3 or cased.islower() or cased.upper() != form.upper():
        return False
    if cased[0] == "p" and cased[1].isupper():
        return False
    if cased.isupper() and form[0].islower() and form[1:].isupper():
        return False  # a prefix letter ("mSR": membrane SR) is no letter of an all-capital text ("MSR")
    return cased.isupper() or (cased[0].isupper() and cased[1:].lower() == cased[1:]) or form.isupper()


_PLURAL_ACRONYM = re.compile(r"[A-Z][A-Z0-9]+s")


def _cells_before_cell_products(found: list[Grounding]) -> list[Grounding]:
    """A cell type before DrugBank's cell therapy of its name: "NK cells" are the cells.

    DrugBank lists cell products by the cell's name ("Natural Killer Cell"); a
    text names the cells far more often than the product.
    """
    first = found[0]
    if first.category != "biolink:Drug" or not first.name.lower().endswith(("cell", "cells")):
        return found
    cells = [g for g in found if g.category == "biolink:Cell"]
    return cells + [g for g in found if g.category != "biolink:Cell"] if cells else found


def _best_first(found: list[Grounding]) -> list[Grounding]:
    return sorted(found, key=lambda g: (-g.score, _SOURCE_RANK.get(g.source, 99), g.curie))


def prefer_species(found: list[Grounding], species: str | None) -> list[Grounding]:
    """Re-rank gene groundings for a document's species (others keep their order)."""
    if species is None or not any(g.taxon for g in found):
        return found

    def rank(g: Grounding) -> tuple:
        # Only the other species loses: a gene of the right species does not outrank a
        # protein family or a better-matching name of no species ("ERK" is the family,
        # not EPHB2, whose alias it also is).
        penalty = 0.2 if g.taxon and g.taxon != species else 0.0
        return (-(g.score - penalty), _SOURCE_RANK.get(g.source, 99), g.curie)

    return sorted(found, key=rank)


def default_lexicon_path() -> Path:
    """The packaged generated lexicon."""
    return default_ontology_dir() / "lexicon" / "lexicon.tsv.zst"


_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


def _decompress(raw: bytes) -> bytes:
    """A lexicon file's text: zstd as ``kg lexicon build`` writes it, or gzip as it wrote before.

    Raises
    ------
    OSError, EOFError, zlib.error, zstandard.ZstdError
        If the file is neither, or damaged (the zstd frame carries a checksum).
    """
    if raw.startswith(_ZSTD_MAGIC):
        return zstandard.ZstdDecompressor().decompress(raw)
    return gzip.decompress(raw)


_TABLES_CACHE: list[Path] = []  # at most one file: see use_tables_cache


def use_tables_cache(path: Path | None) -> None:
    """Keep the parsed tables of the packaged lexicon in ``path`` for later processes (None: stop).

    Parsing ``lexicon.tsv.zst`` (decompressing it, splitting three million
    lines) takes a second or more in every process that grounds text.
    The kept tables are a memory-mapped file (:mod:`kg.lexicon.mapped`): a
    process reads what it asks for and loads a table whole (about a third
    of the parsing time) only after many questions. The file records the
    lexicon file's path, size and modification time and is used only while
    they match; it is written (atomically) by the first process that parses
    the lexicon. ``kg build`` keeps it in its cache folder, so a rebuild's
    extraction worker starts sooner.
    """
    _TABLES_CACHE.clear()
    if path is not None:
        _TABLES_CACHE.append(Path(path))


def _tables_cache_for(path: Path) -> Path | None:
    if not _TABLES_CACHE:
        return None
    try:
        packaged = path.resolve() == default_lexicon_path().resolve()
    except OSError:
        return None
    return _TABLES_CACHE[0] if packaged else None


def _file_identity(path: Path) -> tuple[str, int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (str(path.resolve()), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=4)
def load_lexicon(lexicon_path: Path | None = None, vocabulary_path: Path | None = None) -> Lexicon:
    """Load (once per process) the lexicon; ``lexicon_path=None`` uses the packaged one.

    Raises
    ------
    LexiconFormatError
        If the file exists but is not a lexicon.
    """
    path = Path(lexicon_path) if lexicon_path else default_lexicon_path()
    return Lexicon(path if path.is_file() else None, vocabulary_path)
