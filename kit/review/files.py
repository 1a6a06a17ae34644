"""Whose files are whose: each student's annotation files in a class's submissions.

The submissions are what ``kit grade`` takes: a folder with one sub-folder per
student (Moodle's ``Name_123_assignsubmission_file`` folders too), or the zip
an LMS exports. The kit's annotation files are ``.json`` files; the
Annotator's CSV and JSON-LD exports are kept aside, read only for a student
with no ``.json`` at all. Files the Annotator set aside itself
(``x.claims.damaged-20240406-093000.json``) are not a student's answer.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> (folder / "ada").mkdir(); _ = (folder / "ada" / "a.claims.json").write_text("{}")
>>> (folder / "grace").mkdir(); _ = (folder / "grace" / "ex01.ipynb").write_text("{}")
>>> [(s.student, [p.name for p in s.files]) for s in student_files(folder, folder / ".x")]
[('ada', ['a.claims.json']), ('grace', [])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ReviewError, SubmissionsError
from .out_folder import MARK_FILE, is_report

_BACKUP = re.compile(r"\.[a-z-]+-\d{8}-\d{6}(-\d+)?\.json$")
EXPORTS = (".csv", ".jsonld")


@dataclass
class StudentFiles:
    """One student's name and the files to read their labels from."""

    student: str
    files: list[Path] = field(default_factory=list)  # the kit's .json files
    exports: list[Path] = field(default_factory=list)  # CSV / JSON-LD exports
    notes: list[str] = field(default_factory=list)  # what unpacking or finding skipped


def student_files(source, staging: Path, skipped: list | None = None) -> list[StudentFiles]:
    """Every student under ``source`` with their annotation files, sorted by name.

    ``staging`` is where a zip is unpacked. A student with a folder but no
    annotation file is listed with none (the review reports them as missing).
    Links are never followed, and an earlier review report is no student;
    ``skipped`` receives (student, file, problem, detail) for what was left
    out and why.
    """
    from ..grading.submissions import _parse_flat_name, find_submissions

    source = Path(source).expanduser()
    if not source.exists():
        raise ReviewError(
            f"{source} does not exist. Give the folder of the class's submissions (one "
            "sub-folder per student, as for kit grade) or the zip your LMS exported."
        )
    if source.is_file() and source.suffix.lower() == ".json":
        raise ReviewError(
            f"{source} is one file; kit review reads a whole class. Give the folder that "
            "holds one sub-folder per student (for one file, use kit.read_annotations)."
        )
    skipped = [] if skipped is None else skipped
    unattributed: list[str] = []
    try:
        submissions = find_submissions(source, staging, unattributed=unattributed)
    except SubmissionsError as error:
        raise ReviewError(str(error)) from None
    skipped += [("(the zip)", "", "skipped", note) for note in unattributed]
    found: dict[str, StudentFiles] = {}
    for submission in submissions:
        paths = [path for path, _ in submission.files]
        if any(path.name == MARK_FILE and is_report(path.parent) for path in paths):
            continue  # an earlier review report, not a student's work
        entry = _sorted_files(submission.student, paths)
        entry.notes = list(submission.notes)
        _add(found, entry)
    root = staging if source.is_file() else source
    for path in sorted(root.iterdir()) if root.is_dir() else []:
        if path.is_symlink() and not path.name.startswith("."):
            skipped.append(
                (
                    _plain_stem(path.name),
                    path.name,
                    "link",
                    f"{path.name} is a link to another place; the kit reads only the files "
                    "really in the submissions, so it was not followed",
                )
            )
            continue
        if path.is_file() and _is_annotation_file(path) and not path.name.startswith("."):
            claimed = any(path in entry.files + entry.exports for entry in found.values())
            if not claimed:
                student = _parse_flat_name(path.name)[0]
                _add(found, _sorted_files(_plain_stem(student), [path]))
    return sorted(found.values(), key=lambda entry: entry.student.lower())


def _sorted_files(student: str, paths) -> StudentFiles:
    entry = StudentFiles(student)
    for path in paths:
        if not _is_annotation_file(path):
            continue
        (entry.exports if path.suffix.lower() in EXPORTS else entry.files).append(path)
    return entry


def _add(found: dict[str, StudentFiles], entry: StudentFiles) -> None:
    """Two students of the same name (an LMS may list them so) are told apart."""
    name, number = entry.student, 2
    while name.casefold() in found:
        name = f"{entry.student} ({number})"
        number += 1
    entry.student = name
    found[name.casefold()] = entry


def _is_annotation_file(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(".checks.json") or _BACKUP.search(name):
        return False  # an exercise's checks, or a file the Annotator set aside
    return path.suffix.lower() in (".json", *EXPORTS)


def _plain_stem(name: str) -> str:
    """``ana.claims.json`` names the student ``ana``."""
    stem = Path(name).name
    for ending in (".json", ".jsonld", ".csv"):
        if stem.lower().endswith(ending):
            stem = stem[: -len(ending)]
    return stem.split(".")[0] or stem
