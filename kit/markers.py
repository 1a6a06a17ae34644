"""Markers of stance and sourcing: hedges, boosters, attitude, attribution, actors.

The word lists are plain text files in ``kit/lexicons/`` (one per category;
each file's header says what the category means and which framework it
follows). ``markers`` finds their entries in a document's body and returns one
row per span, with offsets into ``doc.text``.

>>> import kit
>>> doc = kit.Document.from_string(
...     "Veto\\n\\nThe system may have become inconvenient for Russia, but "
...     "Moscow’s recent move is a dangerous act."
... )
>>> markers(doc)[["category", "term", "actor"]].values.tolist()
[['hedge', 'may', <NA>], ['attitude', 'inconvenient', <NA>], ['actor', 'Russia', 'Russia'], ['actor', 'Moscow', 'Russia'], ['attitude', 'dangerous', <NA>]]
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ._warn import warn
from .errors import ArgumentError, LexiconError, describe

if TYPE_CHECKING:
    import pandas as pd

    from .document import Document

#: The kit's categories, in the order legends and tables list them.
CATEGORIES = ("hedge", "booster", "attitude", "attribution", "actor")
COLUMNS = ["sentence_id", "category", "term", "start", "end", "actor"]

# Same-length stand-ins, so offsets found in the normalised text hold in the original.
_NORMALISE = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-"})
_MONTHS = {"may", "march", "june", "july", "august"}  # month names that are also words
_OPENERS = "\"'“‘([«—–- "
_QUOTE_OPENS = re.compile(r"(?:[\"“(:]|(?:^|\s)')\s*$")  # 'he said: “Clearly…' starts anew
_GAP = r"(?:\s+[^\s.!?;:]+){0,6}?\s+"  # "..." in an entry: up to six words
_NUMBER_WORDS = (
    "half|a third|a quarter|a half|a dozen|dozens|hundreds|thousands|millions|billions|"
    "a few|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|a thousand|"
    "a million|a billion"
)
_NUMBER = (
    rf"(?:(?:(?:[$€£¥]\s?)?\d+(?:,\d{{3}})*(?:\.\d+)?|{_NUMBER_WORDS})"
    r"(?:\s(?:hundred|thousand|million|billion))?)"
)
_PRONOUN_I = re.compile(r"I(?:['’](?:m|d|ve|ll))?$")
# A sentence the splitter left whole after an initialism or a common abbreviation.
_ABBREVIATION_END = re.compile(
    r"(?:(?<!\w)(?:[A-Z]\.){2,}|\b(?:Inc|Ltd|Corp|Co|etc|a\.m|p\.m))\s+$"
)
# "might [not after: military, its]": a condition on the words around an entry.
_CONDITION = re.compile(r"\[\s*not\s+(after|before)\s*:([^\]]*)\]")
# Capital letters of the Latin, Greek and Cyrillic scripts: "Émile", "Łukasz", "Øystein".
_UPPER = "".join(
    sorted(chr(code) for code in [*range(0x250), *range(0x370, 0x530), *range(0x1E00, 0x1F00)]
           if chr(code).isupper())
)  # fmt: skip
_CAP = f"[{re.escape(_UPPER)}]"
# Capitalised small words that do not start a name: "Prime Minister Of Japan", "Mayor The".
_NOT_NAME = r"(?:Of|The|And|Or|For|In|On|At|To|By|With|From|As|A|An)\b"
_NAME_WORD = rf"(?:[JS]r\.|(?!{_NOT_NAME}){_CAP}(?:\.|\w*(?:-\w+|'(?!s\b)\w+)*))"  # not the 's
# A comma ends a name ("President Joe Biden, Japan and ...") except before "Jr." or "Sr.".
_PERSON = rf"(?!No\.?\s*\d|[JS]r\.){_NAME_WORD}(?:\s+{_NAME_WORD}|,\s+[JS]r\.){{0,3}}"  # not "Ms. No. 45", "King Jr."


@dataclass(frozen=True)
class Lexicon:
    """The word lists of one category, as read from its file."""

    category: str
    entries: tuple[str, ...]
    actors: tuple[tuple[str, str], ...] = ()  # (alias, canonical name)
    titles: tuple[str, ...] = ()
    people: tuple[str, ...] = ()  # canonical names of people ("person:" lines)


def lexicon_folder() -> Path:
    """The folder of the kit's own word lists: copy it to make your own.

    >>> sorted(path.name for path in lexicon_folder().glob("*.txt"))
    ['actor.txt', 'attitude.txt', 'attribution.txt', 'booster.txt', 'hedge.txt']
    """
    return Path(str(resources.files("kit").joinpath("lexicons")))


def markers(
    doc: Document | str | os.PathLike,
    extra: dict | None = None,
    lexicons: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Spans of hedges, boosters, attitude words, attributions and actors in the body.

    Returns one row per span: ``sentence_id``, ``category``, ``term`` (the
    words as in the text), ``start``, ``end`` (offsets into ``doc.text``) and
    ``actor`` (the canonical name, for actor rows), sorted by ``start``.
    The headline is left out: in Title Case the kit cannot tell a name from
    an ordinary word. A person introduced with a title ("Dr. Jane Smith") is
    an actor; a later short form ("Mr. Smith", "President Xi") is grouped
    with the most recent person named before whose name holds it (see
    ``actor.txt`` for people the kit knows without a title).

    ``extra`` adds entries: ``{"hedge": ["it is conceivable that"]}``, or for
    actors ``{"actor": {"UN panel of experts": ["the panel"]}}``; a new
    category name makes a new category. ``lexicons`` is a folder of ``.txt``
    files (one per category, written like the kit's: see ``lexicon_folder()``)
    to use instead of the kit's own.

    >>> import kit
    >>> doc = kit.Document.from_string("Veto\\n\\nIn May, the panel reportedly said it will certainly meet.")
    >>> markers(doc)[["category", "term"]].values.tolist()
    [['hedge', 'reportedly'], ['attribution', 'reportedly'], ['attribution', 'said'], ['booster', 'certainly']]
    """
    from .texts import load

    doc = load(doc)
    found = find_spans(doc, _lexicons(lexicons, extra))
    return _table(found)


