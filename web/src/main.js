// The studio page: set up alternatives, run them with progress, and compare the results.
import { ApiError, getJson, postJson, watchRun } from "./api.js";
import { el, formatNumber } from "./dom.js";
import { showResults } from "./results.js";
import { Setup, describeSize } from "./setup.js";

async function start() {
  const [info, places, parameters] = await Promise.all([getJson("/api/info"), getJson("/api/places"), getJson("/api/parameters")]);
  document.getElementById("engine").textContent = `engine ${info.engine_version} (${info.git_commit})`;
  const setup = new Setup({ places, parameters, info });
  setup.onValid = (answer) => { document.getElementById("size").textContent = describeSize(answer); };
  setup.render();
  setup.validate();
  document.getElementById("run").addEventListener("click", () => run(setup));
  await listEarlierRuns();
}

async function run(setup) {
  const button = document.getElementById("run");
  button.disabled = true;
  try {
    let status;
    try {
      status = await postJson("/api/runs", setup.request());
    } catch (error) {
      if (error instanceof ApiError) { setup.error = error.body; setup.renderError(); return; }
      throw error;
    }
    document.getElementById("results").hidden = true;
    const progress = document.getElementById("progress");
    progress.hidden = false;
    const cancel = document.getElementById("cancel");
    cancel.disabled = false;
    cancel.onclick = async () => { cancel.disabled = true; await postJson(`/api/runs/${status.id}/cancel`, {}); };
    showProgress(status);
    const final = await watchRun(status.id, showProgress);
    cancel.disabled = true;
    if (final && final.state === "done") await openRun(status.id);
    await listEarlierRuns();
  } finally {
    button.disabled = false;
  }
}

function showProgress(status) {
  document.getElementById("progress").dataset.state = status.state;
  document.getElementById("progress-bars").replaceChildren(...status.alternatives.map((a) => {
    const left = a.seconds_left === null || a.state !== "running" ? "" : `, about ${formatNumber(a.seconds_left, 0)} s left`;
    return el("div", { class: "progress-row", "data-testid": `progress-${a.name}`, "data-state": a.state },
      el("span", { class: "name" }, a.name),
      el("span", { class: "bar" }, el("div", { style: `width: ${(100 * a.fraction).toFixed(1)}%` })),
      el("span", { class: "muted" }, `${a.state}: ${a.replicates_done} of ${a.replicates} replicates done${left}`));
  }));
  const words = { queued: "Waiting for an earlier run to finish.", running: "Running.", analysing: "Computing the comparison.",
    done: "Done.", failed: `Failed: ${status.message}`, cancelled: `Cancelled: ${status.message}` };
  document.getElementById("progress-message").textContent = words[status.state] || status.state;
}

async function openRun(id) {
  const details = await getJson(`/api/runs/${encodeURIComponent(id)}`);
  details.boundaries = details.boundaries || "";
  await showResults(document.getElementById("results"), details);
  document.getElementById("results").scrollIntoView({ behavior: "smooth" });
}

async function listEarlierRuns() {
  const { runs } = await getJson("/api/runs");
  const root = document.getElementById("earlier-runs");
  if (!runs.length) { root.replaceChildren(el("p", { class: "muted" }, "No runs yet in the results folder.")); return; }
  root.replaceChildren(...runs.map((r) => el("div", { class: "earlier-run", "data-testid": "earlier-run", "data-id": r.id },
    el("strong", {}, r.place),
    el("span", {}, r.alternatives.map((a) => a.scenario || a.name).join(" · ")),
    el("span", { class: "muted" }, r.state === "done"
      ? `${r.alternatives[0].replicates} replicates, ${r.alternatives[0].horizon_ticks} weeks, seed ${r.alternatives[0].seed}, ${r.created || r.id}`
      : r.state),
    r.state === "done" ? el("button", { type: "button", onclick: () => openRun(r.id) }, "Open") : null)));
}

start().catch((error) => {
  document.querySelector("main").prepend(el("p", { class: "error", role: "alert" }, `The studio could not start: ${error.message}`));
});
