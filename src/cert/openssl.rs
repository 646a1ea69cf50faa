//! What clients built on OpenSSL say: `openssl verify`, curl and Python's `ssl` (up to 3.12,
//! and from 3.13 with OpenSSL's strict checks and partial chains on).
//!
//! Chromium fetches a missing intermediate and Firefox knows the public ones; OpenSSL does
//! neither, so a server that forgets its intermediate "works in Chrome, fails in curl".
//! The judgement (`judge`) lists every failure in the order OpenSSL 3's
//! `X509_verify_cert` raises them (crypto/x509/x509_vfy.c):
//!
//! 1. the leaf key's security level, before anything else (`X509_verify_cert` calls
//!    `check_key_level` on the leaf first: `X509_V_ERR_EE_KEY_TOO_SMALL`);
//! 2. `build_chain`: no trusted root reached (`DEPTH_ZERO_SELF_SIGNED_CERT`,
//!    `SELF_SIGNED_CERT_IN_CHAIN`, `UNABLE_TO_GET_ISSUER_CERT_LOCALLY`), or a trusted
//!    certificate that is no root without `X509_V_FLAG_PARTIAL_CHAIN`
//!    (`UNABLE_TO_GET_ISSUER_CERT`);
//! 3. `check_extensions`, leaf first, the trusted root last: an unhandled critical
//!    extension, an issuer that is no CA (`X509_check_ca`), an elliptic-curve key whose
//!    curve is written out rather than named (`check_curve`), what strict mode adds
//!    ([`Strict`]), the purpose of every certificate (TLS clients ask for `sslserver`), a
//!    path length exceeded;
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

use super::chrome_der::IntegerFault;
use super::signature::{KeyMaterial, SigAlg};

/// An `X509_V_ERR_*` result of OpenSSL's verification.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OpenSslError {
    /// 2: the issuer of a trusted certificate that is no root is in no trusted store
    /// (`build_chain` without `X509_V_FLAG_PARTIAL_CHAIN`).
    UnableToGetIssuerCert,
    /// 7: a signature does not verify with its issuer's key.
    CertSignatureFailure,
    /// 9: a certificate's notBefore is in the future.
    CertNotYetValid,
    /// 10: a certificate's notAfter has passed.
    CertHasExpired,
    /// 13: a certificate's notBefore is not written as RFC 5280 fixes it (`X509_cmp_time`).
    ErrorInCertNotBeforeField,
    /// 14: a certificate's notAfter is not written as RFC 5280 fixes it.
    ErrorInCertNotAfterField,
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
    // What only the strict mode raises (`X509_V_FLAG_X509_STRICT`, [`Strict`]):
    /// 78: the algorithm outside the signed part is not the one inside it.
    SignatureAlgorithmInconsistency,
    /// 80: a pathLenConstraint on a certificate that is no CA.
    PathlenInvalidForNonCa,
    /// 81: a pathLenConstraint without keyUsage keyCertSign.
    PathlenWithoutKuKeyCertSign,
    /// 82: keyUsage keyCertSign on a certificate that is no CA.
    KuKeyCertSignInvalidForNonCa,
    /// 83: an empty issuer name.
    IssuerNameEmpty,
    /// 84: an empty subject on a CA, on a CRL signer, or without alternative names.
    SubjectNameEmpty,
    /// 85: no authority key identifier (with a key identifier) below the chain's top.
    MissingAuthorityKeyIdentifier,
    /// 86: a CA without a subject key identifier.
    MissingSubjectKeyIdentifier,
    /// 87: a subjectAltName extension that names nothing.
    EmptySubjectAltName,
    /// 88: an empty subject and a subjectAltName not marked critical.
    EmptySubjectSanNotCritical,
    /// 89: a CA's basicConstraints not marked critical.
    CaBconsNotCritical,
    /// 90: the authority key identifier marked critical.
    AuthorityKeyIdentifierCritical,
    /// 91: the subject key identifier marked critical.
    SubjectKeyIdentifierCritical,
    /// 92: a CA without keyUsage.
    CaCertMissingKeyUsage,
    /// 93: extensions in a certificate of version 1 or 2.
    ExtensionsRequireVersion3,
    // Not only in strict mode:
    /// 94: a key on an elliptic curve given by its parameters, not by name (`check_curve`,
    /// for every certificate of a chain of two or more).
    EcKeyExplicitParams,
}