def find_spans(doc: Document, lexicons: list[Lexicon]) -> list[tuple]:
    """Rows ``(sentence_id, category, term, start, end, actor)`` for ``lexicons`` in ``doc``."""
    rows, people = [], set()  # people: where a title and a name were found
    known = {name for lexicon in lexicons for name in lexicon.people}
    normalised = doc.text.translate(_NORMALISE)
    for lexicon in lexicons:
        matcher = _matcher(lexicon)
        for sentence_id, (_, start, end) in enumerate(doc._sentence_spans, start=1):
            for span_start, span_end, actor, person in matcher.find(normalised, start, end):
                term = doc.text[span_start:span_end]
                rows.append((sentence_id, lexicon.category, term, span_start, span_end, actor))
                if person:
                    people.add(span_start)
    rows = _group_people(rows, people, known)
    order = {category: index for index, category in enumerate(CATEGORIES)}
    rows.sort(key=lambda row: (row[3], -row[4], order.get(row[1], len(order)), row[1]))
    return rows


def _table(rows: list[tuple]) -> pd.DataFrame:
    import pandas as pd

    table = pd.DataFrame(rows, columns=COLUMNS)
    table = table.astype({"sentence_id": "int64", "start": "int64", "end": "int64"})
    table["actor"] = table["actor"].astype("string")
    return table


# -- matching --------------------------------------------------------------


