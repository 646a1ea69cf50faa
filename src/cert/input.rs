//! Input: turns pasted text or file bytes into certificate DER blobs.
//!
//! Accepts any number of PEM blocks in any order, with CRLF line ends, indentation,
//! blank lines or prose around them; raw DER (one or several certificates back to back,
//! as a Windows `.cer`); PKCS#7 certificate bundles (`.p7b`/`.p7c`) in PEM or DER.
//! Other PEM kinds are recognised and named. A private key is never decoded, kept or
//! echoed: only its label is looked at, and a warning says it must be treated as
//! compromised. Malformed input yields findings naming the block and the problem; this
//! module never panics, whatever the bytes.

use serde::{Deserialize, Serialize};

use super::der::{self, read_tlv};
use super::findings::{Code, Finding, FindingKind, Pkcs7Problem, Unreadable};

/// What one block of the input was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A PEM `CERTIFICATE` (or `X509 CERTIFICATE`, `TRUSTED CERTIFICATE`) block.
    PemCertificate,
    /// A PEM `PKCS7` / `CMS` bundle.
    PemPkcs7,
    /// A PEM private key of any kind: never decoded.
    PemPrivateKey,
    /// A PEM `CERTIFICATE REQUEST` (or `NEW CERTIFICATE REQUEST`) block: PKCS#10.
    PemRequest,
    /// A PEM `X509 CRL` block: a certificate revocation list.
    PemCrl,
    /// Another PEM kind (public key, parameters...): named, skipped.
    PemOther,
    /// A PEM block whose END line is missing or mismatched.
    PemBroken,
    /// Binary DER certificate(s).
    DerCertificate,
    /// A binary PKCS#7 bundle.
    DerPkcs7,
    /// Binary data that looks like a DER private key: never decoded.
    DerPrivateKey,
    /// Bytes that are neither PEM nor a DER certificate or bundle.
    Unrecognised,
}

/// One block of the input, in input order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputBlock {
    /// What the block was.
    pub kind: BlockKind,
    /// The PEM label (`CERTIFICATE`, `RSA PRIVATE KEY`...), if PEM.
    pub label: Option<String>,
    /// Which input (file) it came from, counting from 0.
    pub source: usize,
    /// 1-based line of the BEGIN line (PEM), or `None` for binary input.
    pub line: Option<usize>,
    /// Indices into the report's certificates that came from this block.
    pub certificates: Vec<usize>,
}

/// A certificate's DER and the block it came from. (A request or revocation list travels
/// the same way: the engine tells them apart when the bytes do not read as a certificate.)
pub(crate) struct RawCert {
    pub der: Vec<u8>,
    pub block: usize,
    /// Bytes after the certificate are expected (OpenSSL `TRUSTED CERTIFICATE` aux data).
    pub trailing_ok: bool,
}

pub(crate) struct Decoded {
    pub blocks: Vec<InputBlock>,
    pub certs: Vec<RawCert>,
    pub findings: Vec<Finding>,
    /// Reading stopped at [`MAX_BLOCKS`] or past [`super::MAX_CERTIFICATES`].
    stopped: bool,
}

/// The most blocks (PEM blocks, DER objects, pasted texts) read from one input. A 10 MB
/// paste of empty PEM blocks would otherwise make 300,000 of them, each with a finding
/// for the page to show; a real bundle has a few hundred.
pub const MAX_BLOCKS: usize = 10_000;

impl Decoded {
    /// Whether reading must stop (and, the first time, says so in a finding). Certificates
    /// are read one past [`super::MAX_CERTIFICATES`], so the engine can say that there
    /// were more.
    fn full(&mut self) -> bool {
        if !self.stopped
            && (self.blocks.len() >= MAX_BLOCKS || self.certs.len() > super::MAX_CERTIFICATES)
        {
            self.stopped = true;
            self.findings
                .push(Finding::warning(FindingKind::ReadingStopped {
                    blocks: self.blocks.len(),
                    certificates: self.certs.len(),
                }));
        }
        self.stopped
    }
}

