"""Exercise 3 (stance markers) end to end, through `kit grade`.

The solution source earns every auto-graded point, the released blank notebook none, and the
hand-written typical-mistakes submission some, with the feedback line each mistake deserves.
The seed phrases the exercise expects are those of the hand-checked gold list and of
`kit.markers`; on another text the seed-only questions are skipped and the rest still grade.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ARTICLES, REPO, SEED

import kit
from kit.exercises import load_exercise

NAME = "ex03_stance_markers"
SOURCE = REPO / "exercises" / "source" / f"{NAME}.ipynb"
STUDENT = REPO / "exercises" / f"{NAME}.ipynb"
MISTAKES = REPO / "tests" / "data" / "exercises" / NAME / "typical_mistakes.ipynb"
GOLD = REPO / "tests" / "data" / "markers" / "yomiuri-gold.csv"
OTHER = ARTICLES / "oakridge-library-oped"
EXERCISE = load_exercise(NAME)
AUTO = [q.name for q in EXERCISE.questions if not q.manual]
FULL_AUTO = sum(q.points for q in EXERCISE.questions if not q.manual)
SEED_ONLY = ["q1", "q2", "q3"]  # they quote the seed's paragraphs
KIT = [sys.executable, "-m", "kit"]
HEDGES = ["highly likely", "reportedly", "may", "suggests", "about half"]
FIND = {"q1": "hedge", "q2": "booster", "q3": "attitude"}
NO_REINDEX = 'q4 = hedge_rows.groupby("paragraph").size().reset_index(name="hedges")'


def _grade(submissions, out, *extra):
    """Run `kit grade` as a teacher would; return {student: {question: row}}."""
    command = [*KIT, "grade", NAME, submissions, "--out", out, "--workers", 2, "--quiet", *extra]
    result = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    graded = {}
    with open(out / "grades_long.csv", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            row["lines"] = row["feedback"].split(" | ")
            graded.setdefault(row["student"], {})[row["question"]] = row
    return graded


def _solution_with(**answers):
    """The solution source with some answer cells replaced: {variable: code}."""
    notebook = json.loads(SOURCE.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        text = "".join(cell["source"])
        for variable, code in answers.items():
            if cell["cell_type"] == "code" and re.search(rf"^{variable} = ", text, re.MULTILINE):
                cell["source"] = code.splitlines(keepends=True)
    return json.dumps(notebook)


def _class(folder):
    folder.mkdir(parents=True)
    shutil.copy(SOURCE, folder / "solution.ipynb")
    shutil.copy(STUDENT, folder / "blank.ipynb")
    shutil.copy(MISTAKES, folder / "typical_mistakes.ipynb")
    # A guesser: three extra "hedges" beside the right five; every word of the q2 passage.
    guesses = _solution_with(
        q1=f"q1 = {[*HEDGES, 'will', 'due to', 'However']!r}",
        q2="q2 = doc.paragraphs.text[doc.paragraphs.paragraph.isin([2, 5, 6, 8])].str.split()"
        ".explode().tolist()",
    )
    (folder / "guesser.ipynb").write_text(guesses, encoding="utf-8")
    # The paragraphs without a hedge left out of q4 (no .reindex), q5 built on it.
    (folder / "no_reindex.ipynb").write_text(_solution_with(q4=NO_REINDEX), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("ex03")
    return _grade(_class(base / "subs"), base / "out")


def _total(questions):
    return sum(float(row["points"]) for row in questions.values())


# -- the three submissions --------------------------------------------------------------------


def test_the_solution_earns_every_auto_graded_point(graded):
    solution = graded["solution"]
    assert {name: solution[name]["status"] for name in AUTO} == {name: "passed" for name in AUTO}
    assert _total(solution) == FULL_AUTO == 12
    assert solution["q7"]["status"] == "manual"  # the reflection waits for the instructor


def test_the_blank_notebook_earns_nothing(graded):
    blank = graded["blank"]
    assert _total(blank) == 0
    assert {row["status"] for row in blank.values()} == {"missing"}


def test_typical_mistakes_earn_some_points_but_not_all(graded):
    mistakes = graded["typical_mistakes"]
    assert 0 < _total(mistakes) < FULL_AUTO
    statuses = {name: row["status"] for name, row in mistakes.items()}
    assert statuses == {
        "q1": "partial",
        "q2": "partial",
        "q3": "passed",
        "q4": "failed",
        "q5": "failed",
        "q6": "failed",
        "q7": "manual",
    }
    # Span F1, by hand. q1: 4 items, 3 right, 5 expected: P = 3/4, R = 3/5,
    # F1 = 2 * (9/20) / (27/20) = 2/3 of 2 points = 1.33.
    # q2: 6 items, 5 right, 6 expected: P = R = 5/6, F1 = 5/6 of 2 points = 1.67.
    assert float(mistakes["q1"]["points"]) == pytest.approx(1.33)
    assert float(mistakes["q2"]["points"]) == pytest.approx(1.67)
    assert _total(mistakes) == pytest.approx(1.33 + 1.67 + 2)  # q3 right, q4-q6 wrong


def test_a_whole_sentence_pasted_as_a_hedge_matches_nothing(graded):
    line = graded["typical_mistakes"]["q1"]["lines"][-1]
    assert line.startswith("partly right: 3 of your 4 items are right; not right: “This suggests")
    assert "2 are still missing; F1 score 0.67." in line
    assert line.endswith("Give each as a word or a short phrase, not a whole sentence.")


def test_will_counted_as_a_booster_is_named_and_explained(graded):
    line = graded["typical_mistakes"]["q2"]["lines"][-1]
    assert "not right: “will”;" in line and "1 is still missing" in line
    assert "A verb about the future on its own only forecasts" in line


def test_a_marker_with_the_words_around_it_still_counts(graded):
    assert graded["typical_mistakes"]["q3"]["lines"][-1] == (
        "passed: all 5 of your items are right, and none is missing."
    )


def test_a_table_without_its_paragraph_column_fails_the_public_check(graded):
    lines = graded["typical_mistakes"]["q4"]["lines"]
    assert lines[0] == (
        "look again: your table has no column named “paragraph”. Its columns are: “hedges”. "
        "Keep both columns: each paragraph's number, and its count of hedges next to it."
    )


def test_density_per_sentence_is_caught_while_the_word_counts_pass(graded):
    lines = graded["typical_mistakes"]["q5"]["lines"]
    assert lines[0].startswith("passed: your table has the columns “paragraph”, “hedges”")
    assert "passed: the values in “paragraph” and “words” are right." in lines
    density = lines[-1]
    assert density.startswith("look again: 7 of 13 rows of the values in “paragraph” and ")
    assert density.endswith(
        "divide each paragraph's hedges by its words (not by its sentences), then multiply by 100."
    )


def test_the_wrong_density_leads_to_the_wrong_paragraph(graded):
    line = graded["typical_mistakes"]["q6"]["lines"][-1]
    assert line.startswith("look again: 1 is not the right number. Look at the per_100_words")
    assert not re.search(r"\b10\b", line)  # the feedback never gives the answer


def test_the_reflection_gets_its_length_check_and_waits_for_the_instructor(graded):
    lines = graded["typical_mistakes"]["q7"]["lines"]
    assert lines[0].startswith("passed: your answer has ") and "words, a good length" in lines[0]
    assert lines[-1].startswith("graded by your instructor")


# -- the seed's phrases agree with the gold list and with kit.markers --------------------------


def _gold_terms(category):
    with open(GOLD, encoding="utf-8") as handle:
        return {row["term"] for row in csv.DictReader(handle) if row["category"] == category}


def _passage_paragraphs(question):
    """The seed paragraphs a question quotes: its public in_text passage, verbatim."""
    (in_text,) = [c for c in EXERCISE.question(question).public if c.name == "in_text"]
    doc = kit.load(SEED)
    quoted = in_text.settings["text"].split("\n\n")
    paragraphs = [p for p in doc.paragraphs.itertuples() if p.text in quoted]
    assert [p.text for p in paragraphs] == quoted  # every quoted paragraph is the seed's own
    return [p.paragraph for p in paragraphs]


@pytest.mark.parametrize("question", SEED_ONLY)
def test_expected_seed_phrases_are_the_gold_list_and_the_kits_markers(question):
    category = FIND[question]
    (matches,) = [c for c in EXERCISE.question(question).hidden if c.name == "matches"]
    expected = matches.settings["expected"]
    doc = kit.load(SEED)
    found = kit.markers(doc).merge(doc.sentences[["sentence_id", "paragraph"]])
    inside = found[
        (found.category == category) & found.paragraph.isin(_passage_paragraphs(question))
    ]
    assert sorted(expected) == sorted(inside.term)  # each once, none missing, none extra
    assert set(expected) <= _gold_terms(category)
    assert matches.settings["match"] == "overlap"


@pytest.mark.parametrize("question", SEED_ONLY)
def test_seed_questions_are_tied_to_the_seed(question):
    assert EXERCISE.question(question).texts == (SEED,)


def test_listing_more_than_the_markers_does_not_pay(graded):
    guesser = graded["guesser"]
    # 8 items, 5 right, 5 expected: P = 5/8, R = 1, F1 = (10/8) / (13/8) = 10/13 of 2 points.
    q1 = guesser["q1"]
    assert (q1["status"], float(q1["points"])) == ("partial", pytest.approx(1.54))
    assert "F1 score 0.77." in q1["lines"][-1]
    assert "not right: “will”, “due to”, “However”" in q1["lines"][-1]
    q2 = guesser["q2"]  # every word of the passage: more items than the count allows
    assert (q2["status"], float(q2["points"])) == ("failed", 0)
    assert any(line.startswith("look again: you gave ") for line in q2["lines"])


def test_the_count_limit_stops_listing_every_word():
    for question in SEED_ONLY:
        (count,) = [c for c in EXERCISE.question(question).public if c.name == "count"]
        (matches,) = [c for c in EXERCISE.question(question).hidden if c.name == "matches"]
        assert len(matches.settings["expected"]) < count.settings["max"] <= 10


# -- another text ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graded_elsewhere(tmp_path_factory):
    """The solution, a blank notebook and the seed's answers typed by hand, on Oakridge."""
    base = tmp_path_factory.mktemp("ex03-other")
    subs = base / "subs"
    subs.mkdir()
    shutil.copy(SOURCE, subs / "solution.ipynb")
    shutil.copy(STUDENT, subs / "blank.ipynb")
    typed = _solution_with(q6="q6 = 10")  # the seed's most speculative paragraph, typed in
    (subs / "seed_answers.ipynb").write_text(typed, encoding="utf-8")
    return _grade(subs, base / "out", "--text", OTHER)


