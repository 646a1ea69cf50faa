// The padlock page beyond certificates: a certificate signing request and a revocation
// list, each in its own section with what was checked, and the embedded SCTs named by
// their Certificate Transparency logs, in both languages.
// Fixtures: tests/fixtures/cert/documents (made by its generate.sh on 2026-12-03).
import { readFileSync } from 'node:fs';
import { test, expect, open } from './fixtures';

const FIX = 'tests/fixtures/cert';
const pem = (path: string) => readFileSync(`${FIX}/${path}`, 'utf8');

// After the list was issued, before its next update (2036).
test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date('2027-01-10T12:00:00Z'));
});

test('a signing request is read, its names listed and its own signature checked', async ({ page }) => {
  await open(page, '#/cert?lang=en');
  await page.locator('#cert-paste').fill(pem('documents/request.csr'));
  const section = page.getByRole('region', { name: 'Certificate signing request 1' });
  await expect(section).toBeVisible();
  await expect(section.locator('.document-status.good')).toContainText(
    'Its signature checks out with the key it carries',
  );
  await expect(section).toContainText('O=imasara test, CN=shop.example.test');
  await expect(section).toContainText('dns:www.shop.example.test');
  await expect(page.locator('.verdict li[data-code="document_read"]')).toContainText(
    'The input holds a certificate signing request (CSR), not a certificate',
  );
  await expect(page.locator('[data-code="no_certificate"]')).toHaveCount(0);

  await open(page, '#/cert?lang=ja');
  await page.locator('#cert-paste').fill(pem('documents/request.csr'));
  const ja = page.getByRole('region', { name: '証明書署名要求1' });
  await expect(ja.locator('.document-status.good')).toContainText('中に入っている公開鍵で正しく検証できます');
});

test('a revocation list is checked with its pasted issuer and names the revoked certificate', async ({ page }) => {
  const input = [pem('documents/revoked-leaf.pem'), pem('documents/kept-leaf.pem'), pem('documents/root.pem'), pem('documents/list.pem')].join('\n');
  await open(page, '#/cert?lang=en');
  await page.locator('#cert-paste').fill(input);
  const section = page.getByRole('region', { name: 'Certificate revocation list 1' });
  await expect(section).toBeVisible();
  const lines = section.locator('.document-status');
  await expect(lines.nth(0)).toContainText('Its signature checks out with the key of certificate 3');
  await expect(lines.nth(1)).toContainText('On 2027-01-10 12:00 UTC, the time the page judges at, it is current');
  await expect(section.locator('.document-status.bad')).toContainText(
    'It revokes certificate 1 (shop.example.test): since 2026-12-03',
  );
  await expect(section.locator('.document-status.bad')).toContainText('reason keyCompromise');
  await section.locator('.crl-entries summary').click();
  await expect(section.getByRole('table')).toContainText('1001');
  await section.screenshot({ path: 'artifacts/screenshots/cert-revocation-list.png' });

  // Without its issuer the signature cannot be checked, and the page says what to paste.
  await page.locator('#cert-paste').fill(pem('documents/list.pem'));
  await expect(page.getByRole('region', { name: 'Certificate revocation list 1' }).locator('.document-status').first()).toContainText(
    'no pasted certificate is its issuer',
  );

  await open(page, '#/cert?lang=ja');
  await page.locator('#cert-paste').fill(input);
  const ja = page.getByRole('region', { name: '証明書失効リスト1' });
  await expect(ja.locator('.document-status.bad')).toContainText('を失効させています');
  await expect(ja.locator('.document-status').first()).toContainText('公開鍵で正しく検証できます');
});

