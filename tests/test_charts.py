"""kit.charts: each chart's content (not its pixels) equals the table it came from."""

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from chart_parts import close_figures, note_of  # noqa: F401
from conftest import ARTICLES, SEED
from matplotlib.colors import to_hex

import kit

OAKRIDGE = ARTICLES / "oakridge-library-oped"
OKABE_ITO = {c.lower() for c in kit.charts.PALETTE} | {kit.charts.UNLABELLED.lower()}


@pytest.fixture(scope="module")
def doc():
    return kit.load(SEED)


def heights(container) -> list[float]:
    return [float(bar.get_height()) for bar in container]


def facecolour(patch) -> str:
    return to_hex(patch.get_facecolor()).lower()


def words_per_paragraph(doc) -> pd.Series:
    words = doc.words.merge(doc.sentences[["sentence_id", "paragraph"]])
    return words.groupby("paragraph").size()


# -- stance ------------------------------------------------------------------


def test_stance_bars_are_the_marker_counts_per_paragraph(doc):
    spans = kit.markers(doc).merge(doc.sentences[["sentence_id", "paragraph"]])
    expected = spans.groupby(["category", "paragraph"]).size()
    ax = kit.charts.stance(doc, per_100_words=False)
    assert [c.get_label() for c in ax.containers] == ["hedges", "boosters", "attitude words"]
    for container, category in zip(ax.containers, ["hedge", "booster", "attitude"], strict=True):
        want = [float(expected.get((category, p), 0)) for p in doc.paragraphs.paragraph]
        assert heights(container) == want
    assert sum(heights(ax.containers[0])) == (kit.markers(doc).category == "hedge").sum()


def test_stance_per_100_words_divides_by_each_paragraphs_length(doc):
    spans = kit.markers(doc).merge(doc.sentences[["sentence_id", "paragraph"]])
    hedges = spans[spans.category == "hedge"].groupby("paragraph").size()
    words = words_per_paragraph(doc)
    ax = kit.charts.stance(doc)
    want = [hedges.get(p, 0) / words[p] * 100 for p in doc.paragraphs.paragraph]
    assert heights(ax.containers[0]) == pytest.approx(want)
    assert ax.get_ylabel() == "markers per 100 words"
    top = max(range(len(want)), key=want.__getitem__) + 1
    alt = kit.charts.describe(ax)
    assert f"most hedges in paragraph {top} ({round(max(want), 1)})" in alt
    assert alt.startswith("Bar chart: hedges, boosters and attitude words per 100 words")


def test_stance_has_title_axis_labels_source_note_and_kit_colours(doc):
    ax = kit.charts.stance(doc)
    assert "by paragraph" in ax.get_title(loc="left")
    assert ax.get_xlabel() == "paragraph of the body"
    assert ax.get_ylim()[0] == 0  # bars start at zero
    assert "The Yomiuri Shimbun, 6 April 2024" in note_of(ax)
    page = kit.highlight(doc)
    for container, category in zip(ax.containers, ["hedge", "booster", "attitude"], strict=True):
        # the same colour as in the highlighted text
        assert facecolour(container[0]) == page.styles[category][0].lower()
        assert facecolour(container[0]) in OKABE_ITO


def test_stance_takes_a_markers_table_or_counts(doc):
    spans = kit.markers(doc)
    from_doc = kit.charts.stance(doc, per_100_words=False)
    from_spans = kit.charts.stance(spans, doc=doc, per_100_words=False)
    counts = (
        spans.merge(doc.sentences[["sentence_id", "paragraph"]])
        .groupby(["paragraph", "category"])
        .size()
        .reset_index(name="count")
    )
    from_counts = kit.charts.stance(counts, per_100_words=False)
    assert heights(from_doc.containers[1]) == heights(from_spans.containers[1])
    # without doc=, only the paragraphs in the table: the zeros of others are unknown
    present = sorted(counts.paragraph.unique())
    assert [t.get_text() for t in from_counts.get_xticklabels()] == [str(p) for p in present]


