//! Chains generated with rcgen, one per key type and per defect, judged by the engine.
//! (RSA, RSA-PSS, SHA-1 and small keys come from OpenSSL: see cert_openssl_fixtures.rs.)
#![cfg(not(target_arch = "wasm32"))]
// A test reports failure by panicking; unwrap is the plain way to say "must be there".
#![allow(clippy::unwrap_used)]

use imasara::cert::{
    Analysis, Anchor, AnchorSource, CheckName, CheckResult, ChromiumError as E, Code, FindingKind,
    Options, Report, SignatureStatus, UnixTime,
};
use rcgen::{
    BasicConstraints, Certificate, CustomExtension, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SanType, date_time_ymd,
};

mod support;
use support::*;

#[test]
fn every_generated_key_type_valid_and_flipped() {
    for alg in [
        &rcgen::PKCS_ECDSA_P256_SHA256,
        &rcgen::PKCS_ECDSA_P384_SHA384,
        &rcgen::PKCS_ED25519,
    ] {
        let r0 = root("Gen Root", alg);
        let i0 = sub_ca("Gen Intermediate", alg, &r0, None);
        let l0 = leaf(alg, &i0);
        let input = pem(&[&l0, &i0.cert, &r0.cert]);
        let ok = judge(&input, anchor(&r0), Some("www.example.test"));
        // Every signature verifies; but Chromium's path builder accepts only RSA and
        // P-256/384/521 keys (BoringSSL SimplePathBuilderDelegate::IsPublicKeyAcceptable):
        // an Ed25519 chain is ERR_CERT_WEAK_KEY there, and before that a site key Chrome
        // takes no TLS signature from ends the handshake (ERR_SSL_VERSION_OR_CIPHER_MISMATCH,
        // ranked first).
        let ed25519 = std::ptr::eq(alg, &rcgen::PKCS_ED25519);
        let expected = if ed25519 {
            vec![E::VersionOrCipherMismatch]
        } else {
            vec![]
        };
        assert_eq!(ok.errors, expected, "{alg:?}: {:#?}", ok.findings);
        assert!(ok.trust.trusted && ok.trust.source == Some(AnchorSource::Custom));
        assert!(certificates(&input)[2].self_signed);
        assert!(
            ok.links
                .iter()
                .all(|l| l.signature == SignatureStatus::Valid)
        );

        let mut input = flip_signature(&l0);
        input.extend_from_slice(i0.cert.der());
        // Two DER certificates back to back, then the root.
        input.extend_from_slice(r0.cert.der());
        let bad = Analysis::parse(&input).judge(&Options {
            at: at(),
            host: Some("www.example.test".into()),
            extra_anchors: anchor(&r0),
            mozilla_roots: false,
        });
        assert_eq!(bad.chain.len(), 3, "{alg:?}");
        assert_eq!(bad.links[0].signature, SignatureStatus::Invalid, "{alg:?}");
        assert!(
            bad.links[0]
                .checks
                .iter()
                .any(|c| c.check == CheckName::Signature && c.result == CheckResult::Fail)
        );
        // (A handshake that fails names nothing else: Chrome verifies nothing.)
        let expected = if ed25519 {
            vec![E::VersionOrCipherMismatch]
        } else {
            vec![E::AuthorityInvalid]
        };
        assert_eq!(bad.errors, expected, "{alg:?}");
        assert!(!bad.trust.trusted);
        assert!(codes(&bad).contains(&Code::SignatureInvalid));
        // A flipped self-signature: not self-signed any more.
        let a = Analysis::parse(&flip_signature(&r0.cert));
        assert!(!a.certificates()[0].self_signed, "{alg:?}");
    }
}