impl OpenSslError {
    /// The `X509_V_ERR_*` number.
    pub fn code(self) -> u32 {
        match self {
            OpenSslError::UnableToGetIssuerCert => 2,
            OpenSslError::CertSignatureFailure => 7,
            OpenSslError::CertNotYetValid => 9,
            OpenSslError::CertHasExpired => 10,
            OpenSslError::ErrorInCertNotBeforeField => 13,
            OpenSslError::ErrorInCertNotAfterField => 14,
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
            OpenSslError::SignatureAlgorithmInconsistency => 78,
            OpenSslError::PathlenInvalidForNonCa => 80,
            OpenSslError::PathlenWithoutKuKeyCertSign => 81,
            OpenSslError::KuKeyCertSignInvalidForNonCa => 82,
            OpenSslError::IssuerNameEmpty => 83,
            OpenSslError::SubjectNameEmpty => 84,
            OpenSslError::MissingAuthorityKeyIdentifier => 85,
            OpenSslError::MissingSubjectKeyIdentifier => 86,
            OpenSslError::EmptySubjectAltName => 87,
            OpenSslError::EmptySubjectSanNotCritical => 88,
            OpenSslError::CaBconsNotCritical => 89,
            OpenSslError::AuthorityKeyIdentifierCritical => 90,
            OpenSslError::SubjectKeyIdentifierCritical => 91,
            OpenSslError::CaCertMissingKeyUsage => 92,
            OpenSslError::ExtensionsRequireVersion3 => 93,
            OpenSslError::EcKeyExplicitParams => 94,
        }
    }

