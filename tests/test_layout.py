"""Headline, body and source line found in the many shapes articles arrive in."""

import datetime as dt

import pytest

import kit

BODY = "Russia vetoed the resolution. China abstained.\n\nThe panel's mandate lapsed."


@pytest.mark.parametrize(
    "source_line, outlet, date",
    [
        ("(From The Yomiuri Shimbun, April 6, 2024)", "The Yomiuri Shimbun", dt.date(2024, 4, 6)),
        ("(From The Harbour Times, 14 September 2023)", "The Harbour Times", dt.date(2023, 9, 14)),
        ("(From Valley Ledger, Sept. 5, 2024)", "Valley Ledger", dt.date(2024, 9, 5)),
        ("(From The Northern Review, 2022-11-30)", "The Northern Review", dt.date(2022, 11, 30)),
        ("(The Japan News, Jan. 2, 2020)", "The Japan News", dt.date(2020, 1, 2)),
        ("Source: Smith, Jones & Co., 3rd May 2021", "Smith, Jones & Co.", dt.date(2021, 5, 3)),
        ("(From Reuters)", "Reuters", None),
    ],
)
def test_outlet_and_date_come_from_the_source_line(source_line, outlet, date):
    doc = kit.Document.from_string(f"Headline\n\n{BODY}\n\n{source_line}\n")
    assert (doc.outlet, doc.date) == (outlet, date)
    assert doc.source_line == source_line
    assert len(doc.paragraphs) == 2, "the source line is not a paragraph"


@pytest.mark.parametrize(
    "last_paragraph",
    ["(Reuters)", "From the start, the council ignored the warnings.", "(It was 2024, after all.)"],
)
def test_a_last_paragraph_that_is_not_a_source_line_stays_in_the_body(last_paragraph):
    doc = kit.Document.from_string(f"Headline\n\n{BODY}\n\n{last_paragraph}")
    assert doc.source_line is None and doc.outlet is None and doc.date is None
    assert doc.paragraphs.text.iloc[-1] == last_paragraph


def test_an_impossible_date_warns_and_leaves_the_date_unknown_but_keeps_the_outlet():
    with pytest.warns(kit.KitWarning, match="could not read 'April 31, 2024'"):
        doc = kit.Document.from_string(f"Headline\n\n{BODY}\n\n(From The Daily, April 31, 2024)")
    assert doc.outlet == "The Daily" and doc.date is None


def test_metadata_given_in_python_is_checked_like_meta_toml():
    doc = kit.Document.from_string(f"Headline\n\n{BODY}", date="2024-05-01")
    assert doc.date == dt.date(2024, 5, 1)
    with pytest.raises(kit.MetadataError, match='"date" must be a date'):
        kit.Document.from_string(f"Headline\n\n{BODY}", date="yesterday")


def test_source_line_directly_under_the_last_paragraph():
    doc = kit.Document.from_string(f"Headline\n\n{BODY}\n(From The Daily, May 1, 2024)")
    assert doc.outlet == "The Daily"
    assert doc.paragraphs.text.iloc[-1] == "The panel's mandate lapsed."


def test_windows_line_endings_keep_offsets_exact():
    text = f"Headline\r\n\r\n{BODY}\r\n\r\n(From The Daily, May 1, 2024)\r\n".replace(
        "\n\n", "\r\n\r\n"
    )
    doc = kit.Document.from_string(text)
    assert doc.headline == "Headline" and len(doc.paragraphs) == 2 and len(doc.sentences) == 3
    for row in doc.sentences.itertuples():
        assert doc.text[row.start : row.end] == row.text and "\r" not in row.text


def test_hard_wrapped_paragraphs_are_one_paragraph_each():
    text = "Headline\n\nRussia vetoed the\nresolution. China\nabstained.\n\nIt lapsed.\n"
    doc = kit.Document.from_string(text)
    assert doc.paragraphs.text.tolist() == [
        "Russia vetoed the\nresolution. China\nabstained.",
        "It lapsed.",
    ]
    assert doc.sentences.text.tolist() == [
        "Russia vetoed the\nresolution.",
        "China\nabstained.",
        "It lapsed.",
    ]


