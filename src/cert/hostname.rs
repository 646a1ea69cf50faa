//! Host name matching as browsers do it, and RFC 3492 punycode for internationalised names.
//!
//! As Chromium's `X509Certificate::VerifyHostname` (net/cert/x509_certificate.cc): SAN
//! dNSName entries only (no fallback to the subject common name, since Chromium 58), with
//! RFC 6125 wildcards: `*` must be the whole leftmost label, covers exactly one label, and
//! may not stand directly under a registry-controlled suffix of the Public Suffix List's
//! ICANN section (`*.co.jp` never matches `shop.co.jp`; Firefox and OpenSSL allow it).
//! IP addresses match only iPAddress SAN entries. A Unicode host (`日本語.jp`) is
//! converted to its ASCII form (`xn--wgv71a119e.jp`) and matched so; both forms are
//! reported.

use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The longest host name read (RFC 1035: 253 characters in text form); longer input is
/// refused before any conversion work.
pub const MAX_HOST_LENGTH: usize = 253;

/// How the host name was matched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostReport {
    /// The host as given.
    pub input: String,
    /// The form that was matched (lower-case ASCII; punycode for Unicode labels).
    pub ascii: String,
    /// The Unicode form, when it differs from `ascii`.
    pub unicode: Option<String>,
    /// Whether the given host is an IP address.
    pub is_ip: bool,
    /// Whether the host is syntactically usable.
    pub valid: bool,
    /// The SAN entry that matched (e.g. `*.example.com` or `192.0.2.1`), if any.
    pub matched_by: Option<String>,
    /// A subject common name that would have matched, if no SAN did (browsers ignore it).
    pub common_name_would_match: Option<String>,
    /// A wildcard SAN that would match but sits right under a registry-controlled suffix,
    /// with that suffix (`*.co.jp`, `co.jp`): Chromium refuses it.
    pub wildcard_under_public_suffix: Option<(String, String)>,
}

/// Compares `host` with the leaf's names.
pub(crate) fn check(
    host: &str,
    san_dns: &[String],
    san_ip: &[Vec<u8>],
    common_names: &[String],
) -> HostReport {
    let input: String = host
        .chars()
        .take(MAX_HOST_LENGTH.saturating_add(1))
        .collect();
    let too_long = host.chars().nth(MAX_HOST_LENGTH).is_some();
    if too_long {
        return HostReport {
            ascii: input.to_lowercase(),
            input,
            unicode: None,
            is_ip: false,
            valid: false,
            matched_by: None,
            common_name_would_match: None,
            wildcard_under_public_suffix: None,
        };
    }
    let trimmed = host.trim().trim_end_matches('.');
    let bracketless = trimmed.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bracketless.parse::<std::net::IpAddr>() {
        let bytes = super::fields::ip_octets(ip);
        let matched_by = san_ip
            .iter()
            .find(|b| **b == bytes)
            .map(|b| super::fields::ip_string(b));
        let common_name_would_match = if matched_by.is_none() {
            common_names
                .iter()
                .find(|cn| cn.trim() == bracketless)
                .cloned()
        } else {
            None
        };
        return HostReport {
            input,
            ascii: ip.to_string(),
            unicode: None,
            is_ip: true,
            valid: true,
            matched_by,
            common_name_would_match,
            wildcard_under_public_suffix: None,
        };
    }
    let ascii = to_ascii(trimmed);
    let valid = ascii.as_ref().is_some_and(|a| is_valid_dns(a));
    let ascii = ascii.unwrap_or_else(|| trimmed.to_lowercase());
    let unicode = to_unicode(&ascii).filter(|u| *u != ascii);
    let matched_by = if valid {
        san_dns.iter().find(|p| dns_matches(p, &ascii)).cloned()
    } else {
        None
    };
    let common_name_would_match = if matched_by.is_none() && valid {
        common_names
            .iter()
            .find(|cn| dns_matches(cn, &ascii))
            .cloned()
    } else {
        None
    };
    let wildcard_under_public_suffix = if matched_by.is_none() && valid {
        san_dns.iter().find_map(|p| {
            let suffix = registry_suffix_under_wildcard(p, &ascii)?;
            Some((p.clone(), suffix))
        })
    } else {
        None
    };
    HostReport {
        input,
        ascii,
        unicode,
        is_ip: false,
        valid,
        matched_by,
        common_name_would_match,
        wildcard_under_public_suffix,
    }
}

