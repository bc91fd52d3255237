"""Which concepts name a broad class (kg.lexicon.classes), read from the committed lexicon."""

import pytest

from kg.lexicon.classes import is_broad_class
from kg.lexicon.store import load_lexicon


@pytest.mark.parametrize(
    ("curie", "broad"),
    [
        ("MESH:D016207", True),  # Cytokines: 15 narrower headings
        ("MESH:D014157", True),  # Transcription Factors
        ("MESH:D050791", True),  # STAT Transcription Factors: STAT1 ... STAT6
        ("MESH:D000998", True),  # Antiviral Agents: a pharmacologic action only
        ("FPLX:Growth_factor", True),  # 50 member genes
        ("FPLX:Integrins", True),
        ("MESH:D016328", False),  # NF-kappa B: four subunits, named as one actor
        ("MESH:D053612", False),  # Janus Kinases
        ("FPLX:ERK", False),
        ("FPLX:MAPK", False),
        ("HGNC:6018", False),  # IL6
        ("MESH:D013755", False),  # Tetradecanoylphorbol Acetate: one chemical
        ("MESH:D009369", False),  # Neoplasms: a disease class is not for this test
        ("MESH:D999999", False),  # unknown
    ],
)
def test_broad_classes(curie, broad):
    assert is_broad_class(load_lexicon(), curie) is broad
