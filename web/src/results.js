// A finished run: the decision summary, the time series with bands, cost against effect, maps, the
// downloads and the command lines that reproduce it. All numbers come from summary.json, which the
// analysis package computes from the result files (analysis/studio_summary.py).
import * as Plot from "@observablehq/plot";
import { geoPath, geoTransform } from "d3-geo";
import { getJson } from "./api.js";
import { el, formatNumber } from "./dom.js";

// The decision summary is analysis.decision's (the shape `analysis compare --json` prints): outcomes with
// their unit and which direction is better, and per alternative its levels and paired changes.
let gemeenteBoundaries = null;

export async function showResults(root, run) {
  const summary = run.summary;
  const decision = summary.decision;
  root.hidden = false;
  root.replaceChildren(
    el("h2", {}, `Results: ${run.place} `, el("span", { class: "muted" }, `run ${run.id}`)),
    factsLine(summary),
    caveats(decision),
    el("h3", {}, "Decision summary"),
    el("p", { class: "help" }, `Each alternative against the reference (${decision.reference}): the change in the final-year ` +
      "mean with its 95% interval over replicates (paired: the alternatives share populations and random streams); " +
      "green or red where the interval excludes no change, grey where the replicates cannot tell the two apart. " +
      "Costs are of all levers, for the whole municipality."),
    decisionTable(decision),
    el("h3", {}, "Cost against effect"),
    costEffectFigure(decision, summary.scenarios),
    el("h3", {}, "Over time (mean of replicates, 95% band)"),
    el("div", { class: "charts", "data-testid": "charts" }, summary.series.map((panel) => seriesChart(panel, summary.scenarios))),
    el("h3", {}, "Maps"),
    await mapSection(run),
    el("h3", {}, "Files and report"),
    downloads(run),
    el("h3", {}, "Reproduce on the command line"),
    el("pre", { "data-testid": "commands" }, run.commands.join("\n")),
  );
}

function factsLine(summary) {
  const f = summary.facts[0];
  return el("p", { class: "muted" }, `${summary.scenarios.length} alternatives · ${f.replicates} replicates · ` +
    `${f.horizon_ticks} weeks · seed ${f.seed} · ${formatNumber(f.residents, 0)} residents 15+ · engine ${f.engine_version} (${f.git_commit})`);
}

// The data notes that say the figures depend on buurt size or sampling (analysis.load.caveat_notes),
// right above the decision table as a note named by its heading; runs finished before the summary
// carried them have none. A sampling note comes with what to do about it.
function caveats(decision) {
  const notes = decision.caveats || [];
  if (notes.length === 0) return null;
  const sampled = notes.some((note) => note.startsWith("scale:"));
  return el("div", { class: "caveats", role: "note", "aria-labelledby": "caveats-heading", "data-testid": "caveats" },
    el("h3", { id: "caveats-heading" }, "Caveats: some figures depend on buurt size, not only on the role"),
    el("ul", {}, notes.map(caveatItem)),
    sampled ? el("p", {}, "Simulate a larger share of the residents for figures you report.") : null);
}

// "scale: 37 of 43 wijken ..." with its topic in bold.
function caveatItem(note) {
  const [topic, text] = note.split(/: (.*)/s);
  return el("li", {}, el("strong", {}, topic), `: ${text}`);
}

function formatLevel(value, outcome, change) {
  if (value === null || value === undefined || !Number.isFinite(value)) return "n/a";
  const sign = change && value > 0 ? "+" : "";
  if (outcome.percent) return `${sign}${formatNumber(value * 100, 1)}${change ? " pp" : " %"}`;
  if (outcome.unit === "euro") return `${sign}${formatNumber(value, 0)}`;
  return sign + formatNumber(value, outcome.unit === "index 0-1" ? 3 : 2);
}

function interval(low, high, outcome) {
  if (low === null || low === undefined) return null;
  return el("span", { class: "ci" }, `[${formatLevel(low, outcome, false).replace(/ (%|pp)$/, "")}, ` +
    `${formatLevel(high, outcome, false).replace(/ (%|pp)$/, "")}]`);
}

