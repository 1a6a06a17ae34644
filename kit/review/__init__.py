"""Class review: what a class's saved annotations say, for the instructor.

``kit.review(folder)`` reads every student's annotations file in a class's
submissions and returns a ``ClassReview`` (agreement, label shares, the most
disputed sentences beside the expert's key, each student against the key,
the problem files); ``.write(folder)`` writes a report for a browser. The
command line: ``kit review SUBMISSIONS --out DIR``.
"""

from .result import ClassReview
from .review import review

__all__ = ["ClassReview", "review"]
