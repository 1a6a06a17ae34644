"""``kit release``: write the student's notebook from an exercise source.

The student's version keeps the prompts and the code around the answers, and
drops the solutions, the question settings (with the hidden checks) and every
output. Each question gets a ``check("qN")`` cell; the public checks go to
``<name>.checks.json`` next to the notebook. Same source, same bytes.

>>> cells = student_notebook(load_exercise("ex00_practice"))["cells"]
>>> code = "".join("".join(cell["source"]) for cell in cells)
>>> "BEGIN SOLUTION" in code, "[[hidden]]" in code, 'q1 = "fact"' in code
(False, False, False)
>>> 'q1 = ...' in code, 'check("q1")' in code
(True, True)
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import tempfile
from pathlib import Path

from ..errors import ExerciseFormatError, ExerciseNotFoundError
from .exercise import Exercise, Question, load_exercise
from .source import (
    BEGIN_QUESTION,
    BEGIN_SOLUTION,
    END_QUESTION,
    END_SOLUTION,
    EXERCISE_MARK,
    SOLUTION_SUFFIX,
    available_exercises,
    cell_text,
    exercises_folders,
    first_line,
    has_solution,
)

INSTRUCTOR_TAG = "instructor"
PLACEHOLDER_COMMENT = "# YOUR ANSWER HERE"
_KEPT_METADATA = ("tags", "editable", "deletable")


def released_paths(exercise: Exercise, out=None) -> tuple[Path, Path]:
    """Where the student's notebook and its public checks go: next to ``source/`` (or in the
    folder ``out``)."""
    if out is not None:
        folder = Path(out).expanduser()
        return folder / f"{exercise.name}.ipynb", folder / f"{exercise.name}.checks.json"
    if exercise.path.parent.name != "source":
        raise ExerciseFormatError(
            f"{exercise.path} is not in a folder called source/: put exercise sources in "
            "exercises/source/, and kit release writes the students' notebooks in exercises/."
        )
    folder = exercise.path.parent.parent
    return folder / f"{exercise.name}.ipynb", folder / f"{exercise.name}.checks.json"


def release(names=None, *, check: bool = False, text=None, out=None) -> list[Path]:
    """Write the student files of the named exercises (all when none); return those changed.

    With ``check=True`` nothing is written: the list says which files are out of
    date with their source. ``text`` releases an exercise that has a parameters cell for
    another text (into ``out``, by default ``exercises/<text>/``): the student's ``TEXT``
    names it, the questions not about it are marked skipped, and the public checks that
    take their values from the solution (``from_solution``) hold that text's values.
    """
    changed = []
    for name in release_names(names):
        exercise = load_exercise(name)
        paths, contents = release_files(exercise, text=text, out=out)
        for path, content in zip(paths, contents, strict=True):
            current = path.read_bytes() if path.is_file() else None
            if current is not None and current.replace(b"\r\n", b"\n") == content:
                continue  # (a checkout may have turned the line ends into CRLF)
            if current is not None and _is_source(current):
                raise ExerciseFormatError(
                    f"kit release will not write over {path}: it is an exercise source (it "
                    "holds # BEGIN QUESTION or # BEGIN SOLUTION). Give another --out folder."
                )
            changed.append(path)
            if not check:
                _write_atomically(path, content)
    return changed


def _is_source(content: bytes) -> bool:
    """Whether a file's bytes are an exercise source (its solutions must never be replaced
    or handed out)."""
    return BEGIN_QUESTION.encode() in content or BEGIN_SOLUTION.encode() in content


def _source_folders(exercise: Exercise) -> list[Path]:
    folders = [Path(exercise.path).resolve().parent]
    folders += [(folder / "source").resolve() for folder in exercises_folders()]
    return folders


def _check_out_folder(exercise: Exercise, folder: Path) -> None:
    """Refuse to release into a folder of exercise sources (release would replace them)."""
    folder = Path(folder).expanduser().resolve()
    if folder.name == "source" or folder in _source_folders(exercise):
        raise ExerciseFormatError(
            f"kit release will not write into {folder}: that is a folder of exercise sources, "
            "and the student files would replace them. Give another --out folder."
        )


def _check_text_is_not_a_source(exercise: Exercise, choice) -> None:
    """Refuse a text that is, or lies in, the exercise sources: release would copy the
    solutions into the folder the students get."""
    if choice.seed:
        return
    from ..grading.texts import text_access

    problems = text_access([choice.name], source=Path(exercise.path), released=None).problems
    path = Path(choice.path)
    if not problems and path.is_file() and _is_source(path.read_bytes()):
        problems = [f"the text {choice.path} holds exercise markers: it is an exercise source"]
    if problems:
        raise ExerciseFormatError(
            f"kit release will not use the text {choice.name}: {problems[0]}. The students "
            "would get the solutions; choose the folder of an article."
        )


def release_names(names=None) -> list:
    """The exercises to release: those named, or every source found when none is."""
    return list(names) if names else _all_sources()


def _all_sources() -> list[Path]:
    for folder in exercises_folders():
        sources = sorted((folder / "source").glob("*.ipynb"))
        if sources:
            return sources
    raise ExerciseNotFoundError(
        f"No exercise sources found (looked in: {', '.join(map(str, exercises_folders()))}). "
        f"Known exercises: {', '.join(available_exercises()) or 'none'}."
    )


def release_files(exercise: Exercise, *, text=None, out=None):
    """The files to write for ``exercise`` on ``text`` (its own when None): their paths and
    their bytes: the notebook, its checks, and a copy of a text students could not reach
    otherwise (``texts/<slug>/``). Runs the solutions (in a child) when a check needs them."""
    if exercise.default_text is None:
        if text is not None:
            from .verify import no_parameters

            raise ExerciseFormatError(no_parameters(exercise))
        if out is not None:
            _check_out_folder(exercise, out)
        return released_paths(exercise, out), _contents(exercise)
    from .on_text import (
        TEXTS_FOLDER,
        choose_text,
        for_text,
        needs_solution,
        student_text_name,
        text_copies,
    )
    from .solve import solution_values

    default = choose_text(exercise.default_text, exercise=exercise)
    choice = default if text is None else choose_text(text, exercise=exercise)
    is_default = choice.slug == default.slug and choice.name == default.name
    _check_text_is_not_a_source(exercise, choice)
    if out is None and not is_default:
        out = released_paths(exercise)[0].parent / choice.slug
        known = {Path(n).stem for n in available_exercises()} | {"source", TEXTS_FOLDER}
        if choice.slug in known:
            raise ExerciseFormatError(
                f"The text {choice.name!r} is called {choice.slug!r}, like a folder the "
                "exercises already use: give the folder for its notebooks with --out."
            )
    if out is not None:
        _check_out_folder(exercise, out)
    values = solution_values(exercise, choice) if needs_solution(exercise, choice) else None
    name = student_text_name(choice, default=exercise.default_text if is_default else None, out=out)
    resolved = for_text(exercise, choice, values, text_name=name)
    resolved = dataclasses.replace(resolved, text={**resolved.text, "name": name})
    copies = text_copies(choice, name, out) if out is not None else []
    paths = (*released_paths(exercise, out), *(path for path, _ in copies))
    contents = _contents(resolved, text_name=name, record=not is_default)
    return paths, (*contents, *(data for _, data in copies))


def _contents(
    exercise: Exercise, text_name: str | None = None, record: bool = False
) -> tuple[bytes, bytes]:
    notebook = student_notebook(exercise, text_name=text_name)
    if record and exercise.text:  # kit grade without --text sees what the class was given
        notebook["metadata"]["kit"]["text"] = {
            key: exercise.text[key] for key in ("name", "slug", "title") if key in exercise.text
        }
    notebook = _dumps(notebook)
    checks = _dumps(exercise.public_data())
    return notebook, checks


def _dumps(data) -> bytes:
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _write_atomically(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# -- building the student's notebook ---------------------------------------------


def student_notebook(exercise: Exercise, text_name: str | None = None) -> dict:
    """The student's notebook for ``exercise``, as notebook JSON data (its parameters cell
    set to ``text_name`` when given)."""
    source = exercise.notebook
    questions = iter(exercise.questions)
    cells: list[dict] = []
    setup_done = False
    current: Question | None = None
    pending_check: Question | None = None
    answer_at = None  # index in cells after which the current question's check goes

    def place_check():
        nonlocal pending_check, answer_at
        if pending_check is not None:
            at = len(cells) if answer_at is None else answer_at + 1
            cells.insert(at, _check_cell(pending_check))
        pending_check, answer_at = None, None

    for number, cell in enumerate(source["cells"], start=1):
        text = cell_text(cell)
        mark = first_line(text) if cell["cell_type"] == "raw" else ""
        if mark == EXERCISE_MARK:
            continue
        if mark == BEGIN_QUESTION:
            place_check()
            current = pending_check = next(questions)
            if current.skipped:
                cells.append(_skipped_cell(current))
            continue
        if mark == END_QUESTION:
            place_check()
            current = None
            continue
        if INSTRUCTOR_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        if cell["cell_type"] == "code" and made_by_release(text):
            continue  # the instructor tried the checks in the source; release adds its own
        if cell["cell_type"] == "code" and not setup_done:
            cells.append(_setup_cell(exercise))
            setup_done = True
        cells.append(_student_cell(cell, number, current))
        if text_name is not None and number - 1 == exercise.parameters_cell:
            cells[-1]["source"] = _lines(f"TEXT = {json.dumps(text_name, ensure_ascii=False)}")
        if cell["cell_type"] == "code" and current is not None:
            answer_at = len(cells) - 1
    place_check()
    if not setup_done:
        cells.insert(0, _setup_cell(exercise))
    cells += _closing_cells()
    _unique_ids(cells)
    metadata = {"kernelspec": _PYTHON_KERNEL, "language_info": {"name": "python"}}
    metadata.update(
        {
            key: source.get("metadata", {})[key]
            for key in ("kernelspec", "language_info")
            if key in source.get("metadata", {})
        }
    )
    metadata["kit"] = {
        "exercise": exercise.name,
        "note": f"Made by `kit release` from source/{exercise.name}.ipynb: edit the source.",
    }
    return {"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}


_CHECK_LINE = re.compile(
    r"^\s*(from kit\.exercises import Checker|check\s*=\s*Checker\(.*\)|check(\.all)?\(.*\))\s*$"
)


def made_by_release(code: str) -> bool:
    """Whether a code cell only makes or calls ``check`` (release writes those cells itself).

    >>> made_by_release('check("q1")'), made_by_release('q1 = 2\\ncheck("q1")')
    (True, False)
    """
    lines = [line for line in code.splitlines() if line.strip()]
    return bool(lines) and all(_CHECK_LINE.match(line) for line in lines)


def _student_cell(cell: dict, number: int, question: Question | None) -> dict:
    text = cell_text(cell)
    metadata = {k: v for k, v in cell.get("metadata", {}).items() if k in _KEPT_METADATA}
    if cell["cell_type"] == "code" and has_solution(cell):
        text = strip_solutions(text, question.variable if question else None)
        metadata["tags"] = sorted({*metadata.get("tags", []), "answer"})
    new = {
        "cell_type": cell["cell_type"],
        "id": _cell_id(cell, number),
        "metadata": metadata,
        "source": _lines(text),
    }
    if cell["cell_type"] == "code":
        new.update(execution_count=None, outputs=[])
    elif "attachments" in cell and cell["cell_type"] == "markdown":
        new["attachments"] = cell["attachments"]
    return new


def strip_solutions(text: str, variable: str | None) -> str:
    """Replace each solution with a placeholder the student fills in.

    >>> print(strip_solutions("# BEGIN SOLUTION\\nn = len(doc.sentences)\\nq3 = n\\n# END SOLUTION", "q3"))
    q3 = ...
    >>> print(strip_solutions('q1 = "fact"  # SOLUTION', "q1"))
    q1 = ...
    """
    out: list[str] = []
    block: list[str] | None = None
    indent = ""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped == BEGIN_SOLUTION:
            block, indent = [], line[: len(line) - len(line.lstrip())]
        elif stripped == END_SOLUTION and block is not None:
            out += _placeholder(block, indent, variable)
            block = None
        elif block is not None:
            block.append(line)
        elif SOLUTION_SUFFIX.search(line):
            target = re.match(r"^(\s*[^=]+?)\s*=(?!=)", line)
            out.append(
                f"{target.group(1)} = ..." if target else line[: -len(line.lstrip())] + "..."
            )
        else:
            out.append(line)
    if block is not None:  # no END SOLUTION: the rest of the cell was solution
        out += _placeholder(block, indent, variable)
    return "\n".join(out)


def _placeholder(block: list[str], indent: str, variable: str | None) -> list[str]:
    if variable and any(
        re.match(rf"^{re.escape(indent)}{re.escape(variable)}\s*(:[^=]*)?=(?!=)", line)
        for line in block
    ):
        return [f"{indent}{variable} = ..."]
    return [f"{indent}{PLACEHOLDER_COMMENT}"]


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


_PYTHON_KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _unique_ids(cells: list[dict]) -> None:
    """Cell ids must differ; a copied cell can share its original's."""
    seen: set[str] = set()
    for cell in cells:
        identifier, number = cell["id"], 1
        while cell["id"] in seen:
            number += 1
            cell["id"] = f"{identifier[:60]}-{number}"
        seen.add(cell["id"])


