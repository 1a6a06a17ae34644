"""Save a chart as PNG (for slides) and SVG (for print and handouts), its alt text inside.

>>> import kit, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> ax = kit.charts.keywords("yomiuri-2024-04-06", n=3)
>>> [path.name for path in kit.save_figure(ax, folder / "words")]
['words.png', 'words.svg']
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ArgumentError, SaveError, describe

_KINDS = {".png", ".svg"}


def save_figure(chart, path, dpi: int = 200) -> list[Path]:
    """Write ``chart`` (an Axes or a Figure) to ``path.png`` and ``path.svg``; return both paths.

    ``path`` is a name without an ending, like ``"charts/stance"``; a
    missing folder is made. Files of the same name are replaced, with a
    warning. ``dpi`` (50 to 1200) sets the PNG's sharpness. The chart's alt
    text (``kit.charts.describe``) is written into both files' description.
    """
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .alt_text import describe as alt_text

    if isinstance(chart, Axes):
        figure = chart.figure
    elif isinstance(chart, Figure):
        figure = chart
    else:
        raise ArgumentError(
            "save_figure() takes a chart (the Axes a kit.charts function returns, or a "
            f"matplotlib Figure), then a file name, not {describe(chart)}."
        )
    if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        raise ArgumentError(
            "save_figure() takes a file name in quotes after the chart, like "
            f"kit.save_figure(ax, 'charts/stance'), not {describe(path)}."
        )
    if isinstance(dpi, bool) or not isinstance(dpi, int) or not 50 <= dpi <= 1200:
        raise ArgumentError(
            f"dpi= takes a whole number from 50 to 1200 (200 is sharp on slides, 300 in print), "
            f"not {describe(dpi)}."
        )
    target = Path(path).expanduser()
    if str(path).endswith(("/", os.sep)) or target.is_dir():
        raise ArgumentError(
            f"{str(path)!r} is a folder: give a file name, like 'charts/stance' (the kit adds "
            ".png and .svg)."
        )
    if "\0" in str(target):
        raise SaveError(
            f"{str(path)!r} is not a usable file name. Give a plain name, like 'stance'."
        )
    if target.suffix.lower() in _KINDS:
        target = target.with_suffix("")
    elif target.suffix and not target.suffix[1:].isdigit():
        raise ArgumentError(
            f"save_figure() always writes a PNG and an SVG: give the name without an ending, "
            f"like {str(target.with_suffix(''))!r} (not {str(path)!r})."
        )
    if isinstance(chart, Axes):
        alt = alt_text(chart)
    else:
        alt = " ".join(alt_text(ax) for ax in figure.axes if getattr(ax, "kit_alt", None))
    title = next((ax.get_title(loc="left") for ax in figure.axes if ax.get_title(loc="left")), "")
    replaced = [
        target.parent / (target.name + kind)
        for kind in (".png", ".svg")
        if (target.parent / (target.name + kind)).exists()
    ]
    if replaced:
        from .._warn import warn

        warn(
            f"{_names(replaced)} already existed and {'was' if len(replaced) == 1 else 'were'}"
            " replaced by this chart. To keep both, give each chart its own name."
        )
    written = []
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for kind in (".png", ".svg"):
            out = target.parent / (target.name + kind)
            metadata = {"Title": " ".join(title.split()), "Description": alt}
            if kind == ".svg":
                metadata["Date"] = None  # the same chart gives the same file
            figure.savefig(out, dpi=dpi, bbox_inches="tight", metadata=metadata)
            written.append(out)
    except (OSError, ValueError) as error:
        raise SaveError(
            f"Could not save the chart as {str(target)!r}: "
            f"{getattr(error, 'strerror', None) or error}. Try another name or folder."
        ) from None
    return written


def _names(paths) -> str:
    return " and ".join(path.as_posix() for path in paths)
