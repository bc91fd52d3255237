"""Lossless JSON encoding of the records one document contributes to the graph.

Used by the per-document extraction cache and to ship results back from
worker processes and Dask workers. Decoding follows the dataclass type hints
of :mod:`kg.model`, so fields added there later are handled without changes
here. ``decode(encode(x)) == x`` for every record (floats round-trip exactly).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from enum import Enum
from functools import cache
from typing import Any

from kg.model import Assertion, Concept, Mention, MentionLink

__all__ = ["ExtractionParts", "decode_parts", "encode_parts"]

_KINDS = {"concepts": Concept, "mentions": Mention, "links": MentionLink, "assertions": Assertion}


@dataclasses.dataclass(frozen=True, slots=True)
class ExtractionParts:
    """What one document contributes: its concepts, mentions, paper links and assertions."""

    concepts: tuple[Concept, ...]
    mentions: tuple[Mention, ...]
    links: tuple[MentionLink, ...]
    assertions: tuple[Assertion, ...]


def encode_parts(parts: ExtractionParts) -> bytes:
    """Return ``parts`` as compact, key-sorted UTF-8 JSON."""
    payload = {name: [_encode(item) for item in getattr(parts, name)] for name in _KINDS}
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def decode_parts(payload: bytes) -> ExtractionParts:
    """Inverse of :func:`encode_parts`.

    Raises
    ------
    ValueError
        The payload is not an encoding of :class:`ExtractionParts`.
    """
    try:
        data = json.loads(payload)
        return ExtractionParts(
            **{name: tuple(_decode(kind, item) for item in data[name]) for name, kind in _KINDS.items()}
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"not an extraction record ({error})") from None


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {field.name: _encode(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [_encode(item) for item in value]
    return value


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def _decode(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(kind) if option is not type(None)]
        return _decode(options[0], value)
    if origin is tuple:
        item_kind = typing.get_args(kind)[0]
        return tuple(_decode(item_kind, item) for item in value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        return kind(**{name: _decode(hints[name], item) for name, item in value.items()})
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    return value
