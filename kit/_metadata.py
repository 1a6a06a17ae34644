"""Read and check a text's optional ``meta.toml``.

>>> read_meta_string('outlet = "The Daily"\\ndate = 2024-04-06', "meta.toml")
{'outlet': 'The Daily', 'date': datetime.date(2024, 4, 6)}
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from ._decoding import decode_text
from .errors import KitError, MetadataError

# Keys the kit reads; any other key is kept in ``Document.meta`` as it is.
TEXT_FIELDS = ("title", "outlet", "genre", "language", "rights", "notes", "author", "url")
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
    text, _ = decode_text(data, path)
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
    meta = dict(meta)
    for key in TEXT_FIELDS:
        if key in meta and not isinstance(meta[key], str):
            raise MetadataError(
                f'In {name}, "{key}" must be text in double quotes '
                f'(got {meta[key]!r}). For example: {key} = "..."'
            )
    if "date" in meta:
        meta["date"] = _checked_date(meta["date"], name)
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
            pass
    raise MetadataError(
        f'In {name}, "date" must be a date written year-month-day, such as '
        f"date = 2024-04-06 (got {value!r})."
    )
