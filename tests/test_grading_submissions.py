"""Finding submissions: folders, notebooks, LMS zips (and zips that attack the grader)."""

from __future__ import annotations

import json
import os
import stat
import time
import zipfile

import pytest
from grading_support import notebook, notebook_v3, write_notebook

from kit.grading.notebooks import NotebookError, code_cells
from kit.grading.submissions import (
    MAX_ZIP_ENTRY_BYTES,
    SubmissionsError,
    find_submissions,
    unpack_zip,
)

NOTEBOOK = json.dumps(notebook(["q1 = 'fact'"]))


def _zip(path, entries: dict[str, bytes | str], *, dates=None, links=()):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, content in entries.items():
            info = zipfile.ZipInfo(name, date_time=(dates or {}).get(name, (2024, 4, 6, 12, 0, 0)))
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in links:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zipped.writestr(info, content)
    return path


def test_a_folder_per_student_with_the_files_it_saved(tmp_path):
    write_notebook(tmp_path / "subs" / "ada" / "ex00.ipynb", ["x = 1"])
    (tmp_path / "subs" / "ada" / "annotations.json").write_text("[]")
    (tmp_path / "subs" / "ada" / ".ipynb_checkpoints").mkdir()
    write_notebook(tmp_path / "subs" / "ada" / ".ipynb_checkpoints" / "ex00-checkpoint.ipynb", [])
    [ada] = find_submissions(tmp_path / "subs", tmp_path / "staging")
    assert ada.student == "ada" and ada.notebook.name == "ex00.ipynb"
    assert sorted(name for _, name in ada.files) == ["annotations.json", "ex00.ipynb"]


def test_student_notebooks_side_by_side(tmp_path):
    for name in ("grace", "ada"):
        write_notebook(tmp_path / f"{name}.ipynb", ["x = 1"])
    found = find_submissions(tmp_path, tmp_path / ".staging")
    assert [s.student for s in found] == ["ada", "grace"]


def test_a_single_notebook(tmp_path):
    path = write_notebook(tmp_path / "ada.ipynb", ["x = 1"])
    [ada] = find_submissions(path, tmp_path / "staging")
    assert ada.student == "ada" and ada.notebook == path


def test_two_notebooks_in_a_folder_grade_the_newest_and_say_so(tmp_path):
    old = write_notebook(tmp_path / "ada" / "draft.ipynb", ["x = 0"])
    os.utime(old, (time.time() - 600, time.time() - 600))
    write_notebook(tmp_path / "ada" / "final.ipynb", ["x = 1"])
    [ada] = find_submissions(tmp_path, tmp_path / ".staging")
    assert ada.notebook.name == "final.ipynb"
    assert "2 notebooks" in ada.notes[0] and "final.ipynb" in ada.notes[0]


def test_a_folder_without_a_notebook_is_reported(tmp_path):
    (tmp_path / "ada").mkdir()
    (tmp_path / "ada" / "essay.docx").write_bytes(b"PK")
    [ada] = find_submissions(tmp_path, tmp_path / ".staging")
    assert ada.notebook is None and "no notebook" in ada.problem


def test_links_in_a_student_folder_are_not_followed(tmp_path):
    write_notebook(tmp_path / "ada" / "ex00.ipynb", ["x = 1"])
    (tmp_path / "ada" / "key.ipynb").symlink_to("/etc/passwd")
    [ada] = find_submissions(tmp_path, tmp_path / ".staging")
    assert [name for _, name in ada.files] == ["ex00.ipynb"]
    assert any("key.ipynb" in note for note in ada.notes)


def test_canvas_zip_resubmission_grades_the_newest(tmp_path):
    archive = _zip(
        tmp_path / "submissions.zip",
        {
            "lovelaceada_1234_5001_ex00_practice.ipynb": NOTEBOOK,
            "lovelaceada_late_1234_5002_ex00_practice-1.ipynb": NOTEBOOK,
            "lovelaceada_1234_5001_annotations.json": "[]",
            "hoppergrace_5678_5003_ex00_practice.ipynb": NOTEBOOK,
        },
        dates={"lovelaceada_late_1234_5002_ex00_practice-1.ipynb": (2024, 4, 7, 9, 0, 0)},
    )
    found = find_submissions(archive, tmp_path / "staging")
    assert [(s.student, s.lms_id) for s in found] == [
        ("hoppergrace", "5678"),
        ("lovelaceada", "1234"),
    ]
    ada = found[1]
    assert ada.notebook.name.endswith("ex00_practice-1.ipynb")
    assert any("submitted 2 times" in note for note in ada.notes)
    assert "annotations.json" in [name for _, name in ada.files]


