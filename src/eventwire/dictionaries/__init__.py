"""User dictionaries: our YAML/CSV formats and PETRARCH/TABARI files, read into typed parts.

    dictionaries = load_dictionaries([Path("my-dictionaries")])  # every dictionary file in it
    dictionaries.actors, dictionaries.agents, dictionaries.discards
    dictionaries.lexicon_over(builtin_lexicon())                 # the triggers to code with

    write_converted([Path("Phoenix.agents.txt")], Path("out"))   # PETRARCH -> our YAML

Formats are detected from the content (docs/dictionaries.md); parsed PETRARCH files are kept
in a disk cache keyed by file size and modification time.
"""

from .detect import FORMATS, detect_format
from .load import Dictionaries, dictionary_files, load_dictionaries, read_file
from .parts import AgentSpec, DiscardMatcher, Discards, FileParts

__all__ = [
    "FORMATS",
    "AgentSpec",
    "DiscardMatcher",
    "Dictionaries",
    "Discards",
    "FileParts",
    "detect_format",
    "dictionary_files",
    "load_dictionaries",
    "read_file",
]
