"""The grading child: run a student's code cells in a fresh namespace and report plain data.

The child gets only the student's cells and the names of the answer variables (never the
exercise, its solutions or its hidden checks). It runs the cells in order; a cell that raises
is recorded and the run goes on; so is a cell still running at the per-cell time limit
(``CellTimeout``, raised by a SIGALRM timer). After each cell it sends what changed among the
answer variables, as one line of JSON, so answers given before a crash or a timeout still count.
The fork server's kill at the whole-submission limit stays the backstop for a cell that catches
or ignores the alarm, or spends its time inside one long C call that never checks for signals.

>>> namespace = {}
>>> errors = run_cells(["x = 1", "y = x +", "%matplotlib inline\\nz = x * 2"], namespace)
>>> namespace["x"], namespace["z"], [(error["cell"], error["type"]) for error in errors]
(1, 2, [(2, 'SyntaxError')])
"""

from __future__ import annotations

import builtins
import contextlib
import io
import json
import os
import signal
import sys
import time
import types

MAX_ANSWER_BYTES = 4 * 2**20
MAX_OUTPUT_CHARS = 64 * 1024
_CELL_MAGICS_RUN = {"time", "capture", "timeit"}
_REPEAT_SECONDS = 1.0  # after the first alarm, again every second: a caught one is not the end


class CellTimeout(BaseException):
    """Raised inside a student's cell that runs past the per-cell time limit.

    A ``BaseException``, like ``KeyboardInterrupt``: ``except Exception`` does not swallow it.
    """


class CellTimer:
    """Arms SIGALRM around one cell; the alarm raises ``CellTimeout`` only in the student's code.

    The handler looks at the interrupted frames: it raises only when a frame of a student's cell
    (file name ``<cell ...>``) is among them, so an alarm that lands in the grader's own steps
    (recording an error, reporting answers) is ignored instead of breaking them.

    >>> timer = CellTimer(0.05)
    >>> timer.arm()
    >>> try:
    ...     exec(compile("while True: pass", "<cell 1>", "exec"))
    ... except CellTimeout:
    ...     print("stopped")
    ... finally:
    ...     timer.disarm()
    stopped
    """

    def __init__(self, seconds: float | None):
        self.seconds = seconds if seconds and seconds > 0 else None
        self.fired = False
        self.started = 0.0
        # The student may patch the signal and time modules: keep the originals.
        self._setitimer = signal.setitimer
        self._signal = signal.signal
        self._unblock = getattr(signal, "pthread_sigmask", None)
        self._clock = time.monotonic

    def _alarm(self, signum, frame) -> None:
        # No "armed" flag to consult (a cell could reach this object and clear it): disarm
        # stops the itimer, and an alarm that lands outside a cell's frames is ignored.
        while frame is not None:
            if frame.f_code.co_filename.startswith("<cell"):
                self.fired = True
                raise CellTimeout(self.elapsed())
            frame = frame.f_back

    def elapsed(self) -> float:
        """Seconds since the cell started."""
        return self._clock() - self.started

    def arm(self) -> None:
        """Start the clock for one cell (re-installing the handler the student may have moved)."""
        self.fired = False
        self.started = self._clock()
        if self.seconds is None:
            return
        try:
            self._signal(signal.SIGALRM, self._alarm)
        except Exception:  # not the main thread: no handler, so no alarm (it would kill us)
            return
        if self._unblock is not None:  # an earlier cell may have blocked SIGALRM
            with contextlib.suppress(Exception):
                self._unblock(signal.SIG_UNBLOCK, {signal.SIGALRM})
        with contextlib.suppress(Exception):
            self._setitimer(signal.ITIMER_REAL, self.seconds, _REPEAT_SECONDS)

    def disarm(self) -> None:
        """Stop the clock (an alarm already on its way finds no cell running: ignored)."""
        if self.seconds is not None:
            with contextlib.suppress(Exception):
                self._setitimer(signal.ITIMER_REAL, 0)