/// Text saved as UTF-16 with its byte order mark (Windows Notepad's "Unicode" and "Unicode
/// big endian"; a PEM file exported by PowerShell's `Out-File` before version 6), as
/// UTF-8. Lines and their numbers stay as they were.
fn utf16_text(input: &[u8]) -> Option<String> {
    let little_endian = match input {
        [0xff, 0xfe, ..] => true,
        [0xfe, 0xff, ..] => false,
        _ => return None,
    };
    let units = input.get(2..)?.chunks_exact(2).map(|pair| match pair {
        [a, b] if little_endian => u16::from_le_bytes([*a, *b]),
        [a, b] => u16::from_be_bytes([*a, *b]),
        _ => 0xfffd,
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect(),
    )
}

/// The most input findings of one kind listed one by one; the rest are counted in one
/// [`FindingKind::MoreOfTheSame`]. Ten thousand "the block is empty" would tell the reader
/// nothing more than twenty do, and would cost the page one list item each.
pub const MAX_FINDINGS_OF_A_KIND: usize = 20;

/// Keeps the first [`MAX_FINDINGS_OF_A_KIND`] findings of each kind, in order, and puts
/// one count of the rest right after the last kept finding of that kind.
pub(crate) fn count_the_rest(findings: Vec<Finding>) -> Vec<Finding> {
    use std::collections::HashMap;
    let mut seen: HashMap<Code, usize> = HashMap::new();
    for finding in &findings {
        let n = seen.entry(finding.code()).or_default();
        *n = n.saturating_add(1);
    }
    if seen.values().all(|&n| n <= MAX_FINDINGS_OF_A_KIND) {
        return findings;
    }
    let mut kept_so_far: HashMap<Code, usize> = HashMap::new();
    let mut out = Vec::new();
    for finding in findings {
        let code = finding.code();
        let kept = kept_so_far.entry(code).or_default();
        if *kept >= MAX_FINDINGS_OF_A_KIND {
            continue;
        }
        *kept = kept.saturating_add(1);
        let severity = finding.severity;
        out.push(finding);
        let total = seen.get(&code).copied().unwrap_or_default();
        if *kept == MAX_FINDINGS_OF_A_KIND && total > MAX_FINDINGS_OF_A_KIND {
            out.push(Finding::new(
                FindingKind::MoreOfTheSame {
                    code,
                    count: total.saturating_sub(MAX_FINDINGS_OF_A_KIND),
                },
                severity,
            ));
        }
    }
    out
}

const PKCS7_SIGNED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

/// Decodes several inputs (files, or one paste) as one set.
pub(crate) fn decode_all(inputs: &[&[u8]]) -> Decoded {
    let mut out = Decoded {
        blocks: Vec::new(),
        certs: Vec::new(),
        findings: Vec::new(),
        stopped: false,
    };
    for (source, input) in inputs.iter().enumerate() {
        decode_one(source, input, &mut out);
    }
    out.findings = count_the_rest(std::mem::take(&mut out.findings));
    out
}

fn decode_one(source: usize, input: &[u8], out: &mut Decoded) {
    if out.full() {
        return;
    }
    if let Some(text) = utf16_text(input) {
        decode_one(source, text.as_bytes(), out);
        return;
    }
    if contains(input, b"-----BEGIN") {
        if contains(input, PUTTY_HEADER.as_bytes()) {
            let block = push_block(out, BlockKind::DerPrivateKey, None, source, None);
            out.findings.push(private_key_finding(block, "PuTTY"));
        }
        decode_pem(source, input, out);
        return;
    }
    if let Some(label) = key_outside_pem(input) {
        let block = push_block(out, BlockKind::DerPrivateKey, None, source, None);
        out.findings.push(private_key_finding(block, label));
        return;
    }
    let trimmed_len = input
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |p| p.saturating_add(1));
    let start = input
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    if trimmed_len == 0 {
        return;
    }
    if input.first() == Some(&0x30) {
        decode_der(source, input, out);
        return;
    }
    // A bare base64 body (the lines between BEGIN and END, copied without them).
    let compact: Vec<u8> = input
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if compact.len() >= 64
        && compact.starts_with(b"MI")
        && let Ok(der) = base64_decode(&compact)
    {
        let first = out.blocks.len();
        decode_der(source, &der, out);
        out.findings
            .push(Finding::info(FindingKind::PemHeadersMissing).block(first));
        return;
    }
    let block = out.blocks.len();
    out.blocks.push(InputBlock {
        kind: BlockKind::Unrecognised,
        label: None,
        source,
        line: None,
        certificates: Vec::new(),
    });
    let looks_like_text = input
        .get(start..trimmed_len)
        .unwrap_or_default()
        .iter()
        .all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace() || *b >= 0x80);
    out.findings.push(
        Finding::warning(FindingKind::InputNotRecognised {
            binary: !looks_like_text,
        })
        .block(block),
    );
}

