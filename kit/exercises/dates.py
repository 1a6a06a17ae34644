"""Reading a date the way a student writes it: ``26 May 2022``, ``May 26th, 2022``,
``Thursday, 26 May 2022``, ``2022-05-26``, ``26.05.2022``, ``5/26/2022``...

A numeric date whose day and month could be swapped (``5/6/2022``) is not guessed: it is
*ambiguous*, and the student is asked to write the month in words. Month names are English
(full, or their usual abbreviations).

>>> read_date("the 26th of May 2022")
datetime.date(2022, 5, 26)
>>> date_problem("5/6/2022")
'could be 5 June 2022 or 6 May 2022'
"""

from __future__ import annotations

import datetime
import re
import unicodedata

MONTHS = (
    "january february march april may june july august september october november december"
).split()
_MONTH_WORDS = {name: number for number, name in enumerate(MONTHS, 1)}
_MONTH_WORDS.update({name[:3]: number for number, name in enumerate(MONTHS, 1)})
_MONTH_WORDS["sept"] = 9
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_SKIPPED = {*_WEEKDAYS, *(day[:3] for day in _WEEKDAYS), "tues", "thur", "thurs"}
_SKIPPED |= {"on", "the", "of"}
_NUMERIC = re.compile(r"(\d{1,4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,4})")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")

# How to write a date so that it can be read: shown to students (never the expected date).
EXAMPLE = "1 January 2000"


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().strip()
    return text.rstrip(".!;:, ").strip()


def _read(text: str) -> tuple[datetime.date | None, str]:
    """The date ``text`` names, or None and why not ("ambiguous ...", "no year", "unreadable")."""
    if type(text) is not str:
        return None, "unreadable"
    text = _clean(text)
    words = [w for w in re.split(r"[\s,]+", text) if w and w not in _SKIPPED]
    numeric = _NUMERIC.fullmatch(" ".join(words))
    if numeric:
        return _read_numbers(numeric.group(1), numeric.group(3), numeric.group(4))
    text = _ORDINAL.sub(r"\1", " ".join(words))
    parts = [p for p in re.split(r"[\s,\-/.]+", text) if p and p not in _SKIPPED]
    months = [p for p in parts if p in _MONTH_WORDS]
    numbers = [p for p in parts if p.isdigit()]
    if len(months) != 1 or len(months) + len(numbers) != len(parts):
        return None, "unreadable"
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if not years and len(days) <= 1:
        return None, "no year"
    if len(years) != 1 or len(days) != 1:
        return None, "unreadable"
    return _made(int(years[0]), _MONTH_WORDS[months[0]], int(days[0]))


def _read_numbers(first: str, second: str, third: str) -> tuple[datetime.date | None, str]:
    if len(first) == 4:  # 2022-05-26, 2022/05/26: year, month, day
        return _made(int(first), int(second), int(third))
    if len(third) != 4:  # 26/5/22: which is the year?
        return None, "short year"
    year, a, b = int(third), int(first), int(second)
    if a == b or (a > 12) != (b > 12):
        day, month = (a, b) if a > 12 or a == b else (b, a)
        return _made(year, month, day)
    if a <= 12 and b <= 12:
        one, other = _made(year, b, a)[0], _made(year, a, b)[0]
        return None, f"could be {_written(one)} or {_written(other)}"
    return None, "unreadable"


def _made(year: int, month: int, day: int) -> tuple[datetime.date | None, str]:
    try:
        return datetime.date(year, month, day), ""
    except ValueError:  # 31 June, 29 February 2023, month 13
        return None, "unreadable"


def _written(date: datetime.date) -> str:
    return f"{date.day} {MONTHS[date.month - 1].capitalize()} {date.year}"


def read_date(text) -> datetime.date | None:
    """The date ``text`` names, or None when it names none, or could name two.

    >>> read_date("May 26th, 2022"), read_date("26.05.2022"), read_date("5/6/2022")
    (datetime.date(2022, 5, 26), datetime.date(2022, 5, 26), None)
    """
    return _read(text)[0]


def date_problem(text) -> str:
    """Why ``text`` does not read as one date ("" when it does): ``"could be ... or ..."``,
    ``"no year"``, ``"short year"`` or ``"unreadable"``.

    >>> date_problem("26 May 2022"), date_problem("26 May")
    ('', 'no year')
    """
    return _read(text)[1]


def written(date: datetime.date) -> str:
    """A date as the kit writes it back to a student.

    >>> written(datetime.date(2022, 5, 26))
    '26 May 2022'
    """
    return _written(date)


def form_line(answer: str, problem: str) -> str:
    """What a student reads when ``answer`` does not read as one date (``problem`` says why):
    the form to use, never that the date is wrong.

    >>> form_line("5/6/2022", "could be 5 June 2022 or 6 May 2022")
    '“5/6/2022” could be 5 June 2022 or 6 May 2022: write the month in words, as in 1 January 2000.'
    """
    shown = f"“{answer.strip()[:60]}”"
    how = f"write the month in words, as in {EXAMPLE}."
    if problem.startswith("could be"):
        return f"{shown} {problem}: {how}"
    if problem == "no year":
        return f"{shown} has no year: give the day, the month and the year; {how}"
    if problem == "short year":
        return f"{shown} has a two-digit year: write the year in full and {how}"
    return f"the kit cannot read {shown} as a date: {how}"
