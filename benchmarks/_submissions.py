"""Generate a class of student submissions of an exercise, deterministically from a seed.

Each submission is the released student notebook with its answer cells filled in: the same
answer code can be put into any grader's version of the notebook (``fill``), so ``kit grade``
and nbgrader grade exactly the same work. The class is a mix:

- ``correct``: every answer cell holds the instructor's solution;
- ``wrong``: some answers are wrong or partly wrong (another label, half the phrases, a number
  off, a table missing rows, a chart without its title), or raise an error;
- ``blank``: the notebook as released, nothing answered;
- hostile: ``infinite_loop``, ``memory_bomb`` (grows until the memory limit stops it),
  ``always_equal`` (answers are objects whose ``==`` always says True) and ``print_flood``
  (prints 10^6 lines before answering correctly).

>>> import json
>>> from kit.exercises import load_exercise
>>> exercise = load_exercise("ex00_practice")
>>> released = json.loads(released_path(exercise).read_text())
>>> cls = generate(exercise, released, count=20, seed=1)
>>> len(cls), {"blank", "correct", "wrong"} <= {s.kind for s in cls}
(20, True)
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from pathlib import Path

HOSTILE = ("infinite_loop", "memory_bomb", "always_equal", "print_flood")

INFINITE_LOOP = "while True:  # never ends\n    pass\n"
MEMORY_BOMB = (
    "hog = []\nwhile True:  # grows until something stops it\n    hog.append('x' * 50_000_000)\n"
)
PRINT_FLOOD = "for line in range(10**6):\n    print(line)\n"
ALWAYS_EQUAL = (
    "class AlwaysEqual:\n"
    "    def __eq__(self, other):\n"
    "        return True\n"
    "    def __ne__(self, other):\n"
    "        return False\n"
    "    __hash__ = object.__hash__\n"
)


@dataclass(frozen=True)
class Slot:
    """One answer cell: its id in the released notebook, its question, the solution code."""

    cell_id: str
    question: object  # kit.exercises.Question
    solution: str


@dataclass
class Submission:
    """One student's work: the kind of submission and the code of each answer cell."""

    student: str
    kind: str
    answers: dict[str, str] = field(default_factory=dict)  # answer cell id -> code


def released_path(exercise) -> Path:
    """The released student notebook of ``exercise`` (next to ``exercises/source/``)."""
    return exercise.path.parent.parent / f"{exercise.name}.ipynb"


def _text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def answer_slots(exercise, released: dict) -> list[Slot]:
    """Pair the source's solution cells with the released notebook's answer cells, in order."""
    from kit.exercises.release import INSTRUCTOR_TAG
    from kit.exercises.source import (
        BEGIN_QUESTION,
        END_QUESTION,
        first_line,
        has_solution,
        solution_code,
    )

    solutions = []
    questions = iter(exercise.questions)
    current = None
    for cell in exercise.notebook["cells"]:
        mark = first_line(_text(cell)) if cell["cell_type"] == "raw" else ""
        if mark == BEGIN_QUESTION:
            current = next(questions)
        elif mark == END_QUESTION:
            current = None
        elif INSTRUCTOR_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        elif cell["cell_type"] == "code" and has_solution(cell) and current is not None:
            solutions.append((current, solution_code(_text(cell))))
    answer_cells = [
        cell
        for cell in released["cells"]
        if cell["cell_type"] == "code" and "answer" in cell.get("metadata", {}).get("tags", [])
    ]
    if len(answer_cells) != len(solutions):
        raise ValueError(
            f"{exercise.name}: {len(solutions)} solution cells in the source but "
            f"{len(answer_cells)} answer cells in the released notebook; run `kit release`."
        )
    return [
        Slot(cell["id"], question, code)
        for cell, (question, code) in zip(answer_cells, solutions, strict=True)
    ]


# -- wrong answers -------------------------------------------------------------------


def _settings(question, name: str) -> list[dict]:
    return [c.settings for c in (*question.public, *question.hidden) if c.name == name]


