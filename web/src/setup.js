// The set-up form: the place, up to five alternatives (a role each and lever overrides, in fields
// generated from the parameter registry), and the run's size. Every change is checked by the server
// (POST /api/validate) with the scenario loader itself, and its message is shown next to the field.
import { postJson } from "./api.js";
import { el, formatNumber } from "./dom.js";

const MAX_ALTERNATIVES = 5;
const PLACE_KINDS = [
  ["scenario", "A bundled scenario"],
  ["gemeente", "A gemeente (CBS 2024)"],
  ["kwb", "Your own KWB table"],
];

export class Setup {
  constructor({ places, parameters, info }) {
    this.places = places;
    this.parameters = parameters;
    this.limits = info.limits;
    this.levers = new Map([...parameters.levers, ...parameters.model].map((p) => [p.key, p]));
    const first = places.scenarios.find((s) => s.file === "base.json") || places.scenarios[0];
    const denHaag = places.gemeenten.find((g) => g.code === "GM0518") || places.gemeenten[0];
    this.state = {
      place: { kind: "scenario", scenario: first?.file, gemeente: denHaag?.code, scale: 1, kwb: places.kwb_tables[0], gemeenten: "" },
      boundaries: "",
      alternatives: [
        { name: "top_down", role: "top_down", set: {} },
        { name: "inviting", role: "inviting", set: {} },
      ],
      replicates: 2,
      horizon_ticks: 104,
      seed: 20261123,
    };
    this.error = null;
    this.onValid = () => {};
    this.validationTimer = null;
  }

  request() {
    const s = this.state;
    const place = {};
    if (s.place.kind === "scenario") place.scenario = s.place.scenario;
    if (s.place.kind === "gemeente") Object.assign(place, { gemeente: s.place.gemeente, scale: s.place.scale });
    if (s.place.kind === "kwb") {
      place.kwb = s.place.kwb;
      place.scale = s.place.scale;
      const codes = s.place.gemeenten.split(/[\s,]+/).filter(Boolean);
      if (codes.length) place.gemeenten = codes;
    }
    const request = {
      place,
      alternatives: s.alternatives.map((a) => ({ name: a.name, role: a.role, set: { ...a.set } })),
      replicates: s.replicates,
      horizon_ticks: s.horizon_ticks,
      seed: s.seed,
    };
    if (s.boundaries) request.boundaries = s.boundaries;
    return request;
  }

  render() {
    this.renderPlace();
    this.renderAlternatives();
    this.renderSettings();
    this.renderError();
  }

  changed(rerender = false) {
    if (rerender) this.render();
    clearTimeout(this.validationTimer);
    this.validationTimer = setTimeout(() => this.validate(), 300);
  }

  async validate() {
    try {
      const answer = await postJson("/api/validate", this.request());
      this.error = null;
      this.onValid(answer);
    } catch (error) {
      this.error = error.body || { error: error.message };
    }
    this.renderError();
    return this.error === null;
  }

  // The message goes next to the field it is about: a request key, a place key, or a scenario key of
  // one alternative; anything else above the Run button.
  renderError() {
    document.querySelectorAll(".field-error").forEach((node) => (node.textContent = ""));
    const general = document.getElementById("request-error");
    general.textContent = "";
    if (!this.error) return;
    const message = this.error.error;
    const path = this.error.json_path || "";
    let target = null;
    const alternative = this.error.alternative ?? (path.match(/^alternatives\.(\d+)/) || [])[1];
    if (alternative !== undefined && alternative !== null) {
      const card = document.querySelectorAll(".alternative")[Number(alternative)];
      const key = path.replace(/^alternatives\.\d+\.?/, "");
      const scenarioKey = this.error.alternative !== undefined ? path : key;
      if (card) {
        target = card.querySelector(`.field-error[data-path="${CSS.escape(scenarioKey)}"]`) ||
          (scenarioKey === "government.role" ? card.querySelector('.field-error[data-path="role"]') : null) ||
          card.querySelector(`.field-error[data-path="${CSS.escape(key)}"]`);
        if (!target && path.startsWith("municipality")) target = document.querySelector('.field-error[data-path="place"]');
        if (!target) target = card.querySelector('.field-error[data-path="card"]');
      }
    } else {
      target = document.querySelector(`.field-error[data-path="${CSS.escape(path.split(".")[0] || "")}"]`);
    }
    (target || general).textContent = message;
  }

