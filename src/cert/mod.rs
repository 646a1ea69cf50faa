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
//!   first, and [`Finding`]s with stable [`Code`]s that the page explains from its locale
//!   files. English `message`s are included for the command line only.
//! - **Never**: a clock, IO, randomness, the network (AIA URLs are shown, never fetched),
//!   a panic on any input, or a private key decoded, kept or echoed.
//! - **Cheap re-judging**: parsing, fingerprints and every signature between input
//!   certificates and the Mozilla anchors are computed once in `parse`; `judge` only
//!   builds the path, checks dates and the host, and verifies against extra anchors, so
//!   the page's "as of" slider can call it on every move.
//!
//! ```
//! use imasara::cert::{Analysis, Options, UnixTime};
//! let analysis = Analysis::parse(b"not a certificate");
//! let report = analysis.judge(&Options::at(UnixTime(1_795_816_084)));
//! assert!(report.certificates.is_empty());
//! ```
//!
//! Modules: [`input`] (PEM/DER/PKCS#7 decoding), [`fields`] (per-certificate report),
//! [`signature`] (RustCrypto checks), [`chain`] (path and links), [`anchors`] (trust
//! anchors and the embedded root set), [`hostname`] (RFC 6125, punycode), `constraints`
//! (name constraints over DNS names and IP addresses), [`findings`] (codes, Chromium
//! errors), [`time`], [`session`] (the engine behind a message boundary, for the page's
//! Web Worker).

pub mod anchors;
pub mod chain;
mod constraints;
mod der;
pub mod fields;
pub mod findings;
pub mod hostname;
pub mod input;
mod oids;
pub mod session;
pub mod signature;
pub mod time;

use serde::{Deserialize, Serialize};

pub use anchors::{Anchor, AnchorSource, RootSetInfo};
pub use chain::{CheckName, CheckReport, CheckResult, LinkReport};
pub use fields::CertificateReport;
pub use findings::{ChromiumError, Code, Finding, Severity};
pub use hostname::HostReport;
pub use input::{BlockKind, InputBlock};
pub use signature::SignatureStatus;
pub use time::UnixTime;

use chain::{AnchorMatch, Edge};
use constraints::NameConstraints;
use fields::CertData;

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
}

/// The trust decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustReport {
    /// The anchor's subject, when the chain reaches one.
    pub anchor: Option<String>,
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
    /// The embedded root set (also when it was not used).
    pub root_set: RootSetInfo,
    pub mozilla_roots_used: bool,
}

/// The issuer the chain needs but the input lacks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingIssuer {
    /// Index of the certificate whose issuer is missing.
    pub child: usize,
    /// The missing issuer's name.
    pub name: String,
    /// AIA "CA Issuers" URLs where it may be downloaded (never fetched here).
    pub ca_issuers_urls: Vec<String>,
    pub authority_key_id: Option<String>,
}

/// Validity of one certificate at the chosen time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValidityStatus {
    Valid,
    Expired,
    NotYetValid,
}

/// The whole judgement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The time judged at, RFC 3339.
    pub at: String,
    pub at_unix: i64,
    pub blocks: Vec<InputBlock>,
    /// Input order.
    pub certificates: Vec<CertificateReport>,
    /// Validity of each certificate (input order) at `at`.
    pub validity: Vec<ValidityStatus>,
    /// Indices into `certificates`, leaf first.
    pub chain: Vec<usize>,
    pub links: Vec<LinkReport>,
    pub missing_issuer: Option<MissingIssuer>,
    pub trust: TrustReport,
    pub host: Option<HostReport>,
    /// Chromium error names a browser would raise (empty when it would accept).
    pub errors: Vec<ChromiumError>,
    /// The one Chromium would display.
    pub primary_error: Option<ChromiumError>,
    /// Every finding, errors' causes included.
    pub warnings: Vec<Finding>,
}

impl Analysis {
    /// Parses one paste or file.
    pub fn parse(input: &[u8]) -> Analysis {
        Analysis::parse_inputs(&[input])
    }

