"""An exercise, its questions, and scoring a student's plain answers.

Scoring reads plain data only (what ``to_plain`` made of the answers), so it
can run in a process that never ran the student's code.

>>> exercise = load_exercise("ex00_practice")
>>> [result.status for result in exercise.score({"q1": "fact"})][:2]
['passed', 'missing']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .checks import Check, Outcome, absent_columns, chart_slip, type_problem
from .plain import MARK, is_marker, well_formed

STATUSES = ("passed", "partial", "failed", "missing", "manual", "error", "skipped")
# Markers the type checks read (a NaN answer is told it is NaN, not "a not_finite object").
_READABLE = ("dataframe", "series", "chart", "dict", "not_finite")


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a dict key
class Question:
    """One question: its name, kind, points, the variable the student assigns, its checks."""

    name: str
    kind: str
    points: float
    variable: str
    prompt: str = ""
    manual: bool = False
    public: tuple[Check, ...] = ()
    hidden: tuple[Check, ...] = ()
    solution: str = ""
    texts: tuple[str, ...] | None = None  # the texts it is about (None: any text)
    needs: tuple[str, ...] = ()  # the material its text must have, e.g. ("fact sheet",)
    cells: tuple[int, ...] = ()  # its cells' indexes in the source notebook
    skipped: str = ""  # why it is skipped on the text in use ("": it is not)

    @property
    def from_solution(self) -> bool:
        """Whether one of its checks takes its expected value from the solution."""
        return any(check.from_solution for check in (*self.public, *self.hidden))

    def score(self, answers: dict, *, hidden: bool = True, manual: dict | None = None):
        """Score this question from ``answers`` (variable name → plain data)."""
        return _score_question(self, answers, hidden=hidden, manual=manual or {})


@dataclass(frozen=True)
class QuestionResult:
    """How one question scored: ``question`` is its name; ``lines`` are the feedback."""

    question: str
    points: float
    max_points: float
    status: str
    lines: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The result as plain data (for JSON and reports).

        >>> QuestionResult("q1", 1, 2, "partial", ["partly right: ..."]).to_dict()["status"]
        'partial'
        """
        return {
            "question": self.question,
            "points": self.points,
            "max_points": self.max_points,
            "status": self.status,
            "lines": list(self.lines),
        }


@dataclass(frozen=True)
class Exercise:
    """An exercise: its name, source path, title and questions in order."""

    name: str
    path: Path | None
    title: str
    questions: tuple[Question, ...]
    notebook: dict | None = field(default=None, repr=False, compare=False)
    default_text: str | None = None  # TEXT in the parameters cell (None: no such cell)
    parameters_cell: int | None = None  # its index in the notebook's cells
    text: dict | None = None  # the text in use, once chosen (see ``on_text.for_text``)

    @property
    def max_points(self) -> float:
        """The total points of the questions (those graded by hand included; skipped ones not)."""
        return _round(sum(q.points for q in self.questions if not q.skipped))

    @property
    def variables(self) -> list[str]:
        """The names the student assigns, one per question, in order."""
        return [question.variable for question in self.questions]

    def question(self, name: str) -> Question:
        """The question called ``name`` (KeyError if there is none)."""
        for question in self.questions:
            if question.name == name:
                return question
        raise KeyError(name)

    def score(self, answers: dict, *, hidden: bool = True, manual: dict | None = None):
        """Score plain answers: one ``QuestionResult`` per question, in order.

        ``answers`` maps variable names to plain data (absent = not answered).
        ``hidden=False`` runs the public checks only (what a student sees);
        ``manual`` maps question names to the points given by hand.
        """
        manual = {getattr(key, "name", key): points for key, points in (manual or {}).items()}
        return [q.score(answers, hidden=hidden, manual=manual) for q in self.questions]

    def public_data(self) -> dict:
        """What a student may see: questions, points and public checks (no key, no solution)."""
        data = {
            "exercise": self.name,
            "title": self.title,
            "questions": [
                {
                    "name": q.name,
                    "kind": q.kind,
                    "points": q.points,
                    "variable": q.variable,
                    "manual": q.manual,
                    "public": [check.to_data() for check in q.public],
                    "hidden_checks": len(q.hidden),
                    **({"skipped": q.skipped} if q.skipped else {}),
                }
                for q in self.questions
            ],
        }
        if self.text is not None:  # an exercise on any text says which one these checks are for
            data["text"] = dict(self.text)
        return data


