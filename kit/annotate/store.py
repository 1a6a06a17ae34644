"""The saved annotations file: written whole or not at all, and checked when read back.

Each save writes a temporary file in the same folder, flushes it to disk
(``fsync``) and renames it over the old file (``os.replace``), so a crash or a
full disk mid-save leaves the previous file whole. A file that is not the
kit's, is damaged, or belongs to another text is never overwritten.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_atomically(folder / "a.json", '{"x": 1}')
>>> (folder / "a.json").read_text()
'{"x": 1}'
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path

from ..errors import AnnotationFileError

FORMAT = "media-literacy-kit/annotations"
VERSION = 1
LABEL_FIELDS = ("sentence_id", "label", "note", "start", "end", "phrase")
PLACEHOLDER_NAME = "me"  # the annotator's name when they gave none and the system has none


def text_hash(text: str) -> str:
    """The SHA-256 of a text, to tell whether labels belong to it.

    >>> text_hash("Veto")[:12]
    'sha256:301eb'
    """
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_path(doc, scheme_name: str, folder: Path | None = None) -> Path:
    """``<slug>.<scheme>.json`` in ``folder`` (default: the current folder, beside the notebook).

    >>> default_path(type("D", (), {"slug": "yomiuri-2024-04-06"}), "claims").name
    'yomiuri-2024-04-06.claims.json'
    """
    return (folder or Path.cwd()) / f"{doc.slug}.{scheme_name}.json"


def write_atomically(path: Path, content: str) -> None:
    """Replace ``path`` by ``content`` so that readers see the old file or the new, never half."""
    path = Path(path)
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".saving"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)


def _mode_for(path: Path) -> int:
    """Keep the old file's permissions; a new file gets the usual ones (not mkstemp's 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def save(path: Path, *, doc, scheme, annotator: str, labels: list[dict]) -> None:
    """Write the kit's annotations file for ``doc`` at ``path``."""
    record = {
        "format": FORMAT,
        "version": VERSION,
        "text": {"slug": doc.slug, "hash": text_hash(doc.text), "title": doc.title},
        "scheme": {"name": scheme.name, "unit": scheme.unit, "labels": list(scheme.ids)},
        "annotator": annotator,
        "saved": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "labels": [{field: label[field] for field in LABEL_FIELDS} for label in labels],
    }
    write_atomically(path, json.dumps(record, ensure_ascii=False, indent=1) + "\n")


def read(path: Path) -> dict | None:
    """The record saved at ``path``; None when there is no file yet.

    Raises ``AnnotationFileError`` for a file that is not the kit's or is damaged,
    with ``.reason`` set to ``"damaged"``, ``"foreign"`` or ``"newer"``.
    """
    path = Path(path)
    if path.is_dir():
        raise AnnotationFileError(
            f"{path} is a folder. Give the path of a file, e.g. path='my_labels.json'."
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise AnnotationFileError(f"Could not read {path}: {error.strerror}.") from None
    try:
        record = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        if data.strip() and FORMAT.encode() not in data:
            raise _problem(
                "foreign",
                f"{path} is not one of the kit's annotation files (it is not JSON, and has "
                "no sign of the kit's format): another program, or you, may own it.",
            ) from None
        raise _problem(
            "damaged",
            f"{path} is a kit annotations file that cannot be read ({_short(error)}): it is "
            "damaged, perhaps edited by hand.",
        ) from None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise _problem(
            "foreign",
            f"{path} is a JSON file, but not one of the kit's annotation files (it has no "
            f'"format": "{FORMAT}" marker): another program may own it.',
        )
    version = record.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise _problem(
            "newer",
            f"{path} was saved by a newer version of the kit (format version {version!r}; "
            f"this kit reads version {VERSION}). Open it with that kit, or update this one.",
        )
    problem = _shape_problem(record)
    if problem:
        raise _problem("damaged", f"{path} is an annotations file, but {problem}.")
    return record


def _shape_problem(record: dict) -> str | None:
    text, scheme, labels = record.get("text"), record.get("scheme"), record.get("labels")
    if not isinstance(text, dict) or not isinstance(text.get("hash"), str):
        return "its text section is missing"
    if not isinstance(scheme, dict) or not isinstance(scheme.get("name"), str):
        return "its scheme section is missing"
    if not isinstance(record.get("annotator"), str):
        return "the annotator's name is missing"
    if not isinstance(labels, list):
        return "its labels are missing"
    for number, label in enumerate(labels, start=1):
        if not isinstance(label, dict) or set(LABEL_FIELDS) - label.keys():
            return f"label {number} lacks some of {', '.join(LABEL_FIELDS)}"
        if not all(isinstance(label[key], int) for key in ("sentence_id", "start", "end")):
            return f"label {number} has a sentence_id, start or end that is not a whole number"
        if not all(isinstance(label[key], str) for key in ("label", "note", "phrase")):
            return f"label {number} has a label, note or phrase that is not text"
    return None


def salvage(path: Path) -> list[dict]:
    """The label entries still readable in a damaged file (e.g. cut short mid-save).

    Each label is its own JSON object in the file; every one that still parses
    whole, with the right fields, is kept. Nothing is guessed.

    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "x.json"
    >>> _ = bad.write_text('{"labels": [{"sentence_id": 1, "label": "fact", "note": "", '
    ...                    '"start": 0, "end": 4, "phrase": "Veto"}, {"sentence_id": 2, "la')
    >>> [entry["label"] for entry in salvage(bad)]
    ['fact']
    """
    try:
        content = Path(path).read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return []
    decoder = json.JSONDecoder()
    found, index = [], content.find('"labels"')
    while index != -1:
        index = content.find("{", index + 1)
        if index == -1:
            break
        try:
            entry, end = decoder.raw_decode(content, index)
        except json.JSONDecodeError:
            continue
        if isinstance(entry, dict) and not _shape_problem(
            {"text": {"hash": ""}, "scheme": {"name": ""}, "annotator": "", "labels": [entry]}
        ):
            found.append({field: entry[field] for field in LABEL_FIELDS})
            index = end - 1
    return found


def backup_path(path: Path, reason: str) -> Path:
    """A free name beside ``path`` to set it aside: ``x.claims.damaged-20240406-093000.json``."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    candidate = path.with_name(f"{stem}.{reason}-{stamp}{path.suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{stem}.{reason}-{stamp}-{number}{path.suffix}")
        number += 1
    return candidate


def _problem(reason: str, message: str) -> AnnotationFileError:
    error = AnnotationFileError(message)
    error.reason = reason
    return error


def _short(error: Exception) -> str:
    return str(error).split(":")[0] if isinstance(error, UnicodeDecodeError) else str(error)
