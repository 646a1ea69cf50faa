//! Every finding code the certificate engine can report, each produced by an input made to
//! cause it and checked against an expectation written independently of the engine: the
//! RFC or browser rule in the comment beside the case, real certificates (with their
//! licences under tests/fixtures/cert) or chains generated here with rcgen.
//!
//! `produce` is an exhaustive `match` on `Code`: a new code does not compile until it has
//! an input here, and `every_code_is_produced_by_its_input` runs them all.
#![cfg(not(target_arch = "wasm32"))]
// A test reports failure by panicking; unwrap is the plain way to say "must be there".
#![allow(clippy::unwrap_used)]

use imasara::cert::ct::SctSignature;
use imasara::cert::fields::SctReport;
use imasara::cert::findings::{Refusers, Unchecked};
use imasara::cert::signature::MAX_SIGNATURE_WORK;
use imasara::cert::{
    Analysis, Anchor, ChromiumError as E, Code, FindingKind, Options, Report, UnixTime,
};
use rcgen::{
    BasicConstraints, CertificateParams, CustomExtension, IsCa, Issuer, KeyIdMethod, KeyPair,
    date_time_ymd,
};

mod support;
use support::{Ca, anchor, judge, params, pem, pem_of, root, sub_ca, with_extension};

const EC: &rcgen::SignatureAlgorithm = &rcgen::PKCS_ECDSA_P256_SHA256;

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/cert/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

fn time(s: &str) -> UnixTime {
    UnixTime::parse_rfc3339(s).unwrap()
}

/// The PEM blocks of a fixture, in file order, each ending in a line break.
fn blocks(path: &str) -> Vec<String> {
    String::from_utf8(fixture(path))
        .unwrap()
        .split_inclusive("-----END CERTIFICATE-----")
        .filter(|b| b.contains("-----BEGIN CERTIFICATE-----"))
        .map(|b| b[b.find("-----BEGIN").unwrap()..].to_string() + "\n")
        .collect()
}

fn der_of_block(block: &str) -> Vec<u8> {
    let body: String = block
        .lines()
        .filter(|l| !l.starts_with("-----") && !l.trim().is_empty())
        .collect();
    data_encoding::BASE64.decode(body.as_bytes()).unwrap()
}

/// The PEM block of the root named `common_name` in Debian's bundle (make tools installs
/// ca-certificates; a missing bundle fails).
fn bundle_root(common_name: &str) -> Vec<u8> {
    let bundle = std::fs::read_to_string("/etc/ssl/certs/ca-certificates.crt")
        .expect("/etc/ssl/certs/ca-certificates.crt (Debian's ca-certificates)");
    let analysis = Analysis::parse(bundle.as_bytes());
    let index = analysis
        .certificates()
        .iter()
        .position(|c| c.short_name() == common_name)
        .unwrap_or_else(|| panic!("{common_name} is not in the bundle"));
    analysis.der(index).unwrap().to_vec()
}

/// `count` self-signed roots that all carry the same name, each with its own P-256 key:
/// every one is a candidate issuer of every other (16 are tried each), so the input asks
/// for 300 × 16 checks of weight 2, more than `MAX_SIGNATURE_WORK`.
fn same_named_roots(count: usize) -> String {
    let mut out = String::new();
    for _ in 0..count {
        let key = KeyPair::generate_for(EC).unwrap();
        let cert = params("Same Name Root", IsCa::Ca(BasicConstraints::Unconstrained))
            .self_signed(&key)
            .unwrap();
        out.push_str(&cert.pem());
    }
    out
}

/// What the engine reports for `input`: its reading of the input and its judgement.
struct Outcome {
    report: Report,
    input_codes: Vec<Code>,
    certificates: usize,
    /// The first certificate's embedded SCTs.
    leaf_scts: Vec<SctReport>,
}

impl Outcome {
    fn of(input: &[u8], options: &Options) -> Outcome {
        let analysis = Analysis::parse(input);
        let input_codes = analysis.input_findings().iter().map(|f| f.code()).collect();
        Outcome {
            report: analysis.judge(options),
            input_codes,
            certificates: analysis.certificates().len(),
            leaf_scts: leaf_scts(&analysis),
        }
    }

    fn codes(&self) -> Vec<Code> {
        let mut all = self.input_codes.clone();
        all.extend(self.report.findings.iter().map(|w| w.code()));
        all
    }

    fn errors(&self) -> &[E] {
        &self.report.errors
    }
}

fn at_real(input: &[u8], when: &str, host: Option<&str>) -> Outcome {
    let mut options = Options::at(time(when));
    options.host = host.map(str::to_owned);
    Outcome::of(input, &options)
}

/// The first certificate's embedded SCTs.
fn leaf_scts(analysis: &Analysis) -> Vec<SctReport> {
    analysis
        .certificates()
        .first()
        .map(|c| c.scts.clone())
        .unwrap_or_default()
}

fn generated(input: &str, trusted: &Ca, host: Option<&str>) -> Outcome {
    generated_with(input, anchor(trusted), host)
}

fn generated_with(input: &str, anchors: Vec<Anchor>, host: Option<&str>) -> Outcome {
    let report = judge(input, anchors, host);
    let analysis = Analysis::parse(input.as_bytes());
    Outcome {
        report,
        input_codes: analysis.input_findings().iter().map(|f| f.code()).collect(),
        certificates: analysis.certificates().len(),
        leaf_scts: leaf_scts(&analysis),
    }
}

/// A leaf for `www.example.test` under `issuer`, with its own params changed by `change`.
fn leaf_under(issuer: &Ca, change: impl FnOnce(&mut CertificateParams)) -> rcgen::Certificate {
    let mut p = params("www.example.test", IsCa::ExplicitNoCa);
    change(&mut p);
    let key = KeyPair::generate_for(EC).unwrap();
    p.signed_by(&key, &Issuer::from_params(&issuer.params, &issuer.key))
        .unwrap()
}

const AMAZON: &str = "real-chains/amazon.com.pem";
const AMAZON_AT: &str = "2026-06-01T00:00:00Z";

/// The value of an SCT list extension (RFC 6962 3.3) holding one SCT: an OCTET STRING
/// around the TLS-encoded list.
fn one_sct_list() -> Vec<u8> {
    sct_list_of([0x11; 32])
}

/// Google 'Argon2026h1' log's id (SHA-256 of its key), as the log list gives it:
/// `DleUvPOuqT4zGyyZB7P3kN+bwj1xMiXdIaklrGHFTiE=`.
const ARGON_2026H1: [u8; 32] = [
    0x0e, 0x57, 0x94, 0xbc, 0xf3, 0xae, 0xa9, 0x3e, 0x33, 0x1b, 0x2c, 0x99, 0x07, 0xb3, 0xf7, 0x90,
    0xdf, 0x9b, 0xc2, 0x3d, 0x71, 0x32, 0x25, 0xdd, 0x21, 0xa9, 0x25, 0xac, 0x61, 0xc5, 0x4e, 0x21,
];

/// An SCT list extension value with one SCT naming `log`, its signature two bytes that
/// no key verifies.
fn sct_list_of(log: [u8; 32]) -> Vec<u8> {
    let mut sct = vec![0_u8]; // v1
    sct.extend(log); // log id
    sct.extend(1_767_225_600_000_u64.to_be_bytes()); // 2026-01-01, in ms
    sct.extend([0, 0]); // no extensions
    sct.extend([4, 3, 0, 2, 0x30, 0x00]); // sha256, ecdsa, a 2-byte signature
    let mut list = u16::try_from(sct.len() + 2).unwrap().to_be_bytes().to_vec();
    list.extend(u16::try_from(sct.len()).unwrap().to_be_bytes());
    list.extend(sct);
    let mut value = vec![0x04, u8::try_from(list.len()).unwrap()];
    value.extend(list);
    value
}

/// How the site's certificate's two signature algorithm fields are apart.
#[derive(Clone, Copy, PartialEq)]
enum Apart {
    /// Another algorithm inside the signed part (ecdsa-with-SHA384; the outer field and the
    /// signature ecdsa-with-SHA256).
    Another,
    /// The same RSA algorithm, without its NULL parameters inside.
    RsaWithoutNull,
    /// The same ECDSA algorithm, with NULL parameters inside (RFC 5758 wants none).
    EcdsaWithNull,
}

/// A root, the site's certificate whose two signature algorithm fields are apart as `how`
/// says, and that certificate with its intermediate.
fn algorithm_fields_apart(how: Apart) -> (Ca, String, String) {
    let r = root("Root", EC);
    let key = if how == Apart::RsaWithoutNull {
        support::rsa_key()
    } else {
        KeyPair::generate_for(EC).unwrap()
    };
    let params = params("Intermediate", IsCa::Ca(BasicConstraints::Unconstrained));
    let cert = params
        .signed_by(&key, &Issuer::from_params(&r.params, &r.key))
        .unwrap();
    let i = Ca { params, key, cert };
    let l = support::leaf(EC, &i);
    let inner = |field: &[u8]| match how {
        Apart::Another => support::oid_ending(field, 3),
        Apart::RsaWithoutNull => support::without_null(field),
        Apart::EcdsaWithNull => support::with_null(field),
    };
    let der = support::with_algorithm_fields(l.der(), &i.key, inner, <[u8]>::to_vec);
    let leaf = pem_of("CERTIFICATE", &der);
    let chain = format!("{leaf}{}", i.cert.pem());
    (r, leaf, chain)
}

