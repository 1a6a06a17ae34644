"""The grading benchmark's class of submissions, and its nbgrader version of the exercise.

No timing here (speed lives in benchmarks/) and no nbgrader needed: the generated notebooks are
checked for validity, the answers are run in this process and scored with the kit's own
scoring, and the nbgrader test cells are run on the same answers, so a correct submission
passes both graders' checks and a wrong one does not.
"""

import doctest
import json
import sys
from collections import Counter

import matplotlib
import nbformat
import pytest
from conftest import REPO

from kit.exercises import load_exercise, to_plain

sys.path.insert(0, str(REPO / "benchmarks"))

import _submissions
import _to_nbgrader

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def exercise():
    return load_exercise("ex00_practice")


@pytest.fixture(scope="module")
def released(exercise):
    return json.loads(_submissions.released_path(exercise).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def klass(exercise, released):
    return _submissions.generate(exercise, released, count=60, seed=3, hostile=0.2)


def _run(cells: list[str]) -> dict:
    """Run code cells in one namespace, closing figures after each cell as Jupyter does."""
    import matplotlib.pyplot as plt
    from IPython.core.inputtransformer2 import TransformerManager

    namespace: dict = {}
    transform = TransformerManager().transform_cell
    for code in cells:
        try:
            exec(compile(transform(code), "<cell>", "exec"), namespace)
        except Exception:
            pass
        finally:
            plt.close("all")
    return namespace


def _student_cells(notebook) -> list[str]:
    return [
        "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for cell in notebook["cells"]
        if cell["cell_type"] == "code" and "kit-check" not in cell["metadata"].get("tags", [])
        and "kit-checker" not in cell["metadata"].get("tags", [])
    ]  # fmt: skip


def _kit_points(exercise, notebook) -> float:
    namespace = _run(_student_cells(notebook))
    answers = {v: to_plain(namespace[v]) for v in exercise.variables if v in namespace}
    return sum(result.points for result in exercise.score(answers))


def _auto_points(exercise) -> float:
    return sum(q.points for q in exercise.questions if not q.manual)


def test_the_class_is_the_mix_asked_for_and_the_same_for_the_same_seed(exercise, released):
    first = _submissions.generate(exercise, released, count=50, seed=9, hostile=0.08)
    again = _submissions.generate(exercise, released, count=50, seed=9, hostile=0.08)
    other = _submissions.generate(exercise, released, count=50, seed=10, hostile=0.08)
    assert [(s.student, s.kind, s.answers) for s in first] == [
        (s.student, s.kind, s.answers) for s in again
    ]
    assert [s.answers for s in first] != [s.answers for s in other]
    kinds = Counter(s.kind for s in first)
    assert all(kinds[kind] == 1 for kind in _submissions.HOSTILE)
    assert kinds["blank"] and kinds["wrong"] and kinds["correct"] > kinds["wrong"]
    assert len({s.student for s in first}) == 50


def test_every_submission_is_a_valid_notebook_with_its_answers_in_place(klass, released):
    answer_ids = {c["id"] for c in released["cells"] if "answer" in c["metadata"].get("tags", [])}
    for submission in klass:
        notebook = _submissions.fill(released, submission.answers, _submissions.released_cell_id)
        nbformat.validate(nbformat.from_dict(json.loads(json.dumps(notebook))))
        assert set(submission.answers) <= answer_ids
        if submission.kind == "blank":
            assert notebook == released
    kinds = {s.kind: s for s in klass}
    first = next(iter(kinds["infinite_loop"].answers.values()))
    assert first.startswith(_submissions.INFINITE_LOOP)
    assert "AlwaysEqual()" in json.dumps(kinds["always_equal"].answers)
    assert "10**6" in json.dumps(kinds["print_flood"].answers)


def test_correct_answers_earn_every_automatic_point_and_wrong_ones_do_not(
    exercise, released, klass
):
    by_kind = {}
    for submission in klass:
        if submission.kind in ("correct", "wrong", "blank", "always_equal"):
            by_kind.setdefault(submission.kind, submission)
    points = {
        kind: _kit_points(
            exercise, _submissions.fill(released, s.answers, _submissions.released_cell_id)
        )
        for kind, s in by_kind.items()
    }
    assert points["correct"] == _auto_points(exercise)
    assert points["wrong"] < points["correct"]
    assert points["blank"] == 0
    assert points["always_equal"] == 0


def test_the_nbgrader_version_has_one_test_cell_per_question_and_hides_the_hidden_checks(
    exercise, released
):
    slots = _submissions.answer_slots(exercise, released)
    source = _to_nbgrader.nbgrader_source(exercise, slots)
    nbformat.validate(nbformat.from_dict(json.loads(json.dumps(source))))
    meta = [c["metadata"].get("nbgrader") for c in source["cells"] if c["metadata"]]
    tests = {m["grade_id"]: m for m in meta if m["grade"] and not m["solution"]}
    automatic = [q for q in exercise.questions if not q.manual]
    assert set(tests) == {f"{q.name}_tests" for q in automatic}
    assert sum(m["points"] for m in meta if m["grade"]) == exercise.max_points
    assert [m["grade_id"] for m in meta if m["solution"]] == [s.cell_id for s in slots]
    text = json.dumps(source)
    assert "# BEGIN SOLUTION" not in text.replace("### BEGIN SOLUTION", "")
    assert text.count("### BEGIN HIDDEN TESTS") == sum(1 for q in automatic if q.hidden)


def _nbgrader_passes(source, answers) -> dict[str, bool]:
    """Run the nbgrader notebook with ``answers`` in place; which test cells pass."""
    filled = _submissions.fill(source, answers, _to_nbgrader.grade_id)
    import matplotlib.pyplot as plt

    namespace: dict = {}
    passed = {}
    for cell in filled["cells"]:
        if cell["cell_type"] != "code":
            continue
        meta = cell["metadata"].get("nbgrader", {})
        try:
            exec(compile(cell["source"], "<cell>", "exec"), namespace)
            ok = True
        except Exception:
            ok = False
        finally:
            plt.close("all")
        if meta.get("grade") and not meta.get("solution"):
            passed[meta["grade_id"]] = ok
    return passed


def test_the_nbgrader_asserts_agree_with_the_kit_on_right_and_wrong_answers(exercise, released):
    slots = _submissions.answer_slots(exercise, released)
    source = _to_nbgrader.nbgrader_source(exercise, slots)
    correct = {slot.cell_id: slot.solution for slot in slots}
    assert all(_nbgrader_passes(source, correct).values())
    for slot in slots:
        if slot.question.manual:
            continue
        wrong = dict(correct)
        wrong[slot.cell_id] = f"{slot.solution}\n{slot.question.variable} = None"
        passes = _nbgrader_passes(source, wrong)
        own = f"{slot.question.name}_tests"
        assert not passes[own], slot.question.name
        earlier = list(passes)[: list(passes).index(own)]  # later ones may build on this answer
        assert all(passes[name] for name in earlier)


def test_the_benchmark_modules_doctests_pass():
    for module in (_submissions, _to_nbgrader):
        assert doctest.testmod(module).failed == 0


def test_the_benchmark_explains_itself():
    import subprocess

    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "grading.py"), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert "--vs-nbgrader" in result.stdout and "--submissions" in result.stdout
