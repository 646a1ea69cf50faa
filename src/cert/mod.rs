//! The certificate engine: PEM/DER in, a trust-chain report out.
//!
//! # Contract
//! - **In**: bytes as pasted or read from files ([`Analysis::parse`],
//!   [`Analysis::parse_inputs`]): PEM blocks in any order with prose around them, DER,
//!   PKCS#7 bundles. Then [`Analysis::judge`] with [`Options`]: the time to judge at
//!   ([`UnixTime`], seconds since the epoch), an optional host name, extra trust anchors.
//! - **Out**: a [`Report`]: owned, `Clone`, `Serialize` data — every certificate decoded
//!   ([`CertificateReport`], with byte ranges for highlighting), the chain leaf first, one
//!   [`LinkReport`] per issued-by step with each check separately, the trust anchor, the
//!   host match, the Chromium errors a browser would show and the one it would display
//!   first, Firefox's name for it, and typed [`Finding`]s whose stable [`Code`]s the page
//!   explains from its locale files (and `inspect` in English). The report holds indices
//!   into the [`Analysis`]'s certificates, never copies of them.
//! - **Never**: a clock, IO, randomness, the network (AIA URLs are shown, never fetched),
//!   a panic on any input, or a private key decoded, kept or echoed.
//! - **Cheap re-judging**: parsing, fingerprints and every signature between input
//!   certificates and the Mozilla anchors are computed once in `parse`; `judge` only
//!   builds the path, checks dates and the host, and verifies against extra anchors, so
//!   the page's "as of" slider can call it on every move.
//!
//! ```
//! use imasara::cert::{Analysis, Code, Options, UnixTime};
//! let analysis = Analysis::parse(b"not a certificate");
//! assert!(analysis.certificates().is_empty());
//! assert_eq!(analysis.input_findings()[0].code(), Code::InputNotRecognised);
//! let report = analysis.judge(&Options::at(UnixTime(1_795_816_084)));
//! assert!(report.chain.is_empty());
//! ```
//!
//! Modules: [`input`] (PEM/DER/PKCS#7 decoding), [`asn1`] (the DER as a tree, for the
//! page's structure view), [`fields`] (per-certificate report),
//! [`signature`] (RustCrypto checks), [`chain`] (candidate issuers and links), `chrome_der`
//! (the extensions as Chrome's verifier parses them), `judge`
//! (the path and one function per rule), [`browsers`] (Chromium's and Firefox's error
//! names and what they allow), [`ct`] (the Certificate Transparency log behind each SCT), [`compare`] (two chains side by side, as at a renewal),
//! [`platforms`] (what Safari, Windows, Java and Android do
//! where the browsers fetch or preload a missing intermediate), [`anchors`] (trust anchors and the embedded root set),
//! [`nss`] (Mozilla's root history), [`documents`] (certificate signing requests and
//! revocation lists), [`hostname`] (RFC 6125, IDNA), `constraints` (name
//! constraints over DNS names and IP addresses), [`findings`] (typed findings and their
//! codes), [`time`], [`session`] (the engine behind a message boundary, for the page's
//! Web Worker).

// The engine reads whatever a reader pastes: no panic may be reachable from input. Every
// index is checked, every sum saturates or is checked, nothing is unwrapped; and every public
// item says what it is. (Tests, which may panic by design, allow these locally.)
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    missing_docs
)]

pub mod anchors;
pub mod asn1;
pub mod browsers;
pub mod chain;
mod chrome_der;
pub mod compare;
mod constraints;
pub mod ct;
mod der;
pub mod documents;
pub mod fields;
pub mod findings;
pub mod hostname;
pub mod input;
mod judge;
pub mod nss;
mod oids;
pub mod openssl;
pub mod platforms;
pub mod rules;
pub mod session;
pub mod signature;
pub mod time;

use serde::{Deserialize, Serialize};

