"""Fact sheets: a text's checkable claims, what the record says, and how sure we are.

A text's folder may hold ``facts.csv`` (see ``values.COLUMNS``). ``claims(doc)``
joins it to the sentences and the expert key; ``sentence_verdicts(doc)`` sums
it up per sentence; ``fact_sheet_template(doc, path)`` starts one for a text
that has none.

>>> import kit
>>> table = kit.claims(kit.load("yomiuri-2024-04-06"))
>>> table.groupby("verdict").size()["supported"].item()
11
"""

from .card import show_claim
from .claims import claims, sentence_verdicts
from .location import fact_sheet_path
from .sheet import read_fact_sheet
from .template import fact_sheet_template
from .values import CONFIDENCE, KINDS, VERDICTS

__all__ = [
    "CONFIDENCE",
    "KINDS",
    "VERDICTS",
    "claims",
    "fact_sheet_path",
    "fact_sheet_template",
    "read_fact_sheet",
    "sentence_verdicts",
    "show_claim",
]
