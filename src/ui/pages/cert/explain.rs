//! Words for what the engine reports: one place that maps every engine code, browser
//! error and chain check to its locale key, and the built-in samples. Pure, tested
//! natively; the components only look things up here.

use crate::cert::{CheckName, CheckResult, ChromiumError, Code};
use crate::ui::i18n::{Key, k};

/// The explanation of a finding. Exhaustive: a new engine code does not compile until it
/// has words in both languages.
pub fn code_key(code: Code) -> Key {
    use k::cert_codes as c;
    match code {
        Code::NoCertificate => c::no_certificate,
        Code::InputNotRecognised => c::input_not_recognised,
        Code::PrivateKeyPasted => c::private_key_pasted,
        Code::OtherPemBlock => c::other_pem_block,
        Code::PemHeadersMissing => c::pem_headers_missing,
        Code::PemMissingEnd => c::pem_missing_end,
        Code::PemLabelMismatch => c::pem_label_mismatch,
        Code::PemBadBase64 => c::pem_bad_base64,
        Code::OtherDerData => c::other_der_data,
        Code::CertificateUnparsable => c::certificate_unparsable,
        Code::TrailingData => c::trailing_data,
        Code::Pkcs7Unparsable => c::pkcs7_unparsable,
        Code::Pkcs7Bundle => c::pkcs7_bundle,
        Code::MissingIntermediate => c::missing_intermediate,
        Code::UntrustedRoot => c::untrusted_root,
        Code::RootRemovedFromMozilla => c::root_removed_from_mozilla,
        Code::SelfSignedLeaf => c::self_signed_leaf,
        Code::ReverseOrder => c::reverse_order,
        Code::OutOfOrder => c::out_of_order,
        Code::DuplicateCertificate => c::duplicate_certificate,
        Code::UnrelatedCertificate => c::unrelated_certificate,
        Code::CrossSignedAlternative => c::cross_signed_alternative,
        Code::LeafChosen => c::leaf_chosen,
        Code::SignatureInvalid => c::signature_invalid,
        Code::SignatureUnsupported => c::signature_unsupported,
        Code::NameMismatch => c::name_mismatch,
        Code::KeyIdMismatch => c::key_id_mismatch,
        Code::IssuerNotCa => c::issuer_not_ca,
        Code::PathLenExceeded => c::path_len_exceeded,
        Code::IssuerCannotSign => c::issuer_cannot_sign,
        Code::Expired => c::expired,
        Code::NotYetValid => c::not_yet_valid,
        Code::AnchorCertificateOutOfDate => c::anchor_certificate_out_of_date,
        Code::WeakSignatureAlgorithm => c::weak_signature_algorithm,
        Code::WeakKey => c::weak_key,
        Code::HostMismatch => c::host_mismatch,
        Code::HostMatchesOnlyCommonName => c::host_matches_only_common_name,
        Code::HostInternationalised => c::host_internationalised,
        Code::HostNotChecked => c::host_not_checked,
        Code::NoSubjectAltName => c::no_subject_alt_name,
        Code::HostInvalid => c::host_invalid,
        Code::UnsupportedCriticalExtension => c::unsupported_critical_extension,
        Code::LeafIsCa => c::leaf_is_ca,
        Code::LeafNotForServers => c::leaf_not_for_servers,
        Code::TrustedByCustomAnchor => c::trusted_by_custom_anchor,
        Code::RevocationNotChecked => c::revocation_not_checked,
        Code::CtNotChecked => c::ct_not_checked,
        Code::NoEmbeddedScts => c::no_embedded_scts,
        Code::ExtensionUnparsable => c::extension_unparsable,
        Code::NameConstraintViolation => c::name_constraint_violation,
    }
}

/// Whether the finding's `detail` (a name, date, algorithm) completes the sentence. Other
/// details are indices or English parser text and are not shown.
pub fn shows_detail(code: Code) -> bool {
    matches!(
        code,
        Code::OtherPemBlock
            | Code::PemMissingEnd
            | Code::PemLabelMismatch
            | Code::RootRemovedFromMozilla
            | Code::UnrelatedCertificate
            | Code::SignatureUnsupported
            | Code::Expired
            | Code::NotYetValid
            | Code::AnchorCertificateOutOfDate
            | Code::WeakSignatureAlgorithm
            | Code::WeakKey
            | Code::HostMismatch
            | Code::HostMatchesOnlyCommonName
            | Code::HostInternationalised
            | Code::HostInvalid
            | Code::UnsupportedCriticalExtension
            | Code::ExtensionUnparsable
            | Code::NameConstraintViolation
    )
}

