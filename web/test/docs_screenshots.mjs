// The screenshots of docs/studio.md, from a running studio that has at least one finished run:
//   node test/docs_screenshots.mjs --url http://127.0.0.1:8765/ --out ../docs/images [--gemeente GM0518]
// It fills the form for a gemeente (not run), opens the newest earlier run, and saves the form, the
// decision table, the cost-against-effect figure, the charts, the map and the command lines.
import path from "node:path";
import puppeteer from "puppeteer-core";

const options = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
const out = path.resolve(options.out || ".");

// Waits until the page has fetched all it asked for and `selector` has stopped moving: the form
// above the results still changes height while its answers arrive, which would shift a
// screenshot's clip by that much.
async function settled(page, selector) {
  await page.waitForNetworkIdle({ idleTime: 500, timeout: 60000 });
  let last = null;
  for (let tries = 0; tries < 50; tries += 1) {
    const box = await (await page.$(selector)).boundingBox();
    if (last && box.y === last.y && box.height === last.height) return;
    last = box;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${selector} kept moving for 10 s`);
}
const browser = await puppeteer.launch({ executablePath: options.chromium || "/usr/bin/chromium", headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 800 });
  await page.goto(options.url, { waitUntil: "networkidle0" });
  await page.click('[data-testid="place-gemeente"]');
  await page.waitForSelector('[data-testid="gemeente-select"]');
  await page.select('[data-testid="gemeente-select"]', options.gemeente || "GM0518");
  await page.select('[data-testid="role-1"]', "inviting");
  await page.select('[data-testid="add-lever-1"]', "government.levers.community_worker_hours_per_1000");
  await page.waitForFunction(() => document.getElementById("size").textContent.includes("GM"), { timeout: 60000 });
  await (await page.$("#setup")).screenshot({ path: path.join(out, "studio-setup.png") });
  await page.click('[data-testid="earlier-run"] button');
  await page.waitForSelector('[data-testid="map"]', { timeout: 60000 });
  await settled(page, '[data-testid="decision-table"]');
  await (await page.$('[data-testid="decision-table"]')).screenshot({ path: path.join(out, "studio-decision.png") });
  await (await page.$('[data-testid="cost-effect"]')).screenshot({ path: path.join(out, "studio-cost-effect.png") });
  await (await page.$('[data-testid="charts"]')).screenshot({ path: path.join(out, "studio-charts.png") });
  await (await page.$('[data-testid="map"]')).screenshot({ path: path.join(out, "studio-map.png") });
  await (await page.$('[data-testid="commands"]')).screenshot({ path: path.join(out, "studio-commands.png") });
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
}
