//! Per-certificate report: every field decoded into owned data, with byte ranges.
//!
//! [`CertificateReport`] is what the page shows for one certificate; it does not depend on
//! the time, host or trust anchors, so it is computed once per paste. `CertData` is the
//! crate-internal, owned subset that chain building and judging need (no x509-parser
//! types outlive parsing).

use serde::{Deserialize, Serialize};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use x509_parser::asn1_rs::Tag;
use x509_parser::certificate::X509Certificate;
use x509_parser::extensions::{DistributionPointName, GeneralName, ParsedExtension};
use x509_parser::x509::{SubjectPublicKeyInfo, X509Name};

use super::der::{self, Tlv, read_tlv};
use super::oids;
use super::signature::{Curve, Hash, KeyMaterial, SigAlg};
use super::time::UnixTime;

/// One attribute of a distinguished name, in DER order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameAttribute {
    /// Dotted OID, e.g. `2.5.4.3`.
    pub oid: String,
    /// Short name (`CN`, `O`, ...) or the OID when unknown.
    pub name: String,
    pub value: String,
}

/// The subject public key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicKeyReport {
    /// `RSA`, `EC`, `Ed25519`, `Ed448`, `DSA`, `RSA-PSS` or the OID.
    pub algorithm: String,
    /// Key size in bits (RSA modulus length, curve size), when known.
    pub bits: Option<u32>,
    /// Named curve (`P-256`, `P-384`, `P-521`...) for EC keys.
    pub curve: Option<String>,
    /// RSA public exponent.
    pub exponent: Option<u64>,
}

/// A byte range inside the certificate's DER, for highlighting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldRange {
    /// `certificate`, `tbs_certificate`, `version`, `serial`, `signature_algorithm_inner`,
    /// `issuer`, `validity`, `not_before`, `not_after`, `subject`,
    /// `subject_public_key_info`, `issuer_unique_id`, `subject_unique_id`, `extensions`,
    /// `signature_algorithm`, `signature_value`, or `extension:<index>` for each extension.
    pub field: String,
    pub offset: usize,
    pub length: usize,
}

/// What kind of extension, and whether it was decoded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionReport {
    pub oid: String,
    /// Name (`basicConstraints`...) or the OID when unknown.
    pub name: String,
    pub critical: bool,
    /// False for unknown extensions and ones that failed to decode.
    pub decoded: bool,
    /// Human-readable decoded value lines (English, technical, like `openssl x509 -text`).
    pub summary: Vec<String>,
    /// (offset, length) of the whole Extension in the certificate DER.
    pub offset: usize,
    pub length: usize,
}

/// A certificate policy, naming DV/OV/IV/EV policies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyReport {
    pub oid: String,
    pub name: Option<String>,
    /// `dv`, `ov`, `iv` or `ev` when the OID says so.
    pub validation: Option<String>,
}

/// An embedded Signed Certificate Timestamp.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SctReport {
    /// The log's id (SHA-256 of its key), lowercase hex.
    pub log_id: String,
    /// Milliseconds since the epoch.
    pub timestamp_ms: u64,
    /// RFC 3339.
    pub time: String,
}

/// Name constraints, each subtree as `type:value` (e.g. `dns:example.com`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameConstraintsReport {
    pub permitted: Vec<String>,
    pub excluded: Vec<String>,
}

