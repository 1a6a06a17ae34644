"""Regressions from the independent review of annotating: one test (or a few) per defect."""

import json
import os
import shutil

import pytest
from conftest import SEED
from widget_parts import one, parts, text_of

import kit
from kit.annotate import store


@pytest.fixture(scope="module")
def doc():
    return kit.load(SEED)


@pytest.fixture
def claims(doc, tmp_path):
    annotator = kit.Annotator(doc, path=tmp_path / "mine.json", annotator="sam")
    annotator.set(1, "fact")
    annotator.set(2, "opinion")
    return annotator


def saved(path):
    return json.loads(path.read_text(encoding="utf-8"))


# 1. Exports never write over saved work, a notebook, or another file ----------------


def test_an_export_refuses_the_annotators_own_file(claims):
    before = claims.path.read_bytes()
    with pytest.raises(kit.AnnotationFileError, match=r"\.jsonld"):
        claims.to_web_annotation(claims.path)
    assert claims.path.read_bytes() == before
    claims.set(3, "fact")  # still saving
    assert kit.Annotator(claims.doc, path=claims.path).progress == "3 of 22 labelled"
    web = kit.Annotator(claims.doc, path=claims.path.with_name("w.jsonld"), annotator="sam")
    with pytest.raises(kit.AnnotationFileError, match="saves your labels"):
        web.to_web_annotation(web.path)


def test_an_export_refuses_another_kit_file_a_notebook_and_foreign_files(claims, tmp_path):
    other = kit.Annotator(claims.doc, scheme="techniques", path=tmp_path / "tech.json")
    other.mark(1, "a dangerous act", "loaded_language")
    kit_file = tmp_path / "tech.jsonld"
    shutil.copy(other.path, kit_file)  # a kit save file under an export's name
    notebook = tmp_path / "lesson.ipynb"
    notebook.write_text('{"cells": []}')
    sheet = tmp_path / "grades.csv"
    sheet.write_text("name,grade\nAna,A\n")
    for target, method in [
        (other.path, "to_csv"),
        (kit_file, "to_web_annotation"),
        (notebook, "to_csv"),
        (sheet, "to_csv"),
    ]:
        before = target.read_bytes()
        with pytest.raises(kit.AnnotationFileError, match="will not"):
            getattr(claims, method)(target)
        assert target.read_bytes() == before
    # An earlier export of the same kind may be replaced; a bare name gets its suffix.
    first = claims.to_csv(tmp_path / "out")
    assert first.name == "out.csv"
    claims.set(4, "fact")
    assert claims.to_csv(first) == first
    assert len(kit.read_annotations(first, claims.doc)) == 3
    web = claims.to_web_annotation(tmp_path / "out")
    assert web.name == "out.jsonld" and claims.to_web_annotation(web) == web


# 2. save_as keeps the session's work; path is not a plain attribute ----------------


def test_save_as_moves_saving_and_writes_everything(claims, tmp_path):
    new = claims.save_as(tmp_path / "elsewhere.json")
    assert claims.path == new
    assert [e["label"] for e in saved(new)["labels"]] == ["fact", "opinion"]
    claims.set(5, "mixed")
    assert len(saved(new)["labels"]) == 3
    assert len(saved(tmp_path / "mine.json")["labels"]) == 2  # the old file is left as it was
    with pytest.raises(kit.AnnotationError, match=r"save_as\("):
        claims.path = "other.json"
    assert claims.path == new


def test_save_as_checks_its_path_like_a_new_one(claims, tmp_path):
    kit.Annotator(claims.doc, path=tmp_path / "ben.json", annotator="ben").set(1, "mixed")
    with pytest.raises(kit.AnnotationFileError, match="ben's labels"):
        claims.save_as(tmp_path / "ben.json")
    with pytest.raises(kit.AnnotationFileError, match="does not exist"):
        claims.save_as(tmp_path / "nowhere" / "x.json")
    assert claims.path == tmp_path / "mine.json"


def test_a_failed_save_points_to_save_as(claims, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store.tempfile, "mkstemp", denied)
    with pytest.raises(kit.AnnotationFileError, match=r"annotator\.save_as\("):
        claims.set(3, "fact")


