"""``Document``: one article, its metadata, and its text as tidy tables.

>>> doc = Document.from_string(
...     "Veto Overly Self-serving\\n\\n"
...     "By making the move, Russia itself has proved that it is not qualified "
...     "to be a permanent member of the U.N. Security Council. The panel was "
...     "established in 2009.\\n\\n(From The Yomiuri Shimbun, April 6, 2024)"
... )
>>> doc.outlet, doc.date.isoformat()
('The Yomiuri Shimbun', '2024-04-06')
>>> doc.sentences[["sentence_id", "paragraph", "start", "end"]].values.tolist()
[[1, 1, 26, 150], [2, 1, 151, 185]]
>>> row = doc.sentences.iloc[1]
>>> doc.text[row.start : row.end]
'The panel was established in 2009.'
"""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ._decoding import decode_text
from ._layout import split_layout
from ._metadata import check_meta
from ._reading_view import ReadingView
from ._warn import warn
from .errors import ArgumentError, describe
from .segment import sentence_spans, word_spans

if TYPE_CHECKING:
    import pandas as pd

_GENRE_CUE = re.compile(
    r"^\s*(editorial|opinion|op-ed|commentary|analysis|column|letter|review)\s*(?:[:|]|\s[—–-]\s)",
    re.I,
)


class Document:
    """An article: ``text`` as read, metadata, and tables over its body.

    Make one with ``kit.load(...)`` (from a file or a text's name) or with
    ``Document.from_string(...)``. Offsets in every table index ``doc.text``,
    so ``doc.text[start:end]`` is always the row's text.

    What it holds: ``headline``, ``title``, ``outlet``, ``date`` (a
    ``datetime.date``), ``genre``, ``language``, ``rights`` and the rest of
    ``meta``; ``source_line``; ``text`` (the whole file) and ``body``; the
    tables ``paragraphs``, ``sentences``, ``tokens`` and ``words``; ``slug``,
    ``path`` and the file's ``encoding``; ``show()`` for a reading view.
    """

    def __init__(
        self,
        text: str,
        *,
        slug: str = "pasted-text",
        path: Path | None = None,
        meta: dict | None = None,
        encoding: str = "utf-8",
    ):
        self.text = text
        self.slug = slug
        self.path = path
        self.encoding = encoding
        name = str(path) if path else "The text"
        self.meta = check_meta(meta or {}, name)
        layout = split_layout(text, name=name)
        self.headline = layout.headline
        self.source_line = layout.source_line
        self._paragraph_spans = layout.paragraphs
        source = layout.source
        if source and source.date is None and source.date_text and "date" not in self.meta:
            warn(
                f"{name}: the kit could not read {source.date_text!r} in the source line "
                "as a date, so doc.date is None. Write it like April 6, 2024 or "
                "2024-04-06, or give date = 2024-04-06 in meta.toml."
            )
        self.outlet = self.meta.get("outlet") or (source.outlet if source else None)
        self.date: dt.date | None = self.meta.get("date") or (source.date if source else None)
        self.title = self.meta.get("title") or self.headline
        self.genre = self.meta.get("genre") or _genre_from_cues(self.headline, self.source_line)
        self.language = self.meta.get("language", "en")
        self.rights = self.meta.get("rights")

    @classmethod
    def from_string(
        cls, text: str | bytes, slug: str = "pasted-text", meta: dict | None = None, **fields
    ) -> Document:
        """Make a Document from a string laid out like a ``text.txt`` file.

        Metadata may come as a dict (``meta=``) or as keywords (``outlet="..."``).

        >>> Document.from_string("Headline\\n\\nOne sentence. Two.").sentences.text.tolist()
        ['One sentence.', 'Two.']
        """
        encoding = "utf-8"
        if isinstance(text, bytes):
            text, encoding = decode_text(text, "The text")
        elif not isinstance(text, str):
            raise ArgumentError(
                "Document.from_string() takes the article as a string (text in quotes), "
                f"not {describe(text)}."
            )
        return cls(text, slug=slug, meta={**(meta or {}), **fields}, encoding=encoding)

    # -- the tables -------------------------------------------------------

    @property
    def paragraphs(self) -> pd.DataFrame:
        """One row per body paragraph: paragraph (from 1), text, start, end."""
        rows = [
            (number, self.text[start:end], start, end)
            for number, (start, end) in enumerate(self._paragraph_spans, start=1)
        ]
        return _table(rows, ["paragraph", "text", "start", "end"])

    @property
    def sentences(self) -> pd.DataFrame:
        """One row per body sentence: sentence_id (from 1), paragraph, text, start, end."""
        rows = [
            (sentence_id, paragraph, self.text[start:end], start, end)
            for sentence_id, (paragraph, start, end) in enumerate(self._sentence_spans, start=1)
        ]
        return _table(rows, ["sentence_id", "paragraph", "text", "start", "end"])

    @property
    def tokens(self) -> pd.DataFrame:
        """One row per word or punctuation token: sentence_id, token, start, end."""
        return self._token_table(self._token_spans)

    @property
    def words(self) -> pd.DataFrame:
        """The tokens that are words or numbers, without punctuation (columns as in tokens).

        >>> Document.from_string("Veto\\n\\nRussia’s veto, in 2024.").words.token.tolist()
        ['Russia', '’s', 'veto', 'in', '2024']
        """
        return self._token_table(self._word_spans)

    def _token_table(self, spans) -> pd.DataFrame:
        rows = [
            (sentence_id, self.text[start:end], start, end) for sentence_id, start, end in spans
        ]
        return _table(rows, ["sentence_id", "token", "start", "end"])

    @property
    def body(self) -> str:
        """The body as in the file: first paragraph to last, without headline or source."""
        return self.text[self._paragraph_spans[0][0] : self._paragraph_spans[-1][1]]

    @cached_property
    def _sentence_spans(self) -> list[tuple[int, int, int]]:
        spans = []
        body = self.body
        for paragraph, (para_start, para_end) in enumerate(self._paragraph_spans, start=1):
            for start, end in sentence_spans(self.text[para_start:para_end], context=body):
                spans.append((paragraph, para_start + start, para_start + end))
        return spans

    @cached_property
    def _token_spans(self) -> list[tuple[int, int, int]]:
        spans = []
        for sentence_id, (_, sent_start, sent_end) in enumerate(self._sentence_spans, start=1):
            for start, end in word_spans(self.text[sent_start:sent_end]):
                spans.append((sentence_id, sent_start + start, sent_start + end))
        return spans

    # -- reading ---------------------------------------------------------

    def concordance(self, word: str, width: int = 79, lines: int = 25) -> None:
        """Print each place ``word`` (or a phrase) occurs, in context: see ``kit.concordance``.

        >>> Document.from_string("Veto\\n\\nRussia may act. It may not.").concordance("act")
        Displaying 1 of 1 matches for 'act':
                                    Russia may act. It may not.
        """
        from .reading import concordance

        concordance(self, word, width=width, lines=lines)

    def concordance_list(self, word: str, width: int = 79) -> pd.DataFrame:
        """The places ``word`` occurs, one row each: see ``kit.concordance_list``.

        >>> Document.from_string("Veto\\n\\nRussia may act.").concordance_list("may").start.tolist()
        [13]
        """
        from .reading import concordance_list

        return concordance_list(self, word, width=width)

    # -- how it shows -----------------------------------------------------

    def show(self) -> ReadingView:
        """The article as a reader sees it, paragraphs numbered as in ``doc.paragraphs``.

        A notebook shows it as a page; ``print(doc.show())`` gives plain text.

        >>> print(Document.from_string("Veto\\n\\nRussia vetoed. China abstained.").show())
        Veto
        outlet unknown, date unknown
        <BLANKLINE>
        ¶1  Russia vetoed. China abstained.
        """
        paragraphs = [self.text[start:end] for start, end in self._paragraph_spans]
        return ReadingView(self.headline, self._byline(), paragraphs, self.source_line)

    def __repr__(self) -> str:
        return f"<Document {self.slug!r}: {self.headline!r} ({self._byline()}; {self._size()})>"

    def _repr_html_(self) -> str:
        return (
            f"<div><strong>{html.escape(self.headline)}</strong><br>"
            f"<em>{html.escape(self._byline())}</em> · "
            f"{self._size()}, {_count(len(self._word_spans), 'word')}</div>"
        )

    def _size(self) -> str:
        return (
            f"{_count(len(self._paragraph_spans), 'paragraph')}, "
            f"{_count(len(self._sentence_spans), 'sentence')}"
        )

    def _byline(self) -> str:
        parts = [
            self.outlet or "outlet unknown",
            f"{self.date.day} {self.date:%B %Y}" if self.date else "date unknown",
        ]
        if self.genre:
            parts.append(self.genre)
        return ", ".join(parts)

    @cached_property
    def _word_spans(self) -> list[tuple[int, int, int]]:
        return [
            (sentence_id, start, end)
            for sentence_id, start, end in self._token_spans
            if any(char.isalnum() for char in self.text[start:end])
        ]


def _table(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    import pandas as pd

    _show_whole_sentences(pd)
    return pd.DataFrame(rows, columns=columns)


@cache
def _show_whole_sentences(pd) -> None:
    """Let notebooks show a sentence whole, not cut at pandas' default 50 characters."""
    if pd.get_option("display.max_colwidth") == 50:
        pd.set_option("display.max_colwidth", None)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _genre_from_cues(headline: str, source_line: str | None) -> str | None:
    """'editorial' from "Editorial: ..." headlines or an "editorial" source line."""
    match = _GENRE_CUE.match(headline)
    if match:
        return match.group(1).lower()
    if source_line and "editorial" in source_line.lower():
        return "editorial"
    return None
