"""Read each student's labels; every file that cannot be used becomes a problem, never an error.

A problem names the student, the file, what is wrong in a word or two
(``missing``, ``broken``, ``not a kit file``, ``other text``, ``other
scheme``, ...) and in a sentence, and whether the student's labels were still
counted.

>>> Problem("ana", "ana/x.json", "broken", "cut short").row()
{'student': 'ana', 'file': 'ana/x.json', 'problem': 'broken', 'detail': 'cut short', 'counted': False}
"""

from __future__ import annotations

import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import AnnotationFileError, KitWarning, SchemeError


@dataclass
class Problem:
    """One thing wrong with a student's files."""

    student: str
    file: str
    problem: str
    detail: str
    counted: bool = False

    def row(self) -> dict:
        """The problem as a table row."""
        return asdict(self)


@dataclass
class Peeked:
    """A kit annotations file's record, read before the text is known."""

    student: str
    path: Path
    record: dict


def peek(students, root: Path) -> tuple[list[Peeked], list[Problem]]:
    """The records of every student's kit ``.json`` files; the files that are not usable."""
    from ..annotate import store

    records, problems = [], []
    for entry in students:
        for path in entry.files:
            shown = _shown(path, root)
            try:
                record = store.read(path)
            except AnnotationFileError as error:
                kind = {"foreign": "not a kit file", "newer": "newer kit"}.get(
                    getattr(error, "reason", ""), "broken"
                )
                problems.append(Problem(entry.student, shown, kind, _plain(error, path, shown)))
                continue
            if record is None:  # vanished while reading
                problems.append(Problem(entry.student, shown, "missing", "the file disappeared"))
                continue
            odd = _odd_fields(record)
            if odd:
                problems.append(
                    Problem(
                        entry.student,
                        shown,
                        "broken",
                        f"{shown} records its text oddly ({odd} should be words in quotes); "
                        "ask the student to save the annotations again from the notebook",
                    )
                )
                continue
            records.append(Peeked(entry.student, path, record))
    return records, problems


def _odd_fields(record: dict) -> str:
    """The fields of a file's text record that are not text (a hand-edited file)."""
    text = record.get("text")
    if not isinstance(text, dict):
        return "text"
    odd = [
        f"text.{name}"
        for name in ("slug", "title", "hash")
        if text.get(name) is not None and not isinstance(text.get(name), str)
    ]
    if record.get("saved") is not None and not isinstance(record.get("saved"), str):
        odd.append("saved")
    return ", ".join(odd)


def read_labels(students, peeked: list[Peeked], doc, scheme, root: Path):
    """Each student's labels for ``doc``, stacked (annotator = the student), and the problems.

    A student's newest file counts where they saved several for the same text;
    exports are read only for a student without a usable kit file.
    """
    import pandas as pd

    from ..annotate import store

    problems: list[Problem] = []
    tables, sources = [], {}
    current = store.text_hash(doc.text)
    by_student: dict[str, list[Peeked]] = {}
    for item in peeked:
        by_student.setdefault(item.student, []).append(item)
    for entry in students:
        usable = []
        for item in by_student.get(entry.student, []):
            shown = _shown(item.path, root)
            text, found_scheme = item.record["text"], item.record["scheme"]["name"]
            if found_scheme != scheme.name:
                problems.append(
                    Problem(
                        entry.student,
                        shown,
                        "other scheme",
                        f"labels of the {found_scheme!r} scheme, not {scheme.name!r}",
                    )
                )
            elif text.get("hash") != current and text.get("slug") != doc.slug:
                problems.append(
                    Problem(
                        entry.student,
                        shown,
                        "other text",
                        f"labels for the text {text.get('slug')!r}"
                        + (f" (“{text['title']}”)" if text.get("title") else "")
                        + f", not {doc.slug!r}",
                    )
                )
            else:
                usable.append(item)
        usable.sort(key=lambda item: (str(item.record.get("saved", "")), _mtime(item.path)))
        for older in usable[:-1]:
            problems.append(
                Problem(
                    entry.student,
                    _shown(older.path, root),
                    "older copy",
                    f"an older file for the same text; counted the newest, "
                    f"{_shown(usable[-1].path, root)}",
                )
            )
        candidates = [
            (item.path, item.record["text"].get("hash") != current) for item in usable[-1:]
        ] or [(path, False) for path in entry.exports]
        table, used = None, None
        for path, earlier in candidates:
            table, found = _read_one(entry.student, path, doc, scheme, root, earlier)
            problems += found
            if table is not None:
                used = path
                break
        if table is None:
            if not entry.files and not entry.exports and not entry.notes:
                problems.append(
                    Problem(
                        entry.student,
                        "",
                        "missing",
                        "no annotation file (.json) in the student's folder",
                    )
                )
            continue
        if table.empty:
            problems.append(
                Problem(entry.student, _shown(used, root), "empty", "the file holds no labels")
            )
            continue
        names = sorted(set(table.annotator) - {"", store.PLACEHOLDER_NAME})
        outside = sorted(set(table.sentence_id) - set(doc.sentences.sentence_id))
        if outside:
            table = table[~table.sentence_id.isin(outside)].reset_index(drop=True)
            problems.append(
                _outside(entry.student, _shown(used, root), outside, len(doc.sentences))
            )
        if scheme.unit == "sentence":
            table, several = one_label_per_sentence(table)
            if several:
                problems.append(_several(entry.student, _shown(used, root), several, table))
            if table.empty:
                continue
        sources[entry.student] = (_shown(used, root), ", ".join(names))
        table = table.copy()
        table["annotator"] = entry.student
        tables.append(table)
    if tables:
        labels = pd.concat(tables, ignore_index=True)
    else:
        from ..annotate.labels import LABEL_COLUMNS

        labels = pd.DataFrame(columns=LABEL_COLUMNS)
    labels.attrs.update(
        text=doc.slug, text_hash=current, scheme=scheme.name, unit=scheme.unit, labels=scheme.ids
    )
    return labels, sources, problems


