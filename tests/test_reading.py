"""Reading tools: concordance, keywords, collocations, actor mentions, tone."""

import re

import pytest
from conftest import ARTICLES, SEED

import kit


@pytest.fixture(scope="module")
def seed():
    return kit.load(SEED)


# -- concordance ----------------------------------------------------------------


def test_concordance_list_finds_every_occurrence_with_offsets(seed):
    rows = seed.concordance_list("veto")
    expected = [m.start() for m in re.finditer(r"\bveto\b", seed.body, re.I)]
    body_start = seed.text.index(seed.body)
    assert rows.start.tolist() == [body_start + start for start in expected]
    assert list(rows.columns) == ["sentence_id", "left", "match", "right", "start", "end"]
    for row in rows.itertuples():
        assert seed.text[row.start : row.end] == row.match
        assert re.sub(r"\s+", " ", seed.text[: row.start]).endswith(row.left)
        assert re.sub(r"\s+", " ", seed.text[row.end :]).startswith(row.right)


def test_concordance_ignores_case_and_apostrophe_style(seed):
    assert len(seed.concordance_list("RUSSIA")) == 14
    curly = seed.concordance_list("Russia’s").match.tolist()
    straight = seed.concordance_list("Russia's").match.tolist()
    assert curly == straight == ["Russia’s", "Russia’s"]


def test_concordance_finds_phrases_and_abbreviations(seed):
    assert seed.concordance_list("veto power").match.tolist() == ["veto power"] * 3
    assert len(seed.concordance_list("U.N.")) == 2
    assert len(seed.concordance_list("north korea")) == 12


def test_concordance_prints_for_people(seed, capsys):
    seed.concordance("inevitably", width=60)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Displaying 1 of 1 matches for 'inevitably':"
    assert "system will inevitably become lax" in out[1]
    assert out[1].index("inevitably") == 29  # the keyword lines up in the middle


def test_concordance_limits_the_lines_printed(seed, capsys):
    seed.concordance("Russia", lines=3)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Displaying 3 of 14 matches for 'Russia':"
    assert len(out) == 4


def test_concordance_says_no_matches_instead_of_raising(seed, capsys):
    seed.concordance("penguin")
    assert capsys.readouterr().out.strip() == "no matches for 'penguin'"
    assert seed.concordance_list("penguin").empty


@pytest.mark.parametrize("word", [None, 42, "", "   "])
def test_concordance_of_nothing_is_a_kit_error(seed, word):
    with pytest.raises(kit.ArgumentError, match="word or a phrase"):
        seed.concordance(word)


def test_kit_concordance_takes_a_text_name(capsys):
    kit.concordance(SEED, "panel", lines=1)
    assert "Displaying 1 of 8" in capsys.readouterr().out


# -- keywords -------------------------------------------------------------------


def test_keywords_count_content_words_without_function_words(seed):
    table = kit.keywords(seed, n=5)
    assert list(table.columns) == ["word", "count"]
    assert table.values.tolist()[:2] == [["korea", 15], ["russia", 14]]
    words = [w.lower() for w in seed.words.token]
    for word, count in table.values:
        assert words.count(word) == count
    assert not set(kit.keywords(seed, n=100).word) & kit.stopwords()


def test_keywords_merge_curly_and_straight_apostrophes():
    doc = kit.Document.from_string("T\n\nThe council’s plan. The council's vote. Councils vote.")
    assert kit.keywords(doc, n=2).values.tolist() == [["council", 2], ["vote", 2]]


@pytest.mark.parametrize("n", [0, -1, "5", 2.5, True])
def test_keywords_n_must_be_a_positive_whole_number(seed, n):
    with pytest.raises(kit.ArgumentError, match="n="):
        kit.keywords(seed, n=n)


def test_stopwords_are_the_kits_own_list():
    words = kit.stopwords()
    assert {"the", "of", "and", "is", "may", "will", "n't", "'s"} <= words
    assert not {"veto", "russia", "panel", "sanctions"} & words
    assert all(word == word.lower() and "’" not in word for word in words)


# -- collocations -----------------------------------------------------------------


def test_collocations_of_the_seed(seed):
    table = kit.collocations(seed)
    assert list(table.columns) == ["bigram", "count", "score"]
    assert table.bigram.iloc[0] == "north korea" and table["count"].iloc[0] == 12
    assert {"veto power", "security council", "united states"} <= set(table.bigram)
    assert table.score.is_monotonic_decreasing
    assert (table["count"] >= 2).all()


def test_collocations_do_not_cross_sentences_or_function_words():
    doc = kit.Document.from_string("T\n\nThey met Korea. North came. They met Korea. North came.")
    pairs = set(kit.collocations(doc, min_count=1).bigram)
    assert "korea north" not in pairs
    assert not any(word in kit.stopwords() for pair in pairs for word in pair.split())


def test_collocations_of_a_short_text_are_an_empty_table():
    table = kit.collocations(kit.Document.from_string("T\n\nOne short line."))
    assert table.empty and list(table.columns) == ["bigram", "count", "score"]


# -- actor mentions -----------------------------------------------------------------


