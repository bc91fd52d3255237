"""Sequence variants: recognition and stable identifiers (tmVar-style).

Papers name mutations and polymorphisms in a handful of notations, which
regular expressions read reliably (tmVar, the tool behind PubTator's variant
annotations, is built the same way):

* protein changes, HGVS or not: ``p.V600E``, ``V600E``, ``Val600Glu``,
  ``p.Arg72Pro``, ``Arg 1306 Trp``, ``Y67X``, ``p.Glu177LysfsX44``,
  ``F508del``, ``ΔF508``, and phrases such as "arginine 84 to glutamine";
* DNA changes: ``c.123A>G``, ``g.3318-6T>A``, ``c.*557G>A``, ``IVS16+1G>A``,
  ``c.35delG``, ``c.1811_1812delAT``, ``5382insC``, and promoter SNPs
  written without a prefix: ``-174G/C``, ``-1082(G/A)``, ``677C>T``,
  ``G-174C``;
* dbSNP reference SNPs: ``rs1800795``.

Each variant gets a normalised form in tmVar's notation
(``p|SUB|V|600|E``, ``c|DEL|35|G``, ``c|SUB|G|-174|C``), the form BioRED's
gold files use for variants dbSNP does not name, and a CURIE:

* ``DBSNP:rs1800795`` for a reference SNP, and for a change the text ties to
  one ("-174G/C (rs1800795)": every mention of that change in the document
  then names the SNP);
* ``kgvariant:HGNC:6018;c;SUB;G;-174;C`` otherwise: the tmVar form with
  ``;`` for ``|`` (``|`` is not allowed in an IRI), after the gene the
  change is in where the text says it (the nearest grounded gene of the
  sentence, before the change if there is one; the same change without a
  gene is ``kgvariant:c;SUB;G;-174;C``). A change names a concept only
  with its gene: ``V600E`` in BRAF and in another gene are different
  variants.

Precision first. A one-letter protein change needs a position of two digits
or more ("E2F", "S6K", "T2D", "H2A", "P2X" are not variants) and nothing
glued to either side ("CD8", "IL-6", "p53", "H2O2", "Figure 2A" never match);
a span the dictionary grounds as something else ("T47D", "C33A" cell lines)
stays what it is unless a ``p.``/``c.``/``rs`` prefix makes it a variant.
A single-letter change whose letters are both nucleotides (``C677T``,
``A53T``) is read as DNA or protein from its sentence's words
(polymorphism, promoter, nucleotide ... against amino acid, residue ...),
failing that as DNA from position 1,000 on.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Span

from kg.nlp.extensions import doc_text, ensure_extensions

__all__ = [
    "CATEGORY",
    "VARIANT_PREFIX",
    "VariantMatch",
    "VariantRecognizer",
    "find_variants",
    "tmvar_of_curie",
    "variant_curie",
]

#: Biolink category of every variant entity.
CATEGORY = "biolink:SequenceVariant"
#: CURIE prefix of the variants il6-kg identifies itself (see :data:`kg.namespaces.PROJECT_PREFIXES`).
VARIANT_PREFIX = "kgvariant"
_DBSNP = "DBSNP"

_AA3 = {
    "ala": "A", "arg": "R", "asn": "N", "asp": "D", "cys": "C", "gln": "Q", "glu": "E", "gly": "G",
    "his": "H", "ile": "I", "leu": "L", "lys": "K", "met": "M", "phe": "F", "pro": "P", "ser": "S",
    "thr": "T", "trp": "W", "tyr": "Y", "val": "V", "sec": "U", "ter": "X", "stop": "X", "x": "X", "*": "X",
}  # fmt: skip
_AA_NAMES = {
    "alanine": "A", "arginine": "R", "asparagine": "N", "aspartate": "D", "aspartic acid": "D",
    "cysteine": "C", "glutamine": "Q", "glutamate": "E", "glutamic acid": "E", "glycine": "G",
    "histidine": "H", "isoleucine": "I", "leucine": "L", "lysine": "K", "methionine": "M",
    "phenylalanine": "F", "proline": "P", "serine": "S", "threonine": "T", "tryptophan": "W",
    "tyrosine": "Y", "valine": "V", "stop": "X", "stop codon": "X", "termination codon": "X",
}  # fmt: skip
_ONE = "ACDEFGHIKLMNPQRSTVWY"
_AA3_RE = "Ala|Arg|Asn|Asp|Cys|Gln|Glu|Gly|His|Ile|Leu|Lys|Met|Phe|Pro|Ser|Thr|Trp|Tyr|Val|Sec"
_NAME_RE = "|".join(sorted((re.escape(n) for n in _AA_NAMES), key=len, reverse=True))
# A nucleotide position: "123", "-174", "*557", "1483-1", "2554+1", "IVS16+1".
_POS = r"(?:IVS\s?\d+\s?[-+]\s?\d+|[-*+]?\d+(?:[-+]\d+)?)"
_ARROW = r"(?:>|-+>|→|/)"
# A frameshift suffix: "fs", "fsX44", "fs*12" (optional in the protein patterns).
_FS = r"(?P<fsm>fs(?:\*|X|Ter)?(?P<fs>\d+)?)?"

# Each pattern starts with a literal or a character class and checks what precedes it
# with a look-behind placed after that first character: Python's regex engine then
# skips ahead to candidate characters instead of trying the look-behind everywhere
# (five to seven times faster than a leading look-behind).
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("rs", r"[Rr](?<![\w].)s\s?(?P<id>\d{2,10})(?![\w])"),
        # p.V600E, p.Arg72Pro, p.(Arg72Pro), p.Glu177LysfsX44, p.Phe508del
        (
            "p_hgvs",
            rf"p\.(?<![\w.]..)\s?\(?(?P<wt>{_AA3_RE}|[{_ONE}])(?P<pos>\d+)"
            rf"(?:(?P<mut>{_AA3_RE}|Ter|[{_ONE}X*=])?{_FS}|(?P<del>del))\)?(?![\w])",
        ),
        # Val600Glu, Arg 1306 Trp, Pro75 Ala, Glu272Ter, Glu 272 to stop, Ser189 --> Phe
        (
            "p_three",
            rf"(?P<wt>{_AA3_RE})(?<![\w.]...)\s?-?(?P<pos>\d+)(?:\s?(?:-?to-?|-+>|→)\s?|\s|-)?"
            rf"(?P<mut>{_AA3_RE}|Ter|Stop|stop|X|\*)?{_FS}(?![\w])",
        ),
        # V600E, Y67X, E873stop, R1306W
        (
            "p_one",
            rf"(?P<wt>[{_ONE}])(?<![\w./-].)(?P<pos>[1-9]\d{{1,4}})(?P<mut>[{_ONE}X*]|stop|Ter)?{_FS}(?![\w])",
        ),
        # F508del, ΔF508
        ("p_del", rf"(?P<wt>[{_ONE}])(?<![\w./-].)(?P<pos>[1-9]\d{{1,4}})del(?![\w])"),
        ("p_delta", rf"[Δ∆](?<![\w].)(?P<wt>[{_ONE}])(?P<pos>[1-9]\d{{1,4}})(?![\w])"),
        # CCR5-Δ32, delta32: a deletion of that many nucleotides
        ("c_delta", r"(?:[Δ∆](?<![\w].)|[Dd](?<![\w].)elta)\s?(?P<n>[1-9]\d+)(?![\w,(-])"),
        # arginine 84 to glutamine, proline 484 by arginine, glycine-594-valine
        (
            "p_words_pos",
            rf"(?i)\b(?P<wt>{_NAME_RE})[\s-]?(?P<pos>\d+)"
            rf"(?:\s?(?:-?to-?|by|-+>|→)\s?|-|\s)(?P<mut>{_NAME_RE})(?![\w])",
        ),
        # methionine to valine substitution at codon 404
        (
            "p_words_at",
            rf"(?i)\b(?P<wt>{_NAME_RE})\s?(?:to|by|-+>|→)\s?(?P<mut>{_NAME_RE})\s"
            r"(?:(?:substitution|change|mutation|replacement)\s)?at\s(?:(?:amino acid|codon|residue)\s)?"
            r"(?:position\s)?(?P<pos>\d+)(?![\w])",
        ),
        # G-->C substitution at position 135, (G-->A) at nucleotide position 2141, C to T at 33468
        (
            "c_words_at",
            r"(?:(?P<open>\()(?<![\w]\()\s?(?P<wt1>[ACGT])|(?P<wt2>[ACGT])(?<![\w].))"
            r"\s?(?:-+>|→|>|to)\s?(?P<mut>[ACGT])(?(open)\s?\))\s"
            r"(?:(?:substitution|transition|transversion|change|mutation)\s)?at\s(?:the\s)?(?:nucleotide\s)?"
            r"(?:position\s)?(?P<pos>[-+]?\d+)(?![\w])",
        ),
        # c.123A>G, g.3318-6T>A, c.*557G>A, c. 310 G>T, c.2406C-->A
        (
            "c_sub",
            rf"(?P<seq>[cgmnr])\.(?<![\w.]..)\s?(?P<pos>{_POS})\s?(?P<wt>[ACGTU])\s?{_ARROW}\s?(?P<mut>[ACGTU])(?![\w])",
        ),
        # c.35delG, c.1811_1812delAT, c.899-1142del, c.1181_1186+20del26, g.3455_3460del
        (
            "c_indel",
            rf"(?P<seq>[cgmnr])\.(?<![\w.]..)\s?(?P<pos>{_POS}(?:_{_POS})?)\s?"
            r"(?P<kind>delins|del|ins|dup)(?P<what>[ACGTU]+|\d+)?(?![\w])",
        ),
        # IVS16+1G>A, IVS8 -2A>G, IVS9+459, A/G
        (
            "ivs",
            r"IVS(?<![\w.]IVS)(?P<pos>\s?\d+\s?[-+]\s?\d+)(?:\s?,)?\s?(?P<wt>[ACGT])\s?(?:>|/|-+>|→)\s?(?P<mut>[ACGT])"
            r"(?![\w])",
        ),
        # -174G/C, -1082(G/A), 677C>T, +1858C>T, -308 G/A, -924, A/G
        (
            "c_bare",
            rf"(?P<pos>[-+](?<![\w.+-].)\d+(?:\s?,)?|\d(?<![\w.+-].)\d+)\s?(?P<open>\(\s?)?(?P<wt>[ACGT])\s?{_ARROW}\s?"
            r"(?P<mut>[ACGT])(?(open)\s?\))(?![\w])",
        ),
        # G-174C, C-509T
        ("c_signed", r"(?P<wt>[ACGT])(?<![\w.].)(?P<pos>[-+]\d+)(?P<mut>[ACGT])(?![\w])"),
        # 35delG, 5382insC, 657del5, 157delMTTTVP, 2238-9del AG
        (
            "c_bare_indel",
            r"(?P<pos>\d(?<![\w.+-].)\d*(?:[_-]\d+)?)\s?(?P<kind>delins|del|ins|dup)\s?(?P<what>[A-Z]+|\d+)(?![\w])",
        ),
    )
)
# Patterns that start with an amino acid's name: tried only where the text holds one.
_NAMED = frozenset({"p_words_pos", "p_words_at"})
_NAME_HINTS = tuple(sorted(name for name, letter in _AA_NAMES.items() if letter != "X"))
# Patterns tried only where the text holds a nucleotide change ("G>A", "C/T", "G-->C", "C to T").
_NUCLEOTIDE_CHANGE = re.compile(r"[ACGTU]\)?\s?(?:>|/|-+>|→|\sto\s)\s?\(?[ACGTU]")
_NEEDS_CHANGE = frozenset({"c_bare", "c_words_at"})
# Patterns whose marker (p., c., g., rs, IVS, Δ) makes a variant whatever the dictionary says.
_EXPLICIT = frozenset({"rs", "p_hgvs", "c_sub", "c_indel", "ivs", "p_delta"})
# Words of a sentence that tell a DNA change from a protein change.
_DNA_CUES = frozenset({
    "nucleotide", "nucleotides", "promoter", "polymorphism", "polymorphisms", "snp", "snps", "allele",
    "alleles",
    "genotype", "genotypes", "transition", "transitions", "transversion", "transversions", "exon", "exons",
    "intron", "introns", "bp", "utr", "haplotype", "haplotypes", "cdna", "splice",
})  # fmt: skip
# "amino acid(s)" counts once, by its first word.
_PROTEIN_CUES = frozenset(
    ["amino", "residue", "residues", "protein", "proteins", "missense", "codon", "codons"]
)
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class VariantMatch:
    """A variant found in text: character offsets, tmVar form or rsID, and whether a marker made it sure."""

    start: int
    end: int
    text: str
    normalized: str
    explicit: bool

    @property
    def is_rsid(self) -> bool:
        """Whether the match is a dbSNP reference SNP (``rs...``)."""
        return self.normalized.startswith("rs")


def _aa(token: str) -> str:
    if len(token) == 1:
        return "X" if token == "*" else token
    return _AA3.get(token.lower()) or _AA_NAMES[token.lower()]


def _position(raw: str) -> str:
    return re.sub(r"[\s,]+", "", raw).replace("-+", "-")


def _normalise(name: str, match: re.Match[str], sentence_at: Callable[[int], str]) -> str | None:
    g = match.groupdict()
    if name == "rs":
        return f"rs{int(g['id'])}"
    if name in ("p_hgvs", "p_three", "p_one", "p_words_pos", "p_words_at"):
        wt = _aa(g["wt"])
        if g.get("del"):
            return f"p|DEL|{g['pos']}|{wt}"
        if g.get("fsm"):
            mut = _aa(g["mut"]) if g.get("mut") else ""
            return f"p|FS|{wt}|{g['pos']}|{mut}|{g.get('fs') or ''}"
        if not g.get("mut"):
            return None
        mut = wt if g["mut"] == "=" else _aa(g["mut"])
        if (
            name == "p_one"
            and wt in "ACGT"
            and mut in "ACGT"
            and _reads_as_dna(sentence_at(match.start()), int(g["pos"]))
        ):
            return f"c|SUB|{wt}|{g['pos']}|{mut}"
        return f"p|SUB|{wt}|{g['pos']}|{mut}"
    if name == "c_delta":
        return f"c|DEL||{g['n']}"
    if name in ("p_del", "p_delta"):
        return f"p|DEL|{g['pos']}|{g['wt']}"
    if name in ("c_sub", "ivs", "c_bare", "c_signed", "c_words_at"):
        seq = g.get("seq") or "c"
        wt = (g.get("wt") or g.get("wt1") or g["wt2"]).replace("U", "T")
        position = ("IVS" if name == "ivs" else "") + _position(g["pos"])
        return f"{seq}|SUB|{wt}|{position}|{g['mut'].replace('U', 'T')}"
    if name in ("c_indel", "c_bare_indel"):
        kind = {"delins": "INDEL"}.get(g["kind"], g["kind"].upper())
        what = g.get("what") or ""
        position = _position(g["pos"])
        if name == "c_bare_indel" or _is_range(position):
            position = _expand_range(position)
            if what.isalpha() and set(what) - set("ACGT"):
                # 157delMTTTVP: amino acids, a protein change.
                return f"p|{kind}|{position}|{what}" if set(what) <= set(_ONE + "X") else None
        # tmVar writes duplications with a fifth field (the repeat count).
        return f"{g.get('seq') or 'c'}|{kind}|{position}|{what}" + ("|" if kind == "DUP" else "")
    return None


def _is_range(position: str) -> bool:
    """``899-1142`` in a deletion is a range (a larger second number), ``1483-1`` an intronic position."""
    first, dash, last = position.partition("-")
    return bool(dash) and first.isdigit() and last.isdigit() and int(last) > int(first)


def _expand_range(position: str) -> str:
    """``2238-9`` (a range written short) -> ``2238_2239``; ``1314_1328`` unchanged."""
    first, dash, last = position.partition("-")
    if not dash:
        return position
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return f"{first}_{last}"


def _reads_as_dna(sentence: str, position: int) -> bool:
    """Whether a one-letter change with nucleotide letters (``C677T``) is a DNA change."""
    words = _WORD.findall(sentence.lower())
    dna = sum(word in _DNA_CUES for word in words)
    protein = sum(word in _PROTEIN_CUES for word in words)
    if dna != protein:
        return dna > protein
    return position >= 1000


def find_variants(
    text: str, sentences: Sequence[tuple[int, int]] | Callable[[], Sequence[tuple[int, int]]] | None = None
) -> list[VariantMatch]:
    """Every variant mention of ``text``, non-overlapping, in text order.

    Parameters
    ----------
    text
        Any text.
    sentences
        ``(start, end)`` character offsets of its sentences, or a function
        returning them (called only if needed), used to read ambiguous
        one-letter changes; ``None`` reads the whole text as one sentence.

    Returns
    -------
    list of VariantMatch
        Where two patterns match overlapping text, the earlier start wins,
        then the longer match.
    """
    lowered = text.lower()
    name_starts = sorted(_name_positions(lowered))
    has_change = _NUCLEOTIDE_CHANGE.search(text) is not None
    has_delta = "delta" in lowered or "Δ" in text or "∆" in text
    offsets: list[Sequence[tuple[int, int]]] = []

    def sentence_at(position: int) -> str:
        if not offsets:
            found = sentences() if callable(sentences) else sentences
            offsets.append(found if found is not None else [(0, len(text))])
        return next((text[s:e] for s, e in offsets[0] if s <= position < e), text)

    candidates = []
    for name, pattern in _PATTERNS:
        if (name in _NEEDS_CHANGE and not has_change) or (name == "c_delta" and not has_delta):
            continue
        if name in _NAMED:
            matches = [m for m in (pattern.match(text, start) for start in name_starts) if m is not None]
        else:
            matches = pattern.finditer(text)
        for match in matches:
            normalized = _normalise(name, match, sentence_at)
            if normalized is None:
                continue
            candidates.append(
                VariantMatch(match.start(), match.end(), match.group(0), normalized, name in _EXPLICIT)
            )
    candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[VariantMatch] = []
    for candidate in candidates:
        if chosen and candidate.start < chosen[-1].end:
            continue
        chosen.append(candidate)
    return chosen


def _name_positions(lowered: str) -> set[int]:
    """Where an amino acid's name starts in the lower-cased text."""
    positions = set()
    for name in _NAME_HINTS:
        start = lowered.find(name)
        while start != -1:
            positions.add(start)
            start = lowered.find(name, start + 1)
    return positions


