// The shell: routes, languages, deep links, history, accessibility, CSP, failure screen.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, open, snap, hashOf } from './fixtures';

const ROUTES = [
  { route: '#/', en: 'Two old questions', ja: '二つの疑問' },
  { route: '#/mail', en: 'send mail only right after', ja: 'メールを送れないのはなぜ' },
  { route: '#/cert', en: 'padlock on a shopping site', ja: '鍵マークは本当に安全' },
  { route: '#/glossary', en: 'Glossary', ja: '用語集' },
  { route: '#/about', en: 'About imasara', ja: 'imasaraについて' },
  { route: '#/no/such/page', en: 'There is no such page', ja: 'お探しのページはありません' },
];

for (const { route, en, ja } of ROUTES) {
  test(`${route} renders in English and Japanese`, async ({ page }) => {
    const name = route.replace(/[#/]+/g, '-').replace(/^-|-$/g, '') || 'home';
    await open(page, `${route}?lang=en`);
    await expect(page.locator('main h1')).toContainText(en);
    await expect(page).toHaveTitle(/ — imasara$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await snap(page, `${name}-en`);
    await open(page, `${route}?lang=ja`);
    await expect(page.locator('main h1')).toContainText(ja);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await snap(page, `${name}-ja`);
  });
}

test('the language switch changes the text, <html lang> and the URL', async ({ page }) => {
  await open(page, '#/mail?lang=en');
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: '日本語' }).click();
  await expect(page.locator('main h1')).toContainText('メールを送れないのはなぜ');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect.poll(() => hashOf(page)).toBe('#/mail?lang=ja');
  await expect(page.getByRole('navigation', { name: 'メインメニュー' })).toBeVisible();
  await page.getByRole('navigation', { name: '表示言語' }).getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('main h1')).toContainText('send mail only right after');
});

test("title and description speak both languages before the app starts, then the reader's", async ({ page, request }) => {
  // The page as served (minified by the build), read as a document before any script runs.
  const html = await (await request.get('./')).text();
  const [title, text] = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'text/html');
    return [doc.title, doc.querySelector('meta[name="description"]')?.getAttribute('content') ?? ''];
  }, html);
  expect(title).toMatch(/Two old questions.*二つの疑問/);
  expect(text).toMatch(/padlock.*鍵マーク/);
  const description = page.locator('meta[name="description"]');
  await open(page, '#/?lang=ja');
  await expect(description).toHaveAttribute('content', /鍵マーク/);
  await expect(description).not.toHaveAttribute('content', /padlock/);
  await page.getByRole('navigation', { name: '表示言語' }).getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(description).toHaveAttribute('content', /padlock/);
  await expect(description).not.toHaveAttribute('content', /鍵マーク/);
});

test('without lang in the URL the browser language decides', async ({ browser, baseURL }) => {
  for (const [locale, expected] of [['ja-JP', 'ja'], ['en-US', 'en'], ['fr-FR', 'en']]) {
    const context = await browser.newContext({ locale, baseURL });
    const page = await context.newPage();
    await open(page, '#/');
    await expect(page.locator('html')).toHaveAttribute('lang', expected);
    await context.close();
  }
});

test('menu links keep the language; back and forward work', async ({ page }) => {
  await open(page, '#/?lang=ja');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'メール' }).click();
  await expect(page.locator('main h1')).toContainText('メールを送れないのはなぜ');
  await expect.poll(() => hashOf(page)).toBe('#/mail?lang=ja');
  await expect(page.getByRole('link', { name: 'メール', exact: true })).toHaveAttribute('aria-current', 'page');
  await page.getByRole('link', { name: '鍵マーク', exact: true }).click();
  await expect(page.locator('main h1')).toContainText('鍵マークは本当に安全');
  await page.goBack();
  await expect(page.locator('main h1')).toContainText('メールを送れないのはなぜ');
  await page.goBack();
  await expect(page.locator('main h1')).toContainText('二つの疑問');
  await page.goForward();
  await expect(page.locator('main h1')).toContainText('メールを送れないのはなぜ');
  await expect(page).toHaveTitle('メール：POP before SMTP — imasara');
});

test('a deep link opens the right page in the right language', async ({ page }) => {
  await open(page, '#/about?lang=ja');
  await expect(page.locator('main h1')).toHaveText('imasaraについて');
  await expect(page).toHaveTitle('このサイトについて — imasara');
});

test('the skip link moves focus to the content', async ({ page }) => {
  await open(page, '#/?lang=en');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await expect.poll(() => hashOf(page)).toBe('#/?lang=en');
});

