"""The grader's outputs, each written atomically (never half-written):

Every CSV is UTF-8 with a byte-order mark, so Excel opens it with accented names intact.

- ``grades.csv``: one row per student: each question's points, total, max, status, reason.
- ``grades_long.csv``: one row per student and question, with the feedback lines.
- ``gradebook.csv``: for LMS import: ``Student``, ``ID`` (the Canvas user id or Moodle
  participant id found in the zip's file names, else empty), and one column named after the
  exercise with the total.
- ``feedback/<student>.html``: a page per student: each question, points, feedback lines.
- ``review.csv``: questions graded by hand; fill in ``points`` (and ``comment``), run
  ``kit grade`` again and the points are merged. Rows you filled are never overwritten.
- ``isolation.txt`` and ``summary.json``: the protections that were active, and the run.

>>> slug("Ada Lovelace/../x")
'Ada-Lovelace-x'
>>> spreadsheet_safe("=HYPERLINK(1)")
"'=HYPERLINK(1)"
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import tempfile
from pathlib import Path

REVIEW = "review.csv"
_REVIEW_COLUMNS = [
    "student",
    "id",
    "question",
    "max_points",
    "points",
    "comment",
    "answer",
    "answer_id",
]
MAX_SHEET_ANSWER = 10_000  # characters of an answer shown in the review sheet
_FIELD_LIMIT = 64 * 2**20  # csv's own default (128 KB) is less than one long answer


def readable(text: str) -> str:
    """``text`` with the bytes of a file name that is not UTF-8 (kept by Python as surrogate
    escapes, which no UTF-8 file can hold) shown as "�".

    >>> readable("stud\\udcff.ipynb")
    'stud�.ipynb'
    """
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: all or nothing."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(readable(text))
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def slug(name: str) -> str:
    """A file-name-safe form of a student's name (letters of any script are kept).

    >>> slug("田中 花子")
    '田中-花子'
    """
    text = re.sub(r"[^\w-]+", "-", str(name)).strip("-")
    return text[:80] or "student"


def page_names(graded) -> list[str]:
    """One distinct file name (without ``.html``) per student, also on a case-blind disk.

    >>> [p for p in page_names([_Named("x", ""), _Named("x.", ""), _Named("x-2", "")])]
    ['x', 'x-2', 'x-2-2']
    """
    used: set[str] = {"index"}  # feedback/index.html lists the pages
    names = []
    for item in graded:
        base = slug(item.student)
        candidates = [base] + ([f"{base}-{slug(item.lms_id)}"] if item.lms_id else [])
        name = next((c for c in candidates if c.casefold() not in used), None)
        number = 2
        while name is None or name.casefold() in used:
            name = f"{base}-{number}"
            number += 1
        used.add(name.casefold())
        names.append(name)
    return names


class _Named:
    def __init__(self, student, lms_id):
        self.student, self.lms_id = student, lms_id


def spreadsheet_safe(value):
    """Text a spreadsheet will not run as a formula (student names and messages are theirs),
    even where it splits cells at ``;`` or a tab.

    >>> spreadsheet_safe("my answer;=1+1;@SUM(A1:A9)")
    "my answer;'=1+1;'@SUM(A1:A9)"
    """
    if not isinstance(value, str):
        return value
    value = re.sub(r"([;\t\r\n])([=+\-@])", r"\1'\2", value)
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(header: list[str], rows: list[list]) -> str:
    """CSV text for a spreadsheet: UTF-8 with a byte-order mark, without which Excel reads
    the file in the computer's legacy code page and garbles accented names (like the review's
    and the annotator's CSVs); every reader of these files decodes ``utf-8-sig``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)  # a quoted ";" never splits a cell
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return "\ufeff" + buffer.getvalue()


def _reason(item) -> str:
    return "; ".join(part for part in [item.reason, *item.notes] if part)


class HandScore(float):
    """Points given by hand, with the answer they were given for (``answer_id``)."""

    answer_id: str = ""
    answer: str | None = None


def answer_id(answer) -> str:
    """A short fingerprint of an answer: a hand score holds only for the answer it was given to.

    >>> answer_id("Russia said so.") == answer_id("Russia said so."), answer_id(None)
    (True, '')
    """
    import hashlib

    text = answer_text(answer, limit=None)
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:16] if text else ""


