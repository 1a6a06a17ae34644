"""Grade a whole class: find the submissions, run each in a confined child (all cores), score
the plain answers here, write the reports. Resumable: each finished submission is saved at
once, and an unchanged submission is not run again unless ``force``.

>>> from kit.grading import grade                                   # doctest: +SKIP
>>> batch = grade("ex00_practice", "submissions/", "grades/")       # doctest: +SKIP
>>> batch.summary()                                                 # doctest: +SKIP
'40 submissions: 38 graded, 2 stopped at the time limit; mean 7.5 / 10'
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import hashlib
import json
import os
import shutil
import site
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from kit.errors import GradingError

from . import reports
from .forkserver import ForkServer, ForkServerError
from .notebooks import NotebookError, answer_cells, code_cells
from .outcome import STATUSES, clean, read_run
from .progress import Progress
from .scratch import make_scratch, remove_stale
from .submissions import Submission, find_submissions
from .texts import TextAccess, exercise_texts

STATE = ".kit-grading"


@dataclass
class Graded:
    """One student's grade: per-question results (plain dicts), status and reason."""

    student: str
    lms_id: str
    status: str
    reason: str
    notes: list[str]
    results: list[dict]
    answers: dict
    seconds: float = 0.0
    reused: bool = False
    answer_ids: dict = field(default_factory=dict)  # of the whole answers, before cutting

    @property
    def total(self) -> float:
        """Points earned over all questions."""
        return _round(sum(result["points"] for result in self.results))


@dataclass
class Batch:
    """What ``grade`` did: the grades, the protections that were active, where the reports are."""

    exercise: str
    max_points: float
    graded: list[Graded]
    protections: dict[str, str]
    out: Path
    seconds: float
    ran: int = 0
    notes: list[str] = field(default_factory=list)
    text: dict | None = None  # the text graded on (exercises with a parameters cell)

    def summary(self) -> str:
        """One line for the terminal: how many, by status, and the mean."""
        counts: dict[str, int] = {}
        for item in self.graded:
            counts[item.status] = counts.get(item.status, 0) + 1
        order = list(STATUSES)
        parts = ", ".join(
            f"{counts[s]} {_SHORT.get(s, STATUSES.get(s, s))}"
            for s in sorted(counts, key=lambda s: order.index(s) if s in order else len(order))
        )
        mean = sum(g.total for g in self.graded) / len(self.graded) if self.graded else 0
        on = f" on the text {self.text['slug']}" if self.text else ""
        return (
            f"{len(self.graded)} submissions{on} ({self.ran} run, {len(self.graded) - self.ran} "
            f"unchanged): {parts}; mean {mean:.2f} / {self.max_points:g}"
        )


# The summary line's words for each status: no ";" inside, so the line reads as one list.
_SHORT = {
    "ok": "graded",
    "cell errors": "graded with errors in some cells",
    "cell timeout": "graded with a cell stopped at its time limit",
}


def _round(points) -> float:
    points = round(float(points), 2)
    return int(points) if points.is_integer() else points


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def read_allowlist(server: ForkServer) -> list[str]:
    """What a child may read: Python, its packages, the kit package, the seeds, system libs."""
    import kit

    paths = {
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        sys.base_exec_prefix,
        *site.getsitepackages(),
        str(Path(kit.__file__).resolve().parent),
        str(kit.seeds_folder()),
        server.matplotlib_dir,
        "/usr",
        "/lib",
        "/lib64",
    }
    nltk_data = os.environ.get("NLTK_DATA", "")
    paths.update(p for p in nltk_data.split(os.pathsep) if p)
    return sorted(str(Path(p).resolve()) for p in paths if p and Path(p).exists())


def _tree_bytes(path: Path) -> bytes:
    if path.is_file():
        return path.read_bytes()
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(os.fsencode(file.relative_to(path)) + b"\0" + file.read_bytes())
    return digest.digest()


def _kit_fingerprint() -> str:
    import kit

    try:
        from importlib.metadata import version

        label = version("media-literacy-kit")
    except Exception:
        label = "unknown"
    package = Path(kit.__file__).resolve().parent
    digest = hashlib.sha256(label.encode())
    for file in sorted(package.rglob("*.py")):
        digest.update(file.read_bytes())
    return digest.hexdigest()


