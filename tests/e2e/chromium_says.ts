// The page's verdict against what this very Chromium says when it connects to a TLS
// server on OpenSSL 3 (Node's `tls`, which serves connections side by side:
// `openssl s_server` serves one at a time, and a connection the browser opens ahead and
// leaves idle can hold it up).
import type { Page } from '@playwright/test';
import { createServer, type SecureContextOptions } from 'node:tls';
import { expect, open } from './fixtures';

/** What Chromium says when it opens https://localhost:PORT/ (a page of its own, not the
 *  app's origin): "connected", or the net error it stops with (ERR_…). A server that does
 *  not listen yet is tried again, for up to four seconds. */
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

/** Serves `tls` (the key and the chain) at `port`, expects Chromium to say `chrome`, and
 *  the padlock page, given `pasted` for localhost, to name the same. A text over 64 KB is
 *  given the way a paste arrives (the page takes a long one from its paste; the keyboard
 *  driver would type it far slower). */
export async function pageNamesWhatChromiumSays(
  page: Page,
  port: number,
  tls: SecureContextOptions,
  pasted: string,
  chrome: string,
): Promise<void> {
  const server = createServer(tls, (socket) => {
    socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok');
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((listening) => server.listen(port, 'localhost', listening));
  try {
    await pageNamesWhatChromiumSaysAt(page, port, pasted, chrome);
  } finally {
    server.close();
  }
}

/** The same against a server already listening at `port`. */
export async function pageNamesWhatChromiumSaysAt(
  page: Page,
  port: number,
  pasted: string,
  chrome: string,
): Promise<void> {
  const said = await chromiumSays(page, port);
  expect(said, 'what Chromium says').toBe(chrome);
  await open(page, '#/cert?lang=en&host=localhost');
  if (pasted.length > 64_000) {
    await page.evaluate((text) => {
      const area = document.querySelector<HTMLTextAreaElement>('#cert-paste')!;
      area.value = text;
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }, pasted);
  } else {
    await page.locator('#cert-paste').fill(pasted);
  }
  await expect(page.locator('.verdict-line')).toHaveAttribute('data-verdict', said);
}