test('? opens each explainer\'s keyboard shortcuts; Escape closes them; typing a ? does not', async ({ page }) => {
  await open(page, '#/mail?lang=en');
  await page.locator('main h1').click();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts on this page' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('listitem')).toHaveCount(10);
  await expect(dialog).toContainText('Space or K: play or pause');
  await expect(dialog).toContainText("On the time chart's playhead");
  await snap(page, 'keys-mail-en');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The button opens it too, and the focus comes back to the button.
  const button = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await expect(button).toHaveAttribute('aria-keyshortcuts', '?');
  await button.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(button).toBeFocused();

  await open(page, '#/cert?lang=ja');
  const box = page.getByRole('textbox').first();
  await box.click();
  await page.keyboard.type('?');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(box).toHaveValue('?');
  await page.locator('main h1').click();
  await page.keyboard.press('?');
  const ja = page.getByRole('dialog', { name: 'このページのキーボード操作' });
  await expect(ja).toBeVisible();
  await expect(ja).toContainText('判定日のスライダーで');
  await expect(ja.getByRole('listitem')).toHaveCount(3);
});

test('no horizontal scrolling on a 360 px phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const { route } of ROUTES) {
    for (const lang of ['en', 'ja']) {
      await open(page, `${route}?lang=${lang}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${route} ${lang}`).toBeLessThanOrEqual(0);
    }
  }
  await open(page, '#/?lang=ja');
  await snap(page, 'home-ja-360px');
});

for (const colorScheme of ['light', 'dark'] as const) {
  for (const lang of ['en', 'ja']) {
    test(`axe finds no violations (${lang}, ${colorScheme})`, async ({ page }) => {
      test.setTimeout(90_000); // six full pages; the mail page is large
      await page.emulateMedia({ colorScheme });
      for (const { route } of ROUTES) {
        await open(page, `${route}?lang=${lang}`);
        const results = await new AxeBuilder({ page }).analyze();
        expect(results.violations, `${route} ${lang} ${colorScheme}`).toEqual([]);
      }
      await snap(page, `not-found-${lang}-${colorScheme}`);
    });
  }
}

test('a panic shows a translated message, not a frozen page', async ({ page, guard }) => {
  guard.expectConsoleErrors = true;
  await open(page, '#/check/panic?lang=ja');
  await page.getByRole('button', { name: '異常終了を起こす' }).click();
  const alert = page.locator('#fatal');
  await expect(alert).toBeVisible();
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert.getByRole('heading')).toHaveText('問題が発生しました');
  await snap(page, 'panic-screen-ja');
  expect(guard.consoleErrors.join('\n')).toContain('deliberate failure');
  await alert.getByRole('button', { name: 'ページを再読み込み' }).click();
  await page.waitForSelector('html[data-ready="true"]');
  await expect(page.locator('#fatal')).toBeHidden();
});

test('the Content-Security-Policy is in force and the page needs no inline code', async ({ page, guard }) => {
  guard.expectConsoleErrors = true;
  await open(page, '#/?lang=en');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("default-src 'none'");
  // The same policy comes as a header from dist/_headers (what static hosts send, and what
  // governs the certificate worker, which a <meta> policy does not reach).
  const served = await page.request.get('./');
  expect(served.headers()['content-security-policy']).toBe(csp);
  // Every script the page runs is an external file of its own origin.
  const inline = await page.locator('script:not([src])').count();
  expect(inline).toBe(0);
  // An inline script injected now is refused by the browser.
  const verdict = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective));
        const s = document.createElement('script');
        s.textContent = 'window.__inlineRan = true';
        document.body.append(s);
        setTimeout(() => resolve('no violation'), 2000);
      }),
  );
  expect(verdict).toBe('script-src-elem');
  expect(await page.evaluate(() => (window as any).__inlineRan)).toBeUndefined();
  // So is a request to another site.
  const fetched = await page.evaluate(() =>
    fetch('https://example.com/').then(
      () => 'sent',
      () => 'blocked',
    ),
  );
  expect(fetched).toBe('blocked');
});

test('no cookies and no storage are written', async ({ page, context }) => {
  await open(page, '#/mail?lang=ja');
  await page.getByRole('link', { name: 'English' }).click();
  expect(await context.cookies()).toEqual([]);
  const stored = await page.evaluate(() => localStorage.length + sessionStorage.length);
  expect(stored).toBe(0);
});

