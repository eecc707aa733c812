// Convert Natural Earth country outlines (npm world-atlas TopoJSON) into the GeoJSON file the
// dashboard ships with, rounding coordinates to 0.01 degree (about 1 km) to keep it small.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { feature } from "topojson-client";

const require = createRequire(import.meta.url);
const [scale = "50m", out] = process.argv.slice(2);
const topology = JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${scale}.json`)));
const collection = feature(topology, topology.objects.countries);

const round = (x) => Math.round(x * 100) / 100;
function ring(points) {
  const kept = [];
  for (const [x, y] of points) {
    const p = [round(x), round(y)];
    const last = kept[kept.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) kept.push(p);
  }
  // a "ring" along the pole line has no area (the South Pole of Antarctica): drop it
  if (kept.every(([, y]) => Math.abs(y) === 90)) return null;
  return kept.length >= 4 ? kept : null;
}
// A ring that crosses the antimeridian jumps by ~360 degrees of longitude; shift the points past
// the jump so the ring stays continuous (the map draws the land again 360 degrees east and west),
// and close a ring that goes round a pole (Antarctica) along the pole.
function unwrap(points) {
  const out = [points[0]];
  let shift = 0;
  for (let i = 1; i < points.length; i++) {
    const step = points[i][0] - points[i - 1][0];
    if (step > 180) shift -= 360;
    else if (step < -180) shift += 360;
    out.push([points[i][0] + shift, points[i][1]]);
  }
  if (shift !== 0) {
    const pole = out.reduce((sum, p) => sum + p[1], 0) / out.length < 0 ? -90 : 90;
    const last = out[out.length - 1];
    out.push([last[0], pole], [out[0][0], pole], out[0]);
  }
  return out;
}
function polygon(rings) {
  const kept = rings.map(ring).filter(Boolean).map(unwrap);
  return kept.length ? kept : null;
}
const features = [];
for (const f of collection.features) {
  const g = f.geometry;
  if (!g) continue;
  const polys = (g.type === "Polygon" ? [g.coordinates] : g.coordinates).map(polygon).filter(Boolean);
  if (!polys.length) continue;
  features.push({
    type: "Feature",
    id: f.id ?? null,
    properties: { name: f.properties.name },
    geometry: { type: "MultiPolygon", coordinates: polys },
  });
}
const result = {
  type: "FeatureCollection",
  source: `Natural Earth ${scale} admin-0 countries (public domain) via npm world-atlas`,
  features,
};
writeFileSync(out, JSON.stringify(result));
console.log(`wrote ${features.length} countries to ${out}`);
