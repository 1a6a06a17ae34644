"""Exercise 4 (tracing claims) graded with `kit grade`, its seed answers kept equal to the fact
sheet's rows, and run on another text: one without a fact sheet (Oakridge) and one with its own.

The solution source earns every auto-graded point, the released blank notebook none, and the
hand-written typical-mistakes submission some, with the feedback line each mistake deserves.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys

import pytest
from exercise_grading import (
    EXERCISES,
    OTHER_TEXT,
    SUBMISSIONS,
    class_folder,
    grade,
    solution_with,
)

import kit
from kit.exercises import load_exercise

NAME = "ex04_tracing_claims"
EXERCISE = load_exercise(NAME)
SEED = "yomiuri-2024-04-06"
SEED_ONLY = ["q1", "q4", "q5", "q7"]  # about the Yomiuri editorial's sheet
ANY_TEXT = ["q2", "q3", "q6"]  # computed on the text in use (q3 and q6 from its sheet)
NEED_SHEET = ["q3", "q6"]  # skipped on a text without a fact sheet (needs = ["fact sheet"])
AUTO = sum(q.points for q in EXERCISE.questions if not q.manual)
KIT = [sys.executable, "-m", "kit"]


def points(*names):
    return sum(EXERCISE.question(name).points for name in names)


def _hidden(question, check):
    (found,) = [c for c in EXERCISE.question(question).hidden if c.name == check]
    return found


def _public(question, check):
    (found,) = [c for c in EXERCISE.question(question).public if c.name == check]
    return found


@pytest.fixture(scope="module")
def sheet():
    return kit.claims(kit.load(SEED)).set_index("claim_id")


# -- the exercise and the fact sheet agree ---------------------------------------------------


def test_four_to_eight_questions_with_one_hand_graded_reflection():
    assert 4 <= len(EXERCISE.questions) <= 8
    assert [q.name for q in EXERCISE.questions if q.manual] == ["q8"]
    assert [q.name for q in EXERCISE.questions if q.texts] == SEED_ONLY
    for name in SEED_ONLY:
        assert EXERCISE.question(name).texts == (SEED,)
    for name in ANY_TEXT:
        assert EXERCISE.question(name).from_solution, name
    assert [q.name for q in EXERCISE.questions if q.needs] == NEED_SHEET
    for name in NEED_SHEET:
        assert EXERCISE.question(name).needs == ("fact sheet",)
    assert {q.kind for q in EXERCISE.questions} == {"labels", "dataframe", "label", "text"}


# The key of question 1, for the instructor: each checkable phrase and the sheet's row whose
# record settles it (with the words of the record or sources that do), each other phrase and the
# sheet's row of its sentence that says no record can (None: the headline, which has no
# sentence; FACTS.md lists "overly self-serving" among the opinions). The phrases themselves are
# not the sheet's quotes, so the claims table printed in Part 2 does not give question 1 away.
Q1_CHECKABLE = {
    "which monitors the enforcement of sanctions against North Korea": (
        "established-2009",
        "resolution 1874",
    ),
    "by which North Korean vessels smuggle goods at sea": (
        "ship-to-ship",
        "ship-to-ship transfers",
    ),
    "as a condition for voting in favor of the latest resolution": ("time-limits", "sunset clause"),
    "In a report released last month": ("cyber-half", "released around 20 March 2024"),
}
Q1_NOT_CHECKABLE = {
    "Overly Self-serving": None,
    "Russia itself has proved that it is not qualified": "not-qualified",
    "may have wanted to avoid having its arms deals with North Korea revealed": "wanted-to-avoid",
    "focus their efforts on deterring North Korea’s cybercrimes": "need-to-focus",
}


def test_q1s_checkable_phrases_are_in_the_text_and_a_record_settles_them(sheet):
    candidates = _public("q1", "one_of").settings["values"]
    assert set(candidates) == set(Q1_CHECKABLE) | set(Q1_NOT_CHECKABLE)
    settled = [phrase for phrase in candidates if phrase in Q1_CHECKABLE]
    assert _hidden("q1", "matches").settings["expected"] == settled
    assert 0 < len(settled) < len(candidates) - 2
    doc = kit.load(SEED)
    sentences = doc.sentences
    for phrase in candidates:
        assert doc.text.count(phrase) == 1, phrase  # letter for letter, once
    for phrase, (claim_id, evidence) in Q1_CHECKABLE.items():
        row = sheet.loc[claim_id]
        assert row.kind == "claim" and row.on_record, phrase
        assert evidence in f"{row.record} {row.sources}", phrase
    for phrase, claim_id in Q1_NOT_CHECKABLE.items():
        found = sentences.sentence_id[sentences.text.str.contains(phrase, regex=False)].tolist()
        if claim_id is None:
            assert found == [] and phrase in doc.headline
            continue
        row = sheet.loc[claim_id]
        assert found == [row.sentence_id] and not row.on_record, phrase
        assert row.verdict in ("opinion", "not verifiable")
    # The notebook's `candidates` list is the same eight phrases, in the same order.
    source = json.loads(EXERCISE.path.read_text(encoding="utf-8"))
    code = next("".join(c["source"]) for c in source["cells"] if c["id"] == "candidates")
    namespace = {}
    exec(code.split("for number")[0], namespace)
    assert namespace["candidates"] == candidates
    # Listing every phrase is refused before the hidden check: at most one fewer.
    assert _public("q1", "count").settings["max"] == len(candidates) - 1


def test_q1s_phrases_are_not_the_sheets_quotes(sheet):
    """Regression (review of ex04, finding 2): the phrases were the sheet's quotes, so
    ``claims[claims.quote.isin(candidates) & claims.on_record]`` earned question 1 by lookup."""
    candidates = _public("q1", "one_of").settings["values"]
    assert not sheet.quote.isin(candidates).any()
    for phrase in candidates:
        for quote in sheet.quote:
            assert phrase.lower() not in quote.lower(), (phrase, quote)
            assert quote.lower() not in phrase.lower(), (phrase, quote)


def test_the_verdicts_are_the_sheets(sheet):
    assert _public("q4", "one_of").settings["values"] == list(kit.facts.VERDICTS)
    assert _public("q5", "one_of").settings["values"] == list(kit.facts.VERDICTS)
    quote = sheet.loc["responsible-member-state"]
    assert _hidden("q4", "equals").settings["expected"] == quote.verdict == "attribution wrong"
    assert quote.quote in EXERCISE.question("q4").prompt and quote.sentence_id == 8
    figure = sheet.loc["cyber-half"]
    assert _hidden("q5", "equals").settings["expected"] == figure.verdict == "partly supported"
    assert figure.quote in EXERCISE.question("q5").prompt and figure.sentence_id == 20


def test_the_omitted_vote_is_the_sheets_omission_row(sheet):
    omissions = sheet[sheet.kind == "omission"]
    assert list(omissions.index) == ["omitted-2022-veto"]
    row = omissions.iloc[0]
    check = _hidden("q7", "equals").settings
    assert (check["expected"], check["normalise"]) == ("26 May 2022", "date")
    assert check["expected"] in row.record
    assert "SC/14911" in row.sources


def test_the_prose_gives_sources_and_the_other_sides_stated_reasons():
    released = json.loads((EXERCISES / f"{NAME}.ipynb").read_text(encoding="utf-8"))
    prose = "\n".join(
        "".join(c["source"]) for c in released["cells"] if c["cell_type"] == "markdown"
    )
    for source in ("SC/15648", "SC/14911", "Pew Research Center"):
        assert source in prose
    assert "sunset clause" in prose and "China abstained" in prose
    assert "this exercise does not decide between them" in prose
    assert "questions 3 and 6 are then skipped, and their check says so" in prose
    assert "For the instructor" not in prose  # the instructor's notes stay in the source


def test_the_students_prose_gives_no_answer_away():
    """Up to question 1, no phrase of it is given as an example; the date of question 7 is only
    in the sheet itself, never in the notebook's prose."""
    cells = json.loads((EXERCISES / f"{NAME}.ipynb").read_text(encoding="utf-8"))["cells"]
    first = [c["id"] for c in cells].index("q1-answer")
    before_q1 = [c for c in cells[:first] if c["cell_type"] == "markdown"]
    prose = "\n".join("".join(c["source"]) for c in before_q1).lower()
    for phrase in _public("q1", "one_of").settings["values"]:
        assert phrase.lower() not in prose, phrase
    for word in ("self-serving", "monitors", "qualified", "vessels", "arms deals", "cybercrime"):
        assert word not in prose, word
    prose = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    for date in ["26 May 2022", "May 26", "2022-05-26", "26/05/2022", "5/26/2022"]:
        assert date.lower() not in prose.lower(), date