class _Matcher:
    """The compiled patterns of one lexicon and the rules for accepting a match."""

    def __init__(self, lexicon: Lexicon):
        self.category = lexicon.category
        exact = [entry for entry in lexicon.entries if _has_capital(entry)]
        loose = [entry for entry in lexicon.entries if not _has_capital(entry)]
        aliases = [alias for alias, _ in lexicon.actors]
        self.exact = _compile([*exact, *aliases], flags=0)
        self.loose = _compile(loose, flags=re.IGNORECASE)
        self.titles = (
            re.compile(rf"(?<!\w)(?:{_alternatives(lexicon.titles)}\s+)+({_PERSON})")
            if lexicon.titles
            else None
        )
        self.canonical = {_key(_CONDITION.sub("", alias)): name for alias, name in lexicon.actors}

    def find(self, text: str, start: int, end: int):
        """Non-overlapping ``(start, end, actor, is_person)`` in ``text[start:end]``, longest first."""
        candidates = []
        if self.exact:
            for match in self.exact.finditer(text, start, end):
                actor = self._actor(match.group())
                candidates.append((match.start(), match.end(), actor, False))
        if self.loose:
            for match in self.loose.finditer(text, start, end):
                if self._accept(text, match, start):
                    candidates.append((match.start(), match.end(), None, False))
        if self.titles:
            for match in self.titles.finditer(text, start, end):
                name = re.sub(r"\s+", " ", match.group(1))
                candidates.append((match.start(), match.end(), name, True))
        candidates.sort(key=lambda span: (span[0], span[0] - span[1]))
        kept, reached = [], -1
        for span in candidates:
            if span[0] >= reached:
                kept.append(span)
                reached = span[1]
        return kept

    def _actor(self, term: str) -> str | None:
        return self.canonical.get(_key(term)) if self.canonical else None

    @staticmethod
    def _accept(text: str, match: re.Match, sentence_start: int) -> bool:
        """A lower-case entry: not a capitalised name mid-sentence, not a month by a number."""
        term = match.group()
        before = text[sentence_start : match.start()]
        at_start = (
            not before.strip(_OPENERS)
            or _QUOTE_OPENS.search(before)
            or _ABBREVIATION_END.search(before)  # "from the U.S. Clearly, ..." left unsplit
        )
        words = term.split()
        if any(word[0].isupper() and not _PRONOUN_I.match(word) for word in words[1:]):
            return False  # Title Case or capitals: "We Believe in Miracles", "IT IS POSSIBLE"
        if term[0].isupper() and not at_start and not _PRONOUN_I.match(words[0]):
            return False  # "Will Harding", "in May", "Hope Street"
        if term == "May" and at_start:
            return False  # "May was the wettest month", "May the best team win", "May I ask"
        if term.lower() in _MONTHS:
            before = before[-6:]
            after = text[match.end() : match.end() + 3]
            if re.match(r"\s*\d", after) or re.search(r"\d(?:st|nd|rd|th)?\s*$", before):
                return False  # "May 2024", "6 May"
        return True


@functools.lru_cache(maxsize=64)
def _matcher(lexicon: Lexicon) -> _Matcher:
    return _Matcher(lexicon)


def _compile(entries: list[str], flags: int) -> re.Pattern | None:
    if not entries:
        return None
    return re.compile(rf"(?<!\w){_alternatives(entries)}(?!\w)", flags)


def _alternatives(entries) -> str:
    # Longest entries first, so "highly likely" wins over "likely" where both fit.
    ordered = sorted(set(entries), key=lambda entry: len(_CONDITION.sub("", entry)), reverse=True)
    return "(?:" + "|".join(_pattern(entry) for entry in ordered) + ")"


def _pattern(entry: str) -> str:
    """The regular expression of one lexicon entry (see the header of hedge.txt)."""
    before, after = "", ""
    for kind, words in _CONDITION.findall(entry):
        for word in filter(None, (word.strip() for word in words.split(","))):
            if word == "<number>" and kind == "before":  # "added [not before: <number>]"
                after += rf"(?!\s+{_NUMBER}(?!\w))"
                continue
            parts = [re.escape(part) for part in word.translate(_NORMALISE).split()]
            if kind == "after":  # a look-behind has a fixed width: one space between words
                before += rf"(?<!\b{' '.join(parts)}\s)"
            else:
                after += r"(?!\s+" + r"\s+".join(parts) + r"\b)"
    return before + _words_pattern(_CONDITION.sub("", entry).strip()) + after


def _words_pattern(entry: str) -> str:
    parts = []
    for index, word in enumerate(entry.translate(_NORMALISE).split()):
        if word == "...":
            parts.append(_GAP)
            continue
        if word == "<number>":
            piece = _NUMBER
        else:
            wildcard = word.endswith("*") and len(word) > 1
            piece = re.escape(word.rstrip("*") if wildcard else word).replace("'", "['’]")
            if wildcard:
                piece += r"\w*(?:['-]\w+)*"
            if index == 0 and word[0].islower():  # "the Kremlin" may start a sentence
                piece = f"[{word[0]}{word[0].upper()}]" + piece[1:]
        if parts and parts[-1] != _GAP:
            parts.append(r"\s+")
        parts.append(piece)
    return "".join(parts)


