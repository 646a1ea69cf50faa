//! Trust anchors: the embedded Mozilla root set (webpki-roots) and caller-supplied ones.
//!
//! An anchor is a subject name and a public key, nothing more: webpki-roots carries no
//! whole certificates and no dates. A chain is trusted when one of its certificates is
//! signed by an anchor's key, or *is* the anchor (same subject and key). The root set is
//! the one compiled into this build; judging "as of" another date moves validity checks
//! only.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use x509_parser::prelude::FromDer;
use x509_parser::x509::{SubjectPublicKeyInfo, X509Name};

use super::der;
use super::fields::{self, hex};
use super::signature::KeyMaterial;
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// The version of the `webpki-roots` crate embedded in this build. One place only: a
/// test checks it against Cargo.lock.
pub const MOZILLA_ROOTS_VERSION: &str = "1.0.10";
/// When that version was published (month; it followed 1.0.9 of July 2026 and preceded
/// 1.0.11 of 2026-10-23). Mozilla's list as of then.
pub const MOZILLA_ROOTS_DATE: &str = "2026-10";

/// Where a trust anchor came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnchorSource {
    /// The embedded Mozilla root set.
    Mozilla,
    /// Supplied by the caller (`--trust FILE`, or the page's "trust this root" option).
    Custom,
}

/// Facts about the embedded root set, for the page to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootSetInfo {
    /// What the set is (`Mozilla root set`).
    pub name: String,
    /// The webpki-roots version embedded.
    pub crate_version: String,
    /// The month of the Mozilla list this set was taken from (`YYYY-MM`).
    pub date: String,
    /// How many roots it holds.
    pub anchors: usize,
}

/// A trust anchor: a subject and a public key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// The subject as a string (`C=US, O=..., CN=...`).
    pub name: String,
    /// Where the anchor came from.
    pub source: AnchorSource,
    /// SHA-256 of the SubjectPublicKeyInfo, lowercase hex.
    pub spki_sha256: String,
    pub(crate) subject_raw: Vec<u8>,
    pub(crate) subject_norm: String,
    pub(crate) spki_raw: Vec<u8>,
    pub(crate) key: KeyMaterial,
    /// Name constraints the anchor imposes on every certificate below it (a few Mozilla
    /// roots carry them, e.g. one limited to `.tr`).
    pub(crate) name_constraints: Option<super::constraints::NameConstraints>,
    /// The anchor certificate's notBefore and notAfter, when it came as a certificate
    /// (Mozilla's set keeps names and keys only). OpenSSL checks a trusted root's dates.
    pub(crate) dates: Option<(super::UnixTime, super::UnixTime)>,
    /// The anchor certificate's pathLenConstraint, when it came as a certificate with one
    /// (OpenSSL enforces a trusted root's; Chromium does not).
    pub(crate) path_len: Option<u32>,
    /// What OpenSSL's strict mode reads of the anchor's certificate, when it came as one
    /// (for Mozilla's set, [`mozilla_strict`] says what it raises instead).
    pub(crate) strict: Option<super::openssl::Strict>,
    /// The anchor certificate's issuer (as DER and as the normalised string), when it came
    /// as a certificate: OpenSSL looks it up when the anchor is no root.
    pub(crate) issuer: Option<(Vec<u8>, String)>,
    /// The key identifier OpenSSL matches a child's authorityKeyIdentifier against
    /// (`X509_check_akid`, crypto/x509/v3_purp.c): the certificate's subjectKeyIdentifier
    /// when the anchor came as one (`None` if it has none); for Mozilla's set, which keeps
    /// no extensions, the SHA-1 of the key's bits (RFC 5280 4.2.1.2, its first method),
    /// which 135 of the 144 roots in Debian's ca-certificates of 2026 carry: seven carry
    /// another (both D-TRUST Class 3 CA 2 2009 roots, Entrust.net 2048, SecureTrust CA,
    /// Secure Global CA, XRamp Global CA, certSIGN ROOT CA), and Hongkong Post Root CA 1
    /// and TWCA Global Root CA none, so that OpenSSL compares no identifiers there.
    pub(crate) key_id: Option<Vec<u8>>,
}

