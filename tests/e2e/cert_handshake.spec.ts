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
//   - a keyUsage without digitalSignature: in TLS 1.3 the server signs with its key, and
//     BoringSSL refuses the certificate as it reads it (ssl_cert_check_key_usage), so
//     Chrome says ERR_SSL_KEY_USAGE_INCOMPATIBLE, for ECDSA and RSA keys alike;
//   - a keyUsage not written as DER requires (a byte after its BIT STRING, 8 unused bits,
//     an unused bit set): BoringSSL cannot read the certificate (SSL_R_CANNOT_PARSE_LEAF_CERT)
//     and Chrome says ERR_SSL_PROTOCOL_ERROR.
//   - an extension whose value is a NULL where RFC 5280 gives it a type: the handshake
//     completes, and Chrome's verifier cannot read the certificate if it parses that
//     extension (ParsedCertificate::Create): ERR_CERT_INVALID, before the unknown root.
//   - an extension that decodes, but not as strictly as Chrome's parsers read it (BoringSSL's
//     pki/, src/cert/chrome_der.rs), or one written twice: ERR_CERT_INVALID as well; and an
//     OCSP location that is not a URI, which Chrome skips: only the unknown root's
//     ERR_CERT_AUTHORITY_INVALID.
//   - the site's certificate with a length in a longer form than DER allows, up to its
//     keyUsage (BoringSSL reads it in the handshake, ssl_cert_parse_pubkey and
//     ssl_cert_check_key_usage), or a Certificate message over 102,400 bytes
//     (SSL_MAX_CERT_LIST_DEFAULT): ERR_SSL_PROTOCOL_ERROR.
// And a P-256 key for contrast, with and without keyUsage: the handshake completes, the
// untrusted certificate gets Chrome's warning (ERR_CERT_AUTHORITY_INVALID), and the page
// says the same.
import { execFileSync, spawn } from 'node:child_process';
import { X509Certificate, createPrivateKey, sign } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { pageNamesWhatChromiumSays, pageNamesWhatChromiumSaysAt } from './chromium_says';

const dir = mkdtempSync(join(tmpdir(), 'imasara-handshake-'));

/** A self-signed certificate for localhost with a new key: `keyArgs` make the key,
 * `keyUsage` (openssl's names, or `DER:` and its bytes) is the certificate's keyUsage when
 * given, `extension` (`OID=DER:bytes`) one more extension. */
function made(name: string, keyArgs: string[], keyUsage?: string, extension?: string): { cert: string; key: string } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  execFileSync('openssl', [...keyArgs, '-out', key], { stdio: 'ignore' });
  execFileSync('openssl', ['req', '-x509', '-new', '-key', key, '-out', cert, '-days', '30',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost',
    '-addext', 'basicConstraints=critical,CA:FALSE',
    ...(keyUsage ? ['-addext', `${keyUsage.startsWith('DER:') ? '2.5.29.15' : 'keyUsage'}=critical,${keyUsage}`] : []),
    ...(extension ? ['-addext', extension] : [])], { stdio: 'ignore' });
  return { cert, key };
}

const P256 = ['ecparam', '-name', 'prime256v1', '-genkey', '-noout'];
const RSA = ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'];

