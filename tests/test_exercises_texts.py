"""One exercise, any text: the parameters cell, ``texts = [...]``, ``from_solution = true``,
``kit release --text/--out/--verify`` and the student's ``check()`` on another text."""

from __future__ import annotations

import json
import re
import time

import pytest
from conftest import REPO
from text_exercises import OTHER, SEED, any_text_source, cell

import kit
import kit.cli
from kit.errors import ExerciseFormatError
from kit.exercises import Check, load_exercise
from kit.exercises.checks import Outcome
from kit.exercises.on_text import choose_text, for_text
from kit.exercises.student import Checker
from kit.exercises.verify import on_text, problems

SEED_SENTENCES = len(kit.load(SEED).sentences)
OTHER_SENTENCES = len(kit.load(OTHER).sentences)


def _per_paragraph(text):
    table = kit.load(text).sentences.groupby("paragraph").size()
    return {"paragraph": list(map(int, table.index)), "sentences": list(map(int, table.values))}


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    return any_text_source(tmp_path_factory.mktemp("anytext"))


@pytest.fixture(scope="module")
def on_both(source):
    """The exercise as resolved on the seed and on the other text, with the solution's answers."""
    exercise = load_exercise(source)
    return {
        "seed": on_text(exercise),
        "other": on_text(exercise, choose_text(str(OTHER))),
    }


def test_the_two_texts_really_differ():
    assert SEED_SENTENCES != OTHER_SENTENCES
    assert _per_paragraph(SEED) != _per_paragraph(str(OTHER))


# -- reading the source ------------------------------------------------------------------


def test_the_parameters_cell_names_the_default_text(source):
    exercise = load_exercise(source)
    assert exercise.default_text == SEED
    assert exercise.question("q2").texts == (SEED,)
    assert exercise.question("q1").texts is None
    assert exercise.question("q1").from_solution and not exercise.question("q2").from_solution


def test_ex00_has_no_parameters_cell_and_no_text():
    exercise = load_exercise("ex00_practice")
    assert exercise.default_text is None and exercise.parameters_cell is None
    assert "text" not in exercise.public_data()


def _settings_source(tmp_path, q2_settings: str, parameters: bool = True):
    cells = [cell("markdown", "# Settings")]
    if parameters:
        cells.append(cell("code", f'TEXT = "{SEED}"', tags=["parameters"]))
    cells += [
        cell("code", "import kit\ndoc = kit.load(TEXT)" if parameters else "import kit"),
        cell("raw", '# BEGIN QUESTION\nname = "q2"\npoints = 1\n' + q2_settings),
        cell("code", 'q2 = "x"  # SOLUTION'),
    ]
    path = tmp_path / "exercises" / "source" / "ex91.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4}), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        (
            'kind = "text"\n[[hidden]]\ncheck = "equals"\nfrom_solution = true\nexpected = "x"\n',
            ["both `from_solution = true` and `expected`", "Keep one"],
        ),
        (
            'kind = "number"\n[[hidden]]\ncheck = "whole"\nfrom_solution = true\n',
            ["cannot take `from_solution = true`", "close_to"],
        ),
        (
            'kind = "number"\n[[hidden]]\ncheck = "close_to"\nfrom_solution = "yes"\n',
            ["`from_solution` must be true or false"],
        ),
        ('kind = "text"\ntexts = "yomiuri-2024-04-06"\n', ["`texts` must be a list"]),
        ('kind = "text"\ntexts = []\n', ["`texts` must be a list"]),
        ('kind = "text"\ntexts = [1]\n', ["`texts` must be a list"]),
        (
            'kind = "chart"\n[[hidden]]\ncheck = "bars"\nfrom_solution = true\nheights = [1]\n',
            ["both `from_solution = true` and `heights`"],
        ),
    ],
)
def test_bad_settings_are_refused_with_a_clear_message(tmp_path, settings, words):
    with pytest.raises(ExerciseFormatError) as caught:
        load_exercise(_settings_source(tmp_path, settings))
    for word in words:
        assert word in str(caught.value)
    assert "q2" in str(caught.value)


def test_texts_need_a_parameters_cell(tmp_path):
    path = _settings_source(tmp_path, f'kind = "text"\ntexts = ["{SEED}"]\n', parameters=False)
    with pytest.raises(ExerciseFormatError, match="no `parameters` cell"):
        load_exercise(path)


