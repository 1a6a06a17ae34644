"""Where a text's fact sheet lives: ``facts.csv`` beside its ``text.txt``.

>>> import kit
>>> fact_sheet_path(kit.load("yomiuri-2024-04-06")).name
'facts.csv'
>>> fact_sheet_path(kit.Document.from_string("Veto\\n\\nRussia vetoed.")) is None
True
"""

from __future__ import annotations

from pathlib import Path

FILE_NAME = "facts.csv"


def fact_sheet_path(doc) -> Path | None:
    """The path of ``doc``'s fact sheet (it may not exist), or None for a loose text.

    A text given as a lone ``.txt`` file (not ``text.txt`` in its own folder) has
    no fact sheet of its own: the files beside it belong to other texts.
    """
    if doc.path is None:
        return None
    path = Path(doc.path)
    if path.is_dir():
        return path / FILE_NAME
    if path.name != "text.txt":
        return None
    return path.parent / FILE_NAME
