// A finished run: the decision summary, the time series with bands, cost against effect, maps, the
// downloads and the command lines that reproduce it. All numbers come from summary.json, which the
// analysis package computes from the result files (analysis/studio_summary.py).
import * as Plot from "@observablehq/plot";
import { geoPath, geoTransform } from "d3-geo";
import { getJson } from "./api.js";
import { el, formatNumber } from "./dom.js";

// How each decision outcome is shown: scale, unit, decimals, and whether lower is better.
const SHOWN = {
  vulnerability_gap: { scale: 1, unit: "", digits: 3, lowerIsBetter: true },
  participation_overall: { scale: 100, unit: " %", digits: 2 },
  participation_low: { scale: 100, unit: " %", digits: 2 },
  representation_low: { scale: 1, unit: "", digits: 2 },
  trust_mean: { scale: 1, unit: "", digits: 3 },
  cost_per_resident_year: { scale: 1, unit: " €", digits: 0, lowerIsBetter: true },
};

let gemeenteBoundaries = null;

export async function showResults(root, run) {
  const summary = run.summary;
  const decision = summary.decision;
  root.hidden = false;
  root.replaceChildren(
    el("h2", {}, `Results: ${run.place} `, el("span", { class: "muted" }, `run ${run.id}`)),
    factsLine(summary),
    el("h3", {}, "Decision summary"),
    el("p", { class: "help" }, `Each alternative against the reference (${decision.reference}): the change in the final-year ` +
      "mean with its 95% interval over replicates. Costs are of all levers."),
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

function cell(value, low, high, shown, signed) {
  const v = value === null ? null : value * shown.scale;
  const text = v === null ? "n/a" : (signed && v > 0 ? "+" : "") + formatNumber(v, shown.digits) + shown.unit;
  const interval = low === null || low === undefined ? "" :
    `[${formatNumber(low * shown.scale, shown.digits)}, ${formatNumber(high * shown.scale, shown.digits)}]`;
  return [text, interval ? el("span", { class: "ci" }, interval) : null];
}

function decisionTable(decision) {
  const outcomes = decision.outcomes;
  const summaryOf = (scenario, outcome) => decision.summary.find((r) => r.scenario === scenario && r.outcome === outcome);
  const differenceOf = (scenario, outcome) => decision.differences.find((r) => r.scenario === scenario && r.outcome === outcome);
  const costOf = (scenario) => decision.cost.find((r) => r.scenario === scenario);
  const perParticipant = (scenario) => decision.cost_per_extra_participant.find((r) => r.scenario === scenario);
  const scenarios = [...new Set(decision.summary.map((r) => r.scenario))];
  const head = el("tr", {}, el("th", {}, "alternative"), outcomes.map((o) => el("th", {}, o.label)),
    el("th", {}, "cost per year, total (€)"), el("th", {}, "cost per extra low-educated participant (€/year)"));
  const rows = scenarios.map((scenario) => {
    const reference = scenario === decision.reference;
    const cells = outcomes.map((o) => {
      const shown = SHOWN[o.outcome] || { scale: 1, unit: "", digits: 3 };
      if (reference) {
        const r = summaryOf(scenario, o.outcome);
        return el("td", { "data-scenario": scenario, "data-outcome": o.outcome, "data-kind": "mean", "data-value": r?.mean },
          cell(r?.mean ?? null, r?.ci_low, r?.ci_high, shown, false));
      }
      const d = differenceOf(scenario, o.outcome);
      const better = d && d.ci_low !== null && d.ci_high !== null && (shown.lowerIsBetter ? d.ci_high < 0 : d.ci_low > 0);
      const worse = d && d.ci_low !== null && d.ci_high !== null && (shown.lowerIsBetter ? d.ci_low > 0 : d.ci_high < 0);
      return el("td", {
        class: better ? "better" : worse ? "worse" : "",
        "data-scenario": scenario, "data-outcome": o.outcome, "data-kind": "difference", "data-value": d?.difference,
      }, cell(d?.difference ?? null, d?.ci_low, d?.ci_high, shown, true));
    });
    const cost = costOf(scenario);
    const price = perParticipant(scenario);
    return el("tr", {},
      el("td", {}, el("strong", {}, scenario), reference ? el("span", { class: "ci" }, "reference: levels") : el("span", { class: "ci" }, "change vs reference")),
      cells,
      el("td", { "data-scenario": scenario, "data-outcome": "cost_total_year", "data-value": cost?.cost_total_year },
        formatNumber(cost?.cost_total_year, 0), el("span", { class: "ci" }, `${formatNumber(cost?.residents, 0)} residents`)),
      el("td", { "data-scenario": scenario, "data-outcome": "cost_per_extra_participant", "data-value": price?.cost_per_extra_participant },
        reference ? "" : formatNumber(price?.cost_per_extra_participant, 0)));
  });
  return el("table", { "data-testid": "decision-table" }, el("thead", {}, head), el("tbody", {}, rows));
}

function costEffectFigure(decision, scenarios) {
  const effect = decision.differences.filter((d) => d.outcome === "participation_low");
  const cost = decision.differences.filter((d) => d.outcome === "cost_per_resident_year");
  const points = effect.map((e) => {
    const c = cost.find((x) => x.scenario === e.scenario) || {};
    return { scenario: e.scenario, x: e.difference * 100, xl: e.ci_low * 100, xh: e.ci_high * 100, y: c.difference, yl: c.ci_low, yh: c.ci_high };
  });
  if (!points.length) return el("p", { class: "muted" }, "Add a second alternative to compare cost and effect.");
  const finite = (p, a, b) => p[a] !== null && p[b] !== null;
  const figure = Plot.plot({
    width: 560, height: 340, marginLeft: 70, grid: true,
    x: { label: "change in participation of the low educated (percentage points) →" },
    y: { label: "↑ change in cost per resident per year (€)" },
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
  const controls = { scenario: scenarios[scenarios.length - 1], measure: "participation" };
  const draw = () => wrap.replaceChildren(...choropleths(features, values, codes, controls, run.summary.decision.reference, level));
  const picker = el("div", {},
    el("label", {}, "Alternative", el("select", { onchange: (e) => { controls.scenario = e.target.value; draw(); } },
      scenarios.map((s) => el("option", { value: s, selected: s === controls.scenario }, s)))),
    el("label", {}, "Outcome", el("select", { onchange: (e) => { controls.measure = e.target.value; draw(); } },
      el("option", { value: "participation" }, "participation (share taking part)"),
      el("option", { value: "liveability" }, "liveability (0-1)"))));
  draw();
  return el("div", {}, el("p", { class: "help" }, level === "gemeente"
    ? "Per gemeente (residents-weighted mean of its buurten or wijken), final-year means; grey: not simulated."
    : "Per buurt, final-year means; grey: not simulated."), picker, wrap);
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
  const maps = [make(`${controls.measure}, ${controls.scenario}`, controls.measure, false)];
  if (controls.scenario !== reference) maps.push(make(`${controls.measure}: ${controls.scenario} minus ${reference}`, `${controls.measure}_change`, true));
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
