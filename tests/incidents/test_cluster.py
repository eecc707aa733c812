"""Merging hand-built events into incidents: what must merge, what must stay apart, tolls,
counts, confidences, incremental restore."""

from __future__ import annotations

from datetime import date

import pytest
from incident_helpers import (
    BOKKOS,
    GOMA,
    MONGUNO,
    ODESA,
    SALTIVKA,
    UKRAINE,
    event,
    killed,
    meta,
)

from eventwire.incidents import (
    ArticleMeta,
    Clusterer,
    FamilyTable,
    incident_key,
    merge_incidents,
)
from eventwire.model import Actor

MON, TUE, WED = date(2024, 7, 1), date(2024, 7, 2), date(2024, 7, 3)
LEAD = "Russian missiles struck an apartment block in Kharkiv on Monday, killing seven people."


def kharkiv_monday(n: int, source: str, published=MON):
    article = meta(n, published, source)
    return article, [
        event(article, 0, LEAD, "struck", killed=killed(7)),
        event(
            article,
            1,
            "The strike destroyed two upper floors of the building in Saltivka.",
            "strike",
            location=SALTIVKA,
        ),
    ]


def run(*articles) -> tuple[Clusterer, dict[str, str]]:
    """Merge articles in the given order; returns the clusterer and event id -> incident id."""
    clusterer = Clusterer()
    where = {}
    for article, events in articles:
        for incident_id, member in clusterer.add(article, events):
            where[member.event_id] = incident_id
    return clusterer, where


def test_wire_copies_and_rewrites_are_one_incident():
    rewrite = meta(3, MON, "Kyiv Morning")
    clusterer, where = run(
        kharkiv_monday(1, "Meridian Wire"),
        kharkiv_monday(2, "Regional Times"),
        (
            rewrite,
            [
                event(
                    rewrite,
                    0,
                    "A Russian ballistic missile slammed into a residential high-rise in "
                    "Kharkiv on Monday afternoon, leaving seven people dead.",
                    "slammed",
                    killed=killed(7),
                )
            ],
        ),
    )
    assert len(clusterer) == 1
    (incident,) = clusterer.incidents()
    assert (incident.num_mentions, incident.num_articles, incident.num_sources) == (5, 3, 3)
    assert incident.sources == ["kyiv morning", "meridian wire", "regional times"]
    assert incident.date == "2024-07-01" and incident.location.name == "Kharkiv"
    assert incident.killed.best == 7
    assert {m.article_id for m in incident.members} == {"a001", "a002", "a003"}


def test_one_outlet_twice_counts_one_source():
    clusterer, _ = run(kharkiv_monday(1, "Meridian Wire"), kharkiv_monday(2, "Meridian Wire"))
    (incident,) = clusterer.incidents()
    assert (incident.num_articles, incident.num_sources) == (2, 1)


def test_strikes_on_one_city_on_consecutive_days_stay_apart():
    tuesday = meta(2, TUE)
    clusterer, where = run(
        kharkiv_monday(1, "Meridian Wire"),
        (
            tuesday,
            [
                event(
                    tuesday,
                    0,
                    "Russian missiles struck Kharkiv again on Tuesday, killing four people at a "
                    "shopping centre.",
                    "struck",
                    killed=killed(4),
                )
            ],
        ),
    )
    assert len(clusterer) == 2
    assert {i.date for i in clusterer.incidents()} == {"2024-07-01", "2024-07-02"}


def test_updated_toll_replaces_and_is_not_added():
    update = meta(3, WED, "Horizon Press")
    clusterer, where = run(
        kharkiv_monday(1, "Meridian Wire"),
        (
            update,
            [
                event(
                    update,
                    0,
                    "The death toll from Monday's missile strike on an apartment block in "
                    "Kharkiv rose to 11, officials said on Wednesday.",
                    "strike",
                    date="2024-07-01",
                    killed=killed(11),
                )
            ],
        ),
    )
    (incident,) = clusterer.incidents()
    assert (incident.killed.low, incident.killed.best, incident.killed.high) == (7, 11, 11)
    assert incident.num_articles == 2


def test_toll_update_read_from_the_sentence_when_the_event_has_none():
    update = meta(3, WED, "Horizon Press")
    sentence = (
        "The number of people killed in Monday's missile strike on an apartment block in "
        "Kharkiv has risen to 11, officials said on Wednesday."
    )
    clusterer, _ = run(
        kharkiv_monday(1, "Meridian Wire"),
        (update, [event(update, 0, sentence, "strike", date="2024-07-01")]),
    )
    (incident,) = clusterer.incidents()
    assert (incident.killed.low, incident.killed.best) == (7, 11)


