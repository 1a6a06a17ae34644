"""The text as a strip of sentences, each coloured by its claim label.

One row for the expert's key, one for each student (or both stacked), so a
reader sees at a glance where the opinion sits and where readers differ.

>>> import kit
>>> ax = kit.charts.sentence_strip("yomiuri-2024-04-06")
>>> [tick.get_text() for tick in ax.get_yticklabels()]
['expert']
"""

from __future__ import annotations

from ..errors import NoExpertKeyError
from . import _inputs, _style

_INSTEAD = (
    "a labels table: the Annotator's (annotator.labels), kit.read_annotations(...), or a "
    "DataFrame with the columns sentence_id and label"
)


def strip_table(doc, labels=None, expert=None, scheme="claims"):
    """The labels ``sentence_strip`` draws: one row per reader, one column per sentence.

    Cells hold a label, or None where that reader gave none. ``expert=None``
    adds the expert's key when the text has one; ``True`` insists on it;
    ``False`` leaves it out.

    >>> import kit
    >>> strip_table("yomiuri-2024-04-06").loc["expert", 7]
    'prediction'
    """
    import pandas as pd

    from ..annotate import expert_key, load_scheme
    from ..texts import load

    if not _inputs.is_text(doc):
        raise _inputs.ArgumentError(
            "sentence_strip() takes the text first (kit.load(...), its name or a path), then "
            f"labels=..., not {_inputs.describe(doc)}."
        )
    doc = load(doc)
    scheme = load_scheme(scheme)
    if scheme.marks_spans:
        raise _inputs.ChartError(
            f"The {scheme.name!r} scheme marks phrases, several per sentence; the strip shows "
            "one label per sentence. Use scheme='claims' (or your own one-label-per-sentence "
            "scheme)."
        )
    if expert not in (None, True, False):
        raise _inputs.ArgumentError(
            f"expert= takes True, False or None (use the key when there is one), not "
            f"{_inputs.describe(expert)}."
        )
    rows: dict[str, dict[int, str]] = {}
    if expert is not False:
        try:
            key = expert_key(doc, scheme)
        except NoExpertKeyError as error:
            if expert or labels is None:
                raise NoExpertKeyError(
                    f"{error} To draw the strip, pass your own labels: "
                    "kit.charts.sentence_strip(doc, labels=annotator.labels)."
                ) from None
        else:
            rows["expert"] = dict(zip(key.sentence_id, key.label, strict=True))
    if labels is not None:
        rows.update(_readers(labels, doc, scheme))
    ids = doc.sentences.sentence_id.tolist()
    grid = pd.DataFrame(
        [[row.get(sentence_id) for sentence_id in ids] for row in rows.values()],
        index=list(rows),
        columns=ids,
        dtype=object,
    )
    grid.index.name, grid.columns.name = "reader", "sentence_id"
    grid.attrs["labels"] = list(scheme.ids)
    return grid