    /// Parses several files as one set.
    pub fn parse_inputs(inputs: &[&[u8]]) -> Analysis {
        let decoded = input::decode_all(inputs);
        let mut blocks = decoded.blocks;
        let mut findings = decoded.findings;
        let mut certs = Vec::new();
        let mut data = Vec::new();
        for raw in decoded.certs {
            if certs.len() >= MAX_CERTIFICATES {
                findings.push(
                    Finding::new(
                        Code::CertificateUnparsable,
                        Severity::Warning,
                        format!("more than {MAX_CERTIFICATES} certificates: the rest were ignored"),
                    )
                    .block(raw.block)
                    .detail(format!("limit {MAX_CERTIFICATES}")),
                );
                break;
            }
            match x509_parser::parse_x509_certificate(&raw.der) {
                Ok((rest, cert)) => {
                    let used = raw.der.len() - rest.len();
                    if !rest.is_empty() && !raw.trailing_ok {
                        findings.push(
                            Finding::new(
                                Code::TrailingData,
                                Severity::Warning,
                                format!(
                                    "block {}: {} byte(s) after the certificate were ignored",
                                    raw.block + 1,
                                    rest.len()
                                ),
                            )
                            .block(raw.block)
                            .detail(format!("offset {used}")),
                        );
                    }
                    let index = certs.len();
                    let (report, d) = fields::build(&cert, &raw.der[..used], index, raw.block);
                    if let Some(b) = blocks.get_mut(raw.block) {
                        b.certificates.push(index);
                    }
                    certs.push(report);
                    data.push(d);
                }
                Err(e) => {
                    if let Some(kind) = other_der_kind(&raw.der) {
                        findings.push(
                            Finding::new(
                                Code::OtherDerData,
                                Severity::Info,
                                format!(
                                    "block {}: this is {kind}, not a certificate; skipped",
                                    raw.block + 1
                                ),
                            )
                            .block(raw.block)
                            .detail(kind),
                        );
                        continue;
                    }
                    let (why, message) = match der::diagnose_certificate(&raw.der) {
                        Some(why) => {
                            let m = format!(
                                "block {}: not a valid X.509 certificate: {why} (parser: {e})",
                                raw.block + 1
                            );
                            (why, m)
                        }
                        None => {
                            let why = e.to_string();
                            let m = format!(
                                "block {}: not a valid X.509 certificate: {why}",
                                raw.block + 1
                            );
                            (why, m)
                        }
                    };
                    findings.push(
                        Finding::new(Code::CertificateUnparsable, Severity::Warning, message)
                            .block(raw.block)
                            .detail(why),
                    );
                }
            }
        }
        // Duplicates: the first occurrence takes part, later ones are reported.
        let mut primary = vec![true; certs.len()];
        {
            let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
            for (i, c) in certs.iter().enumerate() {
                if let Some(&first) = seen.get(c.sha256.as_str()) {
                    primary[i] = false;
                    findings.push(
                        Finding::new(
                            Code::DuplicateCertificate,
                            Severity::Warning,
                            format!(
                                "certificate {} is a copy of certificate {}",
                                i + 1,
                                first + 1
                            ),
                        )
                        .cert(i)
                        .detail((first).to_string()),
                    );
                } else {
                    seen.insert(c.sha256.as_str(), i);
                }
            }
        }
        // Self-signatures.
        let mut self_signature = vec![None; data.len()];
        for (i, d) in data.iter().enumerate() {
            let self_issued = chain::names_equal(
                &d.subject_raw,
                &d.subject_norm,
                &d.issuer_raw,
                &d.issuer_norm,
            );
            let ids_say_self = matches!((&d.aki, &d.ski), (Some(a), Some(s)) if a == s);
            if self_issued || ids_say_self {
                let status = signature::verify(&d.sig_alg, &d.key, d.tbs_bytes(), &d.sig);
                certs[i].self_signed = status == SignatureStatus::Valid;
                self_signature[i] = Some(status);
            }
        }
        let edges = chain::edges(&data, &primary);
        let moz = anchors::mozilla();
        let moz_index = mozilla_index();
        let mozilla = data
            .iter()
            .enumerate()
            .map(|(i, d)| {
                if primary[i] {
                    chain::anchor_matches(d, moz, moz_index)
                } else {
                    Vec::new()
                }
            })
            .collect();
        if certs.is_empty() && !findings.iter().any(|f| f.code == Code::NoCertificate) {
            findings.push(Finding::new(
                Code::NoCertificate,
                Severity::Warning,
                "no certificate was found in the input",
            ));
        }
        Analysis {
            blocks,
            input_findings: findings,
            certs,
            data,
            primary,
            edges,
            mozilla,
            self_signature,
        }
    }

    /// The decoded certificates, input order.
    pub fn certificates(&self) -> &[CertificateReport] {
        &self.certs
    }

    /// The input blocks.
    pub fn blocks(&self) -> &[InputBlock] {
        &self.blocks
    }

    /// Findings about the input itself (blocks, parse errors, private keys, duplicates).
    pub fn input_findings(&self) -> &[Finding] {
        &self.input_findings
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
        Judge::new(self, options).run()
    }
}

/// Names binary data that is not a certificate but another X.509 structure.
fn other_der_kind(der: &[u8]) -> Option<&'static str> {
    use x509_parser::prelude::FromDer;
    if x509_parser::parse_x509_crl(der).is_ok() {
        Some("a certificate revocation list (CRL)")
    } else if x509_parser::certification_request::X509CertificationRequest::from_der(der).is_ok() {
        Some("a certificate signing request (CSR)")
    } else {
        None
    }
}

fn mozilla_index() -> &'static std::collections::HashMap<Vec<u8>, Vec<usize>> {
    static INDEX: std::sync::OnceLock<std::collections::HashMap<Vec<u8>, Vec<usize>>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| chain::anchor_index(anchors::mozilla()))
}

/// A resolved anchor relation for one certificate in this judgement.
#[derive(Clone)]
struct AnchorHit<'a> {
    anchor: &'a Anchor,
}

struct Judge<'a> {
    a: &'a Analysis,
    o: &'a Options,
    custom: Vec<Vec<AnchorMatch>>,
    findings: Vec<Finding>,
    errors: Vec<ChromiumError>,
}

