"""Reading a fact sheet strictly, and writing a template for a text that has none."""

import csv

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit

TEXT = (
    "Veto vote\n\n"
    "Russia vetoed the draft on 28 March 2024. It was a “dangerous act” by Russia, a dangerous one.\n\n"
    "The panel will end in April. Russia’s envoy spoke of a sunset clause.\n"
)
HEADER = "claim_id,sentence_id,quote,claim,record,verdict,confidence,sources"
GOOD_ROW = 'veto,1,vetoed the draft,Russia vetoed,"13-1-1, China abstained",supported,high,SC/15648'


@pytest.fixture
def article(write_text):
    """A text in its own folder; ``sheet(lines)`` writes its facts.csv."""
    path = write_text(TEXT)
    doc = kit.load(path.parent)

    def sheet(*lines, encoding="utf-8"):
        target = path.parent / "facts.csv"
        target.write_bytes("\n".join(lines).encode(encoding) + b"\n")
        return target

    return doc, sheet


def test_a_good_row_points_at_its_words(article):
    doc, sheet = article
    sheet(
        HEADER,
        GOOD_ROW,
        "envoy,4,Russia's envoy,Russia asked for a time limit,,supported,Medium,KBS",
    )
    table = kit.claims(doc)
    assert table.claim_id.tolist() == ["veto", "envoy"]
    for row in table.itertuples():
        assert doc.text[row.start : row.end] == row.quote
    # typed with a straight apostrophe: the table gives the text's own words
    assert table.quote.tolist() == ["vetoed the draft", "Russia’s envoy"]
    assert table.confidence.tolist() == ["high", "medium"]
    assert table.line.tolist() == [2, 3]
    assert table.expert_label.isna().all()  # no expert key for this text
    assert table.kind.tolist() == ["claim", "claim"]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (GOOD_ROW.replace("supported", "true"), ["line 2", "verdict", "'true'", "not verifiable"]),
        (GOOD_ROW.replace("supported", "suported"), ["line 2", "Did you mean 'supported'"]),
        (GOOD_ROW.replace(",high,", ",certain,"), ["line 2", "confidence", "medium-high"]),
        (GOOD_ROW.replace(",high,", ",,"), ["line 2", "confidence is empty"]),
        (
            GOOD_ROW.replace("vetoed the draft", "vetoed a draft"),
            ["line 2", "is not in sentence 1"],
        ),
        (GOOD_ROW.replace("1,vetoed the draft", "2,dangerous"), ["line 2", "appears 2 times"]),
        (GOOD_ROW.replace("vetoed the draft", ""), ["line 2", "quote is empty"]),
        (GOOD_ROW.replace("veto,1,", "veto,9,"), ["line 2", "no sentence 9", "1 to 4"]),
        (GOOD_ROW.replace("veto,1,", "veto,one,"), ["line 2", "not a sentence number"]),
        (GOOD_ROW.replace("SC/15648", ""), ["line 2", "no sources"]),
    ],
)
def test_a_bad_row_names_its_line_and_the_fix(article, row, expected):
    doc, sheet = article
    sheet(HEADER, row)
    with pytest.raises(kit.FactSheetError) as caught:
        kit.claims(doc)
    message = str(caught.value)
    assert message.startswith("facts.csv, line")
    for words in expected:
        assert words in message


def test_the_line_counts_rows_that_span_lines(article):
    doc, sheet = article
    sheet(
        HEADER,
        GOOD_ROW.replace('"13-1-1, ', '"13-1-1,\nwith '),
        GOOD_ROW.replace("veto,", "again,").replace(",high,", ",sure,"),
    )
    with pytest.raises(kit.FactSheetError, match="line 4"):
        kit.claims(doc)


def test_duplicate_ids_and_unknown_kinds_are_refused(article):
    doc, sheet = article
    sheet(HEADER, GOOD_ROW, GOOD_ROW)
    with pytest.raises(kit.FactSheetError, match=r"line 3.*already used on line 2"):
        kit.claims(doc)
    sheet(HEADER + ",kind", GOOD_ROW + ",gap")
    with pytest.raises(kit.FactSheetError, match=r"kind.*Allowed: claim, omission"):
        kit.claims(doc)


def test_cited_as_must_be_the_texts_words(article):
    doc, sheet = article
    sheet(HEADER + ",cited_as", GOOD_ROW + ",according to the UN")
    with pytest.raises(kit.FactSheetError, match="cited_as 'according to the UN' is not in"):
        kit.claims(doc)


def test_missing_columns_are_named(article):
    doc, sheet = article
    sheet("claim_id,sentence_id,quote,verdict", "veto,1,vetoed the draft,supported")
    with pytest.raises(kit.FactSheetError) as caught:
        kit.claims(doc)
    assert "line 1" in str(caught.value)
    assert "claim, record, confidence, sources are missing" in str(caught.value)


def test_a_sheet_not_saved_as_utf8_is_refused_with_advice(article):
    doc, sheet = article
    sheet(HEADER, GOOD_ROW, GOOD_ROW.replace("veto,", "café,"), encoding="cp1252")
    with pytest.raises(kit.FactSheetError, match=r"line 3: the file is not UTF-8.*CSV UTF-8"):
        kit.claims(doc)


