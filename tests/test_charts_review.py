"""kit.charts on the review of issue 6: bad tables refused, ties and empties said truly,
a second channel besides colour, sources on the timeline, safe saving."""

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from chart_parts import close_figures, note_of  # noqa: F401
from conftest import ARTICLES, REPO, SEED

import kit

OAKRIDGE = ARTICLES / "oakridge-library-oped"
REVIEW = REPO / "tests" / "data" / "review"
TINY = REVIEW / "tiny-bridge-note"
ARCTIC = REVIEW / "arctic-fisheries-oped"


@pytest.fixture(scope="module")
def doc():
    return kit.load(SEED)


def flat(text: str) -> str:
    return " ".join(text.split())


# -- 2. rows that cannot be placed are refused ---------------------------------


def test_stance_refuses_a_paragraph_the_text_does_not_have(doc):
    table = pd.DataFrame({"paragraph": [1, 99], "category": ["hedge", "hedge"]})
    with pytest.raises(kit.ChartError, match=r"row 1 has paragraph 99.*1 to 13"):
        kit.charts.stance(table, doc=doc, per_100_words=False)


def test_stance_refuses_paragraph_zero_without_a_text():
    table = pd.DataFrame({"paragraph": [0, 2], "category": ["hedge", "hedge"]})
    with pytest.raises(kit.ChartError, match="paragraph 0"):
        kit.charts.stance(table, per_100_words=False)


def test_stance_refuses_an_unknown_category():
    table = pd.DataFrame({"paragraph": [1, 2], "category": ["Hedge", "maybe"]})
    with pytest.raises(kit.ChartError, match=r"'Hedge'.* not one of"):
        kit.charts.stance(table, per_100_words=False)


def test_stance_refuses_markers_of_another_text(doc):
    with pytest.raises(kit.ChartError, match="another text"):
        kit.charts.stance(kit.markers(doc), doc=kit.load(OAKRIDGE))


def test_stance_refuses_merged_markers_of_another_text(doc):
    oak = kit.load(OAKRIDGE)
    found = kit.markers(oak).merge(oak.sentences[["sentence_id", "paragraph"]])
    with pytest.raises(kit.ChartError, match="another text"):
        kit.charts.stance(found, doc=doc)


def test_stance_still_takes_its_own_markers(doc):
    found = kit.markers(doc).merge(doc.sentences[["sentence_id", "paragraph"]])
    ax = kit.charts.stance(found, doc=doc, per_100_words=False)
    assert sum(bar.get_height() for c in ax.containers for bar in c) == (
        found.category.isin(["hedge", "booster", "attitude"]).sum()
    )


def test_actors_refuses_a_paragraph_the_text_does_not_have(doc):
    table = pd.DataFrame({"paragraph": [40], "actor": ["X"], "mentions": [3]})
    with pytest.raises(kit.ChartError, match="paragraph 40"):
        kit.charts.actors(table, doc=doc)


# -- 3. class_shares sorts ---------------------------------------------------


def test_class_shares_puts_the_most_disputed_first_whatever_the_order(doc):
    made_up = kit.synthetic_class(doc, n=12, seed=2024)
    shares = kit.agreement(made_up).shares
    shuffled = shares.sort_values("sentence_id")
    ax = kit.charts.class_shares(shuffled, n=5)
    shown = [int(t.get_text().split()[-1]) for t in ax.get_yticklabels()]
    expected = (
        shares.sort_values(
            ["top_share", "labels_used", "sentence_id"], ascending=[True, False, True]
        )
        .sentence_id.head(5)
        .tolist()
    )
    assert shown == expected


# -- 4. a made-up student is called made up -------------------------------------


def test_strip_says_a_made_up_student_is_made_up(doc):
    made_up = kit.synthetic_class(doc, n=2, seed=1)
    mine = made_up[made_up.annotator == "synthetic-01"]
    ax = kit.charts.sentence_strip(doc, labels=mine)
    assert "MADE-UP student" in flat(note_of(ax))
    assert "students' own" not in flat(note_of(ax))
    assert "MADE-UP" in kit.charts.describe(ax)


# -- 5. the timeline states only what its sources say ---------------------------