def same_answer(score, answer) -> bool:
    """Whether the hand ``score`` was given to this ``answer`` (sheets without ``answer_id``
    compare the answer's text)."""
    if getattr(score, "answer_id", ""):
        return score.answer_id == answer_id(answer)
    shown = getattr(score, "answer", None)
    if shown is None:
        return True
    return shown in (answer_text(answer), spreadsheet_safe(answer_text(answer)))


def read_review(path: Path, problems: list[str] | None = None) -> dict:
    """Hand-given points from a review sheet: {(student, id): {question: HandScore}}.

    Blank, non-numeric and out-of-range points are skipped (and kept in the sheet). A sheet
    that cannot be read is moved aside (never lost) and named in ``problems``.
    """
    points: dict[tuple[str, str], dict[str, float]] = {}
    problems = [] if problems is None else problems
    for row in _review_rows(path, problems):
        text = (row.get("points") or "").strip().replace(",", ".")
        if not text:
            continue
        where = f"{Path(path).name}: {row.get('student', '')} {row.get('question', '')}".strip()
        try:
            value = float(text)
        except ValueError:
            problems.append(f"{where}: points {text!r} is not a number; left to grade")
            continue
        try:
            maximum = float(row.get("max_points") or "inf")
        except ValueError:
            maximum = float("inf")
        if not 0 <= value <= maximum:
            problems.append(f"{where}: {text} points is outside 0 to {maximum:g}; left to grade")
        else:
            key = (row.get("student", ""), row.get("id", ""))
            score = HandScore(value)
            score.answer_id = row.get("answer_id") or ""
            score.answer = row.get("answer")
            points.setdefault(key, {})[row.get("question", "")] = score
    return points


def _review_rows(path: Path, problems: list[str] | None = None) -> list[dict]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError:
        return []
    except UnicodeDecodeError:
        return _set_aside(path, "it is not UTF-8 text", problems)
    rows = []
    previous = csv.field_size_limit(_FIELD_LIMIT)
    try:
        reader = csv.DictReader(io.StringIO(text))
        for row in reader:
            row = {key: value for key, value in row.items() if isinstance(key, str) and key}
            for key, value in row.items():
                if not isinstance(value, str):  # a row with more cells than the header
                    row[key] = ""
            if row.get("student", "").startswith("'"):
                row["student"] = row["student"][1:]
            rows.append(row)
    except csv.Error as error:
        return _set_aside(path, f"line {reader.line_num}: {error}", problems)
    finally:
        csv.field_size_limit(previous)
    return rows


def _set_aside(path: Path, why: str, problems: list[str] | None) -> list[dict]:
    """Move an unreadable review sheet aside, so the next one never overwrites its points."""
    import time

    aside = path.with_name(f"{path.stem}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}{path.suffix}")
    try:
        os.replace(path, aside)
        kept = f"it was kept as {aside.name} and a new sheet written: copy your points over"
    except OSError as error:
        kept = f"it could not be moved aside ({error.strerror})"
    if problems is not None:
        problems.append(f"WARNING: {path.name} could not be read ({why}); {kept}")
    return []


def write_all(batch, exercise) -> None:
    """Write every report of ``batch`` into ``batch.out``."""
    out = batch.out
    questions = [q.name for q in exercise.questions]
    write_atomic(out / "grades.csv", _grades(batch, questions))
    write_atomic(out / "grades_long.csv", _long(batch))
    write_atomic(out / "gradebook.csv", _gradebook(batch))
    comments = _write_review(batch, exercise)
    names = page_names(batch.graded)
    for item, name in zip(batch.graded, names, strict=True):
        page = feedback_page(
            batch, item, comments.get((item.student, item.lms_id), {}), exercise=exercise
        )
        write_atomic(out / "feedback" / f"{name}.html", page)
    write_atomic(out / "feedback" / "index.html", _index_page(batch, names))
    write_atomic(out / "isolation.txt", isolation_text(batch.protections))
    summary = {
        "exercise": batch.exercise,
        "max_points": batch.max_points,
        "submissions": len(batch.graded),
        "run": batch.ran,
        "seconds": batch.seconds,
        "protections": batch.protections,
        "summary": batch.summary(),
        "notes": batch.notes,
    }
    if getattr(batch, "text", None):
        summary["text"] = batch.text
    write_atomic(out / "summary.json", json.dumps(summary, indent=2))