def _cell_id(cell: dict, number: int) -> str:
    given = cell.get("id")
    if type(given) is str and re.fullmatch(r"[A-Za-z0-9_-]{1,64}", given):
        return given
    return f"cell-{number}"


def _code_cell(identifier: str, text: str, **metadata) -> dict:
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": identifier,
        "metadata": metadata,
        "outputs": [],
        "source": _lines(text),
    }


def _setup_cell(exercise: Exercise) -> dict:
    text = f'from kit.exercises import Checker\n\ncheck = Checker("{exercise.name}")'
    return _code_cell("kit-checker", text, deletable=False, editable=False, tags=["kit-checker"])


def _check_cell(question: Question) -> dict:
    return _code_cell(
        f"kit-check-{question.name}",
        f'check("{question.name}")',
        deletable=False,
        editable=False,
        tags=["kit-check"],
    )


def _skipped_cell(question: Question) -> dict:
    words = (
        f"**Skipped on this text:** {question.skipped}. This question is worth no points "
        "here; you may still read it and run its cells."
    )
    return {
        "cell_type": "markdown",
        "id": f"kit-skipped-{question.name}"[:64],
        "metadata": {"tags": ["kit-skipped"]},
        "source": _lines(words),
    }


def _closing_cells() -> list[dict]:
    words = (
        "## Before you hand in\n\n"
        "Save the notebook, then choose **Kernel → Restart Kernel and Run All Cells…** and "
        "read the summary below. It shows the points from the public checks only: when "
        "your instructor grades, hidden checks run too, so a question that passes here "
        "can still lose points."
    )
    markdown = {"cell_type": "markdown", "id": "kit-summary-intro", "metadata": {}}
    markdown["source"] = _lines(words)
    return [markdown, _code_cell("kit-summary", "check.all()", tags=["kit-check"])]
