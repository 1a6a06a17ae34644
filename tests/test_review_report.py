"""The review report on disk: a standalone page, CSVs for Excel, escaping, and folders it refuses."""

import base64
import csv
import html
import io
import json
import re

import pytest
from conftest import SEED
from review_class import ODD_NAME, STUDENTS, key_from_csv, make_class, save_labels

import kit


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    base = tmp_path_factory.mktemp("report")
    root = base / "submissions"
    labels = make_class(root)
    result = kit.review(root)
    index = result.write(base / "review")
    return root, labels, result, index


def read_csv(path):
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode()), f"{path.name} has no byte-order mark for Excel"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_report_folder_holds_the_page_charts_and_a_csv_per_table(report):
    _, _, _, index = report
    folder = index.parent
    assert index.name == "index.html"
    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert names == {
        "index.html",
        "review.json",
        "agreement.csv",
        "shares.csv",
        "disputed.csv",
        "students.csv",
        "problems.csv",
        "charts/class_shares.png",
        "charts/class_shares.svg",
        "charts/sentence_strip.png",
        "charts/sentence_strip.svg",
    }
    marker = json.loads((folder / "review.json").read_text(encoding="utf-8"))
    assert marker["format"] == "media-literacy-kit/class-review"
    assert marker["students"] == STUDENTS


def test_the_csv_numbers_match_agreement_and_the_key(report):
    _, labels, result, index = report
    folder = index.parent
    row = read_csv(folder / "agreement.csv")[0]
    assert float(row["alpha"]) == pytest.approx(kit.agreement(labels).alpha, abs=1e-4)
    assert int(row["students"]) == STUDENTS
    key = key_from_csv()
    students = {r["student"]: r for r in read_csv(folder / "students.csv")}
    assert len(students) == STUDENTS
    for student, part in labels.groupby("annotator"):
        matches = sum(
            label in key[sid] for sid, label in zip(part.sentence_id, part.label, strict=True)
        )
        assert int(students[student]["matching_expert"]) == matches
        assert float(students[student]["agreement_with_expert"]) == pytest.approx(
            matches / len(part), abs=1e-4
        )
    problems = read_csv(folder / "problems.csv")
    assert {(p["student"], p["problem"]) for p in problems} == {
        ("truncated", "broken"),
        ("othertext", "other text"),
        ("notkit", "not a kit file"),
    }
    shares = read_csv(folder / "shares.csv")
    assert [int(r["sentence_id"]) for r in shares] == result.shares.sentence_id.tolist()


def test_the_page_is_standalone_and_shows_the_figures(report):
    _, labels, result, index = report
    page = index.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing from the network
    assert "<script" not in page.lower() and "<link" not in page.lower()
    alpha = f"Krippendorff's alpha = {kit.agreement(labels).alpha:.2f}"
    assert html.escape(alpha) in page
    assert "@media print" in page
    images = re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"', page)
    assert len(images) == 2
    svg = base64.b64decode(images[0][0]).decode("utf-8")
    assert "<svg" in svg
    assert html.unescape(images[0][1]).startswith("Stacked bar chart: label shares for 22")
    assert "Strip of the 22 sentences" in html.unescape(images[1][1])
    top = result.disputed.iloc[0]
    assert html.escape(str(top.rationale)) in page
    assert "Krippendorff, K. (2004)" in page


def test_everything_from_students_is_escaped(report):
    _, _, _, index = report
    page = index.read_text(encoding="utf-8")
    assert ODD_NAME not in page
    assert html.escape(ODD_NAME) in page
    assert "<img src=x" not in page


def test_a_formula_like_student_name_is_defused_in_the_csv(tmp_path):
    doc = kit.load(SEED)
    key = kit.expert_key(doc)
    for name in ("=HYPERLINK(1)", "ben"):
        save_labels(tmp_path / "subs" / name / "y.claims.json", doc, name, key)
    kit.review(tmp_path / "subs").write(tmp_path / "out")
    students = {r["student"] for r in read_csv(tmp_path / "out" / "students.csv")}
    assert students == {"'=HYPERLINK(1)", "ben"}


def test_an_earlier_report_is_replaced(report):
    _, _, result, index = report
    (index.parent / "students.csv").write_text("stale", encoding="utf-8")
    again = result.write(index.parent)
    assert again == index and index.is_file()
    assert len(read_csv(index.parent / "students.csv")) == STUDENTS


