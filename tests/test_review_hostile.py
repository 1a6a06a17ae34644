"""kit review on hostile or broken class folders: a student's file never breaks the review,
never names a file to open, and never spoofs what the instructor reads."""

import json
import os
import zipfile

import pytest
from conftest import SEED
from review_class import save_labels

import kit


@pytest.fixture
def two(tmp_path):
    doc = kit.load(SEED)
    key = kit.expert_key(doc)
    for name in ("ana", "ben"):
        save_labels(tmp_path / "subs" / name / f"{SEED}.claims.json", doc, name, key)
    return tmp_path / "subs", doc, key


def _edit(path, change):
    record = json.loads(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text(json.dumps(record), encoding="utf-8")


def _add_student(root, name, doc, key, change):
    path = root / name / f"{SEED}.claims.json"
    save_labels(path, doc, name, key)
    _edit(path, change)
    return path


@pytest.mark.parametrize("slug", [["a"], {"x": 1}, 7])
def test_a_file_whose_text_name_is_not_text_is_broken_not_fatal(two, slug):
    root, doc, key = two
    _add_student(root, "zed", doc, key, lambda r: r["text"].update(slug=slug))
    result = kit.review(root)
    assert result.students == 2
    assert result.problems.set_index("student").loc["zed", "problem"] == "broken"


def test_labels_outside_the_text_are_dropped_and_said(two, tmp_path):
    root, doc, key = two

    def change(record):
        first = record["labels"][0]
        record["labels"] += [dict(first, sentence_id=n) for n in (0, -3, 999)]
        record["labels"].append(dict(first))  # an exact duplicate

    _add_student(root, "zed", doc, key, change)
    result = kit.review(root)
    table = result.by_student.set_index("student")
    assert table.loc["zed", "labelled"] == 22 and table.loc["zed", "matching_expert"] == 22
    assert set(result.shares.sentence_id) == set(range(1, 23))
    note = result.problems[result.problems.problem == "outside the text"].iloc[0]
    assert note.student == "zed" and bool(note.counted) and "-3, 0, 999" in note.detail
    index = result.write(tmp_path / "report")
    assert index.is_file()


def test_a_text_name_in_a_students_file_is_never_opened_as_a_path(tmp_path, monkeypatch):
    secret = tmp_path / "private" / "diary.txt"
    secret.parent.mkdir()
    secret.write_text("SECRET HEADLINE\n\nMy private words. More of them here.\n", "utf-8")
    doc = kit.load(SEED)
    key = kit.expert_key(doc)
    root = tmp_path / "class" / "subs"
    relative = os.path.relpath(secret, root)
    _add_student(root, "zed", doc, key, lambda r: r["text"].update(slug=relative, hash="x"))
    monkeypatch.chdir(root)  # the instructor runs the review from the class folder
    with pytest.raises(kit.ReviewError) as error:
        kit.review(".")
    assert "SECRET" not in str(error.value) and "not among the kit's texts" in str(error.value)


def test_links_in_the_submissions_are_not_followed_and_are_listed(two):
    root, _, _ = two
    (root / "evil.claims.json").symlink_to(root / "ben" / f"{SEED}.claims.json")
    (root / "ghost").symlink_to(root / "ben", target_is_directory=True)
    result = kit.review(root)
    assert sorted(result.by_student.student) == ["ana", "ben"]
    links = result.problems[result.problems.problem == "link"]
    assert sorted(links.file) == ["evil.claims.json", "ghost"]


def test_what_unpacking_a_zip_skipped_is_listed(two, tmp_path):
    root, _, _ = two
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in root.rglob("*.json"):
            zipped.write(path, path.relative_to(root).as_posix())
        zipped.writestr("../../escaped.claims.json", "{}")
    result = kit.review(archive)
    assert result.students == 2
    skipped = result.problems[result.problems.problem == "skipped"]
    assert len(skipped) == 1 and "escaped.claims.json" in skipped.detail.iloc[0]
    assert not (tmp_path.parent / "escaped.claims.json").exists()


def test_bidirectional_controls_in_names_are_shown_not_obeyed(two, tmp_path):
    root, doc, key = two
    name = "rtl\u202egnp.exe"
    save_labels(root / name / f"{SEED}.claims.json", doc, "x\u2066y", key)
    index = kit.review(root).write(tmp_path / "report")
    page = index.read_text(encoding="utf-8")
    students = (tmp_path / "report" / "students.csv").read_text(encoding="utf-8-sig")
    for text in (page, students):
        assert "\u202e" not in text and "\u2066" not in text
        assert "rtl[U+202E]gnp.exe" in text and "x[U+2066]y" in text


def test_a_class_that_agrees_everywhere_has_no_disputed_sentence(two):
    root, _, _ = two
    result = kit.review(root)
    assert len(result.disputed) == 0
    assert "Most disputed" not in result.summary()


def test_an_old_report_among_the_submissions_is_not_a_student(two, tmp_path):
    root, _, _ = two
    report = kit.review(root).write(tmp_path / "old-report").parent
    report.rename(root / "old-report")
    result = kit.review(root)
    assert "old-report" not in set(result.problems.student) | set(result.by_student.student)


def test_a_smaller_class_leaves_no_chart_of_the_earlier_one(two, tmp_path):
    root, _, _ = two
    out = tmp_path / "report"
    kit.review(root).write(out)
    (out / "charts" / "old_chart.png").write_bytes(b"x")
    kit.review(root).write(out)
    assert not (out / "charts" / "old_chart.png").exists()