def test_the_most_recent_figure_is_best_even_when_lower():
    correction = meta(3, WED, "Horizon Press")
    sentence = "Officials said on Wednesday that Monday's strike on Kharkiv killed six people."
    clusterer, _ = run(
        kharkiv_monday(1, "Meridian Wire"),
        (
            correction,
            [event(correction, 0, sentence, "strike", date="2024-07-01", killed=killed(6))],
        ),
    )
    (incident,) = clusterer.incidents()
    assert (incident.killed.low, incident.killed.best, incident.killed.high) == (6, 6, 7)


def test_same_day_attacks_in_different_provinces_stay_apart():
    borno, plateau = meta(1, date(2024, 5, 3)), meta(2, date(2024, 5, 3))
    clusterer, _ = run(
        (
            borno,
            [
                event(
                    borno,
                    0,
                    "Gunmen killed 23 farmers in a raid on a village near Monguno on Thursday.",
                    "killed",
                    location=MONGUNO,
                    date="2024-05-02",
                    killed=killed(23),
                )
            ],
        ),
        (
            plateau,
            [
                event(
                    plateau,
                    0,
                    "Gunmen killed 17 villagers in an attack on a village in Bokkos on Thursday.",
                    "killed",
                    location=BOKKOS,
                    date="2024-05-02",
                    killed=killed(17),
                )
            ],
        ),
    )
    assert len(clusterer) == 2


def test_a_protest_and_a_clash_in_one_town_stay_apart():
    protest, clash = meta(1, date(2024, 8, 5)), meta(2, date(2024, 8, 5))
    clusterer, _ = run(
        (
            protest,
            [
                event(
                    protest,
                    0,
                    "Thousands marched through Goma on Monday to protest against the U.N. mission.",
                    "marched",
                    location=GOMA,
                    plover_type="PROTEST",
                    cameo_code="141",
                    cameo_root="14",
                )
            ],
        ),
        (
            clash,
            [
                event(
                    clash,
                    0,
                    "Heavy fighting broke out between the army and M23 rebels in Goma on Monday.",
                    "fighting",
                    location=GOMA,
                    cameo_code="193",
                )
            ],
        ),
    )
    assert sorted(i.family for i in clusterer.incidents()) == ["protest", "violence"]


def test_places_far_apart_stay_apart_even_with_the_same_words():
    odesa = meta(2, MON)
    clusterer, _ = run(
        kharkiv_monday(1, "Meridian Wire"),
        (odesa, [event(odesa, 0, LEAD.replace("Kharkiv", "Odesa"), "struck", location=ODESA)]),
    )
    assert len(clusterer) == 2


def test_sentences_of_one_article_merge_and_later_ones_take_the_lead_setting():
    article = meta(1, MON)
    events = [
        event(article, 0, LEAD, "struck", killed=killed(7)),
        event(
            article,
            1,
            "Rescuers searched the rubble of the building after the attack.",
            "attack",
            location=UKRAINE,
        ),
        event(
            article, 2, "The blast shattered windows across the district.", "blast", location=None
        ),
    ]
    clusterer, _ = run((article, events))
    (incident,) = clusterer.incidents()
    assert incident.num_mentions == 3 and incident.location.name == "Kharkiv"
    assert incident.members[0].confidence == 1.0
    assert all(0.5 < m.confidence <= 1.0 for m in incident.members)


def test_background_event_of_another_day_in_an_article_is_its_own_incident():
    article = meta(1, MON)
    events = [
        event(article, 0, LEAD, "struck", killed=killed(7)),
        event(
            article,
            2,
            "Last month an attack on the city killed 13 people on June 3.",
            "attack",
            date="2024-06-03",
            historical=True,
            killed=killed(13),
        ),
    ]
    clusterer, _ = run((article, events))
    assert len(clusterer) == 2


def test_negated_events_merge_with_nothing():
    article = meta(2, MON, "Regional Times")
    denial = event(
        article,
        0,
        "Russia denied that its missiles struck Kharkiv on Monday.",
        "struck",
        negated=True,
    )
    clusterer, where = run(kharkiv_monday(1, "Meridian Wire"), (article, [denial]))
    assert len(clusterer) == 2
    assert clusterer.incident(where[denial.event_id]).status == "negated"


