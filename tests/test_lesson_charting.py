"""Lesson 03 says what a text lacks (a timeline, an expert key) instead of failing."""

import json

import pytest
from conftest import ARTICLES, REPO
from notebook_runner import run_notebook

LESSON = REPO / "notebooks" / "03_charting.ipynb"


def _printed(notebook) -> str:
    return json.dumps([output for cell in notebook.cells for output in cell.get("outputs", [])])


@pytest.mark.notebook
def test_lesson_03_on_a_text_without_timeline_or_key_says_what_is_missing():
    notebook = run_notebook(LESSON, parameters={"TEXT": str(ARTICLES / "oakridge-library-oped")})
    shown = _printed(notebook)
    assert "This text has no timeline.csv" in shown
    assert "date,event,source" in shown  # how to write one
    assert "no expert key" in shown
    assert shown.count("image/png") >= 8  # the charts that need neither are drawn


@pytest.mark.notebook
def test_lesson_03_on_the_seed_draws_every_chart_and_saves_one():
    notebook = run_notebook(LESSON)
    shown = _printed(notebook)
    assert "has no timeline.csv" not in shown and "no expert key" not in shown
    assert (
        "Saved: charts/yomiuri-2024-04-06-stance.png, charts/yomiuri-2024-04-06-stance.svg" in shown
    )
    assert "Alt text: Bar chart: hedges, boosters and attitude words per 100 words" in shown
    assert "Still truncated" in shown  # the misleading versions are shown before the fixes


REVIEW = REPO / "tests" / "data" / "review"


@pytest.mark.notebook
def test_lesson_03_on_a_tiny_text_without_markers_says_there_is_nothing():
    notebook = run_notebook(LESSON, parameters={"TEXT": str(REVIEW / "tiny-bridge-note")})
    shown = _printed(notebook)
    assert "ChartError" not in shown and "Traceback" not in shown
    assert "Most hedges" not in shown  # there are none
    assert "no hedges" in shown and "no attitude words" in shown
    assert "Fixed:" not in shown  # nothing was fixed yet
    assert "Still truncated" in shown


@pytest.mark.notebook
def test_lesson_03_on_a_long_unseen_op_ed_runs_and_says_ties_as_ties():
    notebook = run_notebook(LESSON, parameters={"TEXT": str(REVIEW / "arctic-fisheries-oped")})
    shown = _printed(notebook)
    assert "Traceback" not in shown
    assert "Still truncated" in shown and "Fixed:" not in shown
    assert "charts/arctic-fisheries-oped-stance.png" in shown
    assert "a tie between paragraphs 4 and 7" in shown  # hedges: 2 each
    assert "Paragraphs shown: 4, 6, 12 (3 of the text's 12)" in shown


def test_lesson_03_says_what_a_word_is_and_saves_under_the_texts_name():
    import nbformat

    notebook = nbformat.read(LESSON, as_version=4)
    source = "\n".join(cell.source for cell in notebook.cells)
    assert "doc.words" in source and "punctuation does not" in source
    assert 'f"charts/{doc.slug}-stance"' in source
