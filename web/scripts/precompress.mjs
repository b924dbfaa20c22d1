// After `vite build`: each text file of dist also as .br and .gz beside it, compressed once at the
// highest levels. `ktpel serve` sends the form a browser accepts as it is; compressing the bundle
// on every request cost 2.5 s of blank page on the office LAN (issue [11]).
// Usage: node scripts/precompress.mjs [DIR=dist]
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = process.argv[2] ?? new URL('../dist', import.meta.url).pathname;
const walk = (dir) => readdirSync(dir).flatMap((n) => {
  const p = join(dir, n);
  return statSync(p).isDirectory() ? walk(p) : [p];
});
let files = 0, before = 0, br = 0;
for (const file of walk(root)) {
  if (!/\.(js|css|html|svg|json|txt)$/.test(file)) continue;
  const bytes = readFileSync(file);
  if (bytes.length < 256) continue;
  const b = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  writeFileSync(`${file}.br`, b);
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  files++, before += bytes.length, br += b.length;
}
console.log(`precompress: ${files} files, ${before} bytes -> ${br} bytes (br)`);
