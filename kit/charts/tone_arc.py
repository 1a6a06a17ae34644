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
    _style.check_source(source)
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
    twice = ids.duplicated()
    if twice.any():
        raise _inputs.ChartError(
            f"tone_arc(): sentence {ids[twice].iloc[0]} appears twice; the arc needs one score "
            "per sentence (use kit.tone(doc) of one text, not two tables joined)."
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
    span = (
        f"sentences {arc.index[0]}–{arc.index[-1]}" if len(arc) > 1 else f"sentence {arc.index[0]}"
    )
    if arc.min() == arc.max():
        level = "0 (neutral)" if arc.max() == 0 else f"{arc.max():.2f}"
        alt = f"Line chart: tone (VADER compound score) of {span}: every sentence scores {level}."
    else:
        low, high = _extremes(arc, min), _extremes(arc, max)
        alt = (
            f"Line chart: tone (VADER compound score) of {span}. Most negative: {low}; most "
            f"positive: {high}; average {arc.mean():.2f}; {int((arc < 0).sum())} of "
            f"{len(arc)} sentences below 0."
        )
    note = source or (
        f"Source: {_style.about(doc)}. Tone scored by VADER (Hutto & Gilbert 2014) with "
        "kit.tone: a word-list score built for social media, blind to irony and restraint."
    )
    return _style.finish(ax, alt, note, heading)


def _extremes(arc, which) -> str:
    """'sentence 3 (-0.70)', or 'sentences 2 and 5 (0.00 each)' when tied."""
    value = which(arc)
    where = arc[arc == value].index.tolist()
    if len(where) == 1:
        return f"sentence {where[0]} ({value:.2f})"
    return f"sentences {_style.spans(where)} ({value:.2f} each)"
