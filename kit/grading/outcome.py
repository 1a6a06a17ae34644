"""Turn what a child sent (and how it ended) into answers, a status and a reason in words.

>>> from kit.grading.forkserver import ChildRun
>>> run = ChildRun(messages=[{"cell": 1, "answers": {"q1": '"fact"'}}], exit_code=-9,
...                timed_out=True)
>>> outcome = read_run(run, timeout=5)
>>> outcome["answers"], outcome["status"]
({'q1': 'fact'}, 'timeout')
"""

from __future__ import annotations

import json
import signal

STATUSES = {
    "ok": "graded",
    "cell errors": "graded; some cells raised errors",
    "cell timeout": "graded; a cell was stopped at the cell time limit",
    "timeout": "stopped at the time limit",
    "memory": "ran out of memory",
    "crashed": "the notebook's process ended early",
    "unreadable": "the notebook could not be read",
    "no notebook": "no notebook was found",
    "error": "the grader failed on this submission",
}
_MAX_REASON = 600
# The parent's own limits on what it parses: JSON turns into Python objects about 20 times its
# size (``[]`` is 2 bytes of JSON, 56 of list), so values are counted before parsing.
MAX_ANSWER_CHARS = 4 * 2**20
MAX_VALUES = 200_000  # per submission, over all its answers
MAX_ERRORS = 50  # cell errors kept per submission (a notebook with more says "and N more")
MAX_NOTES = 30


def value_count(text: str) -> int:
    """An upper bound on the values a JSON text holds (each needs a comma, colon, ``[`` or
    ``{``; an object's key and its value count apart).

    >>> value_count('[[], [], {"a": 1}]')
    8
    """
    return text.count(",") + text.count(":") + text.count("[") + text.count("{") + 1


