//! Two certificates side by side, as at a renewal: the old chain and the new one, each
//! judged on its own ([`Analysis::judge`](super::Analysis::judge)), compared leaf to leaf
//! and chain to chain. Fields are compared as the reports show them; what follows for the
//! site's visitors and its operator is said as [`Consequence`]s, each from a browser rule
//! the rest of the engine already applies:
//!
//! - a name the old certificate had and the new one lacks: visitors to it get
//!   `ERR_CERT_COMMON_NAME_INVALID` (Chromium's `VerifyNameMatch`; [`super::hostname`]);
//! - the same key (SubjectPublicKeyInfo) in both: whoever had the old private key has the
//!   new one's; after a key compromise a renewal must change it (BR 4.9.1.1 revokes for a
//!   compromised key, and a certificate for that key may not be issued again, 6.1.1.3);
//! - an intermediate the new chain needs that the old one did not: the server must be given
//!   it, or clients that fetch nothing fail ([`super::platforms`]);
//! - the new chain with a browser error of its own;
//! - a new certificate that expires no later than the old one.
//!
//! Pure, like the rest of the engine: indices and strings from the two reports, no clock.

use serde::{Deserialize, Serialize};

use super::{CertificateReport, ChromiumError, Report, UnixTime};

/// One side: an analysis's certificates and its judgement.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    /// The certificates as the analysis read them.
    pub certificates: &'a [CertificateReport],
    /// The judgement (its chain picks the leaf and the intermediates).
    pub report: &'a Report,
}

/// What one list of values gained and lost.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListChange {
    /// In the new one only.
    pub added: Vec<String>,
    /// In the old one only.
    pub removed: Vec<String>,
}

impl ListChange {
    fn of(old: &[String], new: &[String]) -> ListChange {
        ListChange {
            added: new.iter().filter(|v| !old.contains(v)).cloned().collect(),
            removed: old.iter().filter(|v| !new.contains(v)).cloned().collect(),
        }
    }

    /// Nothing gained or lost.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// What follows from a change, for the site's visitors or its operator. Externally tagged
/// (the page's worker sends it in postcard, which has no self-describing tags).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Consequence {
    /// Visitors to this name now get `ERR_CERT_COMMON_NAME_INVALID`.
    NameDropped {
        /// The name the old certificate covered.
        name: String,
    },
    /// The new certificate certifies the same public key.
    KeyReused,
    /// The server must send these new intermediates (subjects).
    NewIntermediates {
        /// Their subjects.
        names: Vec<String>,
    },
    /// The new chain, as given, earns this browser error.
    NewChainFails {
        /// Chromium's error, as its warning page shows it.
        error: String,
    },
    /// The new certificate expires no later than the old one.
    NotLonger,
}

/// The comparison of two chains.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// Subject alternative names (DNS names and IP addresses).
    pub names: ListChange,
    /// The subject.
    pub subject: (String, String),
    /// The issuer.
    pub issuer: (String, String),
    /// The same SubjectPublicKeyInfo in both.
    pub key_reused: bool,
    /// The key, in words (`RSA 2048`, `EC P-256`).
    pub key: (String, String),
    /// The signature algorithm.
    pub signature_algorithm: (String, String),
    /// notBefore and notAfter of each.
    pub validity: ((UnixTime, UnixTime), (UnixTime, UnixTime)),
    /// The lifetime of each, in whole days.
    pub lifetime_days: (i64, i64),
    /// keyUsage.
    pub key_usage: ListChange,
    /// extKeyUsage.
    pub ext_key_usage: ListChange,
    /// Certificate policies (OIDs).
    pub policies: ListChange,
    /// Embedded SCTs, each side.
    pub scts: (usize, usize),
    /// The intermediates (subjects, by fingerprint) each chain has and the other lacks.
    pub intermediates: ListChange,
    /// What follows, most serious first.
    pub consequences: Vec<Consequence>,
}

fn leaf<'a>(side: &Side<'a>) -> Option<&'a CertificateReport> {
    side.report
        .chain
        .first()
        .and_then(|&i| side.certificates.get(i))
}

/// The chain's certificates above the leaf that are not roots (self-signed): what a server
/// must send.
fn intermediates<'a>(side: &Side<'a>) -> Vec<&'a CertificateReport> {
    side.report
        .chain
        .iter()
        .skip(1)
        .filter_map(|&i| side.certificates.get(i))
        .filter(|c| !c.self_signed)
        .collect()
}

fn names(c: &CertificateReport) -> Vec<String> {
    c.san_dns
        .iter()
        .map(|n| n.to_ascii_lowercase())
        .chain(c.san_ip.iter().cloned())
        .collect()
}

fn key_words(c: &CertificateReport) -> String {
    let k = &c.public_key;
    match (&k.curve, k.bits) {
        (Some(curve), _) => format!("{} {curve}", k.algorithm),
        (None, Some(bits)) => format!("{} {bits}", k.algorithm),
        (None, None) => k.algorithm.clone(),
    }
}

/// Compares `old` with `new`; `None` when either side has no certificate.
#[must_use]
pub fn compare(old: Side<'_>, new: Side<'_>) -> Option<Comparison> {
    let (a, b) = (leaf(&old)?, leaf(&new)?);
    let names = ListChange::of(&names(a), &names(b));
    let key_reused = a.spki_sha256 == b.spki_sha256;
    let (old_chain, new_chain) = (intermediates(&old), intermediates(&new));
    let added: Vec<String> = new_chain
        .iter()
        .filter(|c| !old_chain.iter().any(|o| o.sha256 == c.sha256))
        .map(|c| c.subject.clone())
        .collect();
    let removed: Vec<String> = old_chain
        .iter()
        .filter(|c| !new_chain.iter().any(|n| n.sha256 == c.sha256))
        .map(|c| c.subject.clone())
        .collect();
    let days = |c: &CertificateReport| c.not_after.0.saturating_sub(c.not_before.0) / 86_400;
    let policies = |c: &CertificateReport| -> Vec<String> {
        c.policies.iter().map(|p| p.oid.clone()).collect()
    };

    let mut consequences: Vec<Consequence> = names
        .removed
        .iter()
        .map(|name| Consequence::NameDropped { name: name.clone() })
        .collect();
    if let Some(error) = new.report.primary_error {
        consequences.push(Consequence::NewChainFails {
            error: ChromiumError::as_shown(error),
        });
    }
    if key_reused {
        consequences.push(Consequence::KeyReused);
    }
    if !added.is_empty() {
        consequences.push(Consequence::NewIntermediates {
            names: added.clone(),
        });
    }
    if b.not_after.0 <= a.not_after.0 {
        consequences.push(Consequence::NotLonger);
    }
    Some(Comparison {
        names,
        subject: (a.subject.clone(), b.subject.clone()),
        issuer: (a.issuer.clone(), b.issuer.clone()),
        key_reused,
        key: (key_words(a), key_words(b)),
        signature_algorithm: (a.signature_algorithm.clone(), b.signature_algorithm.clone()),
        validity: ((a.not_before, a.not_after), (b.not_before, b.not_after)),
        lifetime_days: (days(a), days(b)),
        key_usage: ListChange::of(&a.key_usage, &b.key_usage),
        ext_key_usage: ListChange::of(&a.ext_key_usage, &b.ext_key_usage),
        policies: ListChange::of(&policies(a), &policies(b)),
        scts: (a.scts.len(), b.scts.len()),
        intermediates: ListChange { added, removed },
        consequences,
    })
}
