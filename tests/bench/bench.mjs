// The padlock page against its peer, in one headless Chromium run (`make bench`; not part
// of the tests: numbers belong in a benchmark, not in a timed test).
//
// For each input it measures, on the release build in dist/:
//   - pkijs 4 + asn1js 4 (the library behind Firefox's certificate viewer and x509.io):
//     PEM text → DER → pkijs.Certificate for every block, parse only, on a blank page;
//   - imasara: paste (one input event) → verdict shown (the verdict line in the DOM and the
//     frame that draws it done; see `painted`), with the engine's Web Worker already
//     running (the first paste of a visit also starts the worker: reported once, as
//     "cold", and once more on a new page whose paste box was focused a second before, as
//     a reader does: the worker starts then);
//   - the worker's answer: from the page's posting of the text to the page receiving the
//     worker's first message (a part of a long answer, or the answer): the worker's time,
//     and whatever held the page's thread meanwhile (laying out a text left in the box),
//     but no wait for a frame as in "shown"; and the range of the runs' "shown";
//   - the longest main-thread task (PerformanceObserver "longtask") from the paste until
//     the page has been idle for a second, and how many tasks took over 50 ms; and the
//     longest frame ("long-animation-frame": a task with the style, layout and paint work
//     of the frame it ends in, which "longtask" leaves out: a paste's text laid out in the
//     box, a layout a script forces);
//   - the same while the date slider moves (every judgement again, 20 steps);
//   - long pastes up to the paste limit (the root bundle 5 and 48 times over: 1.1 MB and
//     720 certificates, 10.5 MB and the 2,000 read), given as a real paste arrives: a
//     `paste` event with the text in its clipboard data (made beforehand, as the browser
//     holds the clipboard), into the empty box; the same figures (once each);
//   - the mail page playing a scenario at 60× for 20 s with the CPU slowed 4× (CDP), then
//     free play on its live clock at 60× for 20 s, the same way.
// Each figure is the median of RUNS runs. Output: Markdown tables on stdout and in
// bench/results.md (kept in the repository, so a change's effect shows in its diff), with
// the date, the machine (cores, CPU, Chromium) and the sizes of the build it measured.
//
// Inputs: the system's root bundle (/etc/ssl/certs/ca-certificates.crt: Debian's
// ca-certificates, 144 roots at the time of writing), badssl.com's certificate with 10,000
// names (tests/fixtures), and 1, 10, 100, 1,000 and 2,000 (as many as the page reads: the
// paste limit) distinct self-signed certificates made
// with openssl for the scaling table, all with one P-256 key (the case that once made the
// engine check a signature for every pair; cached in target/bench/).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'target/bench');
const RUNS = Number(process.env.RUNS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 4190);
mkdirSync(OUT, { recursive: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1)) + ' ms';

/** `count` distinct self-signed P-256 certificates as one PEM text (made once, cached). */
function generated(count) {
  const file = join(OUT, `generated-${count}.pem`);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const key = join(OUT, 'generated.key');
  if (!existsSync(key)) {
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
  }
  let text = '';
  for (let i = 0; i < count; i++) {
    text += execFileSync('openssl', [
      'req', '-x509', '-key', key, '-subj', `/CN=bench-${i}.example`, '-days', '3650',
      '-set_serial', String(i + 1), '-addext', `subjectAltName=DNS:bench-${i}.example`,
    ]).toString();
  }
  writeFileSync(file, text);
  return text;
}

const inputs = [
  { name: `Debian's root bundle (${(readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8').match(/BEGIN CERT/g) ?? []).length} certificates)`, text: readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8'), slider: true },
  { name: "badssl's 10,000-name certificate", text: readFileSync(join(ROOT, 'tests/fixtures/cert/badssl/subdomain-10000-sans.pem'), 'utf8'), slider: true },
];
const rootBundle = readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8');
const longPastes = [5, 48].map((times) => ({
  name: `the root bundle ${times} times over (${(rootBundle.length * times / 1e6).toFixed(1)} MB)`,
  text: rootBundle.repeat(times),
}));
const scaling = [1, 10, 100, 1000, 2000].map((n) => ({ name: `${n} certificate${n > 1 ? 's' : ''}`, count: n, text: generated(2000).split(/(?<=-----END CERTIFICATE-----\n)/).slice(0, n).join('') }));

const server = spawn('node', [join(ROOT, 'tests/e2e/serve.mjs'), join(ROOT, 'dist'), '/', String(PORT)], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((ready) => server.stdout.once('data', ready));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});

