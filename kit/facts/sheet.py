"""Reading a fact sheet, strictly: every row must point at real words of the text.

A fact sheet is a CSV file, one row per checkable claim: the sentence it
comes from (``sentence_id``) and the words it quotes (``quote``), what the
claim says, what the public record says, a verdict, the sources and how
sure the checker is. A row the text cannot back up is refused with the file,
the line and what to fix, so a sheet written for another text (or another
version of this one) is caught, not silently misapplied.

>>> import kit
>>> doc = kit.load("yomiuri-2024-04-06")
>>> sheet = kit.read_fact_sheet(kit.fact_sheet_path(doc), doc)
>>> row = sheet.set_index("claim_id").loc["cyber-half"]
>>> row.verdict, row.confidence
('partly supported', 'high')
>>> doc.text[row.start : row.end] == row.quote
True
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from pathlib import Path

from ..annotate.phrases import find_phrase
from ..errors import ArgumentError, FactSheetError, describe
from .values import ALLOWED, COLUMNS, ON_RECORD, REQUIRED_COLUMNS, allowed

TABLE_COLUMNS = [
    "claim_id",
    "sentence_id",
    "kind",
    "quote",
    "claim",
    "record",
    "verdict",
    "confidence",
    "sources",
    "teaching_point",
    "cited_as",
    "start",
    "end",
    "line",
]
# Columns whose words a student writes; a template row with all of them empty is not filled in yet.
_WRITTEN = (
    "quote",
    "claim",
    "record",
    "verdict",
    "confidence",
    "sources",
    "teaching_point",
    "cited_as",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def read_fact_sheet(path, doc):
    """The rows of the fact sheet at ``path`` for ``doc``, checked against its text.

    One row per claim, with ``start`` and ``end``: where the quoted words sit in
    ``doc.text`` (``quote`` holds them exactly as the text has them, even when
    the sheet typed straight quotes for curly ones). ``line`` is the row's line
    in the file. Rows a template left empty are skipped and counted in
    ``table.attrs["unfilled"]``. Raises ``FactSheetError`` naming the line and
    the fix when a row is wrong.
    """
    import pandas as pd

    from ..document import Document

    if not isinstance(doc, Document):
        raise ArgumentError(
            f"read_fact_sheet(path, doc) needs the document from kit.load(...), not {describe(doc)}."
        )
    if not isinstance(path, (str, Path)):
        raise ArgumentError(f"A fact sheet is given as a file path, not {describe(path)}.")
    path = Path(path)
    rows = _read_rows(path)
    sentences = doc.sentences.set_index("sentence_id")
    entries, seen, unfilled = [], {}, 0
    for line, row in rows:
        if not any(row.get(column) for column in _WRITTEN):
            if row["claim_id"] or row["kind"]:
                filled = "claim_id" if row["claim_id"] else "kind"
                raise FactSheetError(
                    f"{path.name}, line {line}: this row has a {filled} "
                    f"({row[filled]!r}) but no quote, claim or verdict. Fill in the row, or "
                    "empty it. (If the whole row sits in that cell, it was typed with another "
                    "separator than the rest of the file: use the same one as line 1.)"
                )
            unfilled += 1
            continue
        entry = _checked_row(row, line, path, doc, sentences)
        if entry["claim_id"] in seen:
            raise FactSheetError(
                f"{path.name}, line {line}: the claim_id {entry['claim_id']!r} is already used "
                f"on line {seen[entry['claim_id']]}. Give each row its own claim_id."
            )
        seen[entry["claim_id"]] = line
        entries.append(entry)
    table = pd.DataFrame(entries, columns=TABLE_COLUMNS)
    table = table.astype({"sentence_id": int, "start": int, "end": int, "line": int})
    table.attrs.update(path=str(path), text=doc.slug, unfilled=unfilled)
    return table


def _read_rows(path: Path) -> list[tuple[int, dict]]:
    """(line, row) pairs, with every cell stripped and spreadsheet escapes removed."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FactSheetError(f"There is no fact sheet at {path}. Check the file name.") from None
    except OSError as error:
        raise FactSheetError(f"Could not read the fact sheet {path}: {error}.") from None
    if data.startswith(b"PK\x03\x04"):
        raise FactSheetError(
            f"{path.name} is a spreadsheet workbook (.xlsx), not CSV. In Excel choose File → "
            "Save As → “CSV UTF-8 (Comma delimited)” and read that file."
        )
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise FactSheetError(
            f"{path.name}, line {line}: the file is not UTF-8 text (byte {data[error.start]:#x}). "
            "In Excel choose File → Save As → “CSV UTF-8 (Comma delimited)”; in other "
            "spreadsheets, save as CSV with the UTF-8 character set."
        ) from None
    delimiter = _delimiter(content.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter, strict=True)
    previous = 0
    try:
        header = _header(next(reader, []), path)
        rows, previous = [], reader.line_num
        for cells in reader:
            line, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header):
                if any(cell.strip() for cell in cells[len(header) :]):
                    raise FactSheetError(
                        f"{path.name}, line {line}: {len(cells)} cells but {len(header)} columns. "
                        "A cell holding a comma must be in double quotes; a spreadsheet does "
                        "that when it saves as CSV."
                    )
                cells = cells[: len(header)]  # empty cells after the last column lose nothing
            values = dict(zip(header, cells, strict=False))
            rows.append((line, {name: _restored(values.get(name, "")) for name in COLUMNS}))
    except csv.Error as error:
        runs = (
            f" (the row runs on to line {reader.line_num})"
            if reader.line_num > previous + 1
            else ""
        )
        raise FactSheetError(
            f"{path.name}, line {previous + 1}: not valid CSV ({error}){runs}. Check the quotes "
            'in that row: a cell that starts with " must end with ", and a " inside a '
            'cell is written twice (""). Or save the sheet again from a spreadsheet as CSV.'
        ) from None
    return rows


