//! Name constraints (RFC 5280 §4.2.1.10): an authority limited to some names.
//!
//! A CA certificate may say which names the certificates below it may carry (permitted
//! subtrees) and which they may not (excluded subtrees). Browsers enforce this for DNS
//! names and IP addresses in the subject alternative names of every certificate below the
//! constrained one; Chromium then fails with `ERR_CERT_NAME_CONSTRAINT_VIOLATION` (Firefox:
//! `SEC_ERROR_CERT_NOT_IN_NAME_SPACE`). Other name types (e-mail, directory names, URIs)
//! are shown on the page but not checked here.
//!
//! DNS subtrees match as RFC 5280 and the Web PKI use them: `example.com` covers the name
//! itself and every name below it (`www.example.com`), never `badexample.com`; a leading
//! dot (`.example.com`) covers only the names below. A wildcard name `*.example.com` stands
//! for every name one label below `example.com`: it is permitted only when all of them
//! would be, and excluded when any of them would be.

/// The DNS and IP subtrees of one nameConstraints extension.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct NameConstraints {
    pub permitted_dns: Vec<String>,
    pub excluded_dns: Vec<String>,
    /// Address and mask, both 4 bytes (IPv4) or both 16 (IPv6).
    pub permitted_ip: Vec<(Vec<u8>, Vec<u8>)>,
    pub excluded_ip: Vec<(Vec<u8>, Vec<u8>)>,
}

impl NameConstraints {
    /// The DNS and IP subtrees of a parsed nameConstraints extension.
    pub(crate) fn from_extension(nc: &x509_parser::extensions::NameConstraints<'_>) -> Self {
        use x509_parser::extensions::GeneralName;
        let mut enforced = NameConstraints::default();
        for (permitted, subtrees) in [
            (true, &nc.permitted_subtrees),
            (false, &nc.excluded_subtrees),
        ] {
            for t in subtrees.iter().flatten() {
                match &t.base {
                    GeneralName::DNSName(d) => enforced.add_dns(permitted, d),
                    GeneralName::IPAddress(b) => enforced.add_ip(permitted, b),
                    _ => {}
                }
            }
        }
        enforced
    }

    /// From the DER of a NameConstraints SEQUENCE (as trust anchors carry them).
    pub(crate) fn from_der(der: &[u8]) -> Option<Self> {
        use x509_parser::prelude::FromDer;
        let (_, nc) = x509_parser::extensions::NameConstraints::from_der(der).ok()?;
        Some(NameConstraints::from_extension(&nc))
    }

    /// Adds one DNS subtree from the extension.
    pub(crate) fn add_dns(&mut self, permitted: bool, name: &str) {
        let name = name.to_ascii_lowercase();
        if permitted {
            self.permitted_dns.push(name);
        } else {
            self.excluded_dns.push(name);
        }
    }

    /// Adds one IP subtree from the extension: the address followed by the mask.
    pub(crate) fn add_ip(&mut self, permitted: bool, address_and_mask: &[u8]) {
        let half = address_and_mask.len() / 2;
        if !matches!(address_and_mask.len(), 8 | 32) {
            return;
        }
        let (address, mask) = address_and_mask.split_at(half);
        let subtree = (address.to_vec(), mask.to_vec());
        if permitted {
            self.permitted_ip.push(subtree);
        } else {
            self.excluded_ip.push(subtree);
        }
    }

    /// The names (DNS names and IP addresses, as given) that break these constraints: not
    /// inside any permitted subtree of their type, or inside an excluded one. The subtrees
    /// themselves are in the constraining certificate's report.
    pub(crate) fn violations(&self, dns: &[String], ips: &[Vec<u8>]) -> Vec<String> {
        let mut found = Vec::new();
        for name in dns {
            let lower = name.to_ascii_lowercase();
            let outside_permitted = !self.permitted_dns.is_empty()
                && !self.permitted_dns.iter().any(|c| dns_permitted(&lower, c));
            if outside_permitted || self.excluded_dns.iter().any(|c| dns_excluded(&lower, c)) {
                found.push(name.clone());
            }
        }
        for ip in ips {
            // As in Chromium, IPv4 and IPv6 are one name type: an IPv6 address under
            // IPv4-only permitted subtrees is outside them.
            let outside_permitted = !self.permitted_ip.is_empty()
                && !self.permitted_ip.iter().any(|(a, m)| ip_in(ip, a, m));
            if outside_permitted || self.excluded_ip.iter().any(|(a, m)| ip_in(ip, a, m)) {
                found.push(super::fields::ip_string(ip));
            }
        }
        found
    }
}

