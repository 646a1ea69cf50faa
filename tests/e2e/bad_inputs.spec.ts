// The bad-input catalogue (tests/bad_inputs/catalogue.ts), run the way a reader would give
// each input, in both languages: the page must answer with exactly the catalogued words,
// and stay usable (a sample still loads afterwards).
import type { Page } from '@playwright/test';
import { CASES, type Case } from '../bad_inputs/catalogue';
import { expect, open, test } from './fixtures';

const LANGS = ['en', 'ja'] as const;

function withLang(route: string, lang: string): string {
  return route + (route.includes('?') ? '&' : '?') + 'lang=' + lang;
}

/** Gives the case's input through the page's own controls. */
async function give(page: Page, c: Case, lang: string) {
  const input = c.input;
  if ('url' in input) {
    await open(page, withLang(input.url, lang));
    return;
  }
  if ('console' in input) {
    await open(page, withLang('#/mail', lang));
    const con = page.locator('section.console');
    await page.locator('#console-service').selectOption(input.console.service);
    await con.locator('button:not(.secondary)').first().click();
    const line = page.locator('#console-input');
    for (const text of input.console.lines) {
      await line.fill(text);
      await line.press('Enter');
    }
    return;
  }
  await open(page, withLang('#/cert', lang));
  if ('paste' in input) {
    // One input event, as a real paste makes.
    await page.locator('#cert-paste').evaluate((area: HTMLTextAreaElement, text: string) => {
      area.value = text;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }, input.paste);
  } else {
    await page.locator('#cert-files').setInputFiles({
      name: input.file.name,
      mimeType: 'application/octet-stream',
      buffer: input.file.bytes,
    });
  }
}

const texts = async (page: Page, selector: string) =>
  (await page.locator(selector).allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());

/** Where each kind of answer appears. */
const PLACES = {
  status: '.input-status',
  key: '.key-warning h3',
  finding: '.verdict li',
  page: 'main h1',
  console: 'section.console .transcript-lines li',
  notice: '#cert-at-unreadable',
} as const;

for (const c of CASES) {
  for (const lang of LANGS) {
    test(`${c.id} (${lang}): ${c.what}`, async ({ page, guard }) => {
      // The engine's own console errors are not expected, but a refused private key or a
      // broken file may be logged by the browser itself.
      guard.expectConsoleErrors = true;
      // Dates in the answers do not depend on the day the suite runs.
      await page.clock.setFixedTime(new Date('2026-06-15T12:00:00Z'));
      await give(page, c, lang);
      const words = c[lang];
      if (c.where === 'field') {
        await expect(page.locator(c.selector!)).toHaveValue(words);
      } else {
        const place = PLACES[c.where];
        await expect.poll(() => texts(page, place), { timeout: 15_000 }).toContain(words);
      }
      // The page still answers: on the padlock page a sample loads and is judged.
      if (page.url().includes('#/cert')) {
        await page.locator('button[data-sample="expired"]').click();
        await expect(page.locator('.verdict-line')).toHaveAttribute('data-verdict', 'ERR_CERT_DATE_INVALID');
      }
    });
  }
}