def test_stance_draws_on_the_axes_it_is_given(doc):
    _, (left, right) = plt.subplots(1, 2)
    assert kit.charts.stance(doc, ax=right) is right
    assert not left.containers and right.containers


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda d: kit.charts.stance(kit.markers(d)), kit.ChartError, "doc=doc"),
        (lambda d: kit.charts.stance(pd.DataFrame()), kit.ChartError, "category"),
        (
            lambda d: kit.charts.stance(kit.markers(d).iloc[0:0], doc=d),
            kit.ChartError,
            "empty table",
        ),
        (lambda d: kit.charts.stance(d, categories=["hedgez"]), kit.ChartError, "hedgez"),
        (lambda d: kit.charts.stance([1, 2]), kit.ArgumentError, "kit.markers(doc)"),
        (lambda d: kit.charts.stance(d, per_100_words="yes"), kit.ArgumentError, "True or"),
        (lambda d: kit.charts.stance(d, ax="left"), kit.ArgumentError, "Axes"),
        (
            lambda d: kit.charts.stance(
                pd.DataFrame({"paragraph": [1], "category": ["hedge"], "count": [-2]})
            ),
            kit.ChartError,
            "0 or more",
        ),
    ],
)
def test_stance_refuses_bad_input_saying_what_to_pass(doc, call, error, words):
    with pytest.raises(error, match=None) as caught:
        call(doc)
    assert words in str(caught.value)


# -- actors ------------------------------------------------------------------


def test_actor_grid_holds_the_mentions_table(doc):
    mentions = kit.actor_mentions(doc)
    ax = kit.charts.actors(doc)
    (image,) = ax.images
    shown = [t.get_text() for t in ax.get_yticklabels()]
    totals = mentions.groupby("actor").mentions.sum()
    assert shown[0] == totals.idxmax()
    assert [totals[a] for a in shown] == sorted(totals, reverse=True)
    pivot = mentions.pivot(index="actor", columns="paragraph", values="mentions").loc[shown]
    assert (image.get_array() == pivot.to_numpy()).all()
    assert ax.get_xlabel() == "paragraph of the body" and ax.get_ylabel().startswith("actor")
    alt = kit.charts.describe(ax)
    assert f"Named most: {totals.idxmax()} ({totals.max()} mentions" in alt
    assert "Source:" in note_of(ax)
    assert to_hex(image.cmap(1.0)).lower() == kit.charts.colour("actor").lower()


def test_actor_grid_top_keeps_the_most_named(doc):
    ax = kit.charts.actors(kit.actor_mentions(doc), top=2)
    assert len(ax.get_yticklabels()) == 2
    with pytest.raises(kit.ChartError, match="mentions"):
        kit.charts.actors(kit.actor_mentions(doc).drop(columns="mentions"))


# -- the sentence strip ------------------------------------------------------


def test_strip_colours_each_sentence_by_the_expert_label(doc):
    key = kit.expert_key(doc)
    ax = kit.charts.sentence_strip(doc)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["expert"]
    (row,) = ax.containers
    assert len(row) == len(doc.sentences)
    for patch, label in zip(row, key.sort_values("sentence_id").label, strict=True):
        assert facecolour(patch) == kit.charts.CLAIM_COLOURS[label].lower()
    assert len({facecolour(p) for p in row}) == key.label.nunique()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "unlabelled" not in legend and set(legend) == set(key.label)
    counts = key.label.value_counts()
    alt = kit.charts.describe(ax)
    assert f"{counts['fact']} fact" in alt and f"{len(doc.sentences)} sentences" in alt


def test_strip_stacks_expert_and_student_and_greys_the_unlabelled(doc):
    mine = pd.DataFrame({"sentence_id": [1, 2, 7], "label": ["opinion", "fact", "prediction"]})
    ax = kit.charts.sentence_strip(doc, labels=mine)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["expert", "you"]
    student = ax.containers[1]
    grey = kit.charts.UNLABELLED.lower()
    assert facecolour(student[0]) == kit.charts.CLAIM_COLOURS["opinion"].lower()
    assert facecolour(student[6]) == kit.charts.CLAIM_COLOURS["prediction"].lower()
    assert [i + 1 for i, p in enumerate(student) if facecolour(p) == grey] == [
        i for i in range(1, len(doc.sentences) + 1) if i not in (1, 2, 7)
    ]
    assert "unlabelled" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert "19 unlabelled" in kit.charts.describe(ax)
    only_mine = kit.charts.sentence_strip(doc, labels=mine, expert=False)
    assert [t.get_text() for t in only_mine.get_yticklabels()] == ["you"]


def test_strip_takes_an_annotator_or_a_class(doc, tmp_path):
    annotator = kit.Annotator(doc, path=tmp_path / "mine.json", annotator="ana")
    annotator.set(3, "fact")
    ax = kit.charts.sentence_strip(doc, labels=annotator, expert=False)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["ana"]
    made_up = kit.synthetic_class(doc, n=3, seed=4)
    grid = kit.charts.strip_table(doc, labels=made_up)
    assert list(grid.index) == ["expert", "synthetic-01", "synthetic-02", "synthetic-03"]
    first = made_up[made_up.annotator == "synthetic-02"].set_index("sentence_id").label
    assert grid.loc["synthetic-02", 5] == first[5]


