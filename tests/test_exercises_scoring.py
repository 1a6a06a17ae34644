"""Scoring plain data: partial credit, and answers forged by a hostile grading child."""

import json

import pytest

from kit.errors import ExerciseFormatError
from kit.exercises import Check, load_exercise
from kit.exercises.exercise import Question

EXERCISE = load_exercise("ex00_practice")


def question(kind, *checks, points=10):
    built = tuple(Check.from_data(c, kind=kind, hidden=True) for c in checks)
    return Question(name="q", kind=kind, points=points, variable="q", hidden=built)


def score(q, value):
    return q.score({"q": value})


def test_partial_credit_for_a_partly_right_list():
    q = question("phrases", {"check": "matches", "expected": ["a b", "c", "d"]})
    result = score(q, ["a b", "c"])  # 2 right of 3
    assert (result.status, result.points) == ("partial", pytest.approx(6.67, abs=0.01))
    assert result.lines == ["partly right: 2 of your 2 items are right; 1 is still missing."]
    result = score(q, ["a b", "c", "d", "x"])  # a wrong item takes back a right one
    assert result.points == pytest.approx(6.67, abs=0.01)
    assert "not right: “x”" in result.lines[0]


def test_listing_every_option_earns_little():
    expected = ["Japan", "the United States", "Britain", "France", "South Korea"]
    q = question("labels", {"check": "matches", "expected": expected}, points=2)
    every = [*expected, "China", "Russia", "Germany"]
    assert score(q, every).points == pytest.approx(0.8)
    assert score(q, [*expected, *every, "Mozambique", "Chile"]).points == 0
    assert score(q, expected[:4]).points == pytest.approx(1.6)


def test_overlap_matching_accepts_a_longer_or_shorter_phrase():
    q = question("phrases", {"check": "matches", "expected": ["certainly"], "match": "overlap"})
    assert score(q, ["will certainly accelerate"]).status == "passed"
    assert score(q, ["certain"]).status == "failed"  # words, not letters


def test_pass_at_and_no_partial_credit():
    checks = {"check": "matches", "expected": ["a", "b", "c", "d", "e"], "pass_at": 0.8}
    assert score(question("labels", checks), ["a", "b", "c", "d"]).points == 10
    strict = {**checks, "pass_at": 1.0, "partial": False}
    assert score(question("labels", strict), ["a", "b", "c", "d"]).points == 0


def test_checks_multiply():
    q = question(
        "phrases",
        {"check": "matches", "expected": ["a", "b"]},
        {"check": "count", "max": 1},
    )
    result = score(q, ["a", "x"])  # 1 right, 1 wrong: 0, and too many items
    assert (result.status, result.points) == ("failed", 0)


def test_values_partial_credit_counts_right_rows():
    q = question(
        "dataframe",
        {"check": "values", "expected": {"n": [1, 2, 3, 4]}, "partial": True},
    )
    table = {
        "__kit__": "dataframe",
        "columns": ["n"],
        "data": [[1, 2, 3, 5]],
        "index_names": [],
        "index": [],
    }
    assert score(q, table).points == 7.5


def test_number_tolerance():
    q = question("number", {"check": "close_to", "expected": 23.59, "tolerance": 0.5})
    assert score(q, 24).status == "passed" and score(q, 24.2).status == "failed"
    assert score(q, float("nan")).lines[0].startswith("look again: q should be a finite number")


DEEP = [1]
for _ in range(40):
    DEEP = [DEEP]


@pytest.mark.parametrize(
    "forged",
    [
        {"__kit__": "dataframe", "columns": "n", "data": 5},
        {"__kit__": "chart", "axes": [{"bars": "tall"}]},
        {"__kit__": "chart", "axes": [None]},
        {"__kit__": "series"},
        {"__kit__": "nonsense"},
        {"__kit__": 3},
        {"no": "marker"},
        DEEP,
    ],
)
def test_forged_answers_are_an_error_never_a_crash_or_points(forged):
    for q in EXERCISE.questions:
        result = q.score({q.variable: forged}, manual={})
        assert result.points == 0
        assert result.status in ("error", "failed", "manual")
        json.dumps(result.to_dict())


def test_answers_that_are_not_a_mapping_are_not_answers():
    results = EXERCISE.score(["q1", "fact"])
    assert {r.status for r in results} == {"missing"}


