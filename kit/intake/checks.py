"""Check an article's layout and content the way an instructor pasted it.

Each check adds ``Problem``s with the line they are on. Errors are what the
lessons cannot work with (no headline, no body, no source line, too short,
web-page leftovers in the words); warnings are what an instructor should look
at (an "Advertisement" line, a word split by a PDF line break...).

>>> found = check_article("Veto\\n\\nRussia vetoed it.\\n")
>>> [str(p).split(":")[0] for p in found.problems if p.severity == "error"]
['line 3', 'line 3']
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from typing import NamedTuple

from .._layout import Layout, _runs_of_lines, split_layout
from .._source_line import _DATE_PATTERNS, parse_date, parse_source_line
from ..errors import TextFormatError
from .layout_text import paragraph_spans, paragraphs_guessed, tidy
from .leftovers import leftover_problems
from .problems import Lines, Problem, quoted

# Length of the body in words (the seed editorial has 519 by the kit's count).
MIN_WORDS = 150  # fewer: too short to teach with (error)
SHORT_WORDS = 250  # fewer: charts and counts get sparse (warning)
LONG_WORDS = 1_500  # more: long for one lesson (warning)
MAX_WORDS = 5_000  # more: too long for a class (error)
MIN_SENTENCES = 5
ONE_BLOCK_WORDS = 150  # a single paragraph this long: the blank lines were lost
LONG_PARAGRAPH_WORDS = 250
LONGEST_HEADLINE_WORDS = 25
READING_SPEED = 200  # words a minute

SOURCE_EXAMPLE = "(From The Daily News, April 6, 2024)"

_BYLINE = re.compile(r"(?:by|written by)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4}$", re.I)
# Words around a source line written another way ("published in ... on ...").
_SOURCE_CUE = re.compile(
    r"\b(?:published|from|source|appeared|originally|editorial|posted|printed|updated)\b|[—–(]",
    re.I,
)
_SOURCE_FILLER = re.compile(
    r"\b(?:originally|first|published|appeared|posted|printed|updated|source|from|in|on|by|"
    r"the editorial board|editorial board|the editorial|editorial|staff|opinion)\b:?",
    re.I,
)
# A name ending so is written with "The": "Oakdale Tribune" -> "The Oakdale Tribune".
_NEWSPAPER_WORDS = set(
    "tribune times post news herald gazette courier standard journal chronicle star observer "
    "guardian independent telegraph sun mail express record review weekly register sentinel "
    "examiner bulletin press inquirer globe mirror advocate dispatch leader monitor".split()
)
_DATE_AT_END = re.compile(r",\s*([^,]*\d{4}[^,]*|[A-Za-z]+\.? \d{1,2}, \d{4})\s*\.?\)?$")


class Article(NamedTuple):
    layout: Layout | None
    problems: list[Problem]
    words: int = 0
    sentences: int = 0
    paragraphs: int = 0
    tidied: str | None = None  # the text.txt to write


def check_article(
    text: str, *, name: str = "The text", meta: dict | None = None, keep_leftovers: bool = False
) -> Article:
    """Every problem in ``text`` (already decoded), with line numbers.

    Web and PDF leftovers are errors unless ``keep_leftovers`` (then warnings).
    """
    meta = meta or {}
    lines = Lines(text)
    problems = leftover_problems(lines, keep=keep_leftovers)
    try:
        layout = split_layout(text, name=name)
    except TextFormatError as error:  # empty, or no body
        last = max((n for n, line in lines if line.strip()), default=1)
        problems.append(Problem("error", _without_name(str(error), name), last))
        return Article(None, problems)
    headline_problems = _headline_problems(layout, lines)
    problems += headline_problems or _under_headline(text, lines)
    problems += _source_problems(layout, lines, meta)
    spans = paragraph_spans(text)
    tidied = tidy(text)
    words, sentences, body_problems, paragraphs = _body_problems(text, spans, tidied, lines, meta)
    problems += body_problems
    return Article(layout, problems, words, sentences, paragraphs, tidied)


def reading_minutes(words: int) -> int:
    """Minutes to read ``words`` at 200 words a minute, at least 1.

    >>> reading_minutes(533)
    3
    """
    return max(1, round(words / READING_SPEED))


# -- the parts -------------------------------------------------------------------


def _headline_problems(layout: Layout, lines: Lines) -> list[Problem]:
    number = next(n for n, line in lines if line.strip())
    headline = layout.headline
    words = len(headline.split())
    if parse_source_line(headline):
        return [
            Problem(
                "error",
                f"the first line {quoted(headline)} is the source line, not a headline. Put "
                "the headline on the first line and the source line last.",
                number,
            )
        ]
    if parse_date(headline):
        return [
            Problem(
                "error",
                f"the first line {quoted(headline)} is a date, not a headline. Put the "
                "headline on the first line; the date belongs in the source line at the end.",
                number,
            )
        ]
    following = lines.text(number + 1).strip() if number < len(lines.lines) else ""
    runs_on = following[:1].islower() and not following.lower().startswith("by ")
    if runs_on and not re.search(r"[.?!:;]$", headline):
        return [
            Problem(
                "error",
                f"the first line {quoted(headline, 50)} runs on into line {number + 1} "
                f"({quoted(following, 30)}): it is the start of a paragraph, not a headline. "
                "Type the article's headline as the first line, then a blank line.",
                number,
            )
        ]
    if words > LONGEST_HEADLINE_WORDS:
        return [
            Problem(
                "error",
                f"the first line has {words} words ({quoted(headline, 50)}): that is body "
                f"text, not a headline (a headline has at most {LONGEST_HEADLINE_WORDS} "
                "words). Type the article's headline as the first line, then a blank line.",
                number,
            )
        ]
    return []


def _under_headline(text: str, lines: Lines) -> list[Problem]:
    """A line right under the headline (no blank line): the kit reads it as paragraph 1."""
    first_run = _runs_of_lines(text)[0]
    if len(first_run) < 2:
        return []
    start, end = first_run[1]
    if lines.number(start) == lines.number(first_run[0][0]):  # U+2028, U+0085, a form feed
        return [
            Problem(
                "warning",
                f"{quoted(text[start:end])} follows the headline after an invisible line break "
                "on the same line: the kit keeps it as the first paragraph. Replace that break "
                "with a space if it belongs to the headline, or put it after a blank line.",
                lines.number(start),
            )
        ]
    return [
        Problem(
            "warning",
            f"{quoted(text[start:end])} is right under the headline, with no blank line "
            "between: the kit keeps it as the first paragraph (a subheading or a byline?). "
            "Put a blank line after the headline to say so, or delete the line if it is not "
            "part of the article, or join it to the headline if it belongs there.",
            lines.number(start),
        )
    ]


def _source_problems(layout: Layout, lines: Lines, meta: dict) -> list[Problem]:
    last = max(n for n, line in lines if line.strip())
    source = layout.source
    if source is None:
        return [_missing_source(lines, last, meta)]
    problems = []
    if not source.outlet:
        problems.append(
            Problem(
                "error",
                f"the source line {quoted(layout.source_line)} names no outlet. Write the "
                f"newspaper or site before the date, like {SOURCE_EXAMPLE}.",
                last,
            )
        )
    if source.date is None and "date" not in meta:
        if source.date_text:
            message = (
                f"the date {source.date_text!r} in the source line cannot be read. Write it "
                "like April 6, 2024, 6 April 2024 or 2024-04-06."
            )
        else:
            message = (
                f"the source line {quoted(layout.source_line)} has no date. Add it after "
                f"the outlet and a comma, like {SOURCE_EXAMPLE}."
            )
        problems.append(Problem("error", message, last))
    date = meta.get("date") or source.date
    if date and date > dt.date.today():
        problems.append(
            Problem("warning", f"the date {date.isoformat()} is in the future: check it.", last)
        )
    outlet = meta.get("outlet")
    if outlet and source.outlet and outlet.strip().lower() != source.outlet.strip().lower():
        problems.append(
            Problem(
                "warning",
                f"meta.toml gives the outlet {outlet!r} but the source line says "
                f"{source.outlet!r}; the kit uses meta.toml's. Make them agree.",
                last,
            )
        )
    if meta.get("date") and source.date and meta["date"] != source.date:
        problems.append(
            Problem(
                "warning",
                f"meta.toml gives the date {meta['date'].isoformat()} but the source line "
                f"says {source.date.isoformat()}; the kit uses meta.toml's. Make them agree.",
                last,
            )
        )
    return problems


def _missing_source(lines: Lines, last: int, meta: dict) -> Problem:
    for number, line in lines:
        if number != last and line.strip() and parse_source_line(line):
            return Problem(
                "error",
                f"line {number} {quoted(line)} looks like the source line, but the source "
                "line must be the very last line. Move it to the end, after a blank line.",
                last,
            )
    last_line = lines.text(last).strip()
    rewrite = source_rewrite(last_line)
    if rewrite:
        return Problem(
            "error",
            f"the last line {quoted(last_line)} looks like the source but is not written the "
            f"way the kit reads it. Write it as {rewrite}.",
            last,
        )
    example = f"(From NAME OF THE NEWSPAPER, MONTH DAY, YEAR), for example {SOURCE_EXAMPLE}"
    if meta.get("outlet") and meta.get("date"):
        example = _source_line(meta["outlet"], meta["date"])
    return Problem(
        "error",
        "there is no source line: the last line is the end of the article. Add a last line, "
        f"after a blank line, naming the outlet and the date of publication: {example}. "
        "Students need it to cite the text, and it must stay with the text.",
        last,
    )


def source_rewrite(line: str) -> str | None:
    """The kit's form of a line that reads as a source line written another way, or None.

    >>> source_rewrite("Oakdale Tribune editorial board — published 21 October 2024")
    '(From The Oakdale Tribune, October 21, 2024)'
    >>> source_rewrite("From the Oakdale Tribune (Oct 21, 2024)")
    '(From The Oakdale Tribune, October 21, 2024)'
    >>> source_rewrite("The board votes again on 21 October 2024.") is None  # a sentence
    True
    """
    if len(line.split()) > 14:
        return None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(line):
            date = parse_date(match.group())
            if date is None:
                continue
            rest = f"{line[: match.start()]} | {line[match.end() :]}"
            cued = _SOURCE_CUE.search(line) or _DATE_AT_END.search(line)
            if not cued or len(line[match.end() :].split()) > 3:  # a sentence goes on
                return None
            return _source_line(_outlet_in(rest), date)
    return None


def _outlet_in(rest: str) -> str:
    """The outlet's name in what is left of a source line once its date is taken out."""
    rest = re.sub(r"^\s*by\s[^,|—–]*[,—–]", " ", rest, flags=re.I)  # "By Jane Doe, ..."
    rest = _SOURCE_FILLER.sub(" ", rest)
    parts = [" ".join(p.split()).strip(" .,;:") for p in re.split(r"[|()\[\]—–,;]|\s-+\s", rest)]
    names = [p for p in parts if (p and p[0].isupper()) or p.lower().startswith("the ")]
    if not names or len(names[0].split()) > 6:
        return "NAME OF THE NEWSPAPER"
    name = names[0]
    words = name.split()
    if words[0].lower() != "the" and words[-1].lower() in _NEWSPAPER_WORDS:
        name = f"The {name}"  # "Oakdale Tribune" -> "The Oakdale Tribune"
    return name[0].upper() + name[1:]


