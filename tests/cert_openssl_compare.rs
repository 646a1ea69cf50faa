//! Field-by-field comparison with `openssl x509` over the system bundle
//! (/etc/ssl/certs/ca-certificates.crt). Skipped, with a message, when the bundle or
//! the openssl binary is missing.
#![cfg(not(target_arch = "wasm32"))]
// A test reports failure by panicking; unwrap is the plain way to say "must be there".
#![allow(clippy::unwrap_used)]

use std::process::Command;

use imasara::cert::Analysis;

const BUNDLE: &str = "/etc/ssl/certs/ca-certificates.crt";

fn openssl_fields(pem: &str) -> Option<std::collections::HashMap<String, String>> {
    let dir = std::env::temp_dir().join(format!("imasara-cert-compare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join("one.pem");
    std::fs::write(&path, pem).ok()?;
    let out = Command::new("openssl")
        .args([
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
        ])
        .arg(&path)
        .output()
        .ok()?;
    let sha1 = Command::new("openssl")
        .args(["x509", "-noout", "-fingerprint", "-sha1", "-in"])
        .arg(&path)
        .output()
        .ok()?;
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&sha1.stdout);
    let mut m = std::collections::HashMap::new();
    for line in text.lines() {
        let t = line.trim();
        for key in [
            "serial=",
            "notBefore=",
            "notAfter=",
            "subject=",
            "issuer=",
            "sha256 Fingerprint=",
            "SHA1 Fingerprint=",
        ] {
            if let Some(v) = line.strip_prefix(key) {
                m.insert(key.trim_end_matches('=').to_string(), v.to_string());
            }
        }
        if let Some(bits) = t
            .strip_prefix("Public-Key: (")
            .and_then(|r| r.strip_suffix(" bit)"))
        {
            m.entry("bits".into()).or_insert_with(|| bits.to_string());
        }
        if let Some(alg) = t.strip_prefix("Signature Algorithm: ") {
            m.entry("sigalg".into()).or_insert_with(|| alg.to_string());
        }
        if t.starts_with("CA:TRUE") {
            m.insert("ca".into(), "true".into());
        }
    }
    Some(m)
}

fn colonless(s: &str) -> String {
    s.replace(':', "").to_lowercase()
}

fn iso(s: &str) -> String {
    // OpenSSL's iso_8601: "2011-09-22 11:22:02Z".
    s.replacen(' ', "T", 1)
}

#[test]
fn fields_match_openssl_over_the_system_bundle() {
    let Ok(bundle) = std::fs::read_to_string(BUNDLE) else {
        eprintln!("skipped: {BUNDLE} is missing");
        return;
    };
    if Command::new("openssl").arg("version").output().is_err() {
        eprintln!("skipped: no openssl binary");
        return;
    }
    let blocks: Vec<String> = bundle
        .split_inclusive("-----END CERTIFICATE-----")
        .filter(|b| b.contains("-----BEGIN CERTIFICATE-----"))
        .map(|b| b[b.find("-----BEGIN").unwrap_or(0)..].to_string())
        .collect();
    let analysis = Analysis::parse(bundle.as_bytes());
    assert_eq!(
        analysis.certificates().len(),
        blocks.len(),
        "every certificate of the bundle parses"
    );
    let mut compared = 0;
    let mut mismatches = Vec::new();
    for (c, pem) in analysis.certificates().iter().zip(&blocks) {
        let Some(o) = openssl_fields(pem) else {
            continue;
        };
        let mut check = |what: &str, ours: String, theirs: Option<String>| {
            if let Some(t) = theirs
                && ours != t
            {
                mismatches.push(format!(
                    "{} [{what}]: ours {ours:?}, openssl {t:?}",
                    c.subject
                ));
            }
        };
        let serial = o.get("serial").map(|s| {
            let s = s.to_lowercase();
            let t = s.trim_start_matches('0');
            if t.is_empty() {
                "00".to_string()
            } else if t.len() % 2 == 1 {
                format!("0{t}")
            } else {
                t.to_string()
            }
        });
        check("serial", c.serial_hex.clone(), serial);
        check(
            "sha256",
            c.sha256.clone(),
            o.get("sha256 Fingerprint").map(|s| colonless(s)),
        );
        check(
            "sha1",
            c.sha1.clone(),
            o.get("SHA1 Fingerprint").map(|s| colonless(s)),
        );
        check(
            "notBefore",
            c.not_before.clone(),
            o.get("notBefore").map(|s| iso(s)),
        );
        check(
            "notAfter",
            c.not_after.clone(),
            o.get("notAfter").map(|s| iso(s)),
        );
        check(
            "subject",
            c.subject.clone(),
            o.get("subject").map(|s| s.replace(" + ", ", ")),
        );
        check(
            "issuer",
            c.issuer.clone(),
            o.get("issuer").map(|s| s.replace(" + ", ", ")),
        );
        check(
            "bits",
            c.public_key.bits.map_or(String::new(), |b| b.to_string()),
            o.get("bits").cloned(),
        );
        check(
            "signature algorithm",
            c.signature_algorithm.clone(),
            o.get("sigalg").cloned(),
        );
        check(
            "ca",
            c.is_ca.to_string(),
            Some(o.get("ca").cloned().unwrap_or_else(|| "false".into())),
        );
        compared += 1;
    }
    eprintln!("compared {compared} certificates with openssl x509");
    assert!(compared > 50, "compared only {compared}");
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

#[test]
fn every_root_in_the_bundle_is_self_signed_or_named_as_such() {
    let Ok(bundle) = std::fs::read(BUNDLE) else {
        eprintln!("skipped: {BUNDLE} is missing");
        return;
    };
    let a = Analysis::parse(&bundle);
    let unchecked: Vec<_> = a
        .certificates()
        .iter()
        .filter(|c| c.self_issued && !c.self_signed)
        .map(|c| (&c.subject, &c.signature_algorithm))
        .collect();
    // Only algorithms this engine does not verify may be left unchecked.
    for (s, alg) in &unchecked {
        assert!(
            !matches!(
                alg.as_str(),
                "sha256WithRSAEncryption"
                    | "sha384WithRSAEncryption"
                    | "ecdsa-with-SHA256"
                    | "ecdsa-with-SHA384"
            ),
            "{s}: {alg}"
        );
    }
}
