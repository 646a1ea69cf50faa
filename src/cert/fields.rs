//! Per-certificate report: every field decoded into owned data, with byte ranges.
//!
//! [`CertificateReport`] is what the page shows for one certificate; it does not depend on
//! the time, host or trust anchors, so it is computed once per paste. `CertData` is the
//! crate-internal, owned subset that chain building and judging need (no x509-parser
//! types outlive parsing). `build` reads the fixed fields, then hands each extension to
//! the function that reads its kind.

use serde::{Deserialize, Serialize};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use x509_parser::asn1_rs::Tag;
use x509_parser::certificate::X509Certificate;
use x509_parser::extensions::{
    AuthorityInfoAccess, AuthorityKeyIdentifier, BasicConstraints, CRLDistributionPoints,
    CertificatePolicies, DistributionPointName, ExtendedKeyUsage, GeneralName, KeyUsage,
    NameConstraints, ParsedExtension, SubjectAlternativeName, X509Extension,
};
use x509_parser::public_key::PublicKey;
use x509_parser::x509::{SubjectPublicKeyInfo, X509Name};

use super::der::{self, Tlv, read_tlv};
use super::findings::{ChromeRule, Refusers};
use super::oids::{self, KeyKind, SignatureKind};
use super::signature::{Curve, KeyMaterial, SigAlg};
use super::time::{DateText, UnixTime};

/// Lowercase hex without separators, as fingerprints and key ids are shown.
pub(crate) fn hex(bytes: &[u8]) -> String {
    crate::base64::hex(bytes)
}

/// A serial number as the report writes it: hex without leading zero octets ("00" for
/// zero). Certificates and revocation-list entries share it, so they compare as text.
pub(crate) fn serial_hex(raw: &[u8]) -> String {
    let trimmed: Vec<u8> = raw.iter().skip_while(|b| **b == 0).copied().collect();
    if trimmed.is_empty() {
        "00".to_owned()
    } else {
        hex(&trimmed)
    }
}

/// One attribute of a distinguished name, in DER order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameAttribute {
    /// Dotted OID, e.g. `2.5.4.3`.
    pub oid: String,
    /// Short name (`CN`, `O`, ...) or the OID when unknown.
    pub name: String,
    /// The value as text.
    pub value: String,
    /// The ASN.1 universal tag of the value's string type (X.680 8.4): 12 UTF8String,
    /// 19 PrintableString, 20 TeletexString, 22 IA5String, 28 UniversalString,
    /// 30 BMPString.
    pub tag: u32,
}

/// The subject public key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicKeyReport {
    /// `RSA`, `EC`, `Ed25519`, `Ed448`, `DSA`, `RSA-PSS` or the OID.
    pub algorithm: String,
    /// Key size in bits (RSA modulus length, curve size), when known.
    pub bits: Option<u32>,
    /// Named curve (`P-256`, `P-384`, `P-521`...) for EC keys; for a curve written out,
    /// the named curve it is, when it is one of these three.
    pub curve: Option<String>,
    /// An EC key whose curve is not named but written out by its parameters (RFC 3279
    /// section 2.3.5, `specifiedCurve`; RFC 5480 section 2.1.1 forbids it in certificates).
    pub explicit_curve: bool,
    /// RSA public exponent.
    pub exponent: Option<u64>,
}

/// A part of the certificate whose bytes the page can highlight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The whole Certificate.
    Certificate,
    /// tbsCertificate.
    TbsCertificate,
    /// version `[0]`.
    Version,
    /// serialNumber.
    Serial,
    /// The signature algorithm inside tbsCertificate.
    SignatureAlgorithmInner,
    /// issuer.
    Issuer,
    /// validity.
    Validity,
    /// notBefore.
    NotBefore,
    /// notAfter.
    NotAfter,
    /// subject.
    Subject,
    /// subjectPublicKeyInfo.
    SubjectPublicKeyInfo,
    /// issuerUniqueID.
    IssuerUniqueId,
    /// subjectUniqueID.
    SubjectUniqueId,
    /// The extensions `[3]`.
    Extensions,
    /// One extension, by its index in `extensions`.
    Extension(usize),
    /// signatureAlgorithm.
    SignatureAlgorithm,
    /// signatureValue.
    SignatureValue,
}

/// A byte range inside the certificate's DER, for highlighting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldRange {
    /// Which part.
    pub field: Field,
    /// Offset of its first byte (its tag).
    pub offset: usize,
    /// Its length, header included.
    pub length: usize,
}

/// One extension: what it is, whether it is critical, whether it was decoded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionReport {
    /// Dotted OID.
    pub oid: String,
    /// Its name as RFC 5280 (or its own document) writes it, or the OID when unknown.
    pub name: String,
    /// Marked critical.
    pub critical: bool,
    /// False for unknown extensions and ones that failed to decode.
    pub decoded: bool,
    /// Offset of the whole Extension in the certificate DER.
    pub offset: usize,
    /// Its length.
    pub length: usize,
}

/// How much a CA checked before issuing, as the policy OIDs say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValidationLevel {
    /// Extended validation: the organisation checked thoroughly (CA/B Forum EV Guidelines).
    Ev,
    /// Organisation validated.
    Ov,
    /// Individual validated.
    Iv,
    /// Domain validated: only control of the name was checked.
    Dv,
}

/// A certificate policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyReport {
    /// Dotted OID.
    pub oid: String,
    /// A known name (technical, as the policy documents write it).
    pub name: Option<String>,
    /// The validation level the OID stands for.
    pub validation: Option<ValidationLevel>,
}

/// An embedded Signed Certificate Timestamp (RFC 6962 3.2, 3.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SctReport {
    /// The SCT's version as encoded: 0 is v1, the only one RFC 6962 defines.
    pub version: u8,
    /// The log's id (SHA-256 of its key), lowercase hex.
    pub log_id: String,
    /// Milliseconds since the epoch.
    pub timestamp_ms: u64,
    /// The signature's algorithm, e.g. `ECDSA with SHA-256` ([`super::ct::signature_algorithm`]).
    pub signature_algorithm: String,
    /// Bytes of SCT extensions (none are defined for v1; normally 0).
    pub extensions_len: usize,
    /// The log, as the embedded log list names it ([`super::ct`]); `None` when the list
    /// does not know this id.
    pub log: Option<super::ct::LogInfo>,
    /// Whether the log's signature holds (`ct::verify`; checked once the
    /// certificate's issuer is known).
    pub signature: super::ct::SctSignature,
}

/// Name constraints, each subtree as `type:value` (e.g. `dns:example.com`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameConstraintsReport {
    /// permittedSubtrees.
    pub permitted: Vec<String>,
    /// excludedSubtrees.
    pub excluded: Vec<String>,
}

/// Everything about one certificate that does not depend on time, host or anchors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateReport {
    /// Position in the input, counting from 0.
    pub index: usize,
    /// The input block it came from.
    pub block: usize,
    /// 1, 2 or 3 (larger values as the certificate encodes them).
    pub version: u64,
    /// Serial number, lowercase hex without leading zero bytes.
    pub serial_hex: String,
    /// The subject, `CN=…, O=…` in DER order.
    pub subject: String,
    /// Its attributes.
    pub subject_attributes: Vec<NameAttribute>,
    /// The issuer, as the subject.
    pub issuer: String,
    /// Its attributes.
    pub issuer_attributes: Vec<NameAttribute>,
    /// notBefore.
    pub not_before: UnixTime,
    /// notAfter.
    pub not_after: UnixTime,
    /// dNSName entries of subjectAltName.
    pub san_dns: Vec<String>,
    /// `san_dns` entries that are punycode (`xn--`), shown in Unicode; same order, `None`
    /// where the name is plain ASCII or not decodable.
    pub san_dns_unicode: Vec<Option<String>>,
    /// iPAddress entries.
    pub san_ip: Vec<String>,
    /// rfc822Name entries.
    pub san_email: Vec<String>,
    /// uniformResourceIdentifier entries.
    pub san_uri: Vec<String>,
    /// The public key.
    pub public_key: PublicKeyReport,
    /// OpenSSL-style name, e.g. `sha256WithRSAEncryption`, or the OID.
    pub signature_algorithm: String,
    /// Its dotted OID.
    pub signature_algorithm_oid: String,
    /// basicConstraints CA flag.
    pub is_ca: bool,
    /// basicConstraints pathLenConstraint.
    pub path_len: Option<u32>,
    /// The signature verifies with the certificate's own key.
    pub self_signed: bool,
    /// Subject and issuer names are equal.
    pub self_issued: bool,
    /// SHA-256 of the DER, lowercase hex without colons.
    pub sha256: String,
    /// SHA-1 of the DER.
    pub sha1: String,
    /// SHA-256 of the SubjectPublicKeyInfo DER.
    pub spki_sha256: String,
    /// keyUsage bits, as RFC 5280 4.2.1.3 names them.
    pub key_usage: Vec<String>,
    /// extKeyUsage purposes, as RFC 5280 4.2.1.12 names them (or the OID).
    pub ext_key_usage: Vec<String>,
    /// subjectKeyIdentifier, hex.
    pub subject_key_id: Option<String>,
    /// authorityKeyIdentifier keyIdentifier, hex.
    pub authority_key_id: Option<String>,
    /// AIA OCSP addresses.
    pub ocsp_urls: Vec<String>,
    /// AIA "CA Issuers" addresses.
    pub ca_issuers_urls: Vec<String>,
    /// CRL distribution point addresses.
    pub crl_urls: Vec<String>,
    /// certificatePolicies.
    pub policies: Vec<PolicyReport>,
    /// The highest validation level named by the policies (EV > OV, IV > DV).
    pub validation_level: Option<ValidationLevel>,
    /// Embedded SCTs.
    pub scts: Vec<SctReport>,
    /// nameConstraints.
    pub name_constraints: Option<NameConstraintsReport>,
    /// Every extension, in certificate order.
    pub extensions: Vec<ExtensionReport>,
    /// Byte ranges of the fields in the DER.
    pub ranges: Vec<FieldRange>,
    /// The DER's length.
    pub der_length: usize,
}

impl CertificateReport {
    /// The byte range of `field`, if the certificate has it.
    pub fn range(&self, field: Field) -> Option<FieldRange> {
        self.ranges.iter().find(|r| r.field == field).copied()
    }

    /// Its first common name (for sentences), else its whole subject.
    pub fn short_name(&self) -> &str {
        self.subject_attributes
            .iter()
            .find(|a| a.name == "CN")
            .map_or(self.subject.as_str(), |a| a.value.as_str())
    }
}

