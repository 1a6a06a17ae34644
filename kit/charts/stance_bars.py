"""Stance markers by paragraph: where the writer hedges, where they assert, where they judge.

>>> import kit
>>> ax = kit.charts.stance("yomiuri-2024-04-06", per_100_words=False)
>>> [float(bar.get_height()) for bar in ax.containers[0]][:3]  # hedges in paragraphs 1-3
[1.0, 0.0, 1.0]
"""

from __future__ import annotations

from . import _inputs, _style

STANCE = ("hedge", "booster", "attitude")
_PLURAL = {
    "hedge": "hedges",
    "booster": "boosters",
    "attitude": "attitude words",
    "attribution": "attributions",
    "actor": "actor mentions",
}
_INSTEAD = (
    "a text (kit.load(...) or its name), kit.markers(doc) (with doc=), or a table of "
    "paragraph, category and count"
)


def stance_table(data, doc=None, per_100_words: bool = True, categories=STANCE):
    """The numbers ``stance`` draws: one row per paragraph, one column per category.

    Raw counts, or (``per_100_words=True``) counts per 100 words of the paragraph.

    >>> import kit
    >>> stance_table("yomiuri-2024-04-06", per_100_words=False).loc[1].tolist()
    [1.0, 0.0, 3.0]
    """
    import pandas as pd

    categories = _categories(categories)
    from_text = _inputs.is_text(data)
    if from_text:
        from ..markers import markers
        from ..texts import load

        doc = load(data)
        data = markers(doc)
    else:
        doc = _inputs.text_or_none(doc)
    # A text with no markers is a chart of zeros; an empty table passed in is a mistake.
    found = _inputs.table(data, "stance", ["category"], _INSTEAD, allow_empty=from_text)
    _known_categories(found.category)
    if doc is not None and not from_text:
        _same_text(found, doc)
    if "paragraph" not in found.columns:
        if "sentence_id" not in found.columns or doc is None:
            raise _inputs.ChartError(
                "stance() needs to know each marker's paragraph: pass a table with a "
                "paragraph column, or kit.markers(doc) together with doc=doc."
            )
        ids = _inputs.whole_numbers(found.sentence_id, "stance", "sentence_id")
        paragraph_of = doc.sentences.set_index("sentence_id").paragraph
        unknown = sorted(set(ids) - set(paragraph_of.index))
        if unknown:
            raise _inputs.ChartError(
                f"stance(): sentence {unknown[0]} is not in this text (its sentences are 1 to "
                f"{len(paragraph_of)}). Were these markers found in another text?"
            )
        found = found.assign(paragraph=ids.map(paragraph_of).to_numpy())
    paragraph = _inputs.whole_numbers(found.paragraph, "stance", "paragraph")
    _inputs.paragraphs_of(paragraph, doc, "stance")
    weight = (
        _inputs.counts(found["count"], "stance", "count")
        if "count" in found.columns
        else pd.Series(1.0, index=found.index)
    )
    tidy = pd.DataFrame(
        {"paragraph": paragraph, "category": found.category.astype(str), "n": weight}
    )
    counted = tidy.pivot_table(
        index="paragraph", columns="category", values="n", aggfunc="sum", fill_value=0.0
    )
    paragraphs = doc.paragraphs.paragraph.tolist() if doc is not None else sorted(counted.index)
    counted = counted.reindex(index=paragraphs, columns=list(categories), fill_value=0.0)
    counted = counted.astype(float)
    counted.index.name, counted.columns.name = "paragraph", None
    if per_100_words:
        if doc is None:
            raise _inputs.ChartError(
                "stance() needs the text to count words per paragraph: pass doc=doc, or "
                "per_100_words=False for raw counts."
            )
        words = doc.words.merge(doc.sentences[["sentence_id", "paragraph"]])
        per_paragraph = words.groupby("paragraph").size().reindex(paragraphs, fill_value=0)
        counted = counted.div(per_paragraph.where(per_paragraph > 0), axis=0).fillna(0.0) * 100
    return counted


