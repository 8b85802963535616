// End-to-end test of the studio in headless Chromium (Debian's /usr/bin/chromium, driven by
// puppeteer-core): a real `wijksim serve` on loopback, a user who picks a small bundled scenario,
// sets two roles and one lever, runs 2 replicates of a short horizon, waits for the progress to
// finish, and finds the decision table, a chart and a map per buurt (from a boundaries file), and no
// caveats. The same alternatives are then run with the command line (`wijksim run`, `analysis compare`)
// and must give the same numbers. Then the user runs a gemeente sampled at a fiftieth and must find the
// caveat about sampling named and placed above the decision table.
//
//   node test/studio_e2e.mjs --wijksim build/wijksim --out DIR [--chromium /usr/bin/chromium]
//
// Screenshots go to DIR (setup.png, results.png, map.png, caveats.png). Exit status 0 when every check passes.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const options = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
const wijksim = path.resolve(options.wijksim || path.join(repository, "build", "wijksim"));
const out = path.resolve(options.out || "test-output");
const chromium = options.chromium || "/usr/bin/chromium";
const python = "/usr/bin/python3";

const SCENARIO = "cbs/utrecht_kanaleneiland.json";
const LEVER = "government.levers.community_worker_hours_per_1000";
// Two roles with the same lever, as `wijksim compare --roles ... --set ...` runs them.
const ALTERNATIVES = [
  { name: "top_down", role: "top_down", set: { [LEVER]: 16 } },
  { name: "inviting", role: "inviting", set: { [LEVER]: 16 } },
];
const RUN = { replicates: 2, horizon_ticks: 52, seed: 7 };
// A hand-drawn boundaries file with the two buurten's real codes (tests/serve/data/README.md).
const OWN_DATA = path.join(repository, "tests", "serve", "data");
const BOUNDARIES = "kanaleneiland_buurten.geojson";
// Den Haag's 43 wijken at a fiftieth: 37 of them sampled below one street (as tests/serve/test_api.py).
const SAMPLED = { gemeente: "GM0518", scale: 0.02, replicates: 1 };

let failures = 0;
function check(condition, message) {
  console.log(`${condition ? "ok  " : "FAIL"} ${message}`);
  if (!condition) failures += 1;
}

