"""Every notebook runs from top to bottom, and is committed without outputs."""

import json

import pytest
from conftest import ARTICLES, REPO
from notebook_runner import (
    all_notebooks,
    parameters_cell_index,
    rerun_with_mistyped_text,
    run_notebook,
)

NOTEBOOKS = all_notebooks(REPO)
LESSONS = [path for path in NOTEBOOKS if path.parent == REPO / "notebooks"]


def _name(path):
    return str(path.relative_to(REPO))


def test_there_is_a_start_page():
    assert REPO / "notebooks" / "00_start_here.ipynb" in NOTEBOOKS


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_name)
def test_notebook_runs_without_errors(path):
    notebook = run_notebook(path)
    errors = [
        output
        for cell in notebook.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert not errors


@pytest.mark.notebook
@pytest.mark.parametrize("path", LESSONS, ids=_name)
def test_lesson_runs_on_another_article(path):
    """Now you try: the same lesson on an article without meta.toml or source line."""
    other = ARTICLES / "oakridge-library-oped"
    notebook = run_notebook(path, parameters={"TEXT": str(other)})
    shown = json.dumps([cell.get("outputs", []) for cell in notebook.cells])
    assert "Oakridge" in shown  # it really read the other article
    assert "yomiuri" not in shown.lower().replace("yomiuri-2024-04-06", "")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_name)
def test_notebook_is_committed_without_outputs(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{_name(path)} holds outputs: clear them"
            assert cell.get("execution_count") is None, f"{_name(path)} has execution counts"


@pytest.mark.parametrize("path", LESSONS, ids=_name)
def test_lesson_has_a_parameters_cell_naming_its_text(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    index = parameters_cell_index(notebook)
    assert index is not None, "tag one cell 'parameters' (papermill convention)"
    assert "TEXT" in "".join(notebook["cells"][index]["source"])


@pytest.mark.notebook
@pytest.mark.parametrize("path", LESSONS, ids=_name)
def test_after_a_mistyped_text_no_cell_shows_the_previous_article(path):
    """Run All again after a typo in TEXT: no cell below the failed load shows the old text."""
    notebook = rerun_with_mistyped_text(path, 'TEXT = "yomiuri-2024-04-60"')
    load_cell = next(i for i, c in enumerate(notebook.cells) if "kit.load(TEXT)" in c.source)
    (error,) = notebook.cells[load_cell].outputs
    assert "Did you mean 'yomiuri-2024-04-06'" in error.traceback[0]
    for cell in notebook.cells[load_cell + 1 :]:
        if cell.cell_type == "code" and "kit.texts()" not in cell.source:
            shown = json.dumps([o for o in cell.outputs if o.output_type != "error"])
            stale = [word for word in SEED_WORDS if word in shown]
            assert not stale, f"stale output {stale} under: {cell.source[:40]!r}"


# Words of the seed editorial that no output may show once TEXT names no text.
SEED_WORDS = ("Moscow", "Pyongyang", "Russia", "yomiuri", "Yomiuri", "veto")
