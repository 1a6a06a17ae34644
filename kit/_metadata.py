"""Read and check a text's optional ``meta.toml``.

>>> read_meta_string('outlet = "The Daily"\\ndate = 2024-04-06', "meta.toml")
{'outlet': 'The Daily', 'date': datetime.date(2024, 4, 6)}
"""

from __future__ import annotations

import datetime as dt
import difflib
import tomllib
from pathlib import Path

from ._decoding import decode_text
from ._source_line import parse_date
from ._warn import warn
from .errors import KitError, MetadataError, TextFormatError

# Keys the kit reads; any other key is kept in ``Document.meta`` as it is.
TEXT_FIELDS = ("title", "outlet", "genre", "language", "rights", "notes", "url")
KNOWN_KEYS = (*TEXT_FIELDS, "date", "author")
EXAMPLE = (
    'title = "Headline of the article"\n'
    'outlet = "The Yomiuri Shimbun"\n'
    "date = 2024-04-06\n"
    'genre = "editorial"\n'
    'language = "en"\n'
    'rights = "Quoted for teaching; keep the source line."'
)


def read_meta(path: Path) -> dict:
    """Return the checked contents of the ``meta.toml`` at ``path``."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise KitError(f"Could not read {path}: {error.strerror}.") from None
    try:
        text, _ = decode_text(data, path)
    except TextFormatError:
        raise MetadataError(
            f"{path} is not a plain text file. meta.toml should hold lines like these "
            f"(or be deleted: the kit reads the article without it):\n{EXAMPLE}"
        ) from None
    return read_meta_string(text, path)


def read_meta_string(text: str, name: str | Path) -> dict:
    """Parse and check TOML metadata; ``name`` is used in error messages."""
    try:
        meta = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise MetadataError(
            f"{name} is not valid TOML ({error}). Each line should look like "
            f'key = "value", with dates written 2024-04-06. For example:\n{EXAMPLE}'
        ) from None
    return check_meta(meta, name)


def check_meta(meta: dict, name: str | Path) -> dict:
    """Check the values the kit reads; return a copy with ``date`` as a date.

    >>> check_meta({"date": "2024-04-06"}, "meta")["date"]
    datetime.date(2024, 4, 6)
    """
    meta = {key: value for key, value in meta.items() if value is not None}  # None: not given
    for key in TEXT_FIELDS:
        if key in meta and not isinstance(meta[key], str):
            raise MetadataError(
                f'{name}: "{key}" must be text, such as {key} = "..." (got {meta[key]!r}).'
            )
    author = meta.get("author")
    if author is not None and not (
        isinstance(author, str)
        or (isinstance(author, list) and all(isinstance(a, str) for a in author))
    ):
        raise MetadataError(
            f'{name}: "author" must be a name or a list of names, such as '
            f'author = ["Ana Lee", "Tom Kay"] (got {author!r}).'
        )
    if "date" in meta:
        meta["date"] = _checked_date(meta["date"], name)
    for key in meta:
        close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.7)
        if key not in KNOWN_KEYS and close:
            warn(f'{name} has "{key}", which the kit does not read. Did you mean "{close[0]}"?')
    return meta


def _checked_date(value, name) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            date = parse_date(value)  # "April 6, 2024", "6 April 2024"...
            if date:
                return date
    raise MetadataError(
        f'{name}: "date" must be a date such as 2024-04-06 or "April 6, 2024" (got {value!r}).'
    )