    /// `X509_verify_cert_error_string` (crypto/x509/x509_txt.c, OpenSSL 3.0).
    pub fn text(self) -> &'static str {
        match self {
            OpenSslError::UnableToGetIssuerCert => "unable to get issuer certificate",
            OpenSslError::CertSignatureFailure => "certificate signature failure",
            OpenSslError::CertNotYetValid => "certificate is not yet valid",
            OpenSslError::CertHasExpired => "certificate has expired",
            OpenSslError::ErrorInCertNotBeforeField => {
                "format error in certificate's notBefore field"
            }
            OpenSslError::ErrorInCertNotAfterField => {
                "format error in certificate's notAfter field"
            }
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
            OpenSslError::SignatureAlgorithmInconsistency => {
                "cert info signature and signature algorithm mismatch"
            }
            OpenSslError::PathlenInvalidForNonCa => "Path length invalid for non-CA cert",
            OpenSslError::PathlenWithoutKuKeyCertSign => {
                "Path length given without key usage keyCertSign"
            }
            OpenSslError::KuKeyCertSignInvalidForNonCa => {
                "Key usage keyCertSign invalid for non-CA cert"
            }
            OpenSslError::IssuerNameEmpty => "Issuer name empty",
            OpenSslError::SubjectNameEmpty => "Subject name empty",
            OpenSslError::MissingAuthorityKeyIdentifier => "Missing Authority Key Identifier",
            OpenSslError::MissingSubjectKeyIdentifier => "Missing Subject Key Identifier",
            OpenSslError::EmptySubjectAltName => "Empty Subject Alternative Name extension",
            OpenSslError::EmptySubjectSanNotCritical => {
                "Subject empty and Subject Alt Name extension not critical"
            }
            OpenSslError::CaBconsNotCritical => "Basic Constraints of CA cert not marked critical",
            OpenSslError::AuthorityKeyIdentifierCritical => {
                "Authority Key Identifier marked critical"
            }
            OpenSslError::SubjectKeyIdentifierCritical => "Subject Key Identifier marked critical",
            OpenSslError::CaCertMissingKeyUsage => "CA cert does not include key usage extension",
            OpenSslError::ExtensionsRequireVersion3 => {
                "Using cert extension requires at least X509v3"
            }
            OpenSslError::EcKeyExplicitParams => {
                "Certificate public key has explicit ECC parameters"
            }
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
    /// A trusted certificate that is no root (a custom anchor not self-signed): without
    /// `X509_V_FLAG_PARTIAL_CHAIN` (`build_chain`), which Python 3.13 and later set, it
    /// does not end the chain.
    PartialChain,
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
    /// What `check_extensions` checks only in strict mode (`X509_V_FLAG_X509_STRICT`,
    /// [`Strict`]), as Python 3.13 and later ask for.
    Strict,
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

/// Why OpenSSL cannot decode a certificate (`d2i_X509`), as the first error of its queue
/// names it (crypto/asn1/asn1_err.c). It reads the signed part's fields in order: the serial
/// number, then the issuer's name, then the subject's; each name's values as it decodes
/// them (`ASN1_PRINTABLE`, crypto/asn1/tasn_dec.c), then as it turns them into UTF-8 to
/// compare them (`x509_name_canon`, crypto/x509/x_name.c). Compared with OpenSSL 3.0.19
/// (`openssl x509`, and curl against a server sending such a certificate).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DecodeFault {
    /// The serial number has a leading octet that adds nothing (`c2i_ibuf`,
    /// crypto/asn1/a_int.c).
    IllegalPadding,
    /// The serial number has no octet.
    IllegalZeroContent,
    /// A name's value is of a universal type `X509_NAME` does not take (`ASN1_tag2bit`
    /// against `B_ASN1_PRINTABLE`: not VisibleString, GraphicString, GeneralString,
    /// VideotexString, a time, a number, an OCTET STRING or an OID).
    MstringWrongTag,
    /// An attribute type that is no well-formed object identifier (empty, a subidentifier
    /// starting with 0x80, or a last octet with its top bit set: `c2i_ASN1_OBJECT`,
    /// crypto/asn1/a_object.c).
    InvalidObjectEncoding,
    /// A name's value has a tag of another class than the universal one.
    MstringNotUniversal,
    /// A name's value tagged SEQUENCE but written as a primitive (`asn1_d2i_ex_primitive`).
    TypeNotConstructed,
    /// A BIT STRING value with no octet (`c2i_ASN1_BIT_STRING`, crypto/asn1/a_bitstr.c).
    StringTooShort,
    /// A BIT STRING value that says it leaves more than seven bits unused.
    InvalidBitStringBitsLeft,
    /// A BMPString of an odd number of octets (`asn1_ex_c2i`).
    BmpstringIsWrongLength,
    /// A UniversalString whose length is not a multiple of four.
    UniversalstringIsWrongLength,
    /// A UTF8String that is not UTF-8 (`ASN1_STRING_to_UTF8`, crypto/asn1/a_mbstr.c).
    InvalidUtf8string,
    /// A BMPString or UniversalString holding a surrogate or a code beyond U+10FFFF
    /// (`UTF8_putc`, crypto/asn1/a_utf8.c).
    IllegalCharacters,
}

impl DecodeFault {
    /// The error as `ERR_error_string_n` writes it (what curl prints after the library).
    pub fn error(self) -> &'static str {
        match self {
            DecodeFault::IllegalPadding => "error:068000DD:asn1 encoding routines::illegal padding",
            DecodeFault::IllegalZeroContent => {
                "error:068000DE:asn1 encoding routines::illegal zero content"
            }
            DecodeFault::MstringWrongTag => {
                "error:0680008C:asn1 encoding routines::mstring wrong tag"
            }
            DecodeFault::MstringNotUniversal => {
                "error:0680008B:asn1 encoding routines::mstring not universal"
            }
            DecodeFault::InvalidObjectEncoding => {
                "error:068000D8:asn1 encoding routines::invalid object encoding"
            }
            DecodeFault::TypeNotConstructed => {
                "error:0680009C:asn1 encoding routines::type not constructed"
            }
            DecodeFault::StringTooShort => {
                "error:06800098:asn1 encoding routines::string too short"
            }
            DecodeFault::InvalidBitStringBitsLeft => {
                "error:068000DC:asn1 encoding routines::invalid bit string bits left"
            }
            DecodeFault::BmpstringIsWrongLength => {
                "error:068000D6:asn1 encoding routines::bmpstring is wrong length"
            }
            DecodeFault::UniversalstringIsWrongLength => {
                "error:068000D7:asn1 encoding routines::universalstring is wrong length"
            }
            DecodeFault::InvalidUtf8string => {
                "error:06800086:asn1 encoding routines::invalid utf8string"
            }
            DecodeFault::IllegalCharacters => {
                "error:0680007C:asn1 encoding routines::illegal characters"
            }
        }
    }

    /// The fault of a serial number not in DER.
    pub(crate) fn of_serial(fault: IntegerFault) -> DecodeFault {
        match fault {
            IntegerFault::Padded => DecodeFault::IllegalPadding,
            IntegerFault::Empty => DecodeFault::IllegalZeroContent,
        }
    }

    /// Whether it lies in a name (not in the serial number).
    pub fn in_a_name(self) -> bool {
        !matches!(
            self,
            DecodeFault::IllegalPadding | DecodeFault::IllegalZeroContent
        )
    }
}

