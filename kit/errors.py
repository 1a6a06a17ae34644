"""The kit's errors: one root, ``KitError``, and a subclass per kind of problem.

Every message says what went wrong and what to do about it, in words a
beginner can act on. Catch ``KitError`` to catch them all:

>>> import kit
>>> try:
...     kit.load("no-such-text")
... except kit.KitError as error:
...     print(type(error).__name__)
TextNotFoundError
"""


class KitError(Exception):
    """Root of every error the kit raises on purpose.

    In a notebook it shows as its message alone: a student who mistypes a
    text's name reads what to do, not the kit's insides. (IPython calls
    ``_render_traceback_``; plain Python and pytest still show the traceback.)
    """

    def _render_traceback_(self) -> list[str]:
        return [f"{type(self).__name__}: {self}"]


class KitWarning(UserWarning):
    """Something the kit worked around, but that you may want to fix."""


class ArgumentError(KitError, TypeError):
    """A function was given a value of the wrong kind; the message says what it takes."""


class TextNotFoundError(KitError, LookupError):
    """No text by that name or path: the message lists the texts there are."""


class TextFormatError(KitError, ValueError):
    """A text file exists but cannot be read as an article."""


class EmptyTextError(TextFormatError):
    """The text file is empty or holds only blank lines."""


class BinaryFileError(TextFormatError):
    """The file is not plain text (a PDF, a Word document, an image...)."""


class TextEncodingError(TextFormatError):
    """The file's characters are in an encoding the kit cannot read safely."""


class MissingBodyError(TextFormatError):
    """The file has a headline (or a source line) but no body paragraphs."""


class MetadataError(KitError, ValueError):
    """A ``meta.toml`` file is not valid TOML or has a wrong value."""


def describe(value) -> str:
    """A beginner's name for a value, for error messages.

    >>> describe(None), describe(42), describe(["a"]), describe(float("nan"))
    ('nothing (None)', 'a number (42)', 'a list', 'NaN (not a number)')
    """
    if value is None:
        return "nothing (None)"
    if isinstance(value, float) and value != value:
        return "NaN (not a number)"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return "minus infinity" if value < 0 else "infinity"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"a number ({value})"
    return f"a {type(value).__name__}"


# -- annotating (kit/annotate) ---------------------------------------------


class SchemeError(KitError, ValueError):
    """An annotation scheme is unknown or its TOML file is malformed, or a label is not in it."""


class AnnotationError(KitError, ValueError):
    """A label cannot be recorded: a wrong sentence number, or a phrase not found once."""


class AnnotationFileError(KitError):
    """A saved annotations file cannot be used (damaged, another program's, another text's).

    The kit never overwrites such a file: it stops, or moves the file aside and says so.
    """


class NoExpertKeyError(KitError, LookupError):
    """The text has no expert key for this scheme (the lesson carries on without it)."""


class ExpertKeyError(KitError, ValueError):
    """An expert key file does not match its text or its scheme."""


# -- reading: markers and highlighting (issue 3) ----------------------------


class LexiconError(KitError, ValueError):
    """A folder or file of word lists is missing or cannot be read."""


class SaveError(KitError, OSError):
    """A page could not be written where it was asked to go."""


# -- exercises (kit.exercises) ------------------------------------------------


class ExerciseFormatError(KitError, ValueError):
    """An exercise source is malformed: the message names the cell and what to fix."""


class ExerciseNotFoundError(ExerciseFormatError, LookupError):
    """No exercise by that name: the message lists the exercises there are."""


# -- grading (kit.grading, `kit grade`) ----------------------------------------


class GradingError(KitError, RuntimeError):
    """``kit grade`` could not grade at all: the message says what to fix."""


class SubmissionsError(GradingError, ValueError):
    """The submissions are not a folder, a notebook or a zip an LMS exported."""


# Fact sheets (issue 7) ---------------------------------------------------------


class NoFactSheetError(KitError, LookupError):
    """The text has no fact sheet; ``kit.fact_sheet_template(doc, path)`` starts one."""


class FactSheetError(KitError, ValueError):
    """A fact sheet cannot be used: the message names the file, the line and the fix."""


# -- charts (kit.charts, issue 6) ----------------------------------------------


class ChartError(KitError, ValueError):
    """A chart cannot be drawn from what it was given: the message says what to pass instead."""


class NoTimelineError(KitError, LookupError):
    """The text has no ``timeline.csv``: the message says how to write one."""


class TimelineError(KitError, ValueError):
    """A ``timeline.csv`` is malformed: the message names the line and what to fix."""


# -- class review (kit.review, `kit review`, issue 9) ----------------------------


class ReviewError(KitError, ValueError):
    """``kit review`` could not review a class: the message says what to fix."""


# --- Serving a class (kit.serving) ---


class ClassLinkError(KitError, ValueError):
    """An address, branch or page that cannot make a link for a class."""


# -- adding a text (kit add-text, kit/intake) -------------------------------------


class TextCheckError(TextFormatError):
    """An article has problems to fix before it can be added: ``.problems`` lists them all."""

    def __init__(self, message: str, problems=()):
        super().__init__(message)
        self.problems = list(problems)


class SlugError(KitError, ValueError):
    """A text's name (slug) is not usable, or a text by that name already exists."""
