"""Leave nothing running: every process the benchmark starts is found and stopped at the end.

The benchmark becomes a *child subreaper* (Linux ``prctl``), so a grandchild whose parent died
(a Jupyter kernel is started in its own session) is re-parented to us rather than to init, and
``stop_descendants()`` can still find it. Each tool runs in its own process group, and a
SIGTERM becomes a normal exit so the ``finally`` blocks that remove temporary folders run.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time

_PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> bool:
    """Adopt orphaned descendants (Linux); False where the OS has no such thing."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def exit_on_sigterm() -> None:
    """Turn SIGTERM (and SIGHUP) into SystemExit, so cleanup code runs as on Ctrl-C."""

    def _exit(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, _exit)
    signal.signal(signal.SIGHUP, _exit)


def _children_by_parent() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def descendants(pid: int | None = None) -> list[int]:
    """Every live process below ``pid`` (default: this process)."""
    if not os.path.isdir("/proc"):
        return []
    tree = _children_by_parent()
    found, todo = [], [pid or os.getpid()]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def stop_descendants(grace: float = 2.0) -> int:
    """SIGTERM, then SIGKILL, every descendant; reap them. Returns how many were running."""
    pids = descendants()
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and _reap_and_list(pids):
        time.sleep(0.05)
    for pid in _reap_and_list(pids):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    time.sleep(0.05)
    _reap_and_list(pids)
    return len(pids)


def _reap_and_list(pids: list[int]) -> list[int]:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            break
    live = descendants()
    return [pid for pid in pids if pid in live]


def run_timed(command: list[str], *, log_path, env=None, cwd=None, preexec_fn=None) -> tuple:
    """Run ``command`` in its own process group, output to ``log_path``.

    Returns (seconds, exit code). If we are interrupted, the whole group is killed first.
    """
    with open(log_path, "wb") as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=cwd,
            start_new_session=True,
            preexec_fn=preexec_fn,
        )
        try:
            code = process.wait()
        except BaseException:
            _stop_group(process)
            raise
        return time.perf_counter() - start, code


def _stop_group(process: subprocess.Popen, grace: float = 3.0) -> None:
    """SIGTERM the process group (the tool stops its own children), SIGKILL what is left."""
    for signum in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signum)
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue
