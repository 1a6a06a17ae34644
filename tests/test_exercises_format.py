"""Reading exercise sources: the format, and clear errors for malformed ones."""

import json

import pytest

from kit.errors import KitError
from kit.exercises import ExerciseFormatError, ExerciseNotFoundError, load_exercise


def raw(text):
    return {"cell_type": "raw", "id": "r", "metadata": {}, "source": text}


def markdown(text):
    return {"cell_type": "markdown", "id": "m", "metadata": {}, "source": text}


def code(text):
    return {
        "cell_type": "code",
        "id": "c",
        "metadata": {},
        "execution_count": None,
        "outputs": [],
        "source": text,
    }


QUESTION = '# BEGIN QUESTION\nname = "q1"\nkind = "number"\npoints = 2\n'


def write(tmp_path, cells, name="ex_test"):
    folder = tmp_path / "exercises" / "source"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.ipynb"
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def test_a_minimal_exercise(tmp_path):
    path = write(
        tmp_path,
        [
            markdown("# A tiny exercise"),
            raw(QUESTION + '[[hidden]]\ncheck = "close_to"\nexpected = 22\n'),
            markdown("How many sentences?"),
            code("q1 = 22  # SOLUTION"),
        ],
    )
    exercise = load_exercise(path)
    assert (exercise.name, exercise.title, exercise.max_points) == ("ex_test", "A tiny exercise", 2)
    (question,) = exercise.questions
    assert (question.name, question.kind, question.points, question.variable) == (
        "q1",
        "number",
        2,
        "q1",
    )
    assert question.prompt == "How many sentences?" and not question.manual
    assert question.solution == "q1 = 22"
    assert [r.points for r in exercise.score({"q1": 22})] == [2]
    assert [r.points for r in exercise.score({"q1": 21})] == [0]


def test_a_question_can_name_another_variable_and_end_early(tmp_path):
    path = write(
        tmp_path,
        [
            raw('# EXERCISE\ntitle = "Named"'),
            raw(QUESTION + 'variable = "sentence_count"'),
            code("# BEGIN SOLUTION\nsentence_count = 22\n# END SOLUTION"),
            raw("# END QUESTION"),
            markdown("Not part of the question."),
        ],
    )
    exercise = load_exercise(str(path))
    assert exercise.title == "Named"
    assert exercise.questions[0].variable == "sentence_count"
    assert exercise.questions[0].prompt == ""


def test_names_resolve_through_kit_exercises(tmp_path, monkeypatch):
    write(tmp_path, [raw(QUESTION), code("q1 = 1  # SOLUTION")], name="ex_mine")
    monkeypatch.setenv("KIT_EXERCISES", str(tmp_path / "exercises"))
    assert load_exercise("ex_mine").path == tmp_path / "exercises" / "source" / "ex_mine.ipynb"


def test_an_unknown_name_lists_the_exercises():
    with pytest.raises(ExerciseNotFoundError) as caught:
        load_exercise("ex00_practise")
    message = str(caught.value)
    assert "Did you mean 'ex00_practice'?" in message and "The exercises are:" in message
    assert isinstance(caught.value, KitError)


def test_a_missing_path_is_named(tmp_path):
    with pytest.raises(ExerciseNotFoundError, match="no exercise source at"):
        load_exercise(tmp_path / "nope.ipynb")