# 3. Another student's file is not taken over ------------------------------------------


def test_another_name_on_the_same_file_is_refused(claims):
    with pytest.raises(kit.AnnotationFileError, match=r"holds sam's labels .*annotator='sam'"):
        kit.Annotator(claims.doc, path=claims.path, annotator="ben")
    assert saved(claims.path)["annotator"] == "sam"
    resumed = kit.Annotator(claims.doc, path=claims.path)  # annotator=None resumes one's own
    assert resumed.annotator == "sam" and resumed.progress == "2 of 22 labelled"


def test_a_placeholder_name_can_be_replaced_by_ones_own(doc, tmp_path):
    path = tmp_path / "x.json"
    kit.Annotator(doc, path=path, annotator="me").set(1, "fact")
    named = kit.Annotator(doc, path=path, annotator="Ana")
    assert named.annotator == "Ana" and saved(path)["annotator"] == "Ana"
    assert "your name" in named.message


# 4. Export problems are the kit's errors -----------------------------------------------


def test_an_export_to_a_folder_or_an_unwritable_place_is_a_kit_error(claims, tmp_path, monkeypatch):
    folder = tmp_path / "adir.csv"
    folder.mkdir()
    with pytest.raises(kit.AnnotationFileError, match="is a folder"):
        claims.to_csv(folder)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # root writes anywhere: simulate the refusal

            def refused(*args, **kwargs):
                raise PermissionError(13, "Permission denied")

            monkeypatch.setattr(store.tempfile, "mkstemp", refused)
        with pytest.raises(kit.AnnotationFileError, match="Choose a folder you can write"):
            claims.to_web_annotation(locked / "x.jsonld")
    finally:
        locked.chmod(0o700)


# 9. A class folder: one count per student --------------------------------------------


def test_a_students_exports_beside_their_file_are_not_counted_twice(doc, tmp_path):
    folder = tmp_path / "SUBMISSIONS"
    for student, label in [("ana", "fact"), ("ben", "opinion")]:
        (folder / student).mkdir(parents=True)
        annotator = kit.Annotator(doc, path=folder / student / "yomiuri-2024-04-06.claims.json")
        assert annotator.annotator == "me"  # the default name on a shared machine
        annotator.set(1, label)
        annotator.to_csv(folder / student / "my_claims.csv")
        annotator.to_web_annotation(folder / student / "my_claims.jsonld")
    table = kit.read_annotations(folder, doc)
    assert table[["annotator", "label"]].values.tolist() == [["ana", "fact"], ["ben", "opinion"]]
    with pytest.warns(kit.KitWarning, match="Counted once"):
        every = kit.read_annotations(folder, doc, exports=True)
    assert len(every) == 2
    # A student who sent only a CSV is still read.
    (folder / "cara").mkdir()
    shutil.copy(folder / "ana" / "my_claims.csv", folder / "cara" / "claims.csv")
    assert sorted(kit.read_annotations(folder, doc).annotator) == ["ana", "ben", "cara"]


# 11. Excel round trip --------------------------------------------------------------------


