//! The embedded root set's version is kept in one place and must match Cargo.lock.
#![cfg(not(target_arch = "wasm32"))]
// A test reports failure by panicking; unwrap is the plain way to say "must be there".
#![allow(clippy::unwrap_used)]

use imasara::cert::anchors::{MOZILLA_ROOTS_VERSION, mozilla, mozilla_info};

#[test]
fn root_set_version_matches_cargo_lock() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock"))
        .expect("Cargo.lock");
    let mut versions = Vec::new();
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l.trim() == "name = \"webpki-roots\""
            && let Some(v) = lines
                .next()
                .and_then(|v| v.trim().strip_prefix("version = \""))
        {
            versions.push(v.trim_end_matches('"').to_string());
        }
    }
    assert_eq!(
        versions,
        vec![MOZILLA_ROOTS_VERSION.to_string()],
        "update MOZILLA_ROOTS_VERSION and MOZILLA_ROOTS_DATE in src/cert/anchors.rs"
    );
}

#[test]
fn every_embedded_anchor_decodes() {
    let info = mozilla_info();
    assert_eq!(
        mozilla().len(),
        info.anchors,
        "every webpki-roots anchor is usable"
    );
    assert!(info.anchors > 100);
    // Removed by Mozilla in 2026: must not be there (the page teaches this).
    assert!(
        !mozilla()
            .iter()
            .any(|a| a.name.ends_with("CN=DigiCert Global Root CA"))
    );
    assert!(
        mozilla()
            .iter()
            .any(|a| a.name.ends_with("CN=ISRG Root X1"))
    );
}

/// Debian's ca-certificates ships Mozilla's roots as of its release (2023-03 for Debian 12)
/// under /usr/share/ca-certificates/mozilla. Every one of them that the embedded set lacks
/// must be explained by the NSS history table, matched by key: removed (with a date), or
/// still trusted by NSS and absent from webpki-roots. An independent list checks the
/// table's completeness; no month is copied from the table into this test.
#[test]
fn every_root_debian_shipped_and_the_embedded_set_lacks_has_a_history() {
    let dir = "/usr/share/ca-certificates/mozilla";
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| {
        panic!("{dir}: {e}; install Debian's ca-certificates (make tools does)")
    });
    let embedded: std::collections::HashSet<String> =
        mozilla().iter().map(|a| a.spki_sha256.clone()).collect();
    let (mut shipped, mut absent, mut unexplained) = (0, 0, Vec::new());
    for entry in entries {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let analysis = imasara::cert::Analysis::parse(&bytes);
        let Some(root) = analysis.certificates().first() else {
            continue;
        };
        shipped += 1;
        if embedded.contains(&root.spki_sha256) {
            continue;
        }
        absent += 1;
        let spki = analysis.der(0).and_then(spki_of).unwrap();
        if imasara::cert::nss::by_key(&spki).is_none() {
            unexplained.push(root.subject.clone());
        }
    }
    assert!(shipped > 100, "{shipped} roots in {dir}");
    assert!(
        absent > 30,
        "Mozilla has removed many roots since 2023: {absent}"
    );
    assert!(unexplained.is_empty(), "no history for: {unexplained:#?}");
}

/// The DER SubjectPublicKeyInfo of a certificate (x509-parser, independently of the engine).
fn spki_of(der: &[u8]) -> Option<Vec<u8>> {
    let (_, cert) = x509_parser::parse_x509_certificate(der).ok()?;
    Some(cert.tbs_certificate.subject_pki.raw.to_vec())
}

#[test]
fn a_root_removed_on_a_known_day_is_dated_so() {
    // Baltimore CyberTrust Root, the root the seed article names, expired on 2025-05-12;
    // Mozilla took it out of NSS in 2025 (Debian's 2023 bundle still has it).
    let bundle = "/usr/share/ca-certificates/mozilla/Baltimore_CyberTrust_Root.crt";
    let bytes = std::fs::read(bundle).expect("Debian's ca-certificates");
    let analysis = imasara::cert::Analysis::parse(&bytes);
    let spki = analysis.der(0).and_then(spki_of).unwrap();
    let row = imasara::cert::nss::by_key(&spki).expect("Baltimore is in the history");
    assert!(row.removed.starts_with("2025-"), "{row:?}");
    assert!(row.bug.chars().all(|c| c.is_ascii_digit()));
}
