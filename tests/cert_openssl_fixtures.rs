//! RSA fixtures made by tests/fixtures/cert/openssl/generate.sh (RSA PKCS#1 v1.5 with
//! SHA-1/256/384/512, RSA-PSS with SHA-256/384/512, 1024- and 768-bit keys, a SHA-1
//! intermediate, PKCS#7 bundles), each valid and with one bit flipped; and elliptic-curve
//! keys whose curve is written out rather than named.
#![cfg(not(target_arch = "wasm32"))]
// A test reports failure by panicking; unwrap is the plain way to say "must be there".
#![allow(clippy::unwrap_used)]

use imasara::cert::{
    Analysis, Anchor, BlockKind, ChromiumError as E, Code, Options, Report, SignatureStatus,
    UnixTime,
};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/cert/openssl/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

fn root_anchor() -> Vec<Anchor> {
    Anchor::from_input(&fixture("rsa-root.pem"))
}

fn judge_bytes(input: &[u8]) -> (Analysis, Report) {
    let a = Analysis::parse(input);
    // A day after the leaf's notBefore (the script dates them from its run).
    let t = UnixTime(a.certificates()[0].not_before.seconds() + 86_400);
    let r = a.judge(&Options {
        at: t,
        host: Some("rsa.example.test".into()),
        extra_anchors: root_anchor(),
        mozilla_roots: false,
    });
    (a, r)
}

fn with_root(leaf: &[u8]) -> Vec<u8> {
    let mut v = leaf.to_vec();
    v.extend_from_slice(b"\n");
    v.extend_from_slice(&fixture("rsa-root.pem"));
    v
}

/// The leaf's DER with one bit flipped in the last byte (inside the signature value).
fn flipped_leaf_der(name: &str) -> Vec<u8> {
    let a = Analysis::parse(&fixture(name));
    let pem = String::from_utf8(fixture(name)).unwrap();
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let mut der = data_encoding::BASE64.decode(b64.as_bytes()).unwrap();
    assert_eq!(der.len(), a.certificates()[0].der_length);
    let n = der.len();
    der[n - 1] ^= 0x01;
    der
}

#[test]
fn rsa_algorithms_valid_and_flipped() {
    // OpenSSL 3.0.19: `openssl verify -CAfile rsa-root.pem -verify_hostname
    // rsa.example.test leaf-*.pem` says "OK" for each of these, SHA-1 and small keys
    // included (at its default security level). Chromium refuses SHA-1 as ERR_CERT_INVALID
    // (InspectSignatureAlgorithmForCert) and RSA under 1024 bits as ERR_CERT_WEAK_KEY
    // (IsWeakKey); it accepts 1024 bits.
    let cases: &[(&str, &str, &[E])] = &[
        ("leaf-rsa-pkcs1-sha256.pem", "sha256WithRSAEncryption", &[]),
        ("leaf-rsa-pkcs1-sha384.pem", "sha384WithRSAEncryption", &[]),
        ("leaf-rsa-pkcs1-sha512.pem", "sha512WithRSAEncryption", &[]),
        ("leaf-rsa-pss-sha256.pem", "rsassaPss", &[]),
        ("leaf-rsa-pss-sha384.pem", "rsassaPss", &[]),
        ("leaf-rsa-pss-sha512.pem", "rsassaPss", &[]),
        (
            "leaf-rsa-pkcs1-sha1.pem",
            "sha1WithRSAEncryption",
            &[E::Invalid],
        ),
        ("leaf-rsa-1024.pem", "sha256WithRSAEncryption", &[]),
        ("leaf-rsa-768.pem", "sha256WithRSAEncryption", &[E::WeakKey]),
    ];
    for (name, alg, errors) in cases {
        let (a, rep) = judge_bytes(&with_root(&fixture(name)));
        assert_eq!(a.certificates()[0].signature_algorithm, *alg, "{name}");
        assert_eq!(rep.links[0].signature, SignatureStatus::Valid, "{name}");
        assert_eq!(rep.errors, errors.to_vec(), "{name}: {:#?}", rep.findings);
        assert!(rep.trust.trusted, "{name}");

        // DER then PEM in one buffer is not a format; judge them as two inputs.
        let a = Analysis::parse_inputs(&[&flipped_leaf_der(name), &fixture("rsa-root.pem")]);
        let t = UnixTime(a.certificates()[0].not_before.seconds() + 86_400);
        let rep = a.judge(&Options {
            at: t,
            host: Some("rsa.example.test".into()),
            extra_anchors: root_anchor(),
            mozilla_roots: false,
        });
        assert_eq!(
            rep.links[0].signature,
            SignatureStatus::Invalid,
            "{name} flipped"
        );
        assert!(rep.errors.contains(&E::AuthorityInvalid), "{name} flipped");
        // A SHA-1 signature still outranks it (ERR_CERT_INVALID).
        let expected = if errors.contains(&E::Invalid) {
            E::Invalid
        } else {
            E::AuthorityInvalid
        };
        assert_eq!(rep.primary_error, Some(expected), "{name} flipped");
    }
}