def _round(points: float) -> float:
    points = round(float(points), 2)
    return int(points) if points.is_integer() else points


def _score_question(question: Question, answers: dict, *, hidden: bool, manual: dict):
    if question.skipped:  # not about the text in use: worth nothing, out of the maximum
        return QuestionResult(question.name, 0, 0, "skipped", [f"skipped: {question.skipped}"])
    result = _auto_score(question, answers, hidden=hidden)
    if not question.manual:
        return result
    lines = [line for line in result.lines]
    if question.name in manual:
        given = manual[question.name]
        try:
            points = min(max(float(given), 0.0), float(question.points))
        except (TypeError, ValueError):
            lines.append(f"error: the hand-given score {given!r} is not a number.")
            return QuestionResult(question.name, 0, question.points, "error", lines)
        points = _round(points)
        most = _round(question.points)
        lines.append(
            f"graded by your instructor: {points} of {most} point{'' if most == 1 else 's'}."
        )
        status = "passed" if points >= question.points else ("partial" if points > 0 else "failed")
        return QuestionResult(question.name, points, _round(question.points), status, lines)
    if result.status in ("missing", "error"):
        return QuestionResult(question.name, 0, _round(question.points), result.status, lines)
    lines.append("graded by your instructor: the points for this answer are given by hand.")
    return QuestionResult(question.name, 0, _round(question.points), "manual", lines)


def _auto_score(question: Question, answers: dict, *, hidden: bool) -> QuestionResult:
    name, variable, most = question.name, question.variable, _round(question.points)

    def result(status, lines, fraction=0.0):
        return QuestionResult(name, _round(most * fraction), most, status, lines)

    if type(answers) is not dict or variable not in answers:
        return result(
            "missing",
            [
                f"not answered: there is no {variable} yet. Write your answer after "
                f"`{variable} =` and run that cell."
            ],
        )
    value = answers[variable]
    if not well_formed(value):
        return result("error", [f"look again: {variable} could not be read; run its cell again."])
    if is_marker(value, "placeholder"):
        return result(
            "missing",
            [
                f"not answered: {variable} still holds `...`, the placeholder. Replace "
                "`...` with your answer and run the cell."
            ],
        )
    if is_marker(value, "error"):
        what = value.get("error") or "an error"
        return result(
            "error",
            [f"look again: Python raised {what} while reading {variable}; run its cell again."],
        )
    if is_marker(value, "too_large"):
        return result("failed", [f"look again: {variable} is too large to check."])
    if question.kind == "chart" and chart_slip(value, variable):  # the title, not the chart
        return result("failed", [chart_slip(value, variable)])
    if is_marker(value) and value[MARK] not in _READABLE:
        kind = value.get("type") or value[MARK]
        return result(
            "failed",
            [
                f"look again: {variable} holds a {kind} object, which the kit cannot check. "
                "Give a plain value (text, number, list, table or chart)."
            ],
        )
    problem = type_problem(question.kind, value, variable)
    if problem:
        return result("failed", [problem])
    checks = [*question.public, *(question.hidden if hidden else ())]
    lines, fraction = [], 1.0
    reported: set = set()  # columns already said to be missing
    for check in checks:
        try:
            outcome = check.run(value)
        except Exception as error:  # a check that cannot read this answer: say so, score 0
            outcome = Outcome(
                0.0, f"error: this check could not run ({type(error).__name__}); tell your teacher."
            )
            lines.append(outcome.line)
            return result("error", lines)
        absent = absent_columns(check, value) if outcome.fraction < 1 else set()
        if absent and absent <= reported:
            fraction *= outcome.fraction  # "no column named ..." was said by an earlier check
            continue
        reported |= absent
        if outcome.line not in lines:  # a public and a hidden check may say the same
            lines.append(outcome.line)
        fraction *= outcome.fraction
    if not checks:
        lines.append("passed: your answer is in place (this question has no checks here).")
    if fraction >= 1:
        return result("passed", lines, 1.0)
    return result("partial" if fraction > 0 else "failed", lines, fraction)


def load_exercise(name_or_path) -> Exercise:
    """The exercise named ``name_or_path`` (in ``exercises/source/``) or at that path.

    >>> load_exercise("ex00_practice").questions[0].kind
    'label'
    """
    from .source import find_source, read_source

    return read_source(find_source(name_or_path))