// Each reader downloads one language, and of it only the texts of the pages they open
// (src/ui/i18n.rs, Page::bundles), and one of the site's four programs: the one that draws
// the page (Page::program, static/boot.js). A link to a page another program draws starts
// that program in a new document, which reads the shell's texts again.
test('a page fetches only its own texts and program, in the reader\'s language', async ({ page }) => {
  const languageFiles: string[] = [];
  const programs: string[] = [];
  const versioned: string[] = [];
  const mailVersions = new Set<string>();
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    const m = path.match(/locales\/([a-z_]+\.[a-z]+)\.txt$/);
    if (m) languageFiles.push(m[1]);
    const wasm = path.match(/\/(imasara(?:-[a-z]+)?)(?:-[0-9a-f]{1,16})?_bg\.wasm$/);
    if (wasm) programs.push(wasm[1]);
    // A program without a content hash in its name (the mail program's second module and
    // the script that fetches it included), and boot.js that starts it, are asked for with
    // their build's version.
    if (/\/(imasara-[a-z]+(_bg\.wasm|\.js|-split\.js|-later\.wasm)|boot\.js)$/.test(path)) {
      expect(new URL(r.url()).search).toMatch(/^\?v=\d+$/);
      versioned.push(path.replace(/^.*\//, ''));
      if (/\/imasara-mail[-_.]/.test(path)) mailVersions.add(new URL(r.url()).search);
    }
  });
  const fetchedSince = (n: number) => languageFiles.slice(n).sort();
  await open(page, '#/?lang=ja');
  expect(languageFiles).toEqual(['core.ja']);
  expect(programs).toEqual(['imasara']);
  await page.getByRole('navigation', { name: '表示言語' }).getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('main h1')).not.toContainText(/[\u3040-\u30ff]/);
  expect(languageFiles).toEqual(['core.ja', 'core.en']);
  // Switching back needs no new download.
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: '日本語' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  expect(languageFiles).toEqual(['core.ja', 'core.en']);
  // The mail page is another program: it brings its own texts and the glossary's, and
  // the shell's again; the padlock page is a third.
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'メール' }).click();
  await expect(page.locator('main h1')).toContainText('メールを送れないのはなぜ');
  expect(fetchedSince(2)).toEqual(['core.ja', 'glossary.ja', 'mail.ja']);
  expect(programs).toEqual(['imasara', 'imasara-mail']);
  expect(versioned).toEqual(expect.arrayContaining(['boot.js', 'imasara-mail.js', 'imasara-mail_bg.wasm']));
  // Its later parts come after it, with the same version (a module is one instance per URL).
  await expect(page.locator('section.free-play')).toBeVisible();
  expect(versioned).toEqual(expect.arrayContaining(['imasara-mail-split.js', 'imasara-mail-later.wasm']));
  expect(mailVersions.size).toBe(1);
  // The home page is in every program: no new document, no download.
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: 'ホーム' }).click();
  await expect(page.locator('main h1')).toBeVisible();
  expect(fetchedSince(5)).toEqual([]);
  expect(programs).toEqual(['imasara', 'imasara-mail']);
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '鍵マーク' }).click();
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.locator('.page-pending')).toHaveCount(0);
  expect(fetchedSince(5)).toEqual(['cert.ja', 'core.ja', 'glossary.ja']);
  expect(programs).toEqual(['imasara', 'imasara-mail', 'imasara-cert']);
  // A language switch on a page fetches that page's texts in the other language.
  await page.getByRole('navigation', { name: '表示言語' }).getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(fetchedSince(8)).toEqual(['cert.en', 'core.en', 'glossary.en']);
});

test('a page fetches only its own stylesheets, and they apply before it is drawn', async ({ context }) => {
  // Each explainer's styles load with the programs that draw it (index.html's
  // data-programs, enabled by boot.js); the shared stylesheet loads everywhere.
  const EXPECTED: [string, string[]][] = [
    ['#/?lang=en', ['style']],
    ['#/glossary?lang=en', ['style']],
    ['#/mail?lang=en', ['mail', 'style']],
    ['#/cert?lang=en', ['cert', 'style']],
    ['#/teach?lang=en', ['cert', 'mail', 'style']],
  ];
  for (const [route, sheets] of EXPECTED) {
    // A new page (and document) for each: opened directly, as a reader arrives.
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (r) => {
      const m = new URL(r.url()).pathname.match(/\/([a-z]+)-[0-9a-f]{1,16}\.css$/);
      if (m) requested.push(m[1]);
    });
    await open(page, route);
    expect(requested.sort(), route).toEqual(sheets);
    // Applied: every enabled stylesheet has its rules, and the page's own styles are in
    // force when it is ready (the explainers' panels are laid out as their CSS says).
    const applied = await page.evaluate(() =>
      [...document.styleSheets].map((s) => [(s.href ?? '').replace(/^.*\/([a-z]+)-[0-9a-f]{1,16}\.css$/, '$1'), s.cssRules.length > 0]),
    );
    expect(applied.map(([name]) => name).sort(), route).toEqual(sheets);
    expect(applied.every(([, rules]) => rules), route).toBe(true);
    if (route.startsWith('#/mail')) {
      // mail.css lays the free play's stage out as a grid.
      expect(await page.locator('section.free-play .stage').evaluate((el) => getComputedStyle(el).display)).toBe('grid');
    }
    await page.close();
  }
});