class Grader:
    """The pieces of one grading run; ``grade()`` is the function to call."""

    def __init__(
        self,
        exercise,
        out: Path,
        server: ForkServer,
        *,
        workers,
        timeout,
        memory_mb,
        disk_mb=512,
        cell_timeout=None,
        texts: TextAccess | None = None,
        allow_read: list[str] = (),
        text_name: str | None = None,
        text_files: list[Path] = (),
    ):
        self.exercise = exercise
        self.out = out
        self.server = server
        self.workers = workers
        self.timeout = timeout
        self.cell_timeout = cell_timeout
        self.memory_mb = memory_mb
        self.disk_mb = disk_mb
        self.state = out / STATE
        self.results_dir = self.state / "results"
        self.results_dir.mkdir(parents=True, exist_ok=True)
        self.texts = texts or TextAccess()
        self.read = read_allowlist(server) + self.texts.read + [str(p) for p in allow_read]
        self.variables = [q.variable for q in exercise.questions]
        self.text_name = text_name  # set as TEXT in every notebook (None: left as it is)
        self.choice = None  # the graded text (a TextChoice), for the notes on a changed TEXT
        source = Path(exercise.path) if getattr(exercise, "path", None) else None
        extra = [text_name] if text_name is not None else []  # (an old cache stays valid)
        self.fingerprint = hashlib.sha256(
            json.dumps([_kit_fingerprint(), self.variables, *extra]).encode()
            + (_tree_bytes(source) if source and source.exists() else b"")
            + b"".join(_tree_bytes(Path(f)) for f in self.texts.read if Path(f).is_file())
            + b"".join(_tree_bytes(f) for f, _name in self.texts.copies if f.is_file())
            # The graded text's own files, a seed's too: the solution's expected values are
            # computed afresh each run, so answers cached on an older text would not match.
            + b"".join(_tree_bytes(Path(f)) for f in text_files if Path(f).is_file())
        ).hexdigest()
        self._counter = 0
        self._lock = threading.Lock()
        self.stopping = False  # set when interrupted: outcomes of killed runs are not saved

    # -- one submission ------------------------------------------------------------------

    def content_hash(self, submission: Submission) -> str:
        """Hash of the submission's files, the exercise source and the kit's code."""
        digest = hashlib.sha256(self.fingerprint.encode())
        # os.fsencode: a name that is not UTF-8 is kept in surrogate escapes, which .encode()
        # refuses
        digest.update(os.fsencode(submission.notebook) if submission.notebook else b"-")
        for path, name in sorted(submission.files, key=lambda item: item[1]):
            digest.update(os.fsencode(name) + b"\0")
            try:
                digest.update(hashlib.sha256(path.read_bytes()).digest())
            except OSError:
                digest.update(b"unreadable")
        return digest.hexdigest()

    def cache_path(self, submission: Submission) -> Path:
        """Where this student's run outcome is kept between runs."""
        key = f"{submission.student}\0{submission.lms_id}"
        return self.results_dir / f"{reports.slug(submission.student)}-{_short(key)}.json"

    def cached(self, submission: Submission, content_hash: str) -> dict | None:
        """The saved outcome when the submission has not changed since it was run.

        A run the grader itself failed is always redone, and one that hit a limit is redone
        when the limits changed (a longer ``--timeout`` may let it finish).
        """
        try:
            saved = json.loads(self.cache_path(submission).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(saved, dict) or saved.get("hash") != content_hash:
            return None
        if saved.get("status") == "error":
            return None
        limited = saved.get("status") in ("timeout", "cell timeout", "memory", "crashed")
        if limited and saved.get("limits") != self.limits:
            return None
        return saved

    @property
    def limits(self) -> list:
        """The limits a saved outcome was run under (a changed limit re-runs a stopped one)."""
        return [self.timeout, self.memory_mb, self.cell_timeout]

    def run(self, submission: Submission, content_hash: str) -> dict:
        """Run one submission in a confined child; save and return its outcome."""
        started = time.monotonic()
        if submission.notebook is None:
            outcome = _no_run("no notebook", submission.problem or "no notebook was found")
        else:
            try:
                cells = code_cells(submission.notebook)
            except NotebookError as error:
                outcome = _no_run("unreadable", str(error))
            else:
                if self.text_name is not None:
                    cells = set_text(cells, self.text_name)
                outcome = self._run_child(submission, cells)
        outcome["seconds"] = round(time.monotonic() - started, 3)
        outcome["hash"] = content_hash
        outcome["limits"] = self.limits
        if not self.stopping:
            compact = json.dumps(outcome, separators=(",", ":"))
            reports.write_atomic(self.cache_path(submission), compact)
        return outcome

    def solutions(self, cells: list[str]) -> dict:
        """Run the source's solution ``cells`` in a confined child, as a submission is run
        (the grader never runs them itself); the outcome as ``read_run`` gives it."""
        return self._run_child(Submission("(the solutions)", None, []), cells)

    def _run_child(self, submission: Submission, cells: list[str]) -> dict:
        with self._lock:
            self._counter += 1
            job_id = f"{self._counter}"
        root = make_scratch("kit-grade-")
        try:
            work, tmp = root / "work", root / "tmp"
            work.mkdir()
            tmp.mkdir()
            copied = 0
            for path, name in submission.files:
                destination = work / name
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, destination)
                copied += destination.stat().st_size
            for path, name in self.texts.copies:  # the exercise's texts, where students have them
                destination = work / name
                if not destination.exists():
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, destination)
                    copied += destination.stat().st_size
            spec = {"cells": cells, "variables": self.variables}
            (root / "job.json").write_text(json.dumps(spec), encoding="utf-8")
            job = {
                "id": job_id,
                "root": str(root),
                "work": str(work),
                "tmp": str(tmp),
                "read": self.read,
                "memory_mb": self.memory_mb,
                "timeout": self.timeout,
                "cell_timeout": self.cell_timeout,
                "disk_bytes": copied + self.disk_mb * 2**20,
            }
            try:
                run = self.server.run(job)
            except ForkServerError as error:
                return _no_run("error", clean(str(error)))
            outcome = read_run(run, timeout=self.timeout, cell_timeout=self.cell_timeout)
            outcome["answer_cells"] = answer_cells(cells, self.variables)
            return outcome
        finally:
            remove_tree(root)

    def probe(self) -> dict[str, str]:
        """Run an empty child to learn which protections are active here."""
        root = make_scratch("kit-grade-probe-")
        try:
            (root / "work").mkdir()
            (root / "tmp").mkdir()
            (root / "job.json").write_text(json.dumps({"cells": [], "variables": []}))
            job = {
                "id": "probe",
                "root": str(root),
                "work": str(root / "work"),
                "tmp": str(root / "tmp"),
                "read": self.read,
                "memory_mb": self.memory_mb,
                "timeout": self.timeout,
            }
            return read_run(self.server.run(job), timeout=self.timeout)["protections"]
        finally:
            remove_tree(root)

    # -- scoring -------------------------------------------------------------------------

    def _changed_text(self, submission: Submission) -> str | None:
        """A note when the student's notebook set another TEXT than the graded one."""
        if self.choice is None or submission.notebook is None:
            return None
        from .class_text import changed_text_note

        try:
            return changed_text_note(code_cells(submission.notebook), self.choice)
        except NotebookError:
            return None

    def _other_text_loaded(self, outcome: dict) -> str | None:
        """A note when the notebook ended up holding another text and not the class's (its
        code loaded it some way the grader's TEXT cannot reach)."""
        texts = outcome.get("texts") or []
        if self.choice is None or not texts or self.choice.slug in texts:
            return None
        return (
            f"this notebook loaded the text {texts[0]!r}, not the class's text "
            f"“{self.choice.title}” ({self.choice.slug}), which the grader sets as TEXT: its "
            "code loaded another text, so its answers were computed on that text"
        )

    def score(self, submission: Submission, outcome: dict, manual: dict) -> Graded:
        """Score the plain answers here, in the parent, with the hidden checks."""
        answers = outcome.get("answers") or {}
        notes = [*submission.notes, *outcome.get("notes", [])]
        manual = dict(manual)
        for question in self.exercise.questions:
            given = manual.get(question.name)
            if given is not None and not reports.same_answer(given, answers.get(question.variable)):
                del manual[question.name]  # given to an answer the student has since changed
                notes.append(
                    f"the hand score for {question.name} was for an earlier answer: it needs "
                    "review again"
                )
        status, reason = outcome.get("status", "error"), outcome.get("reason", "")
        # Which text the notebook ran on, when it was not only the class's: the student's
        # own code loaded another (then it says so), or TEXT was changed (then set back).
        changed = self._other_text_loaded(outcome) or self._changed_text(submission)
        if changed:
            notes.append(changed)
        if any(_text_denied(error) for error in outcome.get("errors") or []):
            notes.append(
                "a text could not be read: graded notebooks may read only the kit's texts and "
                "those the exercise loads; the instructor can allow others (kit grade "
                "--allow-read FOLDER)"
            )
        if status in ("ok", "cell errors", "cell timeout", "timeout", "crashed", "memory"):
            missing = [v for v in self.variables if v not in answers]
            if missing and len(missing) < len(self.variables):
                names = ", ".join(f"`{v}`" for v in missing)
                notes.append(f"no answer in {names}: renamed, deleted, or its cell did not run?")
        try:
            results = [
                _result_dict(r) for r in self.exercise.score(answers, hidden=True, manual=manual)
            ]
            _explain_stops(results, outcome, self.exercise, answers)
            _explain_errors(results, outcome, self.exercise)
            waiting = [str(r["question"]) for r in results if r["status"] == "manual"]
            if waiting:
                notes.append(f"awaiting hand grading: {', '.join(waiting)}")
        except Exception as error:  # a scorer bug must not stop the batch
            results = [_result_dict(r) for r in self.exercise.score({}, hidden=False)]
            for result in results:
                result["points"] = 0
            status = "error"
            reason = f"scoring failed ({type(error).__name__}); grade this submission by hand"
        return Graded(
            student=submission.student,
            lms_id=submission.lms_id,
            status=status,
            reason=reason,
            notes=notes,
            results=results,
            answers=_kept(answers),
            answer_ids={
                q.variable: reports.answer_id(answers.get(q.variable))
                for q in self.exercise.questions
                if getattr(q, "manual", False)
            },
            seconds=outcome.get("seconds", 0.0),
        )


