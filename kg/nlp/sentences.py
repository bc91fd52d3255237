"""A fast, rule-based sentence splitter for abstracts.

scispaCy's ``pysbd_sentencizer`` re-segments the raw text with pySBD and
took about 90% of the pipeline's time (measured on 1,000 abstracts by
``benchmarks/throughput.py``). Abstracts are regular enough for a few rules
on the tokens our tokenizer already made:

* a line break of two or more newlines ends a sentence (title / abstract);
* ``.``, ``?`` or ``!`` followed by whitespace ends a sentence when the next
  word starts with an upper-case letter, a digit, a bracket or a quote, and
  the token before the stop is not an abbreviation ("et al.", "Fig.",
  "vs.", "e.g.", "i.e.", a single capital initial as in "J. Smith").
"""

from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["ABBREVIATIONS", "split_sentences"]

# Lower-case words that end with a period without ending a sentence.
ABBREVIATIONS = frozenset(
    {
        "al",
        "e.g",
        "i.e",
        "eg",
        "ie",
        "fig",
        "figs",
        "vs",
        "cf",
        "ca",
        "approx",
        "resp",
        "no",
        "nos",
        "vol",
        "ref",
        "refs",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "sp",
        "spp",
        "var",
        "subsp",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "eq",
        "eqs",
    }
)
_STOPS = frozenset({".", "?", "!"})
_OPENERS = frozenset({"(", "[", '"', "“", "'", "‘"})


def _starts_sentence(text: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or first in _OPENERS


def split_sentences(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on every token of ``doc`` and return it.

    Parameters
    ----------
    doc
        A tokenized document (pre-set sentence starts are overwritten).
    """
    if not len(doc):
        return doc
    doc[0].is_sent_start = True
    starts_next = False
    for i in range(1, len(doc)):
        token, previous = doc[i], doc[i - 1]
        if starts_next and not token.is_space:
            token.is_sent_start = True
            starts_next = False
            continue
        if previous.is_space and previous.text.count("\n") >= 2 and not token.is_space:
            token.is_sent_start = True
            starts_next = False
            continue
        token.is_sent_start = False
        if token.text in _STOPS and (token.whitespace_ or i + 1 == len(doc) or doc[i + 1].is_space):
            starts_next = i + 1 < len(doc) and _opens_sentence(doc, i)
        elif token.text.endswith(".") and len(token.text) > 1 and token.whitespace_:
            # The tokenizer kept the period on the word ("e.g.", "approx."): an abbreviation,
            # unless the next word clearly opens a new sentence and this is not a known one.
            bare = token.text[:-1].lower()
            starts_next = bare not in ABBREVIATIONS and i + 1 < len(doc) and _opens_sentence(doc, i)
    return doc


def _opens_sentence(doc: Doc, stop: int) -> bool:
    """Whether the stop at token ``stop`` ends a sentence, judged by its neighbours."""
    following = next((token for token in doc[stop + 1 :] if not token.is_space), None)
    if following is None or not _starts_sentence(following.text):
        return False
    if doc[stop].text != ".":
        return True
    before = doc[stop - 1] if stop > 0 else None
    if before is None:
        return True
    word = before.text.lower().rstrip(".")
    if word in ABBREVIATIONS:
        return False
    # "J. Smith", "U.S. Food": a single capital initial before the period.
    return not (len(before.text) == 1 and before.text.isupper() and not before.whitespace_)