def test_csv_is_excel_safe_and_reads_back(doc, tmp_path):
    annotator = kit.Annotator(doc, path=tmp_path / "a.json", annotator="=HYPERLINK(1)")
    annotator.set(1, "fact", note="=1+1 and ‘quotes’ café")
    annotator.set(2, "opinion", note="-- two\r\nlines")
    path = annotator.to_csv(tmp_path / "a.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    assert b"'=1+1" in raw and b"'=HYPERLINK" in raw and b"'-- two" in raw
    back = kit.read_annotations(path, doc)
    assert back.note.tolist() == ["=1+1 and ‘quotes’ café", "-- two\r\nlines"]
    assert set(back.annotator) == {"=HYPERLINK(1)"}
    assert back.equals(annotator.labels)


def test_a_csv_not_in_utf8_asks_for_csv_utf8(doc, claims, tmp_path):
    path = claims.to_csv(tmp_path / "a.csv")
    text = path.read_text(encoding="utf-8-sig").replace("sam", "Sém")
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(kit.AnnotationFileError, match="CSV UTF-8"):
        kit.read_annotations(path, doc)


# 13. A changed text: the advice works ----------------------------------------------


def test_labels_of_an_earlier_version_can_be_read(doc, tmp_path):
    path = tmp_path / "old.json"
    old = kit.Annotator(doc, path=path, annotator="ana")
    old.set(1, "mixed")
    old.set(4, "fact")
    changed = kit.Document.from_string(doc.text.replace("surveilling", "surveiling"), slug=doc.slug)
    with pytest.raises(kit.AnnotationFileError, match="allow_changed_text=True"):
        kit.Annotator(changed, path=path)
    with pytest.raises(kit.AnnotationFileError, match="allow_changed_text=True"):
        kit.read_annotations(path, changed)
    with pytest.warns(kit.KitWarning, match="1 label"):
        table = kit.read_annotations(path, changed, allow_changed_text=True)
    assert table[["sentence_id", "label"]].values.tolist() == [[4, "fact"]]
    assert changed.text[table.start[0] : table.end[0]] == table.phrase[0]


# 17. Numbers as text ---------------------------------------------------------------------


def test_sentence_numbers_may_be_digit_strings_and_words_are_explained(doc, tmp_path):
    annotator = kit.Annotator(doc, path=tmp_path / "a.json")
    annotator.set("3", "fact")
    assert annotator.label_of(3)[0]["label"] == "fact"
    with pytest.raises(kit.AnnotationError, match=r"by its number, e\.g\. 3, not 'three'"):
        annotator.set("three", "fact")
    techniques = kit.Annotator(doc, scheme="techniques", path=tmp_path / "t.json")
    techniques.mark(3, "the", "loaded_language", occurrence="2")
    with pytest.raises(kit.AnnotationError, match="must be a number from 1 to"):
        techniques.mark(3, "the", "loaded_language", occurrence="second")


# 18. A damaged file: what can be read is recovered, and the student told ------------


def test_a_damaged_file_gives_back_its_readable_labels(doc, tmp_path):
    path = tmp_path / "mine.json"
    annotator = kit.Annotator(doc, path=path, annotator="ana")
    for number in (1, 2, 3):
        annotator.set(number, "fact")
    content = path.read_text(encoding="utf-8")
    cut = content[: content.rindex('"sentence_id": 3') + 5]  # cut short inside label 3
    path.write_text(cut, encoding="utf-8")
    with pytest.warns(kit.KitWarning, match="recovered 2 labels"):
        again = kit.Annotator(doc, path=path, annotator="ana")
    assert [e["sentence_id"] for e in saved(path)["labels"]] == [1, 2]
    assert "recovered 2 labels" in again.alert
    (aside,) = tmp_path.glob("mine.damaged-*.json")
    assert aside.read_text(encoding="utf-8") == cut


# 19. Whole words -----------------------------------------------------------------------


def test_part_of_a_word_is_not_marked(doc, tmp_path):
    techniques = kit.Annotator(doc, scheme="techniques", path=tmp_path / "t.json")
    with pytest.raises(kit.AnnotationError, match=r"only part of a word .*'dangerous'"):
        techniques.mark(1, "ang", "loaded_language")
    assert techniques.labels.empty
    techniques.mark(1, "dangerous", "loaded_language")
    assert techniques.labels.phrase.tolist() == ["dangerous"]


# 5. Labels of another text or scheme are not compared ---------------------------------


def test_compare_refuses_labels_of_another_text(doc, tmp_path):
    from conftest import ARTICLES

    other = kit.load(ARTICLES / "oakridge-library-oped")
    theirs = kit.Annotator(other, path=tmp_path / "o.json")
    theirs.set(1, "fact")
    key = kit.expert_key(doc)
    with pytest.raises(kit.AnnotationError, match=r"oakridge-library-oped.*cannot be compared"):
        kit.compare(theirs, key)
    # Typical steps keep the table's text: a filter, a copy, a sort.
    table = theirs.labels
    picked = table[table.label == "fact"].copy().sort_values("sentence_id")
    with pytest.raises(kit.AnnotationError, match="cannot be compared"):
        kit.compare(picked, key)
    # Without attrs (a table rebuilt by hand) the sentences' places still tell.
    bare = picked.copy()
    bare.attrs.clear()
    with pytest.raises(kit.AnnotationError, match="not the same sentence"):
        kit.compare(bare, key)


def test_agreement_refuses_a_stack_of_two_texts_and_mixed_schemes(doc, tmp_path):
    import pandas as pd
    from conftest import ARTICLES

    ours = kit.Annotator(doc, path=tmp_path / "a.json", annotator="ana")
    ours.set(1, "fact")
    other = kit.Annotator(
        kit.load(ARTICLES / "oakridge-library-oped"), path=tmp_path / "b.json", annotator="ben"
    )
    other.set(1, "opinion")
    with pytest.raises(kit.AnnotationError, match="different texts"):
        kit.agreement([ours.labels, other.labels])
    mixed = pd.DataFrame(
        {
            "annotator": ["ana", "ben"],
            "sentence_id": [1, 1],
            "label": ["fact", "loaded_language"],
        }
    )
    with pytest.raises(kit.AnnotationError, match="several schemes"):
        kit.agreement(mixed)
    techniques = kit.Annotator(doc, scheme="techniques", path=tmp_path / "t.json")
    techniques.mark(1, "a dangerous act", "loaded_language")
    with pytest.raises(kit.AnnotationError, match="claims"):
        kit.compare(techniques.labels.assign(annotator="me"), kit.expert_key(doc), "claims")


# 6. Labels edited by hand are read the scheme's way, or named ------------------------


def test_a_hand_edited_csv_is_normalised_or_its_rows_named(doc, claims, tmp_path):
    path = claims.to_csv(tmp_path / "c.csv")
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(text.replace(",fact,", ",Fact,").replace(",opinion,", ",OPINION,"))
    table = kit.read_annotations(path, doc)
    assert table.label.tolist() == ["fact", "opinion"]
    path.write_text(text.replace(",opinion,", ",opnion,"))
    with pytest.raises(kit.AnnotationFileError, match="sentence 2: 'opnion'"):
        kit.read_annotations(path, doc)
    import pandas as pd

    hand = pd.DataFrame({"annotator": "me", "sentence_id": [1, 2], "label": ["Fact", "opnion"]})
    with pytest.raises(kit.AnnotationError, match="sentence 2: 'opnion'"):
        kit.compare(hand, kit.expert_key(doc))
    result = kit.compare(hand.iloc[:1], kit.expert_key(doc))
    assert result.table.mine.dropna().tolist() == ["fact"]


# 12. An undefined coefficient is said in words ---------------------------------------


def test_alpha_is_not_defined_when_one_label_is_used():
    import math

    import pandas as pd

    same = pd.DataFrame(
        {"annotator": ["a", "b", "a", "b"], "sentence_id": [1, 1, 2, 2], "label": ["fact"] * 4}
    )
    result = kit.agreement(same)
    assert math.isnan(result.alpha)
    assert "alpha: not defined (everyone used the same label ('fact')" in result.summary()
    assert "nan" not in result.summary()
    apart = pd.DataFrame({"annotator": ["a", "b"], "sentence_id": [1, 2], "label": ["fact"] * 2})
    summary = kit.agreement(apart).summary()
    assert "no sentence was labelled by two people" in summary and "nan" not in summary


# 7. The schemes' examples give nothing away ------------------------------------------


@pytest.mark.parametrize("name", ["claims", "techniques"])
def test_no_example_quotes_or_echoes_a_text_of_the_kit(name):
    import re

    def words(text):
        return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))

    texts = [kit.load(folder) for folder in kit.texts()]
    names = {"russia", "moscow", "korea", "pyongyang", "panel", "veto", "sanctions", "u.n"}
    for label in kit.load_scheme(name).labels:
        example = words(label.example)
        assert not names & set(example), label.example
        for doc in texts:
            body = " ".join(words(doc.text))
            for n in range(len(example) - 2):
                assert " ".join(example[n : n + 3]) not in body, (label.example, doc.slug)


