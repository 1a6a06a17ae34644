"""Exports to CSV and W3C Web Annotation JSON-LD read back to the very same labels."""

import json

import pandas as pd
import pytest
from conftest import ARTICLES, SEED

import kit


@pytest.fixture(scope="module")
def doc():
    return kit.load(SEED)


TRICKY_NOTES = ['says "only", twice, then; stops', "two\nlines", "émigré — 50%", ""]


@pytest.fixture
def claims(doc, tmp_path):
    annotator = kit.Annotator(doc, path=tmp_path / "claims.json", annotator="Ana, B.")
    for sentence_id, label, note in zip(
        [1, 4, 8, 22], ["mixed", "fact", "fact", "prediction"], TRICKY_NOTES, strict=True
    ):
        annotator.set(sentence_id, label, note=note)
    return annotator


@pytest.fixture
def techniques(doc, tmp_path):
    annotator = kit.Annotator(doc, scheme="techniques", path=tmp_path / "t.json")
    annotator.mark(1, "a dangerous act", "loaded_language", note="fear, and blame")
    annotator.mark(1, "a dangerous act", "appeal_to_fear")  # one phrase, two techniques
    annotator.mark(8, "“not the behavior", "loaded_language")  # starts with a curly quote
    annotator.mark(3, "the", "loaded_language", occurrence=3)
    return annotator


@pytest.mark.parametrize("which", ["claims", "techniques"])
@pytest.mark.parametrize("export", ["to_csv", "to_web_annotation"])
def test_an_export_reads_back_to_the_same_labels(doc, tmp_path, request, which, export):
    annotator = request.getfixturevalue(which)
    suffix = ".csv" if export == "to_csv" else ".jsonld"
    path = getattr(annotator, export)(tmp_path / f"out{suffix}")
    back = kit.read_annotations(path, doc)
    pd.testing.assert_frame_equal(back, annotator.labels)


def test_the_kit_json_itself_reads_back(doc, claims):
    pd.testing.assert_frame_equal(kit.read_annotations(claims.path, doc), claims.labels)


