"""The ``kit`` command line: a thin layer over the kit's functions.

Each subcommand registers itself with ``@command``; ``main`` parses and runs
it. A ``KitError`` prints as one line (exit status 2), never a traceback.

>>> main(["release", "--check", "ex00_practice"])
The student notebooks are up to date.
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import KitError

# name -> (one-line help, function that adds the arguments and sets `run`)
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {}


def command(name: str, help: str):
    """Register a subcommand: decorate a function that configures its parser.

    The function adds the arguments and sets ``run`` (a function of the parsed
    arguments returning the exit status) with ``parser.set_defaults(run=...)``.
    """

    def register(configure):
        COMMANDS[name] = (help, configure)
        return configure

    return register


def build_parser() -> argparse.ArgumentParser:
    """The parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="kit", description="The media-literacy kit's tools for instructors."
    )
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (text, configure) in COMMANDS.items():
        configure(subcommands.add_parser(name, help=text, description=text))
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``kit COMMAND ...``; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        with _kit_warnings(args.command):
            return int(args.run(args) or 0)
    except KitError as error:
        print(f"kit {args.command}: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # e.g. an --out folder that cannot be written
        where = f": {error.filename}" if error.filename else ""
        print(f"kit {args.command}: {error.strerror or error}{where}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"kit {args.command}: interrupted.", file=sys.stderr)
        return 130


def _kit_warnings(name: str):
    """The kit's own warnings as one line each (``kit release: warning: ...``), not Python's
    "file:line: KitWarning: ..." with a line of the script below it."""
    import warnings

    from .errors import KitWarning

    context = warnings.catch_warnings()
    original = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, KitWarning):
            print(f"kit {name}: warning: {message}", file=sys.stderr)
        else:
            original(message, category, filename, lineno, file, line)

    class _Shown:
        def __enter__(self):
            context.__enter__()
            warnings.showwarning = show

        def __exit__(self, *exc):
            return context.__exit__(*exc)

    return _Shown()


# -- kit release ---------------------------------------------------------------


@command("release", "write the student notebooks from the exercise sources")
def _release_command(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help="exercises to release (default: all)"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 listing the student files that are out of date",
    )
    parser.add_argument(
        "--verify",
        action="store_true",
        help="first run each source's solutions and check that they earn full marks",
    )
    parser.add_argument(
        "--text",
        metavar="TEXT",
        help="release for another text (a text's name, a folder or a .txt file); only for "
        "exercises with a parameters cell (default: the exercise's own text)",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        help="folder for the student files (default: exercises/, or exercises/<text>/ with --text)",
    )
    parser.set_defaults(run=_run_release)


def _run_release(args) -> int:
    from .exercises import release

    if args.text is not None and not args.names:  # every exercise that can run on any text
        from .exercises import load_exercise
        from .exercises.release import release_names

        args.names = []
        for name in release_names():
            if load_exercise(name).default_text is None:
                print(f"skipped {Path(name).stem}: it always runs on its own text")
            else:
                args.names.append(name)
        if not args.names:
            print("No exercise has a parameters cell (TEXT = ...): nothing to release.")
            return 0

    if args.verify:
        from .exercises import load_exercise
        from .exercises.on_text import choose_text
        from .exercises.release import release_names
        from .exercises.verify import problems

        found = []
        for name in release_names(args.names):
            exercise = load_exercise(name)
            choice = None
            if args.text is not None and exercise.default_text is not None:
                choice = choose_text(args.text, exercise=exercise)
            found += problems(exercise, choice)
        if found:
            print("Some solutions do not earn full marks; fix the source or its checks:")
            for line in found:
                print(f"  {line}")
            return 1
        print("Every solution earns full marks.")
        _warn_about_texts(args.names)
    changed = release(args.names, check=args.check, text=args.text, out=args.out)
    if args.check:
        if changed:
            print("Out of date with their source (run `kit release`):")
            for path in changed:
                print(f"  {path}")
            return 1
        print("The student notebooks are up to date.")
        return 0
    for path in changed:
        print(f"wrote {path}")
    if not changed:
        print("Nothing to do: the student notebooks are up to date.")
    if args.text is not None:
        for line in _what_remains(args.names, args.text):
            print(line)
    return 0


def _what_remains(names, text) -> list[str]:
    """For each exercise released for ``text``: its skipped questions and the points left."""
    from .exercises import load_exercise
    from .exercises.on_text import applies, choose_text, is_listed, lacking
    from .exercises.release import release_names

    lines = []
    for name in release_names(names):
        exercise = load_exercise(name)
        if exercise.default_text is None:
            continue
        choice = choose_text(text, exercise=exercise)
        kept = [q for q in exercise.questions if applies(q, choice)]
        skipped = [q.name for q in exercise.questions if not applies(q, choice)]
        auto = sum(q.points for q in kept if not q.manual)
        by_hand = sum(q.points for q in kept if q.manual)
        total = sum(q.points for q in exercise.questions)
        left = f"{_points(auto)} point{'' if auto == 1 else 's'} checked automatically"
        if by_hand:
            left += f" + {_points(by_hand)} graded by hand"
        if not skipped:
            lines.append(f"{exercise.name} on “{choice.title}”: every question applies ({left}).")
            continue
        why: dict[str, list[str]] = {}  # the reason -> the questions skipped for it
        for question in exercise.questions:
            if not is_listed(question, choice):
                why.setdefault("about another text", []).append(question.name)
            elif absent := lacking(question, choice):
                reason = "this text has no " + " and no ".join(absent)
                why.setdefault(reason, []).append(question.name)
        reasons = "; ".join(f"{', '.join(names)}: {reason}" for reason, names in why.items())
        lines.append(
            f"{exercise.name} on “{choice.title}”: {len(skipped)} of "
            f"{len(exercise.questions)} questions skipped ({reasons}); {len(kept)} left, "
            f"worth {left} (of {_points(total)} on its own text)."
        )
    return lines


def _points(value) -> str:
    return f"{float(value):g}"


def _warn_about_texts(names) -> None:
    """Texts an exercise loads that graded notebooks could not read (see ``kit grade``)."""
    from .exercises import load_exercise
    from .exercises.release import release_names
    from .grading.texts import exercise_texts

    for name in release_names(names):
        exercise = load_exercise(name)
        for problem in exercise_texts(exercise).problems:
            print(f"warning: {exercise.name}: {problem}")


# -- kit grade -----------------------------------------------------------------


@command("grade", "grade a class's notebooks, each in its own sandboxed process")
def _grade_command(parser: argparse.ArgumentParser) -> None:
    from .grading.command import configure

    configure(parser)


# -- kit handout ---------------------------------------------------------------


@command("handout", "write a text, its stance markers highlighted, as a printable web page")
def _handout_command(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "text",
        nargs="?",
        default="yomiuri-2024-04-06",
        metavar="TEXT",
        help="a text's name in seeds/, its folder or file (default: yomiuri-2024-04-06)",
    )
    parser.add_argument("--out", required=True, metavar="FILE", help="the page to write (.html)")
    parser.add_argument(
        "--categories",
        metavar="LIST",
        help="only these marker categories, comma-separated (e.g. hedge,booster)",
    )
    parser.add_argument(
        "--claim-labels",
        action="store_true",
        help="add the expert's claim label to each sentence number (needs key_claims.csv)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace FILE even if it is not a handout the kit wrote (one it wrote is replaced)",
    )
    parser.set_defaults(run=_run_handout)


def _run_handout(args) -> int:
    from .errors import NoExpertKeyError
    from .handout import handout

    categories = None
    if args.categories:
        categories = [name.strip() for name in args.categories.split(",") if name.strip()]
    try:
        path = handout(
            args.text,
            args.out,
            categories=categories,
            claim_labels=args.claim_labels,
            force=args.force,
        )
    except NoExpertKeyError as error:  # say it in the command's own words
        raise NoExpertKeyError(
            str(error).replace("leave out claim_labels=True,", "leave out --claim-labels,")
        ) from None
    print(f"Wrote {path}: open it in a browser and print it.")
    return 0


# -- kit review ----------------------------------------------------------------


@command("review", "review a class's annotations: agreement, disputed sentences, each student")
def _review_command(parser: argparse.ArgumentParser) -> None:
    from .review.command import configure

    configure(parser)


# -- kit add-text ---------------------------------------------------------------


@command("add-text", "check an article you pasted into a .txt file and add it to the seeds")
def _add_text_command(parser: argparse.ArgumentParser) -> None:
    from .intake.command import configure

    configure(parser)


# -- kit class-links -----------------------------------------------------------


@command("class-links", "print the links that open the kit on a JupyterHub or on Binder")
def _class_links_command(parser: argparse.ArgumentParser) -> None:
    from .serving import START_PAGE

    parser.add_argument(
        "--hub", help="your JupyterHub's address, e.g. https://hub.example.edu (for the link)"
    )
    parser.add_argument(
        "--repo",
        help="the git repository students get (default: the kit's own repository address)",
    )
    parser.add_argument("--branch", default="main", help="the branch they get (default: main)")
    parser.add_argument(
        "--open",
        default=START_PAGE,
        metavar="PATH",
        help=f"the page that opens, inside the repository (default: {START_PAGE})",
    )
    parser.add_argument(
        "--checkout",
        metavar="DIR",
        help="a local copy of the repository, to check that the page exists (default: the "
        "kit's own folder when --repo is the kit's repository)",
    )
    parser.set_defaults(run=_run_class_links)


def _run_class_links(args) -> int:
    import warnings

    from .errors import KitWarning
    from .serving import class_links

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KitWarning)  # printed below, once, as plain lines
        links = class_links(
            hub=args.hub, repo=args.repo, branch=args.branch, path=args.open, checkout=args.checkout
        )
    for message in links.warnings:
        print(f"Warning: {message}", file=sys.stderr)
    if links.hub is None and links.binder is None:
        print(
            f"No link to print: give --hub for a JupyterHub link (Binder links need a public "
            f"https address; {links.repo} is not one).",
            file=sys.stderr,
        )
        return 2
    print(links)
    if links.hub:
        print(f"Students' copy lands in the folder {links.folder}/ of their home.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
