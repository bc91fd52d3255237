"""Reading gene names: families, orthologs, composites and genes inside one token.

A small protein family's name that HGNC gives as an alias of one member is
that gene ("Akt" AKT1); a gene of the species the text names is read through
the ortholog of the same symbol where only the human gene lists the name; a
composite mention ("ERK1/2", "caspase-3 and -9") grounds each member; genes
written inside one token that no lexicon entry names whole (microRNAs such as
"miR-124", a name glued to a participle such as "ICAM-1-coated") are read from
the token.

See Also
--------
kg.nlp.entities : the spaCy component these rules serve.
kg.nlp.entity_candidates : the scan that finds the candidates.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from kg.lexicon.normalize import cased_key
from kg.lexicon.store import HUMAN, MOUSE, RAT, Grounding
from kg.nlp.candidates import Candidate
from kg.nlp.composite import (
    composite_members,
    coordinated_members,
    fusion_members,
    marker_members,
    micro_rna_symbols,
    suffix_lists,
)
from kg.nlp.entity_candidates import _CandidateScan
from kg.nlp.entity_kinds import GENE_LIKE
from kg.nlp.extensions import token_spaces
from kg.nlp.gene_families import complex_named_subunit
from kg.nlp.model_spans import model_span_variants
from kg.nlp.short_forms import gene_symbol, spells
from kg.nlp.species import OTHER_ORGANISMS

# The largest FamPlex family whose name, where HGNC gives it as an alias of one member, names that
# gene (AKT, JNK, p38: three or four paralogs; VocabularyEntityMatcher._family_member).
_FAMILY_NAMED_MEMBERS = 4
# A short form in the plural: capitals and digits, then a lower-case "s" ("PARs", "MMPs").
_PLURAL_SHORT_FORM = re.compile(r"[A-Z][A-Z0-9-]*[A-Z0-9]s")


class _GeneReadings(_CandidateScan):
    """Rules that read a candidate as a gene, or add the genes a token or a list names."""

    def _family_member(self, ranked: tuple[Grounding, ...]) -> tuple[Grounding, ...]:
        """A family name HGNC lists as an alias of one of its members is that gene ("Akt" -> AKT1).

        FamPlex's "Akt", "ERK", "JNK", "p38" and "STAT5" are families, and
        HGNC gives each as an alias of exactly one member (AKT1, MAPK1, MAPK8,
        MAPK14, STAT5A): the gene the name was first given to, and the one
        gene normalisation (NLM-Gene, BioRED) grounds such a mention to. When
        exactly one of the family's member genes is among the text's own
        groundings, it takes the family's place and score (the family stays
        behind it); a name that is an alias of none or of several members
        ("Ras", "Notch", "PI3K") stays the family, and so does the name of a
        family of more than four genes: HGNC lists "cadherin", "HDAC" and
        "S100" as aliases of CDH17, HDAC9 and S100A1, names that stuck to one
        member, not the gene a text means. Species follow as for any human
        gene (:meth:`_ortholog`: "Akt" in a paper on mice is Akt1).
        """
        if not ranked:
            return ranked
        family = ranked[0]
        if family.category == "biolink:MacromolecularComplex":
            return complex_named_subunit(ranked)  # "NF-kB" NFKB1
        if family.category != "biolink:GeneFamily" or family.source != "FPLX":
            return ranked
        members = set(self.lexicon.members(family.curie))
        if len(members) > _FAMILY_NAMED_MEMBERS:
            return ranked
        genes = [g for g in ranked if g.category == "biolink:Gene" and g.curie in members]
        if len(genes) != 1:
            return ranked
        gene = genes[0]
        return (
            replace(gene, score=family.score),
            *(g for g in ranked if g is not gene),
        )

    def _plural_of_alias(self, texts: list[str], candidate: Candidate) -> bool:
        """Whether a gene name in the plural is the plural of an alias, not of the gene's symbol.

        A short form in the plural ("TSHRs", "EGFRs") names copies of a gene's
        product where its singular is a gene's approved symbol (of any
        species); where the singular is only an alias, the plural is most
        often the plural of
        something else the paper abbreviates ("keloid fibroblasts (KFs)",
        "synovial tissues (STs)", "HCCs", "MARs/SARs").
        """
        if candidate.end - candidate.start != 1 or candidate.best.category != "biolink:Gene":
            return False
        text = texts[candidate.start]
        if not _PLURAL_SHORT_FORM.fullmatch(text) or text.endswith("Hs"):
            return False  # "CDC42Hs": Homo sapiens' CDC42, no plural
        singular = self.lexicon.ground(text[:-1], category="biolink:Gene")
        return not any(gene_symbol(g) for g in singular)

    def _described_first(self, groundings: tuple[Grounding, ...], text: str) -> tuple[Grounding, ...]:
        """Of human genes tied for an alias, the one whose MeSH descriptor spells it ("PSA" is KLK3).

        HGNC lists "PSA" for KLK3, PSAT1, KLKB1 and NPEPPS, and "MLCK" for
        MYLK and MYLK3. Where exactly one of the tied genes is cross-referenced
        by a MeSH descriptor whose name the alias abbreviates (the initials of
        its words: Prostate-Specific Antigen, Myosin-Light-Chain Kinase) or holds
        as a word ("p15" in Cyclin-Dependent Kinase Inhibitor p15), it is the
        protein the literature indexes under that name, and goes first;
        otherwise the order is kept. A descriptor alone decides nothing: MeSH
        describes SYT1 (Synaptotagmin I) and TXNRD2, not SS18 or THRB, whose
        aliases "SYT" and "TRbeta" they share.
        """
        if len(groundings) < 2 or groundings[0].category != "biolink:Gene" or groundings[0].taxon != HUMAN:
            return groundings
        best = groundings[0]
        top = (HUMAN, best.score, best.category)
        tied = [g for g in groundings if (g.taxon, g.score, g.category) == top]
        if len(tied) < 2:
            return groundings
        letters = cased_key(text).upper()
        described = [g for g in tied if any(spells(letters, n) for n in self._descriptor_names(g.curie))]
        if len(described) != 1 or described[0] is best:
            return groundings
        return (described[0], *(g for g in groundings if g is not described[0]))

    def _descriptor_names(self, curie: str) -> list[str]:
        """Names of the MeSH descriptors a concept cross-references."""
        names = []
        for xref in self.lexicon.xrefs(curie):
            if xref.startswith("MESH:D") and (concept := self.lexicon.concept(xref)) is not None:
                names.append(concept.name)
        return names

    def _ortholog(self, ranked: tuple[Grounding, ...], taxon: str | None) -> tuple[Grounding, ...]:
        """A human gene read in a mouse or rat text is that species' gene ("CD11c" -> Itgax).

        Some names only the human gene lists ("CD11c" is an alias of ITGAX,
        not of mouse Itgax); where the text says it is about mice or rats
        (:meth:`_species`), the gene of that species with the same symbol
        (:meth:`Lexicon.ortholog`) takes the human grounding's place and score
        (the human gene stays behind it). A gene without such an ortholog is
        kept, and so are the curated IL-6 axis entries: they are human by
        design, the graph's axis queries (``drugs_on_il6_axis``) and
        examples name them by their HGNC IDs.
        """
        if taxon not in (MOUSE, RAT) or not ranked:
            return ranked
        best = ranked[0]
        if best.category == "biolink:Gene" and best.taxon == taxon and best.source != "curated":
            return self._human_reading_first(ranked, taxon)
        if best.category != "biolink:Gene" or best.taxon != HUMAN or best.source == "curated":
            return ranked
        key = (best.name, taxon)
        if key not in self._orthologs:
            self._orthologs[key] = self.lexicon.ortholog(best.name, taxon)
        ortholog = self._orthologs[key]
        if ortholog is None:
            return ranked
        return (replace(ortholog, score=best.score, source=best.source), *ranked)

    def _human_reading_first(self, ranked: tuple[Grounding, ...], taxon: str) -> tuple[Grounding, ...]:
        """The ortholog of the human gene a name reads as best, before other mouse or rat genes that list it.

        Short names are aliases of several genes ("p21" of mouse Nsg1, "TRIF"
        of Trim69 as a case variant); HGNC and the curated grounding maps say
        which gene the name means ("p21" is CDKN1A, scored above NSG1's alias;
        "TRIF" TICAM1). Where one human gene reads the name better than every
        other human gene or family of no species, and at least as well as the
        rodent gene ranked first, that gene's ortholog of the text's species
        goes first, with the human reading's score. Names only the rodent gene
        lists, or that several human genes list equally ("Sca-1"), keep their
        order.
        """
        best = ranked[0]
        human = max(
            (g for g in ranked if g.taxon == HUMAN and g.category == "biolink:Gene"),
            key=lambda g: g.score,
            default=None,
        )
        if human is None or human.score < best.score:
            return ranked
        if any(g.score >= human.score and g is not human for g in ranked if g.taxon in (HUMAN, None)):
            return ranked  # "TAK1": TAB3's alias, and a family's name as well as MAP3K7's
        key = (human.name, taxon)
        if key not in self._orthologs:
            self._orthologs[key] = self.lexicon.ortholog(human.name, taxon)
        ortholog = self._orthologs[key]
        if ortholog is None or ortholog.curie == best.curie:
            return ranked
        first = replace(ortholog, score=human.score, source=human.source)
        return (first, *(g for g in ranked if g.curie != ortholog.curie))

    def _composites(
        self,
        doc: Doc,
        candidates: list[Candidate],
        species: list[str | None],
        texts: list[str],
        token_species: list[str | None],
    ) -> tuple[list[Candidate], list[str | None], dict[tuple[int, int], tuple[str, ...]]]:
        """Ground the members of composite gene mentions ("ERK1/2", "caspase-3 and -9").

        Every member must ground to a gene (of the species the text is
        about); the members go to ``doc._.kg_entity_members``. A composite no
        dictionary entry names as a whole becomes a candidate grounded as its
        first member. The members are of the species the text names where the
        composite starts, whether or not a dictionary match starts there too
        ("p-Smad1/5/8" in a paper on human cells is SMAD1, SMAD5 and SMAD9).
        """
        extents = {(c.start, c.end) for c in candidates}
        members: dict[tuple[int, int], tuple[str, ...]] = {}
        candidates, species = list(candidates), list(species)
        runs = [
            (start, end, composite_members(doc[start:end].text)) for start, end in _slash_runs(doc, texts)
        ]
        # "cyclin D1 and D2", "PKC alpha, epsilon, and zeta": a gene name of several words continued
        named = {}
        for c in candidates:
            if c.end - c.start > 1 and c.best.category in GENE_LIKE:
                named[c.end] = min(c.start, named.get(c.end, c.start))
        for start, end, names in runs + coordinated_members(texts) + suffix_lists(texts, named):
            if not names:
                continue
            taxon = token_species[start]
            if taxon in OTHER_ORGANISMS:
                continue  # members would be human, mouse or rat genes
            found = self._member_genes(names, taxon)
            if found:
                extent = (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
                members[extent] = tuple(g.curie for g in found)
                if (start, end) not in extents:
                    candidates.append(Candidate(start, end, (found[0],), found[0].source))
                    species.append(taxon)
        return candidates, species, members

    def _member_genes(self, names: list[str], taxon: str | None) -> list[Grounding]:
        """The gene each name grounds to (of ``taxon``'s species), or ``[]`` if one grounds to none."""
        found = []
        for name in names:
            genes = [
                g
                for variant in model_span_variants(name, "biolink:Gene")
                for g in self.lexicon.ground(variant, category="biolink:Gene", species=taxon)
                if g.category == "biolink:Gene"
            ]
            if not genes:
                return []
            found.append(self._ortholog((genes[0],), taxon)[0])
        return found

    def _gene_tokens(
        self,
        doc: Doc,
        texts: list[str],
        candidates: list[Candidate],
        species: list[str | None],
        token_species: list[str | None],
        model: dict[tuple[int, int], str],
        members: dict[tuple[int, int], tuple[str, ...]],
    ) -> tuple[list[Candidate], list[str | None]]:
        """Genes written inside one token that no lexicon entry names whole.

        * microRNAs ("miR-124", "hsa-miR-21-5p", "let-7b"): the gene HGNC
          names for the family (``MIR21``), or every locus of it ("miR-124"
          is ``MIR124-1``, ``-2`` and ``-3``, recorded as members);
        * cell populations written by their markers ("CD25(+)FOXP3(+",
          "CXCR5+CD4+", "CD44(hi)/CD24(-/lo", "CD203c+"): each marker gene,
          recorded as members, so that they win over an ungrounded model span
          ("CD203c+ blast cells") in :mod:`kg.nlp.combine`; "Th1+" and other
          cell labels are not markers;
        * fusions and complexes written as names joined by hyphens
          ("TMPRSS2-ERG", "CTC1-STN1-TEN1", "HO-1-SOD2-NQO1"): each gene,
          recorded as members, where the statistical NER tags the token as a
          gene or every part is a gene's own symbol (not an alias);
        * a name glued to a participle the tokenizer keeps on it
          ("ICAM-1-coated", "MAX-regulated"): the gene, where the statistical
          NER tags the token as a gene or the name is the gene's own symbol.

        A token in a text about an organism whose genes the lexicon lacks
        gets nothing. ``members`` is updated in place.
        """
        extents = {(c.start, c.end) for c in candidates}
        covered = {i for c in candidates for i in range(c.start, c.end)}
        genes = [extent for extent, kind in model.items() if kind == "biolink:Gene"]
        model_genes = {i for start, end in genes for i in range(start, end)}
        candidates, species = list(candidates), list(species)
        for i, text in enumerate(texts):
            if len(text) < 3 or not _GENE_TOKEN_HINT.search(text) or (i, i + 1) in extents:
                continue
            token = doc[i]
            taxon = token_species[i]
            if taxon in OTHER_ORGANISMS:
                continue
            found: list[Grounding] = []
            record = False
            symbols = micro_rna_symbols(text)
            if symbols:
                found = self._micro_rna_genes(symbols, taxon)
                record = len(found) > 1
            else:
                following = doc[i + 1].text if i + 1 < len(doc) and not token.whitespace_ else ""
                names = marker_members(text + following if following in ("+", "-") else text)
                if names and not any(_CELL_LABEL.fullmatch(name) for name in names):
                    found, record = self._member_genes(names, taxon), True
                elif i not in covered and (stem := _PARTICIPLE.fullmatch(text)):
                    # "ICAM-1-coated", "MAX-regulated": the tokenizer keeps these whole
                    found = self._member_genes([stem.group("name")], taxon)
                    if i not in model_genes and not all(gene_symbol(g) for g in found):
                        found = []  # untagged by the NER: the gene's own symbol only
                elif i not in covered and (names := fusion_members(text)):
                    found, record = self._member_genes(names, taxon), True
                    if i not in model_genes and not all(gene_symbol(g) for g in found):
                        found = []  # untagged by the NER: every part must be a gene's own symbol
            if not found:
                continue
            if record:
                members[(token.idx, token.idx + len(text))] = tuple(g.curie for g in found)
            candidates.append(Candidate(i, i + 1, (found[0],), found[0].source))
            species.append(taxon)
        return candidates, species

    def _micro_rna_genes(self, symbols: list[str], taxon: str | None) -> list[Grounding]:
        """The genes of a microRNA's symbols: the first one the lexicon holds, else every locus held.

        Symbols are HGNC's (human genes; a mouse or rat text takes the ortholog
        of the same symbol, and nothing where there is none).
        Where HGNC has neither the family's symbol nor numbered loci, the
        family's first member is tried ("miR-203" is ``MIR203A`` since
        ``MIR203B`` was named).
        """
        held = []
        for symbol in symbols:
            genes = [
                g for g in self.lexicon.ground(symbol, category="biolink:Gene", species=HUMAN)
                if g.category == "biolink:Gene" and g.taxon == HUMAN and g.name == symbol
            ]  # fmt: skip
            if genes:
                gene = self._ortholog((genes[0],), taxon)[0]
                if taxon in (MOUSE, RAT) and gene.taxon == HUMAN:
                    continue  # no mouse or rat gene of that symbol: not the human one either
                held.append(gene)
        if held and held[0].name.upper() == symbols[0]:
            return held[:1]
        if not held and len(symbols) > 1 and symbols[0][-1].isdigit():
            return self._micro_rna_genes([f"{symbols[0]}A"], taxon)
        return held


def _slash_runs(doc: Doc, texts: list[str]) -> list[tuple[int, int]]:
    """Token extents of runs written without spaces that hold a slash ("ERK1/2" is three tokens).

    Also a range written with a hyphen between numbers ("Mcm2-7": ``Mcm2``,
    ``-``, ``7``), and a number series after a stem and one space ("MEK 1/2").
    """
    runs = []
    last_end = 0
    spaced = token_spaces(doc)
    for i, text in enumerate(texts):
        if i < last_end or spaced[i] or (i and spaced[i - 1]):
            continue
        if text != "/" and not (
            text == "-" and 0 < i < len(texts) - 1 and texts[i + 1].isdigit() and texts[i - 1][-1:].isdigit()
        ):
            continue
        start, end = i, i + 1
        while start > 0 and not spaced[start - 1]:
            start -= 1
        while end < len(texts) and not spaced[end - 1]:
            end += 1
        last_end = end
        while start < end and doc[start].is_punct:
            start += 1  # "(ERK1/2)."
        while end > start and doc[end - 1].is_punct:
            end -= 1
        if (
            start > 0 and texts[start].isdigit() and spaced[start - 1]
            and texts[start - 1][-1:].isalpha() and not doc[start - 1].is_stop
        ):  # fmt: skip
            start -= 1  # "MEK 1/2": the stem before one space
        if end - start >= 3:
            runs.append((start, end))
    return runs


# A name glued by a hyphen to a participle the tokenizer does not split off ("ICAM-1-coated",
# "MAX-regulated", "Pten-null"; kg.nlp.tokenizer splits "-mediated", "-induced" and others).
_PARTICIPLE = re.compile(
    r"(?P<name>[A-Za-z0-9][A-Za-z0-9-]*?[A-Za-z0-9])-(?:amplified|coated|containing|deleted|depleted|"
    r"encoding|immunoreactive|interacting|knockdown|modulated|mutant|mutated|null|overexpressing|"
    r"reconstituted|regulated|selective|silenced|silencing|transduced|transfected)"
)
# What a token holding a gene name this way has: a digit, a marker sign or a hyphen.
_GENE_TOKEN_HINT = re.compile(r"[\d+(-]")
# T-helper subsets and antibody isotypes written like markers ("Th17+", "IgG1+ B cells"): labels
# of cells, not genes.
_CELL_LABEL = re.compile(r"Th\d+|Tc\d+|Ig[ADEGM]\d?[a-c]?")