const cases: { name: string; keyArgs: string[]; keyUsage?: string; extension?: string; chrome: string }[] = [
  { name: 'P-256', keyArgs: ['ecparam', '-name', 'prime256v1', '-genkey', '-noout'], chrome: 'ERR_CERT_AUTHORITY_INVALID' },
  { name: 'P-521', keyArgs: ['ecparam', '-name', 'secp521r1', '-genkey', '-noout'], chrome: 'ERR_SSL_VERSION_OR_CIPHER_MISMATCH' },
  { name: 'Ed25519', keyArgs: ['genpkey', '-algorithm', 'ed25519'], chrome: 'ERR_SSL_VERSION_OR_CIPHER_MISMATCH' },
  { name: 'RSA-PSS', keyArgs: ['genpkey', '-algorithm', 'RSA-PSS', '-pkeyopt', 'rsa_keygen_bits:2048'], chrome: 'ERR_SSL_VERSION_OR_CIPHER_MISMATCH' },
  { name: 'P-521 written out', keyArgs: ['ecparam', '-name', 'secp521r1', '-param_enc', 'explicit', '-genkey', '-noout'], chrome: 'ERR_SSL_VERSION_OR_CIPHER_MISMATCH' },
  { name: 'a curve written out', keyArgs: ['ecparam', '-name', 'prime256v1', '-param_enc', 'explicit', '-genkey', '-noout'], chrome: 'ERR_SSL_PROTOCOL_ERROR' },
  { name: 'P-256 for digitalSignature', keyArgs: P256, keyUsage: 'digitalSignature', chrome: 'ERR_CERT_AUTHORITY_INVALID' },
  { name: 'P-256 for keyEncipherment alone', keyArgs: P256, keyUsage: 'keyEncipherment', chrome: 'ERR_SSL_KEY_USAGE_INCOMPATIBLE' },
  { name: 'P-256 for keyAgreement alone', keyArgs: P256, keyUsage: 'keyAgreement', chrome: 'ERR_SSL_KEY_USAGE_INCOMPATIBLE' },
  { name: 'RSA for keyEncipherment alone', keyArgs: RSA, keyUsage: 'keyEncipherment', chrome: 'ERR_SSL_KEY_USAGE_INCOMPATIBLE' },
  { name: 'RSA for keyCertSign alone', keyArgs: RSA, keyUsage: 'keyCertSign', chrome: 'ERR_SSL_KEY_USAGE_INCOMPATIBLE' },
  { name: 'P-256, keyUsage with a byte after it', keyArgs: P256, keyUsage: 'DER:03:02:07:80:00', chrome: 'ERR_SSL_PROTOCOL_ERROR' },
  { name: 'P-256, keyUsage with 8 unused bits', keyArgs: P256, keyUsage: 'DER:03:02:08:80', chrome: 'ERR_SSL_PROTOCOL_ERROR' },
  { name: 'P-256, keyUsage with an unused bit set', keyArgs: P256, keyUsage: 'DER:03:02:07:81', chrome: 'ERR_SSL_PROTOCOL_ERROR' },
  // An extension whose value is a NULL where RFC 5280 gives it a type: one Chrome's
  // verifier parses makes the certificate unreadable to it (ERR_CERT_INVALID, before the
  // unknown root is looked at); one it does not read changes nothing.
  { name: 'P-256, extKeyUsage a NULL', keyArgs: P256, extension: '2.5.29.37=DER:05:00', chrome: 'ERR_CERT_INVALID' },
  { name: 'P-256, certificatePolicies a NULL', keyArgs: P256, extension: '2.5.29.32=DER:05:00', chrome: 'ERR_CERT_INVALID' },
  { name: 'P-256, authorityInfoAccess a NULL', keyArgs: P256, extension: '1.3.6.1.5.5.7.1.1=DER:05:00', chrome: 'ERR_CERT_INVALID' },
  { name: 'P-256, nameConstraints a NULL', keyArgs: P256, extension: '2.5.29.30=DER:05:00', chrome: 'ERR_CERT_INVALID' },
  { name: 'P-256, CRL distribution points a NULL', keyArgs: P256, extension: '2.5.29.31=DER:05:00', chrome: 'ERR_CERT_AUTHORITY_INVALID' },
  { name: 'P-256, SCT list a NULL', keyArgs: P256, extension: '1.3.6.1.4.1.11129.2.4.2=DER:05:00', chrome: 'ERR_CERT_AUTHORITY_INVALID' },
];

