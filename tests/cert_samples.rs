//! The engine against real chains (tests/fixtures/cert, with their licences), with the
//! expected verdicts written down and cross-checked with OpenSSL 3.0:
//! `openssl verify -attime T -verify_hostname HOST -CAfile ROOT -untrusted INTERMEDIATES LEAF`
//! (what OpenSSL said is noted beside each case).
#![cfg(not(target_arch = "wasm32"))]
// A test reports failure by panicking; unwrap is the plain way to say "must be there".
#![allow(clippy::unwrap_used)]

use imasara::cert::fields::{Field, ValidationLevel};
use imasara::cert::findings::OtherDer;
use imasara::cert::{
    Analysis, AnchorSource, ChromiumError as E, Code, FindingKind, Issuer, Options, UnixTime,
};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/cert/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

fn at(s: &str) -> UnixTime {
    UnixTime::parse_rfc3339(s).expect("time")
}

fn codes(r: &imasara::cert::Report) -> Vec<Code> {
    r.findings.iter().map(|w| w.code()).collect()
}

/// (file, host, a time inside the leaf's validity). OpenSSL at that time with the file's
/// own root: "OK" for all six; with `-verify_hostname wrong.example`: "error 62 at 0 depth
/// lookup: hostname mismatch" for all six.
const REAL: &[(&str, &str, &str)] = &[
    ("amazon.com.pem", "amazon.com", "2026-07-29T23:59:59Z"),
    ("apple.com.pem", "apple.com", "2026-04-12T18:38:32Z"),
    (
        "cloudflare.com.pem",
        "cloudflare.com",
        "2026-04-26T21:29:48Z",
    ),
    (
        "docs.python.org.pem",
        "docs.python.org",
        "2026-07-31T01:03:45Z",
    ),
    ("google.com.pem", "google.com", "2026-03-16T08:36:37Z"),
    (
        "stackoverflow.com.pem",
        "stackoverflow.com",
        "2026-04-05T14:15:01Z",
    ),
];

#[test]
fn real_chains_are_trusted_inside_their_validity() {
    for (file, host, t) in REAL {
        let a = Analysis::parse(&fixture(&format!("real-chains/{file}")));
        let r = a.judge(&Options::at(at(t)).with_host(*host));
        assert_eq!(r.errors, vec![], "{file}: {:#?}", r.findings);
        assert_eq!(r.primary_error, None, "{file}");
        assert_eq!(r.chain, vec![0, 1, 2], "{file}");
        assert!(r.trust.trusted, "{file}");
        assert_eq!(r.trust.source, Some(AnchorSource::Mozilla), "{file}");
        assert!(
            r.trust.is_anchor_certificate,
            "{file}: the pasted root is the anchor"
        );
        assert_eq!(r.links.len(), 2, "{file}");
        assert!(
            r.links
                .iter()
                .all(|l| l.signature == imasara::cert::SignatureStatus::Valid)
        );
        assert!(a.certificates()[2].self_signed && !a.certificates()[0].self_signed);
        assert!(
            r.host.as_ref().is_some_and(|h| h.matched_by.is_some()),
            "{file}"
        );
        assert!(codes(&r).contains(&Code::RevocationNotChecked));
        assert!(codes(&r).contains(&Code::CtNotChecked));
    }
}

#[test]
fn real_chains_wrong_host() {
    for (file, _, t) in REAL {
        let r = Analysis::parse(&fixture(&format!("real-chains/{file}")))
            .judge(&Options::at(at(t)).with_host("wrong.example"));
        assert_eq!(r.errors, vec![E::CommonNameInvalid], "{file}");
        assert_eq!(r.primary_error, Some(E::CommonNameInvalid));
        assert!(codes(&r).contains(&Code::HostMismatch));
    }
}

