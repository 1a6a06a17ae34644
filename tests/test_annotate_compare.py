"""Comparing with the expert and within a class, checked against values worked out by hand."""

import math
from fractions import Fraction

import pandas as pd
import pytest
from nltk.metrics.agreement import AnnotationTask

import kit
from kit.annotate.compare import cohens_kappa


def labels(annotator, values, start=1):
    return pd.DataFrame(
        {
            "annotator": annotator,
            "sentence_id": range(start, start + len(values)),
            "label": values,
        }
    )


# -- Cohen's kappa: me against the expert --------------------------------
#
# Six sentences.        1     2        3        4        5           6
MINE = ["fact", "fact", "opinion", "opinion", "prediction", "speculation"]
EXPERT = ["fact", "opinion", "opinion", "opinion", "prediction", "prediction"]
# Agree on 1, 3, 4, 5: p_o = 4/6.
# Mine: fact 2, opinion 2, prediction 1, speculation 1. Expert: fact 1, opinion 3, prediction 2.
# p_e = (2*1 + 2*3 + 1*2 + 1*0) / 6^2 = 10/36.
# kappa = (4/6 - 10/36) / (1 - 10/36) = (24 - 10) / (36 - 10) = 14/26 = 7/13.
HAND_KAPPA = 7 / 13


def test_cohens_kappa_matches_the_hand_computation():
    assert cohens_kappa(MINE, EXPERT) == pytest.approx(HAND_KAPPA)


def test_cohens_kappa_matches_nltk_for_two_coders():
    task = AnnotationTask(
        [("me", i, v) for i, v in enumerate(MINE)] + [("ex", i, v) for i, v in enumerate(EXPERT)]
    )
    assert cohens_kappa(MINE, EXPERT) == pytest.approx(task.kappa())


def test_cohens_kappa_edge_cases():
    assert cohens_kappa(["a", "b"], ["a", "b"]) == 1
    assert math.isnan(cohens_kappa(["a", "a"], ["a", "a"]))  # chance agreement is total
    with pytest.raises(kit.AnnotationError):
        cohens_kappa([], [])


def test_compare_counts_an_accepted_alternative_as_agreement_but_kappa_uses_the_main_label():
    key = labels("expert", EXPERT)
    key["alternatives"] = [[], ["fact"], [], [], [], []]  # the expert also accepts fact for 2
    result = kit.compare(labels("me", MINE), key)
    assert result.table.agree.tolist() == [True, True, True, True, True, False]
    assert result.accuracy == pytest.approx(5 / 6)
    assert result.kappa == pytest.approx(HAND_KAPPA)
    assert result.disagreements.sentence_id.tolist() == [6]
    assert "83%" in result.summary() and "0.54" in result.summary()


def test_the_confusion_table_counts_mine_against_the_experts():
    result = kit.compare(labels("me", MINE), labels("expert", EXPERT))
    confusion = result.confusion
    assert confusion.loc["fact", "opinion"] == 1
    assert confusion.loc["opinion", "opinion"] == 2
    assert confusion.loc["speculation", "prediction"] == 1
    assert confusion.values.sum() == 6


def test_unlabelled_sentences_are_left_out_and_said_so():
    result = kit.compare(labels("me", MINE[:4]), labels("expert", EXPERT))
    assert result.labelled == 4 and result.total == 6
    assert result.table.agree.isna().sum() == 2
    assert result.accuracy == pytest.approx(3 / 4)
    assert "You labelled 4 of 6" in result.summary()


def test_compare_refuses_many_annotators_and_wrong_tables():
    many = pd.concat([labels("a", MINE), labels("b", MINE)])
    with pytest.raises(kit.AnnotationError, match=r"kit.agreement\(\)"):
        kit.compare(many, labels("expert", EXPERT))
    with pytest.raises(kit.AnnotationError, match="not a list"):
        kit.compare(MINE, labels("expert", EXPERT))
    with pytest.raises(kit.AnnotationError, match="lacks the column"):
        kit.compare(pd.DataFrame({"sentence_id": [1]}), labels("expert", EXPERT))