pub use anchors::{Anchor, AnchorSource, RootSetInfo};
pub use browsers::{ChromiumError, FirefoxError};
pub use chain::{CheckName, CheckReport, CheckResult, LinkReport};
pub use chrome_der::{IntegerFault, KeyFault};
pub use fields::CertificateReport;
pub use findings::{Code, Finding, FindingKind, Issuer, Severity};
pub use hostname::HostReport;
pub use input::{BlockKind, InputBlock};
pub use openssl::{Client, OpenSslCheck, OpenSslError, OpenSslFailure};
pub use platforms::{Family, Outcome};
pub use signature::SignatureStatus;
pub use time::UnixTime;

use chain::{AnchorMatch, Edge};
use fields::CertData;
use findings::{OtherDer, Unreadable};

/// The most certificates analysed from one paste; more are reported and ignored.
pub const MAX_CERTIFICATES: usize = 2000;

/// What to judge against.
#[derive(Clone, Debug)]
pub struct Options {
    /// The time to judge validity at.
    pub at: UnixTime,
    /// The host name (or IP address) the browser connected to, if any.
    pub host: Option<String>,
    /// Extra trust anchors (see [`Anchor::from_input`]).
    pub extra_anchors: Vec<Anchor>,
    /// Whether the embedded Mozilla root set is trusted (default true).
    pub mozilla_roots: bool,
}

impl Options {
    /// Judge at `at`, no host, Mozilla roots only.
    pub fn at(at: UnixTime) -> Options {
        Options {
            at,
            host: None,
            extra_anchors: Vec::new(),
            mozilla_roots: true,
        }
    }

    /// Also check this host name.
    pub fn with_host(mut self, host: impl Into<String>) -> Options {
        self.host = Some(host.into());
        self
    }
}

/// A parsed paste: decode once, judge many times.
#[derive(Clone, Debug)]
pub struct Analysis {
    blocks: Vec<InputBlock>,
    input_findings: Vec<Finding>,
    certs: Vec<CertificateReport>,
    data: Vec<CertData>,
    /// First occurrence of each certificate (false for later duplicates).
    primary: Vec<bool>,
    edges: Vec<Vec<Edge>>,
    mozilla: Vec<Vec<AnchorMatch>>,
    /// The self-signature check of self-issued certificates.
    self_signature: Vec<Option<SignatureStatus>>,
    /// Certificate signing requests in the input.
    requests: Vec<documents::RequestReport>,
    /// Revocation lists in the input.
    crls: Vec<documents::CrlReport>,
}

/// The trust decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustReport {
    /// The anchor's subject, when the chain reaches one.
    pub anchor: Option<String>,
    /// Where that anchor came from.
    pub source: Option<AnchorSource>,
    /// SHA-256 of the anchor's SubjectPublicKeyInfo.
    pub anchor_spki_sha256: Option<String>,
    /// Index into `chain` of the certificate that is the anchor or is signed by it.
    pub chain_position: Option<usize>,
    /// Whether that certificate *is* the anchor (same subject and key) rather than
    /// signed by it.
    pub is_anchor_certificate: bool,
    /// True when an anchor is reached and every link's signature below it verifies.
    pub trusted: bool,
    /// Whether the embedded Mozilla root set was trusted in this judgement.
    pub mozilla_roots_used: bool,
}

/// The issuer the chain needs but the input lacks: certificate `child` names it (its
/// issuer name, AKI and AIA addresses are in that certificate's report).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingIssuer {
    /// The certificate whose issuer is missing.
    pub child: usize,
}

/// Validity of one certificate at the chosen time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValidityStatus {
    /// Within notBefore..notAfter.
    Valid,
    /// After notAfter.
    Expired,
    /// Before notBefore.
    NotYetValid,
}