KEPT_ANSWER_CHARS = 20_000


def _kept(answers: dict) -> dict:
    """The answers a class's grades keep once scored (for the review sheet and callers): a
    long text is cut, and so is any other large value, as its JSON text: memory stays small."""
    kept = {}
    for name, value in answers.items():
        if isinstance(value, str):
            cut = len(value) > KEPT_ANSWER_CHARS
            kept[name] = value[:KEPT_ANSWER_CHARS] + (" … [cut]" if cut else "")
            continue
        try:
            text = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError, RecursionError):
            text = '{"__kit__": "too_large"}'
        kept[name] = value if len(text) <= KEPT_ANSWER_CHARS else reports.answer_text(text)
    return kept


def _text_denied(error) -> bool:
    """Whether a cell's error is ``kit.load`` refused a text by the sandbox."""
    message = str(error.get("message", "")) if isinstance(error, dict) else ""
    return message.startswith(("Could not read", "Could not open")) and (
        "Permission denied" in message or "Operation not permitted" in message
    )


def remove_tree(path) -> None:
    """Delete a child's folder whatever it left there (a tree 1,000 folders deep, folders it
    made unreadable); never raises: a failed clean-up must not cost a grade."""
    import subprocess

    path = str(path)
    quiet = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL}
    quiet["stderr"] = subprocess.DEVNULL
    for command in (["rm", "-rf", "--", path], ["chmod", "-R", "u+rwx", "--", path]) * 2:
        if not os.path.lexists(path):
            return
        with contextlib.suppress(Exception):
            subprocess.run(command, timeout=300, check=False, **quiet)
    with contextlib.suppress(BaseException):  # RecursionError on a deep tree
        shutil.rmtree(path, ignore_errors=True)


