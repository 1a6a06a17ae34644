"""Which texts a graded notebook may read: the seeds, plus the texts the exercise itself loads.

A graded child may read only the kit, its libraries and the seeds folder. An exercise on a text
kept elsewhere (``kit.load("/courses/texts/oakridge")`` or ``kit.load("texts/oakridge")``)
would fail in every notebook, so the grader reads the exercise source (the instructor's own,
trusted notebook: it is parsed, never run) for ``kit.load("...")`` calls with a literal name or
path in what the students' notebooks hold (no solutions, no instructor cells), and lets the
children read those texts (never one in a ``source`` folder): an absolute path is allowed as it is; a relative
one (as a student has it beside their notebook) is copied into each child's folder. Only the
text file, its ``meta.toml`` and its material (``facts.csv``, ``key_*.csv``, ``timeline.csv``)
are opened up, never the folder around them, and never a path holding the exercise source.

>>> import pathlib, tempfile
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> (root / "source").mkdir(); (root / "texts" / "oak").mkdir(parents=True)
>>> _ = (root / "texts" / "oak" / "text.txt").write_text("Headline\\n\\nBody.\\n")
>>> calls = loaded_names(['import kit\\nTEXT = "texts/oak"\\ndoc = kit.load(TEXT)'])
>>> calls
['texts/oak']
>>> access = text_access(calls, source=root / "source" / "ex.ipynb", released=root)
>>> [(str(path.relative_to(root)), where) for path, where in access.copies]
[('texts/oak/text.txt', 'texts/oak/text.txt')]
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

_TEXT_FILE, _META_FILE = "text.txt", "meta.toml"
MAX_TEXT_BYTES = 20 * 2**20


@dataclass
class TextAccess:
    """What the children need for the exercise's texts."""

    read: list[str] = field(default_factory=list)  # absolute files the children may read
    copies: list[tuple[Path, str]] = field(default_factory=list)  # (file, path in the copy)
    found: list[str] = field(default_factory=list)  # the texts, as the exercise names them
    problems: list[str] = field(default_factory=list)  # texts graded notebooks will not find

    def describe(self) -> str:
        """One line for the protections report."""
        parts = []
        if self.found:
            names = ", ".join(repr(name) for name in self.found)
            parts.append(f"the exercise's own texts ({names}) are readable (only those files)")
        parts.extend(f"WARNING: {problem}" for problem in self.problems)
        return "; ".join(parts) or "only the seeds folder (the exercise loads no other text)"


def loaded_names(cells: list[str]) -> list[str]:
    """The literal names and paths given to ``kit.load(...)`` (or a ``load`` imported from the
    kit) in ``cells`` (a name assigned earlier from a string, ``TEXT = "..."``, counts too).
    Other functions called ``load`` (``np.load``, ``json.load``) are not the kit's: ignored.

    >>> loaded_names(['import numpy as np\\nkey = np.load("key.json")\\nd = kit.load("oak")'])
    ['oak']
    >>> loaded_names(['from kit import load as read\\nd = read("oak")\\ne = load("elm")'])
    ['oak']
    """
    found: list[str] = []
    constants: dict[str, str] = {}
    kit_loads = set()  # bare names bound to kit.load by an import
    for source in cells:
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        constants[target.id] = node.value.value
            if isinstance(node, ast.ImportFrom) and node.module in ("kit", "kit.texts"):
                kit_loads.update(a.asname or a.name for a in node.names if a.name == "load")
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            function = node.func
            is_kit = (
                isinstance(function, ast.Attribute)
                and function.attr == "load"
                and isinstance(function.value, ast.Name)
                and function.value.id == "kit"
            ) or (isinstance(function, ast.Name) and function.id in kit_loads)
            if not is_kit:
                continue
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                value = argument.value
            elif isinstance(argument, ast.Name) and argument.id in constants:
                value = constants[argument.id]
            else:
                continue
            if value.strip() and value not in found:
                found.append(value)
    return found


def text_access(names: list[str], *, source: Path, released: Path | None) -> TextAccess:
    """Work out how graded children reach each text in ``names`` (see the module's doc)."""
    from kit.texts import seeds_folder

    access = TextAccess()
    try:
        seeds = seeds_folder().resolve()
    except Exception:
        seeds = None
    source = Path(source).resolve()
    for name in names:
        if "/" not in name and "\\" not in name and seeds and (seeds / name).is_dir():
            continue  # a seed: always readable
        path = Path(name).expanduser()
        if path.is_absolute():
            target = path if path.exists() else None
        else:
            bases = [b for b in (released, source.parent) if b is not None]
            target = next((b / path for b in bases if (b / path).exists()), None)
        if target is None:
            access.problems.append(
                f"the exercise loads {name!r}, which was not found: graded notebooks will not "
                "find it either (put the text in the seeds folder, or give its full path)"
            )
            continue
        target = target.resolve()
        files = _text_files(target)
        if "source" in path.parts or (
            source.parent.name == "source" and target.is_relative_to(source.parent)
        ):
            access.problems.append(
                f"the exercise loads {name!r}, which is in the exercises' source folder (kept "
                "from students): it is NOT made readable (put the text in the seeds folder or "
                "a texts folder)"
            )
            continue
        if source == target or source.is_relative_to(target) or source in files:
            access.problems.append(
                f"the exercise loads {name!r}, which holds the exercise source: it is NOT made "
                "readable (move the text out of the source's folder)"
            )
            continue
        if sum(f.stat().st_size for f in files) > MAX_TEXT_BYTES:
            access.problems.append(f"{name!r} is too large to be a text; it is not copied")
            continue
        access.found.append(name)
        if path.is_absolute():
            access.read.extend(str(f) for f in files)
        elif ".." in path.parts:
            access.read.extend(str(f) for f in files)
            access.problems.append(
                f"the exercise loads {name!r}, a path that leaves the notebook's folder: graded "
                "notebooks run in a copy of the submission and will not find it (put the text "
                "in the seeds folder, beside the notebook, or give its full path)"
            )
        else:
            for file in files:
                inside = (path if target.is_dir() else path.parent) / file.name
                access.copies.append((file, inside.as_posix()))
    return access


def _text_files(target: Path) -> list[Path]:
    """The files the kit reads for ``target``: a text file, or a folder's text and meta, and
    the text's material beside it (fact sheet, expert keys, timeline: ``kit.claims(doc)`` on a
    graded text must find its sheet)."""
    from kit._material import material_files

    if target.is_dir():
        files = [target / n for n in (_TEXT_FILE, _META_FILE) if (target / n).is_file()]
    elif target.name == _TEXT_FILE and (target.parent / _META_FILE).is_file():
        files = [target, target.parent / _META_FILE]
    else:
        files = [target]
    return files + material_files(target)


def exercise_texts(exercise) -> TextAccess:
    """``text_access`` for an exercise loaded from its source notebook."""
    from .notebooks import NotebookError, code_cells

    source = getattr(exercise, "path", None)
    if not source:
        return TextAccess()
    try:
        # What the students' notebooks hold: no solutions, no instructor cells.
        from kit.exercises.release import student_notebook
        from kit.exercises.source import cell_text

        released_cells = student_notebook(exercise)["cells"]
        cells = [cell_text(c) for c in released_cells if c.get("cell_type") == "code"]
    except Exception:
        try:
            cells = code_cells(Path(source))
        except NotebookError:
            return TextAccess()
    released = (
        Path(source).resolve().parent.parent if Path(source).parent.name == "source" else None
    )
    return text_access(loaded_names(cells), source=Path(source), released=released)
