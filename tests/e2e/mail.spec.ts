// The mail explainer (#/mail) and the glossary: the reader's own case played to the end,
// free play, the console, deep links, a keyboard-only run, reduced motion and axe.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test, expect, open, snap, hashOf } from './fixtures';

const player = (page: Page) => page.locator('section.player');
const freePlay = (page: Page) => page.locator('section.free-play');

test("the reader's case, played to the end, shows the refusal and the later success", async ({ page }) => {
  test.setTimeout(150_000);
  await open(page, '#/mail?lang=en&speed=60');
  const p = player(page);
  await expect(p.locator('.step-text')).toContainText('Nothing has happened yet');
  // Nothing moves before Play.
  await page.waitForTimeout(500);
  expect(hashOf(page)).toContain('step=0');
  await p.getByRole('button', { name: 'Play' }).click();
  // Each relay decision is predicted first: the player stops and asks.
  const answers = ['Yes, it will be relayed', 'No, it will be refused', 'Yes, it will be relayed'];
  for (const [i, answer] of answers.entries()) {
    const question = p.getByRole('group', { name: /Will this RCPT succeed/ });
    await expect(question).toBeVisible({ timeout: 60_000 });
    // Focus moves to the question, so keyboard and screen-reader users meet it.
    await expect(question.getByRole('button').first()).toBeFocused();
    if (i === 1) await snap(page, 'mail-predict-en');
    await question.getByRole('button', { name: answer }).click();
    await expect(p.locator('.feedback')).toHaveText(/You were right/);
  }
  await expect(p.getByText('End of this scenario.')).toBeVisible({ timeout: 60_000 });
  const transcript = await p.locator('.transcript-lines').innerText();
  // The scenario is set in 2001: Postfix-20010228's default relay refusal.
  const refused = transcript.indexOf('554 <taro@example.org>: Recipient address rejected: Relay access denied');
  expect(refused).toBeGreaterThan(0);
  // The later success: the RCPT accepted again after the refusal.
  expect(transcript.indexOf('S: 250 Ok', refused)).toBeGreaterThan(refused);
  // The relayed mail carries the server's Received: header with the address the allowlist judged.
  expect(transcript).toContain('Received: from pc.example (unknown [203.0.113.7])');
  await expect.poll(() => hashOf(page)).toContain('step=6');
  await expect(p.getByRole('button', { name: 'Play' })).toBeVisible();
  await snap(page, 'mail-own-case-end-en');
});

test('free play: receive then send succeeds; past the window, send is refused', async ({ page }) => {
  await open(page, '#/mail?lang=en');
  const f = freePlay(page);
  const result = f.locator('[data-testid=free-result]');
  await expect(f.locator('#free-window')).toHaveValue('10');
  // The lab's clock is paused first, so the times below are exact.
  await f.getByRole('button', { name: 'Pause the clock' }).click();
  await expect(f.locator('[data-testid=free-clock-state]')).toHaveText('Paused.');
  await f.getByRole('button', { name: 'Receive mail', exact: true }).click();
  await expect(result).toContainText('Mail received');
  await expect(f.locator('[role=timer]')).toHaveText('10:00 left');
  await f.getByRole('button', { name: 'Send mail', exact: true }).click();
  await expect(result).toContainText('Relayed');
  await expect(result).toContainText('taro@example.org');
  await f.getByRole('button', { name: 'Wait 1 minute' }).click();
  await expect(f.locator('[role=timer]')).toHaveText('09:00 left');
  await f.getByRole('button', { name: 'Jump past the window' }).click();
  await expect(f.getByText('Empty: no address may relay')).toBeVisible();
  await f.getByRole('button', { name: 'Send mail', exact: true }).click();
  await expect(result).toContainText('Refused');
  await expect(result).toContainText('time on the allowlist has run out');
  await expect(f.locator('.transcript-lines').first()).toContainText('Relay access denied');
  await snap(page, 'mail-free-play-refused-en');

  // The spammer is refused under POP before SMTP and relayed by an open relay.
  await f.getByRole('button', { name: 'Send as spammer', exact: true }).click();
  await expect(result).toContainText('never logged in');
  await f.getByLabel('Open relay (anyone may send)').check();
  await f.getByRole('button', { name: 'Send as spammer', exact: true }).click();
  await expect(result).toContainText('open relay');
  // SMTP AUTH: the reader's program logs in; no allowlist.
  await f.getByLabel('SMTP AUTH').check();
  await expect(f.getByText('does not use an allowlist')).toBeVisible();
  await f.getByRole('button', { name: 'Send mail', exact: true }).click();
  await expect(result).toContainText('logged in with SMTP AUTH');

  // A one-minute window.
  await f.getByLabel('POP before SMTP').check();
  await f.locator('#free-window').fill('1');
  await f.locator('#free-window').press('Tab');
  await f.getByRole('button', { name: 'Receive mail', exact: true }).click();
  await expect(f.locator('[role=timer]')).toHaveText('01:00 left');
});