/// An input made to produce `code`, and what the engine said about it.
fn produce(code: Code) -> Outcome {
    let amazon = blocks(AMAZON);
    match code {
        // --- input ----------------------------------------------------------------------
        Code::NoCertificate | Code::InputNotRecognised => at_real(
            b"Dear support, my browser says the padlock is broken. Regards",
            AMAZON_AT,
            None,
        ),
        Code::PrivateKeyPasted => {
            // RFC 7468 section 10: "PRIVATE KEY" is PKCS #8. The body is never read.
            let key = KeyPair::generate_for(EC).unwrap();
            at_real(key.serialize_pem().as_bytes(), AMAZON_AT, None)
        }
        Code::ReadingStopped => {
            // More PEM blocks than one analysis reads (input::MAX_BLOCKS).
            let crl = "-----BEGIN X509 CRL-----\n-----END X509 CRL-----\n";
            at_real(crl.repeat(10_001).as_bytes(), AMAZON_AT, None)
        }
        Code::MoreOfTheSame => {
            // More empty blocks than input::MAX_FINDINGS_OF_A_KIND: the rest are counted.
            let empty = "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n";
            at_real(empty.repeat(30).as_bytes(), AMAZON_AT, None)
        }
        // A public key (requests and revocation lists are read: DocumentRead).
        Code::OtherPemBlock => at_real(
            pem_of("PUBLIC KEY", &[0x30, 0x03, 0x01, 0x01, 0xff]).as_bytes(),
            AMAZON_AT,
            None,
        ),
        Code::PemHeadersMissing => {
            let body: String = amazon[0]
                .lines()
                .filter(|l| !l.starts_with("-----"))
                .collect();
            at_real(body.as_bytes(), AMAZON_AT, None)
        }
        Code::PemMissingEnd => at_real(&fixture("x509-parser-assets/no_end.pem"), AMAZON_AT, None),
        Code::PemLabelMismatch => {
            // RFC 7468 section 2: the END label must repeat the BEGIN label.
            let text = amazon[0].replace("-----END CERTIFICATE-----", "-----END X509 CRL-----");
            at_real(text.as_bytes(), AMAZON_AT, None)
        }
        Code::PemBadBase64 => {
            let mut lines: Vec<String> = amazon[0].lines().map(str::to_owned).collect();
            lines[3] = "!!!! this line is not base64 at all !!!!".to_owned();
            at_real(lines.join("\n").as_bytes(), AMAZON_AT, None)
        }
        Code::DocumentRead => at_real(&fixture("x509-parser-assets/example.crl"), AMAZON_AT, None),
        Code::DocumentUnreadable => {
            // SEQUENCE { BOOLEAN TRUE } under a CRL label: no CertificateList (RFC 5280 5.1).
            at_real(
                pem_of("X509 CRL", &[0x30, 0x03, 0x01, 0x01, 0xff]).as_bytes(),
                AMAZON_AT,
                None,
            )
        }
        Code::CertificateUnparsable => {
            // SEQUENCE { BOOLEAN TRUE }: DER, but no X.509 Certificate (RFC 5280 4.1).
            at_real(
                pem_of("CERTIFICATE", &[0x30, 0x03, 0x01, 0x01, 0xff]).as_bytes(),
                AMAZON_AT,
                None,
            )
        }
        Code::TrailingData => {
            let mut der = der_of_block(&amazon[0]);
            der.extend_from_slice(&[0x00, 0x01, 0x02]);
            at_real(pem_of("CERTIFICATE", &der).as_bytes(), AMAZON_AT, None)
        }
        Code::Pkcs7Unparsable => {
            // ContentInfo with the signedData OID (RFC 5652 5.1) and no content.
            let der = [
                0x30, 0x0b, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02,
            ];
            at_real(&der, AMAZON_AT, None)
        }
        Code::Pkcs7Bundle => at_real(&fixture("openssl/chain.p7b"), AMAZON_AT, None),
        // --- chain ----------------------------------------------------------------------
        Code::MissingIntermediate => at_real(amazon[0].as_bytes(), AMAZON_AT, Some("amazon.com")),
        Code::UntrustedRoot => {
            let r = root("Untrusted Root", EC);
            let l = leaf_under(&r, |_| {});
            // Judged with another root as the only anchor.
            generated(&pem(&[&l, &r.cert]), &root("Some Other Root", EC), None)
        }
        Code::RootRemovedFromMozilla => at_real(
            &fixture("badssl/wildcard-rsa2048.pem"),
            "2020-04-22T00:00:00Z",
            Some("rsa2048.badssl.com"),
        ),
        Code::SelfSignedLeaf => at_real(
            &fixture("badssl/wildcard-self-signed.pem"),
            "2016-09-08T00:00:00Z",
            Some("self-signed.badssl.com"),
        ),
        Code::ReverseOrder => {
            let text = format!("{}{}{}", amazon[2], amazon[1], amazon[0]);
            at_real(text.as_bytes(), AMAZON_AT, Some("amazon.com"))
        }
        Code::OutOfOrder => {
            let text = format!("{}{}{}", amazon[1], amazon[0], amazon[2]);
            at_real(text.as_bytes(), AMAZON_AT, Some("amazon.com"))
        }
        Code::DuplicateCertificate => {
            let text = format!("{}{}{}{}", amazon[0], amazon[0], amazon[1], amazon[2]);
            at_real(text.as_bytes(), AMAZON_AT, Some("amazon.com"))
        }
        Code::UnrelatedCertificate | Code::LeafChosen => {
            // Two sites' leaves: one is chosen, the other takes no part.
            let python = blocks("real-chains/docs.python.org.pem");
            let text = format!("{}{}{}{}", amazon[0], amazon[1], amazon[2], python[0]);
            at_real(text.as_bytes(), AMAZON_AT, Some("amazon.com"))
        }
        Code::CrossSignedAlternative => {
            // One intermediate (same subject, same key) certified by two roots.
            let root_a = root("Cross Root A", EC);
            let root_b = root("Cross Root B", EC);
            let inter_a = sub_ca("Cross Intermediate", EC, &root_a, None);
            let inter_b_cert = inter_a
                .params
                .signed_by(
                    &inter_a.key,
                    &Issuer::from_params(&root_b.params, &root_b.key),
                )
                .unwrap();
            let l = leaf_under(&inter_a, |_| {});
            generated(
                &pem(&[&l, &inter_a.cert, &inter_b_cert, &root_a.cert]),
                &root_a,
                Some("www.example.test"),
            )
        }
        // --- per link -------------------------------------------------------------------
        Code::SignatureInvalid => {
            let r = root("Flip Root", EC);
            let l = leaf_under(&r, |_| {});
            let mut der = l.der().to_vec();
            let n = der.len();
            der[n - 1] ^= 0x01;
            let input = pem_of("CERTIFICATE", &der) + &r.cert.pem();
            generated(&input, &r, Some("www.example.test"))
        }
        Code::SignatureUnsupported => at_real(
            &fixture("x509-parser-assets/p521-selfsigned.der"),
            "2020-01-01T00:00:00Z",
            None,
        ),
        Code::SignatureWorkCapped => at_real(
            same_named_roots(300).as_bytes(),
            "2026-06-01T00:00:00Z",
            None,
        ),
        Code::NameMismatch => {
            // The same key under another name: found through AKI = SKI, signature valid,
            // but RFC 5280 6.1.3 (a)(4) wants the issuer name to chain.
            let one = root("CA One", EC);
            let two = params("CA Two", IsCa::Ca(BasicConstraints::Unconstrained))
                .self_signed(&one.key)
                .unwrap();
            let l = leaf_under(&one, |_| {});
            let anchors = Anchor::from_input(two.pem().as_bytes());
            generated_with(&pem(&[&l, &two]), anchors, Some("www.example.test"))
        }
        Code::KeyIdMismatch => {
            // The issuer's certificate re-made with another subject key identifier.
            let mut p = params("Key Id Root", IsCa::Ca(BasicConstraints::Unconstrained));
            p.key_identifier_method = KeyIdMethod::PreSpecified(vec![1; 20]);
            let key = KeyPair::generate_for(EC).unwrap();
            let first = Ca {
                cert: p.self_signed(&key).unwrap(),
                params: p,
                key,
            };
            let l = leaf_under(&first, |_| {});
            let mut p2 = first.params.clone();
            p2.key_identifier_method = KeyIdMethod::PreSpecified(vec![2; 20]);
            let second = p2.self_signed(&first.key).unwrap();
            let anchors = Anchor::from_input(second.pem().as_bytes());
            generated_with(&pem(&[&l, &second]), anchors, Some("www.example.test"))
        }
        Code::IssuerNotCa => {
            let r = root("Root", EC);
            let not_ca = sub_ca(
                "Not A CA",
                EC,
                &r,
                Some(params("Not A CA", IsCa::ExplicitNoCa)),
            );
            let l = leaf_under(&not_ca, |_| {});
            generated(
                &pem(&[&l, &not_ca.cert, &r.cert]),
                &r,
                Some("www.example.test"),
            )
        }
        Code::PathLenExceeded => {
            let r = root("Root", EC);
            let zero = sub_ca(
                "PathLen Zero",
                EC,
                &r,
                Some(params(
                    "PathLen Zero",
                    IsCa::Ca(BasicConstraints::Constrained(0)),
                )),
            );
            let below = sub_ca("Below PathLen", EC, &zero, None);
            let l = leaf_under(&below, |_| {});
            generated(
                &pem(&[&l, &below.cert, &zero.cert, &r.cert]),
                &r,
                Some("www.example.test"),
            )
        }
        Code::IssuerCannotSign => {
            let r = root("Root", EC);
            let mut p = params("No KeyCertSign", IsCa::Ca(BasicConstraints::Unconstrained));
            p.key_usages = vec![rcgen::KeyUsagePurpose::DigitalSignature];
            let ca = sub_ca("No KeyCertSign", EC, &r, Some(p));
            let l = leaf_under(&ca, |_| {});
            generated(&pem(&[&l, &ca.cert, &r.cert]), &r, Some("www.example.test"))
        }
        Code::NameConstraintViolation => {
            let mut p = params(
                "Constrained Root",
                IsCa::Ca(BasicConstraints::Unconstrained),
            );
            p.name_constraints = Some(rcgen::NameConstraints {
                permitted_subtrees: vec![rcgen::GeneralSubtree::DnsName("allowed.test".into())],
                excluded_subtrees: vec![],
            });
            let key = KeyPair::generate_for(EC).unwrap();
            let r = Ca {
                cert: p.self_signed(&key).unwrap(),
                params: p,
                key,
            };
            let l = leaf_under(&r, |_| {});
            generated(&pem(&[&l, &r.cert]), &r, Some("www.example.test"))
        }
        // --- dates ----------------------------------------------------------------------
        Code::Expired => at_real(
            amazon.concat().as_bytes(),
            "2027-06-01T00:00:00Z",
            Some("amazon.com"),
        ),
        Code::NotYetValid => at_real(
            amazon.concat().as_bytes(),
            "2026-01-01T00:00:00Z",
            Some("amazon.com"),
        ),
        Code::AnchorCertificateOutOfDate => {
            // The root's certificate ends in 2030, the leaf's in 2035: judged in 2031 with
            // that root as the anchor. An anchor is a name and a key; its dates are not
            // part of Chromium's decision.
            let r = root("Short Root", EC);
            let l = leaf_under(&r, |p| p.not_after = date_time_ymd(2035, 1, 1));
            let report = support::judge_at(
                &pem(&[&l, &r.cert]),
                anchor(&r),
                Some("www.example.test"),
                time("2031-06-01T00:00:00Z"),
            );
            Outcome {
                report,
                input_codes: Vec::new(),
                certificates: 2,
                leaf_scts: Vec::new(),
            }
        }
        // --- algorithms -----------------------------------------------------------------
        Code::WeakSignatureAlgorithm => at_real(
            &fixture("badssl/wildcard-sha1-intermediate.pem"),
            "2017-05-13T00:00:00Z",
            Some("sha1-intermediate.badssl.com"),
        ),
        Code::LeafKeyUsageNotForSigning => {
            let r = root("Root", EC);
            let i = sub_ca("Intermediate", EC, &r, None);
            let l = leaf_under(&i, |p| {
                p.key_usages = vec![rcgen::KeyUsagePurpose::KeyEncipherment];
            });
            generated(&pem(&[&l, &i.cert]), &r, Some("www.example.test"))
        }
        Code::LeafKeyUsageUnreadable => {
            let r = root("Root", EC);
            let i = sub_ca("Intermediate", EC, &r, None);
            let l = leaf_under(&i, |p| {
                with_raw_key_usage(p, &[0x03, 0x02, 0x08, 0x80], true)
            });
            generated(&pem(&[&l, &i.cert]), &r, Some("www.example.test"))
        }
        Code::LeafKeyNotNegotiable => at_real(
            &fixture("x509-parser-assets/ed25519.der"),
            "2022-01-01T00:00:00Z",
            Some("www.example.com"),
        ),
        Code::SignatureAlgorithmRefused | Code::AuthorityKeyRefused => {
            // An intermediate with an Ed25519 key under a trusted root, and a site signed by
            // it (so with Ed25519): Chromium reads an authority's key only as RSA or EC on
            // P-256/384/521 (BoringSSL's `ParsePublicKey`, pki/verify_signed_data.cc) and
            // takes no Ed25519 signature (`ParseSignatureAlgorithm`,
            // pki/signature_algorithm.cc).
            let r = root("Root", EC);
            let i = sub_ca("Ed25519 Intermediate", &rcgen::PKCS_ED25519, &r, None);
            let l = support::leaf(EC, &i);
            generated(&pem(&[&l, &i.cert]), &r, Some("www.example.test"))
        }
        Code::SignatureAlgorithmMismatch => {
            let (r, _, chain) = algorithm_fields_apart(Apart::Another);
            generated(&chain, &r, Some("www.example.test"))
        }
        Code::SignatureAlgorithmWrittenApart => {
            let (r, _, chain) = algorithm_fields_apart(Apart::RsaWithoutNull);
            generated(&chain, &r, Some("www.example.test"))
        }
        Code::SignatureAlgorithmParameters => {
            let (r, _, chain) = algorithm_fields_apart(Apart::EcdsaWithNull);
            generated(&chain, &r, Some("www.example.test"))
        }
        Code::WeakKey | Code::ExplicitCurve => {
            let (leaf, root) = match code {
                Code::WeakKey => ("openssl/leaf-rsa-768.pem", "openssl/rsa-root.pem"),
                _ => ("openssl/leaf-ec-explicit.pem", "openssl/ec-root.pem"),
            };
            let input = [fixture(leaf), fixture(root)].concat();
            let analysis = Analysis::parse(&input);
            let root_anchor = analysis.anchor(1).unwrap();
            // The script dates its certificates from its run: a day after the leaf's start.
            let day_after = UnixTime(analysis.certificates()[0].not_before.seconds() + 86_400);
            let mut options = Options::at(day_after).with_host("rsa.example.test");
            options.extra_anchors = vec![root_anchor];
            options.mozilla_roots = false;
            Outcome {
                report: analysis.judge(&options),
                input_codes: Vec::new(),
                certificates: analysis.certificates().len(),
                leaf_scts: leaf_scts(&analysis),
            }
        }
        // --- host name ------------------------------------------------------------------
        Code::HostMismatch => at_real(
            amazon.concat().as_bytes(),
            AMAZON_AT,
            Some("www.example.org"),
        ),
        Code::HostMatchesOnlyCommonName => {
            let r = root("Root", EC);
            let l = leaf_under(&r, |p| {
                p.subject_alt_names = vec![rcgen::SanType::DnsName(
                    "other.example.test".try_into().unwrap(),
                )];
            });
            generated(&pem(&[&l, &r.cert]), &r, Some("www.example.test"))
        }
        Code::HostInternationalised => {
            let r = root("Root", EC);
            let l = leaf_under(&r, |p| {
                // 日本語.jp in its ASCII form (RFC 5891).
                p.subject_alt_names = vec![rcgen::SanType::DnsName(
                    "xn--wgv71a119e.jp".try_into().unwrap(),
                )];
            });
            generated(&pem(&[&l, &r.cert]), &r, Some("日本語.jp"))
        }
        Code::HostNotChecked => at_real(amazon.concat().as_bytes(), AMAZON_AT, None),
        Code::NoSubjectAltName => {
            let r = root("Root", EC);
            let l = leaf_under(&r, |p| p.subject_alt_names = Vec::new());
            generated(&pem(&[&l, &r.cert]), &r, Some("www.example.test"))
        }
        Code::HostInvalid => at_real(amazon.concat().as_bytes(), AMAZON_AT, Some("shop..example")),
        // --- other ----------------------------------------------------------------------
        Code::UnsupportedCriticalExtension => at_real(
            &fixture("x509-parser-assets/unsupported_critical_ext.der"),
            "2020-01-01T00:00:00Z",
            None,
        ),
        Code::AuthorityAlone => {
            // The intermediate and root alone: no site's certificate among them.
            let text = format!("{}{}", amazon[1], amazon[2]);
            at_real(text.as_bytes(), AMAZON_AT, Some("amazon.com"))
        }
        Code::RootNotEmbedded => {
            // A root NSS (May 2026) still trusts that webpki-roots 1.0.10 no longer carries,
            // pasted from Debian's bundle (which has it).
            at_real(&bundle_root("Atos TrustedRoot 2011"), AMAZON_AT, None)
        }
        Code::ValidityTooLong => {
            // An old public certificate valid for two years, under a root still trusted:
            // Chromium's HasTooLongValidity allows 398 days.
            at_real(
                &fixture("badssl/subdomain-no-common-name.pem"),
                "2017-04-22T00:00:00Z",
                Some("no-common-name.badssl.com"),
            )
        }
        Code::WildcardUnderPublicSuffix => {
            // `*.co.jp` would cover shop.co.jp by RFC 6125, but co.jp is a public suffix.
            let r = root("Root", EC);
            let l = leaf_under(&r, |p| {
                p.subject_alt_names = vec![rcgen::SanType::DnsName("*.co.jp".try_into().unwrap())];
            });
            generated(&pem(&[&l, &r.cert]), &r, Some("shop.co.jp"))
        }
        Code::LeafNotForServers => {
            let r = root("Root", EC);
            let l = leaf_under(&r, |p| {
                p.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth];
            });
            generated(&pem(&[&l, &r.cert]), &r, Some("www.example.test"))
        }
        Code::RuleBroken => {
            // An underscore in a DNS name: not allowed from 2019-04-01 (Baseline
            // Requirements 7.1.4.2.1, ballot SC12); the certificate is from 2025.
            let r = root("Root", EC);
            let l = leaf_under(&r, |p| {
                p.subject_alt_names.push(rcgen::SanType::DnsName(
                    "_dmarc.example.test".try_into().unwrap(),
                ));
            });
            generated(&pem(&[&l, &r.cert]), &r, Some("www.example.test"))
        }
        Code::TrustedByCustomAnchor => {
            let r = root("Root", EC);
            let l = leaf_under(&r, |_| {});
            generated(&pem(&[&l, &r.cert]), &r, Some("www.example.test"))
        }
        Code::RevocationNotChecked | Code::CtNotChecked => {
            at_real(amazon.concat().as_bytes(), AMAZON_AT, Some("amazon.com"))
        }
        Code::NoEmbeddedScts => {
            // A publicly trusted certificate without SCTs: Chrome's CT policy wants them
            // for every certificate a server presents. Amazon's intermediate has none.
            let text = format!("{}{}", amazon[1], amazon[2]);
            at_real(text.as_bytes(), AMAZON_AT, None)
        }
        Code::TooFewScts => {
            // One SCT on a leaf valid for five years: Chrome's CT policy asks for three.
            // The root stands in for one of the public set (the policy holds only those).
            let r = root("Root", EC);
            let l = leaf_under(&r, |p| {
                p.custom_extensions = vec![CustomExtension::from_oid_content(
                    &[1, 3, 6, 1, 4, 1, 11129, 2, 4, 2],
                    one_sct_list(),
                )];
            });
            let mut anchors = anchor(&r);
            for a in &mut anchors {
                a.source = imasara::cert::AnchorSource::Mozilla;
            }
            generated_with(&pem(&[&l, &r.cert]), anchors, Some("www.example.test"))
        }
        Code::SctSignatureInvalid => {
            // An SCT naming a real log (Google's Argon2026h1) whose signature its key does
            // not verify: the log never signed this certificate.
            let r = root("Root", EC);
            let l = leaf_under(&r, |p| {
                p.custom_extensions = vec![CustomExtension::from_oid_content(
                    &[1, 3, 6, 1, 4, 1, 11129, 2, 4, 2],
                    sct_list_of(ARGON_2026H1),
                )];
            });
            generated(&pem(&[&l, &r.cert]), &r, Some("www.example.test"))
        }
        Code::ExtensionUnparsable => {
            // CRL distribution points (RFC 5280 4.2.1.13) must be a SEQUENCE; this one is a
            // NULL.
            let r = root("Root", EC);
            let l = leaf_under(&r, |p| {
                p.custom_extensions = vec![CustomExtension::from_oid_content(
                    &[2, 5, 29, 31],
                    vec![0x05, 0x00],
                )];
            });
            generated(&pem(&[&l, &r.cert]), &r, Some("www.example.test"))
        }
        Code::DatesRefusedByFirefox => {
            // A notBefore in 1969: Chrome reads it, mozilla::pkix takes no date before 1970.
            let r = root("Root", EC);
            let l = support::leaf(EC, &r);
            let der = support::with_signed_fields(
                l.der(),
                &r.key,
                support::dates_field(b"690101000000Z", b"300101000000Z"),
            );
            let input = format!("{}{}", pem_of("CERTIFICATE", &der), pem(&[&r.cert]));
            generated(&input, &r, Some("www.example.test"))
        }
        Code::CertificateFrameInvalid => {
            // The version written out as 1 (DER leaves the default out), with no
            // extensions: Chrome's verifier alone refuses it.
            let r = root("Root", EC);
            let l = support::leaf(EC, &r);
            let der = support::with_signed_fields(l.der(), &r.key, |f| {
                f[0] = vec![0xa0, 0x03, 0x02, 0x01, 0x00];
                f.pop();
            });
            let input = format!("{}{}", pem_of("CERTIFICATE", &der), pem(&[&r.cert]));
            generated(&input, &r, Some("www.example.test"))
        }
        Code::PathLenBeyondFirefox => {
            // An intermediate that allows 200 more below it: Firefox reads 0 to 127.
            let r = root("Root", EC);
            let p = params("Intermediate", IsCa::Ca(BasicConstraints::Constrained(200)));
            let i = sub_ca("Intermediate", EC, &r, Some(p));
            let l = support::leaf(EC, &i);
            generated(&pem(&[&l, &i.cert]), &r, Some("www.example.test"))
        }
        Code::SerialNotDer => {
            // A serial number with a leading 00 that says nothing.
            let r = root("Root", EC);
            let l = support::leaf(EC, &r);
            let der = support::with_signed_fields(l.der(), &r.key, |f| {
                f[1] = vec![0x02, 0x02, 0x00, 0x01];
            });
            let input = format!("{}{}", pem_of("CERTIFICATE", &der), pem(&[&r.cert]));
            generated(&input, &r, Some("www.example.test"))
        }
        Code::KeyEncoding => {
            // The site's elliptic curve point in compressed form.
            let r = root("Root", EC);
            let l = support::leaf(EC, &r);
            let der = support::with_signed_fields(l.der(), &r.key, |f| f[6] = compressed(&f[6]));
            let input = format!("{}{}", pem_of("CERTIFICATE", &der), pem(&[&r.cert]));
            generated(&input, &r, Some("www.example.test"))
        }
        Code::NameUndecodableToOpenSsl => {
            // An organisation written as a VisibleString, which X509_NAME does not take.
            let r = root("Root", EC);
            let l = support::leaf(EC, &r);
            let der = support::with_signed_fields(l.der(), &r.key, |f| {
                f[5] = support::name_of(&[(10, 0x1a, b"x")]);
            });
            let input = format!("{}{}", pem_of("CERTIFICATE", &der), pem(&[&r.cert]));
            generated(&input, &r, Some("www.example.test"))
        }
        Code::ChainTooLargeForHandshake | Code::TooLargeForFirefox => {
            // A site certificate of more than 65,536 bytes (Firefox's limit), or of more
            // than 102,400 (Chrome's for the whole message): many names.
            let names = if code == Code::TooLargeForFirefox {
                2_800
            } else {
                4_500
            };
            let r = root("Root", EC);
            let l = leaf_under(&r, |p| {
                p.subject_alt_names.extend(support::many_names(names))
            });
            generated(&pem(&[&l, &r.cert]), &r, Some("www.example.test"))
        }
    }
}

#[test]
fn every_code_is_produced_by_its_input() {
    let mut missing = Vec::new();
    for &code in Code::ALL {
        let outcome = produce(code);
        if !outcome.codes().contains(&code) {
            missing.push(format!("{code:?}: got {:?}", outcome.codes()));
        }
    }
    assert!(missing.is_empty(), "not produced:\n{}", missing.join("\n"));
}

// What each code means for the verdict, where a browser's rule fixes it.

#[test]
fn input_problems_are_said_without_a_verdict() {
    let prose = produce(Code::NoCertificate);
    assert_eq!(prose.certificates, 0);
    assert_eq!(prose.report.primary_error, None);
    let key = produce(Code::PrivateKeyPasted);
    assert_eq!(key.certificates, 0);
    // The certificate inside a bad or mislabelled block is not read.
    for code in [Code::PemLabelMismatch, Code::CertificateUnparsable] {
        assert_eq!(produce(code).certificates, 0, "{code:?}");
    }
    // Trailing bytes: the certificate itself is still read.
    assert_eq!(produce(Code::TrailingData).certificates, 1);
    assert_eq!(produce(Code::Pkcs7Bundle).certificates, 3);
}

#[test]
fn too_few_scts_names_the_count_and_what_the_policy_asks() {
    let outcome = produce(Code::TooFewScts);
    assert!(outcome.report.findings.iter().any(|f| f.kind
        == FindingKind::TooFewScts {
            embedded: 1,
            required: 3
        }));
    // Without any SCT the older finding speaks instead, once.
    let none = produce(Code::NoEmbeddedScts);
    assert!(!none.codes().contains(&Code::TooFewScts));
}

#[test]
fn an_sct_its_log_did_not_sign_counts_for_nothing() {
    let outcome = produce(Code::SctSignatureInvalid);
    assert!(outcome.report.findings.iter().any(|f| f.kind
        == FindingKind::SctSignatureInvalid {
            invalid: 1,
            embedded: 1
        }));
    assert_eq!(outcome.leaf_scts[0].signature, SctSignature::Invalid);
    // An SCT from a log the list does not know is not checked, and still counted.
    let unknown = produce(Code::TooFewScts);
    assert!(!unknown.codes().contains(&Code::SctSignatureInvalid));
    assert_eq!(unknown.leaf_scts[0].signature, SctSignature::UnknownLog);
    // Amazon's real chain: the SCTs from logs the list knows verify.
    let amazon = produce(Code::CtNotChecked);
    let scts = &amazon.leaf_scts;
    assert!(scts.iter().all(|s| s.signature
        == if s.log.is_some() {
            SctSignature::Valid
        } else {
            SctSignature::UnknownLog
        }));
    assert!(scts.iter().any(|s| s.signature == SctSignature::Valid));
    assert!(!amazon.codes().contains(&Code::SctSignatureInvalid));
}

/// The padlock page's worker answers before checking SCT signatures
/// (`Analysis::parse_inputs_deferring_checks`): the first answer takes them on trust, and
/// a second one corrects it when a log did not sign the certificate.
#[test]
fn an_sct_its_log_did_not_sign_is_corrected_after_the_first_answer() {
    use imasara::cert::session::{Judging, Request, Response, Session};
    let r = root("Root", EC);
    let l = leaf_under(&r, |p| {
        p.custom_extensions = vec![CustomExtension::from_oid_content(
            &[1, 3, 6, 1, 4, 1, 11129, 2, 4, 2],
            sct_list_of(ARGON_2026H1),
        )];
    });
    let input = pem(&[&l, &r.cert]);
    let judging = Judging {
        at: time("2026-06-01T00:00:00Z").0,
        host: Some("www.example.test".to_owned()),
        trusted: vec![1],
    };
    let mut session = Session::new();
    let first = session.handle(Request::Parse {
        id: 7,
        inputs: vec![input.into_bytes()],
        judging,
    });
    let Response::Parsed { input, report, .. } = first else {
        panic!("a parse answer: {first:?}")
    };
    let sct_invalid = |report: &imasara::cert::Report| {
        report
            .findings
            .iter()
            .any(|f| f.code() == Code::SctSignatureInvalid)
    };
    assert_eq!(input.certificates[0].scts[0].signature, SctSignature::Valid);
    assert!(!sct_invalid(&report));
    let Some(Response::Corrected { id, input, report }) = session.follow_up() else {
        panic!("a correction")
    };
    assert_eq!(id, 7);
    assert_eq!(
        input.certificates[0].scts[0].signature,
        SctSignature::Invalid
    );
    assert!(sct_invalid(&report));
    assert_eq!(session.follow_up(), None, "corrected once");
}

