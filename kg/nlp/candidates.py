"""A run of tokens the dictionary matcher found, with its groundings (best first)."""

from __future__ import annotations

from dataclasses import dataclass

from kg.lexicon.store import Grounding

__all__ = ["Candidate"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """Tokens ``start:end`` of a Doc, the lexicon's groundings for them and the rule that found them."""

    start: int
    end: int
    groundings: tuple[Grounding, ...]
    source: str

    @property
    def best(self) -> Grounding:
        """The first (highest-ranked) grounding."""
        return self.groundings[0]