// Extensions x509-parser decodes and Chrome's parsers do not (`-addext` replaces the
// harness's own subjectAltName and basicConstraints, so the names keep localhost).
const LOCALHOST = '82:09:6c:6f:63:61:6c:68:6f:73:74';
const strict: { name: string; extension: string; chrome: string }[] = [
  { name: 'subjectAltName with an IP address of 3 bytes', extension: `2.5.29.17=DER:30:10:${LOCALHOST}:87:03:7f:00:01`, chrome: 'ERR_CERT_INVALID' },
  { name: 'subjectAltName with a DNS name in UTF-8', extension: `2.5.29.17=DER:30:1a:${LOCALHOST}:82:0d:62:c3:bc:2e:6c:6f:63:61:6c:68:6f:73:74`, chrome: 'ERR_CERT_INVALID' },
  { name: 'an empty subjectAltName', extension: '2.5.29.17=DER:30:00', chrome: 'ERR_CERT_INVALID' },
  { name: 'cA written as 01', extension: '2.5.29.19=critical,DER:30:03:01:01:01', chrome: 'ERR_CERT_INVALID' },
  { name: 'bytes after extKeyUsage', extension: '2.5.29.37=DER:30:0a:06:08:2b:06:01:05:05:07:03:01:05:00', chrome: 'ERR_CERT_INVALID' },
  { name: 'a policy twice', extension: '2.5.29.32=DER:30:14:30:08:06:06:67:81:0c:01:02:01:30:08:06:06:67:81:0c:01:02:01', chrome: 'ERR_CERT_INVALID' },
  { name: 'requireExplicitPolicy 256', extension: '2.5.29.36=DER:30:04:80:02:01:00', chrome: 'ERR_CERT_INVALID' },
  { name: 'inhibitAnyPolicy 256', extension: '2.5.29.54=DER:02:02:01:00', chrome: 'ERR_CERT_INVALID' },
  // A path length of 200 (RFC 5280 sets no bound): Chrome reads up to 255 (ParseUint8),
  // so only the unknown root is refused; Firefox reads 0 to 127 only.
  { name: 'a path length of 200', extension: '2.5.29.19=critical,DER:30:04:02:02:00:c8', chrome: 'ERR_CERT_AUTHORITY_INVALID' },
  { name: 'an OCSP location written as an IA5String', extension: '1.3.6.1.5.5.7.1.1=DER:30:16:30:14:06:08:2b:06:01:05:05:07:30:01:16:08:68:74:74:70:3a:2f:2f:61', chrome: 'ERR_CERT_AUTHORITY_INVALID' },
];
for (const [i, c] of strict.entries()) {
  // Ports after cert_chrome_algorithms.spec.ts's.
  const port = 4701 + i;
  test(`a site certificate with ${c.name}: the page names what Chromium says (${c.chrome})`, async ({ page }) => {
    const { cert, key } = made(`strict-${i}`, P256, undefined, c.extension);
    const pem = readFileSync(cert, 'utf8');
    await pageNamesWhatChromiumSays(page, port, { key: readFileSync(key), cert: pem }, pem, c.chrome);
  });
}

/** A DER element written with a length in a longer form than DER allows (two octets,
 *  the first zero): BER reads it, DER does not. */
function longer(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag, 0x82, content.length >> 8, content.length & 0xff]), content]);
}

/** A DER element: tag, definite length, content. */
function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : (() => {
    const bytes = Buffer.from(n.toString(16).padStart(n > 0xff ? 4 : 2, '0'), 'hex');
    return Buffer.concat([Buffer.from([0x80 | bytes.length]), bytes]);
  })();
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

/** The content of `der`'s first element. */
function body(der: Buffer): Buffer {
  const first = der[1];
  if (first < 0x80) return der.subarray(2, 2 + first);
  const count = first & 0x7f;
  const length = der.subarray(2, 2 + count).reduce((a, b) => a * 256 + b, 0);
  return der.subarray(2 + count, 2 + count + length);
}

