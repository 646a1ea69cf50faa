//! What the engine finds: typed findings with their context as data, never as sentences.
//!
//! A [`Finding`] is a [`FindingKind`] (what was found, with the names, numbers and
//! indices that make it specific, as rustls's `CertificateError` carries its context),
//! plus where it applies and what it does to the verdict. The words are made at the
//! edge: the page fills a locale text per [`Code`] with the kind's fields, `inspect`
//! does the same in English. Nothing here is English prose, so nothing English crosses
//! the worker boundary, and no code reads back a string it wrote.
//!
//! [`Code`] is the stable, serialised key of each kind (`missing_intermediate`…): the
//! page's locale keys and `inspect`'s JSON use it, and it is never renamed.

use serde::{Deserialize, Serialize};

use super::browsers::ChromiumError;
use super::time::UnixTime;

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Makes a browser refuse or warn (the finding's `error` names how).
    Error,
    /// Worth knowing; a browser would still accept.
    Warning,
    /// Background the page may show.
    Info,
}

/// Declares [`Code`] with its stable keys, [`Code::ALL`] and [`Code::key`] in one place.
macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $key:literal,)*) => {
        /// The kind of every finding, as a stable key (serialised in `snake_case`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Code {
            $($(#[$doc])* #[serde(rename = $key)] $variant,)*
        }

        impl Code {
            /// All codes, for checking that every one has words and a test.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable key (`missing_intermediate`…), as serialised.
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
    /// The input held more blocks or certificates than one analysis reads; the rest was not.
    ReadingStopped = "reading_stopped",
    /// More input findings of one kind than are listed one by one: the rest are counted.
    MoreOfTheSame = "more_of_the_same",
    /// A PEM block of another kind (request, CRL, public key…) was recognised and skipped.
    OtherPemBlock = "other_pem_block",
    /// Base64 without BEGIN/END lines was read as a certificate body.
    PemHeadersMissing = "pem_headers_missing",
    /// A BEGIN line without its END line.
    PemMissingEnd = "pem_missing_end",
    /// The END label differs from the BEGIN label.
    PemLabelMismatch = "pem_label_mismatch",
    /// The body of a PEM block is not valid base64.
    PemBadBase64 = "pem_bad_base64",
    /// A certificate signing request or revocation list was read (shown on its own).
    DocumentRead = "document_read",
    /// A block labelled as a request or revocation list does not read as one.
    DocumentUnreadable = "document_unreadable",
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
    /// The chain ends at (or needs) a root that Mozilla once trusted and removed.
    RootRemovedFromMozilla = "root_removed_from_mozilla",
    /// The chain needs a root that Mozilla's NSS still trusts but the embedded set lacks.
    RootNotEmbedded = "root_not_embedded",
    /// A root, or an intermediate, was pasted alone: it is an authority, not a site.
    AuthorityAlone = "authority_alone",
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
    /// The input asked for more signature work than one analysis does; some were left.
    SignatureWorkCapped = "signature_work_capped",
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
    /// Dates Chrome reads and Firefox refuses.
    DatesRefusedByFirefox = "dates_refused_by_firefox",
    /// The trust anchor's own certificate is out of date (anchors carry no dates).
    AnchorCertificateOutOfDate = "anchor_certificate_out_of_date",
    /// A publicly trusted leaf is valid for longer than Chromium allows for its issue date.
    ValidityTooLong = "validity_too_long",
    // --- algorithms ------------------------------------------------------------------
    /// SHA-1 or MD5 signs a certificate below the trust anchor.
    WeakSignatureAlgorithm = "weak_signature_algorithm",
    /// Another algorithm Chromium does not take signs a certificate below the trust anchor:
    /// SHA-224, Ed25519, RSA-PSS with parameters other than TLS 1.3's, DSA, GOST…
    SignatureAlgorithmRefused = "signature_algorithm_refused",
    /// The certificate names two signature algorithms, outside its signed part and inside
    /// it (RFC 5280 sections 4.1.1.2 and 4.1.2.3 require the same one).
    SignatureAlgorithmMismatch = "signature_algorithm_mismatch",
    /// The same signature algorithm is written differently outside the signed part and
    /// inside it (with NULL parameters and without): browsers take it, OpenSSL does not.
    SignatureAlgorithmWrittenApart = "signature_algorithm_written_apart",
    /// A signature algorithm Chromium takes is written with parameters it does not read
    /// (ECDSA with NULL parameters, RFC 5758 section 3.2 wants none).
    SignatureAlgorithmParameters = "signature_algorithm_parameters",
    /// A public key browsers refuse anywhere in the chain: RSA under 1024 bits.
    WeakKey = "weak_key",
    /// An authority's key of a kind browsers do not read: neither RSA (rsaEncryption)
    /// nor EC on P-256, P-384 or P-521 (Ed25519, an RSA-PSS key, another curve, DSA).
    AuthorityKeyRefused = "authority_key_refused",
    /// An elliptic-curve key whose curve is written out by its parameters, not named
    /// (RFC 5480 section 2.1.1 allows only named curves): browsers cannot read it.
    ExplicitCurve = "explicit_curve",
    /// The site's key is one browsers offer no TLS signature for (Chrome: only RSA and
    /// ECDSA on P-256 and P-384; Firefox also P-521): the handshake fails before the
    /// certificate is looked at.
    LeafKeyNotNegotiable = "leaf_key_not_negotiable",
    /// The site's certificate has keyUsage without digitalSignature: in TLS 1.3 the key
    /// must sign, and Chrome ends the handshake before the certificate is verified.
    LeafKeyUsageNotForSigning = "leaf_key_usage_not_for_signing",
    /// The site's keyUsage is not written as DER requires, so the browsers cannot read
    /// it: Chrome ends the handshake, Firefox allows the key no use.
    LeafKeyUsageUnreadable = "leaf_key_usage_unreadable",
    // --- host name -------------------------------------------------------------------
    /// The host name matches none of the leaf's names.
    HostMismatch = "host_mismatch",
    /// Only the subject common name (which browsers ignore) would have matched.
    HostMatchesOnlyCommonName = "host_matches_only_common_name",
    /// A wildcard name would match, but it sits right under a public suffix (`*.co.jp`).
    WildcardUnderPublicSuffix = "wildcard_under_public_suffix",
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
    /// The leaf carries fewer embedded SCTs than Chrome's CT policy asks for its lifetime.
    TooFewScts = "too_few_scts",
    /// An embedded SCT's signature does not verify with its log's key: it counts for
    /// nothing.
    SctSignatureInvalid = "sct_signature_invalid",
    /// An extension could not be decoded.
    ExtensionUnparsable = "extension_unparsable",
    /// Chrome's verifier cannot read the certificate around its extensions.
    CertificateFrameInvalid = "certificate_frame_invalid",
    /// The chain is too large for Chrome's TLS handshake.
    ChainTooLargeForHandshake = "chain_too_large_for_handshake",
    /// The certificate is too large for Firefox to read.
    TooLargeForFirefox = "too_large_for_firefox",
    /// A pathLenConstraint over 127, which Firefox does not read.
    PathLenBeyondFirefox = "path_len_beyond_firefox",
    /// A serial number not in DER, which Firefox and OpenSSL do not read.
    SerialNotDer = "serial_not_der",
    /// A name OpenSSL cannot decode.
    NameUndecodableToOpenSsl = "name_undecodable_to_openssl",
    /// The key is written in a way the clients read differently.
    KeyEncoding = "key_encoding",
    /// The leaf breaks a rule publicly trusted CAs must follow (`rules.rs`).
    RuleBroken = "rule_broken",
}

/// The clients that cannot read a certificate because one of its extensions does not
/// decode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusers {
    /// Chrome's verifier (`ParsedCertificate::Create`).
    pub chrome: bool,
    /// Firefox (mozilla::pkix).
    pub firefox: bool,
    /// OpenSSL 3 (`ossl_x509v3_cache_extensions`), and so curl and Python.
    pub openssl: bool,
}

impl Refusers {
    /// Whether any of them does.
    pub fn any(self) -> bool {
        self.chrome || self.firefox || self.openssl
    }
}

/// Why Chrome's verifier cannot read an extension that decodes elsewhere, or the
/// certificate around the extensions: its parsers (BoringSSL's `pki/`, which Chromium
/// verifies with) are stricter than x509-parser's (`chrome_der`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChromeRule {
    /// Not in DER, or an element of another type where one is due: a length not in its
    /// shortest form, a BOOLEAN other than 00 or FF, an INTEGER with a needless first
    /// octet, a NULL where a SEQUENCE belongs.
    NotDer,
    /// Bytes after the value, or after the last field of one of its parts.
    Trailing,
    /// An empty list, or an empty SEQUENCE, where at least one entry is due.
    Empty,
    /// A number outside 0 to 255, the range Chrome reads (a path length, a number of
    /// certificates in policyConstraints or inhibitAnyPolicy).
    OutOfRange,
    /// A DNS name, an e-mail address or a URI with an octet outside ASCII.
    NameNotAscii,
    /// A name of a kind that does not exist, or not written as its kind is (a
    /// directoryName that is not one Name).
    NameKind,
    /// An iPAddress that is not 4 or 16 octets (in a name constraint: 8 or 32, the mask
    /// ones then zeros).
    IpAddress,
    /// A name constraint with its minimum or maximum written out, which RFC 5280 forbids.
    SubtreeBounds,
    /// The same policy twice in certificatePolicies.
    DuplicatePolicy,
    /// A policy's qualifiers: an empty list, one without its value, or under anyPolicy one
    /// other than a CPS pointer or a user notice.
    PolicyQualifier,
    /// An authorityKeyIdentifier with the issuer's name and not its serial number, or the
    /// reverse.
    AkiIssuerSerial,
    /// The subject is empty and subjectAltName, where the subject's names then are, is
    /// not marked critical (RFC 5280, 4.2.1.6).
    SanNotCritical,
    /// The certificate carries an extension twice (RFC 5280, 4.2: "MUST NOT include more
    /// than one instance of a particular extension").
    DuplicateExtension,
    /// The extension's critical flag is written out as FALSE (DER leaves a default value
    /// out).
    CriticalFlag,
    /// The certificate's version is written out as 1, which DER leaves out (version 1 is
    /// the default).
    VersionWrittenOut,
    /// The certificate's version is not 1, 2 or 3.
    VersionUnknown,
    /// An issuer or subject unique identifier in a certificate of version 1 (RFC 5280,
    /// 4.1.2.8: version 2 or 3 only).
    UniqueIdInVersion1,
    /// Extensions in a certificate of version 1 or 2 (RFC 5280, 4.1.2.9: version 3 only).
    ExtensionsBeforeVersion3,
    /// A validity date not in the one form RFC 5280 fixes (4.1.2.5.1 and 4.1.2.5.2:
    /// `YYMMDDHHMMSSZ` or `YYYYMMDDHHMMSSZ`), or not a date at all.
    TimeForm,
    /// A value in the subject's or the issuer's name that is not a string of its type as
    /// Chrome reads it: a PrintableString with a character outside its set (such as `&`,
    /// `@`, `_`), an IA5String with an octet over 127, a BMPString or UniversalString that
    /// does not decode, or a common name, organisation, unit, locality, state or country
    /// of a string type it does not read (`chrome_der::name`).
    NameValue,
}

