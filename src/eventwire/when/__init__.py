"""Event dates: time expressions resolved against the publication date, attached by the parse."""

from .expressions import Resolved, TimeMention, TimeSpec, find_time_mentions, resolve
from .stage import HISTORICAL_AFTER_DAYS, Dater

__all__ = [
    "HISTORICAL_AFTER_DAYS",
    "Dater",
    "Resolved",
    "TimeMention",
    "TimeSpec",
    "find_time_mentions",
    "resolve",
]
