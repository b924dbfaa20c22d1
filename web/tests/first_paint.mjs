// First paint of the dashboard as a browser on the office LAN sees it (issue [11]): `ktpel serve`
// on an empty database, Debian's chromium (playwright-core), each load in a fresh profile (cold
// cache), the network held to 100 Mbit/s with 2 ms latency; first-contentful-paint from the Paint
// Timing API. RUNS loads one after the other, then PARALLEL at once (six officers opening it).
// Usage: node web/tests/first_paint.mjs KTPEL_BINARY [WEB_DIR=web/dist] [RUNS=5] [PARALLEL=6]
// first-contentful-paint is the header (static HTML); login is when the login form is drawn
// (the page's readiness flag), which waits for the script: the blank page the issue measured.
// Prints one JSON line: fcp_ms, login_ms (one after the other), parallel_fcp_ms, parallel_login_ms
// and the bytes over the wire of one load.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [ktpel, webDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist'), runs = '5', parallel = '6'] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'ktpel-fcp-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const port = await new Promise((resolve) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); });
const server = spawn(ktpel, ['serve', '--db', join(work, 'fcp.db'), '--port', String(port), '--web-dir', webDir], { stdio: 'ignore' });
const base = `http://127.0.0.1:${port}`;
let browser;
try {
  for (let i = 0; i < 200; i++) { try { await fetch(`${base}/healthz`); break; } catch { await sleep(50); } }
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  // One cold load: the FCP in ms and the bytes that came over the wire.
  const load = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 2, downloadThroughput: 100e6 / 8, uploadThroughput: 100e6 / 8 });
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
    await page.goto(`${base}/#overview`, { waitUntil: 'commit', timeout: 120000 });
    // The login form drawn (the page's own readiness flag, polled every 5 ms in the page).
    const login = await page.evaluate(() => new Promise((res) => {
      const f = () => (window.ktpelReady === 'login' ? res(performance.now()) : setTimeout(f, 5));
      f();
    }));
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 60000 });
    const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0].startTime);
    await context.close();
    return { fcp: Math.round(fcp), login: Math.round(login), bytes };
  };
  await load();  // chromium's own start-up, not counted
  const sequential = [];
  for (let i = 0; i < Number(runs); i++) sequential.push(await load());
  const together = await Promise.all(Array.from({ length: Number(parallel) }, load));
  const pick = (rs, k) => rs.map((r) => r[k]);
  console.log(JSON.stringify({ fcp_ms: pick(sequential, 'fcp'), login_ms: pick(sequential, 'login'),
    parallel_fcp_ms: pick(together, 'fcp'), parallel_login_ms: pick(together, 'login'), bytes: sequential[0].bytes }));
} finally {
  if (browser) await browser.close();
  server.kill();
  rmSync(work, { recursive: true, force: true });
}