function decisionTable(decision) {
  const head = el("tr", {}, el("th", {}, "alternative"), decision.outcomes.map((o) => el("th", {}, o.label)),
    el("th", {}, "cost per extra past-year participant with low education (€/year)"));
  const rows = decision.alternatives.map((alternative) => {
    const cells = decision.outcomes.map((outcome) => {
      const cell = alternative.outcomes[outcome.name] || {};
      const attributes = { "data-scenario": alternative.name, "data-outcome": outcome.name };
      if (alternative.is_reference) {
        return el("td", { ...attributes, "data-kind": "value", "data-value": cell.value },
          formatLevel(cell.value, outcome, false), interval(cell.ci_low, cell.ci_high, outcome));
      }
      const lowerIsBetter = outcome.better === "lower";
      const resolved = cell.resolved && cell.change !== null;
      const better = resolved && (lowerIsBetter ? cell.change < 0 : cell.change > 0);
      return el("td", { ...attributes, "data-kind": "change", "data-value": cell.change,
        class: resolved ? (better ? "better" : "worse") : "unresolved" },
      formatLevel(cell.change, outcome, true), interval(cell.change_ci_low, cell.change_ci_high, outcome));
    });
    const price = alternative.cost_per_extra_participant;
    const priceCell = alternative.is_reference || !price ? el("td", {}) :
      el("td", { "data-scenario": alternative.name, "data-outcome": "cost_per_extra_participant", "data-value": price.value,
        title: price.note || "" },
      Number.isFinite(price.value) ? formatNumber(price.value, 0) : "n/a",
      Number.isFinite(price.ci_low) ? el("span", { class: "ci" }, `[${formatNumber(price.ci_low, 0)}, ${
        Number.isFinite(price.ci_high) ? formatNumber(price.ci_high, 0) : "∞"}]`) : el("span", { class: "ci" }, price.note));
    return el("tr", {},
      el("td", {}, el("strong", {}, alternative.name), el("span", { class: "ci" }, alternative.is_reference
        ? "reference: levels" : `change${alternative.paired ? " (paired)" : ""}; ${formatNumber(alternative.represented_residents, 0)} residents`)),
      cells, priceCell);
  });
  return el("table", { "data-testid": "decision-table" }, el("thead", {}, head), el("tbody", {}, rows));
}

function costEffectFigure(decision, scenarios) {
  const points = decision.alternatives.filter((a) => !a.is_reference).map((a) => {
    const effect = a.outcomes.past_year_low || {};
    const cost = a.outcomes.cost_per_year || {};
    const pp = (v) => (v === null || v === undefined ? null : v * 100);
    return { scenario: a.name, x: pp(effect.change), xl: pp(effect.change_ci_low), xh: pp(effect.change_ci_high),
      y: cost.change, yl: cost.change_ci_low, yh: cost.change_ci_high };
  }).filter((p) => p.x !== null && p.y !== null);
  if (!points.length) return el("p", { class: "muted" }, "Add a second alternative to compare cost and effect.");
  const finite = (p, a, b) => p[a] !== null && p[b] !== null;
  const figure = Plot.plot({
    width: 560, height: 340, marginLeft: 90, grid: true,
    x: { label: "change in past-year participation of the low educated (percentage points) →" },
    y: { label: "↑ change in cost per year, whole municipality (€)" },
    color: { legend: true, domain: scenarios },
    marks: [
      Plot.ruleX([0]), Plot.ruleY([0]),
      Plot.link(points.filter((p) => finite(p, "xl", "xh")), { x1: "xl", x2: "xh", y1: "y", y2: "y", stroke: "scenario" }),
      Plot.link(points.filter((p) => finite(p, "yl", "yh")), { x1: "x", x2: "x", y1: "yl", y2: "yh", stroke: "scenario" }),
      Plot.dot(points, { x: "x", y: "y", fill: "scenario", r: 5 }),
      Plot.text(points, { x: "x", y: "y", text: "scenario", dy: -12 }),
    ],
  });
  return el("div", { class: "chart", "data-testid": "cost-effect" }, figure);
}

