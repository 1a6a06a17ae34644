"""The review sheet: long answers, unreadable sheets, changed answers, formulas."""

from __future__ import annotations

import csv

from grading_support import FULL_AUTO, replace, rows, solution_cells, write_notebook

from kit.grading import grade, reports
from kit.grading.reports import _csv, answer_id, read_review

HEADER = ["student", "id", "question", "max_points", "points", "comment", "answer", "answer_id"]


def _sheet(path, rows_):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows_)


def _read(path):
    with open(path, encoding="utf-8-sig") as handle:
        return {r["student"]: r for r in csv.DictReader(handle)}


def test_a_sheet_with_a_very_long_answer_is_read(tmp_path):
    long_answer = "word " * 40_000  # 200 KB: more than csv's default field limit
    _sheet(tmp_path / "review.csv", [["ada", "", "q12", "3", "2", "", long_answer, ""]])
    scores = read_review(tmp_path / "review.csv")
    assert scores[("ada", "")]["q12"] == 2


def test_an_unreadable_sheet_is_moved_aside_never_lost(tmp_path, monkeypatch):
    monkeypatch.setattr(reports, "_FIELD_LIMIT", 100)  # a field csv refuses, made small
    sheet = tmp_path / "review.csv"
    sheet.write_bytes(b"student,id,question,points,answer\nada,,q12,2," + b"x" * 200 + b"\n")
    problems: list[str] = []
    assert read_review(sheet, problems) == {}
    assert not sheet.exists()
    [aside] = tmp_path.glob("review.unreadable-*.csv")
    assert aside.read_bytes().startswith(b"student")
    assert "could not be read" in problems[0] and aside.name in problems[0]


