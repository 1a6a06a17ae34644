"""Turn a student's answer into plain data (JSON-able builtins) without trusting it.

This runs where the student's code ran (the grading child, or the student's
kernel), so it must not let an object decide its own value: only exact,
known types are read, and an object's own ``__eq__``, ``__str__``,
``__repr__`` or ``__iter__`` is never called. Anything else becomes a
*marker*, a small dict with the key ``"__kit__"`` that scoring turns into a
clear feedback line.

>>> to_plain(["may", "reportedly", 3, 2.5, None, True])
['may', 'reportedly', 3, 2.5, None, True]
>>> to_plain(...)
{'__kit__': 'placeholder'}
>>> class Liar(str):
...     def __eq__(self, other):
...         return True
>>> to_plain(Liar("opinion"))
{'__kit__': 'not_plain', 'type': 'Liar'}

A table keeps its columns and values (a named index counts as a column):

>>> import pandas as pd
>>> plain = to_plain(pd.DataFrame({"paragraph": [1, 2], "sentences": [1, 2]}))
>>> plain["columns"], plain["data"]
(['paragraph', 'sentences'], [[1, 2], [1, 2]])
"""

from __future__ import annotations

import math
import sys

MARK = "__kit__"
MAX_ITEMS = 100_000  # items in one list, rows in one table
MAX_TEXT = 100_000  # characters in one string
MAX_TOTAL = 1_000_000  # values converted for one answer
MAX_DEPTH = 20  # nested lists


class _TooLarge(Exception):
    pass


def marker(kind: str, **fields) -> dict:
    """A marker dict: plain data that stands for something that is not plain.

    >>> marker("not_plain", type="Widget")
    {'__kit__': 'not_plain', 'type': 'Widget'}
    """
    return {MARK: kind, **fields}


def is_marker(value, kind: str | None = None) -> bool:
    """Whether ``value`` is a marker (of ``kind``, if given).

    >>> is_marker(marker("placeholder"), "placeholder"), is_marker("text")
    (True, False)
    """
    return type(value) is dict and MARK in value and (kind is None or value[MARK] == kind)


def well_formed(value, depth: int = 0) -> bool:
    """Whether ``value`` has the shape ``to_plain`` gives: checked before scoring, since
    the answers come back from a process that ran untrusted code.

    >>> well_formed(["a", 1, None]), well_formed({"__kit__": "chart", "axes": "no"})
    (True, False)
    """
    if depth > MAX_DEPTH + 2:
        return False
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return True
    if kind is float:
        return True
    if kind is list:
        return all(well_formed(item, depth + 1) for item in value)
    if kind is not dict or type(value.get(MARK)) is not str:
        return False
    shape = _SHAPES.get(value[MARK])
    if shape is None:
        return False
    return all(check(value.get(key), depth) for key, check in shape.items())


def _list_of(test):
    return lambda value, depth: type(value) is list and all(test(v, depth) for v in value)


def _plain(value, depth):
    return well_formed(value, depth + 1)


def _optional_text(value, depth):
    return value is None or type(value) is str


def _label_name(value, depth):
    return value is None or type(value) in (str, int, float)


def _axes_shape(value, depth):
    if type(value) is not dict:
        return False
    numbers = _list_of(lambda v, d: v is None or type(v) in (int, float))
    texts = _list_of(lambda v, d: type(v) is str)
    line = lambda v, d: type(v) is dict and numbers(v.get("x"), d) and numbers(v.get("y"), d)  # noqa: E731
    return (
        all(type(value.get(key)) is str for key in ("title", "xlabel", "ylabel"))
        and numbers(value.get("bars"), depth)
        and texts(value.get("bar_labels"), depth)
        and type(value.get("horizontal")) is bool
        and _list_of(line)(value.get("lines"), depth)
        and all(_limits(value.get(key), depth) for key in ("xlim", "ylim"))
    )


def _limits(value, depth):
    """An axis's [low, high] ends; absent in answers read before the kit recorded them."""
    return value is None or (
        type(value) is list
        and len(value) == 2
        and all(type(v) in (int, float) and math.isfinite(v) for v in value)
    )


_ANY = {"type": _optional_text, "error": _optional_text}
_SHAPES = {
    "placeholder": {},
    "not_plain": _ANY,
    "too_large": _ANY,
    "error": _ANY,
    "not_finite": {"value": lambda value, depth: value in ("nan", "inf", "-inf")},
    "dict": {"items": _list_of(lambda v, d: type(v) is list and len(v) == 2 and _plain(v, d))},
    "dataframe": {
        "columns": _list_of(_label_name),
        "data": _list_of(_list_of(_plain)),
        "index_names": _list_of(_label_name),
        "index": _list_of(_list_of(_plain)),
    },
    "series": {
        "name": _label_name,
        "values": _list_of(_plain),
        "index_names": _list_of(_label_name),
        "index": _list_of(_list_of(_plain)),
    },
    "chart": {"axes": _list_of(_axes_shape)},
}


