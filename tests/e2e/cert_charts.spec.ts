// The padlock page's two pictures (src/ui/pages/cert/charts.rs): the validity chart with
// its draggable "as of" line, and the chain as a graph. Dragging changes the same date the
// slider and the date field change; axe is clean; the charts' labels never overlap at
// 360 px; captures at 360 and 1280 px, in both languages and colour schemes, go to
// artifacts/charts/ for people to look at (not pixel baselines).
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, readFileSync } from 'node:fs';
import { test, expect, open } from './fixtures';
import type { Locator, Page } from '@playwright/test';

// The page's "today" is pinned, as in cert.spec.ts: nothing here depends on the real date.
const TODAY = '2026-06-15';
test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date(`${TODAY}T12:00:00Z`));
});

const chart = (page: Page) => page.locator('svg.validity-chart');
const graph = (page: Page) => page.locator('svg.graph-chart');

/** The on-screen boxes of `items` (SVG text) do not overlap one another. */
async function noOverlap(items: Locator, what: string) {
  const boxes = (await items.evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: e.textContent };
    }),
  )) as { left: number; right: number; top: number; bottom: number; text: string }[];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
      expect(apart, `${what}: “${a.text}” and “${b.text}” overlap`).toBe(true);
    }
  }
}

/** Every label of the chart stays inside the chart. */
async function inside(svg: Locator, texts: Locator) {
  const frame = (await svg.boundingBox())!;
  for (const box of await texts.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) {
    expect(box.left).toBeGreaterThanOrEqual(frame.x - 1);
    expect(box.right).toBeLessThanOrEqual(frame.x + frame.width + 1);
  }
}

test('the expired sample: the failing bar is hatched and labelled, the graph drawn', async ({ page }) => {
  await open(page, '#/cert?sample=expired&lang=en');
  await expect(page.locator('.verdict-line')).toHaveAttribute('data-verdict', 'ERR_CERT_DATE_INVALID');
  await expect(chart(page)).toBeVisible();
  await expect(chart(page).locator('.vrow')).toHaveCount(3);
  const leaf = chart(page).locator('.vrow[data-cert="0"]');
  await expect(leaf).toHaveAttribute('data-status', 'expired');
  await expect(leaf).toHaveClass(/fail/);
  await expect(leaf.locator('.vstatus')).toHaveText('✗ expired');
  // The hatching is a pattern, not a colour.
  expect(await leaf.locator('.vbar').evaluate((e) => getComputedStyle(e).fill)).toContain('url(');
  await expect(graph(page)).toBeVisible();
  await expect(graph(page).locator('.node')).toHaveCount(3);
  await expect(graph(page).locator('.edge')).toHaveCount(2);
  await expect(graph(page).locator('.edge').first()).toContainText('✓ signature verifies');
  // Each mark is reached by the keyboard, and the tables are there for screen readers.
  await leaf.focus();
  await expect(leaf).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(chart(page).locator('.vrow[data-cert="1"]')).toBeFocused();
  await expect(page.locator('.cert-validity table tbody tr')).toHaveCount(3);
  await expect(page.locator('.chain-graph table tbody tr')).toHaveCount(2);
});

test('dragging the "as of" line changes the date, as the slider does', async ({ page }) => {
  await open(page, '#/cert?sample=expired&lang=en');
  await expect(page.locator('#cert-at')).toHaveValue('2015-05-01');
  const svg = chart(page);
  await expect(svg.locator('.vrow[data-status="expired"]')).toHaveCount(1);
  // The mouse works in the viewport: bring the chart into it first.
  await svg.scrollIntoViewIfNeeded();
  let box = (await svg.boundingBox())!;
  const viewWidth = Number((await svg.getAttribute('viewBox'))!.split(' ')[2]);
  const lineX = Number(await svg.locator('.at-line').getAttribute('x1'));
  const startX = box.x + (lineX * box.width) / viewWidth;
  const y = box.y + 40;
  await page.mouse.move(startX, y);
  await page.mouse.down();
  // Far to the right: years after the root of 2000-2020 expired.
  await page.mouse.move(box.x + box.width * 0.7, y, { steps: 8 });
  await page.mouse.move(box.x + box.width * 0.92, y, { steps: 8 });
  await page.mouse.up();
  await expect(page.locator('#cert-at')).not.toHaveValue('2015-05-01');
  const dragged = await page.locator('#cert-at').inputValue();
  expect(dragged > '2020-06-01', dragged).toBe(true);
  await expect(page).toHaveURL(new RegExp(`at=${dragged}`));
  // The slider moved with it, and the engine judged again: now the root fails too.
  await expect(page.locator('#cert-at-slider')).toHaveAttribute('aria-valuetext', dragged);
  await expect(svg.locator('.vrow[data-cert="2"]')).toHaveAttribute('data-status', 'expired');
  await expect(svg.locator('.at-label')).toHaveText(`As of ${dragged}`);
  // And back: a click on the chart puts the line there (the verdict above has changed,
  // so the chart is found again).
  await svg.scrollIntoViewIfNeeded();
  box = (await svg.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.05, box.y + 40);
  await expect(page.locator('#cert-at')).not.toHaveValue(dragged);
  expect((await page.locator('#cert-at').inputValue()) < '2002-01-01').toBe(true);
});

