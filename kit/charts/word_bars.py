"""Keyword frequencies: the words the text uses most, function words left out.

>>> import kit
>>> ax = kit.charts.keywords("yomiuri-2024-04-06", n=5)
>>> len(ax.patches)
5
"""

from __future__ import annotations

from . import _inputs, _style

_INSTEAD = "a text (kit.load(...) or its name) or kit.keywords(doc) (word and count)"


def keywords(data, n: int = 15, doc=None, ax=None, source=None):
    """Horizontal bars of the ``n`` most frequent words, the most frequent on top; returns the Axes.

    ``data`` is a text (``kit.load(...)``, its name or a path) or a table of
    word and count, such as ``kit.keywords(doc)``.
    """
    _style.check_source(source)
    n = _inputs.positive_int(n, "n")
    if _inputs.is_text(data):
        from ..reading import keywords as count_words
        from ..texts import load

        doc = load(data)
        data = count_words(doc, n=n)
    else:
        doc = _inputs.text_or_none(doc)
    found = _inputs.table(data, "keywords", ["word", "count"], _INSTEAD)
    counts = _inputs.counts(found["count"], "keywords", "count")
    _inputs.no_blanks(found.word, "keywords", "word")
    top = (
        found.assign(count=counts, word=found.word.astype(str))
        .sort_values("count", ascending=False, kind="stable")
        .head(n)
    )
    ax = _style.new_axes(ax, (7, 0.9 + 0.3 * len(top)))
    ax.barh(range(len(top)), top["count"].tolist(), color=_style.BLUE, height=0.7)
    ax.set_yticks(range(len(top)), top.word.tolist())
    ax.invert_yaxis()  # the most frequent on top
    ax.set_xlabel("times used in the text")
    ax.set_ylabel("word")
    ax.set_xlim(left=0)
    ax.xaxis.grid(True, color="#e5e5e5")
    _style.plain_axes(ax)
    heading = f"The {len(top)} most frequent words (function words like “the” left out)"
    first = top.iloc[0]
    rest = [
        f"“{word}” ({_style.number(count)})"
        for word, count in zip(top.word[1:4], top["count"][1:4], strict=True)
    ]
    alt = (
        f"Bar chart: the {len(top)} most frequent words. Most frequent: “{first.word}” "
        f"({_style.number(first['count'])} times)"
        + (f"; then {_style.listed(rest)}." if rest else ".")
    )
    note = source or (
        f"Source: {_style.about(doc)}. Counted by kit.keywords: lower case, the kit's list "
        "of function words and numbers left out."
    )
    return _style.finish(ax, alt, note, heading)