test('free play draws its last 50 actions and says so; a saved recording keeps them all', async ({ page }) => {
  test.setTimeout(90_000);
  await open(page, '#/mail?lang=en');
  const f = freePlay(page);
  await f.getByRole('button', { name: 'Pause the clock' }).click();
  const receive = f.getByRole('button', { name: 'Receive mail', exact: true });
  for (let i = 0; i < 50; i++) await receive.click();
  const trimmed = f.locator('[data-testid=free-trimmed]');
  await expect(trimmed).toHaveCount(0);
  for (let i = 0; i < 3; i++) await receive.click();
  await expect(trimmed).toHaveText(
    'To keep the page quick, the transcript and the time chart show your last 50 actions; the 3 before them are left out here. “Save as a recording” below still keeps every line.',
  );
  // One POP3 login per action: 50 drawn, in the transcript and as arrows in the chart.
  const logins = f.locator('.record-transcript li', { hasText: /^C: PASS / });
  await expect(logins).toHaveCount(50);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    f.getByRole('button', { name: 'Save as a recording' }).click(),
  ]);
  const saved = readFileSync((await download.path()) ?? '').toString('latin1');
  expect(saved.split('PASS ********').length - 1).toBe(53);
  await f.getByRole('button', { name: 'Start over' }).click();
  await expect(trimmed).toHaveCount(0);
  await expect(logins).toHaveCount(0);
});

test("free play's clock runs by itself from the first action, pauses, and waits while the reader types", async ({ page }) => {
  await open(page, '#/mail?lang=en');
  const f = freePlay(page);
  const state = f.locator('[data-testid=free-clock-state]');
  const timer = f.locator('.allowlist [role=timer]').first();
  await expect(state).toHaveText('The clock starts with your first action.');
  await f.getByRole('button', { name: '60×' }).click();
  await f.getByRole('button', { name: 'Receive mail', exact: true }).click();
  await expect(state).toHaveText('Running at 60×.');
  // A minute of lab time a second: the countdown moves without any button.
  await expect(timer).not.toHaveText('10:00 left', { timeout: 5000 });
  await f.getByRole('button', { name: 'Pause the clock' }).click();
  await expect(state).toHaveText('Paused.');
  const stopped = await timer.textContent();
  await page.waitForTimeout(1500);
  await expect(timer).toHaveText(stopped ?? '');
  await f.getByRole('button', { name: 'Run the clock' }).click();
  await expect(timer).not.toHaveText(stopped ?? '', { timeout: 5000 });
  // Typing in the console holds the clock.
  const c = page.locator('section.console');
  await c.getByRole('button', { name: 'Connect' }).click();
  await expect(c.getByLabel('Command line')).toBeFocused();
  await expect(state).toHaveText('Paused while you type in the console.');
  const held = await f.locator('[data-testid=free-clock]').textContent();
  await page.waitForTimeout(1500);
  await expect(f.locator('[data-testid=free-clock]')).toHaveText(held ?? '');
  // The console speaks submission too: STARTTLS is a step of its own.
  await f.getByLabel('Server software').selectOption('postfix');
  await c.getByLabel('Service').selectOption('submission');
  await c.getByRole('button', { name: 'Connect' }).click();
  const input = c.getByLabel('Command line');
  for (const line of ['EHLO pc.example', 'STARTTLS']) {
    await input.fill(line);
    await input.press('Enter');
  }
  await expect(c.locator('.transcript-lines')).toContainText('S: 220 2.0.0 Ready to start TLS');
});