def to_plain(value):
    """Convert ``value`` to JSON-able builtins; never raises, never trusts the object.

    >>> to_plain({"a": (1, 2)})
    {'__kit__': 'dict', 'items': [['a', [1, 2]]]}
    """
    budget = [MAX_TOTAL]
    try:
        return _convert(value, budget, 0)
    except _TooLarge:
        return marker("too_large", type=_type_name(value))
    except Exception as error:  # an exception raised inside the student's object
        return marker("error", type=_type_name(value), error=_type_name(error))


def answers_from(namespace: dict, variables) -> dict:
    """The plain answers found in ``namespace``: ``{variable: plain data}``, absent ones left out.

    >>> answers_from({"q1": "fact", "q2": ...}, ["q1", "q2", "q3"])
    {'q1': 'fact', 'q2': {'__kit__': 'placeholder'}}
    """
    answers = {}
    for variable in variables:
        if variable in namespace:
            answers[variable] = to_plain(namespace[variable])
    return answers


def _type_name(value) -> str:
    name = type.__dict__["__name__"].__get__(type(value))
    return name if type(name) is str else "object"


def _spend(budget, amount=1):
    budget[0] -= amount
    if budget[0] < 0:
        raise _TooLarge


def _convert(value, budget, depth):
    _spend(budget)
    kind = type(value)
    if value is None or kind is bool or kind is int:
        return value
    if kind is float:
        if math.isfinite(value):
            return value
        # The answer itself NaN or infinite: say so, not "nothing (None)"; inside a list or a
        # table a NaN stays None (a missing value), as JSON has no NaN.
        return marker("not_finite", value=repr(value)) if depth == 0 else None
    if kind is str:
        if len(value) > MAX_TEXT:
            return marker("too_large", type="str")
        return value
    if value is Ellipsis:
        return marker("placeholder")
    if depth >= MAX_DEPTH:
        return marker("too_large", type=_type_name(value))
    if kind in (list, tuple, set, frozenset):
        if len(value) > MAX_ITEMS:
            return marker("too_large", type=_type_name(value))
        items = [_convert(item, budget, depth + 1) for item in value]
        if kind in (set, frozenset):
            items.sort(key=_sort_key)
        return items
    if kind is dict:
        if len(value) > MAX_ITEMS:
            return marker("too_large", type="dict")
        return marker(
            "dict",
            items=[
                [_convert(key, budget, depth + 1), _convert(item, budget, depth + 1)]
                for key, item in value.items()
            ],
        )
    scalar = _numpy_scalar(value, kind)
    if scalar is not _NOT_NUMPY:
        return _convert(scalar, budget, depth)
    table = _table(value, kind, budget, depth)
    if table is not None:
        return table
    chart = _chart(value, kind, budget)
    if chart is not None:
        return chart
    return marker("not_plain", type=_type_name(value))


def _sort_key(item) -> str:
    import json

    return json.dumps(item, sort_keys=True, default=str)


# -- numpy and pandas scalars -----------------------------------------------

_NOT_NUMPY = object()


def _numpy_scalar(value, kind):
    numpy = sys.modules.get("numpy")
    if numpy is None:
        return _NOT_NUMPY
    if kind is numpy.bool_:
        return bool(value)
    if kind in _exact_types(numpy, "int8 int16 int32 int64 uint8 uint16 uint32 uint64"):
        return int(value)
    if kind in _exact_types(numpy, "float16 float32 float64 longdouble"):
        return float(value)
    if kind is numpy.str_:
        return str.__str__(value)
    if kind is numpy.ndarray:
        if value.size > MAX_ITEMS:
            raise _TooLarge
        if value.dtype.kind not in "biufUO":
            return marker("not_plain", type="ndarray")
        return value.tolist()
    pandas = sys.modules.get("pandas")
    if pandas is not None and (value is pandas.NA or value is pandas.NaT):
        return None
    return _NOT_NUMPY


def _exact_types(module, names: str) -> tuple:
    return tuple(getattr(module, name) for name in names.split() if hasattr(module, name))


# -- tables ------------------------------------------------------------------


def _table(value, kind, budget, depth):
    pandas = sys.modules.get("pandas")
    if pandas is None:
        return None
    if kind is pandas.DataFrame:
        rows, columns = value.shape
        if rows > MAX_ITEMS or columns > 1000:
            raise _TooLarge
        _spend(budget, rows * (columns + 1))
        index_names, index = _index(value.index, budget, depth)
        return marker(
            "dataframe",
            columns=[_label(name, budget, depth) for name in value.columns.tolist()],
            data=[
                [_convert(cell, budget, depth + 1) for cell in value.iloc[:, number].tolist()]
                for number in range(columns)
            ],
            index_names=index_names,
            index=index,
        )
    if kind is pandas.Series:
        if len(value) > MAX_ITEMS:
            raise _TooLarge
        _spend(budget, 2 * len(value))
        index_names, index = _index(value.index, budget, depth)
        return marker(
            "series",
            name=_label(value.name, budget, depth),
            values=[_convert(cell, budget, depth + 1) for cell in value.tolist()],
            index_names=index_names,
            index=index,
        )
    return None