#[test]
fn key_types_are_reported() {
    let r = root("P384 Root", &rcgen::PKCS_ECDSA_P384_SHA384);
    let a = Analysis::parse(r.cert.pem().as_bytes());
    let c = &a.certificates()[0];
    assert_eq!(c.public_key.algorithm, "EC");
    assert_eq!(c.public_key.curve.as_deref(), Some("P-384"));
    assert_eq!(c.public_key.bits, Some(384));
    assert_eq!(c.signature_algorithm, "ecdsa-with-SHA384");
    let e = root("Ed Root", &rcgen::PKCS_ED25519);
    let a = Analysis::parse(e.cert.pem().as_bytes());
    assert_eq!(a.certificates()[0].public_key.algorithm, "Ed25519");
    assert_eq!(a.certificates()[0].signature_algorithm, "ED25519");
}

#[test]
fn mixed_algorithms_across_links() {
    let r0 = root("Mixed Root", &rcgen::PKCS_ECDSA_P384_SHA384);
    let i0 = sub_ca(
        "Mixed Intermediate",
        &rcgen::PKCS_ECDSA_P256_SHA256,
        &r0,
        None,
    );
    let l0 = leaf(&rcgen::PKCS_ED25519, &i0);
    let rep = judge(
        &pem(&[&l0, &i0.cert, &r0.cert]),
        anchor(&r0),
        Some("www.example.test"),
    );
    // Each link verifies with its own algorithm; only the Ed25519 key is one Chromium
    // refuses: the site's, which no TLS signature Chrome offers can use.
    assert!(
        rep.links
            .iter()
            .all(|l| l.signature == SignatureStatus::Valid)
    );
    assert_eq!(rep.errors, vec![E::VersionOrCipherMismatch]);
}

#[test]
fn dates_and_hosts() {
    let alg = &rcgen::PKCS_ECDSA_P256_SHA256;
    let r0 = root("Date Root", alg);
    let mut p = params("www.example.test", IsCa::ExplicitNoCa);
    p.not_before = date_time_ymd(2020, 1, 1);
    p.not_after = date_time_ymd(2021, 1, 1);
    let expired = leaf_with(p, alg, &r0);
    let rep = judge(
        &pem(&[&expired, &r0.cert]),
        anchor(&r0),
        Some("www.example.test"),
    );
    assert_eq!(rep.errors, vec![E::DateInvalid]);
    assert!(codes(&rep).contains(&Code::Expired));
    assert_eq!(
        rep.links[0]
            .checks
            .iter()
            .find(|c| c.check == CheckName::Validity)
            .unwrap()
            .result,
        CheckResult::Fail
    );

    let mut p = params("www.example.test", IsCa::ExplicitNoCa);
    p.not_before = date_time_ymd(2027, 1, 1);
    let future = leaf_with(p, alg, &r0);
    let rep = judge(
        &pem(&[&future, &r0.cert]),
        anchor(&r0),
        Some("www.example.test"),
    );
    assert!(codes(&rep).contains(&Code::NotYetValid));

    let good = leaf(alg, &r0);
    let input = pem(&[&good, &r0.cert]);
    // Wildcard covers exactly one label.
    assert_eq!(
        judge(&input, anchor(&r0), Some("api.apps.example.test")).errors,
        vec![]
    );
    assert_eq!(
        judge(&input, anchor(&r0), Some("x.api.apps.example.test")).errors,
        vec![E::CommonNameInvalid]
    );
    assert_eq!(
        judge(&input, anchor(&r0), Some("apps.example.test")).errors,
        vec![E::CommonNameInvalid]
    );
    assert_eq!(
        judge(&input, anchor(&r0), Some("WWW.Example.Test.")).errors,
        vec![]
    );
    // Mismatch plus expiry: the browser names the host problem first.
    let rep = judge(
        &pem(&[&expired, &r0.cert]),
        anchor(&r0),
        Some("other.example.test"),
    );
    assert_eq!(rep.errors, vec![E::CommonNameInvalid, E::DateInvalid]);
    assert_eq!(rep.primary_error, Some(E::CommonNameInvalid));
}

