"""The checks: data that says what a right answer looks like, and how to score one.

A check is a small table in a question's settings, e.g. ``check = "one_of"``
with ``values = [...]``. Each kind of question has its own checks; every check
scores *plain data* (see ``plain.py``) and gives one feedback line in plain
words. A check that fails says what to look at again; a hidden check never
shows the expected answer.

>>> check = Check.from_data({"check": "one_of", "values": ["fact", "opinion"]}, kind="label")
>>> check.run("Opinion ").line
'passed: your answer is one of the labels.'
>>> check.run("rumour").line
'look again: “rumour” is not one of the labels. Choose one of: fact, opinion.'
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from dataclasses import dataclass, field

from ..errors import ExerciseFormatError
from .dates import EXAMPLE, date_problem, form_line, read_date, written
from .plain import MARK, is_marker


@dataclass(frozen=True)
class Outcome:
    """What one check made of an answer: a fraction of the points (0 to 1) and a line."""

    fraction: float
    line: str
    # A line about the answer's form (e.g. a date that cannot be read), not its content: the
    # instructor's message, about the content, is not added to it.
    about_form: bool = False


# -- the kinds of question and the checks each one takes ---------------------

KINDS = {
    "label": "one label from a set, as text in quotes",
    "labels": "a list of labels from a set",
    "phrases": "a list of words or phrases from the text",
    "spans": "places in the text: a list of [start, end] character offsets, or a table with start and end",
    "number": "a number",
    "text": "a short text in quotes",
    "dataframe": "a table (a pandas DataFrame)",
    "chart": "a chart (the matplotlib Axes a plot returns)",
}

# check name -> (kinds it applies to, required settings, optional settings)
CHECKS: dict[str, tuple[set[str], set[str], set[str]]] = {
    "one_of": ({"label", "labels"}, {"values"}, set()),
    "equals": ({"label", "text"}, {"expected"}, {"normalise"}),
    "is_date": ({"text"}, set(), set()),
    "count": ({"labels", "phrases", "spans"}, set(), {"min", "max"}),
    "in_text": ({"phrases", "text"}, set(), {"text", "article"}),
    "item_words": ({"labels", "phrases"}, {"max"}, {"min"}),
    "matches": (
        {"labels", "phrases", "spans"},
        {"expected"},
        {"match", "pass_at", "partial", "score"},
    ),
    "between": ({"number"}, set(), {"min", "max"}),
    "close_to": ({"number"}, {"expected"}, {"tolerance"}),
    "whole": ({"number"}, set(), set()),
    "words": ({"text"}, set(), {"min", "max"}),
    "contains": ({"text"}, {"phrases"}, {"all"}),
    "columns": ({"dataframe"}, {"names"}, set()),
    "rows": ({"dataframe"}, set(), {"min", "max"}),
    "values": ({"dataframe"}, {"expected"}, {"tolerance", "ignore_order", "partial", "key"}),
    "chart_type": ({"chart"}, {"type"}, set()),
    "labelled": ({"chart"}, set(), {"title", "xlabel", "ylabel"}),
    "title_mentions": ({"chart"}, {"words"}, {"all"}),
    "label_mentions": ({"chart"}, {"axis", "words"}, {"all"}),
    "starts_at_zero": ({"chart"}, set(), {"axis"}),
    "bars": ({"chart"}, {"heights"}, {"labels", "tolerance", "partial"}),
    "line": ({"chart"}, {"y"}, {"x", "tolerance"}),
}
_COMMON = {"check", "message"}

# The checks whose expected values may come from the source's own solution
# (``from_solution = true``): check name -> the settings the solution's value fills in.
FROM_SOLUTION: dict[str, tuple[str, ...]] = {
    "equals": ("expected",),
    "matches": ("expected",),
    "close_to": ("expected",),
    "values": ("expected",),
    "bars": ("heights", "labels"),
    "line": ("y", "x"),
    "rows": ("min", "max"),
    "count": ("min", "max"),
}


@dataclass(frozen=True)
class Check:
    """One check of a question: its name, its settings, and an optional message.

    ``message`` replaces the generated line when the check fails, and follows it
    when the answer is partly right: write it for the student ("Look at the
    verb: does the writer report or predict?").
    """

    name: str
    settings: dict = field(default_factory=dict)
    message: str | None = None
    hidden: bool = False
    kind: str = ""

    @classmethod
    def from_data(cls, data, *, kind: str, hidden: bool = False, where: str = "") -> Check:
        """Build a check from its settings table, or raise ``ExerciseFormatError``.

        >>> Check.from_data({"check": "whole"}, kind="number").name
        'whole'
        """
        where = where or f"a {kind} question"
        if type(data) is not dict or "check" not in data:
            raise ExerciseFormatError(
                f'In {where}: each check needs a line `check = "..."` naming it '
                f"(for a {kind} question: {', '.join(_checks_for(kind))})."
            )
        name = data["check"]
        if type(name) is not str or name not in CHECKS or kind not in CHECKS[name][0]:
            raise ExerciseFormatError(
                f"In {where}: there is no check {name!r} for a {kind} question"
                f"{_did_you_mean(name, _checks_for(kind))}. The checks for {kind} "
                f"questions are: {', '.join(_checks_for(kind))}."
            )
        _, required, optional = CHECKS[name]
        from_solution = data.get("from_solution", False)
        if type(from_solution) is not bool:
            raise ExerciseFormatError(f"In {where}: `from_solution` must be true or false.")
        if from_solution:
            required, optional = _from_solution_keys(name, data, where)
        missing = sorted(required - data.keys())
        if missing:
            raise ExerciseFormatError(
                f"In {where}: the {name!r} check needs {_and(missing)} (e.g. `{missing[0]} = ...`)."
            )
        allowed = required | optional | _COMMON | ({"from_solution"} if from_solution else set())
        for key in data:
            if key not in allowed:
                raise ExerciseFormatError(
                    f"In {where}: the {name!r} check has no setting {key!r}"
                    f"{_did_you_mean(key, allowed)}. It takes: {', '.join(sorted(allowed))}."
                )
        message = data.get("message")
        if message is not None and type(message) is not str:
            raise ExerciseFormatError(f"In {where}: `message` must be text in quotes.")
        settings = {key: value for key, value in data.items() if key not in _COMMON}
        if not from_solution:
            settings.pop("from_solution", None)  # `from_solution = false`: a plain check
        _validate(name, settings, where, kind)
        return cls(name, settings, message, hidden, kind)

    @property
    def from_solution(self) -> bool:
        """Whether the expected value is the solution's answer, filled in by ``resolve``."""
        return self.settings.get("from_solution") is True

    def resolve(self, value, where: str = "") -> Check:
        """This check with its expected value taken from the solution's plain ``value``
        (a check without ``from_solution`` comes back as it is).

        >>> check = Check.from_data({"check": "close_to", "from_solution": True}, kind="number")
        >>> check.resolve(22).settings
        {'expected': 22}
        """
        if not self.from_solution:
            return self
        where = where or f"a {self.kind} question"
        settings = {k: v for k, v in self.settings.items() if k not in ("from_solution", "columns")}
        found = _solution_settings(self.name, self.kind, value, where)
        if self.name == "values" and "columns" in self.settings:
            wanted, have = self.settings["columns"], found["expected"]
            absent = [name for name in wanted if name not in have]
            if absent:
                raise ExerciseFormatError(
                    f"In {where}: the solution's table has no column {_quoted(absent)} "
                    f"(it has: {_quoted(list(have))}), named in the `values` check's `columns`."
                )
            found["expected"] = {name: have[name] for name in wanted}
        settings.update(found)
        _validate(self.name, settings, f"{where} (the value from the solution)", self.kind)
        return Check(self.name, settings, self.message, self.hidden, self.kind)

    def to_data(self) -> dict:
        """The check as the settings table it was written as (for release).

        >>> Check("whole").to_data()
        {'check': 'whole'}
        """
        data = {"check": self.name, **self.settings}
        if self.message is not None:
            data["message"] = self.message
        return data

    def run(self, value) -> Outcome:
        """Score a plain answer that already has the question's type."""
        if self.from_solution:  # never scored against nothing: resolve() comes first
            raise ExerciseFormatError(
                f"the {self.name!r} check takes its expected value from the solution, which "
                "has not been run for this text (kit release or kit grade does that)."
            )
        outcome = _RUNNERS[self.name](self, value)
        if outcome.fraction < 1 and self.message and not outcome.about_form:
            # The kit's own detail says what it saw; the instructor's message what to do.
            return Outcome(outcome.fraction, f"{outcome.line} {self.message}")
        return outcome


def _from_solution_keys(name: str, data: dict, where: str) -> tuple[set, set]:
    """The required and optional settings of a ``from_solution`` check: those the solution
    fills in are neither (a literal one is refused: which of the two would count?)."""
    filled = FROM_SOLUTION.get(name)
    if filled is None:
        raise ExerciseFormatError(
            f"In {where}: the {name!r} check cannot take `from_solution = true`; the checks "
            f"that can are: {', '.join(FROM_SOLUTION)}."
        )
    given = sorted(key for key in filled if key in data)
    if given:
        raise ExerciseFormatError(
            f"In {where}: the {name!r} check has both `from_solution = true` and {_and(given)}. "
            f"Keep one: from_solution takes {_and(filled)} from your solution on the text in "
            "use; a literal value is right for one text only."
        )
    _, required, optional = CHECKS[name]
    optional = set(optional) - set(filled)
    if name == "values":
        optional.add("columns")  # which of the solution's columns to compare
    return set(required) - set(filled), optional


def _solution_settings(name: str, kind: str, value, where: str) -> dict:
    """The settings a ``from_solution`` check takes from the solution's plain ``value``."""

    def fail(what):
        raise ExerciseFormatError(
            f"In {where}: the solution's value {shown(value)} {what}, so the {name!r} check "
            "cannot take its expected value from it (from_solution)."
        )

    if value is None or is_marker(value, "not_finite"):
        fail(
            "is empty: None, or a number that is not finite (NaN or infinity, e.g. a mean of "
            "nothing on this text)"
        )
    if name == "rows":  # exactly as many rows as the solution's table
        if not (type(value) is dict and value.get(MARK) in ("dataframe", "series")):
            fail("is not a table")
        return {"min": _row_count(value), "max": _row_count(value)}
    if name == "count":  # exactly as many different items as the solution's list
        if kind == "spans":
            spans = spans_of(value)
            if spans is None:
                fail("is not a list of [start, end] spans or a table with start and end")
            number = len(dict.fromkeys(spans))
        elif type(value) is list and all(type(v) is str for v in value):
            number = len(_unique(value))
        else:
            fail("is not a list of texts")
        return {"min": number, "max": number}
    if kind == "spans" and name == "matches":
        spans = spans_of(value)
        if spans is None:
            fail("is not a list of [start, end] spans or a table with start and end")
        return {"expected": [list(span) for span in spans]}
    if name in ("equals", "matches"):
        if type(value) is str or (type(value) is list and all(type(v) is str for v in value)):
            return {"expected": value}
        fail("is not a text or a list of texts")
    if name == "close_to":
        if not _is_number(value):
            fail("is not a number")
        return {"expected": value}
    if name == "values":
        table = type(value) is dict and value.get(MARK) in ("dataframe", "series")
        columns = table_columns(value) if table else None
        if not columns:
            fail("is not a table")
        return {"expected": {str(key): list(column) for key, column in columns.items()}}
    if type(value) is not dict or "axes" not in value:
        fail("is not a chart")
    ax = chart_axes(value)
    if name == "bars":
        heights = ax.get("bars") or []
        if not heights:
            fail("has no bars")
        labels = [str(label) for label in ax.get("bar_labels") or []]
        found = {"heights": list(heights)}
        if len(labels) == len(heights) and all(label.strip() for label in labels):
            found["labels"] = labels
        return found
    lines = ax.get("lines") or []
    if not lines or not lines[0].get("y"):
        fail("has no line")
    found = {"y": list(lines[0]["y"])}
    if lines[0].get("x"):
        found["x"] = list(lines[0]["x"])
    return found


def _checks_for(kind: str) -> list[str]:
    return sorted(name for name, (kinds, _, _) in CHECKS.items() if kind in kinds)


def _did_you_mean(word, choices) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _and(words) -> str:
    words = [f"`{word}`" for word in words]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _validate(name: str, settings: dict, where: str, kind: str = "") -> None:
    def fail(what):
        raise ExerciseFormatError(f"In {where}: the {name!r} check: {what}.")

    for key in ("min", "max", "tolerance", "pass_at"):
        if key in settings and not _is_number(settings[key]):
            fail(f"`{key}` must be a number")
    if name == "close_to" and "expected" in settings and not _is_number(settings["expected"]):
        fail("`expected` must be a number")
    for key in ("values", "names", "phrases", "words", "heights", "y", "x", "labels"):
        if key in settings and type(settings[key]) is not list:
            fail(f"`{key}` must be a list in square brackets, e.g. {key} = [...]")
    if "columns" in settings and (
        type(settings["columns"]) is not list
        or not settings["columns"]
        or not all(type(item) is str for item in settings["columns"])
    ):
        fail('`columns` must be a list of column names in quotes, e.g. columns = ["words"]')
    for key in ("names", "phrases", "words"):
        if not all(type(item) is str for item in settings.get(key, [])):
            fail(f"every item of `{key}` must be a text in quotes")
    for key in ("heights", "y", "x"):
        if not all(_is_number(item) for item in settings.get(key, [])):
            fail(f"every item of `{key}` must be a number")
    for key in ("partial", "all", "ignore_order", "title", "xlabel", "ylabel"):
        if key in settings and type(settings[key]) is not bool:
            fail(f"`{key}` must be true or false")
    for key in ("text", "article", "type", "normalise", "match", "score", "key", "axis"):
        if key in settings and type(settings[key]) is not str:
            fail(f"`{key}` must be a text in quotes")
    if "article" in settings:
        _known_article(settings["article"], fail)
    if kind == "spans" and name == "matches":
        if not all(as_span(v) for v in _listed(settings)):
            fail("`expected` must list [start, end] pairs of character offsets, start < end")
    elif name in ("one_of", "matches") and not all(type(v) is str for v in _listed(settings)):
        fail("the labels or phrases must be texts in quotes")
    if name == "equals" and "expected" in settings:
        expected = settings["expected"]
        if not (type(expected) is str or (type(expected) is list and expected)):
            fail("`expected` must be a text, or a list of accepted texts")
        if settings.get("normalise", "words") not in _NORMALISERS:
            fail(f"`normalise` must be one of: {', '.join(_NORMALISERS)}")
        if settings.get("normalise") == "date" and type(expected) in (str, list):
            for text in expected if type(expected) is list else [expected]:
                problem = date_problem(text) if type(text) is str else "unreadable"
                if problem:
                    fail(
                        f"`expected` {text!r} is not a date the kit can read ({problem}); write "
                        f"it as in {EXAMPLE}"
                    )
    if name == "matches" and settings.get("match", "exact") not in ("exact", "overlap"):
        fail('`match` must be "exact" or "overlap"')
    if name == "matches" and settings.get("score", "net") not in ("net", "f1"):
        fail('`score` must be "net" (right minus wrong, the default) or "f1"')
    if name == "values" and "expected" in settings:
        expected = settings["expected"]
        if type(expected) is not dict or not expected:
            fail("`expected` must be a table of columns, e.g. expected = { words = [1, 2] }")
        lengths = {len(column) for column in expected.values() if type(column) is list}
        if len(lengths) != 1 or not all(type(c) is list for c in expected.values()):
            fail("each column in `expected` must be a list, all of the same length")
    expected_table = settings.get("expected") if name == "values" else None
    if type(expected_table) is dict and "key" in settings and settings["key"] not in expected_table:
        fail(f"`key` must name one of the columns in `expected` ({_quoted(expected_table)})")
    if name == "chart_type" and settings["type"] not in ("bar", "barh", "line"):
        fail('`type` must be "bar", "barh" or "line"')
    if "axis" in settings and settings["axis"] not in ("x", "y"):
        fail('`axis` must be "x" or "y"')
    if name == "in_text" and ("text" in settings) == ("article" in settings):
        fail("give either `text` (the passage, in quotes) or `article` (a text's name)")


def _known_article(name: str, fail) -> None:
    from ..texts import texts

    if "/" in name or name.endswith(".txt"):
        return  # a path: read when the check runs
    known = texts()
    if name not in known:
        fail(
            f"there is no text called {name!r}{_did_you_mean(name, known)} (kit.texts() lists them)"
        )


def _listed(settings: dict) -> list:
    value = settings.get("values", settings.get("expected", []))
    return value if type(value) is list else [value]


def _is_number(value) -> bool:
    return type(value) in (int, float) and math.isfinite(value)


# -- normalising -------------------------------------------------------------

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})
_JOINERS = re.compile(r"[-‐‑‒–—/_]+")