/// What chain building and judging need, owned.
#[derive(Clone, Debug)]
pub(crate) struct CertData {
    pub der: Vec<u8>,
    pub tbs: (usize, usize),
    pub subject_raw: Vec<u8>,
    pub issuer_raw: Vec<u8>,
    pub subject_norm: String,
    pub issuer_norm: String,
    pub spki_raw: Vec<u8>,
    pub key: KeyMaterial,
    pub rsa_bits: Option<u32>,
    pub sig_alg: SigAlg,
    /// The algorithm the signed part names for itself (TBSCertificate's `signature`),
    /// read as `sig_alg` is: RFC 5280 section 4.1.2.3 says it must be the same as the
    /// outer one, which browsers compare as parsed values ([`Self::algorithms_agree`]) and
    /// OpenSSL as written (`strict.algorithms_agree`).
    pub tbs_sig_alg: SigAlg,
    /// Its name, as the report names the outer one.
    pub tbs_sig_alg_name: String,
    /// How the outer algorithm's parameters are written, and the inner one's.
    pub sig_params: (Parameters, Parameters),
    pub sig: Vec<u8>,
    pub aki: Option<Vec<u8>>,
    pub ski: Option<Vec<u8>>,
    pub basic_ca: Option<(bool, Option<u32>)>,
    /// keyUsage as the browsers read it ([`KeyUsageRead::der`]).
    pub key_usage: KeyUsageRead,
    /// keyUsage as OpenSSL reads it ([`KeyUsageRead::openssl`]).
    pub key_usage_openssl: KeyUsageRead,
    /// extKeyUsage allows TLS server auth, when extKeyUsage is present.
    pub eku_server: Option<bool>,
    pub not_before: i64,
    pub not_after: i64,
    pub has_san: bool,
    pub san_dns: Vec<String>,
    pub san_ip: Vec<Vec<u8>>,
    /// The DNS and IP subtrees of a nameConstraints extension (enforced below this CA).
    pub name_constraints: Option<super::constraints::NameConstraints>,
    pub common_names: Vec<String>,
    /// Indices (in `extensions`) of critical extensions not understood.
    pub unsupported_critical: Vec<usize>,
    /// Extensions that did not decode.
    pub unparsable_extensions: Vec<UnparsableExtension>,
    /// Why Chrome's verifier cannot read the certificate around its extensions, when it
    /// cannot (`chrome_der::certificate`: the version, the unique identifiers, the
    /// validity dates, the extension list as a whole). Firefox and OpenSSL read it.
    pub chrome_frame: Option<ChromeRule>,
    /// Whether Chrome can read the values of its subject's and issuer's names, in either of
    /// its two readings (`chrome_der::name`). When it cannot and the frame is otherwise
    /// read, `chrome_frame` is `ChromeRule::NameValue`.
    pub chrome_names: super::chrome_der::NameRead,
    /// Where BoringSSL stops reading the certificate in the TLS handshake, if it does
    /// (`chrome_der::handshake`: only the site's is read there).
    pub handshake_stop: Option<super::chrome_der::HandshakeStop>,
    /// How its key is written, where the clients read it differently
    /// (`chrome_der::key_faults`), in the order they meet the faults.
    pub key_faults: Vec<super::chrome_der::KeyFault>,
    /// What mozilla::pkix meets first as it reads the certificate's elements, if anything
    /// (`chrome_der::mozpkix_reads`).
    pub firefox_reads: Result<(), super::chrome_der::MozpkixFault>,
    /// The validity dates' text as Firefox and OpenSSL read it.
    pub dates: DatesRead,
    /// What OpenSSL meets first as it decodes the certificate, if it cannot: its serial
    /// number, then the issuer's name, then the subject's (`openssl::DecodeFault`).
    pub openssl_decode: Option<super::openssl::DecodeFault>,
    pub sct_count: usize,
    /// The embedded SCTs, for checking their signatures once the issuer is known.
    pub scts: Vec<super::ct::EmbeddedSct>,
    pub version: u64,
    /// The serial number's content octets as encoded (sign octet kept).
    pub serial_raw: Vec<u8>,
    /// Whether a RelativeDistinguishedName of the subject holds more than one attribute.
    pub multi_valued_rdn: bool,
    /// What OpenSSL's strict mode reads of it (Python 3.13 and later).
    pub strict: super::openssl::Strict,
}

impl CertData {
    /// Whether keyUsage, when present, sets any of `bits` ([`DIGITAL_SIGNATURE`]…);
    /// `None` without the extension, which allows every use.
    pub(crate) fn key_usage_allows(&self, bits: u16) -> Option<bool> {
        self.key_usage.allows(bits)
    }

    /// Whether the outer signature algorithm and the signed part's agree as browsers read
    /// them: the same algorithm, whatever the encoding of its parameters.
    pub(crate) fn algorithms_agree(&self) -> bool {
        self.sig_alg == self.tbs_sig_alg
    }

    /// Self-signed as OpenSSL's `build_chain` reads it, before any signature is checked
    /// (`EXFLAG_SS`, `ossl_x509v3_cache_extensions` in crypto/x509/v3_purp.c): self-issued,
    /// its authority key identifier naming its own key ([`super::openssl::Strict`]), and its
    /// own key of the kind its signed part's algorithm names (`check_sig_alg_match`).
    pub(crate) fn openssl_self_signed(&self) -> bool {
        self.strict.self_signed
            && super::openssl::key_fits(&self.tbs_sig_alg, &self.key) != Some(false)
    }

    pub(crate) fn tbs_bytes(&self) -> &[u8] {
        let (start, length) = self.tbs;
        self.der
            .get(start..start.saturating_add(length))
            .unwrap_or_default()
    }
}

/// The text of an attribute value, whatever string type it uses.
fn attribute_text(value: &x509_parser::asn1_rs::Any<'_>) -> String {
    let data = value.data;
    match value.tag() {
        Tag::BmpString => {
            let units: Vec<u16> = data
                .chunks(2)
                .map(|c| {
                    u16::from_be_bytes([
                        c.first().copied().unwrap_or(0),
                        c.get(1).copied().unwrap_or(0),
                    ])
                })
                .collect();
            String::from_utf16_lossy(&units)
        }
        Tag::UniversalString => data
            .chunks_exact(4)
            .filter_map(|c| {
                let bytes: [u8; 4] = c.try_into().ok()?;
                char::from_u32(u32::from_be_bytes(bytes))
            })
            .collect(),
        _ => String::from_utf8_lossy(data).into_owned(),
    }
}

pub(crate) fn name_attributes(name: &X509Name<'_>) -> Vec<NameAttribute> {
    name.iter_attributes()
        .map(|attr| {
            let oid = attr.attr_type();
            NameAttribute {
                name: oids::attribute_name(oid).map_or_else(|| oids::dotted(oid), str::to_owned),
                oid: oids::dotted(oid),
                value: attribute_text(attr.attr_value()),
                tag: attr.attr_value().tag().0,
            }
        })
        .collect()
}

