"""The annotator: labels by code and by clicks, phrases found in their sentence, clear errors."""

import json

import pytest
from conftest import SEED

import kit

COLUMNS = ["annotator", "sentence_id", "label", "note", "start", "end", "phrase"]


@pytest.fixture(scope="module")
def doc():
    return kit.load(SEED)


@pytest.fixture
def claims(doc, tmp_path):
    return kit.Annotator(doc, path=tmp_path / "claims.json", annotator="Ana")


@pytest.fixture
def techniques(doc, tmp_path):
    return kit.Annotator(doc, scheme="techniques", path=tmp_path / "t.json", annotator="Ana")


def test_labels_is_a_tidy_table_whose_offsets_index_the_text(doc, claims):
    claims.set(9, "fact", note="resolution 2397")
    claims.set(2, "Opinion")
    table = claims.labels
    assert list(table.columns) == COLUMNS
    assert table.sentence_id.tolist() == [2, 9]
    assert table.label.tolist() == ["opinion", "fact"]
    for row in table.itertuples():
        assert doc.text[row.start : row.end] == row.phrase
        sentence = doc.sentences.set_index("sentence_id").loc[row.sentence_id]
        assert (row.start, row.end) == (sentence.start, sentence.end)


def test_an_empty_annotator_has_an_empty_table_with_the_columns(claims):
    assert list(claims.labels.columns) == COLUMNS
    assert claims.labels.empty
    assert claims.progress == "0 of 22 labelled"


def test_setting_again_replaces_the_label(claims):
    claims.set(1, "fact")
    claims.set(1, "mixed", note="guess and judgement")
    assert claims.labels[["label", "note"]].values.tolist() == [["mixed", "guess and judgement"]]


@pytest.mark.parametrize("bad", [0, 23, -1, "three", 2.5, True, None])
def test_a_sentence_that_does_not_exist_is_a_clear_error(claims, bad):
    with pytest.raises(kit.AnnotationError, match="sentences 1 to 22"):
        claims.set(bad, "fact")


def test_numpy_integers_are_sentence_ids(claims, doc):
    claims.set(doc.sentences.sentence_id.iloc[4], "fact")
    assert claims.labels.sentence_id.tolist() == [5]


def test_an_unknown_label_is_a_clear_error(claims):
    with pytest.raises(kit.SchemeError, match="Did you mean 'fact'"):
        claims.set(1, "fakt")
    assert claims.labels.empty


def test_a_note_must_be_text(claims):
    with pytest.raises(kit.AnnotationError, match="text in quotes"):
        claims.set(1, "fact", note=3)


def test_mark_finds_the_phrase_and_records_its_offsets(doc, techniques):
    techniques.mark(1, "a dangerous act", "loaded_language", note="fear")
    techniques.mark(1, "threatens world peace and security", "Appeal to fear")
    table = techniques.labels
    assert table.label.tolist() == ["loaded_language", "appeal_to_fear"]
    assert table.phrase.tolist() == ["a dangerous act", "threatens world peace and security"]
    for row in table.itertuples():
        assert doc.text[row.start : row.end] == row.phrase
    assert techniques.progress == "1 of 22 labelled (2 phrases marked)"


def test_mark_forgives_case_spaces_and_quote_styles(doc, techniques):
    techniques.mark(1, "  Moscow's   recent move ", "loaded_language")
    (row,) = techniques.labels.itertuples()
    assert row.phrase == "Moscow’s recent move"
    assert doc.text[row.start : row.end] == row.phrase


def test_a_phrase_not_in_the_sentence_is_a_clear_error(techniques):
    with pytest.raises(kit.AnnotationError, match="is not in sentence 2"):
        techniques.mark(2, "a dangerous act", "loaded_language")


def test_a_phrase_found_twice_asks_which_one(doc, techniques):
    sentence = doc.sentences.text.iloc[2]
    assert sentence.count("the ") > 1
    with pytest.raises(kit.AnnotationError, match=r"appears \d+ times.*occurrence=1"):
        techniques.mark(3, "the", "loaded_language")
    techniques.mark(3, "the", "loaded_language", occurrence=2)
    (row,) = techniques.labels.itertuples()
    start = doc.sentences.start.iloc[2]
    second = sentence.index("the", sentence.index("the") + 1)
    assert (row.start, row.end) == (start + second, start + second + 3)


