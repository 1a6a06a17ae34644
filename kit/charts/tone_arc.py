"""The tone arc: how negative or positive each sentence reads, from first to last.

>>> import kit
>>> ax = kit.charts.tone_arc("yomiuri-2024-04-06")
>>> len(ax.lines[1].get_xdata())  # one point per sentence
22
"""

from __future__ import annotations

from . import _inputs, _style

_INSTEAD = "a text (kit.load(...) or its name) or kit.tone(doc)"


def tone_arc(data, doc=None, ax=None, source=None):
    """A line through each sentence's VADER compound score (-1 to +1); returns the Axes.

    ``data`` is a text (``kit.load(...)``, its name or a path) or
    ``kit.tone(doc)`` (sentence_id and compound). VADER scores single words
    from a list made for social media: it misses irony and diplomatic
    restraint, so read the arc as a rough guide, and check it against the
    sentences.
    """
    if _inputs.is_text(data):
        from ..reading import tone
        from ..texts import load

        doc = load(data)
        data = tone(doc)
    else:
        doc = _inputs.text_or_none(doc)
    found = _inputs.table(data, "tone_arc", ["sentence_id", "compound"], _INSTEAD)
    ids = _inputs.whole_numbers(found.sentence_id, "tone_arc", "sentence_id")
    import pandas as pd

    scores = pd.to_numeric(found.compound, errors="coerce")
    bad = scores.isna() | (scores.abs() > 1)
    if bad.any():
        index = bad.idxmax()
        raise _inputs.ChartError(
            f"tone_arc(): row {index} has compound={found.compound.loc[index]!r}; a compound "
            "score is a number from -1 to +1, as kit.tone(doc) gives."
        )
    arc = pd.Series(scores.to_numpy(), index=ids.to_numpy()).sort_index()
    ax = _style.new_axes(ax, (9, 3.6))
    ax.axhline(0, color="#999999", linewidth=0.8, gid="kit-zero-line")
    ax.plot(arc.index, arc.to_numpy(), marker="o", markersize=4, color=_style.BLUE, linewidth=1.5)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("sentence, in reading order")
    ax.set_ylabel("tone (VADER compound, −1 to +1)")
    ax.yaxis.grid(True, color="#e5e5e5")
    if len(arc) <= 30:
        ax.set_xticks(list(arc.index))
    _style.plain_axes(ax)
    heading = "The tone of each sentence, from first to last (below 0: reads negative)"
    low, high = arc.idxmin(), arc.idxmax()
    alt = (
        f"Line chart: tone (VADER compound score) of sentences {arc.index[0]}–{arc.index[-1]}. "
        f"Most negative: sentence {low} ({arc[low]:.2f}); most positive: sentence {high} "
        f"({arc[high]:.2f}); average {arc.mean():.2f}; {int((arc < 0).sum())} of {len(arc)} "
        "sentences below 0."
    )
    note = source or (
        f"Source: {_style.about(doc)}. Tone scored by VADER (Hutto & Gilbert 2014) with "
        "kit.tone: a word-list score built for social media, blind to irony and restraint."
    )
    return _style.finish(ax, alt, note, heading)
