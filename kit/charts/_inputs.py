"""What the charts accept: a text (Document, name or path) or one of the kit's tidy tables.

Every refusal is a ``ChartError`` that says what was wrong and what to pass instead.
"""

from __future__ import annotations

import os

from ..errors import ArgumentError, ChartError, describe


def is_text(value) -> bool:
    """Whether ``value`` names a text: a Document, a text's name or a path."""
    from ..document import Document

    return isinstance(value, (Document, str, os.PathLike))


def text_or_none(doc):
    """``doc`` loaded, or None when not given."""
    if doc is None:
        return None
    if not is_text(doc):
        raise ArgumentError(
            f"doc= takes the text (kit.load(...), a text's name or a path), not {describe(doc)}."
        )
    from ..texts import load

    return load(doc)


def table(value, chart: str, columns: list[str], instead: str, allow_empty: bool = False):
    """``value`` as a DataFrame with ``columns``; a ChartError naming what to pass otherwise."""
    import pandas as pd

    if not isinstance(value, pd.DataFrame):
        raise ArgumentError(f"{chart}() takes {instead}, not {describe(value)}.")
    missing = [column for column in columns if column not in value.columns]
    if missing:
        have = ", ".join(map(str, value.columns)) or "no columns"
        raise ChartError(
            f"{chart}() needs a table with the column(s) {', '.join(columns)}; this one lacks "
            f"{', '.join(missing)} (it has {have}). Pass {instead}."
        )
    if value.empty and not allow_empty:
        raise ChartError(
            f"{chart}() was given an empty table: there is nothing to draw. Pass {instead}, "
            "and check any filter you applied to it."
        )
    return value


def whole_numbers(series, chart: str, column: str):
    """A column of whole numbers (1, 2.0), as ints; a ChartError naming the first bad row."""
    import pandas as pd

    numbers = pd.to_numeric(series, errors="coerce")
    bad = numbers.isna() | (numbers != numbers.round())
    if bad.any():
        index = bad.idxmax()
        raise ChartError(
            f"{chart}(): row {index} has {column}={series.loc[index]!r}; {column} must be a "
            "whole number, like 3."
        )
    return numbers.astype("int64")


def counts(series, chart: str, column: str):
    """A column of numbers that are not negative; a ChartError naming the first bad row."""
    import pandas as pd

    values = pd.to_numeric(series, errors="coerce")
    bad = values.isna() | (values < 0)
    if bad.any():
        index = bad.idxmax()
        raise ChartError(
            f"{chart}(): row {index} has {column}={series.loc[index]!r}; {column} must be a "
            "number, 0 or more."
        )
    return values.astype(float)


def positive_int(value, name: str) -> int:
    """A whole number, 1 or more, for ``n=`` and the like."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ArgumentError(f"{name}= takes a whole number, 1 or more, not {describe(value)}.")
    return value


def paragraphs_of(paragraph, doc, chart: str) -> None:
    """Paragraph numbers are 1 or more and, with a text, among its paragraphs."""
    low = paragraph < 1
    if low.any():
        index = low.idxmax()
        raise ChartError(
            f"{chart}(): row {index} has paragraph {paragraph.loc[index]}; paragraphs are "
            "numbered from 1."
        )
    if doc is None:
        return
    last = len(doc.paragraphs)
    high = paragraph > last
    if high.any():
        index = high.idxmax()
        raise ChartError(
            f"{chart}(): row {index} has paragraph {paragraph.loc[index]}, but this text's "
            f"paragraphs are 1 to {last}. Were these found in another text?"
        )


def no_blanks(series, chart: str, column: str) -> None:
    """A column of labels with none missing (a missing one would be drawn as 'nan')."""
    blank = series.isna() | (series.astype(str).str.strip() == "")
    if blank.any():
        index = blank.idxmax()
        raise ChartError(
            f"{chart}(): row {index} has no {column} (it is empty). Fill it in, or drop the "
            "row before charting."
        )