def test_a_long_hand_graded_answer_never_breaks_the_next_run(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    # 180 KB in the sheet: more than csv's default field limit, which broke every later run
    write_notebook(subs / "ada.ipynb", replace("q12", 'q12 = ["word " * 18000] * 2\n'))
    grade("ex00_practice", subs, out, workers=1, timeout=30)
    answer = _read(out / "review.csv")["ada"]["answer"]
    assert len(answer) < 10_100 and "characters in all]" in answer
    batch = grade("ex00_practice", subs, out, workers=1, timeout=30, force=True)
    assert batch.ran == 1


def test_a_hand_score_is_dropped_when_the_answer_changes(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    write_notebook(subs / "ada.ipynb", solution_cells())
    grade("ex00_practice", subs, out, workers=1, timeout=30)
    sheet = _read(out / "review.csv")
    assert sheet["ada"]["answer_id"]
    sheet["ada"]["points"] = "3"
    with open(out / "review.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerow(sheet["ada"])
    grade("ex00_practice", subs, out, workers=1, timeout=30)
    assert float(rows(out / "grades.csv")["ada"]["total"]) == FULL_AUTO + 3
    write_notebook(subs / "ada.ipynb", replace("q12", 'q12 = "lol"\n'))
    grade("ex00_practice", subs, out, workers=1, timeout=30)
    row = rows(out / "grades.csv")["ada"]
    assert float(row["total"]) == FULL_AUTO
    assert "q12 was for an earlier answer" in row["reason"]
    again = _read(out / "review.csv")["ada"]
    assert again["points"] == "" and again["comment"].startswith("needs review: the answer changed")
    assert again["answer"] == "lol" and again["answer_id"] == answer_id("lol")


def test_every_cell_is_quoted_and_formulas_after_a_semicolon_are_defused():
    text = _csv(["answer"], [["my answer;=1+1;@SUM(A1:A9)"], [3]])
    assert text.startswith("\ufeff")  # UTF-8 with a BOM: Excel reads accented names right
    assert text[1:].splitlines() == ['"answer"', "\"my answer;'=1+1;'@SUM(A1:A9)\"", '"3"']


def test_every_student_gets_their_own_feedback_page_and_an_index(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    for name in ("x", "x-2", "x.", "田中", "佐藤", "index", "X"):
        write_notebook(subs / f"{name}.ipynb", ["q1 = 'fact'"])
    grade("ex00_practice", subs, out, workers=2, timeout=30)
    pages = sorted(p.name for p in (out / "feedback").glob("*.html"))
    assert len(pages) == 8 and "index.html" in pages
    assert "田中.html" in pages and "佐藤.html" in pages
    assert len({p.casefold() for p in pages}) == 8  # distinct on a case-blind disk too
    index = (out / "feedback" / "index.html").read_text()
    for name in ("x-2", "x.", "田中", "佐藤"):
        assert f">{name}</a>" in index


def test_rejected_hand_scores_are_named_and_answers_left_to_grade_are_counted(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    write_notebook(subs / "ada.ipynb", solution_cells())
    write_notebook(subs / "bob.ipynb", solution_cells())
    write_notebook(subs / "cy.ipynb", solution_cells())
    first = grade("ex00_practice", subs, out, workers=2, timeout=30)
    assert first.notes == ["3 answers await your points in review.csv (graded by hand): fill "
                           "in `points` and run kit grade again"]  # fmt: skip
    page = (out / "feedback" / "ada.html").read_text()
    assert "to be graded by your instructor (up to 3)" in page
    assert "up to 3 more points to be graded by your instructor" in page
    assert "awaiting hand grading: q12" in rows(out / "grades.csv")["ada"]["reason"]
    sheet = _read(out / "review.csv")
    sheet["ada"]["points"], sheet["bob"]["points"], sheet["cy"]["points"] = "four", "5", "2"
    with open(out / "review.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(sheet.values())
    batch = grade("ex00_practice", subs, out, workers=2, timeout=30)
    assert "review.csv: ada q12: points 'four' is not a number; left to grade" in batch.notes
    assert "review.csv: bob q12: 5 points is outside 0 to 3; left to grade" in batch.notes
    assert batch.notes[-1].startswith("2 answers await your points")
    assert float(rows(out / "grades.csv")["cy"]["total"]) == FULL_AUTO + 2
    assert _read(out / "review.csv")["ada"]["points"] == "four"  # kept for you to fix


def test_the_summary_line_reads_as_one_list():
    from kit.grading.batch import Batch, Graded

    def item(status):
        return Graded("s", "", status, "", [], [], {})

    batch = Batch("ex", 10, [item("ok"), item("cell errors"), item("ok")], {}, ".", 1.0, ran=3)
    assert batch.summary() == (
        "3 submissions (3 run, 0 unchanged): 2 graded, 1 graded with errors in some cells; "
        "mean 0.00 / 10"
    )


def test_quiet_prints_no_protections_but_keeps_them_in_a_file(tmp_path):
    import subprocess
    import sys

    from conftest import REPO

    subs, out = tmp_path / "subs", tmp_path / "out"
    write_notebook(subs / "ada.ipynb", ["q1 = 'fact'"])
    command = [sys.executable, "-m", "kit", "grade", "ex00_practice", str(subs), "--out", str(out)]
    result = subprocess.run(
        [*command, "--quiet"], capture_output=True, text=True, cwd=REPO, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "Isolation" not in result.stderr and "landlock" not in result.stderr
    assert "landlock" in (out / "isolation.txt").read_text()


def test_a_feedback_page_shows_the_exercise_title_and_each_question(tmp_path):
    from grading_support import EXERCISE

    subs, out = tmp_path / "subs", tmp_path / "out"
    write_notebook(subs / "ada.ipynb", ["q1 = 'fact'"])
    grade("ex00_practice", subs, out, workers=1, timeout=30)
    page = (out / "feedback" / "ada.html").read_text()
    assert f"<h1>{EXERCISE.title}: ada</h1>" in page
    assert "Question 14. Now count the" in page and "**" not in page
