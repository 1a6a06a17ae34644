"""The report's ``index.html``: one standalone page, readable, printable, every student's text escaped.

>>> import pandas as pd
>>> table_html(pd.DataFrame({"student": ["<b>Zoë</b>"], "agreement_with_expert": [0.5]}))
'<table><thead><tr><th scope="col">student</th><th scope="col">agreement with expert</th></tr></thead><tbody><tr><td>&lt;b&gt;Zoë&lt;/b&gt;</td><td class="num">50%</td></tr></tbody></table>'
"""

from __future__ import annotations

import datetime as dt
import html
import math

from .wording import RELY, SOURCE, TENTATIVE, visible

_PERCENT_COLUMNS = {"top_share", "agreement_with_expert", "agreement_where_labelled"}
_STYLE = """
body { font: 16px/1.5 Georgia, "Times New Roman", serif; color: #222; max-width: 62rem;
       margin: 2rem auto; padding: 0 1rem; }
h1, h2 { font-family: Helvetica, Arial, sans-serif; line-height: 1.2; }
h1 { font-size: 1.7rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem;
     border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
.summary { font-size: 1.08rem; background: #f4f4f0; padding: .8rem 1rem; border-left: 4px solid #0072B2; }
.explain { color: #444; font-size: .95rem; }
.figure-alpha { font-size: 2rem; font-family: Helvetica, Arial, sans-serif; margin: .2rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .6rem 0 1rem; }
th, td { border: 1px solid #bbb; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #eee; font-family: Helvetica, Arial, sans-serif; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; } figure img { max-width: 100%; height: auto; }
figcaption { font-size: .9rem; color: #444; }
.meta { color: #555; font-size: .9rem; }
caption { caption-side: top; text-align: left; font-size: .85rem; color: #444;
          padding: .2rem 0; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; } tr, figure { break-inside: avoid; }
  thead { display: table-header-group; }
  /* a chart small enough to share a page: no half-empty page before it */
  figure img { max-height: 55vh; width: auto; max-width: 100%; }
  /* never a table's header or last row alone on a page */
  caption, thead, .explain { break-after: avoid; }
  tbody tr:first-child, tbody tr:last-child, tbody tr:nth-last-child(2) { break-before: avoid; }
  .summary { background: none; }
}
"""


