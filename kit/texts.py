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

import difflib
import os
from pathlib import Path

from ._decoding import decode_text
from ._metadata import read_meta
from .document import Document
from .errors import ArgumentError, KitError, TextFormatError, TextNotFoundError, describe

TEXT_FILE = "text.txt"
META_FILE = "meta.toml"
_REPOSITORY_SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_LARGEST_ARTICLE = 2_000_000  # bytes; a long feature is ~100 KB
_HOW_TO_LOAD = (
    "Give the name of a text in the seeds folder (kit.texts() lists them), or the "
    "path of an article's folder or .txt file, e.g. kit.load('my_article.txt')."
)


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
    if isinstance(text, str):
        text = _checked_name(text)
    elif not isinstance(text, os.PathLike):
        raise ArgumentError(
            "kit.load() takes the name of a text (see kit.texts()) or the path of "
            f"a text folder or .txt file, not {describe(text)}."
        )
    try:
        seeds = _seeds_folder_or_none() if isinstance(text, str) and _is_slug(text) else None
        if seeds and (seeds / text).is_dir():
            return _load_folder(seeds / text)
        path = Path(text).expanduser()
        if path.is_dir():
            return _load_folder(path)
        if path.is_file() and path.name == TEXT_FILE:
            return _load_folder(path.parent)  # its meta.toml and name come with it
        if path.is_file():
            return _load_file(path, slug=path.stem, meta_path=None)
    except OSError as error:  # a name too long for a path, a folder we may not read...
        raise TextNotFoundError(
            f"Could not open {str(text)[:80]!r}: {error.strerror}. {_HOW_TO_LOAD}"
        ) from None
    raise TextNotFoundError(_not_found_message(str(text)))


def _checked_name(name: str) -> str:
    """Refuse what is clearly not a name or a path: empty, or an article pasted whole."""
    name = name.strip()
    if not name:
        raise ArgumentError(f"kit.load() got an empty name. {_HOW_TO_LOAD}")
    if "\n" in name or len(name) > 300:
        raise ArgumentError(
            "kit.load() got what looks like the article's text itself. For an article "
            "in a string, use kit.Document.from_string(text); or save it as a .txt "
            f"file and give kit.load() the file's path. {_HOW_TO_LOAD}"
        )
    return name


def _is_slug(name: str) -> bool:
    return bool(name) and "/" not in name and "\\" not in name and name not in (".", "..")


def _load_folder(folder: Path) -> Document:
    text_path = folder / TEXT_FILE
    if not text_path.is_file():
        others = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
        inside = ", ".join(others[:10]) if others else "nothing"
        texts_here = [name for name in others if name.lower().endswith(".txt")]
        hint = (
            f" Rename {texts_here[0]} to {TEXT_FILE}."
            if len(texts_here) == 1
            else f" Save the article as {TEXT_FILE} in that folder."
        )
        raise TextNotFoundError(
            f"The folder {folder} has no {TEXT_FILE} (it holds: {inside}).{hint} "
            "Or give kit.load() the path of the .txt file itself."
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
        where, available = str(seeds_folder()), texts()
    except TextNotFoundError as problem:  # KIT_SEEDS is wrong, or seeds/ is missing
        where, available = f"no seeds folder: {problem}", []
    listed = ", ".join(repr(slug) for slug in available) or "none"
    close = difflib.get_close_matches(name, available, n=1, cutoff=0.6)
    did_you_mean = f" Did you mean {close[0]!r}?" if close else ""
    return (
        f"There is no text called {name!r}.{did_you_mean} Available texts: {listed}. "
        "To load your own article, give the path of its folder or .txt file, e.g. "
        f"kit.load('my_article.txt'). (The kit looked in {where} and in {Path.cwd()}.)"
    )


def _seeds_folder_or_none() -> Path | None:
    try:
        return seeds_folder()
    except TextNotFoundError:
        return None
