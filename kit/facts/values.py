"""What a fact sheet may say: its columns and the words allowed in them.

>>> VERDICTS[:2]
('supported', 'partly supported')
>>> allowed("verdict", " Partly_Supported ")
'partly supported'
>>> allowed("confidence", "medium high")
'medium-high'
>>> allowed("verdict", "true") is None
True
"""

from __future__ import annotations

# What the public record says about a claim, from "checks out" to "cannot be checked".
VERDICTS = (
    "supported",
    "partly supported",
    "contradicted",
    "attribution wrong",
    "not verifiable",
    "opinion",
)
# Verdicts the record settles: the claim could be checked, and was.
ON_RECORD = ("supported", "partly supported", "contradicted", "attribution wrong")
# A sentence with no row on its fact sheet.
NOT_ON_SHEET = "not on the sheet"
# One Okabe–Ito colour and one marker shape per verdict, used by every view of a
# sheet (highlight and chart). Grey is kept for sentences not on the sheet.
VERDICT_STYLE = {
    "supported": ("#009E73", "o"),
    "partly supported": ("#E69F00", "s"),
    "contradicted": ("#D55E00", "P"),
    "attribution wrong": ("#CC79A7", "X"),
    "not verifiable": ("#56B4E9", "D"),
    "opinion": ("#F0E442", "^"),
    NOT_ON_SHEET: ("#999999", "p"),
}
VERDICT_COLOURS = {verdict: colour for verdict, (colour, _) in VERDICT_STYLE.items()}
CONFIDENCE = ("high", "medium-high", "medium", "low")
# A row is a claim the text makes, or something it leaves out (attached to the
# sentence it qualifies, since an omission has no words of its own).
KINDS = ("claim", "omission")

REQUIRED_COLUMNS = (
    "claim_id",
    "sentence_id",
    "quote",
    "claim",
    "record",
    "verdict",
    "confidence",
    "sources",
)
OPTIONAL_COLUMNS = ("teaching_point", "kind", "cited_as")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

ALLOWED = {"verdict": VERDICTS, "confidence": CONFIDENCE, "kind": KINDS}


def allowed(column: str, value: str) -> str | None:
    """``value`` as the allowed word of ``column`` it spells, or None when it is not one.

    Case, spaces and ``_`` or ``-`` between words do not matter.
    """
    words = value.strip().lower().replace("_", " ").replace("-", " ").split()
    for choice in ALLOWED[column]:
        if words == choice.replace("-", " ").split():
            return choice
    return None