function seriesChart(panel, scenarios) {
  const points = panel.points.filter((p) => p.mean !== null);
  const figure = Plot.plot({
    width: 520, height: 250, marginLeft: 56, grid: true,
    x: { label: "week →" }, y: { label: null },
    color: { legend: true, domain: scenarios },
    marks: [
      Plot.areaY(points.filter((p) => p.low !== null), { x: "tick", y1: "low", y2: "high", fill: "scenario", fillOpacity: 0.18 }),
      Plot.lineY(points, { x: "tick", y: "mean", stroke: "scenario", strokeWidth: 1.6 }),
    ],
  });
  return el("div", { class: "chart" }, el("h4", {}, panel.title), figure);
}

// A planar projection for the Netherlands: longitude shrunk by cos(52°), fitted to the box.
function fittedTransform(features, width, height) {
  const shrink = Math.cos((52.2 * Math.PI) / 180);
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  const visit = (c) => {
    if (typeof c[0] === "number") {
      const x = c[0] * shrink, y = -c[1];
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    } else c.forEach(visit);
  };
  features.forEach((f) => visit(f.geometry.coordinates));
  const pad = 8;
  const k = Math.min((width - 2 * pad) / (x1 - x0 || 1), (height - 2 * pad) / (y1 - y0 || 1));
  return geoTransform({
    point(x, y) { this.stream.point(pad + (x * shrink - x0) * k, pad + (-y - y0) * k); },
  });
}

function codeOf(feature) {
  const p = feature.properties || {};
  return p.gemeentecode || p.buurtcode || p.wijkcode || p.statcode || p.code || p.BU_CODE || p.WK_CODE || "";
}

function nameOf(feature) {
  const p = feature.properties || {};
  return p.gemeentenaam || p.buurtnaam || p.wijknaam || p.statnaam || p.name || codeOf(feature);
}

async function mapSection(run) {
  const boundariesFile = run.summary && run.boundaries;
  const level = boundariesFile ? "buurt" : "gemeente";
  let features;
  if (boundariesFile) features = (await getJson(`/api/boundaries?file=${encodeURIComponent(boundariesFile)}`)).features;
  else features = (gemeenteBoundaries ||= await getJson("/api/geo/gemeenten")).features;
  const values = run.summary.map[level] || [];
  const scenarios = run.summary.scenarios;
  const codes = new Set(values.map((v) => v.code));
  if (!codes.size) {
    return el("p", { class: "muted", "data-testid": "map" }, "This place has no CBS codes (a made-up municipality), so there is " +
      "nothing to map; pick a gemeente or a CBS scenario for maps.");
  }
  const wrap = el("div", { class: "map-wrap", "data-testid": "map" });
  const controls = { scenario: scenarios[scenarios.length - 1] };
  const draw = () => wrap.replaceChildren(...choropleths(features, values, codes, controls, run.summary.decision.reference, level));
  const picker = el("div", {},
    el("label", {}, "Alternative", el("select", { onchange: (e) => { controls.scenario = e.target.value; draw(); } },
      scenarios.map((s) => el("option", { value: s, selected: s === controls.scenario }, s)))),
  );
  draw();
  return el("div", {}, el("p", { class: "help" }, level === "gemeente"
    ? "Liveability per gemeente (residents-weighted mean of its buurten or wijken), final-year means; grey: not simulated."
    : "Liveability per buurt, final-year means; grey: not simulated."), picker, wrap);
}

