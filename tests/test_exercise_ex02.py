"""Exercise 2 (fact or opinion) graded with `kit grade`, and its labels kept equal to the
expert key's."""

import json
import re

import pytest
from exercise_grading import (
    EXERCISES,
    OTHER_TEXT,
    SUBMISSIONS,
    class_folder,
    grade,
    student_check,
)

import kit
from kit.exercises import load_exercise

NAME = "ex02_fact_or_opinion"
EXERCISE = load_exercise(NAME)
SEED = "yomiuri-2024-04-06"
LABEL_QUESTIONS = [q for q in EXERCISE.questions if q.kind == "label"]
SEED_ONLY = ["q1", "q2", "q3", "q4", "q5"]
ANY_TEXT = ["q6", "q7"]  # graded on whatever text the class reads
AUTO = sum(q.points for q in EXERCISE.questions if not q.manual)


def points(*names):
    return sum(EXERCISE.question(name).points for name in names)


def _sentence_of(question) -> int:
    return int(re.search(r"fits sentence (\d+)\?", question.prompt).group(1))


@pytest.fixture(scope="module")
def key():
    return kit.expert_key(kit.load(SEED)).set_index("sentence_id")


@pytest.fixture(scope="module")
def on_seed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ex02")
    return grade(NAME, class_folder(folder / "subs", NAME), folder / "out")


