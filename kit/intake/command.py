"""``kit add-text FILE_OR_FOLDER [--slug S] [--check] [--repair] [--keep-leftovers]``.

Exit status: 0 when the text was added (or ``--check`` found nothing to fix),
1 when the article has problems (all listed; nothing written), 2 when the file
is missing or the name is unusable or taken.
"""

from __future__ import annotations

import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``kit add-text``."""
    parser.add_argument(
        "path",
        metavar="FILE_OR_FOLDER",
        help="the article as a plain .txt file, or a folder holding text.txt (and meta.toml)",
    )
    parser.add_argument(
        "--slug",
        metavar="NAME",
        help='the text\'s name, used as TEXT = "NAME" in the lessons: lower-case letters, digits '
        "and hyphens (default: from the outlet and date, e.g. daily-news-2024-04-06)",
    )
    parser.add_argument(
        "--check", action="store_true", help="only check the article; write nothing"
    )
    parser.add_argument(
        "--repair",
        action="store_true",
        help="let the kit fix what it found, listing each change: garbled characters "
        "(mojibake such as â€™ for ’), Mac files, web and PDF leftover lines (Advertisement, "
        "page numbers) and words split by a line break",
    )
    parser.add_argument(
        "--keep-leftovers",
        action="store_true",
        help="keep lines that look like web or PDF leftovers, when the article really prints them",
    )
    parser.set_defaults(run=run)


def run(args) -> int:
    """Check the article, add it unless ``--check``; print the report."""
    from ..errors import TextCheckError
    from .adding import add_text

    try:
        report = add_text(
            args.path,
            args.slug,
            check=args.check,
            repair=args.repair,
            keep_leftovers=args.keep_leftovers,
        )
    except TextCheckError as error:
        print(error)
        return 1
    print(report)
    return 0
