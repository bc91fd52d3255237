"""CURIE <-> IRI conversion with the Biolink Model prefix map (via ``curies``)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import curies
from rdflib import Namespace, URIRef

__all__ = ["BIOLINK", "IL6KG", "PROJECT_PREFIXES", "converter", "curie_to_iri", "iri_to_curie"]

BIOLINK = Namespace("https://w3id.org/biolink/vocab/")
# il6-kg's own schema terms (properties and classes Biolink lacks); see ontology/il6kg.ttl.
IL6KG = Namespace("https://w3id.org/il6-kg/schema#")

# Identifiers il6-kg mints itself.
PROJECT_PREFIXES = {
    "il6kg": str(IL6KG),
    "IL6KG": "https://w3id.org/il6-kg/concept/",
    "kgtext": "https://w3id.org/il6-kg/text/",
    "kgdoc": "https://w3id.org/il6-kg/document/",
    "kgedge": "https://w3id.org/il6-kg/assertion/",
    "kgev": "https://w3id.org/il6-kg/evidence/",
    "kgconflict": "https://w3id.org/il6-kg/conflict/",
    # Sequence variants dbSNP does not name (kg.nlp.variants): tmVar's notation, gene first.
    "kgvariant": "https://w3id.org/il6-kg/variant/",
    # Cell lines: Biolink's map has no Cellosaurus prefix; this is Bioregistry's.
    "cellosaurus": "https://www.cellosaurus.org/CVCL_",
    # FamPlex protein families and complexes (Bioregistry's URI format).
    "FPLX": "https://identifiers.org/fplx:",
}


@lru_cache(maxsize=1)
def converter() -> curies.Converter:
    """Return the converter: Biolink's prefix map plus il6-kg's own prefixes.

    Biolink's map gives a few URI prefixes two names (``icd11`` and
    ``icd11.foundation``); the first name in sorted order is kept.
    """
    path = resources.files("biolink_model") / "prefixmaps" / "biolink-model-prefix-map.json"
    prefix_map = json.loads(path.read_text(encoding="utf-8"))
    prefix_map.update(PROJECT_PREFIXES)
    seen: set[str] = set()
    unique = {}
    for prefix in sorted(prefix_map):
        uri_prefix = prefix_map[prefix]
        if uri_prefix not in seen:
            seen.add(uri_prefix)
            unique[prefix] = uri_prefix
    return curies.Converter.from_prefix_map(unique)


@lru_cache(maxsize=262_144)  # a build expands the same few thousand CURIEs again and again
def curie_to_iri(curie: str) -> URIRef:
    """Expand a CURIE to an IRI.

    Raises
    ------
    ValueError
        If the prefix is unknown to the Biolink map and to il6-kg.
    """
    prefix, colon, identifier = curie.partition(":")
    namespace = _namespace(prefix) if colon else None
    if namespace is None:
        raise ValueError(f"unknown CURIE prefix in {curie!r}")
    return URIRef(namespace + identifier)


_PROBE = "0"


@lru_cache(maxsize=4096)
def _namespace(prefix: str) -> str | None:
    """The IRI prefix of ``prefix`` (one converter call per prefix: each call costs 0.3 ms).

    The converter expands a CURIE to the IRI prefix followed by the local
    identifier unchanged, so expanding a probe identifier and cutting it off
    gives the IRI prefix (synonym and case handling included).
    """
    iri = converter().expand(f"{prefix}:{_PROBE}")
    return None if iri is None else iri.removesuffix(_PROBE)


def iri_to_curie(iri: str) -> str:
    """Compress an IRI to a CURIE, or return it unchanged if no prefix fits."""
    return converter().compress(str(iri)) or str(iri)
