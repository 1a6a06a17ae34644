"""Run a source's solutions and score them: every question should earn full marks.

This is how an instructor finds a typo in a hidden check before the students
do: ``kit release --verify`` runs the solutions (the instructor's own code,
in a child process) and lists each question whose solution does not pass.

>>> from kit.exercises import load_exercise
>>> problems(load_exercise("ex00_practice"))
[]
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from ..errors import ExerciseFormatError
from .exercise import Exercise, QuestionResult


@contextmanager
def _quiet_checks_in(folder: Path):
    """Run in ``folder`` with ``check()`` silenced, as the grader does; restore both."""
    before, grading = Path.cwd(), os.environ.get("KIT_GRADING")
    os.chdir(folder)
    os.environ["KIT_GRADING"] = "1"
    try:
        yield
    finally:
        os.chdir(before)
        if grading is None:
            os.environ.pop("KIT_GRADING", None)
        else:
            os.environ["KIT_GRADING"] = grading


def run_code_cells(codes: list[str], folder: Path) -> dict:
    """Run code cells in one fresh namespace, in ``folder``, as a notebook would.

    Figures are closed after each cell (as Jupyter's inline backend does), so
    each cell's plot is drawn on a new figure.
    """
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    namespace: dict = {"__name__": "__main__"}
    with _quiet_checks_in(folder):
        for number, code in enumerate(codes, start=1):
            if code.lstrip().startswith(("%", "!")):
                continue  # notebook magics: not Python
            try:
                exec(compile(code, f"<code cell {number}>", "exec"), namespace)
            except Exception as error:
                raise ExerciseFormatError(
                    f"Code cell {number} of the solution raised {type(error).__name__}: "
                    f"{error}. Fix the source so that it runs from top to bottom."
                ) from error
            finally:
                plt.close("all")
    return namespace


def solution_answers(exercise: Exercise, choice=None) -> dict:
    """The plain answers the source's solutions give on ``choice`` (a ``TextChoice``; the
    source's own text when None). The code runs in a child process (``solve.py``)."""
    from .solve import solution_values

    return solution_values(exercise, choice)


def on_text(exercise: Exercise, choice=None) -> tuple[Exercise, dict]:
    """The exercise as it is on ``choice`` (its default text when None; a source without a
    parameters cell stays as it is) and the solution's answers there."""
    from .on_text import choose_text, for_text

    if exercise.default_text is None:
        if choice is not None:
            raise ExerciseFormatError(no_parameters(exercise))
        return exercise, solution_answers(exercise)
    choice = choice or choose_text(exercise.default_text, exercise=exercise)
    answers = solution_answers(exercise, choice)
    return for_text(exercise, choice, answers), answers


def no_parameters(exercise: Exercise) -> str:
    """Why an exercise without a parameters cell cannot be given on another text."""
    return (
        f"{exercise.name} always runs on its own text: its source has no code cell tagged "
        '`parameters` holding TEXT = "...". Add one (and load the text with '
        "doc = kit.load(TEXT)) to give it on other texts."
    )


def verify(exercise: Exercise, choice=None) -> list[QuestionResult]:
    """Score the solutions with every check on ``choice`` (the default text when None);
    questions graded by hand count as full, skipped ones are left out."""
    exercise, answers = on_text(exercise, choice)
    manual = {q.name: q.points for q in exercise.questions if q.manual}
    return exercise.score(answers, manual=manual)


def problems(exercise: Exercise, choice=None) -> list[str]:
    """One line per question whose solution does not earn full marks (empty: all good): which
    check failed, its settings, and the value the solution gave."""
    found = []
    resolved, answers = on_text(exercise, choice)
    manual = {q.name: q.points for q in resolved.questions if q.manual}
    for result in resolved.score(answers, manual=manual):
        if result.status not in ("passed", "skipped"):
            worst = next((line for line in result.lines if not line.startswith("passed")), "")
            line = (
                f"{exercise.name} {result.question}: the solution scores {result.status}: {worst}"
            )
            question = resolved.question(result.question)
            detail = _failing_check(question, answers.get(question.variable))
            found.append(f"{line} ({detail})" if detail else line)
    return found


def _failing_check(question, value) -> str:
    """Which check the solution's ``value`` fails, with the check's settings and the value."""
    import json

    for where, checks in (("public", question.public), ("hidden", question.hidden)):
        for check in checks:
            try:
                fraction = check.run(value).fraction
            except Exception as error:
                return f"{where} check {check.name} could not run: {type(error).__name__}"
            if fraction < 1:
                settings = json.dumps(check.settings, ensure_ascii=False, default=str)
                shown = json.dumps(value, ensure_ascii=False, default=str)
                return (
                    f"{where} check {check.name} {_cut(settings)} on the solution's value "
                    f"{_cut(shown)}"
                )
    return ""


def _cut(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
