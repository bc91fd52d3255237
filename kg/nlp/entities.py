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
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from spacy.attrs import IS_PUNCT, IS_SPACE, IS_STOP
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.lexicon.normalize import cased_key
from kg.lexicon.store import (
    HUMAN,
    MOUSE,
    RAT,
    Grounding,
    Lexicon,
    chemical_roles,
    load_lexicon,
    prefer_species,
)
from kg.lexicon.variants import american_spelling, may_be_british
from kg.model import Concept
from kg.nlp.candidates import Candidate
from kg.nlp.chemical_tokens import glued_chemical_name
from kg.nlp.combine import COMPATIBLE_CATEGORIES, MODEL_KEY
from kg.nlp.composite import (
    composite_members,
    coordinated_members,
    fusion_members,
    marker_members,
    micro_rna_symbols,
    suffix_lists,
)
from kg.nlp.disease_names import (
    COMPOSED_SCORE,
    HEREDITY_WORDS,
    composed_disease_names,
    heredity_modifiers,
    inherited_heading,
)
from kg.nlp.entity_kinds import CHEMICALS, DISEASES, GENE_LIKE
from kg.nlp.extensions import doc_text, ensure_extensions, token_spaces, token_texts
from kg.nlp.gene_families import complex_named_subunit, names_member
from kg.nlp.gene_labels import series_labels, subscript_notation, unhyphenated_symbol
from kg.nlp.gene_ties import named_elsewhere_first
from kg.nlp.model_spans import (
    COMPATIBLE,
    gene_before_disease,
    model_categories,
    model_confirmed,
    model_span_variants,
    prefer_category,
)
from kg.nlp.residues import ION, ION_ELEMENTS, RESIDUE_NAMES, gene_sequence, residue, sequence_notation
from kg.nlp.short_forms import (
    compounds_by_apposition,
    disease_defined_otherwise,
    gene_defined_otherwise,
    gene_symbol,
    head_match,
    long_form_names_gene,
    number_variants,
    parenthesised_short_forms,
    spells,
    square_bracketed_short_forms,
)
from kg.nlp.species import OTHER_ORGANISMS, mouse_style, species_by_token

__all__ = ["MATCH_SCORES", "MAX_TOKENS", "SPAN_KEY", "VocabularyEntityMatcher"]

MAX_TOKENS = 12
SPAN_KEY = "kg_dictionary"
# Score of a grounding carried from a long form to its abbreviation, relative to the long form's.
MATCH_SCORES = {"abbreviation": 0.95}
# A bracketed short form inside a name, with the space before it: " (NK)" of "natural killer (NK) cells".
_INNER_BRACKETS = re.compile(r"\s*\([^()\s]+\)(?=\s)")
_BREAKS = frozenset({",", ";", ".", ":", "[", "]", "{", "}", "/", "=", "<", ">", "%", "'", '"'})
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_CONJUNCTIONS = frozenset({"and", "or", "/", ","})
# Categories whose names are coordinated ("breast and ovarian cancer") and what the conjunct may be.
_COORDINATED = {
    "biolink:Disease": frozenset({"biolink:Disease", "biolink:PhenotypicFeature"}),
    "biolink:PhenotypicFeature": frozenset({"biolink:Disease", "biolink:PhenotypicFeature"}),
}
# The largest FamPlex family whose name, where HGNC gives it as an alias of one member, names that
# gene (AKT, JNK, p38: three or four paralogs; VocabularyEntityMatcher._family_member).
_FAMILY_NAMED_MEMBERS = 4
# MeSH trees of proteins that are no gene product of the organism studied: small molecules (D02),
# toxins (D23.946), luminescent reporter proteins (D12.776.532); and of antibodies and immunoglobulins.
_NO_GENE_PRODUCT = ("D02.", "D23.946.", "D12.776.532.")
_ANTIBODIES = ("D12.776.124.486.", "D12.776.124.790.", "D12.776.377.715.")
# A short form in the plural: capitals and digits, then a lower-case "s" ("PARs", "MMPs").
_PLURAL_SHORT_FORM = re.compile(r"[A-Z][A-Z0-9-]*[A-Z0-9]s")


#: Runs whose groundings :meth:`VocabularyEntityMatcher._grounded` keeps (emptied when full).
_GROUNDED_RUNS = 200_000