def test_moodle_zip_folders(tmp_path):
    archive = _zip(
        tmp_path / "moodle.zip",
        {
            "Ada Lovelace_123456_assignsubmission_file_/ex00_practice.ipynb": NOTEBOOK,
            "Ada Lovelace_123456_assignsubmission_file_/spans.json": "[]",
            "Grace Hopper_654321_assignsubmission_file_/ex00_practice.ipynb": NOTEBOOK,
        },
    )
    found = find_submissions(archive, tmp_path / "staging")
    assert [(s.student, s.lms_id) for s in found] == [
        ("Ada Lovelace", "123456"),
        ("Grace Hopper", "654321"),
    ]
    assert sorted(name for _, name in found[0].files) == ["ex00_practice.ipynb", "spans.json"]


def test_zip_slip_and_links_stay_inside(tmp_path):
    staging = tmp_path / "deep" / "staging"
    archive = _zip(
        tmp_path / "evil.zip",
        {
            "../../escaped.ipynb": NOTEBOOK,
            "/etc/absolute.ipynb": NOTEBOOK,
            "ok/..\\..\\windows.ipynb": NOTEBOOK,
            "link.ipynb": "/etc/passwd",
            "ada.ipynb": NOTEBOOK,
        },
        links=("link.ipynb",),
    )
    notes = unpack_zip(archive, staging)
    assert not (tmp_path / "escaped.ipynb").exists()
    assert not (tmp_path / "deep" / "escaped.ipynb").exists()
    assert sorted(p.name for p in staging.rglob("*") if p.is_file()) == ["ada.ipynb"]
    assert not any(p.is_symlink() for p in staging.rglob("*"))
    assert sum("unsafe path" in note for note in notes) == 3  # the absolute one too
    assert any("a link" in note for note in notes)


