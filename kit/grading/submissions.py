"""Find the submissions to grade: a folder per student, ``<student>.ipynb`` files, or the zip
an LMS exports (Canvas or Moodle naming), one ``Submission`` per student.

A student who submitted twice (two notebooks in a folder, two files in a zip) is graded on the
newest, and the submission's notes say so. A zip is unpacked safely: no path escapes the
unpacking folder (zip-slip), no links, and sizes are counted while unpacking (zip bombs).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "ada.ipynb").write_text("{}")
>>> (folder / "grace").mkdir(); _ = (folder / "grace" / "ex00.ipynb").write_text("{}")
>>> [s.student for s in find_submissions(folder, folder / ".staging")]
['ada', 'grace']
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import struct
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from kit.errors import SubmissionsError

MAX_FILES_PER_STUDENT = 500
MAX_STUDENT_BYTES = 200 * 2**20
MAX_ZIP_ENTRIES = 20_000
MAX_ZIP_ENTRY_BYTES = 100 * 2**20
MAX_ZIP_TOTAL_BYTES = 2 * 2**30
MAX_ZIP_RATIO = 200
_IGNORED = {"__MACOSX", ".ipynb_checkpoints", "__pycache__", ".DS_Store", ".git"}
_CANVAS = re.compile(r"^(?P<name>[^_]+?)(?:_LATE|_late)?_(?P<id>\d+)_(?P<sub>\d+)_(?P<file>.+)$")
_MOODLE = re.compile(r"^(?P<name>.+?)_(?P<id>\d+)_assignsubmission_[a-z]+_?$")


@dataclass
class Submission:
    """One student's work: the notebook to grade and the files to copy beside it."""

    student: str
    notebook: Path | None
    files: list[tuple[Path, str]] = field(default_factory=list)  # (source, name in the copy)
    lms_id: str = ""
    notes: list[str] = field(default_factory=list)
    problem: str = ""  # why it cannot be graded at all (then notebook is None)


def find_submissions(
    source: Path, staging: Path, skip: Path | None = None, unattributed: list | None = None
) -> list[Submission]:
    """Every student's submission under ``source`` (folder, notebook or zip), sorted by name.

    ``staging`` is where a zip is unpacked (created if needed); ``skip`` is a folder not to
    take for a student's (the grader's output folder, when it sits among the submissions).
    What was skipped in a zip is noted on the student it belonged to (a student left with
    nothing gets a submission saying why); notes that belong to no student go to
    ``unattributed``.
    """
    source = Path(source)
    if source.is_dir():
        return _from_folder(source, skip)
    if source.is_file() and source.suffix.lower() == ".ipynb":
        return [Submission(source.stem, source, [(source, source.name)])]
    if source.is_file() and zipfile.is_zipfile(source):
        notes = unpack_zip(source, staging)
        return _with_zip_notes(_from_folder(staging), notes, unattributed)
    if not source.exists():
        raise SubmissionsError(f"{source} does not exist: give a folder, a notebook or a zip.")
    raise SubmissionsError(
        f"{source} is neither a folder, a notebook (.ipynb) nor a zip file an LMS exported."
    )


def _visible(path: Path) -> bool:
    return not path.name.startswith(".") and path.name not in _IGNORED


def _from_folder(folder: Path, skip: Path | None = None) -> list[Submission]:
    groups: dict[str, list[Submission]] = {}
    flat_extras: dict[str, list[tuple[Path, str]]] = {}
    skip = skip.resolve() if skip else None
    for entry in sorted(folder.iterdir()):
        if not _visible(entry) or entry.is_symlink() or entry.resolve() == skip:
            continue
        if _released_by_kit(entry):
            continue
        if entry.is_dir():
            submission = _from_student_folder(entry)
            groups.setdefault(_key(submission), []).append(submission)
        elif entry.is_file():
            student, lms_id, original = _parse_flat_name(entry.name)
            if entry.suffix.lower() == ".ipynb":
                submission = Submission(student, entry, [], lms_id)
                submission.files.append((entry, original))
                groups.setdefault(_key(submission), []).append(submission)
            elif lms_id:  # another file a student uploaded (Canvas keeps them flat)
                flat_extras.setdefault(lms_id, []).append((entry, original))
    result = []
    for group in groups.values():
        chosen = _newest(group)
        if chosen.lms_id in flat_extras and chosen.notebook is not None:
            chosen.files.extend(flat_extras[chosen.lms_id])
        result.append(chosen)
    return sorted(result, key=lambda s: (s.student.lower(), s.lms_id))


