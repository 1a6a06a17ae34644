"""``kit grade EXERCISE SUBMISSIONS --out DIR``: the command line over ``grade()``.

Exit status: 0 when the batch completed (some submissions may have failed: their status says
why), 2 when nothing could be graded (bad arguments, unknown exercise, no submissions), 130
when interrupted (the children are stopped too).

>>> import argparse
>>> parser = argparse.ArgumentParser(prog="kit")
>>> configure(parser)
>>> parser.parse_args(["ex00_practice", "subs", "--out", "g"]).workers is None
True
"""

from __future__ import annotations

import argparse
import signal
import sys

DESCRIPTION = (
    "Grade every submission of an exercise, each notebook in its own sandboxed process. "
    "SUBMISSIONS is a folder with one sub-folder per student, a folder of <student>.ipynb "
    "files, or the zip your LMS exports (Canvas or Moodle). Re-running skips unchanged "
    "submissions and merges the points you filled in review.csv."
)


def configure(parser: argparse.ArgumentParser) -> None:
    """Add ``grade``'s arguments to ``parser`` and set its ``run``."""
    parser.description = DESCRIPTION
    parser.add_argument(
        "exercise", metavar="EXERCISE", help="exercise name (e.g. ex00_practice) or source path"
    )
    parser.add_argument("submissions", metavar="SUBMISSIONS", help="folder, notebook or LMS zip")
    parser.add_argument(
        "--out", metavar="DIR", required=True, help="folder for the grades and feedback pages"
    )
    parser.add_argument(
        "--workers", metavar="N", type=_positive_int, default=None, help="default: all cores"
    )
    parser.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=_positive_float,
        default=60.0,
        help="hard time limit for a whole notebook (default 60): it is stopped, and its "
        "answers so far are graded",
    )
    parser.add_argument(
        "--cell-timeout",
        metavar="SECONDS",
        type=_positive_float,
        default=20.0,
        help="a cell still running after this long (e.g. an endless loop) is stopped, its "
        "question's feedback says so, and the next cell runs (default 20)",
    )
    parser.add_argument(
        "--memory",
        metavar="MB",
        type=_positive_int,
        default=1024,
        help="memory limit per submission (default 1024)",
    )
    parser.add_argument(
        "--disk",
        metavar="MB",
        type=_positive_int,
        default=512,
        help="files a submission may write (default 512)",
    )
    parser.add_argument(
        "--allow-read",
        metavar="PATH",
        action="append",
        default=[],
        help="a file or folder the graded notebooks may also read (repeat for several); "
        "the kit's texts and the texts the exercise loads by name or path are readable already",
    )
    parser.add_argument(
        "--text",
        metavar="TEXT",
        help="grade on this text (a text's name, a folder or a .txt file): it is set as TEXT "
        "in every notebook (default: the exercise's own text; only for exercises with a "
        "parameters cell)",
    )
    parser.add_argument("--force", action="store_true", help="re-run unchanged submissions too")
    parser.add_argument(
        "--quiet",
        action="store_true",
        help="no progress bar and no list of protections (they are in isolation.txt)",
    )
    parser.set_defaults(run=run_grade)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def _terminate(signum, frame):
    raise KeyboardInterrupt


def run_grade(args) -> int:
    """Run ``kit grade`` with parsed ``args``; return the exit status."""
    from kit.errors import KitError

    from .batch import grade
    from .progress import Progress

    previous = signal.signal(signal.SIGTERM, _terminate)
    err = sys.stderr

    def show_protections(protections):
        if args.quiet:  # isolation.txt holds them
            return
        print("Isolation of each notebook:", file=err)
        for name, description in protections.items():
            print(f"  {name}: {description}", file=err)

    try:
        progress = Progress(0, stream=None if args.quiet else err)
        batch = grade(
            args.exercise,
            args.submissions,
            args.out,
            workers=args.workers,
            timeout=args.timeout,
            cell_timeout=args.cell_timeout,
            allow_read=args.allow_read,
            memory_mb=args.memory,
            disk_mb=args.disk,
            force=args.force,
            progress=progress,
            on_protections=show_protections,
            text=args.text,
        )
    except KeyboardInterrupt:
        print("\nStopped: the children were stopped; run the same command to finish.", file=err)
        return 130
    except KitError as error:
        print(f"kit grade: {error}", file=err)
        return 2
    except OSError as error:  # e.g. an output folder that cannot be written
        print(f"kit grade: {error.strerror}: {error.filename}", file=err)
        return 2
    finally:
        signal.signal(signal.SIGTERM, previous)
    if not batch.graded:
        print(f"kit grade: no submissions found in {args.submissions}", file=err)
        return 2
    if batch.text:
        print(f"Graded on the text “{batch.text['title']}” ({batch.text['slug']}).")
    print(batch.summary())
    for note in batch.notes:
        print(f"Note: {note}")
    print(f"Reports in {batch.out}: grades.csv, grades_long.csv, gradebook.csv, feedback/")
    return 0
