"""scispaCy's abbreviation detector, with its bracket matches found without spaCy's ``Matcher``.

The detector (``scispacy.abbreviation.AbbreviationDetector``) asks a spaCy
``Matcher`` for every ``(`` ... ``)`` with at least one token inside
(pattern ``[{"ORTH": "("}, {"OP": "+"}, {"ORTH": ")"}]``) in each paper.
The ``Matcher`` walks every token of the paper through its state machine;
the same matches, in the same order, come from one pass over the token
texts (about a tenth of the time). :func:`use_fast_parentheses` puts
:class:`ParenthesisMatcher` in the detector's place for its ``Matcher``; the
detector's own code, and the rest of what it does, are unchanged.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from kg.nlp.extensions import token_texts

__all__ = ["PARENTHESIS_PATTERN", "ParenthesisMatcher", "use_fast_parentheses"]

#: The one pattern scispaCy's detector gives its ``Matcher`` (under the key "parenthesis").
PARENTHESIS_PATTERN = [{"ORTH": "("}, {"OP": "+"}, {"ORTH": ")"}]


class ParenthesisMatcher:
    """The matches of a ``Matcher`` holding only :data:`PARENTHESIS_PATTERN`, found directly.

    Parameters
    ----------
    matcher
        The detector's ``Matcher``; anything but a plain call on a ``Doc``
        is passed to it.
    """

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self._key = matcher.vocab.strings["parenthesis"]

    def __call__(self, doclike: Any, *args: Any, **kwargs: Any) -> Any:
        """``(key, start, end)`` of each bracketed run, in the ``Matcher``'s order.

        The ``Matcher`` lists the matches by their end, and those with the
        same end from the innermost ``(`` out (tests compare the two).
        """
        if args or kwargs or not isinstance(doclike, Doc):
            return self.matcher(doclike, *args, **kwargs)
        key = self._key
        found: list[tuple[int, int, int]] = []
        opens: list[int] = []
        for end, text in enumerate(token_texts(doclike)):
            if text == ")":
                # Innermost first; a "(" right before this ")" encloses nothing.
                found.extend((key, start, end + 1) for start in reversed(opens) if start < end - 1)
            elif text == "(":
                opens.append(end)
        return found

    def __len__(self) -> int:
        return len(self.matcher)


def use_fast_parentheses(nlp: Language) -> int:
    """Give each scispaCy abbreviation detector of ``nlp`` a :class:`ParenthesisMatcher`.

    Only a detector whose ``Matcher`` holds exactly :data:`PARENTHESIS_PATTERN`
    is changed; calling this again changes nothing.

    Returns
    -------
    int
        How many detectors were changed.
    """
    from scispacy.abbreviation import AbbreviationDetector

    changed = 0
    for _name, component in nlp.pipeline:
        if not isinstance(component, AbbreviationDetector) or not isinstance(component.matcher, Matcher):
            continue
        matcher = component.matcher
        if len(matcher) == 1 and "parenthesis" in matcher:
            _on_match, patterns = matcher.get("parenthesis")
            if patterns == [PARENTHESIS_PATTERN]:
                component.matcher = ParenthesisMatcher(matcher)
                changed += 1
    return changed