def test_the_report_never_goes_over_the_instructors_folders(report, tmp_path):
    root, _, result, _ = report
    with pytest.raises(kit.ReviewError, match="into the submissions"):
        result.write(root)
    with pytest.raises(kit.ReviewError, match="into the submissions"):
        result.write(root / "review")
    assert not (root / "review").exists()
    with pytest.raises(kit.ReviewError, match="holds the submissions"):
        result.write(root.parent)
    mine = tmp_path / "my-notes"
    mine.mkdir()
    (mine / "lesson plan.docx").write_bytes(b"mine")
    with pytest.raises(kit.ReviewError, match="not a class review made by the kit"):
        result.write(mine)
    assert sorted(p.name for p in mine.iterdir()) == ["lesson plan.docx"]
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(kit.ReviewError, match="is a file"):
        result.write(tmp_path / "a-file")
    with pytest.raises(kit.ArgumentError, match="folder as a name in quotes"):
        result.write(None)


def test_partial_work_is_flagged_and_explained_in_the_page_and_csv(tmp_path):
    doc = kit.load(SEED)
    key = kit.expert_key(doc)
    for name, table in (("ana", key), ("ben", key), ("hedy", key.head(10))):
        save_labels(tmp_path / "subs" / name / "y.claims.json", doc, name, table)
    index = kit.review(tmp_path / "subs").write(tmp_path / "out")
    students = {r["student"]: r for r in read_csv(tmp_path / "out" / "students.csv")}
    hedy = students["hedy"]
    assert (hedy["labelled"], hedy["sentences"], hedy["complete"]) == ("10", "22", "False")
    assert float(hedy["agreement_with_expert"]) == pytest.approx(10 / 22, abs=1e-4)
    assert float(hedy["agreement_where_labelled"]) == pytest.approx(1.0)
    assert students["ana"]["complete"] == "True"
    problems = read_csv(tmp_path / "out" / "problems.csv")
    assert [(p["student"], p["problem"]) for p in problems] == [("hedy", "incomplete")]
    text = html.unescape(re.sub(r"<[^>]+>", " ", index.read_text(encoding="utf-8")))
    text = " ".join(text.split())
    assert "10 of 22 — incomplete" in text  # hedy's row says how much she labelled
    assert "a sentence a student did not label counts as not matching" in text
    assert "45%" in text and "100%" in text  # over the whole text, and where labelled


def test_tables_have_captions_and_header_scopes_for_screen_readers(report):
    _, _, _, index = report
    page = index.read_text(encoding="utf-8")
    tables = re.findall(r"<table>.*?</table>", page, flags=re.S)
    assert len(tables) >= 5
    for table in tables:
        assert re.search(r"<caption>[^<]+</caption>", table), table[:200]
        headers = re.findall(r"<th( [^>]*)?>", table)
        assert headers and all('scope="' in (attrs or "") for attrs in headers), table[:300]


def test_the_printed_page_keeps_table_rows_together_and_headers_repeating(report):
    _, _, _, index = report
    page = index.read_text(encoding="utf-8")
    style = page[page.index("@media print") :]
    assert "thead { display: table-header-group" in style
    assert "figure img" in style and "max-height" in style  # a chart never leaves a page half empty
    assert "caption, thead, .explain { break-after: avoid" in style  # no header alone at a foot
    assert "tbody tr:last-child" in style  # nor a last row alone at a top


def test_the_charts_source_notes_are_enlarged_for_print():
    import matplotlib.pyplot as plt

    from kit.charts._style import SOURCE_NOTE_GID
    from kit.review.figures import NOTE_SIZE, readable_notes

    ax = kit.charts.sentence_strip(kit.load(SEED), expert=True)
    notes = ax.figure.findobj(lambda a: a.get_gid() == SOURCE_NOTE_GID)
    assert notes and all(note.get_fontsize() < NOTE_SIZE for note in notes)
    readable_notes(ax)
    assert all(note.get_fontsize() == NOTE_SIZE for note in notes)
    plt.close(ax.figure)


def test_a_percentage_never_rounds_to_all_or_nothing():
    import pandas as pd

    from kit.review.page import table_html

    shown = table_html(pd.DataFrame({"agreement_with_expert": [299 / 300, 1 / 300, 1.0, 0.0]}))
    cells = re.findall(r'<td class="num">([^<]+)</td>', shown)
    assert cells == ["99%", "&lt;1%", "100%", "0%"]
