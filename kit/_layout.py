"""Find the parts of an article file: headline, body paragraphs, source line.

The layout is: headline, blank line, paragraphs separated by blank lines, and
a last line "(From OUTLET, DATE)". All parts are character spans into the
text, so nothing is copied or changed.

>>> layout = split_layout("Veto\\n\\nRussia vetoed.\\n\\nChina abstained.\\n\\n(From X, May 1, 2024)")
>>> layout.headline, layout.paragraphs, layout.source_line
('Veto', [(6, 20), (22, 38)], '(From X, May 1, 2024)')
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ._source_line import SourceLine, parse_source_line
from .errors import EmptyTextError, MissingBodyError

_LINE = re.compile(r"[^\r\n\u2028\u2029]*(?:\r\n|[\r\n\u2028\u2029]|$)")

_LAYOUT_HELP = (
    "An article file needs: the headline on the first line, a blank line, "
    "then the body, with a blank line between paragraphs, and ideally a last "
    'line such as "(From The Daily News, April 6, 2024)".'
)


class Layout(NamedTuple):
    headline: str
    paragraphs: list[tuple[int, int]]
    source_line: str | None
    source: SourceLine | None


def split_layout(text: str, name: str = "the text") -> Layout:
    """Split ``text`` into headline, body paragraph spans and source line."""
    blocks = _blocks(text)
    if not blocks:
        raise EmptyTextError(f"{name} is empty: it has no words in it. {_LAYOUT_HELP}")
    source_line, source, blocks = _split_off_source_line(text, blocks)
    headline_start, headline_end = blocks[0]
    headline = " ".join(text[headline_start:headline_end].split())
    body = blocks[1:]
    if not body:
        found = f'only a headline ("{_shorten(headline)}")'
        if source_line:
            found += " and a source line"
        raise MissingBodyError(
            f"{name} has {found} but no body paragraphs. Put a blank line after "
            f"the headline, then the article's paragraphs. {_LAYOUT_HELP}"
        )
    return Layout(headline, body, source_line, source)


def _blocks(text: str) -> list[tuple[int, int]]:
    """Spans of the runs of non-blank lines, without surrounding whitespace.

    When a text has no blank line at all, each line is a paragraph: that is
    how text pasted from many web pages arrives.
    """
    lines = []  # (start, end) of each line's content, without its line break
    for match in _LINE.finditer(text):
        if match.start() == match.end():
            break
        content = match.group().rstrip("\r\n\u2028\u2029")
        lines.append((match.start(), match.start() + len(content)))
    blank = [not text[start:end].strip() for start, end in lines]
    content = [i for i, is_blank in enumerate(blank) if not is_blank]
    one_per_line = bool(content) and not any(blank[content[0] : content[-1]])
    blocks, current = [], None
    for (start, end), is_blank in zip(lines, blank, strict=True):
        if is_blank or one_per_line:
            if current:
                blocks.append(current)
            current = None
        if is_blank:
            continue
        current = (current[0], end) if current else (start, end)
    if current:
        blocks.append(current)
    return [_strip_span(text, start, end) for start, end in blocks]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    return start + len(chunk) - len(chunk.lstrip()), end - len(chunk) + len(chunk.rstrip())


def _split_off_source_line(text, blocks):
    """Remove the closing source line, which may share the last block."""
    last_start, last_end = blocks[-1]
    line_start = max(text.rfind(sep, last_start, last_end) for sep in "\r\n\u2028\u2029") + 1
    line_start = max(line_start, last_start)
    line = text[line_start:last_end].strip()
    source = parse_source_line(line)
    if source is None or (len(blocks) == 1 and line_start == last_start):
        return None, None, blocks
    if line_start == last_start:
        return line, source, blocks[:-1]
    return line, source, [*blocks[:-1], _strip_span(text, last_start, line_start)]


def _shorten(words: str, width: int = 60) -> str:
    return words if len(words) <= width else words[: width - 1].rstrip() + "…"