/// Everything about one certificate that does not depend on time, host or anchors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateReport {
    /// Position in the input, counting from 0.
    pub index: usize,
    /// The input block it came from.
    pub block: usize,
    /// 1, 2 or 3.
    pub version: u32,
    /// Serial number, lowercase hex without leading zero bytes.
    pub serial_hex: String,
    pub subject: String,
    pub subject_attributes: Vec<NameAttribute>,
    pub issuer: String,
    pub issuer_attributes: Vec<NameAttribute>,
    /// RFC 3339 UTC.
    pub not_before: String,
    pub not_after: String,
    pub not_before_unix: i64,
    pub not_after_unix: i64,
    pub san_dns: Vec<String>,
    /// `san_dns` entries that are punycode (`xn--`), shown in Unicode; same order, `None`
    /// where the name is plain ASCII or not decodable.
    pub san_dns_unicode: Vec<Option<String>>,
    pub san_ip: Vec<String>,
    pub san_email: Vec<String>,
    pub san_uri: Vec<String>,
    pub public_key: PublicKeyReport,
    /// OpenSSL-style name, e.g. `sha256WithRSAEncryption`, or the OID.
    pub signature_algorithm: String,
    pub signature_algorithm_oid: String,
    /// The hash inside the signature algorithm (`SHA-256`...), when there is one.
    pub signature_hash: Option<String>,
    /// basicConstraints CA flag.
    pub is_ca: bool,
    pub path_len: Option<u32>,
    /// The signature verifies with the certificate's own key.
    pub self_signed: bool,
    /// Subject and issuer names are equal.
    pub self_issued: bool,
    /// SHA-256 of the DER, lowercase hex without colons.
    pub sha256: String,
    pub sha1: String,
    /// SHA-256 of the SubjectPublicKeyInfo DER.
    pub spki_sha256: String,
    pub key_usage: Vec<String>,
    pub ext_key_usage: Vec<String>,
    pub subject_key_id: Option<String>,
    pub authority_key_id: Option<String>,
    pub ocsp_urls: Vec<String>,
    pub ca_issuers_urls: Vec<String>,
    pub crl_urls: Vec<String>,
    pub policies: Vec<PolicyReport>,
    /// The highest validation level named by the policies (`ev` > `ov`/`iv` > `dv`).
    pub validation_level: Option<String>,
    pub scts: Vec<SctReport>,
    pub name_constraints: Option<NameConstraintsReport>,
    pub extensions: Vec<ExtensionReport>,
    /// Byte ranges of the fields in the DER.
    pub ranges: Vec<FieldRange>,
    pub der_length: usize,
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
    pub sig: Vec<u8>,
    pub aki: Option<Vec<u8>>,
    pub ski: Option<Vec<u8>>,
    pub basic_ca: Option<(bool, Option<u32>)>,
    /// keyUsage keyCertSign, when keyUsage is present.
    pub key_cert_sign: Option<bool>,
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
    pub unsupported_critical: Vec<String>,
    pub unparsable_extensions: Vec<String>,
    pub sct_count: usize,
    pub version: u32,
}

impl CertData {
    pub(crate) fn tbs_bytes(&self) -> &[u8] {
        &self.der[self.tbs.0..self.tbs.0 + self.tbs.1]
    }
}

pub(crate) fn hex(b: &[u8]) -> String {
    const H: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(b.len() * 2);
    for x in b {
        s.push(H[(x >> 4) as usize] as char);
        s.push(H[(x & 15) as usize] as char);
    }
    s
}

/// Dotted form of an OID's content octets.
pub(crate) fn oid_string(content: &[u8]) -> String {
    let mut arcs: Vec<u64> = Vec::new();
    let mut acc: u64 = 0;
    for &b in content {
        acc = acc.saturating_mul(128) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            if arcs.is_empty() {
                let first = (acc / 40).min(2);
                arcs.push(first);
                arcs.push(acc - first * 40);
            } else {
                arcs.push(acc);
            }
            acc = 0;
        }
    }
    arcs.iter()
        .map(|a| a.to_string())
        .collect::<Vec<_>>()
        .join(".")
}

pub(crate) fn name_attributes(name: &X509Name<'_>) -> Vec<NameAttribute> {
    let mut out = Vec::new();
    for attr in name.iter_attributes() {
        let oid = attr.attr_type().to_id_string();
        let v = attr.attr_value();
        let value = if v.tag() == Tag::BmpString {
            let units: Vec<u16> = v
                .data
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        } else if v.tag() == Tag::UniversalString {
            v.data
                .chunks(4)
                .filter_map(|c| {
                    (c.len() == 4)
                        .then(|| char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]])))
                        .flatten()
                })
                .collect()
        } else {
            String::from_utf8_lossy(v.data).into_owned()
        };
        out.push(NameAttribute {
            name: oids::attribute_name(&oid).map_or_else(|| oid.clone(), str::to_string),
            oid,
            value,
        });
    }
    out
}

