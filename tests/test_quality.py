"""Quality gates: lint and format, a light `import kit`, a documented public API."""

import inspect
import json
import os
import subprocess
import sys

import pytest
from conftest import REPO

import kit

RUFF = [sys.executable, "-m", "ruff"]


def test_ruff_lint_is_clean():
    result = subprocess.run([*RUFF, "check", "."], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean():
    result = subprocess.run(
        [*RUFF, "format", "--check", "."], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, "run `make format`:\n" + result.stdout + result.stderr


def test_import_kit_stays_light():
    """No nbformat, matplotlib, pandas or nltk until a feature needs them."""
    code = (
        "import sys, kit; heavy = ['nbformat', 'matplotlib', 'pandas', 'nltk', 'ipywidgets'];"
        "print([m for m in heavy if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_kit_works_with_no_nltk_data_at_all(tmp_path):
    """In a fresh process whose NLTK may look only in an empty folder."""
    code = (
        "import nltk; nltk.data.path[:] = [sys.argv[1]];"
        "nltk.download = lambda *a, **k: sys.exit('nltk.download() was called');"
        "import kit; doc = kit.load('yomiuri-2024-04-06');"
        "print(len(doc.paragraphs), len(doc.sentences), len(doc.tokens))"
    )
    env = {**os.environ, "NLTK_DATA": str(tmp_path), "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", "import sys;" + code, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["13", "22"]


def test_nothing_calls_nltk_download():
    for path in [*REPO.glob("kit/**/*.py"), *REPO.glob("notebooks/**/*.ipynb")]:
        assert "nltk.download" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("name", kit.__all__)
def test_public_names_have_docstrings(name):
    assert inspect.getdoc(getattr(kit, name)), f"kit.{name} needs a docstring"


def test_public_functions_show_an_example():
    for name in kit.__all__:
        obj = getattr(kit, name)
        if inspect.isfunction(obj):
            assert ">>>" in inspect.getdoc(obj) or ">>>" in inspect.getdoc(inspect.getmodule(obj))


def test_the_package_docstring_is_a_runnable_example():
    assert ">>> import kit" in kit.__doc__


def test_environment_yml_installs_the_package_declared_once():
    text = (REPO / "environment.yml").read_text()
    assert "conda-forge" in text and "python=3.11" in text and "- -e ." in text
    for package in ("pandas", "nltk", "jupyterlab", "matplotlib"):
        assert package not in text, f"{package} is declared in pyproject.toml, not here"


def test_readme_gives_the_two_commands_first():
    readme = (REPO / "README.md").read_text()
    assert readme.index("make lab") < readme.index("environment.yml")
    assert readme.index("make test") < readme.index("environment.yml")


def test_seed_meta_toml_is_complete():
    import tomllib

    meta = tomllib.loads((REPO / "seeds/yomiuri-2024-04-06/meta.toml").read_text())
    assert {"outlet", "date", "genre", "language", "rights"} <= meta.keys()
    assert meta["genre"] == "editorial" and meta["language"] == "en"


def test_notebook_json_is_valid_nbformat():
    import nbformat

    for path in REPO.glob("notebooks/**/*.ipynb"):
        nbformat.validate(nbformat.read(path, as_version=4))
        json.loads(path.read_text(encoding="utf-8"))
