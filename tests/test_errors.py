"""Bad input gets the kit's own error, saying what is wrong and what to do."""

import codecs

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
    with pytest.raises(kit.TextNotFoundError, match="no file or folder"):
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
    [('date = "6 April 2024"', '"date" must be a date'), ("outlet = 5", '"outlet" must be text')],
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
