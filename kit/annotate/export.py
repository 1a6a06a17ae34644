"""Labels out to CSV and W3C Web Annotation JSON-LD, and back in from any of the kit's formats.

``read_annotations`` reads the kit's own JSON, a CSV export or Web Annotation
JSON-LD (see ``web_annotation.py``), one file or a class's folder of them.

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
from pathlib import Path

from .._warn import warn
from ..errors import AnnotationFileError, ArgumentError, describe
from . import store
from .labels import LABEL_COLUMNS, labels_table, tidy_labels
from .scheme import load_scheme, schemes
from .web_annotation import ANNO_CONTEXT, collection, is_web_annotation, read_web_annotation, stack


def write_csv(labels, path, *, doc, scheme) -> Path:
    """Write a labels table to ``path`` as CSV (UTF-8), with the scheme and text names."""
    path = _output_path(path, ".csv")
    table = labels[LABEL_COLUMNS].copy()
    table["scheme"] = scheme.name
    table["text"] = doc.slug
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, lineterminator="\n")
    store.write_atomically(path, buffer.getvalue())
    return path


def write_web_annotation(labels, path, *, doc, scheme) -> Path:
    """Write a labels table to ``path`` as a W3C Web Annotation collection (JSON-LD)."""
    path = _output_path(path, ".jsonld")
    content = json.dumps(collection(labels, doc, scheme), ensure_ascii=False, indent=1)
    store.write_atomically(path, content + "\n")
    return path


def read_annotations(path, doc, scheme=None):
    """Labels from a kit JSON file, a CSV export or a Web Annotation JSON-LD export.

    Returns the labels table (annotator, sentence_id, label, note, start, end,
    phrase), checked against ``doc``: every label must point at the words it
    names. ``scheme`` (e.g. ``"claims"``), when given, must be the file's.

    A folder reads every such file in it, stacked: a class's work. Files that
    cannot be read, or hold another scheme's labels, are skipped with a warning
    naming them; two files under one name (say, both "me") are told apart by
    their file names.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise ArgumentError(
            f"kit.read_annotations() takes a file's path in quotes, not {describe(path)}."
        )
    wanted = load_scheme(scheme).name if scheme is not None else None
    path = Path(path).expanduser()
    if path.is_dir():
        return _read_folder(path, doc, wanted)
    if not path.is_file():
        raise AnnotationFileError(f"There is no file {path}. Check the name and the folder.")
    table, found = _read_file(path, doc)
    if wanted and found and found != wanted:
        raise AnnotationFileError(f"{path} holds labels of the {found!r} scheme, not {wanted!r}.")
    return _with_scheme(table, found or wanted)


def _read_folder(folder: Path, doc, wanted: str | None):
    import pandas as pd

    files = sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in (".json", ".jsonld", ".csv") and not p.name.startswith(".")
    )
    tables, skipped, names, found_schemes = [], [], set(), set()
    for path in files:
        try:
            table, found = _read_file(path, doc)
        except AnnotationFileError as error:
            skipped.append(f"{path.name} ({error})")
            continue
        if wanted and found and found != wanted:
            skipped.append(f"{path.name} (labels of the {found!r} scheme)")
            continue
        clash = set(table.annotator) & names
        if clash:
            table["annotator"] = [
                f"{name} ({path.stem})" if name in clash else name for name in table.annotator
            ]
        names |= set(table.annotator)
        found_schemes |= {found} if found else set()
        tables.append(table)
    if skipped:
        warn(f"Skipped {len(skipped)} file(s) in {folder}: " + "; ".join(skipped))
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
    return _with_scheme(stacked, wanted or next(iter(found_schemes), None))


def _with_scheme(table, name: str | None):
    """Note the scheme on the table, so compare() knows its labels' order and unit."""
    if name:
        table.attrs["scheme"] = name
        if name in schemes():
            shipped = load_scheme(name)
            table.attrs.update(unit=shipped.unit, labels=shipped.ids)
    return table


def _read_file(path: Path, doc):
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
        return _read_kit_json(path, doc)
    if is_web_annotation(data):
        return read_web_annotation(data, path, doc)
    raise AnnotationFileError(
        f"{path} is JSON, but neither a kit annotations file nor W3C Web Annotations "
        f'(no "@context": "{ANNO_CONTEXT}").'
    )


def _read_kit_json(path: Path, doc):
    record = store.read(path)
    if record["text"]["hash"] != store.text_hash(doc.text):
        raise AnnotationFileError(
            f"{path} holds labels for another text ({record['text'].get('slug')!r}, or an "
            f"earlier version of it), not for {doc.slug!r}."
        )
    entries = record["labels"]
    for entry in entries:
        _check_points(entry, doc, path)
    return labels_table(entries, record["annotator"]), record["scheme"]["name"]


def _read_csv(path: Path, doc):
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise AnnotationFileError(f"Could not read {path} as UTF-8 text: {error}.") from None
    reader = csv.DictReader(io.StringIO(content, newline=""))
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
                "label": row["label"],
                "note": row["note"] or "",
                "start": int(row["start"]),
                "end": int(row["end"]),
                "phrase": row["phrase"] or "",
            }
        except (TypeError, ValueError):
            raise AnnotationFileError(
                f"{path}, line {number}: sentence_id, start and end must be whole numbers."
            ) from None
        _check_points(entry, doc, path, line=number)
        by_annotator.setdefault(row["annotator"] or "", []).append(entry)
        named.add(row.get("scheme") or None)
    return stack(by_annotator), (named.pop() if len(named) == 1 else None)


def _check_points(entry: dict, doc, path: Path, line: int | None = None) -> None:
    where = f"{path}, line {line}" if line else str(path)
    start, end = entry["start"], entry["end"]
    if not 0 <= start < end <= len(doc.text) or doc.text[start:end] != entry["phrase"]:
        raise AnnotationFileError(
            f"{where}: the label on sentence {entry['sentence_id']} does not point at its "
            f"phrase in {doc.slug!r}. Was it made for another text?"
        )


def _output_path(path, suffix: str) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise ArgumentError(
            f"Give the file to write as a name in quotes, e.g. 'labels{suffix}', not "
            f"{describe(path)}."
        )
    path = Path(path).expanduser()
    if not path.parent.is_dir():
        raise AnnotationFileError(f"The folder {path.parent} does not exist. Create it first.")
    return path