#[test]
fn root_self_signature_and_key_size() {
    let a = Analysis::parse(&fixture("rsa-root.pem"));
    let c = &a.certificates()[0];
    assert!(c.self_signed);
    assert_eq!(c.public_key.bits, Some(2048));
    assert_eq!(c.public_key.exponent, Some(65537));
    let small = Analysis::parse(&fixture("leaf-rsa-1024.pem"));
    assert_eq!(small.certificates()[0].public_key.bits, Some(1024));
    let smaller = Analysis::parse(&fixture("leaf-rsa-768.pem"));
    assert_eq!(smaller.certificates()[0].public_key.bits, Some(768));
}

#[test]
fn sha1_intermediate_is_weak_but_a_root_self_signature_is_not_judged() {
    let mut input = fixture("leaf-under-sha1-int.pem");
    input.extend_from_slice(&fixture("rsa-int-sha1.pem"));
    input.extend_from_slice(&fixture("rsa-root.pem"));
    // OpenSSL: `openssl verify -CAfile rsa-root.pem -untrusted rsa-int-sha1.pem
    // leaf-under-sha1-int.pem` says "OK".
    let (_, rep) = judge_bytes(&input);
    assert_eq!(rep.chain, vec![0, 1, 2]);
    assert_eq!(rep.errors, vec![E::Invalid]);
    let weak: Vec<_> = rep
        .findings
        .iter()
        .filter(|w| w.code() == Code::WeakSignatureAlgorithm)
        .map(|w| w.certificate)
        .collect();
    assert_eq!(weak, vec![Some(1)]);
}

#[test]
fn pkcs7_bundles_pem_and_der() {
    for name in ["chain.p7b", "chain.p7c"] {
        let (a, rep) = judge_bytes(&fixture(name));
        assert_eq!(a.certificates().len(), 3, "{name}");
        assert_eq!(rep.chain, vec![0, 1, 2], "{name}");
        let kind = if name.ends_with("p7b") {
            BlockKind::PemPkcs7
        } else {
            BlockKind::DerPkcs7
        };
        assert_eq!(a.blocks()[0].kind, kind);
        assert_eq!(a.blocks()[0].certificates, vec![0, 1, 2]);
        assert!(
            a.input_findings()
                .iter()
                .any(|w| w.code() == Code::Pkcs7Bundle)
        );
        assert_eq!(rep.errors, vec![E::Invalid], "{name}");
    }
}

#[test]
fn der_cer_file() {
    let (a, rep) = judge_bytes(&fixture("leaf-rsa-pkcs1-sha256.der"));
    assert_eq!(a.blocks()[0].kind, BlockKind::DerCertificate);
    assert_eq!(
        rep.errors,
        vec![],
        "signed by the anchor's key: {:#?}",
        rep.findings
    );
}

/// Judged under the EC root the script made for the curve fixtures, for `host`, at a day
/// after the first certificate's start; trusted or not.
fn judge_under_ec_root(input: &[u8], trusted: bool) -> (Analysis, Report) {
    let a = Analysis::parse(input);
    let t = UnixTime(a.certificates()[0].not_before.seconds() + 86_400);
    let extra_anchors = if trusted {
        Anchor::from_input(&fixture("ec-root.pem"))
    } else {
        vec![]
    };
    let r = a.judge(&Options {
        at: t,
        host: Some("rsa.example.test".into()),
        extra_anchors,
        mozilla_roots: false,
    });
    (a, r)
}

