"""Actors by paragraph: who the text talks about, and where.

>>> import kit
>>> ax = kit.charts.actors("yomiuri-2024-04-06")
>>> ax.get_ylabel(), ax.get_xlabel()
('actor (most named at the top)', 'paragraph of the body')
"""

from __future__ import annotations

from . import _inputs, _style

_INSTEAD = "a text (kit.load(...) or its name) or kit.actor_mentions(doc)"


def actor_table(data, doc=None):
    """The grid ``actors`` draws: one row per actor (most named first), one column per paragraph.

    >>> import kit
    >>> actor_table("yomiuri-2024-04-06").index[0]
    'Russia'
    """
    if _inputs.is_text(data):
        from ..reading import actor_mentions
        from ..texts import load

        doc = load(data)
        data = actor_mentions(doc)
        if data.empty:
            raise _inputs.ChartError(
                "The kit's actor list finds no actor in this text, so there is no grid to draw. "
                "Name the text's own actors: kit.charts.actors(kit.actor_mentions(doc, "
                "extra={'actor': {'The council': ['the council']}}))."
            )
    else:
        doc = _inputs.text_or_none(doc)
    found = _inputs.table(data, "actors", ["paragraph", "actor", "mentions"], _INSTEAD)
    paragraph = _inputs.whole_numbers(found.paragraph, "actors", "paragraph")
    _inputs.paragraphs_of(paragraph, doc, "actors")
    mentions = _inputs.counts(found.mentions, "actors", "mentions")
    tidy = found.assign(paragraph=paragraph, mentions=mentions, actor=found.actor.astype(str))
    grid = tidy.pivot_table(
        index="actor", columns="paragraph", values="mentions", aggfunc="sum", fill_value=0.0
    )
    if doc is not None:
        grid = grid.reindex(columns=doc.paragraphs.paragraph.tolist(), fill_value=0.0)
    first_seen = {actor: place for place, actor in enumerate(dict.fromkeys(tidy.actor))}
    order = sorted(grid.index, key=lambda actor: (-grid.loc[actor].sum(), first_seen[actor]))
    grid = grid.loc[order].astype(float)
    grid.index.name, grid.columns.name = "actor", "paragraph"
    return grid


def actors(data, doc=None, top: int | None = None, ax=None, source=None):
    """A grid of how often each actor is named in each paragraph; returns the Axes.

    ``data`` is a text (``kit.load(...)``, its name or a path) or
    ``kit.actor_mentions(doc)`` (paragraph, actor, mentions). Actors named
    most are at the top; ``top=5`` keeps the five named most. Each cell shows
    its count; darker is more.
    """
    from matplotlib.colors import LinearSegmentedColormap

    _style.check_source(source)
    own_table = not _inputs.is_text(data)
    if _inputs.is_text(data):
        from ..texts import load

        doc = data = load(data)
    doc = _inputs.text_or_none(doc)
    grid = actor_table(data, doc=doc)
    if top is not None:
        grid = grid.head(_inputs.positive_int(top, "top"))
    ax = _style.new_axes(ax, (9, 0.9 + 0.38 * len(grid)))
    shades = LinearSegmentedColormap.from_list("kit_blues", ["#FFFFFF", _style.BLUE])
    image = ax.imshow(
        grid.to_numpy(), cmap=shades, vmin=0, vmax=max(grid.to_numpy().max(), 1), aspect="auto"
    )
    image.set_gid("kit-actor-grid")
    limit = grid.to_numpy().max()
    for row, actor in enumerate(grid.index):
        for column, paragraph in enumerate(grid.columns):
            value = grid.loc[actor, paragraph]
            if value:
                ink = "white" if value > limit * 0.6 else _style.INK
                ax.text(
                    column,
                    row,
                    _style.number(value),
                    ha="center",
                    va="center",
                    color=ink,
                    fontsize=8,
                )
    ax.set_xticks(range(len(grid.columns)), [str(paragraph) for paragraph in grid.columns])
    ax.set_yticks(range(len(grid.index)), list(grid.index))
    ax.set_xlabel("paragraph of the body")
    ax.set_ylabel("actor (most named at the top)")
    ax.tick_params(length=0, labelsize=9, colors=_style.INK)
    for spine in ax.spines.values():
        spine.set_visible(False)
    heading = "Who the text names, paragraph by paragraph (mentions of each actor)"
    totals = grid.sum(axis=1)
    if totals.max() > 0:
        best = totals[totals == totals.max()].index.tolist()
        each = " each" if len(best) > 1 else ""
        alt = (
            f"Grid: mentions of {_style.plural(len(grid), 'actor')} in paragraphs "
            f"{grid.columns[0]}–{grid.columns[-1]}. Named most: {_style.listed(best)} "
            f"({_style.plural(totals.max(), 'mention')}{each})"
        )
        if len(best) == 1:
            row = grid.loc[best[0]]
            where = row[row == row.max()].index.tolist()
            alt += (
                f", most in paragraph {where[0]}: {_style.number(row.max())}"
                if len(where) == 1
                else f", {_style.number(row.max())} in each of paragraphs {_style.spans(where)}"
            )
        alt += "."
        others = [
            f"{actor} ({_style.number(totals[actor])})" for actor in grid.index if actor not in best
        ][:3]
        if others:
            alt += f" Then {_style.listed(others)}."
    else:
        alt = f"Grid: {_style.plural(len(grid), 'actor')}, none named in these paragraphs."
    found_by = (
        "Actors and mentions: the table passed to the chart."
        if own_table
        else "Actors found with the kit's actor list (kit.actor_mentions); other names for the "
        "same actor count for it."
    )
    note = source or f"Source: {_style.about(doc)}. {found_by}"
    return _style.finish(ax, alt, note, heading)
