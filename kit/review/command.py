"""``kit review SUBMISSIONS --out DIR``: the command line over ``kit.review``.

Exit status: 0 when the report was written (problem files are listed in it),
2 with a one-line message when nothing could be reviewed.

>>> import argparse
>>> parser = argparse.ArgumentParser(prog="kit")
>>> configure(parser)
>>> parser.parse_args(["subs", "--out", "r"]).scheme
'claims'
"""

from __future__ import annotations

import argparse

DESCRIPTION = (
    "Review a class's annotations: read every student's saved annotations file (the .json "
    "the Annotator writes) in SUBMISSIONS (one sub-folder per student, as for kit grade, or "
    "an LMS zip) and write a report to open in a browser: the class's agreement "
    "(Krippendorff's alpha) in plain words, the label shares per sentence, the most disputed "
    "sentences beside the expert's label, each student against the expert, and the files "
    "that could not be used."
)


def configure(parser: argparse.ArgumentParser) -> None:
    """Add ``review``'s arguments to ``parser`` and set its ``run``."""
    parser.description = DESCRIPTION
    parser.add_argument("submissions", metavar="SUBMISSIONS", help="folder or LMS zip")
    parser.add_argument(
        "--out",
        metavar="DIR",
        required=True,
        help="folder for the report (new, empty, or an earlier review report)",
    )
    parser.add_argument(
        "--text",
        metavar="TEXT",
        help="the text the class annotated: a text's name, a folder or a .txt file "
        "(default: the one the files were saved for)",
    )
    parser.add_argument(
        "--scheme", default="claims", help="the annotation scheme (default: claims)"
    )
    parser.add_argument(
        "--disputed",
        metavar="N",
        type=_positive_int,
        default=5,
        help="how many of the most disputed sentences to show (default 5)",
    )
    parser.set_defaults(run=run_review)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a whole number, e.g. 5") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def run_review(args) -> int:
    """Run ``kit review`` with parsed ``args``; print where the report is and a summary."""
    from .out_folder import checked_out
    from .review import review

    checked_out(args.out, args.submissions)  # before reading: a wrong --out fails fast
    result = review(args.submissions, text=args.text, scheme=args.scheme, disputed=args.disputed)
    index = result.write(args.out)
    print(f"Report written: {index} (open it in a browser).")
    print()
    print(result.summary())
    return 0
