"""``kit grade --text``: every notebook graded on the class's text (TEXT set by the grader), the
``from_solution`` values from the source's solutions run once in a confined child, the questions
not about that text skipped (out of the maximum) in every report."""

from __future__ import annotations

import csv
import json

import pytest
from grading_support import rows, write_notebook
from text_exercises import OTHER, SEED, SETUP, any_text_source

import kit
import kit.cli
from kit.errors import GradingError
from kit.grading import grade
from kit.grading.batch import set_text

SEED_SENTENCES = len(kit.load(SEED).sentences)
OTHER_SENTENCES = len(kit.load(OTHER).sentences)
TABLE = 'q3 = doc.sentences.groupby("paragraph").size().reset_index(name="sentences")'


def _class(folder, text_in_notebook=SEED):
    """ada answers right, bob changed TEXT to the other text, cy counts one sentence too few,
    dee answers with fixed numbers: the seed's."""
    right = [f'TEXT = "{text_in_notebook}"', SETUP, "q1 = len(doc.sentences)"]
    right += ['q2 = "The Yomiuri Shimbun"', TABLE]
    other = SEED if text_in_notebook != SEED else str(OTHER)
    write_notebook(folder / "ada.ipynb", right)
    write_notebook(folder / "bob.ipynb", [f'TEXT = "{other}"', *right[1:]])
    write_notebook(folder / "cy.ipynb", [*right[:2], "q1 = len(doc.sentences) - 1", *right[3:]])
    write_notebook(folder / "dee.ipynb", [*right[:2], f"q1 = {SEED_SENTENCES}", *right[3:]])
    return folder


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The same class graded on the seed (the default) and on the other text."""
    root = tmp_path_factory.mktemp("graded")
    source = any_text_source(root)
    subs = _class(root / "subs")
    seed = grade(source, subs, root / "on-seed", workers=2)
    other = grade(source, subs, root / "on-oak", workers=2, text=str(OTHER))
    return {"seed": seed, "other": other, "root": root, "source": source, "subs": subs}


def _totals(batch):
    return {item.student: item.total for item in batch.graded}


def test_on_the_seed_the_solution_earns_full_marks_and_a_wrong_count_fails(graded):
    batch = graded["seed"]
    assert batch.max_points == 4
    assert _totals(batch) == {"ada": 4, "bob": 4, "cy": 2, "dee": 4}
    assert batch.text["slug"] == SEED


def test_on_the_other_text_the_seed_question_is_skipped_and_values_are_the_texts(graded):
    batch = graded["other"]
    assert batch.max_points == 3
    # dee's fixed number is the seed's count: wrong on this text; bob's TEXT was the seed's,
    # but the grader set it to the class's text.
    assert _totals(batch) == {"ada": 3, "bob": 3, "cy": 1, "dee": 1}
    for item in batch.graded:
        q2 = next(r for r in item.results if r["question"] == "q2")
        assert (q2["status"], q2["points"], q2["max_points"]) == ("skipped", 0, 0)
    ada = next(item for item in batch.graded if item.student == "ada")
    assert ada.answers["q1"] == OTHER_SENTENCES


def test_every_report_marks_the_skipped_question_and_names_the_text(graded):
    out = graded["root"] / "on-oak"
    with open(out / "grades_long.csv", encoding="utf-8-sig") as handle:
        long = [r for r in csv.DictReader(handle) if r["question"] == "q2"]
    assert {r["status"] for r in long} == {"skipped"}
    assert all(r["feedback"].startswith("skipped: q2 is about “UNSC Panel") for r in long)
    assert rows(out / "grades.csv")["ada"]["q2"] == "skipped"
    assert rows(out / "grades.csv")["ada"]["max_points"] == "3"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["text"]["slug"] == "oakridge-library-oped" and summary["max_points"] == 3
    assert "on the text oakridge-library-oped" in summary["summary"]
    page = (out / "feedback" / "ada.html").read_text(encoding="utf-8")
    assert "Graded on the text" in page and "(oakridge-library-oped)" in page
    assert "skipped (no points on this text)" in page
    seed_page = (graded["root"] / "on-seed" / "feedback" / "ada.html").read_text()
    assert f"({SEED})" in seed_page and "no points on this text" not in seed_page


def test_the_graded_text_is_readable_in_the_sandbox(graded):
    batch = graded["other"]
    assert "oakridge-library-oped" in batch.protections["graded text"]
    assert all(item.status == "ok" for item in batch.graded), [
        (item.student, item.reason) for item in batch.graded
    ]


def test_the_command_line_names_the_text(graded, capsys):
    out = graded["root"] / "cli"
    arguments = ["grade", str(graded["source"]), str(graded["subs"]), "--out", str(out)]
    assert kit.cli.main([*arguments, "--quiet", "--text", str(OTHER)]) == 0
    printed = capsys.readouterr().out
    assert "Graded on the text “Our library is worth more than a line…”" in printed
    assert "4 submissions on the text oakridge-library-oped" in printed


def test_a_manual_question_skipped_on_the_text_is_marked_in_the_review_sheet(tmp_path):
    source = any_text_source(tmp_path)
    notebook = json.loads(source.read_text(encoding="utf-8"))
    settings = next(c for c in notebook["cells"] if c.get("id") == "q2-settings")
    settings["source"] = (
        '# BEGIN QUESTION\nname = "q2"\nkind = "text"\npoints = 1\nmanual = true\n'
        f'texts = ["{SEED}"]\n'
    )
    source.write_text(json.dumps(notebook), encoding="utf-8")
    subs = _class(tmp_path / "subs")
    batch = grade(source, subs, tmp_path / "out", workers=2, text=str(OTHER))
    assert batch.max_points == 3
    with open(tmp_path / "out" / "review.csv", encoding="utf-8-sig") as handle:
        sheet = [r for r in csv.DictReader(handle) if r["student"] == "ada"]
    assert sheet[0]["comment"].startswith("skipped: q2 is about") and sheet[0]["points"] == ""


def test_a_solution_that_fails_on_the_graded_text_stops_before_grading(tmp_path, capsys):
    source = any_text_source(
        tmp_path,
        count=f"q1 = doc.sentences.text.iloc[{SEED_SENTENCES + 1}].count(' ')  # SOLUTION",
    )
    subs = _class(tmp_path / "subs")
    out = tmp_path / "out"
    assert kit.cli.main(["grade", str(source), str(subs), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "the solution of q1 raised IndexError" in err and "'yomiuri-2024-04-06'" in err
    assert "Traceback" not in err
    assert not (out / "grades.csv").exists()


def test_an_endless_solution_is_stopped_at_the_cell_limit(tmp_path):
    source = any_text_source(tmp_path, count="while True:\n    pass\nq1 = 1  # SOLUTION")
    subs = _class(tmp_path / "subs")
    with pytest.raises(GradingError, match="q1 was still running after 2 s") as raised:
        grade(source, subs, tmp_path / "out", cell_timeout=2, timeout=30)
    # 8b #6: a solution stopped at a grading limit names the option that raises it.
    assert "kit grade --cell-timeout SECONDS (now 2 s a cell)" in str(raised.value)
    assert "--timeout SECONDS (now 30 s the notebook)" in str(raised.value)


def test_an_unknown_text_is_one_clear_line(tmp_path, capsys):
    source = any_text_source(tmp_path)
    subs = _class(tmp_path / "subs")
    arguments = ["grade", str(source), str(subs), "--out", str(tmp_path / "out"), "--quiet"]
    assert kit.cli.main([*arguments, "--text", "nonesuch"]) == 2
    err = capsys.readouterr().err
    assert "There is no text called 'nonesuch'" in err and "Traceback" not in err


def test_ex00_cannot_be_graded_on_another_text(tmp_path, capsys):
    subs = tmp_path / "subs"
    write_notebook(subs / "ada.ipynb", ['q1 = "fact"'])
    arguments = ["grade", "ex00_practice", str(subs), "--out", str(tmp_path / "out"), "--quiet"]
    assert kit.cli.main([*arguments, "--text", SEED]) == 2
    assert "always runs on its own text" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (['TEXT = "mine"', "q1 = 1"], ["TEXT = 'class'", "q1 = 1"]),
        (
            ["import kit", "TEXT: str = (\n  'a'\n)\nx = 1"],
            ["import kit", "TEXT: str = (\n  'class'\n)\nx = 1"],
        ),
        (["%time TEXT = 'a'\nTEXT = 'b'"], ["%time TEXT = 'a'\nTEXT = 'class'"]),
        (["import kit", "q1 = 1"], ["TEXT = 'class'\nimport kit", "q1 = 1"]),
        (["if True:\n    TEXT = 'a'"], ["TEXT = 'class'\nif True:\n    TEXT = 'class'"]),
        # Only the value changes: the student's other code on the line stays (8b #4).
        (
            ['import kit; TEXT = "a"\ndoc = kit.load(TEXT)'],
            ["import kit; TEXT = 'class'\ndoc = kit.load(TEXT)"],
        ),
        (['q1 = "x"; TEXT = "a"  # é'], ["q1 = \"x\"; TEXT = 'class'  # é"]),
        (['TEXT = name = "a"'], ["TEXT = name = 'class'"]),
        (['TEXT, other = "a", 1'], ["TEXT, other = 'class', 1"]),
        (['é = "€"; TEXT = "a"; b = 1'], ["é = \"€\"; TEXT = 'class'; b = 1"]),
    ],
)
def test_the_grader_sets_text_wherever_the_notebook_does(cells, expected):
    assert set_text(cells, "class") == expected


def test_a_seed_text_changed_between_runs_regrades_every_notebook(tmp_path, monkeypatch):
    """8b #3: the cache must not keep answers computed on the text as it was."""
    import shutil

    seeds = tmp_path / "seeds"
    shutil.copytree(kit.seeds_folder(), seeds)
    shutil.copytree(OTHER, seeds / "mytext")
    monkeypatch.setenv("KIT_SEEDS", str(seeds))
    source = any_text_source(tmp_path)
    subs = _class(tmp_path / "subs")
    first = grade(source, subs, tmp_path / "out", workers=2, text="mytext")
    assert _totals(first)["ada"] == 3
    with open(seeds / "mytext" / "text.txt", "a", encoding="utf-8") as handle:
        handle.write("\nA new closing paragraph. It has two sentences.\n")
    second = grade(source, subs, tmp_path / "out", workers=2, text="mytext")
    assert second.ran == 4
    assert _totals(second)["ada"] == 3


