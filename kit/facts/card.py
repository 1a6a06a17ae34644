"""One claim of a fact sheet, printed as a card a student can read aloud.

>>> import kit
>>> table = kit.claims(kit.load("yomiuri-2024-04-06"))
>>> kit.show_claim(table, "established-2009")  # doctest: +ELLIPSIS
Claim 'established-2009' · sentence 4, paragraph 4 · the expert's label: fact
  The text says:  “…which was established in 2009…”
  The claim:      The panel was set up in 2009.
  The record:     Paragraph 26 of Security Council resolution 1874, adopted on 12 June 2009
                  after North Korea's nuclear test of May 2009, created the panel. ...
  Verdict:        supported (confidence: high)
  Read it:        Security Council resolution 1874 (2009), paragraph 26, 12 June 2009; UN
                  1718 Committee page on the panel of experts
"""

from __future__ import annotations

import difflib
import textwrap

from ..errors import ArgumentError, describe

_WIDTH = 96
_NEEDED = (
    "claim_id",
    "sentence_id",
    "kind",
    "quote",
    "cited_as",
    "claim",
    "record",
    "verdict",
    "confidence",
    "sources",
    "teaching_point",
)
_INDENT = " " * 18


def show_claim(table, claim_id: str) -> None:
    """Print the row ``claim_id`` of a ``kit.claims`` table: the words, the record, the verdict."""
    import pandas as pd

    if not isinstance(table, pd.DataFrame) or not set(_NEEDED) <= set(table.columns):
        missing = (
            [] if not isinstance(table, pd.DataFrame) else sorted(set(_NEEDED) - set(table.columns))
        )
        lacks = f" (it lacks the column(s) {', '.join(missing)})" if missing else ""
        raise ArgumentError(
            "show_claim takes the whole table kit.claims(doc) returns, e.g. "
            f'kit.show_claim(kit.claims(doc), "claim-id"), not {describe(table)}{lacks}.'
        )
    claim_id = str(claim_id).strip()
    rows = table[table.claim_id.astype(str) == claim_id]
    if rows.empty:
        ids = table.claim_id.astype(str).tolist()
        close = difflib.get_close_matches(str(claim_id), ids, n=1)
        hint = f"Did you mean {close[0]!r}? " if close else ""
        raise ArgumentError(
            f"There is no claim {claim_id!r} in this fact sheet. {hint}"
            f"Its claim ids are: {', '.join(ids) or 'none yet'}."
        )
    row = rows.iloc[0]
    label = row.get("expert_label")
    heading = f"Claim {row.claim_id!r} · sentence {row.sentence_id}"
    if "paragraph" in row:
        heading += f", paragraph {row.paragraph}"
    if isinstance(label, str):
        heading += f" · the expert's label: {label}"
    lines = [heading]
    said = f"“…{row.quote}…”"
    if row.kind == "omission":
        # The quote is not what is left out: it marks the words the omission qualifies.
        said += "  (what the text leaves out is under 'The claim' and 'The record')"
    fields = [
        ("It bears on:" if row.kind == "omission" else "The text says:", said),
        ("Its source:", f"“{row.cited_as}”" if row.cited_as else ""),
        ("The claim:", row.claim),
        ("The record:", row.record),
        ("Verdict:", f"{row.verdict} (confidence: {row.confidence})"),
        ("Read it:", row.sources or "(no sources: nothing to look up for this verdict)"),
        ("Lesson:", row.teaching_point),
    ]
    for name, value in fields:
        if value:
            lines.append(
                textwrap.fill(
                    str(value),
                    _WIDTH,
                    initial_indent=f"  {name:<16}",
                    subsequent_indent=_INDENT,
                    break_on_hyphens=False,
                )
            )
    print("\n".join(lines))