fn is_valid_dns(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
}

/// RFC 6125 matching of one presented name (`pattern`) against a lower-case ASCII host,
/// with Chromium's rules for wildcards.
pub(crate) fn dns_matches(pattern: &str, host: &str) -> bool {
    match wildcard_match(pattern, host) {
        Some(Wildcard::Plain(same)) => same,
        Some(Wildcard::Matches { rest }) => !wildcard_forbidden(host, &rest),
        None => false,
    }
}

/// How a presented name relates to a host before Chromium's registry rule.
enum Wildcard {
    /// A name without wildcard: whether it is the host.
    Plain(bool),
    /// `*.rest` covers the host's first label.
    Matches { rest: String },
}

fn wildcard_match(pattern: &str, host: &str) -> Option<Wildcard> {
    let p = pattern.trim_end_matches('.').to_ascii_lowercase();
    if p.is_empty() || !p.is_ascii() {
        return None;
    }
    let Some(rest) = p.strip_prefix("*.") else {
        return Some(Wildcard::Plain(!p.contains('*') && p == host));
    };
    // The wildcard covers exactly one whole leftmost label; the rest must have at least
    // two labels (no `*.com`) and contain no further wildcard.
    if rest.contains('*') || !rest.contains('.') {
        return None;
    }
    let (first, tail) = host.split_once('.')?;
    (!first.is_empty() && tail == rest).then(|| Wildcard::Matches {
        rest: rest.to_owned(),
    })
}

/// Chromium's refusal of a wildcard for `host` whose `rest` (what follows `*.`) is the
/// host's registry-controlled suffix (ICANN section, unknown top-level names counted as
/// registries, private section not), or when the host is all digits and dots.
fn wildcard_forbidden(host: &str, rest: &str) -> bool {
    host.bytes().all(|b| b.is_ascii_digit() || b == b'.') || registry_suffix(host) == rest
}

/// The suffix a wildcard stands under when Chromium refuses it for `host`.
fn registry_suffix_under_wildcard(pattern: &str, host: &str) -> Option<String> {
    match wildcard_match(pattern, host)? {
        Wildcard::Matches { rest } if wildcard_forbidden(host, &rest) => Some(rest),
        _ => None,
    }
}

/// The Public Suffix List's ICANN rules of two labels or more (`co.jp`, `*.kawasaki.jp`,
/// `!city.kawasaki.jp`), generated by `scripts/psl-icann.py` from publicsuffix/list, one
/// line per group of rules that share all but their first label (`kawasaki.jp:!city,*`).
/// A table, not the `psl` crate: that crate compiles the whole list into code, which made
/// the engine's worker 190 KB larger after brotli (measured); this table costs about 15 KB
/// (19 KB as one rule a line).
static ICANN_RULES: &str = include_str!("psl_icann.txt");

/// The rules, read from [`ICANN_RULES`] once, without copying its text.
struct Rules {
    /// `co.jp` as `("co", "jp")`.
    names: HashSet<(&'static str, &'static str)>,
    /// `*.kawasaki.jp` as `"kawasaki.jp"`.
    wildcards: HashSet<&'static str>,
    /// `!city.kawasaki.jp` as `("city", "kawasaki.jp")`.
    exceptions: HashSet<(&'static str, &'static str)>,
}

fn icann_rules() -> &'static Rules {
    static RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        let mut rules = Rules {
            names: HashSet::new(),
            wildcards: HashSet::new(),
            exceptions: HashSet::new(),
        };
        let groups = ICANN_RULES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(':'));
        for (rest, firsts) in groups {
            for first in firsts.split(',') {
                if first == "*" {
                    rules.wildcards.insert(rest);
                } else if let Some(first) = first.strip_prefix('!') {
                    rules.exceptions.insert((first, rest));
                } else {
                    rules.names.insert((first, rest));
                }
            }
        }
        rules
    })
}

