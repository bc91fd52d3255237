"""scispaCy's rule tokenizer, extended so that entity names inside compounds are tokens.

scispaCy keeps hyphenated and slashed compounds whole (``anti-IL-6``,
``IL-6-mediated``, ``gp130/IL6ST``, ``×LysM``), which hides the entity name
from a token-based matcher. We add a few infix and prefix rules on top of
``scispacy.custom_tokenizer.combined_rule_tokenizer``, and one suffix rule that splits a
sentence-final period from names such as ``NF-kappaB.``; everything else is scispaCy's behaviour.
"""

from __future__ import annotations

import warnings
from types import SimpleNamespace

from scispacy.custom_tokenizer import combined_rule_tokenizer
from spacy.lang.char_classes import ALPHA_LOWER, ALPHA_UPPER
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

__all__ = ["CHUNK_CACHE_SIZE", "COMPOUND_SUFFIX_WORDS", "build_tokenizer"]

# Words that follow an entity name after a hyphen: "IL-6-mediated", "CD8-positive".
COMPOUND_SUFFIX_WORDS = (
    "activated|associated|bearing|binding|blocking|deficient|dependent|derived|driven|"
    "expressing|independent|induced|infiltrating|knockout|like|mediated|negative|"
    "positive|producing|related|resistant|responsive|secreting|sensitive|signaling|"
    "signalling|specific|stimulated|targeted|targeting|treated"
)

# spaCy keeps the tokens of at most 10,000 distinct whitespace-separated chunks ("(IL-6)",
# "cells."), and splits every later one with the prefix, suffix and infix regexes again each
# time it is met: 1,000 abstracts hold about 40,000 distinct chunks. Kept tokens are the ones
# splitting gives (the same Doc); each costs about 100 bytes, so this bounds the cache to tens of MB.
CHUNK_CACHE_SIZE = 250_000

_EXTRA_INFIXES = [
    # "IL-6-mediated" -> "IL-6", "-", "mediated"
    rf"-(?=(?i:{COMPOUND_SUFFIX_WORDS})\b)",
    # "anti-IL-6", "pro-angiogenic", "non-small" -> prefix, "-", rest
    r"(?<=\banti)-(?=\w)",
    r"(?<=\bAnti)-(?=\w)",
    r"(?<=\bpro)-(?=\w)",
    # "gp130/IL6ST", "IL-6/IL-6R" -> split on slash between alphanumerics
    r"(?<=[A-Za-z0-9α-ωΑ-Ω])/(?=[A-Za-z0-9α-ωΑ-Ω])",
    # "TC-1.IL-6" -> "TC-1", ".", "IL-6"
    r"(?<=[0-9])\.(?=[A-Z])",
    # "(IL)-6" keeps working as "(", "IL", ")", "-6"
    r"\)(?=-[0-9])",
]

_EXTRA_SUFFIXES = [
    # "NF-kappaB.", "IgA.", "pH." -> name, ".": scispaCy splits a final period after a capital
    # only when a capital or digit precedes it, so a lowercase-capital ending kept its period and
    # the name went unmatched. A lone capital ("E. coli", "protein A.") still keeps its period.
    rf"(?<=[{ALPHA_LOWER}][{ALPHA_UPPER}])\.",
]


def build_tokenizer(nlp: Language) -> Tokenizer:
    """Return scispaCy's tokenizer with il6-kg's extra compound-splitting and period rules.

    Parameters
    ----------
    nlp
        The pipeline whose vocabulary the tokenizer uses.

    Returns
    -------
    spacy.tokenizer.Tokenizer
        A tokenizer; it is also what :func:`kg.load_pipeline` installs.
    """
    # A tokenizer compiles its ~1,400 special cases again whenever a rule changes (a third of
    # a second each): scispaCy's is made without spaCy's exceptions, which it would compile
    # for nothing, and ours once, with its rules, our patterns and those exceptions.
    token_match = nlp.tokenizer.token_match if hasattr(nlp, "tokenizer") else nlp.Defaults.token_match
    with warnings.catch_warnings():
        # spaCy warns about a character class in scispaCy's own prefix regex.
        warnings.simplefilter("ignore", FutureWarning)
        scispacy = combined_rule_tokenizer(_TokenizerHost(nlp, token_match))  # type: ignore[arg-type]
        infix_patterns = [_regex_source(scispacy.infix_finditer), *_EXTRA_INFIXES]
        prefix_patterns = [_regex_source(scispacy.prefix_search), "×"]
        suffix_patterns = [_regex_source(scispacy.suffix_search), *_EXTRA_SUFFIXES]
        return Tokenizer(
            nlp.vocab,
            {**nlp.Defaults.tokenizer_exceptions, **scispacy.rules},  # as scispaCy joins them
            prefix_search=compile_prefix_regex(prefix_patterns).search,
            suffix_search=compile_suffix_regex(suffix_patterns).search,
            infix_finditer=compile_infix_regex(infix_patterns).finditer,
            token_match=token_match,
            max_cache_size=CHUNK_CACHE_SIZE,
        )


class _TokenizerHost:
    """The attributes scispaCy's tokenizer factory reads, with no tokenizer exceptions.

    (``nlp.tokenizer`` does not exist yet while spaCy constructs the pipeline from its config.)
    """

    def __init__(self, nlp: Language, token_match) -> None:
        self.vocab = nlp.vocab
        self.Defaults = SimpleNamespace(tokenizer_exceptions={})
        self.tokenizer = SimpleNamespace(token_match=token_match)


def _regex_source(bound_method) -> str:
    """Return the pattern string behind a compiled regex's bound method."""
    return bound_method.__self__.pattern
