//! What OpenSSL-based clients say, against the clients themselves: the engine's
//! `openssl verify` line is compared with the real `openssl verify` on every fixture chain
//! and on generated chains with one defect each; curl's and Python's words with the real
//! curl and Python, connecting to `openssl s_server` serving a generated chain.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use imasara::cert::openssl::LeafNames;
use imasara::cert::{Analysis, Anchor, Client, Options, Report, UnixTime};
use rcgen::{
    BasicConstraints, Certificate, CertificateParams, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose, SanType, date_time_ymd,
};

mod support;
use support::{Ca, params, root, sub_ca};

const EC: &rcgen::SignatureAlgorithm = &rcgen::PKCS_ECDSA_P256_SHA256;

/// A file in this suite's scratch folder. The tests run in parallel: each names its files
/// with its own prefix.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("openssl-clients");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/cert/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

/// The PEM certificates of a text, in order.
fn blocks(text: &str) -> Vec<String> {
    text.split_inclusive("-----END CERTIFICATE-----")
        .filter(|b| b.contains("-----BEGIN CERTIFICATE-----"))
        .map(|b| b[b.find("-----BEGIN").unwrap()..].to_string() + "\n")
        .collect()
}

fn judge(input: &str, anchors: Vec<Anchor>, host: &str, at: UnixTime) -> (Analysis, Report) {
    let analysis = Analysis::parse(input.as_bytes());
    let report = analysis.judge(&Options {
        at,
        host: Some(host.to_owned()),
        extra_anchors: anchors,
        mozilla_roots: false,
    });
    (analysis, report)
}

fn leaf_names<'a>(analysis: &'a Analysis, report: &Report) -> LeafNames<'a> {
    report
        .chain
        .first()
        .and_then(|&i| analysis.certificates().get(i))
        .map(LeafNames::of)
        .unwrap_or_default()
}

/// The first line `openssl verify` prints about the leaf: `error N at D depth lookup: …`,
/// or "OK".
fn openssl_verify(name: &str, input: &str, ca_file: &Path, host: &str, at: UnixTime) -> String {
    openssl_verify_with(name, input, ca_file, host, at, &[])
}

/// `openssl verify`'s flags for a TLS client: `-purpose sslserver -auth_level 2` (the
/// security level Debian's OpenSSL and Python 3.10+ set).
const AS_TLS_CLIENT: &[&str] = &["-purpose", "sslserver", "-auth_level", "2"];

/// The same as Python 3.13 and later verify: strict mode and partial chains on
/// (`create_default_context` in Lib/ssl.py).
const AS_STRICT_CLIENT: &[&str] = &[
    "-purpose",
    "sslserver",
    "-auth_level",
    "2",
    "-x509_strict",
    "-partial_chain",
];

fn openssl_verify_as_tls_client(
    name: &str,
    input: &str,
    ca_file: &Path,
    host: &str,
    at: UnixTime,
) -> String {
    openssl_verify_with(name, input, ca_file, host, at, AS_TLS_CLIENT)
}

fn openssl_verify_as_strict_client(
    name: &str,
    input: &str,
    ca_file: &Path,
    host: &str,
    at: UnixTime,
) -> String {
    openssl_verify_with(name, input, ca_file, host, at, AS_STRICT_CLIENT)
}

fn openssl_verify_with(
    name: &str,
    input: &str,
    ca_file: &Path,
    host: &str,
    at: UnixTime,
    extra: &[&str],
) -> String {
    let certs = blocks(input);
    let leaf = scratch(&format!("{name}-leaf.pem"));
    std::fs::write(&leaf, &certs[0]).unwrap();
    let mut args: Vec<String> = vec![
        "verify".into(),
        "-CAfile".into(),
        ca_file.display().to_string(),
        "-attime".into(),
        at.seconds().to_string(),
        // An address is checked as one: `-verify_ip` (X509_check_ip), as Python does.
        if host.parse::<std::net::IpAddr>().is_ok() {
            "-verify_ip".into()
        } else {
            "-verify_hostname".into()
        },
        host.into(),
    ];
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    if certs.len() > 1 {
        let rest = scratch(&format!("{name}-rest.pem"));
        std::fs::write(&rest, certs[1..].concat()).unwrap();
        args.push("-untrusted".into());
        args.push(rest.display().to_string());
    }
    args.push(leaf.display().to_string());
    let out = Command::new("openssl")
        .args(&args)
        .output()
        .expect("openssl (make tools installs it)");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let first_error = text
        .lines()
        .find(|l| l.starts_with("error ") && l.contains(" depth lookup: "));
    match first_error {
        Some(line) => {
            assert!(
                !out.status.success(),
                "{name}: an error and success: {text}"
            );
            line.to_owned()
        }
        None => {
            assert!(
                out.status.success(),
                "{name}: no error line, no success: {text}"
            );
            "OK".to_owned()
        }
    }
}

/// The engine's Python rows against `openssl verify` as a TLS client and as Python 3.13
/// (strict mode) verify the same input.
fn assert_python_rows_agree(
    label: &str,
    input: &str,
    ca_file: &Path,
    host: &str,
    at: UnixTime,
    report: &Report,
    context: &str,
) {
    let real = openssl_verify_as_tls_client(label, input, ca_file, host, at);
    assert_eq!(
        engine_as(Client::Python, report),
        real,
        "as a TLS client: {context}"
    );
    let real = openssl_verify_as_strict_client(label, input, ca_file, host, at);
    assert_eq!(
        engine_as(Client::PythonStrict, report),
        real,
        "as Python 3.13: {context}"
    );
}

fn engine_verify(analysis: &Analysis, report: &Report, host: &str) -> String {
    Client::OpensslVerify
        .says(&report.openssl, Some(host), &leaf_names(analysis, report))
        .unwrap_or_else(|| "OK".to_owned())
}

/// The failure a Python client reports first, in `openssl verify`'s words.
fn engine_as(client: Client, report: &Report) -> String {
    client.first_failure(&report.openssl).map_or_else(
        || "OK".to_owned(),
        |f| {
            format!(
                "error {} at {} depth lookup: {}",
                f.error.code(),
                f.depth,
                f.error.text()
            )
        },
    )
}

#[test]
fn openssl_verify_agrees_on_every_fixture_chain() {
    let bundle = Path::new("/etc/ssl/certs/ca-certificates.crt");
    let anchors = Anchor::from_input(&std::fs::read(bundle).expect("Debian's ca-certificates"));
    let cases: &[(&str, &str)] = &[
        ("badssl/subdomain-1000-sans.pem", "1000-sans.badssl.com"),
        (
            "badssl/subdomain-extended-validation.pem",
            "extended-validation.badssl.com",
        ),
        (
            "badssl/subdomain-no-common-name.pem",
            "no-common-name.badssl.com",
        ),
        ("badssl/subdomain-no-sct.pem", "no-sct.badssl.com"),
        ("badssl/subdomain-no-subject.pem", "no-subject.badssl.com"),
        ("badssl/subdomain-revoked.pem", "revoked.badssl.com"),
        ("badssl/wildcard-ecc256.pem", "ecc256.badssl.com"),
        ("badssl/wildcard-ecc384.pem", "ecc384.badssl.com"),
        ("badssl/wildcard-expired.pem", "expired.badssl.com"),
        (
            "badssl/wildcard-incomplete-chain.pem",
            "incomplete-chain.badssl.com",
        ),
        ("badssl/wildcard-rsa2048.pem", "rsa2048.badssl.com"),
        ("badssl/wildcard-rsa4096.pem", "rsa4096.badssl.com"),
        ("badssl/wildcard-rsa8192.pem", "rsa8192.badssl.com"),
        ("badssl/wildcard-self-signed.pem", "self-signed.badssl.com"),
        ("badssl/wildcard-sha1-2016.pem", "sha1-2016.badssl.com"),
        (
            "badssl/wildcard-sha1-intermediate.pem",
            "sha1-intermediate.badssl.com",
        ),
        ("badssl/wildcard-sha384.pem", "sha384.badssl.com"),
        ("real-chains/amazon.com.pem", "amazon.com"),
        ("real-chains/apple.com.pem", "www.apple.com"),
        ("real-chains/cloudflare.com.pem", "cloudflare.com"),
        ("real-chains/docs.python.org.pem", "docs.python.org"),
        ("real-chains/google.com.pem", "www.google.com"),
        ("real-chains/stackoverflow.com.pem", "stackoverflow.com"),
    ];
    // 2020-04-22 (most badssl chains in date), 2026-06-01, 2026-11-27; a wrong host, and an
    // address none of them names.
    let dates = [1_587_513_600, 1_780_272_000, 1_795_737_600].map(UnixTime);
    let mut compared = 0;
    for (file, host) in cases {
        let input = fixture(file);
        for at in dates {
            for host in [*host, "wrong.example.org", "192.0.2.1"] {
                let (analysis, report) = judge(&input, anchors.clone(), host, at);
                let name = file.replace('/', "-");
                let real = openssl_verify(&name, &input, bundle, host, at);
                let ours = engine_verify(&analysis, &report, host);
                assert_eq!(ours, real, "{file} for {host} at {}", at.to_rfc3339());
                let real = openssl_verify_as_tls_client(&name, &input, bundle, host, at);
                let ours = engine_as(Client::Python, &report);
                assert_eq!(
                    ours,
                    real,
                    "as a TLS client: {file} for {host} at {}",
                    at.to_rfc3339()
                );
                let real = openssl_verify_as_strict_client(&name, &input, bundle, host, at);
                let ours = engine_as(Client::PythonStrict, &report);
                assert_eq!(
                    ours,
                    real,
                    "as Python 3.13: {file} for {host} at {}",
                    at.to_rfc3339()
                );
                compared += 1;
            }
        }
    }
    assert_eq!(compared, cases.len() * 9);
}

