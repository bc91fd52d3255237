"""Reading disease names: coordinated, composed, drug-induced and inherited forms.

Coordinated names ("breast and ovarian cancer") ground the first conjunct
through the shared head; composed names ("nephrotoxicity", "autosomal
recessive disorder") become candidates; a neoplasm's attribute ("recurrence",
"drug resistance") is dropped where no neoplasm is meant; a disease a drug
induces takes MeSH's drug-induced heading where it has one ("drug-induced
hepatitis" is Chemical and Drug Induced Liver Injury, a hypersensitivity to a
drug Drug Hypersensitivity); a disease said to be inherited takes MeSH's
inherited child heading.

See Also
--------
kg.nlp.entities : the spaCy component these rules serve.
kg.nlp.disease_names : word lists and name helpers these rules read.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from kg.lexicon.store import Grounding
from kg.nlp.candidates import Candidate
from kg.nlp.disease_names import (
    composed_disease_names,
    glued_disease_name,
    heredity_modifiers,
    inherited_heading,
)
from kg.nlp.entity_candidates import _BREAKS
from kg.nlp.entity_genes import _GeneReadings
from kg.nlp.entity_kinds import CHEMICALS, DISEASES

_CONJUNCTIONS = frozenset({"and", "or", "/", ","})
# Categories whose names are coordinated ("breast and ovarian cancer") and what the conjunct may be.
_COORDINATED = {
    "biolink:Disease": frozenset({"biolink:Disease", "biolink:PhenotypicFeature"}),
    "biolink:PhenotypicFeature": frozenset({"biolink:Disease", "biolink:PhenotypicFeature"}),
}


class _DiseaseReadings(_GeneReadings):
    """Rules that read candidates as diseases and compose or replace their headings."""

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

    def _interrupted_names(self, doc: Doc, candidates: list[Candidate], texts: list[str]) -> list[Candidate]:
        """Candidates for a disease name its short form interrupts ("von Hippel-Lindau (VHL) disease").

        A paper may define the short form of a name's first words inside the
        name, before its head: "glucose-6-phosphate dehydrogenase (G6PD)
        deficiency", "keratitis-ichthyosis-deafness (KID) syndrome". The
        short form with the head names the disease ("HIV infection" in "human
        immunodeficiency virus (HIV) infection"), failing that the words before
        the bracket (the longest run of up to six that names one with the
        head); the name runs over the bracket from the long form's first word
        (the nearest word before it with the short form's first letter), or
        from the first of the words that name the disease; the short
        form written with the head elsewhere in the paper ("VHL disease") is
        that disease too.
        """
        found: list[Candidate] = []
        by_short: dict[str, tuple[Grounding, ...]] = {}
        for i in range(1, len(texts) - 3):
            if texts[i] != "(" or texts[i + 2] != ")" or texts[i + 3].lower() not in _INTERRUPTED_HEADS:
                continue
            short, head = texts[i + 1], texts[i + 3]
            if not _SHORT_FORM.fullmatch(short):
                continue
            start, groundings = _long_form_start(texts, i, short), ()
            if start is not None:
                groundings = self._disease_groundings(f"{short} {head}")
            for first in range(max(0, i - 6), i) if not groundings else ():
                words = texts[first:i]
                if any(w in _BREAKS or w in "()[]" for w in words) or texts[first].lower() in _FUNCTION_WORDS:
                    continue
                groundings = self._disease_groundings(f"{doc[first:i].text} {head}")
                if groundings:
                    start = first
                    break
            if groundings:
                found.append(Candidate(start, i + 4, groundings, groundings[0].source))
                by_short[short] = groundings
        if by_short:
            for i in range(len(texts) - 1):
                groundings = by_short.get(texts[i])
                if (
                    groundings
                    and texts[i + 1].lower() in _INTERRUPTED_HEADS
                    and (i == 0 or texts[i - 1] != "(")
                ):
                    found.append(Candidate(i, i + 2, groundings, groundings[0].source))
        return candidates + found

    def _glued_diseases(self, texts: list[str], candidates: list[Candidate]) -> list[Candidate]:
        """Candidates for a disease glued to the word after it in one token ("seizure-inducing").

        The token is grounded as the name before the hyphen
        (:func:`kg.nlp.disease_names.glued_disease_name`) where that name's best
        reading is a disease; a token a run already matched keeps its own.
        """
        taken = {i for c in candidates for i in range(c.start, c.end)}
        added = []
        for i, text in enumerate(texts):
            name = None if i in taken else glued_disease_name(text)
            groundings = self._disease_groundings(name) if name else ()
            if groundings:
                added.append(Candidate(i, i + 1, groundings, groundings[0].source))
        return added

    def _disease_groundings(self, text: str) -> tuple[Grounding, ...]:
        """The lexicon's groundings of ``text`` when its best one is a disease, else none."""
        groundings = self.lexicon.ground(text)
        if groundings and groundings[0].category in DISEASES:
            return tuple(groundings)
        return ()


# Heads of a disease name a bracketed short form may come before ("von Hippel-Lindau (VHL) disease").
_INTERRUPTED_HEADS = frozenset(
    {"disease", "diseases", "syndrome", "syndromes", "deficiency", "deficiencies", "disorder", "disorders",
     "infection", "infections"}
)  # fmt: skip
# A short form: a letter, then letters, digits or hyphens, with a capital ("VHL", "G6PD", "C2", "FV").
_SHORT_FORM = re.compile(r"(?=.*[A-Z])[A-Za-z][A-Za-z0-9-]{0,9}")


def _long_form_start(texts: list[str], bracket: int, short: str) -> int | None:
    """The first word of the long form before ``bracket`` that ``short`` abbreviates, if any.

    The nearest of the six words before the bracket that starts with the
    short form's first letter ("Human" for "HIV" in "Human immunodeficiency
    virus (HIV)"), as Schwartz and Hearst's search starts; none past a break.
    """
    for first in range(bracket - 1, max(0, bracket - 6) - 1, -1):
        if texts[first] in _BREAKS or texts[first] in "()[]":
            return None
        if texts[first][:1].lower() == short[:1].lower():
            return first
    return None


# Words no name starts with ("deficiency of the factor V (FV) ...").
_FUNCTION_WORDS = frozenset(
    {"the", "a", "an", "of", "in", "with", "and", "or", "for", "to", "by", "as", "at", "on"}
)


_RECURRENCE_WORDS = frozenset({"recurrence", "recurrences"})
# A disease whose drug-induced form MeSH files under another heading: a hepatitis a drug induces
# is "Chemical and Drug Induced Liver Injury" (entry term "Drug-Induced Hepatitis"), not a child
# of Hepatitis; a subtype ("acute hepatitis", "Hepatitis, Chronic") is concerned too. A psychosis
# a drug induces is "Psychoses, Substance-Induced" (filed under Substance-Related Disorders). A
# parkinsonism a drug or toxin induces is "Parkinson Disease, Secondary" (MeSH: parkinsonism caused
# by drugs, toxins, trauma ...), not the parent "Parkinsonian Disorders"; "Parkinson Disease" itself,
# a sibling, is not concerned.
_DRUG_INJURY_HEADINGS = {
    "Hepatitis": "Chemical and Drug Induced Liver Injury",
    "Psychotic Disorders": "Psychoses, Substance-Induced",
    "Parkinsonian Disorders": "Parkinson Disease, Secondary",
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
