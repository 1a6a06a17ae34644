"""Lesson 04 on a text that brings its own fact sheet: cards, chart and questions all run."""

import json
import shutil

import pytest
from conftest import ARTICLES, REPO
from notebook_runner import run_notebook

LESSON = REPO / "notebooks" / "04_tracing_claims.ipynb"
SHEET = """claim_id,sentence_id,quote,claim,record,verdict,confidence,sources,kind
hours,6,cuts the library's hours from 52 a week to 30,Hours fall to 30,Budget draft,supported,medium,Town budget draft,
study,15,A 2019 study led by Prof. Daniel K. Ames,A study exists,Not found,not verifiable,low,,
gap,15,2019 study,Other studies disagree,Not mentioned,partly supported,low,Library survey,omission
"""


@pytest.mark.notebook
def test_the_lesson_runs_on_a_text_with_its_own_fact_sheet(tmp_path):
    folder = tmp_path / "oakridge-with-facts"
    shutil.copytree(ARTICLES / "oakridge-library-oped", folder)
    (folder / "facts.csv").write_text(SHEET, encoding="utf-8")
    notebook = run_notebook(LESSON, parameters={"TEXT": str(folder)})
    outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    assert not [output for output in outputs if output["output_type"] == "error"]
    shown = json.dumps(outputs)
    assert "The fact sheet facts.csv holds 3 claims from 2 of the text" in shown
    assert "This text's fact sheet has no claim 'cyber-half'" in shown
    assert any("image/png" in output.get("data", {}) for output in outputs)  # the chart
    assert "This text has a fact sheet (above)" in shown  # no template over a real sheet
    assert not (REPO / "notebooks" / "oakridge-with-facts.facts.csv").exists()


STUDENT = REPO / "tests" / "data" / "student-sheets"


def _run(lesson, text):
    notebook = run_notebook(lesson, parameters={"TEXT": str(text)})
    outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    assert not [output for output in outputs if output["output_type"] == "error"]
    return json.dumps(outputs)


@pytest.mark.notebook
def test_the_lesson_runs_on_a_students_excel_sheet_beside_a_lone_text():
    # The reviewer's op-ed as a lone .txt, with bridge.facts.csv beside it as Excel saves it:
    # semicolons, CRLF, a BOM, the template's `sentence` column, capitals, an empty row.
    shown = _run(LESSON, STUDENT / "bridge.txt")
    assert "The fact sheet bridge.facts.csv holds 8 claims from 8 of the text" in shown
    assert "This text has no expert key" in shown  # and no empty tables that read as "none"
    assert "contradicted" in shown
    assert "image/png" in shown  # the chart
    assert "ParserError" not in shown and "Traceback" not in shown


@pytest.mark.notebook
def test_the_lesson_reads_the_sheet_a_student_started_beside_it(tmp_path):
    # The sheet the lesson wrote (<slug>.facts.csv beside the notebook), filled in with a
    # mistake: every part of the lesson names the line, and nothing crashes.
    lessons = tmp_path / "notebooks"
    lessons.mkdir()
    shutil.copy(LESSON, lessons / LESSON.name)
    shutil.copy(STUDENT / "bridge-false.facts.csv", lessons / "bridge.facts.csv")
    text = tmp_path / "texts" / "bridge.txt"
    text.parent.mkdir()
    shutil.copy(STUDENT / "bridge.txt", text)
    shown = _run(lessons / LESSON.name, text)
    message = "bridge.facts.csv, line 8: the verdict is 'False'"
    assert shown.count(message) == 2  # where the lesson reads it first, and in the last cell
    assert "already here; the kit never writes over it" in shown
    assert "ParserError" not in shown