test('the incomplete chain: the graph shows the gap with its address', async ({ page }) => {
  await open(page, '#/cert?sample=incomplete&lang=ja');
  const gap = graph(page).locator('.node.gap');
  await expect(gap).toContainText('入力にない発行者の証明書');
  await expect(gap).toContainText('http://');
  await expect(graph(page).locator('.edge.gap')).toContainText('発行者の証明書が入力にない');
});

test('the charts pass axe in both languages and colour schemes', async ({ page }) => {
  test.setTimeout(90_000);
  for (const scheme of ['light', 'dark'] as const) {
    for (const lang of ['en', 'ja']) {
      await page.emulateMedia({ colorScheme: scheme });
      await open(page, `#/cert?sample=expired&at=2015-05-01&lang=${lang}`);
      await expect(graph(page)).toBeVisible();
      const found = await new AxeBuilder({ page }).analyze();
      expect(found.violations, `${lang}, ${scheme}`).toEqual([]);
    }
  }
});

for (const width of [360, 1280]) {
  test(`captures at ${width} px: labels apart, both languages and schemes`, async ({ page }) => {
    test.setTimeout(120_000);
    mkdirSync('artifacts/charts', { recursive: true });
    await page.setViewportSize({ width, height: 900 });
    // Each sample with its own date: a sample already loaded keeps whatever date the link
    // gives (none means today), so the date is always given.
    const SAMPLE_AT: Record<string, string> = { expired: '2015-05-01', incomplete: '2020-04-22' };
    for (const sample of ['expired', 'incomplete']) {
      for (const lang of ['en', 'ja']) {
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await open(page, `#/cert?sample=${sample}&at=${SAMPLE_AT[sample]}&lang=${lang}`);
          await expect(page.locator('#cert-at')).toHaveValue(SAMPLE_AT[sample]);
          await expect(graph(page)).toBeVisible();
          await expect(chart(page).locator('.vrow').first()).toBeVisible();
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, 'no horizontal scrolling of the page').toBeLessThanOrEqual(0);
          await noOverlap(chart(page).locator('.tick-label'), 'tick labels');
          for (const row of await chart(page).locator('.vrow').all()) {
            await noOverlap(row.locator('text'), 'a bar’s name and status');
          }
          await inside(chart(page), chart(page).locator('text'));
          await noOverlap(graph(page).locator('text'), 'graph labels');
          await inside(graph(page), graph(page).locator('text'));
          const name = `${sample}-${lang}-${width}-${scheme}`;
          await page.locator('.cert-validity').screenshot({ path: `artifacts/charts/validity-${name}.png` });
          await page.locator('.chain-graph').screenshot({ path: `artifacts/charts/graph-${name}.png` });
        }
      }
    }
  });
}

test('a cross-signed intermediate shows the second path on its arrow, in both languages', async ({ page }) => {
  // tests/fixtures/cert/generated/cross-signed.pem: a leaf whose intermediate exists twice,
  // certified by Cross Root A (the path taken) and by Cross Root B (the second path).
  const text = readFileSync('tests/fixtures/cert/generated/cross-signed.pem', 'utf8');
  await open(page, '#/cert?lang=en&at=2026-06-15');
  await page.locator('#cert-paste').fill(text);
  const edge = graph(page).locator('.edge').first();
  await expect(edge.locator('.edge-also')).toHaveText('⇄ a second path: Cross Intermediate signed by Cross Root B (cross-signed)');
  await expect(edge).toHaveAttribute('aria-label', /a second path: Cross Intermediate signed by Cross Root B/);
  await page.locator('.chain-graph summary').click();
  await expect(page.locator('.chain-graph table')).toContainText('⇄ a second path');
  await noOverlap(graph(page).locator('text'), 'graph with a second path');
  await open(page, '#/cert?lang=ja&at=2026-06-15');
  await page.locator('#cert-paste').fill(text);
  await expect(graph(page).locator('.edge-also').first()).toHaveText('⇄もう一つの経路：Cross Root Bが署名したCross Intermediate（クロス署名）');
});
