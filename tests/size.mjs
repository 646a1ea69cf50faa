// Size report of the release build: raw, gzip -9 and brotli -11 bytes of every file in
// dist/, then what each page costs when a reader opens the site on it, checked against
// size-budget.json.
//
// A page's first load is what the browser fetches before the page is drawn: index.html,
// the html, js and css files it references (boot.js, the shared stylesheet), the glue,
// module and own stylesheets (`data-programs` in index.html) of the program that draws the page (`program` in size-budget.json: the site is four
// programs, src/ui/route.rs; the lightest, `imasara`, is the one index.html names, the
// others are `<program>.js` and `<program>_bg.wasm`) and the page's texts in one language: the language files of the bundles
// the page asks for (`Page::bundles` in src/ui/route.rs; size-budget.json lists the same,
// and a native test keeps the two in step), in the language that costs more. The padlock
// page also starts the certificate engine's worker when the reader turns to the input (the
// paste box or a sample gets the focus or is pressed, a file is dragged in); its total with the
// worker is checked too. The mail program comes in two modules (scripts/build-mail.sh): its
// glue imports the small script that can fetch the second (`<program>-split.js`, part of the
// first load), and the page fetches the second (`<program>-later.wasm`: free play, the time
// chart, the handout, the recordings) when it draws the first of them; the page's total
// with it is checked too. Other files (samples, the offline zip, the demo page) load only when asked for.
//
// Exit 1 when a budget is exceeded. Usage: node tests/size.mjs [dist]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const budget = JSON.parse(readFileSync('size-budget.json', 'utf8'));
const KINDS = new Set(['.html', '.js', '.wasm', '.css']);
const WORKER = ['cert-worker.js', 'cert-worker_bg.wasm', 'cert-worker-start.js'];
const index = readFileSync(join(dist, 'index.html'), 'utf8');
const referenced = new Set(['index.html']);
const lightest = {};
// Attribute values quoted or not (the release build's HTML is minified).
const attr = (name) => new RegExp(`\\b${name}=(?:"([^"]*)"|([^\\s>"]+))`);
const fileOf = (value) => value.replace(/^\.?\//, '').replace(/[#?].*$/, '');
for (const m of index.matchAll(/(href|src|data-js|data-wasm)=(?:"([^"]*)"|([^\s>"]+))/g)) {
  const file = fileOf(m[2] ?? m[3]);
  if (m[1] === 'data-js' || m[1] === 'data-wasm') lightest[m[1]] = file;
  else referenced.add(file);
}
// A stylesheet with `data-programs` loads with those programs only (static/boot.js).
const stylesOf = {}; // program → its own stylesheets
for (const [tag] of index.matchAll(/<link\b[^>]*>/g)) {
  const programs = tag.match(attr('data-programs'));
  const href = tag.match(attr('href'));
  if (!programs || !href) continue;
  const file = fileOf(href[1] ?? href[2]);
  referenced.delete(file);
  for (const program of (programs[1] ?? programs[2]).split(/\s+/)) (stylesOf[program] ??= []).push(file);
}
// A program split in two: the script its glue imports, and the module fetched after the page.
const exists = (file) => {
  try {
    return statSync(join(dist, file)).isFile();
  } catch {
    return false;
  }
};
const splitScript = (program) => (exists(`${program}-split.js`) ? [`${program}-split.js`] : []);
const laterFiles = (program) => (exists(`${program}-later.wasm`) ? [`${program}-later.wasm`] : []);
// The glue and module of each program.
const programFiles = (program) =>
  program === 'imasara'
    ? [lightest['data-js'], lightest['data-wasm']]
    : [`${program}.js`, `${program}_bg.wasm`, ...splitScript(program), ...(stylesOf[program] ?? [])];
const programs = new Set(Object.values(budget.pages).map((page) => page.program));
const programOf = new Map(); // file → the programs it loads with
for (const program of programs) {
  for (const file of programFiles(program)) {
    programOf.set(file, programOf.has(file) ? `${programOf.get(file)}, ${program}` : program);
  }
}
const languageFile = (file) => file.match(/^locales\/([a-z_]+)\.([a-z]+)\.txt$/);
const isShell = (file) => referenced.has(file) && KINDS.has(extname(file));