def normalise_label(text: str) -> str:
    """Case, spacing, surrounding quotes or full stops and the joiners between words
    (hyphens, dashes, slashes, underscores) do not matter in a label.

    >>> normalise_label("  “Opinion.” "), normalise_label("partly-supported")
    ('opinion', 'partly supported')
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    text = _JOINERS.sub(" ", text)
    return " ".join(text.split()).strip(" \"'.,;:!?")


def label_key(text: str) -> str:
    """What makes two labels (or list items) the same: their words, as ``equals`` compares
    them, so ``one_of``, ``matches``, ``count`` and ``equals`` always agree; a label of
    punctuation only keeps its characters.

    >>> label_key("Partly-Supported."), label_key("U.N. member"), label_key("+")
    ('partly supported', 'un member', '+')
    """
    return normalise_words(text) or normalise_label(text)


def normalise_words(text: str) -> str:
    """Only the words count: no case, punctuation or extra spaces.

    >>> normalise_words("Not the behavior of a responsible U.N. member state.")
    'not the behavior of a responsible un member state'
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    text = _JOINERS.sub(" ", text)
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith(("P", "S")))
    return " ".join(text.split())


def _normalise_spacing(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).split())


_NORMALISERS = {
    "words": normalise_words,
    "spacing": _normalise_spacing,
    "none": lambda t: t,
    "date": read_date,  # any unambiguous spelling of one date: see dates.py
}


