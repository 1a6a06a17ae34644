"""kit.highlight: spans in place, a legend, hover labels, escaping, and a standalone page."""

import html
import re

import pandas as pd
import pytest
from conftest import ARTICLES, SEED

import kit


@pytest.fixture(scope="module")
def seed():
    return kit.load(SEED)


def _marks(page_html):
    """(style, title, text) of every <mark> in the page."""
    return [
        (style, html.unescape(title), html.unescape(text))
        for style, title, text in re.findall(
            r'<mark style="([^"]*)" title="([^"]*)">(.*?)</mark>', page_html
        )
    ]


def test_every_marker_is_shown_in_place_with_its_category_on_hover(seed):
    spans = kit.markers(seed)
    marks = _marks(kit.highlight(seed).html)
    titles = " | ".join(title for _, title, _ in marks)
    for row in spans.itertuples():
        assert f"{row.category}: {' '.join(row.term.split())}" in titles
    marked_text = "".join(text for _, _, text in marks)
    assert "describing it in a joint statement as" in marked_text


def test_actor_hover_names_the_canonical_actor(seed):
    titles = [title for _, title, _ in _marks(kit.highlight(seed).html)]
    assert "actor: Moscow → Russia" in titles
    assert "actor: Russia" in titles  # no arrow when the term is the name


def test_overlapping_spans_show_both_labels(seed):
    marks = _marks(kit.highlight(seed).html)
    (reportedly,) = [mark for mark in marks if mark[2] == "reportedly"]
    assert reportedly[1] == "hedge: reportedly · attribution: reportedly"
    assert "border-bottom" in reportedly[0]  # the second label has its own line


def test_legend_lists_categories_with_counts_and_distinct_line_styles(seed):
    page = kit.highlight(seed)
    text = re.sub(r"<[^>]+>", "", page.html)
    assert "hedge (8)" in text and "actor (" in text
    lines = {page.styles[label][1] for label in page.labels}
    assert len(lines) == len(page.labels)  # readable without colour
    assert page.labels == ["hedge", "booster", "attitude", "attribution", "actor"]


def test_the_text_is_escaped():
    doc = kit.Document.from_string(
        'Headline <img src=x onerror="alert(1)">\n\n'
        "Officials may act <script>alert('x')</script> & others said so."
    )
    page = kit.highlight(doc).html
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; others" in page
    start = doc.text.index("Officials")
    spans = pd.DataFrame([{"start": start, "end": start + 9, "label": 'x" onmouseover="alert(1)'}])
    page = kit.highlight(doc, spans).html
    assert 'onmouseover="alert' not in page


def test_spans_with_a_label_column_are_coloured_by_label(seed):
    sentences = seed.sentences
    spans = pd.DataFrame(
        {
            "start": sentences.start[:3],
            "end": sentences.end[:3],
            "label": ["opinion", "opinion", "prediction"],
        }
    )
    page = kit.highlight(seed, spans)
    assert page.labels == ["opinion", "prediction"]
    marks = _marks(page.html)
    assert [text for _, _, text in marks] == sentences.text[:3].tolist()
    assert marks[0][0] == marks[1][0] != marks[2][0]
    assert kit.highlight(seed, spans, categories="prediction").labels == ["prediction"]


def test_spans_may_be_a_list_of_dicts(seed):
    page = kit.highlight(seed, [{"start": 118, "end": 129, "category": "place"}])
    assert _marks(page.html)[0][2] == "North Korea"


def test_categories_choose_what_is_shown(seed):
    page = kit.highlight(seed, categories=["hedge", "booster"])
    assert page.labels == ["hedge", "booster"]
    titles = [title for _, title, _ in _marks(page.html)]
    assert titles and all(t.startswith(("hedge:", "booster:")) for t in titles)


def test_a_kit_category_with_no_spans_is_not_an_error(seed):
    page = kit.highlight(ARTICLES / "oakridge-library-oped", categories=["booster"])
    assert page.labels == [] and "No spans to highlight." in page.html


def test_an_unknown_category_lists_the_real_ones(seed):
    with pytest.raises(kit.ArgumentError, match=r"no category 'hedges'.*hedge, booster"):
        kit.highlight(seed, categories=["hedges"])


