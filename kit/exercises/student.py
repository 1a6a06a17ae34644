"""The student's ``check``: instant feedback from the public checks, in plain words.

The first code cell of a released exercise makes it::

    from kit.exercises import Checker
    check = Checker("ex00_practice")

then ``check("q1")`` prints one line per public check of question q1, and
``check.all()`` a summary with points. Nothing here ever raises: a missing
answer, a typo in a question's name or an answer that breaks while being
read all become lines to read. Under the class grader (``KIT_GRADING=1``)
``check`` does nothing.

>>> check = Checker("ex00_practice")
>>> q1 = "fact"
>>> check("q1")
q1 passed: your answer is one of the labels.
q1 note: 1 more check runs when your instructor grades; passing here does not guarantee the points.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .exercise import Exercise, Question
from .plain import answers_from

GRADING_VARIABLE = "KIT_GRADING"
_HIDDEN_WARNING = (
    "These are the public checks only. When your instructor grades, hidden checks "
    "run too, so your final points may be lower than this."
)


def grading() -> bool:
    """Whether the class grader is running the notebook (``KIT_GRADING=1``)."""
    return os.environ.get(GRADING_VARIABLE) == "1"


class Checker:
    """``check("q1")`` for one exercise; ``check.all()`` for all of its questions."""

    def __init__(self, exercise: str):
        self.exercise_name = exercise if type(exercise) is str else str(exercise)
        self._exercise: Exercise | None = None
        self._hidden: dict[str, int] = {}
        self._problem: str | None = None
        self._text: dict | None = None  # the text the checks were released for
        from .cell_errors import watch

        watch()  # an answer cell that raises is then reported as such, not as "..."

    def __repr__(self) -> str:
        return (
            f'The checks of {self.exercise_name}: run check("q1") after answering q1, '
            "and check.all() before you hand in."
        )

    def __call__(self, question=None) -> None:
        """Print the public checks of ``question`` (its name, e.g. ``"q1"``)."""
        if grading():
            return
        try:
            self._check(question, _caller_namespace())
        except Exception as error:  # never a traceback in the student's notebook
            print(f"check could not run ({type(error).__name__}); please tell your instructor.")

    def all(self) -> None:
        """Print every question's public result and the points so far."""
        if grading():
            return
        try:
            self._summary(_caller_namespace())
        except Exception as error:
            print(f"check could not run ({type(error).__name__}); please tell your instructor.")

    # -- the work ---------------------------------------------------------------

    def _load(self) -> Exercise | None:
        if self._exercise is None and self._problem is None:
            try:
                self._exercise, self._hidden = public_exercise(self.exercise_name)
                self._text = self._exercise.text
            except Exception as error:
                self._problem = str(error)
        if self._problem:
            print(self._problem)
        return self._exercise

    def _check(self, name, namespace: dict) -> None:
        exercise = self._load()
        if exercise is None:
            return
        names = [q.name for q in exercise.questions]
        if type(name) is not str or name not in names:
            shown = f'"{name}"' if type(name) is str else "that"
            print(
                f"There is no question {shown} in {exercise.name}. Write the question's name "
                f'in quotes, e.g. check("{names[0]}"). The questions are: {", ".join(names)}.'
            )
            return
        if self._other_text(namespace):
            return
        question = exercise.question(name)
        if question.skipped:
            print(f"skipped: {question.skipped}")
            return
        (result,) = _score(exercise, [question], namespace)
        for line in result.lines:
            print(f"{name} {line}")
        hidden = self._hidden.get(name, 0)
        if result.status == "passed" and hidden:
            more = "1 more check runs" if hidden == 1 else f"{hidden} more checks run"
            print(
                f"{name} note: {more} when your instructor grades; passing here does not guarantee the points."
            )

    def _summary(self, namespace: dict) -> None:
        exercise = self._load()
        if exercise is None or self._other_text(namespace):
            return
        results = _score(exercise, exercise.questions, namespace)
        auto = [
            r
            for r, q in zip(results, exercise.questions, strict=True)
            if not q.manual and not q.skipped
        ]
        by_hand = sum(q.points for q in exercise.questions if q.manual and not q.skipped)
        print(f"{exercise.title}: the public checks, question by question")
        width = max(len(r.question) for r in results)
        for result in results:
            worded = _STATUS_WORDS[result.status]
            if result.status == "manual":
                points = f"{_points_word(result.max_points)}, graded by hand"
            elif result.status == "skipped":
                points = "nothing to check on this text: no points"
            else:
                points = f"{_points(result.points)} of {_points_word(result.max_points)}"
            print(f"  {result.question:<{width}}  {worded:<16} {points}")
            if result.status in ("partial", "failed", "error"):
                first = next((line for line in result.lines if not line.startswith("passed")), "")
                if first:
                    print(f"  {'':<{width}}  {first}")
        earned = sum(r.points for r in auto)
        most = sum(r.max_points for r in auto)
        total = f"So far: {_points(earned)} of {_points_word(most)} from the public checks"
        if by_hand:
            more = _points_word(by_hand).replace(" point", " more point")
            total += f", and {more} your instructor gives by hand"
        print(total + ".")
        print(_HIDDEN_WARNING)

    def _other_text(self, namespace: dict) -> bool:
        """Say so (one line) and return True when the notebook's ``TEXT`` is not the text
        these checks were released for: they would judge it against another text's answers."""
        text = self._text
        given = namespace.get("TEXT")
        if not text or type(given) is not str or same_text(given, text):
            return False
        released = text.get("name") or text.get("slug")
        print(
            f'These checks are for the text "{released}", but TEXT = "{given}": they would '
            f'judge your answers against that other text. Set TEXT = "{released}" again and '
            "run all cells (your instructor grades on that text), or ask for the exercise "
            "released for yours."
        )
        return True