def _wrong_line(question, rng: random.Random) -> str:
    """A line that, run after the solution, leaves a wrong (or partly wrong) answer."""
    v = question.variable
    kind = question.kind
    if kind == "label":
        right = set()
        for settings in _settings(question, "equals"):
            expected = settings["expected"]
            right.update(expected if isinstance(expected, list) else [expected])
        labels = [x for s in _settings(question, "one_of") for x in s["values"]]
        others = [label for label in labels if label not in right]
        return f"{v} = {rng.choice(others or ['not sure'])!r}"
    if kind == "labels":
        return rng.choice([f"{v} = list({v})[: max(1, len({v}) // 2)]", f"{v} = ['not sure']"])
    if kind == "phrases":
        return rng.choice(
            [f"{v} = list({v})[: max(1, len({v}) // 2)]", f"{v} = list({v})[:1] + ['some words']"]
        )
    if kind == "spans":  # a list of [start, end] pairs or a table: keep the first half
        return f"{v} = {v}[: max(1, len({v}) // 2)]"
    if kind == "number":
        return f"{v} = {v} + {rng.choice([1, 3, 10])}"
    if kind == "text":
        return f"{v} = {rng.choice(['I am not sure.', 'It is an opinion.', 'no idea'])!r}"
    if kind == "dataframe":
        return rng.choice([f"{v} = {v}.head(1)", f"{v} = {v}.iloc[:, :1]"])
    if kind == "chart":
        return rng.choice([f"{v}.set_title('')", f"{v}.set_xlabel('')"])
    return f"{v} = None"


def _answers(slots, kind: str, rng: random.Random) -> dict[str, str]:
    correct = {slot.cell_id: slot.solution for slot in slots}
    if kind == "correct":
        return correct
    if kind == "blank":
        return {}
    if kind == "wrong":
        # The last answer cell of each question decides its variable; spoil some questions.
        last = {slot.question.name: slot for slot in slots}
        graded = [name for name, slot in last.items() if not slot.question.manual]
        spoiled = rng.sample(graded, rng.randint(1, len(graded)))
        spoiled += [name for name in last if name not in graded and rng.random() < 0.5]
        answers = dict(correct)
        for name in spoiled:
            slot = last[name]
            if rng.random() < 0.15:  # a slip that raises: the answer is missing
                line = f"{slot.question.variable} = answer_i_forgot_to_define"
            else:
                line = _wrong_line(slot.question, rng)
            answers[slot.cell_id] = f"{slot.solution}\n{line}"
        return answers
    first = slots[0].cell_id
    if kind == "infinite_loop":
        return {**correct, first: INFINITE_LOOP + correct[first]}
    if kind == "memory_bomb":
        return {**correct, first: MEMORY_BOMB + correct[first]}
    if kind == "print_flood":
        return {**correct, first: PRINT_FLOOD + correct[first]}
    if kind == "always_equal":
        answers = dict(correct)
        for slot in {slot.question.name: slot for slot in slots}.values():
            answers[slot.cell_id] = (
                f"{slot.solution}\n{ALWAYS_EQUAL}{slot.question.variable} = AlwaysEqual()"
            )
        return answers
    raise ValueError(f"unknown kind of submission: {kind!r}")


def mix(count: int, hostile: float = 0.04) -> list[str]:
    """The kinds of ``count`` submissions: ``hostile`` of them shared among the four attacks,
    then 10% blank, 30% wrong, the rest correct.

    >>> from collections import Counter
    >>> Counter(mix(200))
    Counter({'correct': 113, 'wrong': 60, 'blank': 19, 'infinite_loop': 2, 'memory_bomb': 2, 'always_equal': 2, 'print_flood': 2})
    """
    attacks = round(count * hostile)
    kinds = [HOSTILE[i % len(HOSTILE)] for i in range(attacks)]
    rest = count - len(kinds)
    blank = round(rest * 0.1)
    wrong = round(count * 0.3)
    kinds += ["blank"] * blank + ["wrong"] * min(wrong, rest - blank)
    return kinds + ["correct"] * (count - len(kinds))


def generate(exercise, released: dict, *, count: int = 200, seed: int = 5,
             hostile: float = 0.04) -> list[Submission]:  # fmt: skip
    """``count`` submissions in a shuffled, seeded order; students are named student001, …"""
    rng = random.Random(seed)
    slots = answer_slots(exercise, released)
    kinds = mix(count, hostile)
    rng.shuffle(kinds)
    width = max(3, len(str(count)))
    return [
        Submission(f"student{number:0{width}d}", kind, _answers(slots, kind, rng))
        for number, kind in enumerate(kinds, start=1)
    ]


def fill(notebook: dict, answers: dict[str, str], cell_key) -> dict:
    """A copy of ``notebook`` with each answer cell's code replaced by the student's.

    ``cell_key(cell)`` names a cell as the answers do (our cell id, nbgrader's grade id).
    """
    filled = copy.deepcopy(notebook)
    for cell in filled["cells"]:
        key = cell_key(cell)
        if cell["cell_type"] == "code" and key in answers:
            cell["source"] = answers[key]
    return filled


def released_cell_id(cell: dict):
    """How our released notebook names a cell for ``fill``: its id."""
    return cell.get("id")
