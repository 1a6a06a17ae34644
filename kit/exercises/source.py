"""Read an exercise's source notebook (plain JSON: no nbformat needed).

A source notebook is an ordinary notebook with a few *raw* cells holding
settings in TOML (see ``exercises/README.md``):

- ``# EXERCISE`` (optional): ``title = "..."``;
- ``# BEGIN QUESTION``: ``name``, ``kind``, ``points``, then ``[[public]]`` and
  ``[[hidden]]`` checks; the question's cells follow, up to ``# END QUESTION``
  or the next ``# BEGIN QUESTION``;
- in code cells, the solution sits between ``# BEGIN SOLUTION`` and
  ``# END SOLUTION`` lines (or on a line ending in ``# SOLUTION``).

>>> exercise = read_source(find_source("ex00_practice"))
>>> exercise.name, exercise.questions[0].name
('ex00_practice', 'q1')
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tomllib
from pathlib import Path

from ..errors import ExerciseFormatError, ExerciseNotFoundError
from .checks import KINDS, Check
from .exercise import Exercise, Question

SOURCE_FOLDER = "source"
EXERCISE_MARK = "# EXERCISE"
BEGIN_QUESTION = "# BEGIN QUESTION"
END_QUESTION = "# END QUESTION"
BEGIN_SOLUTION = "# BEGIN SOLUTION"
END_SOLUTION = "# END SOLUTION"
SOLUTION_SUFFIX = re.compile(r"\s*#\s*SOLUTION\s*$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_QUESTION_KEYS = {
    *("name", "kind", "points", "variable", "manual", "texts", "needs", "public", "hidden")
}
PARAMETERS_TAG = "parameters"
TEXT_VARIABLE = "TEXT"
_REPOSITORY = Path(__file__).resolve().parent.parent.parent


def cell_text(cell: dict) -> str:
    """A cell's source as one string (notebooks store it as a list of lines or a string).

    >>> cell_text({"source": ["a = 1\\n", "b = 2"]})
    'a = 1\\nb = 2'
    """
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def first_line(text: str) -> str:
    """The first non-blank line of ``text``, stripped."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


# -- finding a source --------------------------------------------------------


def exercises_folders() -> list[Path]:
    """Where exercises are looked for: ``KIT_EXERCISES``, the current folder up, the kit's repo."""
    folders = []
    chosen = os.environ.get("KIT_EXERCISES")
    if chosen:
        folders.append(Path(chosen).expanduser())
    here = Path.cwd()
    for folder in (here, *here.parents):
        if folder.name == "exercises":
            folders.append(folder)
        elif (folder / "exercises").is_dir():
            folders.append(folder / "exercises")
    folders.append(_REPOSITORY / "exercises")
    unique = []
    for folder in folders:
        if folder.is_dir() and folder.resolve() not in [f.resolve() for f in unique]:
            unique.append(folder)
    return unique


def available_exercises() -> list[str]:
    """The names of the exercise sources that can be found, sorted.

    >>> "ex00_practice" in available_exercises()
    True
    """
    names = set()
    for folder in exercises_folders():
        names.update(path.stem for path in (folder / SOURCE_FOLDER).glob("*.ipynb"))
    return sorted(names)


