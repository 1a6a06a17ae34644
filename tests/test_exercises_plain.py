"""to_plain reads answers without trusting them: exact types only, markers for the rest."""

import json

import pytest

from kit.exercises import is_marker, to_plain
from kit.exercises.plain import MAX_ITEMS, well_formed


def test_builtins_pass_through():
    value = ["may", 3, 2.5, None, True, ("a", "b")]
    assert to_plain(value) == ["may", 3, 2.5, None, True, ["a", "b"]]


def test_sets_come_out_in_a_stable_order():
    assert to_plain({"b", "a", "c"}) == ["a", "b", "c"]
    assert to_plain(frozenset({2, 1})) == [1, 2]


def test_a_dict_is_wrapped_so_it_cannot_pose_as_a_marker():
    plain = to_plain({"__kit__": "chart", "axes": []})
    assert plain["__kit__"] == "dict"
    assert plain["items"][0] == ["__kit__", "chart"]


def test_the_placeholder_is_marked():
    assert to_plain(...) == {"__kit__": "placeholder"}


def test_non_finite_numbers_become_none():
    assert to_plain([float("nan"), float("inf")]) == [None, None]


class AlwaysEqual:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


class LyingStr(str):
    def __eq__(self, other):
        return True

    def __str__(self):
        return "fact"

    __hash__ = str.__hash__


class EvilList(list):
    def __iter__(self):
        raise RuntimeError("boom")


@pytest.mark.parametrize(
    ("value", "name"),
    [(AlwaysEqual(), "AlwaysEqual"), (LyingStr("x"), "LyingStr"), (EvilList([1]), "EvilList")],
)
def test_lying_objects_are_not_read(value, name):
    assert to_plain(value) == {"__kit__": "not_plain", "type": name}


def test_an_object_with_a_lying_class_name_is_still_named_by_its_type():
    class Meta(type):
        @property
        def __name__(cls):
            raise RuntimeError("no")

    Odd = Meta("Odd", (), {})
    assert to_plain(Odd()) == {"__kit__": "not_plain", "type": "Odd"}


def test_self_containing_lists_stop():
    loop = []
    loop.append(loop)
    plain = to_plain(loop)
    json.dumps(plain)
    for _ in range(20):
        plain = plain[0]
    assert is_marker(plain, "too_large")


def test_huge_values_are_capped():
    assert is_marker(to_plain(list(range(MAX_ITEMS + 1))), "too_large")
    assert is_marker(to_plain("x" * 200_000), "too_large")
    assert is_marker(to_plain([[0] * 50_000] * 30), "too_large")  # the total budget


def test_numpy_scalars_and_arrays_become_builtins():
    import numpy as np

    assert to_plain([np.int64(3), np.float64(2.5), np.bool_(True), np.str_("fact")]) == [
        3,
        2.5,
        True,
        "fact",
    ]
    assert type(to_plain(np.int64(3))) is int
    assert to_plain(np.array([1, 2])) == [1, 2]


def test_a_dataframe_keeps_columns_values_and_a_meaningful_index():
    import pandas as pd

    frame = pd.DataFrame({"paragraph": [1, 2], "text": ["a", AlwaysEqual()]})
    plain = to_plain(frame)
    assert plain["columns"] == ["paragraph", "text"]
    assert plain["data"][0] == [1, 2]
    assert plain["data"][1] == ["a", {"__kit__": "not_plain", "type": "AlwaysEqual"}]
    assert plain["index_names"] == []
    grouped = to_plain(frame.set_index("paragraph"))
    assert grouped["index_names"] == ["paragraph"] and grouped["index"] == [[1, 2]]
    json.dumps(plain)


def test_a_series_keeps_its_name_and_index():
    import pandas as pd

    series = pd.Series([1, 2], index=pd.Index([5, 6], name="paragraph"), name="sentences")
    plain = to_plain(series)
    assert (plain["name"], plain["values"], plain["index"]) == ("sentences", [1, 2], [[5, 6]])


def test_a_dataframe_subclass_is_not_read():
    import pandas as pd

    class Sneaky(pd.DataFrame):
        pass

    assert to_plain(Sneaky({"a": [1]})) == {"__kit__": "not_plain", "type": "Sneaky"}


def test_a_bar_chart_is_read_as_data():
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.bar(["one", "two"], [3, 5])
    ax.set_title("Words")
    ax.set_ylabel("count")
    plain = to_plain(ax)
    (axes,) = plain["axes"]
    assert axes["bars"] == [3, 5] and axes["bar_labels"] == ["one", "two"]
    assert (axes["title"], axes["xlabel"], axes["ylabel"]) == ("Words", "", "count")
    assert to_plain(fig)["axes"] == plain["axes"]
    json.dumps(plain)
    plt.close(fig)


def test_where_each_axis_starts_and_ends_is_read_lower_end_first():
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.bar(["one", "two"], [3, 5])
    (axes,) = to_plain(ax)["axes"]
    assert axes["ylim"][0] == 0 and axes["ylim"][1] > 5  # bars start at zero by default
    ax.set_ylim(bottom=2.5)
    assert to_plain(ax)["axes"][0]["ylim"][0] == 2.5
    ax.set_ylim(6, 1)  # an inverted axis: still lower end first
    assert to_plain(ax)["axes"][0]["ylim"] == [1, 6]
    assert well_formed(to_plain(ax))
    plt.close(fig)


def test_a_title_set_on_the_left_is_the_charts_title():
    """The kit's charts, and lesson 03, place titles with ``loc="left"``."""
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.bar(["one", "two"], [3, 5])
    ax.set_title("Hedges per 100 words", loc="left")
    assert ax.get_title() == ""  # matplotlib's own answer: the centred title only
    assert to_plain(ax)["axes"][0]["title"] == "Hedges per 100 words"
    ax.set_title("by paragraph")
    assert to_plain(ax)["axes"][0]["title"] == "Hedges per 100 words by paragraph"
    plt.close(fig)


def test_axis_ends_that_are_not_two_finite_numbers_are_forged():
    chart = {"title": "", "xlabel": "", "ylabel": "", "bars": [1], "bar_labels": ["a"]}
    chart.update(horizontal=False, lines=[])
    assert well_formed({"__kit__": "chart", "axes": [chart]})  # read before axis ends existed
    for ends in ([0], [0, "1"], [0, float("nan")], [True, 1], "0-1"):
        assert not well_formed({"__kit__": "chart", "axes": [{**chart, "ylim": ends}]}), ends


def test_a_line_and_a_horizontal_bar_chart():
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2)
    left.plot([1, 2, 3], [4, 5, 6], label="length")
    right.barh(["a", "b"], [1, 2])
    first, second = to_plain(fig)["axes"]
    assert first["lines"] == [{"label": "length", "x": [1, 2, 3], "y": [4, 5, 6]}]
    assert second["horizontal"] and second["bars"] == [1, 2]
    assert second["bar_labels"] == ["a", "b"]
    plt.close(fig)


def test_an_exception_inside_a_value_becomes_an_error_marker():
    import pandas as pd

    class Broken:
        pass

    frame = pd.DataFrame({"a": [1]})
    object.__setattr__(frame, "_mgr", None)  # a table broken from the inside
    plain = to_plain(frame)
    assert is_marker(plain, "error") and plain["type"] == "DataFrame"
    assert to_plain(Broken()) == {"__kit__": "not_plain", "type": "Broken"}