/// The registry-controlled suffix of a host as Chromium's
/// `GetCanonicalHostRegistryLength(.., INCLUDE_UNKNOWN_REGISTRIES,
/// EXCLUDE_PRIVATE_REGISTRIES)` finds it: the longest matching ICANN rule (wildcards and
/// exceptions as the Public Suffix List's algorithm says), else the last label, known or
/// not.
pub(crate) fn registry_suffix(host: &str) -> &str {
    let rules = icann_rules();
    let mut suffix = host;
    loop {
        let split = suffix.split_once('.');
        if let Some(pair) = split
            && rules.exceptions.contains(&pair)
        {
            return pair.1;
        }
        let parent = split.map(|(_, rest)| rest);
        let wildcard = parent.is_some_and(|p| rules.wildcards.contains(p));
        if wildcard || split.is_some_and(|pair| rules.names.contains(&pair)) {
            return suffix;
        }
        match parent {
            Some(p) => suffix = p,
            None => return suffix,
        }
    }
}

/// Converts a host name to ASCII: lower-case, Unicode labels as `xn--` punycode.
/// Returns `None` when a label cannot be encoded.
pub fn to_ascii(host: &str) -> Option<String> {
    let mut labels = Vec::new();
    // IDNA treats the ideographic and full-width full stops as dots (people typing in
    // Japanese often produce them); case is folded. A full IDNA mapping (NFKC, full-width
    // letters) is out of scope.
    let host = host.replace(['\u{3002}', '\u{ff0e}', '\u{ff61}'], ".");
    for label in host.split('.') {
        let lower = label.to_lowercase();
        if lower.is_ascii() {
            labels.push(lower);
        } else {
            labels.push(format!("xn--{}", punycode_encode(&lower)?));
        }
    }
    Some(labels.join("."))
}

/// Shows a host with `xn--` labels in Unicode; `None` if it has no such label or one does
/// not decode.
pub fn to_unicode(host: &str) -> Option<String> {
    let punycode = |label: &str| {
        label
            .as_bytes()
            .get(..4)
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case(b"xn--"))
    };
    if !host.split('.').any(punycode) {
        return None;
    }
    let mut out = Vec::new();
    for label in host.split('.') {
        let lower = label.to_ascii_lowercase();
        match lower.strip_prefix("xn--") {
            Some(p) => out.push(punycode_decode(p)?),
            None => out.push(label.to_string()),
        }
    }
    Some(out.join("."))
}

const BASE: u32 = 36;
const TMIN: u32 = 1;
const TMAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

/// RFC 3492 6.1, bias adaptation. Every operand is small (delta fits in u32 because the
/// callers check their sums), so saturating arithmetic never actually saturates.
fn adapt(delta: u32, numpoints: u32, first: bool) -> u32 {
    const STEP: u32 = BASE - TMIN;
    let mut delta = delta.checked_div(if first { DAMP } else { 2 }).unwrap_or(0);
    delta = delta.saturating_add(delta.checked_div(numpoints).unwrap_or(0));
    let mut k = 0u32;
    while delta > (STEP * TMAX) / 2 {
        delta = delta.checked_div(STEP).unwrap_or(0);
        k = k.saturating_add(BASE);
    }
    let scaled = (STEP + 1).saturating_mul(delta);
    k.saturating_add(scaled.checked_div(delta.saturating_add(SKEW)).unwrap_or(0))
}

/// The character for digit `d` (0–35).
fn digit(d: u32) -> Option<char> {
    let d = u8::try_from(d).ok()?;
    let byte = if d < 26 {
        b'a'.checked_add(d)?
    } else {
        b'0'.checked_add(d.checked_sub(26)?)?
    };
    (byte.is_ascii_alphanumeric()).then_some(char::from(byte))
}

/// RFC 3492's threshold `t` for the digit at position `k` (clamped to TMIN..=TMAX).
fn threshold(k: u32, bias: u32) -> u32 {
    k.saturating_sub(bias).clamp(TMIN, TMAX)
}

