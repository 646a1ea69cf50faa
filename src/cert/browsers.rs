//! What browsers make of the findings: Chromium's error names, their ranking and whether
//! a reader can click through, and Firefox's name for the same failure. Each rule cites
//! the browser's own source it follows.

use serde::{Deserialize, Serialize};

/// The certificate errors Chromium shows, declared in the order
/// `MapCertStatusToNetError` ranks them (net/cert/cert_status_flags.cc): when several
/// apply, the first one is the one the interstitial page names.
///
/// Not modelled: `ERR_CERT_REVOKED` (revocation cannot be checked offline),
/// `ERR_CERTIFICATE_TRANSPARENCY_REQUIRED` (SCTs may also arrive in the TLS handshake or
/// in OCSP), `ERR_CERT_NON_UNIQUE_NAME`, pinning. `ERR_CERT_WEAK_SIGNATURE_ALGORITHM` is
/// history: today's path builder refuses a SHA-1 signature (its `DigestPolicy::kStrong`
/// raises `kUnacceptableSignatureAlgorithm`), and `MapPathBuilderErrorsToCertStatus`
/// (net/cert/cert_verify_proc_builtin.cc) turns that into `ERR_CERT_INVALID`;
/// `InspectSignatureAlgorithmForCert` (cert_verify_proc.cc) only notes `has_sha1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ChromiumError {
    /// `ERR_SSL_VERSION_OR_CIPHER_MISMATCH`: no certificate error. Ranked first: the
    /// server ends the handshake before it sends its certificate. A server whose
    /// key Chrome offers no TLS signature for (BoringSSL's `kVerifySignatureAlgorithms`,
    /// ssl/extensions.cc: RSA with an rsaEncryption key, and ECDSA only on P-256 and
    /// P-384; no RSA-PSS key, P-521, Ed25519 or other curve) can sign nothing Chrome
    /// accepts, and ends the handshake after the ClientHello (OpenSSL's `tls_choose_sigalg`: "no suitable signature algorithm"), which
    /// `MapOpenSSLErrorSSL` names so. Chromium 156 against `openssl s_server` with a P-521
    /// an Ed25519 and an RSA-PSS certificate, TLS 1.3 and 1.2: this error for each.
    #[serde(rename = "ERR_SSL_VERSION_OR_CIPHER_MISMATCH")]
    VersionOrCipherMismatch,
    /// `ERR_SSL_PROTOCOL_ERROR`: no certificate error at all. BoringSSL reads the site's
    /// key while it reads the server's Certificate message, before any verification, and
    /// reads only named curves (`eckey_pub_decode` in crypto/evp/p_ec.cc: "Only the
    /// namedCurve form is allowed"); the handshake ends with a decode_error alert, which
    /// `MapOpenSSLErrorSSL` (net/ssl/openssl_ssl_util.cc) leaves as this generic error.
    /// Chrome shows its "can't provide a secure connection" page, with no way past.
    /// Ranked first among what the site's certificate causes, since the handshake fails
    /// before anything else is looked at; after a server that cannot sign at all, which
    /// sends no certificate.
    #[serde(rename = "ERR_SSL_PROTOCOL_ERROR")]
    SslProtocolError,
    /// `ERR_SSL_KEY_USAGE_INCOMPATIBLE`: no certificate error either. In TLS 1.3 the
    /// server always signs with its certificate's key, and BoringSSL refuses a site
    /// certificate whose keyUsage extension is there without digitalSignature as it reads
    /// the server's Certificate message, before anything is verified
    /// (`ssl_cert_check_key_usage` in ssl/ssl_cert.cc, asked by ssl/tls13_both.cc;
    /// `MapOpenSSLErrorSSL` names `SSL_R_KEY_USAGE_BIT_INCORRECT` so). In TLS 1.2 the same
    /// check comes after the certificate is verified, and a key exchange by RSA asks for
    /// keyEncipherment instead (ssl/handshake_client.cc). Chromium 156 against a TLS 1.3
    /// server, ECDSA and RSA site certificates with keyEncipherment, keyAgreement or
    /// keyCertSign alone: this error for each, under an unknown root too.
    #[serde(rename = "ERR_SSL_KEY_USAGE_INCOMPATIBLE")]
    KeyUsageIncompatible,
    /// `ERR_SSL_SERVER_CERT_BAD_FORMAT`: no certificate error either. Chrome reads the
    /// site's certificate into its own object before verifying anything
    /// (`X509Certificate::ParsedFields::Initialize`, net/cert/x509_certificate.cc:
    /// `ParseCertificate` and `ParseTbsCertificate`), and ends the handshake when it cannot
    /// (`SSLClientSocketImpl::VerifyCert`, net/socket/ssl_client_socket_impl.cc): a
    /// version written out as 1, unique identifiers in version 1, extensions before
    /// version 3, a date not in RFC 5280's form (`chrome_der::certificate`). The
    /// extension list is not read there: an empty one is `ERR_CERT_INVALID`.
    #[serde(rename = "ERR_SSL_SERVER_CERT_BAD_FORMAT")]
    ServerCertBadFormat,
    /// `ERR_CERT_INVALID`: a rule the path builder enforces was broken and nothing more
    /// specific applies (`MapPathBuilderErrorsToCertStatus` in
    /// net/cert/cert_verify_proc_builtin.cc), or a signature algorithm Chromium does not
    /// take is in the chain (`InspectSignatureAlgorithmsInChain`, cert_verify_proc.cc).
    #[serde(rename = "ERR_CERT_INVALID")]
    Invalid,
    /// `ERR_CERT_AUTHORITY_INVALID`: no issuer found, a bad signature, an issuer name that
    /// does not chain, a root the store does not trust.
    #[serde(rename = "ERR_CERT_AUTHORITY_INVALID")]
    AuthorityInvalid,
    /// `ERR_CERT_COMMON_NAME_INVALID`: the name does not match (`VerifyNameMatch`).
    #[serde(rename = "ERR_CERT_COMMON_NAME_INVALID")]
    CommonNameInvalid,
    /// `ERR_CERT_NAME_CONSTRAINT_VIOLATION`: only for the hard-coded key list of
    /// `HasNameConstraintsViolation` (cert_verify_proc.cc: the French ANSSI IGC/A root,
    /// limited to French domains). RFC 5280 name constraints in certificates are checked
    /// by the path builder and give [`ChromiumError::Invalid`].
    #[serde(rename = "ERR_CERT_NAME_CONSTRAINT_VIOLATION")]
    NameConstraintViolation,
    /// `ERR_CERT_WEAK_KEY`: RSA under 1024 bits anywhere in the chain (`IsWeakKey` in
    /// net/cert/cert_verify_proc.cc). Other kinds of key an authority may not have are not
    /// read at all on a verified path: [`ChromiumError::Invalid`].
    #[serde(rename = "ERR_CERT_WEAK_KEY")]
    WeakKey,
    /// `ERR_CERT_DATE_INVALID`: expired or not yet valid (not the anchor's own dates).
    #[serde(rename = "ERR_CERT_DATE_INVALID")]
    DateInvalid,
    /// `ERR_CERT_VALIDITY_TOO_LONG`: a publicly trusted leaf valid for longer than
    /// `HasTooLongValidity` allows for its notBefore.
    #[serde(rename = "ERR_CERT_VALIDITY_TOO_LONG")]
    ValidityTooLong,
}