#[test]
fn ip_idn_and_common_name_only() {
    let alg = &rcgen::PKCS_ECDSA_P256_SHA256;
    let r0 = root("Name Root", alg);
    let mut p = params("xn--wgv71a119e.jp", IsCa::ExplicitNoCa);
    p.subject_alt_names = vec![
        SanType::DnsName("xn--wgv71a119e.jp".try_into().unwrap()),
        SanType::IpAddress("192.0.2.7".parse().unwrap()),
        SanType::IpAddress("2001:db8::7".parse().unwrap()),
    ];
    let l0 = leaf_with(p, alg, &r0);
    let input = pem(&[&l0, &r0.cert]);
    let rep = judge(&input, anchor(&r0), Some("日本語.jp"));
    assert_eq!(rep.errors, vec![]);
    let h = rep.host.as_ref().unwrap();
    assert_eq!(h.ascii, "xn--wgv71a119e.jp");
    assert_eq!(h.unicode.as_deref(), Some("日本語.jp"));
    assert!(codes(&rep).contains(&Code::HostInternationalised));
    assert_eq!(
        certificates(&input)[0].san_dns_unicode[0].as_deref(),
        Some("日本語.jp")
    );
    assert_eq!(judge(&input, anchor(&r0), Some("192.0.2.7")).errors, vec![]);
    assert_eq!(
        judge(&input, anchor(&r0), Some("2001:db8::7")).errors,
        vec![]
    );
    assert_eq!(
        judge(&input, anchor(&r0), Some("192.0.2.8")).errors,
        vec![E::CommonNameInvalid]
    );
    assert_eq!(
        certificates(&input)[0].san_ip,
        vec!["192.0.2.7".to_string(), "2001:db8::7".to_string()]
    );

    // No SAN at all: only the CN would match, and browsers ignore it.
    let mut p = params("cn-only.example.test", IsCa::ExplicitNoCa);
    p.subject_alt_names = vec![];
    let l1 = leaf_with(p, alg, &r0);
    let rep = judge(
        &pem(&[&l1, &r0.cert]),
        anchor(&r0),
        Some("cn-only.example.test"),
    );
    assert_eq!(rep.errors, vec![E::CommonNameInvalid]);
    assert!(codes(&rep).contains(&Code::HostMatchesOnlyCommonName));
    assert!(codes(&rep).contains(&Code::NoSubjectAltName));
}

#[test]
fn missing_intermediate_untrusted_root_self_signed_leaf() {
    let alg = &rcgen::PKCS_ECDSA_P256_SHA256;
    let r0 = root("Chain Root", alg);
    let i0 = sub_ca("Chain Intermediate", alg, &r0, None);
    let l0 = leaf(alg, &i0);
    let input = pem(&[&l0, &r0.cert]);
    let rep = judge(&input, anchor(&r0), Some("www.example.test"));
    assert_eq!(rep.errors, vec![E::AuthorityInvalid]);
    assert!(codes(&rep).contains(&Code::MissingIntermediate));
    let missing = rep.missing_issuer.as_ref().unwrap();
    assert_eq!(
        certificates(&input)[missing.child].issuer,
        "O=imasara test, CN=Chain Intermediate"
    );
    assert!(
        codes(&rep).contains(&Code::UnrelatedCertificate),
        "the root is unrelated without the intermediate"
    );

    let rep = judge(
        &pem(&[&l0, &i0.cert, &r0.cert]),
        vec![],
        Some("www.example.test"),
    );
    assert_eq!(rep.errors, vec![E::AuthorityInvalid]);
    assert!(codes(&rep).contains(&Code::UntrustedRoot));
    assert_eq!(rep.trust.anchor, None);

    let mut p = params("www.example.test", IsCa::ExplicitNoCa);
    p.use_authority_key_identifier_extension = false;
    let key = KeyPair::generate_for(alg).unwrap();
    let selfie = p.self_signed(&key).unwrap();
    let rep = judge(&selfie.pem(), vec![], Some("www.example.test"));
    assert_eq!(rep.errors, vec![E::AuthorityInvalid]);
    assert!(codes(&rep).contains(&Code::SelfSignedLeaf));
    assert!(certificates(&selfie.pem())[0].self_signed);
    // Trusting it explicitly (the page's "I made this test certificate") works.
    let rep = judge(
        &selfie.pem(),
        Anchor::from_input(selfie.pem().as_bytes()),
        Some("www.example.test"),
    );
    assert_eq!(rep.errors, vec![]);
}

