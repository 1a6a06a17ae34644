"""Annotation schemes as data: the labels, what each means, and an example.

A scheme is a TOML file. The kit ships ``claims`` (one label per sentence)
and ``techniques`` (labels on phrases); an instructor can pass the path of
their own file instead of a name.

>>> claims = load_scheme("claims")
>>> claims.ids
('fact', 'opinion', 'prediction', 'speculation', 'mixed')
>>> claims.label("Fact").definition.split(" — ")[0]
'A statement that can be checked against the record'
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import SchemeError, describe

SCHEMES_FOLDER = Path(__file__).resolve().parent / "schemes"
UNITS = ("sentence", "span")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_FALLBACK_COLORS = ("#4e79a7", "#e15759", "#f28e2b", "#b07aa1", "#9c755f", "#76b7b2", "#59a14f")


@dataclass(frozen=True)
class Label:
    """One label of a scheme: its id (used in files), display name, definition, example."""

    id: str
    name: str
    definition: str
    example: str
    color: str


@dataclass(frozen=True, repr=False)
class Scheme:
    """A set of labels and the unit they apply to (``sentence`` or ``span``)."""

    name: str
    title: str
    unit: str
    description: str
    source: str
    labels: tuple[Label, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """The label ids, in the scheme's order."""
        return tuple(label.id for label in self.labels)

    @property
    def marks_spans(self) -> bool:
        """True when students label phrases, not whole sentences."""
        return self.unit == "span"

    def label(self, given) -> Label:
        """The label named ``given`` (its id or display name, any case).

        >>> load_scheme("techniques").label("name calling").id
        'name_calling'
        """
        if isinstance(given, Label):
            given = given.id
        if not isinstance(given, str):
            raise SchemeError(
                f"A label is a word in quotes, like {self.ids[0]!r}, not {describe(given)}. "
                f"The labels of {self.name!r} are: {', '.join(self.ids)}."
            )
        wanted = _simplify(given)
        for label in self.labels:
            if wanted in (_simplify(label.id), _simplify(label.name)):
                return label
        close = difflib.get_close_matches(wanted, [_simplify(i) for i in self.ids], n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise SchemeError(
            f"{given!r} is not a label of the {self.name!r} scheme.{hint} "
            f"Its labels are: {', '.join(self.ids)}."
        )

    def __repr__(self) -> str:
        unit = "one label per sentence" if self.unit == "sentence" else "labels on phrases"
        return f"<Scheme {self.name!r} ({unit}): {', '.join(self.ids)}>"

    def describe(self) -> str:
        """The labels with their definitions and examples, as plain text.

        >>> print(load_scheme("claims").describe().splitlines()[2])
        fact — Fact: A statement that can be checked against the record — proved or disproved by evidence — whether it is true or not. Example: “The city council approved the new budget by seven votes to two on Tuesday.”
        """
        lines = [self.title, ""]
        for label in self.labels:
            lines.append(
                f"{label.id} — {label.name}: {label.definition} Example: “{label.example}”"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        import html

        rows = "".join(
            f"<tr><td><span style='background:{label.color};color:white;padding:0 .4em;"
            f"border-radius:3px'>{html.escape(label.name)}</span></td>"
            f"<td><code>{label.id}</code></td><td>{html.escape(label.definition)}</td>"
            f"<td><em>{html.escape(label.example)}</em></td></tr>"
            for label in self.labels
        )
        return (
            f"<p><strong>{html.escape(self.title)}</strong></p>"
            "<table><tr><th>Label</th><th>id</th><th>Meaning</th><th>Example</th></tr>"
            f"{rows}</table><p style='font-size:smaller'>{html.escape(self.source)}</p>"
        )


def _simplify(word: str) -> str:
    return re.sub(r"[\s_\-/]+", "_", word.strip().lower())


def schemes() -> list[str]:
    """The names of the schemes that come with the kit.

    >>> schemes()
    ['claims', 'techniques']
    """
    return sorted(path.stem for path in SCHEMES_FOLDER.glob("*.toml"))


def load_scheme(scheme: str | os.PathLike | Scheme = "claims") -> Scheme:
    """A scheme by its name (``"claims"``, ``"techniques"``) or the path of a TOML file.

    >>> load_scheme("techniques").unit
    'span'
    """
    if isinstance(scheme, Scheme):
        return scheme
    if not isinstance(scheme, (str, os.PathLike)):
        raise SchemeError(
            f"A scheme is a name like 'claims' or the path of a .toml file, not {describe(scheme)}."
        )
    path = Path(scheme).expanduser()
    if isinstance(scheme, str) and (SCHEMES_FOLDER / f"{scheme}.toml").is_file():
        path = SCHEMES_FOLDER / f"{scheme}.toml"
    elif not path.is_file():
        raise SchemeError(
            f"There is no scheme called {str(scheme)!r}. The kit's schemes are "
            f"{', '.join(schemes())}; or give the path of your own .toml file "
            f"(copy {SCHEMES_FOLDER / 'claims.toml'} to start one)."
        )
    try:
        state = path.stat()
        version = (str(path.resolve()), state.st_mtime_ns, state.st_size)
        if version in _LOADED:  # kit review reads one scheme per student's file
            return _LOADED[version]
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SchemeError(f"The scheme file {path} is not valid TOML: {error}.") from None
    except OSError as error:
        raise SchemeError(f"Could not read the scheme file {path}: {error.strerror}.") from None
    loaded = _scheme_from(data, path)
    _check_name(loaded, path)
    if len(_LOADED) > 64:
        _LOADED.clear()
    _LOADED[version] = loaded
    return loaded


_LOADED: dict[tuple, Scheme] = {}  # frozen schemes by file, modification time and size


def _check_name(scheme: Scheme, path: Path) -> None:
    """A file of one's own may not pass as a shipped scheme with other labels."""
    shipped = SCHEMES_FOLDER / f"{scheme.name}.toml"
    if path.resolve().parent == SCHEMES_FOLDER or not shipped.is_file():
        return
    original = load_scheme(scheme.name)
    if set(scheme.ids) != set(original.ids) or scheme.unit != original.unit:
        raise SchemeError(
            f"The scheme file {path} is called {scheme.name!r}, like the kit's own scheme, but "
            f"its labels differ ({', '.join(scheme.ids)} instead of "
            f"{', '.join(original.ids)}). Rename it: in its [scheme] section write a name of "
            f'your own, e.g. name = "my_{scheme.name}", so its labels are never mixed with '
            f"the kit's {scheme.name!r} labels or compared with their expert key."
        )


def _scheme_from(data: dict, path: Path) -> Scheme:
    where = f"The scheme file {path}"
    head = data.get("scheme", {})
    if not isinstance(head, dict):
        raise SchemeError(f"{where}: [scheme] must be a table, like in claims.toml.")
    unit = head.get("unit", "sentence")
    if unit not in UNITS:
        raise SchemeError(f"{where}: unit must be 'sentence' or 'span', not {unit!r}.")
    entries = data.get("labels")
    if not isinstance(entries, list) or not entries:
        raise SchemeError(
            f"{where} has no labels. Give each one as a [[labels]] table with id, name, "
            "definition and example (see claims.toml)."
        )
    labels, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise SchemeError(f"{where}: label {number} must be a [[labels]] table.")
        missing = [key for key in ("id", "name", "definition", "example") if not entry.get(key)]
        if missing:
            raise SchemeError(f"{where}: label {number} has no {', '.join(missing)}.")
        fields = {key: entry[key] for key in ("id", "name", "definition", "example")}
        wrong = [key for key, value in fields.items() if not isinstance(value, str)]
        if wrong:
            raise SchemeError(f"{where}: label {number}'s {wrong[0]} must be text in quotes.")
        if not _ID.match(fields["id"]):
            raise SchemeError(
                f"{where}: label id {fields['id']!r} must be lower-case letters, digits or _ "
                "(like 'loaded_language'), starting with a letter."
            )
        if _simplify(fields["id"]) in seen or _simplify(fields["name"]) in seen:
            raise SchemeError(f"{where}: the label {fields['id']!r} appears twice.")
        seen |= {_simplify(fields["id"]), _simplify(fields["name"])}
        color = entry.get("color", _FALLBACK_COLORS[(number - 1) % len(_FALLBACK_COLORS)])
        if not isinstance(color, str) or not _COLOR.match(color):
            raise SchemeError(
                f"{where}: label {fields['id']!r} has color {color!r}; write it like '#4e79a7'."
            )
        labels.append(Label(color=color, **fields))
    name = head.get("name", path.stem)
    if not isinstance(name, str) or not _ID.match(name):
        raise SchemeError(
            f"{where}: the scheme's name must be lower-case letters, digits or _, not {name!r}."
        )
    return Scheme(
        name=name,
        title=str(head.get("title", name)),
        unit=unit,
        description=str(head.get("description", "")),
        source=str(head.get("source", "")),
        labels=tuple(labels),
    )
