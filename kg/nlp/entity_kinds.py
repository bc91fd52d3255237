"""Category sets and name shapes the entity matcher and its helpers share."""

from __future__ import annotations

import re

GENE_LIKE = frozenset(
    {"biolink:Gene", "biolink:GeneFamily", "biolink:MacromolecularComplex", "biolink:Protein"}
)
# A word that marks a long form as a gene product's name, whatever grounds it: a number, a Greek
# letter, an acronym ("IFN", "IAP"), a word for a kind of protein or an enzyme's "-ase".
PROTEIN_NAME_SIGN = re.compile(
    r"\d|alpha|beta|gamma|delta|kappa|epsilon|zeta|theta|lambda|sigma|omega"
    r"|factor|protein|kinase|receptor|ligand|gene|antigen|chain|subunit|homolog|inhibitor|enzyme"
    r"|peptide|hormone|channel|transporter|regulator|activator|ases?$|ins?$",
    re.IGNORECASE,
)
ACRONYM_SIGN = re.compile(r"[A-Z][^a-z]*[A-Z]")
# A lower-case prefix before capitals ("iNOS", "hTERT", "pRb"): how gene products are written.
GENE_STYLE = re.compile(r"[a-z]{1,2}[A-Z]{2}|[a-z][A-Z][a-z]")
DISEASES = frozenset({"biolink:Disease", "biolink:PhenotypicFeature"})
CHEMICALS = frozenset({"biolink:ChemicalEntity", "biolink:Drug", "biolink:SmallMolecule"})