pub(crate) fn format_name(attrs: &[NameAttribute]) -> String {
    attrs
        .iter()
        .map(|a| format!("{}={}", a.name, a.value))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An IP address (4 or 16 bytes), or an address with its mask (8 or 32, as name
/// constraints hold them).
/// An IP address as the octets of an iPAddress entry (4 or 16).
pub(crate) fn ip_octets(ip: std::net::IpAddr) -> Vec<u8> {
    match ip {
        std::net::IpAddr::V4(v) => v.octets().to_vec(),
        std::net::IpAddr::V6(v) => v.octets().to_vec(),
    }
}

pub(crate) fn ip_string(b: &[u8]) -> String {
    if let Ok(v4) = <[u8; 4]>::try_from(b) {
        return std::net::Ipv4Addr::from(v4).to_string();
    }
    if let Ok(v6) = <[u8; 16]>::try_from(b) {
        return std::net::Ipv6Addr::from(v6).to_string();
    }
    if matches!(b.len(), 8 | 32) {
        let (address, mask) = b.split_at(b.len() / 2);
        return format!("{}/{}", ip_string(address), ip_string(mask));
    }
    format!("invalid:{}", hex(b))
}

/// A GeneralName as `type:value` (`dns:example.com`, `ip:192.0.2.1`).
pub(crate) fn general_name(g: &GeneralName<'_>) -> String {
    match g {
        GeneralName::DNSName(s) => format!("dns:{s}"),
        GeneralName::RFC822Name(s) => format!("email:{s}"),
        GeneralName::URI(s) => format!("uri:{s}"),
        GeneralName::IPAddress(b) => format!("ip:{}", ip_string(b)),
        GeneralName::DirectoryName(n) => format!("dirname:{}", format_name(&name_attributes(n))),
        GeneralName::RegisteredID(o) => format!("rid:{}", oids::dotted(o)),
        GeneralName::OtherName(o, _) => format!("othername:{}", oids::dotted(o)),
        _ => "other".to_string(),
    }
}

/// The modulus length of an RSA key in bits (leading zero octets ignored).
fn rsa_bits(modulus: &[u8]) -> u32 {
    let zeros = modulus.iter().take_while(|b| **b == 0).count();
    let significant = modulus.get(zeros..).unwrap_or_default();
    let Some(first) = significant.first() else {
        return 0;
    };
    let bytes = u32::try_from(significant.len()).unwrap_or(u32::MAX);
    bytes
        .saturating_sub(1)
        .saturating_mul(8)
        .saturating_add(8u32.saturating_sub(first.leading_zeros()))
}

/// The signature algorithm as verification needs it, and its name.
fn signature_algorithm(cert: &X509Certificate<'_>) -> (SigAlg, String) {
    algorithm(&cert.signature_algorithm)
}

/// How an AlgorithmIdentifier's parameters are written: RSA PKCS#1 v1.5 takes NULL ones
/// or none, ECDSA none (RFC 5758 section 3.2), RSA-PSS its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Parameters {
    /// None at all.
    Absent,
    /// An ASN.1 NULL.
    Null,
    /// Anything else.
    Other,
}

/// How `alg`'s parameters are written.
fn parameters(alg: &x509_parser::x509::AlgorithmIdentifier<'_>) -> Parameters {
    match &alg.parameters {
        None => Parameters::Absent,
        Some(p)
            if p.class() == x509_parser::asn1_rs::Class::Universal
                && p.tag() == Tag::Null
                && p.data.is_empty() =>
        {
            Parameters::Null
        }
        Some(_) => Parameters::Other,
    }
}

/// Whether two AlgorithmIdentifiers are written the same: the same OID, and parameters
/// both absent or both present with the same tag and bytes (OpenSSL's `X509_ALGOR_cmp`,
/// crypto/asn1/x_algor.c, which `X509_verify` asks before checking the signature).
pub(crate) fn same_algorithm_fields(
    a: &x509_parser::x509::AlgorithmIdentifier<'_>,
    b: &x509_parser::x509::AlgorithmIdentifier<'_>,
) -> bool {
    a.algorithm == b.algorithm
        && match (&a.parameters, &b.parameters) {
            (None, None) => true,
            (Some(x), Some(y)) => {
                x.tag() == y.tag()
                    && x.class() == y.class()
                    && x.header.is_constructed() == y.header.is_constructed()
                    && x.data == y.data
            }
            _ => false,
        }
}

/// A signature's AlgorithmIdentifier as verification needs it, and its name (certificates,
/// requests and revocation lists share it).
pub(crate) fn algorithm(alg: &x509_parser::x509::AlgorithmIdentifier<'_>) -> (SigAlg, String) {
    let Some((name, kind)) = oids::signature(&alg.algorithm) else {
        return (SigAlg::Other, oids::dotted(&alg.algorithm));
    };
    let sig = match kind {
        SignatureKind::RsaPkcs1(hash) => SigAlg::RsaPkcs1(hash),
        SignatureKind::Ecdsa(hash) => SigAlg::Ecdsa(hash),
        SignatureKind::Ed25519 => SigAlg::Ed25519,
        SignatureKind::Other => SigAlg::Other,
        SignatureKind::RsaPss => rsa_pss(alg),
    };
    (sig, name.to_owned())
}

/// RSASSA-PSS parameters (RFC 4055 3.1): the hash, MGF1's hash and the salt length.
fn rsa_pss(alg: &x509_parser::x509::AlgorithmIdentifier<'_>) -> SigAlg {
    use x509_parser::signature_algorithm::SignatureAlgorithm;
    let Ok(SignatureAlgorithm::RSASSA_PSS(params)) = SignatureAlgorithm::try_from(alg) else {
        return SigAlg::Other;
    };
    let hash = oids::hash(params.hash_algorithm_oid());
    let mgf_hash = params
        .mask_gen_algorithm()
        .ok()
        .filter(|m| m.mgf == oids::MGF1)
        .and_then(|m| oids::hash(&m.hash));
    match (hash, params.trailer_field()) {
        (Some(hash), 1) => SigAlg::RsaPss {
            hash,
            mgf_hash,
            salt: usize::try_from(params.salt_length()).unwrap_or(usize::MAX),
        },
        _ => SigAlg::Other,
    }
}

/// Whether `spki` is an elliptic-curve key whose curve is written out (ECParameters'
/// `specifiedCurve`, a SEQUENCE) rather than named by an OID.
pub(crate) fn explicit_curve(spki: &SubjectPublicKeyInfo<'_>) -> bool {
    matches!(oids::key_kind(&spki.algorithm.algorithm), Some(KeyKind::Ec))
        && spki
            .algorithm
            .parameters
            .as_ref()
            .is_some_and(|p| p.tag() == Tag::Sequence)
}

/// The named curve a curve written out has the field of (its prime p, as DER writes the
/// INTEGER in `fieldID`): P-256, P-384 or P-521, which OpenSSL reads such parameters as
/// (RFC 5480's curves; FIPS 186-4 D.1.2 gives the primes). Another prime names none.
fn explicit_curve_name(spki: &SubjectPublicKeyInfo<'_>) -> Option<&'static str> {
    let params = spki.algorithm.parameters.as_ref()?;
    let data: &[u8] = params.data;
    let mut p256 = vec![
        0x02, 0x21, 0x00, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01,
    ];
    p256.extend([0x00; 12]);
    p256.extend([0xff; 12]);
    let mut p384 = vec![0x02, 0x31, 0x00];
    p384.extend([0xff; 31]);
    p384.extend([0xfe, 0xff, 0xff, 0xff, 0xff]);
    p384.extend([0x00; 8]);
    p384.extend([0xff; 4]);
    let mut p521 = vec![0x02, 0x42, 0x01];
    p521.extend([0xff; 65]);
    let has = |prime: &[u8]| data.windows(prime.len()).any(|w| w == prime);
    [("P-256", p256), ("P-384", p384), ("P-521", p521)]
        .into_iter()
        .find(|(_, prime)| has(prime))
        .map(|(name, _)| name)
}

/// The public key as verification needs it, and as the report shows it.
pub(crate) fn public_key(spki: &SubjectPublicKeyInfo<'_>) -> (KeyMaterial, PublicKeyReport) {
    let algorithm_oid = &spki.algorithm.algorithm;
    let report = |algorithm: &str, bits, curve, exponent| PublicKeyReport {
        algorithm: algorithm.to_owned(),
        bits,
        curve,
        explicit_curve: false,
        exponent,
    };
    let data: &[u8] = &spki.subject_public_key.data;
    match oids::key_kind(algorithm_oid) {
        Some(kind @ (KeyKind::Rsa | KeyKind::RsaPss)) => {
            let name = if kind == KeyKind::Rsa {
                "RSA"
            } else {
                "RSA-PSS"
            };
            // x509-parser parses rsaEncryption keys; an RSA-PSS key has the same body.
            let parsed =
                <x509_parser::public_key::RSAPublicKey<'_> as x509_parser::prelude::FromDer<
                    '_,
                    x509_parser::error::X509Error,
                >>::from_der(data)
                .ok()
                .map(|(_, key)| key);
            match parsed {
                Some(key) => {
                    let exponent = key.try_exponent().ok();
                    (
                        KeyMaterial::Rsa {
                            n: key.modulus.to_vec(),
                            e: key.exponent.to_vec(),
                            pss: kind == KeyKind::RsaPss,
                        },
                        report(name, Some(rsa_bits(key.modulus)), None, exponent),
                    )
                }
                // One x509-parser does not read (an integer with a 00 octet that says
                // nothing), read as OpenSSL reads it.
                None => match super::chrome_der::rsa_numbers(data) {
                    Some((n, e)) => {
                        let exponent = u64::try_from(e.len())
                            .ok()
                            .filter(|&len| len <= 8)
                            .map(|_| e.iter().fold(0_u64, |acc, &o| (acc << 8) | u64::from(o)));
                        let bits = Some(rsa_bits(&n));
                        (
                            KeyMaterial::Rsa {
                                n,
                                e,
                                pss: kind == KeyKind::RsaPss,
                            },
                            report(name, bits, None, exponent),
                        )
                    }
                    None => (KeyMaterial::Other, report(name, None, None, None)),
                },
            }
        }
        Some(KeyKind::Ec) => {
            // Named by an OID (RFC 5480); anything else (the curve written out, NULL,
            // nothing) names no curve.
            let named = spki
                .algorithm
                .parameters
                .as_ref()
                .filter(|p| p.tag() == Tag::Oid)
                .and_then(|p| p.as_oid().ok());
            let known = named.as_ref().and_then(oids::curve);
            let curve_name = known
                .map(|(name, _, _)| name.to_owned())
                .or_else(|| named.as_ref().map(oids::dotted))
                .or_else(|| explicit_curve_name(spki).map(str::to_owned));
            (
                KeyMaterial::Ec {
                    curve: known.map_or(Curve::Other, |(_, _, c)| c),
                    point: data.to_vec(),
                },
                PublicKeyReport {
                    explicit_curve: explicit_curve(spki),
                    ..report("EC", known.map(|(_, bits, _)| bits), curve_name, None)
                },
            )
        }
        Some(KeyKind::Ed25519) => (
            KeyMaterial::Ed25519(data.to_vec()),
            report("Ed25519", Some(256), None, None),
        ),
        Some(KeyKind::Other(name)) => (KeyMaterial::Other, report(name, None, None, None)),
        None => {
            // Whatever x509-parser makes of it, for the size at least.
            let bits = match spki.parsed() {
                Ok(PublicKey::Unknown(_)) | Err(_) => None,
                Ok(key) => u32::try_from(key.key_size()).ok().filter(|b| *b > 0),
            };
            (
                KeyMaterial::Other,
                report(&oids::dotted(algorithm_oid), bits, None, None),
            )
        }
    }
}

/// Byte ranges of the certificate's structure; best effort, never panics.
fn ranges(d: &[u8]) -> (Vec<FieldRange>, Vec<Tlv>, (usize, usize)) {
    let mut out = Vec::new();
    let mut exts = Vec::new();
    let push = |out: &mut Vec<FieldRange>, field: Field, t: &Tlv| {
        out.push(FieldRange {
            field,
            offset: t.start,
            length: t.end.saturating_sub(t.start),
        });
    };
    let Ok(cert) = read_tlv(d, 0, d.len()) else {
        return (out, exts, (0, 0));
    };
    push(&mut out, Field::Certificate, &cert);
    let top = der::children(d, &cert);
    let Some(tbs) = top.first() else {
        return (out, exts, (0, 0));
    };
    push(&mut out, Field::TbsCertificate, tbs);
    let mut kids = der::children(d, tbs).into_iter().peekable();
    if let Some(v) = kids.peek().filter(|t| t.tag == 0xa0).copied() {
        push(&mut out, Field::Version, &v);
        kids.next();
    }
    for field in [
        Field::Serial,
        Field::SignatureAlgorithmInner,
        Field::Issuer,
        Field::Validity,
        Field::Subject,
        Field::SubjectPublicKeyInfo,
    ] {
        let Some(t) = kids.next() else { break };
        push(&mut out, field, &t);
        if field == Field::Validity {
            let v = der::children(d, &t);
            if let Some(nb) = v.first() {
                push(&mut out, Field::NotBefore, nb);
            }
            if let Some(na) = v.get(1) {
                push(&mut out, Field::NotAfter, na);
            }
        }
    }
    for t in kids {
        match t.tag {
            0x81 | 0xa1 => push(&mut out, Field::IssuerUniqueId, &t),
            0x82 | 0xa2 => push(&mut out, Field::SubjectUniqueId, &t),
            0xa3 => {
                push(&mut out, Field::Extensions, &t);
                if let Some(seq) = der::children(d, &t).first() {
                    exts = der::children(d, seq);
                }
            }
            _ => {}
        }
    }
    if let Some(t) = top.get(1) {
        push(&mut out, Field::SignatureAlgorithm, t);
    }
    if let Some(t) = top.get(2) {
        push(&mut out, Field::SignatureValue, t);
    }
    (out, exts, (tbs.start, tbs.end.saturating_sub(tbs.start)))
}

/// keyUsage's digitalSignature bit (RFC 5280 4.2.1.3).
pub(crate) const DIGITAL_SIGNATURE: u16 = 1;
/// keyUsage's keyEncipherment bit.
pub(crate) const KEY_ENCIPHERMENT: u16 = 1 << 2;
/// keyUsage's keyAgreement bit.
pub(crate) const KEY_AGREEMENT: u16 = 1 << 4;
/// keyUsage's keyCertSign bit.
pub(crate) const KEY_CERT_SIGN: u16 = 1 << 5;
/// keyUsage's cRLSign bit.
pub(crate) const CRL_SIGN: u16 = 1 << 6;

/// keyUsage as one client reads the extension's bytes: each parses them its own way, so a
/// keyUsage written loosely can be fine to one and refuse every use to another.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeyUsageRead {
    /// No keyUsage extension: every use allowed.
    #[default]
    Absent,
    /// The bits (bit 0 digitalSignature … bit 8 decipherOnly, RFC 5280 4.2.1.3, as
    /// the certificate details name them; 0 when none is set).
    Bits(u16),
    /// There, and not read: the client allows the key no use at all.
    Unreadable,
}

impl KeyUsageRead {
    /// As DER has it, which is how BoringSSL's TLS code (`ssl_cert_check_key_usage` in
    /// ssl/ssl_cert.cc with `CBS_is_valid_asn1_bitstring` in crypto/bytestring/cbs.cc),
    /// Chromium's verifier (`ParseKeyUsage`, pki/parse_certificate.cc) and mozilla::pkix
    /// (`CheckKeyUsage`, lib/mozpkix/lib/pkixcheck.cpp) read it: one BIT STRING with the
    /// shortest length, filling the extension's value, at most 7 unused bits, and those
    /// present in a last octet and zero.
    pub(crate) fn der(value: &[u8]) -> KeyUsageRead {
        let Some((content, after)) = bit_string(value) else {
            return KeyUsageRead::Unreadable;
        };
        let Some((&unused, octets)) = content.split_first() else {
            return KeyUsageRead::Unreadable;
        };
        let padding = 1u8
            .checked_shl(u32::from(unused))
            .map(|b| b.wrapping_sub(1));
        let padding_clear = match (padding, octets.last()) {
            (Some(0), _) => true,
            (Some(mask), Some(last)) => last & mask == 0,
            _ => false,
        };
        if !after.is_empty() || unused > 7 || !padding_clear {
            return KeyUsageRead::Unreadable;
        }
        KeyUsageRead::Bits(key_usage_bits(octets))
    }

    /// As OpenSSL reads it (`X509_get_ext_d2i`, then `c2i_ASN1_BIT_STRING` in
    /// crypto/asn1/a_bitstr.c): a BIT STRING as BER allows it ([`openssl_bit_string`]),
    /// whatever follows it, at most 7 unused bits, which it clears; its bits are the first
    /// two octets whole (`ex_kusage`, crypto/x509/v3_purp.c), so a bit past decipherOnly
    /// counts as a use.
    pub(crate) fn openssl(value: &[u8]) -> KeyUsageRead {
        let content = openssl_bit_string(value);
        match content.as_deref().and_then(<[u8]>::split_first) {
            Some((&unused, octets)) if unused <= 7 => {
                let mut first_two = [0u8; 2];
                for (to, from) in first_two.iter_mut().zip(octets) {
                    *to = *from;
                }
                // The unused bits of the last octet cleared (`s[len - 1] &= 0xff << i`).
                if let Some(last) = octets.len().checked_sub(1).filter(|&l| l < 2)
                    && let Some(octet) = first_two.get_mut(last)
                {
                    *octet &= 0xffu8.checked_shl(u32::from(unused)).unwrap_or(0);
                }
                KeyUsageRead::Bits(key_usage_bits(&first_two))
            }
            _ => KeyUsageRead::Unreadable,
        }
    }

    /// Whether any of `bits` is allowed: `None` without the extension (every use is);
    /// an unreadable one allows none.
    pub(crate) fn allows(self, bits: u16) -> Option<bool> {
        match self {
            KeyUsageRead::Absent => None,
            KeyUsageRead::Bits(flags) => Some(flags & bits != 0),
            KeyUsageRead::Unreadable => Some(false),
        }
    }

    /// Whether the client takes the certificate as written: absent, or read and naming a
    /// use. Each asks it of its own reading: Chromium's verifier cannot parse a certificate
    /// whose keyUsage is not DER or names no use (`ParseKeyUsage`, pki/parse_certificate.cc),
    /// and OpenSSL marks such a one invalid (`ossl_x509v3_cache_extensions`,
    /// crypto/x509/v3_purp.c: X509V3_R_EMPTY_KEY_USAGE).
    pub(crate) fn names_a_use(self) -> bool {
        !matches!(self, KeyUsageRead::Bits(0) | KeyUsageRead::Unreadable)
    }
}

/// The bits of keyUsage's first two octets, bit 0 (digitalSignature) the first octet's
/// highest, bit 8 (decipherOnly) the second's.
fn key_usage_bits(octets: &[u8]) -> u16 {
    let first = octets.first().map_or(0, |o| u16::from(o.reverse_bits()));
    let second = octets.get(1).map_or(0, |o| u16::from(o.reverse_bits()));
    first | second << 8
}

/// The content of the BIT STRING `der` starts with, as OpenSSL's decoder takes it
/// (`ASN1_get_object` in crypto/asn1/asn1_lib.c, `asn1_d2i_ex_primitive` and
/// `asn1_collect` in crypto/asn1/tasn_dec.c): its tag in either form, its length in any
/// definite form; or written in parts (constructed), their contents joined.
fn openssl_bit_string(der: &[u8]) -> Option<Vec<u8>> {
    let (header, rest) = ber_header(der)?;
    if header.class != 0 || header.tag != 3 {
        return None;
    }
    if !header.constructed {
        return rest.get(..header.length?).map(<[u8]>::to_vec);
    }
    let mut content = Vec::new();
    collect_parts(rest, header.length, 0, &mut content)?;
    Some(content)
}

/// A BER identifier and length, as `ASN1_get_object` reads them.
struct BerHeader {
    constructed: bool,
    class: u8,
    tag: u32,
    /// `None` for the indefinite form (constructed only).
    length: Option<usize>,
}

fn ber_header(der: &[u8]) -> Option<(BerHeader, &[u8])> {
    let (&first, mut rest) = der.split_first()?;
    let mut tag = u32::from(first & 0x1f);
    if tag == 0x1f {
        tag = 0;
        loop {
            let (&octet, after) = rest.split_first()?;
            rest = after;
            tag = tag.checked_mul(128)?.checked_add(u32::from(octet & 0x7f))?;
            if octet & 0x80 == 0 {
                break;
            }
        }
    }
    let constructed = first & 0x20 != 0;
    let (&form, rest) = rest.split_first()?;
    let (length, rest) = match form {
        0x80 if constructed => (None, rest),
        0x80 => return None,
        short if short < 0x80 => (Some(usize::from(short)), rest),
        long => {
            let (octets, rest) = rest.split_at_checked(usize::from(long & 0x7f))?;
            let length = octets.iter().try_fold(0usize, |n, &o| {
                n.checked_mul(256)?.checked_add(usize::from(o))
            })?;
            (Some(length), rest)
        }
    };
    let class = first >> 6;
    Some((
        BerHeader {
            constructed,
            class,
            tag,
            length,
        },
        rest,
    ))
}

/// `asn1_collect`: appends to `out` the contents of the parts `der` holds (its first
/// `length` bytes, or up to the end-of-contents octets for the indefinite form), each of
/// the universal class, nested at most 5 deep (`ASN1_MAX_STRING_NEST`); how many bytes of
/// `der` that took, or `None` when it is malformed.
fn collect_parts(der: &[u8], length: Option<usize>, depth: u8, out: &mut Vec<u8>) -> Option<usize> {
    let whole = match length {
        Some(n) => der.get(..n)?,
        None => der,
    };
    let mut rest = whole;
    loop {
        if rest.starts_with(&[0, 0]) {
            // End-of-contents: only where the length was left open.
            return match length {
                Some(_) => None,
                None => whole.len().checked_sub(rest.len())?.checked_add(2),
            };
        }
        if rest.is_empty() {
            return length;
        }
        let (header, after) = ber_header(rest)?;
        if header.class != 0 {
            return None;
        }
        rest = if header.constructed {
            if depth >= 5 {
                return None;
            }
            let used = collect_parts(after, header.length, depth.checked_add(1)?, out)?;
            after.get(used..)?
        } else {
            let n = header.length?;
            out.extend_from_slice(after.get(..n)?);
            after.get(n..)?
        };
    }
}

/// The content of the BIT STRING `der` starts with, and what follows it, as DER writes
/// it: a one-octet tag, the length in its shortest form (BoringSSL's `CBS_get_asn1`,
/// mozilla::pkix's `ReadTagAndGetValue`).
fn bit_string(der: &[u8]) -> Option<(&[u8], &[u8])> {
    let (&tag, rest) = der.split_first()?;
    let (&first, rest) = rest.split_first()?;
    if tag != 0x03 {
        return None;
    }
    let (length, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let (octets, rest) = rest.split_at_checked(usize::from(first & 0x7f))?;
        let length = octets.iter().try_fold(0usize, |n, &o| {
            n.checked_mul(256)?.checked_add(usize::from(o))
        })?;
        let long_needed = octets.first().is_some_and(|&o| o != 0) && length >= 0x80;
        if !long_needed {
            return None;
        }
        (length, rest)
    };
    rest.split_at_checked(length)
}

/// keyUsage's bits by name, bit 0 first (RFC 5280 4.2.1.3).
const KEY_USAGE_BITS: [&str; 9] = [
    "digitalSignature",
    "nonRepudiation",
    "keyEncipherment",
    "dataEncipherment",
    "keyAgreement",
    "keyCertSign",
    "cRLSign",
    "encipherOnly",
    "decipherOnly",
];

/// Builds the report and the internal data from a parsed certificate.
pub(crate) fn build(
    cert: &X509Certificate<'_>,
    der_bytes: &[u8],
    index: usize,
    block: usize,
) -> (CertificateReport, CertData) {
    let tbs = &cert.tbs_certificate;
    let subject_attributes = name_attributes(&tbs.subject);
    let issuer_attributes = name_attributes(&tbs.issuer);
    let subject = format_name(&subject_attributes);
    let issuer = format_name(&issuer_attributes);
    let (sig_alg, signature_algorithm_name) = signature_algorithm(cert);
    let (tbs_sig_alg, tbs_sig_alg_name) = algorithm(&tbs.signature);
    let (key, public_key) = public_key(&tbs.subject_pki);
    let (mut ranges, extension_tlvs, tbs_range) = ranges(der_bytes);
    let not_before = tbs.validity.not_before.timestamp();
    let not_after = tbs.validity.not_after.timestamp();
    // The version field holds v-1; a hostile certificate may claim any number.
    let version = u64::from(tbs.version.0).saturating_add(1);

    let mut r = CertificateReport {
        index,
        block,
        version,
        serial_hex: serial_hex(tbs.raw_serial()),
        subject: subject.clone(),
        subject_attributes,
        issuer: issuer.clone(),
        issuer_attributes,
        not_before: UnixTime(not_before),
        not_after: UnixTime(not_after),
        san_dns: Vec::new(),
        san_dns_unicode: Vec::new(),
        san_ip: Vec::new(),
        san_email: Vec::new(),
        san_uri: Vec::new(),
        public_key,
        signature_algorithm: signature_algorithm_name,
        signature_algorithm_oid: oids::dotted(&cert.signature_algorithm.algorithm),
        is_ca: false,
        path_len: None,
        self_signed: false,
        self_issued: tbs.subject.as_raw() == tbs.issuer.as_raw(),
        sha256: hex(&Sha256::digest(der_bytes)),
        sha1: hex(&Sha1::digest(der_bytes)),
        spki_sha256: hex(&Sha256::digest(tbs.subject_pki.raw)),
        key_usage: Vec::new(),
        ext_key_usage: Vec::new(),
        subject_key_id: None,
        authority_key_id: None,
        ocsp_urls: Vec::new(),
        ca_issuers_urls: Vec::new(),
        crl_urls: Vec::new(),
        policies: Vec::new(),
        validation_level: None,
        scts: Vec::new(),
        name_constraints: None,
        extensions: Vec::new(),
        ranges: Vec::new(),
        der_length: der_bytes.len(),
    };
    let mut data = CertData {
        der: der_bytes.to_vec(),
        tbs: tbs_range,
        subject_raw: tbs.subject.as_raw().to_vec(),
        issuer_raw: tbs.issuer.as_raw().to_vec(),
        subject_norm: subject.to_lowercase(),
        issuer_norm: issuer.to_lowercase(),
        spki_raw: tbs.subject_pki.raw.to_vec(),
        rsa_bits: match key {
            KeyMaterial::Rsa { .. } => r.public_key.bits,
            _ => None,
        },
        key,
        sig_alg,
        tbs_sig_alg,
        tbs_sig_alg_name,
        sig_params: (
            parameters(&cert.signature_algorithm),
            parameters(&tbs.signature),
        ),
        sig: cert.signature_value.data.to_vec(),
        aki: None,
        ski: None,
        basic_ca: None,
        key_usage: KeyUsageRead::Absent,
        key_usage_openssl: KeyUsageRead::Absent,
        eku_server: None,
        not_before,
        not_after,
        has_san: false,
        san_dns: Vec::new(),
        san_ip: Vec::new(),
        name_constraints: None,
        common_names: tbs
            .subject
            .iter_common_name()
            .map(|cn| attribute_text(cn.attr_value()))
            .collect(),
        unsupported_critical: Vec::new(),
        unparsable_extensions: Vec::new(),
        chrome_frame: None,
        chrome_names: super::chrome_der::NameRead::default(),
        handshake_stop: None,
        key_faults: Vec::new(),
        firefox_reads: Ok(()),
        dates: DatesRead::default(),
        openssl_decode: None,
        sct_count: 0,
        scts: Vec::new(),
        version,
        serial_raw: tbs.raw_serial().to_vec(),
        multi_valued_rdn: tbs.subject.iter().any(|rdn| rdn.iter().nth(1).is_some()),
        strict: super::openssl::Strict::default(),
    };
    data.strict = super::openssl::Strict::of(
        cert,
        super::chain::names_equal(
            &data.subject_raw,
            &data.subject_norm,
            &data.issuer_raw,
            &data.issuer_norm,
        ),
    );

    data.chrome_frame = super::chrome_der::certificate(der_bytes).err();
    let [subject, issuer] =
        [&data.subject_raw, &data.issuer_raw].map(|name| super::chrome_der::name(name));
    data.chrome_names = super::chrome_der::NameRead {
        principal_fails: subject.principal_fails || issuer.principal_fails,
        normalizing_fails: subject.normalizing_fails || issuer.normalizing_fails,
    };
    if data.chrome_names != super::chrome_der::NameRead::default() {
        data.chrome_frame = data.chrome_frame.or(Some(ChromeRule::NameValue));
    }
    data.handshake_stop = super::chrome_der::handshake(der_bytes).err();
    data.firefox_reads = super::chrome_der::mozpkix_reads(der_bytes);
    data.key_faults = super::chrome_der::key_faults(tbs.subject_pki.raw);
    data.openssl_decode = data
        .serial_fault()
        .map(super::openssl::DecodeFault::of_serial)
        .or_else(|| super::chrome_der::openssl_name_fault(&data.issuer_raw))
        .or_else(|| super::chrome_der::openssl_name_fault(&data.subject_raw));
    data.dates = DatesRead::of(der_bytes, &ranges);
    // `ParsedCertificate::Create` asks more of subjectAltName when the subject is empty.
    let subject_empty = data.subject_raw == [0x30, 0x00];
    let lists_agree = extension_tlvs.len() == tbs.extensions().len();
    let (mut seen, mut reported) = (
        std::collections::HashSet::new(),
        std::collections::HashSet::new(),
    );
    for (i, ext) in tbs.extensions().iter().enumerate() {
        let (offset, length) = extension_tlvs
            .get(i)
            .map_or((0, 0), |t| (t.start, t.end.saturating_sub(t.start)));
        ranges.push(FieldRange {
            field: Field::Extension(i),
            offset,
            length,
        });
        let decoded = read_extension(ext, &mut r, &mut data);
        // keyUsage is read from its bytes by each client's own rules, whether it decodes
        // here or not: no client counts it as a critical extension it does not know.
        let key_usage = ext.oid == x509_parser::oid_registry::OID_X509_EXT_KEY_USAGE;
        if key_usage {
            data.key_usage = KeyUsageRead::der(ext.value);
            data.key_usage_openssl = KeyUsageRead::openssl(ext.value);
        }
        // The second of two (or more) extensions with one OID is refused by itself.
        let repeated = !seen.insert(ext.oid.as_bytes());
        let duplicate = repeated && reported.insert(ext.oid.as_bytes());
        // Chrome's own parser, stricter than x509-parser on some forms and looser on one:
        // the extension's frame, then its value.
        // (The DER walker's extensions are this list's when both count the same.)
        let framed = extension_tlvs
            .get(i)
            .filter(|_| lists_agree)
            .and_then(|t| der_bytes.get(t.start..t.end))
            .map_or(Ok(()), super::chrome_der::frame);
        let chrome = super::chrome_der::extension(&ext.oid, ext.critical, ext.value, subject_empty);
        let parse_error = matches!(ext.parsed_extension(), ParsedExtension::ParseError { .. });
        if !decoded {
            // One every client handles when critical, but which does not decode, is not a
            // critical extension they do not know: its own finding says what each does.
            let mut known = key_usage;
            if parse_error {
                known |= critical_known(&ext.oid);
                // The site's names are there, unreadable: not a certificate without them.
                data.has_san |= ext.oid == x509_parser::oid_registry::OID_X509_EXT_SUBJECT_ALT_NAME;
            }
            if ext.critical && !known {
                data.unsupported_critical.push(i);
            }
        }
        // One finding for the extension, whatever is wrong with it, in the order each
        // client reads it: its frame, whether it came before, its value.
        let refused = [
            framed
                .err()
                .map(|rule| UnparsableExtension::framed(i, rule)),
            duplicate.then(|| UnparsableExtension::duplicate(i, &ext.oid, ext.critical)),
            (parse_error && !repeated).then(|| {
                UnparsableExtension::of(i, &ext.oid, ext.value, matches!(chrome, Some(Err(_))))
            }),
            chrome
                .and_then(Result::err)
                .filter(|_| decoded && !repeated)
                .map(|rule| UnparsableExtension::strict(i, &ext.oid, rule)),
        ];
        if let Some(u) = refused
            .into_iter()
            .flatten()
            .reduce(UnparsableExtension::then)
        {
            data.unparsable_extensions.push(u);
        }
        r.extensions.push(ExtensionReport {
            oid: oids::dotted(&ext.oid),
            name: oids::extension_name(&ext.oid)
                .map_or_else(|| oids::dotted(&ext.oid), str::to_owned),
            critical: ext.critical,
            decoded,
            offset,
            length,
        });
    }
    r.validation_level = r.policies.iter().filter_map(|p| p.validation).min();
    r.ranges = ranges;
    (r, data)
}

/// The validity dates' text as Firefox and OpenSSL read it ([`DateText`]: RFC 5280 fixes
/// one form, x509-parser reads more); Chrome's reading is `chrome_der::certificate`
/// (`ChromeRule::TimeForm`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct DatesRead {
    /// OpenSSL cannot read notBefore, notAfter, and reports a format error in that field
    /// (errors 13 and 14): `X509_cmp_time` (crypto/x509/x509_vfy.c) takes the fixed form
    /// alone, then `ASN1_TIME_diff` each part in its range (`ossl_asn1_time_to_tm`,
    /// crypto/asn1/a_time.c: seconds up to 59).
    pub openssl_unreadable: [bool; 2],
    /// mozilla::pkix refuses the dates (`ParseValidity`, lib/mozpkix/lib/pkixcheck.cpp:
    /// `ERROR_INVALID_DER_TIME`, which Firefox names `SEC_ERROR_INVALID_TIME`): one not
    /// in the fixed form (`der::TimeChoice`, pkixder.cpp: seconds up to 59, no year before
    /// 1970), or a notBefore after the notAfter.
    pub firefox_invalid: bool,
    /// Chrome reads both dates (`chrome_der::takes_date`).
    pub chrome_reads: bool,
}

