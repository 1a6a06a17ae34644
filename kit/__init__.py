"""A Jupyter teaching kit for media literacy: read, annotate and chart an opinion piece.

Load a text into tidy tables:

>>> import kit
>>> doc = kit.load("yomiuri-2024-04-06")
>>> doc.outlet, doc.date.isoformat(), doc.genre
('The Yomiuri Shimbun', '2024-04-06', 'editorial')
>>> doc.sentences.loc[0, "text"]
'The system of surveilling North Korea may have become inconvenient for Russia, but Moscow’s recent move is a dangerous act that threatens world peace and security.'

Find how sure the writer sounds, and whose words are quoted (``kit.highlight`` shows them):

>>> spans = kit.markers(doc)
>>> spans[spans.category == "hedge"].term.head(3).tolist()
['may', 'highly likely', 'reportedly']

Label sentences (``kit.Annotator`` is the app) and compare with the expert's key:

>>> key = kit.expert_key(doc)
>>> key.loc[key.sentence_id == 7, "label"].item()
'prediction'

Chart what you found (``kit.save_figure`` writes PNG and SVG):

>>> ax = kit.charts.stance(doc)
>>> kit.charts.describe(ax).split(";")[0]
'Bar chart: hedges, boosters and attitude words per 100 words, by paragraph 1–13'

Exercises are graded from the command line: ``kit release`` and ``kit grade``. An
instructor's own article is checked and added with ``kit add-text`` (``kit.add_text``).
"""

from . import charts
from .annotate import (
    Annotator,
    agreement,
    compare,
    expert_key,
    load_scheme,
    read_annotations,
    synthetic_class,
)
from .charts import save_figure
from .document import Document
from .errors import (
    AnnotationError,
    AnnotationFileError,
    ArgumentError,
    BinaryFileError,
    ChartError,
    ClassLinkError,
    EmptyTextError,
    ExerciseFormatError,
    ExerciseNotFoundError,
    ExpertKeyError,
    FactSheetError,
    GradingError,
    KitError,
    KitWarning,
    LexiconError,
    MetadataError,
    MissingBodyError,
    NoExpertKeyError,
    NoFactSheetError,
    NoTimelineError,
    ReviewError,
    SaveError,
    SchemeError,
    SlugError,
    SubmissionsError,
    TextCheckError,
    TextEncodingError,
    TextFormatError,
    TextNotFoundError,
    TimelineError,
)
from .facts import (
    claims,
    fact_sheet_path,
    fact_sheet_template,
    read_fact_sheet,
    sentence_verdicts,
    show_claim,
)
from .handout import handout
from .highlight import Highlight, highlight
from .intake import TextReport, add_text, check_text
from .markers import lexicon_folder, markers
from .reading import (
    actor_mentions,
    collocations,
    concordance,
    concordance_list,
    keywords,
    stopwords,
    tone,
)
from .review import ClassReview, review
from .serving import ClassLinks, class_links
from .texts import load, seeds_folder, texts

__all__ = [
    "AnnotationError",
    "AnnotationFileError",
    "Annotator",
    "ArgumentError",
    "BinaryFileError",
    "ChartError",
    "ClassLinkError",
    "ClassLinks",
    "ClassReview",
    "Document",
    "EmptyTextError",
    "ExerciseFormatError",
    "ExerciseNotFoundError",
    "ExpertKeyError",
    "FactSheetError",
    "GradingError",
    "Highlight",
    "KitError",
    "KitWarning",
    "LexiconError",
    "MetadataError",
    "MissingBodyError",
    "NoExpertKeyError",
    "NoFactSheetError",
    "NoTimelineError",
    "ReviewError",
    "SaveError",
    "SchemeError",
    "SlugError",
    "SubmissionsError",
    "TextCheckError",
    "TextEncodingError",
    "TextFormatError",
    "TextNotFoundError",
    "TextReport",
    "TimelineError",
    "actor_mentions",
    "add_text",
    "agreement",
    "charts",
    "check_text",
    "claims",
    "class_links",
    "collocations",
    "compare",
    "concordance",
    "concordance_list",
    "expert_key",
    "fact_sheet_path",
    "fact_sheet_template",
    "handout",
    "highlight",
    "keywords",
    "lexicon_folder",
    "load",
    "load_scheme",
    "markers",
    "read_annotations",
    "read_fact_sheet",
    "review",
    "save_figure",
    "seeds_folder",
    "sentence_verdicts",
    "show_claim",
    "stopwords",
    "synthetic_class",
    "texts",
    "tone",
]
