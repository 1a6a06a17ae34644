"""Which text a class's notebooks were released for, and which text each student set.

``kit release --text`` records the text in the student's notebook (metadata ``kit.text`` and
the parameters cell). Before grading without ``--text``, the grader compares the notebooks'
released-for text with the exercise's default text: when most disagree, it stops and names the
``--text`` to add (grading them on the default text would give plausible, wrong grades). A few
students who changed ``TEXT`` are no reason to stop: they are graded on the class's text, and
their feedback says so.

>>> text_slug("texts/harbour-tram-oped"), text_slug("/a/b/oak/text.txt"), text_slug("x.txt")
('harbour-tram-oped', 'oak', 'x')
"""

from __future__ import annotations

import ast
import json
from collections import Counter
from pathlib import Path

from ..errors import GradingError


def text_slug(name: str) -> str:
    """The slug a text name gives: a seed's name, or a folder's (a ``.txt`` file's) last part."""
    path = Path(str(name).strip().rstrip("/\\"))
    if path.name == "text.txt":
        return path.parent.name
    return path.stem if path.suffix == ".txt" else path.name


def _read(notebook: Path) -> dict | None:
    try:
        data = json.loads(Path(notebook).read_bytes().decode("utf-8-sig"))
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def notebook_text(cells: list[str]) -> str | None:
    """The string the notebook's code first assigns to ``TEXT`` at the top level, or None.

    >>> notebook_text(["import kit", 'TEXT = "texts/oak"  # here', "TEXT = 'x'"])
    'texts/oak'
    """
    for source in cells:
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in tree.body:
            target = node.targets if isinstance(node, ast.Assign) else []
            if (
                any(isinstance(t, ast.Name) and t.id == "TEXT" for t in target)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                return node.value.value
    return None


def released_for(notebook: Path) -> str | None:
    """The text name a released notebook was made for: the ``kit.text`` metadata ``kit
    release --text`` writes, else (an older release) what its parameters cell says."""
    data = _read(notebook)
    if data is None:
        return None
    kit = (
        (data.get("metadata") or {}).get("kit") if isinstance(data.get("metadata"), dict) else None
    )
    if isinstance(kit, dict) and isinstance(kit.get("text"), dict):
        name = kit["text"].get("name")
        if isinstance(name, str) and name.strip():
            return name
    cells = data.get("cells") if isinstance(data.get("cells"), list) else []
    tagged = [
        _source(c)
        for c in cells
        if isinstance(c, dict)
        and c.get("cell_type") == "code"
        and "parameters" in ((c.get("metadata") or {}).get("tags") or [])
    ]
    return notebook_text(tagged)


def check_class_text(choice, submissions, *, folder: Path) -> None:
    """Stop (``GradingError``) when most notebooks were released for another text than
    ``choice``, the text about to be graded on without ``--text``."""
    names = [released_for(s.notebook) for s in submissions if s.notebook is not None]
    names = [name for name in names if name]
    if not names:
        return
    other = Counter(name for name in names if text_slug(name) != choice.slug)
    if sum(other.values()) * 2 <= len(names):
        return
    name, count = other.most_common(1)[0]
    beside = Path(folder) / name
    if Path(name).is_absolute() or beside.exists():
        hint = f"--text {name if Path(name).is_absolute() else beside}"
    elif "/" not in name and "\\" not in name:  # a seed's name
        hint = f"--text {name}"
    else:
        hint = f"--text and the folder of that text (e.g. --text my-texts/{text_slug(name)})"
    raise GradingError(
        f"{count} of {len(names)} notebooks were released for the text {text_slug(name)!r} "
        f'(TEXT = "{name}"), not for {choice.slug!r}: to grade them on their text, run again '
        f"with {hint}; to grade them on {choice.slug!r} anyway, add --text {choice.name}"
    )


def changed_text_note(cells: list[str], choice) -> str | None:
    """A note for a student whose notebook set another ``TEXT`` than the graded text."""
    name = notebook_text(cells)
    if name is None or text_slug(name) in (choice.slug, text_slug(choice.name)):
        return None
    return (
        f'your notebook had TEXT = "{name}"; it was graded on “{choice.title}” '
        f"({choice.slug}), the text of your class"
    )