def same_text(given: str, text: dict) -> bool:
    """Whether the notebook's ``TEXT`` names the released ``text`` (its name, its slug, or a
    path ending in its folder or file).

    >>> text = {"name": "texts/oakridge", "slug": "oakridge"}
    >>> same_text("texts/oakridge/", text), same_text("oakridge", text), same_text("yomiuri", text)
    (True, True, False)
    """
    given = given.strip().rstrip("/\\")
    if not given:
        return False
    if given in (text.get("name"), text.get("slug")):
        return True
    last = given.replace("\\", "/").split("/")
    name = last[-1]
    if name == "text.txt" and len(last) > 1:
        name = last[-2]
    elif name.endswith(".txt"):
        name = name[:-4]
    return name == text.get("slug")


_STATUS_WORDS = {
    "passed": "passed",
    "partial": "partly right",
    "failed": "look again",
    "missing": "not answered",
    "manual": "answered",
    "error": "could not check",
    "skipped": "skipped",
}


def _points(value) -> str:
    value = round(float(value), 2)
    return str(int(value)) if value.is_integer() else str(value)


def _points_word(value) -> str:
    """``1 point``, ``3 points``, ``1.5 points``."""
    return f"{_points(value)} point{'' if _points(value) == '1' else 's'}"


def _caller_namespace() -> dict:
    """The variables where ``check`` was called: the notebook's, or a function's."""
    frame = sys._getframe(2)
    namespace = dict(frame.f_globals)
    if frame.f_locals is not frame.f_globals:
        namespace.update(frame.f_locals)
    return namespace


def _score(exercise: Exercise, questions, namespace: dict):
    import dataclasses

    from .cell_errors import error_of, stopped_line

    answers = answers_from(namespace, [question.variable for question in questions])
    results = []
    for question in questions:
        result = question.score(answers, hidden=False)
        error = error_of(question.variable)
        if error and result.status != "skipped":
            # As grading does: the cell's error first, and no verdict on the value it had
            # before (the student no longer has that answer).
            line = stopped_line(question.variable, error)
            if result.status != "missing":
                line += f" (The checks wait until it runs: {question.variable} still holds the value from before.)"
            result = dataclasses.replace(result, points=0, status="missing", lines=[line])
        results.append(result)
    return results


# -- where the public checks come from ----------------------------------------------


def public_exercise(name: str) -> tuple[Exercise, dict[str, int]]:
    """The exercise as a student may see it, from ``<name>.checks.json``, and how many
    hidden checks each question has.

    It is looked for next to the notebook (the current folder), then in the
    exercise folders the kit knows.
    """
    from .checks import Check
    from .source import exercises_folders

    file_name = f"{name}.checks.json"
    candidates = [Path.cwd() / file_name] + [f / file_name for f in exercises_folders()]
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        raise FileNotFoundError(
            f"check cannot find the checks of {name!r} ({file_name}, normally next to this "
            "notebook). Your answers are not affected; ask your instructor for that file."
        )
    data = json.loads(path.read_text(encoding="utf-8"))
    questions = tuple(
        Question(
            name=q["name"],
            kind=q["kind"],
            points=q["points"],
            variable=q["variable"],
            manual=q.get("manual", False),
            public=tuple(Check.from_data(c, kind=q["kind"]) for c in q.get("public", [])),
            skipped=q.get("skipped", ""),
        )
        for q in data["questions"]
    )
    exercise = Exercise(
        name=data["exercise"],
        path=path,
        title=data["title"],
        questions=questions,
        text=data.get("text"),
    )
    return exercise, {q["name"]: int(q.get("hidden_checks", 0)) for q in data["questions"]}
