"""Reading tools: keyword in context, keywords, collocations, actors per paragraph, tone.

Each takes a ``Document`` (or a text's name) and returns a tidy table;
``concordance`` prints for people and ``concordance_list`` returns the rows.
All use NLTK pieces that need no downloaded data.

>>> import kit
>>> doc = kit.Document.from_string(
...     "Veto\\n\\nRussia vetoed the resolution. The veto ends the panel. "
...     "Russia says the veto was needed."
... )
>>> keywords(doc, n=3).values.tolist()
[['russia', 2], ['veto', 2], ['vetoed', 1]]
>>> concordance(doc, "veto", width=50)
Displaying 2 of 2 matches for 'veto':
oed the resolution. The veto ends the panel. Russia
 panel. Russia says the veto was needed.
"""

from __future__ import annotations

import functools
import numbers
import os
import re
from importlib import resources
from typing import TYPE_CHECKING

from .errors import ArgumentError, describe

if TYPE_CHECKING:
    import pandas as pd

    from .document import Document

_STRAIGHTEN = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
CONCORDANCE_COLUMNS = ["sentence_id", "left", "match", "right", "start", "end"]


def concordance(doc, word: str, width: int = 79, lines: int = 25) -> None:
    """Print every place in the body where ``word`` (or a phrase) occurs, in its context.

    This is a keyword-in-context view of the body: the headline and the
    source line are left out (as in ``kit.markers``). Matching ignores case
    and the difference between ’ and '; a single word also matches a part of
    a hyphenated word ("cyber" finds "cyber-attacks"). Prints "no matches"
    (and why, when it can tell) when the word is not there.
    ``doc.concordance(word)`` does the same.

    >>> import kit
    >>> doc = kit.Document.from_string("Veto\\n\\nRussia may act. It may not.")
    >>> concordance(doc, "may", width=30)
    Displaying 2 of 2 matches for 'may':
           Russia may act. It may n
    a may act. It may not.
    >>> concordance(doc, "China")
    no matches for 'China'
    """
    rows = concordance_list(doc, word, width=width)
    if rows.empty:
        print(f"no matches for {word!r}{_why_none(_load(doc), word)}")
        return
    shown = rows.head(_positive(lines, "lines"))
    print(f"Displaying {len(shown)} of {len(rows)} matches for {word!r}:")
    half = max((width - 1) // 2, 1)
    for left, match, right in zip(shown.left, shown.match, shown.right, strict=True):
        print(f"{left[-half:]:>{half}}{match}{right[:half]}".rstrip())


def concordance_list(doc, word: str, width: int = 79) -> pd.DataFrame:
    """Every occurrence of ``word`` (or a phrase) in the body: sentence_id, left, match, right, start, end.

    The headline and source line are left out; a single word also matches
    a part of a hyphenated word, as in ``concordance``.

    ``start`` and ``end`` index ``doc.text``; ``left`` and ``right`` hold about
    ``width`` characters of context on each side, on one line.

    >>> import kit
    >>> doc = kit.Document.from_string("Veto\\n\\nRussia’s veto ended it. Russia's envoy spoke.")
    >>> concordance_list(doc, "Russia's", width=20)[["match", "right", "start"]].values.tolist()
    [['Russia’s', ' veto ended it. Russ', 6], ["Russia's", ' envoy spoke.', 30]]
    """
    import pandas as pd
    from nltk.text import ConcordanceIndex

    from .texts import load

    doc = load(doc)
    query = _query_words(word, "concordance")
    width = _width(width)
    spans = doc._token_spans
    keys = [_normal(doc.text[start:end]) for _, start, end in spans]
    index = ConcordanceIndex(keys, key=lambda token: token)
    body_start, body_end = doc._paragraph_spans[0][0], doc._paragraph_spans[-1][1]
    places = []
    for offset in index.offsets(query[0]):
        if keys[offset : offset + len(query)] == query:
            places.append((spans[offset][0], spans[offset][1], spans[offset + len(query) - 1][2]))
    if len(query) == 1 and "-" not in query[0]:  # "cyber" in "cyber-attacks"
        for (sentence_id, start, _), key in zip(spans, keys, strict=True):
            at = 0
            for part in key.split("-"):
                if part == query[0] and part != key:
                    places.append((sentence_id, start + at, start + at + len(part)))
                at += len(part) + 1
        places.sort(key=lambda place: place[1])
    rows = []
    for sentence_id, start, end in places:
        left = _one_line(doc.text[max(body_start, start - width) : start])
        right = _one_line(doc.text[end : min(body_end, end + width)])
        rows.append((sentence_id, left, doc.text[start:end], right, start, end))
    return pd.DataFrame(rows, columns=CONCORDANCE_COLUMNS)


def _load(doc):
    from .texts import load

    return load(doc)


def _why_none(doc, word: str) -> str:
    """Why a word has no match, when the kit can tell: it is only in the headline, or inside a word."""
    needle = _normal(word.strip())
    if needle and needle in _normal(doc.headline):
        return " in the body (it is in the headline, which the concordance leaves out)"
    body_start, body_end = doc._paragraph_spans[0][0], doc._paragraph_spans[-1][1]
    if needle and needle in _normal(doc.text[body_start:body_end]):
        return " as a whole word (it occurs inside longer words: try the whole word)"
    return ""


def keywords(doc, n: int = 20) -> pd.DataFrame:
    """The ``n`` most frequent words, without function words: columns word, count.

    Words are counted in lower case; the function words left out are the
    kit's own list (``kit/language/stopwords.txt``), and so are numbers and
    initials.

    >>> import kit
    >>> doc = kit.Document.from_string("Veto\\n\\nThe veto ended the panel. The panel had a veto.")
    >>> keywords(doc, n=2).values.tolist()
    [['veto', 2], ['panel', 2]]
    """
    import pandas as pd
    from nltk import FreqDist

    from .texts import load

    doc = load(doc)
    counts = FreqDist(word for sentence in _sentence_words(doc) for word in sentence)
    return pd.DataFrame(counts.most_common(_positive(n, "n")), columns=["word", "count"])


def collocations(doc, n: int = 10, min_count: int = 2) -> pd.DataFrame:
    """Pairs of words that occur together more often than chance: bigram, count, score.

    Uses NLTK's ``BigramCollocationFinder`` within sentences, leaving out pairs
    with a function word and pairs seen fewer than ``min_count`` times; the
    score is the likelihood ratio (higher: more strongly tied).

    >>> import kit
    >>> collocations(kit.load("yomiuri-2024-04-06"), n=3).bigram.tolist()
    ['north korea', 'united states', 'veto power']
    """
    import pandas as pd
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    from .texts import load

    doc = load(doc)
    finder = BigramCollocationFinder.from_documents(_sentence_words(doc, keep_stopwords=True))
    stop = stopwords()
    finder.apply_word_filter(lambda word: word in stop or not _is_word(word))
    finder.apply_freq_filter(_positive(min_count, "min_count"))
    scored = finder.score_ngrams(BigramAssocMeasures.likelihood_ratio)[: _positive(n, "n")]
    rows = [(" ".join(pair), finder.ngram_fd[pair], round(score, 2)) for pair, score in scored]
    return pd.DataFrame(rows, columns=["bigram", "count", "score"])


def actor_mentions(doc, extra: dict | None = None, lexicons=None) -> pd.DataFrame:
    """How often each actor is named in each paragraph: paragraph, actor, mentions.

    One row for every paragraph and every actor the text names (0 where a
    paragraph does not name it), actors in order of first mention. ``extra``
    and ``lexicons`` are passed on to ``kit.markers``.

    >>> import kit
    >>> doc = kit.Document.from_string("Veto\\n\\nMoscow vetoed.\\n\\nRussia and Japan spoke.")
    >>> actor_mentions(doc).values.tolist()
    [[1, 'Russia', 1], [1, 'Japan', 0], [2, 'Russia', 1], [2, 'Japan', 1]]
    """
    import pandas as pd

    from .markers import markers
    from .texts import load

    doc = load(doc)
    found = markers(doc, extra=extra, lexicons=lexicons)
    found = found[found.category == "actor"].merge(doc.sentences[["sentence_id", "paragraph"]])
    actors = list(dict.fromkeys(found.actor))
    counts = found.groupby(["paragraph", "actor"]).size()
    rows = [
        (paragraph, actor, int(counts.get((paragraph, actor), 0)))
        for paragraph in doc.paragraphs.paragraph
        for actor in actors
    ]
    return pd.DataFrame(rows, columns=["paragraph", "actor", "mentions"])


def tone(doc) -> pd.DataFrame:
    """VADER sentiment scores per sentence: sentence_id, neg, neu, pos, compound.

    ``neg``, ``neu`` and ``pos`` are the shares of the sentence that read as
    negative, neutral and positive; ``compound`` sums them up from -1 (most
    negative) to +1 (most positive). VADER was built for social media: it
    scores single words from a list and misses irony, diplomatic restraint
    and loaded words that are not in its list. The list comes from the
    ``vaderSentiment`` package, so nothing is downloaded.

    >>> import kit
    >>> doc = kit.Document.from_string("Veto\\n\\nThis is a dangerous act. The panel met.")
    >>> tone(doc).compound.tolist()
    [-0.4767, 0.0]
    """
    import pandas as pd

    from .texts import load

    doc = load(doc)
    analyzer = _vader()
    rows = []
    for sentence_id, (_, start, end) in enumerate(doc._sentence_spans, start=1):
        scores = analyzer.polarity_scores(doc.text[start:end].translate(_STRAIGHTEN))
        rows.append({"sentence_id": sentence_id, **scores})
    return pd.DataFrame(rows, columns=["sentence_id", "neg", "neu", "pos", "compound"])


@functools.cache
def stopwords() -> frozenset[str]:
    """The kit's English function words (lower case, straight apostrophes).

    >>> {"the", "of", "may", "n't"} <= stopwords(), "veto" in stopwords()
    (True, False)
    """
    text = resources.files("kit").joinpath("language", "stopwords.txt").read_text("utf-8")
    lines = (line.strip() for line in text.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


# -- helpers -----------------------------------------------------------------


@functools.cache
def _vader():
    """NLTK's VADER with the lexicon file of the vaderSentiment package."""
    import nltk
    import nltk.sentiment.vader
    import vaderSentiment

    folder = os.path.dirname(vaderSentiment.__file__)
    if folder not in nltk.data.path:
        nltk.data.path.append(folder)
    return nltk.sentiment.vader.SentimentIntensityAnalyzer(lexicon_file="vader_lexicon.txt")


def _sentence_words(doc: Document, keep_stopwords: bool = False) -> list[list[str]]:
    stop = set() if keep_stopwords else stopwords()
    sentences: dict[int, list[str]] = {}
    for sentence_id, start, end in doc._word_spans:
        word = _normal(doc.text[start:end])
        if keep_stopwords or (word not in stop and _is_word(word, letters=2)):
            sentences.setdefault(sentence_id, []).append(word)
    return list(sentences.values())


def _normal(token: str) -> str:
    return token.translate(_STRAIGHTEN).lower()


def _is_word(token: str, letters: int = 1) -> bool:
    """Whether ``token`` has ``letters`` letters or more (so not "2024", nor an initial "l.")."""
    return sum(char.isalpha() for char in token) >= letters


def _query_words(word, function: str) -> list[str]:
    if not isinstance(word, str) or not word.strip():
        raise ArgumentError(
            f"{function}() takes a word or a phrase in quotes, e.g. 'veto', not {describe(word)}."
        )
    from .segment import word_spans

    # Tokenised as inside a sentence, so "U.N." stays one token as in the text.
    query = word.strip() + " x"
    return [_normal(query[start:end]) for start, end in word_spans(query)][:-1]


def _width(width) -> int:
    if isinstance(width, bool) or not isinstance(width, numbers.Integral) or width < 10:
        raise ArgumentError(
            f"width= takes a whole number of characters, 10 or more, not {describe(width)}."
        )
    return int(width)


def _positive(number, name: str) -> int:
    if isinstance(number, bool) or not isinstance(number, numbers.Integral) or number < 1:
        raise ArgumentError(f"{name}= takes a whole number, 1 or more, not {describe(number)}.")
    return int(number)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)
