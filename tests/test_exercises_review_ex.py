"""Framework fixes from the browser review of ex04/ex05 (findings 1b, 5-10, the plural nit and
the per-item word limit): general behaviour of the checks, not of one exercise."""

from __future__ import annotations

import pytest

from kit.errors import ExerciseFormatError
from kit.exercises import Check, to_plain
from kit.exercises.exercise import Question


def question(kind, *checks, public=(), points=1):
    hidden = tuple(Check.from_data(c, kind=kind, hidden=True) for c in checks)
    shown = tuple(Check.from_data(c, kind=kind) for c in public)
    return Question(name="q", kind=kind, points=points, variable="q", public=shown, hidden=hidden)


# -- finding 5: one label normalisation --------------------------------------------------


@pytest.mark.parametrize("answer", ["partly-supported", "partly_supported", "Partly–Supported"])
def test_a_joined_label_is_the_same_label_for_one_of_and_equals(answer):
    labels = ["supported", "partly supported", "attribution wrong"]
    q = question(
        "label",
        {"check": "equals", "expected": "partly supported"},
        public=[{"check": "one_of", "values": labels}],
    )
    result = q.score({"q": answer})
    assert (result.status, result.points) == ("passed", 1), result.lines
    assert not any("not one of the labels" in line for line in result.lines)


def test_one_of_never_refuses_what_equals_accepts():
    """The self-contradictory "not one of the labels | passed" cannot happen: whatever
    `equals` (words) accepts, `one_of` with that expected label among its values accepts."""
    labels = ["U.N. member", "partly supported", "fact/opinion"]
    for expected, answer in [
        ("U.N. member", "UN member"),
        ("partly supported", "partly, supported"),
        ("fact/opinion", "fact opinion"),
        ("partly supported", "“Partly-Supported.”"),
    ]:
        q = question(
            "label",
            {"check": "equals", "expected": expected},
            public=[{"check": "one_of", "values": labels}],
        )
        lines = q.score({"q": answer}).lines
        assert all(line.startswith("passed") for line in lines), (answer, lines)


def test_a_list_item_without_its_hyphen_is_not_counted_wrong_twice():
    labels = ["truncated axis", "cherry-picked paragraphs", "raw counts", "3d bars"]
    expected = ["truncated axis", "cherry-picked paragraphs", "raw counts"]
    q = question(
        "labels",
        {"check": "matches", "expected": expected},
        public=[{"check": "one_of", "values": labels}],
        points=2,
    )
    result = q.score({"q": ["Truncated Axis", "cherry picked paragraphs", "raw counts"]})
    assert (result.status, result.points) == ("passed", 2), result.lines


def test_a_negative_bar_label_keeps_its_sign():
    from kit.exercises.checks import _label_key

    assert _label_key("-1") == "-1"
    assert _label_key("1.0") == "1"


# -- finding 1(b): dates -------------------------------------------------------------------

RIGHT_DATES = [
    "26 May 2022",
    "26th May 2022",
    "May 26th, 2022",
    "On 26 May 2022",
    "Thursday, 26 May 2022",
    "the 26th of May 2022",
    "2022-05-26",
    "26.05.2022",
    "26/5/2022",
    "5/26/2022",
    "05/26/2022",
    "26-May-2022",
    "26 may, 2022",
    "2022/05/26",
    "Thu 26 May 2022.",
]


@pytest.mark.parametrize("answer", RIGHT_DATES)
def test_any_unambiguous_spelling_of_the_date_earns_the_point(answer):
    q = question("text", {"check": "equals", "expected": "26 May 2022", "normalise": "date"})
    result = q.score({"q": answer})
    assert (result.status, result.points) == ("passed", 1), result.lines


def test_a_wrong_date_is_wrong_and_gets_the_instructors_message():
    q = question(
        "text",
        {
            "check": "equals",
            "expected": "26 May 2022",
            "normalise": "date",
            "message": "Not the date of the 2024 veto.",
        },
    )
    result = q.score({"q": "28 March 2024"})
    assert result.status == "failed"
    assert result.lines == [
        "look again: “28 March 2024” is not the right answer. Not the date of the 2024 veto."
    ]


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        ("5/6/2022", "could be 5 June 2022 or 6 May 2022"),
        ("05.06.2022", "could be 5 June 2022 or 6 May 2022"),
        ("sometime in spring", "cannot read"),
        ("26 May", "no year"),
        ("31 June 2022", "cannot read"),
        ("26/5/22", "year"),
    ],
)
def test_an_ambiguous_or_unreadable_date_is_told_the_form_not_that_it_is_wrong(answer, said):
    q = question(
        "text",
        {"check": "equals", "expected": "26 May 2022", "normalise": "date", "message": "Hint."},
    )
    result = q.score({"q": answer})
    assert result.points == 0
    (line,) = result.lines
    assert said in line, line
    assert "not the right answer" not in line and "Hint." not in line
    assert "month in words" in line
    assert "26 May 2022" not in line.replace(answer, "")  # the expected date is never shown


