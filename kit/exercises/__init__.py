"""Auto-graded exercises: the source format, release, the student's check, scoring.

An exercise is one source notebook in ``exercises/source/`` (questions,
solutions, public and hidden checks); ``kit release`` writes the student's
notebook; ``check("q1")`` gives instant feedback from the public checks; the
class grader scores plain answers with ``Exercise.score``.

>>> from kit.exercises import load_exercise
>>> exercise = load_exercise("ex00_practice")
>>> results = exercise.score({"q1": "fact"}, hidden=True)
>>> results[0].status, results[0].points, results[0].max_points
('passed', 1, 1)
"""

from ..errors import ExerciseFormatError, ExerciseNotFoundError
from .checks import Check, label_key, normalise_label, normalise_words
from .dates import read_date
from .exercise import Exercise, Question, QuestionResult, load_exercise
from .plain import answers_from, is_marker, to_plain
from .release import release
from .source import available_exercises
from .student import Checker

__all__ = [
    "Check",
    "Checker",
    "Exercise",
    "ExerciseFormatError",
    "ExerciseNotFoundError",
    "Question",
    "QuestionResult",
    "answers_from",
    "available_exercises",
    "is_marker",
    "label_key",
    "load_exercise",
    "normalise_label",
    "normalise_words",
    "read_date",
    "release",
    "to_plain",
]