#[test]
fn trust_anchor_matched_anywhere_along_the_chain() {
    let alg = &rcgen::PKCS_ECDSA_P256_SHA256;
    let r0 = root("Any Root", alg);
    let i0 = sub_ca("Any Intermediate", alg, &r0, None);
    let l0 = leaf(alg, &i0);
    // The intermediate itself is the anchor: the chain stops there.
    let rep = judge(
        &pem(&[&l0, &i0.cert, &r0.cert]),
        anchor(&i0),
        Some("www.example.test"),
    );
    assert_eq!(rep.errors, vec![]);
    assert_eq!(rep.trust.chain_position, Some(1));
    assert!(rep.trust.is_anchor_certificate);
    // Only leaf + intermediate, anchor = root key: signed by the anchor.
    let rep = judge(
        &pem(&[&l0, &i0.cert]),
        anchor(&r0),
        Some("www.example.test"),
    );
    assert_eq!(rep.errors, vec![]);
    assert!(rep.links.last().unwrap().issuer_is_anchor);
    // A look-alike root (same name, another key) pasted beside a genuine chain changes
    // nothing: the intermediate's signature verifies with the real anchor's key.
    let fake = root("Any Root", alg);
    let rep = judge(
        &pem(&[&l0, &i0.cert, &fake.cert]),
        anchor(&r0),
        Some("www.example.test"),
    );
    assert_eq!(rep.errors, vec![]);
    // A chain under the look-alike is not trusted: names are not keys.
    let fake_int = sub_ca("Any Intermediate", alg, &fake, None);
    let l1 = leaf(alg, &fake_int);
    let rep = judge(
        &pem(&[&l1, &fake_int.cert, &fake.cert]),
        anchor(&r0),
        Some("www.example.test"),
    );
    assert_eq!(rep.errors, vec![E::AuthorityInvalid], "{:#?}", rep.findings);
    assert!(!rep.trust.trusted);
}

