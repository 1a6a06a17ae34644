"""The sample exercise end to end: solutions earn full marks, a blank notebook zero."""

import json

import pytest
from conftest import REPO
from exercise_answers import notebook_answers, solution_answers

from kit.exercises import load_exercise, to_plain

EXERCISE = load_exercise("ex00_practice")
KINDS = ("label", "labels", "phrases", "number", "text", "dataframe", "chart")


@pytest.fixture(scope="module")
def solution():
    return solution_answers(EXERCISE)


def _by_name(results):
    return {result.question: result for result in results}


def test_every_kind_has_two_or_three_questions():
    kinds = [q.kind for q in EXERCISE.questions]
    assert kinds.count("labels") + kinds.count("phrases") + kinds.count("spans") == 4
    for kind in ("label", "number", "text", "dataframe", "chart"):
        assert 2 <= kinds.count(kind) <= 3, kind
    assert [q.name for q in EXERCISE.questions if q.manual] == ["q12"]
    assert EXERCISE.max_points == sum(q.points for q in EXERCISE.questions) == 29


def test_the_solutions_earn_full_marks(solution):
    results = EXERCISE.score(solution, manual={"q12": 3})
    assert [r.status for r in results] == ["passed"] * len(EXERCISE.questions)
    assert sum(r.points for r in results) == EXERCISE.max_points


def test_without_a_hand_score_the_free_text_answer_waits_for_the_instructor(solution):
    result = _by_name(EXERCISE.score(solution))["q12"]
    assert (result.status, result.points, result.max_points) == ("manual", 0, 3)
    assert any(line.startswith("graded by your instructor") for line in result.lines)


def test_the_solutions_pass_the_public_checks_too(solution):
    results = EXERCISE.score(solution, hidden=False)
    assert {r.status for r in results} == {"passed", "manual"}


def test_a_blank_released_notebook_scores_zero():
    answers = notebook_answers(EXERCISE, REPO / "exercises" / "ex00_practice.ipynb")
    assert set(answers) == set(EXERCISE.variables)  # every q = ... is there
    results = EXERCISE.score(answers, manual={})
    assert sum(r.points for r in results) == 0
    assert {r.status for r in results} == {"missing"}


def test_no_answers_at_all_score_zero():
    results = EXERCISE.score({})
    assert sum(r.points for r in results) == 0 and {r.status for r in results} == {"missing"}
    assert "there is no q1 yet" in results[0].lines[0]


def test_hand_scores_are_kept_within_the_question_points(solution):
    results = _by_name(EXERCISE.score(solution, manual={"q12": 7}))
    assert results["q12"].points == 3
    results = _by_name(EXERCISE.score(solution, manual={"q12": 1.5}))
    assert (results["q12"].points, results["q12"].status) == (1.5, "partial")


def test_results_are_plain_data(solution):
    results = EXERCISE.score(solution)
    json.dumps([r.to_dict() for r in results])


def _score_with(solution, **changes):
    answers = {**solution, **{k: to_plain(v) for k, v in changes.items()}}
    return _by_name(EXERCISE.score(answers))


def test_wrong_label_fails_the_hidden_check_with_its_message(solution):
    result = _score_with(solution, q1="opinion")["q1"]
    assert (result.status, result.points) == ("failed", 0)
    assert result.lines[0] == "passed: your answer is one of the labels."
    assert result.lines[1].startswith("look again: “opinion” is not the right answer. Can this")
    assert "fact" not in result.lines[1].split("checked")[0]


def test_a_label_outside_the_set_fails_the_public_check(solution):
    result = _score_with(solution, q2="forecast")["q2"]
    assert result.lines[0].startswith("look again: “forecast” is not one of the labels.")
    assert "prediction" in result.lines[0]  # the public check names the labels


def test_half_the_hedges_earns_part_of_the_points(solution):
    result = _score_with(solution, q6=["may"])["q6"]
    assert result.status == "partial" and 0 < result.points < 2
    assert "1 is still missing" in result.lines[-1]


def test_phrases_not_in_the_paragraph_fail_the_public_check(solution):
    result = _score_with(solution, q5=["clearly"])["q5"]
    assert result.lines[0].startswith("look again: “clearly” cannot be found in the passage.")


def test_tokens_instead_of_words_misses_the_average(solution):
    import kit

    doc = kit.load("yomiuri-2024-04-06")
    result = _score_with(solution, q8=len(doc.tokens) / len(doc.sentences))["q8"]
    assert result.status == "failed"
    assert "doc.words, without punctuation" in result.lines[-1]
    assert "23.59" not in " ".join(result.lines)


def test_a_number_in_quotes_is_explained(solution):
    result = _score_with(solution, q7="22")["q7"]
    assert result.lines == [
        "look again: q7 should be a number without quotes; you gave a text (“22”)."
    ]


def test_a_quote_with_different_punctuation_and_case_still_passes(solution):
    result = _score_with(solution, q10="“Not the behavior of a responsible U.N. member state.”")
    assert result["q10"].status == "passed"


def test_a_quote_not_in_the_article_fails_the_public_check(solution):
    result = _score_with(solution, q10="not the behaviour of a responsible member")["q10"]
    assert result.lines[0].startswith("look again: “not the behaviour of a responsible member”")
    assert "Copy the words exactly" in result.lines[0]


def test_a_series_with_a_named_index_counts_as_the_table(solution):
    import kit

    doc = kit.load("yomiuri-2024-04-06")
    counts = doc.sentences.groupby("paragraph").size()
    assert _score_with(solution, q13=counts.rename("sentences"))["q13"].status == "passed"
    result = _score_with(solution, q13=counts)["q13"]  # the column has no name yet
    assert result.lines[0].startswith("look again: your table has no column named “sentences”")