/** The elements inside `der`'s first element. */
function children(der: Buffer): Buffer[] {
  const header = (at: number): [number, number] => {
    const first = der[at + 1];
    if (first < 0x80) return [at + 2, at + 2 + first];
    const count = first & 0x7f;
    const start = at + 2 + count;
    return [start, start + der.subarray(at + 2, start).reduce((a, b) => a * 256 + b, 0)];
  };
  const [start, end] = header(0);
  const out: Buffer[] = [];
  for (let at = start; at < end;) {
    const [, next] = header(at);
    out.push(der.subarray(at, next));
    at = next;
  }
  return out;
}

/** `cert` (PEM) with the fields of its signed part (version, serial number, signature
 * algorithm, issuer, validity, subject, key, extensions) written anew by `change`, signed
 * again with `key` (its own, self-signed, ECDSA with SHA-256): what openssl's
 * configuration does not write is put together here. */
function refitted(cert: string, key: string, change: (fields: Buffer[]) => Buffer[]): string {
  const der = new X509Certificate(readFileSync(cert)).raw;
  const [tbs, algorithm] = children(der);
  const newTbs = tlv(0x30, Buffer.concat(change(children(tbs))));
  const signature = sign('sha256', newTbs, createPrivateKey(readFileSync(key)));
  const whole = tlv(0x30, Buffer.concat([newTbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature]))]));
  return `-----BEGIN CERTIFICATE-----\n${whole.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
}

/** `cert` with the extension whose extnID is `oid` (its DER) written anew by `change`
 * (given the extension's fields, it returns the extensions to put in its place): openssl's
 * configuration writes neither two extensions with one OID nor a critical flag as FALSE. */
function rewritten(cert: string, key: string, oid: Buffer, change: (fields: Buffer[]) => Buffer[]): string {
  return refitted(cert, key, (fields) => {
    const extensions = children(children(fields[fields.length - 1])[0]);
    if (!extensions.some((e) => children(e)[0].equals(oid))) throw new Error('no such extension');
    const changed = extensions.flatMap((e) => (children(e)[0].equals(oid) ? change(children(e)) : [e]));
    return [...fields.slice(0, -1), tlv(0xa3, tlv(0x30, Buffer.concat(changed)))];
  });
}

// An extension written twice: Chrome's verifier refuses any (`ParseExtensions`), even one
// it does not otherwise read; and a critical flag written out as FALSE (DER leaves a
// default out) or as 01 (`ParseExtension`).
const POLICY_CONSTRAINTS = '2.5.29.36=DER:30:03:80:01:00';
const asWritten = (fields: Buffer[]) => [tlv(0x30, Buffer.concat(fields))];
const flagged = (flag: number) => (fields: Buffer[]) =>
  asWritten([fields[0], tlv(0x01, Buffer.from([flag])), fields[fields.length - 1]]);
const framed: { name: string; oid: string; extension?: string; change: (fields: Buffer[]) => Buffer[] }[] = [
  { name: 'subjectAltName twice', oid: '0603551d11', change: (f) => [...asWritten(f), ...asWritten(f)] },
  { name: 'policyConstraints twice', oid: '0603551d24', extension: POLICY_CONSTRAINTS, change: (f) => [...asWritten(f), ...asWritten(f)] },
  { name: 'policyConstraints marked critical FALSE', oid: '0603551d24', extension: POLICY_CONSTRAINTS, change: flagged(0x00) },
  { name: 'policyConstraints marked critical with 01', oid: '0603551d24', extension: POLICY_CONSTRAINTS, change: flagged(0x01) },
];
// An extension's value (subjectAltName's, before any keyUsage) whose length is in a longer
// form: BoringSSL's handshake reads each extension's frame up to keyUsage and ends there.
const valueLonger = (fields: Buffer[]) => asWritten([...fields.slice(0, -1), longer(0x04, body(fields[fields.length - 1]))]);
for (const [i, c] of framed.entries()) {
  const port = 4701 + strict.length + i;
  test(`a site certificate with ${c.name}: the page names what Chromium says (ERR_CERT_INVALID)`, async ({ page }) => {
    const { cert, key } = made(`framed-${i}`, P256, undefined, c.extension);
    const pem = rewritten(cert, key, Buffer.from(c.oid, 'hex'), c.change);
    await pageNamesWhatChromiumSays(page, port, { key: readFileSync(key), cert: pem }, pem, 'ERR_CERT_INVALID');
  });
}

// The certificate around its extensions as Chrome does not read it: the site's certificate
// is read into Chrome's own object before anything is verified (`ParseTbsCertificate` in
// `X509Certificate::ParsedFields::Initialize`), and the handshake ends
// (ERR_SSL_SERVER_CERT_BAD_FORMAT), although x509-parser, Firefox and OpenSSL read each (a
// date without its seconds excepted: none of them reads it); an empty extension list only
// the verifier reads (`ParseExtensions`): ERR_CERT_INVALID, before the unknown root.
const version = (v: number) => Buffer.from([0xa0, 0x03, 0x02, 0x01, v]);
const notBefore = (text: string) => (fields: Buffer[]) => {
  const [, notAfter] = children(fields[4]);
  return [...fields.slice(0, 4), tlv(0x30, Buffer.concat([tlv(0x17, Buffer.from(text)), notAfter])), ...fields.slice(5)];
};
const BAD_FORMAT = 'ERR_SSL_SERVER_CERT_BAD_FORMAT';
const frames: { name: string; change: (fields: Buffer[]) => Buffer[]; chrome: string }[] = [
  { name: 'its version left out (1) and extensions', change: (f) => f.slice(1), chrome: BAD_FORMAT },
  { name: 'its version written out as 1', change: (f) => [version(0), ...f.slice(1)], chrome: BAD_FORMAT },
  { name: 'version 4', change: (f) => [version(3), ...f.slice(1)], chrome: BAD_FORMAT },
  { name: 'a unique identifier in version 1', change: (f) => [...f.slice(1, -1), Buffer.from([0x81, 0x02, 0x00, 0xff])], chrome: BAD_FORMAT },
  { name: 'a notBefore without its seconds', change: notBefore(`${String((new Date().getUTCFullYear() - 1) % 100).padStart(2, '0')}01010000Z`), chrome: BAD_FORMAT },
  { name: 'an empty extension list', change: (f) => [...f.slice(0, -1), Buffer.from([0xa3, 0x02, 0x30, 0x00])], chrome: 'ERR_CERT_INVALID' },
  // A length in a longer form than DER allows: BoringSSL reads the site's certificate in
  // the handshake (ssl_cert_parse_pubkey, then ssl_cert_check_key_usage as far as
  // keyUsage) and ends it there, before Chrome parses the certificate.
  { name: 'its issuer written with a longer length', change: (f) => f.map((x, i) => (i === 3 ? longer(0x30, body(x)) : x)), chrome: 'ERR_SSL_PROTOCOL_ERROR' },
  { name: 'its serial number written with a longer length', change: (f) => f.map((x, i) => (i === 1 ? longer(0x02, body(x)) : x)), chrome: 'ERR_SSL_PROTOCOL_ERROR' },
  { name: 'its extension list written with a longer length', change: (f) => f.map((x, i) => (i === f.length - 1 ? longer(0xa3, body(x)) : x)), chrome: 'ERR_SSL_PROTOCOL_ERROR' },
];
// Ports after the frames' own.
const handshakeFramed: { name: string; oid: string; change: (fields: Buffer[]) => Buffer[]; chrome: string }[] = [
  { name: "subjectAltName's value written with a longer length", oid: '0603551d11', change: valueLonger, chrome: 'ERR_SSL_PROTOCOL_ERROR' },
];
for (const [i, c] of handshakeFramed.entries()) {
  const port = 4701 + strict.length + framed.length + frames.length + i;
  test(`a site certificate with ${c.name}: the page names what Chromium says (${c.chrome})`, async ({ page }) => {
    const { cert, key } = made(`handshake-framed-${i}`, P256);
    const pem = rewritten(cert, key, Buffer.from(c.oid, 'hex'), c.change);
    await pageNamesWhatChromiumSays(page, port, { key: readFileSync(key), cert: pem }, pem, c.chrome);
  });
}

// The site's certificate by its size: BoringSSL reads a Certificate message of up to
// 102,400 bytes (SSL_MAX_CERT_LIST_DEFAULT; the message holds the certificate and 9 bytes
// around it here); mozilla::pkix no certificate of 65,536 bytes or more (a Firefox matter,
// not Chrome's). Names enough to pass each size, written to an openssl configuration
// (more than a command line holds).
function sized(name: string, names: number): { cert: string; key: string } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  const config = join(dir, `${name}.cnf`);
  const sans = ['DNS:localhost', ...Array.from({ length: names }, (_, i) => `DNS:host${String(i).padStart(5, '0')}.example.test`)];
  writeFileSync(config, `[req]\ndistinguished_name=dn\nx509_extensions=ext\nprompt=no\n[dn]\nCN=localhost\n[ext]\nsubjectAltName=${sans.join(',')}\n`);
  execFileSync('openssl', [...P256, '-out', key], { stdio: 'ignore' });
  execFileSync('openssl', ['req', '-x509', '-new', '-key', key, '-out', cert, '-days', '30', '-config', config], { stdio: 'ignore' });
  return { cert, key };
}
const sizes: { names: number; chrome: string }[] = [
  { names: 3_000, chrome: 'ERR_CERT_AUTHORITY_INVALID' },
  { names: 4_500, chrome: 'ERR_SSL_PROTOCOL_ERROR' },
];
for (const [i, c] of sizes.entries()) {
  const port = 4701 + strict.length + framed.length + frames.length + handshakeFramed.length + i;
  test(`a site certificate with ${c.names} names: the page names what Chromium says (${c.chrome})`, async ({ page }) => {
    const { cert, key } = sized(`sized-${i}`, c.names);
    const pem = readFileSync(cert, 'utf8');
    const bytes = new X509Certificate(pem).raw.length;
    expect(bytes).toBeGreaterThan(c.chrome === 'ERR_SSL_PROTOCOL_ERROR' ? 102_400 : 65_536);
    if (c.chrome !== 'ERR_SSL_PROTOCOL_ERROR') expect(bytes + 9).toBeLessThan(102_400);
    await pageNamesWhatChromiumSays(page, port, { key: readFileSync(key), cert: pem }, pem, c.chrome);
  });
}

// The values of the certificate's names as Chrome reads them (chrome_der::name): as it
// takes the site's certificate out of the handshake (CertPrincipal: the first common name,
// locality, state and country, every organisation and unit) and in the verifier
// (NormalizeName: every value of a text type). Subject and issuer both: an attribute
// before a common name of localhost.
const named = (oid: string, tag: number, value: Buffer) => (fields: Buffer[]) => {
  const rdn = (type: string, t: number, v: Buffer) => tlv(0x31, tlv(0x30, Buffer.concat([tlv(0x06, Buffer.from(type, 'hex')), tlv(t, v)])));
  const name = tlv(0x30, Buffer.concat([rdn(oid, tag, value), rdn('550403', 0x0c, Buffer.from('localhost'))]));
  return fields.map((f, i) => (i === 3 || i === 5 ? name : f));
};
const ORGANIZATION = '55040a';
const names: { name: string; change: (fields: Buffer[]) => Buffer[]; chrome: string }[] = [
  { name: 'an organisation written as a PrintableString with &', change: named(ORGANIZATION, 0x13, Buffer.from('AT&T')), chrome: BAD_FORMAT },
  { name: 'an organisation written as a PrintableString with *', change: named(ORGANIZATION, 0x13, Buffer.from('AT*T')), chrome: 'ERR_CERT_AUTHORITY_INVALID' },
  { name: 'an organisation written as an IA5String with a byte over 127', change: named(ORGANIZATION, 0x16, Buffer.from([0xe9])), chrome: BAD_FORMAT },
  { name: 'a common name written as a NumericString', change: named('550403', 0x12, Buffer.from('12345')), chrome: BAD_FORMAT },
  { name: 'a serial number attribute written as a PrintableString with &', change: named('550405', 0x13, Buffer.from('AT&T')), chrome: 'ERR_CERT_INVALID' },
];
for (const [i, c] of names.entries()) {
  const port = 4701 + strict.length + framed.length + frames.length + handshakeFramed.length + sizes.length + i;
  test(`a site certificate with ${c.name}: the page names what Chromium says (${c.chrome})`, async ({ page }) => {
    const { cert, key } = made(`named-${i}`, P256);
    const pem = refitted(cert, key, c.change);
    await pageNamesWhatChromiumSays(page, port, { key: readFileSync(key), cert: pem }, pem, c.chrome);
  });
}

for (const [i, c] of frames.entries()) {
  const port = 4701 + strict.length + framed.length + i;
  test(`a site certificate with ${c.name}: the page names what Chromium says (${c.chrome})`, async ({ page }) => {
    const { cert, key } = made(`frame-${i}`, P256);
    const pem = refitted(cert, key, c.change);
    await pageNamesWhatChromiumSays(page, port, { key: readFileSync(key), cert: pem }, pem, c.chrome);
  });
}

for (const [i, c] of cases.entries()) {
  // A port of its own for each case.
  const port = 4661 + i;
  test(`a site key on ${c.name}: the page names what Chromium says (${c.chrome})`, async ({ page }) => {
    const { cert, key } = made(c.name.replace(/\W+/g, '-'), c.keyArgs, c.keyUsage, c.extension);
    const pem = readFileSync(cert, 'utf8');
    await pageNamesWhatChromiumSays(page, port, { key: readFileSync(key), cert: pem }, pem, c.chrome);
  });
}

// A serial number not written as DER writes an integer (a leading 00 that adds nothing):
// Chrome reads it (allow_invalid_serial_numbers), so the untrusted certificate gets only
// its warning; the page adds that Firefox refuses it (mozilla::pkix) and that curl cannot
// decode it (OpenSSL's c2i_ibuf), and once the reader trusts it, that Chrome accepts it
// and Firefox does not. OpenSSL cannot load such a certificate, so Node cannot
// serve it: tests/support/tls_raw_server.py (tlslite-ng, installed by make py-tools) sends
// its bytes as they are.
test('a site certificate with a serial number not in DER: the page names what Chromium says (ERR_CERT_AUTHORITY_INVALID)', async ({ page }) => {
  const port = 4701 + strict.length + framed.length + frames.length + handshakeFramed.length + sizes.length + names.length;
  const { cert, key } = made('serial-padded', P256);
  const pem = refitted(cert, key, (fields) => fields.map((f, i) => (i === 1 ? tlv(0x02, Buffer.from([0x00, 0x01])) : f)));
  await servedAsItIs('serial-padded', pem, key, port, async () => {
    await pageNamesWhatChromiumSaysAt(page, port, pem, 'ERR_CERT_AUTHORITY_INVALID');
    await expect(page.locator('.firefox-name')).toHaveText('MOZILLA_PKIX_ERROR_INVALID_INTEGER_ENCODING');
    await expect(page.locator('.clients [data-client="Curl"]')).toHaveText(
      'curl: (35) OpenSSL/3.x.y: error:068000DD:asn1 encoding routines::illegal padding',
    );
    await expect(page.locator('.findings [data-code="serial_not_der"]')).toContainText('00 or FF');
    // Trusted, Chrome accepts it and Firefox still does not: the verdict line says both.
    await page.getByLabel('Trust this root, as if it were installed on this computer').check();
    await expect(page.locator('.verdict-line')).toHaveAttribute('data-verdict', 'ok');
    await expect(page.locator('.verdict-line')).toContainText('Firefox would not');
    await expect(page.locator('.firefox-name')).toHaveText('MOZILLA_PKIX_ERROR_INVALID_INTEGER_ENCODING');
  });
});

/** Serves `pem` (the chain, written to a file named after `name`) with `key` at `port`
 *  through tests/support/tls_raw_server.py (tlslite-ng, installed by make py-tools), which
 *  sends the certificates' bytes as they are, while `run` runs. */
async function servedAsItIs(name: string, pem: string, key: string, port: number, run: () => Promise<void>): Promise<void> {
  const pylib = join(process.cwd(), 'target', 'pylib');
  expect(existsSync(join(pylib, 'tlslite')), 'tlslite-ng (make py-tools)').toBe(true);
  const chain = join(dir, `${name}-served.pem`);
  writeFileSync(chain, pem);
  const server = spawn('python3', [join('tests', 'support', 'tls_raw_server.py'), chain, key, String(port)], {
    env: { ...process.env, PYTHONPATH: pylib },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stopped = new Promise((exited) => server.on('exit', exited));
  await new Promise<void>((listening, failed) => {
    server.stdout!.once('data', () => listening());
    server.once('exit', (code) => failed(new Error(`tls_raw_server.py stopped (${code})`)));
  });
  try {
    await run();
  } finally {
    server.kill();
    await stopped;
  }
}

// A key written in a way the clients read differently, its value as it is: BoringSSL
// refuses rsaEncryption without its NULL parameters (rsa_pub_decode), so Chromium ends the
// handshake; it reads an elliptic curve point in compressed form, so a self-signed
// certificate with one gets its usual warning. Firefox refuses both (mozilla::pkix
// CheckSubjectPublicKeyInfoContents), OpenSSL reads both (tests/cert_codes.rs).
const oddKeys: { name: string; keyArgs: string[]; spki: (spki: Buffer) => Buffer; chrome: string; finding: string }[] = [
  {
    name: 'RSA without NULL parameters',
    keyArgs: RSA,
    spki: (spki) => {
      const [algorithm, bits] = children(spki);
      return tlv(0x30, Buffer.concat([tlv(0x30, children(algorithm)[0]), bits]));
    },
    chrome: 'ERR_SSL_PROTOCOL_ERROR',
    finding: 'are not NULL',
  },
  {
    name: 'P-256 compressed',
    keyArgs: P256,
    spki: (spki) => {
      const [algorithm, bits] = children(spki);
      const point = body(bits).subarray(1);
      const compressed = Buffer.concat([Buffer.from([0x02 | (point[64] & 1)]), point.subarray(1, 33)]);
      return tlv(0x30, Buffer.concat([algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), compressed]))]));
    },
    chrome: 'ERR_CERT_AUTHORITY_INVALID',
    finding: 'compressed form',
  },
];
oddKeys.forEach(({ name, keyArgs, spki, chrome, finding }, n) => {
  test(`a site key written as ${name}: the page names what Chromium says (${chrome})`, async ({ page }) => {
    const port = 4702 + n + strict.length + framed.length + frames.length + handshakeFramed.length + sizes.length + names.length;
    const { cert, key } = made(`key-${n}`, keyArgs);
    const pem = refitted(cert, key, (fields) => fields.map((f, i) => (i === 6 ? spki(f) : f)));
    await servedAsItIs(`key-${n}`, pem, key, port, async () => {
      await pageNamesWhatChromiumSaysAt(page, port, pem, chrome);
      await expect(page.locator('.findings [data-code="key_encoding"]')).toContainText(finding);
    });
  });
});