def test_on_another_text_the_solution_earns_full_marks_there(graded_elsewhere):
    solution = graded_elsewhere["solution"]
    for name in ("q4", "q5", "q6"):
        assert solution[name]["status"] == "passed", solution[name]["feedback"]
    assert solution["q7"]["status"] == "manual"
    assert _total(solution) == sum(EXERCISE.question(n).points for n in ("q4", "q5", "q6"))
    assert _total(graded_elsewhere["blank"]) == 0


@pytest.mark.parametrize("question", SEED_ONLY)
def test_on_another_text_the_seed_questions_are_skipped_with_a_message(graded_elsewhere, question):
    for student in ("solution", "blank"):
        row = graded_elsewhere[student][question]
        assert (row["status"], float(row["points"]), float(row["max_points"])) == ("skipped", 0, 0)
        assert row["feedback"].startswith(f"skipped: {question} is about “UNSC Panel")
        assert SEED in row["feedback"] and "oakridge-library-oped" in row["feedback"]


def test_on_another_text_the_expected_answers_are_that_texts(graded_elsewhere):
    """The seed's answer, right on the seed, is wrong on Oakridge: q6 is computed there."""
    typed = graded_elsewhere["seed_answers"]
    assert typed["q6"]["status"] == "failed"
    assert typed["q4"]["status"] == typed["q5"]["status"] == "passed"