def _delimiter(first_line: str) -> str:
    """The character between the header's cells: ``,``, or ``;`` (some locales' Excel), or a tab."""
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] > counts[","] else ","


def _header(cells: list[str], path: Path) -> list[str]:
    """The column names, spelt the kit's way (case, spaces and ``-`` do not matter), checked."""
    header = [re.sub(r"[\s_-]+", "_", name.strip().lower()).strip("_") for name in cells]
    doubled = sorted({name for name in header if name and header.count(name) > 1})
    if doubled:
        raise FactSheetError(
            f"{path.name}, line 1: the column(s) {', '.join(doubled)} appear more than once. "
            "Keep one column of each name (move what the other holds into it)."
        )
    known = (*COLUMNS, "sentence")
    for name in header:
        close = difflib.get_close_matches(name, [c for c in COLUMNS if c not in header], n=1)
        if name and name not in known and close:
            raise FactSheetError(
                f"{path.name}, line 1: the column {name!r} is not one the kit knows. Did you "
                f"mean {close[0]!r}? Rename it, or its cells would be left out."
            )
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise FactSheetError(
            f"{path.name}, line 1: the column(s) {', '.join(missing)} are missing. A fact "
            f"sheet's first line names its columns: {', '.join(REQUIRED_COLUMNS)} (and "
            f"optionally {', '.join(c for c in COLUMNS if c not in REQUIRED_COLUMNS)}), "
            "separated by commas. kit.fact_sheet_template(doc, path) writes one to start from."
        )
    return header


def _restored(value: str) -> str:
    """A cell as written: spaces trimmed, the ``'`` a spreadsheet-safe file puts before ``=`` dropped."""
    value = (value or "").strip()
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_STARTS) else value