/// What a browser would do (`says`) and what the reader can do (`todo`) for an error.
pub fn error_keys(error: ChromiumError) -> (Key, Key) {
    use k::cert::error as e;
    match error {
        ChromiumError::Invalid => (e::invalid_says, e::invalid_todo),
        ChromiumError::AuthorityInvalid => (e::authority_invalid_says, e::authority_invalid_todo),
        ChromiumError::CommonNameInvalid => {
            (e::common_name_invalid_says, e::common_name_invalid_todo)
        }
        ChromiumError::NameConstraintViolation => (
            e::name_constraint_violation_says,
            e::name_constraint_violation_todo,
        ),
        ChromiumError::WeakSignatureAlgorithm => (
            e::weak_signature_algorithm_says,
            e::weak_signature_algorithm_todo,
        ),
        ChromiumError::WeakKey => (e::weak_key_says, e::weak_key_todo),
        ChromiumError::DateInvalid => (e::date_invalid_says, e::date_invalid_todo),
    }
}

/// Firefox's name for the same failure, where it has a distinct one.
pub fn firefox_name(error: ChromiumError) -> Option<&'static str> {
    match error {
        ChromiumError::AuthorityInvalid => Some("SEC_ERROR_UNKNOWN_ISSUER"),
        ChromiumError::DateInvalid => Some("SEC_ERROR_EXPIRED_CERTIFICATE"),
        ChromiumError::CommonNameInvalid => Some("SSL_ERROR_BAD_CERT_DOMAIN"),
        ChromiumError::NameConstraintViolation => Some("SEC_ERROR_CERT_NOT_IN_NAME_SPACE"),
        ChromiumError::WeakSignatureAlgorithm => {
            Some("SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED")
        }
        ChromiumError::Invalid | ChromiumError::WeakKey => None,
    }
}

/// The words for one check of a chain link.
pub fn check_key(check: CheckName) -> Key {
    use k::cert::chain as c;
    match check {
        CheckName::NamesMatch => c::check_names_match,
        CheckName::KeyIdsMatch => c::check_key_ids_match,
        CheckName::IssuerIsCa => c::check_issuer_is_ca,
        CheckName::IssuerMaySign => c::check_issuer_may_sign,
        CheckName::Signature => c::check_signature,
        CheckName::Validity => c::check_validity,
    }
}

/// The words for a check's result, and a symbol so the result is not told by colour alone.
pub fn result_key(result: CheckResult) -> (Key, &'static str) {
    use k::cert::chain as c;
    match result {
        CheckResult::Pass => (c::result_pass, "✓"),
        CheckResult::Fail => (c::result_fail, "✗"),
        CheckResult::NotApplicable => (c::result_not_applicable, "–"),
        CheckResult::Unsupported => (c::result_unsupported, "?"),
    }
}

/// A field of the details view: its name, its one-line explanation, and where its bytes
/// are (a named range of the DER, or the extension with this OID).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldInfo {
    pub id: &'static str,
    pub name: Key,
    pub explain: Key,
    pub bytes: Bytes,
}

