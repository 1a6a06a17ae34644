"""A progress bar for the terminal, and plain lines when the output is not a terminal.

>>> import io
>>> stream = io.StringIO()
>>> progress = Progress(2, stream=stream)
>>> progress.advance(None); progress.advance(None); progress.finish()
>>> stream.getvalue().splitlines()[-1]
'graded 2/2'
"""

from __future__ import annotations

import sys
import time


class Progress:
    """Counts finished submissions; draws a bar on a terminal, a line every ~5% elsewhere."""

    def __init__(self, total: int, stream=sys.stderr, width: int = 30):
        self.total = total
        self.done = 0
        self.stream = stream
        self.width = width
        self.started = time.monotonic()
        self.tty = bool(stream is not None and getattr(stream, "isatty", lambda: False)())
        self._step = max(1, total // 20)

    def start(self, total: int) -> None:
        """Set the number of submissions (once they are found)."""
        self.total = total
        self._step = max(1, total // 20)
        self.started = time.monotonic()

    def advance(self, graded) -> None:
        """One more submission is finished (``graded`` may be None)."""
        self.done += 1
        if self.stream is None:
            return
        if self.tty:
            filled = int(self.width * self.done / max(self.total, 1))
            elapsed = time.monotonic() - self.started
            left = elapsed / self.done * (self.total - self.done)
            bar = "#" * filled + "-" * (self.width - filled)
            self.stream.write(f"\r  [{bar}] {self.done}/{self.total}  {left:4.0f} s left ")
            self.stream.flush()
        elif self.done % self._step == 0 or self.done == self.total:
            self.stream.write(f"graded {self.done}/{self.total}\n")
            self.stream.flush()

    def finish(self) -> None:
        """End the bar's line."""
        if self.stream is not None and self.tty:
            self.stream.write("\n")
            self.stream.flush()
