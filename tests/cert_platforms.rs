//! What each family of clients does where they disagree (src/cert/platforms.rs): a chain
//! that forgets its intermediate is fetched by Chrome, Edge, Safari and Windows, found by
//! Firefox among its preloaded intermediates, and refused by Java and Android apps with
//! their own words; a chain that reaches a trusted root gets no extra rows.
#![cfg(not(target_arch = "wasm32"))]

use imasara::cert::platforms::{
    ANDROID_NO_ANCHOR, JAVA_NO_PATH, Row, WINDOWS_CHAINING, WINDOWS_UNTRUSTED_ROOT, rows,
};
use imasara::cert::{Analysis, Family, Options, Outcome, UnixTime};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/cert/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

/// 2020-04-22: most badssl chains are in date then.
const BADSSL_DAY: UnixTime = UnixTime(1_587_513_600);

fn judge(file: &str, host: &str, at: UnixTime) -> Vec<Row> {
    let analysis = Analysis::parse(&fixture(file));
    let report = analysis.judge(&Options::at(at).with_host(host));
    rows(analysis.certificates(), &report)
}

fn outcome(rows: &[Row], family: Family) -> Option<&Outcome> {
    rows.iter().find(|r| r.family == family).map(|r| &r.outcome)
}

fn says(words: &str) -> Outcome {
    Outcome::Says {
        words: words.to_owned(),
    }
}

#[test]
fn a_missing_intermediate_is_fetched_preloaded_or_refused() {
    let rows = judge(
        "badssl/wildcard-incomplete-chain.pem",
        "incomplete-chain.badssl.com",
        BADSSL_DAY,
    );
    let Some(Outcome::Fetches { url, then }) = outcome(&rows, Family::Chromium) else {
        panic!("Chromium should fetch: {rows:#?}");
    };
    assert!(url.starts_with("http://"), "{url}");
    // Nothing else is wrong with the chain: after the fetch it connects.
    assert_eq!(*then, None);
    assert!(matches!(
        outcome(&rows, Family::Safari),
        Some(Outcome::Fetches { url: u, then: None }) if u == url
    ));
    assert!(matches!(
        outcome(&rows, Family::Windows),
        Some(Outcome::Fetches { url: u, .. }) if u == url
    ));
    assert_eq!(
        outcome(&rows, Family::Firefox),
        Some(&Outcome::Preloaded {
            otherwise: "SEC_ERROR_UNKNOWN_ISSUER".to_owned()
        })
    );
    assert_eq!(outcome(&rows, Family::Java), Some(&says(JAVA_NO_PATH)));
    assert_eq!(
        outcome(&rows, Family::Android),
        Some(&says(ANDROID_NO_ANCHOR))
    );
}

#[test]
fn after_the_fetch_chromium_still_names_what_else_is_wrong() {
    // The same incomplete chain for a name it does not cover.
    let rows = judge(
        "badssl/wildcard-incomplete-chain.pem",
        "www.example.com",
        BADSSL_DAY,
    );
    assert!(matches!(
        outcome(&rows, Family::Chromium),
        Some(Outcome::Fetches { then: Some(then), .. }) if then == "NET::ERR_CERT_COMMON_NAME_INVALID"
    ));
}

#[test]
fn a_self_signed_certificate_is_an_untrusted_root_everywhere() {
    let rows = judge(
        "badssl/wildcard-self-signed.pem",
        "self-signed.badssl.com",
        BADSSL_DAY,
    );
    assert_eq!(
        outcome(&rows, Family::Chromium),
        Some(&says("NET::ERR_CERT_AUTHORITY_INVALID"))
    );
    assert_eq!(
        outcome(&rows, Family::Firefox),
        Some(&says("MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT"))
    );
    assert_eq!(outcome(&rows, Family::Safari), None);
    assert_eq!(
        outcome(&rows, Family::Windows),
        Some(&says(WINDOWS_UNTRUSTED_ROOT))
    );
    assert_eq!(outcome(&rows, Family::Java), Some(&says(JAVA_NO_PATH)));
    assert_eq!(
        outcome(&rows, Family::Android),
        Some(&says(ANDROID_NO_ANCHOR))
    );
}

#[test]
fn a_trusted_chain_gets_the_browser_rows_only() {
    let rows = judge(
        "real-chains/google.com.pem",
        "www.google.com",
        UnixTime(1_795_737_600),
    );
    let families: Vec<Family> = rows.iter().map(|r| r.family).collect();
    assert_eq!(families, [Family::Chromium, Family::Firefox]);
    // An expired chain: the browsers' own words; the others are not listed.
    let rows = judge(
        "badssl/wildcard-expired.pem",
        "expired.badssl.com",
        BADSSL_DAY,
    );
    assert_eq!(
        outcome(&rows, Family::Chromium),
        Some(&says("NET::ERR_CERT_DATE_INVALID"))
    );
    assert_eq!(
        outcome(&rows, Family::Firefox),
        Some(&says("SEC_ERROR_EXPIRED_CERTIFICATE"))
    );
    assert_eq!(rows.len(), 2);
}

#[test]
fn a_leaf_without_a_fetchable_address_leaves_windows_with_its_chaining_error() {
    // rcgen's leaf names an issuer that is not there, and no "CA Issuers" address.
    let ca_key = rcgen::KeyPair::generate().expect("key");
    let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
    ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(rcgen::DnType::CommonName, "Absent Intermediate");
    let issuer = rcgen::Issuer::new(ca, ca_key);
    let leaf_key = rcgen::KeyPair::generate().expect("key");
    let leaf = rcgen::CertificateParams::new(vec!["shop.example".to_owned()])
        .expect("params")
        .signed_by(&leaf_key, &issuer)
        .expect("leaf");
    let analysis = Analysis::parse(leaf.pem().as_bytes());
    let report = analysis.judge(&Options::at(UnixTime(1_795_737_600)).with_host("shop.example"));
    let rows = rows(analysis.certificates(), &report);
    assert_eq!(
        outcome(&rows, Family::Chromium),
        Some(&says("NET::ERR_CERT_AUTHORITY_INVALID"))
    );
    assert_eq!(outcome(&rows, Family::Safari), None);
    assert_eq!(
        outcome(&rows, Family::Windows),
        Some(&says(WINDOWS_CHAINING))
    );
    assert!(matches!(
        outcome(&rows, Family::Firefox),
        Some(Outcome::Preloaded { .. })
    ));
}