# -- graded on the seed ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def on_seed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ex04")
    others = {
        # Every phrase: more than the count allows. All but one: net scoring keeps it low.
        "guess_all": solution_with(NAME, q1="q1 = candidates"),
        "guess_seven": solution_with(NAME, q1="q1 = candidates[:7]"),
        # The omission looked for by its verdict: three rows, two of them claims.
        "by_verdict": solution_with(
            NAME,
            q6='q6 = claims[claims.verdict == "partly supported"][["claim_id", "sentence_id", '
            '"record"]]',
            q7='q7 = "May 26, 2022"',
        ),
        # Slips whose fixed message misled (review of ex04, finding 8): phrases by number,
        # the opinions kept as claims the record settles (too many rows), "Omission" in capitals.
        "slips": solution_with(
            NAME,
            q1="q1 = [1, 3, 5, 6]",
            q3='q3 = claims[(claims.kind == "claim") & (claims.verdict != "opinion")][["claim_id", '
            '"sentence_id", "verdict"]]',
            q6='q6 = claims[claims.kind == "Omission"][["claim_id", "sentence_id", "record"]]',
        ),
    }
    return grade(NAME, class_folder(folder / "subs", NAME, others=others), folder / "out")


def test_the_solution_scores_full_marks_and_waits_for_the_reflection(on_seed):
    assert on_seed.total("solution") == AUTO == 9
    assert on_seed.max_points("solution") == EXERCISE.max_points == 12
    statuses = {q: row["status"] for q, row in on_seed.questions["solution"].items()}
    assert statuses == {**{q.name: "passed" for q in EXERCISE.questions}, "q8": "manual"}