def test_zip_bomb_entries_are_skipped(tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("ada.ipynb", NOTEBOOK)
        with zipped.open("zeros.json", "w", force_zip64=True) as entry:
            chunk = bytes(1 << 20)
            for _ in range(MAX_ZIP_ENTRY_BYTES // len(chunk) + 2):
                entry.write(chunk)
    notes = unpack_zip(bomb, tmp_path / "staging")
    assert not (tmp_path / "staging" / "zeros.json").exists()
    assert any("zeros.json" in note and "too large" in note for note in notes)
    assert (tmp_path / "staging" / "ada.ipynb").exists()


def test_an_entry_over_the_cap_is_not_unpacked(tmp_path, monkeypatch):
    from kit.grading import submissions

    archive = _zip(tmp_path / "big.zip", {"big.ipynb": bytes(3 * 2**20), "ada.ipynb": NOTEBOOK})
    monkeypatch.setattr(submissions, "MAX_ZIP_ENTRY_BYTES", 2**20)
    notes = unpack_zip(archive, tmp_path / "staging")
    assert not (tmp_path / "staging" / "big.ipynb").exists()
    assert (tmp_path / "staging" / "ada.ipynb").exists()
    assert any("big.ipynb" in note for note in notes)


def test_not_a_zip_nor_a_folder(tmp_path):
    (tmp_path / "grades.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(SubmissionsError, match="neither a folder"):
        find_submissions(tmp_path / "grades.pdf", tmp_path / "staging")
    with pytest.raises(SubmissionsError, match="does not exist"):
        find_submissions(tmp_path / "nowhere", tmp_path / "staging")


def test_code_cells_of_both_formats(tmp_path):
    v4 = write_notebook(tmp_path / "v4.ipynb", ["a = 1", "b = 2"])
    v3 = write_notebook(tmp_path / "v3.ipynb", notebook_v3(["a = 1", "b = 2"]))
    assert code_cells(v4) == code_cells(v3) == ["a = 1", "b = 2"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"not json at all", "not a valid notebook"),
        (b"\xff\xfe\x00garbage", "not text"),
        (b"[1, 2, 3]", "not a notebook"),
        (b'{"cells": "nope"}', "no cells"),
        (b"[" * 100000, "not a valid notebook"),
    ],
)
def test_broken_notebooks_say_what_is_wrong(tmp_path, content, words):
    path = tmp_path / "broken.ipynb"
    path.write_bytes(content)
    with pytest.raises(NotebookError, match=words):
        code_cells(path)


def test_the_output_folder_among_the_submissions_is_no_student(tmp_path):
    write_notebook(tmp_path / "ada" / "ex00.ipynb", ["x = 1"])
    write_notebook(tmp_path / "grades" / "feedback" / "old.ipynb", ["x = 1"])
    found = find_submissions(tmp_path, tmp_path / ".staging", skip=tmp_path / "grades")
    assert [s.student for s in found] == ["ada"]


def test_zip_notes_go_to_their_own_student_and_nobody_is_lost(tmp_path):
    archive = _zip(
        tmp_path / "class.zip",
        {
            "ada_11_assignsubmission_file_/ex00.ipynb": NOTEBOOK,
            "ada_11_assignsubmission_file_/evil.ipynb": "/etc/passwd",
            "bob_12_assignsubmission_file_/ex00.ipynb": "/etc/shadow",
            "/tmp/ZIPSLIP2": NOTEBOOK,
        },
        links=(
            "ada_11_assignsubmission_file_/evil.ipynb",
            "bob_12_assignsubmission_file_/ex00.ipynb",
        ),
    )
    unattributed: list[str] = []
    found = find_submissions(archive, tmp_path / "staging", unattributed=unattributed)
    by_name = {s.student: s for s in found}
    assert sorted(by_name) == ["ada", "bob"]  # no phantom "tmp"
    assert by_name["ada"].notebook is not None
    assert any("evil.ipynb" in note for note in by_name["ada"].notes)
    assert not any("bob" in note for note in by_name["ada"].notes)
    bob = by_name["bob"]
    assert (bob.notebook, bob.lms_id) == (None, "12")
    assert "a link" in bob.problem
    assert any("ZIPSLIP2" in note for note in unattributed)


def test_utf8_names_in_a_zip_without_the_utf8_flag_are_read_right(tmp_path):
    archive = _zip(tmp_path / "class.zip", {"Chloé_12_assignsubmission_file_/ex00.ipynb": NOTEBOOK})
    data = bytearray(archive.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # clear the UTF-8 flag
        at = data.index(signature) + offset
        data[at : at + 2] = (int.from_bytes(data[at : at + 2], "little") & ~0x800).to_bytes(
            2, "little"
        )
    archive.write_bytes(bytes(data))
    with zipfile.ZipFile(archive) as zipped:
        assert zipped.infolist()[0].filename.startswith("Chlo├⌐")  # how Python reads it
    [chloe] = find_submissions(archive, tmp_path / "staging")
    assert (chloe.student, chloe.lms_id) == ("Chloé", "12")


def test_a_zip_flagged_utf8_with_a_name_that_is_not_utf8_is_still_unpacked(tmp_path):
    archive = _zip(tmp_path / "class.zip", {"victim_1_ex00.ipynb": NOTEBOOK, "XÉ_2_ex00.ipynb": ""})
    broken = archive.read_bytes().replace("XÉ_2".encode(), b"\xff\xfe\xfd_2")
    archive.write_bytes(broken)  # the UTF-8 flag stays
    with pytest.raises(UnicodeDecodeError):
        zipfile.ZipFile(archive)
    students = find_submissions(archive, tmp_path / "staging")
    assert len(students) == 2
    assert "victim_1_ex00" in [s.student for s in students]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class.zip", "staging"]  # no copy left


def test_what_kit_release_wrote_beside_the_notebooks_is_not_a_student(tmp_path):
    """8b #8c: a class collected in the released folder (texts/, the blank notebook)."""
    subs = tmp_path / "subs"
    (subs / "texts" / "oak").mkdir(parents=True)
    (subs / "texts" / "oak" / "text.txt").write_text("Headline\n\nBody.\n")
    write_notebook(subs / "ex01_reading.ipynb", ["q1 = ..."])
    (subs / "ex01_reading.checks.json").write_text("{}")
    write_notebook(subs / "ada.ipynb", ["q1 = 1"])
    write_notebook(subs / "texts-of-bo" / "work.ipynb", ["q1 = 2"])  # a student's folder
    found = find_submissions(subs, tmp_path / "staging")
    assert [s.student for s in found] == ["ada", "texts-of-bo"]
