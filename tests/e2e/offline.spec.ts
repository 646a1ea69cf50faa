// The offline copy: unzip dist/imasara-offline.zip, serve it with the one-line Python server
// its OFFLINE.txt documents, and use it.
import { test, expect } from './fixtures';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PORT = 4180;
let server: ChildProcess;
let folder: string;

test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'imasara-offline-'));
  execFileSync('python3', ['-m', 'zipfile', '-e', 'dist/imasara-offline.zip', dir]);
  folder = join(dir, 'imasara');
  // Exactly the command OFFLINE.txt tells teachers to run.
  server = spawn('python3', ['-m', 'http.server', String(PORT), '--bind', '127.0.0.1'], { cwd: folder, stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(`http://127.0.0.1:${PORT}/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('the offline server did not start');
});

test.afterAll(() => server?.kill());

test('the offline zip unpacks into a working site', async ({ browser }) => {
  expect(readFileSync(join(folder, 'OFFLINE.txt'), 'utf8')).toContain('python3 -m http.server 8000 --bind 127.0.0.1');
  const context = await browser.newContext({ offline: false });
  const page = await context.newPage();
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(`http://127.0.0.1:${PORT}/`)) foreign.push(r.url());
  });
  await page.goto(`http://127.0.0.1:${PORT}/#/mail?lang=ja`);
  await page.waitForSelector('html[data-ready="true"]');
  await expect(page.locator('main h1')).toContainText('メールを送れないのはなぜ');
  await page.getByRole('link', { name: '鍵マーク', exact: true }).click();
  await expect(page.locator('main h1')).toContainText('鍵マークは本当に安全');
  expect(foreign).toEqual([]);
  await context.close();
});
