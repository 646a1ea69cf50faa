//! Stable codes for everything the engine finds, and Chromium's error vocabulary.
//!
//! The page explains each [`Code`] from its locale files; the engine only attaches data
//! (which certificate, which block, a name or URL) and a plain English `message` for the
//! command line. Codes are serialised in `snake_case` and never renamed.

use serde::{Deserialize, Serialize};

/// The certificate errors Chromium shows, in the order it ranks them
/// (`MapCertStatusToNetError` in net/cert/cert_status_flags.cc: the first one present is
/// the one the interstitial page names).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ChromiumError {
    #[serde(rename = "ERR_CERT_INVALID")]
    Invalid,
    #[serde(rename = "ERR_CERT_AUTHORITY_INVALID")]
    AuthorityInvalid,
    #[serde(rename = "ERR_CERT_COMMON_NAME_INVALID")]
    CommonNameInvalid,
    #[serde(rename = "ERR_CERT_NAME_CONSTRAINT_VIOLATION")]
    NameConstraintViolation,
    #[serde(rename = "ERR_CERT_WEAK_SIGNATURE_ALGORITHM")]
    WeakSignatureAlgorithm,
    #[serde(rename = "ERR_CERT_WEAK_KEY")]
    WeakKey,
    #[serde(rename = "ERR_CERT_DATE_INVALID")]
    DateInvalid,
}

impl ChromiumError {
    /// The name as Chromium spells it.
    pub fn name(self) -> &'static str {
        match self {
            ChromiumError::Invalid => "ERR_CERT_INVALID",
            ChromiumError::AuthorityInvalid => "ERR_CERT_AUTHORITY_INVALID",
            ChromiumError::CommonNameInvalid => "ERR_CERT_COMMON_NAME_INVALID",
            ChromiumError::NameConstraintViolation => "ERR_CERT_NAME_CONSTRAINT_VIOLATION",
            ChromiumError::WeakSignatureAlgorithm => "ERR_CERT_WEAK_SIGNATURE_ALGORITHM",
            ChromiumError::WeakKey => "ERR_CERT_WEAK_KEY",
            ChromiumError::DateInvalid => "ERR_CERT_DATE_INVALID",
        }
    }

    /// The one a browser displays among several: the smallest in Chromium's ranking
    /// (the enum is declared in that order).
    pub fn primary(errors: &[ChromiumError]) -> Option<ChromiumError> {
        errors.iter().copied().min()
    }
}

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Makes a browser refuse the connection (the finding's `error` field names how).
    Error,
    /// Worth knowing; a browser would still accept.
    Warning,
    /// Background the page may show.
    Info,
}

/// Declares [`Code`] with its stable keys, [`Code::ALL`] and [`Code::key`] in one place.
macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $key:literal,)*) => {
        /// Every finding the engine can report. Stable: the page keys its explanations on
        /// these (serialised as the `snake_case` key).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Code {
            $($(#[$doc])* #[serde(rename = $key)] $variant,)*
        }

        impl Code {
            /// All codes, for checking that every one has an explanation.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable key (`missing_intermediate`...), as serialised.
            pub fn key(self) -> &'static str {
                match self {
                    $(Code::$variant => $key,)*
                }
            }
        }
    };
}

