"""What a web page or a PDF leaves in a pasted article, found line by line.

Students would read any of them as the article's words, so all are errors:
HTML tags and character codes (fix them by hand), and "Advertisement" lines,
page numbers, web addresses and words split by a line break, which
``--repair`` removes (``kit.intake.cleanup``) and ``--keep-leftovers`` keeps.

>>> found = leftover_problems(Lines("Advertisement\\nThe inter-\\nnational body."))
>>> [(p.line, p.severity, p.message[:30]) for p in found]
[(1, 'error', '"Advertisement" looks like a l'), (2, 'error', '"inter-" at the end of this li')]
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from .problems import Lines, Problem, quoted

_HTML_TAG = re.compile(
    r"</?(?:p|div|span|br|a|b|i|u|em|strong|h[1-6]|ul|ol|li|img|figure|figcaption|blockquote"
    r"|section|article|header|footer|nav|aside|script|style|iframe|table|tr|td|th|hr|sup|sub"
    r"|font|meta|link|button|picture|source|time)\b[^<>]*>",
    re.I,
)
_HTML_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,7}|#[xX][0-9a-fA-F]{2,6});")
# Lines a web page or a PDF adds around an article (the whole line, any case).
_LEFTOVER_LINES = re.compile(
    r"(?:advertisement|advert|sponsored(?: content)?|skip (?:to|past) (?:content|advertisement)"
    r"|continue reading(?: the main story| below)?|story continues below(?: advertisement)?"
    r"|read more(?::.*)?|related(?: articles?| stories)?(?::.*)?|most (?:read|popular)"
    r"|share (?:this|on)(?: \w+)*|share|tweet|email|print|comments?(?: \(\d+\))?"
    r"|sign up(?: .*)?|subscribe(?: .*)?|log ?in|register|follow us(?: .*)?|click here(?: .*)?"
    r"|(?:photo|image|picture|video|caption|credit|graphic)(?: credit)?: .*|image caption,?.*"
    r"|listen to (?:this|the) article.*|\d+ min(?:ute)? read|accept (?:all )?cookies.*"
    r"|we use cookies.*|all rights reserved\.?|©.*|copyright .*)",
    re.I,
)
_PAGE_NUMBER = re.compile(r"(?:page\s+)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?|-\s*\d{1,3}\s*-", re.I)
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.I)
_SPLIT_WORD = re.compile(r"([A-Za-z]{2,})[-\u00ad]$")
# First parts that keep their hyphen when a split word is joined ("self-", "well-").
_HYPHEN_PREFIXES = {"self", "well", "ex", "all", "half", "so", "ill", "cross", "long", "short"}


class Leftover(NamedTuple):
    """A leftover ``--repair`` can remove: a whole ``line``, a ``split`` word, a ``soft-hyphen``."""

    kind: str
    line: int
    found: str  # the line (kind "line"), the word's first part ("substi-"), or the word
    second: str = ""  # a split word's second part, as it starts the next line ("tute")
    joined: str = ""  # a split word as --repair joins it ("substitute")


def find_leftovers(lines: Lines) -> list[Leftover]:
    """Stray lines, split words and soft hyphens, in line order: what ``--repair`` removes.

    >>> find_leftovers(Lines("Advertisement\\nThe inter-\\nnational body."))[1]
    Leftover(kind='split', line=2, found='inter-', second='national', joined='international')
    """
    numbered = list(lines)
    whole_text = "\n".join(line for _, line in numbered).lower()
    found = []
    for index, (number, line) in enumerate(numbered):
        bare = line.strip()
        if not bare:
            continue
        if is_stray_line(bare):
            found.append(Leftover("line", number, bare))
            continue
        if "\u00ad" in line:
            word = next(w for w in line.split() if "\u00ad" in w)
            found.append(Leftover("soft-hyphen", number, word.replace("\u00ad", "")))
        split = _SPLIT_WORD.search(bare)
        following = numbered[index + 1][1].strip() if index + 1 < len(numbered) else ""
        if split and following[:1].islower() and not is_stray_line(following):
            second = re.match(r"[\w’']+", following)
            second = second.group() if second else following.split()[0]
            found.append(
                Leftover("split", number, split.group(), second, _join(split, second, whole_text))
            )
    return found


def is_stray_line(bare: str) -> bool:
    """True for a line that is only a web or PDF leftover ("Share this", "Page 4", an address).

    >>> is_stray_line("Page 4"), is_stray_line("Share this article"), is_stray_line("Share it.")
    (True, True, False)
    """
    return bool(
        _LEFTOVER_LINES.fullmatch(bare.rstrip(".:"))
        or _PAGE_NUMBER.fullmatch(bare)
        or _WEB_ADDRESS.fullmatch(bare)
    )


def _join(split: re.Match, second: str, text: str) -> str:
    """The split word as one: without the hyphen, unless the text or the word keeps it."""
    first = split.group(1)
    hyphenated, plain = f"{first}-{second}", f"{first}{second}"
    if hyphenated.lower() in text and plain.lower() not in text:
        return hyphenated
    if plain.lower() not in text and first.lower() in _HYPHEN_PREFIXES:
        return hyphenated
    return plain


def leftover_problems(lines: Lines, *, keep: bool = False) -> list[Problem]:
    """HTML (errors) and stray lines, split words, soft hyphens: errors, warnings if ``keep``.

    A leftover is an error unless the instructor keeps it (``--keep-leftovers``):
    a text must not hold "Advertisement" as a paragraph unasked.
    """
    problems = _html_problems(lines)
    for leftover in find_leftovers(lines):
        if keep:
            message = f"{_what(leftover)}; kept (--keep-leftovers)."
            problems.append(Problem("warning", message, leftover.line))
        else:
            problems.append(Problem("error", f"{_what(leftover)}. {_fix(leftover)}", leftover.line))
    return problems


def _what(leftover: Leftover) -> str:
    if leftover.kind == "soft-hyphen":
        return (
            f"an invisible soft hyphen (from a PDF or a web page) is inside {quoted(leftover.found)}"
            ", which splits the word for the kit"
        )
    if leftover.kind == "split":
        return (
            f'"{leftover.found}" at the end of this line and "{leftover.second}" on the next '
            "look like one word split by a PDF line break"
        )
    bare = leftover.found
    if _PAGE_NUMBER.fullmatch(bare):
        return f"{quoted(bare)} looks like a page number from a PDF"
    if _WEB_ADDRESS.fullmatch(bare) and not _LEFTOVER_LINES.fullmatch(bare.rstrip(".:")):
        return f"{quoted(bare)} is a web address on a line of its own"
    return f"{quoted(bare)} looks like a leftover from the web page, not part of the article"


def _fix(leftover: Leftover) -> str:
    keep = "or, if the article really prints it, run again with --keep-leftovers."
    if leftover.kind == "soft-hyphen":
        return f"Retype the word, or run again with --repair to let the kit remove it, {keep}"
    if leftover.kind == "split":
        return (
            f'Join them ("{leftover.joined}"; keep the hyphen if it belongs to the word), or '
            f'run again with --repair to let the kit join them as "{leftover.joined}".'
        )
    return f"Delete this line, or run again with --repair to let the kit delete it, {keep}"


def _html_problems(lines: Lines) -> list[Problem]:
    problems = []
    for number, line in lines:
        if not line.strip():
            continue
        tags = sorted({m.group() for m in _HTML_TAG.finditer(line)})
        if tags:
            problems.append(
                Problem(
                    "error",
                    f"HTML code left from the web page: {', '.join(tags[:4])}. Delete the "
                    "tags (keep the words between them), or copy the article again from the "
                    "page as displayed in a browser, not from its source.",
                    number,
                )
            )
        entities = sorted({m.group() for m in _HTML_ENTITY.finditer(line)})
        if entities:
            fixes = ", ".join(
                f"{entity} → {html.unescape(entity).replace(chr(160), 'a space')!s}"
                for entity in entities[:4]
            )
            problems.append(
                Problem(
                    "error",
                    f"HTML character codes left from the web page: {fixes}. Replace each "
                    "code with the character it stands for.",
                    number,
                )
            )
    return problems
