"""A printable handout: the highlighted article as one standalone web page for the classroom.

The page holds everything it needs (no fonts, scripts or images from the network), numbers
every paragraph and sentence for discussion, and keeps each highlight readable on paper in
black and white: a line style and a letter besides the colour.

>>> import kit, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> doc = kit.Document.from_string("Veto\\n\\nRussia may act. It will <b>certainly</b> act.")
>>> page = handout(doc, folder / "veto.html").read_text(encoding="utf-8")
>>> '<mark class="m-hedge' in page and "&lt;b&gt;" in page and "@page" in page
True
"""

from __future__ import annotations

import datetime as _dt
import html
import itertools
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ArgumentError, SaveError, describe

if TYPE_CHECKING:
    import pandas as pd

    from .document import Document

# What each marker category means, in one line for the legend.
MEANINGS = {
    "hedge": "holds back: possible, likely, perhaps",
    "booster": "insists: certainly, clearly, inevitably",
    "attitude": "judges or feels: loaded, evaluative words",
    "attribution": "says who says so: said, according to",
    "actor": "names who acts: countries, bodies, people",
}

_CSS = """
@page { margin: 18mm 16mm 20mm 16mm; }  /* the printer's paper: A4 or Letter */
* { box-sizing: border-box; }
body { font-family: Georgia, "Times New Roman", serif; font-size: 11.5pt; line-height: 2;
  color: #000; background: #fff; max-width: 46em; margin: 2em auto; padding: 0 1em; }
header { border-bottom: 1px solid #000; margin-bottom: 1em; }
h1 { font-size: 1.35em; line-height: 1.3; margin: 0 0 0.3em 0; }
.source, .printed, .legend, .key-note { font-family: Helvetica, Arial, sans-serif;
  font-size: 9pt; line-height: 1.5; }
.legend { border: 1px solid #000; padding: 0.4em 0.6em; margin: 0 0 1.2em 0;
  break-inside: avoid; page-break-inside: avoid; }
.legend ul { list-style: none; margin: 0.2em 0 0 0; padding: 0; columns: 2; }
.legend li { margin: 0.15em 0; break-inside: avoid; }
p.para { margin: 0 0 0.9em 0; position: relative; padding-left: 2.4em; orphans: 3; widows: 3; }
.pnum { position: absolute; left: 0; top: 0; font-family: Helvetica, Arial, sans-serif;
  font-size: 8.5pt; font-weight: bold; }
.snum { font-family: Helvetica, Arial, sans-serif; font-size: 7.5pt; font-weight: bold;
  vertical-align: super; line-height: 0; border: 1px solid #000; border-radius: 2px;
  padding: 0 0.15em; margin-right: 0.15em; white-space: nowrap; }
.claim { font-family: Helvetica, Arial, sans-serif; font-size: 7pt; font-style: italic;
  vertical-align: super; line-height: 0; margin-right: 0.2em; white-space: nowrap; }
mark { color: inherit; padding: 0 0.05em; text-decoration-thickness: 2px;
  text-underline-offset: 3px; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
mark.short { white-space: nowrap; }
sup.code { font-family: Helvetica, Arial, sans-serif; font-size: 6.5pt; font-weight: bold;
  line-height: 0; margin-left: 0.05em; }
footer { border-top: 1px solid #000; margin-top: 1.5em; padding-top: 0.3em; }
@media print {
  body { margin: 0; max-width: none; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  header, .legend { break-after: avoid; page-break-after: avoid; }
}
"""


