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

Exercises are graded from the command line: ``kit release`` and ``kit grade``.
"""

from .annotate import (
    Annotator,
    agreement,
    compare,
    expert_key,
    load_scheme,
    read_annotations,
    synthetic_class,
)
from .document import Document
from .errors import (
    AnnotationError,
    AnnotationFileError,
    ArgumentError,
    BinaryFileError,
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
    SaveError,
    SchemeError,
    SubmissionsError,
    TextEncodingError,
    TextFormatError,
    TextNotFoundError,
)
from .facts import (
    claims,
    fact_sheet_path,
    fact_sheet_template,
    read_fact_sheet,
    sentence_verdicts,
    show_claim,
)
from .highlight import Highlight, highlight
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
from .texts import load, seeds_folder, texts

__all__ = [
    "AnnotationError",
    "AnnotationFileError",
    "Annotator",
    "ArgumentError",
    "BinaryFileError",
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
    "SaveError",
    "SchemeError",
    "SubmissionsError",
    "TextEncodingError",
    "TextFormatError",
    "TextNotFoundError",
    "actor_mentions",
    "agreement",
    "claims",
    "collocations",
    "compare",
    "concordance",
    "concordance_list",
    "expert_key",
    "fact_sheet_path",
    "fact_sheet_template",
    "highlight",
    "keywords",
    "lexicon_folder",
    "load",
    "load_scheme",
    "markers",
    "read_annotations",
    "read_fact_sheet",
    "seeds_folder",
    "sentence_verdicts",
    "show_claim",
    "stopwords",
    "synthetic_class",
    "texts",
    "tone",
]
