"""Bad input gets the kit's own error, saying what is wrong and what to do."""

import codecs
import re

import pytest
from conftest import SEED_FOLDER

import kit

GOOD = "Veto\n\nRussia vetoed the resolution. China abstained.\n\n(From The Daily, May 1, 2024)\n"


def test_every_error_is_a_kit_error():
    for error in (
        kit.ArgumentError,
        kit.TextNotFoundError,
        kit.TextFormatError,
        kit.EmptyTextError,
        kit.BinaryFileError,
        kit.TextEncodingError,
        kit.MissingBodyError,
        kit.MetadataError,
    ):
        assert issubclass(error, kit.KitError)


def test_unknown_slug_lists_the_available_texts():
    with pytest.raises(kit.TextNotFoundError) as caught:
        kit.load("yomiuri-2024-04-07")
    message = str(caught.value)
    assert "'yomiuri-2024-04-07'" in message
    assert "Available texts: 'yomiuri-2024-04-06'" in message
    assert "path" in message  # says how to load your own file


def test_missing_file_path_is_not_found(tmp_path):
    with pytest.raises(kit.TextNotFoundError, match="There is no text called"):
        kit.load(tmp_path / "nothing-here.txt")


@pytest.mark.parametrize("content", [b"", b"\n\n   \n\t\n", codecs.BOM_UTF8])
def test_empty_file(write_text, content):
    with pytest.raises(kit.EmptyTextError, match=r"empty.*headline on the first line"):
        kit.load(write_text(content))


@pytest.mark.parametrize(
    "content, what",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "Word document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (bytes(range(256)) * 4, "binary data"),
    ],
)
def test_binary_file_says_it_is_not_plain_text(write_text, content, what):
    with pytest.raises(kit.BinaryFileError) as caught:
        kit.load(write_text(content))
    assert what in str(caught.value) and "plain .txt" in str(caught.value)


@pytest.mark.parametrize(
    "content, found",
    [
        ("Just a headline\n", 'only a headline ("Just a headline")'),
        ("Headline\n\n(From The Daily, May 1, 2024)\n", "and a source line"),
    ],
)
def test_headline_without_body(write_text, content, found):
    with pytest.raises(kit.MissingBodyError) as caught:
        kit.load(write_text(content))
    assert found in str(caught.value)
    assert "blank line after the headline" in str(caught.value)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings_are_read_correctly(write_text, encoding):
    text = GOOD.replace("Russia", "Russia’s café")
    doc = kit.load(write_text(text.encode(encoding)))
    assert doc.text.lstrip("\ufeff") == text
    assert doc.sentences.text.iloc[0] == "Russia’s café vetoed the resolution."


def test_windows_1252_is_read_with_a_warning(write_text):
    data = GOOD.replace("Russia", "\u201cRussia\u201d").encode("cp1252")
    with pytest.warns(kit.KitWarning, match="Windows-1252"):
        doc = kit.load(write_text(data))
    assert doc.encoding == "cp1252"
    assert doc.sentences.text.iloc[0] == "“Russia” vetoed the resolution."


@pytest.mark.parametrize("encoding", ["cp1251", "shift_jis", "gb18030"])
def test_unreadable_encoding_says_how_to_resave(write_text, encoding):
    text = {
        "cp1251": "Вето\n\nРоссия наложила вето на резолюцию.\n",
        "shift_jis": "拒否権\n\nロシアは決議に拒否権を行使した。\n",
        "gb18030": "否决\n\n俄罗斯否决了该决议。中国投了弃权票。\n",
    }[encoding]
    with pytest.raises(kit.TextEncodingError, match="UTF-8") as caught:
        kit.load(write_text(text.encode(encoding)))
    assert "Save As" in str(caught.value)
    assert not isinstance(caught.value, UnicodeDecodeError)


def test_utf16_with_broken_tail(write_text):
    data = GOOD.encode("utf-16") + b"\x00\xd8"  # a lone surrogate at the end
    with pytest.raises(kit.TextEncodingError):
        kit.load(write_text(data))


def test_bad_meta_toml_names_the_file_and_shows_an_example(write_text):
    path = write_text(GOOD)
    (path.parent / "meta.toml").write_text('outlet = "The Daily\ndate = 2024-05-01\n')
    with pytest.raises(kit.MetadataError) as caught:
        kit.load(path.parent)
    assert "meta.toml is not valid TOML" in str(caught.value)
    assert "date = 2024-04-06" in str(caught.value)


@pytest.mark.parametrize(
    "line, complaint",
    [('date = "last Tuesday"', '"date" must be a date'), ("outlet = 5", '"outlet" must be text')],
)
def test_wrong_meta_values(write_text, line, complaint):
    path = write_text(GOOD)
    (path.parent / "meta.toml").write_text(line + "\n")
    with pytest.raises(kit.MetadataError, match=complaint):
        kit.load(path.parent)


