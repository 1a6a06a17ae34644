"""The notebooks in a real browser: JupyterLab in headless Chromium, clicked as a student would.

Slow (each starts JupyterLab and a kernel); skipped without Chromium unless
KIT_REQUIRE_BROWSER=1. Run only these with: make test PYTEST_ARGS="-m browser".
"""

import json
import re
import shutil
from pathlib import Path

import pytest
from browser_lab import Lab, alive, chromium, expect
from conftest import REPO, SEED

import kit

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def test_start_page_runs_in_the_browser(browser, tmp_path):
    doc = kit.load(SEED)
    with Lab(REPO / "notebooks", tmp_path, browser) as lab:
        notebook = lab.open("00_start_here.ipynb")
        notebook.run_all()
        assert notebook.errors() == []
        # The reading view: the editorial laid out as a page, headline first, every paragraph.
        article = notebook.outputs(notebook.find(text="doc.show()")).locator("article")
        expect(article.locator("h3")).to_have_text(doc.headline)
        expect(article).to_contain_text(doc.paragraphs.text.iloc[-1][:60])
        expect(article.locator("p span", has_text="¶")).to_have_count(len(doc.paragraphs))
        # A table: doc.paragraphs drawn as an HTML table, one row per paragraph.
        table = notebook.outputs(notebook.find(text="doc.paragraphs")).locator("table")
        expect(table.locator("tbody tr")).to_have_count(len(doc.paragraphs))
        expect(table.locator("thead")).to_contain_text("paragraph")
    # Stopped by its own PID, kernels too: nothing is left running.
    assert lab.server.process.poll() is not None
    assert lab.server.kernels, "a kernel ran"
    assert not [kernel for kernel in lab.server.kernels if alive(kernel)]


LESSONS = sorted((REPO / "notebooks").glob("[0-9]*.ipynb"))


@pytest.mark.parametrize(
    "lesson",
    [path.name for path in LESSONS if path.name != "00_start_here.ipynb"],  # tested above
)
def test_every_lesson_runs_all_in_the_browser(browser, tmp_path, lesson):
    """Run All as a student would: no error, and every widget and table is drawn."""
    with Lab(REPO / "notebooks", tmp_path, browser) as lab:
        for saved in lab.root.glob("*.json"):
            saved.unlink()  # start as a new student would, whatever was saved in notebooks/
        notebook = lab.open(lesson)
        notebook.run_all()
        assert notebook.errors() == []
        outputs = lab.page.locator(".jp-OutputArea-output")
        assert outputs.count() > 0
        # A widget the page cannot draw shows one of these instead.
        expect(outputs.filter(has_text="Error displaying widget")).to_have_count(0)
        expect(outputs.filter(has_text="Loading widget...")).to_have_count(0)
        assert not [line for line in lab.console if "widget" in line.lower()], lab.console


def label_button(app, name):
    """The annotator's button for the label called ``name`` (exactly)."""
    return app.locator(".kit-label-button", has_text=re.compile(rf"^\s*{re.escape(name)}\s*$"))


def _labels_on_disk(path):
    """{sentence_id: label} as saved in the annotator's JSON file."""
    record = json.loads(path.read_text(encoding="utf-8"))
    return {entry["sentence_id"]: entry["label"] for entry in record["labels"]}


