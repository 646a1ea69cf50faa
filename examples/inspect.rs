//! `inspect`: the certificate engine's report as JSON, for checking it against OpenSSL.
//!
//! ```text
//! cargo run --release --example inspect -- [--host NAME] [--at RFC3339] [--trust FILE]... FILE...
//! ```
//!
//! Reads all FILEs as one pasted set (PEM, DER or PKCS#7) and prints one JSON report on
//! stdout (exit 0). `--at` defaults to now; `--trust FILE` adds the certificates in FILE
//! as trust anchors (besides the embedded Mozilla roots; `--no-mozilla` drops those).
//! With no certificate in the input: a message on stderr and exit status 1. Usage
//! errors exit with status 2.
#![cfg_attr(target_arch = "wasm32", allow(dead_code))]

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(native::run(std::env::args().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use imasara::cert::{Analysis, Anchor, Options, UnixTime};

    const USAGE: &str =
        "usage: inspect [--host NAME] [--at RFC3339] [--trust FILE]... [--no-mozilla] FILE...";

    pub fn run(args: Vec<String>) -> i32 {
        let mut host = None;
        let mut at = None;
        let mut trust_files = Vec::new();
        let mut files = Vec::new();
        let mut mozilla = true;
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
        if analysis.certificates().is_empty() {
            eprintln!("inspect: no certificate found in {}", files.join(", "));
            for f in analysis.input_findings() {
                eprintln!("  {:?}: {}", f.code, f.message);
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
        let value = match serde_json::to_value(&report) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("inspect: cannot serialise the report: {e}");
                return 3;
            }
        };
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
}
