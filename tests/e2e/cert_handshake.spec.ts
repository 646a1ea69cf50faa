// Keys a browser cannot use in the TLS handshake: the page's verdict against what this
// very Chromium says when it connects to a TLS server on OpenSSL 3 (Node's `tls`, as
// `openssl s_server` answers too) serving the same certificate.
// For these the connection breaks off before any certificate check (no warning page), so
// the error is the same whether or not the certificate is trusted:
//   - ECDSA on P-521, Ed25519 and an RSA-PSS key (id-RSASSA-PSS): Chrome offers no TLS
//     signature for them (BoringSSL's kVerifySignatureAlgorithms), the server finds none
//     to sign with, and Chrome says ERR_SSL_VERSION_OR_CIPHER_MISMATCH;
//   - an EC key whose curve is written out rather than named: BoringSSL cannot read the
//     key in the server's Certificate message, and Chrome says ERR_SSL_PROTOCOL_ERROR.
// And a P-256 key for contrast: the handshake completes, the untrusted certificate gets
// Chrome's warning (ERR_CERT_AUTHORITY_INVALID), and the page says the same.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from './fixtures';
import { pageNamesWhatChromiumSays } from './chromium_says';

const dir = mkdtempSync(join(tmpdir(), 'imasara-handshake-'));

/** A self-signed certificate for localhost with a new key: `keyArgs` make the key. */
function made(name: string, keyArgs: string[]): { cert: string; key: string } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  execFileSync('openssl', [...keyArgs, '-out', key], { stdio: 'ignore' });
  execFileSync('openssl', ['req', '-x509', '-new', '-key', key, '-out', cert, '-days', '30',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost',
    '-addext', 'basicConstraints=critical,CA:FALSE'], { stdio: 'ignore' });
  return { cert, key };
}

const cases: { name: string; keyArgs: string[]; chrome: string }[] = [
  { name: 'P-256', keyArgs: ['ecparam', '-name', 'prime256v1', '-genkey', '-noout'], chrome: 'ERR_CERT_AUTHORITY_INVALID' },
  { name: 'P-521', keyArgs: ['ecparam', '-name', 'secp521r1', '-genkey', '-noout'], chrome: 'ERR_SSL_VERSION_OR_CIPHER_MISMATCH' },
  { name: 'Ed25519', keyArgs: ['genpkey', '-algorithm', 'ed25519'], chrome: 'ERR_SSL_VERSION_OR_CIPHER_MISMATCH' },
  { name: 'RSA-PSS', keyArgs: ['genpkey', '-algorithm', 'RSA-PSS', '-pkeyopt', 'rsa_keygen_bits:2048'], chrome: 'ERR_SSL_VERSION_OR_CIPHER_MISMATCH' },
  { name: 'P-521 written out', keyArgs: ['ecparam', '-name', 'secp521r1', '-param_enc', 'explicit', '-genkey', '-noout'], chrome: 'ERR_SSL_VERSION_OR_CIPHER_MISMATCH' },
  { name: 'a curve written out', keyArgs: ['ecparam', '-name', 'prime256v1', '-param_enc', 'explicit', '-genkey', '-noout'], chrome: 'ERR_SSL_PROTOCOL_ERROR' },
];

for (const [i, c] of cases.entries()) {
  // A port of its own for each case.
  const port = 4661 + i;
  test(`a site key on ${c.name}: the page names what Chromium says (${c.chrome})`, async ({ page }) => {
    const { cert, key } = made(c.name.replace(/\W+/g, '-'), c.keyArgs);
    const pem = readFileSync(cert, 'utf8');
    await pageNamesWhatChromiumSays(page, port, { key: readFileSync(key), cert: pem }, pem, c.chrome);
  });
}
