"""Read the closing source line of an article: "(From OUTLET, DATE)".

>>> parse_source_line("(From The Yomiuri Shimbun, April 6, 2024)")
SourceLine(outlet='The Yomiuri Shimbun', date=datetime.date(2024, 4, 6), date_text='April 6, 2024')
>>> parse_source_line("Russia vetoed the resolution.") is None
True
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_YEAR = r"(?P<year>\d{4})"
_DATE_PATTERNS = [
    re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}"),  # April 6, 2024
    re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"),  # 6 April 2024
    re.compile(rf"{_YEAR}-(?P<month>\d{{1,2}})-{_DAY}"),  # 2024-04-06
    re.compile(rf"{_YEAR}/(?P<month>\d{{1,2}})/{_DAY}"),  # 2024/04/06
]

_MONTH_DAY = re.compile(rf"{_MONTH}\s+{_DAY}")

# A weekday before the date and a clock time after it: "Sat 6 Apr 2024 09.00 BST".
_WEEKDAY = re.compile(r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
_CLOCK_TIME = re.compile(r"\s+\d{1,2}[.:]\d{2}\b.*$")

# "(From OUTLET, DATE)", "(OUTLET, DATE)", "From OUTLET, DATE", "— OUTLET, DATE"
_WRAPPED = re.compile(r"^\((?P<inner>.+)\)$")
_LEAD_WORD = re.compile(
    r"^(?:(?:from|source:|published in|originally published in)\s+|[—–]\s*|--\s*)", re.I
)


class SourceLine(NamedTuple):
    outlet: str | None
    date: dt.date | None
    date_text: str | None


def parse_date(text: str) -> dt.date | None:
    """Read a date written the ways newspapers write them, or return None.

    >>> parse_date("Sept. 5, 2024"), parse_date("14 September 2023")
    (datetime.date(2024, 9, 5), datetime.date(2023, 9, 14))
    >>> parse_date("2022-11-30"), parse_date("Sat 6 Apr 2024 09.00 BST")
    (datetime.date(2022, 11, 30), datetime.date(2024, 4, 6))
    >>> parse_date("April 31, 2024"), parse_date("06/04/2024")  # impossible; ambiguous
    (None, None)
    """
    text = text.strip().rstrip(".").strip()
    weekday = _WEEKDAY.match(text)
    text = _CLOCK_TIME.sub("", text[weekday.end() if weekday else 0 :])
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if not match:
            continue
        month = match["month"]
        month_number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
        if month_number is None:
            return None
        try:
            return dt.date(int(match["year"]), month_number, int(match["day"]))
        except ValueError:
            return None
    return None


def parse_source_line(line: str) -> SourceLine | None:
    """Return the outlet and date of a source line, or None if it is not one.

    A source line is wrapped in parentheses or starts with "From", "Source:"
    or a dash, and names an outlet, then a comma and a date. "(From OUTLET)"
    with no date also counts; a bare "(Reuters)" or a sentence starting
    "From" does not.

    >>> parse_source_line("— The Economist, April 6 2024").outlet
    'The Economist'
    >>> parse_source_line("From Tokyo to Paris, prices rose sharply in 2024.") is None
    True
    """
    line = line.strip()
    wrapped = _WRAPPED.match(line)
    inner = wrapped["inner"].strip() if wrapped else line
    lead = _LEAD_WORD.match(inner)
    if not wrapped and not lead:
        return None
    if lead:
        inner = inner[lead.end() :]
    outlet, comma, date_text = inner.rpartition(",")
    if comma:
        # The date may itself hold a comma: "April 6, 2024".
        before, comma2, month_day = outlet.rpartition(",")
        if comma2 and _MONTH_DAY.fullmatch(month_day.strip()):
            outlet, date_text = before, f"{month_day},{date_text}"
        date = parse_date(date_text)
        if date is not None or (wrapped and lead and _looks_like_date(date_text)):
            return SourceLine(outlet.strip() or None, date, date_text.strip())
    if wrapped and lead and "," not in inner and inner.strip():
        return SourceLine(inner.strip(), None, None)
    return None


def _looks_like_date(text: str) -> bool:
    """True for a short, date-shaped text, valid or not ("April 31, 2024", "06/04/2024")."""
    return len(text.split()) <= 4 and bool(re.search(r"\b\d{4}\b", text))