def _checked_row(row: dict, line: int, path: Path, doc, sentences) -> dict:
    where = f"{path.name}, line {line}"
    sentence_id = _sentence_id(row["sentence_id"], sentences, where)
    offset = int(sentences.loc[sentence_id, "start"])
    sentence = doc.text[offset : int(sentences.loc[sentence_id, "end"])]
    if not row["quote"]:
        raise FactSheetError(
            f"{where}: the quote is empty. Copy the exact words of sentence {sentence_id} "
            f"the claim rests on: {sentence!r}."
        )
    others = dict(zip(sentences.index, sentences.text, strict=True))
    start, end = _words(sentence, row["quote"], sentence_id, where, "quote", others)
    verdict = _allowed("verdict", row["verdict"], where)
    if verdict in ON_RECORD and not row["sources"]:
        raise FactSheetError(
            f"{where}: the verdict is {verdict!r} but no sources are given. Name where the "
            "record says so (a document's symbol or title, and its date), so a reader can check."
        )
    if row["cited_as"]:
        _words(sentence, row["cited_as"], sentence_id, where, "cited_as", others)
    return {
        "claim_id": row["claim_id"] or f"line-{line}",
        "sentence_id": sentence_id,
        "kind": _allowed("kind", row["kind"], where) if row["kind"] else "claim",
        "quote": doc.text[offset + start : offset + end],
        "claim": row["claim"],
        "record": row["record"],
        "verdict": verdict,
        "confidence": _allowed("confidence", row["confidence"], where),
        "sources": row["sources"],
        "teaching_point": row["teaching_point"],
        "cited_as": row["cited_as"],
        "start": offset + start,
        "end": offset + end,
        "line": line,
    }


def _sentence_id(value: str, sentences, where: str) -> int:
    try:
        number = float(value)
        if not number.is_integer():
            raise ValueError
        number = int(number)
    except (TypeError, ValueError, OverflowError):
        raise FactSheetError(
            f"{where}: sentence_id {value!r} is not a sentence number. Write a whole number "
            f"from 1 to {len(sentences)} (doc.sentences lists them)."
        ) from None
    if number not in sentences.index:
        raise FactSheetError(
            f"{where}: there is no sentence {number}; the text has sentences 1 to "
            f"{len(sentences)}. Was the sheet written for another text, or another version of it?"
        )
    return number


def _words(sentence: str, words: str, sentence_id: int, where: str, column: str, others):
    """Where ``words`` sit in ``sentence``; quotation marks typed around them are forgiven."""
    found = find_phrase(sentence, words)
    inner = _unwrapped(words)
    if not found and inner != words:
        found = find_phrase(sentence, inner)
    if len(found) == 1:
        return found[0]
    if found:
        raise FactSheetError(
            f"{where}: the {column} {words!r} appears {len(found)} times in sentence "
            f"{sentence_id}: {sentence!r}. Quote more words, so they point at one place."
        )
    if "..." in words or "…" in words:
        advice = (
            "A quote is one unbroken run of the text's words: an ellipsis (... or …) leaves "
            "words out. Quote the words as they stand, or a shorter run of them."
        )
    else:
        elsewhere = [number for number, text in others.items() if find_phrase(text, inner)]
        advice = (
            f"These words are in sentence {', '.join(map(str, elsewhere))}: check the "
            "sentence_id (doc.sentences numbers them; a byline can be sentence 1)."
            if elsewhere
            else "Copy the words exactly from that sentence (doc.sentences shows it), or check "
            "the sentence_id."
        )
    raise FactSheetError(
        f"{where}: the {column} {words!r} is not in sentence {sentence_id}: {sentence!r}. {advice}"
    )


def _unwrapped(words: str) -> str:
    """``words`` without the quotation marks a student may type around a whole quote."""
    marks = "\"'“”‘’«»"
    if len(words) > 2 and words[0] in marks and words[-1] in marks:
        return words[1:-1].strip()
    return words


def _allowed(column: str, value: str, where: str) -> str:
    choice = allowed(column, value)
    if choice is None:
        choices = ALLOWED[column]
        close = difflib.get_close_matches(value.strip().lower(), choices, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        shown = f"{value!r}" if value else "empty"
        raise FactSheetError(
            f"{where}: the {column} is {shown}, which is not one the kit knows.{hint} "
            f"Allowed: {', '.join(choices)}."
        )
    return choice