impl DatesRead {
    /// The two dates, found where `ranges` (the certificate's fields in `der`) put them.
    fn of(der: &[u8], ranges: &[FieldRange]) -> DatesRead {
        let date = |field: Field| {
            let range = ranges.iter().find(|r| r.field == field)?;
            let tlv =
                read_tlv(der, range.offset, range.offset.saturating_add(range.length)).ok()?;
            let text = der.get(tlv.content..tlv.end)?;
            match tlv.tag {
                0x17 => DateText::read(text, false),
                0x18 => DateText::read(text, true),
                _ => None,
            }
        };
        let dates = [date(Field::NotBefore), date(Field::NotAfter)];
        let firefox = dates.map(|d| d.filter(|d| d.in_range(59) && d.year >= 1970));
        DatesRead {
            openssl_unreadable: dates.map(|d| !d.is_some_and(|d| d.in_range(59))),
            firefox_invalid: match firefox {
                [Some(before), Some(after)] => before > after,
                _ => true,
            },
            chrome_reads: dates
                .iter()
                .all(|d| d.as_ref().is_some_and(super::chrome_der::takes_date)),
        }
    }
}

/// An extension that did not decode (x509-parser could not read its value: empty, or not
/// the type RFC 5280 gives it), or one that decodes but Chrome's stricter parser cannot read
/// (`chrome_der`), and which clients cannot read the certificate because of it.
/// keyUsage is read from its bytes by each client ([`KeyUsageRead`]); only an empty one is
/// counted here, as Firefox refuses it at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct UnparsableExtension {
    /// Its index in the certificate's extensions.
    pub index: usize,
    /// Chrome's verifier cannot read the certificate. It parses these when it reads one,
    /// critical or not (`ParsedCertificate::Create`, pki/parsed_certificate.cc; each as
    /// `chrome_der` reads it): basicConstraints, extKeyUsage, subjectAltName,
    /// nameConstraints, authorityInfoAccess, certificatePolicies, policyConstraints,
    /// policyMappings, inhibitAnyPolicy and the two key identifiers; CRL distribution
    /// points, SCTs and the rest it does not read while verifying. Chromium 156 against a
    /// TLS server sending a site certificate with a NULL as the value of each:
    /// `ERR_CERT_INVALID` for those (the key identifiers from the source alone), an unknown
    /// root's `ERR_CERT_AUTHORITY_INVALID` for the rest.
    pub chrome: bool,
    /// Set when the value decodes and Chrome's stricter parser refuses it: why (who else
    /// does: `UnparsableExtension::strict`).
    pub strict: Option<ChromeRule>,
    /// OpenSSL 3 treats the certificate as invalid ([`openssl_refuses`]).
    pub openssl: bool,
    /// Where Firefox trips over it, if it does.
    pub firefox: Option<FirefoxStep>,
    /// It is keyUsage.
    pub key_usage: bool,
}

