// For teachers (#/teach) and the quiz (#/quiz): the lesson plans open the screens they
// name, the link builder makes links the explainers obey (and previews them), the mail
// page follows a teacher's presets, and the quiz asks, reveals, scores and prints — in
// both languages, accessibly, by keyboard.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, open, hashOf, snap } from './fixtures';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

test.setTimeout(120_000);

for (const lang of ['en', 'ja']) {
  test(`the teachers' page (${lang}): four plans, the options table, accessible and narrow`, async ({ page }) => {
    await open(page, `#/teach?lang=${lang}`);
    await expect(page.locator('article.plan')).toHaveCount(4);
    await expect(page.locator('article.plan h3')).toHaveCount(4);
    // Every plan has goals, a sequence, questions and misconceptions, each with a link.
    for (const plan of await page.locator('article.plan').all()) {
      await expect(plan.locator('h4')).toHaveCount(4);
      expect(await plan.locator('dl.misconceptions dd a').count()).toBeGreaterThanOrEqual(2);
    }
    // The table lists the keys the pages read.
    const keys = await page.locator('table.options tbody th code').allTextContents();
    for (const key of ['lang', 'embed', 'scenario', 'step', 'speed', 'predict', 'panels', 'sample', 'host', 'at', 'term']) {
      expect(keys).toContain(key);
    }
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'no horizontal scrolling at 360 px').toBeLessThanOrEqual(0);
    await snap(page, `teach-${lang}-360`);
  });
}

test('a plan link opens the step it names, in the page language', async ({ page }) => {
  await open(page, '#/teach?lang=en');
  const plan = page.locator('#plan-mail15');
  // "Go to the refused step": the link opens the player just after the refusal.
  await plan.locator('ol.plan-sequence li').nth(2).locator('a').click();
  await expect.poll(() => hashOf(page)).toContain('scenario=own_case');
  await expect(page.locator('main h1')).toContainText('Why can I send mail');
  await expect(page.getByTestId('step-text')).toContainText('no longer on the allowlist');
  // A sample link opens the padlock page with that sample.
  await page.goBack();
  await page.locator('#plan-cert15 ol.plan-sequence li').nth(1).locator('a').click();
  await expect.poll(() => hashOf(page)).toContain('sample=valid');
  await expect(page.locator('main h1')).toBeVisible();
});