/// The whole judgement of an [`Analysis`] at one time, for one host, against anchors.
/// Indices point into the analysis's certificates (input order).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The time judged at.
    pub at: UnixTime,
    /// Validity of each certificate (input order) at `at`.
    pub validity: Vec<ValidityStatus>,
    /// The chain, leaf first.
    pub chain: Vec<usize>,
    /// One per issued-by step, leaf first.
    pub links: Vec<LinkReport>,
    /// The issuer the chain needs and the input lacks.
    pub missing_issuer: Option<MissingIssuer>,
    /// The trust decision.
    pub trust: TrustReport,
    /// The host-name match, when a host was given.
    pub host: Option<HostReport>,
    /// Chromium error names a browser would raise (empty when it would accept), ranked.
    pub errors: Vec<ChromiumError>,
    /// The one Chromium would display.
    pub primary_error: Option<ChromiumError>,
    /// Firefox's name for what it would display, when it would not accept.
    pub firefox_error: Option<FirefoxError>,
    /// What OpenSSL would raise, in its order; each OpenSSL-based [`Client`] reports the
    /// first it looks at.
    pub openssl: Vec<OpenSslFailure>,
    /// Why an OpenSSL-based TLS client (curl, Python) ends the handshake before it
    /// verifies anything, when it does; `openssl verify` reads files and meets only a
    /// certificate it cannot decode ([`Client::stopped_by`]).
    pub openssl_handshake: Option<openssl::OpenSslHandshakeError>,
    /// What the judgement found (the input's own findings are in the analysis).
    pub findings: Vec<Finding>,
}

impl Analysis {
    /// Parses one paste or file.
    pub fn parse(input: &[u8]) -> Analysis {
        Analysis::parse_inputs(&[input])
    }

    /// Parses several files as one set.
    pub fn parse_inputs(inputs: &[&[u8]]) -> Analysis {
        Analysis::read(inputs, false, signature::Budget::new()).0
    }

    /// Reads several files as [`Analysis::parse_inputs`] does, with the signature budget
    /// spent before the first check: every signature is "not checked here", as in a
    /// reading past [`signature::MAX_SIGNATURE_WORK`], and everything else (blocks,
    /// certificates and their fields, duplicates, the names that link them, requests,
    /// revocation lists, findings) is read as always.
    ///
    /// The parser alone, for the `cert_parse` fuzz target (FUZZING.md): on arbitrary
    /// input, checking signatures is elliptic-curve and RSA arithmetic on keys and
    /// signatures the input chose, most of that target's time; the readings that check
    /// them are fuzzed by `cert_judge` and `cert_session`.
    pub fn parse_inputs_without_signatures(inputs: &[&[u8]]) -> Analysis {
        Analysis::read(inputs, false, signature::Budget::spent()).0
    }

    /// Parses several files as one set, as [`Analysis::parse_inputs`] does, but without
    /// checking the own signature of a self-issued certificate (its subject is its issuer)
    /// or the signatures of embedded SCTs: such a certificate counts as self-signed, and
    /// such an SCT as signed by its log, until [`Analysis::deferred_checks_hold`] has
    /// checked them. Returns the checks left out.
    ///
    /// A browser's decision rarely hangs on those signatures, so the verdict need not wait
    /// for them. Path validation starts from a trust anchor's name and key (RFC 5280 6.1.1
    /// d), and no browser checks an anchor's own signature: Chromium's verifier tests
    /// (net/data/verify_certificate_chain_unittest) accept a chain whose anchor is not
    /// self-signed, "it doesn't matter that the root was not self-signed if it is
    /// designated as the trust anchor". Nor does one check it at the top of a chain that
    /// reaches no anchor: BoringSSL's pki/verify_certificate_chain.cc (`PathVerifier::Run`)
    /// takes the top certificate's key to check the next one's signature and does "no other
    /// checks for root certificates". In a root bundle these
    /// are nearly every signature of the input; where one fails, this reading differs
    /// from [`Analysis::parse_inputs`]'s (which then is the one to show).
    ///
    /// An SCT's signature counts for Chrome's CT policy, but a log signing what it did not
    /// log is a case for the log's removal, not an everyday fault; checking it means hashing
    /// the whole certificate once per SCT (three times 277 KB for badssl's 10,000-name
    /// certificate), which the verdict need not wait for either.
    pub fn parse_inputs_deferring_checks(inputs: &[&[u8]]) -> (Analysis, Deferred) {
        Analysis::read(inputs, true, signature::Budget::new())
    }