def table_html(table, empty: str = "Nothing to show.", percent=(), caption: str = "") -> str:
    """A table as escaped HTML; ``percent`` columns (and shares) as percentages, gaps as a dash.

    ``caption`` names the table for screen readers and print; headers carry ``scope``.
    """
    if table is None or len(table) == 0:
        return f"<p>{html.escape(empty)}</p>"
    percent = _PERCENT_COLUMNS | set(percent)
    head = "".join(
        f'<th scope="col">{html.escape(str(c).replace("_", " "))}</th>' for c in table.columns
    )
    rows = []
    for record in table.itertuples(index=False):
        cells = []
        for column, value in zip(table.columns, record, strict=True):
            text, numeric = _cell(value, column in percent)
            cells.append(f'<td class="num">{text}</td>' if numeric else f"<td>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    caption = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _cell(value, as_percent: bool) -> tuple[str, bool]:
    import pandas as pd

    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()  # a numpy number as a Python one
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return "—", False
    if isinstance(value, bool):
        return ("yes" if value else "no"), False
    if isinstance(value, float):
        return (html.escape(percent_text(value)) if as_percent else f"{value:.2f}"), True
    if isinstance(value, int):
        return str(value), True
    if isinstance(value, (list, tuple)):
        value = ", ".join(map(str, value))
    return html.escape(str(value)), False


def percent_text(share: float) -> str:
    """A share as a whole percentage that never rounds to all or nothing.

    >>> percent_text(0.997), percent_text(0.002), percent_text(1.0)
    ('99%', '<1%', '100%')
    """
    if 0.995 <= share < 1:
        return "99%"
    if 0 < share < 0.005:
        return "<1%"
    return f"{share:.0%}"


def page(review, figures, files: list[str]) -> str:
    """The whole ``index.html`` of ``review``."""
    esc = html.escape
    doc = review.doc
    title = doc.title or doc.headline
    when = dt.date.today().isoformat()
    disputed = review.disputed
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(f'Class review: {title}')}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>Class review: “{esc(title)}”</h1>",
        f'<p class="meta">{esc(_about(review, when))}</p>',
        f'<p class="summary">{esc(review.summary())}</p>',
        "<h2>How far the class agreed</h2>",
        f'<p class="figure-alpha">{esc(_alpha_text(review.alpha))}</p>',
        f"<p>{esc(review.reading)}</p>",
        f'<p class="explain">{esc(_alpha_explained())}</p>',
        table_html(
            review.class_agreement.drop(columns=["reading"]),
            caption="The class's agreement: students, sentences, Krippendorff's alpha, "
            "Fleiss' kappa",
        ),
        "<h2>The most disputed sentences</h2>",
        f'<p class="explain">{esc(_disputed_explained(review))}</p>',
        _disputed_html(disputed, review.has_key, review.key_note, _none_disputed(review)),
    ]
    for figure in figures:
        parts.append(
            f'<figure><img src="{figure.data_uri()}" alt="{esc(figure.alt, quote=True)}">'
            f"<figcaption>{esc(figure.caption)} (Also saved as "
            f"charts/{esc(figure.png.name)} and charts/{esc(figure.svg.name)}.)</figcaption>"
            "</figure>"
        )
    parts += [
        "<h2>Each student and the expert</h2>",
        f'<p class="explain">{esc(_students_explained(review))}</p>',
        table_html(
            students_view(review.by_student),
            "No student's labels could be read.",
            percent=STUDENT_PERCENT,
            caption="Each student: how much of the text they labelled"
            + (" and how much matches the expert" if review.has_key else ""),
        ),
        "<h2>Label shares for every sentence</h2>",
        '<p class="explain">One row per sentence, the most disputed first: how many students '
        "labelled it, the label most chose and its share, how many different labels were "
        "used, and each label's share.</p>",
        table_html(
            _shares_view(review.shares),
            percent=_label_ids(review),
            caption="Label shares for every sentence, the most disputed first",
        ),
        "<h2>Problems with the students' files</h2>",
        f'<p class="explain">{esc(_problems_explained())}</p>',
        table_html(
            review.problems,
            "None: every student's file could be read.",
            caption="Files not used, and notes on files that were used",
        ),
        "<h2>The files of this report</h2>",
        "<ul>" + "".join(f"<li>{esc(name)}</li>" for name in files) + "</ul>",
        '<p class="explain">The CSV files open in Excel or LibreOffice (UTF-8 with a byte-order '
        "mark). A label is a reading, not a measurement: where the class and the expert "
        "differ, the rationale is a place to start the discussion, not a verdict.</p>",
        "</body></html>",
    ]
    return visible("\n".join(parts) + "\n")


def _about(review, when: str) -> str:
    doc = review.doc
    source = ", ".join(str(p) for p in (doc.outlet, doc.date) if p)
    folder = review.submissions.name if review.submissions else "the submissions"
    return (
        f"Text: {doc.slug}" + (f" ({source})" if source else "") + f". Scheme: {review.scheme}. "
        f"Labels of {review.students} students read from {folder}. Written {when} by the "
        "media-literacy kit (kit review)."
    )


def _alpha_text(alpha: float) -> str:
    return "alpha not defined" if math.isnan(alpha) else f"Krippendorff's alpha = {alpha:.2f}"


def _alpha_explained() -> str:
    return (
        "Krippendorff's alpha measures how far several readers agree, corrected for the "
        "agreement chance alone would give: 1 means everyone chose the same label for every "
        "sentence, 0 means no better than picking labels at random. Krippendorff asks for "
        f"{RELY} before relying on labels as data, and accepts {TENTATIVE} for tentative "
        f"conclusions ({SOURCE}). Those thresholds were set for research coding; in a class, "
        "disagreement on an opinion piece is what the discussion is for. Fleiss' kappa, "
        "another measure of the same kind, is given over the sentences every student labelled."
    )


def _disputed_explained(review) -> str:
    text = (
        "A sentence is disputed when even its most chosen label won only a small share of the "
        "class. "
    )
    if review.has_key:
        return text + (
            "Beside each: the expert's label, the other labels the expert accepts, and why."
        )
    return text + f"There is no expert key to set beside them: {review.key_note}"