#[test]
fn ca_rules_each_reported_separately() {
    let alg = &rcgen::PKCS_ECDSA_P256_SHA256;
    let r0 = root("Rules Root", alg);
    let host = Some("www.example.test");
    let find = |rep: &Report, k: usize, c: CheckName| {
        rep.links[k]
            .checks
            .iter()
            .find(|x| x.check == c)
            .unwrap()
            .result
    };

    // Issuer not a CA.
    let not_ca = sub_ca(
        "Not A CA",
        alg,
        &r0,
        Some(params("Not A CA", IsCa::ExplicitNoCa)),
    );
    let l0 = leaf(alg, &not_ca);
    let rep = judge(&pem(&[&l0, &not_ca.cert, &r0.cert]), anchor(&r0), host);
    assert_eq!(find(&rep, 0, CheckName::IssuerIsCa), CheckResult::Fail);
    assert_eq!(rep.errors, vec![E::Invalid]);
    assert!(codes(&rep).contains(&Code::IssuerNotCa));

    // keyUsage without keyCertSign.
    let mut p = params("No Cert Sign", IsCa::Ca(BasicConstraints::Unconstrained));
    p.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    let no_sign = sub_ca("No Cert Sign", alg, &r0, Some(p));
    let l1 = leaf(alg, &no_sign);
    let rep = judge(&pem(&[&l1, &no_sign.cert, &r0.cert]), anchor(&r0), host);
    assert_eq!(find(&rep, 0, CheckName::IssuerMaySign), CheckResult::Fail);
    assert_eq!(find(&rep, 0, CheckName::IssuerIsCa), CheckResult::Pass);
    assert_eq!(rep.errors, vec![E::Invalid]);
    assert!(codes(&rep).contains(&Code::IssuerCannotSign));

    // pathLen 0 on an intermediate with another intermediate below it.
    let p0 = sub_ca(
        "PathLen Zero",
        alg,
        &r0,
        Some(params(
            "PathLen Zero",
            IsCa::Ca(BasicConstraints::Constrained(0)),
        )),
    );
    let below = sub_ca("Below PathLen", alg, &p0, None);
    let l2 = leaf(alg, &below);
    let rep = judge(
        &pem(&[&l2, &below.cert, &p0.cert, &r0.cert]),
        anchor(&r0),
        host,
    );
    assert_eq!(find(&rep, 1, CheckName::IssuerIsCa), CheckResult::Fail);
    assert_eq!(rep.errors, vec![E::Invalid]);
    assert!(codes(&rep).contains(&Code::PathLenExceeded));
    // ...and the same intermediate directly above a leaf is fine.
    let l3 = leaf(alg, &p0);
    assert_eq!(
        judge(&pem(&[&l3, &p0.cert, &r0.cert]), anchor(&r0), host).errors,
        vec![]
    );

    // An unknown critical extension.
    let mut p = params("www.example.test", IsCa::ExplicitNoCa);
    let mut ext =
        CustomExtension::from_oid_content(&[1, 3, 6, 1, 4, 1, 55555, 1], vec![0x05, 0x00]);
    ext.set_criticality(true);
    p.custom_extensions = vec![ext];
    let l4 = leaf_with(p, alg, &r0);
    let rep = judge(&pem(&[&l4, &r0.cert]), anchor(&r0), host);
    assert_eq!(rep.errors, vec![E::Invalid]);
    assert!(codes(&rep).contains(&Code::UnsupportedCriticalExtension));

    // Leaf EKU without serverAuth.
    let mut p = params("www.example.test", IsCa::ExplicitNoCa);
    p.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    let l5 = leaf_with(p, alg, &r0);
    let rep = judge(&pem(&[&l5, &r0.cert]), anchor(&r0), host);
    assert_eq!(rep.errors, vec![E::Invalid]);
    assert!(codes(&rep).contains(&Code::LeafNotForServers));

    // With another, more specific error, Chromium does not add ERR_CERT_INVALID.
    let rep = judge(&pem(&[&l0, &not_ca.cert, &r0.cert]), vec![], host);
    assert_eq!(rep.errors, vec![E::AuthorityInvalid]);
}

#[test]
fn order_duplicates_unrelated_and_cross_signing() {
    let alg = &rcgen::PKCS_ECDSA_P256_SHA256;
    let r1 = root("Cross Root One", alg);
    let r2 = root("Cross Root Two", alg);
    let int_key = KeyPair::generate_for(alg).unwrap();
    let int_params = params(
        "Cross Intermediate",
        IsCa::Ca(BasicConstraints::Unconstrained),
    );
    let by1 = int_params
        .signed_by(&int_key, &Issuer::from_params(&r1.params, &r1.key))
        .unwrap();
    let by2 = int_params
        .signed_by(&int_key, &Issuer::from_params(&r2.params, &r2.key))
        .unwrap();
    let l0 = leaf_with(
        params("www.example.test", IsCa::ExplicitNoCa),
        alg,
        &Ca {
            params: int_params,
            key: int_key,
            cert: by1.clone(),
        },
    );
    let stranger = root("Stranger", alg);
    let input = pem(&[&l0, &by2, &by1, &r1.cert, &stranger.cert, &l0]);
    let rep = judge(&input, anchor(&r1), Some("www.example.test"));
    assert_eq!(rep.errors, vec![], "{:#?}", rep.findings);
    let c = codes(&rep);
    assert!(c.contains(&Code::CrossSignedAlternative), "{c:?}");
    assert!(
        Analysis::parse(input.as_bytes())
            .input_findings()
            .iter()
            .any(|f| f.code() == Code::DuplicateCertificate)
    );
    assert!(c.contains(&Code::UnrelatedCertificate));
    assert_eq!(
        rep.chain,
        vec![0, 2, 3],
        "the path that reaches the anchor is chosen"
    );
    // Root first: reverse order.
    let rep = judge(
        &pem(&[&r1.cert, &by1, &l0]),
        anchor(&r1),
        Some("www.example.test"),
    );
    assert_eq!(rep.chain, vec![2, 1, 0]);
    assert!(codes(&rep).contains(&Code::ReverseOrder));
}