/// Whether `needle` occurs in `hay`. Compares only where the first byte matches: comparing
/// every window was a tenth of reading a 277 KB paste.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    hay.iter().enumerate().any(|(i, &byte)| {
        byte == first
            && hay
                .get(i.saturating_add(1)..)
                .is_some_and(|after| after.starts_with(rest))
    })
}

fn push_block(
    out: &mut Decoded,
    kind: BlockKind,
    label: Option<String>,
    source: usize,
    line: Option<usize>,
) -> usize {
    out.blocks.push(InputBlock {
        kind,
        label,
        source,
        line,
        certificates: Vec::new(),
    });
    out.blocks.len().saturating_sub(1)
}

/// A PEM block whose END line is missing or mismatched.
fn mark_broken(out: &mut Decoded, block: usize) {
    if let Some(b) = out.blocks.get_mut(block) {
        b.kind = BlockKind::PemBroken;
    }
}

fn decode_der(source: usize, input: &[u8], out: &mut Decoded) {
    let mut pos = 0;
    let mut first = true;
    while pos < input.len() {
        if out.full() {
            return;
        }
        if input
            .get(pos..)
            .unwrap_or_default()
            .iter()
            .all(|b| b.is_ascii_whitespace() || *b == 0)
        {
            break;
        }
        let tlv = match read_tlv(input, pos, input.len()) {
            Ok(t) if t.tag == 0x30 => t,
            Ok(_) | Err(_) => {
                let block = push_block(
                    out,
                    if first {
                        BlockKind::Unrecognised
                    } else {
                        BlockKind::DerCertificate
                    },
                    None,
                    source,
                    None,
                );
                let kind = if first {
                    FindingKind::CertificateUnparsable {
                        why: Unreadable::NoDerAt { offset: pos },
                    }
                } else {
                    FindingKind::TrailingData {
                        extra: input.len().saturating_sub(pos),
                    }
                };
                out.findings.push(Finding::warning(kind).block(block));
                return;
            }
        };
        first = false;
        let body = input.get(tlv.start..tlv.end).unwrap_or_default();
        let kids = der::children(input, &tlv);
        let is_pkcs7 = kids.first().is_some_and(|k| {
            k.tag == 0x06 && input.get(k.content..k.end) == Some(PKCS7_SIGNED_DATA)
        });
        let looks_like_key = starts_like_private_key(body);
        if is_pkcs7 {
            let block = push_block(out, BlockKind::DerPkcs7, None, source, None);
            pkcs7_certs(body, block, out);
        } else if looks_like_key {
            let block = push_block(out, BlockKind::DerPrivateKey, None, source, None);
            out.findings.push(private_key_finding(block, "DER"));
        } else {
            let block = push_block(out, BlockKind::DerCertificate, None, source, None);
            out.certs.push(RawCert {
                der: body.to_vec(),
                block,
                trailing_ok: false,
            });
        }
        pos = tlv.end;
    }
}

fn private_key_finding(block: usize, label: &str) -> Finding {
    Finding::warning(FindingKind::PrivateKeyPasted {
        label: label.to_owned(),
    })
    .block(block)
}

/// Extracts certificates from a DER PKCS#7 ContentInfo (SignedData).
fn pkcs7_certs(body: &[u8], block: usize, out: &mut Decoded) {
    let fail = |out: &mut Decoded, problem: Pkcs7Problem| {
        out.findings
            .push(Finding::warning(FindingKind::Pkcs7Unparsable { problem }).block(block));
    };
    let Ok(ci) = read_tlv(body, 0, body.len()) else {
        return fail(out, Pkcs7Problem::Truncated);
    };
    let kids = der::children(body, &ci);
    let Some(explicit) = kids.get(1).filter(|t| t.tag == 0xa0) else {
        return fail(out, Pkcs7Problem::NoContent);
    };
    let Ok(sd) = read_tlv(body, explicit.content, explicit.end) else {
        return fail(out, Pkcs7Problem::SignedDataTruncated);
    };
    let sd_kids = der::children(body, &sd);
    let Some(certs) = sd_kids.iter().find(|t| t.tag == 0xa0) else {
        return fail(out, Pkcs7Problem::NoCertificates);
    };
    let mut n: usize = 0;
    for c in der::children(body, certs) {
        if out.full() {
            break;
        }
        if c.tag == 0x30 {
            out.certs.push(RawCert {
                der: body.get(c.start..c.end).unwrap_or_default().to_vec(),
                block,
                trailing_ok: false,
            });
            n = n.saturating_add(1);
        }
    }
    out.findings
        .push(Finding::info(FindingKind::Pkcs7Bundle { count: n }).block(block));
}