// boot.js reads the page from the URL as the app does (percent-escapes, a trailing slash).
test('a route written oddly starts the program that draws it', async ({ page }) => {
  await open(page, '#/%6Dail/?lang=en');
  await expect(page.locator('main h1')).toContainText('send mail only right after');
  await open(page, '#/c%65rt?lang=en');
  await expect(page.locator('main h1')).toContainText('padlock on a shopping site');
});

// Back and forward cross programs as they cross pages.
test('back and forward lead across programs', async ({ page }) => {
  await open(page, '#/mail?lang=en');
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Padlock' }).click();
  await expect(page.locator('main h1')).toContainText('padlock');
  await page.goBack();
  await expect(page.locator('main h1')).toContainText('send mail only right after');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true');
  await page.goForward();
  await expect(page.locator('main h1')).toContainText('padlock');
});

test('if a page\'s texts cannot be downloaded, the page says so and can try again', async ({ page, guard }) => {
  guard.expectConsoleErrors = true; // the failed request is logged by the browser
  await open(page, '#/?lang=en');
  await page.route('**/locales/mail.en.txt*', (route) => route.fulfill({ status: 503, body: 'Unavailable' }));
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Mail' }).click();
  const pending = page.locator('.page-pending');
  await expect(pending).toContainText('could not be downloaded');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.unroute('**/locales/mail.en.txt*');
  await pending.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('main h1')).toContainText('send mail only right after');
  await expect(pending).toHaveCount(0);
});

test('if the language file cannot be loaded, the start-up message shows', async ({ page, guard }) => {
  guard.expectConsoleErrors = true; // the failed request is logged by the browser
  await page.route('**/locales/*.txt*', (route) => route.fulfill({ status: 404, body: 'Not found' }));
  await page.goto('./#/?lang=en');
  await expect(page.locator('#boot-error')).toBeVisible();
  await expect(page.locator('#boot-error')).toContainText('The page could not start');
  await expect(page.locator('#boot-error')).toContainText('ページを起動できませんでした');
});

// The program's module downloads beside its glue (static/boot.js): a module that cannot be
// fetched still ends in the start-up message, for the lightest program and for another.
for (const [route, file] of [['#/?lang=en', '**/imasara-*_bg.wasm*'], ['#/mail?lang=en', '**/imasara-mail_bg.wasm*']]) {
  test(`if the program cannot be downloaded, the start-up message shows (${route})`, async ({ page, guard }) => {
    guard.expectConsoleErrors = true;
    await page.route(file, (r) => r.fulfill({ status: 503, body: 'Unavailable' }));
    await page.goto(`./${route}`);
    await expect(page.locator('#boot-error')).toBeVisible();
    await expect(page.locator('#boot-error')).toContainText('The page could not start');
    await expect(page.locator('html')).not.toHaveAttribute('data-ready', 'true');
  });
}

test('if the other language cannot be downloaded later, the switch says so and stays', async ({ page, guard }) => {
  guard.expectConsoleErrors = true; // the failed request is logged by the browser
  await open(page, '#/mail?lang=en');
  await page.route('**/locales/*.ja.txt*', (route) => route.fulfill({ status: 503, body: 'Unavailable' }));
  const switcher = page.getByRole('navigation', { name: 'Language' });
  await switcher.getByRole('link', { name: '日本語' }).click();
  await expect(switcher.getByRole('status')).toContainText('could not be downloaded');
  // The page stays readable in English, and the address says so again.
  await expect.poll(() => hashOf(page)).toBe('#/mail?lang=en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('main h1')).toContainText('send mail only right after');
  // Once the file can be had, the same link works and the message goes.
  await page.unroute('**/locales/*.ja.txt*');
  await switcher.getByRole('link', { name: '日本語' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.locator('main h1')).toContainText('メールを送れないのはなぜ');
  await expect(page.locator('.lang-status')).toBeEmpty();
});