def test_the_public_is_date_check_tells_the_student_before_grading():
    q = question("text", public=[{"check": "is_date"}])
    assert q.score({"q": "the 26th of May 2022"}, hidden=False).lines == [
        "passed: your answer reads as the date 26 May 2022."
    ]
    result = q.score({"q": "5/6/2022"}, hidden=False)
    assert result.status == "failed"
    assert "could be 5 June 2022 or 6 May 2022" in result.lines[0]


def test_a_date_check_whose_expected_value_is_not_a_date_is_refused():
    with pytest.raises(ExerciseFormatError, match="not a date"):
        Check.from_data(
            {"check": "equals", "expected": "5/6/2022", "normalise": "date"}, kind="text"
        )


def test_read_date_is_public_and_plain():
    import datetime

    from kit.exercises import read_date

    assert read_date("Thursday, 26 May 2022") == datetime.date(2022, 5, 26)
    assert read_date("29 February 2024") == datetime.date(2024, 2, 29)
    assert read_date("5/5/2022") == datetime.date(2022, 5, 5)  # both orders agree
    assert read_date("Sept. 1, 2001") == datetime.date(2001, 9, 1)
    for bad in ("29 February 2023", "5/6/2022", "may", "", "2022", "26 May 2022 and 2023"):
        assert read_date(bad) is None, bad


# -- finding 6: the commonest matplotlib slips ------------------------------------------


@pytest.fixture
def plt():
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


def _chart_question():
    return question("chart", public=[{"check": "chart_type", "type": "bar"}], points=3)


def test_the_title_instead_of_the_chart_says_what_set_title_returns(plt):
    import pandas as pd

    table = pd.DataFrame({"paragraph": [1, 2], "hedges": [1.0, 2.0]})
    slip = table.plot.bar(x="paragraph", y="hedges").set_title("Hedges")
    (line,) = _chart_question().score({"q": to_plain(slip)}).lines
    assert "what set_title(...) returns" in line and "not the chart" in line
    assert "q.set_title(...) on its own line" in line
    assert "cannot check" not in line


def test_the_bars_or_lines_plt_returns_say_end_with_gca(plt):
    for slip in (plt.bar([1, 2], [3, 4]), plt.plot([1, 2], [3, 4]), plt.barh([1], [2])):
        (line,) = _chart_question().score({"q": to_plain(slip)}).lines
        assert "q = plt.gca()" in line, line
        assert "cannot check" not in line


def test_a_slip_on_another_kind_of_question_is_not_called_a_chart(plt):
    text = plt.title("Hedges")
    (line,) = question("text", {"check": "words"}).score({"q": to_plain(text)}).lines
    assert "plt.gca()" not in line and "set_title" not in line


# -- finding 7: check() after an answer cell that raised ---------------------------------


