"""One exercise, any text: choose the text, skip the questions not about it, fill in the
expected values the solution gives on it.

A source with a ``parameters`` cell (``TEXT = "..."``) runs on any text. A question with
``texts = [...]`` is about those texts only, one with ``needs = ["fact sheet"]`` about texts
that have that material (see ``needs.py``): elsewhere it is *skipped* (worth no points, out of
the maximum). A check with ``from_solution = true`` takes its expected value from the source's
own solution on the text in use (see ``solve.py``, which runs it in a child process).

>>> choice = choose_text("yomiuri-2024-04-06")
>>> choice.slug, choice.seed
('yomiuri-2024-04-06', True)
>>> from kit.exercises.exercise import Question
>>> question = Question("q5", "text", 1, "q5", texts=("yomiuri-2024-04-06",))
>>> applies(question, choice)
True
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import ExerciseFormatError

_TITLE_CHARS = 40


@dataclass(frozen=True)
class TextChoice:
    """The text an exercise runs on: ``name`` as ``kit.load`` takes it (a seed's name, or an
    absolute path), its ``slug``, ``title`` and whether it is a ``seed``."""

    name: str
    slug: str
    title: str
    seed: bool
    path: str = ""  # the text file, absolute

    def to_data(self) -> dict:
        """The text as the released checks record it.

        >>> choose_text("yomiuri-2024-04-06").to_data()["slug"]
        'yomiuri-2024-04-06'
        """
        return {"name": self.name, "slug": self.slug, "title": self.title}


def choose_text(given, *, exercise=None) -> TextChoice:
    """The text ``given`` (a seed's name, a folder, a ``.txt`` file), loaded to learn its
    slug and title. A relative path is looked for from the current folder, then beside the
    released notebooks and the source. ``TextNotFoundError`` says what exists.
    """
    import kit
    from kit.texts import seeds_folder

    name = str(given).strip()
    if not name:
        from ..errors import ArgumentError

        raise ArgumentError(
            "No text named: give a text's name (see kit.texts()), a folder holding text.txt, "
            "or a .txt file."
        )
    try:
        seeds = seeds_folder()
    except Exception:
        seeds = None
    is_name = "/" not in name and "\\" not in name and name not in ("", ".", "..")
    if is_name and seeds is not None and (seeds / name / "text.txt").is_file():
        document = kit.load(name)
        return TextChoice(name, document.slug, _title(document), True, str(document.path))
    path = Path(name).expanduser()
    if not path.is_absolute() and not path.exists() and exercise is not None:
        source = getattr(exercise, "path", None)
        if source is not None:
            source = Path(source).resolve()
            for base in (source.parent.parent, source.parent):
                if (base / path).exists():
                    path = base / path
                    break
    document = kit.load(path if path.exists() else name)  # raises the kit's own error
    absolute = str(Path(document.path).resolve())
    folder = Path(absolute).parent if Path(absolute).name == "text.txt" else Path(absolute)
    _check_loadable(str(folder), document.slug)
    return TextChoice(str(folder), document.slug, _title(document), False, absolute)


_MAX_NAME = 300  # kit.load(str) takes a longer string for an article pasted whole


def _check_loadable(path: str, slug: str) -> None:
    """Refuse a text whose path or name ``kit.load`` would refuse in the notebooks (a line
    break, surrounding spaces, more than 300 characters), before anything runs on it."""
    from ..errors import ArgumentError

    for what, name in (("path", path), ("name", f"{TEXTS_FOLDER}/{slug}")):
        problem = ""
        if "\n" in name or "\r" in name:
            problem = "holds a line break"
        elif name != name.strip():
            problem = "begins or ends with a space"
        elif len(name) > _MAX_NAME:
            problem = f"is {len(name)} characters long (at most {_MAX_NAME})"
        if problem:
            raise ArgumentError(
                f"The {what} of the text {name[:80]!r} {problem}: kit.load() in the notebooks "
                "could not open it. Move or rename the text's folder (a shorter name, without "
                "line breaks) and try again."
            )


def _title(document) -> str:
    title = " ".join(str(document.title or document.slug).split())
    if len(title) <= _TITLE_CHARS:
        return title
    cut = title[: _TITLE_CHARS - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" :;,.-–—") + "…"


def applies(question, choice: TextChoice) -> bool:
    """Whether ``question`` is about the text ``choice``: ``choice`` is one of its ``texts``
    (a question without ``texts`` is about any text) and has the material it ``needs``."""
    return is_listed(question, choice) and not lacking(question, choice)


def lacking(question, choice: TextChoice) -> tuple[str, ...]:
    """What ``question`` needs (``needs = [...]``) that the text ``choice`` does not have."""
    from .needs import missing

    return missing(question.needs, choice.path) if question.needs else ()


def is_listed(question, choice: TextChoice) -> bool:
    """Whether ``choice`` is one of the ``texts`` of ``question`` (any text when it has none).
    A listed text matches by its name, or by a path's last part."""
    if question.texts is None:
        return True
    for listed in question.texts:
        last = Path(listed.rstrip("/\\")).name
        if last.endswith(".txt"):
            last = last[:-4] if last != "text.txt" else Path(listed).parent.name
        if choice.slug in (listed, last) or choice.name == listed:
            return True
    return False


def skip_reason(question, choice: TextChoice, text_name: str | None = None) -> str:
    """Why ``question`` is skipped on ``choice``, in one line for the student; ``text_name`` is
    what the notebook's ``TEXT`` really holds (when known).

    >>> from kit.exercises.exercise import Question
    >>> question = Question("q5", "text", 1, "q5", texts=("yomiuri-2024-04-06",))
    >>> other = TextChoice("/t/oak", "oakridge-library-oped", "Oak", False)
    >>> print(skip_reason(question, other, "texts/oakridge-library-oped"))
    ... # doctest: +NORMALIZE_WHITESPACE
    q5 is about “UNSC Panel on N. Korea Sanctions…” (yomiuri-2024-04-06) only; on this text,
    “Oak” (TEXT = "texts/oakridge-library-oped"), there is nothing to check (no points)
    >>> sheet = Question("q3", "dataframe", 1, "q3", needs=("fact sheet",))
    >>> print(skip_reason(sheet, other, "texts/oakridge-library-oped"))
    ... # doctest: +NORMALIZE_WHITESPACE
    q3 needs a fact sheet; this text, “Oak” (TEXT = "texts/oakridge-library-oped"), has no fact
    sheet (facts.csv), so there are no claims to check against the record (no points)
    """
    this = f'TEXT = "{text_name}"' if text_name else choice.slug
    if is_listed(question, choice):
        from .needs import lacks

        absent = lacking(question, choice)
        return (
            f"{question.name} needs {' and '.join(f'a {name}' for name in absent)}; this text, "
            f"“{choice.title}” ({this}), has {lacks(absent)} (no points)"
        )
    about = []
    for listed in question.texts or ():
        try:
            choice_listed = choose_text(listed)
            about.append(f"“{choice_listed.title}” ({listed})")
        except Exception:
            about.append(f"“{listed}”")
    return (
        f"{question.name} is about {' or '.join(about)} only; on this text, “{choice.title}” "
        f"({this}), there is nothing to check (no points)"
    )


def needs_solution(exercise, choice: TextChoice | None = None) -> list[str]:
    """The questions (on ``choice``, when given) whose checks take values from the solution."""
    return [
        q.name
        for q in exercise.questions
        if q.from_solution and (choice is None or applies(q, choice))
    ]


def for_text(exercise, choice: TextChoice, values: dict | None = None, text_name=None):
    """``exercise`` as it is on the text ``choice``: the questions not about it skipped, the
    ``from_solution`` checks filled in from ``values`` (the solution's plain answers on that
    text, by variable). ``ExerciseFormatError`` when a needed value is missing or unusable."""
    questions = []
    for question in exercise.questions:
        if not applies(question, choice):
            questions.append(
                dataclasses.replace(question, skipped=skip_reason(question, choice, text_name))
            )
            continue
        if not question.from_solution:
            questions.append(question)
            continue
        if values is None or question.variable not in values:
            raise ExerciseFormatError(
                f"{exercise.name} {question.name}: its checks take their expected values from "
                f"the solution (from_solution), but the solution gave no {question.variable} "
                f"on the text {choice.slug!r}."
            )
        value = values[question.variable]
        where = f"{exercise.name}, question {question.name}, on the text {choice.slug!r}"
        questions.append(
            dataclasses.replace(
                question,
                public=tuple(check.resolve(value, where) for check in question.public),
                hidden=tuple(check.resolve(value, where) for check in question.hidden),
            )
        )
    return dataclasses.replace(exercise, questions=tuple(questions), text=choice.to_data())


TEXTS_FOLDER = "texts"


def student_text_name(choice: TextChoice, *, default: str | None, out: Path | None) -> str:
    """What the student's parameters cell says: a seed's name; the source's own TEXT when it
    is that text; a text inside the notebook's folder by its path from there; any other text
    as ``texts/<slug>``, where release copies it (see ``text_copies``): the instructor's own
    paths mean nothing on the students' machines."""
    if choice.seed:
        return choice.name
    if default is not None and out is None:
        return default
    if out is not None:
        folder = Path(out).resolve()
        target = Path(choice.name)
        if target.is_relative_to(folder):
            return Path(os.path.relpath(target, folder)).as_posix()
    return f"{TEXTS_FOLDER}/{choice.slug}"


def text_copies(choice: TextChoice, name: str, out: Path) -> list[tuple[Path, bytes]]:
    """The files to write beside the student's notebook for the text ``name`` (nothing unless
    it is the ``texts/<slug>`` copy): its text, its ``meta.toml`` when there is one, and its
    material (``facts.csv``, ``key_*.csv``, ``timeline.csv``; a lone ``my.facts.csv`` becomes
    the copy's ``facts.csv``)."""
    from .._material import material_files

    if choice.seed or name != f"{TEXTS_FOLDER}/{choice.slug}":
        return []
    source = Path(choice.path)
    folder = Path(out) / TEXTS_FOLDER / choice.slug
    files = [(folder / "text.txt", source.read_bytes())]
    meta = source.parent / "meta.toml"
    if source.name == "text.txt" and meta.is_file():
        files.append((folder / "meta.toml", meta.read_bytes()))
    for material in material_files(source):
        copied = material.name
        if source.name != "text.txt":  # my_article.facts.csv -> facts.csv in the copy's folder
            copied = material.name[len(source.stem) + 1 :]
        files.append((folder / copied, material.read_bytes()))
    return files