# -- formatting values for feedback -----------------------------------------


def shown(value, limit: int = 60) -> str:
    """A student's own answer as a feedback line shows it.

    >>> shown("opinion"), shown(3.0), shown([1, 2])
    ('“opinion”', '3', 'a list')
    """
    if type(value) is str:
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return f"“{text}”"
    if type(value) in (int, float):
        return _number(value)
    return describe_plain(value)


def describe_plain(value) -> str:
    """A beginner's name for a plain value (or a marker).

    >>> describe_plain("x"), describe_plain(2), describe_plain({"__kit__": "not_plain", "type": "Liar"})
    ('a text', 'a number', 'a Liar object')
    """
    kind = type(value)
    if value is None:
        return "nothing (None)"
    if is_marker(value, "not_finite"):
        return {"nan": "NaN (not a number)", "-inf": "minus infinity"}.get(
            value.get("value"), "infinity"
        )
    if kind is bool:
        return f"{value} (a yes/no value)"
    if kind in (int, float):
        return "a number"
    if kind is str:
        return "a text"
    if kind is list:
        return "a list"
    if is_marker(value):
        names = {
            "dict": "a dictionary",
            "dataframe": "a table",
            "series": "a single column (a pandas Series)",
            "chart": "a chart",
            "placeholder": "the placeholder ...",
            "too_large": "something too large to check",
        }
        if value[MARK] in names:
            return names[value[MARK]]
        return f"a {value.get('type', 'strange')} object"
    return "something else"


def _number(value) -> str:
    if type(value) is int or (type(value) is float and value.is_integer()):
        return str(int(value))
    return f"{value:.6g}"


def _passed(text: str) -> Outcome:
    return Outcome(1.0, f"passed: {text}")


def _failed(text: str) -> Outcome:
    return Outcome(0.0, f"look again: {text}")


def _partly(fraction: float, text: str) -> Outcome:
    if fraction >= 1:
        return _passed(text)
    if fraction <= 0:
        return _failed(text)
    return Outcome(fraction, f"partly right: {text}")