/// Keys and digests under OpenSSL's security level 2 (RSA under 2048 bits, SHA-1), which
/// only TLS clients apply, in the chains made with openssl (tests/fixtures/cert/openssl).
#[test]
fn the_security_level_agrees_on_small_keys_and_sha1() {
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cert/openssl/rsa-root.pem");
    let anchors = Anchor::from_input(&std::fs::read(&root).unwrap());
    let cases = [
        "openssl/leaf-rsa-1024.pem",
        "openssl/leaf-rsa-768.pem",
        "openssl/leaf-rsa-pkcs1-sha1.pem",
        "openssl/leaf-rsa-pkcs1-sha256.pem",
        "openssl/leaf-rsa-pss-sha256.pem",
    ];
    let mut compared = 0;
    for file in cases {
        let input = fixture(file);
        // The script dates its certificates from its run: a day after the leaf's start.
        let start = Analysis::parse(input.as_bytes()).certificates()[0].not_before;
        let at = UnixTime(start.seconds() + 86_400);
        for host in ["rsa.example.test", "wrong.example.org"] {
            let (analysis, report) = judge(&input, anchors.clone(), host, at);
            let name = file.replace('/', "-");
            let real = openssl_verify(&name, &input, &root, host, at);
            assert_eq!(
                engine_verify(&analysis, &report, host),
                real,
                "{file}, {host}"
            );
            let real = openssl_verify_as_tls_client(&name, &input, &root, host, at);
            assert_eq!(
                engine_as(Client::Python, &report),
                real,
                "as a TLS client: {file}, {host}"
            );
            let real = openssl_verify_as_strict_client(&name, &input, &root, host, at);
            assert_eq!(
                engine_as(Client::PythonStrict, &report),
                real,
                "as Python 3.13: {file}, {host}"
            );
            compared += 1;
        }
    }
    assert_eq!(compared, cases.len() * 2);
}

/// A key whose elliptic curve is written out rather than named: OpenSSL refuses it at its
/// depth in any chain of two or more (`check_curve`), strict mode or not; alone, trusted
/// as it is, it is not read.
#[test]
fn a_curve_written_out_is_refused_where_openssl_refuses_it() {
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cert/openssl/ec-root.pem");
    let anchors = Anchor::from_input(&std::fs::read(&root).unwrap());
    let leaf = fixture("openssl/leaf-ec-explicit.pem");
    let under = fixture("openssl/leaf-under-ec-explicit-int.pem");
    let intermediate = fixture("openssl/ec-explicit-int.pem");
    let cases = [
        ("leaf", leaf.clone(), "94 at 0"),
        ("intermediate", format!("{under}{intermediate}"), "94 at 1"),
        (
            "leaf-with-root",
            format!("{leaf}{}", fixture("openssl/ec-root.pem")),
            "94 at 0",
        ),
    ];
    let start = Analysis::parse(leaf.as_bytes()).certificates()[0].not_before;
    let at = UnixTime(start.seconds() + 86_400);
    for (name, input, expected) in cases {
        let host = "rsa.example.test";
        let (analysis, report) = judge(&input, anchors.clone(), host, at);
        let label = format!("explicit-curve-{name}");
        let real = openssl_verify(&label, &input, &root, host, at);
        assert!(real.contains(expected), "{name}: openssl says {real}");
        assert_eq!(engine_verify(&analysis, &report, host), real, "{name}");
        assert_python_rows_agree(&label, &input, &root, host, at, &report, name);
    }
    // The leaf alone, trusted itself: a chain of one, which check_curve does not read.
    let leaf_file = scratch("explicit-curve-leaf-trusted.pem");
    std::fs::write(&leaf_file, &leaf).unwrap();
    let (analysis, report) = judge(
        &leaf,
        Anchor::from_input(leaf.as_bytes()),
        "rsa.example.test",
        at,
    );
    let real = openssl_verify(
        "explicit-curve-alone",
        &leaf,
        &leaf_file,
        "rsa.example.test",
        at,
    );
    assert_eq!(
        engine_verify(&analysis, &report, "rsa.example.test"),
        real,
        "alone"
    );
    assert!(!real.contains("94"), "alone: {real}");
}

/// A chain made for one defect: root, intermediate, leaf (for www.example.test).
struct Made {
    root: Ca,
    chain: Vec<Certificate>,
    leaf_key: KeyPair,
}

fn leaf_params() -> CertificateParams {
    let mut p = params("www.example.test", IsCa::ExplicitNoCa);
    p.not_after = date_time_ymd(2090, 1, 1);
    p
}

fn ca_params(cn: &str) -> CertificateParams {
    let mut p = params(cn, IsCa::Ca(BasicConstraints::Unconstrained));
    p.not_after = date_time_ymd(2090, 1, 1);
    p
}

/// A root valid until 2090, so that the live clients agree whatever day they run.
fn long_lived_root(cn: &str) -> Ca {
    let mut r = root(cn, EC);
    r.params.not_after = date_time_ymd(2090, 1, 1);
    r.cert = r.params.self_signed(&r.key).unwrap();
    r
}

fn made(
    intermediate: CertificateParams,
    leaf: CertificateParams,
    root_params: Option<CertificateParams>,
) -> Made {
    let root_ca = match root_params {
        Some(p) => {
            let key = KeyPair::generate_for(EC).unwrap();
            let cert = p.self_signed(&key).unwrap();
            Ca {
                params: p,
                key,
                cert,
            }
        }
        None => long_lived_root("Clients Test Root"),
    };
    let inter = sub_ca(
        "Clients Test Intermediate",
        EC,
        &root_ca,
        Some(intermediate),
    );
    let leaf_key = KeyPair::generate_for(EC).unwrap();
    let leaf_cert = leaf
        .signed_by(
            &leaf_key,
            &rcgen::Issuer::from_params(&inter.params, &inter.key),
        )
        .unwrap();
    Made {
        root: root_ca,
        chain: vec![leaf_cert, inter.cert],
        leaf_key,
    }
}

/// Each defect, the chain that has it; judged at 2026-06-01 (any date from 2026-01-02 to
/// 2089 gives the same, so the live clients below agree whatever day they run).
fn defects() -> Vec<(&'static str, Made)> {
    let mut out = vec![("good", made(ca_params("I"), leaf_params(), None))];
    let mut expired = leaf_params();
    expired.not_after = date_time_ymd(2026, 1, 1);
    out.push(("expired-leaf", made(ca_params("I"), expired, None)));
    let mut expired_ca = ca_params("I");
    expired_ca.not_after = date_time_ymd(2026, 1, 1);
    out.push((
        "expired-intermediate",
        made(expired_ca, leaf_params(), None),
    ));
    let mut future = leaf_params();
    future.not_before = date_time_ymd(2099, 1, 1);
    future.not_after = date_time_ymd(2100, 1, 1);
    out.push(("not-yet-valid-leaf", made(ca_params("I"), future, None)));
    let mut not_ca = ca_params("I");
    not_ca.is_ca = IsCa::ExplicitNoCa;
    out.push(("intermediate-not-ca", made(not_ca, leaf_params(), None)));
    let mut no_cert_sign = ca_params("I");
    no_cert_sign.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    out.push((
        "intermediate-without-keycertsign",
        made(no_cert_sign, leaf_params(), None),
    ));
    let mut short_root = ca_params("Clients Test Root");
    short_root.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    out.push((
        "path-length-exceeded",
        made(ca_params("I"), leaf_params(), Some(short_root)),
    ));
    let mut client_only = leaf_params();
    client_only.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    out.push((
        "leaf-for-clients-only",
        made(ca_params("I"), client_only, None),
    ));
    let mut cn_only = leaf_params();
    cn_only.subject_alt_names = vec![];
    out.push(("leaf-with-cn-only", made(ca_params("I"), cn_only, None)));
    // An address only as the common name: curl reads it, OpenSSL's address check does not.
    let mut cn_address = params("127.0.0.1", IsCa::ExplicitNoCa);
    cn_address.not_after = date_time_ymd(2090, 1, 1);
    cn_address.subject_alt_names = vec![];
    out.push((
        "leaf-with-an-address-as-cn-only",
        made(ca_params("I"), cn_address, None),
    ));
    let mut other_name = leaf_params();
    other_name.subject_alt_names = vec![SanType::DnsName("other.example.test".try_into().unwrap())];
    out.push((
        "leaf-for-another-name",
        made(ca_params("I"), other_name, None),
    ));
    // The purpose every OpenSSL-based TLS client asks for (`sslserver`): an intermediate
    // for clients only, a leaf whose only extended key usage is "any", a leaf key for
    // signing documents only.
    let mut client_ca = ca_params("I");
    client_ca.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    out.push((
        "intermediate-for-clients-only",
        made(client_ca, leaf_params(), None),
    ));
    let mut any_eku = leaf_params();
    any_eku.extended_key_usages = vec![ExtendedKeyUsagePurpose::Any];
    out.push(("leaf-for-any-purpose", made(ca_params("I"), any_eku, None)));
    let mut commitment = leaf_params();
    commitment.key_usages = vec![KeyUsagePurpose::ContentCommitment];
    out.push((
        "leaf-key-for-content-commitment",
        made(ca_params("I"), commitment, None),
    ));
    // A leaf key for keyEncipherment alone: OpenSSL's purpose takes it (one of the three
    // uses of a TLS server's key), as OpenSSL-based clients connect over TLS 1.3 (Chrome
    // does not: ERR_SSL_KEY_USAGE_INCOMPATIBLE); for keyCertSign alone, it does not.
    let mut encipherment = leaf_params();
    encipherment.key_usages = vec![KeyUsagePurpose::KeyEncipherment];
    out.push((
        "leaf-key-for-key-encipherment",
        made(ca_params("I"), encipherment, None),
    ));
    let mut cert_sign = leaf_params();
    cert_sign.key_usages = vec![KeyUsagePurpose::KeyCertSign];
    out.push((
        "leaf-key-for-certificate-signing",
        made(ca_params("I"), cert_sign, None),
    ));
    // keyUsage as OpenSSL reads its bytes: a byte after the BIT STRING is ignored (the
    // browsers refuse it). One it cannot read is compared with openssl verify and Python
    // only (`a_key_usage_is_read_as_openssl_reads_it`): curl then says error 35 and
    // OpenSSL's "invalid certificate" for some such chains and error 60 for others, which
    // is not modelled.
    out.push((
        "leaf-key-usage-with-a-byte-after",
        made(
            ca_params("I"),
            with_raw_key_usage(&[0x03, 0x02, 0x07, 0x80, 0x00]),
            None,
        ),
    ));
    // What only strict mode (Python 3.13 and later) refuses: an authority without key
    // usage, a leaf without an authority key identifier.
    let mut no_key_usage = ca_params("I");
    no_key_usage.key_usages = vec![];
    out.push((
        "intermediate-without-key-usage",
        made(no_key_usage, leaf_params(), None),
    ));
    let mut no_aki = leaf_params();
    no_aki.use_authority_key_identifier_extension = false;
    out.push((
        "leaf-without-authority-key-identifier",
        made(ca_params("I"), no_aki, None),
    ));
    out
}

fn pem_of(certs: &[&Certificate]) -> String {
    certs.iter().map(|c| c.pem()).collect::<Vec<_>>().join("")
}

