"""A blank fact sheet for any text: one row per sentence, ready to fill in.

>>> import kit, tempfile, pathlib
>>> doc = kit.Document.from_string("Veto\\n\\nRussia vetoed the draft. It was wrong.")
>>> path = kit.fact_sheet_template(doc, pathlib.Path(tempfile.mkdtemp()) / "facts.csv")
>>> print(path.read_text(encoding="utf-8-sig").splitlines()[1])
"","1","","","","","","","","","","Russia vetoed the draft."
>>> kit.claims(doc, sheet=path).empty  # nothing filled in yet
True
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import ArgumentError, FactSheetError, describe
from .location import FILE_NAME
from .values import COLUMNS

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def fact_sheet_template(doc, path=FILE_NAME) -> Path:
    """Write a blank fact sheet for ``doc`` to ``path`` and return the path; never overwrites.

    Each sentence gets one row with its ``sentence_id`` and, for reference, its
    text in a last ``sentence`` column (the kit ignores that column when reading).
    Fill in the claims you check — copy the exact words into ``quote`` — copy a
    row for a second claim in the same sentence, and leave the rest empty: empty
    rows are skipped. The file is UTF-8 CSV that Excel opens with accents intact.
    Raises ``FactSheetError`` when ``path`` already exists (your work is kept).

    The verdicts: supported, partly supported, contradicted (the record says
    otherwise), attribution wrong, not verifiable, opinion; the confidence: high,
    medium-high, medium, low.
    """
    from .claims import _check_document

    _check_document(doc, "fact_sheet_template")
    if not isinstance(path, (str, Path)):
        raise ArgumentError(f"Give the template's file name as text, not {describe(path)}.")
    path = Path(path)
    if path.is_dir():
        path = path / FILE_NAME
    if path.exists():
        raise FactSheetError(
            f"{path} already exists, and the kit never writes over a file: your work in it "
            f'is safe. Read it with kit.claims(doc, sheet="{path}"), or give another file name.'
        )
    if not path.parent.is_dir():
        raise FactSheetError(
            f"There is no folder {path.parent} to write {path.name} into. Check the path."
        )
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow([*COLUMNS, "sentence"])
    for sentence in doc.sentences.itertuples():
        blank = {column: "" for column in COLUMNS} | {"sentence_id": sentence.sentence_id}
        writer.writerow([*blank.values(), _defused(sentence.text)])
    try:
        with open(path, "x", encoding="utf-8-sig", newline="") as handle:
            handle.write(buffer.getvalue())
    except FileExistsError:
        raise FactSheetError(f"{path} appeared while writing; it was left as it is.") from None
    except OSError as error:
        raise FactSheetError(f"Could not write {path}: {error}. Try another folder.") from None
    return path


def _defused(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value