def test_strip_paragraph_breaks_are_where_paragraphs_begin(doc):
    ax = kit.charts.sentence_strip(doc)
    breaks = [line.get_xdata()[0] + 0.5 for line in ax.lines if line.get_gid()]
    starts = doc.sentences.groupby("paragraph").sentence_id.min().tolist()[1:]
    assert breaks == starts


@pytest.mark.parametrize(
    ("labels", "words"),
    [
        (pd.DataFrame({"sentence_id": [1], "label": ["opnion"]}), "'opnion' is not a label"),
        (pd.DataFrame({"sentence_id": [99], "label": ["fact"]}), "numbered 1 to 22"),
        (pd.DataFrame({"sentence_id": [1, 1], "label": ["fact", "opinion"]}), "more than one"),
        (pd.DataFrame({"sentence": [1], "label": ["fact"]}), "sentence_id"),
        (pd.DataFrame({"sentence_id": [], "label": []}), "empty"),
    ],
)
def test_strip_refuses_bad_labels(doc, labels, words):
    with pytest.raises(kit.ChartError) as caught:
        kit.charts.sentence_strip(doc, labels=labels)
    assert words in str(caught.value)


def test_strip_of_a_text_without_key_needs_labels():
    other = kit.load(OAKRIDGE)
    with pytest.raises(kit.NoExpertKeyError, match=r"labels=annotator\.labels"):
        kit.charts.sentence_strip(other)
    mine = pd.DataFrame({"sentence_id": [1], "label": ["fact"]})
    ax = kit.charts.sentence_strip(other, labels=mine)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["you"]
    with pytest.raises(kit.NoExpertKeyError):
        kit.charts.sentence_strip(other, labels=mine, expert=True)
    with pytest.raises(kit.ChartError, match="marks phrases"):
        kit.charts.sentence_strip(other, labels=mine, scheme="techniques")


# -- tone and keywords ------------------------------------------------------


def test_tone_arc_points_are_the_compound_scores(doc):
    scores = kit.tone(doc)
    ax = kit.charts.tone_arc(doc)
    (arc,) = [line for line in ax.lines if line.get_gid() != "kit-zero-line"]
    assert list(arc.get_xdata()) == scores.sentence_id.tolist()
    assert list(arc.get_ydata()) == scores.compound.tolist()
    assert ax.get_ylim() == (-1.05, 1.05)
    lowest = scores[scores.compound == scores.compound.min()].sentence_id.tolist()
    assert lowest == [13, 15, 16]  # a tie: the alt text names all three
    assert f"Most negative: sentences 13, 15 and 16 ({scores.compound.min():.2f} each)" in (
        kit.charts.describe(ax)
    )
    assert "VADER" in note_of(ax) and "VADER" in ax.get_ylabel()
    assert to_hex(arc.get_color()).lower() in OKABE_ITO
    with pytest.raises(kit.ChartError, match="-1 to \\+1"):
        kit.charts.tone_arc(scores.assign(compound=5))


def test_keyword_bars_are_the_counts_most_frequent_on_top(doc):
    table = kit.keywords(doc, n=10)
    ax = kit.charts.keywords(doc, n=10)
    assert [float(bar.get_width()) for bar in ax.patches] == table["count"].astype(float).tolist()
    assert [t.get_text() for t in ax.get_yticklabels()] == table.word.tolist()
    assert ax.yaxis_inverted()
    first = table.iloc[0]
    assert f"Most frequent: “{first.word}” ({first['count']} times)" in kit.charts.describe(ax)
    assert ax.get_xlabel() and ax.get_ylabel() == "word"
    shuffled = kit.charts.keywords(table.sample(frac=1, random_state=1), n=3)
    assert [t.get_text() for t in shuffled.get_yticklabels()] == table.word[:3].tolist()
    with pytest.raises(kit.ArgumentError, match="n="):
        kit.charts.keywords(doc, n=0)


# -- timeline -----------------------------------------------------------------


def test_seed_timeline_is_sourced_and_in_order(doc):
    events = kit.charts.read_timeline(doc)
    assert list(events.columns[:4]) == ["date", "event", "source", "confidence"]
    assert events.date.is_monotonic_increasing
    assert (events.source.str.len() > 5).all()
    dates = events.date.dt.strftime("%Y-%m-%d").tolist()
    for day in ["2009-06-12", "2017-12-22", "2022-05-26", "2024-03-28", "2024-04-06"]:
        assert day in dates
    assert dates[-1] == "2024-04-30"
    vote = events[events.date == "2024-03-28"].iloc[0]
    assert "SC/15648" in vote.source and "China abstains" in vote.event
    assert "SC/14911" in events[events.date == "2022-05-26"].source.item()