def _has_capital(entry: str) -> bool:
    """Whether an entry must match as written: "I think" need not (the pronoun is always "I")."""
    return any(
        char.isupper() for word in entry.split() if not _PRONOUN_I.match(word) for char in word
    )


def _key(term: str) -> str:
    return " ".join(term.translate(_NORMALISE).split()).casefold()


def _group_people(rows: list[tuple], people: set[int], known: set[str]) -> list[tuple]:
    """ "Mr. Reyes" is the "Thomas Reyes" named before (or, failing that, after) him.

    A titled name is matched against the fuller names of people in the text
    (and the people of the actor list) that hold all its words: "President Xi"
    is "Xi Jinping", "Mr. Kim" is "Kim Jong Un". When several fit ("Dr. Jane
    Smith ... Dr. John Smith ... Mr. Smith"), the one named most recently
    before wins, as a reader would take it; when none was named before and
    several come later, the short name stays its own actor.
    """
    mentions = [  # (start, full name) of every person named, in order
        (row[3], row[5])
        for row in rows
        if row[1] == "actor" and (row[3] in people or row[5] in known)
    ]
    grouped = []
    for row in rows:
        if row[3] in people and row[1] == "actor":
            row = (*row[:5], _fuller(row[5], row[3], mentions, known))
        grouped.append(row)
    return grouped


def _fuller(name: str, start: int, mentions: list[tuple[int, str]], known: set[str]) -> str:
    words = _name_words(name)

    def holds(other: str) -> bool:
        other_words = _name_words(other)
        return other != name and len(other_words) > len(words) and set(words) <= set(other_words)

    before = [other for at, other in mentions if at < start and holds(other)]
    if before:
        return before[-1]
    after = list(dict.fromkeys(other for at, other in mentions if at > start and holds(other)))
    if len(after) == 1:
        return after[0]
    listed = [other for other in sorted(known) if holds(other)]
    return listed[0] if len(listed) == 1 and not after else name


def _name_words(name: str) -> list[str]:
    return [word for word in name.replace(",", " ").split() if word.rstrip(".") not in {"Jr", "Sr"}]


# -- reading the lexicon files ---------------------------------------------


def _lexicons(folder, extra) -> list[Lexicon]:
    lexicons = {lexicon.category: lexicon for lexicon in _read_folder(folder)}
    for name, entries in _extra_entries(extra).items():
        category = _category_name(name, list(lexicons))
        base = lexicons.get(category, Lexicon(category, ()))
        lexicons[category] = Lexicon(
            category,
            base.entries + tuple(entries["entries"]),
            base.actors + tuple(entries["actors"]),
            base.titles + tuple(entries["titles"]),
            base.people + tuple(entries["people"]),
        )
    return list(lexicons.values())


def _category_name(name: str, known: list[str]) -> str:
    """ "Hedge" is "hedge"; "hedges" makes a new category, with a warning in case of a typo."""
    if name in known or name.lower() in known:
        return name if name in known else name.lower()
    close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.75)
    if close:
        warn(
            f"extra= makes a new category {name!r}. If you meant the category "
            f"{close[0]!r}, write {close[0]!r} instead."
        )
    return name


def _read_folder(folder) -> list[Lexicon]:
    if folder is None:
        path = lexicon_folder()
    elif isinstance(folder, (str, os.PathLike)):
        path = Path(folder).expanduser()
    else:
        raise ArgumentError(
            "lexicons= takes the path of a folder of word lists (one .txt file per "
            f"category), not {describe(folder)}."
        )
    if not path.is_dir():
        raise LexiconError(
            f"There is no folder {str(path)!r} of word lists. Give a folder holding one "
            ".txt file per category (hedge.txt, booster.txt, ...); kit.lexicon_folder() "
            "shows where the kit's own lists are, to copy."
        )
    files = sorted(path.glob("*.txt"))
    if not files:
        raise LexiconError(
            f"The folder {str(path)!r} holds no .txt word lists. Put one file per "
            "category in it (hedge.txt, booster.txt, ...), like those in "
            "kit.lexicon_folder()."
        )
    return [_read_file(file, *_stamp(file)) for file in files]