#[test]
fn the_removed_root_is_named_with_its_removal() {
    // Mozilla removed "DigiCert Global Root CA" from its TLS trust in 2026 (its root store
    // sunset of roots created before 2008); the chain is then unknown to Firefox's and
    // Chromium's root set: ERR_CERT_AUTHORITY_INVALID.
    let outcome = produce(Code::RootRemovedFromMozilla);
    assert_eq!(outcome.errors(), [E::AuthorityInvalid]);
    let root = outcome
        .report
        .findings
        .iter()
        .find_map(|w| match &w.kind {
            FindingKind::RootRemovedFromMozilla { root } => Some(root),
            _ => None,
        })
        .unwrap();
    assert_eq!(root.name, "DigiCert Global Root CA");
    assert!(root.removed.starts_with("2026-"), "{root:?}");
}

#[test]
fn link_faults_make_the_authority_invalid_or_the_certificate_invalid() {
    // Chromium (cert_verify_proc_builtin.cc, MapPathBuilderErrorsToCertStatus): a bad
    // signature or an issuer name that does not chain is an unknown authority; a CA rule
    // broken (basic constraints, key usage, path length) is ERR_CERT_INVALID.
    assert_eq!(
        produce(Code::SignatureInvalid).errors(),
        [E::AuthorityInvalid]
    );
    assert_eq!(produce(Code::NameMismatch).errors(), [E::AuthorityInvalid]);
    for code in [
        Code::IssuerNotCa,
        Code::PathLenExceeded,
        Code::IssuerCannotSign,
    ] {
        assert_eq!(
            produce(code).report.primary_error,
            Some(E::Invalid),
            "{code:?}"
        );
    }
    // A key identifier that differs is not an error by itself (RFC 5280 4.2.1.1: AKI is
    // an aid to finding the issuer): the signature decides.
    assert_eq!(produce(Code::KeyIdMismatch).errors(), [] as [E; 0]);
}

/// Firefox's name for what it would show, for the failures where it differs most from
/// Chromium's (mozilla::pkix's own results mapped in lib/mozpkix/include/pkix/Result.h,
/// `MOZILLA_PKIX_MAP_LIST`): the leaf's dates, an issuer's dates, a key too small.
#[test]
fn firefox_names_dates_and_small_keys() {
    use imasara::cert::FirefoxError as F;
    // The leaf past its notAfter, or before its notBefore, its issuers in date.
    assert_eq!(
        produce(Code::Expired).report.firefox_error,
        Some(F::ExpiredCertificate)
    );
    assert_eq!(
        produce(Code::NotYetValid).report.firefox_error,
        Some(F::NotYetValidCertificate)
    );
    // An intermediate that ran out on 2026-01-01, judged on 2026-06-01 with a leaf still
    // in date: mozilla::pkix checks issuers' dates in CheckIssuerIndependentProperties,
    // and names the issuer, where Chromium says ERR_CERT_DATE_INVALID for either.
    let root_ca = root("Firefox Test Root", EC);
    let mut short = params(
        "Short-lived Intermediate",
        IsCa::Ca(BasicConstraints::Unconstrained),
    );
    short.not_after = date_time_ymd(2026, 1, 1);
    let intermediate = sub_ca("Short-lived Intermediate", EC, &root_ca, Some(short));
    let site = support::leaf(EC, &intermediate);
    let outcome = generated(
        &pem(&[&site, &intermediate.cert]),
        &root_ca,
        Some("www.example.test"),
    );
    assert_eq!(outcome.errors(), [E::DateInvalid]);
    assert_eq!(
        outcome.report.firefox_error,
        Some(F::ExpiredIssuerCertificate)
    );
    // A 768-bit RSA leaf: below mozilla::pkix's minimum for any RSA key
    // (NSSCertDBTrustDomain's MIN_RSA_BITS_WEAK, 1024).
    assert_eq!(
        produce(Code::WeakKey).report.firefox_error,
        Some(F::InadequateKeySize)
    );
    // The site's own faults wait until a chain is found (`deferredEndEntityError` in
    // `BuildForward`, pkixbuild.cpp): a leaf for clients only is named under a trusted
    // root, but an unknown issuer outranks it; a leaf that is a CA the same way.
    let root_ca = root("Firefox Test Root", EC);
    let intermediate = sub_ca("Intermediate", EC, &root_ca, None);
    let for_clients = leaf_under(&intermediate, |p| {
        p.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth];
    });
    let a_ca = leaf_under(&intermediate, |p| {
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    });
    for (site, fault) in [
        (&for_clients, F::InadequateCertType),
        (&a_ca, F::CaCertUsedAsEndEntity),
    ] {
        let input = pem(&[site, &intermediate.cert]);
        let host = Some("www.example.test");
        let trusted = generated(&input, &root_ca, host);
        assert_eq!(trusted.report.firefox_error, Some(fault));
        let untrusted = generated_with(&input, Vec::new(), host);
        assert_eq!(untrusted.report.firefox_error, Some(F::UnknownIssuer));
    }
    // An issuer's faults come before its own issuer is looked for, its name constraints
    // first (`PathBuildingStep::Check`, before `BuildForward` of that issuer), then its
    // properties in `CheckIssuerIndependentProperties`'s order: basic constraints before
    // the dates.
    let mut constrained = params("Constrained", IsCa::Ca(BasicConstraints::Unconstrained));
    constrained.name_constraints = Some(rcgen::NameConstraints {
        permitted_subtrees: vec![rcgen::GeneralSubtree::DnsName("allowed.test".into())],
        excluded_subtrees: vec![],
    });
    let constrained = sub_ca("Constrained", EC, &root_ca, Some(constrained));
    let below = support::leaf(EC, &constrained);
    let untrusted = generated_with(
        &pem(&[&below, &constrained.cert]),
        Vec::new(),
        Some("www.example.test"),
    );
    assert_eq!(untrusted.report.firefox_error, Some(F::CertNotInNameSpace));
    let mut stale = params("Stale", IsCa::ExplicitNoCa);
    stale.not_after = date_time_ymd(2026, 1, 1);
    stale.key_usages = vec![rcgen::KeyUsagePurpose::KeyCertSign];
    let stale = sub_ca("Stale", EC, &root_ca, Some(stale));
    let below = support::leaf(EC, &stale);
    let outcome = generated(
        &pem(&[&below, &stale.cert]),
        &root_ca,
        Some("www.example.test"),
    );
    assert_eq!(outcome.report.firefox_error, Some(F::CaCertInvalid));
}

/// mozilla::pkix checks a signature only once the issuers above it have led to a trust
/// anchor (`VerifySignedData` after `BuildForward`, pkixbuild.cpp): a broken signature
/// under an issuer nobody trusts is an unknown issuer; under a trusted root, a bad
/// signature. PSM then names a self-signed site certificate as such
/// (`VerifySSLServerCert`, security/certverifier/CertVerifier.cpp), but only when its own
/// key verifies it.
#[test]
fn firefox_checks_a_signature_only_below_a_trust_anchor() {
    use imasara::cert::FirefoxError as F;
    let root_ca = root("Firefox Test Root", EC);
    let intermediate = sub_ca("Intermediate", EC, &root_ca, None);
    let site = support::leaf(EC, &intermediate);
    let broken = |der: &rcgen::Certificate| pem_of("CERTIFICATE", &support::flip_signature(der));
    let host = Some("www.example.test");
    let broken_leaf = [broken(&site), intermediate.cert.pem()].concat();
    let broken_intermediate = [site.pem(), broken(&intermediate.cert)].concat();
    let with_root = [site.pem(), broken(&intermediate.cert), root_ca.cert.pem()].concat();
    for (input, trusted, expected) in [
        (&broken_leaf, true, F::BadSignature),
        (&broken_leaf, false, F::UnknownIssuer),
        (&broken_intermediate, true, F::BadSignature),
        (&broken_intermediate, false, F::UnknownIssuer),
        (&with_root, false, F::UnknownIssuer),
    ] {
        let anchors = if trusted {
            anchor(&root_ca)
        } else {
            Vec::new()
        };
        let outcome = generated_with(input, anchors, host);
        assert_eq!(
            outcome.report.firefox_error,
            Some(expected),
            "trusted: {trusted}, {input}"
        );
        assert_eq!(outcome.errors(), [E::AuthorityInvalid]);
    }
    let key = KeyPair::generate_for(EC).unwrap();
    let self_made = params("www.example.test", IsCa::ExplicitNoCa)
        .self_signed(&key)
        .unwrap();
    let alone = generated_with(&self_made.pem(), Vec::new(), host);
    assert_eq!(alone.report.firefox_error, Some(F::SelfSignedCert));
    let own_key_fails = generated_with(&broken(&self_made), Vec::new(), host);
    assert_eq!(own_key_fails.report.firefox_error, Some(F::UnknownIssuer));
}

/// A site key whose keyUsage leaves out digitalSignature: Chrome ends the TLS 1.3 handshake
/// (BoringSSL's `ssl_cert_check_key_usage`, checked live in
/// tests/e2e/cert_handshake.spec.ts), Firefox takes keyEncipherment or keyAgreement for a
/// TLS server and refuses the rest once the chain is found (`BuildCertChainForOneKeyUsage`),
/// and PSM names a self-signed one as such.
#[test]
fn a_key_usage_without_digital_signature_ends_chromes_handshake() {
    use imasara::cert::FirefoxError as F;
    use rcgen::KeyUsagePurpose as U;
    let root_ca = root("Root", EC);
    let intermediate = sub_ca("Intermediate", EC, &root_ca, None);
    let host = Some("www.example.test");
    for (uses, firefox_trusted) in [
        (vec![U::KeyEncipherment], None),
        (vec![U::KeyAgreement], None),
        (vec![U::KeyCertSign], Some(F::InadequateKeyUsage)),
        (vec![U::ContentCommitment], Some(F::InadequateKeyUsage)),
    ] {
        let site = leaf_under(&intermediate, |p| p.key_usages = uses.clone());
        let input = pem(&[&site, &intermediate.cert]);
        let trusted = generated(&input, &root_ca, host);
        assert_eq!(trusted.errors(), [E::KeyUsageIncompatible], "{uses:?}");
        assert_eq!(trusted.report.primary_error, Some(E::KeyUsageIncompatible));
        assert!(trusted.codes().contains(&Code::LeafKeyUsageNotForSigning));
        assert_eq!(trusted.report.firefox_error, firefox_trusted, "{uses:?}");
        // The handshake ends before any certificate check: no certificate error beside it.
        let untrusted = generated_with(&input, Vec::new(), host);
        assert_eq!(untrusted.errors(), [E::KeyUsageIncompatible]);
        assert_eq!(untrusted.report.firefox_error, Some(F::UnknownIssuer));
    }
    // keyAgreement alone (of the three): Firefox's third try turns every later fault of
    // the site's own certificate into INADEQUATE_KEY_USAGE, its dates included.
    let for_key_agreement = |change: &dyn Fn(&mut CertificateParams)| {
        let site = leaf_under(&intermediate, |p| {
            p.key_usages = vec![U::KeyAgreement];
            change(p);
        });
        generated(&pem(&[&site, &intermediate.cert]), &root_ca, host)
            .report
            .firefox_error
    };
    assert_eq!(
        for_key_agreement(&|p| p.not_after = date_time_ymd(2026, 1, 1)),
        Some(F::InadequateKeyUsage)
    );
    assert_eq!(
        for_key_agreement(&|p| {
            p.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth];
        }),
        Some(F::InadequateKeyUsage)
    );
    assert_eq!(for_key_agreement(&|_| {}), None);
    // An authority pasted as a site: its keyUsage is read the same way.
    let alone = generated(&intermediate.cert.pem(), &root_ca, host);
    assert_eq!(alone.report.primary_error, Some(E::KeyUsageIncompatible));
    assert_eq!(alone.report.firefox_error, Some(F::InadequateKeyUsage));
    let with_signing = leaf_under(&intermediate, |p| {
        p.key_usages = vec![U::DigitalSignature, U::KeyEncipherment];
    });
    let fine = generated(&pem(&[&with_signing, &intermediate.cert]), &root_ca, host);
    assert_eq!(fine.errors(), []);
    assert_eq!(fine.report.firefox_error, None);
    // Self-signed for keyCertSign alone: mozilla::pkix finds no issuer, PSM says
    // self-signed.
    let key = KeyPair::generate_for(EC).unwrap();
    let mut p = params("www.example.test", IsCa::ExplicitNoCa);
    p.key_usages = vec![U::KeyCertSign];
    let self_made = p.self_signed(&key).unwrap();
    let alone = generated_with(&self_made.pem(), Vec::new(), host);
    assert_eq!(alone.report.firefox_error, Some(F::SelfSignedCert));
    assert_eq!(alone.report.primary_error, Some(E::KeyUsageIncompatible));
}

/// `p`'s keyUsage written as `bit_string` (the extension's value, as it is).
fn with_raw_key_usage(p: &mut CertificateParams, bit_string: &[u8], critical: bool) {
    p.key_usages = vec![];
    let mut key_usage =
        rcgen::CustomExtension::from_oid_content(&[2, 5, 29, 15], bit_string.to_vec());
    key_usage.set_criticality(critical);
    p.custom_extensions.push(key_usage);
}

#[test]
fn a_key_usage_the_browsers_cannot_read_ends_chromes_handshake() {
    use imasara::cert::FirefoxError as F;
    let root_ca = root("Root", EC);
    let intermediate = sub_ca("Intermediate", EC, &root_ca, None);
    let host = Some("www.example.test");
    // Not DER (BoringSSL's `ssl_cert_check_key_usage`, mozilla::pkix's `CheckKeyUsage`):
    // an OCTET STRING, a byte after the BIT STRING, 8 unused bits, 7 unused bits and no
    // octet to hold them, an unused bit set, a length in the long form where the short one
    // fits, no content at all.
    let unreadable: [&[u8]; 7] = [
        &[0x04, 0x01, 0x80],
        &[0x03, 0x02, 0x07, 0x80, 0x00],
        &[0x03, 0x02, 0x08, 0x80],
        &[0x03, 0x01, 0x07],
        &[0x03, 0x02, 0x07, 0x81],
        &[0x03, 0x81, 0x02, 0x07, 0x80],
        &[0x03, 0x00],
    ];
    for bytes in unreadable {
        for critical in [true, false] {
            let site = leaf_under(&intermediate, |p| with_raw_key_usage(p, bytes, critical));
            let input = pem(&[&site, &intermediate.cert]);
            let trusted = generated(&input, &root_ca, host);
            let case = format!("{bytes:02x?}, critical {critical}");
            assert_eq!(trusted.errors(), [E::SslProtocolError], "{case}");
            assert!(
                trusted.codes().contains(&Code::LeafKeyUsageUnreadable),
                "{case}"
            );
            // Read by the browsers' own rule, never as a critical extension no one knows.
            assert!(
                !trusted
                    .codes()
                    .contains(&Code::UnsupportedCriticalExtension),
                "{case}"
            );
            assert_eq!(
                trusted.report.firefox_error,
                Some(F::InadequateKeyUsage),
                "{case}"
            );
            let untrusted = generated_with(&input, Vec::new(), host);
            assert_eq!(untrusted.errors(), [E::SslProtocolError], "{case}");
            assert_eq!(
                untrusted.report.firefox_error,
                Some(F::UnknownIssuer),
                "{case}"
            );
        }
    }
    // Written as DER: digitalSignature alone is fine; a BIT STRING with no bit set is read,
    // and names no use.
    let site = leaf_under(&intermediate, |p| {
        with_raw_key_usage(p, &[0x03, 0x02, 0x07, 0x80], true)
    });
    let fine = generated(&pem(&[&site, &intermediate.cert]), &root_ca, host);
    assert_eq!(fine.errors(), []);
    assert_eq!(fine.report.firefox_error, None);
    let site = leaf_under(&intermediate, |p| {
        with_raw_key_usage(p, &[0x03, 0x01, 0x00], true)
    });
    let empty = generated(&pem(&[&site, &intermediate.cert]), &root_ca, host);
    assert_eq!(empty.errors(), [E::KeyUsageIncompatible]);
    assert_eq!(empty.report.firefox_error, Some(F::InadequateKeyUsage));
    // An authority's keyUsage that is not DER or names no use: Chrome's verifier cannot
    // parse that certificate and leaves it out (no issuer for the site's); Firefox allows
    // its key no use. One that is read and lacks keyCertSign is a CA rule broken.
    for (bytes, chrome) in [
        (&[0x03, 0x02, 0x08, 0x04][..], E::AuthorityInvalid),
        (&[0x03, 0x02, 0x01, 0x06, 0x00], E::AuthorityInvalid),
        (&[0x03, 0x01, 0x00], E::AuthorityInvalid),
        (&[0x03, 0x02, 0x07, 0x80], E::Invalid),
    ] {
        let mut p = params("Intermediate", IsCa::Ca(BasicConstraints::Unconstrained));
        with_raw_key_usage(&mut p, bytes, true);
        let authority = sub_ca("Intermediate", EC, &root_ca, Some(p));
        let site = leaf_under(&authority, |_| {});
        let judged = generated(&pem(&[&site, &authority.cert]), &root_ca, host);
        let case = format!("{bytes:02x?}");
        assert_eq!(judged.errors(), [chrome], "{case}");
        assert!(judged.codes().contains(&Code::IssuerCannotSign), "{case}");
        assert_eq!(
            judged.report.firefox_error,
            Some(F::InadequateKeyUsage),
            "{case}"
        );
    }
}

/// The standard fields of `p` that write the extension `oid` left out, so that a custom
/// one takes their place.
fn without_extension(p: &mut CertificateParams, oid: &[u64]) {
    match oid {
        [2, 5, 29, 19] => p.is_ca = IsCa::NoCa,
        [2, 5, 29, 37] => p.extended_key_usages = Vec::new(),
        [2, 5, 29, 17] => p.subject_alt_names = Vec::new(),
        [2, 5, 29, 35] => p.use_authority_key_identifier_extension = false,
        _ => {}
    }
}