def stance(data, doc=None, per_100_words: bool = True, categories=STANCE, ax=None, source=None):
    """Bars of hedges, boosters and attitude words in each paragraph; returns the Axes.

    ``data`` is a text (``kit.load(...)``, its name or a path), ``kit.markers(doc)``
    (give ``doc=`` too), or a table of paragraph, category and count.
    ``per_100_words=True`` divides by each paragraph's length, so long and
    short paragraphs compare fairly; ``False`` shows raw counts.
    ``categories`` picks marker categories; ``source`` replaces the source note.
    """
    if isinstance(per_100_words, str) or not isinstance(per_100_words, (bool, int)):
        raise _inputs.ArgumentError(
            f"per_100_words= takes True or False, not {_inputs.describe(per_100_words)}."
        )
    if _inputs.is_text(data):
        from ..texts import load

        doc = data = load(data)
    doc = _inputs.text_or_none(doc)
    counted = stance_table(data, doc=doc, per_100_words=per_100_words, categories=categories)
    _style.check_source(source)
    ax = _style.new_axes(ax, (9, 4))
    names = list(counted.columns)
    width = 0.8 / len(names)
    x = range(len(counted))
    for place, category in enumerate(names):
        offset = (place - (len(names) - 1) / 2) * width
        ax.bar(
            [position + offset for position in x],
            counted[category].tolist(),
            width,
            label=_PLURAL.get(category, category),
            color=_style.colour(category, names),
            hatch=_style.hatch(category, names),
            hatchcolor=_style.HATCH_INK,
            edgecolor="white",
            linewidth=0.5,
        )
    ax.set_xticks(list(x), [str(paragraph) for paragraph in counted.index])
    ax.set_xlabel("paragraph of the body")
    ax.set_ylabel("markers per 100 words" if per_100_words else "markers found (count)")
    ax.set_ylim(bottom=0)
    ax.yaxis.grid(True, color="#e5e5e5")
    if not per_100_words:
        from matplotlib.ticker import MaxNLocator

        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(
        frameon=False, fontsize=8, ncols=len(names), loc="lower left", bbox_to_anchor=(0, 1.0)
    )
    _style.plain_axes(ax)
    what = _style.listed([_PLURAL.get(category, category) for category in names])
    what = what[0].upper() + what[1:]
    heading = f"{what} {'per 100 words' if per_100_words else '(raw counts)'}, by paragraph"
    span = f"{counted.index[0]}–{counted.index[-1]}" if len(counted) > 1 else counted.index[0]
    peaks = [_peak(counted[category], _PLURAL.get(category, category)) for category in names]
    alt = f"Bar chart: {heading[0].lower() + heading[1:]} {span}; " + "; ".join(peaks) + "."
    note = source or (
        f"Source: {_style.about(doc)}. Markers found with the kit's word lists "
        "(kit.markers); a word list misses some markers and catches some false ones."
    )
    return _style.finish(ax, alt, note, heading)


def _categories(categories) -> list[str]:
    from ..markers import CATEGORIES

    if isinstance(categories, str):
        categories = [categories]
    if not isinstance(categories, (list, tuple)) or not categories:
        raise _inputs.ArgumentError(
            "categories= takes a list of marker categories, like ['hedge', 'booster'], "
            f"not {_inputs.describe(categories)}."
        )
    unknown = [name for name in categories if name not in CATEGORIES]
    if unknown:
        raise _inputs.ChartError(
            f"There is no marker category {unknown[0]!r}. The categories are: "
            f"{', '.join(CATEGORIES)}."
        )
    return list(dict.fromkeys(categories))


def _peak(column, what: str) -> str:
    """Where a category peaks, ties named, and where it is absent: '... in paragraphs 10 and 11
    (2 each); no hedges in paragraphs 2, 4–8'."""
    if column.max() <= 0:
        return f"no {what}"
    top = column[column == column.max()].index.tolist()
    value = _style.number(round(column.max(), 1))
    if len(top) == 1:
        said = f"most {what} in paragraph {top[0]} ({value})"
    else:
        said = f"most {what} in paragraphs {_style.spans(top)} ({value} each)"
    none = column[column == 0].index.tolist()
    if none:
        said += f", no {what} in paragraph{'s' if len(none) > 1 else ''} {_style.spans(none)}"
    return said


def _known_categories(category) -> None:
    from ..markers import CATEGORIES

    names = category.astype(str)
    unknown = ~names.isin(CATEGORIES)
    if unknown.any():
        index = unknown.idxmax()
        raise _inputs.ChartError(
            f"stance(): row {index} has category {names.loc[index]!r}, which is not one of "
            f"{', '.join(CATEGORIES)} (kit.markers gives these, in lower case)."
        )


def _same_text(found, doc) -> None:
    """Markers with offsets must point at their own words in ``doc``: a cheap check that
    catches markers found in another text."""
    if not {"term", "start", "end"} <= set(found.columns):
        return
    text = doc.text
    for index, term, start, end in zip(
        found.index, found.term, found.start, found.end, strict=True
    ):
        try:
            start, end = int(start), int(end)
        except (TypeError, ValueError):
            continue
        if text[start:end].lower() != str(term).lower():
            raise _inputs.ChartError(
                f"stance(): row {index} is the marker {str(term)!r} at {start}–{end}, but "
                f"there this text reads {text[start:end]!r}. Were these markers found in "
                "another text? Pass kit.markers(doc) of the same doc as doc=."
            )
