"""The article with its spans highlighted in place: in a notebook, or as a web page.

>>> import kit
>>> doc = kit.Document.from_string("Veto\\n\\nRussia may act. It will <b>certainly</b> act.")
>>> page = highlight(doc)
>>> print(page)
Veto
<BLANKLINE>
¶1  [Russia](actor) [may](hedge) act. It will <b>[certainly](booster)</b> act.
>>> "&lt;b&gt;" in page.html and "<b>" not in page.html
True
"""

from __future__ import annotations

import html
import itertools
import math
import numbers
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ._warn import warn
from .errors import ArgumentError, SaveError, describe
from .markers import CATEGORIES

if TYPE_CHECKING:
    import pandas as pd

    from .document import Document

# Okabe & Ito's colour-blind-safe palette; each label also has its own line
# style and a name on hover, so the page reads without colour too.
_PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#F0E442", "#999999"]
_LINES = ["solid", "double", "dotted", "dashed", "wavy"]
_STANDARD = {category: index for index, category in enumerate(CATEGORIES)}
# The claims scheme's labels look the same on every page and in every chart (kit.charts),
# whatever order a table lists them in. Each line style differs from the marker category
# that shares its colour (prediction and hedge are both orange, say).
_CLAIMS = {
    "fact": ("#0072B2", "solid"),
    "opinion": ("#D55E00", "double"),
    "prediction": ("#E69F00", "dashed"),
    "speculation": ("#CC79A7", "dotted"),
    "mixed": ("#009E73", "wavy"),
}
# 8 colours and 5 line styles (coprime): positions 0..39 each get their own pair.
_STYLES = len(_PALETTE) * len(_LINES)


