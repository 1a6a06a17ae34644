"""Exercise 5 (charting) end to end, through `kit grade`.

The solution source earns every auto-graded point, the released blank notebook none, and the
hand-written typical-mistakes submission some, with the feedback line each mistake deserves.
Every expected value comes from the solution run on the text in use, so the exercise also
grades on another article, and on a text in which the kit finds no marker at all.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO, SEED
from exercise_grading import (
    EXERCISES,
    OTHER_TEXT,
    class_folder,
    grade,
    solution_notebook,
    solution_with,
    student_check,
)

import kit
from kit.exercises import load_exercise

NAME = "ex05_charting"
STUDENT = EXERCISES / f"{NAME}.ipynb"
NO_MARKERS = REPO / "tests" / "data" / "review" / "tiny-bridge-note"
EXERCISE = load_exercise(NAME)
AUTO = [q.name for q in EXERCISE.questions if not q.manual]
FULL_AUTO = sum(q.points for q in EXERCISE.questions if not q.manual)
TRICKS = ["truncated axis", "raw counts", "cherry-picked paragraphs"]
# The boosters counted but not put back in the paragraphs without any: NaN, not 0.
NO_REINDEX = (
    'hedges = found[found.category == "hedge"].groupby("paragraph").size()\n'
    "hedges = hedges.reindex(doc.paragraphs.paragraph, fill_value=0)\n"
    'boosters = found[found.category == "booster"].groupby("paragraph").size()\n'
    'q1 = hedges.to_frame("hedges").assign(boosters=boosters).reset_index()'
)
# The solution's hedge chart, drawn again with other labels or one slip.
HEDGE_CHART = (
    'q3 = q2.plot.bar(x="paragraph", y="hedges_per_100", legend=False, rot=0)\n'
    'q3.set_title("Hedges per 100 words, by paragraph")\n'
    "q3.set_xlabel({xlabel!r})\n"
    "q3.set_ylabel({ylabel!r})\n"
)
BOOSTER_CHART = (
    'q5 = q2.plot.bar(x="paragraph", y="boosters_per_100", legend=False, rot=0)\n'
    'q5.set_title("Boosters per 100 words, in every paragraph")\n'
    "q5.set_xlabel({xlabel!r})\n"
    "q5.set_ylabel({ylabel!r})\n"
)


def _lines(graded, student, question):
    return graded.feedback(student, question).split(" | ")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("ex05")
    others = {
        "guesser": solution_with(
            NAME, q4="q4 = " + repr(EXERCISE.question("q4").public[0].settings["values"])
        ),
        "unchanged": solution_with(NAME, q5="q5 = misleading"),
        "no_reindex": solution_with(NAME, q1=NO_REINDEX),
        "hedges_cut": solution_with(
            NAME,
            q3=HEDGE_CHART.format(xlabel="paragraph", ylabel="hedges per 100 words")
            + "q3.set_ylim(bottom=0.5)",
        ),
        "kit_charts": solution_with(
            NAME,
            q3='q3 = kit.charts.stance(doc, categories=["hedge"])',
            q5='q5 = kit.charts.stance(doc, categories=["booster"])',
        ),
        "other_words": solution_with(
            NAME,
            q3=HEDGE_CHART.format(xlabel="para.", ylabel="hedges, per cent of the words"),
            q5=BOOSTER_CHART.format(xlabel="paragraph no.", ylabel="boosters (percent of words)"),
        ),
        "row_index": solution_with(NAME, q6="q6 = q2.boosters_per_100.idxmax()"),
    }
    return grade(NAME, class_folder(base / "subs", NAME, others=others), base / "out")


# -- the three submissions --------------------------------------------------------------------


def test_the_solution_earns_every_auto_graded_point(graded):
    assert {q: graded.status("solution", q) for q in AUTO} == {q: "passed" for q in AUTO}
    assert graded.total("solution") == FULL_AUTO == 13
    assert graded.status("solution", "q7") == "manual"  # the reflection waits for the instructor


def test_the_blank_notebook_earns_nothing(graded):
    assert graded.total("blank") == 0
    assert {graded.status("blank", q.name) for q in EXERCISE.questions} == {"missing"}


def test_typical_mistakes_earn_some_points_but_not_all(graded):
    statuses = {q.name: graded.status("typical", q.name) for q in EXERCISE.questions}
    assert statuses == {
        "q1": "passed",
        "q2": "failed",
        "q3": "failed",
        "q4": "partial",
        "q5": "failed",
        "q6": "failed",
        "q7": "manual",
    }
    # q4: 2 of the 3 tricks and no wrong label: (2 - 0) / 3 of 2 points.
    assert float(graded.questions["typical"]["q4"]["points"]) == pytest.approx(1.33)
    assert graded.total("typical") == pytest.approx(2 + 1.33)  # q1 right, q4 partly
    assert 0 < graded.total("typical") < FULL_AUTO


def test_rate_columns_under_other_names_fail_the_public_check(graded):
    lines = _lines(graded, "typical", "q2")
    assert lines[0] == (
        "look again: your table has no columns named “hedges_per_100” and “boosters_per_100”. "
        "Its columns are: “paragraph”, “hedges”, “boosters”, “words”, “hedges_per_100_words”, "
        "“boosters_per_100_words”. Keep all six columns, spelled exactly like this: the charts "
        "below use them by name."
    )
    assert "passed: the values in “paragraph” and “words” are right." in lines


def test_counts_charted_where_rates_are_asked_for(graded):
    lines = _lines(graded, "typical", "q3")
    assert lines[3] == (
        "look again: 7 of 13 bars have the right height. Draw one bar per paragraph of the text, "
        "as tall as its hedges per 100 words (the column hedges_per_100 of your table from "
        "question 2, not the count in hedges), labelled with the paragraph's number."
    )  # the 7 right ones are the paragraphs without a hedge: 0 is 0 counted either way


def test_a_chart_without_its_y_axis_label_is_told_to_name_the_unit(graded):
    lines = _lines(graded, "typical", "q3")
    assert lines[1] == "passed: your chart has a title and a label on the x axis."
    assert lines[2] == (
        "look again: your chart has no label on the y axis (ax.set_ylabel(...)). Label the y "
        "axis with what a bar's height measures, and its unit: is a bar a count, or a rate per "
        "100 words?"
    )


def test_a_title_that_says_nothing(graded):
    assert _lines(graded, "typical", "q3")[4] == (
        "look again: the title does not say clearly what the chart shows. Say in the title what "
        "the bars measure: hedges."
    )


def test_a_missed_trick_is_partly_right(graded):
    assert _lines(graded, "typical", "q4")[-1].startswith(
        "partly right: 2 of your 2 items are right; 1 is still missing. Read the code line by line."
    )


def test_the_fixed_chart_still_cut_off_at_the_bottom(graded):
    lines = _lines(graded, "typical", "q5")
    assert lines[1] == (
        "passed: your chart has a title, a label on the x axis and a label on the y axis."
    )
    assert lines[2] == (
        "look again: the y axis starts at 0.8, not at 0: an axis cut off at the bottom makes "
        "small differences look large (ax.set_ylim(bottom=0)). Let the y axis start at 0: leave "
        "out set_ylim(...), or give it bottom=0."
    )


def test_the_fixed_chart_that_kept_the_cherry_pick_is_told_which_bars_are_missing(graded):
    lines = _lines(graded, "typical", "q5")
    assert lines[3] == (
        "look again: 4 of 13 bars have the right height; your chart has 4 bars, not 13; no bar "
        "labelled 1, 3, 4, 7, 9, 10, 11, 12, 13. Draw one bar for every paragraph of the text, "
        "also those without boosters, as tall as its boosters per 100 words (the column "
        "boosters_per_100 of your table from question 2)."
    )
    assert lines[4:] == [
        "passed: the y-axis label says what the axis shows.",  # its unit, and boosters
        "passed: the title says what the chart shows.",
    ]


def test_the_paragraph_read_off_the_counts_is_not_the_one_that_insists_most(graded):
    line = _lines(graded, "typical", "q6")[-1]
    assert line == (
        "look again: 5 is not the right number. Read the rates (boosters_per_100, or your chart "
        "from question 5), not the counts: of two paragraphs with as many boosters, the shorter "
        "one insists more. And give the number in the paragraph column, not the row's index: "
        "idxmax() gives the row's index, which counts from 0."
    )


def test_the_reflection_gets_its_length_check_and_waits_for_the_instructor(graded):
    lines = _lines(graded, "typical", "q7")
    assert lines[0] == "passed: your answer has 59 words, a good length."
    assert lines[-1].startswith("graded by your instructor")


# -- more submissions: guessing, handing in the misleading chart, NaN for none ---------------


def test_listing_every_trick_earns_nothing(graded):
    assert (graded.status("guesser", "q4"), graded.questions["guesser"]["q4"]["points"]) == (
        "failed",
        "0",
    )
    assert "not right: “missing title”, “unsafe colours”, “shuffled order”" in graded.feedback(
        "guesser", "q4"
    )


def test_the_misleading_chart_handed_in_unchanged_earns_nothing(graded):
    lines = _lines(graded, "unchanged", "q5")
    assert graded.status("unchanged", "q5") == "failed"
    assert lines[1].startswith("passed: your chart has a title, a label on the x axis")
    assert lines[2].startswith("look again: the y axis starts at 0.8, not at 0")
    assert lines[3].startswith(  # raw counts, three paragraphs: no height is right
        "look again: 0 of 13 bars have the right height; your chart has 3 bars, not 13; "
        "no bar labelled 1, 3, 4, 6, 7, 9, 10, 11, 12, 13."
    )
    assert lines[4] == (
        "look again: the y-axis label (“boosters”) does not say clearly what it shows. Give the "
        "unit on the y axis: boosters per 100 words, not a plain count."
    )
    assert lines[5] == "passed: the title says what the chart shows."  # it names boosters
    assert graded.total("unchanged") == FULL_AUTO - 3


def test_boosters_without_reindex_are_nan_and_named_by_paragraph(graded):
    q1 = _lines(graded, "no_reindex", "q1")
    assert q1[1] == "passed: your table has 13 rows, as it should."  # NaN rows are still rows
    assert q1[2] == (
        "look again: 4 of 13 rows of the values in “paragraph”, “hedges” and “boosters” are "
        "right; “boosters” not right for paragraph 1, 3, 4, 7, 9, 10, 11, 12, 13. Count the rows "
        "of found in each paragraph, one category at a time. A paragraph without any needs a 0, "
        "not an empty cell (NaN): reindex each count with fill_value=0 before you put them side "
        "by side."
    )
    # q2 builds on it and says where the NaN comes from; the hedges of q3 are right, and
    # pandas draws a NaN bar as 0.
    assert graded.status("no_reindex", "q2") == "failed"
    assert _lines(graded, "no_reindex", "q2")[-1] == (
        "look again: 4 of 13 rows of the values in “paragraph”, “hedges_per_100” and "
        "“boosters_per_100” are right; “boosters_per_100” not right for paragraph 1, 3, 4, 7, 9, "
        "10, 11, 12, 13. Per 100 words: divide each paragraph's count by that paragraph's words "
        "(not by the words of the whole text), then multiply by 100. A NaN here comes from your "
        "q1 table: the paragraphs with none need 0 there."
    )
    assert graded.status("no_reindex", "q3") == graded.status("no_reindex", "q5") == "passed"


def test_a_hedge_chart_cut_off_at_the_bottom_loses_its_points(graded):
    """The honest-axis rule of Part 3 holds for the first chart too, not only for q5."""
    assert graded.status("hedges_cut", "q3") == "failed"
    assert (
        "look again: the y axis starts at 0.5, not at 0: an axis cut off at the bottom makes "
        "small differences look large (ax.set_ylim(bottom=0)). Let the y axis start at 0: leave "
        "out set_ylim(...), or give it bottom=0."
    ) in _lines(graded, "hedges_cut", "q3")
    assert graded.total("hedges_cut") == FULL_AUTO - 3


def test_the_kits_own_chart_does_not_stand_in_for_the_students(graded):
    """kit.charts.stance draws the right bars, but its y axis says "markers", not what is
    counted: the student draws q3 and q5 from their own table, as the prompts say."""
    for question, counted in (("q3", "hedges"), ("q5", "boosters")):
        assert graded.status("kit_charts", question) == "failed", question
        assert (
            "look again: the y-axis label (“markers per 100 words”) does not say clearly what it "
            f"shows. Name on the y axis what is counted, {counted}, and in which unit: draw the "
            "chart from your table q2 with q2.plot.bar; kit.charts is for checking your chart "
            "afterwards."
        ) in _lines(graded, "kit_charts", question), question
        assert "passed: all 13 bars have the right heights." in _lines(
            graded, "kit_charts", question
        )
    assert graded.total("kit_charts") == FULL_AUTO - 6


def test_per_cent_on_the_y_axis_and_para_on_the_x_axis_are_accepted(graded):
    assert graded.status("other_words", "q3") == graded.status("other_words", "q5") == "passed"
    assert graded.total("other_words") == FULL_AUTO


def test_the_row_index_given_for_the_paragraph_is_told_so(graded):
    """idxmax() gives the row's index, which counts from 0: 7 on the seed, paragraph 8."""
    assert graded.status("row_index", "q6") == "failed"
    line = _lines(graded, "row_index", "q6")[-1]
    assert line.startswith("look again: 7 is not the right number.")
    assert "give the number in the paragraph column, not the row's index" in line