/// Whether OpenSSL 3 treats a certificate as invalid for this extension, which x509-parser
/// could not decode. OpenSSL decodes basicConstraints, the two key identifiers,
/// extKeyUsage, subjectAltName, nameConstraints, CRL distribution points and the Netscape
/// certificate type when it first looks at a certificate, and one it cannot decode sets
/// `EXFLAG_INVALID` (`ossl_x509v3_cache_extensions`, crypto/x509/v3_purp.c). It reads them
/// as BER, more loosely than x509-parser (an indefinite length, a BOOLEAN written other than
/// as 0xFF, more bytes in a BIT STRING than it uses), so only what it surely cannot read is
/// counted: an empty value, or one that is not of the type's tag. openssl 3.0.19 on each,
/// empty, a NULL and such looser forms, of a site and of an intermediate:
/// tests/cert_openssl_clients.rs.
fn openssl_refuses(oid: &x509_parser::asn1_rs::Oid<'_>, value: &[u8]) -> bool {
    use x509_parser::oid_registry as o;
    const SEQUENCE: &[u8] = &[0x30];
    // A string may be written in parts in BER (the constructed form).
    const OCTET_STRING: &[u8] = &[0x04, 0x24];
    const BIT_STRING: &[u8] = &[0x03, 0x23];
    let tags = if one_of(
        oid,
        &[
            &o::OID_X509_EXT_BASIC_CONSTRAINTS,
            &o::OID_X509_EXT_AUTHORITY_KEY_IDENTIFIER,
            &o::OID_X509_EXT_EXTENDED_KEY_USAGE,
            &o::OID_X509_EXT_SUBJECT_ALT_NAME,
            &o::OID_X509_EXT_NAME_CONSTRAINTS,
            &o::OID_X509_EXT_CRL_DISTRIBUTION_POINTS,
        ],
    ) {
        SEQUENCE
    } else if *oid == o::OID_X509_EXT_SUBJECT_KEY_IDENTIFIER {
        OCTET_STRING
    } else if *oid == o::OID_X509_EXT_CERT_TYPE {
        BIT_STRING
    } else {
        return false;
    };
    value.first().is_none_or(|tag| !tags.contains(tag))
}