def parse_answers(raw: dict, notes: list[str]) -> dict:
    """The answers {name: JSON text} parsed, each too big one replaced by a marker and noted."""
    answers, budget = {}, MAX_VALUES
    for name, text in raw.items():
        name = str(name)
        if not isinstance(text, str):
            continue
        values = value_count(text)
        if len(text) > MAX_ANSWER_CHARS or values > budget:
            answers[name] = {"__kit__": "too_large", "type": "answer"}
            notes.append(clean(f"`{name}`: its value is too large to grade"))
            continue
        try:
            answers[name] = json.loads(text)
        except (TypeError, ValueError, RecursionError):
            continue
        budget -= values
    return answers


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def clean(text: str, limit: int = 300) -> str:
    """Student-made text made safe for one spreadsheet cell: printable, one line, capped."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _capped(items: list, limit: int, what: str) -> list:
    if len(items) <= limit:
        return items
    return [*items[:limit], f"… and {len(items) - limit} more {what}"]


def _small_error(error: dict) -> dict:
    """An error as sent, with only its known fields, each of a checked type and size."""
    kept: dict = {"type": clean(error.get("type", "Error"), 80)}
    kept["message"] = clean(error.get("message", ""), 500)
    for key in ("cell", "line"):
        if type(error.get(key)) is int:
            kept[key] = error[key]
    if "timeout" in error:
        kept["timeout"] = error["timeout"]
    return kept


def _trusted_timeouts(errors: list[dict], cell_timeout, seconds: float) -> list[dict]:
    """The errors, where a claimed cell timeout the grader cannot confirm becomes a plain error.

    The cell timer runs inside the child, where the student's code could also raise its
    ``CellTimeout`` or write a made-up error to the result pipe. A claim stands only when it is
    at least the cell time limit and the fork server's own clock saw the whole run last as long
    as all the claims together.
    """
    claimed = [e for e in errors if "timeout" in e]
    limit = cell_timeout or 0.0
    total = 0.0
    for error in claimed:
        value = error.get("timeout")
        total += value if isinstance(value, int | float) else 0.0
    trusted = bool(cell_timeout) and total <= seconds + 0.5
    kept = []
    for error in errors:
        value = error.get("timeout")
        if "timeout" in error and not (
            trusted and isinstance(value, int | float) and value >= limit - 0.05
        ):
            error = {k: v for k, v in error.items() if k != "timeout"}
            error["message"] = "raised by the notebook's own code, not at the cell time limit"
        kept.append(error)
    return kept


def read_run(run, *, timeout: float, cell_timeout: float | None = None) -> dict:
    """{answers, status, reason, errors, protections, notes, seconds, stopped} from a
    ``ChildRun``. ``stopped`` lists the cells stopped at a time limit:
    ``{"cell", "seconds", "whole"}`` (``whole``: the whole notebook was stopped there)."""
    raw_answers: dict = {}
    last_cell = 0
    done = None
    protections: dict = {}
    internal = ""
    sent_errors: list = []
    for message in run.messages:
        if isinstance(message.get("protections"), dict) and not protections:
            protections = {str(k): str(v) for k, v in message["protections"].items()}
        if isinstance(message.get("cell"), int):
            last_cell = max(last_cell, message["cell"])
        if isinstance(message.get("answers"), dict):
            raw_answers.update(message["answers"])  # the newest text of each; parsed once
        if isinstance(message.get("errors"), list) and not message.get("done"):
            sent_errors.extend(message["errors"])
        if message.get("done"):
            done = message
        if message.get("internal"):
            internal = str(message["internal"])
    errors = [e for e in (done or {}).get("errors", sent_errors) if isinstance(e, dict)]
    more_errors = max(0, len(errors) - MAX_ERRORS)
    errors = _trusted_timeouts(
        [_small_error(e) for e in errors[:MAX_ERRORS]], cell_timeout, run.seconds
    )
    notes = [clean(note) for note in (done or {}).get("notes", []) if isinstance(note, str)]
    problems = (done or {}).get("problems") or {}
    for name, problem in problems.items() if isinstance(problems, dict) else []:
        notes.append(clean(f"`{name}`: {problem}"))
        if len(notes) > MAX_NOTES:
            break
    notes = _capped(notes, MAX_NOTES, "notes")
    answers = parse_answers(raw_answers, notes)
    where = f"cell {last_cell + 1}"
    before = "answers from the cells before it were graded"
    stopped = [
        {"cell": e["cell"], "seconds": e["timeout"], "whole": False}
        for e in errors
        if isinstance(e.get("cell"), int) and isinstance(e.get("timeout"), int | float)
    ]
    # How the process ended (seen by the fork server) comes before what the child said: the
    # student's code can write to the result pipe too, e.g. a "done" and then loop forever.
    if run.lost:
        status, reason = "error", f"{run.lost}; grade this submission again"
    elif run.too_large:
        status, reason = "crashed", f"it sent more data than the grader accepts; {before}"
    elif getattr(run, "disk", False):
        status = "crashed"
        reason = f"{where} wrote more files than the grader allows (disk space); {before}"
    elif run.timed_out:
        status = "timeout"
        reason = (
            f"still running after {timeout:g} s (the time limit for the whole notebook) in "
            f"{where} (an endless loop?); {before}"
        )
        stopped.append({"cell": last_cell + 1, "seconds": timeout, "whole": True})
        if errors:
            reason += "; before that, " + _status_from_errors(errors, more_errors)[1]
    elif run.exit_code is not None and run.exit_code < 0:
        name = _signal_name(-run.exit_code)
        if name == "SIGXCPU":
            status, reason = "timeout", f"used more than its CPU time in {where}; {before}"
            stopped.append({"cell": last_cell + 1, "seconds": timeout, "whole": True})
        elif name in ("SIGSEGV", "SIGBUS", "SIGABRT"):
            status, reason = "crashed", f"the process crashed ({name}) in {where}; {before}"
        else:
            status, reason = "crashed", f"the process was stopped ({name}) in {where}; {before}"
    elif internal:
        status, reason = "error", "the grader itself failed: " + clean(internal.splitlines()[-1])
    elif done is not None and run.exit_code == 0:
        status, reason = _status_from_errors(errors, more_errors)
    else:
        status = "crashed"
        reason = (
            f"{where} ended the process itself (os._exit or similar, exit code "
            f"{run.exit_code}); {before}"
        )
    return {
        "answers": answers,
        "status": status,
        "reason": clean(reason, _MAX_REASON),
        "errors": errors,
        "protections": protections,
        "notes": notes,
        "seconds": run.seconds,
        "stopped": stopped,
        "texts": _texts((done or {}).get("texts")),
    }


def _texts(value) -> list[str]:
    """The slugs of the texts the notebook held (from the child: checked, capped)."""
    if not isinstance(value, list):
        return []
    return [clean(v)[:100] for v in value[:10] if isinstance(v, str)]


def _status_from_errors(errors: list[dict], hidden: int = 0) -> tuple[str, str]:
    if not errors:
        return "ok", ""
    described = []
    for error in errors[:3]:
        kind, message = clean(error.get("type", "Error"), 60), clean(error.get("message", ""), 160)
        line = f", line {error['line']}" if isinstance(error.get("line"), int) else ""
        if "timeout" in error:  # the message says it all, in words
            described.append(f"cell {error.get('cell')}{line}: {message}")
            continue
        described.append(
            f"cell {error.get('cell')}{line}: {kind}" + (f": {message}" if message else "")
        )
    more = f" (and {len(errors) + hidden - 3} more)" if len(errors) + hidden > 3 else ""
    if any("timeout" in e for e in errors):
        status = "cell timeout"
    elif any(e.get("type") == "MemoryError" for e in errors):
        status = "memory"
    else:
        status = "cell errors"
    return status, "; ".join(described) + more
