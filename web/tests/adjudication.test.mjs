// Browser test of the [11] screens (make test): a generated Kalimantan Utara served by the real
// `ktpel serve`, Debian's chromium driven headless by playwright-core.
// Adjudikasi: the regency's supervisor (the adjudicating role) runs the dedup job, opens a case of
// the queue and sees both NIKs and the matcher's field-by-field evidence equal to the API's, is
// told a reason is required, records "different people" with a reason, and the case leaves the
// queue (the API has the decision and the reason).
// Laporan: the monthly report's figures on the page equal GET /api/v1/reports/monthly, the PDF
// link gives the PDF, and the downloads are XLSX first and a CSV that Indonesian Excel opens
// (BOM, `;`, decimal comma).
// Usage: node adjudication.test.mjs KTPEL_BINARY [SCREENSHOT_DIR]
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
const work = mkdtempSync(join(tmpdir(), 'ktpel-web11-'));
const db = join(work, 'web.db');
const today = new Date().toISOString().slice(0, 10);
const fail = (msg) => { console.error(`FAIL: ${msg}`); process.exitCode = 1; throw new Error(msg); };
const ok = (msg) => console.log(`ok: ${msg}`);
const run = (...args) => execFileSync(ktpel, args, { stdio: ['ignore', 'pipe', 'inherit'] }).toString();
const runWith = (env, ...args) => execFileSync(ktpel, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } }).toString();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const freePort = () => new Promise((resolve) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); });

