"""Your labels beside the expert's: where you agree, how often, and beyond chance.

>>> import pandas as pd
>>> mine = pd.DataFrame({"annotator": "me", "sentence_id": [1, 2, 3],
...                      "label": ["fact", "opinion", "fact"]})
>>> key = pd.DataFrame({"annotator": "expert", "sentence_id": [1, 2, 3],
...                     "label": ["fact", "opinion", "opinion"],
...                     "alternatives": [[], [], ["fact"]]})
>>> result = compare(mine, key)
>>> result.table[["sentence_id", "mine", "expert", "agree"]].values.tolist()
[[1, 'fact', 'fact', True], [2, 'opinion', 'opinion', True], [3, 'fact', 'opinion', True]]
>>> result.accuracy, round(result.kappa, 3)
(1.0, 0.4)
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from ..errors import AnnotationError, describe
from .checks import check_same_text, checked_labels, scheme_for


def cohens_kappa(first: list, second: list) -> float:
    """Cohen's kappa between two lists of labels for the same items.

    kappa = (p_o - p_e) / (1 - p_e), where p_o is the share of items on which
    the two agree and p_e the share they would agree on by chance, given how
    often each uses each label. 1 is perfect agreement, 0 no better than
    chance. NaN when chance agreement is already total (both use one label).

    >>> cohens_kappa(["a", "a", "b", "b"], ["a", "b", "b", "b"])
    0.5
    """
    if len(first) != len(second) or not first:
        raise AnnotationError("Cohen's kappa needs two equally long, non-empty lists of labels.")
    count = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / count
    labels = set(first) | set(second)
    chance = sum((first.count(label) / count) * (second.count(label) / count) for label in labels)
    if chance == 1:
        return math.nan
    return (observed - chance) / (1 - chance)


@dataclass
class Comparison:
    """The result of ``kit.compare``: ``table``, ``accuracy``, ``kappa``, ``confusion``."""

    table: object
    accuracy: float
    kappa: float | None
    confusion: object
    labelled: int
    total: int
    unit: str
    precision: float | None = None

    @property
    def disagreements(self):
        """The rows where you and the expert differ (the ones to discuss)."""
        return self.table[self.table.agree.eq(False)]

    def summary(self) -> str:
        """The figures in a sentence or two."""
        if self.unit == "span":
            return (
                f"You found {_percent(self.accuracy)} of the expert's {self.total} marked "
                f"phrases (same technique, overlapping words); {_percent(self.precision)} of "
                f"your {self.labelled} marks match one of the expert's."
            )
        kappa = (
            "not defined (you and the expert used one and the same label throughout, so "
            "chance alone explains the agreement)"
            if self.kappa is not None and math.isnan(self.kappa) and self.labelled
            else "not defined (nothing labelled yet)"
            if self.kappa is None or math.isnan(self.kappa)
            else f"{self.kappa:.2f}"
        )
        return (
            f"You labelled {self.labelled} of {self.total} sentences. You agree with the "
            f"expert on {_percent(self.accuracy)} of them (an accepted alternative counts as "
            f"agreement). Cohen's kappa on the expert's main label: {kappa} "
            "(1 = always agree, 0 = no better than chance)."
        )

    def __repr__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(self.summary())}</p>" + self.table.to_html(index=False)


def compare(labels, key, scheme=None) -> Comparison:
    """Compare one annotator's ``labels`` with an expert ``key`` (from ``kit.expert_key``).

    For sentence labels: one row per sentence of the key with ``mine``,
    ``expert``, ``alternatives`` and ``agree``. A label the expert lists as an
    accepted alternative counts as agreement in ``agree`` and ``accuracy``.
    Cohen's kappa uses the expert's main label only, over the sentences you
    labelled: it corrects plain agreement for the agreement two readers would
    reach by chance, given how often each uses each label. ``confusion``
    counts your labels (rows) against the expert's (columns).

    For phrase labels (techniques): one row per expert phrase and per phrase of
    yours; two marks agree when they overlap and carry the same technique.
    ``accuracy`` is the share of expert phrases you found, ``precision`` the
    share of your marks the expert made too; kappa is not defined.
    """
    labels = _table(labels, "labels")
    key = _table(key, "key")
    names = labels.annotator.unique() if "annotator" in labels else []
    if len(names) > 1:
        raise AnnotationError(
            f"compare() takes one annotator's labels; these hold {len(names)} "
            f"({', '.join(map(str, names[:5]))}). Pick one, e.g. "
            "labels[labels.annotator == 'Sam'], or use kit.agreement() for a class."
        )
    mine_scheme, key_scheme = labels.attrs.get("scheme"), key.attrs.get("scheme")
    if mine_scheme and key_scheme and mine_scheme != key_scheme:
        raise AnnotationError(
            f"These labels use the {mine_scheme!r} scheme, the key the {key_scheme!r} scheme: "
            f"compare them with kit.expert_key(doc, scheme={mine_scheme!r})."
        )
    unit = _unit(labels, key, scheme)
    check_same_text(labels, key, unit)
    known = scheme_for(key, scheme) or scheme_for(labels)
    key = checked_labels(key, known, "the key")
    labels = checked_labels(labels, known, "your labels")
    if unit == "span":
        for table, what in ((labels, "labels"), (key, "key")):
            missing = {"start", "end", "phrase"} - set(table.columns)
            if missing:
                raise AnnotationError(
                    f"Phrase labels need start, end and phrase columns; the {what} table "
                    f"lacks {', '.join(sorted(missing))}."
                )
        return _compare_spans(labels, key)
    return _compare_sentences(labels, key, _label_order(labels, key, scheme))


def _compare_sentences(labels, key, known: tuple[str, ...]) -> Comparison:
    import pandas as pd

    if labels.sentence_id.duplicated().any():
        raise AnnotationError(
            "These labels give some sentences more than one label; compare() expects one per "
            "sentence (or pass scheme='techniques' for phrase labels)."
        )
    mine = dict(zip(labels.sentence_id, labels.label, strict=True))
    rows = []
    for row in key.itertuples(index=False):
        alternatives = _alternatives(getattr(row, "alternatives", None))
        chosen = mine.get(row.sentence_id)
        agree = None if chosen is None else (chosen == row.label or chosen in alternatives)
        rows.append(
            {
                "sentence_id": row.sentence_id,
                "mine": chosen,
                "expert": row.label,
                "alternatives": alternatives,
                "agree": agree,
                "rationale": getattr(row, "rationale", ""),
                "sentence": getattr(row, "phrase", ""),
            }
        )
    table = pd.DataFrame(
        rows,
        columns=["sentence_id", "mine", "expert", "alternatives", "agree", "rationale", "sentence"],
    )
    table["agree"] = table["agree"].astype("boolean")
    both = table[table.mine.notna()]
    accuracy = float(both.agree.mean()) if len(both) else math.nan
    kappa = cohens_kappa(list(both.mine), list(both.expert)) if len(both) else math.nan
    order = list(dict.fromkeys([*known, *key.label, *both.mine]))
    confusion = pd.crosstab(
        pd.Categorical(both.mine, categories=order),
        pd.Categorical(both.expert, categories=order),
        rownames=["mine"],
        colnames=["expert"],
        dropna=False,
    )
    return Comparison(table, accuracy, kappa, confusion, len(both), len(table), "sentence")


def _compare_spans(labels, key) -> Comparison:
    import pandas as pd

    def overlaps(a, b):
        return a.sentence_id == b.sentence_id and a.start < b.end and b.start < a.end

    mine = list(labels.itertuples(index=False))
    used = set()
    rows, pairs = [], []
    for expert in key.itertuples(index=False):
        near = [(i, m) for i, m in enumerate(mine) if overlaps(m, expert)]
        match = next(((i, m) for i, m in near if m.label == expert.label), None)
        pairs += [(m.label, expert.label) for _, m in near] or [("(none)", expert.label)]
        if match:
            used.add(match[0])
        rows.append(
            {
                "sentence_id": expert.sentence_id,
                "phrase": expert.phrase,
                "mine": match[1].label if match else None,
                "expert": expert.label,
                "agree": match is not None,
                "rationale": getattr(expert, "rationale", ""),
            }
        )
    for index, mark in enumerate(mine):
        if index in used:
            continue
        if not any(overlaps(mark, e) for e in key.itertuples(index=False)):
            pairs.append((mark.label, "(none)"))
        rows.append(
            {
                "sentence_id": mark.sentence_id,
                "phrase": mark.phrase,
                "mine": mark.label,
                "expert": None,
                "agree": False,
                "rationale": "",
            }
        )
    table = pd.DataFrame(
        rows, columns=["sentence_id", "phrase", "mine", "expert", "agree", "rationale"]
    ).sort_values("sentence_id", kind="stable", ignore_index=True)
    table["agree"] = table["agree"].astype("boolean")
    found = int(table[table.expert.notna()].agree.sum())
    recall = found / len(key) if len(key) else math.nan
    precision = len(used) / len(mine) if mine else math.nan
    confusion = pd.crosstab(
        pd.Series([p[0] for p in pairs], name="mine", dtype=object),
        pd.Series([p[1] for p in pairs], name="expert", dtype=object),
    )
    return Comparison(table, recall, None, confusion, len(mine), len(key), "span", precision)


def _table(value, what: str):
    import pandas as pd

    if hasattr(value, "labels") and not isinstance(value, pd.DataFrame):
        value = value.labels  # an Annotator
    if not isinstance(value, pd.DataFrame):
        raise AnnotationError(
            f"compare() takes {what} as a table (a DataFrame, e.g. annotator.labels or "
            f"kit.expert_key(doc)), not {describe(value)}."
        )
    needed = {"sentence_id", "label"}
    missing = needed - set(value.columns)
    if missing:
        raise AnnotationError(
            f"The {what} table lacks the column(s) {', '.join(sorted(missing))}; it has "
            f"{', '.join(map(str, value.columns))}."
        )
    return value


def _unit(labels, key, scheme) -> str:
    if scheme is not None:
        from .scheme import load_scheme

        return load_scheme(scheme).unit
    for table in (key, labels):
        if table.attrs.get("unit"):
            return table.attrs["unit"]
    if key.sentence_id.duplicated().any() or labels.sentence_id.duplicated().any():
        return "span"
    return "sentence"


def _label_order(labels, key, scheme) -> tuple[str, ...]:
    """The scheme's own order of labels, for the confusion table, where it is known."""
    if scheme is not None:
        from .scheme import load_scheme

        return load_scheme(scheme).ids
    return key.attrs.get("labels") or labels.attrs.get("labels") or ()


def _alternatives(value) -> list[str]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]
    return list(value)


def _percent(value) -> str:
    return "—" if value is None or math.isnan(value) else f"{value:.0%}"
