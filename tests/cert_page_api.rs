//! The small engine calls the padlock page uses besides `parse`/`judge`: a certificate's
//! DER for the hex view, and "trust this root" from a pasted certificate.
#![cfg(not(target_arch = "wasm32"))]

use imasara::cert::{Analysis, AnchorSource, Code, Options, UnixTime};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/cert/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

#[test]
fn der_matches_the_reported_length_and_fingerprint_range() {
    let a = Analysis::parse(&fixture("real-chains/amazon.com.pem"));
    for c in a.certificates() {
        let der = a.der(c.index).expect("der");
        assert_eq!(der.len(), c.der_length);
        assert_eq!(der[0], 0x30);
    }
    assert!(a.der(a.certificates().len()).is_none());
}

#[test]
fn trusting_a_self_signed_certificate_makes_it_the_anchor() {
    let a = Analysis::parse(&fixture("badssl/wildcard-self-signed.pem"));
    let at = UnixTime::parse_rfc3339("2016-09-07T21:17:05Z").expect("time");
    let plain = a.judge(&Options::at(at).with_host("self-signed.badssl.com"));
    assert!(!plain.trust.trusted);
    let anchor = a.anchor(0).expect("anchor");
    assert_eq!(anchor.source, AnchorSource::Custom);
    let mut options = Options::at(at).with_host("self-signed.badssl.com");
    options.extra_anchors.push(anchor);
    let trusted = a.judge(&options);
    assert!(trusted.trust.trusted, "{:#?}", trusted.findings);
    assert_eq!(trusted.primary_error, None);
    assert!(
        trusted
            .findings
            .iter()
            .any(|f| f.code() == Code::TrustedByCustomAnchor)
    );
}
