"""Answer cells that stopped with an error, so ``check`` does not say "still holds `...`".

A student whose answer cell raised (``q5 = q4.merge(...)`` on a Series) did replace the
placeholder; the answer just never got assigned. In a notebook the kit watches each cell run
(IPython's ``post_run_cell`` event): a cell that raised is remembered for the variables it
assigns, until a later run of a cell assigning them succeeds.

>>> sorted(assigned_names("q5 = q4.merge(words)\\nq5['x'] = 1\\nq6: int = 2"))
['q5', 'q6']
>>> stopped_line("q5", "AttributeError: 'Series' object has no attribute 'merge'")
"not answered: your answer cell for q5 stopped with an error (AttributeError: 'Series' object has no attribute 'merge'): fix it and run it again."
"""

from __future__ import annotations

import ast
import re

_FAILED: dict[str, str] = {}  # variable -> "ErrorType: message" of the cell that last raised
_WATCHED: set[int] = set()  # ids of the shells whose cells are watched


def stopped_line(variable: str, error: str) -> str:
    """The feedback line for an answer whose cell stopped with ``error`` (with a tip when the
    error is a common slip)."""
    line = (
        f"not answered: your answer cell for {variable} stopped with an error ({error}): fix it "
        "and run it again."
    )
    tip = error_tip(error)
    return f"{line} {tip}" if tip else line


# Errors whose message alone does not tell a beginner what to change.
_TIPS = (
    (  # `t.a == 1 & t.b == "x"`: & binds before ==, so pandas sees `1 & t.b`
        re.compile(r"Cannot perform '(r?and_|r?or_)'|unsupported operand type\(s\) for [&|]"),
        "Tip: & and | come before == and > in Python; put each condition in brackets: "
        "(a == b) & (c > d).",
    ),
    (  # `t.a == 1 and t.b == "x"`
        re.compile(r"truth value of a (Series|DataFrame) is ambiguous"),
        "Tip: to combine conditions on a table, use & (and) or | (or), not the words and/or, "
        "and put each condition in brackets: (a == b) & (c > d).",
    ),
)


def error_tip(error: str) -> str:
    """A one-line tip for a common error (``""`` when there is none).

    >>> error_tip("TypeError: Cannot perform 'rand_' with a dtyped [bool] array")[:40]
    'Tip: & and | come before == and > in Pyt'
    """
    for pattern, tip in _TIPS:
        if pattern.search(error or ""):
            return tip
    return ""


def assigned_names(code: str) -> set[str]:
    """The names a cell assigns (at any depth); by pattern when it does not parse."""
    try:
        return {
            node.id
            for node in ast.walk(ast.parse(code))
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
        }
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set(re.findall(r"^\s*([A-Za-z_]\w*)\s*(?::[^=]*)?=(?!=)", code, re.MULTILINE))


def _after_cell(result) -> None:
    try:
        names = assigned_names(result.info.raw_cell or "")
        error = result.error_in_exec or result.error_before_exec
        for name in names:
            if error is None:
                _FAILED.pop(name, None)
            else:
                message = str(error).splitlines()[0] if str(error) else ""
                _FAILED[name] = f"{type(error).__name__}: {message}"[:160].rstrip(": ")
    except Exception:  # the watch must never disturb the student's notebook
        pass


def watch() -> None:
    """Start watching the cells of the running IPython shell (nothing outside IPython)."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except Exception:
        return
    if shell is None or id(shell) in _WATCHED:
        return
    try:
        shell.events.register("post_run_cell", _after_cell)
        _WATCHED.add(id(shell))
    except Exception:
        pass


def error_of(variable: str) -> str | None:
    """The error of the last failed run of a cell assigning ``variable``, if it has not run
    without error since."""
    return _FAILED.get(variable)
