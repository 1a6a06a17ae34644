"""Exercise 1 (reading) graded with `kit grade`: the solution, a blank and a typical submission,
on the seed editorial and on another text."""

import json
import subprocess
import sys

import pytest
from conftest import REPO
from exercise_grading import EXERCISES, OTHER_TEXT, SUBMISSIONS, class_folder, grade

import kit
from kit.exercises import load_exercise

NAME = "ex01_reading"
EXERCISE = load_exercise(NAME)
SEED = "yomiuri-2024-04-06"
SEED_ONLY = ["q3", "q4"]
AUTO = sum(q.points for q in EXERCISE.questions if not q.manual)


def points(*names):
    return sum(EXERCISE.question(name).points for name in names)


@pytest.fixture(scope="module")
def on_seed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ex01")
    return grade(NAME, class_folder(folder / "subs", NAME), folder / "out")


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
