"""Atomic writes: an interrupted write never leaves a truncated file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.io import atomic_write_text


def test_interrupted_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "graph.ttl"
    atomic_write_text(target, "old complete content\n")

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt  # as if the user pressed Ctrl-C before the rename

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(target, "new content that never lands\n" * 1000)
    assert target.read_text() == "old complete content\n"
    assert [path.name for path in tmp_path.iterdir()] == ["graph.ttl"]


def test_written_files_have_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out" / "nodes.tsv"
    atomic_write_text(target, "id\n")
    assert target.read_text() == "id\n"
    assert target.stat().st_mode & 0o644 == 0o644
