"""``Annotator``: a student's labels for one text, saved after every change.

In a notebook it shows as an app (see ``widget.py``); in code, ``set``,
``mark`` and ``clear`` do what its buttons do.

>>> import kit, tempfile, pathlib
>>> doc = kit.load("yomiuri-2024-04-06")
>>> path = pathlib.Path(tempfile.mkdtemp()) / "mine.claims.json"
>>> annotator = kit.Annotator(doc, path=path, annotator="ana")
>>> annotator.set(4, "fact", note="resolution 1874")
>>> annotator.labels[["annotator", "sentence_id", "label", "note"]].values.tolist()
[['ana', 4, 'fact', 'resolution 1874']]
>>> kit.Annotator(doc, path=path).progress   # a new Annotator resumes from the file
'1 of 22 labelled'
"""

from __future__ import annotations

import getpass
import os
import shutil
from pathlib import Path

from .._warn import warn
from ..errors import AnnotationError, AnnotationFileError, ArgumentError, describe
from . import store
from .labels import labels_table
from .phrases import find_phrase, same_phrase
from .scheme import Scheme, load_scheme
from .store import PLACEHOLDER_NAME


class Annotator:
    """Label the sentences (or phrases) of ``doc`` with a scheme's labels; every change is saved.

    ``scheme`` is ``"claims"`` (one label per sentence), ``"techniques"`` (labels on
    phrases) or the path of your own scheme file. ``path`` is where the labels are
    saved (default: ``<text>.<scheme>.json`` in the current folder, beside the
    notebook); making an Annotator on the same path again resumes the work.
    ``annotator`` is your name as it will appear in the class's tables.
    """

    def __init__(self, doc, scheme="claims", path=None, annotator=None):
        from ..document import Document

        if not isinstance(doc, Document):
            raise ArgumentError(
                "kit.Annotator() takes a document from kit.load(...) first, "
                f"e.g. kit.Annotator(doc), not {describe(doc)}."
            )
        if annotator is not None and (not isinstance(annotator, str) or not annotator.strip()):
            raise ArgumentError(
                "annotator= is your name in quotes, e.g. annotator='Sam', not "
                f"{describe(annotator)}."
            )
        self.doc = doc
        self.scheme: Scheme = load_scheme(scheme)
        self._path = _chosen_path(path, doc, self.scheme)
        self.message = ""  # what the app shows under its buttons
        self.alert = ""  # an important message the app keeps until it is dismissed
        self._sentences = [
            (row.sentence_id, row.paragraph, row.start, row.end)
            for row in doc.sentences.itertuples()
        ]
        self._listeners = []
        self._disk_state = None
        record = self._open_file()
        self._labels: list[dict] = record["labels"] if record else self._recovered
        given = (annotator or "").strip()
        if record is not None and given and given != record["annotator"]:
            if record["annotator"] != PLACEHOLDER_NAME:
                count = len(record["labels"])
                raise AnnotationFileError(
                    f"{self.path} holds {record['annotator']}'s labels ({count} label"
                    f"{'' if count == 1 else 's'}), not {given}'s. The kit will not put them "
                    f"under another name. If this is your own work saved as "
                    f"{record['annotator']!r}, write annotator={record['annotator']!r}; "
                    f"otherwise give your own file, e.g. path='{_safe_stem(given)}.json'."
                )
            self.message = f"Your labels in {self.path.name} now carry your name, {given}."
        self.annotator = given or (record["annotator"] if record else _default_name())
        if record is None or self.annotator != record["annotator"]:
            self._save()

    @property
    def path(self) -> Path:
        """The file your labels are saved to; ``save_as(...)`` moves saving elsewhere."""
        return self._path

    @path.setter
    def path(self, value):
        raise AnnotationError(
            "annotator.path cannot be changed by assigning it. To save your labels in "
            f"another file, write annotator.save_as({str(value)!r}): it writes everything "
            "there now and keeps saving there."
        )

    def set_name(self, name: str) -> None:
        """Put your name on your labels (in place of ``"me"``) and save.

        Only a file with no name yet (``"me"``) can be renamed: labels saved under
        someone's name stay theirs.
        """
        if not isinstance(name, str) or not name.strip():
            raise ArgumentError(f"Your name is text in quotes, e.g. 'Sam', not {_worded(name)}.")
        name = name.strip()
        if self.annotator not in (PLACEHOLDER_NAME, name):
            raise AnnotationError(
                f"These labels already carry the name {self.annotator!r}. To label under "
                f"another name, start your own file: kit.Annotator(doc, annotator={name!r}, "
                f"path='{_safe_stem(name)}.json')."
            )
        self.annotator = name
        self._change(lambda labels: labels)
        self.message = f"Your labels in {self.path.name} now carry your name, {name}."

    def save_as(self, path) -> Path:
        """Save every label now to ``path``, and keep saving there from now on.

        Use it when the current file cannot be written (a full disk, a read-only
        folder): nothing you labelled in this session is lost. ``path`` is checked
        like a new Annotator's: a file there must be free or hold your own labels
        of this text and scheme (they are replaced by this session's).
        """
        chosen = _chosen_path(path, self.doc, self.scheme)
        if chosen.exists():
            try:
                record = store.read(chosen)
            except AnnotationFileError as error:
                raise AnnotationFileError(
                    f"{error} The kit will not overwrite it: choose another name."
                ) from None
            if record is not None and (
                record["text"]["hash"] != store.text_hash(self.doc.text)
                or record["scheme"]["name"] != self.scheme.name
                or record["annotator"] not in (self.annotator, PLACEHOLDER_NAME)
            ):
                raise AnnotationFileError(
                    f"{chosen} already holds {record['annotator']}'s labels of "
                    f"{record['text'].get('slug')!r} ({record['scheme']['name']}). The kit will "
                    "not overwrite them: choose another name."
                )
        previous = self._path
        self._path = chosen
        try:
            self._save(advice=False)
        except AnnotationFileError:
            self._path = previous
            raise
        self.message = f"Now saving to {chosen.name}."
        for listener in self._listeners:
            listener()
        return chosen

    # -- what the buttons do ---------------------------------------------

    def set(self, sentence_id, label, note: str = "") -> None:
        """Label sentence ``sentence_id`` (counted from 1) and save; replaces its old label.

        ``label`` is a label's id or name (``"fact"`` or ``"Fact"``).
        """
        if self.scheme.marks_spans:
            raise AnnotationError(
                f"The {self.scheme.name!r} scheme labels phrases, not whole sentences: "
                f"use annotator.mark({_as_int(sentence_id)}, 'the phrase', 'label')."
            )
        number = self._sentence_number(sentence_id)
        chosen = self.scheme.label(label).id
        note = _checked_note(note)
        _, _, start, end = self._sentences[number - 1]

        def change(labels):
            kept = [entry for entry in labels if entry["sentence_id"] != number]
            return [*kept, self._entry(number, chosen, note, start, end)]

        self._change(change)

    def mark(self, sentence_id, phrase: str, label, note: str = "", occurrence=None) -> None:
        """Label a phrase of sentence ``sentence_id`` and save (span schemes like techniques).

        The kit finds ``phrase`` in the sentence; if it is there more than once, say
        which with ``occurrence=1``, ``2``... Marking the same phrase with the same label
        again only updates its note.
        """
        if not self.scheme.marks_spans:
            raise AnnotationError(
                f"The {self.scheme.name!r} scheme labels whole sentences: use "
                f"annotator.set({_as_int(sentence_id)}, 'label')."
            )
        number = self._sentence_number(sentence_id)
        chosen = self.scheme.label(label).id
        note = _checked_note(note)
        start, end = self._find(number, phrase, occurrence)

        def change(labels):
            kept = [
                entry
                for entry in labels
                if (entry["sentence_id"], entry["start"], entry["end"], entry["label"])
                != (number, start, end, chosen)
            ]
            return [*kept, self._entry(number, chosen, note, start, end)]

        self._change(change)

    def clear(self, sentence_id, phrase: str | None = None) -> None:
        """Remove the labels of a sentence (or only those on ``phrase``) and save."""
        number = self._sentence_number(sentence_id)
        if phrase is not None:
            marked = [e["phrase"] for e in self._labels if e["sentence_id"] == number]
            if not any(same_phrase(found, phrase) for found in marked):
                listed = ", ".join(repr(found) for found in marked) or "none"
                raise AnnotationError(
                    f"No marked phrase {phrase!r} in sentence {number}; its marked phrases: "
                    f"{listed}."
                )

        def keep(entry):
            if entry["sentence_id"] != number:
                return True
            return phrase is not None and not same_phrase(entry["phrase"], phrase)

        self._change(lambda labels: [entry for entry in labels if keep(entry)])

    # -- reading the work ------------------------------------------------

    @property
    def labels(self):
        """The labels as a table: annotator, sentence_id, label, note, start, end, phrase.

        ``start`` and ``end`` index ``doc.text``; for sentence labels they are the
        sentence's own, and ``phrase`` is the whole sentence.
        """
        table = labels_table(self._labels, self.annotator)
        table.attrs.update(
            unit=self.scheme.unit,
            scheme=self.scheme.name,
            labels=self.scheme.ids,
            text=self.doc.slug,
            text_hash=store.text_hash(self.doc.text),
        )
        return table

    def label_of(self, sentence_id) -> list[dict]:
        """The labels recorded for one sentence (dicts with label, note, phrase...)."""
        number = self._sentence_number(sentence_id)
        return [dict(entry) for entry in self._labels if entry["sentence_id"] == number]

    @property
    def labelled(self) -> int:
        """How many sentences have at least one label."""
        return len({entry["sentence_id"] for entry in self._labels})

    @property
    def progress(self) -> str:
        """``'7 of 22 labelled'`` (span schemes add how many phrases are marked)."""
        text = f"{self.labelled} of {len(self._sentences)} labelled"
        if self.scheme.marks_spans:
            count = len(self._labels)
            text += f" ({count} phrase{'' if count == 1 else 's'} marked)"
        return text

    def show(self):
        """The whole text coloured by label, as an HTML view (also part of the app)."""
        from .widget import coloured_text

        return coloured_text(self)

    def to_csv(self, path) -> Path:
        """Export the labels to a CSV file (readable by ``kit.read_annotations``)."""
        from .export import write_csv

        return write_csv(self.labels, path, doc=self.doc, scheme=self.scheme, keep=self.path)

    def to_web_annotation(self, path) -> Path:
        """Export the labels as W3C Web Annotation JSON-LD, for other annotation tools."""
        from .export import write_web_annotation

        return write_web_annotation(
            self.labels, path, doc=self.doc, scheme=self.scheme, keep=self.path
        )

    @property
    def widget(self):
        """The ipywidgets app (made on first use)."""
        if getattr(self, "_widget", None) is None:
            from .widget import build_app

            self._widget = build_app(self)
        return self._widget

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def __repr__(self) -> str:
        return (
            f"<Annotator {self.annotator!r}: {self.doc.slug!r}, scheme {self.scheme.name!r}, "
            f"{self.progress}, saved to {self.path}>"
        )

    # -- inside ----------------------------------------------------------

    def _entry(self, number, label, note, start, end) -> dict:
        return {
            "sentence_id": number,
            "label": label,
            "note": note,
            "start": start,
            "end": end,
            "phrase": self.doc.text[start:end],
        }

    def _sentence_number(self, sentence_id) -> int:
        number = _as_int(sentence_id)
        if number is None:
            raise AnnotationError(
                f"A sentence is given by its number, e.g. 3, not {_worded(sentence_id)}: "
                f"this text has sentences 1 to {len(self._sentences)} (see doc.sentences)."
            )
        if not 1 <= number <= len(self._sentences):
            raise AnnotationError(
                f"There is no sentence {sentence_id!r}: this text has sentences 1 to "
                f"{len(self._sentences)} (see doc.sentences)."
            )
        return number

    def _find(self, number: int, phrase, occurrence) -> tuple[int, int]:
        if not isinstance(phrase, str) or not phrase.strip():
            raise AnnotationError(
                f"Give the phrase to mark as text in quotes, copied from sentence {number}."
            )
        _, _, start, end = self._sentences[number - 1]
        sentence = self.doc.text[start:end]
        found = find_phrase(sentence, phrase)
        inside = [] if found else find_phrase(sentence, phrase, whole_words=False)
        if inside:
            first, last = inside[0]
            word_start = first
            while word_start > 0 and sentence[word_start - 1].isalnum():
                word_start -= 1
            word_end = last
            while word_end < len(sentence) and sentence[word_end].isalnum():
                word_end += 1
            raise AnnotationError(
                f"{phrase.strip()!r} is only part of a word in sentence {number} (in "
                f"{sentence[word_start:word_end]!r}). Mark whole words: copy the full words "
                "from the sentence."
            )
        if not found:
            raise AnnotationError(
                f"{phrase.strip()!r} is not in sentence {number}: {sentence!r}. Copy the "
                "words exactly from the sentence."
            )
        if occurrence is None:
            if len(found) > 1:
                raise AnnotationError(
                    f"{phrase.strip()!r} appears {len(found)} times in sentence {number}. Add "
                    "a word or two around it, or say which one: occurrence=1 for the first, "
                    "occurrence=2 for the second."
                )
            occurrence = 1
        index = _as_int(occurrence)
        if index is None or not 1 <= index <= len(found):
            raise AnnotationError(
                f"occurrence= must be a number from 1 to {len(found)} here (which of the "
                f"{len(found)} places), not {_worded(occurrence)}."
            )
        first, last = found[index - 1]
        return start + first, start + last

    def _open_file(self) -> dict | None:
        self._recovered = []
        try:
            record = store.read(self.path)
        except AnnotationFileError as error:
            if getattr(error, "reason", None) != "damaged":
                raise AnnotationFileError(
                    f"{error} The kit will not overwrite it. Give the Annotator another "
                    "file, e.g. kit.Annotator(doc, path='my_labels.json'), or move that "
                    "file elsewhere first."
                ) from None
            return self._set_aside(error)
        if record is None:
            return None
        self._check_belongs(record)
        self._disk_state = _state(self.path)
        return record

    def _set_aside(self, error) -> None:
        """Move a damaged file aside, keep the labels that can still be read, and say so."""
        aside = store.backup_path(self.path, "damaged")
        try:
            os.replace(self.path, aside)
        except OSError as problem:
            raise AnnotationFileError(
                f"{error} The kit could not move it aside ({problem.strerror}) and will not "
                "overwrite it: give another path=, e.g. path='my_labels.json'."
            ) from None
        self._recovered = self._fitting(store.salvage(aside))
        count = len(self._recovered)
        kept = (
            f"The kit recovered {count} label{'' if count == 1 else 's'} from it into the new "
            "file: check them, then label the rest."
            if count
            else "No label in it could be recovered, so the new file starts empty."
        )
        self.alert = self.message = (
            f"{self.path.name} was damaged and could not be read ({_reason(error)}). The kit "
            f"moved it to "
            f"{aside.name} (nothing was deleted) and started a new {self.path.name}. {kept} "
            f"The damaged file stays beside it; a teacher can repair it by hand, or read the "
            f"labels it still holds with kit.read_annotations({str(aside)!r}, doc) once "
            "repaired."
        )
        warn(self.alert)
        return None

    def _fitting(self, entries: list[dict]) -> list[dict]:
        """The salvaged labels that still point at this text and use this scheme's labels."""
        fitting, taken = [], set()
        for entry in entries:
            start, end = entry["start"], entry["end"]
            if entry["label"] not in self.scheme.ids or not (
                0 <= start < end <= len(self.doc.text)
                and self.doc.text[start:end] == entry["phrase"]
            ):
                continue
            number = next(
                (n for n, _, first, last in self._sentences if first <= start < last), None
            )
            key = number if not self.scheme.marks_spans else (number, start, end, entry["label"])
            if number is None or key in taken:
                continue
            taken.add(key)
            fitting.append({**entry, "sentence_id": number})
        return fitting

    def _check_belongs(self, record: dict) -> None:
        text = record["text"]
        if text["hash"] != store.text_hash(self.doc.text):
            same_name = text.get("slug") == self.doc.slug
            why = (
                "the same text name, but the text has changed since they were saved"
                if same_name
                else f"another text ({text.get('slug')!r})"
            )
            advice = (
                f"the old labels stay readable with kit.read_annotations({str(self.path)!r}, "
                "doc, allow_changed_text=True), which finds each labelled sentence's words in "
                "the new text"
                if same_name
                else "the file stays as it is"
            )
            raise AnnotationFileError(
                f"{self.path} holds labels for {why}. The kit will not overwrite them. "
                f"Give this Annotator another file, e.g. path='new_labels.json'; {advice}."
            )
        if record["scheme"]["name"] != self.scheme.name:
            raise AnnotationFileError(
                f"{self.path} holds labels of the {record['scheme']['name']!r} scheme, not "
                f"{self.scheme.name!r}. Give another path=, or scheme={record['scheme']['name']!r}."
            )
        for entry in record["labels"]:
            if entry["label"] not in self.scheme.ids or not (
                0 <= entry["start"] < entry["end"] <= len(self.doc.text)
                and self.doc.text[entry["start"] : entry["end"]] == entry["phrase"]
            ):
                raise AnnotationFileError(
                    f"{self.path} holds a label that does not fit this text and scheme "
                    f"(sentence {entry['sentence_id']}, {entry['label']!r}). The kit will not "
                    "overwrite it: give another path=, or fix the file."
                )
        record["labels"] = self._realigned(record["labels"])

    def _realigned(self, entries: list[dict]) -> list[dict]:
        """Labels re-attached to the sentence their words start in.

        The text is the same (its hash matched), but a newer kit may split it into
        sentences differently; the offsets still say where each label belongs. If
        anything moves, the file as it was is copied aside first.
        """
        result, taken = [], set()
        for entry in entries:
            number = next(
                (n for n, _, first, last in self._sentences if first <= entry["start"] < last),
                None,
            )
            if number is None:
                raise AnnotationFileError(
                    f"{self.path} holds a label outside the text's sentences "
                    f"({entry['phrase'][:40]!r}). Give another path=, or fix the file."
                )
            fixed = {**entry, "sentence_id": number}
            if not self.scheme.marks_spans:
                if number in taken:
                    continue  # two old sentences are one now: keep the first label
                taken.add(number)
                _, _, first, last = self._sentences[number - 1]
                fixed.update(start=first, end=last, phrase=self.doc.text[first:last])
            result.append(fixed)
        if result != entries:
            aside = store.backup_path(self.path, "before-resplit")
            shutil.copy2(self.path, aside)
            self.message = (
                f"This kit splits the text into sentences differently from the one that saved "
                f"{self.path.name}, so some labels moved to the sentence their words start in. "
                f"Check them; the file as it was is kept as {aside.name}."
            )
            warn(self.message)
        return result

    def _change(self, change) -> None:
        """Apply ``change`` to the labels on disk (another Annotator may have saved) and save."""
        if self._disk_state is not None and _state(self.path) != self._disk_state:
            advice = (
                "This session's labels are still here, in the annotator: save them elsewhere "
                "with annotator.save_as('my_labels.json')."
            )
            try:
                record = self._open_file()
            except AnnotationFileError as error:
                raise AnnotationFileError(
                    f"{str(error).split(' The kit will not')[0]} (it changed on disk during "
                    f"this session). The kit will not overwrite it. {advice}"
                ) from None
            if record is not None and record["annotator"] not in (
                self.annotator,
                PLACEHOLDER_NAME,
            ):
                raise AnnotationFileError(
                    f"{self.path} now holds {record['annotator']}'s labels (it was saved by "
                    f"another Annotator during this session). The kit will not overwrite "
                    f"them. {advice}"
                )
            if record is not None:
                self._labels = record["labels"]
        self._labels = sorted(change(self._labels), key=lambda e: (e["sentence_id"], e["start"]))
        self._save()
        for listener in self._listeners:
            listener()

    def _save(self, advice: bool = True) -> None:
        try:
            store.save(
                self.path,
                doc=self.doc,
                scheme=self.scheme,
                annotator=self.annotator,
                labels=self._labels,
            )
        except OSError as error:
            where = (
                " Keep this notebook open and save them elsewhere with "
                "annotator.save_as('my_labels.json') (or a path in your home folder): it writes "
                "every label of this session there and keeps saving there."
                if advice
                else " Choose a folder you can write to."
            )
            raise AnnotationFileError(
                f"Could not save your labels to {self.path}: {error.strerror}. This session's "
                f"labels are still here, in the annotator.{where}"
            ) from None
        self._disk_state = _state(self.path)