test('each embedded SCT names its log and operator, with the log list date, its signature checked', async ({ page }) => {
  await open(page, '#/cert?lang=en');
  await page.locator('#cert-paste').fill(pem('badssl/wildcard-rsa2048.pem'));
  const leaf = page.locator('.cert-details').first();
  await leaf.locator('summary').first().click();
  const field = leaf.locator('[data-field="scts"]');
  await expect(field).toContainText("Google 'Skydiver' log, run by Google: rejected since 2023-06-02; signed with ECDSA with SHA-256; the log's signature verifies");
  await expect(field).toContainText('log list gives them on 2025-05-05 (version 53.34)');
  await expect(field).not.toContainText('does not verify');

  // The leaf alone: the log signed a hash of the issuer's key, which the input lacks.
  await page.goto('about:blank');
  await open(page, '#/cert?lang=en');
  const leafOnly = pem('badssl/wildcard-rsa2048.pem').split('-----END CERTIFICATE-----')[0] + '-----END CERTIFICATE-----\n';
  await page.locator('#cert-paste').fill(leafOnly);
  const alone = page.locator('.cert-details').first();
  await alone.locator('summary').first().click();
  await expect(alone.locator('[data-field="scts"]')).toContainText('its signature is not checked: the log signed a hash of the issuer');

  // A fresh page in Japanese.
  await page.goto('about:blank');
  await open(page, '#/cert?lang=ja');
  await page.locator('#cert-paste').fill(pem('badssl/wildcard-rsa2048.pem'));
  const ja = page.locator('.cert-details').first();
  await ja.locator('summary').first().click();
  await expect(ja.locator('[data-field="scts"]')).toContainText("Google 'Skydiver' log（運営：Google）：不採用（2023-06-02から）");
  await expect(ja.locator('[data-field="scts"]')).toContainText('ログの署名を検証し、正しいことを確かめました');
});

test('the bytes and the ASN.1 structure point at each other, by mouse and keyboard', async ({ page }) => {
  await open(page, '#/cert?sample=ev&lang=en');
  const leaf = page.locator('.cert-details').first();
  await leaf.locator('summary').first().click();
  await leaf.locator('.asn1-structure summary').click();
  const tree = leaf.locator('.asn1');
  await expect(tree.getByRole('button').first()).toContainText('SEQUENCE, ');
  await expect(tree).toContainText('OBJECT IDENTIFIER');
  await expect(tree).toContainText('2.5.4.3 CN');
  // A field's bytes mark its element in the tree.
  await leaf.locator('.field[data-field="subject"]').getByRole('button', { name: 'Highlight its bytes' }).click();
  const pressed = tree.locator('button[aria-pressed="true"]');
  await expect(pressed).toHaveCount(1);
  await expect(pressed).toContainText('SEQUENCE');
  await expect(leaf.locator('.der p[role="status"]')).toContainText('Highlighted: Subject');
  // The tree is one tab stop; the arrow keys walk it. An element chosen from the keyboard
  // highlights its bytes, and names its field.
  await expect(tree.locator('button[tabindex="0"]')).toHaveCount(1);
  await tree.getByRole('button').first().focus();
  await page.keyboard.press('ArrowDown'); // TBSCertificate
  await page.keyboard.press('ArrowDown'); // [0] version
  await page.keyboard.press('ArrowDown'); // INTEGER 2
  await page.keyboard.press('ArrowDown'); // the serial number
  const serial = tree.getByRole('button', { name: /^INTEGER, \d+ bytes at 13: / });
  await expect(serial).toBeFocused();
  await expect(tree.locator('button[tabindex="0"]')).toHaveCount(1);
  await expect(serial).toHaveAttribute('tabindex', '0');
  await page.keyboard.press('Enter');
  await expect(serial).toHaveAttribute('aria-pressed', 'true');
  await expect(pressed).toHaveCount(1);
  await expect(leaf.locator('.der p[role="status"]')).toContainText('Highlighted: Serial number');
  await expect(leaf.locator('.hex mark')).not.toBeEmpty();
  await page.keyboard.press('End');
  await expect(tree.getByRole('button').last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(tree.getByRole('button').first()).toBeFocused();
  // An element that is no field of its own still highlights, and its bytes can be copied.
  await tree.getByRole('button', { name: /^OBJECT IDENTIFIER, 5 bytes at \d+: 2\.5\.4\.3 CN$/ }).first().click();
  await expect(leaf.locator('.der p[role="status"]')).toContainText('Highlighted: an element of 5 bytes at offset');
  await expect(leaf.locator('.der').getByRole('button', { name: 'Copy' })).toBeVisible();
  await expect(leaf.locator('.hex mark')).toHaveText('06 03 55 04 03 ');

  await page.goto('about:blank');
  await open(page, '#/cert?sample=ev&lang=ja');
  const ja = page.locator('.cert-details').first();
  await ja.locator('summary').first().click();
  await ja.locator('.asn1-structure summary').click();
  await expect(ja.locator('.asn1').getByRole('button').first()).toContainText('SEQUENCE（オフセット0、');
});
