"""Write a ``ClassReview`` to a folder: ``index.html``, the charts, a CSV per table, ``review.json``.

Every file is written whole or not at all (a temporary file, then a rename).
CSV files are UTF-8 with a byte-order mark, so Excel shows accents, and a
cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) starts
with ``'``, as in the grader's reports.

>>> import pandas as pd
>>> csv_text(pd.DataFrame({"student": ["=1+1"], "labelled": [3]})).splitlines()
['\\ufeffstudent,labelled', "'=1+1,3"]
"""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

from ..annotate.store import write_atomically
from ..grading.reports import readable, spreadsheet_safe
from .out_folder import MARK_FILE, MARKER
from .wording import visible

CSV_FILES = {
    "agreement.csv": "class_agreement",
    "shares.csv": "shares",
    "disputed.csv": "disputed",
    "students.csv": "by_student",
    "problems.csv": "problems",
}


def csv_text(table) -> str:
    """A table as CSV text for Excel: BOM, CRLF, formula-like cells defused."""
    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    safe = table.copy()
    for column in safe.columns:
        if not is_numeric_dtype(safe[column]) or is_bool_dtype(safe[column]):
            safe[column] = safe[column].map(
                lambda v: spreadsheet_safe(", ".join(v) if isinstance(v, list) else v)
            )
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, lineterminator="\r\n", float_format="%.4g")
    return "\ufeff" + visible(buffer.getvalue())


def write_report(review, out: Path) -> Path:
    """Write every file of the report into ``out``; return the path of ``index.html``."""
    from .figures import draw_figures
    from .page import page

    out.mkdir(parents=True, exist_ok=True)
    # The marker first: a report cut short is still recognised, and replaced by the next run.
    _write_marker(review, out)
    # the charts first: a chart that cannot be drawn stops the report before any table changes
    figures = draw_figures(review, out / "charts")
    _remove_other_charts(out / "charts", figures)
    for name, attribute in CSV_FILES.items():
        write_atomic(out / name, csv_text(getattr(review, attribute)))
    files = [*CSV_FILES, *(f"charts/{f.png.name}" for f in figures)]
    files += [f"charts/{f.svg.name}" for f in figures]
    index = out / "index.html"
    write_atomic(index, page(review, figures, ["index.html", *files, MARK_FILE]))
    return index


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` whole or not at all, with the usual file permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, readable(text))


def _remove_other_charts(folder: Path, figures) -> None:
    """An earlier report's charts (another class's) do not stay beside this one's."""
    kept = {path.name for figure in figures for path in (figure.png, figure.svg)}
    for path in folder.iterdir() if folder.is_dir() else []:
        if path.is_file() and path.suffix.lower() in (".png", ".svg") and path.name not in kept:
            path.unlink()


def _write_marker(review, out: Path) -> None:
    alpha = None if math.isnan(review.alpha) else round(review.alpha, 6)
    record = {
        "format": MARKER,
        "version": 1,
        "text": review.doc.slug,
        "scheme": review.scheme,
        "students": review.students,
        "alpha": alpha,
        "summary": review.summary(),
    }
    write_atomic(out / MARK_FILE, json.dumps(record, ensure_ascii=False, indent=1) + "\n")