@pytest.mark.parametrize(
    ("cells", "words"),
    [
        ([], "has no questions"),
        ([raw(QUESTION.replace("2\n", "two\n"))], "not valid TOML"),
        ([raw(QUESTION.replace('"number"', '"numbr"'))], "`kind` must be one of"),
        ([raw(QUESTION.replace("points = 2", "points = -1"))], "`points` must be a number"),
        ([raw(QUESTION + "pionts = 3")], "unknown setting 'pionts' (did you mean 'points'?)"),
        ([raw(QUESTION)], "has no solution"),
        ([raw(QUESTION), code("answer = 1  # SOLUTION")], "never assigns q1"),
        (
            [
                raw(QUESTION + '[[public]]\ncheck = "one_of"\nvalues = ["a"]'),
                code("q1 = 1 # SOLUTION"),
            ],
            "no check 'one_of' for a number question",
        ),
        (
            [
                raw(QUESTION + '[[public]]\ncheck = "close_to"\nexpectd = 2'),
                code("q1 = 1 # SOLUTION"),
            ],
            "needs `expected`",
        ),
        (
            [
                raw(QUESTION + '[[public]]\ncheck = "close_to"\nexpected = 2\ntolerence = 1'),
                code("q1 = 1 # SOLUTION"),
            ],
            "no setting 'tolerence' (did you mean 'tolerance'?)",
        ),
        (
            [
                raw(QUESTION + '[[public]]\ncheck = "between"\nmin = "one"'),
                code("q1 = 1 # SOLUTION"),
            ],
            "`min` must be a number",
        ),
        (
            [raw(QUESTION), code("q1 = 1 # SOLUTION"), raw(QUESTION), code("q1 = 2 # SOLUTION")],
            "two questions share the question name 'q1'",
        ),
        ([raw("# END QUESTION")], "without a `# BEGIN QUESTION`"),
        (
            [raw(QUESTION + '[[public]]\ncheck = ["whole"]'), code("q1 = 1 # SOLUTION")],
            "there is no check ['whole']",
        ),
        (
            [
                raw(
                    QUESTION.replace('"number"', '"text"')
                    + '[[hidden]]\ncheck = "in_text"\narticle = "yomiuri-2024-04-60"'
                ),
                code("q1 = 'a' # SOLUTION"),
            ],
            "there is no text called 'yomiuri-2024-04-60' (did you mean 'yomiuri-2024-04-06'?)",
        ),
        (
            [
                raw(
                    QUESTION.replace('"number"', '"labels"')
                    + '[[hidden]]\ncheck = "matches"\nexpected = ["a"]\npartial = "yes"'
                ),
                code("q1 = ['a'] # SOLUTION"),
            ],
            "`partial` must be true or false",
        ),
        (
            [
                raw(
                    QUESTION.replace('"number"', '"chart"')
                    + '[[hidden]]\ncheck = "label_mentions"\naxis = "z"\nwords = ["unit"]'
                ),
                code("q1 = None # SOLUTION"),
            ],
            '`axis` must be "x" or "y"',
        ),
        (
            [
                raw(
                    QUESTION.replace('"number"', '"chart"')
                    + '[[hidden]]\ncheck = "label_mentions"\nwords = ["unit"]'
                ),
                code("q1 = None # SOLUTION"),
            ],
            "the 'label_mentions' check needs `axis`",
        ),
    ],
)
def test_malformed_sources_say_what_to_fix(tmp_path, cells, words):
    path = write(tmp_path, cells)
    with pytest.raises(ExerciseFormatError) as caught:
        load_exercise(path)
    assert words in str(caught.value)


def test_a_file_that_is_not_json(tmp_path):
    path = write(tmp_path, [])
    path.write_text('{"cells": [', encoding="utf-8")
    with pytest.raises(ExerciseFormatError, match="its JSON breaks at line 1"):
        load_exercise(path)


def test_a_cell_that_is_not_a_cell(tmp_path):
    path = write(tmp_path, [{"cell_type": "picture"}])
    with pytest.raises(ExerciseFormatError, match="cell 1 is not a notebook cell"):
        load_exercise(path)


def test_checks_for_every_kind_are_accepted(tmp_path):
    settings = {
        "label": 'check = "one_of"\nvalues = ["a"]',
        "labels": 'check = "matches"\nexpected = ["a"]',
        "phrases": 'check = "in_text"\narticle = "yomiuri-2024-04-06"',
        "number": 'check = "close_to"\nexpected = 1\ntolerance = 0.5',
        "text": 'check = "equals"\nexpected = ["a", "b"]\nnormalise = "spacing"',
        "dataframe": 'check = "values"\nexpected = { a = [1, 2], b = ["x", "y"] }',
        "chart": 'check = "bars"\nheights = [1, 2]\nlabels = ["a", "b"]',
    }
    cells = []
    for number, (kind, check) in enumerate(settings.items(), start=1):
        cells.append(
            raw(
                f'# BEGIN QUESTION\nname = "q{number}"\nkind = "{kind}"\npoints = 1\n'
                f"[[hidden]]\n{check}"
            )
        )
        cells.append(code(f"q{number} = None  # SOLUTION"))
    exercise = load_exercise(write(tmp_path, cells))
    assert [q.kind for q in exercise.questions] == list(settings)


@pytest.mark.parametrize(
    "cells, suggestion",
    [
        ([raw(QUESTION), code("q1 = 22  # SOLUTION"), raw("# END QUESTOIN")], "# END QUESTION"),
        ([raw(QUESTION), code("# BEGIN SOLUTON\nq1 = 22\n# END SOLUTION")], "# BEGIN SOLUTION"),
    ],
)
def test_a_misspelt_marker_is_refused_with_a_suggestion(tmp_path, cells, suggestion):
    with pytest.raises(ExerciseFormatError, match=f"Did you mean '{suggestion}'"):
        load_exercise(write(tmp_path, cells))


def test_a_solution_without_its_end_marker_is_warned_about(tmp_path):
    from kit.errors import KitWarning

    path = write(tmp_path, [raw(QUESTION), code("# BEGIN SOLUTION\nq1 = 22")])
    with pytest.warns(KitWarning, match="has no `# END SOLUTION`"):
        load_exercise(path)


def test_ordinary_comments_are_not_markers(tmp_path):
    cells = [raw(QUESTION), code("# End of the setup\n# BEGINNERS: read this\nq1 = 22  # SOLUTION")]
    assert load_exercise(write(tmp_path, cells)).question("q1").solution.endswith("q1 = 22")