#[test]
fn real_chains_on_2026_11_27() {
    // OpenSSL at 2026-11-27T00:00:00Z: amazon.com and docs.python.org "OK"; the others
    // "error 10 at 0 depth lookup: certificate has expired".
    let now = at("2026-11-27T00:00:00Z");
    for (file, host, _) in REAL {
        let r = Analysis::parse(&fixture(&format!("real-chains/{file}")))
            .judge(&Options::at(now).with_host(*host));
        let expected = if matches!(*file, "amazon.com.pem" | "docs.python.org.pem") {
            vec![]
        } else {
            vec![E::DateInvalid]
        };
        assert_eq!(r.errors, expected, "{file}");
        assert!(
            r.trust.trusted,
            "{file}: the root set is today's, only dates move"
        );
    }
}

#[test]
fn cloudflare_not_yet_valid_before_issue() {
    // OpenSSL at 2026-03-12T12:00:00Z: "error 9 at 0 depth lookup: certificate is not yet valid".
    let r = Analysis::parse(&fixture("real-chains/cloudflare.com.pem"))
        .judge(&Options::at(at("2026-03-12T12:00:00Z")).with_host("cloudflare.com"));
    assert_eq!(r.errors, vec![E::DateInvalid]);
    assert!(codes(&r).contains(&Code::NotYetValid));
}

#[test]
fn fields_of_a_real_leaf() {
    let a = Analysis::parse(&fixture("real-chains/amazon.com.pem"));
    let leaf = &a.certificates()[0];
    assert_eq!(leaf.subject, "CN=*.peg.a2z.com");
    assert!(leaf.san_dns.iter().any(|d| d == "amazon.com"));
    assert_eq!(leaf.public_key.algorithm, "RSA");
    assert_eq!(leaf.public_key.bits, Some(2048));
    assert_eq!(leaf.signature_algorithm, "sha256WithRSAEncryption");
    assert_eq!(leaf.version, 3);
    assert!(!leaf.is_ca);
    assert!(!leaf.scts.is_empty());
    assert!(!leaf.ca_issuers_urls.is_empty() || !leaf.ocsp_urls.is_empty());
    assert!(leaf.validation_level.is_some());
    assert_eq!(leaf.sha256.len(), 64);
    // Byte ranges: every extension's range lies inside the DER and starts a SEQUENCE
    // (read from the leaf's own bytes, decoded here from the PEM text).
    let text = String::from_utf8(fixture("real-chains/amazon.com.pem")).unwrap();
    let body: String = text
        .split("-----END CERTIFICATE-----")
        .next()
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("-----") && !l.trim().is_empty())
        .collect();
    let der = data_encoding::BASE64.decode(body.as_bytes()).unwrap();
    assert_eq!(der.len(), leaf.der_length);
    assert!(!leaf.extensions.is_empty());
    for e in &leaf.extensions {
        assert!(
            e.length > 0 && e.offset + e.length <= leaf.der_length,
            "{}",
            e.name
        );
        assert_eq!(der[e.offset], 0x30, "{}: a SEQUENCE", e.name);
    }
    for f in [
        Field::Certificate,
        Field::TbsCertificate,
        Field::Version,
        Field::Serial,
        Field::Issuer,
        Field::Validity,
        Field::Subject,
        Field::SubjectPublicKeyInfo,
        Field::Extensions,
        Field::SignatureAlgorithm,
        Field::SignatureValue,
    ] {
        assert!(leaf.range(f).is_some(), "missing range {f:?}");
    }
}

#[test]
fn apple_is_ev_and_stackoverflow_is_ecdsa() {
    let apple = Analysis::parse(&fixture("real-chains/apple.com.pem"));
    assert_eq!(
        apple.certificates()[0].validation_level,
        Some(ValidationLevel::Ev)
    );
    let so = Analysis::parse(&fixture("real-chains/stackoverflow.com.pem"));
    assert_eq!(so.certificates()[0].public_key.algorithm, "EC");
    let docs = Analysis::parse(&fixture("real-chains/docs.python.org.pem"));
    assert_eq!(docs.certificates()[0].subject, "CN=www.python.org");
}