def _released_by_kit(entry: Path) -> bool:
    """What ``kit release`` wrote beside the students' notebooks, when a class's work is
    collected in the released folder: the ``texts/`` folder (texts, no notebook) and the blank
    notebook that has its ``.checks.json`` beside it. Neither is a student."""
    try:
        if entry.is_dir() and entry.name == "texts":
            inside = [p for p in entry.rglob("*") if p.is_file()][:1000]
            return not any(p.suffix.lower() == ".ipynb" for p in inside) and any(
                p.name == "text.txt" for p in inside
            )
        if entry.is_file() and entry.suffix.lower() == ".ipynb":
            return entry.with_suffix(".checks.json").is_file()
    except OSError:
        return False
    return False


def _key(submission: Submission) -> str:
    return submission.lms_id or submission.student


def _parse_flat_name(name: str) -> tuple[str, str, str]:
    """(student, LMS id, original file name) from a file name, Canvas style or plain."""
    match = _CANVAS.match(name)
    if match:
        return match["name"], match["id"], match["file"]
    return Path(name).stem, "", name


def _from_student_folder(folder: Path) -> Submission:
    match = _MOODLE.match(folder.name)
    student, lms_id = (match["name"], match["id"]) if match else (folder.name, "")
    files, notes = _student_files(folder)
    notebooks = [path for path, name in files if name.lower().endswith(".ipynb")]
    submission = Submission(student, None, files, lms_id, notes)
    if not notebooks:
        submission.problem = "no notebook (.ipynb) in the student's folder"
        return submission
    if len(notebooks) > 1:
        notebooks.sort(key=lambda path: (path.stat().st_mtime, path.name))
        submission.notes.append(
            f"{len(notebooks)} notebooks in the folder; graded the newest, "
            f"{notebooks[-1].relative_to(folder)} (saved {_when(notebooks[-1])})"
        )
    submission.notebook = notebooks[-1]
    return submission


def _student_files(folder: Path) -> tuple[list[tuple[Path, str]], list[str]]:
    """Regular files under ``folder`` (no links, no devices), within the size caps."""
    files, notes, total = [], [], 0
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if _visible(Path(d)))
        for name in sorted(names):
            path = Path(root, name)
            if not _visible(path):
                continue
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode):
                notes.append(f"skipped {path.relative_to(folder)} (not a regular file)")
                continue
            total += info.st_size
            if len(files) >= MAX_FILES_PER_STUDENT or total > MAX_STUDENT_BYTES:
                notes.append("the folder holds too many or too large files; some were not copied")
                return files, notes
            files.append((path, str(path.relative_to(folder))))
    return files, notes


def _newest(group: list[Submission]) -> Submission:
    if len(group) == 1:
        return group[0]
    gradable = [s for s in group if s.notebook is not None] or group
    gradable.sort(key=lambda s: (s.notebook.stat().st_mtime if s.notebook else 0, str(s.notebook)))
    chosen = gradable[-1]
    chosen.notes.append(
        f"submitted {len(group)} times; graded the newest, {chosen.notebook.name if chosen.notebook else '?'}"
        f" (saved {_when(chosen.notebook) if chosen.notebook else '?'})"
    )
    return chosen


def _when(path: Path) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))


class ZipNote(str):
    """A note on a skipped zip entry, with the student it belongs to (``owner``) if known."""

    owner: tuple[str, str] | None = None


def _note(text: str, parts: list[str] | None) -> ZipNote:
    note = ZipNote(text)
    if parts:
        if len(parts) > 1:  # a folder per student (Moodle)
            match = _MOODLE.match(parts[0])
            note.owner = (match["name"], match["id"]) if match else (parts[0], "")
        else:  # a flat file (Canvas)
            student, lms_id, _original = _parse_flat_name(parts[0])
            note.owner = (student, lms_id)
    return note


def _with_zip_notes(
    submissions: list[Submission], notes: list[str], unattributed: list | None
) -> list[Submission]:
    by_owner = {(s.student, s.lms_id): s for s in submissions}
    by_id = {s.lms_id: s for s in submissions if s.lms_id}
    for note in notes:
        owner = getattr(note, "owner", None)
        if owner is None:
            if unattributed is not None:
                unattributed.append(str(note))
            continue
        submission = by_owner.get(owner) or (by_id.get(owner[1]) if owner[1] else None)
        if submission is None:  # everything this student sent was skipped
            submission = Submission(owner[0], None, [], owner[1])
            submission.problem = "no notebook could be taken from the zip"
            by_owner[owner] = submission
            if owner[1]:
                by_id[owner[1]] = submission
            submissions.append(submission)
        submission.notes.append(str(note))
        if submission.notebook is None:
            submission.problem = f"no notebook could be taken from the zip ({note})"
    return sorted(submissions, key=lambda s: (s.student.lower(), s.lms_id))


