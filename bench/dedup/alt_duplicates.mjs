#!/usr/bin/env node
// A second, independent duplicate injector for accuracy checks on data ktpel's own generator did
// not make: it reads a clean residents.csv (ktpel generate --duplicates 0) and its truth.csv,
// re-records a share of adults under a new NIK with a corruption model unlike ktpel's
// (core/synth/corruption.cc): keyboard and OCR confusions, spoken-spelling variants, reordered
// names, added titles and degrees, Muhammad abbreviations, placeholder birth dates (01-01 / 31-12),
// off-by-one days, "Kab."/"Kota" birth places, mothers known only by a first name, bin/binti
// instead of a father's field, a rare sex slip.
//   node alt_duplicates.mjs --in DIR --out DIR [--rate 0.02] [--seed 7]
import fs from 'node:fs';
import path from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, all) => (v.startsWith('--') ? [...a, [v.slice(2), all[i + 1]]] : a), []));
if (!args.in || !args.out) { console.error('usage: node alt_duplicates.mjs --in DIR --out DIR [--rate 0.02] [--seed 7]'); process.exit(2); }
const rate = parseFloat(args.rate ?? '0.02');
let seed = parseInt(args.seed ?? '7', 10) >>> 0;
const rnd = () => { seed = (seed + 0x6D2B79F5) >>> 0; let t = seed; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const chance = (p) => rnd() < p;
const pick = (a) => a[Math.floor(rnd() * a.length)];

function parseCsvLine(line) {
  const out = []; let cur = ''; let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) { if (c === '"') { if (line[i + 1] === '"') { cur += '"'; i++; } else q = false; } else cur += c; }
    else if (c === '"') q = true; else if (c === ',') { out.push(cur); cur = ''; } else cur += c;
  }
  out.push(cur);
  return out;
}
const field = (s) => (/[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s);

const CONFUSE = { M: 'N', N: 'M', B: 'P', P: 'B', D: 'T', T: 'D', E: 'I', I: 'E', U: 'O', O: 'U', A: 'E', L: 'I', G: 'K', K: 'G', S: 'Z', V: 'F', F: 'V' };
function keyboard(s) {  // one confused letter (ear or OCR), never the first
  const idx = [...s].map((c, i) => (i > 0 && CONFUSE[c] ? i : -1)).filter((i) => i >= 0);
  if (!idx.length) return s;
  const i = pick(idx);
  return s.slice(0, i) + CONFUSE[s[i]] + s.slice(i + 1);
}
function spoken(s) {  // spellings that sound alike
  const rules = [[/SY/g, 'S'], [/KH/g, 'H'], [/F/g, 'P'], [/Z/g, 'J'], [/AI/g, 'AE'], [/(.)\1/g, '$1'], [/H\b/g, ''], [/IE/g, 'I'], [/Q/g, 'K'], [/DH/g, 'D'], [/TH/g, 'T'], [/OE/g, 'U']];
  const applicable = rules.filter(([re]) => re.test(s));
  if (!applicable.length) return s;
  const [re, to] = pick(applicable);
  re.lastIndex = 0;
  return s.replace(re, to);
}
const MUHAMMAD = /^(MUHAMMAD|MUHAMAD|MOHAMMAD|MOCHAMMAD|MOHAMAD)\b/;
function variant(name) {
  let n = name.replace(/,.*$/, '').trim();  // the degree is re-added below if chosen
  const toks = n.split(/\s+/).filter(Boolean);
  const r = rnd();
  if (r < 0.25) n = keyboard(n);
  else if (r < 0.45) n = spoken(n);
  else if (r < 0.55 && toks.length >= 2) n = [...toks.slice(1), toks[0]].join(' ');          // surname first
  else if (r < 0.65 && toks.length >= 3) n = [toks[0], toks[2], ...toks.slice(3)].join(' '); // middle dropped
  else if (r < 0.75 && MUHAMMAD.test(n)) n = n.replace(MUHAMMAD, pick(['M.', 'MOCH.', 'MUH.', 'MOH.', 'MUHAMAD']));
  else if (r < 0.82 && toks.length >= 2) n = toks[0] + ' ' + toks[toks.length - 1][0] + '.';  // last as initial
  if (chance(0.15)) n = pick(['H. ', 'HJ. ', 'DRS. ', 'IR. ']) + n;
  if (chance(0.12)) n = n + ', ' + pick(['S.PD', 'S.E.', 'S.H', 'S.KOM', 'A.MD', 'S.SOS']);
  return n;
}
function pad(n) { return String(n).padStart(2, '0'); }
function daysIn(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }
function date(d) {
  let [y, m, dd] = d.split('-').map(Number);
  const r = rnd();
  if (r < 0.08) return `${y}-${chance(0.5) ? '01-01' : '12-31'}`;                         // only the year was known
  if (r < 0.16 && dd <= 12 && dd !== m) return `${y}-${pad(dd)}-${pad(m)}`;              // day and month swapped
  if (r < 0.26) { dd = Math.min(daysIn(y, m), Math.max(1, dd + (chance(0.5) ? 1 : -1))); return `${y}-${pad(m)}-${pad(dd)}`; }  // off by a day
  if (r < 0.31) { y = y + (chance(0.5) ? 1 : -1); return `${y}-${pad(m)}-${pad(Math.min(dd, daysIn(y, m)))}`; }  // year slip
  return d;
}
function place(p) {
  const r = rnd();
  if (r < 0.15) return 'KAB. ' + p;
  if (r < 0.22) return 'KOTA ' + p;
  if (r < 0.30) return keyboard(p);
  return p;
}

const inDir = args.in, outDir = args.out;
fs.mkdirSync(outDir, { recursive: true });
const lines = fs.readFileSync(path.join(inDir, 'residents.csv'), 'utf8').split('\n').filter((l) => l.length);
const header = parseCsvLine(lines[0]);
const col = Object.fromEntries(header.map((h, i) => [h, i]));
const truthLines = fs.readFileSync(path.join(inDir, 'truth.csv'), 'utf8').split('\n').filter((l) => l.length);
const personOf = new Map(truthLines.slice(1).map((l) => l.split(',')));
const out = [lines[0]], truth = ['nik,person_id'];
let made = 0;
for (const line of lines.slice(1)) {
  out.push(line);
  const f = parseCsvLine(line);
  truth.push(f[col.nik] + ',' + personOf.get(f[col.nik]));
  const year = parseInt(f[col.birth_date].slice(0, 4), 10);
  if (2024 - year < 17 || !chance(rate)) continue;
  const d = [...f];
  d[col.name] = variant(f[col.name]);
  d[col.birth_date] = date(f[col.birth_date]);
  d[col.birth_place] = place(f[col.birth_place]);
  const mr = rnd();
  if (mr < 0.15) d[col.mother_name] = '';
  else if (mr < 0.30) d[col.mother_name] = f[col.mother_name].replace(/,.*$/, '').split(' ')[0];
  else if (mr < 0.40) d[col.mother_name] = keyboard(f[col.mother_name]);
  const fr = rnd();
  if (fr < 0.12 && f[col.father_name]) { d[col.name] = d[col.name].replace(/,.*$/, '') + (f[col.sex] === 'L' ? ' BIN ' : ' BINTI ') + f[col.father_name].replace(/,.*$/, '').split(' ')[0]; d[col.father_name] = ''; }
  else if (fr < 0.22) d[col.father_name] = '';
  else if (fr < 0.30) d[col.father_name] = spoken(f[col.father_name]);
  if (chance(0.01)) d[col.sex] = f[col.sex] === 'L' ? 'P' : 'L';
  if (d[col.name] === f[col.name] && d[col.birth_date] === f[col.birth_date]) d[col.name] = keyboard(d[col.name]);
  d[col.nik] = '9' + String(Math.floor(rnd() * 1e15)).padStart(15, '0');
  d[col.kk] = '8' + String(Math.floor(rnd() * 1e15)).padStart(15, '0');
  out.push(d.map(field).join(','));
  truth.push(d[col.nik] + ',' + personOf.get(f[col.nik]));
  made++;
}
fs.writeFileSync(path.join(outDir, 'residents.csv'), out.join('\n') + '\n');
fs.writeFileSync(path.join(outDir, 'truth.csv'), truth.join('\n') + '\n');
console.log(`alt_duplicates: ${lines.length - 1} residents, ${made} duplicates written to ${outDir}`);