def test_excel_files_read_back(article):
    """A BOM, semicolons, CRLF line ends and a formula-escaped cell are all Excel's doing."""
    doc, sheet = article
    path = sheet(
        HEADER.replace(",", ";"),
        GOOD_ROW.replace(",", ";").replace('"13-1-1; China abstained"', "'=13-1-1"),
        encoding="utf-8-sig",
    )
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    (row,) = kit.claims(doc).itertuples()
    assert (row.claim_id, row.record, row.sources) == ("veto", "=13-1-1", "SC/15648")


def test_a_text_without_a_sheet_says_how_to_start_one(write_text):
    doc = kit.load(write_text(TEXT).parent)
    with pytest.raises(kit.NoFactSheetError, match="fact_sheet_template"):
        kit.claims(doc)
    with pytest.raises(kit.NoFactSheetError):
        kit.sentence_verdicts(kit.Document.from_string(TEXT))
    with pytest.raises(kit.FactSheetError, match="no fact sheet at"):
        kit.claims(doc, sheet=doc.path.parent / "nothing.csv")
    with pytest.raises(kit.ArgumentError):
        kit.claims(doc, sheet=3)


def test_the_template_lists_every_sentence_and_reads_back_empty(tmp_path):
    doc = kit.Document.from_string(TEXT)
    path = kit.fact_sheet_template(doc, tmp_path / "mine.csv")
    table = pd.read_csv(path, keep_default_na=False)
    assert table.sentence_id.tolist() == doc.sentences.sentence_id.tolist()
    assert table.sentence.tolist() == doc.sentences.text.tolist()
    assert (table.verdict == "").all() and (table.quote == "").all()
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    claims = kit.claims(doc, sheet=path)
    assert claims.empty and claims.attrs["unfilled"] == 4
    assert not kit.sentence_verdicts(doc, sheet=path).checks_out.any()


def test_a_filled_in_template_is_read(tmp_path):
    doc = kit.Document.from_string(TEXT)
    path = kit.fact_sheet_template(doc, tmp_path)
    assert path.name == "facts.csv"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[2].update(quote="will end in April", verdict="Not verifiable", confidence="high")
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    (row,) = kit.claims(doc, sheet=path).itertuples()
    assert (row.sentence_id, row.verdict, row.claim_id) == (3, "not verifiable", "line-4")
    verdicts = kit.sentence_verdicts(doc, sheet=path)
    assert verdicts.verdict.tolist() == [
        "not on the sheet", "not on the sheet", "not verifiable", "not on the sheet"
    ]  # fmt: skip


def test_the_template_never_overwrites(tmp_path):
    doc = kit.Document.from_string(TEXT)
    path = tmp_path / "facts.csv"
    path.write_text("my work", encoding="utf-8")
    with pytest.raises(kit.FactSheetError, match=r"already exists.*safe"):
        kit.fact_sheet_template(doc, path)
    assert path.read_text(encoding="utf-8") == "my work"
    with pytest.raises(kit.FactSheetError, match="no folder"):
        kit.fact_sheet_template(doc, tmp_path / "missing" / "facts.csv")


def test_the_template_defuses_formulas(tmp_path):
    doc = kit.Document.from_string("Sums\n\n=1+1 is two. That is all.\n")
    path = kit.fact_sheet_template(doc, tmp_path / "facts.csv")
    assert "'=1+1 is two." in path.read_text(encoding="utf-8-sig")


def test_a_workbook_saved_as_csv_is_named_for_what_it_is(article):
    doc, sheet = article
    path = sheet(HEADER)
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)))
    with pytest.raises(kit.FactSheetError, match="workbook"):
        kit.claims(doc)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_file_is_read_or_refused_with_the_kits_error(article, content):
    doc, sheet = article
    path = sheet(HEADER)
    path.write_bytes(HEADER.encode() + b"\n" + content)
    try:
        table = kit.claims(doc)
    except kit.FactSheetError as error:
        assert str(error).startswith("facts.csv")
    else:
        for row in table.itertuples():
            assert doc.text[row.start : row.end] == row.quote


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_quote_copied_from_a_sentence_points_back_at_it(tmp_path_factory, data):
    doc = kit.load("yomiuri-2024-04-06")
    sentence = data.draw(st.sampled_from(list(doc.sentences.itertuples())))
    words = sentence.text.split()
    first = data.draw(st.integers(0, len(words) - 1))
    last = data.draw(st.integers(first + 1, min(len(words), first + 8)))
    quote = " ".join(words[first:last])
    path = tmp_path_factory.mktemp("sheet") / "facts.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER.split(","))
        writer.writerow(["q", sentence.sentence_id, quote, "c", "r", "opinion", "high", ""])
    try:
        (row,) = kit.read_fact_sheet(path, doc).itertuples()
    except kit.FactSheetError as error:
        assert "times in sentence" in str(error)  # the words occur more than once
    else:
        assert doc.text[row.start : row.end] == quote
        assert sentence.start <= row.start and row.end <= sentence.end
