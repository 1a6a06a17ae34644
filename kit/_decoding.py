"""Turn a file's bytes into text, or say clearly why that is not possible.

Articles pasted by instructors come in many shapes: UTF-8 with or without a
byte-order mark, UTF-16 from Windows Notepad, Windows-1252 from older word
processors, or not text at all (a PDF or a Word file renamed to ``.txt``).

>>> decode_text("Caf\\u00e9".encode("utf-8"), "x.txt")
('Café', 'utf-8')
>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:  # it warns: not UTF-8
...     decode_text(b"Caf\\xe9 \\x93latte\\x94", "x.txt")
('Café “latte”', 'cp1252')
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ._warn import warn
from .errors import BinaryFileError, TextEncodingError, TextFormatError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Signatures of formats people often save or rename by mistake.
_KNOWN_BINARIES = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a Word document or another zipped file (.docx, .odt, .zip)"),
    (b"\xd0\xcf\x11\xe0", "an old Word document (.doc)"),
    (b"{\\rtf", "a Rich Text (.rtf) document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)

_WEB_PAGE = re.compile(rb"\s*(?:<!doctype html|<html[\s>])", re.I)

_HOW_TO_SAVE = (
    "Open the article in a text editor and save it as plain text with the "
    "UTF-8 encoding (in most editors: File > Save As > Encoding: UTF-8)."
)


def decode_text(data: bytes, name: str | Path) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of the file called ``name``.

    Raises ``BinaryFileError`` or ``TextEncodingError`` with advice when the
    bytes are not a text the kit can read without guessing wildly.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, name), encoding.replace("-sig", "")
    opening = data[:64].lstrip()  # enough to see any signature
    for signature, what in _KNOWN_BINARIES:
        if opening.startswith(signature):
            raise BinaryFileError(
                f"{name} is {what}, not plain text. Copy the article's text into "
                f"a plain .txt file instead. {_HOW_TO_SAVE}"
            )
    if _WEB_PAGE.match(data):
        raise TextFormatError(
            f"{name} is a web page (HTML), not the article's text. Open the page in a "
            "browser, select the article's text, copy it and paste it into a plain "
            f".txt file. {_HOW_TO_SAVE}"
        )
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16, name), utf16
    if b"\x00" in data:
        raise BinaryFileError(
            f"{name} is not a text file: it contains binary data (zero bytes). "
            f"Copy the article's text into a plain .txt file. {_HOW_TO_SAVE}"
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        first_bad = error.start
    line = data[:first_bad].count(b"\n") + 1
    if _mostly_utf8(data):
        # Mostly UTF-8 with a few stray bytes (text pasted from two sources):
        # read the stray bytes as Windows-1252 and keep the rest as it is.
        text = data.decode("utf-8", errors=_STRAY_BYTES)
        warn(
            f"{name} is UTF-8 but has a few characters in another encoding (the first on "
            f"line {line}); the kit read them as Windows-1252. Check that line. {_HOW_TO_SAVE}"
        )
        return text, "utf-8"
    text = _western_text_or_none(data)
    if text is None:
        raise TextEncodingError(
            f"{name} is not in the UTF-8 encoding the kit reads (the first "
            f"unreadable byte is on line {line}), and it does not look like "
            f"Windows-1252 either. {_HOW_TO_SAVE}"
        )
    warn(
        f"{name} is not UTF-8; the kit read it as Windows-1252. Check that quotes and "
        f"accents look right (a Mac file may show Õ for ’). {_HOW_TO_SAVE}"
    )
    return text, "cp1252"


def _mostly_utf8(data: bytes) -> bool:
    """True when at least 2 in 3 non-ASCII characters are valid UTF-8."""
    lenient = data.decode("utf-8", errors="replace")
    unreadable = lenient.count("\ufffd")
    readable = sum(1 for char in lenient if ord(char) > 127) - unreadable
    return readable >= 2 * unreadable


def _read_stray_bytes_as_cp1252(error: UnicodeDecodeError):
    stray = error.object[error.start : error.end]
    return stray.decode("cp1252", errors="replace"), error.end


_STRAY_BYTES = "kit-stray-bytes-as-cp1252"
codecs.register_error(_STRAY_BYTES, _read_stray_bytes_as_cp1252)


def _strict(data: bytes, encoding: str, name: str | Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise TextEncodingError(
            f"{name} starts like a {encoding.upper()} file but has unreadable "
            f"characters further on. {_HOW_TO_SAVE}"
        ) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 from the zero bytes that plain-English UTF-16 is full of."""
    pairs = len(data) // 2
    if pairs < 4 or len(data) % 2:
        return None
    even_zeros = data[0::2].count(0)
    odd_zeros = data[1::2].count(0)
    # Emoji and other rare characters put a few zeros on the other side too.
    if odd_zeros > 0.4 * pairs and even_zeros * 8 < odd_zeros:
        return "utf-16-le"
    if even_zeros > 0.4 * pairs and odd_zeros * 8 < even_zeros:
        return "utf-16-be"
    return None


def _western_text_or_none(data: bytes) -> str | None:
    """Decode as Windows-1252 if the result reads like a Western text."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    non_ascii = sum(1 for c in letters if not c.isascii())
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    if controls or non_ascii > 0.3 * len(letters):
        return None
    return text