def sentence_strip(doc, labels=None, expert=None, scheme="claims", ax=None, source=None):
    """The sentences in reading order, coloured by claim label; returns the Axes.

    ``labels`` is a student's labels (the Annotator, ``annotator.labels``, or
    a DataFrame of sentence_id and label; with an ``annotator`` column, one
    row per annotator). The expert's key comes first when the text has one
    (``expert=False`` leaves it out). Sentences without a label are grey.
    Thin black lines mark where a paragraph begins.
    """
    from ..texts import load

    _style.check_source(source)
    doc = load(doc) if _inputs.is_text(doc) else doc
    synthetic = bool(getattr(getattr(labels, "labels", labels), "attrs", {}).get("synthetic"))
    grid = strip_table(doc, labels=labels, expert=expert, scheme=scheme)
    known = grid.attrs["labels"]
    used = [label for label in known if (grid == label).to_numpy().any()]
    ax = _style.new_axes(ax, (10, 1.3 + 0.45 * len(grid)))
    ids = list(grid.columns)
    for row, reader in enumerate(grid.index):
        cells = grid.loc[reader]
        ax.barh(
            [row] * len(ids),
            [1] * len(ids),
            left=[sentence_id - 0.5 for sentence_id in ids],
            height=0.8,
            color=[_style.colour(label, known) for label in cells],
            edgecolor="white",
            linewidth=0.8,
            label=reader,
        )
        for patch, label in zip(ax.containers[-1].patches, cells, strict=True):
            patch.set_hatch(_style.hatch(label, known))
            patch.set_hatchcolor(_style.HATCH_INK)
    starts = doc.sentences.groupby("paragraph").sentence_id.min().tolist()[1:]
    for sentence_id in starts:
        ax.axvline(sentence_id - 0.5, color=_style.INK, linewidth=1.2, gid="kit-paragraph-break")
    ax.set_yticks(range(len(grid)), list(grid.index))
    ax.set_ylim(len(grid) - 0.5, -0.5)  # first reader on top
    ax.set_xlim(0.5, ids[-1] + 0.5)
    step = 1 if len(ids) <= 30 else 5
    ax.set_xticks([i for i in ids if i == 1 or i % step == 0])
    ax.set_xlabel("sentence, in reading order (black lines: a new paragraph)")
    ax.set_ylabel("labelled by")
    handles = [_handle(label, known) for label in used]
    if grid.isna().to_numpy().any():
        handles.append(_handle(None, known))
    ax.legend(
        handles=handles,
        frameon=False,
        fontsize=8,
        ncols=len(handles),
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
    )
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0, labelsize=9, colors=_style.INK)
    heading = "Each sentence's claim label, in reading order"
    parts = []
    for reader in grid.index:
        tally = grid.loc[reader].value_counts()
        counted = [f"{int(tally[label])} {label}" for label in known if label in tally.index]
        missing = int(grid.loc[reader].isna().sum())
        if missing:
            counted.append(f"{missing} unlabelled")
        parts.append(f"{reader}: {', '.join(counted)}")
    others = len(grid) - ("expert" in grid.index)
    made_up = (
        "a MADE-UP student (kit.synthetic_class), not a real one"
        if others == 1
        else "MADE-UP students (kit.synthetic_class), not real ones"
    )
    alt = (
        f"Strip of the {len(ids)} sentences in reading order, one row per reader "
        f"({_style.listed(list(grid.index))}), coloured and hatched by claim label. "
        + "; ".join(parts)
        + "."
        + (f" Besides the expert: {made_up}." if synthetic else "")
    )
    readers = []
    if "expert" in grid.index:
        readers.append("the kit's expert key (key_claims.csv)")
    if others:
        readers.append(made_up if synthetic else "the students' own")
    note = source or (
        f"Source: {_style.about(doc)}. Labels: {' and '.join(readers)}. "
        "A label is a reading, not a measurement: readers may differ."
    )
    return _style.finish(ax, alt, note, heading)


def _handle(label, known):
    from matplotlib.patches import Patch

    return Patch(
        facecolor=_style.colour(label, known),
        hatch=_style.hatch(label, known),
        hatchcolor=_style.HATCH_INK,
        edgecolor="white",
        label=label or "unlabelled",
    )


def _readers(labels, doc, scheme) -> dict[str, dict[int, str]]:
    """Each reader's labels, checked: one label per sentence, sentences of this text."""
    import pandas as pd

    table = getattr(labels, "labels", labels)
    if not isinstance(table, pd.DataFrame):
        raise _inputs.ArgumentError(f"labels= takes {_INSTEAD}, not {_inputs.describe(labels)}.")
    table = _inputs.table(table, "sentence_strip", ["sentence_id", "label"], _INSTEAD)
    table = table.dropna(subset=["label"])
    ids = _inputs.whole_numbers(table.sentence_id, "sentence_strip", "sentence_id")
    last = len(doc.sentences)
    outside = ids[(ids < 1) | (ids > last)]
    if not outside.empty:
        raise _inputs.ChartError(
            f"sentence_strip(): row {outside.index[0]} has sentence_id {outside.iloc[0]}, but "
            f"this text's sentences are numbered 1 to {last}. Were these labels made for "
            "another text?"
        )
    unknown = sorted(set(map(str, table.label)) - set(scheme.ids))
    if unknown:
        raise _inputs.ChartError(
            f"{unknown[0]!r} is not a label of the {scheme.name!r} scheme, whose labels are "
            f"{', '.join(scheme.ids)}. Check the spelling, or pass scheme= for your own scheme."
        )
    if "annotator" in table.columns:
        names = table.annotator.fillna("").astype(str).replace("", "you")
    else:
        names = pd.Series("you", index=table.index)
    tidy = pd.DataFrame({"reader": names, "sentence_id": ids, "label": table.label.astype(str)})
    doubled = tidy.duplicated(["reader", "sentence_id"], keep=False)
    if doubled.any():
        first = tidy[doubled].iloc[0]
        raise _inputs.ChartError(
            f"sentence_strip(): {first.reader!r} has more than one label for sentence "
            f"{first.sentence_id}; the strip shows one label per sentence. Keep one row per "
            "reader and sentence (for a whole class, see kit.charts.class_shares)."
        )
    if "expert" in set(tidy.reader):
        tidy["reader"] = tidy.reader.replace("expert", "expert (your table)")
    return {
        reader: dict(zip(part.sentence_id, part.label, strict=True))
        for reader, part in tidy.groupby("reader", sort=False)
    }
