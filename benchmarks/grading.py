"""How fast `kit grade` grades a class, and (with --vs-nbgrader) nbgrader on the same work.

Generates N submissions of an exercise from its released student notebook (correct, wrong,
blank, and hostile: infinite loop, memory bomb, always-equal answers, 10^6 printed lines),
seeded so every run grades the same class; grades them with `kit grade --force` into a fresh
folder and reports seconds, seconds per submission and submissions per second. With
--vs-nbgrader it builds the same exercise for nbgrader 0.9.6 (in its own virtual environment,
installed once under benchmarks/.cache/), puts the same answers into nbgrader's released
notebook and times `nbgrader autograde` on all of them, then prints both side by side.

    .venv/bin/python benchmarks/grading.py [-n 200] [--vs-nbgrader]

Targets (reported, never asserted): 200 submissions in under 30 s on a 2-core machine, and at
least 10x nbgrader's throughput. Timings are wall-clock and sensitive to other load on the
machine: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _nbgrader
import _processes
import _submissions
import _to_nbgrader

from kit.errors import KitError

TARGET_SECONDS, TARGET_COUNT, TARGET_RATIO = 30.0, 200, 10.0
KINDS = ("correct", "wrong", "blank", *_submissions.HOSTILE)


def parse_args(argv=None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Targets are reported, never asserted. Rerun on an idle machine for figures "
        "to quote.",
    )
    parser.add_argument(
        "-n",
        "--submissions",
        type=int,
        default=200,
        metavar="N",
        help="how many submissions to generate (default 200)",
    )
    parser.add_argument(
        "--exercise", default="ex00_practice", help="the exercise to grade (default ex00_practice)"
    )
    parser.add_argument("--seed", type=int, default=5, help="seed of the generated class")
    parser.add_argument(
        "--hostile",
        type=float,
        default=0.04,
        metavar="FRACTION",
        help="share of hostile submissions, spread over the four attacks (default 0.04: 8 of 200)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="kit grade --workers (default: kit grade's own, all cores)",
    )
    parser.add_argument(
        "--cell-timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="time limit per cell in both graders (default 10)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="time limit for a whole notebook in kit grade (default 30)",
    )
    parser.add_argument(
        "--memory-mb",
        type=int,
        default=1024,
        help="memory a submission may use on top of the loaded libraries, "
        "in both graders (default 1024)",
    )
    parser.add_argument(
        "--vs-nbgrader",
        action="store_true",
        help="also time nbgrader 0.9.6 autograde on the same submissions",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="copy the submissions, outputs and logs to DIR before cleaning up",
    )
    args = parser.parse_args(argv)  # fmt: skip
    if args.submissions < 1:
        parser.error("-n must be at least 1")
    if not 0 <= args.hostile <= 1:
        parser.error("--hostile is a fraction between 0 and 1")
    return args


def machine() -> str:
    """Cores and load, to read the figures by."""
    cores = os.cpu_count() or 1
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{cores} cores ({usable} usable), load average {load}; Python "
        f"{platform.python_version()} on {platform.system()} {platform.release()}"
    )


def _load() -> str:
    return f"{os.getloadavg()[0]:.2f}"


# -- kit grade -------------------------------------------------------------------------------


def kit_grade_options() -> set[str]:
    """The options this checkout's `kit grade` accepts (empty when there is no `kit grade`)."""
    result = subprocess.run(
        [sys.executable, "-m", "kit", "grade", "--help"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        return set()
    return {word.strip(",[]") for word in result.stdout.split() if word.startswith("--")}


def run_kit_grade(args, exercise: str, submissions: Path, out: Path, log: Path) -> dict:
    """Time `python -m kit grade EXERCISE SUBMISSIONS --out OUT --force` once."""
    options = kit_grade_options()
    if not options:
        return {"error": "`python -m kit grade` is not available in this checkout"}
    command = [sys.executable, "-m", "kit", "grade", exercise, str(submissions),
               "--out", str(out), "--force"]  # fmt: skip
    notes = []
    if args.workers:
        command += ["--workers", str(args.workers)]
    limits = (
        ("--timeout", args.timeout),
        ("--cell-timeout", args.cell_timeout),
        ("--memory", args.memory_mb),
    )
    for option, value in limits:
        if option in options:
            command += [option, f"{value:g}"]
        else:
            notes.append(f"kit grade has no {option}: its default applies")
    seconds, code = _processes.run_timed(command, log_path=log)
    result = {"seconds": seconds, "exit": code, "notes": notes, "command": command}
    if code != 0:
        result["error"] = f"kit grade exited with {code}:\n{_tail(log)}"
    return result


def kit_scores(out: Path) -> dict[str, tuple[float, float]]:
    """{student: (total, max)} from kit grade's grades.csv."""
    path = out / "grades.csv"
    if not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    scores = {}
    for row in rows:
        student = row.get("student") or row.get("Student") or ""
        try:
            most = row.get("max_points") or row.get("max") or 0
            scores[student] = (float(row.get("total") or 0), float(most))
        except ValueError:
            continue
    return scores


def _protections(out: Path) -> str:
    """The names of the protections kit grade reported active (its summary.json)."""
    try:
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    protections = summary.get("protections") or {}
    return ", ".join(protections) if isinstance(protections, dict) else ""


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# -- nbgrader --------------------------------------------------------------------------------


def run_nbgrader(args, exercise, slots, released_ours, submissions, root: Path) -> dict:
    """Build the course, autograde every submission: timings and scores (nbgrader installed)."""
    result = {}
    course = _nbgrader.Course(
        root,
        assignment=exercise.name,
        notebook=f"{exercise.name}.ipynb",
        timeout=max(1, round(args.cell_timeout)),
        memory_mb=args.memory_mb,
    )
    start = time.perf_counter()
    released = course.generate(_to_nbgrader.nbgrader_source(exercise, slots))
    result["generate_seconds"] = time.perf_counter() - start
    for submission in submissions:
        course.submit(
            submission.student,
            _submissions.fill(released, submission.answers, _to_nbgrader.grade_id),
        )
    print(f"  nbgrader autograde on {len(submissions)} submissions (load {_load()}) ...",
          flush=True)  # fmt: skip
    seconds, code, log = course.autograde()
    result.update(seconds=seconds, exit=code, log=log)
    if code != 0:
        result["error"] = f"nbgrader autograde exited with {code}:\n{_tail(log)}"
    try:
        result["scores"] = course.scores()
    except RuntimeError as problem:
        result.setdefault("error", str(problem))
    return result


# -- the report ------------------------------------------------------------------------------


def by_kind(submissions, scores: dict) -> dict[str, str]:
    """Mean share of the points each kind of submission earned, e.g. {'correct': '100%'}."""
    shares = defaultdict(list)
    for submission in submissions:
        total, most = scores.get(submission.student, (None, None))
        if total is not None and most:
            shares[submission.kind].append(total / most)
    return {kind: f"{100 * sum(v) / len(v):.0f}%" for kind, v in shares.items() if v}


def report(args, count, ours, theirs, submissions, notes="") -> None:
    """Print the figures, side by side when nbgrader ran."""
    print()
    rows = [("", "kit grade", "nbgrader 0.9.6" if theirs is not None else "")]

    def figures(result):
        if result is None:
            return ("", "", "")
        if "seconds" not in result:
            return ("failed", "", "")
        s = result["seconds"]
        return (f"{s:.1f} s", f"{s / count:.3f} s", f"{count / s:.2f} /s")

    mine, other = figures(ours), figures(theirs)
    for label, a, b in zip(("total", "per submission", "throughput"), mine, other, strict=True):
        rows.append((label, a, b))
    kinds_ours = by_kind(submissions, ours.get("scores", {}))
    kinds_theirs = by_kind(submissions, (theirs or {}).get("scores", {}))
    counts = defaultdict(int)
    for submission in submissions:
        counts[submission.kind] += 1
    for kind in KINDS:
        if counts[kind]:
            rows.append((f"points: {kind} ({counts[kind]})", kinds_ours.get(kind, "?"),
                         kinds_theirs.get(kind, "?") if theirs is not None else ""))  # fmt: skip
    width = max(len(row[0]) for row in rows)
    for label, a, b in rows:
        print(f"  {label:<{width}}  {a:>14}  {b:>16}")
    print()
    print(f"Points: the share of the maximum each kind earned on average. {notes}")
    if "internal_seconds" in ours and "seconds" in ours:
        print(f"kit grade's own clock: {ours['internal_seconds']:.1f} s of the "
              f"{ours['seconds']:.1f} s measured from outside.")  # fmt: skip
    print(f"Load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}.")
    if "seconds" in ours and count == TARGET_COUNT:
        verdict = "met" if ours["seconds"] < TARGET_SECONDS else "NOT met"
        print(f"Target {TARGET_COUNT} submissions in under {TARGET_SECONDS:.0f} s: {verdict} "
              f"({ours['seconds']:.1f} s).")  # fmt: skip
    elif "seconds" in ours:
        print(f"Target {TARGET_COUNT} submissions in under {TARGET_SECONDS:.0f} s: run with "
              f"-n {TARGET_COUNT} to compare.")  # fmt: skip
    if theirs is not None and "seconds" in theirs and "seconds" in ours:
        ratio = theirs["seconds"] / ours["seconds"]
        verdict = "met" if ratio >= TARGET_RATIO else "NOT met"
        print(f"Target at least {TARGET_RATIO:.0f}x nbgrader's throughput: {verdict} "
              f"(kit grade is {ratio:.1f}x nbgrader on the same submissions).")  # fmt: skip


def main(argv=None) -> int:
    """Run the benchmark; exit 0 when it could report, 1 when kit grade could not run."""
    args = parse_args(argv)
    _processes.become_subreaper()
    _processes.exit_on_sigterm()
    tmp = Path(tempfile.mkdtemp(prefix="kit-grading-bench-"))
    try:
        return _run(args, tmp)
    except KitError as error:
        print(f"grading.py: {error}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, SystemExit) as stop:
        print("\nInterrupted: stopping the graders and removing the temporary files.")
        return 130 if isinstance(stop, KeyboardInterrupt) else stop.code
    finally:
        left = _processes.stop_descendants()
        if left:
            print(f"(stopped {left} leftover process{'es' if left > 1 else ''})")
        if args.keep:
            shutil.copytree(tmp, args.keep, dirs_exist_ok=True, ignore_dangling_symlinks=True)
            print(f"Kept the submissions, outputs and logs in {args.keep}")
        shutil.rmtree(tmp, ignore_errors=True)


def _run(args, tmp: Path) -> int:
    from kit.exercises import load_exercise

    exercise = load_exercise(args.exercise)
    released = json.loads(_submissions.released_path(exercise).read_text(encoding="utf-8"))
    slots = _submissions.answer_slots(exercise, released)
    submissions = _submissions.generate(
        exercise, released, count=args.submissions, seed=args.seed, hostile=args.hostile
    )
    counts = defaultdict(int)
    for submission in submissions:
        counts[submission.kind] += 1
    print(f"Machine: {machine()}")
    print("Timings are wall-clock: other work on the machine slows them; rerun when idle.")
    print(f"Exercise {exercise.name}: {len(exercise.questions)} questions, "
          f"{len(slots)} answer cells")  # fmt: skip
    print(
        f"{len(submissions)} submissions (seed {args.seed}): "
        + ", ".join(f"{counts[k]} {k}" for k in KINDS if counts[k])
    )
    print(f"Limits: {args.cell_timeout:g} s per cell and {args.timeout:g} s per notebook in "
          f"kit grade, Execute.timeout = {round(args.cell_timeout)} s per cell in nbgrader "
          "(its default is 30 s); "
          f"{args.memory_mb} MB of memory in both.")  # fmt: skip

    theirs = None
    if args.vs_nbgrader:  # install first, so the one-time cost never lands in a timing
        installed, error = _nbgrader.ensure_installed(log=lambda t: print(t, flush=True))
        if error:
            theirs = {"error": f"nbgrader {_nbgrader.VERSION} could not be installed: {error}"}
        elif installed:
            print(f"nbgrader {_nbgrader.VERSION} installed in {installed:.0f} s "
                  "(one time; not in any timing below)")  # fmt: skip
        else:
            print(f"nbgrader {_nbgrader.VERSION}: reusing {_nbgrader.VENV}")

    folder = tmp / "kit" / "submissions"
    for submission in submissions:
        notebook = _submissions.fill(released, submission.answers, _submissions.released_cell_id)
        path = folder / submission.student / f"{exercise.name}.ipynb"
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    with (tmp / "kinds.csv").open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows(
            [("student", "kind")] + [(s.student, s.kind) for s in submissions]
        )
    out = tmp / "kit" / "out"
    print(f"\n  kit grade on {len(submissions)} submissions (load {_load()}) ...", flush=True)
    ours = run_kit_grade(args, exercise.name, folder, out, tmp / "kit" / "grade.log")
    for note in ours.get("notes", []):
        print(f"  note: {note}")
    if "error" in ours:
        print(f"  kit grade: {ours['error']}")
    ours["scores"] = kit_scores(out)
    try:
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        ours["internal_seconds"] = float(summary["seconds"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    protections = _protections(out)
    if protections:
        print(f"  isolation active in kit grade's children: {protections}")

    if args.vs_nbgrader and theirs is None:
        theirs = run_nbgrader(args, exercise, slots, released, submissions, tmp / "nbgrader")
        if "generate_seconds" in theirs:
            print(f"  (nbgrader generate_assignment: {theirs['generate_seconds']:.1f} s, "
                  "not counted)")  # fmt: skip
    if theirs is not None and "error" in theirs:
        print(f"  nbgrader: {theirs['error']}")
        if "seconds" not in theirs:
            print("  Reporting kit grade alone.")

    manual = sum(q.points for q in exercise.questions if q.manual)
    notes = (
        f"Questions graded by hand ({manual:g} of {exercise.max_points:g} points) count 0 in "
        "both until an instructor grades them."
        if manual
        else ""
    )
    report(args, len(submissions), ours, theirs, submissions, notes)
    return 0 if "seconds" in ours and ours.get("exit") == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
