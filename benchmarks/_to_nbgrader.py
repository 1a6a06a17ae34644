"""Convert a kit exercise source into an nbgrader source assignment notebook.

What an instructor would write for nbgrader by hand: the same prompts and code cells; each
answer cell marked as an nbgrader solution (``### BEGIN SOLUTION`` / ``### END SOLUTION``,
grade id = the answer cell's id in our released notebook, so the same answers can be put into
both); after each question an autograder test cell worth the question's points, holding one
``assert`` per public check and, between ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS``,
one per hidden check. A locked cell at the top defines the few helpers the asserts share.

nbgrader scores a test cell all or nothing, so checks that give partial credit in the kit
become pass/fail asserts here (a ``matches`` check passes at its ``pass_at``). Questions graded
by hand become nbgrader "manually graded answer" cells.
"""

from __future__ import annotations

import re

HELPERS = """\
# Helpers shared by the test cells (locked).
import math
import kit
from kit.exercises import normalise_label as _label, normalise_words as _words


def _items(answer):
    return answer if isinstance(answer, list) else [answer]


def _unique(items):
    return list(dict.fromkeys(key for key in map(_label, items) if key))


def _same(answer, expected, tolerance=0):
    if isinstance(expected, (int, float)) and isinstance(answer, (int, float)):
        return abs(answer - expected) <= tolerance + 1e-9
    if isinstance(expected, str) and isinstance(answer, str):
        return " ".join(answer.split()) == " ".join(expected.split())
    return answer == expected


def _overlaps(answer, expected):
    a, e = _words(answer).split(), _words(expected).split()
    short, long = (a, e) if len(a) <= len(e) else (e, a)
    return bool(short) and any(
        long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1)
    )


def _f1(answer, expected, overlap=False):
    answers, unmatched = list(dict.fromkeys(_items(answer))), list(expected)
    right = 0
    for item in answers:
        for candidate in unmatched:
            if _label(item) == _label(candidate) or (overlap and _overlaps(item, candidate)):
                unmatched.remove(candidate)
                right += 1
                break
    if not right:
        return 0.0
    precision, recall = right / len(answers), right / len(expected)
    return 2 * precision * recall / (precision + recall)


def _spans(answer):
    if hasattr(answer, "columns"):
        answer = list(zip(answer["start"], answer["end"]))
    return list(dict.fromkeys((int(start), int(end)) for start, end in answer))


def _span_f1(answer, expected, overlap=False):
    answers, unmatched = _spans(answer), [tuple(span) for span in expected]
    right = 0
    for a in answers:
        for e in unmatched:
            if (max(a[0], e[0]) < min(a[1], e[1])) if overlap else a == e:
                unmatched.remove(e)
                right += 1
                break
    if not right:
        return 0.0
    precision, recall = right / len(answers), right / len(expected)
    return 2 * precision * recall / (precision + recall)


def _columns(table):
    columns = {}
    index = table.index
    for level, name in enumerate(index.names):
        if name is not None:
            columns[name] = list(index.get_level_values(level))
    if hasattr(table, "columns"):
        columns.update({name: list(table[name]) for name in table.columns})
    elif table.name is not None:
        columns[table.name] = list(table)
    return columns


def _rows_match(table, expected, tolerance=0, ignore_order=False):
    columns = _columns(table)
    have = list(zip(*(columns[name] for name in expected)))
    want = list(zip(*expected.values()))
    if ignore_order:
        key = lambda row: tuple((0, c, "") if isinstance(c, (int, float)) else (1, 0, str(c)) for c in row)
        have, want = sorted(have, key=key), sorted(want, key=key)
    return len(have) == len(want) and all(
        _same(a, e, tolerance) for got, wanted in zip(have, want) for a, e in zip(got, wanted)
    )


def _axes(chart):
    axes = chart.get_axes() if hasattr(chart, "get_axes") else [chart]
    for ax in axes:
        if ax.containers or ax.get_lines():
            return ax
    return axes[0]


def _horizontal(ax):
    return any(getattr(c, "orientation", "") == "horizontal" for c in ax.containers)


def _bars(ax):
    bars = [bar for container in ax.containers for bar in container.patches]
    if _horizontal(ax):
        ticks = dict(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels())))
        return [(ticks.get(b.get_y() + b.get_height() / 2, ""), b.get_width()) for b in bars]
    ticks = dict(zip(ax.get_xticks(), (t.get_text() for t in ax.get_xticklabels())))
    return [(ticks.get(b.get_x() + b.get_width() / 2, ""), b.get_height()) for b in bars]


def _title(ax):
    titles = (ax.get_title(loc).strip() for loc in ("left", "center", "right"))
    return " ".join(title for title in titles if title)


def _chart_kind(ax):
    if ax.containers:
        return "barh" if _horizontal(ax) else "bar"
    return "line" if ax.get_lines() else None
"""


def _r(value) -> str:
    return repr(value)


