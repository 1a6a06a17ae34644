"""Exercise 1 (reading) graded with `kit grade`: the solution, a blank and a typical submission,
on the seed editorial and on another text."""

import json
import subprocess
import sys

import pytest
from conftest import REPO
from exercise_grading import (
    EXERCISES,
    OTHER_TEXT,
    SUBMISSIONS,
    class_folder,
    grade,
    solution_with,
    student_check,
)

import kit
from kit.exercises import load_exercise

NAME = "ex01_reading"
EXERCISE = load_exercise(NAME)
SEED = "yomiuri-2024-04-06"
SEED_ONLY = ["q3", "q4"]
AUTO = sum(q.points for q in EXERCISE.questions if not q.manual)
# The hint of question 7 followed to the letter: nunique over every row, zeros included.
AGG_ON_EVERY_ROW = (
    'q7 = mentions.groupby("actor").agg(mentions=("mentions", "sum"), '
    'paragraphs=("paragraph", "nunique")).reset_index()'
)
# A beginner's slips, the rest of the notebook right: a misspelt outlet, the date as people
# write it, and question 7's table counted over the rows with 0 mentions.
SLIPS = {"q1": 'q1 = "Yomuri Shimbun"', "q2": 'q2 = "April 6, 2024"', "q7": AGG_ON_EVERY_ROW}


def points(*names):
    return sum(EXERCISE.question(name).points for name in names)


@pytest.fixture(scope="module")
def on_seed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ex01")
    slips = solution_with(NAME, **SLIPS)
    return grade(NAME, class_folder(folder / "subs", NAME, others={"slips": slips}), folder / "out")