def _plural(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


def _and_words(words) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _quoted(names) -> str:
    return _and_words(f"“{name}”" for name in names)


def _list(items, limit: int = 8) -> str:
    items = list(items)
    text = ", ".join(str(item) for item in items[:limit])
    return text + (", …" if len(items) > limit else "")


# -- the checks --------------------------------------------------------------


def _one_of(check: Check, value) -> Outcome:
    allowed = {label_key(v): v for v in check.settings["values"]}
    answers = value if type(value) is list else [value]
    wrong = [a for a in answers if label_key(a) not in allowed]
    choose = f"Choose one of: {_list(check.settings['values'], 20)}."
    if type(value) is list:
        if wrong:  # a list keeps the share of its items that are labels
            verb = "is not one" if len(wrong) == 1 else "are not"
            return _partly(
                1 - len(wrong) / len(answers),
                f"{_list(shown(w) for w in wrong)} {verb} of the labels. {choose}",
            )
        return _passed("every item is one of the labels.")
    if wrong:
        return _failed(f"{shown(value)} is not one of the labels. {choose}")
    return _passed("your answer is one of the labels.")


def _equals(check: Check, value) -> Outcome:
    normalise = _NORMALISERS[check.settings.get("normalise", "words")]
    expected = check.settings["expected"]
    if normalise is read_date and date_problem(value):
        # Not a wrong date but one the kit cannot read: say how to write it, not "wrong".
        return Outcome(0.0, f"look again: {form_line(value, date_problem(value))}", True)
    accepted = {normalise(e) for e in (expected if type(expected) is list else [expected])}
    if normalise(value) in accepted:
        return _passed("your answer is right.")
    if not check.hidden:
        return _failed(f"{shown(value)} is not the answer this check expects.")
    return _failed(f"{shown(value)} is not the right answer.")


def _is_date(check: Check, value) -> Outcome:
    problem = date_problem(value)
    if problem:
        return Outcome(0.0, f"look again: {form_line(value, problem)}", True)
    return _passed(f"your answer reads as the date {written(read_date(value))}.")


def _item_words(check: Check, value) -> Outcome:
    low, high = check.settings.get("min"), check.settings["max"]
    sizes = [(item, len(normalise_words(item).split())) for item in value]
    long = [(item, n) for item, n in sizes if n > high]
    short = [(item, n) for item, n in sizes if low is not None and n < low]
    if not long and not short:
        return _passed(f"every item has {_word_range(low, high)}.")
    parts = [f"{shown(item, 40)} has {_plural(n, 'word')}" for item, n in (long + short)[:3]]
    more = len(long) + len(short) - len(parts)
    text = "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")
    advice = "copy only the phrase, not the whole sentence" if long else "give whole phrases"
    return _partly(
        1 - (len(long) + len(short)) / len(value),
        f"{text}: each item should have {_word_range(low, high)}; {advice}.",
    )


def _word_range(low, high) -> str:
    if low is None:
        return f"at most {_plural(int(high), 'word')}"
    return f"{_number(low)} to {_plural(int(high), 'word')}"


def as_span(item) -> tuple[int, int] | None:
    """``[start, end]`` as a tuple when it is a span of the text (0 <= start < end), else None.

    >>> as_span([3, 9]), as_span([9, 3]), as_span("3-9")
    ((3, 9), None, None)
    """
    if type(item) is not list or len(item) != 2 or not all(type(n) is int for n in item):
        return None
    start, end = item
    return (start, end) if 0 <= start < end else None


def spans_of(value) -> list[tuple[int, int]] | None:
    """The spans of a ``spans`` answer: a list of pairs, or a table's start and end columns."""
    if is_marker(value, "dataframe") or is_marker(value, "series"):
        columns = table_columns(value)
        if "start" not in columns or "end" not in columns:
            return None
        value = [list(pair) for pair in zip(columns["start"], columns["end"], strict=False)]
    if type(value) is not list:
        return None
    spans = [as_span(item) for item in value]
    return None if None in spans else spans


def _items(check: Check, value) -> list:
    if check.kind == "spans":
        return list(dict.fromkeys(spans_of(value)))
    return _unique(value)


def _same_item(check: Check, answer, expected, overlap: bool) -> bool:
    if check.kind == "spans":
        expected = as_span(expected)
        if overlap:
            return _spans_overlap(answer, expected)
        return answer == expected
    same = label_key(answer) == label_key(expected)
    return same or (overlap and _overlaps(answer, expected))


def _shown_item(check: Check, item) -> str:
    if check.kind == "spans":
        return f"characters {item[0]}–{item[1]}"
    return shown(item)


def _count(check: Check, value) -> Outcome:
    low, high = check.settings.get("min"), check.settings.get("max")
    number = len(_items(check, value))
    if low is not None and low == high:
        if number != low:
            return _failed(f"you gave {_plural(number, 'item')}; give {_number(low)}.")
        return _passed(f"you gave {_plural(number, 'item')}, as many as asked.")
    if low is not None and number < low:
        return _failed(f"you gave {_plural(number, 'item')}; give at least {_number(low)}.")
    if high is not None and number > high:
        return _failed(f"you gave {_plural(number, 'item')}; give at most {_number(high)}.")
    return _passed(f"you gave {_plural(number, 'item')}, a good number.")


_ARTICLES: dict[str, str] = {}


def _passage(check: Check) -> str:
    if "text" in check.settings:
        return check.settings["text"]
    name = check.settings["article"]
    if name not in _ARTICLES:
        from ..texts import load

        _ARTICLES[name] = load(name).text
    return _ARTICLES[name]


def _in_text(check: Check, value) -> Outcome:
    passage = normalise_label(_passage(check))
    items = value if type(value) is list else [value]
    absent = [item for item in items if normalise_label(item) not in passage]
    where = "the passage" if "text" in check.settings else "the article"
    if not items or not all(normalise_label(item) for item in items):
        return _failed("your answer is empty.")
    if absent:  # a list keeps the share of its items that are found
        return _partly(
            1 - len(absent) / len(items),
            f"{_list(shown(a) for a in absent)} cannot be found in {where}. Copy the words "
            "exactly as they are written.",
        )
    if type(value) is list:
        return _passed(f"every item is found in {where}.")
    return _passed(f"your answer is found in {where}.")


def _unique(items: list) -> list[str]:
    seen, unique = set(), []
    for item in items:
        key = label_key(item)
        if key and key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


# An overlapping item must be close in size to the expected one: at most twice as long plus a
# few words (or characters, for spans). Otherwise pasting the whole passage would "contain"
# every expected phrase.
_SPARE_WORDS = 3
_SPARE_CHARACTERS = 20


def _overlaps(answer: str, expected: str) -> bool:
    a, e = normalise_words(answer).split(), normalise_words(expected).split()
    if not a or not e:
        return False
    short, long = (a, e) if len(a) <= len(e) else (e, a)
    if len(long) > 2 * len(short) + _SPARE_WORDS:
        return False
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _spans_overlap(answer: tuple[int, int], expected: tuple[int, int]) -> bool:
    shared = min(answer[1], expected[1]) - max(answer[0], expected[0])
    short, long = sorted((answer[1] - answer[0], expected[1] - expected[0]))
    return shared > 0 and 2 * shared >= short and long <= 2 * short + _SPARE_CHARACTERS


