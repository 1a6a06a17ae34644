"""Alt text: a sentence or two that says what a chart shows, for screen readers and handouts.

>>> import kit
>>> ax = kit.charts.keywords("yomiuri-2024-04-06", n=3)
>>> describe(ax).startswith("Bar chart: the 3 most frequent words.")
True
"""

from __future__ import annotations

from ..errors import ArgumentError
from ..errors import describe as _describe_value


def describe(ax) -> str:
    """A plain-language description of a chart (an Axes or a Figure).

    The kit's charts say what they show and where the largest values are.
    For a chart of your own, the description is read off the Axes: its title,
    its axis labels, and the highest bar or point.
    """
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(ax, Figure):
        if not ax.axes:
            raise ArgumentError("describe() was given an empty figure: it has no chart in it.")
        return " ".join(describe(one) for one in ax.axes if one.get_label() != "<colorbar>")
    if not isinstance(ax, Axes):
        raise ArgumentError(
            f"describe() takes a chart (the Axes a kit.charts function returns), not "
            f"{_describe_value(ax)}."
        )
    if getattr(ax, "kit_alt", None):
        return ax.kit_alt
    return _read_off(ax)


def _read_off(ax) -> str:
    title = ax.get_title(loc="left") or ax.get_title() or "untitled"
    title = " ".join(title.split())
    x, y = ax.get_xlabel() or "x", ax.get_ylabel() or "y"
    bars = [patch for container in ax.containers for patch in container]
    if bars:
        ticks = {
            round(tick, 6): label.get_text()
            for tick, label in zip(ax.get_xticks(), ax.get_xticklabels(), strict=False)
        }
        best = max(bars, key=lambda bar: bar.get_height())
        centre = round(best.get_x() + best.get_width() / 2, 6)
        where = ticks.get(centre) or f"{centre:g}"
        return (
            f"Bar chart: {title} ({len(bars)} bars; {y} by {x}). Highest: {where} "
            f"({best.get_height():g})."
        )
    lines = [line for line in ax.lines if len(line.get_xdata()) > 2]
    if lines:
        line = lines[0]
        xs, ys = list(line.get_xdata()), list(line.get_ydata())
        top = max(range(len(ys)), key=ys.__getitem__)
        return (
            f"Line chart: {title} ({y} by {x}, {len(xs)} points). Highest: {ys[top]:g} "
            f"at {xs[top]}."
        )
    return f"Chart: {title} ({y} by {x})."
