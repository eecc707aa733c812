"""The ``classify`` stage: complete each event's CAMEO, PLOVER and ACLED fields from the tables."""

from __future__ import annotations

from ...model import Event
from ...pipeline import Document
from .acled import acled_for
from .tables import cameo, cameo_codes, plover_for


def classify_event(event: Event) -> Event:
    """Fill an event's ontology fields in place and return it.

    From the CAMEO code: ``cameo_root``, ``goldstein`` and ``quad_class`` (always), the PLOVER
    type and mode (only where the extractor left them empty; the mode only when the type agrees
    with the CAMEO mapping) and the contexts (added to any already set). The ACLED types are set
    when still empty, also for events that carry a PLOVER type but no CAMEO code.
    """
    # a user dictionary may code outside the CAMEO codebook (PETRARCH's test codes): no fields
    known = bool(event.cameo_code) and event.cameo_code in cameo_codes()
    if known and event.cameo_code:
        entry = cameo(event.cameo_code)
        mapping = plover_for(event.cameo_code)
        event.cameo_root = entry.root
        event.goldstein = entry.goldstein
        event.quad_class = entry.quad_class
        if event.plover_type is None:
            event.plover_type = mapping.type
        if event.plover_mode is None and event.plover_type == mapping.type:
            event.plover_mode = mapping.mode
        event.plover_context = list(dict.fromkeys([*event.plover_context, *mapping.contexts]))
    if event.acled_event_type is None and (known or event.plover_type):
        found = acled_for(event)
        if found is not None:
            event.acled_event_type, event.acled_sub_event_type = found
    return event


class Classifier:
    """Pipeline stage ``classify``: needs events with CAMEO codes, sets their ontology fields."""

    name = "classify"

    def __call__(self, doc: Document) -> Document:
        for event in doc.events:
            classify_event(event)
        return doc