def _matches(check: Check, value) -> Outcome:
    overlap = check.settings.get("match", "exact") == "overlap"
    answers = _items(check, value)
    expected = check.settings["expected"]
    expected = expected if check.kind == "spans" else _unique(expected)
    unmatched = list(expected)
    right, wrong = 0, []
    for answer in answers:
        for candidate in unmatched:
            if _same_item(check, answer, candidate, overlap):
                unmatched.remove(candidate)
                right += 1
                break
        else:
            wrong.append(answer)
    if check.settings.get("score", "net") == "f1":
        share = f1_score(right, len(answers), len(expected))
    else:
        # Each wrong item takes back one right one: listing every option earns little.
        share = max(0.0, (right - len(wrong)) / len(expected)) if expected else float(not wrong)
    pass_at = check.settings.get("pass_at", 1.0)
    if share >= pass_at - 1e-9:
        if unmatched or wrong:
            are = "is" if right == 1 else "are"
            return _passed(
                f"{right} of your {_plural(len(answers), 'item')} {are} right; that is enough here."
            )
        if len(answers) == 1:
            return _passed("your item is right, and none is missing.")
        return _passed(f"all {len(answers)} of your items are right, and none is missing.")
    if right == 0:
        parts = ["none of your items is right" if len(answers) > 1 else "your item is not right"]
    else:
        parts = [
            f"{right} of your {_plural(len(answers), 'item')} {'is' if right == 1 else 'are'} right"
        ]
    if wrong:
        parts.append(f"not right: {_list(_shown_item(check, w) for w in wrong)}")
    if unmatched:
        missing = len(unmatched)
        parts.append(f"{missing} {'is' if missing == 1 else 'are'} still missing")
    if check.settings.get("score", "net") == "f1":
        parts.append(f"F1 score {share:.2f}")
    text = "; ".join(parts) + "."
    if not check.settings.get("partial", True):
        return _failed(text)
    return _partly(round(share, 4), text)


def f1_score(right: int, answered: int, expected: int) -> float:
    """Span F1: precision = right / answered, recall = right / expected, F1 = 2PR / (P + R).

    >>> f1_score(1, 4, 6)  # P = 1/4, R = 1/6: F1 = 2 * 1/24 / (5/12) = 0.2
    0.2
    >>> f1_score(0, 3, 2), f1_score(0, 0, 0), f1_score(2, 2, 2)
    (0.0, 1.0, 1.0)
    """
    if expected == 0:
        return float(answered == 0)
    if right == 0 or answered == 0:
        return 0.0
    precision, recall = right / answered, right / expected
    return 2 * precision * recall / (precision + recall)


def _between(check: Check, value) -> Outcome:
    low, high = check.settings.get("min"), check.settings.get("max")
    if (low is not None and value < low) or (high is not None and value > high):
        span = (
            f"between {_number(low)} and {_number(high)}"
            if low is not None and high is not None
            else (f"at least {_number(low)}" if low is not None else f"at most {_number(high)}")
        )
        return _failed(f"{shown(value)} cannot be right: the answer is {span}.")
    return _passed(f"{shown(value)} is in the range the answer can be in.")


def _close_to(check: Check, value) -> Outcome:
    expected, tolerance = check.settings["expected"], check.settings.get("tolerance", 0)
    if abs(value - expected) <= tolerance + 1e-9:
        return _passed(f"{shown(value)} is right.")
    if check.hidden:
        return _failed(f"{shown(value)} is not the right number.")
    direction = "too small" if value < expected else "too large"
    return _failed(f"{shown(value)} is {direction}.")


def _whole(check: Check, value) -> Outcome:
    if type(value) is int or value.is_integer():
        return _passed("your answer is a whole number.")
    return _failed(f"{shown(value)} is not a whole number; this question counts things.")


def _words(check: Check, value) -> Outcome:
    number = len(value.split())
    low, high = check.settings.get("min"), check.settings.get("max")
    if low is not None and number < low:
        return _failed(f"your answer has {_plural(number, 'word')}; write at least {_number(low)}.")
    if high is not None and number > high:
        return _failed(
            f"your answer has {_plural(number, 'word')}; keep it to {_number(high)} or fewer."
        )
    return _passed(f"your answer has {_plural(number, 'word')}, a good length.")


def _mentioned(phrases, text: str) -> list:
    """The phrases that occur in ``text`` as whole words, after normalising both."""
    text = f" {normalise_words(text)} "
    return [p for p in phrases if f" {normalise_words(str(p))} " in text]


def _contains(check: Check, value) -> Outcome:
    phrases = check.settings["phrases"]
    found = _mentioned(phrases, value)
    need_all = check.settings.get("all", True)
    if (need_all and len(found) == len(phrases)) or (not need_all and found):
        return _passed("your answer mentions what it should.")
    if check.hidden:
        return _failed("your answer does not mention everything it should.")
    missing = [p for p in phrases if p not in found]
    wanted = _list(f"“{p}”" for p in (missing if need_all else phrases))
    return _failed(f"your answer should mention {'all of' if need_all else 'one of'}: {wanted}.")


# -- tables ------------------------------------------------------------------


def table_columns(value) -> dict:
    """A plain table (or column) as ``{column name: values}``; named index levels count.

    >>> table_columns({"__kit__": "series", "name": "sentences", "values": [1, 2],
    ...                "index_names": ["paragraph"], "index": [[1, 2]]})
    {'paragraph': [1, 2], 'sentences': [1, 2]}
    """
    columns = {}
    for name, level in zip(value.get("index_names", []), value.get("index", []), strict=False):
        if name is not None:
            columns[name] = level
    if value[MARK] == "series":
        if value.get("name") is not None:
            columns[value["name"]] = value["values"]
    else:
        for name, data in zip(value["columns"], value["data"], strict=False):
            columns[name] = data
    return columns


def _column_named(columns: dict, name):
    for key in columns:
        if key == name or (type(key) is str and type(name) is str and key.strip() == name):
            return key
    return None


def _columns(check: Check, value) -> Outcome:
    columns = table_columns(value)
    absent = [name for name in check.settings["names"] if _column_named(columns, name) is None]
    if absent:
        have = _list(f"“{c}”" for c in columns) or "none with a name"
        return _failed(
            f"your table has no {'column' if len(absent) == 1 else 'columns'} named "
            f"{_quoted(absent)}. "
            f"Its columns are: {have}."
        )
    return _passed(f"your table has the columns {_quoted(check.settings['names'])}.")


