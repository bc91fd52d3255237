"""Dictionary entity recognition and grounding against the lexicon.

The component scans each document once: from every token it extends a run
of up to ``MAX_TOKENS`` tokens (never across sentence punctuation), builds
the normalised key of the run (:mod:`kg.lexicon.normalize`) and looks it up
in the :class:`kg.lexicon.store.Lexicon` (curated vocabulary over the
generated lexicon). Then:

* longest match wins, then the better score, then the earlier start;
* abbreviations scispaCy's detector found are grounded through their long
  form, and a short form the document defines as something the lexicon does
  not know is *not* grounded by the dictionary ("CAT scan" is no catalase);
* genes follow the species the text names: a paper about mice reads ``Il6``
  as mouse Il6 (MGI), one about rats as rat Il6 (RGD), also where only the
  human gene lists the name (the ortholog of the same symbol; the curated
  IL-6 axis entries stay human); a paper naming several species is read sentence by
  sentence; cell lines ("HeLa cells" human, "RAW 264.7 cells" mouse), strains
  ("C57BL/6"), Cre drivers and floxed alleles count as species cues, mice
  in a xenograft paper with a human cue are hosts, a species word before a
  gene ("human STAT3") decides for it, and a paper naming no species that
  follows mouse nomenclature ("Socs3", "Pim1") is about mice; where no
  species decides, ``Il6ra`` written mouse-style is mouse Il6ra and
  title-case protein names ("Bax", "Bcl-2") are human;
* a small protein family's name that HGNC gives as an alias of one of its
  members is that gene ("Akt" AKT1, "ERK" MAPK1, "p38" MAPK14);
* water is not reported as a chemical, nor are chemical names used as
  everyday phrases ("gold standard", "hydrogen bonding", "zinc finger",
  "retinal toxicity", "pain free", "beta 2 receptors");
* a run of several tokens that starts with a function word ("the", "on") or
  ends with a lower-case one ("in", "or"), or leaves a bracket open, is not
  a name.

Entities go to ``doc.ents`` (``label_`` = Biolink category, ``kb_id_`` =
CURIE) and to ``doc.spans["kg_dictionary"]``; ``doc._.kg_entity_sources``
maps character extents to ``(source, score)``.

See Also
--------
kg.nlp.entity_candidates : the token scan and the candidates added beside it.
kg.nlp.entity_genes : reading gene names (families, orthologs, composites).
kg.nlp.entity_diseases : reading disease names (coordinated, drug-induced, inherited).
kg.nlp.entity_filters : rules that drop a match or reorder its readings.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.lexicon.classes import is_action_heading
from kg.lexicon.store import HUMAN, Grounding, prefer_species
from kg.nlp.candidates import Candidate
from kg.nlp.disease_names import HEREDITY_WORDS
from kg.nlp.entity_candidates import _BREAKS, MAX_TOKENS
from kg.nlp.entity_diseases import _DRUG_LINK_WORDS, _DiseaseReadings
from kg.nlp.entity_filters import (
    _MEDIA,
    _SPECIES_ADJECTIVES,
    _anatomy_first,
    _bracketed,
    _cell_line_labels,
    _code_prefix,
    _effect_of_agent,
    _everyday_phrase,
    _human_protein_name,
    _label_before_group,
    _modifies_protein,
    _names_domain,
    _organism_over_extract,
    _resembled_word,
    _shared_alias_first,
    _test_statistics,
    _two_letters,
    _undefined_disease_acronym,
    _viral_proteins,
    _without_residue_codes,
)
from kg.nlp.entity_genes import _PLURAL_SHORT_FORM
from kg.nlp.entity_kinds import CHEMICALS, DISEASES, GENE_LIKE
from kg.nlp.extensions import doc_text
from kg.nlp.gene_families import names_member
from kg.nlp.gene_labels import series_labels, subscript_notation, unhyphenated_symbol
from kg.nlp.gene_ties import named_elsewhere_first
from kg.nlp.model_spans import gene_before_disease, model_categories, model_confirmed, prefer_category
from kg.nlp.residues import RESIDUE_NAMES, gene_sequence, residue, sequence_notation
from kg.nlp.short_forms import (
    compounds_by_apposition,
    disease_defined_otherwise,
    gene_defined_otherwise,
    gene_symbol,
    head_match,
    long_form_names_gene,
    number_variants,
    parenthesised_short_forms,
    square_bracketed_short_forms,
)
from kg.nlp.species import OTHER_ORGANISMS, organism_before, species_by_token

__all__ = ["MATCH_SCORES", "MAX_TOKENS", "SPAN_KEY", "VocabularyEntityMatcher"]
SPAN_KEY = "kg_dictionary"
# Score of a grounding carried from a long form to its abbreviation, relative to the long form's.
MATCH_SCORES = {"abbreviation": 0.95}
# MeSH trees of proteins that are no gene product of the organism studied: small molecules (D02),
# toxins (D23.946), luminescent reporter proteins (D12.776.532); and of antibodies and immunoglobulins.
_NO_GENE_PRODUCT = ("D02.", "D23.946.", "D12.776.532.")
_ANTIBODIES = ("D12.776.124.486.", "D12.776.124.790.", "D12.776.377.715.")


class VocabularyEntityMatcher(_DiseaseReadings):
    """spaCy component: ground lexicon concepts in a ``Doc``.

    Parameters
    ----------
    nlp
        The pipeline.
    name
        Component name.
    vocabulary_path
        A curated ``vocabulary.tsv``; ``None`` for the packaged one.
    lexicon_path
        A generated ``lexicon.tsv.zst``; ``None`` for the packaged one, ``""``
        for the curated vocabulary alone.
    overwrite_ents
        Replace entities set by earlier components; when False, our spans
        only fill the gaps between existing entities.
    """

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc.ents``, ``doc.spans["kg_dictionary"]`` and ``doc._.kg_entity_sources``."""
        candidates, texts = self._candidates(doc)
        lowers = [text.lower() for text in texts]
        candidates = self._composed_diseases(candidates, texts, lowers)
        if "(" in texts:
            candidates = self._interrupted_names(doc, candidates, texts)
        if "+" in doc_text(doc):
            candidates += self._ions(doc, candidates)
        candidates += self._glued_chemicals(texts, candidates)
        if "-" in doc_text(doc):
            candidates += self._glued_diseases(texts, candidates)
        model = model_categories(doc)
        if model:
            candidates = self._add_model_spans(doc, candidates, model)
        candidates += self._bracketed_model_spans(doc, candidates)
        # ``named``: False for a paper naming no species at all (not one whose sentences each name several)
        token_species, named = species_by_token(doc, candidates, lowers)
        silent = not named and not any(token_species)
        species = [token_species[c.start] for c in candidates]
        candidates, species, members = self._composites(doc, candidates, species, texts, token_species)
        candidates, species = self._gene_tokens(
            doc, texts, candidates, species, token_species, model, members
        )
        bracketed = _bracketed(texts)
        reranked = []
        for c, taxon in zip(candidates, species, strict=True):
            category = model.get((c.start, c.end))
            if c.start and lowers[c.start - 1] in _SPECIES_ADJECTIVES:
                taxon = _SPECIES_ADJECTIVES[lowers[c.start - 1]]  # "human IL-6" in a paper about mice
            elif c.start:
                # "homology to the yeast YPT1", "Saccharomyces cerevisiae Cdc20 and Cdc4" in a human paper
                taxon = organism_before(texts, lowers, c.start) or taxon
            if taxon is None and _human_protein_name(texts, c, silent):
                taxon = HUMAN  # "Bax", "Bcl-2" in a paper silent on species
            held = None if taxon in OTHER_ORGANISMS else taxon  # genes of a species the lexicon holds
            ranked = prefer_category(prefer_species(list(c.groundings), held), category, held)
            defined = c.end - c.start == 1 and not bracketed.isdisjoint(
                (texts[c.start], texts[c.start] + "s")
            )
            ranked = gene_before_disease(ranked, category, held, defined)
            if any(g.taxon and "-" in g.name for g in ranked) and any(g.taxon is None for g in ranked):
                # "SNARE" is the proteins' MeSH heading, not the RNA gene SNAR-E ("HLAA" is HLA-A)
                written = doc[c.start : c.end].text
                ranked = tuple(g for g in ranked if not (g.taxon and unhyphenated_symbol(written, g.name)))
            if not ranked:
                continue
            if category is None:
                ranked = _organism_over_extract(_anatomy_first(ranked))
            if ranked[0].category == "biolink:Cell" and c.source != "curated" and _two_letters(texts, c):
                # The Cell Ontology abbreviates ~60 cell types in two letters (PD, TB, AA, MF ...);
                # a singular one that also spells a disease, gene or chemical is that.
                ranked = tuple(g for g in ranked if g.category != "biolink:Cell") or ranked
            ranked = self._described_first(self._family_member(ranked), "".join(texts[c.start : c.end]))
            ranked = self._ortholog(_shared_alias_first(ranked), taxon)
            if taxon in OTHER_ORGANISMS and ranked[0].category == "biolink:Gene" and ranked[0].taxon:
                # A fly or yeast gene is none of the human, mouse or rat genes that share its name
                # (nor a cell line of that name); a protein family of no species still fits.
                ranked = tuple(g for g in ranked if g.category in GENE_LIKE and g.taxon is None)
                if not ranked:
                    continue
            if ranked[0].curie in _MEDIA:
                continue  # water is what things are dissolved in or drunk with, not what is studied
            if _everyday_phrase(doc, c, ranked[0]):
                continue  # "gold standard", "retinal detachment", "pain free", "beta 2 receptors"
            if _resembled_word(texts, lowers, c, ranked[0]):
                continue  # "tumor necrosis factor", "basal apoptotic rate", "sickness behavior"
            factors = lowers[c.end - 1] in ("factor", "factors")
            if factors and is_action_heading(self.lexicon, ranked[0].curie):
                continue  # "pro-angiogenic factors" are the body's proteins, not Angiogenesis Inducing Agents
            if _code_prefix(texts, c) and ranked[0].category not in GENE_LIKE:
                continue  # "PD 98059", "AG-490": a compound's research code, not Parkinson disease
            subscript = c.end - c.start == 1 and subscript_notation(texts[c.start])
            if subscript and ranked[0].category in GENE_LIKE:
                continue  # "F(ST)", "I(Ks)": a quantity's subscript, not follistatin or IK
            if _label_before_group(lowers, texts, c) and ranked[0].category in GENE_LIKE:
                # "Th cells", "Tg mice": a label of a cell type or an animal group, not a gene
                ranked = tuple(g for g in ranked if g.category not in GENE_LIKE)
                if not ranked:
                    continue
            reranked.append(Candidate(c.start, c.end, ranked, ranked[0].source))
        candidates = _species_drugs_as_genes(lowers, reranked)
        # Longest first; at equal length the better score, then the earlier start.
        candidates.sort(key=lambda c: (-(c.end - c.start), -c.best.score, c.start))
        chosen: list[Candidate] = []
        taken: set[int] = set()
        for candidate in candidates:
            tokens = set(range(candidate.start, candidate.end))
            if tokens & taken:
                continue
            chosen.append(candidate)
            taken |= tokens
        chosen = self._coordinated(doc, chosen)
        chosen = self._apply_abbreviations(doc, chosen, model)
        if "depression" in lowers:
            chosen = _effect_of_agent(lowers, chosen)  # "the depression of TGF-b1 on T cell function"
        if "line" in lowers or "lines" in lowers:
            chosen = _cell_line_labels(texts, lowers, chosen)  # "the cell line U1" is no U1 gene
        chosen = _viral_proteins(texts, chosen)  # "HIV-1 Tat" is no tyrosine aminotransferase
        if "=" in texts:
            chosen = _test_statistics(texts, chosen)  # "F(5, 23) = 101" is no gene F5
        if "," in texts:
            # "CDF, a novel synthetic compound": no gene alias (LIF's) anywhere in the paper
            compounds = compounds_by_apposition(lowers, chosen)
            if compounds:
                chosen = [
                    c for c in chosen
                    if c.best.category not in GENE_LIKE or c.source == "curated"
                    or " ".join(lowers[c.start : c.end]) not in compounds
                ]  # fmt: skip
        # diseases the text names by more than a short acronym (see _undefined_disease_acronym)
        named = {
            c.best.curie for c in chosen
            if c.best.category in DISEASES and (c.end - c.start > 1 or len(texts[c.start]) > 3)
        }  # fmt: skip
        chosen = [c for c in chosen if not _undefined_disease_acronym(texts, c, model, named)]
        others = {i for c in chosen if c.best.category not in DISEASES for i in range(c.start, c.end)}
        chosen = [c for c in chosen if not sequence_notation(doc, texts, c, others)]
        genes = {i for c in chosen if c.best.category in GENE_LIKE for i in range(c.start, c.end)}
        chosen = [c for c in chosen if not gene_sequence(doc, texts, lowers, c, genes)]
        if not RESIDUE_NAMES.isdisjoint(lowers):
            # "substitution of arginine by tryptophan", "Akt phosphorylation at serine 473"
            residues = [c for c in chosen if residue(doc, lowers, c)]
            chosen = _without_residue_codes(texts, [c for c in chosen if c not in residues], residues)
        chosen = self._neoplasm_attributes(lowers, chosen)
        if not _DRUG_LINK_WORDS.isdisjoint(lowers):
            chosen = self._drug_induced(lowers, chosen)
        if "homology" in lowers or "like" in doc_text(doc):
            # "Src homology 2 domain", "EGF-like repeats": a domain named after a protein, not it
            chosen = [
                c for c in chosen if c.best.category not in GENE_LIKE or not _names_domain(lowers, c.end)
            ]
        # "Src-like adapter protein", "dystrophin-associated glycoprotein": another protein named after it
        chosen = [
            c for c in chosen if c.best.category not in GENE_LIKE or not _modifies_protein(lowers, c.end)
        ]
        chosen = [c for c in chosen if not self._plural_of_alias(texts, c)]
        labels = series_labels(texts)
        if labels:  # "P12 to P14": labels of polymorphisms or patients, whatever aliases they spell
            chosen = [c for c in chosen if c.start not in labels or c.best.category not in GENE_LIKE]
        if not HEREDITY_WORDS.isdisjoint(lowers) or "linked" in lowers:
            chosen = self._inherited(lowers, [text in _BREAKS for text in texts], chosen)
        # "p14" beside "p16INK4a": of genes tied for a name, the one the paper also names otherwise
        chosen = named_elsewhere_first(chosen, texts)
        chosen.sort(key=lambda c: c.start)
        spans = [Span(doc, c.start, c.end, label=c.best.category, kb_id=c.best.curie) for c in chosen]
        doc.spans[SPAN_KEY] = spans
        doc._.kg_entity_members = members
        doc._.kg_entity_sources = {
            (span.start_char, span.end_char): (c.source, c.best.score)
            for span, c in zip(spans, chosen, strict=True)
        }
        # Every resolved match, for kg.nlp.combine (the statistical NER's partner).
        doc.spans["kg_dictionary"] = spans
        if self.overwrite_ents:
            doc.ents = spans
        else:
            doc.ents = filter_spans(list(doc.ents) + spans)
        return doc

    def _protein_heading(self, curie: str) -> bool:
        """Whether a MeSH descriptor is filed under proteins or enzymes (D12, D08.811)."""
        return any(tree.startswith(("D12.", "D08.811.")) for tree in self.lexicon.mesh_trees(curie))

    def _heading_gene(
        self,
        heading: str,
        own: list[Candidate],
        short: Span,
        model: dict[tuple[int, int], str],
    ) -> bool:
        """Whether a short form defined by a protein's MeSH heading keeps the gene it names.

        "fragile X mental retardation protein (FMRP)": the long form's reading
        is MeSH's Fragile X Mental Retardation Protein, which no gene
        cross-references, and FMRP is an alias of FMR1; the NER reads the short
        form as a gene. The heading is the protein, the short form names its
        gene and keeps it (also where only the long form's head is grounded, to
        the class of the protein it names: "... phosphate cotransporter
        (hBNPI)"). Not where the heading is no gene product of the organism
        studied (an antibody, a toxin, a reporter protein, a small peptide:
        "antinuclear antibodies (ANA)", "cholera toxin (Ctx)", "green
        fluorescent protein (GFP)", "formyl-methionyl-leucyl-phenylalanine
        (fMLP)"), nor for a short form in the plural ("protease-activated
        receptors (PARs)"). A class heading in the singular is not told apart
        ("protease-activated receptor (PAR)" keeps JTB, whose alias PAR is).
        """
        extent = (short.start, short.end)
        if model.get(extent) != "biolink:Gene" or _PLURAL_SHORT_FORM.fullmatch(short.text):
            return False
        trees = self.lexicon.mesh_trees(heading)
        if any(t.startswith(_NO_GENE_PRODUCT) for t in trees):
            return False
        if all(t.startswith(_ANTIBODIES) for t in trees):
            return False
        return any(
            (c.start, c.end) == extent and c.best.category == "biolink:Gene" and c.best.taxon is not None
            for c in own
        )

    def _apply_abbreviations(
        self, doc: Doc, chosen: list[Candidate], model: dict[tuple[int, int], str] | None = None
    ) -> list[Candidate]:
        """Ground short forms through their long form; drop dictionary hits on ones defined otherwise.

        A short form the statistical NER tagged as an entity of the kind the
        dictionary grounded it to (``XRCC1``, defined as "x-ray repair
        cross-complementing group 1") keeps its own grounding when the long
        form grounds to nothing, or only partly (by its head).
        """
        model = model or {}
        detected = list(doc._.abbreviations) if Doc.has_extension("abbreviations") else []
        pairs = [
            (short, _last_conjunct(short, short._.long_form, chosen))
            for short in detected
            if short._.long_form is not None
        ]
        pairs += parenthesised_short_forms(doc, chosen, {short.text for short in detected})
        pairs += square_bracketed_short_forms(doc, {short.text for short in detected})
        if not pairs:
            return chosen
        pairs += number_variants(doc, pairs)
        by_extent = {(c.start, c.end): c for c in chosen}
        result = list(chosen)
        for short, long_form in pairs:
            exact = by_extent.get((long_form.start, long_form.end))
            grounded = exact or head_match(long_form, chosen)
            overlapping = [c for c in result if c.start < short.end and short.start < c.end]
            if any(
                c.start <= short.start and short.end <= c.end and c.end - c.start > len(short)
                for c in overlapping
            ):
                continue  # a longer name holds the short form: "G6PD deficiency", "IL-6R antagonist"
            # A long form ending in "cells" names cells, whatever the NER reads in its short form:
            # "(multiple myeloma cells [MMCs])" makes a later "MMC" no mitomycin C.
            cells = long_form[-1].lower_ in ("cell", "cells") and all(
                c.best.category != "biolink:Cell" for c in overlapping
            )
            if (
                exact is None
                and any(model_confirmed(c, model) for c in overlapping)
                and not cells
                and not gene_defined_otherwise(long_form, grounded, overlapping, model)
            ):
                if disease_defined_otherwise(long_form, overlapping, model):
                    result = [c for c in result if c not in overlapping]
                else:
                    result = _long_form_as_gene(result, long_form, short)
                continue
            if grounded is None:
                # The paper defines this short form as something we cannot ground:
                # a generated symbol on it would be a mislink. Curated forms stay.
                result = [c for c in result if c not in overlapping or c.source == "curated"]
                continue
            # A curated form keeps its meaning against a long form of another kind that only its
            # head grounds; a paper that defines DM as myotonic dystrophy (not diabetes), or TAM
            # as tamoxifen (not tumour-associated macrophages) by a name we know, is followed.
            if exact is None and any(
                c.source == "curated" and c.best.curie != grounded.best.curie
                and c.best.category != grounded.best.category
                for c in overlapping
            ):  # fmt: skip
                continue
            if names_member(grounded.best, overlapping, short.start, short.end, short.text):
                continue  # "c-Jun N-terminal kinase (JNK)": the family's member JNK names, MAPK8
            # An approved symbol in brackets names its own gene where the name before it is another
            # symbol ("the inhibitor of RNASEL (ABCE1)") or is grounded only by its head ("18-kDa
            # translocator protein (TSPO)"); a whole name stays followed ("thrombopoietin (TPO)").
            symbol_before = (
                exact is not None and gene_symbol(exact.best) and long_form.text == exact.best.name
            )
            if (
                grounded.best.category in GENE_LIKE
                and (exact is None or symbol_before)
                and any(
                    (c.start, c.end) == (short.start, short.end) and gene_symbol(c.best)
                    and c.best.name == short.text and c.best.curie != grounded.best.curie
                    for c in overlapping
                )
            ):  # fmt: skip
                continue
            # The NER's reading counts only where the long form's heading is a protein's
            # ("GM-CSF"), not a small molecule's whose short form spells a gene ("DDT").
            protein = self._protein_heading(grounded.best.curie)
            read = model if protein else None
            if long_form_names_gene(grounded, overlapping, short.start, short.end, read, short.text):
                continue  # "rapsyn (RAPSN)": MeSH's chemical for the protein, the gene both name
            if protein and self._heading_gene(grounded.best.curie, overlapping, short, model):
                continue  # "fragile X mental retardation protein (FMRP)": a protein heading, a gene's alias
            result = [c for c in result if c not in overlapping]
            best = grounded.best
            carried = Grounding(
                best.curie, best.category, best.name, round(best.score * MATCH_SCORES["abbreviation"], 4),
                best.source, best.taxon,
            )  # fmt: skip
            result.append(
                Candidate(short.start, short.end, (carried, *grounded.groundings[1:]), "abbreviation")
            )
        return result