function* files(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

const KEYS = ['raw', 'gzip', 'brotli'];
const zero = () => ({ raw: 0, gzip: 0, brotli: 0 });
const add = (total, row) => KEYS.forEach((k) => (total[k] += row[k]));

const rows = [];
const shell = zero();
const texts = {}; // texts[bundle][lang] = row
for (const path of files(dist)) {
  const body = readFileSync(path);
  const file = relative(dist, path);
  const row = {
    file,
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }).length,
  };
  rows.push(row);
  if (isShell(file)) {
    row.note = 'every page';
    add(shell, row);
  }
  if (programOf.has(file)) row.note = `program ${programOf.get(file)}`;
  const lang = languageFile(file);
  if (lang) {
    row.note = 'with the pages that need it';
    (texts[lang[1]] ??= {})[lang[2]] = row;
  }
  if (WORKER.includes(file)) row.note = '#/cert, when the reader turns to the input';
  for (const program of programs) {
    if (laterFiles(program).includes(file)) row.note = `program ${program}, after its page`;
  }
}
if (Object.keys(texts).length === 0) {
  console.error(`No language files (locales/<bundle>.<lang>.txt) in ${dist}.`);
  process.exit(1);
}

const fmt = (n) => n.toLocaleString('en-US');
const width = Math.max(...rows.map((r) => r.file.length), 'file'.length) + 2;
const line = (name, r, note = '') =>
  `${name.padEnd(width)}${KEYS.map((k) => fmt(r[k]).padStart(11)).join('')}${note ? `  ${note}` : ''}`;
console.log(`${'file'.padEnd(width)}${KEYS.map((k) => k.padStart(11)).join('')}`);
for (const r of rows) console.log(line(r.file, r, r.note ?? '(only when asked for)'));
console.log(line('(every page: html, boot.js, style)', shell));

const problems = [];
console.log(`\nper page, opened directly (brotli budget in size-budget.json):`);
for (const [route, page] of Object.entries(budget.pages)) {
  // The page's texts in the language that costs more.
  const langs = new Set(page.bundles.flatMap((b) => Object.keys(texts[b] ?? {})));
  let words = null;
  for (const lang of langs) {
    const sum = zero();
    for (const bundle of page.bundles) {
      const row = texts[bundle]?.[lang];
      if (!row) {
        problems.push(`${route}: no locales/${bundle}.${lang}.txt`);
        continue;
      }
      add(sum, row);
    }
    if (!words || sum.brotli > words.sum.brotli) words = { lang, sum };
  }
  const total = zero();
  add(total, shell);
  add(total, words.sum);
  for (const file of programFiles(page.program)) {
    const row = rows.find((r) => r.file === file);
    if (!row) problems.push(`${route}: no ${file} (program ${page.program})`);
    else add(total, row);
  }
  const goal = (g) => (g ? `, goal ${fmt(g)}` : '');
  console.log(line(`${route} first load`, total, `(${page.program}; texts: ${page.bundles.join(', ')} in ${words.lang}) budget ${fmt(page.first_load_brotli_bytes)}${goal(page.goal_brotli_bytes)}`));
  if (total.brotli > page.first_load_brotli_bytes) {
    problems.push(`${route}: first load ${fmt(total.brotli)} > ${fmt(page.first_load_brotli_bytes)}`);
  }
  if (page.with_later_brotli_bytes) {
    const later = { ...total };
    const files = laterFiles(page.program);
    if (files.length === 0) problems.push(`${route}: no ${page.program}-later.wasm`);
    for (const file of files) add(later, rows.find((r) => r.file === file));
    console.log(line(`${route} with its later parts`, later, `budget ${fmt(page.with_later_brotli_bytes)}`));
    if (later.brotli > page.with_later_brotli_bytes) {
      problems.push(`${route}: with its later parts ${fmt(later.brotli)} > ${fmt(page.with_later_brotli_bytes)}`);
    }
  }
  if (page.with_worker_brotli_bytes) {
    for (const file of WORKER) {
      const row = rows.find((r) => r.file === file);
      if (!row) problems.push(`${route}: no ${file}`);
      else add(total, row);
    }
    console.log(line(`${route} with its worker`, total, `budget ${fmt(page.with_worker_brotli_bytes)}${goal(page.with_worker_goal_brotli_bytes)}`));
    if (total.brotli > page.with_worker_brotli_bytes) {
      problems.push(`${route}: with the worker ${fmt(total.brotli)} > ${fmt(page.with_worker_brotli_bytes)}`);
    }
  }
}
if (problems.length) {
  console.error(`\nOver budget (size-budget.json):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('\nEvery page within its budget (size-budget.json).');