def test_timeline_rows_state_nothing_beyond_their_sources():
    events = kit.charts.read_timeline(SEED)
    text = " ".join(events.event + " " + events.details)
    assert "earlier sanctions resolutions" not in text
    lapse = events[events.event.str.contains("lapses")].iloc[0]
    assert "SC/15648" not in lapse.source and "UN News" in lapse.source


def test_lesson_quotes_the_editorial_on_renewals():
    lesson = (REPO / "notebooks" / "03_charting.ipynb").read_text()
    assert "never objected before" not in lesson
    assert "It had never objected to the previous resolutions to renew the mandate" in lesson
    assert (
        "It had never objected to the previous resolutions to renew the mandate"
        in kit.load(SEED).text
    )


# -- 6. a second channel besides colour ------------------------------------------


def test_stance_categories_differ_in_hatching_not_only_colour(doc):
    ax = kit.charts.stance(doc)
    hatches = [container.patches[0].get_hatch() for container in ax.containers]
    assert len(set(hatches)) == 3
    legend = [handle.get_hatch() for handle in ax.get_legend().legend_handles]
    assert legend == hatches


def test_strip_cells_are_hatched_by_label(doc):
    ax = kit.charts.sentence_strip(
        doc, labels=pd.DataFrame({"sentence_id": [1], "label": ["fact"]})
    )
    grid = kit.charts.strip_table(doc, labels=pd.DataFrame({"sentence_id": [1], "label": ["fact"]}))
    by_label = {}
    for container, reader in zip(ax.containers, grid.index, strict=True):
        for patch, label in zip(container.patches, grid.loc[reader], strict=True):
            by_label.setdefault(label, set()).add(patch.get_hatch())
    assert all(len(hatches) == 1 for hatches in by_label.values())
    assert len({next(iter(h)) for h in by_label.values()}) == len(by_label)


def test_class_shares_labels_are_hatched(doc):
    ax = kit.charts.class_shares(kit.synthetic_class(doc, n=6, seed=3))
    hatches = [container.patches[0].get_hatch() for container in ax.containers]
    assert len(set(hatches)) == len(hatches)


# -- 7. alt text: ties, all-equal, singular --------------------------------------


def test_stance_alt_text_names_tied_paragraphs_and_empty_ones(doc):
    alt = kit.charts.describe(kit.charts.stance(doc, per_100_words=False))
    assert "most hedges in paragraphs 10 and 11 (2 each)" in alt
    assert "no hedges in paragraphs" in alt


def test_actor_alt_text_names_ties():
    alt = kit.charts.describe(kit.charts.actors(ARCTIC))
    assert "most in paragraph 2: 1" not in alt
    assert "Norway" in alt and "Denmark" in alt


def test_tone_alt_text_on_an_all_neutral_text():
    alt = kit.charts.describe(kit.charts.tone_arc(TINY))
    assert "Most negative" not in alt
    assert "every sentence scores 0" in alt


def test_alt_text_singulars():
    doc = kit.load(TINY)
    alt = kit.charts.describe(
        kit.charts.actors(
            pd.DataFrame({"paragraph": [1], "actor": ["X"], "mentions": [1]}), doc=doc
        )
    )
    assert "1 actors" not in alt and "1 mentions" not in alt
    one = pd.DataFrame({"date": ["2024-03-28"], "event": ["The vote"], "source": ["SC/15648"]})
    assert "1 events" not in kit.charts.describe(kit.charts.timeline(one))


# -- 8. bad input gives the kit's errors -------------------------------------------


def test_tone_arc_refuses_a_sentence_twice():
    table = pd.DataFrame({"sentence_id": [1, 1, 2], "compound": [0.1, 0.5, -0.2]})
    with pytest.raises(kit.ChartError, match="sentence 1 appears twice"):
        kit.charts.tone_arc(table)


@pytest.mark.parametrize("dpi", ["high", 100000, 0, 72.5, True])
def test_save_figure_refuses_a_bad_dpi(tmp_path, dpi):
    ax = kit.charts.keywords(SEED, n=3)
    with pytest.raises(kit.ArgumentError, match="dpi"):
        kit.save_figure(ax, tmp_path / "words", dpi=dpi)


