"""`kit release`: the student's notebook, without solutions or hidden checks, byte-stable."""

import json
import shutil
import subprocess
import sys

import pytest
from conftest import REPO

from kit.cli import main
from kit.errors import ExerciseFormatError
from kit.exercises import load_exercise, release
from kit.exercises.release import released_paths, strip_solutions, student_notebook
from kit.exercises.source import cell_text

EXERCISE = load_exercise("ex00_practice")
QUESTION = '# BEGIN QUESTION\nname = "q1"\nkind = "number"\npoints = 1\n'
STUDENT = REPO / "exercises" / "ex00_practice.ipynb"
CHECKS = REPO / "exercises" / "ex00_practice.checks.json"


def test_the_committed_student_files_are_up_to_date():
    stale = release(sorted((REPO / "exercises" / "source").glob("*.ipynb")), check=True)
    assert not stale, f"run `kit release`: out of date: {stale}"


def test_release_is_deterministic():
    first = json.dumps(student_notebook(EXERCISE), sort_keys=True)
    again = json.dumps(student_notebook(load_exercise("ex00_practice")), sort_keys=True)
    assert first == again


def _student_cells():
    return json.loads(STUDENT.read_text(encoding="utf-8"))["cells"]


def test_no_solution_reaches_the_student():
    text = STUDENT.read_text(encoding="utf-8") + CHECKS.read_text(encoding="utf-8")
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "# SOLUTION", "BEGIN QUESTION", "[[hidden]]"):
        assert marker not in text
    code = "\n".join(cell_text(c) for c in _student_cells())
    for question in EXERCISE.questions:
        assert f"{question.variable} = ..." in code
        for line in question.solution.splitlines():
            if line.startswith(f"{question.variable} ="):
                assert line not in code, line


def test_hidden_expected_values_stay_in_the_source():
    public = CHECKS.read_text(encoding="utf-8")
    data = json.loads(public)
    for question in EXERCISE.questions:
        public_text = json.dumps([c.to_data() for c in question.public], ensure_ascii=False)
        for check in question.hidden:
            expected = check.settings.get("expected")
            if isinstance(expected, str) and expected not in public_text:
                assert expected not in public
            if check.message:
                assert check.message not in public
    assert all("hidden" not in q for q in data["questions"])


def test_no_outputs_and_every_cell_has_an_id():
    notebook = json.loads(STUDENT.read_text(encoding="utf-8"))
    assert (notebook["nbformat"], notebook["nbformat_minor"]) == (4, 5)
    ids = [cell["id"] for cell in notebook["cells"]]
    assert len(ids) == len(set(ids))
    for cell in notebook["cells"]:
        assert cell["cell_type"] in ("markdown", "code")  # the settings cells are gone
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


def test_the_student_notebook_is_valid_nbformat():
    import nbformat

    for path in (STUDENT, EXERCISE.path):
        nbformat.validate(nbformat.read(path, as_version=4))


def test_the_first_code_cell_makes_check_and_each_answer_is_followed_by_its_check():
    cells = _student_cells()
    code = [cell_text(c) for c in cells if c["cell_type"] == "code"]
    assert code[0] == 'from kit.exercises import Checker\n\ncheck = Checker("ex00_practice")'
    assert code[-1] == "check.all()"
    for question in EXERCISE.questions:
        at = code.index(f'check("{question.name}")')
        assert f"{question.variable} = ..." in code[at - 1]


def test_strip_solutions_keeps_the_shape_of_the_answer():
    source = "x = 1\n    # BEGIN SOLUTION\n    q2 = 5\n    # END SOLUTION\ny = 2"
    assert strip_solutions(source, "q2") == "x = 1\n    q2 = ...\ny = 2"
    assert strip_solutions("# BEGIN SOLUTION\nprint(1)\n# END SOLUTION", "q2") == (
        "# YOUR ANSWER HERE"
    )
    assert strip_solutions("total: int = 3  # SOLUTION", None) == "total: int = ..."


@pytest.fixture
def copied(tmp_path, monkeypatch):
    """A copy of the exercises folder, found through KIT_EXERCISES."""
    folder = tmp_path / "exercises"
    shutil.copytree(REPO / "exercises", folder)
    monkeypatch.setenv("KIT_EXERCISES", str(folder))
    monkeypatch.chdir(tmp_path)
    return folder


def test_release_check_lists_out_of_date_files(copied, capsys):
    source = copied / "source" / "ex00_practice.ipynb"
    notebook = json.loads(source.read_text(encoding="utf-8"))
    notebook["cells"][1]["source"] = ["# A new title\n"]
    source.write_text(json.dumps(notebook), encoding="utf-8")
    assert main(["release", "--check"]) == 1
    assert "ex00_practice.ipynb" in capsys.readouterr().out
    assert main(["release"]) == 0
    assert "# A new title" in (copied / "ex00_practice.ipynb").read_text(encoding="utf-8")
    assert main(["release", "--check"]) == 0