def absent_columns(check: Check, value) -> set:
    """The columns a ``columns`` or ``values`` check wants that the table lacks (so a
    question says "no column named ..." once, not once per check).

    >>> table = {"__kit__": "dataframe", "columns": ["a"], "data": [[1]]}
    >>> absent_columns(Check("columns", {"names": ["a", "b"]}), table)
    {'b'}
    """
    if check.name == "columns":
        wanted = check.settings.get("names", [])
    elif check.name == "values" and type(check.settings.get("expected")) is dict:
        wanted = list(check.settings["expected"])
    else:
        return set()
    if type(value) is not dict or value.get(MARK) not in ("dataframe", "series"):
        return set()
    columns = table_columns(value)
    return {name for name in wanted if _column_named(columns, name) is None}


def _row_count(value) -> int:
    columns = table_columns(value)
    if columns:
        return max(len(c) for c in columns.values())
    return len(value.get("values", [])) if value[MARK] == "series" else 0


def _rows(check: Check, value) -> Outcome:
    number = _row_count(value)
    low, high = check.settings.get("min"), check.settings.get("max")
    if low is not None and low == high:
        if number != low:
            return _failed(f"your table has {_plural(number, 'row')}; it needs {_number(low)}.")
        return _passed(f"your table has {_plural(number, 'row')}, as it should.")
    if low is not None and number < low:
        return _failed(
            f"your table has {_plural(number, 'row')}; it needs at least {_number(low)}."
        )
    if high is not None and number > high:
        return _failed(
            f"your table has {_plural(number, 'row')}; it needs at most {_number(high)}."
        )
    if high is None and low is not None:  # not "passed: 6 rows" as if 6 were right
        return _passed(f"your table has at least {_plural(int(low), 'row')}.")
    return _passed(f"your table has {_plural(number, 'row')}, within the range asked.")


def _same(answer, expected, tolerance) -> bool:
    if _is_number(answer) and _is_number(expected) and type(answer) is not bool:
        return abs(answer - expected) <= tolerance + 1e-9
    if type(answer) is str and type(expected) is str:
        return _normalise_spacing(answer) == _normalise_spacing(expected)
    return answer == expected and type(answer) is type(expected)


def _sort_key(row) -> tuple:
    return tuple((0, c, "") if _is_number(c) else (1, 0, str(c)) for c in row)


def _key_column(check: Check, names: list) -> str | None:
    """The column that names each row (``key``, or else the first of two or more expected
    columns when its values are different ids: whole numbers or texts); None: by position."""
    expected = check.settings["expected"]
    if "key" in check.settings:
        return check.settings["key"]
    if len(names) < 2:
        return None
    first = expected[names[0]]
    ids = all(type(v) is int or type(v) is str for v in first)
    return names[0] if ids and len(set(first)) == len(first) else None


def _key_of(value):
    if _is_number(value) and type(value) is not bool and float(value).is_integer():
        return int(value)
    if type(value) is str:
        return _normalise_spacing(value)
    return repr(value)


def _values_by_key(check: Check, key: str, names: list, columns: dict, keys: list) -> Outcome:
    expected, tolerance = check.settings["expected"], check.settings.get("tolerance", 0)
    others = [name for name in names if name != key]
    at = names.index(key)
    want = {_key_of(k): [expected[name][i] for name in others] for i, k in enumerate(expected[key])}
    have: dict = {}
    for row in zip(*(columns[c] for c in keys), strict=False):
        have.setdefault(_key_of(row[at]), []).append([v for i, v in enumerate(row) if i != at])
    missing = [k for k in want if k not in have]
    extra = [k for k in have if k not in want]
    doubled = [k for k in have if k in want and len(have[k]) > 1]
    wrong = [
        k
        for k in want
        if k in have
        and k not in doubled
        and not all(_same(a, e, tolerance) for a, e in zip(have[k][0], want[k], strict=True))
    ]
    right = len(want) - len(missing) - len(wrong) - len(doubled)
    rows_given = sum(len(r) for r in have.values())
    what = f"the values in {_quoted(names)}"
    if right == len(want) and not extra:
        return _passed(f"{what} are right.")
    parts = [f"{right} of {len(want)} rows of {what} are right"]
    if missing:
        parts.append(f"no row for {key} {_list(missing, 10)}")
    if extra:
        parts.append(f"rows that should not be there: {key} {_list(extra, 10)}")
    if doubled:
        parts.append(f"more than one row for {key} {_list(doubled, 10)}")
    if wrong:
        off = [  # only the columns that are wrong somewhere, not every column compared
            name
            for place, name in enumerate(others)
            if any(not _same(have[k][0][place], want[k][place], tolerance) for k in wrong)
        ]
        parts.append(f"{_quoted(off)} not right for {key} {_list(wrong, 10)}")
    text = "; ".join(parts) + "."
    if check.settings.get("partial", False):
        return _partly(round(right / max(len(want), rows_given, 1), 4), text)
    return _failed(text)


def _values(check: Check, value) -> Outcome:
    expected = check.settings["expected"]
    columns = table_columns(value)
    names = list(expected)
    keys = [_column_named(columns, name) for name in names]
    if None in keys:
        absent = [name for name, key in zip(names, keys, strict=True) if key is None]
        return _failed(f"your table has no column named {_quoted(absent)}.")
    key = _key_column(check, names)
    if key is not None:  # rows are matched by what they are about, not by position
        return _values_by_key(check, key, names, columns, keys)
    tolerance = check.settings.get("tolerance", 0)
    want = list(zip(*(expected[name] for name in names), strict=True))
    have = list(zip(*(columns[key] for key in keys), strict=False))
    if check.settings.get("ignore_order", False):
        want, have = sorted(want, key=_sort_key), sorted(have, key=_sort_key)
    right = sum(
        all(_same(a, e, tolerance) for a, e in zip(got, wanted, strict=True))
        for got, wanted in zip(have, want, strict=False)
    )
    what = f"the values in {_quoted(names)}"
    if right == len(want) == len(have):
        return _passed(f"{what} are right.")
    parts = [f"{right} of {len(want)} rows of {what} are right"]
    if len(have) != len(want):
        parts.append(f"your table has {len(have)} rows, not {len(want)}")
    text = "; ".join(parts) + "."
    if check.settings.get("partial", False):
        return _partly(round(right / max(len(want), len(have)), 4), text)
    return _failed(text)


# -- charts ------------------------------------------------------------------


def chart_axes(value) -> dict:
    """The one set of axes a check looks at: the first that holds bars or lines."""
    axes = value.get("axes") or [{}]
    for ax in axes:
        if ax.get("bars") or ax.get("lines"):
            return ax
    return axes[0]


def _chart_type(check: Check, value) -> Outcome:
    ax, wanted = chart_axes(value), check.settings["type"]
    names = {"bar": "a bar chart", "barh": "a horizontal bar chart", "line": "a line chart"}
    drawn = {"barh" if ax.get("horizontal") else "bar"} if ax.get("bars") else set()
    if ax.get("lines"):
        drawn.add("line")
    if wanted in drawn:
        return _passed(f"it is {names[wanted]}.")
    actual = next(iter(sorted(drawn)), None)
    if {wanted, actual} == {"bar", "barh"}:  # `bar` is vertical bars, `barh` horizontal ones
        ask, have = ("vertical", "horizontal") if wanted == "bar" else ("horizontal", "vertical")
        how = ".plot.bar(...)" if wanted == "bar" else ".plot.barh(...)"
        return _failed(
            f"the question asks for a bar chart with {ask} bars ({how}); yours has {have} bars."
        )
    drawn = names.get(actual, "an empty chart")
    return _failed(f"the question asks for {names[wanted]}; yours is {drawn}.")