def handout(
    text: Document | str | os.PathLike,
    path: str | os.PathLike,
    spans: pd.DataFrame | None = None,
    *,
    categories: list[str] | str | None = None,
    claim_labels: bool = False,
    printed: _dt.date | None = None,
    force: bool = False,
) -> Path:
    """Write the highlighted article as one printable web page (``.html``); return its path.

    ``text`` is a text's name, folder, file or a ``Document``; ``spans`` a table of spans
    as ``kit.highlight`` takes (by default ``kit.markers(doc)``), ``categories`` keeps only
    some. ``claim_labels=True`` adds the expert's label to each sentence number (the text
    needs ``key_claims.csv``); leave it off for a handout students label themselves.
    ``printed`` is the date shown as "printed on" (default: today). A handout the kit wrote
    earlier under the same name is replaced; any other existing file is left alone unless
    ``force=True``. Open the page in a browser and print it (A4 or Letter).

    >>> import kit, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "handout.html"
    >>> handout("yomiuri-2024-04-06", out, claim_labels=True).name
    'handout.html'
    >>> "s22" in out.read_text(encoding="utf-8")
    True
    """
    from .highlight import highlight
    from .texts import load

    target = _target(path)
    if not isinstance(claim_labels, bool):
        raise ArgumentError(
            f"claim_labels= is True or False (without quotes), not {describe(claim_labels)}."
        )
    if printed is not None and not isinstance(printed, _dt.date):
        raise ArgumentError(
            "printed= takes a date, like datetime.date(2024, 9, 1), or None for today; "
            f"not {describe(printed)}."
        )
    if not isinstance(force, bool):
        raise ArgumentError(f"force= is True or False (without quotes), not {describe(force)}.")
    _replaceable(target, force)
    doc = load(text)
    marked = highlight(doc, spans, categories=categories)
    labels = _claim_labels(doc) if claim_labels else {}
    page = _page(doc, marked, labels, printed or _dt.date.today())
    from .annotate.store import write_atomically  # the kit's one all-or-nothing writer

    try:
        write_atomically(target, page)
    except (OSError, ValueError) as error:
        raise SaveError(
            f"Could not write {str(target)!r}: {getattr(error, 'strerror', None) or error}. "
            "Try another name or folder."
        ) from None
    return target


def _target(path) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise ArgumentError(
            f"handout() needs a file name in quotes, like 'handout.html', not {describe(path)}."
        )
    target = Path(path).expanduser()
    if "\0" in str(target):
        raise SaveError(f"{str(path)!r} is not a usable file name: give one like 'handout.html'.")
    if target.suffix.lower() not in {".html", ".htm"}:
        raise ArgumentError(
            "The handout is a web page: give a name ending in .html, like "
            f"'{target.stem or 'handout'}.html' (not {str(path)!r})."
        )
    if not target.parent.is_dir():
        raise SaveError(
            f"There is no folder {str(target.parent)!r} to save {target.name!r} in. "
            "Create the folder first, or give just a file name."
        )
    return target


# Every handout the kit has written ends with this; a file without it is someone's own.
_SIGNATURE = "from the media-literacy kit. Numbers: ¶ paragraph, s sentence"


def _replaceable(target: Path, force: bool) -> None:
    """Refuse to replace a file that is not a handout the kit wrote (unless ``force``)."""
    if target.is_dir():
        raise SaveError(f"{str(target)!r} is a folder: give a file name like 'handout.html'.")
    if force or not target.exists():
        return
    try:
        with open(target, "rb") as stream:
            stream.seek(max(0, target.stat().st_size - 4096))
            tail = stream.read().decode("utf-8", "replace")
    except OSError:
        tail = ""
    if _SIGNATURE not in tail:
        raise SaveError(
            f"{str(target)!r} already exists and is not a handout the kit wrote, so it was "
            "left as it is. Give another name, or add --force (force=True) to replace it."
        )


def _claim_labels(doc) -> dict[int, str]:
    from .annotate import expert_key
    from .errors import NoExpertKeyError

    try:
        key = expert_key(doc)
    except NoExpertKeyError:
        folder = doc.path.parent if doc.path else Path("seeds") / doc.slug
        raise NoExpertKeyError(
            f"The text {doc.slug!r} has no expert key, so the handout has no claim labels to "
            f"show: leave out claim_labels=True, or add key_claims.csv to {folder} (one row per "
            "sentence: sentence_id,opening,label,alternatives,rationale, as in "
            "seeds/yomiuri-2024-04-06/key_claims.csv)."
        ) from None
    return {int(row.sentence_id): str(row.label) for row in key.itertuples()}


def _page(doc, marked, labels: dict[int, str], printed: _dt.date) -> str:
    codes = _codes(marked.labels)
    title = html.escape(doc.headline)
    byline = " · ".join(
        part
        for part in (
            html.escape(doc.outlet or ""),
            f"{doc.date.day} {doc.date:%B %Y}" if doc.date else "",
            html.escape(doc.genre or ""),
        )
        if part
    )
    source = (
        f'<p class="source"><strong>Source:</strong> {html.escape(doc.source_line)}</p>'
        if doc.source_line
        else '<p class="source"><strong>Source:</strong> no source line in the text; add one '
        "before you hand this out.</p>"
    )
    paragraphs = "\n".join(
        f'<p class="para"><span class="pnum">¶{number}</span>'
        f"{_paragraph(doc, marked, start, end, codes, labels)}</p>"
        for number, (start, end) in enumerate(doc._paragraph_spans, start=1)
    )
    claim_note = (
        '<p class="key-note">The small italic word after a sentence number is the expert\'s '
        "claim label for that sentence (fact, opinion, prediction, speculation, mixed): one "
        "reading, to discuss, not the last word.</p>"
        if labels
        else ""
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title} — handout</title>\n<style>{_css(marked, codes)}</style>\n</head>\n"
        f"<body>\n<header>\n<h1>{title}</h1>\n"
        f'<p class="source">{byline}</p>\n{source}\n</header>\n'
        f"{_legend(marked, codes)}\n{claim_note}\n<main>\n{paragraphs}\n</main>\n"
        f'<footer><p class="printed">Quoted for classroom study and criticism; keep the '
        f"source line. Printed on {printed.isoformat()} from the media-literacy kit. Numbers: "
        f"¶ paragraph, s sentence (as in the lessons).</p></footer>\n</body>\n</html>\n"
    )