def test_instructor_cells_are_left_out(copied):
    source = copied / "source" / "ex00_practice.ipynb"
    notebook = json.loads(source.read_text(encoding="utf-8"))
    notebook["cells"].insert(
        2,
        {
            "cell_type": "markdown",
            "id": "note",
            "metadata": {"tags": ["instructor"]},
            "source": ["Students often confuse speculation and opinion."],
        },
    )
    source.write_text(json.dumps(notebook), encoding="utf-8")
    release(["ex00_practice"])
    assert "often confuse" not in (copied / "ex00_practice.ipynb").read_text(encoding="utf-8")


def test_release_writes_a_missing_student_file(copied):
    (copied / "ex00_practice.ipynb").unlink()
    (copied / "ex00_practice.checks.json").unlink()
    written = release(["ex00_practice"])
    assert sorted(p.name for p in written) == ["ex00_practice.checks.json", "ex00_practice.ipynb"]
    exercise = load_exercise("ex00_practice")
    for path in released_paths(exercise):
        assert path.read_bytes() == (REPO / "exercises" / path.name).read_bytes()


def test_an_unknown_exercise_is_a_one_line_error():
    result = subprocess.run(
        [sys.executable, "-m", "kit", "release", "ex99_nothing"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("kit release: There is no exercise called 'ex99_nothing'.")
    assert "Traceback" not in result.stderr


def test_a_source_outside_a_source_folder_is_refused(tmp_path):
    copy = tmp_path / "ex00_practice.ipynb"
    shutil.copy(REPO / "exercises" / "source" / "ex00_practice.ipynb", copy)
    with pytest.raises(ExerciseFormatError, match="not in a folder called source/"):
        release([copy])
    assert "BEGIN SOLUTION" in copy.read_text(encoding="utf-8")  # the source is untouched


def _edit_cell(source, cell_id, old, new):
    notebook = json.loads(source.read_text(encoding="utf-8"))
    (cell,) = [c for c in notebook["cells"] if c["id"] == cell_id]
    text = "".join(cell["source"])
    assert old in text
    cell["source"] = text.replace(old, new).splitlines(keepends=True)
    source.write_text(json.dumps(notebook), encoding="utf-8")


def test_verify_finds_a_hidden_check_the_solution_fails(copied, capsys):
    source = copied / "source" / "ex00_practice.ipynb"
    _edit_cell(source, "q7-settings", "expected = 22", "expected = 23")
    assert main(["release", "--verify", "ex00_practice"]) == 1
    out = capsys.readouterr().out
    assert "ex00_practice q7: the solution scores failed: look again: 22 is not" in out
    assert "Count the rows" in out
    assert '(hidden check close_to {"expected": 23} on the solution\'s value 22)' in out
    assert "q1:" not in out


def test_verify_reports_a_solution_that_does_not_run(copied, capsys):
    source = copied / "source" / "ex00_practice.ipynb"
    _edit_cell(source, "q7-answer", "len(doc.sentences)", "len(doc.sentence)")
    assert main(["release", "--verify"]) == 2
    err = capsys.readouterr().err
    assert "raised AttributeError" in err and "runs from top to bottom" in err


def test_copied_cells_get_ids_of_their_own_and_a_kernel(tmp_path):
    folder = tmp_path / "exercises" / "source"
    folder.mkdir(parents=True)
    cell = {"cell_type": "code", "id": "same", "metadata": {}, "outputs": [], "source": "x = 1"}
    notebook = {
        "cells": [
            {"cell_type": "raw", "id": "same", "metadata": {}, "source": QUESTION},
            {**cell, "source": "q1 = 1  # SOLUTION"},
            cell,
            cell,
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (folder / "ex_ids.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    release([folder / "ex_ids.ipynb"])
    student = json.loads((tmp_path / "exercises" / "ex_ids.ipynb").read_text(encoding="utf-8"))
    ids = [c["id"] for c in student["cells"]]
    assert len(ids) == len(set(ids)) and "same-2" in ids
    assert student["metadata"]["kernelspec"]["name"] == "python3"


def test_crlf_line_ends_from_a_checkout_are_not_out_of_date(copied):
    for path in (copied / "ex00_practice.ipynb", copied / "ex00_practice.checks.json"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert release(["ex00_practice"], check=True) == []


def test_check_cells_in_the_source_are_not_doubled(copied):
    source = copied / "source" / "ex00_practice.ipynb"
    notebook = json.loads(source.read_text(encoding="utf-8"))
    tried = [
        {"cell_type": "code", "id": "try-1", "metadata": {}, "outputs": [], "source": text}
        for text in (
            'from kit.exercises import Checker\n\ncheck = Checker("ex00_practice")',
            'check("q1")',
        )
    ]
    at = next(i for i, c in enumerate(notebook["cells"]) if c["id"] == "q1-answer") + 1
    notebook["cells"][at:at] = tried
    source.write_text(json.dumps(notebook), encoding="utf-8")
    release(["ex00_practice"])
    assert (copied / "ex00_practice.ipynb").read_bytes() == STUDENT.read_bytes()