def _labelled(check: Check, value) -> Outcome:
    ax = chart_axes(value)
    parts = {
        "title": "a title",
        "xlabel": "a label on the x axis",
        "ylabel": "a label on the y axis",
    }
    wanted = [key for key in parts if check.settings.get(key, True)]
    missing = [key for key in wanted if not (ax.get(key) or "").strip()]
    if missing:
        how = ", ".join(f"ax.set_{key}(...)" for key in missing)
        return _failed(f"your chart needs {_and_words(parts[k] for k in missing)} ({how}).")
    return _passed(f"your chart has {_and_words(parts[k] for k in wanted)}.")


def _title_mentions(check: Check, value) -> Outcome:
    words = check.settings["words"]
    found = _mentioned(words, chart_axes(value).get("title") or "")
    need_all = check.settings.get("all", False)
    if (need_all and len(found) == len(words)) or (not need_all and found):
        return _passed("the title says what the chart shows.")
    if check.hidden:
        return _failed("the title does not say clearly what the chart shows.")
    wanted = _list(f"“{w}”" for w in words)
    return _failed(f"the title should mention {'all of' if need_all else 'one of'}: {wanted}.")


def _label_mentions(check: Check, value) -> Outcome:
    axis = check.settings["axis"]
    label = (chart_axes(value).get(f"{axis}label") or "").strip()
    if not label:
        return _failed(f"your chart has no label on the {axis} axis (ax.set_{axis}label(...)).")
    words = check.settings["words"]
    found = _mentioned(words, label)
    need_all = check.settings.get("all", False)
    if (need_all and len(found) == len(words)) or (not need_all and found):
        return _passed(f"the {axis}-axis label says what the axis shows.")
    if check.hidden:
        return _failed(f"the {axis}-axis label (“{label}”) does not say clearly what it shows.")
    wanted = _list(f"“{w}”" for w in words)
    return _failed(
        f"the {axis}-axis label (“{label}”) should mention "
        f"{'all of' if need_all else 'one of'}: {wanted}."
    )


def _starts_at_zero(check: Check, value) -> Outcome:
    ax = chart_axes(value)
    # By default the axis the bars grow along: y, or x for horizontal bars.
    axis = check.settings.get("axis") or ("x" if ax.get("horizontal") else "y")
    ends = ax.get(f"{axis}lim")
    if not ends:
        return _failed(f"the kit could not read where the {axis} axis of your chart starts.")
    low = ends[0]
    if low <= 1e-9:
        where = "at 0" if low >= -1e-9 else f"at {_number(round(low, 2))}, below 0"
        return _passed(f"the {axis} axis starts {where}, so lengths compare honestly.")
    return _failed(
        f"the {axis} axis starts at {_number(round(low, 2))}, not at 0: an axis cut off at the "
        f"bottom makes small differences look large (ax.set_{axis}lim({_bottom(axis)}=0))."
    )


def _bottom(axis: str) -> str:
    return "left" if axis == "x" else "bottom"


def _label_key(label) -> str:
    text = " ".join(str(label).split())
    try:
        number = float(text.replace("\u2212", "-"))  # a number keeps its sign
    except ValueError:
        return normalise_label(text)
    return str(int(number)) if number.is_integer() else text


def _bars(check: Check, value) -> Outcome:
    ax = chart_axes(value)
    heights, labels = ax.get("bars") or [], ax.get("bar_labels") or []
    want, tolerance = check.settings["heights"], check.settings.get("tolerance", 0)
    if not heights:
        return _failed("your chart has no bars.")
    if "labels" in check.settings:
        drawn = {_label_key(label): h for label, h in zip(labels, heights, strict=False)}
        pairs = [
            (drawn.get(_label_key(label)), h)
            for label, h in zip(check.settings["labels"], want, strict=False)
        ]
    else:
        pairs = list(zip(heights, want, strict=False))
    right = sum(1 for got, wanted in pairs if got is not None and _same(got, wanted, tolerance))
    if right == len(want) == len(heights):
        return _passed(f"all {len(want)} bars have the right heights.")
    if "labels" in check.settings and _all_same(heights, want, tolerance):
        return _partly(
            0.5,
            f"your bars have the right heights, but they are labelled {_span(labels)}, not "
            f"{_span(check.settings['labels'])}: put the right column on the x axis.",
        )
    parts = [f"{right} of {len(want)} bars have the right height"]
    if len(heights) != len(want):
        parts.append(f"your chart has {len(heights)} bars, not {len(want)}")
    if "labels" in check.settings:
        named = zip(check.settings["labels"], pairs, strict=False)
        missing = [label for label, (got, _) in named if got is None]
        if missing and len(missing) < len(want):  # none drawn at all: the labels are elsewhere
            parts.append(f"no bar labelled {_span(missing, limit=20)}")
    text = "; ".join(parts)
    text += "" if text.endswith("…") else "."
    if check.settings.get("partial", False):
        return _partly(round(right / max(len(want), len(heights)), 4), text)
    return _failed(text)


def _span(values: list, limit: int = 6) -> str:
    """Values as a reader sees them: ``0–12`` for a run of numbers, else the first few.

    >>> _span([0, 1, 2, 3]), _span(["a", "b"]), _span([])
    ('0–3', 'a, b', 'nothing')
    """
    values = list(values)
    if not values:
        return "nothing"
    keys = [_label_key(v) for v in values]
    try:
        numbers = [int(k) for k in keys]
    except ValueError:
        numbers = None
    if (
        numbers
        and len(numbers) > 2
        and numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    ):
        return f"{numbers[0]}–{numbers[-1]}"
    return _list(keys, limit)


def _all_same(got: list, wanted: list, tolerance) -> bool:
    return len(got) == len(wanted) and all(
        _same(a, e, tolerance) for a, e in zip(got, wanted, strict=True)
    )


def _line(check: Check, value) -> Outcome:
    lines = chart_axes(value).get("lines") or []
    want_y, want_x = check.settings["y"], check.settings.get("x")
    tolerance = check.settings.get("tolerance", 0)
    if not lines:
        return _failed("your chart has no line.")

    def fits(line) -> bool:
        ys, xs = line.get("y") or [], line.get("x") or []
        return _all_same(ys, want_y, tolerance) and (
            want_x is None or _all_same(xs, want_x, tolerance)
        )

    if any(fits(line) for line in lines):
        return _passed("your line shows the right values.")
    for line in lines:
        if want_x is not None and _all_same(line.get("y") or [], want_y, tolerance):
            return _partly(
                0.5,
                f"your line has the right heights, but its x values are "
                f"{_span(line.get('x') or [])}, not {_span(want_x)}: put the right column on "
                "the x axis.",
            )
    number = len(lines[0].get("y") or [])
    if number != len(want_y):
        return _failed(f"your line has {number} points; it should have {len(want_y)}.")
    return _failed("your line does not show the right values: check what you plotted.")