#[test]
fn real_chain_reversed_and_with_duplicates() {
    let text = String::from_utf8(fixture("real-chains/amazon.com.pem")).unwrap();
    let blocks: Vec<String> = text
        .split_inclusive("-----END CERTIFICATE-----")
        .map(str::to_string)
        .filter(|b| b.contains("BEGIN"))
        .collect();
    assert_eq!(blocks.len(), 3);
    let reversed = format!(
        "Here is what the server sent:\r\n\r\n{}\r\n    {}\n\n{}\n{}",
        blocks[2].replace('\n', "\r\n"),
        blocks[1].trim(),
        blocks[0],
        blocks[0]
    );
    let a = Analysis::parse(reversed.as_bytes());
    let r = a.judge(&Options::at(at("2026-07-29T00:00:00Z")).with_host("amazon.com"));
    assert_eq!(r.errors, vec![]);
    assert_eq!(r.chain, vec![2, 1, 0]);
    assert!(codes(&r).contains(&Code::ReverseOrder));
    assert!(
        a.input_findings()
            .iter()
            .any(|f| f.code() == Code::DuplicateCertificate)
    );
}

#[test]
fn leaf_without_its_intermediate_names_the_aia_url() {
    let text = String::from_utf8(fixture("real-chains/amazon.com.pem")).unwrap();
    let leaf: String = text
        .split_inclusive("-----END CERTIFICATE-----")
        .next()
        .unwrap()
        .to_string();
    let r = Analysis::parse(leaf.as_bytes())
        .judge(&Options::at(at("2026-07-29T00:00:00Z")).with_host("amazon.com"));
    assert_eq!(r.errors, vec![E::AuthorityInvalid]);
    let m = r.missing_issuer.as_ref().expect("missing issuer");
    let child = Analysis::parse(leaf.as_bytes()).certificates()[m.child].clone();
    assert!(
        child.ca_issuers_urls.iter().any(|u| u.starts_with("http")),
        "{child:?}"
    );
    assert!(codes(&r).contains(&Code::MissingIntermediate));
}

#[test]
fn leaf_and_intermediate_are_trusted_through_the_anchor_key() {
    // Without the pasted root: the intermediate is signed by a Mozilla anchor's key.
    let text = String::from_utf8(fixture("real-chains/google.com.pem")).unwrap();
    let two: String = text
        .split_inclusive("-----END CERTIFICATE-----")
        .take(2)
        .collect();
    let r = Analysis::parse(two.as_bytes())
        .judge(&Options::at(at("2026-03-16T08:36:37Z")).with_host("www.google.com"));
    assert_eq!(r.errors, vec![]);
    assert!(r.trust.trusted && !r.trust.is_anchor_certificate);
    assert_eq!(r.trust.chain_position, Some(1));
    let last = r.links.last().unwrap();
    assert!(last.issuer_is_anchor && matches!(last.issuer, Issuer::Anchor { .. }));
}

