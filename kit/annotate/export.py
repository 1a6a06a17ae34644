"""Labels out to CSV and W3C Web Annotation JSON-LD, and back in from any of the kit's formats.

``read_annotations`` reads the kit's own JSON, a CSV export or Web Annotation
JSON-LD (see ``web_annotation.py``), one file or a class's folder of them.

Exports never overwrite the kit's own annotation files, the Annotator's file,
a notebook or any file that is not an earlier export of the same kind. CSV is
written as UTF-8 with a byte-order mark, so Excel shows accents and curly
quotes; a text cell starting with ``= + - @`` (which a spreadsheet would run
as a formula) is written with a ``'`` in front, and the kit removes that ``'``
when it reads the file back.

>>> import kit, tempfile, pathlib
>>> doc = kit.load("yomiuri-2024-04-06")
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> annotator = kit.Annotator(doc, path=folder / "a.json", annotator="ana")
>>> annotator.set(4, "fact")
>>> back = kit.read_annotations(annotator.to_web_annotation(folder / "a.jsonld"), doc)
>>> back.equals(annotator.labels)
True
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

from .._warn import warn
from ..errors import AnnotationFileError, ArgumentError, SchemeError, describe
from . import store
from .checks import ids_of_labels
from .labels import LABEL_COLUMNS, labels_table, tidy_labels
from .phrases import find_phrase
from .scheme import load_scheme, schemes
from .store import PLACEHOLDER_NAME
from .web_annotation import ANNO_CONTEXT, collection, is_web_annotation, read_web_annotation, stack

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_csv(labels, path, *, doc, scheme, keep=None) -> Path:
    """Write a labels table to ``path`` as CSV (UTF-8 with BOM), with the scheme and text names.

    ``keep`` is a file never to write over (the Annotator's own).
    """
    path = _output_path(path, ".csv", keep)
    table = labels[LABEL_COLUMNS].copy()
    table["scheme"] = scheme.name
    table["text"] = doc.slug
    for column in ("annotator", "label", "note", "phrase", "scheme", "text"):
        table[column] = table[column].map(_defused)
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, lineterminator="\r\n")
    _write(path, "\ufeff" + buffer.getvalue())
    return path


def write_web_annotation(labels, path, *, doc, scheme, keep=None) -> Path:
    """Write a labels table to ``path`` as a W3C Web Annotation collection (JSON-LD)."""
    path = _output_path(path, ".jsonld", keep)
    content = json.dumps(collection(labels, doc, scheme), ensure_ascii=False, indent=1)
    _write(path, content + "\n")
    return path


def _defused(value: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula: ``'=1+1``."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _restored(value: str) -> str:
    """Undo ``_defused``: drop the ``'`` the kit put before a formula-like cell."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


def read_annotations(path, doc, scheme=None, *, exports=None, allow_changed_text=False):
    """Labels from a kit JSON file, a CSV export or a Web Annotation JSON-LD export.

    Returns the labels table (annotator, sentence_id, label, note, start, end,
    phrase), checked against ``doc``: every label must point at the words it
    names, and use a label of its scheme (``"Fact"`` or ``"FACT"`` read as
    ``fact``). ``scheme`` (e.g. ``"claims"``), when given, must be the file's.

    A folder (and its sub-folders: one per student, as a class's submissions
    often come) reads every student's work, stacked. By default only the kit's
    own ``.json`` files are read where a folder has them; CSV and JSON-LD
    exports are read from folders without one (``exports=True`` reads them all,
    ``exports=False`` never). The same person's identical labels are counted
    once. A student is named by the name in the file; where that is the
    placeholder ``"me"``, by the sub-folder the file is in. Files that cannot be
    read, or hold another scheme's labels, are skipped with a warning naming
    them.

    ``allow_changed_text=True`` reads a kit file saved for an earlier version
    of the same text: each label is placed by finding its words in ``doc``;
    labels whose words are gone (or found twice) are left out, with a warning.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise ArgumentError(
            f"kit.read_annotations() takes a file's path in quotes, not {describe(path)}."
        )
    wanted = load_scheme(scheme).name if scheme is not None else None
    path = Path(path).expanduser()
    if path.is_dir():
        return _read_folder(path, doc, wanted, exports, allow_changed_text)
    if not path.is_file():
        raise AnnotationFileError(f"There is no file {path}. Check the name and the folder.")
    table, found = _read_file(path, doc, allow_changed_text)
    if wanted and found and found != wanted:
        raise AnnotationFileError(f"{path} holds labels of the {found!r} scheme, not {wanted!r}.")
    return _with_scheme(_normalised(table, found or wanted, path), found or wanted, doc)


_BACKUP = re.compile(r"\.[a-z-]+-\d{8}-\d{6}(-\d+)?\.json$")
_EXPORT_SUFFIXES = (".csv", ".jsonld")


def _class_files(folder: Path, exports) -> list[Path]:
    """The files to read in a class's folder and its sub-folders (see ``read_annotations``)."""
    chosen = []
    for directory, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith((".", "__")))
        files = [
            Path(directory) / name
            for name in sorted(names)
            if not name.startswith(".")
            and Path(name).suffix.lower() in (".json", *_EXPORT_SUFFIXES)
            and not _BACKUP.search(name)
        ]
        own = [p for p in files if p.suffix.lower() == ".json"]
        read_exports = exports if exports is not None else not any(map(_is_kit_file, own))
        chosen += own
        if read_exports:
            chosen += [p for p in files if p not in own]
    return chosen


