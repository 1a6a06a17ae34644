"""A submission that nests folders deep or fills the disk is stopped, cleaned up, and keeps the
points it earned before."""

from __future__ import annotations

import os
import tempfile

from grading_support import after, points, rows, write_notebook

from kit.grading import grade
from kit.grading.batch import remove_tree
from kit.grading.forkserver import _too_big

DEEP_THEN_FILL = (
    "import os\n"
    "for _ in range(1100):\n"
    "    os.mkdir('d')\n"
    "    os.chdir('d')\n"
    "block = bytes(16 * 2**20)\n"
    "for number in range(100):\n"
    "    with open(f'f{number}.bin', 'wb') as handle:\n"
    "        handle.write(block)\n"
)


def _deep(root, depth):
    os.makedirs(root, exist_ok=True)
    fd = os.open(root, os.O_RDONLY)
    for _ in range(depth):
        os.mkdir("d", dir_fd=fd)
        inner = os.open("d", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
    os.close(fd)


def test_a_tree_a_thousand_folders_deep_is_removed_without_an_error(tmp_path):
    _deep(tmp_path / "child", 1100)
    remove_tree(tmp_path / "child")
    assert not (tmp_path / "child").exists()


def test_deep_folders_count_as_too_much_disk(tmp_path):
    _deep(tmp_path / "child", 100)
    assert _too_big(str(tmp_path / "child"), 10**9)
    _deep(tmp_path / "shallow", 5)
    assert not _too_big(str(tmp_path / "shallow"), 10**9)


def test_deep_folders_and_a_full_disk_keep_the_points_earned_before(tmp_path, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    subs, out = tmp_path / "subs", tmp_path / "out"
    write_notebook(subs / "mallory.ipynb", after("q3", DEEP_THEN_FILL))
    grade("ex00_practice", subs, out, workers=1, timeout=60, disk_mb=100)
    row = rows(out / "grades.csv")["mallory"]
    assert (float(row["total"]), row["status"]) == (points("q1", "q2", "q3"), "crashed"), row
    assert "disk space" in row["reason"]
    assert not list(scratch.glob("kit-grade-*"))


def test_a_killed_graders_folders_are_removed_by_the_next_grader(tmp_path, monkeypatch):
    import subprocess
    import sys

    from kit.grading.scratch import MARKER, make_scratch, remove_stale

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    left = scratch / "kit-grade-left"
    (left / "work" / "deep").mkdir(parents=True)
    (left / MARKER).write_text(f"{dead} 1\n")
    unmarked = scratch / "kit-grade-unknown"  # no marker: not known to be ours
    unmarked.mkdir()
    ours = make_scratch("kit-grade-")  # this process, still running
    assert remove_stale() == 1
    assert not left.exists() and unmarked.exists() and ours.exists()
    subs, out = tmp_path / "subs", tmp_path / "out"
    write_notebook(subs / "ada.ipynb", ["q1 = 'fact'"])
    left.mkdir()
    (left / MARKER).write_text(f"{dead} 1\n")
    grade("ex00_practice", subs, out, workers=1, timeout=60)
    assert sorted(p.name for p in scratch.iterdir()) == sorted([unmarked.name, ours.name])