/// badssl.com chains. OpenSSL (Debian's bundle as CA file) 30 days after each leaf's
/// notBefore: rsa2048, ecc256, no-common-name "OK" (Debian still ships DigiCert Global
/// Root CA / COMODO roots; Mozilla removed DigiCert Global Root CA); sha1-intermediate and
/// sha1-2016 "error 20 at 1 depth lookup: unable to get local issuer certificate";
/// self-signed "error 18 at 0 depth lookup: self-signed certificate"; incomplete-chain and
/// superfish "error 20 at 0 depth lookup: unable to get local issuer certificate";
/// expired at 2026-11-27: "error 10 at 0 depth lookup: certificate has expired".
#[test]
fn badssl_verdicts() {
    let cases: &[(&str, &str, &str, &[E], Code)] = &[
        (
            "wildcard-rsa2048",
            "rsa2048.badssl.com",
            "2020-04-22T00:00:00Z",
            &[E::AuthorityInvalid],
            Code::MissingIntermediate,
        ),
        (
            "wildcard-ecc256",
            "ecc256.badssl.com",
            "2020-03-06T00:00:00Z",
            &[E::AuthorityInvalid],
            Code::MissingIntermediate,
        ),
        (
            "wildcard-self-signed",
            "self-signed.badssl.com",
            "2016-09-07T21:17:05Z",
            &[E::AuthorityInvalid],
            Code::SelfSignedLeaf,
        ),
        (
            "wildcard-incomplete-chain",
            "incomplete-chain.badssl.com",
            "2020-04-22T00:00:00Z",
            &[E::AuthorityInvalid],
            Code::MissingIntermediate,
        ),
        (
            "subdomain-superfish",
            "superfish.badssl.com",
            "2018-06-15T17:15:23Z",
            &[E::AuthorityInvalid],
            Code::MissingIntermediate,
        ),
        (
            "subdomain-edellroot",
            "edellroot.badssl.com",
            "2018-06-15T17:15:23Z",
            &[E::AuthorityInvalid],
            Code::MissingIntermediate,
        ),
        (
            "wildcard-sha1-intermediate",
            "sha1-intermediate.badssl.com",
            "2017-05-13T00:00:00Z",
            // SHA-1 on the intermediate, the last certificate of a chain that reaches no
            // root today (AddTrust's was removed): Chromium does not inspect the last one
            // (`InspectSignatureAlgorithmsInChain`, cert_verify_proc.cc), so the missing
            // root decides, as Chromium 156 says of such a chain served to it
            // (tests/cert_codes.rs, chromium_inspects_signature_algorithms_where_it_does).
            &[E::AuthorityInvalid],
            Code::WeakSignatureAlgorithm,
        ),
        (
            "wildcard-expired",
            "expired.badssl.com",
            "2026-11-27T00:00:00Z",
            &[E::DateInvalid],
            Code::Expired,
        ),
        (
            "subdomain-no-common-name",
            "no-common-name.badssl.com",
            "2017-04-22T00:00:00Z",
            // Trusted, but valid for 1187 days: too long for Chromium today.
            &[E::ValidityTooLong],
            Code::ValidityTooLong,
        ),
    ];
    for (file, host, t, errors, code) in cases {
        let r = Analysis::parse(&fixture(&format!("badssl/{file}.pem")))
            .judge(&Options::at(at(t)).with_host(*host));
        assert_eq!(r.errors, errors.to_vec(), "{file}: {:#?}", r.findings);
        assert!(codes(&r).contains(code), "{file}: {:?}", codes(&r));
    }
    // Once Chromium has fetched the SHA-1 intermediate's root (its AIA address), the
    // intermediate is no longer the chain's last, and SHA-1 is refused.
    let analysis = Analysis::parse(&fixture("badssl/wildcard-sha1-intermediate.pem"));
    let r = analysis
        .judge(&Options::at(at("2017-05-13T00:00:00Z")).with_host("sha1-intermediate.badssl.com"));
    let rows = imasara::cert::platforms::rows(analysis.certificates(), &r);
    let chromium = rows
        .iter()
        .find(|row| row.family == imasara::cert::platforms::Family::Chromium)
        .unwrap();
    assert!(
        matches!(
            &chromium.outcome,
            imasara::cert::platforms::Outcome::Fetches { then: Some(then), .. }
                if then == "NET::ERR_CERT_INVALID"
        ),
        "{chromium:?}"
    );
}

#[test]
fn badssl_trusted_with_the_system_bundle_as_custom_anchors() {
    // Debian 12's ca-certificates (20230311) still has DigiCert Global Root CA, which
    // Mozilla has since removed; `make tools` installs the package.
    let bundle = std::fs::read("/etc/ssl/certs/ca-certificates.crt")
        .expect("/etc/ssl/certs/ca-certificates.crt (Debian's ca-certificates)");
    let anchors = imasara::cert::Anchor::from_input(&bundle);
    assert!(anchors.len() > 100);
    // OpenSSL with that bundle: "OK".
    let r = Analysis::parse(&fixture("badssl/wildcard-rsa2048.pem")).judge(&Options {
        at: at("2020-04-22T00:00:00Z"),
        host: Some("rsa2048.badssl.com".into()),
        extra_anchors: anchors,
        mozilla_roots: true,
    });
    assert_eq!(r.trust.source, Some(AnchorSource::Custom));
    assert_eq!(r.errors, vec![]);
    assert!(codes(&r).contains(&Code::TrustedByCustomAnchor));
}

/// How long this takes is the benchmark's business (`make bench`); here, what it finds.
#[test]
fn ten_thousand_names_are_all_read_and_matched() {
    let a = Analysis::parse(&fixture("badssl/subdomain-10000-sans.pem"));
    assert!(a.certificates()[0].san_dns.len() >= 10_000);
    let r = a.judge(&Options::at(at("2018-06-01T00:00:00Z")).with_host("10000-sans.badssl.com"));
    assert!(r.host.unwrap().matched_by.is_some());
}

