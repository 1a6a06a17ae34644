"""`kit grade` end to end: reports, resuming, the review sheet, interrupts, bad arguments."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from conftest import REPO
from grading_support import (
    EXERCISE,
    FULL_AUTO,
    MANUAL,
    STUDENT,
    notebook,
    points,
    rows,
    solution_cells,
    write_notebook,
)

from kit.grading import grade

KIT = [sys.executable, "-m", "kit"]


def _class(folder, **extra):
    """A class: one correct and one blank submission, plus ``extra`` {student: cells}."""
    write_notebook(folder / "correct.ipynb", solution_cells())
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(STUDENT, folder / "blank.ipynb")
    for student, cells in extra.items():
        write_notebook(folder / f"{student}.ipynb", cells)
    return folder


def _kit(*args, **options):
    return subprocess.run(
        [*KIT, *map(str, args)], capture_output=True, text=True, cwd=REPO, **options
    )


def test_the_command_grades_a_class_and_writes_every_report(tmp_path):
    subs, out = _class(tmp_path / "subs"), tmp_path / "out"
    result = _kit("grade", "ex00_practice", subs, "--out", out, "--workers", 2, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "2 submissions" in result.stdout
    assert "landlock" in result.stderr and "seccomp" in result.stderr
    assert "graded 2/2" in result.stderr  # plain progress lines when not on a terminal
    grades = rows(out / "grades.csv")
    assert float(grades["correct"]["total"]) == FULL_AUTO
    assert float(grades["blank"]["total"]) == 0
    assert float(grades["correct"]["max_points"]) == EXERCISE.max_points
    with open(out / "grades_long.csv", encoding="utf-8-sig") as handle:
        long = list(csv.DictReader(handle))
    assert len(long) == 2 * len(EXERCISE.questions)
    assert {r["status"] for r in long if r["student"] == "correct"} == {"passed", "manual"}
    with open(out / "gradebook.csv", encoding="utf-8-sig") as handle:
        gradebook = list(csv.reader(handle))
    assert gradebook[0] == ["Student", "ID", f"ex00_practice ({EXERCISE.max_points:g})"]
    assert sorted(gradebook[1:]) == [["blank", "", "0"], ["correct", "", str(FULL_AUTO)]]
    page = (out / "feedback" / "correct.html").read_text()
    assert f"{FULL_AUTO:g} / {EXERCISE.max_points:g} points" in page and "q17" in page
    summary = json.loads((out / "summary.json").read_text())
    assert summary["submissions"] == 2 and "landlock" in summary["protections"]
    assert "landlock" in (out / "isolation.txt").read_text()


def test_rerun_skips_unchanged_submissions_unless_forced(tmp_path):
    hunter = "import gc\nq9 = sum(type(o).__name__ in ('Exercise', 'Question') for o in gc.get_objects())\n"
    subs, out = _class(tmp_path / "subs", key_hunter=[hunter]), tmp_path / "out"
    first = grade("ex00_practice", subs, out, workers=2, timeout=20)
    assert first.ran == 3
    # The child never held the exercise: no Exercise or Question object in its memory.
    assert next(g for g in first.graded if g.student == "key_hunter").answers["q9"] == 0
    again = grade("ex00_practice", subs, out, workers=2, timeout=20)
    assert again.ran == 0
    assert [g.total for g in again.graded] == [g.total for g in first.graded]
    write_notebook(subs / "blank.ipynb", solution_cells()[:3])
    changed = grade("ex00_practice", subs, out, workers=2, timeout=20)
    assert changed.ran == 1
    assert next(g for g in changed.graded if g.student == "blank").total == points("q1", "q2")
    forced = grade("ex00_practice", subs, out, workers=2, timeout=20, force=True)
    assert forced.ran == 3


def test_hand_scores_from_the_review_sheet_are_merged(tmp_path):
    subs, out = _class(tmp_path / "subs"), tmp_path / "out"
    grade("ex00_practice", subs, out, workers=2, timeout=20)
    with open(out / "review.csv", encoding="utf-8-sig") as handle:
        sheet = list(csv.DictReader(handle))
    assert MANUAL == ["q12"]
    assert [(r["student"], r["question"], r["points"]) for r in sheet] == [
        ("blank", "q12", ""),
        ("correct", "q12", ""),
    ]
    assert "Russia itself has proved" in sheet[1]["answer"]
    sheet[1]["points"], sheet[1]["comment"] = "2.5", "Good <evidence>, but say why."
    sheet[0]["points"] = "lots"  # not a number: ignored, kept for the instructor to fix
    with open(out / "review.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(sheet[0]))
        writer.writeheader()
        writer.writerows(sheet)
    batch = grade("ex00_practice", subs, out, workers=2, timeout=20)
    assert batch.ran == 0
    assert float(rows(out / "grades.csv")["correct"]["total"]) == FULL_AUTO + 2.5
    assert float(rows(out / "grades.csv")["blank"]["total"]) == 0
    page = (out / "feedback" / "correct.html").read_text()
    assert "Instructor: Good &lt;evidence&gt;, but say why." in page
    with open(out / "review.csv", encoding="utf-8-sig") as handle:
        kept = {r["student"]: r for r in csv.DictReader(handle)}
    assert kept["correct"]["points"] == "2.5" and kept["blank"]["points"] == "lots"


def test_student_text_is_escaped_in_pages_and_defused_in_spreadsheets(tmp_path):
    name = '=HYPERLINK("x")<img src=x onerror=alert(1)>'
    subs = tmp_path / "subs"
    write_notebook(subs / name / "ex00.ipynb", ["raise ValueError('<script>alert(1)</script>')"])
    out = tmp_path / "out"
    grade("ex00_practice", subs, out, workers=1, timeout=20)
    [page] = [p for p in (out / "feedback").glob("*.html") if p.name != "index.html"]
    text = page.read_text()
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    with open(out / "grades.csv", encoding="utf-8-sig") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["student"] == "'" + name
    assert row["status"] == "cell errors" and "ValueError" in row["reason"]


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["no_such_exercise", "{subs}"], "no exercise called"),
        (["ex00_practice", "{tmp}/nowhere"], "does not exist"),
        (["ex00_practice", "{tmp}/empty"], "no submissions"),
    ],
)
def test_nothing_to_grade_exits_non_zero_with_a_reason(tmp_path, arguments, words):
    subs = _class(tmp_path / "subs")
    (tmp_path / "empty").mkdir()
    arguments = [a.format(subs=subs, tmp=tmp_path) for a in arguments]
    result = _kit("grade", *arguments, "--out", tmp_path / "out", timeout=120)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_options_exit_non_zero(tmp_path):
    result = _kit("grade", "ex00_practice", tmp_path, "--out", tmp_path, "--workers", "0")
    assert result.returncode == 2 and "must be 1 or more" in result.stderr


def _start_slow_class(tmp_path):
    subs = tmp_path / "subs"
    write_notebook(subs / "a1.ipynb", solution_cells()[:2])
    write_notebook(subs / "a2.ipynb", solution_cells()[:3])
    write_notebook(subs / "z_loop.ipynb", ["q1 = 'fact'", "while True:\n    pass\n"])
    out = tmp_path / "out"
    scratch = tmp_path / "scratch"  # a killed grader's folders stay in tmp_path, not in /tmp
    scratch.mkdir()
    process = subprocess.Popen(
        [*KIT, "grade", "ex00_practice", subs, "--out", out, "--workers", "1", "--timeout", "120"],
        cwd=REPO,
        env={**os.environ, "TMPDIR": str(scratch)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    results = out / ".kit-grading" / "results"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if len(list(results.glob("*.json"))) >= 2 and len(_our_servers()) >= 2:
            break
        time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("the grader never reached the endless loop")
    return subs, out, process


@pytest.mark.slow
def test_sigterm_stops_the_children_and_a_rerun_finishes_the_batch(tmp_path):
    subs, out, process = _start_slow_class(tmp_path)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 130
    assert "run the same command" in process.stderr.read()
    _assert_no_servers_soon()
    assert not (out / "grades.csv").exists() or (out / "grades.csv").read_text()
    result = _kit("grade", "ex00_practice", subs, "--out", out, "--timeout", "2", timeout=120)
    assert result.returncode == 0, result.stderr
    assert "(1 run, 2 unchanged)" in result.stdout
    grades = rows(out / "grades.csv")
    assert grades["z_loop"]["status"] == "timeout"
    assert float(grades["z_loop"]["total"]) == points("q1")
    assert float(grades["a2"]["total"]) == points("q1", "q2")


@pytest.mark.slow
def test_killing_the_grader_outright_leaves_no_orphans(tmp_path):
    _subs, _out, process = _start_slow_class(tmp_path)
    process.kill()
    process.wait(timeout=10)
    _assert_no_servers_soon()


def _assert_no_servers_soon():
    deadline = time.monotonic() + 10
    while _our_servers() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _our_servers() == []


def _our_servers() -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                command = handle.read()
            with open(f"/proc/{entry}/stat", "rb") as handle:
                state = handle.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if (
            command.startswith(sys.executable.encode())
            and b"kit.grading.forkserver" in command
            and state != b"Z"
        ):
            found.append(int(entry))
    return found


def test_an_lms_zip_end_to_end_grades_the_newest_submission(tmp_path):
    import zipfile

    blank = STUDENT.read_text(encoding="utf-8")
    correct = json.dumps(notebook(solution_cells()))
    archive = tmp_path / "canvas.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name, content, day in [
            ("lovelaceada_1234_9001_ex00_practice.ipynb", blank, 6),
            ("lovelaceada_late_1234_9002_ex00_practice-1.ipynb", correct, 7),
            ("hoppergrace_5678_9003_ex00_practice.ipynb", blank, 6),
        ]:
            zipped.writestr(zipfile.ZipInfo(name, date_time=(2024, 4, day, 9, 0, 0)), content)
    out = tmp_path / "out"
    grade("ex00_practice", archive, out, workers=2, timeout=20)
    with open(out / "gradebook.csv", encoding="utf-8-sig") as handle:
        gradebook = list(csv.reader(handle))[1:]
    assert sorted(gradebook) == [
        ["hoppergrace", "5678", "0"],
        ["lovelaceada", "1234", f"{FULL_AUTO:g}"],
    ]
    assert "graded the newest" in rows(out / "grades.csv")["lovelaceada"]["reason"]


def test_two_graders_never_write_one_folder(tmp_path):
    import fcntl

    from kit.errors import GradingError

    subs, out = _class(tmp_path / "subs"), tmp_path / "out"
    (out / ".kit-grading").mkdir(parents=True)
    with open(out / ".kit-grading" / "lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(GradingError, match="another `kit grade`"):
            grade("ex00_practice", subs, out, workers=1, timeout=20)
    assert not (out / "grades.csv").exists()


def test_names_that_are_not_utf8_do_not_stop_the_batch(tmp_path):
    subs = _class(tmp_path / "subs")
    write_notebook(subs / os.fsdecode(b"stud\xff\xfe.ipynb"), solution_cells())
    write_notebook(subs / os.fsdecode(b"dir\xe9x") / "nb.ipynb", ["q1 = 'x'"])
    (subs / os.fsdecode(b"dir\xe9x") / os.fsdecode(b"notes\x82\xa0.json")).write_text("{}")
    out = tmp_path / "out"
    result = _kit("grade", "ex00_practice", subs, "--out", out, "--workers", "1")
    assert result.returncode == 0, result.stderr
    table = rows(out / "grades.csv")
    assert table["stud\ufffd\ufffd"]["status"] == "ok"
    assert table["dir\ufffdx"]["status"] != "error"
    assert table["correct"]["total"] == table["stud\ufffd\ufffd"]["total"]


def test_the_spreadsheets_open_in_excel_with_accented_names_intact(tmp_path):
    # Excel reads a CSV without a byte-order mark in the computer's legacy code page:
    # "Zoë Müller" would show as "ZoÃ« MÃ¼ller". With the BOM it reads UTF-8.
    subs = _class(tmp_path / "subs", **{"Zoë Müller": solution_cells()})
    out = tmp_path / "out"
    grade("ex00_practice", subs, out, workers=2, timeout=20)
    for name in ("grades.csv", "grades_long.csv", "gradebook.csv", "review.csv"):
        data = (out / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), f"{name} has no BOM"
        assert data.count(b"\xef\xbb\xbf") == 1
        assert "Zoë Müller" in data.decode("utf-8-sig"), name
    graded = rows(out / "grades.csv")
    assert graded["Zoë Müller"]["total"] == graded["correct"]["total"]
    with open(out / "gradebook.csv", encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle))[0] == "Student"  # the header's first cell is clean
    # Grading again merges the review sheet it wrote, BOM and all.
    grade("ex00_practice", subs, out, workers=2, timeout=20)
    assert (out / "review.csv").read_bytes().count(b"\xef\xbb\xbf") == 1