/// RFC 3492 encoding of one label (without the `xn--` prefix).
pub fn punycode_encode(input: &str) -> Option<String> {
    let code_points: Vec<u32> = input.chars().map(u32::from).collect();
    let mut out: String = input.chars().filter(char::is_ascii).collect();
    let basic = u32::try_from(out.len()).ok()?;
    let total = u32::try_from(code_points.len()).ok()?;
    let mut handled = basic;
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    while handled < total {
        let m = *code_points.iter().filter(|c| **c >= n).min()?;
        delta = delta.checked_add(m.checked_sub(n)?.checked_mul(handled.checked_add(1)?)?)?;
        n = m;
        for &c in &code_points {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = threshold(k, bias);
                    if q < t {
                        break;
                    }
                    let span = BASE.checked_sub(t)?;
                    let beyond = q.checked_sub(t)?;
                    out.push(digit(t.checked_add(beyond.checked_rem(span)?)?)?);
                    q = beyond.checked_div(span)?;
                    k = k.checked_add(BASE)?;
                }
                out.push(digit(q)?);
                bias = adapt(delta, handled.checked_add(1)?, handled == basic);
                delta = 0;
                handled = handled.checked_add(1)?;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(out)
}

/// RFC 3492 decoding of one label (without the `xn--` prefix).
pub fn punycode_decode(input: &str) -> Option<String> {
    if !input.is_ascii() {
        return None;
    }
    let (basic, rest) = match input.rsplit_once('-') {
        Some((basic, rest)) => (basic, rest),
        None => ("", input),
    };
    let mut out: Vec<u32> = basic.chars().map(u32::from).collect();
    let (mut n, mut i, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    let mut digits = rest.bytes().peekable();
    while digits.peek().is_some() {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let c = digits.next()?;
            let d = u32::from(match c {
                b'a'..=b'z' => c.checked_sub(b'a')?,
                b'A'..=b'Z' => c.checked_sub(b'A')?,
                b'0'..=b'9' => c.checked_sub(b'0')?.checked_add(26)?,
                _ => return None,
            });
            i = i.checked_add(d.checked_mul(w)?)?;
            let t = threshold(k, bias);
            if d < t {
                break;
            }
            w = w.checked_mul(BASE.checked_sub(t)?)?;
            k = k.checked_add(BASE)?;
        }
        let len = u32::try_from(out.len()).ok()?.checked_add(1)?;
        bias = adapt(i.checked_sub(old_i)?, len, old_i == 0);
        n = n.checked_add(i.checked_div(len)?)?;
        i = i.checked_rem(len)?;
        char::from_u32(n)?;
        let at = usize::try_from(i).ok()?;
        if at > out.len() {
            return None;
        }
        out.insert(at, n);
        i = i.checked_add(1)?;
    }
    out.into_iter().map(char::from_u32).collect()
}

#[cfg(test)]
#[allow(
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::arithmetic_side_effects,
    reason = "tests index known fixtures and fail by panicking"
)]
mod tests {
    use super::*;

    #[test]
    fn rfc3492_vectors() {
        // Sample strings from RFC 3492 section 7.1.
        let vectors = [
            ("他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"),
            ("ليهمابتكلموشعربي؟", "egbpdaj6bu4bxfgehfvwxn"),
            ("3年B組金八先生", "3B-ww4c5e180e575a65lsy2b"),
            (
                "安室奈美恵-with-SUPER-MONKEYS",
                "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n",
            ),
            ("パフィーdeルンバ", "de-jg4avhby1noc0d"),
            ("そのスピードで", "d9juau41awczczp"),
            (
                "Hello-Another-Way-それぞれの場所",
                "Hello-Another-Way--fc4qua05auwb3674vfr0b",
            ),
        ];
        for (u, p) in vectors {
            assert_eq!(punycode_encode(u).as_deref(), Some(p), "{u}");
            assert_eq!(punycode_decode(p).as_deref(), Some(u), "{p}");
        }
    }

    #[test]
    fn japanese_domain() {
        assert_eq!(to_ascii("日本語.jp").as_deref(), Some("xn--wgv71a119e.jp"));
        assert_eq!(to_ascii("日本語。JP").as_deref(), Some("xn--wgv71a119e.jp"));
        assert_eq!(
            to_unicode("xn--wgv71a119e.jp").as_deref(),
            Some("日本語.jp")
        );
        assert_eq!(to_unicode("example.jp"), None);
    }

