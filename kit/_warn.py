"""Warn about something the kit worked around, pointing at the user's own line.

A warning that names ``kit/texts.py:101`` tells a student nothing; one that
names the notebook cell that called ``kit.load`` does.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

from .errors import KitWarning

_KIT_FOLDER = str(Path(__file__).resolve().parent)


def warn(message: str) -> None:
    """Issue a ``KitWarning`` attributed to the first caller outside the kit."""
    level, frame = 2, sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_KIT_FOLDER):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, KitWarning, stacklevel=level)