def test_a_hand_score_that_is_not_a_number():
    result = EXERCISE.question("q12").score({"q12": "An answer."}, manual={"q12": "lots"})
    assert (result.status, result.points) == ("error", 0)
    assert "is not a number" in result.lines[-1]


def test_manual_scores_can_be_keyed_by_question():
    q12 = EXERCISE.question("q12")
    results = EXERCISE.score({}, manual={q12: 2})
    assert [r.points for r in results if r.question == "q12"] == [2]


@pytest.mark.parametrize(
    "question, answer",
    [
        ("q4", ["Japan", "Japan", "United States", "britain", "France"]),
        ("q6", ["may", "possible", "reportedly"]),
    ],
)
def test_a_list_with_one_item_out_of_the_set_keeps_partial_credit(question, answer):
    exercise = load_exercise("ex00_practice")
    [result] = [r for r in exercise.score({question: answer}) if r.question == question]
    assert 0 < result.points < result.max_points, result
    assert result.status == "partial"
    assert any(line.startswith("partly right") for line in result.lines)


def test_a_list_with_no_item_in_the_set_still_earns_nothing():
    exercise = load_exercise("ex00_practice")
    [result] = [r for r in exercise.score({"q4": ["Narnia", "Oz"]}) if r.question == "q4"]
    assert (result.points, result.status) == (0, "failed")


def test_overlap_does_not_reward_pasting_the_passage():
    expected = ["certainly", "may have"]
    q = question("phrases", {"check": "matches", "expected": expected, "match": "overlap"})
    paragraph = "It may have been certainly the case, said the paper, and it will go on like this."
    assert score(q, [paragraph, paragraph + " "]).points == 0
    assert score(q, [paragraph, paragraph + " Again."]).points == 0
    assert score(q, ["it will certainly accelerate", "may have been"]).status == "passed"


def test_overlap_does_not_reward_spanning_the_whole_text():
    checks = {"check": "matches", "expected": [[589, 593], [1377, 1381]], "match": "overlap"}
    q = question("spans", checks)
    assert score(q, [[0, 10**6], [0, 10**6 - 1]]).points == 0
    assert score(q, [[560, 620], [1360, 1420]]).points == 0  # 4 of 60 characters
    assert score(q, [[586, 596], [1377, 1385]]).status == "passed"


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_a_number_that_is_not_finite_is_named_so(value):
    [line] = score(question("number", {"check": "close_to", "expected": 22}), value).lines
    assert "a finite number" in line and "you gave a number" not in line


def test_f1_score_by_hand():
    """score = "f1": precision = right/answered, recall = right/expected, F1 = 2PR/(P+R)."""
    expected = ["a", "b", "c", "d", "e", "f"]
    q = question("phrases", {"check": "matches", "expected": expected, "score": "f1"}, points=2)
    # 1 right of 4 answered, 6 expected: P = 1/4, R = 1/6, F1 = (2/24) / (5/12) = 0.2 -> 0.4 pts
    assert score(q, ["a", "x", "y", "z"]).points == pytest.approx(0.4)
    # 4 right of 4, 6 expected: P = 1, R = 2/3, F1 = (4/3) / (5/3) = 0.8 -> 1.6 points
    assert score(q, ["a", "b", "c", "d"]).points == pytest.approx(1.6)
    # 6 right of 8: P = 3/4, R = 1, F1 = 1.5 / 1.75 = 6/7 -> 1.714 points (net would give 1.33)
    assert score(q, [*expected, "x", "y"]).points == pytest.approx(12 / 7, abs=0.01)
    assert score(q, expected).status == "passed"
    assert score(q, ["x"]).points == 0
    net = question("phrases", {"check": "matches", "expected": expected}, points=2)
    assert score(net, ["a", "x", "y", "z"]).points == 0  # the default is unchanged


def test_f1_with_overlap_and_pass_at():
    checks = {
        "check": "matches",
        "expected": ["certainly", "may", "could"],
        "match": "overlap",
        "score": "f1",
        "pass_at": 0.8,
    }
    q = question("phrases", checks, points=3)
    # 2 right (overlap) of 2 answered, 3 expected: P = 1, R = 2/3, F1 = 0.8 >= pass_at
    assert score(q, ["will certainly accelerate", "may"]).points == 3
    # 1 right of 2: P = 1/2, R = 1/3, F1 = (1/3) / (5/6) = 0.4 -> 1.2 points
    assert score(q, ["certainly", "nothing"]).points == pytest.approx(1.2)


