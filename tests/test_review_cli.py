"""`kit review SUBMISSIONS --out DIR`: where the report is, a summary, and exit codes."""

import subprocess
import sys

import pytest
from conftest import REPO
from review_class import STUDENTS, make_class

import kit
from kit.cli import main


@pytest.fixture(scope="module")
def submissions(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli") / "submissions"
    labels = make_class(root)
    return root, labels


def test_the_command_writes_the_report_and_prints_a_summary(submissions, tmp_path, capsys):
    root, labels = submissions
    out = tmp_path / "review"
    assert main(["review", str(root), "--out", str(out), "--disputed", "3"]) == 0
    printed = capsys.readouterr()
    assert f"Report written: {out / 'index.html'}" in printed.out
    assert f"Reviewed the claims labels of {STUDENTS} students" in printed.out
    assert f"{kit.agreement(labels).alpha:.2f}" in printed.out
    assert "3 students' work could not be used (" in printed.out
    assert (out / "index.html").is_file()
    assert len((out / "disputed.csv").read_text(encoding="utf-8-sig").splitlines()) == 4


def test_the_command_runs_as_a_program(submissions, tmp_path):
    root, _ = submissions
    out = tmp_path / "review"
    command = [sys.executable, "-m", "kit", "review", str(root), "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert "Report written:" in done.stdout and "Traceback" not in done.stderr
    again = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert again.returncode == 0, again.stderr  # an earlier report may be replaced


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("empty", "holds no student's work"),
        ("nowhere", "does not exist"),
    ],
)
def test_bad_submissions_end_in_one_line_and_status_2(tmp_path, capsys, where, message):
    (tmp_path / "empty").mkdir()
    status = main(["review", str(tmp_path / where), "--out", str(tmp_path / "out")])
    printed = capsys.readouterr()
    assert status == 2
    assert printed.err.startswith("kit review: ") and message in printed.err
    assert len(printed.err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_an_out_folder_among_the_submissions_is_refused_before_reading(
    submissions, capsys, tmp_path
):
    root, _ = submissions
    assert main(["review", str(root), "--out", str(root / "report")]) == 2
    assert "into the submissions" in capsys.readouterr().err
    assert not (root / "report").exists()
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    assert main(["review", str(root), "--out", str(other)]) == 2
    assert "not a class review made by the kit" in capsys.readouterr().err
    assert (other / "keep.txt").read_text() == "mine"


def test_a_missing_out_is_an_argument_error(submissions, capsys):
    root, _ = submissions
    with pytest.raises(SystemExit) as stop:
        main(["review", str(root)])
    assert stop.value.code == 2
    assert "--out" in capsys.readouterr().err


def test_an_unknown_scheme_says_which_there_are(submissions, tmp_path, capsys):
    root, _ = submissions
    assert main(["review", str(root), "--out", str(tmp_path / "o"), "--scheme", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kit review: ") and "claims" in err