@pytest.mark.parametrize(
    ("spans", "message"),
    [
        (pd.DataFrame({"start": [0], "end": [5]}), "category \\(or label\\)"),
        (pd.DataFrame({"begin": [0], "end": [5], "label": ["x"]}), "either start and end"),
        (pd.DataFrame({"start": [5], "end": [99999], "label": ["x"]}), "another text"),
        (pd.DataFrame({"start": [9], "end": [3], "label": ["x"]}), "start < end"),
        (pd.DataFrame({"start": ["a"], "end": [3], "label": ["x"]}), "whole numbers"),
        (42, "not a number"),
    ],
)
def test_bad_spans_are_kit_errors(seed, spans, message):
    with pytest.raises(kit.ArgumentError, match=message):
        kit.highlight(seed, spans)


def test_plain_text_view(seed):
    text = str(kit.highlight(seed, categories="booster"))
    assert text.startswith(seed.headline)
    assert "will [inevitably](booster) become lax" in text
    assert "[It is only natural](booster) that" in text


def test_save_writes_a_standalone_page(seed, tmp_path):
    path = kit.highlight(seed).save(tmp_path / "editorial.html")
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "<title>UNSC Panel on N. Korea Sanctions" in page
    assert "Russia’s" in page  # UTF-8, not mangled
    assert "<link" not in page and "<script" not in page  # nothing to fetch


def test_save_refuses_a_name_that_is_not_a_web_page(seed, tmp_path):
    notebook = tmp_path / "my_notes.ipynb"
    notebook.write_text("{}", encoding="utf-8")
    with pytest.raises(kit.ArgumentError, match=r"\.html"):
        kit.highlight(seed).save(notebook)
    assert notebook.read_text(encoding="utf-8") == "{}"  # nothing the student made is lost


def test_save_into_a_missing_folder_says_what_to_do(seed, tmp_path):
    with pytest.raises(kit.SaveError, match="Create the folder"):
        kit.highlight(seed).save(tmp_path / "nowhere" / "page.html")
    with pytest.raises(kit.ArgumentError, match="file name"):
        kit.highlight(seed).save(None)


def test_highlight_runs_on_every_test_article():
    for folder in sorted(ARTICLES.iterdir()):
        page = kit.highlight(folder)
        assert kit.load(folder).headline.split()[0] in html.unescape(page.html)


def test_spans_placed_by_sentence_and_phrase_like_an_expert_key(seed):
    techniques = pd.DataFrame(
        {
            "sentence_id": [1, 1, 6],
            "label": ["loaded_language", "appeal_to_fear", "exaggeration"],
            "phrase": ["a dangerous act", "threatens world  peace and security", "Will Inevitably"],
        }
    )
    marks = _marks(kit.highlight(seed, techniques).html)
    assert [text for _, _, text in marks] == [
        "a dangerous act",
        "threatens world peace and security",
        "will inevitably",
    ]
    claims = pd.DataFrame({"sentence_id": [2, 3], "label": ["opinion", "prediction"]})
    marks = _marks(kit.highlight(seed, claims).html)
    assert [text for _, _, text in marks] == seed.sentences.text[1:3].tolist()
    assert marks[1][1].startswith("prediction: It has become highly likely") and marks[1][
        1
    ].endswith("…")


@pytest.mark.parametrize(
    ("spans", "message"),
    [
        (pd.DataFrame({"sentence_id": [99], "label": ["x"]}), "numbered 1 to 22"),
        (pd.DataFrame({"sentence_id": [1.5], "label": ["x"]}), "numbered 1 to 22"),
        (pd.DataFrame({"sentence_id": ["one"], "label": ["x"]}), "numbered 1 to 22"),
        (
            pd.DataFrame({"sentence_id": [1], "label": ["x"], "phrase": ["penguins"]}),
            "not in sentence 1",
        ),
    ],
)
def test_spans_by_sentence_that_do_not_fit_are_kit_errors(seed, spans, message):
    with pytest.raises(kit.ArgumentError, match=message):
        kit.highlight(seed, spans)


# -- regressions from a review on fresh texts ----------------------------------------


