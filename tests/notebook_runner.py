"""Execute a notebook the way a student would: a fresh kernel, top to bottom.

Parameters are injected papermill-style: a cell assigning them is inserted
right after the cell tagged ``parameters``. The notebook runs in a temporary copy
of its folder, so what it saves (a student's annotation file, say) never touches
the repository.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

CELL_TIMEOUT = 180  # seconds; a cell that takes longer is stuck


def run_notebook(path: Path, parameters: dict | None = None):
    """Run ``path`` in its own folder and return the executed notebook."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    if parameters:
        index = parameters_cell_index(notebook)
        assert index is not None, f"{path.name} has no cell tagged 'parameters'"
        source = "\n".join(f"{name} = {value!r}" for name, value in parameters.items())
        injected = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
        notebook.cells.insert(index + 1, injected)
    with _client_in_a_copy(path, notebook) as client:
        client.execute()
    return notebook


def rerun_with_mistyped_text(path: Path, parameters_source: str):
    """Run All, then change the parameters cell and Run All again in the same kernel,
    as a student who mistyped TEXT would; errors are kept in the outputs."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    with _client_in_a_copy(path, notebook, allow_errors=True) as client, client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
        notebook.cells[parameters_cell_index(notebook)].source = parameters_source
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
    return notebook


@contextlib.contextmanager
def _client_in_a_copy(path: Path, notebook, **options):
    """A notebook client whose working folder is a temporary copy of ``path``'s folder."""
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory(prefix="kit-notebook-") as scratch:
        folder = Path(scratch) / path.parent.name
        shutil.copytree(path.parent, folder, ignore=_not_copied)
        yield NotebookClient(
            notebook,
            timeout=CELL_TIMEOUT,
            kernel_name="python3",
            resources={"metadata": {"path": str(folder)}},
            **options,
        )


def _not_copied(folder, names):
    # Sources with solutions stay behind: a student notebook never needs them.
    return [n for n in names if n in (".ipynb_checkpoints", "source", "__pycache__")]


def parameters_cell_index(notebook) -> int | None:
    for index, cell in enumerate(notebook["cells"]):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return index
    return None


def all_notebooks(repo: Path) -> list[Path]:
    found = []
    for folder in ("notebooks", "exercises"):
        found += [
            path
            for path in sorted((repo / folder).rglob("*.ipynb"))
            if ".ipynb_checkpoints" not in path.parts
        ]
    return found
