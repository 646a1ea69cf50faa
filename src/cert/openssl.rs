//! What clients built on OpenSSL say: `openssl verify`, curl and Python's `ssl`.
//!
//! Chromium fetches a missing intermediate and Firefox knows the public ones; OpenSSL does
//! neither, so a server that forgets its intermediate "works in Chrome, fails in curl".
//! The judgement (`judge`) lists every failure in the order OpenSSL 3's
//! `X509_verify_cert` raises them (crypto/x509/x509_vfy.c):
//!
//! 1. the leaf key's security level, before anything else (`X509_verify_cert` calls
//!    `check_key_level` on the leaf first: `X509_V_ERR_EE_KEY_TOO_SMALL`);
//! 2. `build_chain`: no trusted root reached (`DEPTH_ZERO_SELF_SIGNED_CERT`,
//!    `SELF_SIGNED_CERT_IN_CHAIN`, `UNABLE_TO_GET_ISSUER_CERT_LOCALLY`);
//! 3. `check_extensions`, leaf first: an unhandled critical extension, an issuer that is
//!    no CA, the purpose (TLS clients ask for `sslserver`), a path length exceeded;
//! 4. `check_auth_level`: issuer keys and signature digests against the security level;
//! 5. `check_id`: the host name (`X509_check_host`: wildcards in the leftmost label, the
//!    subject's CN when there is no DNS name);
//! 6. `internal_verify`, from the top down: each signature, each certificate's dates
//!    (the root's too);
//! 7. `check_name_constraints`.
//!
//! Each client then reports the first failure it looks at (see [`Client`]). The texts are
//! `X509_verify_cert_error_string`'s (crypto/x509/x509_txt.c, OpenSSL 3.0).

use serde::{Deserialize, Serialize};

/// An `X509_V_ERR_*` result of OpenSSL's verification.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OpenSslError {
    /// 7: a signature does not verify with its issuer's key.
    CertSignatureFailure,
    /// 9: a certificate's notBefore is in the future.
    CertNotYetValid,
    /// 10: a certificate's notAfter has passed.
    CertHasExpired,
    /// 18: the certificate given is self-signed and not trusted.
    DepthZeroSelfSigned,
    /// 19: the chain ends in a self-signed certificate that is not trusted.
    SelfSignedCertInChain,
    /// 20: the issuer of the chain's last certificate is in no trusted store.
    UnableToGetIssuerCertLocally,
    /// 79 (24 before OpenSSL 3.0, which gave 24 to `NO_ISSUER_PUBLIC_KEY`;
    /// include/openssl/x509_vfy.h.in): an issuer is not a CA (`check_ca` in
    /// crypto/x509/v3_purp.c: no basicConstraints CA, or a keyUsage without keyCertSign).
    InvalidCa,
    /// 25: a CA's pathLenConstraint is exceeded.
    PathLengthExceeded,
    /// 26: the leaf may not be used for a TLS server (extKeyUsage).
    InvalidPurpose,
    /// 34: a critical extension OpenSSL does not handle.
    UnhandledCriticalExtension,
    /// 47: a name outside a CA's permitted subtrees.
    PermittedViolation,
    /// 62: the host name is not the certificate's.
    HostnameMismatch,
    /// 64: the IP address is not among the certificate's (`X509_check_ip`: its
    /// subjectAltName iPAddress entries only, never the common name).
    IpAddressMismatch,
    /// 66: the leaf's key is below the security level.
    EeKeyTooSmall,
    /// 67: an issuer's key is below the security level.
    CaKeyTooSmall,
    /// 68: a signature's digest is below the security level (SHA-1, MD5).
    CaMdTooWeak,
}

impl OpenSslError {
    /// The `X509_V_ERR_*` number.
    pub fn code(self) -> u32 {
        match self {
            OpenSslError::CertSignatureFailure => 7,
            OpenSslError::CertNotYetValid => 9,
            OpenSslError::CertHasExpired => 10,
            OpenSslError::DepthZeroSelfSigned => 18,
            OpenSslError::SelfSignedCertInChain => 19,
            OpenSslError::UnableToGetIssuerCertLocally => 20,
            OpenSslError::InvalidCa => 79,
            OpenSslError::PathLengthExceeded => 25,
            OpenSslError::InvalidPurpose => 26,
            OpenSslError::UnhandledCriticalExtension => 34,
            OpenSslError::PermittedViolation => 47,
            OpenSslError::HostnameMismatch => 62,
            OpenSslError::IpAddressMismatch => 64,
            OpenSslError::EeKeyTooSmall => 66,
            OpenSslError::CaKeyTooSmall => 67,
            OpenSslError::CaMdTooWeak => 68,
        }
    }

