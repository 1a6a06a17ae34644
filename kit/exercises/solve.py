"""Run a source's solutions on a text, in a child process, and bring back plain answers.

The solutions are the instructor's code, but they still never run in the process that
releases or grades: a solution that loops forever is stopped at a time limit, one that fails
on another text is named ("the solution of q3 raised KeyError ... in code cell 7"), never a
traceback. ``kit grade`` runs the same cells in its sandboxed children instead (see
``kit.grading.batch``).

>>> from kit.exercises import load_exercise
>>> exercise = load_exercise("ex00_practice")
>>> cells, owners = solution_cells(exercise)
>>> "BEGIN SOLUTION" in "".join(cells), owners[len(cells)] == exercise.questions[-1].name
(False, True)
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ExerciseFormatError
from .source import cell_text, solution_code

# The limits `kit grade` uses by default (--timeout 60, --cell-timeout 20): a source that
# passes `kit release --verify` is not then refused by `kit grade` for its time.
SOLUTION_TIMEOUT = 60.0  # seconds for all of a source's solutions
CELL_TIMEOUT = 20.0
MEMORY_MB = 1024  # what the solutions may use on top of the loaded libraries (kit grade --memory)


@dataclass
class SolutionRun:
    """What the solutions gave: plain ``answers`` by variable, and ``errors`` (one per failing
    cell: ``cell`` numbered from 1 among code cells, ``question``, ``type``, ``message``)."""

    answers: dict
    errors: list[dict] = field(default_factory=list)
    stopped: str = ""  # why the whole run was stopped (time limit, crash), else ""


def set_text(code: str, text: str) -> str:
    """``code`` (a parameters cell) made to set ``TEXT`` to ``text``.

    >>> set_text('TEXT = "yomiuri-2024-04-06"', "oakridge-library-oped")
    "TEXT = 'oakridge-library-oped'"
    """
    return f"TEXT = {text!r}"


def solution_cells(exercise, text: str | None = None) -> tuple[list[str], dict[int, str]]:
    """The source's code cells as the solution runs them (markers out; the parameters cell
    set to ``text`` when given) and, by cell number (from 1), the question each belongs to."""
    owner_of = {index: q.name for q in exercise.questions for index in q.cells}
    cells, owners = [], {}
    for index, cell in enumerate(exercise.notebook["cells"]):
        if cell["cell_type"] != "code":
            continue
        code = solution_code(cell_text(cell))
        if text is not None and index == exercise.parameters_cell:
            code = set_text(code, text)
        cells.append(code)
        if index in owner_of:
            owners[len(cells)] = owner_of[index]
    return cells, owners


def run_solutions(
    exercise, text: str | None = None, *, timeout: float = SOLUTION_TIMEOUT
) -> SolutionRun:
    """Run the solutions of ``exercise`` on ``text`` (its own text when None) in a child
    Python, in the source's folder; stop it after ``timeout`` seconds."""
    cells, owners = solution_cells(exercise, text)
    job = {
        "cells": cells,
        "variables": exercise.variables,
        "folder": str(Path(exercise.path).resolve().parent),
        "cell_timeout": min(CELL_TIMEOUT, timeout),
        "memory_mb": MEMORY_MB,
    }
    environment = dict(os.environ, KIT_GRADING="1", MPLBACKEND="agg")
    process = subprocess.Popen(
        [sys.executable, "-m", "kit.exercises.solve"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=environment,
        start_new_session=True,  # its own process group: stopped whole at the time limit
    )
    try:
        output, _ = process.communicate(json.dumps(job).encode(), timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        return SolutionRun(
            {}, [], f"they were still running after {timeout:g} s (an endless loop?)"
        )
    except BaseException:
        _kill(process)
        raise
    result = _last_json(output)
    if result is None:
        return SolutionRun({}, [], f"their process ended early (exit code {process.returncode})")
    errors = [dict(e, question=owners.get(e.get("cell"))) for e in result.get("errors", [])]
    return SolutionRun(result.get("answers", {}), errors)


def _kill(process) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (OSError, AttributeError):
        process.kill()
    process.wait()


def _last_json(output: bytes) -> dict | None:
    for line in reversed(output.decode("utf-8", "replace").splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                return None
    return None


def raise_for_errors(
    exercise, run: SolutionRun, text_label: str, *, needed=None, options: dict | None = None
) -> None:
    """An ``ExerciseFormatError`` naming the first question whose solution failed (all
    questions, or only those ``needed``), or the time limit; nothing when all went well.
    ``options`` names the command's options for its limits (``{"cell": "--cell-timeout",
    "whole": "--timeout", "memory": "--memory MB"}``), so a stop at a limit says how to raise it."""
    on = f" on the text {text_label}" if text_label else ""
    options = options or {}

    def raise_it(*which):
        names = [options[w] for w in which if w in options]
        return f", or raise the limit: {' / '.join(names)}" if names else ""

    if run.stopped:
        memory = "memory" in run.stopped.lower()
        raise ExerciseFormatError(
            f"{exercise.name}: the solutions were stopped{on}: {run.stopped}. Fix the source "
            "so that it runs from top to bottom"
            + (raise_it("memory") if memory else raise_it("whole", "cell"))
            + "."
        )
    for error in run.errors:
        if needed is not None and error.get("question") not in needed:
            continue
        what = f"{error.get('type', 'Error')}: {error.get('message', '')}".rstrip(": ")
        question = error.get("question")
        who = f"the solution of {question}" if question else f"code cell {error.get('cell')}"
        if "timeout" in error:
            raise ExerciseFormatError(
                f"{exercise.name}: {who} was still running after {error['timeout']:g} s{on} "
                f"(code cell {error.get('cell')} of the source): an endless loop, or too slow "
                "for the limit? Fix the source so that it runs from top to bottom"
                + raise_it("cell", "whole")
                + "."
            )
        hint = (
            f" Make it work on any text, or tie {question} to its texts with texts = [...]."
            if question and text_label
            else ""
        )
        more = raise_it("memory") if error.get("type") == "MemoryError" else ""
        raise ExerciseFormatError(
            f"{exercise.name}: {who} raised {what}{on} (code cell {error.get('cell')} of the "
            f"source).{hint} Fix the source so that it runs from top to bottom{more}."
        )


def solution_values(exercise, choice=None, *, timeout: float = SOLUTION_TIMEOUT) -> dict:
    """The solution's plain answers on ``choice`` (a ``TextChoice``; the source's own text when
    None), or ``ExerciseFormatError`` naming the question whose solution failed."""
    run = run_solutions(exercise, choice.name if choice else None, timeout=timeout)
    raise_for_errors(exercise, run, repr(choice.slug) if choice else "")
    return run.answers


# -- the child -------------------------------------------------------------------------------


def _limit_memory(memory_mb) -> None:
    """Cap the child's address space as kit grade caps a graded notebook's: the libraries the
    grader preloads, plus ``memory_mb`` (a solution over it raises MemoryError here too)."""
    if not memory_mb:
        return
    try:
        import resource

        from kit.grading.forkserver import _preload
        from kit.grading.isolation import _virtual_memory

        _preload()
        base = _virtual_memory()
        if base:
            limit = base + int(memory_mb) * 2**20
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except Exception:  # no resource module (Windows): the time limits still hold
        pass


def _child() -> None:
    """Run the job read from stdin; print one JSON line: answers and errors."""
    job = json.loads(sys.stdin.read())
    real_stdout = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # what the solutions print is not the result
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    from kit.exercises.plain import answers_from
    from kit.grading.runner import run_cells

    _limit_memory(job.get("memory_mb"))
    os.chdir(job["folder"])
    namespace: dict = {"__name__": "__main__"}
    errors = run_cells(
        job["cells"],
        namespace,
        after_cell=lambda index: plt.close("all"),
        cell_timeout=job.get("cell_timeout"),
    )
    answers = answers_from(namespace, job["variables"])
    result = {"answers": answers, "errors": errors}
    real_stdout.write(json.dumps(result, default=str) + "\n")
    real_stdout.flush()


if __name__ == "__main__":
    _child()
