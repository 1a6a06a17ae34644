"""Write an article in the kit's own layout, changing no word of it.

Headline, blank line, one paragraph per line with blank lines between, the
source line last; UTF-8 with ``\\n`` line endings. Lines hard-wrapped inside a
paragraph (by an e-mail, a PDF or an editor) are joined with a space.

>>> print(tidy("Veto\\r\\n\\r\\nRussia vetoed\\r\\nthe resolution.  \\r\\n\\r\\n\\r\\n(From X, May 1, 2024)"))
Veto
<BLANKLINE>
Russia vetoed the resolution.
<BLANKLINE>
(From X, May 1, 2024)
<BLANKLINE>
"""

from __future__ import annotations

import re

from .._layout import _BULLET, _runs_of_lines, split_layout
from .leftovers import is_stray_line

_BREAK_INSIDE = re.compile(r"[ \t]*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+[ \t]*")
_LINE_BREAK = re.compile(r"\r\r\n|\r\n|\n|\r")
_WRAPPED_LINE_LONGEST = 120  # longer lines are whole paragraphs, not wrapped ones
_WRAPPED_LINE_SHORTEST = 25  # a block of shorter lines ("Share this", "Advertisement") is
# not one paragraph wrapped at a width: no column is that narrow

Span = tuple[int, int]


def paragraph_spans(text: str) -> list[Span]:
    """The body's paragraphs: the kit's reading, with each hard-wrapped block made one.

    When blank lines separate the paragraphs, a block of lines of about the same
    length is one paragraph wrapped at a fixed width, even where a line happens to
    end a sentence (the kit alone would start a new paragraph there).

    >>> text = "Veto\\n\\nRussia vetoed the resolution on Thursday.\\nChina abstained.\\n\\nEnd."
    >>> [text[a:b] for a, b in paragraph_spans(text)]
    ['Russia vetoed the resolution on Thursday.\\nChina abstained.', 'End.']
    """
    return [part for span in _spans(text) for part in _apart_from_stray_lines(text, span)]


def _spans(text: str) -> list[Span]:
    layout = split_layout(text)
    runs = _runs_of_lines(text)
    body_runs = [run for run in runs[1:] if run]
    if len(body_runs) < 2:  # no blank lines between paragraphs: keep the kit's reading
        return layout.paragraphs
    under_headline = runs[0][1:]  # a deck or byline with no blank line: the kit's paragraph 1
    spans = [
        (a, b)
        for a, b in layout.paragraphs
        if under_headline and under_headline[0][0] <= a and b <= under_headline[-1][1]
    ]
    for run in body_runs:
        inside = [(a, b) for a, b in layout.paragraphs if run[0][0] <= a and b <= run[-1][1]]
        if len(inside) > 1 and _wrapped(text, run):
            spans.append((inside[0][0], inside[-1][1]))
        else:
            spans += inside
    return spans


def _apart_from_stray_lines(text: str, span: Span) -> list[Span]:
    """``span`` cut so that a leftover line kept on purpose ("Advertisement") is never joined.

    >>> text = "Share this\\nAdvertisement"
    >>> [text[a:b] for a, b in _apart_from_stray_lines(text, (0, len(text)))]
    ['Share this', 'Advertisement']
    """
    start, end = span
    if not _LINE_BREAK.search(text, start, end):
        return [span]
    lines, at = [], start
    for match in _LINE_BREAK.finditer(text, start, end):
        lines.append((at, match.start()))
        at = match.end()
    lines.append((at, end))
    parts: list[Span] = []
    current: Span | None = None
    for a, b in lines:
        if is_stray_line(text[a:b].strip()):
            if current:
                parts.append(current)
            parts.append((a, b))
            current = None
        else:
            current = (current[0], b) if current else (a, b)
    if current:
        parts.append(current)
    trimmed = [_trim(text, a, b) for a, b in parts]
    return [(a, b) for a, b in trimmed if b > a]


def _trim(text: str, start: int, end: int) -> Span:
    """``(start, end)`` without the spaces at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraphs_guessed(text: str) -> bool:
    """True when the body is one block of wrapped lines: where paragraphs end is a guess.

    >>> paragraphs_guessed("Veto\\n\\n" + "\\n".join(["Russia vetoed the resolution."] * 4))
    True
    """
    body_runs = [run for run in _runs_of_lines(text)[1:] if run]
    if len(body_runs) != 1 or len(body_runs[0]) < 4:
        return False
    lengths = [b - a for a, b in body_runs[0]]
    longest = max(lengths)
    full = sum(length >= 0.6 * longest for length in lengths)
    return longest <= _WRAPPED_LINE_LONGEST and full >= 0.7 * len(lengths)


def _wrapped(text: str, run: list[Span]) -> bool:
    lengths = [b - a for a, b in run]
    longest = max(lengths)
    return (
        _WRAPPED_LINE_SHORTEST <= longest <= _WRAPPED_LINE_LONGEST
        and all(length >= 0.6 * longest for length in lengths[:-1])
        and not any(_BULLET.match(text[a:b]) for a, b in run)
    )


def tidy(text: str) -> str:
    """``text`` laid out as a ``text.txt``; the same words, headline and source line."""
    layout = split_layout(text)
    spans = paragraph_spans(text)
    start, end = _runs_of_lines(text)[0][0]
    parts = [text[start:end].strip()]
    parts += [_BREAK_INSIDE.sub(" ", text[a:b]) for a, b in spans]
    if layout.source_line:
        parts.append(layout.source_line)
    tidied = "\n\n".join(parts) + "\n"
    return tidied if same_words(text, spans, tidied) else plain_line_endings(text)


def plain_line_endings(text: str) -> str:
    """Only the line endings and the spaces at line ends changed (the safe fallback)."""
    lines = [line.rstrip() for line in _LINE_BREAK.split(text.lstrip("\ufeff"))]
    return "\n".join(lines).strip("\n") + "\n"


def same_words(before: str, spans: list[Span], after: str) -> bool:
    """True when ``after`` reads as ``before`` with paragraphs ``spans``: same words in each."""
    one, two = split_layout(before), split_layout(after)
    return (
        _visible_words(before) == _visible_words(after)  # no word dropped anywhere
        and one.headline == two.headline
        and one.source_line == two.source_line
        and len(spans) == len(two.paragraphs)
        and all(
            before[a:b].split() == after[c:d].split()
            for (a, b), (c, d) in zip(spans, two.paragraphs, strict=True)
        )
    )


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def _visible_words(text: str) -> list[str]:
    """The words as a reader sees them (a line of zero-width spaces is a blank line)."""
    return text.translate(_INVISIBLE).split()


def count_joined_lines(text: str) -> int:
    """How many line breaks inside paragraphs ``tidy`` joins.

    >>> count_joined_lines("Veto\\n\\nRussia vetoed\\nthe resolution.")
    1
    """
    return sum(len(_BREAK_INSIDE.findall(text[a:b])) for a, b in paragraph_spans(text))
