"""Every notebook runs top to bottom in a real Jupyter kernel, from a scratch folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _listing(folder: Path) -> set[Path]:
    return {path.relative_to(folder) for path in folder.rglob("*") if ".ipynb_checkpoints" not in path.parts}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_runs(path: Path, tmp_path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    before = _listing(ROOT / "notebooks")
    # the kernel's working directory is a scratch folder: a notebook that writes files leaves them there
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    errors = [output for output in outputs if output.get("output_type") == "error"]
    assert not errors, errors
    assert all(cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), (
        "a cell printed nothing"
    )
    assert not list(tmp_path.iterdir()), f"the notebook wrote files: {sorted(tmp_path.iterdir())}"
    assert _listing(ROOT / "notebooks") == before
    if any("notebook_view" in cell.source for cell in notebook.cells):
        frames = [o for o in outputs if "<iframe srcdoc=" in o.get("data", {}).get("text/html", "")]
        assert frames, "the inline viewer did not render as an iframe"


def test_notebooks_are_committed_stripped() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "strip_notebooks.py"), "--check"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_strip_tool_detects_outputs(tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    notebook.cells[0].outputs = [
        nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)
    ]
    notebook.cells[0].execution_count = 1
    path = tmp_path / "dirty.ipynb"
    nbformat.write(notebook, path)
    tool = [sys.executable, str(ROOT / "tools" / "strip_notebooks.py")]
    assert subprocess.run([*tool, "--check", str(path)], capture_output=True, check=False).returncode == 1
    assert subprocess.run([*tool, str(path)], capture_output=True, check=False).returncode == 0
    assert subprocess.run([*tool, "--check", str(path)], capture_output=True, check=False).returncode == 0
    assert nbformat.read(path, as_version=4).cells[0].execution_count is None


def test_there_are_notebooks() -> None:
    assert {path.stem for path in NOTEBOOKS} >= {"01_quickstart", "02_sparql", "03_network_analysis"}
