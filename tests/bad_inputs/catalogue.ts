// The bad-input catalogue: what a reader may throw at the page, and the exact words the
// page answers with, in English and Japanese. Each case is run by
// tests/e2e/bad_inputs.spec.ts on the release build, in both languages, through the same
// controls a reader uses (paste box, file picker, address bar, mail console).
//
// The private keys in this folder were made for this catalogue only (openssl genpkey,
// ssh-keygen) and protect nothing; the page must refuse to read them all the same.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIX = join(HERE, '..', 'fixtures', 'cert');
const here = (name: string) => readFileSync(join(HERE, name));
const fixture = (path: string) => readFileSync(join(FIX, path));

/** The first PEM certificate of a fixture, and its DER. */
function firstPem(path: string): string {
  const text = fixture(path).toString('utf8');
  const end = '-----END CERTIFICATE-----';
  const start = text.indexOf('-----BEGIN CERTIFICATE-----');
  return text.slice(start, text.indexOf(end, start) + end.length) + '\n';
}
function derOf(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

const LEAF = firstPem('real-chains/amazon.com.pem');
const LEAF_DER = derOf(LEAF);

/** Where the page's answer appears. */
export type Where =
  | 'status' // the line under the paste box (.input-status)
  | 'key' // the private-key warning (.key-warning)
  | 'finding' // one of the findings listed with the verdict (.verdict li)
  | 'page' // the page's main heading (main h1)
  | 'console' // the mail console's log (.console .transcript-lines)
  | 'notice' // the padlock page's note on a date in the link it cannot read (#cert-at-unreadable)
  | 'field'; // a form field's value: `selector` names it

export type Input =
  | { paste: string } // typed or pasted into the paste box (one input event)
  | { file: { name: string; bytes: Buffer } } // chosen with the file picker
  | { url: string } // opened from the address bar (a route with its query)
  | { console: { service: 'pop3' | 'smtp'; lines: string[] } }; // typed into the mail console

export interface Case {
  id: string;
  /** What is wrong with the input, in a few words. */
  what: string;
  input: Input;
  where: Where;
  selector?: string;
  /** The exact text shown (the element's whole text for `status`, `page` and `field`; a
   * line or list item for the others). */
  en: string;
  ja: string;
}

const blockOf = (label: string, body: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
const lines64 = (b64: string) => b64.match(/.{1,64}/g)!.join('\n');
const base64 = lines64(LEAF_DER.toString('base64'));

/** A deterministic stream of bytes that is no format at all (xorshift). */
function garbage(length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = 0x2545f491;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const PUTTY = [
  'PuTTY-User-Key-File-3: ssh-ed25519',
  'Encryption: none',
  'Comment: throwaway test key',
  'Public-Lines: 2',
  'AAAAC3NzaC1lZDI1NTE5AAAAIMG4SrJc3SYe4fA5pkS2E9Dj0X4Z1aRXUj1+7qG1',
  'bGxh',
  'Private-Lines: 1',
  'AAAAIBPb0ey3bYFHg2Qh0Ltl2nNX5Dsz7CgWyqHAbuNS3Hl0',
  'Private-MAC: 5a3c7e7f3b0f8b2e4d1c9a6b7e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f',
].join('\n');
const JWK =
  '{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",' +
  '"y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cLSG4l3hPMQ8dJN6BfDqbU"}';

const TEN_MB = 10 * 1024 * 1024;

export const CASES: Case[] = [
  // The paste box.
  { id: 'plain-text', what: 'text that is no certificate', input: { paste: 'hello, this is my password' }, where: 'finding', en: "This text has no -----BEGIN …----- line, so it holds no PEM block.", ja: "このテキストには「-----BEGIN …-----」の行がないため、PEMのブロックが含まれていません。" },
  { id: 'truncated-pem', what: 'a PEM block cut off before its END line', input: { paste: LEAF.slice(0, 700) }, where: 'finding', en: "The CERTIFICATE block that begins on line 1 has no END line.", ja: "1行目から始まるCERTIFICATEのブロックに、ENDの行がありません。" },
  { id: 'damaged-base64', what: 'a character in the base64 that base64 does not have', input: { paste: LEAF.slice(0, 300) + '!' + LEAF.slice(301) }, where: 'finding', en: "The text of a block is damaged at character 269: it is not valid base64 there. It may have been cut or edited.", ja: "ブロックの269文字目が、base64として正しくありません。途中で切れたか、書き換えられた可能性があります。" },
  { id: 'label-mismatch', what: 'BEGIN CERTIFICATE ended by END X509 CRL', input: { paste: LEAF.replace('END CERTIFICATE', 'END X509 CRL') }, where: 'finding', en: "A block begins as CERTIFICATE but ends as X509 CRL.", ja: "CERTIFICATEで始まるブロックが、X509 CRLで終わっています。" },
  { id: 'base64-without-lines', what: "a certificate's base64 without BEGIN and END lines", input: { paste: base64 }, where: 'finding', en: "Text without BEGIN and END lines was read as a certificate.", ja: "BEGINとENDの行がないテキストを、証明書として読み取りました。" },
  { id: 'rsa-private-key', what: 'an RSA private key (PKCS#1 PEM)', input: { paste: here('rsa-pkcs1.pem').toString() }, where: 'key', en: "This is a private key: keep it secret", ja: "秘密鍵が含まれています。他人に見せてはいけない鍵です" },
  { id: 'pkcs8-private-key', what: 'an Ed25519 private key (PKCS#8 PEM)', input: { paste: here('ed25519-pkcs8.pem').toString() }, where: 'key', en: "This is a private key: keep it secret", ja: "秘密鍵が含まれています。他人に見せてはいけない鍵です" },
  { id: 'encrypted-private-key', what: 'an encrypted private key (PKCS#8)', input: { paste: here('ed25519-encrypted.pem').toString() }, where: 'key', en: "This is a private key: keep it secret", ja: "秘密鍵が含まれています。他人に見せてはいけない鍵です" },
  { id: 'openssh-private-key', what: 'an OpenSSH private key', input: { paste: here('openssh-ed25519.key').toString() }, where: 'key', en: "This is a private key: keep it secret", ja: "秘密鍵が含まれています。他人に見せてはいけない鍵です" },
  { id: 'putty-private-key', what: 'a PuTTY key file', input: { paste: PUTTY }, where: 'key', en: "This is a private key: keep it secret", ja: "秘密鍵が含まれています。他人に見せてはいけない鍵です" },
  { id: 'jwk-private-key', what: 'a JSON Web Key with its private part', input: { paste: JWK }, where: 'key', en: "This is a private key: keep it secret", ja: "秘密鍵が含まれています。他人に見せてはいけない鍵です" },
  { id: 'private-key-base64', what: "a private key's base64 without BEGIN and END lines", input: { paste: lines64(here('rsa-pkcs1.der').toString('base64')) }, where: 'key', en: "This is a private key: keep it secret", ja: "秘密鍵が含まれています。他人に見せてはいけない鍵です" },
  { id: 'key-beside-certificate', what: 'a certificate and its private key in one paste', input: { paste: LEAF + here('rsa-pkcs1.pem').toString() }, where: 'status', en: "Found 1 certificate(s) in 1 block(s).", ja: "1個のブロックから、証明書が1枚見つかりました。" },
  { id: 'certificate-request', what: 'a certificate signing request', input: { paste: here('request.csr').toString() }, where: 'finding', en: "The input holds a certificate signing request (CSR), not a certificate: it is shown on its own below.", ja: "入力には、証明書ではなく証明書署名要求（CSR）が入っています。下に、別に表示します。" },
  { id: 'certificate-request-cut', what: 'a certificate signing request cut after its first line', input: { paste: here('request.csr').toString().split('\n').slice(0, 2).join('\n') + '\n-----END CERTIFICATE REQUEST-----\n' }, where: 'finding', en: "A block is labelled as a certificate signing request (CSR), but its bytes do not read as one.", ja: "証明書署名要求（CSR）と書かれたブロックがありますが、中身をそのように読み取れません。" },
  { id: 'public-key', what: 'a public key', input: { paste: here('public-key.pem').toString() }, where: 'finding', en: "A PUBLIC KEY block is a public key, not a certificate; it was skipped.", ja: "PUBLIC KEYのブロックは公開鍵で、証明書ではないため読み飛ばしました。" },
  { id: 'ten-mb-of-text', what: '10 MB of text', input: { paste: 'A'.repeat(TEN_MB) }, where: 'status', en: "Read a paste of 10.5 MB; the box was emptied to keep the page quick. Found 0 certificate(s) in 1 block(s).", ja: "貼り付けられた10.5 MBを読み取りました。ページの動作が重くならないよう、入力欄は空にしました。1個のブロックから、証明書が0枚見つかりました。" },
  { id: 'ten-mb-of-empty-blocks', what: '10 MB of empty PEM blocks', input: { paste: '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n'.repeat(Math.floor(TEN_MB / 54)) }, where: 'finding', en: "9,980 more findings like the one above are not listed one by one.", ja: "同じ内容の指摘がほかに9,980件あります。一つずつは挙げていません。" },
  { id: 'binary-pasted', what: 'binary garbage pasted as text', input: { paste: garbage(4096).toString('latin1') }, where: 'finding', en: "These bytes are neither PEM text nor a binary (DER) certificate.", ja: "このデータは、PEMのテキストでも、バイナリー（DER）形式の証明書でもありません。" },
  // The file picker.
  { id: 'garbage-file', what: 'a file of random bytes', input: { file: { name: 'photo.jpg', bytes: garbage(20000) } }, where: 'finding', en: "These bytes are neither PEM text nor a binary (DER) certificate.", ja: "このデータは、PEMのテキストでも、バイナリー（DER）形式の証明書でもありません。" },
  { id: 'truncated-der', what: 'a DER certificate cut in half', input: { file: { name: 'cut.der', bytes: LEAF_DER.subarray(0, LEAF_DER.length >> 1) } }, where: 'finding', en: "A certificate could not be decoded: at byte 0 there is no complete DER element.", ja: "証明書を読み取れませんでした。0バイト目に、完結したDERの要素がありません。" },
  { id: 'der-with-trailing-bytes', what: 'a DER certificate with bytes after it', input: { file: { name: 'extra.der', bytes: Buffer.concat([LEAF_DER, Buffer.from('trailing junk')]) } }, where: 'finding', en: "13 extra bytes follow a certificate; they were ignored.", ja: "証明書の後ろに余分なデータが13バイトあったため、無視しました。" },
  { id: 'private-key-der-file', what: 'a private key as a DER file', input: { file: { name: 'server.key', bytes: here('rsa-pkcs1.der') } }, where: 'key', en: "This is a private key: keep it secret", ja: "秘密鍵が含まれています。他人に見せてはいけない鍵です" },
  { id: 'empty-file', what: 'an empty file', input: { file: { name: 'empty.pem', bytes: Buffer.alloc(0) } }, where: 'status', en: "Read from files: empty.pem. Found 0 certificate(s) in 0 block(s).", ja: "次のファイルを読み込みました：empty.pem。0個のブロックから、証明書が0枚見つかりました。" },
  { id: 'utf16-file', what: 'a PEM file saved as UTF-16', input: { file: { name: 'utf16.pem', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LEAF, 'utf16le')]) } }, where: 'status', en: "Read from files: utf16.pem. Found 1 certificate(s) in 1 block(s).", ja: "次のファイルを読み込みました：utf16.pem。1個のブロックから、証明書が1枚見つかりました。" },
  // The address bar.
  { id: 'impossible-date', what: 'a date that does not exist in a link', input: { url: '#/cert?sample=expired&at=2026-13-45' }, where: 'field', selector: '#cert-at', en: "2026-06-15", ja: "2026-06-15" },
  { id: 'impossible-date-said', what: 'a date that does not exist in a link is named, not ignored', input: { url: '#/cert?sample=expired&at=2026-13-45' }, where: 'notice', en: "The link asks for the date “2026-13-45”, which is no date in the calendar: judged as of today instead. Choose a date above.", ja: "リンクで指定された判定日「2026-13-45」は、暦にない日付です。代わりに今日を判定日にしています。上の欄で判定日を選んでください。" },
  { id: 'huge-host', what: 'a host name of 100,000 characters in a link', input: { url: '#/cert?sample=valid&host=' + 'a'.repeat(100_000) }, where: 'finding', en: "This is not a valid host name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ja: "ホスト名として正しくありません：aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
  { id: 'unknown-sample', what: 'a sample that does not exist', input: { url: '#/cert?sample=../../etc/passwd' }, where: 'status', en: "Paste a certificate or pick a sample to begin.", ja: "証明書を貼り付けるか、サンプルを選んでください。" },
  { id: 'unknown-page', what: 'a page that does not exist', input: { url: '#/admin/login' }, where: 'page', en: "There is no such page", ja: "お探しのページはありません" },
  { id: 'nonsense-player-state', what: 'a scenario, step and speed that do not exist', input: { url: '#/mail?scenario=nope&step=-5&speed=1e309' }, where: 'field', selector: '#scenario-pick', en: "own_case", ja: "own_case" },
  // The mail console: the server's own words, the same in both languages.
  { id: 'full-width-command', what: 'a command typed in full-width letters', input: { console: { service: 'smtp', lines: ['ＥＨＬＯ pc.example'] } }, where: 'console', en: "S: 502 Error: command not implemented", ja: "S: 502 Error: command not implemented" },
  { id: 'overlong-recipient', what: 'a recipient address longer than the console takes', input: { console: { service: 'smtp', lines: ['EHLO pc.example', 'MAIL FROM:<hanako@example.net>', 'RCPT TO:<' + 'x'.repeat(1000) + '@example.org>'] } }, where: 'console', en: "S: 501 Bad address syntax", ja: "S: 501 Bad address syntax" },
  { id: 'auth-not-base64', what: 'AUTH PLAIN with text that is not base64', input: { console: { service: 'smtp', lines: ['EHLO pc.example', 'AUTH PLAIN !!!!'] } }, where: 'console', en: "S: 503 Error: authentication not enabled", ja: "S: 503 Error: authentication not enabled" },
  { id: 'data-before-mail', what: 'DATA before any MAIL FROM', input: { console: { service: 'smtp', lines: ['EHLO pc.example', 'DATA'] } }, where: 'console', en: "S: 503 Error: need RCPT command", ja: "S: 503 Error: need RCPT command" },
  { id: 'pass-before-user', what: 'POP3 PASS before USER', input: { console: { service: 'pop3', lines: ['PASS s3cret'] } }, where: 'console', en: "S: -ERR Unknown command: \"pass\".", ja: "S: -ERR Unknown command: \"pass\"." },
];
