#!/usr/bin/env bash
# Regenerate the dashboard's vendored, offline assets from npm:
#   - country outlines: Natural Earth 1:50m via world-atlas, converted to GeoJSON;
#   - Swagger UI (for /docs) from swagger-ui-dist.
# The generated files are committed, so installing or running eventwire never needs this.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
static="$here/../src/eventwire/serve/static"
cd "$here"
npm install --no-audit --no-fund --silent
mkdir -p "$static/vendor/swagger-ui"
node build-geo.mjs 50m "$static/countries.geo.json"
cp node_modules/world-atlas/LICENSE "$static/countries.LICENSE.txt"
ui="$static/vendor/swagger-ui"
sed '/^\/\/# sourceMappingURL=/d' node_modules/swagger-ui-dist/swagger-ui-bundle.js >"$ui/swagger-ui-bundle.js"
sed '/sourceMappingURL=/d' node_modules/swagger-ui-dist/swagger-ui.css >"$ui/swagger-ui.css"
cp node_modules/swagger-ui-dist/favicon-32x32.png "$ui/favicon-32x32.png"
cp node_modules/swagger-ui-dist/LICENSE "$ui/LICENSE.txt"
cp node_modules/swagger-ui-dist/NOTICE "$ui/NOTICE.txt"
echo "static assets written to $static"