function choropleths(features, values, codes, controls, reference, level) {
  const inPlace = features.filter((f) => codes.has(codeOf(f)));
  const around = level === "gemeente" && inPlace.length < 20 ? neighbours(features, inPlace) : inPlace;
  const width = 420, height = 420;
  const path = geoPath(fittedTransform(around, width, height));
  const make = (title, key, diverging) => {
    const rows = values.filter((v) => v.scenario === controls.scenario);
    const byCode = new Map(rows.map((v) => [v.code, v[key]]));
    const numbers = rows.map((v) => v[key]).filter((v) => v !== null && Number.isFinite(v));
    const extent = diverging ? Math.max(1e-9, ...numbers.map(Math.abs)) : null;
    const color = diverging
      ? Plot.scale({ color: { type: "linear", scheme: "RdBu", domain: [-extent, extent] } })
      : Plot.scale({ color: { type: "linear", scheme: "Viridis", domain: [Math.min(...numbers), Math.max(...numbers)] } });
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    for (const f of around) {
      const value = byCode.get(codeOf(f));
      const p = document.createElementNS("http://www.w3.org/2000/svg", "path");
      p.setAttribute("d", path(f) || "");
      if (value === undefined || value === null) p.setAttribute("class", "context");
      else { p.setAttribute("class", "area"); p.setAttribute("fill", color.apply(value)); p.setAttribute("data-code", codeOf(f)); }
      const t = document.createElementNS("http://www.w3.org/2000/svg", "title");
      t.textContent = `${nameOf(f)} (${codeOf(f)}): ${value === undefined ? "not simulated" : formatNumber(value, 4)}`;
      p.append(t);
      svg.append(p);
    }
    for (const f of inPlace.slice(0, 40)) {
      const [cx, cy] = path.centroid(f);
      const label = document.createElementNS("http://www.w3.org/2000/svg", "text");
      label.setAttribute("x", cx); label.setAttribute("y", cy); label.setAttribute("text-anchor", "middle");
      label.setAttribute("font-size", "11"); label.setAttribute("paint-order", "stroke");
      label.setAttribute("stroke", "#fff"); label.setAttribute("stroke-width", "3");
      label.textContent = nameOf(f);
      svg.append(label);
    }
    const legend = Plot.legend({ color: color, label: title, width: 320 });
    return el("div", { class: "chart" }, el("h4", {}, title), svg, legend);
  };
  const maps = [make(`liveability, ${controls.scenario}`, "value", false)];
  if (controls.scenario !== reference) maps.push(make(`liveability: ${controls.scenario} minus ${reference}`, "change", true));
  return maps;
}

// Gemeenten whose outline comes near the simulated ones, for context around a single gemeente.
function neighbours(features, inPlace) {
  const box = (f) => {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    const visit = (c) => { if (typeof c[0] === "number") { x0 = Math.min(x0, c[0]); x1 = Math.max(x1, c[0]); y0 = Math.min(y0, c[1]); y1 = Math.max(y1, c[1]); } else c.forEach(visit); };
    visit(f.geometry.coordinates);
    return [x0, y0, x1, y1];
  };
  const boxes = inPlace.map(box);
  const margin = 0.05;
  return features.filter((f) => {
    const [a0, b0, a1, b1] = box(f);
    return boxes.some(([x0, y0, x1, y1]) => a1 > x0 - margin && a0 < x1 + margin && b1 > y0 - margin && b0 < y1 + margin);
  });
}

function downloads(run) {
  const base = `/api/runs/${encodeURIComponent(run.id)}`;
  return el("div", { "data-testid": "downloads" },
    el("ul", { class: "files" }, run.files.map((f) => el("li", {},
      el("a", { href: `${base}/files/${encodeURIComponent(f.name)}`, download: f.name }, f.name),
      el("span", { class: "muted" }, ` ${formatNumber(f.bytes / 1024, 0)} kB`)))),
    el("p", {}, el("a", { href: `${base}/report`, target: "_blank", rel: "noopener" }, "Open the full report"),
      el("span", { class: "muted" }, " (made by the analysis package on first opening; takes a few seconds)"), " · ",
      el("a", { href: `${base}/export/summary.csv`, download: "summary.csv" }, "summary table (CSV)"), " · ",
      el("a", { href: `${base}/export/differences.csv`, download: "differences.csv" }, "differences (CSV)")));
}