@pytest.fixture
def shell(monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell

    from kit.exercises import cell_errors

    monkeypatch.delenv("KIT_GRADING", raising=False)
    monkeypatch.setattr(cell_errors, "_FAILED", {})  # no error left for the next test
    shell = InteractiveShell.instance()
    yield shell
    InteractiveShell.clear_instance()


def test_check_after_a_cell_that_raised_says_so_first_and_does_not_judge_the_old_value(
    shell, capsys
):
    shell.run_cell('from kit.exercises import Checker\ncheck = Checker("ex00_practice")')
    shell.run_cell('q1 = "fact"')
    shell.run_cell("q1 = undefined_label")  # NameError: q1 keeps "fact"
    capsys.readouterr()
    shell.run_cell('check("q1")')
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("q1 not answered: your answer cell for q1 stopped with an error")
    assert not any("passed" in line for line in lines), lines
    shell.run_cell("check.all()")
    out = capsys.readouterr().out
    assert "q1   not answered     0 of 1 point" in out


def test_the_pandas_and_precedence_error_gets_a_tip(shell, capsys):
    shell.run_cell('from kit.exercises import Checker\ncheck = Checker("ex00_practice")')
    shell.run_cell("import pandas as pd\nt = pd.DataFrame({'a': [1, 2], 'b': ['x', 'y']})")
    shell.run_cell("q14 = t[t.a == 1 & t.b == 'x']")
    capsys.readouterr()
    shell.run_cell('check("q14")')
    out = capsys.readouterr().out
    assert "put each condition in brackets: (a == b) & (c > d)" in out, out


# -- finding 8: NaN is not None ----------------------------------------------------------


def test_nan_is_described_as_not_a_number():
    import numpy as np

    number = question("number", {"check": "close_to", "expected": 8})
    for nan in (float("nan"), np.float64("nan")):
        (line,) = number.score({"q": to_plain(nan)}).lines
        assert "NaN (not a number)" in line and "None" not in line, line
    (line,) = number.score({"q": to_plain(float("inf"))}).lines
    assert "infinity" in line, line
    label = question("label", {"check": "equals", "expected": "supported"})
    (line,) = label.score({"q": to_plain(float("nan"))}).lines
    assert "NaN (not a number)" in line, line
    (line,) = label.score({"q": to_plain(None)}).lines
    assert "nothing (None)" in line  # None is still None


# -- finding 9: the figure's suptitle --------------------------------------------------


def test_the_figures_suptitle_counts_when_the_axes_has_no_title(plt):
    fig, ax = plt.subplots()
    ax.bar([1, 2], [3, 4])
    ax.set_xlabel("paragraph")
    ax.set_ylabel("hedges per 100 words")
    fig.suptitle("Hedges per 100 words, by paragraph")
    q = question("chart", public=[{"check": "labelled"}])
    assert q.score({"q": to_plain(ax)}, hidden=False).status == "passed"
    ax.set_title("Own title")
    assert to_plain(ax)["axes"][0]["title"] == "Own title"


# -- finding 10: bar is vertical, barh horizontal ---------------------------------------


def test_a_horizontal_chart_where_vertical_bars_are_asked_for_is_told_how(plt):
    _, ax = plt.subplots()
    ax.barh([1, 2], [3, 4])
    (line,) = _chart_question().score({"q": to_plain(ax)}).lines
    assert "vertical bars" in line and ".plot.bar(" in line, line


def test_the_readme_says_what_chart_type_checks():
    from pathlib import Path

    readme = Path(__file__).parents[1] / "exercises" / "README.md"
    row = next(
        line
        for line in readme.read_text().splitlines()
        if "`chart_type`" in line and "|" in line and "type =" in line
    )
    assert "vertical or horizontal" not in row
    assert "horizontal" in row and "vertical" in row


# -- the plural nit ------------------------------------------------------------------------


def test_one_item_and_one_point_are_singular(monkeypatch, capsys):
    count = question("labels", public=[{"check": "count", "min": 1, "max": 3}])
    assert count.score({"q": ["Japan"]}, hidden=False).lines == [
        "passed: you gave 1 item, a good number."
    ]
    few = question("labels", public=[{"check": "count", "min": 2}])
    assert few.score({"q": ["Japan"]}, hidden=False).lines == [
        "look again: you gave 1 item; give at least 2."
    ]
    matches = question("labels", {"check": "matches", "expected": ["Japan"]})
    assert matches.score({"q": ["Japan"]}).lines == [
        "passed: your item is right, and none is missing."
    ]
    from kit.exercises import Checker, cell_errors

    monkeypatch.delenv("KIT_GRADING", raising=False)
    monkeypatch.setattr(cell_errors, "_FAILED", {})
    check = Checker("ex00_practice")
    q1 = "fact"  # noqa: F841
    check.all()
    out = capsys.readouterr().out
    assert "1 of 1 point\n" in out and "1 of 1 points" not in out


# -- a per-item word limit for lists ----------------------------------------------------


def test_a_whole_sentence_as_one_list_item_is_caught_publicly():
    q = question("phrases", public=[{"check": "item_words", "max": 4}], points=2)
    result = q.score({"q": ["perhaps", "it is clear that the veto was meant to silence the panel"]})
    assert result.status == "partial"
    (line,) = result.lines
    assert "has 12 words" in line and "at most 4" in line
    assert q.score({"q": ["perhaps", "clearly"]}, hidden=False).status == "passed"
    with pytest.raises(ExerciseFormatError):
        Check.from_data({"check": "item_words"}, kind="phrases")  # a limit is needed


def test_a_hand_graded_question_worth_one_point_says_point():
    q = Question(name="q", kind="text", points=1, variable="q", manual=True)
    assert q.score({"q": "An answer."}, manual={"q": 1}).lines[-1] == (
        "graded by your instructor: 1 of 1 point."
    )
