// eventwire dashboard: a canvas map, a timeline, filters and an event list over the JSON API.
// Data from the API is only ever put into the page as text (textContent), never as HTML.
"use strict";

const PLOVER_COLOURS = {
  AGREE: "#2b8cbe", CONSULT: "#4eb3d3", SUPPORT: "#41ae76", CONCEDE: "#7fcdbb",
  COOPERATE: "#1a9850", AID: "#66bd63", RETREAT: "#a6d96a", REQUEST: "#8c96c6",
  ACCUSE: "#fdae61", REJECT: "#f46d43", THREATEN: "#e6ab02", PROTEST: "#8e44ad",
  SANCTION: "#bf812d", MOBILIZE: "#e7298a", COERCE: "#d95f02", ASSAULT: "#d7191c",
};
const NO_TYPE_COLOUR = "#6b7680";
const CAMEO_ROOTS = [
  ["01", "Make public statement"], ["02", "Appeal"], ["03", "Express intent to cooperate"],
  ["04", "Consult"], ["05", "Diplomatic cooperation"], ["06", "Material cooperation"],
  ["07", "Provide aid"], ["08", "Yield"], ["09", "Investigate"], ["10", "Demand"],
  ["11", "Disapprove"], ["12", "Reject"], ["13", "Threaten"], ["14", "Protest"],
  ["15", "Exhibit force posture"], ["16", "Reduce relations"], ["17", "Coerce"],
  ["18", "Assault"], ["19", "Fight"], ["20", "Unconventional mass violence"],
];
const ACLED_TYPES = [
  "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
  "Strategic developments",
];
const FILTER_FIELDS = [
  "q", "since", "until", "country", "admin1", "actor", "actor_role", "cameo_root",
  "acled_event_type", "killed_min", "bbox", "sort",
];
const PAGE = 50;

const $ = (id) => document.getElementById(id);
const colourOf = (type) => PLOVER_COLOURS[type] || NO_TYPE_COLOUR;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) {
    if (child != null) node.append(child); // strings become text nodes
  }
  return node;
}

// ---------------------------------------------------------------------------------------------
// State: filters, sort, selected event and map view, kept in the URL hash so a view is shareable.

const state = { filters: {}, types: new Set(), event: null, view: { lon: 20, lat: 20, zoom: 0 } };

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  state.filters = {};
  for (const name of FILTER_FIELDS) {
    const v = params.get(name);
    if (v) state.filters[name] = v;
  }
  state.types = new Set((params.get("plover_type") || "").split(",").filter(Boolean));
  state.event = params.get("event") || null;
  const map = (params.get("map") || "").split(",").map(Number);
  if (map.length === 3 && map.every(Number.isFinite)) {
    state.view = { lon: map[0], lat: map[1], zoom: Math.max(0, Math.min(12, map[2])) };
  }
}

function writeHash() {
  const params = new URLSearchParams();
  for (const name of FILTER_FIELDS) {
    if (state.filters[name]) params.set(name, state.filters[name]);
  }
  if (state.types.size) params.set("plover_type", [...state.types].join(","));
  if (state.event) params.set("event", state.event);
  const v = state.view;
  params.set("map", `${v.lon.toFixed(2)},${v.lat.toFixed(2)},${v.zoom.toFixed(1)}`);
  const hash = "#" + params.toString();
  if (location.hash !== hash) history.replaceState(null, "", hash);
}

function apiParams({ dates = true, sort = false } = {}) {
  const params = new URLSearchParams();
  for (const name of FILTER_FIELDS) {
    const v = state.filters[name];
    if (!v || (name === "sort" && !sort) || (!dates && (name === "since" || name === "until"))) continue;
    if (name === "actor_role" && v === "any") continue;
    params.set(name, v);
  }
  if (state.types.size) params.set("plover_type", [...state.types].join(","));
  return params;
}

