"""How well the relation rules' negation and speculation cues agree with curated events.

The BioNLP Shared Task 2013 corpora (GENIA events, Cancer Genetics, Pathway
Curation) mark each event that a text negates ("STAT3 was not phosphorylated")
or states as speculation ("IL-6 may induce SOCS3") with a modification line::

    E3<TAB>Phosphorylation:T12 Theme:T4
    M1<TAB>Negation E3

An event is the closest thing these corpora have to one of our claims: a
trigger word and its arguments in one sentence. Each top-level event (one no
other event takes as an argument) is scored the way the rules
(:mod:`kg.nlp.relations`) mark a claim, with the same functions of
:mod:`kg.nlp.cues`: negated when a negation cue outside the named entities sits
near its trigger in the trigger's clause, speculative when a speculation cue
leads up to its trigger in the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from kg.nlp import cues
from kg.nlp.extensions import token_lowers, token_texts
from kg.relation_model.evaluate import Score

__all__ = [
    "EventCueResult",
    "StandoffDocument",
    "StandoffError",
    "StandoffEvent",
    "evaluate_event_cues",
    "read_standoff_folder",
]

MODIFICATIONS = ("Negation", "Speculation")


class StandoffError(ValueError):
    """A BioNLP-ST standoff file that cannot be read; the message names it."""


@dataclass(frozen=True, slots=True)
class StandoffEvent:
    """An event: its trigger's character span and the modifications curated for it."""

    event_id: str
    event_type: str
    start: int
    end: int
    modifications: frozenset[str]
    #: Where its theme starts: the entity's first character, or a nested event's trigger's.
    theme_start: int | None = None
    #: The character spans of its cause entity and of the entity its theme comes down to
    #: ("IL-6 induces STAT3 phosphorylation": IL-6, STAT3); none without a cause entity.
    pair: tuple[tuple[int, int], tuple[int, int]] | None = None


@dataclass(frozen=True, slots=True)
class StandoffDocument:
    """A text with its entities' character spans and its events."""

    doc_id: str
    text: str
    entity_spans: tuple[tuple[int, int], ...]
    events: tuple[StandoffEvent, ...]


@dataclass(frozen=True, slots=True)
class EventCueResult:
    """Scores per modification, with the number of events scored and left out."""

    events: int
    scores: dict[str, Score]
    #: Events whose trigger no token covers (a trigger inside a token), not scored.
    unaligned: int = 0
    examples: dict[str, list[str]] = field(default_factory=dict)
    #: The trained relation model's test (no trigger: the two entities), on the events
    #: with a cause entity and an entity theme.
    pair_events: int = 0
    pair_scores: dict[str, Score] = field(default_factory=dict)


_SPAN = re.compile(r"^(\S+) (\d+) (\d+)(?:;\d+ \d+)*$")


def _lines(path: Path) -> list[str]:
    """The lines of an annotation file; none where the file is absent (a text without events)."""
    return path.read_text(encoding="utf-8").splitlines() if path.is_file() else []


def _spans(path: Path, lines: list[str], text: str) -> dict[str, tuple[str, int, int]]:
    """``T`` lines: id -> (type, start, end), the first fragment of a discontinuous span."""
    found: dict[str, tuple[str, int, int]] = {}
    for number, line in enumerate(lines, 1):
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        match = _SPAN.match(parts[1]) if len(parts) >= 2 else None
        if match is None:
            raise StandoffError(f"{path}:{number}: not a text-bound annotation: {line[:80]!r}")
        start, end = int(match.group(2)), int(match.group(3))
        if not 0 <= start < end <= len(text):
            raise StandoffError(f"{path}:{number}: span {start}-{end} outside the text")
        found[parts[0]] = (match.group(1), start, end)
    return found