def _long_form_as_gene(result: list[Candidate], long_form: Span, short: Span) -> list[Candidate]:
    """Read a long form whose short form keeps its gene as that gene, not as its head's class.

    "indoleamine 2, 3 dioxygenase (IDO)": the lexicon knows no spelling of the
    whole name with a spaced locant, so only its head "dioxygenase" is grounded,
    to MeSH's class Dioxygenases, while the short form is the gene IDO1. The
    name as a whole is the gene its short form names; a class heading read on
    its last words (a protein family of no species) gives way to it.
    """
    own = next(
        (
            c for c in result
            if (c.start, c.end) == (short.start, short.end)
            and c.best.category == "biolink:Gene" and c.best.taxon is not None
        ),
        None,
    )  # fmt: skip
    if own is None:
        return result
    inside = [c for c in result if long_form.start <= c.start and c.end <= long_form.end]
    if not (
        len(inside) == 1 and inside[0].end == long_form.end and inside[0].start > long_form.start
        and inside[0].best.category in GENE_LIKE and inside[0].best.taxon is None
        and inside[0].source != "curated" and inside[0].best.curie.startswith("MESH:")
    ):  # fmt: skip
        return result
    if any(c.start < long_form.end and long_form.start < c.end and c not in inside for c in result):
        return result  # another name reaches into the long form
    return [c for c in result if c is not inside[0]] + [
        Candidate(long_form.start, long_form.end, own.groundings, "abbreviation")
    ]


