"""The event ontologies as data: CAMEO codes, PLOVER types and the ACLED mapping rules.

The tables (``cameo.csv``, ``cameo_plover.csv``, ``plover.yaml``, ``acled.yaml``) ship inside this
package and are read on first use, never at import time.
"""

from .acled import AcledRule, AcledType, acled_for, acled_rules, acled_types
from .classify import Classifier, classify_event
from .tables import (
    QUAD_CLASSES,
    CameoCode,
    PloverMapping,
    PloverType,
    UnknownCode,
    cameo,
    cameo_codes,
    cameo_name,
    plover_contexts,
    plover_for,
    plover_types,
)

__all__ = [
    "QUAD_CLASSES",
    "AcledRule",
    "AcledType",
    "CameoCode",
    "Classifier",
    "PloverMapping",
    "PloverType",
    "UnknownCode",
    "acled_for",
    "acled_rules",
    "acled_types",
    "cameo",
    "cameo_codes",
    "cameo_name",
    "classify_event",
    "plover_contexts",
    "plover_for",
    "plover_types",
]
