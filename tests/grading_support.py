"""Build submissions for the grading tests from ex00_practice's own source.

The source notebook's code cells hold the solutions, so its cells are a correct submission;
the released student notebook is a blank one. Hostile submissions are the correct cells with a
cell inserted, removed or replaced.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import REPO

from kit.exercises import load_exercise

SOURCE = REPO / "exercises" / "source" / "ex00_practice.ipynb"
STUDENT = REPO / "exercises" / "ex00_practice.ipynb"
EXERCISE = load_exercise(SOURCE)
MANUAL = [q.name for q in EXERCISE.questions if q.manual]
FULL_AUTO = sum(q.points for q in EXERCISE.questions if not q.manual)


def points(*names: str) -> float:
    """The points the questions ``names`` are worth."""
    return sum(EXERCISE.question(name).points for name in names)


def solution_cells() -> list[str]:
    """The code cells of the source: a submission that answers everything right."""
    notebook = json.loads(SOURCE.read_text(encoding="utf-8"))
    return [
        "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for cell in notebook["cells"]
        if cell["cell_type"] == "code"
    ]


def cell_index(cells: list[str], variable: str) -> int:
    """The index of the cell that assigns ``variable`` (``q3 = ...``)."""
    pattern = re.compile(rf"^{re.escape(variable)}\s*=", re.MULTILINE)
    for index, cell in enumerate(cells):
        if pattern.search(cell):
            return index
    raise LookupError(variable)


def after(variable: str, *extra: str) -> list[str]:
    """Correct cells with ``extra`` cells inserted right after the one answering ``variable``."""
    cells = solution_cells()
    at = cell_index(cells, variable) + 1
    return cells[:at] + list(extra) + cells[at:]


def replace(variable: str, code: str, cells: list[str] | None = None) -> list[str]:
    """Correct cells with the one answering ``variable`` replaced by ``code``."""
    cells = list(cells or solution_cells())
    cells[cell_index(cells, variable)] = code
    return cells


def notebook(cells: list[str]) -> dict:
    """A minimal nbformat 4.5 notebook holding ``cells`` as code cells."""
    return {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {
                "cell_type": "code",
                "id": f"cell-{number}",
                "metadata": {},
                "source": source,
                "outputs": [],
                "execution_count": None,
            }
            for number, source in enumerate(cells)
        ],
    }


def notebook_v3(cells: list[str]) -> dict:
    """The same cells in the old nbformat 3 layout (worksheets, ``input``)."""
    return {
        "nbformat": 3,
        "nbformat_minor": 0,
        "metadata": {"name": ""},
        "worksheets": [
            {
                "cells": [
                    {"cell_type": "code", "input": source, "language": "python", "outputs": []}
                    for source in cells
                ]
            }
        ],
    }


def write_notebook(path: Path, cells_or_notebook) -> Path:
    """Write a notebook (cells or a notebook dict) to ``path``; return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = cells_or_notebook
    if isinstance(cells_or_notebook, list):
        data = notebook(cells_or_notebook)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def rows(csv_path: Path) -> dict[str, dict]:
    """A CSV keyed by its ``student`` column."""
    import csv

    with open(csv_path, encoding="utf-8-sig") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}