    /// `X509_verify_cert_error_string` (crypto/x509/x509_txt.c, OpenSSL 3.0).
    pub fn text(self) -> &'static str {
        match self {
            OpenSslError::CertSignatureFailure => "certificate signature failure",
            OpenSslError::CertNotYetValid => "certificate is not yet valid",
            OpenSslError::CertHasExpired => "certificate has expired",
            OpenSslError::DepthZeroSelfSigned => "self-signed certificate",
            OpenSslError::SelfSignedCertInChain => "self-signed certificate in certificate chain",
            OpenSslError::UnableToGetIssuerCertLocally => "unable to get local issuer certificate",
            OpenSslError::InvalidCa => "invalid CA certificate",
            OpenSslError::PathLengthExceeded => "path length constraint exceeded",
            OpenSslError::InvalidPurpose => "unsuitable certificate purpose",
            OpenSslError::UnhandledCriticalExtension => "unhandled critical extension",
            OpenSslError::PermittedViolation => "permitted subtree violation",
            OpenSslError::HostnameMismatch => "hostname mismatch",
            OpenSslError::IpAddressMismatch => "IP address mismatch",
            OpenSslError::EeKeyTooSmall => "EE certificate key too weak",
            OpenSslError::CaKeyTooSmall => "CA certificate key too weak",
            OpenSslError::CaMdTooWeak => "CA signature digest algorithm too weak",
        }
    }
}

/// The check that raised a failure: which clients look at it depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OpenSslCheck {
    /// A key or digest below the security level (`check_key_level`, `check_sig_level`):
    /// only where one is set, as TLS clients have (level 2 on Debian and in Python 3.10+).
    SecurityLevel,
    /// No trusted root reached (`build_chain`).
    Chain,
    /// Extensions of the chain (`check_extensions`).
    Extensions,
    /// The purpose a TLS client asks for (`check_purpose` with `sslserver`).
    Purpose,
    /// The host name (`check_id`), when the client asks OpenSSL to check it.
    Host,
    /// Signatures, keyUsage and dates (`internal_verify`).
    Signatures,
    /// Name constraints (`check_name_constraints`).
    NameConstraints,
}

/// One failure OpenSSL would raise, at a depth of its chain (0 = the leaf).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenSslFailure {
    /// What.
    pub error: OpenSslError,
    /// Where: 0 is the leaf, then each issuer up to the root (the trusted root counts even
    /// when it was not pasted: OpenSSL takes it from its store).
    pub depth: usize,
    /// The check that raised it.
    pub check: OpenSslCheck,
}

/// What the leaf names, as curl's own host check reads it.
#[derive(Clone, Copy, Debug, Default)]
pub struct LeafNames<'a> {
    /// The leaf has DNS or IP subject alternative names (then only those count).
    pub alt_names: bool,
    /// The subject's last common name.
    pub common_name: Option<&'a str>,
}

impl<'a> LeafNames<'a> {
    /// What the leaf names (curl reads the subject's last common name).
    pub fn of(leaf: &'a super::CertificateReport) -> LeafNames<'a> {
        LeafNames {
            alt_names: !leaf.san_dns.is_empty() || !leaf.san_ip.is_empty(),
            common_name: leaf
                .subject_attributes
                .iter()
                .rev()
                .find(|a| a.name == "CN")
                .map(|a| a.value.as_str()),
        }
    }
}

/// A client built on OpenSSL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Client {
    /// `openssl verify -verify_hostname HOST` (`-verify_ip` for an address; apps/verify.c,
    /// apps/lib/opt.c): no purpose and no security
    /// level unless asked for; prints `error N at D depth lookup: TEXT` for the first.
    OpensslVerify,
    /// curl with OpenSSL (lib/vtls/openssl.c): `SSL certificate problem: TEXT` for the first
    /// failure of the handshake's verification (purpose `sslserver`, the system's security
    /// level); the host is curl's own check afterwards (`ossl_verifyhost`).
    Curl,
    /// Python's `ssl` with `create_default_context()` (Modules/_ssl.c): OpenSSL checks the
    /// host too (`check_hostname`; an address as an address, `_ssl_configure_hostname`
    /// with `X509_VERIFY_PARAM_set1_ip`), purpose `sslserver`, security level 2. Python
    /// 3.10 to 3.12: from 3.13 `create_default_context` also sets `VERIFY_X509_STRICT`
    /// and `VERIFY_X509_PARTIAL_CHAIN` (Lib/ssl.py), which this does not model.
    Python,
}