def _is_kit_file(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return store.FORMAT.encode() in handle.read(4096)
    except OSError:
        return False


def _read_folder(folder: Path, doc, wanted: str | None, exports, allow_changed_text):
    import pandas as pd

    files = _class_files(folder, exports)
    tables, skipped, repeated, seen, names, found_schemes = [], [], [], {}, set(), set()
    for path in files:
        try:
            table, found = _read_file(path, doc, allow_changed_text)
            table = _normalised(table, wanted or found, path)
        except (AnnotationFileError, SchemeError) as error:
            skipped.append(f"{path.relative_to(folder)} ({error})")
            continue
        if wanted and found and found != wanted:
            skipped.append(f"{path.relative_to(folder)} (labels of the {found!r} scheme)")
            continue
        student = path.parent.name if path.parent != folder else None
        if student:
            table["annotator"] = [
                student if name in ("", PLACEHOLDER_NAME) else name for name in table.annotator
            ]
        parts = []
        for name, part in table.groupby("annotator", sort=False):
            signature = (name, found, _signature(part))
            if signature in seen:
                repeated.append(f"{path.relative_to(folder)} repeats {seen[signature]}")
                continue
            seen[signature] = path.relative_to(folder)
            parts.append(part)
        if not parts:
            continue
        table = pd.concat(parts, ignore_index=True)
        clash = set(table.annotator) & names
        if clash:
            tag = str(path.relative_to(folder).with_suffix(""))
            table["annotator"] = [
                f"{name} ({tag})" if name in clash else name for name in table.annotator
            ]
        names |= set(table.annotator)
        found_schemes |= {found} if found else set()
        tables.append(table)
    if skipped:
        warn(f"Skipped {len(skipped)} file(s) in {folder}: " + "; ".join(skipped))
    if repeated:
        warn(
            f"Counted once: {len(repeated)} file(s) held the same labels as another file of "
            "the same person (" + "; ".join(map(str, repeated)) + ")."
        )
    if not tables:
        raise AnnotationFileError(
            f"The folder {folder} holds no readable labels for this text (.json, .jsonld or "
            ".csv files)."
        )
    if len(found_schemes) > 1:
        raise AnnotationFileError(
            f"The folder {folder} mixes labels of several schemes "
            f"({', '.join(sorted(found_schemes))}). Say which to read, e.g. "
            f"kit.read_annotations(folder, doc, scheme={sorted(found_schemes)[0]!r})."
        )
    stacked = tidy_labels(pd.concat(tables, ignore_index=True))
    return _with_scheme(stacked, wanted or next(iter(found_schemes), None), doc)


def _signature(table) -> frozenset:
    return frozenset(
        zip(table.sentence_id, table.label, table.start, table.end, table.note, strict=True)
    )


def _normalised(table, name: str | None, path: Path):
    """Labels written as display names or in other case ("Fact", "FACT") as the scheme's ids;
    a label the scheme does not have is an error naming its rows."""
    if not name or name not in schemes() or table.empty:
        return table
    scheme = load_scheme(name)
    fixed, unknown = ids_of_labels(table, scheme)
    if unknown:
        raise AnnotationFileError(
            f"{path} has label(s) that are not in the {name!r} scheme — "
            + "; ".join(unknown[:8])
            + ("; …" if len(unknown) > 8 else "")
            + f". Its labels are: {', '.join(scheme.ids)}. Correct them in the file "
            "(check the spelling) and read it again."
        )
    table = table.copy()
    table["label"] = fixed
    return table


def _with_scheme(table, name: str | None, doc=None):
    """Note the scheme and the text on the table, so compare() knows its labels' order and
    unit, and refuses to set labels of one text against another's."""
    if doc is not None:
        table.attrs.update(text=doc.slug, text_hash=store.text_hash(doc.text))
    if name:
        table.attrs["scheme"] = name
        if name in schemes():
            shipped = load_scheme(name)
            table.attrs.update(unit=shipped.unit, labels=shipped.ids)
    return table


def _read_file(path: Path, doc, allow_changed_text: bool = False):
    """The labels in one file, and the scheme it names (None when it names none)."""
    if path.suffix.lower() == ".csv":
        return _read_csv(path, doc)
    try:
        content = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise AnnotationFileError(f"Could not read {path}: {error.strerror}.") from None
    except UnicodeDecodeError:
        raise AnnotationFileError(
            f"{path} is not a text file. The kit reads its own .json files, CSV exports "
            "and Web Annotation .jsonld files."
        ) from None
    try:
        data = json.loads(content)
    except json.JSONDecodeError as error:
        header = content.partition("\n")[0]
        if "sentence_id" in header and "label" in header:
            return _read_csv(path, doc)  # a CSV export under another name
        raise AnnotationFileError(
            f"{path} is neither CSV nor readable JSON ({error}). The kit reads its own "
            ".json files, CSV exports and Web Annotation .jsonld files."
        ) from None
    if isinstance(data, dict) and data.get("format") == store.FORMAT:
        return _read_kit_json(path, doc, allow_changed_text)
    if is_web_annotation(data):
        return read_web_annotation(data, path, doc)
    raise AnnotationFileError(
        f"{path} is JSON, but neither a kit annotations file nor W3C Web Annotations "
        f'(no "@context": "{ANNO_CONTEXT}").'
    )


def _read_kit_json(path: Path, doc, allow_changed_text: bool = False):
    record = store.read(path)
    entries = record["labels"]
    if record["text"]["hash"] != store.text_hash(doc.text):
        same_name = record["text"].get("slug") == doc.slug
        if not (allow_changed_text and same_name):
            advice = (
                " To read them anyway, placed by their words in this version, add "
                "allow_changed_text=True."
                if same_name
                else ""
            )
            raise AnnotationFileError(
                f"{path} holds labels for another text ({record['text'].get('slug')!r}, or an "
                f"earlier version of it), not for {doc.slug!r}.{advice}"
            )
        entries = _replaced(entries, doc, path, record["scheme"].get("unit") == "span")
    for entry in entries:
        _check_points(entry, doc, path)
    return labels_table(entries, record["annotator"]), record["scheme"]["name"]


def _replaced(entries: list[dict], doc, path: Path, spans: bool) -> list[dict]:
    """Labels of an earlier version of ``doc`` placed by finding their words in it."""
    sentences = [(r.sentence_id, r.start, r.end) for r in doc.sentences.itertuples()]
    placed, lost = [], []
    for entry in entries:
        hits = find_phrase(doc.text, entry["phrase"])
        if len(hits) != 1:
            lost.append(f"sentence {entry['sentence_id']} ({entry['phrase'][:40]!r})")
            continue
        start, end = hits[0]
        number = next(n for n, first, last in sentences if first <= start < last)
        if not spans:
            _, start, end = sentences[number - 1]
        placed.append(
            {
                **entry,
                "sentence_id": number,
                "start": start,
                "end": end,
                "phrase": doc.text[start:end],
            }
        )
    if lost:
        warn(
            f"{path}: {len(lost)} label(s) left out, their words are not found once in this "
            "version of the text: " + "; ".join(lost)
        )
    return placed


def _read_csv(path: Path, doc):
    try:
        data = path.read_bytes()
    except OSError as error:
        raise AnnotationFileError(f"Could not read {path}: {error.strerror}.") from None
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnnotationFileError(
            f"{path} is not saved as UTF-8 text (a spreadsheet program may have saved it in "
            'another encoding). In Excel choose File ▸ Save As ▸ "CSV UTF-8 (Comma '
            'delimited)"; in LibreOffice tick "Edit filter settings" and choose '
            "Unicode (UTF-8). Then read it again."
        ) from None
    header = content.partition("\n")[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(content, newline=""), delimiter=delimiter)
    missing = [column for column in LABEL_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise AnnotationFileError(
            f"{path} lacks the column(s) {', '.join(missing)}. A labels CSV has the columns "
            f"{', '.join(LABEL_COLUMNS)}."
        )
    by_annotator: dict[str, list[dict]] = {}
    named: set[str | None] = set()
    for number, row in enumerate(reader, start=2):
        try:
            entry = {
                "sentence_id": int(row["sentence_id"]),
                "label": _restored((row["label"] or "").strip()),
                "note": _restored(row["note"] or ""),
                "start": int(row["start"]),
                "end": int(row["end"]),
                "phrase": _restored(row["phrase"] or ""),
            }
        except (TypeError, ValueError):
            raise AnnotationFileError(
                f"{path}, line {number}: sentence_id, start and end must be whole numbers."
            ) from None
        _check_points(entry, doc, path, line=number)
        by_annotator.setdefault(_restored(row["annotator"] or ""), []).append(entry)
        named.add(_restored(row.get("scheme") or "") or None)
    return stack(by_annotator), (named.pop() if len(named) == 1 else None)


def _check_points(entry: dict, doc, path: Path, line: int | None = None) -> None:
    where = f"{path}, line {line}" if line else str(path)
    start, end = entry["start"], entry["end"]
    if not 0 <= start < end <= len(doc.text) or doc.text[start:end] != entry["phrase"]:
        raise AnnotationFileError(
            f"{where}: the label on sentence {entry['sentence_id']} does not point at its "
            f"phrase in {doc.slug!r}. Was it made for another text?"
        )


def _output_path(path, suffix: str, keep=None) -> Path:
    """The file to export to, checked: never a kit file, the Annotator's, a notebook or a folder."""
    kind = "CSV" if suffix == ".csv" else "Web Annotation (JSON-LD)"
    if not isinstance(path, (str, os.PathLike)):
        raise ArgumentError(
            f"Give the file to write as a name in quotes, e.g. 'labels{suffix}', not "
            f"{describe(path)}."
        )
    path = Path(path).expanduser()
    if path.is_dir():
        raise AnnotationFileError(
            f"{path} is a folder. Give a file name inside it, e.g. "
            f"{str(path / ('labels' + suffix))!r}."
        )
    if not path.suffix:
        path = path.with_name(path.name + suffix)
    elif path.suffix.lower() != suffix:
        raise AnnotationFileError(
            f"A {kind} export is a {suffix} file, so the kit will not write it to "
            f"{path.name!r} (that name could be your saved labels, a notebook or another "
            f"program's file). Use a name ending in {suffix}, e.g. "
            f"{path.with_suffix(suffix).name!r}."
        )
    if keep is not None and _same_file(path, Path(keep)):
        raise AnnotationFileError(
            f"{path} is where this Annotator saves your labels; exporting there would replace "
            f"them. Choose another name, e.g. {path.with_name(path.stem + '_export' + suffix)!r}."
        )
    if not path.parent.is_dir():
        raise AnnotationFileError(f"The folder {path.parent} does not exist. Create it first.")
    if path.exists() and not _earlier_export(path, suffix):
        raise AnnotationFileError(
            f"{path} already exists and is not a {kind} export of labels made by the kit, so "
            "the kit will not overwrite it. Choose another name, or move that file first."
        )
    return path


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve() or (
            first.exists() and second.exists() and first.samefile(second)
        )
    except OSError:
        return False


def _earlier_export(path: Path, suffix: str) -> bool:
    """True when ``path`` holds an earlier export of the same kind, which may be replaced."""
    if not path.is_file():
        return False
    try:
        head = path.read_bytes()[:200_000].decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    if store.FORMAT in head:
        return False
    if suffix == ".csv":
        first = head.partition("\n")[0].strip()
        return first.replace(";", ",").startswith(",".join(LABEL_COLUMNS))
    try:
        return is_web_annotation(json.loads(head))
    except json.JSONDecodeError:
        return False


def _write(path: Path, content: str) -> None:
    try:
        store.write_atomically(path, content)
    except OSError as error:
        raise AnnotationFileError(
            f"Could not write {path}: {error.strerror or error}. Choose a folder you can write "
            "to (your home folder, or the folder of this notebook) and try again; your labels "
            "are safe in the annotator's own file."
        ) from None