#[test]
fn x509_parser_assets() {
    let judge = |f: &str| {
        let a = Analysis::parse(&fixture(&format!("x509-parser-assets/{f}")));
        let r = a.judge(&Options::at(at("2020-01-01T00:00:00Z")));
        (a.certificates().to_vec(), r)
    };
    for f in [
        "rsa-pss_self_signed_sha256.der",
        "rsa-pss_self_signed_sha384.der",
        "rsa-pss_self_signed_sha512.der",
        "ed25519.der",
        "v1.der",
        "IGC_A.der",
    ] {
        let (certs, _) = judge(f);
        assert!(certs[0].self_signed, "{f}: the self-signature verifies");
    }
    let (p521_certs, p521) = judge("p521-selfsigned.der");
    assert!(!p521_certs[0].self_signed);
    assert!(codes(&p521).contains(&Code::SignatureUnsupported));
    assert_eq!(p521_certs[0].public_key.curve.as_deref(), Some("P-521"));
    let (_, crit) = judge("unsupported_critical_ext.der");
    assert!(codes(&crit).contains(&Code::UnsupportedCriticalExtension));
    let (v1, _) = judge("v1.der");
    assert_eq!(v1[0].version, 1);
    let truncated = Analysis::parse(&fixture("x509-parser-assets/no_end.pem"));
    assert!(truncated.certificates().is_empty());
    assert_eq!(truncated.input_findings()[0].code(), Code::PemMissingEnd);
    let csr = Analysis::parse(&fixture("x509-parser-assets/csr-challenge-password.pem"));
    assert!(csr.input_findings().iter().any(|f| f.kind
        == FindingKind::DocumentRead {
            kind: OtherDer::Csr
        }));
    assert_eq!(
        csr.requests()[0].signature,
        imasara::cert::SignatureStatus::Valid
    );
}

/// The dotted form of an OID's DER content octets (X.690 8.19), written independently of
/// the engine's own OID handling.
fn dotted_oid(bytes: &[u8]) -> String {
    let mut arcs: Vec<u64> = Vec::new();
    let mut value = 0u64;
    for b in bytes {
        value = (value << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            arcs.push(value);
            value = 0;
        }
    }
    let first = arcs.remove(0);
    let (a, b) = if first < 40 {
        (0, first)
    } else if first < 80 {
        (1, first - 40)
    } else {
        (2, first - 80)
    };
    std::iter::once(a)
        .chain(std::iter::once(b))
        .chain(arcs)
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(".")
}

#[test]
fn byte_ranges_point_at_the_fields() {
    // A DER file, so the test holds the exact bytes the ranges point into.
    let der = fixture("x509-parser-assets/certificate.der");
    let a = Analysis::parse(&der);
    let c = &a.certificates()[0];
    assert_eq!(c.der_length, der.len());
    let range = |f: Field| {
        let r = c.range(f).unwrap();
        &der[r.offset..r.offset + r.length]
    };
    assert_eq!(range(Field::Certificate), &der[..]);
    assert_eq!(range(Field::TbsCertificate)[0], 0x30);
    assert_eq!(range(Field::Version)[0], 0xa0);
    let serial = range(Field::Serial);
    assert_eq!(serial[0], 0x02);
    let serial_hex: String = serial[2..]
        .iter()
        .skip_while(|b| **b == 0)
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(serial_hex, c.serial_hex);
    assert_eq!(range(Field::NotBefore)[0], 0x17, "UTCTime");
    assert_eq!(range(Field::SignatureValue)[0], 0x03, "BIT STRING");
    assert_eq!(range(Field::SubjectPublicKeyInfo)[0], 0x30);
    // Each extension's bytes start a SEQUENCE whose first element is the extension's OID,
    // decoded here by hand from those bytes and compared with the dotted OID reported.
    assert!(!c.extensions.is_empty());
    for (i, e) in c.extensions.iter().enumerate() {
        let bytes = range(Field::Extension(i));
        assert_eq!(bytes[0], 0x30, "{}", e.name);
        let header = if bytes[1] < 0x80 {
            2
        } else {
            2 + usize::from(bytes[1] & 0x7f)
        };
        assert_eq!(bytes[header], 0x06, "{}: OID first", e.name);
        let oid_len = usize::from(bytes[header + 1]);
        let oid = &bytes[header + 2..header + 2 + oid_len];
        assert_eq!(dotted_oid(oid), e.oid, "{}", e.name);
    }
    // The subject range decodes to the same name as the report (spot check: CN bytes).
    let subject = range(Field::Subject);
    let cn = c
        .subject_attributes
        .iter()
        .find(|a| a.name == "CN")
        .unwrap();
    assert!(
        subject
            .windows(cn.value.len())
            .any(|w| w == cn.value.as_bytes())
    );
}

