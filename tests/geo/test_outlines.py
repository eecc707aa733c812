"""Representative points from outlines: spherical centroids, landmasses, the shipped points."""

from __future__ import annotations

import numpy as np
import pytest

from eventwire.geo import outlines as o
from eventwire.geo.build import distance_km, read_points


def _square(lon: float, lat: float, size: float = 2.0, *, clockwise: bool = False) -> np.ndarray:
    ring = [(lon, lat), (lon + size, lat), (lon + size, lat + size), (lon, lat + size), (lon, lat)]
    return np.array(ring[::-1] if clockwise else ring, dtype=float)


def _part(*rings: np.ndarray) -> o.Part:
    part = o.make_part(list(rings))
    assert part is not None
    return part


@pytest.mark.parametrize("clockwise", [False, True])
def test_centroid_of_a_square_whatever_its_winding(clockwise):
    lat, lon = o.centroid([_part(_square(10, 10, clockwise=clockwise))])
    assert (lat, lon) == pytest.approx((11.0, 11.0), abs=0.01)


def test_a_hole_pulls_the_centroid_away():
    outer = _square(0, 0, 4)
    hole = _square(0.5, 0.5, 1)
    lat, lon = o.centroid([_part(outer, hole)])
    assert lat > 2.0 and lon > 2.0


def test_area_weights_the_centroid():
    big, small = _part(_square(0, 0, 4)), _part(_square(20, 0, 1))
    lat, lon = o.centroid([big, small])
    assert 2.0 < lon < 4.0  # pulled a little towards the small square, mostly the big one


def test_centroid_across_the_antimeridian():
    east, west = _part(_square(178, 60)), _part(_square(-180, 60))
    lat, lon = o.centroid([east, west])
    assert abs(abs(lon) - 180) < 0.5 and lat == pytest.approx(61, abs=0.1)


def test_main_landmass_leaves_far_islands_out_and_keeps_near_ones():
    mainland = _part(_square(0, 0, 10))
    near_island = _part(_square(10.5, 4, 1))  # half a degree off the coast
    far_island = _part(_square(40, 4, 3))
    groups = o.landmasses([far_island, mainland, near_island], reach=1.0)
    assert groups[0] == [mainland, near_island]
    touching_only = o.landmasses([far_island, mainland, near_island])
    assert touching_only[0] == [mainland]
    lat, lon = o.point([mainland, far_island], "near")
    assert lon == pytest.approx(5.0, abs=0.1)


def test_touching_parts_make_one_landmass():
    left, right = _part(_square(0, 0, 2)), _part(_square(2, 0, 2))
    assert len(o.landmasses([left, right])) == 1
    assert o.point([left, right], "main") == pytest.approx((1.0, 2.0), abs=0.02)


def test_interior_point_lies_inside_a_crescent():
    # a U shape whose centroid falls in the gap between its arms
    ring = np.array(
        [(0, 0), (6, 0), (6, 6), (4, 6), (4, 2), (2, 2), (2, 6), (0, 6), (0, 0)], dtype=float
    )
    part = _part(ring)
    c_lat, c_lon = o.centroid([part])
    i_lat, i_lon = o.interior_point(part)
    assert 2 < c_lon < 4 and c_lat > 2  # the centroid is in the notch
    assert not (2 < i_lon < 4 and i_lat > 2)


def test_topojson_arcs_are_decoded():
    topology = {
        "transform": {"scale": [1.0, 1.0], "translate": [0.0, 0.0]},
        "arcs": [[[0, 0], [2, 0], [0, 2], [-2, 0], [0, -2]]],
        "objects": {"countries": {"geometries": [{"type": "Polygon", "arcs": [[0]], "id": "4"}]}},
    }
    ((geom, parts),) = list(o.topojson_features(topology, "countries"))
    assert o.centroid(parts) == pytest.approx((1.0, 1.0), abs=0.01)
    assert o.country_parts(topology, {4: "AF"}).keys() == {"AF"}


def test_unknown_convention_says_which_exist():
    with pytest.raises(ValueError, match="E350"):
        o.point([_part(_square(0, 0))], "median")


@pytest.mark.parametrize(
    ("key", "near"),
    [
        (("country", "US"), (39.83, -98.58)),  # the contiguous states, not Alaska's pull north
        (("country", "FR"), (46.6, 2.4)),  # metropolitan France, not French Guiana
        (("country", "NZ"), (-41.5, 172.7)),  # both main islands
        (("subdivision", "6093943"), (50.0, -86.0)),  # Ontario: the province, not Toronto
        (("subdivision", "2152274"), (-22.5, 144.5)),  # Queensland
    ],
)
def test_shipped_points_are_landmass_centres(key, near):
    lat, lon = read_points()[key]
    assert distance_km(lat, lon, *near) < 120


def test_country_keeps_its_conventional_point_where_the_outline_confirms_it():
    from eventwire.geo.build import country_point

    turkey = (39.06, 35.41), (39.0, 35.0)  # outline centroid, conventional point: 36 km apart
    assert country_point(*turkey) == (39.0, 35.0)
    us = (39.89, -98.82), (38.0, -97.0)  # 262 km apart: the outline decides
    assert country_point(*us) == (39.89, -98.82)
    assert country_point(None, (38.0, -97.0)) == (38.0, -97.0)


def test_near_point_stays_inside_a_crescent():
    ring = np.array(
        [(0, 0), (6, 0), (6, 6), (4, 6), (4, 2), (2, 2), (2, 6), (0, 6), (0, 0)], dtype=float
    )
    part = _part(ring)
    assert not o.covers([part], *o.centroid([part]))
    assert o.covers([part], *o.point([part], "near"))