def test_timeline_points_follow_the_csv_dates(doc):
    import matplotlib.dates as mdates

    events = kit.charts.read_timeline(doc)
    ax = kit.charts.timeline(doc)
    points = sorted(
        (y, x) for collection in ax.collections[1:] for x, y in collection.get_offsets()
    )
    assert [x for _, x in points] == list(mdates.date2num(events.date.dt.to_pydatetime()))
    assert [x for _, x in points] == sorted(x for _, x in points)  # oldest at the top
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("14 Oct 2006") and labels[-1].startswith("30 Apr 2024")
    hollow = ax.collections[2]  # the medium-confidence event
    assert len(hollow.get_offsets()) == (events.confidence == "medium").sum()
    (text_date,) = [line for line in ax.lines if line.get_gid() == "kit-text-date"]
    assert text_date.get_xdata()[0] == mdates.date2num(pd.Timestamp("2024-04-06"))
    alt = kit.charts.describe(ax)
    assert "from 14 October 2006 to 30 April 2024" in alt
    assert "Sources:" in note_of(ax)


def test_a_text_without_timeline_says_how_to_write_one():
    with pytest.raises(kit.NoTimelineError) as caught:
        kit.charts.timeline(OAKRIDGE)
    message = str(caught.value)
    assert "has no timeline.csv" in message and "date,event,source" in message


def _with_timeline(write_text, csv_text):
    write_text("Veto\n\nRussia vetoed the draft. China abstained.")
    path = write_text(csv_text, name="timeline.csv")
    return path.parent


def test_a_timeline_of_ones_own_is_read(write_text):
    folder = _with_timeline(
        write_text,
        "date,event,source\n2024-03-28,The vote,SC/15648\n\n2009-06-12,The panel,Res. 1874\n",
    )
    events = kit.charts.read_timeline(folder)
    assert events.event.tolist() == ["The panel", "The vote"]
    assert events.line.tolist() == [4, 2]
    ax = kit.charts.timeline(folder)
    assert len(ax.collections[1].get_offsets()) == 2


@pytest.mark.parametrize(
    ("csv_text", "words"),
    [
        ("date,event\n2024-03-28,The vote\n", "source is missing"),
        ("date,event,source\n2024-03-28,The vote,UN\n2024-13-01,Later,UN\n", "line 3"),
        ("date,event,source\n28/03/2024,The vote,UN\n", "'28/03/2024' is not a date"),
        ("date,event,source\n2024-03-28,,UN\n", "the event is empty"),
        ("date,event,source\n2024-03-28,Resolution 2397, adopted,UN\n", "double quotes"),
        ("date,event,source,confidence\n2024-03-28,The vote,UN,sure\n", "confidence 'sure'"),
        ("date,event,source\n", "no events"),
    ],
)
def test_a_malformed_timeline_names_the_line(write_text, csv_text, words):
    folder = _with_timeline(write_text, csv_text)
    with pytest.raises(kit.TimelineError) as caught:
        kit.charts.read_timeline(folder)
    assert words in str(caught.value)


def test_a_timeline_not_in_utf8_is_refused(write_text):
    folder = _with_timeline(
        write_text, "date,event,source\n2024-03-28,Réunion,UN\n".encode("cp1252")
    )
    with pytest.raises(kit.TimelineError, match="UTF-8"):
        kit.charts.read_timeline(folder)


# -- a class's label shares -----------------------------------------------------


@pytest.fixture(scope="module")
def made_up(doc):
    return kit.synthetic_class(doc, n=10, seed=3)


def test_class_shares_bars_are_the_agreement_shares(made_up):
    shares = kit.agreement(made_up).shares
    ax = kit.charts.class_shares(made_up)
    labels = [c.get_label() for c in ax.containers]
    assert labels == [label for label in kit.charts.CLAIM_COLOURS if label in shares.columns]
    for container in ax.containers:
        widths = [float(bar.get_width()) for bar in container]
        assert widths == pytest.approx(shares[container.get_label()].tolist())
        assert facecolour(container[0]) == kit.charts.CLAIM_COLOURS[container.get_label()].lower()
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows == [f"sentence {i}" for i in shares.sentence_id]  # most disputed first
    totals = [sum(float(c[i].get_width()) for c in ax.containers) for i in range(len(rows))]
    assert totals == pytest.approx([1.0] * len(rows))
    top = shares.iloc[0]
    alt = kit.charts.describe(ax)
    assert f"Most disputed: sentence {top.sentence_id}" in alt and f"{top.top_share:.0%}" in alt
    assert "MADE-UP class" in note_of(ax)


