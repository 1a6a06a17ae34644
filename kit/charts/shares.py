"""For a class: how the labels split on each sentence, the most disputed sentences first.

>>> import kit
>>> made_up = kit.synthetic_class(kit.load("yomiuri-2024-04-06"), n=8, seed=2)
>>> ax = kit.charts.class_shares(made_up, n=5)
>>> len(ax.get_yticks())
5
"""

from __future__ import annotations

from . import _inputs, _style

_FIXED = ["sentence_id", "annotators", "top_label", "top_share", "labels_used"]
_INSTEAD = (
    "what kit.agreement(labels) returns, or the class's labels stacked in one table "
    "(annotator, sentence_id, label), such as kit.read_annotations(...) gives"
)


def shares_table(data):
    """Label shares per sentence, most disputed first, from an agreement or a labels table.

    One row per sentence: sentence_id, annotators, top_label, top_share,
    labels_used, then one column per label (the share of the class that chose it).

    >>> import kit
    >>> table = shares_table(kit.synthetic_class(kit.load("yomiuri-2024-04-06"), n=6, seed=1))
    >>> bool((table.top_share.diff().dropna() >= 0).all())  # most disputed first
    True
    """
    import pandas as pd

    from ..annotate import agreement
    from ..annotate.agreement import Agreement

    if isinstance(data, Agreement):
        if data.sets:
            raise _inputs.ChartError(
                "class_shares() draws one label per sentence (like the claims scheme); these "
                "are phrase labels (techniques), several per sentence. Chart a claims class."
            )
        shares = data.shares
    elif isinstance(data, pd.DataFrame) and "top_share" in data.columns:
        shares = data
    elif isinstance(data, pd.DataFrame):
        _inputs.table(data, "class_shares", ["annotator", "sentence_id", "label"], _INSTEAD)
        return shares_table(agreement(data))
    else:
        raise _inputs.ArgumentError(
            f"class_shares() takes {_INSTEAD}, not {_inputs.describe(data)}."
        )
    shares = _inputs.table(shares, "class_shares", _FIXED, _INSTEAD)
    if len([column for column in shares.columns if column not in _FIXED]) == 0:
        raise _inputs.ChartError(
            f"class_shares(): the table has no label columns. Pass {_INSTEAD}."
        )
    # Whatever order the table came in: the chart's title promises the most disputed first.
    return shares.sort_values(
        ["top_share", "labels_used", "sentence_id"],
        ascending=[True, False, True],
        ignore_index=True,
        kind="stable",
    )


def class_shares(data, n: int | None = None, doc=None, ax=None, source=None):
    """One bar per sentence split by the share of each label, most disputed on top; returns the Axes.

    ``data`` is ``kit.agreement(labels)`` or the stacked labels themselves
    (annotator, sentence_id, label). ``n=8`` keeps the eight most disputed
    sentences. A sentence is disputed when its most chosen label has the
    smallest share. ``doc=`` names the text in the source note.
    """
    _style.check_source(source)
    doc = _inputs.text_or_none(doc)
    shares = shares_table(data)
    synthetic = bool(getattr(data, "attrs", {}).get("synthetic"))
    if n is not None:
        shares = shares.head(_inputs.positive_int(n, "n"))
    labels = [column for column in shares.columns if column not in _FIXED]
    known = list(_style.CLAIM_COLOURS)
    labels.sort(key=lambda label: known.index(label) if label in known else len(known))
    ax = _style.new_axes(ax, (9, 1.3 + 0.34 * len(shares)))
    y = list(range(len(shares)))
    left = [0.0] * len(shares)
    for label in labels:
        share = shares[label].astype(float).fillna(0.0).tolist()
        ax.barh(
            y,
            share,
            left=left,
            height=0.75,
            color=_style.colour(label, labels),
            hatch=_style.hatch(label, labels),
            hatchcolor=_style.HATCH_INK,
            edgecolor="white",
            linewidth=0.6,
            label=label,
        )
        left = [a + b for a, b in zip(left, share, strict=True)]
    ax.set_yticks(y, [f"sentence {int(i)}" for i in shares.sentence_id])
    ax.set_ylim(len(shares) - 0.5, -0.5)  # the most disputed on top
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_xlabel("share of the class choosing each label (%)")
    ax.set_ylabel("sentence (most disputed on top)")
    ax.legend(
        frameon=False, fontsize=8, ncols=len(labels), loc="lower left", bbox_to_anchor=(0, 1.0)
    )
    _style.plain_axes(ax)
    ax.tick_params(axis="y", length=0)
    readers = int(shares.annotators.max())
    heading = "How the class labelled each sentence, the most disputed first"
    top = shares.iloc[0]
    alt = (
        f"Stacked bar chart: label shares for {len(shares)} sentences, up to {readers} "
        f"annotators each, the most disputed first. Most disputed: sentence "
        f"{int(top.sentence_id)}, where the most chosen label, {top.top_label}, has "
        f"{top.top_share:.0%}."
    )
    agreed = shares[shares.top_share >= 1]
    if not agreed.empty:
        alt += f" {len(agreed)} sentence(s) everyone labelled alike."
    note = source or (
        f"Source: {_style.about(doc) if doc is not None else _named(data)}. "
        + ("A MADE-UP class (kit.synthetic_class), not real students. " if synthetic else "")
        + "Shares from kit.agreement: each label's share of the annotators who labelled "
        "the sentence."
    )
    return _style.finish(ax, alt, note, heading)


def _named(data) -> str:
    """The text a labels table says it belongs to, for the source note."""
    attrs = getattr(data, "attrs", None) or getattr(getattr(data, "shares", None), "attrs", {})
    name = attrs.get("text") if isinstance(attrs, dict) else None
    return f"the labels of the text {name!r}" if name else "the labels passed to the chart"
