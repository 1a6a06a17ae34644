"""Krippendorff's alpha and Fleiss' kappa from label counts per sentence, fast for big classes.

The figures equal NLTK's ``AnnotationTask.alpha()`` and ``.pi()`` (tests check them to
1e-9), but NLTK's multi-rater pi averages over every pair of annotators, and a class of 300
has 44,850 pairs. Both coefficients only need how many people chose each label on each
sentence, a table of sentences x labels, so the time grows with the labels read, not with
the pairs of people.

>>> import pandas as pd
>>> counts = pd.DataFrame({"fact": [3, 1, 0], "opinion": [0, 2, 3]}, index=[1, 2, 3])
>>> round(alpha_from_counts(counts), 4), round(fleiss_from_counts(counts), 4)
(0.6, 0.55)
"""

from __future__ import annotations

import math


def alpha_from_counts(counts, distance=None) -> float:
    """Krippendorff's alpha from a sentences x labels table of counts.

    Sentences fewer than two people labelled are left out (they pair with
    nobody). ``distance(a, b)`` compares two labels (default: 0 when equal,
    1 when not, the nominal alpha); the labels are the table's columns.
    Returns NaN when the labels kept show no variation to measure against.

    >>> import pandas as pd
    >>> alpha_from_counts(pd.DataFrame({"fact": [2, 1], "opinion": [0, 1]}))
    0.0
    """
    import numpy as np

    values = counts.to_numpy(dtype=float)
    per_unit = values.sum(axis=1)
    values, per_unit = values[per_unit >= 2], per_unit[per_unit >= 2]
    totals = values.sum(axis=0)
    n = per_unit.sum()
    if n < 2:
        return math.nan
    if distance is None:
        # Pairs of different labels in a sentence: n_i^2 minus the pairs of equal labels.
        pairs = per_unit**2 - (values**2).sum(axis=1)
        expected_pairs = n**2 - (totals**2).sum()
    else:
        labels = list(counts.columns)
        # distance(l, j) for label j in the row and l in the column, NLTK's order.
        far = np.array([[float(distance(other, label)) for other in labels] for label in labels])
        pairs = ((values @ far) * values).sum(axis=1)
        expected_pairs = totals @ far @ totals
    observed = (pairs / (per_unit - 1)).sum() / n
    expected = expected_pairs / (n * (n - 1))
    if expected == 0:
        return math.nan
    return float(1.0 - observed / expected)


def fleiss_from_counts(counts) -> float:
    """Fleiss' kappa (multi-rater pi) from the counts of sentences everyone labelled.

    Every row must add up to the same number of people. Returns NaN when
    fewer than two labels were used (chance alone would agree as well).

    >>> import pandas as pd
    >>> fleiss_from_counts(pd.DataFrame({"fact": [2, 0], "opinion": [0, 2]}))
    1.0
    """
    values = counts.to_numpy(dtype=float)
    values = values[:, values.sum(axis=0) > 0]
    if values.shape[0] == 0 or values.shape[1] < 2:
        return math.nan
    people = values[0].sum()
    items = values.shape[0]
    # Share of agreeing pairs of people per sentence, averaged: NLTK's average over pairs.
    observed = ((values * (values - 1)).sum(axis=1) / (people * (people - 1))).mean()
    expected = float((values.sum(axis=0) ** 2).sum() / (items * people) ** 2)
    if math.isclose(expected, 1.0):  # as NLTK: perfect agreement when chance is certain
        return 1.0 if math.isclose(observed, 1.0) else math.nan
    return float((observed - expected) / (1.0 - expected))
