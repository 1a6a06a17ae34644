"""`needs = ["fact sheet"]`: a question about a text's material (its fact sheet, an expert key,
its timeline) is skipped, with the reason, on a text without it, and graded on one with it,
wherever `texts = [...]` skips: check(), check.all(), `kit release --text`, `kit grade --text`.

Without it, kit.claims(doc) on a text without a sheet gives an empty table, the solution's too,
and any answer, right or wrong, passes a check whose expected value comes from the solution.
"""

from __future__ import annotations

import json
import shutil

import pytest
from grading_support import rows
from text_exercises import OTHER, SEED, cell

import kit
import kit.cli
from kit.errors import ExerciseFormatError
from kit.exercises import load_exercise
from kit.exercises.needs import MATERIAL, parse_needs
from kit.exercises.on_text import applies, choose_text, for_text
from kit.exercises.student import Checker

NAME = "ex92_needs"
SENTENCES = len(kit.load(OTHER).sentences)
SHEET_LINE = "claim_id,sentence_id,quote,claim,record,verdict,confidence,sources,kind\n"


def _source(folder, q2_settings: str = 'needs = ["fact sheet"]\n', *, parameters: bool = True):
    """q1 (number, 1 point): the sentences, on any text; q2 (number, 2 points): also the
    sentences, with ``q2_settings`` (by default it needs a fact sheet)."""
    cells = [cell("markdown", "# Needs")]
    if parameters:
        cells.append(cell("code", f'TEXT = "{SEED}"', tags=["parameters"], identifier="p"))
    cells += [
        cell("code", "import kit\n\ndoc = kit.load(TEXT)" if parameters else "import kit"),
        cell(
            "raw",
            '# BEGIN QUESTION\nname = "q1"\nkind = "number"\npoints = 1\n\n'
            '[[hidden]]\ncheck = "close_to"\nfrom_solution = true\n',
        ),
        cell("code", "q1 = len(doc.sentences)  # SOLUTION"),
        cell(
            "raw",
            '# BEGIN QUESTION\nname = "q2"\nkind = "number"\npoints = 2\n'
            + q2_settings
            + '\n[[public]]\ncheck = "whole"\n\n'
            '[[hidden]]\ncheck = "close_to"\nfrom_solution = true\n',
        ),
        cell("code", "q2 = len(doc.sentences)  # SOLUTION"),
        cell("raw", "# END QUESTION"),
    ]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = folder / "exercises" / "source" / f"{NAME}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def _lone(folder, *, sheet: bool):
    """Oakridge's text as a lone file ``lone.txt``, with ``lone.facts.csv`` beside it or not;
    a ``facts.csv`` of no text is beside it either way (it is not the lone text's sheet)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(OTHER / "text.txt", folder / "lone.txt")
    (folder / "facts.csv").write_text(SHEET_LINE, encoding="utf-8")
    if sheet:
        (folder / "lone.facts.csv").write_text(SHEET_LINE, encoding="utf-8")
    return folder / "lone.txt"


def _on(exercise, text):
    return for_text(exercise, choose_text(text), {"q1": 22, "q2": 22}).question("q2")


# -- the setting -----------------------------------------------------------------------------


def test_needs_is_read_by_its_words_or_its_file_names(tmp_path):
    q2 = load_exercise(_source(tmp_path)).question("q2")
    assert q2.needs == ("fact sheet",)
    assert load_exercise(_source(tmp_path, "")).question("q2").needs == ()
    assert parse_needs(["Fact Sheet", "key_claims.csv", "facts.csv"], "q") == (
        "fact sheet",
        "claims key",
    )
    assert {file for file, _ in MATERIAL.values()} == {
        "facts.csv",
        "key_claims.csv",
        "key_techniques.csv",
        "timeline.csv",
    }


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        ('needs = ["fact-sheet"]\n', ["'fact-sheet'", "did you mean 'fact sheet'?"]),
        ('needs = ["expert opinion"]\n', ["'expert opinion'", '"fact sheet" (facts.csv)']),
        ('needs = "fact sheet"\n', ["`needs` must be a list", 'needs = ["fact sheet"]']),
        ("needs = []\n", ["`needs` must be a list"]),
        ("needs = [1]\n", ["`needs` must be a list"]),
        ('need = ["fact sheet"]\n', ["unknown setting 'need'", "did you mean 'needs'?"]),
    ],
)
def test_an_unknown_need_is_a_source_error_naming_the_question(tmp_path, settings, words):
    with pytest.raises(ExerciseFormatError) as caught:
        load_exercise(_source(tmp_path, settings))
    message = str(caught.value)
    assert f"{NAME}.ipynb, question q2 (cell" in message
    for word in words:
        assert word in message
    if "needs" in settings:
        for name, (file, _) in MATERIAL.items():
            assert name in message and file in message


def test_needs_without_a_parameters_cell_is_refused(tmp_path):
    with pytest.raises(ExerciseFormatError, match=r"`needs = \[...\]`.*no `parameters` cell"):
        load_exercise(_source(tmp_path, parameters=False))


# -- which texts have the material -----------------------------------------------------------


def test_skipped_on_a_text_without_a_sheet_with_the_reason(tmp_path):
    exercise = load_exercise(_source(tmp_path))
    assert not applies(exercise.question("q2"), choose_text(str(OTHER)))
    q2 = _on(exercise, str(OTHER))
    assert q2.skipped == (
        "q2 needs a fact sheet; this text, “Our library is worth more than a line…” "
        "(oakridge-library-oped), has no fact sheet (facts.csv), so there are no claims to "
        "check against the record (no points)"
    )
    result = q2.score({"q2": 0})
    assert (result.status, result.points, result.max_points) == ("skipped", 0, 0)
    # q1 needs nothing: it is graded there.
    assert (
        not for_text(exercise, choose_text(str(OTHER)), {"q1": 1, "q2": 1}).question("q1").skipped
    )


def test_graded_on_a_text_with_its_sheet(tmp_path):
    exercise = load_exercise(_source(tmp_path))
    q2 = _on(exercise, SEED)
    assert not q2.skipped
    assert q2.score({"q2": 22}).points == 2 and q2.score({"q2": 0}).points == 0
    folder = tmp_path / "texts" / "oak-with-sheet"
    folder.mkdir(parents=True)
    shutil.copy(OTHER / "text.txt", folder / "text.txt")
    assert _on(exercise, str(folder)).skipped
    (folder / "facts.csv").write_text(SHEET_LINE, encoding="utf-8")
    assert not _on(exercise, str(folder)).skipped


def test_a_lone_text_has_a_sheet_only_in_its_own_name(tmp_path):
    exercise = load_exercise(_source(tmp_path))
    assert not _on(exercise, str(_lone(tmp_path / "with", sheet=True))).skipped
    without = _on(exercise, str(_lone(tmp_path / "without", sheet=False)))
    assert "has no fact sheet (facts.csv)" in without.skipped  # the folder's facts.csv is not its


def test_texts_and_needs_together_skip_unless_both_hold(tmp_path):
    both = f'texts = ["{SEED}", "lone"]\nneeds = ["facts.csv"]\n'
    exercise = load_exercise(_source(tmp_path, both))
    assert not _on(exercise, SEED).skipped
    assert "is about" in _on(exercise, str(OTHER)).skipped  # not listed: said first
    lone = _on(exercise, str(_lone(tmp_path / "lone", sheet=False)))
    assert lone.skipped.startswith("q2 needs a fact sheet;")


def test_each_missing_material_is_named(tmp_path):
    exercise = load_exercise(_source(tmp_path, 'needs = ["claims key", "timeline"]\n'))
    assert not _on(exercise, SEED).skipped  # the seed has key_claims.csv and timeline.csv
    skipped = _on(exercise, str(OTHER)).skipped
    assert skipped.startswith("q2 needs a claims key and a timeline; this text")
    assert "has no claims key (key_claims.csv) and no timeline (timeline.csv), so there" in skipped


# -- everywhere skipping shows ---------------------------------------------------------------


@pytest.fixture
def released_for_oak(tmp_path, monkeypatch, capsys):
    source = _source(tmp_path)
    out = tmp_path / "class"
    assert kit.cli.main(["release", str(source), "--text", str(OTHER), "--out", str(out)]) == 0
    monkeypatch.chdir(out)
    return out, capsys.readouterr().out


def test_release_says_what_the_text_lacks(released_for_oak):
    out, printed = released_for_oak
    assert (
        f"{NAME} on “Our library is worth more than a line…”: 1 of 2 questions skipped "
        "(q2: this text has no fact sheet); 1 left, worth 1 point checked automatically "
        "(of 3 on its own text)."
    ) in printed
    notebook = json.loads((out / f"{NAME}.ipynb").read_text(encoding="utf-8"))
    (note,) = [c for c in notebook["cells"] if "kit-skipped" in c["metadata"].get("tags", [])]
    assert "".join(note["source"]).startswith("**Skipped on this text:** q2 needs a fact sheet;")


def test_check_and_check_all_say_the_question_is_skipped(released_for_oak, capsys):
    check = Checker(NAME)
    TEXT = "texts/oakridge-library-oped"  # noqa: F841  (the notebook's parameters cell)
    q1 = SENTENCES  # noqa: F841
    q2 = 0  # noqa: F841  (wrong: it would pass an empty table's count)
    check("q2")
    assert capsys.readouterr().out == (
        "skipped: q2 needs a fact sheet; this text, “Our library is worth more than a line…” "
        '(TEXT = "texts/oakridge-library-oped"), has no fact sheet (facts.csv), so there are '
        "no claims to check against the record (no points)\n"
    )
    check.all()
    out = capsys.readouterr().out
    assert "q2  skipped" in out and "nothing to check on this text: no points" in out
    assert "So far: 1 of 1 point from the public checks." in out


@pytest.mark.parametrize("sheet", [False, True])
def test_grading_on_a_lone_text_skips_or_grades(tmp_path, sheet):
    from grading_support import write_notebook

    from kit.grading import grade

    source = _source(tmp_path)
    text = _lone(tmp_path / "texts", sheet=sheet)
    subs = tmp_path / "subs"
    lines = [f'import kit\nTEXT = "{text}"\ndoc = kit.load(TEXT)', f"q1 = {SENTENCES}"]
    write_notebook(subs / "ada.ipynb", [*lines, f"q2 = {SENTENCES}"])
    write_notebook(subs / "bob.ipynb", [*lines, "q2 = 0"])
    grade(source, subs, tmp_path / "out", workers=1, timeout=60, text=str(text))
    graded = rows(tmp_path / "out" / "grades.csv")
    long = [r for r in _long(tmp_path / "out") if r["question"] == "q2"]
    if sheet:  # graded: the right count earns the points, a wrong one does not
        assert [
            (float(graded[s]["total"]), float(graded[s]["max_points"])) for s in "ada bob".split()
        ] == [(3, 3), (1, 3)]
        assert {r["status"] for r in long} == {"passed", "failed"}
    else:  # skipped for everyone, out of the maximum, with the reason
        assert [
            (float(graded[s]["total"]), float(graded[s]["max_points"])) for s in "ada bob".split()
        ] == [(1, 1), (1, 1)]
        assert graded["bob"]["q2"] == "skipped"
        assert {r["status"] for r in long} == {"skipped"}
        feedback = (tmp_path / "out" / "feedback" / "bob.html").read_text(encoding="utf-8")
        assert "q2 needs a fact sheet" in feedback and "has no fact sheet (facts.csv)" in feedback


def _long(out):
    import csv

    with open(out / "grades_long.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