    /// Whether every check [`Analysis::parse_inputs_deferring_checks`] left out holds:
    /// each certificate signed with its own key, each SCT by its log. When all do, that
    /// reading is [`Analysis::parse_inputs`]'s (the checks left out were charged to the
    /// signature budget, so nothing else it decided differs); when one does not,
    /// `parse_inputs`'s is the one to show.
    pub fn deferred_checks_hold(&self, deferred: &Deferred) -> bool {
        let mut budget = signature::Budget::new();
        let self_signed = deferred.self_signatures.iter().all(|&i| {
            self.data.get(i).is_some_and(|d| {
                budget.verify(&d.sig_alg, &d.key, d.tbs_bytes(), &d.sig) == SignatureStatus::Valid
            })
        });
        self_signed
            && deferred.scts.iter().all(|(i, j, issuer)| {
                self.data.get(*i).is_some_and(|d| {
                    let tbs = ct::tbs_without_scts(d.tbs_bytes());
                    d.scts.get(*j).is_some_and(|sct| {
                        let len = d.tbs_bytes().len();
                        ct::verify(sct, tbs.as_deref(), Some(issuer), len, &mut budget)
                            == ct::SctSignature::Valid
                    })
                })
            })
    }

    fn read(inputs: &[&[u8]], defer: bool, mut budget: signature::Budget) -> (Analysis, Deferred) {
        let decoded = input::decode_all(inputs);
        let mut blocks = decoded.blocks;
        let mut findings = decoded.findings;
        let mut certs = Vec::new();
        let mut data = Vec::new();
        // Requests and revocation lists, read once every certificate is (a list is checked
        // against the pasted certificates).
        let mut documents_in = Vec::new();
        for raw in decoded.certs {
            if certs.len() >= MAX_CERTIFICATES {
                findings.push(
                    Finding::warning(FindingKind::CertificateUnparsable {
                        why: Unreadable::TooMany {
                            limit: MAX_CERTIFICATES,
                        },
                    })
                    .block(raw.block),
                );
                break;
            }
            let block_kind = blocks.get(raw.block).map(|b| b.kind);
            if matches!(block_kind, Some(BlockKind::PemRequest | BlockKind::PemCrl)) {
                documents_in.push(raw);
                continue;
            }
            match x509_parser::parse_x509_certificate(&raw.der) {
                Ok((rest, cert)) => {
                    let used = raw.der.len().saturating_sub(rest.len());
                    if !rest.is_empty() && !raw.trailing_ok {
                        findings.push(
                            Finding::warning(FindingKind::TrailingData { extra: rest.len() })
                                .block(raw.block),
                        );
                    }
                    let index = certs.len();
                    let der = raw.der.get(..used).unwrap_or_default();
                    let (report, d) = fields::build(&cert, der, index, raw.block);
                    if let Some(b) = blocks.get_mut(raw.block) {
                        b.certificates.push(index);
                    }
                    certs.push(report);
                    data.push(d);
                }
                Err(_) => {
                    if other_der_kind(&raw.der).is_some() {
                        documents_in.push(raw);
                        continue;
                    }
                    let why = der::diagnose_certificate(&raw.der).unwrap_or(Unreadable::Refused);
                    findings.push(
                        Finding::warning(FindingKind::CertificateUnparsable { why })
                            .block(raw.block),
                    );
                }
            }
        }
        // Duplicates: the first occurrence takes part, later ones are reported.
        let mut primary = vec![true; certs.len()];
        {
            let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
            for (i, c) in certs.iter().enumerate() {
                match seen.get(c.sha256.as_str()) {
                    Some(&first) => {
                        if let Some(p) = primary.get_mut(i) {
                            *p = false;
                        }
                        findings.push(
                            Finding::warning(FindingKind::DuplicateCertificate { first }).cert(i),
                        );
                    }
                    None => {
                        seen.insert(c.sha256.as_str(), i);
                    }
                }
            }
        }
        // Every signature between input certificates, then each certificate's own, then
        // against Mozilla's anchors: one budget for them all (signature::MAX_SIGNATURE_WORK).
        let mut edges = chain::edges(&data, &primary, &mut budget);
        let moz = anchors::mozilla();
        let moz_index = mozilla_index();
        let mut deferred = Deferred::default();
        let mut self_signature = vec![None; data.len()];
        for (i, d) in data.iter().enumerate() {
            let self_issued = chain::names_equal(
                &d.subject_raw,
                &d.subject_norm,
                &d.issuer_raw,
                &d.issuer_norm,
            );
            let ids_say_self = matches!((&d.aki, &d.ski), (Some(a), Some(s)) if a == s);
            // Left for later, its cost charged now so that every other check is allowed or
            // refused as in the full reading (where it would be refused, it is not left).
            if self_issued && defer && budget.charge(&d.sig_alg, &d.key, d.tbs_bytes(), &d.sig) {
                deferred.self_signatures.push(i);
                if let Some(c) = certs.get_mut(i) {
                    c.self_signed = true;
                }
                if let Some(s) = self_signature.get_mut(i) {
                    *s = Some(SignatureStatus::Valid);
                }
            } else if self_issued || ids_say_self {
                let status = budget.verify(&d.sig_alg, &d.key, d.tbs_bytes(), &d.sig);
                if let Some(c) = certs.get_mut(i) {
                    c.self_signed = status == SignatureStatus::Valid;
                }
                if let Some(s) = self_signature.get_mut(i) {
                    *s = Some(status);
                }
            }
        }
        chain::with_own_signatures(&mut edges, &self_signature);
        let mozilla: Vec<Vec<AnchorMatch>> = data
            .iter()
            .zip(&primary)
            .zip(&self_signature)
            .map(|((d, &first), &own)| {
                if first {
                    chain::anchor_matches(d, moz, moz_index, own, &mut budget)
                } else {
                    Vec::new()
                }
            })
            .collect();
        check_scts(
            &data,
            &primary,
            &edges,
            &mozilla,
            moz,
            &mut certs,
            &mut budget,
            defer.then_some(&mut deferred.scts),
        );
        let mut document_findings = Vec::new();
        let (requests, crls) = read_documents(
            documents_in,
            &blocks,
            &certs,
            &data,
            &mut budget,
            &mut document_findings,
        );
        // Up to two thousand documents: listed like the input's own findings, a few and a count.
        findings.extend(input::count_the_rest(document_findings));
        if budget.refused > 0 {
            findings.push(Finding::warning(FindingKind::SignatureWorkCapped {
                unchecked: budget.refused,
            }));
        }
        if certs.is_empty() && requests.is_empty() && crls.is_empty() {
            findings.push(Finding::warning(FindingKind::NoCertificate));
        }
        let analysis = Analysis {
            requests,
            crls,
            blocks,
            input_findings: findings,
            certs,
            data,
            primary,
            edges,
            mozilla,
            self_signature,
        };
        (analysis, deferred)
    }