test("free play's allowlist counts down in place, and its clock line is written as each language writes it", async ({ page }) => {
  await open(page, '#/mail?lang=en');
  const f = freePlay(page);
  const clock = f.locator('[data-testid=free-clock]');
  await expect(clock).toHaveText('Time since the start: 00:00 The clock starts with your first action.');
  await f.getByRole('button', { name: '60×' }).click();
  await f.getByRole('button', { name: 'Receive mail', exact: true }).click();
  const row = f.locator('.allowlist-entry').first();
  const timer = row.locator('[role=timer]');
  // At 60x the countdown is already moving (a quarter of a minute every quarter second).
  await expect(timer).toHaveText(/^\d\d:\d\d left$/);
  // The clock's ticks change the row's countdown and bar in place: the row stays the same
  // element (a list built again at every tick would make the browser lay it all out again).
  await row.evaluate((li) => { (li as HTMLElement).dataset.probe = 'first'; });
  const before = (await timer.textContent()) ?? '';
  await expect(timer).not.toHaveText(before, { timeout: 5000 });
  await expect(row).toHaveAttribute('data-probe', 'first');
  await expect(row.locator('.bar-fill')).not.toHaveAttribute('style', /width: 100%/);
  // Japanese: a full-width space between the time and the state, no half-width one.
  await f.getByRole('button', { name: 'Pause the clock' }).click();
  await open(page, '#/mail?lang=ja');
  await expect(clock).toContainText('止まっています。');
  // textContent, not toHaveText, which would take the full-width space for any space.
  expect(await clock.textContent()).toMatch(/^開始からの時間：\d\d:\d\d\u3000止まっています。$/);
});

test('free play, the time chart and the handout arrive after the page, as a module of their own; if it cannot be fetched, the page says so and tries again', async ({ page, guard }) => {
  // The refused fetch is logged by the browser and by the module's loader.
  guard.expectConsoleErrors = true;
  let asked = 0;
  await page.route(/imasara-mail-later\.wasm/, async (route) => {
    asked += 1;
    if (asked === 1) await route.abort('internetdisconnected');
    else await route.continue();
  });
  await open(page, '#/mail?lang=en');
  const failed = page.locator('.later-failed');
  // Said where the time chart and free play would be, and nowhere else (as a status: two
  // alerts would be read out twice).
  await expect(failed).toHaveCount(2);
  await expect(failed.first()).toHaveAttribute('role', 'status');
  await expect(failed.first()).toContainText('This part of the page could not be loaded');
  await expect(freePlay(page)).toHaveCount(0);
  await expect(page.locator('.recording-open')).toHaveCount(0);
  // The rest of the page works without it.
  const p = player(page);
  await p.getByRole('button', { name: 'Next step' }).click();
  await expect(p.locator('.step-text')).not.toContainText('Nothing has happened yet');
  // Trying again fetches it, and every part arrives; until then the message and its
  // button stay (the button keeps the focus).
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.unroute(/imasara-mail-later\.wasm/);
  await page.route(/imasara-mail-later\.wasm/, async (route) => {
    asked += 1;
    await held;
    await route.continue();
  });
  const retry = failed.last().getByRole('button', { name: 'Try again' });
  await retry.click();
  await expect(failed.last()).toHaveAttribute('aria-busy', 'true');
  await expect(retry).toBeFocused();
  release();
  await expect(freePlay(page)).toBeVisible();
  await expect(p.locator('.record-chart svg').first()).toBeVisible();
  await expect(page.locator('.recording-open')).toHaveCount(1);
  await expect(failed).toHaveCount(0);
  expect(asked).toBe(2);
  expect(guard.consoleErrors.length).toBeGreaterThan(0);
});