@pytest.fixture(scope="module")
def on_other_text(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ex02-other")
    subs = class_folder(folder / "subs", NAME, blank=False)
    return grade(NAME, subs, folder / "out", text=OTHER_TEXT)


def test_the_exercise_has_one_hand_graded_reflection_among_four_to_eight_questions():
    assert 4 <= len(EXERCISE.questions) <= 8
    assert [q.name for q in EXERCISE.questions if q.manual] == ["q8"]
    assert [q.name for q in EXERCISE.questions if q.texts] == SEED_ONLY
    for name in ANY_TEXT:
        assert EXERCISE.question(name).from_solution, name


def test_the_quoted_sentences_are_the_editorials(key):
    sentences = kit.load(SEED).sentences.set_index("sentence_id").text
    for question in LABEL_QUESTIONS:
        quoted = question.prompt.split("\n> ", 1)[1].strip()
        assert quoted == sentences[_sentence_of(question)], question.name


def test_accepted_labels_are_the_expert_keys_label_and_alternatives():
    """The key file and the exercise cannot drift apart: read the CSV itself."""
    import csv

    path = kit.seeds_folder() / SEED / "key_claims.csv"
    with open(path, encoding="utf-8") as handle:
        rows = {int(row["sentence_id"]): row for row in csv.DictReader(handle)}
    scheme = [label.id for label in kit.load_scheme("claims").labels]
    assert len(LABEL_QUESTIONS) == 5
    for question in LABEL_QUESTIONS:
        row = rows[_sentence_of(question)]
        alternatives = [a for a in row["alternatives"].split(";") if a]
        (one_of,) = question.public
        (equals,) = question.hidden
        assert one_of.settings["values"] == scheme
        assert equals.settings["expected"] == [row["label"], *alternatives], question.name


def test_the_label_questions_cover_every_label_and_alternative_less_cases(key):
    labels = [key.label[_sentence_of(q)] for q in LABEL_QUESTIONS]
    assert set(labels) == {"fact", "opinion", "prediction", "speculation", "mixed"}
    assert sum(len(q.hidden[0].settings["expected"]) == 1 for q in LABEL_QUESTIONS) >= 2


def test_the_judgement_words_named_after_question_5_are_those_the_key_names(key):
    notebook = json.loads((EXERCISES / f"{NAME}.ipynb").read_text(encoding="utf-8"))
    note = next("".join(c["source"]) for c in notebook["cells"] if c["id"] == "sentence8")
    assert note.startswith("*On the Yomiuri editorial:*")
    for phrase in ("It is only natural", "harshly"):
        assert f"*{phrase}*" in note and f'"{phrase}"' in key.rationale[8]


def test_on_another_text_two_questions_are_still_auto_graded():
    """Released for another text, the exercise keeps more than one question to compute."""
    assert sum(EXERCISE.question(name).points for name in ANY_TEXT) == 3
    assert "nunique" in EXERCISE.question("q6").prompt


def test_the_solution_scores_full_marks_and_waits_for_the_reflection(on_seed):
    assert on_seed.total("solution") == AUTO
    assert on_seed.max_points("solution") == EXERCISE.max_points
    statuses = {q: row["status"] for q, row in on_seed.questions["solution"].items()}
    assert statuses == {**{q.name: "passed" for q in EXERCISE.questions}, "q8": "manual"}


def test_the_blank_notebook_scores_zero(on_seed):
    assert on_seed.total("blank") == 0
    assert {row["status"] for row in on_seed.questions["blank"].values()} == {"missing"}


def test_typical_mistakes_score_in_between(on_seed):
    # q1 and q3 right (q1 with the key's accepted alternative).
    assert on_seed.total("typical") == points("q1", "q3")
    assert 0 < on_seed.total("typical") < AUTO


def test_each_typical_mistake_gets_its_feedback_line(on_seed):
    feedback = lambda q: on_seed.feedback("typical", q)  # noqa: E731
    # An accepted alternative earns the point.
    assert on_seed.status("typical", "q1") == "passed"
    # A call to action read as a forecast: no alternative is accepted.
    assert "“prediction” is not the right answer" in feedback("q2")
    assert "say what someone should do?" in feedback("q2")
    # A "may have" guess labelled a fact.
    assert "“fact” is not the right answer. Which words show how sure" in feedback("q4")
    # The judgement around the report taken for the whole sentence.
    assert "“opinion” is not the right answer" in feedback("q5")
    assert "which part carries the claim" in feedback("q5")
    # The markers counted instead of the sentences (14 markers in 13 sentences).
    assert on_seed.status("typical", "q6") == "failed"
    assert "look again: 14 is not the right number" in feedback("q6")
    assert "Count the sentences, not the markers" in feedback("q6")
    # Only the text column kept.
    assert "your table has no column named “sentence_id”" in feedback("q7")
    assert on_seed.status("typical", "q8") == "manual"
    for question in ("q2", "q4", "q5"):  # the right label is never shown
        expected = EXERCISE.question(question).hidden[0].settings["expected"]
        assert not any(f"“{label}”" in feedback(question) for label in expected)


def test_on_another_text_the_solution_scores_full_marks_and_seed_questions_are_skipped(
    on_other_text,
):
    assert "oakridge-library-oped" in on_other_text.stdout
    assert on_other_text.total("solution") == AUTO - points(*SEED_ONLY) == points(*ANY_TEXT)
    assert on_other_text.max_points("solution") == points(*ANY_TEXT, "q8")
    for name in SEED_ONLY:
        assert on_other_text.status("solution", name) == "skipped"
        reason = on_other_text.feedback("solution", name)
        assert f"{name} is about" in reason and SEED in reason
    for name in ANY_TEXT:
        assert on_other_text.status("solution", name) == "passed"
    assert on_other_text.status("solution", "q8") == "manual"
    # On Oakridge each hedge or booster is in a sentence of its own: counting the markers
    # happens to give the right number there.
    assert on_other_text.status("typical", "q6") == "passed"
    assert on_other_text.total("typical") == points("q6")


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


def test_the_whole_sentences_table_is_caught_publicly():
    """doc.sentences itself has the right columns, but not only the sentences with *will*."""
    doc = kit.load(SEED)
    lines = student_check(NAME, "q7", q7=doc.sentences, TEXT=SEED)
    assert lines[0].startswith("q7 passed: your table has the columns")
    assert lines[1].startswith("q7 look again: your table has 22 rows; it needs ")
    assert 'r"\\bwill\\b" with case=False' in lines[1]


def test_the_introduction_reads_right_on_another_text():
    released = json.loads((EXERCISES / f"{NAME}.ipynb").read_text(encoding="utf-8"))
    prose = "\n".join(
        "".join(c["source"]) for c in released["cells"] if c["cell_type"] == "markdown"
    )
    assert "Unless your instructor chose another article" in prose
    assert "Questions 6 to 8 work on any text." in prose
    assert "one of the five above" not in prose
    assert "If the text has an expert key" in prose