def test_class_shares_from_an_agreement_and_the_n_most_disputed(made_up):
    result = kit.agreement(made_up)
    ax = kit.charts.class_shares(result, n=4)
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows == [f"sentence {i}" for i in result.most_disputed(4).sentence_id]
    assert "MADE-UP" not in note_of(ax)  # an agreement does not say where its labels came from


def test_class_shares_refuses_what_it_cannot_chart(doc):
    techniques = kit.synthetic_class(doc, n=4, seed=1, scheme="techniques")
    with pytest.raises(kit.ChartError, match="phrase labels"):
        kit.charts.class_shares(kit.agreement(techniques))
    with pytest.raises(kit.ChartError, match="annotator"):
        kit.charts.class_shares(pd.DataFrame({"sentence_id": [1], "label": ["fact"]}))
    with pytest.raises(kit.ArgumentError, match=r"kit\.agreement"):
        kit.charts.class_shares("my class")


# -- saving and alt text ----------------------------------------------------------


def test_save_figure_writes_png_and_svg_with_the_alt_text(doc, tmp_path):
    ax = kit.charts.keywords(doc, n=5)
    written = kit.save_figure(ax, tmp_path / "charts" / "words")
    assert [p.name for p in written] == ["words.png", "words.svg"]
    assert written[0].read_bytes().startswith(b"\x89PNG")
    svg = written[1].read_text(encoding="utf-8")
    assert "<svg" in svg and "Most frequent" in svg
    with pytest.warns(kit.KitWarning, match="replaced"):
        again = kit.save_figure(ax.figure, tmp_path / "charts" / "words.png")
    assert again == written


@pytest.mark.parametrize(
    ("chart", "path", "error"),
    [
        ("ax", "words.pdf", kit.ArgumentError),
        ("ax", 42, kit.ArgumentError),
        ("ax", "", kit.ArgumentError),
        ("text", "words", kit.ArgumentError),
        ("ax", "blocker/words", kit.SaveError),
    ],
)
def test_save_figure_refuses_bad_paths(doc, tmp_path, monkeypatch, chart, path, error):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "blocker").write_text("a file where a folder should be")
    ax = kit.charts.keywords(doc, n=3)
    with pytest.raises(error):
        kit.save_figure(ax if chart == "ax" else "a chart", path)
    assert not list(tmp_path.glob("words*"))


def test_describe_reads_a_chart_of_ones_own(doc):
    per_paragraph = doc.sentences.groupby("paragraph").size()
    ax = per_paragraph.plot.bar(title="Sentences per paragraph")
    ax.set_ylabel("sentences")
    alt = kit.charts.describe(ax)
    top = per_paragraph.idxmax()
    assert alt.startswith("Bar chart: Sentences per paragraph")
    assert f"Highest: {top} ({per_paragraph.max()})" in alt
    with pytest.raises(kit.ArgumentError):
        kit.charts.describe("a chart")


def test_importing_kit_charts_draws_in_no_matplotlib():
    code = (
        "import sys, kit, kit.charts; print('matplotlib' in sys.modules, 'pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_a_text_without_markers_or_actors(write_text):
    folder = write_text("Gulls\n\nThe gulls came back to the pier on Tuesday.").parent
    ax = kit.charts.stance(folder)
    assert all(heights(c) == [0.0] for c in ax.containers)
    assert "no hedges" in kit.charts.describe(ax)
    with pytest.raises(kit.ChartError, match="finds no actor in this text"):
        kit.charts.actors(folder)


def test_timeline_from_a_table_of_ones_own_and_describe_of_a_figure():
    events = pd.DataFrame(
        {"date": ["2024-04-30", "2009-06-12"], "event": ["Mandate lapses", "Panel created"]}
    )
    fig, (left, right) = plt.subplots(1, 2)
    kit.charts.timeline(events, ax=left)
    kit.charts.keywords(pd.DataFrame({"word": ["veto"], "count": [3]}), ax=right)
    labels = [t.get_text() for t in left.get_yticklabels()]
    assert labels == ["12 Jun 2009 · Panel created", "30 Apr 2024 · Mandate lapses"]
    assert [c.get_label() for c in left.collections[1:]] == ["event"]  # no confidence column
    alt = kit.charts.describe(fig)
    assert alt.startswith("Timeline of 2 events") and "“veto” (3 times)" in alt
    with pytest.raises(kit.ChartError, match="not a date"):
        kit.charts.timeline(events.assign(date=["soon", "2009-06-12"]))