impl ChromeRule {
    /// Every rule, for tests that walk them all.
    pub const ALL: [ChromeRule; 20] = [
        ChromeRule::NotDer,
        ChromeRule::Trailing,
        ChromeRule::Empty,
        ChromeRule::OutOfRange,
        ChromeRule::NameNotAscii,
        ChromeRule::NameKind,
        ChromeRule::IpAddress,
        ChromeRule::SubtreeBounds,
        ChromeRule::DuplicatePolicy,
        ChromeRule::PolicyQualifier,
        ChromeRule::AkiIssuerSerial,
        ChromeRule::SanNotCritical,
        ChromeRule::DuplicateExtension,
        ChromeRule::CriticalFlag,
        ChromeRule::VersionWrittenOut,
        ChromeRule::VersionUnknown,
        ChromeRule::UniqueIdInVersion1,
        ChromeRule::ExtensionsBeforeVersion3,
        ChromeRule::TimeForm,
        ChromeRule::NameValue,
    ];
}

/// Why a signature was not checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unchecked {
    /// The algorithm (or its hash or curve) is not one this engine verifies.
    Algorithm,
    /// The issuer's RSA key is larger than [`super::signature::MAX_RSA_BITS`].
    RsaKeyOverLimit {
        /// Its size in bits.
        bits: u32,
    },
    /// The input asked for more signature work than one analysis does
    /// ([`super::signature::MAX_SIGNATURE_WORK`]).
    WorkOverLimit,
    /// The issuer's key does not name its elliptic curve but writes it out, and is not
    /// read as a key here (as browsers do not read it).
    ExplicitCurve,
}

