"""Name a text: its folder in the seeds folder, and the ``TEXT = "..."`` of a lesson.

>>> import datetime as dt
>>> make_slug("The Midland Courier", dt.date(2025, 3, 3), "Harlow approves plant")
'midland-courier-2025-03-03'
>>> make_slug(None, None, "Our library is worth more than a line in the budget")
'our-library-is-worth-more'
>>> longer_slug("midland-courier-2025-03-03", "Harlow County approves $1.2 billion plant")
'midland-courier-2025-03-03-harlow-county-approves'
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ..errors import SlugError

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SHORTEST, LONGEST = 3, 60
# Folder names Windows refuses (devices), whatever follows a dot.
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{d}{n}" for d in ("com", "lpt") for n in range(10)
}
_SMALL_WORDS = {"the", "a", "an", "of", "and", "to", "in", "on", "for", "at", "by", "is"}


def words_of(text: str) -> list[str]:
    """Lower-case ASCII words: accents dropped, apostrophes removed.

    >>> words_of("Russia’s Café-Society")
    ['russias', 'cafe', 'society']
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    return re.findall(r"[a-z0-9]+", ascii_text)


def make_slug(outlet: str | None, date: dt.date | None, headline: str) -> str:
    """The outlet's name and the date, or the headline's first words without them."""
    outlet_words = [w for w in words_of(outlet or "") if w not in ("the",)][:3]
    parts = outlet_words + ([date.isoformat()] if date else [])
    if not outlet_words or not date:
        parts += words_of(headline)[: 5 - len(parts) if len(parts) < 5 else 2]
    slug = _fitted("-".join(parts)) or "my-article"
    return f"{slug}-text" if slug in _WINDOWS_RESERVED else slug


def longer_slug(slug: str, headline: str) -> str:
    """``slug`` with three words of the headline: for a second text of the same day."""
    extra = [w for w in words_of(headline) if w not in _SMALL_WORDS and w not in slug][:3]
    return _fitted("-".join([slug, *extra])) if extra else _fitted(f"{slug}-2")


def check_slug(slug: str) -> str:
    """``slug`` if it is a usable name, else ``SlugError`` saying what would be."""
    if not isinstance(slug, str):
        raise SlugError("The name (slug) of a text must be text, like 'daily-news-2024-04-06'.")
    if slug in _WINDOWS_RESERVED:
        raise SlugError(
            f"{slug!r} cannot name a text: Windows keeps that name for a device, so the folder "
            f"could not be opened there. Choose another, e.g. --slug {slug}-article."
        )
    if SLUG.fullmatch(slug) and SHORTEST <= len(slug) <= LONGEST:
        return slug
    suggestion = _fitted("-".join(words_of(slug))) or "daily-news-2024-04-06"
    if len(suggestion) < SHORTEST:
        suggestion = f"{suggestion}-text"
    raise SlugError(
        f"{slug!r} cannot name a text: use {SHORTEST}-{LONGEST} lower-case letters, digits and "
        f"hyphens, with no spaces, e.g. --slug {suggestion}."
    )


def _fitted(slug: str) -> str:
    slug = slug.strip("-")
    if len(slug) <= LONGEST:
        return slug
    return slug[:LONGEST].rsplit("-", 1)[0]