def _source_line(outlet: str, date: dt.date) -> str:
    return f"(From {outlet}, {date:%B} {date.day}, {date.year})"


def _body_problems(text: str, spans, tidied: str, lines: Lines, meta: dict):
    """Length, paragraphs, byline, repeats: counted on the tidied text, shown at ``spans``."""
    from ..document import Document

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the source line's date is checked above
        doc = Document(tidied, meta={k: v for k, v in meta.items() if k in ("date", "outlet")})
        words = len(doc.words)
        sentences = len(doc.sentences)
        paragraphs = len(doc.paragraphs)  # as the lessons will read the written text
        paragraph_words = doc.words.merge(doc.sentences[["sentence_id", "paragraph"]])
        per_paragraph = paragraph_words.groupby("paragraph").size().to_dict()
    problems = []
    first, last = lines.number(spans[0][0]), lines.number(spans[-1][1])
    where = f"the body (lines {first}-{last})" if last > first else f"the body (line {first})"
    minutes = reading_minutes(words)
    if words < MIN_WORDS or sentences < MIN_SENTENCES:
        problems.append(
            Problem(
                "error",
                f"{where} has {words} words in {_count(sentences, 'sentence')}: too short to teach "
                f"with. The lessons need at least {MIN_WORDS} words and {MIN_SENTENCES} "
                f"sentences (best {SHORT_WORDS}-{LONG_WORDS:,}; the seed editorial has 519). "
                "Paste the "
                "whole article.",
                first,
            )
        )
    elif words < SHORT_WORDS:
        problems.append(
            Problem(
                "warning",
                f"{where} is short: {words} words (under {SHORT_WORDS}), so counts and charts "
                "will be sparse. Fine for a quick exercise.",
                first,
            )
        )
    elif words > MAX_WORDS:
        problems.append(
            Problem(
                "error",
                f"{where} has {words} words, about {minutes} minutes of reading: too long for a "
                f"class (at most {MAX_WORDS:,}; best {SHORT_WORDS}-{LONG_WORDS:,}). Cut it to "
                "the part you will teach, keeping the headline and the source line.",
                first,
            )
        )
    elif words > LONG_WORDS:
        problems.append(
            Problem(
                "warning",
                f"{where} has {words} words, about {minutes} minutes of reading: long for one "
                f"lesson (best up to {LONG_WORDS:,}). Consider cutting it to the part you teach.",
                first,
            )
        )
    if len(spans) == 1 and words >= ONE_BLOCK_WORDS:
        problems.append(
            Problem(
                "error",
                f"{where} is one paragraph of {words} words: the blank lines between "
                "paragraphs were lost in copying. The lessons count and chart paragraph by "
                "paragraph: put a blank line between the paragraphs.",
                first,
            )
        )
    else:
        for number, (start, _) in enumerate(spans, start=1):
            size = per_paragraph.get(number, 0)
            if size > LONG_PARAGRAPH_WORDS:
                problems.append(
                    Problem(
                        "warning",
                        f"paragraph {number} has {size} words (over {LONG_PARAGRAPH_WORDS}): "
                        "check that no blank line between paragraphs was lost here.",
                        lines.number(start),
                    )
                )
    if len(spans) > 1 and paragraphs_guessed(text):
        problems.append(
            Problem(
                "warning",
                f"{where} has no blank lines between paragraphs and its lines are wrapped at a "
                f"fixed width (copied from a PDF?), so the kit guessed where the {len(spans)} "
                "paragraphs end. Check them in the new text.txt, or put a blank line between "
                "paragraphs and run again.",
                first,
            )
        )
    opening = text[slice(*spans[0])]
    if len(spans) > 1 and _BYLINE.fullmatch(" ".join(opening.split())):
        problems.append(
            Problem(
                "warning",
                f"{quoted(opening)} is a byline: the kit counts it as paragraph 1. Delete "
                'it if you prefer, and give the writer in meta.toml (author = "...").',
                lines.number(spans[0][0]),
            )
        )
    seen: dict[str, int] = {}
    for start, end in spans:
        words_here = " ".join(text[start:end].split())
        if len(words_here.split()) < 8:
            continue
        if words_here in seen:
            problems.append(
                Problem(
                    "warning",
                    f"this paragraph repeats the one on line {seen[words_here]} (pasted "
                    "twice?). Delete one of them.",
                    lines.number(start),
                )
            )
        seen.setdefault(words_here, lines.number(start))
    return words, sentences, problems, paragraphs


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _without_name(message: str, name: str) -> str:
    """The layout's message, from "NAME has ..." to "the text has ..."."""
    return re.sub(rf"^{re.escape(name)}\b", "the text", message)