def test_the_prompts_state_what_the_hidden_checks_grade():
    """What grading asks of a chart is said in its question, before the student draws it."""
    notebook = json.loads(STUDENT.read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"]
    (q3,) = [c for c in cells if c.startswith("**Question 3.**")]
    (q5,) = [c for c in cells if c.startswith("**Question 5.**")]
    for prompt in (q3, q5):
        assert "a vertical bar chart (`q2.plot.bar`)" in prompt
        assert "starts at 0" in prompt
        assert "`kit.charts` is for checking your chart afterwards" in prompt
    (part3,) = [c for c in cells if c.startswith("## Part 3")]
    assert "where the writer insists most, paragraph by paragraph" in part3


# -- the misleading chart really plays the tricks q4 expects, and only those -----------------


def _misleading(text):
    """The misleading chart of the released notebook, drawn on ``text``: (Axes, picked)."""
    import matplotlib

    matplotlib.use("agg")
    notebook = json.loads(STUDENT.read_text(encoding="utf-8"))
    (source,) = [
        "".join(c["source"])
        for c in notebook["cells"]
        if c["cell_type"] == "code" and "booster_counts = " in "".join(c["source"])
    ]
    doc = kit.load(text)
    found = kit.markers(doc).merge(doc.sentences[["sentence_id", "paragraph"]])
    namespace = {"doc": doc, "found": found}
    exec(source, namespace)
    return namespace["misleading"], namespace["picked"], doc


def test_the_misleading_chart_plays_the_three_tricks_on_the_seed():
    import matplotlib.pyplot as plt

    from kit.exercises import to_plain

    ax, _, doc = _misleading(SEED)
    (drawn,) = to_plain(ax)["axes"]
    counts = kit.charts.stance_table(doc, per_100_words=False, categories=["booster"]).booster
    assert drawn["ylim"][0] > 0  # truncated axis
    assert drawn["bars"] == [counts[int(label)] for label in drawn["bar_labels"]]  # raw counts
    assert len(drawn["bars"]) == 3 < len(doc.paragraphs)  # cherry-picked paragraphs
    assert (counts > 0).sum() > 3  # ... leaving out one that has boosters too
    # and not the others: it has a title, its bars are in paragraph order, its blue is the kit's.
    assert drawn["title"]
    assert drawn["bar_labels"] == sorted(drawn["bar_labels"], key=int)
    assert matplotlib_colour(ax) in {c.lower() for c in kit.charts.PALETTE}
    assert EXERCISE.question("q4").hidden[0].settings["expected"] == TRICKS
    plt.close("all")


def matplotlib_colour(ax):
    from matplotlib.colors import to_hex

    return to_hex(ax.patches[0].get_facecolor()).lower()


def test_on_a_text_without_boosters_there_is_no_misleading_chart_and_no_error():
    ax, picked, _ = _misleading(str(OTHER_TEXT))
    assert ax is None and picked.empty


# -- what the student's check() says --------------------------------------------------------


def test_the_public_row_check_catches_the_paragraphs_left_out():
    doc = kit.load(SEED)
    found = kit.markers(doc).merge(doc.sentences[["sentence_id", "paragraph"]])
    counted = found[found.category.isin(["hedge", "booster"])]
    q1 = counted.groupby(["paragraph", "category"]).size().unstack(fill_value=0).reset_index()
    q1 = q1.rename(columns={"hedge": "hedges", "booster": "boosters"})
    lines = student_check(NAME, "q1", q1=q1, TEXT=SEED)
    assert lines[1] == (
        "q1 look again: your table has 10 rows; it needs 13. One row per paragraph of the text, "
        "also for the paragraphs without any hedge or booster: see the hint about .reindex(...)."
    )


def test_the_public_checks_never_hold_a_bar_height():
    checks = json.loads((EXERCISES / f"{NAME}.checks.json").read_text(encoding="utf-8"))
    public = [c for q in checks["questions"] for c in q["public"]]
    assert {c["check"] for c in public} >= {"chart_type", "labelled", "label_mentions"}
    assert not [c for c in public if c["check"] in ("bars", "values", "close_to", "matches")]


def test_every_bar_height_and_table_comes_from_the_solution():
    for question in ("q1", "q2", "q3", "q5", "q6"):
        data = [c for c in EXERCISE.question(question).hidden if c.name != "title_mentions"]
        computed = [c for c in data if c.name in ("values", "bars", "close_to")]
        assert computed and all(c.from_solution for c in computed), question
    assert not [q.name for q in EXERCISE.questions if q.texts]  # none is tied to the seed


# -- another text ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graded_elsewhere(tmp_path_factory):
    """The solution, a blank notebook and the seed's answer to q6 typed in, on Oakridge."""
    base = tmp_path_factory.mktemp("ex05-other")
    others = {"seed_answer": solution_with(NAME, q6="q6 = 8")}
    folder = class_folder(base / "subs", NAME, others=others)
    (folder / "typical.ipynb").unlink()
    return grade(NAME, folder, base / "out", text=OTHER_TEXT)


def test_on_another_text_the_solution_earns_full_marks_there(graded_elsewhere):
    assert {q: graded_elsewhere.status("solution", q) for q in AUTO} == {q: "passed" for q in AUTO}
    assert graded_elsewhere.total("solution") == FULL_AUTO
    assert graded_elsewhere.total("blank") == 0
    assert "oakridge-library-oped" in graded_elsewhere.stdout


def test_on_another_text_the_expected_answers_are_that_texts(graded_elsewhere):
    """Oakridge has no booster: q6 is 0 there, and the seed's paragraph 8 is wrong."""
    assert graded_elsewhere.status("seed_answer", "q6") == "failed"
    assert graded_elsewhere.status("seed_answer", "q5") == "passed"


@pytest.fixture(scope="module")
def graded_without_markers(tmp_path_factory):
    base = tmp_path_factory.mktemp("ex05-none")
    folder = base / "subs"
    folder.mkdir()
    (folder / "solution.ipynb").write_text(json.dumps(solution_notebook(NAME)), encoding="utf-8")
    return grade(NAME, folder, base / "out", text=NO_MARKERS)


def test_a_text_without_any_marker_still_grades_in_full(graded_without_markers):
    assert kit.markers(kit.load(str(NO_MARKERS))).empty
    statuses = {q: graded_without_markers.status("solution", q) for q in AUTO}
    assert statuses == {q: "passed" for q in AUTO}
    assert graded_without_markers.total("solution") == FULL_AUTO


@pytest.mark.parametrize("text", [OTHER_TEXT, NO_MARKERS], ids=lambda p: p.name)
def test_release_for_another_text_verifies_the_solution_there(tmp_path, text):
    command = [sys.executable, "-m", "kit", "release", NAME, "--verify", "--text", str(text)]
    result = subprocess.run(
        [*command, "--out", str(tmp_path)], capture_output=True, text=True, cwd=REPO, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every question applies (13 points checked automatically + 3 graded by hand)" in (
        result.stdout
    )
    released = json.loads((tmp_path / f"{NAME}.ipynb").read_text(encoding="utf-8"))
    sources = ["".join(cell["source"]) for cell in released["cells"]]
    assert f'TEXT = "texts/{text.name}"' in sources
    assert (tmp_path / "texts" / text.name / "text.txt").exists()


@pytest.mark.notebook
def test_the_notebook_says_so_on_a_text_without_markers():
    from notebook_runner import run_notebook

    notebook = run_notebook(STUDENT, parameters={"TEXT": str(NO_MARKERS)})
    outputs = [o for cell in notebook.cells for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    printed = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert "find no hedges or boosters in this text: every count below is 0" in printed
    assert "find no boosters in this text, so this chart has no bars to draw here" in printed