impl<'a> Judge<'a> {
    fn new(a: &'a Analysis, o: &'a Options) -> Judge<'a> {
        let custom = if o.extra_anchors.is_empty() {
            vec![Vec::new(); a.data.len()]
        } else {
            let idx = chain::anchor_index(&o.extra_anchors);
            a.data
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    if a.primary[i] {
                        chain::anchor_matches(d, &o.extra_anchors, &idx)
                    } else {
                        Vec::new()
                    }
                })
                .collect()
        };
        Judge {
            a,
            o,
            custom,
            findings: a.input_findings.clone(),
            errors: Vec::new(),
        }
    }

    fn validity(&self, i: usize) -> ValidityStatus {
        let d = &self.a.data[i];
        let t = self.o.at.0;
        if t < d.not_before {
            ValidityStatus::NotYetValid
        } else if t > d.not_after {
            ValidityStatus::Expired
        } else {
            ValidityStatus::Valid
        }
    }

    /// The anchor this certificate *is*, if any (custom first, then Mozilla).
    fn is_anchor(&self, i: usize) -> Option<AnchorHit<'a>> {
        let moz = anchors::mozilla();
        for m in &self.custom[i] {
            if let AnchorMatch::IsAnchor(x) = m {
                return Some(AnchorHit {
                    anchor: &self.o.extra_anchors[*x],
                });
            }
        }
        if self.o.mozilla_roots {
            for m in &self.a.mozilla[i] {
                if let AnchorMatch::IsAnchor(x) = m {
                    return Some(AnchorHit { anchor: &moz[*x] });
                }
            }
        }
        None
    }

    /// An anchor whose key verifies this certificate's signature.
    fn signed_by_anchor(&self, i: usize) -> Option<AnchorHit<'a>> {
        let moz = anchors::mozilla();
        for m in &self.custom[i] {
            if let AnchorMatch::IssuedBy(x, SignatureStatus::Valid) = m {
                return Some(AnchorHit {
                    anchor: &self.o.extra_anchors[*x],
                });
            }
        }
        if self.o.mozilla_roots {
            for m in &self.a.mozilla[i] {
                if let AnchorMatch::IssuedBy(x, SignatureStatus::Valid) = m {
                    return Some(AnchorHit { anchor: &moz[*x] });
                }
            }
        }
        None
    }

    /// Anchors that name this certificate's issuer but whose key does not verify it.
    fn anchor_signature_failure(&self, i: usize) -> Option<(&'a Anchor, SignatureStatus)> {
        let moz = anchors::mozilla();
        let custom = self.custom[i].iter().filter_map(|m| match m {
            AnchorMatch::IssuedBy(x, s) if *s != SignatureStatus::Valid => {
                Some((&self.o.extra_anchors[*x], *s))
            }
            _ => None,
        });
        let mozilla = self.a.mozilla[i]
            .iter()
            .filter(|_| self.o.mozilla_roots)
            .filter_map(|m| match m {
                AnchorMatch::IssuedBy(x, s) if *s != SignatureStatus::Valid => Some((&moz[*x], *s)),
                _ => None,
            });
        custom.chain(mozilla).next()
    }

    fn leads_to_anchor(&self, j: usize) -> bool {
        self.is_anchor(j).is_some() || self.signed_by_anchor(j).is_some()
    }

    fn choose_leaf(&mut self) -> Option<usize> {
        let a = self.a;
        let n = a.data.len();
        let mut is_parent = vec![false; n];
        for (i, es) in a.edges.iter().enumerate() {
            for e in es {
                if e.signature != SignatureStatus::Invalid && e.names_match && e.parent != i {
                    is_parent[e.parent] = true;
                }
            }
        }
        let prim: Vec<usize> = (0..n).filter(|&i| a.primary[i]).collect();
        let mut cands: Vec<usize> = prim.iter().copied().filter(|&i| !is_parent[i]).collect();
        if cands.is_empty() {
            cands = prim.clone();
        }
        let host_match = |i: usize| -> bool {
            self.o.host.as_deref().is_some_and(|h| {
                let d = &a.data[i];
                hostname::check(h, &d.san_dns, &d.san_ip, &[])
                    .matched_by
                    .is_some()
            })
        };
        let best = cands
            .iter()
            .copied()
            .min_by_key(|&i| (!host_match(i), a.certs[i].is_ca, a.certs[i].self_signed, i))?;
        if cands.len() > 1 {
            self.findings.push(
                Finding::new(
                    Code::LeafChosen,
                    Severity::Info,
                    format!(
                        "{} certificates could be the leaf; certificate {} was chosen",
                        cands.len(),
                        best + 1
                    ),
                )
                .cert(best)
                .detail(
                    cands
                        .iter()
                        .map(|c| c.to_string())
                        .collect::<Vec<_>>()
                        .join(","),
                ),
            );
        }
        Some(best)
    }

    fn run(mut self) -> Report {
        let a = self.a;
        let validity: Vec<ValidityStatus> = (0..a.data.len()).map(|i| self.validity(i)).collect();
        let root_set = anchors::mozilla_info();
        let mut trust = TrustReport {
            anchor: None,
            source: None,
            anchor_spki_sha256: None,
            chain_position: None,
            is_anchor_certificate: false,
            trusted: false,
            root_set,
            mozilla_roots_used: self.o.mozilla_roots,
        };
        let mut chain: Vec<usize> = Vec::new();
        let mut links: Vec<LinkReport> = Vec::new();
        let mut missing_issuer = None;
        let mut hit: Option<AnchorHit<'a>> = None;

        if let Some(leaf) = self.choose_leaf() {
            chain.push(leaf);
            // Upward from the leaf.
            for _ in 0..16 {
                let cur = *chain.last().unwrap_or(&leaf);
                if let Some(h) = self.is_anchor(cur) {
                    trust.chain_position = Some(chain.len() - 1);
                    trust.is_anchor_certificate = true;
                    hit = Some(h);
                    break;
                }
                if let Some(h) = self.signed_by_anchor(cur) {
                    trust.chain_position = Some(chain.len() - 1);
                    // Show the anchor's own certificate when it was pasted.
                    let anchor_cert = a.edges[cur].iter().find(|e| {
                        e.signature == SignatureStatus::Valid
                            && !chain.contains(&e.parent)
                            && a.data[e.parent].spki_raw == h.anchor.spki_raw
                            && a.data[e.parent].subject_raw == h.anchor.subject_raw
                    });
                    if let Some(e) = anchor_cert {
                        chain.push(e.parent);
                        trust.chain_position = Some(chain.len() - 1);
                        trust.is_anchor_certificate = true;
                    }
                    hit = Some(h);
                    break;
                }
                if a.certs[cur].self_signed
                    || a.self_signature[cur] == Some(SignatureStatus::Unsupported)
                {
                    break;
                }
                let mut cands: Vec<&Edge> = a.edges[cur]
                    .iter()
                    .filter(|e| !chain.contains(&e.parent))
                    .collect();
                cands.sort_by_key(|e| {
                    (
                        e.signature != SignatureStatus::Valid,
                        !(e.names_match && e.key_ids_match != Some(false)),
                        !self.leads_to_anchor(e.parent),
                        validity[e.parent] != ValidityStatus::Valid,
                        !a.certs[e.parent].self_signed,
                        e.parent,
                    )
                });
                let Some(best) = cands.first() else {
                    let d = &a.data[cur];
                    missing_issuer = Some(MissingIssuer {
                        child: cur,
                        name: a.certs[cur].issuer.clone(),
                        ca_issuers_urls: a.certs[cur].ca_issuers_urls.clone(),
                        authority_key_id: d.aki.as_ref().map(|k| fields::hex(k)),
                    });
                    break;
                };
                let alternatives: Vec<usize> = cands[1..]
                    .iter()
                    .filter(|e| {
                        e.signature == SignatureStatus::Valid
                            && best.signature == SignatureStatus::Valid
                    })
                    .map(|e| e.parent)
                    .collect();
                if !alternatives.is_empty() {
                    self.findings.push(
                        Finding::new(
                            Code::CrossSignedAlternative,
                            Severity::Info,
                            format!(
                                "certificate {} could also be issued by certificate(s) {} (same name and key: cross-signing); certificate {} was used",
                                cur + 1,
                                alternatives.iter().map(|x| (x + 1).to_string()).collect::<Vec<_>>().join(", "),
                                best.parent + 1
                            ),
                        )
                        .cert(cur)
                        .detail(alternatives.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(",")),
                    );
                }
                chain.push(best.parent);
            }
        }

        // Links.
        for k in 0..chain.len().saturating_sub(1) {
            let (child, parent) = (chain[k], chain[k + 1]);
            let edge = a.edges[child].iter().find(|e| e.parent == parent);
            let Some(edge) = edge else { continue };
            let is_anchor_link = trust.is_anchor_certificate && trust.chain_position == Some(k + 1);
            links.push(self.link(&chain, k, Some(edge), None, is_anchor_link, &validity));
        }
        if let (Some(h), false) = (&hit, trust.is_anchor_certificate) {
            let last = chain.len() - 1;
            let h = h.clone();
            links.push(self.link(&chain, last, None, Some(h.anchor), true, &validity));
        }

        if let Some(h) = &hit {
            trust.anchor = Some(h.anchor.name.clone());
            trust.source = Some(h.anchor.source);
            trust.anchor_spki_sha256 = Some(h.anchor.spki_sha256.clone());
            trust.trusted = links.iter().all(|l| l.signature == SignatureStatus::Valid);
            if h.anchor.source == AnchorSource::Custom {
                self.findings.push(
                    Finding::new(
                        Code::TrustedByCustomAnchor,
                        Severity::Info,
                        format!("trusted through the supplied anchor {}", h.anchor.name),
                    )
                    .detail(h.anchor.name.clone()),
                );
            }
        }

        self.judge_chain(&chain, &links, &validity, &trust, missing_issuer.as_ref());
        // The anchor's constraints, unless its certificate is in the chain (and read there).
        let anchor_constraints = hit
            .as_ref()
            .filter(|_| !trust.is_anchor_certificate)
            .and_then(|h| h.anchor.name_constraints.as_ref());
        self.judge_name_constraints(&chain, anchor_constraints);
        let host = self.judge_host(chain.first().copied());
        self.structure_findings(&chain);

        self.errors.sort();
        self.errors.dedup();
        let primary_error = ChromiumError::primary(&self.errors);
        Report {
            at: self.o.at.to_rfc3339(),
            at_unix: self.o.at.0,
            blocks: a.blocks.clone(),
            certificates: a.certs.clone(),
            validity,
            chain,
            links,
            missing_issuer,
            trust,
            host,
            errors: self.errors,
            primary_error,
            warnings: self.findings,
        }
    }

    fn link(
        &self,
        chain: &[usize],
        k: usize,
        edge: Option<&Edge>,
        anchor: Option<&Anchor>,
        issuer_is_anchor: bool,
        validity: &[ValidityStatus],
    ) -> LinkReport {
        let a = self.a;
        let child = chain[k];
        let c = &a.data[child];
        let mut checks = Vec::new();
        let check = |check, result, detail: Option<String>| CheckReport {
            check,
            result,
            detail,
        };
        let (issuer_index, issuer_name, signature) = match (edge, anchor) {
            (Some(e), _) => (
                Some(e.parent),
                a.certs[e.parent].subject.clone(),
                e.signature,
            ),
            (None, Some(an)) => (None, an.name.clone(), SignatureStatus::Valid),
            (None, None) => (
                None,
                a.certs[child].issuer.clone(),
                SignatureStatus::Unsupported,
            ),
        };
        // Names.
        let names = match (edge, anchor) {
            (Some(e), _) => e.names_match,
            (None, Some(an)) => chain::names_equal(
                &c.issuer_raw,
                &c.issuer_norm,
                &an.subject_raw,
                &an.subject_norm,
            ),
            _ => false,
        };
        checks.push(check(
            CheckName::NamesMatch,
            if names {
                CheckResult::Pass
            } else {
                CheckResult::Fail
            },
            None,
        ));
        // Key identifiers.
        let kid = edge.and_then(|e| e.key_ids_match);
        checks.push(check(
            CheckName::KeyIdsMatch,
            match kid {
                Some(true) => CheckResult::Pass,
                Some(false) => CheckResult::Fail,
                None => CheckResult::NotApplicable,
            },
            c.aki.as_ref().map(|k| format!("aki {}", fields::hex(k))),
        ));
        // CA and path length; key usage.
        if let Some(e) = edge {
            let p = &a.data[e.parent];
            let intermediates_below = chain[1..=k]
                .iter()
                .filter(|&&x| !a.certs[x].self_issued)
                .count() as u32;
            let (res, detail) = match p.basic_ca {
                Some((true, Some(len))) if intermediates_below > len => (
                    CheckResult::Fail,
                    Some(format!(
                        "pathlen {len}, {intermediates_below} intermediate(s) below"
                    )),
                ),
                Some((true, len)) => (CheckResult::Pass, len.map(|l| format!("pathlen {l}"))),
                Some((false, _)) => (CheckResult::Fail, Some("CA:FALSE".into())),
                None if p.version < 3 && issuer_is_anchor => {
                    (CheckResult::Pass, Some("v1 trust anchor".into()))
                }
                None => (CheckResult::Fail, Some("no basicConstraints".into())),
            };
            checks.push(check(CheckName::IssuerIsCa, res, detail));
            checks.push(match p.key_cert_sign {
                Some(true) => check(
                    CheckName::IssuerMaySign,
                    CheckResult::Pass,
                    Some("keyCertSign".into()),
                ),
                Some(false) => check(
                    CheckName::IssuerMaySign,
                    CheckResult::Fail,
                    Some("keyUsage lacks keyCertSign".into()),
                ),
                None => check(
                    CheckName::IssuerMaySign,
                    CheckResult::Pass,
                    Some("no keyUsage extension".into()),
                ),
            });
        } else {
            checks.push(check(
                CheckName::IssuerIsCa,
                CheckResult::NotApplicable,
                Some("trust anchor".into()),
            ));
            checks.push(check(
                CheckName::IssuerMaySign,
                CheckResult::NotApplicable,
                Some("trust anchor".into()),
            ));
        }
        checks.push(check(
            CheckName::Signature,
            match signature {
                SignatureStatus::Valid => CheckResult::Pass,
                SignatureStatus::Invalid => CheckResult::Fail,
                SignatureStatus::Unsupported => CheckResult::Unsupported,
            },
            Some(a.certs[child].signature_algorithm.clone()),
        ));
        checks.push(check(
            CheckName::Validity,
            if validity[child] == ValidityStatus::Valid {
                CheckResult::Pass
            } else {
                CheckResult::Fail
            },
            Some(format!(
                "{} .. {}",
                a.certs[child].not_before, a.certs[child].not_after
            )),
        ));
        LinkReport {
            child,
            issuer_index,
            subject: a.certs[child].subject.clone(),
            issuer: issuer_name,
            issuer_is_anchor,
            signature,
            checks,
        }
    }

    fn err(&mut self, f: Finding) {
        if let Some(e) = f.error {
            self.errors.push(e);
        }
        self.findings.push(f);
    }

    fn judge_chain(
        &mut self,
        chain: &[usize],
        links: &[LinkReport],
        validity: &[ValidityStatus],
        trust: &TrustReport,
        missing: Option<&MissingIssuer>,
    ) {
        use ChromiumError as E;
        let a = self.a;
        let Some(&leaf) = chain.first() else { return };
        let mut path_invalid: Vec<Finding> = Vec::new();

        // Trust.
        if trust.anchor.is_none() {
            let top = *chain.last().unwrap_or(&leaf);
            if let Some(m) = missing {
                let urls = m.ca_issuers_urls.join(" ");
                let anchor_fail = self.anchor_signature_failure(m.child);
                let msg = match (&anchor_fail, m.ca_issuers_urls.is_empty()) {
                    (Some((an, _)), _) => format!(
                        "the issuer of certificate {} is named like the trust anchor {}, but its key does not verify the signature",
                        m.child + 1,
                        an.name
                    ),
                    (None, false) => format!(
                        "the issuer \"{}\" of certificate {} is missing; its AIA points to {}",
                        m.name,
                        m.child + 1,
                        urls
                    ),
                    (None, true) => format!(
                        "the issuer \"{}\" of certificate {} is neither in the input nor a trusted root",
                        m.name,
                        m.child + 1
                    ),
                };
                let code = if anchor_fail.is_some() {
                    Code::SignatureInvalid
                } else {
                    Code::MissingIntermediate
                };
                self.err(
                    Finding::new(code, Severity::Error, msg)
                        .error(E::AuthorityInvalid)
                        .cert(m.child)
                        .detail(if urls.is_empty() {
                            m.name.clone()
                        } else {
                            urls
                        }),
                );
            } else if a.self_signature[top] == Some(SignatureStatus::Unsupported) {
                let code = if chain.len() == 1 {
                    Code::SelfSignedLeaf
                } else {
                    Code::UntrustedRoot
                };
                self.err(
                    Finding::new(
                        code,
                        Severity::Error,
                        format!("the chain ends at \"{}\", which names itself as issuer and is not a trusted root; its self-signature ({}) cannot be checked here", a.certs[top].subject, a.certs[top].signature_algorithm),
                    )
                    .error(E::AuthorityInvalid)
                    .cert(top)
                    .detail(a.certs[top].subject.clone()),
                );
                self.findings.push(
                    Finding::new(
                        Code::SignatureUnsupported,
                        Severity::Warning,
                        format!(
                            "the signature algorithm of certificate {} ({}) cannot be checked here",
                            top + 1,
                            a.certs[top].signature_algorithm
                        ),
                    )
                    .cert(top)
                    .detail(a.certs[top].signature_algorithm.clone()),
                );
            } else if a.certs[top].self_signed {
                let code = if chain.len() == 1 {
                    Code::SelfSignedLeaf
                } else {
                    Code::UntrustedRoot
                };
                self.err(
                    Finding::new(
                        code,
                        Severity::Error,
                        format!(
                            "the chain ends at the self-signed \"{}\", which is not a trusted root",
                            a.certs[top].subject
                        ),
                    )
                    .error(E::AuthorityInvalid)
                    .cert(top)
                    .detail(a.certs[top].subject.clone()),
                );
            } else {
                self.err(
                    Finding::new(
                        Code::MissingIntermediate,
                        Severity::Error,
                        format!("no trusted issuer was found for certificate {}", top + 1),
                    )
                    .error(E::AuthorityInvalid)
                    .cert(top)
                    .detail(a.certs[top].issuer.clone()),
                );
            }
        }

        if trust.anchor.is_none() {
            let top = *chain.last().unwrap_or(&leaf);
            let (who, attrs) = match missing {
                Some(m) => (m.child, &a.certs[m.child].issuer_attributes),
                None => (top, &a.certs[top].subject_attributes),
            };
            if let Some(cn) = attrs.iter().find(|x| x.oid == "2.5.4.3")
                && let Some(when) = anchors::removed_root(&cn.value)
            {
                self.findings.push(
                    Finding::new(
                        Code::RootRemovedFromMozilla,
                        Severity::Warning,
                        format!("\"{}\" is named like a root that Mozilla removed from its set ({when}): chains ending there are no longer trusted", cn.value),
                    )
                    .cert(who)
                    .detail(format!("{} ({when})", cn.value)),
                );
            }
        }

        // Links.
        for l in links {
            let failed = |c: CheckName| {
                l.checks
                    .iter()
                    .any(|x| x.check == c && x.result == CheckResult::Fail)
            };
            match l.signature {
                SignatureStatus::Invalid => self.err(
                    Finding::new(Code::SignatureInvalid, Severity::Error, format!("the signature on certificate {} does not verify with the key of \"{}\"", l.child + 1, l.issuer))
                        .error(E::AuthorityInvalid)
                        .cert(l.child)
                        .detail(a.certs[l.child].signature_algorithm.clone()),
                ),
                SignatureStatus::Unsupported => path_invalid.push(
                    Finding::new(
                        Code::SignatureUnsupported,
                        Severity::Error,
                        format!("the signature algorithm of certificate {} ({}) cannot be checked here", l.child + 1, a.certs[l.child].signature_algorithm),
                    )
                    .cert(l.child)
                    .detail(a.certs[l.child].signature_algorithm.clone()),
                ),
                SignatureStatus::Valid => {}
            }
            if failed(CheckName::NamesMatch) {
                self.err(
                    Finding::new(
                        Code::NameMismatch,
                        Severity::Error,
                        format!(
                            "certificate {} names its issuer \"{}\", not \"{}\"",
                            l.child + 1,
                            a.certs[l.child].issuer,
                            l.issuer
                        ),
                    )
                    .error(E::AuthorityInvalid)
                    .cert(l.child),
                );
            }
            if failed(CheckName::KeyIdsMatch) {
                self.findings.push(
                    Finding::new(Code::KeyIdMismatch, Severity::Warning, format!("certificate {}'s authority key id differs from its issuer's subject key id", l.child + 1)).cert(l.child),
                );
            }
            if let Some(p) = l.issuer_index {
                for c in &l.checks {
                    if c.result != CheckResult::Fail {
                        continue;
                    }
                    let (code, what) = match c.check {
                        CheckName::IssuerIsCa
                            if c.detail
                                .as_deref()
                                .is_some_and(|d| d.starts_with("pathlen")) =>
                        {
                            (
                                Code::PathLenExceeded,
                                "its path length constraint is exceeded",
                            )
                        }
                        CheckName::IssuerIsCa => (Code::IssuerNotCa, "it is not a CA"),
                        CheckName::IssuerMaySign => (
                            Code::IssuerCannotSign,
                            "its key usage does not allow signing certificates",
                        ),
                        _ => continue,
                    };
                    path_invalid.push(
                        Finding::new(
                            code,
                            Severity::Error,
                            format!(
                                "certificate {} may not issue certificate {}: {what}",
                                p + 1,
                                l.child + 1
                            ),
                        )
                        .cert(p)
                        .detail(c.detail.clone().unwrap_or_default()),
                    );
                }
            }
        }

        // Dates: every certificate below the anchor (an anchor has no dates).
        let anchor_pos = if trust.is_anchor_certificate {
            trust.chain_position
        } else {
            None
        };
        for (pos, &i) in chain.iter().enumerate() {
            let v = validity[i];
            if v == ValidityStatus::Valid {
                continue;
            }
            let (code, word) = if v == ValidityStatus::Expired {
                (Code::Expired, "expired on")
            } else {
                (Code::NotYetValid, "is not valid before")
            };
            let when = if v == ValidityStatus::Expired {
                &a.certs[i].not_after
            } else {
                &a.certs[i].not_before
            };
            if Some(pos) == anchor_pos {
                self.findings.push(
                    Finding::new(
                        Code::AnchorCertificateOutOfDate,
                        Severity::Info,
                        format!("the root certificate {} {word} {when}, but trust anchors carry no dates: browsers ignore this", i + 1),
                    )
                    .cert(i)
                    .detail(when.clone()),
                );
            } else {
                self.err(
                    Finding::new(
                        code,
                        Severity::Error,
                        format!(
                            "certificate {} {word} {when} (is the computer's clock right?)",
                            i + 1
                        ),
                    )
                    .error(E::DateInvalid)
                    .cert(i)
                    .detail(when.clone()),
                );
            }
        }

        // Weak algorithms: every certificate of the chain except a root's self-signature
        // and the trust anchor's own certificate.
        for (pos, &i) in chain.iter().enumerate() {
            if Some(pos) == anchor_pos || (pos + 1 == chain.len() && a.certs[i].self_signed) {
                continue;
            }
            if let Some(h) = a.data[i].sig_alg.hash().filter(|h| h.is_weak()) {
                self.err(
                    Finding::new(
                        Code::WeakSignatureAlgorithm,
                        Severity::Error,
                        format!(
                            "certificate {} is signed with {}, which browsers reject",
                            i + 1,
                            h.name()
                        ),
                    )
                    .error(E::WeakSignatureAlgorithm)
                    .cert(i)
                    .detail(h.name()),
                );
            }
        }
        for &i in chain {
            if let Some(bits) = a.data[i].rsa_bits.filter(|b| *b < 2048) {
                self.err(
                    Finding::new(Code::WeakKey, Severity::Error, format!("certificate {} has a {bits}-bit RSA key; browsers require at least 2048 bits", i + 1))
                        .error(E::WeakKey)
                        .cert(i)
                        .detail(bits.to_string()),
                );
            }
            for ext in &a.data[i].unsupported_critical {
                path_invalid.push(
                    Finding::new(
                        Code::UnsupportedCriticalExtension,
                        Severity::Error,
                        format!(
                            "certificate {} has a critical extension that is not understood: {ext}",
                            i + 1
                        ),
                    )
                    .cert(i)
                    .detail(ext.clone()),
                );
            }
            for ext in &a.data[i].unparsable_extensions {
                self.findings.push(
                    Finding::new(
                        Code::ExtensionUnparsable,
                        Severity::Warning,
                        format!(
                            "certificate {}: the {ext} extension could not be decoded",
                            i + 1
                        ),
                    )
                    .cert(i)
                    .detail(ext.clone()),
                );
            }
        }

        // The leaf.
        let ld = &a.data[leaf];
        if ld.eku_server == Some(false) {
            path_invalid.push(
                Finding::new(
                    Code::LeafNotForServers,
                    Severity::Error,
                    "the leaf's extended key usage does not allow TLS server authentication",
                )
                .cert(leaf),
            );
        }
        if a.certs[leaf].is_ca && chain.len() > 1 {
            self.findings.push(
                Finding::new(
                    Code::LeafIsCa,
                    Severity::Warning,
                    "the leaf certificate is itself a CA",
                )
                .cert(leaf),
            );
        }
        // Chromium: path errors not mapped to a specific status become ERR_CERT_INVALID,
        // only when nothing more specific was found.
        let specific = self
            .errors
            .iter()
            .any(|e| matches!(e, E::AuthorityInvalid | E::DateInvalid | E::WeakKey));
        for f in path_invalid {
            let f = if specific { f } else { f.error(E::Invalid) };
            self.err(f);
        }
        // What cannot be known offline.
        self.findings.push(
            Finding::new(
                Code::RevocationNotChecked,
                Severity::Info,
                "revocation (OCSP, CRL) cannot be checked offline",
            )
            .cert(leaf)
            .detail(a.certs[leaf].ocsp_urls.join(" ")),
        );
        self.findings.push(
            Finding::new(
                Code::CtNotChecked,
                Severity::Info,
                "Certificate Transparency log inclusion cannot be checked offline",
            )
            .cert(leaf)
            .detail(ld.sct_count.to_string()),
        );
        if ld.sct_count == 0
            && trust.source == Some(AnchorSource::Mozilla)
            && !(trust.is_anchor_certificate && trust.chain_position == Some(0))
        {
            self.findings.push(Finding::new(Code::NoEmbeddedScts, Severity::Warning, "the leaf carries no embedded SCTs; browsers require Certificate Transparency (SCTs may also come from TLS or OCSP)").cert(leaf));
        }
    }

    fn judge_host(&mut self, leaf: Option<usize>) -> Option<HostReport> {
        let leaf = leaf?;
        let d = &self.a.data[leaf];
        if !d.has_san {
            self.findings.push(
                Finding::new(
                    Code::NoSubjectAltName,
                    Severity::Warning,
                    "the leaf has no subjectAltName: browsers match names only there",
                )
                .cert(leaf),
            );
        }
        let Some(host) = self.o.host.as_deref() else {
            self.findings.push(Finding::new(
                Code::HostNotChecked,
                Severity::Info,
                "no host name was given, so the name was not checked",
            ));
            return None;
        };
        let r = hostname::check(host, &d.san_dns, &d.san_ip, &d.common_names);
        if !r.valid {
            self.err(
                Finding::new(
                    Code::HostInvalid,
                    Severity::Error,
                    format!("\"{host}\" is not a valid host name"),
                )
                .error(ChromiumError::CommonNameInvalid)
                .detail(host),
            );
        } else if r.matched_by.is_none() {
            self.err(
                Finding::new(
                    Code::HostMismatch,
                    Severity::Error,
                    format!("the certificate is not valid for {}", r.ascii),
                )
                .error(ChromiumError::CommonNameInvalid)
                .cert(leaf)
                .detail(r.ascii.clone()),
            );
            if let Some(cn) = &r.common_name_would_match {
                self.findings.push(
                    Finding::new(Code::HostMatchesOnlyCommonName, Severity::Warning, format!("only the subject common name \"{cn}\" matches, and browsers no longer look at it"))
                        .cert(leaf)
                        .detail(cn.clone()),
                );
            }
        }
        if let Some(u) = &r.unicode {
            self.findings.push(
                Finding::new(
                    Code::HostInternationalised,
                    Severity::Info,
                    format!("{u} was matched as {}", r.ascii),
                )
                .detail(r.ascii.clone()),
            );
        }
        Some(r)
    }

    /// Name constraints of every CA in the chain, and of the trust anchor above it, over
    /// the DNS names and IP addresses of the certificates below them (self-issued
    /// intermediates excepted, as RFC 5280 says).
    fn judge_name_constraints(&mut self, chain: &[usize], anchor: Option<&NameConstraints>) {
        let a = self.a;
        let by_certificates = chain
            .iter()
            .enumerate()
            .skip(1)
            .filter_map(|(p, &ca)| Some((p, Some(ca), a.data[ca].name_constraints.as_ref()?)));
        let by_anchor = anchor.map(|nc| (chain.len(), None, nc));
        let constrained: Vec<_> = by_certificates.chain(by_anchor).collect();
        for (p, ca, nc) in constrained {
            let by = match ca {
                Some(ca) => format!("certificate {}", ca + 1),
                None => "the trust anchor".to_owned(),
            };
            for (q, &below) in chain[..p].iter().enumerate() {
                if q > 0 && a.certs[below].self_issued {
                    continue;
                }
                let d = &a.data[below];
                for (name, subtree) in nc.violations(&d.san_dns, &d.san_ip) {
                    self.err(
                        Finding::new(
                            Code::NameConstraintViolation,
                            Severity::Error,
                            format!(
                                "certificate {} names {name}, which {by} may not vouch for ({subtree})",
                                below + 1,
                            ),
                        )
                        .error(ChromiumError::NameConstraintViolation)
                        .cert(below)
                        .detail(format!("{name} — {subtree}")),
                    );
                }
            }
        }
    }

    fn structure_findings(&mut self, chain: &[usize]) {
        let a = self.a;
        if chain.len() >= 2 {
            let asc = chain.windows(2).all(|w| w[0] < w[1]);
            let desc = chain.windows(2).all(|w| w[0] > w[1]);
            if desc {
                self.findings.push(Finding::new(
                    Code::ReverseOrder,
                    Severity::Warning,
                    "the certificates were given root first; servers must send the leaf first",
                ));
            } else if !asc {
                self.findings.push(Finding::new(
                    Code::OutOfOrder,
                    Severity::Warning,
                    "the certificates were not given in chain order (leaf first)",
                ));
            }
        }
        let alternatives: Vec<usize> = self
            .findings
            .iter()
            .filter(|f| f.code == Code::CrossSignedAlternative)
            .filter_map(|f| f.detail.clone())
            .flat_map(|d| {
                d.split(',')
                    .filter_map(|x| x.parse().ok())
                    .collect::<Vec<usize>>()
            })
            .collect();
        for i in 0..a.certs.len() {
            if a.primary[i] && !chain.contains(&i) && !alternatives.contains(&i) {
                self.findings.push(
                    Finding::new(
                        Code::UnrelatedCertificate,
                        Severity::Warning,
                        format!(
                            "certificate {} (\"{}\") is not part of the chain",
                            i + 1,
                            a.certs[i].subject
                        ),
                    )
                    .cert(i)
                    .detail(a.certs[i].subject.clone()),
                );
            }
        }
    }
}
