// Signature algorithms and authorities' keys: the page's verdict against what this very
// Chromium says when it connects to a TLS server on OpenSSL 3 (Node's `tls`) serving the
// same chain, none of it trusted. Chromium inspects the signature algorithm of the chain
// its verifier hands back whether or not it reaches a root, except the chain's last
// certificate (`InspectSignatureAlgorithmsInChain`, net/cert/cert_verify_proc.cc); one it
// does not take (SHA-1, SHA-224, Ed25519, RSA-PSS with other parameters than TLS 1.3's)
// is ERR_CERT_INVALID, which outranks the unknown root. Where nothing it refuses is
// inspected, the unknown root decides: ERR_CERT_AUTHORITY_INVALID. So does a certificate
// whose signed part names another algorithm than its outer field, compared as parsed
// values (`InspectSignatureAlgorithmForCert`), and one written with parameters it does
// not read (ECDSA with NULL). The engine's side of the same rules:
// `signature_algorithms` in src/cert/judge.rs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from './fixtures';
import { pageNamesWhatChromiumSays } from './chromium_says';

const dir = mkdtempSync(join(tmpdir(), 'imasara-algorithms-'));
const at = (name: string) => join(dir, name);
const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });

writeFileSync(
  at('ca.ext'),
  'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n' +
    'subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
);
writeFileSync(
  at('leaf.ext'),
  'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n' +
    'extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost\n' +
    'subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
);

/** A certificate for `csr`'s key, signed by `ca` with `signing` options. */
function issue(out: string, csr: string, ca: string, ext: string, signing: string[]) {
  run(['x509', '-req', '-in', csr, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial',
    '-days', '300', '-extfile', ext, ...signing, '-out', out]);
}

// A root (never trusted here), two RSA intermediates under it (SHA-256 and SHA-1), one
// with an Ed25519 key, and the site's RSA key.
run(['req', '-x509', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'root.key', '-sha256',
  '-days', '300', '-subj', '/CN=imasara Test Root', '-addext', 'basicConstraints=critical,CA:TRUE',
  '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', 'root.pem']);
run(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'int.key',
  '-subj', '/CN=imasara Test Intermediate', '-out', 'int.csr']);
issue('int.pem', 'int.csr', 'root', 'ca.ext', ['-sha256']);
run(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'int-sha1.key',
  '-subj', '/CN=imasara Test SHA-1 Intermediate', '-out', 'int-sha1.csr']);
issue('int-sha1.pem', 'int-sha1.csr', 'root', 'ca.ext', ['-sha1']);
run(['req', '-new', '-newkey', 'ed25519', '-nodes', '-keyout', 'int-ed25519.key',
  '-subj', '/CN=imasara Test Ed25519 Intermediate', '-out', 'int-ed25519.csr']);
issue('int-ed25519.pem', 'int-ed25519.csr', 'root', 'ca.ext', ['-sha256']);
run(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'site.key',
  '-subj', '/CN=localhost', '-out', 'site.csr']);
const pss = (salt: number) => ['-sha256', '-sigopt', 'rsa_padding_mode:pss',
  '-sigopt', `rsa_pss_saltlen:${salt}`, '-sigopt', 'rsa_mgf1_md:sha256'];
const sites: [string, string, string[]][] = [
  ['site-sha224', 'int', ['-sha224']],
  ['site-pss-32', 'int', pss(32)],
  ['site-pss-20', 'int', pss(20)],
  ['site-sha1', 'int', ['-sha1']],
  ['site-under-sha1', 'int-sha1', ['-sha256']],
  ['site-under-ed25519', 'int-ed25519', []],
];
for (const [name, ca, signing] of sites) issue(`${name}.pem`, 'site.csr', ca, 'leaf.ext', signing);

// The site's certificate with its two signature algorithm fields apart, which no tool
// writes on purpose: the signed part's `signature` field rewritten, the part signed again
// by the intermediate (PKCS#1 v1.5 with SHA-256, as the outer field says). Chromium
// compares the two as parsed values (`InspectSignatureAlgorithmForCert`,
// net/cert/cert_verify_proc.cc): another algorithm is ERR_CERT_INVALID where it looks,
// NULL parameters against none are the same algorithm.
/** The element of `der` at `pos`: [start, content start, end]. */
function element(der: Buffer, pos: number): [number, number, number] {
  const first = der[pos + 1];
  if (first < 0x80) return [pos, pos + 2, pos + 2 + first];
  const n = first & 0x7f;
  const length = der.subarray(pos + 2, pos + 2 + n).reduce((acc, b) => acc * 256 + b, 0);
  return [pos, pos + 2 + n, pos + 2 + n + length];
}
function wrap(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), content]);
}
function withInnerAlgorithm(
  from: string,
  out: string,
  inner: (field: Buffer) => Buffer,
  outer: (field: Buffer) => Buffer = (f) => f,
  signer = 'int',
) {
  const der = execFileSync('openssl', ['x509', '-in', at(from), '-outform', 'DER']);
  const [, certificate] = element(der, 0);
  const [, tbsContent, tbsEnd] = element(der, certificate);
  const [, , outerEnd] = element(der, tbsEnd);
  const [, , versionEnd] = element(der, tbsContent);
  const [, , serialEnd] = element(der, versionEnd);
  const [fieldStart, , fieldEnd] = element(der, serialEnd);
  const tbs = wrap(0x30, Buffer.concat([
    der.subarray(tbsContent, fieldStart), inner(der.subarray(fieldStart, fieldEnd)), der.subarray(fieldEnd, tbsEnd),
  ]));
  writeFileSync(at(`${out}.tbs`), tbs);
  const signature = execFileSync('openssl', ['dgst', '-sha256', '-sign', at(`${signer}.key`), at(`${out}.tbs`)]);
  const bits = wrap(0x03, Buffer.concat([Buffer.from([0]), signature]));
  const cert = wrap(0x30, Buffer.concat([tbs, outer(der.subarray(tbsEnd, outerEnd)), bits]));
  writeFileSync(at(`${out}.der`), cert);
  run(['x509', '-inform', 'DER', '-in', `${out}.der`, '-out', `${out}.pem`]);
}
issue('site-sha256.pem', 'site.csr', 'int', 'leaf.ext', ['-sha256']);
// sha256WithRSAEncryption (1.2.840.113549.1.1.11) inside becomes sha384WithRSAEncryption (…12).
withInnerAlgorithm('site-sha256.pem', 'site-fields-apart', (f) => {
  const [, content] = element(f, 0);
  const [, , oidEnd] = element(f, content);
  const changed = Buffer.from(f);
  changed[oidEnd - 1] = 12;
  return changed;
});
// The same algorithm inside, without its NULL parameters.
withInnerAlgorithm('site-sha256.pem', 'site-written-apart', (f) => {
  const [, content, end] = element(f, 0);
  return wrap(0x30, f.subarray(content, end - 2));
});
// Under an EC intermediate: ecdsa-with-SHA256 with NULL parameters, which RFC 5758 forbids
// and Chromium's `ParseSignatureAlgorithm` does not read, inside only and on both sides.
run(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
  '-keyout', 'int-ec.key', '-subj', '/CN=imasara Test EC Intermediate', '-out', 'int-ec.csr']);