def test_compare_takes_an_annotator(tmp_path):
    doc = kit.Document.from_string("Veto\n\nRussia vetoed. It was wrong.")
    annotator = kit.Annotator(doc, path=tmp_path / "a.json")
    annotator.set(1, "fact")
    annotator.set(2, "fact")
    result = kit.compare(annotator, labels("expert", ["fact", "opinion"]))
    assert result.accuracy == 0.5


def test_phrase_marks_agree_when_they_overlap_with_the_same_technique():
    key = pd.DataFrame(
        {
            "annotator": "expert",
            "sentence_id": [1, 1, 2],
            "label": ["loaded_language", "appeal_to_fear", "name_calling"],
            "start": [10, 30, 100],
            "end": [20, 50, 120],
            "phrase": ["a dangerous act", "threatens peace", "not qualified"],
        }
    )
    mine = pd.DataFrame(
        {
            "annotator": "me",
            "sentence_id": [1, 1, 3],
            "label": ["loaded_language", "loaded_language", "doubt"],
            "start": [12, 31, 200],
            "end": [20, 40, 210],
            "phrase": ["dangerous act", "threatens", "may have"],
        }
    )
    result = kit.compare(mine, key, scheme="techniques")
    # Found: loaded_language (overlaps, same label). Missed: appeal_to_fear (overlap, other
    # label), name_calling. Extra: doubt, and the second loaded_language mark.
    assert result.accuracy == pytest.approx(1 / 3)
    assert result.precision == pytest.approx(1 / 3)
    assert result.kappa is None
    assert result.table.agree.sum() == 1
    assert result.confusion.loc["loaded_language", "appeal_to_fear"] == 1
    assert result.confusion.loc["(none)", "name_calling"] == 1
    assert result.confusion.loc["doubt", "(none)"] == 1


# -- Class agreement -----------------------------------------------------
#
# Three annotators, four sentences:
#   sentence 1: fact, fact, fact
#   sentence 2: opinion, opinion, fact
#   sentence 3: opinion, opinion, opinion
#   sentence 4: prediction, opinion, prediction
CLASS = {
    "a": ["fact", "opinion", "opinion", "prediction"],
    "b": ["fact", "opinion", "opinion", "opinion"],
    "c": ["fact", "fact", "opinion", "prediction"],
}
# Fleiss: per sentence P_i = sum n_ij (n_ij - 1) / (n (n - 1)), n = 3:
#   1 -> 6/6 = 1, 2 -> 2/6, 3 -> 1, 4 -> 2/6; P = (1 + 1/3 + 1 + 1/3) / 4 = 2/3.
#   Label shares over all 12: fact 4/12, opinion 6/12, prediction 2/12;
#   P_e = 1/9 + 1/4 + 1/36 = 14/36 = 7/18.  kappa = (2/3 - 7/18) / (1 - 7/18) = 5/11.
HAND_FLEISS = Fraction(5, 11)
# Krippendorff (nominal): pairable values n = 12, counts fact 4, opinion 6, prediction 2.
#   Disagreeing coincidences: sentence 2 has 4 ordered disagreeing pairs, each weighing
#   1/(3-1): 2; sentence 4 likewise: 2. Total 4.
#   Expected: n^2 - sum n_c^2 = 144 - (16 + 36 + 4) = 88.
#   alpha = 1 - (n - 1) * 4 / 88 = 1 - 11 * 4 / 88 = 1/2.
HAND_ALPHA = Fraction(1, 2)


def class_table(data=CLASS):
    return pd.concat([labels(name, values) for name, values in data.items()])


def test_agreement_matches_the_hand_computation():
    result = kit.agreement(class_table())
    assert result.alpha == pytest.approx(float(HAND_ALPHA))
    assert result.fleiss_kappa == pytest.approx(float(HAND_FLEISS))
    assert (result.annotators, result.sentences, result.complete_sentences) == (3, 4, 4)