fn classify(label: &str) -> BlockKind {
    match label {
        "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => BlockKind::PemCertificate,
        "PKCS7" | "PKCS #7 SIGNED DATA" | "CMS" => BlockKind::PemPkcs7,
        "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => BlockKind::PemRequest,
        "X509 CRL" => BlockKind::PemCrl,
        l if l.contains("PRIVATE KEY") => BlockKind::PemPrivateKey,
        _ => BlockKind::PemOther,
    }
}

fn decode_pem(source: usize, input: &[u8], out: &mut Decoded) {
    // Work line by line; bytes that are not UTF-8 are kept as prose and ignored.
    let mut lines = input.split(|b| *b == b'\n').enumerate().peekable();
    while let Some((lineno, raw)) = lines.next() {
        let line = trim(raw);
        let Some(label) = begin_label(line) else {
            continue;
        };
        if out.full() {
            return;
        }
        let label = String::from_utf8_lossy(label).into_owned();
        let kind = classify(&label);
        let block = push_block(
            out,
            kind,
            Some(label.clone()),
            source,
            Some(lineno.saturating_add(1)),
        );
        let mut body: Vec<u8> = Vec::new();
        let mut ended = None;
        let mut body_first_line = None;
        while let Some(&(n, raw)) = lines.peek() {
            let l = trim(raw);
            if begin_label(l).is_some() {
                break; // a new block starts: this one has no END
            }
            lines.next();
            if let Some(end) = end_label(l) {
                ended = Some((
                    String::from_utf8_lossy(end).into_owned(),
                    n.saturating_add(1),
                ));
                break;
            }
            if kind == BlockKind::PemPrivateKey {
                continue; // never look at key material
            }
            if l.contains(&b':') {
                continue; // RFC 1421 headers (Proc-Type, DEK-Info...)
            }
            if body_first_line.is_none() && !l.is_empty() {
                body_first_line = Some(n.saturating_add(1));
            }
            // Copied a run at a time: pushing byte by byte was a tenth of reading a bundle.
            for run in l.split(u8::is_ascii_whitespace) {
                body.extend_from_slice(run);
            }
        }
        match &ended {
            None => {
                mark_broken(out, block);
                out.findings.push(
                    Finding::warning(FindingKind::PemMissingEnd {
                        label: label.clone(),
                        line: lineno.saturating_add(1),
                    })
                    .block(block),
                );
                if kind == BlockKind::PemPrivateKey {
                    out.findings.push(private_key_finding(block, &label));
                }
                continue;
            }
            Some((end, _)) if *end != label => {
                mark_broken(out, block);
                out.findings.push(
                    Finding::warning(FindingKind::PemLabelMismatch {
                        begin: label.clone(),
                        end: end.clone(),
                    })
                    .block(block),
                );
                if kind == BlockKind::PemPrivateKey || end.contains("PRIVATE KEY") {
                    out.findings.push(private_key_finding(block, &label));
                }
                continue;
            }
            Some(_) => {}
        }
        match kind {
            BlockKind::PemPrivateKey => out.findings.push(private_key_finding(block, &label)),
            BlockKind::PemOther => out.findings.push(
                Finding::info(FindingKind::OtherPemBlock {
                    label: label.clone(),
                })
                .block(block),
            ),
            BlockKind::PemCertificate
            | BlockKind::PemPkcs7
            | BlockKind::PemRequest
            | BlockKind::PemCrl => match base64_decode(&body) {
                Err(at) => out.findings.push(
                    Finding::warning(FindingKind::PemBadBase64 {
                        at: at.saturating_add(1),
                    })
                    .block(block),
                ),
                Ok(bytes) if bytes.is_empty() => out.findings.push(
                    match kind {
                        BlockKind::PemRequest => {
                            Finding::warning(FindingKind::DocumentUnreadable {
                                kind: super::findings::OtherDer::Csr,
                            })
                        }
                        BlockKind::PemCrl => Finding::warning(FindingKind::DocumentUnreadable {
                            kind: super::findings::OtherDer::Crl,
                        }),
                        _ => Finding::warning(FindingKind::CertificateUnparsable {
                            why: Unreadable::Empty,
                        }),
                    }
                    .block(block),
                ),
                Ok(bytes) => {
                    if kind == BlockKind::PemPkcs7 {
                        pkcs7_certs(&bytes, block, out);
                    } else {
                        out.certs.push(RawCert {
                            der: bytes,
                            block,
                            trailing_ok: label == "TRUSTED CERTIFICATE",
                        });
                    }
                }
            },
            _ => {}
        }
    }
}

