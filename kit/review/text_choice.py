"""Which text a class annotated: the one the files say, or the one the instructor names.

Every file the Annotator saves records its text's name (slug) and a
fingerprint of its words (``sha256:...``). Without ``--text``, the review
takes the text most files are for; files for other texts are listed, not
read, and the summary says so.

>>> choice = TextChoice(doc=None, note="", counts={"yomiuri-2024-04-06": 30, "other": 1})
>>> choice.several
True
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..errors import ReviewError, TextNotFoundError

_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")


@dataclass
class TextChoice:
    """The text to review, and how the class's files are spread over texts."""

    doc: object
    note: str = ""  # what the summary says about the choice, when there was one to make
    counts: dict = field(default_factory=dict)  # text name -> number of files for it

    @property
    def several(self) -> bool:
        """True when the files are for more than one text."""
        return len(self.counts) > 1


def choose_text(records: list[dict], text=None) -> TextChoice:
    """The text to review from the files' ``records`` (``store.read`` results), or ``text``."""
    from ..texts import load

    counts = Counter(record["text"].get("slug") or "(unnamed)" for record in records)
    titles = {
        record["text"].get("slug") or "(unnamed)": record["text"].get("title") or ""
        for record in records
    }
    if text is not None:
        doc = load(text)
        others = {name: count for name, count in counts.items() if name != doc.slug}
        note = ""
        if others:
            note = (
                f"Some files are for another text ({_listed(others)}); they are listed as "
                "problems, not read."
            )
        return TextChoice(doc, note, dict(counts))
    if not counts:
        raise ReviewError(
            "None of the files records which text it is for (only CSV or JSON-LD exports were "
            "found, or no readable kit file). Name the text: kit review SUBMISSIONS --text "
            "yomiuri-2024-04-06 --out DIR (a text's name, its folder or its .txt file)."
        )
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        raise ReviewError(
            f"The files are for several texts, equally often ({_listed(dict(ranked))}), so the "
            "kit cannot tell which one the class annotated. Name it with --text, e.g. "
            f"--text {ranked[0][0]} (or kit.review(folder, text={ranked[0][0]!r}))."
        )
    slug = ranked[0][0]
    try:
        doc = _seed(slug)
    except TextNotFoundError:
        title = f" (“{titles[slug]}”)" if titles.get(slug) else ""
        raise ReviewError(
            f"The files are for the text {slug!r}{title}, which is not among the kit's texts. "
            "Name its folder or .txt file with --text (kit review SUBMISSIONS --text "
            "path/to/article --out DIR), or add it with kit add-text."
        ) from None
    note = ""
    if len(ranked) > 1:
        others = dict(ranked[1:])
        note = (
            f"The files are for {len(ranked)} texts: {_listed(dict(ranked))}. Reviewed "
            f"{slug!r}, the text most files are for; the files for {_listed(others, numbers=False)} "
            "are listed as problems, not read. To review one of those, name it with --text."
        )
    return TextChoice(doc, note, dict(counts))


def _seed(slug: str):
    """The kit's text named ``slug`` (a student's file names it): never a path to open."""
    from ..texts import load, seeds_folder

    folder = seeds_folder()
    if not _NAME.fullmatch(slug) or not (folder / slug / "text.txt").is_file():
        raise TextNotFoundError(f"no text called {slug!r}")
    return load(folder / slug)


def _listed(counts: dict, numbers: bool = True) -> str:
    return ", ".join(
        f"{name!r} ({number} file{'' if number == 1 else 's'})" if numbers else repr(name)
        for name, number in counts.items()
    )
