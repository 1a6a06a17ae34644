"""``ClassReview``: the tables ``kit.review`` returns, their summary, and ``.write`` for the report.

>>> import math
>>> math.isnan(ClassReview.__dataclass_fields__["alpha"].default)
True
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from pathlib import Path

from .wording import visible


@dataclass
class ClassReview:
    """What a class's saved annotations say (see ``kit.review``).

    Tables (pandas): ``class_agreement`` (one row), ``shares`` (one row per
    sentence, most disputed first), ``disputed`` (the most disputed, with the
    expert's label and rationale), ``by_student`` (each student against the
    expert), ``problems`` (files not used, or used with a note), ``labels``
    (every label read). ``reading`` puts alpha in words.
    """

    doc: object
    scheme: str
    labels: object
    class_agreement: object
    shares: object
    disputed: object
    by_student: object
    problems: object
    agreement: object = None
    alpha: float = math.nan
    reading: str = ""
    has_key: bool = False
    key_note: str = ""
    text_note: str = ""
    submissions: Path | None = None

    @classmethod
    def build(
        cls,
        *,
        doc,
        scheme,
        labels,
        key,
        key_note,
        sources,
        problems,
        text_note,
        submissions,
        disputed,
    ):
        """Compute every table from the labels read (``kit.review`` calls this)."""
        import pandas as pd

        from ..annotate import agreement
        from . import tables
        from .reading import Problem
        from .wording import reading

        students = labels.annotator.nunique()
        result, why_not = None, ""
        if students >= 2:
            result = agreement(labels)
            why_not = result.alpha_note
        else:
            why_not = "only one student's labels could be read; agreement needs two or more"
        alpha = math.nan if result is None else result.alpha
        words = reading(alpha, why_not)
        if result is not None:
            share_table = tables.shares(result, doc, scheme, key)
        else:
            share_table = pd.DataFrame(columns=[*tables.SHARE_FIXED, *scheme.ids])
        student_table = tables.by_student(labels, key, sources, len(doc.sentences))
        problems = [*problems, *tables.incomplete(student_table)]
        problem_table = pd.DataFrame(
            [problem.row() for problem in problems], columns=list(Problem.__dataclass_fields__)
        )
        return cls(
            doc=doc,
            scheme=scheme.name,
            labels=labels,
            class_agreement=tables.class_row(result, students, len(doc.sentences), words),
            shares=share_table,
            disputed=tables.disputed(share_table, disputed),
            by_student=student_table,
            problems=problem_table,
            agreement=result,
            alpha=alpha,
            reading=words,
            has_key=key is not None,
            key_note=key_note,
            text_note=text_note,
            submissions=submissions,
        )

    @property
    def students(self) -> int:
        """How many students' labels were read."""
        return int(self.labels.annotator.nunique())

    def summary(self) -> str:
        """The review in one paragraph (what ``kit review`` prints)."""
        title = self.doc.title or self.doc.headline
        parts = [
            f"Reviewed the {self.scheme} labels of {self.students} student"
            f"{'' if self.students == 1 else 's'} on “{title}” ({self.doc.slug}).",
            self.reading,
        ]
        if len(self.disputed) and self.agreement is not None:
            top = self.disputed.iloc[0]
            expert = ""
            if self.has_key and isinstance(top.get("expert"), str):
                expert = f"; the expert's label is {top['expert']}"
            parts.append(
                f"Most disputed: sentence {int(top.sentence_id)} (the most chosen label, "
                f"{top.top_label}, has {top.top_share:.0%}{expert})."
            )
        if self.has_key and len(self.by_student):
            from .page import percent_text

            mean = self.by_student.agreement_with_expert.mean()
            low = self.by_student.agreement_with_expert.min()
            parts.append(
                f"On average a student's labels match the expert's (or an accepted "
                f"alternative) on {percent_text(mean)} of the text's sentences (lowest "
                f"{percent_text(low)}); "
                "a sentence left unlabelled counts as not matching."
            )
        elif not self.has_key:
            parts.append(f"No comparison with an expert: {self.key_note}")
        parts += self._incomplete_note()
        if self.text_note:
            parts.append(self.text_note)
        parts.append(self._problems_note())
        return visible(" ".join(parts))

    def _incomplete_note(self) -> list[str]:
        if not len(self.by_student):
            return []
        partial = self.by_student[~self.by_student.complete.astype(bool)]
        if not len(partial):
            return []
        shown = [
            f"{row.student} ({row.labelled} of {row.sentences})" for row in partial[:5].itertuples()
        ]
        more = f" and {len(partial) - 5} more" if len(partial) > 5 else ""
        return [
            f"{len(partial)} student{' has' if len(partial) == 1 else 's have'} labelled only "
            f"part of the text: {', '.join(shown)}{more}."
        ]

    def _problems_note(self) -> str:
        if not len(self.problems):
            return "Every student's file could be read."
        problems = self.problems
        used = set(self.by_student.student) if len(self.by_student) else set()
        left_out = problems[~problems.student.isin(used)].drop_duplicates("student")
        set_aside = problems[problems.student.isin(used) & ~problems.counted.astype(bool)]
        notes = problems[problems.counted.astype(bool) & (problems.problem != "incomplete")]
        parts = []
        if len(left_out):
            who = ", ".join(f"{row.student}: {row.problem}" for row in left_out[:6].itertuples())
            more = "; …" if len(left_out) > 6 else ""
            whose = "student's" if len(left_out) == 1 else "students'"
            parts.append(f"{len(left_out)} {whose} work could not be used ({who}{more}).")
        if len(set_aside):
            parts.append(f"{_kinds(set_aside)} set aside (the student's newest file counted).")
        if len(notes):
            parts.append(f"{len(notes)} note(s) on files that were used.")
        if not parts:
            return "Every student's file could be read."
        return " ".join(parts) + " See the problems table."

    def write(self, out) -> Path:
        """Write the report into the folder ``out``; return the path of its ``index.html``.

        Writes ``index.html`` (open it in a browser; it needs no network and
        prints well), the charts as PNG and SVG in ``charts/``, a CSV per
        table (UTF-8 with BOM, for Excel), and ``review.json``, which marks
        the folder as a kit report. Refuses a folder that holds anything else.
        """
        from .out_folder import checked_out
        from .report import write_report

        out = checked_out(out, self.submissions)
        return write_report(self, out)

    def __repr__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        from .page import STUDENT_PERCENT, students_view, table_html

        return (
            f"<p>{html.escape(self.summary())}</p><h4>Most disputed sentences</h4>"
            + table_html(self.disputed)
            + "<h4>Each student and the expert</h4>"
            + table_html(students_view(self.by_student), percent=STUDENT_PERCENT)
            + ("<h4>Problems</h4>" + table_html(self.problems) if len(self.problems) else "")
        )


def _kinds(table) -> str:
    counts = table.problem.value_counts()
    return ", ".join(f"{count} {kind}" for kind, count in counts.items())