def _short(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:8]


def _no_run(status: str, reason: str) -> dict:
    return {"answers": {}, "status": status, "reason": reason, "errors": [], "notes": []}


def _result_dict(result) -> dict:
    if hasattr(result, "to_dict"):
        data = result.to_dict()
    else:
        data = {
            "question": result.question,
            "points": result.points,
            "max_points": result.max_points,
            "status": result.status,
            "lines": list(result.lines),
        }
    data["question"] = getattr(data["question"], "name", data["question"])
    return data


def grade(
    exercise,
    submissions,
    out,
    *,
    workers: int | None = None,
    timeout: float = 60.0,
    memory_mb: int = 1024,
    disk_mb: int = 512,
    cell_timeout: float | None = 20.0,
    allow_read=(),
    force: bool = False,
    progress: Progress | None = None,
    on_protections=None,
    text=None,
) -> Batch:
    """Grade every submission of ``exercise`` under ``submissions`` into the folder ``out``.

    ``exercise`` is a name (``"ex00_practice"``), a path, or a loaded exercise. A cell still
    running after ``cell_timeout`` seconds is stopped and the notebook goes on with the next
    cell (``None``: no per-cell limit); ``timeout`` is the hard limit for the whole notebook.
    The children may read the kit's texts, the texts the exercise source loads, and the paths
    in ``allow_read``. An exercise with a parameters cell is graded on ``text`` (its own text
    when None): ``TEXT`` is set to it in every notebook, the questions not about it are
    skipped, and the checks that take their values from the solution get them from the
    source's solutions, run once in a confined child.
    """
    started = time.monotonic()
    if not hasattr(os, "fork"):
        raise GradingError(
            "kit grade runs each notebook in a forked, sandboxed process, which Windows "
            "cannot do. Run it in WSL (Windows Subsystem for Linux), on Linux or on macOS."
        )
    remove_stale()  # folders of earlier graders that were killed before they could clean up
    # The fork server starts first, in a fresh interpreter: it never sees the exercise.
    server = ForkServer()
    try:
        if isinstance(exercise, str | os.PathLike):
            from kit.exercises import load_exercise

            exercise = load_exercise(exercise)
        allow_read = _checked_reads(allow_read, exercise)
        texts = exercise_texts(exercise)
        choice = _graded_text(exercise, text, texts)
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        lock = _lock(out)
        staging = out / STATE / "unzipped"
        unattributed: list[str] = []
        found = find_submissions(Path(submissions), staging, skip=out, unattributed=unattributed)
        if choice is not None and text is None:  # released for another text? (an explicit
            from .class_text import check_class_text  # --text always wins)

            given = Path(submissions)
            check_class_text(choice, found, folder=given if given.is_dir() else given.parent)
        grader = Grader(
            exercise,
            out,
            server,
            workers=workers or default_workers(),
            timeout=timeout,
            memory_mb=memory_mb,
            disk_mb=disk_mb,
            cell_timeout=cell_timeout,
            texts=texts,
            allow_read=allow_read,
            text_name=choice.name if choice else None,
            text_files=_text_files_of(choice),
        )
        grader.choice = choice
        protections = grader.probe()
        if choice is not None:
            exercise = _on_text(grader, exercise, choice)
            grader.exercise = exercise
            protections["graded text"] = (
                f"{choice.slug} (“{choice.title}”), set as TEXT in every notebook"
            )
        protections["texts"] = texts.describe()
        if allow_read:
            protections["texts"] += "; also readable (--allow-read): " + ", ".join(allow_read)
        protections["time"] = _time_limits(timeout, cell_timeout)
        protections["disk"] = (
            f"files written capped at {disk_mb} MB per submission (checked twice a second)"
        )
        protections.update(_exposure(exercise, grader.read))
        if unattributed:
            protections["zip"] = "; ".join(unattributed[:20]) + (
                f" (and {len(unattributed) - 20} more)" if len(unattributed) > 20 else ""
            )
        sheet_problems: list[str] = []
        manual = reports.read_review(out / reports.REVIEW, sheet_problems)
        if on_protections:
            on_protections(protections)
        progress = progress or Progress(0, stream=None)
        progress.start(len(found))
        graded, ran = _run_all(grader, found, manual, force, progress)
        batch = Batch(
            exercise=exercise.name,
            max_points=exercise.max_points,
            graded=graded,
            protections=protections,
            out=out,
            seconds=round(time.monotonic() - started, 3),
            ran=ran,
            notes=sheet_problems + _pending(graded),
            text=choice.to_data() if choice else None,
        )
        reports.write_all(batch, exercise)
        lock.close()
        return batch
    finally:
        server.close()


