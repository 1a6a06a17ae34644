"""Find the parts of an article file: headline, body paragraphs, source line.

The layout is: headline, blank line, paragraphs separated by blank lines, and
a last line "(From OUTLET, DATE)". All parts are character spans into the
text, so nothing is copied or changed.

>>> layout = split_layout("Veto\\n\\nRussia vetoed.\\n\\nChina abstained.\\n\\n(From X, May 1, 2024)")
>>> layout.headline, layout.paragraphs, layout.source_line
('Veto', [(6, 20), (22, 38)], '(From X, May 1, 2024)')

Articles pasted from web pages bend that layout, so the kit also reads:
one paragraph per line with no blank lines, bulleted and numbered lists,
paragraphs hard-wrapped at 70-odd columns, and a byline right under the
headline (it becomes the first paragraph).
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from ._source_line import SourceLine, parse_source_line
from .errors import EmptyTextError, MissingBodyError

# One line and its break; "\r\r\n" comes from converting line endings twice.
_LINE = re.compile(r"(.*?)(\r\r\n|\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]|$)", re.S)
# Characters that show as nothing: a line of them is a blank line.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_LEADING_SPACE = re.compile(rf"[\s{_INVISIBLE}]*")
_TRAILING_SPACE = re.compile(rf"[\s{_INVISIBLE}]*$")
# List items: "- ", "• ", "1. ", "2) ", "(a) ". Not dashes: a wrapped line may start with one.
_BULLET = re.compile(r"(?:[-*•▪◦·]|\(?\d{1,3}[.)]|\(?[a-z]\))\s")
_ENDS_SENTENCE = re.compile(r"[.?!…:;][\"'”’)\]]*$")
_WRAP_WIDTH = 90  # hard-wrapped text has shorter lines than this

_LAYOUT_HELP = (
    "An article file needs: the headline on the first line, a blank line, "
    "then the body, with a blank line between paragraphs, and ideally a last "
    'line such as "(From The Daily News, April 6, 2024)".'
)

Span = tuple[int, int]


class Layout(NamedTuple):
    headline: str
    paragraphs: list[Span]
    source_line: str | None
    source: SourceLine | None


def split_layout(text: str, name: str = "The text") -> Layout:
    """Split ``text`` into headline, body paragraph spans and source line."""
    runs = _runs_of_lines(text)
    if not runs:
        raise EmptyTextError(f"{name} is empty: it has no words in it. {_LAYOUT_HELP}")
    has_blank_lines = len(runs) > 1
    (headline_line, *rest_of_first_run), *other_runs = runs
    runs = [rest_of_first_run, *other_runs] if rest_of_first_run else other_runs
    headline = _visible(text[slice(*headline_line)])
    source_line, source = None, None
    if runs:
        last_line = text[slice(*runs[-1][-1])]
        source = parse_source_line(last_line)
        if source:
            source_line = last_line.strip()
            runs[-1] = runs[-1][:-1]
    paragraphs = [
        paragraph
        for run in runs
        if run
        for paragraph in _paragraphs(text, run, has_blank_lines=has_blank_lines)
    ]
    if not paragraphs:
        raise MissingBodyError(_no_body_message(name, headline, source_line))
    return Layout(headline, paragraphs, source_line, source)


def _runs_of_lines(text: str) -> list[list[Span]]:
    """The non-blank lines (as spans without surrounding space), in runs between blank lines."""
    runs: list[list[Span]] = [[]]
    for match in _LINE.finditer(text):
        start, end = _strip_span(text, *match.span(1))
        if start == end:
            runs.append([])
        else:
            runs[-1].append((start, end))
        if not match.group(2):
            break
    return [run for run in runs if run]


def _paragraphs(text: str, lines: list[Span], *, has_blank_lines: bool) -> list[Span]:
    """Group a run of lines into paragraphs: usually one, several for pasted text."""
    long_lines = max(end - start for start, end in lines) > _WRAP_WIDTH
    paragraphs = [lines[0]]
    for before, line in itertools.pairwise(lines):
        before_text, line_text = text[slice(*before)], text[slice(*line)]
        if _BULLET.match(line_text) or (
            (not has_blank_lines or long_lines or _BULLET.match(before_text))
            and not _continues(before_text, line_text)
        ):
            paragraphs.append(line)
        else:
            paragraphs[-1] = (paragraphs[-1][0], line[1])
    return paragraphs


def _continues(before: str, line: str) -> bool:
    """A line that carries on the sentence of the line before (a wrapped line)."""
    return not _ENDS_SENTENCE.search(before) and line[:1].islower()


def _strip_span(text: str, start: int, end: int) -> Span:
    start += _LEADING_SPACE.match(text, start, end).end() - start
    if start == end:
        return start, start
    return start, _TRAILING_SPACE.search(text, start, end).start()


def _visible(words: str) -> str:
    return " ".join(words.translate({ord(c): None for c in _INVISIBLE}).split())


def _no_body_message(name: str, headline: str, source_line: str | None) -> str:
    words = len(headline.split())
    if words > 25 and not source_line:
        return (
            f"{name} has all its text ({words} words) on one line, so the kit cannot "
            "tell the headline from the body. Put the headline on its own first line, "
            f"then a blank line, then the paragraphs. {_LAYOUT_HELP}"
        )
    found = f'only a headline ("{_shorten(headline)}")'
    if source_line:
        found += " and a source line"
    return (
        f"{name} has {found} but no body paragraphs. Put a blank line after "
        f"the headline, then the article's paragraphs. {_LAYOUT_HELP}"
    )


def _shorten(words: str, width: int = 60) -> str:
    return words if len(words) <= width else words[: width - 1].rstrip() + "…"