@pytest.fixture(scope="module")
def on_other_text(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ex01-other")
    subs = class_folder(folder / "subs", NAME, blank=False)
    return grade(NAME, subs, folder / "out", text=OTHER_TEXT)


def test_the_exercise_has_one_hand_graded_reflection_among_four_to_eight_questions():
    assert 4 <= len(EXERCISE.questions) <= 8
    assert [q.name for q in EXERCISE.questions if q.manual] == ["q8"]
    assert {q.name for q in EXERCISE.questions if q.texts} == set(SEED_ONLY)
    for question in EXERCISE.questions:
        if not question.texts and not question.manual:  # graded on any text
            assert question.from_solution, question.name


def test_the_accepted_theses_are_sentences_of_the_editorial():
    sentences = kit.load(SEED).sentences.set_index("sentence_id").text
    (equals,) = EXERCISE.question("q4").hidden
    assert equals.settings["expected"] == [sentences[1], sentences[2]]


def test_the_solution_scores_full_marks_and_waits_for_the_reflection(on_seed):
    assert on_seed.total("solution") == AUTO
    assert on_seed.max_points("solution") == EXERCISE.max_points
    statuses = {q: row["status"] for q, row in on_seed.questions["solution"].items()}
    assert statuses == {**{q.name: "passed" for q in EXERCISE.questions}, "q8": "manual"}


def test_the_blank_notebook_scores_zero(on_seed):
    assert on_seed.total("blank") == 0
    assert {row["status"] for row in on_seed.questions["blank"].values()} == {"missing"}


def test_typical_mistakes_score_in_between(on_seed):
    assert 0 < on_seed.total("typical") < AUTO
    assert on_seed.total("typical") == points("q3", "q6")  # the two right answers


def test_each_typical_mistake_gets_its_feedback_line(on_seed):
    feedback = lambda q: on_seed.feedback("typical", q)  # noqa: E731
    # The English edition's name instead of the outlet the kit read.
    assert "“The Japan News” is not the right answer" in feedback("q1")
    assert "as the kit read it from the article (doc.outlet)" in feedback("q1")
    assert "Yomiuri" not in feedback("q1")  # the answer is never shown
    # A date object, not a text.
    assert "q2 holds a date object, which the kit cannot check" in feedback("q2")
    # The headline is in the article, but it is not the thesis sentence.
    assert feedback("q4").startswith("passed: your answer is found in the article.")
    assert "is not the right answer" in feedback("q4") and "not the headline" in feedback("q4")
    # Counted by hand, headline included.
    assert "the headline and the source line at the end are not paragraphs" in feedback("q5")
    assert "13" not in feedback("q5")
    # The paragraphs where an actor is named 0 times were counted too.
    assert on_seed.status("typical", "q7") == "failed"
    assert "also has the paragraphs where it is named 0 times" in feedback("q7")
    assert on_seed.status("typical", "q3") == on_seed.status("typical", "q6") == "passed"
    assert on_seed.status("typical", "q8") == "manual"


def test_on_another_text_the_solution_scores_full_marks_and_seed_questions_are_skipped(
    on_other_text,
):
    assert "oakridge-library-oped" in on_other_text.stdout
    assert on_other_text.total("solution") == AUTO - points(*SEED_ONLY)
    assert on_other_text.max_points("solution") == EXERCISE.max_points - points(*SEED_ONLY)
    for name in SEED_ONLY:
        assert on_other_text.status("solution", name) == "skipped"
        reason = on_other_text.feedback("solution", name)
        assert f"{name} is about" in reason and SEED in reason
        assert "there is nothing to check" in reason
    passed = {
        q for q, row in on_other_text.questions["solution"].items() if row["status"] == "passed"
    }
    assert passed == {"q1", "q2", "q5", "q6", "q7"}


def test_on_another_text_answers_are_judged_against_that_text(on_other_text):
    # The student's code runs on the other text: the right code is right there too...
    assert on_other_text.status("typical", "q6") == "passed"
    # ...and the seed's answers, typed in by hand, are wrong there.
    assert on_other_text.status("typical", "q5") == "failed"
    assert on_other_text.status("typical", "q1") == "failed"
    assert on_other_text.total("typical") == points("q6")


def test_the_solutions_earn_full_marks_on_a_text_that_names_no_actor(tmp_path):
    text = REPO / "tests" / "data" / "heldout" / "lakeshore-gulls-column"
    assert kit.actor_mentions(kit.load(text)).empty
    command = [sys.executable, "-m", "kit", "release", NAME, "--text", str(text), "--verify"]
    result = subprocess.run(
        [*command, "--out", str(tmp_path)], capture_output=True, text=True, cwd=REPO, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Every solution earns full marks." in result.stdout


def test_the_typical_submission_answers_every_question_of_the_released_notebook():
    released, typical = (
        json.loads(path.read_text(encoding="utf-8"))
        for path in (EXERCISES / f"{NAME}.ipynb", SUBMISSIONS / NAME / "typical_mistakes.ipynb")
    )
    answers = [c["id"] for c in released["cells"] if "answer" in c["metadata"].get("tags", [])]
    typed = {c["id"]: "".join(c["source"]) for c in typical["cells"]}
    assert len(answers) == len(EXERCISE.questions)
    for cell in answers:
        assert "= ..." not in typed[cell], cell


def test_plain_slips_earn_nothing_and_say_why(on_seed):
    assert on_seed.total("slips") == AUTO - points("q1", "q2", "q7")
    for question in SLIPS:
        assert on_seed.status("slips", question) == "failed", question
    assert "letter for letter" in on_seed.feedback("slips", "q1")
    assert "year-month-day, with numbers and dashes" in on_seed.feedback("slips", "q2")
    assert "also has the paragraphs where it is named 0 times" in on_seed.feedback("slips", "q7")


def test_the_public_checks_catch_the_slips_in_the_notebook():
    """What check("q1") prints to the student: a slip is a "look again", never the answer."""
    outlet = student_check(NAME, "q1", q1="Yomuri Shimbun", TEXT=SEED)
    assert any(line.startswith("q1 look again: “Yomuri Shimbun” is not") for line in outlet)
    assert not any("Yomiuri" in line for line in outlet)
    assert student_check(NAME, "q1", q1="The Yomiuri Shimbun", TEXT=SEED)[1].startswith("q1 passed")
    for date in ("April 6, 2024", "6 April 2024"):
        (line,) = student_check(NAME, "q2", q2=date, TEXT=SEED)
        assert line.startswith("q2 look again:")
        assert "numbers and dashes and no spaces" in line
    assert student_check(NAME, "q2", q2="2024-04-06", TEXT=SEED)[0].startswith("q2 passed")


def test_the_public_check_of_question_7_catches_the_paragraphs_with_zero_mentions():
    doc = kit.load(SEED)
    mentions = kit.actor_mentions(doc)
    namespace = {"mentions": mentions}
    exec(AGG_ON_EVERY_ROW, namespace)
    assert set(namespace["q7"].paragraphs) == {len(doc.paragraphs)}  # the mistake itself
    lines = student_check(NAME, "q7", q7=namespace["q7"], TEXT=SEED)
    assert lines[0].startswith("q7 passed: your table has the columns")
    assert lines[1].startswith("q7 look again:")
    assert "also has the paragraphs where it is named 0 times" in lines[1]
    named = mentions[mentions.mentions > 0]
    right = named.groupby("actor").agg(
        mentions=("mentions", "sum"), paragraphs=("paragraph", "nunique")
    )
    lines = student_check(NAME, "q7", q7=right.reset_index(), TEXT=SEED)
    assert all(line.startswith("q7 passed") for line in lines[:2])


def test_the_hint_of_question_7_keeps_only_the_rows_where_the_actor_is_named():
    prompt = EXERCISE.question("q7").prompt
    assert "mentions[mentions.mentions > 0]" in prompt


def test_question_5_asks_for_the_paragraphs_as_doc_paragraphs_lists_them():
    prompt = EXERCISE.question("q5").prompt
    assert "paragraphs of the body does `doc.paragraphs` list" in prompt
    assert "byline" in prompt


def test_the_introduction_reads_right_on_another_text():
    released = json.loads((EXERCISES / f"{NAME}.ipynb").read_text(encoding="utf-8"))
    intro = "".join(released["cells"][0]["source"])
    assert "Unless your instructor chose another article" in intro
    assert "on the editorial you know:" not in intro
    part1 = next("".join(c["source"]) for c in released["cells"] if c["id"] == "part1")
    assert "Try them in the cell below" not in part1


def test_a_table_with_one_row_per_sentence_is_caught_publicly():
    doc = kit.load(SEED)
    q6 = doc.sentences[["paragraph", "sentence_id"]].rename(columns={"sentence_id": "sentences"})
    lines = student_check(NAME, "q6", q6=q6, TEXT=SEED)
    assert lines[0].startswith("q6 passed: your table has the columns")
    assert lines[1] == (
        "q6 look again: your table has 22 rows; it needs 13. One row per paragraph of the body: "
        "every paragraph of doc.paragraphs, no more."
    )


def test_the_start_page_links_every_exercise_and_no_longer_says_lessons_are_coming():
    page = json.loads((REPO / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    prose = "\n".join("".join(c["source"]) for c in page["cells"] if c["cell_type"] == "markdown")
    assert "being written" not in prose
    released = sorted(path.stem for path in (REPO / "exercises").glob("ex*.ipynb"))
    assert len(released) == 6  # ex00 (practice) and the five exercises
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in released:
        assert f"[{name}](../exercises/{name}.ipynb)" in prose
        assert f"| `{name}` |" in readme
    assert "coming soon" not in prose
    assert "not yet written" not in readme
    assert "in which InfoZone it belongs" in prose
