"""The expert key: an expert's labels for a text, with reasons and accepted alternatives.

A text's folder may hold ``key_claims.csv`` (sentence_id, opening, label,
alternatives, rationale) and ``key_techniques.csv`` (sentence_id, label,
phrase, rationale). ``opening`` is the sentence's first words, so a key
written for another version of the text is caught, not silently misapplied.

>>> import kit
>>> try:
...     kit.expert_key(kit.Document.from_string("Veto\\n\\nRussia vetoed."))
... except kit.NoExpertKeyError as error:
...     print("no expert key for this text")
no expert key for this text
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from .._material import material_path
from ..errors import ExpertKeyError, NoExpertKeyError, SchemeError
from . import store
from .labels import tidy_labels
from .phrases import find_phrase
from .scheme import load_scheme

KEY_COLUMNS = {
    "sentence": ["sentence_id", "opening", "label", "alternatives", "rationale"],
    "span": ["sentence_id", "label", "phrase", "rationale"],
}


def key_path(doc, scheme) -> Path | None:
    """Where ``doc``'s key for ``scheme`` would be: ``key_<scheme>.csv`` beside its text.txt."""
    return material_path(doc, f"key_{load_scheme(scheme).name}.csv")


def expert_key(doc, scheme="claims"):
    """The expert's labels for ``doc`` (a Document, a text's name or path): a labels table with ``alternatives`` and ``rationale``.

    ``annotator`` is ``"expert"``; ``alternatives`` lists other labels the expert
    accepts for that sentence (``compare`` counts them as agreement). Raises
    ``NoExpertKeyError`` when the text has no key for the scheme.
    """
    import pandas as pd

    from ..texts import load

    doc = load(doc)
    scheme = load_scheme(scheme)
    path = key_path(doc, scheme)
    if path is None or not path.is_file():
        where = f" (looked for {path})" if path else ""
        raise NoExpertKeyError(
            f"There is no expert key for this text and the {scheme.name!r} scheme{where}. "
            "You can still label it and compare with classmates."
        )
    rows = _read_rows(path, KEY_COLUMNS[scheme.unit])
    sentences = doc.sentences.set_index("sentence_id")
    entries, seen = [], set()
    for line, row in rows:
        where = f"{path.name}, line {line}"
        sentence_id = _sentence_id(row["sentence_id"], sentences, where)
        start, end = sentences.loc[sentence_id, "start"], sentences.loc[sentence_id, "end"]
        sentence = doc.text[start:end]
        label = _label(scheme, row["label"], where)
        alternatives = []
        if scheme.marks_spans:
            first, last = _span(sentence, row["phrase"], sentence_id, where)
            start, end = start + first, start + last
            identity = (sentence_id, start, end, label)
        else:
            _check_opening(sentence, row["opening"], sentence_id, where)
            alternatives = [
                _label(scheme, word, where)
                for word in re.split(r"[;,]", row["alternatives"] or "")
                if word.strip()
            ]
            identity = sentence_id
        if identity in seen:
            raise ExpertKeyError(f"{where}: sentence {sentence_id} is in the key twice.")
        seen.add(identity)
        entries.append(
            {
                "annotator": "expert",
                "sentence_id": int(sentence_id),
                "label": label,
                "note": "",
                "start": int(start),
                "end": int(end),
                "phrase": doc.text[start:end],
                "alternatives": [a for a in alternatives if a != label],
                "rationale": (row["rationale"] or "").strip(),
            }
        )
    columns = ["annotator", "sentence_id", "label", "note", "start", "end", "phrase"]
    table = pd.DataFrame(entries, columns=[*columns, "alternatives", "rationale"])
    table = tidy_labels(table)
    table.attrs.update(
        unit=scheme.unit,
        scheme=scheme.name,
        labels=scheme.ids,
        text=doc.slug,
        text_hash=store.text_hash(doc.text),
    )
    return table


def _read_rows(path: Path, columns: list[str]) -> list[tuple[int, dict]]:
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ExpertKeyError(f"Could not read the expert key {path} as UTF-8: {error}.") from None
    reader = csv.DictReader(io.StringIO(content, newline=""))
    missing = [column for column in columns if column not in (reader.fieldnames or [])]
    if missing:
        raise ExpertKeyError(
            f"The expert key {path} lacks the column(s) {', '.join(missing)}; it needs "
            f"{', '.join(columns)}."
        )
    return [(line, row) for line, row in enumerate(reader, start=2) if any(row.values())]


def _sentence_id(value, sentences, where: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ExpertKeyError(f"{where}: sentence_id {value!r} is not a whole number.") from None
    if number not in sentences.index:
        raise ExpertKeyError(
            f"{where}: there is no sentence {number}; the text has 1 to {len(sentences)}. "
            "Was the key written for another version of the text?"
        )
    return number


def _label(scheme, value, where: str) -> str:
    try:
        return scheme.label((value or "").strip()).id
    except SchemeError as error:
        raise ExpertKeyError(f"{where}: {error}") from None


def _simple(text: str) -> str:
    text = text.translate(str.maketrans("’‘“”", "''\"\""))
    return " ".join(text.split())


def _check_opening(sentence: str, opening, sentence_id: int, where: str) -> None:
    opening = _simple(opening or "")
    if not opening or not _simple(sentence).startswith(opening):
        raise ExpertKeyError(
            f"{where}: sentence {sentence_id} begins {sentence[:60]!r}, not {opening!r}. "
            "The key does not match this text (the sentences may have shifted)."
        )


def _span(sentence: str, phrase, sentence_id: int, where: str) -> tuple[int, int]:
    found = find_phrase(sentence, phrase or "") if (phrase or "").strip() else []
    if len(found) != 1:
        problem = "is not in" if not found else f"appears {len(found)} times in"
        raise ExpertKeyError(
            f"{where}: the phrase {phrase!r} {problem} sentence {sentence_id} ({sentence[:60]!r}…)."
        )
    return found[0]
