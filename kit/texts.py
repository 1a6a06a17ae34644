"""Find the texts to study and load one as a ``Document``.

A text is a folder in the seeds folder holding ``text.txt`` (and optionally
``meta.toml``). The seeds folder is ``seeds/`` in the kit's repository, or the
folder named by the ``KIT_SEEDS`` environment variable.

>>> "yomiuri-2024-04-06" in texts()
True
>>> doc = load("yomiuri-2024-04-06")
>>> len(doc.paragraphs), len(doc.sentences)
(13, 22)
"""

from __future__ import annotations

import os
from pathlib import Path

from ._decoding import decode_text
from ._metadata import read_meta
from .document import Document
from .errors import ArgumentError, KitError, TextFormatError, TextNotFoundError

TEXT_FILE = "text.txt"
META_FILE = "meta.toml"
_REPOSITORY_SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_LARGEST_ARTICLE = 2_000_000  # bytes; a long feature is ~100 KB


def seeds_folder() -> Path:
    """The folder holding one sub-folder per text (``KIT_SEEDS`` or ``seeds/``)."""
    chosen = os.environ.get("KIT_SEEDS")
    if chosen:
        folder = Path(chosen).expanduser()
        if not folder.is_dir():
            raise TextNotFoundError(
                f"KIT_SEEDS is set to {chosen!r}, which is not a folder. Point it at "
                "the folder that holds your texts (one sub-folder per text, each with "
                "a text.txt), or unset it to use the kit's own seeds/ folder."
            )
        return folder
    if not _REPOSITORY_SEEDS.is_dir():
        raise TextNotFoundError(
            f"The kit's seeds folder is missing ({_REPOSITORY_SEEDS}). Set KIT_SEEDS "
            "to the folder that holds your texts, or load a file by its path."
        )
    return _REPOSITORY_SEEDS


def texts() -> list[str]:
    """The names (slugs) of the texts in the seeds folder, sorted.

    >>> texts()[:1]
    ['yomiuri-2024-04-06']
    """
    folder = seeds_folder()
    return sorted(child.name for child in folder.iterdir() if (child / TEXT_FILE).is_file())


def load(text: str | os.PathLike | Document) -> Document:
    """Load a text by its name in the seeds folder, or from a folder or ``.txt`` path.

    >>> load("yomiuri-2024-04-06").outlet
    'The Yomiuri Shimbun'
    """
    if isinstance(text, Document):
        return text
    if not isinstance(text, (str, os.PathLike)):
        raise ArgumentError(
            "kit.load() takes the name of a text (see kit.texts()) or the path of "
            f"a text folder or .txt file, not {type(text).__name__}."
        )
    if isinstance(text, str) and _is_slug(text):
        folder = seeds_folder() / text
        if (folder / TEXT_FILE).is_file():
            return _load_folder(folder)
    path = Path(text).expanduser()
    if path.is_dir():
        return _load_folder(path)
    if path.is_file() and path.name == TEXT_FILE:
        return _load_folder(path.parent)  # its meta.toml and name come with it
    if path.is_file():
        return _load_file(path, slug=path.stem, meta_path=None)
    raise TextNotFoundError(_not_found_message(str(text)))


def _is_slug(name: str) -> bool:
    return bool(name) and "/" not in name and "\\" not in name and name not in (".", "..")


def _load_folder(folder: Path) -> Document:
    text_path = folder / TEXT_FILE
    if not text_path.is_file():
        others = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
        inside = ", ".join(others[:10]) if others else "nothing"
        raise TextNotFoundError(
            f"The folder {folder} has no {TEXT_FILE} (it holds: {inside}). Save the "
            f"article as {TEXT_FILE} in that folder, or pass the path of the .txt file."
        )
    meta_path = folder / META_FILE
    return _load_file(text_path, slug=folder.name, meta_path=meta_path)


def _load_file(path: Path, *, slug: str, meta_path: Path | None) -> Document:
    try:
        size = path.stat().st_size
        if size > _LARGEST_ARTICLE:
            raise TextFormatError(
                f"{path} is {size / 1e6:.1f} MB: far longer than an article. Check "
                "that this is the right file, or cut it down to the article alone."
            )
        data = path.read_bytes()
    except OSError as error:
        raise KitError(f"Could not read {path}: {error.strerror}.") from None
    text, encoding = decode_text(data, path)
    meta = read_meta(meta_path) if meta_path and meta_path.is_file() else {}
    return Document(text, slug=slug, path=path, meta=meta, encoding=encoding)


def _not_found_message(name: str) -> str:
    try:
        available = texts()
    except TextNotFoundError:
        available = []
    listed = ", ".join(repr(slug) for slug in available) or "none"
    return (
        f"There is no text called {name!r}, and no file or folder at that path "
        f"(looked in {_seeds_folder_or_none() or 'no seeds folder'} and in {Path.cwd()}). "
        f"Available texts: {listed}. To load your own article, give the path of its "
        "folder or .txt file, e.g. kit.load('my_article.txt')."
    )


def _seeds_folder_or_none() -> Path | None:
    try:
        return seeds_folder()
    except TextNotFoundError:
        return None
