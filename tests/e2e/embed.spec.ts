// Teachers' features: embed mode, auto-resize in the three conventions (with the real
// iframe-resizer parent script), and the "Link to this" / "Embed this" dialog.
import { test, expect, open, snap, hashOf } from './fixtures';
import type { Frame, Page } from '@playwright/test';

test('embed mode shows only the explainer, keeps the language switch and itself', async ({ page }) => {
  await open(page, '#/mail?embed=1&lang=ja');
  await expect(page.locator('.site-header')).toHaveCount(0);
  await expect(page.locator('.site-footer')).toHaveCount(0);
  await expect(page.locator('html')).toHaveClass(/embed/);
  const switcher = page.getByRole('navigation', { name: '表示言語' });
  await switcher.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect.poll(() => hashOf(page)).toContain('embed=1');
  await snap(page, 'embed-mail-en');
});

async function frameHeight(page: Page, id: string) {
  return page.locator(`#${id}`).evaluate((f) => (f as HTMLIFrameElement).getBoundingClientRect().height);
}

async function contentHeight(frame: Frame) {
  return frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
}

for (const [id, convention] of [
  ['frame-resizer', 'iframe-resizer'],
  ['frame-h5p', 'H5P'],
  ['frame-canvas', 'Canvas'],
] as const) {
  test(`the demo course page resizes its frame (${convention}) on load and on every change`, async ({ page }) => {
    await page.setViewportSize({ width: 900, height: 700 });
    await page.goto('./demo/');
    const element = page.locator(`#${id}`);
    await element.scrollIntoViewIfNeeded();
    const frame = (await (await element.elementHandle())!.contentFrame())!;
    await frame.waitForSelector('html[data-ready="true"]');
    await expect
      .poll(async () => Math.abs((await frameHeight(page, id)) - (await contentHeight(frame))), {
        message: 'frame height follows its content',
      })
      .toBeLessThanOrEqual(4);
    const before = await frameHeight(page, id);
    expect(before, 'the frame left its initial 300 px').not.toBe(300);
    // A layout change inside the frame: switch language (the text reflows).
    const html = frame.locator('html');
    const lang = await html.getAttribute('lang');
    await frame.locator('.lang-switch a:not([aria-current])').click();
    await expect(html).not.toHaveAttribute('lang', lang!);
    // And a narrower window: the content grows taller.
    await page.setViewportSize({ width: 420, height: 700 });
    await expect
      .poll(async () => Math.abs((await frameHeight(page, id)) - (await contentHeight(frame))))
      .toBeLessThanOrEqual(4);
    expect(await frameHeight(page, id)).not.toBe(before);
  });
}

test('the course page also exists in Japanese, with the explainers in Japanese', async ({ page }) => {
  await open(page, '#/about?lang=ja');
  const demo = page.getByRole('link', { name: '解説を埋め込んだ授業ページの例' });
  await expect(demo).toHaveAttribute('href', 'demo/ja.html');
  await demo.click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.locator('h1')).toContainText('imasaraを埋め込んだ授業ページ');
  const element = page.locator('#frame-resizer');
  await element.scrollIntoViewIfNeeded();
  const frame = (await (await element.elementHandle())!.contentFrame())!;
  await frame.waitForSelector('html[data-ready="true"]');
  await expect(frame.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(frame.locator('main h1')).toContainText('メールを送れないのはなぜ');
  await expect
    .poll(async () => Math.abs((await frameHeight(page, 'frame-resizer')) - (await contentHeight(frame))))
    .toBeLessThanOrEqual(4);
  await page.getByRole('link', { name: 'The same course page in English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toContainText('A course page that embeds imasara');
});

test('"Embed this" gives a snippet that works when pasted into a page', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
  await open(page, '#/mail?lang=en');
  await page.getByRole('button', { name: 'Embed this' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this explainer in a course page' });
  await expect(dialog).toBeVisible();
  const snippet = await dialog.getByLabel('HTML snippet').inputValue();
  expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/courses\/net\/imasara\/#\/mail\?lang=en&amp;embed=1" /);
  for (const attribute of ['title="imasara: why can I send mail', 'loading="lazy"', 'sandbox="allow-scripts allow-same-origin"', 'allow="clipboard-write"']) {
    expect(snippet).toContain(attribute);
  }
  await expect(dialog).toContainText('cannot carry what you did in free play');
  await snap(page, 'embed-dialog-en');
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // Paste it into a page of another kind and load it.
  const host = await context.newPage();
  await host.goto(new URL('demo/', baseURL).href);
  await host.evaluate((html) => {
    document.body.innerHTML = html;
  }, snippet);
  const frame = (await (await host.locator('iframe').elementHandle())!.contentFrame())!;
  await frame.waitForSelector('html[data-ready="true"]');
  await expect(frame.locator('main h1')).toContainText('send mail only right after');
  await expect(frame.locator('.site-header')).toHaveCount(0);
});

test('"Link to this" gives the address of the exact state', async ({ page }) => {
  await open(page, '#/cert?lang=ja');
  await page.getByRole('button', { name: 'この状態へのリンク' }).click();
  const dialog = page.getByRole('dialog');
  const link = await dialog.getByLabel('アドレス').inputValue();
  expect(link).toBe(page.url());
  await expect(dialog).toContainText('自分で貼り付けたり開いたりした証明書は決して含まれません');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