impl ChromiumError {
    /// Every error, in ranking order.
    pub const ALL: [ChromiumError; 11] = [
        ChromiumError::VersionOrCipherMismatch,
        ChromiumError::SslProtocolError,
        ChromiumError::KeyUsageIncompatible,
        ChromiumError::ServerCertBadFormat,
        ChromiumError::Invalid,
        ChromiumError::AuthorityInvalid,
        ChromiumError::CommonNameInvalid,
        ChromiumError::NameConstraintViolation,
        ChromiumError::WeakKey,
        ChromiumError::DateInvalid,
        ChromiumError::ValidityTooLong,
    ];

    /// The name as Chromium spells it.
    pub fn name(self) -> &'static str {
        match self {
            ChromiumError::SslProtocolError => "ERR_SSL_PROTOCOL_ERROR",
            ChromiumError::VersionOrCipherMismatch => "ERR_SSL_VERSION_OR_CIPHER_MISMATCH",
            ChromiumError::KeyUsageIncompatible => "ERR_SSL_KEY_USAGE_INCOMPATIBLE",
            ChromiumError::ServerCertBadFormat => "ERR_SSL_SERVER_CERT_BAD_FORMAT",
            ChromiumError::Invalid => "ERR_CERT_INVALID",
            ChromiumError::AuthorityInvalid => "ERR_CERT_AUTHORITY_INVALID",
            ChromiumError::CommonNameInvalid => "ERR_CERT_COMMON_NAME_INVALID",
            ChromiumError::NameConstraintViolation => "ERR_CERT_NAME_CONSTRAINT_VIOLATION",
            ChromiumError::WeakKey => "ERR_CERT_WEAK_KEY",
            ChromiumError::DateInvalid => "ERR_CERT_DATE_INVALID",
            ChromiumError::ValidityTooLong => "ERR_CERT_VALIDITY_TOO_LONG",
        }
    }

    /// The code as Chrome's warning page shows it, under the "Advanced" button:
    /// `NET::ERR_CERT_AUTHORITY_INVALID`. The page gets `net::ErrorToString`
    /// (net/base/net_errors.cc: `"net::" + ErrorToShortString(error)`) as its `errorCode`
    /// (components/security_interstitials/core/ssl_error_ui.cc), and the warning page
    /// shows that code in capitals. A connection that fails in the handshake gets the
    /// network error page instead, which shows the bare name
    /// (components/error_page/common/localized_error.cc).
    pub fn as_shown(self) -> String {
        if self.ends_the_handshake() {
            self.name().to_owned()
        } else {
            format!("NET::{}", self.name())
        }
    }

    /// Whether the connection fails in the TLS handshake, before any certificate is
    /// verified: Chrome shows its "can't provide a secure connection" page, not a warning,
    /// and names no certificate error beside it.
    pub fn ends_the_handshake(self) -> bool {
        matches!(
            self,
            ChromiumError::SslProtocolError
                | ChromiumError::VersionOrCipherMismatch
                | ChromiumError::KeyUsageIncompatible
                | ChromiumError::ServerCertBadFormat
        )
    }

    /// The one a browser displays among several: the first in Chromium's ranking.
    pub fn primary(errors: &[ChromiumError]) -> Option<ChromiumError> {
        errors.iter().copied().min()
    }

    /// Whether the warning page offers no way through (`IsCertErrorFatal` in
    /// components/security_interstitials/core/ssl_error_options_mask.cc): only
    /// `ERR_CERT_INVALID` among these, and a handshake that fails has no warning page to
    /// pass at all. Every other error can be clicked through, unless the site uses HSTS
    /// or is pinned (`ShouldSSLErrorsBeFatal`, net/http/transport_security_state.cc),
    /// which makes every error fatal.
    pub fn is_fatal(self) -> bool {
        self.ends_the_handshake() || self == ChromiumError::Invalid
    }

    /// Whether the path builder's own status mapping sets this error, so that a broken
    /// path rule (basic constraints, key usage, name constraints…) adds no generic
    /// `ERR_CERT_INVALID` (`MapPathBuilderErrorsToCertStatus`: "If the path was invalid
    /// for a reason that was not explicitly checked above, set a general error").
    pub fn is_path_builder_specific(self) -> bool {
        matches!(
            self,
            ChromiumError::AuthorityInvalid | ChromiumError::DateInvalid | ChromiumError::WeakKey
        )
    }
}

