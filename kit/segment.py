"""Split a paragraph into sentences and a sentence into word tokens.

Uses NLTK's Punkt sentence splitter, configured by the kit with the general
English abbreviations and sentence starters in ``kit/language/`` (no NLTK data
download needed), and NLTK's word tokenizer. Every result is a list of
``(start, end)`` character spans into the string given.

>>> text = "Russia vetoed the U.N. resolution. N. Korea welcomed it."
>>> [text[start:end] for start, end in sentence_spans(text)]
['Russia vetoed the U.N. resolution.', 'N. Korea welcomed it.']
>>> [text[start:end] for start, end in word_spans(text[:34])]
['Russia', 'vetoed', 'the', 'U.N.', 'resolution', '.']
"""

from __future__ import annotations

import functools
import itertools
import re
from importlib import resources

# Same-length stand-ins so NLTK's tokenizer, which knows straight quotes,
# splits "Russia’s" like "Russia's"; spans are then read from the original.
_STRAIGHTEN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


# A sentence does not start with a dash or a lower-case word: such a "sentence"
# continues the one before ("SEATTLE, Wash. — The...", "“Why?” she asked.").
# Brand names are the exception: "iPhone sales rose." starts a sentence.
_CONTINUES = re.compile(r"[—–-]|[\"“‘'(]*[a-z](?![\w’'-]*[A-Z])")
# A list number alone ("1.", "(2)") belongs to the sentence after it.
_LIST_NUMBER = re.compile(r"\(?\d{1,3}[.)]")
# Initials ("J.K.", "J.R.R.") before a name that is not a sentence starter.
_ENDS_WITH_INITIALS = re.compile(r"(?:^|\s)((?:[A-Z]\.){2,3})$")
_NAME = re.compile(r"[A-Z][\w’'-]*")
_ENDS_WITH_INITIAL = re.compile(r"(?:^|\s)[A-Z]\.$")
_INITIAL = re.compile(r"[A-Z]\.\s+[A-Z]")
# Nor does a speaker's tag after a quoted question or exclamation:
# "“Why not?” Mr. Whitcomb asked." is one sentence.
_ENDS_QUOTED_CRY = re.compile(r"[?!][”’\"']\s*$")
_SPEAKER_TAG = re.compile(
    r"(?:[A-Z][\w’'.-]*\s+){1,4}(?:said|says|asked|asks|added|replied|shouted|exclaimed|"
    r"wondered|cried)(?=\s*(?:[.,;]|$|(?:during|in|at|on|after|before|when|as|while|to|"
    r"with|outside|later|then|again|loudly|quietly)\b))"
)
# After a clock time, a capitalised word starts a new sentence unless it is a
# day, a month or a time zone: "at 7 p.m. Friday" but "at 7 p.m. Residents...".
_TIME_THEN_WORD = re.compile(r"\b[ap]\.m\.\s+(?=([A-Z][A-Za-z]*))")
_GOES_WITH_TIME = {
    *"monday tuesday wednesday thursday friday saturday sunday".split(),
    *"january february march april may june july august september october".split(),
    *"november december jan feb mar apr jun jul aug sep sept oct nov dec".split(),
    *"et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet jst kst ist".split(),
    *"eastern central mountain pacific local".split(),
}


def sentence_spans(text: str, context: str | None = None) -> list[tuple[int, int]]:
    """Spans of the sentences in ``text`` (one paragraph, or more).

    ``context`` is the whole article the text comes from (default: ``text``).
    From it the splitter learns which words are ordinary lower-case words, so
    "It starts at 7 p.m. Bring a friend." splits after "p.m." when "bring"
    appears in lower case elsewhere, while "the U.S. Army" stays whole.

    >>> text = "It starts at 7 p.m. Bring a friend, and bring water."
    >>> [text[start:end] for start, end in sentence_spans(text)]
    ['It starts at 7 p.m.', 'Bring a friend, and bring water.']
    """
    tokenizer = _sentence_tokenizer(text if context is None else context)
    spans = _split_after_clock_times(text, tokenizer.span_tokenize(text))
    return [span for span in _rejoin_continuations(text, spans) if span[0] < span[1]]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    # Punkt trims only the whitespace its own pattern knows; str.isspace also counts
    # control characters such as U+001F, which a sentence must not start or end with.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_after_clock_times(text: str, spans) -> list[tuple[int, int]]:
    result = []
    for start, end in spans:
        for match in _TIME_THEN_WORD.finditer(text, start, end):
            if match.group(1).lower() not in _GOES_WITH_TIME:
                result.append(_trimmed(text, start, match.start() + len("p.m.")))
                start = match.end()
        result.append(_trimmed(text, start, end))
    return result