def _index(index, budget, depth):
    """The index as columns when it carries information (named, or not 0, 1, 2, ...)."""
    pandas = sys.modules["pandas"]
    default = type(index) is pandas.RangeIndex and index.start == 0 and index.step == 1
    if default and index.name is None:  # 0, 1, 2, ...: nothing to say
        return [], []
    if type(index) is pandas.MultiIndex:
        names = [_label(name, budget, depth) for name in index.names]
        levels = [index.get_level_values(level).tolist() for level in range(index.nlevels)]
    else:
        names = [_label(index.name, budget, depth)]
        levels = [index.tolist()]
    return names, [[_convert(item, budget, depth + 1) for item in level] for level in levels]


def _label(name, budget, depth):
    plain = _convert(name, budget, depth + 1)
    return plain if type(plain) in (str, int, float) or plain is None else str(_type_name(name))


# -- charts ------------------------------------------------------------------


def _chart(value, kind, budget):
    if "matplotlib" not in sys.modules:
        return None
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if kind is Figure:
        axes = [_axes(ax, budget) for ax in value.get_axes() if type(ax) is Axes]
        return marker("chart", axes=axes)
    if kind is Axes:
        return marker("chart", axes=[_axes(value, budget)])
    return None


def _text(value) -> str:
    return value if type(value) is str else ""


def _axes(ax, budget) -> dict:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    bars = []
    for container in ax.containers:
        for patch in getattr(container, "patches", []) or []:
            if type(patch) is Rectangle:
                bars.append(patch)
    _spend(budget, len(bars))
    if len(bars) > MAX_ITEMS:
        raise _TooLarge
    horizontal = bool(bars) and _is_horizontal(ax, bars)
    bar_values, bar_labels = [], []
    ticks = _ticks(ax, horizontal)
    for patch in bars:
        if horizontal:
            size, centre = patch.get_width(), patch.get_y() + patch.get_height() / 2
        else:
            size, centre = patch.get_height(), patch.get_x() + patch.get_width() / 2
        bar_values.append(_number(size))
        bar_labels.append(_label_at(ticks, _number(centre)))
    lines = []
    for line in ax.get_lines():
        if type(line) is not Line2D:
            continue
        xs, ys = line.get_xdata(), line.get_ydata()
        if len(xs) > MAX_ITEMS:
            raise _TooLarge
        _spend(budget, 2 * len(xs))
        lines.append(
            {
                "label": _text(line.get_label()),
                "x": [_number(x) for x in list(xs)],
                "y": [_number(y) for y in list(ys)],
            }
        )
    return {
        "title": _title(ax),
        "xlabel": _text(ax.get_xlabel()),
        "ylabel": _text(ax.get_ylabel()),
        "bars": bar_values,
        "bar_labels": bar_labels,
        "horizontal": horizontal,
        "lines": lines,
        "xlim": _ends(ax.get_xlim()),
        "ylim": _ends(ax.get_ylim()),
    }


def _title(ax) -> str:
    """The chart's title, wherever it is placed: ``set_title(..., loc="left")`` sets the left
    one, which ``get_title()`` (the centred one) does not return. An Axes without a title
    takes its figure's (``fig.suptitle(...)``): the picture has that title."""
    titles = [_text(ax.get_title(loc)).strip() for loc in ("left", "center", "right")]
    return " ".join(title for title in titles if title) or _suptitle(ax)


def _suptitle(ax) -> str:
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    figure = ax.get_figure()
    if type(figure) is not Figure:
        return ""
    title = getattr(figure, "_suptitle", None)  # Figure.get_suptitle() is matplotlib 3.8+
    return _text(title.get_text()).strip() if type(title) is Text else ""


def _ends(limits) -> list | None:
    """An axis's two ends, lower first (an inverted axis gives them the other way round)."""
    ends = [_number(end) for end in limits]
    if any(end is None for end in ends):
        return None
    return sorted(ends)


def _is_horizontal(ax, bars) -> bool:
    from matplotlib.container import BarContainer

    for container in ax.containers:
        if type(container) is BarContainer:
            return container.orientation == "horizontal"
    return False


def _ticks(ax, horizontal) -> list[tuple[float, str]]:
    axis = ax.yaxis if horizontal else ax.xaxis
    ticks = []
    for position, label in zip(axis.get_ticklocs(), axis.get_ticklabels(), strict=False):
        ticks.append((float(position), _text(label.get_text())))
    return ticks


def _label_at(ticks, centre) -> str:
    """The tick label under a bar, or its position when no tick names it."""
    if centre is None:
        return ""
    for position, label in ticks:
        if abs(position - centre) < 1e-6 and label:
            return label
    return str(int(centre)) if float(centre).is_integer() else str(round(centre, 6))


def _number(value):
    plain = to_plain(value)
    if type(plain) in (int, float):
        return plain
    return None
