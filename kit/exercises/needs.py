"""What a question needs from its text: material beside it such as the fact sheet.

A question with ``needs = ["fact sheet"]`` is about any text that has a fact sheet
(``facts.csv``); on a text without one it is *skipped*, like a question whose ``texts``
do not list the text, with a reason naming what the text lacks.

>>> parse_needs(["fact sheet", "key_claims.csv"], "q3")
('fact sheet', 'claims key')
>>> missing(("fact sheet",), "seeds/nowhere/text.txt")
('fact sheet',)
>>> print(lacks(("fact sheet",)))
no fact sheet (facts.csv), so there are no claims to check against the record
"""

from __future__ import annotations

import difflib
from pathlib import Path

from ..errors import ExerciseFormatError

# what a question may need -> (its file beside text.txt, what a text without it leaves nothing of)
MATERIAL = {
    "fact sheet": ("facts.csv", "there are no claims to check against the record"),
    "claims key": ("key_claims.csv", "there are no expert labels of its sentences to compare with"),
    "techniques key": (
        "key_techniques.csv",
        "there are no expert labels of its persuasion techniques to compare with",
    ),
    "timeline": ("timeline.csv", "there are no dated events to chart"),
}
_BY_FILE = {file: name for name, (file, _) in MATERIAL.items()}


def parse_needs(value, where: str) -> tuple[str, ...]:
    """The material ``value`` (a question's ``needs`` setting) names, each once, as the words
    of ``MATERIAL`` (a file name such as ``"facts.csv"`` is taken too). ``where`` names the
    question in the ``ExerciseFormatError`` for anything else."""
    known = ", ".join(f'"{name}" ({file})' for name, (file, _) in MATERIAL.items())
    if type(value) is not list or not value or not all(type(v) is str for v in value):
        raise ExerciseFormatError(
            f"In {where}: `needs` must be a list of what the question needs from its text, "
            f'e.g. needs = ["fact sheet"]. It may name: {known}.'
        )
    names = []
    for item in value:
        word = " ".join(item.lower().replace("_", " ").split())
        name = word if word in MATERIAL else _BY_FILE.get(item.strip().lower())
        if name is None:
            close = difflib.get_close_matches(word, [*MATERIAL, *_BY_FILE], n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ExerciseFormatError(
                f"In {where}: `needs` names {item!r}, which the kit does not know{hint}. "
                f"A question may need: {known}."
            )
        if name not in names:
            names.append(name)
    return tuple(names)


def missing(needs: tuple[str, ...], text) -> tuple[str, ...]:
    """The material of ``needs`` that the text file (or folder) ``text`` lacks; all of it when
    there is no file (a text made in memory has no material)."""
    from .._material import material_files

    if not text:
        return tuple(needs)
    path = Path(text)
    stem = "" if path.is_dir() or path.name == "text.txt" else path.stem + "."
    present = {file.name[len(stem) :] for file in material_files(path)}
    return tuple(name for name in needs if MATERIAL[name][0] not in present)


def lacks(names: tuple[str, ...]) -> str:
    """What a text without the material ``names`` lacks, and what that leaves nothing of."""
    what = " and no ".join(f"{name} ({MATERIAL[name][0]})" for name in names)
    return f"no {what}, so {'; '.join(MATERIAL[name][1] for name in names)}"
