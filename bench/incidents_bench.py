"""Incident merging at scale: generated events clustered into incidents, time and memory.

    python bench/incidents_bench.py --events 1000000 [--workers 2] [--seed 7]

Generates a stream of synthetic articles (``--events`` events in all) reporting generated
happenings, in publication order, and merges them with ``eventwire.incidents.Clusterer``:

- happenings: two years of days; ~120 countries with Zipf-distributed activity (a few hot
  conflicts hold most events, as in real news); per country a pool of places (so hot places
  see distinct incidents on the same and on consecutive days); a family (violence, protest,
  arrests, troop moves, talks, threats, ...), actors, a toll and a handful of topic words;
- reports: each happening is reported by 1-8 articles (geometric), published on its day or
  up to two days later, each with 1-4 events of it (some dated only by the publication, some
  placed only in the country, tolls that rise in later articles) and sometimes an unrelated
  background event.

With ``--workers N`` the countries are split across N processes of about equal activity, each
generating and merging the news of its countries (blocks never cross a country, so shards
are independent; the generated stream differs with N, its statistics do not).

Prints a table and, as the **last line**, one JSON object: ``{"events", "articles",
"incidents", "seconds" (wall clock, all included), "merge_seconds" and "merge_cpu_seconds"
(merging alone, in the slowest worker: CPU time tells the work apart from waiting on a busy
machine), "generate_seconds", "load_average", "events_per_s", "peak_rss_mb", "workers",
"bcubed_precision", "bcubed_recall", "bcubed_f1"}``.
B-cubed is over events against the generated happenings: a sanity check of the generated
case, not an accuracy figure (see ``eventwire eval incidents`` for that).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from eventwire.incidents import ArticleMeta, Clusterer
from eventwire.model import Actor, Casualties, Event, Location

START = date(2023, 1, 1).toordinal()
DAYS = 730
SECTORS = ("MIL", "GOV", "REB", "COP", "CVL", "OPP", "UAF")
FAMILIES = (  # (weight, cameo code, plover type, triggers)
    (45, "190", "ASSAULT", ("attack", "attacked", "strike", "shelled", "clashes", "killed")),
    (15, "141", "PROTEST", ("protest", "marched", "rally", "demonstration")),
    (10, "173", "COERCE", ("arrested", "detained", "raid")),
    (8, "040", "CONSULT", ("met", "talks", "visited")),
    (7, "154", "MOBILIZE", ("deployed", "sent", "moved")),
    (6, "130", "THREATEN", ("threatened", "warned")),
    (5, "111", "ACCUSE", ("accused", "condemned")),
    (4, "070", "AID", ("delivered", "provided")),
)
OUTLETS = [f"outlet-{i}" for i in range(60)]
VOCABULARY = [f"w{i}" for i in range(20000)]


@dataclass(slots=True)
class Happening:
    hid: int
    day: int
    family: int
    country: str
    place: Location
    actors: tuple[Actor, Actor]
    killed: int
    words: list[str]


def peak_rss_mb() -> float:
    scale = 1 if sys.platform == "darwin" else 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale
    return (own + children) / 1e6


class World:
    """Countries, places and actors the generated news is about."""

    def __init__(self, rng: random.Random, n_countries: int = 120, places: int = 40) -> None:
        self.countries = [f"C{i:02d}" for i in range(n_countries)]
        self.weights = [1.0 / (i + 1) ** 1.1 for i in range(n_countries)]
        self.places: dict[str, list[Location]] = {}
        self.country_loc: dict[str, Location] = {}
        self.actors: dict[str, list[Actor]] = {}
        for i, code in enumerate(self.countries):
            lat0, lon0 = rng.uniform(-40, 50), rng.uniform(-100, 140)
            self.country_loc[code] = Location(
                name=f"Country {code}", lat=lat0, lon=lon0, country=code, precision="country"
            )
            self.places[code] = [
                Location(
                    name=f"{code}-town-{j}",
                    geonameid=i * 1000 + j,
                    lat=lat0 + rng.uniform(-4, 4),
                    lon=lon0 + rng.uniform(-4, 4),
                    country=code,
                    admin1=f"{code}-A{j % 8}",
                    precision="place",
                )
                for j in range(places)
            ]
            self.actors[code] = [
                Actor(text=f"{code} {s}", code=f"{code}{s}", country=code, sector=s)
                for s in SECTORS
            ]


def happenings(
    world: World, rng: random.Random, n_events: int, countries: list[str]
) -> Iterator[list[Happening]]:
    """Happenings in ``countries`` day by day, about n_events events in all (about 5 each)."""
    per_day = max(1, round(n_events / 5.0 / DAYS))
    fam_weights = [f[0] for f in FAMILIES]
    weights = [world.weights[world.countries.index(c)] for c in countries]
    hid = 0
    for day in range(START, START + DAYS):
        todays = []
        chosen = rng.choices(countries, weights, k=per_day)
        families = rng.choices(range(len(FAMILIES)), fam_weights, k=per_day)
        for country, family in zip(chosen, families, strict=True):
            pool = world.actors[country]
            todays.append(
                Happening(
                    hid=hid,
                    day=day,
                    family=family,
                    country=country,
                    place=rng.choice(world.places[country]),
                    actors=(rng.choice(pool), rng.choice(pool)),
                    killed=rng.choice((0, 0, 1, 2, 3, 5, 8, 12, 20)) if family == 0 else 0,
                    words=rng.sample(VOCABULARY, 6),
                )
            )
            hid += 1
        yield todays


def articles(
    world: World, rng: random.Random, n_events: int, countries: list[str], prefix: str = "a"
) -> Iterator[tuple[ArticleMeta, list[Event], list[int]]]:
    """Articles about ``countries`` in publication order: (meta, events, happening id of each
    event; background events get ids of their own)."""
    pending: dict[int, list[tuple[Happening, int]]] = defaultdict(list)
    produced = 0
    aid = 0
    for todays in happenings(world, rng, n_events, countries):
        day = todays[0].day
        for h in todays:
            n_articles = min(8, 1 + int(rng.expovariate(0.7)))
            for k in range(n_articles):
                pending[day + min(2, int(rng.expovariate(1.5)))].append((h, k))
        for h, k in pending.pop(day, []):
            meta, events, labels = _article(world, rng, h, k, aid, prefix)
            aid += 1
            produced += len(events)
            yield meta, events, labels
        if produced >= n_events:
            return
    for day in sorted(pending):
        for h, k in pending[day]:
            meta, events, labels = _article(world, rng, h, k, aid, prefix)
            aid += 1
            yield meta, events, labels


def _article(
    world: World, rng: random.Random, h: Happening, k: int, aid: int, prefix: str
) -> tuple[ArticleMeta, list[Event], list[int]]:
    published = h.day + rng.choice((0, 0, 0, 1, 1, 2)) if k else h.day
    article_id = f"{prefix}{aid:08d}"
    meta = ArticleMeta(
        article_id=article_id,
        source=rng.choice(OUTLETS),
        published=date.fromordinal(published),
    )
    code, plover, triggers = FAMILIES[h.family][1:]
    events, labels = [], []
    toll = h.killed + (k if h.killed and k > 1 else 0)  # later reports: higher tolls
    for s in range(rng.choice((1, 2, 2, 3, 4))):
        precise = s == 0 or rng.random() < 0.3
        place = h.place if precise else world.country_loc[h.country]
        dated = s == 0 or rng.random() < 0.3
        words = rng.sample(h.words, 4) + rng.sample(VOCABULARY, 4)
        trigger = rng.choice(triggers)
        when = " on " + date.fromordinal(h.day).strftime("%A") if dated else ""
        events.append(
            Event(
                event_id=f"{article_id}-{s}",
                article_id=article_id,
                sentence_index=s,
                sentence=f"{h.actors[0].text} {trigger} {place.name}{when} " + " ".join(words),
                trigger=trigger,
                trigger_start=s * 100,
                trigger_end=s * 100 + len(trigger),
                plover_type=plover,
                cameo_code=code,
                cameo_root=code[:2],
                source_actors=[h.actors[0]],
                target_actors=[h.actors[1]],
                location=place,
                date=date.fromordinal(h.day).isoformat() if dated else meta.published.isoformat(),
                date_precision="day",
                killed=Casualties(best=toll, low=toll, high=toll) if toll and s == 0 else None,
                salience=0.5,
            )
        )
        labels.append(h.hid)
    if rng.random() < 0.2:  # a background event of the country, weeks earlier
        code2, plover2, triggers2 = FAMILIES[0][1:]
        events.append(
            Event(
                event_id=f"{article_id}-b",
                article_id=article_id,
                sentence_index=len(events),
                sentence="an earlier "
                + rng.choice(triggers2)
                + " "
                + " ".join(rng.sample(VOCABULARY, 6)),
                trigger=rng.choice(triggers2),
                trigger_start=9000,
                trigger_end=9006,
                plover_type=plover2,
                cameo_code=code2,
                cameo_root=code2[:2],
                location=world.country_loc[h.country],
                date=date.fromordinal(h.day - rng.randint(20, 200)).isoformat(),
                date_precision="day",
                historical=True,
                salience=0.2,
            )
        )
        labels.append(-1 - aid)  # a happening of its own
    return meta, events, labels


def _shard_countries(world: World, shards: int) -> list[set[str]]:
    """Countries split across shards with about equal activity (heaviest first, each to the
    lightest shard)."""
    load = [0.0] * shards
    out: list[set[str]] = [set() for _ in range(shards)]
    for weight, country in sorted(zip(world.weights, world.countries, strict=True), reverse=True):
        i = load.index(min(load))
        out[i].add(country)
        load[i] += weight
    return out


def run_shard(args: tuple[int, int, int, int]) -> dict:
    """Generate and merge the articles about this shard's countries (blocks never cross a
    country, so shards are independent)."""
    n_events, seed, shard, shards = args
    world = World(random.Random(seed))
    mine = sorted(_shard_countries(world, shards)[shard])
    share = sum(world.weights[world.countries.index(c)] for c in mine) / sum(world.weights)
    rng = random.Random(seed * 7919 + shard)
    clusterer = Clusterer()
    generate = merge = 0.0
    cpu_started = time.process_time()
    cpu_generate = 0.0
    n_events_seen = n_articles = 0
    labels_of: dict[str, int] = {}
    assigned: dict[str, str] = {}
    stream = articles(world, rng, round(n_events * share), mine, prefix=f"s{shard}-")
    while True:
        t0, c0 = time.perf_counter(), time.process_time()
        item = next(stream, None)
        t1 = time.perf_counter()
        generate += t1 - t0
        cpu_generate += time.process_time() - c0
        if item is None:
            break
        meta, events, labels = item
        for event, label in zip(events, labels, strict=True):
            labels_of[event.event_id] = label
        placed = clusterer.add(meta, events)
        for incident_id, member in placed:
            assigned[member.event_id] = incident_id
        merge += time.perf_counter() - t1
        n_events_seen += len(events)
        n_articles += 1
    t2 = time.perf_counter()
    n_incidents = sum(1 for _ in clusterer.incidents())
    merge += time.perf_counter() - t2
    return {
        "events": n_events_seen,
        "articles": n_articles,
        "incidents": n_incidents,
        "merge_seconds": merge,
        "generate_seconds": generate,
        "merge_cpu_seconds": time.process_time() - cpu_started - cpu_generate,
        "counts": _bcubed_counts(labels_of, assigned),
        "rss_mb": peak_rss_mb(),
    }


def _bcubed_counts(gold: dict[str, int], predicted: dict[str, str]) -> tuple[float, float, int]:
    """Sums of per-item B-cubed precision and recall, and the item count."""
    pair: dict[tuple[int, str], int] = defaultdict(int)
    size_gold: dict[int, int] = defaultdict(int)
    size_pred: dict[str, int] = defaultdict(int)
    for item, label in gold.items():
        cluster = predicted[item]
        pair[label, cluster] += 1
        size_gold[label] += 1
        size_pred[cluster] += 1
    precision = sum(n * n / size_pred[c] for (_, c), n in pair.items())
    recall = sum(n * n / size_gold[g] for (g, _), n in pair.items())
    return precision, recall, len(gold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    jobs = [(args.events, args.seed, shard, args.workers) for shard in range(args.workers)]
    if args.workers == 1:
        results = [run_shard(jobs[0])]
    else:
        with multiprocessing.get_context("fork").Pool(args.workers) as pool:
            results = pool.map(run_shard, jobs)
    wall = time.perf_counter() - started
    events = sum(r["events"] for r in results)
    precision = sum(r["counts"][0] for r in results) / events
    recall = sum(r["counts"][1] for r in results) / events
    f1 = 2 * precision * recall / (precision + recall)
    out = {
        "events": events,
        "articles": sum(r["articles"] for r in results),
        "incidents": sum(r["incidents"] for r in results),
        "seconds": round(wall, 1),
        "merge_seconds": round(max(r["merge_seconds"] for r in results), 1),
        "generate_seconds": round(max(r["generate_seconds"] for r in results), 1),
        "merge_cpu_seconds": round(max(r["merge_cpu_seconds"] for r in results), 1),
        "load_average": round(os.getloadavg()[0], 1),
        "events_per_s": round(events / wall),
        "peak_rss_mb": round(max(peak_rss_mb(), max(r["rss_mb"] for r in results)), 1),
        "workers": args.workers,
        "bcubed_precision": round(precision, 4),
        "bcubed_recall": round(recall, 4),
        "bcubed_f1": round(f1, 4),
    }
    print(f"events        {out['events']:>12,}")
    print(f"articles      {out['articles']:>12,}")
    print(f"incidents     {out['incidents']:>12,}")
    print(
        f"wall seconds  {out['seconds']:>12}   (generation {out['generate_seconds']} s, "
        f"merging {out['merge_seconds']} s in the slowest worker)"
    )
    print(
        f"merge CPU s   {out['merge_cpu_seconds']:>12}   (slowest worker; load average "
        f"{out['load_average']} on {os.cpu_count()} CPUs)"
    )
    print(f"events/s      {out['events_per_s']:>12,}")
    print(f"peak RSS      {out['peak_rss_mb']:>12} MB")
    print(f"B-cubed P/R/F1 on the generated happenings: {precision:.3f} / {recall:.3f} / {f1:.3f}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
