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

/// A DER element at `pos`: (start, content start, end).
fn element(der: &[u8], pos: usize) -> (usize, usize, usize) {
    let first = der[pos + 1];
    let (header, length) = if first < 0x80 {
        (2, usize::from(first))
    } else {
        let n = usize::from(first & 0x7f);
        let length = der[pos + 2..pos + 2 + n]
            .iter()
            .fold(0, |acc, b| acc << 8 | usize::from(*b));
        (2 + n, length)
    };
    (pos, pos + header, pos + header + length)
}

/// The content of the DER element `der` begins with.
pub fn content(der: &[u8]) -> &[u8] {
    let (_, start, end) = element(der, 0);
    &der[start..end]
}

/// The elements (each whole) inside the DER element `der` begins with.
pub fn children(der: &[u8]) -> Vec<&[u8]> {
    let (_, mut at, end) = element(der, 0);
    let mut out = Vec::new();
    while at < end {
        let next = element(der, at).2;
        out.push(&der[at..next]);
        at = next;
    }
    out
}

/// A SubjectPublicKeyInfo for an RSA key: rsaEncryption with `parameters` after its OID,
/// the modulus's and the exponent's contents as given, `trailing` after the key's SEQUENCE.
pub fn rsa_spki(parameters: &[u8], n: &[u8], e: &[u8], trailing: &[u8]) -> Vec<u8> {
    let oid = wrap(
        0x06,
        &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01],
    );
    let algorithm = wrap(0x30, &[oid, parameters.to_vec()].concat());
    let numbers = [wrap(0x02, n), wrap(0x02, e)].concat();
    let key = [wrap(0x30, &numbers), trailing.to_vec()].concat();
    let bits = wrap(0x03, &[&[0][..], &key].concat());
    wrap(0x30, &[algorithm, bits].concat())
}

/// The modulus of the RSA key in `spki`, without the 00 octets before it.
pub fn rsa_modulus(spki: &[u8]) -> Vec<u8> {
    let parts = children(spki);
    let numbers = children(&content(parts[1])[1..]);
    content(numbers[0])
        .iter()
        .copied()
        .skip_while(|b| *b == 0)
        .collect()
}

