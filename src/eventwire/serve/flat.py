"""The tables a snapshot builds from the store's copy: ``ev``, one flat row per event with the
columns the API filters and sorts on, and ``actor_keys``, actor codes and words for lookups."""

from __future__ import annotations

from .filters import RANKED, rank_column

# The day an event happened: its own date (partial dates padded to their first day), else the
# day its article was published. Same rule as the store's exports (store.query.EVENT_DAY).
_EVENT_DAY = """TRY_CAST(CASE
    WHEN e.date IS NULL OR e.date = '' THEN strftime(a.published, '%Y-%m-%d')
    WHEN length(e.date) = 4 THEN e.date || '-01-01'
    WHEN length(e.date) = 7 THEN e.date || '-01'
    ELSE left(e.date, 10) END AS DATE)"""

# (list comprehensions, not lambdas: their syntax changed between DuckDB 1.x and 2.x)
_ACTOR_TEXT = "lower(array_to_string([coalesce(x.text, '') FOR x IN {0}], ' | '))"


def _finite(expr: str) -> str:
    """NaN and infinities (JSON has neither) become NULL."""
    return f"CASE WHEN isfinite({expr}) THEN {expr} END"


# A unique id per row: the event id, with "~2", "~3"... on repeats. ``tie``, its 64-bit hash,
# breaks ties between equal sort keys (an integer compares faster than a string).
_UID = "(e.event_id || CASE WHEN n > 1 THEN '~' || n ELSE '' END)"

_RANKS = ",\n    ".join(
    f"row_number() OVER (ORDER BY {column} {way} NULLS LAST, tie {way}) AS {rank_column(sort)}"
    for sort, (column, way) in RANKED.items()
)

# One row per event, sorted newest first (row groups then carry tight day ranges). Ids, sort
# keys and ranks are computed on narrow rows first; the wide columns join in once, at the end.
BUILD_EV = f"""
CREATE TABLE ev AS
WITH keys AS (
    SELECT
        rowid AS src_row,
        event_id,
        row_number() OVER (PARTITION BY event_id
                           ORDER BY article_id, sentence_index, trigger_start) AS n,
        killed.best AS killed,
        injured.best AS injured,
        {_finite("confidence")} AS confidence,
        {_finite("goldstein")} AS goldstein
    FROM src.events
), ranked AS (
    SELECT src_row, uid, tie, {_RANKS}
    FROM (
        SELECT src_row, {_UID} AS uid, hash({_UID}) AS tie, killed, injured, confidence, goldstein
        FROM keys e
    )
)
SELECT
    r.uid,
    r.tie,
    e.event_id,
    e.article_id,
    e.sentence_index,
    {_EVENT_DAY} AS day,
    e.date,
    e.date_precision,
    upper(e.plover_type) AS plover_type,
    e.plover_mode,
    e.cameo_code,
    e.cameo_root,
    {_finite("e.goldstein")} AS goldstein,
    e.quad_class,
    e.acled_event_type,
    e.acled_sub_event_type,
    e.location.name AS place,
    upper(e.location.country) AS country,
    e.location.admin1 AS admin1,
    e.location.admin2 AS admin2,
    {_finite("e.location.lat")} AS lat,
    {_finite("e.location.lon")} AS lon,
    e.location.precision AS geo_precision,
    e.killed.best AS killed,
    e.injured.best AS injured,
    e.negated,
    e.hypothetical,
    e.historical,
    e.future,
    {_finite("e.confidence")} AS confidence,
    e.trigger,
    e.sentence,
    lower(e.sentence) AS sentence_lc,
    [x.code FOR x IN e.source_actors] AS source_codes,
    [x.code FOR x IN e.target_actors] AS target_codes,
    {_ACTOR_TEXT.format("e.source_actors")} AS source_text,
    {_ACTOR_TEXT.format("e.target_actors")} AS target_text,
    a.url,
    a.title,
    a.published,
    r.* EXCLUDE (src_row, uid, tie)
FROM ranked r
JOIN src.events e ON e.rowid = r.src_row
LEFT JOIN src.articles a ON a.id = e.article_id
ORDER BY day DESC NULLS LAST, r.tie DESC
"""


# What lists and exports show of an event: the columns of ``ev`` kept, uncompressed and in
# row order, in an Arrow table, so a page of scattered rows costs a ``take``, not a scan.
DISPLAY_COLUMNS = (
    "event_id",
    "article_id",
    "sentence_index",
    "day",
    "date",
    "date_precision",
    "plover_type",
    "plover_mode",
    "cameo_code",
    "cameo_root",
    "goldstein",
    "quad_class",
    "acled_event_type",
    "acled_sub_event_type",
    "place",
    "country",
    "admin1",
    "admin2",
    "lat",
    "lon",
    "geo_precision",
    "killed",
    "injured",
    "source_codes",
    "target_codes",
    "trigger",
    "sentence",
    "negated",
    "hypothetical",
    "historical",
    "future",
    "confidence",
    "url",
    "title",
)


# Actor codes (upper case) and the words of actor texts (lower case), one row each, sorted:
# a code prefix or a word is then a range of ``key`` that zone maps find without a scan.
BUILD_ACTOR_KEYS = r"""
CREATE TABLE actor_keys AS
SELECT key, rid, role FROM (
    SELECT upper(unnest(source_codes)) AS key, rowid AS rid, 'source' AS role FROM ev
    UNION ALL SELECT upper(unnest(target_codes)), rowid, 'target' FROM ev
    UNION ALL SELECT unnest(regexp_split_to_array(source_text, '[^\pL\pN]+')), rowid, 'source'
        FROM ev
    UNION ALL SELECT unnest(regexp_split_to_array(target_text, '[^\pL\pN]+')), rowid, 'target'
        FROM ev
)
WHERE key IS NOT NULL AND key <> ''
ORDER BY key
"""
