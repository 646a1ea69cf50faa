//! The other two X.509 documents people paste into a certificate viewer: a certificate
//! signing request (PKCS#10, RFC 2986) and a certificate revocation list (RFC 5280
//! section 5).
//!
//! A request is decoded as a CA reads it: the subject, the key, the names and extensions
//! asked for, and the request's own signature checked with the key it carries (the proof
//! that whoever made it holds the private key; RFC 2986 section 3). A revocation list is
//! decoded as a client reads it: the issuer, the dates, the entries with their reasons;
//! its signature is checked against a pasted certificate whose subject is the list's
//! issuer, and every pasted certificate of that issuer is looked up in it by serial number
//! (RFC 5280 section 6.3.3).
//!
//! Both are owned data for the report; signatures share the analysis' budget
//! ([`super::signature::MAX_SIGNATURE_WORK`]) and a list's entries are kept up to
//! [`MAX_CRL_ENTRIES_KEPT`] (a real list may hold hundreds of thousands), while the lookup of
//! pasted certificates reads all of them.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use x509_parser::certification_request::X509CertificationRequest;
use x509_parser::cri_attributes::ParsedCriAttribute;
use x509_parser::extensions::ParsedExtension;
use x509_parser::prelude::FromDer;

use super::fields::{
    self, CertData, NameAttribute, PublicKeyReport, algorithm, format_name, general_name, hex,
    name_attributes,
};
use super::signature::{Budget, SignatureStatus};
use super::time::UnixTime;

/// Entries of one revocation list kept in the report; the rest are counted.
pub const MAX_CRL_ENTRIES_KEPT: usize = 1_000;

/// A decoded certificate signing request (PKCS#10).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestReport {
    /// The input block it came from.
    pub block: usize,
    /// The version as RFC 2986 numbers it (the field holds 0 for version 1).
    pub version: u64,
    /// The subject as one line.
    pub subject: String,
    /// The subject's attributes.
    pub subject_attributes: Vec<NameAttribute>,
    /// The key the certificate would certify.
    pub public_key: PublicKeyReport,
    /// SHA-256 of the SubjectPublicKeyInfo, lowercase hex (the same pin a certificate made
    /// from this request will have).
    pub spki_sha256: String,
    /// The signature algorithm's name.
    pub signature_algorithm: String,
    /// The request's own signature, checked with the key it carries.
    pub signature: SignatureStatus,
    /// Names asked for in a subjectAltName extension request, as `type:value`.
    pub requested_names: Vec<String>,
    /// Every extension asked for, by name (or OID when unknown).
    pub requested_extensions: Vec<String>,
    /// A challengePassword attribute is present (its value is never kept or shown).
    pub challenge_password: bool,
    /// Length of the DER.
    pub der_length: usize,
}

/// One entry of a revocation list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevokedEntry {
    /// Serial number, lowercase hex without leading zero octets.
    pub serial_hex: String,
    /// When the CA revoked it.
    pub date: UnixTime,
    /// The reason code's RFC 5280 name (`keyCompromise`...), when the entry gives one.
    pub reason: Option<String>,
}

/// A pasted certificate the list speaks about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedCertificate {
    /// Index into the analysis' certificates.
    pub certificate: usize,
    /// The entry revoking it.
    pub entry: RevokedEntry,
}

/// A decoded certificate revocation list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrlReport {
    /// The input block it came from.
    pub block: usize,
    /// 2 when the version field is present (v2), else 1.
    pub version: u64,
    /// The issuer as one line.
    pub issuer: String,
    /// thisUpdate.
    pub this_update: UnixTime,
    /// nextUpdate: when the next list is due (clients treat the list as stale after it).
    pub next_update: Option<UnixTime>,
    /// The cRLNumber extension, lowercase hex.
    pub number: Option<String>,
    /// The signature algorithm's name.
    pub signature_algorithm: String,
    /// The signature, checked with the key of a pasted certificate whose subject is the
    /// list's issuer: that certificate's index and the result. `None` when no pasted
    /// certificate is the issuer.
    pub signature: Option<(usize, SignatureStatus)>,
    /// How many entries the list holds.
    pub entry_count: usize,
    /// The first [`MAX_CRL_ENTRIES_KEPT`] entries.
    pub entries: Vec<RevokedEntry>,
    /// How many pasted certificates name this list's issuer as theirs (each was looked up).
    pub looked_up: usize,
    /// Pasted certificates of this issuer that the list revokes.
    pub revokes: Vec<ListedCertificate>,
    /// Length of the DER.
    pub der_length: usize,
}

impl CrlReport {
    /// Whether a client judging at `at` would still use this list (RFC 5280 6.3.3 (a)(2):
    /// the next update is in the future, or not given).
    pub fn is_current(&self, at: UnixTime) -> bool {
        self.this_update <= at && self.next_update.is_none_or(|next| at < next)
    }
}