    /// The decoded certificates, input order.
    pub fn certificates(&self) -> &[CertificateReport] {
        &self.certs
    }

    /// The certificate signing requests in the input, input order.
    pub fn requests(&self) -> &[documents::RequestReport] {
        &self.requests
    }

    /// The revocation lists in the input, input order.
    pub fn crls(&self) -> &[documents::CrlReport] {
        &self.crls
    }

    /// The input blocks.
    pub fn blocks(&self) -> &[InputBlock] {
        &self.blocks
    }

    /// Findings about the input itself (blocks, parse errors, private keys, duplicates).
    pub fn input_findings(&self) -> &[Finding] {
        &self.input_findings
    }

    /// The root set built into the engine.
    pub fn root_set(&self) -> RootSetInfo {
        anchors::mozilla_info()
    }

    /// The DER bytes of certificate `index` (input order), for the page's hex view.
    pub fn der(&self, index: usize) -> Option<&[u8]> {
        self.data.get(index).map(|d| d.der.as_slice())
    }

    /// Certificate `index` as a custom trust anchor (its subject and key), for the page's
    /// "trust this root" switch.
    pub fn anchor(&self, index: usize) -> Option<Anchor> {
        self.der(index)
            .and_then(|der| Anchor::from_input(der).into_iter().next())
    }