def test_fleiss_kappa_on_the_published_example():
    """Fleiss (1971) as worked on Wikipedia: 10 subjects, 14 raters, 5 categories -> 0.210."""
    counts = [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
    rows = []
    for subject, row in enumerate(counts, start=1):
        raters = iter(range(14))
        for category, times in enumerate(row):
            rows += [(f"r{next(raters)}", subject, f"c{category}") for _ in range(times)]
    table = pd.DataFrame(rows, columns=["annotator", "sentence_id", "label"])
    assert kit.agreement(table).fleiss_kappa == pytest.approx(0.2099, abs=1e-4)


def test_krippendorffs_alpha_with_missing_labels_on_the_published_example():
    """Krippendorff (2011), 'Computing Krippendorff's alpha-reliability', nominal: 0.743."""
    data = {
        "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    }
    rows = [
        (coder, unit, str(value))
        for coder, values in data.items()
        for unit, value in enumerate(values, start=1)
        if value is not None
    ]
    table = pd.DataFrame(rows, columns=["annotator", "sentence_id", "label"])
    result = kit.agreement(table)
    assert result.alpha == pytest.approx(0.743, abs=5e-4)
    assert result.complete_sentences == 8  # Fleiss uses only what all four labelled


def test_the_most_disputed_sentences_come_first():
    shares = kit.agreement(class_table()).shares
    assert shares.sentence_id.tolist() == [2, 4, 1, 3]
    first = shares.iloc[0]
    assert first.top_label == "opinion" and first.top_share == pytest.approx(2 / 3)
    assert first.fact == pytest.approx(1 / 3) and first.labels_used == 2
    assert set(shares.columns) >= {"sentence_id", "annotators", "fact", "opinion", "prediction"}


def test_perfect_agreement_is_one():
    same = {name: CLASS["a"] for name in "xyz"}
    result = kit.agreement(class_table(same))
    assert result.alpha == 1 and result.fleiss_kappa == 1


def test_agreement_needs_two_annotators():
    with pytest.raises(kit.AnnotationError, match="at least two"):
        kit.agreement(labels("a", MINE))
    with pytest.raises(kit.AnnotationError, match="stacked"):
        kit.agreement("labels")


def test_phrase_labels_are_compared_as_sets_per_sentence():
    rows = [
        ("a", 1, "loaded_language"),
        ("a", 1, "appeal_to_fear"),
        ("b", 1, "loaded_language"),
        ("a", 2, "doubt"),
        ("b", 2, "doubt"),
    ]
    result = kit.agreement(pd.DataFrame(rows, columns=["annotator", "sentence_id", "label"]))
    assert result.sets and result.fleiss_kappa is None
    assert 0 < result.alpha < 1


def test_labels_of_another_scheme_than_the_key_are_refused(tmp_path):
    doc = kit.load("yomiuri-2024-04-06")
    techniques = kit.Annotator(doc, scheme="techniques", path=tmp_path / "t.json")
    techniques.mark(1, "a dangerous act", "loaded_language")
    with pytest.raises(kit.AnnotationError, match=r"scheme='techniques'"):
        kit.compare(techniques.labels, kit.expert_key(doc))
    result = kit.compare(techniques.labels, kit.expert_key(doc, scheme="techniques"))
    assert result.table.agree.sum() == 1


def test_phrase_labels_without_offsets_are_a_clear_error():
    bare = labels("me", ["loaded_language"])
    with pytest.raises(kit.AnnotationError, match="start, end and phrase"):
        kit.compare(bare, bare.assign(annotator="expert"), scheme="techniques")


def test_a_reader_who_marked_nothing_in_a_sentence_counts_as_marking_none():
    # a: sentence 1 {loaded}, sentence 2 {doubt}; b: sentence 2 {doubt}, nothing in sentence 1.
    # Singleton sets, so MASI acts like plain labels: s1 (loaded, none), s2 (doubt, doubt).
    # n = 4 values: loaded 1, none 1, doubt 2. Disagreeing coincidences: 2 (s1, weight 1 each).
    # alpha = 1 - (n - 1) * 2 / (16 - (1 + 1 + 4)) = 1 - 3 * 2 / 10 = 0.4.
    rows = [("a", 1, "loaded_language"), ("a", 2, "doubt"), ("b", 2, "doubt")]
    table = pd.DataFrame(rows, columns=["annotator", "sentence_id", "label"])
    table.attrs["unit"] = "span"
    result = kit.agreement(table)
    assert result.alpha == pytest.approx(0.4)
    first = result.shares.iloc[0]
    assert first.sentence_id == 1 and first.annotators == 2
    assert first.loaded_language == pytest.approx(0.5)