/// Why an OpenSSL-based TLS client ends the handshake before it verifies anything: not an
/// `X509_V_ERR_*`. curl prints error 35 (`CURLE_SSL_CONNECT_ERROR`) with the first error of
/// OpenSSL's queue (`ossl_strerror`, lib/vtls/openssl.c), after the library's name and
/// version, which vary with the machine: written here as `OpenSSL/3.x.y`. Python's `ssl`
/// raises `SSLError` with the last one (Modules/_ssl.c `fill_and_set_sslerror`: the
/// library's reason in brackets, then its text; Python adds where in _ssl.c it raised).
/// curl 7.88 and Python 3.11 on OpenSSL 3.0.19: tests/cert_openssl_clients.rs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpenSslHandshakeError {
    /// The server's Certificate message is longer than the client's `max_cert_list`
    /// (`ossl_statem_client_max_message_size`, ssl/statem/statem_clnt.c), 102,400 bytes
    /// unless the program sets another (`SSL_MAX_CERT_LIST_DEFAULT`, include/openssl/ssl.h),
    /// which neither curl nor Python does: `SSL_R_EXCESSIVE_MESSAGE_SIZE`, error 0A000098.
    /// Against `openssl s_server` serving a certificate of 138,375 bytes. `openssl verify`
    /// reads files and still verifies.
    ExcessiveMessageSize,
    /// A certificate of the chain the server sends that OpenSSL cannot decode
    /// ([`DecodeFault`]): `d2i_X509` fails in `tls_process_server_certificate`
    /// (ssl/statem/statem_clnt.c), and the client sends a bad_certificate alert
    /// (`ERR_R_ASN1_LIB`). `openssl verify` cannot load the file either (apps/lib/apps.c,
    /// `load_key_certs_crls`). Against a server that sends the certificate's bytes as they
    /// are (tlslite-ng: OpenSSL's own server cannot load it).
    Undecodable {
        /// Its place in the chain, the site's being 0.
        depth: usize,
        /// What OpenSSL meets in it first.
        fault: DecodeFault,
        /// Another certificate of the chain below the root decodes (`openssl verify`
        /// then goes on without this one).
        others_read: bool,
    },
}

impl OpenSslHandshakeError {
    /// What curl prints.
    pub fn curl_says(self) -> String {
        let error = match self {
            OpenSslHandshakeError::ExcessiveMessageSize => {
                "error:0A000098:SSL routines::excessive message size"
            }
            OpenSslHandshakeError::Undecodable { fault, .. } => fault.error(),
        };
        format!("curl: (35) OpenSSL/3.x.y: {error}")
    }

