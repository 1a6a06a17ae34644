"""The grader's own process stays small and working whatever a submission sends or writes."""

from __future__ import annotations

import json

from kit.grading.batch import _kept
from kit.grading.forkserver import ChildRun
from kit.grading.outcome import MAX_VALUES, read_run

# 100 x 9,900 empty lists: 2 MB of JSON, about 60 MB once parsed into Python lists.
BIG = json.dumps([[[] for _ in range(9_900)] for _ in range(100)])


def _run(answers: dict) -> ChildRun:
    return ChildRun(
        messages=[{"cell": 1, "answers": answers}, {"done": True, "errors": []}], exit_code=0
    )


def test_answers_with_too_many_values_are_not_parsed_in_the_grader():
    outcome = read_run(_run({f"q{n}": BIG for n in range(1, 9)} | {"q9": '"fact"'}), timeout=5)
    for n in range(1, 9):
        assert outcome["answers"][f"q{n}"] == {"__kit__": "too_large", "type": "answer"}
    assert outcome["answers"]["q9"] == "fact"
    assert "`q1`: its value is too large to grade" in outcome["notes"]


def test_the_value_budget_is_shared_by_a_submissions_answers():
    half = json.dumps([0] * (MAX_VALUES // 2))
    outcome = read_run(_run({"q1": half, "q2": half, "q3": half}), timeout=5)
    assert outcome["answers"]["q1"] == [0] * (MAX_VALUES // 2)
    assert outcome["answers"]["q3"]["__kit__"] == "too_large"


def test_a_scored_submission_keeps_only_small_answers():
    kept = _kept({"q1": "fact", "q2": list(range(50_000)), "q12": "word " * 20_000})
    assert kept["q1"] == "fact"
    assert kept["q2"].startswith("[0, 1, 2") and kept["q2"].endswith("characters in all]")
    assert len(kept["q12"]) < 20_100 and kept["q12"].endswith("[cut]")


def test_a_faked_end_message_never_hides_a_timeout():
    run = ChildRun(
        messages=[
            {"cell": 1, "answers": {"q1": '"fact"'}},
            {"done": True, "errors": [], "notes": []},  # written by the student's code
        ],
        exit_code=-9,
        timed_out=True,
    )
    outcome = read_run(run, timeout=3)
    assert outcome["status"] == "timeout"
    assert outcome["answers"] == {"q1": "fact"}


def test_an_end_message_counts_only_when_the_child_exited_cleanly():
    run = ChildRun(messages=[{"done": True, "errors": []}], exit_code=-11)
    assert read_run(run, timeout=3)["status"] == "crashed"
    run = ChildRun(messages=[{"done": True, "errors": []}], exit_code=0)
    assert read_run(run, timeout=3)["status"] == "ok"


def test_the_result_pipe_keeps_only_known_keys_of_the_right_type():
    from kit.grading.forkserver import _parse_line, structure_count

    line = json.dumps({"cell": 2, "x": [[]] * 50, "done": "yes", "answers": {"q1": '"a"', "q2": 3}})
    assert _parse_line(line.encode()) == {"cell": 2, "answers": {"q1": '"a"'}}
    assert _parse_line(b'{"x": 1}') is None
    assert structure_count(b'{"x": [' + b"[]," * 1000 + b"[]]}") > 2000
    assert structure_count(json.dumps({"answers": {"q1": BIG}}).encode()) == 5


def _done(errors, notes=(), seconds=1.0) -> ChildRun:
    message = {"done": True, "errors": list(errors), "notes": list(notes)}
    return ChildRun(messages=[message], exit_code=0, seconds=seconds)


def test_a_forged_end_message_is_capped_in_volume():
    error = {"cell": 3, "type": "E" * 10_000, "message": "m" * 10_000, "line": 1}
    outcome = read_run(_done([error] * 250_000, ["note " * 1000] * 20_000), timeout=30)
    assert len(outcome["errors"]) <= 50
    assert all(len(json.dumps(e)) < 1_000 for e in outcome["errors"])
    assert len(outcome["notes"]) <= 31 and outcome["notes"][-1].startswith("… and ")
    assert len(outcome["reason"]) <= 600
    short = {"cell": 3, "type": "ValueError", "message": "no"}
    assert "(and 249997 more)" in read_run(_done([short] * 250_000), timeout=30)["reason"]


def test_a_cell_timeout_is_recorded_only_when_the_graders_clock_agrees():
    def claim(seconds):
        return {"cell": 4, "type": "CellTimeout", "message": "stopped", "timeout": seconds}

    forged = read_run(_done([claim(19.9)], seconds=25), timeout=60, cell_timeout=20)
    assert forged["status"] == "cell errors" and forged["stopped"] == []
    assert "not at the cell time limit" in forged["reason"]
    too_quick = read_run(_done([claim(20.0)], seconds=2), timeout=60, cell_timeout=20)
    assert too_quick["status"] == "cell errors"
    real = read_run(_done([claim(20.0)], seconds=21), timeout=60, cell_timeout=20)
    assert real["status"] == "cell timeout" and real["stopped"][0]["cell"] == 4


def test_object_keys_count_as_values():
    from kit.grading.outcome import value_count

    keys = json.dumps({f"k{n}": 0 for n in range(1000)})
    assert value_count(keys) >= 2000
