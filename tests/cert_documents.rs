//! Certificate signing requests and revocation lists: read, their signatures checked, a
//! pasted certificate found on a list, and the Certificate Transparency log behind each
//! embedded SCT named from the dated log list.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use imasara::cert::documents::MAX_CRL_ENTRIES_KEPT;
use imasara::cert::findings::OtherDer;
use imasara::cert::{Analysis, FindingKind, SignatureStatus, UnixTime};
use rcgen::{
    CertificateRevocationListParams, IsCa, Issuer, KeyIdMethod, KeyPair, RevocationReason,
    RevokedCertParams, SanType, SerialNumber, date_time_ymd,
};

mod support;
use support::*;

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/cert/{path}")).unwrap()
}

#[test]
fn a_request_is_read_and_its_signature_checked() {
    let a = Analysis::parse(&fixture("x509-parser-assets/test.csr"));
    assert!(a.certificates().is_empty());
    let [request] = a.requests() else {
        panic!("{:?}", a.input_findings())
    };
    assert_eq!(request.subject, "CN=test.rusticata.fr");
    assert_eq!(request.version, 1);
    assert_eq!(request.signature, SignatureStatus::Valid);
    assert_eq!(request.public_key.algorithm, "EC");
    assert!(
        a.input_findings().iter().any(|f| f.kind
            == FindingKind::DocumentRead {
                kind: OtherDer::Csr
            }),
        "named in the findings: {:?}",
        a.input_findings()
    );
    // Only what was read: no "no certificate" warning for a request on its own.
    assert!(
        !a.input_findings()
            .iter()
            .any(|f| f.kind == FindingKind::NoCertificate)
    );
}

#[test]
fn a_generated_request_shows_its_names_and_a_changed_one_fails() {
    // What a server's administrator asks for: names, no dates or usages (rcgen refuses
    // those in a request, as a CA sets them).
    let mut p = rcgen::CertificateParams::new(vec!["shop.example.test".to_owned()]).unwrap();
    p.subject_alt_names
        .push(SanType::IpAddress("192.0.2.7".parse().unwrap()));
    let key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let csr = p.serialize_request(&key).unwrap();
    let a = Analysis::parse(csr.pem().unwrap().as_bytes());
    let [request] = a.requests() else { panic!() };
    assert_eq!(request.signature, SignatureStatus::Valid);
    assert_eq!(
        request.requested_names,
        ["dns:shop.example.test", "ip:192.0.2.7"]
    );
    assert!(
        request
            .requested_extensions
            .iter()
            .any(|e| e == "subjectAltName"),
        "{:?}",
        request.requested_extensions
    );
    assert!(!request.challenge_password);
    // The same key pin as a certificate made from it.
    let cert = p.self_signed(&key).unwrap();
    let made = certificates(&cert.pem());
    assert_eq!(made[0].spki_sha256, request.spki_sha256);

    // One letter of the subject changed after signing: the signature no longer holds.
    let mut der = csr.der().to_vec();
    let at = der
        .windows(4)
        .position(|w| w == b"shop")
        .expect("subject bytes");
    der[at] = b'S';
    let a = Analysis::parse(pem_of("CERTIFICATE REQUEST", &der).as_bytes());
    let [changed] = a.requests() else { panic!() };
    assert_eq!(changed.signature, SignatureStatus::Invalid);
}

#[test]
fn a_challenge_password_is_noted_and_never_kept() {
    let input = fixture("x509-parser-assets/csr-challenge-password.pem");
    let a = Analysis::parse(&input);
    let [request] = a.requests() else { panic!() };
    assert!(request.challenge_password);
    // The password itself appears nowhere in the report.
    let text = String::from_utf8_lossy(&input).to_string();
    let der = {
        let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
        data_encoding::BASE64.decode(body.as_bytes()).unwrap()
    };
    let password = x509_parser_password(&der);
    let json = serde_json::to_string(&a.requests()).unwrap();
    assert!(!password.is_empty());
    assert!(!json.contains(&password), "{json}");
}

/// The challengePassword's value (PKCS#9 1.2.840.113549.1.9.7), read by hand: the
/// printable string after the attribute's OID.
fn x509_parser_password(der: &[u8]) -> String {
    let oid = [
        0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x07,
    ];
    let at = der.windows(oid.len()).position(|w| w == oid).unwrap() + oid.len();
    // SET { DirectoryString }
    let value = &der[at + 2..];
    let len = usize::from(value[1]);
    String::from_utf8_lossy(&value[2..2 + len]).to_string()
}

