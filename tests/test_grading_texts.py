"""An exercise on a text outside the seeds folder can be graded: the texts its source loads are
made readable to the graded notebooks (only those files), and --allow-read opens others."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import ARTICLES
from grading_support import rows, write_notebook

import kit
import kit.cli
from kit.errors import GradingError
from kit.grading import grade
from kit.grading.texts import exercise_texts

OAK = ARTICLES / "oakridge-library-oped"
PARAGRAPHS = len(kit.load(OAK).paragraphs)


def _cell(kind: str, text: str) -> dict:
    cell = {"cell_type": kind, "id": f"c{abs(hash(text)) % 10**8}", "metadata": {}, "source": text}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def _exercise(root, load_as: str, name: str = "ex_oak"):
    """An exercise source in ``root/exercises/source/`` whose setup loads ``load_as``."""
    source = root / "exercises" / "source" / f"{name}.ipynb"
    source.parent.mkdir(parents=True, exist_ok=True)
    cells = [
        _cell("markdown", "# Another text"),
        _cell("code", f'import kit\n\nTEXT = "{load_as}"\ndoc = kit.load(TEXT)'),
        _cell(
            "raw",
            '# BEGIN QUESTION\nname = "q1"\nkind = "number"\npoints = 2\n\n[[hidden]]\n'
            f'check = "close_to"\nexpected = {PARAGRAPHS}\n',
        ),
        _cell("markdown", "How many paragraphs?"),
        _cell("code", "q1 = len(doc.paragraphs)  # SOLUTION"),
    ]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    source.write_text(json.dumps(notebook), encoding="utf-8")
    return source


def _submission(folder, load_as: str):
    write_notebook(
        folder / "ada.ipynb",
        [f'import kit\nTEXT = "{load_as}"\ndoc = kit.load(TEXT)', "q1 = len(doc.paragraphs)"],
    )
    return folder


def test_a_text_given_by_its_full_path_is_readable(tmp_path):
    source = _exercise(tmp_path, str(OAK))
    subs = _submission(tmp_path / "subs", str(OAK))
    batch = grade(source, subs, tmp_path / "out", workers=1, timeout=60)
    row = rows(tmp_path / "out" / "grades.csv")["ada"]
    assert (float(row["total"]), row["status"]) == (2, "ok"), row
    assert "oakridge-library-oped" in batch.protections["texts"]


def test_a_text_beside_the_notebook_is_copied_into_each_childs_folder(tmp_path):
    shutil.copytree(OAK, tmp_path / "exercises" / "texts" / "oak")
    (tmp_path / "exercises" / "texts" / "oak" / "expected.json").unlink()
    source = _exercise(tmp_path, "texts/oak")
    subs = _submission(tmp_path / "subs", "texts/oak")
    grade(source, subs, tmp_path / "out", workers=1, timeout=60)
    row = rows(tmp_path / "out" / "grades.csv")["ada"]
    assert (float(row["total"]), row["status"]) == (2, "ok"), row


def test_only_the_text_files_are_opened_not_their_folder(tmp_path):
    texts = tmp_path / "texts" / "oak"
    shutil.copytree(OAK, texts)
    (texts / "answers.txt").write_text("the key")
    source = _exercise(tmp_path, str(texts))
    subs = _submission(tmp_path / "subs", str(texts))
    write_notebook(subs / "eve.ipynb", [f"q1 = len(open({str(texts / 'answers.txt')!r}).read())"])
    grade(source, subs, tmp_path / "out", workers=1, timeout=60)
    graded = rows(tmp_path / "out" / "grades.csv")
    assert float(graded["ada"]["total"]) == 2
    assert "PermissionError" in graded["eve"]["reason"]


def test_a_text_folder_holding_the_source_is_not_opened(tmp_path):
    source = _exercise(tmp_path, str(tmp_path / "exercises"))
    access = exercise_texts(kit.exercises.load_exercise(source))
    assert access.read == [] and access.copies == []
    assert "holds the exercise source" in access.describe()


def test_a_missing_text_is_reported(tmp_path):
    access = exercise_texts(kit.exercises.load_exercise(_exercise(tmp_path, "nowhere/oak")))
    assert "'nowhere/oak', which was not found" in access.describe()


def test_a_text_refused_by_the_sandbox_says_what_to_do(tmp_path):
    other = tmp_path / "elsewhere"
    shutil.copytree(OAK, other)
    source = _exercise(tmp_path, str(OAK))
    subs = _submission(tmp_path / "subs", str(other))
    grade(source, subs, tmp_path / "out", workers=1, timeout=60)
    row = rows(tmp_path / "out" / "grades.csv")["ada"]
    assert float(row["total"]) == 0
    assert "--allow-read" in row["reason"]
    grade(source, subs, tmp_path / "out2", workers=1, timeout=60, allow_read=[other])
    assert float(rows(tmp_path / "out2" / "grades.csv")["ada"]["total"]) == 2


def test_allow_read_refuses_the_exercises_own_folder(tmp_path):
    source = _exercise(tmp_path, str(OAK))
    with pytest.raises(GradingError, match="holds the exercise source"):
        grade(source, tmp_path, tmp_path / "out", allow_read=[tmp_path / "exercises"])


def test_release_verify_warns_about_a_text_graded_notebooks_will_not_find(tmp_path, capsys):
    shutil.copytree(OAK, tmp_path / "exercises" / "texts" / "oak")
    source = _exercise(tmp_path, "../texts/oak")  # found from source/, where verify runs
    assert kit.cli.main(["release", "--verify", str(source)]) == 0
    out = capsys.readouterr().out
    assert "warning: ex_oak: the exercise loads '../texts/oak', a path that leaves" in out


def _with_cells(source, *texts, tags=()):
    notebook = json.loads(source.read_text())
    for text in texts:
        cell = _cell("code", text)
        cell["metadata"]["tags"] = list(tags)
        notebook["cells"].append(cell)
    source.write_text(json.dumps(notebook), encoding="utf-8")
    return kit.exercises.load_exercise(source)


def test_only_the_kits_load_outside_solutions_opens_a_text(tmp_path):
    source = _exercise(tmp_path, str(OAK))
    (source.parent / "ex_oak_key.json").write_text('{"q1": 5}')
    shutil.copytree(OAK, tmp_path / "exercises" / "texts" / "oak")
    _with_cells(
        source,
        'import numpy as np\nkey = np.load("source/ex_oak_key.json")',
        'import json\nkey = json.load("texts/oak/text.txt")',
        'extra = kit.load("texts/oak")  # SOLUTION',
    )
    _with_cells(source, 'secret = kit.load("texts/oak")', tags=["instructor"])
    access = exercise_texts(kit.exercises.load_exercise(source))
    assert access.copies == [] and access.found == [str(OAK)]


def test_a_text_in_the_source_folder_is_refused_with_a_warning(tmp_path):
    source = _exercise(tmp_path, "source/key")
    shutil.copytree(OAK, source.parent / "key")
    access = exercise_texts(kit.exercises.load_exercise(source))
    assert access.copies == [] and access.read == []
    assert "source folder" in access.describe()