def variant_curie(normalized: str, gene: str | None = None) -> str:
    """The CURIE of a normalised variant: ``DBSNP:rs...``, or ``kgvariant:[GENE;]tmVar-with-;``."""
    if normalized.startswith("rs"):
        return f"{_DBSNP}:{normalized}"
    local = normalized.replace("|", ";")
    return f"{VARIANT_PREFIX}:{gene};{local}" if gene else f"{VARIANT_PREFIX}:{local}"


def tmvar_of_curie(curie: str) -> str | None:
    """The identifier BioRED's gold files use for a variant CURIE (``rs...`` or the tmVar form), or None.

    The gene is not part of tmVar's identifier and is dropped.
    """
    prefix, _, local = curie.partition(":")
    if prefix == _DBSNP:
        return local
    if prefix != VARIANT_PREFIX:
        return None
    parts = local.split(";")
    if ":" in parts[0]:
        parts = parts[1:]
    return "|".join(parts)


_GENE_CATEGORIES = frozenset({"biolink:Gene", "biolink:Protein"})
_GENE_PREFIXES = ("HGNC:", "NCBIGene:", "MGI:", "RGD:")
# Categories of grounded names that look like a protein change but are not one.
_NAMED_LIKE_VARIANTS = frozenset(
    {"biolink:CellLine", "biolink:Cell", "biolink:Gene", "biolink:Protein", "biolink:OrganismTaxon"}
)
# Words that may stand between a variant and the gene it is in ("Arg72Pro of the TP53 gene").
_GENE_LINKS = frozenset({"of", "in", "the", "human", "("})
# A variant linked to a reference SNP: "-174G/C (rs1800795)", "rs1800795 (-174G/C)", "rs1800795 G>C".
# A change and an SNP written as one: "-174G/C (rs1800795)", "rs1800795 (G-174C)", "rs1800795 G>C",
# "-930A>G CYBA polymorphism (rs9932581)", "-251A/A genotype (rs4073)"; a bracket may chain
# several readings: "c.471 C>T (p.Ser157Ser, rs35435463)".
_RS_LINK_GAP = re.compile(
    r"^\s*(?:(?:[A-Za-z0-9/-]+\s+)?(?:polymorphisms?|SNPs?|variants?|alleles?|genotypes?|mutations?)\s*)?"
    r"[(\[:]?\s*$"
)
# ", rs35435463", ", SNP rs11915160": only between a change and an SNP (a comma also lists changes).
_RS_COMMA_GAP = re.compile(r"^\s*[,;]\s*(?:SNP\s*)?$")