test('the link builder makes the link the explainers obey, and previews it', async ({ page }) => {
  await open(page, '#/teach?lang=en');
  const link = page.locator('#b-link');
  await expect(link).toHaveValue(/#\/mail\?lang=en$/);
  // The step field says its range, and follows the scenario chosen.
  await expect(page.locator('#b-step-range')).toHaveText('0 to 6 in this scenario');
  await expect(page.locator('#b-step')).toHaveAttribute('max', '6');
  await page.locator('#b-scenario').selectOption('nat_neighbour');
  await expect(page.locator('#b-step-range')).toHaveText('0 to 4 in this scenario');
  await expect(page.locator('#b-step')).toHaveAttribute('max', '4');
  await page.locator('#b-step').fill('2');
  await page.locator('#b-speed').selectOption('60');
  await page.locator('#b-predict').uncheck();
  await page.locator('#b-panel-free').uncheck();
  await page.locator('#b-panel-lab').uncheck();
  await page.locator('#b-embed').check();
  await expect(link).toHaveValue(
    /#\/mail\?scenario=nat_neighbour&step=2&speed=60&predict=0&panels=player,chart,now&lang=en&embed=1$/,
  );
  await expect(page.locator('#b-snippet')).toHaveValue(/^<iframe src=".*embed=1" title=/);
  // The preview loads only when asked for, and shows what the link says.
  await expect(page.locator('iframe.preview')).toHaveCount(0);
  await page.getByRole('button', { name: 'Show the preview' }).click();
  const frame = page.frameLocator('iframe.preview');
  await expect(frame.locator('html[data-ready="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(frame.locator('#predict-toggle')).not.toBeChecked();
  await expect(frame.locator('.player')).toBeVisible();
  await expect(frame.locator('.free-play')).toHaveCount(0);
  await expect(frame.locator('.real-lab')).toHaveCount(0);
  await expect(frame.locator('.then-now')).toBeVisible();
  await expect(frame.getByTestId('step-text')).toContainText('neighbour');
  // The padlock page: sample, host and date.
  await page.locator('#b-page').selectOption('cert');
  await page.locator('#b-sample').selectOption('expired');
  await page.locator('#b-host').fill('expired.badssl.com');
  await page.locator('#b-at').fill('2016-01-01');
  await expect(link).toHaveValue(/#\/cert\?sample=expired&host=expired\.badssl\.com&at=2016-01-01&lang=en&embed=1$/);
  // The quiz.
  await page.locator('#b-page').selectOption('quiz');
  await page.locator('#b-quiz').selectOption('ip_change');
  await page.locator('#b-embed').uncheck();
  await page.locator('#b-lang').selectOption('ja');
  await expect(link).toHaveValue(/#\/quiz\?scenario=ip_change&lang=ja$/);
  await expect(frame.locator('main h1')).toContainText('クイズ');
});

test("the mail page follows a teacher's presets", async ({ page }) => {
  await open(page, '#/mail?predict=0&panels=player&lang=en');
  await expect(page.locator('#predict-toggle')).not.toBeChecked();
  await expect(page.locator('.player')).toBeVisible();
  await expect(page.locator('.player .record-chart')).toHaveCount(0);
  await expect(page.locator('.free-play')).toHaveCount(0);
  await expect(page.locator('.then-now')).toHaveCount(0);
  await expect(page.locator('.real-lab')).toHaveCount(0);
  // Only free play; the player's keys stay out of the URL.
  await open(page, '#/mail?panels=free&lang=en');
  await expect(page.locator('.player')).toHaveCount(0);
  await expect(page.locator('.free-play')).toBeVisible();
  // Without presets everything is there and the questions are on.
  await open(page, '#/mail?lang=en');
  await expect(page.locator('#predict-toggle')).toBeChecked();
  await expect(page.locator('.player .record-chart')).toBeVisible();
  await expect(page.locator('.real-lab')).toBeVisible();
});

test('the quiz asks, reveals with the step, scores, and is keyboard-only', async ({ page }) => {
  await open(page, '#/quiz?scenario=own_case&lang=en');
  await expect(page.locator('.quiz-progress')).toHaveText('Question 1 of 3');
  await expect(page.locator('.quiz-situation')).toContainText('taro@example.org');
  // The allowlist at that moment is shown: the reader's entry, two minutes after login.
  await expect(page.locator('.quiz-allowlist')).toContainText('203.0.113.7');
  // Keyboard only: Tab to the first answer ("Yes, it will be relayed") and press Enter.
  const yes = page.getByRole('button', { name: 'Yes, it will be relayed' });
  await yes.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.quiz-feedback')).toBeFocused();
  await expect(page.locator('.quiz-feedback .feedback')).toContainText('You were right. The server relayed it.');
  await expect(page.locator('.quiz-feedback a')).toHaveAttribute('href', /scenario=own_case&step=2/);
  expect((await new AxeBuilder({ page }).analyze()).violations, 'feedback shown').toEqual([]);
  await page.getByRole('button', { name: 'Next question' }).press('Enter');
  await expect(page.locator('.quiz-progress')).toHaveText('Question 2 of 3');
  // Ten minutes on, the entry is gone: answering "yes" is wrong.
  await expect(page.locator('.quiz-allowlist')).not.toContainText('203.0.113.7');
  await page.getByRole('button', { name: 'Yes, it will be relayed' }).click();
  await expect(page.locator('.quiz-feedback .feedback')).toContainText('Not this time. The server refused it.');
  await page.getByRole('button', { name: 'Next question' }).click();
  await page.getByRole('button', { name: 'Yes, it will be relayed' }).click();
  await page.getByRole('button', { name: 'See my score' }).click();
  await expect(page.locator('#quiz-score')).toHaveText('You answered 2 of 3 correctly.');
  await expect(page.locator('#quiz-score')).toBeFocused();
  await expect(page.locator('.quiz-review li')).toHaveCount(3);
  await expect(page.locator('.quiz-review li').nth(1)).toContainText('Not this time.');
  expect((await new AxeBuilder({ page }).analyze()).violations, 'score shown').toEqual([]);
  await page.getByRole('button', { name: 'Start again' }).click();
  await expect(page.locator('.quiz-progress')).toHaveText('Question 1 of 3');
  // The whole quiz, every scenario, in Japanese.
  await page.locator('#quiz-scenario').selectOption('');
  await expect.poll(() => hashOf(page)).not.toContain('scenario=');
  await open(page, '#/quiz?lang=ja');
  await expect(page.locator('.quiz-progress')).toHaveText(/^第1問（全\d+問）$/);
  const total = Number((await page.locator('.quiz-progress').textContent())!.match(/全(\d+)問/)![1]);
  expect(total).toBeGreaterThanOrEqual(9);
  for (let i = 0; i < total; i++) {
    await page.getByRole('button', { name: 'いいえ、拒否される' }).click();
    await page.locator('.quiz-feedback button').click();
  }
  await expect(page.locator('#quiz-score')).toHaveText(new RegExp(`^${total}問中\\d+問正解でした。$`));
});

test('the quiz prints as an answer sheet', async ({ page }) => {
  await open(page, '#/quiz?scenario=own_case&lang=en');
  const sheet = page.locator('details.answer-sheet');
  await expect(sheet).not.toHaveAttribute('open', '');
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  mkdirSync('artifacts', { recursive: true });
  await page.pdf({ path: 'artifacts/quiz-own-case-en.pdf', format: 'A4' });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  const text = execFileSync('pdftotext', ['-layout', 'artifacts/quiz-own-case-en.pdf', '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain('Answer sheet');
  expect(text).toContain('The server refused it.');
  expect(text.match(/The server relayed it\./g)?.length).toBe(2);
  // The questions' buttons are not printed.
  expect(text).not.toContain('Yes, it will be relayed');
});
