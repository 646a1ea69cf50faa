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

#[test]
fn removed_roots_are_named() {
    use imasara::cert::anchors::removed_root;
    assert_eq!(removed_root("DigiCert Global Root CA"), Some("2026-04"));
    assert_eq!(removed_root("Baltimore CyberTrust Root"), Some("2025-04"));
    assert_eq!(removed_root("ISRG Root X1"), None);
}
