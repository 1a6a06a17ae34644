"""Time limits: a cell stuck in a loop is stopped and the next cells still count; a notebook
that catches or ignores the stop is killed at the whole-notebook limit, keeping what it sent."""

from __future__ import annotations

import csv
import signal

import pytest
from grading_support import (
    FULL_AUTO,
    after,
    cell_index,
    points,
    replace,
    rows,
    solution_cells,
    write_notebook,
)

from kit.grading import grade
from kit.grading.runner import run_cells

CELL_TIMEOUT = 2  # seconds: short, so the batch is quick
TIMEOUT = 10  # the whole notebook: generous for a loaded CI machine
FIRST_THREE = points("q1", "q2", "q3")
CATCHES_ALARM = (
    "while True:\n"
    "    try:\n"
    "        while True:\n"
    "            pass\n"
    "    except BaseException:\n"
    "        pass\n"
)


def _submissions() -> dict[str, list[str]]:
    return {
        "correct": solution_cells(),
        "loop_in_q1": replace("q1", "while True:\n    pass\nq1 = 'fact'\n"),
        "answer_then_loop_in_q2": replace(
            "q2", "q2 = 'prediction'\ncount = 0\nwhile True:\n    count += 1\n"
        ),
        "sleeps_in_q1": replace("q1", "import time\ntime.sleep(3600)\n"),
        "loop_in_q1_and_q2": replace(
            "q2", "while 1:\n    pass\n", replace("q1", "while True:\n    pass\n")
        ),
        "except_exception_loop": after(
            "q3", "while True:\n    try:\n        pass\n    except Exception:\n        pass\n"
        ),
        "catches_alarm": after("q3", CATCHES_ALARM),
        "ignores_alarm": after(
            "q3",
            "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass\n",
        ),
        "catches_once_then_answers": replace(
            "q1", "try:\n    while True:\n        pass\nexcept BaseException:\n    pass\nq1 = 'x'\n"
        ),
    }


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("timeouts")
    submissions, out = root / "submissions", root / "out"
    for student, cells in _submissions().items():
        write_notebook(submissions / f"{student}.ipynb", cells)
    batch = grade(
        "ex00_practice",
        submissions,
        out,
        workers=2,
        timeout=TIMEOUT,
        cell_timeout=CELL_TIMEOUT,
        memory_mb=400,
    )
    with open(out / "grades_long.csv", encoding="utf-8-sig") as handle:
        feedback = {(r["student"], r["question"]): r["feedback"] for r in csv.DictReader(handle)}
    return {"batch": batch, "rows": rows(out / "grades.csv"), "feedback": feedback, "out": out}


def _row(graded, student):
    row = graded["rows"][student]
    return float(row["total"]), row["status"], row["reason"]


def test_a_loop_in_q1_costs_only_q1(graded):
    total, status, reason = _row(graded, "loop_in_q1")
    assert total == FULL_AUTO - points("q1")
    assert status == "cell timeout"
    q1_cell = cell_index(solution_cells(), "q1") + 1
    assert f"cell {q1_cell}, line " in reason and "stopped after 2." in reason
    assert "endless loop" in reason


def test_the_stopped_questions_feedback_says_so_in_words(graded):
    q1_cell = cell_index(solution_cells(), "q1") + 1
    line = graded["feedback"][("loop_in_q1", "q1")]
    assert line.startswith(f"The cell for this question (code cell {q1_cell}) was stopped after")
    assert "still running" in line
    assert "stopped" not in graded["feedback"][("loop_in_q1", "q2")]
    page = (graded["out"] / "feedback" / "loop_in_q1.html").read_text()
    assert "was stopped after" in page


def test_what_a_cell_set_before_it_was_stopped_is_graded(graded):
    total, status, _ = _row(graded, "answer_then_loop_in_q2")
    assert (total, status) == (FULL_AUTO, "cell timeout")
    assert "was stopped after" in graded["feedback"][("answer_then_loop_in_q2", "q2")]


