// Handouts: a scenario printed as annotated steps, a certificate report printed fully
// expanded. Printed to PDF by Chromium and read back with pdftotext (poppler-utils).
import { test, expect, open } from './fixtures';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

function pdfText(path: string) {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

test('a scenario prints as a sequence of annotated steps', async ({ page }) => {
  await open(page, '#/mail?scenario=own_case&lang=en');
  await expect(page.getByRole('button', { name: 'Print handout' })).toBeVisible();
  mkdirSync('artifacts', { recursive: true });
  await page.pdf({ path: 'artifacts/handout-mail-en.pdf', format: 'A4' });
  const text = pdfText('artifacts/handout-mail-en.pdf');
  expect(text).toContain('Handout');
  expect(text).toMatch(/Step 1 of \d+ — simulated time 00:00/);
  expect(text).toMatch(/Step 4 of \d+/);
  expect(text).toContain('Relay access denied');
  expect(text).toContain('Allowlist after this step:');
  expect(text).toMatch(/203\.0\.113\.7 \(\d\d:\d\d left\)/);
  // Controls are not printed.
  expect(text).not.toContain('Print handout');
});

test('the handout prints in Japanese too', async ({ page }) => {
  await open(page, '#/mail?scenario=own_case&lang=ja');
  await page.pdf({ path: 'artifacts/handout-mail-ja.pdf', format: 'A4' });
  const text = pdfText('artifacts/handout-mail-ja.pdf');
  expect(text).toContain('配布資料');
  expect(text).toMatch(/手順1／\d+/);
});

test('a certificate report prints fully expanded', async ({ page }) => {
  await open(page, '#/cert?sample=valid&lang=en');
  const leaf = page.locator('.cert-details').first();
  // On screen the details are collapsed; the printer gets them open.
  await expect(leaf).not.toHaveAttribute('open', '');
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.pdf({ path: 'artifacts/report-cert-en.pdf', format: 'A4' });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  const text = pdfText('artifacts/report-cert-en.pdf');
  // A field explanation inside the collapsed details, and a fingerprint.
  expect(text).toContain('site names the certificate is valid for');
  expect(text).toContain('SHA-256');
  // Closed again afterwards.
  await expect(leaf).not.toHaveAttribute('open', '');
});
