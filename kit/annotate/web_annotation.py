"""W3C Web Annotation (JSON-LD): labels as annotations other tools can place, and back.

Each label becomes an ``Annotation`` with a classifying ``TextualBody`` (the
label), an optional commenting body (the note), and a target with a
``TextQuoteSelector`` (the exact words with some text before and after) and a
``TextPositionSelector`` (character offsets). See
https://www.w3.org/TR/annotation-model/. Reading back prefers the offsets
when they point at the quoted words, and otherwise finds the quote.

>>> from kit.annotate.web_annotation import is_web_annotation
>>> is_web_annotation({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation"})
True
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from ..errors import AnnotationFileError
from . import store
from .labels import labels_table, tidy_labels
from .phrases import find_phrase

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
# The kit's one extension term, declared in an extension context as the model asks:
# which scheme the labels come from, so they read back as that scheme's.
KIT_CONTEXT = {"kit": "urn:x-media-literacy-kit:"}
SCHEME_TERM = "kit:scheme"
_AFFIX = 32  # characters of prefix and suffix in a TextQuoteSelector


def text_iri(doc) -> str:
    """An identifier for the text that names it and pins its exact version."""
    return f"urn:x-media-literacy-kit:text:{doc.slug}#{store.text_hash(doc.text)}"


def collection(labels, doc, scheme) -> dict:
    """The labels table as a W3C ``AnnotationCollection``."""
    items = [_annotation(row, doc, scheme) for row in labels.itertuples(index=False)]
    names = sorted(set(labels.annotator))
    collection_id = collection_iri(doc, scheme, names)
    return {
        "@context": [ANNO_CONTEXT, KIT_CONTEXT],
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": f"{scheme.name} labels on {doc.title}",
        SCHEME_TERM: scheme.name,
        "total": len(items),
        "first": {
            "id": f"{collection_id}:page-1",
            "type": "AnnotationPage",
            "partOf": collection_id,
            "startIndex": 0,
            "items": items,
        },
    }


def collection_iri(doc, scheme, annotators) -> str:
    """A stable identifier for one person's (or a group's) labels of a text with a scheme.

    The same labeller, text version and scheme always give the same id, so a
    re-export replaces, rather than duplicates, the collection in another tool.

    >>> import kit
    >>> doc = kit.Document.from_string("Veto\\n\\nRussia vetoed.", slug="veto")
    >>> collection_iri(doc, kit.load_scheme("claims"), ["Ana B"])
    'urn:x-media-literacy-kit:collection:veto:claims:Ana%20B:sha256-107e3556c8a8'
    """
    who = ",".join(quote(name, safe="") for name in annotators) or "nobody"
    version = store.text_hash(doc.text).replace(":", "-")[:19]
    return f"urn:x-media-literacy-kit:collection:{quote(doc.slug, safe='')}:{scheme.name}:{who}:{version}"


def _annotation(row, doc, scheme) -> dict:
    text = doc.text
    bodies = [
        {
            "type": "TextualBody",
            "purpose": "classifying",
            "value": row.label,
        }
    ]
    if row.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": row.note})
    return {
        "id": f"urn:x-media-literacy-kit:label:{quote(doc.slug, safe='')}:"
        f"{quote(row.annotator, safe='')}:{row.sentence_id}:{row.start}-{row.end}:{row.label}",
        "type": "Annotation",
        "motivation": "classifying",
        SCHEME_TERM: scheme.name,
        "creator": {"type": "Person", "name": row.annotator},
        "body": bodies,
        "target": {
            "source": text_iri(doc),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": text[row.start : row.end],
                    "prefix": text[max(0, row.start - _AFFIX) : row.start],
                    "suffix": text[row.end : row.end + _AFFIX],
                },
                {"type": "TextPositionSelector", "start": int(row.start), "end": int(row.end)},
            ],
        },
    }


def is_web_annotation(data) -> bool:
    if isinstance(data, list):
        return bool(data) and all(is_web_annotation(item) for item in data)
    if not isinstance(data, dict):
        return False
    context = data.get("@context")
    contexts = context if isinstance(context, list) else [context]
    return ANNO_CONTEXT in contexts or data.get("type") in ("Annotation", "AnnotationPage")


def _items(data) -> list[dict]:
    if isinstance(data, list):
        return [item for part in data for item in _items(part)]
    kind = data.get("type")
    if kind == "AnnotationCollection":
        first = data.get("first")
        return _items(first) if isinstance(first, dict) else []
    if kind == "AnnotationPage":
        found = list(data.get("items", []))
        following = data.get("next")
        return found + (_items(following) if isinstance(following, dict) else [])
    return [data]


def read_web_annotation(data, path: Path, doc):
    """The labels in Web Annotation ``data`` (read from ``path``), placed in ``doc``."""
    sentences = [(r.sentence_id, r.start, r.end) for r in doc.sentences.itertuples()]
    by_annotator: dict[str, list[dict]] = {}
    named: set[str | None] = set()
    for number, item in enumerate(_items(data), start=1):
        where = f"{path}, annotation {number}"
        bodies = item.get("body", [])
        bodies = bodies if isinstance(bodies, list) else [bodies]
        label_body = next((b for b in bodies if isinstance(b, dict) and _is_label(b, item)), {})
        label = label_body.get("value")
        named.add(
            item.get(SCHEME_TERM) or (data.get(SCHEME_TERM) if isinstance(data, dict) else None)
        )
        note = next(
            (
                b.get("value")
                for b in bodies
                if isinstance(b, dict) and b.get("purpose") == "commenting"
            ),
            "",
        )
        if not isinstance(label, str):
            raise AnnotationFileError(f"{where} has no classifying body with a label value.")
        start, end = _place(item.get("target"), doc, where)
        sentence_id = next((s for s, first, last in sentences if first <= start < last), None)
        if sentence_id is None:
            raise AnnotationFileError(f"{where} points outside the text's sentences.")
        creator = item.get("creator") or {}
        name = creator.get("name", "") if isinstance(creator, dict) else str(creator)
        entry = {
            "sentence_id": sentence_id,
            "label": label,
            "note": note or "",
            "start": start,
            "end": end,
            "phrase": doc.text[start:end],
        }
        by_annotator.setdefault(name, []).append(entry)
    return stack(by_annotator), (named.pop() if len(named) == 1 else None)


def _is_label(body: dict, item: dict) -> bool:
    purpose = body.get("purpose") or item.get("motivation")
    return purpose in ("classifying", "tagging")


def _place(target, doc, where: str) -> tuple[int, int]:
    """Offsets from a TextPositionSelector when its words match the quote, else from the quote."""
    if isinstance(target, list):
        target = target[0] if target else None
    selectors = target.get("selector", []) if isinstance(target, dict) else []
    selectors = selectors if isinstance(selectors, list) else [selectors]
    quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), None)
    position = next((s for s in selectors if s.get("type") == "TextPositionSelector"), None)
    text = doc.text
    if position is not None:
        start, end = position.get("start"), position.get("end")
        if (
            isinstance(start, int)
            and isinstance(end, int)
            and 0 <= start < end <= len(text)
            and (quote is None or text[start:end] == quote.get("exact"))
        ):
            return start, end
    if quote is not None and isinstance(quote.get("exact"), str) and quote["exact"]:
        exact = quote["exact"]
        context = quote.get("prefix", "") + exact + quote.get("suffix", "")
        hits = [
            first + len(quote.get("prefix", ""))
            for first, _ in find_phrase(text, context, whole_words=False)
        ]
        hits = hits or [first for first, _ in find_phrase(text, exact, whole_words=False)]
        if len(hits) == 1:
            return hits[0], hits[0] + len(exact)
    raise AnnotationFileError(
        f"{where}: its selectors do not point at words of this text ({doc.slug!r})."
    )


def stack(by_annotator: dict[str, list[dict]]):
    """One labels table from {annotator: [label dicts]}."""
    import pandas as pd

    tables = [labels_table(entries, name) for name, entries in by_annotator.items()]
    if not tables:
        return labels_table([], "")
    return tidy_labels(pd.concat(tables, ignore_index=True))
