"""Exceptions raised by the input readers in :mod:`kg.sources`."""

from __future__ import annotations

__all__ = ["SourceError", "UnparsableInput", "UnreadableInput"]


class SourceError(Exception):
    """Base class: a file that cannot be turned into a :class:`kg.model.Document`.

    The message always names the file, so it can be shown to the user as is.
    """


class UnreadableInput(SourceError):
    """The file cannot be read as text (missing, empty, binary, not UTF-8, too large)."""


class UnparsableInput(SourceError):
    """The file is text, but no title or abstract could be found in it."""
