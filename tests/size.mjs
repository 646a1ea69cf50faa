// Size report of the release build: raw, gzip -9 and brotli -11 bytes of every file in
// dist/, and the first-load total checked against size-budget.json. The first load is
// index.html, the html, js, wasm and css files it references (boot.js, the glue, the
// module, the stylesheets) and one language file (locales/*.txt; the larger one is
// counted). Other files (the certificate engine's worker, samples, the offline zip, the
// demo page) load only when asked for.
// Exit 1 when the budget is exceeded. Usage: node tests/size.mjs [dist]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const budget = JSON.parse(readFileSync('size-budget.json', 'utf8'));
const KINDS = new Set(['.html', '.js', '.wasm', '.css']);
const index = readFileSync(join(dist, 'index.html'), 'utf8');
const referenced = new Set(['index.html']);
// Attribute values quoted or not (the release build's HTML is minified).
for (const m of index.matchAll(/(?:href|src|data-js|data-wasm)=(?:"([^"]*)"|([^\s>"]+))/g)) {
  referenced.add((m[1] ?? m[2]).replace(/^\.?\//, '').replace(/[#?].*$/, ''));
}
const isLanguageFile = (file) => /^locales\/[a-z]+\.txt$/.test(file);
const isFirstLoad = (file) => referenced.has(file) && KINDS.has(extname(file));

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

const rows = [];
const total = { raw: 0, gzip: 0, brotli: 0 };
for (const path of files(dist)) {
  const body = readFileSync(path);
  const row = {
    file: relative(dist, path),
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }).length,
    firstLoad: isFirstLoad(relative(dist, path)),
  };
  rows.push(row);
  if (row.firstLoad) for (const k of Object.keys(total)) total[k] += row[k];
}
// The reader's language: the larger file is counted.
const language = rows
  .filter((r) => isLanguageFile(r.file))
  .sort((a, b) => b.brotli - a.brotli)[0];
if (!language) {
  console.error(`No language file (locales/*.txt) in ${dist}.`);
  process.exit(1);
}
language.firstLoad = true;
for (const k of Object.keys(total)) total[k] += language[k];

const fmt = (n) => n.toLocaleString('en-US');
const width = Math.max(...rows.map((r) => r.file.length), 'first load'.length);
console.log(`${'file'.padEnd(width)}  ${'raw'.padStart(10)}  ${'gzip'.padStart(10)}  ${'brotli'.padStart(10)}`);
for (const r of rows) {
  const mark = r.firstLoad ? '' : '  (not in first load)';
  console.log(`${r.file.padEnd(width)}  ${fmt(r.raw).padStart(10)}  ${fmt(r.gzip).padStart(10)}  ${fmt(r.brotli).padStart(10)}${mark}`);
}
console.log(`${'first load'.padEnd(width)}  ${fmt(total.raw).padStart(10)}  ${fmt(total.gzip).padStart(10)}  ${fmt(total.brotli).padStart(10)}`);

const limit = budget.first_load_brotli_bytes;
if (total.brotli > limit) {
  console.error(`\nFirst load is ${fmt(total.brotli)} bytes brotli, over the budget of ${fmt(limit)} (size-budget.json).`);
  process.exit(1);
}
console.log(`\nWithin budget: ${fmt(total.brotli)} of ${fmt(limit)} bytes brotli (size-budget.json).`);
