// Shared fixtures: every test fails if the page logs a console error or sends a request
// outside its own origin, and gets helpers to open a route and wait for the app.
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export type Guard = {
  consoleErrors: string[];
  foreignRequests: string[];
  /** Set by a test that provokes errors on purpose (the panic screen, the CSP). */
  expectConsoleErrors: boolean;
};

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const guard: Guard = { consoleErrors: [], foreignRequests: [], expectConsoleErrors: false };
      page.on('console', (m) => {
        if (m.type() === 'error') guard.consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => guard.consoleErrors.push(String(e)));
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin) {
          guard.foreignRequests.push(r.url());
        }
      });
      await use(guard);
      expect(guard.foreignRequests, 'requests that left the page origin').toEqual([]);
      if (!guard.expectConsoleErrors) {
        expect(guard.consoleErrors, 'console errors').toEqual([]);
      }
    },
    { auto: true },
  ],
});

export { expect };

/** Opens a route (e.g. '#/mail?lang=ja') and waits until the app has started. */
export async function open(page: Page, route: string) {
  await page.goto(route.startsWith('#') ? './' + route : route);
  await page.waitForSelector('html[data-ready="true"]');
  await expect(page.locator('main h1')).toBeVisible();
}

/** The URL's fragment (`#/mail?lang=en`). Read it through `expect.poll` after an action:
 * the page updates the address asynchronously. */
export const hashOf = (page: Page) => new URL(page.url()).hash;

/** Saves a screenshot as a test artifact (artifacts/screenshots/NAME.png). */
export async function snap(page: Page, name: string) {
  mkdirSync('artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: `artifacts/screenshots/${name}.png`, fullPage: true });
}