def _graded_text(exercise, text, texts: TextAccess):
    """The text to grade on (a ``TextChoice``), made readable by the children; None for an
    exercise without a parameters cell (graded as it is)."""
    from kit.exercises.on_text import choose_text
    from kit.exercises.verify import no_parameters

    from .texts import text_access

    if exercise.default_text is None:
        if text is not None:
            raise GradingError(no_parameters(exercise))
        return None
    choice = choose_text(exercise.default_text if text is None else text, exercise=exercise)
    if not choice.seed:
        access = text_access([choice.name], source=Path(exercise.path), released=None)
        if access.problems:
            raise GradingError(f"cannot grade on {choice.name}: {access.problems[0]}.")
        texts.read.extend(f for f in access.read if f not in texts.read)
        if choice.name not in texts.found:
            texts.found.append(choice.name)
    return choice


def _text_files_of(choice) -> list[Path]:
    """The files of the graded text: its text, beside a ``text.txt`` its ``meta.toml``, and its
    material (fact sheet, keys, timeline): a changed fact sheet changes the grades."""
    from kit._material import material_files

    if choice is None or not choice.path:
        return []
    path = Path(choice.path)
    files = [path]
    if path.name == "text.txt":
        files.append(path.parent / "meta.toml")
    return files + material_files(path)