class VariantRecognizer:
    """spaCy component: add sequence variants to ``doc.ents`` (label ``biolink:SequenceVariant``).

    Runs after the entities are set (``kg_entity_combiner``, or
    ``kg_vocabulary_ner`` in the dictionary-only pipeline). A variant wins
    over an entity it covers ("V600E" read as a gene by the NER) and over
    an overlapping entity nothing grounds ("TRPV6(D542A" from the NER); a
    grounded entity ending in a variant ("BRAF V600E" as one gene span) is
    cut before it; a variant inside a longer grounded name is dropped, as is
    an unmarked variant the dictionary grounds exactly as a cell line, cell,
    gene or organism ("T47D").

    Parameters
    ----------
    score
        Score recorded in ``doc._.kg_entity_sources`` for a marked variant
        (``p.``, ``c.``, ``rs`` ...); unmarked ones get 0.1 less.
    """

    def __init__(self, score: float = 0.95) -> None:
        ensure_extensions()
        self.score = score

    def __call__(self, doc: Doc) -> Doc:
        """Add the variants of ``doc`` to ``doc.ents``; return ``doc``."""
        text = doc_text(doc)
        if not _could_hold_variant(text):
            return doc

        def sentences() -> list[tuple[int, int]] | None:
            if not doc.has_annotation("SENT_START"):
                return None
            return [(s.start_char, s.end_char) for s in doc.sents]

        matches = find_variants(text, sentences)
        if not matches:
            return doc
        sources = dict(doc._.kg_entity_sources or {})
        room = _Room(list(doc.ents))
        placed: list[tuple[Span, VariantMatch]] = []
        for match in matches:
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is None or len(span.text) - len(match.text) > 3:
                continue
            if room.fit(span, match):
                placed.append((span, match))
        if not placed:
            return doc
        entities = room.entities()
        for old, trimmed in room.trimmed:  # "BRAF" keeps the source and score of "BRAF V600E"
            if (old.start_char, old.end_char) in sources:
                sources[(trimmed.start_char, trimmed.end_char)] = sources.pop((old.start_char, old.end_char))
        curies = self._identifiers(doc, placed, entities)
        for span, match in placed:
            variant = Span(doc, span.start, span.end, label=CATEGORY, kb_id=curies[match.normalized])
            entities.append(variant)
            sources[(variant.start_char, variant.end_char)] = (
                "variant",
                self.score if match.explicit else round(self.score - 0.1, 2),
            )
        entities.sort(key=lambda e: e.start)
        doc.ents = entities
        doc._.kg_entity_sources = sources
        return doc

    @staticmethod
    def _identifiers(
        doc: Doc, placed: list[tuple[Span, VariantMatch]], entities: list[Span]
    ) -> dict[str, str]:
        """One CURIE per normalised variant of the document (its first mention with a gene decides)."""
        text = doc_text(doc)
        ordered = sorted(placed, key=lambda p: p[1].start)
        rs_for = _linked_snps(text, [match for _, match in ordered])
        genes = _GeneFinder(
            doc, [e for e in entities if e.label_ in _GENE_CATEGORIES and e.kb_id_.startswith(_GENE_PREFIXES)]
        )
        gene_of: dict[str, str | None] = {}
        for span, match in ordered:
            key = match.normalized
            if not match.is_rsid and key not in rs_for and gene_of.get(key) is None:
                gene_of[key] = genes.gene_of(span)
        curies = {key: variant_curie(key, gene) for key, gene in gene_of.items()}
        for _, match in ordered:
            if match.is_rsid or match.normalized in rs_for:
                curies[match.normalized] = variant_curie(rs_for.get(match.normalized, match.normalized))
        return curies


