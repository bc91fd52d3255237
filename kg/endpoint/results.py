"""SPARQL 1.1 query results (JSON, XML, CSV, TSV) written from pyoxigraph terms.

pyoxigraph can serialise a whole result, but the endpoint caps the number of
rows, so it writes the rows it kept itself; the four formats follow the W3C
SPARQL 1.1 Query Results specifications.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

__all__ = ["FORMATS", "RDF_FORMATS", "negotiate", "write_boolean", "write_solutions"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# Result format name -> media type (first is the default).
FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
# Media types clients send for each format.
_ALIASES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
# CONSTRUCT/DESCRIBE results.
RDF_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def _accepted(accept: str | None) -> list[str]:
    """Media types from an Accept header, best first (stable for equal q)."""
    if not accept:
        return ["*/*"]
    ranked = []
    for position, part in enumerate(accept.split(",")):
        fields = [field.strip() for field in part.split(";")]
        quality = 1.0
        for field in fields[1:]:
            if field.startswith("q="):
                try:
                    quality = float(field[2:])
                except ValueError:
                    quality = 0.0
        if fields[0] and quality > 0:
            ranked.append((-quality, position, fields[0].lower()))
    return [media for _q, _p, media in sorted(ranked)]


def negotiate(accept: str | None, kind: str) -> str | None:
    """Pick a format for a result ``kind`` (``"solutions"`` or ``"graph"``), or ``None`` (406).

    Returns a key of :data:`FORMATS` for solutions and booleans, or a key of
    :data:`RDF_FORMATS` for graphs.
    """
    table = RDF_FORMATS if kind == "graph" else None
    for media in _accepted(accept):
        if media in ("*/*", "application/*", "text/*"):
            if kind == "graph":
                return "text/turtle" if media != "application/*" else "application/n-triples"
            return "json" if media != "text/*" else "csv"
        if table is not None and media in table:
            return media
        if table is None and media in _ALIASES:
            return _ALIASES[media]
    return None


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _csv_term(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return getattr(term, "value", str(term))


def _tsv_term(term: object) -> str:
    # TSV results use the Turtle/N-Triples form of each term (pyoxigraph's str()).
    return "" if term is None else str(term)


def write_solutions(fmt: str, variables: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """Serialise SELECT rows (``None`` = unbound) in ``fmt`` (a key of :data:`FORMATS`)."""
    if fmt == "json":
        bindings = [
            {name: _json_term(term) for name, term in zip(variables, row, strict=True) if term is not None}
            for row in rows
        ]
        document = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
        return json.dumps(document, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
        parts += [f"<variable name={quoteattr(name)}/>" for name in variables]
        parts.append("</head><results>")
        for row in rows:
            parts.append("<result>")
            for name, term in zip(variables, row, strict=True):
                if term is not None:
                    parts.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
            parts.append("</result>")
        parts.append("</results></sparql>\n")
        return "".join(parts).encode("utf-8")
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_csv_term(term) for term in row] for row in rows)
        return buffer.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{name}" for name in variables)]
        lines += ["\t".join(_tsv_term(term) for term in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"unknown result format {fmt!r}")


def write_boolean(fmt: str, value: bool) -> bytes:
    """Serialise an ASK answer in ``fmt``."""
    text = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{text}</boolean></sparql>\n"
        ).encode()
    if fmt == "csv":
        return f"_askResult\r\n{text}\r\n".encode()
    return f"?_askResult\n{text}\n".encode()