def _on_text(grader: Grader, exercise, choice):
    """The exercise on the graded text: skipped questions, values from the solutions (run once,
    in a confined child, only when a check needs them)."""
    from kit.exercises.on_text import for_text, needs_solution
    from kit.exercises.solve import SolutionRun, raise_for_errors, solution_cells

    needed = needs_solution(exercise, choice)
    if not needed:
        return for_text(exercise, choice)
    cells, owners = solution_cells(exercise, choice.name)
    outcome = grader.solutions(cells)
    stopped = ""
    if outcome["status"] in ("timeout", "memory", "crashed", "error"):
        stopped = outcome["reason"]
    errors = [dict(e, question=owners.get(e.get("cell"))) for e in outcome.get("errors", [])]
    for error in errors:
        if "timeout" in error:
            error["timeout"] = error.get("timeout") or grader.cell_timeout
    run = SolutionRun(outcome.get("answers", {}), errors, stopped)
    try:
        options = {
            "cell": f"kit grade --cell-timeout SECONDS (now {grader.cell_timeout or 0:g} s a cell)",
            "whole": f"--timeout SECONDS (now {grader.timeout:g} s the notebook)",
            "memory": f"kit grade --memory MB (now {grader.memory_mb} MB)",
        }
        raise_for_errors(exercise, run, repr(choice.slug), needed={*needed, None}, options=options)
        return for_text(exercise, choice, run.answers)
    except GradingError:
        raise
    except Exception as error:  # the kit's ExerciseFormatError: a problem of the source
        raise GradingError(f"cannot grade: {error}") from None


def set_text(cells: list[str], name: str) -> list[str]:
    r"""A notebook's code cells with ``TEXT`` set to ``name`` wherever the notebook sets it
    (at the top level of a cell); a notebook that never sets it gets it in its first cell.
    Only the assigned value is replaced: the rest of the line is the student's code.

    >>> set_text(['TEXT = "mine"\ndoc = kit.load(TEXT)', "q1 = 2"], "yomiuri-2024-04-06")
    ["TEXT = 'yomiuri-2024-04-06'\ndoc = kit.load(TEXT)", 'q1 = 2']
    >>> set_text(['import kit; TEXT = "mine"  # mine'], "oak")
    ["import kit; TEXT = 'oak'  # mine"]
    >>> set_text(["import kit"], "oak")
    ["TEXT = 'oak'\nimport kit"]
    """
    import ast
    import re

    value = repr(name)
    changed, found = [], False
    for source in cells:
        try:
            tree = ast.parse(source)
            top = [value for node in tree.body for value in _text_values(node)]
            # Nested ones too (`if True: TEXT = ...`): the class's text wherever it is set.
            nodes = [value for node in ast.walk(tree) for value in _text_values(node)]
        except (SyntaxError, ValueError, RecursionError, MemoryError):  # magics: line by line
            lines = source.split("\n")
            hits = [i for i, text in enumerate(lines) if re.match(r"TEXT\s*=(?!=)", text)]
            for i in hits:
                lines[i] = re.sub(r"^TEXT\s*=.*$", f"TEXT = {value}", lines[i])
            found = found or bool(hits)
            changed.append("\n".join(lines))
            continue
        found = found or bool(top)
        changed.append(_replace_values(source, nodes, value))
    if not found and changed:
        changed[0] = f"TEXT = {value}\n{changed[0]}"
    return changed


