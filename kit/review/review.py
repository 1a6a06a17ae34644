"""``kit.review``: what a class's saved annotations say, as tables, from the submissions folder.

>>> import kit, tempfile, pathlib
>>> doc = kit.load("yomiuri-2024-04-06")
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> for name, label in [("ana", "fact"), ("ben", "opinion"), ("cy", "fact")]:
...     (folder / name).mkdir()
...     annotator = kit.Annotator(doc, path=folder / name / "y.claims.json", annotator=name)
...     annotator.set(1, "opinion"); annotator.set(4, label)
>>> result = kit.review(folder)
>>> result.students, result.by_student.labelled.tolist()
(3, [2, 2, 2])
>>> int(result.disputed.sentence_id.iloc[0])
4
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import ArgumentError, ExpertKeyError, NoExpertKeyError, ReviewError, describe


def review(submissions, text=None, scheme="claims", disputed: int = 5):
    """Review a class's saved annotations: agreement, label shares, disputes, each student.

    ``submissions`` is the folder ``kit grade`` takes (one sub-folder per
    student, holding the Annotator's ``.json`` file) or an LMS zip. ``text``
    names the article (default: the one the files were saved for). Returns a
    ``ClassReview`` holding pandas tables; ``.write(folder)`` writes the
    report for a browser. Files that cannot be used are listed in
    ``.problems``, never fatal.
    """
    from ..annotate import expert_key, load_scheme
    from .files import student_files
    from .reading import Problem, peek, read_labels
    from .result import ClassReview
    from .text_choice import choose_text

    if not isinstance(submissions, (str, os.PathLike)):
        raise ArgumentError(
            "kit.review() takes the submissions folder's path in quotes, e.g. "
            f"kit.review('submissions/'), not {describe(submissions)}."
        )
    disputed = _checked_disputed(disputed)
    scheme = load_scheme(scheme)
    if scheme.marks_spans:
        raise ReviewError(
            f"The {scheme.name!r} scheme marks phrases; kit review compares one label per "
            "sentence (the claims scheme). For phrase labels, use kit.read_annotations(folder, "
            "doc) and kit.agreement(...)."
        )
    source = Path(submissions).expanduser()
    with tempfile.TemporaryDirectory(prefix="kit-review-") as staging:
        skipped: list = []
        students = student_files(source, Path(staging) / "unpacked", skipped)
        root = Path(staging) / "unpacked" if source.is_file() else source
        if not students:
            raise ReviewError(
                f"{source} holds no student's work: kit review expects one sub-folder per "
                "student, each with the annotations file the Annotator saved "
                "(<text>.claims.json). Check the folder, or copy the students' files there."
            )
        peeked, problems = peek(students, root)
        problems = [Problem(*row) for row in skipped] + problems
        problems += [
            Problem(entry.student, "", "skipped", note)
            for entry in students
            for note in entry.notes
        ]
        wanted = [item.record for item in peeked if item.record["scheme"]["name"] == scheme.name]
        choice = choose_text(wanted or [item.record for item in peeked], text)
        labels, sources, found = read_labels(students, peeked, choice.doc, scheme, root)
    problems += found
    if labels.empty:
        raise ReviewError(
            f"No student's labels for {choice.doc.slug!r} could be read in {source} "
            f"({len(students)} student folder(s); "
            + "; ".join(f"{p.student}: {p.problem}" for p in problems[:6])
            + ("; …" if len(problems) > 6 else "")
            + "). Check that the students saved their annotations (the .json file the "
            "Annotator writes) into their folders."
        )
    key, key_note = None, ""
    try:
        key = expert_key(choice.doc, scheme)
    except (NoExpertKeyError, ExpertKeyError) as error:
        key_note = str(error)
    return ClassReview.build(
        doc=choice.doc,
        scheme=scheme,
        labels=labels,
        key=key,
        key_note=key_note,
        sources=sources,
        problems=problems,
        text_note=choice.note,
        submissions=source,
        disputed=disputed,
    )


def _checked_disputed(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ArgumentError(
            f"disputed= is how many of the most disputed sentences to show, a whole number "
            f"from 1, not {describe(value)}."
        )
    return value