def test_the_blank_notebook_scores_zero(on_seed):
    assert on_seed.total("blank") == 0
    assert {row["status"] for row in on_seed.questions["blank"].values()} == {"missing"}


def test_typical_mistakes_score_in_between(on_seed):
    statuses = {q: row["status"] for q, row in on_seed.questions["typical"].items()}
    assert statuses == {
        "q1": "partial",
        "q2": "failed",
        "q3": "failed",
        "q4": "failed",
        "q5": "failed",
        "q6": "passed",
        "q7": "failed",
        "q8": "manual",
    }
    # q1, net: 3 right and 1 wrong of 4 expected = 1/2 of 2 points; q6 right.
    assert on_seed.total("typical") == 1 + points("q6") == 2
    assert 0 < on_seed.total("typical") < AUTO


def test_each_typical_mistake_gets_its_feedback_line(on_seed):
    lines = {q: on_seed.feedback("typical", q).split(" | ") for q in on_seed.questions["typical"]}
    # A guess about motives taken as checkable (the arms deals are reported); one left out.
    assert lines["q1"][-1] == (
        "partly right: 3 of your 4 items are right; not right: “may have wanted to avoid having "
        "its arms deals with North K…”; 1 is still missing. A checkable claim names something a "
        "record can show: a date, a number, a vote, who said or did what. A judgement, a guess "
        "about plans or motives, a metaphor and a call to action are not checkable, whatever "
        "happened later."
    )
    # Digits only: the sentence with a quotation is missing.
    assert lines["q2"][1] == (
        "look again: your table has 2 rows; it needs 3. Keep one row for each sentence with a "
        "digit or a quotation mark (double, curly or straight, or the single ‘), and no other: "
        "use the whole pattern given above."
    )
    assert lines["q2"][2].startswith(
        "look again: 2 of 3 rows of the values in “sentence_id” and “text” are right; no row "
        "for sentence_id 8."
    )
    # checks_out read as on_record: only the supported claims.
    assert lines["q3"][1] == (
        "look again: your table has 10 rows; it needs 13. Too many rows: a claim whose verdict "
        'is "not verifiable" is not settled by the record, nor is an opinion, and the omissions '
        '(kind "omission") stay out. Too few: keep every claim the record settles, not only '
        "those that check out."
    )
    assert (
        "no row for claim_id responsible-member-state, missiles-supplied, cyber-half"
        in (lines["q3"][2])
    )
    # "supported" for the quote (the joint statement exists) and for the figure.
    assert lines["q4"][-1] == (
        "look again: “supported” is not the right answer. The joint statement exists, but were "
        "these words in it? Read the record column of the row: where were the quoted words found?"
    )
    assert lines["q5"][-1] == (
        "look again: “supported” is not the right answer. The figure is in the panel's report. "
        "But whose figure is it there, and whose is it in the editorial? Read the record column "
        "of the row to the end."
    )
    # The date of the 2024 veto instead of the vote left out: a readable date that is another
    # day, so it is told which vote to look for (the right day in any form earns the point).
    assert lines["q7"][-1] == (
        "look again: “28 March 2024” is not the right answer. Read the record of the omission "
        "row: the date of the vote the editorial does not mention, not the date of the 2024 veto."
    )
    assert lines["q8"][-1].startswith("graded by your instructor")
    for question in ("q4", "q5", "q7"):  # the right answer is never shown
        expected = _hidden(question, "equals").settings["expected"]
        for answer in expected if isinstance(expected, list) else [expected]:
            assert f"“{answer}”" not in on_seed.feedback("typical", question)


