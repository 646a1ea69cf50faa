//! Field-by-field comparison with `openssl x509`, and self-signatures with `openssl verify`,
//! over the system bundle (/etc/ssl/certs/ca-certificates.crt, Debian's `ca-certificates`).
//! OpenSSL is the independent oracle here: every call must succeed, every field is compared
//! for every certificate, and a missing bundle or binary is a failure (`make tools` installs
//! both), never a silent skip.
#![cfg(not(target_arch = "wasm32"))]
// A test reports failure by panicking; unwrap is the plain way to say "must be there".
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use imasara::cert::{Analysis, Code, Options, UnixTime};

const BUNDLE: &str = "/etc/ssl/certs/ca-certificates.crt";

/// The bundle's text; a missing bundle fails the test with what to install.
fn bundle() -> String {
    std::fs::read_to_string(BUNDLE).unwrap_or_else(|e| {
        panic!("{BUNDLE}: {e}; install Debian's ca-certificates (make tools does)")
    })
}

/// Runs openssl; a missing binary or a failed call fails the test.
fn openssl(args: &[&str], file: &Path) -> std::process::Output {
    Command::new("openssl")
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("openssl: {e}; install openssl (make tools does)"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("imasara-cert-compare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn pem_blocks(bundle: &str) -> Vec<String> {
    bundle
        .split_inclusive("-----END CERTIFICATE-----")
        .filter(|b| b.contains("-----BEGIN CERTIFICATE-----"))
        .map(|b| b[b.find("-----BEGIN").unwrap()..].to_string())
        .collect()
}

/// What `openssl x509` prints of one certificate, as `field -> value`. Fields it does not
/// print are absent (a key without a size, a certificate that is not a CA).
fn openssl_fields(path: &Path) -> HashMap<String, String> {
    let main = openssl(
        &[
            "x509",
            "-noout",
            "-serial",
            "-startdate",
            "-enddate",
            "-dateopt",
            "iso_8601",
            "-subject",
            "-issuer",
            "-nameopt",
            "utf8,sep_comma_plus_space,sname",
            "-fingerprint",
            "-sha256",
            "-text",
            "-in",
        ],
        path,
    );
    assert!(
        main.status.success(),
        "openssl x509 failed: {}",
        String::from_utf8_lossy(&main.stderr)
    );
    let sha1 = openssl(&["x509", "-noout", "-fingerprint", "-sha1", "-in"], path);
    assert!(
        sha1.status.success(),
        "openssl x509 -sha1 failed: {}",
        String::from_utf8_lossy(&sha1.stderr)
    );
    let text =
        String::from_utf8_lossy(&main.stdout).into_owned() + &String::from_utf8_lossy(&sha1.stdout);
    let mut fields = HashMap::new();
    for line in text.lines() {
        let t = line.trim();
        for key in [
            "serial=",
            "notBefore=",
            "notAfter=",
            "subject=",
            "issuer=",
            "sha256 Fingerprint=",
            "sha1 Fingerprint=",
        ] {
            if let Some(v) = line.strip_prefix(key) {
                fields.insert(key.trim_end_matches('=').to_string(), v.to_string());
            }
        }
        if let Some(bits) = t
            .strip_prefix("Public-Key: (")
            .and_then(|r| r.strip_suffix(" bit)"))
        {
            fields
                .entry("bits".into())
                .or_insert_with(|| bits.to_string());
        }
        if let Some(alg) = t.strip_prefix("Signature Algorithm: ") {
            fields
                .entry("sigalg".into())
                .or_insert_with(|| alg.to_string());
        }
        if t.starts_with("CA:TRUE") {
            fields.insert("ca".into(), "true".into());
        }
    }
    fields
}

fn colonless(s: &str) -> String {
    s.replace(':', "").to_lowercase()
}

fn iso(s: &str) -> String {
    // OpenSSL's iso_8601: "2011-09-22 11:22:02Z".
    s.replacen(' ', "T", 1)
}

/// OpenSSL prints serials in upper-case hex without leading zero octets.
fn serial(s: &str) -> String {
    let s = s.to_lowercase();
    let t = s.trim_start_matches('0');
    if t.is_empty() {
        "00".to_string()
    } else if t.len() % 2 == 1 {
        format!("0{t}")
    } else {
        t.to_string()
    }
}

/// The fields compared, each for every certificate of the bundle.
const FIELDS: [&str; 10] = [
    "serial",
    "sha256",
    "sha1",
    "notBefore",
    "notAfter",
    "subject",
    "issuer",
    "bits",
    "signature algorithm",
    "ca",
];

#[test]
fn fields_match_openssl_over_the_system_bundle() {
    let bundle = bundle();
    let blocks = pem_blocks(&bundle);
    assert!(
        blocks.len() > 100,
        "the bundle holds {} certificates",
        blocks.len()
    );
    let analysis = Analysis::parse(bundle.as_bytes());
    assert_eq!(
        analysis.certificates().len(),
        blocks.len(),
        "every certificate of the bundle parses"
    );
    let path = scratch("one.pem");
    let mut compared: HashMap<&str, usize> = HashMap::new();
    let mut mismatches = Vec::new();
    for (c, pem) in analysis.certificates().iter().zip(&blocks) {
        std::fs::write(&path, pem).unwrap();
        let o = openssl_fields(&path);
        // Both sides as Option: a field one side has and the other lacks is a mismatch.
        let theirs: [(&str, Option<String>, Option<String>); 10] = [
            (
                "serial",
                Some(c.serial_hex.clone()),
                o.get("serial").map(|s| serial(s)),
            ),
            (
                "sha256",
                Some(c.sha256.clone()),
                o.get("sha256 Fingerprint").map(|s| colonless(s)),
            ),
            (
                "sha1",
                Some(c.sha1.clone()),
                o.get("sha1 Fingerprint").map(|s| colonless(s)),
            ),
            (
                "notBefore",
                Some(c.not_before.to_rfc3339()),
                o.get("notBefore").map(|s| iso(s)),
            ),
            (
                "notAfter",
                Some(c.not_after.to_rfc3339()),
                o.get("notAfter").map(|s| iso(s)),
            ),
            (
                "subject",
                Some(c.subject.clone()),
                o.get("subject").map(|s| s.replace(" + ", ", ")),
            ),
            (
                "issuer",
                Some(c.issuer.clone()),
                o.get("issuer").map(|s| s.replace(" + ", ", ")),
            ),
            (
                "bits",
                c.public_key.bits.map(|b| b.to_string()),
                o.get("bits").cloned(),
            ),
            (
                "signature algorithm",
                Some(c.signature_algorithm.clone()),
                o.get("sigalg").cloned(),
            ),
            (
                "ca",
                Some(c.is_ca.to_string()),
                Some(o.get("ca").cloned().unwrap_or_else(|| "false".into())),
            ),
        ];
        for (what, ours, openssl) in theirs {
            *compared.entry(what).or_default() += 1;
            if ours != openssl {
                mismatches.push(format!(
                    "{} [{what}]: ours {ours:?}, openssl {openssl:?}",
                    c.subject
                ));
            }
        }
    }
    for field in FIELDS {
        assert_eq!(
            compared.get(field).copied().unwrap_or_default(),
            blocks.len(),
            "{field} compared for every certificate"
        );
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

/// Signature algorithms whose self-signatures this engine checks (the others are reported
/// as not checked, never as valid or invalid).
fn engine_checks(algorithm: &str) -> bool {
    matches!(
        algorithm,
        "sha1WithRSAEncryption"
            | "sha256WithRSAEncryption"
            | "sha384WithRSAEncryption"
            | "sha512WithRSAEncryption"
            | "ecdsa-with-SHA256"
            | "ecdsa-with-SHA384"
            | "rsassaPss"
            | "ED25519"
    )
}

#[test]
fn self_signatures_agree_with_openssl_verify() {
    let bundle = bundle();
    let blocks = pem_blocks(&bundle);
    let analysis = Analysis::parse(bundle.as_bytes());
    let report = analysis.judge(&Options::at(UnixTime(1_780_000_000)));
    let path = scratch("root.pem");
    let (mut checked, mut not_checked) = (0, 0);
    for (i, (c, pem)) in analysis.certificates().iter().zip(&blocks).enumerate() {
        std::fs::write(&path, pem).unwrap();
        // The certificate as its own trust anchor, its self-signature checked, dates ignored.
        let out = Command::new("openssl")
            .args([
                "verify",
                "-no_check_time",
                "-check_ss_sig",
                "-partial_chain",
                "-CAfile",
            ])
            .arg(&path)
            .arg(&path)
            .output()
            .unwrap_or_else(|e| panic!("openssl: {e}; install openssl (make tools does)"));
        let openssl_says_ok = out.status.success();
        if engine_checks(&c.signature_algorithm) {
            checked += 1;
            assert_eq!(
                c.self_signed,
                openssl_says_ok,
                "{}: ours {}, openssl {}",
                c.subject,
                c.self_signed,
                String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr)
            );
        } else {
            not_checked += 1;
            assert!(
                !c.self_signed,
                "{}: never reported as valid unchecked",
                c.subject
            );
            assert!(
                report
                    .findings
                    .iter()
                    .any(|w| w.code() == Code::SignatureUnsupported && w.certificate == Some(i)),
                "{}: {} is named as not checked",
                c.subject,
                c.signature_algorithm
            );
        }
    }
    eprintln!(
        "self-signatures: {checked} checked against openssl verify, {not_checked} named as not checked"
    );
    assert_eq!(checked + not_checked, blocks.len());
    assert!(checked > 100, "checked only {checked}");
}