def test_the_web_annotation_export_follows_the_w3c_model(doc, techniques, tmp_path):
    data = json.loads(techniques.to_web_annotation(tmp_path / "t.jsonld").read_text())
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert data["kit:scheme"] == "techniques"
    assert data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items) == 4
    first = next(item for item in items if item["body"][0]["value"] == "loaded_language")
    assert first["type"] == "Annotation" and first["motivation"] == "classifying"
    assert first["body"][0] == {
        "type": "TextualBody",
        "purpose": "classifying",
        "value": "loaded_language",
    }
    assert first["body"][1]["purpose"] == "commenting"
    quote, position = first["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
    text = doc.text
    assert text[position["start"] : position["end"]] == quote["exact"] == "a dangerous act"
    assert text[: position["start"]].endswith(quote["prefix"]) and quote["prefix"]
    assert text[position["end"] :].startswith(quote["suffix"]) and quote["suffix"]
    assert len({item["id"] for item in items}) == 4


def test_web_annotations_without_positions_are_placed_by_their_quote(doc, techniques, tmp_path):
    """Another tool may give only a TextQuoteSelector: prefix and suffix tell which 'the'."""
    path = techniques.to_web_annotation(tmp_path / "t.jsonld")
    data = json.loads(path.read_text())
    for item in data["first"]["items"]:
        item["target"]["selector"] = item["target"]["selector"][:1]
    path.write_text(json.dumps(data))
    pd.testing.assert_frame_equal(kit.read_annotations(path, doc), techniques.labels)


def test_a_single_web_annotation_list_is_read(doc, claims, tmp_path):
    path = claims.to_web_annotation(tmp_path / "c.jsonld")
    items = json.loads(path.read_text())["first"]["items"]
    for item in items:
        item["@context"] = "http://www.w3.org/ns/anno.jsonld"
    path.write_text(json.dumps(items))
    assert kit.read_annotations(path, doc).label.tolist() == claims.labels.label.tolist()


def test_an_export_of_another_text_is_refused(doc, claims, tmp_path):
    other = kit.load(ARTICLES / "oakridge-library-oped")
    for path in (claims.to_csv(tmp_path / "c.csv"), claims.path):
        with pytest.raises(kit.AnnotationFileError, match="another text"):
            kit.read_annotations(path, other)


def test_a_csv_that_is_not_labels_is_refused(doc, tmp_path):
    path = tmp_path / "grades.csv"
    path.write_text("student,grade\nAna,A\n")
    with pytest.raises(kit.AnnotationFileError, match="lacks the column"):
        kit.read_annotations(path, doc)


def test_a_foreign_json_is_refused(doc, tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"theme": "dark"}')
    with pytest.raises(kit.AnnotationFileError, match="neither a kit annotations file"):
        kit.read_annotations(path, doc)


def test_a_missing_file_is_a_clear_error(doc, tmp_path):
    with pytest.raises(kit.AnnotationFileError, match="There is no file"):
        kit.read_annotations(tmp_path / "nope.json", doc)


def test_a_folder_of_class_files_is_read_stacked(doc, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    for name, label in [("ana", "fact"), ("ben", "opinion"), ("cho", "fact")]:
        annotator = kit.Annotator(doc, path=folder / f"{name}.json", annotator=name)
        annotator.set(1, label)
    table = kit.read_annotations(folder, doc)
    assert table[["annotator", "label"]].values.tolist() == [
        ["ana", "fact"],
        ["ben", "opinion"],
        ["cho", "fact"],
    ]
    assert kit.agreement(table).annotators == 3


def test_exporting_to_a_missing_folder_is_a_clear_error(claims, tmp_path):
    with pytest.raises(kit.AnnotationFileError, match="does not exist"):
        claims.to_csv(tmp_path / "nowhere" / "c.csv")


def test_a_class_folder_tells_apart_students_who_kept_the_default_name(doc, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    for student, label in [("ana", "fact"), ("ben", "opinion")]:
        kit.Annotator(doc, path=folder / f"{student}.claims.json", annotator="me").set(1, label)
    table = kit.read_annotations(folder, doc)
    assert table.annotator.tolist() == ["me", "me (ben.claims)"]
    assert kit.agreement(table).annotators == 2


def test_a_class_folder_skips_what_it_cannot_read_and_says_which(doc, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    kit.Annotator(doc, path=folder / "ana.json", annotator="ana").set(1, "fact")
    (folder / "broken.json").write_text("{not json")
    other = kit.load(ARTICLES / "oakridge-library-oped")
    kit.Annotator(other, path=folder / "wrong-text.json").set(1, "fact")
    with pytest.warns(kit.KitWarning, match=r"Skipped 2 file\(s\).*broken.json.*wrong-text.json"):
        table = kit.read_annotations(folder, doc)
    assert table.annotator.tolist() == ["ana"]


def test_a_class_folder_of_two_schemes_asks_which(doc, tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    kit.Annotator(doc, path=folder / "ana.claims.json", annotator="ana").set(1, "fact")
    techniques = kit.Annotator(doc, scheme="techniques", path=folder / "ana.techniques.json")
    techniques.mark(1, "a dangerous act", "loaded_language")
    with pytest.raises(kit.AnnotationFileError, match="scheme='claims'"):
        kit.read_annotations(folder, doc)
    with pytest.warns(kit.KitWarning, match="techniques"):
        table = kit.read_annotations(folder, doc, scheme="claims")
    assert table.label.tolist() == ["fact"]
    assert table.attrs["unit"] == "sentence"


@pytest.mark.parametrize("export", ["to_csv", "to_web_annotation", None])
def test_every_format_remembers_its_scheme(doc, techniques, tmp_path, export):
    suffix = ".csv" if export == "to_csv" else ".jsonld"
    path = getattr(techniques, export)(tmp_path / f"t{suffix}") if export else techniques.path
    table = kit.read_annotations(path, doc)
    assert table.attrs["scheme"] == "techniques" and table.attrs["unit"] == "span"
    with pytest.raises(kit.AnnotationFileError, match="not 'claims'"):
        kit.read_annotations(path, doc, scheme="claims")