def test_listing_every_phrase_does_not_pay(on_seed):
    row = on_seed.questions["guess_all"]["q1"]
    assert (row["status"], float(row["points"])) == ("failed", 0)
    assert row["feedback"].split(" | ")[1] == (
        "look again: you gave 8 items; give at most 7. Keep only the phrases a record could check: "
        "not all eight are."
    )
    # Seven phrases, the four right ones among them: (4 right - 3 wrong) / 4 = 1/4 of 2 points.
    row = on_seed.questions["guess_seven"]["q1"]
    assert (row["status"], float(row["points"])) == ("partial", 0.5)
    assert "4 of your 7 items are right; not right: “Overly Self-serving" in row["feedback"]


def test_the_omission_found_by_its_verdict_is_caught_and_another_date_format_counts(on_seed):
    student = on_seed.questions["by_verdict"]
    assert student["q6"]["status"] == "failed"
    assert student["q6"]["feedback"].split(" | ")[1] == (
        "look again: your table has 3 rows; it needs 1. Keep the rows of the omissions and no "
        "other: filter on the kind column, not on the verdict, and compare with the value "
        'exactly as it is in the table: "omission".'
    )
    assert student["q7"]["status"] == "passed"


def test_slips_are_told_what_went_wrong(on_seed):
    """Regression (review of ex04, finding 8): each fixed message fits the slip it follows."""
    student = on_seed.questions["slips"]
    # The kit's own line for numbers (kit/exercises/checks.py: type_problem) takes no message;
    # the notebook shows the form instead: each phrase printed as candidates[n], and the prompt.
    assert student["q1"]["feedback"] == "look again: every item of q1 should be a text in quotes."
    assert student["q3"]["feedback"].split(" | ")[1] == (
        "look again: your table has 22 rows; it needs 13. Too many rows: a claim whose verdict "
        'is "not verifiable" is not settled by the record, nor is an opinion, and the omissions '
        '(kind "omission") stay out. Too few: keep every claim the record settles, not only '
        "those that check out."
    )
    assert student["q6"]["feedback"].split(" | ")[1] == (
        "look again: your table has 0 rows; it needs 1. Keep the rows of the omissions and no "
        "other: filter on the kind column, not on the verdict, and compare with the value "
        'exactly as it is in the table: "omission".'
    )
    assert [student[q]["status"] for q in ("q1", "q3", "q6")] == ["failed"] * 3


