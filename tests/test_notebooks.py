"""Every notebook runs from top to bottom, and is committed without outputs."""

import json

import pytest
from conftest import ARTICLES, REPO
from notebook_runner import all_notebooks, parameters_cell_index, run_notebook

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
def test_after_a_mistyped_text_no_cell_shows_the_previous_article():
    """Run All again after a typo in TEXT: cells that use `doc` fail, none shows stale data."""
    import nbformat
    from nbclient import NotebookClient

    path = REPO / "notebooks" / "00_start_here.ipynb"
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
        notebook.cells[parameters_cell_index(notebook)].source = 'TEXT = "yomiuri-2024-04-60"'
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
    load_cell = next(i for i, c in enumerate(notebook.cells) if "kit.load(TEXT)" in c.source)
    (error,) = notebook.cells[load_cell].outputs
    assert "Did you mean 'yomiuri-2024-04-06'" in error.traceback[0]
    for cell in notebook.cells[load_cell + 1 :]:
        if cell.cell_type == "code" and "doc" in cell.source:
            kinds = {output.output_type for output in cell.outputs}
            assert kinds == {"error"}, f"stale output under: {cell.source[:40]!r}"