def word_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of the word and punctuation tokens in one ``sentence``."""
    straight = sentence.translate(_STRAIGHTEN)
    try:
        spans = list(_word_tokenizer().span_tokenize(straight))
    except ValueError:  # NLTK cannot align some rare inputs; fall back simply
        spans = [m.span() for m in re.finditer(r"\w+(?:[-'.]\w+)*|[^\w\s]", straight)]
    return [piece for span in spans for piece in _split_final_period(sentence, *span)]


@functools.cache
def abbreviations() -> frozenset[str]:
    """The abbreviations the splitter knows, lower-cased, as written.

    >>> {"u.n.", "dr.", "sept."} <= abbreviations()
    True
    """
    return frozenset(entry.lower() for entry in _entries("abbreviations.txt"))


def _split_final_period(sentence: str, start: int, end: int):
    """Split "state." into "state" and "." unless it is an abbreviation.

    NLTK leaves the period on the last word when a closing quote follows it
    ("state.”"); abbreviations and initialisms ("U.N.", "Inc.") keep theirs.
    """
    token = sentence[start:end]
    if (
        len(token) > 1
        and token.endswith(".")
        and "." not in token[:-1]
        and token.lower() not in abbreviations()
        and not (len(token) == 2 and token[0].isupper())  # an initial: "F."
    ):
        return [(start, end - 1), (end - 1, end)]
    return [(start, end)]


@functools.cache
def _entries(file_name: str) -> tuple[str, ...]:
    text = resources.files("kit").joinpath("language", file_name).read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def _rejoin_continuations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and _continues(text[joined[-1][0] : joined[-1][1]], text[start:end]):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _continues(before: str, sentence: str) -> bool:
    """Whether ``sentence`` is really the rest of the sentence ``before``."""
    if _CONTINUES.match(sentence) or _LIST_NUMBER.fullmatch(before):
        return True
    if _ENDS_WITH_INITIAL.search(before) and _INITIAL.match(sentence):  # "S. A. Okeagu"
        return True
    if _ENDS_QUOTED_CRY.search(before) and _SPEAKER_TAG.match(sentence):
        return True
    initials = _ENDS_WITH_INITIALS.search(before)
    name = _NAME.match(sentence)
    return bool(
        initials
        and initials.group(1).lower() not in abbreviations()
        and name
        and name.group().lower() not in _starters()
    )


@functools.cache
def _starters() -> frozenset[str]:
    return frozenset(word.lower() for word in _entries("sentence_starters.txt"))


@functools.lru_cache(maxsize=16)
def _sentence_tokenizer(context: str):
    """Punkt with the kit's word lists, and the capitalisation seen in ``context``."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer

    params = _base_parameters()
    try:
        # Punkt learns capitalisation when trained; the kit uses only that
        # part of training (private NLTK API, stable since NLTK 3.0).
        trainer = PunktTrainer()
        trainer._params = params
        trainer._get_orthography_data(
            trainer._annotate_first_pass(trainer._tokenize_words(context))
        )
    except AttributeError:  # a future NLTK renamed it: split without it
        params = _base_parameters()
    return PunktSentenceTokenizer(params)


def _base_parameters():
    from nltk.tokenize.punkt import PunktParameters

    params = PunktParameters()
    for entry in _entries("abbreviations.txt"):
        words = entry.lower().split()
        for word, next_word in itertools.pairwise(words):
            params.collocations.add((word.rstrip("."), next_word.rstrip(".")))
        if words[-1].endswith("."):
            params.abbrev_types.add(words[-1][:-1])
    params.sent_starters.update(_starters())
    return params


@functools.cache
def _word_tokenizer():
    from nltk.tokenize import NLTKWordTokenizer

    return NLTKWordTokenizer()
