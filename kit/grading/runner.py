"""The grading child: run a student's code cells in a fresh namespace and report plain data.

The child gets only the student's cells and the names of the answer variables (never the
exercise, its solutions or its hidden checks). It runs the cells in order; a cell that raises
is recorded and the run goes on. After each cell it sends what changed among the answer
variables, as one line of JSON, so answers given before a crash or a timeout still count.

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
import sys
import types

MAX_ANSWER_BYTES = 4 * 2**20
MAX_OUTPUT_CHARS = 64 * 1024
_CELL_MAGICS_RUN = {"time", "capture", "timeit"}


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
    return {"cell": cell, "type": kind[:80], "message": message[:300], "line": line}


def run_cells(
    cells: list[str], namespace: dict, after_cell=None, notes=None, guard=None
) -> list[dict]:
    """Run ``cells`` in ``namespace`` in order; return one error record per failing cell.

    ``after_cell(index)`` is called after each cell (index from 1), errors or not; the
    grader's own steps run inside ``guard`` (a ``_Pristine``), the student's code outside.
    """
    guard = guard or _NoGuard()
    notes = [] if notes is None else notes
    shell = _Shell(namespace, notes)
    namespace.setdefault("__name__", "__main__")
    namespace.setdefault("__builtins__", builtins)
    namespace.setdefault("get_ipython", lambda: shell)
    namespace.setdefault("display", lambda *objects, **options: None)
    errors = []
    for index, source in enumerate(cells, start=1):
        code = None
        with guard:
            try:
                code = _compile_cell(source, f"<cell {index}>")
            except BaseException as error:
                errors.append(_describe_error(error, index))
        if code is not None:
            try:
                _exec(code, namespace)
            except BaseException as error:
                with guard:
                    errors.append(_describe_error(error, index))
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
        self._write = os.write
        self._dumps = json.dumps

    def send(self, message: dict) -> None:
        data = (self._dumps(message, allow_nan=True) + "\n").encode()
        view = memoryview(data)
        while view:
            written = self._write(self.fd, view)
            view = view[written:]

    def snapshot(self, cell: int) -> None:
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
        if changed:
            # Values travel pre-serialised so a hostile value is encoded exactly once.
            self.send({"cell": cell, "answers": changed})
        else:
            self.send({"cell": cell})


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

        def after_cell(index: int) -> None:
            with pristine:
                reporter.snapshot(index)
                close_figures()  # as in a notebook: each cell draws on a new figure

        reporter.send({"protections": protections})
        notes: list[str] = []
        errors = run_cells(spec["cells"], namespace, after_cell, notes, pristine)
        with pristine:
            reporter.send(
                {
                    "done": True,
                    "errors": errors,
                    "problems": reporter.problems,
                    "notes": notes,
                    "output_bytes": sink.size,
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