def test_actor_mentions_per_paragraph(seed):
    table = kit.actor_mentions(seed)
    assert list(table.columns) == ["paragraph", "actor", "mentions"]
    actors = table.actor.unique().tolist()
    assert actors[:3] == ["North Korea", "Russia", "United Nations"]
    assert len(table) == 13 * len(actors)  # every paragraph, every actor
    totals = table.groupby("actor").mentions.sum()
    assert totals["Russia"] == 18  # 14 × Russia + 4 × Moscow
    assert totals["North Korea"] == 15  # 12 + North Korean + 2 × Pyongyang
    markers = kit.markers(seed).query("category == 'actor'")
    assert totals.sum() == len(markers)
    first = table[table.paragraph == 1].set_index("actor").mentions
    assert first["Russia"] == 2 and first["Japan"] == 0


def test_actor_mentions_take_extra_actors(seed):
    table = kit.actor_mentions(seed, extra={"actor": {"the panel": ["the panel"]}})
    assert table.groupby("actor").mentions.sum()["the panel"] == 7


def test_actor_mentions_of_a_text_without_actors():
    table = kit.actor_mentions(kit.Document.from_string("T\n\nThe boat left.\n\nIt rained."))
    assert table.empty and list(table.columns) == ["paragraph", "actor", "mentions"]


# -- tone -------------------------------------------------------------------------


def test_tone_scores_each_sentence(seed):
    table = kit.tone(seed)
    assert list(table.columns) == ["sentence_id", "neg", "neu", "pos", "compound"]
    assert table.sentence_id.tolist() == list(range(1, 23))
    assert table.compound.between(-1, 1).all()
    assert ((table.neg + table.neu + table.pos).round(2).between(0.99, 1.01)).all()


def test_tone_tells_negative_from_positive():
    doc = kit.Document.from_string(
        "T\n\nThis is a dangerous and shameful act. The vote was held on Tuesday. "
        "We are delighted by this wonderful success."
    )
    compound = kit.tone(doc).compound.tolist()
    assert compound[0] < -0.5 and compound[1] == 0 and compound[2] > 0.5


def test_tone_reads_curly_apostrophes_like_straight_ones():
    curly = kit.tone(kit.Document.from_string("T\n\nIt isn’t good."))
    straight = kit.tone(kit.Document.from_string("T\n\nIt isn't good."))
    assert curly.compound.tolist() == straight.compound.tolist()
    assert curly.compound.iloc[0] < 0  # the negation is read


def test_tone_runs_on_another_article():
    table = kit.tone(ARTICLES / "oakridge-library-oped")
    assert len(table) == len(kit.load(ARTICLES / "oakridge-library-oped").sentences)


# -- regressions from a review on fresh texts ----------------------------------------


def test_whole_numbers_from_numpy_are_accepted():
    import numpy as np

    doc = kit.Document.from_string("T\n\nThe veto ended the panel. The panel had a veto.")
    assert len(kit.keywords(doc, n=np.int64(2))) == 2
    assert len(kit.concordance_list(doc, "veto", width=np.int32(20))) == 2


def test_concordance_finds_a_part_of_a_hyphenated_word():
    doc = kit.Document.from_string(
        "T\n\nCyber-attacks rose. A cyber unit and anti-cyber-crime work."
    )
    rows = kit.concordance_list(doc, "cyber")
    assert rows.match.tolist() == ["Cyber", "cyber", "cyber"]
    assert all(doc.text[r.start : r.end] == r.match for r in rows.itertuples())


def test_no_match_says_why_when_it_can(capsys):
    doc = kit.Document.from_string("A Fragile Truce\n\nThe tariffs stay.")
    kit.concordance(doc, "fragile")
    assert "headline" in capsys.readouterr().out
    kit.concordance(doc, "tariff")
    assert "inside longer words" in capsys.readouterr().out


@pytest.mark.notebook
def test_lesson_on_a_short_text_explains_empty_results(tmp_path):
    """No actor and no pair seen twice: a sentence says so, not an empty table."""
    import json

    from conftest import REPO
    from notebook_runner import run_notebook

    folder = tmp_path / "short"
    folder.mkdir()
    (folder / "text.txt").write_text(
        "A short note\n\nThe library may close early on Fridays, the council said.\n",
        encoding="utf-8",
    )
    notebook = run_notebook(REPO / "notebooks" / "01_reading.ipynb", {"TEXT": str(folder)})
    shown = json.dumps([cell.get("outputs", []) for cell in notebook.cells])
    assert "Series([]" not in shown and "Empty DataFrame" not in shown
    assert "name no actor in this text" in shown and "occurs twice" in shown
    assert "min_count=1" in shown


def test_lesson_links_to_the_next_lesson_and_says_how_to_bring_a_text():
    import json

    from conftest import REPO

    notebook = json.loads((REPO / "notebooks" / "01_reading.ipynb").read_text(encoding="utf-8"))
    prose = "".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    assert "](02_annotating.ipynb)" in prose and "coming soon" not in prose
    assert (REPO / "notebooks" / "02_annotating.ipynb").exists()
    assert "text.txt" in prose and "Document.from_string" in prose and "English" in prose