pub(crate) fn format_name(attrs: &[NameAttribute]) -> String {
    attrs
        .iter()
        .map(|a| format!("{}={}", a.name, a.value))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn ip_string(b: &[u8]) -> String {
    match b.len() {
        4 => std::net::Ipv4Addr::new(b[0], b[1], b[2], b[3]).to_string(),
        16 => {
            let mut a = [0u8; 16];
            a.copy_from_slice(b);
            std::net::Ipv6Addr::from(a).to_string()
        }
        // Name constraints hold address + mask.
        8 => format!("{}/{}", ip_string(&b[..4]), ip_string(&b[4..])),
        32 => format!("{}/{}", ip_string(&b[..16]), ip_string(&b[16..])),
        _ => format!("invalid:{}", hex(b)),
    }
}

fn general_name(g: &GeneralName<'_>) -> String {
    match g {
        GeneralName::DNSName(s) => format!("dns:{s}"),
        GeneralName::RFC822Name(s) => format!("email:{s}"),
        GeneralName::URI(s) => format!("uri:{s}"),
        GeneralName::IPAddress(b) => format!("ip:{}", ip_string(b)),
        GeneralName::DirectoryName(n) => format!("dirname:{}", format_name(&name_attributes(n))),
        GeneralName::RegisteredID(o) => format!("rid:{}", o.to_id_string()),
        GeneralName::OtherName(o, _) => format!("othername:{}", o.to_id_string()),
        _ => "other".to_string(),
    }
}

fn rsa_bits(n: &[u8]) -> u32 {
    let skip = n.iter().take_while(|b| **b == 0).count();
    let n = &n[skip..];
    match n.first() {
        None => 0,
        Some(b) => (n.len() as u32 - 1) * 8 + (8 - b.leading_zeros()),
    }
}

fn sig_alg(cert: &X509Certificate<'_>) -> (SigAlg, String) {
    let alg = &cert.signature_algorithm;
    let oid = alg.algorithm.to_id_string();
    let s = match oid.as_str() {
        "1.2.840.113549.1.1.2" => SigAlg::RsaPkcs1(Hash::Md2),
        "1.2.840.113549.1.1.4" => SigAlg::RsaPkcs1(Hash::Md5),
        "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" => SigAlg::RsaPkcs1(Hash::Sha1),
        "1.2.840.113549.1.1.14" => SigAlg::RsaPkcs1(Hash::Sha224),
        "1.2.840.113549.1.1.11" => SigAlg::RsaPkcs1(Hash::Sha256),
        "1.2.840.113549.1.1.12" => SigAlg::RsaPkcs1(Hash::Sha384),
        "1.2.840.113549.1.1.13" => SigAlg::RsaPkcs1(Hash::Sha512),
        "1.2.840.10045.4.1" => SigAlg::Ecdsa(Hash::Sha1),
        "1.2.840.10045.4.3.1" => SigAlg::Ecdsa(Hash::Sha224),
        "1.2.840.10045.4.3.2" => SigAlg::Ecdsa(Hash::Sha256),
        "1.2.840.10045.4.3.3" => SigAlg::Ecdsa(Hash::Sha384),
        "1.2.840.10045.4.3.4" => SigAlg::Ecdsa(Hash::Sha512),
        "1.3.101.112" => SigAlg::Ed25519,
        "1.2.840.113549.1.1.10" => {
            use x509_parser::signature_algorithm::SignatureAlgorithm;
            match SignatureAlgorithm::try_from(alg) {
                Ok(SignatureAlgorithm::RSASSA_PSS(p)) => {
                    let hash = Hash::from_oid(&p.hash_algorithm_oid().to_id_string());
                    let mgf_hash = p.mask_gen_algorithm().ok().and_then(|m| {
                        (m.mgf.to_id_string() == "1.2.840.113549.1.1.8")
                            .then(|| Hash::from_oid(&m.hash.to_id_string()))
                            .flatten()
                    });
                    match (hash, p.trailer_field()) {
                        (Some(hash), 1) => SigAlg::RsaPss {
                            hash,
                            mgf_hash,
                            salt: p.salt_length() as usize,
                        },
                        _ => SigAlg::Other,
                    }
                }
                _ => SigAlg::Other,
            }
        }
        _ => SigAlg::Other,
    };
    (s, oid)
}

pub(crate) fn public_key(spki: &SubjectPublicKeyInfo<'_>) -> (KeyMaterial, PublicKeyReport) {
    let oid = spki.algorithm.algorithm.to_id_string();
    let data: &[u8] = &spki.subject_public_key.data;
    let rsa = |data: &[u8]| -> Option<(Vec<u8>, Vec<u8>)> {
        let seq = read_tlv(data, 0, data.len())
            .ok()
            .filter(|t| t.tag == 0x30)?;
        let kids = der::children(data, &seq);
        let (n, e) = (
            kids.first().filter(|t| t.tag == 2)?,
            kids.get(1).filter(|t| t.tag == 2)?,
        );
        Some((
            data[n.content..n.end].to_vec(),
            data[e.content..e.end].to_vec(),
        ))
    };
    match oid.as_str() {
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => {
            let algorithm = if oid.ends_with(".1") {
                "RSA"
            } else {
                "RSA-PSS"
            }
            .to_string();
            match rsa(data) {
                Some((n, e)) => {
                    let bits = rsa_bits(&n);
                    let es = e
                        .iter()
                        .skip_while(|b| **b == 0)
                        .copied()
                        .collect::<Vec<_>>();
                    let exponent = (es.len() <= 8)
                        .then(|| es.iter().fold(0u64, |a, b| (a << 8) | u64::from(*b)));
                    (
                        KeyMaterial::Rsa { n, e },
                        PublicKeyReport {
                            algorithm,
                            bits: Some(bits),
                            curve: None,
                            exponent,
                        },
                    )
                }
                None => (
                    KeyMaterial::Other,
                    PublicKeyReport {
                        algorithm,
                        bits: None,
                        curve: None,
                        exponent: None,
                    },
                ),
            }
        }
        "1.2.840.10045.2.1" => {
            let curve_oid = spki
                .algorithm
                .parameters
                .as_ref()
                .filter(|p| p.tag() == Tag::Oid)
                .map(|p| oid_string(p.data));
            let curve_name = curve_oid.as_deref().and_then(oids::curve_name);
            let curve = match curve_name {
                Some("P-256") => Curve::P256,
                Some("P-384") => Curve::P384,
                _ => Curve::Other,
            };
            let bits = match curve_name {
                Some("P-256") => Some(256),
                Some("P-384") => Some(384),
                Some("P-521") => Some(521),
                Some("secp256k1") => Some(256),
                Some("P-192") => Some(192),
                Some("P-224") => Some(224),
                _ => None,
            };
            (
                KeyMaterial::Ec {
                    curve,
                    point: data.to_vec(),
                },
                PublicKeyReport {
                    algorithm: "EC".into(),
                    bits,
                    curve: curve_name.map(str::to_string).or(curve_oid),
                    exponent: None,
                },
            )
        }
        "1.3.101.112" => (
            KeyMaterial::Ed25519(data.to_vec()),
            PublicKeyReport {
                algorithm: "Ed25519".into(),
                bits: Some(256),
                curve: None,
                exponent: None,
            },
        ),
        other => {
            let algorithm = match other {
                "1.3.101.113" => "Ed448".to_string(),
                "1.2.840.10040.4.1" => "DSA".to_string(),
                o => o.to_string(),
            };
            (
                KeyMaterial::Other,
                PublicKeyReport {
                    algorithm,
                    bits: None,
                    curve: None,
                    exponent: None,
                },
            )
        }
    }
}

/// Byte ranges of the certificate's structure; best effort, never panics.
fn ranges(d: &[u8]) -> (Vec<FieldRange>, Vec<Tlv>, (usize, usize)) {
    let mut out = Vec::new();
    let mut exts = Vec::new();
    let push = |out: &mut Vec<FieldRange>, field: &str, t: &Tlv| {
        out.push(FieldRange {
            field: field.to_string(),
            offset: t.start,
            length: t.end - t.start,
        });
    };
    let Ok(cert) = read_tlv(d, 0, d.len()) else {
        return (out, exts, (0, 0));
    };
    push(&mut out, "certificate", &cert);
    let top = der::children(d, &cert);
    let Some(tbs) = top.first() else {
        return (out, exts, (0, 0));
    };
    push(&mut out, "tbs_certificate", tbs);
    let mut kids = der::children(d, tbs).into_iter().peekable();
    if let Some(v) = kids.peek().filter(|t| t.tag == 0xa0).copied() {
        push(&mut out, "version", &v);
        kids.next();
    }
    for name in [
        "serial",
        "signature_algorithm_inner",
        "issuer",
        "validity",
        "subject",
        "subject_public_key_info",
    ] {
        let Some(t) = kids.next() else { break };
        push(&mut out, name, &t);
        if name == "validity" {
            let v = der::children(d, &t);
            if let Some(nb) = v.first() {
                push(&mut out, "not_before", nb);
            }
            if let Some(na) = v.get(1) {
                push(&mut out, "not_after", na);
            }
        }
    }
    for t in kids {
        match t.tag {
            0x81 | 0xa1 => push(&mut out, "issuer_unique_id", &t),
            0x82 | 0xa2 => push(&mut out, "subject_unique_id", &t),
            0xa3 => {
                push(&mut out, "extensions", &t);
                if let Some(seq) = der::children(d, &t).first() {
                    exts = der::children(d, seq);
                }
            }
            _ => {}
        }
    }
    if let Some(t) = top.get(1) {
        push(&mut out, "signature_algorithm", t);
    }
    if let Some(t) = top.get(2) {
        push(&mut out, "signature_value", t);
    }
    (out, exts, (tbs.start, tbs.end - tbs.start))
}

const KU_NAMES: [&str; 9] = [
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
    let (sig_alg, sig_oid) = sig_alg(cert);
    let (key, public_key) = public_key(&tbs.subject_pki);
    let (ranges_v, ext_tlvs, tbs_range) = ranges(der_bytes);
    let mut ranges_v = ranges_v;

    let raw_serial = tbs.raw_serial();
    let serial = raw_serial
        .iter()
        .skip_while(|b| **b == 0)
        .copied()
        .collect::<Vec<_>>();
    let serial_hex = if serial.is_empty() {
        "00".to_string()
    } else {
        hex(&serial)
    };

    let not_before = tbs.validity.not_before.timestamp();
    let not_after = tbs.validity.not_after.timestamp();

    let mut r = CertificateReport {
        index,
        block,
        version: tbs.version.0 + 1,
        serial_hex,
        subject: subject.clone(),
        subject_attributes,
        issuer: issuer.clone(),
        issuer_attributes,
        not_before: UnixTime(not_before).to_rfc3339(),
        not_after: UnixTime(not_after).to_rfc3339(),
        not_before_unix: not_before,
        not_after_unix: not_after,
        san_dns: Vec::new(),
        san_dns_unicode: Vec::new(),
        san_ip: Vec::new(),
        san_email: Vec::new(),
        san_uri: Vec::new(),
        public_key,
        signature_algorithm: oids::signature_algorithm_name(&sig_oid)
            .map_or_else(|| sig_oid.clone(), str::to_string),
        signature_algorithm_oid: sig_oid,
        signature_hash: sig_alg.hash().map(|h| h.name().to_string()),
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
    let common_names = r
        .subject_attributes
        .iter()
        .filter(|a| a.oid == "2.5.4.3")
        .map(|a| a.value.clone())
        .collect();
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
        sig: cert.signature_value.data.to_vec(),
        aki: None,
        ski: None,
        basic_ca: None,
        key_cert_sign: None,
        eku_server: None,
        not_before,
        not_after,
        has_san: false,
        san_dns: Vec::new(),
        san_ip: Vec::new(),
        name_constraints: None,
        common_names,
        unsupported_critical: Vec::new(),
        unparsable_extensions: Vec::new(),
        sct_count: 0,
        version: tbs.version.0 + 1,
    };

    for (i, ext) in tbs.extensions().iter().enumerate() {
        let oid = ext.oid.to_id_string();
        let name = oids::extension_name(&oid).map_or_else(|| oid.clone(), str::to_string);
        let (offset, length) = ext_tlvs
            .get(i)
            .map_or((0, 0), |t| (t.start, t.end - t.start));
        ranges_v.push(FieldRange {
            field: format!("extension:{i}"),
            offset,
            length,
        });
        let mut summary = Vec::new();
        let mut decoded = true;
        match ext.parsed_extension() {
            ParsedExtension::BasicConstraints(bc) => {
                r.is_ca = bc.ca;
                r.path_len = bc.path_len_constraint;
                data.basic_ca = Some((bc.ca, bc.path_len_constraint));
                summary.push(format!("CA:{}", if bc.ca { "TRUE" } else { "FALSE" }));
                if let Some(p) = bc.path_len_constraint {
                    summary.push(format!("pathlen:{p}"));
                }
            }
            ParsedExtension::KeyUsage(ku) => {
                for (bit, n) in KU_NAMES.iter().enumerate() {
                    if ku.flags & (1 << bit) != 0 {
                        r.key_usage.push((*n).to_string());
                    }
                }
                data.key_cert_sign = Some(ku.key_cert_sign());
                summary.clone_from(&r.key_usage);
            }
            ParsedExtension::ExtendedKeyUsage(eku) => {
                let mut add = |b: bool, s: &str| {
                    if b {
                        r.ext_key_usage.push(s.to_string());
                    }
                };
                add(eku.server_auth, "serverAuth");
                add(eku.client_auth, "clientAuth");
                add(eku.code_signing, "codeSigning");
                add(eku.email_protection, "emailProtection");
                add(eku.time_stamping, "timeStamping");
                add(eku.ocsp_signing, "OCSPSigning");
                add(eku.any, "anyExtendedKeyUsage");
                for o in &eku.other {
                    let s = o.to_id_string();
                    r.ext_key_usage
                        .push(oids::eku_name(&s).map_or(s.clone(), str::to_string));
                }
                data.eku_server = Some(eku.server_auth || eku.any);
                summary.clone_from(&r.ext_key_usage);
            }
            ParsedExtension::SubjectKeyIdentifier(k) => {
                data.ski = Some(k.0.to_vec());
                r.subject_key_id = Some(hex(k.0));
                summary.push(hex(k.0));
            }
            ParsedExtension::AuthorityKeyIdentifier(a) => {
                if let Some(k) = &a.key_identifier {
                    data.aki = Some(k.0.to_vec());
                    r.authority_key_id = Some(hex(k.0));
                    summary.push(format!("keyid:{}", hex(k.0)));
                }
                if let Some(names) = &a.authority_cert_issuer {
                    summary.extend(names.iter().map(general_name));
                }
                if let Some(s) = a.authority_cert_serial {
                    summary.push(format!("serial:{}", hex(s)));
                }
            }
            ParsedExtension::SubjectAlternativeName(san) => {
                data.has_san = true;
                for g in &san.general_names {
                    match g {
                        GeneralName::DNSName(s) => {
                            r.san_dns.push((*s).to_string());
                            r.san_dns_unicode.push(super::hostname::to_unicode(s));
                            data.san_dns.push((*s).to_string());
                        }
                        GeneralName::IPAddress(b) => {
                            r.san_ip.push(ip_string(b));
                            data.san_ip.push(b.to_vec());
                        }
                        GeneralName::RFC822Name(s) => r.san_email.push((*s).to_string()),
                        GeneralName::URI(s) => r.san_uri.push((*s).to_string()),
                        _ => {}
                    }
                }
                summary.push(format!("{} name(s)", san.general_names.len()));
            }
            ParsedExtension::AuthorityInfoAccess(aia) => {
                for ad in &aia.accessdescs {
                    let method = ad.access_method.to_id_string();
                    if let GeneralName::URI(u) = &ad.access_location {
                        match method.as_str() {
                            "1.3.6.1.5.5.7.48.1" => r.ocsp_urls.push((*u).to_string()),
                            "1.3.6.1.5.5.7.48.2" => r.ca_issuers_urls.push((*u).to_string()),
                            _ => {}
                        }
                    }
                    let m = match method.as_str() {
                        "1.3.6.1.5.5.7.48.1" => "OCSP",
                        "1.3.6.1.5.5.7.48.2" => "CA Issuers",
                        _ => method.as_str(),
                    };
                    summary.push(format!("{m} - {}", general_name(&ad.access_location)));
                }
            }
            ParsedExtension::CRLDistributionPoints(c) => {
                for p in &c.points {
                    if let Some(DistributionPointName::FullName(names)) = &p.distribution_point {
                        for g in names {
                            if let GeneralName::URI(u) = g {
                                r.crl_urls.push((*u).to_string());
                            }
                            summary.push(general_name(g));
                        }
                    }
                }
            }
            ParsedExtension::CertificatePolicies(ps) => {
                for p in ps.iter() {
                    let oid = p.policy_id.to_id_string();
                    summary.push(oid.clone());
                    r.policies.push(PolicyReport {
                        name: oids::policy_name(&oid).map(str::to_string),
                        validation: oids::policy_level(&oid).map(str::to_string),
                        oid,
                    });
                }
            }
            ParsedExtension::SCT(list) => {
                data.sct_count = list.len();
                for s in list {
                    let secs = i64::try_from(s.timestamp / 1000).unwrap_or(i64::MAX);
                    r.scts.push(SctReport {
                        log_id: hex(s.id.key_id),
                        timestamp_ms: s.timestamp,
                        time: UnixTime(secs).to_rfc3339(),
                    });
                }
                summary.push(format!("{} SCT(s)", list.len()));
            }
            ParsedExtension::NameConstraints(nc) => {
                let conv = |v: &Option<Vec<x509_parser::extensions::GeneralSubtree<'_>>>| {
                    v.as_ref().map_or_else(Vec::new, |s| {
                        s.iter().map(|t| general_name(&t.base)).collect()
                    })
                };
                let rep = NameConstraintsReport {
                    permitted: conv(&nc.permitted_subtrees),
                    excluded: conv(&nc.excluded_subtrees),
                };
                data.name_constraints =
                    Some(super::constraints::NameConstraints::from_extension(nc));
                summary.extend(rep.permitted.iter().map(|p| format!("permitted {p}")));
                summary.extend(rep.excluded.iter().map(|p| format!("excluded {p}")));
                r.name_constraints = Some(rep);
            }
            ParsedExtension::PolicyConstraints(_)
            | ParsedExtension::PolicyMappings(_)
            | ParsedExtension::InhibitAnyPolicy(_)
            | ParsedExtension::IssuerAlternativeName(_)
            | ParsedExtension::SubjectInfoAccess(_)
            | ParsedExtension::NSCertType(_)
            | ParsedExtension::NsCertComment(_) => {}
            ParsedExtension::ParseError { .. } => {
                decoded = false;
                data.unparsable_extensions.push(name.clone());
                if ext.critical {
                    data.unsupported_critical.push(name.clone());
                }
            }
            _ => {
                decoded = false;
                if ext.critical {
                    data.unsupported_critical.push(name.clone());
                }
            }
        }
        r.extensions.push(ExtensionReport {
            oid,
            name,
            critical: ext.critical,
            decoded,
            summary,
            offset,
            length,
        });
    }
    r.validation_level = ["ev", "ov", "iv", "dv"]
        .iter()
        .find(|l| {
            r.policies
                .iter()
                .any(|p| p.validation.as_deref() == Some(**l))
        })
        .map(|l| (*l).to_string());
    r.ranges = ranges_v;
    (r, data)
}