def test_a_table_with_wrong_counts_fails_the_hidden_values(solution):
    import kit

    doc = kit.load("yomiuri-2024-04-06")
    wrong = doc.tokens.merge(doc.sentences[["sentence_id", "paragraph"]], on="sentence_id")
    table = wrong.groupby("paragraph").size().reset_index(name="words")
    result = _score_with(solution, q14=table)["q14"]
    assert result.status == "failed" and result.lines[0].startswith("passed")
    assert result.lines[1].startswith("look again: ")  # what the kit saw, then the message
    assert result.lines[1].endswith("Count the rows of words_with_paragraph in each paragraph.")


def test_an_unlabelled_chart_fails_the_public_check(solution):
    import matplotlib

    matplotlib.use("agg")
    import kit

    doc = kit.load("yomiuri-2024-04-06")
    counts = doc.words.merge(doc.sentences[["sentence_id", "paragraph"]]).groupby("paragraph")
    ax = counts.size().plot.bar()
    result = _score_with(solution, q16=ax)["q16"]
    assert result.lines[0] == "passed: it is a bar chart."
    assert result.lines[1] == (
        "look again: your chart needs a title and a label on the y axis "
        "(ax.set_title(...), ax.set_ylabel(...))."
    )
    assert result.lines[2] == "passed: all 13 bars have the right heights."
    assert result.status == "failed"


def test_spans_from_a_list_or_a_table(solution):
    import kit

    doc = kit.load("yomiuri-2024-04-06")
    assert _score_with(solution, q18=[[589, 593], [1377, 1381], [2644, 2648]])["q18"].points == 2
    with_headline = [[m, m + 4] for m in (60, 589, 1377, 2644)]
    result = _score_with(solution, q18=with_headline)["q18"]
    assert result.status == "partial"
    assert result.lines[-1] == (
        "partly right: 3 of your 4 items are right; not right: characters 60–64. Keep the rows "
        "of doc.words whose token is “veto”, whatever its case: the body only, not the headline."
    )
    everything = doc.words[["start", "end"]]
    assert _score_with(solution, q18=everything)["q18"].points < 0.05
    result = _score_with(solution, q18=doc.words[["token"]])["q18"]
    assert result.lines[0].startswith("look again: q18 should be a list of [start, end] pairs")
    result = _score_with(solution, q18=[[593, 589]])["q18"]
    assert result.status == "failed" and "start before end" in result.lines[0]


def test_a_bar_chart_where_a_line_is_asked_for(solution):
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    ax.bar([1, 2], [3, 4])
    result = _score_with(solution, q17=ax)["q17"]
    assert (
        result.lines[0] == "look again: the question asks for a line chart; yours is a bar chart."
    )
    plt.close("all")


@pytest.mark.parametrize("question", [q.name for q in EXERCISE.questions])
def test_hidden_feedback_never_shows_the_expected_answer(solution, question):
    """Give each question a wrong answer of the right type; no line may hold the key."""
    q = EXERCISE.question(question)
    wrong = {
        "label": "opinion" if question != "q3" else "fact",
        "labels": ["China"],
        "phrases": ["the"],
        "spans": [[0, 5]],
        "number": 1,
        "text": "the",
        "dataframe": to_plain(None),
        "chart": None,
    }[q.kind]
    if q.kind in ("dataframe", "chart"):
        return  # a wrong type gets a type line; covered above
    lines = " ".join(_score_with(solution, **{q.variable: wrong})[question].lines)
    for check in q.hidden:
        expected = check.settings.get("expected")
        for value in expected if isinstance(expected, list) else [expected]:
            if isinstance(value, str):
                assert f"“{value}”" not in lines
            elif isinstance(value, (int, float)) and value > 1:
                assert str(value) not in lines


def test_a_bar_chart_labelled_from_zero_says_so_and_keeps_half(solution):
    import matplotlib.pyplot as plt

    import kit

    doc = kit.load("yomiuri-2024-04-06")
    words = doc.words.merge(doc.sentences[["sentence_id", "paragraph"]], on="sentence_id")
    table = words.groupby("paragraph").size().reset_index(name="words")
    chart = table.plot.bar(y="words", legend=False, title="Words per paragraph")
    chart.set_xlabel("Paragraph")
    chart.set_ylabel("Words")
    result = _score_with(solution, q16=chart)["q16"]
    plt.close("all")
    assert result.status == "partial" and 0 < result.points < result.max_points
    bars = next(line for line in result.lines if "right heights" in line)
    assert "labelled 0–12, not 1–13" in bars and "Draw one bar per paragraph" in bars


def test_a_line_from_zero_says_so_and_keeps_half(solution):
    import matplotlib.pyplot as plt

    import kit

    doc = kit.load("yomiuri-2024-04-06")
    lengths = doc.words.groupby("sentence_id").size().reset_index(drop=True)
    chart = lengths.plot(title="Sentence length in words")
    chart.set_xlabel("Sentence")
    chart.set_ylabel("Words")
    result = _score_with(solution, q17=chart)["q17"]
    plt.close("all")
    assert result.status == "partial"
    assert any("x values are 0–21, not 1–22" in line for line in result.lines)


def test_a_decimal_comma_is_explained(solution):
    result = _score_with(solution, q8=(23, 6))["q8"]
    assert result.lines == [
        "look again: q8 = 23,6 makes two numbers in Python; write decimals with a point, not a "
        "comma: 23.6."
    ]


def test_the_same_line_from_a_public_and_a_hidden_check_is_shown_once(solution):
    lines = _score_with(solution)["q13"].lines
    assert len(lines) == len(set(lines)) and len(lines) >= 3