def test_f1_score_setting_is_checked():
    with pytest.raises(ExerciseFormatError, match="`score` must be"):
        Check.from_data({"check": "matches", "expected": ["a"], "score": "F-1"}, kind="phrases")
    with pytest.raises(ExerciseFormatError, match="no setting 'score'"):
        Check.from_data({"check": "count", "score": "f1"}, kind="phrases")
    q = question("phrases", {"check": "matches", "expected": ["a", "b"], "score": "f1"})
    assert score(q, ["a", "x"]).lines == [
        "partly right: 1 of your 2 items is right; not right: “x”; 1 is still missing; "
        "F1 score 0.50."
    ]


# -- values: rows matched by their key column (review 8a #3) ------------------------------


def _frame(**columns):
    data = list(columns.values())
    return {
        "__kit__": "dataframe",
        "columns": list(columns),
        "data": data,
        "index_names": [],
        "index": [],
    }


HEDGES = {"paragraph": list(range(1, 14)), "hedges": [0, 0, 1, 2, 0, 1, 3, 0, 1, 0, 0, 1, 0]}


def test_values_match_rows_by_the_first_column_and_name_the_missing_ones():
    q = question("dataframe", {"check": "values", "expected": HEDGES}, points=2)
    # Forgot the paragraphs without a hedge: the 6 rows given are right, 7 are missing.
    given = [(p, h) for p, h in zip(HEDGES["paragraph"], HEDGES["hedges"], strict=True) if h]
    short = _frame(paragraph=[p for p, _ in given], hedges=[h for _, h in given])
    result = score(q, short)
    assert (result.status, result.points) == ("failed", 0)
    assert result.lines == [
        "look again: 6 of 13 rows of the values in “paragraph” and “hedges” are right; "
        "no row for paragraph 1, 2, 5, 8, 10, 11, 13."
    ]
    # The same rows in another order are right; one wrong count is named by its paragraph.
    assert score(q, _frame(**{k: v[::-1] for k, v in HEDGES.items()})).status == "passed"
    wrong = dict(HEDGES, hedges=[*HEDGES["hedges"][:3], 5, *HEDGES["hedges"][4:]])
    assert score(q, _frame(**wrong)).lines == [
        "look again: 12 of 13 rows of the values in “paragraph” and “hedges” are right; "
        "“hedges” not right for paragraph 4."
    ]
    extra = {k: [*v, v[-1] + 1 if k == "paragraph" else 0] for k, v in HEDGES.items()}
    assert "rows that should not be there: paragraph 14" in score(q, _frame(**extra)).lines[0]


def test_values_by_key_name_only_the_columns_that_are_wrong():
    expected = {"paragraph": [1, 2, 3], "hedges": [1, 0, 2], "boosters": [0, 1, 0]}
    q = question("dataframe", {"check": "values", "expected": expected})
    nan = float("nan")  # the boosters counted without reindex: NaN where there are none
    given = _frame(paragraph=[1, 2, 3], hedges=[1, 0, 2], boosters=[nan, 1, nan])
    assert score(q, given).lines == [
        "look again: 1 of 3 rows of the values in “paragraph”, “hedges” and “boosters” are "
        "right; “boosters” not right for paragraph 1, 3."
    ]
    both = _frame(paragraph=[1, 2, 3], hedges=[1, 5, 2], boosters=[0, 0, 0])
    assert "“hedges” and “boosters” not right for paragraph 2." in score(q, both).lines[0]


def test_values_partial_credit_by_key_and_an_explicit_key():
    checks = {"check": "values", "expected": HEDGES, "partial": True}
    q = question("dataframe", checks, points=13)
    given = _frame(paragraph=[3, 4, 6], hedges=[1, 2, 1])
    assert score(q, given).points == 3  # 3 right rows of 13
    by_key = {"check": "values", "expected": {"hedges": [1, 2], "paragraph": [3, 4]}}
    q = question("dataframe", {**by_key, "key": "paragraph"})
    assert score(q, _frame(paragraph=[4, 3], hedges=[2, 1])).status == "passed"
    with pytest.raises(ExerciseFormatError, match="`key` must name one of the columns"):
        Check.from_data({**by_key, "key": "sentence_id"}, kind="dataframe")