class Highlight:
    """What ``kit.highlight`` returns: shows itself in a notebook; ``save()`` writes a page."""

    def __init__(
        self,
        doc: Document,
        spans: list[tuple[int, int, str, str]],
        labels: list[str],
        colours: dict[str, str] | None = None,
    ):
        self.doc = doc
        self.spans = spans  # (start, end, label, hover text)
        self.labels = labels
        custom = [label for label in labels if label not in _STANDARD and label not in _CLAIMS]
        self.styles = _styles(labels, custom)
        for label, colour in (colours or {}).items():
            if label in self.styles:
                self.styles[label] = (colour, self.styles[label][1])
        if len(_STANDARD) + len(custom) > _STYLES:
            warn(
                f"{len(custom)} labels of your own: the page has {_STYLES - len(_STANDARD)} "
                "distinct looks for them (colour and line) beside the kit's categories, so "
                "some labels share a look. Hover over a span to read its label."
            )

    @property
    def html(self) -> str:
        """The highlighted article as an HTML fragment (every piece of text escaped)."""
        doc = self.doc
        counts = {label: 0 for label in self.labels}
        for _, _, label, _ in self.spans:
            counts[label] += 1
        legend = "".join(
            f'<span style="{self._css(label)};margin-right:1em;padding:0 0.2em">'
            f"{html.escape(label)} ({counts[label]})</span>"
            for label in self.labels
        )
        paragraphs = "".join(
            '<p style="margin:0 0 0.8em 0"><span style="color:#767676;font-size:0.8em;'
            f'user-select:none">¶{number}&nbsp;</span>{self._marked(start, end)}</p>'
            for number, (start, end) in enumerate(doc._paragraph_spans, start=1)
        )
        source = f"<p><em>{html.escape(doc.source_line)}</em></p>" if doc.source_line else ""
        return (
            '<article style="max-width:42em;font-family:Georgia,serif;line-height:1.7">'
            f"<h3>{html.escape(doc.headline)}</h3>"
            f'<p style="font-family:sans-serif;font-size:0.9em">'
            f"{legend or 'No spans to highlight.'}</p>"
            f"{paragraphs}{source}</article>"
        )

    def _repr_html_(self) -> str:
        return self.html

    def save(self, path: str | os.PathLike) -> Path:
        """Write the highlighted article as a standalone web page (``.html``); return its path.

        A file of the same name is replaced (saving again updates the page).

        >>> import kit, tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> page = highlight(kit.Document.from_string("Veto\\n\\nRussia may act."))
        >>> page.save(folder / "veto.html").read_text(encoding="utf-8")[:15]
        '<!DOCTYPE html>'
        """
        if not isinstance(path, (str, os.PathLike)):
            raise ArgumentError(
                f"save() takes a file name in quotes, like 'highlighted.html', not {describe(path)}."
            )
        target = Path(path).expanduser()
        if target.suffix.lower() not in {".html", ".htm"}:
            raise ArgumentError(
                f"save() writes a web page: give a name ending in .html, like "
                f"'{target.stem or 'highlighted'}.html' (not {str(path)!r})."
            )
        if "\0" in str(target):
            raise SaveError(
                f"{str(path)!r} is not a usable file name (it holds a null character). "
                "Give a plain name, like 'highlighted.html'."
            )
        if not target.parent.is_dir():
            raise SaveError(
                f"There is no folder {str(target.parent)!r} to save {target.name!r} in. "
                "Create the folder first, or give just a file name to save next to the notebook."
            )
        title = html.escape(f"{self.doc.headline} — highlighted")
        page = (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{title}</title>\n</head>\n<body>\n{self.html}\n</body>\n</html>\n"
        )
        try:
            target.write_text(page, encoding="utf-8")
        except (OSError, ValueError) as error:
            raise SaveError(
                f"Could not write {str(target)!r}: {getattr(error, 'strerror', None) or error}. "
                "Try another name or folder."
            ) from None
        return target

    def __str__(self) -> str:
        """The article as plain text, each span as [words](label)."""
        blocks = [self.doc.headline]
        for number, (start, end) in enumerate(self.doc._paragraph_spans, start=1):
            pieces = []
            for piece_start, piece_end, covering in self._pieces(start, end):
                text = self.doc.text[piece_start:piece_end]
                if covering:
                    names = "/".join(dict.fromkeys(label for _, _, label, _ in covering))
                    text = f"[{text}]({names})"
                pieces.append(text)
            blocks.append(f"{'¶' + str(number):<4}" + " ".join("".join(pieces).split()))
        return "\n\n".join(blocks)

    __repr__ = __str__

    # -- rendering ---------------------------------------------------------

    def _marked(self, start: int, end: int) -> str:
        out = []
        for piece_start, piece_end, covering in self._pieces(start, end):
            text = html.escape(self.doc.text[piece_start:piece_end])
            if not covering:
                out.append(text)
                continue
            inner = min(covering, key=lambda span: span[1] - span[0])  # the shortest is on top
            others = [span[2] for span in covering if span[2] != inner[2]]
            css = self._css(inner[2])
            if others:  # a second label shows as a line under the first
                colour, line = self.styles[others[0]]
                css += f";border-bottom:3px {line if line != 'wavy' else 'dotted'} {colour}"
            hover = " · ".join(dict.fromkeys(span[3] for span in covering))
            out.append(
                f'<mark style="{css}" title="{html.escape(hover, quote=True)}">{text}</mark>'
            )
        return "".join(out)

    def _pieces(self, start: int, end: int):
        """Split ``text[start:end]`` where spans begin or end; yield pieces and their spans."""
        inside = [span for span in self.spans if span[0] < end and span[1] > start]
        cuts = sorted({start, end, *(max(start, min(end, p)) for s in inside for p in s[:2])})
        for piece_start, piece_end in itertools.pairwise(cuts):
            covering = [s for s in inside if s[0] <= piece_start and s[1] >= piece_end]
            yield piece_start, piece_end, covering

    def _css(self, label: str) -> str:
        colour, line = self.styles[label]
        # Actors are many: underlined only, so the words of stance stand out.
        background = "transparent" if label == "actor" else f"{colour}33"
        return (
            f"background:{background};color:inherit;text-decoration:underline {line} {colour};"
            "text-decoration-thickness:2px;text-underline-offset:3px;padding:0"
        )


