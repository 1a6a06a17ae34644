"""The report's charts, drawn with ``kit.charts``: the class's label shares and a sentence strip.

Each is saved as PNG and SVG (for slides and print) and embedded in the page
as a data URI, so ``index.html`` shows them even when copied alone; its alt
text comes from ``kit.charts.describe``.

>>> most_chosen_label({"sentence_id": [1, 2], "top_label": ["fact", "opinion"]}).label.tolist()
['fact', 'opinion']
"""

from __future__ import annotations

import base64
import warnings
from dataclasses import dataclass
from pathlib import Path

MOST_CHOSEN = "class (most chosen)"
MAX_BARS = 30  # a longer text: the 30 most disputed sentences


@dataclass
class Figure:
    """A chart written for the report: its files, alt text and caption."""

    name: str
    png: Path
    svg: Path
    alt: str
    caption: str

    def data_uri(self) -> str:
        """The SVG as a ``data:`` address an ``<img>`` shows without any other file."""
        encoded = base64.b64encode(self.svg.read_bytes()).decode("ascii")
        return f"data:image/svg+xml;base64,{encoded}"


def most_chosen_label(shares):
    """One row per sentence: the label most of the class chose (a strip's row)."""
    import pandas as pd

    table = pd.DataFrame(shares)
    return pd.DataFrame(
        {
            "annotator": MOST_CHOSEN,
            "sentence_id": table["sentence_id"],
            "label": table["top_label"],
        }
    )


def draw_figures(review, folder: Path) -> list[Figure]:
    """Draw and save the class's charts into ``folder``; return them."""
    import matplotlib.pyplot as plt

    from .. import charts
    from ..errors import KitWarning

    figures = []
    if review.agreement is None or review.shares.empty:
        return figures
    shown = min(len(review.shares), MAX_BARS)
    ax = charts.class_shares(review.agreement, n=shown, doc=review.doc)
    caption = (
        "How the class split on each sentence, the most disputed on top"
        + (
            f" (the {shown} most disputed of {len(review.shares)})"
            if shown < len(review.shares)
            else ""
        )
        + ". Each bar is one sentence; its coloured parts are the shares of the students who "
        "chose each label."
    )
    figures.append(_saved(ax, folder, "class_shares", caption, plt, charts, KitWarning))
    strip = charts.sentence_strip(
        review.doc,
        labels=most_chosen_label(review.shares),
        expert=review.has_key,
        scheme=review.scheme,
    )
    caption = (
        "The sentences in reading order, coloured by label: "
        + ("the expert's key on top, " if review.has_key else "")
        + "the label most of the class chose below it. Black lines mark a new paragraph."
    )
    figures.append(_saved(strip, folder, "sentence_strip", caption, plt, charts, KitWarning))
    return figures


NOTE_SIZE = 10  # points on a 10-inch chart: about 7.5 on a printed page


def readable_notes(ax, size: float = NOTE_SIZE):
    """Enlarge the chart's source note: the page shrinks a wide chart to fit when printed."""
    from ..charts._style import SOURCE_NOTE_GID

    for artist in ax.figure.findobj(lambda a: a.get_gid() == SOURCE_NOTE_GID):
        if hasattr(artist, "set_fontsize") and artist.get_fontsize() < size:
            artist.set_fontsize(size)
    return ax


def _saved(ax, folder: Path, name: str, caption: str, plt, charts, kit_warning) -> Figure:
    readable_notes(ax)
    alt = charts.describe(ax)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", kit_warning)  # replacing the earlier report's chart
        png, svg = charts.save_figure(ax, folder / name, dpi=150)
    plt.close(ax.figure)
    return Figure(name, png, svg, alt, caption)
