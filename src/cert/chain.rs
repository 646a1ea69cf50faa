//! Chain building and per-link checks.
//!
//! The chain is built from the unordered input by issuer↔subject names and AKI↔SKI key
//! identifiers, leaf first. Each link records every check separately so the page can show
//! which one failed. Trust is decided by keys and verified signatures, never by names.

use serde::{Deserialize, Serialize};

use super::anchors::Anchor;
use super::fields::CertData;
use super::findings::Issuer;
use super::signature::{self, SignatureStatus};

/// One rule checked on a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckName {
    /// The child's issuer name equals the issuer's subject name.
    NamesMatch,
    /// The child's authority key id equals the issuer's subject key id.
    KeyIdsMatch,
    /// The issuer is a CA (basicConstraints) within its path length.
    IssuerIsCa,
    /// The issuer's keyUsage allows signing certificates (keyCertSign).
    IssuerMaySign,
    /// The child's signature verifies with the issuer's public key.
    Signature,
    /// The child is within its validity period at the chosen time.
    Validity,
}

/// The outcome of one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckResult {
    /// The rule holds.
    Pass,
    /// The rule is broken.
    Fail,
    /// The check does not apply (e.g. no key identifiers present, or the issuer is a bare
    /// trust anchor without extensions).
    NotApplicable,
    /// The check cannot be done here (an unsupported signature algorithm).
    Unsupported,
}

/// One check with its result. Why a check failed is a finding of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckReport {
    /// Which rule.
    pub check: CheckName,
    /// Its outcome.
    pub result: CheckResult,
}

/// One issued-by step of the chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkReport {
    /// Index of the child certificate.
    pub child: usize,
    /// The issuer: a certificate of the input, or a trust anchor not in it.
    pub issuer: Issuer,
    /// The issuer is a trust anchor (or the anchor's own certificate).
    pub issuer_is_anchor: bool,
    /// Whether the child's signature verifies with the issuer's key.
    pub signature: SignatureStatus,
    /// Each rule of the step.
    pub checks: Vec<CheckReport>,
}

/// A candidate issuer for one certificate, found and verified once per paste.
#[derive(Clone, Debug)]
pub(crate) struct Edge {
    pub parent: usize,
    pub names_match: bool,
    /// `None` when either key identifier is absent.
    pub key_ids_match: Option<bool>,
    pub signature: SignatureStatus,
    /// The child is self-issued and the parent has the child's own key: checking the
    /// child's signature with it is checking the child's self-signature, so `signature` is
    /// not computed here but taken from that check ([`with_own_signatures`]). Two roots
    /// re-issued with one key (Firmaprofesional's, in Debian's bundle) cost two RSA-4096
    /// checks otherwise, the most of reading that bundle in the worker.
    pub own_signature: bool,
}

/// Sets the signature of each edge marked `own_signature` to its child's self-signature
/// status (`own`, input order: `Some` for every self-issued certificate).
pub(crate) fn with_own_signatures(edges: &mut [Vec<Edge>], own: &[Option<SignatureStatus>]) {
    for (child, edges) in edges.iter_mut().enumerate() {
        for edge in edges.iter_mut().filter(|e| e.own_signature) {
            edge.signature = own
                .get(child)
                .copied()
                .flatten()
                .unwrap_or(SignatureStatus::Unsupported);
        }
    }
}

pub(crate) fn names_equal(a_raw: &[u8], a_norm: &str, b_raw: &[u8], b_norm: &str) -> bool {
    a_raw == b_raw || (!a_norm.is_empty() && a_norm == b_norm)
}

