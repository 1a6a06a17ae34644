"""The annotator app: its buttons do what ``set`` and ``mark`` do, and it shows where you are."""

import json

import pytest
from conftest import SEED
from widget_parts import one, parts, text_of

import kit


@pytest.fixture(scope="module")
def doc():
    return kit.load(SEED)


def saved_labels(path):
    return [
        (e["sentence_id"], e["label"], e["note"]) for e in json.loads(path.read_text())["labels"]
    ]


def test_the_app_has_the_parts_the_browser_test_looks_for(doc, tmp_path):
    app = kit.Annotator(doc, path=tmp_path / "a.json").widget
    assert "kit-annotator" in app._dom_classes
    buttons = parts(app, "kit-label-button")
    assert [b.description for b in buttons] == [
        "Fact",
        "Opinion",
        "Prediction",
        "Speculation",
        "Mixed",
    ]
    assert "checked against the record" in buttons[0].tooltip
    for name in ("kit-next", "kit-prev", "kit-progress", "kit-note"):
        one(app, name)
    assert "0 of 22 labelled" in one(app, "kit-progress").value


def test_clicking_a_label_saves_it_and_moves_the_progress(doc, tmp_path):
    path = tmp_path / "a.json"
    annotator = kit.Annotator(doc, path=path)
    app = annotator.widget
    parts(app, "kit-label-button")[1].click()  # Opinion, on sentence 1
    assert saved_labels(path) == [(1, "opinion", "")]
    assert "1 of 22 labelled" in one(app, "kit-progress").value
    one(app, "kit-next").click()
    one(app, "kit-note").value = "checkable"
    parts(app, "kit-label-button")[0].click()  # Fact, on sentence 2, with the note
    assert saved_labels(path) == [(1, "opinion", ""), (2, "fact", "checkable")]
    assert "2 of 22 labelled" in one(app, "kit-progress").value


def test_editing_the_note_of_a_labelled_sentence_saves_it(doc, tmp_path):
    path = tmp_path / "a.json"
    app = kit.Annotator(doc, path=path).widget
    parts(app, "kit-label-button")[0].click()
    one(app, "kit-note").value = "resolution 1874"
    assert saved_labels(path) == [(1, "fact", "resolution 1874")]


def test_moving_shows_each_sentences_own_note(doc, tmp_path):
    path = tmp_path / "a.json"
    annotator = kit.Annotator(doc, path=path)
    annotator.set(1, "fact", note="first")
    annotator.set(2, "opinion", note="second")
    app = kit.Annotator(doc, path=path).widget  # opens at the first unlabelled: sentence 3
    note = one(app, "kit-note")
    assert note.value == ""
    one(app, "kit-prev").click()
    assert note.value == "second"
    one(app, "kit-prev").click()
    assert note.value == "first"
    one(app, "kit-next").click()
    assert note.value == "second"
    assert saved_labels(path) == [(1, "fact", "first"), (2, "opinion", "second")]


def test_the_app_shows_the_sentence_in_its_paragraph(doc, tmp_path):
    annotator = kit.Annotator(doc, path=tmp_path / "a.json")
    app = annotator.widget
    for _ in range(4):
        one(app, "kit-next").click()  # sentence 5, the second of paragraph 4
    shown = text_of(app)
    assert "Sentence 5 of 22 · paragraph 4" in shown
    assert "The panel, which was established in 2009" in shown  # its paragraph's first sentence


def test_prev_and_next_stop_at_the_ends(doc, tmp_path):
    app = kit.Annotator(doc, path=tmp_path / "a.json").widget
    assert one(app, "kit-prev").disabled
    for _ in range(30):
        one(app, "kit-next").click()
    assert one(app, "kit-next").disabled


def test_a_label_set_in_code_shows_in_the_app(doc, tmp_path):
    annotator = kit.Annotator(doc, path=tmp_path / "a.json")
    app = annotator.widget
    annotator.set(1, "speculation")
    assert "1 of 22 labelled" in one(app, "kit-progress").value
    chosen = [b.description for b in parts(app, "kit-label-button") if b.button_style]
    assert chosen == ["Speculation"]


def test_the_span_app_marks_the_typed_phrase(doc, tmp_path):
    path = tmp_path / "t.json"
    annotator = kit.Annotator(doc, scheme="techniques", path=path)
    app = annotator.widget
    one(app, "kit-phrase").value = "a dangerous act"
    parts(app, "kit-label-button")[0].click()
    assert annotator.labels[["sentence_id", "label", "phrase"]].values.tolist() == [
        [1, "loaded_language", "a dangerous act"]
    ]
    assert "1 of 22 labelled" in one(app, "kit-progress").value


def test_a_phrase_not_found_shows_a_message_in_the_app_not_a_traceback(doc, tmp_path):
    annotator = kit.Annotator(doc, scheme="techniques", path=tmp_path / "t.json")
    app = annotator.widget
    one(app, "kit-phrase").value = "not in this sentence"
    parts(app, "kit-label-button")[0].click()  # must not raise
    shown = text_of(app)
    assert "is not in sentence 1" in shown
    assert annotator.labels.empty


def test_clear_button_removes_the_label(doc, tmp_path):
    path = tmp_path / "a.json"
    annotator = kit.Annotator(doc, path=path)
    app = annotator.widget
    parts(app, "kit-label-button")[0].click()
    one(app, "kit-clear").click()
    assert saved_labels(path) == []


def test_the_annotator_displays_as_the_widget(doc, tmp_path):
    annotator = kit.Annotator(doc, path=tmp_path / "a.json")
    bundle = annotator._repr_mimebundle_()
    assert (
        bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == annotator.widget.model_id
    )


def test_the_span_app_asks_for_a_phrase_first_and_clears_one_phrase(doc, tmp_path):
    annotator = kit.Annotator(doc, scheme="techniques", path=tmp_path / "t.json")
    app = annotator.widget
    parts(app, "kit-label-button")[0].click()
    assert "into the Phrase box" in text_of(app)
    for phrase in ("a dangerous act", "threatens world peace"):
        one(app, "kit-phrase").value = phrase
        parts(app, "kit-label-button")[0].click()
    one(app, "kit-phrase").value = "a dangerous act"
    one(app, "kit-clear").click()
    assert annotator.labels.phrase.tolist() == ["threatens world peace"]
    one(app, "kit-clear").click()  # an empty Phrase box: asks first, then the whole sentence
    assert "Click Clear again to remove all 1 mark" in text_of(app)
    assert not annotator.labels.empty
    one(app, "kit-clear").click()
    assert annotator.labels.empty