def test_a_long_sleep_is_stopped_like_a_loop(graded):
    assert _row(graded, "sleeps_in_q1")[:2] == (FULL_AUTO - points("q1"), "cell timeout")


def test_two_stuck_cells_each_cost_only_their_question(graded):
    total, status, reason = _row(graded, "loop_in_q1_and_q2")
    assert (total, status) == (FULL_AUTO - points("q1", "q2"), "cell timeout")
    assert reason.count("stopped after") == 2


def test_except_exception_does_not_swallow_the_stop(graded):
    assert _row(graded, "except_exception_loop")[:2] == (FULL_AUTO, "cell timeout")


def test_a_cell_that_catches_the_stop_is_killed_at_the_whole_limit(graded):
    total, status, reason = _row(graded, "catches_alarm")
    assert (total, status) == (FIRST_THREE, "timeout")  # answers sent before are kept
    assert f"after {TIMEOUT} s (the time limit for the whole notebook)" in reason
    assert "Not graded: the notebook was stopped" in graded["feedback"][("catches_alarm", "q4")]
    assert "stopped" not in graded["feedback"][("catches_alarm", "q3")]


def test_a_cell_that_ignores_the_alarm_is_killed_at_the_whole_limit(graded):
    assert _row(graded, "ignores_alarm")[:2] == (FIRST_THREE, "timeout")


def test_a_cell_that_caught_the_stop_and_finished_is_reported(graded):
    total, status, reason = _row(graded, "catches_once_then_answers")
    assert (total, status) == (FULL_AUTO - points("q1"), "cell timeout")
    assert "caught the stop" in reason


def test_a_correct_notebook_is_not_touched_by_the_limits(graded):
    total, status, reason = _row(graded, "correct")
    assert (total, status) == (FULL_AUTO, "ok")
    assert "stopped" not in reason and "time limit" not in reason


def test_the_time_limits_are_reported(graded):
    time = graded["batch"].protections["time"]
    assert f"after {CELL_TIMEOUT} s is stopped" in time and f"{TIMEOUT} s" in time


def test_the_timer_runs_in_process_and_the_next_cell_runs():
    namespace: dict = {}
    errors = run_cells(["while True:\n    pass\n", "x = 1"], namespace, cell_timeout=0.2)
    assert namespace["x"] == 1
    [error] = errors
    assert (error["cell"], error["type"]) == (1, "CellTimeout")
    assert error["line"] in (1, 2)
    assert 0.2 <= error["timeout"] < 5


def test_without_a_cell_limit_nothing_is_armed():
    namespace: dict = {}
    assert run_cells(["import time\ntime.sleep(0.3)\ny = 2"], namespace) == []
    assert namespace["y"] == 2


def test_outside_the_main_thread_the_cell_limit_is_off_not_fatal():
    import threading

    result = {}

    def run():
        result["errors"] = run_cells(["import time\ntime.sleep(0.3)\nz = 3"], {}, cell_timeout=0.1)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    assert result["errors"] == []


def test_the_cell_limit_survives_a_cleared_flag_and_a_blocked_alarm():
    clears = (
        "import gc, time\nfrom kit.grading.runner import CellTimer\n"
        "for timer in [o for o in gc.get_objects() if type(o) is CellTimer]:\n"
        "    timer.armed = False\n"
        "start = time.monotonic()\nwhile time.monotonic() - start < 3:\n    pass\n"
    )
    blocks = "import signal\nsignal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})\n"
    loops = "import time\nstart = time.monotonic()\nwhile time.monotonic() - start < 3:\n    pass\n"
    try:
        errors = run_cells([clears, blocks, loops, "x = 1"], {}, cell_timeout=0.3)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM})
    assert [(e["cell"], e["type"]) for e in errors] == [(1, "CellTimeout"), (3, "CellTimeout")]