/// Whether every client handles this extension when it is marked critical: Chromium's
/// `IsHandledCriticalExtension` (pki/verify_certificate_chain.cc), the extensions
/// mozilla::pkix keeps (`BackCert::RememberExtension`, lib/mozpkix/lib/pkixcert.cpp) and
/// OpenSSL's `X509_supported_extension` (crypto/x509/v3_purp.c) all name these (keyUsage
/// too, read apart).
fn critical_known(oid: &x509_parser::asn1_rs::Oid<'_>) -> bool {
    use x509_parser::oid_registry as o;
    one_of(
        oid,
        &[
            &o::OID_X509_EXT_BASIC_CONSTRAINTS,
            &o::OID_X509_EXT_EXTENDED_KEY_USAGE,
            &o::OID_X509_EXT_SUBJECT_ALT_NAME,
            &o::OID_X509_EXT_NAME_CONSTRAINTS,
            &o::OID_X509_EXT_CERTIFICATE_POLICIES,
            &o::OID_X509_EXT_POLICY_CONSTRAINTS,
            &o::OID_X509_EXT_INHIBIT_ANY_POLICY,
        ],
    )
}

/// Whether mozilla::pkix keeps this extension as it reads a certificate
/// (`BackCert::RememberExtension`, lib/mozpkix/lib/pkixcert.cpp): an empty value of one
/// ends the reading, and so does a second copy (`UnparsableExtension::duplicate`). A
/// Netscape certificate type it keeps only when `critical`.
fn firefox_keeps(oid: &x509_parser::asn1_rs::Oid<'_>, critical: bool) -> bool {
    use x509_parser::oid_registry as o;
    (critical && *oid == o::OID_X509_EXT_CERT_TYPE)
        || one_of(
            oid,
            &[
                &o::OID_X509_EXT_KEY_USAGE,
                &o::OID_X509_EXT_SUBJECT_ALT_NAME,
                &o::OID_X509_EXT_BASIC_CONSTRAINTS,
                &o::OID_X509_EXT_NAME_CONSTRAINTS,
                &o::OID_X509_EXT_CERTIFICATE_POLICIES,
                &o::OID_X509_EXT_POLICY_CONSTRAINTS,
                &o::OID_X509_EXT_EXTENDED_KEY_USAGE,
                &o::OID_X509_EXT_INHIBIT_ANY_POLICY,
                &o::OID_PKIX_AUTHORITY_INFO_ACCESS,
                &super::oids::TLS_FEATURE,
                &o::OID_CT_LIST_SCT,
                &super::oids::QC_STATEMENTS,
            ],
        )
}

/// Whether `oid` is one of `known`.
fn one_of<'a>(
    oid: &'a x509_parser::asn1_rs::Oid<'a>,
    known: &[&'a x509_parser::asn1_rs::Oid<'a>],
) -> bool {
    known.contains(&oid)
}

/// Where mozilla::pkix trips over an extension that does not decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FirefoxStep {
    /// An empty value of an extension it keeps (keyUsage, subjectAltName,
    /// basicConstraints, nameConstraints, certificatePolicies, policyConstraints,
    /// extKeyUsage, inhibitAnyPolicy, authorityInfoAccess, SCTs), or a second copy of one
    /// (`UnparsableExtension::duplicate`): `BackCert::Init` refuses the certificate as it
    /// reads it (`RememberExtension`, lib/mozpkix/lib/pkixcert.cpp:
    /// `ERROR_EXTENSION_VALUE_INVALID`).
    Parsing,
    /// basicConstraints, among the certificate's own properties (`CheckBasicConstraints`,
    /// pkixcheck.cpp): `ERROR_EXTENSION_VALUE_INVALID`.
    BasicConstraints,
    /// extKeyUsage, among them (`CheckExtendedKeyUsage`): `ERROR_INADEQUATE_CERT_TYPE`.
    ExtendedKeyUsage,
    /// nameConstraints, read when the certificate is tried as an issuer
    /// (`CheckNameConstraints`, pkixnames.cpp): `ERROR_BAD_DER`.
    NameConstraints,
    /// subjectAltName, read for the site's name (`CheckCertHostname`, pkixnames.cpp), whose
    /// `ERROR_BAD_DER` PSM reports as a name that does not match
    /// (`SSL_ERROR_BAD_CERT_DOMAIN`).
    SubjectAltName,
    /// The extension's frame (`SEQUENCE { extnID, critical, extnValue }`) not in DER: a
    /// critical flag other than 00 or FF, a length not in its shortest form, bytes after
    /// the value. Reading the certificate fails (`BackCert::Init`, pkixcert.cpp, over
    /// `der::OptionalExtensions`, pkixder.h): `ERROR_BAD_DER`.
    Framing,
    /// The site's embedded SCT list, read once the issuers above it have led to a trust
    /// anchor and its signature verifies (`PathBuildingStep::Check`, pkixbuild.cpp, and
    /// `ExtractSignedCertificateTimestampListFromExtension`, pkixcert.cpp): `ERROR_BAD_DER`.
    Scts,
}

