#!/usr/bin/env node
// Examples of what a dedup run got wrong, side by side: true pairs it did not match and pairs it
// matched that are two people (issue [12]: so the failure modes of a set can be read).
//   node bench/dedup/failure_examples.mjs --set DIR [--pairs DIR/pairs.csv] [--n 15] [--seed 1]
// DIR holds residents.csv and truth.csv; pairs.csv is what `ktpel dedup --out` wrote.
import fs from 'node:fs';
import path from 'node:path';

const a = process.argv.slice(2);
const arg = (k, d) => { const i = a.indexOf('--' + k); return i >= 0 ? a[i + 1] : d; };
const SET = arg('set');
if (!SET) { console.error('usage: failure_examples.mjs --set DIR [--pairs FILE] [--n 15] [--seed 1]'); process.exit(2); }
const PAIRS = arg('pairs', path.join(SET, 'pairs.csv'));
const NEX = Number(arg('n', 15));
let seed = Number(arg('seed', 1)) >>> 0;
const rnd = () => { seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0; return seed / 4294967296; };

function parseLine(l) { // CSV with quoted fields
  const out = []; let i = 0;
  while (i <= l.length) {
    if (l[i] === '"') {
      let s = ''; i++;
      for (;;) { const j = l.indexOf('"', i); if (l[j + 1] === '"') { s += l.slice(i, j + 1); i = j + 2; } else { s += l.slice(i, j); i = j + 2; break; } }
      out.push(s);
    } else { let j = l.indexOf(',', i); if (j < 0) j = l.length; out.push(l.slice(i, j)); i = j + 1; }
  }
  return out;
}
const lines = (f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean);
const res = lines(path.join(SET, 'residents.csv'));
const head = parseLine(res[0]);
const col = (n) => head.indexOf(n);
const rec = new Map();
for (const l of res.slice(1)) { const c = parseLine(l); rec.set(c[0], c); }
const person = new Map();
for (const l of lines(path.join(SET, 'truth.csv')).slice(1)) { const [n, p] = l.split(','); person.set(n, p); }
const key = (x, y) => (x < y ? x + '|' + y : y + '|' + x);
const matched = new Map(); const reported = new Map();
for (const l of lines(PAIRS).slice(1)) {
  const c = parseLine(l);
  reported.set(key(c[0], c[1]), c);
  if (c[3] === 'match') matched.set(key(c[0], c[1]), c);
}
const byPerson = new Map();
for (const [n, p] of person) { let v = byPerson.get(p); if (!v) byPerson.set(p, v = []); v.push(n); }
const missed = [];
for (const v of byPerson.values()) for (let i = 0; i < v.length; i++) for (let j = i + 1; j < v.length; j++)
  if (!matched.has(key(v[i], v[j]))) missed.push([v[i], v[j]]);
const falses = [...matched.values()].filter((c) => person.get(c[0]) !== person.get(c[1]));
const sample = (arr) => { const c = arr.slice(); for (let i = c.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [c[i], c[j]] = [c[j], c[i]]; } return c.slice(0, NEX); };
const F = ['name', 'sex', 'birth_date', 'birth_place', 'mother_name', 'father_name', 'kk', 'village_code', 'rt', 'rw'];
const show = (n) => { const c = rec.get(n); return `${n} ` + F.map((f) => (f === 'name' ? c[col(f)] : `${f.replace('_name', '').replace('birth_', 'b')}=${c[col(f)]}`)).join(' | '); };
console.log(`${SET}: ${missed.length} true pairs not matched, ${falses.length} false matches`);
console.log(`-- ${Math.min(NEX, missed.length)} missed true pairs (score/decision if listed) --`);
for (const [x, y] of sample(missed)) {
  const r = reported.get(key(x, y));
  console.log(`  [${r ? `${r[2]} ${r[3]}` : 'not listed'}]\n    ${show(x)}\n    ${show(y)}`);
}
console.log(`-- ${Math.min(NEX, falses.length)} false matches (score: explanation) --`);
for (const c of sample(falses)) console.log(`  [${c[2]}: ${c[4] || ''}]\n    ${show(c[0])}\n    ${show(c[1])}`);
