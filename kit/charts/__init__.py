"""Charts of a text and of a class's labels, in one colour-blind-safe style.

Each function takes a text (``kit.load(...)``, its name or a path) or one of
the kit's tidy tables, draws on ``ax=`` (or a new chart), and returns the
matplotlib Axes. Every chart has a title that says what it shows, labelled
axes, a source note, and alt text (``describe(ax)``). matplotlib is imported
only when a chart is drawn.

>>> import kit
>>> ax = kit.charts.stance("yomiuri-2024-04-06")
>>> ax.get_ylabel()
'markers per 100 words'
>>> kit.charts.describe(ax).startswith("Bar chart: hedges, boosters and attitude words")
True
"""

from ._style import CLAIM_COLOURS, PALETTE, UNLABELLED, colour
from .actor_grid import actor_table, actors
from .alt_text import describe
from .events import read_timeline, timeline
from .saving import save_figure
from .shares import class_shares, shares_table
from .stance_bars import stance, stance_table
from .strip import sentence_strip, strip_table
from .tone_arc import tone_arc
from .word_bars import keywords

__all__ = [
    "CLAIM_COLOURS",
    "PALETTE",
    "UNLABELLED",
    "actor_table",
    "actors",
    "class_shares",
    "colour",
    "describe",
    "keywords",
    "read_timeline",
    "save_figure",
    "sentence_strip",
    "shares_table",
    "stance",
    "stance_table",
    "strip_table",
    "timeline",
    "tone_arc",
]
