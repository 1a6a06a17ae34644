"""Read an article's bytes as text, finding encoding trouble line by line.

Besides what ``kit._decoding`` reads (UTF-8 with or without a byte-order
mark, UTF-16, Windows-1252), this finds what a plain decoder cannot: a Mac
file read as Windows-1252 ("donÕt"), and mojibake, the "â€™" that Word's
curly quotes become when a UTF-8 text was once read as Windows-1252.

>>> find_mojibake("It isnâ€™t â€œfairâ€\\x9d.")
[('â€™', '’'), ('â€œ', '“'), ('â€\\x9d', '”')]
>>> repair_mojibake("CafÃ© â€“ open")
'Café – open'
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from typing import NamedTuple

from .._decoding import decode_text
from ..errors import TextFormatError
from .problems import Lines, Problem, quoted

LARGEST_FILE = 2_000_000  # bytes, as kit.load

_HOW_TO_SAVE = (
    "In your editor choose File > Save As, pick the encoding UTF-8, and save as plain text."
)

# Windows-1252 names for the bytes 0x80-0x9F that UTF-8 uses inside characters.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_TAIL = f"[\u0080-\u00bf{_CP1252_HIGH}]"
_MOJIBAKE = re.compile(
    rf"[\u00c2-\u00df]{_TAIL}|[\u00e0-\u00ef]{_TAIL}{{2}}|[\u00f0-\u00f4]{_TAIL}{{3}}"
    # ” is "â€" and the byte 0x9D, which Windows-1252 lacks: it is often lost.
    r"|â€(?=\ufffd|[\s.,;:!?]|$)\ufffd?"
)
# A Mac (Mac Roman) file read as Windows-1252: ’ “ ” become Õ Ò Ó.
_MAC_ROMAN = re.compile(r"[A-Za-z]Õ[a-z]|(?:^|\s)Ò[A-Za-z]|[a-z.,!?]Ó(?:\s|$)")
_LOST = "\ufffd"  # the replacement character: what a decoder puts for a lost one
# Control characters, and the direction controls that can show a text reversed (U+202E).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


class Decoded(NamedTuple):
    text: str | None  # None: the file cannot be read as text at all
    encoding: str
    problems: list[Problem]
    changes: list[str]  # the encoding only: every character stays what it was
    repairs: tuple[str, ...] = ()  # characters --repair replaced, one "line N: ..." each


# Documents saved or renamed as .txt, and how to get their text out.
_DOCUMENTS = (
    (
        b"%PDF",
        "a PDF document",
        "Open it in your PDF reader, select the article's text, copy it, paste it into a new "
        "plain-text file (Notepad on Windows; TextEdit > Format > Make Plain Text on a Mac) and "
        "save that with the encoding UTF-8. The kit then lists the page numbers and split words "
        "a PDF leaves.",
    ),
    (
        b"PK\x03\x04",
        "a Word document or another zipped file (.docx, .odt, .zip)",
        "Open it in Word (or your word processor) and choose File > Save As > Plain Text "
        "(.txt), with the encoding Unicode (UTF-8).",
    ),
    (
        b"\xd0\xcf\x11\xe0",
        "an old Word document (.doc)",
        "Open it in Word and choose File > Save As > Plain Text (.txt), with the encoding "
        "Unicode (UTF-8).",
    ),
    (
        b"{\\rtf",
        "a Rich Text (.rtf) document",
        "Open it in your word processor and choose File > Save As > Plain Text (.txt), with the "
        "encoding UTF-8.",
    ),
)


def read_article_bytes(data: bytes, name: str, *, repair: bool = False) -> Decoded:
    """Decode ``data``; list every encoding problem with its line and fix."""
    if len(data) > LARGEST_FILE:
        return _fatal(
            f"{name} is {len(data) / 1e6:.1f} MB: far longer than an article (the kit reads "
            f"up to {LARGEST_FILE / 1e6:.0f} MB). Check that this is the right file, or cut "
            "it down to the article alone."
        )
    opening = data[:64].lstrip()
    for signature, what, how in _DOCUMENTS:
        if opening.startswith(signature):
            return _fatal(f"{name} is {what}, not plain text. {how}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the kit's own, line-by-line words follow
            text, encoding = decode_text(data, name)
    except TextFormatError as error:
        return _fatal(str(error))
    problems: list[Problem] = []
    changes: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        changes.append("removed the byte-order mark (invisible UTF-8 signature) at the start")
    elif encoding.startswith("utf-16") or encoding.startswith("utf-32"):
        changes.append(f"converted the file from {encoding.upper()} to UTF-8")
    elif encoding == "cp1252":
        text, encoding = _western(data, text, name, repair, problems, changes)
    elif encoding == "utf-8" and _not_utf8(data):
        lines = ", ".join(str(n) for n in _lines_not_utf8(data)[:8])
        problems.append(
            Problem(
                "warning",
                f"{name} is UTF-8 but some characters are in another encoding (on lines "
                f"{lines}); the kit read them as Windows-1252. Check that the quotes and "
                f"accents on those lines look right in the new text.txt.",
                _lines_not_utf8(data)[0],
            )
        )
        changes.append("converted a few Windows-1252 characters to UTF-8")
    if text is None:
        return Decoded(None, encoding, problems, changes)
    repairs: list[str] = []
    text = _check_characters(text, repair, problems, repairs)
    return Decoded(text, encoding, problems, changes, tuple(repairs))


def find_mojibake(text: str) -> list[tuple[str, str]]:
    """The garbled sequences in ``text``, each with the character it stands for."""
    found = []
    for match in _MOJIBAKE.finditer(text):
        fixed = _unscramble(match.group())
        if fixed:
            found.append((match.group(), fixed))
    return found


def repair_mojibake(text: str) -> str:
    """``text`` with each garbled sequence replaced by its character (twice garbled, too)."""
    for _ in range(3):
        repaired = _MOJIBAKE.sub(lambda m: _unscramble(m.group()) or m.group(), text)
        if repaired == text:
            break
        text = repaired
    return text


def _unscramble(garbled: str) -> str | None:
    if garbled.startswith("â€") and len(garbled) <= 3 and garbled[2:] in ("", "\ufffd"):
        return "”"
    raw = bytearray()
    for char in garbled:
        raw += bytes([ord(char)]) if ord(char) < 256 else char.encode("cp1252")
    try:
        fixed = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return fixed if all(_plausible(char) for char in fixed) else None


def _plausible(char: str) -> bool:
    """A character an English-language article would hold (not a rare script or a control)."""
    code = ord(char)
    if code < 0xA0 or unicodedata.category(char).startswith("C"):
        return False
    return (
        code <= 0x24F  # Latin letters with accents
        or 0x2000 <= code <= 0x214F  # punctuation, currency, letterlike symbols
        or 0x370 <= code <= 0x4FF  # Greek, Cyrillic
        or code >= 0x1F000  # emoji
    )


def _western(data, text, name, repair, problems, changes):
    """A Windows-1252 (or Latin-1, or Mac) file: convert it, and say which lines to check."""
    lines = Lines(text)
    mac = [(number, line) for number, line in lines if _MAC_ROMAN.search(line)]
    if mac:
        number, line = mac[0]
        if repair:
            changes.append("converted the file from Mac Roman to UTF-8")
            return data.decode("mac_roman"), "mac-roman"
        problems.append(
            Problem(
                "error",
                f"{name} looks like a Mac file in the old Mac Roman encoding: read as Windows "
                f"text, its quotes turn into letters ({quoted(line)}; {len(mac)} lines like "
                f"this). {_HOW_TO_SAVE} Or run again with --repair to convert it from Mac "
                "Roman.",
                number,
            )
        )
        return text, "cp1252"
    accented = [(number, line) for number, line in lines if not line.isascii()]
    shown = "; ".join(
        f"line {number}: {''.join(sorted({c for c in line if not c.isascii()}))}"
        for number, line in accented[:5]
    )
    problems.append(
        Problem(
            "warning",
            f"{name} is not UTF-8: the kit read it as Windows-1252 (Latin-1) and converted "
            f"it. Check that these characters look right: {shown or 'none (plain ASCII)'}"
            f"{' …' if len(accented) > 5 else ''}. If they do not, "
            f"{_HOW_TO_SAVE[0].lower()}{_HOW_TO_SAVE[1:]}",
            accented[0][0] if accented else None,
        )
    )
    changes.append("converted the file from Windows-1252 to UTF-8")
    return text, "cp1252"


def _check_characters(text, repair, problems, repairs) -> str:
    """Mojibake, lost characters (�) and control characters, line by line."""
    lines = Lines(text)
    garbled_lines = []
    for number, line in lines:
        found = find_mojibake(line)
        if found:
            garbled_lines.append((number, found))
        if _LOST in line and not any(_LOST in bad for bad, _ in found):
            problems.append(
                Problem(
                    "error",
                    f"{quoted(_around(line, _LOST))} holds �, a character lost when the "
                    "text was copied or converted. Type the right character in its place "
                    "(often a quote mark, a dash or an accented letter).",
                    number,
                )
            )
        control = _CONTROL.search(line)
        if control:
            problems.append(
                Problem(
                    "error",
                    f"an invisible control character (U+{ord(control.group()):04X}) is in "
                    f"{quoted(_around(line, control.group()))}. Delete it (retype the "
                    "word around it).",
                    number,
                )
            )
    if garbled_lines and repair:
        text = repair_mojibake(text)
        for number, found in garbled_lines:
            pairs = ", ".join(f"{bad!r} → {good}" for bad, good in dict(found).items())
            repairs.append(f"line {number}: replaced garbled characters {pairs}")
    else:
        for number, found in garbled_lines:
            pairs = ", ".join(f"{bad!r} → {good}" for bad, good in dict(found).items())
            problems.append(
                Problem(
                    "error",
                    f"garbled characters (mojibake from a wrong encoding): {pairs}. Replace "
                    "them (find and replace in your editor), copy the article again from "
                    "the original, or run again with --repair to let the kit replace them.",
                    number,
                )
            )
    return text


def _around(line: str, char: str, width: int = 25) -> str:
    at = line.index(char)
    return line[max(0, at - width) : at + width]


def _not_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _lines_not_utf8(data: bytes) -> list[int]:
    return [
        number
        for number, line in enumerate(re.split(rb"\r\n|\n|\r", data), start=1)
        if _not_utf8(line)
    ]


def _fatal(message: str) -> Decoded:
    at = re.search(r"\bon line (\d+)", message)
    return Decoded(None, "unknown", [Problem("error", message, int(at[1]) if at else None)], [])