def highlight(
    doc: Document | str | os.PathLike,
    spans: pd.DataFrame | None = None,
    categories: list[str] | str | None = None,
    colours: dict[str, str] | None = None,
) -> Highlight:
    """Show the article with its spans highlighted: a legend, and each span's label on hover.

    ``spans`` is a table with a ``category`` or ``label`` column and either
    ``start`` and ``end`` (offsets into ``doc.text``) or a ``sentence_id``
    (the whole sentence, or just its ``phrase`` if the table has one); by
    default ``kit.markers(doc)``.
    ``categories`` keeps only those categories (or labels); ``colours`` gives
    labels a colour of your own, e.g. ``{"supported": "#009E73"}``, so a page
    and a chart can share one palette. The result shows
    itself in a notebook; ``.save("page.html")`` writes a page to open in a
    browser; ``print()`` gives plain text.

    >>> import kit
    >>> doc = kit.Document.from_string("Veto\\n\\nRussia may act, it said.")
    >>> print(highlight(doc, categories=["hedge", "attribution"]))
    Veto
    <BLANKLINE>
    ¶1  Russia [may](hedge) act, it [said](attribution).
    """
    from .texts import load

    doc = load(doc)
    if spans is None:
        from .markers import markers

        spans = markers(doc)
    table = _spans_table(spans)
    column = "category" if "category" in table.columns else "label"
    wanted = _wanted(categories, table[column])
    rows = []
    body_start, body_end = doc._paragraph_spans[0][0], doc._paragraph_spans[-1][1]
    for index, row in table.iterrows():
        label = _label(row[column], index, column)
        if wanted is not None and label not in wanted:
            continue
        start, end = _offsets(row, index, doc)
        if start < body_start or end > body_end:
            part = "headline" if start < body_start else "source line"
            raise ArgumentError(
                f"Span {index} runs from {start} to {end}, into the {part}: highlight shows "
                f"the body only (offsets {body_start} to {body_end} of doc.text). "
                "Were these spans made for another text?"
            )
        term = doc.text[start:end]
        words = " ".join(term.split())
        hover = f"{label}: {words if len(words) <= 60 else words[:57] + '…'}"
        actor = row.get("actor")
        if isinstance(actor, str) and actor and actor != term:
            hover += f" → {actor}"
        rows.append((start, end, label, hover))
    present = list(dict.fromkeys(label for _, _, label, _ in rows))
    labels = sorted(present, key=lambda label: (_STANDARD.get(label, len(_STANDARD)),))
    return Highlight(doc, rows, labels, _colours(colours))


def _colours(colours) -> dict[str, str]:
    """``colours`` checked: a mapping of label to a CSS colour such as ``"#009E73"``."""
    if colours is None:
        return {}
    if not isinstance(colours, dict) or not all(
        isinstance(value, str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", value)
        for value in colours.values()
    ):
        raise ArgumentError(
            "colours maps each label to a colour written like '#009E73', e.g. "
            f"colours={{'supported': '#009E73'}}, not {describe(colours)}."
        )
    return {str(label): value for label, value in colours.items()}


def _label(value, index, column: str) -> str:
    """A span's label as text; an empty one is an error (a span must say what it marks)."""
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)) or not str(value).strip():
        raise ArgumentError(
            f"Span {index} has no {column} (it is {describe(value)}). Give every span a "
            f"{column} in quotes, like 'claim', or leave that row out."
        )
    return str(value)


def _spans_table(spans) -> pd.DataFrame:
    import pandas as pd

    if not isinstance(spans, pd.DataFrame):
        try:
            spans = pd.DataFrame(spans)
        except (TypeError, ValueError):
            raise ArgumentError(
                "spans= takes a table (DataFrame) with start, end and category (or "
                f"label) columns, such as kit.markers(doc) makes, not {describe(spans)}."
            ) from None
    columns = set(spans.columns)
    placed = {"start", "end"} <= columns or "sentence_id" in columns
    if not placed or not {"category", "label"} & columns:
        raise ArgumentError(
            "spans= needs a category (or label) column and either start and end (offsets "
            "into doc.text) or a sentence_id (with a phrase, to mark part of the sentence); "
            f"this table has {', '.join(map(str, spans.columns)) or 'no columns'}. "
            "kit.markers(doc) makes one."
        )
    return spans


def _wanted(categories, present) -> set[str] | None:
    if categories is None:
        return None
    if isinstance(categories, str):
        categories = [categories]
    if not isinstance(categories, (list, tuple, set)) or not all(
        isinstance(name, str) for name in categories
    ):
        raise ArgumentError(
            "categories= takes a list of names in quotes, like ['hedge', 'booster'], "
            f"not {describe(categories)}."
        )
    known = set(CATEGORIES) | {str(label) for label in present}
    unknown = [name for name in categories if name not in known]
    if unknown:
        raise ArgumentError(
            f"There is no category {unknown[0]!r}. The categories are: "
            f"{', '.join(sorted(known, key=lambda name: (_STANDARD.get(name, 99), name)))}."
        )
    return set(categories)