class VocabularyEntityMatcher:
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

    def __init__(
        self,
        nlp: Language,
        name: str = "kg_vocabulary_ner",
        *,
        vocabulary_path: str | None = None,
        lexicon_path: str | None = None,
        overwrite_ents: bool = True,
    ) -> None:
        ensure_extensions()
        self.name = name
        self.overwrite_ents = overwrite_ents
        self._vocabulary_path = Path(vocabulary_path) if vocabulary_path else None
        self._lexicon_path = lexicon_path
        self._lexicon: Lexicon | None = None
        self._headings: dict[str, Grounding | None] = {}
        self._elements: dict[str, Grounding | None] = {}
        self._orthologs: dict[tuple[str, str], Grounding | None] = {}
        self._grounded_runs: dict[str, tuple[Grounding, ...]] = {}

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon, loaded on first use and shared by every pipeline in the process."""
        if self._lexicon is None:
            if self._lexicon_path == "":
                self._lexicon = _curated_only(self._vocabulary_path)
            else:
                path = Path(self._lexicon_path) if self._lexicon_path else None
                self._lexicon = load_lexicon(path, self._vocabulary_path)
        return self._lexicon

    def concept(self, curie: str) -> Concept | None:
        """Return the concept for ``curie``, or ``None`` if unknown."""
        return self.lexicon.concept(curie)

    # --- matching ------------------------------------------------------------
    def _candidates(self, doc: Doc) -> tuple[list[Candidate], list[str]]:
        """Every lexicon match starting at each token (its longest), and the token texts."""
        lexicon = self.lexicon
        n = len(doc)
        # The Doc's arrays and cached token lists, then plain lists (Token objects are costly).
        texts = token_texts(doc)
        flags = doc.to_array([IS_SPACE, IS_STOP, IS_PUNCT]).tolist() if n else []
        rows = [
            (text, bool(space), bool(stop or punct), not spaced)
            for text, (space, stop, punct), spaced in zip(texts, flags, token_spaces(doc), strict=True)
        ]
        keys, breaks, opens, closes, brackets, american, finals = _token_rows(
            rows, may_be_british(doc_text(doc))
        )
        british = any(american)
        # A run of function words ("is a", "as well as") is never a name, whatever key it makes.
        function_words = [function_word for _, _, function_word, _ in rows]
        found = []
        for start in range(n):
            if not keys[start] or breaks[start] or start in finals:
                continue  # (a letter with a full stop ends a name, it is none alone)
            best: tuple[int, list[Grounding]] | None = None
            run = us_run = ""
            for end in range(start, min(n, start + MAX_TOKENS)):
                if breaks[end] or (end > start and end - 1 in finals):
                    break  # "hepatitis C." ended the run: the next word starts a sentence
                run += keys[end]
                if british:
                    us_run += american[end] or keys[end]
                if not keys[end]:
                    continue  # a run never ends on punctuation ("IL-")
                # Most runs: one dict probe, no parsing. A run edged by a function word
                # or with an unclosed bracket ("T (OR") is no name, nor is any longer one
                # that no key starts with.
                respelled = british and us_run != run
                if not lexicon.may_match(run) and not (respelled and lexicon.may_match(us_run)):
                    if not lexicon.may_extend(run) and not (respelled and lexicon.may_extend(us_run)):
                        break  # no key starts so: a longer run cannot match either
                    continue
                eponym = False
                if end > start and (opens[start] or closes[end] or sum(brackets[start : end + 1])):
                    if closes[end] or sum(brackets[start : end + 1]) or not texts[start][:1].isupper():
                        continue
                    eponym = True  # "Down syndrome": a capitalised function word may be a name's first
                groundings = self._grounded(run)
                if not groundings and respelled:
                    groundings = self._grounded(us_run)
                if eponym:
                    # ... where it starts the concept's own name as written ("The G" is no THEG)
                    first = texts[start] + " "
                    groundings = tuple(g for g in groundings if g.name.startswith(first))
                if (
                    groundings
                    and end > start
                    and (texts[end].lower() in _AGENT_NOUNS or _in_response_to(texts, start))
                ):
                    # "tumor suppressor": what acts (a gene), not the process GO lists it under;
                    # its first words ("tumor") are left to a shorter run. "in response to
                    # dexamethasone" names what the cells meet, not GO's "response to
                    # dexamethasone": the agent is matched on its own.
                    groundings = [g for g in groundings if g.category != "biolink:BiologicalProcess"]
                if groundings and not all(function_words[start : end + 1]):
                    best = (end + 1, groundings)
            if best is not None:
                found.append(Candidate(start, best[0], tuple(best[1]), best[1][0].source))
        return found, texts

    def _grounded(self, run: str) -> tuple[Grounding, ...]:
        """``chemical_roles(lexicon.lookup(run))``, remembered: the answer depends on the run alone.

        The matcher asks for the same runs in every paper ("IL-6", "patients");
        the lexicon remembers its look-ups but returned a fresh list for
        :func:`chemical_roles` to read again each time. Groundings are frozen.
        """
        known = self._grounded_runs.get(run)
        if known is None:
            if len(self._grounded_runs) >= _GROUNDED_RUNS:
                self._grounded_runs.clear()
            known = self._grounded_runs[run] = tuple(chemical_roles(self.lexicon.lookup(run)))
        return known

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc.ents``, ``doc.spans["kg_dictionary"]`` and ``doc._.kg_entity_sources``."""
        candidates, texts = self._candidates(doc)
        lowers = [text.lower() for text in texts]
        candidates = self._composed_diseases(candidates, texts, lowers)
        if "+" in doc_text(doc):
            candidates += self._ions(doc, candidates)
        candidates += self._glued_chemicals(texts, candidates)
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
        candidates = reranked
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
        if best.category != "biolink:Gene" or best.taxon != HUMAN or best.source == "curated":
            return ranked
        key = (best.name, taxon)
        if key not in self._orthologs:
            self._orthologs[key] = self.lexicon.ortholog(best.name, taxon)
        ortholog = self._orthologs[key]
        if ortholog is None:
            return ranked
        return (replace(ortholog, score=best.score, source=best.source), *ranked)

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

    def _coordinated(self, doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
        """Ground the first conjunct of a coordinated name through the shared head.

        "breast and ovarian cancer", "Duchenne or Becker muscular dystrophy",
        "renal and hepatic failure": the word before "and"/"or"/"/" names
        the same kind of thing with the head of the grounded name after it
        ("breast cancer"), and takes that grounding on its own extent. A
        chain ("lung, breast and ovarian cancer") is followed leftwards, also
        with a comma before its last "and"/"or" ("brain, breast, and prostate
        cancer"), over an item of the list that names nothing with the head
        ("colorectal, breast, pancreaticobiliary, gastric, renal cell and head
        and neck cancers": a head that is itself a coordination shares its last
        word); a conjunct may be two words ("basal cell") or a composed disease
        name ("hepatic" in "hepatic and renal dysfunction").
        """
        by_start = {c.start: c for c in chosen}
        by_token = {i: c for c in chosen for i in range(c.start, c.end)}
        result = list(chosen)
        for candidate in chosen:
            if candidate.end - candidate.start < 2 or candidate.best.category not in _COORDINATED:
                continue
            rest = doc[candidate.start + 1 : candidate.end]
            if any(t.lower_ in _CONJUNCTIONS for t in rest):
                rest = rest[-1:]  # a coordination itself ("head and neck cancers"): its last word
            head = rest.text
            heads = [t.lower_ for t in rest]
            allowed = _COORDINATED[candidate.best.category]
            start = candidate.start
            while start >= 2 and doc[start - 1].lower_ in _CONJUNCTIONS:
                # ", and" / ", or" (the serial comma) joins like "and" alone
                serial = start >= 3 and doc[start - 1].lower_ in ("and", "or") and doc[start - 2].text == ","
                word = doc[start - 3] if serial else doc[start - 2]
                if not word.is_alpha or word.is_stop:
                    break
                other = by_token.get(word.i)
                if other is not None and (other.best.category in allowed or other.end != word.i + 1):
                    break  # already a name of its own ("IL-6 and breast cancer")
                # the conjunct's words: one ("ovarian"), or two where the dictionary read them
                # as one name of another kind or the one word gives nothing ("basal cell" in
                # "basal cell, colonic, and cervical carcinomas")
                extents = [other.start] if other is not None and other.end - other.start > 1 else [word.i]
                before = doc[word.i - 1] if word.i >= 1 else None
                if (
                    extents == [word.i] and before is not None and before.is_alpha and not before.is_stop
                    and by_token.get(before.i) in (None, other)
                ):  # fmt: skip
                    extents.append(before.i)
                found: list[Grounding] = []
                for first in (e for e in extents if e >= word.i - 1):
                    found = self._conjunct_groundings(doc[first : word.i + 1].text, head, heads, allowed)
                    if found:
                        break
                if not found:
                    if doc[word.i - 1].text == "," and other is None:
                        start = word.i  # an item of a list no name holds ("pancreaticobiliary, gastric")
                        continue
                    break
                for token in range(first, word.i + 1):
                    replaced = by_token.get(token)
                    if replaced is not None and replaced in result:
                        result.remove(replaced)
                        by_start.pop(replaced.start, None)
                conjunct = Candidate(first, word.i + 1, tuple(found), found[0].source)
                result.append(conjunct)
                by_token.update(dict.fromkeys(range(first, word.i + 1), conjunct))
                start = first
        return result

    def _conjunct_groundings(
        self, words: str, head: str, heads: list[str], allowed: frozenset[str]
    ) -> list[Grounding]:
        """Groundings of a conjunct joined to the shared head ("renal" + "dysfunction").

        The lexicon's name comes first ("ovarian cancer"); where it has none,
        the MeSH heading a composed disease name gives (:mod:`kg.nlp.disease_names`):
        "hepatic and renal dysfunction" is Liver Diseases and Kidney Diseases,
        "liver and kidney toxicity" a drug's injury to the liver and Kidney Diseases.
        """
        found = [g for g in self.lexicon.ground(f"{words} {head}") if g.category in allowed]
        if found:
            return found
        lowers = [*words.lower().split(), *heads]
        for start, end, heading in composed_disease_names(lowers, [False] * len(lowers)):
            if start == 0 and end == len(lowers):
                grounding = next(filter(None, map(self._heading, heading.split("|"))), None)
                if grounding is not None and grounding.category in allowed:
                    return [grounding]
        return []

    def _neoplasm_attributes(self, lowers: list[str], chosen: list[Candidate]) -> list[Candidate]:
        """Drop a neoplasm's attribute ("recurrence", "drug resistance") where no neoplasm is meant.

        The curated vocabulary reads a bare "recurrence" as MeSH's Neoplasm
        Recurrence, Local and "drug resistance" as Drug Resistance, Neoplasm
        (phenotypic features of a neoplasm). In a paper that names no
        neoplasm they are the return of whatever the paper is about (hepatitis
        on rechallenge, a migraine, ventricular tachycardia) or a microbe's
        resistance; and "recurrence of X" or "recurrence risk" name the
        recurring disease or a statistic, never the tumour's own course. Such
        a match is dropped (a model span on it stays ungrounded). A name that
        holds its neoplasm ("tumour recurrence") is not concerned.
        """
        attributes = [
            c for c in chosen
            if c.best.category == "biolink:PhenotypicFeature" and self._neoplasm(c.best)
            and not any(self._names_neoplasm(lowers[i]) for i in range(c.start, c.end))
        ]  # fmt: skip
        if not attributes:
            return chosen
        neoplasm = any(self._neoplasm(c.best) for c in chosen if c.best.category == "biolink:Disease")
        dropped = [
            c for c in attributes
            if not neoplasm
            or (lowers[c.start] in _RECURRENCE_WORDS and lowers[c.end : c.end + 1] in _RECURRENCE_FOLLOWING)
        ]  # fmt: skip
        return [c for c in chosen if c not in dropped]

    def _drug_induced(self, lowers: list[str], chosen: list[Candidate]) -> list[Candidate]:
        """Read a disease a drug is said to induce as MeSH's drug-induced heading, in the whole paper.

        "levodopa-induced dyskinesia", "drug-induced dyskinesias": where MeSH
        files the drug-induced form of the disease's heading as its own child
        heading ("Dyskinesias" -> "Dyskinesia, Drug-Induced"), every mention
        of that disease in the paper takes it, as a curator reading the paper
        would (its later "dyskinesia" is the same drug-induced one); a hepatitis
        a drug induces is MeSH's Chemical and Drug Induced Liver Injury
        (:data:`_DRUG_INJURY_HEADINGS`). The inducer is a chemical the paper
        names, or "drug"/"neuroleptic", written before the disease
        ("clotiazepam-induced", "dilevalol-associated") or after it ("hepatitis
        induced by diclofenac", "caused by", "due to amiodarone", the chemical
        within three words). Every mention of the same disease, or of the
        heading it was found under, takes it too ("Clotiazepam-induced acute
        hepatitis" ... "relapse of hepatitis"); another subtype keeps its own
        heading ("alcoholic hepatitis"), and an infection never changes
        ("hepatitis B" stays viral). A hypersensitivity or an allergic reaction
        to a drug ("hypersensitivity to carbamazepine", which the lexicon reads
        first as GO's process; "allergic reactions to amoxicillin") is MeSH's
        Drug Hypersensitivity, and so is the paper's every other mention of
        MeSH's Hypersensitivity ("allergy"); not Hypersensitivity's subtypes (a
        drug's urticaria stays Urticaria).
        """
        chemical_ends = {c.end for c in chosen if c.best.category in CHEMICALS}
        chemical_starts = {c.start for c in chosen if c.best.category in CHEMICALS}
        induced: set[str] = set()
        named: set[str] = set()  # the MeSH headings of the diseases said induced, and their parents
        for c in chosen:
            if not self._disease_reading(c, lowers):
                continue
            if not self._said_induced(lowers, c, chemical_starts, chemical_ends):
                continue
            heading = self._drug_induced_heading(self._mesh_ids(c))
            if heading is not None:
                induced.add(heading.curie)
                named.update(self._mesh_ids(c))
                named.update(g.curie for g in map(self._heading, _DRUG_INJURY_HEADINGS) if g is not None)
        if not induced:
            return chosen
        result = []
        for c in chosen:
            if self._disease_reading(c, lowers) and not named.isdisjoint(mesh := self._mesh_ids(c)):
                heading = self._drug_induced_heading(mesh)
                if heading is not None and heading.curie in induced:
                    c = replace(c, groundings=(heading, *c.groundings))
            result.append(c)
        return result

    @staticmethod
    def _disease_reading(c: Candidate, lowers: list[str]) -> bool:
        """Whether ``c`` reads as a disease, or is a hypersensitivity (GO's process first, MeSH's disease)."""
        if c.best.category in DISEASES:
            return True
        return _names_sensitivity(lowers, c) and any(g.category in DISEASES for g in c.groundings)

    def _mesh_ids(self, c: Candidate) -> set[str]:
        """The MeSH identifiers of a disease candidate's grounding: its own or its cross-references.

        Where the grounding has none (MONDO's "psychotic disorder" points to DOID only), those of
        the first other disease grounding of the same text that has some (MeSH's Psychotic
        Disorders), as the scorer reads such a grounding.
        """
        for grounding in c.groundings:
            if grounding.category in DISEASES:
                curies = (grounding.curie, *self.lexicon.xrefs(grounding.curie))
                mesh = {x for x in curies if x.startswith("MESH:")}
                if mesh:
                    return mesh
        return set()

    @staticmethod
    def _said_induced(
        lowers: list[str], c: Candidate, chemical_starts: set[int], chemical_ends: set[int]
    ) -> bool:
        """Whether a chemical, a drug or a neuroleptic is said to induce the disease of ``c``.

        A hypersensitivity or an allergic reaction is also said to be one to a drug written after "to"
        ("hypersensitivity to carbamazepine") or right before it ("glucocorticoid hypersensitivity"),
        in a sentence that is not about cells, strains or alleles
        (:data:`_EXPERIMENT_WORDS`).
        """
        if _names_sensitivity(lowers, c):
            start, end = c.start, c.end
            while start and lowers[start - 1] not in _SENTENCE_ENDS:
                start -= 1
            while end < len(lowers) and lowers[end] not in _SENTENCE_ENDS:
                end += 1
            if not _EXPERIMENT_WORDS.isdisjoint(lowers[start:end]):
                return False
            if c.start in chemical_ends:
                return True
            end = c.end
            if lowers[end : end + 1] == ["to"] and any(
                i in chemical_starts or lowers[i] in _INDUCER_WORDS for i in range(end + 1, end + 4)
            ):
                return True
        if c.start >= 2 and lowers[c.start - 1] in _INDUCED_BEFORE:
            inducer = c.start - 2 if lowers[c.start - 2] != "-" else c.start - 3
            if inducer >= 0 and (inducer + 1 in chemical_ends or lowers[inducer] in _INDUCER_WORDS):
                return True
        after = lowers[c.end : c.end + 2]
        if len(after) == 2 and tuple(after) in _INDUCED_AFTER:
            start = c.end + 2
            return any(
                i in chemical_starts or lowers[i] in _INDUCER_WORDS
                for i in range(start, min(start + 3, len(lowers)))
            )
        return False

    def _inherited(self, lowers: list[str], breaks: list[bool], chosen: list[Candidate]) -> list[Candidate]:
        """A disease said to be inherited takes MeSH's inherited child heading, over the words that say so.

        "hereditary cancer" is "Neoplastic Syndromes, Hereditary", "autosomal
        recessive neurodegenerative disease" "Heredodegenerative Disorders,
        Nervous System" (:func:`kg.nlp.disease_names.inherited_heading`); a
        name the lexicon holds with its modifier ("hereditary hemochromatosis")
        is matched as a whole before this.
        """
        taken = {i for c in chosen for i in range(c.start, c.end)}
        result = []
        for c in chosen:
            start, x_linked = heredity_modifiers(lowers, breaks, c.start)
            if start < c.start and c.best.category in DISEASES and taken.isdisjoint(range(start, c.start)):
                curies = (c.best.curie, *self.lexicon.xrefs(c.best.curie))
                child = inherited_heading(
                    self.lexicon,
                    dict.fromkeys(x for x in curies if x.startswith("MESH:D")),
                    x_linked=x_linked,
                )
                heading = self._heading(self.lexicon.concept(child).name) if child else None
                if heading is not None:
                    c = Candidate(start, c.end, (heading, *c.groundings), heading.source)
            result.append(c)
        return result

    def _drug_induced_heading(self, mesh: set[str]) -> Grounding | None:
        """MeSH's "<heading>, Drug-Induced" child of a disease's MeSH headings ``mesh``, if MeSH has one."""
        for curie in sorted(mesh):
            concept = self.lexicon.concept(curie)
            trees = set(self.lexicon.mesh_trees(curie))
            if concept is None or not trees or any(t.startswith("C01") for t in trees):
                continue  # an infection ("hepatitis B") is no drug's doing
            name = concept.name
            if name == _HYPERSENSITIVITY[0]:  # not its subtypes: a drug's urticaria stays Urticaria
                return self._heading(_HYPERSENSITIVITY[1])
            for base in dict.fromkeys((name, name.removesuffix("s"))):
                child = self._heading(f"{base}, Drug-Induced")
                if child is not None and any(
                    t.rpartition(".")[0] in trees for t in self.lexicon.mesh_trees(child.curie)
                ):
                    return child
            for inflamed, injury in _DRUG_INJURY_HEADINGS.items():
                inflamed_trees = self._heading_trees(inflamed)
                if any(t == i or t.startswith(i + ".") for t in trees for i in inflamed_trees):
                    return self._heading(injury)
        return None

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

    def _heading_trees(self, heading: str) -> tuple[str, ...]:
        grounding = self._heading(heading)
        return self.lexicon.mesh_trees(grounding.curie) if grounding is not None else ()

    def _names_neoplasm(self, word: str) -> bool:
        """Whether one word names a neoplasm as a disease ("tumour", "cancer", "glioblastoma")."""
        return word.isalpha() and any(
            g.category == "biolink:Disease" and self._neoplasm(g) for g in self.lexicon.ground(word)
        )

    def _neoplasm(self, grounding: Grounding) -> bool:
        """Whether a disease or phenotype grounding is a neoplasm's: MeSH tree C04 or "Neoplasm" in its name.

        The MeSH tree is read from the concept itself or its MeSH cross-references.
        """
        if grounding.category not in DISEASES:
            return False
        if "neoplasm" in grounding.name.lower():
            return True
        curies = (grounding.curie, *self.lexicon.xrefs(grounding.curie))
        return any(
            tree.startswith("C04") for curie in curies if curie.startswith("MESH:")
            for tree in self.lexicon.mesh_trees(curie)
        )  # fmt: skip

    def _composed_diseases(
        self, candidates: list[Candidate], texts: list[str], lowers: list[str]
    ) -> list[Candidate]:
        """Candidates for composed disease names ("nephrotoxicity", "autosomal recessive disorder").

        See :mod:`kg.nlp.disease_names`; returns ``candidates`` with them. A run
        the lexicon matched at the same extent keeps its own grounding, unless
        that is only a process: a composed name says the process is lost
        ("memory" in "impairments of learning and memory" is Memory Disorders,
        not GO's memory).
        """
        breaks = [text in _BREAKS for text in texts]
        names = composed_disease_names(lowers, breaks, texts)
        if not names:
            return candidates
        extents: dict[tuple[int, int], bool] = {}  # extent -> whether all its matches are processes
        for c in candidates:
            process = c.best.category == "biolink:BiologicalProcess"
            extents[(c.start, c.end)] = extents.get((c.start, c.end), True) and process
        added, replaced = [], set()
        for start, end, heading in names:
            if (start, end) in extents and not extents[(start, end)]:
                continue
            # alternatives in order ("Eye Abnormalities|Eye Diseases"): the first MeSH has
            grounding = next(filter(None, map(self._heading, heading.split("|"))), None)
            if grounding is not None:
                added.append(Candidate(start, end, (grounding,), grounding.source))
                replaced.add((start, end))
        return [c for c in candidates if (c.start, c.end) not in replaced] + added

    def _ions(self, doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
        """Candidates for ions written by their element's symbol and charge ("Ca2+", "Ca(2+)", "K+").

        The lexicon has no key for charge notation (its keys drop the "+",
        leaving "Ca2"); an ion of a metal the body uses is grounded as its
        element (MeSH indexes calcium ions under Calcium), over the tokens the
        notation spans. An ion before "ATPase" names the pump, not the ion
        ("Ca2+ ATPase"); a run the lexicon matched at the same tokens keeps its own.
        """
        taken = {i for c in candidates for i in range(c.start, c.end)}
        added = []
        for match in ION.finditer(doc_text(doc)):
            # the notation's own tokens, or one token it fills but for brackets ("[Ca2+]i");
            # not a longer word it starts ("Na+-extrusion", "Mg(2+)-free")
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None or len(span.text.strip("[]()i")) > match.end() - match.start():
                continue
            if any(i in taken for i in range(span.start, span.end)):
                continue
            after = doc[span.end].lower_ if span.end < len(doc) else ""
            if "atpase" in after or "atpase" in span.text.lower():
                continue
            name = ION_ELEMENTS[match.group("element")]
            if name not in self._elements:
                found = [g for g in self.lexicon.ground(name) if g.category in CHEMICALS]
                self._elements[name] = found[0] if found else None
            grounding = self._elements[name]
            if grounding is not None:
                added.append(Candidate(span.start, span.end, (grounding,), "ion"))
                taken.update(range(span.start, span.end))
        return added

    def _glued_chemicals(self, texts: list[str], candidates: list[Candidate]) -> list[Candidate]:
        """Candidates for a chemical glued to a participle in one token ("alcohol-exposed").

        The token is grounded as the name before the hyphen
        (:func:`kg.nlp.chemical_tokens.glued_chemical_name`) where that name's
        best reading is a chemical and none is an organism ("yeast-based" is no
        yeast extract); a token a run already matched keeps its own. An amino
        acid or a base so glued names a motif of a sequence ("tyrosine-based
        sorting motif", "cysteine-containing"), not the substance.
        """
        taken = {i for c in candidates for i in range(c.start, c.end)}
        added = []
        for i, text in enumerate(texts):
            name = None if i in taken else glued_chemical_name(text)
            if name is None or name.lower() in RESIDUE_NAMES:
                continue
            found = self.lexicon.ground(name)
            if (
                found
                and found[0].category in CHEMICALS
                and all(g.category != "biolink:OrganismTaxon" for g in found)
            ):
                chemicals = tuple(g for g in found if g.category in CHEMICALS)
                added.append(Candidate(i, i + 1, chemicals, chemicals[0].source))
        return added

    def _heading(self, heading: str) -> Grounding | None:
        """The MeSH descriptor named ``heading``, scored as a composed name."""
        if heading not in self._headings:
            # compared without case: a composed heading may carry the text's lower-case word ("hiv")
            found = [
                g
                for g in self.lexicon.ground(heading)
                if g.source == "MESH" and g.name.lower() == heading.lower()
            ]
            self._headings[heading] = replace(found[0], score=COMPOSED_SCORE) if found else None
        return self._headings[heading]

    def _add_model_spans(
        self, doc: Doc, candidates: list[Candidate], model: dict[tuple[int, int], str]
    ) -> list[Candidate]:
        """Add a candidate for each model entity the lexicon grounds as a whole but no run matched.

        The statistical NER found a name (``Erk2``, ``rac1``, ``hXPC``,
        ``Cyclin-dependent protein kinase 5``); the lexicon is asked for the
        whole span, of the model's kind (a ``h`` prefix for human dropped).
        Only groundings compatible with the model's category count; a span
        holding sentence punctuation ("ERK1/2") is left to the runs inside it,
        except a gene's name written with a slash and no space, which no run
        can match ("C/EBPalpha", "Ink4a/Arf", "PTH/PTHrP receptor"): it is
        looked up whole where it is no composite and a human gene lists it.
        """
        lexicon = self.lexicon
        extents = {(c.start, c.end) for c in candidates}
        breaks = [text in _BREAKS for text in token_texts(doc)]
        added = []
        for (start, end), category in model.items():
            if (start, end) in extents:
                continue
            slashed = any(breaks[i] for i in range(start, end))
            if slashed and not _slashed_gene_name(doc, start, end, category):
                continue
            text = doc[start:end].text
            if _STATISTIC.search(text):
                continue  # "P=.01", "P<0.05": a test's statistic, whatever symbol its letters spell
            for variant in [text] if slashed else model_span_variants(text, category):
                found = chemical_roles(lexicon.lookup(cased_key(variant)))
                found = [g for g in found if g.category in COMPATIBLE[category]]
                if slashed and not any(g.category == "biolink:Gene" and g.taxon == HUMAN for g in found):
                    continue  # "HER2/neu": only transgenes and rat Erbb2 list it whole
                if found:
                    added.append(Candidate(start, end, tuple(found), found[0].source))
                    break
        return candidates + added

    def _bracketed_model_spans(self, doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
        """Candidates for model spans of any kind with a short form inside: "natural killer (NK) cells".

        No run of the dictionary crosses the bracket, so the NER's span would stay
        ungrounded beside the dictionary's pieces of it; the name without the
        bracketed short form is looked up instead, of the model's kind.
        """
        if MODEL_KEY not in doc.spans:
            return []
        extents = {(c.start, c.end) for c in candidates}
        added = []
        for span in doc.spans[MODEL_KEY]:
            allowed = COMPATIBLE_CATEGORIES.get(span.label_)
            if allowed is None or (span.start, span.end) in extents or "(" not in span.text:
                continue
            unbracketed = _INNER_BRACKETS.sub("", span.text)
            if unbracketed == span.text:
                continue
            found = [g for g in self.lexicon.lookup(cased_key(unbracketed)) if g.category in allowed]
            if found:
                added.append(Candidate(span.start, span.end, tuple(found), found[0].source))
        return added

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
        pairs = [(short, short._.long_form) for short in detected if short._.long_form is not None]
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
            if (
                exact is None
                and any(model_confirmed(c, model) for c in overlapping)
                and not gene_defined_otherwise(long_form, grounded, overlapping, model)
            ):
                if disease_defined_otherwise(long_form, overlapping, model):
                    result = [c for c in result if c not in overlapping]
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


_RECURRENCE_WORDS = frozenset({"recurrence", "recurrences"})
# A disease whose drug-induced form MeSH files under another heading: a hepatitis a drug induces
# is "Chemical and Drug Induced Liver Injury" (entry term "Drug-Induced Hepatitis"), not a child
# of Hepatitis; a subtype ("acute hepatitis", "Hepatitis, Chronic") is concerned too. A psychosis
# a drug induces is "Psychoses, Substance-Induced" (filed under Substance-Related Disorders).
_DRUG_INJURY_HEADINGS = {
    "Hepatitis": "Chemical and Drug Induced Liver Injury",
    "Psychotic Disorders": "Psychoses, Substance-Induced",
}
# What a paper may say induced a disease, besides a chemical it names ("drug-induced").
_INDUCER_WORDS = frozenset({"drug", "drugs", "neuroleptic", "neuroleptics", "medication", "medications"})
# "<chemical>-induced / -associated / -related <disease>";
# "<disease> induced by / caused by / due to <chemical>".
_INDUCED_BEFORE = frozenset({"induced", "associated", "related"})
_INDUCED_AFTER = frozenset({("induced", "by"), ("caused", "by"), ("due", "to")})
# Words of which a text needs one for :meth:`VocabularyEntityMatcher._drug_induced` to look.
_INDUCING_WORDS = frozenset({"induced", "associated", "related", "caused", "due"})
# A hypersensitivity to a drug ("hypersensitivity to carbamazepine", "glucocorticoid
# hypersensitivity") is MeSH's Drug Hypersensitivity, the drug's form of Hypersensitivity.
_SENSITIVITY_WORDS = frozenset({"hypersensitivity", "hypersensitivities"})
_REACTION_WORDS = frozenset({"reaction", "reactions"})
# Words of which a text needs one for :meth:`VocabularyEntityMatcher._drug_induced` to look.
_DRUG_LINK_WORDS = _INDUCING_WORDS | _SENSITIVITY_WORDS | {"allergic"}
_HYPERSENSITIVITY = ("Hypersensitivity", "Drug Hypersensitivity")
# A sentence about cells, strains or alleles says how sensitive they are to an agent ("the mutant
# cells showed a marked hypersensitivity to camptothecin", "alleles that confer MMS
# hypersensitivity"): a phenotype of the experiment, no patient's drug allergy.
_EXPERIMENT_WORDS = frozenset(
    {"cell", "cells", "line", "lines", "clone", "clones", "strain", "strains", "mutant", "mutants",
     "allele", "alleles", "yeast"}
)  # fmt: skip
_SENTENCE_ENDS = frozenset({".", "?", "!"})


def _names_sensitivity(lowers: list[str], c: Candidate) -> bool:
    """Whether ``c`` names a hypersensitivity ("hypersensitivity", "allergic reactions")."""
    last = lowers[c.end - 1]
    if last in _REACTION_WORDS:
        return c.end - c.start > 1 and lowers[c.end - 2] == "allergic"
    return last in _SENSITIVITY_WORDS


# "recurrence of hepatitis", "recurrence risk", "recurrence rates": what recurs is named, or counted.
_RECURRENCE_FOLLOWING = tuple([word] for word in ("of", "risk", "risks", "rate", "rates"))
# Water (MeSH, ChEBI, DrugBank) and MeSH's Drinking Water: the medium of a study, not its
# subject; neither BC5CDR's nor BioRED's curators annotate it as a chemical.
_MEDIA = frozenset({"MESH:D014867", "CHEBI:15377", "DRUGBANK:DB09145", "MESH:D060766"})
# Chemical names that prose uses as ordinary words: a metal in an idiom ("gold standard"),
# an element naming a kind of bond or a protein domain ("hydrogen bonding", "zinc finger"),
# the adjective of an organ ("retinal toxicity" is no retinaldehyde), a state ("pain free",
# MeSH's supplementary "Pain-Free"), and Greek-letter subtypes ("beta 2 receptors", EEG
# "beta-2" bands), which a brand name of isoetharine ("Beta-2") happens to spell.
_IDIOMS = {
    "gold": frozenset({"standard", "standards"}),
    "hydrogen": frozenset({"bond", "bonds", "bonding"}),
    "zinc": frozenset({"finger", "fingers"}),
}
# Names whose word before makes an idiom of any category: "heat shock genes" are the cell's
# stress response, not circulatory shock.
_IDIOMS_AFTER = {"shock": frozenset({"heat", "cold", "osmotic"})}
_ORGAN_ADJECTIVES = frozenset({"retinal"})
_FIGURE_WORDS = frozenset({"fig", "figs", "fig.", "figs."})
_STATES = frozenset({"pain free", "pain-free"})
_GREEK_SUBTYPE = re.compile(r"(?:alpha|beta|gamma|delta|kappa|epsilon|theta)[\s-]?\d+", re.IGNORECASE)


def _everyday_phrase(doc: Doc, candidate: Candidate, best: Grounding) -> bool:
    """Whether a match is an ordinary phrase of prose, not the substance or disease (see above)."""
    text = doc[candidate.start : candidate.end].text
    lower = text.lower()
    # "non-heat shock genes" is one token before "shock"
    before = doc[candidate.start - 1].lower_.rsplit("-", 1)[-1] if candidate.start > 0 else ""
    if before in _IDIOMS_AFTER.get(lower, ()):
        return True
    if best.category not in CHEMICALS:
        return False
    after = doc[candidate.end] if candidate.end < len(doc) else None
    if after is not None and after.lower_ in _IDIOMS.get(lower, ()):
        return True
    if lower in _FIGURE_WORDS and (text.endswith(".") or (after is not None and after.text[:1].isdigit())):
        return True  # "(Fig. 3B)", "Figs. 4 and 5": a figure, not DrugBank's fig extract
    sentence_start = candidate.start == 0 or bool(doc[candidate.start].is_sent_start)
    if lower in _ORGAN_ADJECTIVES and (text.islower() or sentence_start) and after is not None:
        # "retinal toxicity", "Retinal signal transmission" opening a sentence, not "retinal
        # was measured" (a function word or a tagged verb)
        return (
            after.is_alpha and after.is_lower and after.lower_ not in STOP_WORDS
            and after.pos_ in ("", "NOUN", "ADJ", "PROPN")
        )  # fmt: skip
    return lower in _STATES or _GREEK_SUBTYPE.fullmatch(text) is not None


# Nouns of an agent: a run of several words ending in one names what acts (a gene or protein),
# not a process, whatever synonym GO lists ("tumor suppressor" of regulation of cell cycle).
_AGENT_NOUNS = frozenset(
    {"suppressor", "suppressors", "regulator", "regulators", "activator", "activators", "inhibitor",
     "inhibitors"}
)  # fmt: skip


def _in_response_to(texts: list[str], start: int) -> bool:
    """Whether a run starts with "response to" after "in": a preposition, not the process it names."""
    return (
        0 < start < len(texts) - 1
        and texts[start - 1].lower() == "in"
        and texts[start].lower() == "response"
        and texts[start + 1].lower() == "to"
    )


# Words after a short label that make it the name of a cell type or an animal group.
_GROUP_NOUNS = frozenset(
    {"cell", "cells", "lymphocyte", "lymphocytes", "mice", "mouse", "rats", "animals", "littermates"}
)


def _two_letters(texts: list[str], candidate: Candidate) -> bool:
    """Whether a match is one token of two capitals ("PD"; not "DCs", nor "PD cells")."""
    if candidate.end - candidate.start != 1:
        return False
    text = texts[candidate.start]
    following = texts[candidate.end].lower() if candidate.end < len(texts) else ""
    return len(text) == 2 and text.isalpha() and text.isupper() and following not in _GROUP_NOUNS


def _code_prefix(texts: list[str], candidate: Candidate) -> bool:
    """Whether a match of 2-4 capitals is the letters of a research code: "PD 98059", "AG-490".

    Companies name compounds by letters and a number of three or more digits; the
    letters alone spell some unrelated name (PD, Parkinson disease; SB, AG ...).
    Numbers of one or two digits stay names ("IL 2", "COX 2"); the caller keeps a
    gene's symbol before a position ("FAS-1377 G/A").
    """
    if candidate.end - candidate.start != 1 or candidate.end >= len(texts):
        return False
    text = texts[candidate.start]
    if not (2 <= len(text) <= 4 and text.isalpha() and text.isupper()):
        return False
    following = candidate.end + (texts[candidate.end] == "-")
    return following < len(texts) and texts[following].isdigit() and len(texts[following]) >= 3


def _label_before_group(lowers: list[str], texts: list[str], candidate: Candidate) -> bool:
    """Whether a one-token match of at most three letters names a group: "Th cells", "Tg mice", "NTg mice".

    A gene symbol of letters only that directly precedes a word for cells or
    animals labels them (T helper cells, transgenic mice); symbols with a
    digit ("CD4 cells", "Il6 mice") name the gene that marks or was altered in them.
    """
    if candidate.end - candidate.start != 1 or candidate.end >= len(lowers):
        return False
    text = texts[candidate.start]
    if lowers[candidate.end] == "cell" and lowers[candidate.end + 1 : candidate.end + 2] == ["cycle"]:
        return False  # "the Rb cell cycle pathway": the cycle every cell goes through, no labelled cells
    return len(text) <= 3 and text.isalpha() and not text.islower() and lowers[candidate.end] in _GROUP_NOUNS


def _anatomy_first(groundings: tuple[Grounding, ...]) -> tuple[Grounding, ...]:
    """An organ's name is the organ: "skin" is no skin neoplasm, whatever synonym MONDO lists.

    A disease grounding is moved behind an anatomical one of at least its score.
    """
    if not groundings or groundings[0].category not in DISEASES:
        return groundings
    anatomy = [g for g in groundings if g.category == "biolink:AnatomicalEntity"]
    if not anatomy or anatomy[0].score < groundings[0].score:
        return groundings
    return (anatomy[0], *(g for g in groundings if g is not anatomy[0]))


def _organism_over_extract(groundings: tuple[Grounding, ...]) -> tuple[Grounding, ...]:
    """An animal's name is the animal: "Chicken" is no DrugBank allergenic extract of chicken.

    DrugBank names its allergenic extracts after their sources ("Chicken", "Rabbit") by
    their main names, which outscore the organisms' common names; the organism goes first.
    """
    if not groundings or groundings[0].category != "biolink:Drug":
        return groundings
    organism = next((g for g in groundings if g.category == "biolink:OrganismTaxon"), None)
    if organism is None:
        return groundings
    return (organism, *(g for g in groundings if g is not organism))


def _shared_alias_first(groundings: tuple[Grounding, ...]) -> tuple[Grounding, ...]:
    """Of human genes tied for an alias, the one whose rodent ortholog shares it ("MCP-1" is CCL2).

    HGNC lists "MCP-1" for CCL2 and CCL13; mouse and rat list it for Ccl2
    only. A name the orthologs share is the gene's established one; when
    not exactly one of the tied genes has such a rodent namesake, the order
    is kept.
    """
    if len(groundings) < 3 or groundings[0].category != "biolink:Gene" or groundings[0].taxon != HUMAN:
        return groundings
    best = groundings[0]
    tied = [
        g for g in groundings if g.taxon == HUMAN and g.score == best.score and g.category == best.category
    ]
    if len(tied) < 2:
        return groundings
    rodent = {g.name.upper() for g in groundings if g.taxon in (MOUSE, RAT)}
    shared = [g for g in tied if g.name.upper() in rodent]
    if len(shared) != 1 or shared[0] is best:
        return groundings
    return (shared[0], *(g for g in groundings if g is not shared[0]))


def _human_protein_name(texts: list[str], candidate: Candidate, silent: bool = False) -> bool:
    """Whether a name grounded first to a mouse or rat gene is a protein name, read as human.

    Where the text names several species in one sentence, a spelling that
    is exactly a mouse or rat symbol with a digit ("Il6ra", "Tlr4", "Spry1")
    follows the MGI/RGD nomenclature and means the rodent gene; title-case
    protein names without one ("Bax", "Bcl-2", "Akt") are how papers on
    human cells write them too. In a paper that names no species at all
    (``silent``), a title-case name ending in its number ("Smad4", "Cdk5",
    "Mdm2") is such a protein name too; only a lower-case letter after a
    digit ("Cdc25a", "Il6ra", :func:`kg.nlp.species.mouse_style`) is mouse
    nomenclature there.
    """
    best = candidate.best
    if best.category != "biolink:Gene" or best.taxon not in (MOUSE, RAT):
        return False
    text = "".join(texts[candidate.start : candidate.end])
    if text != best.name:
        return True
    return not mouse_style(text) if silent else not any(ch.isdigit() for ch in text)


def _undefined_disease_acronym(
    texts: list[str],
    candidate: Candidate,
    model: dict[tuple[int, int], str],
    named: set[str],
) -> bool:
    """A disease acronym of three letters or fewer that the paper never defines ("SD", "AS", "GT").

    Such short forms are statistics ("SD"), words or other things far more
    often than the disease a vocabulary lists them for; a paper that means
    the disease defines it (the abbreviation rules then ground it), and the
    curated vocabulary or the NER may still vouch for one. The NER vouches
    where it reads the acronym as a disease, or as something else in a paper
    that also names the disease in full (``named``: concepts of longer
    mentions; "HD" in a paper on Huntington disease, which the NER reads as
    the gene); an acronym it reads as a chemical or a gene in a paper that
    names no such disease is not it ("CPA", "PAN" and "Pb" as drugs, "MAP"
    as a protein, not the diseases a vocabulary lists under those letters).
    """
    if candidate.best.category not in DISEASES or candidate.source in ("curated", "abbreviation"):
        return False
    if candidate.end - candidate.start != 1:
        return False
    text = texts[candidate.start]
    if model_confirmed(candidate, model):
        return False
    if not (len(text) <= 3 and text.isupper()):
        return False
    curie = candidate.best.curie
    return (candidate.start, candidate.end) not in model or curie not in named


def _without_residue_codes(
    texts: list[str], chosen: list[Candidate], residues: list[Candidate]
) -> list[Candidate]:
    """``chosen`` without the codes a residue is written with: "valine (Val) to alanine (Ala)".

    A code in brackets right after a residue (its three-letter name "Val", or its codon
    "asparagine (AAC) for serine (AGC)") takes the residue's reading as a defined short form;
    it is the residue too, wherever the paper writes it as the same chemical.
    """
    n = len(texts)
    codes = {
        (texts[r.end + 1], r.best.curie)
        for r in residues
        if r.end + 2 < n and texts[r.end] == "(" and texts[r.end + 2] == ")"
    }
    if not codes:
        return chosen
    return [c for c in chosen if c.end - c.start != 1 or (texts[c.start], c.best.curie) not in codes]


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


def _slashed_gene_name(doc: Doc, start: int, end: int, category: str) -> bool:
    """Whether a model gene span's only breaks are slashes inside a word ("C/EBPalpha"), no composite."""
    if category != "biolink:Gene":
        return False
    for token in doc[start:end]:
        if token.text in _BREAKS:
            glued = token.i > start and not doc[token.i - 1].whitespace_ and not token.whitespace_
            if token.text != "/" or not glued or token.i == end - 1:
                return False
    return not composite_members(doc[start:end].text)


def _bracketed(texts: list[str]) -> set[str]:
    """Tokens the paper writes alone in brackets ("(DM1)", "[GPC]", "(GCs)"): short forms it defines."""
    return {
        texts[i]
        for i in range(1, len(texts) - 1)
        if texts[i - 1] in ("(", "[") and texts[i + 1] in (")", "]")
    }


# A name glued by a hyphen to a participle the tokenizer does not split off ("ICAM-1-coated",
# "MAX-regulated", "Pten-null"; kg.nlp.tokenizer splits "-mediated", "-induced" and others).
_PARTICIPLE = re.compile(
    r"(?P<name>[A-Za-z0-9][A-Za-z0-9-]*?[A-Za-z0-9])-(?:amplified|coated|containing|deleted|depleted|"
    r"encoding|immunoreactive|interacting|knockdown|modulated|mutant|mutated|null|overexpressing|"
    r"reconstituted|regulated|selective|silenced|silencing|transduced|transfected)"
)
# Words after a protein's name that make the phrase a domain or motif named after it: "Src homology
# 2 domain", "pleckstrin homology domain", "EGF-like repeats", "fibronectin type III-like domains".
_DOMAIN_WORDS = frozenset(
    {"domain", "domains", "repeat", "repeats", "motif", "motifs", "module", "modules", "fold", "folds"}
)
# Words of likeness or association between a protein's name and the head noun of another
# protein named after it ("Src-like adapter protein", "TNF receptor-associated protein").
_LIKENESS_WORDS = frozenset(
    {"like", "associated", "related", "inducible", "interacting", "binding"}
)  # not "containing": "RelA containing NF-kappaB" names RelA
_PROTEIN_HEAD = re.compile(
    r"(?:protein|factor|kinase|adapter|adaptor|peptide|molecule|receptor|phosphatase|ligand|lipase|"
    r"glycoprotein|subunit)s?(?:-\d+[a-z]?)?"
)
# A comparison sign in a span: a statistic ("P=.01", "P<0.05", "r = 0.4"), never a gene's name.
_STATISTIC = re.compile(r"[=<>≤≥]")


def _names_domain(lowers: list[str], end: int) -> bool:
    """Whether the name ending before ``end`` is followed by words making it a domain's name.

    "Src homology (SH) 3 domain" and "pleckstrin homology domain" name a
    domain by homology to a protein; "EGF-like repeat" and "fibronectin type
    III-like domains" name a domain or motif by likeness to one (``-like``
    within three words, then a word for a domain or motif within two).
    Neither mentions the protein itself.
    """
    following = lowers[end : end + 6]
    if following[:1] == ["homology"]:
        return True
    for k, word in enumerate(following[:4]):
        if word == "like" or word.endswith("-like"):
            return not _DOMAIN_WORDS.isdisjoint(following[k + 1 : k + 3])
    return False


def _modifies_protein(lowers: list[str], end: int) -> bool:
    """Whether the name ending before ``end`` only modifies the name of another protein.

    "Src-like adapter protein", "dystrophin-associated glycoprotein",
    "interferon gamma (IFN-gamma)-inducible protein 10", "Ena/VASP-like
    protein", "urokinase plasminogen activator receptor related protein-1":
    a word of likeness or association (``-like``, ``-associated``,
    ``-related``, ``-inducible``, ``-interacting``, ``-binding``), after
    the name or its bracketed short form, then a protein's head noun
    within two words. The phrase names another gene,
    not the one whose name it holds. Participles of an experiment
    ("EGF-stimulated kinase activity", "TNF-induced protein") are not
    concerned.
    """
    k = end
    if k < len(lowers) and lowers[k] == "(":
        close = next((j for j in range(k + 1, min(k + 6, len(lowers))) if lowers[j] == ")"), None)
        if close is None:
            return False
        k = close + 1
    if k < len(lowers) and lowers[k] == "-":
        k += 1
    if k >= len(lowers):
        return False
    word = lowers[k].rsplit(")", 1)[-1].lstrip("-")  # "(ifn-gamma)-inducible", "-associated"
    if word not in _LIKENESS_WORDS:
        return False
    return any(_PROTEIN_HEAD.fullmatch(head) for head in lowers[k + 1 : k + 3])


# A species word directly before a name says whose gene it is ("human STAT3" in a mouse paper).
# What a token holding a gene name this way has: a digit, a marker sign or a hyphen.
_GENE_TOKEN_HINT = re.compile(r"[\d+(-]")
# T-helper subsets and antibody isotypes written like markers ("Th17+", "IgG1+ B cells"): labels
# of cells, not genes.
_CELL_LABEL = re.compile(r"Th\d+|Tc\d+|Ig[ADEGM]\d?[a-c]?")
_SPECIES_ADJECTIVES = {"human": HUMAN, "mouse": MOUSE, "murine": MOUSE, "rat": RAT}


def _possessive(rows: list[tuple[str, bool, bool, bool]], i: int) -> bool:
    """Whether the token at ``i`` is a possessive apostrophe inside a name ("Graves' disease").

    An apostrophe written straight after a word ending in "s" and followed by
    another word is no quotation mark; ``rows`` holds (text, is_space,
    function word, glued to the next token) per token.
    """
    return (
        rows[i][0] == "'"
        and 0 < i < len(rows) - 1
        and rows[i - 1][3]
        and rows[i - 1][0][-1:] in ("s", "S")
        and not rows[i][3]
        and rows[i + 1][0][:1].isalpha()
    )


def _ends_name(rows: list[tuple[str, bool, bool, bool]], i: int) -> bool:
    """Whether the letter with a full stop at ``i`` ends a name after a lower-case word ("hepatitis C.").

    A person's initial follows a capitalised name or a function word ("by J. Smith"), not
    a content word written in lower case; the letter is not glued to that word.
    """
    if i == 0 or not rows[i][0][0].isupper():
        return False
    before = rows[i - 1][0]
    return before.isalpha() and before.islower() and not rows[i - 1][2] and not rows[i - 1][3]


def _token_rows(
    rows: list[tuple[str, bool, bool, bool]], british: bool
) -> tuple[list[str], list[bool], list[bool], list[bool], list[int], list[str | None], set[int]]:
    """What :meth:`VocabularyEntityMatcher._candidates` reads of each token of ``rows`` (see _possessive).

    Its key; whether no name runs across it (a break); whether a name of
    several tokens may not start or end with it ("The G" is no THEG, "cluster
    in" no clusterin; "vitamin A" and "IL-2" still match); its brackets'
    balance; and, when ``british`` (the text may hold British spellings), its
    American key ("Tumour" -> "Tumor", ``None`` for a word spelt the same: a
    run the British spelling does not match is tried the American way); and the
    positions of a name's last letter kept with the sentence's full stop
    ("hepatitis C."), after which no run goes on.
    """
    facts = [_TOKEN_FACTS.get(row[0]) or _token_facts(row[0]) for row in rows]
    breaks = []
    last = len(rows) - 1
    # A name's letter with the sentence's full stop ends a run; none runs on past it ("I. P").
    # ("C. elegans": a genus initial, which a lower-case word follows, is neither.)
    finals = {
        i
        for i, fact in enumerate(facts)
        if fact[2]
        and len(rows[i][0]) == 2
        and not (rows[i + 1][0] if i < last else "").islower()
        and _ends_name(rows, i)
    }
    for i, (text, is_space, _, _) in enumerate(rows):
        _, in_breaks, initials, statistic, _, _, _, _ = facts[i]
        breaks.append(
            (in_breaks and not _possessive(rows, i))
            or is_space
            # A person's initials ("H.P.", "A. C."), never part of a name; "E. coli" is a genus initial,
            # and a sentence ending in a name's letter ("for chronic hepatitis C. A 63-year-old") has
            # the tokenizer keep the full stop on the letter after a word of the name.
            or (
                initials
                and (len(text) > 2 or not (rows[i + 1][0] if i < last else "").islower())
                and i not in finals
            )
            or statistic  # "P=.01": a statistic, not a name
        )
    return (
        [fact[0] for fact in facts],
        breaks,
        [fact[4] for fact in facts],
        [fact[5] for fact in facts],
        [fact[6] for fact in facts],
        [fact[7] for fact in facts] if british else [],
        finals,
    )


_TOKEN_FACTS: dict[str, tuple[str, bool, bool, bool, bool, bool, int, str | None]] = {}
_TOKEN_FACTS_SIZE = 200_000  # distinct token texts whose facts are kept


def _token_facts(text: str) -> tuple[str, bool, bool, bool, bool, bool, int, str | None]:
    """What :func:`_token_rows` reads from a token's text alone, remembered.

    Its key, whether it is a break (before the possessive check), shaped like
    initials (before the next word's check), a statistic, whether a name may
    not start with it, nor end with it, its brackets' balance and its American
    key. Papers repeat their words: these were computed for every token of
    every paper.
    """
    edge = text.lower() in STOP_WORDS
    facts = (
        cased_key(text),
        text in _BREAKS,
        "." in text and _INITIALS.fullmatch(text) is not None,
        "=" in text or "<" in text or ">" in text,
        edge and not text.isupper(),
        edge and text.islower(),
        text.count("(") - text.count(")") if "(" in text or ")" in text else 0,
        None if (us := american_spelling(text)) is text else cased_key(us),
    )
    if len(_TOKEN_FACTS) >= _TOKEN_FACTS_SIZE:
        _TOKEN_FACTS.clear()
    _TOKEN_FACTS[text] = facts
    return facts


_CURATED_ONLY: dict[Path | None, Lexicon] = {}


def _curated_only(vocabulary_path: Path | None) -> Lexicon:
    if vocabulary_path not in _CURATED_ONLY:
        _CURATED_ONLY[vocabulary_path] = Lexicon(None, vocabulary_path)
    return _CURATED_ONLY[vocabulary_path]