/// How a PuTTY key file begins (`PuTTY-User-Key-File-2:` or `-3:`, PuTTY's `sshpubk.c`).
const PUTTY_HEADER: &str = "PuTTY-User-Key-File-";

/// A private key in a form other than PEM, by what it is: a PuTTY key file, a JSON Web
/// Key with its private part (`"d"`), or base64 without BEGIN/END lines whose DER starts
/// like a private key (see `starts_like_private_key`). Only the shape is looked at:
/// nothing past the first few DER bytes is decoded.
pub(crate) fn key_outside_pem(input: &[u8]) -> Option<&'static str> {
    let text = trim(input);
    if contains(text, PUTTY_HEADER.as_bytes()) {
        return Some("PuTTY");
    }
    if text.first() == Some(&b'{') && contains(text, b"\"kty\"") && contains(text, b"\"d\"") {
        return Some("JWK");
    }
    let head: Vec<u8> = text
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .take(64)
        .collect();
    if head.len() < 64 || !head.starts_with(b"MI") {
        return None;
    }
    let der = base64_decode(&head).ok()?;
    starts_like_private_key(&der).then_some("DER")
}

/// Whether DER (or its first bytes) opens the way every private-key container does: a
/// SEQUENCE whose first element is a one-byte version INTEGER from 0 to 3. That covers
/// PKCS#1 `RSAPrivateKey` (RFC 8017 A.1.2, version 0 or 1), PKCS#8 `PrivateKeyInfo` and
/// `OneAsymmetricKey` (RFC 5958, 0 or 1), SEC 1 `ECPrivateKey` (RFC 5915, 1) and a PKCS#12
/// `PFX` (RFC 7292, 3), which carries keys too. A certificate opens with a SEQUENCE inside
/// the SEQUENCE, and a PKCS#1 public key with a long INTEGER (the modulus), so neither is
/// taken for a key.
fn starts_like_private_key(der: &[u8]) -> bool {
    let header = match der.get(1) {
        Some(len) if *len < 0x80 => 2,
        Some(len @ 0x81..=0x84) => usize::from(len & 0x7f).saturating_add(2),
        _ => return false,
    };
    der.first() == Some(&0x30)
        && der.get(header..header.saturating_add(2)) == Some(&[0x02, 0x01])
        && der.get(header.saturating_add(2)).is_some_and(|v| *v <= 3)
}

/// The pasted text with every PEM private-key block removed (BEGIN line to its END line,
/// or to the next BEGIN line or the end when the END is missing), so the page never shows
/// key material back to the reader; a text that is a private key in another form (see
/// `key_outside_pem`) is removed whole. `None` when the text holds no private key.
pub fn without_private_keys(text: &str) -> Option<String> {
    if !text.contains("-----BEGIN") && key_outside_pem(text.as_bytes()).is_some() {
        return Some(String::new());
    }
    // Every key the lines below find names itself: a BEGIN line whose label holds
    // "PRIVATE KEY" (`classify`), or a PuTTY header. A text without either (nearly every
    // paste) is not copied line by line: for a 10 MB paste that copy was most of the page's
    // own scan.
    if !text.contains("PRIVATE KEY") && !text.contains(PUTTY_HEADER) {
        return None;
    }
    cut_key_lines(text)
}

