"""The kit's one chart style: Okabe–Ito colours, titles, source notes, alt text.

Marker categories keep the colours ``kit.highlight`` gives them, so a hedge
is the same orange on the page and in a chart. Claim labels have fixed
colours too; any other label takes the next free colour, and sentences
without a label are grey.

>>> colour("hedge"), colour("opinion"), colour(None)
('#E69F00', '#D55E00', '#BBBBBB')
"""

from __future__ import annotations

import textwrap

from ..highlight import _CLAIMS, _PALETTE, _STANDARD
from ..highlight import _style as _highlight_style

#: Okabe & Ito (2008), "Color Universal Design": safe for the common colour-vision deficiencies.
PALETTE = tuple(_PALETTE)
BLUE, ORANGE, SKY, GREEN, VERMILLION, PURPLE = (
    "#0072B2",
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#D55E00",
    "#CC79A7",
)
#: The five labels of the ``claims`` scheme, in the hues the annotator's buttons use;
#: ``kit.highlight`` gives them the same colours.
CLAIM_COLOURS = {label: look[0] for label, look in _CLAIMS.items()}
UNLABELLED = "#BBBBBB"
#: A second channel beside colour, so a greyscale print or a colour-blind reader tells the
#: series apart: hedges and boosters, or opinion and speculation, have near-equal lightness.
HATCHES = {
    "hedge": "",
    "booster": "////",
    "attitude": "....",
    "attribution": "xxx",
    "actor": "\\\\\\\\",
    "fact": "",
    "opinion": "////",
    "prediction": "....",
    "speculation": "xxx",
    "mixed": "\\\\\\\\",
}
UNLABELLED_HATCH = "--"
_SPARE_HATCHES = ("++", "oo", "**", "||", "OO")
HATCH_INK = "#222222"
INK = "#333333"
NOTE = "#555555"
SOURCE_NOTE_GID = "kit-source-note"


def colour(label, others: list | tuple = ()) -> str:
    """The kit's colour for a marker category or a label (grey for no label).

    A label the kit does not know takes a colour by its place in ``others``
    (the labels of its chart), so labels in one chart never share one while
    the palette lasts.
    """
    if label is None or label == "":
        return UNLABELLED
    if label in _STANDARD:
        return _highlight_style(label, [])[0]
    if label in CLAIM_COLOURS:
        return CLAIM_COLOURS[label]
    unknown = [other for other in others if other not in CLAIM_COLOURS and other not in _STANDARD]
    place = unknown.index(label) if label in unknown else len(unknown)
    pool = [c for c in PALETTE if c != "#999999"]
    return pool[place % len(pool)]


def hatch(label, others: list | tuple = ()) -> str:
    """The kit's hatching for a marker category or a label (``--`` for no label).

    >>> hatch("booster"), hatch("hedge"), hatch(None)
    ('////', '', '--')
    """
    if label is None or label == "":
        return UNLABELLED_HATCH
    if label in HATCHES:
        return HATCHES[label]
    unknown = [other for other in others if other not in HATCHES]
    place = unknown.index(label) if label in unknown else len(unknown)
    return _SPARE_HATCHES[place % len(_SPARE_HATCHES)]


def check_source(source) -> None:
    """``source=`` is a note in words, or None for the kit's own note."""
    if source is not None and not isinstance(source, str):
        from ..errors import ArgumentError, describe

        raise ArgumentError(
            "source= takes the source note in quotes, like source='Source: my count', or "
            f"leave it out for the kit's note; not {describe(source)}."
        )


def new_axes(ax, size: tuple[float, float]):
    """``ax`` itself, or a new figure's Axes of ``size`` inches."""
    if ax is not None:
        from matplotlib.axes import Axes

        from ..errors import ArgumentError, describe

        if not isinstance(ax, Axes):
            raise ArgumentError(
                f"ax= takes a matplotlib Axes (from fig, ax = plt.subplots()), not {describe(ax)}. "
                "Leave it out to get a new chart."
            )
        number = getattr(ax.figure, "number", None)
        if number is not None:
            import matplotlib.pyplot as plt

            if not plt.fignum_exists(number):
                raise ArgumentError(
                    "This ax belongs to a figure that was closed, so nothing drawn on it would "
                    "be shown. Leave out ax=, or make a new one with fig, ax = plt.subplots()."
                )
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def title(ax, text: str, width: int = 70) -> None:
    """A title that says what the chart shows, left-aligned, wrapped to ``width`` characters.

    Set after the legend: a legend placed above the chart pushes the title up.
    """
    legend = ax.get_legend()
    above = legend is not None and legend.get_bbox_to_anchor().y0 >= ax.bbox.y1 - 1
    ax.set_title(
        "\n".join(textwrap.wrap(text, width)),
        loc="left",
        fontsize=11,
        color=INK,
        pad=24 if above else 6,
    )


def source_note(ax, text: str, width: int = 110) -> None:
    """A small grey note under the chart: where the data come from."""
    ax.annotate(
        "\n".join(textwrap.wrap(text, width)),
        xy=(0, 0),
        xycoords="axes fraction",
        xytext=(0, -32),
        textcoords="offset points",
        va="top",
        ha="left",
        fontsize=7.5,
        color=NOTE,
        gid=SOURCE_NOTE_GID,
        annotation_clip=False,
    )


def plain_axes(ax) -> None:
    """The kit's look: no top and right frame, light grid behind the marks."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_axisbelow(True)
    ax.tick_params(colors=INK, labelsize=9)


def finish(ax, alt: str, note: str, heading: str):
    """Title, source note and alt text on ``ax``; returns ``ax``."""
    check_source(note)
    title(ax, heading)
    source_note(ax, note)
    ax.kit_alt = alt
    return ax


def about(doc) -> str:
    """The text a chart's data come from, for its source note."""
    if doc is None:
        return "the table passed to the chart"
    parts = [doc.outlet, f"{doc.date.day} {doc.date:%B %Y}" if doc.date else None]
    named = ", ".join(part for part in parts if part)
    headline = textwrap.shorten(doc.headline, 60, placeholder="…")
    return f"“{headline}” ({named})" if named else f"“{headline}”"


def number(value: float) -> str:
    """A figure as a reader says it: 3, 2.5, 0.33."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".") if abs(value) < 1 else f"{value:.1f}"


def plural(count: float, word: str, many: str | None = None) -> str:
    """'1 actor', '3 actors', '1 mention'.

    >>> plural(1, "event"), plural(2.0, "mention"), plural(3, "is", "are")
    ('1 event', '2 mentions', '3 are')
    """
    return f"{number(count)} {word if count == 1 else (many or word + 's')}"


def spans(numbers) -> str:
    """Whole numbers as runs: [2, 4, 5, 6, 8] gives '2, 4–6 and 8'.

    >>> spans([2, 4, 5, 6, 8]), spans([10, 11])
    ('2, 4–6 and 8', '10 and 11')
    """
    runs: list[list[int]] = []
    for value in sorted(int(n) for n in numbers):
        if runs and value == runs[-1][-1] + 1:
            runs[-1].append(value)
        else:
            runs.append([value])
    parts = []
    for run in runs:
        parts.extend([f"{run[0]}–{run[-1]}"] if len(run) > 2 else map(str, run))
    return listed(parts)


def listed(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = [str(word) for word in words]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