def _text_values(node) -> list:
    """The expressions a top-level statement assigns to ``TEXT`` (``TEXT = v``, ``TEXT: str =
    v``, ``TEXT = other = v``, ``TEXT, other = v, w``)."""
    import ast

    if isinstance(node, ast.AnnAssign):
        named = isinstance(node.target, ast.Name) and node.target.id == "TEXT"
        return [node.value] if named and node.value is not None else []
    if not isinstance(node, ast.Assign):
        return []
    if any(isinstance(t, ast.Name) and t.id == "TEXT" for t in node.targets):
        return [node.value]
    for target in node.targets:
        if (
            isinstance(target, ast.Tuple | ast.List)
            and isinstance(node.value, ast.Tuple | ast.List)
            and len(target.elts) == len(node.value.elts)
        ):
            return [
                value
                for t, value in zip(target.elts, node.value.elts, strict=True)
                if isinstance(t, ast.Name) and t.id == "TEXT"
            ]
    return []


def _replace_values(source: str, values: list, new: str) -> str:
    """``source`` with each expression node of ``values`` replaced by the text ``new`` (ast
    offsets count UTF-8 bytes within a line)."""
    lines = [line.encode("utf-8") for line in source.split("\n")]
    for node in sorted(values, key=lambda n: (n.lineno, n.col_offset), reverse=True):
        first, last = node.lineno - 1, node.end_lineno - 1
        head, tail = lines[first][: node.col_offset], lines[last][node.end_col_offset :]
        lines[first : last + 1] = [head + new.encode("utf-8") + tail]
    return "\n".join(line.decode("utf-8") for line in lines)


def _pending(graded: list[Graded]) -> list[str]:
    """A line saying how many answers still wait for the instructor's points."""
    waiting = sum(1 for item in graded for result in item.results if result["status"] == "manual")
    if not waiting:
        return []
    return [
        f"{waiting} answer{'s' if waiting != 1 else ''} await your points in "
        f"{reports.REVIEW} (graded by hand): fill in `points` and run kit grade again"
    ]


def _checked_reads(paths, exercise) -> list[str]:
    """``--allow-read`` paths, resolved; refused when missing or holding the exercise source."""
    source = getattr(exercise, "path", None)
    source = Path(source).resolve() if source else None
    checked = []
    for given in paths or ():
        path = Path(given).expanduser().resolve()
        if not path.exists():
            raise GradingError(f"--allow-read {given}: there is no such file or folder.")
        if source is not None and (source == path or source.is_relative_to(path)):
            raise GradingError(
                f"--allow-read {given} holds the exercise source ({source}): the graded "
                "notebooks could read the solutions. Allow a folder that holds only the texts."
            )
        checked.append(str(path))
    return checked


def _time_limits(timeout: float, cell_timeout: float | None) -> str:
    whole = f"the whole notebook is stopped after {timeout:g} s"
    if not cell_timeout or cell_timeout >= timeout:
        return f"{whole} (no separate limit per cell)"
    return (
        f"a cell still running after {cell_timeout:g} s is stopped and the next cell runs; {whole}"
    )


