//! Host names, as the `hostname` target runs them: IDNA conversion both ways, RFC 3492
//! punycode round trips, and the host check the judge runs (against a real leaf with
//! wildcard names, cloudflare.com's).
//!
//! Invariants: `to_ascii` gives ASCII, and each Unicode label it encodes decodes back to
//! itself; whatever `punycode_decode` accepts re-encodes to something that decodes to the
//! same text; whatever `punycode_encode` gives decodes back; the judge's `HostReport`
//! keeps at most `MAX_HOST_LENGTH` + 1 characters of the input, calls a host valid only
//! when its ASCII form is a DNS name (or an IP), and names as `matched_by` only one of the
//! leaf's own names.

use std::sync::OnceLock;

use imasara::cert::hostname::{
    MAX_HOST_LENGTH, punycode_decode, punycode_encode, to_ascii, to_unicode,
};
use imasara::cert::{Analysis, Options, UnixTime};

const LEAF: &[u8] = include_bytes!("../../tests/fixtures/cert/real-chains/cloudflare.com.pem");

fn analysis() -> &'static Analysis {
    static ANALYSIS: OnceLock<Analysis> = OnceLock::new();
    ANALYSIS.get_or_init(|| Analysis::parse(LEAF))
}

pub fn run(data: &[u8]) {
    let host = String::from_utf8_lossy(data);

    // IDNA, as the page converts what a reader types.
    if let Some(ascii) = to_ascii(&host) {
        assert!(ascii.is_ascii(), "{ascii:?}");
        let mapped = host.replace(['\u{3002}', '\u{ff0e}', '\u{ff61}'], ".");
        for label in mapped.split('.') {
            let lower = label.to_lowercase();
            if !lower.is_ascii() {
                let encoded = punycode_encode(&lower).expect("to_ascii encoded it");
                assert_eq!(punycode_decode(&encoded).as_deref(), Some(lower.as_str()));
            }
        }
        let _ = to_unicode(&ascii);
    }
    let _ = to_unicode(&host);

    // Punycode in both directions, the input taken as one label.
    if let Some(decoded) = punycode_decode(&host) {
        let again = punycode_encode(&decoded).expect("a decoded label encodes");
        assert_eq!(punycode_decode(&again).as_deref(), Some(decoded.as_str()));
    }
    if let Some(encoded) = punycode_encode(&host) {
        assert!(encoded.is_ascii());
        assert_eq!(punycode_decode(&encoded).as_deref(), Some(&*host));
    }

    // The judge's host check.
    let analysis = analysis();
    let options = Options::at(UnixTime(1_700_000_000)).with_host(host.clone());
    let report = analysis.judge(&options);
    let checked = report.host.expect("a host was given");
    assert!(checked.input.chars().count() <= MAX_HOST_LENGTH + 1);
    if checked.valid && !checked.is_ip {
        assert!(
            checked.ascii.is_ascii() && checked.ascii.len() <= 253,
            "{checked:?}"
        );
    }
    if let Some(name) = &checked.matched_by {
        let leaf = &analysis.certificates()[0];
        assert!(
            leaf.san_dns.contains(name) || leaf.san_ip.contains(name),
            "{name}"
        );
    }
}