/// Where a field's bytes are in the certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bytes {
    /// A range the engine names in `CertificateReport::ranges`.
    Range(&'static str),
    /// The extension with this OID.
    Extension(&'static str),
    /// The whole certificate (fingerprints are digests of all of it).
    Whole,
}

macro_rules! fields {
    ($($id:ident => $bytes:expr,)*) => {
        /// Every field the details view shows, in order.
        pub const FIELDS: &[FieldInfo] = &[$(FieldInfo {
            id: stringify!($id),
            name: k::cert::field::$id,
            explain: k::cert::field_explain::$id,
            bytes: $bytes,
        },)*];
    };
}

fields! {
    subject => Bytes::Range("subject"),
    issuer => Bytes::Range("issuer"),
    validity => Bytes::Range("validity"),
    san => Bytes::Extension("2.5.29.17"),
    public_key => Bytes::Range("subject_public_key_info"),
    signature_algorithm => Bytes::Range("signature_algorithm"),
    basic_constraints => Bytes::Extension("2.5.29.19"),
    key_usage => Bytes::Extension("2.5.29.15"),
    ext_key_usage => Bytes::Extension("2.5.29.37"),
    policies => Bytes::Extension("2.5.29.32"),
    aia => Bytes::Extension("1.3.6.1.5.5.7.1.1"),
    crl => Bytes::Extension("2.5.29.31"),
    scts => Bytes::Extension("1.3.6.1.4.1.11129.2.4.2"),
    key_ids => Bytes::Extension("2.5.29.14"),
    name_constraints => Bytes::Extension("2.5.29.30"),
    serial => Bytes::Range("serial"),
    version => Bytes::Range("version"),
    extensions => Bytes::Range("extensions"),
    sha256 => Bytes::Whole,
    sha1 => Bytes::Whole,
}

/// The field `id`.
pub fn field(id: &str) -> Option<&'static FieldInfo> {
    FIELDS.iter().find(|f| f.id == id)
}

/// The words for a validation level from the policies (`dv`, `ov`, `iv`, `ev`).
pub fn validation_key(level: &str) -> Option<Key> {
    use k::cert::details as d;
    match level {
        "dv" => Some(d::validation_dv),
        "ov" => Some(d::validation_ov),
        "iv" => Some(d::validation_iv),
        "ev" => Some(d::validation_ev),
        _ => None,
    }
}

/// A built-in sample: a file under `samples/` with the host and date that tell its story.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sample {
    /// The id in the URL (`#/cert?sample=expired`).
    pub id: &'static str,
    /// Path under the site's `samples/` folder.
    pub file: &'static str,
    pub host: &'static str,
    /// The "as of" date (`YYYY-MM-DD`) the sample is judged at. Every sample has one, so
    /// what it shows never depends on the day the page is opened (the page shows it).
    pub at: &'static str,
    pub label: Key,
}

/// The samples, in the order the page offers them.
pub const SAMPLES: &[Sample] = &[
    Sample {
        id: "self-signed",
        file: "badssl/wildcard-self-signed.pem",
        host: "self-signed.badssl.com",
        at: "2016-09-08",
        label: k::cert::sample::self_signed,
    },
    Sample {
        id: "valid",
        file: "real-chains/amazon.com.pem",
        host: "amazon.com",
        at: "2026-06-01",
        label: k::cert::sample::valid,
    },
    Sample {
        id: "expired",
        file: "badssl/wildcard-expired.pem",
        host: "expired.badssl.com",
        at: "2015-05-01",
        label: k::cert::sample::expired,
    },
    Sample {
        id: "wrong-host",
        file: "real-chains/docs.python.org.pem",
        host: "docs-python.org",
        at: "2026-06-01",
        label: k::cert::sample::wrong_host,
    },
    Sample {
        id: "incomplete",
        file: "badssl/wildcard-incomplete-chain.pem",
        host: "incomplete-chain.badssl.com",
        at: "2020-04-22",
        label: k::cert::sample::incomplete,
    },
    Sample {
        id: "sha1",
        file: "badssl/wildcard-sha1-intermediate.pem",
        host: "sha1-intermediate.badssl.com",
        at: "2017-05-13",
        label: k::cert::sample::sha1,
    },
    Sample {
        id: "superfish",
        file: "badssl/subdomain-superfish.pem",
        host: "superfish.badssl.com",
        at: "2018-06-15",
        label: k::cert::sample::superfish,
    },
    Sample {
        id: "ev",
        file: "real-chains/apple.com.pem",
        host: "apple.com",
        at: "2026-04-12",
        label: k::cert::sample::ev,
    },
    Sample {
        id: "many-names",
        file: "badssl/subdomain-10000-sans.pem",
        host: "10000-sans.badssl.com",
        at: "2018-06-01",
        label: k::cert::sample::many_names,
    },
];

/// The sample with this URL id.
pub fn sample(id: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|s| s.id == id)
}

/// Seconds since the epoch at 00:00 UTC of `YYYY-MM-DD` (the URL's `at`), or of a full
/// RFC 3339 time.
pub fn parse_at(text: &str) -> Option<i64> {
    let full = if text.len() == 10 {
        format!("{text}T00:00:00Z")
    } else {
        text.to_owned()
    };
    crate::cert::UnixTime::parse_rfc3339(&full).map(|t| t.seconds())
}