const ADMIN = ['admin', 'rahasia-pusat-1'];
const KEPALA = ['kepala', 'kepala-tarakan-1'];
let browser, server;
try {
  statSync(join(webDir, 'index.html'));
  process.env.KTPEL_PWHASH = 'interactive';
  // A few adults recorded twice under a second NIK: the dedup job finds them.
  run('generate', '--province', '65', '--scale', '0.02', '--seed', '7', '--duplicates', '0.01', '--as-of', today, '--out', join(work, 'gen'));
  run('import', '--db', db, join(work, 'gen/residents.csv'), '--families', join(work, 'gen/families.csv'),
      '--ektp', join(work, 'gen/ektp.csv'), '--akta', join(work, 'gen/akta.csv'));
  run('coverage', '--db', db, 'rebuild');
  runWith({ KTPEL_NEW_PASSWORD: ADMIN[1] }, 'user', 'add', '--db', db, '--username', ADMIN[0], '--role', 'centre', '--wilayah', 'pusat');
  runWith({ KTPEL_NEW_PASSWORD: KEPALA[1] }, 'user', 'add', '--db', db, '--as', ADMIN[0], '--username', KEPALA[0], '--role', 'supervisor', '--wilayah', '65.71');
  const port = await freePort();
  server = spawn(ktpel, ['serve', '--db', db, '--port', String(port), '--web-dir', webDir], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) { try { await fetch(`${base}/healthz`); break; } catch { await sleep(50); } }
  const login = await (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: KEPALA[0], password: KEPALA[1] }) })).json();
  const authed = (path, init = {}) => fetch(base + path, { ...init, headers: { ...init.headers, Authorization: `Bearer ${login.token}` } });
  const api = async (path, init) => {
    const res = await authed(path, init);
    if (!res.ok) fail(`API ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  // The regency's dedup job raises the possible duplicates of Tarakan into the queue.
  let job = await api('/api/v1/dedup/jobs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  for (let i = 0; i < 600 && job.state !== 'done' && job.state !== 'failed'; i++) { await sleep(100); job = await api(`/api/v1/dedup/jobs/${job.id}`); }
  if (job.state !== 'done') fail(`dedup job: ${JSON.stringify(job)}`);
  const queue = (await api('/api/v1/adjudication?status=OPEN&limit=200')).items;
  if (queue.length === 0) fail(`the dedup job raised no case: ${JSON.stringify(job)}`);
  ok(`dedup job of 65.71: ${queue.length} open cases`);

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  // Expected network errors: 401 before login (who am I?), 404 for a case without a recorded photo
  // (the screen shows a placeholder). Anything else on the console is a failure.
  page.on('console', (m) => { if (m.type() === 'error' && !/status of (401|404)/.test(m.text())) errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const ready = async (want) => {
    await page.waitForFunction((n) => window.ktpelReady === n || String(window.ktpelReady).startsWith('error'), want, { timeout: 30000 });
    const state = await page.evaluate(() => window.ktpelReady);
    if (state !== want) fail(`${want}: got ${state}: ${await page.textContent('#page')}`);
  };
  await page.goto(`${base}/#adjudication`);
  await ready('login');
  await page.fill('#username', KEPALA[0]);
  await page.fill('#password', KEPALA[1]);
  await page.click('#login');
  await ready('adjudication');

  // Adjudikasi: the queue is the API's; a case shows both people and the matcher's evidence.
  const rows = await page.locator('#adjudication-queue tbody tr').count();
  if (rows !== queue.length) fail(`queue: ${rows} rows, API ${queue.length}`);
  const c = queue[0];
  await page.click(`#adjudication-queue tr[data-case="${c.id}"]`);
  await page.waitForSelector('#case #decision-form');
  const niks = [await page.textContent('#nik-new'), await page.textContent('#nik-earlier')];
  if (niks[0] !== c.new_record.nik || niks[1] !== c.enrolled_earlier.nik) fail(`case ${c.id}: NIKs ${niks} != API ${c.new_record.nik} ${c.enrolled_earlier.nik}`);
  const body = c.evidence.slice(c.evidence.indexOf(': ') + 2);
  const vector = Object.fromEntries(body.split('; ').map((p) => /^([a-z_]+) ([a-z0-9-]+)/.exec(p)).filter(Boolean).map((m) => [m[1], m[2]]));
  const shown = await page.$$eval('#evidence tbody tr', (trs) => trs.map((tr) => [tr.dataset.field, tr.querySelector('.level').dataset.level,
    tr.children[1].textContent, tr.children[2].textContent]));
  for (const [field, level, a, b] of shown)
    if (vector[field] !== undefined && vector[field] !== level) fail(`evidence ${field}: page ${level}, API ${vector[field]} (${c.evidence})`);
  const named = shown.filter(([f]) => vector[f] !== undefined).length;
  if (named < 6) fail(`evidence: only ${named} fields from the matcher: ${c.evidence}`);
  const nameRow = shown.find(([f]) => f === 'name');
  if (nameRow[2] !== c.new_record.name || nameRow[3] !== c.enrolled_earlier.name) fail(`names ${nameRow} != API`);
  const birth = await page.textContent('#evidence tr[data-field=birth_date] .level');
  if (vector.birth_date === 'exact' && birth !== 'sama persis') fail(`the level is not said in Indonesian: "${birth}"`);
  await page.waitForFunction(() => document.querySelectorAll('[data-placeholder]').length === 4);
  const placeholders = await page.$$eval('[data-placeholder]', (ps) => ps.map((p) => p.dataset.placeholder).sort().join());
  const photo = await authed(`/api/v1/adjudication/${c.id}/photo/new`);
  const signature = await authed(`/api/v1/adjudication/${c.id}/signature/earlier`);
  if (photo.status !== 404 || signature.status !== 404 || placeholders !== 'photo,photo,signature,signature')
    fail(`images: API ${photo.status} ${signature.status}, placeholders ${placeholders} (no recording stored)`);
  if (shots) await page.screenshot({ path: join(shots, 'adjudication.png'), fullPage: true });
  ok(`case ${c.id}: both NIKs, ${named} fields of the matcher's comparison vector equal to the API, photo and signature placeholders`);

  // The decision needs a reason; then it is recorded and the case leaves the queue.
  await page.check('#decision-different');
  await page.click('#decision-submit');
  await page.waitForFunction(() => document.querySelector('#decision-error')?.textContent);
  const needed = await page.textContent('#decision-error');
  if (needed !== 'Alasan wajib diisi.') fail(`without a reason: "${needed}"`);
  const reason = 'Nama ibu dan tanggal lahir berbeda; diperiksa dengan dokumen KK';
  await page.fill('#decision-note', reason);
  await page.click('#decision-submit');
  await page.waitForSelector('#decided');
  await page.waitForFunction((id) => !document.querySelector(`#adjudication-queue tr[data-case="${id}"]`), c.id);
  const left = await page.locator('#adjudication-queue tbody tr').count();
  const after = (await api('/api/v1/adjudication?status=ALL&limit=1000')).items.find((x) => x.id === c.id);
  if (after.status !== 'DIFFERENT_PEOPLE' || after.note !== reason || after.decided_by !== KEPALA[0] || left !== queue.length - 1)
    fail(`after the decision: ${JSON.stringify(after)}; ${left} rows left of ${queue.length}`);
  ok(`decision recorded (${after.status}, by ${after.decided_by}, reason kept); the queue has ${left} cases`);

  // Laporan: the page's figures are the API's; the PDF link answers a PDF.
  await page.goto(`${base}/#reports`);
  await ready('reports');
  const month = today.slice(0, 7);
  const rep = await api(`/api/v1/reports/monthly?code=65.71&month=${month}`);
  const cells = await page.$$eval('#report-body section.table', (ss) => ss[0].querySelectorAll('tbody tr').length);
  const table = await page.$$eval('#report-body section.table:first-of-type tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  const still = table.find((r) => r[0].startsWith('Wajib KTP belum rekam'));
  const fmt = (v) => v.toLocaleString('id-ID', { maximumFractionDigits: 2 });
  if (!still || still[1] !== fmt(rep.total.before.still_to_record) || still[2] !== fmt(rep.total.now.still_to_record))
    fail(`still to record: page ${still}, API ${rep.total.before.still_to_record} -> ${rep.total.now.still_to_record}`);
  const rec = table.find((r) => r[0].startsWith('Perekaman'));
  if (!rec || rec[2] !== fmt(Math.round(rep.total.now.recording_pct * 100) / 100)) fail(`recording: page ${rec}, API ${rep.total.now.recording_pct}`);
  const pdf = await authed(await page.getAttribute('#report-pdf', 'href'));
  const bytes = Buffer.from(await pdf.arrayBuffer());
  if (pdf.status !== 200 || bytes.subarray(0, 5).toString() !== '%PDF-') fail(`report PDF: ${pdf.status}`);
  if (shots) await page.screenshot({ path: join(shots, 'reports.png'), fullPage: true });
  ok(`reports: ${cells} figures of Kota Tarakan equal the API (still to record ${still[1]} -> ${still[2]}); the PDF link answers a PDF`);

  // Downloads: XLSX first; the CSV opens in Indonesian Excel (BOM, ';', decimal comma).
  const buttons = await page.$$eval('#report-body section.table:first-of-type .table-head button', (bs) => bs.map((b) => b.dataset.export));
  if (buttons.join() !== 'xlsx,csv') fail(`download buttons ${buttons}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#report-body [data-export=csv]').first().click()]);
  const csvFile = join(work, 'report.csv');
  await download.saveAs(csvFile);
  const parsed = execFileSync('python3', ['-c', `
import csv, sys
b = open(sys.argv[1], 'rb').read()
assert b[:3] == b'\\xef\\xbb\\xbf', b[:3]
rows = list(csv.reader(b[3:].decode().splitlines(), delimiter=';'))
row = [r for r in rows if r[0].startswith('Perekaman')][0]
print(len(rows), row[2])`, csvFile]).toString().trim().split(' ');
  const want = String(Math.round(rep.total.now.recording_pct * 100) / 100).replace('.', ',');
  if (Number(parsed[0]) !== cells + 1 || parsed[1] !== want) fail(`CSV for Excel: ${parsed}, want ${cells + 1} rows and ${want}`);
  ok(`CSV for Excel: BOM, ';' between cells, recording ${parsed[1]} with a decimal comma`);

  if (errors.length) fail(`console errors: ${errors.join(' | ')}`);
  ok('no console errors');
} catch (e) {
  if (!process.exitCode) { console.error(e); process.exitCode = 1; }
} finally {
  if (browser) await browser.close();
  if (server) server.kill();
  rmSync(work, { recursive: true, force: true });
}
