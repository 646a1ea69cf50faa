// The mail page's time chart (src/ui/pages/mail/chart.rs): bands and arrows from the
// engine's events, the playhead as the time control (pointer and keyboard), an arrow that
// finds its transcript line, free play drawn as it happens, and captures for people to look
// at (360 and 1280 px, both languages, both colour schemes) in artifacts/charts/.
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { test, expect, open, hashOf } from './fixtures';

const chart = (page: Page, id = 'player') => page.locator(`[data-testid=${id}-chart]`);

test('the own case: the band ends at 10:00, the send at 25:00 falls outside it and is refused', async ({ page }) => {
  await open(page, '#/mail?lang=en&scenario=own_case&step=4');
  const c = chart(page);
  const band = c.locator('g.band');
  await expect(band).toHaveCount(1);
  await expect(band).toHaveAttribute('aria-label', '203.0.113.7 on the allowlist from 00:00 until 10:00');
  const refused = c.locator('g.mark.refused');
  await expect(refused).toHaveCount(1);
  await expect(refused).toHaveAttribute('aria-label', /^25:00, Your PC \(203\.0\.113\.7\) to SMTP: relaying to taro@example\.org refused \(554\)$/);
  await expect(refused.locator('text')).toHaveText('RCPT 554 ✖');
  // Geometry on the page: the refused arrow lies below the band's end, the relayed one inside.
  const bandBox = (await band.locator('rect').boundingBox())!;
  const refusedBox = (await refused.locator('line').boundingBox())!;
  expect(refusedBox.y).toBeGreaterThan(bandBox.y + bandBox.height);
  const relayed = c.locator('g.mark:not(.refused)').filter({ hasText: 'RCPT 250' }).first();
  const relayedBox = (await relayed.locator('line').boundingBox())!;
  expect(relayedBox.y).toBeGreaterThan(bandBox.y);
  expect(relayedBox.y).toBeLessThan(bandBox.y + bandBox.height);
  // The later steps have not happened: their arrows are not drawn yet.
  await expect(c.locator('g.mark')).toHaveCount(4);
  // Choosing the arrow finds its line in the transcript and gives it the focus.
  await refused.click();
  const line = page.locator('section.player .line.picked');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText('554 <taro@example.org>: Recipient address rejected: Relay access denied');
  await expect(line).toBeFocused();
  // The same from the keyboard.
  await page.locator('section.player .line.picked').evaluate((el) => (el as HTMLElement).blur());
  await c.locator('g.mark').first().focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('section.player .line.picked')).toContainText('+OK');
  // The table says the same for screen readers. It is written when the reader opens it
  // (a closed <details> shows nothing to anyone), not at every step.
  await expect(c.locator('table')).toHaveCount(0);
  await c.locator('summary').click();
  await expect(c.locator('table').first()).toContainText('relaying to taro@example.org refused (554)');
  await expect(c.locator('table').nth(1)).toContainText('203.0.113.7');
});

test('the playhead is the time control: dragged, or moved with the arrow keys', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await open(page, '#/mail?lang=en&scenario=own_case');
  const c = chart(page);
  await c.locator('svg').scrollIntoViewIfNeeded();
  const head = c.locator('g.playhead');
  await expect(head).toHaveAttribute('role', 'slider');
  await expect(head).toHaveAttribute('aria-valuetext', '00:00');
  // Drag it down to the 10:00 tick: the band's end.
  const tick = c.locator('g.tick').filter({ hasText: '10:00' });
  const tickBox = (await tick.locator('line').boundingBox())!;
  const headBox = (await head.locator('rect').boundingBox())!;
  await page.mouse.move(headBox.x + 100, headBox.y + headBox.height / 2);
  await page.mouse.down();
  await page.mouse.move(headBox.x + 100, tickBox.y + 20, { steps: 5 });
  await page.mouse.move(headBox.x + 100, tickBox.y + 1, { steps: 3 });
  await page.mouse.up();
  await expect(head).toHaveAttribute('aria-valuetext', '10:00');
  await expect(page.locator('#scrubber')).toHaveValue('600');
  await expect.poll(() => hashOf(page)).toContain('step=3');
  // The first two steps have happened: the login and the relayed send are drawn.
  await expect(c.locator('g.mark')).toHaveCount(3);
  // From the keyboard: the next moment, then back.
  await head.focus();
  await page.keyboard.press('ArrowDown');
  await expect(head).toHaveAttribute('aria-valuetext', '25:00');
  await expect(c.locator('g.mark.refused')).toHaveCount(1);
  await page.keyboard.press('ArrowUp');
  await expect(head).toHaveAttribute('aria-valuetext', '10:00');
  await page.keyboard.press('End');
  await expect(head).toHaveAttribute('aria-valuetext', '36:00');
  await expect.poll(() => hashOf(page)).toContain('step=6');
});

