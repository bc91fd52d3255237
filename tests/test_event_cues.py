"""``kg eval cues``: negation and speculation cues against BioNLP-ST event modifications."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.nlp.factories  # noqa: F401 - registers kg_sentencizer
from kg.cli import app
from kg.evaluation.cues import StandoffError, evaluate_event_cues, read_standoff_folder
from kg.nlp import cues
from kg.nlp.pipeline import load_tokenizer_only

TEXT = (
    "IL-6 did not induce STAT3 phosphorylation. "
    "SOCS3 may inhibit JAK1. "
    "TNF increased IL8 expression, but IL10 was not detected."
)


def _span(name: str) -> str:
    start = TEXT.index(name)
    return f"{start} {start + len(name)}"


def _write_corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "doc1.txt").write_text(TEXT, encoding="utf-8")
    entities = ["IL-6", "STAT3", "SOCS3", "JAK1", "TNF", "IL8", "IL10"]
    a1 = [f"T{n}\tProtein {_span(name)}\t{name}" for n, name in enumerate(entities, 1)]
    (folder / "doc1.a1").write_text("\n".join(a1) + "\n", encoding="utf-8")
    triggers = ["phosphorylation", "induce", "inhibit", "increased", "detected"]
    a2 = [f"T{n}\tEvent {_span(word)}\t{word}" for n, word in enumerate(triggers, 20)]
    a2 += [
        "E1\tPhosphorylation:T20 Theme:T2",
        "E2\tPositive_regulation:T21 Theme:E1 Cause:T1",
        "E3\tNegative_regulation:T22 Theme:T4 Cause:T3",
        "E4\tPositive_regulation:T23 Theme:T6 Cause:T5",
        "E5\tGene_expression:T24 Theme:T7",
        "M1\tNegation E2",
        "M2\tSpeculation E3",
        "M3\tNegation E4",  # a curator's call the clause rule misses: E4 is affirmative text
    ]
    (folder / "doc1.a2").write_text("\n".join(a2) + "\n", encoding="utf-8")
    return folder


@pytest.fixture()
def nlp():
    pipeline = load_tokenizer_only()
    pipeline.add_pipe("kg_sentencizer")
    return pipeline


def test_top_level_events_are_scored_with_the_rules_cues(tmp_path: Path, nlp) -> None:
    documents = read_standoff_folder(_write_corpus(tmp_path / "corpus"))
    # E1 is E2's theme: a claim "IL-6 -> STAT3" is scored once, through E2.
    assert [event.event_id for event in documents[0].events] == ["E2", "E3", "E4", "E5"]
    result = evaluate_event_cues(documents, nlp, examples=5)
    assert result.events == 4
    negation, speculation = result.scores["Negation"], result.scores["Speculation"]
    # E2 ("did not induce") and E5 ("was not detected", its own clause after ", but") are
    # marked; E4's clause has no cue, so the curated negation on it is missed.
    assert (negation.tp, negation.predicted, negation.gold) == (1, 2, 2)
    assert (speculation.tp, speculation.predicted, speculation.gold) == (1, 1, 1)
    assert negation.precision == 0.5 and negation.recall == 0.5 and negation.f1 == 0.5
    # The relation model's pair test runs on the three events with a cause: E2 (IL-6, and
    # STAT3 through E1), E3 and E4 (TNF, IL8: the "not" is in IL10's clause, so missed).
    assert result.pair_events == 3
    pair_negation, pair_speculation = result.pair_scores["Negation"], result.pair_scores["Speculation"]
    assert (pair_negation.tp, pair_negation.predicted, pair_negation.gold) == (1, 1, 2)
    assert (pair_speculation.tp, pair_speculation.predicted, pair_speculation.gold) == (1, 1, 1)
    assert any("[detected]" in line for line in result.examples["false negation"])
    assert any("[increased]" in line for line in result.examples["missed negation"])


def test_the_clause_rule_is_the_one_the_relation_rules_use(nlp) -> None:
    doc = nlp("TNF increased IL8 expression, but IL10 was not detected.")
    lowers, texts = [t.lower_ for t in doc], [t.text for t in doc]
    found = cues.clauses(texts, lowers, 0, len(doc), set())
    assert [doc[s:e].text for s, e in found] == ["TNF increased IL8 expression,", "IL10 was not detected."]
    assert not cues.negated(lowers, *found[0], set()) and cues.negated(lowers, *found[1], set())
    assert not cues.hedged_before(lowers, 0, 1, 2)


def test_cues_count_near_the_trigger_only() -> None:
    near = ["il6", "did", "not", "induce", "stat3"]
    assert cues.negated_near(near, 3, 4, (0, len(near)), set())
    far = ["no", "one", "doubted", "that", "tnf", "and", "il1", "and", "il8", "increased", "stat3"]
    assert not cues.negated_near(far, 9, 10, (0, len(far)), set())  # "no" is 9 tokens back
    assert cues.negated(far, 0, len(far), set())  # the clause as a whole has it
    but_not = ["tnf", "increased", "il8", "but", "not", "il10"]
    assert not cues.negated_near(but_not, 1, 2, (0, len(but_not)), set())  # TNF -> IL8 stands
    neither = ["tnf", "induced", "neither", "il8", "nor", "il10"]
    assert cues.negated_near(neither, 1, 2, (0, len(neither)), set())
    assert cues.denied_object(but_not, 2, 5, set())  # ... but IL10 is denied
    assert not cues.denied_object(but_not, 2, 2, set())  # and IL8, before the cue, is not
    not_only = ["tnf", "increased", "not", "only", "il8", "but", "also", "il10"]
    assert not cues.denied_object(not_only, 2, 7, set())
    assert not cues.negated_near(not_only, 1, 2, (0, len(not_only)), set())  # "not only" adds
    question = ["we", "asked", "whether", "or", "not", "il10", "affected", "il6"]
    assert not cues.negated_near(question, 6, 7, (0, len(question)), set())  # a question, no denial
    assert cues.negated_near(["il10", "did", "not", "affect", "il6"], 3, 4, (0, 5), set())
    after = ["il6", "increased", "stat3", ",", "suggesting", "a", "role"]
    assert not cues.hedged_before(after, 0, 1, 2)
    before = ["these", "data", "suggest", "that", "il6", "increased", "stat3"]
    assert cues.hedged_before(before, 0, 5, 6)


def _words(text: str) -> list[str]:
    return text.split(" ")


def test_the_model_pair_tests_read_around_the_pair() -> None:
    words = _words("these data suggest that il6 induces stat3 but not il10 , whereas tnf did not")
    sentence, il6, stat3, il10 = (0, len(words)), (4, 5), (6, 7), (9, 10)
    assert cues.pair_hedged(words, sentence, il6, stat3)
    assert not cues.pair_negated(words, sentence, il6, stat3)  # the clause ends at "but"
    assert cues.pair_negated(words, sentence, il6, il10)
    later = _words("il6 induced stat3 , suggesting a role for the pathway")
    assert not cues.pair_hedged(later, (0, len(later)), (0, 1), (2, 3))
    far = _words("no one doubted in this study that il6 at any dose induced stat3")
    assert not cues.pair_negated(far, (0, len(far)), (7, 8), (12, 13))  # "no" is 7 tokens before IL-6


def test_bad_standoff_files_name_the_file_and_line(tmp_path: Path) -> None:
    folder = _write_corpus(tmp_path / "corpus")
    (folder / "doc1.a2").write_text("T1\tEvent 0 4000\tfar\n", encoding="utf-8")
    with pytest.raises(StandoffError, match=r"doc1\.a2:1: span 0-4000 outside the text"):
        read_standoff_folder(folder)
    (folder / "doc1.a2").write_text("E1\tPhosphorylation Theme:T2\n", encoding="utf-8")
    with pytest.raises(StandoffError, match=r"doc1\.a2:1: an event without a trigger"):
        read_standoff_folder(folder)
    (folder / "doc1.txt").write_bytes(b"\xff\xfe binary")
    with pytest.raises(StandoffError, match="not UTF-8"):
        read_standoff_folder(folder)
    with pytest.raises(StandoffError, match=r"no BioNLP-ST \.txt files"):
        read_standoff_folder(tmp_path / "empty")


def test_kg_eval_cues_prints_the_table_and_exits_2_on_a_bad_folder(tmp_path: Path) -> None:
    runner = CliRunner()
    folder = _write_corpus(tmp_path / "corpus")
    result = runner.invoke(app, ["eval", "cues", str(folder), "--examples", "1"])
    assert result.exit_code == 0, result.output
    assert "Negation" in result.output and "50.0" in result.output
    assert "missed negation" in result.output
    result = runner.invoke(app, ["eval", "cues", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