impl CertData {
    /// mozilla::pkix reads a pathLenConstraint of 0 to 127 only (`der::OptionalInteger` over
    /// `internal::IntegralValue`, lib/mozpkix/include/pkix/pkixder.h: "This parser will only
    /// parse values between 0..127"), so a larger one makes `CheckBasicConstraints`
    /// (lib/mozpkix/lib/pkixcheck.cpp) fail with `ERROR_EXTENSION_VALUE_INVALID`, for a CA
    /// and a site alike. RFC 5280 sets no upper bound; Chrome reads 0 to 255 (`ParseUint8`),
    /// OpenSSL any.
    pub(crate) fn firefox_refuses_path_len(&self) -> bool {
        matches!(self.basic_ca, Some((_, Some(128..=255))))
    }

    /// Why the serial number is not an INTEGER as DER writes one, if it is not: Chrome
    /// reads it, mozilla::pkix and OpenSSL do not (`chrome_der::integer_fault`).
    pub(crate) fn serial_fault(&self) -> Option<super::chrome_der::IntegerFault> {
        super::chrome_der::integer_fault(&self.serial_raw)
    }
}

impl UnparsableExtension {
    /// The extension at `index`, of this kind, whose value is `value` and does not decode;
    /// `chrome`: Chrome's parser refuses it too.
    fn of(index: usize, oid: &x509_parser::asn1_rs::Oid<'_>, value: &[u8], chrome: bool) -> Self {
        use x509_parser::oid_registry as o;
        let key_usage = *oid == o::OID_X509_EXT_KEY_USAGE;
        let firefox = if value.is_empty() && firefox_keeps(oid, false) {
            Some(FirefoxStep::Parsing)
        } else if *oid == o::OID_X509_EXT_BASIC_CONSTRAINTS {
            Some(FirefoxStep::BasicConstraints)
        } else if *oid == o::OID_X509_EXT_EXTENDED_KEY_USAGE {
            Some(FirefoxStep::ExtendedKeyUsage)
        } else if *oid == o::OID_X509_EXT_NAME_CONSTRAINTS {
            Some(FirefoxStep::NameConstraints)
        } else if *oid == o::OID_X509_EXT_SUBJECT_ALT_NAME {
            Some(FirefoxStep::SubjectAltName)
        } else if *oid == o::OID_CT_LIST_SCT {
            Some(FirefoxStep::Scts)
        } else {
            None
        };
        UnparsableExtension {
            index,
            chrome,
            strict: None,
            openssl: openssl_refuses(oid, value),
            firefox,
            key_usage,
        }
    }

    /// The extension at `index`, which decodes, but which Chrome's parser refuses by `rule`.
    /// OpenSSL reads it (as BER, and without Chrome's further rules: openssl 3.0.19 on seven
    /// such forms in tests/cert_openssl_clients.rs). mozilla::pkix reads DER as strictly as
    /// Chrome where it parses an extension at all, which for a site verified for domain
    /// validation is basicConstraints, extKeyUsage and an issuer's nameConstraints
    /// (`CheckBasicConstraints` and `CheckExtendedKeyUsage`, pkixcheck.cpp: a BOOLEAN other
    /// than 00 or FF, bytes left over; `CheckNameConstraints` and
    /// `CheckPresentedIDConformsToNameConstraintsSubtrees`, pkixnames.cpp: no subtrees, an
    /// empty list of them, a name of no known kind, a minimum or maximum written out). certificatePolicies,
    /// policyConstraints and inhibitAnyPolicy it keeps without reading them
    /// (`CheckCertificatePolicies` returns at once for anyPolicy); the site's names it reads
    /// only until one matches (`SearchNames`), which is not modelled here.
    fn strict(index: usize, oid: &x509_parser::asn1_rs::Oid<'_>, rule: ChromeRule) -> Self {
        use x509_parser::oid_registry as o;
        let firefox = if *oid == o::OID_X509_EXT_BASIC_CONSTRAINTS {
            Some(FirefoxStep::BasicConstraints)
        } else if *oid == o::OID_X509_EXT_EXTENDED_KEY_USAGE {
            Some(FirefoxStep::ExtendedKeyUsage)
        } else if *oid == o::OID_X509_EXT_NAME_CONSTRAINTS
            && matches!(
                rule,
                ChromeRule::NotDer
                    | ChromeRule::Trailing
                    | ChromeRule::SubtreeBounds
                    | ChromeRule::Empty
                    | ChromeRule::NameKind
            )
        {
            Some(FirefoxStep::NameConstraints)
        } else {
            None
        };
        UnparsableExtension {
            index,
            chrome: true,
            strict: Some(rule),
            openssl: false,
            firefox,
            key_usage: false,
        }
    }

    /// The extension at `index`, whose frame (`SEQUENCE { extnID, critical, extnValue }`)
    /// Chrome's parser refuses by `rule` (`chrome_der::frame`). mozilla::pkix reads the
    /// frame as strict DER as it reads the certificate (`BackCert::Init`, pkixcert.cpp, with
    /// `der::OptionalBoolean`, pkixder.h): a BOOLEAN other than 00 or FF ends it, a FALSE
    /// written out it accepts. OpenSSL reads BER: not modelled as refusing.
    fn framed(index: usize, rule: ChromeRule) -> Self {
        UnparsableExtension {
            index,
            chrome: true,
            strict: Some(rule),
            openssl: false,
            firefox: (rule != ChromeRule::CriticalFlag).then_some(FirefoxStep::Framing),
            key_usage: false,
        }
    }

    /// The extension at `index`, the second with its OID in the certificate. Chrome refuses
    /// any (`ParseExtensions`, pki/parse_certificate.cc). mozilla::pkix refuses a second of
    /// those it keeps as it reads a certificate (`BackCert::RememberExtension`,
    /// pkixcert.cpp: keyUsage, subjectAltName, basicConstraints, nameConstraints,
    /// certificatePolicies, extKeyUsage, inhibitAnyPolicy, authorityInfoAccess, the TLS
    /// feature, SCTs, qcStatements; not policyConstraints, which it ignores).
    /// OpenSSL 3 cannot decode one of those it caches when there are two
    /// (`X509_get_ext_d2i` answers none, `ossl_x509v3_cache_extensions`, v3_purp.c), and
    /// takes the certificate for invalid: basicConstraints, keyUsage, extKeyUsage, the two
    /// key identifiers, subjectAltName, nameConstraints, CRL distribution points and the
    /// Netscape certificate type (openssl 3.0.19: tests/cert_openssl_clients.rs).
    fn duplicate(index: usize, oid: &x509_parser::asn1_rs::Oid<'_>, critical: bool) -> Self {
        use x509_parser::oid_registry as o;
        // policyConstraints it keeps in a fresh place each time, so never finds twice.
        let kept = firefox_keeps(oid, critical) && *oid != o::OID_X509_EXT_POLICY_CONSTRAINTS;
        let cached = one_of(
            oid,
            &[
                &o::OID_X509_EXT_BASIC_CONSTRAINTS,
                &o::OID_X509_EXT_KEY_USAGE,
                &o::OID_X509_EXT_EXTENDED_KEY_USAGE,
                &o::OID_X509_EXT_SUBJECT_KEY_IDENTIFIER,
                &o::OID_X509_EXT_AUTHORITY_KEY_IDENTIFIER,
                &o::OID_X509_EXT_SUBJECT_ALT_NAME,
                &o::OID_X509_EXT_NAME_CONSTRAINTS,
                &o::OID_X509_EXT_CRL_DISTRIBUTION_POINTS,
                &o::OID_X509_EXT_CERT_TYPE,
            ],
        );
        UnparsableExtension {
            index,
            chrome: true,
            strict: Some(ChromeRule::DuplicateExtension),
            openssl: cached,
            firefox: kept.then_some(FirefoxStep::Parsing),
            key_usage: false,
        }
    }

    /// This fault and a `later` one of the same extension, as one: whoever refuses for
    /// either refuses; Chrome's reason and Firefox's step are the first each meets (the
    /// frame, then a second copy, then the value).
    fn then(self, later: Self) -> Self {
        UnparsableExtension {
            index: self.index,
            chrome: self.chrome || later.chrome,
            strict: self.strict.or(later.strict),
            openssl: self.openssl || later.openssl,
            firefox: self.firefox.or(later.firefox),
            key_usage: self.key_usage && later.key_usage,
        }
    }

    /// Who cannot read the certificate because of it, the site's (`site`) or an
    /// authority's.
    pub(crate) fn refusers(&self, site: bool) -> Refusers {
        use FirefoxStep as S;
        Refusers {
            chrome: self.chrome,
            firefox: match self.firefox {
                Some(S::Parsing | S::Framing | S::BasicConstraints | S::ExtendedKeyUsage) => true,
                Some(S::NameConstraints) => !site,
                Some(S::SubjectAltName | S::Scts) => site,
                None => false,
            },
            openssl: self.openssl,
        }
    }
}

/// Reads one extension into the report and the data; whether it was understood.
fn read_extension(ext: &X509Extension<'_>, r: &mut CertificateReport, data: &mut CertData) -> bool {
    match ext.parsed_extension() {
        ParsedExtension::BasicConstraints(bc) => basic_constraints(bc, r, data),
        ParsedExtension::KeyUsage(ku) => key_usage(ku, r),
        ParsedExtension::ExtendedKeyUsage(eku) => extended_key_usage(eku, r, data),
        ParsedExtension::SubjectKeyIdentifier(k) => {
            data.ski = Some(k.0.to_vec());
            r.subject_key_id = Some(hex(k.0));
        }
        ParsedExtension::AuthorityKeyIdentifier(a) => authority_key_identifier(a, r, data),
        ParsedExtension::SubjectAlternativeName(san) => subject_alt_name(san, r, data),
        ParsedExtension::AuthorityInfoAccess(aia) => authority_info_access(aia, r),
        ParsedExtension::CRLDistributionPoints(c) => crl_distribution_points(c, r),
        ParsedExtension::CertificatePolicies(ps) => certificate_policies(ps, r),
        ParsedExtension::SCT(list) => {
            data.sct_count = list.len();
            data.scts = list.iter().map(super::ct::EmbeddedSct::of).collect();
            r.scts = list
                .iter()
                .map(|s| SctReport {
                    version: s.version.0,
                    log_id: hex(s.id.key_id),
                    timestamp_ms: s.timestamp,
                    signature_algorithm: super::ct::signature_algorithm(
                        s.signature.hash_alg_id,
                        s.signature.sign_alg_id,
                    ),
                    extensions_len: s.extensions.0.len(),
                    log: super::ct::log(s.id.key_id),
                    signature: super::ct::SctSignature::NoIssuer,
                })
                .collect();
        }
        ParsedExtension::NameConstraints(nc) => name_constraints(nc, r, data),
        ParsedExtension::PolicyConstraints(_)
        | ParsedExtension::PolicyMappings(_)
        | ParsedExtension::InhibitAnyPolicy(_)
        | ParsedExtension::IssuerAlternativeName(_)
        | ParsedExtension::SubjectInfoAccess(_)
        | ParsedExtension::NSCertType(_)
        | ParsedExtension::NsCertComment(_) => {}
        _ => return false,
    }
    true
}