test("the neighbour's send lands inside the reader's band", async ({ page }) => {
  await open(page, '#/mail?lang=en&scenario=nat_neighbour&step=4');
  const c = chart(page);
  const band = (await c.locator('g.band rect').boundingBox())!;
  const sends = c.locator('g.mark').filter({ hasText: 'RCPT' });
  await expect(sends).toHaveCount(2);
  const [inside, outside] = [sends.nth(0), sends.nth(1)];
  await expect(inside).toHaveAttribute('aria-label', /Neighbour \(203\.0\.113\.7\) to SMTP: mail for .* accepted for relaying \(250\)/);
  const y1 = (await inside.locator('line').boundingBox())!.y;
  const y2 = (await outside.locator('line').boundingBox())!.y;
  expect(y1).toBeGreaterThan(band.y);
  expect(y1).toBeLessThan(band.y + band.height);
  expect(y2).toBeGreaterThan(band.y + band.height);
});

test('free play draws the chart as it happens, with the lab clock as its line', async ({ page }) => {
  await open(page, '#/mail?lang=en');
  const f = page.locator('section.free-play');
  const c = chart(page, 'free');
  await expect(c.locator('g.mark')).toHaveCount(0);
  // The lab's clock is paused first, so the playhead's time below is exact.
  await f.getByRole('button', { name: 'Pause the clock' }).click();
  await f.getByRole('button', { name: 'Receive mail', exact: true }).click();
  await f.getByRole('button', { name: 'Send mail', exact: true }).click();
  await expect(c.locator('g.band')).toHaveCount(1);
  await expect(c.locator('g.mark')).toHaveCount(3); // login, RCPT, hand-over
  await f.getByRole('button', { name: 'Jump past the window' }).click();
  await f.getByRole('button', { name: 'Send mail', exact: true }).click();
  await expect(c.locator('g.mark.refused')).toHaveCount(1);
  await expect(c.locator('g.playhead')).toHaveAttribute('role', 'img');
  await expect(c.locator('g.playhead')).toHaveAttribute('aria-label', /^The lab's clock: 10:01$/);
  await c.locator('g.mark.refused').click();
  await expect(f.locator('.line.picked')).toContainText('554');
});

test('the chart in Japanese names its parts in Japanese', async ({ page }) => {
  await open(page, '#/mail?lang=ja&scenario=own_case&step=4');
  const c = chart(page);
  await expect(c.locator('text.lane-name').first()).toHaveText('自宅のパソコン');
  await expect(c.locator('g.band')).toHaveAttribute('aria-label', '203.0.113.7は00:00～10:00の間、許可リストに載っています');
  await expect(c.locator('g.mark.refused')).toHaveAttribute('aria-label', /taro@example\.org宛ての中継を拒否（554）/);
  await expect(c.locator('g.playhead')).toHaveAttribute('aria-label', /シナリオの時刻/);
});

for (const width of [360, 1280]) {
  for (const lang of ['en', 'ja']) {
    for (const colorScheme of ['light', 'dark'] as const) {
      test(`capture: the time chart at ${width} px (${lang}, ${colorScheme})`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme });
        await open(page, `#/mail?lang=${lang}&scenario=ip_change&step=6`);
        const c = chart(page);
        await expect(c.locator('g.band')).toHaveCount(2);
        // The page never scrolls sideways; a wide chart scrolls inside its frame.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        // Lane names never overlap.
        const boxes = await c.locator('text.lane-name').evaluateAll((els) =>
          els
            .map((e) => (e as SVGGraphicsElement).getBoundingClientRect())
            .map((r) => [r.left, r.right])
            .sort((a, b) => a[0] - b[0]),
        );
        for (let i = 1; i < boxes.length; i++) expect(boxes[i][0]).toBeGreaterThanOrEqual(boxes[i - 1][1]);
        mkdirSync('artifacts/charts', { recursive: true });
        await c.screenshot({ path: `artifacts/charts/mail-${width}-${lang}-${colorScheme}.png` });
      });
    }
  }
}

test('the printed handout carries the whole scenario as a time chart', async ({ page }) => {
  await open(page, '#/mail?lang=en&scenario=own_case&step=1');
  const handoutChart = page.locator('svg.handout-chart');
  await expect(handoutChart).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(handoutChart).toBeVisible();
  // Every step, whatever the player shows: both windows, all seven arrows, one refused.
  await expect(handoutChart.locator('g.band')).toHaveCount(2);
  await expect(handoutChart.locator('g.mark')).toHaveCount(7);
  await expect(handoutChart.locator('g.mark.refused')).toHaveCount(1);
});

test('printing writes the chart tables, which the screen gets only when asked', async ({ page }) => {
  await open(page, '#/mail?lang=en&scenario=own_case&step=4');
  const c = chart(page);
  await expect(c.locator('g.mark')).toHaveCount(4);
  await expect(c.locator('table')).toHaveCount(0);
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect(c.locator('table')).toHaveCount(2);
  await expect(c.locator('table').nth(1)).toContainText('203.0.113.7');
});

test('an arrow keeps the focus while the chart is redrawn around it', async ({ page }) => {
  await open(page, '#/mail?lang=en&scenario=own_case&step=2');
  const c = chart(page);
  const first = c.locator('g.mark').first();
  const key = await first.getAttribute('data-key');
  await first.focus();
  // The player's shortcut: the next step, which redraws the chart's arrows.
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => hashOf(page)).toContain('step=3');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-key'))).toBe(key);
});