# -- a class released for another text, graded without --text (8a #1, #9) ------------------


def _released_class(tmp_path, text=str(OTHER), students=("ada", "bob", "cy")):
    """Notebooks made by ``kit release --text``, answered with the solutions."""
    source = any_text_source(tmp_path)
    released = tmp_path / "released"
    assert kit.cli.main(["release", str(source), "--text", text, "--out", str(released)]) == 0
    notebook = json.loads((released / "ex90_anytext.ipynb").read_text(encoding="utf-8"))
    answers = {"q1 = ...": "q1 = len(doc.sentences)", "q3 = ...": TABLE, "q2 = ...": "q2 = ''"}
    for cell in notebook["cells"]:
        code = "".join(cell["source"])
        if code in answers:
            cell["source"] = [answers[code]]
    subs = tmp_path / "subs"
    subs.mkdir()
    for student in students:
        (subs / f"{student}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    return source, released, subs, notebook


def test_release_for_another_text_records_it_in_the_notebook(tmp_path):
    _, _, _, notebook = _released_class(tmp_path)
    assert notebook["metadata"]["kit"]["text"] == {
        "name": "texts/oakridge-library-oped",
        "slug": "oakridge-library-oped",
        "title": kit.exercises.on_text.choose_text(str(OTHER)).title,
    }


def test_grading_without_text_a_class_released_for_another_text_stops(tmp_path, capsys):
    source, released, subs, _ = _released_class(tmp_path)
    out = tmp_path / "out"
    arguments = ["grade", str(source), str(subs), "--out", str(out), "--quiet"]
    assert kit.cli.main(arguments) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "3 of 3 notebooks were released for the text 'oakridge-library-oped'" in err
    assert "--text" in err and not (out / "grades.csv").exists()
    # With the text the class was given: graded, full marks.
    assert (
        kit.cli.main([*arguments, "--text", str(released / "texts" / "oakridge-library-oped")]) == 0
    )
    assert rows(out / "grades.csv")["ada"]["total"] == "3"
    # An explicit --text always wins, even the default text.
    assert kit.cli.main([*arguments, "--text", SEED]) == 0


def test_a_few_students_who_changed_text_do_not_stop_grading_and_are_told(graded):
    # bob's TEXT was the other text: graded on the seed with the class, and told so.
    out = graded["root"] / "on-seed"
    reason = rows(out / "grades.csv")["bob"]["reason"]
    assert f'your notebook had TEXT = "{OTHER}"' in reason
    assert "the text of your class" in reason and f"({SEED})" in reason
    page = (out / "feedback" / "bob.html").read_text(encoding="utf-8")
    assert "your notebook had TEXT = " in page
    assert "your notebook had TEXT" not in rows(out / "grades.csv")["ada"]["reason"]
    other = rows(graded["root"] / "on-oak" / "grades.csv")  # ada kept the seed, bob has oak
    assert f'your notebook had TEXT = "{SEED}"' in other["ada"]["reason"]
    assert "your notebook had TEXT" not in other["bob"]["reason"]


def test_an_older_release_is_recognised_by_its_parameters_cell(tmp_path, capsys):
    source, _, subs, notebook = _released_class(tmp_path)
    del notebook["metadata"]["kit"]["text"]  # released before the text was recorded
    for student in ("ada", "bob"):
        (subs / f"{student}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    out = tmp_path / "out"
    assert kit.cli.main(["grade", str(source), str(subs), "--out", str(out), "--quiet"]) == 2
    assert "3 of 3 notebooks were released" in capsys.readouterr().err


def test_one_student_of_three_on_another_text_does_not_stop_grading(tmp_path):
    source = any_text_source(tmp_path)
    released = tmp_path / "released"
    assert kit.cli.main(["release", str(source), "--out", str(released)]) == 0
    notebook = json.loads((released / "ex90_anytext.ipynb").read_text(encoding="utf-8"))
    subs = tmp_path / "subs"
    subs.mkdir()
    for student in ("ada", "bob"):
        (subs / f"{student}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    for cell in notebook["cells"]:
        if "parameters" in cell["metadata"].get("tags", []):
            cell["source"] = [f'TEXT = "{OTHER}"']
    (subs / "cy.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    batch = grade(source, subs, tmp_path / "out", workers=2)
    assert len(batch.graded) == 3
    assert "your notebook had TEXT" in rows(tmp_path / "out" / "grades.csv")["cy"]["reason"]


def test_a_notebook_that_loads_another_text_behind_texts_back_is_told(tmp_path):
    """8b #5: TEXT set where the grader cannot reach it; the note says what happened."""
    source = any_text_source(tmp_path)
    answers = ["q1 = len(doc.sentences)", 'q2 = ""', TABLE]
    subs = tmp_path / "subs"
    write_notebook(subs / "ada.ipynb", [f'TEXT = "{SEED}"', SETUP, *answers])
    write_notebook(
        subs / "gil.ipynb",
        [f'TEXT = "{SEED}"', f'globals()["TEXT"] = "{SEED}"', SETUP, *answers],
    )
    write_notebook(
        subs / "lit.ipynb", [f'TEXT = "{SEED}"', f'import kit\ndoc = kit.load("{SEED}")', *answers]
    )
    grade(source, subs, tmp_path / "out", workers=2, text=str(OTHER))
    sheet = rows(tmp_path / "out" / "grades.csv")
    for student in ("gil", "lit"):
        assert (
            f"this notebook loaded the text '{SEED}', not the class's text"
            in (sheet[student]["reason"])
        ), sheet[student]
    assert "this notebook loaded" not in sheet["ada"]["reason"]
    assert sheet["ada"]["total"] == "3"


def test_a_class_released_for_another_seed_is_told_its_name(tmp_path, monkeypatch, capsys):
    import shutil

    seeds = tmp_path / "seeds"
    shutil.copytree(kit.seeds_folder(), seeds)
    shutil.copytree(OTHER, seeds / "mytext")
    monkeypatch.setenv("KIT_SEEDS", str(seeds))
    source, _, subs, notebook = _released_class(tmp_path, text="mytext")
    assert notebook["metadata"]["kit"]["text"]["name"] == "mytext"
    out = tmp_path / "out"
    assert kit.cli.main(["grade", str(source), str(subs), "--out", str(out), "--quiet"]) == 2
    assert "run again with --text mytext;" in capsys.readouterr().err