/// A self-signed site certificate of the fixtures judged alone, untrusted, for its host,
/// a day after its start.
fn judge_alone(name: &str) -> (Analysis, Report) {
    let a = Analysis::parse(&fixture(name));
    let t = UnixTime(a.certificates()[0].not_before.seconds() + 86_400);
    let r = a.judge(&Options {
        at: t,
        host: Some("rsa.example.test".into()),
        extra_anchors: vec![],
        mozilla_roots: false,
    });
    (a, r)
}

#[test]
fn a_curve_written_out_is_no_curve_browsers_read() {
    use imasara::cert::FirefoxError as F;
    // The site's own key: the handshake fails before any verification (BoringSSL's
    // eckey_pub_decode, NSS's CERT_ExtractPublicKey), whatever else is wrong.
    let (a, rep) = judge_under_ec_root(&fixture("leaf-ec-explicit.pem"), true);
    let key = &a.certificates()[0].public_key;
    assert!(key.explicit_curve, "{key:?}");
    // Written out, and read as the named curve it is (its prime is P-256's).
    assert_eq!(
        (key.algorithm.as_str(), key.curve.as_deref()),
        ("EC", Some("P-256"))
    );
    assert_eq!(rep.errors, vec![E::SslProtocolError], "{:#?}", rep.findings);
    assert!(rep.primary_error.is_some_and(E::is_fatal));
    assert_eq!(rep.firefox_error, Some(F::ExtractPublicKeyFailure));
    let codes: Vec<Code> = rep.findings.iter().map(|f| f.code()).collect();
    assert!(codes.contains(&Code::ExplicitCurve), "{codes:?}");
    assert!(!codes.contains(&Code::WeakKey), "{codes:?}");

    // An authority's key: the path builder cannot read it (ERR_CERT_INVALID, mozilla::pkix
    // ERROR_BAD_DER); with no trusted root, Chromium names the missing trust instead.
    let mut chain = fixture("leaf-under-ec-explicit-int.pem");
    chain.extend_from_slice(&fixture("ec-explicit-int.pem"));
    let (a, rep) = judge_under_ec_root(&chain, true);
    assert!(!a.certificates()[0].public_key.explicit_curve);
    assert!(a.certificates()[1].public_key.explicit_curve);
    assert_eq!(rep.errors, vec![E::Invalid], "{:#?}", rep.findings);
    assert_eq!(rep.firefox_error, Some(F::BadDer));
    // The leaf's signature is not checked with that key, and the page says why.
    let why = rep.findings.iter().find_map(|f| match &f.kind {
        imasara::cert::FindingKind::SignatureUnsupported { why, .. } => Some(*why),
        _ => None,
    });
    assert_eq!(why, Some(imasara::cert::findings::Unchecked::ExplicitCurve));
    let (_, rep) = judge_under_ec_root(&chain, false);
    assert_eq!(rep.errors, vec![E::AuthorityInvalid], "{:#?}", rep.findings);
    assert_eq!(rep.firefox_error, Some(F::BadDer));

    // A site key of type RSA-PSS (id-RSASSA-PSS): neither browser offers its TLS
    // signatures (rsa_pss_pss_*), so the handshake ends before any certificate check.
    let (pss, rep) = judge_alone("self-signed-rsa-pss-key.pem");
    assert_eq!(pss.certificates()[0].public_key.algorithm, "RSA-PSS");
    assert_eq!(
        rep.errors,
        vec![E::VersionOrCipherMismatch],
        "{:#?}",
        rep.findings
    );
    assert_eq!(rep.firefox_error, Some(F::NoCypherOverlap));

    // P-521 written out: the server reads it as P-521, which Chrome offers no signature
    // for, and the handshake ends before the key is read; Firefox gets as far as reading
    // it.
    let (p521, rep) = judge_alone("self-signed-ec-explicit-p521.pem");
    let key = &p521.certificates()[0].public_key;
    assert_eq!(
        (key.explicit_curve, key.curve.as_deref()),
        (true, Some("P-521"))
    );
    assert_eq!(
        rep.errors,
        vec![E::VersionOrCipherMismatch],
        "{:#?}",
        rep.findings
    );
    assert_eq!(rep.firefox_error, Some(F::ExtractPublicKeyFailure));

    // A named curve reads as before.
    let (a, _) = judge_under_ec_root(&fixture("ec-root.pem"), true);
    let key = &a.certificates()[0].public_key;
    assert_eq!(
        (key.curve.as_deref(), key.explicit_curve),
        (Some("P-256"), false)
    );
}