def _species_drugs_as_genes(lowers: list[str], candidates: list[Candidate]) -> list[Candidate]:
    """Drop a drug read on "<species> <gene name>", leaving the gene and its species.

    DrugBank files recombinant proteins under their species' name ("Human
    interleukin-6", DB15060); "human interleukin-6 (IL-6)" in prose is the human
    gene, which the name after the species word grounds to and the species word
    then picks.
    """
    genes = {(c.start, c.end) for c in candidates if c.best.category in GENE_LIKE}
    return [
        c for c in candidates
        if not (
            lowers[c.start] in _SPECIES_ADJECTIVES and c.best.category in CHEMICALS
            and (c.start + 1, c.end) in genes
        )
    ]  # fmt: skip


# Words joining two agents: a long form reaching across one names the last of them.
_CONJOINING = frozenset({"with", "and", "or", "plus", "combined", "versus", "vs"})


def _last_conjunct(short: Span, long_form: Span, chosen: list[Candidate]) -> Span:
    """The chemical a detected long form ends on, where the long form reaches across a conjunction.

    scispaCy's detector takes "Ad.mda-7 combined with doxorubicin" as the long form of
    "(ADM)" (Adriamycin; its letters are found across the words); the name just
    before the bracket, after the joining word, is what the paper defines. Only a
    long form directly before the bracketed short form, crossing no bracket and no
    sentence end, is read so (the detector also pairs a bracketed name with the
    words after it, up to a name in the next sentence).
    """
    lowers = [t.lower_ for t in long_form]
    doc = long_form.doc
    after = long_form.end
    before_bracket = (
        after + 1 < len(doc) and doc[after].text == "(" and doc[after + 1].text == short.text
        and not {"(", ")", "."} & set(lowers)
    )  # fmt: skip
    if _CONJOINING.isdisjoint(lowers) or not before_bracket:
        return long_form
    last = max(i for i, word in enumerate(lowers) if word in _CONJOINING) + long_form.start
    for c in chosen:
        if c.end == long_form.end and c.start > last and c.best.category in CHEMICALS:
            return doc[c.start : c.end]
    return long_form