test("a teacher's link that shows none of the later parts does not fetch them", async ({ page }) => {
  const later: string[] = [];
  page.on('request', (r) => {
    if (/imasara-mail-later\.wasm/.test(r.url())) later.push(r.url());
  });
  await open(page, '#/mail?panels=now,lab&lang=en');
  await expect(page.locator('.real-lab')).toBeVisible();
  await page.waitForTimeout(500);
  expect(later).toEqual([]);
  await open(page, '#/mail?panels=free&lang=en');
  await expect(freePlay(page)).toBeVisible();
  expect(later).toHaveLength(1);
});

test('when the later parts cannot be fetched, the page says so in Japanese too, also where only the player is shown', async ({ page, guard }) => {
  guard.expectConsoleErrors = true;
  await page.route(/imasara-mail-later\.wasm/, (route) => route.abort('internetdisconnected'));
  // Without the time chart and free play, the place of "Replay a real session" says it.
  await open(page, '#/mail?panels=player&lang=ja');
  await expect(page.locator('.later-failed')).toHaveCount(1);
  const failed = page.locator('.later-failed').first();
  await expect(failed).toContainText('ページのこの部分を読み込めませんでした');
  await expect(failed.getByRole('button', { name: 'もう一度読み込む' })).toBeVisible();
});

test('free-play buttons have their names in Japanese too', async ({ page }) => {
  await open(page, '#/mail?lang=ja');
  const f = freePlay(page);
  await f.getByRole('button', { name: 'メールを受信', exact: true }).click();
  await f.getByRole('button', { name: 'メールを送信', exact: true }).click();
  await expect(f.locator('[data-testid=free-result]')).toContainText('中継');
  await f.getByRole('button', { name: 'スパム送信者として送信', exact: true }).click();
  await expect(f.locator('[data-testid=free-result]')).toContainText('拒否');
});

test('the console answers typed POP3 and SMTP commands', async ({ page }) => {
  await open(page, '#/mail?lang=en');
  const c = page.locator('section.console');
  const log = c.locator('.transcript-lines');
  await expect(c.getByText('Not connected')).toBeVisible();
  await c.getByLabel('Service').selectOption('pop3');
  await c.getByRole('button', { name: 'Connect' }).click();
  await expect(log).toContainText('S: +OK Qpopper (version 4.0.3) at mail.example.net starting.');
  const input = c.getByLabel('Command line');
  await expect(input).toBeFocused();
  await input.fill('USER hanako');
  await input.press('Enter');
  await expect(log).toContainText('C: USER hanako');
  await input.fill('PASS s3cret');
  await input.press('Enter');
  await expect(log).toContainText('S: +OK hanako has 0 visible messages (0 hidden) in 0 octets.');
  // The console's login fills the same allowlist as the buttons.
  await expect(freePlay(page).locator('.allowlist [role=timer]').first()).toHaveText('10:00 left');
  await input.fill('NOOP '.repeat(200));
  await input.press('Enter');
  await input.fill('QUIT');
  await input.press('Enter');
  await expect(log).toContainText('S: +OK');
  await expect(c.getByText('The connection is closed.')).toBeVisible();

  await c.getByLabel('Connect from').selectOption('spammer');
  await c.getByLabel('Service').selectOption('smtp');
  await c.getByRole('button', { name: 'Connect' }).click();
  await expect(log).toContainText('S: 220 mail.example.net ESMTP Postfix');
  for (const line of ['HELO bulk.example', 'MAIL FROM:<winner@lottery.example>', 'RCPT TO:<taro@example.org>']) {
    await input.fill(line);
    await input.press('Enter');
  }
  await expect(log).toContainText('S: 554 <taro@example.org>: Recipient address rejected: Relay access denied');
  await snap(page, 'mail-console-en');

  // Another server: qmail 1.03 answers AUTH as an unknown command.
  await freePlay(page).getByLabel('Server software').selectOption('qmail');
  await expect(freePlay(page).locator('[data-testid=flavour-note]')).toContainText('502 unimplemented (#5.5.1)');
  await c.getByRole('button', { name: 'Connect' }).click();
  await expect(log).toContainText('S: 220 mail.example.net ESMTP');
  await input.fill('AUTH LOGIN');
  await input.press('Enter');
  await expect(log).toContainText('S: 502 unimplemented (#5.5.1)');
});