/// An extension whose value does not decode: a NULL, or nothing, where RFC 5280 gives it a
/// type. Chrome's verifier cannot read a certificate with one of those it parses
/// (`ParsedCertificate::Create`): the site's is refused before anything else, an
/// authority's left out; Firefox refuses the site's certificate with an empty value of one
/// it keeps at once, leaves out an authority's (no issuer), and trips over
/// basicConstraints, extKeyUsage, an authority's nameConstraints and the site's names and
/// SCTs when it reads them (`UnparsableExtension`, src/cert/fields.rs). Critical or not,
/// none is taken for a critical extension no one knows. OpenSSL's answers are compared
/// with the real openssl in tests/cert_openssl_clients.rs.
#[test]
fn an_extension_that_does_not_decode_is_refused_by_those_who_read_it() {
    use imasara::cert::FirefoxError as F;
    let root_ca = root("Root", EC);
    let intermediate = sub_ca("Intermediate", EC, &root_ca, None);
    let host = Some("www.example.test");
    // (name, OID, Chrome reads it, Firefox keeps it, Firefox on the site for a NULL, on an
    // authority for a NULL)
    type Case = (
        &'static str,
        &'static [u64],
        bool,
        bool,
        Option<F>,
        Option<F>,
    );
    let cases: [Case; 13] = [
        (
            "basicConstraints",
            &[2, 5, 29, 19],
            true,
            true,
            Some(F::ExtensionValueInvalid),
            Some(F::ExtensionValueInvalid),
        ),
        (
            "extKeyUsage",
            &[2, 5, 29, 37],
            true,
            true,
            Some(F::InadequateCertType),
            Some(F::InadequateCertType),
        ),
        (
            "subjectAltName",
            &[2, 5, 29, 17],
            true,
            true,
            Some(F::BadCertDomain),
            None,
        ),
        (
            "nameConstraints",
            &[2, 5, 29, 30],
            true,
            true,
            None,
            Some(F::BadDer),
        ),
        (
            "certificatePolicies",
            &[2, 5, 29, 32],
            true,
            true,
            None,
            None,
        ),
        ("policyMappings", &[2, 5, 29, 33], true, false, None, None),
        ("policyConstraints", &[2, 5, 29, 36], true, true, None, None),
        ("inhibitAnyPolicy", &[2, 5, 29, 54], true, true, None, None),
        (
            "authorityInfoAccess",
            &[1, 3, 6, 1, 5, 5, 7, 1, 1],
            true,
            true,
            None,
            None,
        ),
        (
            "authorityKeyIdentifier",
            &[2, 5, 29, 35],
            true,
            false,
            None,
            None,
        ),
        (
            "cRLDistributionPoints",
            &[2, 5, 29, 31],
            false,
            false,
            None,
            None,
        ),
        ("issuerAltName", &[2, 5, 29, 18], false, false, None, None),
        (
            "SCT list",
            &[1, 3, 6, 1, 4, 1, 11129, 2, 4, 2],
            false,
            true,
            Some(F::BadDer),
            None,
        ),
    ];
    for (name, oid, chrome, kept, site_null, authority_null) in cases {
        for (value, critical) in [
            (&[0x05, 0x00][..], false),
            (&[], false),
            (&[0x05, 0x00], true),
        ] {
            // Marked critical: only those every client handles so (others are critical
            // extensions some client does not know, whether they decode or not).
            let handled_when_critical = [
                "basicConstraints",
                "extKeyUsage",
                "subjectAltName",
                "nameConstraints",
                "certificatePolicies",
                "policyConstraints",
                "inhibitAnyPolicy",
            ];
            if critical && !handled_when_critical.contains(&name) {
                continue;
            }
            let case = format!("{name} {value:02x?}, critical {critical}");
            let custom = || {
                let mut e = CustomExtension::from_oid_content(oid, value.to_vec());
                e.set_criticality(critical);
                vec![e]
            };
            let empty = kept && value.is_empty();

            // The site's certificate.
            let site = leaf_under(&intermediate, |p| {
                without_extension(p, oid);
                p.custom_extensions = custom();
            });
            let judged = generated(&pem(&[&site, &intermediate.cert]), &root_ca, host);
            if chrome {
                // The one error Chrome names, whatever else is wrong.
                assert_eq!(judged.errors(), [E::Invalid], "{case}");
                let untrusted =
                    generated_with(&pem(&[&site, &intermediate.cert]), Vec::new(), host);
                assert_eq!(untrusted.errors(), [E::Invalid], "{case}, untrusted");
            } else {
                assert_eq!(judged.errors(), [], "{case}");
            }
            assert!(
                judged.codes().contains(&Code::ExtensionUnparsable),
                "{case}"
            );
            assert!(
                !judged.codes().contains(&Code::UnsupportedCriticalExtension),
                "{case}"
            );
            assert_eq!(
                judged.report.firefox_error,
                if empty {
                    Some(F::ExtensionValueInvalid)
                } else {
                    site_null
                },
                "{case}"
            );

            // An authority's.
            let mut p = params("Intermediate", IsCa::Ca(BasicConstraints::Unconstrained));
            without_extension(&mut p, oid);
            p.custom_extensions = custom();
            let authority = sub_ca("Intermediate", EC, &root_ca, Some(p));
            let site = leaf_under(&authority, |_| {});
            let judged = generated(&pem(&[&site, &authority.cert]), &root_ca, host);
            let expected: &[E] = if chrome { &[E::AuthorityInvalid] } else { &[] };
            assert_eq!(judged.errors(), expected, "{case}, an authority's");
            // PSM leaves out a served certificate `BackCert::Init` refuses: no issuer.
            assert_eq!(
                judged.report.firefox_error,
                if empty {
                    Some(F::UnknownIssuer)
                } else {
                    authority_null
                },
                "{case}, an authority's"
            );
        }
    }
}

/// An extension x509-parser decodes, but Chrome's stricter parsers (BoringSSL's `pki/`,
/// `chrome_der` in src/cert) cannot read: Chrome refuses the site's certificate, leaves an
/// authority's out; Firefox refuses where mozilla::pkix reads the extension, OpenSSL reads
/// them all (compared with the real openssl in tests/cert_openssl_clients.rs). And the
/// other way: an accessLocation that is not a URI, which x509-parser cannot decode, Chrome
/// reads and skips.
#[test]
fn an_extension_chromes_stricter_parsers_refuse_is_refused_where_it_is_read() {
    use imasara::cert::findings::ChromeRule as R;
    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let length = u8::try_from(content.len()).unwrap();
        assert!(length < 0x80);
        [&[tag, length][..], content].concat()
    }
    let seq = |parts: &[&[u8]]| tlv(0x30, &parts.concat());
    let dns = |name: &str| tlv(0x82, name.as_bytes());
    let oid = |content: &[u8]| tlv(0x06, content);
    let policy = oid(&[0x67, 0x81, 0x0c, 0x01, 0x02, 0x01]);
    let server_auth = oid(&[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01]);
    let ocsp = oid(&[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01]);
    let root_ca = root("Root", EC);
    let intermediate = sub_ca("Intermediate", EC, &root_ca, None);
    let host = Some("www.example.test");
    let strict_of = |judged: &Outcome| -> Vec<(Option<R>, Refusers)> {
        judged
            .report
            .findings
            .iter()
            .filter_map(|f| match f.kind {
                FindingKind::ExtensionUnparsable {
                    strict, refused_by, ..
                } => Some((strict, refused_by)),
                _ => None,
            })
            .collect()
    };
    use imasara::cert::FirefoxError as F;
    let chrome_alone = Refusers {
        chrome: true,
        ..Refusers::default()
    };
    // mozilla::pkix reads basicConstraints, extKeyUsage and an issuer's nameConstraints as
    // strictly as Chrome (and not certificatePolicies, policyConstraints, inhibitAnyPolicy
    // for a site verified for its domain; the site's names only until one matches).
    let chrome_and_firefox = Refusers {
        firefox: true,
        ..chrome_alone
    };

    // The site's certificate: (what, OID, value, Chrome's rule, Firefox's error).
    type Case<'a> = (&'a str, &'a [u64], Vec<u8>, R, Option<F>);
    let site_cases: Vec<Case<'_>> = vec![
        (
            "an IP address of 3 bytes",
            &[2, 5, 29, 17],
            seq(&[&dns("www.example.test"), &tlv(0x87, &[127, 0, 1])]),
            R::IpAddress,
            None,
        ),
        (
            "a DNS name in UTF-8",
            &[2, 5, 29, 17],
            seq(&[&dns("www.example.test"), &dns("bü.example.test")]),
            R::NameNotAscii,
            None,
        ),
        (
            "bytes after extKeyUsage",
            &[2, 5, 29, 37],
            [seq(&[&server_auth]), vec![0x05, 0x00]].concat(),
            R::Trailing,
            Some(F::InadequateCertType),
        ),
        (
            "a policy twice",
            &[2, 5, 29, 32],
            seq(&[&seq(&[&policy]), &seq(&[&policy])]),
            R::DuplicatePolicy,
            None,
        ),
        (
            "requireExplicitPolicy 256",
            &[2, 5, 29, 36],
            seq(&[&tlv(0x80, &[0x01, 0x00])]),
            R::OutOfRange,
            None,
        ),
        (
            "inhibitAnyPolicy 256",
            &[2, 5, 29, 54],
            tlv(0x02, &[0x01, 0x00]),
            R::OutOfRange,
            None,
        ),
    ];
    for (what, oid, value, rule, firefox) in site_cases {
        let site = leaf_under(&intermediate, |p| {
            without_extension(p, oid);
            p.custom_extensions = vec![CustomExtension::from_oid_content(oid, value)];
        });
        let judged = generated(&pem(&[&site, &intermediate.cert]), &root_ca, host);
        assert_eq!(judged.errors(), [E::Invalid], "{what}");
        let refused_by = if firefox.is_some() {
            chrome_and_firefox
        } else {
            chrome_alone
        };
        assert_eq!(strict_of(&judged), [(Some(rule), refused_by)], "{what}");
        assert_eq!(judged.report.firefox_error, firefox, "{what}");
    }

    // An authority's: left out by Chrome, so no issuer for the site's certificate.
    let authority_cases: Vec<Case<'_>> = vec![
        (
            "cA written as 01",
            &[2, 5, 29, 19],
            seq(&[&tlv(0x01, &[0x01])]),
            R::NotDer,
            Some(F::ExtensionValueInvalid),
        ),
        (
            "a name constraint with its minimum written out",
            &[2, 5, 29, 30],
            seq(&[&tlv(0xa0, &seq(&[&dns("example.test"), &tlv(0x80, &[0])]))]),
            R::SubtreeBounds,
            Some(F::BadDer),
        ),
        (
            "name constraints with no subtrees",
            &[2, 5, 29, 30],
            seq(&[]),
            R::Empty,
            Some(F::BadDer),
        ),
    ];
    for (what, oid, value, rule, firefox) in authority_cases {
        let mut p = params("Intermediate", IsCa::Ca(BasicConstraints::Unconstrained));
        let mut custom = vec![CustomExtension::from_oid_content(oid, value)];
        if oid == [2, 5, 29, 19] {
            custom[0].set_criticality(true);
        }
        without_extension(&mut p, oid);
        p.custom_extensions = custom;
        let authority = sub_ca("Intermediate", EC, &root_ca, Some(p));
        let site = leaf_under(&authority, |_| {});
        let judged = generated(&pem(&[&site, &authority.cert]), &root_ca, host);
        assert_eq!(judged.errors(), [E::AuthorityInvalid], "{what}");
        assert_eq!(
            strict_of(&judged),
            [(Some(rule), chrome_and_firefox)],
            "{what}"
        );
        assert_eq!(judged.report.firefox_error, firefox, "{what}");
    }

    // An extension written twice: Chrome refuses any (`ParseExtensions`), Firefox one it
    // keeps (`RememberExtension`), OpenSSL one it caches (compared with the real openssl in
    // tests/cert_openssl_clients.rs).
    let all_three = Refusers {
        openssl: true,
        ..chrome_and_firefox
    };
    let name = seq(&[&dns("www.example.test")]);
    let constraints = seq(&[&tlv(0x80, &[0x00])]);
    type Twice<'a> = (&'a str, &'a [u64], &'a [u8], Refusers, Option<F>);
    let twice: [Twice<'_>; 2] = [
        (
            "subjectAltName",
            &[2, 5, 29, 17],
            &name,
            all_three,
            Some(F::ExtensionValueInvalid),
        ),
        (
            "policyConstraints",
            &[2, 5, 29, 36],
            &constraints,
            chrome_alone,
            None,
        ),
    ];
    for (what, oid, value, refused_by, firefox) in twice {
        let site = leaf_under(&intermediate, |p| {
            without_extension(p, oid);
            p.custom_extensions = vec![
                CustomExtension::from_oid_content(oid, value.to_vec()),
                CustomExtension::from_oid_content(oid, value.to_vec()),
            ];
        });
        let judged = generated(&pem(&[&site, &intermediate.cert]), &root_ca, host);
        assert_eq!(judged.errors(), [E::Invalid], "{what} twice");
        assert_eq!(
            strict_of(&judged),
            [(Some(R::DuplicateExtension), refused_by)],
            "{what} twice"
        );
        assert_eq!(judged.report.firefox_error, firefox, "{what} twice");
    }
    // An authority's basicConstraints twice: left out by Chrome and by Firefox (PSM offers
    // no issuer `BackCert::Init` refuses), invalid to OpenSSL.
    let mut p = params("Intermediate", IsCa::Ca(BasicConstraints::Unconstrained));
    p.custom_extensions = vec![CustomExtension::from_oid_content(
        &[2, 5, 29, 19],
        seq(&[&tlv(0x01, &[0xff])]),
    )];
    let authority = sub_ca("Intermediate", EC, &root_ca, Some(p));
    let site = leaf_under(&authority, |_| {});
    let judged = generated(&pem(&[&site, &authority.cert]), &root_ca, host);
    assert_eq!(
        judged.errors(),
        [E::AuthorityInvalid],
        "basicConstraints twice"
    );
    assert_eq!(
        strict_of(&judged),
        [(Some(R::DuplicateExtension), all_three)]
    );
    assert_eq!(judged.report.firefox_error, Some(F::UnknownIssuer));

    // The critical flag written out: FALSE (DER leaves a default out) only Chrome refuses;
    // 01 for TRUE Firefox too, as it reads the certificate (`BackCert::Init`).
    let policy_constraints = [0x06, 0x03, 0x55, 0x1d, 0x24];
    for (flag, rule, refused_by, firefox) in [
        (0x00, R::CriticalFlag, chrome_alone, None),
        (0x01, R::NotDer, chrome_and_firefox, Some(F::BadDer)),
    ] {
        let site = leaf_under(&intermediate, |p| {
            p.custom_extensions = vec![CustomExtension::from_oid_content(
                &[2, 5, 29, 36],
                constraints.clone(),
            )];
        });
        let der = with_extension(site.der(), &intermediate.key, &policy_constraints, |e| {
            let (oid, value) = e[2..].split_at(policy_constraints.len());
            seq(&[oid, &tlv(0x01, &[flag]), value])
        });
        let input = [pem_of("CERTIFICATE", &der), intermediate.cert.pem()].concat();
        let judged = generated(&input, &root_ca, host);
        let what = format!("critical flag {flag:02x}");
        assert_eq!(judged.errors(), [E::Invalid], "{what}");
        assert_eq!(strict_of(&judged), [(Some(rule), refused_by)], "{what}");
        assert_eq!(judged.report.firefox_error, firefox, "{what}");
    }

    // mozilla::pkix reads the extensions in order and stops at the first it cannot take:
    // a critical flag written 01 before, or after, a critical extension it does not know.
    for (flag_first, firefox) in [(true, F::BadDer), (false, F::UnknownCriticalExtension)] {
        let site = leaf_under(&intermediate, |p| {
            let mut unknown = CustomExtension::from_oid_content(&[1, 2, 3, 4], vec![0x05, 0x00]);
            unknown.set_criticality(true);
            let constraints =
                CustomExtension::from_oid_content(&[2, 5, 29, 36], constraints.clone());
            p.custom_extensions = if flag_first {
                vec![constraints, unknown]
            } else {
                vec![unknown, constraints]
            };
        });
        let der = with_extension(site.der(), &intermediate.key, &policy_constraints, |e| {
            let (oid, value) = e[2..].split_at(policy_constraints.len());
            seq(&[oid, &tlv(0x01, &[0x01]), value])
        });
        let input = [pem_of("CERTIFICATE", &der), intermediate.cert.pem()].concat();
        let judged = generated(&input, &root_ca, host);
        assert_eq!(
            judged.report.firefox_error,
            Some(firefox),
            "the flag first: {flag_first}"
        );
    }
    // Within one extension, its frame comes first: a critical extension it does not know,
    // its flag written 01.
    let unknown_oid = [0x06, 0x03, 0x2a, 0x03, 0x04];
    let site = leaf_under(&intermediate, |p| {
        let mut unknown = CustomExtension::from_oid_content(&[1, 2, 3, 4], vec![0x05, 0x00]);
        unknown.set_criticality(true);
        p.custom_extensions = vec![unknown];
    });
    let der = with_extension(site.der(), &intermediate.key, &unknown_oid, |e| {
        // OID, the flag (01 01 ff), the value: the flag rewritten.
        let (oid, rest) = e[2..].split_at(unknown_oid.len());
        seq(&[oid, &tlv(0x01, &[0x01]), &rest[3..]])
    });
    let input = [pem_of("CERTIFICATE", &der), intermediate.cert.pem()].concat();
    let judged = generated(&input, &root_ca, host);
    assert_eq!(judged.report.firefox_error, Some(F::BadDer));
    assert_eq!(judged.errors(), [E::Invalid]);

    // Two faults of one extension make one finding: a second subjectAltName whose critical
    // flag is written out as FALSE is Chrome's for its flag, Firefox's and OpenSSL's for
    // being a second copy.
    let san_oid = [0x06, 0x03, 0x55, 0x1d, 0x11];
    let site = leaf_under(&intermediate, |p| {
        p.custom_extensions = vec![CustomExtension::from_oid_content(
            &[2, 5, 29, 17],
            name.clone(),
        )];
    });
    let der = with_extension(site.der(), &intermediate.key, &san_oid, |e| {
        let (oid, value) = e[2..].split_at(san_oid.len());
        if value == [&[0x04, u8::try_from(name.len()).unwrap()][..], &name].concat() {
            // The custom copy (the standard one names two hosts).
            seq(&[oid, &tlv(0x01, &[0x00]), value])
        } else {
            e.to_vec()
        }
    });
    let input = [pem_of("CERTIFICATE", &der), intermediate.cert.pem()].concat();
    let judged = generated(&input, &root_ca, host);
    assert_eq!(judged.errors(), [E::Invalid]);
    assert_eq!(strict_of(&judged), [(Some(R::CriticalFlag), all_three)]);
    assert_eq!(judged.report.firefox_error, Some(F::ExtensionValueInvalid));

    // An OCSP location written as an IA5String rather than a URI ([6]): x509-parser cannot
    // decode it, Chrome skips a location that is not a URI (`ParseAuthorityInfoAccessURIs`).
    let aia = seq(&[&seq(&[&ocsp, &tlv(0x16, b"http://ocsp.example.test")])]);
    let site = leaf_under(&intermediate, |p| {
        p.custom_extensions = vec![CustomExtension::from_oid_content(
            &[1, 3, 6, 1, 5, 5, 7, 1, 1],
            aia,
        )];
    });
    let judged = generated(&pem(&[&site, &intermediate.cert]), &root_ca, host);
    assert_eq!(judged.errors(), [], "an IA5String accessLocation");
    assert_eq!(strict_of(&judged), [(None, Refusers::default())]);
}