def one_label_per_sentence(table):
    """``table`` with one row per sentence, and the sentences given different labels.

    A repeated label counts once; a sentence given two different labels
    (a hand-edited file: the Annotator keeps one) holds no single answer,
    so its rows are left out.

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"sentence_id": [1, 1, 2, 2], "label": ["fact", "fact", "fact", "mixed"]})
    >>> kept, several = one_label_per_sentence(rows)
    >>> kept.sentence_id.tolist(), several
    ([1], [2])
    """
    labels_per_sentence = table.groupby("sentence_id").label.nunique()
    several = sorted(int(s) for s in labels_per_sentence[labels_per_sentence > 1].index)
    kept = table[~table.sentence_id.isin(several)]
    kept = kept.drop_duplicates(subset=["sentence_id"], keep="first")
    return kept.reset_index(drop=True), several


def _outside(student: str, shown: str, outside: list, sentences: int) -> Problem:
    listed = ", ".join(map(str, outside[:12])) + (", …" if len(outside) > 12 else "")
    return Problem(
        student,
        shown,
        "outside the text",
        f"labels for sentence(s) {listed}, which the text does not have (it has 1 to "
        f"{sentences}); left out",
        counted=True,
    )


def _several(student: str, shown: str, several: list[int], kept) -> Problem:
    listed = ", ".join(map(str, several[:12])) + (", …" if len(several) > 12 else "")
    return Problem(
        student,
        shown,
        "several labels",
        f"{len(several)} sentence(s) carry more than one label (sentences {listed}); the "
        "kit takes one label per sentence, so these count as not labelled"
        + ("" if len(kept) else "; nothing else was labelled, so the file is not counted"),
        counted=bool(len(kept)),
    )


def _read_one(student, path: Path, doc, scheme, root: Path, earlier: bool):
    """One file's labels (None when unusable) and the problems found reading it.

    ``earlier``: the file was saved for an earlier version of ``doc``.
    """
    from ..annotate import read_annotations

    shown = _shown(path, root)
    problems = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", KitWarning)
        try:
            table = read_annotations(path, doc, scheme.name, allow_changed_text=earlier)
        except (AnnotationFileError, SchemeError) as error:
            kind = "export unreadable" if path.suffix.lower() != ".json" else "broken"
            if "another text" in str(error) or "Was it made for another text" in str(error):
                kind = "other text"
            return None, [Problem(student, shown, kind, _plain(error, path, shown))]
    notes = [str(warning.message) for warning in caught if issubclass(warning.category, KitWarning)]
    if earlier:
        notes.insert(0, "saved for an earlier version of the text; labels placed by their words")
    if path.suffix.lower() != ".json":
        notes.insert(0, "read from an export (no kit .json file in the folder)")
        people = sorted(set(table.annotator))
        if len(people) > 1:
            return None, [
                Problem(
                    student,
                    shown,
                    "several people",
                    f"the export holds the labels of {len(people)} people "
                    f"({', '.join(people[:5])}); not counted",
                )
            ]
    problems += [
        Problem(student, shown, "note", _plain(note, path, shown), counted=True) for note in notes
    ]
    return table, problems


def _plain(error, path: Path, shown: str) -> str:
    """An error's message with the file's full path replaced by its place in the class."""
    return str(error).replace(str(path), shown).strip()


def _shown(path: Path, root: Path) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return Path(path).name


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
