"""Fact sheets: a text's checkable claims, what the record says, and how sure we are.

A text's folder may hold ``facts.csv`` (see ``values.COLUMNS``). ``claims(doc)``
joins it to the sentences and the expert key; ``sentence_verdicts(doc)`` sums
it up per sentence; ``fact_sheet_template(doc, path)`` starts one for a text
that has none. ``VERDICT_STYLE`` gives every verdict one colour and marker
for every view of a sheet (grey only for "not on the sheet").

>>> import kit
>>> table = kit.claims(kit.load("yomiuri-2024-04-06"))
>>> table.groupby("verdict").size()["supported"].item()
10
"""

from .card import show_claim
from .claims import claims, sentence_verdicts
from .location import fact_sheet_path
from .sheet import read_fact_sheet
from .template import fact_sheet_template
from .values import (
    COLUMNS,
    CONFIDENCE,
    KINDS,
    NOT_ON_SHEET,
    VERDICT_COLOURS,
    VERDICT_STYLE,
    VERDICTS,
)

__all__ = [
    "COLUMNS",
    "CONFIDENCE",
    "KINDS",
    "NOT_ON_SHEET",
    "VERDICTS",
    "VERDICT_COLOURS",
    "VERDICT_STYLE",
    "claims",
    "fact_sheet_path",
    "fact_sheet_template",
    "read_fact_sheet",
    "sentence_verdicts",
    "show_claim",
]
