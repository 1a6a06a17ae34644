"""Finding a phrase a student typed or pasted inside a sentence.

Students copy from a rendered page: quotes turn straight or curly, spaces
double, capitals change. The kit looks for the exact words first, then
forgives those differences. A phrase matches whole words only: "act" is
not found inside "actual" (pass ``whole_words=False`` to allow that).

>>> find_phrase("It is a dangerous act, a DANGEROUS one.", "dangerous")
[(8, 17)]
>>> find_phrase("Moscow’s recent move", "moscow's  recent")
[(0, 15)]
>>> find_phrase("the actual act", "act")
[(11, 14)]
>>> find_phrase("a dangerous act", "anger")
[]
"""

from __future__ import annotations

import re

_QUOTES = {"'": "'’‘", "’": "'’‘", "‘": "'’‘", '"': '"“”', "“": '"“”', "”": '"“”'}
_DASHES = "-–—"


def find_phrase(sentence: str, phrase: str, whole_words: bool = True) -> list[tuple[int, int]]:
    """Where ``phrase`` occurs in ``sentence``, as (start, end) pairs; [] when nowhere.

    With ``whole_words`` (the default) a phrase that starts or ends with a letter
    or digit must start or end at a word's edge.
    """
    phrase = phrase.strip()
    if not phrase:
        return []
    exact = re.escape(phrase)
    loose = "".join(_loose(char) for char in " ".join(phrase.split()))
    before = r"(?<!\w)" if phrase[:1].isalnum() and whole_words else ""
    after = r"(?!\w)" if phrase[-1:].isalnum() and whole_words else ""
    for pattern, flags in (
        (before + exact + after, 0),
        (before + loose + after, re.IGNORECASE),
    ):
        found = [(m.start(), m.end()) for m in re.finditer(pattern, sentence, flags)]
        if found:
            return found
    return []


def same_phrase(marked: str, given) -> bool:
    """True when ``given`` names the whole of ``marked``, with the slack ``find_phrase`` allows.

    >>> same_phrase("Moscow’s move", "moscow's move"), same_phrase("Moscow’s move", "move")
    (True, False)
    """
    return isinstance(given, str) and find_phrase(marked, given) == [(0, len(marked))]


def _loose(char: str) -> str:
    if char.isspace():
        return r"\s+"
    if char in _QUOTES:
        return f"[{re.escape(_QUOTES[char])}]"
    if char in _DASHES:
        return f"[{re.escape(_DASHES)}]"
    return re.escape(char)