impl Anchor {
    /// Builds an anchor from full DER `Name`, `SubjectPublicKeyInfo` and (optional)
    /// `NameConstraints` SEQUENCEs.
    pub(crate) fn from_parts(
        subject_der: &[u8],
        spki_der: &[u8],
        name_constraints_der: Option<&[u8]>,
        source: AnchorSource,
    ) -> Option<Anchor> {
        let (_, name) = X509Name::from_der(subject_der).ok()?;
        let (_, spki) = SubjectPublicKeyInfo::from_der(spki_der).ok()?;
        let attrs = fields::name_attributes(&name);
        let name_s = fields::format_name(&attrs);
        let (key, _) = fields::public_key(&spki);
        let key_id = Sha1::digest(&spki.subject_public_key.data).to_vec();
        Some(Anchor {
            subject_norm: name_s.to_lowercase(),
            name: name_s,
            source,
            spki_sha256: hex(&Sha256::digest(spki.raw)),
            subject_raw: name.as_raw().to_vec(),
            spki_raw: spki.raw.to_vec(),
            key,
            name_constraints: name_constraints_der
                .and_then(super::constraints::NameConstraints::from_der),
            dates: None,
            path_len: None,
            strict: None,
            issuer: None,
            key_id: Some(key_id),
        })
    }

    /// What OpenSSL's strict mode (Python 3.13 and later) raises for this anchor at the top
    /// of a chain, in `check_extensions`' order: read from its certificate when it came as
    /// one, from this module's list (`mozilla_strict`) for Mozilla's set.
    pub fn strict_failures_at_top(&self) -> Vec<super::openssl::OpenSslError> {
        match self.strict {
            Some(facts) => facts.failures(1, 2, false),
            None => mozilla_strict(self).to_vec(),
        }
    }

    /// Anchors from certificates in any input the engine accepts (PEM, DER, PKCS#7):
    /// each certificate's subject and key become a custom anchor.
    pub fn from_input(input: &[u8]) -> Vec<Anchor> {
        let decoded = super::input::decode_all(&[input]);
        decoded
            .certs
            .iter()
            .filter_map(|c| {
                let (_, cert) = x509_parser::parse_x509_certificate(&c.der).ok()?;
                // A trusted certificate's own name constraints bind its chains too.
                let constraints = cert
                    .name_constraints()
                    .ok()
                    .flatten()
                    .map(|e| super::constraints::NameConstraints::from_extension(e.value));
                let mut anchor = Anchor::from_parts(
                    cert.tbs_certificate.subject.as_raw(),
                    cert.tbs_certificate.subject_pki.raw,
                    None,
                    AnchorSource::Custom,
                )?;
                anchor.name_constraints = constraints;
                let validity = &cert.tbs_certificate.validity;
                anchor.path_len = cert
                    .basic_constraints()
                    .ok()
                    .flatten()
                    .and_then(|bc| bc.value.path_len_constraint);
                let issuer = &cert.tbs_certificate.issuer;
                let issuer_norm =
                    fields::format_name(&fields::name_attributes(issuer)).to_lowercase();
                let self_issued = super::chain::names_equal(
                    &anchor.subject_raw,
                    &anchor.subject_norm,
                    issuer.as_raw(),
                    &issuer_norm,
                );
                anchor.strict = Some(super::openssl::Strict::of(&cert, self_issued));
                anchor.issuer = Some((issuer.as_raw().to_vec(), issuer_norm));
                anchor.key_id = cert
                    .extensions()
                    .iter()
                    .find_map(|e| match e.parsed_extension() {
                        x509_parser::extensions::ParsedExtension::SubjectKeyIdentifier(k) => {
                            Some(k.0.to_vec())
                        }
                        _ => None,
                    });
                anchor.dates = Some((
                    super::UnixTime(validity.not_before.timestamp()),
                    super::UnixTime(validity.not_after.timestamp()),
                ));
                Some(anchor)
            })
            .collect()
    }
}

