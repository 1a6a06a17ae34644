"""Labels out to CSV and W3C Web Annotation JSON-LD, and back in from any of the kit's formats.

The Web Annotation export (https://www.w3.org/TR/annotation-model/) gives each
label a ``TextQuoteSelector`` (the exact words with a little text before and
after) and a ``TextPositionSelector`` (character offsets into the text), so
tools like Hypothesis-style annotators or INCEpTION can place it.

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
from urllib.parse import quote

from .._warn import warn
from ..errors import AnnotationFileError, ArgumentError, describe
from . import store
from .labels import LABEL_COLUMNS, labels_table, tidy_labels
from .phrases import find_phrase
from .scheme import load_scheme, schemes

CSV_COLUMNS = [*LABEL_COLUMNS, "scheme", "text"]
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_SCHEME_IRI = "urn:x-media-literacy-kit:scheme:"
_AFFIX = 32  # characters of prefix and suffix in a TextQuoteSelector


def text_iri(doc) -> str:
    """An identifier for the text that names it and pins its exact version."""
    return f"urn:x-media-literacy-kit:text:{doc.slug}#{store.text_hash(doc.text)}"


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
    items = [_annotation(row, doc, scheme) for row in labels.itertuples(index=False)]
    collection = {
        "@context": ANNO_CONTEXT,
        "type": "AnnotationCollection",
        "label": f"{scheme.name} labels on {doc.title}",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    content = json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
    store.write_atomically(path, content)
    return path


def _annotation(row, doc, scheme) -> dict:
    text = doc.text
    bodies = [
        {
            "type": "TextualBody",
            "purpose": "classifying",
            "value": row.label,
            "source": f"{_SCHEME_IRI}{scheme.name}#{row.label}",
        }
    ]
    if row.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": row.note})
    return {
        "id": f"urn:x-media-literacy-kit:label:{quote(doc.slug, safe='')}:"
        f"{quote(row.annotator, safe='')}:{row.sentence_id}:{row.start}-{row.end}:{row.label}",
        "type": "Annotation",
        "motivation": "classifying",
        "creator": {"type": "Person", "name": row.annotator},
        "body": bodies,
        "target": {
            "source": text_iri(doc),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": text[row.start : row.end],
                    "prefix": text[max(0, row.start - _AFFIX) : row.start],
                    "suffix": text[row.end : row.end + _AFFIX],
                },
                {"type": "TextPositionSelector", "start": int(row.start), "end": int(row.end)},
            ],
        },
    }


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
    if _is_web_annotation(data):
        return _read_web_annotation(data, path, doc)
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
    return _stack(by_annotator), (named.pop() if len(named) == 1 else None)


def _is_web_annotation(data) -> bool:
    if isinstance(data, list):
        return bool(data) and all(_is_web_annotation(item) for item in data)
    if not isinstance(data, dict):
        return False
    context = data.get("@context")
    contexts = context if isinstance(context, list) else [context]
    return ANNO_CONTEXT in contexts or data.get("type") in ("Annotation", "AnnotationPage")


def _items(data) -> list[dict]:
    if isinstance(data, list):
        return [item for part in data for item in _items(part)]
    kind = data.get("type")
    if kind == "AnnotationCollection":
        first = data.get("first")
        return _items(first) if isinstance(first, dict) else []
    if kind == "AnnotationPage":
        found = list(data.get("items", []))
        following = data.get("next")
        return found + (_items(following) if isinstance(following, dict) else [])
    return [data]


def _read_web_annotation(data, path: Path, doc):
    sentences = [(r.sentence_id, r.start, r.end) for r in doc.sentences.itertuples()]
    by_annotator: dict[str, list[dict]] = {}
    named: set[str | None] = set()
    for number, item in enumerate(_items(data), start=1):
        where = f"{path}, annotation {number}"
        bodies = item.get("body", [])
        bodies = bodies if isinstance(bodies, list) else [bodies]
        label_body = next((b for b in bodies if isinstance(b, dict) and _is_label(b, item)), {})
        label = label_body.get("value")
        source = str(label_body.get("source", ""))
        if source.startswith(_SCHEME_IRI):
            named.add(source[len(_SCHEME_IRI) :].split("#")[0])
        else:
            named.add(None)
        note = next(
            (
                b.get("value")
                for b in bodies
                if isinstance(b, dict) and b.get("purpose") == "commenting"
            ),
            "",
        )
        if not isinstance(label, str):
            raise AnnotationFileError(f"{where} has no classifying body with a label value.")
        start, end = _place(item.get("target"), doc, where)
        sentence_id = next((s for s, first, last in sentences if first <= start < last), None)
        if sentence_id is None:
            raise AnnotationFileError(f"{where} points outside the text's sentences.")
        creator = item.get("creator") or {}
        name = creator.get("name", "") if isinstance(creator, dict) else str(creator)
        entry = {
            "sentence_id": sentence_id,
            "label": label,
            "note": note or "",
            "start": start,
            "end": end,
            "phrase": doc.text[start:end],
        }
        by_annotator.setdefault(name, []).append(entry)
    return _stack(by_annotator), (named.pop() if len(named) == 1 else None)


def _is_label(body: dict, item: dict) -> bool:
    purpose = body.get("purpose") or item.get("motivation")
    return purpose in ("classifying", "tagging")


def _place(target, doc, where: str) -> tuple[int, int]:
    """Offsets from a TextPositionSelector when its words match the quote, else from the quote."""
    if isinstance(target, list):
        target = target[0] if target else None
    selectors = target.get("selector", []) if isinstance(target, dict) else []
    selectors = selectors if isinstance(selectors, list) else [selectors]
    quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), None)
    position = next((s for s in selectors if s.get("type") == "TextPositionSelector"), None)
    text = doc.text
    if position is not None:
        start, end = position.get("start"), position.get("end")
        if (
            isinstance(start, int)
            and isinstance(end, int)
            and 0 <= start < end <= len(text)
            and (quote is None or text[start:end] == quote.get("exact"))
        ):
            return start, end
    if quote is not None and isinstance(quote.get("exact"), str) and quote["exact"]:
        exact = quote["exact"]
        context = quote.get("prefix", "") + exact + quote.get("suffix", "")
        hits = [first + len(quote.get("prefix", "")) for first, _ in find_phrase(text, context)]
        hits = hits or [first for first, _ in find_phrase(text, exact)]
        if len(hits) == 1:
            return hits[0], hits[0] + len(exact)
    raise AnnotationFileError(
        f"{where}: its selectors do not point at words of this text ({doc.slug!r})."
    )


def _check_points(entry: dict, doc, path: Path, line: int | None = None) -> None:
    where = f"{path}, line {line}" if line else str(path)
    start, end = entry["start"], entry["end"]
    if not 0 <= start < end <= len(doc.text) or doc.text[start:end] != entry["phrase"]:
        raise AnnotationFileError(
            f"{where}: the label on sentence {entry['sentence_id']} does not point at its "
            f"phrase in {doc.slug!r}. Was it made for another text?"
        )


def _stack(by_annotator: dict[str, list[dict]]):
    import pandas as pd

    tables = [labels_table(entries, name) for name, entries in by_annotator.items()]
    if not tables:
        return labels_table([], "")
    return tidy_labels(pd.concat(tables, ignore_index=True))


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
