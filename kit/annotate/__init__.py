"""Annotating: schemes as data, the saved labels, the app, the expert key, comparing.

Light to import: pandas, NLTK and ipywidgets load only when a function needs them.
"""

from .agreement import Agreement, agreement
from .annotator import Annotator
from .compare import Comparison, cohens_kappa, compare
from .export import read_annotations
from .key import expert_key
from .scheme import Label, Scheme, load_scheme, schemes
from .synthetic import synthetic_class

__all__ = [
    "Agreement",
    "Annotator",
    "Comparison",
    "Label",
    "Scheme",
    "agreement",
    "cohens_kappa",
    "compare",
    "expert_key",
    "load_scheme",
    "read_annotations",
    "schemes",
    "synthetic_class",
]