#[test]
fn dates_weak_keys_and_names() {
    assert_eq!(produce(Code::Expired).errors(), [E::DateInvalid]);
    assert_eq!(produce(Code::NotYetValid).errors(), [E::DateInvalid]);
    // An anchor has no dates (Chromium's trust store holds names and keys).
    assert_eq!(
        produce(Code::AnchorCertificateOutOfDate).errors(),
        [] as [E; 0]
    );
    assert!(produce(Code::WeakKey).errors().contains(&E::WeakKey));
    // An authority's Ed25519 key on a trusted path: not read by either browser's verifier.
    let ed25519_ca = produce(Code::AuthorityKeyRefused);
    assert_eq!(ed25519_ca.errors(), [E::Invalid]);
    assert_eq!(
        ed25519_ca.report.firefox_error,
        Some(imasara::cert::FirefoxError::UnsupportedKeyalg)
    );
    // A curve written out on the site's own key: the handshake fails first.
    assert_eq!(produce(Code::ExplicitCurve).errors(), [E::SslProtocolError]);
    // A site key no browser takes a TLS signature from (Ed25519): the handshake fails
    // after the ClientHello, in both browsers; ECDSA on P-521 only in Chrome.
    let ed25519 = produce(Code::LeafKeyNotNegotiable);
    assert_eq!(
        ed25519.report.primary_error,
        Some(E::VersionOrCipherMismatch)
    );
    assert_eq!(
        ed25519.report.firefox_error,
        Some(imasara::cert::FirefoxError::NoCypherOverlap)
    );
    let p521 = at_real(
        &fixture("x509-parser-assets/p521-selfsigned.der"),
        "2026-06-01T00:00:00Z",
        None,
    );
    assert_eq!(p521.report.primary_error, Some(E::VersionOrCipherMismatch));
    assert!(p521.codes().contains(&Code::LeafKeyNotNegotiable));
    assert_ne!(
        p521.report.firefox_error,
        Some(imasara::cert::FirefoxError::NoCypherOverlap)
    );
    // Too long a life for a public certificate (1187 days, issued in 2017) as Chromium
    // checks it today: ERR_CERT_VALIDITY_TOO_LONG alone.
    assert_eq!(
        produce(Code::ValidityTooLong).errors(),
        [E::ValidityTooLong]
    );
    // Chromium refuses the wildcard: the name does not match.
    assert_eq!(
        produce(Code::WildcardUnderPublicSuffix).errors(),
        [E::CommonNameInvalid]
    );
    assert_eq!(produce(Code::HostMismatch).errors(), [E::CommonNameInvalid]);
    assert_eq!(
        produce(Code::HostMatchesOnlyCommonName).errors(),
        [E::CommonNameInvalid]
    );
    assert_eq!(produce(Code::HostInvalid).errors(), [E::CommonNameInvalid]);
    assert_eq!(produce(Code::HostInternationalised).errors(), [] as [E; 0]);
    assert_eq!(
        produce(Code::NoSubjectAltName).errors(),
        [E::CommonNameInvalid]
    );
    // Nothing to match against: no verdict on the name, and the rest still holds.
    assert_eq!(produce(Code::HostNotChecked).errors(), [] as [E; 0]);
}

#[test]
fn background_findings_do_not_change_the_verdict() {
    for code in [
        Code::ReverseOrder,
        Code::OutOfOrder,
        Code::DuplicateCertificate,
        Code::UnrelatedCertificate,
        Code::CrossSignedAlternative,
        Code::TrustedByCustomAnchor,
        Code::RevocationNotChecked,
        Code::CtNotChecked,
    ] {
        assert_eq!(produce(code).errors(), [] as [E; 0], "{code:?}");
    }
}

#[test]
fn signature_work_is_bounded_and_what_was_left_is_said() {
    // 300 roots of one name: 4,800 candidate checks asked for, at most
    // MAX_SIGNATURE_WORK / 2 done (P-256 weighs 2); the rest are counted and said.
    let input = same_named_roots(300);
    let analysis = Analysis::parse(input.as_bytes());
    let unchecked = analysis
        .input_findings()
        .iter()
        .find_map(|f| match f.kind {
            FindingKind::SignatureWorkCapped { unchecked } => Some(unchecked),
            _ => None,
        })
        .expect("the cap is reported");
    let asked = 300 * 16 + 300; // candidate issuers, then each one's own signature
    let done = asked - unchecked;
    assert!(
        done <= (MAX_SIGNATURE_WORK / 2) as usize,
        "{done} checks done"
    );
    assert!(
        done >= (MAX_SIGNATURE_WORK / 2) as usize - 16,
        "{done} checks done"
    );
    // A link left unchecked is never counted as verified, and says why.
    let report = analysis.judge(&Options::at(time("2026-06-01T00:00:00Z")));
    for f in &report.findings {
        if let FindingKind::SignatureUnsupported { why, .. } = f.kind {
            assert_eq!(why, Unchecked::WorkOverLimit);
        }
    }
    // An honest input stays far below the cap: Debian's whole bundle of roots.
    let bundle = std::fs::read("/etc/ssl/certs/ca-certificates.crt").unwrap();
    let debian = Analysis::parse(&bundle);
    assert!(debian.certificates().len() > 100);
    assert!(
        !debian
            .input_findings()
            .iter()
            .any(|f| f.code() == Code::SignatureWorkCapped)
    );
}

#[test]
fn a_larger_rsa_key_than_checked_here_is_not_a_verdict() {
    // tests/fixtures/cert/openssl/rsa-9216-root.pem: a self-signed root with a 9216-bit
    // key. Chromium would check it (it allows up to 16384 bits); this engine stops at
    // 8192 (webpki's limit) and says the signature was not checked, never "invalid".
    let analysis = Analysis::parse(&fixture("openssl/rsa-9216-root.pem"));
    assert_eq!(analysis.certificates()[0].public_key.bits, Some(9216));
    assert!(!analysis.certificates()[0].self_signed);
    let report = analysis.judge(&Options::at(time(AMAZON_AT)));
    let over: Vec<_> = report
        .findings
        .iter()
        .filter_map(|f| match &f.kind {
            FindingKind::SignatureUnsupported { why, .. } => Some(*why),
            _ => None,
        })
        .collect();
    assert_eq!(over, [Unchecked::RsaKeyOverLimit { bits: 9216 }]);
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.code() == Code::SignatureInvalid)
    );
}

/// An authorityInformationAccess extension (RFC 5280 4.2.2.1) naming one OCSP responder:
/// SEQUENCE { SEQUENCE { id-ad-ocsp, [6] uniformResourceIdentifier } }.
fn ocsp_address(url: &str) -> CustomExtension {
    let oid = [0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01];
    let mut name = vec![0x86, u8::try_from(url.len()).unwrap()];
    name.extend_from_slice(url.as_bytes());
    let mut description = vec![0x30, u8::try_from(oid.len() + name.len()).unwrap()];
    description.extend_from_slice(&oid);
    description.extend_from_slice(&name);
    let mut content = vec![0x30, u8::try_from(description.len()).unwrap()];
    content.extend_from_slice(&description);
    CustomExtension::from_oid_content(&[1, 3, 6, 1, 5, 5, 7, 1, 1], content)
}

/// The same with the policy for organisation validation, 2.23.140.1.2.2.
fn ov_policy() -> CustomExtension {
    let content = vec![
        0x30, 0x0a, 0x30, 0x08, 0x06, 0x06, 0x67, 0x81, 0x0c, 0x01, 0x02, 0x02,
    ];
    CustomExtension::from_oid_content(&[2, 5, 29, 32], content)
}

/// A certificatePolicies extension (RFC 5280 4.2.1.4) with the CA/Browser Forum's
/// domain-validated policy, 2.23.140.1.2.1 (Baseline Requirements 7.1.6.1).
fn dv_policy() -> CustomExtension {
    let content = vec![
        0x30, 0x0a, 0x30, 0x08, 0x06, 0x06, 0x67, 0x81, 0x0c, 0x01, 0x02, 0x01,
    ];
    CustomExtension::from_oid_content(&[2, 5, 29, 32], content)
}

/// The rules a CA had to follow (src/cert/rules.rs), each on a leaf generated to break it:
/// a warning naming the rule, and no browser error (browsers do not check these).
#[test]
fn each_issuing_rule_is_reported_on_the_leaf_that_breaks_it() {
    use imasara::cert::rules::Rule;
    let rules_of = |change: &dyn Fn(&mut CertificateParams)| {
        let r = root("Root", EC);
        // Five months around the judging date (2026-06-01), issued before SC-081's first
        // step: within what the Baseline Requirements allowed (398 days).
        let l = leaf_under(&r, |p| {
            p.not_before = date_time_ymd(2026, 3, 1);
            p.not_after = date_time_ymd(2026, 8, 1);
            // Names in the public DNS (the fixtures' `.test` names are internal names,
            // which the Baseline Requirements forbid: asserted below).
            let mut dn = rcgen::DistinguishedName::new();
            dn.push(rcgen::DnType::CommonName, "www.example.com");
            p.distinguished_name = dn;
            p.subject_alt_names = vec![rcgen::SanType::DnsName(
                "www.example.com".try_into().unwrap(),
            )];
            // Where to check revocation (Baseline Requirements 7.1.2.11.2), and an OCSP
            // address, which certificates issued before 2023-09-15 needed (7.1.2.3).
            p.crl_distribution_points = vec![rcgen::CrlDistributionPoint {
                uris: vec!["http://crl.example.com/root.crl".to_owned()],
            }];
            p.custom_extensions = vec![ocsp_address("http://ocsp.example.com"), dv_policy()];
            change(p);
        });
        let report = judge(&pem(&[&l, &r.cert]), anchor(&r), Some("www.example.test"));
        let rules: Vec<Rule> = report
            .findings
            .iter()
            .filter_map(|f| match &f.kind {
                FindingKind::RuleBroken { rule } => Some(*rule),
                _ => None,
            })
            .collect();
        let rule_errors = report
            .findings
            .iter()
            .filter(|f| matches!(f.kind, FindingKind::RuleBroken { .. }))
            .filter_map(|f| f.error);
        assert_eq!(rule_errors.count(), 0, "{report:?}");
        rules
    };
    // rcgen's own serial (20 bytes of a hash) and names (the common name among the SANs)
    // break nothing.
    assert_eq!(rules_of(&|_| {}), []);
    assert_eq!(
        rules_of(&|p| p.serial_number = Some(rcgen::SerialNumber::from_slice(&[0]))),
        [Rule::SerialNotPositive, Rule::SerialTooShort]
    );
    assert_eq!(
        rules_of(&|p| p.serial_number = Some(rcgen::SerialNumber::from_slice(&[0x42; 21]))),
        [Rule::SerialTooLong]
    );
    assert_eq!(
        rules_of(&|p| p.serial_number = Some(rcgen::SerialNumber::from_slice(&[1, 2, 3, 4]))),
        [Rule::SerialTooShort]
    );
    assert_eq!(
        rules_of(&|p| {
            p.distinguished_name
                .push(rcgen::DnType::CommonName, "shop.example.test");
        }),
        [Rule::CommonNameNotInSan]
    );
    assert_eq!(
        rules_of(&|p| {
            p.subject_alt_names
                .push(rcgen::SanType::IpAddress("10.0.0.1".parse().unwrap()));
        }),
        [Rule::ReservedIpAddress]
    );
    for internal in ["intranet", "mail.example.test", "printer.local"] {
        assert_eq!(
            rules_of(&|p| {
                p.subject_alt_names
                    .push(rcgen::SanType::DnsName(internal.try_into().unwrap()));
            }),
            [Rule::InternalName],
            "{internal}"
        );
    }
    for (name, rule) in [
        ("f*.example.com", Rule::WildcardMisplaced),
        ("www.*.example.com", Rule::WildcardMisplaced),
        ("*.co.jp", Rule::WildcardOverRegistrySuffix),
    ] {
        assert_eq!(
            rules_of(&|p| {
                p.subject_alt_names
                    .push(rcgen::SanType::DnsName(name.try_into().unwrap()));
            }),
            [rule],
            "{name}"
        );
    }
    // Five years from 2025 (rcgen's dates in tests/support): longer than 398 days.
    assert_eq!(
        rules_of(&|p| {
            p.not_before = date_time_ymd(2025, 1, 1);
            p.not_after = date_time_ymd(2030, 1, 1);
        }),
        [Rule::LifetimeTooLong]
    );
    // Where Chromium's own lifetime check speaks (a public chain), the rule is not said again.
    let public = produce(Code::ValidityTooLong);
    assert!(
        public
            .report
            .findings
            .iter()
            .any(|f| f.code() == Code::ValidityTooLong)
    );
    assert!(!public.report.findings.iter().any(|f| f.kind
        == FindingKind::RuleBroken {
            rule: Rule::LifetimeTooLong
        }));
    // A 1024-bit RSA key valid after 2013 (tests/fixtures/cert/openssl/generate.sh).
    let small = String::from_utf8(fixture("openssl/leaf-rsa-1024.pem")).unwrap();
    let report = judge(&small, Vec::new(), None);
    assert!(report.findings.iter().any(|f| f.kind
        == FindingKind::RuleBroken {
            rule: Rule::RsaKeyUnder2048
        }));
    // No CRL address and no OCSP address: nowhere to check revocation.
    assert_eq!(
        rules_of(&|p| {
            p.crl_distribution_points = Vec::new();
            p.custom_extensions = vec![dv_policy()];
        }),
        [
            Rule::RevocationInformationMissing,
            Rule::AuthorityInfoAccessMissing
        ]
    );
    // No extKeyUsage, or anyExtendedKeyUsage in it.
    assert_eq!(
        rules_of(&|p| p.extended_key_usages = Vec::new()),
        [Rule::ExtKeyUsageMissing]
    );
    assert_eq!(
        rules_of(&|p| p
            .extended_key_usages
            .push(rcgen::ExtendedKeyUsagePurpose::Any)),
        [Rule::AnyExtendedKeyUsage]
    );
    // An intermediate without keyUsage: the rule is said about it, not about the leaf.
    let r = root("Root", EC);
    let mut p = params("Issuing CA", IsCa::Ca(BasicConstraints::Unconstrained));
    p.key_usages = Vec::new();
    p.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    let ca = sub_ca("Issuing CA", EC, &r, Some(p));
    let l = leaf_under(&ca, |p| {
        p.not_before = date_time_ymd(2026, 3, 1);
        p.not_after = date_time_ymd(2026, 8, 1);
        let mut dn = rcgen::DistinguishedName::new();
        dn.push(rcgen::DnType::CommonName, "www.example.com");
        p.distinguished_name = dn;
        p.subject_alt_names = vec![rcgen::SanType::DnsName(
            "www.example.com".try_into().unwrap(),
        )];
        p.crl_distribution_points = vec![rcgen::CrlDistributionPoint {
            uris: vec!["http://crl.example.com/ca.crl".to_owned()],
        }];
        p.custom_extensions = vec![ocsp_address("http://ocsp.example.com"), dv_policy()];
    });
    let report = judge(
        &pem(&[&l, &ca.cert, &r.cert]),
        anchor(&r),
        Some("www.example.com"),
    );
    let on: Vec<(Option<usize>, FindingKind)> = report
        .findings
        .iter()
        .filter(|f| matches!(f.kind, FindingKind::RuleBroken { .. }))
        .map(|f| (f.certificate, f.kind.clone()))
        .collect();
    assert_eq!(
        on,
        [(
            Some(1),
            FindingKind::RuleBroken {
                rule: Rule::CaKeyUsageMissing
            }
        )]
    );
    assert_eq!(report.primary_error, None);
    // Before the Baseline Requirements 2.0.0 an OCSP address was required, an http:// one
    // (and, as ever, the extension that carries it).
    for (url, rules) in [
        (
            None,
            &[Rule::OcspAddressMissing, Rule::AuthorityInfoAccessMissing][..],
        ),
        (
            Some("ldap://ocsp.example.com"),
            &[Rule::OcspAddressMissing][..],
        ),
    ] {
        assert_eq!(
            rules_of(&|p| {
                p.not_before = date_time_ymd(2023, 3, 1);
                p.not_after = date_time_ymd(2023, 9, 1);
                p.custom_extensions = url.map(ocsp_address).into_iter().collect();
                p.custom_extensions.push(dv_policy());
            }),
            rules,
            "{url:?}"
        );
    }
    // A self-signed site certificate was issued by no CA: the Baseline Requirements are not
    // held to it (badssl's lacks extKeyUsage, AIA and policies), RFC 5280 still is.
    let own = String::from_utf8(fixture("badssl/wildcard-self-signed.pem")).unwrap();
    let report = judge(&own, Vec::new(), None);
    assert!(
        !report
            .findings
            .iter()
            .any(|f| matches!(f.kind, FindingKind::RuleBroken { .. })),
        "{report:?}"
    );
    // A site certificate's key that may sign certificates.
    assert_eq!(
        rules_of(&|p| p.key_usages.push(rcgen::KeyUsagePurpose::KeyCertSign)),
        [Rule::KeyUsageProhibited]
    );
    // An organisational unit in the subject (prohibited from 2022-09-01); in this
    // domain-validated leaf it is also more than the DV subject table allows.
    assert_eq!(
        rules_of(&|p| {
            // Before the common name, as the Baseline Requirements' order has it (7.1.4.2).
            let mut dn = rcgen::DistinguishedName::new();
            dn.push(rcgen::DnType::OrganizationalUnitName, "Web team");
            dn.push(rcgen::DnType::CommonName, "www.example.com");
            p.distinguished_name = dn;
        }),
        [
            Rule::OrganizationalUnitPresent,
            Rule::DomainValidatedSubject
        ]
    );
    // A domain-validated certificate naming an organisation.
    assert_eq!(
        rules_of(&|p| {
            let mut dn = rcgen::DistinguishedName::new();
            dn.push(rcgen::DnType::OrganizationName, "Example Shop K.K.");
            dn.push(rcgen::DnType::CommonName, "www.example.com");
            p.distinguished_name = dn;
        }),
        [Rule::DomainValidatedSubject]
    );
    // The common name twice (the second under its OID, as rcgen keeps one per type).
    assert_eq!(
        rules_of(&|p| {
            p.distinguished_name.push(
                rcgen::DnType::CustomDnType(vec![2, 5, 4, 3]),
                "www.example.com",
            );
        }),
        [Rule::DuplicateSubjectAttribute]
    );
    // A common name in TeletexString (BR 2.0.0 7.1.4.2: UTF8String or PrintableString).
    assert_eq!(
        rules_of(&|p| {
            p.distinguished_name.push(
                rcgen::DnType::CommonName,
                rcgen::DnValue::TeletexString("www.example.com".try_into().unwrap()),
            );
        }),
        [Rule::SubjectAttributeEncoding]
    );
    // Organisation validation claimed, and no organisation named; then named in full.
    assert_eq!(
        rules_of(&|p| {
            p.custom_extensions = vec![ocsp_address("http://ocsp.example.com"), ov_policy()];
        }),
        [Rule::IdentitySubjectIncomplete]
    );
    assert_eq!(
        rules_of(&|p| {
            p.custom_extensions = vec![ocsp_address("http://ocsp.example.com"), ov_policy()];
            let mut dn = rcgen::DistinguishedName::new();
            dn.push(
                rcgen::DnType::CountryName,
                rcgen::DnValue::PrintableString("JP".try_into().unwrap()),
            );
            dn.push(rcgen::DnType::StateOrProvinceName, "Tokyo");
            dn.push(rcgen::DnType::OrganizationName, "Example Shop K.K.");
            dn.push(rcgen::DnType::CommonName, "www.example.com");
            p.distinguished_name = dn;
        }),
        []
    );
    // Certificate policies marked critical (BR 2.0.0's table: not critical).
    assert_eq!(
        rules_of(&|p| {
            let mut policy = dv_policy();
            policy.set_criticality(true);
            p.custom_extensions = vec![ocsp_address("http://ocsp.example.com"), policy];
        }),
        [Rule::ExtensionCriticality]
    );
    // No policy, no key identifier of the issuer.
    assert_eq!(
        rules_of(&|p| p.custom_extensions = vec![ocsp_address("http://ocsp.example.com")]),
        [Rule::CertificatePoliciesMissing]
    );
    assert_eq!(
        rules_of(&|p| p.use_authority_key_identifier_extension = false),
        [Rule::AuthorityKeyIdMissing]
    );
    // Issued before the underscore sunset (2019-04-01): allowed then.
    assert_eq!(
        rules_of(&|p| {
            p.not_before = date_time_ymd(2019, 3, 1);
            p.not_after = date_time_ymd(2019, 6, 1);
            p.subject_alt_names.push(rcgen::SanType::DnsName(
                "_sip.example.com".try_into().unwrap(),
            ));
        }),
        []
    );
}