def _students_explained(review) -> str:
    coverage = (
        "For each student: the file read, the name written in it, and how many of the "
        "text's sentences they labelled; “incomplete” marks a student who left some "
        "unlabelled (also listed under Problems). "
    )
    if not review.has_key:
        return coverage + ("There is no expert key for this text, so no comparison with an expert.")
    return coverage + (
        "“Agreement over the whole text” is the share of all the text's sentences where the "
        "student's label is the expert's or one of the alternatives the expert accepts: a "
        "sentence a student did not label counts as not matching, so partial work cannot "
        "look better than complete work. “Agreement where labelled” is the same count over "
        "only the sentences the student labelled. A low share is a reason to talk, not a "
        "grade: many sentences allow more than one reading."
    )


STUDENT_PERCENT = ("agreement over the whole text", "agreement where labelled")


def students_view(table):
    """The ``by_student`` table as the page shows it: coverage and matches as "n of N"."""
    import pandas as pd

    if table is None or len(table) == 0:
        return table
    view = pd.DataFrame(
        {
            "student": table.student,
            "file": table.file,
            "name in file": table.name_in_file,
            "sentences labelled": [
                f"{row.labelled} of {row.sentences}" + ("" if row.complete else " — incomplete")
                for row in table.itertuples(index=False)
            ],
        }
    )
    if "matching_expert" in table.columns:
        view["matching the expert"] = [
            f"{row.matching_expert} of {row.key_sentences}" for row in table.itertuples(index=False)
        ]
        view[STUDENT_PERCENT[0]] = table.agreement_with_expert.to_numpy()
        view[STUDENT_PERCENT[1]] = table.agreement_where_labelled.to_numpy()
    return view


def _problems_explained() -> str:
    return (
        "Files that could not be used (missing, broken, for another text or another scheme, "
        "not the kit's) and notes on files that were used (counted: yes). Nothing here stops "
        "the review; ask the students concerned to save their work again."
    )


def _none_disputed(review) -> str:
    if review.agreement is not None and len(review.shares):
        return "None: on every sentence, every student who labelled it chose the same label."
    return "Not enough labels to find disputed sentences."


def _disputed_html(table, has_key: bool, key_note: str, empty: str = "") -> str:
    esc = html.escape
    if table is None or len(table) == 0:
        return f"<p>{esc(empty or 'Not enough labels to find disputed sentences.')}</p>"
    fixed = {"sentence_id", "annotators", "top_label", "top_share", "labels_used"}
    extra = {"expert", "alternatives", "rationale", "sentence"}
    labels = [c for c in table.columns if c not in fixed | extra]
    head = '<tr><th scope="col">sentence</th><th scope="col">how the class split</th>'
    head += (
        '<th scope="col">expert\'s label</th><th scope="col">why</th></tr>' if has_key else "</tr>"
    )
    rows = []
    for row in table.to_dict("records"):
        split = ", ".join(
            f"{label} {percent_text(float(row[label]))}"
            for label in sorted(labels, key=lambda name: -float(row[name] or 0))
            if float(row[label] or 0) > 0
        )
        cells = (
            f"<td><b>{int(row['sentence_id'])}.</b> {esc(str(row.get('sentence', '')))}</td>"
            f"<td>{esc(split)} ({int(row['annotators'])} students)</td>"
        )
        if has_key:
            expert = str(row.get("expert") or "—")
            if row.get("alternatives"):
                expert += f" (also accepted: {row['alternatives']})"
            cells += f"<td>{esc(expert)}</td><td>{esc(str(row.get('rationale') or ''))}</td>"
        rows.append(f"<tr>{cells}</tr>")
    caption = "The most disputed sentences: how the class split" + (
        ", and the expert's label with the reason" if has_key else ""
    )
    return (
        f"<table><caption>{esc(caption)}</caption><thead>{head}</thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _shares_view(table):
    return table.drop(columns=[c for c in ("sentence", "rationale") if c in table.columns])


def _label_ids(review) -> tuple[str, ...]:
    from ..annotate import load_scheme

    return load_scheme(review.scheme).ids