#[test]
fn a_request_labelled_so_that_is_not_one_is_said() {
    let a =
        Analysis::parse(pem_of("CERTIFICATE REQUEST", &[0x30, 0x03, 0x01, 0x01, 0xff]).as_bytes());
    assert!(a.requests().is_empty());
    assert!(
        a.input_findings().iter().any(|f| f.kind
            == FindingKind::DocumentUnreadable {
                kind: OtherDer::Csr
            }),
        "{:?}",
        a.input_findings()
    );
}

fn crl_params(revoked: Vec<RevokedCertParams>) -> CertificateRevocationListParams {
    CertificateRevocationListParams {
        this_update: date_time_ymd(2026, 5, 1),
        next_update: date_time_ymd(2026, 5, 8),
        crl_number: SerialNumber::from(vec![0x01, 0x02]),
        issuing_distribution_point: None,
        revoked_certs: revoked,
        key_identifier_method: KeyIdMethod::Sha256,
    }
}

fn revoked(serial: &[u8], reason: Option<RevocationReason>) -> RevokedCertParams {
    RevokedCertParams {
        serial_number: SerialNumber::from(serial.to_vec()),
        revocation_time: date_time_ymd(2026, 4, 20),
        reason_code: reason,
        invalidity_date: None,
    }
}

#[test]
fn a_list_is_checked_against_its_pasted_issuer_and_finds_the_revoked_leaf() {
    let ca = root("List Root", &rcgen::PKCS_ECDSA_P256_SHA256);
    let mut revoked_params = params("www.example.test", IsCa::ExplicitNoCa);
    revoked_params.serial_number = Some(SerialNumber::from(vec![0x0a, 0xbc, 0xde]));
    let revoked_leaf = leaf_with(revoked_params, &rcgen::PKCS_ECDSA_P256_SHA256, &ca);
    let mut kept_params = params("mail.example.test", IsCa::ExplicitNoCa);
    kept_params.serial_number = Some(SerialNumber::from(vec![0x0b]));
    let kept_leaf = leaf_with(kept_params, &rcgen::PKCS_ECDSA_P256_SHA256, &ca);
    let crl = crl_params(vec![
        revoked(&[0x0a, 0xbc, 0xde], Some(RevocationReason::KeyCompromise)),
        revoked(&[0x77], None),
    ])
    .signed_by(&Issuer::from_params(&ca.params, &ca.key))
    .unwrap();
    let input = format!(
        "{}\n{}",
        pem(&[&revoked_leaf, &kept_leaf, &ca.cert]),
        crl.pem().unwrap()
    );
    let a = Analysis::parse(input.as_bytes());
    let [list] = a.crls() else {
        panic!("{:?}", a.input_findings())
    };
    assert_eq!(list.version, 2);
    assert_eq!(list.issuer, "O=imasara test, CN=List Root");
    assert_eq!(list.signature, Some((2, SignatureStatus::Valid)));
    assert_eq!(list.number.as_deref(), Some("0102"));
    assert_eq!(list.entry_count, 2);
    assert_eq!(list.entries[0].serial_hex, "0abcde");
    assert_eq!(list.entries[0].reason.as_deref(), Some("keyCompromise"));
    assert_eq!(list.entries[1].reason, None);
    assert_eq!(list.looked_up, 2, "both leaves name the list's issuer");
    let [listed] = list.revokes.as_slice() else {
        panic!("{:?}", list.revokes)
    };
    assert_eq!(listed.certificate, 0);
    assert_eq!(
        listed.entry.date,
        UnixTime::parse_rfc3339("2026-04-20T00:00:00Z").unwrap()
    );
    // Fresh between thisUpdate and nextUpdate, stale after.
    let day = |d: &str| UnixTime::parse_rfc3339(&format!("{d}T00:00:00Z")).unwrap();
    assert!(!list.is_current(day("2026-04-30")));
    assert!(list.is_current(day("2026-05-03")));
    assert!(!list.is_current(day("2026-05-08")));
}

