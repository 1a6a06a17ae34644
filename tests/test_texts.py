"""Finding texts: by name from any folder, by path, and from another seeds folder."""

import shutil

from conftest import SEED, SEED_FOLDER

import kit


def test_texts_lists_the_seed():
    assert SEED in kit.texts()
    assert kit.texts() == sorted(kit.texts())


def test_a_slug_resolves_from_any_working_directory(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert kit.load(SEED).slug == SEED


def test_load_by_folder_and_by_file_path(tmp_path):
    folder = tmp_path / "my-article"
    shutil.copytree(SEED_FOLDER, folder)
    by_folder = kit.load(folder)
    assert by_folder.slug == "my-article"
    assert by_folder.genre == "editorial"  # meta.toml beside text.txt is read
    by_file = kit.load(str(folder / "text.txt"))
    assert (by_file.slug, by_file.genre, len(by_file.sentences)) == ("my-article", "editorial", 22)
    loose = tmp_path / "pasted.txt"
    shutil.copy(folder / "text.txt", loose)
    assert kit.load(loose).slug == "pasted"


def test_kit_seeds_points_at_another_folder(monkeypatch, tmp_path):
    (tmp_path / "city-budget").mkdir()
    (tmp_path / "city-budget" / "text.txt").write_text(
        "Budget Passes\n\nThe council passed the budget. It cuts parks.\n", encoding="utf-8"
    )
    (tmp_path / "notes").mkdir()  # a folder without text.txt is not a text
    monkeypatch.setenv("KIT_SEEDS", str(tmp_path))
    assert kit.texts() == ["city-budget"]
    assert kit.load("city-budget").headline == "Budget Passes"
    assert kit.seeds_folder() == tmp_path


def test_a_document_passes_through_load():
    doc = kit.load(SEED)
    assert kit.load(doc) is doc