    /// Judges the set at a time, for a host, against anchors.
    pub fn judge(&self, options: &Options) -> Report {
        judge::judge(self, options)
    }
}

/// Reads the requests and revocation lists of the input, in input order, each with an
/// info finding naming it (or a warning when its bytes are not what its label says).
fn read_documents(
    raws: Vec<input::RawCert>,
    blocks: &[InputBlock],
    certs: &[CertificateReport],
    data: &[fields::CertData],
    budget: &mut signature::Budget,
    findings: &mut Vec<Finding>,
) -> (Vec<documents::RequestReport>, Vec<documents::CrlReport>) {
    let serials: Vec<String> = certs.iter().map(|c| c.serial_hex.clone()).collect();
    let mut requests = Vec::new();
    let mut crls = Vec::new();
    for raw in raws {
        // What the PEM label promised, or what binary data turned out to be.
        let kind = match blocks.get(raw.block).map(|b| b.kind) {
            Some(BlockKind::PemRequest) => OtherDer::Csr,
            Some(BlockKind::PemCrl) => OtherDer::Crl,
            _ => other_der_kind(&raw.der).unwrap_or(OtherDer::Crl),
        };
        let read = match kind {
            OtherDer::Csr => documents::request(&raw.der, raw.block, budget)
                .map(|request| requests.push(request))
                .is_some(),
            OtherDer::Crl => {
                documents::revocation_list(&raw.der, raw.block, data, &serials, budget)
                    .map(|crl| crls.push(crl))
                    .is_some()
            }
        };
        findings.push(if read {
            Finding::info(FindingKind::DocumentRead { kind }).block(raw.block)
        } else {
            Finding::warning(FindingKind::DocumentUnreadable { kind }).block(raw.block)
        });
    }
    (requests, crls)
}

/// Names binary data that is not a certificate but another X.509 structure.
fn other_der_kind(der: &[u8]) -> Option<OtherDer> {
    use x509_parser::prelude::FromDer;
    if x509_parser::parse_x509_crl(der).is_ok() {
        Some(OtherDer::Crl)
    } else if x509_parser::certification_request::X509CertificationRequest::from_der(der).is_ok() {
        Some(OtherDer::Csr)
    } else {
        None
    }
}

/// The checks [`Analysis::parse_inputs_deferring_checks`] left for later.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Deferred {
    /// Self-issued certificates whose own signature was taken on trust.
    self_signatures: Vec<usize>,
    /// Embedded SCTs taken on trust: the certificate, the SCT and the issuer's
    /// SubjectPublicKeyInfo to check it with.
    scts: Vec<(usize, usize, Vec<u8>)>,
}

impl Deferred {
    /// Whether nothing was left for later.
    pub fn is_empty(&self) -> bool {
        self.self_signatures.is_empty() && self.scts.is_empty()
    }

    /// The self-issued certificates whose own signature was left for later.
    pub fn self_signatures(&self) -> &[usize] {
        &self.self_signatures
    }

