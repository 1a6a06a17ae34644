"""The timeline of events behind a text, read from ``timeline.csv`` in the text's folder.

>>> import kit
>>> events = kit.charts.read_timeline("yomiuri-2024-04-06")
>>> events.date.dt.year.tolist()[:3]
[2006, 2009, 2017]
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from pathlib import Path

from .._material import material_path
from ..errors import NoTimelineError, TimelineError
from . import _inputs, _style

TIMELINE_FILE = "timeline.csv"
REQUIRED = ("date", "event", "source")
CONFIDENCE = ("high", "medium-high", "medium", "low")
HOW_TO_WRITE = (
    "To add one, save a CSV file named timeline.csv in the text's folder, one event a line, "
    "with the columns date (written like 2024-03-28), event (a few words), source (where the "
    "record says so) and, if you like, confidence (high, medium or low) and details. "
    "For example:\n"
    "date,event,source,confidence\n"
    "2024-03-28,The Security Council vote,UN press release SC/15648,high"
)


def timeline_path(doc) -> Path | None:
    """Where ``doc``'s timeline would be: ``timeline.csv`` beside its ``text.txt``."""
    return material_path(doc, TIMELINE_FILE)


def read_timeline(text):
    """The events in a text's ``timeline.csv``, in order of date: date, event, source, ...

    ``text`` is a text (``kit.load(...)``, its name or folder) or the path of a
    ``.csv`` file. Raises ``NoTimelineError`` (saying how to write one) when
    the text has none, and ``TimelineError`` naming the line of a bad date or
    a missing value.
    """
    import pandas as pd

    path = _csv_path(text)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise TimelineError(f"Could not read {path}: {error.strerror}.") from None
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TimelineError(
            f"{path.name} is not saved as UTF-8 text. In a spreadsheet, save it as "
            "“CSV UTF-8”; in a text editor, choose the UTF-8 encoding."
        ) from None
    reader = csv.DictReader(io.StringIO(content))
    columns = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in columns]
    if missing and len(columns) == 1 and ";" in columns[0]:
        raise TimelineError(
            f"{path.name}, line 1: this file separates its columns with semicolons (found "
            f"{columns[0]}); the kit reads commas. Spreadsheets in many languages save CSV this "
            "way: choose “CSV UTF-8 (comma delimited)” when you save, or replace each ; by a "
            "comma in a text editor."
        )
    twice = sorted({name for name in columns if name and columns.count(name) > 1})
    if twice:
        raise TimelineError(
            f"{path.name}, line 1: the column {twice[0]} appears twice; the kit would not know "
            "which to read. Rename or delete one of them."
        )
    if missing:
        raise TimelineError(
            f"{path.name}, line 1: the first line must name the columns; "
            f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing (found "
            f"{', '.join(columns) or 'nothing'}). {HOW_TO_WRITE}"
        )
    reader.fieldnames = columns
    rows = []
    for row in reader:
        line = reader.line_num
        if None in row:
            raise TimelineError(
                f"{path.name}, line {line}: more values than columns. A value holding a comma "
                'must be in double quotes, like "Resolution 2397, adopted unanimously".'
            )
        values = {name: (value or "").strip() for name, value in row.items()}
        if not any(values.values()):
            continue  # a blank line
        for name in REQUIRED:
            if not values.get(name):
                raise TimelineError(
                    f"{path.name}, line {line}: the {name} is empty. Every event needs a "
                    "date, a few words for the event, and its source."
                )
        values["date"] = _date(values["date"], path.name, line)
        confidence = values.get("confidence", "").lower()
        if confidence and confidence not in CONFIDENCE:
            raise TimelineError(
                f"{path.name}, line {line}: confidence {values['confidence']!r} is not one of "
                f"{', '.join(CONFIDENCE)} (or leave it empty)."
            )
        values["confidence"] = confidence
        values["line"] = line
        rows.append(values)
    if not rows:
        raise TimelineError(f"{path.name} has no events, only its first line. {HOW_TO_WRITE}")
    order = list(REQUIRED) + ["confidence"] + [c for c in columns if c not in REQUIRED]
    order = [*list(dict.fromkeys(order)), "line"]
    events = pd.DataFrame(rows)
    events = events.reindex(columns=order).fillna("")
    events["date"] = pd.to_datetime(events.date)
    return events.sort_values("date", kind="stable", ignore_index=True)


def timeline(data, doc=None, since=None, ax=None, source=None):
    """The events behind a text on a time axis, oldest at the top; returns the Axes.

    ``data`` is a text (``kit.load(...)``, its name or folder) whose folder
    holds a ``timeline.csv``, or a table with date and event columns (as
    ``read_timeline`` gives). Events marked confidence "medium" or "low" are
    drawn hollow: the record is less sure of them. The text's own date is a
    dashed line. Each event ends with the number of its source, listed in the
    note under the chart. ``since="2024-01-01"`` zooms in on the events from
    that date on, so events days apart do not sit on one spot.
    """
    import matplotlib.dates as mdates
    import pandas as pd

    _style.check_source(source)

    if _inputs.is_text(data) and not _is_csv(data):
        from ..texts import load

        doc = load(data)
        data = read_timeline(doc)
    elif _is_csv(data):
        data = read_timeline(data)
    else:
        doc = _inputs.text_or_none(doc)
    found = _inputs.table(
        data, "timeline", ["date", "event"], "a text with a timeline.csv, or read_timeline(...)"
    )
    dates = pd.to_datetime(found.date, errors="coerce", format="ISO8601")
    if dates.isna().any():
        index = dates.isna().idxmax()
        raise _inputs.ChartError(
            f"timeline(): row {index} has date={found.date.loc[index]!r}, which is not a date; "
            "write dates like 2024-03-28."
        )
    _inputs.no_blanks(found.event, "timeline", "event")
    events = found.assign(date=dates).sort_values("date", kind="stable", ignore_index=True)
    left_out = 0
    if since is not None:
        start = _since(since)
        kept = events[events.date >= start]
        if kept.empty:
            raise _inputs.ChartError(
                f"timeline(): no event is on or after {_day(start)} (since=); the last is on "
                f"{_day(events.date.iloc[-1])}. Choose an earlier date, or leave since= out."
            )
        left_out = len(events) - len(kept)
        events = kept.reset_index(drop=True)
    numbered = _numbered_sources(events)
    sure = (
        ~events.confidence.astype(str).str.lower().isin(["medium", "low"])
        if "confidence" in events.columns
        else pd.Series(True, index=events.index)
    )
    ax = _style.new_axes(ax, (10, 1.2 + 0.42 * len(events)))
    y = list(range(len(events)))
    when = mdates.date2num(events.date.dt.to_pydatetime())
    ax.hlines(y, when.min(), when, color="#dddddd", linewidth=0.8, zorder=1)
    ax.scatter(
        when[sure.to_numpy()],
        [y[i] for i in range(len(y)) if sure.iloc[i]],
        s=46,
        color=_style.BLUE,
        zorder=3,
        label="high confidence" if "confidence" in events.columns else "event",
    )
    if not sure.all():
        ax.scatter(
            when[~sure.to_numpy()],
            [y[i] for i in range(len(y)) if not sure.iloc[i]],
            s=46,
            facecolor="white",
            edgecolor=_style.ORANGE,
            linewidth=1.6,
            zorder=3,
            label="medium or low confidence",
        )
    labels = [
        f"{date.day} {date:%b %Y} · {event}" + (f" [{numbered[place]}]" if numbered else "")
        for place, (date, event) in enumerate(zip(events.date, events.event, strict=True))
    ]
    ax.set_yticks(y, labels)
    ax.set_ylim(len(events) - 0.5, -0.7)  # oldest on top
    if doc is not None and doc.date is not None:
        ax.axvline(
            mdates.date2num(pd.Timestamp(doc.date)),
            color=_style.VERMILLION,
            linestyle="--",
            linewidth=1,
            gid="kit-text-date",
            label="the text's date",
        )
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.set_xlabel("date")
    ax.xaxis.grid(True, color="#eeeeee")
    ax.legend(frameon=False, fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=3)
    _style.plain_axes(ax)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    heading = "The events behind the text, in order of date"
    first, last = events.iloc[0], events.iloc[-1]
    alt = (
        f"Timeline of {_style.plural(len(events), 'event')} from {_day(first.date)} to "
        f"{_day(last.date)}. First: {first.event} ({_day(first.date)}); last: {last.event} "
        f"({_day(last.date)})."
    )
    if not sure.all():
        alt += f" {int((~sure).sum())} marked less sure."
    if left_out:
        alt += (
            f" {_style.plural(left_out, 'earlier event')} left out (the chart starts on "
            f"{_day(events.date.iloc[0])})."
        )
    if numbered:
        sources = dict(zip(numbered, events.source.astype(str).str.strip(), strict=True))
        listing = "; ".join(f"[{n}] {sources[n]}" for n in sorted(sources))
        note = f"Sources: {listing}. Events from the timeline.csv beside the text."
    else:
        note = "Source: the table passed to the chart; it names no source for its events."
    if left_out:
        note += f" {_style.plural(left_out, 'earlier event')} not shown (since=)."
    note = source or note
    return _style.finish(ax, alt, note, heading)


def _day(date) -> str:
    return f"{date.day} {date:%B %Y}"


def _date(value: str, name: str, line: int):
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise TimelineError(
            f"{name}, line {line}: {value!r} is not a date the kit can read. Write dates as "
            "year-month-day, like 2024-03-28 (a date you know only roughly: its first day, "
            "with a note in details)."
        ) from None


def _is_csv(data) -> bool:
    return isinstance(data, (str, os.PathLike)) and str(data).lower().endswith(".csv")


def _csv_path(text) -> Path:
    if _is_csv(text):
        path = Path(text).expanduser()
        if not path.is_file():
            raise NoTimelineError(f"There is no file {str(path)!r}. {HOW_TO_WRITE}")
        return path
    if not _inputs.is_text(text):
        raise _inputs.ArgumentError(
            "read_timeline() takes a text (kit.load(...), its name or folder) or the path of "
            f"a timeline .csv file, not {_inputs.describe(text)}."
        )
    from ..texts import load

    doc = load(text)
    path = timeline_path(doc)
    if path is None or not path.is_file():
        where = f" (looked for {path})" if path else " (it was not loaded from a folder)"
        raise NoTimelineError(f"This text has no {TIMELINE_FILE}{where}. {HOW_TO_WRITE}")
    return path


def _numbered_sources(events) -> list[int]:
    """Each event's source as a number, the same source the same number; [] without sources."""
    if "source" not in events.columns:
        return []
    names = events.source.fillna("").astype(str).str.strip()
    if (names == "").any():
        return []
    order = {name: place + 1 for place, name in enumerate(dict.fromkeys(names))}
    return [order[name] for name in names]


def _since(value):
    import pandas as pd

    try:
        return pd.Timestamp(value)
    except (TypeError, ValueError):
        raise _inputs.ArgumentError(
            f"since= takes a date like '2024-01-01', not {_inputs.describe(value)}."
        ) from None
