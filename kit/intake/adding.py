"""Check an article an instructor pasted, and add it to the seeds folder.

>>> report = check_text(seeds_folder() / "yomiuri-2024-04-06")
>>> report.ok, report.slug, report.words
(True, 'yomiuri-2024-04-06', 519)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from .._metadata import read_meta_string
from ..errors import (
    ArgumentError,
    KitError,
    MetadataError,
    SlugError,
    TextCheckError,
    TextNotFoundError,
    describe,
)
from ..texts import META_FILE, TEXT_FILE, seeds_folder
from .checks import check_article, reading_minutes
from .cleanup import remove_leftovers
from .encoding import read_article_bytes
from .layout_text import count_joined_lines
from .problems import Problem, in_order
from .slug import check_slug, longer_slug, make_slug

RIGHTS = (
    "Quoted for teaching and criticism within fair use / fair dealing. Keep the source "
    "line; do not republish the text outside the course."
)


@dataclass
class TextReport:
    """What ``kit.check_text`` found, and what ``kit.add_text`` wrote."""

    source: Path
    slug: str | None = None
    problems: list[Problem] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # layout and encoding: no word changed
    repairs: list[str] = field(default_factory=list)  # what --repair changed, "line N: ..."
    headline: str | None = None
    outlet: str | None = None
    date: dt.date | None = None
    paragraphs: int = 0
    sentences: int = 0
    words: int = 0
    folder: Path | None = None  # set once the text is added
    in_seeds: bool = False  # the text checked is already in the seeds folder
    destination: Path | None = None  # where add_text writes (or would write) it
    text: str | None = None  # the text.txt to write
    meta_toml: str | None = None  # the meta.toml to write
    actors: int | None = None  # how many actors the kit's actor list finds in the text

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when nothing stops the text from being added (warnings may remain)."""
        return not self.errors

    def __str__(self) -> str:
        lines = []
        if self.errors:
            lines.append(
                f"{self.source} has {_count(len(self.errors), 'problem')} to fix before the kit "
                "can add it (nothing was written):"
            )
            lines += [f"  {problem}" for problem in self.errors]
        if self.warnings:
            lines.append(f"{_count(len(self.warnings), 'warning')} (check these):")
            lines += [f"  {problem}" for problem in self.warnings]
        if self.ok:
            lines += self._summary()
        return "\n".join(lines)

    def _summary(self) -> list[str]:
        size = (
            f"{_count(self.paragraphs, 'paragraph')}, {_count(self.sentences, 'sentence')}, "
            f"{self.words} words; about {_count(reading_minutes(self.words), 'minute')} to read"
        )
        byline = f"outlet {self.outlet or 'unknown'}, date {self.date or 'unknown'}"
        where = self.folder or self.destination or f"{_seeds_folder_name()}/{self.slug}"
        verb = "Added" if self.folder else "Ready to add"
        first = f"{verb} “{self.headline}” as {where}/"
        if self.in_seeds:
            first = f"Checked “{self.headline}”, already in the seeds folder as {where}/"
        lines = [first]
        lines.append(f"  text.txt  ({size})")
        lines.append(f"  meta.toml ({byline})")
        if self.actors == 0:
            lines += NO_ACTORS
        for change in self.changes:
            kind = "layout" if change.startswith("joined") else "encoding"
            lines.append(f"  changed only the {kind}: {change}")
        lines += [f"  repaired (--repair): {repair}" for repair in self.repairs]
        if self.repairs:
            lines.append(
                f"  Apart from the {_count(len(self.repairs), 'repair')} listed, every other "
                "word is as in your file (the kit compared them)."
            )
        else:
            lines.append("  Every word is as in your file (the kit compared them).")
        if self.in_seeds:
            lines.append(
                f'Nothing was written (--check). Lessons use it with TEXT = "{self.slug}".'
            )
            return lines
        if not self.folder:
            lines.append(f"Nothing was written (--check). Add it with: kit add-text {self.source}")
            return lines
        lines += [
            "To use it in a lesson, set the parameters cell near the top of the notebook to",
            f'    TEXT = "{self.slug}"',
            "then choose Kernel > Restart Kernel and Run All Cells.",
            "Keep the source line with the text, and use the text within fair use (quotation "
            "for teaching and criticism); do not republish it outside the course.",
        ]
        return lines