// ---------------------------------------------------------------------------------------------
// Fetching: one in-flight request per channel; a newer request aborts the older one.

const inflight = {};
async function getJSON(channel, path, params) {
  if (inflight[channel]) inflight[channel].abort();
  const controller = new AbortController();
  inflight[channel] = controller;
  const url = params ? `${path}?${params}` : path;
  const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const body = await response.json();
      detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
    } catch (_) { /* not JSON */ }
    throw new Error(`${response.status}: ${detail}`);
  }
  return response.json();
}

function quiet(error) {
  if (error.name !== "AbortError") {
    $("summary").textContent = `error — ${error.message}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Filters form

function fillForm() {
  const form = $("filters");
  for (const name of FILTER_FIELDS) {
    const input = form.elements[name];
    if (input) input.value = state.filters[name] || (name === "sort" ? "-date" : name === "actor_role" ? "any" : "");
  }
  $("bbox-text").textContent = state.filters.bbox ? state.filters.bbox.split(",").map((x) => Number(x).toFixed(1)).join(", ") : "whole world";
  for (const box of $("types").querySelectorAll("input[type=checkbox]")) {
    box.checked = state.types.has(box.value);
  }
}

function readForm() {
  const form = $("filters");
  const filters = {};
  for (const name of FILTER_FIELDS) {
    const input = form.elements[name];
    const v = input ? String(input.value).trim() : "";
    if (v) filters[name] = v;
  }
  state.filters = filters;
  state.types = new Set([...$("types").querySelectorAll("input:checked")].map((b) => b.value));
}

function buildForm() {
  const cameo = $("cameo-root");
  for (const [code, name] of CAMEO_ROOTS) cameo.append(el("option", { value: code, text: `${code} ${name}` }));
  const acled = $("acled-type");
  for (const name of ACLED_TYPES) acled.append(el("option", { value: name, text: name }));
  const types = $("types");
  for (const [type, colour] of Object.entries(PLOVER_COLOURS)) {
    const swatch = el("span", { class: "swatch" });
    swatch.style.background = colour;
    const box = el("input", { type: "checkbox", value: type });
    box.addEventListener("change", () => { readForm(); update(); });
    types.append(el("label", {}, box, swatch, el("span", { text: type }), el("span", { class: "n", "data-type": type })));
  }
  $("filters").addEventListener("submit", (event) => { event.preventDefault(); readForm(); update(); });
  for (const name of ["sort", "actor_role", "cameo_root", "acled_event_type"]) {
    $("filters").elements[name].addEventListener("change", () => { readForm(); update(); });
  }
  $("reset").addEventListener("click", () => {
    state.filters = {}; state.types = new Set(); state.event = null;
    fillForm(); closePanel(); update();
  });
  $("bbox-set").addEventListener("click", () => {
    const [w, s, e, n] = map.bounds();
    $("filters").elements.bbox.value = [w, s, e, n].map((x) => x.toFixed(3)).join(",");
    readForm(); fillForm(); update();
  });
  $("bbox-clear").addEventListener("click", () => {
    $("filters").elements.bbox.value = ""; readForm(); fillForm(); update();
  });
}

// ---------------------------------------------------------------------------------------------
// Map: equirectangular projection on a canvas, countries from the packaged GeoJSON.

const map = {
  canvas: null, ctx: null, land: null, borders: null, cells: [], drawn: [], width: 0, height: 0,
  maxKilled: 0,

  init() {
    this.canvas = $("map");
    this.ctx = this.canvas.getContext("2d");
    new ResizeObserver(() => this.resize()).observe(this.canvas);
    this.bindEvents();
    fetch("/static/countries.geo.json").then((r) => r.json()).then((geo) => {
      this.land = new Path2D();
      for (const feature of geo.features) {
        for (const polygon of feature.geometry.coordinates) {
          for (const ring of polygon) {
            ring.forEach(([lon, lat], i) => (i ? this.land.lineTo(lon, -lat) : this.land.moveTo(lon, -lat)));
            this.land.closePath();
          }
        }
      }
      this.draw();
    });
  },

  scale() { // pixels per degree
    return (this.width / 360) * Math.pow(2, state.view.zoom);
  },

  project(lon, lat) {
    const k = this.scale();
    return [this.width / 2 + (lon - state.view.lon) * k, this.height / 2 - (lat - state.view.lat) * k];
  },

  invert(x, y) {
    const k = this.scale();
    return [state.view.lon + (x - this.width / 2) / k, state.view.lat - (y - this.height / 2) / k];
  },

  bounds() {
    const [w, n] = this.invert(0, 0);
    const [e, s] = this.invert(this.width, this.height);
    const clampLon = (x) => Math.max(-180, Math.min(180, x));
    const clampLat = (y) => Math.max(-90, Math.min(90, y));
    return [clampLon(w), clampLat(s), clampLon(e), clampLat(n)];
  },

  clampView() {
    const v = state.view;
    v.zoom = Math.max(0, Math.min(12, v.zoom));
    v.lon = Math.max(-180, Math.min(180, v.lon));
    v.lat = Math.max(-85, Math.min(85, v.lat));
  },

  resize() {
    const ratio = window.devicePixelRatio || 1;
    const rect = this.canvas.getBoundingClientRect();
    this.width = rect.width; this.height = rect.height;
    this.canvas.width = Math.round(rect.width * ratio);
    this.canvas.height = Math.round(rect.height * ratio);
    this.ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    this.draw();
    this.viewChanged();
  },

  // The grid cell size in degrees for this zoom: about 40 px, from a fixed ladder so answers cache.
  wantedCell() {
    const ladder = [0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16];
    const target = 40 / this.scale();
    return ladder.find((c) => c >= target) || ladder[ladder.length - 1];
  },

  viewChanged() {
    writeHash();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.load(), 150);
  },

  load() {
    if (!this.width) return;
    const params = apiParams();
    const cell = this.wantedCell();
    params.set("cell", cell);
    if (cell < 1) { // fine cells: only those in view (rounded out to whole degrees for caching)
      const [w, s, e, n] = this.bounds();
      params.set("view", [Math.floor(w), Math.floor(s), Math.ceil(e), Math.ceil(n)]
        .map((x, i) => Math.max(i % 2 ? -90 : -180, Math.min(i % 2 ? 90 : 180, x))).join(","));
    }
    getJSON("grid", "/api/grid", params).then((data) => {
      this.cells = data.cells;
      this.maxKilled = Math.max(0, ...data.cells.map((c) => c.killed));
      this.draw();
    }).catch(quiet);
  },

  // Area grows with deaths (relative to the deadliest cell shown); clusters get a little more.
  radius(cell) {
    const deaths = this.maxKilled ? Math.sqrt(cell.killed / this.maxKilled) : 0;
    return 4 + 18 * deaths + (cell.count > 1 ? Math.min(6, 1.5 * Math.log10(cell.count) + 1) : 0);
  },

  draw() {
    const ctx = this.ctx;
    if (!ctx || !this.width) return;
    ctx.clearRect(0, 0, this.width, this.height);
    const k = this.scale();
    if (this.land) {
      // rings that cross the antimeridian run past +-180: draw the land again 360 degrees away
      for (const offset of [-360, 0, 360]) {
        const [x0] = this.project(-190 + offset, 0);
        const [x1] = this.project(190 + offset, 0);
        if (x1 < 0 || x0 > this.width) continue;
        ctx.save();
        ctx.translate(this.width / 2 - (state.view.lon - offset) * k, this.height / 2 + state.view.lat * k);
        ctx.scale(k, k);
        ctx.fillStyle = "#f6f4ee";
        ctx.fill(this.land);
        ctx.lineWidth = 0.7 / k;
        ctx.strokeStyle = "#a9a396";
        ctx.stroke(this.land);
        ctx.restore();
      }
    }
    this.drawn = [];
    // big first, so small markers stay clickable on top
    const cells = [...this.cells].sort((a, b) => this.radius(b) - this.radius(a));
    for (const cell of cells) {
      const [x, y] = this.project(cell.lon, cell.lat);
      if (x < -40 || y < -40 || x > this.width + 40 || y > this.height + 40) continue;
      const r = this.radius(cell);
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fillStyle = colourOf(cell.plover_type);
      ctx.globalAlpha = 0.78;
      ctx.fill();
      ctx.globalAlpha = 1;
      const selected = state.event && cell.event_id === state.event;
      ctx.lineWidth = selected ? 3 : 1;
      ctx.strokeStyle = selected ? "#111" : "rgba(255,255,255,.9)";
      ctx.stroke();
      if (cell.count > 1 && r >= 9) {
        ctx.fillStyle = "#fff";
        ctx.font = "bold 10px system-ui, sans-serif";
        ctx.textAlign = "center";
        ctx.textBaseline = "middle";
        ctx.fillText(cell.count > 999 ? `${Math.round(cell.count / 1000)}k` : String(cell.count), x, y);
      }
      this.drawn.push({ x, y, r, cell });
    }
  },

  hit(x, y) {
    for (let i = this.drawn.length - 1; i >= 0; i--) {
      const d = this.drawn[i];
      if ((d.x - x) ** 2 + (d.y - y) ** 2 <= (d.r + 2) ** 2) return d.cell;
    }
    return null;
  },

  zoomAt(x, y, factor) {
    const [lon, lat] = this.invert(x, y);
    state.view.zoom += Math.log2(factor);
    this.clampView();
    const k = this.scale();
    state.view.lon = lon - (x - this.width / 2) / k;
    state.view.lat = lat + (y - this.height / 2) / k;
    this.clampView();
    this.draw();
    this.viewChanged();
  },

  bindEvents() {
    const canvas = this.canvas;
    let drag = null;
    canvas.addEventListener("pointerdown", (e) => {
      drag = { x: e.offsetX, y: e.offsetY, lon: state.view.lon, lat: state.view.lat, moved: false };
      canvas.setPointerCapture(e.pointerId);
    });
    canvas.addEventListener("pointermove", (e) => {
      if (drag) {
        const dx = e.offsetX - drag.x, dy = e.offsetY - drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
        if (drag.moved) {
          canvas.classList.add("dragging");
          const k = this.scale();
          state.view.lon = drag.lon - dx / k;
          state.view.lat = drag.lat + dy / k;
          this.clampView();
          this.draw();
        }
        return;
      }
      const cell = this.hit(e.offsetX, e.offsetY);
      const tip = $("tooltip");
      if (!cell) { tip.hidden = true; canvas.style.cursor = ""; return; }
      canvas.style.cursor = "pointer";
      tip.textContent = `${cell.count} event${cell.count > 1 ? "s" : ""} · ${cell.plover_type || "no type"}` +
        (cell.killed ? ` · ${cell.killed} killed` : "") + (cell.count > 1 ? " · click to zoom" : "");
      tip.style.left = `${e.offsetX + 12}px`;
      tip.style.top = `${e.offsetY + 12}px`;
      tip.hidden = false;
    });
    canvas.addEventListener("pointerup", (e) => {
      const wasDrag = drag && drag.moved;
      drag = null;
      canvas.classList.remove("dragging");
      if (wasDrag) { this.viewChanged(); return; }
      const cell = this.hit(e.offsetX, e.offsetY);
      if (!cell) return;
      if (cell.event_id) {
        selectEvent(cell.event_id);
      } else {
        const [x, y] = this.project(cell.lon, cell.lat);
        this.zoomAt(x, y, 4);
      }
    });
    canvas.addEventListener("pointerleave", () => { $("tooltip").hidden = true; });
    canvas.addEventListener("wheel", (e) => {
      e.preventDefault();
      this.zoomAt(e.offsetX, e.offsetY, e.deltaY < 0 ? 1.5 : 1 / 1.5);
    }, { passive: false });
    canvas.addEventListener("dblclick", (e) => this.zoomAt(e.offsetX, e.offsetY, 2));
    $("zoom-in").addEventListener("click", () => this.zoomAt(this.width / 2, this.height / 2, 2));
    $("zoom-out").addEventListener("click", () => this.zoomAt(this.width / 2, this.height / 2, 0.5));
    $("zoom-world").addEventListener("click", () => {
      state.view = { lon: 20, lat: 20, zoom: 0 };
      this.draw(); this.viewChanged();
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Timeline: counts over the whole range (date filters aside); dragging sets since/until.

const timeline = {
  buckets: [], interval: "day", svg: null,

  init() {
    this.svg = $("timeline");
    let start = null;
    const dayAt = (x) => {
      const rect = this.svg.getBoundingClientRect();
      const i = Math.floor(((x - rect.left) / rect.width) * this.buckets.length);
      return Math.max(0, Math.min(this.buckets.length - 1, i));
    };
    this.svg.addEventListener("pointerdown", (e) => {
      if (!this.buckets.length) return;
      start = dayAt(e.clientX);
      this.svg.setPointerCapture(e.pointerId);
      this.drawBrush(start, start);
    });
    this.svg.addEventListener("pointermove", (e) => {
      if (start !== null) this.drawBrush(start, dayAt(e.clientX));
    });
    this.svg.addEventListener("pointerup", (e) => {
      if (start === null) return;
      const end = dayAt(e.clientX);
      const [a, b] = [Math.min(start, end), Math.max(start, end)];
      start = null;
      state.filters.since = this.buckets[a].start;
      state.filters.until = this.bucketEnd(this.buckets[b].start);
      fillForm(); update();
    });
    this.svg.addEventListener("dblclick", () => {
      delete state.filters.since; delete state.filters.until;
      fillForm(); update();
    });
    new ResizeObserver(() => this.draw()).observe(this.svg);
  },

  // Empty periods get empty bars, so bar positions are proportional to time.
  withGaps(buckets) {
    if (buckets.length < 2) return buckets;
    const byStart = new Map(buckets.map((b) => [b.start, b]));
    const last = buckets[buckets.length - 1].start;
    const out = [];
    for (let start = buckets[0].start; start <= last && out.length < 2000; start = this.nextStart(start)) {
      out.push(byStart.get(start) || { start, count: 0, killed: 0 });
    }
    return out;
  },

  nextStart(start) {
    const d = new Date(start + "T00:00:00Z");
    if (this.interval === "day") d.setUTCDate(d.getUTCDate() + 1);
    else if (this.interval === "week") d.setUTCDate(d.getUTCDate() + 7);
    else if (this.interval === "month") d.setUTCMonth(d.getUTCMonth() + 1);
    else d.setUTCFullYear(d.getUTCFullYear() + 1);
    return d.toISOString().slice(0, 10);
  },

  bucketEnd(start) {
    const d = new Date(start + "T00:00:00Z");
    if (this.interval === "week") d.setUTCDate(d.getUTCDate() + 6);
    else if (this.interval === "month") { d.setUTCMonth(d.getUTCMonth() + 1); d.setUTCDate(0); }
    else if (this.interval === "year") { d.setUTCFullYear(d.getUTCFullYear() + 1); d.setUTCMonth(0); d.setUTCDate(0); }
    return d.toISOString().slice(0, 10);
  },

  load() {
    const params = apiParams({ dates: false });
    params.set("facet", "day");
    getJSON("timeline", "/api/facets", params).then((data) => {
      this.interval = data.day.interval;
      this.buckets = this.withGaps(data.day.buckets);
      const first = this.buckets[0], last = this.buckets[this.buckets.length - 1];
      $("timeline-label").textContent = first
        ? `${first.start} … ${last.start}, one bar per ${this.interval}`
        : "no dated events";
      this.draw();
    }).catch(quiet);
  },

  draw() {
    const svg = this.svg;
    const width = svg.clientWidth, height = svg.clientHeight;
    while (svg.firstChild) svg.firstChild.remove();
    if (!this.buckets.length || !width) return;
    const ns = "http://www.w3.org/2000/svg";
    const max = Math.max(...this.buckets.map((b) => b.count));
    const w = width / this.buckets.length;
    const since = state.filters.since || "0000", until = state.filters.until || "9999";
    this.buckets.forEach((b, i) => {
      const h = b.count ? Math.max(1, ((height - 14) * b.count) / max) : 0;
      const rect = document.createElementNS(ns, "rect");
      rect.setAttribute("x", i * w);
      rect.setAttribute("y", height - 14 - h);
      rect.setAttribute("width", Math.max(1, w - (w > 3 ? 1 : 0)));
      rect.setAttribute("height", h);
      const inside = b.start >= since.slice(0, 10) && b.start <= until;
      rect.setAttribute("class", inside && (state.filters.since || state.filters.until) ? "bar in" : "bar");
      const title = document.createElementNS(ns, "title");
      title.textContent = `${b.start}: ${b.count} events, ${b.killed} killed`;
      rect.append(title);
      svg.append(rect);
    });
    for (const [i, anchor] of [[0, "start"], [this.buckets.length - 1, "end"]]) {
      const text = document.createElementNS(ns, "text");
      text.setAttribute("x", anchor === "start" ? 0 : width);
      text.setAttribute("y", height - 2);
      text.setAttribute("text-anchor", anchor);
      text.setAttribute("class", "axis");
      text.textContent = this.buckets[i].start;
      svg.append(text);
    }
    const brush = document.createElementNS(ns, "rect");
    brush.setAttribute("class", "brush");
    brush.setAttribute("visibility", "hidden");
    brush.setAttribute("y", 0);
    brush.setAttribute("height", height - 14);
    svg.append(brush);
    this.brush = brush;
  },

  drawBrush(a, b) {
    if (!this.brush) return;
    const w = this.svg.clientWidth / this.buckets.length;
    this.brush.setAttribute("x", Math.min(a, b) * w);
    this.brush.setAttribute("width", (Math.abs(b - a) + 1) * w);
    this.brush.setAttribute("visibility", "visible");
  },
};

// ---------------------------------------------------------------------------------------------
// Facets (counts by type and country) and the summary line

function loadFacets() {
  const params = apiParams();
  params.append("facet", "plover_type");
  params.append("facet", "country");
  getJSON("facets", "/api/facets", params).then((data) => {
    $("summary").textContent = `${data.total.toLocaleString()} events · ${data.killed.toLocaleString()} killed`;
    const byType = Object.fromEntries(data.plover_type.map((f) => [f.value, f.count]));
    for (const span of $("types").querySelectorAll(".n")) {
      span.textContent = (byType[span.dataset.type] || 0).toLocaleString();
    }
    const list = $("countries");
    list.replaceChildren();
    for (const f of data.country.slice(0, 15)) {
      const item = el("li", { tabindex: "0" }, el("span", { text: f.value || "(no place)" }), el("span", { text: f.count.toLocaleString() }));
      if (f.value) {
        item.addEventListener("click", () => {
          state.filters.country = f.value; fillForm(); update();
        });
      }
      list.append(item);
    }
  }).catch(quiet);
}

// ---------------------------------------------------------------------------------------------
// Event list

let nextCursor = null;

function loadEvents(more = false) {
  const params = apiParams({ sort: true });
  params.set("limit", PAGE);
  if (more && nextCursor) params.set("cursor", nextCursor);
  getJSON("events", "/api/events", params).then((data) => {
    const list = $("events");
    if (!more) list.replaceChildren();
    for (const event of data.events) list.append(eventItem(event));
    nextCursor = data.next_cursor;
    $("more").hidden = !nextCursor;
    $("list-count").textContent = `${list.children.length}${nextCursor ? "+" : ""} shown`;
    markSelected();
  }).catch(quiet);
}

function eventItem(event) {
  const swatch = el("span", { class: "swatch" });
  swatch.style.background = colourOf(event.plover_type);
  const where = [event.place, event.country].filter(Boolean).join(", ");
  const meta = el("div", { class: "meta" },
    swatch,
    el("span", { class: "type", text: event.plover_type || "—" }),
    el("span", { text: event.day || "undated" }),
    el("span", { text: where }),
    event.killed ? el("span", { class: "killed", text: `${event.killed} killed` }) : null);
  const item = el("li", { tabindex: "0", "data-id": event.event_id }, meta, el("p", { class: "text", text: event.sentence || "" }));
  item.addEventListener("click", () => selectEvent(event.event_id, { centre: true }));
  item.addEventListener("keydown", (e) => { if (e.key === "Enter") selectEvent(event.event_id, { centre: true }); });
  return item;
}

function markSelected() {
  for (const item of $("events").children) {
    item.classList.toggle("selected", item.dataset.id === state.event);
  }
}

// ---------------------------------------------------------------------------------------------
// Event panel: the sentence with its actors, trigger and place marked

const ROLE_ORDER = ["trigger", "location", "source", "target"]; // earlier wins where spans overlap

function highlighted(sentence, spans) {
  // offsets count code points (as Python does), so walk the sentence by code point
  const chars = Array.from(sentence);
  const roles = new Array(chars.length).fill(null);
  for (const span of [...spans].sort((a, b) => ROLE_ORDER.indexOf(b.role) - ROLE_ORDER.indexOf(a.role))) {
    for (let i = Math.max(0, span.start); i < Math.min(chars.length, span.end); i++) roles[i] = span.role;
  }
  const out = document.createDocumentFragment();
  let i = 0;
  while (i < chars.length) {
    let j = i;
    while (j < chars.length && roles[j] === roles[i]) j++;
    const text = chars.slice(i, j).join("");
    out.append(roles[i] ? el("mark", { class: `hl-${roles[i]}`, title: roles[i], text }) : document.createTextNode(text));
    i = j;
  }
  return out;
}

function fmt(x) {
  return x == null ? null : String(Math.round(x * 100) / 100);
}

function actorsText(actors) {
  return (actors || []).map((a) => (a.code ? `${a.text} (${a.code})` : a.text)).join("; ") || "—";
}

function casualtiesText(c) {
  if (!c) return null;
  const range = c.low != null && c.high != null && (c.low !== c.best || c.high !== c.best) ? ` (${c.low}–${c.high})` : "";
  const parts = [];
  if (c.military != null) parts.push(`${c.military} military`);
  if (c.civilian != null) parts.push(`${c.civilian} civilian`);
  return `${c.best}${range}${parts.length ? ", " + parts.join(", ") : ""}`;
}

function selectEvent(id, { centre = false } = {}) {
  state.event = id;
  writeHash();
  markSelected();
  map.draw();
  getJSON("event", `/api/events/${encodeURIComponent(id)}`).then((event) => {
    showPanel(event);
    if (centre && event.location && event.location.lat != null) {
      const [x, y] = map.project(event.location.lon, event.location.lat);
      if (x < 0 || y < 0 || x > map.width || y > map.height) {
        state.view.lon = event.location.lon; state.view.lat = event.location.lat;
        map.clampView(); map.draw(); map.viewChanged();
      }
    }
  }).catch((error) => {
    if (error.name !== "AbortError") {
      showMessage(`event ${id}: ${error.message}`);
    }
  });
}

function showMessage(text) {
  $("panel").hidden = false;
  $("panel-title").textContent = text;
  $("panel-sentence").replaceChildren();
  $("panel-fields").replaceChildren();
  $("panel-article").replaceChildren();
}

function showPanel(event) {
  $("panel").hidden = false;
  $("panel-title").textContent = [event.plover_type, event.plover_mode].filter(Boolean).join(" · ") || "event";
  $("panel-sentence").replaceChildren(highlighted(event.sentence || "", event.highlights || []));
  const loc = event.location;
  const flags = ["negated", "hypothetical", "historical", "future"].filter((f) => event[f]);
  const rows = [
    ["date", event.date ? `${event.date} (${event.date_precision})` : "unknown"],
    ["source", actorsText(event.source_actors)],
    ["target", actorsText(event.target_actors)],
    ["trigger", event.trigger],
    ["place", loc ? [loc.name, loc.admin1 && `admin1 ${loc.admin1}`, loc.country, loc.precision].filter(Boolean).join(", ") : "—"],
    ["coordinates", loc && loc.lat != null ? `${loc.lat.toFixed(4)}, ${loc.lon.toFixed(4)}` : null],
    ["killed", casualtiesText(event.killed)],
    ["injured", casualtiesText(event.injured)],
    ["CAMEO", event.cameo_code ? `${event.cameo_code} (root ${event.cameo_root}, Goldstein ${fmt(event.goldstein)}, quad ${event.quad_class})` : null],
    ["ACLED", [event.acled_event_type, event.acled_sub_event_type].filter(Boolean).join(" / ") || null],
    ["flags", flags.join(", ") || null],
    ["confidence", fmt(event.confidence)],
    ["event id", event.event_id],
  ];
  const dl = $("panel-fields");
  dl.replaceChildren();
  for (const [name, value] of rows) {
    if (value == null || value === "") continue;
    dl.append(el("dt", { text: name }), el("dd", { text: String(value) }));
  }
  const article = event.article || {};
  const p = $("panel-article");
  p.replaceChildren();
  const label = article.title || article.url || "article";
  if (article.url && /^https?:\/\//i.test(article.url)) {
    p.append("From ", el("a", { href: article.url, target: "_blank", rel: "noopener noreferrer", text: label }));
  } else {
    p.append(`From ${label}`);
  }
  if (article.published) p.append(`, ${article.published}`);
}

function closePanel() {
  $("panel").hidden = true;
  state.event = null;
  writeHash(); markSelected(); map.draw();
}

// ---------------------------------------------------------------------------------------------
// Putting it together; polling the server's snapshot so new events appear while a run writes.

function update() {
  writeHash();
  const params = apiParams({ sort: true });
  $("export-csv").href = `/api/events.csv?${params}`;
  $("export-geojson").href = `/api/events.geojson?${params}`;
  loadFacets();
  timeline.load();
  map.load();
  loadEvents();
}

let generation = null;
function poll() {
  fetch("/api/status").then((r) => r.json()).then((status) => {
    $("live").textContent = `snapshot ${status.generation} · ${status.events.toLocaleString()} events`;
    if (generation !== null && status.generation !== generation) {
      $("live").classList.add("fresh");
      update();
    }
    generation = status.generation;
  }).catch(() => { $("live").textContent = "server unreachable"; $("live").classList.remove("fresh"); });
}

function start() {
  readHash();
  buildForm();
  fillForm();
  map.init();
  timeline.init();
  $("more").addEventListener("click", () => loadEvents(true));
  $("panel-close").addEventListener("click", closePanel);
  window.addEventListener("hashchange", () => {
    readHash(); fillForm(); update();
    if (state.event) selectEvent(state.event); else $("panel").hidden = true;
  });
  update();
  if (state.event) selectEvent(state.event);
  poll();
  setInterval(poll, 5000);
}

document.addEventListener("DOMContentLoaded", start);