def test_the_students_prose_never_names_an_answer():
    """Outside the quoted passages, no expected marker is given as an example (*may*)."""
    notebook = json.loads(STUDENT.read_text(encoding="utf-8"))
    prose = "\n".join(
        line
        for cell in notebook["cells"]
        if cell["cell_type"] == "markdown"
        for line in "".join(cell["source"]).splitlines()
        if not line.startswith(">")
    ).lower()
    for question in SEED_ONLY:
        (matches,) = [c for c in EXERCISE.question(question).hidden if c.name == "matches"]
        for phrase in matches.settings["expected"]:
            shown = rf"[*“\"'`]{re.escape(phrase.lower())}[*”\"'`]"  # as an example
            assert not re.search(shown, prose), phrase


# -- what the student reads -----------------------------------------------------------------


@pytest.mark.parametrize("question", SEED_ONLY)
def test_the_marker_lists_are_scored_by_span_f1(question):
    (matches,) = [c for c in EXERCISE.question(question).hidden if c.name == "matches"]
    assert matches.settings["score"] == "f1"


def test_the_student_is_told_how_the_lists_are_scored():
    notebook = json.loads(STUDENT.read_text(encoding="utf-8"))
    prose = "\n".join(
        "".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"
    )
    assert "*F1 score*" in prose and "*recall*" in prose and "*precision*" in prose
    assert "A wrong item takes back a right one" not in prose