def _entry_name(info: zipfile.ZipInfo) -> str:
    """An entry's name: zips made without the UTF-8 flag (Info-ZIP, older Windows) mostly hold
    UTF-8 all the same, which Python reads as cp437 (``Chloé`` → ``Chlo├⌐``)."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _safe_parts(name: str) -> list[str] | None:
    if name[:1] in ("/", "\\"):  # an absolute path: never unpacked, even inside the folder
        return None
    parts = [part for part in re.split(r"[\\/]+", name) if part not in ("", ".")]
    if not parts or any(part == ".." or ":" in part or "\0" in part for part in parts):
        return None
    return parts


def unpack_zip(archive: Path, target: Path) -> list[str]:
    """Unpack ``archive`` into ``target`` safely; return notes on what was skipped."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    notes: list[str] = []
    total = 0
    readable = _readable_zip(archive, target.parent)
    try:
        with zipfile.ZipFile(readable) as zipped:
            entries = zipped.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise SubmissionsError(
                    f"{archive.name} holds {len(entries)} files; the grader unpacks at most "
                    f"{MAX_ZIP_ENTRIES}."
                )
            for info in entries:
                if info.is_dir():
                    continue
                info.filename = _entry_name(info)
                parts = _safe_parts(info.filename)
                if parts is None or parts[0] in _IGNORED:
                    if parts is None:
                        notes.append(
                            _note(f"skipped {info.filename!r} in the zip (unsafe path)", None)
                        )
                    continue
                if stat.S_ISLNK(info.external_attr >> 16):
                    notes.append(_note(f"skipped {info.filename!r} in the zip (a link)", parts))
                    continue
                if info.file_size > MAX_ZIP_ENTRY_BYTES or (
                    info.file_size > 2**20
                    and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1)
                ):
                    notes.append(
                        _note(f"skipped {info.filename!r} in the zip (too large unpacked)", parts)
                    )
                    continue
                destination = target.joinpath(*parts)
                if not destination.resolve().is_relative_to(target.resolve()):
                    notes.append(_note(f"skipped {info.filename!r} in the zip (unsafe path)", None))
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                written = _copy_capped(zipped, info, destination, MAX_ZIP_TOTAL_BYTES - total)
                if written is None:
                    notes.append(
                        _note(
                            f"skipped {info.filename!r} in the zip (larger than it claims)", parts
                        )
                    )
                    continue
                total += written
                stamp = time.mktime((*info.date_time, 0, 0, -1))
                os.utime(destination, (stamp, stamp))
    except (zipfile.BadZipFile, OSError, EOFError, UnicodeDecodeError) as error:
        raise SubmissionsError(f"{archive.name} could not be unpacked: {error}") from error
    finally:
        if readable != archive:
            readable.unlink(missing_ok=True)
    return notes


def _readable_zip(archive: Path, scratch: Path) -> Path:
    """``archive``, or a copy of it whose entries flagged UTF-8 but named in another encoding
    lose the flag (Python's zipfile refuses the whole archive for one such name)."""
    try:
        zipfile.ZipFile(archive).close()
        return archive
    except (UnicodeDecodeError, UnicodeEncodeError):
        pass
    except (zipfile.BadZipFile, OSError, EOFError):
        return archive  # reported by the caller
    handle, name = tempfile.mkstemp(suffix=".zip", dir=scratch)
    os.close(handle)
    copy = Path(name)
    shutil.copyfile(archive, copy)
    with open(copy, "r+b") as file:
        file.seek(0, os.SEEK_END)
        tail_start = max(0, file.tell() - 65_557)
        file.seek(tail_start)
        tail = file.read()
        end = tail.rfind(b"PK\x05\x06")
        if end < 0 or end + 22 > len(tail):
            return copy
        size, offset = struct.unpack_from("<II", tail, end + 12)
        file.seek(offset)
        directory = file.read(size)
        position = 0
        while directory[position : position + 4] == b"PK\x01\x02":
            flags = struct.unpack_from("<H", directory, position + 8)[0]
            length, extra, comment = struct.unpack_from("<HHH", directory, position + 28)
            local = struct.unpack_from("<I", directory, position + 42)[0]
            raw = directory[position + 46 : position + 46 + length]
            if flags & 0x800 and not _is_utf8(raw):
                file.seek(offset + position + 8)
                file.write(struct.pack("<H", flags & ~0x800))
                file.seek(local)
                header = file.read(8)
                if header[:4] == b"PK\x03\x04":
                    file.seek(local + 6)
                    file.write(struct.pack("<H", struct.unpack_from("<H", header, 6)[0] & ~0x800))
            position += 46 + length + extra + comment
    return copy


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _copy_capped(zipped, info, destination: Path, budget: int) -> int | None:
    limit = min(MAX_ZIP_ENTRY_BYTES, budget)
    written = 0
    with zipped.open(info) as source, open(destination, "wb") as sink:
        while chunk := source.read(1 << 16):
            written += len(chunk)
            if written > limit:
                break
            sink.write(chunk)
    if written > limit:
        destination.unlink()
        return None
    return written