/// `text` without the lines of its PEM private-key blocks and PuTTY key files, `None` when
/// it has none.
fn cut_key_lines(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    let mut found = false;
    let mut in_putty = false;
    for line in text.split_inclusive('\n') {
        let t = trim(line.as_bytes());
        // A PuTTY key file among PEM blocks: its header line to its `Private-MAC:` line.
        if t.starts_with(PUTTY_HEADER.as_bytes()) {
            in_putty = true;
            found = true;
        }
        if in_putty {
            in_putty = !t.starts_with(b"Private-MAC:");
            continue;
        }
        if let Some(label) = begin_label(t) {
            inside = classify(&String::from_utf8_lossy(label)) == BlockKind::PemPrivateKey;
            found |= inside;
            if inside {
                continue;
            }
        }
        if inside {
            if end_label(t).is_some() {
                inside = false;
            }
            continue;
        }
        out.push_str(line);
    }
    found.then_some(out)
}

fn trim(line: &[u8]) -> &[u8] {
    let start = line
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(line.len());
    let end = line
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |p| p.saturating_add(1));
    line.get(start..end.max(start)).unwrap_or_default()
}

fn begin_label(line: &[u8]) -> Option<&[u8]> {
    let rest = line.strip_prefix(b"-----BEGIN ")?;
    let label = rest.strip_suffix(b"-----")?;
    (!label.is_empty() && label.len() < 64).then_some(label)
}

fn end_label(line: &[u8]) -> Option<&[u8]> {
    let rest = line.strip_prefix(b"-----END ")?;
    rest.strip_suffix(b"-----")
}

/// Standard base64 with optional padding; whitespace already removed. On error returns the
/// position of the offending character (for "invalid at character N" messages).
///
/// Lenient as PEM readers are: padding may be left out, and the unused low bits of the last
/// character are ignored.
pub(crate) fn base64_decode(s: &[u8]) -> Result<Vec<u8>, usize> {
    crate::base64::decode(s, crate::base64::Padding::Optional).map_err(|e| e.at)
}

#[cfg(test)]
#[allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects,
    reason = "tests index known fixtures and fail by panicking"
)]
mod tests {
    use super::*;
    use crate::cert::Code;

