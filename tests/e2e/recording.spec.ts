// Recordings (#17 part 2): free play saved as a file and opened in the player; a session
// mail-lab recorded from Python's poplib and smtplib, played in both languages; a file
// dropped on the box; foreign and damaged files answered in words.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test, expect, open, snap, hashOf } from './fixtures';

/** Recorded by mail-lab from Python's poplib and smtplib (tests/fixtures/recordings/README.md). */
const LAB_RECORDING = 'tests/fixtures/recordings/python-lesson.mailrec';

const player = (page: Page) => page.locator('section.player');

/** Unfolds "Replay a real session" below the player, as a reader does. */
async function unfold(page: Page) {
  const opener = player(page).locator('details.recording-open');
  await opener.locator('summary').click();
  await expect(opener).toHaveAttribute('open', '');
}
const freePlay = (page: Page) => page.locator('section.free-play');

/** Steps forward until the player is at its last step; the transcript then. */
async function stepToEnd(page: Page) {
  const p = player(page);
  const next = p.getByRole('button', { name: 'Next step' });
  for (let i = 0; i < 40 && (await next.isEnabled()); i++) {
    await next.click();
  }
  return p.locator('.transcript-lines').innerText();
}

test('free play saved as a recording plays in the player, passwords masked', async ({ page }) => {
  await open(page, '#/mail?lang=en&predict=0');
  const f = freePlay(page);
  await f.getByRole('button', { name: 'Save as a recording' }).click();
  await expect(f.locator('[data-testid=free-save-status]')).toHaveText(/Nothing to save yet/);
  await f.getByRole('button', { name: 'Pause the clock' }).click();
  await f.getByRole('button', { name: 'Receive mail', exact: true }).click();
  await f.getByRole('button', { name: 'Send mail', exact: true }).click();
  await f.getByRole('button', { name: 'Jump past the window' }).click();
  await f.getByRole('button', { name: 'Send mail', exact: true }).click();
  await f.getByRole('button', { name: 'Send as spammer' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    f.getByRole('button', { name: 'Save as a recording' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('free-play.mailrec');
  await expect(f.locator('[data-testid=free-save-status]')).toHaveText('Saved as free-play.mailrec.');
  const saved = await download.path();

  const p = player(page);
  await unfold(page);
  await p.locator('#recording-file').setInputFiles(saved);
  const about = p.locator('[data-testid=recording-playing]');
  await expect(about).toContainText('Playing a recording made by free play on this page');
  await expect(about).toContainText('Passwords were masked');
  // The scenario picker gives way to the recording, and the URL names no scenario.
  await expect(p.locator('#scenario-pick')).toHaveCount(0);
  await expect.poll(() => hashOf(page)).not.toContain('scenario=');
  await p.getByRole('button', { name: 'Next step' }).click();
  await expect(p.locator('.step-text')).toHaveText(
    'A mail program at 203.0.113.7 connects to POP3 to receive mail.',
  );
  await expect(p.locator('[role=timer]')).toBeVisible();
  await p.getByRole('button', { name: 'Next step' }).click();
  await expect(p.locator('.step-text')).toContainText('It greets the server as pc.example.');
  const transcript = await stepToEnd(page);
  expect(transcript).toContain('C: PASS ********');
  expect(transcript).not.toContain('s3cret');
  // The send after the window, refused in the 2001 server's words; then the spammer,
  // refused from its own address.
  expect(transcript).toContain('554 <taro@example.org>: Recipient address rejected: Relay access denied');
  await expect(p.locator('.step-text')).toContainText('A mail program at 198.51.100.66');
  // The printed handout is the recording's: its title, each session's words and lines.
  const handout = p.locator('.handout');
  await expect(handout.locator('h2')).toContainText('A recorded session');
  await expect(handout).toContainText('A mail program at 203.0.113.7 connects to POP3 to receive mail.');
  await expect(handout).toContainText('C: PASS ********');
  await snap(page, 'mail-recording-free-play-en');
  const results = await new AxeBuilder({ page }).include('section.player').analyze();
  expect(results.violations).toEqual([]);

  // Back to the scenarios: the picker and the reader's own case again.
  await p.getByRole('button', { name: 'Back to the scenarios' }).click();
  await expect(p.locator('#scenario-pick')).toBeVisible();
  await expect(p.locator('.step-text')).toContainText('Nothing has happened yet');
});

test("mail-lab's recording of real clients plays in Japanese, naming the client", async ({ page }) => {
  await open(page, '#/mail?lang=ja&predict=0');
  const p = player(page);
  await unfold(page);
  await p.locator('#recording-file').setInputFiles(LAB_RECORDING);
  const about = p.locator('[data-testid=recording-playing]');
  await expect(about).toContainText('mail-labで');
  await expect(about).toContainText('mail.example.net');
  await p.getByRole('button', { name: '次の手順' }).click();
  await expect(p.locator('.step-text')).toHaveText(
    '127.0.0.1のメールソフトが、メールを受信するためにPOP3に接続します。',
  );
  await p.getByRole('button', { name: '次の手順' }).click();
  // The message it sent names the program (an X-Mailer header).
  await expect(p.locator('.step-text')).toContainText('SMTP（25番ポート）に接続します。');
  await expect(p.locator('.step-text')).toContainText('ソフトの名前が「Python smtplib」と書かれています。');
  await snap(page, 'mail-recording-lab-ja');
});

test('a recording dropped on the box opens too', async ({ page }) => {
  await open(page, '#/mail?lang=en&predict=0');
  const bytes = [...readFileSync(LAB_RECORDING)];
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], 'lesson.mailrec'));
    document
      .querySelector('.recording-open')!
      .dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, bytes);
  await expect(player(page).locator('[data-testid=recording-playing]')).toContainText('made by mail-lab');
});

test('foreign, damaged and empty files are answered in words, and the player goes on', async ({ page }) => {
  await open(page, '#/mail?lang=en');
  const p = player(page);
  const error = p.locator('.recording-error');
  await unfold(page);
  const cases: [string, Buffer, RegExp][] = [
    ['cert.pem', Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'), /not a mail-lab recording/],
    ['empty.mailrec', Buffer.alloc(0), /The file is empty/],
    ['newer.mailrec', Buffer.from('imasara mail recording 9\n\x01\x02'), /another version of mail-lab/],
    ['damaged.mailrec', Buffer.from('imasara mail recording 1\n\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff'), /cannot be read/],
    ['garbage.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /not a mail-lab recording/],
  ];
  for (const [name, buffer, message] of cases) {
    await p.locator('#recording-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
    await expect(error).toHaveText(message);
    await expect(p.locator('#scenario-pick')).toBeVisible();
  }
  // Over 8 MB is refused before it is read.
  await p.locator('#recording-file').setInputFiles({
    name: 'huge.mailrec',
    mimeType: 'application/octet-stream',
    buffer: Buffer.alloc(9 * 1024 * 1024, 0x61),
  });
  await expect(error).toHaveText(/larger than 8 MB/);
  // A good file afterwards clears the message.
  await p.locator('#recording-file').setInputFiles(LAB_RECORDING);
  await expect(p.locator('[data-testid=recording-playing]')).toBeVisible();
  await expect(error).toHaveText('');
});
