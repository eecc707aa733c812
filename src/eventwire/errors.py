"""Exceptions eventwire raises. Messages carry a short code and say what to do."""

from __future__ import annotations


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class StageError(EventwireError):
    """A pipeline stage broke the stage contract."""


class InputError(EventwireError):
    """An input could not be read; the message names it and says what to do."""


class ConfigError(EventwireError):
    """A configuration or dictionary file is invalid."""


class GoldFormatError(EventwireError):
    """A gold file for evaluation is not in a known format."""