    /// What Python's `ssl` raises.
    pub fn python_says(self) -> &'static str {
        match self {
            OpenSslHandshakeError::ExcessiveMessageSize => {
                "[SSL: EXCESSIVE_MESSAGE_SIZE] excessive message size"
            }
            OpenSslHandshakeError::Undecodable { .. } => "[SSL] ASN1 lib",
        }
    }

    /// What `openssl verify` prints first when it cannot load a file (OpenSSL 3.0,
    /// apps/lib/apps.c `load_key_certs_crls`): the site's certificate read from `site.pem`,
    /// the others (`-untrusted`) from `chain.pem`. A certificate of `chain.pem` it cannot
    /// decode is skipped, and the file fails only when none decodes; otherwise the chain
    /// stops below the one skipped (error 20). `None` when it verifies.
    pub fn openssl_verify_says(self) -> Option<String> {
        match self {
            OpenSslHandshakeError::ExcessiveMessageSize => None,
            OpenSslHandshakeError::Undecodable { depth: 0, .. } => {
                Some("Could not read certificate file from site.pem".to_owned())
            }
            OpenSslHandshakeError::Undecodable {
                others_read: false, ..
            } => Some("Could not read any untrusted certificates from chain.pem".to_owned()),
            OpenSslHandshakeError::Undecodable { depth, .. } => Some(format!(
                "error 20 at {} depth lookup: {}",
                depth.saturating_sub(1),
                OpenSslError::UnableToGetIssuerCertLocally.text()
            )),
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
    /// Python's `ssl` with `create_default_context()` (Modules/_ssl.c), 3.10 to 3.12:
    /// OpenSSL checks the host too (`check_hostname`; an address as an address,
    /// `_ssl_configure_hostname` with `X509_VERIFY_PARAM_set1_ip`), purpose `sslserver`,
    /// security level 2.
    Python,
    /// The same from Python 3.13, whose `create_default_context` (Lib/ssl.py) also sets
    /// `VERIFY_X509_STRICT` and `VERIFY_X509_PARTIAL_CHAIN`: OpenSSL's strict checks
    /// ([`Strict`]) come on. (A partial chain changes nothing where the trusted
    /// certificates are roots, as in the system's store.)
    PythonStrict,
}

impl Client {
    /// Every client, in the order the page lists them.
    pub const ALL: [Client; 4] = [
        Client::OpensslVerify,
        Client::Curl,
        Client::Python,
        Client::PythonStrict,
    ];

    /// The first failure this client reports, if any, from the judgement's list.
    pub fn first_failure(self, failures: &[OpenSslFailure]) -> Option<OpenSslFailure> {
        failures.iter().copied().find(|f| match self {
            Client::OpensslVerify => !matches!(
                f.check,
                OpenSslCheck::SecurityLevel | OpenSslCheck::Purpose | OpenSslCheck::Strict
            ),
            Client::Curl => !matches!(f.check, OpenSslCheck::Host | OpenSslCheck::Strict),
            Client::Python => f.check != OpenSslCheck::Strict,
            Client::PythonStrict => f.check != OpenSslCheck::PartialChain,
        })
    }

    /// Why this client stops before it verifies anything for `report`, if it does: a TLS
    /// client at the end of its handshake ([`OpenSslHandshakeError`]); `openssl verify`
    /// only where it cannot load a file.
    pub fn stopped_by(self, report: &super::Report) -> Option<OpenSslHandshakeError> {
        report
            .openssl_handshake
            .filter(|e| self != Client::OpensslVerify || e.openssl_verify_says().is_some())
    }

    /// What the client prints for `report`: where it stops before it verifies anything
    /// ([`Client::stopped_by`]), that, otherwise [`Client::says`].
    pub fn says_for(
        self,
        report: &super::Report,
        host: Option<&str>,
        leaf: &LeafNames<'_>,
    ) -> Option<String> {
        match (self, self.stopped_by(report)) {
            (_, None) => self.says(&report.openssl, host, leaf),
            (Client::OpensslVerify, Some(e)) => e.openssl_verify_says(),
            (Client::Curl, Some(e)) => Some(e.curl_says()),
            (Client::Python | Client::PythonStrict, Some(e)) => Some(e.python_says().to_owned()),
        }
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
            (Client::Python | Client::PythonStrict, Some(f))
                if f.error == OpenSslError::HostnameMismatch =>
            {
                Some(format!(
                    "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, certificate is not valid for '{}'.",
                    host.unwrap_or_default()
                ))
            }
            // Modules/_ssl.c, `fill_and_set_sslerror`: "IP address mismatch, certificate is
            // not valid for '%S'." when the peer was asked for by address.
            (Client::Python | Client::PythonStrict, Some(f))
                if f.error == OpenSslError::IpAddressMismatch =>
            {
                Some(format!(
                    "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: IP address mismatch, certificate is not valid for '{}'.",
                    host.unwrap_or_default()
                ))
            }
            (Client::Python | Client::PythonStrict, Some(f)) => Some(format!(
                "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: {}",
                f.error.text()
            )),
            (_, None) => None,
        }
    }
}