/// The rules found on the certificate at input index `i`.
fn rules_on(report: &Report, i: usize) -> Vec<imasara::cert::rules::Rule> {
    report
        .findings
        .iter()
        .filter(|f| f.certificate == Some(i))
        .filter_map(|f| match f.kind {
            FindingKind::RuleBroken { rule } => Some(rule),
            _ => None,
        })
        .collect()
}

/// An intermediate's extended key usage, through the judge (Mozilla Root Store Policy 5.3,
/// Baseline Requirements 7.1.2.2 g and 7.1.2.10.6): said about the intermediate; a
/// cross-certificate that shares a root's key is excepted from Mozilla's two rules.
#[test]
fn an_intermediate_names_what_it_issues_for_and_a_cross_certificate_is_excepted() {
    use imasara::cert::rules::Rule;
    use rcgen::ExtendedKeyUsagePurpose as Eku;
    let r = root("Root", EC);
    let intermediate = |purposes: Vec<Eku>| {
        let mut p = params("Issuing CA", IsCa::Ca(BasicConstraints::Unconstrained));
        p.extended_key_usages = purposes;
        let ca = sub_ca("Issuing CA", EC, &r, Some(p));
        let leaf = support::leaf(EC, &ca);
        let report = judge(&pem(&[&leaf, &ca.cert, &r.cert]), anchor(&r), None);
        assert_eq!(report.chain, [0, 1, 2]);
        rules_on(&report, 1)
    };
    assert_eq!(intermediate(vec![Eku::ServerAuth, Eku::ClientAuth]), []);
    assert_eq!(intermediate(vec![]), [Rule::SubCaExtKeyUsageMissing]);
    assert_eq!(
        intermediate(vec![Eku::ServerAuth, Eku::Any]),
        [Rule::SubCaAnyExtendedKeyUsage]
    );
    assert_eq!(
        intermediate(vec![Eku::ServerAuth, Eku::EmailProtection]),
        [Rule::SubCaExtKeyUsageMixed]
    );
    assert_eq!(
        intermediate(vec![Eku::ServerAuth, Eku::CodeSigning]),
        [Rule::SubCaExtKeyUsageMixed]
    );
    // A cross-certificate: root A's name and key, signed by root B (as ISRG Root X1 was by
    // DST Root CA X3), without extKeyUsage; root A's own certificate pasted beside it.
    let a = root("Root A", EC);
    let b = root("Root B", EC);
    let cross = a
        .params
        .signed_by(&a.key, &Issuer::from_params(&b.params, &b.key))
        .unwrap();
    let leaf = support::leaf(EC, &a);
    let report = judge(&pem(&[&leaf, &cross, &b.cert, &a.cert]), anchor(&b), None);
    assert_eq!(report.chain, [0, 1, 2]);
    assert_eq!(rules_on(&report, 1), []);
    // Without root A's certificate nothing shows that key is a root's: the intermediate
    // is held to the rule.
    let report = judge(&pem(&[&leaf, &cross, &b.cert]), anchor(&b), None);
    assert_eq!(rules_on(&report, 1), [Rule::SubCaExtKeyUsageMissing]);
}

/// Chromium inspects signature algorithms on the chain its verifier hands back, trusted or
/// not, but not its last certificate (`InspectSignatureAlgorithmsInChain`,
/// net/cert/cert_verify_proc.cc), and on a trusted path every signature below the anchor.
/// Each case was served to Chromium 156 by a local TLS server (untrusted root): SHA-1 on
/// the site's certificate under its intermediate gave ERR_CERT_INVALID, alone
/// ERR_CERT_AUTHORITY_INVALID; SHA-1 on the intermediate gave ERR_CERT_AUTHORITY_INVALID
/// when it was the chain's last and ERR_CERT_INVALID when the root followed it; an
/// intermediate with an Ed25519 key (the site signed with Ed25519) gave ERR_CERT_INVALID.
/// `tests/e2e/cert_chrome_algorithms.spec.ts` asks the test's Chromium the same.
#[test]
fn chromium_inspects_signature_algorithms_where_it_does() {
    let untrusted = |files: &[&str]| {
        let input = files
            .iter()
            .map(|f| fixture(f))
            .collect::<Vec<_>>()
            .concat();
        let analysis = Analysis::parse(&input);
        let day_after = UnixTime(analysis.certificates()[0].not_before.seconds() + 86_400);
        let mut options = Options::at(day_after).with_host("rsa.example.test");
        options.mozilla_roots = false;
        let report = analysis.judge(&options);
        let weak_sha1 = report
            .findings
            .iter()
            .filter(|w| w.code() == Code::WeakSignatureAlgorithm)
            .count();
        (report.primary_error, weak_sha1)
    };
    let sha1_leaf = "openssl/leaf-rsa-pkcs1-sha1.pem";
    let rsa_root = "openssl/rsa-root.pem";
    let under = "openssl/leaf-under-sha1-int.pem";
    let sha1_int = "openssl/rsa-int-sha1.pem";
    // The site's SHA-1 certificate alone: nothing is inspected (no issuer found), but the
    // algorithm is still named.
    assert_eq!(untrusted(&[sha1_leaf]), (Some(E::AuthorityInvalid), 1));
    // With its (untrusted) root after it: the site's certificate is inspected.
    assert_eq!(untrusted(&[sha1_leaf, rsa_root]), (Some(E::Invalid), 1));
    // The SHA-1 intermediate as the chain's last: not inspected.
    assert_eq!(
        untrusted(&[under, sha1_int]),
        (Some(E::AuthorityInvalid), 1)
    );
    // Firefox checks an issuer's signature algorithm with its own properties, before it
    // looks for that issuer's issuer (`CheckIssuerIndependentProperties`, pkixcheck.cpp).
    let input = [fixture(under), fixture(sha1_int)].concat();
    let analysis = Analysis::parse(&input);
    let day_after = UnixTime(analysis.certificates()[0].not_before.seconds() + 86_400);
    let mut options = Options::at(day_after).with_host("rsa.example.test");
    options.mozilla_roots = false;
    assert_eq!(
        analysis.judge(&options).firefox_error,
        Some(imasara::cert::FirefoxError::SignatureAlgorithmDisabled)
    );
    assert_eq!(
        untrusted(&[under, sha1_int, rsa_root]),
        (Some(E::Invalid), 1)
    );

    // An Ed25519 intermediate, untrusted: the site's certificate, signed with Ed25519, is
    // inspected; the intermediate's key is not read (the path is not verified), and
    // Firefox refuses that key before it looks for the root.
    let r = root("Root", EC);
    let i = sub_ca("Ed25519 Intermediate", &rcgen::PKCS_ED25519, &r, None);
    let l = support::leaf(EC, &i);
    let outcome = generated_with(&pem(&[&l, &i.cert]), Vec::new(), Some("www.example.test"));
    assert_eq!(outcome.report.primary_error, Some(E::Invalid));
    assert!(outcome.codes().contains(&Code::SignatureAlgorithmRefused));
    assert!(outcome.codes().contains(&Code::AuthorityKeyRefused));
    assert!(
        !outcome
            .report
            .findings
            .iter()
            .any(|w| w.code() == Code::AuthorityKeyRefused && w.error.is_some()),
        "an untrusted path's keys are not read"
    );
    assert_eq!(
        outcome.report.firefox_error,
        Some(imasara::cert::FirefoxError::UnsupportedKeyalg)
    );

    // RSA-PSS as TLS 1.3 writes it (SHA-256, MGF1 with SHA-256, a 32-byte salt) is taken.
    let pss = untrusted(&["openssl/leaf-rsa-pss-sha256.pem", rsa_root]);
    assert_eq!(pss, (Some(E::AuthorityInvalid), 0));
}

/// The two signature algorithm fields apart. Chromium compares them as parsed values where
/// it inspects a certificate's algorithm (`InspectSignatureAlgorithmForCert`,
/// net/cert/cert_verify_proc.cc) and in the path verifier (`VerifySignatureAlgorithmsMatch`,
/// BoringSSL's pki/verify_certificate_chain.cc); checked live against Chromium 156: another
/// algorithm inside the site's certificate served with its intermediate gave
/// ERR_CERT_INVALID, the same certificate alone ERR_CERT_AUTHORITY_INVALID, and RSA with
/// NULL parameters on one side and none on the other ERR_CERT_AUTHORITY_INVALID (as any
/// chain to an unknown root). Firefox compares kind and digest first of a certificate's own
/// properties (`CheckSignatureAlgorithm`, lib/mozpkix/lib/pkixcheck.cpp), the site's
/// certificate's faults waiting until a chain is found (`BuildForward`, pkixbuild.cpp).
/// OpenSSL's rows are compared with the real programs in tests/cert_openssl_clients.rs.
#[test]
fn algorithm_fields_apart_as_the_browsers_read_them() {
    use imasara::cert::FirefoxError as F;
    let judge_with = |input: &str, anchors: Vec<Anchor>| {
        let outcome = generated_with(input, anchors, Some("www.example.test"));
        let warned = outcome
            .report
            .findings
            .iter()
            .any(|w| w.code() == Code::SignatureAlgorithmMismatch && w.error.is_none());
        (
            outcome.report.primary_error,
            outcome.report.firefox_error,
            outcome.codes().contains(&Code::SignatureAlgorithmMismatch),
            warned,
        )
    };
    let (r, leaf, chain) = algorithm_fields_apart(Apart::Another);
    // Trusted: ERR_CERT_INVALID; Firefox names the mismatch once the chain is found.
    assert_eq!(
        judge_with(&chain, anchor(&r)),
        (
            Some(E::Invalid),
            Some(F::SignatureAlgorithmMismatch),
            true,
            false
        )
    );
    // Untrusted, with the intermediate: the site's certificate is inspected; Firefox's
    // unknown issuer outranks the site's own fault.
    assert_eq!(
        judge_with(&chain, Vec::new()),
        (Some(E::Invalid), Some(F::UnknownIssuer), true, false)
    );
    // Alone, untrusted: not inspected, named without an error.
    assert_eq!(
        judge_with(&leaf, Vec::new()),
        (
            Some(E::AuthorityInvalid),
            Some(F::UnknownIssuer),
            true,
            true
        )
    );

    // The same RSA algorithm written apart: the browsers read one algorithm.
    let (r, _, chain) = algorithm_fields_apart(Apart::RsaWithoutNull);
    let outcome = generated(&chain, &r, Some("www.example.test"));
    assert_eq!(outcome.report.primary_error, None);
    assert_eq!(outcome.report.firefox_error, None);
    assert!(
        outcome
            .codes()
            .contains(&Code::SignatureAlgorithmWrittenApart)
    );
    assert!(!outcome.codes().contains(&Code::SignatureAlgorithmMismatch));

    // ECDSA with NULL parameters inside: Chromium's `ParseSignatureAlgorithm` does not read
    // it (checked live: ERR_CERT_INVALID where inspected, as with NULL on both sides);
    // Firefox reads NULL parameters as none.
    let (r, leaf, chain) = algorithm_fields_apart(Apart::EcdsaWithNull);
    let outcome = generated(&chain, &r, Some("www.example.test"));
    assert_eq!(outcome.report.primary_error, Some(E::Invalid));
    assert_eq!(outcome.report.firefox_error, None);
    assert!(
        outcome
            .codes()
            .contains(&Code::SignatureAlgorithmParameters)
    );
    let alone = generated_with(&leaf, Vec::new(), Some("www.example.test"));
    assert_eq!(alone.report.primary_error, Some(E::AuthorityInvalid));

    // An intermediate whose outer field says SHA-1 and whose signed part says SHA-256:
    // Firefox compares the two before it looks at the digest (`CheckSignatureAlgorithm`).
    let rsa_top = {
        let key = support::rsa_key();
        let params = params("RSA Top", IsCa::Ca(BasicConstraints::Unconstrained));
        let cert = params
            .signed_by(&key, &Issuer::from_params(&r.params, &r.key))
            .unwrap();
        Ca { params, key, cert }
    };
    let middle = sub_ca("Middle", EC, &rsa_top, None);
    let sha1_outside =
        support::with_algorithm_fields(middle.cert.der(), &rsa_top.key, <[u8]>::to_vec, |f| {
            support::oid_ending(f, 5)
        });
    let site = support::leaf(EC, &middle);
    let input = format!(
        "{}{}{}",
        site.pem(),
        pem_of("CERTIFICATE", &sha1_outside),
        rsa_top.cert.pem()
    );
    let outcome = generated(&input, &r, Some("www.example.test"));
    assert_eq!(
        outcome.report.firefox_error,
        Some(F::SignatureAlgorithmMismatch)
    );

    // An intermediate whose fields are apart, untrusted: Firefox checks an issuer's own
    // properties before it looks for that issuer's issuer.
    let root_ca = root("Root", EC);
    let top = sub_ca("Top", EC, &root_ca, None);
    let middle = sub_ca("Middle", EC, &top, None);
    let middle_der = support::with_algorithm_fields(
        middle.cert.der(),
        &top.key,
        |f| support::oid_ending(f, 3),
        <[u8]>::to_vec,
    );
    let site = support::leaf(EC, &middle);
    let input = format!("{}{}", site.pem(), pem_of("CERTIFICATE", &middle_der));
    let (chromium, firefox, named, warned) = judge_with(&input, Vec::new());
    // The intermediate is the chain's last: Chromium does not inspect it.
    assert_eq!(
        (chromium, named, warned),
        (Some(E::AuthorityInvalid), true, true)
    );
    assert_eq!(firefox, Some(F::SignatureAlgorithmMismatch));
}

