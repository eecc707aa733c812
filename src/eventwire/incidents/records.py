"""Typed records of incident merging: what goes in (article metadata) and what comes out
(incidents and their members). Data only; the store maps them to tables field by field."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlparse

from ..model import Actor, Article, Casualties, Location


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What merging needs to know about the article an event came from."""

    article_id: str
    source: str | None = None
    published: date | None = None
    url: str | None = None
    title: str | None = None

    @classmethod
    def of(cls, article: Article) -> ArticleMeta:
        return cls(article.id, article.source, article.published, article.url, article.title)

    @property
    def outlet(self) -> str:
        """The outlet: the source name, else the host of the URL, else the article itself
        (an article of unknown origin counts as a source of its own)."""
        if self.source:
            return self.source.strip().lower()
        if self.url:
            host = urlparse(self.url).hostname or ""
            if host:
                return host.removeprefix("www.")
        return f"article:{self.article_id}"


@dataclass(slots=True)
class Member:
    """One event (mention) of an incident, with how sure the merge is that it belongs."""

    event_id: str
    article_id: str
    sentence_index: int
    confidence: float
    source: str | None = None
    published: date | None = None


STATUS = {"": "happened", "~": "hypothetical", "!": "negated"}


@dataclass(slots=True)
class Incident:
    """One happening reported by one or more events, in one or more articles.

    Representative fields come from the members that agree most (the best-supported place
    and day, the type and actors of the representative event). Casualties combine the
    articles' figures: ``low`` the lowest reported, ``high`` the highest, ``best`` the figure of
    the most recent article (updated tolls replace, never add). ``num_mentions`` counts member
    events, ``num_articles`` distinct articles, ``num_sources`` distinct outlets (GDELT's
    NumMentions, NumArticles, NumSources)."""

    incident_id: str
    family: str
    event_id: str  # the representative event
    status: str = "happened"  # or "hypothetical" (threatened, planned, future) or "negated"
    plover_type: str | None = None
    cameo_code: str | None = None
    cameo_root: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    trigger: str = ""
    sentence: str = ""
    source_actors: list[Actor] = field(default_factory=list)
    target_actors: list[Actor] = field(default_factory=list)
    location: Location | None = None
    countries: list[str] = field(default_factory=list)  # its reports' places' (or actors')
    date: str | None = None
    date_precision: str = "unknown"
    first_date: str | None = None  # the days its reports place it in
    last_date: str | None = None
    killed: Casualties | None = None
    injured: Casualties | None = None
    num_mentions: int = 0
    num_sources: int = 0
    num_articles: int = 0
    sources: list[str] = field(default_factory=list)
    first_published: date | None = None
    last_published: date | None = None
    confidence: float = 1.0
    members: list[Member] = field(default_factory=list)