def test_picking_a_phrase_by_number_is_shown_as_candidates_n():
    from notebook_runner import run_notebook

    notebook = run_notebook(EXERCISES / f"{NAME}.ipynb")
    cell = next(c for c in notebook.cells if c.get("id") == "candidates")
    printed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    assert (
        printed.splitlines()[1]
        == "candidates[1] which monitors the enforcement of sanctions against North Korea"
    )
    prompt = EXERCISE.question("q1").prompt
    assert "write `candidates[1]`, not `1`" in prompt


# Every unambiguous spelling of the omitted vote's date (review of ex04, finding 1).
Q7_FORMS = [
    "26 May 2022",
    "May 26, 2022",
    "2022-05-26",
    "26 may 2022",
    "26th May 2022",
    "May 26th, 2022",
    "On 26 May 2022",
    "Thursday, 26 May 2022",
    "the 26th of May 2022",
    "26.05.2022",
    "26/5/2022",
    "5/26/2022",
    "05/26/2022",
    "26/05/2022",
]


@pytest.mark.parametrize("form", Q7_FORMS)
def test_any_unambiguous_spelling_of_the_omitted_date_earns_the_point(form):
    """Regression (review of ex04, finding 1): "26th May 2022" and others earned 0."""
    result = EXERCISE.question("q7").score({"q7": form})
    assert (result.status, result.points) == ("passed", 1), result.lines


def test_a_date_the_check_cannot_read_is_not_called_the_wrong_date():
    """q7 compares dates (normalise = "date"): any unambiguous spelling earns the point; a
    form whose day and month could be swapped is told how to write it, not that it is wrong."""
    assert EXERCISE.question("q7").score({"q7": "Thursday 26th of May, 2022"}).points == 1
    result = EXERCISE.question("q7").score({"q7": "5/6/2022"})
    assert result.points == 0
    assert "write the month in words" in result.lines[-1]
    assert "2024 veto" not in " ".join(result.lines)
    public = EXERCISE.question("q7").score({"q7": "26 May 2022"}, hidden=False)
    assert public.lines == ["passed: your answer reads as the date 26 May 2022."]


def test_the_quotation_pattern_finds_single_and_double_quotation_marks():
    """Regression (review of ex04, finding 11): ‘…’, the usual British style, was missed. The
    closing ’ is also an apostrophe (Russia’s), so only the opening ‘ marks a quotation."""
    source = json.loads(EXERCISE.path.read_text(encoding="utf-8"))["cells"]
    code = next("".join(c["source"]) for c in source if c["id"] == "q2-answer")
    doc = kit.Document.from_string(
        'A headline\n\nShe called it ‘a disgrace’. He said “no”. It was "fine". Russia’s veto '
        "came. Nothing here.",
        slug="quotes",
    )
    namespace = {"doc": doc}
    exec(code, namespace)
    assert namespace["q2"].text.tolist() == [
        "She called it ‘a disgrace’.",
        "He said “no”.",
        'It was "fine".',
    ]
    prose = next("".join(c["source"]) for c in source if c["id"] == "part1-leads")
    assert "‘like this’" in prose and "apostrophe" in prose


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
    assert [c["id"] for c in typical["cells"]] == [c["id"] for c in released["cells"]]


# -- another text without a fact sheet -------------------------------------------------------


def test_oakridge_has_no_fact_sheet():
    with pytest.raises(kit.NoFactSheetError):
        kit.claims(kit.load(OTHER_TEXT))