def isolation_text(protections: dict[str, str]) -> str:
    """The protections, one per line, for people."""
    lines = ["Isolation of each graded notebook (what was active in this run):", ""]
    for name, description in protections.items():
        lines.append(f"- {name}: {description}")
    return "\n".join(lines) + "\n"


def _grades(batch, questions: list[str]) -> str:
    header = ["student", "id", *questions, "total", "max_points", "status", "reason"]
    rows = []
    for item in batch.graded:
        by_name = {
            r["question"]: "skipped" if r["status"] == "skipped" else r["points"]
            for r in item.results
        }
        rows.append(
            [
                item.student,
                item.lms_id,
                *[by_name.get(q, 0) for q in questions],
                item.total,
                batch.max_points,
                item.status,
                _reason(item),
            ]
        )
    return _csv(header, rows)


def _long(batch) -> str:
    header = ["student", "id", "question", "points", "max_points", "status", "feedback"]
    rows = [
        [
            item.student,
            item.lms_id,
            r["question"],
            r["points"],
            r["max_points"],
            r["status"],
            " | ".join(r["lines"]),
        ]
        for item in batch.graded
        for r in item.results
    ]
    return _csv(header, rows)


def _gradebook(batch) -> str:
    column = f"{batch.exercise} ({batch.max_points:g})"
    return _csv(["Student", "ID", column], [[g.student, g.lms_id, g.total] for g in batch.graded])