  renderPlace() {
    const s = this.state.place;
    const root = document.getElementById("place");
    const kinds = el("div", { class: "choice" }, PLACE_KINDS.map(([kind, label]) =>
      el("label", {}, el("input", {
        type: "radio", name: "place-kind", value: kind, checked: s.kind === kind, "data-testid": `place-${kind}`,
        onchange: () => { s.kind = kind; this.changed(true); },
      }), label)));
    let fields;
    if (s.kind === "scenario") {
      const chosen = this.places.scenarios.find((x) => x.file === s.scenario);
      fields = [el("label", {}, "Scenario", el("select", {
        "data-testid": "scenario-select",
        onchange: (e) => { s.scenario = e.target.value; this.changed(true); },
      }, this.places.scenarios.map((x) => el("option", { value: x.file, selected: x.file === s.scenario }, `${x.name} (${x.file})`)))),
      el("p", { class: "help" }, chosen?.description || "")];
    } else if (s.kind === "gemeente") {
      fields = [el("label", {}, "Gemeente", el("select", {
        "data-testid": "gemeente-select",
        onchange: (e) => { s.gemeente = e.target.value; this.changed(); },
      }, this.places.gemeenten.map((g) => el("option", { value: g.code, selected: g.code === s.gemeente },
        `${g.name} (${g.code}, ${g.residents.toLocaleString("en-GB")} inhabitants)`)))),
      this.scaleField(),
      el("p", { class: "help" }, "Every wijk of the gemeente from CBS Kerncijfers wijken en buurten 2024 (85984NED), with " +
        "composition from the nearest table with more detail (docs/data.md).")];
    } else {
      fields = [el("label", {}, "KWB table in the data folder", el("select", {
        onchange: (e) => { s.kwb = e.target.value; this.changed(); },
      }, this.places.kwb_tables.map((f) => el("option", { value: f, selected: f === s.kwb }, f)))),
      el("label", {}, "Gemeente codes (optional)", el("input", {
        type: "text", value: s.gemeenten, placeholder: "GM0518",
        oninput: (e) => { s.gemeenten = e.target.value; this.changed(); },
      })),
      this.scaleField(),
      el("p", { class: "help" }, "Put your own CBS KWB download (CSV) in the data folder to see it here (docs/data.md).")];
    }
    const boundaries = this.places.boundaries.length ? el("label", {}, "Buurt boundaries for maps (optional)", el("select", {
      "data-testid": "boundaries-select",
      onchange: (e) => { this.state.boundaries = e.target.value; this.changed(); },
    }, el("option", { value: "" }, "none: maps per gemeente"),
    this.places.boundaries.map((f) => el("option", { value: f, selected: f === this.state.boundaries }, f)))) : null;
    root.replaceChildren(...[kinds, el("div", {}, fields), boundaries, el("p", { class: "field-error error", "data-path": "place" })]
      .filter(Boolean));
  }

  scaleField() {
    const s = this.state.place;
    return el("label", {}, "Share of residents simulated", el("input", {
      type: "number", min: 0.01, max: 1, step: 0.01, value: s.scale, "data-testid": "scale",
      oninput: (e) => { s.scale = numberOrText(e.target.value); this.changed(); },
    }));
  }

  renderAlternatives() {
    const root = document.getElementById("alternatives");
    root.replaceChildren(...this.state.alternatives.map((alternative, index) => this.alternativeCard(alternative, index)));
    const add = document.getElementById("add-alternative");
    add.disabled = this.state.alternatives.length >= MAX_ALTERNATIVES;
    add.onclick = () => {
      const used = new Set(this.state.alternatives.map((a) => a.name));
      const role = this.parameters.roles.find((r) => !used.has(r)) || "responsive";
      this.state.alternatives.push({ name: used.has(role) ? `${role}_${this.state.alternatives.length + 1}` : role, role, set: {} });
      this.changed(true);
    };
  }

