"""Feedback words: an answer cell that raised is reported as such, not as "still holds `...`"
(review 8a #6), in the student's check() and in the grader's feedback; question prompts show
their `code` as code (8a #12)."""

from __future__ import annotations

import pytest
from grading_support import replace, rows, solution_cells, write_notebook

from kit.grading import grade


@pytest.fixture
def shell(monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.delenv("KIT_GRADING", raising=False)
    shell = InteractiveShell.instance()
    yield shell
    InteractiveShell.clear_instance()


def test_check_says_the_answer_cell_stopped_with_an_error(shell, capsys):
    shell.run_cell('from kit.exercises import Checker\ncheck = Checker("ex00_practice")')
    shell.run_cell("q9 = ...")
    shell.run_cell("q9 = undefined_table.merge(2009)")  # NameError: q9 keeps `...`
    capsys.readouterr()
    shell.run_cell('check("q9")')
    (line,) = capsys.readouterr().out.splitlines()
    assert line == (
        "q9 not answered: your answer cell for q9 stopped with an error (NameError: name "
        "'undefined_table' is not defined): fix it and run it again."
    )
    assert "still holds" not in line
    shell.run_cell("q9 = 2009")  # fixed: the error is forgotten
    capsys.readouterr()
    shell.run_cell('check("q9")')
    assert "error" not in capsys.readouterr().out
    shell.run_cell("q9 = 2009 / 0")  # an earlier value stays, but the student is told
    capsys.readouterr()
    shell.run_cell('check("q9")')
    out = capsys.readouterr().out
    assert "stopped with an error (ZeroDivisionError: division by zero)" in out
    assert "still holds the value from before" in out
    assert "passed" not in out  # the old value is not judged: the student no longer has it


def test_grading_feedback_says_the_answer_cell_stopped_with_an_error(tmp_path):
    subs = tmp_path / "subs"
    cells = replace("q9", "q9 = ...")
    cells.insert(cells.index("q9 = ...") + 1, "q9 = undefined_table.merge(2009)")
    write_notebook(subs / "ada.ipynb", cells)
    write_notebook(subs / "bob.ipynb", replace("q9", "q9 = ..."))
    batch = grade("ex00_practice", subs, tmp_path / "out", workers=2)
    by_student = {item.student: item for item in batch.graded}
    (q9,) = [r for r in by_student["ada"].results if r["question"] == "q9"]
    assert q9["lines"] == [
        f"not answered: your answer cell (code cell {cells.index('q9 = ...') + 2}) for q9 "
        "stopped with an error (NameError: name 'undefined_table' is not defined): fix it and "
        "run it again."
    ]
    (q9,) = [r for r in by_student["bob"].results if r["question"] == "q9"]
    assert "still holds `...`" in q9["lines"][0]  # no error: the placeholder line as before
    assert rows(tmp_path / "out" / "grades.csv")["ada"]["q9"] == "0"
    assert len(solution_cells()) == len(cells) - 1
    # 8a #12: the question's `code` is shown as code on the page, without backticks.
    page = (tmp_path / "out" / "feedback" / "ada.html").read_text(encoding="utf-8")
    assert "<code>doc.sentences</code>" in page and "`doc.sentences`" not in page
