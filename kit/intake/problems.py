"""A problem found in an article: where it is, how bad it is, and what to do.

>>> print(Problem("error", "the headline is missing: put it on the first line.", line=1))
line 1: the headline is missing: put it on the first line.
"""

from __future__ import annotations

import bisect
import re
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]

# The line breaks an editor counts: Windows, Unix and old Mac.
_LINE_BREAK = re.compile(r"\r\n|\n|\r")


class Problem(NamedTuple):
    """One finding: ``error`` refuses the text, ``warning`` only asks to check."""

    severity: Severity
    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


def in_order(problems: list[Problem]) -> list[Problem]:
    """Errors before warnings, each by line (problems with no line first)."""
    return sorted(problems, key=lambda p: (p.severity != "error", p.line or 0))


class Lines:
    """Line numbers as an editor shows them (from 1), for offsets into ``text``.

    >>> lines = Lines("one\\r\\ntwo\\nthree")
    >>> lines.number(0), lines.number(5), lines.number(9), lines.text(3)
    (1, 2, 3, 'three')
    """

    def __init__(self, text: str):
        self.starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]
        self.lines = _LINE_BREAK.split(text)

    def number(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def text(self, number: int) -> str:
        return self.lines[number - 1]

    def __iter__(self):
        """``(number, line)`` for every line."""
        return iter(enumerate(self.lines, start=1))


def quoted(text: str, width: int = 60) -> str:
    """A line as shown in a message: stripped, shortened, in quotes.

    >>> quoted("  Advertisement ")
    '"Advertisement"'
    """
    text = " ".join(text.split())
    if len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    return f'"{text}"'