def _chosen_paragraph(q6):
    """What the "here is the paragraph you named" cell of the released notebook shows."""
    notebook = json.loads(STUDENT.read_text(encoding="utf-8"))
    (code,) = [
        "".join(c["source"])
        for c in notebook["cells"]
        if c["cell_type"] == "code" and "chosen" in "".join(c["source"])
    ]
    *statements, last = code.strip().splitlines()
    namespace = {"doc": kit.load(SEED), "q6": q6}
    exec("\n".join(statements), namespace)
    return eval(last, namespace)


def test_the_paragraph_named_is_shown_for_a_number_found_with_pandas():
    import numpy as np

    doc = kit.load(SEED)
    tenth = doc.paragraphs.set_index("paragraph").text[10]
    q5 = doc.paragraphs[["paragraph"]].assign(per_100_words=0.0)
    q5.loc[q5.paragraph == 10, "per_100_words"] = 5.0
    found = q5.sort_values("per_100_words", ascending=False).paragraph.iloc[0]
    assert type(found) is np.int64  # what the question's own hint gives
    for q6 in (found, 10, 10.0, np.float64(10)):
        assert _chosen_paragraph(q6) == tenth, repr(q6)
    assert _chosen_paragraph(...) == "Answer question 6 first: give a paragraph's number."
    assert _chosen_paragraph(True).startswith("Answer question 6 first")
    assert _chosen_paragraph(99) == "The text has no paragraph 99."


def test_the_introduction_marks_what_is_about_the_yomiuri_editorial():
    notebook = json.loads(STUDENT.read_text(encoding="utf-8"))
    prose = "\n".join(
        "".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"
    )
    assert "passages of the Yomiuri editorial" in prose
    assert "## Part 1: find the markers yourself (on the Yomiuri editorial)" in prose
    assert "In the seed" not in prose
    assert "It builds on your table from question 4" in prose


def test_a_table_without_the_paragraphs_that_have_no_hedge_is_caught_publicly(graded):
    """The mistake question 4 teaches: the public check says so, and q5 points back to q4."""
    student = graded["no_reindex"]
    q4, q5 = student["q4"]["lines"], student["q5"]["lines"]
    assert q4[1] == (
        "look again: your table has 6 rows; it needs 13. One row per paragraph of the text, "
        "also for the paragraphs without any hedge: see the hint about .reindex(...)."
    )
    assert q5[1].startswith("look again: your table has 6 rows; it needs 13.")
    assert "builds on your table from question 4" in q5[1]
    # 0 for q4 and q5; q6 is still paragraph 10 (it has hedges); q1-q3 are the solution's.
    assert (student["q4"]["status"], student["q5"]["status"]) == ("failed", "failed")
    assert student["q6"]["status"] == "passed"
    assert _total(student) == 6 + 1


def test_the_public_row_check_in_the_notebook():
    from exercise_grading import student_check

    doc = kit.load(SEED)
    found = kit.markers(doc)
    hedge_rows = found[found.category == "hedge"].merge(
        doc.sentences[["sentence_id", "paragraph"]], on="sentence_id"
    )
    q4 = hedge_rows.groupby("paragraph").size().reset_index(name="hedges")
    lines = student_check(NAME, "q4", q4=q4, TEXT=SEED)
    assert lines[1].startswith("q4 look again: your table has 6 rows; it needs 13.")
    q4 = hedge_rows.groupby("paragraph").size()
    q4 = q4.reindex(doc.paragraphs.paragraph, fill_value=0).reset_index(name="hedges")
    lines = student_check(NAME, "q4", q4=q4, TEXT=SEED)
    assert lines[1] == "q4 passed: your table has 13 rows, as it should."
