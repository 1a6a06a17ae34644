"""The fact sheet joined to the text: each claim with its sentence, its verdict and the expert's label.

``claims(doc)`` has one row per claim; ``sentence_verdicts(doc)`` one row per
sentence, so the lesson's questions are one line of pandas each:

>>> import kit
>>> doc = kit.load("yomiuri-2024-04-06")
>>> table = kit.claims(doc)
>>> table.loc[table.verdict == "attribution wrong", "quote"].tolist()
['not the behavior of a responsible U.N. member state']
>>> verdicts = kit.sentence_verdicts(doc)
>>> verdicts[(verdicts.expert_label == "fact") & ~verdicts.checks_out].sentence_id.tolist()
[4, 8, 12, 13, 14, 20]
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ArgumentError, NoExpertKeyError, NoFactSheetError, describe
from .location import fact_sheet_path
from .sheet import read_fact_sheet
from .values import NOT_ON_SHEET, ON_RECORD, VERDICTS

# For a sentence with several claims, the verdict that matters most when checking it:
# the weakest the record gives, then what no record settles, then "a view". A settled
# side claim never stands for a sentence whose other claim is unsettled.
_SENTENCE_ORDER = (
    "contradicted",
    "attribution wrong",
    "partly supported",
    "not verifiable",
    "supported",
    "opinion",
)


def claims(doc, sheet=None):
    """One row per claim of ``doc``'s fact sheet, joined to its sentence and the expert's label.

    Columns: the sheet's own (claim_id, sentence_id, kind, quote, claim, record,
    verdict, confidence, sources, teaching_point, cited_as), where the quote sits
    (``start``, ``end`` in ``doc.text``), its ``paragraph`` and ``sentence``, the
    expert key's ``expert_label`` for that sentence (empty when the text has no
    key), and four yes/no columns: ``on_record`` (the record settles it),
    ``checks_out`` (the verdict is "supported"), ``unconfirmed`` (a "not
    verifiable" claim the sheet's authors *could not confirm*: its confidence is
    below high, or the expert labelled its sentence "fact"; the other "not
    verifiable" rows *cannot be checked*: guesses, forecasts not yet due) and
    ``sourced_in_text`` (the text itself names where the claim comes from, in
    ``cited_as``).

    ``sheet`` is the path of a fact sheet; by default ``facts.csv`` beside the
    text. Raises ``NoFactSheetError`` when there is none
    (``kit.fact_sheet_template`` starts one).
    """
    _check_document(doc, "claims")
    table = read_fact_sheet(_sheet_path(doc, sheet), doc)
    attrs = dict(table.attrs)
    sentences = doc.sentences.rename(columns={"text": "sentence"})
    table = table.merge(
        sentences[["sentence_id", "paragraph", "sentence"]], on="sentence_id", how="left"
    )
    table["expert_label"] = table.sentence_id.map(expert_labels(doc)).astype(object)
    table["on_record"] = table.verdict.isin(ON_RECORD)
    table["checks_out"] = table.verdict == "supported"
    table["unconfirmed"] = (table.verdict == "not verifiable") & (
        (table.confidence != "high") | (table.expert_label == "fact")
    )
    table["sourced_in_text"] = table.cited_as != ""
    order = ["claim_id", "sentence_id", "paragraph", "expert_label", "kind", "quote", "claim"]
    rest = [column for column in table.columns if column not in order]
    table = table[order + rest]
    table.attrs.update(attrs)
    return table


def sentence_verdicts(doc, sheet=None):
    """One row per sentence of ``doc``: what its fact sheet rows say, summed up.

    ``verdict`` is the verdict that matters most for checking the sentence (the
    weakest the record gives, else "not verifiable", else "supported", else
    "opinion"), or "not on the sheet" when no row points at it; ``verdicts`` lists
    them all. ``checks_out`` is True when the record settles at least one claim of
    the sentence, every such claim is supported, and no other claim of it is
    unsettled (not verifiable): a sentence never checks out on a side claim.
    ``unconfirmed`` is True when one of its claims could not be confirmed;
    ``lowest_confidence`` is the least sure of its rows. ``omits`` is True when the
    sheet notes something the sentence leaves out (omission rows count here, not
    in the verdict).
    """
    _check_document(doc, "sentence_verdicts")
    table = claims(doc, sheet)
    stated = table[table.kind == "claim"]
    omitted = set(table.sentence_id[table.kind == "omission"])
    rows = []
    for sentence in doc.sentences.itertuples():
        mine = stated[stated.sentence_id == sentence.sentence_id]
        found = set(mine.verdict)
        settled = mine[mine.on_record]
        rows.append(
            {
                "sentence_id": sentence.sentence_id,
                "paragraph": sentence.paragraph,
                "sentence": sentence.text,
                "verdict": next((v for v in _SENTENCE_ORDER if v in found), NOT_ON_SHEET),
                "verdicts": "; ".join(v for v in VERDICTS if v in found),
                "claims": len(mine),
                "checks_out": bool(len(settled))
                and bool(settled.checks_out.all())
                and "not verifiable" not in found,
                "unconfirmed": bool(mine.unconfirmed.any()),
                "lowest_confidence": _lowest(mine.confidence),
                "omits": sentence.sentence_id in omitted,
            }
        )
    import pandas as pd

    result = pd.DataFrame(rows)
    result.insert(3, "expert_label", result.sentence_id.map(expert_labels(doc)).astype(object))
    result.attrs.update(table.attrs)
    return result


def _lowest(confidence) -> str:
    from .values import CONFIDENCE

    ranks = [CONFIDENCE.index(value) for value in confidence]
    return CONFIDENCE[max(ranks)] if ranks else ""


def expert_labels(doc) -> dict[int, str]:
    """The expert key's claim label of each sentence, ``{}`` when the text has no key."""
    from ..annotate import expert_key

    try:
        key = expert_key(doc)
    except NoExpertKeyError:
        return {}
    return dict(zip(key.sentence_id, key.label, strict=True))


def _check_document(doc, name: str) -> None:
    from ..document import Document

    if not isinstance(doc, Document):
        raise ArgumentError(
            f"kit.{name}() takes a document from kit.load(...) first, e.g. kit.{name}(doc), "
            f"not {describe(doc)}."
        )


def _sheet_path(doc, sheet) -> Path | str:
    if sheet is not None:
        return sheet
    path = fact_sheet_path(doc)
    if path is None or not path.is_file():
        where = (
            f"the kit looked for {path}"
            if path
            else "this text was made in memory, not loaded from a file, so the kit has "
            "nowhere to look"
        )
        raise NoFactSheetError(
            f"There is no fact sheet for this text ({where}). Start your own: "
            'kit.fact_sheet_template(doc, "facts.csv") writes one row per sentence; fill in '
            'the claims you check, then kit.claims(doc, sheet="facts.csv").'
        )
    return path