def test_text_without_blank_lines_has_one_paragraph_per_line():
    doc = kit.Document.from_string("Headline\nFirst paragraph.\nSecond paragraph.\n")
    assert doc.headline == "Headline"
    assert doc.paragraphs.text.tolist() == ["First paragraph.", "Second paragraph."]


def test_genre_comes_from_a_headline_label_when_there_is_no_meta():
    assert kit.Document.from_string(f"Editorial: Veto\n\n{BODY}").genre == "editorial"
    assert kit.Document.from_string(f"Opinion | Veto\n\n{BODY}").genre == "opinion"
    assert kit.Document.from_string(f"Veto\n\n{BODY}").genre is None


def test_meta_wins_over_what_the_text_says():
    doc = kit.Document.from_string(
        f"Headline\n\n{BODY}\n\n(From The Daily, May 1, 2024)", outlet="The Weekly", genre="column"
    )
    assert (doc.outlet, doc.genre, doc.date) == ("The Weekly", "column", dt.date(2024, 5, 1))


def test_document_shows_itself_for_people():
    doc = kit.Document.from_string(f"<b>Veto</b>\n\n{BODY}\n\n(From The Daily, May 1, 2024)")
    assert "2 paragraphs, 3 sentences" in repr(doc)
    page = doc._repr_html_()
    assert "&lt;b&gt;Veto&lt;/b&gt;" in page and "<b>Veto" not in page
    assert "The Daily, 1 May 2024" in page


def test_tables_are_fresh_copies_students_can_change():
    doc = kit.Document.from_string(f"Headline\n\n{BODY}")
    table = doc.sentences
    table.loc[0, "text"] = "changed"
    assert doc.sentences.loc[0, "text"] == "Russia vetoed the resolution."


def test_one_paragraph_per_line_inside_a_block_when_lines_are_long_sentences():
    long_one = "Russia vetoed the resolution that would have extended the mandate of the panel of experts by a year."
    long_two = "China abstained, and the other thirteen members of the Security Council voted in favour of the text."
    text = (
        f"Headline\n\n{long_one}\n{long_two}\nThe mandate lapsed.\n\n(From The Daily, May 1, 2024)"
    )
    doc = kit.Document.from_string(text)
    assert doc.paragraphs.text.tolist() == [long_one, long_two, "The mandate lapsed."]


def test_a_wrapped_paragraph_with_a_long_line_ending_mid_sentence_stays_whole():
    first = "Russia vetoed the resolution that would have extended the mandate of the panel of experts by"
    text = f"Headline\n\n{first} a\nwhole year, said the envoy.\n\nIt lapsed."
    doc = kit.Document.from_string(text)
    assert doc.paragraphs.text.iloc[0] == f"{first} a\nwhole year, said the envoy."


def test_byline_under_the_headline_is_the_first_paragraph_not_the_headline():
    doc = kit.Document.from_string(
        f"Russia vetoes panel\nBy Jane Smith, Diplomatic Editor\n\n{BODY}"
    )
    assert doc.headline == "Russia vetoes panel"
    assert doc.paragraphs.text.iloc[0] == "By Jane Smith, Diplomatic Editor"


def test_invisible_characters_do_not_reach_the_headline_or_make_paragraphs():
    body = BODY.replace("\n\n", "\n\u200b\n")  # a "blank" line holding a zero-width space
    doc = kit.Document.from_string("\ufeffVeto\u200b\n\n" + body)
    assert doc.headline == "Veto"
    assert len(doc.paragraphs) == 2
    assert "\u200b" not in "".join(doc.sentences.text)


