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
_INDENT = " " * 18


def show_claim(table, claim_id: str) -> None:
    """Print the row ``claim_id`` of a ``kit.claims`` table: the words, the record, the verdict."""
    import pandas as pd

    if not isinstance(table, pd.DataFrame) or "claim_id" not in table.columns:
        raise ArgumentError(
            f"show_claim takes the table kit.claims(doc) returns, not {describe(table)}."
        )
    rows = table[table.claim_id == claim_id]
    if rows.empty:
        ids = table.claim_id.tolist()
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
        said += "  (an omission: the text leaves this out; the row marks the sentence it bears on)"
    fields = [
        ("The text says:", said),
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