/// Firefox's name for a failure: the mozilla::pkix `Result` mapped to its NSS error
/// (lib/mozpkix/include/pkix/Result.h, `MOZILLA_PKIX_MAP_LIST`), and PSM's own
/// `MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT` (security/certverifier/CertVerifier.cpp).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FirefoxError {
    /// No path to a trusted root.
    #[serde(rename = "SEC_ERROR_UNKNOWN_ISSUER")]
    UnknownIssuer,
    /// The site's own certificate is self-signed (issuer = subject, and it verifies).
    #[serde(rename = "MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT")]
    SelfSignedCert,
    /// The site's certificate has expired.
    #[serde(rename = "SEC_ERROR_EXPIRED_CERTIFICATE")]
    ExpiredCertificate,
    /// The site's certificate is not valid yet.
    #[serde(rename = "MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE")]
    NotYetValidCertificate,
    /// An issuer (intermediate or root) has expired.
    #[serde(rename = "SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE")]
    ExpiredIssuerCertificate,
    /// An issuer is not valid yet.
    #[serde(rename = "MOZILLA_PKIX_ERROR_NOT_YET_VALID_ISSUER_CERTIFICATE")]
    NotYetValidIssuerCertificate,
    /// The name does not match.
    #[serde(rename = "SSL_ERROR_BAD_CERT_DOMAIN")]
    BadCertDomain,
    /// RSA under 1024 bits anywhere in the chain.
    #[serde(rename = "MOZILLA_PKIX_ERROR_INADEQUATE_KEY_SIZE")]
    InadequateKeySize,
    /// An elliptic curve other than P-256, P-384, P-521.
    #[serde(rename = "SEC_ERROR_UNSUPPORTED_ELLIPTIC_CURVE")]
    UnsupportedEllipticCurve,
    /// An issuer's key that is neither RSA (rsaEncryption) nor EC: Ed25519, an RSA-PSS
    /// key (id-RSASSA-PSS), DSA (`CheckSubjectPublicKeyInfoContents` in
    /// lib/mozpkix/lib/pkixcheck.cpp: `Result::ERROR_UNSUPPORTED_KEYALG`). An issuer's
    /// own properties are checked before its issuer is looked for, so this comes before
    /// `SEC_ERROR_UNKNOWN_ISSUER` (lib/mozpkix/include/pkix/pkix.h, the order of errors).
    #[serde(rename = "SEC_ERROR_UNSUPPORTED_KEYALG")]
    UnsupportedKeyalg,
    /// An elliptic curve key whose point is not in the uncompressed form
    /// (`CheckSubjectPublicKeyInfoContents` in lib/mozpkix/lib/pkixcheck.cpp:
    /// `Result::ERROR_UNSUPPORTED_EC_POINT_FORM`), the site's or an issuer's.
    #[serde(rename = "SEC_ERROR_UNSUPPORTED_EC_POINT_FORM")]
    UnsupportedEcPointForm,
    /// A certificate below the root is signed with an algorithm mozilla::pkix does not
    /// take: SHA-1, MD5, SHA-224, Ed25519, RSA-PSS with other parameters than the three
    /// the Baseline Requirements allow (`SignatureAlgorithmIdentifierValue` in
    /// lib/mozpkix/lib/pkixder.cpp).
    #[serde(rename = "SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED")]
    SignatureAlgorithmDisabled,
    /// A certificate (not a trust anchor) names another signature algorithm inside its
    /// signed part than outside it, kind or digest (`CheckSignatureAlgorithm` in
    /// lib/mozpkix/lib/pkixcheck.cpp, the first check of a certificate's own properties).
    #[serde(rename = "MOZILLA_PKIX_ERROR_SIGNATURE_ALGORITHM_MISMATCH")]
    SignatureAlgorithmMismatch,
    /// A name outside an issuer's name constraints.
    #[serde(rename = "SEC_ERROR_CERT_NOT_IN_NAME_SPACE")]
    CertNotInNameSpace,
    /// An issuer that is not a CA.
    #[serde(rename = "SEC_ERROR_CA_CERT_INVALID")]
    CaCertInvalid,
    /// A CA certificate presented as the site's own.
    #[serde(rename = "MOZILLA_PKIX_ERROR_CA_CERT_USED_AS_END_ENTITY")]
    CaCertUsedAsEndEntity,
    /// An issuer's path length constraint exceeded.
    #[serde(rename = "SEC_ERROR_PATH_LEN_CONSTRAINT_INVALID")]
    PathLenConstraintInvalid,
    /// A signature does not verify.
    #[serde(rename = "SEC_ERROR_BAD_SIGNATURE")]
    BadSignature,
    /// A certificate mozilla::pkix cannot read: here, an issuer's elliptic-curve key whose
    /// curve is written out (`CheckSubjectPublicKeyInfoContents` in
    /// lib/mozpkix/lib/pkixcheck.cpp reads the parameters as a named curve's OID only, and
    /// `der::ExpectTagAndGetValue` gives `ERROR_BAD_DER` for a SEQUENCE).
    #[serde(rename = "SEC_ERROR_BAD_DER")]
    BadDer,
    /// A serial number that is not an INTEGER in DER (`der::CertificateSerialNumber` in
    /// lib/mozpkix/include/pkix/pkixder.h, read by `BackCert::Init`): the site's
    /// certificate is refused before anything else is checked.
    #[serde(rename = "MOZILLA_PKIX_ERROR_INVALID_INTEGER_ENCODING")]
    InvalidIntegerEncoding,
    /// Not a certificate error: NSS cannot take the key out of the site's certificate
    /// (`ssl3_HandleServerSpki` in lib/ssl/ssl3con.c, `CERT_ExtractPublicKey`, whose
    /// `seckey_HasCurveOID` in lib/cryptohi/seckey.c wants a named curve), and the
    /// handshake fails before mozilla::pkix is asked.
    #[serde(rename = "SSL_ERROR_EXTRACT_PUBLIC_KEY_FAILURE")]
    ExtractPublicKeyFailure,
    /// Not a certificate error: Firefox offers TLS signatures only with RSA and ECDSA on
    /// P-256, P-384 and P-521 (`FOR_EACH_ENABLED_SIGNATURE_SCHEME`,
    /// security/manager/ssl/EnabledSignatureSchemes.h), so a server with an Ed25519 key or another
    /// curve ends the handshake after the ClientHello; NSS names a handshake_failure alert
    /// that arrives before the ServerHello so (`ssl3_HandleAlert`, lib/ssl/ssl3con.c).
    #[serde(rename = "SSL_ERROR_NO_CYPHER_OVERLAP")]
    NoCypherOverlap,
    /// Not a certificate error: a handshake message over 131,071 bytes, here the server's
    /// Certificate message with its chain (`ssl3_HandleHandshake`, lib/ssl/ssl3con.c:
    /// `MAX_HANDSHAKE_MSG_LEN`), ends the handshake as malformed.
    #[serde(rename = "SSL_ERROR_RX_MALFORMED_HANDSHAKE")]
    RxMalformedHandshake,
    /// An issuer's keyUsage lacks keyCertSign.
    #[serde(rename = "SEC_ERROR_INADEQUATE_KEY_USAGE")]
    InadequateKeyUsage,
    /// The site's extKeyUsage does not allow TLS servers.
    #[serde(rename = "SEC_ERROR_INADEQUATE_CERT_TYPE")]
    InadequateCertType,
    /// A critical extension not understood.
    #[serde(rename = "SEC_ERROR_UNKNOWN_CRITICAL_EXTENSION")]
    UnknownCriticalExtension,
    /// An extension mozilla::pkix keeps is empty (`BackCert::RememberExtension`,
    /// lib/mozpkix/lib/pkixcert.cpp), or basicConstraints does not decode
    /// (`CheckBasicConstraints`, pkixcheck.cpp).
    #[serde(rename = "SEC_ERROR_EXTENSION_VALUE_INVALID")]
    ExtensionValueInvalid,
    /// A certificate's validity dates mozilla::pkix cannot take (`ParseValidity`,
    /// lib/mozpkix/lib/pkixcheck.cpp: `ERROR_INVALID_DER_TIME`): not in the one form RFC
    /// 5280 fixes, before 1970, or a notBefore after the notAfter.
    #[serde(rename = "SEC_ERROR_INVALID_TIME")]
    InvalidTime,
}