@pytest.mark.parametrize("newline", ["\r\r\n", "\r", "\u2029", "\x85"])
def test_unusual_line_breaks(newline):
    text = "Veto{n}{n}Russia vetoed it, a move that{n}ended the panel.{n}{n}China abstained."
    doc = kit.Document.from_string(text.format(n=newline))
    assert len(doc.paragraphs) == 2
    assert doc.sentences.text.iloc[0].startswith("Russia vetoed it, a move that")
    assert doc.sentences.text.iloc[0].endswith("ended the panel.")


def test_a_subheading_among_one_line_paragraphs():
    long_one = "Russia vetoed the resolution that would have extended the mandate of the panel of experts by a year."
    long_two = "Diplomats expect the sanctions to stay in force, though nobody will now report on how they are kept."
    doc = kit.Document.from_string(f"Veto\n\n{long_one}\nWhat happens next\n{long_two}")
    assert doc.paragraphs.text.tolist() == [long_one, "What happens next", long_two]


def test_bulleted_and_numbered_lists_are_one_paragraph_per_item():
    doc = kit.Document.from_string(
        "Veto\n\nKey points:\n- Russia vetoed the resolution.\n- China abstained.\n\n"
        "Steps:\n1. The vote.\n2. The lapse, which came\non 30 April."
    )
    assert doc.paragraphs.text.tolist() == [
        "Key points:", "- Russia vetoed the resolution.", "- China abstained.",
        "Steps:", "1. The vote.", "2. The lapse, which came\non 30 April.",
    ]  # fmt: skip


def test_a_last_sentence_starting_with_from_is_not_a_source_line():
    doc = kit.Document.from_string(f"Prices\n\n{BODY}\n\nFrom Tokyo to Paris, prices rose in 2024.")
    assert doc.outlet is None and doc.source_line is None
    assert doc.paragraphs.text.iloc[-1] == "From Tokyo to Paris, prices rose in 2024."


@pytest.mark.parametrize(
    "source_line, outlet, date",
    [
        ("(From The Hindu (Chennai), April 6, 2024)", "The Hindu (Chennai)", dt.date(2024, 4, 6)),
        ("(From The Yomiuri Shimbun, April 6, 2024.)", "The Yomiuri Shimbun", dt.date(2024, 4, 6)),
        ("(From The Guardian, Saturday 6 April 2024)", "The Guardian", dt.date(2024, 4, 6)),
        ("(From The Guardian, Sat 6 Apr 2024 09.00 BST)", "The Guardian", dt.date(2024, 4, 6)),
        ("— The Economist, April 6 2024", "The Economist", dt.date(2024, 4, 6)),
    ],
)
def test_source_lines_in_the_forms_outlets_use(source_line, outlet, date):
    doc = kit.Document.from_string(f"Veto\n\n{BODY}\n\n{source_line}")
    assert (doc.outlet, doc.date) == (outlet, date)


def test_an_ambiguous_numeric_date_is_left_unknown_with_advice():
    with pytest.warns(kit.KitWarning, match="Write it like April 6, 2024"):
        doc = kit.Document.from_string(f"Veto\n\n{BODY}\n\n(From Reuters, 06/04/2024)")
    assert doc.outlet == "Reuters" and doc.date is None


def test_genre_cue_needs_a_separator_not_a_hyphenated_word():
    assert kit.Document.from_string(f"Letter-bomb suspect held\n\n{BODY}").genre is None
    assert kit.Document.from_string(f"Review - The new opera\n\n{BODY}").genre == "review"


def test_counts_read_as_english():
    doc = kit.Document.from_string("Veto\n\nRussia vetoed it.", date=None)
    assert "1 paragraph, 1 sentence)" in repr(doc) and "3 words" in doc._repr_html_()
    assert doc.date is None


def test_from_string_takes_bytes_and_a_meta_dict():
    doc = kit.Document.from_string(
        f"Veto\n\n{BODY}".encode("utf-16"), meta={"outlet": "X", "date": "April 6, 2024"}
    )
    assert (doc.outlet, doc.date, doc.encoding) == ("X", dt.date(2024, 4, 6), "utf-16")
