"""A fork server: one fresh interpreter that preloads pandas, nltk, matplotlib and kit, then
forks a confined child per submission, so a submission costs its own work, not start-up.

The server is started as a new interpreter (``python -m kit.grading.forkserver``) before the
grader loads the exercise, so neither it nor its children ever hold the answer key. It times
each child, kills its whole process group at the deadline, reaps it and reports how it ended.
When the grader goes away (normal exit, Ctrl-C, SIGTERM, even SIGKILL) the server's socket
closes and it kills every child before it exits; a child whose server dies is killed by the
kernel (parent-death signal).

>>> server = ForkServer()          # doctest: +SKIP
>>> outcome = server.run(job)      # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from kit.errors import GradingError

MAX_RESULT_BYTES = 32 * 2**20
# One line of the result pipe holds at most one answer (``runner.MAX_ANSWER_BYTES`` of ASCII
# JSON, at most doubled by escaping) or a few small things. JSON turns into Python objects about
# 20 times its size, so a line's structure is counted before it is parsed, and over the whole
# run too: a cell that finds the pipe can write anything to it.
MAX_LINE_BYTES = 2 * 4 * 2**20 + 2**16
MAX_LINE_VALUES = 20_000
MAX_RUN_VALUES = 400_000
_PRELOAD = (
    "numpy",
    "pandas",
    "nltk",
    "matplotlib",
    "matplotlib.pyplot",
    "IPython.core.inputtransformer2",
    "kit",
    "kit.exercises",
)


# --- the server (runs in its own interpreter) -----------------------------------------------


def _preload() -> list[str]:
    import importlib

    loaded = []
    for name in _PRELOAD:
        try:
            importlib.import_module(name)
            loaded.append(name)
        except Exception:
            continue
    try:
        import kit

        kit.load("yomiuri-2024-04-06")  # warms the word lists and the sentence splitter
    except Exception:
        pass
    try:
        _warm_up()
        loaded.append("warm-up")
    except Exception:
        pass
    return loaded


def _warm_up() -> None:
    """Run once what most notebooks run, so each child finds it done: the lazy imports and
    first-call caches of pandas, plotting and ``to_plain`` (no exercise is involved)."""
    import matplotlib.pyplot as plt

    import kit
    from kit.exercises import to_plain

    doc = kit.load("yomiuri-2024-04-06")
    sentences, words = doc.sentences, doc.words
    table = sentences.groupby("paragraph").size().reset_index(name="sentences")
    merged = words.merge(sentences[["sentence_id", "paragraph"]], on="sentence_id")
    picked = sentences[sentences.text.str.contains("may")][["sentence_id", "text"]]
    bars = table.plot.bar(x="paragraph", y="sentences", legend=False, title="Sentences")
    bars.set_xlabel("Paragraph")
    bars.set_ylabel("Sentences")
    bars.figure.canvas.draw()
    for value in (table, picked, merged.groupby("paragraph").size(), bars, bars.figure):
        to_plain(value)
    plt.close("all")
    line = words.groupby("sentence_id").size().plot(title="Words")
    to_plain(line)
    plt.close("all")


def serve(fd: int) -> None:
    """Serve fork requests on the SEQPACKET socket ``fd`` until it closes."""
    from . import isolation, runner

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the grader decides when to stop
    loaded = _preload()
    gc.freeze()  # the preloaded objects stay out of the children's collections: fewer copied pages
    # RLIMIT_NPROC counts every task of the uid: children dropped to "nobody" share it, a
    # normal user's own processes count too. seccomp is what stops forks; this is a backstop.
    nproc = 256 if os.geteuid() == 0 else isolation.user_task_count() + 256
    channel = socket.socket(fileno=fd)
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_read, False)
    os.set_blocking(wake_write, False)
    signal.signal(signal.SIGCHLD, lambda *args: None)
    signal.set_wakeup_fd(wake_write)
    me = os.getpid()
    children: dict[int, dict] = {}  # pid → id, deadline, killed (why), started, root, limit

    def send(message: dict) -> None:
        with contextlib.suppress(OSError):
            channel.send(json.dumps(message).encode())

    send({"ready": True, "pid": me, "preloaded": loaded})
    try:
        while True:
            now = time.monotonic()
            deadlines = [c["deadline"] - now for c in children.values() if not c["killed"]]
            if deadlines:
                deadlines.append(_DISK_CHECK_SECONDS)
            wait = max(0.0, min(deadlines)) if deadlines else None
            readable, _, _ = select.select([channel, wake_read], [], [], wait)
            if channel in readable:
                data, fds, _flags, _addr = socket.recv_fds(channel, 65536, 1)
                if not data:
                    break
                message = json.loads(data)
                if message.get("job"):
                    job = message["job"]
                    job["nproc"] = nproc
                    pid = os.fork()
                    if pid == 0:
                        try:
                            signal.set_wakeup_fd(-1)
                            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                            signal.signal(signal.SIGINT, signal.SIG_DFL)
                            channel.close()
                            os.close(wake_read)
                            os.close(wake_write)
                            runner.child_main(job, fds[0], me)
                        finally:
                            os._exit(70)
                    with contextlib.suppress(OSError):
                        os.setpgid(pid, pid)
                    for descriptor in fds:
                        os.close(descriptor)
                    children[pid] = {
                        "id": job["id"],
                        "deadline": time.monotonic() + job["timeout"],
                        "killed": "",
                        "started": time.monotonic(),
                        "root": job["root"],
                        "disk_bytes": job.get("disk_bytes"),
                    }
                    send({"started": job["id"], "pid": pid})
                elif message.get("stop"):
                    for pid, child in children.items():
                        if child["id"] == message["stop"]:
                            _kill_group(pid)
            if wake_read in readable:
                try:
                    while os.read(wake_read, 512):
                        pass
                except BlockingIOError:
                    pass
            _reap(children, send)
            now = time.monotonic()
            for pid, child in children.items():
                if child["killed"]:
                    continue
                if now >= child["deadline"]:
                    child["killed"] = "timeout"
                elif child["disk_bytes"] and _too_big(child["root"], child["disk_bytes"]):
                    child["killed"] = "disk"
                if child["killed"]:
                    _kill_group(pid)
    finally:
        for pid in list(children):
            _kill_group(pid)
        for pid in list(children):
            with contextlib.suppress(OSError):
                os.waitpid(pid, 0)


_DISK_CHECK_SECONDS = 0.2
_MAX_ENTRIES = 20_000
_MAX_DEPTH = 64  # deeper, paths outgrow what the checks (and most tools) can open


def _too_big(root: str, limit: int) -> bool:
    """Whether a child's folder holds more than ``limit`` bytes (or absurdly many files, or
    folders nested absurdly deep, which would hide their files from this count)."""
    total, entries, stack = 0, 0, [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as scan:
                for entry in scan:
                    entries += 1
                    if entries > _MAX_ENTRIES:
                        return True
                    if entry.is_dir(follow_symlinks=False):
                        if depth >= _MAX_DEPTH:
                            return True
                        stack.append((entry.path, depth + 1))
                    else:
                        total += entry.stat(follow_symlinks=False).st_blocks * 512
                    if total > limit:
                        return True
        except OSError:
            continue
    return False


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        with contextlib.suppress(OSError):
            kill(pid, signal.SIGKILL)


def _reap(children: dict, send) -> None:
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        child = children.pop(pid, None)
        if child is None:
            continue
        _kill_group(pid)  # anything it left in its group goes too
        send(
            {
                "exited": child["id"],
                "code": os.waitstatus_to_exitcode(status),
                "timed_out": child["killed"] == "timeout",
                "disk": child["killed"] == "disk",
                "seconds": round(time.monotonic() - child["started"], 3),
            }
        )


# --- the client (runs in the grader) ---------------------------------------------------------


@dataclass
class ChildRun:
    """How one child went: the messages it sent and how its process ended."""

    messages: list[dict] = field(default_factory=list)
    exit_code: int | None = None
    timed_out: bool = False
    disk: bool = False  # killed for writing too much
    seconds: float = 0.0
    too_large: bool = False
    lost: str = ""  # set when the fork server itself failed


class ForkServerError(GradingError):
    """The fork server could not start or stopped answering."""


class _Pending:
    def __init__(self):
        self.started = threading.Event()
        self.exited = threading.Event()
        self.pid = None
        self.exit: dict = {}


class ForkServer:
    """Start the preloaded fork server; ``run(job)`` forks one confined child and waits for it."""

    def __init__(self, env: dict | None = None, start_timeout: float = 120.0):
        from .scratch import make_scratch

        self._home = str(make_scratch("kit-grading-server-"))
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        kit_parent = str(Path(__file__).resolve().parents[2])
        python_path = os.pathsep.join(p for p in (kit_parent, os.environ.get("PYTHONPATH")) if p)
        # Only what Python, the kit and the locale need: the children must not see the
        # instructor's environment (tokens, passwords) and echo it into a feedback page.
        environment = {
            **{name: value for name, value in os.environ.items() if _passes(name)},
            **(env or {}),
            "KIT_GRADING": "1",
            "MPLBACKEND": "Agg",
            "MPLCONFIGDIR": os.path.join(self._home, "matplotlib"),
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONPATH": python_path,
        }
        self.matplotlib_dir = environment["MPLCONFIGDIR"]
        self._log = open(os.path.join(self._home, "server.log"), "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kit.grading.forkserver", str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            env=environment,
            cwd=self._home,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
        )
        theirs.close()
        self._channel = ours
        self._send_lock = threading.Lock()
        self._pending: dict[str, _Pending] = {}
        self._ready = threading.Event()
        self._closed = False
        self.info: dict = {}
        self._start_timeout = start_timeout
        self._reader = threading.Thread(target=self._listen, daemon=True)
        self._reader.start()

    def wait_ready(self) -> dict:
        """Block until the server has preloaded its modules; return its hello message."""
        if not self._ready.wait(self._start_timeout) or not self.info:
            raise ForkServerError(
                "the grading process could not start. Its last words:\n"
                + (self._log_tail() or "(none)")
            )
        return self.info

    def _log_tail(self) -> str:
        try:
            return Path(self._home, "server.log").read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def _listen(self) -> None:
        while True:
            try:
                data = self._channel.recv(65536)
            except OSError:
                data = b""
            if not data:
                break
            message = json.loads(data)
            if message.get("ready"):
                self.info = message
                self._ready.set()
            elif "started" in message:
                pending = self._pending.get(message["started"])
                if pending:
                    pending.pid = message["pid"]
                    pending.started.set()
            elif "exited" in message:
                pending = self._pending.get(message["exited"])
                if pending:
                    pending.exit = message
                    pending.exited.set()
        self._ready.set()
        for pending in list(self._pending.values()):
            pending.exit = pending.exit or {"lost": "the grading fork server stopped"}
            pending.started.set()
            pending.exited.set()

    def run(self, job: dict) -> ChildRun:
        """Fork a child for ``job`` (see ``runner.child_main``); collect its messages."""
        self.wait_ready()
        pending = self._pending[job["id"]] = _Pending()
        read_end, write_end = os.pipe()
        try:
            with self._send_lock:
                socket.send_fds(self._channel, [json.dumps({"job": job}).encode()], [write_end])
        except OSError as error:
            os.close(read_end)
            raise ForkServerError(f"the grading fork server stopped: {error}") from error
        finally:
            os.close(write_end)
        try:
            run = self._collect(read_end, pending, job)
        finally:
            os.close(read_end)
            self._pending.pop(job["id"], None)
        return run

    def _collect(self, read_end: int, pending: _Pending, job: dict) -> ChildRun:
        run = ChildRun()
        buffer = bytearray()
        total, budget = 0, MAX_RUN_VALUES
        os.set_blocking(read_end, False)
        grace_until = None
        while True:
            ready, _, _ = select.select([read_end], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(read_end, 1 << 16)
                except BlockingIOError:
                    continue
                if not chunk:
                    break
                total += len(chunk)
                if total > MAX_RESULT_BYTES:
                    run.too_large = True
                    self._stop(job["id"])
                    break
                buffer += chunk
                *lines, rest = buffer.split(b"\n")
                buffer = bytearray(rest)
                for line in lines:
                    values = structure_count(line)
                    budget -= values
                    if len(line) > MAX_LINE_BYTES or values > MAX_LINE_VALUES or budget < 0:
                        break
                    message = _parse_line(line)
                    if message is not None:
                        run.messages.append(message)
                else:
                    if len(buffer) <= MAX_LINE_BYTES:
                        continue
                run.too_large = True
                self._stop(job["id"])
                break
            elif pending.exited.is_set():
                # The child is gone; a descendant it left could still hold the pipe open.
                grace_until = grace_until or time.monotonic() + 1.0
                if time.monotonic() > grace_until:
                    break
        pending.exited.wait(job["timeout"] + 30)
        exit_info = pending.exit
        run.exit_code = exit_info.get("code")
        run.timed_out = bool(exit_info.get("timed_out"))
        run.disk = bool(exit_info.get("disk"))
        run.seconds = float(exit_info.get("seconds", 0.0))
        run.lost = exit_info.get("lost", "")
        return run

    def _stop(self, job_id: str) -> None:
        try:
            with self._send_lock:
                self._channel.send(json.dumps({"stop": job_id}).encode())
        except OSError:
            pass

    def close(self) -> None:
        """Stop the server and every child it still runs. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(OSError):
            self._channel.shutdown(socket.SHUT_RDWR)
        self._channel.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()
        import shutil

        shutil.rmtree(self._home, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_ENVIRONMENT = {"PATH", "LANG", "LANGUAGE", "TZ", "TMPDIR", "VIRTUAL_ENV", "NLTK_DATA"}


def _passes(name: str) -> bool:
    """Whether an environment variable of the grader's is passed on to the children."""
    return name in _ENVIRONMENT or name.startswith(("LC_", "KIT_"))


_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')


def structure_count(line: bytes) -> int:
    """An upper bound on the values a JSON line makes outside its strings (each needs a comma,
    colon, ``[`` or ``{``), plus one for the line itself.

    >>> structure_count(b'{"answers": {"q1": "[1, 2, 3]"}, "x": [[], []]}')
    11
    """
    bare = _STRING.sub(b"", line)
    return 1 + sum(bare.count(mark) for mark in (b",", b":", b"[", b"{"))


# What a child may send, each with the type it must have; anything else is dropped.
_MESSAGE_KEYS = {
    "cell": int,
    "answers": dict,
    "errors": list,
    "protections": dict,
    "done": bool,
    "problems": dict,
    "notes": list,
    "output_bytes": int,
    "internal": str,
    "texts": list,  # the slugs of the texts the notebook held at the end
}


def _parse_line(line: bytes) -> dict | None:
    try:
        message = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if not isinstance(message, dict):
        return None
    kept = {
        key: value
        for key, value in message.items()
        if key in _MESSAGE_KEYS and type(value) is _MESSAGE_KEYS[key]
    }
    if "answers" in kept:
        kept["answers"] = {
            name: text
            for name, text in kept["answers"].items()
            if isinstance(text, str) and len(text) <= MAX_LINE_BYTES // 2
        }
    return kept or None


if __name__ == "__main__":
    serve(int(sys.argv[1]))