def test_meta_date_as_iso_string_is_accepted(write_text):
    path = write_text(GOOD)
    (path.parent / "meta.toml").write_text('date = "2024-05-02"\n')
    assert kit.load(path.parent).date.isoformat() == "2024-05-02"


def test_folder_without_text_txt_says_what_it_holds(tmp_path):
    (tmp_path / "article.docx").write_bytes(b"PK")
    with pytest.raises(kit.TextNotFoundError, match=r"no text\.txt \(it holds: article\.docx\)"):
        kit.load(tmp_path)


def test_kit_seeds_pointing_nowhere(monkeypatch, tmp_path):
    monkeypatch.setenv("KIT_SEEDS", str(tmp_path / "missing"))
    with pytest.raises(kit.TextNotFoundError, match="KIT_SEEDS"):
        kit.texts()


def test_a_huge_file_is_refused_before_reading(write_text):
    path = write_text(b"")
    with path.open("wb") as handle:
        handle.truncate(3_000_000)
    with pytest.raises(kit.TextFormatError, match="far longer than an article"):
        kit.load(path)


def test_wrong_argument_type():
    with pytest.raises(kit.ArgumentError, match=r"kit\.texts\(\)"):
        kit.load(42)


def test_the_seed_folder_is_untouched_by_failed_loads():
    before = {p.name: p.read_bytes() for p in SEED_FOLDER.iterdir()}
    with pytest.raises(kit.KitError):
        kit.load("no-such-text")
    assert {p.name: p.read_bytes() for p in SEED_FOLDER.iterdir()} == before


@pytest.mark.parametrize(
    "argument, says",
    [
        ("", "empty name"),
        ("x" * 400, "the article's text itself"),
        ("Veto\n\nRussia vetoed the resolution.", "Document.from_string"),
        (None, "nothing (None)"),
    ],
)
def test_load_explains_what_it_takes(argument, says):
    with pytest.raises(kit.ArgumentError, match=re.escape(says)):
        kit.load(argument)


def test_a_path_too_long_for_the_system_is_a_kit_error():
    with pytest.raises(kit.TextNotFoundError, match="Could not open"):
        kit.load("/tmp/" + "x" * 290)


def test_from_string_refuses_what_is_not_text():
    with pytest.raises(kit.ArgumentError, match="nothing"):
        kit.Document.from_string(None)


def test_a_name_with_spaces_around_it_still_loads_and_a_typo_gets_a_suggestion():
    assert kit.load("  yomiuri-2024-04-06 ").slug == "yomiuri-2024-04-06"
    with pytest.raises(kit.TextNotFoundError, match="Did you mean 'yomiuri-2024-04-06'"):
        kit.load("yomiuri-2024-4-6")


def test_a_seed_folder_with_a_misnamed_file_says_to_rename_it(monkeypatch, tmp_path):
    (tmp_path / "veto").mkdir()
    (tmp_path / "veto" / "text.txt.txt").write_text(GOOD)
    monkeypatch.setenv("KIT_SEEDS", str(tmp_path))
    with pytest.raises(kit.TextNotFoundError, match=r"Rename text\.txt\.txt to text\.txt"):
        kit.load("veto")


def test_a_web_page_saved_as_txt(write_text):
    with pytest.raises(kit.TextFormatError, match="web page"):
        kit.load(write_text(b"<!DOCTYPE html>\n<html><body><h1>Veto</h1></body></html>"))


def test_one_stray_latin1_byte_in_a_utf8_file_spoils_nothing_else(write_text):
    data = GOOD.replace("Russia", "Russia’s café").encode("utf-8").replace(b"China", b"Ch\xefna")
    with pytest.warns(kit.KitWarning, match="line 3"):
        doc = kit.load(write_text(data))
    assert doc.sentences.text.tolist() == [
        "Russia’s café vetoed the resolution.",
        "Chïna abstained.",
    ]


def test_all_the_text_on_one_line(write_text):
    line = "Veto " + "Russia vetoed the resolution and China abstained. " * 6
    with pytest.raises(kit.MissingBodyError, match="on one line"):
        kit.load(write_text(line))


def test_a_binary_meta_toml_gets_advice_about_meta_toml(write_text):
    path = write_text(GOOD)
    (path.parent / "meta.toml").write_bytes(b"%PDF-1.7 binary")
    with pytest.raises(kit.MetadataError, match="deleted"):
        kit.load(path.parent)


def test_a_misspelt_meta_key_is_pointed_out(write_text):
    path = write_text(GOOD)
    (path.parent / "meta.toml").write_text('outet = "The Weekly"\nedition = "late"\n')
    with pytest.warns(kit.KitWarning, match='"outet".*Did you mean "outlet"'):
        doc = kit.load(path.parent)
    assert doc.outlet == "The Daily" and doc.meta["edition"] == "late"


def test_warnings_point_at_the_callers_line(write_text):
    data = GOOD.encode("cp1252").replace(b"China", b"Ch\xefna")
    with pytest.warns(kit.KitWarning) as caught:
        kit.load(write_text(data))
    assert caught[0].filename == __file__
