//! Mail addresses and the envelope syntax of `MAIL FROM:` / `RCPT TO:` (RFC 5321 4.1.2).
//!
//! Lenient the way deployed servers are: a space after the colon and a path without angle
//! brackets are accepted (Postfix does, unless `strict_rfc821_envelopes`). ESMTP parameters
//! after the path are returned for the session to judge (only `SIZE=` is looked at).

use serde::Serialize;

/// Longest path accepted (RFC 5321 4.5.3.1.3: 256 octets including the brackets).
pub const MAX_PATH: usize = 256;

/// A mailbox `local@domain`. The domain is kept as written; compare with
/// [`Mailbox::domain_is`], which ignores ASCII case.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Mailbox {
    /// The part before `@`.
    pub local: String,
    /// The part after `@`.
    pub domain: String,
}

impl Mailbox {
    /// Parse `local@domain` (no brackets). `None` if it is not a plausible address.
    #[must_use]
    pub fn parse(text: &str) -> Option<Mailbox> {
        if text.is_empty() || text.len() > MAX_PATH {
            return None;
        }
        let (local, domain) = text.rsplit_once('@')?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && local
                .bytes()
                .all(|b| b.is_ascii_graphic() && !b"<>()[]\\,;:@\"".contains(&b));
        let domain_ok = if let Some(literal) = domain.strip_prefix('[') {
            literal
                .strip_suffix(']')
                .is_some_and(|ip| ip.parse::<core::net::IpAddr>().is_ok())
        } else {
            !domain.is_empty()
                && domain.len() <= 255
                && domain.split('.').all(|label| {
                    !label.is_empty()
                        && label.len() <= 63
                        && label
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                        && !label.starts_with('-')
                        && !label.ends_with('-')
                })
        };
        (local_ok && domain_ok).then(|| Mailbox {
            local: local.to_owned(),
            domain: domain.to_owned(),
        })
    }

    /// Whether this mailbox's domain is `domain` (ASCII case-insensitive).
    #[must_use]
    pub fn domain_is(&self, domain: &str) -> bool {
        self.domain.eq_ignore_ascii_case(domain)
    }
}

impl core::fmt::Display for Mailbox {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}@{}", self.local, self.domain)
    }
}

/// A parsed `MAIL FROM:` or `RCPT TO:` argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvelopeArg {
    /// `None` for the null reverse-path `<>` (bounces).
    pub mailbox: Option<Mailbox>,
    /// ESMTP parameters after the path, e.g. `SIZE=1024`, as written.
    pub params: Vec<String>,
}

/// Parse the argument of `MAIL FROM:` (`keyword` = "FROM") or `RCPT TO:` ("TO").
///
/// `args` is everything after the verb. The null path `<>` is accepted only when
/// `allow_null` (MAIL FROM). `None` means a syntax error (501).
#[must_use]
pub fn parse_envelope(args: &str, keyword: &str, allow_null: bool) -> Option<EnvelopeArg> {
    let args = args.trim_start();
    let head = args.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = args.get(keyword.len()..)?.strip_prefix(':')?.trim_start();
    let (path, params) = if let Some(inner) = rest.strip_prefix('<') {
        let end = inner.find('>')?;
        (&inner[..end], &inner[end + 1..])
    } else {
        match rest.split_once(' ') {
            Some((path, params)) => (path, params),
            None => (rest, ""),
        }
    };
    if !params.is_empty() && !params.starts_with(' ') {
        return None;
    }
    let params: Vec<String> = params.split_whitespace().map(str::to_owned).collect();
    if path.is_empty() {
        return allow_null.then_some(EnvelopeArg {
            mailbox: None,
            params,
        });
    }
    // A source route (`@a,@b:user@c`, RFC 5321 4.1.2) is accepted and ignored.
    let path = match path.rsplit_once(':') {
        Some((route, mailbox)) if route.starts_with('@') => mailbox,
        _ => path,
    };
    Some(EnvelopeArg {
        mailbox: Some(Mailbox::parse(path)?),
        params,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mb(s: &str) -> Option<Mailbox> {
        Mailbox::parse(s)
    }

    #[test]
    fn mailboxes() {
        assert_eq!(
            mb("taro@example.org"),
            Some(Mailbox {
                local: "taro".into(),
                domain: "example.org".into()
            })
        );
        assert!(mb("user@[203.0.113.7]").is_some());
        for bad in [
            "",
            "taro",
            "@example.org",
            "taro@",
            "ta ro@x.org",
            "a@-x.org",
            "a@x..org",
        ] {
            assert_eq!(mb(bad), None, "{bad}");
        }
        assert!(mb("Taro@Example.ORG").is_some_and(|m| m.domain_is("example.org")));
    }

    #[test]
    fn envelope_arguments() {
        let got = parse_envelope("FROM:<hanako@example.net> SIZE=120", "FROM", true);
        assert_eq!(
            got,
            Some(EnvelopeArg {
                mailbox: mb("hanako@example.net"),
                params: vec!["SIZE=120".into()]
            })
        );
        assert!(parse_envelope("from: <a@b.c>", "FROM", true).is_some());
        assert!(parse_envelope("TO:a@b.c", "TO", false).is_some());
        assert!(parse_envelope("FROM:<>", "FROM", true).is_some_and(|a| a.mailbox.is_none()));
        assert_eq!(parse_envelope("TO:<>", "TO", false), None);
        assert_eq!(parse_envelope("TO <a@b.c>", "TO", false), None);
        assert_eq!(parse_envelope("TO:<a@b.c", "TO", false), None);
        assert_eq!(parse_envelope("TO:<a@b.c>x", "TO", false), None);
        assert_eq!(parse_envelope("", "TO", false), None);
        assert!(parse_envelope("TO:<@relay.example:a@b.c>", "TO", false).is_some());
    }
}
