"""kit.agreement's own alpha and Fleiss' kappa equal NLTK's AnnotationTask on any class.

NLTK is the reference here only: kit.agreement computes both coefficients from label counts
per sentence. Random classes come from hypothesis (missing labels, ties, one label for
everything, 2 raters, many raters, label sets) and from seeded synthetic classes.
"""

from __future__ import annotations

import math
import random

import pandas as pd
import pytest
from conftest import SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import masi_distance

import kit
from kit.annotate.agreement import _label_sets
from kit.annotate.coefficients import alpha_from_counts, fleiss_from_counts

CLAIMS = ["fact", "opinion", "prediction", "speculation", "mixed"]
TOLERANCE = 1e-9


def nltk_reference(table):
    """What the kit reported when it asked NLTK: (alpha or None, kappa or None)."""
    people = sorted(table.annotator.unique())
    grouped = table.groupby(["annotator", "sentence_id"]).label
    sets = table.attrs.get("unit") == "span" or bool((grouped.size() > 1).any())
    if sets:
        items = _label_sets(grouped, people)
        task = AnnotationTask(list(items.itertuples(index=False)), distance=masi_distance)
    else:
        items = table[["annotator", "sentence_id", "label"]]
        task = AnnotationTask(list(items.itertuples(index=False)))
    counts = items.groupby("sentence_id").annotator.nunique()
    shared = items[items.sentence_id.isin(counts[counts >= 2].index)]
    alpha = task.alpha() if shared.label.nunique() >= 2 else None
    complete = counts[counts == len(people)].index
    kappa = None
    if not sets and len(complete):
        full = AnnotationTask(list(items[items.sentence_id.isin(complete)].itertuples(index=False)))
        kappa = full.pi() if len(full.K) > 1 else math.nan
    return alpha, kappa


def assert_same_as_nltk(table):
    result = kit.agreement(table)
    alpha, kappa = nltk_reference(table)
    if alpha is None:
        assert math.isnan(result.alpha) and result.alpha_note
    else:
        assert result.alpha == pytest.approx(alpha, abs=TOLERANCE, rel=0)
    if kappa is None:
        assert result.fleiss_kappa is None
    elif math.isnan(kappa):
        assert math.isnan(result.fleiss_kappa)
        assert result.kappa_note == "everyone used the same label on the sentences all labelled"
    else:
        assert result.fleiss_kappa == pytest.approx(kappa, abs=TOLERANCE, rel=0)
    return result


@st.composite
def classes(draw, sets=False):
    """A stacked labels table: 2-9 raters, 1-7 sentences, some labels missing."""
    raters = draw(st.integers(2, 9))
    sentences = draw(st.integers(1, 7))
    used = draw(st.lists(st.sampled_from(CLAIMS), min_size=1, max_size=5, unique=True))
    skip = draw(st.sampled_from([0.0, 0.2, 0.5]))
    rows = []
    for rater in range(raters):
        for sentence in range(1, sentences + 1):
            if draw(st.floats(0, 1)) < skip:
                continue
            many = draw(st.integers(1, 3)) if sets else 1
            for label in draw(st.lists(st.sampled_from(used), min_size=many, max_size=many)):
                rows.append((f"r{rater}", sentence, label))
    table = pd.DataFrame(rows, columns=["annotator", "sentence_id", "label"])
    if sets:
        table = table.drop_duplicates(ignore_index=True)
    return table


def enough(table) -> bool:
    return table.annotator.nunique() >= 2


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(classes())
def test_single_labels_equal_nltk(table):
    if enough(table):
        assert_same_as_nltk(table)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(classes(sets=True))
def test_label_sets_equal_nltk_with_masi(table):
    if enough(table):
        assert_same_as_nltk(table)


def stacked(rows):
    return pd.DataFrame(rows, columns=["annotator", "sentence_id", "label"])


def test_two_raters_with_a_tie_and_a_gap():
    table = stacked(
        [
            ("a", 1, "fact"),
            ("b", 1, "opinion"),
            ("a", 2, "opinion"),
            ("b", 2, "opinion"),
            ("a", 3, "fact"),
            ("a", 4, "prediction"),
            ("b", 4, "prediction"),
        ]
    )
    result = assert_same_as_nltk(table)
    assert result.complete_sentences == 3


def test_one_label_used_by_all_keeps_the_message():
    table = stacked([(who, s, "fact") for who in "abc" for s in (1, 2, 3)])
    result = assert_same_as_nltk(table)
    assert math.isnan(result.alpha)
    assert result.alpha_note == (
        "everyone used the same label ('fact'), so there is no variation to measure "
        "agreement against"
    )
    assert math.isnan(result.fleiss_kappa)
    assert "not defined" in result.summary()


def test_no_shared_sentence_keeps_the_message():
    result = assert_same_as_nltk(stacked([("a", 1, "fact"), ("b", 2, "opinion")]))
    assert result.alpha_note == "no sentence was labelled by two people"
    assert result.kappa_note == "no sentence was labelled by everyone"


@pytest.mark.parametrize("n, gaps", [(2, 0.0), (40, 0.0), (40, 0.15), (120, 0.02)])
def test_synthetic_classes_equal_nltk(n, gaps):
    doc = kit.load(SEED)
    labels = kit.synthetic_class(doc, n=n, seed=n)
    keep = random.Random(n).choices([True, False], [1 - gaps, gaps], k=len(labels))
    part = labels[keep].reset_index(drop=True)
    part.attrs.update(labels.attrs)
    result = assert_same_as_nltk(part)
    assert 0 < result.alpha < 1


def test_phrase_labels_equal_nltk():
    doc = kit.load(SEED)
    labels = kit.synthetic_class(doc, n=25, seed=3, scheme="techniques")
    result = assert_same_as_nltk(labels)
    assert result.sets and result.fleiss_kappa is None


def test_counts_give_textbook_figures():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", nominal example:
    # 4 coders, 12 units, missing values; alpha = 0.743.
    data = {
        1: [1, 1, None, 1],
        2: [2, 2, 3, 2],
        3: [3, 3, 3, 3],
        4: [3, 3, 3, 3],
        5: [2, 2, 2, 2],
        6: [1, 2, 3, 4],
        7: [4, 4, 4, 4],
        8: [1, 1, 2, 1],
        9: [2, 2, 2, 2],
        10: [None, 5, 5, 5],
        11: [None, None, 1, 1],
        12: [None, None, 3, None],
    }
    rows = [(unit, value) for unit, values in data.items() for value in values if value]
    counts = pd.DataFrame(rows, columns=["unit", "value"]).groupby(["unit", "value"]).size()
    assert round(alpha_from_counts(counts.unstack(fill_value=0)), 3) == 0.743
    # Fleiss (1971)-style check: perfect agreement on two labels is 1, one label is undefined.
    perfect = pd.DataFrame({"fact": [3, 0], "opinion": [0, 3]})
    assert fleiss_from_counts(perfect) == 1.0
    assert math.isnan(fleiss_from_counts(pd.DataFrame({"fact": [3, 3]})))
