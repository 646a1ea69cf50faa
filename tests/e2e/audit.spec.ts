// The accessibility audit of states the other suites do not reach: each explainer's share
// dialogs open, 200 % zoom (a 1280 px window at 200 % lays out like 640 CSS px), reduced
// motion, dark mode. axe-core with no rule disabled and nothing excluded.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, open, snap } from './fixtures';

const PAGES = [
  { route: '#/mail?scenario=own_case&step=4', name: 'mail' },
  { route: '#/cert?sample=incomplete', name: 'cert' },
];

test.setTimeout(120_000);

for (const { route, name } of PAGES) {
  for (const lang of ['en', 'ja']) {
    test(`${name} (${lang}): share dialogs, 200 % zoom, reduced motion, dark`, async ({ page }) => {
      await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'dark' });
      await open(page, `${route}&lang=${lang}`);
      expect((await new AxeBuilder({ page }).analyze()).violations, 'dark, reduced motion').toEqual([]);
      // "Link to this", "Embed this" and "Keyboard shortcuts": every dialog is checked,
      // none skipped.
      await expect(page.locator('.share > button')).toHaveCount(3);
      for (const button of await page.locator('.share > button').all()) {
        await button.click();
        const dialog = page.locator('dialog[open]');
        await expect(dialog).toBeVisible();
        expect((await new AxeBuilder({ page }).analyze()).violations, 'dialog open').toEqual([]);
        await page.keyboard.press('Escape');
        await expect(dialog).toHaveCount(0);
      }
      await page.emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' });
      await page.setViewportSize({ width: 640, height: 400 });
      await open(page, `${route}&lang=${lang}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, 'no horizontal scrolling at 200 % zoom').toBeLessThanOrEqual(0);
      expect((await new AxeBuilder({ page }).analyze()).violations, '200 % zoom').toEqual([]);
      await snap(page, `audit-${name}-${lang}-200pct`);
    });
  }
}