@pytest.mark.parametrize(
    "code",
    ['TEXT = "a"\ndoc = kit.load(TEXT)', "TEXT = 3", "TEXT = name", 'SEED = "a"', 'TEXT = ""'],
)
def test_a_parameters_cell_holds_one_text_assignment(tmp_path, code):
    path = any_text_source(tmp_path)
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"][1]["source"] = code
    path.write_text(json.dumps(notebook), encoding="utf-8")
    with pytest.raises(ExerciseFormatError, match=re.escape('one line TEXT = "..."')):
        load_exercise(path)


def test_two_parameters_cells_are_refused(tmp_path):
    path = any_text_source(tmp_path)
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"].insert(2, cell("code", 'TEXT = "b"', tags=["parameters"]))
    path.write_text(json.dumps(notebook), encoding="utf-8")
    with pytest.raises(ExerciseFormatError, match="both tagged `parameters`"):
        load_exercise(path)


# -- from_solution and skipped questions -------------------------------------------------


def test_from_solution_values_are_right_for_each_text(on_both):
    for key, text, sentences in (
        ("seed", SEED, SEED_SENTENCES),
        ("other", str(OTHER), OTHER_SENTENCES),
    ):
        exercise, answers = on_both[key]
        (close,) = exercise.question("q1").hidden
        assert close.settings == {"expected": sentences, "tolerance": 0}
        (values,) = exercise.question("q3").hidden
        assert values.settings["expected"] == _per_paragraph(text)
        assert answers["q1"] == sentences


def test_the_solution_scores_full_marks_on_both_texts(source, on_both):
    exercise = load_exercise(source)
    assert problems(exercise) == []
    assert problems(exercise, choose_text(str(OTHER))) == []
    seed, _ = on_both["seed"]
    other, _ = on_both["other"]
    assert seed.max_points == 4 and other.max_points == 3  # q2 (1 point) left out


def test_a_wrong_answer_fails_on_either_text(on_both):
    for key, right in (("seed", SEED_SENTENCES), ("other", OTHER_SENTENCES)):
        exercise, answers = on_both[key]
        wrong = dict(answers, q1=right - 1)
        result = exercise.question("q1").score(wrong)
        assert result.status == "failed" and result.points == 0
        assert exercise.question("q1").score(answers).points == 2


def test_the_seed_only_question_is_skipped_elsewhere_with_its_reason(on_both):
    seed, answers = on_both["seed"]
    other, _ = on_both["other"]
    assert seed.question("q2").score(answers).status == "passed"
    result = other.question("q2").score({"q2": "anything"})
    assert (result.status, result.points, result.max_points) == ("skipped", 0, 0)
    (line,) = result.lines
    assert line == (
        "skipped: q2 is about “UNSC Panel on N. Korea Sanctions…” (yomiuri-2024-04-06) only; "
        "on this text, “Our library is worth more than a line…” (oakridge-library-oped), there "
        "is nothing to check (no points)"
    )


def test_a_from_solution_check_is_never_scored_unresolved(source):
    exercise = load_exercise(source)
    result = exercise.question("q1").score({"q1": 3})
    assert result.status == "error" and result.points == 0
    with pytest.raises(ExerciseFormatError, match="gave no q1"):
        for_text(exercise, choose_text(SEED), {})


def test_a_solution_value_the_check_cannot_use_is_named(source):
    exercise = load_exercise(source)
    with pytest.raises(ExerciseFormatError, match=r"q1.*is not a number"):
        for_text(exercise, choose_text(SEED), {"q1": "many", "q3": None})


# -- kit release ---------------------------------------------------------------------------


def _released(folder, name="ex90_anytext"):
    notebook = json.loads((folder / f"{name}.ipynb").read_text(encoding="utf-8"))
    checks = json.loads((folder / f"{name}.checks.json").read_text(encoding="utf-8"))
    return notebook, checks


def _public_source(tmp_path):
    return any_text_source(
        tmp_path, q1_public='check = "close_to"\nfrom_solution = true\ntolerance = 0'
    )


