"""The review's tables: label shares per sentence, the most disputed, each student against the key.

>>> import kit
>>> doc = kit.load("yomiuri-2024-04-06")
>>> labels = kit.synthetic_class(doc, n=4, seed=3)
>>> table = by_student(labels, kit.expert_key(doc), {})
>>> table.columns.tolist()[:4]
['student', 'file', 'name_in_file', 'labelled']
"""

from __future__ import annotations

import math

SHARE_FIXED = ["sentence_id", "annotators", "top_label", "top_share", "labels_used"]


def shares(result, doc, scheme, key):
    """One row per sentence (most disputed first): the class's split, the expert's label, the text.

    ``result`` is the class's ``kit.agreement``. Every label of the scheme has
    a column (0 where no one chose it), in the scheme's order.
    """
    table = result.shares.copy()
    for label in scheme.ids:
        if label not in table.columns:
            table[label] = 0.0
    extra = [c for c in table.columns if c not in SHARE_FIXED and c not in scheme.ids]
    table = table[[*SHARE_FIXED, *scheme.ids, *extra]]
    table = table.merge(_expert_columns(key), on="sentence_id", how="left")
    text = doc.sentences.set_index("sentence_id").text
    table["sentence"] = table.sentence_id.map(text)
    return table


def disputed(share_table, n: int):
    """The ``n`` sentences the class split on most, with the expert's label and reasons."""
    return share_table.head(n).reset_index(drop=True)


def by_student(labels, key, sources: dict):
    """One row per student: how many sentences they labelled, and how many match the expert.

    A match is the expert's label or one of the alternatives the key accepts
    (as ``kit.compare`` counts it). ``sources`` maps a student to (file, the
    name written in the file).
    """
    import pandas as pd

    from ..annotate import compare

    rows = []
    for student, own in labels.groupby("annotator", sort=True):
        file, name = sources.get(student, ("", ""))
        row = {
            "student": student,
            "file": file,
            "name_in_file": name,
            "labelled": int(own.sentence_id.nunique()),
        }
        if key is not None:
            own = own.copy()
            own.attrs.update(labels.attrs)
            comparison = compare(own, key)
            matches = int(comparison.table.agree.fillna(False).sum())
            row.update(
                sentences=comparison.total,
                matching_expert=matches,
                agreement_with_expert=comparison.accuracy,
            )
        rows.append(row)
    columns = ["student", "file", "name_in_file", "labelled"]
    if key is not None:
        columns += ["sentences", "matching_expert", "agreement_with_expert"]
    table = pd.DataFrame(rows, columns=columns)
    if key is not None:
        table["agreement_with_expert"] = table.agreement_with_expert.astype(float)
    return table


def class_row(result, students: int, sentences: int, words: str):
    """The one-row table of the class's agreement."""
    import pandas as pd

    alpha = math.nan if result is None else result.alpha
    kappa = None if result is None else result.fleiss_kappa
    return pd.DataFrame(
        [
            {
                "students": students,
                "sentences": sentences,
                "alpha": alpha,
                "fleiss_kappa": math.nan if kappa is None else kappa,
                "reading": words,
            }
        ]
    )


def _expert_columns(key):
    import pandas as pd

    columns = ["sentence_id", "expert", "alternatives", "rationale"]
    if key is None:
        return pd.DataFrame(columns=columns).astype({"sentence_id": "int64"})
    return pd.DataFrame(
        {
            "sentence_id": key.sentence_id,
            "expert": key.label,
            "alternatives": [", ".join(items) for items in key.alternatives],
            "rationale": key.rationale,
        }
    )