    // proptest is a native dev-dependency only.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The shortcut in `without_private_keys` (no "PRIVATE KEY", no PuTTY header: no
        /// key) answers what the line-by-line cut would, for texts made of the lines that
        /// matter: BEGIN and END lines of keys and of other blocks, PuTTY's first and last
        /// lines, base64, blank lines and prose, with CR LF or LF.
        #[test]
        fn the_shortcut_answers_as_the_line_by_line_cut(
            lines in proptest::collection::vec(proptest::sample::select(vec![
                "-----BEGIN CERTIFICATE-----",
                "-----END CERTIFICATE-----",
                "-----BEGIN RSA PRIVATE KEY-----",
                "-----END RSA PRIVATE KEY-----",
                "-----BEGIN ENCRYPTED PRIVATE KEY-----",
                "  -----BEGIN OPENSSH PRIVATE KEY-----  ",
                "-----END PRIVATE KEY-----",
                "-----BEGIN X509 CRL-----",
                "PuTTY-User-Key-File-3: ssh-ed25519",
                "Private-MAC: 0123abcd",
                "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA",
                "MC4CAQAwBQYDK2VwBCIEIE",
                "",
                "a note about PRIVATE KEYS",
                "PuTTY",
            ]), 0..12),
            crlf in proptest::prelude::any::<bool>(),
        ) {
            let text = lines.join(if crlf { "\r\n" } else { "\n" });
            let expected = if !text.contains("-----BEGIN") && key_outside_pem(text.as_bytes()).is_some() {
                Some(String::new())
            } else {
                cut_key_lines(&text)
            };
            proptest::prop_assert_eq!(without_private_keys(&text), expected);
        }
    }

    #[test]
    fn contains_finds_a_needle_anywhere_as_windows_would() {
        let hay = b"--BEGIN-- PuTTY-User-Key-File-3: ssh-ed25519 PuTTY";
        for needle in [
            &b"PuTTY-User-Key-File-"[..],
            b"--BEGIN",
            b"PuTTY",
            b"ed25519 PuTTY",
            b"",
        ] {
            assert!(contains(hay, needle), "{needle:?}");
        }
        for needle in [&b"PuTTY-User-Key-File-4"[..], b"PuTTYs", b"-----BEGIN"] {
            assert!(!contains(hay, needle), "{needle:?}");
        }
        assert!(!contains(b"", b"x"));
        assert!(contains(b"x", b"x"));
    }

    #[test]
    fn pem_saved_as_utf16_is_read() {
        let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(pem.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(pem.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for bytes in [le, be] {
            let decoded = decode_all(&[&bytes]);
            assert_eq!(decoded.blocks.len(), 1);
            assert_eq!(decoded.blocks[0].label.as_deref(), Some("CERTIFICATE"));
            assert_eq!(decoded.blocks[0].line, Some(1));
        }
        // An odd byte at the end, or a lone BOM, is no trouble.
        assert!(decode_all(&[&[0xff, 0xfe, 0x41]]).blocks.len() <= 1);
        assert!(decode_all(&[&[0xff, 0xfe]]).certs.is_empty());
    }

    #[test]
    fn base64_round_trips_with_and_without_padding() {
        let bytes: Vec<u8> = (0..=255u8).rev().collect();
        for n in 0..70 {
            let data = &bytes[..n];
            for encoded in [
                crate::base64::encode(data),
                crate::base64::encode(data).trim_end_matches('=').to_owned(),
            ] {
                assert_eq!(
                    base64_decode(encoded.as_bytes()).unwrap(),
                    data,
                    "{encoded}"
                );
            }
        }
        // A third padding character is a character out of place.
        assert_eq!(base64_decode(b"TQ==="), Err(2));
    }

    #[test]
    fn base64() {
        assert_eq!(base64_decode(b"TWFu").unwrap(), b"Man");
        assert_eq!(base64_decode(b"TWE=").unwrap(), b"Ma");
        assert_eq!(base64_decode(b"TQ==").unwrap(), b"M");
        assert_eq!(base64_decode(b"TQ").unwrap(), b"M");
        assert_eq!(base64_decode(b"TW*u"), Err(2));
        assert_eq!(base64_decode(b"T"), Err(0));
    }

    #[test]
    fn bare_base64_body() {
        // A tiny DER SEQUENCE, base64 without headers, padded past the 64-character floor.
        let body = b"MIIBCgKCAQEA";
        let mut text = body.to_vec();
        text.extend_from_slice(&[b'A'; 60]);
        let d = decode_all(&[&text]);
        assert!(
            d.findings
                .iter()
                .any(|f| f.code() == Code::PemHeadersMissing)
        );
    }

    #[test]
    fn private_key_blocks_are_removed_from_text() {
        let text = "intro\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n\
                    -----BEGIN RSA PRIVATE KEY-----\nSECRET\n-----END RSA PRIVATE KEY-----\n\
                    -----BEGIN PRIVATE KEY-----\nSECRET2\n";
        let cleaned = without_private_keys(text).expect("has a key");
        assert!(!cleaned.contains("SECRET"));
        assert!(!cleaned.contains("PRIVATE KEY"));
        assert!(cleaned.contains("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"));
        assert!(cleaned.starts_with("intro\n"));
        assert_eq!(without_private_keys("no key here"), None);
    }

    #[test]
    fn private_keys_are_never_decoded() {
        let text = b"here is my key\r\n  -----BEGIN RSA PRIVATE KEY-----\r\n  c2VjcmV0\r\n  -----END RSA PRIVATE KEY-----\r\n";
        let d = decode_all(&[text]);
        assert!(d.certs.is_empty());
        assert_eq!(d.blocks[0].kind, BlockKind::PemPrivateKey);
        assert_eq!(d.findings[0].code(), Code::PrivateKeyPasted);
        assert!(!format!("{:?}", d.findings[0]).contains("c2VjcmV0"));
    }

    /// `30 82 len len`, then the version INTEGER and a little of what follows.
    fn der_opening(version: u8) -> Vec<u8> {
        let mut der = vec![
            0x30, 0x82, 0x04, 0xa4, 0x02, 0x01, version, 0x02, 0x82, 0x01, 0x01,
        ];
        der.resize(1_200, 0x5a);
        der
    }

    fn base64_lines(der: &[u8]) -> String {
        let b64 = crate::base64::encode(der);
        let lines: Vec<&str> = b64
            .as_bytes()
            .chunks(64)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect();
        lines.join("\n") + "\n"
    }

    #[test]
    fn keys_outside_pem_are_recognised_and_removed() {
        // PKCS#1 / PKCS#8 (version 0), SEC 1 (1), PKCS#12 (3), as base64 without BEGIN/END.
        for version in [0, 1, 3] {
            let text = base64_lines(&der_opening(version));
            assert_eq!(key_outside_pem(text.as_bytes()), Some("DER"), "v{version}");
            assert_eq!(without_private_keys(&text).as_deref(), Some(""));
            let d = decode_all(&[text.as_bytes()]);
            assert!(d.certs.is_empty());
            assert_eq!(d.findings.len(), 1, "{:?}", d.findings);
            assert_eq!(d.findings[0].code(), Code::PrivateKeyPasted);
            // The same key as raw DER bytes (a .der or .key file).
            let d = decode_all(&[&der_opening(version)]);
            assert_eq!(d.findings[0].code(), Code::PrivateKeyPasted);
        }
        let putty = "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n\
                     Comment: eddsa-key-20261201\nPublic-Lines: 2\n\
                     AAAAC3NzaC1lZDI1NTE5AAAAIBcGTKgWDpV1sQ6Ddr0wXq2Pexample0000000\n\
                     Private-Lines: 1\nAAAAIHNlY3JldHNlY3JldHNlY3JldHNlY3JldHNlY3JldA==\n\
                     Private-MAC: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n";
        assert_eq!(key_outside_pem(putty.as_bytes()), Some("PuTTY"));
        assert_eq!(without_private_keys(putty).as_deref(), Some(""));
        // Beside a certificate, only the PuTTY lines go and the key is reported.
        let mixed =
            format!("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n{putty}after\n");
        let cleaned = without_private_keys(&mixed).expect("has a key");
        assert!(!cleaned.contains("c2VjcmV0"), "{cleaned}");
        assert!(!cleaned.contains("PuTTY"), "{cleaned}");
        assert!(
            cleaned.contains("-----END CERTIFICATE-----\nafter\n"),
            "{cleaned}"
        );
        let d = decode_all(&[mixed.as_bytes()]);
        assert!(
            d.findings
                .iter()
                .any(|f| f.code() == Code::PrivateKeyPasted)
        );

        let jwk = r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cLSG4l3hPMQ8dJN6BfDqbU"}"#;
        assert_eq!(key_outside_pem(jwk.as_bytes()), Some("JWK"));
        let d = decode_all(&[jwk.as_bytes()]);
        assert_eq!(d.findings[0].code(), Code::PrivateKeyPasted);
        assert!(!format!("{:?}", d.findings).contains("jpsQ"));
        // A public JWK holds nothing secret.
        let public = jwk.replace(r#","d":"jpsQnnGQmL-YBIffH1136cLSG4l3hPMQ8dJN6BfDqbU""#, "");
        assert_eq!(key_outside_pem(public.as_bytes()), None);
    }

    #[test]
    fn public_keys_and_certificates_are_not_taken_for_private_keys() {
        // PKCS#1 RSAPublicKey: the first INTEGER is the long modulus.
        let mut rsa_public = vec![0x30, 0x82, 0x01, 0x0a, 0x02, 0x82, 0x01, 0x01, 0x00];
        rsa_public.resize(270, 0x77);
        assert!(!starts_like_private_key(&rsa_public));
        // A certificate: a SEQUENCE (tbsCertificate) inside the SEQUENCE.
        assert!(!starts_like_private_key(&[
            0x30, 0x82, 0x03, 0x00, 0x30, 0x82
        ]));
        // A version INTEGER above 3 is no key container this page knows.
        assert!(!starts_like_private_key(&der_opening(4)));
        assert!(!starts_like_private_key(&[0x30]));
        assert!(!starts_like_private_key(&[]));
    }

    #[test]
    fn broken_blocks_are_named() {
        let text = b"-----BEGIN CERTIFICATE-----\nAAAA\n-----BEGIN CERTIFICATE-----\nA*AA\n-----END CERTIFICATE-----\n-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n";
        let d = decode_all(&[text]);
        let codes: Vec<_> = d.findings.iter().map(|f| (f.code(), f.block)).collect();
        assert_eq!(
            codes,
            vec![
                (Code::PemMissingEnd, Some(0)),
                (Code::PemBadBase64, Some(1)),
                (Code::OtherPemBlock, Some(2))
            ]
        );
    }
}
