//! Two chains side by side, as at a renewal (src/cert/compare.rs): names added and dropped,
//! the key kept or changed, a new intermediate the server must now send, and what each of
//! those means for the site's visitors.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)]

mod support;
use support::{Ca, anchor, params, pem, root, sub_ca};

use imasara::cert::compare::{Comparison, Consequence, Side, compare};
use imasara::cert::{Analysis, Anchor, Options, UnixTime};
use rcgen::{IsCa, Issuer, KeyPair, SanType, date_time_ymd};

const EC: &rcgen::SignatureAlgorithm = &rcgen::PKCS_ECDSA_P256_SHA256;

/// A leaf for `names` under `issuer`, with `key`, valid from `from` to `to` (years).
fn leaf(issuer: &Ca, key: &KeyPair, names: &[&str], from: i32, to: i32) -> rcgen::Certificate {
    let mut p = params(names[0], IsCa::ExplicitNoCa);
    p.subject_alt_names = names
        .iter()
        .map(|n| SanType::DnsName((*n).try_into().unwrap()))
        .collect();
    p.not_before = date_time_ymd(from, 1, 1);
    p.not_after = date_time_ymd(to, 1, 1);
    p.signed_by(key, &Issuer::from_params(&issuer.params, &issuer.key))
        .unwrap()
}

fn compared(old: &str, new: &str, anchors: Vec<Anchor>) -> Comparison {
    let mut options = Options::at(support::at()).with_host("www.example.test");
    options.extra_anchors = anchors;
    options.mozilla_roots = false;
    compared_with(old, new, &options).unwrap()
}

/// The two texts judged with `options` and compared; `None` when either has no certificate.
fn compared_with(old: &str, new: &str, options: &Options) -> Option<Comparison> {
    let (a, b) = (
        Analysis::parse(old.as_bytes()),
        Analysis::parse(new.as_bytes()),
    );
    let (ra, rb) = (a.judge(options), b.judge(options));
    compare(
        Side {
            certificates: a.certificates(),
            report: &ra,
        },
        Side {
            certificates: b.certificates(),
            report: &rb,
        },
    )
}

#[test]
fn a_renewal_that_keeps_the_key_drops_a_name_and_changes_intermediate() {
    let r = root("Root", EC);
    let old_ca = sub_ca("Issuing CA 1", EC, &r, None);
    let new_ca = sub_ca("Issuing CA 2", EC, &r, None);
    let key = KeyPair::generate_for(EC).unwrap();
    let old = leaf(
        &old_ca,
        &key,
        &["www.example.test", "shop.example.test"],
        2025,
        2027,
    );
    let new = leaf(
        &new_ca,
        &key,
        &["www.example.test", "api.example.test"],
        2026,
        2028,
    );
    let c = compared(
        &pem(&[&old, &old_ca.cert]),
        &pem(&[&new, &new_ca.cert]),
        anchor(&r),
    );
    assert_eq!(c.names.added, ["api.example.test"]);
    assert_eq!(c.names.removed, ["shop.example.test"]);
    assert!(c.key_reused);
    assert_eq!(c.key.0, c.key.1);
    assert!(c.issuer.1.contains("Issuing CA 2"));
    assert_eq!(c.intermediates.added.len(), 1);
    assert!(c.intermediates.added[0].contains("Issuing CA 2"));
    assert!(c.intermediates.removed[0].contains("Issuing CA 1"));
    assert_eq!(
        c.consequences,
        [
            Consequence::NameDropped {
                name: "shop.example.test".to_owned()
            },
            Consequence::KeyReused,
            Consequence::NewIntermediates {
                names: c.intermediates.added.clone()
            },
        ]
    );
    assert_eq!(c.lifetime_days, (730, 730));
}

#[test]
fn a_clean_renewal_has_nothing_to_warn_about() {
    let r = root("Root", EC);
    let ca = sub_ca("Issuing CA", EC, &r, None);
    let old = leaf(
        &ca,
        &KeyPair::generate_for(EC).unwrap(),
        &["www.example.test"],
        2025,
        2027,
    );
    let new = leaf(
        &ca,
        &KeyPair::generate_for(EC).unwrap(),
        &["www.example.test"],
        2026,
        2028,
    );
    let c = compared(&pem(&[&old, &ca.cert]), &pem(&[&new, &ca.cert]), anchor(&r));
    assert!(!c.key_reused);
    assert!(c.names.is_empty() && c.intermediates.is_empty());
    assert_eq!(c.consequences, []);
}

#[test]
fn a_new_chain_without_its_intermediate_fails_where_the_old_one_worked() {
    // badssl's certificate as served whole and as served without its intermediate.
    let read = |f: &str| {
        std::fs::read_to_string(format!(
            "{}/tests/fixtures/cert/badssl/{f}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    let (old, new) = (
        read("wildcard-rsa2048.pem"),
        read("wildcard-incomplete-chain.pem"),
    );
    let options = Options::at(UnixTime(1_587_513_600)).with_host("rsa2048.badssl.com");
    let c = compared_with(&old, &new, &options).unwrap();
    assert_eq!(
        c.intermediates.removed,
        ["C=US, O=DigiCert Inc, CN=DigiCert SHA2 Secure Server CA"]
    );
    assert!(c.consequences.contains(&Consequence::NewChainFails {
        error: "NET::ERR_CERT_AUTHORITY_INVALID".to_owned()
    }));
    // The same certificate: the same key, and no longer valid.
    assert!(c.key_reused);
    assert!(c.consequences.contains(&Consequence::NotLonger));
    // Nothing to compare against an input without a certificate.
    assert!(compared_with("no certificate here", &new, &options).is_none());
}
