"""Hostile submissions: each gets exactly the points it earned and a clear status.

One batch grades them all (as in a real class, with two workers), then each test reads its
student's row. The exercise is a copy of ex00_practice's source in a temporary folder, so a
submission that reads or deletes it attacks the copy, never the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time

import pytest
from grading_support import (
    FULL_AUTO,
    SOURCE,
    STUDENT,
    after,
    cell_index,
    notebook_v3,
    points,
    replace,
    rows,
    solution_cells,
    write_notebook,
)

from kit.grading import grade

TIMEOUT = 10  # generous: a loaded CI machine must not turn slow work into a timeout
CELL_TIMEOUT = 4  # a stuck cell is stopped here and the notebook goes on
# Reads q1's solution out of the exercise source: it works unconfined (see the test below).
STEAL = r"""
import re
text = open({path!r}).read()
q1 = re.search(r'q1 = \\"(\w+)', text).group(1)
"""

# Finds the result pipe and writes one 30 MB line that would parse into 10 million lists.
FLOOD = """
import os, stat
line = b'{"x":[' + b'[],' * 10_000_000 + b'[]]}\\n'
for fd in range(3, 256):
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            view = memoryview(line)
            while view:
                view = view[os.write(fd, view):]
    except OSError:
        pass
"""


def _hostile(source_copy, outside, out) -> dict[str, list[str] | dict | bytes]:
    cells = solution_cells()
    steal = STEAL.format(path=str(source_copy))
    return {
        "correct": cells,
        "infinite_loop": after("q3", "while True:\n    pass\n"),
        "loop_catches_the_stop": after(
            "q3",
            "while True:\n    try:\n        while True:\n            pass\n"
            "    except BaseException:\n        pass\n",
        ),
        "memory_bomb": after(
            "q3", "hog = []\nwhile True:\n    hog.append(bytearray(50 * 2**20))\n"
        ),
        "fork_bomb": after("q3", "import os\nwhile True:\n    os.fork()\n"),
        "subprocess_call": after("q3", "import subprocess\nsubprocess.run(['echo', 'hi'])\n"),
        "sys_exit": after("q3", "import sys\nsys.exit('bye')\n"),
        "os_exit": after("q3", "import os\nos._exit(0)\n"),
        "keyboard_interrupt": after("q3", "raise KeyboardInterrupt\n"),
        "segfault": after("q3", "import ctypes\nctypes.string_at(0)\n"),
        "million_lines": ["for i in range(10**6):\n    print(i)\n", *cells],
        "always_equal": replace(
            "q7",
            "class AlwaysEqual:\n"
            "    def __eq__(self, other):\n        return True\n"
            "    def __ne__(self, other):\n        return False\n"
            "    __hash__ = object.__hash__\n"
            "q7 = AlwaysEqual()\n",
            replace("q1", "q1 = 'opinion'\n"),
        ),
        "lying_str": replace(
            "q1",
            "class Liar(str):\n"
            "    def __eq__(self, other):\n        return True\n"
            "    def __str__(self):\n        return 'fact'\n"
            "    __hash__ = str.__hash__\n"
            "q1 = Liar('opinion')\n",
            replace("q2", "q2 = Liar('fact')\n"),
        ),
        "patches_kit": [
            "import builtins, json, kit, kit.exercises, kit.exercises.checks as checks\n"
            "checks.Check.run = lambda self, value: checks.Outcome(1.0, 'passed')\n"
            "kit.exercises.Exercise.score = lambda self, *args, **kwargs: []\n"
            "kit.exercises.to_plain = lambda value: 'fact'\n"
            "json.dumps = lambda *args, **kwargs: '\"fact\"'\n"
            "builtins.repr = lambda value: \"'fact'\"\n"
            "check = lambda *args, **kwargs: print('passed')\n",
            *replace("q2", "q2 = 'opinion'\n", replace("q1", "q1 = 'opinion'\n")),
        ],
        "patches_builtins": [
            *replace("q2", "q2 = 'opinion'\n", replace("q1", "q1 = 'opinion'\n")),
            "import builtins\n"
            "builtins.isinstance = lambda *args: True\n"
            "builtins.len = lambda value: 0\n"
            "builtins.dict = builtins.list = builtins.str = None\n"
            "del builtins.type\n",
        ],
        "reads_source": [
            *replace("q2", "q2 = 'opinion'\n", replace("q1", "q1 = 'opinion'\n")),
            steal,
            "import kit.exercises\n"
            f"exercise = kit.exercises.load_exercise({str(source_copy)!r})\n"
            "exec(exercise.question('q2').solution)\n",
            f"q2 = open({str(SOURCE)!r}).read()[:0] or 'prediction'\n",
        ],
        "snoops": [
            *cells,
            "import os\nsecret = open(f'/proc/{os.getppid()}/environ').read()\n",
            "import os\nlisting = os.listdir('/')\n",
            "home = open('/etc/hostname').read()\n",
        ],
        "writes_outside": [
            *cells,
            f"open({str(outside / 'marker')!r}, 'w').write('x')\n",
            f"import os\nos.remove({str(outside / 'sentinel')!r})\n",
            f"import os\nos.remove({str(source_copy)!r})\n",
            f"import shutil\nshutil.rmtree({str(out)!r})\n",
            "open('my_own_file.txt', 'w').write('fine')\n",
        ],
        "network": [
            *cells,
            "import socket\nsocket.create_connection(('127.0.0.1', 9), timeout=1)\n",
            "import urllib.request\nurllib.request.urlopen('http://example.com', timeout=1)\n",
        ],
        "kills_parent": [*cells, "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n"],
        "huge_answer": replace("q10", "q10 = 'x' * 10**7\n"),
        "floods_the_pipe": after("q3", FLOOD),
        "fills_disk": after(
            "q3",
            "block = bytes(50 * 2**20)\n"
            "for number in range(1000):\n"
            "    with open(f'filler-{number}.bin', 'wb') as handle:\n"
            "        handle.write(block)\n",
        ),
        "reads_environment": replace(
            "q10", "import os\nq10 = os.environ.get('GRADER_SECRET_TOKEN', 'not found')\n"
        ),
        "stray_thread": [
            "import threading, time\n"
            "threading.Thread(target=lambda: time.sleep(1000), daemon=False).start()\n",
            *cells,
        ],
        "not_json": b"this is { not a notebook",
        "nbformat_v3": notebook_v3(cells),
        "deleted_cells": cells[: cell_index(cells, "q3") + 1],
        "reordered_cells": [cells[0], *reversed(cells[1:4]), *cells[4:]],
        "renamed_variable": replace("q5", "q5_answer = ['inevitably', 'certainly']\n"),
        "magics": [
            "%matplotlib inline\n",
            "!echo hello\nfiles = !ls\n",
            "%%capture\nprint('captured')\n",
            *cells,
        ],
    }


FIRST_THREE = points("q1", "q2", "q3")

# student: (points, status, words the reason must contain)
EXPECTED = {
    "correct": (FULL_AUTO, "ok", ""),
    "blank": (0, "ok", ""),
    "infinite_loop": (FULL_AUTO, "cell timeout", "endless loop"),
    "loop_catches_the_stop": (FIRST_THREE, "timeout", "endless loop"),
    "memory_bomb": (FULL_AUTO, "memory", "out of memory"),
    "fork_bomb": (FULL_AUTO, "cell errors", "PermissionError"),
    "subprocess_call": (FULL_AUTO, "cell errors", "PermissionError"),
    "sys_exit": (FULL_AUTO, "cell errors", "sys.exit()"),
    "os_exit": (FIRST_THREE, "crashed", "os._exit"),
    "keyboard_interrupt": (FULL_AUTO, "cell errors", "KeyboardInterrupt"),
    "segfault": (FIRST_THREE, "crashed", "SIGSEGV"),
    "million_lines": (FULL_AUTO, "ok", ""),
    "always_equal": (FULL_AUTO - points("q1", "q7"), "ok", ""),
    "lying_str": (FULL_AUTO - points("q1", "q2"), "ok", ""),
    "patches_kit": (FULL_AUTO - points("q1", "q2"), "ok", ""),
    "patches_builtins": (FULL_AUTO - points("q1", "q2"), "ok", ""),
    "reads_source": (FULL_AUTO - points("q1", "q2"), "cell errors", "PermissionError"),
    "snoops": (FULL_AUTO, "cell errors", "PermissionError"),
    "writes_outside": (FULL_AUTO, "cell errors", "PermissionError"),
    "network": (FULL_AUTO, "cell errors", "PermissionError"),
    "kills_parent": (FULL_AUTO, "cell errors", "PermissionError"),
    "huge_answer": (FULL_AUTO - points("q10"), "ok", ""),
    "floods_the_pipe": (FIRST_THREE, "crashed", "more data than the grader accepts"),
    "fills_disk": (FIRST_THREE, "crashed", "disk space"),
    "reads_environment": (FULL_AUTO - points("q10"), "ok", ""),
    "stray_thread": (FULL_AUTO, "ok", ""),
    "not_json": (0, "unreadable", "not a valid notebook"),
    "nbformat_v3": (FULL_AUTO, "ok", ""),
    "deleted_cells": (FIRST_THREE, "ok", "`q4`"),
    "reordered_cells": (FULL_AUTO, "ok", ""),
    "renamed_variable": (FULL_AUTO - points("q5"), "ok", "`q5`"),
    "magics": (FULL_AUTO, "ok", "skipped"),
    "twice": (FULL_AUTO, "ok", "graded the newest"),
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    source_copy = root / "exercise" / "ex00_practice.ipynb"
    source_copy.parent.mkdir()
    shutil.copy(SOURCE, source_copy)
    outside = root / "outside"
    outside.mkdir()
    (outside / "sentinel").write_text("still here")
    submissions, out = root / "submissions", root / "out"
    for student, content in _hostile(source_copy, outside, out).items():
        path = submissions / f"{student}.ipynb"
        if isinstance(content, bytes):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        else:
            write_notebook(path, content)
    shutil.copy(STUDENT, submissions / "blank.ipynb")
    old = write_notebook(submissions / "twice" / "first.ipynb", json.loads(STUDENT.read_text()))
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    write_notebook(submissions / "twice" / "second.ipynb", solution_cells())
    started = time.monotonic()
    os.environ["GRADER_SECRET_TOKEN"] = "s3cret"
    try:
        result = grade(
            source_copy,
            submissions,
            out,
            workers=2,
            timeout=TIMEOUT,
            cell_timeout=CELL_TIMEOUT,
            memory_mb=400,
            disk_mb=200,
        )
    finally:
        del os.environ["GRADER_SECRET_TOKEN"]
    return {
        "batch": result,
        "rows": rows(out / "grades.csv"),
        "root": root,
        "out": out,
        "outside": outside,
        "source_copy": source_copy,
        "seconds": time.monotonic() - started,
    }


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_each_submission_earns_what_it_earned(batch, student):
    points, status, words = EXPECTED[student]
    row = batch["rows"][student]
    assert (float(row["total"]), row["status"]) == (points, status), row
    assert words in row["reason"], row["reason"]


def test_every_submission_is_in_the_batch(batch):
    assert set(batch["rows"]) == set(EXPECTED)


def test_the_graders_environment_is_not_passed_on(batch):
    [item] = [g for g in batch["batch"].graded if g.student == "reads_environment"]
    assert item.answers["q10"] == "not found"


def test_nothing_outside_the_copy_was_touched(batch):
    assert (batch["outside"] / "sentinel").read_text() == "still here"
    assert not (batch["outside"] / "marker").exists()
    assert batch["source_copy"].exists()
    assert (batch["out"] / "grades.csv").exists()


def test_no_process_outlives_the_batch(batch):
    time.sleep(0.5)
    assert _our_servers() == []


def test_the_protections_are_reported(batch):
    protections = batch["batch"].protections
    text = (batch["out"] / "isolation.txt").read_text()
    for name in ("landlock", "seccomp", "resource limits", "no_new_privs", "process group"):
        assert name in protections and name in text
    if _landlock_available():
        assert protections["landlock"].startswith("Landlock ABI")
    assert "not readable by the children" in protections["exercise source"]


def test_feedback_pages_hold_no_solution(batch):
    solution_only = "Russia itself has proved that it is not qualified"
    for page in (batch["out"] / "feedback").glob("*.html"):
        text = page.read_text()
        assert "BEGIN SOLUTION" not in text and "[[hidden]]" not in text
        if page.stem != "correct" and page.stem != "twice":
            assert solution_only not in text


def test_the_theft_works_outside_the_sandbox():
    namespace = {}
    exec(STEAL.format(path=str(SOURCE)), namespace)
    assert namespace["q1"] == "fact"


def _landlock_available() -> bool:
    from kit.grading.isolation import landlock_abi

    return landlock_abi() > 0


def _our_servers() -> list[int]:
    """Fork servers (and their children) started by this test run's Python."""
    return [
        pid
        for pid in _processes_mentioning("kit.grading.forkserver")
        if _cmdline(pid).startswith(sys.executable.encode())
    ]


def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read()
    except OSError:
        return b""


def _processes_mentioning(word: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                if word.encode() in handle.read():
                    found.append(int(entry))
        except OSError:
            continue
    return found