def test_an_occurrence_out_of_range_is_a_clear_error(techniques):
    with pytest.raises(kit.AnnotationError, match="number from 1 to"):
        techniques.mark(3, "the", "loaded_language", occurrence=40)


def test_marking_the_same_phrase_twice_updates_its_note(techniques):
    techniques.mark(1, "a dangerous act", "loaded_language")
    techniques.mark(1, "a dangerous act", "loaded_language", note="strong")
    assert techniques.labels[["phrase", "note"]].values.tolist() == [["a dangerous act", "strong"]]


def test_clear_removes_a_sentence_or_one_phrase(techniques):
    techniques.mark(1, "a dangerous act", "loaded_language")
    techniques.mark(1, "threatens world peace", "appeal_to_fear")
    techniques.mark(2, "not qualified", "name_calling")
    techniques.clear(1, phrase="a dangerous act")
    assert techniques.labels.phrase.tolist() == ["threatens world peace", "not qualified"]
    techniques.clear(1)
    assert techniques.labels.sentence_id.tolist() == [2]


def test_the_wrong_method_for_the_scheme_says_which_to_use(claims, techniques):
    with pytest.raises(kit.AnnotationError, match=r"annotator.mark\(1"):
        techniques.set(1, "loaded_language")
    with pytest.raises(kit.AnnotationError, match=r"annotator.set\(1"):
        claims.mark(1, "a dangerous act", "fact")


def test_bad_arguments_are_kit_errors(doc, tmp_path):
    with pytest.raises(kit.ArgumentError, match=r"kit.load"):
        kit.Annotator("yomiuri-2024-04-06")
    with pytest.raises(kit.ArgumentError, match="your name"):
        kit.Annotator(doc, path=tmp_path / "x.json", annotator=7)
    with pytest.raises(kit.ArgumentError, match="file name"):
        kit.Annotator(doc, path=5)


def test_a_new_name_for_the_annotator_is_saved(doc, tmp_path):
    path = tmp_path / "x.json"
    kit.Annotator(doc, path=path, annotator="me").set(1, "fact")
    kit.Annotator(doc, path=path, annotator="Sam Lee")
    assert json.loads(path.read_text())["annotator"] == "Sam Lee"
    assert kit.Annotator(doc, path=path).labels.annotator.tolist() == ["Sam Lee"]


def test_the_default_name_is_never_root(doc, tmp_path, monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.setattr("getpass.getuser", lambda: "root")
    assert kit.Annotator(doc, path=tmp_path / "x.json").annotator == "me"
    monkeypatch.setenv("JUPYTERHUB_USER", "sam")
    assert kit.Annotator(doc, path=tmp_path / "y.json").annotator == "sam"


def test_the_whole_text_view_colours_every_labelled_sentence(claims):
    claims.set(1, "opinion")
    shown = claims.show().data
    assert "kit-whole-text" in shown
    assert shown.count("#e15759") >= 2  # the legend and sentence 1 in the opinion colour
    assert "not labelled yet" in shown


def test_clearing_a_phrase_that_is_not_marked_lists_the_marked_ones(techniques):
    techniques.mark(1, "a dangerous act", "loaded_language")
    with pytest.raises(kit.AnnotationError, match="its marked phrases: 'a dangerous act'"):
        techniques.clear(1, phrase="world peace")
    techniques.clear(1, phrase="A dangerous  act")  # the same slack as mark
    assert techniques.labels.empty


def test_mark_prefers_whole_words(tmp_path):
    doc = kit.Document.from_string("Veto\n\nThe actual act was an act of war.")
    annotator = kit.Annotator(doc, scheme="techniques", path=tmp_path / "t.json")
    with pytest.raises(kit.AnnotationError, match="appears 2 times"):  # not inside "actual"
        annotator.mark(1, "act", "loaded_language")
    annotator.mark(1, "act", "loaded_language", occurrence=1)
    (row,) = annotator.labels.itertuples()
    assert doc.text[row.start - 7 : row.end] == "actual act"