def check_text(
    path: str | os.PathLike,
    slug: str | None = None,
    *,
    repair: bool = False,
    keep_leftovers: bool = False,
):
    """Check an article file (or a folder with ``text.txt``); return a ``TextReport``.

    Every problem is listed, with its line and what to fix; nothing is written.
    ``repair=True`` fixes garbled characters and removes web and PDF leftovers
    (each change listed in ``.repairs``); ``keep_leftovers=True`` keeps the
    leftovers as they are (the article really prints them).

    >>> check_text(seeds_folder() / "yomiuri-2024-04-06" / "text.txt").problems
    []
    """
    source = _source_path(path)
    text_path, meta_path = _files(source)
    report = TextReport(source=source)
    try:
        data = text_path.read_bytes()
    except OSError as error:
        raise KitError(f"Could not read {text_path}: {error.strerror}.") from None
    decoded = read_article_bytes(data, text_path.name, repair=repair)
    report.problems += decoded.problems
    report.changes += decoded.changes
    report.repairs += decoded.repairs
    with warnings.catch_warnings(record=True) as meta_warnings:  # "Did you mean ...?"
        warnings.simplefilter("always")
        meta, report.meta_toml = _meta(meta_path, report.problems)
    report.problems += [Problem("warning", str(w.message)) for w in meta_warnings]
    if decoded.text is None:
        report.problems = in_order(report.problems)
        return report
    text, line_map = decoded.text, None
    if repair and not keep_leftovers:
        cleaned = remove_leftovers(text)
        text, line_map = cleaned.text, cleaned.line_map
        report.repairs += cleaned.repairs
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # every finding goes into the report
        article = check_article(text, name=text_path.name, meta=meta, keep_leftovers=keep_leftovers)
    found = article.problems
    if line_map:  # lines of the repaired text -> lines of the instructor's file
        found = [_in_file_lines(problem, line_map) for problem in found]
    report.problems = in_order(report.problems + found)
    if article.layout is None:
        return report
    layout = article.layout
    report.headline = layout.headline
    report.outlet = meta.get("outlet") or (layout.source.outlet if layout.source else None)
    report.date = meta.get("date") or (layout.source.date if layout.source else None)
    report.paragraphs, report.sentences, report.words = (
        article.paragraphs,
        article.sentences,
        article.words,
    )
    report.text = article.tidied
    joined = count_joined_lines(text)
    if joined:
        report.changes.append(f"joined {_count(joined, 'line')} hard-wrapped inside paragraphs")
    if report.ok:
        report.actors = _actors_found(report.text)
    if report.meta_toml is None:
        report.meta_toml = _new_meta(report, layout)
    report.slug = _slug_for(slug, source, report)
    return report


def add_text(
    path: str | os.PathLike,
    slug: str | None = None,
    *,
    check: bool = False,
    repair: bool = False,
    keep_leftovers: bool = False,
    seeds: str | os.PathLike | None = None,
) -> TextReport:
    """Check an article and add it as ``seeds/<slug>/`` (``text.txt`` and ``meta.toml``).

    ``slug`` names the text (default: from its outlet and date); ``check=True``
    only checks; ``repair=True`` also repairs garbled characters (mojibake)
    and Mac files, deletes web and PDF leftover lines ("Advertisement", page
    numbers) and joins words split by a line break, listing each change;
    ``keep_leftovers=True`` keeps such lines (the article really prints them);
    ``seeds`` is the folder to add to (default:
    ``kit.seeds_folder()``). Raises ``TextCheckError`` listing every problem,
    or ``SlugError`` if the name is taken. Then use it in a lesson with
    ``TEXT = "<slug>"``.

    >>> add_text(seeds_folder() / "yomiuri-2024-04-06", check=True).slug  # already there
    'yomiuri-2024-04-06'
    """
    if slug is not None:
        check_slug(slug)
    report = check_text(path, slug, repair=repair, keep_leftovers=keep_leftovers)
    if report.slug is not None:
        folder = Path(seeds).expanduser() if seeds is not None else seeds_folder()
        target = report.destination = folder / report.slug
        if check:  # a taken name is one more problem: the others are still listed
            taken = _taken(target, report, given=slug is not None, check=check)
            if taken:
                report.problems.insert(len(report.errors), Problem("error", taken))
    if not report.ok:
        raise TextCheckError(str(report), report.problems)
    if check:
        return report
    _refuse_taken(target, report, given=slug is not None, check=check)
    _write(target, report)
    report.folder = target
    return report