/// Why bytes meant as a certificate could not be read as one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unreadable {
    /// More certificates than the engine reads from one input; the rest were ignored.
    TooMany {
        /// The limit ([`super::MAX_CERTIFICATES`]).
        limit: usize,
    },
    /// Binary input with no complete DER element at this byte offset.
    NoDerAt {
        /// Byte offset in the input.
        offset: usize,
    },
    /// The block holds nothing.
    Empty,
    /// The DER stops early.
    Truncated {
        /// The length its header declares, when the header could be read.
        declared: Option<usize>,
        /// The bytes present.
        present: usize,
    },
    /// A BER indefinite length, which DER forbids.
    IndefiniteLength,
    /// A malformed length field.
    BadLength,
    /// It starts with another tag than SEQUENCE (0x30).
    NotASequence {
        /// The tag found.
        tag: u8,
    },
    /// A Certificate has three parts (RFC 5280 4.1); this has another number.
    WrongParts {
        /// The parts found.
        parts: usize,
    },
    /// The tbsCertificate has fewer fields than RFC 5280 requires.
    TooFewFields {
        /// The fields found.
        fields: usize,
        /// The fields required.
        needed: usize,
    },
    /// The X.509 parser refused it for a reason not diagnosed further.
    Refused,
}

/// Binary data recognised as another X.509 structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OtherDer {
    /// A certificate revocation list (RFC 5280 section 5).
    Crl,
    /// A certificate signing request (RFC 2986).
    Csr,
}

/// What is wrong with a PKCS#7 bundle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pkcs7Problem {
    /// The outer SEQUENCE is cut short.
    Truncated,
    /// No `[0]` content after the signedData OID.
    NoContent,
    /// The SignedData SEQUENCE is cut short.
    SignedDataTruncated,
    /// It holds no certificates.
    NoCertificates,
}

/// Who issued a link: a certificate of the input, or a trust anchor not in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Issuer {
    /// Certificate `n` of the input (input order).
    Certificate(usize),
    /// A trust anchor whose certificate was not pasted.
    Anchor {
        /// The anchor's subject name.
        name: String,
    },
}

/// Whose name constraints a name breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Constrainer {
    /// Certificate `n` of the input.
    Certificate(usize),
    /// The trust anchor above the chain (its constraints come with the root set).
    Anchor,
}

/// How a root left Mozilla's set, from NSS's own history (`certdata.txt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RootChange {
    /// Its certificate was removed from NSS.
    Removed,
    /// It stayed in NSS, but no longer trusted for websites.
    ServerTrustOff,
    /// It was explicitly distrusted (DigiNotar).
    Distrusted,
    /// NSS still trusts it; the root set embedded here (webpki-roots) does not carry it.
    StillInNss,
}

/// A root Mozilla's NSS trusted for websites, and what became of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootHistory {
    /// Its name (common name, else organisational unit or organisation).
    pub name: String,
    /// When NSS first trusted it for websites (`YYYY-MM-DD`).
    pub first_trusted: String,
    /// When NSS stopped trusting it for websites (`YYYY-MM-DD`); empty while it still does.
    pub removed: String,
    /// The first NSS release without that trust (`3.111`); empty while it still has it.
    pub nss_version: String,
    /// Certificates issued after this date (`YYYY-MM-DD`) were no longer trusted.
    pub distrust_after: Option<String>,
    /// Mozilla's bug number for the change, when the change names one.
    pub bug: String,
    /// The change's own title in NSS's history (English, as Mozilla wrote it).
    pub reason: String,
    /// How it changed.
    pub change: RootChange,
}