    #[test]
    fn the_suffix_table_is_read_whole() {
        // Every line a group `rest:first,...`, each first a label, `*` or `!label`; every
        // rule read into one of the three sets.
        let mut rules = 0;
        for line in ICANN_RULES.lines().filter(|l| !l.starts_with('#')) {
            let (rest, firsts) = line.split_once(':').expect(line);
            assert!(!rest.is_empty() && !rest.contains(':'), "{line}");
            for first in firsts.split(',') {
                let label = first.trim_start_matches('!');
                assert!(
                    first == "*" || (!label.is_empty() && !label.contains(['.', '*'])),
                    "{line}"
                );
                rules += 1;
            }
        }
        let read = icann_rules();
        assert_eq!(
            read.names.len() + read.wildcards.len() + read.exceptions.len(),
            rules
        );
        assert!(rules > 5_000, "{rules}");
        assert_eq!(registry_suffix("www.city.kobe.jp"), "kobe.jp");
        assert_eq!(registry_suffix("a.b.er"), "b.er");
    }

    #[test]
    fn no_wildcard_right_under_a_registry_as_chromium() {
        // co.jp and ne.jp are ICANN registries: no certificate may cover all of them.
        assert!(!dns_matches("*.co.jp", "shop.co.jp"));
        assert!(!dns_matches("*.ne.jp", "home.ne.jp"));
        assert!(dns_matches("*.example.co.jp", "www.example.co.jp"));
        // appspot.com is a private-section suffix: allowed, as Chromium allows it.
        assert!(dns_matches("*.appspot.com", "my-app.appspot.com"));
        // Wildcard and exception rules of the list.
        assert_eq!(registry_suffix("www.foo.kawasaki.jp"), "foo.kawasaki.jp");
        assert_eq!(registry_suffix("www.city.kawasaki.jp"), "kawasaki.jp");
        assert_eq!(registry_suffix("shop.co.jp"), "co.jp");
        // Unknown top-level names count as registries.
        assert_eq!(registry_suffix("printer.intranet"), "intranet");
        assert_eq!(registry_suffix("www.example.com"), "com");
        assert_eq!(registry_suffix("a.b.appspot.com"), "com");
        let r = check("shop.co.jp", &["*.co.jp".into()], &[], &[]);
        assert_eq!(r.matched_by, None);
        assert_eq!(
            r.wildcard_under_public_suffix,
            Some(("*.co.jp".to_owned(), "co.jp".to_owned()))
        );
    }

    #[test]
    fn over_long_hosts_are_refused_before_any_work() {
        let long = "a".repeat(1_000_000);
        let r = check(&long, &["a".into()], &[], &[]);
        assert!(!r.valid);
        assert!(r.input.chars().count() <= MAX_HOST_LENGTH + 1);
    }

    #[test]
    fn wildcards() {
        assert!(dns_matches("*.example.com", "www.example.com"));
        assert!(!dns_matches("*.example.com", "example.com"));
        assert!(!dns_matches("*.example.com", "a.b.example.com"));
        assert!(!dns_matches("*.com", "example.com"));
        assert!(!dns_matches("w*.example.com", "www.example.com"));
        assert!(dns_matches("WWW.Example.COM.", "www.example.com"));
    }

    #[test]
    fn ip_and_cn() {
        let r = check("192.0.2.1", &[], &[vec![192, 0, 2, 1]], &[]);
        assert_eq!(r.matched_by.as_deref(), Some("192.0.2.1"));
        let r = check(
            "www.example.com",
            &["other.example".into()],
            &[],
            &["www.example.com".into()],
        );
        assert_eq!(r.matched_by, None);
        assert_eq!(
            r.common_name_would_match.as_deref(),
            Some("www.example.com")
        );
        let r = check("日本語.jp", &["xn--wgv71a119e.jp".into()], &[], &[]);
        assert_eq!(r.matched_by.as_deref(), Some("xn--wgv71a119e.jp"));
        assert_eq!(r.unicode.as_deref(), Some("日本語.jp"));
    }
}
