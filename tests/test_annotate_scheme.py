"""Annotation schemes are data: the shipped ones are complete, bad files fail clearly."""

import pytest

import kit
from kit.annotate.scheme import load_scheme, schemes

CLAIMS = ("fact", "opinion", "prediction", "speculation", "mixed")
TECHNIQUES = (
    "loaded_language",
    "name_calling",
    "exaggeration",
    "causal_oversimplification",
    "appeal_to_fear",
    "doubt",
)


def test_the_kit_ships_claims_and_techniques_with_fixed_ids():
    assert schemes() == ["claims", "techniques"]
    assert load_scheme("claims").ids == CLAIMS
    assert load_scheme("claims").unit == "sentence"
    assert load_scheme("techniques").ids == TECHNIQUES
    assert load_scheme("techniques").unit == "span"


@pytest.mark.parametrize("name", ["claims", "techniques"])
def test_every_label_has_a_name_a_definition_and_an_example(name):
    scheme = load_scheme(name)
    assert scheme.source
    for label in scheme.labels:
        assert label.name and len(label.definition) > 30 and label.example
        assert label.color.startswith("#")
    assert len({label.color for label in scheme.labels}) == len(scheme.labels)


def test_the_definitions_follow_the_sources():
    claims = load_scheme("claims")
    assert "whether it is true or not" in claims.label("fact").definition
    assert "Pew Research" in claims.source
    assert "motives" in claims.label("speculation").definition
    assert "Da San Martino" in load_scheme("techniques").source


def test_a_label_is_found_by_id_or_name_in_any_case():
    techniques = load_scheme("techniques")
    assert techniques.label("Name calling / labelling").id == "name_calling"
    assert techniques.label("APPEAL TO FEAR").id == "appeal_to_fear"
    assert techniques.label("appeal-to-fear").id == "appeal_to_fear"


def test_an_unknown_label_lists_the_labels_and_a_close_match():
    with pytest.raises(kit.SchemeError, match=r"Did you mean 'opinion'.*fact, opinion"):
        load_scheme("claims").label("opinon")


def test_an_unknown_scheme_names_the_kit_schemes():
    with pytest.raises(kit.SchemeError, match="claims, techniques"):
        load_scheme("clams")


def test_an_instructor_scheme_file_is_used(tmp_path):
    path = tmp_path / "stance.toml"
    path.write_text(
        '[scheme]\nname = "stance"\ntitle = "Stance"\n\n'
        '[[labels]]\nid = "for"\nname = "For"\ndefinition = "Supports the veto."\n'
        'example = "x"\n\n'
        '[[labels]]\nid = "against"\nname = "Against"\ndefinition = "Opposes it."\n'
        'example = "y"\n',
        encoding="utf-8",
    )
    scheme = load_scheme(path)
    assert scheme.name == "stance" and scheme.ids == ("for", "against")
    doc = kit.Document.from_string("Veto\n\nRussia vetoed. It was wrong.")
    annotator = kit.Annotator(doc, scheme=str(path), path=tmp_path / "s.json")
    annotator.set(2, "Against")
    assert annotator.labels.label.tolist() == ["against"]


BAD_SCHEMES = {
    "not toml": ("[scheme\nname = ", "not valid TOML"),
    "no labels": ('[scheme]\nname = "x"\n', "has no labels"),
    "label lacks definition": (
        '[[labels]]\nid = "a"\nname = "A"\nexample = "e"\n',
        "label 1 has no definition",
    ),
    "bad id": (
        '[[labels]]\nid = "Fact Label"\nname = "A"\ndefinition = "d"\nexample = "e"\n',
        "must be lower-case",
    ),
    "twice": (
        '[[labels]]\nid = "a"\nname = "A"\ndefinition = "d"\nexample = "e"\n'
        '[[labels]]\nid = "a"\nname = "B"\ndefinition = "d"\nexample = "e"\n',
        "appears twice",
    ),
    "bad unit": (
        '[scheme]\nunit = "word"\n[[labels]]\nid = "a"\nname = "A"\ndefinition = "d"\n'
        'example = "e"\n',
        "unit must be",
    ),
    "bad colour": (
        '[[labels]]\nid = "a"\nname = "A"\ndefinition = "d"\nexample = "e"\ncolor = "red"\n',
        "write it like",
    ),
    "number as name": (
        '[[labels]]\nid = "a"\nname = 5\ndefinition = "d"\nexample = "e"\n',
        "must be text",
    ),
}


@pytest.mark.parametrize("content, message", BAD_SCHEMES.values(), ids=BAD_SCHEMES.keys())
def test_a_bad_scheme_file_raises_a_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(kit.SchemeError, match=message):
        load_scheme(path)


def test_a_scheme_must_be_a_name_or_a_path():
    with pytest.raises(kit.SchemeError, match="not a number"):
        load_scheme(3)


def test_the_scheme_describes_itself():
    text = load_scheme("claims").describe()
    assert all(label in text for label in CLAIMS)
    assert "<table>" in load_scheme("techniques")._repr_html_()