# 8. A copied scheme must be renamed when its labels change -----------------------------


def test_a_copy_of_a_shipped_scheme_with_other_labels_must_be_renamed(tmp_path):
    original = (kit.annotate.scheme.SCHEMES_FOLDER / "claims.toml").read_text(encoding="utf-8")
    assert "change `name`" in original
    copy = tmp_path / "my_claims.toml"
    copy.write_text(original.replace('id = "mixed"', 'id = "satire"'), encoding="utf-8")
    with pytest.raises(kit.SchemeError, match=r'Rename it.*name = "my_claims"'):
        kit.load_scheme(copy)
    copy.write_text(original.replace('definition = "A judgement', 'definition = "A view'))
    assert kit.load_scheme(copy).ids == kit.load_scheme("claims").ids  # reworded: fine
    renamed = original.replace('id = "mixed"', 'id = "satire"').replace(
        'name = "claims"', 'name = "my_claims"'
    )
    copy.write_text(renamed, encoding="utf-8")
    assert "satire" in kit.load_scheme(copy).ids


# The app, found by the CSS classes the browser test uses too (tests/widget_parts.py).


# 10. Clear with an empty Phrase box asks before removing every mark ---------------


def test_clear_with_an_empty_phrase_box_asks_first(doc, tmp_path):
    techniques = kit.Annotator(doc, scheme="techniques", path=tmp_path / "t.json")
    techniques.mark(1, "a dangerous act", "loaded_language")
    techniques.mark(1, "threatens world peace", "appeal_to_fear")
    app = techniques.widget
    parts(app, "kit-prev")[0].click()  # the app opens on the first sentence without marks
    one(app, "kit-clear").click()
    assert len(techniques.labels) == 2
    assert "Click Clear again to remove all 2 marks in this sentence" in text_of(app)
    parts(app, "kit-next")[0].click()  # moving on cancels the pending Clear
    parts(app, "kit-prev")[0].click()
    one(app, "kit-clear").click()
    assert len(techniques.labels) == 2
    one(app, "kit-clear").click()
    assert techniques.labels.empty