/// What OpenSSL's strict mode (`X509_V_FLAG_X509_STRICT`, on in Python 3.13 and later)
/// reads of one certificate, taken when it is parsed: the facts behind the checks
/// `check_extensions` adds in that mode (crypto/x509/x509_vfy.c, OpenSSL 3.0), and behind
/// `X509_check_ca` (crypto/x509/v3_purp.c `check_ca`), which the mode reads more strictly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Strict {
    /// The version field says 3 or more.
    pub version3: bool,
    /// The version field says 1 (`EXFLAG_V1`).
    pub version1: bool,
    /// The certificate carries extensions.
    pub extensions: bool,
    /// basicConstraints: cA, marked critical, a pathLenConstraint given.
    pub basic_constraints: Option<(bool, bool, bool)>,
    /// keyUsage: keyCertSign, cRLSign.
    pub key_usage: Option<(bool, bool)>,
    /// The subject is its issuer (as `chain::names_equal` compares names, near OpenSSL's
    /// `X509_NAME_cmp` of canonical forms).
    pub self_issued: bool,
    /// Self-signed as OpenSSL reads it before checking any signature (`EXFLAG_SS`):
    /// self-issued, and its authority key identifier, if any, names its own subject key
    /// identifier (`X509_check_akid`; its issuer-and-serial form, and `check_sig_alg_match`
    /// between the signature algorithm and the key, are not read here).
    pub self_signed: bool,
    /// extKeyUsage, when present: whether it allows a TLS server (serverAuth, or one of
    /// the Server Gated Cryptography purposes OpenSSL still counts; anyExtendedKeyUsage
    /// does not).
    pub server_eku: Option<bool>,
    /// keyUsage, when present: whether it allows a TLS server's key (digitalSignature,
    /// keyEncipherment or keyAgreement, OpenSSL's `KU_TLS`).
    pub tls_key_usage: Option<bool>,
    /// The issuer name holds no attribute.
    pub issuer_empty: bool,
    /// The subject name holds no attribute.
    pub subject_empty: bool,
    /// subjectAltName: marked critical, how many names.
    pub alt_names: Option<(bool, usize)>,
    /// The signature algorithm outside the signed part is written as the one inside
    /// (the same OID, and parameters both absent or the same): `X509_verify` asks it before any
    /// signature is checked (error 7 when not), strict mode of every certificate (error 78).
    pub algorithms_agree: bool,
    /// authorityKeyIdentifier: marked critical, holds a key identifier.
    pub authority_key_id: Option<(bool, bool)>,
    /// subjectKeyIdentifier: marked critical.
    pub subject_key_id: Option<bool>,
    /// The key is an elliptic-curve key whose curve is written out (ECParameters'
    /// specifiedCurve, RFC 3279 section 2.3.5) rather than named; OpenSSL's `check_curve`
    /// refuses it in any chain of two or more, strict mode or not.
    pub explicit_curve: bool,
}

impl Strict {
    /// The facts of a parsed certificate; `self_issued`: whether its subject is its issuer,
    /// as the caller compared them (`chain::names_equal`).
    pub(crate) fn of(
        cert: &x509_parser::certificate::X509Certificate<'_>,
        self_issued: bool,
    ) -> Strict {
        use x509_parser::extensions::ParsedExtension as P;
        let tbs = &cert.tbs_certificate;
        let mut facts = Strict {
            version3: tbs.version.0 >= 2,
            version1: tbs.version.0 == 0,
            extensions: !tbs.extensions().is_empty(),
            self_issued,
            issuer_empty: tbs.issuer.iter_attributes().next().is_none(),
            subject_empty: tbs.subject.iter_attributes().next().is_none(),
            algorithms_agree: super::fields::same_algorithm_fields(
                &cert.signature_algorithm,
                &tbs.signature,
            ),
            explicit_curve: super::fields::explicit_curve(&tbs.subject_pki),
            ..Strict::default()
        };
        let (mut aki_key, mut ski_key) = (None, None);
        for ext in tbs.extensions() {
            // keyUsage as OpenSSL reads its bytes, whether x509-parser decodes them or not;
            // one it cannot read is not there for it (`EXFLAG_KUSAGE` unset), and makes the
            // certificate invalid (`KeyUsageRead::names_a_use`).
            if ext.oid == x509_parser::oid_registry::OID_X509_EXT_KEY_USAGE {
                use super::fields::{self as f, KeyUsageRead};
                if let KeyUsageRead::Bits(bits) = KeyUsageRead::openssl(ext.value) {
                    let has = |use_bits: u16| bits & use_bits != 0;
                    facts.key_usage = Some((has(f::KEY_CERT_SIGN), has(f::CRL_SIGN)));
                    facts.tls_key_usage = Some(has(f::DIGITAL_SIGNATURE
                        | f::KEY_ENCIPHERMENT
                        | f::KEY_AGREEMENT));
                }
                continue;
            }
            match ext.parsed_extension() {
                P::BasicConstraints(bc) => {
                    facts.basic_constraints =
                        Some((bc.ca, ext.critical, bc.path_len_constraint.is_some()));
                }
                P::ExtendedKeyUsage(eku) => {
                    // Netscape's and Microsoft's Server Gated Cryptography (XKU_SGC).
                    let sgc = eku.other.iter().any(|o| {
                        let dotted = o.to_id_string();
                        dotted == "2.16.840.1.113730.4.1" || dotted == "1.3.6.1.4.1.311.10.3.3"
                    });
                    facts.server_eku = Some(eku.server_auth || sgc);
                }
                P::SubjectAlternativeName(san) => {
                    facts.alt_names = Some((ext.critical, san.general_names.len()));
                }
                P::AuthorityKeyIdentifier(aki) => {
                    facts.authority_key_id = Some((ext.critical, aki.key_identifier.is_some()));
                    aki_key = aki.key_identifier.as_ref().map(|k| k.0);
                }
                P::SubjectKeyIdentifier(ski) => {
                    facts.subject_key_id = Some(ext.critical);
                    ski_key = Some(ski.0);
                }
                _ => {}
            }
        }
        let own_key_id = match (aki_key, ski_key) {
            (Some(a), Some(s)) => a == s,
            _ => true,
        };
        facts.self_signed = facts.self_issued && own_key_id;
        facts
    }