#[test]
fn private_keys_and_garbage_in_the_paste() {
    let alg = &rcgen::PKCS_ECDSA_P256_SHA256;
    let r0 = root("Key Root", alg);
    let key_pem = r0.key.serialize_pem();
    let input = format!(
        "my cert:\n{}\nand my key (oops):\n{key_pem}\n-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n",
        r0.cert.pem()
    );
    let a = Analysis::parse(input.as_bytes());
    assert_eq!(a.certificates().len(), 1);
    let f: Vec<_> = a
        .input_findings()
        .iter()
        .map(|f| (f.code(), f.block))
        .collect();
    assert!(f.contains(&(Code::PrivateKeyPasted, Some(1))), "{f:?}");
    assert!(f.contains(&(Code::PemBadBase64, Some(2))), "{f:?}");
    let json = format!("{:?}", a.judge(&Options::at(at())));
    let body_line = key_pem.lines().nth(1).unwrap();
    assert!(!json.contains(body_line), "the key must never be echoed");
}

#[test]
fn rejudging_is_cheap_and_consistent() {
    let alg = &rcgen::PKCS_ECDSA_P256_SHA256;
    let r0 = root("Slider Root", alg);
    let l0 = leaf(alg, &r0);
    let a = Analysis::parse(pem(&[&l0, &r0.cert]).as_bytes());
    let anchors = anchor(&r0);
    let mut seen = Vec::new();
    for year in [2024, 2026, 2031] {
        let t = UnixTime::parse_rfc3339(&format!("{year}-06-01T00:00:00Z")).unwrap();
        let rep = a.judge(&Options {
            at: t,
            host: Some("www.example.test".into()),
            extra_anchors: anchors.clone(),
            mozilla_roots: false,
        });
        seen.push(rep.errors);
    }
    assert_eq!(
        seen,
        vec![vec![E::DateInvalid], vec![], vec![E::DateInvalid]]
    );
}