# 14. A repeated phrase: the app asks which one --------------------------------------


def test_the_app_asks_which_of_a_repeated_phrase(doc, tmp_path):
    techniques = kit.Annotator(doc, scheme="techniques", path=tmp_path / "t.json")
    app = techniques.widget
    for _ in range(2):
        parts(app, "kit-next")[0].click()  # sentence 3: "the" appears several times
    choice = one(app, "kit-occurrence")
    assert choice.layout.display == "none"
    one(app, "kit-phrase").value = "the"
    assert choice.layout.display != "none" and len(choice.options) >= 3
    assert "appears" in text_of(app) and "[the]" in choice.options[1][0]
    choice.value = 2
    parts(app, "kit-label-button")[0].click()
    (mark,) = techniques.labels.itertuples()
    sentence_start = doc.sentences.start[2]
    second = [i for i in range(len(doc.text)) if doc.text.startswith("the", i)]
    assert mark.start == [i for i in second if i >= sentence_start][1]
    assert choice.layout.display == "none"


# 16. A note typed before a label is kept -------------------------------------------


def test_a_note_typed_before_a_label_is_kept(doc, tmp_path):
    annotator = kit.Annotator(doc, path=tmp_path / "a.json")
    app = annotator.widget
    one(app, "kit-note").value = "ask about the date"
    assert "Choose a label to save this note" in text_of(app)
    parts(app, "kit-next")[0].click()
    assert "Your note is kept" in text_of(app)
    assert one(app, "kit-note").value == ""
    parts(app, "kit-prev")[0].click()
    assert one(app, "kit-note").value == "ask about the date"
    parts(app, "kit-label-button")[0].click()
    assert annotator.label_of(1)[0]["note"] == "ask about the date"


# 18. The damaged-file message stays until dismissed ------------------------------------


