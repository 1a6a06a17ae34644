"""Read the code cells of a submitted notebook, whatever shape it arrives in.

Plain ``json`` (no nbformat: it costs seconds to import), so nbformat 4, the old nbformat 3
(``worksheets``, ``input``) and a damaged file all get a clear answer.

>>> import json, tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.ipynb"
>>> _ = path.write_text(json.dumps({"nbformat": 4, "cells": [
...     {"cell_type": "markdown", "source": "# Q1"},
...     {"cell_type": "code", "source": ["x = ", "1"]}]}))
>>> code_cells(path)
['x = 1']
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

MAX_NOTEBOOK_BYTES = 50 * 2**20


class NotebookError(ValueError):
    """The file cannot be read as a notebook; the message says why, for the status column."""


def code_cells(path: Path) -> list[str]:
    """The source of each code cell, in order (nbformat 3 or 4)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_NOTEBOOK_BYTES:
            raise NotebookError(
                f"the notebook is {size // 2**20} MB; the grader reads notebooks up to "
                f"{MAX_NOTEBOOK_BYTES // 2**20} MB (clear its outputs and submit it again)"
            )
        raw = path.read_bytes()
    except OSError as error:
        raise NotebookError(f"the notebook could not be read ({error.strerror})") from error
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise NotebookError("the file is not a notebook (it is not text)") from error
    except (ValueError, RecursionError) as error:
        raise NotebookError(
            "the file is not a valid notebook (its JSON is broken: was it edited by hand "
            "or saved by another program?)"
        ) from error
    if not isinstance(data, dict):
        raise NotebookError("the file is JSON but not a notebook")
    if isinstance(data.get("cells"), list):
        cells = data["cells"]
        key = "source"
    elif isinstance(data.get("worksheets"), list):  # nbformat 3 and older
        cells = [
            cell
            for sheet in data["worksheets"]
            if isinstance(sheet, dict) and isinstance(sheet.get("cells"), list)
            for cell in sheet["cells"]
        ]
        key = "input"
    else:
        raise NotebookError("the file is JSON but has no cells: not a Jupyter notebook")
    sources = []
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get(key, cell.get("source", ""))
        if isinstance(source, list):
            source = "".join(part for part in source if isinstance(part, str))
        if isinstance(source, str):
            sources.append(source)
    return sources


def answer_cells(cells: list[str], variables: list[str]) -> dict[str, list[int]]:
    """For each answer variable, the code cells (numbered from 1) that assign it.

    >>> answer_cells(["q1 = 0", "q1 = 1\\nwhile True: pass", "%time q2 = 2"], ["q1", "q2", "q3"])
    {'q1': [1, 2], 'q2': [3]}
    """
    found: dict[str, list[int]] = {}
    for number, source in enumerate(cells, start=1):
        try:
            names = {
                node.id
                for node in ast.walk(ast.parse(source))
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
            }
        except (SyntaxError, ValueError, RecursionError, MemoryError):  # magics, broken code
            names = {v for v in variables if re.search(rf"\b{re.escape(v)}\s*=(?!=)", source)}
        for variable in variables:
            if variable in names:
                found.setdefault(variable, []).append(number)
    return found
