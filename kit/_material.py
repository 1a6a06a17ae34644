"""Where a text's teaching material lives: files such as ``key_claims.csv`` beside its text.

>>> import kit
>>> material_path(kit.load("yomiuri-2024-04-06"), "facts.csv").name
'facts.csv'
>>> material_path(kit.Document.from_string("Veto\\n\\nRussia vetoed."), "facts.csv") is None
True
>>> [path.name for path in material_files(kit.load("yomiuri-2024-04-06").path)]
['facts.csv', 'key_claims.csv', 'key_techniques.csv', 'timeline.csv']
"""

from __future__ import annotations

from pathlib import Path


def material_path(doc, file_name: str, *, lone_prefix: bool = False) -> Path | None:
    """The path of ``file_name`` for ``doc`` (it may not exist), or None when it has no place.

    In a text's own folder the file sits beside ``text.txt``. A lone file such as
    ``my_article.txt`` shares its folder with other texts, so a plain ``file_name``
    there is not its own: with ``lone_prefix`` the file is ``my_article.<file_name>``,
    otherwise there is none. A text made in memory has none either.
    """
    if doc.path is None:
        return None
    path = Path(doc.path)
    if path.is_dir():
        return path / file_name
    if path.name != "text.txt":
        return path.with_name(f"{path.stem}.{file_name}") if lone_prefix else None
    return path.parent / file_name


# The material files a text may have: its fact sheet, expert keys (key_<scheme>.csv) and timeline.
_FOLDER_MATERIAL = ("facts.csv", "key_*.csv", "timeline.csv")
_LONE_MATERIAL = ("facts.csv",)  # a lone file's material carries its name: my_article.facts.csv


def material_files(text) -> list[Path]:
    """The material files that exist for the text file (or text folder) ``text``: what must
    travel with it when it is copied for a class, or be readable when notebooks are graded on it.
    """
    path = Path(text)
    if path.is_dir():
        path = path / "text.txt"
    if path.name == "text.txt":
        found = [
            match for pattern in _FOLDER_MATERIAL for match in sorted(path.parent.glob(pattern))
        ]
    else:
        found = [path.with_name(f"{path.stem}.{name}") for name in _LONE_MATERIAL]
    return [file for file in found if file.is_file()]