def find_source(name_or_path) -> Path:
    """The path of an exercise source, from its name or its path."""
    if isinstance(name_or_path, os.PathLike) or (
        isinstance(name_or_path, str)
        and (name_or_path.endswith(".ipynb") or "/" in name_or_path or "\\" in name_or_path)
    ):
        path = Path(name_or_path).expanduser()
        if not path.is_file():
            raise ExerciseNotFoundError(
                f"There is no exercise source at {str(path)!r}. Give the path of a source "
                f"notebook, or the name of one of: {_listing()}."
            )
        return path
    if not isinstance(name_or_path, str) or not name_or_path.strip():
        raise ExerciseNotFoundError(
            f"Name an exercise (one of: {_listing()}) or give the path of its source notebook."
        )
    name = name_or_path.strip()
    for folder in exercises_folders():
        path = folder / SOURCE_FOLDER / f"{name}.ipynb"
        if path.is_file():
            return path
    names = available_exercises()
    close = difflib.get_close_matches(name, names, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ExerciseNotFoundError(
        f"There is no exercise called {name!r}.{hint} The exercises are: {_listing(names)}. "
        "An exercise is a source notebook in exercises/source/."
    )


def _listing(names=None) -> str:
    names = available_exercises() if names is None else names
    return ", ".join(names) if names else "(none found)"


# -- reading a source --------------------------------------------------------


def read_notebook(path: Path) -> dict:
    """The notebook at ``path`` as a dict, or ``ExerciseFormatError`` saying what is wrong."""
    try:
        data = json.loads(Path(path).read_bytes().decode("utf-8"))
    except OSError as error:
        raise ExerciseFormatError(f"Cannot read {path}: {error.strerror or error}.") from None
    except UnicodeDecodeError:
        raise ExerciseFormatError(f"{path} is not a notebook (not UTF-8 text).") from None
    except json.JSONDecodeError as error:
        raise ExerciseFormatError(
            f"{path} is not a valid notebook: its JSON breaks at line {error.lineno} "
            f"({error.msg}). Open it in JupyterLab and save it again, or undo the last edit."
        ) from None
    if type(data) is not dict or type(data.get("cells")) is not list:
        raise ExerciseFormatError(f"{path} is not a notebook: it has no list of cells.")
    for number, cell in enumerate(data["cells"], start=1):
        if type(cell) is not dict or cell.get("cell_type") not in ("code", "markdown", "raw"):
            raise ExerciseFormatError(f"{path}: cell {number} is not a notebook cell.")
    return data


def read_source(path: Path) -> Exercise:
    """Parse the source notebook at ``path`` into an ``Exercise``."""
    path = Path(path)
    notebook = read_notebook(path)
    title = ""
    questions: list[Question] = []
    current = None  # the question being read: [settings, cell_number, cells]
    parameters = None  # (cell number, TEXT)

    def close():
        if current is not None:
            questions.append(_question(path, *current))

    for number, cell in enumerate(notebook["cells"], start=1):
        text = cell_text(cell)
        if cell["cell_type"] in ("raw", "code"):
            _check_markers(path, number, text, cell["cell_type"])
        mark = first_line(text) if cell["cell_type"] == "raw" else ""
        if is_parameters_cell(cell):
            if parameters is not None:
                raise ExerciseFormatError(
                    f"{path}: cells {parameters[0]} and {number} are both tagged "
                    f'`{PARAMETERS_TAG}`; keep one, holding TEXT = "...".'
                )
            if current is not None:
                raise ExerciseFormatError(
                    f"{path}, cell {number}: the `{PARAMETERS_TAG}` cell is inside a question; "
                    "put it before the first question (the text is the whole exercise's)."
                )
            parameters = (number, parameters_text(text, f"{path}, cell {number}"))
        if mark == EXERCISE_MARK:
            settings = _toml(path, number, text, "the exercise settings")
            title = settings.get("title", title)
            if type(title) is not str:
                raise ExerciseFormatError(f"{path}, cell {number}: `title` must be text in quotes.")
        elif mark == BEGIN_QUESTION:
            close()
            current = [_toml(path, number, text, "a question's settings"), number, [], []]
        elif mark == END_QUESTION:
            if current is None:
                raise ExerciseFormatError(
                    f"{path}, cell {number}: `# END QUESTION` without a `# BEGIN QUESTION` above it."
                )
            close()
            current = None
        elif current is not None:
            current[2].append(cell)
            current[3].append(number - 1)
    close()
    if not questions:
        raise ExerciseFormatError(
            f"{path} has no questions. Start each question with a raw cell whose first line "
            "is `# BEGIN QUESTION` (see exercises/README.md)."
        )
    _unique(path, [q.name for q in questions], "question name")
    _unique(path, [q.variable for q in questions], "answer variable")
    tied = [q.name for q in questions if q.texts is not None or q.needs]
    if tied and parameters is None:
        raise ExerciseFormatError(
            f"{path}: {', '.join(tied)} {'is' if len(tied) == 1 else 'are'} tied to some texts "
            f"(`texts = [...]` or `needs = [...]`), but the exercise has no `{PARAMETERS_TAG}` "
            "cell, so it always "
            f'runs on one text. Add a code cell tagged `{PARAMETERS_TAG}` holding TEXT = "...", '
            "and load the text with doc = kit.load(TEXT)."
        )
    return Exercise(
        name=path.stem,
        path=path,
        title=title or _heading(notebook) or path.stem,
        questions=tuple(questions),
        notebook=notebook,
        default_text=parameters[1] if parameters else None,
        parameters_cell=parameters[0] - 1 if parameters else None,
    )


def is_parameters_cell(cell: dict) -> bool:
    """Whether a cell is a code cell tagged ``parameters`` (where ``TEXT`` is set).

    >>> is_parameters_cell({"cell_type": "code", "metadata": {"tags": ["parameters"]}})
    True
    """
    tags = cell.get("metadata", {}).get("tags", []) if type(cell.get("metadata")) is dict else []
    return cell.get("cell_type") == "code" and type(tags) is list and PARAMETERS_TAG in tags


def parameters_text(code: str, where: str) -> str:
    """The text a ``parameters`` cell names: its one ``TEXT = "..."`` assignment.

    >>> parameters_text('# the article\\nTEXT = "yomiuri-2024-04-06"', "cell 2")
    'yomiuri-2024-04-06'
    """
    import ast

    how = (
        'it must hold one line TEXT = "..." (the name of a text, a folder or a path, in '
        "quotes), and nothing else"
    )
    try:
        tree = ast.parse(code)
    except SyntaxError:
        raise ExerciseFormatError(
            f"{where}: the `{PARAMETERS_TAG}` cell is not Python: {how}."
        ) from None
    statements = tree.body
    if (
        len(statements) != 1
        or not isinstance(statements[0], ast.Assign)
        or [getattr(t, "id", None) for t in statements[0].targets] != [TEXT_VARIABLE]
        or not isinstance(statements[0].value, ast.Constant)
        or type(statements[0].value.value) is not str
        or not statements[0].value.value.strip()
    ):
        raise ExerciseFormatError(f"{where}: the `{PARAMETERS_TAG}` cell: {how}.")
    return statements[0].value.value.strip()


_MARKERS = (BEGIN_QUESTION, END_QUESTION, BEGIN_SOLUTION, END_SOLUTION)
_MARKER_LIKE = re.compile(r"^#\s*(BEGIN|END)\b")


def _check_markers(path, number: int, text: str, cell_type: str) -> None:
    """Refuse a misspelt marker (``# END QUESTOIN``, ``# BEGIN SOLUTON``): read as a plain
    comment it would leak a solution or a hidden check into the student's notebook. Warn
    when a ``# BEGIN SOLUTION`` has no ``# END SOLUTION``."""
    opened = False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped in _MARKERS:
            opened = stripped == BEGIN_SOLUTION or (opened and stripped != END_SOLUTION)
            continue
        if _MARKER_LIKE.match(stripped):
            close = difflib.get_close_matches(" ".join(stripped.split()), _MARKERS, n=1, cutoff=0.6)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise ExerciseFormatError(
                f"{path}, cell {number}: {stripped!r} is not a marker the kit knows.{hint} "
                f"The markers are: {', '.join(_MARKERS)}."
            )
    if opened and cell_type == "code":
        from .._warn import warn

        warn(
            f"{path.name}, cell {number}: `# BEGIN SOLUTION` has no `# END SOLUTION`; the rest "
            "of the cell is taken as the solution."
        )


def _toml(path, number, text, what) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ExerciseFormatError(
            f"{path}, cell {number} ({what}) is not valid TOML: {error}. Text values need "
            'quotes (kind = "label"), lists square brackets (values = ["a", "b"]).'
        ) from None


def _question(path, settings: dict, number: int, cells: list[dict], at: list[int]) -> Question:
    where = f"{path.name}, cell {number}"
    name = settings.get("name")
    if type(name) is not str or not _NAME.match(name):
        raise ExerciseFormatError(
            f"In {where}: each question needs a name made of letters, digits and _, "
            'e.g. name = "q1".'
        )
    where = f"{path.name}, question {name} (cell {number})"
    for key in settings:
        if key not in _QUESTION_KEYS:
            close = difflib.get_close_matches(key, _QUESTION_KEYS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ExerciseFormatError(
                f"In {where}: unknown setting {key!r}{hint}. A question takes: "
                f"{', '.join(sorted(_QUESTION_KEYS))}."
            )
    kind = settings.get("kind")
    if kind not in KINDS:
        raise ExerciseFormatError(
            f"In {where}: `kind` must be one of: {', '.join(KINDS)} (got {kind!r})."
        )
    points = settings.get("points")
    if type(points) not in (int, float) or points < 0 or points != points:
        raise ExerciseFormatError(f"In {where}: `points` must be a number, e.g. points = 2.")
    variable = settings.get("variable", name)
    if type(variable) is not str or not _NAME.match(variable):
        raise ExerciseFormatError(f"In {where}: `variable` must be a Python name, e.g. q1.")
    manual = settings.get("manual", False)
    if type(manual) is not bool:
        raise ExerciseFormatError(f"In {where}: `manual` must be true or false.")
    texts = settings.get("texts")
    if texts is not None and (
        type(texts) is not list
        or not texts
        or not all(type(t) is str and t.strip() and "\n" not in t for t in texts)
    ):
        raise ExerciseFormatError(
            f"In {where}: `texts` must be a list of the texts (their names, in quotes) this "
            'question is about, e.g. texts = ["yomiuri-2024-04-06"].'
        )
    needs = settings.get("needs")
    if needs is not None:
        from .needs import parse_needs

        needs = parse_needs(needs, where)
    checks = {}
    for part in ("public", "hidden"):
        tables = settings.get(part, [])
        if type(tables) is not list:
            raise ExerciseFormatError(
                f"In {where}: write each {part} check as a [[{part}]] table of its own."
            )
        checks[part] = tuple(
            Check.from_data(
                table, kind=kind, hidden=part == "hidden", where=f"{where}, {part} check {i}"
            )
            for i, table in enumerate(tables, start=1)
        )
    solution = "\n\n".join(
        solution_code(cell_text(c)) for c in cells if c["cell_type"] == "code" and has_solution(c)
    )
    if not solution:
        raise ExerciseFormatError(
            f"In {where}: the question has no solution. Put it in a code cell between "
            "`# BEGIN SOLUTION` and `# END SOLUTION` lines."
        )
    if not re.search(rf"^{re.escape(variable)}\s*(:[^=\n]*)?=(?!=)", solution, re.MULTILINE):
        raise ExerciseFormatError(
            f"In {where}: the solution never assigns {variable} (a line `{variable} = ...`). "
            "The student's answer is read from that variable."
        )
    prompt = "\n\n".join(cell_text(c).strip() for c in cells if c["cell_type"] == "markdown")
    return Question(
        name=name,
        kind=kind,
        points=points,
        variable=variable,
        prompt=prompt,
        manual=manual,
        public=checks["public"],
        hidden=checks["hidden"],
        solution=solution,
        texts=tuple(t.strip() for t in texts) if texts is not None else None,
        needs=needs or (),
        cells=tuple(at),
    )


def has_solution(cell: dict) -> bool:
    """Whether a code cell holds solution markers."""
    lines = cell_text(cell).splitlines()
    return any(line.strip() == BEGIN_SOLUTION or SOLUTION_SUFFIX.search(line) for line in lines)


def solution_code(text: str) -> str:
    """The cell's code with the solution markers taken out (what the solution runs)."""
    kept = []
    for line in text.splitlines():
        if line.strip() in (BEGIN_SOLUTION, END_SOLUTION):
            continue
        kept.append(SOLUTION_SUFFIX.sub("", line))
    return "\n".join(kept).strip("\n")


def _unique(path, names, what):
    seen = set()
    for name in names:
        if name in seen:
            raise ExerciseFormatError(f"{path.name}: two questions share the {what} {name!r}.")
        seen.add(name)


def _heading(notebook: dict) -> str:
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            line = first_line(cell_text(cell))
            if line.startswith("#"):
                return line.lstrip("#").strip()
    return ""
