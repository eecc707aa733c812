"""Reading PETRARCH/TABARI dictionaries: actors, agents, verbs (synsets, blocks, patterns) and
discard lists, and translating verb patterns into conditions on a dependency parse."""