/// What was found, with the context that makes it specific. Indices are positions in
/// the input (`certificates`, `blocks`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FindingKind {
    /// Nothing in the input was a certificate.
    NoCertificate,
    /// The input is neither PEM text nor DER.
    InputNotRecognised {
        /// Binary bytes (rather than text without a BEGIN line).
        binary: bool,
    },
    /// A private key was pasted; it was not read.
    PrivateKeyPasted {
        /// The PEM label (`PRIVATE KEY`…) or `DER`.
        label: String,
    },
    /// Reading stopped at [`super::input::MAX_BLOCKS`] blocks or past
    /// [`super::MAX_CERTIFICATES`] certificates; the rest of the input was not read.
    ReadingStopped {
        /// Blocks read.
        blocks: usize,
        /// Certificates read.
        certificates: usize,
    },
    /// After [`super::input::MAX_FINDINGS_OF_A_KIND`] input findings of one kind (a
    /// paste of thousands of empty blocks), the rest are only counted here.
    MoreOfTheSame {
        /// The kind of the findings not listed.
        code: Code,
        /// How many were not listed.
        count: usize,
    },
    /// A PEM block of another kind, skipped.
    OtherPemBlock {
        /// Its label (`CERTIFICATE REQUEST`…).
        label: String,
    },
    /// Base64 without BEGIN/END lines, read as a certificate body.
    PemHeadersMissing,
    /// A BEGIN line without its END line.
    PemMissingEnd {
        /// The BEGIN label.
        label: String,
        /// The line of the BEGIN (1-based).
        line: usize,
    },
    /// BEGIN and END labels differ.
    PemLabelMismatch {
        /// The BEGIN label.
        begin: String,
        /// The END label.
        end: String,
    },
    /// The base64 body is invalid.
    PemBadBase64 {
        /// The character of the body (1-based) where it stops being base64.
        at: usize,
    },
    /// A certificate signing request or a revocation list, read and reported on its own.
    DocumentRead {
        /// Which.
        kind: OtherDer,
    },
    /// A block whose label promises a request or revocation list that its bytes are not.
    DocumentUnreadable {
        /// What the label promised.
        kind: OtherDer,
    },
    /// A certificate could not be read.
    CertificateUnparsable {
        /// Why.
        why: Unreadable,
    },
    /// Bytes follow a certificate inside its block.
    TrailingData {
        /// How many bytes were ignored.
        extra: usize,
    },
    /// A PKCS#7 bundle could not be read.
    Pkcs7Unparsable {
        /// Why.
        problem: Pkcs7Problem,
    },
    /// Certificates were taken out of a PKCS#7 bundle.
    Pkcs7Bundle {
        /// How many.
        count: usize,
    },
    /// The issuer of a certificate is neither in the input nor a trust anchor.
    MissingIntermediate {
        /// The issuer's name, as the certificate gives it.
        issuer: String,
        /// AIA "CA Issuers" addresses where it may be downloaded (never fetched here).
        urls: Vec<String>,
    },
    /// The chain ends at a self-signed certificate that is not a trust anchor.
    UntrustedRoot,
    /// The chain ends at, or needs, a root that Mozilla removed.
    RootRemovedFromMozilla {
        /// The root's history.
        root: RootHistory,
    },
    /// The chain needs a root that NSS still trusts but the embedded set lacks.
    RootNotEmbedded {
        /// The root's history.
        root: RootHistory,
    },
    /// A CA certificate pasted as if it were a site's.
    AuthorityAlone {
        /// It is itself a root in today's set.
        in_root_set: bool,
        /// It is self-signed (a root) rather than an intermediate.
        root: bool,
    },
    /// The leaf is self-signed and not a trust anchor.
    SelfSignedLeaf,
    /// Pasted root first.
    ReverseOrder,
    /// Pasted in neither order.
    OutOfOrder,
    /// A copy of another certificate of the input.
    DuplicateCertificate {
        /// The first occurrence.
        first: usize,
    },
    /// Takes no part in the chain.
    UnrelatedCertificate,
    /// Other certificates could also have issued this link (cross-signing).
    CrossSignedAlternative {
        /// The issuer used.
        used: usize,
        /// The others.
        alternatives: Vec<usize>,
    },
    /// Several certificates could be the leaf.
    LeafChosen {
        /// All candidates (the chosen one included).
        candidates: Vec<usize>,
    },
    /// The signature does not verify with the issuer's key.
    SignatureInvalid {
        /// The issuer whose key was tried.
        issuer: Issuer,
    },
    /// The signature was not checked here.
    SignatureUnsupported {
        /// Its name (`ecdsa-with-SHA512`…) or OID.
        algorithm: String,
        /// Why not.
        why: Unchecked,
    },
    /// Some signatures were left unchecked: the input asked for more signature work than
    /// one analysis does ([`super::signature::MAX_SIGNATURE_WORK`]).
    SignatureWorkCapped {
        /// How many.
        unchecked: usize,
    },
    /// The issuer name does not chain (RFC 5280 6.1.3 (a)(4)).
    NameMismatch {
        /// The certificate whose subject differs.
        issuer: usize,
    },
    /// AKI and SKI differ.
    KeyIdMismatch {
        /// The issuer.
        issuer: usize,
    },
    /// The issuer is not a CA.
    IssuerNotCa {
        /// The issuer.
        issuer: usize,
        /// It has no basicConstraints at all (rather than `CA:FALSE`).
        no_basic_constraints: bool,
    },
    /// The issuer's pathLenConstraint is exceeded.
    PathLenExceeded {
        /// The issuer.
        issuer: usize,
        /// Its pathLenConstraint.
        limit: u32,
        /// Intermediates below it in this chain.
        below: u32,
    },
    /// The issuer's keyUsage lacks keyCertSign.
    IssuerCannotSign {
        /// The issuer.
        issuer: usize,
        /// Its keyUsage is not DER or names no use at all, so Chrome's verifier cannot
        /// parse the certificate and leaves it out ([`ChromiumError::AuthorityInvalid`]).
        unreadable: bool,
    },
    /// Names outside what a CA above may vouch for.
    NameConstraintViolation {
        /// Whose constraints.
        by: Constrainer,
        /// The first few names that break them.
        names: Vec<String>,
        /// How many names break them in all.
        total: usize,
    },
    /// Expired at the chosen time.
    Expired {
        /// Its notAfter.
        not_after: UnixTime,
    },
    /// Not yet valid at the chosen time.
    NotYetValid {
        /// Its notBefore.
        not_before: UnixTime,
    },
    /// Dates Chrome reads and mozilla::pkix does not (`fields::DatesRead`): a notBefore
    /// after the notAfter, a year before 1970, a 60th second. Firefox refuses the
    /// certificate (`SEC_ERROR_INVALID_TIME`).
    DatesRefusedByFirefox {
        /// The validity ends before it begins (else: a date Firefox cannot read).
        backwards: bool,
    },
    /// The anchor's own certificate, given in the input, is out of date: Chrome trusts an
    /// anchor by its name and key (no dates), mozilla::pkix checks a trust anchor's dates
    /// as it checks every certificate's (`CheckIssuerIndependentProperties`,
    /// lib/mozpkix/lib/pkixcheck.cpp), so Firefox refuses the chain.
    AnchorCertificateOutOfDate {
        /// Expired (else not yet valid).
        expired: bool,
        /// The date passed (notAfter, or notBefore).
        date: UnixTime,
    },
    /// Valid for longer than Chromium allows for its issue date.
    ValidityTooLong {
        /// Its lifetime in days.
        days: u32,
        /// The most Chromium allows for its notBefore.
        limit: u32,
    },
    /// SHA-1 or MD5 signs a certificate below the anchor.
    WeakSignatureAlgorithm {
        /// Its name.
        algorithm: String,
    },
    /// Another signature algorithm Chromium does not take signs a certificate below the
    /// anchor.
    SignatureAlgorithmRefused {
        /// Its name.
        algorithm: String,
    },
    /// The signed part (TBSCertificate's `signature`) names another signature algorithm
    /// than the certificate's outer `signatureAlgorithm`, the one the signature is checked
    /// with.
    SignatureAlgorithmMismatch {
        /// The outer algorithm's name.
        outer: String,
        /// The name of the one inside the signed part.
        inner: String,
    },
    /// A signature algorithm Chromium takes, written with parameters it does not read
    /// (ECDSA with NULL parameters, RSA with other than NULL or none), in either field.
    SignatureAlgorithmParameters {
        /// The algorithm's name.
        algorithm: String,
    },
    /// The outer `signatureAlgorithm` and the signed part's `signature` name the same
    /// algorithm but are written differently (RSA with NULL parameters in one, none in the
    /// other): OpenSSL compares them as written (`X509_ALGOR_cmp`) and fails the signature.
    SignatureAlgorithmWrittenApart {
        /// The algorithm's name.
        algorithm: String,
    },
    /// An authority's key of a kind browsers do not read.
    AuthorityKeyRefused {
        /// `Ed25519`, `RSA-PSS`, `EC`…
        algorithm: String,
        /// The curve, for an EC key.
        curve: Option<String>,
    },
    /// A key browsers refuse.
    WeakKey {
        /// `RSA`, `EC`…
        algorithm: String,
        /// Its size in bits, when known.
        bits: Option<u32>,
        /// The curve, for an EC key.
        curve: Option<String>,
    },
    /// An elliptic-curve key whose curve is written out rather than named: on the site's
    /// own certificate the handshake fails before any verification, on an authority's the
    /// verifiers cannot read its key.
    ExplicitCurve,
    /// The site's key is one a browser offers no TLS signature for.
    LeafKeyNotNegotiable {
        /// `EC`, `Ed25519`…
        algorithm: String,
        /// The curve, for an EC key.
        curve: Option<String>,
        /// Whether Firefox offers one (ECDSA on P-521), so that only Chrome fails.
        firefox_offers: bool,
    },
    /// The site's keyUsage is there without digitalSignature.
    LeafKeyUsageNotForSigning {
        /// The uses it names (`keyEncipherment`…), possibly none.
        key_usage: Vec<String>,
        /// Whether it names none of the three a TLS server's key may have
        /// (digitalSignature, keyEncipherment, keyAgreement), which Firefox and OpenSSL
        /// refuse too.
        no_tls_use: bool,
    },
    /// The site's keyUsage is not one DER BIT STRING as RFC 5280 4.2.1.3 writes it.
    LeafKeyUsageUnreadable,
    /// The host matches none of the leaf's names.
    HostMismatch {
        /// The host asked for, in ASCII.
        expected: String,
    },
    /// Only the subject common name would match.
    HostMatchesOnlyCommonName {
        /// That common name.
        common_name: String,
    },
    /// A wildcard would match, but right under a public suffix (Chromium refuses it).
    WildcardUnderPublicSuffix {
        /// The wildcard name (`*.co.jp`).
        wildcard: String,
        /// The public suffix it sits under (`co.jp`).
        suffix: String,
    },
    /// Matched in ASCII form.
    HostInternationalised {
        /// The host as typed.
        unicode: String,
        /// Its ASCII (punycode) form.
        ascii: String,
    },
    /// No host given.
    HostNotChecked,
    /// No subjectAltName.
    NoSubjectAltName,
    /// The host is not a valid DNS name or IP address.
    HostInvalid {
        /// What was given (cut to a reasonable length).
        host: String,
    },
    /// A critical extension not understood.
    UnsupportedCriticalExtension {
        /// Its index in the certificate's `extensions`.
        extension: usize,
    },
    /// The leaf's extKeyUsage does not allow TLS servers.
    LeafNotForServers,
    /// Trusted through an anchor the reader supplied.
    TrustedByCustomAnchor {
        /// The anchor's subject.
        anchor: String,
    },
    /// Revocation cannot be checked offline.
    RevocationNotChecked {
        /// OCSP addresses the certificate names.
        ocsp: Vec<String>,
    },
    /// CT log inclusion cannot be checked offline.
    CtNotChecked {
        /// Embedded SCTs.
        scts: usize,
    },
    /// No embedded SCTs on a publicly trusted leaf.
    NoEmbeddedScts,
    /// Fewer embedded SCTs on a publicly trusted leaf than Chrome's CT policy asks for
    /// its lifetime (`rules::required_scts`); more may come in the TLS handshake.
    TooFewScts {
        /// SCTs embedded, those whose signature fails left out.
        embedded: usize,
        /// SCTs the policy asks for.
        required: usize,
    },
    /// Embedded SCTs whose signature does not verify with their log's key
    /// (`ct::verify`): Chromium ignores them (`SCT_STATUS_INVALID_SIGNATURE`).
    SctSignatureInvalid {
        /// How many.
        invalid: usize,
        /// SCTs embedded in all.
        embedded: usize,
    },
    /// An extension could not be decoded, or decodes but Chrome's stricter parser cannot
    /// read it.
    ExtensionUnparsable {
        /// Its index in the certificate's `extensions`.
        extension: usize,
        /// Who cannot read the certificate because of it (none: no client refuses it
        /// while checking a TLS server's chain).
        refused_by: Refusers,
        /// Whether the certificate is the site's own (Chrome refuses it) rather than an
        /// authority's (Chrome leaves it out and finds no issuer for the one below).
        site: bool,
        /// Set when the value decodes (the others read it as written) and only Chrome's
        /// stricter parser refuses it: why.
        strict: Option<ChromeRule>,
        /// The site's, and its frame is one BoringSSL cannot read in the TLS handshake
        /// (`chrome_der::handshake`): Chrome ends the connection (`ERR_SSL_PROTOCOL_ERROR`)
        /// before its verifier sees the certificate.
        handshake: bool,
    },
    /// Chrome cannot read the certificate around its extensions (`chrome_der::certificate`:
    /// its version, unique identifiers, validity dates or extension list). The site's ends
    /// the handshake (`ERR_SSL_SERVER_CERT_BAD_FORMAT`; an empty extension list, which
    /// only the verifier reads, `ERR_CERT_INVALID`); an authority's is left out of the path.
    CertificateFrameInvalid {
        /// Whether the certificate is the site's own rather than an authority's (Chrome
        /// leaves it out and finds no issuer for the one below).
        site: bool,
        /// Why: the first fault Chrome meets.
        rule: ChromeRule,
        /// Its validity dates are not in RFC 5280's form, which Firefox and OpenSSL do not
        /// read either (`fields::DatesRead`).
        dates_unreadable: bool,
        /// Firefox cannot read it either: a version above 4 (`der::OptionalVersion`,
        /// lib/mozpkix/lib/pkixder.cpp: `SEC_ERROR_BAD_DER`).
        firefox_refuses: bool,
        /// Firefox cannot read its elements either (`chrome_der::mozpkix_reads`: a length
        /// not in its shortest form; `SEC_ERROR_BAD_DER`).
        firefox_not_der: bool,
        /// OpenSSL's strict checks refuse it too (Python 3.13's default): it has
        /// extensions and is older than version 3 (error 93).
        openssl_strict: bool,
        /// The site's, and BoringSSL cannot read it in the TLS handshake
        /// (`chrome_der::handshake`): Chrome ends the connection (`ERR_SSL_PROTOCOL_ERROR`)
        /// before it parses the certificate itself.
        handshake: bool,
        /// BoringSSL stops there only after it has read the key (past it: the unique
        /// identifiers, the extension list's frame), so a key it cannot read
        /// (`ExplicitCurve`) is what ends the handshake first.
        after_key: bool,
        /// Only the verifier refuses it, which reads more than Chrome reads as it takes the
        /// site's certificate out of the handshake: an empty extension list, a name value
        /// `NormalizeName` does not read (the site's: `ERR_CERT_INVALID`).
        verifier_only: bool,
    },
    /// The certificates of the chain the server sends take more room in its TLS 1.3
    /// Certificate message than BoringSSL accepts (`ssl_max_handshake_message_len`,
    /// ssl/handshake.cc: `SSL_MAX_CERT_LIST_DEFAULT`, 102,400 bytes, which Chrome keeps):
    /// Chrome ends the handshake (`ERR_SSL_PROTOCOL_ERROR`).
    ChainTooLargeForHandshake {
        /// The message's length: each certificate with its 3-byte length and its 2-byte
        /// (empty) extension list, after the 1-byte context and the 3-byte list length.
        bytes: usize,
        /// BoringSSL's limit.
        limit: usize,
        /// How many certificates.
        certificates: usize,
        /// Over NSS's limit too (131,071 bytes: `MAX_HANDSHAKE_MSG_LEN` in
        /// lib/ssl/ssl3con.c): Firefox ends the handshake as well
        /// (`SSL_ERROR_RX_MALFORMED_HANDSHAKE`).
        firefox_too: bool,
    },
    /// The certificate is 65,536 bytes or longer, which mozilla::pkix does not read
    /// (`Input::Init`, lib/mozpkix/include/pkix/Input.h, and `der::ReadTagAndGetValue`):
    /// Firefox refuses the site's (`SEC_ERROR_BAD_DER`) and leaves an authority out.
    /// Chrome and OpenSSL read it.
    TooLargeForFirefox {
        /// Its length.
        bytes: usize,
        /// Whether it is the site's certificate rather than an authority's.
        site: bool,
    },
    /// A pathLenConstraint of 128 to 255: Chrome and OpenSSL read it, mozilla::pkix reads 0
    /// to 127 only (`fields::CertData::firefox_refuses_path_len`): Firefox refuses the
    /// certificate (`SEC_ERROR_EXTENSION_VALUE_INVALID`).
    PathLenBeyondFirefox {
        /// The value.
        path_len: u32,
        /// Whether it is the site's certificate rather than an authority's.
        site: bool,
    },
    /// The serial number is not an INTEGER as DER writes one (X.690 8.3.2: no leading
    /// octet that says nothing, at least one octet). Chrome reads it
    /// (`allow_invalid_serial_numbers`, `x509_util::DefaultParseCertificateOptions` in
    /// net/cert/x509_util.cc); Firefox does not: NSS's decoding refuses an empty one
    /// (`SEC_ERROR_BAD_DER`), mozilla::pkix a padded one (`der::CertificateSerialNumber`:
    /// `MOZILLA_PKIX_ERROR_INVALID_INTEGER_ENCODING`) for the site, and leaves an authority
    /// out; OpenSSL cannot decode the certificate at all (`c2i_ibuf`,
    /// crypto/asn1/a_int.c), so its TLS clients end the handshake
    /// ([`super::openssl::OpenSslHandshakeError::Undecodable`]).
    SerialNotDer {
        /// What is wrong with it.
        fault: super::chrome_der::IntegerFault,
        /// Whether it is the site's certificate rather than an authority's.
        site: bool,
    },
    /// An attribute or value of the certificate's issuer or subject name OpenSSL cannot
    /// decode (`super::openssl::DecodeFault`: an OID not well formed, a string type
    /// `X509_NAME` does not take, a BIT STRING it refuses, a
    /// BMPString or UniversalString of the wrong length or with a code that is no
    /// character, a UTF8String that is not UTF-8): OpenSSL cannot read the certificate at
    /// all, so its TLS clients end the handshake
    /// ([`super::openssl::OpenSslHandshakeError::Undecodable`]). How Chrome reads names is
    /// `ChromeRule::NameValue`'s.
    NameUndecodableToOpenSsl {
        /// What OpenSSL meets.
        fault: super::openssl::DecodeFault,
    },
    /// The key is written in a way the clients read differently, its value as it is
    /// (`super::chrome_der::KeyFault`): Chrome ends the handshake for the site's (BoringSSL
    /// cannot read it: `ERR_SSL_PROTOCOL_ERROR`) and cannot check what an authority's
    /// signed (`kFailedParsingSpki`: `ERR_CERT_INVALID` on a path to a root), but reads a
    /// point in compressed form; Firefox refuses each ([`KeyFault::firefox_error`]), NSS
    /// the site's already in the handshake when it cannot take the key out; OpenSSL reads
    /// them all.
    ///
    /// [`KeyFault::firefox_error`]: super::chrome_der::KeyFault::firefox_error
    KeyEncoding {
        /// The first fault, as every client meets it.
        fault: super::chrome_der::KeyFault,
        /// Whether it is the site's certificate rather than an authority's.
        site: bool,
        /// Whether NSS cannot take the site's key out in the handshake, for this fault or
        /// a later one ([`KeyFault::nss_cannot_extract`]).
        ///
        /// [`KeyFault::nss_cannot_extract`]: super::chrome_der::KeyFault::nss_cannot_extract
        nss_cannot_extract: bool,
    },
    /// The leaf breaks a rule publicly trusted CAs must follow, in force for its issue
    /// date (`rules.rs`). Browsers do not check these; the CA should not have issued it.
    RuleBroken {
        /// Which rule.
        rule: super::rules::Rule,
    },
}

