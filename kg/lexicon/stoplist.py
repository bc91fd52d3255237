"""Surface forms a generated entry may not match on its own.

Gene symbols, aliases and abbreviations that are also English words or
everyday lab/clinical acronyms (``CAT``, ``SET``, ``MICE``, ``T``,
``IMPACT``, ``PCR``, ``ICU`` ...). Curated vocabulary entries and
abbreviations defined in the document itself are not filtered: a paper that
writes "catalase (CAT)" gets CAT grounded through its long form.
Keys are :func:`kg.lexicon.normalize.key` forms (lower case, no punctuation).
"""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["ENGLISH_STOPLIST", "STOPLIST", "SYMBOL_STOPLIST"]

_AMBIGUOUS = """
a an t b c d e f g h i j k l m n o p q r s u v w x y z cat set mice impact max rest camp was arms
caps cell cells gene genes protein proteins can has had not are and for the all any end gap pan top
ion hit lamp mask map mars men man women woman aim bad big cap car cut bid cry dam fat fix gas
hip hr ii iii iv via mix net pig rat ray red sad sex sip sun tag tan tip via war wars wt ko wt1a ii
dna rna mrna cdna pcr rtpcr qpcr elisa facs mri ct pet ecg ekg icu bmi ci sd sem or hr rr ros ph no
co hb cd ab ag ig igg igm iga ige il ifn tgf ip mg kg ml mm nm um kda bp kb mb ph vs et al fig
figs table tables age aged ages age-related cure type types mg per pre post control controls normal
patients patient study studies case cases data result results complex family member members factor
factors receptor receptors ligand ligands kinase kinases activity expression level levels role roles
effect effects response responses growth signal signals signaling signalling pathway pathways mutant
mutants wildtype early late light dark large small high low long short fast slow open close drug
drugs agent agents compound compounds treatment therapy animal animals organism organisms ca2 mg2
zn2 fe2 fe3 cu2 mn2 na k cl ala arg asn asp cys gln glu gly his ile leu lys met phe pro ser thr trp
tyr val sec pyl zeta beta alpha gamma delta kappa sigma omega pep rfc sci mad proc fish orf str
park van tax
"""


def _words(text: str) -> list[str]:
    return text.split()


# Generic words no curator grounds on their own ("the disease", "this syndrome", an
# "injury" of no organ), the aspect nouns the relation rules read as qualifiers ("STAT3
# phosphorylation"), and "lead", which in prose is the verb far more often than the metal
# ("lead poisoning" still matches as a whole). An "invasion" or "infiltration" of nothing named
# is a cell assay's or immune cells' movement far more often than MeSH's Neoplasm
# Invasiveness, which the grounding map gives the bare words ("neoplasm invasion" still matches);
# an "inversion" of nothing named (a T wave's, a ratio's) is no chromosome inversion disorder
# ("chromosomal inversion" still matches).
# Class words ChEBI and MeSH list as entities (roles such as "activator" and "agonist" too)
# ("group", "antigen", "enzyme", "biomarker", "probe") name no particular substance, nor do
# the chemical class words ("acid", "salt", "lipid", "hormone", "metal", "substance"); "non"
# is a prefix ("non-smokers"), never neon; ChEBI's roles "donor" and "acceptor" are in prose
# blood and cell donors ("healthy donors"). "eye drop(s)" is the dosage form, never MeSH's
# Blepharoptosis (an entry term of which the generated layer reads the plural "eye drops"), and
# "birth weight" / "birthweight" is a measurement as its parent heading Body Weight is, which the
# lexicon files under no disease ("infant birth weight", "matched for birth weight"). "Drug
# withdrawal" is stopping a drug ("symptoms regressed after drug withdrawal", "cell recovery after
# drug withdrawal": every use in BC5CDR and the abstract pool), not MONDO's substance withdrawal
# syndrome, whose synonym it is ("withdrawal syndrome", "withdrawal symptoms" still match).
# A chromosome's rearrangement or loss that names no chromosome (a translocation, a breakage, a
# deletion, an isochromosome, a trisomy or monosomy, a tetraploid cell, a nondisjunction) and a
# genome's instability are genetic events, which MeSH files among genetic phenomena as well as
# pathological conditions: in prose a tumour's or a cell's mechanism ("chromosomal translocations
# activate the gene", "monosomy of the X"), no patient's disease (none of the four gold corpora
# annotates one). "Trisomy 21", "monosomy 7", "aneuploidy", "chromosomal instability" and
# "chromosome aberrations", which name a disease or which the corpora annotate, still match.
_GENERIC = """
disease diseases disorder disorders syndrome syndromes condition conditions infection infections
illness illnesses lesion lesions abnormality abnormalities deficiency deficiencies
phosphorylation expression secretion activity abundance synthesis localization localisation
production translocation transcription degradation release molecule molecules
role roles effector effectors protein proteins compound compounds agent agents drug drugs
inhibitor inhibitors activator activators agonist agonists antagonist antagonists ligand ligands substrate
substrates metabolite metabolites mediator mediators
injury injuries damage recurrence lead leads invasion invasions infiltration infiltrations
inversion inversions
group groups cluster clusters antigen antigens adjuvant adjuvants enzyme enzymes isoform isoforms
biomarker biomarkers indicator indicators reagent reagents probe probes label labels nutrient
nutrients element elements clone clones suspension application applications integrate positron
acid acids salt salts lipid lipids hormone hormones electrolyte electrolytes substance substances
metal metals ester esters alkaloid alkaloids solution solutions radionuclide radionuclides non
nucleotide nucleotides aminoacid aminoacids peptide peptides fat fats gel gels
donor donors acceptor acceptors
eyedrop eyedrops birthweight birthweights drugwithdrawal drugwithdrawals
chromosomaltranslocation chromosomaltranslocations chromosometranslocation chromosometranslocations
genomicinstability genomeinstability chromosomebreakage chromosomebreakages chromosomalbreakage
chromosomalbreakages chromosomedeletion chromosomedeletions chromosomaldeletion chromosomaldeletions
isochromosome isochromosomes trisomy trisomies monosomy monosomies tetraploid tetraploids nondisjunction
"""
# spaCy's English stop words as keys ("n't" -> "nt"): function words, no grounding policy.
ENGLISH_STOPLIST = frozenset(word.lower().replace("-", "").replace("'", "") for word in STOP_WORDS)
# Never matched by a generated entry, whatever its category.
STOPLIST = ENGLISH_STOPLIST | frozenset(
    _words("a b c d e f g h i j k l m n o p q r s t u v w x y z " + _GENERIC)
)
# Not matched by generated gene, protein, family, cell-line and cell entries
# (the categories whose symbols collide with words and lab acronyms).
SYMBOL_STOPLIST = STOPLIST | frozenset(word.lower() for word in _words(_AMBIGUOUS))
