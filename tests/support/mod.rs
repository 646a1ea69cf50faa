//! Chains generated with rcgen for the certificate tests: a root, intermediates and leaves
//! with the defect a test needs, judged at one fixed date.
#![allow(dead_code)] // each test file uses the helpers it needs

use imasara::cert::{Analysis, Anchor, Code, Options, Report, UnixTime};
use rcgen::{
    BasicConstraints, Certificate, CertificateParams, DistinguishedName, DnType,
    ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair, KeyUsagePurpose, SanType, SignatureAlgorithm,
    date_time_ymd,
};

pub const AT: &str = "2026-06-01T00:00:00Z";

pub fn at() -> UnixTime {
    UnixTime::parse_rfc3339(AT).unwrap()
}

pub fn params(cn: &str, ca: IsCa) -> CertificateParams {
    let mut p = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::OrganizationName, "imasara test");
    dn.push(DnType::CommonName, cn);
    p.distinguished_name = dn;
    p.not_before = date_time_ymd(2025, 1, 1);
    p.not_after = date_time_ymd(2030, 1, 1);
    p.use_authority_key_identifier_extension = true;
    if matches!(ca, IsCa::Ca(_)) {
        p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    } else {
        p.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        p.subject_alt_names = vec![
            SanType::DnsName("www.example.test".try_into().unwrap()),
            SanType::DnsName("*.apps.example.test".try_into().unwrap()),
        ];
    }
    p.is_ca = ca;
    p
}

pub struct Ca {
    pub params: CertificateParams,
    pub key: KeyPair,
    pub cert: Certificate,
}

pub fn root(cn: &str, alg: &'static SignatureAlgorithm) -> Ca {
    let key = KeyPair::generate_for(alg).unwrap();
    let params = params(cn, IsCa::Ca(BasicConstraints::Unconstrained));
    let cert = params.self_signed(&key).unwrap();
    Ca { params, key, cert }
}

pub fn sub_ca(
    cn: &str,
    alg: &'static SignatureAlgorithm,
    issuer: &Ca,
    p: Option<CertificateParams>,
) -> Ca {
    let key = KeyPair::generate_for(alg).unwrap();
    let params = p.unwrap_or_else(|| params(cn, IsCa::Ca(BasicConstraints::Unconstrained)));
    let cert = params
        .signed_by(&key, &Issuer::from_params(&issuer.params, &issuer.key))
        .unwrap();
    Ca { params, key, cert }
}

pub fn leaf_with(
    p: CertificateParams,
    alg: &'static SignatureAlgorithm,
    issuer: &Ca,
) -> Certificate {
    let key = KeyPair::generate_for(alg).unwrap();
    p.signed_by(&key, &Issuer::from_params(&issuer.params, &issuer.key))
        .unwrap()
}

pub fn leaf(alg: &'static SignatureAlgorithm, issuer: &Ca) -> Certificate {
    leaf_with(params("www.example.test", IsCa::ExplicitNoCa), alg, issuer)
}

pub fn pem(certs: &[&Certificate]) -> String {
    certs.iter().map(|c| c.pem()).collect::<Vec<_>>().join("\n")
}

pub fn anchor(ca: &Ca) -> Vec<Anchor> {
    Anchor::from_input(ca.cert.pem().as_bytes())
}

pub fn judge(input: &str, anchors: Vec<Anchor>, host: Option<&str>) -> Report {
    judge_at(input, anchors, host, at())
}

/// Judges `input` with only `anchors` trusted (no Mozilla roots), at `when`.
pub fn judge_at(input: &str, anchors: Vec<Anchor>, host: Option<&str>, when: UnixTime) -> Report {
    Analysis::parse(input.as_bytes()).judge(&Options {
        at: when,
        host: host.map(str::to_string),
        extra_anchors: anchors,
        mozilla_roots: false,
    })
}

/// The certificates of an input, as the engine reads them.
pub fn certificates(input: &str) -> Vec<imasara::cert::CertificateReport> {
    Analysis::parse(input.as_bytes()).certificates().to_vec()
}

pub fn codes(r: &Report) -> Vec<Code> {
    r.findings.iter().map(|w| w.code()).collect()
}

/// Flips one bit in the last byte of the DER (inside the signature value).
pub fn flip_signature(c: &Certificate) -> Vec<u8> {
    let mut der = c.der().to_vec();
    let n = der.len();
    der[n - 1] ^= 0x01;
    der
}

/// DER as a PEM block with `label`, 64 characters a line (RFC 7468).
pub fn pem_of(label: &str, der: &[u8]) -> String {
    let b64 = data_encoding::BASE64.encode(der);
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}