/// `tag || length || content` in DER.
pub fn wrap(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    if content.len() < 0x80 {
        out.push(content.len() as u8);
    } else {
        let bytes: Vec<u8> = content
            .len()
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

/// The certificate `der` with its two signature algorithm fields rewritten, as no tool
/// writes them on purpose: the signed part's `signature` as `inner` makes it, the outer
/// `signatureAlgorithm` as `outer` makes it (each given the field's DER), the signed part
/// signed again by `issuer_key` (whose algorithm must be what the outer field says).
pub fn with_algorithm_fields(
    der: &[u8],
    issuer_key: &KeyPair,
    inner: impl Fn(&[u8]) -> Vec<u8>,
    outer: impl Fn(&[u8]) -> Vec<u8>,
) -> Vec<u8> {
    let (_, certificate, _) = element(der, 0);
    let (tbs_start, tbs_content, tbs_end) = element(der, certificate);
    let (_, _, outer_end) = element(der, tbs_end);
    // Inside the signed part: [0] version, serialNumber, then the signature field.
    let (_, _, version_end) = element(der, tbs_content);
    let (_, _, serial_end) = element(der, version_end);
    let (field_start, _, field_end) = element(der, serial_end);
    assert!(tbs_start < field_start);
    let mut body = der[tbs_content..field_start].to_vec();
    body.extend(inner(&der[field_start..field_end]));
    body.extend_from_slice(&der[field_end..tbs_end]);
    signed(&body, &outer(&der[tbs_end..outer_end]), issuer_key)
}

/// A certificate of the signed part's `body` and the outer `algorithm` field (DER), the
/// signature made by `issuer_key`.
fn signed(body: &[u8], algorithm: &[u8], issuer_key: &KeyPair) -> Vec<u8> {
    let tbs = wrap(0x30, body);
    let signature = rcgen::SigningKey::sign(issuer_key, &tbs).unwrap();
    let mut bits = vec![0];
    bits.extend(signature);
    let mut certificate = tbs;
    certificate.extend_from_slice(algorithm);
    certificate.extend(wrap(0x03, &bits));
    wrap(0x30, &certificate)
}

/// An AlgorithmIdentifier with its OID's last byte changed to `last` (ecdsa-with-SHA256,
/// …4.3.2, becomes ecdsa-with-SHA384 with 3; sha256WithRSAEncryption, …1.1.11,
/// sha384WithRSAEncryption with 12).
pub fn oid_ending(field: &[u8], last: u8) -> Vec<u8> {
    let (_, content, _) = element(field, 0);
    let (_, _, oid_end) = element(field, content);
    let mut out = field.to_vec();
    out[oid_end - 1] = last;
    out
}

/// An AlgorithmIdentifier without its NULL parameters (RSA written the other allowed way).
pub fn without_null(field: &[u8]) -> Vec<u8> {
    assert!(field.ends_with(&[0x05, 0x00]), "NULL parameters expected");
    let (_, content, end) = element(field, 0);
    wrap(0x30, &field[content..end - 2])
}

/// A 2048-bit RSA key for rcgen: ring signs with RSA keys but does not make them, so
/// OpenSSL makes it (`make tools` installs it).
pub fn rsa_key() -> KeyPair {
    let pem = std::process::Command::new("openssl")
        .args([
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
        ])
        .output()
        .expect("openssl (make tools installs it)")
        .stdout;
    KeyPair::from_pem_and_sign_algo(std::str::from_utf8(&pem).unwrap(), &rcgen::PKCS_RSA_SHA256)
        .unwrap()
}

/// The certificate `der` with the extension whose `extnID` is `oid` (the OID's DER)
/// rewritten by `change` (given the extension's whole DER), the signed part signed again by
/// `issuer_key`: an extension written as no tool writes it on purpose.
pub fn with_extension(
    der: &[u8],
    issuer_key: &KeyPair,
    oid: &[u8],
    change: impl Fn(&[u8]) -> Vec<u8>,
) -> Vec<u8> {
    let (_, certificate, _) = element(der, 0);
    let (_, tbs_content, tbs_end) = element(der, certificate);
    let (_, _, outer_end) = element(der, tbs_end);
    // The extensions ([3]) are the signed part's last field.
    let mut at = tbs_content;
    let mut last = at;
    while at < tbs_end {
        last = at;
        at = element(der, at).2;
    }
    assert_eq!(der[last], 0xa3, "no extensions");
    let (_, list, _) = element(der, last);
    let (_, mut at, list_end) = element(der, list);
    let mut extensions = Vec::new();
    let mut found = false;
    while at < list_end {
        let (_, content, end) = element(der, at);
        let extension = &der[at..end];
        if der[content..].starts_with(oid) {
            extensions.extend(change(extension));
            found = true;
        } else {
            extensions.extend_from_slice(extension);
        }
        at = end;
    }
    assert!(found, "no such extension");
    let mut body = der[tbs_content..last].to_vec();
    body.extend(wrap(0xa3, &wrap(0x30, &extensions)));
    signed(&body, &der[tbs_end..outer_end], issuer_key)
}

/// The certificate `der` with the fields of its signed part (each field's DER: version,
/// serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, then the
/// unique identifiers and extensions there are) rewritten by `change`, the signed part
/// signed again by `issuer_key`: a certificate's frame written as no tool writes it on
/// purpose.
pub fn with_signed_fields(
    der: &[u8],
    issuer_key: &KeyPair,
    change: impl Fn(&mut Vec<Vec<u8>>),
) -> Vec<u8> {
    let (_, certificate, _) = element(der, 0);
    let (_, tbs_content, tbs_end) = element(der, certificate);
    let (_, _, outer_end) = element(der, tbs_end);
    let mut fields = Vec::new();
    let mut at = tbs_content;
    while at < tbs_end {
        let end = element(der, at).2;
        fields.push(der[at..end].to_vec());
        at = end;
    }
    change(&mut fields);
    signed(&fields.concat(), &der[tbs_end..outer_end], issuer_key)
}

/// A change to the fields of a certificate's signed part, for [`with_signed_fields`]:
/// [0] version, serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo,
/// extensions (as rcgen writes them).
pub type FieldsChange = Box<dyn Fn(&mut Vec<Vec<u8>>)>;

/// The version written as `v` (0 for version 1, written out), or left out (`None`).
pub fn version_field(v: Option<u8>) -> FieldsChange {
    Box::new(move |f: &mut Vec<Vec<u8>>| match v {
        Some(v) => f[0] = vec![0xa0, 0x03, 0x02, 0x01, v],
        None => {
            f.remove(0);
        }
    })
}

/// The validity dates written as `before` and `after`: a GeneralizedTime for a text of 15
/// characters, a UTCTime for any other.
pub fn dates_field(before: &'static [u8], after: &'static [u8]) -> FieldsChange {
    Box::new(move |f: &mut Vec<Vec<u8>>| {
        let time = |text: &[u8]| wrap(if text.len() == 15 { 0x18 } else { 0x17 }, text);
        f[4] = wrap(0x30, &[time(before), time(after)].concat());
    })
}

/// The extensions as an empty list (`a3 02 30 00`).
pub fn empty_extension_list() -> FieldsChange {
    Box::new(|f: &mut Vec<Vec<u8>>| *f.last_mut().unwrap() = vec![0xa3, 0x02, 0x30, 0x00])
}

/// A version 1 certificate (its version left out) with an issuer unique identifier in place
/// of its extensions.
pub fn unique_id_in_version_1() -> FieldsChange {
    Box::new(|f: &mut Vec<Vec<u8>>| {
        f.remove(0);
        f.pop();
        f.push(vec![0x81, 0x02, 0x00, 0xff]);
    })
}

/// An AlgorithmIdentifier with NULL parameters added (ECDSA written as RFC 5758 forbids).
pub fn with_null(field: &[u8]) -> Vec<u8> {
    let (_, content, end) = element(field, 0);
    let mut body = field[content..end].to_vec();
    body.extend([0x05, 0x00]);
    wrap(0x30, &body)
}

/// The certificate `der` with its key's AlgorithmIdentifier (in subjectPublicKeyInfo)
/// replaced by `algorithm` (the field's DER), the signed part signed again by `issuer_key`:
/// the same key named as another kind (an RSA key as id-RSASSA-PSS, RFC 4055 1.2).
pub fn with_key_algorithm(der: &[u8], issuer_key: &KeyPair, algorithm: &[u8]) -> Vec<u8> {
    let (_, certificate, _) = element(der, 0);
    let (_, tbs_content, tbs_end) = element(der, certificate);
    let (_, _, outer_end) = element(der, tbs_end);
    // Inside the signed part: [0] version, serialNumber, signature, issuer, validity,
    // subject, then subjectPublicKeyInfo.
    let mut at = tbs_content;
    for _ in 0..6 {
        at = element(der, at).2;
    }
    let (_, spki_content, spki_end) = element(der, at);
    let (_, _, algorithm_end) = element(der, spki_content);
    let mut spki = algorithm.to_vec();
    spki.extend_from_slice(&der[algorithm_end..spki_end]);
    let mut body = der[tbs_content..at].to_vec();
    body.extend(wrap(0x30, &spki));
    body.extend_from_slice(&der[spki_end..tbs_end]);
    signed(&body, &der[tbs_end..outer_end], issuer_key)
}

/// id-RSASSA-PSS (1.2.840.113549.1.1.10) without parameters, as an AlgorithmIdentifier:
/// an RSA key for RSA-PSS signatures only, any hash (RFC 4055 1.2).
pub const RSASSA_PSS_KEY: &[u8] = &[
    0x30, 0x0b, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a,
];

/// `n` DNS names (`host00000.example.test` on), for a certificate of a given size: about
/// 24 bytes each.
pub fn many_names(n: usize) -> impl Iterator<Item = SanType> {
    (0..n).map(|i| SanType::DnsName(format!("host{i:05}.example.test").try_into().unwrap()))
}

/// A Name of one attribute per RDN, each `(t, tag, value)`: the type 2.5.4.t (3 a common
/// name, 10 an organisation…) and its value's tag and octets, as no tool writes some of them.
pub fn name_of(attributes: &[(u8, u8, &[u8])]) -> Vec<u8> {
    let rdns: Vec<Vec<u8>> = attributes
        .iter()
        .map(|&(t, tag, value)| {
            let pair = [wrap(0x06, &[0x55, 0x04, t]), wrap(tag, value)].concat();
            wrap(0x31, &wrap(0x30, &pair))
        })
        .collect();
    wrap(0x30, &rdns.concat())
}