def _offsets(row, index, doc: Document) -> tuple[int, int]:
    """Where a span is: its start and end, or its phrase in its sentence (or the whole sentence)."""
    if "start" in row.index and "end" in row.index:
        return _checked_offsets(row, index, len(doc.text))
    sentences = doc._sentence_spans
    sentence_id = row["sentence_id"]
    if _whole(sentence_id) is None:
        raise ArgumentError(
            f"Span {index} has sentence_id={sentence_id!r}: it must be a whole number "
            f"(the sentences are numbered 1 to {len(sentences)}), not "
            + (
                f"the text {sentence_id!r}: write it without quotes."
                if isinstance(sentence_id, str)
                else f"{describe(sentence_id)}."
            )
        )
    if (
        isinstance(sentence_id, bool)
        or not isinstance(sentence_id, numbers.Real)
        or not math.isfinite(sentence_id)
        or sentence_id != int(sentence_id)
        or not 1 <= sentence_id <= len(sentences)
    ):
        raise ArgumentError(
            f"Span {index} has sentence_id={sentence_id!r}, but the sentences are numbered "
            f"1 to {len(sentences)}. Were these spans made for another text?"
        )
    _, start, end = sentences[int(sentence_id) - 1]
    phrase = next((row[name] for name in _PHRASE_COLUMNS if name in row.index), None)
    if not isinstance(phrase, str) or not phrase.strip():
        return start, end
    found = _find_phrase(doc.text, phrase, start, end)
    if found is None:
        raise ArgumentError(
            f"Span {index}: the phrase {phrase!r} is not in sentence {int(sentence_id)} "
            f"({' '.join(doc.text[start:end].split())!r}). Check its spelling and sentence_id."
        )
    return found


_PHRASE_COLUMNS = ("phrase", "term", "span_text")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def _find_phrase(text: str, phrase: str, start: int, end: int) -> tuple[int, int] | None:
    """The first place of ``phrase`` in ``text[start:end]``, ignoring case, quote style and spacing."""
    words = phrase.translate(_QUOTES).split()
    pattern = r"\s+".join(re.escape(word) for word in words)
    match = re.compile(pattern, re.IGNORECASE).search(text.translate(_QUOTES), start, end)
    return match.span() if match else None


def _whole(value) -> int | None:
    """``value`` as an int if it is a whole number (10, 10.0, numpy 10), else None."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    if not math.isfinite(value) or value != int(value):
        return None
    return int(value)


def _checked_offsets(row, index, length: int) -> tuple[int, int]:
    start, end = _whole(row["start"]), _whole(row["end"])
    if start is None or end is None:
        raise ArgumentError(
            f"Span {index} has start={row['start']!r} and end={row['end']!r}: both must be "
            "whole numbers (character offsets into doc.text), like 10 and 17."
        )
    if not 0 <= start < end <= length:
        raise ArgumentError(
            f"Span {index} runs from {start} to {end}, but offsets must satisfy "
            f"0 <= start < end <= {length} (the length of doc.text). Were these spans made "
            "for another text?"
        )
    return start, end


def _styles(labels: list[str], custom: list[str]) -> dict[str, tuple[str, str]]:
    """Each label's look: the kit's categories and claim labels fixed, then labels of one's
    own in the next looks no fixed label on this page has."""
    styles = {label: _CLAIMS[label] for label in labels if label in _CLAIMS}
    styles.update({label: _style(label, []) for label in labels if label in _STANDARD})
    taken = set(styles.values())
    position = len(_STANDARD)
    for label in custom:
        while _look(position) in taken and position < len(_STANDARD) + _STYLES:
            position += 1
        styles[label] = _look(position)
        position += 1
    return {label: styles[label] for label in labels}


def _look(position: int) -> tuple[str, str]:
    return _PALETTE[position % len(_PALETTE)], _LINES[position % len(_LINES)]


def _style(label: str, custom: list[str]) -> tuple[str, str]:
    """A colour and a line style: fixed for the kit's categories, the next free ones for others.

    Labels of one's own come after the kit's categories, so no two share both
    colour and line style (up to 40 in all; beyond that, the looks repeat).
    """
    position = _STANDARD[label] if label in _STANDARD else len(_STANDARD) + custom.index(label)
    return _PALETTE[position % len(_PALETTE)], _LINES[position % len(_LINES)]
