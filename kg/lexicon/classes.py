"""Which concepts name a broad class of genes, proteins or agents rather than one of them.

"Cytokines", "Transcription Factors", "Antibodies" or FamPlex's "Growth_factor"
family are concepts a sentence can be about, but they are not what curated
relation corpora annotate: BioRED marks a class noun only where it stands for
particular genes of the paper, and then with those genes' identifiers. The
trained relation model never saw such a concept as a relation end, and on the
IL-6 abstracts its claims with one were nearly all wrong (a class beside its
own member, "OSM, an IL-6 type cytokine"; see docs/relation-model.md), so it
leaves them out.
"""

from __future__ import annotations

from kg.lexicon.store import Lexicon

__all__ = ["MIN_FAMILY_MEMBERS", "MIN_NARROWER_HEADINGS", "is_action_heading", "is_broad_class"]

# MeSH branches of molecules that have classes: enzymes (D08), proteins (D12),
# biological factors (D23). A heading there is a class when it has at least this
# many narrower headings: Cytokines 15, Transcription Factors 84, Chemokines 6,
# STAT Transcription Factors 6; not NF-kappa B (4), Janus Kinases (4), Interleukin-1 (2).
_MOLECULE_BRANCHES = ("D08", "D12", "D23")
MIN_NARROWER_HEADINGS = 5
# Pharmacologic actions (D27): "Antiviral Agents", "Cyclooxygenase 2 Inhibitors" name a
# role any number of substances play; a heading filed only there is a class.
_ROLE_BRANCH = "D27"
# A FamPlex family of this many genes is a class ("Growth_factor" 50, "Integrins" 27,
# "Chemokine" 14); the signalling families papers name as one actor are smaller
# ("MAPK" 9, "STAT" 7, "AKT" 3, "ERK" 2).
MIN_FAMILY_MEMBERS = 12


def is_broad_class(lexicon: Lexicon, curie: str) -> bool:
    """Whether ``curie`` names a broad class of genes, proteins or agents.

    Parameters
    ----------
    lexicon
        The lexicon holding the concept's MeSH tree numbers or FamPlex members.
    curie
        A concept identifier (``MESH:D016207``, ``FPLX:Growth_factor``, ``HGNC:6018``).

    Returns
    -------
    bool
        True for a MeSH heading of the molecule branches with at least
        :data:`MIN_NARROWER_HEADINGS` narrower headings under one of its tree
        numbers, a heading filed only as a pharmacologic action, or a FamPlex
        family of at least :data:`MIN_FAMILY_MEMBERS` genes; False for every
        other concept (genes, chemicals, diseases, small families).
    """
    if curie.startswith("FPLX:"):
        return len(lexicon.members(curie)) >= MIN_FAMILY_MEMBERS
    if not curie.startswith("MESH:D"):
        return False
    if is_action_heading(lexicon, curie):
        return True
    return any(
        t.startswith(_MOLECULE_BRANCHES) and len(lexicon.mesh_children(t)) >= MIN_NARROWER_HEADINGS
        for t in lexicon.mesh_trees(curie)
    )


def is_action_heading(lexicon: Lexicon, curie: str) -> bool:
    """Whether ``curie`` is a MeSH heading filed only under pharmacologic actions (D27).

    Such a heading names a role any number of substances play ("Antiviral Agents",
    "Angiogenesis Inducing Agents"), not one substance.
    """
    trees = lexicon.mesh_trees(curie) if curie.startswith("MESH:") else ()
    return bool(trees) and all(t.startswith(_ROLE_BRANCH) for t in trees)