def test_release_for_the_default_and_for_another_text(tmp_path, capsys):
    source = _public_source(tmp_path)
    assert kit.cli.main(["release", "--verify", str(source)]) == 0
    out = tmp_path / "for-oak"
    assert kit.cli.main(["release", str(source), "--text", str(OTHER), "--out", str(out)]) == 0
    seed_notebook, seed_checks = _released(tmp_path / "exercises")
    oak_notebook, oak_checks = _released(out)

    def parameters(notebook):
        (found,) = [c for c in notebook["cells"] if "parameters" in c["metadata"].get("tags", [])]
        return "".join(found["source"])

    assert parameters(seed_notebook) == f'TEXT = "{SEED}"'
    # The instructor's own path means nothing to students: the text is copied beside.
    assert parameters(oak_notebook) == 'TEXT = "texts/oakridge-library-oped"'
    copied = out / "texts" / "oakridge-library-oped" / "text.txt"
    assert copied.read_bytes() == (OTHER / "text.txt").read_bytes()
    assert kit.load(copied.parent).slug == "oakridge-library-oped"
    assert seed_checks["text"]["slug"] == SEED
    assert oak_checks["text"]["slug"] == "oakridge-library-oped"
    seed_q = {q["name"]: q for q in seed_checks["questions"]}
    oak_q = {q["name"]: q for q in oak_checks["questions"]}
    assert seed_q["q1"]["public"] == [
        {"check": "close_to", "expected": SEED_SENTENCES, "tolerance": 0}
    ]
    assert oak_q["q1"]["public"] == [
        {"check": "close_to", "expected": OTHER_SENTENCES, "tolerance": 0}
    ]
    assert "skipped" not in seed_q["q2"] and oak_q["q2"]["skipped"].startswith("q2 is about")
    skipped_cells = [c for c in oak_notebook["cells"] if c["id"] == "kit-skipped-q2"]
    assert len(skipped_cells) == 1 and "Skipped on this text" in "".join(skipped_cells[0]["source"])
    assert not [c for c in seed_notebook["cells"] if c["id"].startswith("kit-skipped")]
    code = "".join("".join(c["source"]) for c in oak_notebook["cells"])
    assert "len(doc.sentences)" not in code and "[[hidden]]" not in code


def test_release_check_sees_a_from_solution_value_out_of_date(tmp_path, capsys):
    source = _public_source(tmp_path)
    assert kit.cli.main(["release", str(source)]) == 0
    assert kit.cli.main(["release", "--check", str(source)]) == 0
    checks = tmp_path / "exercises" / "ex90_anytext.checks.json"
    checks.write_text(checks.read_text().replace(f'"expected": {SEED_SENTENCES}', '"expected": 1'))
    assert kit.cli.main(["release", "--check", str(source)]) == 1


def test_a_text_inside_the_out_folder_is_named_relative_to_the_notebook(tmp_path):
    import shutil

    source = any_text_source(tmp_path)
    out = tmp_path / "class"
    shutil.copytree(OTHER, out / "texts" / "oak")
    kit.exercises.release([source], text=str(out / "texts" / "oak"), out=out)
    notebook, checks = _released(out)
    assert 'TEXT = "texts/oak"' in "".join("".join(c["source"]) for c in notebook["cells"])
    assert checks["text"]["name"] == "texts/oak"


def test_release_without_out_writes_beside_the_default_in_a_folder_for_the_text(tmp_path):
    source = any_text_source(tmp_path)
    kit.exercises.release([source], text=str(OTHER))
    assert (tmp_path / "exercises" / "oakridge-library-oped" / "ex90_anytext.ipynb").is_file()


def test_a_solution_that_fails_on_the_other_text_is_named(tmp_path, capsys):
    source = any_text_source(
        tmp_path, count=f"q1 = doc.sentences.text.iloc[{SEED_SENTENCES + 1}].count(' ')  # SOLUTION"
    )
    assert kit.cli.main(["release", "--verify", "--text", SEED, str(source)]) == 2
    err = capsys.readouterr().err
    assert "the solution of q1 raised IndexError" in err
    assert "'yomiuri-2024-04-06'" in err and "Traceback" not in err