def _range(expression: str, settings: dict) -> str:
    low, high = settings.get("min"), settings.get("max")
    parts = []
    if low is not None:
        parts.append(f"{expression} >= {_r(low)}")
    if high is not None:
        parts.append(f"{expression} <= {_r(high)}")
    return " and ".join(parts) or "True"


def assertion(name: str, settings: dict, v: str, kind: str = "") -> str:
    """One ``assert`` equivalent to the kit check ``name`` with ``settings`` on variable ``v``.

    >>> assertion("close_to", {"expected": 22, "tolerance": 0}, "q3")
    'assert abs(q3 - 22) <= 0 + 1e-9'
    """
    s = settings
    if kind == "spans" and name == "count":
        return f"assert {_range(f'len(_spans({v}))', s)}"
    if kind == "spans" and name == "matches":
        overlap = s.get("match", "exact") == "overlap"
        return (
            f"assert _span_f1({v}, {_r(list(s['expected']))}, overlap={overlap}) "
            f">= {s.get('pass_at', 1.0)} - 1e-9"
        )
    if name == "one_of":
        allowed = sorted({_label_key(x) for x in s["values"]})
        return f"assert all(_label(x) in {_r(allowed)} for x in _items({v}))"
    if name == "equals":
        expected = s["expected"] if isinstance(s["expected"], list) else [s["expected"]]
        norm = s.get("normalise", "words")
        function = {"words": "_words", "spacing": "' '.join", "none": ""}[norm]
        if norm == "spacing":
            accepted = sorted({" ".join(e.split()) for e in expected})
            return f"assert ' '.join({v}.split()) in {_r(accepted)}"
        accepted = sorted({_words_key(e) if norm == "words" else e for e in expected})
        return f"assert {function}({v}) in {_r(accepted)}"
    if name == "count":
        return f"assert {_range(f'len(_unique({v}))', s)}"
    if name == "in_text":
        passage = f"kit.load({s['article']!r}).text" if "article" in s else _r(s["text"])
        return (
            f"assert _items({v}) and all(_label(x) and _label(x) in _label({passage}) "
            f"for x in _items({v}))"
        )
    if name == "matches":
        overlap = s.get("match", "exact") == "overlap"
        return (
            f"assert _f1({v}, {_r(list(s['expected']))}, overlap={overlap}) "
            f">= {s.get('pass_at', 1.0)} - 1e-9"
        )
    if name == "between":
        return f"assert {_range(v, s)}"
    if name == "close_to":
        return f"assert abs({v} - {_r(s['expected'])}) <= {_r(s.get('tolerance', 0))} + 1e-9"
    if name == "whole":
        return f"assert float({v}).is_integer()"
    if name == "words":
        return f"assert {_range(f'len({v}.split())', s)}"
    if name == "contains":
        test = "all" if s.get("all", True) else "any"
        return (
            f"assert {test}(f' {{_words(p)}} ' in f' {{_words({v})}} ' "
            f"for p in {_r(list(s['phrases']))})"
        )
    if name == "columns":
        return f"assert all(name in _columns({v}) for name in {_r(list(s['names']))})"
    if name == "rows":
        return f"assert {_range(f'max(map(len, _columns({v}).values()))', s)}"
    if name == "values":
        return (
            f"assert _rows_match({v}, {_r(dict(s['expected']))}, "
            f"tolerance={_r(s.get('tolerance', 0))}, ignore_order={s.get('ignore_order', False)})"
        )
    if name == "chart_type":
        return f"assert _chart_kind(_axes({v})) == {_r(s['type'])}"
    if name == "labelled":
        parts = [
            f"_title(_axes({v}))" if key == "title" else f"_axes({v}).get_{key}().strip()"
            for key in ("title", "xlabel", "ylabel")
            if s.get(key, True)
        ]
        return f"assert {' and '.join(parts) or 'True'}"
    if name == "title_mentions":
        test = "all" if s.get("all", False) else "any"
        return (
            f"assert {test}(f' {{_words(w)}} ' in f' {{_words(_title(_axes({v})))}} ' "
            f"for w in {_r(list(s['words']))})"
        )
    if name == "label_mentions":
        test = "all" if s.get("all", False) else "any"
        return (
            f"assert {test}(f' {{_words(w)}} ' in f' {{_words(_axes({v}).get_{s['axis']}label())}} ' "
            f"for w in {_r(list(s['words']))})"
        )
    if name == "starts_at_zero":
        ends = {"x": f"_axes({v}).get_xlim()", "y": f"_axes({v}).get_ylim()"}
        if s.get("axis"):
            return f"assert min({ends[s['axis']]}) <= 1e-9"
        return f"assert min({ends['x']} if _horizontal(_axes({v})) else {ends['y']}) <= 1e-9"
    if name == "bars":
        tolerance = s.get("tolerance", 0)
        if "labels" in s:
            return (
                f"assert (lambda drawn: len(drawn) == {len(s['heights'])} and all("
                f"_same(dict((_label(l), h) for l, h in drawn).get(_label(str(l))), h, "
                f"{_r(tolerance)}) for l, h in zip({_r(list(s['labels']))}, "
                f"{_r(list(s['heights']))})))(_bars(_axes({v})))"
            )
        return (
            f"assert (lambda heights: len(heights) == {len(s['heights'])} and all(_same(a, e, "
            f"{_r(tolerance)}) for a, e in zip(heights, {_r(list(s['heights']))})))"
            f"([h for _, h in _bars(_axes({v}))])"
        )
    if name == "line":
        tolerance = s.get("tolerance", 0)
        x_test = (
            f" and len(line.get_xdata()) == {len(s['x'])} and all(_same(float(a), e, "
            f"{_r(tolerance)}) for a, e in zip(line.get_xdata(), {_r(list(s['x']))}))"
            if "x" in s
            else ""
        )
        return (
            f"assert any(len(line.get_ydata()) == {len(s['y'])} and all(_same(float(a), e, "
            f"{_r(tolerance)}) for a, e in zip(line.get_ydata(), {_r(list(s['y']))})){x_test} "
            f"for line in _axes({v}).get_lines())"
        )
    raise ValueError(f"no nbgrader equivalent for the kit check {name!r}")