def test_labels_of_ones_own_never_look_like_a_kit_category_or_each_other(seed):
    import warnings

    sentences = seed.sentences
    custom = [f"label {n}" for n in range(30)]
    rows = [
        {"label": label, "start": int(row.start), "end": int(row.start) + 3}
        for label, row in zip(custom, sentences.itertuples(), strict=False)
    ]
    spans = kit.markers(seed).rename(columns={"category": "label"})
    spans = pd.concat([spans, pd.DataFrame(rows)], ignore_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error", kit.KitWarning)
        page = kit.highlight(seed, spans)
    looks = [page.styles[label] for label in page.labels]
    assert len(page.labels) == 5 + len(rows)
    assert len(set(looks)) == len(looks)
    # with only one kit category present, a label of one's own still looks like none of them
    page = kit.highlight(seed, pd.concat([spans[spans.label == "hedge"], pd.DataFrame(rows[:3])]))
    kit_looks = {kit.highlight(seed).styles[name] for name in kit.markers(seed).category}
    assert not {page.styles[label] for label in custom[:3]} & kit_looks


def test_beyond_the_distinct_looks_a_warning_says_so(seed):
    rows = [{"label": f"l{n}", "sentence_id": 1 + n % 20} for n in range(40)]
    with pytest.warns(kit.KitWarning, match="share a look"):
        kit.highlight(seed, pd.DataFrame(rows))


@pytest.mark.parametrize(
    ("spans", "message"),
    [
        ({"category": ["x"], "start": [100.5], "end": [110]}, "whole numbers"),
        ({"category": [None], "start": [100], "end": [110]}, "no category"),
        ({"label": [float("nan")], "start": [100], "end": [110]}, "no label"),
        ({"category": ["x"], "start": [0], "end": [5]}, "into the headline"),
        ({"label": ["claim"], "sentence_id": ["3"]}, "without quotes"),
    ],
)
def test_doubtful_spans_are_kit_errors(seed, spans, message):
    with pytest.raises(kit.ArgumentError, match=message):
        kit.highlight(seed, pd.DataFrame(spans))


def test_a_span_in_the_source_line_is_an_error_not_counted(seed):
    end = len(seed.text.rstrip())
    with pytest.raises(kit.ArgumentError, match="source line"):
        kit.highlight(seed, pd.DataFrame({"category": ["x"], "start": [end - 5], "end": [end]}))


def test_whole_float_offsets_are_fine(seed):
    start = int(kit.markers(seed).start.iloc[0])
    page = kit.highlight(
        seed, pd.DataFrame({"category": ["x"], "start": [start * 1.0], "end": [start + 3.0]})
    )
    assert len(page.spans) == 1


def test_save_over_a_file_replaces_it_and_a_null_in_the_name_is_a_kit_error(seed, tmp_path):
    target = tmp_path / "page.html"
    target.write_text("old", encoding="utf-8")
    kit.highlight(seed).save(target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(kit.SaveError, match="null"):
        kit.highlight(seed).save(str(tmp_path / "a\0b.html"))


def test_claim_labels_have_the_charts_colours_whatever_the_tables_order(seed):
    sentences = seed.sentences
    claims = ["fact", "opinion", "prediction", "speculation", "mixed"]
    looks = []
    for order in (claims, claims[::-1], ["mixed", "fact", "speculation", "opinion", "prediction"]):
        spans = pd.DataFrame(
            {"start": sentences.start[:5], "end": sentences.end[:5], "label": order}
        )
        page = kit.highlight(seed, spans)
        assert {label: page.styles[label][0] for label in claims} == kit.charts.CLAIM_COLOURS
        looks.append({label: page.styles[label] for label in claims})
    assert looks[0] == looks[1] == looks[2]
    assert len(set(looks[0].values())) == 5
    # beside the kit's marker categories, no claim label looks like one of them
    kit_looks = {kit.highlight(seed).styles[name] for name in kit.markers(seed).category}
    assert not set(looks[0].values()) & kit_looks


def test_labels_of_ones_own_beside_claim_labels_never_share_a_look(seed):
    sentences = seed.sentences
    labels = ["fact", "opinion", "prediction", "speculation", "mixed"] + [
        f"own-{n}" for n in range(8)
    ]
    spans = pd.DataFrame(
        {
            "start": sentences.start[: len(labels)],
            "end": sentences.end[: len(labels)],
            "label": labels,
        }
    )
    page = kit.highlight(seed, spans)
    looks = [page.styles[label] for label in labels]
    assert len(set(looks)) == len(looks)
