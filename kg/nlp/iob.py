"""Reading and writing token-per-line IOB2 corpora (``token<TAB>label``).

The format of ``../shared/corpora/ner/*/{train,devel}.tsv``: one token per
line with its IOB2 label after a tab, a blank line between sentences and an
optional ``-DOCSTART-`` line between documents. The reader keeps the line
number of every token so that predictions can be written back aligned with
the input, line for line, and so that errors point at the offending line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "IOBError",
    "IOBSentence",
    "iob_to_spans",
    "read_iob",
    "spans_to_iob",
]

DOCSTART = "-DOCSTART-"


class IOBError(ValueError):
    """A malformed IOB2 file; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class IOBSentence:
    """One sentence of an IOB2 file.

    Attributes
    ----------
    words
        The tokens, as given.
    labels
        Their IOB2 labels (``O``, ``B-Type``, ``I-Type``).
    lines
        The 1-based line number of each token in the file.
    doc_start
        True if a ``-DOCSTART-`` line precedes the sentence (a new document).
    """

    words: tuple[str, ...]
    labels: tuple[str, ...]
    lines: tuple[int, ...]
    doc_start: bool

    @property
    def spans(self) -> list[tuple[int, int, str]]:
        """Entity spans as ``(start_token, end_token, type)``, end exclusive."""
        return iob_to_spans(self.labels)


def iob_to_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Return ``(start, end, type)`` spans of well-formed IOB2 labels."""
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    kind = ""
    for i, label in enumerate([*labels, "O"]):
        if start is not None and not (label.startswith("I-") and label[2:] == kind):
            spans.append((start, i, kind))
            start = None
        if label.startswith("B-"):
            start, kind = i, label[2:]
    return spans


def spans_to_iob(n_tokens: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """Return IOB2 labels for ``n_tokens`` tokens carrying ``spans`` (non-overlapping)."""
    labels = ["O"] * n_tokens
    for start, end, kind in spans:
        labels[start] = f"B-{kind}"
        for i in range(start + 1, end):
            labels[i] = f"I-{kind}"
    return labels


def _check_label(label: str, previous: str, path: Path, number: int) -> None:
    if label == "O":
        return
    if label[:2] not in ("B-", "I-") or len(label) < 3:
        raise IOBError(f"{path}:{number}: label {label!r} is not O, B-<type> or I-<type>")
    if label.startswith("I-") and previous[2:] != label[2:]:
        raise IOBError(
            f"{path}:{number}: {label!r} follows {previous!r}; an I- label must continue "
            f"a B-{label[2:]} or I-{label[2:]} entity (IOB2)"
        )


def read_iob(path: Path) -> Iterator[IOBSentence]:
    """Yield the sentences of an IOB2 file, checking its format.

    Parameters
    ----------
    path
        A ``token<TAB>label`` file. Extra tab-separated columns after the
        label are ignored.

    Yields
    ------
    IOBSentence
        Each non-empty sentence, in file order.

    Raises
    ------
    IOBError
        On a line without a tab, an empty token, an unknown label shape or
        an ``I-`` label that does not continue an entity of the same type.
    OSError
        If the file cannot be read.
    """
    words: list[str] = []
    labels: list[str] = []
    lines: list[int] = []
    doc_start = False
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\r\n")
            if not line.strip() or line.split("\t", 1)[0] == DOCSTART:
                if words:
                    yield IOBSentence(tuple(words), tuple(labels), tuple(lines), doc_start)
                    words, labels, lines, doc_start = [], [], [], False
                if line.startswith(DOCSTART):
                    doc_start = True
                continue
            if "\t" not in line:
                raise IOBError(f"{path}:{number}: expected 'token<TAB>label', found no tab in {line!r}")
            token, label = line.split("\t")[:2]
            label = label.strip()
            if not token:
                raise IOBError(f"{path}:{number}: empty token")
            _check_label(label, labels[-1] if labels else "O", path, number)
            words.append(token)
            labels.append(label)
            lines.append(number)
    if words:
        yield IOBSentence(tuple(words), tuple(labels), tuple(lines), doc_start)