def test_an_endless_solution_is_stopped_at_the_time_limit(tmp_path, monkeypatch):
    from kit.exercises import solve

    monkeypatch.setattr(solve, "CELL_TIMEOUT", 2.0)
    source = any_text_source(tmp_path, count="while True:\n    pass\nq1 = 1  # SOLUTION")
    started = time.monotonic()
    with pytest.raises(ExerciseFormatError, match="q1 was still running after 2 s"):
        solve.solution_values(load_exercise(source), choose_text(SEED))
    assert time.monotonic() - started < 60
    run = solve.run_solutions(load_exercise(source), SEED, timeout=1.5)  # the whole-run limit
    assert "still running after 1.5 s" in run.stopped


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--text", "nonesuch"], "There is no text called 'nonesuch'"),
        (["--verify", "--text", "nonesuch"], "There is no text called 'nonesuch'"),
    ],
)
def test_an_unknown_text_is_one_clear_line(tmp_path, capsys, arguments, words):
    source = any_text_source(tmp_path)
    assert kit.cli.main(["release", *arguments, str(source)]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_ex00_cannot_be_released_for_another_text(tmp_path, capsys):
    assert kit.cli.main(["release", "ex00_practice", "--text", SEED, "--out", str(tmp_path)]) == 2
    assert "always runs on its own text" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


# -- the student's check() -------------------------------------------------------------------


@pytest.fixture
def released_for_oak(tmp_path, monkeypatch):
    source = _public_source(tmp_path)
    out = tmp_path / "class"
    kit.exercises.release([source], text=str(OTHER), out=out)
    monkeypatch.chdir(out)
    return out


def test_check_says_a_skipped_question_is_skipped(released_for_oak, capsys):
    check = Checker("ex90_anytext")
    TEXT = str(OTHER)  # noqa: F841  (the notebook's parameters cell)
    q2 = "The Yomiuri Shimbun"  # noqa: F841
    check("q2")
    # 8a #11: the TEXT named is the one the released notebook really holds.
    assert capsys.readouterr().out == (
        "skipped: q2 is about “UNSC Panel on N. Korea Sanctions…” (yomiuri-2024-04-06) only; "
        "on this text, “Our library is worth more than a line…” "
        '(TEXT = "texts/oakridge-library-oped"), there is nothing to check (no points)\n'
    )


def test_check_uses_the_values_of_the_released_text(released_for_oak, capsys):
    check = Checker("ex90_anytext")
    TEXT = str(OTHER)  # noqa: F841
    q1 = OTHER_SENTENCES
    check("q1")
    assert "q1 passed" in capsys.readouterr().out
    q1 = SEED_SENTENCES  # noqa: F841  (right for the seed, wrong for this text)
    check("q1")
    assert "q1 look again" in capsys.readouterr().out


def test_check_all_leaves_skipped_questions_out_of_the_points(released_for_oak, capsys):
    check = Checker("ex90_anytext")
    TEXT = "oakridge-library-oped"  # noqa: F841  (the slug names the same text)
    q1 = OTHER_SENTENCES  # noqa: F841
    check.all()
    out = capsys.readouterr().out
    assert "q2  skipped" in out and "nothing to check on this text" in out
    assert "So far: 2 of 3 points" in out


def test_check_refuses_to_judge_another_text(released_for_oak, capsys):
    check = Checker("ex90_anytext")
    TEXT = SEED  # noqa: F841  (the student changed it)
    q1 = SEED_SENTENCES  # noqa: F841
    check("q1")
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    released = "texts/oakridge-library-oped"
    assert f'These checks are for the text "{released}", but TEXT = "{SEED}"' in out
    assert "passed" not in out and "look again" not in out
    check.all()
    assert "These checks are for the text" in capsys.readouterr().out


def test_release_text_without_names_releases_the_exercises_that_can(tmp_path, capsys):
    any_text_source(tmp_path)
    (tmp_path / "exercises" / "source" / "ex00_practice.ipynb").write_bytes(
        (REPO / "exercises" / "source" / "ex00_practice.ipynb").read_bytes()
    )
    out = tmp_path / "oak"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KIT_EXERCISES", str(tmp_path / "exercises"))
        patch.chdir(tmp_path)
        assert kit.cli.main(["release", "--text", str(OTHER), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "skipped ex00_practice: it always runs on its own text" in printed
    assert sorted(p.name for p in out.iterdir()) == [
        "ex90_anytext.checks.json",
        "ex90_anytext.ipynb",
        "texts",
    ]


def test_a_missing_column_is_said_once_per_question(on_both):
    exercise, _ = on_both["other"]
    import pandas as pd

    from kit.exercises import to_plain

    table = to_plain(pd.DataFrame({"paragraph": [1, 2]}))
    result = exercise.question("q3").score({"q3": table})
    assert result.status == "failed"
    assert [line for line in result.lines if "no column named" in line] == [
        "look again: your table has no column named “sentences”. Its columns are: “paragraph”."
    ]


def test_an_empty_text_or_an_unwritable_out_folder_is_one_clear_line(tmp_path, capsys):
    source = any_text_source(tmp_path)
    assert kit.cli.main(["release", str(source), "--text", " "]) == 2
    assert "No text named" in capsys.readouterr().err
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert kit.cli.main(["release", str(source), "--text", SEED, "--out", str(blocker)]) == 2
    err = capsys.readouterr().err
    assert str(blocker) in err and "Traceback" not in err


def test_a_text_with_its_meta_is_copied_whole_and_check_sees_it_unchanged(tmp_path, capsys):
    import shutil

    source = any_text_source(tmp_path)
    mine = tmp_path / "mine" / "local-oped"
    shutil.copytree(OTHER, mine)
    (mine / "meta.toml").write_text('title = "A local op-ed"\noutlet = "The Local"\n')
    out = tmp_path / "class"
    assert kit.cli.main(["release", str(source), "--text", str(mine), "--out", str(out)]) == 0
    assert (out / "texts" / "local-oped" / "meta.toml").is_file()
    assert (
        kit.cli.main(["release", "--check", str(source), "--text", str(mine), "--out", str(out)])
        == 0
    )
    assert kit.load(out / "texts" / "local-oped").outlet == "The Local"


# -- rows and count from the solution ------------------------------------------------------


def _table(**columns):
    return {"__kit__": "dataframe", "columns": list(columns), "data": list(columns.values())}


def test_rows_from_solution_wants_exactly_the_solutions_row_count():
    check = Check.from_data({"check": "rows", "from_solution": True}, kind="dataframe")
    resolved = check.resolve(_table(paragraph=list(range(1, 14)), hedges=[0] * 13))
    assert resolved.settings == {"min": 13, "max": 13}
    short = resolved.run(_table(paragraph=[3, 4, 6, 7, 9, 12], hedges=[1] * 6))
    assert short == Outcome(0.0, "look again: your table has 6 rows; it needs 13.")
    assert resolved.run(_table(paragraph=list(range(13)), hedges=[0] * 13)).fraction == 1
    with pytest.raises(ExerciseFormatError, match="both `from_solution = true` and `min`"):
        Check.from_data({"check": "rows", "from_solution": True, "min": 1}, kind="dataframe")
    with pytest.raises(ExerciseFormatError, match="is not a table"):
        check.resolve([1, 2])


def test_count_from_solution_wants_as_many_items_as_the_solution():
    check = Check.from_data({"check": "count", "from_solution": True}, kind="phrases")
    resolved = check.resolve(["may", "could", "May", "perhaps"])  # 3 different items
    assert resolved.settings == {"min": 3, "max": 3}
    assert resolved.run(["a", "b"]).line == "look again: you gave 2 items; give 3."
    assert resolved.run(["a", "b", "c"]).fraction == 1


def test_a_public_rows_check_from_the_solution_is_right_on_each_text(tmp_path):
    path = any_text_source(tmp_path, q3_public='check = "rows"\nfrom_solution = true')
    exercise = load_exercise(path)
    for text in (SEED, str(OTHER)):
        resolved, answers = on_text(exercise, choose_text(text))
        rows = next(c for c in resolved.question("q3").public if c.name == "rows")
        paragraphs = len(kit.load(text).paragraphs)
        assert rows.settings == {"min": paragraphs, "max": paragraphs}
        assert resolved.question("q3").score(answers).status == "passed"


# -- release never overwrites or hands out an exercise source ------------------------------


def test_release_never_writes_over_the_sources(tmp_path, capsys):
    source = _public_source(tmp_path)
    before = source.read_bytes()
    named_source = tmp_path / "t" / "source"  # a text folder called "source"
    named_source.mkdir(parents=True)
    (named_source / "text.txt").write_bytes((OTHER / "text.txt").read_bytes())
    attempts = [
        ["release", str(source), "--text", str(named_source)],
        ["release", str(source), "--out", str(source.parent)],
        ["release", str(source), "--text", str(OTHER), "--out", str(source.parent)],
    ]
    for argv in attempts:
        assert kit.cli.main(argv) == 2, argv
        assert "kit release" in capsys.readouterr().err
        assert source.read_bytes() == before
    # The last guard: any notebook holding a source's markers is never replaced.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / source.name).write_bytes(before)
    assert kit.cli.main(["release", str(source), "--out", str(elsewhere)]) == 2
    assert "will not write over" in capsys.readouterr().err
    assert (elsewhere / source.name).read_bytes() == before


def test_release_never_copies_a_source_as_the_text(tmp_path, capsys):
    source = _public_source(tmp_path)
    linked = tmp_path / "t" / "sym"
    linked.mkdir(parents=True)
    (linked / "text.txt").symlink_to(source)
    copied = tmp_path / "copied"  # a copy of the source outside any source folder
    copied.mkdir()
    (copied / "text.txt").write_bytes(source.read_bytes())
    for text in (source, linked, copied):
        out = tmp_path / f"out-{text.name}"
        argv = ["release", str(source), "--text", str(text), "--out", str(out)]
        assert kit.cli.main(argv) == 2, text
        assert "will not use the text" in capsys.readouterr().err
        assert not out.exists() or "BEGIN SOLUTION" not in "".join(
            p.read_text(errors="replace") for p in out.rglob("*") if p.is_file()
        )


def test_release_for_another_text_says_what_is_skipped_and_what_remains(tmp_path, capsys):
    source = _public_source(tmp_path)
    out = tmp_path / "for-oak"
    assert kit.cli.main(["release", str(source), "--text", str(OTHER), "--out", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[-1] == (
        "ex90_anytext on “Our library is worth more than a line…”: 1 of 3 questions skipped "
        "(q2: about another text); 2 left, worth 3 points checked automatically (of 4 on its "
        "own text)."
    )
    assert kit.cli.main(["release", str(source), "--text", SEED, "--out", str(tmp_path / "s")]) == 0
    assert "every question applies (4 points checked automatically)" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["new\nline", "x" * 200 + "/" + "y" * 120])
def test_a_text_path_kit_load_would_refuse_is_one_clear_line(tmp_path, capsys, name):
    """8b #7: refused before the solutions run, not blamed on the source."""
    folder = tmp_path / name
    folder.mkdir(parents=True)
    (folder / "text.txt").write_bytes((OTHER / "text.txt").read_bytes())
    source = any_text_source(tmp_path)
    out = tmp_path / "out"
    assert kit.cli.main(["release", str(source), "--text", str(folder), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Move or rename the text's folder" in err and "Fix the source" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_nan_from_the_solution_is_not_called_missing():
    """8b #8a: a NaN reaches the check as None; the message names both."""
    check = Check.from_data({"check": "close_to", "from_solution": True}, kind="number")
    with pytest.raises(ExerciseFormatError, match="NaN") as raised:
        check.resolve(None)
    assert "did not assign" not in str(raised.value)


def test_a_kit_warning_prints_as_one_line_of_the_kit(tmp_path, capsys):
    """8b #8b: a text that is not UTF-8 warns in the kit's own words."""
    folder = tmp_path / "latin1"
    folder.mkdir()
    text = (OTHER / "text.txt").read_text(encoding="utf-8") + "\nCafé crème.\n"
    (folder / "text.txt").write_bytes(text.encode("latin-1", errors="replace"))
    source = any_text_source(tmp_path)
    out = tmp_path / "out"
    assert kit.cli.main(["release", str(source), "--text", str(folder), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    warned = [line for line in err.splitlines() if "UTF-8" in line]
    assert warned and all(line.startswith("kit release: warning: ") for line in warned)
    assert "KitWarning" not in err and "sys.exit" not in err


def test_release_runs_the_solutions_under_kit_grades_default_limits():
    """8b #6: --verify must not pass a solution that kit grade's defaults would stop."""
    import inspect

    from kit.exercises import solve
    from kit.grading import batch

    defaults = inspect.signature(batch.grade).parameters
    assert defaults["cell_timeout"].default == solve.CELL_TIMEOUT
    assert defaults["timeout"].default == solve.SOLUTION_TIMEOUT


def test_a_minimum_row_check_does_not_affirm_the_row_count():
    """8a #2: `rows min = 1` said "passed: your table has 6 rows" for a table needing 13."""
    check = Check.from_data({"check": "rows", "min": 1}, kind="dataframe")
    line = check.run(_table(paragraph=[3, 4, 6, 7, 9, 12], hedges=[1] * 6)).line
    assert line == "passed: your table has at least 1 row."


def test_release_runs_the_solutions_under_kit_grades_memory_limit(tmp_path, capsys):
    """8b #6: a solution kit grade would stop for its memory is stopped at --verify too."""
    source = any_text_source(
        tmp_path, count="big = bytearray(3 * 2**30)\nq1 = len(doc.sentences)  # SOLUTION"
    )
    assert kit.cli.main(["release", "--verify", str(source)]) in (1, 2)
    out = capsys.readouterr()
    assert "MemoryError" in out.out + out.err
