// A tiny static server for the end-to-end tests: serves a folder under a sub-path, the
// way a course site or a static host would, with the right MIME types (wasm included).
// Usage: node tests/e2e/serve.mjs DIR PREFIX PORT   e.g. dist /courses/net/imasara/ 4173
//
// It also serves the folder under /faults/<fault>/<token>/, where one file fails the first
// time it is asked for under that token, then is served as usual. The tests of what the
// page does when its certificate engine fails use these: Playwright cannot reliably
// intercept what a Web Worker fetches (microsoft/playwright#6403), a server can.
//   engine-missing: the worker's module (cert-worker_bg.wasm) is not found;
//   engine-dies:    the worker starts, then dies on the first message it gets;
//   engine-stale:   a worker of another build (a stale cached copy): it starts, but its
//                   answers are in a message format this page cannot read;
//   engine-busy:    the worker starts, then never answers (an input that takes forever).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const [dir = 'dist', prefix = '/', port = '4173'] = process.argv.slice(2);
const root = resolve(dir);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.pem': 'text/plain; charset=utf-8',
  '.der': 'application/octet-stream',
};

const FAULTS = {
  'engine-missing': { file: 'cert-worker_bg.wasm', status: 404, type: 'text/plain', body: 'not found' },
  'engine-dies': {
    file: 'cert-worker-start.js',
    status: 200,
    type: types['.js'],
    body: "postMessage('ready'); onmessage = () => { throw new Error('the engine stopped (test)'); };",
  },
  'engine-stale': {
    file: 'cert-worker-start.js',
    status: 200,
    type: types['.js'],
    body: "postMessage('ready'); onmessage = () => { const old = new Uint8Array([0xff, 0xff, 0xff, 0x7f, 0x00]); postMessage(old, [old.buffer]); };",
  },
};
FAULTS['engine-busy'] = {
  file: 'cert-worker-start.js',
  status: 200,
  type: types['.js'],
  body: "postMessage('ready'); onmessage = () => {};",
};
const failedOnce = new Set();

// The headers a static host sends from dist/_headers (static/_headers): the rules for
// `/*`, the only path it names, are sent with every file, as Netlify or Cloudflare Pages
// would. Among them the Content-Security-Policy that governs the certificate worker.
async function siteHeaders() {
  const text = await readFile(join(root, '_headers'), 'utf8');
  const headers = {};
  let inAll = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (!/^\s/.test(line)) {
      inAll = line.trim() === '/*';
      continue;
    }
    const colon = line.indexOf(':');
    if (inAll && colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  if (!headers['content-security-policy']) throw new Error('dist/_headers has no Content-Security-Policy for /*');
  return headers;
}
const HEADERS = await siteHeaders();

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  let rest;
  const fault = url.pathname.match(/^\/faults\/([a-z-]+)\/([\w-]+)\/(.*)$/);
  if (fault && FAULTS[fault[1]]) {
    const [, name, token, file] = fault;
    const f = FAULTS[name];
    if (file === f.file && !failedOnce.has(token)) {
      failedOnce.add(token);
      res.writeHead(f.status, { ...HEADERS, 'content-type': f.type }).end(f.body);
      return;
    }
    rest = file;
  } else if (url.pathname.startsWith(prefix)) {
    rest = url.pathname.slice(prefix.length);
  } else {
    res.writeHead(404).end('not under ' + prefix);
    return;
  }
  let path = normalize(join(root, decodeURIComponent(rest)));
  if (!path.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  try {
    if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
    const body = await readFile(path);
    res.writeHead(200, { ...HEADERS, 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
}).listen(Number(port), '127.0.0.1', () => {
  console.log(`serving ${root} at http://127.0.0.1:${port}${prefix}`);
});