def _stamp(file: Path) -> tuple[int, int]:
    status = file.stat()
    return status.st_mtime_ns, status.st_size


@functools.lru_cache(maxsize=64)
def _read_file(file: Path, *_stamp) -> Lexicon:
    """One category's list; re-read when the file changes (the stamp is in the key)."""
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise LexiconError(
            f"{file} is not a UTF-8 text file. Save it as plain text (UTF-8) and try again."
        ) from None
    parsed = _parse(file.stem, (line.strip() for line in text.splitlines()), str(file))
    return Lexicon(
        file.stem,
        tuple(parsed["entries"]),
        tuple(parsed["actors"]),
        tuple(parsed["titles"]),
        tuple(parsed["people"]),
    )


def _parse(category: str, lines, where: str) -> dict[str, list]:
    parsed: dict[str, list] = {"entries": [], "actors": [], "titles": [], "people": []}
    for number, line in enumerate(lines, start=1):
        if not line or line.startswith("#"):
            continue
        if line.startswith("title:"):
            parsed["titles"].append(line.removeprefix("title:").strip())
            continue
        if line.startswith("person:"):
            line = line.removeprefix("person:").strip()
            parsed["people"].append(_CONDITION.sub("", line.partition("=")[0]).strip())
        if "=" in line or category == "actor":
            name, _, aliases = line.partition("=")
            names = [name.strip()] + [alias.strip() for alias in aliases.split("|")]
            if not names[0] or (aliases and not all(names[1:])):
                raise LexiconError(
                    f"{where}, line {number}: {line!r} is not of the form "
                    "'Canonical name = alias | alias'."
                )
            canonical = _CONDITION.sub("", names[0]).strip()  # "Mexico [not after: New]"
            parsed["actors"] += [(alias, canonical) for alias in names if alias]
        else:
            parsed["entries"].append(line)
    return parsed


def _actor_line(category: str, name, aliases) -> str:
    """ "Canonical = alias | alias" from one item of an ``extra`` dict, checked."""
    if isinstance(aliases, str):
        aliases = [aliases]
    if (
        not isinstance(name, str)
        or not name.strip()
        or not isinstance(aliases, (list, tuple, set))
        or not all(isinstance(alias, str) and alias.strip() for alias in aliases)
    ):
        raise ArgumentError(
            f"In extra[{category!r}], each name in quotes takes a list of its other names in "
            f"quotes, e.g. {{'Xi Jinping': ['President Xi', 'Xi']}} (or [] for none); "
            f"{name!r} has {describe(_first_wrong(aliases))}."
        )
    return f"{name} = " + " | ".join(aliases) if aliases else name


def _first_wrong(aliases):
    if isinstance(aliases, (list, tuple, set)):
        return next((a for a in aliases if not isinstance(a, str) or not a.strip()), aliases)
    return aliases


def _extra_entries(extra) -> dict[str, dict[str, list]]:
    if extra is None:
        return {}
    if not isinstance(extra, dict):
        raise ArgumentError(
            "extra= takes a dict from a category to its words, e.g. "
            '{"hedge": ["it is conceivable that"]}, not ' + f"{describe(extra)}."
        )
    result = {}
    for category, words in extra.items():
        if not isinstance(category, str) or not category.strip():
            raise ArgumentError(
                f"The categories in extra= are names in quotes, like 'hedge', not {describe(category)}."
            )
        if isinstance(words, str):
            words = [words]
        if isinstance(words, dict):  # {"Canonical": ["alias", ...]}
            lines = [_actor_line(category, name, aliases) for name, aliases in words.items()]
        elif isinstance(words, (list, tuple, set)):
            wrong = next((word for word in words if not isinstance(word, str)), None)
            if wrong is not None or any(not isinstance(word, str) for word in words):
                raise ArgumentError(
                    f"extra[{category!r}] holds {describe(wrong)}: every entry must be text "
                    f"in quotes, e.g. ['it is conceivable that']."
                )
            lines = list(words)
        else:
            raise ArgumentError(
                f"extra[{category!r}] should be a list of words in quotes, e.g. "
                f"['it is conceivable that'], not {describe(words)}."
            )
        result[category.strip()] = _parse(category.strip(), (w.strip() for w in lines), "extra=")
    return result