/// RFC 5280 4.2.1.9.
fn basic_constraints(bc: &BasicConstraints, r: &mut CertificateReport, data: &mut CertData) {
    // (A pathLenConstraint over 255, which Chrome refuses too, is `UnparsableExtension::strict`.)
    r.is_ca = bc.ca;
    r.path_len = bc.path_len_constraint;
    data.basic_ca = Some((bc.ca, bc.path_len_constraint));
}

/// RFC 5280 4.2.1.3.
fn key_usage(ku: &KeyUsage, r: &mut CertificateReport) {
    r.key_usage = KEY_USAGE_BITS
        .iter()
        .enumerate()
        .filter(|(bit, _)| {
            ku.flags
                .checked_shr(u32::try_from(*bit).unwrap_or(u32::MAX))
                .unwrap_or(0)
                & 1
                == 1
        })
        .map(|(_, name)| (*name).to_owned())
        .collect();
}

/// RFC 5280 4.2.1.12.
fn extended_key_usage(eku: &ExtendedKeyUsage<'_>, r: &mut CertificateReport, data: &mut CertData) {
    let named = [
        (eku.server_auth, "serverAuth"),
        (eku.client_auth, "clientAuth"),
        (eku.code_signing, "codeSigning"),
        (eku.email_protection, "emailProtection"),
        (eku.time_stamping, "timeStamping"),
        (eku.ocsp_signing, "OCSPSigning"),
        (eku.any, "anyExtendedKeyUsage"),
    ];
    r.ext_key_usage = named
        .iter()
        .filter(|(present, _)| *present)
        .map(|(_, name)| (*name).to_owned())
        .chain(
            eku.other
                .iter()
                .map(|o| oids::key_purpose_name(o).map_or_else(|| oids::dotted(o), str::to_owned)),
        )
        .collect();
    data.eku_server = Some(eku.server_auth || eku.any);
}

/// RFC 5280 4.2.1.1.
fn authority_key_identifier(
    a: &AuthorityKeyIdentifier<'_>,
    r: &mut CertificateReport,
    data: &mut CertData,
) {
    if let Some(k) = &a.key_identifier {
        data.aki = Some(k.0.to_vec());
        r.authority_key_id = Some(hex(k.0));
    }
}

/// RFC 5280 4.2.1.6.
fn subject_alt_name(
    san: &SubjectAlternativeName<'_>,
    r: &mut CertificateReport,
    data: &mut CertData,
) {
    data.has_san = true;
    for g in &san.general_names {
        match g {
            GeneralName::DNSName(s) => {
                r.san_dns.push((*s).to_owned());
                r.san_dns_unicode.push(super::hostname::to_unicode(s));
                data.san_dns.push((*s).to_owned());
            }
            GeneralName::IPAddress(b) => {
                r.san_ip.push(ip_string(b));
                data.san_ip.push(b.to_vec());
            }
            GeneralName::RFC822Name(s) => r.san_email.push((*s).to_owned()),
            GeneralName::URI(s) => r.san_uri.push((*s).to_owned()),
            _ => {}
        }
    }
}

/// RFC 5280 4.2.2.1.
fn authority_info_access(aia: &AuthorityInfoAccess<'_>, r: &mut CertificateReport) {
    for ad in &aia.accessdescs {
        let GeneralName::URI(uri) = &ad.access_location else {
            continue;
        };
        if oids::is_ocsp(&ad.access_method) {
            r.ocsp_urls.push((*uri).to_owned());
        } else if oids::is_ca_issuers(&ad.access_method) {
            r.ca_issuers_urls.push((*uri).to_owned());
        }
    }
}

/// RFC 5280 4.2.1.13.
fn crl_distribution_points(c: &CRLDistributionPoints<'_>, r: &mut CertificateReport) {
    for point in c.iter() {
        if let Some(DistributionPointName::FullName(names)) = &point.distribution_point {
            r.crl_urls.extend(names.iter().filter_map(|g| match g {
                GeneralName::URI(u) => Some((*u).to_owned()),
                _ => None,
            }));
        }
    }
}

/// RFC 5280 4.2.1.4.
fn certificate_policies(ps: &CertificatePolicies<'_>, r: &mut CertificateReport) {
    r.policies = ps
        .iter()
        .map(|p| {
            let (name, validation) = oids::policy(&p.policy_id);
            PolicyReport {
                oid: oids::dotted(&p.policy_id),
                name: name.map(str::to_owned),
                validation,
            }
        })
        .collect();
}

/// RFC 5280 4.2.1.10.
fn name_constraints(nc: &NameConstraints<'_>, r: &mut CertificateReport, data: &mut CertData) {
    let subtrees = |v: &Option<Vec<x509_parser::extensions::GeneralSubtree<'_>>>| {
        v.as_ref().map_or_else(Vec::new, |s| {
            s.iter().map(|t| general_name(&t.base)).collect()
        })
    };
    r.name_constraints = Some(NameConstraintsReport {
        permitted: subtrees(&nc.permitted_subtrees),
        excluded: subtrees(&nc.excluded_subtrees),
    });
    data.name_constraints = Some(super::constraints::NameConstraints::from_extension(nc));
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
    fn key_usage_is_read_by_each_clients_rule() {
        use KeyUsageRead::{Bits, Unreadable};
        let der = KeyUsageRead::der;
        let openssl = KeyUsageRead::openssl;
        // Written as DER: both read the same bits.
        for (bytes, bits) in [
            (&[0x03, 0x02, 0x07, 0x80][..], DIGITAL_SIGNATURE),
            (&[0x03, 0x02, 0x01, 0x06], KEY_CERT_SIGN | CRL_SIGN),
            (&[0x03, 0x03, 0x07, 0x00, 0x80], 1 << 8),
            (&[0x03, 0x01, 0x00], 0),
            (&[0x03, 0x03, 0x00, 0x00, 0x40], 1 << 9),
        ] {
            assert_eq!(der(bytes), Bits(bits), "{bytes:02x?}");
            assert_eq!(openssl(bytes), Bits(bits), "{bytes:02x?}");
        }
        // What OpenSSL reads and DER does not: a byte after, a long length, an unused bit
        // set (cleared), 7 unused bits with no octet (an empty keyUsage), BER's parts
        // (definite, indefinite, two parts, nested), the tag's long form; a bit past
        // decipherOnly (above, read alike) counts as a use to OpenSSL only.
        for (bytes, bits) in [
            (&[0x03, 0x02, 0x07, 0x80, 0x00][..], DIGITAL_SIGNATURE),
            (&[0x03, 0x81, 0x02, 0x07, 0x80], DIGITAL_SIGNATURE),
            (&[0x03, 0x02, 0x07, 0x81], DIGITAL_SIGNATURE),
            (&[0x03, 0x01, 0x07], 0),
            (&[0x23, 0x04, 0x03, 0x02, 0x07, 0x80], DIGITAL_SIGNATURE),
            (
                &[0x23, 0x80, 0x03, 0x02, 0x07, 0x80, 0x00, 0x00],
                DIGITAL_SIGNATURE,
            ),
            (
                &[0x23, 0x06, 0x03, 0x02, 0x00, 0x80, 0x03, 0x00],
                DIGITAL_SIGNATURE,
            ),
            (
                &[0x23, 0x06, 0x23, 0x04, 0x03, 0x02, 0x07, 0x80],
                DIGITAL_SIGNATURE,
            ),
            (&[0x1f, 0x03, 0x02, 0x07, 0x80], DIGITAL_SIGNATURE),
        ] {
            assert_eq!(der(bytes), Unreadable, "{bytes:02x?}");
            assert_eq!(openssl(bytes), Bits(bits), "{bytes:02x?}");
        }
        // Neither reads these: another type, 8 unused bits, no content, cut short, nothing.
        for bytes in [
            &[0x04, 0x01, 0x80][..],
            &[0x03, 0x02, 0x08, 0x80],
            &[0x03, 0x00],
            &[0x03, 0x05, 0x07, 0x80],
            &[0x03, 0x84, 0xff, 0xff, 0xff, 0xff],
            &[0x03, 0x80],
            &[],
            // BER that OpenSSL refuses too: an end-of-contents in a definite length, a part
            // of another class, an open length never closed, parts nested 7 deep (one in
            // another 5 deep at most, `ASN1_MAX_STRING_NEST`).
            &[0x23, 0x04, 0x00, 0x00, 0x03, 0x00],
            &[0x23, 0x04, 0x83, 0x02, 0x07, 0x80],
            &[0x23, 0x80, 0x03, 0x02, 0x07, 0x80],
            &[
                0x23, 0x10, 0x23, 0x0e, 0x23, 0x0c, 0x23, 0x0a, 0x23, 0x08, 0x23, 0x06, 0x23, 0x04,
                0x03, 0x02, 0x07, 0x80,
            ],
        ] {
            assert_eq!(der(bytes), Unreadable, "{bytes:02x?}");
            assert_eq!(openssl(bytes), Unreadable, "{bytes:02x?}");
        }
        assert!(!Bits(0).names_a_use() && !Unreadable.names_a_use());
        assert!(Bits(DIGITAL_SIGNATURE).names_a_use() && KeyUsageRead::Absent.names_a_use());
        assert_eq!(Unreadable.allows(DIGITAL_SIGNATURE), Some(false));
        assert_eq!(KeyUsageRead::Absent.allows(DIGITAL_SIGNATURE), None);
    }

    #[test]
    fn rsa_sizes_ignore_leading_zeros() {
        assert_eq!(rsa_bits(&[0, 0x80, 0, 0]), 24);
        assert_eq!(rsa_bits(&[0x01]), 1);
        assert_eq!(rsa_bits(&[0, 0]), 0);
    }

    #[test]
    fn ip_addresses_and_masks() {
        assert_eq!(ip_string(&[192, 0, 2, 1]), "192.0.2.1");
        assert_eq!(
            ip_string(&[10, 0, 0, 0, 255, 0, 0, 0]),
            "10.0.0.0/255.0.0.0"
        );
        assert_eq!(ip_string(&[1, 2, 3]), "invalid:010203");
    }
}
