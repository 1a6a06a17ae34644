"""Where a review report may go: never over a folder of the instructor's.

A report folder holds ``review.json`` with the kit's marker; only such a
folder (or an empty or new one) is written to. The submissions folder, a
folder inside it, and a folder that holds the submissions are refused.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> checked_out(folder / "report", folder / "subs").name
'report'
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import ArgumentError, ReviewError, describe

MARKER = "media-literacy-kit/class-review"
MARK_FILE = "review.json"


def checked_out(out, submissions) -> Path:
    """``out`` as a Path, after checking the report may be written there."""
    if not isinstance(out, (str, os.PathLike)) or not str(out).strip():
        raise ArgumentError(
            f"Give the report's folder as a name in quotes, e.g. 'class-review', not "
            f"{describe(out)}."
        )
    out = Path(out).expanduser()
    if submissions is not None:
        _not_among(out, Path(submissions).expanduser())
    if out.exists() and not out.is_dir():
        raise ReviewError(f"{out} is a file, not a folder. Choose a folder name for the report.")
    if out.is_dir() and any(out.iterdir()) and not is_report(out):
        raise ReviewError(
            f"{out} already holds files that are not a class review made by the kit, so the "
            "kit will not write there. Choose a new or empty folder (or an earlier review "
            "report's)."
        )
    return out


def _not_among(out: Path, source: Path) -> None:
    """Refuse a report folder that is the submissions, inside them, or holds them."""
    resolved, given = out.resolve(), source.resolve()
    if resolved == given or (given.is_dir() and resolved.is_relative_to(given)):
        raise ReviewError(
            f"The report would go into the submissions ({out}); the next review would take it "
            "for a student, and the kit never writes among the students' work. Choose a folder "
            f"beside it, e.g. --out {given.name}-review."
        )
    if given.is_relative_to(resolved):
        raise ReviewError(
            f"{out} holds the submissions; the kit will not write a report over it. Choose a "
            f"new folder, e.g. --out {given.name}-review."
        )


def is_report(folder: Path) -> bool:
    """True when ``folder`` holds a report the kit wrote (its ``review.json`` says so)."""
    try:
        data = json.loads((Path(folder) / MARK_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("format") == MARKER