/// The certificate around its extensions, written as Chrome does not read it
/// (`ParseCertificate`, `ParseTbsCertificate`, `ParseExtensions`, pki/parse_certificate.cc),
/// and validity dates as each client reads them. x509-parser reads every form below. Chrome
/// ends the handshake on such a site certificate (`ERR_SSL_SERVER_CERT_BAD_FORMAT`:
/// `X509Certificate::ParsedFields::Initialize`), but for an empty extension list, which only
/// its verifier reads (`ERR_CERT_INVALID`), and leaves such an intermediate out of its path
/// (`ERR_CERT_AUTHORITY_INVALID`). Firefox reads the version (1 to 4: `der::OptionalVersion`),
/// the unique identifiers and the list as they are written (`BackCert::Init`,
/// `der::OptionalExtensions` with `EmptyAllowed::Yes`) but refuses dates it cannot parse or
/// that run backwards (`ParseValidity`: `SEC_ERROR_INVALID_TIME`, an issuer's after the
/// name is checked); OpenSSL reads the frame (its strict checks refuse extensions before
/// version 3, error 93) and refuses a date not in RFC 5280's form (`X509_cmp_time`: errors
/// 13 and 14). That the real openssl says so is in tests/cert_openssl_clients.rs; that
/// Chromium does, in tests/e2e/cert_handshake.spec.ts.
#[test]
fn a_certificates_frame_and_dates_are_read_as_each_client_reads_them() {
    use imasara::cert::FirefoxError as F;
    use imasara::cert::findings::ChromeRule as R;
    use imasara::cert::openssl::{OpenSslCheck, OpenSslError as O};
    let root_ca = root("Root", EC);
    let intermediate = sub_ca("Intermediate", EC, &root_ca, None);
    use support::{
        FieldsChange as Change, dates_field as dates, empty_extension_list, unique_id_in_version_1,
        version_field as version,
    };
    let empty_list = empty_extension_list();
    let unique_id_in_v1 = unique_id_in_version_1();
    let no_seconds = || dates(b"2501010000Z", b"300101000000Z");
    const SITE: bool = true;
    const AUTHORITY: bool = false;
    const HOST: &str = "www.example.test";
    const ELSEWHERE: &str = "elsewhere.test";
    let bad_format = || vec![E::ServerCertBadFormat];
    // (what, whose, the change, the host, Chrome's rule, OpenSSL's strict 93, Chrome,
    // Firefox, OpenSSL below its strict checks).
    type Case = (
        &'static str,
        bool,
        Change,
        &'static str,
        Option<R>,
        bool,
        Vec<E>,
        Option<F>,
        Vec<(O, usize)>,
    );
    #[rustfmt::skip]
    let cases: Vec<Case> = vec![
        ("v1 with extensions", SITE, version(None), HOST, Some(R::ExtensionsBeforeVersion3), true, bad_format(), None, vec![]),
        ("v1 written out", SITE, version(Some(0)), HOST, Some(R::VersionWrittenOut), true, bad_format(), None, vec![]),
        ("v2 with extensions", SITE, version(Some(1)), HOST, Some(R::ExtensionsBeforeVersion3), true, bad_format(), None, vec![]),
        ("v4", SITE, version(Some(3)), HOST, Some(R::VersionUnknown), false, bad_format(), None, vec![]),
        ("v5", SITE, version(Some(4)), HOST, Some(R::VersionUnknown), false, bad_format(), Some(F::BadDer), vec![]),
        // Without its extensions the site has no subjectAltName: Firefox's name check.
        ("an empty extension list", SITE, empty_list, HOST, Some(R::Empty), false, vec![E::Invalid], Some(F::BadCertDomain), vec![]),
        ("a unique identifier in v1", SITE, unique_id_in_v1, HOST, Some(R::UniqueIdInVersion1), false, bad_format(), Some(F::BadCertDomain), vec![]),
        ("a UTCTime without seconds", SITE, no_seconds(), HOST, Some(R::TimeForm), false, bad_format(), Some(F::InvalidTime), vec![(O::ErrorInCertNotBeforeField, 0)]),
        // The site's own dates are parsed again by the name check: the same error.
        ("a UTCTime without seconds, elsewhere", SITE, no_seconds(), ELSEWHERE, Some(R::TimeForm), false, bad_format(), Some(F::InvalidTime), vec![(O::HostnameMismatch, 0), (O::ErrorInCertNotBeforeField, 0)]),
        ("a notAfter with an offset", SITE, dates(b"250101000000Z", b"300101000000+0000"), HOST, Some(R::TimeForm), false, bad_format(), Some(F::InvalidTime), vec![(O::ErrorInCertNotAfterField, 0)]),
        // Dates Chrome reads: before 1970 (mozilla::pkix reads none), backwards.
        ("a notBefore in 1969", SITE, dates(b"690101000000Z", b"300101000000Z"), HOST, None, false, vec![], Some(F::InvalidTime), vec![]),
        ("dates backwards", SITE, dates(b"300101000000Z", b"250101000000Z"), HOST, None, false, vec![E::DateInvalid], Some(F::InvalidTime), vec![(O::CertNotYetValid, 0)]),
        ("GeneralizedTime before 2050", SITE, dates(b"20250101000000Z", b"20300101000000Z"), HOST, None, false, vec![], None, vec![]),
        // The intermediate's.
        ("an intermediate's v1 written out", AUTHORITY, version(Some(0)), HOST, Some(R::VersionWrittenOut), true, vec![E::AuthorityInvalid], None, vec![]),
        ("an intermediate's v5", AUTHORITY, version(Some(4)), HOST, Some(R::VersionUnknown), false, vec![E::AuthorityInvalid], Some(F::UnknownIssuer), vec![]),
        ("an intermediate's UTCTime without seconds", AUTHORITY, no_seconds(), HOST, Some(R::TimeForm), false, vec![E::AuthorityInvalid], Some(F::InvalidTime), vec![(O::ErrorInCertNotBeforeField, 1)]),
        // PSM checks the name before it reports an issuer's dates.
        ("an intermediate's UTCTime without seconds, elsewhere", AUTHORITY, no_seconds(), ELSEWHERE, Some(R::TimeForm), false, vec![E::AuthorityInvalid, E::CommonNameInvalid], Some(F::BadCertDomain), vec![(O::HostnameMismatch, 0), (O::ErrorInCertNotBeforeField, 1)]),
    ];
    for (what, site, change, host, rule, openssl_strict, chrome, firefox, openssl) in &cases {
        let leaf = support::leaf(EC, &intermediate);
        let input = if *site {
            let der = support::with_signed_fields(leaf.der(), &intermediate.key, change);
            format!(
                "{}{}",
                pem_of("CERTIFICATE", &der),
                pem(&[&intermediate.cert])
            )
        } else {
            let der = support::with_signed_fields(intermediate.cert.der(), &root_ca.key, change);
            format!("{}{}", pem(&[&leaf]), pem_of("CERTIFICATE", &der))
        };
        let judged = generated(&input, &root_ca, Some(host));
        assert_eq!(judged.certificates, 2, "{what}: x509-parser reads it");
        let frames: Vec<_> = judged
            .report
            .findings
            .iter()
            .filter_map(|f| match f.kind {
                FindingKind::CertificateFrameInvalid { site, rule, .. } => {
                    Some((site, rule, f.error))
                }
                _ => None,
            })
            .collect();
        let expected = rule.map(|rule| {
            let error = match (*site, rule) {
                (true, R::Empty) => E::Invalid,
                (true, _) => E::ServerCertBadFormat,
                (false, _) => E::AuthorityInvalid,
            };
            (*site, rule, Some(error))
        });
        assert_eq!(frames, Vec::from_iter(expected), "{what}");
        assert_eq!(&judged.report.errors, chrome, "{what}");
        assert_eq!(&judged.report.firefox_error, firefox, "{what}");
        let below_strict: Vec<_> = judged
            .report
            .openssl
            .iter()
            .filter(|o| o.check != OpenSslCheck::Strict)
            .map(|o| (o.error, o.depth))
            .collect();
        assert_eq!(&below_strict, openssl, "{what}");
        let strict_93 = judged
            .report
            .openssl
            .iter()
            .any(|o| o.error == O::ExtensionsRequireVersion3);
        assert_eq!(strict_93, *openssl_strict, "{what}");
        // Dates Chrome reads and Firefox does not have words of their own.
        let refused_dates: Vec<_> = judged
            .report
            .findings
            .iter()
            .filter_map(|f| match f.kind {
                FindingKind::DatesRefusedByFirefox { backwards } => Some(backwards),
                _ => None,
            })
            .collect();
        let expected = match *what {
            "a notBefore in 1969" => vec![false],
            "dates backwards" => vec![true],
            _ => vec![],
        };
        assert_eq!(refused_dates, expected, "{what}");
    }
}

/// The site's certificate as the browsers' TLS libraries read it in the handshake, before
/// any verifier: BoringSSL's `ssl_cert_parse_pubkey` and `ssl_cert_check_key_usage` read
/// its elements (DER lengths) and, like NSS, limit the Certificate message's size
/// (Chrome: `ERR_SSL_PROTOCOL_ERROR`; Firefox: `SSL_ERROR_RX_MALFORMED_HANDSHAKE` over
/// 131,071 bytes); mozilla::pkix reads no element in a longer form and no certificate of
/// 65,536 bytes or more (`SEC_ERROR_BAD_DER`). Checked live against Chromium 156 in
/// tests/e2e/cert_handshake.spec.ts.
#[test]
fn a_certificate_is_read_in_the_handshake_as_boringssl_and_nss_read_it() {
    use imasara::cert::FirefoxError as F;
    let root_ca = root("Root", EC);
    let intermediate = sub_ca("Intermediate", EC, &root_ca, None);
    // A field's element written with a length in a longer form than it needs.
    let longer = |field: &[u8]| -> Vec<u8> {
        let (tag, length, header) = if field[1] < 0x80 {
            (field[0], usize::from(field[1]), 2)
        } else {
            (field[0], usize::from(field[2]), 3)
        };
        assert!(length < 0x100, "a short field");
        let mut out = vec![tag, 0x82, 0x00, length as u8];
        out.extend_from_slice(&field[header..]);
        out
    };
    // The issuer's name (fields: version, serial, signature, issuer…).
    let issuer_longer = |f: &mut Vec<Vec<u8>>| f[3] = longer(&f[3]);
    let site = support::with_signed_fields(
        support::leaf(EC, &intermediate).der(),
        &intermediate.key,
        issuer_longer,
    );
    let input = format!(
        "{}{}",
        pem_of("CERTIFICATE", &site),
        pem(&[&intermediate.cert])
    );
    let judged = generated(&input, &root_ca, Some("www.example.test"));
    assert_eq!(judged.certificates, 2, "x509-parser reads it");
    assert_eq!(judged.report.errors.first(), Some(&E::SslProtocolError));
    assert_eq!(judged.report.firefox_error, Some(F::BadDer));
    let frame = judged.report.findings.iter().find_map(|f| match f.kind {
        FindingKind::CertificateFrameInvalid {
            site,
            handshake,
            firefox_not_der,
            ..
        } => Some((site, handshake, firefox_not_der, f.error)),
        _ => None,
    });
    assert_eq!(frame, Some((true, true, true, Some(E::SslProtocolError))));
    assert_eq!(judged.report.openssl, vec![], "OpenSSL reads it as BER");

    // An intermediate's: the handshake reads the site's certificate only.
    let authority =
        support::with_signed_fields(intermediate.cert.der(), &root_ca.key, issuer_longer);
    let leaf = support::leaf(EC, &intermediate);
    let input = format!("{}{}", pem(&[&leaf]), pem_of("CERTIFICATE", &authority));
    let judged = generated(&input, &root_ca, Some("www.example.test"));
    assert_eq!(judged.report.errors, vec![E::AuthorityInvalid]);
    assert_eq!(judged.report.firefox_error, Some(F::UnknownIssuer));

    // Sizes: a site certificate of about 70 KB, then about 140 KB (many names).
    let sized = |names: usize| {
        let leaf = leaf_under(&intermediate, |p| {
            p.subject_alt_names.extend(support::many_names(names))
        });
        let input = format!("{}{}", pem(&[&leaf]), pem(&[&intermediate.cert]));
        (
            leaf.der().len(),
            generated(&input, &root_ca, Some("www.example.test")),
        )
    };
    let (bytes, judged) = sized(2_800);
    assert!((65_536..100_000).contains(&bytes), "{bytes}");
    assert_eq!(judged.report.errors, vec![], "Chrome reads it");
    assert_eq!(judged.report.firefox_error, Some(F::BadDer));
    assert!(support::codes(&judged.report).contains(&Code::TooLargeForFirefox));
    assert!(!support::codes(&judged.report).contains(&Code::ChainTooLargeForHandshake));
    let (bytes, judged) = sized(5_500);
    assert!(bytes > 131_071, "{bytes}");
    assert_eq!(judged.report.errors, vec![E::SslProtocolError]);
    assert_eq!(judged.report.firefox_error, Some(F::RxMalformedHandshake));
    let message = judged.report.findings.iter().find_map(|f| match f.kind {
        FindingKind::ChainTooLargeForHandshake {
            bytes: message,
            limit,
            certificates,
            firefox_too,
        } => Some((message, limit, certificates, firefox_too)),
        _ => None,
    });
    // The message: its 4-byte head, and each certificate with 5 bytes around it.
    let expected = 4 + bytes + 5 + intermediate.cert.der().len() + 5;
    assert_eq!(message, Some((expected, 102_400, 2, true)));
    // A server with a key no browser takes a signature from ends the handshake before it
    // sends its certificate, however large.
    let mut p = params("www.example.test", IsCa::ExplicitNoCa);
    p.subject_alt_names.extend(support::many_names(5_500));
    let key = KeyPair::generate_for(&rcgen::PKCS_ED25519).unwrap();
    let leaf = p
        .signed_by(
            &key,
            &Issuer::from_params(&intermediate.params, &intermediate.key),
        )
        .unwrap();
    let input = format!("{}{}", pem(&[&leaf]), pem(&[&intermediate.cert]));
    let judged = generated(&input, &root_ca, Some("www.example.test"));
    assert_eq!(
        judged.report.primary_error,
        Some(E::VersionOrCipherMismatch)
    );
    assert_eq!(judged.report.firefox_error, Some(F::NoCypherOverlap));
}

/// A pathLenConstraint of 128 to 255, which RFC 5280 allows, Chrome (`ParseUint8`) and
/// OpenSSL read and mozilla::pkix does not (`der::OptionalInteger`: 0 to 127):
/// `SEC_ERROR_EXTENSION_VALUE_INVALID` for an authority and for the site alike.
#[test]
fn a_path_length_over_127_is_refused_by_firefox_alone() {
    use imasara::cert::FirefoxError as F;
    let root_ca = root("Root", EC);
    for (limit, firefox) in [
        (127u8, None),
        (128, Some(F::ExtensionValueInvalid)),
        (255, Some(F::ExtensionValueInvalid)),
    ] {
        let p = params(
            "Intermediate",
            IsCa::Ca(BasicConstraints::Constrained(limit)),
        );
        let intermediate = sub_ca("Intermediate", EC, &root_ca, Some(p));
        let leaf = support::leaf(EC, &intermediate);
        let judged = generated(
            &pem(&[&leaf, &intermediate.cert]),
            &root_ca,
            Some("www.example.test"),
        );
        assert_eq!(judged.report.errors, vec![], "{limit}: Chrome reads it");
        assert_eq!(judged.report.openssl, vec![], "{limit}: OpenSSL reads it");
        assert_eq!(judged.report.firefox_error, firefox, "{limit}");
        let said = judged.report.findings.iter().find_map(|f| match f.kind {
            FindingKind::PathLenBeyondFirefox { path_len, site } => {
                Some((path_len, site, f.certificate))
            }
            _ => None,
        });
        assert_eq!(
            said,
            firefox.map(|_| (u32::from(limit), false, Some(1))),
            "{limit}"
        );
    }
    // The site's own (cA false with a path length, which RFC 5280 forbids; OpenSSL's
    // strict mode says so): Firefox checks it among the site's own properties.
    let intermediate = sub_ca("Intermediate", EC, &root_ca, None);
    let leaf = leaf_under(&intermediate, |p| {
        p.is_ca = IsCa::NoCa;
        p.custom_extensions = vec![CustomExtension::from_oid_content(
            &[2, 5, 29, 19],
            vec![0x30, 0x04, 0x02, 0x02, 0x00, 0xc8],
        )];
    });
    let judged = generated(
        &pem(&[&leaf, &intermediate.cert]),
        &root_ca,
        Some("www.example.test"),
    );
    assert_eq!(judged.report.errors, vec![], "Chrome reads it");
    assert_eq!(judged.report.firefox_error, Some(F::ExtensionValueInvalid));
    assert!(judged.report.findings.iter().any(|f| matches!(
        f.kind,
        FindingKind::PathLenBeyondFirefox {
            path_len: 200,
            site: true
        }
    )));
}

/// An elliptic curve key's SubjectPublicKeyInfo with its point in compressed form.
fn compressed(spki: &[u8]) -> Vec<u8> {
    let parts = support::children(spki);
    let point = &support::content(parts[1])[1..];
    let half = (point.len() - 1) / 2;
    let mut out = vec![0x02 | (point[point.len() - 1] & 1)];
    out.extend(&point[1..=half]);
    let bits = support::wrap(0x03, &[&[0][..], &out].concat());
    support::wrap(0x30, &[parts[0].to_vec(), bits].concat())
}

/// A key written in a way the clients read differently, its value as it is
/// (`chrome_der::key_faults`): BoringSSL reads none of the RSA faults (the site's ends
/// Chrome's handshake, an authority's is ERR_CERT_INVALID on a path to a root) and reads a
/// compressed point; mozilla::pkix refuses each (the site's after its chain), NSS's
/// extraction the site's padded integer and octets after the key; OpenSSL reads them all.
#[test]
fn a_key_written_oddly_parts_the_clients() {
    use imasara::cert::ChromiumError;
    use imasara::cert::FirefoxError as F;
    use imasara::cert::KeyFault as K;
    let host = Some("www.example.test");
    let r = root("Root", EC);
    // An intermediate with an RSA key, and the site's certificate it signed.
    let rsa = support::rsa_key();
    let params = params("Intermediate", IsCa::Ca(BasicConstraints::Unconstrained));
    let cert = params
        .signed_by(&rsa, &Issuer::from_params(&r.params, &r.key))
        .unwrap();
    let i = Ca {
        params,
        key: rsa,
        cert,
    };
    let leaf = support::leaf(EC, &i);
    let tbs = support::children(i.cert.der())[0];
    let spki = support::children(tbs)[6].to_vec();
    let magnitude = support::rsa_modulus(&spki);
    assert_ne!(magnitude[0] & 0x80, 0, "a 2048-bit modulus's top bit");
    let n = [&[0][..], &magnitude].concat();
    let (e, null) = ([1, 0, 1], [0x05, 0x00]);
    assert_eq!(
        support::rsa_spki(&null, &n, &e, &[]),
        spki,
        "the key as written"
    );
    let cases = [
        (K::RsaParametersNotNull, support::rsa_spki(&[], &n, &e, &[])),
        (
            K::RsaParametersNotNull,
            support::rsa_spki(&[0x30, 0x00], &n, &e, &[]),
        ),
        (
            K::RsaIntegerNegative { exponent: false },
            support::rsa_spki(&null, &magnitude, &e, &[]),
        ),
        (
            K::RsaIntegerPadded { exponent: true },
            support::rsa_spki(&null, &n, &[0, 1, 0, 1], &[]),
        ),
        (K::RsaTrailing, support::rsa_spki(&null, &n, &e, &[0])),
    ];
    let found = |o: &Outcome| {
        o.report.findings.iter().find_map(|f| match f.kind {
            FindingKind::KeyEncoding { fault, site, .. } => Some((fault, site, f.certificate)),
            _ => None,
        })
    };
    for (fault, spki) in &cases {
        let with_key = |der: &[u8], key: &KeyPair| {
            support::with_signed_fields(der, key, |f| f[6] = spki.clone())
        };
        let site = with_key(leaf.der(), &i.key);
        let input = format!("{}{}", pem_of("CERTIFICATE", &site), pem(&[&i.cert]));
        let judged = generated(&input, &r, host);
        assert_eq!(found(&judged), Some((*fault, true, Some(0))), "{fault:?}");
        assert_eq!(
            judged.report.primary_error,
            Some(ChromiumError::SslProtocolError),
            "{fault:?}"
        );
        let firefox = if fault.nss_cannot_extract() {
            F::ExtractPublicKeyFailure
        } else {
            fault.firefox_error()
        };
        assert_eq!(judged.report.firefox_error, Some(firefox), "{fault:?}");
        assert_eq!(judged.report.openssl, vec![], "{fault:?}: OpenSSL reads it");
        assert_eq!(judged.report.openssl_handshake, None, "{fault:?}");

        // The intermediate with that key: what it signed verifies with the key's value.
        let authority = with_key(i.cert.der(), &r.key);
        let input = format!("{}{}", pem(&[&leaf]), pem_of("CERTIFICATE", &authority));
        let judged = generated(&input, &r, host);
        assert_eq!(found(&judged), Some((*fault, false, Some(1))), "{fault:?}");
        assert_eq!(
            judged.report.errors,
            vec![ChromiumError::Invalid],
            "{fault:?}"
        );
        assert_eq!(
            judged.report.firefox_error,
            Some(fault.firefox_error()),
            "{fault:?}"
        );
        assert_eq!(judged.report.openssl, vec![], "{fault:?}: OpenSSL reads it");
        // On a chain that reaches no root Chrome verifies nothing: the fault is named, and
        // Chrome's error is the missing root.
        let judged = generated_with(&input, vec![], host);
        assert_eq!(found(&judged), Some((*fault, false, Some(1))), "{fault:?}");
        assert_eq!(
            judged.report.errors,
            vec![ChromiumError::AuthorityInvalid],
            "{fault:?}"
        );
    }

    // The first fault names the finding; NSS's extraction fails for a later one too.
    let both = support::rsa_spki(&[], &n, &[0, 1, 0, 1], &[]);
    let site = support::with_signed_fields(leaf.der(), &i.key, |f| f[6] = both.clone());
    let input = format!("{}{}", pem_of("CERTIFICATE", &site), pem(&[&i.cert]));
    let judged = generated(&input, &r, host);
    assert!(judged.report.findings.iter().any(|f| matches!(
        f.kind,
        FindingKind::KeyEncoding {
            fault: K::RsaParametersNotNull,
            site: true,
            nss_cannot_extract: true
        }
    )));
    assert_eq!(
        judged.report.firefox_error,
        Some(F::ExtractPublicKeyFailure)
    );
    // A modulus padded with FF is another number to NSS and OpenSSL: not this finding.
    let other = support::rsa_spki(&null, &[&[0xff][..], &magnitude].concat(), &e, &[]);
    let site = support::with_signed_fields(leaf.der(), &i.key, |f| f[6] = other.clone());
    let input = format!("{}{}", pem_of("CERTIFICATE", &site), pem(&[&i.cert]));
    assert_eq!(found(&generated(&input, &r, host)), None);
    // mozilla::pkix checks the modulus's size as soon as it has read it: an authority's
    // key of 512 bits with a padded exponent is too small before it is padded.
    let small = [&[0xc1][..], &[0x55; 62], &[0x01]].concat();
    let small_padded = support::rsa_spki(&null, &[&[0][..], &small].concat(), &[0, 1, 0, 1], &[]);
    let authority =
        support::with_signed_fields(i.cert.der(), &r.key, |f| f[6] = small_padded.clone());
    let input = format!("{}{}", pem(&[&leaf]), pem_of("CERTIFICATE", &authority));
    let judged = generated(&input, &r, host);
    assert_eq!(
        found(&judged),
        Some((K::RsaIntegerPadded { exponent: true }, false, Some(1)))
    );
    assert_eq!(judged.report.firefox_error, Some(F::InadequateKeySize));

    // A point in compressed form: Chrome and OpenSSL read it, Firefox does not.
    let e = sub_ca("Intermediate", EC, &r, None);
    let l = support::leaf(EC, &e);
    let site = support::with_signed_fields(l.der(), &e.key, |f| f[6] = compressed(&f[6]));
    let input = format!("{}{}", pem_of("CERTIFICATE", &site), pem(&[&e.cert]));
    let judged = generated(&input, &r, host);
    assert_eq!(found(&judged), Some((K::EcPointCompressed, true, Some(0))));
    assert_eq!(judged.report.errors, vec![]);
    assert_eq!(judged.report.firefox_error, Some(F::UnsupportedEcPointForm));
    assert_eq!(judged.report.openssl, vec![]);
    let authority = support::with_signed_fields(e.cert.der(), &r.key, |f| f[6] = compressed(&f[6]));
    let input = format!("{}{}", pem(&[&l]), pem_of("CERTIFICATE", &authority));
    let judged = generated(&input, &r, host);
    assert_eq!(found(&judged), Some((K::EcPointCompressed, false, Some(1))));
    assert_eq!(
        judged.report.errors,
        vec![],
        "the leaf's signature verifies"
    );
    assert_eq!(judged.report.firefox_error, Some(F::UnsupportedEcPointForm));
    assert_eq!(judged.report.openssl, vec![]);
}