issue('int-ec.pem', 'int-ec.csr', 'root', 'ca.ext', ['-sha256']);
issue('site-under-ec.pem', 'site.csr', 'int-ec', 'leaf.ext', ['-sha256']);
const withNull = (f: Buffer) => {
  const [, content, end] = element(f, 0);
  return wrap(0x30, Buffer.concat([f.subarray(content, end), Buffer.from([0x05, 0x00])]));
};
withInnerAlgorithm('site-under-ec.pem', 'site-ecdsa-null-inside', withNull, undefined, 'int-ec');
withInnerAlgorithm('site-under-ec.pem', 'site-ecdsa-null-both', withNull, withNull, 'int-ec');

const cases: { name: string; chain: string[]; chrome: string }[] = [
  { name: 'SHA-224 on the site', chain: ['site-sha224', 'int'], chrome: 'ERR_CERT_INVALID' },
  { name: 'RSA-PSS as TLS 1.3 writes it', chain: ['site-pss-32', 'int'], chrome: 'ERR_CERT_AUTHORITY_INVALID' },
  { name: 'RSA-PSS with a 20-byte salt', chain: ['site-pss-20', 'int'], chrome: 'ERR_CERT_INVALID' },
  { name: 'SHA-1 on the site, its intermediate served', chain: ['site-sha1', 'int'], chrome: 'ERR_CERT_INVALID' },
  { name: 'SHA-1 on the site, served alone', chain: ['site-sha1'], chrome: 'ERR_CERT_AUTHORITY_INVALID' },
  { name: 'SHA-1 on the intermediate, served last', chain: ['site-under-sha1', 'int-sha1'], chrome: 'ERR_CERT_AUTHORITY_INVALID' },
  { name: 'SHA-1 on the intermediate, the root after it', chain: ['site-under-sha1', 'int-sha1', 'root'], chrome: 'ERR_CERT_INVALID' },
  { name: 'an intermediate with an Ed25519 key', chain: ['site-under-ed25519', 'int-ed25519'], chrome: 'ERR_CERT_INVALID' },
  { name: 'two algorithms in the site\'s certificate, its intermediate served', chain: ['site-fields-apart', 'int'], chrome: 'ERR_CERT_INVALID' },
  { name: 'two algorithms in the site\'s certificate, served alone', chain: ['site-fields-apart'], chrome: 'ERR_CERT_AUTHORITY_INVALID' },
  { name: 'one algorithm written two ways', chain: ['site-written-apart', 'int'], chrome: 'ERR_CERT_AUTHORITY_INVALID' },
  { name: 'ECDSA with NULL parameters inside', chain: ['site-ecdsa-null-inside', 'int-ec'], chrome: 'ERR_CERT_INVALID' },
  { name: 'ECDSA with NULL parameters on both sides', chain: ['site-ecdsa-null-both', 'int-ec'], chrome: 'ERR_CERT_INVALID' },
  { name: 'ECDSA with NULL parameters, served alone', chain: ['site-ecdsa-null-both'], chrome: 'ERR_CERT_AUTHORITY_INVALID' },
];

for (const [i, c] of cases.entries()) {
  // A port of its own for each case (cert_handshake.spec.ts uses 4661 to 4680 and 4701 on).
  const port = 4681 + i;
  test(`${c.name}: the page names what Chromium says (${c.chrome})`, async ({ page }) => {
    const chain = c.chain.map((name) => readFileSync(at(`${name}.pem`), 'utf8')).join('');
    // SHA-1 and the like are below OpenSSL 3's default security level for a server's
    // own chain: level 0 lets Node's server send them.
    const tls = { key: readFileSync(at('site.key')), cert: chain, ciphers: 'DEFAULT:@SECLEVEL=0' };
    await pageNamesWhatChromiumSays(page, port, tls, chain, c.chrome);
  });
}
