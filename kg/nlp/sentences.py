"""A fast, rule-based sentence splitter for abstracts.

scispaCy's ``pysbd_sentencizer`` re-segments the raw text with pySBD and
took about 90% of the pipeline's time (measured on 1,000 abstracts by
``benchmarks/throughput.py``). Abstracts are regular enough for a few rules
on the tokens our tokenizer already made:

* a line break of two or more newlines ends a sentence (title / abstract);
* ``.``, ``?`` or ``!`` followed by whitespace ends a sentence when the next
  word starts with an upper-case letter, a digit, a bracket or a quote, or is a
  symbol in mixed case ("bFGF", "p38", "miR-155"), and
  the token before the stop is not an abbreviation ("et al.", "Fig.",
  "vs.", "e.g.", "i.e.", a single capital initial as in "J. Smith").
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.tokens import Doc

from kg.nlp.extensions import token_spaces, token_texts

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
    if first.isupper() or first.isdigit() or first in _OPENERS:
        return True
    # A symbol written in mixed case opens a sentence as a capital does: "... by Western blot.
    # bFGF enhances IL-6", "p38 was ...", "miR-155 ...".
    return first.islower() and any(ch.isupper() or ch.isdigit() for ch in text[1:])


def split_sentences(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on every token of ``doc`` and return it.

    Parameters
    ----------
    doc
        A tokenized document (pre-set sentence starts are overwritten).
    """
    if not len(doc):
        return doc
    # Plain lists and one array write: setting ``is_sent_start`` token by token cost
    # about 6 us per token, 7% of the whole pipeline.
    texts = token_texts(doc)
    spaced = token_spaces(doc)
    blank_array = doc.to_array(IS_SPACE)
    blank = blank_array.tolist()
    size = len(texts)
    starts = numpy.full(size, -1, dtype="int64")
    starts[0] = 1
    starts_next = False
    lines_are_paragraphs = _lines_are_paragraphs(texts, blank, numpy.flatnonzero(blank_array).tolist())
    for i in range(1, size):
        text = texts[i]
        if starts_next and not blank[i]:
            starts[i] = 1
            starts_next = False
            continue
        # A blank line always ends a sentence; a line break does when lines are paragraphs
        # and headings ("... in B Cell Lymphomas\nLatent membrane protein 1 is ...").
        if (
            blank[i - 1]
            and not blank[i]
            and "\n" in texts[i - 1]
            and (texts[i - 1].count("\n") >= 2 or (lines_are_paragraphs and _starts_sentence(text)))
        ):
            starts[i] = 1
            starts_next = False
            continue
        if text in _STOPS and (spaced[i] or i + 1 == size or blank[i + 1]):
            starts_next = i + 1 < size and _opens_sentence(texts, spaced, blank, i)
        elif text.endswith(".") and len(text) > 1 and spaced[i]:
            # The tokenizer kept the period on the word ("e.g.", "approx."): an abbreviation,
            # unless the next word clearly opens a new sentence and this is not a known one.
            bare = text[:-1].lower()
            known = bare in ABBREVIATIONS
            starts_next = not known and i + 1 < size and _opens_sentence(texts, spaced, blank, i)
    # spaCy reads attribute arrays as uint64 (-1, "not a start", wraps as it does in to_array).
    doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))
    return doc


def _lines_are_paragraphs(texts: list[str], blank: list[bool], blanks: list[int]) -> bool:
    """Whether single line breaks separate headings and paragraphs, not a sentence's wrapped lines.

    Text wrapped at a fixed width breaks lines inside sentences, so some line goes on in
    lower case after a word with no stop ("induced by\nmacrophages"); then no line break
    ends a sentence by itself.
    """
    for i in blanks:  # the whitespace tokens only
        if "\n" not in texts[i] or i == 0 or i + 1 == len(texts):
            continue
        following = texts[i + 1]
        if not blank[i + 1] and following[0].islower() and texts[i - 1] not in _STOPS:
            return False
    return True


def _opens_sentence(texts: list[str], spaced: list[bool], blank: list[bool], stop: int) -> bool:
    """Whether the stop at token ``stop`` ends a sentence, judged by its neighbours."""
    following = next((texts[i] for i in range(stop + 1, len(texts)) if not blank[i]), None)
    if following is None or not _starts_sentence(following):
        return False
    if texts[stop] != ".":
        return True
    if stop == 0:
        return True
    before = texts[stop - 1]
    word = before.lower().rstrip(".")
    if word in ABBREVIATIONS:
        return False
    # "J. Smith", "U.S. Food": a single capital initial before the period.
    return not (len(before) == 1 and before.isupper() and not spaced[stop - 1])