#[test]
fn openssl_verify_agrees_on_each_generated_defect() {
    let at = UnixTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
    let mut compared = 0;
    for (name, m) in defects() {
        let root_file = scratch(&format!("verify-{name}-root.pem"));
        std::fs::write(&root_file, m.root.cert.pem()).unwrap();
        let anchors = Anchor::from_input(m.root.cert.pem().as_bytes());
        let chain: Vec<&Certificate> = m.chain.iter().collect();
        // As served (leaf and intermediate), the leaf alone, and with the root pasted too;
        // for the leaf's name and for an address it does not name.
        let inputs = [
            ("served", pem_of(&chain)),
            ("leaf-only", pem_of(&chain[..1])),
            ("with-root", pem_of(&[chain[0], chain[1], &m.root.cert])),
        ];
        for (shape, input) in inputs {
            for (with_anchor, ca_file) in [(true, root_file.clone()), (false, empty_ca_file())] {
                for host in ["www.example.test", "127.0.0.1"] {
                    let anchors = if with_anchor { anchors.clone() } else { vec![] };
                    let (analysis, report) = judge(&input, anchors, host, at);
                    let label = format!("verify-{name}-{shape}");
                    let real = openssl_verify(&label, &input, &ca_file, host, at);
                    let ours = engine_verify(&analysis, &report, host);
                    let context =
                        format!("{name}, {shape}, root trusted: {with_anchor}, host {host}");
                    assert_eq!(ours, real, "{context}");
                    assert_python_rows_agree(&label, &input, &ca_file, host, at, &report, &context);
                    compared += 1;
                }
            }
        }
    }
    assert_eq!(compared, defects().len() * 12);
}

/// A CA file with one unrelated root, for "nothing of this chain is trusted".
fn empty_ca_file() -> PathBuf {
    let path = scratch("unrelated-root.pem");
    if !path.exists() {
        std::fs::write(&path, root("Unrelated Root", EC).cert.pem()).unwrap();
    }
    path
}

/// `openssl s_server` serving a chain on a free loopback port; stopped on drop.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(name: &str, m: &Made) -> Server {
    serve_pem(
        name,
        &m.chain[0].pem(),
        &m.leaf_key.serialize_pem(),
        &m.chain[1].pem(),
    )
}