/// Whether `name` (lower case, no wildcard) lies in the DNS subtree `constraint`.
fn dns_within(name: &str, constraint: &str) -> bool {
    if constraint.is_empty() {
        return true;
    }
    match constraint.strip_prefix('.') {
        // Only the names below.
        Some(base) => name.len() > base.len().saturating_add(1) && name.ends_with(constraint),
        None => {
            name == constraint
                || name.strip_suffix(constraint).is_some_and(|label_and_dot| {
                    label_and_dot.len() > 1 && label_and_dot.ends_with('.')
                })
        }
    }
}

/// Whether every name `name` may stand for lies in the subtree.
fn dns_permitted(name: &str, constraint: &str) -> bool {
    match name.strip_prefix("*.") {
        // Every name one label below `base` is in the subtree when one made-up label is.
        Some(base) => dns_within(&format!("x.{base}"), constraint),
        None => dns_within(name, constraint),
    }
}

/// Whether some name `name` may stand for lies in the subtree.
fn dns_excluded(name: &str, constraint: &str) -> bool {
    match name.strip_prefix("*.") {
        Some(base) => {
            dns_within(&format!("x.{base}"), constraint) || {
                // The subtree is one label below `base` (or deeper under such a name):
                // the wildcard can be such a name.
                let c = constraint.strip_prefix('.').unwrap_or(constraint);
                c.strip_suffix(base)
                    .and_then(|label| label.strip_suffix('.'))
                    .is_some_and(|label| !label.is_empty() && !label.contains('.'))
            }
        }
        None => dns_within(name, constraint),
    }
}

fn ip_in(ip: &[u8], address: &[u8], mask: &[u8]) -> bool {
    ip.len() == address.len()
        && ip
            .iter()
            .zip(address)
            .zip(mask)
            .all(|((i, a), m)| i & m == a & m)
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
    fn dns_subtrees_match_whole_labels() {
        assert!(dns_within("example.com", "example.com"));
        assert!(dns_within("www.example.com", "example.com"));
        assert!(!dns_within("badexample.com", "example.com"));
        assert!(!dns_within("example.com", ".example.com"));
        assert!(dns_within("a.b.example.com", ".example.com"));
        assert!(dns_within("anything.org", ""));
    }

    #[test]
    fn wildcards_are_permitted_only_if_all_their_names_are() {
        assert!(dns_permitted("*.example.com", "example.com"));
        assert!(dns_permitted("*.example.com", ".example.com"));
        assert!(!dns_permitted("*.example.com", "www.example.com"));
        assert!(dns_excluded("*.example.com", "www.example.com"));
        assert!(dns_excluded("*.example.com", ".example.com"));
        assert!(!dns_excluded("*.example.com", "a.b.example.com"));
        assert!(!dns_excluded("*.example.com", "other.org"));
    }

    #[test]
    fn violations_name_each_name_outside() {
        let mut nc = NameConstraints::default();
        nc.add_dns(true, "Example.COM");
        nc.add_dns(false, "secret.example.com");
        nc.add_ip(true, &[192, 0, 2, 0, 255, 255, 255, 0]);
        let dns = vec![
            "www.example.com".to_owned(),
            "example.org".to_owned(),
            "SECRET.example.com".to_owned(),
        ];
        let ips = vec![vec![192, 0, 2, 7], vec![198, 51, 100, 1], vec![0; 16]];
        assert_eq!(
            nc.violations(&dns, &ips),
            ["example.org", "SECRET.example.com", "198.51.100.1", "::"]
        );
        // Constraints of one name type leave the other types alone.
        let mut dns_only = NameConstraints::default();
        dns_only.add_dns(true, "example.com");
        assert!(dns_only.violations(&[], &ips).is_empty());
        let mut ip_only = NameConstraints::default();
        ip_only.add_ip(false, &[10, 0, 0, 0, 255, 0, 0, 0]);
        assert!(ip_only.violations(&dns, &[vec![192, 0, 2, 7]]).is_empty());
        assert_eq!(ip_only.violations(&[], &[vec![10, 1, 2, 3]]), ["10.1.2.3"]);
    }
}
