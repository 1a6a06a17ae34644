"""The labels table every part of annotating shares: one row per label.

Columns: annotator, sentence_id, label, note, start, end, phrase. ``start``
and ``end`` index ``doc.text``, so ``doc.text[start:end] == phrase``.

>>> labels_table([{"sentence_id": 2, "label": "fact", "note": "", "start": 40, "end": 75,
...                "phrase": "The panel was established in 2009."}], "ana").values.tolist()
[['ana', 2, 'fact', '', 40, 75, 'The panel was established in 2009.']]
"""

from __future__ import annotations

LABEL_COLUMNS = ["annotator", "sentence_id", "label", "note", "start", "end", "phrase"]


def labels_table(entries: list[dict], annotator: str):
    """The labels DataFrame for one annotator's list of label dicts."""
    import pandas as pd

    fields = LABEL_COLUMNS[1:]
    rows = [(annotator, *(entry[field] for field in fields)) for entry in entries]
    return tidy_labels(pd.DataFrame(rows, columns=LABEL_COLUMNS))


def tidy_labels(table):
    """Labels in the kit's column order and types, sorted by annotator and place."""
    extra = [column for column in table.columns if column not in LABEL_COLUMNS]
    table = table[LABEL_COLUMNS + extra].copy()
    for column in ("sentence_id", "start", "end"):
        table[column] = table[column].astype("int64")
    for column in ("annotator", "label", "note", "phrase"):
        table[column] = table[column].fillna("").astype(str)
    table = table.sort_values(["annotator", "sentence_id", "start", "label"], kind="stable")
    return table.reset_index(drop=True)
