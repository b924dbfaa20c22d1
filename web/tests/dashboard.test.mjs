// Browser test of the dashboard (make test): a generated province served by the real `ktpel
// serve`, Debian's chromium driven headless by playwright-core. Every page loads without console
// errors; the map draws one region per regency and a click on a regency drills down to its
// kecamatan; a NIK search shows the timeline; numbers equal the API's; an XLSX export downloads
// and opens. Usage: node dashboard.test.mjs KTPEL_BINARY [SCREENSHOT_DIR]
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ktpel = process.argv[2];
const shots = process.argv[3];
const webDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const work = mkdtempSync(join(tmpdir(), 'ktpel-web-'));
const db = join(work, 'web.db');
const today = new Date().toISOString().slice(0, 10);
const fail = (msg) => { console.error(`FAIL: ${msg}`); process.exitCode = 1; throw new Error(msg); };
const ok = (msg) => console.log(`ok: ${msg}`);
const run = (...args) => execFileSync(ktpel, args, { stdio: ['ignore', 'pipe', 'inherit'] }).toString();

const freePort = () => new Promise((resolve) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); });

let server, browser;
try {
  statSync(join(webDir, 'index.html'));
  run('generate', '--province', '65', '--scale', '0.02', '--seed', '7', '--as-of', today, '--out', join(work, 'gen'));
  run('import', '--db', db, join(work, 'gen/residents.csv'), '--families', join(work, 'gen/families.csv'),
      '--ektp', join(work, 'gen/ektp.csv'), '--akta', join(work, 'gen/akta.csv'));
  run('coverage', '--db', db, 'rebuild');
  run('print', '--db', db, 'seed', '--province', '65');
  const port = await freePort();
  server = spawn(ktpel, ['serve', '--db', db, '--port', String(port), '--web-dir', webDir], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) { try { await fetch(`${base}/healthz`); break; } catch { await new Promise((r) => setTimeout(r, 50)); } }
  const api = async (path) => (await fetch(base + path)).json();

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const open = async (name) => {
    await page.goto(`${base}/#${name}`);
    await page.waitForFunction((n) => window.ktpelReady === n || String(window.ktpelReady).startsWith('error'), name, { timeout: 30000 });
    const state = await page.evaluate(() => window.ktpelReady);
    if (state !== name) fail(`${name}: ${await page.textContent('#page')}`);
    if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
  };

  // Ringkasan: the numbers are the API's.
  await open('overview');
  const cov = await api('/api/v1/coverage?level=kabupaten&code=65');
  const cards = await page.$$eval('.card', (cs) => cs.map((c) => [c.querySelector('.label').textContent, c.querySelector('.value').textContent]));
  const pop = cards.find(([l]) => l === 'Penduduk');
  if (!pop || pop[1] !== cov.total.counts.population.toLocaleString('id-ID')) fail(`population card ${pop} != API ${cov.total.counts.population}`);
  const prr = cards.find(([l]) => l.startsWith('Siap cetak'));
  if (!prr || prr[1] !== cov.total.counts.prr.toLocaleString('id-ID')) fail(`PRR card ${prr} != API ${cov.total.counts.prr}`);
  ok(`overview: population ${pop[1]} and PRR ${prr[1]} equal the API`);

  // Peta: one region per regency; a click on Malinau drills down to its kecamatan.
  await open('map');
  const regencies = (await api('/api/v1/wilayah/65/children')).items;
  const drawn = await page.evaluate(() => window.ktpelMap.regions);
  const filled = await page.evaluate(() => window.ktpelMap.withData);
  if (drawn !== regencies.length || filled !== regencies.length) fail(`map drew ${drawn} regions (${filled} with data), province 65 has ${regencies.length} regencies`);
  // Up to Indonesia: one region per province; a click on Kalimantan Utara comes back to its regencies.
  const provinces = (await api('/api/v1/wilayah')).items.length;
  await page.click('#national');
  await page.waitForFunction(() => window.ktpelMap.level === 'provinsi');
  const national = await page.evaluate(() => window.ktpelMap.regions);
  if (national !== provinces) fail(`national map drew ${national} regions, there are ${provinces} provinces`);
  if (shots) await page.screenshot({ path: join(shots, 'map-indonesia.png') });
  {  // a point inside Kalimantan Utara (Malinau)
    const [qx, qy] = await page.evaluate(([lon, lat]) => window.ktpelMapChart.convertToPixel({ seriesIndex: 0 }, [lon, lat]), [116.6, 3.1]);
    const b = await page.locator('#map').boundingBox();
    await page.mouse.click(b.x + qx, b.y + qy);
    await page.waitForFunction(() => window.ktpelMap.level === 'kabupaten', null, { timeout: 15000 });
  }

  const malinau = regencies.find((r) => r.code === '65.02');
  const [px, py] = await page.evaluate(([lon, lat]) => window.ktpelMapChart.convertToPixel({ seriesIndex: 0 }, [lon, lat]), [malinau.lon, malinau.lat]);
  const box = await page.locator('#map').boundingBox();
  await page.mouse.click(box.x + px, box.y + py);
  await page.waitForFunction(() => window.ktpelMap.level === 'kecamatan', null, { timeout: 15000 });
  const drilled = await page.evaluate(() => window.ktpelMap.drilled);
  const kecRows = await page.locator('#drill tbody tr').count();
  const kecamatan = (await api(`/api/v1/wilayah/${drilled}/children`)).items.length;
  if (drilled !== '65.02' || kecRows !== kecamatan) fail(`drill-down: ${drilled}, ${kecRows} rows, want 65.02 with ${kecamatan}`);
  if (shots) await page.screenshot({ path: join(shots, 'map-drilldown.png') });
  // The regency's monthly report (linked from the drill-down) renders.
  const href = await page.getAttribute('#report', 'href');
  const pdf = Buffer.from(await (await fetch(base + href)).arrayBuffer());
  const pdfFile = join(work, 'report.pdf');
  (await import('node:fs')).writeFileSync(pdfFile, pdf);
  execFileSync('pdftoppm', ['-r', '40', '-png', '-singlefile', pdfFile, join(work, 'report')]);
  if (pdf.subarray(0, 5).toString() !== '%PDF-' || statSync(join(work, 'report.png')).size < 1000) fail('monthly report PDF');
  ok(`map: ${national} provinces, click on Kalimantan Utara: ${drawn} regencies, click on Malinau: its ${kecRows} kecamatan`);

  // Peringkat: sortable tables; the XLSX download opens as a workbook with the regencies.
  await open('ranking');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-export=xlsx]').first().click()]);
  const xlsx = join(work, 'ranking.xlsx');
  await download.saveAs(xlsx);
  const names = execFileSync('python3', ['-c', `
import sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
assert 'xl/workbook.xml' in z.namelist(), z.namelist()
sheet = z.read('xl/worksheets/sheet1.xml').decode()
strings = re.findall(r'<t[^>]*>([^<]*)</t>', z.read('xl/sharedStrings.xml').decode())
print(len(re.findall(r'<row ', sheet)), '|'.join(s for s in strings if s.startswith(('Kabupaten', 'Kota'))))`, xlsx]).toString().trim();
  const rows = names.slice(0, names.indexOf(' '));
  const found = names.slice(names.indexOf(' ') + 1);
  if (Number(rows) !== regencies.length + 1 || regencies.some((r) => !found.includes(r.name))) fail(`xlsx: ${names}`);
  await page.locator('section.table th').nth(4).click();  // sort by recording %
  ok(`ranking: XLSX with ${rows} rows (header + ${regencies.length} regencies) opens`);

  // Antrean cetak and Cari penduduk.
  await open('printing');
  if ((await page.locator('#queue tbody tr').count()) === 0) fail('printing: empty queue');
  const queue = await api('/api/v1/print/queue?office=65.71&limit=1');
  const nik = queue.items[0].nik;
  await open('search');
  await page.fill('#q', nik);
  await page.click('#find');
  await page.waitForSelector('#timeline li');
  const status = await page.textContent('#current-status');
  const record = await api(`/api/v1/ektp/${nik}`);
  const steps = await page.locator('#timeline li').count();
  if (status !== record.status || steps !== record.history.length) fail(`search: ${status}/${steps} vs ${record.status}/${record.history.length}`);
  if (shots) await page.screenshot({ path: join(shots, 'search.png') });
  ok(`search: ${nik} shows ${status} with ${steps} dated steps`);

  // English toggle.
  await page.click('#lang');
  await page.waitForFunction(() => document.querySelector('#nav-overview')?.textContent === 'Overview');
  ok('language toggle');
  if (errors.length) fail(`console errors: ${errors.join(' | ')}`);
  ok('no console errors on any page');
} catch (e) {
  if (!process.exitCode) { console.error(e); process.exitCode = 1; }
} finally {
  if (browser) await browser.close();
  if (server) server.kill();
  rmSync(work, { recursive: true, force: true });
}
