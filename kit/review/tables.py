"""The review's tables: label shares per sentence, the most disputed, each student against the key.

>>> import kit
>>> doc = kit.load("yomiuri-2024-04-06")
>>> labels = kit.synthetic_class(doc, n=4, seed=3)
>>> table = by_student(labels, kit.expert_key(doc), {})
>>> table.columns.tolist()[:4]
['student', 'file', 'name_in_file', 'labelled']
>>> bool(table.complete.all()), int(table.sentences.iloc[0])
(True, 22)
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
    """The ``n`` sentences the class split on most, with the expert's label and reasons.

    A sentence every student gave the same label is not disputed, however it ranks.
    """
    if len(share_table) == 0:
        return share_table.head(0).reset_index(drop=True)
    split = share_table[share_table.top_share < 1]
    return split.head(n).reset_index(drop=True)


def by_student(labels, key, sources: dict, sentences: int | None = None):
    """One row per student: how much of the text they labelled, and how much matches the expert.

    ``labelled`` of ``sentences`` (the text's sentences) is the student's
    coverage; ``complete`` says whether they labelled every sentence. A match
    is the expert's label or one of the alternatives the key accepts (as
    ``kit.compare`` counts it). ``agreement_with_expert`` is over every
    sentence of the key, so a sentence left unlabelled counts as not
    matching: a student who labelled 10 of 22 cannot outrank one who
    labelled all. ``key_sentences`` is how many sentences the key labels
    (normally all). ``agreement_where_labelled`` is over the sentences the
    student labelled. ``sources`` maps a student to (file, the name written
    in the file).
    """
    import pandas as pd

    columns = ["student", "file", "name_in_file", "labelled", "sentences", "complete"]
    own = labels[["annotator", "sentence_id", "label"]].drop_duplicates()
    table = own.groupby("annotator").sentence_id.nunique().rename("labelled").reset_index()
    table = table.rename(columns={"annotator": "student"})
    table["file"] = [sources.get(name, ("", ""))[0] for name in table.student]
    table["name_in_file"] = [sources.get(name, ("", ""))[1] for name in table.student]
    if sentences is None:
        sentences = len(key) if key is not None else int(own.sentence_id.nunique())
    table["sentences"] = int(sentences)
    table["complete"] = (table.labelled >= table.sentences).astype(bool)
    if key is None:
        return pd.DataFrame(table[columns]).sort_values("student", ignore_index=True)
    accepted = {
        row.sentence_id: {row.label, *row.alternatives} for row in key.itertuples(index=False)
    }
    own = own[own.sentence_id.isin(accepted)]
    own = own.assign(
        match=[
            label in accepted[sid] for sid, label in zip(own.sentence_id, own.label, strict=True)
        ]
    )
    counted = own.groupby("annotator").agg(compared=("match", "size"), matching=("match", "sum"))
    table["matching_expert"] = table.student.map(counted.matching).fillna(0).astype(int)
    table["key_sentences"] = len(accepted)
    table["agreement_with_expert"] = (table.matching_expert / max(len(accepted), 1)).astype(float)
    compared = table.student.map(counted.compared)
    table["agreement_where_labelled"] = (table.matching_expert / compared).astype(float)
    columns += [
        "key_sentences",
        "matching_expert",
        "agreement_with_expert",
        "agreement_where_labelled",
    ]
    return pd.DataFrame(table[columns]).sort_values("student", ignore_index=True)


def incomplete(table) -> list:
    """The students of a ``by_student`` table who left sentences unlabelled, as problems."""
    from .reading import Problem

    against_key = "matching_expert" in table.columns
    return [
        Problem(
            row.student,
            row.file,
            "incomplete",
            f"labelled {row.labelled} of the {row.sentences} sentences"
            + (
                f"; the {row.sentences - row.labelled} left unlabelled count as not matching "
                "the expert"
                if against_key
                else ""
            ),
            counted=True,
        )
        for row in table.itertuples(index=False)
        if not row.complete
    ]


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
