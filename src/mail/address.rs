//! Mail addresses and the envelope syntax of `MAIL FROM:` / `RCPT TO:` (RFC 5321 4.1.2).
//!
//! Lenient the way deployed servers are: a space after the colon and a path without angle
//! brackets are accepted (Postfix does, unless `strict_rfc821_envelopes`). ESMTP parameters
//! after the path are returned for the session to judge (only `SIZE=` is looked at).

use serde::{Deserialize, Serialize};

/// Longest path accepted (RFC 5321 4.5.3.1.3: 256 octets including the brackets).
pub const MAX_PATH: usize = 256;

/// A mailbox `local@domain`. The domain is kept as written; compare with
/// [`Mailbox::domain_is`], which ignores ASCII case.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
        (local_ok && valid_domain(domain)).then(|| Mailbox {
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

/// Whether `domain` is a name a mail server could look up or an address literal
/// (`[192.0.2.1]`): dot-separated labels of letters, digits and inner hyphens, at most 63
/// octets each and 255 in all (RFC 5321 4.1.2 `Domain`, RFC 1035 2.3.4).
#[must_use]
pub fn valid_domain(domain: &str) -> bool {
    if let Some(literal) = domain.strip_prefix('[') {
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
    /// The path as the client typed it (`<hanako@example.net>`): the first word after the
    /// colon. sendmail echoes it in its replies.
    pub path: String,
    /// ESMTP parameters after the path, e.g. `SIZE=1024`, as written.
    pub params: Vec<String>,
}

/// Why a `MAIL FROM:` / `RCPT TO:` argument did not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnvelopeError {
    /// The keyword and colon are not there (`MAIL hanako@example.net`).
    Keyword,
    /// Nothing after the colon.
    Missing,
    /// The address after the colon does not parse (or `<>` where it is not allowed).
    Address,
}

/// The word after the verb as the client typed it, up to `:` or a space (sendmail quotes
/// it in its syntax error: `scanning "FROM"`).
#[must_use]
pub fn keyword_as_typed(args: &str) -> String {
    args.trim_start()
        .split([':', ' '])
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Parse the argument of `MAIL FROM:` (`keyword` = "FROM") or `RCPT TO:` ("TO").
///
/// `args` is everything after the verb. The null path `<>` is accepted only when
/// `allow_null` (MAIL FROM). `None` means a syntax error (501).
#[must_use]
pub fn parse_envelope(args: &str, keyword: &str, allow_null: bool) -> Option<EnvelopeArg> {
    parse_envelope_detailed(args, keyword, allow_null).ok()
}

/// [`parse_envelope`], saying what is wrong.
///
/// # Errors
///
/// [`EnvelopeError`] for a missing keyword, a missing or unparsable address.
pub fn parse_envelope_detailed(
    args: &str,
    keyword: &str,
    allow_null: bool,
) -> Result<EnvelopeArg, EnvelopeError> {
    let args = args.trim_start();
    let head = args.get(..keyword.len()).ok_or(EnvelopeError::Keyword)?;
    if !head.eq_ignore_ascii_case(keyword) {
        return Err(EnvelopeError::Keyword);
    }
    let rest = args
        .get(keyword.len()..)
        .and_then(|r| r.strip_prefix(':'))
        .ok_or(EnvelopeError::Keyword)?
        .trim_start();
    if rest.is_empty() {
        return Err(EnvelopeError::Missing);
    }
    let typed = rest.split(' ').next().unwrap_or_default().to_owned();
    let (path, params) = if let Some(inner) = rest.strip_prefix('<') {
        let end = inner.find('>').ok_or(EnvelopeError::Address)?;
        (
            inner.get(..end).unwrap_or_default(),
            inner.get(end.saturating_add(1)..).unwrap_or_default(),
        )
    } else {
        match rest.split_once(' ') {
            Some((path, params)) => (path, params),
            None => (rest, ""),
        }
    };
    if !params.is_empty() && !params.starts_with(' ') {
        return Err(EnvelopeError::Address);
    }
    let params: Vec<String> = params.split_whitespace().map(str::to_owned).collect();
    if path.is_empty() {
        return if allow_null {
            Ok(EnvelopeArg {
                mailbox: None,
                path: typed,
                params,
            })
        } else {
            Err(EnvelopeError::Address)
        };
    }
    // A source route (`@a,@b:user@c`, RFC 5321 4.1.2) is accepted and ignored.
    let path = match path.rsplit_once(':') {
        Some((route, mailbox)) if route.starts_with('@') => mailbox,
        _ => path,
    };
    Ok(EnvelopeArg {
        mailbox: Some(Mailbox::parse(path).ok_or(EnvelopeError::Address)?),
        path: typed,
        params,
    })
}

/// qmail-smtpd's `addrparse()` (qmail-smtpd.c): the text between `<` and `>` (or, without
/// `<`, after the colon up to a space), a source route dropped, quotes and backslashes
/// removed. Only an address over 900 octets fails. An address without `@` belongs to
/// `default_domain` (qmail's `envnoathost`); an empty one is `None`.
#[must_use]
pub fn qmail_addrparse(args: &str, default_domain: &str) -> Option<Option<Mailbox>> {
    let (mut rest, terminator) = match args.find('<') {
        Some(i) => (args.get(i.saturating_add(1)..).unwrap_or_default(), '>'),
        None => {
            let after = match args.find(':') {
                Some(i) => args.get(i.saturating_add(1)..).unwrap_or_default(),
                None => "",
            };
            (after.trim_start_matches(' '), ' ')
        }
    };
    if rest.starts_with('@') {
        rest = rest.split_once(':').map_or("", |(_, r)| r);
    }
    let mut addr = String::new();
    let (mut escaped, mut quoted) = (false, false);
    for c in rest.chars() {
        if escaped {
            addr.push(c);
            escaped = false;
        } else if !quoted && c == terminator {
            break;
        } else if c == '\\' {
            escaped = true;
        } else if c == '"' {
            quoted = !quoted;
        } else {
            addr.push(c);
        }
    }
    if addr.len() > 900 {
        return None;
    }
    if addr.is_empty() {
        return Some(None);
    }
    let mailbox = match addr.rsplit_once('@') {
        Some((local, domain)) => Mailbox {
            local: local.to_owned(),
            domain: domain.to_owned(),
        },
        None => Mailbox {
            local: addr,
            domain: default_domain.to_owned(),
        },
    };
    Some(Some(mailbox))
}

#[cfg(test)]
#[allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "a test may panic: that is how it fails"
)]
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
                path: "<hanako@example.net>".into(),
                params: vec!["SIZE=120".into()]
            })
        );
        assert_eq!(
            parse_envelope_detailed("hanako@example.net", "FROM", true),
            Err(EnvelopeError::Keyword)
        );
        assert_eq!(
            parse_envelope_detailed("TO:", "TO", false),
            Err(EnvelopeError::Missing)
        );
        assert_eq!(
            parse_envelope_detailed("TO:<broken", "TO", false),
            Err(EnvelopeError::Address)
        );
        assert_eq!(keyword_as_typed(" from:<a@b.c>"), "from");
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

    #[test]
    fn qmail_takes_what_is_between_the_brackets() {
        let local = |s: &str| qmail_addrparse(s, "example.net");
        assert_eq!(local("FROM:<a@b.c>"), Some(mb("a@b.c")));
        assert_eq!(local("FROM:<>"), Some(None));
        assert_eq!(local("hanako"), Some(None));
        assert_eq!(
            local("TO:<hanako>").flatten().map(|m| m.domain),
            Some("example.net".to_owned())
        );
        assert_eq!(local("TO:<@r.example:x@y.z>"), Some(mb("x@y.z")));
        assert_eq!(local(&format!("TO:<{}>", "a".repeat(901))), None);
    }
}
