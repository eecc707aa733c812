"""eventwire: news in, coded political events out (PLOVER, CAMEO, ACLED), offline."""

from .api import code_articles, code_documents, code_text
from .model import Actor, Article, Casualties, Event, Location

__all__ = [
    "Actor",
    "Article",
    "Casualties",
    "Event",
    "Location",
    "code_articles",
    "code_documents",
    "code_text",
]
__version__ = "0.1.0"
