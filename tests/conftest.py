"""Shared test setup: no NLTK data anywhere, and helpers to write test texts."""

import os
import tempfile
from pathlib import Path

import pytest

# The kit must work in an offline classroom with no NLTK data downloaded:
# point NLTK at an empty folder before anything imports it (kernels started
# by the notebook tests inherit this too), and forbid downloads.
_EMPTY_NLTK_DATA = tempfile.mkdtemp(prefix="kit-empty-nltk-data-")
os.environ["NLTK_DATA"] = _EMPTY_NLTK_DATA

import nltk  # noqa: E402

nltk.data.path[:] = [_EMPTY_NLTK_DATA]


def _no_download(*args, **kwargs):
    raise AssertionError("The kit must never call nltk.download().")


nltk.download = _no_download

REPO = Path(__file__).resolve().parent.parent
SEED = "yomiuri-2024-04-06"
SEED_FOLDER = REPO / "seeds" / SEED
SHARED_SEED = REPO.parent / "shared" / "seeds" / "yomiuri-2024-04-06-editorial.txt"
ARTICLES = REPO / "tests" / "data" / "articles"


@pytest.fixture(autouse=True)
def _own_seeds_folder(monkeypatch):
    """Tests see the repository's seeds unless they set KIT_SEEDS themselves."""
    monkeypatch.delenv("KIT_SEEDS", raising=False)


@pytest.fixture
def write_text(tmp_path):
    """Write ``content`` (str or bytes) to ``tmp_path/folder/name``; return the path."""

    def write(content, name="text.txt", folder="article"):
        target = tmp_path / folder
        target.mkdir(parents=True, exist_ok=True)
        path = target / name
        if isinstance(content, str):
            path.write_bytes(content.encode("utf-8"))
        else:
            path.write_bytes(content)
        return path

    return write
