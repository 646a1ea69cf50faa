//! `inspect`: the certificate engine's report as JSON, for checking it against OpenSSL.
//!
//! ```text
//! cargo run --release --example inspect -- [--host NAME] [--at RFC3339] [--trust FILE]...
//!     [--compare-with OLD_FILE] FILE...
//! ```
//!
//! `--compare-with OLD_FILE` judges that file's chain the same way and adds `comparison`:
//! what changed from it to the FILEs' chain, as at a renewal (`imasara::cert::compare`).
//!
//! Reads all FILEs as one pasted set (PEM, DER or PKCS#7) and prints one JSON report on
//! stdout (exit 0): the engine's own report, with every finding's English sentence made
//! by the very function the page uses for its words (`explain::finding_text`). `--at` defaults to now; `--trust FILE` adds the certificates in FILE
//! as trust anchors (besides the embedded Mozilla roots; `--no-mozilla` drops those).
//! Certificate signing requests and revocation lists in the input are reported as
//! `requests` and `crls` (`imasara::cert::documents`); each embedded SCT names its log from
//! the dated list that `ct_log_list` identifies. With no certificate, request or list in
//! the input: a message on stderr and exit status 1. Usage
//! errors exit with status 2.
#![forbid(unsafe_code)]
#![cfg_attr(target_arch = "wasm32", allow(dead_code))]

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(native::run(std::env::args().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use imasara::cert::openssl::LeafNames;
    use imasara::cert::{Analysis, Anchor, Client, Finding, Issuer, Options, Report, UnixTime};
    use imasara::ui::i18n::Lang;
    use imasara::ui::pages::cert::explain::finding_text;
    use serde_json::{Value, json};

    const USAGE: &str = "usage: inspect [--host NAME] [--at RFC3339] [--trust FILE]... [--no-mozilla] [--compare-with OLD_FILE] FILE...";

    pub fn run(args: Vec<String>) -> i32 {
        let mut host = None;
        let mut at = None;
        let mut trust_files = Vec::new();
        let mut files = Vec::new();
        let mut mozilla = true;
        let mut old_file = None;
        let mut it = args.into_iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--host" => host = it.next(),
                "--at" => match it.next().as_deref().map(UnixTime::parse_rfc3339) {
                    Some(Some(t)) => at = Some(t),
                    _ => {
                        eprintln!(
                            "inspect: --at needs an RFC 3339 time, e.g. 2026-11-27T12:00:00Z\n{USAGE}"
                        );
                        return 2;
                    }
                },
                "--trust" => match it.next() {
                    Some(f) => trust_files.push(f),
                    None => {
                        eprintln!("inspect: --trust needs a file\n{USAGE}");
                        return 2;
                    }
                },
                "--no-mozilla" => mozilla = false,
                "--compare-with" => match it.next() {
                    Some(f) => old_file = Some(f),
                    None => {
                        eprintln!("inspect: --compare-with needs a file\n{USAGE}");
                        return 2;
                    }
                },
                "-h" | "--help" => {
                    println!("{USAGE}");
                    return 0;
                }
                s if s.starts_with("--") => {
                    eprintln!("inspect: unknown option {s}\n{USAGE}");
                    return 2;
                }
                _ => files.push(a),
            }
        }
        if files.is_empty() {
            eprintln!("inspect: no input file\n{USAGE}");
            return 2;
        }
        let read = |f: &str| -> Result<Vec<u8>, i32> {
            std::fs::read(f).map_err(|e| {
                eprintln!("inspect: cannot read {f}: {e}");
                2
            })
        };
        let mut inputs = Vec::new();
        for f in &files {
            match read(f) {
                Ok(b) => inputs.push(b),
                Err(code) => return code,
            }
        }
        let mut anchors = Vec::new();
        for f in &trust_files {
            match read(f) {
                Ok(b) => {
                    let found = Anchor::from_input(&b);
                    if found.is_empty() {
                        eprintln!("inspect: no certificate in trust file {f}");
                        return 2;
                    }
                    anchors.extend(found);
                }
                Err(code) => return code,
            }
        }
        let at = at.unwrap_or_else(|| {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            UnixTime(i64::try_from(secs).unwrap_or(i64::MAX))
        });
        let refs: Vec<&[u8]> = inputs.iter().map(Vec::as_slice).collect();
        let analysis = Analysis::parse_inputs(&refs);
        if analysis.certificates().is_empty()
            && analysis.requests().is_empty()
            && analysis.crls().is_empty()
        {
            eprintln!("inspect: no certificate found in {}", files.join(", "));
            for f in analysis.input_findings() {
                eprintln!(
                    "  {}: {}",
                    f.code().key(),
                    finding_text(Lang::En, f, analysis.certificates())
                );
            }
            return 1;
        }
        let options = Options {
            at,
            host,
            extra_anchors: anchors,
            mozilla_roots: mozilla,
        };
        let report = analysis.judge(&options);
        let mut value = match report_json(&analysis, &report) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("inspect: cannot serialise the report: {e}");
                return 3;
            }
        };
        if let Some(f) = &old_file {
            let old = match read(f) {
                Ok(b) => Analysis::parse(&b),
                Err(code) => return code,
            };
            let old_report = old.judge(&options);
            use imasara::cert::compare::{Side, compare};
            let before = Side {
                certificates: old.certificates(),
                report: &old_report,
            };
            let after = Side {
                certificates: analysis.certificates(),
                report: &report,
            };
            let Some(comparison) = compare(before, after) else {
                eprintln!("inspect: no certificate found in {f}");
                return 1;
            };
            match serde_json::to_value(&comparison) {
                Ok(mut c) => {
                    // Times as the rest of the report shows them.
                    let ((a, b), (x, y)) = comparison.validity;
                    c["validity"] = json!([[time(a), time(b)], [time(x), time(y)]]);
                    value["comparison"] = c;
                }
                Err(e) => {
                    eprintln!("inspect: {e}");
                    return 3;
                }
            }
        }
        match serde_json::to_string_pretty(&value) {
            Ok(s) => {
                println!("{s}");
                0
            }
            Err(e) => {
                eprintln!("inspect: {e}");
                3
            }
        }
    }

    /// A time as the JSON shows it: RFC 3339.
    fn time(t: UnixTime) -> Value {
        Value::String(t.to_rfc3339())
    }

    /// One finding: its code, where it applies, what it does to the verdict, its data and
    /// the English sentence the page would show.
    fn finding_json(analysis: &Analysis, f: &Finding) -> serde_json::Result<Value> {
        Ok(json!({
            "code": f.code().key(),
            "severity": f.severity,
            "error": f.error,
            "certificate": f.certificate,
            "block": f.block,
            "data": serde_json::to_value(&f.kind)?,
            "message": finding_text(Lang::En, f, analysis.certificates()),
        }))
    }

    /// The report as JSON, in the documented shape (README: "The certificate engine and
    /// inspect"): certificates, chain, links, trust, errors, primary_error, warnings, and
    /// Firefox's name beside Chromium's.
    fn report_json(analysis: &Analysis, report: &Report) -> serde_json::Result<Value> {
        let certs = analysis.certificates();
        let certificates = certs
            .iter()
            .map(|c| {
                let mut v = serde_json::to_value(c)?;
                v["not_before"] = time(c.not_before);
                v["not_after"] = time(c.not_after);
                Ok(v)
            })
            .collect::<serde_json::Result<Vec<Value>>>()?;
        let links: Vec<Value> = report
            .links
            .iter()
            .map(|l| {
                let (issuer_index, issuer) = match &l.issuer {
                    Issuer::Certificate(i) => (
                        Some(*i),
                        certs.get(*i).map(|c| c.subject.clone()).unwrap_or_default(),
                    ),
                    Issuer::Anchor { name } => (None, name.clone()),
                };
                json!({
                    "child": l.child,
                    "subject": certs.get(l.child).map(|c| c.subject.clone()),
                    "issuer_index": issuer_index,
                    "issuer": issuer,
                    "issuer_is_anchor": l.issuer_is_anchor,
                    "signature": l.signature,
                    "checks": l.checks,
                })
            })
            .collect();
        let missing_issuer = report.missing_issuer.and_then(|m| {
            let c = certs.get(m.child)?;
            Some(json!({
                "child": m.child,
                "name": c.issuer,
                "ca_issuers_urls": c.ca_issuers_urls,
                "authority_key_id": c.authority_key_id,
            }))
        });
        // What OpenSSL-based clients would say (imasara::cert::openssl): one row each.
        let leaf_names = report
            .chain
            .first()
            .and_then(|&i| certs.get(i))
            .map(LeafNames::of)
            .unwrap_or_default();
        let host = report.host.as_ref().map(|h| h.ascii.as_str());
        let clients: Vec<Value> = Client::ALL
            .iter()
            .map(|client| {
                let says = client.says_for(report, host, &leaf_names);
                // A TLS client whose handshake ends, or openssl verify that cannot load a
                // file, verifies nothing.
                let handshake = client.stopped_by(report);
                json!({
                    "client": client,
                    "ok": says.is_none(),
                    "handshake": handshake,
                    "error": handshake.is_none().then(|| client.first_failure(&report.openssl)).flatten().map(|f| json!({
                        "code": f.error.code(),
                        "depth": f.depth,
                        "text": f.error.text(),
                    })),
                    "says": says,
                })
            })
            .collect();
        // Where browsers fetch or preload and others refuse (imasara::cert::platforms).
        let platforms = serde_json::to_value(imasara::cert::platforms::rows(certs, report))?;
        let mut trust = serde_json::to_value(&report.trust)?;
        trust["root_set"] = serde_json::to_value(analysis.root_set())?;
        let warnings = analysis
            .input_findings()
            .iter()
            .chain(&report.findings)
            .map(|f| finding_json(analysis, f))
            .collect::<serde_json::Result<Vec<Value>>>()?;
        // Each revocation list with its dates as text and whether it is current at `at`.
        let crls = analysis
            .crls()
            .iter()
            .map(|l| {
                let mut v = serde_json::to_value(l)?;
                v["this_update"] = time(l.this_update);
                v["next_update"] = l.next_update.map_or(Value::Null, time);
                v["current"] = Value::Bool(l.is_current(report.at));
                Ok(v)
            })
            .collect::<serde_json::Result<Vec<Value>>>()?;
        Ok(json!({
            "at": time(report.at),
            "blocks": analysis.blocks(),
            "certificates": certificates,
            "validity": report.validity,
            "chain": report.chain,
            "links": links,
            "missing_issuer": missing_issuer,
            "trust": trust,
            "host": report.host,
            "errors": report.errors,
            "primary_error": report.primary_error,
            "fatal": report.primary_error.is_some_and(|e| e.is_fatal()),
            "firefox_error": report.firefox_error,
            "openssl": report.openssl,
            "clients": clients,
            "platforms": platforms,
            "warnings": warnings,
            "requests": analysis.requests(),
            "crls": crls,
            "ct_log_list": {
                "version": imasara::cert::ct::LIST_VERSION,
                "published": time(imasara::cert::ct::LIST_PUBLISHED),
            },
        }))
    }
}