impl FirefoxError {
    /// The name as Firefox shows it on its error page ("Error code: …").
    pub fn name(self) -> &'static str {
        match self {
            FirefoxError::UnknownIssuer => "SEC_ERROR_UNKNOWN_ISSUER",
            FirefoxError::SelfSignedCert => "MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT",
            FirefoxError::ExpiredCertificate => "SEC_ERROR_EXPIRED_CERTIFICATE",
            FirefoxError::NotYetValidCertificate => "MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE",
            FirefoxError::ExpiredIssuerCertificate => "SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE",
            FirefoxError::NotYetValidIssuerCertificate => {
                "MOZILLA_PKIX_ERROR_NOT_YET_VALID_ISSUER_CERTIFICATE"
            }
            FirefoxError::BadCertDomain => "SSL_ERROR_BAD_CERT_DOMAIN",
            FirefoxError::InadequateKeySize => "MOZILLA_PKIX_ERROR_INADEQUATE_KEY_SIZE",
            FirefoxError::UnsupportedEllipticCurve => "SEC_ERROR_UNSUPPORTED_ELLIPTIC_CURVE",
            FirefoxError::UnsupportedKeyalg => "SEC_ERROR_UNSUPPORTED_KEYALG",
            FirefoxError::UnsupportedEcPointForm => "SEC_ERROR_UNSUPPORTED_EC_POINT_FORM",
            FirefoxError::SignatureAlgorithmDisabled => {
                "SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED"
            }
            FirefoxError::SignatureAlgorithmMismatch => {
                "MOZILLA_PKIX_ERROR_SIGNATURE_ALGORITHM_MISMATCH"
            }
            FirefoxError::CertNotInNameSpace => "SEC_ERROR_CERT_NOT_IN_NAME_SPACE",
            FirefoxError::CaCertInvalid => "SEC_ERROR_CA_CERT_INVALID",
            FirefoxError::CaCertUsedAsEndEntity => "MOZILLA_PKIX_ERROR_CA_CERT_USED_AS_END_ENTITY",
            FirefoxError::PathLenConstraintInvalid => "SEC_ERROR_PATH_LEN_CONSTRAINT_INVALID",
            FirefoxError::BadSignature => "SEC_ERROR_BAD_SIGNATURE",
            FirefoxError::BadDer => "SEC_ERROR_BAD_DER",
            FirefoxError::InvalidIntegerEncoding => "MOZILLA_PKIX_ERROR_INVALID_INTEGER_ENCODING",
            FirefoxError::ExtractPublicKeyFailure => "SSL_ERROR_EXTRACT_PUBLIC_KEY_FAILURE",
            FirefoxError::NoCypherOverlap => "SSL_ERROR_NO_CYPHER_OVERLAP",
            FirefoxError::RxMalformedHandshake => "SSL_ERROR_RX_MALFORMED_HANDSHAKE",
            FirefoxError::InadequateKeyUsage => "SEC_ERROR_INADEQUATE_KEY_USAGE",
            FirefoxError::InadequateCertType => "SEC_ERROR_INADEQUATE_CERT_TYPE",
            FirefoxError::ExtensionValueInvalid => "SEC_ERROR_EXTENSION_VALUE_INVALID",
            FirefoxError::UnknownCriticalExtension => "SEC_ERROR_UNKNOWN_CRITICAL_EXTENSION",
            FirefoxError::InvalidTime => "SEC_ERROR_INVALID_TIME",
        }
    }

    /// Whether the connection fails in the TLS handshake, before mozilla::pkix is asked.
    pub fn ends_the_handshake(self) -> bool {
        matches!(
            self,
            FirefoxError::ExtractPublicKeyFailure
                | FirefoxError::NoCypherOverlap
                | FirefoxError::RxMalformedHandshake
        )
    }

    /// Whether Firefox offers "Accept the Risk and Continue" (`CategorizeCertificateError`
    /// in security/manager/ssl/SSLServerCertVerification.cpp: trust, domain and time
    /// errors), unless the site uses HSTS or is pinned.
    pub fn is_overridable(self) -> bool {
        matches!(
            self,
            FirefoxError::UnknownIssuer
                | FirefoxError::SelfSignedCert
                | FirefoxError::ExpiredCertificate
                | FirefoxError::NotYetValidCertificate
                | FirefoxError::ExpiredIssuerCertificate
                | FirefoxError::NotYetValidIssuerCertificate
                | FirefoxError::BadCertDomain
                | FirefoxError::InadequateKeySize
                | FirefoxError::SignatureAlgorithmDisabled
                | FirefoxError::CaCertInvalid
                | FirefoxError::CaCertUsedAsEndEntity
                | FirefoxError::InvalidTime
        )
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
    use super::ChromiumError::*;
    use super::*;

    #[test]
    fn chromium_ranks_as_map_cert_status_to_net_error() {
        assert_eq!(
            ChromiumError::primary(&[DateInvalid, AuthorityInvalid]),
            Some(AuthorityInvalid)
        );
        assert_eq!(
            ChromiumError::primary(&[DateInvalid, CommonNameInvalid]),
            Some(CommonNameInvalid)
        );
        assert_eq!(
            ChromiumError::primary(&[DateInvalid, WeakKey]),
            Some(WeakKey)
        );
        assert_eq!(
            ChromiumError::primary(&[ValidityTooLong, DateInvalid]),
            Some(DateInvalid)
        );
        assert_eq!(
            ChromiumError::primary(&[Invalid, AuthorityInvalid]),
            Some(Invalid)
        );
        assert_eq!(ChromiumError::primary(&[]), None);
        let mut sorted = ChromiumError::ALL;
        sorted.sort();
        assert_eq!(sorted, ChromiumError::ALL);
    }

    #[test]
    fn only_an_invalid_certificate_or_a_failed_handshake_is_fatal_in_chromium() {
        let fatal: Vec<_> = ChromiumError::ALL
            .into_iter()
            .filter(|e| e.is_fatal())
            .collect();
        assert_eq!(
            fatal,
            [
                VersionOrCipherMismatch,
                SslProtocolError,
                KeyUsageIncompatible,
                ServerCertBadFormat,
                Invalid
            ]
        );
        assert!(!FirefoxError::BadSignature.is_overridable());
        // A date it cannot parse is a time error, which the reader may override.
        assert!(FirefoxError::InvalidTime.is_overridable());
        assert!(!FirefoxError::BadDer.is_overridable());
        assert!(!FirefoxError::ExtractPublicKeyFailure.is_overridable());
        assert!(FirefoxError::UnknownIssuer.is_overridable());
    }

    #[test]
    fn a_failed_handshake_ranks_first_and_shows_its_bare_name() {
        assert_eq!(
            ChromiumError::primary(&[AuthorityInvalid, SslProtocolError, Invalid]),
            Some(SslProtocolError)
        );
        assert_eq!(SslProtocolError.as_shown(), "ERR_SSL_PROTOCOL_ERROR");
        assert_eq!(
            VersionOrCipherMismatch.as_shown(),
            "ERR_SSL_VERSION_OR_CIPHER_MISMATCH"
        );
        assert_eq!(
            KeyUsageIncompatible.as_shown(),
            "ERR_SSL_KEY_USAGE_INCOMPATIBLE"
        );
        assert_eq!(
            ServerCertBadFormat.as_shown(),
            "ERR_SSL_SERVER_CERT_BAD_FORMAT"
        );
        assert_eq!(Invalid.as_shown(), "NET::ERR_CERT_INVALID");
    }
}