_LINE_NUMBERS = re.compile(r"\b(lines? )(\d+)(?:-(\d+))?")


def _in_file_lines(problem: Problem, line_map: list[int]) -> Problem:
    """``problem`` found in the repaired text, with the line numbers of the file.

    >>> _in_file_lines(Problem("warning", "the body (lines 3-5) is short", 3), [1, 2, 4, 5, 7])
    Problem(severity='warning', message='the body (lines 4-7) is short', line=4)
    """

    def in_file(number: str) -> str:
        index = int(number) - 1
        return str(line_map[index]) if 0 <= index < len(line_map) else number

    def renumbered(match: re.Match) -> str:
        last = f"-{in_file(match[3])}" if match[3] else ""
        return f"{match[1]}{in_file(match[2])}{last}"

    line = int(in_file(str(problem.line))) if problem.line else None
    return Problem(problem.severity, _LINE_NUMBERS.sub(renumbered, problem.message), line)


NO_ACTORS = [
    "  actors: none found. The kit's actor list holds countries, capitals, international",
    "    bodies and people named with a title (Mayor, Dr., Gen.), so the lessons' actor counts",
    "    and grid will be empty. In a notebook, add this text's own actors with",
    '    kit.actor_mentions(doc, extra={"actor": {"Name to count": ["other name", "short form"]}})',
    "    (lesson 01, section 3, shows how); a text's folder cannot hold its own actor list.",
]


def _actors_found(text: str) -> int:
    from ..document import Document
    from ..reading import actor_mentions

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return actor_mentions(Document(text)).actor.nunique()


def _seeds_folder_name() -> str:
    try:
        return str(seeds_folder())
    except KitError:
        return "seeds"


# -- reading what was given ---------------------------------------------------------


def _source_path(path) -> Path:
    if not isinstance(path, (str, os.PathLike)) or (isinstance(path, str) and not path.strip()):
        raise ArgumentError(
            "kit.add_text() takes the path of the article's .txt file or of a folder holding "
            f"its text.txt, like kit.add_text('my_article.txt'), not {describe(path)}."
        )
    source = Path(path).expanduser()
    try:
        exists = source.exists()
    except OSError:
        exists = False
    if not exists:
        raise TextNotFoundError(
            f"There is no file or folder {str(path)[:100]!r} (the kit looked in {Path.cwd()}). "
            "Give the path of the article's .txt file, e.g. kit add-text my_article.txt."
        )
    return source


def _files(source: Path) -> tuple[Path, Path | None]:
    if source.is_file():
        meta = source.parent / META_FILE if source.name == TEXT_FILE else None
        return source, meta
    text_path = source / TEXT_FILE
    if text_path.is_file():
        return text_path, source / META_FILE
    texts_here = sorted(p.name for p in source.glob("*.txt"))
    hint = (
        f"Rename {texts_here[0]} to {TEXT_FILE}, or give that file's path."
        if len(texts_here) == 1
        else f"Save the article as {TEXT_FILE} in that folder, or give the .txt file's path."
    )
    raise TextNotFoundError(f"The folder {source} has no {TEXT_FILE}. {hint}")


