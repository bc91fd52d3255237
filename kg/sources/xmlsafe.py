"""Safe, streaming XML parsing shared by the PubMed and BioC readers.

Parsing goes through :mod:`defusedxml`: a DOCTYPE that declares entities
(internal "billion laughs" or external ``SYSTEM`` entities) is refused, and
nothing is ever fetched from the network. Elements are handed out one record
at a time and cleared afterwards, so a 200 MB PubMed baseline file is read in
bounded memory.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import defusedxml
import defusedxml.ElementTree as SafeET

from kg.sources.errors import UnparsableInput
from kg.sources.formats import open_binary

__all__ = ["iter_records", "text_of"]


def text_of(element: ET.Element | None) -> str:
    """Return all text inside ``element`` (markup such as ``<i>`` dropped), whitespace collapsed."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def iter_records(path: Path, tags: frozenset[str], *, what: str) -> Iterator[ET.Element]:
    """Yield every element of ``path`` whose tag is in ``tags``, then free it.

    Parameters
    ----------
    path
        An XML file, plain or gzip-compressed.
    tags
        Record element names (``{"PubmedArticle"}``); nested records are not expected.
    what
        Name of a record for messages (``"articles"``).

    Raises
    ------
    UnparsableInput
        Malformed or truncated XML (with line and column, and how many records
        were read before), or a DOCTYPE declaring entities. Records yielded
        before the error stay valid.
    """
    name = path.name
    count = 0
    root: ET.Element | None = None
    try:
        with open_binary(path) as stream:
            for event, element in SafeET.iterparse(stream, events=("start", "end"), forbid_dtd=False):
                if root is None:
                    root = element
                if event == "end" and element.tag in tags:
                    count += 1
                    yield element
                    root.clear()  # drop the finished record (and any before it)
    except defusedxml.DefusedXmlException as error:
        raise UnparsableInput(
            f"{name}: refused: the XML declares entities in its DOCTYPE ({type(error).__name__}); "
            "entity expansion is disabled for safety"
        ) from None
    except ET.ParseError as error:
        line, column = error.position
        raise UnparsableInput(
            f"{name}: malformed or truncated XML at line {line}, column {column} "
            f"({_reason(error)}); {count} {what} before that point were read"
        ) from None
    except (OSError, EOFError) as error:
        raise UnparsableInput(
            f"{name}: cannot be read to the end ({error}); {count} {what} were read"
        ) from None
    if root is None:
        raise UnparsableInput(f"{name}: empty XML document")


def _reason(error: ET.ParseError) -> str:
    message = str(error)
    return message.split(":", 1)[0] if ":" in message else message