/// Decodes a request, or `None` when the bytes are not one.
pub(crate) fn request(der: &[u8], block: usize, budget: &mut Budget) -> Option<RequestReport> {
    let (rest, csr) = X509CertificationRequest::from_der(der).ok()?;
    let info = &csr.certification_request_info;
    let subject_attributes = name_attributes(&info.subject);
    let (key, public_key) = fields::public_key(&info.subject_pki);
    let (sig_alg, signature_algorithm) = algorithm(&csr.signature_algorithm);
    let signature = budget.verify(&sig_alg, &key, info.raw, &csr.signature_value.data);
    let mut requested_names = Vec::new();
    let mut requested_extensions = Vec::new();
    let mut challenge_password = false;
    for attribute in info.iter_attributes() {
        match attribute.parsed_attribute() {
            ParsedCriAttribute::ExtensionRequest(request) => {
                for ext in &request.extensions {
                    requested_extensions.push(
                        super::oids::extension_name(&ext.oid)
                            .map_or_else(|| super::oids::dotted(&ext.oid), str::to_owned),
                    );
                    if let ParsedExtension::SubjectAlternativeName(san) = ext.parsed_extension() {
                        requested_names.extend(san.general_names.iter().map(general_name));
                    }
                }
            }
            ParsedCriAttribute::ChallengePassword(_) => challenge_password = true,
            ParsedCriAttribute::UnsupportedAttribute => {}
        }
    }
    Some(RequestReport {
        block,
        version: u64::from(info.version.0).saturating_add(1),
        subject: format_name(&subject_attributes),
        subject_attributes,
        public_key,
        spki_sha256: hex(&Sha256::digest(info.subject_pki.raw)),
        signature_algorithm,
        signature,
        requested_names,
        requested_extensions,
        challenge_password,
        der_length: der.len().saturating_sub(rest.len()),
    })
}

/// The RFC 5280 (5.3.1) name of a CRLReason code.
fn reason_name(code: u8) -> String {
    match code {
        0 => "unspecified",
        1 => "keyCompromise",
        2 => "cACompromise",
        3 => "affiliationChanged",
        4 => "superseded",
        5 => "cessationOfOperation",
        6 => "certificateHold",
        8 => "removeFromCRL",
        9 => "privilegeWithdrawn",
        10 => "aACompromise",
        other => return format!("reason {other}"),
    }
    .to_owned()
}

/// Decodes a revocation list, or `None` when the bytes are not one; `certs` are the
/// pasted certificates (their issuers and serials are looked up, their keys tried).
pub(crate) fn revocation_list(
    der: &[u8],
    block: usize,
    certs: &[CertData],
    serials: &[String],
    budget: &mut Budget,
) -> Option<CrlReport> {
    let (rest, crl) = x509_parser::parse_x509_crl(der).ok()?;
    let tbs = &crl.tbs_cert_list;
    let issuer_raw = tbs.issuer.as_raw();
    let (sig_alg, signature_algorithm) = algorithm(&crl.signature_algorithm);
    let signature = certs
        .iter()
        .position(|c| c.subject_raw == issuer_raw)
        .and_then(|i| {
            let issuer = certs.get(i)?;
            let status = budget.verify(
                &sig_alg,
                &issuer.key,
                tbs.as_ref(),
                &crl.signature_value.data,
            );
            Some((i, status))
        });
    // Pasted certificates this issuer issued, by serial number (not the issuer's own
    // self-issued certificate: a list does not revoke its own signer).
    let mut of_issuer: std::collections::HashMap<&str, Vec<usize>> =
        std::collections::HashMap::new();
    for (i, (c, serial)) in certs.iter().zip(serials).enumerate() {
        if c.issuer_raw == issuer_raw && c.subject_raw != issuer_raw {
            of_issuer.entry(serial.as_str()).or_default().push(i);
        }
    }
    let looked_up = of_issuer.values().map(Vec::len).sum();
    let mut entries = Vec::new();
    let mut revokes = Vec::new();
    let mut entry_count: usize = 0;
    for revoked in crl.iter_revoked_certificates() {
        entry_count = entry_count.saturating_add(1);
        let keep = entries.len() < MAX_CRL_ENTRIES_KEPT;
        let serial = fields::serial_hex(revoked.raw_serial());
        // Each pasted certificate is reported once, at the first entry naming it (a list
        // may repeat a serial number; the pasted set may repeat a certificate).
        let listed = of_issuer.remove(serial.as_str());
        if !keep && listed.is_none() {
            continue;
        }
        let entry = RevokedEntry {
            serial_hex: serial,
            date: UnixTime(revoked.revocation_date.timestamp()),
            reason: revoked.reason_code().map(|(_, code)| reason_name(code.0)),
        };
        for certificate in listed.into_iter().flatten() {
            revokes.push(ListedCertificate {
                certificate,
                entry: entry.clone(),
            });
        }
        if keep {
            entries.push(entry);
        }
    }
    let issuer_attributes = name_attributes(&tbs.issuer);
    Some(CrlReport {
        block,
        version: if tbs.version.is_some() { 2 } else { 1 },
        issuer: format_name(&issuer_attributes),
        this_update: UnixTime(tbs.this_update.timestamp()),
        next_update: tbs.next_update.map(|t| UnixTime(t.timestamp())),
        number: crl.crl_number().map(|n| hex(&n.to_bytes_be())),
        signature_algorithm,
        signature,
        entry_count,
        entries,
        looked_up,
        revokes,
        der_length: der.len().saturating_sub(rest.len()),
    })
}
