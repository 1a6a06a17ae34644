"""Checks before comparing labels: the same text, and labels of one scheme, spelled its way.

Labels tables carry their text and scheme in ``attrs`` (``text``, ``text_hash``,
``scheme``, ``labels``); pandas keeps them through filtering, sorting and
copying. Where they are lost (a table built by hand, or stacked from several
texts), the sentences' own words still tell one text from another.

>>> import pandas as pd
>>> table = pd.DataFrame({"annotator": "me", "sentence_id": [1, 2], "label": ["Fact", "OPINION"]})
>>> checked_labels(table, "claims", "your labels").label.tolist()
['fact', 'opinion']
"""

from __future__ import annotations

from ..errors import AnnotationError


def text_of(table) -> tuple[str | None, str | None]:
    """The (text name, text hash) a labels table says it belongs to, where it says so."""
    return table.attrs.get("text"), table.attrs.get("text_hash")


def check_same_text(first, second, unit="sentence", names=("your labels", "the key")) -> None:
    """Refuse two labels tables of different texts (by their attrs, or by their sentences)."""
    (name_a, hash_a), (name_b, hash_b) = text_of(first), text_of(second)
    if hash_a and hash_b and hash_a != hash_b:
        same = name_a == name_b
        raise AnnotationError(
            f"{names[0].capitalize()} are for {name_a!r} and {names[1]} for {name_b!r}"
            + (" (another version of the text)" if same else "")
            + ": they cannot be compared. Use labels and key of the same text, e.g. "
            "kit.compare(annotator, kit.expert_key(annotator.doc))."
        )
    sentence_unit = unit == "sentence"
    wanted = {"sentence_id", "start", "end"}
    if sentence_unit and wanted <= set(first.columns) and wanted <= set(second.columns):
        places = second.drop_duplicates("sentence_id").set_index("sentence_id")[["start", "end"]]
        for row in first.itertuples(index=False):
            if row.sentence_id in places.index:
                start, end = places.loc[row.sentence_id]
                if (row.start, row.end) != (start, end):
                    raise AnnotationError(
                        f"Sentence {row.sentence_id} is not the same sentence in {names[0]} "
                        f"and in {names[1]}: they were made for different texts (or versions "
                        "of a text) and cannot be compared."
                    )


def check_one_text(table) -> None:
    """Refuse a stacked table whose annotators labelled different texts (sentence labels)."""
    if table.attrs.get("unit") == "span" or not {"start", "end"} <= set(table.columns):
        return
    if table.groupby(["annotator", "sentence_id"]).size().gt(1).any():
        return  # phrase labels: places differ by design
    places = table.groupby("sentence_id")[["start", "end"]].nunique()
    split = places[(places.start > 1) | (places.end > 1)]
    if len(split):
        raise AnnotationError(
            f"These labels disagree on where sentence {split.index[0]} is: they come from "
            "different texts (or versions of a text). Stack only labels of one text, e.g. "
            "kit.read_annotations(folder, doc) with the doc everyone labelled."
        )


def scheme_for(table, scheme=None):
    """The scheme the labels should use: ``scheme=`` if given, else the table's own."""
    from .scheme import load_scheme, schemes

    if scheme is not None:
        return load_scheme(scheme)
    name = table.attrs.get("scheme")
    if name in schemes():
        shipped = load_scheme(name)
        if tuple(table.attrs.get("labels") or shipped.ids) == shipped.ids:
            return shipped
    return None


def checked_labels(table, scheme, what: str):
    """``table`` with its labels as the scheme's ids ("Fact" → "fact"); an error names the
    rows whose label the scheme does not have. Without a scheme, labels are only mixed-checked.
    """
    from .scheme import load_scheme, schemes

    if scheme is None:
        _check_not_mixed(table, what)
        return table
    scheme = load_scheme(scheme)
    fixed, unknown = ids_of_labels(table, scheme)
    if unknown:
        shipped = [name for name in schemes() if name != scheme.name]
        other = next(
            (
                name
                for name in shipped
                if all(_has(load_scheme(name), label) for label in table.label)
            ),
            None,
        )
        hint = f" They look like labels of the {other!r} scheme." if other else ""
        raise AnnotationError(
            f"{what.capitalize()} hold label(s) that are not in the {scheme.name!r} scheme — "
            + "; ".join(unknown[:8])
            + ("; …" if len(unknown) > 8 else "")
            + f".{hint} Its labels are: {', '.join(scheme.ids)}. Correct the spelling, or "
            "compare labels of one scheme."
        )
    if fixed != list(table.label):
        attrs = dict(table.attrs)
        table = table.copy()
        table["label"] = fixed
        table.attrs.update(attrs)
    return table


def ids_of_labels(table, scheme) -> tuple[list, list[str]]:
    """Each row's label as the scheme's id ("Fact" → "fact"), and the rows it does not have,
    worded for a message ("sentence 2: 'opnion'")."""
    from ..errors import SchemeError

    fixed, unknown = [], []
    seen: dict[str, str | None] = {}  # a class of 300 repeats a handful of words
    for row in table[["sentence_id", "label"]].itertuples(index=False):
        label = row.label
        if isinstance(label, str) and label in seen:
            found = seen[label]
        else:
            try:
                found = scheme.label(label).id
            except SchemeError:
                found = None
            if isinstance(label, str):
                seen[label] = found
        if found is None:
            fixed.append(label)
            unknown.append(f"sentence {row.sentence_id}: {label!r}")
        else:
            fixed.append(found)
    return fixed, unknown


def _has(scheme, label) -> bool:
    try:
        scheme.label(label)
    except Exception:
        return False
    return True


def _check_not_mixed(table, what: str) -> None:
    """Labels of no known scheme are fine (a custom one), but not labels of two shipped ones."""
    from .scheme import load_scheme, schemes

    values = set(table.label)
    owners = {name for name in schemes() for value in values if _has(load_scheme(name), value)}
    fits_one = any(all(_has(load_scheme(name), v) for v in values) for name in owners)
    if len(owners) > 1 and not fits_one:
        raise AnnotationError(
            f"{what.capitalize()} mix labels of several schemes ({', '.join(sorted(owners))}): "
            "compare labels of one scheme at a time."
        )
