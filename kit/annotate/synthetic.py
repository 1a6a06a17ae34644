"""A made-up class: labels generated from the expert key with noise, for demonstrations.

These are NOT real students' answers. Every annotator is named
``synthetic-01``, ``synthetic-02``..., and the table says so in
``table.attrs["synthetic"]``.

>>> import kit
>>> doc = kit.load("yomiuri-2024-04-06")
>>> made_up = kit.synthetic_class(doc, n=3, seed=1)
>>> made_up.annotator.unique().tolist(), made_up.attrs["synthetic"]
(['synthetic-01', 'synthetic-02', 'synthetic-03'], True)
"""

from __future__ import annotations

import random

from ..errors import ArgumentError, describe
from .key import expert_key
from .labels import tidy_labels
from .scheme import load_scheme


def synthetic_class(doc, n: int = 12, seed: int = 0, scheme="claims"):
    """Labels of ``n`` made-up students, drawn from ``doc``'s expert key with noise.

    Each synthetic student has a skill between 55% and 90%: with that chance a
    sentence gets the expert's label or one of its accepted alternatives (where
    reasonable readers differ, the alternatives are picked often), otherwise a
    label at random. The same ``seed`` gives the same class. Raises
    ``NoExpertKeyError`` when the text has no key.
    """
    import pandas as pd

    if isinstance(n, bool) or not isinstance(n, int) or not 2 <= n <= 500:
        raise ArgumentError(
            f"n= is how many students to make up, from 2 to 500, not {describe(n)}."
        )
    scheme = load_scheme(scheme)
    key = expert_key(doc, scheme)
    rng = random.Random(seed)
    rows = []
    for number in range(1, n + 1):
        name = f"synthetic-{number:02d}"
        skill = rng.uniform(0.55, 0.9)
        for row in key.itertuples(index=False):
            if scheme.marks_spans:
                if rng.random() > skill:
                    continue  # missed this phrase
                label = row.label if rng.random() < 0.8 else rng.choice(scheme.ids)
            elif rng.random() < skill:
                choices = [row.label, *row.alternatives]
                weights = [1.0] + [0.7] * len(row.alternatives)
                label = rng.choices(choices, weights)[0]
            else:
                label = rng.choice(scheme.ids)
            rows.append((name, row.sentence_id, label, "", row.start, row.end, row.phrase))
    columns = ["annotator", "sentence_id", "label", "note", "start", "end", "phrase"]
    table = tidy_labels(pd.DataFrame(rows, columns=columns))
    if scheme.marks_spans:
        table = table.drop_duplicates(["annotator", "sentence_id", "start", "end", "label"])
        table = table.reset_index(drop=True)
    table.attrs.update(synthetic=True, unit=scheme.unit, scheme=scheme.name, labels=scheme.ids)
    return table
