"""Scratch folders of the grader, marked with their owner so a later run can clear the ones a
killed grader left behind.

>>> import os
>>> folder = make_scratch("kit-grade-doc-")
>>> owner_alive(folder)
True
>>> import shutil; shutil.rmtree(folder)
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

MARKER = ".kit-grade-owner"
PREFIXES = ("kit-grade-", "kit-grading-server-")


def _started(pid: int) -> str:
    """The process's start time in clock ticks (tells a reused PID apart), or "" if unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[19].decode()
    except (OSError, IndexError):
        return ""


def make_scratch(prefix: str) -> Path:
    """A new temporary folder whose marker names this process as its owner."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    mark_owner(folder)
    return folder


def mark_owner(folder) -> None:
    """Record this process as the owner of ``folder``."""
    pid = os.getpid()
    with contextlib.suppress(OSError):
        Path(folder, MARKER).write_text(f"{pid} {_started(pid)}\n", encoding="ascii")


def owner_alive(folder) -> bool | None:
    """Whether the process that made ``folder`` still runs (None: no readable marker)."""
    try:
        pid_text, _, started = Path(folder, MARKER).read_text(encoding="ascii").partition(" ")
        pid = int(pid_text)
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: alive
    started = started.strip()
    return not started or _started(pid) in ("", started)


def remove_stale(scratch=None) -> int:
    """Delete this user's grader folders whose owner is gone; return how many."""
    from .batch import remove_tree

    scratch = Path(scratch or tempfile.gettempdir())
    removed = 0
    try:
        entries = list(os.scandir(scratch))
    except OSError:
        return 0
    for entry in entries:
        if not entry.name.startswith(PREFIXES):
            continue
        try:
            if not entry.is_dir(follow_symlinks=False) or entry.stat().st_uid != os.getuid():
                continue
        except OSError:
            continue
        if owner_alive(entry.path) is False:
            remove_tree(entry.path)
            removed += 1
    return removed
