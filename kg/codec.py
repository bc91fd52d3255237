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
from collections.abc import Callable
from enum import Enum
from functools import cache
from operator import attrgetter
from typing import Any

from kg.model import Assertion, Concept, Mention, MentionLink

__all__ = ["ExtractionParts", "decode_concepts", "decode_parts", "encode_concepts", "encode_parts"]

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
    payload = {name: _encoder(tuple[kind, ...])(getattr(parts, name)) for name, kind in _KINDS.items()}
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
            **{name: tuple(map(_decoder(kind), data[name])) for name, kind in _KINDS.items()}
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"not an extraction record ({error})") from None


def encode_concepts(concepts: dict[str, Concept | None]) -> bytes:
    """Return CURIE -> concept (``None``: not found) as key-sorted UTF-8 JSON."""
    encode = _encoder(Concept)
    payload = {curie: None if concept is None else encode(concept) for curie, concept in concepts.items()}
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def decode_concepts(payload: bytes) -> dict[str, Concept | None]:
    """Inverse of :func:`encode_concepts`.

    Raises
    ------
    ValueError
        The payload is not such a mapping.
    """
    decode = _decoder(Concept)
    try:
        return {curie: None if item is None else decode(item) for curie, item in json.loads(payload).items()}
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"not a concept record ({error})") from None


@cache
def _encoder(kind: Any) -> Callable[[Any], Any]:
    """A function giving the JSON-ready form of values of type ``kind``, built once per type.

    Records become dicts of their fields. Strings, numbers, ``None``, string
    enums (:class:`kg.model.Aspect` ...) and tuples of those are left as they
    are: ``json.dumps`` writes them as it would their plain values. Walking
    every value's fields generically took 7% of a worker's time.
    """
    encode = _value_encoder(kind)
    return encode if encode is not None else _same


def _same(value: Any) -> Any:
    return value


@cache
def _value_encoder(kind: Any) -> Callable[[Any], Any] | None:
    # None: json.dumps takes such values as they are.
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(kind) if option is not type(None)]
        if len(options) != 1:
            return _generic
        inner = _value_encoder(options[0])
        return None if inner is None else (lambda value: None if value is None else inner(value))
    if origin is tuple:
        item = _value_encoder(typing.get_args(kind)[0])
        return None if item is None else (lambda value: [item(element) for element in value])
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        names = tuple(field.name for field in dataclasses.fields(kind))
        if len(names) < 2:  # attrgetter of one name gives the value, not a tuple
            return _generic
        hints = typing.get_type_hints(kind)
        converted = [
            (name, encoder) for name in names if (encoder := _value_encoder(hints[name])) is not None
        ]
        values = attrgetter(*names)

        def encode_record(value: Any) -> dict[str, Any]:
            record = dict(zip(names, values(value), strict=True))
            for name, encoder in converted:
                record[name] = encoder(record[name])
            return record

        return encode_record
    if isinstance(kind, type) and issubclass(kind, Enum):
        return None if issubclass(kind, str) else (lambda value: value.value)
    if kind in (str, int, float, bool, type(None)):
        return None
    return _generic


def _generic(value: Any) -> Any:
    """The JSON-ready form of any value, walking it (for types the hints do not pin down)."""
    if dataclasses.is_dataclass(value):
        return {field.name: _generic(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [_generic(item) for item in value]
    return value


@cache
def _decoder(kind: Any) -> Callable[[Any], Any] | None:
    """A function decoding JSON values of type ``kind``, or None when the JSON value is already right.

    Built once per type from the type hints (a generic walk of the hints for
    every value made loading 10k cached documents take over a minute).
    """
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(kind) if option is not type(None)]
        inner = _decoder(options[0])
        return None if inner is None else (lambda value: None if value is None else inner(value))
    if origin is tuple:
        item = _decoder(typing.get_args(kind)[0])
        if item is None:
            return tuple
        return lambda value: tuple(item(element) for element in value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        fields = {name: _decoder(hint) for name, hint in hints.items()}
        plain = {name for name, decoder in fields.items() if decoder is None}
        converted = {name: decoder for name, decoder in fields.items() if decoder is not None}

        if not converted:  # every field as JSON gives it (an unknown field: TypeError)
            return lambda value: kind(**value)

        def decode_record(value: dict[str, Any]) -> Any:
            arguments = {name: item for name, item in value.items() if name in plain}
            for name, item in value.items():
                if name not in plain:
                    arguments[name] = converted[name](item)  # KeyError: a field the type lacks
            return kind(**arguments)

        return decode_record
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    return None