def _linked_snps(text: str, matches: list[VariantMatch]) -> dict[str, str]:
    """Changes the text writes together with exactly one reference SNP -> that SNP.

    Neighbouring mentions are joined where the text between them links them
    (:data:`_RS_LINK_GAP`, or a comma between a change and an SNP); a group
    holding one SNP gives it to every change of the group, the first such
    group of a change decides.
    """
    groups: list[list[VariantMatch]] = []
    for left, right in pairwise(matches):
        gap = text[left.end : right.start]
        linked = _RS_LINK_GAP.match(gap) or (left.is_rsid != right.is_rsid and _RS_COMMA_GAP.match(gap))
        if not linked:
            continue
        if groups and groups[-1][-1] is left:
            groups[-1].append(right)
        else:
            groups.append([left, right])
    rs_for: dict[str, str] = {}
    for group in groups:
        snps = {m.normalized for m in group if m.is_rsid}
        if len(snps) != 1:
            continue
        (snp,) = snps
        for match in group:
            if not match.is_rsid:
                rs_for.setdefault(match.normalized, snp)
    return rs_for


def _could_hold_variant(text: str) -> bool:
    """A cheap pre-check: every pattern needs a digit next to a letter or sign."""
    return any(ch.isdigit() for ch in text)


class _Room:
    """The entities of a document by token, so that fitting each variant costs its own length."""

    def __init__(self, entities: list[Span]) -> None:
        self.spans: dict[int, Span | None] = dict(enumerate(entities))  # None: a placed variant
        self.owner = {i: k for k, ent in enumerate(entities) for i in range(ent.start, ent.end)}
        self.next_key = len(entities)
        self.trimmed: list[tuple[Span, Span]] = []  # (entity, what is left of it)

    def fit(self, span: Span, match: VariantMatch) -> bool:
        """Make room for a variant among the entities; ``False`` if it must not be placed."""
        overlapping = sorted({self.owner[i] for i in range(span.start, span.end) if i in self.owner})
        trims: dict[int, Span | None] = {}
        for key in overlapping:
            ent = self.spans[key]
            if ent is None:
                return False  # another variant's tokens
            exact = ent.start == span.start and ent.end == span.end
            if exact and ent.label_ in _NAMED_LIKE_VARIANTS and ent.kb_id_ and not match.explicit:
                return False  # "T47D", "T98G": cell lines named like a protein change
            if not ent.kb_id_ or (span.start <= ent.start and ent.end <= span.end):
                trims[key] = None  # the variant covers it, or nothing grounds it ("TRPV6(D542A")
            elif ent.start < span.start and ent.end == span.end:
                trims[key] = _trimmed(ent, span.start)  # "BRAF V600E" -> "BRAF"
            else:
                return False  # inside a longer name
        for key, trimmed in trims.items():
            old = self.spans.pop(key)
            for i in range(old.start, old.end):
                del self.owner[i]
            if trimmed is not None:
                self.trimmed.append((old, trimmed))
                self.spans[key] = trimmed
                self.owner.update(dict.fromkeys(range(trimmed.start, trimmed.end), key))
        self.spans[self.next_key] = None
        self.owner.update(dict.fromkeys(range(span.start, span.end), self.next_key))
        self.next_key += 1
        return True

    def entities(self) -> list[Span]:
        """The entities left (variants not included)."""
        return [ent for ent in self.spans.values() if ent is not None]