_RUNNERS = {
    "one_of": _one_of,
    "equals": _equals,
    "is_date": _is_date,
    "item_words": _item_words,
    "count": _count,
    "in_text": _in_text,
    "matches": _matches,
    "between": _between,
    "close_to": _close_to,
    "whole": _whole,
    "words": _words,
    "contains": _contains,
    "columns": _columns,
    "rows": _rows,
    "values": _values,
    "chart_type": _chart_type,
    "labelled": _labelled,
    "title_mentions": _title_mentions,
    "label_mentions": _label_mentions,
    "starts_at_zero": _starts_at_zero,
    "bars": _bars,
    "line": _line,
}


# -- does the answer have the question's type? --------------------------------


def _decimal_comma(value) -> bool:
    """Whether ``value`` is what ``23,6`` gives: two whole numbers, the second not negative."""
    return (
        type(value) is list
        and len(value) == 2
        and all(type(n) is int for n in value)
        and value[1] >= 0
    )


def type_problem(kind: str, value, variable: str) -> str | None:
    """A "look again" line when ``value`` is not the kind of answer asked for, else None.

    >>> type_problem("number", "22", "q3")
    'look again: q3 should be a number without quotes; you gave a text (“22”).'
    """
    if kind in ("label", "text"):
        if type(value) is str:
            return None if value.strip() else f"look again: {variable} is an empty text."
        return (
            f"look again: {variable} should be a text in quotes; you gave {describe_plain(value)}."
        )
    if kind == "spans":
        spans = spans_of(value)
        if spans is None:
            return (
                f"look again: {variable} should be a list of [start, end] pairs of character "
                "offsets (start before end), or a table with the columns start and end; you gave "
                f"{describe_plain(value)}."
            )
        return None if spans else f"look again: {variable} has no spans."
    if kind in ("labels", "phrases"):
        if type(value) is str:
            return (
                f"look again: {variable} should be a list in square brackets, like "
                f'["first", "second"]; you gave one text ({shown(value)}).'
            )
        if type(value) is not list:
            return f"look again: {variable} should be a list in square brackets; you gave {describe_plain(value)}."
        if not all(type(item) is str for item in value):
            return f"look again: every item of {variable} should be a text in quotes."
        if not value:
            return f"look again: {variable} is an empty list."
        return None
    if kind == "number":
        if type(value) is int or (type(value) is float and math.isfinite(value)):
            return None
        if type(value) is str:
            return f"look again: {variable} should be a number without quotes; you gave a text ({shown(value)})."
        if _decimal_comma(value):  # `q8 = 23,6` makes a pair in Python
            whole, part = value
            return (
                f"look again: {variable} = {whole},{part} makes two numbers in Python; write "
                f"decimals with a point, not a comma: {whole}.{part}."
            )
        if type(value) is float or is_marker(value, "not_finite"):  # nan or inf: no answer
            what = describe_plain(value) if is_marker(value) else str(value)
            why = (
                ": a NaN comes from a missing value (a mean of nothing, 0 / 0, a row that is "
                "not there)"
                if "NaN" in what or value != value
                else ""
            )
            return f"look again: {variable} should be a finite number; you gave {what}{why}."
        if value is None:
            return (
                f"look again: {variable} should be a number; you gave nothing (None): does the "
                "cell end with a line that returns nothing, such as print(...)?"
            )
        return f"look again: {variable} should be a number; you gave {describe_plain(value)}."
    if kind == "dataframe":
        if is_marker(value, "dataframe") or is_marker(value, "series"):
            return None
        return f"look again: {variable} should be a table (a DataFrame); you gave {describe_plain(value)}."
    if kind == "chart":
        if is_marker(value, "chart") and value.get("axes"):
            return None
        slip = chart_slip(value, variable)
        if slip:
            return slip
        if is_marker(value, "chart"):
            return (
                f"look again: {variable} is an empty figure. Draw the chart and keep what the plot "
                f"returns, e.g. {variable} = table.plot.bar(...)."
            )
        return (
            f"look again: {variable} should be a chart — the Axes that a plot returns, e.g. "
            f"{variable} = table.plot.bar(...); you gave {describe_plain(value)}."
        )
    return None


# What a plotting call returns instead of the chart: the type names matplotlib gives them.
_TEXTS = {"Text", "Annotation"}
_DRAWN = {
    "BarContainer": "the bars that plt.bar(...) or ax.bar(...) return",
    "Line2D": "the lines that plt.plot(...) returns",
    "Rectangle": "the bars that plt.hist(...) draws",
    "Patch": "the shapes drawn on the chart",
    "Wedge": "the slices that plt.pie(...) returns",
    "PathCollection": "the points that plt.scatter(...) returns",
    "ErrorbarContainer": "the bars that plt.errorbar(...) returns",
    "StemContainer": "the stems that plt.stem(...) returns",
    "Legend": "the legend that legend(...) returns",
}


def _pieces(value) -> list:
    """The type names of what ``value`` holds: itself, or the items of a (nested) list."""
    if type(value) is list:
        return [name for item in value for name in _pieces(item)]
    if is_marker(value, "not_plain"):
        return [value.get("type") or ""]
    return ["chart"] if is_marker(value, "chart") else ["other"]


def chart_slip(value, variable: str) -> str | None:
    """What went wrong when a chart question's answer is a piece of a chart (what
    ``set_title`` or ``plt.bar`` return), not the chart; None for anything else.

    >>> print(chart_slip({"__kit__": "not_plain", "type": "Text"}, "q3"))  # doctest: +ELLIPSIS
    look again: q3 holds the chart's title (what set_title(...) returns), not the chart: ...
    """
    pieces = _pieces(value)
    if not pieces or "other" in pieces:
        return None
    if set(pieces) <= _TEXTS:
        return (
            f"look again: {variable} holds the chart's title (what set_title(...) returns), not "
            "the chart: assign the chart first, "
            f"{variable} = table.plot.bar(...), then call {variable}.set_title(...) on its own "
            "line (set_xlabel and set_ylabel return a text too)."
        )
    if "chart" in pieces and type(value) is list:  # fig, ax = plt.subplots() kept as a pair
        return (
            f"look again: {variable} holds several things (a figure and its axes, as "
            f"plt.subplots() returns): write fig, {variable} = plt.subplots() and draw on "
            f"{variable}."
        )
    known = [name for name in pieces if name in _DRAWN]
    if known:
        return (
            f"look again: {variable} holds {_DRAWN[known[0]]}, not the chart they are drawn on: "
            f"end the cell with {variable} = plt.gca() (the chart they are on)."
        )
    return None