  alternativeCard(alternative, index) {
    const leverRows = Object.entries(alternative.set).map(([key, value]) => this.leverRow(alternative, key, value));
    const chooser = el("select", {
      "data-testid": `add-lever-${index}`,
      onchange: (e) => {
        if (!e.target.value) return;
        const parameter = this.levers.get(e.target.value);
        alternative.set[parameter.key] = defaultValue(parameter, alternative.role);
        this.changed(true);
      },
    }, el("option", { value: "" }, "add a lever or parameter..."),
    el("optgroup", { label: "Levers of the municipality" }, this.parameters.levers
      .filter((p) => !(p.key in alternative.set)).map((p) => el("option", { value: p.key }, shortKey(p.key)))),
    el("optgroup", { label: "Model parameters (advanced)" }, this.parameters.model
      .filter((p) => !(p.key in alternative.set)).map((p) => el("option", { value: p.key }, p.key))));
    return el("div", { class: "alternative", "data-testid": `alternative-${index}` },
      el("div", { class: "head" },
        el("strong", {}, index === 0 ? "Reference" : `Alternative ${index + 1}`),
        el("label", {}, "Name", el("input", {
          type: "text", value: alternative.name, "data-testid": `name-${index}`,
          oninput: (e) => { alternative.name = e.target.value; this.changed(); },
        }), el("span", { class: "field-error error", "data-path": "name" })),
        el("label", {}, "Role", el("select", {
          "data-testid": `role-${index}`,
          onchange: (e) => { alternative.role = e.target.value; this.changed(true); },
        }, this.parameters.roles.map((r) => el("option", { value: r, selected: r === alternative.role }, r))),
        el("span", { class: "field-error error", "data-path": "role" })),
        index > 0 || this.state.alternatives.length > 1 ? el("button", {
          type: "button", onclick: () => { this.state.alternatives.splice(index, 1); this.changed(true); },
        }, "Remove") : null),
      leverRows, chooser, el("p", { class: "field-error error", "data-path": "card" }));
  }

  leverRow(alternative, key, value) {
    const parameter = this.levers.get(key) || { key, kind: "number", description: "" };
    const update = (v) => { alternative.set[key] = v; this.changed(); };
    let input;
    if (parameter.kind === "choice") {
      input = el("select", { "data-lever": key, onchange: (e) => update(e.target.value) },
        parameter.choices.map((c) => el("option", { value: c, selected: c === value }, c)));
    } else if (parameter.kind === "boolean") {
      input = el("input", { type: "checkbox", "data-lever": key, checked: Boolean(value), onchange: (e) => update(e.target.checked) });
    } else {
      input = el("input", {
        type: "number", "data-lever": key, value, min: parameter.min ?? undefined, max: parameter.max ?? undefined,
        step: parameter.kind === "integer" ? 1 : "any", oninput: (e) => update(numberOrText(e.target.value)),
      });
    }
    const range = parameter.min !== null && parameter.max !== null && parameter.min !== undefined
      ? ` Range ${parameter.min} to ${parameter.max}.` : "";
    const preset = parameter.defaults ? ` Role preset: ${JSON.stringify(parameter.defaults[alternative.role])}.`
      : parameter.default !== undefined ? ` Default: ${JSON.stringify(parameter.default)}.` : "";
    return el("div", { class: "lever" },
      el("code", {}, key), input,
      el("div", {}, el("div", { class: "help" }, parameter.description + "." + range + preset),
        el("div", { class: "field-error error", "data-path": key })),
      el("button", { type: "button", title: "remove", onclick: () => { delete alternative.set[key]; this.changed(true); } }, "×"));
  }

  renderSettings() {
    const s = this.state;
    const field = (label, key, min, max, help) => el("label", {}, label, el("input", {
      type: "number", min, max, step: 1, value: s[key], "data-testid": key,
      oninput: (e) => { s[key] = numberOrText(e.target.value); this.changed(); },
    }), el("span", { class: "help" }, help), el("span", { class: "field-error error", "data-path": key }));
    document.getElementById("run-settings").replaceChildren(
      field("Replicates", "replicates", 1, this.limits.max_replicates, "paired: alternatives share populations and random streams"),
      field("Horizon (weeks)", "horizon_ticks", 1, this.limits.max_horizon_ticks, "outcomes are the means over the final 52 weeks"),
      field("Seed", "seed", 0, undefined, "the same seed gives the same numbers"),
      el("p", { id: "size", class: "muted" }));
  }
}

function numberOrText(text) {
  const value = Number(text);
  return text.trim() !== "" && Number.isFinite(value) ? value : text;
}

function shortKey(key) {
  return key.replace(/^government\.levers\./, "");
}

function defaultValue(parameter, role) {
  if (parameter.defaults) return parameter.defaults[role];
  return parameter.default;
}

export function describeSize(answer) {
  return `${answer.place}: ${formatNumber(answer.residents, 0)} residents aged 15+ in ${answer.buurten} buurten or wijken, ` +
    `${answer.alternatives.length} alternatives; estimated peak memory ${answer.estimated_memory} per run.`;
}
