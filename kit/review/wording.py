"""Krippendorff's alpha in plain words, for an instructor who has not met it before.

Thresholds from Krippendorff (2004), *Content Analysis: An Introduction to
Its Methodology*, 2nd ed., section 12.4: rely on labels only from alpha 0.8;
draw tentative conclusions from 0.667; below that the labels are not reliable
data. Alpha is 1 when everyone agrees and about 0 when agreement is no better
than chance. Those thresholds were set for coding data; in a class,
disagreement on an opinion piece is material for discussion, not a failure.

>>> reading(0.52).split(":")[0]
"The class agreed weakly (Krippendorff's alpha 0.52)"
>>> reading(0.85).startswith("The class agreed strongly")
True
"""

from __future__ import annotations

import math
import re

RELY = 0.8
TENTATIVE = 0.667
SOURCE = (
    "Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology, "
    "2nd ed., section 12.4"
)


def reading(alpha: float, why_not: str = "") -> str:
    """What ``alpha`` says about a class's labels, in a sentence or two."""
    if alpha is None or math.isnan(alpha):
        return (
            "Krippendorff's alpha is not defined for these labels"
            + (f" ({why_not})" if why_not else "")
            + ", so the class's agreement cannot be measured."
        )
    figure = f"(Krippendorff's alpha {alpha:.2f})"
    if alpha >= RELY:
        return (
            f"The class agreed strongly {figure}: at or above the {RELY} from which "
            "Krippendorff would rely on such labels. Most sentences read the same to most "
            "students."
        )
    if alpha >= TENTATIVE:
        return (
            f"The class agreed moderately {figure}: above the {TENTATIVE} from which "
            f"Krippendorff allows tentative conclusions, below the {RELY} he asks to rely on "
            "the labels. Several sentences divided the class."
        )
    if alpha > 0.05:
        return (
            f"The class agreed weakly {figure}: below the {TENTATIVE} Krippendorff sets even "
            "for tentative conclusions. The students agreed more often than chance would "
            "make them, but read many sentences differently: the most disputed ones below "
            "are the place to start a discussion."
        )
    if alpha < -0.05:
        return (
            f"The class disagreed more than chance would make them {figure}: below 0, "
            "students chose different labels for the same sentences systematically, as if "
            "they read the labels differently. Check that everyone used the same scheme and "
            "understood the labels before discussing single sentences."
        )
    return (
        f"The class agreed no better than chance {figure}: the labels differ as much as "
        "labels picked at random would. Check that everyone used the same scheme and "
        "understood the labels before discussing single sentences."
    )


_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` with its direction controls shown as ``[U+202E]``, never obeyed.

    A student's folder or name could hold them to show itself reversed.

    >>> visible("rtl\u202egnp.exe")
    'rtl[U+202E]gnp.exe'
    """
    return _BIDI.sub(lambda match: f"[U+{ord(match.group()):04X}]", text)