@pytest.fixture(scope="module")
def released_for_oakridge(tmp_path_factory):
    out = tmp_path_factory.mktemp("ex04-release-oak")
    command = [*KIT, "release", NAME, "--text", str(OTHER_TEXT), "--verify", "--out", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=kit_root(), timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return out, result.stdout


def kit_root():
    return EXERCISES.parent


def test_release_for_a_text_without_a_sheet_names_the_skipped_questions(released_for_oakridge):
    out, stdout = released_for_oakridge
    assert "Every solution earns full marks." in stdout
    assert "Traceback" not in stdout
    assert (
        "6 of 8 questions skipped (q1, q4, q5, q7: about another text; q3, q6: this text has no "
        "fact sheet); 2 left, worth 1 point checked automatically + 3 graded by hand (of 12 on "
        "its own text)."
    ) in stdout
    assert (out / "texts" / "oakridge-library-oped" / "text.txt").is_file()
    assert not (out / "texts" / "oakridge-library-oped" / "facts.csv").exists()


def test_the_released_notebook_runs_on_a_text_without_a_sheet_and_says_so(released_for_oakridge):
    from notebook_runner import run_notebook

    out, _ = released_for_oakridge
    notebook = run_notebook(out / f"{NAME}.ipynb")
    setup = next(c for c in notebook.cells if c.get("id") == "setup")
    printed = "".join(o.get("text", "") for o in setup.outputs if o.output_type == "stream")
    assert printed.startswith("This text has no fact sheet yet, so there is no claim to trace")
    check = next(c for c in notebook.cells if c.get("id") == "kit-check-q4")
    shown = "".join(o.get("text", "") for o in check.outputs if o.output_type == "stream")
    assert shown.startswith("skipped: q4 is about “UNSC Panel")
    assert '(TEXT = "texts/oakridge-library-oped")' in shown
    for name in NEED_SHEET:  # needs = ["fact sheet"]: skipped, and the reason names the sheet
        check = next(c for c in notebook.cells if c.get("id") == f"kit-check-{name}")
        shown = "".join(o.get("text", "") for o in check.outputs if o.output_type == "stream")
        assert shown.startswith(f"skipped: {name} needs a fact sheet; this text, “Our library")
        assert "has no fact sheet (facts.csv), so there are no claims to check" in shown
        note = next(c for c in notebook.cells if c.get("id") == f"kit-skipped-{name}")
        assert note.source.startswith(f"**Skipped on this text:** {name} needs a fact sheet")


@pytest.fixture(scope="module")
def on_oakridge(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ex04-oak")
    return grade(NAME, class_folder(folder / "subs", NAME), folder / "out", text=OTHER_TEXT)


def test_on_a_text_without_a_sheet_the_solution_scores_full_marks_and_seed_questions_skip(
    on_oakridge,
):
    assert "oakridge-library-oped" in on_oakridge.stdout
    left = [name for name in ANY_TEXT if name not in NEED_SHEET]
    assert on_oakridge.total("solution") == points(*left) == AUTO - points(*SEED_ONLY, *NEED_SHEET)
    assert on_oakridge.max_points("solution") == points(*left, "q8")
    for name in SEED_ONLY:
        for student in ("solution", "blank", "typical"):
            assert on_oakridge.status(student, name) == "skipped"
        reason = on_oakridge.feedback("solution", name)
        assert reason.startswith(f"skipped: {name} is about “UNSC Panel")
        assert SEED in reason and "oakridge-library-oped" in reason
    # Without a sheet the tables of q3 and q6 would be empty, any answer's as the solution's:
    # they are skipped (needs = ["fact sheet"]), not passed by everyone.
    for name in NEED_SHEET:
        for student in ("solution", "blank", "typical"):
            assert on_oakridge.status(student, name) == "skipped"
            assert on_oakridge.feedback(student, name) == (
                f"skipped: {name} needs a fact sheet; this text, “Our library is worth more than "
                "a line…” (oakridge-library-oped), has no fact sheet (facts.csv), so there are "
                "no claims to check against the record (no points)"
            )
    assert on_oakridge.total("blank") == 0
    # Digits only misses Oakridge's quotations too, and nothing else is left to earn.
    assert on_oakridge.status("typical", "q2") == "failed"
    assert on_oakridge.total("typical") == 0


# -- another text with a fact sheet of its own -----------------------------------------------

# An invented fact sheet for the fictional Oakridge op-ed: verdicts for testing only.
OAKRIDGE_SHEET = [
    ("hours-cut", "cuts the library's hours from 52 a week to 30", "supported", "claim"),
    ("savings", "about $212,000", "partly supported", "claim"),
    (
        "study-towns",
        "towns that cut library hours by more than a third",
        "attribution wrong",
        "claim",
    ),
    ("not-ambiguous", "The research on this is not ambiguous", "opinion", "claim"),
    ("grants-unasked", "As far as I can tell, it did not", "partly supported", "omission"),
]


@pytest.fixture(scope="module")
def text_with_sheet(tmp_path_factory):
    folder = tmp_path_factory.mktemp("texts") / "oakridge-with-sheet"
    folder.mkdir()
    shutil.copy(OTHER_TEXT / "text.txt", folder / "text.txt")
    sentences = kit.load(folder).sentences
    header = ["claim_id", "sentence_id", "quote", "claim", "record", "verdict"]
    with open(folder / "facts.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*header, "confidence", "sources", "kind"])
        for claim_id, quote, verdict, kind in OAKRIDGE_SHEET:
            (sentence,) = sentences.sentence_id[sentences.text.str.contains(quote, regex=False)]
            row = [claim_id, sentence, quote, "a claim", "invented record", verdict]
            writer.writerow([*row, "high", "invented source, 2024", kind])
    assert len(kit.claims(kit.load(folder))) == len(OAKRIDGE_SHEET)
    return folder


def test_release_for_a_text_with_a_sheet_copies_the_sheet(text_with_sheet, tmp_path):
    command = [*KIT, "release", NAME, "--text", str(text_with_sheet), "--verify"]
    result = subprocess.run(
        [*command, "--out", str(tmp_path)], capture_output=True, text=True, cwd=kit_root()
    )
    assert result.returncode == 0, result.stdout + result.stderr
    copied = tmp_path / "texts" / "oakridge-with-sheet"
    assert (copied / "facts.csv").read_bytes() == (text_with_sheet / "facts.csv").read_bytes()
    checks = json.loads((tmp_path / f"{NAME}.checks.json").read_text(encoding="utf-8"))
    (q6,) = [q for q in checks["questions"] if q["name"] == "q6"]
    rows = {key: value for key, value in q6["public"][1].items() if key != "message"}
    assert rows == {"check": "rows", "max": 1, "min": 1}


def test_grading_on_a_text_with_its_own_sheet_reads_that_sheet(text_with_sheet, tmp_path):
    """Regression: the graded notebooks may read the text's facts.csv, not only its text."""
    graded = grade(
        NAME, class_folder(tmp_path / "subs", NAME), tmp_path / "out", text=text_with_sheet
    )
    assert graded.total("solution") == points(*ANY_TEXT)
    assert "your table has 3 rows, as it should." in graded.feedback("solution", "q3")
    assert "your table has 1 row, as it should." in graded.feedback("solution", "q6")
    # checks_out keeps only the supported claim there: the mistake is caught on this text too.
    assert (
        graded.feedback("typical", "q3")
        .split(" | ")[1]
        .startswith("look again: your table has 1 row; it needs 3.")
    )
    assert graded.total("typical") == points("q6")


def test_a_lone_texts_sheet_is_copied_as_the_folders_facts_csv(tmp_path):
    from kit._material import material_files
    from kit.exercises.on_text import choose_text, text_copies

    (tmp_path / "my_article.txt").write_text("Headline\n\nThe council met on 8 May.\n")
    (tmp_path / "my_article.facts.csv").write_text("claim_id,sentence_id\n")
    (tmp_path / "facts.csv").write_text("not this text's\n")
    assert material_files(tmp_path / "my_article.txt") == [tmp_path / "my_article.facts.csv"]
    choice = choose_text(str(tmp_path / "my_article.txt"))
    copies = text_copies(choice, f"texts/{choice.slug}", tmp_path / "out")
    names = sorted(path.relative_to(tmp_path / "out").as_posix() for path, _ in copies)
    assert names == ["texts/my_article/facts.csv", "texts/my_article/text.txt"]
