// Lighthouse on several pages with one Chromium: `node lighthouse.mjs OUT_DIR URL...` writes
// OUT_DIR/<n>.json (the report of the n-th URL, from 0) and prints one line per page.
// Chromium is CHROME_PATH (default /usr/bin/chromium). Lighthouse's default settings (a phone on a
// slow 4G network), except the CPU slowdown: LIGHTHOUSE_CPU_SLOWDOWN, 2 unless set, the multiplier
// Lighthouse's docs/throttling.md gives for a low-end desktop host (benchmarkIndex 1000-1500, as
// this project's machines) to emulate the mid-tier phone its default of 4 emulates on a high-end
// desktop. LIGHTHOUSE_PRESET=desktop for the desktop preset instead. A run that fails (a page that
// did not load in time, on a busy machine) is tried again.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";

import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const [outDir, ...urls] = process.argv.slice(2);
if (!outDir || urls.length === 0) {
  console.error("usage: node lighthouse.mjs OUT_DIR URL...");
  process.exit(2);
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const flags = {
  port: chrome.port,
  output: "json",
  logLevel: "error",
  onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
  disableFullPageScreenshot: true,
};
if (process.env.LIGHTHOUSE_PRESET !== "desktop") {
  flags.throttling = { cpuSlowdownMultiplier: Number(process.env.LIGHTHOUSE_CPU_SLOWDOWN || 2) };
}
const config = process.env.LIGHTHOUSE_PRESET === "desktop" ? desktopConfig : undefined;
// A run that fails (a page that did not load in time, a trace Chromium did not record: NO_NAVSTART)
// is tried again, up to RETRIES times.
const RETRIES = 3;
let failed = false;
try {
  for (const [index, url] of urls.entries()) {
    let result = await lighthouse(url, flags, config);
    for (let retry = 1; retry <= RETRIES && (!result || result.lhr.runtimeError); retry++) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * retry));
      result = await lighthouse(url, flags, config);
    }
    if (!result || result.lhr.runtimeError) {
      console.error(`${url}: ${result ? result.lhr.runtimeError.message : "no result"}`);
      failed = true;
      continue;
    }
    await writeFile(join(outDir, `${index}.json`), result.report);
    const scores = Object.values(result.lhr.categories).map((c) => `${c.id} ${c.score}`);
    console.log(`${url}: ${scores.join(", ")}`);
  }
} finally {
  await chrome.kill();
}
process.exit(failed ? 1 : 0);