/// The embedded Mozilla anchors, decoded once.
pub fn mozilla() -> &'static [Anchor] {
    static ROOTS: OnceLock<Vec<Anchor>> = OnceLock::new();
    ROOTS.get_or_init(|| {
        webpki_roots::TLS_SERVER_ROOTS
            .iter()
            .filter_map(|ta| {
                let subject = der::wrap(0x30, ta.subject.as_ref());
                let spki = der::wrap(0x30, ta.subject_public_key_info.as_ref());
                let constraints = ta.name_constraints.as_ref().map(|c| der::wrap(0x30, c));
                Anchor::from_parts(
                    &subject,
                    &spki,
                    constraints.as_deref(),
                    AnchorSource::Mozilla,
                )
            })
            .collect()
    })
}

/// What OpenSSL's strict mode (Python 3.13 and later) raises for a root of Mozilla's set
/// at the top of a chain, in `check_extensions`' order: webpki-roots keeps no extensions,
/// so the few roots it refuses are listed here by their key's SHA-256, as read from
/// their certificates (in Debian's ca-certificates and certifi's copy of Mozilla's list;
/// the test `mozilla_roots_strict_mode_refuses_are_the_listed_ones` in
/// tests/cert_openssl_clients.rs reads them again).
pub(crate) fn mozilla_strict(anchor: &Anchor) -> &'static [super::openssl::OpenSslError] {
    use super::openssl::OpenSslError as O;
    const REFUSED: &[(&str, &[O])] = &[(
        // C=TW, O=TAIWAN-CA, OU=Root CA, CN=TWCA Global Root CA: no subjectKeyIdentifier.
        "c444b5b66ce5d71e1b5e40f27385c95cbfd24a05b56f70cac0992f0f50c3379c",
        &[O::MissingSubjectKeyIdentifier],
    )];
    REFUSED
        .iter()
        .find(|(spki, _)| *spki == anchor.spki_sha256)
        .map_or(&[], |(_, errors)| errors)
}

/// Facts about the embedded root set.
pub fn mozilla_info() -> RootSetInfo {
    RootSetInfo {
        name: "Mozilla (webpki-roots)".to_owned(),
        crate_version: MOZILLA_ROOTS_VERSION.to_owned(),
        date: MOZILLA_ROOTS_DATE.to_owned(),
        anchors: webpki_roots::TLS_SERVER_ROOTS.len(),
    }
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

    #[test]
    fn mozilla_anchors_keep_their_name_constraints() {
        let with_constraints = webpki_roots::TLS_SERVER_ROOTS
            .iter()
            .filter(|ta| ta.name_constraints.is_some())
            .count();
        let decoded: Vec<&Anchor> = mozilla()
            .iter()
            .filter(|a| a.name_constraints.is_some())
            .collect();
        assert_eq!(decoded.len(), with_constraints);
        // TUBITAK's root may vouch only for names under .tr.
        let tubitak = mozilla()
            .iter()
            .find(|a| a.name.contains("TUBITAK Kamu SM SSL Kok Sertifikasi"))
            .and_then(|a| a.name_constraints.as_ref())
            .map(|nc| nc.permitted_dns.clone());
        assert_eq!(tubitak, Some(vec![".tr".to_owned()]));
    }

    #[test]
    fn a_mozilla_anchors_key_is_the_key_of_its_roots_certificate_byte_for_byte() {
        // So a cross-certificate that shares a root's key is recognised by comparing keys
        // (rules::Authority::cross_certificate): GlobalSign Root CA - R3, in
        // docs.python.org's chain and in Mozilla's set.
        let chain = include_bytes!("../../tests/fixtures/cert/real-chains/docs.python.org.pem");
        let analysis = super::super::Analysis::parse(chain);
        let root = analysis
            .certs
            .iter()
            .position(|c| c.self_issued)
            .expect("the chain carries its root");
        let key = &analysis.data[root].spki_raw;
        assert_eq!(mozilla().iter().filter(|a| &a.spki_raw == key).count(), 1);
        let leaf_key = &analysis.data[0].spki_raw;
        assert!(mozilla().iter().all(|a| &a.spki_raw != leaf_key));
    }
}