    /// What `check_purpose` with `sslserver` finds at `depth` (crypto/x509/v3_purp.c
    /// `check_purpose_ssl_server`): an extKeyUsage without serverAuth refuses any
    /// certificate of the chain, a keyUsage without a TLS key use refuses the leaf.
    pub fn refuses_tls_server(&self, depth: usize) -> bool {
        self.server_eku == Some(false) || (depth == 0 && self.tls_key_usage == Some(false))
    }

    /// Whether basicConstraints says cA.
    fn ca(&self) -> bool {
        self.basic_constraints.is_some_and(|(ca, _, _)| ca)
    }

    /// `X509_check_ca`: 0 no CA, 1 a CA by basicConstraints, 3 a version 1 root, 4 a
    /// keyUsage allowing keyCertSign without basicConstraints (the Netscape types, 5, are
    /// not read here).
    fn check_ca(&self) -> u8 {
        if self.key_usage.is_some_and(|(cert_sign, _)| !cert_sign) {
            0
        } else if let Some((ca, _, _)) = self.basic_constraints {
            u8::from(ca)
        } else if self.version1 && self.self_signed {
            3
        } else if self.key_usage.is_some() {
            4
        } else {
            0
        }
    }

    /// Whether OpenSSL refuses this certificate as an issuer at `depth` (> 0) of a chain of
    /// `len` without strict mode (`check_extensions`, `must_be_ca` 1): no CA at all, or
    /// below the top a CA other than by basicConstraints (a keyUsage alone, a version 1
    /// root), which the top may be.
    pub fn invalid_issuer(&self, depth: usize, len: usize) -> bool {
        let check_ca = self.check_ca();
        depth > 0 && (check_ca == 0 || (depth.saturating_add(1) < len && check_ca != 1))
    }

    /// What strict mode adds for this certificate at `depth` of a chain of `len`
    /// (the trusted root counted, even from the store), in `check_extensions`' order:
    /// `X509_check_ca` read strictly (a leaf must be a CA by basicConstraints or no CA at
    /// all, every issuer a CA by basicConstraints, the chain's top too), then the checks
    /// of RFC 5280 it cites, which apply only to chains of two or more. `already_invalid`:
    /// the ordinary reading raised `X509_V_ERR_INVALID_CA` here already.
    pub fn failures(&self, depth: usize, len: usize, already_invalid: bool) -> Vec<OpenSslError> {
        use OpenSslError as O;
        let mut out = Vec::new();
        let check_ca = self.check_ca();
        let invalid_ca = if depth == 0 {
            check_ca > 1
        } else {
            check_ca != 1
        };
        if invalid_ca && !already_invalid {
            out.push(O::InvalidCa);
        }
        if len < 2 {
            return out;
        }
        let ca = self.ca();
        let (cert_sign, crl_sign) = self.key_usage.unwrap_or((false, false));
        if self
            .basic_constraints
            .is_some_and(|(_, _, path_len)| path_len)
        {
            if !ca {
                out.push(O::PathlenInvalidForNonCa);
            }
            if !cert_sign {
                out.push(O::PathlenWithoutKuKeyCertSign);
            }
        }
        if self
            .basic_constraints
            .is_some_and(|(ca, critical, _)| ca && !critical)
        {
            out.push(O::CaBconsNotCritical);
        }
        if ca && self.key_usage.is_none() {
            out.push(O::CaCertMissingKeyUsage);
        } else if !ca && cert_sign {
            out.push(O::KuKeyCertSignInvalidForNonCa);
        }
        if self.issuer_empty {
            out.push(O::IssuerNameEmpty);
        }
        if self.subject_empty && (ca || crl_sign || self.alt_names.is_none()) {
            out.push(O::SubjectNameEmpty);
        }
        if self.subject_empty && self.alt_names.is_some_and(|(critical, _)| !critical) {
            out.push(O::EmptySubjectSanNotCritical);
        }
        if self.alt_names.is_some_and(|(_, names)| names == 0) {
            out.push(O::EmptySubjectAltName);
        }
        if !self.algorithms_agree {
            out.push(O::SignatureAlgorithmInconsistency);
        }
        if self.authority_key_id.is_some_and(|(critical, _)| critical) {
            out.push(O::AuthorityKeyIdentifierCritical);
        }
        if self.subject_key_id == Some(true) {
            out.push(O::SubjectKeyIdentifierCritical);
        }
        if self.version3 {
            let below_top = depth.saturating_add(1) < len;
            if below_top && !self.authority_key_id.is_some_and(|(_, key_id)| key_id) {
                out.push(O::MissingAuthorityKeyIdentifier);
            }
            if ca && self.subject_key_id.is_none() {
                out.push(O::MissingSubjectKeyIdentifier);
            }
        } else if self.extensions {
            out.push(O::ExtensionsRequireVersion3);
        }
        out
    }
}