def _paragraph(doc, marked, start: int, end: int, codes, labels) -> str:
    """One paragraph: each sentence opens with its number, each span is a ``<mark>``."""
    sentence_starts = {
        s_start: number
        for number, (_, s_start, _) in enumerate(doc._sentence_spans, start=1)
        if start <= s_start < end
    }
    cuts = sorted({start, end, *sentence_starts})
    out = []
    for piece_start, piece_end in itertools.pairwise(cuts):
        number = sentence_starts.get(piece_start)
        if number is not None:
            out.append(f'<span class="snum">s{number}</span>')
            if number in labels:
                out.append(f'<span class="claim">{html.escape(labels[number])}</span>')
        for a, b, covering in marked._pieces(piece_start, piece_end):
            words = html.escape(doc.text[a:b])
            if not covering:
                out.append(words)
                continue
            inner = min(covering, key=lambda span: span[1] - span[0])  # the shortest on top
            hover = html.escape(" · ".join(dict.fromkeys(span[3] for span in covering)), True)
            short = " short" if b - a <= 30 else ""
            classes = f"m-{_css_name(inner[2], codes)}{short}"
            ending = dict.fromkeys(span[2] for span in covering if span[1] == b)  # code at its end
            tags = (
                f'<sup class="code">{"·".join(codes[name] for name in ending)}</sup>'
                if ending
                else ""
            )
            out.append(f'<mark class="{classes}" title="{hover}">{words}</mark>{tags}')
    return "".join(out)


def _codes(labels: list[str]) -> dict[str, str]:
    """A short code for each label, to print beside its spans: H, B, At, ... unique."""
    codes: dict[str, str] = {}
    for index, label in enumerate(labels, start=1):
        letters = "".join(ch for ch in label if ch.isalnum()) or "x"
        options = [letters[0].upper() + letters[1:length] for length in range(1, len(letters) + 1)]
        codes[label] = next(
            (code for code in options if code not in codes.values()), f"{letters[0].upper()}{index}"
        )
    return codes


def _css_name(label: str, codes: dict[str, str]) -> str:
    simple = "".join(ch if ch.isalnum() else "-" for ch in label.lower())
    return simple if label in _KNOWN_CLASS_NAMES else f"label{list(codes).index(label)}"


_KNOWN_CLASS_NAMES = {*MEANINGS, "fact", "opinion", "prediction", "speculation", "mixed"}


def _css(marked, codes) -> str:
    rules = []
    for label in marked.labels:
        colour, line = marked.styles[label]
        background = "transparent" if label == "actor" else f"{colour}40"
        rules.append(
            f"mark.m-{_css_name(label, codes)}, .swatch.m-{_css_name(label, codes)} "
            f"{{ background: {background}; text-decoration: underline {line} {colour}; "
            "text-decoration-thickness: 2px; }"
        )
    return _CSS + "\n".join(rules) + "\n"


def _legend(marked, codes) -> str:
    counts = {label: 0 for label in marked.labels}
    for _, _, label, _ in marked.spans:
        counts[label] += 1
    if not marked.labels:
        return '<section class="legend">Nothing highlighted: no spans for this text.</section>'
    items = "".join(
        f'<li><mark class="swatch m-{_css_name(label, codes)}">{html.escape(label)}</mark>'
        f'<sup class="code">{codes[label]}</sup> ({counts[label]})'
        + (f" — {MEANINGS[label]}" if label in MEANINGS else "")
        + "</li>"
        for label in marked.labels
    )
    return (
        '<section class="legend"><strong>What is marked</strong> (colour, line style and '
        f"letter: readable in black and white)<ul>{items}</ul></section>"
    )