#[test]
fn name_constraints_are_enforced_below_the_constrained_authority() {
    use rcgen::{CidrSubnet, GeneralSubtree, NameConstraints};
    let alg = &rcgen::PKCS_ECDSA_P256_SHA256;
    let top = root("Root", alg);
    // An intermediate allowed example.test (and 192.0.2.0/24), except secret.example.test.
    let mut p = params("Constrained CA", IsCa::Ca(BasicConstraints::Unconstrained));
    p.name_constraints = Some(NameConstraints {
        permitted_subtrees: vec![
            GeneralSubtree::DnsName("example.test".into()),
            GeneralSubtree::IpAddress(CidrSubnet::V4([192, 0, 2, 0], [255, 255, 255, 0])),
        ],
        excluded_subtrees: vec![GeneralSubtree::DnsName("secret.example.test".into())],
    });
    let constrained = sub_ca("Constrained CA", alg, &top, Some(p));
    let leaf_for = |names: &[&str], ips: &[[u8; 4]]| {
        let mut p = params("leaf", IsCa::ExplicitNoCa);
        p.subject_alt_names = names
            .iter()
            .map(|n| SanType::DnsName((*n).try_into().unwrap()))
            .chain(ips.iter().map(|ip| SanType::IpAddress((*ip).into())))
            .collect();
        leaf_with(p, alg, &constrained)
    };
    let violations = |leaf: &Certificate| {
        let r = judge(&pem(&[leaf, &constrained.cert]), anchor(&top), None);
        let names: Vec<String> = r
            .findings
            .iter()
            .filter_map(|w| match &w.kind {
                FindingKind::NameConstraintViolation { names, .. } => Some(names.clone()),
                _ => None,
            })
            .flatten()
            .collect();
        (r.errors, names)
    };

    // Inside the permitted subtrees: accepted.
    let inside = leaf_for(
        &["www.example.test", "*.apps.example.test"],
        &[[192, 0, 2, 10]],
    );
    assert_eq!(violations(&inside), (vec![], vec![]));

    // A name outside, an excluded one (also through a wildcard), an address outside.
    let outside = leaf_for(&["www.example.test", "www.example.org"], &[]);
    // Chromium's path builder reports kNotPermittedByNameConstraints, which
    // MapPathBuilderErrorsToCertStatus turns into ERR_CERT_INVALID (fatal).
    let (errors, details) = violations(&outside);
    assert_eq!(errors, vec![E::Invalid]);
    assert_eq!(details, ["www.example.org"]);

    let excluded = leaf_for(&["secret.example.test", "*.example.test"], &[]);
    let (_, details) = violations(&excluded);
    assert_eq!(details, ["secret.example.test", "*.example.test"]);

    let address = leaf_for(&["www.example.test"], &[[198, 51, 100, 1]]);
    let (errors, details) = violations(&address);
    assert_eq!(errors, vec![E::Invalid]);
    assert_eq!(details, ["198.51.100.1"]);

    // ERR_CERT_INVALID outranks a wrong name (MapCertStatusToNetError).
    let r = judge(
        &pem(&[&outside, &constrained.cert]),
        anchor(&top),
        Some("www.example.net"),
    );
    assert_eq!(r.errors, vec![E::Invalid, E::CommonNameInvalid]);
    assert_eq!(r.primary_error, Some(E::Invalid));

    // A constrained root binds its chains as a trust anchor too, once, whether or not its
    // certificate was pasted with them.
    let mut p = params(
        "Constrained Root",
        IsCa::Ca(BasicConstraints::Unconstrained),
    );
    p.name_constraints = Some(NameConstraints {
        permitted_subtrees: vec![GeneralSubtree::DnsName(".example.test".into())],
        excluded_subtrees: vec![],
    });
    let key = KeyPair::generate_for(alg).unwrap();
    let cert = p.self_signed(&key).unwrap();
    let constrained_root = Ca {
        params: p,
        key,
        cert,
    };
    let mut p = params("leaf", IsCa::ExplicitNoCa);
    p.subject_alt_names = vec![SanType::DnsName("example.test".try_into().unwrap())];
    let apex = leaf_with(p, alg, &constrained_root);
    for input in [pem(&[&apex]), pem(&[&apex, &constrained_root.cert])] {
        let r = judge(&input, anchor(&constrained_root), None);
        assert!(r.trust.trusted);
        assert_eq!(r.errors, vec![E::Invalid]);
        let found: Vec<_> = codes(&r)
            .into_iter()
            .filter(|c| *c == Code::NameConstraintViolation)
            .collect();
        assert_eq!(found.len(), 1, "{:?}", r.findings);
    }

    // OpenSSL agrees (a missing openssl is a failure: `make tools` installs it).
    let dir = std::env::temp_dir().join(format!("imasara-nc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: String| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let root_file = write("root.pem", top.cert.pem());
    let ca_file = write("ca.pem", constrained.cert.pem());
    for (leaf, ok) in [
        (&inside, true),
        (&outside, false),
        (&excluded, false),
        (&address, false),
    ] {
        let leaf_file = write("leaf.pem", leaf.pem());
        let out = std::process::Command::new("openssl")
            .args(["verify", "-attime", &at().0.to_string(), "-CAfile"])
            .arg(&root_file)
            .arg("-untrusted")
            .arg(&ca_file)
            .arg(&leaf_file)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.success(), ok, "openssl verify: {text}");
        if !ok {
            assert!(text.contains("subtree violation"), "openssl verify: {text}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
