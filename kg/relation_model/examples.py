"""Model input from gold PubTator documents and from spaCy entities."""

from __future__ import annotations

from kg.relation_model.features import Mention, PairCandidate, document_pairs
from kg.relation_model.model import NO_RELATION
from kg.relation_model.pubtator import PubTatorDocument

__all__ = ["BIOLINK_TO_BIORED", "document_examples", "pubtator_mentions"]

# Our Biolink categories seen as BioRED entity types (the rest have no counterpart).
BIOLINK_TO_BIORED = {
    "biolink:Gene": "GeneOrGeneProduct",
    "biolink:Protein": "GeneOrGeneProduct",
    "biolink:GeneFamily": "GeneOrGeneProduct",
    "biolink:ProteinFamily": "GeneOrGeneProduct",
    "biolink:MacromolecularComplex": "GeneOrGeneProduct",
    "biolink:GeneProduct": "GeneOrGeneProduct",
    "biolink:ChemicalEntity": "ChemicalEntity",
    "biolink:SmallMolecule": "ChemicalEntity",
    "biolink:Drug": "ChemicalEntity",
    "biolink:MolecularMixture": "ChemicalEntity",
    "biolink:ChemicalRole": "ChemicalEntity",
    "biolink:Disease": "DiseaseOrPhenotypicFeature",
    "biolink:PhenotypicFeature": "DiseaseOrPhenotypicFeature",
    "biolink:DiseaseOrPhenotypicFeature": "DiseaseOrPhenotypicFeature",
    "biolink:SequenceVariant": "SequenceVariant",
    "biolink:OrganismTaxon": "OrganismTaxon",
    "biolink:CellLine": "CellLine",
}


def pubtator_mentions(document: PubTatorDocument) -> list[Mention]:
    """The gold mentions of a PubTator document as model input."""
    return [Mention(m.start, m.end, m.type, m.ids) for m in document.mentions if m.ids]


def document_examples(
    document: PubTatorDocument, allowed: frozenset[tuple[str, str]]
) -> tuple[list[PairCandidate], list[str], list[bool | None]]:
    """Candidate pairs of ``document`` with their gold labels and novelty."""
    gold: dict[tuple[str, str], tuple[str, bool | None]] = {}
    for relation in document.relations:
        gold.setdefault(relation.pair, (relation.type, relation.novel))
    pairs = document_pairs(
        document.text,
        pubtator_mentions(document),
        allowed_type_pairs=allowed,
        boundaries=[len(document.title)],
    )
    labels, novelty = [], []
    for pair in pairs:
        key = (pair.id1, pair.id2) if pair.id1 <= pair.id2 else (pair.id2, pair.id1)
        label, novel = gold.get(key, (NO_RELATION, None))
        labels.append(label)
        novelty.append(novel)
    return pairs, labels, novelty