def _trimmed(ent: Span, end: int) -> Span | None:
    doc = ent.doc
    while end > ent.start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end <= ent.start:
        return None
    return Span(doc, ent.start, end, label=ent.label_, kb_id=ent.kb_id_)


class _GeneFinder:
    """The grounded genes of a document, looked up by position (bisection, not a scan per variant)."""

    def __init__(self, doc: Doc, genes: list[Span]) -> None:
        self.doc = doc
        self.genes = sorted(genes, key=lambda g: g.start)
        self.starts = [g.start for g in self.genes]
        self.ends = [g.end for g in self.genes]
        self.sentence_of: dict[int, tuple[int, int]] | None = None

    def _sentence(self, span: Span) -> tuple[int, int]:
        if not self.doc.has_annotation("SENT_START"):
            return 0, len(self.doc)
        if self.sentence_of is None:
            self.sentence_of = {}
            for sentence in self.doc.sents:
                self.sentence_of.update(
                    dict.fromkeys(range(sentence.start, sentence.end), (sentence.start, sentence.end))
                )
        return self.sentence_of[span.start]

    def gene_of(self, span: Span) -> str | None:
        """A variant's gene: "V600E of/in BRAF", else the nearest gene before it in its sentence, or after."""
        start, end = self._sentence(span)
        index = bisect_left(self.starts, span.end)
        after = self.genes[index] if index < len(self.genes) and self.genes[index].end <= end else None
        if after is not None:
            between = {t.lower_ for t in self.doc[span.end : after.start]}
            if len(between) <= 3 and between & {"of", "in"} and between <= _GENE_LINKS:
                return after.kb_id_
        index = bisect_right(self.ends, span.start) - 1
        if index >= 0 and self.genes[index].start >= start:
            return self.genes[index].kb_id_
        return after.kb_id_ if after is not None else None
