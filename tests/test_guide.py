"""The instructor guide: its committed web page is current and offline, its handout is current,
and the Binder badge points at the one declared repository."""

import datetime as dt
import html
import json
import re
import sys
import tomllib
from html.parser import HTMLParser

import pytest
from conftest import ARTICLES, REPO, SEED
from notebook_runner import run_notebook
from test_notebooks import LESSONS, NOTEBOOKS

import kit

FOLDER = REPO / "notebooks" / "instructor"
GUIDE = FOLDER / "guide.ipynb"
PAGE = FOLDER / "guide.html"
HANDOUT = FOLDER / "handout.html"


class _Blocks(HTMLParser):
    """The text of each heading, paragraph, list item and table cell of a page, in order."""

    BLOCKS = frozenset({"h1", "h2", "h3", "h4", "p", "li", "td", "th", "pre"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self._open, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._open.append([tag, ""])
        if tag in ("script", "style") or ("class", "anchor-link") in attrs:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "a") and self._skip:
            self._skip -= 1
        if tag in self.BLOCKS and self._open:
            _, text = self._open.pop()
            self.blocks.append(_plain(text))
            if self._open:  # a list item's text is part of its enclosing block too
                self._open[-1][1] += text

    def handle_data(self, data):
        if not self._skip and self._open:
            self._open[-1][1] += data


def _plain(text: str) -> str:
    return " ".join(text.split())


def _page_text(page: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    body = re.sub(r'<a class="anchor-link"[^>]*>.*?</a>', " ", body, flags=re.S)
    body = re.sub(r"</?(?:p|h\d|li|t[dhr]|div|pre|br|ul|ol|table)\b[^>]*>", " ", body)
    return _plain(html.unescape(re.sub(r"<[^>]+>", "", body)))  # inline tags join their words


def _markdown_blocks(source: str) -> list[str]:
    from nbconvert.filters import markdown2html

    parser = _Blocks()
    parser.feed(markdown2html(source))
    return [block for block in parser.blocks if block]


def _external_resources(page: str) -> list[str]:
    """What a browser would fetch from the network: scripts, styles, images, frames, fonts."""
    found = re.findall(r'<(?:script|img|iframe|source|embed)\b[^>]*\bsrc="(https?:[^"]*)"', page)
    found += re.findall(r'<link\b[^>]*\bhref="(https?:[^"]*)"', page)
    found += re.findall(r"@import\s+(?:url\()?['\"]?(https?:[^'\")\s]*)", page)
    found += re.findall(r"url\(['\"]?(https?:[^'\")]*)", page)
    found += re.findall(r"""\bimport\s*\(?\s*['"](https?:[^'"]*)""", page)  # ES modules
    return found


@pytest.fixture(scope="module")
def notebook():
    return json.loads(GUIDE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page():
    return PAGE.read_text(encoding="utf-8")


def test_the_guide_is_executed_by_the_suite_but_is_not_a_student_lesson():
    assert GUIDE in NOTEBOOKS and GUIDE not in LESSONS


def test_the_committed_page_has_every_heading_paragraph_and_cell_of_the_notebook(notebook, page):
    text = _page_text(page)
    missing = []
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            missing += [block for block in _markdown_blocks(source) if block not in text]
        elif _plain(source) not in text:
            missing.append(source[:60])
    assert not missing, f"guide.html is stale (run `make guide`); not in it: {missing[:3]}"


def test_the_committed_page_shows_the_outputs_of_a_run(page):
    text = _page_text(page)
    assert "Krippendorff's alpha" in text  # the disputed sentences were computed
    assert "Verdict: attribution wrong" in text and "SC/14911" in text  # the traced claims
    assert "Wrote handout.html" in text


def test_the_page_loads_nothing_from_the_network(page):
    assert _external_resources(page) == []
    assert "<script src=" not in page and "mathjax" not in page.lower()


def test_the_offline_template_keeps_cdn_scripts_out_of_any_rendered_notebook(tmp_path):
    import nbformat

    sys.path.insert(0, str(REPO / "tools"))
    from render_guide import render

    source = tmp_path / "tiny.ipynb"
    nbformat.write(
        nbformat.v4.new_notebook(
            cells=[
                nbformat.v4.new_markdown_cell(
                    "# Tiny\n\nSome $x^2$ maths and a [link](https://example.org)."
                ),
                nbformat.v4.new_code_cell("print(6 * 7)"),
            ]
        ),
        source,
    )
    page = render(source).read_text(encoding="utf-8")
    assert "42" in page and "Tiny" in page and 'href="https://example.org"' in page
    assert _external_resources(page) == []


def test_the_detector_finds_what_the_default_template_loads():
    """The check above can fail: nbconvert's own lab template loads from CDNs."""
    import nbformat
    from nbconvert import HTMLExporter

    default, _ = HTMLExporter(template_name="lab").from_notebook_node(nbformat.v4.new_notebook())
    assert _external_resources(default)


def test_the_committed_handout_is_what_kit_handout_writes_today(tmp_path):
    committed = HANDOUT.read_text(encoding="utf-8")
    printed = re.search(r"Printed on (\d{4}-\d{2}-\d{2})", committed).group(1)
    fresh = kit.handout(SEED, tmp_path / "handout.html", printed=dt.date.fromisoformat(printed))
    assert fresh.read_text(encoding="utf-8") == committed, "stale handout: run `make guide`"


def test_the_readme_links_the_guide_page_notebook_and_handout():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for path in (
        "notebooks/instructor/guide.html",
        "notebooks/instructor/guide.ipynb",
        "notebooks/instructor/handout.html",
    ):
        assert f"({path})" in readme and (REPO / path).is_file()


@pytest.mark.notebook
def test_on_a_text_without_key_or_fact_sheet_the_guide_says_so_and_runs_on(tmp_path):
    other = ARTICLES / "oakridge-library-oped"
    notebook = run_notebook(GUIDE, parameters={"TEXT": str(other)})
    shown = json.dumps([cell.get("outputs", []) for cell in notebook.cells])
    assert "Oakridge" in shown or "library" in shown
    assert "expert key" in shown.lower() and "fact sheet" in shown.lower()
    assert not any(
        o.get("output_type") == "error" for c in notebook.cells for o in c.get("outputs", [])
    )


# -- Binder ----------------------------------------------------------------------------


def _repository():
    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return meta["project"]["urls"]["Repository"]


def test_the_repository_is_declared_once_and_the_binder_badge_matches_it():
    repository = _repository()
    owner_repo = re.fullmatch(r"https://github\.com/([\w.-]+/[\w.-]+)", repository).group(1)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"https://mybinder\.org/v2/gh/([^)\s]+)", readme)
    assert links, "the README has no Binder link"
    badge = re.search(
        r"\[!\[Binder\]\(https://mybinder\.org/badge_logo\.svg\)\]\(([^)]+)\)", readme
    )
    assert badge, "the README has no Binder badge"
    for link in links:
        assert link.startswith(f"{owner_repo}/"), f"Binder link {link} is not for {repository}"
        assert "urlpath=lab%2Ftree%2Fnotebooks%2F00_start_here.ipynb" in link
    assert (REPO / "notebooks" / "00_start_here.ipynb").is_file()


def test_the_readme_says_what_binder_does_not_give():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Binder") :]
    for words in (
        "no saved work between sessions",
        "File → Download",
        "not for graded work",
        "memory",
    ):
        assert words in section


def test_repo2docker_reads_environment_yml_at_the_root_and_installs_the_kit_from_it():
    # repo2docker prefers a binder/ or .binder/ folder over the root: there must be none, or
    # the root environment.yml (which installs the kit) would be ignored.
    assert not (REPO / "binder").exists() and not (REPO / ".binder").exists()
    text = (REPO / "environment.yml").read_text(encoding="utf-8")
    pip = text[text.index("- pip:") :].splitlines()[1:]
    requirements = [
        line.strip() for line in pip if line.strip() and not line.strip().startswith("#")
    ]
    # "-e ." (with extras, "-e .[hub]") is a local requirement by repo2docker's rule (the path
    # after "-e" starts with "."): repo2docker then installs the environment after copying the
    # repository and runs it from the repository's root, where pyproject.toml is.
    assert requirements in (["- -e ."], ["- -e .[hub]"])
    assert (REPO / "pyproject.toml").is_file() and (REPO / "kit" / "__init__.py").is_file()
    assert not (REPO / "Dockerfile").exists(), (
        "a Dockerfile replaces environment.yml in repo2docker"
    )


def _shown(cell) -> str:
    """Everything a code cell printed or displayed, as plain text."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.append(output.get("data", {}).get("text/plain", ""))
    return "".join(parts)


@pytest.mark.notebook
def test_the_lesson_01_markers_list_shows_every_hedge_and_booster_in_full():
    notebook = run_notebook(GUIDE)
    cell = next(c for c in notebook.cells if "kit.markers(doc)" in c.source)
    shown = _shown(cell)
    spans = kit.markers(kit.load(SEED))
    terms = set(spans[spans.category.isin(["hedge", "booster"])].term)
    assert terms and not [term for term in terms if term not in shown]
    assert "..." not in shown  # nothing cut off at pandas' 50 characters


def test_bring_your_own_article_names_the_folder_kit_release_writes_for_a_text():
    from kit.exercises.release import release

    other = ARTICLES / "oakridge-library-oped"
    written = release(["ex01_reading"], text=str(other), check=True)  # writes nothing
    notebook_path = next(p for p in written if p.suffix == ".ipynb")
    assert notebook_path.relative_to(REPO).as_posix() == (
        f"exercises/{other.name}/ex01_reading.ipynb"
    )
    guide = "".join(
        "".join(cell["source"]) for cell in json.loads(GUIDE.read_text(encoding="utf-8"))["cells"]
    )
    example = "daily-news-2024-04-06"  # the guide's example text name
    assert f"kit release --text {example}" in guide
    assert f"exercises/{example}/" in guide
    assert f"--open exercises/{example}/ex01_reading.ipynb" in guide
