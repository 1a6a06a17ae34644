"""A Jupyter teaching kit for media literacy: read, annotate and chart an opinion piece.

>>> import kit
>>> doc = kit.load("yomiuri-2024-04-06")
>>> doc.outlet, doc.date.isoformat(), doc.genre
('The Yomiuri Shimbun', '2024-04-06', 'editorial')
>>> doc.sentences.loc[0, "text"]
'The system of surveilling North Korea may have become inconvenient for Russia, but Moscow’s recent move is a dangerous act that threatens world peace and security.'
"""

from .document import Document
from .errors import (
    ArgumentError,
    BinaryFileError,
    EmptyTextError,
    ExerciseFormatError,
    ExerciseNotFoundError,
    GradingError,
    KitError,
    KitWarning,
    MetadataError,
    MissingBodyError,
    SubmissionsError,
    TextEncodingError,
    TextFormatError,
    TextNotFoundError,
)
from .texts import load, seeds_folder, texts

__all__ = [
    "ArgumentError",
    "BinaryFileError",
    "Document",
    "EmptyTextError",
    "ExerciseFormatError",
    "ExerciseNotFoundError",
    "GradingError",
    "KitError",
    "KitWarning",
    "MetadataError",
    "MissingBodyError",
    "SubmissionsError",
    "TextEncodingError",
    "TextFormatError",
    "TextNotFoundError",
    "load",
    "seeds_folder",
    "texts",
]
