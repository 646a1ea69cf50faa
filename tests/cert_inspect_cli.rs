//! The `inspect` example's stable JSON interface.
#![cfg(not(target_arch = "wasm32"))]
// A test reports failure by panicking; unwrap is the plain way to say "must be there".
#![allow(clippy::unwrap_used)]

use std::process::Command;

/// `cargo test` builds the examples too: run the built binary (target/<profile>/examples)
/// when it is there, else fall back to `cargo run`.
fn inspect(args: &[&str]) -> std::process::Output {
    let built = std::env::current_exe()
        .ok()
        .and_then(|p| Some(p.parent()?.parent()?.join("examples").join("inspect")))
        .filter(|p| p.exists());
    match built {
        Some(exe) => Command::new(exe).args(args).output().expect("run inspect"),
        None => Command::new(env!("CARGO"))
            .args(["run", "--quiet", "--example", "inspect", "--"])
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("cargo run"),
    }
}

fn fixture(p: &str) -> String {
    format!("{}/tests/fixtures/cert/{p}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn json_shape() {
    let out = inspect(&[
        "--host",
        "amazon.com",
        "--at",
        "2026-07-29T00:00:00Z",
        &fixture("real-chains/amazon.com.pem"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let c = &v["certificates"][0];
    for key in [
        "subject",
        "issuer",
        "serial_hex",
        "not_before",
        "not_after",
        "sha256",
        "signature_algorithm",
        "is_ca",
        "self_signed",
        "san_dns",
        "san_ip",
    ] {
        assert!(c.get(key).is_some(), "certificates[0].{key}");
    }
    for key in ["algorithm", "bits", "curve"] {
        assert!(c["public_key"].get(key).is_some(), "public_key.{key}");
    }
    assert_eq!(c["not_before"].as_str().unwrap().len(), 20);
    assert!(
        c["sha256"]
            .as_str()
            .unwrap()
            .chars()
            .all(|ch| ch.is_ascii_hexdigit() && !ch.is_ascii_uppercase())
    );
    assert_eq!(v["chain"], serde_json::json!([0, 1, 2]));
    let link = &v["links"][0];
    assert_eq!(link["signature"], "valid");
    assert!(
        link["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c.get("check").is_some() && c.get("result").is_some())
    );
    assert_eq!(v["trust"]["source"], "mozilla");
    assert!(
        v["trust"]["anchor"]
            .as_str()
            .unwrap()
            .contains("DigiCert Global Root G2")
    );
    assert_eq!(v["errors"], serde_json::json!([]));
    assert_eq!(v["primary_error"], serde_json::Value::Null);
    assert_eq!(v["firefox_error"], serde_json::Value::Null);
    assert!(
        v["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|w| w.get("code").is_some() && w.get("message").is_some())
    );
}

#[test]
fn custom_trust_and_errors() {
    let out = inspect(&[
        "--at",
        "2030-01-01T00:00:00Z",
        "--host",
        "nope.example",
        "--trust",
        &fixture("openssl/rsa-root.pem"),
        &fixture("openssl/leaf-rsa-pkcs1-sha1.pem"),
    ]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["trust"]["source"], "custom");
    let errors: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    // SHA-1 is ERR_CERT_INVALID in today's Chromium, ranked above the wrong name; Firefox
    // checks the signature algorithm before the name too.
    assert_eq!(
        errors,
        ["ERR_CERT_INVALID", "ERR_CERT_COMMON_NAME_INVALID"],
        "{errors:?}"
    );
    assert_eq!(v["primary_error"], "ERR_CERT_INVALID");
    assert_eq!(v["fatal"], true);
    assert_eq!(
        v["firefox_error"],
        "SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED"
    );
}

#[test]
fn platforms_where_a_missing_intermediate_splits_the_clients() {
    let out = inspect(&[
        "--at",
        "2020-04-22T00:00:00Z",
        "--host",
        "incomplete-chain.badssl.com",
        &fixture("badssl/wildcard-incomplete-chain.pem"),
    ]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v["platforms"].as_array().unwrap();
    let families: Vec<&str> = rows.iter().map(|r| r["family"].as_str().unwrap()).collect();
    assert_eq!(
        families,
        [
            "chromium", "firefox", "safari", "windows", "java", "android"
        ]
    );
    assert_eq!(rows[0]["outcome"], "fetches");
    assert_eq!(
        rows[0]["url"],
        "http://cacerts.digicert.com/DigiCertSHA2SecureServerCA.crt"
    );
    assert_eq!(rows[1]["outcome"], "preloaded");
    assert_eq!(rows[1]["otherwise"], "SEC_ERROR_UNKNOWN_ISSUER");
    assert_eq!(rows[4]["outcome"], "says");
    assert!(
        rows[4]["words"]
            .as_str()
            .unwrap()
            .starts_with("PKIX path building failed")
    );
}

#[test]
fn compare_with_an_older_chain() {
    let out = inspect(&[
        "--at",
        "2020-04-22T00:00:00Z",
        "--compare-with",
        &fixture("badssl/wildcard-rsa2048.pem"),
        &fixture("badssl/wildcard-incomplete-chain.pem"),
    ]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = &v["comparison"];
    assert_eq!(c["key_reused"], true);
    assert_eq!(
        c["intermediates"]["removed"][0],
        "C=US, O=DigiCert Inc, CN=DigiCert SHA2 Secure Server CA"
    );
    assert_eq!(
        c["consequences"][0]["new_chain_fails"]["error"],
        "NET::ERR_CERT_AUTHORITY_INVALID"
    );
    assert!(
        c["consequences"]
            .as_array()
            .unwrap()
            .contains(&"key_reused".into())
    );
    assert_eq!(c["validity"][1][1], "2022-05-17T12:00:00Z");
    // An old file without a certificate: exit 1.
    let none = std::env::temp_dir().join(format!("imasara-no-cert-{}.txt", std::process::id()));
    std::fs::write(&none, "no certificate").unwrap();
    let out = inspect(&[
        "--compare-with",
        none.to_str().unwrap(),
        &fixture("badssl/wildcard-rsa2048.pem"),
    ]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn no_certificate_is_an_error() {
    let nothing = std::env::temp_dir().join(format!("imasara-prose-{}.txt", std::process::id()));
    std::fs::write(&nothing, "just prose, no certificate").unwrap();
    let out = inspect(&[nothing.to_str().unwrap()]);
    std::fs::remove_file(&nothing).unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no certificate"));
}

#[test]
fn requests_lists_and_sct_logs_are_reported() {
    let out = inspect(&[
        "--at",
        "2013-02-18T10:35:00Z",
        &fixture("x509-parser-assets/csr-challenge-password.pem"),
        &fixture("x509-parser-assets/example.crl"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["requests"][0]["signature"], "valid");
    assert_eq!(v["requests"][0]["challenge_password"], true);
    assert_eq!(v["crls"][0]["this_update"], "2013-02-18T10:32:00Z");
    assert_eq!(
        v["crls"][0]["current"], true,
        "between thisUpdate and nextUpdate"
    );
    assert_eq!(v["crls"][0]["entries"][0]["reason"], "affiliationChanged");
    assert_eq!(v["ct_log_list"]["published"], "2025-05-05T12:54:12Z");

    let out = inspect(&[&fixture("badssl/wildcard-rsa2048.pem")]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let sct = &v["certificates"][0]["scts"][0];
    assert_eq!(sct["log"]["name"], "Google 'Skydiver' log");
    assert_eq!(sct["signature_algorithm"], "ECDSA with SHA-256");
}