def _meta(meta_path: Path | None, problems: list[Problem]) -> tuple[dict, str | None]:
    """The checked meta.toml (or {}), and its text to copy as it is."""
    if meta_path is None or not meta_path.is_file():
        return {}, None
    decoded = read_article_bytes(meta_path.read_bytes(), META_FILE)
    if decoded.text is None:
        problems.append(Problem("error", f"{META_FILE}: {decoded.problems[0].message}"))
        return {}, None
    try:
        meta = read_meta_string(decoded.text.lstrip("\ufeff"), META_FILE)
    except MetadataError as error:
        problems.append(Problem("error", f"{error} (Or delete meta.toml: it is optional.)"))
        return {}, None
    lines = decoded.text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return meta, lines.rstrip("\n") + "\n"


def _new_meta(report: TextReport, layout) -> str:
    from ..document import _genre_from_cues

    fields = {"title": report.headline, "outlet": report.outlet}
    genre = _genre_from_cues(layout.headline, layout.source_line)
    lines = [
        f"# Written by `kit add-text` from {report.source.name} on {dt.date.today().isoformat()}.",
        "# Correct or add to it: title, outlet, date, genre, language, author, rights, notes.",
    ]
    lines += [f"{key} = {_toml_string(value)}" for key, value in fields.items() if value]
    if report.date:
        lines.append(f"date = {report.date.isoformat()}")
    if genre:
        lines.append(f"genre = {_toml_string(genre)}")
    lines.append('language = "en"')
    lines.append(f"rights = {_toml_string(RIGHTS)}")
    text = "\n".join(lines) + "\n"
    read_meta_string(text, META_FILE)  # what the kit writes, the kit must read
    return text


def _toml_string(value: str) -> str:
    # A JSON string is a TOML basic string (same escapes) when it holds no DEL.
    return json.dumps(value.replace("\x7f", ""), ensure_ascii=False)


def _slug_for(slug: str | None, source: Path, report: TextReport) -> str:
    if slug is not None:
        return check_slug(slug)
    if source.is_dir():
        try:
            return check_slug(source.resolve().name)  # a folder keeps its name
        except SlugError:
            pass
    return make_slug(report.outlet, report.date, report.headline or "")


# -- writing -------------------------------------------------------------------------


def _refuse_taken(target: Path, report: TextReport, *, given: bool, check: bool) -> None:
    taken = _taken(target, report, given=given, check=check)
    if taken:
        raise SlugError(taken)


def _taken(target: Path, report: TextReport, *, given: bool, check: bool) -> str | None:
    """Why ``target`` cannot be written, or None (also notes a text already in the seeds)."""
    if not target.exists():
        return None
    if report.source.resolve() in (target.resolve(), (target / TEXT_FILE).resolve()):
        if check:  # checking a text already in the seeds folder
            report.in_seeds = True
            return None
        return (
            f"{report.source} is already in the seeds folder as {report.slug!r}: lessons can use "
            f'it now with TEXT = "{report.slug}". To only check it, add --check.'
        )
    same = (target / TEXT_FILE).is_file() and (target / TEXT_FILE).read_text(
        encoding="utf-8", errors="replace"
    ) == report.text
    already = " It holds this same article." if same else ""
    how = "--slug" if given else "--slug (a new name)"
    return (
        f"There is already a text called {report.slug!r} ({target}).{already} The kit never "
        f"overwrites a text: choose another name with {how}, e.g. --slug "
        f"{longer_slug(report.slug, report.headline or '')}, or delete that folder first if you "
        "mean to replace it."
    )


def _write(target: Path, report: TextReport) -> None:
    """Write the folder whole or not at all: into a hidden folder, then renamed."""
    from ..texts import load

    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{report.slug}.adding-", dir=target.parent))
    try:
        (scratch / TEXT_FILE).write_bytes(report.text.encode("utf-8"))
        (scratch / META_FILE).write_bytes(report.meta_toml.encode("utf-8"))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            load(scratch)  # the kit reads what it wrote
        scratch.chmod(0o755)
        scratch.rename(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