function startServer(results) {
  return new Promise((resolve, reject) => {
    const server = spawn(wijksim, ["serve", "--port", "0", "--results", results, "--own-data", OWN_DATA],
      { stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    server.stdout.on("data", (chunk) => {
      text += chunk;
      const match = text.match(/open (http:\/\/\S+)/);
      if (match) resolve({ server, url: match[1] });
    });
    server.on("exit", (code) => reject(new Error(`wijksim serve exited with ${code}: ${text}`)));
    setTimeout(() => reject(new Error("wijksim serve did not print its address within 20 s")), 20000);
  });
}

async function typeInto(page, selector, value) {
  const input = await page.waitForSelector(selector);
  await input.click({ clickCount: 3 });
  await input.type(String(value));
}

async function setUpAlternatives(page) {
  await page.waitForSelector('[data-testid="scenario-select"]');
  await page.select('[data-testid="scenario-select"]', SCENARIO);
  await page.waitForSelector('[data-testid="boundaries-select"]');
  await page.select('[data-testid="boundaries-select"]', BOUNDARIES);
  for (const [index, alternative] of ALTERNATIVES.entries()) {
    await page.waitForSelector(`[data-testid="role-${index}"]`);
    await page.select(`[data-testid="role-${index}"]`, alternative.role);
    await typeInto(page, `[data-testid="name-${index}"]`, alternative.name);
    for (const [key, value] of Object.entries(alternative.set)) {
      await page.select(`[data-testid="add-lever-${index}"]`, key);
      await typeInto(page, `[data-testid="alternative-${index}"] [data-lever="${key}"]`, value);
    }
  }
  for (const [key, value] of Object.entries(RUN)) await typeInto(page, `[data-testid="${key}"]`, value);
}

// The same alternatives for a gemeente at a small share of residents, with maps per gemeente.
async function setUpSampledGemeente(page) {
  await page.$eval('[data-testid="place-gemeente"]', (radio) => radio.click());
  await page.waitForSelector('[data-testid="gemeente-select"]');
  await page.select('[data-testid="gemeente-select"]', SAMPLED.gemeente);
  await page.select('[data-testid="boundaries-select"]', "");
  await typeInto(page, '[data-testid="scale"]', SAMPLED.scale);
  await typeInto(page, '[data-testid="replicates"]', SAMPLED.replicates);
}

// Presses Run once the form's validation has settled, as a user would, and waits until the run has
// ended and, when done, its results replaced those shown before. The click is the button's own (a
// synthetic mouse click at its position went missing at load average 10 on the 2-core CI machine).
async function runFromForm(page) {
  await page.waitForNetworkIdle({ idleTime: 500 });
  const before = await page.$eval("#results", (node) => node.querySelector("h2")?.textContent || "");
  await page.$eval("#run", (button) => button.click());
  return page.waitForFunction((before) => {
    const state = document.getElementById("progress").dataset.state;
    if (state === "failed" || state === "cancelled") return state;
    const shown = document.querySelector("#results h2")?.textContent || "";
    return state === "done" && shown !== before && document.querySelector('[data-testid="decision-table"]') && state;
  }, { timeout: 180000 }, before).then((handle) => handle.jsonValue());
}

// What a user reads in the caveats box, whether it comes before the decision table on the page and in
// reading order, and how the browser's accessibility tree presents it (role and name); null: no box.
async function caveatsShown(page) {
  const box = await page.$('[data-testid="caveats"]');
  if (!box) return null;
  const seen = await box.evaluate((node) => {
    const table = document.querySelector('[data-testid="decision-table"]');
    return {
      text: node.innerText,
      visible: node.getBoundingClientRect().height > 0 && getComputedStyle(node).visibility === "visible",
      above: node.getBoundingClientRect().bottom <= table.getBoundingClientRect().top &&
        Boolean(node.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING),
    };
  });
  const { role, name } = await page.accessibility.snapshot({ root: box, interestingOnly: false });
  return { ...seen, role, name };
}

async function checkFieldError(page) {
  const input = await page.$(`[data-testid="alternative-1"] [data-lever="${LEVER}"]`);
  await input.click({ clickCount: 3 });
  await input.type("-5");
  const message = await page.waitForFunction((key) => {
    const node = document.querySelector(`[data-testid="alternative-1"] .field-error[data-path="${key}"]`);
    return node && node.textContent;
  }, { timeout: 10000 }, LEVER).then((handle) => handle.jsonValue());
  check(message.includes(`at ${LEVER}: expected a number between 0 and 168, found -5`),
    `a negative lever value is refused next to its field: "${message}"`);
  await input.click({ clickCount: 3 });
  await input.type(String(ALTERNATIVES[1].set[LEVER]));
  // The reference carries the same lever, so look only at this alternative's field.
  await page.waitForFunction((key) => !document.querySelector(
    `[data-testid="alternative-1"] .field-error[data-path="${key}"]`)?.textContent, { timeout: 10000 }, LEVER);
}

async function tableValues(page) {
  return page.$$eval('[data-testid="decision-table"] td[data-outcome]', (cells) => cells.map((c) => ({
    scenario: c.dataset.scenario, outcome: c.dataset.outcome, kind: c.dataset.kind || "", value: Number(c.dataset.value),
  })));
}

// `wijksim compare` on the same place, roles, lever and seed, then its decision summary as JSON.
function commandLineNumbers(folder) {
  const out = path.join(folder, "cli");
  const settings = [`${LEVER}=${ALTERNATIVES[0].set[LEVER]}`, `seed=${RUN.seed}`, `replicates=${RUN.replicates}`,
    `horizon_ticks=${RUN.horizon_ticks}`].flatMap((s) => ["--set", s]);
  const compare = spawnSync(wijksim, ["compare", path.join(repository, "scenarios", SCENARIO), "--roles",
    ALTERNATIVES.map((a) => a.role).join(","), ...settings, "-o", out], { encoding: "utf8", cwd: repository });
  if (compare.status !== 0) throw new Error(`wijksim compare failed: ${compare.stderr}`);
  const files = ALTERNATIVES.map((a) => path.join(out, `${a.name}.h5`));
  const json = spawnSync(python, ["-m", "analysis", "compare", ...files, "--reference", ALTERNATIVES[0].name, "--json"],
    { encoding: "utf8", cwd: repository, env: { ...process.env, PYTHONPATH: repository } });
  if (json.status !== 0) throw new Error(`analysis compare --json failed: ${json.stderr}`);
  return { files, decision: JSON.parse(json.stdout) };
}

// Every /timeseries dataset of the studio's files equals the command line's, bit for bit.
function sameDatasets(studioFiles, cliFiles) {
  const script = `
import sys, h5py, numpy as np
pairs = sys.argv[1:]
for a, b in zip(pairs[0::2], pairs[1::2]):
    with h5py.File(a) as fa, h5py.File(b) as fb:
        names = []
        fa["timeseries"].visit(lambda n: names.append(n) if isinstance(fa["timeseries"][n], h5py.Dataset) else None)
        for n in names:
            if not np.array_equal(fa["timeseries"][n][()], fb["timeseries"][n][()], equal_nan=True):
                print("differs:", a, n); sys.exit(1)
print("identical")`;
  const args = studioFiles.flatMap((file, i) => [file, cliFiles[i]]);
  return spawnSync(python, ["-c", script, ...args], { encoding: "utf8" });
}

async function main() {
  mkdirSync(out, { recursive: true });
  const work = mkdtempSync(path.join(tmpdir(), "wijksim-studio-e2e-"));
  const results = path.join(work, "results");
  mkdirSync(results);
  const { server, url } = await startServer(results);
  const browser = await puppeteer.launch({
    executablePath: chromium, headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const pageErrors = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    // The refusals of bad values (400 from /api/validate) are expected; anything else is an error.
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().includes("status of 400")) pageErrors.push(message.text());
    });
    await page.goto(url, { waitUntil: "networkidle0" });
    await setUpAlternatives(page);
    await checkFieldError(page);
    await page.screenshot({ path: path.join(out, "setup.png"), fullPage: true });

    const finalState = await runFromForm(page);
    check(finalState === "done", `the run finished (state ${finalState})`);
    const progressText = await page.$eval("#progress-bars", (node) => node.textContent);
    check(progressText.includes("2 of 2 replicates done"), "progress shows both replicates done for the alternatives");

    const values = await tableValues(page);
    check(values.length >= 12, `the decision table has ${values.length} cells with numbers`);
    const charts = await page.$$eval('[data-testid="charts"] svg', (svgs) => svgs.filter((s) => s.querySelector("path")).length);
    check(charts >= 4, `${charts} time-series charts drawn`);
    const costEffect = await page.$$eval('[data-testid="cost-effect"] svg circle', (dots) => dots.length);
    check(costEffect >= 1, `cost-against-effect figure has ${costEffect} point(s)`);
    const mapAreas = await page.$$eval('[data-testid="map"] path.area', (paths) => paths.map((p) => p.dataset.code));
    check(["BU03440831", "BU03440832"].every((code) => mapAreas.includes(code)),
      `the map colours both buurten by their CBS code: ${mapAreas.join(", ")}`);
    const commands = await page.$eval('[data-testid="commands"]', (node) => node.textContent);
    check(commands.includes("wijksim run") && commands.includes("analysis compare"), "the reproducing command lines are shown");
    check(await caveatsShown(page) === null, "no caveats box for buurten simulated in full");
    await page.screenshot({ path: path.join(out, "results.png"), fullPage: true });
    const map = await page.$('[data-testid="map"]');
    await map.screenshot({ path: path.join(out, "map.png") });

    const earlier = await page.$$eval('[data-testid="earlier-run"]', (rows) => rows.length);
    check(earlier === 1, `the finished run is listed under earlier runs (${earlier})`);

    // The same numbers as the command line for the same scenario and seed.
    const cli = commandLineNumbers(work);
    const runId = await page.$eval('[data-testid="earlier-run"]', (row) => row.dataset.id);
    const studioFiles = ALTERNATIVES.map((a, i) => path.join(results, runId, `0${i + 1}-${a.name}.h5`));
    const same = sameDatasets(studioFiles, cli.files);
    check(same.status === 0, `the studio's result files equal the command line's bit for bit (${same.stdout.trim()}${same.stderr})`);
    for (const alternative of cli.decision.alternatives) {
      for (const [outcome, cell] of Object.entries(alternative.outcomes)) {
        const expected = alternative.is_reference ? cell.value : cell.change;
        const shown = values.find((v) => v.scenario === alternative.name && v.outcome === outcome);
        if (!shown) continue;
        check(expected === null ? Number.isNaN(shown.value) : shown.value === expected,
          `${alternative.name} ${outcome}: studio ${shown.value} = wijksim compare ${expected}`);
      }
    }
    const compared = values.filter((v) => v.outcome !== "cost_per_extra_participant").length;
    check(compared === cli.decision.outcomes.length * cli.decision.alternatives.length,
      `every cell of the decision table was compared (${compared})`);

    await setUpSampledGemeente(page);
    const sampledState = await runFromForm(page);
    check(sampledState === "done", `the run of ${SAMPLED.gemeente} at scale ${SAMPLED.scale} finished (state ${sampledState})`);
    const caveats = await caveatsShown(page);
    check(caveats?.visible, "a caveats box is shown for the sampled gemeente");
    // A gemeente place reads the national tables, whose units are wijken (the note names them so).
    check(/scale: \d+ of \d+ wijken .* are sampled below one street/.test(caveats?.text),
      `it names the sampling caveat: "${caveats?.text}"`);
    check(caveats?.text.includes("Simulate a larger share of the residents"), "and says what to do about it");
    check(caveats?.above, "it sits above the decision table");
    check(caveats?.role === "note" && caveats?.name.startsWith("Caveats"),
      `it is a note named by its heading (role ${caveats?.role}, name "${caveats?.name}")`);
    await (await page.$('[data-testid="caveats"]'))?.screenshot({ path: path.join(out, "caveats.png") });
    check(pageErrors.length === 0, `no errors in the page (${pageErrors.join(" | ")})`);
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    rmSync(work, { recursive: true, force: true });
  }
  console.log(failures ? `${failures} check(s) failed` : `all checks passed; screenshots in ${out}`);
  process.exit(failures ? 1 : 0);
}

main().catch((error) => {
  console.error(`studio e2e test FAILED: ${error.stack || error}`);
  process.exit(1);
});