/// `YYYY-MM-DD` (UTC) of a time.
pub fn date_of(seconds: i64) -> String {
    crate::cert::UnixTime(seconds)
        .to_rfc3339()
        .chars()
        .take(10)
        .collect()
}

/// `2026-11-27 22:25 UTC`-style text of an RFC 3339 time from the engine.
pub fn utc_text(rfc3339: &str) -> String {
    let t = rfc3339.replacen('T', " ", 1);
    let t = t.trim_end_matches('Z');
    t.get(..16).unwrap_or(t).to_owned()
}

/// Whole days from `from` to `to` (negative when `to` is earlier), rounded toward zero.
pub fn days_between(from: i64, to: i64) -> i64 {
    (to - from) / 86_400
}

/// Bytes as spaced hexadecimal pairs, split into the part before `range`, the range and
/// the part after (for highlighting one field).
pub fn hex_parts(der: &[u8], range: Option<(usize, usize)>) -> (String, String, String) {
    fn hex(bytes: &[u8]) -> String {
        let mut s = String::with_capacity(bytes.len() * 3);
        for b in bytes {
            s.push_str(&format!("{b:02x} "));
        }
        s
    }
    match range {
        Some((offset, len)) if offset <= der.len() => {
            let end = (offset + len).min(der.len());
            (
                hex(&der[..offset]),
                hex(&der[offset..end]),
                hex(&der[end..]),
            )
        }
        _ => (hex(der), String::new(), String::new()),
    }
}

/// A fingerprint as colon-separated upper-case pairs, as browsers show it.
pub fn fingerprint_text(hex: &str) -> String {
    hex.as_bytes()
        .chunks(2)
        .map(|p| String::from_utf8_lossy(p).to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join(":")
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::ui::i18n::{Lang, text};

    #[test]
    fn every_code_has_words_in_both_languages() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let key = code_key(*code);
            assert!(
                seen.insert(key),
                "{} shares its words with another code",
                code.key()
            );
            // The locale key is named after the engine's stable key.
            assert_eq!(key.name(), format!("cert_codes.{}", code.key()));
            for lang in Lang::ALL {
                assert!(!text(lang, key).trim().is_empty());
            }
        }
    }

    #[test]
    fn every_browser_error_has_words() {
        use ChromiumError::*;
        for e in [
            Invalid,
            AuthorityInvalid,
            CommonNameInvalid,
            WeakSignatureAlgorithm,
            WeakKey,
            DateInvalid,
        ] {
            let (says, todo) = error_keys(e);
            assert_ne!(says, todo);
            for lang in Lang::ALL {
                assert!(!text(lang, says).is_empty() && !text(lang, todo).is_empty());
            }
        }
    }

    #[test]
    fn fields_are_unique_and_named() {
        let mut ids: Vec<&str> = FIELDS.iter().map(|f| f.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), FIELDS.len());
        assert!(field("subject").is_some());
        assert!(field("nonsense").is_none());
    }

    #[test]
    fn samples_have_unique_ids_and_valid_dates() {
        let mut ids: Vec<&str> = SAMPLES.iter().map(|s| s.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), SAMPLES.len());
        for s in SAMPLES {
            assert!(parse_at(s.at).is_some(), "{}", s.id);
            let path = format!("{}/static/samples/{}", env!("CARGO_MANIFEST_DIR"), s.file);
            assert!(std::path::Path::new(&path).exists(), "{path}");
        }
    }

    #[test]
    fn dates_and_hex() {
        let t = parse_at("2026-11-27").expect("date");
        assert_eq!(date_of(t), "2026-11-27");
        assert_eq!(date_of(t + 86_399), "2026-11-27");
        assert_eq!(parse_at("not a date"), None);
        assert_eq!(days_between(t, t + 3 * 86_400 + 5), 3);
        assert_eq!(utc_text("2027-01-23T23:59:59Z"), "2027-01-23 23:59");
        let (a, b, c) = hex_parts(&[0x30, 0x82, 0x01, 0xff], Some((1, 2)));
        assert_eq!(
            (a.as_str(), b.as_str(), c.as_str()),
            ("30 ", "82 01 ", "ff ")
        );
        assert_eq!(fingerprint_text("ab01"), "AB:01");
    }
}