test('a deep link restores scenario, step, speed and language', async ({ page }) => {
  // At the start, the address stays plain.
  await open(page, '#/mail?lang=en');
  await expect(player(page).locator('.step-text')).toContainText('Nothing has happened yet');
  await expect.poll(() => hashOf(page)).toBe('#/mail?lang=en');

  await open(page, '#/mail?scenario=own_case&step=4&speed=10&lang=ja');
  const p = player(page);
  await expect(page.locator('main h1')).toContainText('メールを送れないのはなぜ');
  await expect(p.locator('.step-count')).toHaveText('手順4／6');
  await expect(p.locator('#scenario-pick')).toHaveValue('own_case');
  await expect(p.getByRole('button', { name: '10倍' })).toHaveAttribute('aria-pressed', 'true');
  await expect(p.locator('.transcript-lines')).toContainText('554 <taro@example.org>: Recipient address rejected: Relay access denied');
  await expect(p.locator('.decisions')).toContainText('拒否');
  await expect(p.locator('[data-testid=scenario-server]')).toContainText('Postfix-20010228-pl08');
  // The Japanese reader's mail, as a 2001 program sent it (RFC 2047, ISO-2022-JP) and as read.
  const lines = p.locator('.transcript-lines');
  await expect(lines).toContainText('Subject: Re: =?ISO-2022-JP?B?GyRCQkckQTlnJG8kOyRON28bKEI=?=');
  await expect(lines).toContainText('読み取った内容：Subject: Re: 打ち合わせの件');
  await expect(lines).toContainText('C: ⟨ESC⟩$B$*Ck$K2q$$$^$;$s$+!#⟨ESC⟩(B');
  await expect(lines).toContainText('読み取った内容：お昼に会いませんか。');
  await snap(page, 'mail-own-case-step4-ja');

  await open(page, '#/mail?scenario=nat_neighbour&step=2&speed=60&lang=en');
  await expect(p.locator('#scenario-pick')).toHaveValue('nat_neighbour');
  await expect(p.locator('.dg-nb')).toContainText('Neighbour behind the same router');
  await expect(p.locator('.decisions')).toContainText('Relayed');
  // The language switch keeps the state.
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: '日本語' }).click();
  await expect(p.locator('.step-count')).toHaveText('手順2／4');
  await expect.poll(() => hashOf(page)).toContain('scenario=nat_neighbour');
  // Choosing another scenario starts it from the beginning.
  await p.locator('#scenario-pick').selectOption('smtp_auth_instead');
  await expect(p.locator('.step-count')).toBeHidden();
  await expect.poll(() => hashOf(page)).toContain('scenario=smtp_auth_instead&step=0');
});

