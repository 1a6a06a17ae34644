"""Run an exercise's code in-process and collect the answers as plain data (for tests).

The class grader runs submissions in isolated children; these helpers are the
quick way to get the same plain answers from a source's solutions or from a
released notebook, to score them in a test.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from kit.exercises import to_plain
from kit.exercises.source import cell_text, solution_code


def run_cells(codes: list[str], folder: Path) -> dict:
    """Run code cells in one namespace, in ``folder``, closing figures after each (as inline does)."""
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    namespace: dict = {"__name__": "__main__"}
    before, grading = Path.cwd(), os.environ.get("KIT_GRADING")
    os.chdir(folder)
    os.environ["KIT_GRADING"] = "1"
    try:
        for code in codes:
            exec(compile(code, "<cell>", "exec"), namespace)
            plt.close("all")
    finally:
        os.chdir(before)
        if grading is None:
            os.environ.pop("KIT_GRADING", None)
        else:
            os.environ["KIT_GRADING"] = grading
    return namespace


def plain_answers(exercise, namespace: dict) -> dict:
    return {v: to_plain(namespace[v]) for v in exercise.variables if v in namespace}


def solution_answers(exercise) -> dict:
    """The plain answers the source's solutions give."""
    codes = [
        solution_code(cell_text(cell))
        for cell in exercise.notebook["cells"]
        if cell["cell_type"] == "code"
    ]
    return plain_answers(exercise, run_cells(codes, exercise.path.parent))


def notebook_answers(exercise, path: Path) -> dict:
    """The plain answers a (student's) notebook gives when run top to bottom."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    codes = [cell_text(c) for c in notebook["cells"] if c["cell_type"] == "code"]
    return plain_answers(exercise, run_cells(codes, path.parent))
