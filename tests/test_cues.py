"""Cue word lists of the rule-based relation extractor."""

from __future__ import annotations

import kg.nlp.cues as cues
from kg.nlp.cues import CueList


def test_words_and_stems_match_lower_cased_tokens() -> None:
    found = CueList(["promot*", "drive"])
    assert "Promotes" in found and "promoting" in found and "DRIVE" in found
    assert "drives" not in found and "pro" not in found and "" not in found
    # Asked again (answers are kept): the same answers.
    assert ["Promotes" in found, "drives" in found] == [True, False]


def test_non_words_are_never_cues() -> None:
    found = CueList(["1", "a*"])
    assert 1 not in found and None not in found and ["a"] not in found and ("a",) not in found


def test_kept_answers_are_bounded(monkeypatch) -> None:
    monkeypatch.setattr(cues, "_MEMO_LIMIT", 3)
    found = CueList(["induc*"])
    words = [f"word{i}" for i in range(10)] + ["induced", "Induces"]
    assert [word in found for word in words] == [False] * 10 + [True, True]
    assert len(found._answers) == 3