@pytest.mark.parametrize(
    "chart", ["stance", "actors", "tone_arc", "keywords", "sentence_strip", "timeline"]
)
def test_every_chart_refuses_a_source_that_is_not_text(chart):
    with pytest.raises(kit.ArgumentError, match="source="):
        getattr(kit.charts, chart)(SEED, source=123)


def test_class_shares_refuses_a_source_that_is_not_text(doc):
    with pytest.raises(kit.ArgumentError, match="source="):
        kit.charts.class_shares(kit.synthetic_class(doc, n=3, seed=1), source=123)


# -- 9. a closed figure -------------------------------------------------------------


def test_ax_of_a_closed_figure_is_refused():
    fig, ax = plt.subplots()
    plt.close(fig)
    with pytest.raises(kit.ArgumentError, match="closed"):
        kit.charts.stance(SEED, ax=ax)


# -- 10. timeline sources on the chart, the last months legible -----------------------


def test_timeline_names_every_source_on_the_chart():
    events = kit.charts.read_timeline(SEED)
    ax = kit.charts.timeline(SEED)
    note = flat(note_of(ax))
    for source in events.source.unique():
        assert flat(source) in note
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert all("[" in label for label in labels)  # each event points at its source


def test_timeline_since_zooms_on_recent_events():
    ax = kit.charts.timeline(SEED, since="2024-01-01")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 4 and all("2024" in label for label in labels)
    assert "2006" not in flat(note_of(ax)) or "earlier" in flat(note_of(ax))
    assert "4 earlier events left out" in kit.charts.describe(ax)


# -- 11. Excel files and NaN -------------------------------------------------------------


def test_semicolon_timeline_says_why(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("date;event;source\n2024-03-28;Vote;SC/15648\n")
    with pytest.raises(kit.TimelineError, match="semicolon"):
        kit.charts.read_timeline(path)


def test_timeline_with_a_column_twice_is_refused(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("date,event,source,date\n2024-03-28,Vote,SC/15648,2024-01-01\n")
    with pytest.raises(kit.TimelineError, match="twice"):
        kit.charts.read_timeline(path)


def test_missing_event_or_word_is_refused():
    events = pd.DataFrame({"date": ["2024-03-28", "2024-04-06"], "event": ["Vote", None]})
    with pytest.raises(kit.ChartError, match="row 1"):
        kit.charts.timeline(events)
    words = pd.DataFrame({"word": ["russia", float("nan")], "count": [5, 3]})
    with pytest.raises(kit.ChartError, match="row 1"):
        kit.charts.keywords(words)


# -- 12. saving -----------------------------------------------------------------------


def test_save_figure_refuses_a_folder_name(tmp_path):
    ax = kit.charts.keywords(SEED, n=3)
    with pytest.raises(kit.ArgumentError, match="file name"):
        kit.save_figure(ax, str(tmp_path) + "/")
    with pytest.raises(kit.ArgumentError, match="file name"):
        kit.save_figure(ax, tmp_path)
    assert not list(tmp_path.parent.glob(tmp_path.name + ".*"))


def test_save_figure_warns_when_it_replaces_a_file(tmp_path):
    ax = kit.charts.keywords(SEED, n=3)
    kit.save_figure(ax, tmp_path / "words")
    with pytest.warns(kit.KitWarning, match="replaced"):
        kit.save_figure(ax, tmp_path / "words")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kit.save_figure(ax, tmp_path / "other")


# -- 13. paragraphs of the body ---------------------------------------------------------


def test_paragraph_axes_say_paragraph_of_the_body(doc):
    assert kit.charts.stance(doc).get_xlabel() == "paragraph of the body"
    assert kit.charts.actors(doc).get_xlabel() == "paragraph of the body"


# -- 14. source notes --------------------------------------------------------------------


def test_class_shares_note_names_the_text(doc):
    ax = kit.charts.class_shares(kit.synthetic_class(doc, n=4, seed=1), doc=doc)
    assert "UNSC Panel" in flat(note_of(ax))


def test_actor_note_with_own_table_does_not_claim_the_kit_list(doc):
    table = pd.DataFrame({"paragraph": [1], "actor": ["The council"], "mentions": [2]})
    ax = kit.charts.actors(table, doc=doc)
    assert "kit's actor list" not in flat(note_of(ax))