class _CappedSink(io.RawIOBase):
    """Bytes the student prints: keeps the first ``limit``, counts the rest."""

    def __init__(self, limit: int = MAX_OUTPUT_CHARS):
        self.kept = bytearray()
        self.size = 0
        self.limit = limit

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        size = len(data)
        if len(self.kept) < self.limit:
            self.kept += bytes(data[: self.limit - len(self.kept)])
        self.size += size
        return size


def capped_output(limit: int = MAX_OUTPUT_CHARS):
    """A text stream for ``sys.stdout``: fast (buffered in C), capped, never blocking.

    >>> stream, sink = capped_output(limit=5)
    >>> print("hello world", file=stream); stream.flush()
    >>> bytes(sink.kept), sink.size
    (b'hello', 12)
    """
    sink = _CappedSink(limit)
    buffered = io.BufferedWriter(sink, buffer_size=1 << 16)
    return io.TextIOWrapper(buffered, encoding="utf-8", errors="replace"), sink


class _Pristine:
    """Puts back the modules the grader relies on (builtins, json, to_plain's module) while
    it reads the answers, then gives the student's patched versions back.

    Uses only dict methods and views on the way in: the student's builtins may be broken.
    """

    def __init__(self, modules):
        self.pairs = [(vars(m), dict(vars(m)), {}) for m in modules if m is not None]

    def __enter__(self):
        for current, saved, theirs in self.pairs:
            theirs.clear()
            theirs.update(current)
            for key in current.keys() - saved.keys():
                current.pop(key)
            current.update(saved)

    def __exit__(self, *exc):
        for current, _saved, theirs in self.pairs:
            for key in current.keys() - theirs.keys():
                current.pop(key)
            current.update(theirs)


class _NoGuard:
    def __enter__(self):
        pass

    def __exit__(self, *exc):
        pass


_exec = exec


class _Shell:
    """What ``get_ipython()`` returns in a graded child: magics and shell commands are inert."""

    def __init__(self, namespace: dict, notes: list[str]):
        self.user_ns = namespace
        self.notes = notes

    def run_line_magic(self, name, line, *args, **kwargs):
        if name == "time" and line.strip():
            return eval(compile(line, "<magic>", "eval"), self.user_ns)
        self._skip(f"%{name}")
        return None

    def run_cell_magic(self, name, line, cell, *args, **kwargs):
        if name in _CELL_MAGICS_RUN:
            exec(compile(_transform(cell), "<cell magic>", "exec"), self.user_ns)
        else:
            self._skip(f"%%{name}")

    def system(self, command, *args, **kwargs):
        self._skip("!" + str(command)[:40])

    def getoutput(self, command, *args, **kwargs):
        self._skip("!" + str(command)[:40])
        return []

    def _skip(self, what: str) -> None:
        note = f"skipped {what} (magics and shell commands do not run while grading)"
        if note not in self.notes:
            self.notes.append(note)

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


_transformer = None


def _transform(source: str) -> str:
    """IPython syntax (magics, ``!cmd``, ``obj?``) to plain Python; dropped without IPython."""
    global _transformer
    if _transformer is None:
        try:
            from IPython.core.inputtransformer2 import TransformerManager

            _transformer = TransformerManager()
        except ImportError:
            _transformer = False
    if _transformer:
        try:
            return _transformer.transform_cell(source)
        except Exception:
            pass
    lines = []
    for line in source.splitlines():
        stripped = line.lstrip()
        lines.append("pass" if stripped.startswith(("%", "!")) else line)
    return "\n".join(lines) + "\n"


def _compile_cell(source: str, name: str):
    """Plain Python compiles as it is; only a cell that is not runs through IPython's
    transformer (magics, ``!cmd``), which costs far more than compiling."""
    try:
        return compile(source, name, "exec")
    except SyntaxError:
        return compile(_transform(source), name, "exec")


def _timed_out(cell: int, seconds: float, line, caught: bool = False) -> dict:
    if caught:
        message = (
            f"still running after {seconds:.1f} s (the cell time limit); it caught the stop "
            "and went on"
        )
    else:
        message = (
            f"stopped after {seconds:.1f} s, still running at the cell time limit (an endless "
            "loop?); the grader went on with the next cell"
        )
    return {
        "cell": cell,
        "type": "CellTimeout",
        "message": message,
        "line": line,
        "timeout": round(seconds, 1),
    }