def test_annotator_saves_each_click_in_the_lesson(browser, tmp_path):
    """Lesson 02 in the browser: a label click and a note are saved at once, Next moves on,
    and running the cell again resumes."""
    sentences = len(kit.load(SEED).sentences)
    with Lab(REPO / "notebooks", tmp_path, browser) as lab:
        saved = lab.root / f"{SEED}.claims.json"
        saved.unlink(missing_ok=True)  # a student's own file in notebooks/ must not leak in
        notebook = lab.open("02_annotating.ipynb")
        cell = notebook.run_up_to(tag="annotator")
        assert notebook.errors() == []

        app = notebook.outputs(cell).locator(".kit-annotator")
        progress = app.locator(".kit-progress")
        expect(progress).to_have_text(f"0 of {sentences} labelled")
        expect(app).to_contain_text(f"Sentence 1 of {sentences}")
        assert saved.is_file(), "the annotator saves its (empty) file beside the notebook"
        before = saved.read_bytes()
        assert _labels_on_disk(saved) == {}

        label_button(app, "Opinion").click()
        expect(progress).to_have_text(f"1 of {sentences} labelled")
        expect(app.locator(".kit-label-button.mod-success")).to_have_text("Opinion")
        assert saved.read_bytes() != before
        assert _labels_on_disk(saved) == {1: "opinion"}

        # The note box sends its text when the student leaves it; it is saved then.
        note = "calls the move dangerous"
        app.locator(".kit-note textarea").fill(note)
        app.locator(".kit-note textarea").press("Tab")
        expect(app).to_contain_text("Note saved")
        assert json.loads(saved.read_text(encoding="utf-8"))["labels"][0]["note"] == note

        app.locator(".kit-next").click()
        expect(app).to_contain_text(f"Sentence 2 of {sentences}")
        expect(app.locator(".kit-label-button.mod-success")).to_have_count(0)
        label_button(app, "Fact").click()
        expect(progress).to_have_text(f"2 of {sentences} labelled")
        assert _labels_on_disk(saved) == {1: "opinion", 2: "fact"}

        # Nothing is lost: running the cell again makes a new annotator, which resumes at
        # the first sentence not labelled yet (the old one was showing sentence 2).
        notebook.run_cell(tag="annotator")
        again = notebook.outputs(cell).locator(".kit-annotator")
        expect(again).to_have_count(1)
        expect(again).to_contain_text(f"Sentence 3 of {sentences}")
        expect(again.locator(".kit-progress")).to_have_text(f"2 of {sentences} labelled")
        assert _labels_on_disk(saved) == {1: "opinion", 2: "fact"}


def test_a_failure_leaves_a_screenshot_and_the_server_log(browser, tmp_path, capsys):
    with (
        pytest.raises(AssertionError) as failure,
        Lab(REPO / "notebooks", tmp_path, browser) as lab,
    ):
        lab.page.goto(lab.server.url("lab"))
        lab.page.locator(".jp-DirListing-item", has_text="00_start_here").wait_for()
        raise AssertionError("a check failed")
    printed = capsys.readouterr().out
    folder = Path(printed.split("server log): ", 1)[1].split()[0])
    try:
        assert str(folder) in "".join(failure.value.__notes__)
        assert "end of the JupyterLab log" in "".join(failure.value.__notes__)
        assert (folder / "screenshot.png").read_bytes().startswith(b"\x89PNG")
        assert "00_start_here.ipynb" in (folder / "page.html").read_text()
        assert "Jupyter Server" in (folder / "jupyterlab.log").read_text()
    finally:
        shutil.rmtree(folder)
    assert lab.server.process.poll() is not None, "the server stops after a failure too"


def test_technique_phrase_typed_in_the_browser_is_found_and_saved(browser, tmp_path):
    """The span annotator: a typed phrase is found in the sentence; a wrong one is refused."""
    doc = kit.load(SEED)
    first = doc.sentences.text.iloc[0]
    phrase = "dangerous act"
    assert first.count(phrase) == 1, "the test's phrase must be in the seed's first sentence"
    with Lab(REPO / "notebooks", tmp_path, browser) as lab:
        saved = lab.root / f"{SEED}.techniques.json"
        saved.unlink(missing_ok=True)
        notebook = lab.open("02_annotating.ipynb")
        cell = notebook.run_up_to(text='kit.Annotator(doc, scheme="techniques")')
        assert notebook.errors() == []
        app = notebook.outputs(cell).locator(".kit-annotator")
        expect(app).to_contain_text(f"Sentence 1 of {len(doc.sentences)}")
        before = saved.read_bytes()

        app.locator(".kit-phrase input").fill("a phrase that is not there")
        label_button(app, "Loaded language").click()
        expect(app).to_contain_text("is not in sentence 1")
        assert saved.read_bytes() == before, "a refused phrase changes nothing on disk"

        app.locator(".kit-phrase input").fill(phrase)
        label_button(app, "Loaded language").click()
        expect(app.locator(".kit-progress")).to_contain_text("1 phrase marked")
        [entry] = json.loads(saved.read_text(encoding="utf-8"))["labels"]
        assert (entry["sentence_id"], entry["label"]) == (1, "loaded_language")
        assert doc.text[entry["start"] : entry["end"]] == phrase
