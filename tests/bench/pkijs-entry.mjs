// What the benchmark runs of pkijs: PEM text → DER → pkijs.Certificate, as Firefox's
// certificate viewer (about:certificate) and x509.io parse. Bundled by esbuild into one
// script for a blank page.
import * as pkijs from 'pkijs';

globalThis.pkijsParsePem = (text) => {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  let parsed = 0;
  const failed = [];
  for (const block of blocks) {
    const base64 = block.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
    const binary = atob(base64);
    const der = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) der[i] = binary.charCodeAt(i);
    try {
      pkijs.Certificate.fromBER(der);
      parsed++;
    } catch (error) {
      failed.push(String(error.message ?? error));
    }
  }
  return { parsed, failed };
};