/// Whether OpenSSL takes `issuer_key` as the kind of key that makes a signature of `alg`
/// (`check_sig_alg_match`, crypto/x509/v3_purp.c: the key type the algorithm's OID names,
/// `OBJ_find_sigid_algs`): RSA PKCS#1 v1.5 from an rsaEncryption key only, RSA-PSS from
/// that or an RSA-PSS key, ECDSA from an EC key, Ed25519 from an Ed25519 key. `None` where
/// this engine cannot tell (an algorithm or a key kind it does not know, which OpenSSL
/// may: DSA, Ed448).
pub(crate) fn key_fits(alg: &SigAlg, issuer_key: &KeyMaterial) -> Option<bool> {
    match (alg, issuer_key) {
        (SigAlg::Other, _) | (_, KeyMaterial::Other) => None,
        (SigAlg::RsaPkcs1(_), key) => Some(matches!(key, KeyMaterial::Rsa { pss: false, .. })),
        (SigAlg::RsaPss { .. }, key) => Some(matches!(key, KeyMaterial::Rsa { .. })),
        (SigAlg::Ecdsa(_), key) => Some(matches!(key, KeyMaterial::Ec { .. })),
        (SigAlg::Ed25519, key) => Some(matches!(key, KeyMaterial::Ed25519(_))),
    }
}

#[cfg(test)]
mod tests {
    use super::{OpenSslError as O, Strict};

    /// A CA as OpenSSL wants it in strict mode: version 3, critical basicConstraints,
    /// keyUsage with keyCertSign, both key identifiers.
    fn ca() -> Strict {
        Strict {
            version3: true,
            extensions: true,
            basic_constraints: Some((true, true, false)),
            key_usage: Some((true, true)),
            algorithms_agree: true,
            authority_key_id: Some((false, true)),
            subject_key_id: Some(false),
            ..Strict::default()
        }
    }

    #[test]
    fn a_root_by_key_usage_alone_may_top_a_chain_only_outside_strict_mode() {
        // X509_check_ca gives 4: keyUsage keyCertSign, no basicConstraints.
        let by_key_usage = Strict {
            basic_constraints: None,
            ..ca()
        };
        assert!(!by_key_usage.invalid_issuer(2, 3), "the top");
        assert!(by_key_usage.invalid_issuer(1, 3), "below the top");
        assert_eq!(
            by_key_usage.failures(2, 3, false).first(),
            Some(&O::InvalidCa)
        );
        assert_eq!(ca().failures(2, 3, false), vec![]);
    }

    #[test]
    fn strict_mode_wants_key_identifiers_below_the_top_and_on_every_ca() {
        let no_aki = Strict {
            authority_key_id: None,
            ..ca()
        };
        assert_eq!(
            no_aki.failures(1, 3, false),
            vec![O::MissingAuthorityKeyIdentifier]
        );
        assert_eq!(no_aki.failures(2, 3, false), vec![], "the top needs none");
        let no_ski = Strict {
            subject_key_id: None,
            ..ca()
        };
        assert_eq!(
            no_ski.failures(2, 3, false),
            vec![O::MissingSubjectKeyIdentifier]
        );
        // A chain of one is not read by the strict block.
        assert_eq!(no_ski.failures(0, 1, false), vec![]);
    }
}