codes! {
    // --- input ---------------------------------------------------------------------
    /// Nothing in the input was a certificate.
    NoCertificate = "no_certificate",
    /// The input is neither PEM text nor DER.
    InputNotRecognised = "input_not_recognised",
    /// A private key was pasted: it is secret and must now be treated as compromised.
    PrivateKeyPasted = "private_key_pasted",
    /// A PEM block of another kind (request, CRL, public key...) was recognised and skipped.
    OtherPemBlock = "other_pem_block",
    /// Base64 without BEGIN/END lines was read as a certificate body.
    PemHeadersMissing = "pem_headers_missing",
    /// A BEGIN line without its END line.
    PemMissingEnd = "pem_missing_end",
    /// The END label differs from the BEGIN label.
    PemLabelMismatch = "pem_label_mismatch",
    /// The body of a PEM block is not valid base64.
    PemBadBase64 = "pem_bad_base64",
    /// Binary input of another kind (a CRL, a certificate request) was recognised and skipped.
    OtherDerData = "other_der_data",
    /// A certificate's DER could not be parsed.
    CertificateUnparsable = "certificate_unparsable",
    /// Bytes follow a certificate inside its block.
    TrailingData = "trailing_data",
    /// A PKCS#7 bundle could not be read.
    Pkcs7Unparsable = "pkcs7_unparsable",
    /// Certificates were taken out of a PKCS#7 bundle.
    Pkcs7Bundle = "pkcs7_bundle",
    // --- chain -----------------------------------------------------------------------
    /// The issuer of the top certificate is neither in the input nor a trust anchor.
    MissingIntermediate = "missing_intermediate",
    /// The chain ends at a self-signed certificate that is not a trust anchor.
    UntrustedRoot = "untrusted_root",
    /// The chain's missing issuer or untrusted root is named like a root Mozilla removed.
    RootRemovedFromMozilla = "root_removed_from_mozilla",
    /// The leaf itself is self-signed and not a trust anchor.
    SelfSignedLeaf = "self_signed_leaf",
    /// The certificates were pasted root first.
    ReverseOrder = "reverse_order",
    /// The certificates were pasted in neither order.
    OutOfOrder = "out_of_order",
    /// The same certificate appears more than once.
    DuplicateCertificate = "duplicate_certificate",
    /// A certificate takes no part in the chain.
    UnrelatedCertificate = "unrelated_certificate",
    /// Another certificate in the input could also have issued a link (cross-signing).
    CrossSignedAlternative = "cross_signed_alternative",
    /// The leaf was chosen among several candidates.
    LeafChosen = "leaf_chosen",
    // --- per link -------------------------------------------------------------------
    /// A signature does not verify with the issuer's key.
    SignatureInvalid = "signature_invalid",
    /// The signature algorithm cannot be checked here (never reported as valid).
    SignatureUnsupported = "signature_unsupported",
    /// The child's issuer name is not the issuer's subject name.
    NameMismatch = "name_mismatch",
    /// The authority key identifier does not match the issuer's subject key identifier.
    KeyIdMismatch = "key_id_mismatch",
    /// The issuer is not a CA (basicConstraints).
    IssuerNotCa = "issuer_not_ca",
    /// The issuer's pathLenConstraint is exceeded.
    PathLenExceeded = "path_len_exceeded",
    /// The issuer's keyUsage does not allow signing certificates.
    IssuerCannotSign = "issuer_cannot_sign",
    /// A name in a certificate lies outside what a CA above it may vouch for.
    NameConstraintViolation = "name_constraint_violation",
    // --- dates ---------------------------------------------------------------------
    /// A certificate had expired at the chosen time.
    Expired = "expired",
    /// A certificate was not yet valid at the chosen time.
    NotYetValid = "not_yet_valid",
    /// The trust anchor's own certificate is out of date (anchors carry no dates).
    AnchorCertificateOutOfDate = "anchor_certificate_out_of_date",
    // --- algorithms ------------------------------------------------------------------
    /// SHA-1 or MD5 signs a certificate below the trust anchor.
    WeakSignatureAlgorithm = "weak_signature_algorithm",
    /// An RSA key shorter than 2048 bits.
    WeakKey = "weak_key",
    // --- host name -------------------------------------------------------------------
    /// The host name matches none of the leaf's names.
    HostMismatch = "host_mismatch",
    /// Only the subject common name (which browsers ignore) would have matched.
    HostMatchesOnlyCommonName = "host_matches_only_common_name",
    /// The host name was matched in its ASCII (punycode) form.
    HostInternationalised = "host_internationalised",
    /// No host name was given, so none was checked.
    HostNotChecked = "host_not_checked",
    /// The leaf has no subjectAltName extension.
    NoSubjectAltName = "no_subject_alt_name",
    /// The host name given is not a valid DNS name or IP address.
    HostInvalid = "host_invalid",
    // --- other ---------------------------------------------------------------------
    /// An extension marked critical that the engine does not understand.
    UnsupportedCriticalExtension = "unsupported_critical_extension",
    /// The leaf is a CA certificate.
    LeafIsCa = "leaf_is_ca",
    /// The leaf's extKeyUsage does not include TLS server authentication.
    LeafNotForServers = "leaf_not_for_servers",
    /// Trusted by a caller-supplied anchor, not the Mozilla set.
    TrustedByCustomAnchor = "trusted_by_custom_anchor",
    /// Revocation (OCSP, CRL) cannot be checked offline.
    RevocationNotChecked = "revocation_not_checked",
    /// Certificate Transparency log inclusion cannot be checked offline.
    CtNotChecked = "ct_not_checked",
    /// The leaf carries no embedded SCTs (browsers require CT for public certificates).
    NoEmbeddedScts = "no_embedded_scts",
    /// An extension could not be decoded.
    ExtensionUnparsable = "extension_unparsable",
}

