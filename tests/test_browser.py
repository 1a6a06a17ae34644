"""The notebooks in a real browser: JupyterLab in headless Chromium, clicked as a student would.

Slow (each starts JupyterLab and a kernel); skipped without Chromium unless
KIT_REQUIRE_BROWSER=1. Run only these with: make test PYTEST_ARGS="-m browser".
"""

import pytest
from browser_lab import Lab, chromium, expect
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