impl FindingKind {
    /// Whether this makes the site's certificate one Chrome's verifier cannot read: it is
    /// refused before any path is built, the one cause of its `ERR_CERT_INVALID`.
    pub fn site_unreadable_to_chrome(&self) -> bool {
        matches!(
            self,
            FindingKind::ExtensionUnparsable {
                refused_by: Refusers { chrome: true, .. },
                site: true,
                handshake: false,
                ..
            } | FindingKind::CertificateFrameInvalid {
                site: true,
                verifier_only: true,
                handshake: false,
                ..
            }
        )
    }

    /// The stable code of this kind.
    pub fn code(&self) -> Code {
        use FindingKind as K;
        match self {
            K::NoCertificate => Code::NoCertificate,
            K::InputNotRecognised { .. } => Code::InputNotRecognised,
            K::ReadingStopped { .. } => Code::ReadingStopped,
            K::MoreOfTheSame { .. } => Code::MoreOfTheSame,
            K::PrivateKeyPasted { .. } => Code::PrivateKeyPasted,
            K::OtherPemBlock { .. } => Code::OtherPemBlock,
            K::PemHeadersMissing => Code::PemHeadersMissing,
            K::PemMissingEnd { .. } => Code::PemMissingEnd,
            K::PemLabelMismatch { .. } => Code::PemLabelMismatch,
            K::PemBadBase64 { .. } => Code::PemBadBase64,
            K::DocumentRead { .. } => Code::DocumentRead,
            K::DocumentUnreadable { .. } => Code::DocumentUnreadable,
            K::CertificateUnparsable { .. } => Code::CertificateUnparsable,
            K::TrailingData { .. } => Code::TrailingData,
            K::Pkcs7Unparsable { .. } => Code::Pkcs7Unparsable,
            K::Pkcs7Bundle { .. } => Code::Pkcs7Bundle,
            K::MissingIntermediate { .. } => Code::MissingIntermediate,
            K::UntrustedRoot => Code::UntrustedRoot,
            K::RootRemovedFromMozilla { .. } => Code::RootRemovedFromMozilla,
            K::RootNotEmbedded { .. } => Code::RootNotEmbedded,
            K::AuthorityAlone { .. } => Code::AuthorityAlone,
            K::SelfSignedLeaf => Code::SelfSignedLeaf,
            K::ReverseOrder => Code::ReverseOrder,
            K::OutOfOrder => Code::OutOfOrder,
            K::DuplicateCertificate { .. } => Code::DuplicateCertificate,
            K::UnrelatedCertificate => Code::UnrelatedCertificate,
            K::CrossSignedAlternative { .. } => Code::CrossSignedAlternative,
            K::LeafChosen { .. } => Code::LeafChosen,
            K::SignatureInvalid { .. } => Code::SignatureInvalid,
            K::SignatureUnsupported { .. } => Code::SignatureUnsupported,
            K::SignatureWorkCapped { .. } => Code::SignatureWorkCapped,
            K::NameMismatch { .. } => Code::NameMismatch,
            K::KeyIdMismatch { .. } => Code::KeyIdMismatch,
            K::IssuerNotCa { .. } => Code::IssuerNotCa,
            K::PathLenExceeded { .. } => Code::PathLenExceeded,
            K::IssuerCannotSign { .. } => Code::IssuerCannotSign,
            K::NameConstraintViolation { .. } => Code::NameConstraintViolation,
            K::Expired { .. } => Code::Expired,
            K::NotYetValid { .. } => Code::NotYetValid,
            K::AnchorCertificateOutOfDate { .. } => Code::AnchorCertificateOutOfDate,
            K::ValidityTooLong { .. } => Code::ValidityTooLong,
            K::WeakSignatureAlgorithm { .. } => Code::WeakSignatureAlgorithm,
            K::WeakKey { .. } => Code::WeakKey,
            K::SignatureAlgorithmRefused { .. } => Code::SignatureAlgorithmRefused,
            K::SignatureAlgorithmMismatch { .. } => Code::SignatureAlgorithmMismatch,
            K::SignatureAlgorithmWrittenApart { .. } => Code::SignatureAlgorithmWrittenApart,
            K::SignatureAlgorithmParameters { .. } => Code::SignatureAlgorithmParameters,
            K::AuthorityKeyRefused { .. } => Code::AuthorityKeyRefused,
            K::ExplicitCurve => Code::ExplicitCurve,
            K::LeafKeyNotNegotiable { .. } => Code::LeafKeyNotNegotiable,
            K::LeafKeyUsageNotForSigning { .. } => Code::LeafKeyUsageNotForSigning,
            K::LeafKeyUsageUnreadable => Code::LeafKeyUsageUnreadable,
            K::HostMismatch { .. } => Code::HostMismatch,
            K::HostMatchesOnlyCommonName { .. } => Code::HostMatchesOnlyCommonName,
            K::WildcardUnderPublicSuffix { .. } => Code::WildcardUnderPublicSuffix,
            K::HostInternationalised { .. } => Code::HostInternationalised,
            K::HostNotChecked => Code::HostNotChecked,
            K::NoSubjectAltName => Code::NoSubjectAltName,
            K::HostInvalid { .. } => Code::HostInvalid,
            K::UnsupportedCriticalExtension { .. } => Code::UnsupportedCriticalExtension,
            K::LeafNotForServers => Code::LeafNotForServers,
            K::TrustedByCustomAnchor { .. } => Code::TrustedByCustomAnchor,
            K::RevocationNotChecked { .. } => Code::RevocationNotChecked,
            K::CtNotChecked { .. } => Code::CtNotChecked,
            K::NoEmbeddedScts => Code::NoEmbeddedScts,
            K::TooFewScts { .. } => Code::TooFewScts,
            K::SctSignatureInvalid { .. } => Code::SctSignatureInvalid,
            K::ExtensionUnparsable { .. } => Code::ExtensionUnparsable,
            K::DatesRefusedByFirefox { .. } => Code::DatesRefusedByFirefox,
            K::CertificateFrameInvalid { .. } => Code::CertificateFrameInvalid,
            K::ChainTooLargeForHandshake { .. } => Code::ChainTooLargeForHandshake,
            K::TooLargeForFirefox { .. } => Code::TooLargeForFirefox,
            K::PathLenBeyondFirefox { .. } => Code::PathLenBeyondFirefox,
            K::SerialNotDer { .. } => Code::SerialNotDer,
            K::NameUndecodableToOpenSsl { .. } => Code::NameUndecodableToOpenSsl,
            K::KeyEncoding { .. } => Code::KeyEncoding,
            K::RuleBroken { .. } => Code::RuleBroken,
        }
    }
}