def _explain_stops(results: list[dict], outcome: dict, exercise, answers: dict) -> None:
    """Tell the student, in the question's feedback, when its cell was stopped at a limit."""
    cells_of = outcome.get("answer_cells") or {}
    for stop in outcome.get("stopped") or []:
        where, seconds = stop.get("cell"), stop.get("seconds")
        if not isinstance(where, int) or not isinstance(seconds, int | float):
            continue
        for question, result in zip(exercise.questions, results, strict=False):
            numbers = cells_of.get(question.variable) or []
            if not isinstance(numbers, list):
                continue
            cell = where if where in numbers else (numbers[0] if numbers else None)
            if cell == where and stop.get("whole"):
                line = (
                    f"The notebook was stopped after {seconds:g} s (the time limit) while the "
                    f"cell for this question (code cell {where}) was still running: an endless "
                    "loop? Nothing after it ran."
                )
            elif cell == where:
                line = (
                    f"The cell for this question (code cell {where}) was stopped after "
                    f"{seconds:g} s because it was still running: an endless loop? The grader "
                    "graded what it had set by then and went on with the next cells."
                )
            elif stop.get("whole") and isinstance(cell, int) and cell > where:
                if question.variable in answers:
                    continue
                line = (
                    f"Not graded: the notebook was stopped at its time limit ({seconds:g} s) in "
                    f"code cell {where}, before the cell for this question ran."
                )
            else:
                continue
            result["lines"].insert(0, line)


def _explain_errors(results: list[dict], outcome: dict, exercise) -> None:
    """An answer never assigned because its cell raised says so, not "still holds `...`"."""
    from kit.exercises.cell_errors import stopped_line

    cells_of = outcome.get("answer_cells") or {}
    errors = [e for e in outcome.get("errors") or [] if isinstance(e, dict) and "timeout" not in e]
    for question, result in zip(exercise.questions, results, strict=False):
        numbers = cells_of.get(question.variable) or []
        if result.get("status") != "missing" or not isinstance(numbers, list):
            continue
        error = next((e for e in reversed(errors) if e.get("cell") in numbers), None)
        if error is None:
            continue
        what = f"{error.get('type')}: {error.get('message')}".rstrip(": ")[:160]
        line = stopped_line(question.variable, what).replace(
            "your answer cell", f"your answer cell (code cell {error.get('cell')})"
        )
        result["lines"] = [line]


def _lock(out: Path):
    """Hold ``out`` for this run: two graders writing one folder would mix their reports."""
    import fcntl

    (out / STATE).mkdir(parents=True, exist_ok=True)
    handle = open(out / STATE / "lock", "w")  # noqa: SIM115  (held until the run ends)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise GradingError(
            f"another `kit grade` is writing to {out}; wait for it to finish, or give "
            "another --out folder."
        ) from None
    return handle


def _exposure(exercise, read: list[str]) -> dict[str, str]:
    """Warn when the exercise source sits inside a folder the children may read."""
    source = getattr(exercise, "path", None)
    if not source:
        return {}
    source = Path(source).resolve()
    for allowed in read:
        if source.is_relative_to(allowed):
            return {
                "exercise source": f"WARNING: {source} is inside {allowed}, which children may read"
            }
    return {"exercise source": f"not readable by the children ({source.parent})"}


def _run_all(grader: Grader, found, manual, force, progress):
    graded: dict[int, Graded] = {}
    to_run = []
    for index, submission in enumerate(found):
        content_hash = grader.content_hash(submission)
        saved = None if force else grader.cached(submission, content_hash)
        if saved is not None:
            item = grader.score(submission, saved, manual.get(_student_key(submission), {}))
            item.reused = True
            graded[index] = item
            progress.advance(item)
        else:
            to_run.append((index, submission, content_hash))
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=grader.workers)
    try:
        futures = {
            pool.submit(grader.run, submission, content_hash): (index, submission)
            for index, submission, content_hash in to_run
        }
        for future in concurrent.futures.as_completed(futures):
            index, submission = futures[future]
            try:
                outcome = future.result()
            except Exception as error:  # one submission never stops the batch
                outcome = _no_run("error", clean(f"{type(error).__name__}: {error}"))
            item = grader.score(submission, outcome, manual.get(_student_key(submission), {}))
            graded[index] = item
            progress.advance(item)
    except BaseException:
        grader.stopping = True
        pool.shutdown(wait=False, cancel_futures=True)
        grader.server.close()
        raise
    pool.shutdown()
    progress.finish()
    return [graded[i] for i in sorted(graded)], len(to_run)


def _student_key(submission: Submission) -> tuple[str, str]:
    return submission.student, submission.lms_id
