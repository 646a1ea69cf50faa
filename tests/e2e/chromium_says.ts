// What this very Chromium says when it opens https://localhost:PORT/ (a page of its own,
// not the app's origin): "connected", or the net error it stops with (ERR_…). A server
// that does not listen yet is tried again, for up to four seconds.
import type { Page } from '@playwright/test';

export async function chromiumSays(page: Page, port: number): Promise<string> {
  const probe = await page.context().newPage();
  let said = '';
  for (let attempt = 0; attempt < 40 && said === ''; attempt++) {
    try {
      await probe.goto(`https://localhost:${port}/`, { timeout: 5000 });
      said = 'connected';
    } catch (e) {
      const m = String(e).match(/net::(ERR_[A-Z_]+)/);
      if (m && m[1] !== 'ERR_CONNECTION_REFUSED') said = m[1];
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
  await probe.close();
  return said;
}