/// One finding: a code, where it applies, data, and an English sentence for the CLI.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// The browser error this finding causes, if any.
    pub error: Option<ChromiumError>,
    /// Index into the report's `certificates`, when it is about one certificate.
    pub certificate: Option<usize>,
    /// Index of the input block (PEM block or DER file), when it is about one.
    pub block: Option<usize>,
    /// Data for the explanation: a name, URL, algorithm or byte position.
    pub detail: Option<String>,
    /// A plain English sentence (the page uses `code` and its own locale text instead).
    pub message: String,
}

impl Finding {
    pub(crate) fn new(code: Code, severity: Severity, message: impl Into<String>) -> Finding {
        Finding {
            code,
            severity,
            error: None,
            certificate: None,
            block: None,
            detail: None,
            message: message.into(),
        }
    }

    pub(crate) fn error(mut self, e: ChromiumError) -> Finding {
        self.error = Some(e);
        self.severity = Severity::Error;
        self
    }

    pub(crate) fn cert(mut self, index: usize) -> Finding {
        self.certificate = Some(index);
        self
    }

    pub(crate) fn block(mut self, index: usize) -> Finding {
        self.block = Some(index);
        self
    }

    pub(crate) fn detail(mut self, d: impl Into<String>) -> Finding {
        self.detail = Some(d.into());
        self
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn chromium_precedence() {
        use ChromiumError::*;
        assert_eq!(
            ChromiumError::primary(&[DateInvalid, AuthorityInvalid]),
            Some(AuthorityInvalid)
        );
        assert_eq!(
            ChromiumError::primary(&[DateInvalid, CommonNameInvalid]),
            Some(CommonNameInvalid)
        );
        assert_eq!(
            ChromiumError::primary(&[WeakKey, WeakSignatureAlgorithm]),
            Some(WeakSignatureAlgorithm)
        );
        assert_eq!(
            ChromiumError::primary(&[DateInvalid, WeakKey]),
            Some(WeakKey)
        );
        assert_eq!(
            ChromiumError::primary(&[Invalid, AuthorityInvalid]),
            Some(Invalid)
        );
        assert_eq!(ChromiumError::primary(&[]), None);
    }

    #[test]
    fn code_keys_are_unique_snake_case() {
        let mut keys: Vec<&str> = Code::ALL.iter().map(|c| c.key()).collect();
        assert!(keys.iter().all(|k| {
            k.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        }));
        assert_eq!(Code::MissingIntermediate.key(), "missing_intermediate");
        let n = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), n);
    }
}