def read_standoff_document(txt_path: Path) -> StandoffDocument:
    """Read ``NAME.txt`` with ``NAME.a1`` (entities) and ``NAME.a2`` (events, modifications).

    Raises
    ------
    StandoffError
        If a file is not UTF-8 or a line is malformed.
    """
    try:
        text = txt_path.read_text(encoding="utf-8")
        a1_path, a2_path = txt_path.with_suffix(".a1"), txt_path.with_suffix(".a2")
        entities = _spans(a1_path, _lines(a1_path), text)
        lines = _lines(a2_path)
        triggers = _spans(a2_path, lines, text)
    except UnicodeDecodeError as error:
        raise StandoffError(f"{txt_path}: not UTF-8 text ({error.reason})") from error
    modified: dict[str, set[str]] = {}
    events: list[tuple[str, str, str, str | None]] = []
    causes: dict[str, str] = {}
    nested: set[str] = set()
    for number, line in enumerate(lines, 1):
        parts = line.split("\t")
        if line.startswith("M") and len(parts) >= 2:
            kind, _, target = parts[1].partition(" ")
            modified.setdefault(target.strip(), set()).add(kind)
        elif line.startswith("E") and len(parts) >= 2:
            head, *arguments = parts[1].split()
            event_type, _, trigger = head.partition(":")
            if not trigger:
                raise StandoffError(f"{a2_path}:{number}: an event without a trigger: {line[:80]!r}")
            roles = dict(argument.partition(":")[::2] for argument in reversed(arguments))
            events.append((parts[0], event_type, trigger, roles.get("Theme")))
            if "Cause" in roles:
                causes[parts[0]] = roles["Cause"]
            nested.update(argument.partition(":")[2] for argument in arguments)
    trigger_of = {event_id: trigger for event_id, _, trigger, _ in events}
    theme_of = {event_id: theme for event_id, _, _, theme in events}
    scored = []
    for event_id, event_type, trigger, theme in events:
        if event_id in nested:
            continue  # scored through the event that holds it, as a claim holds both its ends
        if trigger not in triggers:
            raise StandoffError(f"{a2_path}: event {event_id} names an unknown trigger {trigger}")
        _, start, end = triggers[trigger]
        kinds = frozenset(kind for kind in modified.get(event_id, ()) if kind in MODIFICATIONS)
        theme_span = entities.get(theme) or triggers.get(trigger_of.get(theme, ""))  # type: ignore[arg-type]
        theme_start = theme_span[1] if theme_span is not None else None
        pair = _entity_pair(entities, theme_of, causes.get(event_id), theme)
        scored.append(StandoffEvent(event_id, event_type, start, end, kinds, theme_start, pair))
    entity_spans = tuple(sorted((start, end) for _, start, end in entities.values()))
    return StandoffDocument(txt_path.stem, text, entity_spans, tuple(scored))