impl Client {
    /// Every client, in the order the page lists them.
    pub const ALL: [Client; 3] = [Client::OpensslVerify, Client::Curl, Client::Python];

    /// The first failure this client reports, if any, from the judgement's list.
    pub fn first_failure(self, failures: &[OpenSslFailure]) -> Option<OpenSslFailure> {
        failures.iter().copied().find(|f| match self {
            Client::OpensslVerify => {
                !matches!(f.check, OpenSslCheck::SecurityLevel | OpenSslCheck::Purpose)
            }
            Client::Curl => f.check != OpenSslCheck::Host,
            Client::Python => true,
        })
    }

    /// What the client prints, in its own words, for `host` (the first failure, or curl's
    /// own host-name refusal when the chain passes); `None` when it connects. curl words
    /// its refusal by what the leaf names: alternative names, or only a subject CN.
    pub fn says(
        self,
        failures: &[OpenSslFailure],
        host: Option<&str>,
        leaf: &LeafNames<'_>,
    ) -> Option<String> {
        let first = self.first_failure(failures);
        match (self, first) {
            (Client::OpensslVerify, Some(f)) => Some(format!(
                "error {} at {} depth lookup: {}",
                f.error.code(),
                f.depth,
                f.error.text()
            )),
            (Client::Curl, Some(f)) => Some(format!(
                "curl: (60) SSL certificate problem: {}",
                f.error.text()
            )),
            (Client::Curl, None) => {
                let host = host.unwrap_or_default();
                // curl checks the name itself (`ossl_verifyhost`): a leaf without
                // alternative names by its common name, which for an address must be that
                // address exactly (`Curl_cert_hostcheck`), where OpenSSL's `X509_check_ip`
                // never reads the common name. (The host is an address exactly when the
                // judgement checked it as one; parsing it here would put an address parser
                // in the page's module, 1.2 KB after brotli.)
                let checked_as_address = failures
                    .iter()
                    .any(|f| f.error == OpenSslError::IpAddressMismatch);
                let common_name_is_the_address =
                    !leaf.alt_names && checked_as_address && leaf.common_name == Some(host);
                let host_failed = failures.iter().any(|f| f.check == OpenSslCheck::Host)
                    && !common_name_is_the_address;
                host_failed.then(|| match (leaf.alt_names, leaf.common_name) {
                    (true, _) => format!(
                        "curl: (60) SSL: no alternative certificate subject name matches target host name '{host}'"
                    ),
                    (false, Some(cn)) => format!(
                        "curl: (60) SSL: certificate subject name '{cn}' does not match target host name '{host}'"
                    ),
                    (false, None) => {
                        "curl: (60) SSL: unable to obtain common name from peer certificate".to_owned()
                    }
                })
            }
            (Client::Python, Some(f)) if f.error == OpenSslError::HostnameMismatch => {
                Some(format!(
                    "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for '{}'.",
                    host.unwrap_or_default()
                ))
            }
            // Modules/_ssl.c, `fill_and_set_sslerror`: "IP address mismatch, certificate is
            // not valid for '%S'." when the peer was asked for by address.
            (Client::Python, Some(f)) if f.error == OpenSslError::IpAddressMismatch => {
                Some(format!(
                    "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: IP address mismatch, certificate is not valid for '{}'.",
                    host.unwrap_or_default()
                ))
            }
            (Client::Python, Some(f)) => Some(format!(
                "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: {}",
                f.error.text()
            )),
            (_, None) => None,
        }
    }
}
