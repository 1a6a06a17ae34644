"""How fast `kit.agreement` and `kit.review` are for a class of 30, 100 and 300 students.

Each class is `kit.synthetic_class` on the seed (claims scheme, one label per sentence),
seeded so every run measures the same labels. Three timings per class size:

- `agreement` on the full class (every student labelled every sentence);
- `agreement` on the same class with a share of its labels dropped (`--missing`, default 10%),
  so alpha runs on incomplete sentences and Fleiss' kappa on the complete ones;
- `kit.review` on a submissions folder of the class's annotation files, written by the kit's
  own writer (what the Annotator saves), timed from the call to the returned review.

With `--phrases` it also times `agreement` on the techniques scheme (phrase labels compared as
sets, MASI distance). Each figure is the best of `--repeat` runs (wall clock, in-process,
imports done beforehand).

    .venv/bin/python benchmarks/agreement.py [--sizes 30 100 300] [--repeat 3] [--phrases]

Timings are sensitive to other load on the machine: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import kit
from kit.annotate import store

SEED_TEXT = "yomiuri-2024-04-06"


def parse_args(argv=None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Speed is reported, never asserted. Rerun on an idle machine for figures to quote.",
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[30, 100, 300], help="class sizes (2 to 500)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best counts")
    parser.add_argument("--seed", type=int, default=5, help="seed of the generated class")
    parser.add_argument(
        "--missing",
        type=float,
        default=0.10,
        metavar="FRACTION",
        help="share of labels dropped for the 'with gaps' timing (default 0.10)",
    )
    parser.add_argument(
        "--phrases", action="store_true", help="also time the techniques scheme (label sets)"
    )
    parser.add_argument("--no-review", action="store_true", help="skip the kit.review timings")
    args = parser.parse_args(argv)
    if not all(2 <= n <= 500 for n in args.sizes):
        parser.error("--sizes are from 2 to 500 (what kit.synthetic_class makes)")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if not 0 <= args.missing < 1:
        parser.error("--missing is a fraction from 0 to below 1")
    return args


def machine() -> str:
    """Cores and load, to read the figures by."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores, load average {load}; Python {platform.python_version()} "
        f"on {platform.system()} {platform.release()}"
    )


def best_of(repeat: int, work) -> tuple[float, object]:
    """The shortest wall-clock time of ``repeat`` calls of ``work()``, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def with_gaps(labels, fraction: float, seed: int):
    """The class with ``fraction`` of its labels dropped at random (students who skipped)."""
    keep = random.Random(seed).choices([True, False], [1 - fraction, fraction], k=len(labels))
    part = labels[keep].reset_index(drop=True)
    part.attrs.update(labels.attrs)
    return part


def write_submissions(root: Path, doc, labels) -> None:
    """One folder per student holding the annotations file the Annotator would save."""
    scheme = kit.load_scheme("claims")
    for name, part in labels.groupby("annotator"):
        entries = [
            {field: row[field] for field in store.LABEL_FIELDS} for row in part.to_dict("records")
        ]
        path = root / name / f"{doc.slug}.claims.json"
        path.parent.mkdir(parents=True)
        store.save(path, doc=doc, scheme=scheme, annotator=name, labels=entries)


def main(argv=None) -> None:
    args = parse_args(argv)
    doc = kit.load(SEED_TEXT)
    kit.agreement(kit.synthetic_class(doc, n=3, seed=0))  # imports pandas and NLTK, untimed
    print(f"kit.agreement and kit.review on {SEED_TEXT} ({len(doc.sentences)} sentences)")
    print(machine())
    print(f"best of {args.repeat}; seed {args.seed}; gaps: {args.missing:.0%} of labels dropped\n")
    header = f"{'students':>8}  {'agreement':>10}  {'with gaps':>10}"
    header += "" if args.no_review else f"  {'kit.review':>10}"
    header += f"  {'phrases':>10}" if args.phrases else ""
    header += "   alpha / kappa (full class)"
    print(header)
    for n in args.sizes:
        labels = kit.synthetic_class(doc, n=n, seed=args.seed)
        full, result = best_of(args.repeat, lambda labels=labels: kit.agreement(labels))
        gappy = with_gaps(labels, args.missing, args.seed)
        gaps, _ = best_of(args.repeat, lambda gappy=gappy: kit.agreement(gappy))
        row = f"{n:>8}  {full:>9.3f}s  {gaps:>9.3f}s"
        if not args.no_review:
            with tempfile.TemporaryDirectory(prefix="kit-bench-agreement-") as folder:
                write_submissions(Path(folder), doc, labels)
                seconds, _ = best_of(args.repeat, lambda folder=folder: kit.review(folder))
            row += f"  {seconds:>9.3f}s"
        if args.phrases:
            phrases = kit.synthetic_class(doc, n=n, seed=args.seed, scheme="techniques")
            seconds, _ = best_of(args.repeat, lambda phrases=phrases: kit.agreement(phrases))
            row += f"  {seconds:>9.3f}s"
        row += f"   {result.alpha:.4f} / {result.fleiss_kappa:.4f}"
        print(row, flush=True)
    print(f"\nload average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
