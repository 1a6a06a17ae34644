"""How far a class agrees: Krippendorff's alpha, Fleiss' kappa, and the sentences that split it.

The coefficients are computed from how many people chose each label on each sentence
(``coefficients.py``), in time that grows with the labels read, not with the pairs of
annotators; they equal NLTK's ``AnnotationTask`` alpha and multi-rater pi, which the tests
check. Label sets (phrase labels) use NLTK's MASI distance.

>>> import pandas as pd
>>> many = pd.DataFrame({
...     "annotator": ["a", "b", "c"] * 4,
...     "sentence_id": [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4],
...     "label": ["fact", "fact", "fact", "opinion", "opinion", "fact",
...               "opinion", "opinion", "opinion", "prediction", "opinion", "prediction"],
... })
>>> result = agreement(many)
>>> round(result.alpha, 4), round(result.fleiss_kappa, 4)
(0.5, 0.4545)
>>> result.most_disputed(2).sentence_id.tolist()
[2, 4]
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from ..errors import AnnotationError, describe
from .checks import check_one_text, checked_labels, scheme_for
from .coefficients import alpha_from_counts, fleiss_from_counts


@dataclass
class Agreement:
    """The result of ``kit.agreement``: coefficients and one row of label shares per sentence."""

    alpha: float
    fleiss_kappa: float | None
    annotators: int
    sentences: int
    complete_sentences: int
    shares: object
    sets: bool = False
    alpha_note: str = ""  # why alpha is not defined, when it is not
    kappa_note: str = ""  # why Fleiss' kappa is not given, when it is not

    def most_disputed(self, n: int = 5):
        """The ``n`` sentences the class split on most: discussion starters."""
        return self.shares.head(n)

    def summary(self) -> str:
        """The figures in words."""
        if self.fleiss_kappa is None or math.isnan(self.fleiss_kappa):
            kappa = f"not defined ({self.kappa_note or 'too few labels'})"
        else:
            kappa = (
                f"{self.fleiss_kappa:.2f} (on the {self.complete_sentences} sentences "
                "everyone labelled)"
            )
        alpha = (
            f"not defined ({self.alpha_note or 'too few labels'})"
            if math.isnan(self.alpha)
            else f"{self.alpha:.2f}"
        )
        return (
            f"{self.annotators} annotators, {self.sentences} sentences. Krippendorff's alpha: "
            f"{alpha}; Fleiss' kappa: {kappa}. Both are 1 when everyone agrees and "
            "about 0 when agreement is no better than chance; Krippendorff suggests relying "
            "on labels only from alpha ≥ 0.8, and drawing tentative conclusions from 0.667."
        )

    def __repr__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(self.summary())}</p>" + self.most_disputed().to_html(index=False)


def agreement(many_labels) -> Agreement:
    """Agreement among many annotators' labels (stacked: annotator, sentence_id, label).

    ``alpha`` is Krippendorff's alpha (nominal labels), over every sentence at
    least two people labelled. ``fleiss_kappa`` is Fleiss' kappa (NLTK's
    multi-rater pi), over the sentences every annotator labelled. ``shares``
    has one row per sentence: how many labelled it, the share of each label,
    the most chosen label and its share — the most disputed sentences first.
    Phrase labels (several per sentence) are compared as sets of labels per
    sentence, with the MASI distance; Fleiss' kappa is then left out.
    """
    import pandas as pd

    table = _stacked(many_labels)
    check_one_text(table)
    table = checked_labels(table, scheme_for(table), "these labels")
    people = sorted(table.annotator.unique())
    if len(people) < 2:
        raise AnnotationError(
            f"Agreement needs the labels of at least two annotators; these hold "
            f"{len(people)} ({', '.join(map(str, people))}). Stack several with pd.concat([...])."
        )
    grouped = table.groupby(["annotator", "sentence_id"]).label
    sets = table.attrs.get("unit") == "span" or bool((grouped.size() > 1).any())
    distance = None
    if sets:
        # Only NLTK's MASI distance is used; every coefficient is computed from counts, for
        # every case (tests/test_annotate_agreement_fast.py checks them against AnnotationTask).
        from nltk.metrics.distance import masi_distance

        items = _label_sets(grouped, people)
        distance = masi_distance
    else:
        items = table[["annotator", "sentence_id", "label"]]
    counts = items.groupby("sentence_id").annotator.nunique()
    shared = items[items.sentence_id.isin(counts[counts >= 2].index)]
    alpha, alpha_why = math.nan, ""
    if shared.empty:
        alpha_why = "no sentence was labelled by two people"
    elif shared.label.nunique() < 2:
        alpha_why = (
            f"everyone used the same label ({_worded(shared.label.iloc[0])}), so there is no "
            "variation to measure agreement against"
        )
    else:
        alpha = alpha_from_counts(_label_counts(shared), distance)
    complete = sorted(counts[counts == len(people)].index)
    kappa, kappa_why = None, "not computed for phrase labels" if sets else ""
    if not sets and not complete:
        kappa_why = "no sentence was labelled by everyone"
    if not sets and complete:
        kappa = fleiss_from_counts(_label_counts(items[items.sentence_id.isin(complete)]))
        if math.isnan(kappa):
            kappa_why = "everyone used the same label on the sentences all labelled"
    readers = counts if not sets else pd.Series(len(people), index=counts.index)
    return Agreement(
        alpha=alpha,
        alpha_note=alpha_why,
        kappa_note=kappa_why,
        fleiss_kappa=kappa,
        annotators=len(people),
        sentences=int(counts.size),
        complete_sentences=len(complete),
        shares=_shares(table, readers.rename("annotators"), pd),
        sets=sets,
    )


NO_MARK = "(none)"


def _worded(label) -> str:
    return (
        "none marked"
        if label == frozenset([NO_MARK])
        else (", ".join(sorted(label)) if isinstance(label, frozenset) else repr(label))
    )


def _label_counts(items):
    """Sentences x labels: how many people chose each label (or label set) on each sentence."""
    counts = items.groupby(["sentence_id", "label"], sort=False).size()
    return counts.unstack(fill_value=0)


def _label_sets(grouped, people):
    """Each annotator's set of labels per sentence; a sentence someone marked and another
    did not counts as the set {"(none)"} for the other: they read it and marked nothing."""
    import pandas as pd

    marked = grouped.agg(frozenset)
    sentences = marked.index.get_level_values("sentence_id").unique()
    every = pd.MultiIndex.from_product([people, sentences], names=["annotator", "sentence_id"])
    filled = marked.reindex(every).apply(
        lambda labels: labels if isinstance(labels, frozenset) else frozenset([NO_MARK])
    )
    return filled.rename("label").reset_index()


def _shares(table, readers, pd):
    counts = table.groupby(["sentence_id", "label"]).annotator.nunique().unstack(fill_value=0)
    order = list(dict.fromkeys(table.label))
    shares = counts[[label for label in order if label in counts.columns]].div(readers, axis=0)
    top = shares.idxmax(axis=1).rename("top_label")
    top_share = shares.max(axis=1).rename("top_share")
    spread = (shares > 0).sum(axis=1).rename("labels_used")
    result = pd.concat([readers, top, top_share, spread, shares], axis=1).reset_index()
    return result.sort_values(
        ["top_share", "labels_used", "sentence_id"],
        ascending=[True, False, True],
        ignore_index=True,
    )


def _stacked(many_labels):
    import pandas as pd

    if isinstance(many_labels, (list, tuple)):
        parts = [
            getattr(part, "labels", part) if not isinstance(part, pd.DataFrame) else part
            for part in many_labels
        ]
        if not all(isinstance(part, pd.DataFrame) for part in parts):
            raise AnnotationError("agreement() takes a list of labels tables (DataFrames).")
        many_labels = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if not isinstance(many_labels, pd.DataFrame):
        raise AnnotationError(
            "agreement() takes the labels of many annotators stacked in one table "
            f"(annotator, sentence_id, label), not {describe(many_labels)}."
        )
    missing = {"annotator", "sentence_id", "label"} - set(many_labels.columns)
    if missing:
        raise AnnotationError(f"The labels table lacks the column(s) {', '.join(sorted(missing))}.")
    return many_labels.dropna(subset=["label"])