/// Candidate issuers in the input for each certificate (duplicates excluded), at most 16
/// each so a hostile paste cannot make this quadratic in signature checks.
pub(crate) fn edges(
    certs: &[CertData],
    primary: &[bool],
    budget: &mut signature::Budget,
) -> Vec<Vec<Edge>> {
    use std::collections::HashMap;
    let mut by_subject: HashMap<&[u8], Vec<usize>> = HashMap::new();
    let mut by_norm: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_ski: HashMap<&[u8], Vec<usize>> = HashMap::new();
    for (j, c) in certs.iter().enumerate() {
        if !primary.get(j).copied().unwrap_or(false) {
            continue;
        }
        by_subject
            .entry(c.subject_raw.as_slice())
            .or_default()
            .push(j);
        by_norm.entry(c.subject_norm.as_str()).or_default().push(j);
        if let Some(s) = &c.ski {
            by_ski.entry(s.as_slice()).or_default().push(j);
        }
    }
    certs
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if !primary.get(i).copied().unwrap_or(false) {
                return Vec::new();
            }
            let mut candidates: Vec<usize> = Vec::new();
            let lists = [
                by_subject.get(c.issuer_raw.as_slice()),
                by_norm.get(c.issuer_norm.as_str()),
                c.aki.as_ref().and_then(|a| by_ski.get(a.as_slice())),
            ];
            for l in lists.into_iter().flatten() {
                for &j in l {
                    if j != i && !candidates.contains(&j) && candidates.len() < 16 {
                        candidates.push(j);
                    }
                }
            }
            let self_issued = names_equal(
                &c.issuer_raw,
                &c.issuer_norm,
                &c.subject_raw,
                &c.subject_norm,
            );
            let edge = |j: usize, names_match: bool, budget: &mut signature::Budget| {
                let p = certs.get(j)?;
                let own_signature = self_issued && p.spki_raw == c.spki_raw;
                Some(Edge {
                    parent: j,
                    names_match,
                    key_ids_match: match (&c.aki, &p.ski) {
                        (Some(a), Some(s)) => Some(a == s),
                        _ => None,
                    },
                    signature: if own_signature {
                        // Filled in by `with_own_signatures`.
                        SignatureStatus::Unsupported
                    } else {
                        budget.verify(&c.sig_alg, &p.key, c.tbs_bytes(), &c.sig)
                    },
                    own_signature,
                })
            };
            let (by_name, by_key_only): (Vec<usize>, Vec<usize>) =
                candidates.into_iter().partition(|&j| {
                    certs.get(j).is_some_and(|p| {
                        names_equal(
                            &c.issuer_raw,
                            &c.issuer_norm,
                            &p.subject_raw,
                            &p.subject_norm,
                        )
                    })
                });
            let mut found: Vec<Edge> = by_name
                .into_iter()
                .filter_map(|j| edge(j, true, budget))
                .collect();
            // Issuers are found by name, as path builders do (BoringSSL's
            // pki/cert_issuer_source_static.cc `SyncGetIssuersOf` looks up the normalized
            // issuer name; mozilla::pkix's `TrustDomain::FindIssuer` gets the encoded
            // issuer name). A
            // certificate whose names do not chain but whose key identifier matches is
            // tried only when no issuer by name verifies: then it explains the failure
            // ("this key signed it, under another name"). A self-issued certificate
            // names itself as issuer, so another name explains nothing there. Many
            // certificates sharing one key no longer cost a signature check per pair.
            if !self_issued && !found.iter().any(|e| e.signature == SignatureStatus::Valid) {
                found.extend(
                    by_key_only
                        .into_iter()
                        .filter_map(|j| edge(j, false, budget)),
                );
            }
            found
        })
        .collect()
}

/// How a certificate relates to one trust anchor.
#[derive(Clone, Debug)]
pub(crate) enum AnchorMatch {
    /// The certificate is the anchor: same subject and key.
    IsAnchor(usize),
    /// The certificate's issuer name is the anchor's subject; signature result.
    IssuedBy(usize, SignatureStatus),
}

impl AnchorMatch {
    /// The anchor's index in its list.
    pub(crate) fn anchor(&self) -> usize {
        match self {
            AnchorMatch::IsAnchor(a) | AnchorMatch::IssuedBy(a, _) => *a,
        }
    }
}

/// Relations between one certificate and a set of anchors. `own` is the certificate's
/// signature as checked with its own key, where it was: an anchor with the same key checks
/// the same signature with the same key, so that answer stands for it (also when
/// [`super::Analysis::parse_inputs_deferring_checks`] has not checked it yet).
pub(crate) fn anchor_matches(
    c: &CertData,
    anchors: &[Anchor],
    index: &std::collections::HashMap<Vec<u8>, Vec<usize>>,
    own: Option<SignatureStatus>,
    budget: &mut signature::Budget,
) -> Vec<AnchorMatch> {
    let verify = |anchor: &Anchor, budget: &mut signature::Budget| match own {
        Some(status) if anchor.spki_raw == c.spki_raw => status,
        _ => budget.verify(&c.sig_alg, &anchor.key, c.tbs_bytes(), &c.sig),
    };
    let mut out = Vec::new();
    if let Some(list) = index.get(&c.subject_raw) {
        for &a in list {
            if anchors
                .get(a)
                .is_some_and(|anchor| anchor.spki_raw == c.spki_raw)
            {
                out.push(AnchorMatch::IsAnchor(a));
            }
        }
    }
    if let Some(list) = index.get(&c.issuer_raw) {
        for &a in list.iter().take(8) {
            let Some(anchor) = anchors.get(a) else {
                continue;
            };
            out.push(AnchorMatch::IssuedBy(a, verify(anchor, budget)));
        }
    }
    // Fall back to normalised names when no byte-equal anchor subject exists.
    if out.is_empty() {
        for (a, anchor) in anchors.iter().enumerate() {
            if anchor.subject_norm == c.subject_norm && anchor.spki_raw == c.spki_raw {
                out.push(AnchorMatch::IsAnchor(a));
            } else if anchor.subject_norm == c.issuer_norm {
                out.push(AnchorMatch::IssuedBy(a, verify(anchor, budget)));
            }
        }
    }
    out
}

/// Index anchors by raw subject bytes.
pub(crate) fn anchor_index(anchors: &[Anchor]) -> std::collections::HashMap<Vec<u8>, Vec<usize>> {
    let mut m: std::collections::HashMap<Vec<u8>, Vec<usize>> = std::collections::HashMap::new();
    for (i, a) in anchors.iter().enumerate() {
        m.entry(a.subject_raw.clone()).or_default().push(i);
    }
    m
}