try {
  // pkijs, on a blank page (no CSP there to refuse the bundled script).
  const peer = await browser.newPage();
  await peer.goto('about:blank');
  const bundle = esbuild.buildSync({
    entryPoints: [join(ROOT, 'tests/bench/pkijs-entry.mjs')],
    bundle: true,
    format: 'iife',
    minify: true,
    write: false,
  }).outputFiles[0].text;
  await peer.addScriptTag({ content: bundle });
  /** Median parse time, and how many blocks pkijs could not parse (with its error). */
  const pkijs = async (text) => {
    const runs = [];
    for (let i = 0; i < RUNS + 1; i++) {
      runs.push(
        await peer.evaluate((t) => {
          const start = performance.now();
          const { failed } = globalThis.pkijsParsePem(t);
          return { ms: performance.now() - start, failed };
        }, text),
      );
    }
    const failed = runs[0].failed;
    return { ms: median(runs.slice(1).map((r) => r.ms)), failed }; // the first run warms the JIT
  };
  const peerCell = ({ ms: t, failed }) =>
    failed.length ? `${ms(t)}, and fails on ${failed.length} (“${failed[0]}”)` : ms(t);

  // What runs inside the padlock page, installed on each page the benchmark opens: watching
  // long tasks and frames ("longtask", "long-animation-frame") until the page has been idle
  // for a second, waiting for a condition of the page, waiting for the next painted frame.
  const installHelpers = () => {
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    globalThis.__bench = {
      sleep,
      watch() {
        const tasks = [];
        const frames = [];
        const longtasks = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
        longtasks.observe({ type: 'longtask' });
        const longframes = new PerformanceObserver((list) => frames.push(...list.getEntries().map((e) => e.duration)));
        longframes.observe({ type: 'long-animation-frame' });
        return {
          async idle() {
            let seen = -1;
            while (seen !== tasks.length + frames.length) {
              seen = tasks.length + frames.length;
              await sleep(1000);
            }
          },
          stop() {
            longtasks.disconnect();
            longframes.disconnect();
            return { longest: Math.max(0, ...tasks), over50: tasks.filter((d) => d > 50).length, frame: Math.max(0, ...frames) };
          },
        };
      },
      /** Until the engine's worker has settled every request (at most 20 s). */
      async settled() {
        const worker = () => globalThis.__worker;
        for (let waited = 0; waited < 20_000 && worker() && (worker().__settled ?? 0) < worker().__sent; waited += 100) {
          await sleep(100);
        }
      },
      until(done) {
        return new Promise((resolve) => {
          const check = () => done() && (observer.disconnect(), resolve());
          const observer = new MutationObserver(check);
          observer.observe(document.body, { subtree: true, childList: true, attributes: true });
          check();
        });
      },
      // The next frame drawn: from inside its animation-frame callback, a task of the
      // highest priority (`scheduler.postTask`, "user-blocking") runs once that frame's
      // style, layout and paint are done, before the tasks the page queued meanwhile. A
      // plain `setTimeout` there ran after those: after the padlock page's own task that
      // draws the report below a large input's verdict (`show_reading`), which the issue
      // lets follow the verdict, so its time was counted as the verdict's (until
      // 2026-12-05, 08:00 UTC). Measured side by side on the root bundle, this agrees with
      // the Element Timing API's presentation time of the verdict line within a
      // millisecond (42 ms; the plain `setTimeout` 53 ms).
      painted: () =>
        new Promise((r) =>
          requestAnimationFrame(() =>
            globalThis.scheduler?.postTask
              ? globalThis.scheduler.postTask(r, { priority: 'user-blocking' })
              : setTimeout(r, 0),
          ),
        ),
    };
  };
  // Each run starts with the engine's worker idle: after an answer the worker still checks
  // the self-signatures the answer did not wait for (2,000 of them take it about two
  // seconds), and a paste that comes meanwhile replaces the busy worker with a fresh one
  // (src/ui/pages/cert/engine.rs), which would be measured instead. The page's requests and
  // the worker's `Settled` messages (postcard: the variant's index, 4, then the id) are
  // counted per worker.
  const watchWorker = () => {
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (...args) {
      this.__sent = (this.__sent ?? 0) + 1;
      this.__postedAt = performance.now();
      this.__answeredAfter = null;
      globalThis.__worker = this;
      return post.apply(this, args);
    };
    const own = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage');
    Object.defineProperty(Worker.prototype, 'onmessage', {
      configurable: true,
      get: own.get,
      set(handler) {
        // Registered before the page's handler, so that it sees a message first.
        if (!this.__watched) {
          this.__watched = true;
          this.addEventListener('message', (e) => {
            this.__answeredAfter ??= performance.now() - this.__postedAt;
            if (e.data instanceof Uint8Array && e.data[0] === 4 && e.data.byteLength <= 6) {
              this.__settled = (this.__settled ?? 0) + 1;
            }
          });
        }
        own.set.call(this, handler);
      },
    });
  };
  /** Opens the padlock page on a new tab, ready to measure. */
  const padlockPage = async () => {
    const opened = await browser.newPage();
    await opened.addInitScript(watchWorker);
    await opened.goto(`http://127.0.0.1:${PORT}/#/cert?lang=en&at=2026-06-15`);
    await opened.waitForSelector('html[data-ready="true"]');
    await opened.evaluate(installHelpers);
    return opened;
  };

  // imasara, the release build.
  const page = await padlockPage();
  /** One input event with the whole text (as a paste makes), on an emptied box. */
  const pasteIn = (target, text) =>
    target.evaluate(async (t) => {
      const { watch, until, painted, settled, sleep } = globalThis.__bench;
      const area = document.querySelector('#cert-paste');
      const give = (value) => {
        area.value = value;
        area.dispatchEvent(new Event('input', { bubbles: true }));
      };
      give('');
      await until(() => !document.querySelector('.verdict-line'));
      await settled();
      await sleep(200);
      const watching = watch();
      const start = performance.now();
      give(t);
      await until(() => document.querySelector('.verdict-line[data-verdict]'));
      await painted();
      const shown = performance.now() - start;
      // The worker's first message after the page posted the text (a part or the answer).
      const answered = globalThis.__worker?.__answeredAfter ?? NaN;
      await watching.idle();
      return { shown, answered, ...watching.stop() };
    }, text);
  const paste = (text) => pasteIn(page, text);
  /** A paste event into the empty box, its clipboard data made in an earlier task. */
  const pasteEvent = async (text) => {
    await page.evaluate((t) => {
      const area = document.querySelector('#cert-paste');
      area.value = '';
      area.dispatchEvent(new Event('input', { bubbles: true }));
      globalThis.__clipboard = new DataTransfer();
      globalThis.__clipboard.setData('text/plain', t);
    }, text);
    await page.waitForTimeout(500);
    return page.evaluate(async () => {
      const { watch, until, painted, settled, sleep } = globalThis.__bench;
      await settled();
      const watching = watch();
      await sleep(100);
      const area = document.querySelector('#cert-paste');
      const start = performance.now();
      area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: globalThis.__clipboard, bubbles: true, cancelable: true }));
      const handler = performance.now() - start;
      await until(() => document.querySelector('.verdict-line[data-verdict]'));
      await painted();
      const shown = performance.now() - start;
      await watching.idle();
      delete globalThis.__clipboard;
      return { handler, shown, ...watching.stop() };
    });
  };
  /** The date slider moved through 20 dates, 50 ms apart. */
  const slide = () =>
    page.evaluate(async () => {
      const { watch, sleep } = globalThis.__bench;
      const slider = document.querySelector('#cert-at-slider');
      const watching = watch();
      const min = Number(slider.min);
      const max = Number(slider.max);
      for (let i = 0; i <= 20; i++) {
        slider.value = String(Math.round(min + ((max - min) * i) / 20));
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        await sleep(50);
      }
      await sleep(1000);
      return watching.stop();
    });
  const imasara = async (text, withSlider) => {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await paste(text));
    const slider = withSlider ? await slide() : null;
    return {
      shown: median(runs.map((r) => r.shown)),
      range: [Math.min(...runs.map((r) => r.shown)), Math.max(...runs.map((r) => r.shown))],
      answered: median(runs.map((r) => r.answered)),
      longest: Math.max(...runs.map((r) => r.longest)),
      over50: Math.max(...runs.map((r) => r.over50)),
      frame: Math.max(...runs.map((r) => r.frame)),
      slider,
    };
  };

  const cold = await paste(inputs[0].text);
  // A reader focuses the paste box before pasting, and the page starts its worker then
  // (src/ui/pages/cert/engine.rs, `warm_up`): the first paste a second later, on a new page.
  const readerPage = await padlockPage();
  await readerPage.focus('#cert-paste');
  await readerPage.waitForTimeout(1000);
  const focusedFirst = await pasteIn(readerPage, inputs[0].text);
  await readerPage.close();
  const rows = [];
  for (const input of inputs) {
    const peerMs = await pkijs(input.text);
    const ours = await imasara(input.text, input.slider);
    rows.push({ input, peerMs, ours });
    console.error(`${input.name}: pkijs ${peerCell(peerMs)}, imasara ${ms(ours.shown)}`);
  }
  const long = [];
  for (const input of longPastes) {
    const ours = await pasteEvent(input.text);
    long.push({ input, ours });
    console.error(`${input.name}: paste handler ${ms(ours.handler)}, shown ${ms(ours.shown)}, longest task ${ms(ours.longest)}`);
  }
  const scaled = [];
  for (const input of scaling) {
    const peerMs = await pkijs(input.text);
    const ours = await imasara(input.text, false);
    scaled.push({ input, peerMs, ours });
    console.error(`${input.name}: pkijs ${peerCell(peerMs)}, imasara ${ms(ours.shown)}`);
  }

  // The mail page: the reader's own case playing at 60×, predictions answered as they
  // come, for 20 s, with the CPU slowed 4× (Chrome DevTools' throttling, over CDP).
  const mail = await browser.newPage();
  await mail.goto(`http://127.0.0.1:${PORT}/#/mail?lang=en&speed=60`);
  await mail.waitForSelector('html[data-ready="true"]');
  const cdp = await mail.context().newCDPSession(mail);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await mail.evaluate(() => {
    globalThis.__tasks = [];
    new PerformanceObserver((list) => globalThis.__tasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    globalThis.__frames = [];
    new PerformanceObserver((list) => globalThis.__frames.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'long-animation-frame' });
  });
  // The driving is done by small scripts in the page, not by Playwright's role and text
  // locators: those search the whole page, on its main thread, and with the CPU slowed 4×
  // each search was itself a task of 100–400 ms that the observer counted against the page.
  /** Clicks the button of `scope` whose text (less a leading symbol) is `name`. */
  const press = async (scope, name) => {
    const found = await mail.evaluate(
      ([scope, name]) => {
        const button = [...document.querySelectorAll(`${scope} button`)].find(
          (b) => b.textContent.replace(/^[^A-Za-z0-9]+/, '').trim() === name,
        );
        button?.click();
        return Boolean(button);
      },
      [scope, name],
    );
    if (!found) throw new Error(`bench: no button “${name}” in ${scope}`);
  };
  await press('section.player', 'Play');
  const mailUntil = Date.now() + 20_000;
  while (Date.now() < mailUntil) {
    await mail.evaluate(() => {
      const player = document.querySelector('section.player');
      const answer = player?.querySelector('[role=group] button');
      if (answer && answer.offsetParent) answer.click();
      else if (player?.textContent.includes('End of this scenario.')) {
        [...player.querySelectorAll('button')].find((b) => b.textContent.includes('Play'))?.click();
      }
    });
    await mail.waitForTimeout(250);
  }
  const mailTasks = await mail.evaluate(() => globalThis.__tasks);
  const mailFrames = await mail.evaluate(() => globalThis.__frames);
  // Free play on its live clock at 60×: receive, send and spam every few seconds, so the
  // allowlist counts down and the time chart grows while the clock runs.
  await mail.evaluate(() => { globalThis.__tasks = []; globalThis.__frames = []; });
  await press('section.free-play', '60×');
  const freeUntil = Date.now() + 20_000;
  for (let i = 0; Date.now() < freeUntil; i++) {
    await press('section.free-play', ['Receive mail', 'Send mail', 'Send as spammer'][i % 3]);
    await mail.waitForTimeout(2000);
  }
  const freeTasks = await mail.evaluate(() => globalThis.__tasks);
  const freeFrames = await mail.evaluate(() => globalThis.__frames);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  console.error(`free play at 60×, CPU 4× slower, 20 s: ${freeTasks.filter((d) => d > 50).length} tasks over 50 ms, longest ${ms(Math.max(0, ...freeTasks))}`);
  console.error(`mail page at 60×, CPU 4× slower, 20 s: ${mailTasks.filter((d) => d > 50).length} tasks over 50 ms, longest ${ms(Math.max(0, ...mailTasks))}`);

  const version = execFileSync(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--version']).toString().trim();
  const lines = [
    '| input | pkijs, parse only | imasara, paste → verdict shown (the runs\' range) | ratio | the worker\'s answer (post → first message) | longest main-thread task | tasks over 50 ms | longest frame (task + drawing) | moving the date slider (20 steps): longest task, frame |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(({ input, peerMs, ours }) =>
      `| ${input.name} | ${peerCell(peerMs)} | ${ms(ours.shown)} (${ms(ours.range[0]).replace(' ms', '')}–${ms(ours.range[1])}) | ${(peerMs.ms / ours.shown).toFixed(1)}× | ${ms(ours.answered)} | ${ms(ours.longest)} | ${ours.over50} | ${ms(ours.frame)} | ${ours.slider ? `${ms(ours.slider.longest)}, ${ms(ours.slider.frame)}` : '–'} |`,
    ),
    '',
    '"Shown" means painted: the page posts the text to its worker, draws the verdict when the answer comes, and the browser paints it in its next frame (at 60 Hz, up to 16.7 ms later), so a median moves by up to a frame from run to run. The worker\'s answer is measured from the page\'s posting of the text to the page receiving the worker\'s first message: the worker\'s time, and whatever held the page\'s thread meanwhile (a text under 64,000 characters stays in the box, and the browser lays it out), but no frame.',
    '',
    'Frames and tasks under 50 ms are not reported by Chromium: 0.0 ms means none over 50 ms.',
    '',
    `The first paste of a visit also starts the engine's worker: ${ms(cold.shown)} for the root bundle; ${ms(focusedFirst.shown)} when the paste box was focused a second before (the worker starts then).`,
    '',
    '| distinct certificates (one key) | pkijs, parse only | imasara, paste → verdict shown | per certificate | the worker\'s answer | longest main-thread task | longest frame |',
    '|---|---|---|---|---|---|---|',
    ...scaled.map(({ input, peerMs, ours }) =>
      `| ${input.count} | ${peerCell(peerMs)} | ${ms(ours.shown)} | ${ms(ours.shown / input.count)} | ${ms(ours.answered)} | ${ms(ours.longest)} | ${ms(ours.frame)} |`,
    ),
  ];
  lines.push(
    '',
    '| a long paste (a paste event into the empty box) | the page\'s paste handler | paste → verdict shown | longest main-thread task | tasks over 50 ms | longest frame |',
    '|---|---|---|---|---|---|',
    ...long.map(({ input, ours }) =>
      `| ${input.name} | ${ms(ours.handler)} | ${ms(ours.shown)} | ${ms(ours.longest)} | ${ours.over50} | ${ms(ours.frame)} |`,
    ),
    '',
    `The mail page, the reader's own case playing at 60× for 20 s with the CPU slowed 4×: ${mailTasks.filter((d) => d > 50).length} tasks over 50 ms, the longest ${ms(Math.max(0, ...mailTasks))}; ${mailFrames.length} frames over 50 ms, the longest ${ms(Math.max(0, ...mailFrames))}.`,
    '',
    `Free play on its live clock at 60× for 20 s (receive, send, spam every 2 s) with the CPU slowed 4×: ${freeTasks.filter((d) => d > 50).length} tasks over 50 ms, the longest ${ms(Math.max(0, ...freeTasks))}; ${freeFrames.length} frames over 50 ms, the longest ${ms(Math.max(0, ...freeFrames))}.`,
  );
  // The build measured: its code and styles, raw, gzip -9 and brotli -11.
  const dist = join(ROOT, 'dist');
  const built = readdirSync(dist)
    .filter((f) => /\.(wasm|js|css)$/.test(f) && !f.startsWith('embed'))
    .sort()
    .map((f) => {
      const bytes = readFileSync(join(dist, f));
      const gz = gzipSync(bytes, { level: 9 }).length;
      const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
      return `| \`${f.replace(/-[0-9a-f]{1,16}/, '-…')}\` | ${bytes.length.toLocaleString('en')} | ${gz.toLocaleString('en')} | ${br.toLocaleString('en')} |`;
    });
  const cpu = cpus();
  lines.unshift(
    '# Benchmark results',
    '',
    `Written by \`make bench\` (tests/bench/bench.mjs) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${cpu.length} cores (${cpu[0]?.model ?? 'unknown CPU'}), ${version}, headless; ${RUNS} runs each, medians; longest task = the worst run.`,
    '',
  );
  lines.push('', '| file of the measured build | raw | gzip -9 | brotli -11 |', '|---|---:|---:|---:|', ...built);
  const report = lines.join('\n') + '\n';
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results.md'), report);
  process.stdout.write(report);
} finally {
  await browser.close();
  server.kill();
}
