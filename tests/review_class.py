"""A generated class for the review tests: 30 students' real annotation files, and broken ones.

The files are written by the kit's own writer (``kit.annotate.store.save``,
what the Annotator calls), so the review reads exactly what students hand in.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from conftest import ARTICLES, SEED, SEED_FOLDER

import kit
from kit.annotate import store

STUDENTS = 30
ODD_NAME = '<img src=x onerror="alert(1)"> & Zoë'


def save_labels(path: Path, doc, name: str, rows, scheme="claims") -> None:
    """Save ``rows`` (dicts or a labels table) as the kit's annotations file at ``path``."""
    if hasattr(rows, "to_dict"):
        rows = rows.to_dict("records")
    entries = [{field: row[field] for field in store.LABEL_FIELDS} for row in rows]
    path.parent.mkdir(parents=True, exist_ok=True)
    store.save(path, doc=doc, scheme=kit.load_scheme(scheme), annotator=name, labels=entries)


def make_class(root: Path, seed: int = 7):
    """30 students (one with a name full of HTML) and 3 broken files in 3 more folders.

    Returns the synthetic labels table the files were written from, with
    each annotator renamed to the student's folder.
    """
    doc = kit.load(SEED)
    labels = kit.synthetic_class(doc, n=STUDENTS, seed=seed)
    names = sorted(labels.annotator.unique())
    folders = {name: f"student{number:02d}" for number, name in enumerate(names, start=1)}
    for name, part in labels.groupby("annotator"):
        shown = ODD_NAME if folders[name] == "student01" else name
        save_labels(root / folders[name] / f"{SEED}.claims.json", doc, shown, part)
        (root / folders[name] / "ex01.ipynb").write_text("{}", encoding="utf-8")
    labels = labels.assign(annotator=labels.annotator.map(folders))
    # 1. a kit file cut short mid-save
    whole = (root / "student02" / f"{SEED}.claims.json").read_text(encoding="utf-8")
    (root / "truncated").mkdir()
    (root / "truncated" / f"{SEED}.claims.json").write_text(whole[: len(whole) // 2])
    # 2. another text's file
    other = kit.load(ARTICLES / "oakridge-library-oped")
    first = other.sentences.iloc[0]
    save_labels(
        root / "othertext" / "oakridge.claims.json",
        other,
        "olly",
        [
            {
                "sentence_id": 1,
                "label": "opinion",
                "note": "",
                "start": int(first.start),
                "end": int(first.end),
                "phrase": first.text,
            }
        ],
    )
    # 3. JSON that is not the kit's
    (root / "notkit").mkdir()
    (root / "notkit" / "settings.json").write_text(json.dumps({"theme": "dark"}))
    return labels


def key_from_csv() -> dict[int, set[str]]:
    """The expert key read straight from key_claims.csv: sentence -> accepted labels."""
    with open(SEED_FOLDER / "key_claims.csv", encoding="utf-8-sig", newline="") as handle:
        return {
            int(row["sentence_id"]): {row["label"].strip().lower()}
            | {
                part.strip().lower()
                for part in re.split(r"[;,]", row["alternatives"] or "")
                if part.strip()
            }
            for row in csv.DictReader(handle)
        }