test('keyboard only: step, shortcuts, play and pause, free play', async ({ page }) => {
  await open(page, '#/mail?lang=en&speed=60');
  const p = player(page);
  // Tab to "Next step".
  let found = false;
  for (let i = 0; i < 80 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.textContent?.includes('Next step') ?? false);
  }
  expect(found).toBe(true);
  await page.keyboard.press('Enter');
  await expect(p.locator('.step-count')).toHaveText('Step 1 of 6');
  // Focus stays on the button; the arrow keys step while focus is in the player.
  for (const _ of [1, 2, 3]) await page.keyboard.press('ArrowRight');
  await expect(p.locator('.step-count')).toHaveText('Step 4 of 6');
  await expect(p.locator('.decisions')).toContainText('Refused');
  await page.keyboard.press('ArrowLeft');
  await expect(p.locator('.step-count')).toHaveText('Step 3 of 6');
  await page.keyboard.press('2');
  await expect(p.getByRole('button', { name: '10×' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Home');
  await expect(p.locator('.step-text')).toContainText('Nothing has happened yet');
  await page.keyboard.press('k');
  await expect(p.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(p.locator('.step-count')).toHaveText(/Step [1-6] of 6/);
  await page.keyboard.press('k');
  await expect(p.getByRole('button', { name: 'Play' })).toBeVisible();
  // The scrubber moves time with the arrow keys (no dragging needed).
  await p.locator('#scrubber').focus();
  await page.keyboard.press('End');
  await expect(p.locator('.step-count')).toHaveText('Step 6 of 6');
  // Shortcuts do nothing outside the player.
  // Keys are handled in order, so a shortcut pressed inside the player afterwards (1×)
  // proves the ones before it were handled: by then nothing may have moved.
  await page.locator('main h1').click();
  await page.keyboard.press('Home');
  await page.keyboard.press('k');
  await p.getByRole('button', { name: 'Previous step' }).focus();
  await page.keyboard.press('1');
  await expect(p.getByRole('button', { name: '1×' })).toHaveAttribute('aria-pressed', 'true');
  await expect(p.locator('.step-count')).toHaveText('Step 6 of 6');
  await expect(p.getByRole('button', { name: 'Play' })).toBeVisible();
  await expect.poll(() => hashOf(page)).toMatch(/[?&]step=6(&|$)/);
  await expect.poll(() => hashOf(page)).toMatch(/[?&]speed=1(&|$)/);
  // Free play by keyboard.
  const receive = freePlay(page).getByRole('button', { name: 'Receive mail', exact: true });
  await receive.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(freePlay(page).getByRole('button', { name: 'Send mail', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(freePlay(page).locator('[data-testid=free-result]')).toContainText('Relayed');
});

test('reduced motion: packets fade in instead of travelling, with the same information', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await open(page, '#/mail?lang=en&scenario=own_case&step=4');
  const packet = player(page).locator('.packet');
  await expect(packet).toHaveCount(1);
  const name = await packet.evaluate((el) => getComputedStyle(el).animationName);
  expect(name).toBe('appear');
  await expect(player(page).locator('.dg-now')).toContainText('221 Bye');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  const moving = await packet.evaluate((el) => getComputedStyle(el).animationName);
  expect(moving).toMatch(/^travel-/);
  // It travels by transforms alone (the compositor moves it), its track as wide as the
  // wire, and it ends flush with the wire's far end: here the client's, on the left.
  const flight = await packet.evaluate((el) => {
    const track = el.parentElement as HTMLElement;
    const wire = el.closest('.dg-wire') as HTMLElement;
    document.getAnimations().forEach((a) => a.finish());
    const [p, w] = [el.getBoundingClientRect(), wire.getBoundingClientRect()];
    return {
      track: getComputedStyle(track).animationName,
      properties: [el, track].flatMap((e) => e.getAnimations().flatMap((a) =>
        (a.effect as KeyframeEffect).getKeyframes().flatMap((k) => Object.keys(k)))),
      left: Math.round(p.left - w.left),
      wide: document.documentElement.scrollWidth <= window.innerWidth,
    };
  });
  expect(flight.track).toMatch(/^carry-left-/);
  expect(flight.properties).toContain('transform');
  expect(flight.properties.filter((k) => !['offset', 'easing', 'composite', 'computedOffset'].includes(k)).every((k) => k === 'transform')).toBe(true);
  expect(flight.left).toBe(0);
  expect(flight.wide).toBe(true);
});

test('the glossary opens at a linked term', async ({ page }) => {
  await open(page, '#/mail?lang=en');
  await page.locator('.term-links').getByRole('link', { name: 'Open relay' }).click();
  await expect(page.locator('main h1')).toHaveText('Glossary');
  await expect.poll(() => hashOf(page)).toBe('#/glossary?lang=en&term=open_relay');
  await expect(page.locator('#term-open_relay')).toBeFocused();
  await open(page, '#/glossary?lang=ja&term=relay');
  await expect(page.locator('#term-relay')).toHaveText('中継（リレー）');
  await expect(page.locator('#term-relay')).toBeFocused();
  await expect(page.locator('#term-certificate_authority')).toHaveText('認証局（CA）');
  await snap(page, 'glossary-relay-ja');
});

test('the real lab and its TLS lesson lead to the padlock page, in both languages', async ({ page }) => {
  await open(page, '#/mail?lang=en');
  const lab = page.getByRole('region', { name: 'Try it with a real mail program' });
  await expect(lab).toContainText('mail-lab');
  const steps = lab.getByRole('list', { name: 'One lesson in four steps' }).getByRole('listitem');
  await expect(steps).toHaveCount(4);
  await expect(steps.nth(0)).toContainText('unable to get local issuer certificate');
  await expect(steps.nth(2)).toContainText('Trust this root');
  await open(page, '#/mail?lang=ja');
  const ja = page.getByRole('region', { name: '本物のメールソフトで試す' });
  await expect(ja.getByRole('list', { name: '四つの手順で学ぶ' }).getByRole('listitem')).toHaveCount(4);
  await expect(ja).toContainText('「このルート証明書を信頼する」');
  await ja.getByRole('link', { name: '鍵マークのページを開く' }).click();
  await expect(page).toHaveURL(/#\/cert/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('no horizontal scrolling on a 360 px phone, mid-scenario', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const lang of ['en', 'ja']) {
    for (const scenario of ['own_case', 'nat_neighbour', 'spammer_refused']) {
      await open(page, `#/mail?lang=${lang}&scenario=${scenario}&step=2`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${scenario} ${lang}`).toBeLessThanOrEqual(0);
    }
  }
  await snap(page, 'mail-360px-ja');
  await player(page).locator('.diagram').screenshot({ path: 'artifacts/screenshots/mail-diagram-360px-ja.png' });
});

for (const colorScheme of ['light', 'dark'] as const) {
  for (const lang of ['en', 'ja']) {
    test(`axe: mail and glossary have no violations (${lang}, ${colorScheme})`, async ({ page }) => {
      test.setTimeout(120_000); // seven pages, each analysed in full
      await page.emulateMedia({ colorScheme });
      for (const route of [
        '#/mail',
        '#/mail?scenario=own_case&step=4',
        '#/mail?scenario=nat_neighbour&step=2',
        '#/mail?scenario=smtp_auth_instead&step=1',
        '#/glossary',
        '#/glossary?term=tls',
      ]) {
        await open(page, `${route}${route.includes('?') ? '&' : '?'}lang=${lang}`);
        if (route.includes('smtp_auth')) {
          await player(page).locator('#player-decode').check();
        }
        const results = await new AxeBuilder({ page }).analyze();
        expect(results.violations, `${route} ${lang} ${colorScheme}`).toEqual([]);
      }
      // Free play and console with content.
      await open(page, `#/mail?lang=${lang}`);
      await freePlay(page).locator('.free-actions button').first().click();
      await freePlay(page).locator('.free-actions button').nth(2).click();
      await page.locator('section.console .console-connect button').first().click();
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations, `free play ${lang} ${colorScheme}`).toEqual([]);
      await snap(page, `mail-${lang}-${colorScheme}`);
    });
  }
}
