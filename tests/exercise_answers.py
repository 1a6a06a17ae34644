"""Run an exercise's code in-process and collect the answers as plain data (for tests).

The class grader runs submissions in isolated children; these helpers are the
quick way to get the same plain answers from a source's solutions or from a
released notebook, to score them in a test.
"""

from __future__ import annotations

import json
from pathlib import Path

from kit.exercises import answers_from
from kit.exercises.source import cell_text
from kit.exercises.verify import run_code_cells, solution_answers

__all__ = ["notebook_answers", "solution_answers"]


def notebook_answers(exercise, path: Path) -> dict:
    """The plain answers a (student's) notebook gives when run top to bottom."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    codes = [cell_text(c) for c in notebook["cells"] if c["cell_type"] == "code"]
    return answers_from(run_code_cells(codes, path.parent), exercise.variables)