def test_values_without_an_id_column_still_compare_by_position():
    q = question("dataframe", {"check": "values", "expected": {"share": [0.5, 0.5], "n": [1, 1]}})
    assert score(q, _frame(share=[0.5, 0.5], n=[1, 1])).status == "passed"
    q = question("dataframe", {"check": "values", "expected": {"n": [2, 1]}})
    assert score(q, _frame(n=[1, 2])).status == "failed"  # one column: order matters


def _chart(**axes):
    """A chart answer as the kit reads one: a bar chart of three paragraphs, y from 0."""
    drawn = {"title": "", "xlabel": "paragraph", "ylabel": "", "bars": [2, 0, 1]}
    drawn.update(bar_labels=["1", "2", "3"], horizontal=False, lines=[], ylim=[0, 2.1])
    return {"__kit__": "chart", "axes": [{**drawn, **axes}]}


def test_starts_at_zero_names_where_a_truncated_axis_starts():
    q = question("chart", {"check": "starts_at_zero"}, points=1)
    assert score(q, _chart()).lines == [
        "passed: the y axis starts at 0, so lengths compare honestly."
    ]
    assert score(q, _chart(ylim=[-0.5, 2])).status == "passed"  # below zero hides nothing
    result = score(q, _chart(ylim=[0.8, 2.1]))
    assert (result.status, result.points) == ("failed", 0)
    assert result.lines == [
        "look again: the y axis starts at 0.8, not at 0: an axis cut off at the bottom makes small "
        "differences look large (ax.set_ylim(bottom=0))."
    ]
    # Horizontal bars grow along x; an axis named in the check is the one looked at.
    sideways = _chart(horizontal=True, xlim=[1, 3], ylim=[0, 3])
    assert "the x axis starts at 1, not at 0" in score(q, sideways).lines[0]
    assert "(ax.set_xlim(left=0))" in score(q, sideways).lines[0]
    y_only = question("chart", {"check": "starts_at_zero", "axis": "y"})
    assert score(y_only, sideways).status == "passed"
    assert score(q, _chart(ylim=None)).lines == [
        "look again: the kit could not read where the y axis of your chart starts."
    ]


def test_label_mentions_reads_one_axis_and_hides_the_words_when_hidden():
    words = {"check": "label_mentions", "axis": "y", "words": ["per 100 words", "rate"]}
    public = Question(
        name="q",
        kind="chart",
        points=1,
        variable="q",
        public=(Check.from_data(words, kind="chart"),),
    )
    hidden = question("chart", words, points=1)
    assert score(public, _chart(ylabel="Hedges per 100 words")).lines == [
        "passed: the y-axis label says what the axis shows."
    ]
    assert score(public, _chart(ylabel="hedges")).lines == [
        "look again: the y-axis label (“hedges”) should mention one of: “per 100 words”, “rate”."
    ]
    assert score(hidden, _chart(ylabel="hedges")).lines == [
        "look again: the y-axis label (“hedges”) does not say clearly what it shows."
    ]
    assert score(hidden, _chart()).lines == [
        "look again: your chart has no label on the y axis (ax.set_ylabel(...))."
    ]
    x_axis = question("chart", {**words, "axis": "x", "words": ["paragraph"]})
    assert score(x_axis, _chart()).status == "passed"
    both = question("chart", {**words, "words": ["hedges", "100 words"], "all": True})
    assert score(both, _chart(ylabel="hedges per 100 words")).status == "passed"
    assert score(both, _chart(ylabel="per 100 words")).status == "failed"


def test_bars_with_labels_name_the_bars_left_out():
    checks = {"check": "bars", "heights": [2, 0, 1, 3], "labels": [1, 2, 3, 4]}
    q = question("chart", checks, points=1)
    assert score(q, _chart(bars=[2, 0, 1, 3], bar_labels=["1", "2", "3", "4"])).status == "passed"
    picked = score(q, _chart(bars=[2, 3], bar_labels=["1", "4"]))
    assert picked.lines == [
        "look again: 2 of 4 bars have the right height; your chart has 2 bars, not 4; "
        "no bar labelled 2, 3."
    ]
    # Right heights labelled 0-3: the labels are off, not missing; that keeps half.
    shifted = score(q, _chart(bars=[2, 0, 1, 3], bar_labels=["0", "1", "2", "3"]))
    assert shifted.points == 0.5 and "no bar labelled" not in shifted.lines[0]