/// `openssl s_server` serving the leaf `leaf` (its key `key_pem`) and the intermediates
/// `rest`.
fn serve_pem(name: &str, leaf: &str, key_pem: &str, rest: &str) -> Server {
    let cert = scratch(&format!("{name}-served-leaf.pem"));
    let key = scratch(&format!("{name}-served-leaf.key"));
    let chain = scratch(&format!("{name}-served-chain.pem"));
    std::fs::write(&cert, leaf).unwrap();
    std::fs::write(&key, key_pem).unwrap();
    std::fs::write(&chain, rest).unwrap();
    let port = free_port();
    let child = Command::new("openssl")
        .args(["s_server", "-accept"])
        .arg(format!("127.0.0.1:{port}"))
        .args(["-cert"])
        .arg(&cert)
        .arg("-key")
        .arg(&key)
        .arg("-cert_chain")
        .arg(&chain)
        .args(["-www", "-quiet"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("openssl s_server");
    // With -quiet, s_server prints nothing when it listens.
    listening(child, port, "s_server")
}

/// The server `child` once it listens on `port`.
fn listening(mut child: Child, port: u16, what: &str) -> Server {
    for _ in 0..400 {
        if let Ok(Some(status)) = child.try_wait() {
            let mut err = String::new();
            if let Some(e) = child.stderr.as_mut() {
                let _ = std::io::Read::read_to_string(e, &mut err);
            }
            panic!("{what} stopped ({status}): {err}");
        }
        // A connection to a port of the ephemeral range can be the probe connecting to
        // itself (TCP simultaneous open: the kernel gave the probe the very port as its
        // own) while nothing listens; the server then cannot bind and stops, and a client
        // later finds no server (seen once in CI). Only a connection to another socket
        // counts.
        if let Ok(probe) = std::net::TcpStream::connect(("127.0.0.1", port))
            && probe.local_addr().ok() != probe.peer_addr().ok()
        {
            return Server { child, port };
        }
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    panic!("{what} did not listen on {port}");
}

/// A free loopback port.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// tests/support/tls_raw_server.py serving `chain` (PEM, the site's certificate first) with
/// the site's key `key_pem`: it sends the certificates' bytes as they are, which
/// `openssl s_server` cannot do for one OpenSSL cannot load. `None` where tlslite-ng is not
/// installed (`make py-tools`).
fn serve_raw(name: &str, chain: &str, key_pem: &str) -> Option<Server> {
    let pylib = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pylib");
    if !pylib.join("tlslite").exists() {
        println!("tlslite-ng is not installed (make py-tools): {name} not compared");
        return None;
    }
    let chain_file = scratch(&format!("{name}-raw-chain.pem"));
    let key_file = scratch(&format!("{name}-raw.key"));
    std::fs::write(&chain_file, chain).unwrap();
    std::fs::write(&key_file, key_pem).unwrap();
    let port = free_port();
    let child = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/tls_raw_server.py"))
        .arg(&chain_file)
        .arg(&key_file)
        .arg(port.to_string())
        .env("PYTHONPATH", &pylib)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 (make tools installs it)");
    Some(listening(child, port, "tls_raw_server.py"))
}

fn curl(port: u16, ca_file: &Path, host: &str) -> String {
    let out = Command::new("curl")
        .args([
            "--silent",
            "--show-error",
            "--output",
            "/dev/null",
            "--cacert",
        ])
        .arg(ca_file)
        .arg("--resolve")
        .arg(format!("{host}:{port}:127.0.0.1"))
        .arg(format!("https://{host}:{port}/"))
        .output()
        .expect("curl (make tools installs it)");
    // The first line is the error; curl adds a pointer to its documentation below it.
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// What curl says of a handshake it ends, with the library's version, which varies with the
/// machine, written as the page writes it (`OpenSSL/3.x.y`).
fn curl_without_version(port: u16, ca_file: &Path, host: &str) -> String {
    let said = curl(port, ca_file, host);
    let version = said
        .split_once("OpenSSL/")
        .and_then(|(_, rest)| rest.split_once(':'))
        .map(|(v, _)| v.to_owned())
        .unwrap_or_default();
    said.replace(&format!("OpenSSL/{version}:"), "OpenSSL/3.x.y:")
}

/// What Python's `ssl` says; `strict`: with the verify flags Python 3.13's
/// `create_default_context` adds (Lib/ssl.py), otherwise without them, whatever version
/// the machine's Python is.
fn python(port: u16, ca_file: &Path, host: &str, strict: bool) -> String {
    let script = "import socket, ssl, sys\n\
        ctx = ssl.create_default_context(cafile=sys.argv[1])\n\
        both = ssl.VERIFY_X509_PARTIAL_CHAIN | ssl.VERIFY_X509_STRICT\n\
        if sys.argv[4] == 'strict':\n\
        \x20   ctx.verify_flags |= both\n\
        else:\n\
        \x20   ctx.verify_flags &= ~both\n\
        try:\n\
        \x20   with socket.create_connection(('127.0.0.1', int(sys.argv[2]))) as s:\n\
        \x20       with ctx.wrap_socket(s, server_hostname=sys.argv[3]):\n\
        \x20           print('OK')\n\
        except ssl.SSLError as e:\n\
        \x20   print(e)\n";
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(ca_file)
        .arg(port.to_string())
        .arg(host)
        .arg(if strict { "strict" } else { "default" })
        .output()
        .expect("python3 (make tools installs it)");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

#[test]
fn curl_and_python_say_what_the_page_says_they_say() {
    // The live clients use the real clock: the defects' dates are chosen so that any day
    // from 2026-01-02 to 2089 gives the same answers as the judgement at 2026-06-01.
    let at = UnixTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
    let mut compared = 0;
    for (name, m) in defects() {
        let server = serve(name, &m);
        let root_file = scratch(&format!("live-{name}-root.pem"));
        std::fs::write(&root_file, m.root.cert.pem()).unwrap();
        let served = pem_of(&m.chain.iter().collect::<Vec<_>>());
        for (with_anchor, ca_file) in [(true, root_file.clone()), (false, empty_ca_file())] {
            for host in ["www.example.test", "wrong.example.test", "127.0.0.1"] {
                let anchors = if with_anchor {
                    Anchor::from_input(m.root.cert.pem().as_bytes())
                } else {
                    vec![]
                };
                let (analysis, report) = judge(&served, anchors, host, at);
                let names = leaf_names(&analysis, &report);
                let context = format!("{name}, root trusted: {with_anchor}, host {host}");
                let real_curl = curl(server.port, &ca_file, host);
                let ours_curl = Client::Curl.says(&report.openssl, Some(host), &names);
                match ours_curl {
                    Some(words) => assert_eq!(real_curl, words, "curl: {context}"),
                    None => assert_eq!(real_curl, "", "curl: {context}"),
                }
                for (client, strict) in [(Client::Python, false), (Client::PythonStrict, true)] {
                    let real_python = python(server.port, &ca_file, host, strict);
                    let ours_python = client.says(&report.openssl, Some(host), &names);
                    match ours_python {
                        // Python adds where in _ssl.c it raised: "(_ssl.c:992)".
                        Some(words) => assert!(
                            real_python.starts_with(&words),
                            "{client:?}: {context}: {real_python:?} does not start with {words:?}"
                        ),
                        None => assert_eq!(real_python, "OK", "{client:?}: {context}"),
                    }
                }
                compared += 1;
            }
        }
    }
    assert_eq!(compared, defects().len() * 6);
}

/// Strict mode reads Mozilla's roots too, from the system's store, though webpki-roots
/// keeps only their names and keys: the engine's list of the roots it refuses
/// (`anchors::mozilla_strict`) is what the roots' certificates say, root by root, read from
/// Debian's ca-certificates and from certifi's copy of Mozilla's list (PyPI, pinned in the
/// Makefile; `make py-tools` installs it beside the build), which between them hold every
/// root of the set.
#[test]
fn mozilla_roots_strict_mode_refuses_are_the_listed_ones() {
    let mut copies = Anchor::from_input(
        &std::fs::read("/etc/ssl/certs/ca-certificates.crt").expect("ca-certificates"),
    );
    let certifi = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pylib/certifi/cacert.pem");
    let with_certifi = certifi.exists();
    if with_certifi {
        copies.extend(Anchor::from_input(&std::fs::read(&certifi).unwrap()));
    } else {
        println!("certifi is not installed (make py-tools): Debian's roots only");
    }
    let mut compared = 0;
    let mut absent = Vec::new();
    for root in imasara::cert::anchors::mozilla() {
        let same_key: Vec<&Anchor> = copies
            .iter()
            .filter(|d| d.spki_sha256 == root.spki_sha256)
            .collect();
        if same_key.is_empty() {
            absent.push(root.name.clone());
            continue;
        }
        // Every copy (Debian's and certifi's, or a root re-issued with its key) says the same.
        for copy in same_key {
            assert_eq!(
                root.strict_failures_at_top(),
                copy.strict_failures_at_top(),
                "{} ({}) as {}",
                root.name,
                root.spki_sha256,
                copy.name
            );
        }
        compared += 1;
    }
    assert!(compared > 90, "{compared} roots compared");
    if with_certifi {
        assert!(absent.is_empty(), "in neither copy: {absent:?}");
    }
}

/// Python 3.13 and later refuse chains older Python accepts, as the machine's Python does
/// with the flags 3.13 sets (curl_and_python_say_what_the_page_says_they_say): an
/// intermediate without key usage, a leaf without an authority key identifier. The other
/// clients connect.
#[test]
fn python_3_13_refuses_what_older_python_accepts() {
    let at = UnixTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
    let expected = [
        (
            "intermediate-without-key-usage",
            "error 92 at 1 depth lookup: CA cert does not include key usage extension",
        ),
        (
            "leaf-without-authority-key-identifier",
            "error 85 at 0 depth lookup: Missing Authority Key Identifier",
        ),
        ("good", "OK"),
    ];
    let defects = defects();
    for (name, strict) in expected {
        let m = &defects.iter().find(|(n, _)| *n == name).unwrap().1;
        let served = pem_of(&m.chain.iter().collect::<Vec<_>>());
        let anchors = Anchor::from_input(m.root.cert.pem().as_bytes());
        let (_, report) = judge(&served, anchors, "www.example.test", at);
        assert_eq!(engine_as(Client::PythonStrict, &report), strict, "{name}");
        for client in [Client::OpensslVerify, Client::Curl, Client::Python] {
            assert_eq!(
                client.first_failure(&report.openssl),
                None,
                "{name}: {client:?}"
            );
        }
    }
}

/// An intermediate trusted on its own (inspect's `--trust`, the page's "trust this
/// certificate" on a chain without its root): only with `X509_V_FLAG_PARTIAL_CHAIN`, which
/// Python 3.13 and later set, does it end the chain; `openssl verify`, curl and older
/// Python look on for its issuer. A leaf trusted alone is no anchor for them at all. Against
/// the real `openssl verify` (with and without `-partial_chain`) and Python.
#[test]
fn a_trusted_intermediate_ends_the_chain_only_for_partial_chains() {
    let at = UnixTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
    let good = defects().into_iter().find(|(n, _)| *n == "good").unwrap().1;
    let served = pem_of(&good.chain.iter().collect::<Vec<_>>());
    let leaf_only = good.chain[0].pem();
    let intermediate = good.chain[1].pem();
    let both = intermediate.clone() + &good.root.cert.pem();
    let with_root = served.clone() + &good.root.cert.pem();
    let cases = [
        (
            "intermediate-served",
            served.as_str(),
            intermediate.as_str(),
        ),
        (
            "intermediate-leaf-only",
            leaf_only.as_str(),
            intermediate.as_str(),
        ),
        ("leaf-alone", leaf_only.as_str(), leaf_only.as_str()),
        // A leaf trusted, and its chain served (with its root too): without partial chains
        // OpenSSL builds on through what was pasted.
        (
            "leaf-trusted-chain-served",
            served.as_str(),
            leaf_only.as_str(),
        ),
        (
            "leaf-trusted-with-root",
            with_root.as_str(),
            leaf_only.as_str(),
        ),
        // The intermediate's own issuer trusted as well: OpenSSL goes on to it.
        ("intermediate-and-root", served.as_str(), both.as_str()),
    ];
    let server = serve("partial", &good);
    let mut refused = 0;
    for (name, input, trusted) in cases {
        let ca_file = scratch(&format!("partial-{name}-ca.pem"));
        std::fs::write(&ca_file, trusted).unwrap();
        let anchors = Anchor::from_input(trusted.as_bytes());
        for host in ["www.example.test", "wrong.example.test"] {
            let (analysis, report) = judge(input, anchors.clone(), host, at);
            let label = format!("partial-{name}");
            let context = format!("{name}, host {host}");
            let real = openssl_verify(&label, input, &ca_file, host, at);
            assert_eq!(engine_verify(&analysis, &report, host), real, "{context}");
            if ["error 2 ", "error 19 ", "error 20 "]
                .iter()
                .any(|e| real.starts_with(e))
            {
                refused += 1;
            }
            assert_python_rows_agree(&label, input, &ca_file, host, at, &report, &context);
            if input == served {
                let names = leaf_names(&analysis, &report);
                for (client, strict) in [(Client::Python, false), (Client::PythonStrict, true)] {
                    let real = python(server.port, &ca_file, host, strict);
                    match client.says(&report.openssl, Some(host), &names) {
                        Some(words) => assert!(
                            real.starts_with(&words),
                            "{client:?}: {context}: {real:?} does not start with {words:?}"
                        ),
                        None => assert_eq!(real, "OK", "{client:?}: {context}"),
                    }
                }
            }
        }
    }
    // openssl verify refused every case but the last (the wrong host comes after the chain).
    assert_eq!(refused, (cases.len() - 1) * 2);
}

/// The two signature algorithm fields of a certificate, outside its signed part and inside
/// it (RFC 5280 sections 4.1.1.2 and 4.1.2.3), apart: another algorithm inside
/// (ecdsa-with-SHA384 in a certificate signed with ecdsa-with-SHA256), or the same RSA
/// algorithm written with NULL parameters on one side and none on the other. `X509_verify`
/// compares them as written before it checks a signature (`X509_ALGOR_cmp`,
/// crypto/x509/x_all.c): error 7 wherever OpenSSL checks the leaf's signature, in
/// `openssl verify`, curl and Python alike. The browsers' side is in
/// tests/e2e/cert_chrome_algorithms.spec.ts and tests/cert_codes.rs.
#[test]
fn algorithm_fields_apart_fail_the_signature_where_openssl_checks_it() {
    let at = UnixTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
    let root_ca = long_lived_root("Fields Test Root");
    let ec_ca = sub_ca(
        "Fields Test EC Intermediate",
        EC,
        &root_ca,
        Some(ca_params("E")),
    );
    let rsa_key = support::rsa_key();
    let rsa_params = ca_params("R");
    let rsa_cert = rsa_params
        .signed_by(
            &rsa_key,
            &rcgen::Issuer::from_params(&root_ca.params, &root_ca.key),
        )
        .unwrap();
    let leaf_key = KeyPair::generate_for(EC).unwrap();
    let leaf_under = |params: &CertificateParams, key: &KeyPair| {
        leaf_params()
            .signed_by(&leaf_key, &rcgen::Issuer::from_params(params, key))
            .unwrap()
    };
    let ec_leaf = leaf_under(&ec_ca.params, &ec_ca.key);
    let rsa_leaf = leaf_under(&rsa_params, &rsa_key);
    let same = <[u8]>::to_vec;
    let another = |f: &[u8]| support::oid_ending(f, 3);
    // sha256WithRSAEncryption with its NULL parameters: another kind than an EC key makes.
    let rsa_kind = |_: &[u8]| {
        vec![
            0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05,
            0x00,
        ]
    };
    let leaf_pem = |der: &[u8]| support::pem_of("CERTIFICATE", der);
    type Edit<'a> = &'a dyn Fn(&[u8]) -> Vec<u8>;
    // The EC and the RSA leaf with their two fields rewritten and signed again.
    let ec_apart = |inner: Edit<'_>, outer: Edit<'_>| {
        leaf_pem(&support::with_algorithm_fields(
            ec_leaf.der(),
            &ec_ca.key,
            inner,
            outer,
        ))
    };
    let rsa_apart = |inner: Edit<'_>, outer: Edit<'_>| {
        leaf_pem(&support::with_algorithm_fields(
            rsa_leaf.der(),
            &rsa_key,
            inner,
            outer,
        ))
    };
    // An EC intermediate whose own signed part names RSA, under the EC root.
    let odd_ca = sub_ca(
        "Fields Test Odd Intermediate",
        EC,
        &root_ca,
        Some(ca_params("O")),
    );
    let odd_ca_der =
        support::with_algorithm_fields(odd_ca.cert.der(), &root_ca.key, rsa_kind, same);
    let under_odd = leaf_under(&odd_ca.params, &odd_ca.key);
    // A leaf signed by the RSA intermediate (no authority key identifier), served with an
    // EC intermediate of the same name: both fields agree, but the key is of another kind.
    let ec_namesake = sub_ca("", EC, &root_ca, Some(ca_params("R")));
    let mut no_aki = leaf_params();
    no_aki.use_authority_key_identifier_extension = false;
    let rsa_leaf_no_aki = no_aki
        .signed_by(
            &leaf_key,
            &rcgen::Issuer::from_params(&rsa_params, &rsa_key),
        )
        .unwrap();
    // Each case: the leaf, its intermediate, and the first error of `openssl verify` with
    // the root trusted and the intermediate served.
    let cases = [
        (
            "another-algorithm-inside",
            ec_apart(&another, &same),
            ec_ca.cert.pem(),
            "error 7 at 0 depth lookup: certificate signature failure",
        ),
        (
            "another-kind-inside",
            ec_apart(&rsa_kind, &same),
            ec_ca.cert.pem(),
            "error 20 at 0 depth lookup: unable to get local issuer certificate",
        ),
        (
            "another-kind-inside-the-intermediate",
            under_odd.pem(),
            leaf_pem(&odd_ca_der),
            "error 20 at 1 depth lookup: unable to get local issuer certificate",
        ),
        (
            "an-issuer-of-another-kind",
            rsa_leaf_no_aki.pem(),
            ec_namesake.cert.pem(),
            "error 20 at 0 depth lookup: unable to get local issuer certificate",
        ),
        (
            "ecdsa-with-null-inside",
            ec_apart(&support::with_null, &same),
            ec_ca.cert.pem(),
            "error 7 at 0 depth lookup: certificate signature failure",
        ),
        (
            "ecdsa-with-null-on-both-sides",
            ec_apart(&support::with_null, &support::with_null),
            ec_ca.cert.pem(),
            "OK",
        ),
        (
            "rsa-without-null-inside",
            rsa_apart(&support::without_null, &same),
            rsa_cert.pem(),
            "error 7 at 0 depth lookup: certificate signature failure",
        ),
        (
            "rsa-without-null-outside",
            rsa_apart(&same, &support::without_null),
            rsa_cert.pem(),
            "error 7 at 0 depth lookup: certificate signature failure",
        ),
    ];
    let root_file = scratch("fields-root.pem");
    std::fs::write(&root_file, root_ca.cert.pem()).unwrap();
    let host = "www.example.test";
    let mut compared = 0;
    for (name, leaf, intermediate, expected) in &cases {
        let served = format!("{leaf}{intermediate}");
        let inputs = [
            ("served", served.clone()),
            ("leaf-only", leaf.clone()),
            ("with-root", format!("{served}{}", root_ca.cert.pem())),
        ];
        for (shape, input) in &inputs {
            for (with_anchor, ca_file) in [(true, root_file.clone()), (false, empty_ca_file())] {
                let anchors = if with_anchor {
                    Anchor::from_input(root_ca.cert.pem().as_bytes())
                } else {
                    vec![]
                };
                let (analysis, report) = judge(input, anchors, host, at);
                let label = format!("fields-{name}-{shape}");
                let context = format!("{name}, {shape}, root trusted: {with_anchor}");
                let real = openssl_verify(&label, input, &ca_file, host, at);
                assert_eq!(engine_verify(&analysis, &report, host), real, "{context}");
                if *shape == "served" && with_anchor {
                    assert_eq!(real, *expected, "{context}");
                }
                assert_python_rows_agree(&label, input, &ca_file, host, at, &report, &context);
                compared += 1;
            }
        }
        // curl and Python connecting to a server that serves the chain.
        let server = serve_pem(
            &format!("fields-{name}"),
            leaf,
            &leaf_key.serialize_pem(),
            intermediate,
        );
        let anchors = Anchor::from_input(root_ca.cert.pem().as_bytes());
        let (analysis, report) = judge(&served, anchors, host, at);
        let names = leaf_names(&analysis, &report);
        let ours = Client::Curl.says(&report.openssl, Some(host), &names);
        let expected_curl = expected
            .split(": ")
            .nth(1)
            .map(|text| format!("curl: (60) SSL certificate problem: {text}"));
        assert_eq!(ours, expected_curl, "{name}");
        assert_eq!(
            curl(server.port, &root_file, host),
            ours.unwrap_or_default(),
            "curl: {name}"
        );
        for (client, strict) in [(Client::Python, false), (Client::PythonStrict, true)] {
            let real = python(server.port, &root_file, host, strict);
            match client.says(&report.openssl, Some(host), &names) {
                Some(ours) => assert!(
                    real.starts_with(&ours),
                    "{client:?}: {name}: {real:?} / {ours:?}"
                ),
                None => assert_eq!(real, "OK", "{client:?}: {name}"),
            }
        }
    }
    assert_eq!(compared, cases.len() * 6);
}

/// OpenSSL takes a certificate as self-signed before it checks any signature (`EXFLAG_SS`:
/// self-issued, its authority key identifier naming its own key, and its key of the kind
/// its signed part's algorithm names): a self-signed certificate whose signature is
/// broken, or whose outer field names another algorithm, is still "self-signed
/// certificate" (18) to it, as it is served alone and trusted by no one.
#[test]
fn self_signed_is_read_before_any_signature() {
    let at = UnixTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
    let mut params = leaf_params();
    params.is_ca = IsCa::ExplicitNoCa;
    let key = KeyPair::generate_for(EC).unwrap();
    let cert = params.self_signed(&key).unwrap();
    let flipped = support::flip_signature(&cert);
    let another_outside = support::with_algorithm_fields(cert.der(), &key, <[u8]>::to_vec, |f| {
        support::oid_ending(f, 3)
    });
    let host = "www.example.test";
    for (name, der) in [("broken", flipped), ("another-outside", another_outside)] {
        let input = support::pem_of("CERTIFICATE", &der);
        let (analysis, report) = judge(&input, vec![], host, at);
        let label = format!("self-made-{name}");
        let real = openssl_verify(&label, &input, &empty_ca_file(), host, at);
        assert!(real.starts_with("error 18 at 0"), "{name}: {real}");
        assert_eq!(engine_verify(&analysis, &report, host), real, "{name}");
        assert_python_rows_agree(&label, &input, &empty_ca_file(), host, at, &report, name);
    }
}

/// A broken signature (one bit of it flipped) in each place of a chain: OpenSSL builds its
/// chain by names and key identifiers alone (`build_chain`, crypto/x509/x509_vfy.c), so a
/// certificate whose signature fails still leads to the trusted root its issuer names,
/// and the signature is found wanting afterwards (`internal_verify`: error 7 at its
/// depth); below an issuer nobody trusts, no signature is checked at all.
#[test]
fn a_broken_signature_is_found_where_openssl_checks_it() {
    let at = UnixTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
    let m = made(ca_params("I"), leaf_params(), None);
    let root_file = scratch("broken-root.pem");
    std::fs::write(&root_file, m.root.cert.pem()).unwrap();
    let whole = |c: &Certificate| c.pem();
    let broken = |c: &Certificate| support::pem_of("CERTIFICATE", &support::flip_signature(c));
    let (leaf, inter, root_cert) = (&m.chain[0], &m.chain[1], &m.root.cert);
    let host = "www.example.test";
    let mut compared = 0;
    for (name, input) in [
        ("leaf", [broken(leaf), whole(inter)].concat()),
        ("intermediate", [whole(leaf), broken(inter)].concat()),
        (
            "leaf-with-root",
            [broken(leaf), whole(inter), whole(root_cert)].concat(),
        ),
        (
            "intermediate-with-root",
            [whole(leaf), broken(inter), whole(root_cert)].concat(),
        ),
        (
            "root-pasted",
            [whole(leaf), whole(inter), broken(root_cert)].concat(),
        ),
        ("leaf-alone", broken(leaf)),
    ] {
        for (trusted, ca_file) in [(true, root_file.clone()), (false, empty_ca_file())] {
            let anchors = if trusted {
                Anchor::from_input(m.root.cert.pem().as_bytes())
            } else {
                vec![]
            };
            let (analysis, report) = judge(&input, anchors, host, at);
            let label = format!("broken-{name}-{trusted}");
            let real = openssl_verify(&label, &input, &ca_file, host, at);
            let context = format!("broken {name}, root trusted: {trusted}");
            assert_eq!(engine_verify(&analysis, &report, host), real, "{context}");
            assert_python_rows_agree(&label, &input, &ca_file, host, at, &report, &context);
            compared += 1;
        }
    }
    assert_eq!(compared, 12);
}

/// An intermediate whose RSA key is written as an RSA-PSS key (id-RSASSA-PSS), signing a
/// leaf with PKCS#1 v1.5: OpenSSL does not take it as the issuer (`check_sig_alg_match`,
/// crypto/x509/v3_purp.c: the key must be of the kind the signature's algorithm names; an
/// RSA-PSS key makes RSA-PSS signatures only), so the chain ends below it. The same key
/// written as rsaEncryption is taken.
#[test]
fn an_rsa_pss_key_is_no_issuer_of_a_pkcs1_signature_for_openssl() {
    let at = UnixTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
    let root_ca = long_lived_root("Clients Test Root");
    let root_file = scratch("pss-key-root.pem");
    std::fs::write(&root_file, root_ca.cert.pem()).unwrap();
    let host = "www.example.test";
    let key = support::rsa_key();
    let inter_params = ca_params("PSS Key Intermediate");
    let inter = inter_params
        .signed_by(
            &key,
            &rcgen::Issuer::from_params(&root_ca.params, &root_ca.key),
        )
        .unwrap();
    let leaf_key = KeyPair::generate_for(EC).unwrap();
    let leaf = leaf_params()
        .signed_by(&leaf_key, &rcgen::Issuer::from_params(&inter_params, &key))
        .unwrap();
    let as_pss = support::with_key_algorithm(inter.der(), &root_ca.key, support::RSASSA_PSS_KEY);
    for (name, inter_der, expected) in [
        ("rsa-encryption", inter.der().to_vec(), "OK"),
        ("rsassa-pss", as_pss, "error 20 at 0"),
    ] {
        let input = [leaf.pem(), support::pem_of("CERTIFICATE", &inter_der)].concat();
        let anchors = Anchor::from_input(root_ca.cert.pem().as_bytes());
        let (analysis, report) = judge(&input, anchors, host, at);
        let label = format!("pss-key-{name}");
        let real = openssl_verify(&label, &input, &root_file, host, at);
        assert!(real.starts_with(expected), "{name}: {real}");
        assert_eq!(engine_verify(&analysis, &report, host), real, "{name}");
        assert_python_rows_agree(&label, &input, &root_file, host, at, &report, name);
    }
}

/// The site's keyUsage written as `bit_string`, critical.
fn with_raw_key_usage(bit_string: &[u8]) -> CertificateParams {
    let mut p = leaf_params();
    p.key_usages = vec![];
    let mut key_usage =
        rcgen::CustomExtension::from_oid_content(&[2, 5, 29, 15], bit_string.to_vec());
    key_usage.set_criticality(true);
    p.custom_extensions = vec![key_usage];
    p
}

#[test]
fn a_key_usage_is_read_as_openssl_reads_it() {
    let at = UnixTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
    let host = "www.example.test";
    // (bytes, OpenSSL refuses it): `c2i_ASN1_BIT_STRING` (crypto/asn1/a_bitstr.c) ignores
    // what follows the BIT STRING, takes a length in the long form, clears the unused bits
    // and refuses more than 7 of them; `ossl_x509v3_cache_extensions` refuses a keyUsage
    // it cannot read or one naming no use. The browsers refuse every one of these but the
    // last (tests/cert_codes.rs).
    let cases: [(&str, &[u8], bool); 11] = [
        ("byte-after", &[0x03, 0x02, 0x07, 0x80, 0x00], false),
        ("long-length", &[0x03, 0x81, 0x02, 0x07, 0x80], false),
        ("unused-bit-set", &[0x03, 0x02, 0x07, 0x81], false),
        // Written in parts (constructed, BER: `asn1_collect` in crypto/asn1/tasn_dec.c
        // joins the parts' contents), with an indefinite length, and with its tag in the
        // high-tag-number form.
        ("in-one-part", &[0x23, 0x04, 0x03, 0x02, 0x07, 0x80], false),
        (
            "indefinite",
            &[0x23, 0x80, 0x03, 0x02, 0x07, 0x80, 0x00, 0x00],
            false,
        ),
        (
            "in-two-parts",
            &[0x23, 0x06, 0x03, 0x02, 0x00, 0x80, 0x03, 0x00],
            false,
        ),
        ("high-tag-form", &[0x1f, 0x03, 0x02, 0x07, 0x80], false),
        // A second octet with a bit beyond decipherOnly: a use to OpenSSL, which reads the
        // two octets whole (and then finds none a TLS server needs: error 26).
        (
            "only-a-bit-beyond-the-named",
            &[0x03, 0x03, 0x00, 0x00, 0x40],
            false,
        ),
        ("eight-unused-bits", &[0x03, 0x02, 0x08, 0x80], true),
        ("octet-string", &[0x04, 0x01, 0x80], true),
        ("no-octet-for-unused-bits", &[0x03, 0x01, 0x07], true),
    ];
    for (name, bytes, refused) in cases {
        let m = made(ca_params("I"), with_raw_key_usage(bytes), None);
        let root_file = scratch(&format!("key-usage-{name}-root.pem"));
        std::fs::write(&root_file, m.root.cert.pem()).unwrap();
        let chain: Vec<&Certificate> = m.chain.iter().collect();
        let input = pem_of(&chain);
        let anchors = Anchor::from_input(m.root.cert.pem().as_bytes());
        let (analysis, report) = judge(&input, anchors, host, at);
        let label = format!("key-usage-{name}");
        let real = openssl_verify(&label, &input, &root_file, host, at);
        assert_eq!(real.starts_with("error 20 at 0"), refused, "{name}: {real}");
        assert_eq!(engine_verify(&analysis, &report, host), real, "{name}");
        assert_python_rows_agree(&label, &input, &root_file, host, at, &report, name);
    }
}

/// A site certificate whose keyUsage names no use (a BIT STRING with no bits): OpenSSL takes
/// it for an invalid certificate (`ossl_x509v3_cache_extensions`, crypto/x509/v3_purp.c:
/// X509V3_R_EMPTY_KEY_USAGE) and finds no issuer for it, 20 at its depth, whether its
/// issuer is served or trusted. (In a TLS handshake with its intermediate served, the live
/// curl stops earlier for some such chains, with OpenSSL's "invalid certificate": not
/// modelled.)
#[test]
fn an_empty_key_usage_leaves_openssl_without_an_issuer() {
    let at = UnixTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
    let mut no_use = leaf_params();
    no_use.key_usages = vec![];
    let mut empty =
        rcgen::CustomExtension::from_oid_content(&[2, 5, 29, 15], vec![0x03, 0x01, 0x00]);
    empty.set_criticality(true);
    no_use.custom_extensions = vec![empty];
    let m = made(ca_params("I"), no_use, None);
    let root_file = scratch("empty-key-usage-root.pem");
    std::fs::write(&root_file, m.root.cert.pem()).unwrap();
    let host = "www.example.test";
    let chain: Vec<&Certificate> = m.chain.iter().collect();
    for (shape, input) in [
        ("served", pem_of(&chain)),
        ("with-root", pem_of(&[chain[0], chain[1], &m.root.cert])),
    ] {
        let anchors = Anchor::from_input(m.root.cert.pem().as_bytes());
        let (analysis, report) = judge(&input, anchors, host, at);
        let label = format!("empty-key-usage-{shape}");
        let real = openssl_verify(&label, &input, &root_file, host, at);
        assert!(real.starts_with("error 20 at 0"), "{shape}: {real}");
        assert_eq!(engine_verify(&analysis, &report, host), real, "{shape}");
        assert_python_rows_agree(&label, &input, &root_file, host, at, &report, shape);
    }
}

/// The site's certificate (`site`) or its intermediate's, with `custom` extensions in place
/// of the standard fields that would write `oid`, judged by the engine and by the real
/// `openssl verify` and Python: OpenSSL refuses it for being invalid (error 20 at depth 0,
/// no issuer found through it) exactly when `refused`, and the engine's rows say what they
/// print. `label` names the scratch files.
fn compare_custom_extensions(
    label: &str,
    site: bool,
    oid: &[u64],
    custom: Vec<rcgen::CustomExtension>,
    refused: bool,
) {
    let at = UnixTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
    let host = "www.example.test";
    let (mut inter, mut leaf) = (ca_params("I"), leaf_params());
    let p = if site { &mut leaf } else { &mut inter };
    match oid {
        [2, 5, 29, 19] | [2, 5, 29, 14] => p.is_ca = IsCa::NoCa,
        [2, 5, 29, 15] => p.key_usages = Vec::new(),
        [2, 5, 29, 37] => p.extended_key_usages = Vec::new(),
        [2, 5, 29, 17] => p.subject_alt_names = Vec::new(),
        [2, 5, 29, 35] => p.use_authority_key_identifier_extension = false,
        _ => {}
    }
    p.custom_extensions = custom;
    let m = made(inter, leaf, None);
    let whose = if site { "site" } else { "intermediate" };
    let label = format!("{label}-{whose}");
    let root_file = scratch(&format!("{label}-root.pem"));
    std::fs::write(&root_file, m.root.cert.pem()).unwrap();
    let chain: Vec<&Certificate> = m.chain.iter().collect();
    let input = pem_of(&chain);
    let anchors = Anchor::from_input(m.root.cert.pem().as_bytes());
    let (analysis, report) = judge(&input, anchors, host, at);
    let real = openssl_verify(&label, &input, &root_file, host, at);
    let case = format!("{label}: {real}");
    assert_eq!(real.starts_with("error 20 at 0"), refused, "{case}");
    assert_eq!(engine_verify(&analysis, &report, host), real, "{case}");
    assert_python_rows_agree(&label, &input, &root_file, host, at, &report, &case);
}
/// An extension written twice, in the site's certificate and in its intermediate's:
/// OpenSSL takes the certificate for invalid when it is one `ossl_x509v3_cache_extensions`
/// (crypto/x509/v3_purp.c) decodes, and passes the others (`UnparsableExtension::duplicate`,
/// src/cert/fields.rs).
#[test]
fn an_extension_written_twice_is_refused_as_openssl_reads_it() {
    let name: Vec<u8> = [&[0x30, 0x12, 0x82, 0x10][..], b"www.example.test"].concat();
    let uri: Vec<u8> = [&[0x86, 0x08][..], b"http://a"].concat();
    let crl_dp: Vec<u8> = [&[0x30, 0x0e, 0x30, 0x0c, 0xa0, 0x0a, 0xa0, 0x08][..], &uri].concat();
    let aia: Vec<u8> = [
        &[
            0x30, 0x16, 0x30, 0x14, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01,
        ][..],
        &uri,
    ]
    .concat();
    let permitted: Vec<u8> = [
        &[0x30, 0x12, 0xa0, 0x10, 0x30, 0x0e, 0x82, 0x0c][..],
        b"example.test",
    ]
    .concat();
    let policy = [
        0x30, 0x0a, 0x30, 0x08, 0x06, 0x06, 0x67, 0x81, 0x0c, 0x01, 0x02, 0x01,
    ];
    // (name, OID, the value in the site's certificate, in the intermediate's, OpenSSL
    // refuses the certificate)
    type Case<'a> = (&'a str, &'a [u64], &'a [u8], &'a [u8], bool);
    let cases: [Case<'_>; 13] = [
        (
            "basic-constraints",
            &[2, 5, 29, 19],
            &[0x30, 0x00],
            &[0x30, 0x03, 0x01, 0x01, 0xff],
            true,
        ),
        (
            "key-usage",
            &[2, 5, 29, 15],
            &[0x03, 0x02, 0x07, 0x80],
            &[0x03, 0x02, 0x01, 0x06],
            true,
        ),
        (
            "ext-key-usage",
            &[2, 5, 29, 37],
            &[
                0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01,
            ],
            &[
                0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01,
            ],
            true,
        ),
        (
            "subject-key-identifier",
            &[2, 5, 29, 14],
            &[0x04, 0x03, 0x01, 0x02, 0x03],
            &[],
            true,
        ),
        (
            "authority-key-identifier",
            &[2, 5, 29, 35],
            &[0x30, 0x05, 0x80, 0x03, 0x01, 0x02, 0x03],
            &[0x30, 0x05, 0x80, 0x03, 0x01, 0x02, 0x03],
            true,
        ),
        ("subject-alt-name", &[2, 5, 29, 17], &name, &name, true),
        (
            "name-constraints",
            &[2, 5, 29, 30],
            &permitted,
            &permitted,
            true,
        ),
        (
            "crl-distribution-points",
            &[2, 5, 29, 31],
            &crl_dp,
            &crl_dp,
            true,
        ),
        (
            "certificate-policies",
            &[2, 5, 29, 32],
            &policy,
            &policy,
            false,
        ),
        (
            "policy-constraints",
            &[2, 5, 29, 36],
            &[0x30, 0x03, 0x80, 0x01, 0x00],
            &[0x30, 0x03, 0x80, 0x01, 0x00],
            false,
        ),
        (
            "inhibit-any-policy",
            &[2, 5, 29, 54],
            &[0x02, 0x01, 0x00],
            &[0x02, 0x01, 0x00],
            false,
        ),
        (
            "authority-info-access",
            &[1, 3, 6, 1, 5, 5, 7, 1, 1],
            &aia,
            &aia,
            false,
        ),
        ("issuer-alt-name", &[2, 5, 29, 18], &name, &name, false),
    ];
    for (name, oid, site_value, intermediate_value, refused) in cases {
        for site in [true, false] {
            // rcgen writes the subject key identifier with basicConstraints: only the
            // site's certificate can do without both.
            if !site && oid == [2, 5, 29, 14] {
                continue;
            }
            let value = if site { site_value } else { intermediate_value };
            let twice = vec![
                rcgen::CustomExtension::from_oid_content(oid, value.to_vec()),
                rcgen::CustomExtension::from_oid_content(oid, value.to_vec()),
            ];
            compare_custom_extensions(&format!("twice-{name}"), site, oid, twice, refused);
        }
    }
}

/// An extension whose value does not decode (a NULL, or nothing, where RFC 5280 gives it a
/// type), in the site's certificate and in its intermediate's: OpenSSL takes the
/// certificate for invalid only for the extensions `ossl_x509v3_cache_extensions`
/// (crypto/x509/v3_purp.c) decodes, and then finds no issuer for it or through it; the
/// others it passes (`UnparsableExtension`, src/cert/fields.rs).
#[test]
fn an_extension_that_does_not_decode_is_refused_as_openssl_reads_it() {
    // (name, OID, OpenSSL refuses the certificate)
    let cases: [(&str, &[u64], bool); 17] = [
        ("basic-constraints", &[2, 5, 29, 19], true),
        ("authority-key-identifier", &[2, 5, 29, 35], true),
        ("subject-key-identifier", &[2, 5, 29, 14], true),
        ("ext-key-usage", &[2, 5, 29, 37], true),
        ("subject-alt-name", &[2, 5, 29, 17], true),
        ("name-constraints", &[2, 5, 29, 30], true),
        ("crl-distribution-points", &[2, 5, 29, 31], true),
        ("netscape-cert-type", &[2, 16, 840, 1, 113730, 1, 1], true),
        ("certificate-policies", &[2, 5, 29, 32], false),
        ("policy-mappings", &[2, 5, 29, 33], false),
        ("policy-constraints", &[2, 5, 29, 36], false),
        ("inhibit-any-policy", &[2, 5, 29, 54], false),
        ("authority-info-access", &[1, 3, 6, 1, 5, 5, 7, 1, 1], false),
        ("subject-info-access", &[1, 3, 6, 1, 5, 5, 7, 1, 11], false),
        ("issuer-alt-name", &[2, 5, 29, 18], false),
        ("sct-list", &[1, 3, 6, 1, 4, 1, 11129, 2, 4, 2], false),
        ("netscape-comment", &[2, 16, 840, 1, 113730, 1, 13], false),
    ];
    // (rcgen writes the subject key identifier with basicConstraints: only the site's
    // certificate can do without both.)
    // Forms OpenSSL reads: as BER (an indefinite length, which x509-parser does not decode;
    // a BOOLEAN other than 0xFF, which it reads as TRUE; a Netscape certificate type with
    // more octets than it uses), and forms only Chrome's parsers refuse (`chrome_der`,
    // src/cert/chrome_der.rs: bytes after a value, a policy twice, a number over 255, an
    // IP address of 3 bytes, a name constraint's minimum written out, an OCSP location
    // that is not a URI).
    let site_name: Vec<u8> = [&[0x30, 0x80, 0x82, 0x10][..], b"www.example.test", &[0, 0]].concat();
    let name_and_short_ip: Vec<u8> = [
        &[0x30, 0x17, 0x82, 0x10][..],
        b"www.example.test",
        &[0x87, 0x03, 0x7f, 0x00, 0x01],
    ]
    .concat();
    let policy = [0x30, 0x08, 0x06, 0x06, 0x67, 0x81, 0x0c, 0x01, 0x02, 0x01];
    let policy_twice: Vec<u8> = [&[0x30, 0x14][..], &policy, &policy].concat();
    let ocsp_ia5: Vec<u8> = [
        &[
            0x30, 0x16, 0x30, 0x14, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01,
        ][..],
        &[0x16, 0x08],
        b"http://a",
    ]
    .concat();
    let permitted_with_minimum: Vec<u8> = [
        &[0x30, 0x15, 0xa0, 0x13, 0x30, 0x11, 0x82, 0x0c][..],
        b"example.test",
        &[0x80, 0x01, 0x00],
    ]
    .concat();
    let looser: [(&str, &[u64], &[u8]); 11] = [
        (
            "basic-constraints-true-as-01",
            &[2, 5, 29, 19],
            &[0x30, 0x03, 0x01, 0x01, 0x01],
        ),
        ("subject-alt-name-indefinite", &[2, 5, 29, 17], &site_name),
        (
            "ext-key-usage-indefinite",
            &[2, 5, 29, 37],
            &[
                0x30, 0x80, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01, 0, 0,
            ],
        ),
        (
            "netscape-cert-type-long",
            &[2, 16, 840, 1, 113730, 1, 1],
            &[0x03, 0x03, 0x00, 0x40, 0x00],
        ),
        (
            "subject-alt-name-ip-of-3",
            &[2, 5, 29, 17],
            &name_and_short_ip,
        ),
        (
            "ext-key-usage-trailing",
            &[2, 5, 29, 37],
            &[
                0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01, 0x05, 0x00,
            ],
        ),
        ("certificate-policies-twice", &[2, 5, 29, 32], &policy_twice),
        (
            "policy-constraints-256",
            &[2, 5, 29, 36],
            &[0x30, 0x04, 0x80, 0x02, 0x01, 0x00],
        ),
        (
            "inhibit-any-policy-256",
            &[2, 5, 29, 54],
            &[0x02, 0x02, 0x01, 0x00],
        ),
        (
            "authority-info-access-ia5",
            &[1, 3, 6, 1, 5, 5, 7, 1, 1],
            &ocsp_ia5,
        ),
        (
            "name-constraints-minimum",
            &[2, 5, 29, 30],
            &permitted_with_minimum,
        ),
    ];
    let forms = cases
        .iter()
        .flat_map(|&(name, oid, refused)| {
            [
                (format!("{name}-null"), oid, &[0x05, 0x00][..], refused),
                (format!("{name}-empty"), oid, &[][..], refused),
            ]
        })
        .chain(
            looser
                .iter()
                .map(|&(name, oid, value)| (name.to_owned(), oid, value, false)),
        );
    for (name, oid, value, refused) in forms {
        {
            for site in [true, false] {
                if !site && oid == [2, 5, 29, 14] {
                    continue;
                }
                let custom = vec![rcgen::CustomExtension::from_oid_content(
                    oid,
                    value.to_vec(),
                )];
                let label = format!("undecodable-{name}");
                compare_custom_extensions(&label, site, oid, custom, refused);
            }
        }
    }
}

/// The certificate's frame and dates written as RFC 5280 does not allow (the version,
/// unique identifiers, an empty extension list, dates without their seconds or with an
/// offset, before 1970, backwards), in the site's certificate and its intermediate's: the
/// engine's OpenSSL and Python rows say what the real `openssl verify` prints
/// (`X509_cmp_time`'s format errors 13 and 14; strict mode's error 93).
#[test]
fn a_certificates_frame_and_dates_are_read_as_openssl_reads_them() {
    let at = UnixTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
    let root_ca = root("Frame Root", EC);
    let intermediate = sub_ca("Frame Intermediate", EC, &root_ca, None);
    let root_file = scratch("frame-root.pem");
    std::fs::write(&root_file, root_ca.cert.pem()).unwrap();
    use support::{
        FieldsChange as Change, dates_field as dates, empty_extension_list, unique_id_in_version_1,
        version_field as version,
    };
    #[rustfmt::skip]
    let cases: Vec<(&str, bool, Change)> = vec![
        ("v1-extensions", true, version(None)),
        ("v1-written", true, version(Some(0))),
        ("v2-extensions", true, version(Some(1))),
        ("v4", true, version(Some(3))),
        ("v5", true, version(Some(4))),
        ("empty-list", true, empty_extension_list()),
        ("unique-id-v1", true, unique_id_in_version_1()),
        ("no-seconds", true, dates(b"2501010000Z", b"300101000000Z")),
        ("offset", true, dates(b"250101000000Z", b"300101000000+0000")),
        ("before-1970", true, dates(b"690101000000Z", b"300101000000Z")),
        ("backwards", true, dates(b"300101000000Z", b"250101000000Z")),
        ("intermediate-v1-written", false, version(Some(0))),
        ("intermediate-v5", false, version(Some(4))),
        ("intermediate-no-seconds", false, dates(b"2501010000Z", b"300101000000Z")),
        ("intermediate-offset", false, dates(b"250101000000Z", b"300101000000+0000")),
    ];
    // Each for the name the certificate has and for another: the name is checked before
    // the dates.
    let every = cases
        .iter()
        .flat_map(|case| ["www.example.test", "elsewhere.test"].map(|host| (case, host)));
    for ((label, site, change), host) in every {
        let label = format!("frame-{label}-{host}");
        let leaf = support::leaf(EC, &intermediate);
        let input = if *site {
            let der = support::with_signed_fields(leaf.der(), &intermediate.key, change);
            format!(
                "{}{}",
                support::pem_of("CERTIFICATE", &der),
                intermediate.cert.pem()
            )
        } else {
            let der = support::with_signed_fields(intermediate.cert.der(), &root_ca.key, change);
            format!("{}{}", leaf.pem(), support::pem_of("CERTIFICATE", &der))
        };
        let anchors = Anchor::from_input(root_ca.cert.pem().as_bytes());
        let (analysis, report) = judge(&input, anchors, host, at);
        assert_eq!(
            analysis.certificates().len(),
            2,
            "{label}: x509-parser reads it"
        );
        let real = openssl_verify(&label, &input, &root_file, host, at);
        let case = format!("{label}: {real}");
        assert_eq!(engine_verify(&analysis, &report, host), real, "{case}");
        assert_python_rows_agree(&label, &input, &root_file, host, at, &report, &case);
    }
}

/// A Certificate message over OpenSSL's default limit (102,400 bytes, as BoringSSL's): curl
/// and Python end the handshake before verifying anything, as the page says they do
/// (`Client::says_for`); `openssl verify`, which reads files, still verifies.
#[test]
fn a_chain_too_large_for_the_handshake_ends_curl_and_python_there() {
    let at = UnixTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
    let root_ca = root("Root", EC);
    let intermediate = sub_ca("Intermediate", EC, &root_ca, None);
    let mut p = params("www.example.test", IsCa::ExplicitNoCa);
    p.subject_alt_names.extend(support::many_names(4_500));
    let key = KeyPair::generate_for(EC).unwrap();
    let leaf = p
        .signed_by(
            &key,
            &rcgen::Issuer::from_params(&intermediate.params, &intermediate.key),
        )
        .unwrap();
    assert!(leaf.der().len() > 102_400);
    let server = serve_pem(
        "too-large",
        &leaf.pem(),
        &key.serialize_pem(),
        &intermediate.cert.pem(),
    );
    let root_file = scratch("too-large-root.pem");
    std::fs::write(&root_file, root_ca.cert.pem()).unwrap();
    let host = "www.example.test";
    let served = format!("{}{}", leaf.pem(), intermediate.cert.pem());
    let (analysis, report) = judge(
        &served,
        Anchor::from_input(root_ca.cert.pem().as_bytes()),
        host,
        at,
    );
    let names = leaf_names(&analysis, &report);
    assert_eq!(
        Some(curl_without_version(server.port, &root_file, host)),
        Client::Curl.says_for(&report, Some(host), &names)
    );
    for (client, strict) in [(Client::Python, false), (Client::PythonStrict, true)] {
        let real_python = python(server.port, &root_file, host, strict);
        let ours = client.says_for(&report, Some(host), &names).unwrap();
        assert!(
            real_python.starts_with(&ours),
            "{client:?}: {real_python:?}"
        );
    }
    assert_eq!(
        Client::OpensslVerify.says_for(&report, Some(host), &names),
        None
    );
}

/// A certificate OpenSSL cannot decode (`openssl::DecodeFault`: a serial number not in DER,
/// a name's value): curl and Python end the handshake when the server sends it, and
/// `openssl verify` cannot load the file (`OpenSslHandshakeError::Undecodable`). Served by
/// tlslite-ng, since OpenSSL's own server cannot load it either.
#[test]
fn a_certificate_openssl_cannot_decode_ends_curl_and_python_there() {
    let at = UnixTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
    let host = "www.example.test";
    let root_ca = root("Root", EC);
    let intermediate = sub_ca("Intermediate", EC, &root_ca, None);
    let key = KeyPair::generate_for(EC).unwrap();
    let leaf = params(host, IsCa::ExplicitNoCa)
        .signed_by(
            &key,
            &rcgen::Issuer::from_params(&intermediate.params, &intermediate.key),
        )
        .unwrap();
    let root_file = scratch("undecodable-root.pem");
    std::fs::write(&root_file, root_ca.cert.pem()).unwrap();
    let serial =
        |content: &'static [u8]| move |f: &mut Vec<Vec<u8>>| f[1] = support::wrap(0x02, content);
    let site = |content| {
        let der = support::with_signed_fields(leaf.der(), &intermediate.key, serial(content));
        format!(
            "{}{}",
            support::pem_of("CERTIFICATE", &der),
            intermediate.cert.pem()
        )
    };
    let authority = |content| {
        let der =
            support::with_signed_fields(intermediate.cert.der(), &root_ca.key, serial(content));
        format!("{}{}", leaf.pem(), support::pem_of("CERTIFICATE", &der))
    };
    // Two intermediates, the lower one (depth 1) undecodable: `openssl verify` skips it
    // and reads the other, so the site's issuer is missing.
    let lower = sub_ca("Intermediate B", EC, &intermediate, None);
    let below_lower = params(host, IsCa::ExplicitNoCa)
        .signed_by(&key, &rcgen::Issuer::from_params(&lower.params, &lower.key))
        .unwrap();
    let lower_padded =
        support::with_signed_fields(lower.cert.der(), &intermediate.key, serial(&[0x00, 0x01]));
    let two_intermediates = format!(
        "{}{}{}",
        below_lower.pem(),
        support::pem_of("CERTIFICATE", &lower_padded),
        intermediate.cert.pem()
    );
    // The site's subject: an attribute 2.5.4.t (10, an organisation) with the value's tag
    // and octets, then CN=www.example.test.
    let named_as = |t: u8, tag: u8, value: &[u8]| {
        let name = support::name_of(&[(t, tag, value), (3, 0x0c, host.as_bytes())]);
        let der = support::with_signed_fields(leaf.der(), &intermediate.key, |f| {
            f[5] = name.clone();
        });
        format!(
            "{}{}",
            support::pem_of("CERTIFICATE", &der),
            intermediate.cert.pem()
        )
    };
    let named = |tag: u8, value: &[u8]| named_as(10, tag, value);
    let cases = [
        ("undecodable-padded", site(&[0x00, 0x01])),
        ("undecodable-lower-authority", two_intermediates),
        ("undecodable-object", named_as(0x8a, 0x0c, b"Example")),
        ("undecodable-primitive-sequence", named(0x10, b"Example")),
        ("undecodable-bit-string", named(0x03, b"")),
        ("undecodable-bits-left", named(0x03, b"\x08\x00")),
        ("undecodable-empty", site(&[])),
        ("undecodable-authority", authority(&[0xff, 0x80])),
        ("undecodable-visible", named(0x1a, b"Example")),
        ("undecodable-context", named(0x80, b"Example")),
        ("undecodable-bmp-odd", named(0x1e, b"\x00A\x00")),
        ("undecodable-universal-3", named(0x1c, b"\x00\x00\x41")),
        ("undecodable-utf8", named(0x0c, b"\xc0\xaf")),
        ("undecodable-surrogate", named(0x1e, b"\xd8\x00")),
    ];
    for (name, served) in cases {
        let (analysis, report) = judge(
            &served,
            Anchor::from_input(root_ca.cert.pem().as_bytes()),
            host,
            at,
        );
        assert!(report.openssl_handshake.is_some(), "{name}");
        let names = leaf_names(&analysis, &report);
        // openssl verify, the site's certificate in site.pem and the others in chain.pem.
        let dir = scratch(name);
        std::fs::create_dir_all(&dir).unwrap();
        let blocks = blocks(&served);
        std::fs::write(dir.join("site.pem"), &blocks[0]).unwrap();
        std::fs::write(dir.join("chain.pem"), blocks[1..].concat()).unwrap();
        let out = Command::new("openssl")
            .args(["verify", "-CAfile"])
            .arg(&root_file)
            .args(["-untrusted", "chain.pem", "site.pem"])
            .current_dir(&dir)
            .output()
            .expect("openssl (make tools installs it)");
        // Its first line of a failure to load, or of a verification (after the subject).
        let real_verify = String::from_utf8_lossy(&out.stderr)
            .lines()
            .find(|l| l.starts_with("Could not") || l.starts_with("error "))
            .unwrap_or_default()
            .to_owned();
        assert_eq!(
            Client::OpensslVerify
                .says_for(&report, Some(host), &names)
                .as_deref(),
            Some(real_verify.as_str()),
            "{name}"
        );
        let Some(server) = serve_raw(name, &served, &key.serialize_pem()) else {
            continue;
        };
        assert_eq!(
            Some(curl_without_version(server.port, &root_file, host)),
            Client::Curl.says_for(&report, Some(host), &names),
            "{name}"
        );
        for (client, strict) in [(Client::Python, false), (Client::PythonStrict, true)] {
            let real_python = python(server.port, &root_file, host, strict);
            let ours = client.says_for(&report, Some(host), &names).unwrap();
            assert!(
                real_python.starts_with(&ours),
                "{name}, {client:?}: {real_python:?}"
            );
        }
    }
}

/// A key written in a way the clients read differently (`chrome_der::key_faults`):
/// OpenSSL reads each (rsaEncryption's parameters are not looked at, an integer is taken as
/// unsigned octets, what follows the key is left, a compressed point decompressed), so
/// `openssl verify`, curl and Python accept the chain, the site's or an authority's key
/// written so, as the page says.
#[test]
fn a_key_written_oddly_is_read_by_openssl() {
    let at = UnixTime::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
    let host = "www.example.test";
    let root_ca = root("Root", EC);
    let root_file = scratch("odd-key-root.pem");
    std::fs::write(&root_file, root_ca.cert.pem()).unwrap();
    // An RSA intermediate, and a site key of RSA that it signs.
    let rsa = support::rsa_key();
    let rsa_params = ca_params("Intermediate");
    let rsa_cert = rsa_params
        .signed_by(
            &rsa,
            &rcgen::Issuer::from_params(&root_ca.params, &root_ca.key),
        )
        .unwrap();
    let intermediate = Ca {
        params: rsa_params,
        key: rsa,
        cert: rsa_cert,
    };
    let site_key = support::rsa_key();
    let leaf = leaf_params()
        .signed_by(
            &site_key,
            &rcgen::Issuer::from_params(&intermediate.params, &intermediate.key),
        )
        .unwrap();
    // An RSA key's SubjectPublicKeyInfo rewritten: (parameters, the modulus and exponent
    // as given, what follows the key).
    let rsa_spki = |spki: &[u8], parameters: &[u8], pad: bool, negative: bool, trailing: &[u8]| {
        let magnitude = support::rsa_modulus(spki);
        let n = if negative {
            magnitude
        } else {
            [&[0][..], &magnitude].concat()
        };
        let e: &[u8] = if pad { &[0, 1, 0, 1] } else { &[1, 0, 1] };
        support::rsa_spki(parameters, &n, e, trailing)
    };
    let null: &[u8] = &[0x05, 0x00];
    /// The name, the parameters, a padded exponent, a negative modulus, what follows the key.
    type Fault<'a> = (&'a str, &'a [u8], bool, bool, &'a [u8]);
    let faults: [Fault<'_>; 5] = [
        ("no-parameters", &[], false, false, &[]),
        ("sequence-parameters", &[0x30, 0x00], false, false, &[]),
        ("negative", null, false, true, &[]),
        ("padded", null, true, false, &[]),
        ("trailing", null, false, false, &[0]),
    ];
    let mut cases = Vec::new();
    for &(name, parameters, pad, negative, trailing) in &faults {
        let fault = |spki: &[u8]| rsa_spki(spki, parameters, pad, negative, trailing);
        let site = support::with_signed_fields(leaf.der(), &intermediate.key, |f| {
            f[6] = fault(&f[6]);
        });
        let served = format!(
            "{}{}",
            support::pem_of("CERTIFICATE", &site),
            intermediate.cert.pem()
        );
        cases.push((
            format!("odd-key-site-{name}"),
            served,
            site_key.serialize_pem(),
        ));
        let authority = support::with_signed_fields(intermediate.cert.der(), &root_ca.key, |f| {
            f[6] = fault(&f[6]);
        });
        let served = format!(
            "{}{}",
            leaf.pem(),
            support::pem_of("CERTIFICATE", &authority)
        );
        cases.push((
            format!("odd-key-authority-{name}"),
            served,
            site_key.serialize_pem(),
        ));
    }
    for (name, served, key) in cases {
        let (analysis, report) = judge(
            &served,
            Anchor::from_input(root_ca.cert.pem().as_bytes()),
            host,
            at,
        );
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.code() == imasara::cert::Code::KeyEncoding),
            "{name}"
        );
        assert_eq!(report.openssl, vec![], "{name}");
        assert_eq!(
            openssl_verify(&name, &served, &root_file, host, at),
            engine_verify(&analysis, &report, host),
            "{name}"
        );
        let names = leaf_names(&analysis, &report);
        let Some(server) = serve_raw(&name, &served, &key) else {
            continue;
        };
        assert_eq!(curl(server.port, &root_file, host), "", "{name}");
        assert_eq!(Client::Curl.says(&report.openssl, Some(host), &names), None);
        for strict in [false, true] {
            assert_eq!(
                python(server.port, &root_file, host, strict),
                "OK",
                "{name}"
            );
        }
    }
}