#[test]
fn der_crl_is_read() {
    let a = Analysis::parse(&fixture("x509-parser-assets/example.crl"));
    assert!(a.certificates().is_empty());
    assert_eq!(a.crls().len(), 1);
    assert!(
        a.input_findings().iter().any(|f| f.kind
            == FindingKind::DocumentRead {
                kind: OtherDer::Crl
            }),
        "{:?}",
        a.input_findings()
    );
}

#[test]
fn bare_base64_body_is_read() {
    let text = String::from_utf8(fixture("real-chains/amazon.com.pem")).unwrap();
    let first = text.split("-----END CERTIFICATE-----").next().unwrap();
    let body: String = first
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<Vec<_>>()
        .join("\n");
    let a = Analysis::parse(body.as_bytes());
    assert_eq!(a.certificates().len(), 1);
    assert_eq!(a.certificates()[0].subject, "CN=*.peg.a2z.com");
    assert!(
        a.input_findings()
            .iter()
            .any(|f| f.code() == Code::PemHeadersMissing)
    );
}

/// `openssl verify` on each real chain (its own root as the CA file, the intermediate as
/// untrusted), at a time inside and after the leaf's validity and with a wrong host: it
/// must agree with the engine each time. OpenSSL is run here, not quoted.
#[test]
fn real_chains_agree_with_openssl_verify() {
    let dir = std::env::temp_dir().join(format!("imasara-real-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let after = "2026-11-27T00:00:00Z";
    for (file, host, inside) in REAL {
        let text = String::from_utf8(fixture(&format!("real-chains/{file}"))).unwrap();
        let blocks: Vec<&str> = text
            .split_inclusive("-----END CERTIFICATE-----")
            .filter(|b| b.contains("BEGIN"))
            .collect();
        assert_eq!(blocks.len(), 3, "{file}");
        let write = |name: &str, body: &str| {
            let path = dir.join(name);
            std::fs::write(&path, format!("{}\n", body.trim())).unwrap();
            path
        };
        let (leaf, inter, root) = (
            write("leaf.pem", blocks[0]),
            write("inter.pem", blocks[1]),
            write("root.pem", blocks[2]),
        );
        for (when, name) in [(*inside, *host), (after, *host), (*inside, "wrong.example")] {
            let t = at(when);
            let out = std::process::Command::new("openssl")
                .args([
                    "verify",
                    "-attime",
                    &t.0.to_string(),
                    "-verify_hostname",
                    name,
                ])
                .arg("-CAfile")
                .arg(&root)
                .arg("-untrusted")
                .arg(&inter)
                .arg(&leaf)
                .output()
                .expect("openssl (make tools installs it)");
            let said = String::from_utf8_lossy(&out.stdout).to_string()
                + &String::from_utf8_lossy(&out.stderr);
            let r = Analysis::parse(text.as_bytes()).judge(&Options::at(t).with_host(name));
            let expected: &[E] = if out.status.success() {
                &[]
            } else if said.contains("hostname mismatch") {
                &[E::CommonNameInvalid]
            } else if said.contains("certificate has expired") {
                &[E::DateInvalid]
            } else {
                panic!("{file} at {when} for {name}: openssl said {said}")
            };
            assert_eq!(
                r.errors, expected,
                "{file} at {when} for {name}: openssl said {said}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