def _describe_error(error: BaseException, cell: int) -> dict:
    kind = type(error).__name__
    if isinstance(error, SystemExit):
        message = "the cell called sys.exit() or exit(); the grader went on with the next cell"
    elif isinstance(error, KeyboardInterrupt):
        message = "the cell raised KeyboardInterrupt; the grader went on with the next cell"
    elif isinstance(error, MemoryError):
        message = "the cell ran out of memory (the grader's memory limit)"
    else:
        try:
            message = str(error).splitlines()[0] if str(error) else ""
        except BaseException:
            message = "(the error's message could not be read)"
    line = None
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == f"<cell {cell}>":
            line = tb.tb_lineno
        tb = tb.tb_next
    if isinstance(error, SyntaxError) and error.lineno:
        line = error.lineno
    if isinstance(error, CellTimeout):
        seconds = error.args[0] if error.args and isinstance(error.args[0], float) else 0.0
        return _timed_out(cell, seconds, line)
    return {"cell": cell, "type": kind[:80], "message": message[:300], "line": line}


def _loaded_texts(namespace: dict) -> list[str]:
    """The slugs of the texts (kit Documents) the notebook holds at the end, so the grader can
    tell a notebook that loaded another text than the class's (``globals()["TEXT"] = ...``,
    ``kit.load("a-literal")``)."""
    try:
        from kit.document import Document

        slugs = []
        for value in list(namespace.values())[:10_000]:
            if type(value) is Document:
                slug = object.__getattribute__(value, "slug")
                if type(slug) is str and slug[:100] not in slugs:
                    slugs.append(slug[:100])
        return slugs[:10]
    except BaseException:
        return []


def run_cells(
    cells: list[str],
    namespace: dict,
    after_cell=None,
    notes=None,
    guard=None,
    cell_timeout=None,
    errors=None,
) -> list[dict]:
    """Run ``cells`` in ``namespace`` in order; return one error record per failing cell.

    ``after_cell(index)`` is called after each cell (index from 1), errors or not; the
    grader's own steps run inside ``guard`` (a ``_Pristine``), the student's code outside.
    A cell still running after ``cell_timeout`` seconds is stopped (``CellTimeout``), recorded
    with ``"timeout"`` in its error, and the next cell runs. ``errors`` (a list) is filled as
    the cells run, so ``after_cell`` can report them at once.
    """
    timer = CellTimer(cell_timeout)
    guard = guard or _NoGuard()
    notes = [] if notes is None else notes
    shell = _Shell(namespace, notes)
    namespace.setdefault("__name__", "__main__")
    namespace.setdefault("__builtins__", builtins)
    namespace.setdefault("get_ipython", lambda: shell)
    namespace.setdefault("display", lambda *objects, **options: None)
    errors = [] if errors is None else errors
    for index, source in enumerate(cells, start=1):
        code = None
        with guard:
            try:
                code = _compile_cell(source, f"<cell {index}>")
            except BaseException as error:
                errors.append(_describe_error(error, index))
        if code is not None:
            try:
                timer.arm()
                _exec(code, namespace)
                timer.disarm()
            except BaseException as error:
                timer.disarm()
                with guard:
                    errors.append(_describe_error(error, index))
            else:
                if timer.fired:  # the cell caught the alarm and finished late
                    with guard:
                        errors.append(_timed_out(index, timer.elapsed(), None, caught=True))
        if after_cell is not None:
            after_cell(index)
    return errors


