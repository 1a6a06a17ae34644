"""What a web page or a PDF leaves in a pasted article, found line by line.

HTML tags and character codes are errors (students would read them as words);
"Advertisement" lines, page numbers, web addresses and words split by a line
break are warnings: the instructor decides.

>>> found = leftover_problems(Lines("Advertisement\\nThe inter-\\nnational body."))
>>> [(p.line, p.severity, p.message[:30]) for p in found]
[(1, 'warning', '"Advertisement" looks like a l'), (2, 'warning', '"inter-" at the end of this li')]
"""

from __future__ import annotations

import html
import re

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


def leftover_problems(lines: Lines) -> list[Problem]:
    """Web-page and PDF leftovers, line by line: HTML (errors), stray lines (warnings)."""
    problems = []
    numbered = list(lines)
    for index, (number, line) in enumerate(numbered):
        bare = line.strip()
        if not bare:
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
        if _LEFTOVER_LINES.fullmatch(bare.rstrip(".:")):
            problems.append(
                Problem(
                    "warning",
                    f"{quoted(bare)} looks like a leftover from the web page, not part of "
                    "the article. Delete this line unless the article really says it.",
                    number,
                )
            )
        elif _PAGE_NUMBER.fullmatch(bare):
            problems.append(
                Problem(
                    "warning",
                    f"{quoted(bare)} looks like a page number from a PDF. Delete this line.",
                    number,
                )
            )
        elif _WEB_ADDRESS.fullmatch(bare):
            problems.append(
                Problem(
                    "warning",
                    f"a web address on a line of its own ({quoted(bare)}). Delete it unless "
                    "the article prints it.",
                    number,
                )
            )
        if "\u00ad" in line:
            problems.append(
                Problem(
                    "warning",
                    "an invisible soft hyphen (from a PDF or a web page) is inside a word "
                    "here, which splits the word for the kit. Retype the word.",
                    number,
                )
            )
        split = _SPLIT_WORD.search(bare)
        following = numbered[index + 1][1].strip() if index + 1 < len(numbered) else ""
        if split and following[:1].islower():
            second = re.match(r"[\w’']+", following)
            joined = split.group(1) + (second.group() if second else "")
            problems.append(
                Problem(
                    "warning",
                    f'"{split.group()}" at the end of this line and "{following.split()[0]}" '
                    f"on the next look like one word split by a PDF line break. Join them "
                    f'("{joined}"), unless the hyphen belongs to the word.',
                    number,
                )
            )
    return problems