def test_the_damaged_file_message_stays_until_dismissed(doc, tmp_path):
    path = tmp_path / "mine.json"
    first = kit.Annotator(doc, path=path)
    first.set(1, "fact")
    first.set(2, "opinion")
    content = path.read_text()
    path.write_text(content[: content.rindex('"sentence_id": 2') + 5])
    with pytest.warns(kit.KitWarning):
        annotator = kit.Annotator(doc, path=path)
    app = annotator.widget
    box = one(app, "kit-alert")
    assert box.layout.display != "none" and "recovered 1 label" in text_of(box)
    parts(app, "kit-label-button")[1].click()
    parts(app, "kit-next")[0].click()
    assert box.layout.display != "none"
    one(app, "kit-dismiss").click()
    assert box.layout.display == "none" and annotator.alert == ""


# 20. The chosen button wears its label's colour and a check mark -----------------------


def test_the_chosen_button_has_its_labels_colour_and_a_check(doc, tmp_path):
    annotator = kit.Annotator(doc, path=tmp_path / "a.json")
    app = annotator.widget
    buttons = parts(app, "kit-label-button")
    buttons[1].click()  # Opinion
    scheme = kit.load_scheme("claims")
    assert buttons[1].style.button_color == scheme.label("opinion").color
    assert buttons[1].icon == "check" and buttons[1].description == "Opinion"
    assert all(b.icon == "" and not b.style.button_color for b in buttons if b is not buttons[1])


def test_a_csv_keeps_windows_line_ends_in_notes(doc, tmp_path):
    annotator = kit.Annotator(doc, path=tmp_path / "a.json")
    annotator.set(1, "fact", note="first\r\nsecond\nthird")
    back = kit.read_annotations(annotator.to_csv(tmp_path / "a.csv"), doc)
    assert back.note.tolist() == ["first\r\nsecond\nthird"]


# 15. Web Annotation collections and pages have ids ------------------------------------


def test_web_annotation_collection_and_page_have_stable_ids(claims, tmp_path):
    first = json.loads(claims.to_web_annotation(tmp_path / "a.jsonld").read_text())
    again = json.loads(claims.to_web_annotation(tmp_path / "b.jsonld").read_text())
    assert first["id"].startswith("urn:") and first["id"] == again["id"]
    assert first["first"]["id"].startswith(first["id"]) and first["first"]["partOf"] == first["id"]
    other = kit.Annotator(claims.doc, path=tmp_path / "o.json", annotator="ben")
    other.set(1, "fact")
    assert (
        json.loads(other.to_web_annotation(tmp_path / "o.jsonld").read_text())["id"]
        != (first["id"])
    )


def test_a_file_taken_over_mid_session_points_to_save_as(doc, tmp_path):
    path = tmp_path / "shared.json"
    mine = kit.Annotator(doc, path=path, annotator="ana")
    mine.set(1, "fact")
    path.unlink()
    kit.Annotator(doc, path=path, annotator="ben").set(2, "opinion")
    with pytest.raises(kit.AnnotationFileError, match=r"ben's labels.*save_as\("):
        mine.set(3, "fact")
    assert saved(path)["annotator"] == "ben"
    moved = mine.save_as(tmp_path / "ana.json")
    assert [e["sentence_id"] for e in saved(moved)["labels"]] == [1]


# 9. The app asks a student without a name for it -------------------------------------


def test_the_app_asks_for_a_name_when_there_is_none(doc, tmp_path):
    annotator = kit.Annotator(doc, path=tmp_path / "a.json", annotator="me")
    app = annotator.widget
    box = one(app, "kit-name")
    assert box.layout.display != "none"
    parts(app, "kit-label-button")[0].click()
    box.value = "Ana B"
    assert annotator.annotator == "Ana B" and saved(annotator.path)["annotator"] == "Ana B"
    assert box.layout.display == "none" and len(annotator.labels) == 1
    with pytest.raises(kit.AnnotationError, match="already carry the name 'Ana B'"):
        annotator.set_name("Ben")
    named = kit.Annotator(doc, path=tmp_path / "b.json", annotator="Cara").widget
    assert one(named, "kit-name").layout.display == "none"
