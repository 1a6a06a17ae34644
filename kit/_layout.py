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

_WRAP_WIDTH = 90  # hard-wrapped text has shorter lines than this
_ENDS_SENTENCE = re.compile(r"[.?!…:][\"'”’)\]]*$")

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
    """Spans of the paragraphs (runs of non-blank lines), without surrounding whitespace.

    Text pasted from web pages often has one paragraph per line and no blank
    lines between them: such lines are paragraphs each, while a paragraph
    hard-wrapped at 70-odd columns stays whole.
    """
    runs: list[list[tuple[int, int]]] = [[]]
    for match in _LINE.finditer(text):
        if match.start() == match.end():
            break
        line = match.group().rstrip("\r\n\u2028\u2029")
        span = _strip_span(text, match.start(), match.start() + len(line))
        if span[0] == span[1]:  # a blank line ends a run
            runs.append([])
        else:
            runs[-1].append(span)
    runs = [run for run in runs if run]
    no_blank_lines = len(runs) == 1
    blocks = []
    for run in runs:
        if no_blank_lines or _one_paragraph_per_line(text, run):
            blocks.extend(run)
        else:
            blocks.append((run[0][0], run[-1][1]))
    return blocks


def _one_paragraph_per_line(text: str, lines: list[tuple[int, int]]) -> bool:
    """Long lines that each end a sentence are paragraphs, not a wrapped paragraph."""
    if len(lines) < 2 or max(end - start for start, end in lines) <= _WRAP_WIDTH:
        return False
    return all(_ENDS_SENTENCE.search(text[start:end]) for start, end in lines[:-1])


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    if not chunk.strip():
        return start, start
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