def _reason(error) -> str:
    """What is wrong with a damaged file, without its path."""
    text = str(error)
    for marker in (" is an annotations file, but ", " that cannot be read ("):
        if marker in text:
            return text.split(marker, 1)[1].rstrip(".").rstrip(")")
    return text


def _worded(value) -> str:
    return repr(value) if isinstance(value, str) else describe(value)


def _safe_stem(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name.strip()) or "my_labels"


def _as_int(value) -> int | None:
    """A whole number from an int or a string of digits ("3"); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return int(value.strip()) if value.strip().isdigit() else None
    try:
        import operator

        return operator.index(value)
    except TypeError:
        return None


def _checked_note(note) -> str:
    if note is None:
        return ""
    if not isinstance(note, str):
        raise AnnotationError(f"A note is text in quotes, not {describe(note)}.")
    return note


def _chosen_path(path, doc, scheme: Scheme) -> Path:
    if path is None:
        return store.default_path(doc, scheme.name)
    if not isinstance(path, (str, os.PathLike)):
        raise ArgumentError(
            f"path= is a file name in quotes, e.g. path='my_labels.json', not {describe(path)}."
        )
    chosen = Path(path).expanduser()
    if chosen.is_dir():
        return store.default_path(doc, scheme.name, folder=chosen)
    if not chosen.parent.is_dir():
        raise AnnotationFileError(
            f"The folder {chosen.parent} does not exist. Create it first, or give a path in "
            "an existing folder."
        )
    return chosen


def _default_name() -> str:
    name = os.environ.get("JUPYTERHUB_USER")
    if not name:
        try:
            name = getpass.getuser()
        except Exception:  # no user name on this system
            name = ""
    return name if name and name not in ("root", "jovyan") else PLACEHOLDER_NAME


def _state(path: Path):
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)
