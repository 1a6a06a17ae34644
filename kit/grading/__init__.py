"""Grade a class: each submission runs in its own confined child; the parent scores it.

>>> from kit.grading import grade
>>> batch = grade("ex00_practice", "submissions/", "grades/")   # doctest: +SKIP
>>> print(batch.summary())                                       # doctest: +SKIP
40 submissions (40 run, 0 unchanged): 40 graded; mean 20.1 / 27
"""

from .batch import Batch, Graded, grade

__all__ = ["Batch", "Graded", "grade"]
