"""The student's check(): public checks only, one plain line per check, never a traceback."""

import pytest

from kit.exercises import Checker


@pytest.fixture
def check(monkeypatch):
    monkeypatch.delenv("KIT_GRADING", raising=False)
    return Checker("ex00_practice")


def _lines(capsys):
    return capsys.readouterr().out.splitlines()


def test_a_right_answer_passes_every_public_check(check, capsys):
    q4 = ["Japan", "France"]  # noqa: F841  (read by check from this frame)
    check("q4")
    assert _lines(capsys) == [
        "q4 passed: every item is one of the labels.",
        "q4 passed: you gave 2 items, a good number.",
        "q4 note: 1 more check runs when your instructor grades; passing here does not guarantee the points.",
    ]


def test_public_checks_only_a_wrong_label_from_the_set_still_passes_here(check, capsys):
    q1 = "opinion"  # noqa: F841
    check("q1")
    assert _lines(capsys)[0] == "q1 passed: your answer is one of the labels."


def test_a_wrong_answer_says_what_to_look_at(check, capsys):
    q7 = 2.5  # noqa: F841
    check("q7")
    assert _lines(capsys) == [
        "q7 look again: 2.5 is not a whole number; this question counts things.",
        "q7 passed: 2.5 is in the range the answer can be in.",
    ]


def test_an_unanswered_question(check, capsys):
    check("q9")
    (line,) = _lines(capsys)
    assert line.startswith("q9 not answered: there is no q9 yet.")
    q9 = ...  # noqa: F841
    check("q9")
    assert "still holds `...`, the placeholder" in _lines(capsys)[0]


def test_a_free_text_answer_is_checked_for_length_and_left_to_the_instructor(check, capsys):
    q12 = "Too short."  # noqa: F841
    check("q12")
    assert _lines(capsys) == [
        "q12 look again: your answer has 2 words; write at least 15.",
        "q12 graded by your instructor: the points for this answer are given by hand.",
    ]


@pytest.mark.parametrize("name", ["q99", "Q1", 1, None])
def test_a_wrong_question_name_lists_the_questions(check, capsys, name):
    check(name)
    (line,) = _lines(capsys)
    assert line.startswith("There is no question")
    assert 'e.g. check("q1")' in line and "q17" in line


def test_an_answer_that_breaks_while_read_becomes_a_line(check, capsys):
    import pandas as pd

    q13 = pd.DataFrame({"a": [1]})
    object.__setattr__(q13, "_mgr", None)
    check("q13")
    (line,) = _lines(capsys)
    assert line.startswith("q13 look again: Python raised RecursionError while reading q13")


def test_a_lying_object_is_not_believed(check, capsys):
    class Liar(str):
        def __eq__(self, other):
            return True

        __hash__ = str.__hash__

    q1 = Liar("fact")  # noqa: F841
    check("q1")
    (line,) = _lines(capsys)
    assert line.startswith("q1 look again: q1 holds a Liar object, which the kit cannot check.")


def test_check_reads_the_variables_of_the_function_it_is_called_in(check, capsys):
    def answer():
        q9 = 2009  # noqa: F841
        check("q9")

    answer()
    assert _lines(capsys)[0] == "q9 passed: your answer is a whole number."


def test_the_summary_gives_points_and_warns_about_hidden_checks(check, capsys):
    q1 = "fact"  # noqa: F841
    q7 = 2.5  # noqa: F841
    check.all()
    out = capsys.readouterr().out
    assert "q1   passed           1 of 1 point\n" in out
    assert "q7   look again       0 of 1 point\n" in out
    assert "q12  not answered     0 of 3 points" in out
    assert "So far: 1 of 26 points from the public checks, and 3 more points" in out
    assert "hidden checks run too, so your final points may be lower" in out


def test_under_the_grader_check_does_nothing(check, capsys, monkeypatch):
    monkeypatch.setenv("KIT_GRADING", "1")
    q1 = "fact"  # noqa: F841
    check("q1")
    check("nonsense")
    check.all()
    assert capsys.readouterr().out == ""


def test_an_exercise_without_released_checks_says_so(capsys, monkeypatch):
    monkeypatch.delenv("KIT_GRADING", raising=False)
    check = Checker("ex42_missing")
    check("q1")
    (line,) = _lines(capsys)
    assert line.startswith("check cannot find the checks of 'ex42_missing'")
    assert "Your answers are not affected" in line


def test_the_checker_shows_how_to_use_it(check):
    assert 'check("q1")' in repr(check) and "check.all()" in repr(check)