#[test]
fn a_list_signed_by_another_key_fails_and_one_without_its_issuer_is_unchecked() {
    let ca = root("List Root", &rcgen::PKCS_ECDSA_P256_SHA256);
    // Same name, another key: the list names the pasted root as issuer but does not verify.
    let impostor = root("List Root", &rcgen::PKCS_ECDSA_P256_SHA256);
    let crl = crl_params(vec![revoked(&[0x01], None)])
        .signed_by(&Issuer::from_params(&impostor.params, &impostor.key))
        .unwrap();
    let input = format!("{}\n{}", ca.cert.pem(), crl.pem().unwrap());
    let a = Analysis::parse(input.as_bytes());
    assert_eq!(a.crls()[0].signature, Some((0, SignatureStatus::Invalid)));

    let alone = Analysis::parse(crl.pem().unwrap().as_bytes());
    assert_eq!(alone.crls()[0].signature, None);
    assert_eq!(alone.crls()[0].looked_up, 0);
}

#[test]
fn a_long_list_keeps_its_first_entries_and_still_finds_a_late_one() {
    let ca = root("Big List Root", &rcgen::PKCS_ECDSA_P256_SHA256);
    let mut p = params("www.example.test", IsCa::ExplicitNoCa);
    let late = [0x7f, 0xff, 0xff];
    p.serial_number = Some(SerialNumber::from(late.to_vec()));
    let leaf = leaf_with(p, &rcgen::PKCS_ECDSA_P256_SHA256, &ca);
    let mut entries: Vec<RevokedCertParams> = (0..MAX_CRL_ENTRIES_KEPT + 500)
        .map(|i| revoked(&u32::try_from(i + 1).unwrap().to_be_bytes(), None))
        .collect();
    entries.push(revoked(&late, Some(RevocationReason::Superseded)));
    let crl = crl_params(entries)
        .signed_by(&Issuer::from_params(&ca.params, &ca.key))
        .unwrap();
    let input = format!("{}\n{}", pem(&[&leaf, &ca.cert]), crl.pem().unwrap());
    let a = Analysis::parse(input.as_bytes());
    let list = &a.crls()[0];
    assert_eq!(list.entry_count, MAX_CRL_ENTRIES_KEPT + 501);
    assert_eq!(list.entries.len(), MAX_CRL_ENTRIES_KEPT);
    assert_eq!(list.revokes.len(), 1);
    assert_eq!(list.revokes[0].entry.reason.as_deref(), Some("superseded"));
    assert_eq!(list.signature, Some((1, SignatureStatus::Valid)));
}

#[test]
fn the_sample_der_list_is_read_with_its_entries() {
    let a = Analysis::parse(&fixture("x509-parser-assets/example.crl"));
    let [list] = a.crls() else { panic!() };
    // As `openssl crl -inform DER -text` prints it.
    assert_eq!(
        list.issuer,
        "O=Sample Signer Organization, OU=Sample Signer Unit, CN=Sample Signer Cert"
    );
    assert_eq!(list.number.as_deref(), Some("03"));
    assert_eq!(
        list.this_update,
        UnixTime::parse_rfc3339("2013-02-18T10:32:00Z").unwrap()
    );
    // OpenSSL prints serial numbers in hexadecimal (i2a_ASN1_INTEGER): "147947".
    assert_eq!(list.entries[0].serial_hex, "147947");
    assert_eq!(
        list.entries[0].reason.as_deref(),
        Some("affiliationChanged")
    );
    assert_eq!(
        list.entries.len(),
        list.entry_count.min(MAX_CRL_ENTRIES_KEPT)
    );
    assert_eq!(list.signature, None);
}

/// Runs openssl with `args`; true when it exits 0 and prints `ok` (OpenSSL 3.0's
/// `req -verify` exits 0 after "verify failure", so its words decide).
fn openssl_accepts(args: &[&str], ok: &str) -> bool {
    let out = std::process::Command::new("openssl")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("openssl: {e}; install openssl (make tools does)"));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out.status.success() && said.contains(ok)
}