/// One finding: what, where, and what it does to the verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// What was found, with its context.
    pub kind: FindingKind,
    /// How much it matters.
    pub severity: Severity,
    /// The Chromium error status it sets, if any.
    pub error: Option<ChromiumError>,
    /// The certificate (input order) it is about, if one.
    pub certificate: Option<usize>,
    /// The input block it is about, if one.
    pub block: Option<usize>,
}

impl Finding {
    pub(crate) fn new(kind: FindingKind, severity: Severity) -> Finding {
        Finding {
            kind,
            severity,
            error: None,
            certificate: None,
            block: None,
        }
    }

    /// A finding that is background only.
    pub(crate) fn info(kind: FindingKind) -> Finding {
        Finding::new(kind, Severity::Info)
    }

    /// A finding worth knowing that changes nothing in the verdict.
    pub(crate) fn warning(kind: FindingKind) -> Finding {
        Finding::new(kind, Severity::Warning)
    }

    /// A finding that sets a Chromium error status.
    pub(crate) fn error(kind: FindingKind, error: ChromiumError) -> Finding {
        Finding {
            error: Some(error),
            ..Finding::new(kind, Severity::Error)
        }
    }

    /// The stable code of its kind.
    pub fn code(&self) -> Code {
        self.kind.code()
    }

    pub(crate) fn cert(mut self, index: usize) -> Finding {
        self.certificate = Some(index);
        self
    }

    pub(crate) fn block(mut self, index: usize) -> Finding {
        self.block = Some(index);
        self
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