def _label_key(text: str) -> str:
    from kit.exercises import normalise_label

    return normalise_label(text)


def _words_key(text: str) -> str:
    from kit.exercises import normalise_words

    return normalise_words(text)


def test_source(question) -> str:
    """The autograder test cell of ``question``: public asserts, then hidden ones."""
    lines = [f"# Tests for {question.name} ({question.points} points)"]
    lines += [
        assertion(c.name, c.settings, question.variable, question.kind) for c in question.public
    ]
    if question.hidden:
        lines.append("### BEGIN HIDDEN TESTS")
        lines += [
            assertion(c.name, c.settings, question.variable, question.kind) for c in question.hidden
        ]
        lines.append("### END HIDDEN TESTS")
    return "\n".join(lines) + "\n"


def _nbgrader_solution(text: str) -> str:
    """Our solution markers as nbgrader's (a line ending ``# SOLUTION`` becomes a block)."""
    from kit.exercises.source import BEGIN_SOLUTION, END_SOLUTION, SOLUTION_SUFFIX

    out = []
    for line in text.splitlines():
        indent = line[: len(line) - len(line.lstrip())]
        if line.strip() == BEGIN_SOLUTION:
            out.append(f"{indent}### BEGIN SOLUTION")
        elif line.strip() == END_SOLUTION:
            out.append(f"{indent}### END SOLUTION")
        elif SOLUTION_SUFFIX.search(line):
            out += [
                f"{indent}### BEGIN SOLUTION",
                SOLUTION_SUFFIX.sub("", line),
                f"{indent}### END SOLUTION",
            ]
        else:
            out.append(line)
    return "\n".join(out)


def _meta(grade_id: str, *, grade=False, solution=False, locked=False, points=None) -> dict:
    meta = {
        "grade": grade,
        "grade_id": re.sub(r"[^A-Za-z0-9_-]", "_", grade_id),
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def _cell(kind: str, text: str, metadata: dict | None = None) -> dict:
    cell = {"cell_type": kind, "metadata": metadata or {}, "source": text}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def nbgrader_source(exercise, slots) -> dict:
    """The nbgrader source notebook for ``exercise``; ``slots`` pair answer cells with ids."""
    from kit.exercises.release import INSTRUCTOR_TAG
    from kit.exercises.source import (
        BEGIN_QUESTION,
        END_QUESTION,
        EXERCISE_MARK,
        first_line,
        has_solution,
    )

    ids = iter(slot.cell_id for slot in slots)
    questions = iter(exercise.questions)
    cells = [_cell("code", HELPERS, _meta("kit_test_helpers", locked=True))]
    current, pending, answer_at = None, None, None

    def place_test():
        nonlocal pending, answer_at
        if pending is not None and not pending.manual:
            at = len(cells) if answer_at is None else answer_at + 1
            test = _cell(
                "code",
                test_source(pending),
                _meta(f"{pending.name}_tests", grade=True, locked=True, points=pending.points),
            )
            cells.insert(at, test)
        pending, answer_at = None, None

    for cell in exercise.notebook["cells"]:
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        mark = first_line(text) if cell["cell_type"] == "raw" else ""
        if mark == EXERCISE_MARK:
            continue
        if mark == BEGIN_QUESTION:
            place_test()
            current = pending = next(questions)
            continue
        if mark == END_QUESTION:
            place_test()
            current = None
            continue
        if INSTRUCTOR_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        if cell["cell_type"] == "code" and has_solution(cell) and current is not None:
            manual = current.manual
            meta = _meta(
                next(ids),
                solution=True,
                grade=manual,
                points=current.points if manual else None,
            )
            cells.append(_cell("code", _nbgrader_solution(text), meta))
            answer_at = len(cells) - 1
        elif cell["cell_type"] in ("code", "markdown"):
            cells.append(_cell(cell["cell_type"], text))
    place_test()
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 4,
    }


def grade_id(cell: dict):
    """How nbgrader's released notebook names an answer cell for ``fill``: its grade id."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta.get("grade_id") if meta.get("solution") else None
