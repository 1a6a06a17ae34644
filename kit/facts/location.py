"""Where a text's fact sheet lives: ``facts.csv`` beside its ``text.txt``.

A text given as a lone file, ``my_article.txt``, has its sheet beside it as
``my_article.facts.csv``.

>>> import kit
>>> fact_sheet_path(kit.load("yomiuri-2024-04-06")).name
'facts.csv'
>>> fact_sheet_path(kit.Document.from_string("Veto\\n\\nRussia vetoed.")) is None
True
"""

from __future__ import annotations

from pathlib import Path

from .._material import material_path

FILE_NAME = "facts.csv"


def fact_sheet_path(doc) -> Path | None:
    """The path of ``doc``'s fact sheet (it may not exist), or None for a text made in memory.

    ``facts.csv`` beside a ``text.txt`` in its own folder; for a lone file such as
    ``my_article.txt``, ``my_article.facts.csv`` beside it (a plain ``facts.csv``
    there could belong to any of the folder's texts).
    """
    return material_path(doc, FILE_NAME, lone_prefix=True)