class _Reporter:
    """Writes changed answers after each cell, one JSON line per message, to the result pipe."""

    def __init__(self, fd: int, variables: list[str], namespace: dict, to_plain):
        self.fd = fd
        self.variables = variables
        self.namespace = namespace
        self.to_plain = to_plain
        self.sent: dict[str, str] = {}
        self.problems: dict[str, str] = {}
        self.errors_sent = 0
        self._write = os.write
        self._dumps = json.dumps

    def send(self, message: dict) -> None:
        data = (self._dumps(message, allow_nan=True) + "\n").encode()
        view = memoryview(data)
        while view:
            written = self._write(self.fd, view)
            view = view[written:]

    def snapshot(self, cell: int, errors: list[dict] = ()) -> None:
        """Send the answers that changed in ``cell`` and the errors recorded since last time
        (a notebook killed later at the whole limit keeps them)."""
        new_errors = list(errors[self.errors_sent :])
        self.errors_sent = len(errors)
        changed = {}
        for name in self.variables:
            if name not in self.namespace:
                continue
            try:
                text = self._dumps(self.to_plain(self.namespace[name]), allow_nan=True)
            except BaseException as error:
                self.problems[name] = f"its value could not be read ({type(error).__name__})"
                continue
            if len(text) > MAX_ANSWER_BYTES:
                self.problems[name] = "its value is too large to grade"
                continue
            self.problems.pop(name, None)
            if self.sent.get(name) != text:
                self.sent[name] = text
                changed[name] = text
        # Values travel pre-serialised so a hostile value is encoded exactly once, one answer a
        # line: the parent refuses longer lines (``forkserver.MAX_LINE_BYTES``).
        for name, text in changed.items():
            self.send({"cell": cell, "answers": {name: text}})
        message: dict = {"cell": cell}
        if new_errors:
            message["errors"] = new_errors
        self.send(message)


def child_main(job: dict, result_fd: int, parent_pid: int) -> None:
    """Entry point of a forked child: confine, run the cells, report, exit. Never returns."""
    from . import isolation

    code = 0
    try:
        with open(os.path.join(job["root"], "job.json"), encoding="utf-8") as handle:
            spec = json.load(handle)
        os.chmod(job["root"], 0o711)  # the unprivileged child must reach its copy
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        protections = isolation.confine(
            read=job["read"],
            write=[job["work"], job["tmp"]],
            memory_mb=job["memory_mb"],
            timeout=job["timeout"],
            parent_pid=parent_pid,
            nproc=job.get("nproc", 64),
        )
        output, sink = capped_output()
        sys.stdout = sys.stderr = output
        sys.stdin = io.StringIO("")
        os.chdir(job["work"])
        os.environ.update(HOME=job["work"], TMPDIR=job["tmp"], KIT_GRADING="1")
        import tempfile

        tempfile.tempdir = job["tmp"]
        sys.path.insert(0, job["work"])
        sys.argv = ["notebook.ipynb"]
        main = types.ModuleType("__main__")
        sys.modules["__main__"] = main
        namespace = main.__dict__
        reporter = _Reporter(result_fd, spec["variables"], namespace, _to_plain())
        close_figures = _figure_closer()
        pristine = _Pristine(
            [
                builtins,
                json,
                sys.modules.get("json.encoder"),
                sys.modules.get("kit.exercises.plain"),
            ]
        )

        errors: list[dict] = []

        def after_cell(index: int) -> None:
            with pristine:
                reporter.snapshot(index, errors)
                close_figures()  # as in a notebook: each cell draws on a new figure

        reporter.send({"protections": protections})
        notes: list[str] = []
        run_cells(
            spec["cells"], namespace, after_cell, notes, pristine, job.get("cell_timeout"), errors
        )
        with pristine:
            reporter.send(
                {
                    "done": True,
                    "errors": errors,
                    "problems": reporter.problems,
                    "notes": notes,
                    "output_bytes": sink.size,
                    "texts": _loaded_texts(namespace),
                }
            )
    except BaseException:
        code = 70
        try:
            import traceback

            detail = traceback.format_exc()[-2000:]
            os.write(result_fd, (json.dumps({"internal": detail}) + "\n").encode())
        except BaseException:
            pass
    os._exit(code)


def _figure_closer():
    pyplot = sys.modules.get("matplotlib.pyplot")
    close = getattr(pyplot, "close", None)

    def close_all() -> None:
        if close is not None:
            with contextlib.suppress(BaseException):
                close("all")

    return close_all


def _to_plain():
    from kit.exercises import to_plain

    return to_plain