#[test]
fn signature_results_agree_with_openssl() {
    let dir = std::env::temp_dir().join(format!("imasara-documents-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_owned();

    // Requests: `openssl req -verify` checks the self-signature.
    let p = rcgen::CertificateParams::new(vec!["shop.example.test".to_owned()]).unwrap();
    let key = KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let good = p.serialize_request(&key).unwrap().der().to_vec();
    let mut bad = good.clone();
    let at = bad.windows(4).position(|w| w == b"shop").unwrap();
    bad[at] = b'S';
    for (name, der) in [("good.csr", &good), ("bad.csr", &bad)] {
        let text = pem_of("CERTIFICATE REQUEST", der);
        std::fs::write(path(name), &text).unwrap();
        let ours =
            Analysis::parse(text.as_bytes()).requests()[0].signature == SignatureStatus::Valid;
        let theirs = openssl_accepts(
            &["req", "-verify", "-noout", "-in", &path(name)],
            "self-signature verify OK",
        );
        assert_eq!(ours, theirs, "{name}");
    }

    // Lists: `openssl crl -CAfile` checks the signature with the issuer's key.
    let ca = root("List Root", &rcgen::PKCS_ECDSA_P256_SHA256);
    let impostor = root("List Root", &rcgen::PKCS_ECDSA_P256_SHA256);
    std::fs::write(path("ca.pem"), ca.cert.pem()).unwrap();
    for (name, signer) in [("good.crl", &ca), ("bad.crl", &impostor)] {
        let crl = crl_params(vec![revoked(&[0x01], None)])
            .signed_by(&Issuer::from_params(&signer.params, &signer.key))
            .unwrap()
            .pem()
            .unwrap();
        std::fs::write(path(name), &crl).unwrap();
        let input = format!("{}\n{crl}", ca.cert.pem());
        let ours = Analysis::parse(input.as_bytes()).crls()[0].signature
            == Some((0, SignatureStatus::Valid));
        let theirs = openssl_accepts(
            &[
                "crl",
                "-noout",
                "-in",
                &path(name),
                "-CAfile",
                &path("ca.pem"),
            ],
            "verify OK",
        );
        assert_eq!(ours, theirs, "{name}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn embedded_scts_name_their_logs_from_the_dated_list() {
    // badssl's chain: each SCT of the leaf names a log the list knows, with its operator.
    let a = Analysis::parse(&fixture("badssl/wildcard-rsa2048.pem"));
    let leaf = &a.certificates()[0];
    assert_eq!(leaf.scts.len(), 3);
    let first = leaf.scts[0].log.as_ref().unwrap();
    assert_eq!(
        (first.operator.as_str(), first.name.as_str()),
        ("Google", "Google 'Skydiver' log")
    );
    for sct in &leaf.scts {
        assert_eq!(sct.version, 0, "v1");
        assert!(
            sct.signature_algorithm == "ECDSA with SHA-256"
                || sct.signature_algorithm == "RSA with SHA-256",
            "{}",
            sct.signature_algorithm
        );
        let log = sct
            .log
            .as_ref()
            .unwrap_or_else(|| panic!("{} unknown", sct.log_id));
        assert!(!log.operator.is_empty() && !log.name.is_empty());
    }
}

/// A hostile pair: a list naming one serial number 50,000 times and the certificate it
/// names pasted 100 times. The report stays bounded: each pasted certificate is named
/// once, and only the first entries are kept.
#[test]
fn a_list_repeating_a_serial_names_each_certificate_once() {
    let ca = root("Repeat Root", &rcgen::PKCS_ECDSA_P256_SHA256);
    let mut p = params("www.example.test", IsCa::ExplicitNoCa);
    p.serial_number = Some(SerialNumber::from(vec![0x42]));
    let leaf = leaf_with(p, &rcgen::PKCS_ECDSA_P256_SHA256, &ca);
    let entries = vec![revoked(&[0x42], None); 50_000];
    let crl = crl_params(entries)
        .signed_by(&Issuer::from_params(&ca.params, &ca.key))
        .unwrap();
    let mut input = vec![leaf.pem(); 100];
    input.push(crl.pem().unwrap());
    let a = Analysis::parse(input.join("\n").as_bytes());
    let list = &a.crls()[0];
    assert_eq!(list.entry_count, 50_000);
    assert_eq!(list.entries.len(), MAX_CRL_ENTRIES_KEPT);
    assert_eq!(list.looked_up, 100);
    assert_eq!(list.revokes.len(), 100);
    assert_eq!(list.signature, None, "the issuer was not pasted");
}
