"""In notebooks, a kit error shows as its message, without a traceback."""

import nbformat
from nbclient import NotebookClient


def _run_cells(*sources):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=True).execute()
    return [cell.outputs for cell in notebook.cells]


def test_in_a_kernel_a_kit_error_is_its_message_and_other_errors_keep_their_traceback():
    kit_error, other_error = _run_cells("import kit\nkit.load('no-such-text')", "1 / 0")
    (error,) = kit_error
    assert error.output_type == "error" and error.ename == "TextNotFoundError"
    assert len(error.traceback) == 1
    assert "There is no text called 'no-such-text'" in error.traceback[0]
    assert "Available texts: 'yomiuri-2024-04-06'" in error.traceback[0]
    (error,) = other_error
    assert error.ename == "ZeroDivisionError" and len(error.traceback) > 1