def _write_review(batch, exercise) -> dict[tuple[str, str], dict[str, str]]:
    """Rewrite the review sheet: keep every filled row, add rows for new answers."""
    manual = [q for q in exercise.questions if getattr(q, "manual", False)]
    path = batch.out / REVIEW
    existing = {
        (r.get("student", ""), r.get("id", ""), r.get("question", "")): r
        for r in _review_rows(path)
    }
    if not manual and not existing:
        return {}
    rows = dict(existing)
    for item in batch.graded:
        for question in manual:
            key = (item.student, item.lms_id, question.name)
            old = existing.get(key, {})
            answer = item.answers.get(question.variable)
            if getattr(question, "skipped", ""):  # not about the graded text: nothing to give
                rows[key] = {
                    "student": item.student,
                    "id": item.lms_id,
                    "question": question.name,
                    "max_points": "0",
                    "points": "",
                    "comment": f"skipped: {question.skipped}",
                    "answer": answer_text(answer),
                    "answer_id": "",
                }
                continue
            identity = item.answer_ids.get(question.variable) or answer_id(answer)
            points, comment = old.get("points", ""), old.get("comment", "")
            if points.strip() and not _row_matches(old, answer, identity):
                comment = f"needs review: the answer changed (it had {points} points). {comment}"
                points = ""
            rows[key] = {
                "student": item.student,
                "id": item.lms_id,
                "question": question.name,
                "max_points": f"{question.points:g}",
                "points": points,
                "comment": comment.strip(),
                "answer": answer_text(answer),
                "answer_id": identity,
            }
    ordered = [rows[key] for key in sorted(rows)]
    write_atomic(
        path, _csv(_REVIEW_COLUMNS, [[r.get(c, "") for c in _REVIEW_COLUMNS] for r in ordered])
    )
    comments: dict[tuple[str, str], dict[str, str]] = {}
    for (student, lms_id, question), row in rows.items():
        if row.get("comment"):
            comments.setdefault((student, lms_id), {})[question] = row["comment"]
    return comments


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border-bottom: 1px solid #ddd; padding: .4rem; text-align: left; vertical-align: top; }}
.passed {{ color: #1a7f37; }} .failed, .missing, .error {{ color: #b3261e; }}
.partial, .manual {{ color: #8a6100; }} .skipped {{ color: #555; }}
.note {{ background: #f6f6f6; padding: .6rem; border-radius: .3rem; }}
.prompt {{ display: block; color: #555; white-space: pre-wrap; margin-bottom: .3rem; }}
</style></head><body>
<h1>{exercise}: {student}</h1>
<p><strong>{total:g} / {max_points:g} points</strong> ({status})</p>
{text}{notes}
<table><tr><th>Question</th><th>Points</th><th>Feedback</th></tr>
{rows}
</table>
<p><small>Graded automatically by the kit. Points for questions graded by hand appear once your
instructor has reviewed them.</small></p>
</body></html>
"""


def feedback_page(batch, item, comments: dict[str, str], exercise=None) -> str:
    """One student's feedback page: the exercise's title, each question's text, points and
    feedback lines, HTML-escaped."""
    esc = html.escape
    prompts = {q.name: q.prompt for q in getattr(exercise, "questions", [])}
    rows = []
    for result in item.results:
        lines = [esc(str(line)) for line in result["lines"]]
        prompt = _plain_markdown(prompts.get(result["question"]) or "")
        if prompt:
            lines.insert(0, f'<span class="prompt">{prompt_html(prompt)}</span>')
        if comments.get(result["question"]) and result["status"] != "skipped":
            lines.append("Instructor: " + esc(comments[result["question"]]))
        points = f"{result['points']:g} / {result['max_points']:g}"
        if result["status"] == "manual":
            points = f"to be graded by your instructor (up to {result['max_points']:g})"
        elif result["status"] == "skipped":
            points = "skipped (no points on this text)"
        rows.append(
            f"<tr><td>{esc(str(result['question']))}</td>"
            f'<td class="{esc(str(result["status"]))}">{points}</td>'
            f"<td>{'<br>'.join(lines)}</td></tr>"
        )
    reason = _reason(item)
    notes = f'<p class="note">{esc(reason)}</p>' if reason else ""
    from .outcome import STATUSES

    waiting = sum(r["max_points"] for r in item.results if r["status"] == "manual")
    status = STATUSES.get(item.status, item.status)
    if waiting:
        more = f"{waiting:g} more point{'' if f'{waiting:g}' == '1' else 's'}"
        status += f"; up to {more} to be graded by your instructor"
    heading = getattr(exercise, "title", "") or batch.exercise
    return _PAGE.format(
        title=esc(f"{heading}: {item.student}"),
        exercise=esc(heading),
        student=esc(item.student),
        total=item.total,
        max_points=batch.max_points,
        status=esc(status),
        text=_text_line(getattr(batch, "text", None)),
        notes=notes,
        rows="\n".join(rows),
    )


def _text_line(text: dict | None) -> str:
    """The feedback page's line naming the text the exercise was graded on."""
    if not text:
        return ""
    words = f"Graded on the text “{text.get('title', '')}” ({text.get('slug', '')})."
    return f"<p>{html.escape(words)}</p>\n"


def _row_matches(row: dict, answer, identity: str) -> bool:
    if row.get("answer_id"):
        return row["answer_id"] == identity
    score = HandScore(0)
    score.answer = row.get("answer")
    return same_answer(score, answer)


def answer_text(answer, limit: int | None = MAX_SHEET_ANSWER) -> str:
    """An answer as the review sheet shows it: text, cut at ``limit`` characters (flagged).

    >>> answer_text("word " * 3, limit=8)
    'word wor… [cut: 15 characters in all]'
    """
    from kit.exercises import is_marker

    if answer is None or is_marker(answer, "placeholder"):
        return ""
    text = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
    if limit is not None and len(text) > limit:
        return f"{text[:limit]}… [cut: {len(text)} characters in all]"
    return text


def _index_page(batch, names: list[str]) -> str:
    """``feedback/index.html``: each student, their total and a link to their page."""
    esc = html.escape
    from urllib.parse import quote

    rows = "\n".join(
        f'<tr><td><a href="{esc(quote(name))}.html">{esc(item.student)}</a></td>'
        f"<td>{esc(item.lms_id)}</td><td>{item.total:g} / {batch.max_points:g}</td></tr>"
        for item, name in zip(batch.graded, names, strict=True)
    )
    title = esc(f"{batch.exercise}: feedback pages")
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><h1>{title}</h1>\n<table><tr><th>Student</th><th>ID</th><th>Points</th>"
        f"</tr>\n{rows}\n</table></body></html>\n"
    )


def prompt_html(text: str) -> str:
    """A question's plain prompt as HTML: escaped, its `code` spans shown as code.

    >>> prompt_html("Give the outlet (`doc.outlet`), not ``a `b` c`` <b>")
    'Give the outlet (<code>doc.outlet</code>), not <code>a `b` c</code> &lt;b&gt;'
    """
    return re.sub(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", r"<code>\2</code>", html.escape(text))


def _plain_markdown(text: str, limit: int = 600) -> str:
    """A question's markdown as plain text for the page: emphasis marks dropped, cut.

    >>> _plain_markdown("**Question 1.** Is it a *fact*?")
    'Question 1. Is it a fact?'
    """
    text = re.sub(r"(\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w))", "", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