def test_restored_incidents_take_new_articles_as_in_one_go():
    articles = [
        kharkiv_monday(1, "Meridian Wire"),
        kharkiv_monday(2, "Regional Times"),
        kharkiv_monday(3, "Kyiv Morning", published=TUE),
        kharkiv_monday(4, "Global Dispatch", published=WED),
    ]
    one_go, _ = run(*articles)
    first, _ = run(*articles[:2])
    stored = list(first.incidents())
    events = {e.event_id: (e, a) for a, es in articles[:2] for e in es}
    later = Clusterer()
    for incident in stored:
        later.restore(
            incident.incident_id,
            [(*events[m.event_id], m.confidence) for m in incident.members],
        )
    for article, evs in articles[2:]:
        later.add(article, evs)
    assert later.touched == {stored[0].incident_id}
    assert _partition(later) == _partition(one_go)


def test_evicted_incidents_come_back_parked_exactly_as_they_were():
    articles = [
        kharkiv_monday(1, "Meridian Wire"),
        kharkiv_monday(2, "Regional Times"),
        kharkiv_monday(3, "Kyiv Morning", published=TUE),
    ]
    one_go, _ = run(*articles)
    parking, _ = run(*articles[:2])
    before = list(parking.incidents())
    assert parking.evict(0) == 1 and len(parking) == 0
    assert parking.unpark(before[0].incident_id)
    assert list(parking.incidents()) == before
    assert next(iter(parking._states.values())).family is parking.families.families["violence"]
    assert parking.evict(0) == 1  # unchanged since it came back: packed once only
    assert parking.unpark(before[0].incident_id)
    parking.add(*articles[2])  # found through its blocks again: joins, as in one go
    assert list(parking.incidents()) == list(one_go.incidents())
    assert not parking.unpark("I-never-parked")


def test_parking_past_its_budget_leaves_incidents_to_the_store():
    clusterer, _ = run(kharkiv_monday(1, "Meridian Wire"))
    held = list(clusterer.ids())
    tight = Clusterer(parked_bytes=1)
    tight._states, tight._index = clusterer._states, clusterer._index
    assert tight.evict(0) == 1
    assert not tight.unpark(held[0])  # dropped: read back from the store instead


def _partition(clusterer: Clusterer) -> set[frozenset[str]]:
    return {frozenset(m.event_id for m in i.members) for i in clusterer.incidents()}


def test_merge_incidents_and_incident_key_for_distributed_runs():
    a1, e1 = kharkiv_monday(1, "Meridian Wire")
    a2, e2 = kharkiv_monday(2, "Regional Times")
    incidents = merge_incidents([*e1, *e2], articles={a.article_id: a for a in (a1, a2)})
    assert len(incidents) == 1 and incidents[0].num_sources == 2
    assert incident_key(e1[0]) == incident_key(e2[0])
    assert incident_key(e1[0])[0] == "violence"
    undated = event(a1, 3, "An attack.", "attack", date=None)
    assert incident_key(undated) is None
    # without article metadata each article is a source of its own
    assert merge_incidents([*e1, *e2])[0].num_sources == 2


def test_actors_of_the_representative_event():
    article = meta(1, MON)
    events = [
        event(
            article,
            0,
            LEAD,
            "struck",
            source_actors=[Actor(text="Russia", code="RUS", country="RUS")],
        )
    ]
    (incident,) = merge_incidents(events, articles={article.article_id: article})
    assert incident.source_actors[0].code == "RUS" and incident.event_id == events[0].event_id


def test_family_table_rejects_unknown_keys():
    with pytest.raises(ValueError, match="E401"):
        FamilyTable.from_dict({"families": {"x": {"max_km": 1, "window_days": 1,
                                                  "physical": True, "colour": "red"}}})  # fmt: skip


def test_unknown_outlet_counts_per_article():
    assert ArticleMeta("a1").outlet == "article:a1"
    assert ArticleMeta("a1", url="https://www.example.org/x").outlet == "example.org"
    assert ArticleMeta("a1", source=" Meridian Wire ").outlet == "meridian wire"


def test_input_order_never_matters():
    items = [kharkiv_monday(n, source) for n, source in enumerate(("A", "B", "C"), 1)]
    items.append(kharkiv_monday(4, "D", published=TUE))
    events = [e for _, es in items for e in es]
    articles = {a.article_id: a for a, _ in items}

    def merged(order):
        return {
            i.incident_id: sorted(m.event_id for m in i.members)
            for i in merge_incidents(order, articles=articles)
        }

    assert merged(events) == merged(list(reversed(events)))
