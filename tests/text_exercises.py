"""A small exercise source that runs on any text, written cell by cell (for the tests of
``texts = [...]``, ``from_solution = true`` and ``--text``)."""

from __future__ import annotations

import json
from pathlib import Path

SEED = "yomiuri-2024-04-06"
OTHER = Path(__file__).parent / "data" / "articles" / "oakridge-library-oped"

SETUP = "import kit\n\ndoc = kit.load(TEXT)"
COUNT = "q1 = len(doc.sentences)  # SOLUTION"
OUTLET = "q2 = doc.outlet if doc.slug == 'yomiuri-2024-04-06' else ''  # SOLUTION"
TABLE = (
    "# BEGIN SOLUTION\n"
    'q3 = doc.sentences.groupby("paragraph").size().reset_index(name="sentences")\n'
    "# END SOLUTION"
)


def cell(kind: str, text: str, *, tags=(), identifier=None) -> dict:
    """One notebook cell."""
    data = {"cell_type": kind, "metadata": {}, "source": text.splitlines(keepends=True)}
    if tags:
        data["metadata"]["tags"] = list(tags)
    if identifier:
        data["id"] = identifier
    if kind == "code":
        data.update(execution_count=None, outputs=[])
    return data


def any_text_source(
    folder: Path,
    *,
    name: str = "ex90_anytext",
    count: str = COUNT,
    outlet: str = OUTLET,
    table: str = TABLE,
    setup: str = SETUP,
    text: str = SEED,
    extra_settings: str = "",
    q1_public: str = 'check = "whole"',
    q3_public: str = "",
) -> Path:
    """Write the source ``<folder>/exercises/source/<name>.ipynb``; return its path.

    q1 (number, 2 points): the sentences, its hidden check from the solution; q2 (text): the
    outlet, about the seed only (``texts``); q3 (dataframe): sentences per paragraph, its hidden
    ``values`` check from the solution.
    """
    cells = [
        cell("markdown", "# Practice on any text"),
        cell("code", f'TEXT = "{text}"', tags=["parameters"], identifier="parameters"),
        cell("code", setup, identifier="setup"),
        cell(
            "raw",
            '# BEGIN QUESTION\nname = "q1"\nkind = "number"\npoints = 2\n\n'
            f"[[public]]\n{q1_public}\n\n"
            '[[hidden]]\ncheck = "close_to"\nfrom_solution = true\ntolerance = 0\n'
            'message = "Count the rows of doc.sentences."\n' + extra_settings,
            identifier="q1-settings",
        ),
        cell("markdown", "**Question 1.** How many sentences does the text have?"),
        cell("code", count, identifier="q1-answer"),
        cell(
            "raw",
            '# BEGIN QUESTION\nname = "q2"\nkind = "text"\npoints = 1\n'
            f'texts = ["{SEED}"]\n\n'
            '[[hidden]]\ncheck = "equals"\nexpected = "The Yomiuri Shimbun"\n',
            identifier="q2-settings",
        ),
        cell("markdown", "**Question 2.** Which newspaper published the editorial?"),
        cell("code", outlet, identifier="q2-answer"),
        cell(
            "raw",
            '# BEGIN QUESTION\nname = "q3"\nkind = "dataframe"\npoints = 1\n\n'
            '[[public]]\ncheck = "columns"\nnames = ["paragraph", "sentences"]\n\n'
            + (f"[[public]]\n{q3_public}\n\n" if q3_public else "")
            + '[[hidden]]\ncheck = "values"\nfrom_solution = true\n'
            'columns = ["paragraph", "sentences"]\n',
            identifier="q3-settings",
        ),
        cell("markdown", "**Question 3.** How many sentences does each paragraph have?"),
        cell("code", table, identifier="q3-answer"),
        cell("raw", "# END QUESTION", identifier="end"),
    ]
    notebook = {
        "cells": cells,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = folder / "exercises" / "source" / f"{name}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return path