def _entity_pair(
    entities: dict[str, tuple[str, int, int]],
    theme_of: dict[str, str | None],
    cause: str | None,
    theme: str | None,
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The cause entity's span and the span of the entity the theme comes down to, if both exist."""
    seen: set[str] = set()
    while theme is not None and theme not in entities and theme not in seen:  # a nested event
        seen.add(theme)
        theme = theme_of.get(theme)
    if cause not in entities or theme not in entities:
        return None
    return entities[cause][1:], entities[theme][1:]  # type: ignore[index,return-value]


def read_standoff_folder(folder: Path) -> list[StandoffDocument]:
    """Every ``*.txt`` of a BioNLP-ST folder with its annotations, in name order.

    Raises
    ------
    StandoffError
        If the folder holds no ``.txt`` file or a file cannot be read.
    """
    paths = sorted(Path(folder).glob("*.txt"))
    if not paths:
        raise StandoffError(f"{folder}: no BioNLP-ST .txt files here")
    return [read_standoff_document(path) for path in paths]


def _token_at(doc, char: int) -> int | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else None


def evaluate_event_cues(
    documents: Iterable[StandoffDocument], nlp: Language, *, examples: int = 0
) -> EventCueResult:
    """Score negation and speculation cues against the curated event modifications.

    Parameters
    ----------
    documents
        Read by :func:`read_standoff_folder`.
    nlp
        A pipeline that tokenises and splits sentences (``kg_sentencizer``).
    examples
        How many wrongly marked events per modification and error kind to keep
        (as "false negation: <sentence>") for reading.
    """
    tp = dict.fromkeys(MODIFICATIONS, 0)
    predicted = dict.fromkeys(MODIFICATIONS, 0)
    gold = dict.fromkeys(MODIFICATIONS, 0)
    pair_counts = {kind: [0, 0, 0] for kind in MODIFICATIONS}  # tp, predicted, gold
    kept: dict[str, list[str]] = {}
    total = unaligned = pairs = 0
    for document in documents:
        doc = nlp(document.text)
        texts, lowers = token_texts(doc), token_lowers(doc)
        entity_tokens = _entity_tokens(doc, document.entity_spans)
        for event in document.events:
            index = _token_at(doc, event.start)
            if index is None:
                unaligned += 1
                continue
            total += 1
            sentence = doc[index].sent
            # The clauses tile the sentence, so exactly one holds the trigger.
            clause = next(
                (start, end)
                for start, end in cues.clauses(texts, lowers, sentence.start, sentence.end, entity_tokens)
                if start <= index < end
            )
            marks = {
                "Negation": cues.negated_near(lowers, index, index + 1, clause, entity_tokens)
                or _theme_denied(doc, lowers, event, index, clause, entity_tokens),
                "Speculation": cues.hedged_before(lowers, sentence.start, index, index + 1),
            }
            for kind in MODIFICATIONS:
                is_gold, is_predicted = kind in event.modifications, marks[kind]
                gold[kind] += is_gold
                predicted[kind] += is_predicted
                tp[kind] += is_gold and is_predicted
                if examples and is_gold != is_predicted:
                    label = f"{'false' if is_predicted else 'missed'} {kind.lower()}"
                    bucket = kept.setdefault(label, [])
                    if len(bucket) < examples:
                        bucket.append(f"{document.doc_id} [{doc[index].text}] {sentence.text}")
            pair = _token_pair(doc, event)
            if (
                pair is not None
                and doc[pair[0][0]].sent.start == sentence.start == doc[pair[1][0]].sent.start
            ):
                pairs += 1
                bounds = (sentence.start, sentence.end)
                pair_marks = {
                    "Negation": cues.pair_negated(lowers, bounds, *pair, entity_tokens),
                    "Speculation": cues.pair_hedged(lowers, bounds, *pair),
                }
                for kind, counts in pair_counts.items():
                    is_gold, is_predicted = kind in event.modifications, pair_marks[kind]
                    counts[0] += is_gold and is_predicted
                    counts[1] += is_predicted
                    counts[2] += is_gold
    scores = {kind: Score(tp[kind], predicted[kind], gold[kind]) for kind in MODIFICATIONS}
    pair_scores = {kind: Score(*counts) for kind, counts in pair_counts.items()}
    return EventCueResult(total, scores, unaligned, kept, pairs, pair_scores)


def _token_pair(doc, event: StandoffEvent) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The token ranges of the event's cause and theme entities, if both align with tokens."""
    if event.pair is None:
        return None
    spans = [doc.char_span(start, end, alignment_mode="expand") for start, end in event.pair]
    if any(span is None for span in spans):
        return None
    return (spans[0].start, spans[0].end), (spans[1].start, spans[1].end)


def _theme_denied(
    doc, lowers: Sequence[str], event: StandoffEvent, trigger: int, clause: tuple[int, int], entity_tokens
) -> bool:
    """Whether the event's theme follows its trigger in the clause behind a denial ("but not X")."""
    if event.theme_start is None or event.theme_start < event.end:
        return False
    theme = _token_at(doc, event.theme_start)
    return (
        theme is not None
        and theme < clause[1]
        and cues.denied_object(lowers, trigger + 1, theme, entity_tokens)
    )


def _entity_tokens(doc, spans: Sequence[tuple[int, int]]) -> frozenset[int]:
    tokens: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            tokens.update(range(span.start, span.end))
    return frozenset(tokens)
