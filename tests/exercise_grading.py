"""Grade an exercise's test submissions with the `kit grade` command, as an instructor would.

Each test module grades its submissions in one run (the solution, the released blank
notebook, a hand-written typical-mistakes submission) and reads the grade sheets back.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from conftest import REPO

EXERCISES = REPO / "exercises"
SUBMISSIONS = REPO / "tests" / "data" / "exercises"
OTHER_TEXT = REPO / "tests" / "data" / "articles" / "oakridge-library-oped"


def solution_notebook(name: str) -> dict:
    """The source as a student would hand it in fully answered: its settings cells left out."""
    notebook = json.loads((EXERCISES / "source" / f"{name}.ipynb").read_text(encoding="utf-8"))
    notebook["cells"] = [
        cell
        for cell in notebook["cells"]
        if cell["cell_type"] != "raw" and "instructor" not in cell["metadata"].get("tags", [])
    ]
    return notebook


def solution_with(name: str, **answers: str) -> dict:
    """The solution notebook with some answer cells replaced: ``{variable: code}``.

    The way to write a submission with one slip a beginner makes, the rest right.
    """
    notebook = solution_notebook(name)
    for variable, code in answers.items():
        cells = [
            cell
            for cell in notebook["cells"]
            if cell["cell_type"] == "code"
            and re.search(rf"^{variable} = ", "".join(cell["source"]), re.MULTILINE)
        ]
        assert len(cells) == 1, f"{name}: no single answer cell for {variable}"
        cells[0]["source"] = code.splitlines(keepends=True)
    return notebook


def class_folder(
    folder: Path, name: str, *, blank: bool = True, others: dict[str, dict] | None = None
) -> Path:
    """A class of three: ``solution``, ``blank`` (the released notebook), ``typical``; and
    ``others``, ``{student: notebook}``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "solution.ipynb").write_text(json.dumps(solution_notebook(name)), encoding="utf-8")
    if blank:
        shutil.copy(EXERCISES / f"{name}.ipynb", folder / "blank.ipynb")
    shutil.copy(SUBMISSIONS / name / "typical_mistakes.ipynb", folder / "typical.ipynb")
    for student, notebook in (others or {}).items():
        (folder / f"{student}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    return folder


@dataclass
class Graded:
    """What `kit grade` wrote: totals per student, and each question's row per student."""

    stdout: str
    totals: dict[str, dict]
    questions: dict[str, dict[str, dict]]

    def feedback(self, student: str, question: str) -> str:
        """The feedback lines of one answer, joined by `` | ``."""
        return self.questions[student][question]["feedback"]

    def status(self, student: str, question: str) -> str:
        return self.questions[student][question]["status"]

    def total(self, student: str) -> float:
        return float(self.totals[student]["total"])

    def max_points(self, student: str) -> float:
        return float(self.totals[student]["max_points"])


def grade(name: str, submissions: Path, out: Path, *, text: Path | str | None = None) -> Graded:
    """Run ``kit grade name submissions --out out [--text text]`` and read its sheets."""
    command = [sys.executable, "-m", "kit", "grade", name, str(submissions), "--out", str(out)]
    if text is not None:
        command += ["--text", str(text)]
    result = subprocess.run(
        [*command, "--workers", "2"], capture_output=True, text=True, cwd=REPO, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with open(out / "grades.csv", encoding="utf-8-sig") as handle:
        totals = {row["student"]: row for row in csv.DictReader(handle)}
    questions: dict[str, dict[str, dict]] = {}
    with open(out / "grades_long.csv", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            questions.setdefault(row["student"], {})[row["question"]] = row
    return Graded(result.stdout, totals, questions)


def student_check(name: str, question: str, **namespace) -> list[str]:
    """The lines ``check(question)`` prints in the student's notebook, for these variables
    (plain values or pandas tables), with the released public checks."""
    import contextlib
    import io

    from kit.exercises import Checker

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        Checker(name)._check(question, namespace)
    return printed.getvalue().splitlines()