    /// The embedded SCTs left for later: (certificate, SCT).
    pub fn scts(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.scts.iter().map(|(i, j, _)| (*i, *j))
    }
}

/// Each embedded SCT's signature ([`ct::verify`]), with the key of an issuer whose
/// signature on the certificate verifies: a certificate of the input, else a Mozilla root
/// (the log signed a hash of that key). A later copy of a certificate takes its first
/// copy's answers. With `deferred`, a signature is taken on trust ([`ct::charge`]) and
/// listed there to be checked later.
#[allow(clippy::too_many_arguments)]
fn check_scts(
    data: &[CertData],
    primary: &[bool],
    edges: &[Vec<Edge>],
    mozilla: &[Vec<AnchorMatch>],
    roots: &[anchors::Anchor],
    certs: &mut [CertificateReport],
    budget: &mut signature::Budget,
    mut deferred: Option<&mut Vec<(usize, usize, Vec<u8>)>>,
) {
    let mut first_copy: std::collections::HashMap<String, Vec<ct::SctSignature>> =
        std::collections::HashMap::new();
    for (i, d) in data.iter().enumerate() {
        if d.scts.is_empty() {
            continue;
        }
        let Some(report) = certs.get_mut(i) else {
            continue;
        };
        let statuses = match first_copy.get(&report.sha256) {
            Some(known) if !primary.get(i).copied().unwrap_or(true) => known.clone(),
            _ => {
                let in_input = edges.get(i).into_iter().flatten().find_map(|e| {
                    (e.signature == SignatureStatus::Valid)
                        .then(|| data.get(e.parent))
                        .flatten()
                        .map(|p| p.spki_raw.as_slice())
                });
                let root = || {
                    mozilla.get(i).into_iter().flatten().find_map(|m| match m {
                        AnchorMatch::IssuedBy(a, SignatureStatus::Valid) => {
                            roots.get(*a).map(|r| r.spki_raw.as_slice())
                        }
                        _ => None,
                    })
                };
                let issuer = in_input.or_else(root);
                let len = d.tbs_bytes().len();
                if let Some(later) = deferred.as_deref_mut() {
                    let statuses: Vec<_> = d
                        .scts
                        .iter()
                        .map(|sct| ct::charge(sct, issuer, len, budget))
                        .collect();
                    for (j, status) in statuses.iter().enumerate() {
                        if let (ct::SctSignature::Valid, Some(issuer)) = (status, issuer) {
                            later.push((i, j, issuer.to_vec()));
                        }
                    }
                    statuses
                } else {
                    let tbs = ct::tbs_without_scts(d.tbs_bytes());
                    d.scts
                        .iter()
                        .map(|sct| ct::verify(sct, tbs.as_deref(), issuer, len, budget))
                        .collect()
                }
            }
        };
        for (sct, status) in report.scts.iter_mut().zip(&statuses) {
            sct.signature = *status;
        }
        first_copy.entry(report.sha256.clone()).or_insert(statuses);
    }
}

fn mozilla_index() -> &'static std::collections::HashMap<Vec<u8>, Vec<usize>> {
    static INDEX: std::sync::OnceLock<std::collections::HashMap<Vec<u8>, Vec<usize>>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| chain::anchor_index(anchors::mozilla()))
}

/// Helpers the engine's unit tests share.
#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    reason = "tests read known fixtures and fail by panicking"
)]
pub(crate) mod test_support {
    /// The DER of each certificate in a PEM text.
    pub(crate) fn ders(pem: &str) -> Vec<Vec<u8>> {
        pem.split("-----BEGIN CERTIFICATE-----")
            .skip(1)
            .map(|block| {
                let body: String = block
                    .split("-----END")
                    .next()
                    .unwrap()
                    .split_whitespace()
                    .collect();
                crate::base64::decode(body.as_bytes(), crate::base64::Padding::Required).unwrap()
            })
            .collect()
    }
}
