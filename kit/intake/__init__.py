"""Bring your own article: check a pasted text and add it to the seeds folder.

``kit.check_text(path)`` lists every problem, with its line and the fix;
``kit.add_text(path)`` also writes ``seeds/<slug>/text.txt`` and ``meta.toml``.
From the command line: ``kit add-text FILE_OR_FOLDER [--slug S] [--check]``.
"""

from .adding import TextReport, add_text, check_text
from .problems import Problem

__all__ = ["Problem", "TextReport", "add_text", "check_text"]