/// A serial number not in DER (`chrome_der::integer_fault`): Chrome reads it (checked live
/// against Chromium 156: such a self-signed certificate is ERR_CERT_AUTHORITY_INVALID, as
/// one with its serial number in DER), mozilla::pkix refuses the site's and leaves an
/// authority out, and OpenSSL decodes neither, so its TLS clients end the handshake and
/// `openssl verify` cannot load the file (compared with the real curl, Python and openssl
/// in tests/cert_openssl_clients.rs).
#[test]
fn a_serial_number_not_in_der_is_read_by_chrome_alone() {
    use imasara::cert::Client;
    use imasara::cert::FirefoxError as F;
    use imasara::cert::IntegerFault as I;
    use imasara::cert::openssl::{DecodeFault, LeafNames, OpenSslHandshakeError as H};
    let root_ca = root("Root", EC);
    let intermediate = sub_ca("Intermediate", EC, &root_ca, None);
    let leaf = support::leaf(EC, &intermediate);
    let host = Some("www.example.test");
    let serial =
        |content: &'static [u8]| move |f: &mut Vec<Vec<u8>>| f[1] = support::wrap(0x02, content);
    let found = |judged: &Outcome| {
        judged.report.findings.iter().find_map(|f| match f.kind {
            FindingKind::SerialNotDer { fault, site } => Some((fault, site, f.certificate)),
            _ => None,
        })
    };
    let says = |judged: &Outcome, client: Client| {
        client.says_for(&judged.report, host, &LeafNames::default())
    };
    let cases: [(&'static [u8], I); 4] = [
        (&[0x00, 0x01], I::Padded),
        (&[0xff, 0x80, 0x00], I::Padded),
        (&[0x00, 0x00, 0x80], I::Padded),
        (&[], I::Empty),
    ];
    for (content, fault) in cases {
        let site = support::with_signed_fields(leaf.der(), &intermediate.key, serial(content));
        let input = format!(
            "{}{}",
            pem_of("CERTIFICATE", &site),
            pem(&[&intermediate.cert])
        );
        let judged = generated(&input, &root_ca, host);
        assert_eq!(
            judged.certificates, 2,
            "{content:02x?}: x509-parser reads it"
        );
        assert_eq!(
            judged.report.errors,
            vec![],
            "{content:02x?}: Chrome reads it"
        );
        // NSS's decoding refuses an empty INTEGER, mozilla::pkix a padded one.
        let firefox = match fault {
            I::Empty => F::BadDer,
            I::Padded => F::InvalidIntegerEncoding,
        };
        assert_eq!(judged.report.firefox_error, Some(firefox), "{content:02x?}");
        assert_eq!(fault.firefox_error(), firefox);
        assert_eq!(
            found(&judged),
            Some((fault, true, Some(0))),
            "{content:02x?}"
        );
        let decode = match fault {
            I::Padded => DecodeFault::IllegalPadding,
            I::Empty => DecodeFault::IllegalZeroContent,
        };
        assert_eq!(
            judged.report.openssl_handshake,
            Some(H::Undecodable {
                depth: 0,
                fault: decode,
                others_read: true,
            })
        );
        assert_eq!(
            says(&judged, Client::OpensslVerify).as_deref(),
            Some("Could not read certificate file from site.pem")
        );
        assert_eq!(
            says(&judged, Client::PythonStrict).as_deref(),
            Some("[SSL] ASN1 lib")
        );

        let authority =
            support::with_signed_fields(intermediate.cert.der(), &root_ca.key, serial(content));
        let input = format!("{}{}", pem(&[&leaf]), pem_of("CERTIFICATE", &authority));
        let judged = generated(&input, &root_ca, host);
        assert_eq!(
            judged.report.errors,
            vec![],
            "{content:02x?}: Chrome reads it"
        );
        assert_eq!(judged.report.firefox_error, Some(F::UnknownIssuer));
        assert_eq!(
            found(&judged),
            Some((fault, false, Some(1))),
            "{content:02x?}"
        );
        assert_eq!(
            judged.report.openssl_handshake,
            Some(H::Undecodable {
                depth: 1,
                fault: decode,
                others_read: false,
            })
        );
        assert_eq!(
            says(&judged, Client::OpensslVerify).as_deref(),
            Some("Could not read any untrusted certificates from chain.pem")
        );
    }
    // In DER: a leading octet that gives the sign, a negative number, zero.
    for content in [&[0x00, 0x80][..], &[0xff, 0x7f], &[0x00]] {
        let site = support::with_signed_fields(leaf.der(), &intermediate.key, serial(content));
        let input = format!(
            "{}{}",
            pem_of("CERTIFICATE", &site),
            pem(&[&intermediate.cert])
        );
        let judged = generated(&input, &root_ca, host);
        assert_eq!(found(&judged), None, "{content:02x?}");
        assert_eq!(judged.report.openssl_handshake, None, "{content:02x?}");
        assert_ne!(judged.report.firefox_error, Some(F::InvalidIntegerEncoding));
    }
    // The signature's BIT STRING: with a bit unused, mozilla::pkix reads it (after NSS's
    // decoding) as a bad signature (`der::SignedData`); with a longer length, NSS's decoding
    // refuses it.
    let der = leaf.der().to_vec();
    let at = (0..der.len() - 2)
        .rev()
        .find(|&i| der[i] == 0x03 && usize::from(der[i + 1]) == der.len() - i - 2)
        .expect("the signature's BIT STRING");
    let header = if der[1] == 0x82 { 4 } else { 3 };
    let rewritten = |bit_string: &[u8]| {
        let body = [&der[header..at], bit_string].concat();
        format!(
            "{}{}",
            pem_of("CERTIFICATE", &support::wrap(0x30, &body)),
            pem(&[&intermediate.cert])
        )
    };
    // (The unused bit zero, as DER has it.)
    let mut one_unused = [&[0x03, der[at + 1], 0x01], &der[at + 3..]].concat();
    if let Some(last) = one_unused.last_mut() {
        *last &= 0xfe;
    }
    let longer = [&[0x03, 0x81], &der[at + 1..]].concat();
    for (bit_string, firefox) in [(one_unused, F::BadSignature), (longer, F::BadDer)] {
        let judged = generated(&rewritten(&bit_string), &root_ca, host);
        assert_eq!(judged.certificates, 2, "x509-parser reads it");
        assert_eq!(judged.report.firefox_error, Some(firefox));
    }
    // The site's elements not in DER before the serial number's is asked: SEC_ERROR_BAD_DER.
    let site = support::with_signed_fields(leaf.der(), &intermediate.key, |f| {
        f[1] = vec![0x02, 0x81, 0x02, 0x00, 0x01];
    });
    let input = format!(
        "{}{}",
        pem_of("CERTIFICATE", &site),
        pem(&[&intermediate.cert])
    );
    let judged = generated(&input, &root_ca, host);
    assert_eq!(judged.report.firefox_error, Some(F::BadDer));
}

/// A name's value OpenSSL cannot decode (`openssl::DecodeFault`): its clients end the
/// handshake, `openssl verify` cannot load the file; the first fault in OpenSSL's order
/// (the serial number, the issuer's name, the subject's; in a name, every value's type and
/// length before any value's characters). Compared with the real programs in
/// tests/cert_openssl_clients.rs.
#[test]
fn a_name_openssl_cannot_decode_ends_its_clients_handshake() {
    use imasara::cert::openssl::{DecodeFault as D, OpenSslHandshakeError as H};
    let root_ca = root("Root", EC);
    let intermediate = sub_ca("Intermediate", EC, &root_ca, None);
    let leaf = support::leaf(EC, &intermediate);
    let host = Some("www.example.test");
    // The subject as organisations (each its tag and octets), then CN=www.example.test.
    // An attribute type 2.5.4.10 unless a value's tag is 0x0c written under 2.5.4.0x8a (an
    // OID whose last octet has its top bit set): `ORG_BAD_OID` below.
    let subject = |values: &[(u8, &[u8])]| {
        let mut attributes: Vec<(u8, u8, &[u8])> = values
            .iter()
            .map(|&(tag, value)| match tag {
                ORG_BAD_OID => (0x8a, 0x0c, value),
                _ => (10, tag, value),
            })
            .collect();
        attributes.push((3, 0x0c, b"www.example.test"));
        support::name_of(&attributes)
    };
    let judged_with = |values: &[(u8, &[u8])], serial: Option<Vec<u8>>| {
        let name = subject(values);
        let site = support::with_signed_fields(leaf.der(), &intermediate.key, |f| {
            f[5] = name.clone();
            if let Some(serial) = &serial {
                f[1] = serial.clone();
            }
        });
        let input = format!(
            "{}{}",
            pem_of("CERTIFICATE", &site),
            pem(&[&intermediate.cert])
        );
        generated(&input, &root_ca, host)
    };
    // The organisation's values, each its tag and octets, and what OpenSSL meets first.
    type Values<'a> = &'a [(u8, &'a [u8])];
    const ORG_BAD_OID: u8 = 0xff;
    let cases: [(Values, Option<D>); 19] = [
        (&[(0x13, b"Example")], None),
        (&[(0x1a, b"Example")], Some(D::MstringWrongTag)),
        (&[(0x1b, b"Example")], Some(D::MstringWrongTag)),
        (&[(0x04, b"Example")], Some(D::MstringWrongTag)),
        (&[(0x0a, b"\x01")], Some(D::MstringWrongTag)),
        (&[(0x80, b"Example")], Some(D::MstringNotUniversal)),
        (&[(ORG_BAD_OID, b"Example")], Some(D::InvalidObjectEncoding)),
        (&[(0x10, b"Example")], Some(D::TypeNotConstructed)),
        (&[(0x03, b"")], Some(D::StringTooShort)),
        (&[(0x03, b"\x08\x00")], Some(D::InvalidBitStringBitsLeft)),
        // A string in constructed form, which OpenSSL joins first: not judged.
        (&[(0x3e, b"\x1e\x01\x00")], None),
        (&[(0x1e, b"\x00A\x00")], Some(D::BmpstringIsWrongLength)),
        (
            &[(0x1c, b"\x00\x00\x00")],
            Some(D::UniversalstringIsWrongLength),
        ),
        (&[(0x0c, b"\xff")], Some(D::InvalidUtf8string)),
        (&[(0x0c, b"\xed\xa0\x80")], Some(D::InvalidUtf8string)),
        (&[(0x1e, b"\xd8\x00")], Some(D::IllegalCharacters)),
        (&[(0x1c, b"\x00\x11\x00\x00")], Some(D::IllegalCharacters)),
        // What OpenSSL takes: a TeletexString, an IA5String or PrintableString of any
        // octets, a BIT STRING.
        (
            &[
                (0x14, b"\xe9"),
                (0x16, b"\xff"),
                (0x13, b"a&b"),
                (0x03, b"\x00A"),
            ],
            None,
        ),
        // Every value's type before any value's characters.
        (
            &[(0x0c, b"\xff"), (0x1a, b"Example")],
            Some(D::MstringWrongTag),
        ),
    ];
    for (values, fault) in cases {
        let judged = judged_with(values, None);
        assert_eq!(
            judged.certificates, 2,
            "{values:02x?}: x509-parser reads it"
        );
        assert_eq!(
            judged.report.openssl_handshake,
            fault.map(|fault| H::Undecodable {
                depth: 0,
                fault,
                others_read: true,
            }),
            "{values:02x?}"
        );
        let found = judged.report.findings.iter().find_map(|f| match f.kind {
            FindingKind::NameUndecodableToOpenSsl { fault } => Some(fault),
            _ => None,
        });
        assert_eq!(found, fault, "{values:02x?}");
    }
    // The serial number comes first.
    let judged = judged_with(&[(0x1a, b"Example")], Some(vec![0x02, 0x02, 0x00, 0x01]));
    assert_eq!(
        judged.report.openssl_handshake,
        Some(H::Undecodable {
            depth: 0,
            fault: D::IllegalPadding,
            others_read: true,
        })
    );
}

/// A name's values as Chrome reads them (`chrome_der::name`): as it takes the site's
/// certificate out of the handshake (`ERR_SSL_SERVER_CERT_BAD_FORMAT`) and in its verifier
/// (`ERR_CERT_INVALID` for the site, an authority left out). Firefox and OpenSSL read
/// them. Checked live against Chromium 156 in tests/e2e/cert_handshake.spec.ts.
#[test]
fn a_names_values_are_judged_as_chrome_reads_them() {
    use imasara::cert::findings::ChromeRule as R;
    let root_ca = root("Root", EC);
    let intermediate = sub_ca("Intermediate", EC, &root_ca, None);
    // A name: one attribute under 2.5.4 (its last OID octet, the value's tag and octets),
    // then "CN=Intermediate" or "CN=www.example.test".
    let name = |attribute: u8, tag: u8, value: &[u8], cn: &str| {
        support::name_of(&[(attribute, tag, value), (3, 0x0c, cn.as_bytes())])
    };
    let frames = |report: &Report| -> Vec<(usize, R, bool, Option<E>)> {
        report
            .findings
            .iter()
            .filter_map(|f| match f.kind {
                FindingKind::CertificateFrameInvalid {
                    rule,
                    verifier_only,
                    ..
                } => Some((f.certificate.unwrap(), rule, verifier_only, f.error)),
                _ => None,
            })
            .collect()
    };
    const O: u8 = 10;
    const SERIAL: u8 = 5;
    // The site's subject.
    for (attribute, value, verifier_only, error) in [
        (O, &b"AT&T"[..], false, E::ServerCertBadFormat),
        (SERIAL, &b"x@y"[..], true, E::Invalid),
    ] {
        let site = support::with_signed_fields(
            support::leaf(EC, &intermediate).der(),
            &intermediate.key,
            |f| f[5] = name(attribute, 0x13, value, "www.example.test"),
        );
        let input = format!(
            "{}{}",
            pem_of("CERTIFICATE", &site),
            pem(&[&intermediate.cert])
        );
        let judged = generated(&input, &root_ca, Some("www.example.test"));
        assert_eq!(judged.report.primary_error, Some(error), "{value:?}");
        assert_eq!(
            frames(&judged.report),
            vec![(0, R::NameValue, verifier_only, Some(error))]
        );
        assert_eq!(judged.report.firefox_error, None, "Firefox reads it");
        assert_eq!(judged.report.openssl, vec![], "OpenSSL reads it");
    }
    // An authority whose subject the verifier does not read: left out; the site, whose
    // issuer name it is, is refused by the verifier too.
    let odd = name(SERIAL, 0x13, b"x@y", "Intermediate");
    let authority = support::with_signed_fields(intermediate.cert.der(), &root_ca.key, |f| {
        f[5] = odd.clone()
    });
    let site = support::with_signed_fields(
        support::leaf(EC, &intermediate).der(),
        &intermediate.key,
        |f| f[3] = odd.clone(),
    );
    let input = format!(
        "{}{}",
        pem_of("CERTIFICATE", &site),
        pem_of("CERTIFICATE", &authority)
    );
    let judged = generated(&input, &root_ca, Some("www.example.test"));
    assert_eq!(
        frames(&judged.report),
        vec![
            (0, R::NameValue, true, Some(E::Invalid)),
            (1, R::NameValue, true, Some(E::AuthorityInvalid))
        ]
    );
    assert_eq!(judged.report.firefox_error, None, "Firefox reads it");
    // A type Chrome does not read in a common name, and an asterisk it reads.
    for (tag, value, error) in [
        (0x12, &b"12345"[..], Some(E::ServerCertBadFormat)),
        (0x13, &b"AT*T"[..], None),
    ] {
        let attribute = if tag == 0x12 { 3 } else { O };
        let site = support::with_signed_fields(
            support::leaf(EC, &intermediate).der(),
            &intermediate.key,
            |f| f[5] = name(attribute, tag, value, "www.example.test"),
        );
        let input = format!(
            "{}{}",
            pem_of("CERTIFICATE", &site),
            pem(&[&intermediate.cert])
        );
        let judged = generated(&input, &root_ca, Some("www.example.test"));
        assert_eq!(judged.report.primary_error, error, "{value:?}");
    }
}
